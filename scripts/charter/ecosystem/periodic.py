"""ECO-PERIODIC end to end: fetch, evaluate, act on GitHub, then record — one project at a time.

All projects are read and evaluated first (reads only); then each project is acted on and its
record written as soon as that project is done (GitHub first, then the file), so a crash loses at
most the project in hand: a re-run skips what was recorded today and finds any
issue opened just before the crash by its marker, so nobody is notified twice.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from charter.ecosystem import notify, records
from charter.ecosystem.fetch import Fetcher, ProjectError
from charter.ecosystem.review import Review, Step, evaluate, plan
from charter.errors import CharterError
from charter.model import Project, State


@dataclass
class Outcome:
    slug: str
    review: Review
    step: Step
    actions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "step": self.step.kind, "deadline": self.step.deadline,
                "review": self.review.record(), "actions": self.actions}


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.on = total > 1 and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.done = 0

    def step(self, label: str) -> None:
        self.done += 1
        if not self.on:
            return
        width = 30
        filled = width * self.done // max(self.total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"{label[:30]:<30}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def review_all(root: Path, state: State, projects: list[Project], fetcher: Fetcher,
               desk: notify.Desk, today: dt.date, *, apply: bool,
               progress: Progress | None = None, max_short: float = 0.25,
               failed: list[str] | None = None) -> list[Outcome]:
    """Review ``projects``: first read and evaluate them all, then act on each in turn.

    Reading everything first lets a safety limit look at the whole run before anything is
    written: when more than ``max_short`` of the projects (and more than three) would get a new
    notice or be retired, the answers are more likely wrong (a token without access, an outage)
    than the ecosystem, and nothing is written. A project GitHub answers about with an error
    (FORBIDDEN, ...) is skipped, its reason appended to ``failed``, and the run goes on.
    """
    failed = failed if failed is not None else []
    grace = int(state.policy.get("ecosystem.grace_days"))
    out = []
    for p in projects:
        try:
            facts = fetcher.facts(p.repository)
        except ProjectError as exc:
            failed.append(f"{p.slug}: {exc}")
            if progress:
                progress.step(p.slug)
            continue
        review = evaluate(p, facts, state, today)
        out.append(Outcome(p.slug, review, plan(p, review, today, grace)))
        if progress:
            progress.step(p.slug)
    drastic = sum(1 for o in out if o.step.kind in ("notify", "retire"))
    if not apply and drastic > max(3, max_short * len(out)):
        print(f"note: {drastic} of {len(out)} projects would be notified or retired; --apply "
              "will refuse that many unless --max-shortfall allows it", file=sys.stderr)
    if apply and drastic > max(3, max_short * len(out)):
        raise CharterError(
            f"{drastic} of {len(out)} reviewed projects would be notified or retired, more than "
            f"{max_short:.0%}: refusing to write in bulk. Check the token and GitHub's answers "
            "(run without --apply to see the plan); pass --max-shortfall 100 if this is right")
    by_slug = {p.slug: p for p in projects}
    for o in out:
        act(root, by_slug[o.slug], o, desk, today, grace, apply=apply)
    return out


def act(root: Path, p: Project, o: Outcome, desk: notify.Desk, today: dt.date, grace: int,
        *, apply: bool) -> None:
    """Carry out the step for one project on GitHub, then write its record (with ``apply``)."""
    data = dict(p.data)
    review, step = o.review, o.step
    if review.renamed_to:
        data["repository"] = review.renamed_to  # notices point at where the project lives now
    notice = data.get("notice") or {}
    changes: dict[str, Any] = {}
    drop_notice = False
    if step.kind in ("notify", "remind"):
        deadline = str(step.deadline)
        body = notify.notice_body(data, review.reasons, review.date, deadline, grace)
        done = desk.ensure(notify.REVIEW, p.slug, notify.notice_title(data), body,
                           notice.get("issue"))
        o.actions.append(done.action)
        if done.number is not None:
            changes["notice"] = {"issue": done.number,
                                 "opened": notice.get("opened", review.date),
                                 "deadline": deadline, "reasons": review.reasons}
    elif step.kind == "resolve":
        done = desk.close(notice.get("issue"), p.slug, notify.resolved_comment(review.date))
        o.actions.append(done.action)
        drop_notice = True
    elif step.kind == "retire":
        reason = ("ECO-PERIODIC: still short of the requirements after the deadline of "
                  f"{step.deadline}: " + "; ".join(review.reasons))[:2000]
        off = desk.ensure(notify.OFFBOARDING, p.slug, notify.offboarding_title(data),
                          notify.offboarding_body(data, reason, review.date), None)
        o.actions.append(f"retire; offboarding notice: {off.action}")
        closed = desk.close(notice.get("issue"), p.slug,
                            notify.retired_comment(str(step.deadline), off.number))
        o.actions.append(closed.action)
        retired: dict[str, Any] = {"date": review.date, "reason": reason}
        if off.number is not None:
            retired["offboarding_issue"] = off.number
        changes["status"] = "retired"
        changes["retired"] = retired
        drop_notice = True
    if review.renamed_to:
        changes["repository"] = review.renamed_to
        o.actions.append(f"record follows the rename to {review.renamed_to}")
    if not apply:
        o.actions.append(f"would record the review in {p.file}")
        return
    path = root / p.file
    node = review_node(review)
    if not changes and not drop_notice and records.append_review(path, node) is not None:
        o.actions.append(f"recorded the review in {p.file}")
        return
    doc = records.read(path, p.file)
    data_rt = doc.data
    for key in ("repository", "status"):
        if key in changes:
            data_rt[key] = changes[key]
    if step.kind == "retire":
        records.append(data_rt, "decisions", records.block(
            {"date": review.date, "outcome": "retired", "reason": changes["retired"]["reason"]}))
        data_rt["retired"] = records.block(changes["retired"])
    records.append(data_rt, "reviews", node)
    if "notice" in changes:
        data_rt["notice"] = records.block(changes["notice"])
    elif drop_notice and "notice" in data_rt:
        del data_rt["notice"]
    records.write(path, doc)
    o.actions.append(f"recorded the review in {p.file}")


def review_node(review: Review) -> Any:
    """The review as it is written: metrics and results as one-line mappings."""
    entry = review.record()
    node = records.block({k: v for k, v in entry.items() if k not in ("metrics", "results")})
    node.insert(2, "metrics", records.flow_map(
        {k: (records.flow(v) if isinstance(v, list) else v) for k, v in entry["metrics"].items()}))
    node.insert(3, "results", records.flow_map(dict(entry["results"])))
    return node
