"""The ecosystem (docs/rules.md: ECO-*) as checks on the recorded projects."""

from __future__ import annotations

from collections.abc import Iterator

from charter.findings import Finding, Severity
from charter.rules import Context, register
from charter.rules.util import add_months, finding, parse_date


def status_is_backed(ctx: Context) -> Iterator[Finding]:
    """A listed project is active or retired; active ones were accepted, retired ones say why."""
    s = ctx.state
    for p in s.projects.values():
        decisions = p.data.get("decisions", [])
        if p.status == "active" and not any(d["outcome"] == "accepted" for d in decisions):
            if p.data.get("imported") and not decisions:
                src = p.data["imported"]
                yield finding(s, p.file, "ECO-STATUS",
                              f"{p.slug} was listed as active in the {src['from']} before "
                              f"charter (imported {src['date']}); the decision that accepted it "
                              "is not on record: add it when known", "imported",
                              severity=Severity.NOTICE)
                continue
            yield finding(s, p.file, "ECO-STATUS",
                          f"{p.slug} is active but no accepted decision is recorded; record the "
                          "working group's vote (charter ecosystem decide)", "status")
        if p.status == "retired" and "retired" not in p.data:
            yield finding(s, p.file, "ECO-STATUS",
                          f"{p.slug} is retired without a retired: record (date and reason)",
                          "status")


register("ECO-STATUS", status_is_backed)


# The statuses a project may have after each kind of decision (a re-application after a
# decision starts again at new / in-progress).
_AFTER = {
    "accepted": ("active", "accepted"),
    "reinstated": ("active",),
    "retired": ("retired", "new", "in-progress"),
    "declined": ("declined", "new", "in-progress"),
    "needs-info": ("needs-info", "new", "in-progress"),
    "closed-not-ready": ("closed-not-ready", "new", "in-progress"),
    "postponed": ("postponed", "new", "in-progress"),
}


def status_follows_latest_decision(ctx: Context) -> Iterator[Finding]:
    """A project's status is one its latest recorded decision allows."""
    s = ctx.state
    for p in s.projects.values():
        decisions = p.data.get("decisions")
        if not decisions:
            continue
        # ISO dates sort as text; of several on one day, the one listed last is the latest
        latest = max(enumerate(decisions), key=lambda t: (t[1]["date"], t[0]))[1]
        allowed = _AFTER[latest["outcome"]]  # the schema admits only these outcomes
        if p.status not in allowed:
            yield finding(s, p.file, "ECO-STATUS",
                          f"{p.slug} is {p.status}, but its latest decision ({latest['outcome']} "
                          f"on {latest['date']}) allows only {', '.join(allowed)}; record the "
                          "decision that changed it", "status")


register("ECO-STATUS", status_follows_latest_decision)


def enough_maintainers(ctx: Context) -> Iterator[Finding]:
    """An active project records at least the configured number of core maintainers."""
    s = ctx.state
    need = int(s.policy.get("ecosystem.min_core_maintainers"))
    for p in s.projects.values():
        if p.status == "active" and len(p.data.get("maintainers", [])) < need:
            where = "maintainers" if "maintainers" in p.data else "status"
            if p.data.get("imported") and "maintainers" not in p.data:
                yield finding(s, p.file, "ECO-MEASURABLE",
                              f"{p.slug}: its core maintainers are not on record (the "
                              f"{p.data['imported']['from']} it was imported from lists none); "
                              f"record at least {need} under maintainers:", "imported",
                              severity=Severity.NOTICE)
                continue
            yield finding(s, p.file, "ECO-MEASURABLE",
                          f"{p.slug} lists {len(p.data.get('maintainers', []))} core maintainers; "
                          f"at least {need} are required", where)


register("ECO-MEASURABLE", enough_maintainers)


def review_not_overdue(ctx: Context) -> Iterator[Finding]:
    """Every active project was re-reviewed within the review interval (6 months)."""
    s = ctx.state
    months = int(s.policy.get("ecosystem.review_interval_months"))
    for p in s.projects.values():
        if p.status != "active":
            continue
        dates = [parse_date(r["date"]) for r in p.data.get("reviews", [])]
        dates += [parse_date(d["date"]) for d in p.data.get("decisions", [])
                  if d["outcome"] in ("accepted", "reinstated")]
        last = max((d for d in dates if d), default=None)
        if last and add_months(last, months) <= ctx.today:
            yield finding(s, p.file, "ECO-PERIODIC",
                          f"{p.slug} was last reviewed on {last}; a re-review is due (charter "
                          "ecosystem review)", "slug", severity=Severity.NOTICE)


