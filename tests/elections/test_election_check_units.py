"""Unit tests of ``charter.elections.check``, called directly (not through the CLI): the exact
findings (rule, message, file, line, column, severity) of every check ``charter check`` runs on
elections/ -- stray files, a record's problems, the committed result against the recount, the
people a record names, membership effects, the council replayed from certified results
(``expected_council``, ``_consistent``, ``council_matches``), a dissolved council, the lead, and
records whose count is due."""

from __future__ import annotations

import dataclasses
import errno
from pathlib import Path
from typing import Any

import pytest
import yaml
from elections_helpers import community_of, governance_repo, write_record

from charter.elections import check
from charter.elections.record import Count, Problem, Record
from charter.findings import Finding, Severity
from charter.load import load
from charter.model import Council, Resignation, State
from charter.tree import FsTree, MemoryTree

COUNCIL_FILE = "elections/2026-council/election.yaml"


# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return governance_repo(tmp_path)


def state_of(root: Path) -> State:
    return load(FsTree(root))[0]


def dicts(findings: list[Finding]) -> list[dict[str, object]]:
    return [f.as_dict() for f in findings]


def err(path: str, line: int, col: int, rule: str, message: str) -> dict[str, object]:
    return Finding(path, line, col, rule, message).as_dict()


def warn(path: str, line: int, col: int, rule: str, message: str) -> dict[str, object]:
    return Finding(path, line, col, rule, message, Severity.WARNING).as_dict()


def define(root: Path, eid: str, data: dict[str, Any]) -> None:
    """An election.yaml alone (a record still open: no ballots committed)."""
    d = root / "elections" / eid
    d.mkdir(parents=True, exist_ok=True)
    (d / "election.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def made(eid: str, result: dict[str, Any] | None, data: dict[str, Any] | None = None,
         rule: str = "PC-ELECTION", problems: list[Problem] | None = None) -> Count:
    return Count(Record(eid, data or {}, None), rule, result, problems=problems or [])


def seat(login: str, cohort: str, start: str, end: str, eid: str) -> dict[str, Any]:
    return {"login": login, "cohort": cohort, "term_start": start, "term_end": end,
            "elected_in": eid}


def election(eid: str, finalised: str, elected: list[dict[str, Any]], scope: str = "whole",
             vacancies: list[dict[str, Any]] | None = None,
             sitting: list[str] | None = None, certified: bool = True) -> Count:
    result = {"kind": "council-election", "scope": scope, "certified": certified,
              "finalised": finalised, "elected": elected}
    if vacancies is not None:
        result["vacancies"] = vacancies
    data: dict[str, Any] = {"kind": "council-election", "scope": scope}
    if sitting is not None:
        data["sitting"] = [{"login": x} for x in sitting]
    return made(eid, result, data)


def motion(eid: str, finalised: str, mtype: str, passed: bool = True, *,
           electorate: list[str] | None = None, rule: str = "PC-VOTE",
           **m: Any) -> Count:
    result = {"kind": "motion", "type": mtype, "passed": passed, "certified": True,
              "finalised": finalised, "rule": rule}
    data: dict[str, Any] = {"kind": "motion", "motion": {"type": mtype, **m}}
    if electorate is not None:
        data["electorate"] = electorate
    return made(eid, result, data, rule=rule)


ADA = seat("Ada", "A", "2026-01-01", "2028-01-01", "e1")
BO = seat("bo", "B", "2026-01-01", "2027-01-01", "e1")
CY = seat("cy", "A", "2026-01-01", "2028-01-01", "e1")
FIRST = election("e1", "2026-01-01", [ADA, BO, CY],
                 vacancies=[{"cohort": "B", "term_end": "2027-01-01"}, {"cohort": "A"}])


# --- pure helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "want"), [
    ({"x": 1, "y": [1, 2]}, {"x": 1, "y": [1, 2]}, None),
    ({"x": 1}, {"x": 1, "y": 2}, ["y"]),
    ({"x": 1, "z": 2}, {"x": 1}, ["z"]),
    ({"x": 1, "z": 2}, {"x": 2}, ["x"]),
    ({"x": {"y": [1, {"z": 3}]}}, {"x": {"y": [1, {"z": 4}]}}, ["x", "y", 1, "z"]),
    ([1, 2, 3], [1, 2], [2]),
    ([1, 2], [1, 2, 3], [2]),
    ([1, 5], [1, 2], [1]),
    ([], [], None),
    (1, 2, []),
    ("a", "a", None),
    ({"x": [1]}, {"x": {"0": 1}}, ["x"]),
    ([1], {"x": 1}, []),
])
def test_first_difference(a: Any, b: Any, want: list[str | int] | None) -> None:
    assert check._first_difference(a, b) == want


def test_first_difference_extends_a_given_path() -> None:
    assert check._first_difference({"a": 1}, {"a": 2}, ["top", 3]) == ["top", 3, "a"]
    assert check._first_difference(1, 1, ["top"]) is None


@pytest.mark.parametrize(("key", "want"), [
    ([], {"a": [1, {"b": 2}]}),
    (["a", 1, "b"], 2),
    (["a", 0], 1),
    (["z"], "(absent)"),
    (["a", 5], "(absent)"),
    (["a", 0, "b"], "(absent)"),
])
def test_get(key: list[str | int], want: Any) -> None:
    assert check._get({"a": [1, {"b": 2}]}, key) == want


@pytest.mark.parametrize(("value", "want"), [
    ("x" * 78, repr("x" * 78)),  # 80 characters with the quotes: whole
    ("x" * 79, "'" + "x" * 76 + "..."),  # 81: cut to 77 and an ellipsis
    (5, "5"),
])
def test_short(value: Any, want: str) -> None:
    assert check._short(value) == want


def test_take_empty_removes_the_matching_seat_only() -> None:
    empty = [{"cohort": "A", "term_end": "1"}, {"cohort": "B", "term_end": "2"},
             {"cohort": "B", "term_end": "2", "n": 2}]
    assert check._take_empty(empty, {"cohort": "B", "term_end": "2"}) == {
        "cohort": "B", "term_end": "2"}
    assert empty == [{"cohort": "A", "term_end": "1"}, {"cohort": "B", "term_end": "2", "n": 2}]
    assert check._take_empty(empty, {"cohort": "B", "term_end": "1"}) == {}
    assert check._take_empty(empty, {"cohort": "A"}) == {}
    assert len(empty) == 2


@pytest.mark.parametrize(("result", "want"), [
    ({"kind": "council-election"}, True),
    ({"kind": "motion", "passed": True, "type": "no-confidence"}, True),
    ({"kind": "motion", "passed": True, "type": "member-remove"}, True),
    ({"kind": "motion", "passed": True, "type": "vacancy"}, True),
    ({"kind": "motion", "passed": False, "type": "vacancy"}, False),
    ({"kind": "motion", "type": "vacancy"}, False),
    ({"kind": "motion", "passed": True, "type": "council-vote"}, False),
    ({"kind": "lead-election", "passed": True, "type": "vacancy"}, False),
    (None, False),
])
def test_changes_seats(result: dict[str, Any] | None, want: bool) -> None:
    assert check._changes_seats(made("x", result)) is want


def test_certified_keeps_certified_error_free_results_in_finalised_order() -> None:
    late = election("a-late", "2026-03-01", [])
    early_b = election("b-early", "2026-02-01", [])
    early_a = election("c-early", "2026-02-01", [])
    early_a.record.id = "a-early"
    uncertified = election("d", "2026-01-01", [], certified=False)
    bad = election("e", "2026-01-01", [])
    bad.problems.append(Problem("PC-ELECTION", "broken"))
    warned = election("f", "2026-01-02", [])
    warned.problems.append(Problem("PC-ELECTION", "note", severity=Severity.WARNING))
    counts = [late, early_b, made("g", None), uncertified, bad, early_a, warned]
    assert check._certified(counts) == [warned, early_a, early_b, late]
    assert check._certified([made("h", {"certified": False})]) == []


