"""PC-ELECTION: Bloc STAR's complete finishing order, the pinned tie protocol, and starvote."""

from __future__ import annotations

import random

import pytest
import starvote

from charter.elections.ballots import ScoreBallots
from charter.elections.star import Scores, approval_rounds, finishing_order, star_rounds
from charter.elections.ties import Resolver, TieUnresolved, draw_order

CANDS = ["ana", "ben", "cai"]


def sb(rows: list[tuple[int, ...]], cands: list[str] = CANDS, maximum: int = 5) -> ScoreBallots:
    return ScoreBallots.from_dicts(cands, [dict(zip(cands, r, strict=True)) for r in rows],
                                   maximum)


def rounds(rows: list[tuple[int, ...]], resolver: Resolver | None = None,
           cands: list[str] = CANDS) -> list:
    return list(star_rounds(Scores(sb(rows, cands)), resolver or Resolver()))


def test_pc_election_scoring_tie_broken_head_to_head() -> None:
    # totals 10/10/10; head to head: ana beats ben 2-1 and cai 2-1, cai beats ben 2-1,
    # so wins among the three are ana 4, cai 3, ben 2: ana and cai are the finalists
    r = rounds([(5, 4, 1), (0, 3, 5), (5, 3, 4)])
    first = r[0]
    assert first.scoring_steps[0].rule == "head-to-head among the tied"
    assert first.scoring_steps[0].counts == {"ana": 4, "ben": 2, "cai": 3}
    assert first.scoring_steps[0].no_preference == 0
    assert set(first.finalists) == {"ana", "cai"}
    assert first.runoff == {"ana": 2, "cai": 1}
    assert [x.winner for x in r] == ["ana", "cai", "ben"]


def test_pc_election_scoring_tie_broken_by_five_stars() -> None:
    # totals ana 5, ben 8, cai 5: ben first; ana and cai tie for second, split 1-1 head to head;
    # cai has the only five-star rating and goes through
    r = rounds([(2, 4, 5), (3, 4, 0)])
    steps = [s.rule for s in r[0].scoring_steps]
    assert steps == ["head-to-head among the tied", "most 5-star ratings"]
    assert r[0].scoring_steps[1].counts == {"ana": 0, "cai": 1}
    assert r[0].finalists == ("ben", "cai")
    # runoff 1-1, decided by the higher total (ben 8 > cai 5)
    assert r[0].runoff_steps[0].rule == "higher total score"
    assert [x.winner for x in r] == ["ben", "cai", "ana"]


def test_pc_election_runoff_tie_broken_by_total() -> None:
    r = rounds([(2, 1, 4), (5, 5, 1), (1, 5, 1)])
    assert r[0].finalists == ("ben", "ana")
    assert r[0].runoff == {"ben": 1, "ana": 1}
    assert r[0].runoff_steps[0].counts == {"ben": 11, "ana": 8}
    assert [x.winner for x in r] == ["ben", "ana", "cai"]


def test_pc_election_runoff_tie_broken_by_five_stars() -> None:
    # ana and ben: runoff 1-1, totals 10-10, five-star ratings 1-0
    r = rounds([(4, 4, 2), (1, 2, 2), (5, 4, 0)])
    # the tied total is recorded before the step that decides (the pinned order)
    steps = r[0].runoff_steps
    assert [s.rule for s in steps] == ["higher total score", "most 5-star ratings"]
    assert steps[0].counts == {"ana": 10, "ben": 10} and steps[0].ahead == ()
    assert steps[0].tied == steps[1].tied == ("ana", "ben")
    assert steps[1].counts == {"ana": 1, "ben": 0} and steps[1].ahead == ("ana",)
    assert [x.winner for x in r] == ["ana", "ben", "cai"]


def test_pc_election_runoff_tie_resolved_records_every_step_before_the_resolution() -> None:
    rows = [(4, 4, 1), (2, 2, 5), (5, 5, 0)]  # ana and ben identical on every ballot
    agreed = Resolver.from_data([{"round": 1, "stage": "runoff", "tied": ["ana", "ben"],
                                  "method": "agreement", "order": ["ben", "ana"],
                                  "reference": "https://example.invalid/a"}])
    steps = rounds(rows, agreed)[0].runoff_steps
    assert [s.rule for s in steps] == ["higher total score", "most 5-star ratings",
                                       "recorded resolution"]
    assert [s.ahead for s in steps] == [(), (), ("ben",)]
    assert steps[0].counts == {"ana": 11, "ben": 11}
    assert (steps[2].method, steps[2].reference) == ("agreement", "https://example.invalid/a")