register("ECO-PERIODIC", review_not_overdue)


def recorded_votes_add_up(ctx: Context) -> Iterator[Finding]:
    """A recorded vote names only members of the working group of its day, each once, and its
    outcome is what the tally gives (accepted when more than vote_fraction of the members
    approve); any other outcome states its reason."""
    from charter.ecosystem import vote

    s = ctx.state
    fraction = s.policy.fraction("ecosystem.vote_fraction")
    for p in s.projects.values():
        for i, d in enumerate(p.data.get("decisions", [])):
            outcome = d["outcome"]
            if outcome in vote.VOTED:
                members = d.get("working_group")
                if not members:
                    yield finding(s, p.file, "ECO-VOTE",
                                  f"{p.slug}: the {outcome} decision of {d['date']} does not "
                                  "record the working group's members (working_group:), so its "
                                  "majority cannot be checked", "decisions", i)
                    continue
                lists = {k: d.get(k, []) for k in ("for", "against", "abstain")}
                for problem in vote.check_voters(members, lists):
                    yield finding(s, p.file, "ECO-VOTE", f"{p.slug}, {d['date']}: {problem}",
                                  "decisions", i)
                t = vote.tally(members, lists["for"], fraction)
                if t.outcome != outcome:
                    yield finding(s, p.file, "ECO-VOTE",
                                  f"{p.slug}: recorded as {outcome} on {d['date']}, but "
                                  f"{t.approvals} of {t.members} members approved and {t.needed} "
                                  f"are needed: the outcome is {t.outcome}",
                                  "decisions", i, "outcome")
            elif outcome in vote.OTHER and not d.get("reason"):
                yield finding(s, p.file, "ECO-VOTE",
                              f"{p.slug}: the {outcome} decision of {d['date']} gives no reason; "
                              "the applicants need to know what to do", "decisions", i)


register("ECO-VOTE", recorded_votes_add_up)


def resubmitted_after_wait(ctx: Context) -> Iterator[Finding]:
    """A declined project re-applies no sooner than resubmit_months after the decision, as a new
    application: back in the queue only with a ``submitted`` date after the decline."""
    s = ctx.state
    months = int(s.policy.get("ecosystem.resubmit_months"))
    for p in s.projects.values():
        submitted = parse_date(p.data.get("submitted"))
        decisions = p.data.get("decisions", [])
        for i, d in enumerate(decisions):
            decided = parse_date(d["date"])
            if d["outcome"] != "declined" or decided is None:
                continue
            allowed = add_months(decided, months)
            last = i == len(decisions) - 1
            if submitted is not None and submitted > decided:
                if submitted < allowed:
                    yield finding(s, p.file, "ECO-RESUBMIT",
                                  f"{p.slug} was declined on {decided} and re-applied on "
                                  f"{submitted}; it may re-apply from {allowed}", "submitted")
            elif last and p.status in ("new", "in-progress"):
                yield finding(s, p.file, "ECO-RESUBMIT",
                              f"{p.slug} was declined on {decided}; it returns to the queue "
                              f"only as a new application, from {allowed}: record the new "
                              "application's issue and its submitted date", "status")


register("ECO-RESUBMIT", resubmitted_after_wait)


def notice_not_past_deadline(ctx: Context) -> Iterator[Finding]:
    """An active project's open notice is not past its deadline (then it is retired)."""
    s = ctx.state
    for p in s.projects.values():
        notice = p.data.get("notice")
        if p.status != "active" or not notice:
            continue
        deadline = parse_date(notice.get("deadline"))
        if deadline is not None and deadline < ctx.today:
            yield finding(s, p.file, "ECO-PERIODIC",
                          f"{p.slug}: the notice of {notice.get('opened')} (issue "
                          f"#{notice.get('issue')}) passed its deadline of {deadline}; run "
                          "charter ecosystem review --apply to re-check and retire it if still "
                          "short", "notice", "deadline", severity=Severity.WARNING)


register("ECO-PERIODIC", notice_not_past_deadline)