# --- expected_council ------------------------------------------------------------------------


def test_expected_council_whole_then_cohort_election() -> None:
    dee = seat("Dee", "B", "2027-01-01", "2029-01-01", "e2")
    second = election("e2", "2027-01-01", [dee], scope="B")
    assert check.expected_council([second, FIRST]) == (
        {"ada": ADA, "cy": CY, "dee": dee}, True)
    whole = election("e3", "2027-02-01", [dee])
    assert check.expected_council([FIRST, whole]) == ({"dee": dee}, True)


def test_expected_council_without_any_election() -> None:
    assert check.expected_council([]) == ({}, False)
    nc = motion("m", "2026-01-01", "no-confidence", subject="ada")
    assert check.expected_council([nc]) == ({}, False)


@pytest.mark.parametrize(("mtype", "subject", "passed", "left"), [
    ("no-confidence", "ADA", True, ["bo", "cy"]),
    ("member-remove", "Ada", True, ["bo", "cy"]),
    ("no-confidence", "Council", True, []),
    ("no-confidence", "ada", False, ["ada", "bo", "cy"]),
    ("member-remove", "zed", True, ["ada", "bo", "cy"]),
    ("council-vote", "ada", True, ["ada", "bo", "cy"]),
    ("member-remove", None, True, ["ada", "bo", "cy"]),
])
def test_expected_council_motions_empty_seats(mtype: str, subject: str | None, passed: bool,
                                              left: list[str]) -> None:
    m = motion("m", "2026-05-01", mtype, passed, subject=subject)
    seats, any_election = check.expected_council([FIRST, m])
    assert sorted(seats) == left and any_election is True


def test_pc_vacancy_appointee_takes_a_vacated_seat() -> None:
    nc = motion("m1", "2026-05-01", "no-confidence", subject="bo")
    vac = motion("m2", "2026-06-01", "vacancy", appointee="Eve",
                 replaces={"login": "BO", "cohort": "X", "term_end": "X"})
    seats, _ = check.expected_council([FIRST, nc, vac])
    assert seats == {"ada": ADA, "cy": CY, "eve": {
        "login": "Eve", "cohort": "B", "term_start": "2026-06-01", "term_end": "2027-01-01",
        "elected_in": "m2", "replaces": "BO"}}


def test_pc_vacancy_appointee_takes_a_held_seat() -> None:
    vac = motion("m2", "2026-06-01", "vacancy", appointee="eve",
                 replaces={"login": "cy", "cohort": "X", "term_end": "X"})
    seats, _ = check.expected_council([FIRST, vac])
    assert seats == {"ada": ADA, "bo": BO, "eve": {
        "login": "eve", "cohort": "A", "term_start": "2026-06-01", "term_end": "2028-01-01",
        "elected_in": "m2", "replaces": "cy"}}


def test_pc_vacancy_unknown_seat_takes_the_declared_term() -> None:
    vac = motion("m2", "2026-06-01", "vacancy", appointee="eve",
                 replaces={"login": "zed", "cohort": "C", "term_end": "2030"})
    seats, _ = check.expected_council([FIRST, vac])
    assert seats["eve"] == {"login": "eve", "cohort": "C", "term_start": "2026-06-01",
                            "term_end": "2030", "elected_in": "m2", "replaces": "zed"}


def test_pc_vacancy_fills_a_seat_an_election_left_empty() -> None:
    vac = motion("m2", "2026-06-01", "vacancy", appointee="eve",
                 replaces={"cohort": "B", "term_end": "2027-01-01"})
    again = motion("m3", "2026-07-01", "vacancy", appointee="fay",
                   replaces={"cohort": "B", "term_end": "2027-01-01"})
    seats, _ = check.expected_council([FIRST, vac, again])
    assert seats["eve"] == {"login": "eve", "cohort": "B", "term_start": "2026-06-01",
                            "term_end": "2027-01-01", "elected_in": "m2", "replaces": None}
    assert seats["fay"]["replaces"] is None and len(seats) == 5
    # the empty seat is taken once: the second vote has no seat to fill (reported by
    # _consistent) but its appointee still sits, with the declared term
    issues: list[Any] = []
    check.expected_council([FIRST, vac, again], issues)
    assert [(c.record.id, w) for c, _, w in issues] == [
        ("m2", ("electorate",)), ("m3", ("electorate",)), ("m3", ("motion", "replaces"))]


def test_pc_vacancy_without_appointee_or_passing() -> None:
    vac = motion("m2", "2026-06-01", "vacancy", replaces={"login": "cy"})
    assert sorted(check.expected_council([FIRST, vac])[0]) == ["ada", "bo"]
    failed = motion("m3", "2026-06-01", "vacancy", False, appointee="eve",
                    replaces={"login": "cy"})
    assert sorted(check.expected_council([FIRST, failed])[0]) == ["ada", "bo", "cy"]


def replaced_issues(counts: list[Count]) -> list[str]:
    """The records whose ``replaces`` names no seat of their day."""
    issues: list[Any] = []
    check.expected_council(counts, issues)
    return [c.record.id for c, _, where in issues if where == ("motion", "replaces")]


def test_expected_council_cohort_election_clears_its_cohort_only() -> None:
    nc = motion("m1", "2026-05-01", "no-confidence", subject="bo")
    nc2 = motion("m1b", "2026-05-02", "no-confidence", subject="ada")
    cohort_b = election("e2", "2026-07-01", [], scope="B",
                        vacancies=[{"cohort": "B", "term_end": "2029"}, {"cohort": "B"}])
    # vacated B seat (bo) and the empty B seat are gone; vacated A seat (ada) is still there
    fill_bo = motion("m2", "2026-08-01", "vacancy", appointee="eve",
                     replaces={"login": "bo", "cohort": "Q", "term_end": "Q"})
    fill_ada = motion("m3", "2026-08-02", "vacancy", appointee="fay",
                      replaces={"login": "ada", "cohort": "Q", "term_end": "Q"})
    fill_old = motion("m4", "2026-08-03", "vacancy", appointee="gus",
                      replaces={"cohort": "B", "term_end": "2027-01-01"})
    fill_new = motion("m5", "2026-08-04", "vacancy", appointee="hal",
                      replaces={"cohort": "B", "term_end": "2029"})
    fill_a = motion("m6", "2026-08-05", "vacancy", appointee="ivy",
                    replaces={"cohort": "A", "term_end": None})
    counts = [FIRST, nc, nc2, cohort_b, fill_bo, fill_ada, fill_old, fill_new, fill_a]
    seats, _ = check.expected_council(counts)
    assert {k: (v["cohort"], v["term_end"]) for k, v in seats.items()} == {
        "cy": ("A", "2028-01-01"), "eve": ("Q", "Q"), "fay": ("A", "2028-01-01"),
        "gus": ("B", "2027-01-01"), "hal": ("B", "2029"), "ivy": ("A", None)}
    assert replaced_issues(counts) == ["m2", "m3", "m4", "m6"]


def test_expected_council_whole_election_clears_vacated_and_empty() -> None:
    nc = motion("m1", "2026-05-01", "no-confidence", subject="ada")
    whole = election("e2", "2026-07-01", [BO])
    fill = motion("m2", "2026-08-01", "vacancy", appointee="eve",
                  replaces={"login": "ada", "cohort": "Q", "term_end": "Q"})
    fill2 = motion("m3", "2026-08-02", "vacancy", appointee="fay",
                   replaces={"cohort": "B", "term_end": "2027-01-01"})
    counts = [FIRST, nc, whole, fill, fill2]
    seats, _ = check.expected_council(counts)
    assert {k: (v["cohort"], v["term_end"]) for k, v in seats.items()} == {
        "bo": ("B", "2027-01-01"), "eve": ("Q", "Q"), "fay": ("B", "2027-01-01")}
    assert replaced_issues(counts) == ["m2", "m3"]
    assert replaced_issues([FIRST, nc, fill, fill2]) == ["m2"]  # cohort Q is not A


