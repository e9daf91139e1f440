"""charter.elections.record called directly: reading a record's ballots (read_record), the checks
every record gets (hashes, duplicates, dates, ties), counting a council election (Bloc STAR and
approval, PC-COI, cohorts), a lead election (GOV-LEAD-ELECT) and a motion, the exact result dicts,
report lines and problems (message, rule, location, severity), and a certified motion's effect."""

from __future__ import annotations

import copy
import errno
import hashlib
from pathlib import Path
from typing import Any

import pytest
import starvote
import yaml
from elections_helpers import csv_of, governance_repo, policy, write_record

from charter.elections import ballots as ballots_mod
from charter.elections import reference as reference_mod
from charter.elections.record import (
    RESULT_HEADER,
    Count,
    Problem,
    Record,
    _effect,
    _ordinal_place,
    _step,
    _tie_lines,
    count,
    read_record,
    rule_of,
)
from charter.elections.ties import Step
from charter.findings import Severity
from charter.load import load
from charter.model import State
from charter.tree import FsTree

ERROR, WARNING, NOTICE = Severity.ERROR, Severity.WARNING, Severity.NOTICE
NOM = {"opens": "2027-01-01", "closes": "2027-01-14"}  # 14 days, both inclusive
VOTING = {"opens": "2027-01-15", "closes": "2027-01-28"}
PEOPLE = ["ada", "bo", "cy", "di", "ed", "fu"]
STARVOTE = f"starvote {starvote.__version__}"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def record(definition: dict[str, Any], ballots: str | None = None, *, eid: str = "x",
           hashed: bool = True) -> Record:
    """A record as read_record gives it; the ballots' sha256 is recorded unless ``hashed`` is
    False."""
    d = dict(definition)
    if ballots is not None and hashed:
        d["ballots_sha256"] = sha(ballots)
    return Record(eid, d, None if ballots is None else ballots.encode())


def P(message: str, *where: str | int, rule: str = "PC-ELECTION",
      severity: Severity = ERROR) -> Problem:
    return Problem(rule, message, where, severity)


# --- rule_of ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "rule"), [
    ({"kind": "lead-election"}, "GOV-LEAD-ELECT"),
    ({"kind": "council-election"}, "PC-ELECTION"),
    ({}, "PC-ELECTION"),
    ({"kind": "motion", "motion": {"type": "member-add"}}, "PC-MEMBER-ADD"),
    ({"kind": "motion", "motion": {"type": "lead-remove"}}, "GOV-LEAD-REMOVE"),
    ({"kind": "motion", "motion": {"type": "vacancy"}}, "PC-VACANCY"),
    ({"kind": "motion", "motion": {"type": "unknown"}}, "PC-VOTE"),
    ({"kind": "motion", "motion": {}}, "PC-VOTE"),
    ({"kind": "motion", "motion": None}, "PC-VOTE"),
    ({"kind": "motion"}, "PC-VOTE"),
])
def test_rule_of_names_the_rule_a_record_is_held_to(data: dict[str, Any], rule: str) -> None:
    assert rule_of(data) == rule


# --- read_record ------------------------------------------------------------------------------

def test_read_record_without_ballots_file(tmp_path: Path) -> None:
    (tmp_path / "elections" / "2027-x").mkdir(parents=True)
    rec = read_record(FsTree(tmp_path), "2027-x", {"kind": "motion"})
    assert rec == Record("2027-x", {"kind": "motion"}, None, None)
    assert (rec.dir, rec.file, rec.ballots_path, rec.result_path) == (
        "elections/2027-x", "elections/2027-x/election.yaml", "elections/2027-x/ballots.csv",
        "elections/2027-x/result.yaml")


def test_read_record_reads_the_committed_ballots(tmp_path: Path) -> None:
    write_record(tmp_path, "2027-x", {"kind": "motion"}, "date,vote\n")
    data = {"kind": "motion"}
    assert read_record(FsTree(tmp_path), "2027-x", data) == Record(
        "2027-x", data, b"date,vote\n", None)


@pytest.mark.parametrize(("size", "limit", "unreadable"), [
    (1000, 1000, None),
    (1001, 1000, "file is 1,001 bytes; the limit is 1,000"),
    (999, 1000, None),
])
def test_pc_election_oversized_ballots_refused_before_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, limit: int,
        unreadable: str | None) -> None:
    write_record(tmp_path, "2027-x", {}, "a" * size)
    monkeypatch.setattr(ballots_mod, "MAX_BYTES", limit)
    rec = read_record(FsTree(tmp_path), "2027-x", {})
    assert rec == Record("2027-x", {}, None if unreadable else b"a" * size, unreadable)


def test_pc_election_ballots_symlink_is_reported_not_followed(tmp_path: Path) -> None:
    d = write_record(tmp_path, "2027-x", {}, "date,vote\n")
    (tmp_path / "outside.csv").write_text("date,vote\n")
    (d / "ballots.csv").unlink()
    (d / "ballots.csv").symlink_to(tmp_path / "outside.csv")
    rec = read_record(FsTree(tmp_path), "2027-x", {})
    assert rec == Record("2027-x", {}, None, (
        "cannot be read (not a regular file (symbolic links, devices and pipes are never read)); "
        "the ballots are a regular file committed beside the definition"))


class _Failing:
    """A tree whose ballots file exists but fails to be read."""

    def __init__(self, exc: OSError, size: int = 10):
        self.exc, self._size = exc, size

    def exists(self, path: str) -> bool:
        return path == "elections/2027-x/ballots.csv"

    def size(self, path: str) -> int:
        return self._size

    def read(self, path: str) -> bytes:
        raise self.exc


@pytest.mark.parametrize(("exc", "why"), [
    (OSError("disk on fire"), "disk on fire"),
    (OSError(errno.EIO, "Input/output error"), "Input/output error"),
])
def test_read_record_os_error_is_kept_as_the_reason(exc: OSError, why: str) -> None:
    rec = read_record(_Failing(exc), "2027-x", {"a": 1})  # type: ignore[arg-type]
    assert rec == Record("2027-x", {"a": 1}, None, f"cannot be read ({why}); the ballots are a "
                         "regular file committed beside the definition")


# --- the checks every record gets ---------------------------------------------------------------

def motion_def(**extra: Any) -> dict[str, Any]:
    return {"kind": "motion", "title": "Admit Zed", "method": "yes-no",
            "motion": {"type": "member-add", "subject": "zed", "text": "t",
                       "called": {"by": "ada", "on": "2027-01-01"},
                       "seconded": {"by": "bo", "on": "2027-01-05"}},
            "voting": dict(VOTING), "electorate": list(PEOPLE), **extra}


def test_pc_election_open_record_is_a_notice_until_ballots_are_committed() -> None:
    c = count(record(motion_def(participation=["ada"]), eid="2027-zed"), policy())
    assert c.problems == [P("open: counted once the ballots are committed after voting closes on "
                            "2027-01-28 (charter election ballots 2027-zed FILE)", "voting",
                            rule="PC-MEMBER-ADD", severity=NOTICE)]
    assert c.errors == [] and c.result is None and c.report == [] and c.tie is None


def test_pc_election_open_record_without_voting_dates() -> None:
    d = motion_def()
    del d["voting"]
    c = count(record(d), policy())
    assert c.problems == [P("open: counted once the ballots are committed after voting closes on "
                            "None (charter election ballots x FILE)", "voting",
                            rule="PC-MEMBER-ADD", severity=NOTICE)]


@pytest.mark.parametrize(("extra", "where"), [
    ({"finalised": "2027-01-29"}, "finalised"),
    ({"ballots_sha256": "ab"}, "ballots_sha256"),
    ({"finalised": "2027-01-29", "ballots_sha256": "ab"}, "ballots_sha256"),
])
def test_pc_election_missing_ballots_of_a_recorded_count(extra: dict[str, Any],
                                                         where: str) -> None:
    c = count(record(motion_def(**extra)), policy())
    assert c.problems == [P("elections/x/ballots.csv is missing; the ballots are committed beside "
                            "the definition", where, rule="PC-MEMBER-ADD")]
    assert c.errors == c.problems


def test_pc_election_unreadable_ballots_located_at_the_file() -> None:
    rec = Record("x", motion_def(finalised="2027-01-29"), None, "file is 2 bytes; the limit is 1")
    c = count(rec, policy())
    assert c.problems == [Problem("PC-MEMBER-ADD", "file is 2 bytes; the limit is 1",
                                  path="elections/x/ballots.csv", line=1, col=1)]


MOTION_BALLOTS = "date,vote\n2027-01-15,yes\n2027-01-16,yes\n2027-01-17,no\n"


def test_pc_election_ballots_sha256_must_be_recorded() -> None:
    c = count(record(motion_def(participation=["ada", "bo", "cy"]), MOTION_BALLOTS, eid="2027-z",
                     hashed=False), policy())
    assert c.problems == [P("record the ballots' sha256 (charter election ballots 2027-z "
                            "elections/2027-z/ballots.csv records it)", "kind",
                            rule="PC-MEMBER-ADD")]
    assert c.result is not None and c.result["passed"] is True


def test_pc_election_ballots_changed_after_recording() -> None:
    d = motion_def(participation=["ada", "bo", "cy"], ballots_sha256=sha("other"))
    c = count(record(d, MOTION_BALLOTS, hashed=False), policy())
    assert c.problems == [P(f"elections/x/ballots.csv does not match ballots_sha256 (its sha256 "
                            f"is {sha(MOTION_BALLOTS)}); the ballots were changed after they were "
                            "recorded", "ballots_sha256", rule="PC-MEMBER-ADD")]


