"""The counts round by round, pinned whole: GOV-LEAD-ELECT's instant-runoff (every round's
number, counts, exhausted ballots, who won or went out and why, each tiebreaking step) and
PC-ELECTION's approval option and head-to-head counts. The shorter tests in test_election_irv.py
and test_election_star.py say who wins; these say what the published report shows."""

from __future__ import annotations

import pytest

from charter.elections.ballots import RankBallots, ScoreBallots
from charter.elections.irv import IrvResult, IrvRound, instant_runoff
from charter.elections.star import Round, Scores, approval_rounds, star_rounds
from charter.elections.ties import Resolver, Step, TieUnresolved


def rb(cands: str, *groups: tuple[int, str]) -> RankBallots:
    """``(3, "ab")`` is three ballots ranking a then b; ``(1, "")`` one ballot ranking nobody."""
    return RankBallots(tuple(cands), tuple(tuple(g) for n, g in groups for _ in range(n)))


def test_gov_lead_elect_rounds_are_numbered_and_exhausted_ballots_counted() -> None:
    # round 1: a 4, b 3, c 2, two ballots rank nobody still in the count; c goes out and its
    # ballots go one to b, one nowhere; round 2: a 4, b 4 of 8 continuing: no majority, a tie for
    # fewest broken by round 1 (b had fewer), so b goes; round 3: a alone
    res = instant_runoff(rb("abc", (4, "a"), (3, "b"), (1, "cb"), (1, "c"), (2, "")))
    assert res == IrvResult("a", [
        IrvRound(1, {"a": 4, "b": 3, "c": 2}, 2, eliminated="c"),
        IrvRound(2, {"a": 4, "b": 4}, 3, eliminated="b", note="fewest votes in an earlier round",
                 tiebreaks=[Step("fewest votes in round 1", {"a": 4, "b": 3}, tied=("a", "b"),
                                 ahead=("a",))]),
        IrvRound(3, {"a": 4}, 7, winner="a", note="the only candidate left"),
    ])


def test_gov_lead_elect_majority_round_says_of_how_many_ballots() -> None:
    res = instant_runoff(rb("abc", (3, "a"), (1, "b"), (1, "c"), (1, "")))
    assert res == IrvResult("a", [IrvRound(1, {"a": 3, "b": 1, "c": 1}, 1, winner="a",
                                           note="more than half of 5 continuing ballots")])


def test_gov_lead_elect_three_way_tie_for_fewest_goes_to_the_earlier_round() -> None:
    # round 1: a 6, b 4, c 4, d 3, e 1 -> e out (to d): round 2: a 6, b 4, c 4, d 4 -> d out
    # (fewest in round 1); its ballots go to a: round 3: a 10, b 4, c 4 -> a has a majority
    res = instant_runoff(rb("abcde", (6, "a"), (4, "b"), (4, "c"), (3, "da"), (1, "eda")))
    assert [r.eliminated for r in res.rounds] == ["e", "d", None]
    assert res.rounds[1].tiebreaks == [
        Step("fewest votes in round 1", {"b": 4, "c": 4, "d": 3}, tied=("b", "c", "d"),
             ahead=("b", "c"))]


def test_gov_lead_elect_second_look_back_step_after_one_that_did_not_separate() -> None:
    # Round 1: a 5, b 3, c 2, d 2, e 1 (e's ballot goes to c). Round 2: a 5, b 3, c 3, d 2 -> d
    # out (its ballots go to b and c, one each). Round 3: a 5, b 4, c 4: b and c tie for
    # fewest; round 2 had them equal (3, 3), round 1 had c fewer (2 < 3): two look-back steps,
    # the first leaving the tie, the second breaking it. Round 4: a 5 of the 9 still counted.
    res = instant_runoff(rb("abcde", (5, "a"), (3, "b"), (2, "c"), (1, "db"), (1, "dc"),
                            (1, "ec")))
    assert [r.eliminated for r in res.rounds[:3]] == ["e", "d", "c"]
    third = res.rounds[2]
    assert third == IrvRound(3, {"a": 5, "b": 4, "c": 4}, 0, eliminated="c",
                             note="fewest votes in an earlier round", tiebreaks=[
                                 Step("fewest votes in round 2", {"b": 3, "c": 3},
                                      tied=("b", "c"), ahead=()),
                                 Step("fewest votes in round 1", {"b": 3, "c": 2},
                                      tied=("b", "c"), ahead=("b",))])
    assert res.winner == "a" and res.rounds[-1].note == "more than half of 9 continuing ballots"


