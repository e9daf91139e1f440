"""The pull-request gate's requirements for changes to ecosystem project records
(``charter.gate.projects``), at every boundary: which rule a change raises (ECO-SUBMIT,
ECO-VOTE, ECO-STATUS, GOV-APPROVAL), who must approve it and how many of them, and the exact
problems a reader of the report sees (ECO-VOTE, ECO-STATUS, ECO-QUEUE, ECO-FUNCTIONAL,
GOV-DISCUSSION).

Each test edits the fixture organisation held in memory (gate_memory: the same files as the
``org`` git repository, judged by the same code as ``charter pr-check``) and reads the
requirements of the project events from the report. The fixture's working group is ivy, jo,
kim, mo and ned (more than 1/2 of 5: three votes accept); the core maintainers are ada, bob,
cyd, dan and eve; ``ecosystem/alpha.yaml`` is an application in progress with its ten functional
requirements recorded as met.
"""

from __future__ import annotations

from typing import Any

import pytest
from gate_helpers import POLICY
from gate_memory import Memory

from charter.ecosystem.vote import FUNCTIONAL_NAMES

WG = ["ivy", "jo", "kim", "mo", "ned"]
CORE = ["ada", "bob", "cyd", "dan", "eve"]
ALPHA = "ecosystem/alpha.yaml"
DISCUSSION = "## Discussion\n#12\n"

Group = tuple[str, int, list[str], str]

OWNERS: Group = (
    "ecosystem working-group members or core maintainers", 1, WG + CORE,
    "one of the ecosystem working-group members or core maintainers (GOV-APPROVAL: an owner "
    "of the area)")
CORE_ANY: Group = ("core maintainers", 1, CORE, "1 core maintainer")
CORE_MAJORITY: Group = ("core maintainers", 3, CORE,
                        "a majority (more than 1/2) of the 5 core maintainers")
DECLINE: Group = ("ecosystem working group", 3, WG,
                  "a majority of the 5 working-group members confirming the recorded decline")
RETIRE: Group = ("ecosystem working group", 3, WG,
                 "a majority of the 5 working-group members confirming the retirement "
                 "(ECO-PERIODIC: the notice ran out unanswered)")


def voters(*people: str, need: int = 3, frac: str = "1/2", size: int = 5) -> Group:
    """The group of working-group members recorded as voting for a decision that accepts."""
    return ("working-group members recorded as voting for it", need, list(people),
            f"{need} of the working-group members recorded under 'for' (more than {frac} of "
            f"the {size} members must have voted for it)")


def vote(outcome: str, votes_for: list[str] | tuple[str, ...] = (), *,
         against: list[str] | None = None, wg: list[str] | None = WG,
         date: str = "2026-11-10", **more: Any) -> dict[str, Any]:
    """A decision as ``charter ecosystem decide`` records it: everyone not for is against."""
    d: dict[str, Any] = {"date": date, "outcome": outcome}
    if outcome in ("accepted", "reinstated", "declined"):
        d["for"] = list(votes_for)
        d["against"] = ([x for x in WG if x.lower() not in {v.lower() for v in votes_for}]
                        if against is None else against)
        if wg is not None:
            d["working_group"] = list(wg)
    d.update(more)
    return d


def record(slug: str, status: str, **more: Any) -> dict[str, Any]:
    """An ecosystem record with the ten functional requirements recorded as met."""
    return {"slug": slug, "name": slug.title(), "repository": f"x/{slug}", "status": status,
            "issue": 4, "functional": {k: {"met": True, "evidence": "checked", "reviewer": "ivy"}
                                       for k in FUNCTIONAL_NAMES}, **more}


def decided(status: str, *decisions: dict[str, Any]) -> Any:
    """An edit of a record: the new status, and ``decisions`` appended."""
    def edit(d: dict[str, Any]) -> None:
        d["status"] = status
        d["decisions"] = [*d.get("decisions", []), *decisions]
    return edit


def eco(mem: Memory, *, approved: list[str] | tuple[str, ...] = (), body: str | None = None
        ) -> list[dict[str, Any]]:
    """The requirements of the project events: rule, summary, groups, problems and whether met."""
    _, rep = mem.check(author="newbie", approved=list(approved), body=body)
    return [{"rule": r["rule"], "summary": r["summary"], "met": r["met"],
             "groups": [(g["label"], g["needed"], g["eligible"], g["how"]) for g in r["groups"]],
             "problems": r["problems"]}
            for r in rep["requirements"] if r["event"]["kind"].startswith("project-")]


