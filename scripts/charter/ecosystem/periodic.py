"""ECO-PERIODIC end to end: fetch, evaluate, act on GitHub, then record — one project at a time.

Projects are read and evaluated first (reads only); then each project is acted on and its record
written as soon as that project is done (GitHub first, then the file). Progress is kept:

- A crash loses at most the project in hand: a re-run skips what was recorded today and finds
  what GitHub already did by its markers, so nobody is notified twice.
- When the GraphQL budget runs out while reading (a reset further away than ``--max-wait``),
  the projects read so far are acted on and recorded, and the run stops saying what remains;
  the next run (after the reset) continues with exactly those, since the others are no longer
  due. The workflow keeps the written records on its pull request's branch and starts the next
  run from them.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from charter.ecosystem import notify, records
from charter.ecosystem.fetch import BudgetSpent, Fetcher, ProjectError
from charter.ecosystem.review import Review, Step, evaluate, plan
from charter.errors import CharterError
from charter.model import Project, State


@dataclass
class Outcome:
    slug: str
    review: Review
    step: Step = field(default_factory=lambda: Step("pass"))
    notice: dict[str, Any] | None = None  # the open notice: the record's, or GitHub's
    actions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "step": self.step.kind, "deadline": self.step.deadline,
                "review": self.review.record(), "actions": self.actions}


@dataclass
class Run:
    """What a review run did, and what it left for the next one."""

    due: int
    outcomes: list[Outcome] = field(default_factory=list)  # read and evaluated
    recorded: list[str] = field(default_factory=list)  # acted on (and, applying, recorded)
    failed: list[str] = field(default_factory=list)  # "slug: why", GitHub refused to say
    remaining: list[str] = field(default_factory=list)  # not done; the next run continues
    stopped: str | None = None  # why the run stopped early

    @property
    def complete(self) -> bool:
        return not self.failed and not self.stopped


class Progress:
    """Progress of a long run: a tqdm bar on a terminal; elsewhere (CI logs) silent but for a
    line every ``every`` projects (runs shorter than that print nothing)."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None,
                 every: int = 100) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.label = label
        self.every = every
        self.done = 0
        tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.bar: Any = None
        if tty and total > 1:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit="project", file=self.stream,
                            dynamic_ncols=True)  # left on screen when done (tqdm's default)

    def step(self, label: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(label[:30], refresh=False)
            self.bar.update(1)
        elif self.every and self.total >= self.every and (
                self.done % self.every == 0 or self.done == self.total):
            print(f"{self.label}: {self.done}/{self.total} projects", file=self.stream,
                  flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _no_progress(total: int, label: str) -> Progress:
    """Silent, on a terminal too: no bar (a bar needs more than one project) and no lines (a
    line needs at least ``every`` projects)."""
    return Progress(0, label)


def review_all(root: Path, state: State, projects: list[Project], fetcher: Fetcher,
               desk: notify.Desk, today: dt.date, *, apply: bool,
               progress: Callable[[int, str], Progress] = _no_progress,
               max_short: float = 0.25) -> Run:
    """Review ``projects``: first read and evaluate them all, then act on each in turn.

    Reading everything first lets a safety limit look at the whole run before anything is
    written: when more than ``max_short`` of the projects (and more than three) would get a new
    notice or be retired, the answers are more likely wrong (a token without access, an outage)
    than the ecosystem, and nothing is written (CharterError). A project GitHub answers about
    with an error (FORBIDDEN, ...) is skipped and named in ``failed``; the run goes on. A spent
    budget stops the reading: what was read is acted on, the rest is ``remaining``. A failure
    while acting stops the run there; what was done is kept.
    """
    run = Run(due=len(projects))
    grace = int(state.policy.get("ecosystem.grace_days"))
    by_slug = {p.slug: p for p in projects}
    bar = progress(len(projects), "reading GitHub")
    try:
        for i, p in enumerate(projects):
            try:
                facts = fetcher.facts(p.repository)
            except ProjectError as exc:
                run.failed.append(f"{p.slug}: {exc}")
                bar.step(p.slug)
                continue
            except BudgetSpent as exc:
                run.stopped = str(exc)
                run.remaining = [q.slug for q in projects[i:]]
                break
            run.outcomes.append(Outcome(p.slug, evaluate(p, facts, state, today)))
            bar.step(p.slug)
    finally:
        bar.close()
    out = run.outcomes
    for o in out:
        p = by_slug[o.slug]
        o.notice = p.data.get("notice")
        if not o.notice:
            found = desk.open_notice(p.slug, grace)
            if found is not None:
                o.notice = {"issue": found.issue, "opened": found.opened,
                            "deadline": found.deadline}
                o.review.notes.append(f"notice #{found.issue} is open on GitHub since "
                                      f"{found.opened} (deadline {found.deadline}) though the "
                                      "record lacks it; its grace period stands")
        o.step = plan(p, o.review, today, grace, o.notice)
    drastic = sum(1 for o in out if o.step.kind in ("notify", "retire"))
    if not apply and drastic > max(3, max_short * len(out)):
        print(f"note: {drastic} of {len(out)} projects would be notified or retired; --apply "
              "will refuse that many unless --max-shortfall allows it", file=sys.stderr)
    if apply and drastic > max(3, max_short * len(out)):
        raise CharterError(
            f"{drastic} of {len(out)} reviewed projects would be notified or retired, more than "
            f"{max_short:.0%}: refusing to write in bulk. Check the token and GitHub's answers "
            "(run without --apply to see the plan); pass --max-shortfall 100 if this is right")
    bar = progress(len(out), "recording" if apply else "planning")
    try:
        for i, o in enumerate(out):
            try:
                act(root, by_slug[o.slug], o, desk, grace, apply=apply)
            except CharterError as exc:
                run.stopped = str(exc)
                run.remaining = [x.slug for x in out[i:]] + run.remaining
                break
            run.recorded.append(o.slug)
            bar.step(o.slug)
    finally:
        bar.close()
    return run


def summary(run: Run, today: dt.date, *, apply: bool) -> str:
    """The run in Markdown, for the records pull request and the job summary: what was done,
    what needs a person, and what remains for the next run."""
    read = len(run.outcomes)
    lines = [f"## Ecosystem review, {today}", ""]
    mode = "records written" if apply else "dry run, nothing written"
    lines.append(f"Reviewed {read} of {run.due} due project(s) ({len(run.recorded)} done; "
                 f"{mode}).")
    lines.append("")
    steps = [o for o in run.outcomes if o.step.kind != "pass"]
    unknown = [o for o in run.outcomes if "unknown" in o.review.results.values()
               and o.step.kind == "pass"]
    if steps:
        lines += ["| project | step | deadline | results |", "| --- | --- | --- | --- |"]
        for o in steps:
            results = ", ".join(f"{k} {v}" for k, v in o.review.results.items())
            lines.append(f"| {o.slug} | {o.step.kind} | {o.step.deadline or ''} | {results} |")
        lines.append("")
    passed = sum(1 for o in run.outcomes if o.step.kind == "pass")
    lines.append(f"{passed} project(s) meet every requirement on the evidence.")
    if unknown:
        lines += ["", "**Unknown, asked again at the next run** (never a pass):", ""]
        lines += [f"- {o.slug}: " + "; ".join(o.review.notes) for o in unknown]
    if run.failed:
        lines += ["", "**Not reviewed** (GitHub answered with an error; retried next run):", ""]
        lines += [f"- {line}" for line in run.failed]
    if run.stopped:
        lines += ["", f"**Stopped early**: {run.stopped}.", "",
                  f"{len(run.remaining)} project(s) remain: {', '.join(run.remaining)}. The next "
                  "run continues with them; what is recorded here is kept."]
    return "\n".join(lines) + "\n"


def act(root: Path, p: Project, o: Outcome, desk: notify.Desk, grace: int,
        *, apply: bool) -> None:
    """Carry out the step for one project on GitHub, then write its record (with ``apply``)."""
    data = dict(p.data)
    review, step = o.review, o.step
    if review.renamed_to:
        data["repository"] = review.renamed_to  # notices point at where the project lives now
    notice = o.notice or {}
    # a new notice (notify: plan found none open) starts its grace period with this review
    opened = str(notice.get("opened") or review.date)
    changes: dict[str, Any] = {}
    drop_notice = False
    if step.kind in ("notify", "remind"):
        deadline = str(step.deadline)
        body = notify.notice_body(data, review.reasons, review.date, deadline, grace, opened)
        done = desk.ensure(notify.REVIEW, p.slug, notify.notice_title(data), body,
                           notice.get("issue"))
        o.actions.append(done.action)
        if done.number is not None:
            changes["notice"] = {"issue": done.number, "opened": opened,
                                 "deadline": deadline, "reasons": review.reasons}
    elif step.kind == "resolve":
        done = desk.close(notice.get("issue"), p.slug, notify.resolved_comment(review.date),
                          notify.comment_marker(p.slug, "resolved", opened))
        o.actions.append(done.action)
        drop_notice = True
    elif step.kind == "retire":
        reason = ("ECO-PERIODIC: still short of the requirements after the deadline of "
                  f"{step.deadline}: " + "; ".join(review.reasons))[:2000]
        off = notify.offboard(desk, data, reason, review.date)
        o.actions.append(f"retire; offboarding notice: {off.action}")
        closed = desk.close(notice.get("issue"), p.slug,
                            notify.retired_comment(str(step.deadline), off.number),
                            notify.comment_marker(p.slug, "retired", opened))
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