def functional_evidence(ctx: Context) -> Iterator[Finding]:
    """An accepted project records all ten functional requirements as met, each with its
    evidence and reviewer: its acceptance rests on them (an error when one is missing, except
    for a record imported from a list kept before charter); one recorded as not met later is
    the periodic review's to act on (a warning)."""
    from charter.ecosystem.vote import FUNCTIONAL_NAMES

    s = ctx.state
    for p in s.projects.values():
        if p.status not in ("active", "accepted"):
            continue
        recorded = p.data.get("functional") or {}
        missing = [k for k in FUNCTIONAL_NAMES if k not in recorded]
        # a record imported from a list kept before charter has no evidence to show: its
        # missing history is the import's to report, not a gap this rule can ask to fill
        imported = bool(p.data.get("imported"))
        if missing and not imported:
            yield finding(s, p.file, "ECO-FUNCTIONAL",
                          f"{p.slug} is {p.status} but records no evidence for {len(missing)} "
                          f"of the ten functional requirements ({', '.join(missing)}); an "
                          "acceptance records each as met: charter ecosystem evidence "
                          f"{p.slug} REQUIREMENT --met --evidence TEXT --reviewer LOGIN",
                          "functional" if "functional" in p.data else "status")
        for key, entry in sorted(recorded.items()):
            if not entry["met"]:
                yield finding(s, p.file, "ECO-FUNCTIONAL",
                              f"{p.slug}: the requirement {key!r} is recorded as not met; an "
                              "active project meets all ten (re-review it: charter ecosystem "
                              "review)", "functional", key, severity=Severity.WARNING)
            elif not entry.get("evidence") or not entry.get("reviewer"):
                yield finding(s, p.file, "ECO-FUNCTIONAL",
                              f"{p.slug}: the requirement {key!r} is marked met without "
                              f"{'evidence' if not entry.get('evidence') else 'a reviewer'}; "
                              f"record both: charter ecosystem evidence {p.slug} {key} --met "
                              "--evidence TEXT --reviewer LOGIN", "functional", key,
                              severity=Severity.WARNING if imported else Severity.ERROR)


register("ECO-FUNCTIONAL", functional_evidence)


def offboarding_on_record(ctx: Context) -> Iterator[Finding]:
    """A retired project's record carries its offboarding issue (retired: offboarding_issue:),
    the evidence that its owners were told and asked to remove references to ecosystem
    membership, whoever recorded the retirement (a record imported from a list kept before
    charter excepted)."""
    s = ctx.state
    repo = s.policy.organisation.get("governance_repository")
    for p in s.projects.values():
        retired = p.data.get("retired")
        if p.status != "retired" or not isinstance(retired, dict):
            continue  # a retired status without a retired: record is ECO-STATUS's to report
        if retired.get("offboarding_issue"):
            continue
        if p.data.get("imported"):
            # retired before charter, from a list that does not say how the owners were told:
            # the missing history is the import's, not a gap this rule can ask to fill
            continue
        where = f" in {repo}" if repo else ""
        yield finding(s, p.file, "ECO-OFFBOARD",
                      f"{p.slug} is retired but its record names no offboarding issue: its "
                      f"owners must be told and asked to remove references to ecosystem "
                      f"membership; open that issue{where} and record its number under "
                      f"retired: offboarding_issue: (charter ecosystem offboard {p.slug} --apply "
                      "does both; charter ecosystem review --apply does it when it retires a "
                      "project)", "retired")


register("ECO-OFFBOARD", offboarding_on_record)


def returning_is_on_record(ctx: Context) -> Iterator[Finding]:
    """An application returns (reviewed first) only on a recorded needs-info or closed-not-ready
    decision in its own file; a ``returning: true``, a ``previous_issue`` or an application form
    that claims an earlier application the record does not hold is named."""
    from charter.ecosystem import form, queue

    s = ctx.state
    for p in s.projects.values():
        try:  # the schema makes an application form an object
            claimed = form.claimed_previous(p.data.get("application") or {})
        except form.FormError:
            claimed = None
        problem = queue.claim_problem(p, claimed)
        if problem is None:
            continue
        if p.data.get("returning") is True:
            where: tuple[str, ...] = ("returning",)
        elif isinstance(p.data.get("previous_issue"), int):
            where = ("previous_issue",)
        else:
            where = ("application", "previous_issue")
        yield finding(s, p.file, "ECO-QUEUE", problem, *where, severity=Severity.WARNING)


register("ECO-QUEUE", returning_is_on_record)