def one(mem: Memory, **kw: Any) -> dict[str, Any]:
    [r] = eco(mem, **kw)
    return r


def gap(key: str) -> str:
    return f"{key} ({FUNCTIONAL_NAMES[key]}) is not recorded"


def wg_policy(fraction: str) -> dict[str, Any]:
    return {"policy.yaml": {**POLICY, "ecosystem": {"vote_fraction": fraction}}}


# --- ECO-SUBMIT: an application enters the queue -------------------------------------------------

@pytest.mark.parametrize("status", ["new", "in-progress"])
def test_eco_submit_an_application_added_to_the_queue_needs_one_owner(
        mem: Memory, status: str) -> None:
    mem.write({"ecosystem/beta.yaml": record("beta", status)})
    assert one(mem) == {"rule": "ECO-SUBMIT", "met": False, "groups": [OWNERS], "problems": [],
                        "summary": f"ecosystem project beta added with status {status}"}
    assert one(mem, approved=["mo"])["met"] and one(mem, approved=["eve"])["met"]
    assert not one(mem, approved=["finn"])["met"]


def test_eco_submit_an_application_added_with_a_decision_is_a_status_change(
        mem: Memory) -> None:
    mem.write({"ecosystem/beta.yaml": record("beta", "new", decisions=[
        vote("needs-info", reason="tell us more")])})
    r = one(mem)
    assert (r["rule"], r["groups"], r["problems"]) == ("ECO-STATUS", [OWNERS], [])


def _needs_decision(slug: str, status: str) -> str:
    return (f"ECO-STATUS: status '{status}' of {slug} must follow a recorded decision: append to "
            "decisions: the working group's vote with outcome matching "
            f"'{status}' (charter ecosystem decide)")


def test_eco_submit_a_record_added_with_a_decided_status_needs_the_decision(
        mem: Memory) -> None:
    mem.write({"ecosystem/beta.yaml": record("beta", "postponed")})
    assert one(mem) == {
        "rule": "ECO-STATUS", "met": False, "groups": [OWNERS],
        "summary": "ecosystem project beta added with status postponed",
        "problems": [_needs_decision("beta", "postponed")]}


def test_eco_submit_a_queue_move_of_an_existing_application_is_a_status_change(
        mem: Memory) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "new"}})
    mem.edit(ALPHA, lambda d: d.update(status="in-progress"))
    assert one(mem) == {
        "rule": "ECO-STATUS", "met": False, "groups": [OWNERS], "problems": [],
        "summary": "ecosystem project alpha status changed from new to in-progress"}


# --- ECO-VOTE: a decision that accepts, reinstates or declines -----------------------------------

@pytest.mark.parametrize("status", ["accepted", "active"])
def test_eco_vote_an_acceptance_is_approved_by_those_recorded_for_it(
        mem: Memory, status: str) -> None:
    mem.edit(ALPHA, decided(status, vote("accepted", ["ivy", "jo", "kim"])))
    assert one(mem) == {
        "rule": "ECO-VOTE", "met": False, "groups": [voters("ivy", "jo", "kim")],
        "problems": [],
        "summary": f"ecosystem project alpha status changed from in-progress to {status}"}
    assert one(mem, approved=["ivy", "jo", "kim"])["met"]
    # a working-group member who voted against, or a core maintainer, does not count
    assert not one(mem, approved=["ivy", "jo", "mo"])["met"]
    assert not one(mem, approved=["ivy", "jo", "ada"])["met"]


def test_eco_vote_an_acceptance_with_exactly_the_needed_votes_for_is_valid(mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "kim"])))
    assert one(mem)["problems"] == []


def test_eco_vote_an_acceptance_one_vote_short_is_refused_and_cannot_be_approved(
        mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo"])))
    assert one(mem, approved=["ivy", "jo", "kim"]) == {
        "rule": "ECO-VOTE", "met": False, "groups": [voters("ivy", "jo")],
        "summary": "ecosystem project alpha status changed from in-progress to accepted",
        "problems": [
            "ECO-VOTE: alpha is recorded as accepted with 2 votes for; more than 1/2 of the 5 "
            "working-group members (3) must approve",
            "ECO-VOTE: working-group members recorded as voting for it cannot decide this: 3 "
            "approvals are needed of the 2, and only 2 may approve (ivy, jo); a conflict never "
            "lowers the bar, so the group must grow before it can decide"]}


def test_eco_vote_an_acceptance_with_one_vote_more_than_needed_is_valid(mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "kim", "mo"])))
    r = one(mem, approved=["jo", "kim", "mo"])
    assert (r["problems"], r["groups"], r["met"]) == (
        [], [voters("ivy", "jo", "kim", "mo")], True)


