"""``charter module add-maintainer | remove-maintainer | emeritus``: edit a module's maintainers.

Each edit changes only the lines it must (comments, order and quoting are kept), is validated
with the whole repository before anything is written, and replaces the file atomically.
Emeritus maintainers are kept, never deleted (GOV-EMERITUS).
"""

from __future__ import annotations

import argparse
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charter import emeritus, roundtrip
from charter.commands._common import add_repo, past_date, repo_root
from charter.errors import CharterError, UsageError
from charter.findings import Finding
from charter.load import load
from charter.model import Module, State
from charter.tree import FsTree


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("module", help="edit a module's maintainers (add, remove, emeritus)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))

    add = actions.add_parser("add-maintainer", help="add LOGIN to the module's maintainers")
    add.add_argument("slug", metavar="SLUG")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--reinstate", action="store_true",
                     help="LOGIN is emeritus of the module: move them back to maintainers")
    add.set_defaults(func=run_add)

    rm = actions.add_parser("remove-maintainer",
                            help="remove LOGIN from the maintainers (use emeritus to retire "
                            "someone; removal follows GOV-REMOVE)")
    rm.add_argument("slug", metavar="SLUG")
    rm.add_argument("login", metavar="LOGIN")
    rm.set_defaults(func=run_remove)

    em = actions.add_parser("emeritus", help="move LOGIN from maintainers to emeritus")
    em.add_argument("slug", metavar="SLUG")
    em.add_argument("login", metavar="LOGIN")
    em.add_argument("--since", metavar="DATE", help="YYYY-MM-DD (default: today)")
    em.add_argument("--reason", help="a short reason, e.g. 'moved on to other work'")
    em.set_defaults(func=run_emeritus)
    for a in (add, rm, em):
        add_repo(a)
    p.set_defaults(func=lambda args: _no_action(p))


def _no_action(p: argparse.ArgumentParser) -> int:
    raise UsageError(f"{p.prog}: choose an action (add-maintainer, remove-maintainer, "
                     f"emeritus); see {p.prog} --help")


def _module(root: Path, state: State, slug: str) -> Module:
    mod = state.modules.get(slug)
    if mod is not None:
        return mod
    rel = f"modules/{slug}.yaml"
    if (root / rel).exists():
        raise CharterError(f"{rel} has errors, so it cannot be edited safely; see: charter "
                           f"validate {rel}")
    hint = difflib.get_close_matches(slug, list(state.modules), n=1)
    extra = f"; did you mean {hint[0]!r}?" if hint else ""
    raise CharterError(f"no module {slug!r} (no {rel}){extra}")


def _index(items: list[Any], login: str) -> int | None:
    low = login.lower()
    for i, x in enumerate(items):
        name = x.get("login") if isinstance(x, dict) else x
        if isinstance(name, str) and name.lower() == low:
            return i
    return None


@dataclass
class _Edit:
    root: Path
    state: State
    findings: list[Finding]  # the loader's, reused to validate the edit without a reload
    mod: Module
    doc: roundtrip.Document

    def write(self) -> int:
        changes = {self.mod.file: self.doc.dumps()}
        for path in roundtrip.apply(self.root, changes, (self.state, self.findings)):
            print(f"wrote {path}")
        return 0


def _open(args: argparse.Namespace) -> _Edit:
    root = repo_root(args)
    state, findings = load(FsTree(root))
    mod = _module(root, state, args.slug)
    return _Edit(root, state, findings, mod, roundtrip.load(root / mod.file, mod.file))


def run_add(args: argparse.Namespace) -> int:
    edit = _open(args)
    mod = edit.mod
    member = edit.state.member(args.login)
    if member is None:
        raise CharterError(f"{args.login!r} has no member file; add one first: charter member "
                           f"add {args.login} --name NAME")
    login = member.login  # the member file's spelling
    if _index(list(mod.maintainers), login) is not None:
        raise CharterError(f"{login} is already a maintainer of {mod.slug}")
    data = edit.doc.data
    em = _index(list(data.get("emeritus") or []), login)
    if em is not None:
        if not args.reinstate:
            since = data["emeritus"][em].get("since")
            raise CharterError(f"{login} is an emeritus maintainer of {mod.slug} (since {since}); "
                               "pass --reinstate to move them back to the maintainers")
        roundtrip.remove_item(data, "emeritus", em)
        if not data["emeritus"]:
            roundtrip.delete_key(data, "emeritus")
    roundtrip.append_item(data, "maintainers", login)
    return edit.write()


def run_remove(args: argparse.Namespace) -> int:
    edit = _open(args)
    mod = edit.mod
    i = _index(list(edit.doc.data["maintainers"]), args.login)
    if i is None:
        current = ", ".join(mod.maintainers) or "none"
        raise CharterError(f"{args.login} is not a maintainer of {mod.slug} (maintainers: "
                           f"{current})")
    roundtrip.remove_item(edit.doc.data, "maintainers", i)
    return edit.write()


def run_emeritus(args: argparse.Namespace) -> int:
    edit = _open(args)
    mod, data = edit.mod, edit.doc.data
    since = past_date(args.since, "--since", "the move to emeritus").isoformat()
    i = _index(list(data["maintainers"]), args.login)
    if i is None:
        em = _index(list(data.get("emeritus") or []), args.login)
        if em is not None:
            raise CharterError(f"{args.login} is already an emeritus maintainer of {mod.slug}")
        current = ", ".join(mod.maintainers) or "none"
        raise CharterError(f"{args.login} is not a maintainer of {mod.slug} (maintainers: "
                           f"{current})")
    emeritus.move(data, i, since, args.reason)
    return edit.write()