def test_expected_council_dissolution_clears_vacated_and_empty() -> None:
    nc = motion("m1", "2026-05-01", "no-confidence", subject="ada")
    gone = motion("m2", "2026-05-02", "no-confidence", subject="council")
    fill = motion("m3", "2026-08-01", "vacancy", appointee="eve",
                  replaces={"login": "ada", "cohort": "Q", "term_end": "Q"})
    fill2 = motion("m4", "2026-08-02", "vacancy", appointee="fay",
                   replaces={"cohort": "B", "term_end": "2027-01-01"})
    counts = [FIRST, nc, gone, fill, fill2]
    seats, any_election = check.expected_council(counts)
    assert {k: (v["cohort"], v["term_end"]) for k, v in seats.items()} == {
        "eve": ("Q", "Q"), "fay": ("B", "2027-01-01")}
    assert any_election is True
    assert replaced_issues(counts) == ["m3", "m4"]


def test_expected_council_resignations() -> None:
    resigned = (Resignation("CY", "e1", "2026-03-01"), Resignation("bo", "e0", "2026-02-01"),
                Resignation("ada", "e1", "2027-01-01"))
    seats, _ = check.expected_council([FIRST], resigned=resigned)
    assert seats == {"bo": BO}
    # a resignation empties the seat it names: the vacancy vote fills it from ``vacated``
    vac = motion("m2", "2026-06-01", "vacancy", appointee="eve",
                 replaces={"login": "cy", "cohort": "Q", "term_end": "Q"})
    seats, _ = check.expected_council([FIRST, vac], resigned=resigned)
    assert seats["eve"]["cohort"] == "A" and sorted(seats) == ["bo", "eve"]


def test_expected_council_resignation_takes_effect_before_later_records() -> None:
    """A resignation dated before a record's finalisation applies before that record (the
    sitting members of a cohort election leave the resigned member out); one on the same day
    applies after it."""
    sitting_without_ada = election("e2", "2026-05-01", [], scope="B", sitting=["cy"])
    for day, issues_expected in (("2026-04-30", []), ("2026-05-01", ["e2"])):
        resigned = (Resignation("ada", "e1", "2026-08-01"), Resignation("Ada", "e1", day))
        issues: list[Any] = []
        seats, _ = check.expected_council([FIRST, sitting_without_ada], issues, resigned)
        assert [c.record.id for c, _, _ in issues] == issues_expected
        assert sorted(seats) == ["cy"]


def test_expected_council_collects_issues_after_the_first_election_only() -> None:
    vote = motion("m0", "2025-01-01", "council-vote", electorate=["x"])
    first_cohort = election("e0", "2025-06-01", [ADA], scope="A", sitting=["nobody"])
    later = motion("m1", "2026-05-01", "council-vote", electorate=["zed"])
    issues: list[Any] = []
    check.expected_council([vote, first_cohort, later], issues)
    assert [(c.record.id, msg, w) for c, msg, w in issues] == [
        ("m1", "the electorate of a council vote is the sitting council (ada)",
         ("electorate",))]
    issues = []
    check.expected_council([first_cohort, FIRST], issues)
    assert issues == []


# --- _consistent -----------------------------------------------------------------------------


def consistent(c: Count, seats: dict[str, Any], vacated: dict[str, Any] | None = None,
               empty: list[dict[str, Any]] | None = None) -> list[tuple[str, Any]]:
    issues: list[Any] = []
    check._consistent(c, seats, vacated or {}, empty or [], issues)
    assert all(i[0] is c for i in issues)
    return [(msg, where) for _, msg, where in issues]


SEATS = {"ada": ADA, "bo": BO, "cy": CY}


@pytest.mark.parametrize(("sitting", "want"), [
    (["Cy", "ADA"], []),
    (["ada"], [("sitting members are ada, but the certified council of the day had Ada, cy "
                "outside cohort B", ("sitting",))]),
    ([], [("sitting members are none, but the certified council of the day had Ada, cy "
           "outside cohort B", ("sitting",))]),
    (None, [("sitting members are none, but the certified council of the day had Ada, cy "
             "outside cohort B", ("sitting",))]),
    (["ada", "cy", "bo"], [("sitting members are ada, bo, cy, but the certified council of the "
                            "day had Ada, cy outside cohort B", ("sitting",))]),
])
def test_pc_election_cohort_sitting_members(sitting: list[str] | None,
                                            want: list[Any]) -> None:
    assert consistent(election("e2", "2027", [], scope="B", sitting=sitting), SEATS) == want


def test_pc_election_cohort_sitting_members_ignore_case_in_any_order() -> None:
    """The same members written in another case (Bo for bo) are the same members: the lists
    were sorted case-sensitively before they were compared, and differed."""
    seats = {"ada": ADA, "bo": dict(BO, cohort="A"), "cy": dict(CY, cohort="B")}
    assert consistent(election("e2", "2027", [], scope="B", sitting=["ada", "Bo"]),
                      seats) == []
    assert consistent(election("e2", "2027", [], scope="B", sitting=["Bo"]), seats) == [
        ("sitting members are Bo, but the certified council of the day had Ada, bo outside "
         "cohort B", ("sitting",))]
    # the council's own spelling sorts differently with and without case (Bo before ada)
    seats = {"ada": dict(ADA, login="ada"), "bo": dict(BO, login="Bo", cohort="A"),
             "cy": dict(CY, cohort="B")}
    assert consistent(election("e2", "2027", [], scope="B", sitting=["ada", "bo"]),
                      seats) == []


def test_pc_election_cohort_sitting_none_outside_the_cohort() -> None:
    assert consistent(election("e2", "2027", [], scope="A", sitting=["bo"]), {"ada": ADA}) == [
        ("sitting members are bo, but the certified council of the day had none outside "
         "cohort A", ("sitting",))]


def test_pc_election_whole_council_election_has_no_sitting_check() -> None:
    assert consistent(election("e2", "2027", [], sitting=["zed"]), SEATS) == []


@pytest.mark.parametrize("mtype", ["member-remove", "council-vote", "vacancy"])
def test_pc_vote_council_electorate(mtype: str) -> None:
    extra = {"replaces": {"login": "ada", "cohort": "A", "term_end": "2028-01-01"}}
    ok = motion("m", "2027", mtype, electorate=["CY", "bo", "Ada"], subject="bo", **extra)
    assert consistent(ok, SEATS) == []
    bad = motion("m", "2027", mtype, electorate=["bo", "zed"], subject="bo", **extra)
    want = "ada, bo, cy" if mtype != "vacancy" else "bo, cy"
    assert consistent(bad, SEATS) == [
        (f"the electorate of a council vote is the sitting council ({want})", ("electorate",))]


def test_pc_vote_council_electorate_when_no_council_sits() -> None:
    assert consistent(motion("m", "2027", "council-vote", electorate=["bo"]), {}) == [
        ("the electorate of a council vote is the sitting council (none)", ("electorate",))]
    assert consistent(motion("m", "2027", "council-vote"), {"bo": BO}) == [
        ("the electorate of a council vote is the sitting council (bo)", ("electorate",))]


def test_pc_vacancy_electorate_may_include_the_replaced_member() -> None:
    rep = {"login": "Ada", "cohort": "A", "term_end": "2028-01-01"}
    assert consistent(motion("m", "2027", "vacancy", electorate=["ada", "bo", "cy"],
                             replaces=rep), SEATS) == []
    assert consistent(motion("m", "2027", "vacancy", electorate=["bo", "cy"], replaces=rep),
                      SEATS) == []


