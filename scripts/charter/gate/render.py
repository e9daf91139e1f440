"""The gate's report: text for a terminal or log, Markdown for the job summary, JSON for
machines, and workflow-command annotations for the files a requirement is about."""

from __future__ import annotations

import json
from typing import Any, TextIO

from charter import report as _report
from charter.findings import Finding, Severity
from charter.gate.evaluate import GroupResult, Outcome, Report
from charter.report import use_color

_CONTROL = {i: f"\\x{i:02x}" for i in (*range(0x20), 0x7F)}


def clean(s: str) -> str:
    """One printable line: paths come from the pull request, so a newline or escape in a file
    name must not start a workflow command or move the cursor; undecodable bytes are shown."""
    return s.translate(_CONTROL).encode("utf-8", "backslashreplace").decode("utf-8")


def _names(xs: list[str]) -> str:
    return ", ".join(xs) if xs else "nobody yet"


def _still(g: GroupResult) -> str | None:
    if g.missing == 0:
        return None
    if len(g.candidates) < g.missing:
        return (f"{g.missing} more, but only {len(g.candidates)} can still approve "
                f"({_names(g.candidates)}): this cannot pass as the base branch stands")
    if g.group.consent:
        return f"{_names(g.candidates)} (their own approval)"
    return f"{g.missing} more of {_names(g.candidates)}"


def _loc(o: Outcome) -> str:
    p = o.requirement.event.path
    return f"{p}:{o.line}:{o.col}" if o.line else p


def outcome_lines(o: Outcome) -> list[str]:
    """The detail lines of one outcome, shared by text and Markdown."""
    out = []
    for g in o.groups:
        out.append(f"needs {g.group.how}")
        out.append(f"approved by: {_names(g.approved)}")
        still = _still(g)
        if still:
            out.append(f"still needed: {still}")
        for b in g.blocked:
            out.append(f"blocked: {b} requested changes; it stands until {b} approves the head "
                       "commit or the review is dismissed")
    for who, why in o.not_counted:
        if o.met and why.startswith("not one of"):
            continue  # irrelevant once the requirement holds
        out.append(f"not counted: {who}: {why}")
    for p in o.requirement.problems:
        out.append(f"to do: {p}")
    return out


def text(report: Report, out: TextIO) -> None:
    color = use_color(out)

    def mark(ok: bool) -> str:
        word = "ok  " if ok else "FAIL"
        if color:
            return f"\x1b[1;{32 if ok else 31}m{word}\x1b[0m"
        return word

    who = f", author {report.author}" if report.author else ""
    out.write(clean(f"charter pr-check: base {report.base_label} -> head {report.head_label}{who}")
              + "\n")
    if not report.outcomes and not report.findings:
        out.write("no changes: nothing to approve\n")
    for o in report.outcomes:
        r = o.requirement
        out.write(f"{mark(o.met)} {r.rule} {clean(_loc(o))}: {clean(r.summary)}\n")
        for line in outcome_lines(o):
            out.write(f"       {clean(line)}\n")
    for f in report.findings:
        out.write(f"{mark(False)} {f.rule} {clean(f.path)}:{f.line}:{f.col}: {clean(f.message)}\n")
    for i in report.ignored:
        out.write(f"       ignored review by {clean(i.login)}: {clean(i.reason)}\n")
    failed = sum(1 for o in report.outcomes if not o.met)
    errs = sum(1 for f in report.findings if f.severity is Severity.ERROR)
    if report.ok:
        out.write(f"all {len(report.outcomes)} requirement(s) met\n")
    else:
        out.write(f"{failed} of {len(report.outcomes)} requirement(s) not met"
                  + (f", {errs} data error(s) in the head" if errs else "") + "\n")


def _code(s: str, cell: bool = False) -> str:
    """``s`` inside a `code span`, shown as written (Markdown reads no HTML there): only a
    backtick would end the span, and in a table ``cell`` a pipe the cell (a new line is already
    written out by ``clean``)."""
    s = clean(s).replace("`", "'")
    return s.replace("|", "\\|") if cell else s


def _md(s: str) -> str:
    return _code(s, cell=True).replace("<", "&lt;").replace(">", "&gt;")


