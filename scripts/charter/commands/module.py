"""``charter module``: modules and their maintainers.

* ``add SLUG --name NAME --path P | --repository OWNER/NAME`` writes ``modules/SLUG.yaml``;
* ``remove SLUG`` deletes it (and the other modules' ``overlaps`` entries naming it);
* ``rename SLUG NEW-SLUG`` moves it to ``modules/NEW-SLUG.yaml`` (and the ``overlaps`` entries);
* ``add-maintainer | remove-maintainer | emeritus SLUG LOGIN`` edit its maintainers.

Each edit changes only the lines it must (comments, order and quoting are kept), is checked with
the whole repository before anything is written, replaces files atomically, and ends by saying
what the pull request will need (GOV-MODULES-SCOPE, GOV-NOMINATE-MODULE, GOV-REMOVE...).
Emeritus maintainers are kept, never deleted (GOV-EMERITUS).
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from charter import emeritus, roundtrip
from charter.commands._common import needs_action, past_date
from charter.commands._edit import Edit, add_edit_options
from charter.commands._people import (
    index_of,
    member_logins,
    reinstate,
)
from charter.errors import CharterError, UsageError
from charter.model import Module
from charter.suggest import did_you_mean

ACTIONS = "add, remove, rename, add-maintainer, remove-maintainer, emeritus"
_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9]|[-_.](?=[a-z0-9])){0,62}")  # defs.schema.json


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("module", help="add, remove or rename a module; edit its maintainers",
                       description="Modules (GOV-MODULE) and their maintainer groups. Every "
                       "action is checked with the whole repository before it is written, and "
                       "ends by saying who must approve the pull request.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))

    a = actions.add_parser("add", help="add modules/SLUG.yaml (GOV-MODULES-SCOPE)",
                           description="Add a module: directories of the core repository "
                           "(--path) or repositories of the organisation (--repository).")
    a.add_argument("slug", metavar="SLUG", help="the module's short name (lower case, digits, "
                   ". _ -), also its file name")
    a.add_argument("--name", required=True, help="the module's display name")
    where = a.add_mutually_exclusive_group(required=True)
    where.add_argument("--path", action="append", metavar="DIR/",
                       help="a directory of the core repository the module owns (repeatable)")
    where.add_argument("--repository", action="append", metavar="OWNER/NAME",
                       help="a repository of the organisation the module is (repeatable)")
    a.add_argument("--maintainer", action="append", default=[], metavar="LOGIN",
                   help="a maintainer, who must have a member file (repeatable)")
    a.add_argument("--description", metavar="TEXT", help="one or two sentences on its scope")
    a.add_argument("--decision-rule", metavar="RULE",
                   help="how the module decides (GOV-MODULE): majority, any, unanimous, "
                   "fraction:2/3 or count:N (default: none of its own; nominations then go to "
                   "the core maintainers)")
    a.add_argument("--inactive-months", type=int, metavar="N",
                   help="months without activity before a maintainer moves to emeritus "
                   "(default: policy governance.module_inactive_months)")
    for key in ("vision", "roadmap", "design-docs", "disputes"):
        a.add_argument(f"--{key}", metavar="URL",
                       help=f"where the module publishes its {key.replace('-', ' ')} "
                       "(GOV-MODULE-COMMS)")
    a.set_defaults(func=run_add)

    r = actions.add_parser("remove", help="remove modules/SLUG.yaml (GOV-MODULES-SCOPE)",
                           description="Remove a module. Other modules' overlaps entries that "
                           "name it are removed with it.")
    r.add_argument("slug", metavar="SLUG", help="the module to remove")
    r.set_defaults(func=run_remove)

    n = actions.add_parser("rename", help="give a module a new slug (and file name)",
                           description="Move modules/SLUG.yaml to modules/NEW.yaml with the new "
                           "slug, and rewrite the overlaps entries that name it. The gate reads "
                           "a new slug as one module removed and another added.")
    n.add_argument("slug", metavar="SLUG", help="the module's current slug")
    n.add_argument("new", metavar="NEW-SLUG", help="its new slug")
    n.add_argument("--name", help="also change its display name")
    n.set_defaults(func=run_rename)

    add = actions.add_parser("add-maintainer", help="add LOGIN to the module's maintainers "
                             "(GOV-NOMINATE-MODULE)")
    add.add_argument("slug", metavar="SLUG", help="the module")
    add.add_argument("login", metavar="LOGIN", help="the nominee, who has a member file")
    add.add_argument("--reinstate", action="store_true",
                     help="LOGIN is emeritus of the module: move them back to maintainers")
    add.set_defaults(func=run_add_maintainer)

    rm = actions.add_parser("remove-maintainer",
                            help="remove LOGIN from the maintainers (use emeritus to retire "
                            "someone; removal follows GOV-REMOVE)")
    rm.add_argument("slug", metavar="SLUG", help="the module")
    rm.add_argument("login", metavar="LOGIN", help="the maintainer to remove")
    rm.set_defaults(func=run_remove_maintainer)

    em = actions.add_parser("emeritus", help="move LOGIN from maintainers to emeritus")
    em.add_argument("slug", metavar="SLUG", help="the module")
    em.add_argument("login", metavar="LOGIN", help="the maintainer who becomes emeritus")
    em.add_argument("--since", metavar="DATE", help="YYYY-MM-DD (default: today)")
    em.add_argument("--reason", help="a short reason, e.g. 'moved on to other work'")
    em.set_defaults(func=run_emeritus)
    for x in (a, r, n, add, rm, em):
        add_edit_options(x)
    needs_action(p, ACTIONS)


def _module(edit: Edit, slug: str) -> Module:
    mod = edit.state.modules.get(slug)
    if mod is not None:
        return mod
    rel = f"modules/{slug}.yaml"
    if (edit.root / rel).exists():
        raise CharterError(f"{rel} has errors, so it cannot be edited safely; see: charter "
                           f"validate {rel}")
    raise CharterError(f"no module {slug!r} (no {rel}){did_you_mean(slug, edit.state.modules)}")


def _slug(text: str, what: str = "SLUG") -> str:
    if not _SLUG.fullmatch(text):
        raise UsageError(f"{what} {text!r}: a slug is lower-case letters and digits, with "
                         "single '.', '_' or '-' between them, at most 63 characters")
    return text


def decision_rule(text: str) -> dict[str, Any]:
    """``majority | any | unanimous | fraction:A/B | count:N`` as the module file writes it."""
    kind, _, value = text.partition(":")
    if kind in ("majority", "any", "unanimous") and not value:
        return {"kind": kind}
    if kind == "fraction" and re.fullmatch(r"[1-9][0-9]*/[1-9][0-9]*", value):
        return {"kind": kind, "fraction": roundtrip.quoted(value)}
    if kind == "count" and value.isdigit() and int(value) > 0:
        return {"kind": kind, "count": int(value)}
    raise UsageError(f"--decision-rule {text!r}: write majority, any, unanimous, fraction:A/B "
                     "(e.g. fraction:2/3) or count:N")


def run_add(args: argparse.Namespace) -> int:
    edit = Edit(args)
    slug = _slug(args.slug)
    rel = f"modules/{slug}.yaml"
    if slug in edit.state.modules or edit.tree.exists(rel):
        raise CharterError(f"{rel} already exists; edit it, or choose another slug")
    if not args.name.strip():
        raise UsageError("--name: give the module's display name, e.g. --name Vision")
    maintainers = member_logins(edit.state, args.maintainer, "--maintainer")
    data: dict[str, Any] = {"slug": slug, "name": args.name.strip()}
    if args.description:
        data["description"] = args.description
    if args.path:
        data["kind"] = "paths"
        data["paths"] = list(args.path)
    else:
        org = str(edit.state.policy.organisation.get("github") or "")
        repos = []
        for r in args.repository:
            full = r if "/" in r else f"{org}/{r}" if org else r
            repos.append(full)
        data["kind"] = "repository"
        data["repositories"] = repos
    data["maintainers"] = maintainers
    if args.decision_rule:
        data["decision_rule"] = decision_rule(args.decision_rule)
    if args.inactive_months is not None:
        data["inactive_months"] = args.inactive_months
    links = {k.replace("-", "_"): getattr(args, k.replace("-", "_"))
             for k in ("vision", "roadmap", "design-docs", "disputes")
             if getattr(args, k.replace("-", "_"))}
    if links:
        data["links"] = links
    edit.write(rel, roundtrip.new(data, comment=args.name.strip()))
    return edit.finish()


def _overlaps_naming(edit: Edit, slug: str) -> list[Module]:
    return [m for m in edit.state.modules.values() if m.slug != slug and slug in m.overlaps]


def run_remove(args: argparse.Namespace) -> int:
    edit = Edit(args)
    mod = _module(edit, args.slug)
    edit.delete(mod.file)
    for other in _overlaps_naming(edit, mod.slug):
        data = edit.doc(other.file).data
        roundtrip.remove_item(data, "overlaps", index_of(data["overlaps"], mod.slug))
        if not data["overlaps"]:
            roundtrip.delete_key(data, "overlaps")
        edit.note(f"{other.file}: overlaps no longer names {mod.slug}")
    if mod.maintainers:
        edit.note(f"{', '.join(mod.maintainers)} stay members; they no longer maintain "
                  f"{mod.slug}")
    return edit.finish()


def run_rename(args: argparse.Namespace) -> int:
    edit = Edit(args)
    mod = _module(edit, args.slug)
    new = _slug(args.new, "NEW-SLUG")
    rel = f"modules/{new}.yaml"
    if new == mod.slug:
        raise UsageError(f"{mod.slug} is already the module's slug")
    if new in edit.state.modules or edit.tree.exists(rel):
        raise CharterError(f"{rel} already exists; choose another slug")
    doc = edit.doc(mod.file)
    doc.data["slug"] = new
    if args.name:
        doc.data["name"] = args.name
    data = doc.dumps()
    edit.delete(mod.file)
    edit.write(rel, data)
    for other in _overlaps_naming(edit, mod.slug):
        d = edit.doc(other.file).data
        d["overlaps"][index_of(d["overlaps"], mod.slug)] = new
        edit.note(f"{other.file}: overlaps now names {new}")
    return edit.finish()


def run_add_maintainer(args: argparse.Namespace) -> int:
    edit = Edit(args)
    mod = _module(edit, args.slug)
    login = member_logins(edit.state, [args.login], "the nominee")[0]
    if index_of(mod.maintainers, login) is not None:
        raise CharterError(f"{login} is already a maintainer of {mod.slug}")
    data = edit.doc(mod.file).data
    reinstate(data, login, f"an emeritus maintainer of {mod.slug}", args.reinstate)
    roundtrip.append_item(data, "maintainers", login)
    return edit.finish()


def _maintainer(mod: Module, data: Any, login: str) -> int:
    i = index_of(data["maintainers"], login)
    if i is not None:
        return i
    if index_of([e.login for e in mod.emeritus], login) is not None:
        raise CharterError(f"{login} is already an emeritus maintainer of {mod.slug}")
    current = ", ".join(mod.maintainers) or "none"
    raise CharterError(f"{login} is not a maintainer of {mod.slug} (maintainers: "
                       f"{current}){did_you_mean(login, mod.maintainers)}")


def run_remove_maintainer(args: argparse.Namespace) -> int:
    edit = Edit(args)
    mod = _module(edit, args.slug)
    data = edit.doc(mod.file).data
    roundtrip.remove_item(data, "maintainers", _maintainer(mod, data, args.login))
    return edit.finish()


def run_emeritus(args: argparse.Namespace) -> int:
    edit = Edit(args)
    mod = _module(edit, args.slug)
    since = past_date(args.since, "--since", "the move to emeritus").isoformat()
    data = edit.doc(mod.file).data
    emeritus.move(data, _maintainer(mod, data, args.login), since, args.reason)
    return edit.finish()
