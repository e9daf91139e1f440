"""``charter validate``: schema and rule checks on the whole repository."""

from __future__ import annotations

import argparse
from pathlib import Path

from charter.commands._common import add_output, add_repo, load_checked, repo_root, select
from charter.errors import UsageError
from charter.report import emit, exit_code


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "validate",
        help="check every governance file against its schema and the rules",
        description="Validate the whole repository. PATHs narrow the report, never the "
        "cross-file checks.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="report only findings in these files or folders"
    )
    add_repo(p)
    add_output(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    missing = [p for p in args.paths if not Path(p).exists() and not (root / p).exists()]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or folder (a PATH is relative to the "
                         "current directory or to --repo)")
    wanted = [_rel(root, p) for p in args.paths]
    outside = [p for p, w in zip(args.paths, wanted, strict=True) if w is None]
    if outside:
        raise UsageError(f"{outside[0]}: not in the governance repository ({root.resolve()})")
    state, findings = load_checked(root)
    findings = select(findings, args, state)
    if args.paths:
        findings = [f for f in findings if any(_under(f.path, w) for w in wanted if w is not None)]
    emit(findings, args.format)
    return exit_code(findings)


def _rel(root: Path, p: str) -> str | None:
    """``p`` (relative to the current directory, or else to the repository) as a
    repository-relative path; None when it is outside the repository."""
    top = root.resolve()
    for candidate in (Path(p), root / p):
        if not candidate.exists():
            continue
        try:
            rel = candidate.resolve().relative_to(top).as_posix()
        except ValueError:
            continue
        return "" if rel == "." else rel
    return None


def _under(path: str, wanted: str) -> bool:
    return not wanted or path == wanted or path.startswith(wanted.rstrip("/") + "/")
