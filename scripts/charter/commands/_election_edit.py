"""``charter election new | nominate | ballots | certify``: an election or vote from its first day
to its certified result, each step checked with the whole repository and ending with what the
pull request will need.

* ``new ID --kind council-election|lead-election`` lays out an open record from the policy
  (seats, cohort, windows, electorate from the voter roll, the returning officer);
* ``nominate ID LOGIN...`` records candidates, with their affiliations as of today (PC-COI);
* ``ballots ID FILE`` commits the ballots, their sha256 and who took part;
* ``certify ID`` records the day the result is final and writes ``result.yaml``. Certifying is a
  pull request of its own (the returning officer approves it); the result takes effect -- a seat,
  a lead, a member -- only in a later pull request (``charter council apply``, ``charter core
  lead``), once the certification has merged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from typing import Any

from charter import roundtrip, yamlio
from charter.commands._common import past_date
from charter.commands._edit import Edit, add_edit_options
from charter.commands._people import index_of, member_logins
from charter.errors import CharterError, UsageError
from charter.policy import at_least
from charter.suggest import did_you_mean

_ID = re.compile(r"[a-z0-9](?:[a-z0-9]|[-_.](?=[a-z0-9])){0,62}")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def register(esub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    n = esub.add_parser("new", help="lay out a new election record from the policy",
                        description="Write elections/ID/election.yaml for a council or lead "
                        "election: seats, cohort and method from policy.yaml, the nomination "
                        "and voting windows, the electorate from the voter roll, the returning "
                        "officer from council.yaml. The record stays open until its ballots are "
                        "committed.")
    n.add_argument("id", metavar="ID", help="the record's folder name, e.g. 2027-council-b")
    n.add_argument("--kind", choices=("council-election", "lead-election", "member-add"),
                   default="council-election",
                   help="what is elected or voted on (default: the council); member-add: the "
                   "community's vote to admit --subject (PC-MEMBER-ADD)")
    n.add_argument("--subject", metavar="LOGIN",
                   help="member-add: the person to admit (they need no member file yet)")
    n.add_argument("--called-by", metavar="LOGIN",
                   help="member-add: the community member who called the vote")
    n.add_argument("--seconded-by", metavar="LOGIN",
                   help="member-add: the community member who seconded the call")
    n.add_argument("--called-on", metavar="DATE", help="member-add: when (default today)")
    n.add_argument("--seconded-on", metavar="DATE",
                   help="member-add: when (default: the day of the call)")
    n.add_argument("--scope", choices=("whole", "A", "B"),
                   help="council elections: the whole council or one cohort (default: the "
                   "cohort whose terms end first, or the whole council when there is none)")
    n.add_argument("--opens", metavar="DATE",
                   help="the first day of nominations (lead elections: of voting); default "
                   "today")
    n.add_argument("--title", help="the record's title (default: from the kind and year)")
    n.add_argument("--returning-officer", metavar="LOGIN",
                   help="who runs the count (default: council.yaml's returning officer)")
    n.add_argument("--candidate", action="append", default=[], metavar="LOGIN",
                   help="a candidate known already (repeatable; or later: charter election "
                   "nominate)")
    n.set_defaults(func=run_new)

    m = esub.add_parser("nominate", help="record candidates of an open election",
                        description="Add candidates to an open election, with their "
                        "affiliations as of today (PC-COI counts them as at nomination).")
    m.add_argument("id", metavar="ID", help="the election (elections/ID)")
    m.add_argument("logins", nargs="+", metavar="LOGIN", help="the candidates")
    m.set_defaults(func=run_nominate)

    b = esub.add_parser("ballots", help="commit the ballots of a record and their sha256",
                        description="Copy FILE to elections/ID/ballots.csv and record its "
                        "sha256 (and, for anonymous ballots, who took part) in election.yaml.")
    b.add_argument("id", metavar="ID", help="the record (elections/ID)")
    b.add_argument("file", metavar="FILE", help="the ballots as elections/README.md describes")
    b.add_argument("--participation", action="append", default=[], metavar="LOGIN[,LOGIN...]",
                   help="anonymous ballots: who voted, never how (repeatable)")
    b.set_defaults(func=run_ballots)

    c = esub.add_parser("certify", help="record the day the result is final; write result.yaml",
                        description="Set finalised in election.yaml and write the counted "
                        "result. The pull request this makes is the certification (approved by "
                        "the returning officer); the result takes effect after it merges.")
    c.add_argument("id", metavar="ID", help="the record (elections/ID)")
    c.add_argument("--date", metavar="DATE",
                   help="the day the result is final (default: today; not before voting closed)")
    c.set_defaults(func=run_certify)
    for x in (n, m, b, c):
        add_edit_options(x)


# --- writing records in the shipped layout ---------------------------------------------------

def _node(key: str, value: Any) -> Any:
    if isinstance(value, dict):
        out = roundtrip.commented({k: _node(k, v) for k, v in value.items()})
        if key == "affiliations_item":
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        if key == "affiliations":
            return roundtrip.seq([_node("affiliations_item", v) for v in value], flow=True)
        items = roundtrip.commented([_node(key, v) for v in value])
        if not value:
            items.fa.set_flow_style()
        return items
    if isinstance(value, str) and _DATE.match(value):
        return roundtrip.quoted(value)
    return value


def render(record: dict[str, Any], comment: str) -> bytes:
    """A new record as bytes: block lists, affiliations in flow style, dates quoted."""
    return roundtrip.new({k: _node(k, v) for k, v in record.items()}, comment=comment)


def new_record(edit: Edit, ident: str, example: str) -> str:
    """``elections/ID/election.yaml`` for a new record: ``ident`` is a slug no record uses."""
    if not _ID.fullmatch(ident):
        raise UsageError(f"ID {ident!r}: lower-case letters and digits, with single '.', '_' "
                         f"or '-' between them (e.g. {example})")
    if edit.tree.files(f"elections/{ident}"):
        raise CharterError(f"elections/{ident}/ already exists; choose another ID")
    return f"elections/{ident}/election.yaml"


def record(edit: Edit, ident: str) -> tuple[str, dict[str, Any]]:
    ident = Path(ident.rstrip("/")).name
    rel = f"elections/{ident}/election.yaml"
    data = edit.state.elections.get(ident)
    if data is None:
        if edit.tree.exists(rel):
            raise CharterError(f"{rel} has errors, so it cannot be edited safely; see: charter "
                               f"validate {rel}")
        hint = did_you_mean(ident, edit.state.elections)
        raise CharterError(f"no record elections/{ident}{hint}")
    return rel, data


def _opens(text: str | None, today: dt.date) -> dt.date:
    if not text:
        return today
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--opens {text!r} is not a date (YYYY-MM-DD)") from None


def _due_scope(edit: Edit) -> str:
    """The cohort whose terms end first; the whole council when there are no seats."""
    seats = edit.state.council.seats
    if not seats:
        return "whole"
    first = min(seats, key=lambda s: (s.term_end, s.cohort))
    return first.cohort


def run_new(args: argparse.Namespace) -> int:
    from charter.elections import scaffold
    from charter.rules import today

    edit = Edit(args)
    rel = new_record(edit, args.id, "2027-council-b")
    now = today()
    opens = _opens(args.opens, now)
    ro = args.returning_officer or edit.state.council.returning_officer
    if not ro:
        raise UsageError("council.yaml names no returning officer: pass --returning-officer "
                         "LOGIN (PC-ELECTION: nominated by the outgoing council)")
    ro = member_logins(edit.state, [ro], "the returning officer")[0]
    candidates = member_logins(edit.state, args.candidate, "--candidate")
    if args.kind == "member-add":
        record, comment = _member_add(edit, args, opens, ro)
    elif args.kind == "lead-election":
        title = args.title or f"Lead core maintainer election {opens.year}"
        record = scaffold.lead_election(edit.state, title=title, opens=opens,
                                        returning_officer=ro, candidates=candidates)
        comment = ("A lead election (GOV-LEAD-ELECT), laid out by charter election new:\n"
                   "instant-runoff among the core maintainers; ballots.csv ranks the candidates.")
    else:
        scope = args.scope or _due_scope(edit)
        what = "the whole council" if scope == "whole" else f"cohort {scope}"
        title = args.title or f"Council election {opens.year} ({what})"
        record = scaffold.council_election(edit.state, title=title, scope=scope, opens=opens,
                                           returning_officer=ro,
                                           candidates=candidates)
        comment = (f"A council election of {what} (PC-ELECTION), laid out by charter election "
                   "new.\nCandidates self-nominate in the nomination window (charter election "
                   "nominate);\nballots are committed after voting closes (charter election "
                   "ballots).")
    edit.write(rel, render(record, comment))
    if args.kind == "lead-election":
        edit.note(f"electorate: the {len(record['electorate'])} core maintainers")
    elif args.kind == "member-add":
        n = len(record["electorate"])
        quorum = at_least(edit.state.policy.fraction("council.member_add_quorum"), n)
        edit.note(f"electorate: {n} (the voter roll of {now}); quorum: {quorum} must take part")
    else:
        edit.note(f"electorate: {len(record['electorate'])} (the voter roll of {now}; charter "
                  "election roll shows it)")
    return edit.finish()


def _member_add(edit: Edit, args: argparse.Namespace, opens: dt.date,
                ro: str) -> tuple[dict[str, Any], str]:
    from charter.elections import scaffold
    from charter.model import is_login

    if not (args.subject and args.called_by and args.seconded_by):
        raise UsageError("--kind member-add needs --subject LOGIN, --called-by LOGIN and "
                         "--seconded-by LOGIN (PC-MEMBER-ADD: called by one member, seconded "
                         "by another)")
    subject = args.subject
    if not is_login(subject):
        raise UsageError(f"--subject {subject!r} is not a GitHub login")
    known = edit.state.member(subject)
    if known is not None:
        subject = known.login
        com = known.community or {}
        if com and not com.get("removed"):
            raise CharterError(f"{subject} is a community member already (since "
                               f"{com.get('since')})")
    caller, seconder = member_logins(edit.state, [args.called_by, args.seconded_by],
                                     "--called-by/--seconded-by")
    called_on = past_date(args.called_on, "--called-on", "the call")
    seconded_on = (past_date(args.seconded_on, "--seconded-on", "the seconding")
                   if args.seconded_on else called_on)
    if not args.opens:
        opens = max(opens, seconded_on)
    title = args.title or f"Admit {subject} to the community"
    record = scaffold.member_add(edit.state, title=title, subject=subject,
                                 called=(caller, called_on.isoformat()),
                                 seconded=(seconder, seconded_on.isoformat()), opens=opens,
                                 returning_officer=ro)
    comment = ("A community vote to admit a member (PC-MEMBER-ADD), laid out by charter "
               "election new:\na simple majority of the votes cast with a quorum; ballots.csv "
               "is anonymous (date,vote)\nand participation lists who voted.")
    return record, comment


def run_nominate(args: argparse.Namespace) -> int:
    from charter.elections.scaffold import affiliations

    edit = Edit(args)
    rel, data = record(edit, args.id)
    if data.get("finalised") or data.get("ballots_sha256"):
        raise CharterError(f"{rel}: the ballots are in; candidates can no longer change")
    if data.get("kind") == "motion":
        raise CharterError(f"{rel} is a motion; it has no candidates")
    logins = member_logins(edit.state, args.logins, "the candidate")
    doc = edit.doc(rel).data
    electorate = [str(x) for x in data.get("electorate") or ()]
    for login in logins:
        if index_of(data.get("candidates") or [], login) is not None:
            raise CharterError(f"{login} is already a candidate in {rel}")
        if index_of(electorate, login) is None:
            who = ("a core maintainer" if data.get("kind") == "lead-election"
                   else "a community member in the electorate")
            raise CharterError(f"{login} is not in the electorate of {rel}; a candidate is "
                               f"{who}")
        entry: dict[str, Any] = {"login": login}
        if data.get("kind") == "council-election":
            entry["affiliations"] = affiliations(edit.state.member(login))
        item = {k: _node(k, v) for k, v in entry.items()}
        if "candidates" not in doc or doc["candidates"] is None:
            roundtrip.insert_key_after(doc, "electorate", "candidates", [])
            doc["candidates"].fa.set_block_style()
        roundtrip.append_item(doc, "candidates", item)
    return edit.finish()


def run_ballots(args: argparse.Namespace) -> int:
    from charter.elections.ballots import sha256

    edit = Edit(args)
    rel, data = record(edit, args.id)
    if data.get("finalised"):
        raise CharterError(f"{rel} is certified; its ballots are a record and stay as they are")
    try:
        raw = Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.file}: cannot read ({exc.strerror or exc})") from None
    folder = rel.rsplit("/", 1)[0]
    edit.write(f"{folder}/ballots.csv", raw)
    doc = edit.doc(rel).data
    digest = sha256(raw)
    if "ballots_sha256" in doc:
        doc["ballots_sha256"] = digest
    else:
        doc.insert(len(doc), "ballots_sha256", digest)
    voters = [x.strip().lstrip("@") for v in args.participation for x in v.split(",") if x.strip()]
    if voters:
        voters = member_logins(edit.state, voters, "--participation")
        items = roundtrip.commented(list(voters))
        if "participation" in doc:
            doc["participation"] = items
        else:
            roundtrip.insert_key_after(doc, "electorate", "participation", items)
    c = _count(edit, rel)
    if c.result is not None:
        # the provisional result (certified: false until charter election certify)
        edit.write(c.record.result_path, c.render().encode("utf-8"))
        edit.note("\n".join(c.report))
    if c.tie is None:
        return edit.finish()
    tie = str(c.tie)
    edit.note(f"the count stops at a tie: {tie}; record how it is resolved: charter election "
              f"resolve-tie elections/{c.record.id} --agree ... | --seed ...")
    return edit.finish(allow=lambda f: f.message == tie)


def _count(edit: Edit, rel: str, *, certifying: bool = False) -> Any:
    """The record ``rel`` counted as the edit leaves it (nothing written), against the
    repository (the electorate of its day, its returning officer, its candidates'
    affiliations); ``certifying`` holds a record being finalised to all of them."""
    from charter.elections.record import count, read_record
    from charter.gate.preview import overlay

    edited = overlay(edit.tree, edit.changes())
    plain = yamlio.loads(edited.read(rel))
    return count(read_record(edited, Path(rel).parent.name, plain), edit.state.policy,
                 edit.state, certifying=certifying)


def run_certify(args: argparse.Namespace) -> int:
    edit = Edit(args)
    rel, data = record(edit, args.id)
    if data.get("finalised"):
        raise CharterError(f"{rel} is already certified (finalised {data['finalised']})")
    if "ballots_sha256" not in data:
        raise CharterError(f"{rel} has no ballots yet; commit them first: charter election "
                           f"ballots {Path(rel).parent.name} FILE")
    when = past_date(args.date, "--date", "the certification")
    closes = str((data.get("voting") or {}).get("closes") or "")
    if closes and when.isoformat() < closes:
        raise UsageError(f"--date {when}: voting closes on {closes}; a result is final only "
                         "after voting has closed")
    doc = edit.doc(rel).data
    value = roundtrip.quoted(when.isoformat())
    if "finalised" in doc:
        doc["finalised"] = value
    else:
        roundtrip.insert_key_after(doc, "voting", "finalised", value)
    ident = Path(rel).parent.name
    c = _count(edit, rel, certifying=True)
    if c.tie is not None:
        raise CharterError(f"elections/{ident}: {c.tie}; record how it is resolved first: "
                           f"charter election resolve-tie elections/{ident}")
    if c.result is None or c.errors:
        msgs = "; ".join(p.message for p in c.errors[:3]) or "it cannot be counted"
        raise CharterError(f"elections/{ident} cannot be certified: {msgs}")
    edit.write(c.record.result_path, c.render().encode("utf-8"))
    edit.note("\n".join(c.report))
    return edit.finish()
