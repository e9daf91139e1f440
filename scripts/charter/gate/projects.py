"""Requirements of ecosystem changes (ECO-SUBMIT, ECO-VOTE, ECO-STATUS, ECO-PERIODIC).

A working-group vote is not self-attested: a decision that accepts (or reinstates) a project is
approved on the pull request by at least as many working-group members *recorded as voting for
it* as acceptance needs; a decline by a majority of the working group. A project on the list
leaves it only through a recorded retirement, and its record (the decision history ECO-RESUBMIT
relies on) is never deleted; a retirement is confirmed by a majority of the working group.
"""

from __future__ import annotations

from typing import Any

from charter import policy as _policy
from charter.gate.events import Event
from charter.gate.groups import (
    Context,
    Requirement,
    core_any,
    core_majority,
    decide,
    owners,
)

DECISION_STATUS = {
    "accepted": ("accepted", "active"),
    "declined": ("declined",),
    "needs-info": ("needs-info",),
    "closed-not-ready": ("closed-not-ready",),
    "postponed": ("postponed",),
    "retired": ("retired",),
    "reinstated": ("active",),
}
# statuses an application moves to without a working-group decision (the queue: ECO-QUEUE)
QUEUE_STATUSES = ("new", "in-progress")
LISTED = ("accepted", "active", "retired")
VOTES = ("accepted", "reinstated", "declined")


def _wg_or_core(ctx: Context) -> Any:
    return owners(ctx, ctx.base.working_group.members,
                  "ecosystem working-group members or core maintainers", {})


def _need(ctx: Context) -> int:
    frac = ctx.base.policy.fraction("ecosystem.vote_fraction")
    return _policy.more_than(frac, len(ctx.base.working_group.members))