@pytest.mark.parametrize("mtype", ["member-add", "lead-remove", "no-confidence"])
def test_pc_vote_other_motions_have_no_electorate_check(mtype: str) -> None:
    assert consistent(motion("m", "2027", mtype, electorate=["zed"], subject="bo"),
                      SEATS) == []


@pytest.mark.parametrize(("subject", "want"), [
    ("BO", []), ("council", []), ("COUNCIL", []), ("", []), (None, []),
    ("Zed", [("Zed holds no seat in the certified council of the day; a vote of no confidence "
              "is in a sitting council member or the whole council", ("motion", "subject"))]),
])
def test_pc_no_confidence_subject_sits(subject: str | None, want: list[Any]) -> None:
    assert consistent(motion("m", "2027", "no-confidence", subject=subject), SEATS) == want


def test_pc_no_confidence_subject_check_is_for_no_confidence_motions() -> None:
    assert consistent(motion("m", "2027", "lead-remove", subject="zed"), SEATS) == []
    not_motion = election("e2", "2027", [])
    not_motion.record.data["motion"] = {"subject": "zed"}
    not_motion.result["type"] = "no-confidence"  # type: ignore[index]
    assert consistent(not_motion, SEATS) == []


def vacancy(replaces: dict[str, Any] | None) -> Count:
    m = motion("m", "2027", "vacancy", electorate=["ada", "bo", "cy"])
    if replaces is not None:
        m.record.data["motion"]["replaces"] = replaces
    return m


EMPTY = [{"cohort": "B", "term_end": "2027-01-01"}, {"cohort": "A", "term_end": "2028"}]


@pytest.mark.parametrize(("replaces", "empty", "want"), [
    ({"cohort": "A", "term_end": "2028"}, EMPTY, []),
    ({"cohort": "A", "term_end": "2027-01-01"}, EMPTY, [
        "no vacant seat in cohort A until 2027-01-01 in the certified council of the day "
        "(seats left vacant by elections: cohort B until 2027-01-01, cohort A until 2028); "
        "name the member whose seat is filled in replaces.login"]),
    ({"cohort": "B"}, [], [
        "no vacant seat in cohort B until None in the certified council of the day (seats "
        "left vacant by elections: none); name the member whose seat is filled in "
        "replaces.login"]),
    (None, [{}], []),
    ({"login": "zed", "cohort": "B", "term_end": "2027-01-01"}, EMPTY, [
        "zed holds no seat in the certified council of the day; a vacancy is filled in the "
        "seat it leaves"]),
    ({"login": "BO", "cohort": "B", "term_end": "2027-01-01"}, [], []),
    ({"login": "bo", "cohort": "A", "term_end": "2027-01-01"}, [], [
        "bo's seat is cohort B until 2027-01-01; the replacement serves out that term "
        "(PC-TERM), not cohort A until 2027-01-01"]),
    ({"login": "bo", "cohort": "B", "term_end": "2028"}, [], [
        "bo's seat is cohort B until 2027-01-01; the replacement serves out that term "
        "(PC-TERM), not cohort B until 2028"]),
])
def test_pc_vacancy_replaces_a_seat_of_the_day(replaces: dict[str, Any] | None,
                                               empty: list[dict[str, Any]],
                                               want: list[str]) -> None:
    assert consistent(vacancy(replaces), SEATS, empty=empty) == [
        (w, ("motion", "replaces")) for w in want]


def test_pc_vacancy_replaces_a_vacated_seat() -> None:
    seats = {"ada": ADA, "cy": CY}
    m = motion("m", "2027", "vacancy", electorate=["ada", "cy"],
               replaces={"login": "Bo", "cohort": "B", "term_end": "2027-01-01"})
    assert consistent(m, seats, vacated={"bo": BO}) == []
    m.record.data["motion"]["replaces"]["term_end"] = "2030"
    assert consistent(m, seats, vacated={"bo": BO}) == [(
        "Bo's seat is cohort B until 2027-01-01; the replacement serves out that term "
        "(PC-TERM), not cohort B until 2030", ("motion", "replaces"))]


# --- stray_records, problem_finding, _compare_result ------------------------------------------


def test_pc_election_stray_files_and_records_without_definition() -> None:
    tree = MemoryTree({
        "elections/README.md": b"x",
        "elections/a/election.yaml": b"", "elections/a/ballots.csv": b"",
        "elections/a/result.yaml": b"", "elections/a/README.md": b"",
        "elections/a/notes.txt": b"", "elections/a/sub/election.yaml": b"",
        "elections/b/ballots.csv": b"", "elections/c/ballots.csv/y": b"",
        "core.yaml": b"",
    }, "t")
    unexpected = ("unexpected file; a record holds election.yaml, ballots.csv and the generated "
                  "result.yaml")
    missing = "a record without election.yaml cannot be counted; add its definition"
    assert dicts(check.stray_records(tree)) == [
        warn("elections/a/notes.txt", 0, 0, "PC-ELECTION", unexpected),
        warn("elections/a/sub/election.yaml", 0, 0, "PC-ELECTION", unexpected),
        warn("elections/c/ballots.csv/y", 0, 0, "PC-ELECTION", unexpected),
        err("elections/b", 0, 0, "PC-ELECTION", missing),
        err("elections/c", 0, 0, "PC-ELECTION", missing),
    ]


def test_problem_finding_locations(repo: Path) -> None:
    state = state_of(repo)
    c = made("2026-council", None, rule="PC-ELECTION", problems=[
        Problem("PC-COI", "at a file position", ("seats",), Severity.WARNING,
                "elections/2026-council/ballots.csv", 3, 4),
        Problem("PC-SIZE", "at a key", ("voting", "closes"), Severity.WARNING),
        Problem("PC-VOTE", "no key"),
    ])
    assert dicts(check._problem_findings(state, c)) == [
        warn("elections/2026-council/ballots.csv", 3, 4, "PC-COI", "at a file position"),
        warn(COUNCIL_FILE, 14, 11, "PC-SIZE", "at a key"),
        err(COUNCIL_FILE, 1, 1, "PC-VOTE", "no key"),
    ]
    assert check._problem_findings(state, made("2026-council", None)) == []


RESULT = {"election": "x", "n": 1, "items": [{"a": 1}, {"a": 2}], "long": "y" * 100}


def compared(committed: bytes | None, result: dict[str, Any] | None = None) -> list[Any]:
    files = {} if committed is None else {"elections/x/result.yaml": committed}
    c = made("x", result or RESULT, rule="PC-VOTE")
    return dicts(check._compare_result(MemoryTree(files, "t"), c))


def generated(result: dict[str, Any] | None = None) -> bytes:
    return made("x", result or RESULT).render().encode("utf-8")


FIX = "run: charter election tally elections/x"


def test_pc_election_result_file_matches() -> None:
    assert compared(generated()) == []


def test_pc_election_result_file_missing() -> None:
    assert compared(None) == [err("elections/x/result.yaml", 0, 0, "PC-VOTE",
                                  f"the result file is missing; {FIX}")]


@pytest.mark.parametrize(("exc", "shown"), [
    (OSError(errno.EINVAL, "not a regular file"), "not a regular file"),
    (OSError("plain"), "plain"),
])
def test_pc_election_result_file_unreadable(exc: OSError, shown: str) -> None:
    class Broken(MemoryTree):
        def read(self, path: str) -> bytes:
            raise exc

    tree = Broken({"elections/x/result.yaml": b""}, "t")
    assert dicts(check._compare_result(tree, made("x", RESULT, rule="PC-VOTE"))) == [
        err("elections/x/result.yaml", 1, 1, "PC-VOTE",
            f"the result file cannot be read ({shown}); it is a regular file, not a link: {FIX}")]


def test_pc_election_result_file_not_yaml() -> None:
    assert compared(b"a: 1\nb: 2\na: 3\n") == [err(
        "elections/x/result.yaml", 3, 1, "PC-VOTE",
        f"the result file cannot be read (duplicate key 'a' (first at line 1); keep one); {FIX}")]