def test_gov_lead_elect_look_back_stops_once_the_tie_is_broken() -> None:
    # Round 1: a 7, b 4, c 3, d 2, e 1 -> e out (to b). Round 2: a 7, b 5, c 3, d 2 -> d out
    # (both to c). Round 3: a 7, b 5, c 5: b and c tie for fewest; round 2 (c had 3) breaks it
    # and round 1 is not consulted. Round 4: c's ballots exhaust; a 7 of 12 wins.
    res = instant_runoff(rb("abcde", (7, "a"), (4, "b"), (3, "c"), (2, "dc"), (1, "eb")))
    assert res == IrvResult("a", [
        IrvRound(1, {"a": 7, "b": 4, "c": 3, "d": 2, "e": 1}, 0, eliminated="e"),
        IrvRound(2, {"a": 7, "b": 5, "c": 3, "d": 2}, 0, eliminated="d"),
        IrvRound(3, {"a": 7, "b": 5, "c": 5}, 0, eliminated="c",
                 note="fewest votes in an earlier round",
                 tiebreaks=[Step("fewest votes in round 2", {"b": 5, "c": 3}, tied=("b", "c"),
                                 ahead=("b",))]),
        IrvRound(4, {"a": 7, "b": 5}, 5, winner="a",
                 note="more than half of 12 continuing ballots"),
    ])


def test_gov_lead_elect_plain_elimination_has_no_note_and_no_steps() -> None:
    res = instant_runoff(rb("abc", (3, "a"), (2, "b"), (1, "c")))
    assert res.rounds[0] == IrvRound(1, {"a": 3, "b": 2, "c": 1}, 0, eliminated="c")
    assert res.rounds[0].note == "" and res.rounds[0].tiebreaks == []


def test_gov_lead_elect_recorded_resolution_is_a_step_with_how_it_was_made() -> None:
    resolver = Resolver.from_data([
        {"round": 1, "stage": "elimination", "tied": ["b", "c"], "method": "agreement",
         "order": ["c", "b"], "reference": "https://example.org/agreed"}])
    res = instant_runoff(rb("abc", (3, "a"), (2, "b"), (2, "c")), resolver)
    assert res.rounds[0] == IrvRound(
        1, {"a": 3, "b": 2, "c": 2}, 0, eliminated="b", note="recorded resolution",
        tiebreaks=[Step("recorded resolution", {"b": 0, "c": 1}, tied=("b", "c"), ahead=("c",),
                        method="agreement", reference="https://example.org/agreed")])


# PC-ELECTION, Bloc STAR

def test_pc_election_star_rounds_pinned_whole_with_every_step() -> None:
    # totals: cy 10, Bea 7, ada 7. Round 1: cy is a finalist; ada and Bea tie for the other
    # place, stay tied head to head (1 each, one ballot scores them equally) and Bea goes
    # through on five-star ratings; the runoff cy-Bea is 1 to 1 with one ballot preferring
    # neither, and cy wins on the higher total. Round 2: ada and Bea are both finalists, tie in
    # the runoff and on total, and Bea wins on five-star ratings. Round 3: ada alone. Names are
    # ordered without regard to case: ada before Bea.
    ballots = ScoreBallots.from_dicts(["ada", "Bea", "cy"], [
        {"cy": 5, "Bea": 5, "ada": 4}, {"cy": 5, "ada": 1}, {"Bea": 2, "ada": 2}])
    five = "most 5-star ratings"
    assert list(star_rounds(Scores(ballots), Resolver())) == [
        Round(1, "cy", {"ada": 7, "Bea": 7, "cy": 10}, finalists=("cy", "Bea"),
              scoring_steps=[
                  Step("head-to-head among the tied", {"ada": 1, "Bea": 1}, 1, ("ada", "Bea"),
                       ()),
                  Step(five, {"ada": 0, "Bea": 1}, tied=("ada", "Bea"), ahead=("Bea",))],
              runoff={"cy": 1, "Bea": 1}, no_preference=1,
              runoff_steps=[Step("higher total score", {"cy": 10, "Bea": 7}, tied=("cy", "Bea"),
                                 ahead=("cy",))]),
        Round(2, "Bea", {"ada": 7, "Bea": 7}, finalists=("ada", "Bea"),
              runoff={"ada": 1, "Bea": 1}, no_preference=1,
              runoff_steps=[Step("higher total score", {"ada": 7, "Bea": 7}, tied=("ada", "Bea")),
                            Step(five, {"ada": 0, "Bea": 1}, tied=("ada", "Bea"),
                                 ahead=("Bea",))]),
        Round(3, "ada", {"ada": 7}, note="the only candidate left"),
    ]


