"""``charter import maintainers-rst FILE`` and ``charter import landscape FILE``.

An import reads a page the organisation publishes by hand and shows, as a diff against the
repository, what it would create, change or delete; every normalisation it made on the way is a
finding on the page's line. Nothing is written without ``--apply``, and then only when the
repository stays valid. Importing the same page again changes nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from charter.commands._common import add_repo, past_date, repo_root
from charter.errors import CharterError, UsageError
from charter.findings import normalise
from charter.importers import plan as plan_mod
from charter.importers import source
from charter.load import load
from charter.report import emit
from charter.tree import FsTree

_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/[A-Za-z0-9._-]{1,100}$")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="import a published maintainers page or landscape",
                       description="Read governance an organisation publishes by hand into the "
                       "repository. Shows the change first; --apply writes it.")
    kinds = p.add_subparsers(dest="what", metavar="FORMAT", parser_class=type(p))
    rst = kinds.add_parser(
        "maintainers-rst", help="the maintainers page (reStructuredText)",
        description="Import the maintainers page: people into members/, module-level groups "
        "into modules of kind paths (paths left to fill), library-level groups into modules of "
        "kind repository, the lead and core maintainers into core.yaml, the page's own text "
        "and order into pages/maintainers-rst.yaml.")
    rst.add_argument("--repository", action="append", default=[], metavar="GROUP=OWNER/NAME",
                     help="the repositories of a library-level group, e.g. 'TorchVision="
                     "pytorch/vision' (several: comma-separated; repeatable)")
    land = kinds.add_parser(
        "landscape", help="the ecosystem landscape (cncf/landscape2 landscape.yml)",
        description="Import the landscape's ecosystem items into ecosystem/ records "
        "(archived -> retired, the rest -> active); member companies and the foundation's own "
        "projects are skipped.")
    land.add_argument("--repository", action="append", default=[], metavar="ITEM=OWNER/NAME",
                      help="the repository of an item whose repo_url is an organisation, e.g. "
                      "'MONAI=Project-MONAI/MONAI' (repeatable)")
    land.add_argument("--members-category", metavar="NAME",
                      help="the category that lists member companies (default: any category "
                      "whose name says 'member')")
    for q in (rst, land):
        q.add_argument("file", metavar="FILE", help="the file to import")
        q.add_argument("--apply", action="store_true",
                       help="write the change (default: show it and write nothing)")
        q.add_argument("--as-of", metavar="DATE",
                       help="the day the file describes (default: today); recorded where the "
                       "file gives no date (emeritus since, retired date)")
        q.add_argument("--prune", action="store_true",
                       help="delete what the file no longer lists (imported modules or records)")
        q.add_argument("--output", metavar="PATH",
                       help="keep the published page in the repository at PATH (regenerated "
                       "on every import and checked by charter check)")
        q.add_argument("--diff", action="store_true", help="show each file's unified diff")
        q.add_argument("--format", choices=("text", "json"), default="text",
                       help="the plan and its findings as text, or as one JSON document")
        add_repo(q)
        q.set_defaults(func=run)
    p.set_defaults(func=lambda args: _no_format(p))


def _no_format(p: argparse.ArgumentParser) -> int:
    raise UsageError(f"{p.prog}: choose what to import (maintainers-rst or landscape); see "
                     f"{p.prog} --help")


def _repositories(values: list[str], many: bool) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for text in values:
        name, sep, repos = text.rpartition("=")
        items = [r.strip() for r in repos.split(",") if r.strip()]
        if not sep or not name.strip() or not items or (len(items) > 1 and not many):
            raise UsageError(f"--repository {text!r}: write NAME=OWNER/REPO"
                             + (" (several: comma-separated)" if many else ""))
        for r in items:
            if not _REPO.match(r):
                raise UsageError(f"--repository {text!r}: {r!r} is not OWNER/REPO")
        out[" ".join(name.lower().split())] = items
    return out


def _output(text: str | None) -> str | None:
    if text is None:
        return None
    rel = text.strip().removeprefix("./")
    if not rel or rel.startswith("/") or ".." in rel.split("/") or "\\" in rel:
        raise UsageError(f"--output {text!r}: give a path inside the repository, e.g. "
                         "generated/pages/persons_of_interest.rst")
    if rel.split("/", 1)[0] in ("members", "modules", "ecosystem", "elections", "pages") \
            or ("/" not in rel and rel.endswith(".yaml")):
        raise UsageError(f"--output {text!r}: governance data lives there; choose another "
                         "path, e.g. generated/pages/...")
    return rel


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    as_of = past_date(args.as_of, "--as-of", "the day the file describes").isoformat()
    output = _output(args.output)
    what = "maintainers page" if args.what == "maintainers-rst" else "landscape"
    src = source.read(args.file, what)
    state, load_findings = load(FsTree(root))
    broken = [f for f in load_findings if f.rule.startswith(("YAML", "SCHEMA", "INT-READ"))]
    if broken:
        emit(normalise(broken), "text", sys.stderr)
        raise CharterError("fix the errors above first: an import is a diff against valid data")
    if args.what == "maintainers-rst":
        from charter.importers import maintainers, rst

        page = rst.parse(src)
        opts = maintainers.Options(as_of, _repositories(args.repository, many=True),
                                   args.prune, output)
        plan = maintainers.build(page, state, root, opts)
    else:
        from charter.importers import landscape

        ls = landscape.parse(src)
        repos = {k: v[0] for k, v in _repositories(args.repository, many=False).items()}
        lopts = landscape.Options(as_of, repos, args.members_category, args.prune, output)
        plan = landscape.build(ls, src, state, root, lopts)
    if not plan.blocked:
        _generated_pages(root, plan, src.text if args.what == "landscape" else None)
    return _report(root, plan, args)


def _generated_pages(root: Path, plan: plan_mod.Plan, landscape_text: str | None) -> None:
    """The pages the repository keeps (``output:`` of a layout), as the import leaves the data."""
    from charter.codeowners import NOT_A_FILE, read_current
    from charter.exporters import check, layout
    from charter.roundtrip import OverlayTree

    writes = {c.path: c.after for c in plan.changes if c.after is not None}
    deletions = frozenset(c.path for c in plan.changes if c.after is None)
    tree = OverlayTree(FsTree(root), writes, deletions)  # type: ignore[arg-type]
    state, _findings = load(tree)
    for page in layout.PAGES:
        data, problems = layout.read(tree, page)
        if data is None or not data.get("output") or problems:
            continue
        rel = data["output"]
        current = read_current(root, rel)
        base = current
        if page == "landscape" and (current is None or current == NOT_A_FILE):
            base = landscape_text
        text, findings = check.render(root, state, page, data, base)
        plan.findings += findings
        if text != current:
            before = None if current in (None, NOT_A_FILE) else current.encode()  # type: ignore[union-attr]
            how = f"generated: {check.fix_command(page, rel)}"
            plan.add(plan_mod.FileChange(rel, "create" if before is None else "update", before,
                                         text.encode(), [how]))


def _report(root: Path, plan: plan_mod.Plan, args: argparse.Namespace) -> int:
    findings = normalise(plan.findings)
    written: list[str] = []
    if args.apply and plan.changes and not plan.blocked:
        written = plan_mod.apply(root, plan)
    if args.format == "json":
        doc: dict[str, Any] = {
            "findings": [f.as_dict() for f in findings],
            "changes": [c.as_dict() for c in plan.changes],
            "summary": plan.summary,
            "applied": bool(written),
        }
        if args.diff:
            doc["diffs"] = {c.path: c.diff() for c in plan.changes}
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 1 if plan.blocked else 0
    emit(findings, "text")
    for line in plan.summary:
        print(line)
    for c in plan.changes:
        print(f"{c.action} {c.path}: {'; '.join(c.details)}")
        if args.diff:
            sys.stdout.write(c.diff())
    counts = {a: sum(1 for c in plan.changes if c.action == a)
              for a in ("create", "update", "delete")}
    what = ", ".join(f"{n} to {a}" for a, n in counts.items() if n) or "nothing to change"
    if plan.blocked:
        print(f"{what}; nothing written: fix the errors above in {args.file} and import again",
              file=sys.stderr)
        return 1
    if not plan.changes:
        print(f"nothing to change: the repository already holds what {args.file} says")
    elif written:
        print(f"wrote {len(written)} file(s) ({what})")
    else:
        print(f"dry run, nothing written ({what}); run again with --apply to write it")
    return 0

