"""``charter roster build --out DIR``: the published roster (static site, its governance history,
and the JSON API, versions 1 and 2)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from charter.commands._common import add_repo, repo_root
from charter.errors import CharterError, UsageError
from charter.findings import normalise
from charter.load import load
from charter.report import emit
from charter.tree import FsTree

# Problems that leave a file out of the state: publishing without it would silently drop people
# or modules from the roster, so the build refuses instead.
BLOCKING = ("YAML", "SCHEMA", "INT-READ", "INT-MISSING-FILE")
DEFAULT_LIMIT = 1000


def _count(text: str) -> int:
    """--history: a whole number of commits, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of commits (0 or more)")
    return int(text)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("roster", help="build the published roster (static site and JSON API)")
    cmds = p.add_subparsers(dest="roster_command", metavar="ACTION")
    b = cmds.add_parser(
        "build",
        help="render the roster site and its JSON API into a directory",
        description="Render the static roster site, the governance history (changes.html and "
        "an Atom feed, from git) and the versioned JSON API (v1/, v2/ with its JSON Schemas) "
        "from the governance data. The same data and history always give the same bytes. The "
        "site is built beside --out and swapped in, so a failed build never leaves a "
        "half-written site.",
    )
    b.add_argument("--out", required=True, metavar="DIR",
                   help="where to write the site (created, or replaced when it holds a "
                   "previous build)")
    b.add_argument("--history", type=_count, default=DEFAULT_LIMIT, metavar="N",
                   help="read the governance history from the last N commits of the git "
                   f"history (default {DEFAULT_LIMIT}; 0 leaves the changes page and feed out)")
    add_repo(b)
    b.set_defaults(func=run)
    p.set_defaults(func=_usage(p))


def _usage(p: argparse.ArgumentParser):  # type: ignore[no-untyped-def]
    def show(_args: argparse.Namespace) -> int:
        raise UsageError(f"{p.prog}: choose an action (build); see {p.prog} --help")

    return show


def run(args: argparse.Namespace) -> int:
    from charter import roster

    root = repo_root(args)
    tree = FsTree(root)
    state, findings = load(tree)
    blocking = [f for f in findings if f.rule.startswith(BLOCKING)]
    if blocking:
        emit(normalise(blocking), "text", sys.stderr)
        raise CharterError("fix the errors above first: the roster is built from valid data only")
    if not args.out.strip():
        raise UsageError("--out: name the directory to write the site to, e.g. --out _site")
    from charter.roster.history import read_history, revision

    history = read_history(root, args.history) if args.history else None
    files = roster.build_files(state, roster.read_results(tree, state), history, revision(root))
    out = Path(args.out)
    if out.resolve() == root.resolve() or root.resolve().is_relative_to(out.resolve()):
        raise CharterError(f"--out {args.out} would replace the governance repository itself")
    for folder in ("members", "modules", "ecosystem", "elections", "schemas"):
        if out.resolve().is_relative_to((root / folder).resolve()):
            raise CharterError(f"--out {args.out} is inside {folder}/, which holds governance "
                               "data; build the site elsewhere, e.g. --out _site")
    try:
        roster.write_site(files, out)
    except OSError as exc:
        raise CharterError(f"--out {args.out}: cannot write the site ({exc.strerror or exc}); "
                           "nothing was replaced; choose a directory you can write to") from None
    pages = sum(1 for p in files if p.endswith(".html"))
    people, modules = len(state.members), len(state.modules)
    who = f"{people} {'person' if people == 1 else 'people'}"
    what = f"{modules} module{'' if modules == 1 else 's'}"
    told = "" if history is None else (
        f"; history of {history.examined} commit{'s' if history.examined != 1 else ''}, "
        f"{len(history.commits)} with governance changes")
    print(f"wrote {out}: {pages} pages and the JSON API v1 and v2 ({who}, {what}{told})")
    return 0