def test_pc_election_head_to_head_step_says_who_it_put_through() -> None:
    # ada and Bea tie on total (6) for the second finalist place; ada is preferred on two
    # ballots, Bea on one
    ballots = ScoreBallots.from_dicts(["ada", "Bea", "cy"], [
        {"cy": 5, "ada": 3, "Bea": 2}, {"cy": 5, "ada": 3, "Bea": 2}, {"Bea": 2}])
    first = next(star_rounds(Scores(ballots), Resolver()))
    assert first == Round(1, "cy", {"ada": 6, "Bea": 6, "cy": 10}, finalists=("cy", "ada"),
                          scoring_steps=[Step("head-to-head among the tied",
                                              {"ada": 2, "Bea": 1}, 0, ("ada", "Bea"),
                                              ("ada",))],
                          runoff={"cy": 2, "ada": 0}, no_preference=1)


def test_pc_election_scoring_tie_for_one_place_goes_to_the_recorded_resolution() -> None:
    # d is a finalist; a, b and c tie for the other place on total, head to head and five-star
    # ratings; the candidates' recorded agreement puts c through
    ballots = ScoreBallots.from_dicts(["a", "b", "c", "d"], [
        {"d": 5, "a": 3, "b": 3, "c": 3}, {"d": 4, "a": 2, "b": 2, "c": 2}])
    resolver = Resolver.from_data([{"round": 1, "stage": "scoring", "tied": ["a", "b", "c"],
                                    "method": "agreement", "order": ["c", "a", "b"]}])
    first = next(star_rounds(Scores(ballots), resolver))
    zero = {"a": 0, "b": 0, "c": 0}
    assert first == Round(
        1, "d", {"a": 5, "b": 5, "c": 5, "d": 9}, finalists=("d", "c"),
        scoring_steps=[
            Step("head-to-head among the tied", zero, 2, ("a", "b", "c"), ()),
            Step("most 5-star ratings", zero, tied=("a", "b", "c"), ahead=()),
            Step("recorded resolution", {"a": 0, "b": 0, "c": 1}, tied=("a", "b", "c"),
                 ahead=("c",), method="agreement")],
        runoff={"d": 2, "c": 0})


# PC-ELECTION, approval voting (the policy option)

def test_pc_election_approval_rounds_record_the_resolution_of_a_tie() -> None:
    ballots = ScoreBallots.from_dicts(["ana", "ben", "cai"], [
        {"ana": 1, "ben": 1}, {"ana": 1}, {"ben": 1, "cai": 1}, {"ana": 1, "cai": 1}], maximum=1)
    resolver = Resolver.from_data([{"round": 2, "stage": "approval", "tied": ["ben", "cai"],
                                    "method": "agreement", "order": ["cai", "ben"]}])
    rounds = list(approval_rounds(Scores(ballots), resolver))
    assert rounds == [
        Round(1, "ana", {"ana": 3, "ben": 2, "cai": 2}),
        Round(2, "cai", {"ben": 2, "cai": 2}, scoring_steps=[
            Step("recorded resolution", {"ben": 0, "cai": 1}, tied=("ben", "cai"),
                 ahead=("cai",), method="agreement")]),
        Round(3, "ben", {"ben": 2}),
    ]


def test_pc_election_head_to_head_counts_ballots_scoring_the_tied_equally() -> None:
    # the last ballot scores all three equally, the first does not; the fifth scores a and c
    # equally but not b, so it is no ballot without a preference among the three
    ballots = ScoreBallots.from_dicts(["a", "b", "c"], [
        {"a": 5, "b": 3, "c": 3}, {"a": 2, "b": 2, "c": 2}, {"a": 1, "b": 4},
        {"a": 3, "b": 1, "c": 3}, {"a": 4, "b": 4, "c": 4}])
    wins, same = Scores(ballots).head_to_head(["a", "b", "c"])
    assert wins == {"a": 4, "b": 2, "c": 1} and same == 2
    wins, same = Scores(ballots).head_to_head(["b", "c"])
    assert wins == {"b": 1, "c": 1} and same == 3


def test_pc_election_head_to_head_without_ballots() -> None:
    scores = Scores(ScoreBallots.from_dicts(["a", "b"], []))
    assert scores.head_to_head(["a", "b"]) == ({"a": 0, "b": 0}, 0)
    with pytest.raises(TieUnresolved):
        list(approval_rounds(scores, Resolver()))