def test_pc_election_scoring_steps_say_who_each_step_put_through() -> None:
    r = rounds([(2, 4, 5), (3, 4, 0)])
    h2h, five = r[0].scoring_steps
    assert h2h.tied == ("ana", "cai") and h2h.ahead == ()
    assert five.tied == ("ana", "cai") and five.ahead == ("cai",)


def test_pc_election_runoff_most_ballots_prefer_neither() -> None:
    r = rounds([(2, 0, 2), (3, 1, 1), (2, 0, 2)])
    assert r[0].finalists == ("ana", "cai")
    assert r[0].runoff == {"ana": 1, "cai": 0}
    assert r[0].no_preference == 2
    assert r[0].winner == "ana"


def test_pc_election_unbreakable_runoff_tie_and_its_resolution() -> None:
    rows = [(4, 4, 1), (2, 2, 5), (5, 5, 0)]  # ana and ben identical on every ballot
    with pytest.raises(TieUnresolved) as exc:
        rounds(rows)
    assert (exc.value.round, exc.value.stage, exc.value.tied) == (1, "runoff", ("ana", "ben"))
    assert "round 1" in str(exc.value) and "ana, ben" in str(exc.value)
    agreed = Resolver.from_data([{"round": 1, "stage": "runoff", "tied": ["ana", "ben"],
                                  "method": "agreement", "order": ["ben", "ana"]}])
    assert [x.winner for x in rounds(rows, agreed)] == ["ben", "ana", "cai"]
    assert agreed.unused() == []
    drawn = draw_order("published-seed-42", 1, "runoff", ["ana", "ben"])
    by_seed = Resolver.from_data([{"round": 1, "stage": "runoff", "tied": ["ana", "ben"],
                                   "method": "draw", "seed": "published-seed-42",
                                   "order": list(drawn)}])
    assert rounds(rows, by_seed)[0].winner == drawn[0]


def test_pc_election_draw_is_reproducible_and_checked() -> None:
    a = draw_order("seed", 2, "scoring", ["x", "y", "z"])
    assert a == draw_order("seed", 2, "scoring", ["z", "y", "x"])
    assert sorted(a) == ["x", "y", "z"]
    wrong = Resolver.from_data([{"round": 2, "stage": "scoring", "tied": ["x", "y", "z"],
                                 "method": "draw", "seed": "seed", "order": list(reversed(a))}])
    assert wrong.resolutions[0].problems()  # the recorded order contradicts the seed


def test_pc_election_all_zero_ballots_stop_at_a_three_way_tie() -> None:
    with pytest.raises(TieUnresolved) as exc:
        rounds([(0, 0, 0), (0, 0, 0)])
    assert (exc.value.round, exc.value.stage, exc.value.tied, exc.value.desired) == (
        1, "scoring", ("ana", "ben", "cai"), 2)


def test_pc_election_candidate_nobody_scored_is_placed_last() -> None:
    ballots = [{"ana": 5, "ben": 3}, {"ana": 2, "ben": 4}]
    canon = ScoreBallots.from_dicts(["ana", "ben", "cai"], ballots)
    # ana and ben: totals 7-7, runoff 1-1, ana has the five-star rating; cai scored nothing
    assert finishing_order(canon) == ["ana", "ben", "cai"]
    # starvote's trap: a candidate on no ballot does not exist for it
    assert "cai" not in starvote.bloc_star_voting(ballots, seats=2, tiebreaker=None)


def test_pc_election_as_many_candidates_as_seats_is_still_counted() -> None:
    ballots = [{"zed": 5, "amy": 1}, {"zed": 4, "amy": 2}]
    # starvote's trap: alphabetical when candidates == seats
    assert starvote.bloc_star_voting(ballots, seats=2, tiebreaker=None) == ["amy", "zed"]
    assert finishing_order(ScoreBallots.from_dicts(["amy", "zed"], ballots)) == ["zed", "amy"]


def test_pc_election_single_candidate_is_a_name_not_a_letter() -> None:
    ballots = [{"zed": 3}]
    assert starvote.star_voting(ballots, tiebreaker=None) == ["z"]  # starvote's trap
    assert finishing_order(ScoreBallots.from_dicts(["zed"], ballots)) == ["zed"]