def test_pc_election_logins_listed_twice_and_outside_the_electorate() -> None:
    d = motion_def(electorate=["Ada", "bo", "ada", "BO", "cy"],
                   participation=["ADA", "zed", "Zed", "cy"], finalised="2027-01-29")
    c = count(record(d), policy())
    assert c.problems == [
        P("elections/x/ballots.csv is missing; the ballots are committed beside the definition",
          "finalised", rule="PC-MEMBER-ADD"),
        P("ada is listed twice in electorate (as Ada too); logins are compared without case, and "
          "each person counts once", "electorate", 2, rule="PC-MEMBER-ADD"),
        P("BO is listed twice in electorate (as bo too); logins are compared without case, and "
          "each person counts once", "electorate", 3, rule="PC-MEMBER-ADD"),
        P("Zed is listed twice in participation (as zed too); logins are compared without case, "
          "and each person counts once", "participation", 2, rule="PC-MEMBER-ADD"),
        P("zed took part but is not in the electorate", "participation", 1,
          rule="PC-MEMBER-ADD"),
        P("Zed took part but is not in the electorate", "participation", 2,
          rule="PC-MEMBER-ADD"),
    ]


@pytest.mark.parametrize(("finalised", "voting", "problems"), [
    ("2027-01-27", VOTING, [P("finalised 2027-01-27, before voting closed on 2027-01-28",
                              "finalised", rule="PC-MEMBER-ADD")]),
    ("2027-01-28", VOTING, []),
    ("2027-01-27", {"opens": "2027-01-15"}, []),
    ("2027-01-29", {"opens": "2027-01-28", "closes": "2027-01-27"},
     [P("voting closes (2027-01-27) before it opens (2027-01-28)", "voting", "closes",
        rule="PC-MEMBER-ADD")]),
    ("2027-01-29", {"opens": "2027-01-28", "closes": "2027-01-28"}, []),
    ("2027-01-29", {"closes": "2027-01-28"}, []),
])
def test_pc_election_record_dates_in_order(finalised: str, voting: dict[str, str],
                                           problems: list[Problem]) -> None:
    c = count(record(motion_def(voting=voting, finalised=finalised)), policy())
    assert c.problems == [P("elections/x/ballots.csv is missing; the ballots are committed "
                            "beside the definition", "finalised", rule="PC-MEMBER-ADD"),
                          *problems]


def test_pc_election_recorded_tie_resolutions_are_checked() -> None:
    ties = [{"round": 1, "stage": "scoring", "tied": ["ada"], "method": "agreement",
             "order": ["ada"]},
            {"round": 2, "stage": "runoff", "tied": ["ada", "bo"], "method": "draw"},
            {"round": 3, "stage": "runoff", "tied": ["ada", "bo"], "method": "agreement",
             "order": ["ada", "ada"]}]
    c = count(record(motion_def(ties=ties, finalised="2027-01-29")), policy())
    assert c.problems[1:] == [
        P("recorded tie resolution: a tie needs at least two candidates", "ties", 0,
          rule="PC-MEMBER-ADD"),
        P("recorded tie resolution: a draw records the published seed", "ties", 1,
          rule="PC-MEMBER-ADD"),
        P("recorded tie resolution: the agreed order must list each tied candidate once",
          "ties", 2, rule="PC-MEMBER-ADD"),
    ]


def test_pc_election_impossible_date_stops_the_count() -> None:
    d = motion_def(voting={"opens": "2027-02-30", "closes": "2027-01-28"},
                   finalised="2027-13-01", participation=["nobody"])
    c = count(record(d, MOTION_BALLOTS), policy())
    assert c.problems == [
        P("2027-02-30 is not a calendar date; the record cannot be counted", "voting", "opens",
          rule="PC-MEMBER-ADD"),
        P("2027-13-01 is not a calendar date; the record cannot be counted", "finalised",
          rule="PC-MEMBER-ADD"),
    ]
    assert c.result is None and c.report == []


def test_pc_election_bad_ballots_file_is_a_located_problem() -> None:
    d = motion_def(participation=["ada"])
    c = count(record(d, "date,vote\n2027-01-15,maybe\n"), policy())
    assert len(c.problems) == 1
    p = c.problems[0]
    assert (p.rule, p.where, p.severity, p.path, p.line, p.col) == (
        "PC-MEMBER-ADD", (), ERROR, "elections/x/ballots.csv", 2, 12)
    assert c.result is None and c.tie is None


# --- council elections ------------------------------------------------------------------------

def council_def(**extra: Any) -> dict[str, Any]:
    """A cohort A election of three candidates (two seats), not finalised."""
    return {"kind": "council-election", "title": "Cohort A", "scope": "A", "seats": 2,
            "method": "bloc-star", "nomination": dict(NOM), "voting": dict(VOTING),
            "electorate": ["Ada", "bo", "cy", "di", "ed"], "participation": ["ada", "bo", "cy"],
            "candidates": [{"login": "ada"}, {"login": "bo"}, {"login": "cy"}], **extra}


STAR3 = csv_of(["ada", "bo", "cy"], [(5, 3, 0), (4, 5, 1), (5, 2, 2)])


def test_pc_election_bloc_star_cohort_result_and_report() -> None:
    c = count(record(council_def(), STAR3), policy())
    assert c.problems == [] and c.tie is None and c.rule == "PC-ELECTION"
    assert c.result == {
        "election": "x", "kind": "council-election", "title": "Cohort A", "method": "bloc-star",
        "scope": "A", "seats": 2, "ballots_sha256": sha(STAR3), "electorate": 5, "ballots": 3,
        "certified": False, "finalised": None,
        "totals": [{"candidate": "ada", "stars": 14, "five_star": 2},
                   {"candidate": "bo", "stars": 10, "five_star": 1},
                   {"candidate": "cy", "stars": 3, "five_star": 0}],
        "rounds": [{"round": 1, "finalists": ["ada", "bo"], "runoff": {"ada": 2, "bo": 1},
                    "no_preference": 0, "placed": "ada"},
                   {"round": 2, "finalists": ["bo", "cy"], "runoff": {"bo": 2, "cy": 0},
                    "no_preference": 1, "placed": "bo"},
                   {"round": 3, "placed": "cy", "note": "the only candidate left"}],
        "order": ["ada", "bo", "cy"],
        "reference": f"{STARVOTE} counts the same finishing order (the last place is the one "
                     "left)",
        "coi": [],
        "elected": [{"login": "ada", "cohort": "A", "elected_in": "x"},
                    {"login": "bo", "cohort": "A", "elected_in": "x"}],
        "vacancies": [],
    }
    assert list(c.result) == ["election", "kind", "title", "method", "scope", "seats",
                              "ballots_sha256", "electorate", "ballots", "certified", "finalised",
                              "totals", "rounds", "order", "reference", "coi", "elected",
                              "vacancies"]
    assert c.report == [
        "x: Cohort A (bloc-star, cohort A, 2 seats)",
        "Turnout: 3 ballots from an electorate of 5 (60.0%)",
        "Total stars before any exclusion:",
        "  ada       14  five-star ratings 2",
        "  bo        10  five-star ratings 1",
        "  cy         3  five-star ratings 0",
        "Round 1: finalists ada (14 stars) and bo (10 stars)",
        "  runoff: ada preferred on 2 ballots, bo on 1, no preference 0",
        "  placed 1st: ada",
        "Round 2: finalists bo (10 stars) and cy (3 stars)",
        "  runoff: bo preferred on 2 ballots, cy on 0, no preference 1",
        "  placed 2nd: bo",
        "Round 3: cy (the only candidate left)",
        "  placed 3rd: cy",
        f"Reference count: {STARVOTE} counts the same finishing order (the last place is the one "
        "left)",
        "Conflict-of-interest cascade (PC-COI):",
        "  nobody was passed over",
        "Elected:",
        "  1. ada  cohort A  term starts when the result is finalised",
        "  2. bo  cohort A  term starts when the result is finalised",
        "Vacancies: none",
        "Result: provisional (not finalised)",
    ]


def test_pc_election_render_is_the_header_and_the_result() -> None:
    c = count(record(council_def(), STAR3, eid="2027-a"), policy())
    text = c.render()
    assert text.startswith(RESULT_HEADER.format(dir="elections/2027-a"))
    assert text.startswith("# Generated by `charter election tally elections/2027-a`; do not "
                           "edit.\n# `charter check` recounts the ballots and fails if this file "
                           "differs.\nelection: 2027-a\nkind: council-election\n")
    assert yaml.safe_load(text) == c.result
    assert "totals:\n- candidate: ada\n  stars: 14\n" in text  # block style, not flow style


def test_pc_election_render_keeps_unicode_and_long_lines() -> None:
    c = Count(Record("y", {}, None), "PC-ELECTION",
              result={"title": "Élection " + "x" * 120, "b": [1]})
    assert c.render() == RESULT_HEADER.format(dir="elections/y") + (
        f"title: Élection {'x' * 120}\nb:\n- 1\n")



def test_pc_election_render_folds_long_text_at_100_columns() -> None:
    c = Count(Record("y", {}, None), "PC-ELECTION", result={"title": "a" * 92 + " b c"})
    # "title: " and 92 letters and " b" fill 101 columns: the next word goes on a new line
    assert c.render() == RESULT_HEADER.format(dir="elections/y") + (
        f"title: {'a' * 92} b\n  c\n")

APPROVAL_CANDS = [{"login": "ada", "affiliations": [{"entity": "Acme", "role": "employee"}]},
                  {"login": "bo", "affiliations": [{"entity": "acme", "role": "employee"}]},
                  {"login": "cy", "affiliations": [{"entity": "ACME", "role": "employee"}]},
                  {"login": "di"}]