def test_eco_vote_a_stricter_fraction_needs_more_votes_for(mem: Memory) -> None:
    mem.land(wg_policy("2/3"))
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "kim"])))
    r = one(mem)
    assert r["groups"] == [voters("ivy", "jo", "kim", need=4, frac="2/3")]
    assert r["problems"][0] == (
        "ECO-VOTE: alpha is recorded as accepted with 3 votes for; more than 2/3 of the 5 "
        "working-group members (4) must approve")
    mem.edit(ALPHA, lambda d: d["decisions"][-1].update(
        {"for": ["ivy", "jo", "kim", "mo"], "against": ["ned"]}))
    r = one(mem, approved=["ivy", "jo", "kim", "mo"])
    assert (r["problems"], r["met"]) == ([], True)


def test_eco_vote_the_bar_follows_the_size_of_the_working_group(mem: Memory) -> None:
    four = ["ivy", "jo", "kim", "mo"]
    mem.land({"ecosystem-wg.yaml": {"chair": "ivy", "members": four}})
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo"], against=["kim", "mo"],
                                             wg=four)))
    r = one(mem)
    assert r["groups"] == [voters("ivy", "jo", need=3, size=4)]
    assert r["problems"][0] == (
        "ECO-VOTE: alpha is recorded as accepted with 2 votes for; more than 1/2 of the 4 "
        "working-group members (3) must approve")


def test_eco_vote_a_reinstatement_is_approved_by_those_recorded_for_it(mem: Memory) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "retired", "decisions": [
        vote("accepted", ["ivy", "jo", "kim"], date="2026-01-10"),
        vote("retired", date="2026-06-10", reason="ECO-PERIODIC: no answer")]}})
    mem.edit(ALPHA, decided("active", vote("reinstated", ["jo", "kim", "mo"])))
    assert one(mem) == {
        "rule": "ECO-VOTE", "met": False, "groups": [voters("jo", "kim", "mo")], "problems": [],
        "summary": "ecosystem project alpha status changed from retired to active"}
    assert one(mem, approved=["jo", "kim", "mo"])["met"]
    assert not one(mem, approved=["ivy", "jo", "kim"])["met"]


def test_eco_vote_a_reinstatement_one_vote_short_is_refused(mem: Memory) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "retired", "decisions": [
        vote("retired", date="2026-06-10", reason="ECO-PERIODIC: no answer")]}})
    mem.edit(ALPHA, decided("active", vote("reinstated", ["jo", "kim"])))
    assert one(mem)["problems"][0] == (
        "ECO-VOTE: alpha is recorded as reinstated with 2 votes for; more than 1/2 of the 5 "
        "working-group members (3) must approve")


def test_eco_vote_a_reinstatement_makes_a_project_active_not_accepted(mem: Memory) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "retired", "decisions": [
        vote("retired", date="2026-06-10", reason="ECO-PERIODIC: no answer")]}})
    mem.edit(ALPHA, decided("accepted", vote("reinstated", ["jo", "kim", "mo"])))
    assert one(mem)["problems"] == [
        "ECO-STATUS: status 'accepted' of alpha must follow a recorded decision: append to "
        "decisions: the working group's vote with outcome matching 'accepted' (charter "
        "ecosystem decide)"]


def test_eco_vote_a_decline_is_confirmed_by_a_majority_of_the_working_group(
        mem: Memory) -> None:
    mem.edit(ALPHA, decided("declined", vote("declined", ["ivy"])))
    assert one(mem) == {
        "rule": "ECO-VOTE", "met": False, "groups": [DECLINE], "problems": [],
        "summary": "ecosystem project alpha status changed from in-progress to declined"}
    assert one(mem, approved=["jo", "kim", "mo"])["met"]
    assert not one(mem, approved=["jo", "kim", "ada"])["met"]


def test_eco_vote_a_decline_with_one_vote_less_than_acceptance_is_valid(mem: Memory) -> None:
    mem.edit(ALPHA, decided("declined", vote("declined", ["ivy", "jo"])))
    assert one(mem)["problems"] == []