def test_pc_election_approval_order_and_its_ties() -> None:
    ballots = sb([(1, 1, 0), (1, 0, 0), (0, 1, 1), (1, 0, 1)], maximum=1)
    assert next(approval_rounds(Scores(ballots), Resolver())).winner == "ana"
    with pytest.raises(TieUnresolved) as exc:
        list(approval_rounds(Scores(ballots), Resolver()))
    assert (exc.value.round, exc.value.stage, exc.value.tied) == (2, "approval", ("ben", "cai"))
    res = Resolver.from_data([{"round": 2, "stage": "approval", "tied": ["ben", "cai"],
                               "method": "agreement", "order": ["cai", "ben"]}])
    assert finishing_order(ballots, res, "approval") == ["ana", "cai", "ben"]


def test_pc_election_head_to_head_counts_match_a_direct_count() -> None:
    rng = random.Random(7)
    cands = [f"c{i}" for i in range(5)]
    ballots = [{c: rng.randint(0, 5) for c in cands} for _ in range(300)]
    s = Scores(ScoreBallots.from_dicts(cands, ballots))
    for a in cands:
        for b in cands:
            assert s.beats(a, b) == sum(1 for x in ballots if x[a] > x[b])
        assert s.totals[a] == sum(x[a] for x in ballots)
        assert s.tops[a] == sum(1 for x in ballots if x[a] == 5)
    wins, same = s.head_to_head(cands[:3])
    assert wins["c0"] == s.beats("c0", "c1") + s.beats("c0", "c2")
    assert same == sum(1 for x in ballots if x["c0"] == x["c1"] == x["c2"])


@pytest.mark.parametrize("seed", range(8))
def test_pc_election_differential_against_starvote(seed: int) -> None:
    """Random elections: identical finishing orders, and an unbreakable tie exactly where
    starvote (without a tiebreaker) finds one."""
    rng = random.Random(seed)
    compared = tied = 0
    for _ in range(150):
        n = rng.randint(3, 9)
        cands = [f"cand-{chr(97 + i)}" for i in range(n)]
        rng.shuffle(cands)
        weights = {c: [rng.random() for _ in range(6)] for c in cands}
        ballots = [{c: rng.choices(range(6), weights[c])[0] for c in cands}
                   for _ in range(rng.randint(1, 80))]
        try:
            won = starvote.bloc_star_voting(ballots, seats=n - 1, tiebreaker=None)
            expected: list[str] | None = won + [c for c in cands if c not in won]
        except starvote.UnbreakableTieError as e:
            expected, ref_tie = None, set(e.candidates)
        try:
            got: list[str] | None = finishing_order(ScoreBallots.from_dicts(cands, ballots))
        except TieUnresolved as e:
            got, my_tie = None, set(e.tied)
        if expected is None:
            assert got is None and my_tie == ref_tie
            tied += 1
        else:
            assert got == expected
            compared += 1
    assert compared > 100  # most random elections have no unbreakable tie


@pytest.mark.parametrize("seed", range(3))
def test_pc_election_protocol_tiebreaks_agree_with_starvote(seed: int) -> None:
    """Few ballots over few score values: many ties that the pinned protocol breaks (head to
    head, five-star counts, runoff by total) -- each such election must give starvote's order."""
    rng = random.Random(1000 + seed)
    steps: set[str] = set()
    agreed = 0
    for _ in range(500):
        n = rng.randint(2, 7)
        cands = [f"c{i}" for i in range(n)]
        values = [*rng.sample(range(5), rng.randint(1, 2)), 5]
        ballots = [{c: rng.choice(values) for c in cands} for _ in range(rng.randint(1, 9))]
        try:
            rs = list(star_rounds(Scores(ScoreBallots.from_dicts(cands, ballots)), Resolver()))
        except TieUnresolved:
            continue
        used = {s.rule for r in rs for s in [*r.scoring_steps, *r.runoff_steps]}
        if not used:
            continue
        if n == 2:
            won = [starvote.star_voting(ballots, tiebreaker=None)[0]]
        else:
            won = starvote.bloc_star_voting(ballots, seats=n - 1, tiebreaker=None)
        assert [r.winner for r in rs] == won + [c for c in cands if c not in won]
        steps |= used
        agreed += 1
    assert agreed > 30
    assert steps >= {"head-to-head among the tied", "higher total score", "most 5-star ratings"}