def project(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    slug = ev.subject
    old = ctx.base.projects.get(slug)
    new = ctx.head.projects.get(slug)
    if new is None:
        return [_removed(ctx, ev, old)]
    if old is None and new.data.get("imported"):
        return [_imported(ctx, ev, new)]
    before = old.data.get("decisions", []) if old else []
    after = new.data.get("decisions", [])
    added = after[len(before):] if after[: len(before)] == before else None
    old_status = old.status if old else None
    rule = "ECO-STATUS"
    if added and any(d.get("outcome") in VOTES for d in added):
        rule = "ECO-VOTE"
    if ev.kind == "project-added" and new.status in QUEUE_STATUSES and not after:
        rule = "ECO-SUBMIT"
    req = Requirement(rule, ev, ev.describe(), [_wg_or_core(ctx)])
    if added is None:
        req.problems.append(
            f"ECO-STATUS: decisions of {slug} are a record: append new decisions, never edit or "
            "remove earlier ones")
        return [req]
    for d in added:
        req.problems += check_vote(ctx, slug, d)
        _attested(ctx, req, d)
        if d.get("outcome") == "accepted":
            req.problems += _ready(slug, old_status, new.data)
    if new.status in QUEUE_STATUSES and old_status in ("accepted", "active"):
        req.problems.append(
            f"ECO-STATUS: {slug} is {old_status}; a listed project leaves the ecosystem only "
            "by a recorded decision to retire it (ECO-PERIODIC), never by returning to the queue "
            f"as {new.status!r}")
    if new.status != old_status and new.status not in QUEUE_STATUSES:
        last = added[-1] if added else None
        if last is None or new.status not in DECISION_STATUS.get(last.get("outcome", ""), ()):
            req.problems.append(
                f"ECO-STATUS: status {new.status!r} of {slug} must follow a recorded decision: "
                f"append to decisions: the working group's vote with outcome matching "
                f"{new.status!r} (charter ecosystem decide)")
    req.unreachable()
    return [req]


def _imported(ctx: Context, ev: Event, new: Any) -> Requirement:
    """A record imported from a list kept before charter states history charter has no record
    of (its acceptance, its maintainers): taking it in is the core maintainers' decision."""
    req = Requirement("ECO-STATUS", ev, f"{ev.describe()}, imported from "
                      f"{new.data['imported'].get('from', 'a list kept before charter')}: taken "
                      "in as history by the core maintainers", [core_majority(ctx, {})])
    if not ctx.body.issues("discussion"):
        req.problems.append("GOV-DISCUSSION: an import links the issue where it was discussed: "
                            "add a '## Discussion' section with its number (e.g. #123)")
    req.unreachable()
    return req


def _ready(slug: str, old_status: str | None, data: dict[str, Any]) -> list[str]:
    """An application is accepted from in-progress, with the ten functional requirements
    recorded as met (ECO-QUEUE, ECO-FUNCTIONAL)."""
    from charter.ecosystem.vote import functional_gaps

    out = []
    if old_status != "in-progress":
        out.append(f"ECO-QUEUE: {slug} is accepted from {old_status or 'nothing'}; an "
                   "application is decided once it is in progress (its own pull request, or "
                   "charter ecosystem queue --apply)")
    gaps = functional_gaps(data)
    if gaps:
        out.append(f"ECO-FUNCTIONAL: {slug} is accepted before every functional requirement "
                   f"is recorded as met: {'; '.join(gaps[:4])}"
                   + (f" (and {len(gaps) - 4} more)" if len(gaps) > 4 else "")
                   + f"; record each with charter ecosystem evidence {slug}")
    return out


def _removed(ctx: Context, ev: Event, old: Any) -> Requirement:
    req = Requirement("ECO-STATUS", ev, ev.describe(), [core_any(ctx, {})])
    if old is not None and (old.status in LISTED or old.data.get("decisions")):
        req.problems.append(
            f"ECO-STATUS: {ev.subject} has a decision record ({old.status}); its record is kept "
            "(ECO-RESUBMIT reads it): a listed project leaves by a recorded retirement, an "
            "application by a recorded decision, never by deleting the file")
    return req


def _attested(ctx: Context, req: Requirement, d: dict[str, Any]) -> None:
    """The pull request carries the approvals of the people the decision says decided."""
    outcome = d.get("outcome")
    wg = ctx.base.working_group.members
    need = _need(ctx)
    if outcome in ("accepted", "reinstated"):
        voters = {str(x).lower() for x in d.get("for") or ()}
        people = [m for m in wg if m.lower() in voters]
        req.groups = [decide("working-group members recorded as voting for it", people, {}, need,
                             f"{need} of the working-group members recorded under 'for' "
                             f"(more than {ctx.base.policy.get('ecosystem.vote_fraction')} of "
                             f"the {len(wg)} members must have voted for it)")]
    elif outcome == "declined":
        req.groups = [decide("ecosystem working group", wg, {}, need,
                             f"a majority of the {len(wg)} working-group members confirming the "
                             "recorded decline")]
    elif outcome == "retired":
        req.groups = [decide("ecosystem working group", wg, {}, need,
                             f"a majority of the {len(wg)} working-group members confirming the "
                             "retirement (ECO-PERIODIC: the notice ran out unanswered)")]


def check_vote(ctx: Context, slug: str, d: dict[str, Any]) -> list[str]:
    outcome = d.get("outcome")
    if outcome not in VOTES:
        return []
    wg = {x.lower() for x in ctx.base.working_group.members}
    out = []
    recorded = {str(x).lower() for x in d.get("working_group", []) or []}
    if recorded != wg:
        out.append(f"ECO-VOTE: the decision on {slug} must record the working group as it stands "
                   f"on the base branch ({', '.join(sorted(wg))}) under working_group")
    votes: dict[str, list[str]] = {k: [str(x).lower() for x in d.get(k, []) or []]
                                   for k in ("for", "against", "abstain")}
    cast = votes["for"] + votes["against"] + votes["abstain"]
    strangers = sorted(set(cast) - wg)
    if strangers:
        out.append(f"ECO-VOTE: {', '.join(strangers)} voted on {slug} but are not working-group "
                   "members on the base branch")
    twice = sorted({x for x in cast if cast.count(x) > 1})
    if twice:
        out.append(f"ECO-VOTE: {', '.join(twice)} voted more than once on {slug}; one vote each")
    frac = ctx.base.policy.fraction("ecosystem.vote_fraction")
    need = _policy.more_than(frac, len(wg))
    got = len(set(votes["for"]) & wg)
    if outcome in ("accepted", "reinstated") and got < need:
        out.append(f"ECO-VOTE: {slug} is recorded as {outcome} with {got} votes for; more than "
                   f"{frac} of the {len(wg)} working-group members ({need}) must approve")
    if outcome == "declined" and got >= need:
        out.append(f"ECO-VOTE: {slug} is recorded as declined although {got} of {len(wg)} voted "
                   "for it, which accepts it")
    return out


def project_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    req = Requirement("GOV-APPROVAL", ev, ev.describe(), [_wg_or_core(ctx)])
    old, new = ctx.base.projects.get(ev.subject), ctx.head.projects.get(ev.subject)
    if old is not None and new is not None and old.data.get("imported") != new.data.get(
            "imported"):
        req.problems.append(
            f"ECO-STATUS: 'imported' records how {ev.subject} was taken in from a list kept "
            "before charter; it is set when the record is created and never added or changed "
            "later (it turns missing history into notices)")
    if (old is not None and new is not None and old.status in ("accepted", "active")
            and old.repository.lower() != new.repository.lower()):
        before = old.data.get("decisions", [])
        after = new.data.get("decisions", [])
        added = after[len(before):] if after[: len(before)] == before else []
        if not any(d.get("outcome") == "accepted" for d in added):
            req.problems.append(
                f"ECO-VOTE: the working group accepted {ev.subject} as {old.repository}; another "
                f"repository ({new.repository}) is a new application, or needs a new recorded "
                "decision accepting it")
    return [req]
