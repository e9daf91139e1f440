"""From a finishing order to a council: the PC-COI cascade, cohorts and terms (PC-TERM).

The cascade walks the finishing order and elects each candidate in turn unless they would give
one entity more than ``council.max_per_entity`` seats (counting sitting members in a cohort
election); such a candidate is disqualified and the next one moves up. When candidates run out
the remaining seats stay vacant, or -- with ``council.coi_exhausted: requalify`` -- the
disqualified are re-qualified in rank order. Affiliations are those recorded at nomination time;
the policy's ``council.coi_exempt`` entries (plain foundation membership) do not count.

The finishing order is pulled one place at a time, so a tie further down the order than the
result needs never stops the count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from charter.elections.star import Round
from charter.elections.ties import TieUnresolved
from charter.policy import Policy
from charter.rules.util import add_months


def coi_entities(affiliations: Iterable[dict[str, Any]], policy: Policy) -> list[str]:
    """The entities a person counts toward under PC-COI, after the policy's exemptions."""
    exempt = {
        (e["entity"].casefold(), r.casefold())
        for e in policy.get("council.coi_exempt")
        for r in e["roles"]
    }
    out: list[str] = []
    for a in affiliations:
        ent = str(a["entity"])
        if (ent.casefold(), str(a["role"]).casefold()) in exempt:
            continue
        if ent.casefold() not in (e.casefold() for e in out):
            out.append(ent)
    return out


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")


def _ordinal(n: int) -> str:
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"{n}th"


@dataclass
class Outcome:
    """The finishing order as far as it was counted, and who is elected."""

    order: list[str] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    elected: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    vacancies: int = 0
    unplaced: list[str] = field(default_factory=list)
    later_tie: TieUnresolved | None = None


class _Puller:
    def __init__(self, rounds: Iterator[Round], out: Outcome):
        self.rounds = rounds
        self.out = out
        self.done = False

    def next(self) -> str | None:
        if self.done:
            return None
        try:
            rnd = next(self.rounds)
        except StopIteration:
            self.done = True
            return None
        self.out.rounds.append(rnd)
        self.out.order.append(rnd.winner)
        return rnd.winner


def cascade(rounds: Iterator[Round], candidates: list[str], seats: int,
            affiliations: dict[str, list[dict[str, Any]]],
            sitting: dict[str, list[dict[str, Any]]], policy: Policy) -> Outcome:
    """Elect ``seats`` candidates from the order ``rounds`` yields (PC-COI).

    Raises :class:`~.ties.TieUnresolved` when a tie that decides who is elected is unbroken.
    """
    out = Outcome()
    pull = _Puller(rounds, out)
    cap = int(policy.get("council.max_per_entity"))
    held: Counter[str] = Counter()
    for login, affs in sitting.items():
        for ent in coi_entities(affs, policy):
            held[ent.casefold()] += 1
            out.log.append(f"sitting member {login} counts toward {ent}")
    disqualified: list[str] = []
    while len(out.elected) < seats:
        cand = pull.next()
        if cand is None:
            break
        ents = coi_entities(affiliations.get(cand, ()), policy)
        over = [e for e in ents if held[e.casefold()] + 1 > cap]
        if over:
            disqualified.append(cand)
            out.log.append(
                f"{cand} (place {len(out.order)}) was passed over: a "
                f"{_ordinal(held[over[0].casefold()] + 1)} person from {over[0]}, where at most "
                f"{cap} may sit; the next candidate moves up")
            continue
        for e in ents:
            held[e.casefold()] += 1
        out.elected.append(cand)
    if len(out.elected) < seats and disqualified:
        if policy.get("council.coi_exhausted") == "requalify":
            for cand in disqualified[: seats - len(out.elected)]:
                out.elected.append(cand)
                out.log.append(f"candidates ran out: {cand} re-qualified in rank order "
                               "(council.coi_exhausted: requalify)")
        else:
            out.log.append("candidates ran out: the remaining seats stay vacant "
                           "(council.coi_exhausted: vacant)")
    out.vacancies = seats - len(out.elected)
    # the rest of the finishing order, for the report; a tie there decides nothing
    try:
        while pull.next() is not None:
            pass
    except TieUnresolved as tie:
        out.later_tie = tie
        out.unplaced = [c for c in candidates if c not in out.order]
    rank = {c: i for i, c in enumerate(out.order)}
    out.elected.sort(key=lambda c: rank[c])
    return out


@dataclass(frozen=True)
class SeatResult:
    login: str | None
    cohort: str
    term_start: str | None
    term_end: str | None

    def as_dict(self, elected_in: str) -> dict[str, Any]:
        d: dict[str, Any] = {"login": self.login, "cohort": self.cohort}
        if self.term_start:
            d["term_start"] = self.term_start
            d["term_end"] = self.term_end
        if self.login:
            d["elected_in"] = elected_in
        return d


def assign_seats(elected: list[str], scope: str, seats: int, policy: Policy,
                 start: dt.date | None) -> list[SeatResult]:
    """Cohorts and term ends (PC-TERM), vacancies included (``login`` None).

    In a whole-council election the cohorts of ``council.cohorts`` fill in their order, in
    finishing order: of N cohorts, the k-th (from 0) serves (N - k) / N of a term, in whole
    months, so their later elections are staggered. With the default cohorts A (2) and B (3) the
    first two join A with a full term and the rest B with half a term (1 year by default); with
    one cohort everyone serves a full term. Seats past the cohorts' sizes join the last cohort.
    Otherwise everyone joins the cohort being elected with a full term.
    """
    years = int(policy.get("council.term_years"))
    full_end = add_months(start, 12 * years).isoformat() if start else None
    begin = start.isoformat() if start else None
    people: list[str | None] = [*elected, *([None] * max(0, seats - len(elected)))]
    out = []
    if scope == "whole":
        cohorts = list(policy.get("council.cohorts").items())
        n = len(cohorts)
        slots = [(name, k) for k, (name, size) in enumerate(cohorts) for _ in range(int(size))]
        for i, login in enumerate(people):
            name, k = slots[i] if i < len(slots) else (cohorts[-1][0], n - 1)
            end = add_months(start, 12 * years * (n - k) // n).isoformat() if start else None
            out.append(SeatResult(login, name, begin, end))
    else:
        for login in people:
            out.append(SeatResult(login, scope, begin, full_end))
    return out
