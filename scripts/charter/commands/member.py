"""``charter member add | rename``: a new person file, or a login renamed everywhere.

Both validate the whole repository with the edit before anything is written.
"""

from __future__ import annotations

import argparse
import re
import sys

from charter import roundtrip
from charter.commands._common import add_repo, needs_action, repo_root
from charter.errors import CharterError, UsageError
from charter.load import load
from charter.model import is_login
from charter.tree import FsTree

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("member", help="edit people: charter member add LOGIN --name NAME")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    add = actions.add_parser("add", help="add members/LOGIN.yaml",
                             description="Add a person's file, members/LOGIN.yaml. The whole "
                             "repository is validated with the new file before it is written.")
    add.add_argument("login", metavar="LOGIN", help="the person's GitHub login")
    add.add_argument("--name", required=True, help="the person's name")
    add.add_argument("--github-id", type=int, metavar="N",
                     help="GitHub's numeric user id (survives a login rename)")
    add.add_argument("--affiliation", action="append", default=[], metavar="ENTITY:ROLE",
                     help="an employer or other tie, e.g. 'Acme Corp:employee' (repeatable)")
    add.add_argument("--community-since", metavar="DATE",
                     help="voting member of the community since DATE (YYYY-MM-DD)")
    add_repo(add)
    add.set_defaults(func=run_add)

    ren = actions.add_parser(
        "rename", help="rename a login everywhere (the person renamed their GitHub account)",
        description="Rename OLD to NEW in every governance file that names the person (member "
        "file, modules, core, council, working group, ecosystem records, election records with "
        "their ballots and results), keeping the numeric GitHub id. Only the changed lines "
        "differ; the whole repository is validated with the edit before anything is written.")
    ren.add_argument("old", metavar="OLD", help="the login the data uses now")
    ren.add_argument("new", metavar="NEW", help="the person's new GitHub login")
    ren.add_argument("--dry-run", action="store_true",
                     help="print what would change (a unified diff) and write nothing")
    add_repo(ren)
    ren.set_defaults(func=run_rename)
    needs_action(p, "add, rename")



def run_rename(args: argparse.Namespace) -> int:
    import difflib

    from charter.elections.check import verify_tree
    from charter.sync import rename

    root = repo_root(args)
    tree = FsTree(root)
    state, findings = load(tree)
    plan = rename.plan(tree, state, args.old, args.new)
    touched = sorted({*plan.changes, *plan.deletions})
    if args.dry_run:
        for path in touched:
            before = tree.read(path).decode("utf-8") if tree.exists(path) else ""
            data = plan.changes.get(path)
            after = data.decode("utf-8") if data is not None else ""
            sys.stdout.writelines(difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True),
                f"a/{path}" if before else "/dev/null", f"b/{path}" if data else "/dev/null"))
        print(f"charter member rename: {len(touched)} file(s) would change; nothing written "
              "(--dry-run)", file=sys.stderr)
        return 0
    for path in roundtrip.apply(root, plan.changes, (state, findings),
                                frozenset(plan.deletions), checks=[verify_tree]):
        print(f"wrote {path}" if (root / path).exists() else f"removed {path}")
    print(f"charter member rename: {plan.old} is now {plan.new} in {len(touched)} file(s); "
          "the numeric GitHub id is kept", file=sys.stderr)
    return 0


def run_add(args: argparse.Namespace) -> int:
    root = repo_root(args)
    login: str = args.login
    if not is_login(login):
        raise CharterError(f"{login!r} is not a GitHub login (1-39 letters, digits or single "
                           "hyphens, not starting or ending with a hyphen)")
    if not args.name.strip():
        raise UsageError("--name: give the person's name, e.g. --name \"Ada Lovelace\"")
    args.name = args.name.strip()
    rel = f"members/{login}.yaml"
    if (root / rel).exists():
        raise CharterError(f"{rel} already exists; edit it instead")
    state, findings = load(FsTree(root))
    other = state.member(login)
    if other is not None:
        raise CharterError(f"{login!r} already has a member file, {other.file} (logins ignore "
                           "case)")
    data: dict[str, object] = {"login": login}
    if args.github_id is not None:
        taken = [m for m in state.members.values() if m.github_id == args.github_id]
        if taken:
            raise CharterError(f"github_id {args.github_id} already belongs to {taken[0].login} "
                               f"({taken[0].file})")
        data["github_id"] = args.github_id
    data["name"] = args.name
    if args.affiliation:
        affs = []
        for text in args.affiliation:
            entity, sep, role = text.rpartition(":")
            if not sep or not entity.strip() or not role.strip():
                raise UsageError(f"--affiliation {text!r}: write ENTITY:ROLE, e.g. "
                                 "'Acme Corp:employee'")
            affs.append({"entity": entity.strip(), "role": role.strip()})
        data["affiliations"] = affs
    if args.community_since:
        if not _DATE.match(args.community_since):
            raise UsageError(f"--community-since {args.community_since!r}: write YYYY-MM-DD")
        data["community"] = {"since": roundtrip.quoted(args.community_since)}
    content = roundtrip.new(data, comment=args.name)
    for path in roundtrip.apply(root, {rel: content}, (state, findings)):
        print(f"wrote {path}")
    return 0