def test_eco_vote_a_decline_with_exactly_the_votes_that_accept_is_refused(mem: Memory) -> None:
    mem.edit(ALPHA, decided("declined", vote("declined", ["ivy", "jo", "kim"])))
    assert one(mem)["problems"] == [
        "ECO-VOTE: alpha is recorded as declined although 3 of 5 voted for it, which accepts it"]


def test_eco_vote_a_decline_with_more_than_the_votes_that_accept_is_refused(
        mem: Memory) -> None:
    mem.edit(ALPHA, decided("declined", vote("declined", ["ivy", "jo", "kim", "mo"])))
    assert one(mem)["problems"] == [
        "ECO-VOTE: alpha is recorded as declined although 4 of 5 voted for it, which accepts it"]


def test_eco_vote_the_decision_records_the_working_group_as_on_the_base(mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "kim"],
                                             wg=["ivy", "jo", "kim", "mo"])))
    assert one(mem)["problems"] == [
        "ECO-VOTE: the decision on alpha must record the working group as it stands on the base "
        "branch (ivy, jo, kim, mo, ned) under working_group"]


def test_eco_vote_the_working_group_is_listed_sorted_in_the_problem(mem: Memory) -> None:
    mem.land({"ecosystem-wg.yaml": {"chair": "ivy", "members": ["ned", "ivy", "mo", "jo", "kim"]}})
    mem.edit(ALPHA, decided("declined", vote("declined", ["ivy"], wg=None)))
    assert one(mem)["problems"] == [
        "ECO-VOTE: the decision on alpha must record the working group as it stands on the base "
        "branch (ivy, jo, kim, mo, ned) under working_group"]


def test_eco_vote_a_decision_without_its_working_group_is_refused(mem: Memory) -> None:
    mem.edit(ALPHA, decided("declined", vote("declined", ["ivy"], wg=None)))
    assert one(mem)["problems"] == [
        "ECO-VOTE: the decision on alpha must record the working group as it stands on the base "
        "branch (ivy, jo, kim, mo, ned) under working_group"]


def test_eco_vote_logins_are_compared_without_regard_to_case(mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote(
        "accepted", ["IVY", "Jo", "kim"], against=["MO", "ned"],
        wg=["Ivy", "JO", "kim", "mo", "NED"])))
    r = one(mem, approved=["ivy", "jo", "kim"])
    assert (r["problems"], r["groups"], r["met"]) == ([], [voters("ivy", "jo", "kim")], True)


def test_eco_vote_people_outside_the_working_group_cannot_vote(mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "zed"], against=["kim"],
                                             abstain=["abe", "mo"])))
    r = one(mem)
    assert r["problems"] == [
        "ECO-VOTE: abe, zed voted on alpha but are not working-group members on the base branch",
        "ECO-VOTE: alpha is recorded as accepted with 2 votes for; more than 1/2 of the 5 "
        "working-group members (3) must approve",
        "ECO-VOTE: working-group members recorded as voting for it cannot decide this: 3 "
        "approvals are needed of the 2, and only 2 may approve (ivy, jo); a conflict never "
        "lowers the bar, so the group must grow before it can decide"]
    assert r["groups"] == [voters("ivy", "jo")]


def test_eco_vote_a_stranger_voting_against_is_refused(mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "kim"],
                                             against=["mo", "ned", "zed"])))
    assert one(mem)["problems"] == [
        "ECO-VOTE: zed voted on alpha but are not working-group members on the base branch"]


def test_eco_vote_a_member_votes_once(mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "kim", "Jo"],
                                             against=["kim", "mo"], abstain=["ivy", "ned"])))
    assert one(mem)["problems"] == [
        "ECO-VOTE: ivy, jo, kim voted more than once on alpha; one vote each"]


def test_eco_vote_a_vote_cast_twice_counts_once_for_it(mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "IVY"],
                                             against=["kim", "mo", "ned"])))
    assert one(mem)["problems"][:2] == [
        "ECO-VOTE: ivy voted more than once on alpha; one vote each",
        "ECO-VOTE: alpha is recorded as accepted with 2 votes for; more than 1/2 of the 5 "
        "working-group members (3) must approve"]


@pytest.mark.parametrize("outcome", ["needs-info", "closed-not-ready", "postponed"])
def test_eco_vote_a_decision_that_is_no_vote_is_not_counted(mem: Memory, outcome: str) -> None:
    mem.edit(ALPHA, decided(outcome, vote(outcome, **{"for": ["zed"], "against": ["zed"]})))
    assert one(mem) == {
        "rule": "ECO-STATUS", "met": False, "groups": [OWNERS], "problems": [],
        "summary": f"ecosystem project alpha status changed from in-progress to {outcome}"}


