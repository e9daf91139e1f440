"""``charter codeowners [--check]``: write, or verify, the generated CODEOWNERS files."""

from __future__ import annotations

import argparse
import sys

from charter import codeowners
from charter.commands._common import add_repo, load_checked, repo_root
from charter.errors import CharterError
from charter.findings import Severity
from charter.report import emit

# Problems that leave a file out of the state or name someone with no member file: CODEOWNERS
# written from such a state would silently drop a module's owners.
BLOCKING = ("YAML", "SCHEMA", "INT-UNKNOWN", "INT-READ", "INT-MISSING-FILE")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("codeowners", help="write (or --check) the generated CODEOWNERS files")
    p.add_argument("--check", action="store_true", help="fail with a diff if a file is stale")
    add_repo(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    state, findings = load_checked(root)
    errors = [
        f
        for f in findings
        if f.severity is Severity.ERROR and f.rule.startswith(BLOCKING)
    ]
    if errors:
        emit(sorted(set(errors)), "text", sys.stderr)
        raise CharterError(
            "fix the errors above first: CODEOWNERS is generated from valid data only"
        )
    if args.check:
        diffs = codeowners.check(root, state)
        if diffs:
            for d in diffs:
                sys.stdout.write(d)
            print("CODEOWNERS is out of date; run: charter codeowners", file=sys.stderr)
            return 1
        print("CODEOWNERS files are up to date")
        return 0
    changed = codeowners.write(root, state)
    for rel in changed:
        print(f"wrote {rel}")
    if not changed:
        print("CODEOWNERS files already up to date")
    return 0
