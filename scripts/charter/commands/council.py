"""``charter council apply | vacancy | resign``: the council's seats (council.yaml).

* ``apply ID`` writes the seats the certified records give, once ``elections/ID`` is certified
  on this branch: the seats are replayed from every certified record by the same code the gate
  and ``charter check`` use (PC-ELECTION, PC-TERM, PC-VACANCY), so council.yaml ends up exactly
  as they give it;
* ``vacancy ID --seat LOGIN --appointee LOGIN`` lays out the council's vote to fill a seat
  (PC-VACANCY), as an open record in ``elections/ID``;
* ``resign LOGIN`` records a member's resignation: their seat goes, and ``resigned`` keeps the
  record (PC-TERM); the pull request needs their own consent.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from charter import roundtrip
from charter.commands._common import needs_action, past_date
from charter.commands._edit import Edit, add_edit_options
from charter.commands._people import index_of, member_logins
from charter.errors import CharterError, UsageError
from charter.model import Seat
from charter.suggest import did_you_mean

COUNCIL = "council.yaml"
SEAT_KEYS = ("login", "cohort", "term_start", "term_end", "elected_in", "replaces")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("council", help="the council's seats: apply a result, fill a vacancy, "
                       "record a resignation", description="Edit council.yaml from certified "
                       "election results, and the records that change it.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    a = actions.add_parser("apply", help="write the seats a certified result gives",
                           description="Write into council.yaml the seats the certified records "
                           "give, once elections/ID is certified on this branch (its "
                           "certification merged).")
    a.add_argument("id", metavar="ID", help="the certified election or vote (elections/ID)")
    a.set_defaults(func=run_apply)
    v = actions.add_parser("vacancy", help="lay out the council's vote to fill a seat "
                           "(PC-VACANCY)", description="Write elections/ID/election.yaml: the "
                           "council votes to appoint someone to a vacant seat for the rest of "
                           "its term. The seat is a resigned member's (or an out-of-touch "
                           "member's: --out-of-touch), or one an election left empty (--cohort "
                           "and --term-end).")
    v.add_argument("id", metavar="ID", help="the vote's folder name, e.g. 2027-vacancy-b")
    v.add_argument("--appointee", required=True, metavar="LOGIN",
                   help="who the council appoints")
    v.add_argument("--seat", metavar="LOGIN",
                   help="whose seat is filled: a member who resigned, or one out of touch")
    v.add_argument("--cohort", choices=("A", "B"), help="an empty seat's cohort (no --seat)")
    v.add_argument("--term-end", metavar="DATE", help="an empty seat's term end (no --seat)")
    v.add_argument("--out-of-touch", metavar="DATE",
                   help="--seat is a sitting member out of touch since DATE (a month or more: "
                   "counted as abstaining)")
    v.add_argument("--opens", metavar="DATE", help="the first day of the vote (default today)")
    v.add_argument("--title", help="the record's title")
    v.set_defaults(func=run_vacancy)
    r = actions.add_parser("resign", help="record LOGIN's resignation from the council",
                           description="Remove LOGIN's seat and record the resignation under "
                           "resigned (PC-TERM). The seat stays empty until a vacancy vote or "
                           "the next election fills it.")
    r.add_argument("login", metavar="LOGIN", help="the council member who resigns")
    r.add_argument("--date", metavar="DATE", help="the day of the resignation (default today)")
    r.set_defaults(func=run_resign)
    for x in (a, v, r):
        add_edit_options(x)
    needs_action(p, "apply, vacancy, resign")


def _seat_entry(seat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in SEAT_KEYS:
        value = seat.get(key)
        if value:
            out[key] = roundtrip.quoted(value) if key.startswith("term_") else value
    return out


def run_apply(args: argparse.Namespace) -> int:
    from charter.commands._election_edit import record
    from charter.gate.records import certified

    edit = Edit(args)
    ident = Path(record(edit, args.id)[0]).parent.name
    done = certified(edit.tree, edit.state)
    if ident not in done.ids:
        raise CharterError(
            f"elections/{ident} is not certified on this branch: its result takes effect once "
            f"the pull request certifying it has merged (charter election certify {ident}); "
            "then run this again on the updated branch")
    target = done.council(edit.state.council.resigned)
    doc = edit.doc(COUNCIL).data
    seats = doc["seats"]
    # seats no longer given, or given differently: change in place, or remove
    for i in range(len(seats) - 1, -1, -1):
        login = str(seats[i]["login"])
        want = target.get(login.lower())
        if want is None:
            roundtrip.remove_item(doc, "seats", i)
            continue
        for key in SEAT_KEYS[1:]:
            have, should = seats[i].get(key), want.get(key)
            if (have or None) == (should or None):
                continue
            if should is None:
                del seats[i][key]
            else:
                seats[i][key] = roundtrip.quoted(should) if key.startswith("term_") else should
    listed = {str(s["login"]).lower() for s in seats}
    if not seats and seats.fa.flow_style():
        seats.fa.set_block_style()
    for low, want in target.items():
        if low not in listed:
            roundtrip.append_item(doc, "seats", _seat_entry(want))
    given = [w["login"] for w in target.values() if w.get("elected_in") == ident]
    if given:
        edit.note(f"elections/{ident} gives seats to {', '.join(given)}")
    return edit.finish()


def _seat(edit: Edit, login: str) -> Seat | None:
    return next((s for s in edit.state.council.seats if s.login.lower() == login.lower()), None)


def run_vacancy(args: argparse.Namespace) -> int:
    from charter.commands._election_edit import new_record, render
    from charter.elections import scaffold
    from charter.rules import today

    edit = Edit(args)
    rel = new_record(edit, args.id, "2027-vacancy-b")
    appointee = member_logins(edit.state, [args.appointee], "the appointee")[0]
    if _seat(edit, appointee) is not None:
        raise CharterError(f"{appointee} already holds a council seat")
    seat: Seat | None = None
    out_of_touch: list[tuple[str, str]] = []
    if args.seat:
        if args.cohort or args.term_end:
            raise UsageError("--seat names the seat; --cohort and --term-end are for an empty "
                             "seat")
        seat = _seat(edit, args.seat)
        gone = [r for r in edit.state.council.resigned if r.login.lower() == args.seat.lower()]
        if seat is not None:
            if not args.out_of_touch:
                raise CharterError(
                    f"{seat.login} holds their seat; it is vacant once they resign (charter "
                    f"council resign {seat.login}), or pass --out-of-touch DATE when they "
                    "cannot be reached (PC-VACANCY)")
            since = past_date(args.out_of_touch, "--out-of-touch", "the last contact")
            out_of_touch.append((seat.login, since.isoformat()))
        elif gone:
            r = gone[-1]
            given = _given_seat(edit, r.login, r.elected_in)
            if given is None:
                raise CharterError(f"no certified record gives {r.login} the seat they resigned "
                                   f"(elections/{r.elected_in})")
            seat = given
        else:
            hint = did_you_mean(args.seat, [s.login for s in edit.state.council.seats])
            raise CharterError(f"{args.seat} holds no council seat and has not resigned one"
                               f"{hint}")
        cohort, term_end = seat.cohort, seat.term_end
    else:
        if not (args.cohort and args.term_end):
            raise UsageError("name the seat: --seat LOGIN, or --cohort and --term-end for a "
                             "seat an election left empty")
        cohort, term_end = args.cohort, args.term_end
        try:
            dt.date.fromisoformat(term_end)
        except ValueError:
            raise UsageError(f"--term-end {term_end!r} is not a date (YYYY-MM-DD)") from None
    ro = edit.state.council.returning_officer
    if not ro:
        raise CharterError("council.yaml names no returning officer to run the vote")
    opens = dt.date.fromisoformat(args.opens) if args.opens else today()
    whose = seat.login if seat is not None else f"cohort {cohort}"
    record = scaffold.vacancy(edit.state, title=args.title or f"Fill the council seat of {whose}",
                              opens=opens, returning_officer=ro, appointee=appointee, seat=seat,
                              cohort=cohort, term_end=term_end, out_of_touch=out_of_touch)
    comment = ("A council vote to fill a vacancy (PC-VACANCY), laid out by charter council "
               "vacancy.\nCouncil votes are public: ballots.csv has the header voter,date,vote;"
               "\nevery member votes or explicitly abstains (PC-VOTE).")
    edit.write(rel, render(record, comment))
    return edit.finish()


def _given_seat(edit: Edit, login: str, elected_in: str) -> Seat | None:
    """The seat the certified records gave ``login`` (before their resignation emptied it)."""
    from charter.gate.records import certified

    seats = certified(edit.tree, edit.state).council(())
    s = seats.get(login.lower())
    if s is None or s.get("elected_in") != elected_in:
        return None
    return Seat(s["login"], s["cohort"], s["term_start"], s["term_end"], s["elected_in"],
                s.get("replaces"))


def run_resign(args: argparse.Namespace) -> int:
    edit = Edit(args)
    seat = _seat(edit, args.login)
    if seat is None:
        seated = [s.login for s in edit.state.council.seats]
        raise CharterError(f"{args.login} holds no council seat (seats: "
                           f"{', '.join(seated) or 'none'}){did_you_mean(args.login, seated)}")
    when = past_date(args.date, "--date", "the resignation")
    if seat.term_end <= when.isoformat():
        raise CharterError(f"{seat.login}'s term ended on {seat.term_end}; an ended term needs "
                           "no resignation: the next election's result replaces the seat "
                           "(charter council apply)")
    if seat.term_start > when.isoformat():
        raise UsageError(f"--date {when}: before {seat.login}'s term started ({seat.term_start})")
    doc = edit.doc(COUNCIL).data
    i = index_of(doc["seats"], seat.login)
    assert i is not None  # the state's seats are the file's
    roundtrip.remove_item(doc, "seats", i)
    entry = {"login": seat.login, "elected_in": seat.elected_in,
             "date": roundtrip.quoted(when.isoformat())}
    if "resigned" in doc and doc["resigned"] is not None:
        if not doc["resigned"] and doc["resigned"].fa.flow_style():
            doc["resigned"].fa.set_block_style()
        roundtrip.append_item(doc, "resigned", entry)
    else:
        roundtrip.insert_key_after(doc, "seats", "resigned", [])
        doc["resigned"].fa.set_block_style()
        roundtrip.append_item(doc, "resigned", entry)
    return edit.finish(author=args.author or seat.login)