def test_pc_election_result_file_not_in_generated_form() -> None:
    text = generated().replace(b"n: 1", b"n: 1  # edited")
    assert compared(text) == [err("elections/x/result.yaml", 1, 1, "PC-VOTE",
                                  f"the result file is not in its generated form; {FIX}")]


def test_pc_election_result_differs_at_a_key() -> None:
    text = generated().replace(b"a: 2", b"a: 3")
    line = text.decode().split("\n").index("- a: 3") + 1
    assert compared(text) == [err(
        "elections/x/result.yaml", line, 6, "PC-VOTE",
        "the committed result differs from the recount at items.1.a: committed 3, recounted 2; "
        f"{FIX}")]


def test_pc_election_result_differs_by_a_missing_key() -> None:
    text = generated().replace(b"n: 1\n", b"")
    assert compared(text) == [err(
        "elections/x/result.yaml", 3, 1, "PC-VOTE",  # the nearest parent: the whole mapping
        "the committed result differs from the recount at n: committed '(absent)', "
        f"recounted 1; {FIX}")]


def test_pc_election_result_differs_as_a_whole() -> None:
    assert compared(b"5\n") == [err(
        "elections/x/result.yaml", 1, 1, "PC-VOTE",
        "the committed result differs from the recount at the file: committed 5, recounted "
        + check._short(RESULT) + f"; {FIX}")]
    assert check._short(RESULT).endswith("...")


# --- known_people ----------------------------------------------------------------------------

VOTING = {"opens": "2027-01-01", "closes": "2027-01-14"}


def test_pc_election_known_people(repo: Path) -> None:
    define(repo, "2027-x", {
        "kind": "council-election", "title": "t", "returning_officer": "geroge-hale",
        "voting": VOTING, "electorate": ["Sofia-Rossi", "nobody-at-all"],
        "participation": ["sofia-rosi"], "candidates": [{"login": "HANA-KIM"}, {"login": "zz"}],
        "sitting": [{"login": "elif-demr"}]})
    define(repo, "2027-a", {"kind": "motion", "title": "t", "returning_officer": "george-hale",
                            "voting": VOTING, "electorate": ["qq"]})
    state = state_of(repo)
    state = dataclasses.replace(state, elections=dict(reversed(state.elections.items())))
    x = "elections/2027-x/election.yaml"
    nofile = "has no member file; a record names members by login"
    assert dicts(check.known_people(state)) == [
        err("elections/2027-a/election.yaml", 8, 3, "PC-ELECTION", f"qq {nofile}"),
        err(x, 9, 3, "PC-ELECTION", f"nobody-at-all {nofile}"),
        err(x, 11, 3, "PC-ELECTION", f"sofia-rosi {nofile}; did you mean 'sofia-rossi'?"),
        err(x, 14, 10, "PC-ELECTION", f"zz {nofile}"),
        err(x, 16, 10, "PC-ELECTION", f"elif-demr {nofile}; did you mean 'elif-demir'?"),
        err(x, 3, 20, "PC-ELECTION", f"geroge-hale {nofile}; did you mean 'george-hale'?"),
    ]


def test_pc_election_known_people_skips_empty_names(repo: Path) -> None:
    state = dataclasses.replace(state_of(repo), elections={
        "z": {"returning_officer": "", "electorate": ["", "mira-chen"]},
        "y": {"candidates": [{"login": ""}]}})
    assert check.known_people(state) == []
    state = dataclasses.replace(state, elections={"z": {}})
    assert check.known_people(state) == []


# --- membership_effects ----------------------------------------------------------------------

ZED = "# Zed New\nlogin: zed-new\ngithub_id: 5100099\nname: Zed New\n"


def test_pc_member_add_and_remove_show_in_member_files(repo: Path) -> None:
    (repo / "members/zed-new.yaml").write_text(ZED)
    ravi = repo / "members/ravi-patel.yaml"
    ravi.write_text(ravi.read_text() + "  removed: '2026-10-01'\n")
    state = state_of(repo)
    add = "PC-MEMBER-ADD"
    rm = "PC-MEMBER-REMOVE"
    odd = made("k", {"kind": "council-election", "passed": True, "type": "member-add",
                     "certified": True, "finalised": "2026-01-01", "rule": add},
               {"motion": {"subject": "zed-new"}})
    counts = [
        motion("m-add", "2026-10-02", "member-add", subject="Zed-New", rule=add),
        motion("m-samir", "2026-10-01", "member-add", subject="samir-khan", rule=add),
        motion("m-ravi", "2026-10-03", "member-remove", subject="ravi-patel", rule=rm),
        motion("m-omar", "2026-10-04", "member-remove", subject="omar-haddad", rule=rm),
        motion("m-zed", "2026-10-05", "member-remove", subject="zed-new", rule=rm),
        motion("m-ghost", "2026-10-01", "member-add", subject="ghost", rule=add),
        motion("m-none", "2026-10-01", "member-add", rule=add),
        motion("m-failed", "2026-10-01", "member-add", False, subject="zed-new", rule=add),
        motion("m-nc", "2026-10-01", "no-confidence", subject="zed-new", rule=add),
        odd,
    ]
    uncertified = motion("m-later", "2026-10-01", "member-add", subject="zed-new", rule=add)
    uncertified.result["certified"] = False  # type: ignore[index]
    counts.append(uncertified)
    assert dicts(check.membership_effects(state, counts)) == [
        warn("members/zed-new.yaml", 2, 8, add,
             "elections/m-add admitted Zed-New on 2026-10-02; add community: {since: "
             "'2026-10-02', admitted_by: elections/m-add}"),
        warn("members/omar-haddad.yaml", 9, 3, rm,
             "elections/m-omar removed omar-haddad from the community on 2026-10-04; record "
             "community.removed"),
        warn("members/zed-new.yaml", 2, 1, rm,
             "elections/m-zed removed zed-new from the community on 2026-10-05; record "
             "community.removed"),
    ]


# --- dissolved_needs_election ----------------------------------------------------------------

NC = {"kind": "motion", "title": "No confidence", "returning_officer": "george-hale",
      "motion": {"type": "no-confidence", "text": "t", "subject": "council"},
      "voting": VOTING, "electorate": ["mira-chen"]}
DISSOLVED = ("the council was dissolved on 2027-02-01; a new whole-council election starts "
             "immediately: record it in elections/")


def dissolution(state: State, **result: Any) -> Count:
    return made("2027-nc", {"kind": "motion", "passed": True, "type": "no-confidence",
                            "certified": True, "finalised": "2027-02-01", **result},
                state.elections["2027-nc"], rule="PC-NO-CONFIDENCE")


@pytest.mark.parametrize(("later", "warned"), [
    (None, True),
    ({"kind": "council-election", "voting": {"opens": "2027-02-01"}}, False),
    ({"kind": "council-election", "scope": "whole", "voting": {"opens": "2027-02-02"}}, False),
    ({"kind": "council-election", "voting": {"opens": "2027-01-31"}}, True),
    ({"kind": "council-election", "scope": "A", "voting": {"opens": "2027-03-01"}}, True),
    ({"kind": "motion", "voting": {"opens": "2027-03-01"}}, True),
    ({"kind": "council-election"}, True),
])
def test_pc_no_confidence_dissolved_council_needs_an_election(
        repo: Path, later: dict[str, Any] | None, warned: bool) -> None:
    define(repo, "2027-nc", NC)
    state = state_of(repo)
    counts = [dissolution(state)] + ([made("2027-new", None, later)] if later else [])
    want = [warn("elections/2027-nc/election.yaml", 7, 12, "PC-NO-CONFIDENCE", DISSOLVED)]
    assert dicts(check.dissolved_needs_election(state, counts)) == (want if warned else [])


