"""ECO-QUEUE, ECO-VOTE, ECO-RESUBMIT and ECO-FUNCTIONAL as functions, at every boundary.

The queue's order (returning first, then first in, first out by issue number), the session's size
and the day applications move to in progress; the working group's majority of its *members*; the
resubmission window; what an application lacks before it may be accepted. Built in memory, so
the mutation tests (``make mutation PACKAGES=ecosystem``) judge ``charter.ecosystem.queue`` and
``charter.ecosystem.vote`` with these first.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest

from charter.ecosystem import queue, vote
from charter.errors import CharterError
from charter.model import Core, Council, Project, State, WorkingGroup
from charter.policy import Policy

SESSION = dt.date(2026, 12, 15)
MOVE_ON = dt.date(2026, 12, 1)  # 14 days before, the default


def project(slug: str, status: str = "new", issue: Any = None,
            decisions: list[Any] | None = None, **data: Any) -> Project:
    body: dict[str, Any] = {"slug": slug, "status": status, **data}
    if issue is not None:
        body["issue"] = issue
    if decisions is not None:
        body["decisions"] = decisions
    return Project(slug=slug, name=slug.title(), repository=f"org/{slug}", status=status,
                   file=f"ecosystem/{slug}.yaml", data=body)


def state(*projects: Project, **eco: Any) -> State:
    return State(policy=Policy.from_data({"ecosystem": eco} if eco else {}),
                 core=Core(lead=None, maintainers=()), council=Council(),
                 working_group=WorkingGroup(), projects={p.slug: p for p in projects})


def back(outcome: str, date: str = "2026-10-01") -> dict[str, str]:
    return {"date": date, "outcome": outcome, "reason": "why"}


# --- latest decision and returning ------------------------------------------------------------

def test_eco_queue_latest_decision_by_date_then_the_last_listed() -> None:
    a, b, c = back("needs-info", "2026-10-02"), back("postponed", "2026-10-01"), back("declined",
                                                                                     "2026-10-02")
    assert queue.latest_decision({"decisions": [a, b, "junk"]}) is a
    assert queue.latest_decision({"decisions": [a, c, b]}) is c  # same day: the later one listed
    assert queue.latest_decision({"decisions": [c, a]}) is a
    assert queue.latest_decision({"decisions": ["junk"]}) is None
    assert queue.latest_decision({"decisions": None}) is None
    assert queue.latest_decision({}) is None


@pytest.mark.parametrize(("status", "outcome", "want"), [
    ("new", "needs-info", True), ("in-progress", "closed-not-ready", True),
    ("new", "postponed", False), ("new", "declined", False), ("new", "retired", False),
    ("needs-info", "needs-info", False), ("accepted", "needs-info", False)])
def test_eco_queue_returning_only_after_a_review_that_sent_it_back(status, outcome, want) -> None:
    assert queue.returning(project("p", status, decisions=[back(outcome)])) is want


def test_eco_queue_returning_needs_a_recorded_decision() -> None:
    assert queue.returning(project("p", "new", returning=True, previous_issue=3)) is False


# --- claims to return ---------------------------------------------------------------------------

def test_eco_queue_a_claim_the_record_backs_is_no_problem() -> None:
    p = project("p", "new", decisions=[back("needs-info")], returning=True, previous_issue=3)
    assert queue.claim_problem(p, 3) is None
    assert queue.claim_problem(project("p", "new"), None) is None


def test_eco_queue_a_returning_claim_with_no_decision_is_refused() -> None:
    msg = queue.claim_problem(project("p", "new", returning=True), None)
    assert msg == ("p says returning: true, but its record holds no earlier decision; an "
                   "application returns (reviewed first) only after a recorded needs-info or "
                   "closed-not-ready decision, so the queue takes it first in, first out by issue "
                   "number: remove returning: (charter derives it from the decisions)")


def test_eco_queue_a_returning_claim_after_a_postponement_is_refused() -> None:
    p = project("p", "in-progress", decisions=[back("postponed", "2026-09-09")], returning=True)
    msg = queue.claim_problem(p, None)
    assert msg is not None and msg.startswith(
        "p says returning: true, but its latest decision (postponed on 2026-09-09) makes a new "
        "application of it; ")


def test_eco_queue_a_returning_claim_of_a_closed_project_waits_for_its_reapplication() -> None:
    p = project("p", "needs-info", decisions=[back("needs-info")], returning=True)
    assert queue.claim_problem(p, None) == (
        "p says returning: true, but it is needs-info: an application waits for review again "
        "once its status is back at new (the applicants did what was asked: charter ecosystem "
        "intake re-applies it), and whether it returns is then read from its recorded "
        "decisions: remove returning:")


@pytest.mark.parametrize(("in_file", "claimed", "where", "number"), [
    (7, None, "previous_issue:", 7), (7, 9, "previous_issue:", 7),
    (None, 9, "its application form", 9), ("7", 9, "its application form", 9)])
def test_eco_queue_a_previous_issue_without_a_decision_is_queued_as_new(
        in_file, claimed, where, number) -> None:
    extra = {"previous_issue": in_file} if in_file is not None else {}
    msg = queue.claim_problem(project("p", "new", **extra), claimed)
    assert msg == (f"p: {where} names #{number} as an earlier application, but charter holds no "
                   "decision on an earlier application of org/p; it is queued as a new "
                   "application, first in, first out by issue number. If the project did apply "
                   "before, record that decision in this file (or re-apply into the file that "
                   "holds it: charter ecosystem intake continues a project's file)")


def test_eco_queue_a_previous_issue_is_no_problem_once_decided_or_not_waiting() -> None:
    assert queue.claim_problem(project("p", "new", decisions=[back("postponed")]), 9) is None
    assert queue.claim_problem(project("p", "accepted"), 9) is None
    assert queue.claim_problem(project("p", "in-progress", previous_issue=4), None) is not None


# --- the queue ----------------------------------------------------------------------------------

def test_eco_queue_order_returning_first_then_by_issue_then_slug() -> None:
    s = state(project("z-old", issue=3), project("late", issue=500),
              project("b-back", "new", 40, [back("needs-info")]),
              project("a-back", "in-progress", 50, [back("closed-not-ready")]),
              project("no-issue"), project("text-issue", issue="12"), project("m", issue=3),
              project("done", "accepted", 1), project("waiting", "needs-info", 2))
    q = queue.build(s, SESSION, MOVE_ON)
    assert [e.project.slug for e in q.entries] == [
        "b-back", "a-back", "m", "z-old", "late", "no-issue", "text-issue"]
    assert [e.position for e in q.entries] == [1, 2, 3, 4, 5, 6, 7]
    assert [p.slug for p in queue.waiting(s)] == [
        "z-old", "late", "b-back", "a-back", "no-issue", "text-issue", "m"]


@pytest.mark.parametrize(("today", "moves"), [
    (dt.date(2026, 11, 30), False), (MOVE_ON, True), (dt.date(2026, 12, 2), True)])
def test_eco_queue_session_size_and_the_move_to_in_progress(today, moves) -> None:
    s = state(*(project(f"p{i}", issue=i) for i in range(1, 5)),
              project("p0", "in-progress", 0), session_max=3, session_min=2)
    q = queue.build(s, SESSION, today)
    assert (q.session, q.move_on, q.session_min, q.session_max) == (SESSION, MOVE_ON, 2, 3)
    assert [e.project.slug for e in q.in_session] == ["p0", "p1", "p2"]
    assert [(e.in_session, e.move_now) for e in q.entries] == [
        (True, False), (True, moves), (True, moves), (False, False), (False, False)]


def test_eco_queue_move_on_follows_the_policy() -> None:
    q = queue.build(state(in_progress_days_before=0, session_max=1, session_min=1), SESSION,
                    SESSION)
    assert q.move_on == SESSION and q.entries == ()


def test_eco_queue_entry_as_dict() -> None:
    p = project("p", "new", 8, [back("needs-info")])
    e = queue.Entry(1, p, True, False)
    assert e.as_dict() == {"position": 1, "slug": "p", "issue": 8, "status": "new",
                           "returning": True, "in_session": True, "move_to_in_progress": False}


# --- ECO-VOTE -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("members", "approve", "fraction", "outcome", "needed"), [
    (4, 2, "1/2", "declined", 3), (4, 3, "1/2", "accepted", 3), (5, 3, "1/2", "accepted", 3),
    (5, 2, "1/2", "declined", 3), (3, 2, "2/3", "declined", 3), (3, 3, "2/3", "accepted", 3),
    (6, 4, "2/3", "declined", 5), (0, 0, "1/2", "accepted", 1)])
def test_eco_vote_more_than_the_fraction_of_members(members, approve, fraction, outcome,
                                                    needed) -> None:
    wg = [f"m{i}" for i in range(members)]
    t = vote.tally(wg, wg[:approve], Fraction(fraction))
    assert (t.outcome, t.needed, t.approvals, t.members) == (
        outcome if members else "declined", needed, approve, members)


def test_eco_vote_an_approval_counts_once_whatever_its_case() -> None:
    t = vote.tally(["a", "b", "c"], ["a", "A", "b"], Fraction(1, 2))
    assert (t.approvals, t.outcome) == (2, "accepted")
    assert vote.tally(["a", "b", "c"], ["a", "A"], Fraction(1, 2)).outcome == "declined"


def test_eco_vote_check_voters() -> None:
    got = vote.check_voters(["alice", "erin"], {"for": ["Alice", "bob"], "against": ["ALICE"],
                                                "abstain": ["erin"]})
    assert got[0].startswith("bob (for) is not a member of the working group")
    assert got[1:] == ["ALICE is listed under both for and against"]
    assert vote.check_voters(["alice", "erin"], {"for": ["alice"], "against": ["erin"]}) == []


def test_eco_vote_a_repeat_names_the_first_list_it_was_in() -> None:
    got = vote.check_voters(["a"], {"for": ["a"], "against": ["a"], "abstain": ["a"]})
    assert got == ["a is listed under both for and against", "a is listed under both for and "
                   "abstain"]


# --- ECO-RESUBMIT -------------------------------------------------------------------------------

def test_eco_resubmit_after_the_latest_decline() -> None:
    ds = [back("declined", "2026-01-31"), back("declined", "2026-03-31"), back("accepted",
                                                                              "2026-05-01"),
          {"date": "not a date", "outcome": "declined"}]
    assert vote.resubmit_after(ds, 3) == dt.date(2026, 6, 30)
    assert vote.resubmit_after(ds, 0) == dt.date(2026, 3, 31)
    assert vote.resubmit_after([back("postponed")], 3) is None
    assert vote.resubmit_after([], 3) is None


# --- ECO-FUNCTIONAL before acceptance -----------------------------------------------------------

def met(**over: Any) -> dict[str, Any]:
    entry = {"met": True, "evidence": "https://example.org", "reviewer": "alice"}
    return {k: {**entry, **over.get(k.replace("-", "_"), {})} for k in vote.FUNCTIONAL_NAMES}


def test_eco_functional_gaps_names_each_missing_unmet_or_unsupported_requirement() -> None:
    assert vote.functional_gaps({"functional": met()}) == []
    rec = met(ci={"met": False}, licence={"evidence": ""}, tests={"reviewer": None})
    del rec["packages"]
    assert vote.functional_gaps({"functional": rec}) == [
        "ci (working CI) is recorded as not met",
        "licence (a permissive licence) has no evidence or reviewer",
        "tests (functional tests) has no evidence or reviewer",
        "packages (binary packages (pip/conda)) is not recorded"]
    assert len(vote.functional_gaps({})) == 10


def test_eco_functional_an_application_is_accepted_only_in_progress_and_complete() -> None:
    vote.require_acceptable("p", "in-progress", {"functional": met()})
    with pytest.raises(CharterError) as e:
        vote.require_acceptable("p", "new", {"functional": met()})
    assert str(e.value) == ("ECO-QUEUE: p is new; an application is decided in review once it "
                            "is in progress (charter ecosystem queue --apply moves the next "
                            "session's applications there)")
    with pytest.raises(CharterError) as e:
        vote.require_acceptable("p", "in-progress", {"functional": met(ci={"met": False})})
    assert str(e.value) == ("ECO-FUNCTIONAL: p cannot be accepted before every functional "
                            "requirement is recorded as met: ci (working CI) is recorded as not "
                            "met; record each with charter ecosystem evidence p REQUIREMENT "
                            "--met --evidence TEXT --reviewer LOGIN")


@pytest.mark.parametrize(("status", "ok"), [
    ("new", True), ("in-progress", True), ("needs-info", True), ("postponed", True),
    ("accepted", False), ("declined", False), ("retired", False), ("closed-not-ready", False)])
def test_eco_vote_only_an_open_application_is_decided(status, ok) -> None:
    if ok:
        vote.require_decidable("p", status)
        return
    with pytest.raises(CharterError) as e:
        vote.require_decidable("p", status)
    assert str(e.value) == (f"ECO-VOTE: p is {status}; only an open application (new, "
                            "in-progress, needs-info, postponed) can be decided")
