"""``charter export maintainers-rst | landscape``: the published pages, generated from the data.

To standard output, or ``--out FILE`` (written atomically); ``--check`` writes nothing and fails
with a unified diff when ``--out`` (or the layout's ``output:``) differs, for CI. A landscape
holds more than charter does (member companies, the foundation's own projects): ``--into FILE``
keeps all of that and regenerates only the ecosystem categories.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from charter.commands._common import add_repo, load_checked, repo_root
from charter.errors import CharterError, UsageError
from charter.findings import Severity, normalise
from charter.report import emit

BLOCKING = ("YAML", "SCHEMA", "INT-READ", "INT-MISSING-FILE")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="generate a published page: maintainers-rst or landscape",
                       description="Generate a page the organisation publishes from the "
                       "governance data, like CODEOWNERS.")
    pages = p.add_subparsers(dest="page", metavar="PAGE", parser_class=type(p))
    rst = pages.add_parser("maintainers-rst", help="the maintainers page (reStructuredText)")
    land = pages.add_parser("landscape", help="the ecosystem landscape (cncf/landscape2)")
    land.add_argument("--into", metavar="FILE",
                      help="an existing landscape: its other categories (member companies, "
                      "foundation projects) are kept as they are")
    for q in (rst, land):
        q.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
        q.add_argument("--check", action="store_true",
                       help="write nothing; fail with a diff when --out (or the layout's "
                       "output:) is not what the data gives")
        add_repo(q)
        q.set_defaults(func=run)
    p.set_defaults(func=lambda args: _no_page(p))


def _no_page(p: argparse.ArgumentParser) -> int:
    raise UsageError(f"{p.prog}: choose a page (maintainers-rst or landscape); see "
                     f"{p.prog} --help")


def _read(path: Path, what: str) -> str | None:
    from charter.importers import source

    if not path.exists():
        return None
    return source.read(path, what).text


def run(args: argparse.Namespace) -> int:
    from charter.exporters import check, layout
    from charter.fsutil import atomic_write
    from charter.tree import FsTree

    root = repo_root(args)
    data, problems = layout.read(FsTree(root), args.page)
    target = args.out or (data or {}).get("output")
    out_path = None
    if target:
        out_path = Path(target) if args.out else root / target
    if args.check and out_path is None:
        raise UsageError("--check compares with a file: give --out FILE (or set output: in "
                         f"{layout.PAGES[args.page][0]})")
    state, findings = load_checked(root)
    blocking = [f for f in [*findings, *problems] if f.rule.startswith(BLOCKING)]
    if blocking:
        emit(normalise(blocking), "text", sys.stderr)
        raise CharterError(f"fix the errors above first: {args.page} is generated from valid "
                           "data only")
    base: str | None = None
    if args.page == "landscape":
        into = getattr(args, "into", None)
        if into:
            base = _read(Path(into), "landscape")
            if base is None:
                raise CharterError(f"--into {into}: no such file")
    text, notes = check.render(root, state, args.page, data, base)
    if notes:
        emit(normalise(notes), "text", sys.stderr)
    if args.check:
        assert out_path is not None
        current = _read(out_path, args.page) or ""
        if current == text:
            print(f"{out_path} is up to date")
            return 0
        sys.stdout.writelines(difflib.unified_diff(
            current.splitlines(keepends=True), text.splitlines(keepends=True),
            fromfile=f"a/{out_path}", tofile=f"b/{out_path} (from the data)"))
        into = f" --into {args.into}" if getattr(args, "into", None) else ""
        print(f"{out_path} is out of date; run: charter export {args.page}{into} --out "
              f"{out_path}", file=sys.stderr)
        return 1
    if out_path is None:
        sys.stdout.write(text)
        return 0
    try:
        atomic_write(out_path, text.encode("utf-8"))
    except OSError as exc:
        raise CharterError(f"--out {out_path}: cannot write ({exc.strerror or exc}); nothing "
                           "written") from None
    print(f"wrote {out_path}")
    return 1 if any(f.severity is Severity.ERROR for f in notes) else 0
