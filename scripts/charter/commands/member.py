"""``charter member add | remove | rename``: a person's file, members/LOGIN.yaml.

Each is checked with the whole repository before anything is written. ``add`` and ``remove`` end
by saying what the pull request will need (GOV-APPROVAL: a core maintainer, not the person nor a
relative); a person still named anywhere (a group, a relationship, a vote's record) is not
removed: the refusal says where, and the command that changes each. ``rename`` renames a login
in every file that names it, keeping the numeric GitHub id.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from charter import roundtrip
from charter.commands._common import add_repo, needs_action, past_date, repo_root
from charter.commands._edit import Edit, add_edit_options
from charter.commands._people import named
from charter.errors import CharterError, UsageError
from charter.model import is_login
from charter.suggest import close_logins, did_you_mean


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("member", help="add or remove a person: members/LOGIN.yaml",
                       description="People: one file each, members/LOGIN.yaml.")
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
                     help="voting member of the community since DATE (YYYY-MM-DD, not in the "
                     "future)")
    add.add_argument("--admitted-by", metavar="ID",
                     help="the certified member-add vote (elections/ID) that admitted them to "
                     "the community (PC-MEMBER-ADD); --community-since defaults to the day it "
                     "was certified")
    add.set_defaults(func=run_add)
    rm = actions.add_parser("remove", help="remove members/LOGIN.yaml",
                            description="Remove a person's file. Refused while the person is "
                            "named anywhere (a group, someone's declared relationship, the "
                            "record of a vote): the message says where and what changes it.")
    rm.add_argument("login", metavar="LOGIN", help="the person to remove")
    rm.set_defaults(func=run_remove)
    for x in (add, rm):
        add_edit_options(x)

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
    needs_action(p, "add, remove, rename")


def run_rename(args: argparse.Namespace) -> int:
    import difflib

    from charter.elections.check import verify_tree
    from charter.load import load
    from charter.sync import rename
    from charter.tree import FsTree

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
    login: str = args.login
    if not is_login(login):
        raise CharterError(f"{login!r} is not a GitHub login (1-39 letters, digits or single "
                           "hyphens, not starting or ending with a hyphen)")
    if not args.name.strip():
        raise UsageError("--name: give the person's name, e.g. --name \"Ada Lovelace\"")
    name = args.name.strip()
    since = (past_date(args.community_since, "--community-since", "the admission")
             if args.community_since else None)
    edit = Edit(args)
    admitted_by = None
    if args.admitted_by:
        admitted_by, finalised = _admitting_vote(edit, args.admitted_by, login)
        since = since or dt.date.fromisoformat(finalised)
    rel = f"members/{login}.yaml"
    if edit.tree.exists(rel):
        raise CharterError(f"{rel} already exists; edit it instead")
    other = edit.state.member(login)
    if other is not None:
        raise CharterError(f"{login!r} already has a member file, {other.file} (logins ignore "
                           "case)")
    data: dict[str, Any] = {"login": login}
    if args.github_id is not None:
        taken = [m for m in edit.state.members.values() if m.github_id == args.github_id]
        if taken:
            raise CharterError(f"github_id {args.github_id} already belongs to {taken[0].login} "
                               f"({taken[0].file})")
        data["github_id"] = args.github_id
    data["name"] = name
    if args.affiliation:
        affs = []
        for text in args.affiliation:
            entity, sep, role = text.rpartition(":")
            if not sep or not entity.strip() or not role.strip():
                raise UsageError(f"--affiliation {text!r}: write ENTITY:ROLE, e.g. "
                                 "'Acme Corp:employee'")
            affs.append({"entity": entity.strip(), "role": role.strip()})
        data["affiliations"] = affs
    if since is not None:
        data["community"] = {"since": roundtrip.quoted(since.isoformat())}
        if admitted_by:
            data["community"]["admitted_by"] = admitted_by
    near = close_logins(edit.state, login)
    if near:
        # not an error (two people may have close logins), but the likeliest slip to catch
        print(f"charter: note: {', '.join(near)} already ha{'s' if len(near) == 1 else 've'} "
              f"a member file; make sure {login} is someone else", file=sys.stderr)
    edit.write(rel, roundtrip.new(data, comment=name))
    return edit.finish()


def _admitting_vote(edit: Edit, text: str, login: str) -> tuple[str, str]:
    """``elections/ID`` and the day it was certified, for a member-add vote about ``login``
    whose certified result passed; refused otherwise."""
    ident = text.rstrip("/").removeprefix("elections/")
    data = edit.state.elections.get(ident)
    if data is None:
        raise CharterError(f"--admitted-by {text}: no record elections/{ident}"
                           f"{did_you_mean(ident, edit.state.elections)}")
    motion = data.get("motion") or {}
    if data.get("kind") != "motion" or motion.get("type") != "member-add":
        raise CharterError(f"--admitted-by {text}: elections/{ident} is not a member-add vote "
                           "(PC-MEMBER-ADD)")
    if str(motion.get("subject") or "").lower() != login.lower():
        raise CharterError(f"--admitted-by {text}: elections/{ident} is about "
                           f"{motion.get('subject') or 'nobody'}, not {login}")
    from charter.gate.records import certified

    result = certified(edit.tree, edit.state).results.get(ident)
    if result is None:
        raise CharterError(f"--admitted-by {text}: elections/{ident} is not certified on this "
                           f"branch (charter election certify {ident}, merged first)")
    if result.get("passed") is not True:
        raise CharterError(f"--admitted-by {text}: the vote elections/{ident} did not pass")
    return f"elections/{ident}", str(result.get("finalised"))


_FIX = (
    ("a maintainer of module ", "charter module emeritus {x} {login}"),
    ("an emeritus maintainer of ", None),
    ("the lead", "charter core lead NEW-LEAD (or --vacant)"),
    ("a core maintainer", "charter core emeritus {login}"),
    ("an emeritus core maintainer", None),
    ("a council member", "charter council resign {login}"),
    ("the returning officer", "name another returning officer in council.yaml"),
    ("an ecosystem working-group member", "charter wg remove {login}"),
    ("the working-group chair", "charter wg chair NEW-CHAIR"),
    ("a relationship of ", "that person removes the relationship from their file"),
    ("the record of a vote", None),
)


def _fix(what: str, login: str) -> str | None:
    for prefix, how in _FIX:
        if what.startswith(prefix):
            if how is None:
                return None
            return how.format(x=what[len(prefix):], login=login)
    return None


def run_remove(args: argparse.Namespace) -> int:
    edit = Edit(args)
    member = edit.state.member(args.login)
    if member is None:
        raise CharterError(f"{args.login!r} has no member file: nothing to remove"
                           f"{did_you_mean(args.login, edit.state.members)}")
    places = list(named(edit.state, member.login))
    if places:
        lines = []
        kept = False
        for path, what in places:
            how = _fix(what, member.login)
            kept = kept or how is None
            lines.append(f"  {path}: {what}" + (f" (change it: {how})" if how else ""))
        why = ("; emeritus records and the records of votes keep the people they name, so "
               f"{member.file} stays" if kept else "")
        raise CharterError(f"{member.login} is still named in the governance data{why}:\n"
                           + "\n".join(lines))
    edit.delete(member.file)
    return edit.finish()
