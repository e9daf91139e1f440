"""Requirements of changes caused by votes: election records themselves, council seats, voting
membership of the community, the lead's election and amendments.

* **A vote takes effect only once certified on the base branch.** Certifying a record is a pull
  request of its own: the base's code recounts the record from the head's files and must produce
  the committed result byte for byte, and the returning officer the base names approves (a core
  majority where the base names none, or where the returning officer is a party to the vote).
* **Certified records are append-only.** Changing or deleting one is a correction: a majority of
  the core maintainers, a discussion link, and (for a change) a new entry under ``corrections``.
* **Every effect matches its cause.** A seat is exactly what the base's certified records give
  (login, cohort, term, ``elected_in``, ``replaces``); a seat leaves before its term ends only by
  resignation or because a certified record took it; a voting member cites the certified vote
  that admitted them; a new lead is the winner of the lead election cited.
"""

from __future__ import annotations

from typing import Any

from charter.elections import day
from charter.elections.record import rule_of
from charter.gate.events import Event
from charter.gate.groups import (
    NOMINEE,
    Context,
    Group,
    Requirement,
    conflicts,
    consent,
    consents,
    core_any,
    core_majority,
    decide,
    one,
    owners,
)
from charter.rules import today
from charter.rules.util import parse_date

SEAT_FIELDS = ("cohort", "term_start", "term_end", "elected_in", "replaces")


# --- which certified record says what --------------------------------------------------------

def vote_mismatch(ctx: Context, ident: str, kind: str, subject: str | None = None) -> str | None:
    """Why elections/<ident> is not a certified, passed vote of ``kind`` (an election kind or a
    motion type) about ``subject``; None when it is one. Only records certified on the base
    branch count."""
    if ident not in ctx.elections:
        return (f"elections/{ident} is not certified on the base branch (a record takes effect "
                "only after the pull request certifying it has merged)")
    record = ctx.base.elections[ident]  # certified on the base: its record is there
    is_motion = record["kind"] == "motion"
    motion = record.get("motion") or {}  # a certified motion has one (else it is not counted)
    voted = motion.get("type") if is_motion else record["kind"]
    if voted != kind:
        return f"elections/{ident} is a {voted} vote, not {kind}"
    about = str(motion.get("subject"))  # member-add and -remove votes name one to be counted
    if subject is not None and about.lower() != subject.lower():
        return f"elections/{ident} is about {about}, not {subject}"
    if is_motion and ctx.results[ident].get("passed") is not True:
        return f"the vote elections/{ident} did not pass"
    return not_of_the_day(ctx, ident, record)


def not_of_the_day(ctx: Context, ident: str, record: dict[str, Any]) -> str | None:
    """Why a certified record was not voted by the electorate of its day, by the base's files
    (charter.elections.day); None when it was, or when its electorate is a council's. A record
    that left people out, or let others in, decides nothing, however it was certified."""
    e = day.of_record(ctx.base, record)
    if e is None:
        return None
    issues = day.problems(ctx.base, e, record)
    if not issues:
        return None
    return (f"elections/{ident} was not voted by the electorate of its day: {issues[0][0]}; a "
            "record is corrected by a majority of the core maintainers (PC-ELECTION), and "
            "decides nothing until then")


# --- election records --------------------------------------------------------------------------

def _parties(data: dict[str, Any]) -> set[str]:
    """Who a record is about, lower-cased: its candidates, and a motion's subject and appointee."""
    motion = data.get("motion") if isinstance(data.get("motion"), dict) else {}
    about = [c.get("login") for c in data.get("candidates") or () if isinstance(c, dict)]
    about += [motion.get("subject"), motion.get("appointee")]
    return {str(x).lower() for x in about if x}


def _no_returning_officer(ctx: Context, ro: str | None, data: dict[str, Any]) -> str | None:
    """Why the returning officer the base names cannot certify this record; None when they can."""
    named = str(data.get("returning_officer") or "")
    if not ro:
        return "the base branch names no returning officer"
    if named.lower() != ro.lower():
        return (f"the record names {named or 'nobody'} as returning officer, the base branch "
                f"names {ro}")
    if ro.lower() in _parties(data):
        return f"the returning officer {ro} is a party to this vote"
    if ctx.base.member(ro) is None:
        return f"the returning officer {ro} has no member record"
    return None


def certifier(ctx: Context, data: dict[str, Any]) -> tuple[Group, str]:
    """Who certifies a record: the returning officer the base names, unless there is none, the
    record names another, or they are a party to it; then a majority of the core maintainers
    (without the returning officer or anyone related to them)."""
    ro = ctx.base.council.returning_officer
    why = _no_returning_officer(ctx, ro, data)
    if why is not None:
        return core_majority(ctx, conflicts(ctx, ro) if ro else {}), why
    return one("returning officer", ro, f"the returning officer, {ro}"), ""


