"""``charter diff BASE HEAD``: what a change does to the governance, as typed events.

Both revisions are read from git objects; edits that change only layout or comments produce no
events.
"""

from __future__ import annotations

import argparse
import json
import sys

from charter.commands._common import add_repo, git_dir
from charter.findings import Finding, Severity
from charter.gate import events as _events
from charter.gate import source
from charter.gate.render import clean
from charter.report import FORMATS
from charter.report import emit as emit_findings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("diff", help="governance events between two git revisions",
                       description="List what changes between BASE and HEAD as governance "
                       "events (member added, maintainer moved to emeritus, policy changed, ...).")
    p.add_argument("base", metavar="BASE", help="the earlier revision (branch, tag or commit)")
    p.add_argument("head", metavar="HEAD", help="the later revision")
    add_repo(p)
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text lines, a JSON array, or GitHub notice annotations")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = git_dir(args)
    trees = source.read(root, args.base, args.head, diff_from_merge_base=False)
    evs = _events.diff(trees.base, trees.head, trees.changes)
    errors = [f for f in trees.head_findings if f.severity is Severity.ERROR]
    out = sys.stdout
    if args.format == "json":
        json.dump([e.as_dict() | {"line": _line(trees, e)} for e in evs], out, indent=2,
                  ensure_ascii=True, default=str)
        out.write("\n")
    elif args.format == "github":
        emit_findings([Finding(e.path, _line(trees, e), 0, e.kind, e.describe(), Severity.NOTICE)
                       for e in evs], "github", out)
    else:
        for e in evs:
            line = _line(trees, e)
            where = f"{e.path}:{line}" if line else e.path
            out.write(clean(f"{where}: {e.kind}: {e.describe()}") + "\n")
        if not evs:
            out.write("no governance changes\n")
    if errors:
        emit_findings(sorted(set(errors)), "text", sys.stderr)
        print(f"charter diff: {args.head} has data errors; files that fail to load are left out "
              "of the comparison", file=sys.stderr)
        return 1
    return 0


def _line(trees: source.Trees, e: _events.Event) -> int:
    state = trees.head if e.side == "head" else trees.base
    return state.at(e.path, *e.where)[0] if e.path in state.files else 0