@pytest.mark.parametrize(("subject", "result", "warned"), [
    ("Council", {}, True),
    ("mira-chen", {}, False),
    (None, {}, False),
    ("council", {"passed": False}, False),
    ("council", {"type": "member-remove"}, False),
    ("council", {"kind": "council-election"}, False),
    ("council", {"certified": False}, False),
])
def test_pc_no_confidence_dissolution_is_a_passed_whole_council_vote(
        repo: Path, subject: str | None, result: dict[str, Any], warned: bool) -> None:
    define(repo, "2027-nc", NC)
    state = state_of(repo)
    c = dissolution(state, **result)
    c.record.data = {**c.record.data, "motion": {"subject": subject}}
    want = [warn("elections/2027-nc/election.yaml", 7, 12, "PC-NO-CONFIDENCE", DISSOLVED)]
    assert dicts(check.dissolved_needs_election(state, [c])) == (want if warned else [])


def test_pc_no_confidence_dissolution_without_motion_block(repo: Path) -> None:
    define(repo, "2027-nc", NC)
    state = state_of(repo)
    c = dissolution(state)
    c.record.data = {}
    assert check.dissolved_needs_election(state, [c]) == []


# --- lead_matches ----------------------------------------------------------------------------


def with_core(repo: Path, extra: str = "", lead: str | None = "mira-chen") -> State:
    core = repo / "core.yaml"
    text = core.read_text()
    if lead != "mira-chen":
        text = text.replace("lead: mira-chen\n", "" if lead is None else f"lead: {lead}\n")
    core.write_text(text + extra)
    return state_of(repo)


def lead_election(eid: str = "2026-lead", winner: str = "Mira-Chen", **result: Any) -> Count:
    return made(eid, {"kind": "lead-election", "certified": True, "finalised": "2026-05-01",
                      "winner": winner, **result}, rule="GOV-LEAD-ELECT")


def lead_removal(eid: str = "2026-rm", subject: str | None = "MIRA-CHEN",
                 finalised: str = "2026-06-01", passed: bool = True) -> Count:
    c = motion(eid, finalised, "lead-remove", passed, subject=subject, rule="GOV-LEAD-REMOVE")
    return c


ELECTED_IN = "lead_elected_in: 2026-lead\n"


def test_gov_lead_elect_without_lead_elected_in(repo: Path) -> None:
    assert check._lead_elected(state_of(repo), [made("2026-lead", None)]) == []


@pytest.mark.parametrize(("counts", "message"), [
    ([], "no election record elections/2026-lead"),
    ([lead_election("other")], "no election record elections/2026-lead"),
    ([made("2026-lead", None)], "elections/2026-lead is not a counted lead election"),
    ([lead_election(kind="motion")], "elections/2026-lead is not a counted lead election"),
    ([lead_election(certified=False)],
     "elections/2026-lead is not certified yet (no finalised date)"),
    ([lead_election(certified=None)],
     "elections/2026-lead is not certified yet (no finalised date)"),
])
def test_gov_lead_elect_needs_a_certified_lead_election(repo: Path, counts: list[Count],
                                                        message: str) -> None:
    state = with_core(repo, ELECTED_IN)
    assert dicts(check._lead_elected(state, counts)) == [
        err("core.yaml", 15, 18, "GOV-LEAD-ELECT", message)]


def test_gov_lead_elect_record_with_errors(repo: Path) -> None:
    state = with_core(repo, ELECTED_IN)
    bad = lead_election()
    bad.problems.append(Problem("GOV-LEAD-ELECT", "broken"))
    assert dicts(check._lead_elected(state, [lead_election("a"), bad])) == [
        err("core.yaml", 15, 18, "GOV-LEAD-ELECT",
            "elections/2026-lead has errors (reported at elections/2026-lead/election.yaml); a "
            "lead is elected by a valid record: correct it first")]
    warned = lead_election()
    warned.problems.append(Problem("GOV-LEAD-ELECT", "note", severity=Severity.WARNING))
    assert check._lead_elected(state, [warned]) == []


@pytest.mark.parametrize(("lead", "winner", "message"), [
    ("mira-chen", "Mira-Chen", None),
    ("mira-chen", "tomas-reyes",
     "the lead is mira-chen, but elections/2026-lead elected tomas-reyes"),
    (None, "tomas-reyes", "the lead is None, but elections/2026-lead elected tomas-reyes"),
    ("mira-chen", None, "the lead is mira-chen, but elections/2026-lead elected None"),
])
def test_gov_lead_elect_lead_is_the_winner(repo: Path, lead: str | None, winner: str | None,
                                           message: str | None) -> None:
    state = with_core(repo, ELECTED_IN)
    if lead is None:
        state = dataclasses.replace(state, core=dataclasses.replace(state.core, lead=None))
    c = lead_election(winner=winner)  # type: ignore[arg-type]
    if winner is None:
        del c.result["winner"]  # type: ignore[union-attr]
    want = [] if message is None else [err("core.yaml", 2, 7, "GOV-LEAD-ELECT", message)]
    assert dicts(check._lead_elected(state, [c])) == want


REMOVED = ("elections/2026-rm removed MIRA-CHEN as lead on 2026-06-01; the core maintainers "
           "elect a new lead (GOV-LEAD-ELECT): name them, or leave the post vacant until then "
           "(charter core lead --vacant)")


@pytest.mark.parametrize(("counts", "removed"), [
    ([lead_removal()], True),
    ([lead_election(finalised="2026-01-01"), lead_removal()], True),
    ([lead_removal(), lead_election(finalised="2026-07-01")], False),
    ([lead_election(finalised="2026-01-01"), lead_removal(passed=False)], False),
    ([lead_removal(passed=False)], False),
    ([lead_removal(subject="tomas-reyes")], False),
    ([lead_removal(subject=None)], False),
    ([motion("2026-nc", "2026-06-01", "no-confidence", subject="mira-chen")], False),
    ([], False),
])
def test_gov_lead_remove_removed_lead_is_not_the_lead(repo: Path, counts: list[Count],
                                                       removed: bool) -> None:
    state = state_of(repo)
    want = [warn("core.yaml", 2, 7, "GOV-LEAD-REMOVE", REMOVED)] if removed else []
    assert dicts(check._lead_removed(state, counts)) == want


def test_gov_lead_remove_without_a_lead_or_motion_block(repo: Path) -> None:
    state = state_of(repo)
    vacant = dataclasses.replace(state, core=dataclasses.replace(state.core, lead=None))
    assert check._lead_removed(vacant, [lead_removal()]) == []
    c = lead_removal()
    c.record.data = {}
    assert check._lead_removed(state, [c]) == []


def test_gov_lead_matches_reports_removal_then_election(repo: Path) -> None:
    state = with_core(repo, ELECTED_IN)
    assert dicts(check.lead_matches(state, [lead_removal()])) == [
        warn("core.yaml", 2, 7, "GOV-LEAD-REMOVE", REMOVED),
        err("core.yaml", 15, 18, "GOV-LEAD-ELECT", "no election record elections/2026-lead")]


# --- open_records ----------------------------------------------------------------------------

OPEN = {"kind": "motion", "title": "t", "returning_officer": "george-hale",
        "voting": {"opens": "2027-03-01", "closes": "2027-03-10"}, "electorate": ["mira-chen"]}
DUE = ("voting closed on 2027-03-10: commit the ballots and count them (charter election "
       "ballots 2027-open FILE, then charter election certify 2027-open)")