def test_eco_vote_the_last_appended_decision_sets_who_approves(mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("needs-info", date="2026-11-01"),
                            vote("accepted", ["ivy", "jo", "kim"])))
    r = one(mem)
    assert (r["rule"], r["groups"], r["problems"]) == (
        "ECO-VOTE", [voters("ivy", "jo", "kim")], [])


def test_eco_vote_every_appended_decision_is_checked_not_only_the_last(mem: Memory) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "new"}})
    mem.edit(ALPHA, decided("accepted", vote("declined", ["ivy"], wg=None, date="2026-11-01"),
                            vote("accepted", ["ivy", "jo", "kim"]),
                            vote("accepted", ["ivy", "jo", "kim"], date="2026-11-12")))
    assert one(mem)["problems"] == [
        "ECO-VOTE: the decision on alpha must record the working group as it stands on the base "
        "branch (ivy, jo, kim, mo, ned) under working_group",
        "ECO-QUEUE: alpha is accepted from new; an application is decided once it is in "
        "progress (its own pull request, or charter ecosystem queue --apply)",
        "ECO-QUEUE: alpha is accepted from new; an application is decided once it is in "
        "progress (its own pull request, or charter ecosystem queue --apply)"]


# --- ECO-STATUS: a status follows a recorded decision --------------------------------------------

def test_eco_status_a_status_without_a_decision_is_refused(mem: Memory) -> None:
    mem.edit(ALPHA, lambda d: d.update(status="active"))
    assert one(mem) == {
        "rule": "ECO-STATUS", "met": False, "groups": [OWNERS],
        "summary": "ecosystem project alpha status changed from in-progress to active",
        "problems": [_needs_decision("alpha", "active")]}


def test_eco_status_the_status_follows_the_last_decision_not_an_earlier_one(
        mem: Memory) -> None:
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "kim"]),
                            vote("needs-info", date="2026-11-11")))
    assert one(mem)["problems"] == [
        "ECO-STATUS: status 'accepted' of alpha must follow a recorded decision: append to "
        "decisions: the working group's vote with outcome matching 'accepted' (charter "
        "ecosystem decide)"]


@pytest.mark.parametrize(("outcome", "status", "ok"), [
    ("declined", "declined", True), ("declined", "closed-not-ready", False),
    ("needs-info", "needs-info", True), ("needs-info", "postponed", False),
    ("closed-not-ready", "closed-not-ready", True), ("postponed", "postponed", True),
    ("postponed", "needs-info", False)])
def test_eco_status_each_outcome_allows_its_own_status(mem: Memory, outcome: str, status: str,
                                                       ok: bool) -> None:
    mem.edit(ALPHA, decided(status, vote(outcome, ["ivy"])))
    problems = [p for p in one(mem)["problems"] if p.startswith("ECO-STATUS")]
    assert (problems == []) is ok


def test_eco_status_a_decision_without_a_status_change_needs_no_status(mem: Memory) -> None:
    mem.edit(ALPHA, decided("in-progress", vote("postponed")))
    assert one(mem) == {"rule": "ECO-STATUS", "met": False, "groups": [OWNERS], "problems": [],
                        "summary": "ecosystem project alpha decisions changed"}


def test_eco_status_an_application_may_return_to_the_queue_without_a_decision(
        mem: Memory) -> None:
    mem.edit(ALPHA, lambda d: d.update(status="new"))
    assert one(mem)["problems"] == []


@pytest.mark.parametrize(("listed", "queue"), [("accepted", "new"), ("active", "in-progress")])
def test_eco_status_a_listed_project_never_returns_to_the_queue(mem: Memory, listed: str,
                                                                 queue: str) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": listed, "decisions": [
        vote("accepted", ["ivy", "jo", "kim"], date="2026-01-10")]}})
    mem.edit(ALPHA, lambda d: d.update(status=queue))
    assert one(mem) == {
        "rule": "ECO-STATUS", "met": False, "groups": [OWNERS],
        "summary": f"ecosystem project alpha status changed from {listed} to {queue}",
        "problems": [f"ECO-STATUS: alpha is {listed}; a listed project leaves the ecosystem only "
                     "by a recorded decision to retire it (ECO-PERIODIC), never by returning to "
                     f"the queue as {queue!r}"]}