APPROVALS = csv_of(["ada", "bo", "cy", "di"], [(1, 1, 1, 1), (1, 1, 0, 1), (1, 1, 0, 0),
                                                (1, 0, 0, 0)])


def approval_def(**extra: Any) -> dict[str, Any]:
    """A finalised whole-council approval election: four candidates for five seats, three of
    them from one entity (PC-COI caps it at two)."""
    return {"kind": "council-election", "title": "Whole", "scope": "whole", "method": "approval",
            "nomination": dict(NOM), "voting": dict(VOTING), "finalised": "2027-01-29",
            "electorate": list(PEOPLE), "participation": ["ada", "bo", "cy", "di"],
            "candidates": copy.deepcopy(APPROVAL_CANDS), **extra}


def test_pc_coi_whole_council_approval_with_vacancies() -> None:
    c = count(record(approval_def(), APPROVALS), policy())
    assert c.problems == []
    term_a = {"term_start": "2027-01-29", "term_end": "2029-01-29", "elected_in": "x"}
    term_b = {"term_start": "2027-01-29", "term_end": "2028-01-29", "elected_in": "x"}
    assert c.result == {
        "election": "x", "kind": "council-election", "title": "Whole", "method": "approval",
        "scope": "whole", "seats": 5, "ballots_sha256": sha(APPROVALS), "electorate": 6,
        "ballots": 4, "certified": True, "finalised": "2027-01-29",
        "totals": [{"candidate": "ada", "approvals": 4}, {"candidate": "bo", "approvals": 3},
                   {"candidate": "di", "approvals": 2}, {"candidate": "cy", "approvals": 1}],
        "rounds": [{"round": 1, "placed": "ada"}, {"round": 2, "placed": "bo"},
                   {"round": 3, "placed": "di"}, {"round": 4, "placed": "cy"}],
        "order": ["ada", "bo", "di", "cy"],
        "coi": ["cy (place 4) was passed over: a third person from ACME, where at most 2 may "
                "sit; the next candidate moves up",
                "candidates ran out: the remaining seats stay vacant (council.coi_exhausted: "
                "vacant)"],
        "elected": [{"login": "ada", "cohort": "A", **term_a},
                    {"login": "bo", "cohort": "A", **term_a},
                    {"login": "di", "cohort": "B", **term_b}],
        "vacancies": [{"cohort": "B", "term_end": "2028-01-29"},
                      {"cohort": "B", "term_end": "2028-01-29"}],
    }
    assert c.report == [
        "x: Whole (approval, whole council, 5 seats)",
        "Turnout: 4 ballots from an electorate of 6 (66.7%)",
        "Total approvals before any exclusion:",
        "  ada        4",
        "  bo         3",
        "  di         2",
        "  cy         1",
        "Round 1: ada (4 approvals)",
        "  placed 1st: ada",
        "Round 2: bo (3 approvals)",
        "  placed 2nd: bo",
        "Round 3: di (2 approvals)",
        "  placed 3rd: di",
        "Round 4: cy (1 approvals)",
        "  placed 4th: cy",
        "Conflict-of-interest cascade (PC-COI):",
        "  cy (place 4) was passed over: a third person from ACME, where at most 2 may sit; the "
        "next candidate moves up",
        "  candidates ran out: the remaining seats stay vacant (council.coi_exhausted: vacant)",
        "Elected:",
        "  1. ada  cohort A  term 2027-01-29 to 2029-01-29",
        "  2. bo  cohort A  term 2027-01-29 to 2029-01-29",
        "  3. di  cohort B  term 2027-01-29 to 2028-01-29",
        "Vacancies: cohort B, cohort B",
        "Result: certified, finalised 2027-01-29",
    ]


def test_pc_coi_candidate_affiliations_matched_without_case_of_the_login() -> None:
    cands = copy.deepcopy(APPROVAL_CANDS)
    cands[2]["login"] = "CY"
    d = approval_def(candidates=cands, electorate=["ada", "bo", "CY", "di"])
    c = count(record(d, APPROVALS), policy())
    assert c.problems == []
    assert c.result is not None and c.result["order"] == ["ada", "bo", "di", "cy"]
    assert c.result["coi"][0].startswith("cy (place 4) was passed over")


def test_pc_coi_sitting_members_count_toward_their_entity() -> None:
    d = council_def(scope="B", seats=3, candidates=[
        {"login": "ada", "affiliations": [{"entity": "Acme", "role": "employee"}]},
        {"login": "bo"}, {"login": "cy"}],
        sitting=[{"login": "ed", "affiliations": [{"entity": "Acme", "role": "director"}]},
                 {"login": "fu", "affiliations": [{"entity": "acme", "role": "employee"}]}])
    c = count(record(d, STAR3), policy())
    assert c.problems == []
    assert c.result is not None
    assert c.result["coi"] == [
        "sitting member ed counts toward Acme", "sitting member fu counts toward acme",
        "ada (place 1) was passed over: a third person from Acme, where at most 2 may sit; the "
        "next candidate moves up",
        "candidates ran out: the remaining seats stay vacant (council.coi_exhausted: vacant)"]
    assert c.result["elected"] == [{"login": "bo", "cohort": "B", "elected_in": "x"},
                                   {"login": "cy", "cohort": "B", "elected_in": "x"}]
    assert c.result["vacancies"] == [{"cohort": "B"}]
    assert c.report[-5:] == ["Elected:",
                             "  1. bo  cohort B  term starts when the result is finalised",
                             "  2. cy  cohort B  term starts when the result is finalised",
                             "Vacancies: cohort B", "Result: provisional (not finalised)"]


def test_pc_election_finalist_tie_broken_head_to_head_is_reported_step_by_step() -> None:
    ballots = csv_of(["ada", "bo", "cy"], [(5, 3, 1), (5, 3, 1), (5, 0, 4)])
    c = count(record(council_def(), ballots), policy())
    assert c.problems == []
    assert c.result is not None and c.result["rounds"][0] == {
        "round": 1, "finalists": ["ada", "bo"], "runoff": {"ada": 3, "bo": 0},
        "no_preference": 0,
        "scoring_tiebreaks": [{"rule": "head-to-head among the tied", "tied": ["bo", "cy"],
                               "counts": {"bo": 2, "cy": 1}, "no_preference": 0,
                               "ahead": ["bo"]}],
        "placed": "ada"}
    assert c.report[3:11] == [
        "  ada       15  five-star ratings 3",
        "  bo         6  five-star ratings 0",
        "  cy         6  five-star ratings 0",
        "Round 1: finalists ada (15 stars) and bo (6 stars)",
        "  tie for the finalist places between bo, cy:",
        "    1. head-to-head among the tied: bo 2, cy 1, no preference 0 -> bo goes through",
        "  runoff: ada preferred on 3 ballots, bo on 0, no preference 0",
        "  placed 1st: ada",
    ]


TIED = csv_of(["ada", "bo", "cy", "di"], [(5, 5, 1, 0), (3, 3, 4, 1), (4, 4, 0, 2)])


def tied_def(**extra: Any) -> dict[str, Any]:
    """A cohort B election whose first runoff ties beyond every rule: ada and bo score alike on
    every ballot."""
    return council_def(scope="B", seats=3, title="B", electorate=list(PEOPLE),
                       candidates=[{"login": x} for x in ("ada", "bo", "cy", "di")], **extra)


RUNOFF_TIE = ("unbreakable tie in round 1 (runoff) between ada, bo: 1 of them must go ahead; "
              "record the candidates' agreement or a draw with 'charter election resolve-tie' "
              "(round 1, stage runoff)")


@pytest.mark.parametrize(("ties", "where"), [
    (None, "kind"),
    ([], "kind"),
    ([{"round": 2, "stage": "runoff", "tied": ["ada", "bo"], "method": "agreement",
       "order": ["bo", "ada"]}], "ties"),
])
def test_pc_election_unresolved_tie_stops_the_count(ties: list[dict[str, Any]] | None,
                                                    where: str) -> None:
    d = tied_def() if ties is None else tied_def(ties=ties)
    c = count(record(d, TIED), policy())
    assert c.problems == [P(RUNOFF_TIE, where)]
    assert c.tie is not None and (c.tie.round, c.tie.stage, c.tie.tied) == (1, "runoff",
                                                                            ("ada", "bo"))
    assert c.result is None and c.report == []


def test_pc_election_runoff_tie_resolved_by_agreement() -> None:
    ties = [{"round": 1, "stage": "runoff", "tied": ["ada", "bo"], "method": "agreement",
             "order": ["bo", "ada"], "reference": "https://x.invalid/a"}]
    c = count(record(tied_def(ties=ties), TIED), policy())
    assert c.problems == [] and c.tie is None
    assert c.result is not None
    assert c.result["rounds"][0] == {
        "round": 1, "finalists": ["ada", "bo"], "runoff": {"ada": 0, "bo": 0},
        "no_preference": 3,
        "runoff_tiebreaks": [
            {"rule": "higher total score", "tied": ["ada", "bo"], "counts": {"ada": 12, "bo": 12},
             "ahead": []},
            {"rule": "most 5-star ratings", "tied": ["ada", "bo"], "counts": {"ada": 1, "bo": 1},
             "ahead": []},
            {"rule": "recorded resolution", "tied": ["ada", "bo"], "counts": {"ada": 0, "bo": 1},
             "ahead": ["bo"], "method": "agreement", "reference": "https://x.invalid/a"}],
        "placed": "bo"}
    assert c.result["order"] == ["bo", "ada", "cy", "di"]
    assert c.report[:13] == [
        "x: B (bloc-star, cohort B, 3 seats)",
        "Turnout: 3 ballots from an electorate of 6 (50.0%)",
        "Total stars before any exclusion:",
        "  ada       12  five-star ratings 1",
        "  bo        12  five-star ratings 1",
        "  cy         5  five-star ratings 0",
        "  di         3  five-star ratings 0",
        "Round 1: finalists ada (12 stars) and bo (12 stars)",
        "  runoff: ada preferred on 0 ballots, bo on 0, no preference 3 (tied)",
        "  runoff tie between ada, bo:",
        "    1. higher total score: ada 12, bo 12 -> still tied",
        "    2. most 5-star ratings: ada 1, bo 1 -> still tied",
        "    3. recorded resolution by the candidates' written agreement (https://x.invalid/a): "
        "bo wins the runoff",
    ]


