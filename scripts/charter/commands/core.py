"""``charter core add | remove | emeritus | lead``: the core maintainers and their lead (core.yaml).

Each is checked with the whole repository before it is written and ends by saying what the pull
request will need: a nomination goes to the lead (GOV-NOMINATE-CORE), a removal or a move to
emeritus to a majority of the core maintainers (GOV-REMOVE), a change of lead to the lead-removal
threshold and a certified lead election (GOV-LEAD-REMOVE, GOV-LEAD-ELECT).
"""

from __future__ import annotations

import argparse
from typing import Any

from charter import emeritus, roundtrip
from charter.commands._common import needs_action, past_date
from charter.commands._edit import Edit, add_edit_options
from charter.commands._people import index_of, member_logins, reinstate
from charter.errors import CharterError, UsageError
from charter.rules import today
from charter.suggest import did_you_mean

CORE = "core.yaml"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("core", help="the core maintainers and their lead (core.yaml)",
                       description="Edit core.yaml: nominate, remove or retire core "
                       "maintainers, and record a new lead.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    add = actions.add_parser("add", help="add LOGIN to the core maintainers (GOV-NOMINATE-CORE)")
    add.add_argument("login", metavar="LOGIN", help="the nominee, who has a member file")
    add.add_argument("--reinstate", action="store_true",
                     help="LOGIN is an emeritus core maintainer: move them back")
    add.set_defaults(func=run_add)
    rm = actions.add_parser("remove", help="remove LOGIN from the core maintainers (GOV-REMOVE; "
                            "to retire someone use emeritus)")
    rm.add_argument("login", metavar="LOGIN", help="the core maintainer to remove")
    rm.set_defaults(func=run_remove)
    em = actions.add_parser("emeritus", help="move LOGIN to the emeritus core maintainers")
    em.add_argument("login", metavar="LOGIN", help="the core maintainer who becomes emeritus")
    em.add_argument("--since", metavar="DATE", help="YYYY-MM-DD (default: today)")
    em.add_argument("--reason", help="a short reason, e.g. 'moved on to other work'")
    em.set_defaults(func=run_emeritus)
    lead = actions.add_parser("lead", help="record a new lead core maintainer, or a vacant post",
                              description="Set the lead core maintainer. A new lead is the "
                              "winner of a certified lead election (GOV-LEAD-ELECT), named with "
                              "--elected-in (default: the latest certified lead election that "
                              "LOGIN won); --vacant leaves the post empty (GOV-LEAD-REMOVE).")
    who = lead.add_mutually_exclusive_group(required=True)
    who.add_argument("login", metavar="LOGIN", nargs="?", help="the new lead, a core maintainer")
    who.add_argument("--vacant", action="store_true", help="leave the lead post empty")
    lead.add_argument("--elected-in", metavar="ID",
                      help="the lead election (elections/ID) whose certified result elects LOGIN")
    lead.set_defaults(func=run_lead)
    for x in (add, rm, em, lead):
        add_edit_options(x)
    needs_action(p, "add, remove, emeritus, lead")


def _core_index(edit: Edit, login: str) -> int:
    data = edit.doc(CORE).data
    i = index_of(data["maintainers"], login)
    if i is not None:
        return i
    if index_of([e.login for e in edit.state.core.emeritus], login) is not None:
        raise CharterError(f"{login} is already an emeritus core maintainer")
    raise CharterError(f"{login} is not a core maintainer (core maintainers: "
                       f"{', '.join(edit.state.core.maintainers) or 'none'})"
                       f"{did_you_mean(login, edit.state.core.maintainers)}")


def _not_the_lead(edit: Edit, login: str, what: str) -> None:
    lead = edit.state.core.lead
    if lead and lead.lower() == login.lower():
        raise CharterError(f"{lead} is the lead core maintainer; {what} them only after the "
                           "lead changes: charter core lead NEW-LEAD (a certified lead "
                           "election), or charter core lead --vacant (GOV-LEAD-REMOVE)")


def run_add(args: argparse.Namespace) -> int:
    edit = Edit(args)
    login = member_logins(edit.state, [args.login], "the nominee")[0]
    if index_of(edit.state.core.maintainers, login) is not None:
        raise CharterError(f"{login} is already a core maintainer")
    data = edit.doc(CORE).data
    reinstate(data, login, "an emeritus core maintainer", args.reinstate)
    roundtrip.append_item(data, "maintainers", login)
    if not args.reinstate:  # a reinstated maintainer was one before: their first day is unknown
        _record_joined(data, login)
    return edit.finish()


def _record_joined(data: Any, login: str) -> None:
    """``joined``: the day ``login`` joins, so that the electorate of a later lead election or
    removal includes them and that of an earlier one does not (charter.elections.day)."""
    day = roundtrip.quoted(today().isoformat())
    if "joined" in data:
        data["joined"][login] = day
    else:
        roundtrip.insert_key_after(data, "emeritus" if "emeritus" in data else "maintainers",
                                   "joined", {login: day})


def run_remove(args: argparse.Namespace) -> int:
    edit = Edit(args)
    i = _core_index(edit, args.login)
    _not_the_lead(edit, args.login, "remove")
    data = edit.doc(CORE).data
    roundtrip.remove_item(data, "maintainers", i)
    # their joining day goes with them (emeritus keeps it: it bounds the votes they had)
    joined = data.get("joined") or {}
    for key in [k for k in joined if str(k).lower() == args.login.lower()]:
        if len(joined) > 1:
            roundtrip.delete_key(joined, key)
        else:
            roundtrip.delete_key(data, "joined")
    try:
        return edit.finish()
    except CharterError as refused:
        voted = _last_core_vote(edit, args.login)
        if voted is None:
            raise
        # deleting someone who could vote in a recorded election rewrites who could vote that day
        raise CharterError(f"{refused}\n{args.login} could vote in elections/{voted}; to keep "
                           "who could vote on every day, move them to emeritus instead: "
                           f"charter core emeritus {args.login} --since YYYY-MM-DD") from None


def _last_core_vote(edit: Edit, login: str) -> str | None:
    """The last recorded vote of the core maintainers (a lead election or removal), by id, whose
    electorate of the day includes ``login``."""
    from charter.elections import day

    last = None
    for ident, data in sorted(edit.state.elections.items()):
        e = day.of_record(edit.state, data) if isinstance(data, dict) else None
        if e is not None and e.body == "core" and index_of(list(e.voters), login) is not None:
            last = ident
    return last


def run_emeritus(args: argparse.Namespace) -> int:
    edit = Edit(args)
    since = past_date(args.since, "--since", "the move to emeritus").isoformat()
    i = _core_index(edit, args.login)
    _not_the_lead(edit, args.login, "retire")
    emeritus.move(edit.doc(CORE).data, i, since, args.reason)
    return edit.finish()


def _lead_election(edit: Edit, login: str) -> str | None:
    """The latest certified lead election that ``login`` won, from the committed results."""
    from charter.gate.records import certified

    done = certified(edit.tree, edit.state)
    won = [(str(r.get("finalised") or ""), eid) for eid, r in done.results.items()
           if r.get("kind") == "lead-election" and str(r.get("winner") or "").lower()
           == login.lower()]
    return max(won)[1] if won else None


def run_lead(args: argparse.Namespace) -> int:
    edit = Edit(args)
    data = edit.doc(CORE).data
    if args.vacant:
        if args.elected_in:
            raise UsageError("--vacant: a vacant post names no election; drop --elected-in")
        if edit.state.core.lead is None:
            raise CharterError("the lead post is already vacant")
        data["lead"] = None
        if "lead_elected_in" in data:
            roundtrip.delete_key(data, "lead_elected_in")
        return edit.finish()
    login = member_logins(edit.state, [args.login], "the new lead")[0]
    if index_of(edit.state.core.maintainers, login) is None:
        raise CharterError(f"{login} is not a core maintainer; the lead is one of them "
                           f"(GOV-ROLES): first charter core add {login}")
    if (edit.state.core.lead or "").lower() == login.lower():
        raise CharterError(f"{login} is already the lead core maintainer")
    ident = args.elected_in or _lead_election(edit, login)
    if ident and ident not in edit.state.elections:
        raise CharterError(f"--elected-in {ident}: no elections/{ident}/election.yaml"
                           f"{did_you_mean(ident, edit.state.elections)}")
    data["lead"] = login
    if ident:
        if "lead_elected_in" in data:
            data["lead_elected_in"] = ident
        else:
            roundtrip.insert_key_after(data, "lead", "lead_elected_in", ident)
    else:
        edit.note(f"no certified lead election names {login}; the gate will ask for one "
                  "(GOV-LEAD-ELECT): record it in elections/, certify it, then run this again "
                  "with --elected-in ID")
    return edit.finish()