def test_eco_status_a_retired_project_may_reapply_through_the_queue(mem: Memory) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "retired", "decisions": [
        vote("retired", date="2026-06-10", reason="ECO-PERIODIC: no answer")]}})
    mem.edit(ALPHA, lambda d: d.update(status="new"))
    assert one(mem)["problems"] == []


def test_eco_status_a_retirement_is_confirmed_by_a_majority_of_the_working_group(
        mem: Memory) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "active", "decisions": [
        vote("accepted", ["ivy", "jo", "kim"], date="2026-01-10")]}})
    mem.edit(ALPHA, decided("retired", vote("retired", reason="ECO-PERIODIC: no answer")))
    r = one(mem)
    assert (r["rule"], r["groups"], r["problems"]) == ("ECO-STATUS", [RETIRE], [])
    assert one(mem, approved=["ivy", "mo", "ned"])["met"]
    assert not one(mem, approved=["ivy", "mo", "ada"])["met"]


@pytest.mark.parametrize("edit", ["changed", "removed", "inserted"])
def test_eco_status_decisions_are_append_only(mem: Memory, edit: str) -> None:
    earlier = vote("declined", ["ivy"], date="2026-01-10")
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "declined", "decisions": [earlier]}})
    later = vote("accepted", ["ivy", "jo", "kim"])
    decisions = {"changed": [{**earlier, "for": ["ivy", "jo", "kim"],
                              "against": ["mo", "ned"]}, later],
                 "removed": [later],
                 "inserted": [vote("needs-info", date="2025-12-01"), earlier, later]}[edit]
    mem.edit(ALPHA, lambda d: d.update(status="accepted", decisions=decisions))
    assert one(mem) == {
        "rule": "ECO-STATUS", "met": False, "groups": [OWNERS],
        "summary": "ecosystem project alpha status changed from declined to accepted",
        "problems": ["ECO-STATUS: decisions of alpha are a record: append new decisions, never "
                     "edit or remove earlier ones"]}


# --- ECO-QUEUE, ECO-FUNCTIONAL: what an acceptance needs -----------------------------------------

def test_eco_queue_an_application_is_accepted_only_from_in_progress(mem: Memory) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "new"}})
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "kim"])))
    assert one(mem)["problems"] == [
        "ECO-QUEUE: alpha is accepted from new; an application is decided once it is in "
        "progress (its own pull request, or charter ecosystem queue --apply)"]


def test_eco_queue_a_record_added_as_accepted_was_accepted_from_nothing(mem: Memory) -> None:
    mem.write({"ecosystem/beta.yaml": record("beta", "accepted", decisions=[
        vote("accepted", ["ivy", "jo", "kim"])])})
    r = one(mem)
    assert (r["rule"], r["groups"]) == ("ECO-VOTE", [voters("ivy", "jo", "kim")])
    assert r["problems"] == [
        "ECO-QUEUE: beta is accepted from nothing; an application is decided once it is in "
        "progress (its own pull request, or charter ecosystem queue --apply)"]


def _missing(keys: list[str]) -> Any:
    def edit(d: dict[str, Any]) -> None:
        for k in keys:
            del d["functional"][k]
    return edit


@pytest.mark.parametrize(("missing", "tail"), [(1, ""), (4, ""), (5, " (and 1 more)"),
                                               (6, " (and 2 more)")])
def test_eco_functional_an_acceptance_names_the_first_four_gaps_and_counts_the_rest(
        mem: Memory, missing: int, tail: str) -> None:
    keys = list(FUNCTIONAL_NAMES)[:missing]
    mem.land({ALPHA: {**mem.data(ALPHA)}})
    mem.edit(ALPHA, _missing(keys))
    mem.land({})
    mem.edit(ALPHA, decided("accepted", vote("accepted", ["ivy", "jo", "kim"])))
    shown = "; ".join(gap(k) for k in keys[:4])
    assert one(mem)["problems"] == [
        f"ECO-FUNCTIONAL: alpha is accepted before every functional requirement is recorded as "
        f"met: {shown}{tail}; record each with charter ecosystem evidence alpha"]


def test_eco_functional_a_decline_needs_no_functional_requirement(mem: Memory) -> None:
    mem.edit(ALPHA, _missing(list(FUNCTIONAL_NAMES)))
    mem.land({})
    mem.edit(ALPHA, decided("declined", vote("declined", ["ivy"])))
    assert one(mem)["problems"] == []


# --- ECO-STATUS: a record is never deleted -------------------------------------------------------