def test_pc_election_runoff_tie_resolved_by_draw_and_unused_resolution_warned() -> None:
    ties = [{"round": 1, "stage": "runoff", "tied": ["ada", "bo"], "method": "draw",
             "seed": "s1"},
            {"round": 3, "stage": "scoring", "tied": ["cy", "di"], "method": "agreement",
             "order": ["cy", "di"]},
            {"round": 4, "stage": "scoring", "tied": ["cy"], "method": "agreement",
             "order": ["cy"]}]
    c = count(record(tied_def(ties=ties), TIED), policy())
    assert c.problems == [
        P("recorded tie resolution: a tie needs at least two candidates", "ties", 2),
        P("recorded tie resolution for round 3 (scoring) was not needed by the count", "ties", 1,
          severity=WARNING)]
    assert c.result is not None
    assert c.result["rounds"][0]["runoff_tiebreaks"][2] == {
        "rule": "recorded resolution", "tied": ["ada", "bo"], "counts": {"ada": 1, "bo": 0},
        "ahead": ["ada"], "method": "draw", "seed": "s1"}
    assert c.report[12] == ("    3. recorded resolution by a draw from the published seed 's1': "
                            "ada wins the runoff")


def test_pc_election_approval_tie_resolved_and_totals_sorted_without_case() -> None:
    ties = [{"round": 1, "stage": "approval", "tied": ["ada", "Bo"], "method": "coin",
             "order": ["Bo", "ada"], "reference": "r"}]
    d = approval_def(ties=ties, candidates=[{"login": "ada"}, {"login": "Bo"}],
                     electorate=["ada", "Bo", "cy", "di"])
    c = count(record(d, csv_of(["Bo", "ada"], [(1, 1), (1, 1), (0, 0), (0, 0)])), policy())
    assert c.problems == []
    assert c.result is not None
    assert c.result["totals"] == [{"candidate": "ada", "approvals": 2},
                                  {"candidate": "Bo", "approvals": 2}]
    assert c.result["rounds"] == [
        {"round": 1, "scoring_tiebreaks": [
            {"rule": "recorded resolution", "tied": ["ada", "Bo"], "counts": {"ada": 0, "Bo": 1},
             "ahead": ["Bo"], "method": "coin", "reference": "r"}], "placed": "Bo"},
        {"round": 2, "placed": "ada"}]
    assert c.report[2:9] == [
        "Total approvals before any exclusion:",
        "  ada        2",
        "  Bo         2",
        "Round 1: Bo (2 approvals)",
        "  tie for the most approvals between ada, Bo:",
        "    1. recorded resolution by a recorded resolution (r): Bo goes ahead",
        "  placed 1st: Bo",
    ]
    assert c.report[-2:] == ["Vacancies: cohort B, cohort B, cohort B",
                             "Result: certified, finalised 2027-01-29"]


def test_pc_election_tie_further_down_does_not_stop_the_count() -> None:
    d = council_def(seats=1, candidates=[{"login": x} for x in ("ada", "bo", "cy", "di")],
                    participation=["ada", "bo"])
    ballots = csv_of(["ada", "bo", "cy", "di"], [(5, 4, 1, 1), (5, 3, 2, 2)])
    c = count(record(d, ballots), policy(cohorts={"A": 1, "B": 4}))
    assert c.problems == [] and c.tie is None
    assert c.result is not None
    assert c.result["order"] == ["ada"]
    assert c.result["reference"] == f"{STARVOTE} counts the same first 1 places"
    assert c.result["unplaced"] == {
        "candidates": ["bo", "cy", "di"],
        "reason": "unbreakable tie in round 2 (scoring) between cy, di (it does not affect who "
                  "is elected)"}
    assert list(c.result)[-5:] == ["reference", "unplaced", "coi", "elected", "vacancies"]
    assert c.report[9:13] == [
        "  placed 1st: ada",
        "Not placed further: bo, cy, di -- unbreakable tie in round 2 (scoring) between cy, di: "
        "1 of them must go ahead; record the candidates' agreement or a draw with 'charter "
        "election resolve-tie' (round 2, stage scoring) (this does not affect who is elected)",
        f"Reference count: {STARVOTE} counts the same first 1 places",
        "Conflict-of-interest cascade (PC-COI):",
    ]


@pytest.mark.parametrize(("scope", "cohorts", "message"), [
    ("C", None, "scope 'C' is neither 'whole' nor one of the policy's cohorts (A, B; policy "
                "council.cohorts)"),
    ("a", None, "scope 'a' is neither 'whole' nor one of the policy's cohorts (A, B; policy "
                "council.cohorts)"),
    ("Whole", {"X": 5}, "scope 'Whole' is neither 'whole' nor one of the policy's cohorts (X; "
                        "policy council.cohorts)"),
])
def test_pc_election_scope_must_be_whole_or_a_cohort(scope: str, cohorts: dict[str, int] | None,
                                                     message: str) -> None:
    pol = policy(cohorts=cohorts) if cohorts else policy()
    c = count(record(council_def(scope=scope), STAR3), pol)
    assert c.problems == [P(message, "scope")]
    assert c.result is None and c.report == []


@pytest.mark.parametrize(("scope", "seats", "message"), [
    ("A", 1, "1 seat; cohort A has 2 (PC-SIZE)"),
    ("A", 3, "3 seats; cohort A has 2 (PC-SIZE)"),
    ("whole", 4, "4 seats; the whole council has 5 (PC-SIZE)"),
    ("whole", 6, "6 seats; the whole council has 5 (PC-SIZE)"),
])
def test_pc_size_seats_must_match_the_policy(scope: str, seats: int, message: str) -> None:
    c = count(record(council_def(scope=scope, seats=seats), STAR3), policy())
    assert c.problems == [P(message, "seats")]
    assert c.result is not None and c.result["seats"] == seats
    assert len(c.result["elected"]) + len(c.result["vacancies"]) == seats


@pytest.mark.parametrize(("scope", "pol", "seats"), [
    ("whole", {}, 5),
    ("whole", {"seats": 3, "cohorts": {"A": 1, "B": 2}}, 3),
    ("B", {}, 3),
    ("B", {"cohorts": {"A": 2, "B": 1}, "seats": 3}, 1),
])
def test_pc_size_seats_default_to_the_policy(scope: str, pol: dict[str, Any],
                                             seats: int) -> None:
    d = council_def(scope=scope)
    del d["seats"]
    c = count(record(d, STAR3), policy(**pol))
    assert c.problems == []
    assert c.result is not None and c.result["seats"] == seats
    assert c.report[0] == (f"x: Cohort A (bloc-star, "
                           f"{'whole council' if scope == 'whole' else 'cohort ' + scope}, "
                           f"{seats} seat{'' if seats == 1 else 's'})")


def test_pc_election_method_defaults_to_the_policy() -> None:
    d = council_def()
    del d["method"]
    ballots = csv_of(["ada", "bo", "cy"], [(1, 1, 0), (1, 0, 0), (1, 1, 1)])
    c = count(record(d, ballots), policy(voting_method="approval"))
    assert c.problems == []
    assert c.result is not None and c.result["method"] == "approval"
    assert "reference" not in c.result


@pytest.mark.parametrize(("method", "pol", "shown"), [
    ("irv", {}, "irv"),
    ("Approval", {}, "Approval"),
    (None, {"voting_method": "plurality"}, "plurality"),
    ("", {"voting_method": "borda"}, "borda"),
])
def test_pc_election_council_method_is_bloc_star_or_approval(method: str | None,
                                                             pol: dict[str, Any],
                                                             shown: str) -> None:
    d = council_def(method=method)
    c = count(record(d, STAR3), policy(**pol))
    assert c.problems == [P(f"a council election is counted by bloc-star or approval, not "
                            f"{shown}", "method")]
    assert c.result is None


@pytest.mark.parametrize(("method", "score", "line"), [
    ("approval", 2, 3), ("approval", 1, 0), ("bloc-star", 6, 3), ("bloc-star", 5, 0)])
def test_pc_election_scores_read_up_to_the_methods_maximum(method: str, score: int,
                                                           line: int) -> None:
    ballots = csv_of(["ada", "bo", "cy"], [(1, 0, 0), (1, score, 0), (1, 1, 1), (1, 1, 0)])
    c = count(record(council_def(method=method), ballots), policy())
    located = [(p.path, p.line, p.col) for p in c.problems if p.path]
    assert located == ([("elections/x/ballots.csv", line, 3)] if line else [])
    assert (c.result is None) == bool(line)


def test_pc_election_candidates_are_community_members_in_the_electorate() -> None:
    d = council_def(electorate=["ADA", "bo", "di"],
                    candidates=[{"login": "ada"}, {"login": "Bo"}, {"login": "cy"}])
    c = count(record(d, csv_of(["ada", "Bo", "cy"], [(5, 3, 0), (4, 5, 1), (5, 2, 2)])),
              policy())
    assert c.problems == [
        P("cy took part but is not in the electorate", "participation", 2),
        P("candidate cy is not a community member in the electorate (community members "
          "self-nominate)", "candidates", 2, "login"),
    ]


