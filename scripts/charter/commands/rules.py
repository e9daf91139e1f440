"""``charter rules [ID ...] [--write | --check]``: the rule catalogue.

Without IDs, every rule ID a report can print, with its title and rule; with IDs, each in full
(source, parameters with their defaults and this repository's values, where it is enforced).
``--write`` regenerates ``docs/rules.md`` and the "who approves what" table of CONTRIBUTING.md;
``--check`` fails with a diff when they are out of date.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import Any

from charter.commands._common import add_repo, repo_root
from charter.errors import CharterError, UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", help="every rule ID, or one in full; regenerate docs/rules.md",
                       description="The rules charter enforces: every ID a report can print. "
                       "Give IDs (or families such as PC-) to read them in full.")
    p.add_argument("ids", nargs="*", metavar="ID",
                   help="rule IDs to show in full, or a family prefix such as GOV-")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text, or a JSON array of catalogue entries")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--write", action="store_true",
                      help="regenerate docs/rules.md and CONTRIBUTING.md's approvals table")
    what.add_argument("--check", action="store_true",
                      help="exit 1, with a diff, when docs/rules.md or the table is out of date")
    add_repo(p)
    p.set_defaults(func=run)


def _select(ids: list[str]) -> list[Any]:
    from charter.rules.catalogue import ENTRIES
    from charter.rules.catalogue import ids as known
    from charter.suggest import did_you_mean

    if not ids:
        return list(ENTRIES)
    out = []
    for raw in ids:
        rid = raw.strip().upper()
        picked = [e for e in ENTRIES if e.id == rid or (rid.endswith("-") and
                                                         e.id.startswith(rid))]
        if not picked:
            raise UsageError(f"unknown rule ID {raw!r}{did_you_mean(rid, known())}; charter "
                             "rules lists them all")
        out += [e for e in picked if e not in out]
    return out


def outputs(root: Path, existing: bool = False) -> dict[str, str]:
    """What ``--write`` writes: path -> content (CONTRIBUTING.md only when it has the
    markers; with ``existing``, only the files that are there, so a repository without them
    costs nothing to check)."""
    from charter.rules import reference

    out = {}
    if not existing or (root / reference.RULES_DOC).is_file():
        out[reference.RULES_DOC] = reference.markdown()
    path = root / reference.CONTRIBUTING
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        new = reference.contributing(text)
        if new is not None:
            out[reference.CONTRIBUTING] = new
    return out


def _current(root: Path | None) -> dict[str, Any] | None:
    if root is None:
        return None
    from charter.load import load
    from charter.tree import FsTree

    state, _ = load(FsTree(root))
    return {f"{section}.{k}": v for section, values in state.policy.values.items()
            for k, v in values.items()}


def run(args: argparse.Namespace) -> int:
    from charter.fsutil import atomic_write
    from charter.rules import reference
    from charter.rules.catalogue import DOCUMENTS

    if args.write or args.check:
        root = repo_root(args)
        wanted = outputs(root)
        stale = []
        for rel, text in wanted.items():
            path = root / rel
            old = path.read_text(encoding="utf-8") if path.is_file() else None
            if old == text:
                continue
            if args.write:
                atomic_write(path, text.encode("utf-8"))
                print(f"wrote {rel}")
            else:
                stale.append(rel)
                sys.stdout.writelines(difflib.unified_diff(
                    (old or "").splitlines(keepends=True), text.splitlines(keepends=True),
                    f"a/{rel}", f"b/{rel}"))
        if stale:
            raise CharterError(f"{', '.join(stale)} out of date; run: charter rules --write")
        return 0
    try:
        root: Path | None = repo_root(args) if args.ids else None
    except CharterError:
        root = None  # outside a repository: the defaults only
    entries = _select(args.ids)
    if args.format == "json":
        rows = [{"rule": e.id, "title": e.title, "summary": e.rule, "family": e.family,
                 "sources": [{**asdict(s), "title": DOCUMENTS[s.document].title}
                             for s in e.sources],
                 "parameters": [asdict(p) for p in reference.params(e)],
                 "functions": [n for n, _ in reference.functions(e)],
                 "gate": list(e.gate), "checks": list(e.checks), "commands": list(e.commands),
                 "notes": list(e.notes)} for e in entries]
        json.dump(rows, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        return 0
    if args.ids:
        current = _current(root)
        blocks = ["\n".join(reference.describe(e, current)) for e in entries]
        print("\n\n".join(blocks))
        return 0
    width = max(len(e.id) for e in entries)
    cols = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    for e in entries:
        text = f"{e.id:<{width}}  {e.title}: {e.rule}"
        print(textwrap.fill(text, width=max(cols, 60), subsequent_indent=" " * (width + 2)))
    return 0