def test_eco_status_an_application_without_decisions_may_be_withdrawn(mem: Memory) -> None:
    mem.write({ALPHA: None})
    assert one(mem) == {"rule": "ECO-STATUS", "met": False, "groups": [CORE_ANY],
                        "problems": [], "summary": "ecosystem project alpha removed"}
    assert one(mem, approved=["eve"])["met"]
    assert not one(mem, approved=["ivy"])["met"]


def _deleted(slug: str, status: str) -> str:
    return (f"ECO-STATUS: {slug} has a decision record ({status}); its record is kept "
            "(ECO-RESUBMIT reads it): a listed project leaves by a recorded retirement, an "
            "application by a recorded decision, never by deleting the file")


@pytest.mark.parametrize("status", ["accepted", "active", "retired"])
def test_eco_status_a_listed_project_without_decisions_is_never_deleted(
        mem: Memory, status: str) -> None:
    mem.land({"ecosystem/beta.yaml": record(
        "beta", status, imported={"from": "landscape", "date": "2026-01-01"})})
    mem.write({"ecosystem/beta.yaml": None})
    assert one(mem) == {"rule": "ECO-STATUS", "met": False, "groups": [CORE_ANY],
                        "problems": [_deleted("beta", status)],
                        "summary": "ecosystem project beta removed"}


def test_eco_status_an_application_with_a_decision_is_never_deleted(mem: Memory) -> None:
    mem.land({ALPHA: {**mem.data(ALPHA), "status": "declined",
                      "decisions": [vote("declined", ["ivy"])]}})
    mem.write({ALPHA: None})
    assert one(mem)["problems"] == [_deleted("alpha", "declined")]


# --- ECO-STATUS: a record imported from a list kept before charter -------------------------------

def _import(mem: Memory) -> None:
    mem.write({"ecosystem/beta.yaml": record(
        "beta", "active", imported={"from": "landscape", "date": "2026-01-01"})})


def test_eco_status_an_import_is_taken_in_by_the_core_maintainers(mem: Memory) -> None:
    _import(mem)
    assert one(mem, body=DISCUSSION) == {
        "rule": "ECO-STATUS", "met": False, "groups": [CORE_MAJORITY], "problems": [],
        "summary": "ecosystem project beta added with status active, imported from landscape: "
                   "taken in as history by the core maintainers"}
    assert one(mem, body=DISCUSSION, approved=["ada", "bob", "cyd"])["met"]
    assert not one(mem, body=DISCUSSION, approved=["ada", "bob", "ivy", "jo"])["met"]


def test_eco_status_an_import_links_its_discussion(mem: Memory) -> None:
    _import(mem)
    # an issue named elsewhere in the description is not the discussion
    assert one(mem, body="## Summary\nFrom the landscape, see #12.\n")["problems"] == [
        "GOV-DISCUSSION: an import links the issue where it was discussed: add a "
        "'## Discussion' section with its number (e.g. #123)"]
    assert not one(mem, body="## Summary\nsee #12\n", approved=["ada", "bob", "cyd"])["met"]


# --- GOV-APPROVAL: other fields of a project's record --------------------------------------------

def test_gov_approval_a_project_record_edit_needs_one_owner(mem: Memory) -> None:
    mem.edit(ALPHA, lambda d: d.update(name="Alpha Two"))
    assert one(mem) == {"rule": "GOV-APPROVAL", "met": False, "groups": [OWNERS],
                        "problems": [],
                        "summary": "ecosystem project alpha record changed (name)"}
    assert one(mem, approved=["kim"])["met"]


IMPORTED_PROBLEM = (
    "ECO-STATUS: 'imported' records how alpha was taken in from a list kept before charter; it "
    "is set when the record is created and never added or changed later (it turns missing "
    "history into notices)")


@pytest.mark.parametrize("edit", ["added", "changed", "removed"])
def test_eco_status_imported_is_never_added_or_changed_later(mem: Memory, edit: str) -> None:
    if edit != "added":
        mem.land({ALPHA: {**mem.data(ALPHA),
                          "imported": {"from": "landscape", "date": "2026-01-01"}}})
    after = {"added": {"from": "landscape", "date": "2026-01-01"},
             "changed": {"from": "landscape", "date": "2026-02-01"}, "removed": None}[edit]
    mem.edit(ALPHA, lambda d: d.update(imported=after) if after else d.pop("imported") and None)
    [r] = [r for r in eco(mem) if r["rule"] == "GOV-APPROVAL"]
    assert r["problems"] == [IMPORTED_PROBLEM]


