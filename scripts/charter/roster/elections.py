"""Elections and votes as the roster shows and publishes them: a typed model read from each
record's definition (``election.yaml``, schema-checked) and its generated ``result.yaml``.

The result file is read defensively: a field that is missing or of the wrong shape is left out
of the model (``None`` or empty), never passed through, so a change to the result file's format
cannot silently change what the site or the ``v2`` API publishes. The HTML pages and ``v2`` are
both rendered from these records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from charter.model import Affiliation

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")

KIND_WORDS = {
    "council-election": "Council election",
    "lead-election": "Election of the lead core maintainer",
    "motion": "Vote",
}
METHOD_WORDS = {
    "bloc-star": "Bloc STAR (score each candidate 0 to 5 stars; each seat goes to the winner "
                 "of an automatic runoff between the two highest scores)",
    "approval": "approval voting (approve any number of candidates; most approvals first)",
    "instant-runoff": "instant runoff (rank the candidates; the fewest first preferences are "
                      "eliminated round by round)",
    "yes-no": "yes, no or abstain",
}
MOTION_WORDS = {
    "member-add": "Admit a member to the community",
    "no-confidence": "Vote of no confidence",
    "amend": "Amend the governance",
    "member-remove": "Remove a member from the community",
    "lead-remove": "Remove the lead core maintainer",
    "council-vote": "Council decision",
    "vacancy": "Fill a vacant council seat",
}
STAGE_WORDS = {
    "scoring": "Tie for a place in the runoff",
    "runoff": "Tie in the runoff",
    "approval": "Tie for the most approvals",
    "elimination": "Tie for the fewest votes",
}


# --- defensive readers ----------------------------------------------------------------------

def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _date(v: Any) -> str | None:
    return v if isinstance(v, str) and _DATE.match(v) else None


def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def _list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else []


def _counts(v: Any) -> tuple[tuple[str, int], ...]:
    """A ``{login: count}`` map, in its recorded order, whole numbers only."""
    return tuple((k, n) for k, n in _dict(v).items()
                 if isinstance(k, str) and _int(n) is not None)


def _logins(v: Any) -> tuple[str, ...]:
    return tuple(x for x in _list(v) if isinstance(x, str))


# --- the model ------------------------------------------------------------------------------

@dataclass(frozen=True)
class TieStep:
    """One step of a tie, in the order it was taken: who was tied, the rule and the counts it
    compared, and who it put ahead (nobody when the tie went on to the next step)."""

    rule: str
    tied: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]
    ahead: tuple[str, ...]
    no_preference: int | None = None
    method: str | None = None  # a recorded resolution: agreement or draw
    seed: str | None = None
    reference: str | None = None

    @property
    def resolution(self) -> bool:
        return self.rule == "recorded resolution"


@dataclass(frozen=True)
class Tie:
    stage: str  # scoring | runoff | approval | elimination
    steps: tuple[TieStep, ...]

    @property
    def tied(self) -> tuple[str, ...]:
        return self.steps[0].tied if self.steps else ()


@dataclass(frozen=True)
class Candidate:
    login: str
    total: int
    five_star: int | None
    affiliations: tuple[Affiliation, ...]


@dataclass(frozen=True)
class StarRound:
    """One finishing place of a Bloc STAR or approval count."""

    number: int
    scores: tuple[tuple[str, int], ...]  # the candidates still in, by total
    finalists: tuple[str, ...]
    runoff: tuple[tuple[str, int], ...]
    no_preference: int | None
    ties: tuple[Tie, ...]
    placed: str
    note: str | None


@dataclass(frozen=True)
class Seat:
    login: str | None  # None: left vacant
    cohort: str | None
    term_start: str | None
    term_end: str | None
    affiliations: tuple[Affiliation, ...] = ()


@dataclass(frozen=True)
class CouncilCount:
    method: str
    unit: str  # stars | approvals
    scope: str | None
    seats: int | None
    candidates: tuple[Candidate, ...]
    rounds: tuple[StarRound, ...]
    order: tuple[str, ...]
    elected: tuple[Seat, ...]
    vacancies: tuple[Seat, ...]
    cap_log: tuple[str, ...]
    max_per_entity: int | None
    unplaced: tuple[str, ...]
    reference: str | None


@dataclass(frozen=True)
class LeadRound:
    number: int
    counts: tuple[tuple[str, int], ...]
    exhausted: int | None
    ties: tuple[Tie, ...]
    eliminated: str | None
    winner: str | None
    note: str | None


@dataclass(frozen=True)
class LeadCount:
    rounds: tuple[LeadRound, ...]
    winner: str | None


@dataclass(frozen=True)
class Act:
    by: str | None
    on: str | None


@dataclass(frozen=True)
class MotionCount:
    type: str | None
    question: str | None
    subject: str | None
    appointee: str | None
    called: Act | None
    seconded: Act | None
    yes: int | None
    no: int | None
    abstain: int | None
    rejected: tuple[tuple[int | None, str], ...]  # (line, reason)
    threshold_needed: int | None
    threshold_of: str | None
    quorum_needed: int | None
    quorum_participated: int | None
    quorum_met: bool | None
    passed: bool | None
    effect: str | None
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Dates:
    nomination_opens: str | None = None
    nomination_closes: str | None = None
    voting_opens: str | None = None
    voting_closes: str | None = None
    finalised: str | None = None


@dataclass(frozen=True)
class Election:
    id: str
    kind: str | None
    title: str | None
    page: str | None
    method: str | None
    returning_officer: str | None
    dates: Dates
    electorate: int | None
    ballots: int | None  # how many took part
    counted: bool  # a result file was read
    certified: bool | None
    ballots_sha256: str | None
    council: CouncilCount | None = None
    lead: LeadCount | None = None
    motion: MotionCount | None = None
    candidates: tuple[str, ...] = field(default_factory=tuple)

    @property
    def turnout_fraction(self) -> float | None:
        if self.ballots is None or not self.electorate:
            return None
        return self.ballots / self.electorate

    @property
    def directory(self) -> str:
        return f"elections/{self.id}"


# --- reading --------------------------------------------------------------------------------

def _affiliations(v: Any) -> tuple[Affiliation, ...]:
    out = []
    for a in _list(v):
        a = _dict(a)
        if _str(a.get("entity")) and _str(a.get("role")):
            out.append(Affiliation(a["entity"], a["role"]))
    return tuple(out)


def _step(v: Any) -> TieStep | None:
    d = _dict(v)
    rule = _str(d.get("rule"))
    if rule is None:
        return None
    counts = _counts(d.get("counts"))
    tied = _logins(d.get("tied")) or tuple(k for k, _ in counts)
    return TieStep(rule, tied, counts, _logins(d.get("ahead")), _int(d.get("no_preference")),
                   _str(d.get("method")), _str(d.get("seed")), _str(d.get("reference")))


def _tie(stage: str, v: Any) -> Tie | None:
    steps = tuple(s for s in map(_step, _list(v)) if s is not None)
    return Tie(stage, steps) if steps else None


def _council(data: dict[str, Any], result: dict[str, Any], max_per_entity: int | None
             ) -> CouncilCount:
    method = _str(result.get("method")) or _str(data.get("method")) or "bloc-star"
    unit = "approvals" if method == "approval" else "stars"
    affs = {(_str(_dict(c).get("login")) or "").lower(): _affiliations(_dict(c).get(
        "affiliations")) for c in _list(data.get("candidates"))}
    candidates = []
    for t in _list(result.get("totals")):
        t = _dict(t)
        login = _str(t.get("candidate"))
        total = _int(t.get(unit))
        if login is None or total is None:
            continue
        candidates.append(Candidate(login, total, _int(t.get("five_star")),
                                    affs.get(login.lower(), ())))
    totals = {c.login: c.total for c in candidates}
    rounds = []
    placed: set[str] = set()
    stage = "approval" if method == "approval" else "scoring"
    for r in _list(result.get("rounds")):
        r = _dict(r)
        number, winner = _int(r.get("round")), _str(r.get("placed"))
        if number is None or winner is None:
            continue
        scores = tuple((c.login, c.total) for c in candidates if c.login not in placed)
        ties = tuple(t for t in (_tie(stage, r.get("scoring_tiebreaks")),
                                 _tie("runoff", r.get("runoff_tiebreaks"))) if t is not None)
        rounds.append(StarRound(number, scores, _logins(r.get("finalists")),
                                _counts(r.get("runoff")), _int(r.get("no_preference")), ties,
                                winner, _str(r.get("note"))))
        placed.add(winner)

    def seat(v: Any) -> Seat:
        s = _dict(v)
        login = _str(s.get("login"))
        return Seat(login, _str(s.get("cohort")), _date(s.get("term_start")),
                    _date(s.get("term_end")), affs.get((login or "").lower(), ()))

    unplaced = _dict(result.get("unplaced"))
    return CouncilCount(
        method=method, unit=unit, scope=_str(result.get("scope")) or _str(data.get("scope")),
        seats=_int(result.get("seats")) or _int(data.get("seats")),
        candidates=tuple(sorted(candidates, key=lambda c: (-totals[c.login], c.login.lower()))),
        rounds=tuple(rounds), order=_logins(result.get("order")),
        elected=tuple(seat(s) for s in _list(result.get("elected")) if _dict(s).get("login")),
        vacancies=tuple(seat(s) for s in _list(result.get("vacancies"))),
        cap_log=tuple(x for x in _list(result.get("coi")) if isinstance(x, str)),
        max_per_entity=max_per_entity,
        unplaced=_logins(unplaced.get("candidates")),
        reference=_str(result.get("reference")),
    )


def _lead(result: dict[str, Any]) -> LeadCount:
    rounds = []
    for r in _list(result.get("rounds")):
        r = _dict(r)
        number = _int(r.get("round"))
        if number is None:
            continue
        tie = _tie("elimination", r.get("tiebreaks"))
        counts = tuple(sorted(_counts(r.get("counts")), key=lambda kv: (-kv[1], kv[0].lower())))
        rounds.append(LeadRound(number, counts, _int(r.get("exhausted")),
                                (tie,) if tie else (), _str(r.get("eliminated")),
                                _str(r.get("winner")), _str(r.get("note"))))
    return LeadCount(tuple(rounds), _str(result.get("winner")))


def _act(v: Any) -> Act | None:
    d = _dict(v)
    return Act(_str(d.get("by")), _date(d.get("on"))) if d else None


def _motion(data: dict[str, Any], result: dict[str, Any]) -> MotionCount:
    m = _dict(data.get("motion"))
    quorum = _dict(result.get("quorum"))
    threshold = _dict(result.get("threshold"))
    met = quorum.get("met")
    passed = result.get("passed")
    rejected = tuple((_int(_dict(r).get("line")), _str(_dict(r).get("reason")) or "")
                     for r in _list(result.get("rejected")) if isinstance(r, dict))
    return MotionCount(
        type=_str(m.get("type")) or _str(result.get("type")), question=_str(m.get("text")),
        subject=_str(m.get("subject")), appointee=_str(m.get("appointee")),
        called=_act(m.get("called")), seconded=_act(m.get("seconded")),
        yes=_int(result.get("yes")), no=_int(result.get("no")),
        abstain=_int(result.get("abstain")), rejected=rejected,
        threshold_needed=_int(threshold.get("needed")), threshold_of=_str(threshold.get("of")),
        quorum_needed=_int(quorum.get("needed")),
        quorum_participated=_int(quorum.get("participated")),
        quorum_met=met if isinstance(met, bool) else None,
        passed=passed if isinstance(passed, bool) else None,
        effect=_str(result.get("effect")),
        notes=tuple(x for x in _list(result.get("notes")) if isinstance(x, str)),
    )


def read_election(eid: str, data: Any, result: Any, page: str | None,
                  max_per_entity: int | None = None) -> Election:
    """The model of one record; ``result`` is the parsed result file, or None."""
    data = _dict(data)
    res = _dict(result)
    kind = _str(data.get("kind"))
    voting, nomination = _dict(data.get("voting")), _dict(data.get("nomination"))
    dates = Dates(_date(nomination.get("opens")), _date(nomination.get("closes")),
                  _date(voting.get("opens")), _date(voting.get("closes")),
                  _date(res.get("finalised")) or _date(data.get("finalised")))
    electorate = _int(res.get("electorate"))
    if electorate is None and isinstance(data.get("electorate"), list):
        electorate = len(data["electorate"])
    ballots = _int(res.get("ballots"))
    if ballots is None and kind == "motion" and res:
        counted = [_int(res.get(k)) for k in ("yes", "no", "abstain")]
        ballots = sum(counted) if None not in counted else None  # type: ignore[arg-type]
    if ballots is None and isinstance(data.get("participation"), list):
        ballots = len(data["participation"])
    certified = res.get("certified")
    if not isinstance(certified, bool) and res:
        certified = dates.finalised is not None  # finalised is the day it was certified
    sha = _str(res.get("ballots_sha256")) or _str(data.get("ballots_sha256"))
    e = Election(
        id=eid, kind=kind, title=_str(data.get("title")), page=page,
        method=_str(data.get("method")) or _str(res.get("method")),
        returning_officer=_str(data.get("returning_officer")), dates=dates,
        electorate=electorate, ballots=ballots, counted=bool(res),
        certified=certified if isinstance(certified, bool) else None,
        ballots_sha256=sha if sha and _SHA.match(sha) else None,
        candidates=tuple(x for x in (_str(_dict(c).get("login")) for c in _list(
            data.get("candidates"))) if x),
    )
    if not res:
        return e
    if kind == "council-election":
        return _replace(e, council=_council(data, res, max_per_entity))
    if kind == "lead-election":
        return _replace(e, lead=_lead(res))
    if kind == "motion":
        return _replace(e, motion=_motion(data, res))
    return e


def _replace(e: Election, **changes: Any) -> Election:
    from dataclasses import replace

    return replace(e, **changes)


def winners(e: Election) -> tuple[str, ...]:
    """Who an election put in office (elected council members, or the lead)."""
    if e.council is not None:
        return tuple(s.login for s in e.council.elected if s.login)
    if e.lead is not None and e.lead.winner:
        return (e.lead.winner,)
    return ()