@pytest.mark.parametrize("listed", [True, False], ids=["empty-list", "no-key"])
def test_pc_election_no_candidates(listed: bool) -> None:
    d = council_def(candidates=[], participation=["ada"])
    if not listed:
        del d["candidates"]  # a record may leave the key out: the same problem, not a crash
    c = count(record(d, "ada\n5\n"), policy())
    assert c.problems == [
        P("no candidates", "candidates"),
        P("elections/x/ballots.csv names ada; the candidates are ", "candidates"),
    ]
    assert c.result is None


@pytest.mark.parametrize(("scope", "sitting", "problems"), [
    ("whole", [{"login": "ed"}], [P("a whole-council election has no sitting members",
                                    "sitting")]),
    ("whole", [], []),
    ("A", [{"login": "ed"}], []),
])
def test_pc_election_whole_council_has_no_sitting_members(
        scope: str, sitting: list[dict[str, str]], problems: list[Problem]) -> None:
    d = council_def(scope=scope, seats=5 if scope == "whole" else 2, sitting=sitting)
    c = count(record(d, STAR3), policy())
    assert c.problems == problems
    assert c.result is not None


@pytest.mark.parametrize(("nomination", "voting", "problems"), [
    (NOM, VOTING, []),
    ({"opens": "2027-01-01", "closes": "2027-01-13"}, VOTING, [
        P("nomination is open 13 days (2027-01-01 to 2027-01-13); each phase should last 14 "
          "days", "nomination", "closes", severity=WARNING)]),
    ({"opens": "2027-01-01", "closes": "2027-01-15"}, VOTING, [
        P("voting opens 2027-01-15, before nominations close on 2027-01-15", "voting", "opens"),
        P("nomination is open 15 days (2027-01-01 to 2027-01-15); each phase should last 14 "
          "days", "nomination", "closes", severity=WARNING)]),
    (NOM, {"opens": "2027-01-15", "closes": "2027-01-29"}, [
        P("voting is open 15 days (2027-01-15 to 2027-01-29); each phase should last 14 days",
          "voting", "closes", severity=WARNING)]),
    (NOM, {"opens": "2027-01-16", "closes": "2027-01-28"}, [
        P("voting is open 13 days (2027-01-16 to 2027-01-28); each phase should last 14 days",
          "voting", "closes", severity=WARNING)]),
    (NOM, {"opens": "2027-01-14", "closes": "2027-01-27"}, [
        P("voting opens 2027-01-14, before nominations close on 2027-01-14", "voting", "opens")]),
    (NOM, {"opens": "2027-01-15"}, []),
    (NOM, {"closes": "2027-01-02"}, []),
    (None, VOTING, [P("the nomination window is not recorded", "nomination",
                      severity=WARNING)]),
    ({}, VOTING, [P("the nomination window is not recorded", "nomination",
                    severity=WARNING)]),
])
def test_pc_election_nomination_and_voting_windows(nomination: dict[str, str] | None,
                                                   voting: dict[str, str],
                                                   problems: list[Problem]) -> None:
    d = council_def(nomination=nomination, voting=voting)
    c = count(record(d, STAR3), policy())
    assert c.problems == problems
    assert c.result is not None


def test_pc_election_windows_without_voting_key() -> None:
    d = council_def()
    del d["voting"]
    c = count(record(d, STAR3), policy())
    assert c.problems == []


@pytest.mark.parametrize(("nomination_days", "voting_days", "problems"), [
    (14, 14, []),
    (7, 14, [P("nomination is open 14 days (2027-01-01 to 2027-01-14); each phase should last "
               "7 days", "nomination", "closes", severity=WARNING)]),
    (14, 10, [P("voting is open 14 days (2027-01-15 to 2027-01-28); each phase should last 10 "
                "days", "voting", "closes", severity=WARNING)]),
])
def test_pc_election_window_lengths_come_from_the_policy(nomination_days: int, voting_days: int,
                                                         problems: list[Problem]) -> None:
    pol = policy(nomination_days=nomination_days, voting_days=voting_days)
    assert count(record(council_def(), STAR3), pol).problems == problems


@pytest.mark.parametrize(("header", "cands", "problem"), [
    (["ada", "bo", "cy"], ["ada", "bo", "cy"], None),
    (["cy", "ADA", "bo"], ["ada", "bo", "cy"], None),
    (["ada", "bo"], ["ada", "bo", "cy"], "elections/x/ballots.csv names ada, bo; the candidates "
                                         "are ada, bo, cy"),
    (["ada", "bo", "di"], ["ada", "bo", "cy"], "elections/x/ballots.csv names ada, bo, di; the "
                                               "candidates are ada, bo, cy"),
    (["ada", "bo"], ["ada", "bo", "Bo"], "elections/x/ballots.csv names ada, bo; the candidates "
                                         "are ada, bo, Bo"),
])
def test_pc_election_ballots_header_names_the_candidates(header: list[str], cands: list[str],
                                                         problem: str | None) -> None:
    d = council_def(candidates=[{"login": x} for x in cands], electorate=list(PEOPLE))
    rows = [(5, 3, 0), (4, 5, 1), (5, 2, 2)]
    c = count(record(d, csv_of(header, [r[:len(header)] for r in rows])), policy())
    assert c.problems == ([P(problem, "candidates")] if problem else [])
    assert (c.result is None) == bool(problem)


def test_pc_election_no_ballots_is_a_located_problem() -> None:
    c = count(record(council_def(participation=[]), "ada,bo,cy\n"), policy())
    assert c.problems == [Problem("PC-ELECTION", "no ballots: the file holds its header line and "
                                  "nothing else; an election is counted from at least one ballot",
                                  path="elections/x/ballots.csv", line=1, col=1)]
    assert c.result is None and c.report == []


@pytest.mark.parametrize(("participation", "problems"), [
    (None, [P("participation (who voted, never how) is not recorded; PC-MEMBER-LAPSE needs it",
              "electorate", severity=WARNING)]),
    (["ada", "bo"], [P("participation lists 2 voters but there are 3 ballots",
                       "participation")]),
    (["ada", "bo", "cy", "di"], [P("participation lists 4 voters but there are 3 ballots",
                                   "participation")]),
    (["ada", "bo", "cy"], []),
])
def test_pc_election_participation_matches_the_ballots(participation: list[str] | None,
                                                       problems: list[Problem]) -> None:
    d = council_def(participation=participation)
    if participation is None:
        del d["participation"]
    c = count(record(d, STAR3), policy())
    assert c.problems == problems
    assert c.result is not None


# --- the reference count (starvote) -----------------------------------------------------------

def test_pc_election_reference_is_asked_for_the_places_charter_counted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []
    real = reference_mod.reference_order

    def spy(ballots: Any, places: int, ties: Any) -> list[str] | None:
        calls.append((ballots.candidates, places, ties))
        return real(ballots, places, ties)

    monkeypatch.setattr(reference_mod, "reference_order", spy)
    ties = [{"round": 1, "stage": "runoff", "tied": ["ada", "bo"], "method": "agreement",
             "order": ["bo", "ada"]}]
    c = count(record(tied_def(ties=ties), TIED), policy())
    assert calls == [(("ada", "bo", "cy", "di"), 4, ties)]
    assert c.result is not None and c.result["reference"] == (
        f"{STARVOTE} counts the same finishing order (the last place is the one left)")


def test_pc_election_single_candidate_has_no_reference_count() -> None:
    d = council_def(seats=1, candidates=[{"login": "ada"}], participation=["ada"])
    c = count(record(d, "ada\n4\n"), policy(cohorts={"A": 1, "B": 4}))
    assert c.problems == []
    assert c.result is not None and "reference" not in c.result
    assert c.result["rounds"] == [{"round": 1, "placed": "ada", "note": "the only candidate left"}]
    assert c.report == [
        "x: Cohort A (bloc-star, cohort A, 1 seat)",
        "Turnout: 1 ballots from an electorate of 5 (20.0%)",
        "Total stars before any exclusion:",
        "  ada        4  five-star ratings 0",
        "Round 1: ada (the only candidate left)",
        "  placed 1st: ada",
        "Conflict-of-interest cascade (PC-COI):",
        "  nobody was passed over",
        "Elected:",
        "  1. ada  cohort A  term starts when the result is finalised",
        "Vacancies: none",
        "Result: provisional (not finalised)",
    ]