def _repository_moved(listed: str, **more: Any) -> Any:
    return {ALPHA: {**record("alpha", listed), "repository": "x/alpha", **more}}


REPO_PROBLEM = (
    "ECO-VOTE: the working group accepted alpha as x/alpha; another repository (y/alpha) is a "
    "new application, or needs a new recorded decision accepting it")


def _approval(mem: Memory) -> dict[str, Any]:
    [r] = [r for r in eco(mem) if r["rule"] == "GOV-APPROVAL"]
    return r


@pytest.mark.parametrize("listed", ["accepted", "active"])
def test_eco_vote_a_listed_project_moved_to_another_repository_needs_a_new_acceptance(
        mem: Memory, listed: str) -> None:
    mem.land(_repository_moved(listed, decisions=[
        vote("accepted", ["ivy", "jo", "kim"], date="2026-01-10")]))
    mem.edit(ALPHA, lambda d: d.update(repository="y/alpha"))
    assert _approval(mem) == {
        "rule": "GOV-APPROVAL", "met": False, "groups": [OWNERS], "problems": [REPO_PROBLEM],
        "summary": "ecosystem project alpha record changed (repository)"}


def test_eco_vote_a_listed_project_without_decisions_moved_needs_an_acceptance(
        mem: Memory) -> None:
    mem.land(_repository_moved("active", imported={"from": "landscape", "date": "2026-01-01"}))
    mem.edit(ALPHA, lambda d: d.update(repository="y/alpha"))
    assert _approval(mem)["problems"] == [REPO_PROBLEM]


def test_eco_vote_a_listed_project_moved_with_a_new_acceptance_is_valid(mem: Memory) -> None:
    mem.land(_repository_moved("active", imported={"from": "landscape", "date": "2026-01-01"}))
    mem.edit(ALPHA, lambda d: d.update(repository="y/alpha", status="accepted", decisions=[
        vote("accepted", ["ivy", "jo", "kim"])]))
    assert _approval(mem)["problems"] == []


def test_eco_vote_a_listed_project_moved_with_an_acceptance_appended_is_valid(
        mem: Memory) -> None:
    mem.land(_repository_moved("active", decisions=[
        vote("accepted", ["ivy", "jo", "kim"], date="2026-01-10")]))
    mem.edit(ALPHA, decided("accepted", vote("needs-info", date="2026-11-01"),
                            vote("accepted", ["ivy", "jo", "kim"])))
    mem.edit(ALPHA, lambda d: d.update(repository="y/alpha"))
    assert _approval(mem)["problems"] == []


def test_eco_vote_a_listed_project_moved_with_another_decision_needs_an_acceptance(
        mem: Memory) -> None:
    mem.land(_repository_moved("active", decisions=[
        vote("accepted", ["ivy", "jo", "kim"], date="2026-01-10")]))
    mem.edit(ALPHA, decided("active", vote("needs-info", date="2026-11-01")))
    mem.edit(ALPHA, lambda d: d.update(repository="y/alpha"))
    assert _approval(mem)["problems"] == [REPO_PROBLEM]


def test_eco_vote_an_acceptance_in_rewritten_decisions_does_not_move_a_project(
        mem: Memory) -> None:
    earlier = vote("accepted", ["ivy", "jo", "kim"], date="2026-01-10")
    mem.land(_repository_moved("active", decisions=[earlier]))
    mem.edit(ALPHA, lambda d: d.update(repository="y/alpha", decisions=[
        {**earlier, "date": "2026-01-11"}, vote("accepted", ["ivy", "jo", "kim"])]))
    assert _approval(mem)["problems"] == [REPO_PROBLEM]


def test_eco_vote_a_repository_renamed_only_in_case_is_the_same_project(mem: Memory) -> None:
    mem.land(_repository_moved("active", imported={"from": "landscape", "date": "2026-01-01"}))
    mem.edit(ALPHA, lambda d: d.update(repository="X/Alpha"))
    assert _approval(mem)["problems"] == []


@pytest.mark.parametrize("status", ["in-progress", "retired", "declined"])
def test_eco_vote_an_unlisted_project_may_change_its_repository(mem: Memory, status: str) -> None:
    mem.land(_repository_moved(status))
    mem.edit(ALPHA, lambda d: d.update(repository="y/alpha"))
    assert _approval(mem)["problems"] == []