def election_record(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    ident = ev.subject
    rc = ctx.recounts.get(ident)
    if ident in ctx.elections:
        return [_correction(ctx, ev, ident, rc)]
    if rc is not None and rc.certifies:
        return [_certification(ctx, ev, ident, rc)]
    ro = ctx.base.council.returning_officer
    return [Requirement("GOV-APPROVAL", ev, f"{ev.describe()} (not certified: it has no effect "
                        "until a pull request of its own certifies it)",
                        [owners(ctx, (ro,) if ro else (), "returning officer or core maintainers",
                                {})])]


def _certification(ctx: Context, ev: Event, ident: str, rc: Any) -> Requirement:
    data = rc.definition if isinstance(rc.definition, dict) else {}
    group, why = certifier(ctx, data)
    summary = f"elections/{ident} certified: the base's charter recounts it from its ballots"
    if why:
        summary += f"; {why}, so a majority of the core maintainers certifies it"
    req = Requirement(rule_of(data), ev, summary, [group])
    if rc.problems:
        more = len(rc.problems) - 3
        req.problems.append(f"{req.rule}: elections/{ident} cannot be certified: "
                            + "; ".join(rc.problems[:3])
                            + (f"; and {more} more (charter check lists them all)" if more > 0
                               else ""))
    elif not rc.matches:
        req.problems.append(
            f"{req.rule}: elections/{ident}/result.yaml is not what the base's charter counts "
            f"from the record's files; run: charter election tally elections/{ident} (with the "
            "charter of the base branch) and commit the result it writes")
    req.unreachable()
    return req


def _correction(ctx: Context, ev: Event, ident: str, rc: Any) -> Requirement:
    deleted = rc is None or rc.definition is None
    if (not deleted and rc.matches and _same_record(ctx, ident, rc)):
        ro = ctx.base.council.returning_officer
        return Requirement("GOV-APPROVAL", ev, f"elections/{ident}/result.yaml regenerated by "
                           "the base's charter from the same certified record",
                           [owners(ctx, (ro,) if ro else (),
                                   "returning officer or core maintainers", {})])
    what = "deleted" if deleted else "changed"
    req = Requirement("PC-ELECTION", ev, f"certified record elections/{ident} {what}: a "
                      "correction", [core_majority(ctx, {})])
    if deleted:
        req.problems.append(
            f"PC-ELECTION: elections/{ident} is certified; its record is kept. A certified vote "
            "is undone only by a later one; a record proven wrong is corrected in place (with an "
            "entry under corrections), never deleted")
    else:
        before = list((ctx.base.elections.get(ident) or {}).get("corrections") or [])
        after = list((rc.definition or {}).get("corrections") or [])
        if after[: len(before)] != before or len(after) <= len(before):
            req.problems.append(
                f"PC-ELECTION: a correction of certified elections/{ident} leaves a trail: "
                "append an entry to corrections in its election.yaml (date, reason, discussion) "
                "and keep the earlier entries as they are")
        if rc.problems or not rc.matches:
            req.problems.append(
                f"PC-ELECTION: the corrected elections/{ident}/result.yaml must be what the "
                f"base's charter counts; run: charter election tally elections/{ident}")
    if not ctx.body.issues("discussion"):
        req.problems.append("GOV-DISCUSSION: a correction of a certified vote links the issue "
                            "where it was discussed: add a '## Discussion' section with its "
                            "number (e.g. #123)")
    req.unreachable()
    return req


def _same_record(ctx: Context, ident: str, rc: Any) -> bool:
    """The head's definition equals the base's (only the generated result differs)."""
    return ctx.base.elections.get(ident) == rc.definition


# --- council seats -----------------------------------------------------------------------------

def seat(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """A seat added or changed is exactly one that the base's certified records give."""
    login = ev.subject
    # a seat added or changed is in the head's council
    head = next(s for s in ctx.head.council.seats if s.login.lower() == login.lower())
    rule = "PC-VACANCY" if head.replaces else "PC-ELECTION"
    excluded = conflicts(ctx, login)
    req = Requirement(rule, ev, f"{ev.describe()}: as the certified records give it",
                      [core_any(ctx, excluded)], excluded)
    given = ctx.council_given.get(login.lower())
    if given is None:
        req.problems.append(
            f"{rule}: no certified election or vote on the base branch gives {login} a seat; "
            "certify the record that elects or appoints them first (its own pull request), "
            "then add the seat as its result.yaml states it")
        return [req]
    have = {f: getattr(head, f) for f in SEAT_FIELDS}
    want = {f: given.get(f) for f in SEAT_FIELDS}
    wrong = [f for f in SEAT_FIELDS if (have[f] or None) != (want[f] or None)]
    if wrong:
        shown = ", ".join(f"{f} {want[f]!r}" for f in wrong)
        req.problems.append(
            f"{'PC-TERM' if set(wrong) & {'term_start', 'term_end', 'cohort'} else rule}: "
            f"{login}'s seat is set by elections/{want['elected_in']}: {shown} (a seat, its "
            "term and whom it replaces change only by a certified record)")
    return [req]


def seat_removed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """A seat whose term has ended is cleared by one core maintainer. Before then a member
    leaves only by resigning (their consent) or because a certified record took the seat (a vote
    of no confidence, a removal, a replacement, a new election: the seats the base's certified
    records give no longer include it)."""
    person = ev.subject
    excluded = conflicts(ctx, person)
    req = Requirement("PC-TERM", ev, ev.describe(), [core_any(ctx, excluded)], excluded)
    # a seat removed is in the base's council
    old = next(s for s in ctx.base.council.seats if s.login.lower() == person.lower())
    end = parse_date(old.term_end)
    if end is None or end <= today():
        return [req]
    if consents(ctx, person, approved):
        req.summary = f"{person} resigns from the council before the term ends ({old.term_end})"
        req.groups.insert(0, consent(person))
        if not any(r.login.lower() == person.lower() and r.elected_in == old.elected_in
                   for r in ctx.head.council.resigned):
            req.problems.append(
                f"PC-TERM: record the resignation in council.yaml under resigned (login: "
                f"{person}, elected_in: {old.elected_in}, date): the seat stays empty until a "
                "vacancy vote or the next election fills it")
        return [req]
    given = ctx.council_given.get(person.lower())
    if given is None or given.get("elected_in") != old.elected_in:
        req.summary = f"{ev.describe()}: the base's certified records no longer give this seat"
        return [req]
    req.problems.append(
        f"PC-NO-CONFIDENCE: {person}'s term runs until {old.term_end}; a council member leaves "
        "before then only by resigning (they open or approve this pull request) or by a "
        "certified vote that takes the seat (no confidence, removal, or a vacancy vote naming "
        "them), certified on the base branch first")
    return [req]


def resigned(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """A resignation is the member's own act (their consent) and empties the seat they held."""
    person = ev.subject
    excluded = conflicts(ctx, person)
    req = Requirement("PC-TERM", ev, ev.describe(), [consent(person), core_any(ctx, excluded)],
                      excluded)
    if not consents(ctx, person, approved):
        req.problems.append(f"PC-TERM: only {person} resigns their seat: they open or approve "
                            "this pull request")
    old = next((s for s in ctx.base.council.seats if s.login.lower() == person.lower()), None)
    if old is None or old.elected_in != ev.data.get("elected_in"):
        req.problems.append(f"PC-TERM: {person} holds no seat from elections/"
                            f"{ev.data.get('elected_in')} on the base branch")
    if any(s.login.lower() == person.lower() for s in ctx.head.council.seats):
        req.problems.append(f"PC-TERM: remove {person}'s seat from council.yaml with the "
                            "resignation")
    return [req]


def council_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    if ev.detail == "resigned":
        req = Requirement("PC-TERM", ev, ev.describe(), [core_majority(ctx, {})])
        req.problems.append("PC-TERM: resignations are a record: append new entries under "
                            "resigned, never edit or remove earlier ones")
        return [req]
    return _returning_officer(ctx, ev)


def _returning_officer(ctx: Context, ev: Event) -> list[Requirement]:
    from fractions import Fraction

    from charter import policy as _policy

    seats = tuple(s.login for s in ctx.base.council.seats)
    excluded = conflicts(ctx, ev.after, NOMINEE) if ev.after else {}
    if not seats:
        req = Requirement("PC-ELECTION", ev, ev.describe(), [core_majority(ctx, excluded)],
                          excluded)
    else:
        req = Requirement("PC-ELECTION", ev, f"{ev.describe()}: nominated by the outgoing "
                          "council", [decide("council members", seats, excluded,
                                             lambda n: _policy.more_than(Fraction(1, 2), n),
                                             f"a majority of the {len(seats)} council members")],
                          excluded)
    req.unreachable()
    return [req]


# --- community membership ----------------------------------------------------------------------

def community(ctx: Context, who: str, before_: Any, after_: Any, approved: set[str]
              ) -> list[str]:
    """Voting membership of the community changes only as the PC-MEMBER rules say: admission by
    a certified member-add vote about the person (named by ``admitted_by``), leaving by the
    person's own wish or a certified removal vote, resuming after a lapse at their own request."""
    before = dict(before_ or {})
    after = dict(after_ or {})
    out: list[str] = []
    member_now = bool(after) and not after.get("removed")
    admitted = member_now and (not before or bool(before.get("removed"))
                               or before.get("since") != after.get("since")
                               or before.get("admitted_by") != after.get("admitted_by"))
    if admitted:
        ref = str(after.get("admitted_by") or "")
        ident = ref.removeprefix("elections/").strip("/")
        if not ref.startswith("elections/") or not ident:
            out.append(f"PC-MEMBER-ADD: {who} joins the community only by a member-add vote: set "
                       "community.admitted_by to the elections/<id> whose certified result "
                       "admits them")
        elif why := vote_mismatch(ctx, ident, "member-add", who):
            out.append(f"PC-MEMBER-ADD: {ref} does not admit {who}: {why}")
        else:
            # charter writes a certified result with its day; one edited by hand may lack it
            fin = ctx.results[ident].get("finalised")
            if not fin:
                out.append(f"PC-MEMBER-ADD: {ref}/result.yaml names no day it was certified "
                           f"(finalised); run: charter election tally {ref}")
            elif str(after["since"]) < str(fin):
                out.append(f"PC-MEMBER-ADD: {who} is a community member from the day the vote "
                           f"was certified ({fin}), not {after.get('since')}")
    is_consent = consents(ctx, who, approved)
    leaves = bool(before) and not before.get("removed") and not member_now
    if leaves and not is_consent and not any(
            not vote_mismatch(ctx, v, "member-remove", who)
            for v in ctx.body.elections("vote")):
        out.append(f"PC-MEMBER-REMOVE: {who} leaves the community only at their own wish (they "
                   "open or approve this pull request) or by a certified council vote named "
                   "under '## Vote' (elections/<id>)")
    if after.get("resumed") and after.get("resumed") != before.get("resumed") and not is_consent:
        out.append(f"PC-MEMBER-LAPSE: {who} resumes voting only at their own written request: "
                   "they open or approve this pull request")
    return out


# --- the electorate of a certified vote's day -------------------------------------------------

def rewritten(ctx: Context) -> list[Requirement]:
    """A certified vote that the base's files show was voted by the electorate of its day, and
    the head's no longer do: the change rewrites who could vote then (a core maintainer deleted
    rather than moved to emeritus, a departure or a joined day moved across the day voting
    opened). The vote would stop counting -- unseating the lead or the council it elected -- so
    the change is refused; a record proven wrong is corrected instead (PC-ELECTION)."""
    out = []
    for ident in sorted(ctx.elections):
        data = ctx.base.elections[ident]
        then = day.of_record(ctx.base, data)
        if then is None or day.problems(ctx.base, then, data):
            continue  # a council vote, or one that already decides nothing
        now = ctx.head.elections.get(ident, data)  # as a correction here leaves it
        e = day.of_record(ctx.head, now)
        issues = day.problems(ctx.head, e, now) if e is not None else []
        if not issues:
            continue
        rule = rule_of(data)
        ev = Event("electorate-rewritten", ident, f"elections/{ident}/election.yaml",
                   ("electorate",), side="base")
        req = Requirement(rule, ev, ev.describe())  # refused: no approvals make it right
        keep = ("move a core maintainer to emeritus (with the day) rather than delete them, "
                "and give a new one the day they join" if then.body == "core" else
                "record a member's leaving under community.removed rather than deleting it, and "
                "give a member admitted again the day of the vote that admits them")
        req.problems.append(
            f"{rule}: by the files of this pull request, certified elections/{ident} was not "
            f"voted by the electorate of its day ({issues[0][0]}); the files keep who could "
            f"vote on every day: {keep}")
        out.append(req)
    return out


# --- the lead ----------------------------------------------------------------------------------

def lead_elected(ctx: Context, new: str, ident: str | None) -> list[str]:
    if not ident:
        return ["GOV-LEAD-ELECT: a new lead is elected by the core maintainers (instant-runoff); "
                "set lead_elected_in in core.yaml to the elections/<id> that records it"]
    if why := vote_mismatch(ctx, ident, "lead-election"):
        return [f"GOV-LEAD-ELECT: {why}"]
    winner = str((ctx.results.get(ident) or {}).get("winner") or "")
    if winner.lower() != new.lower():
        return [f"GOV-LEAD-ELECT: elections/{ident} elected {winner or 'nobody'}, not {new}"]
    return []