def markdown(report: Report) -> str:
    """The job summary: one table row per requirement, then the details of each."""
    head = "passed" if report.ok else "not yet approved"
    lines = [f"## Governance approvals: {head}", ""]
    lines.append(f"Base `{_code(report.base_label)}`, head `{report.head_sha[:12]}`"
                 + (f", author @{_md(report.author.lstrip('@'))}" if report.author else "") + ".")
    lines.append("Rules, thresholds and the people who decide are read from the base branch.")
    lines.append("")
    if report.outcomes:
        lines += ["| | rule | change | approved by | still needed |", "|---|---|---|---|---|"]
        for o in report.outcomes:
            r = o.requirement
            approved = "; ".join(_names(g.approved) for g in o.groups) or "-"
            still = "; ".join(s for g in o.groups if (s := _still(g))) or (
                "see below" if r.problems else "-")
            lines.append(f"| {'✅' if o.met else '❌'} | `{r.rule}` | {_md(r.summary)} "
                         f"(`{_code(_loc(o), cell=True)}`) | {_md(approved)} | {_md(still)} |")
        lines.append("")
        for o in report.outcomes:
            detail = [ln for ln in outcome_lines(o) if not ln.startswith(("approved by",))]
            if o.met and not o.not_counted:
                continue
            lines.append(f"**{o.requirement.rule}** {_md(o.requirement.summary)}")
            lines += [f"- {_md(ln)}" for ln in detail]
            lines.append("")
    else:
        lines += ["No changes: nothing to approve.", ""]
    if report.findings:
        lines.append("**Data errors in the head** (the change must leave the data valid)")
        lines += [f"- `{_code(f.path)}:{f.line}` {f.rule}: {_md(f.message)}"
                  for f in report.findings]
        lines.append("")
    if report.ignored:
        lines.append("Ignored reviews: " + "; ".join(f"{_md(i.login)} ({_md(i.reason)})"
                                                      for i in report.ignored))
    return "\n".join(lines) + "\n"


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "base": report.base_label,
        "head": report.head_label,
        "head_sha": report.head_sha,
        "author": report.author,
        "events": [e.as_dict() for e in report.events],
        "requirements": [
            {
                "rule": o.requirement.rule,
                "met": o.met,
                "summary": o.requirement.summary,
                "event": o.requirement.event.as_dict(),
                "path": o.requirement.event.path,
                "line": o.line,
                "groups": [
                    {"label": g.group.label, "how": g.group.how, "needed": g.group.needed,
                     "eligible": list(g.group.members), "approved": g.approved,
                     "still_needed": g.missing, "candidates": g.candidates,
                     "blocked_by": g.blocked, "objectors": list(g.group.objectors),
                     "of": g.group.size}
                    for g in o.groups
                ],
                "excluded": o.requirement.excluded,
                "not_counted": [{"login": w, "reason": r} for w, r in o.not_counted],
                "problems": o.requirement.problems,
            }
            for o in report.outcomes
        ],
        "findings": [f.as_dict() for f in report.findings],
        "ignored_reviews": [{"login": i.login, "reason": i.reason} for i in report.ignored],
        "reviews": {k: {"login": v.login, "state": v.state, "member": v.member,
                        "commit_id": v.commit_id} for k, v in sorted(report.verdicts.items())},
    }


def as_json(report: Report, out: TextIO) -> None:
    json.dump(as_dict(report), out, indent=2, ensure_ascii=True, default=str)
    out.write("\n")


def annotations(report: Report) -> list[Finding]:
    """One finding per unmet requirement, located at the change, plus the head's data errors."""
    out = [Finding(clean(f.path), f.line, f.col, f.rule, clean(f.message), f.severity)
           for f in report.findings]
    for o in report.outcomes:
        if o.met:
            continue
        detail = "; ".join(ln for ln in outcome_lines(o) if not ln.startswith("approved by"))
        out.append(Finding(clean(o.requirement.event.path), o.line, o.col, o.requirement.rule,
                           clean(f"{o.requirement.summary}: {detail}")))
    return out


def github(report: Report, out: TextIO) -> None:
    """Workflow-command annotations, then the text report for the log."""
    _report.github(annotations(report), out)
    text(report, out)


def emit(report: Report, fmt: str, out: TextIO) -> None:
    {"text": text, "json": as_json, "github": github}[fmt](report, out)
