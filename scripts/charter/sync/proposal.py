"""The sweep's proposal: the emeritus moves as file edits, the pull request's description with
the evidence, and the text report (GOV-EMERITUS)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from charter.sync.sweep import Verdict


def reason(v: Verdict) -> str:
    last = f"last found: {v.last.kind} on {v.last.when}" if v.last else "none found"
    return (f"no activity in the module for over {v.months} months ({last}; charter sweep "
            "inactive)")


def edits(verdicts: list[Verdict], today: dt.date, read: Any
          ) -> dict[str, bytes]:
    """The module files with each inactive maintainer moved to emeritus (``read(path)`` gives a
    file's current bytes)."""
    from charter import emeritus, roundtrip

    out: dict[str, bytes] = {}
    by_file: dict[str, list[Verdict]] = {}
    for v in verdicts:
        if v.status == "inactive":
            by_file.setdefault(v.file, []).append(v)
    for path, vs in sorted(by_file.items()):
        doc = roundtrip.Document(read(path), path)
        for v in vs:
            logins = [str(x).lower() for x in doc.data["maintainers"]]
            if v.login.lower() in logins:
                emeritus.move(doc.data, logins.index(v.login.lower()), today.isoformat(),
                              reason(v))
        out[path] = doc.dumps()
    return out


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def body(verdicts: list[Verdict], today: dt.date) -> str:
    """The pull request's description: the evidence for each proposed move."""
    inactive = [v for v in verdicts if v.status == "inactive"]
    lines = [
        "<!-- charter:sweep-inactive -->",
        f"The inactivity sweep of {today} (`charter sweep inactive`, GOV-EMERITUS) found "
        f"{len(inactive)} module maintainer(s) with no activity in their module for longer than "
        "the module's inactive period, and proposes moving them to emeritus (kept, never "
        "deleted; they can be reinstated with `charter module add-maintainer --reinstate`).",
        "",
        "The core maintainers decide, as for any removal. A maintainer who is still active in a "
        "way charter cannot see (design work, meetings, another repository) should say so here; "
        "drop their move from this pull request before merging.",
        "",
        "| module | maintainer | inactive after | last activity found | where | when |",
        "|---|---|---|---|---|---|",
    ]
    for v in inactive:
        if v.last:
            link = f"[{v.last.kind}]({v.last.url})" if v.last.url else v.last.kind
            lines.append(f"| `{v.module}` | @{v.login} | {v.months} months | {link} | "
                         f"{_md(v.last.where)} | {v.last.when} |")
        else:
            lines.append(f"| `{v.module}` | @{v.login} | {v.months} months | none found | | |")
    lines += [
        "",
        "What was searched, per maintainer and module: commits authored on the default branch "
        "(for a paths module, touching its paths), pull requests and issues opened, pull "
        "requests reviewed and comments (for a paths module, only pull requests that change its "
        "paths), and the `last_active` date of the member file.",
    ]
    skipped = [v for v in verdicts if v.status in ("unknown", "recent")]
    if skipped:
        lines += ["", "<details><summary>Not proposed</summary>", ""]
        lines += [f"- `{v.module}` @{v.login}: {_md(v.note)}" for v in skipped]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def text(verdicts: list[Verdict]) -> str:
    out = []
    for v in verdicts:
        if v.status == "active":
            continue
        last = v.last.describe() if v.last else "no activity found"
        extra = f"; {v.note}" if v.note else ""
        out.append(f"{v.file}: GOV-EMERITUS {v.login} ({v.status}, inactive after {v.months} "
                   f"months): {last}{extra}")
    return "\n".join(out) + ("\n" if out else "")