@pytest.mark.parametrize(("today", "extra", "ballots", "due"), [
    ("2027-03-11", {}, None, True),
    ("2027-03-10", {}, None, False),
    ("2027-03-09", {}, None, False),
    ("2027-03-11", {}, b"", False),
    ("2027-03-11", {"finalised": "2027-03-11"}, None, False),
    ("2027-03-11", {"ballots_sha256": ""}, None, False),
    ("2027-03-11", {"voting": {"opens": "2027-03-01"}}, None, False),
    ("2027-03-11", {"voting": None}, None, False),
])
def test_pc_vote_open_record_after_voting_closed(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                 today: str, extra: dict[str, Any],
                                                 ballots: bytes | None, due: bool) -> None:
    define(repo, "2027-open", OPEN)
    state = state_of(repo)
    monkeypatch.setenv("CHARTER_TODAY", today)
    c = Count(Record("2027-open", {**OPEN, **extra}, ballots), "PC-VOTE")
    want = [warn("elections/2027-open/election.yaml", 6, 11, "PC-VOTE", DUE)] if due else []
    assert dicts(check.open_records(state, [c])) == want


# --- council_matches -------------------------------------------------------------------------

NO_SEAT = ("holds a seat that no certified election or vote in elections/ gives; record the "
           "election or vote, or remove the seat")


def shipped(repo: Path, edit: tuple[str, str] | None = None,
            append: str = "") -> tuple[State, list[Count]]:
    """The state and counts of the shipped data, council.yaml edited first."""
    council = repo / "council.yaml"
    text = council.read_text()
    if edit:
        assert edit[0] in text
        text = text.replace(edit[0], edit[1])
    council.write_text(text + append)
    state = state_of(repo)
    return state, check.count_all(FsTree(repo), state)


def drop_seat(repo: Path, login: str) -> None:
    lines = (repo / "council.yaml").read_text().split("\n")
    i = lines.index(f"  - login: {login}")
    del lines[i:i + 5]
    (repo / "council.yaml").write_text("\n".join(lines))


def test_pc_election_council_matches_the_certified_results(repo: Path) -> None:
    state, counts = shipped(repo, ("login: sofia-rossi", "login: Sofia-Rossi"))
    assert [c.record.id for c in counts] == ["2026-council", "2026-member-add-samir-khan"]
    assert check.council_matches(state, counts) == []


def test_pc_election_no_council_yet(repo: Path) -> None:
    state = state_of(repo)
    empty = dataclasses.replace(state, council=Council())
    assert check.council_matches(empty, []) == []
    uncertified = election("e1", "2026-01-01", [ADA], certified=False)
    assert check.council_matches(empty, [uncertified]) == []


def test_pc_election_seats_without_any_certified_election(repo: Path) -> None:
    state = state_of(repo)
    logins = ["sofia-rossi", "kwame-mensah", "hana-kim", "elif-demir", "noah-clarke"]
    assert dicts(check.council_matches(state, [])) == [
        err("council.yaml", 4 + 5 * i, 12, "PC-ELECTION", f"{login} {NO_SEAT}")
        for i, login in enumerate(logins)]


def test_pc_election_first_election_not_applied_yet(repo: Path) -> None:
    state, counts = shipped(repo)
    empty = dataclasses.replace(state, council=Council())
    assert dicts(check.council_matches(empty, counts)) == [warn(
        "council.yaml", 4, 3, "PC-ELECTION",
        "elections/2026-council certified, but council.yaml does not hold its seats yet: run "
        "charter council apply 2026-council")]


def test_pc_election_seat_fields_differ(repo: Path) -> None:
    state, counts = shipped(repo, (
        "  - login: hana-kim\n    cohort: B\n    term_start: '2026-06-15'\n"
        "    term_end: '2027-06-15'\n    elected_in: 2026-council\n",
        "  - login: hana-kim\n    cohort: A\n    term_start: '2026-06-16'\n"
        "    term_end: '2027-06-16'\n    elected_in: 2026-other\n"))
    gives = "the certified result of elections/2026-council gives"
    assert dicts(check.council_matches(state, counts)) == [
        err("council.yaml", 15, 13, "PC-ELECTION", f"hana-kim's cohort is 'A'; {gives} 'B'"),
        err("council.yaml", 16, 17, "PC-ELECTION",
            f"hana-kim's term_start is '2026-06-16'; {gives} '2026-06-15'"),
        err("council.yaml", 17, 15, "PC-ELECTION",
            f"hana-kim's term_end is '2027-06-16'; {gives} '2027-06-15'"),
        err("council.yaml", 18, 17, "PC-ELECTION",
            f"hana-kim's elected_in is '2026-other'; {gives} '2026-council'"),
    ]


def test_pc_election_elected_member_without_a_seat(repo: Path) -> None:
    drop_seat(repo, "hana-kim")
    state, counts = shipped(repo, append="  - login: ravi-patel\n    cohort: B\n"
                            "    term_start: '2026-06-15'\n    term_end: '2027-06-15'\n"
                            "    elected_in: 2026-council\n")
    assert dicts(check.council_matches(state, counts)) == [
        err("council.yaml", 24, 12, "PC-ELECTION", f"ravi-patel {NO_SEAT}"),
        warn("council.yaml", 4, 3, "PC-ELECTION",
             "hana-kim was elected in elections/2026-council (cohort B until 2027-06-15) but "
             "has no seat in council.yaml; add the seat (a resignation leaves it empty without "
             "a vote)"),
    ]


RESIGNED = ("resigned:\n  - login: Noah-Clarke\n    elected_in: 2026-council\n"
            "    date: '2026-09-01'\n")


def test_pc_term_resigned_seat_stays_empty(repo: Path) -> None:
    state, counts = shipped(repo, append=RESIGNED)
    assert dicts(check.council_matches(state, counts)) == [
        err("council.yaml", 24, 12, "PC-ELECTION", f"noah-clarke {NO_SEAT}")]
    drop_seat(repo, "noah-clarke")
    state, counts = shipped(repo)
    assert check.council_matches(state, counts) == []


def test_pc_no_confidence_results_not_applied_yet(repo: Path) -> None:
    state, counts = shipped(repo)
    nc1 = motion("nc1", "2026-10-01", "no-confidence", subject="noah-clarke",
                 rule="PC-NO-CONFIDENCE")
    vote = motion("cv", "2026-10-05", "council-vote", rule="PC-VOTE",
                  electorate=["sofia-rossi", "kwame-mensah", "hana-kim", "elif-demir"])
    nc2 = motion("nc2", "2026-10-10", "member-remove", subject="elif-demir",
                 electorate=["sofia-rossi", "kwame-mensah", "hana-kim", "elif-demir"],
                 rule="PC-MEMBER-REMOVE")
    later = motion("cv2", "2026-10-20", "council-vote", rule="PC-VOTE",
                   electorate=["sofia-rossi", "kwame-mensah", "hana-kim"])
    assert dicts(check.council_matches(state, [*counts, nc1, vote, nc2, later])) == [warn(
        "council.yaml", 4, 3, "PC-MEMBER-REMOVE",
        "elections/nc1, elections/nc2 certified, but council.yaml does not hold its seats yet: "
        "run charter council apply nc2")]
    assert dicts(check.council_matches(state, [counts[0], nc1])) == [warn(
        "council.yaml", 4, 3, "PC-NO-CONFIDENCE",
        "elections/nc1 certified, but council.yaml does not hold its seats yet: run charter "
        "council apply nc1")]
    drop_seat(repo, "noah-clarke")
    state, counts = shipped(repo)
    assert dicts(check.council_matches(state, [*counts, nc1, vote, nc2, later])) == [warn(
        "council.yaml", 4, 3, "PC-MEMBER-REMOVE",
        "elections/nc2 certified, but council.yaml does not hold its seats yet: run charter "
        "council apply nc2")]