def test_pc_election_reference_stopping_at_a_tie_is_a_bug_report(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def tie(ballots: Any, places: int, ties: Any) -> list[str]:
        raise starvote.UnbreakableTieError("tie", ["bo", "ada"], 1)

    monkeypatch.setattr(reference_mod, "reference_order", tie)
    c = count(record(council_def(), STAR3), policy())
    assert c.problems == [P("starvote's reference count stops at a tie (bo, ada) that charter's "
                            "count broke; this is a bug in charter: please report it",
                            "candidates")]
    assert c.result is not None and "reference" not in c.result
    assert not any(x.startswith("Reference count") for x in c.report)


@pytest.mark.parametrize(("ref", "problems", "note"), [
    (None, [], None),
    (["ada", "cy"], [P("starvote's reference count gives ada, cy; charter's count gives ada, bo; "
                       "this is a bug in charter: please report it", "candidates")], None),
    (["bo"], [P("starvote's reference count gives bo; charter's count gives ada; this is a bug "
                "in charter: please report it", "candidates")], None),
    (["ada"], [], f"{STARVOTE} counts the same first 1 places"),
    (["ada", "bo"], [], f"{STARVOTE} counts the same finishing order (the last place is the one "
                        "left)"),
])
def test_pc_election_reference_order_must_agree(monkeypatch: pytest.MonkeyPatch,
                                                ref: list[str] | None, problems: list[Problem],
                                                note: str | None) -> None:
    monkeypatch.setattr(reference_mod, "reference_order", lambda *a: ref)
    c = count(record(council_def(), STAR3), policy())
    assert c.problems == problems
    assert c.result is not None and c.result.get("reference") == note


# --- lead elections (GOV-LEAD-ELECT) ----------------------------------------------------------

def lead_def(**extra: Any) -> dict[str, Any]:
    return {"kind": "lead-election", "title": "Lead", "voting": dict(VOTING),
            "electorate": ["Ada", "bo", "cy", "di", "ed"],
            "participation": ["ada", "bo", "cy", "di", "ed"],
            "candidates": [{"login": x} for x in ("ada", "bo", "cy")], **extra}


RANKS = csv_of(["ada", "bo", "cy"], [(1, 2, ""), (1, "", 2), (2, 1, ""), (3, 2, 1),  # type: ignore[list-item]
                                     ("", "", 1)])


def test_gov_lead_elect_instant_runoff_result_and_report() -> None:
    c = count(record(lead_def(finalised="2027-01-30"), RANKS), policy())
    assert c.problems == [] and c.rule == "GOV-LEAD-ELECT"
    assert c.result == {
        "election": "x", "kind": "lead-election", "title": "Lead", "method": "instant-runoff",
        "ballots_sha256": sha(RANKS), "electorate": 5, "ballots": 5, "certified": True,
        "finalised": "2027-01-30",
        "rounds": [{"round": 1, "counts": {"ada": 2, "bo": 1, "cy": 2}, "exhausted": 0,
                    "eliminated": "bo"},
                   {"round": 2, "counts": {"ada": 3, "cy": 2}, "exhausted": 0, "winner": "ada",
                    "note": "more than half of 5 continuing ballots"}],
        "winner": "ada",
    }
    assert c.report == [
        "x: Lead (instant-runoff, GOV-LEAD-ELECT)",
        "Turnout: 5 ballots from an electorate of 5",
        "Round 1: ada 2, cy 2, bo 1; exhausted 0",
        "  eliminated: bo",
        "Round 2: ada 3, cy 2; exhausted 0",
        "  elected: ada (more than half of 5 continuing ballots)",
        "Lead core maintainer: ada",
        "Result: certified, finalised 2027-01-30",
    ]



def test_gov_lead_elect_no_candidates_key_names_nobody() -> None:
    d = lead_def()
    del d["candidates"]
    c = count(record(d, RANKS), policy())
    assert c.problems == [P("elections/x/ballots.csv names ada, bo, cy; the candidates are ",
                            "candidates", rule="GOV-LEAD-ELECT")]
    assert c.result is None


def test_gov_lead_elect_bad_ranks_are_located_in_the_ballots_file() -> None:
    c = count(record(lead_def(), "ada,bo,cy\n1,1,2\n"), policy())
    [p] = c.problems
    assert (p.rule, p.path, p.line, p.severity) == (
        "GOV-LEAD-ELECT", "elections/x/ballots.csv", 2, ERROR)
    assert c.result is None


def test_gov_lead_elect_report_lists_equal_counts_by_name() -> None:
    ranks = csv_of(["cy", "bo", "ada"], [(1, 2, 3), (1, 2, 3), (2, 1, 3), (2, 1, 3),
                                         (3, 2, 1)])
    c = count(record(lead_def(), ranks), policy())
    assert c.problems == []
    assert c.report[2:6] == [
        "Round 1: bo 2, cy 2, ada 1; exhausted 0",
        "  eliminated: ada",
        "Round 2: bo 3, cy 2; exhausted 0",
        "  elected: bo (more than half of 5 continuing ballots)",
    ]

LEAD4 = [{"login": x} for x in ("ada", "bo", "cy", "di")]


def test_gov_lead_elect_elimination_tie_broken_by_an_earlier_round() -> None:
    rows: list[tuple[Any, ...]] = [(1, "", "", "")] * 4 + [("", 1, 2, "")] * 2 + [
        ("", "", 1, "")] * 3 + [("", 2, "", 1)]
    ballots = csv_of(["ada", "bo", "cy", "di"], rows)
    d = lead_def(candidates=LEAD4, electorate=[f"v{i}" for i in range(10)] + ["ada", "bo", "cy",
                                                                               "di"],
                 participation=[f"v{i}" for i in range(10)])
    c = count(record(d, ballots), policy())
    assert c.problems == []
    assert c.result is not None and c.result["rounds"] == [
        {"round": 1, "counts": {"ada": 4, "bo": 2, "cy": 3, "di": 1}, "exhausted": 0,
         "eliminated": "di"},
        {"round": 2, "counts": {"ada": 4, "bo": 3, "cy": 3}, "exhausted": 0,
         "tiebreaks": [{"rule": "fewest votes in round 1", "tied": ["bo", "cy"],
                        "counts": {"bo": 2, "cy": 3}, "ahead": ["cy"]}],
         "eliminated": "bo", "note": "fewest votes in an earlier round"},
        {"round": 3, "counts": {"ada": 4, "cy": 5}, "exhausted": 1, "winner": "cy",
         "note": "more than half of 9 continuing ballots"}]
    assert c.result["winner"] == "cy" and c.result["electorate"] == 14
    assert c.report == [
        "x: Lead (instant-runoff, GOV-LEAD-ELECT)",
        "Turnout: 10 ballots from an electorate of 14",
        "Round 1: ada 4, cy 3, bo 2, di 1; exhausted 0",
        "  eliminated: di",
        "Round 2: ada 4, bo 3, cy 3; exhausted 0",
        "  tie for the fewest votes between bo, cy:",
        "    1. fewest votes in round 1: bo 2, cy 3 -> cy stays in",
        "  eliminated: bo (fewest votes in an earlier round)",
        "Round 3: cy 5, ada 4; exhausted 1",
        "  elected: cy (more than half of 9 continuing ballots)",
        "Lead core maintainer: cy",
        "Result: provisional (not finalised)",
    ]


ELIM_TIE = csv_of(["ada", "bo", "cy"], [(1, "", ""), (1, "", ""), ("", 1, ""),  # type: ignore[list-item]
                                        ("", "", 1)])


def test_gov_lead_elect_elimination_tie_resolved_by_agreement() -> None:
    ties = [{"round": 1, "stage": "elimination", "tied": ["bo", "cy"], "method": "agreement",
             "order": ["cy", "bo"]}]
    d = lead_def(ties=ties, participation=["ada", "bo", "cy", "di"])
    c = count(record(d, ELIM_TIE), policy())
    assert c.problems == []
    assert c.result is not None and c.result["rounds"] == [
        {"round": 1, "counts": {"ada": 2, "bo": 1, "cy": 1}, "exhausted": 0,
         "tiebreaks": [{"rule": "recorded resolution", "tied": ["bo", "cy"],
                        "counts": {"bo": 0, "cy": 1}, "ahead": ["cy"], "method": "agreement"}],
         "eliminated": "bo", "note": "recorded resolution"},
        {"round": 2, "counts": {"ada": 2, "cy": 1}, "exhausted": 1, "winner": "ada",
         "note": "more than half of 3 continuing ballots"}]
    assert c.report[2:6] == [
        "Round 1: ada 2, bo 1, cy 1; exhausted 0",
        "  tie for the fewest votes between bo, cy:",
        "    1. recorded resolution by the candidates' written agreement: cy stays in",
        "  eliminated: bo (recorded resolution)",
    ]


@pytest.mark.parametrize(("ties", "where"), [(None, "kind"), (
    [{"round": 2, "stage": "elimination", "tied": ["bo", "cy"], "method": "agreement",
      "order": ["cy", "bo"]}], "ties")])
def test_gov_lead_elect_unresolved_elimination_tie(ties: list[dict[str, Any]] | None,
                                                   where: str) -> None:
    d = lead_def(participation=["ada", "bo", "cy", "di"], **({"ties": ties} if ties else {}))
    c = count(record(d, ELIM_TIE), policy())
    assert c.problems == [P(
        "unbreakable tie in round 1 (elimination) between bo, cy: 1 of them must go ahead; "
        "record the candidates' agreement or a draw with 'charter election resolve-tie' "
        "(round 1, stage elimination)", where, rule="GOV-LEAD-ELECT")]
    assert c.result is None and c.tie is not None and c.report == []


def test_gov_lead_elect_unused_resolution_is_a_warning() -> None:
    ties = [{"round": 2, "stage": "elimination", "tied": ["ada", "cy"], "method": "agreement",
             "order": ["cy", "ada"]}]
    c = count(record(lead_def(ties=ties), RANKS), policy())
    assert c.problems == [P("recorded tie resolution for round 2 (elimination) was not needed by "
                            "the count", "ties", 0, rule="GOV-LEAD-ELECT", severity=WARNING)]
    assert c.result is not None and c.result["winner"] == "ada"


@pytest.mark.parametrize("method", ["bloc-star", "Instant-Runoff"])
def test_gov_lead_elect_is_by_instant_runoff(method: str) -> None:
    c = count(record(lead_def(method=method), RANKS), policy())
    assert c.problems == [P(f"the lead is elected by instant-runoff, not {method} "
                            "(GOV-LEAD-ELECT)", "method", rule="GOV-LEAD-ELECT")]
    assert c.result is None


def test_gov_lead_elect_method_may_be_given() -> None:
    c = count(record(lead_def(method="instant-runoff"), RANKS), policy())
    assert c.problems == [] and c.result is not None


def test_gov_lead_elect_candidates_are_core_maintainers_in_the_electorate() -> None:
    d = lead_def(electorate=["ADA", "cy", "di", "ed", "fu"],
                 participation=["ada", "cy", "di", "ed", "fu"],
                 candidates=[{"login": "Ada"}, {"login": "bo"}, {"login": "cy"}])
    ballots = RANKS.replace("ada,", "Ada,", 1)
    c = count(record(d, ballots), policy())
    assert c.problems == [P("candidate bo is not a core maintainer in the electorate",
                            "candidates", 1, "login", rule="GOV-LEAD-ELECT")]
    assert c.result is not None and c.result["winner"] == "Ada"


@pytest.mark.parametrize(("ballots", "problems", "counted"), [
    ("ada,bo\n1,2\n", [P("elections/x/ballots.csv names ada, bo; the candidates are ada, bo, cy",
                         "candidates", rule="GOV-LEAD-ELECT")], False),
    ("ada,bo,cy\n", [Problem("GOV-LEAD-ELECT", "no ballots: the file holds its header line and "
                             "nothing else; an election is counted from at least one ballot",
                             path="elections/x/ballots.csv", line=1, col=1)], False),
    ("ada,bo,cy\n1,2,3\n", [P("participation lists 5 voters but there are 1 ballots",
                              "participation", rule="GOV-LEAD-ELECT")], True),
])
def test_gov_lead_elect_ballots_problems(ballots: str, problems: list[Problem],
                                         counted: bool) -> None:
    c = count(record(lead_def(), ballots), policy())
    assert c.problems == problems
    assert (c.result is not None) == counted


def test_gov_lead_elect_participation_not_recorded() -> None:
    d = lead_def()
    del d["participation"]
    c = count(record(d, RANKS), policy())
    assert c.problems == [P("participation (who voted, never how) is not recorded; "
                            "PC-MEMBER-LAPSE needs it", "electorate", rule="GOV-LEAD-ELECT",
                            severity=WARNING)]


# --- motions ----------------------------------------------------------------------------------

ZED_BALLOTS = "date,vote\n2027-01-15,yes\n2027-01-16,yes\n2027-01-17,no\n2027-01-30,yes\n"


def test_pc_member_add_result_and_report() -> None:
    d = motion_def(finalised="2027-01-29", participation=["ada", "bo", "cy", "di"])
    c = count(record(d, ZED_BALLOTS), policy())
    assert c.problems == [] and c.rule == "PC-MEMBER-ADD"
    assert c.result == {
        "election": "x", "kind": "motion", "title": "Admit Zed", "ballots_sha256": sha(ZED_BALLOTS),
        "certified": True, "finalised": "2027-01-29", "type": "member-add",
        "rule": "PC-MEMBER-ADD", "electorate": 6, "yes": 2, "no": 1, "abstain": 0,
        "rejected": [{"line": 5, "date": "2027-01-30",
                      "reason": "cast outside the window 2027-01-15 to 2027-01-28"}],
        "quorum": {"needed": 3, "participated": 3, "met": True},
        "threshold": {"needed": 2, "of": "more than half of 3 votes cast"},
        "passed": True, "effect": "zed joins the community"}
    assert c.report == [
        "x: Admit Zed (member-add, PC-MEMBER-ADD)",
        "Votes: yes 2, no 1, abstain 0 from an electorate of 6; quorum: 3 took part, 3 needed "
        "(met)",
        "Threshold: 2 yes needed (more than half of 3 votes cast); yes 2",
        "Rejected ballot on line 5: cast outside the window 2027-01-15 to 2027-01-28",
        "Outcome: PASSED -- zed joins the community",
        "Result: certified, finalised 2027-01-29",
    ]


def test_pc_member_add_quorum_not_met() -> None:
    ballots = "date,vote\n2027-01-15,yes\n2027-01-16,yes\n"
    c = count(record(motion_def(participation=["ada", "bo"]), ballots), policy())
    assert c.problems == []
    assert c.result is not None and "effect" not in c.result and c.result["passed"] is False
    assert c.report == [
        "x: Admit Zed (member-add, PC-MEMBER-ADD)",
        "Votes: yes 2, no 0, abstain 0 from an electorate of 6; quorum: 2 took part, 3 needed "
        "(not met)",
        "Threshold: 2 yes needed (more than half of 2 votes cast); yes 2",
        "Outcome: NOT PASSED",
        "Result: provisional (not finalised)",
    ]


def council_motion(mtype: str, **motion: Any) -> dict[str, Any]:
    return {"kind": "motion", "title": "Council vote", "method": "yes-no",
            "motion": {"type": mtype, "text": "t", **motion}, "voting": dict(VOTING),
            "electorate": ["ada", "bo", "cy"]}


def test_pc_vote_council_motion_has_no_quorum_line() -> None:
    ballots = "voter,date,vote\nada,2027-01-15,yes\nbo,2027-01-16,yes\ncy,2027-01-17,no\n"
    c = count(record(council_motion("council-vote"), ballots), policy())
    assert c.problems == [] and c.rule == "PC-VOTE"
    assert c.result is not None and "quorum" not in c.result
    assert c.result["effect"] == "the motion is adopted"
    assert c.report == [
        "x: Council vote (council-vote, PC-VOTE)",
        "Votes: yes 2, no 1, abstain 0 from an electorate of 3",
        "Threshold: 2 yes needed (more than half of 3 non-abstaining members); yes 2",
        "Outcome: PASSED -- the motion is adopted",
        "Result: provisional (not finalised)",
    ]


def test_pc_vacancy_notes_and_motion_problems_are_reported() -> None:
    m = council_motion("vacancy", appointee="ed",
                       replaces={"login": "fu", "cohort": "B", "term_end": "2028-06-15"},
                       out_of_touch=[{"login": "cy", "since": "2026-12-01"}])
    ballots = "voter,date,vote\nada,2027-01-15,yes\nbo,2027-01-16,yes\nbo,2027-01-17,no\n"
    c = count(record(m, ballots), policy())
    assert c.problems == [P("bo has two ballots (line 4); one each", "motion",
                            rule="PC-VACANCY")]
    assert c.result is not None
    assert c.result["effect"] == "ed replaces fu in cohort B until 2028-06-15"
    assert c.report == [
        "x: Council vote (vacancy, PC-VACANCY)",
        "Votes: yes 2, no 0, abstain 1 from an electorate of 3",
        "Threshold: 2 yes needed (more than half of 2 non-abstaining members); yes 2",
        "cy is out of touch and counted as abstaining (PC-VACANCY)",
        "Outcome: PASSED -- ed replaces fu in cohort B until 2028-06-15",
        "Result: provisional (not finalised)",
    ]


def test_pc_vote_motion_record_without_its_motion() -> None:
    d = council_motion("council-vote")
    del d["motion"]
    c = count(record(d, "voter,date,vote\nada,2027-01-15,yes\n"), policy())
    assert c.problems == [P("a motion record describes its motion (type, text)", "kind",
                            rule="PC-VOTE")]
    assert c.result is None and c.report == []


@pytest.mark.parametrize(("motion", "passed", "effect"), [
    ({"type": "member-add", "subject": "zed"}, True, "zed joins the community"),
    ({"type": "member-add", "subject": "zed"}, False, None),
    ({"type": "no-confidence", "subject": "council"}, True,
     "the council is dissolved and a new council election starts"),
    ({"type": "no-confidence", "subject": "ada"}, True,
     "ada is removed from the council; the seat is vacant"),
    ({"type": "member-remove", "subject": "ada"}, True,
     "ada is removed from the community (and from the council if sitting)"),
    ({"type": "lead-remove", "subject": "ada"}, True,
     "ada is removed as lead; the core maintainers elect a new lead (GOV-LEAD-ELECT)"),
    ({"type": "vacancy", "appointee": "ed",
      "replaces": {"login": "fu", "cohort": "A", "term_end": "2028-06-15"}}, True,
     "ed replaces fu in cohort A until 2028-06-15"),
    ({"type": "vacancy", "appointee": "ed", "replaces": {"cohort": "B", "term_end": "2028-01-01"}},
     True, "ed fills a vacant seat in cohort B until 2028-01-01"),
    ({"type": "vacancy", "appointee": "ed", "replaces": {"login": "", "cohort": "B"}}, True,
     "ed fills a vacant seat in cohort B until None"),
    ({"type": "vacancy", "replaces": None}, True, "None fills a vacant seat in cohort None until "
                                                  "None"),
    ({"type": "vacancy"}, True, "None fills a vacant seat in cohort None until None"),
    ({"type": "amend"}, True, "the governance change is adopted"),
    ({"type": "council-vote"}, True, "the motion is adopted"),
    ({"type": "vacancy"}, False, None),
])
def test_pc_vote_effect_of_a_passed_motion(motion: dict[str, Any], passed: bool,
                                           effect: str | None) -> None:
    assert _effect(motion, passed) == effect


# --- against the repository of the day ----------------------------------------------------------

@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[FsTree, State]:
    tree = FsTree(governance_repo(tmp_path_factory.mktemp("gov")))
    state, _ = load(tree)
    return tree, state


@pytest.mark.parametrize("eid", ["2026-council", "2026-member-add-samir-khan"])
def test_shipped_records_count_cleanly_against_their_day(shipped: tuple[FsTree, State],
                                                         eid: str) -> None:
    tree, state = shipped
    committed = yaml.safe_load(tree.read(f"elections/{eid}/result.yaml"))
    for certifying in (False, True):
        c = count(read_record(tree, eid, state.elections[eid]), state.policy, state,
                  certifying=certifying)
        assert c.problems == []
        assert c.result == committed


COUNCIL_DAY = ("aiko-tanaka left out of the electorate: community member with a vote when voting "
               "opened on 2026-06-01; the electorate is the community of the day "
               "(PC-MEMBER-LAPSE applied) (22), and quorums and thresholds are counted over it: "
               "add them")
RETURNING = ("the returning officer is Ada-X, but council.yaml names george-hale, nominated by "
             "the outgoing council; the election is run by george-hale: set returning_officer: "
             "george-hale (or the council first names Ada-X in council.yaml)")
COI_MISSING = ("sofia-rossi's member file (members/sofia-rossi.yaml) gives the affiliation "
               "Northwind Labs (employee), which the record leaves out; a candidate's affiliations "
               "are those of their member file when nominations closed on 2026-05-31: add it to "
               "candidates[0].affiliations")
COI_EXTRA = ("sofia-rossi's affiliation Fake (employee) is not in their member file "
             "(members/sofia-rossi.yaml) on 2026-05-31; a candidate's affiliations are those of "
             "their member file when nominations closed: correct the record, or the member file "
             "first")


@pytest.mark.parametrize(("finalised", "certifying", "declared"), [
    (True, False, False),
    (True, True, True),
    (False, False, True),
    (False, True, True),
])
def test_pc_election_council_record_held_to_its_day(shipped: tuple[FsTree, State],
                                                    finalised: bool, certifying: bool,
                                                    declared: bool) -> None:
    tree, state = shipped
    d = copy.deepcopy(state.elections["2026-council"])
    d["returning_officer"] = "Ada-X"
    d["electorate"] = d["electorate"][1:]
    d["participation"] = d["participation"][1:]
    d["candidates"][0]["affiliations"] = [{"entity": "Fake", "role": "employee"}]
    if not finalised:
        del d["finalised"]
    c = count(read_record(tree, "2026-council", d), state.policy, state, certifying=certifying)
    where = ("candidates", 0, "affiliations")
    assert c.problems == [
        P(COUNCIL_DAY, "electorate"),
        *([Problem("PC-ELECTION", RETURNING, ("returning_officer",)),
           Problem("PC-COI", COI_MISSING, where), Problem("PC-COI", COI_EXTRA, where)]
          if declared else []),
        P("participation lists 16 voters but there are 17 ballots", "participation"),
    ]
    assert c.result is not None and c.result["electorate"] == 22
    assert c.report[1] == "Turnout: 17 ballots from an electorate of 22 (77.3%)"


def test_pc_member_add_counted_over_the_electorate_of_the_day(
        shipped: tuple[FsTree, State]) -> None:
    tree, state = shipped
    m = copy.deepcopy(state.elections["2026-member-add-samir-khan"])
    m["electorate"] = m["electorate"][:-3]
    m["participation"] = m["participation"][:-2]
    m["ballots_sha256"] = sha("x")
    c = count(read_record(tree, "2026-member-add-samir-khan", m), state.policy, state)
    rule = "PC-MEMBER-ADD"
    assert c.problems == [
        P("elections/2026-member-add-samir-khan/ballots.csv does not match ballots_sha256 (its "
          "sha256 is e6bb55134a2766a030b61b765f55b241a2dd7028d93795a270d1fc1721b3ca8c); the "
          "ballots were changed after they were recorded", "ballots_sha256", rule=rule),
        P("sofia-rossi, tomas-reyes, yuki-sato left out of the electorate: community members "
          "with a vote when voting opened on 2026-09-10; the electorate is the community of the "
          "day (PC-MEMBER-LAPSE applied) (22), and quorums and thresholds are counted over it: "
          "add them", "electorate", rule=rule),
        P("participation lists 12 voters but ballots.csv holds 14 ballots", "participation",
          rule=rule),
    ]
    assert c.result is not None and c.result["electorate"] == 22
    assert c.result["quorum"] == {"needed": 11, "participated": 13, "met": True}
    assert c.report[1] == ("Votes: yes 9, no 3, abstain 1 from an electorate of 22; quorum: 13 "
                           "took part, 11 needed (met)")


def test_pc_vote_council_vote_has_no_electorate_of_the_day(shipped: tuple[FsTree, State]) -> None:
    _, state = shipped
    ballots = "voter,date,vote\nada,2027-01-15,yes\nbo,2027-01-16,yes\ncy,2027-01-17,no\n"
    c = count(record(council_motion("council-vote"), ballots), state.policy, state)
    assert c.problems == []
    assert c.result is not None and c.result["electorate"] == 3


def test_gov_lead_elect_against_the_core_maintainers_of_the_day(
        shipped: tuple[FsTree, State]) -> None:
    _, state = shipped
    c = count(record(lead_def(), RANKS), state.policy, state)
    assert c.result is not None and c.result["electorate"] == len(state.core.maintainers)
    assert c.report[1] == f"Turnout: 5 ballots from an electorate of {len(state.core.maintainers)}"
    assert c.problems[0].where == ("electorate", 0)


# --- report helpers -----------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "text"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (9, "9th"), (10, "10th"), (11, "11th"),
    (12, "12th"), (13, "13th"), (19, "19th"), (20, "20th"), (21, "21st"), (22, "22nd"),
    (23, "23rd"), (100, "100th"), (101, "101st"), (111, "111th"), (112, "112th"),
    (120, "120th"), (121, "121st"),
])
def test_ordinal_place(n: int, text: str) -> None:
    assert _ordinal_place(n) == text


