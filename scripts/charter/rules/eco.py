"""The ecosystem (RULES.md: ECO-*) as checks on the recorded projects."""

from __future__ import annotations

from collections.abc import Iterator

from charter.findings import Finding, Severity
from charter.rules import Context, rule
from charter.rules.util import add_months, finding, parse_date


@rule("ECO-STATUS")
def status_is_backed(ctx: Context) -> Iterator[Finding]:
    """A listed project is active or retired; active ones were accepted, retired ones say why."""
    s = ctx.state
    for p in s.projects.values():
        decisions = p.data.get("decisions", [])
        if p.status == "active" and not any(d["outcome"] == "accepted" for d in decisions):
            yield finding(s, p.file, "ECO-STATUS",
                          f"{p.slug} is active but no accepted decision is recorded; record the "
                          "working group's vote (charter ecosystem decide)", "status")
        if p.status == "retired" and "retired" not in p.data:
            yield finding(s, p.file, "ECO-STATUS",
                          f"{p.slug} is retired without a retired: record (date and reason)", "status")


@rule("ECO-MEASURABLE")
def enough_maintainers(ctx: Context) -> Iterator[Finding]:
    """An active project records at least the configured number of core maintainers."""
    s = ctx.state
    need = int(s.policy.get("ecosystem.min_core_maintainers"))
    for p in s.projects.values():
        if p.status == "active" and len(p.data.get("maintainers", [])) < need:
            yield finding(s, p.file, "ECO-MEASURABLE",
                          f"{p.slug} lists {len(p.data.get('maintainers', []))} core maintainers; "
                          f"at least {need} are required", "maintainers" if "maintainers" in p.data else "status")


@rule("ECO-PERIODIC")
def review_not_overdue(ctx: Context) -> Iterator[Finding]:
    """Every active project was re-reviewed within the review interval (6 months)."""
    s = ctx.state
    months = int(s.policy.get("ecosystem.review_interval_months"))
    for p in s.projects.values():
        if p.status != "active":
            continue
        dates = [parse_date(r["date"]) for r in p.data.get("reviews", [])]
        dates += [parse_date(d["date"]) for d in p.data.get("decisions", []) if d["outcome"] == "accepted"]
        last = max((d for d in dates if d), default=None)
        if last and add_months(last, months) <= ctx.today:
            yield finding(s, p.file, "ECO-PERIODIC",
                          f"{p.slug} was last reviewed on {last}; a re-review is due (charter "
                          "ecosystem review)", "slug", severity=Severity.NOTICE)