def test_pc_vote_council_electorate_reported_in_the_record(repo: Path) -> None:
    define(repo, "2026-vote", {"kind": "motion", "title": "t", "returning_officer": "george-hale",
                               "motion": {"type": "council-vote", "text": "t"},
                               "voting": VOTING, "electorate": ["sofia-rossi"]})
    state, counts = shipped(repo)
    vote = made("2026-vote", {"kind": "motion", "type": "council-vote", "passed": True,
                              "certified": True, "finalised": "2026-10-01"},
                state.elections["2026-vote"], rule="PC-VOTE")
    assert dicts(check.council_matches(state, [*counts, vote])) == [err(
        "elections/2026-vote/election.yaml", 11, 1, "PC-VOTE",
        "the electorate of a council vote is the sitting council (elif-demir, hana-kim, "
        "kwame-mensah, noah-clarke, sofia-rossi)")]
    # with a seat-by-seat difference too, both are reported
    state, counts = shipped(repo, ("cohort: B", "cohort: C"))
    assert [f.message.split(" ")[:2] for f in check.council_matches(state, [*counts, vote])] == [
        ["the", "electorate"], ["hana-kim's", "cohort"], ["elif-demir's", "cohort"],
        ["noah-clarke's", "cohort"]]


def test_holds_compares_every_seat_key(repo: Path) -> None:
    state, counts = shipped(repo)
    seats, _ = check.expected_council(counts)
    assert check._holds(state, seats) is True
    for key in ("cohort", "term_start", "term_end", "elected_in"):
        changed = {k: dict(v) for k, v in seats.items()}
        changed["noah-clarke"][key] = "x"
        assert check._holds(state, changed) is False
    assert check._holds(state, {k: v for k, v in seats.items() if k != "noah-clarke"}) is False
    assert check._not_yet_applied(state, counts, seats) == []
    assert check._not_yet_applied(state, [], {}) is None


# --- verify ----------------------------------------------------------------------------------


def test_pc_election_verify_runs_every_check_in_order(repo: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A record sorted before 2026-council is still open (no result: the others are still
    compared), its electorate is not the community of the day (found only with the state of
    the day) and names someone unknown; 2026-council's result was edited; a stray file."""
    monkeypatch.setenv("CHARTER_TODAY", "2026-12-01")
    define(repo, "2026-a-open", {
        "kind": "motion", "title": "t", "returning_officer": "george-hale",
        "motion": {"type": "member-add", "subject": "zed", "text": "t",
                   "called": {"by": "priya-nair", "on": "2026-10-01"},
                   "seconded": {"by": "diego-alvarez", "on": "2026-10-02"}},
        "voting": {"opens": "2026-10-05", "closes": "2026-10-18"},
        "electorate": ["ghost", "sofia-rossi"]})
    (repo / "elections/2026-council/notes.txt").write_text("x")
    result = repo / "elections/2026-council/result.yaml"
    result.write_text(result.read_text().replace("ballots: 17", "ballots: 18"))
    day = community_of(repo, "2026-10-05")
    state = state_of(repo)
    state = dataclasses.replace(state, elections=dict(reversed(state.elections.items())))
    rec = "elections/2026-a-open/election.yaml"
    left_out = [x for x in day if x != "sofia-rossi"]
    assert dicts(check.verify(repo, state)) == [
        warn("elections/2026-council/notes.txt", 0, 0, "PC-ELECTION",
             "unexpected file; a record holds election.yaml, ballots.csv and the generated "
             "result.yaml"),
        Finding(rec, 15, 3, "PC-MEMBER-ADD",
                "open: counted once the ballots are committed after voting closes on 2026-10-18 "
                "(charter election ballots 2026-a-open FILE)", Severity.NOTICE).as_dict(),
        err(rec, 18, 1, "PC-MEMBER-ADD",
            f"{', '.join(left_out)} left out of the electorate: community members with a vote "
            "when voting opened on 2026-10-05; the electorate is the community of the day "
            f"(PC-MEMBER-LAPSE applied) ({len(day)}), and quorums and thresholds are counted "
            "over it: add them"),
        err("elections/2026-council/result.yaml", 11, 10, "PC-ELECTION",
            "the committed result differs from the recount at ballots: committed 18, recounted "
            "17; run: charter election tally elections/2026-council"),
        err(rec, 18, 3, "PC-ELECTION", "ghost has no member file; a record names members by "
            "login"),
        warn(rec, 16, 11, "PC-MEMBER-ADD",
             "voting closed on 2026-10-18: commit the ballots and count them (charter election "
             "ballots 2026-a-open FILE, then charter election certify 2026-a-open)"),
    ]


def test_pc_election_verify_shipped_data_is_clean(repo: Path) -> None:
    assert check.verify(repo, state_of(repo)) == []


def test_pc_election_verify_tree_every_finding_kind(repo: Path) -> None:
    """membership, council, dissolution and lead findings all reach verify_tree."""
    (repo / "members/samir-khan.yaml").write_text(
        "# Samir Khan\nlogin: samir-khan\ngithub_id: 5100021\nname: Samir Khan\n")
    day = community_of(repo, "2026-10-05")
    write_record(repo, "2026-nc", {
        "kind": "motion", "title": "No confidence", "returning_officer": "george-hale",
        "motion": {"type": "no-confidence", "text": "t", "subject": "council",
                   "called": {"by": "aiko-tanaka", "on": "2026-10-01"},
                   "seconded": {"by": "jonas-berg", "on": "2026-10-02"}},
        "voting": {"opens": "2026-10-05", "closes": "2026-10-18"}, "finalised": "2026-10-19",
        "electorate": day, "participation": day[:12],
    }, "date,vote\n" + "2026-10-06,yes\n" * 9 + "2026-10-06,no\n" * 3)
    state = with_core(repo, "lead_elected_in: 2026-council\n")
    (c,) = [c for c in check.count_all(FsTree(repo), state) if c.record.id == "2026-nc"]
    (repo / "elections/2026-nc/result.yaml").write_text(c.render())
    state = state_of(repo)
    found = check.verify_tree(FsTree(repo), state)
    assert [(f.path, f.rule, f.severity.value) for f in found] == [
        ("members/samir-khan.yaml", "PC-MEMBER-ADD", "warning"),
        ("council.yaml", "PC-NO-CONFIDENCE", "warning"),
        ("elections/2026-nc/election.yaml", "PC-NO-CONFIDENCE", "warning"),
        ("core.yaml", "GOV-LEAD-ELECT", "error"),
    ]


def test_pc_election_every_seat_is_compared(repo: Path) -> None:
    """An unknown seat listed first does not stop the comparison of the seats after it; the
    missing seats are reported in login order."""
    council = repo / "council.yaml"
    council.write_text(council.read_text().replace("login: sofia-rossi", "login: ravi-patel")
                       .replace("cohort: A\n    term_start: '2026-06-15'\n"
                                "    term_end: '2028-06-15'\n    elected_in: 2026-council\n"
                                "  - login: hana-kim",
                                "cohort: C\n    term_start: '2026-06-15'\n"
                                "    term_end: '2028-06-15'\n    elected_in: 2026-council\n"
                                "  - login: hana-kim"))
    drop_seat(repo, "hana-kim")
    drop_seat(repo, "elif-demir")
    state, counts = shipped(repo)
    elected = ("(cohort {} until {}) but has no seat in council.yaml; add the seat (a "
               "resignation leaves it empty without a vote)")
    assert dicts(check.council_matches(state, counts)) == [
        err("council.yaml", 4, 12, "PC-ELECTION", f"ravi-patel {NO_SEAT}"),
        err("council.yaml", 10, 13, "PC-ELECTION",
            "kwame-mensah's cohort is 'C'; the certified result of elections/2026-council "
            "gives 'A'"),
        warn("council.yaml", 4, 3, "PC-ELECTION", "elif-demir was elected in "
             "elections/2026-council " + elected.format("B", "2027-06-15")),
        warn("council.yaml", 4, 3, "PC-ELECTION", "hana-kim was elected in "
             "elections/2026-council " + elected.format("B", "2027-06-15")),
        warn("council.yaml", 4, 3, "PC-ELECTION", "sofia-rossi was elected in "
             "elections/2026-council " + elected.format("A", "2028-06-15")),
    ]