def test_tie_lines_number_each_step_and_say_what_it_decided() -> None:
    steps = [
        Step("higher total score", {"ada": 3, "bo": 3}, tied=("ada", "bo")),
        Step("head-to-head among the tied", {"ada": 1, "bo": 1}, 0, ("ada", "bo")),
        Step("most 5-star ratings", {"ada": 2, "bo": 1}, tied=("ada", "bo"), ahead=("ada",)),
        Step("recorded resolution", {"ada": 1, "bo": 0}, tied=("ada", "bo"), ahead=("ada",),
             method="draw", seed="s'1", reference="https://x.invalid/seed"),
        Step("recorded resolution", {"ada": 1, "bo": 0}, tied=("ada", "bo"), ahead=("ada",),
             method=None),
        Step("higher total score", {"ada": 3, "bo": 3, "cy": 1}, tied=("ada", "bo", "cy"),
             ahead=("ada", "bo")),
        Step("recorded resolution", {"bo": 1, "ada": 0}, tied=("ada", "bo"), ahead=("bo", "ada"),
             method="agreement"),
    ]
    assert _tie_lines("runoff tie", steps, "wins") == [
        "  runoff tie between ada, bo:",
        "    1. higher total score: ada 3, bo 3 -> still tied",
        "    2. head-to-head among the tied: ada 1, bo 1, no preference 0 -> still tied",
        "    3. most 5-star ratings: ada 2, bo 1 -> ada wins",
        "    4. recorded resolution by a draw from the published seed \"s'1\" "
        "(https://x.invalid/seed): ada wins",
        "    5. recorded resolution by a recorded resolution: ada wins",
        "    6. higher total score: ada 3, bo 3, cy 1 -> ada, bo wins",
        "    7. recorded resolution by the candidates' written agreement: bo, ada wins",
    ]
    assert _tie_lines("runoff tie", [], "wins") == []


