"""``charter wg add | remove | chair``: the ecosystem working group (ecosystem-wg.yaml).

The working group votes on ecosystem applications (ECO-VOTE); its membership is an ordinary
change owned by the core maintainers (GOV-APPROVAL). Each edit is checked with the whole
repository first and ends by saying what the pull request will need.
"""

from __future__ import annotations

import argparse

from charter import roundtrip
from charter.commands._common import needs_action
from charter.commands._edit import Edit, add_edit_options
from charter.commands._people import index_of, member_logins
from charter.errors import CharterError
from charter.suggest import did_you_mean

WG = "ecosystem-wg.yaml"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("wg", help="the ecosystem working group (ecosystem-wg.yaml)",
                       description="Edit the ecosystem working group: who votes on "
                       "applications (ECO-VOTE), and who chairs it.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    add = actions.add_parser("add", help="add LOGIN to the working group")
    add.add_argument("login", metavar="LOGIN", help="the new member, who has a member file")
    add.set_defaults(func=run_add)
    rm = actions.add_parser("remove", help="remove LOGIN from the working group")
    rm.add_argument("login", metavar="LOGIN", help="the member who leaves")
    rm.set_defaults(func=run_remove)
    chair = actions.add_parser("chair", help="name the working group's chair (a member)")
    chair.add_argument("login", metavar="LOGIN", help="the new chair, a working-group member")
    chair.set_defaults(func=run_chair)
    for x in (add, rm, chair):
        add_edit_options(x)
    needs_action(p, "add, remove, chair")


def _open(edit: Edit) -> roundtrip.Document:
    if not edit.tree.exists(WG):
        raise CharterError(f"{WG} does not exist; write it with members: [] first")
    return edit.doc(WG)


def run_add(args: argparse.Namespace) -> int:
    edit = Edit(args)
    login = member_logins(edit.state, [args.login], "the new member")[0]
    if index_of(edit.state.working_group.members, login) is not None:
        raise CharterError(f"{login} is already a member of the working group")
    roundtrip.append_item(_open(edit).data, "members", login)
    return edit.finish()


def _member_index(edit: Edit, login: str) -> int:
    data = _open(edit).data
    i = index_of(data["members"], login)
    if i is None:
        wg = edit.state.working_group.members
        raise CharterError(f"{login} is not a member of the working group (members: "
                           f"{', '.join(wg) or 'none'}){did_you_mean(login, wg)}")
    return i


def run_remove(args: argparse.Namespace) -> int:
    edit = Edit(args)
    i = _member_index(edit, args.login)
    chair = edit.state.working_group.chair
    if chair and chair.lower() == args.login.lower():
        raise CharterError(f"{chair} chairs the working group; name another chair first: "
                           "charter wg chair LOGIN")
    roundtrip.remove_item(_open(edit).data, "members", i)
    return edit.finish()


def run_chair(args: argparse.Namespace) -> int:
    edit = Edit(args)
    login = _open(edit).data["members"][_member_index(edit, args.login)]
    data = edit.doc(WG).data
    if (data.get("chair") or "").lower() == login.lower():
        raise CharterError(f"{login} already chairs the working group")
    if "chair" in data:
        data["chair"] = login
    else:
        data.insert(0, "chair", login)
    return edit.finish()
