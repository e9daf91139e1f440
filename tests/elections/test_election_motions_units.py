"""Unit tests of ``charter.elections.motions``, pinned exactly: every problem's message and the
location it points at, every note, every rejected ballot, and ``MotionResult.as_dict()`` whole,
for every motion type (PC-MEMBER-ADD, PC-NO-CONFIDENCE, PC-AMEND, PC-MEMBER-REMOVE,
GOV-LEAD-REMOVE, PC-VOTE, PC-VACANCY), on both sides of every threshold and window."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from elections_helpers import policy

from charter.elections.ballots import MotionBallots, Vote
from charter.elections.motions import MotionResult, check_windows, count_motion
from charter.policy import Policy

POL = policy()
OPENS, CLOSES = "2026-09-10", "2026-09-23"  # 14 days, both inclusive
WINDOW = {"opens": OPENS, "closes": CLOSES}
CALL = {"called": {"by": "ada", "on": "2026-09-01"},
        "seconded": {"by": "bob", "on": "2026-09-08"}}
PEOPLE = ["ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo", "kim", "lu"]
FIVE = PEOPLE[:5]
Problems = list[tuple[str, tuple[str | int, ...]]]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def record(mtype: str, electorate: list[str] | None = None, *,
           voting: dict[str, str] | None = WINDOW, participation: list[str] | None = None,
           **motion: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": "motion", "motion": {"type": mtype, **motion}}
    if voting is not None:
        d["voting"] = voting
    if electorate is not None:
        d["electorate"] = electorate
    if participation is not None:
        d["participation"] = participation
    return d


def secret(*kinds: str, on: str = OPENS) -> MotionBallots:
    """Anonymous ballots (``date,vote``), one per kind, lines 2, 3, ..."""
    return MotionBallots(tuple(Vote(i + 2, day(on), k) for i, k in enumerate(kinds)), False)


def public(*rows: tuple[str, str] | tuple[str, str, str]) -> MotionBallots:
    """Public ballots (``voter,date,vote``) from (voter, vote) or (voter, vote, date)."""
    votes = tuple(Vote(i + 2, day(r[2] if len(r) == 3 else OPENS), r[1], r[0])
                  for i, r in enumerate(rows))
    return MotionBallots(votes, True)


def kinds(yes: int, no: int, abstain: int) -> list[str]:
    return ["yes"] * yes + ["no"] * no + ["abstain"] * abstain


def community(mtype: str, yes: int, no: int, abstain: int, *, n: int = 10,
              pol: Policy = POL) -> MotionResult:
    """A well-formed community vote of ``n`` electors: called, seconded, with a subject."""
    k = kinds(yes, no, abstain)
    d = record(mtype, PEOPLE[:n], participation=PEOPLE[: len(k)], subject="zed", **CALL)
    return count_motion(d, secret(*k), pol)


def council(mtype: str, yes: int, no: int, abstain: int, *, n: int = 5,
            pol: Policy = POL, **motion: Any) -> MotionResult:
    """A well-formed public vote of ``n`` members; every member votes or abstains."""
    votes = kinds(yes, no, abstain)
    d = record(mtype, PEOPLE[:n], subject="zed", **motion)
    return count_motion(d, public(*zip(PEOPLE, votes, strict=False)), pol)


def windows(d: dict[str, Any], pol: Policy = POL) -> Problems:
    res = MotionResult("x", "X", 0)
    check_windows(d, pol, res)
    return res.problems


# --- MotionResult.as_dict and the thresholds of every motion type ------------------------------

def _quorum(needed: int, participated: int) -> dict[str, Any]:
    return {"quorum": {"needed": needed, "participated": participated,
                       "met": participated >= needed}}


@pytest.mark.parametrize(("mtype", "votes", "quorum", "needed", "of", "passed"), [
    # PC-MEMBER-ADD: more than half of the votes cast; quorum half of the 10 electors
    ("member-add", (3, 1, 1), (5, 5), 3, "more than half of 4 votes cast", True),
    ("member-add", (3, 1, 0), (5, 4), 3, "more than half of 4 votes cast", False),  # no quorum
    ("member-add", (2, 2, 1), (5, 5), 3, "more than half of 4 votes cast", False),
    ("member-add", (5, 5, 0), (5, 10), 6, "more than half of 10 votes cast", False),
    ("member-add", (3, 2, 0), (5, 5), 3, "more than half of 5 votes cast", True),
    ("member-add", (0, 0, 5), (5, 5), 1, "more than half of 0 votes cast", False),
])
def test_pc_member_add_as_dict(mtype: str, votes: tuple[int, int, int],
                               quorum: tuple[int, int], needed: int, of: str,
                               passed: bool) -> None:
    res = community(mtype, *votes)
    assert res.problems == []
    assert res.as_dict() == {
        "type": "member-add", "rule": "PC-MEMBER-ADD", "electorate": 10,
        "yes": votes[0], "no": votes[1], "abstain": votes[2], "rejected": [],
        **_quorum(*quorum), "threshold": {"needed": needed, "of": of}, "passed": passed}
    assert res.participants == sum(votes)
    assert res.cast == votes[0] + votes[1]


@pytest.mark.parametrize(("votes", "denominator", "quorum", "needed", "of", "passed"), [
    ((6, 3, 0), "votes-cast", (6, 9), 6, "at least 2/3 of 9 votes cast", True),
    ((5, 3, 0), "votes-cast", (6, 8), 6, "at least 2/3 of 8 votes cast", False),
    ((4, 1, 1), "votes-cast", (6, 6), 4, "at least 2/3 of 5 votes cast", True),   # quorum exactly
    ((4, 1, 0), "votes-cast", (6, 5), 4, "at least 2/3 of 5 votes cast", False),  # one short
    ((0, 0, 6), "votes-cast", (6, 6), 0, "at least 2/3 of 0 votes cast", False),  # needs a yes
    ((8, 0, 0), "electors", (6, 8), 8, "at least 2/3 of 12 electors", True),
    ((7, 1, 0), "electors", (6, 8), 8, "at least 2/3 of 12 electors", False),
])
def test_pc_no_confidence_as_dict(votes: tuple[int, int, int], denominator: str,
                                  quorum: tuple[int, int], needed: int, of: str,
                                  passed: bool) -> None:
    res = community("no-confidence", *votes, n=12,
                    pol=policy(no_confidence_denominator=denominator))
    assert res.problems == []
    assert res.as_dict() == {
        "type": "no-confidence", "rule": "PC-NO-CONFIDENCE", "electorate": 12,
        "yes": votes[0], "no": votes[1], "abstain": votes[2], "rejected": [],
        **_quorum(*quorum), "threshold": {"needed": needed, "of": of}, "passed": passed}


def test_pc_no_confidence_policy_fractions() -> None:
    pol = policy(no_confidence_quorum="1/3", no_confidence_fraction="3/5")
    res = community("no-confidence", 3, 2, 0, n=12, pol=pol)
    assert res.as_dict()["quorum"] == {"needed": 4, "participated": 5, "met": True}
    assert res.as_dict()["threshold"] == {"needed": 3, "of": "at least 3/5 of 5 votes cast"}
    assert res.passed is True


def test_pc_member_add_policy_quorum() -> None:
    res = community("member-add", 3, 0, 0, pol=policy(member_add_quorum="1/3"))
    assert res.as_dict()["quorum"] == {"needed": 4, "participated": 3, "met": False}
    assert res.passed is False


@pytest.mark.parametrize(("votes", "pol", "needed", "of", "passed"), [
    ((2, 1, 0), POL, 2, "at least 2/3 of 3 votes cast", True),
    ((2, 2, 0), POL, 3, "at least 2/3 of 4 votes cast", False),
    ((1, 0, 9), POL, 1, "at least 2/3 of 1 votes cast", True),   # no quorum for an amendment
    ((0, 0, 3), POL, 0, "at least 2/3 of 0 votes cast", False),  # nothing cast: needs a yes
    ((3, 2, 0), policy(amend_fraction="3/5"), 3, "at least 3/5 of 5 votes cast", True),
])
def test_pc_amend_as_dict(votes: tuple[int, int, int], pol: Policy, needed: int, of: str,
                          passed: bool) -> None:
    res = community("amend", *votes, pol=pol)
    assert res.problems == []
    assert res.as_dict() == {
        "type": "amend", "rule": "PC-AMEND", "electorate": 10,
        "yes": votes[0], "no": votes[1], "abstain": votes[2], "rejected": [],
        "threshold": {"needed": needed, "of": of}, "passed": passed}
    assert res.quorum_needed is None


@pytest.mark.parametrize(("mtype", "rule", "n", "votes", "pol", "needed", "of", "passed"), [
    ("member-remove", "PC-MEMBER-REMOVE", 5, (4, 1, 0), POL, 4,
     "at least 2/3 of the 5 council members", True),
    ("member-remove", "PC-MEMBER-REMOVE", 5, (3, 0, 2), POL, 4,
     "at least 2/3 of the 5 council members", False),
    ("member-remove", "PC-MEMBER-REMOVE", 5, (3, 2, 0), policy(member_remove_fraction="3/5"), 3,
     "at least 3/5 of the 5 council members", True),
    ("lead-remove", "GOV-LEAD-REMOVE", 4, (3, 1, 0), POL, 3,
     "at least 3/4 of the 4 core maintainers", True),
    ("lead-remove", "GOV-LEAD-REMOVE", 4, (2, 0, 2), POL, 3,
     "at least 3/4 of the 4 core maintainers", False),
    ("lead-remove", "GOV-LEAD-REMOVE", 6, (4, 2, 0), Policy.from_data(
        {"governance": {"lead_removal_fraction": "2/3"}}), 4,
     "at least 2/3 of the 6 core maintainers", True),
    ("council-vote", "PC-VOTE", 5, (2, 1, 2), POL, 2,
     "more than half of 3 non-abstaining members", True),
    ("council-vote", "PC-VOTE", 5, (2, 2, 1), POL, 3,
     "more than half of 4 non-abstaining members", False),
    ("council-vote", "PC-VOTE", 5, (0, 0, 5), POL, 1,
     "more than half of 0 non-abstaining members", False),
    ("council-vote", "PC-VOTE", 5, (1, 0, 4), POL, 1,
     "more than half of 1 non-abstaining members", True),
])
def test_public_votes_as_dict(mtype: str, rule: str, n: int, votes: tuple[int, int, int],
                              pol: Policy, needed: int, of: str, passed: bool) -> None:
    res = council(mtype, *votes, n=n, pol=pol)
    assert res.problems == []
    assert res.as_dict() == {
        "type": mtype, "rule": rule, "electorate": n,
        "yes": votes[0], "no": votes[1], "abstain": votes[2], "rejected": [],
        "threshold": {"needed": needed, "of": of}, "passed": passed}


def test_pc_vacancy_as_dict_with_notes() -> None:
    res = council("vacancy", 2, 1, 1, appointee="zed", replaces={"login": "eve"},
                  out_of_touch=[{"login": "Eve", "since": "2026-08-11"}])
    assert res.problems == []
    assert res.as_dict() == {
        "type": "vacancy", "rule": "PC-VACANCY", "electorate": 5,
        "yes": 2, "no": 1, "abstain": 2, "rejected": [],
        "threshold": {"needed": 2, "of": "more than half of 3 non-abstaining members"},
        "passed": True,
        "notes": ["eve is out of touch and counted as abstaining (PC-VACANCY)"]}


def test_as_dict_of_a_bare_result() -> None:
    res = MotionResult("amend", "PC-AMEND", 0)
    assert res.as_dict() == {"type": "amend", "rule": "PC-AMEND", "electorate": 0, "yes": 0,
                             "no": 0, "abstain": 0, "rejected": [],
                             "threshold": {"needed": 0, "of": ""}, "passed": False}
    res.quorum_needed = 0
    assert res.as_dict()["quorum"] == {"needed": 0, "participated": 0, "met": True}


# --- check_windows ----------------------------------------------------------------------------

def test_check_windows_of_an_empty_record() -> None:
    assert windows({}) == []
    assert windows({"motion": {"type": "amend"}}) == []  # no voting dates: nothing to check


@pytest.mark.parametrize(("voting", "expected"), [
    ({"opens": OPENS, "closes": "2026-09-09"},
     [("the vote closes (2026-09-09) before it opens (2026-09-10)", ("voting", "closes"))]),
    ({"opens": OPENS, "closes": OPENS}, []),
    ({"opens": OPENS}, []),
    ({"closes": OPENS}, []),
    ({"opens": "", "closes": ""}, []),
])
def test_check_windows_closes_before_opens(voting: dict[str, str], expected: Problems) -> None:
    assert windows(record("council-vote", FIVE, voting=voting)) == expected


@pytest.mark.parametrize("mtype", ["member-add", "no-confidence"])
@pytest.mark.parametrize("missing", [("called",), ("seconded",), ("called", "seconded")])
def test_pc_member_add_called_and_seconded_recorded(mtype: str, missing: tuple[str, ...]) -> None:
    call = {k: v for k, v in CALL.items() if k not in missing}
    assert windows(record(mtype, PEOPLE, **call)) == [
        ("the vote is called by one member and seconded by another; record motion.called and "
         "motion.seconded", ("motion",))]


@pytest.mark.parametrize("mtype", ["amend", "council-vote", "vacancy", "member-remove",
                                   "lead-remove"])
def test_check_windows_only_community_calls_need_a_seconder(mtype: str) -> None:
    assert windows(record(mtype, FIVE, voting={})) == []


def test_pc_member_add_well_called_logins_any_case() -> None:
    d = record("member-add", ["Ada", "BOB"], voting={"opens": "2026-09-15",
                                                     "closes": "2026-09-28"},
               called={"by": "aDA", "on": "2026-09-01"}, seconded={"by": "bOb", "on": "2026-09-15"})
    assert windows(d) == []


@pytest.mark.parametrize("electorate", [None, ["cy"]])
def test_pc_member_add_caller_and_seconder_in_the_electorate(electorate: list[str] | None) -> None:
    d = record("no-confidence", electorate, voting={},
               called={"by": "Eve", "on": "2026-09-01"}, seconded={"by": "Mal", "on": "2026-09-02"})
    assert windows(d) == [
        ("Eve is not in the electorate; a community member calls or seconds the vote",
         ("motion", "called", "by")),
        ("Mal is not in the electorate; a community member calls or seconds the vote",
         ("motion", "seconded", "by"))]


def test_pc_member_add_seconder_not_in_the_electorate_alone() -> None:
    d = record("member-add", ["ada"], voting={},
               called={"by": "ada", "on": "2026-09-01"}, seconded={"by": "Mal", "on": "2026-09-02"})
    assert windows(d) == [
        ("Mal is not in the electorate; a community member calls or seconds the vote",
         ("motion", "seconded", "by"))]


def test_pc_member_add_seconder_is_another_member_any_case() -> None:
    d = record("member-add", ["ada"], voting={},
               called={"by": "Ada", "on": "2026-09-01"}, seconded={"by": "aDA", "on": "2026-09-02"})
    assert windows(d) == [("the seconder must be another member than the caller",
                           ("motion", "seconded", "by"))]


@pytest.mark.parametrize(("seconded", "pol", "expected"), [
    ("2026-08-31", POL, [("seconded -1 days after the call; it must be seconded within 14 days",
                          ("motion", "seconded", "on"))]),
    ("2026-09-01", POL, []),
    ("2026-09-15", POL, []),
    ("2026-09-16", POL, [("seconded 15 days after the call; it must be seconded within 14 days",
                          ("motion", "seconded", "on"))]),
    ("2026-09-08", policy(second_within_days=7), []),
    ("2026-09-09", policy(second_within_days=7),
     [("seconded 8 days after the call; it must be seconded within 7 days",
       ("motion", "seconded", "on"))]),
])
def test_pc_member_add_seconded_within_the_days(seconded: str, pol: Policy,
                                                expected: Problems) -> None:
    d = record("member-add", ["ada", "bob"], voting={},
               called={"by": "ada", "on": "2026-09-01"}, seconded={"by": "bob", "on": seconded})
    assert windows(d, pol) == expected


@pytest.mark.parametrize(("opens", "closes", "expected"), [
    ("2026-09-07", "2026-09-20", [("the vote opens before the call was seconded",
                                   ("voting", "opens"))]),
    ("2026-09-08", "2026-09-21", []),
])
def test_pc_no_confidence_vote_opens_after_the_second(opens: str, closes: str,
                                                      expected: Problems) -> None:
    d = record("no-confidence", PEOPLE, voting={"opens": opens, "closes": closes}, **CALL)
    assert windows(d) == expected
    assert windows(record("no-confidence", PEOPLE, voting={"opens": opens}, **CALL)) == expected


@pytest.mark.parametrize(("mtype", "closes", "pol", "expected"), [
    ("amend", CLOSES, POL, []),
    ("amend", "2026-09-22", POL, [
        ("the vote is open 13 days (2026-09-10 to 2026-09-22 inclusive); it lasts 14 days",
         ("voting", "closes"))]),
    ("member-add", "2026-09-24", POL, [
        ("the vote is open 15 days (2026-09-10 to 2026-09-24 inclusive); it lasts 14 days",
         ("voting", "closes"))]),
    ("no-confidence", "2026-09-16", policy(vote_days=7), []),
    ("no-confidence", CLOSES, policy(vote_days=7), [
        ("the vote is open 14 days (2026-09-10 to 2026-09-23 inclusive); it lasts 7 days",
         ("voting", "closes"))]),
    ("amend", "2026-09-09", POL, [
        ("the vote closes (2026-09-09) before it opens (2026-09-10)", ("voting", "closes")),
        ("the vote is open 0 days (2026-09-10 to 2026-09-09 inclusive); it lasts 14 days",
         ("voting", "closes"))]),
    ("council-vote", "2026-09-22", POL, []),
    ("member-remove", "2026-09-30", POL, []),
    ("lead-remove", "2026-09-11", POL, []),
    ("vacancy", "2026-09-11", POL, []),
])
def test_pc_amend_community_vote_lasts_vote_days(mtype: str, closes: str, pol: Policy,
                                                 expected: Problems) -> None:
    d = record(mtype, PEOPLE, voting={"opens": OPENS, "closes": closes}, **CALL)
    assert windows(d, pol) == expected


# --- count_motion -----------------------------------------------------------------------------

@pytest.mark.parametrize(("mtype", "message"), [
    ("member-add", "a member-add motion names the person it is about: record motion.subject"),
    ("no-confidence", "a no-confidence motion names the person it is about: record "
                      "motion.subject ('council' for the whole council)"),
    ("member-remove", "a member-remove motion names the person it is about: record "
                      "motion.subject"),
    ("lead-remove", "a lead-remove motion names the person it is about: record motion.subject"),
])
@pytest.mark.parametrize("subject", [None, ""])
def test_pc_no_confidence_motion_names_its_subject(mtype: str, message: str,
                                                   subject: str | None) -> None:
    named = mtype in ("member-remove", "lead-remove")
    d = record(mtype, FIVE, subject=subject, **CALL)
    if not named:
        d["participation"] = FIVE
    ballots = public(*((x, "yes") for x in FIVE)) if named else secret(*["yes"] * 5)
    res = count_motion(d, ballots, POL)
    assert res.problems == [(message, ("motion",))]
    assert res.passed is True


def test_pc_member_add_count_reports_the_window_problems_first() -> None:
    d = record("member-add", ["ada", "bob"], voting={"opens": OPENS, "closes": "2026-09-22"},
               participation=["ada"])
    res = count_motion(d, secret("yes"), POL)
    assert res.problems == [
        ("the vote is called by one member and seconded by another; record motion.called and "
         "motion.seconded", ("motion",)),
        ("the vote is open 13 days (2026-09-10 to 2026-09-22 inclusive); it lasts 14 days",
         ("voting", "closes")),
        ("a member-add motion names the person it is about: record motion.subject", ("motion",))]


@pytest.mark.parametrize("mtype", ["amend", "council-vote", "vacancy"])
def test_motion_subject_not_needed(mtype: str) -> None:
    d = record(mtype, FIVE, appointee="zed", replaces={"login": "eve"}, participation=FIVE[:1])
    ballots = secret("yes") if mtype == "amend" else public(*((x, "yes") for x in FIVE))
    assert count_motion(d, ballots, POL).problems == []


@pytest.mark.parametrize("motion", [{}, {"appointee": "zed"}, {"replaces": {"login": "eve"}},
                                    {"appointee": "", "replaces": {"login": "eve"}}])
def test_pc_vacancy_motion_names_appointee_and_seat(motion: dict[str, Any]) -> None:
    d = record("vacancy", FIVE, **motion)
    res = count_motion(d, public(*((x, "yes") for x in FIVE)), POL)
    assert res.problems == [("a vacancy vote names who is appointed and whose seat they fill: "
                             "record motion.appointee and motion.replaces", ("motion",))]
    assert res.passed is True


def test_pc_vote_council_vote_needs_public_ballots() -> None:
    d = record("council-vote", ["Ada", "bob", "cy"])
    res = count_motion(d, secret("yes", "yes", "no"), POL)
    assert res.problems == [
        ("a council or core-maintainer vote is public: ballots.csv has the header "
         "voter,date,vote", ("motion", "type")),
        ("participation lists 0 voters but ballots.csv holds 3 ballots", ("participation",)),
        ("ada neither voted nor abstained; every council member votes or explicitly abstains "
         "(PC-VOTE)", ("electorate",)),
        ("bob neither voted nor abstained; every council member votes or explicitly abstains "
         "(PC-VOTE)", ("electorate",)),
        ("cy neither voted nor abstained; every council member votes or explicitly abstains "
         "(PC-VOTE)", ("electorate",))]
    assert (res.yes, res.no, res.abstain) == (2, 1, 0)


def test_gov_lead_remove_needs_public_ballots() -> None:
    d = record("lead-remove", ["ada", "bob"], subject="ada", participation=["ada", "bob"])
    res = count_motion(d, secret("yes", "yes"), POL)
    assert res.problems == [
        ("a council or core-maintainer vote is public: ballots.csv has the header "
         "voter,date,vote", ("motion", "type"))]
    assert (res.yes, res.passed) == (2, True)


def test_pc_member_add_community_vote_is_anonymous() -> None:
    d = record("amend", ["ada", "bob"])
    res = count_motion(d, public(("ada", "yes"), ("bob", "abstain")), POL)
    assert res.problems == [
        ("a community vote is anonymous: ballots.csv has the header date,vote and "
         "participation lists who voted", ("motion", "type"))]
    assert (res.yes, res.no, res.abstain, res.passed) == (1, 0, 1, True)


@pytest.mark.parametrize(("participation", "ballots", "expected"), [
    (None, 0, []),
    (None, 2, [("participation lists 0 voters but ballots.csv holds 2 ballots",
                ("participation",))]),
    (["ada", "bob"], 2, []),
    (["ada"], 2, [("participation lists 1 voters but ballots.csv holds 2 ballots",
                   ("participation",))]),
    (["ada", "bob", "cy"], 2, [("participation lists 3 voters but ballots.csv holds 2 ballots",
                                ("participation",))]),
])
def test_pc_amend_participation_matches_the_ballots(participation: list[str] | None,
                                                    ballots: int, expected: Problems) -> None:
    d = record("amend", PEOPLE, participation=participation)
    res = count_motion(d, secret(*["yes"] * ballots), POL)
    assert res.problems == expected
    assert res.yes == ballots


def test_pc_no_confidence_ballots_outside_the_window_are_rejected() -> None:
    votes = [("2026-09-09", "yes"), (OPENS, "yes"), (CLOSES, "no"), ("2026-09-24", "yes"),
             (OPENS, "abstain")]
    ballots = MotionBallots(tuple(Vote(i + 2, day(on), k) for i, (on, k) in enumerate(votes)),
                            False)
    d = record("no-confidence", FIVE, participation=FIVE, subject="council", **CALL)
    res = count_motion(d, ballots, POL)
    reason = "cast outside the window 2026-09-10 to 2026-09-23"
    assert res.rejected == [{"line": 2, "date": "2026-09-09", "reason": reason},
                            {"line": 5, "date": "2026-09-24", "reason": reason}]
    assert (res.yes, res.no, res.abstain) == (1, 1, 1)
    assert res.problems == []
    assert res.as_dict()["quorum"] == {"needed": 3, "participated": 3, "met": True}
    assert res.passed is False  # 1 of 2 votes cast; 2/3 needs 2


@pytest.mark.parametrize("voting", [None, {}, {"opens": OPENS}, {"closes": OPENS}])
def test_ballots_without_a_full_window_are_all_accepted(voting: dict[str, str] | None) -> None:
    d = record("council-vote", ["ada", "bob"], voting=voting)
    res = count_motion(d, public(("ada", "yes", "2020-01-01"), ("bob", "no", "2030-01-01")), POL)
    assert (res.rejected, res.problems, res.yes, res.no) == ([], [], 1, 1)


def test_pc_vote_ballot_from_outside_the_electorate_is_rejected() -> None:
    d = record("council-vote", ["Ada", "bob"])
    ballots = public(("Mal", "yes"), ("aDa", "yes"), ("Eve", "no", "2026-09-24"), ("BOB", "no"))
    res = count_motion(d, ballots, POL)
    assert res.rejected == [
        {"line": 2, "date": OPENS, "reason": "Mal is not in the electorate"},
        {"line": 4, "date": "2026-09-24",
         "reason": "cast outside the window 2026-09-10 to 2026-09-23"}]
    assert res.problems == []
    assert (res.yes, res.no, res.abstain, res.electorate) == (1, 1, 0, 2)


def test_pc_vote_two_ballots_from_one_member() -> None:
    d = record("council-vote", ["ada", "bob"])
    res = count_motion(d, public(("ada", "yes"), ("Ada", "no"), ("bob", "yes"), ("BOB", "yes")),
                       POL)
    assert res.problems == [("Ada has two ballots (line 3); one each", ("motion",)),
                            ("BOB has two ballots (line 5); one each", ("motion",))]
    assert (res.yes, res.no, res.abstain, res.rejected) == (2, 0, 0, [])


def test_pc_vote_electorate_of_the_day_overrides_the_record() -> None:
    d = record("council-vote", ["ada", "bob"])
    res = count_motion(d, public(("bob", "yes"), ("cy", "yes")), POL, voters=("CY", "Dee"))
    assert res.rejected == [{"line": 2, "date": OPENS, "reason": "bob is not in the electorate"}]
    assert res.problems == [("dee neither voted nor abstained; every council member votes or "
                             "explicitly abstains (PC-VOTE)", ("electorate",))]
    assert (res.electorate, res.yes, res.passed) == (2, 1, True)


def test_pc_member_add_electorate_of_the_day_sets_the_quorum() -> None:
    d = record("member-add", ["ada", "bob"], participation=["ada"], subject="zed", **CALL)
    res = count_motion(d, secret("yes"), POL, voters=tuple(PEOPLE[:10]))
    assert res.as_dict()["quorum"] == {"needed": 5, "participated": 1, "met": False}
    assert res.problems == []  # the call is checked against the record's own list


def test_count_motion_without_an_electorate() -> None:
    d = record("amend", None, participation=["x"])
    res = count_motion(d, secret("yes"), POL)
    assert (res.electorate, res.yes, res.passed, res.problems) == (0, 1, True, [])


# --- _council_vote_rules (PC-VOTE, PC-VACANCY) -------------------------------------------------

def test_pc_vote_every_member_votes_or_abstains() -> None:
    d = record("council-vote", ["Ada", "BOB", "cy", "Dee"], subject="zed")
    res = count_motion(d, public(("ada", "yes"), ("cy", "abstain")), POL)
    message = ("{} neither voted nor abstained; every council member votes or explicitly "
               "abstains (PC-VOTE)")
    assert res.problems == [(message.format("bob"), ("electorate",)),
                            (message.format("dee"), ("electorate",))]
    assert res.notes == []
    assert (res.yes, res.abstain, res.passed) == (1, 1, True)


def test_gov_lead_remove_members_may_stay_away() -> None:
    d = record("lead-remove", FIVE[:4], subject="ada")
    res = count_motion(d, public(("bob", "yes"), ("cy", "yes"), ("dee", "yes")), POL)
    assert (res.problems, res.notes, res.abstain, res.passed) == ([], [], 0, True)


def test_pc_vote_conflicted_members_must_abstain() -> None:
    d = record("council-vote", FIVE, conflicted=["Dee", "BOB", "eve", "Ada", "cy"])
    ballots = public(("ada", "yes"), ("bob", "no"), ("cy", "abstain"), ("dee", "no"),
                     ("eve", "yes"))
    res = count_motion(d, ballots, POL)
    where = ("motion", "conflicted")
    assert res.problems == [
        ("ada has a conflict of interest and must abstain, but voted yes", where),
        ("bob has a conflict of interest and must abstain, but voted no", where),
        ("dee has a conflict of interest and must abstain, but voted no", where),
        ("eve has a conflict of interest and must abstain, but voted yes", where)]


def test_pc_member_remove_conflicted_member_who_abstains_or_stays_away() -> None:
    d = record("member-remove", ["ada", "bob"], subject="bob", conflicted=["BOB", "ada"])
    res = count_motion(d, public(("bob", "abstain")), POL)
    assert res.problems == [("ada neither voted nor abstained; every council member votes or "
                             "explicitly abstains (PC-VOTE)", ("electorate",))]


VACANCY = {"appointee": "zed", "replaces": {"login": "eve"}}


@pytest.mark.parametrize(("since", "pol", "expected"), [
    ("2026-08-11", POL, []),  # 30 days before the vote opens
    ("2026-08-12", POL, [("Eve has been out of touch 29 days when the vote opens; it takes 30",
                          ("motion", "out_of_touch", 1, "since"))]),
    ("2026-09-11", POL, [("Eve has been out of touch -1 days when the vote opens; it takes 30",
                          ("motion", "out_of_touch", 1, "since"))]),
    ("2026-08-31", policy(out_of_touch_days=10), []),
    ("2026-09-01", policy(out_of_touch_days=10),
     [("Eve has been out of touch 9 days when the vote opens; it takes 10",
       ("motion", "out_of_touch", 1, "since"))]),
])
def test_pc_vacancy_out_of_touch_for_the_days(since: str, pol: Policy,
                                              expected: Problems) -> None:
    d = record("vacancy", ["ada", "bob", "cy", "DEE", "eve"], **VACANCY, out_of_touch=[
        {"login": "Dee", "since": "2026-01-01"}, {"login": "Eve", "since": since}])
    res = count_motion(d, public(("ada", "yes"), ("bob", "no"), ("cy", "yes")), pol)
    assert res.problems == expected
    assert res.notes == ["dee is out of touch and counted as abstaining (PC-VACANCY)",
                         "eve is out of touch and counted as abstaining (PC-VACANCY)"]
    assert (res.yes, res.no, res.abstain, res.passed) == (2, 1, 2, True)


def test_pc_vacancy_out_of_touch_without_an_opening_date() -> None:
    d = record("vacancy", ["ada", "eve"], voting={}, **VACANCY,
               out_of_touch=[{"login": "eve", "since": "2026-09-09"}])
    res = count_motion(d, public(("ada", "yes")), POL)
    assert res.problems == []
    assert res.notes == ["eve is out of touch and counted as abstaining (PC-VACANCY)"]


def test_pc_vote_out_of_touch_only_in_a_vacancy_vote() -> None:
    d = record("council-vote", ["ada", "bob", "cy"], out_of_touch=[
        {"login": "bob", "since": "2026-01-01"}, {"login": "CY", "since": "2026-09-09"}])
    res = count_motion(d, public(("ada", "yes")), POL)
    message = "only a PC-VACANCY vote counts an out-of-touch member as abstaining"
    assert res.problems == [(message, ("motion", "out_of_touch", 0)),
                            (message, ("motion", "out_of_touch", 1))]
    assert res.notes == ["bob is out of touch and counted as abstaining (PC-VACANCY)",
                         "cy is out of touch and counted as abstaining (PC-VACANCY)"]
    assert (res.abstain, res.passed) == (2, True)


def test_pc_vacancy_member_who_voted_is_not_out_of_touch() -> None:
    d = record("vacancy", ["ada", "bob", "cy"], **VACANCY, out_of_touch=[
        {"login": "cy", "since": "2026-01-01"}, {"login": "Bob", "since": "2026-01-01"}])
    res = count_motion(d, public(("ada", "yes"), ("BOB", "no")), POL)
    assert res.problems == [("Bob voted, so is not out of touch", ("motion", "out_of_touch", 1))]
    assert res.notes == ["cy is out of touch and counted as abstaining (PC-VACANCY)"]
    assert (res.yes, res.no, res.abstain, res.passed) == (1, 1, 1, False)