def test_step_and_round_dicts_record_only_what_was_taken() -> None:
    s = Step("recorded resolution", {"ada": 1, "bo": 0}, 2, ("ada", "bo"), ("ada",), "draw", "s",
             "ref")
    assert _step(s) == {"rule": "recorded resolution", "tied": ["ada", "bo"],
                        "counts": {"ada": 1, "bo": 0}, "no_preference": 2, "ahead": ["ada"],
                        "method": "draw", "seed": "s", "reference": "ref"}
    assert list(_step(s)) == ["rule", "tied", "counts", "no_preference", "ahead", "method", "seed",
                              "reference"]
    assert _step(Step("r", {})) == {"rule": "r", "tied": [], "counts": {}, "ahead": []}


def test_pc_election_empty_electorate_has_no_turnout_percentage() -> None:
    d = council_def(electorate=[], participation=[])
    c = count(record(d, STAR3), policy())
    assert c.problems == [
        P("candidate ada is not a community member in the electorate (community members "
          "self-nominate)", "candidates", 0, "login"),
        P("candidate bo is not a community member in the electorate (community members "
          "self-nominate)", "candidates", 1, "login"),
        P("candidate cy is not a community member in the electorate (community members "
          "self-nominate)", "candidates", 2, "login"),
        P("participation lists 0 voters but there are 3 ballots", "participation"),
    ]
    assert c.result is not None and c.result["electorate"] == 0
    assert c.report[1] == "Turnout: 3 ballots from an electorate of 0"


def test_pc_election_scope_defaults_to_the_whole_council() -> None:
    d = council_def(seats=5)
    del d["scope"]
    c = count(record(d, STAR3), policy())
    assert c.problems == []
    assert c.result is not None and c.result["scope"] == "whole"
    assert c.report[0] == "x: Cohort A (bloc-star, whole council, 5 seats)"


def test_pc_election_record_without_electorate_or_participation_lists() -> None:
    d = council_def()
    del d["electorate"], d["participation"]
    c = count(record(d, STAR3), policy())
    assert c.problems == [
        P(f"candidate {x} is not a community member in the electorate (community members "
          "self-nominate)", "candidates", i, "login") for i, x in enumerate(["ada", "bo", "cy"])
    ] + [P("participation (who voted, never how) is not recorded; PC-MEMBER-LAPSE needs it",
           "electorate", severity=WARNING)]
    assert c.result is not None and c.result["electorate"] == 0
    d = lead_def()
    del d["electorate"], d["participation"]
    c = count(record(d, RANKS), policy())
    assert [p.message for p in c.errors] == [
        f"candidate {x} is not a core maintainer in the electorate" for x in ["ada", "bo", "cy"]]
    assert c.result is not None and c.result["electorate"] == 0
    assert c.report[1] == "Turnout: 5 ballots from an electorate of 0"
