"""ECO-PERIODIC: which projects are due, how a project measures up, and what follows.

Everything here is pure: :func:`evaluate` turns GitHub's facts and the project's record into a
review (metrics and pass/fail per rule ID, with reasons a person can act on), and :func:`plan`
decides the next step from the review, the open notice and today's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from charter.ecosystem import vote
from charter.ecosystem.fetch import Facts
from charter.model import Project, State
from charter.rules.util import add_months, parse_date

REVIEWER = "charter ecosystem review"
RULE_IDS = ("ECO-MEASURABLE", "ECO-LAYOUT", "ECO-FUNCTIONAL")
FUNCTIONAL_NAMES = vote.FUNCTIONAL_NAMES  # re-exported: the ten requirements (ECO-FUNCTIONAL)


def last_review(project: Project) -> dt.date | None:
    """The latest review, or the acceptance when the project was never re-reviewed."""
    data = project.data
    dates = [parse_date(r.get("date")) for r in data.get("reviews", [])]
    dates += [parse_date(d.get("date")) for d in data.get("decisions", [])
              if d.get("outcome") in ("accepted", "reinstated")]
    return max((d for d in dates if d), default=None)


def is_due(project: Project, today: dt.date, months: int) -> bool:
    """Active and its last review is ``months`` old or more, or it has an open notice to follow
    up, or its last review left a criterion unknown (either not already looked at today)."""
    if project.status != "active":
        return False
    last = last_review(project)
    if last is None or add_months(last, months) <= today:
        return True
    reviews = project.data.get("reviews") or []
    unknown = bool(reviews) and "unknown" in (reviews[-1].get("results") or {}).values()
    return (bool(project.data.get("notice")) or unknown) and last < today


UNIDENTIFIED = ("NOASSERTION", "OTHER")  # GitHub found a licence file but not which licence
PENDING_CI = ("pending", "unknown")


def unknown_since(project: Project, rule: str, metric: str, values: tuple[str, ...]
                  ) -> dt.date | None:
    """The first day of the unbroken run of reviews, ending with the latest, in which ``rule``
    was unknown because ``metric`` was one of ``values``; None when the latest was not."""
    since = None
    for r in reversed(project.data.get("reviews") or []):
        if (r.get("results") or {}).get(rule) != "unknown" or \
                (r.get("metrics") or {}).get(metric) not in values:
            break
        since = parse_date(r.get("date")) or since
    return since


def select(state: State, today: dt.date, slugs: list[str], everything: bool) -> list[Project]:
    from charter.errors import CharterError

    months = int(state.policy.get("ecosystem.review_interval_months"))
    if slugs:
        out = []
        for s in slugs:
            p = state.projects.get(s)
            if p is None:
                import difflib

                close = difflib.get_close_matches(s, sorted(state.projects), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise CharterError(f"no ecosystem project {s!r} (no ecosystem/{s}.yaml){hint}")
            if p.status != "active":
                raise CharterError(f"{s} is {p.status}; only active projects are re-reviewed")
            out.append(p)
        return out
    active = sorted((p for p in state.projects.values() if p.status == "active"),
                    key=lambda p: p.slug)
    return active if everything else [p for p in active if is_due(p, today, months)]


@dataclass
class Review:
    slug: str
    date: str
    metrics: dict[str, Any]
    results: dict[str, str]
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    renamed_to: str | None = None

    @property
    def short(self) -> bool:
        return bool(self.reasons)

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date, "reviewer": REVIEWER,
                               "metrics": self.metrics, "results": self.results}
        if self.reasons or self.notes:
            out["notes"] = [*self.reasons, *self.notes]
        return out


def evaluate(project: Project, facts: Facts, state: State, today: dt.date) -> Review:
    """The review of ``project`` from GitHub's ``facts`` and its record.

    A criterion passes only on evidence; ``unknown`` never passes. What counts as evidence, and
    what an unknown leads to, is written down in docs/ecosystem.md ("Evidence").
    """
    pol = state.policy
    need = {k: int(pol.get(f"ecosystem.{k}")) for k in
            ("min_stars", "min_commits_90d", "min_contributors_90d", "min_core_maintainers")}
    window = int(pol.get("ecosystem.window_days"))
    maintainers = len(project.data.get("maintainers", []))
    review = Review(project.slug, today.isoformat(), {}, {})
    if not facts.found:
        review.metrics = {"found": False, "maintainers": maintainers}
        review.results = dict.fromkeys(RULE_IDS, "unknown")
        review.reasons.append(f"ECO-PERIODIC: the repository {project.repository} cannot be found "
                              "on GitHub (deleted, private or renamed without a redirect)")
        return review
    m: dict[str, Any] = {
        "stars": facts.stars,
        "commits_90d": facts.commits,
        "contributors_90d": len(facts.contributors),
        "maintainers": maintainers,
        "layout_missing": list(facts.layout_missing),
        "ci": facts.ci,
        "licence": facts.licence,
        "archived": facts.archived,
    }
    if window != 90:
        m["window_days"] = window
    if not facts.contributors_complete:
        m["contributors_counted"] = "until the threshold was met"
    if facts.renamed:
        m["renamed_to"] = facts.name_with_owner
        review.renamed_to = facts.name_with_owner
        review.notes.append(f"the repository moved from {project.repository} to "
                            f"{facts.name_with_owner}; the record now follows it")
    review.metrics = m

    measurable = []
    if facts.stars < need["min_stars"]:
        measurable.append(f"{facts.stars} stars; at least {need['min_stars']} are required")
    if facts.commits < need["min_commits_90d"]:
        measurable.append(f"{facts.commits} commits on the default branch in the last {window} "
                          f"days; at least {need['min_commits_90d']} are required")
    if len(facts.contributors) < need["min_contributors_90d"]:
        measurable.append(f"{len(facts.contributors)} contributors active in the last {window} days"
                          f" (bots excluded); at least {need['min_contributors_90d']} are required")
    if maintainers < need["min_core_maintainers"]:
        measurable.append(f"{maintainers} core maintainer(s) on record; at least "
                          f"{need['min_core_maintainers']} are required")
    review.results["ECO-MEASURABLE"] = "fail" if measurable else "pass"
    review.reasons += [f"ECO-MEASURABLE: {r}" for r in measurable]

    if facts.layout_missing:
        review.results["ECO-LAYOUT"] = "fail"
        review.reasons.append("ECO-LAYOUT: missing " + ", ".join(facts.layout_missing)
                              + " (CODEOWNERS may be at the root, in .github/ or in docs/)")
    else:
        review.results["ECO-LAYOUT"] = "pass"

    functional = []
    unknown = False
    grace = int(pol.get("ecosystem.grace_days"))
    recorded = project.data.get("functional") or {}
    if facts.archived:
        functional.append("the repository is archived, so it is no longer maintained")
    if facts.ci in ("none", "failing"):
        functional.append("no CI runs on the default branch" if facts.ci == "none"
                          else "CI is failing on the default branch")
    elif facts.ci in PENDING_CI:
        what = ("is still pending" if facts.ci == "pending"
                else "has no result on the latest commit")
        since = unknown_since(project, "ECO-FUNCTIONAL", "ci", PENDING_CI)
        if since is not None and (today - since).days >= grace:
            functional.append(f"CI on the default branch {what}; it has been unknown since "
                              f"{since}, {(today - since).days} days, so working CI is not shown")
        else:
            unknown = True
            review.notes.append(f"CI on the default branch {what}: unknown, not a pass; checked "
                                f"again at the next run (a shortfall if still unknown "
                                f"{grace} days after it was first seen)")
    allowed = [str(x) for x in pol.get("ecosystem.licences")]
    confirmed = recorded.get("licence") or {}
    if facts.licence and facts.licence not in UNIDENTIFIED:
        if facts.licence not in allowed:
            functional.append(f"licence {facts.licence} is not one of {', '.join(allowed)}")
    elif confirmed.get("met"):
        when = f" on {confirmed['date']}" if confirmed.get("date") else ""
        review.notes.append(f"GitHub cannot identify the licence ({facts.licence or 'none'}); "
                            f"confirmed as allowed by {confirmed.get('reviewer')}{when}: "
                            f"{confirmed.get('evidence')}")
    else:
        functional.append(
            f"the licence cannot be identified (GitHub reports "
            f"{facts.licence or 'no licence'}), so it is not shown to be one of "
            f"{', '.join(allowed)}: use the unmodified text of one of them, or ask the working "
            f"group to confirm it (recorded with `charter ecosystem evidence {project.slug} "
            "licence`)")
    for key, entry in sorted(recorded.items()):
        if not entry.get("met"):
            functional.append(f"{FUNCTIONAL_NAMES.get(key, key)} is recorded as not met")
    review.results["ECO-FUNCTIONAL"] = "fail" if functional else ("unknown" if unknown else "pass")
    review.reasons += [f"ECO-FUNCTIONAL: {r}" for r in functional]
    return review


@dataclass(frozen=True)
class Step:
    """What to do after a review: ``pass`` | ``resolve`` | ``notify`` | ``remind`` | ``retire``."""

    kind: str
    deadline: str | None = None


def plan(project: Project, review: Review, today: dt.date, grace_days: int,
         notice: dict[str, Any] | None = None) -> Step:
    """The next step. ``notice`` is the open notice (the record's, or the one found open on
    GitHub when the record lacks it); its deadline stands, whoever remembers it."""
    if notice is None:
        notice = project.data.get("notice")
    if not review.short:
        return Step("resolve" if notice else "pass")
    if not notice:
        return Step("notify", (today + dt.timedelta(days=grace_days)).isoformat())
    deadline = parse_date(notice.get("deadline"))
    if deadline is not None and today > deadline:
        return Step("retire", notice.get("deadline"))
    return Step("remind", notice.get("deadline"))
