"""Bloc STAR's complete finishing order (PC-ELECTION), and approval voting (the policy option).

Bloc STAR fills seats one STAR round at a time among the candidates not yet placed; running it
until every candidate is placed gives the full finishing order, which the conflict-of-interest
cascade and the cohorts need. This is the same count as starvote's ``bloc_star_voting`` (pinned
in pyproject.toml; a differential test compares the two on many random elections) without its
traps: ballots are canonical, so a candidate nobody scored still exists; the order is counted
even when there are as many candidates as seats (starvote returns those alphabetically); a
single remaining candidate is a name, not its first letter; and ties are never broken by a
hidden tiebreaker.

Speed: totals and five-star counts are byte counts over each candidate's column; a head-to-head
count between two candidates is one subtraction of two big integers holding a byte per ballot,
with a guard bit per byte (``0x80 + a - b`` keeps its high bit exactly when ``a >= b``), and a
popcount. A full order of 100,000 ballots by 30 candidates takes milliseconds.

Tie protocol (docs/rules.md, PC-ELECTION): a tie for a finalist place in the scoring round goes
to head-to-head preferences among the tied, then to five-star counts; a tie in the automatic
runoff goes to the higher total, then to five-star counts; what survives goes to
:class:`~.ties.Resolver`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from charter.elections.ballots import ScoreBallots
from charter.elections.ties import Resolver, Step, resolution_step


@dataclass
class Round:
    """One placed candidate: the scoring round, its finalists, and the automatic runoff."""

    number: int
    winner: str
    totals: dict[str, int] = field(default_factory=dict)
    finalists: tuple[str, ...] = ()
    scoring_steps: list[Step] = field(default_factory=list)
    runoff: dict[str, int] = field(default_factory=dict)
    no_preference: int = 0
    runoff_steps: list[Step] = field(default_factory=list)
    note: str = ""


def _select(scores: dict[str, int], chosen: list[str], need: int) -> tuple[list[str], list[str]]:
    """Take candidates by descending score until ``need`` more are chosen.

    Returns the chosen list and, when a group of equal scores straddles the cut, that group (the
    tie still to break); otherwise an empty tie.
    """
    chosen = list(chosen)
    values = sorted(set(scores.values()), reverse=True)
    for v in values:
        group = sorted((c for c, s in scores.items() if s == v), key=str.lower)
        if len(group) <= need:
            chosen.extend(group)
            need -= len(group)
            if need == 0:
                return chosen, []
        else:
            return chosen, group
    return chosen, []


class Scores:
    """Score ballots with fast per-candidate and head-to-head counts."""

    def __init__(self, ballots: ScoreBallots):
        self.ballots = ballots
        self.names = ballots.candidates
        self.index = {c: i for i, c in enumerate(self.names)}
        n = ballots.count
        self.count = n
        top = ballots.maximum
        self.totals = {
            c: sum(v * col.count(v) for v in range(1, top + 1))
            for c, col in zip(self.names, ballots.columns, strict=True)
        }
        self.tops = {c: col.count(top) for c, col in zip(self.names, ballots.columns, strict=True)}
        self._ints: dict[str, int] = {}
        self._guard = int.from_bytes(b"\x80" * n, "big")  # 0 when there are no ballots
        self._beats: dict[tuple[str, str], int] = {}

    def _int(self, c: str) -> int:
        v = self._ints.get(c)
        if v is None:
            v = self._ints[c] = int.from_bytes(self.ballots.columns[self.index[c]], "big")
        return v

    def beats(self, a: str, b: str) -> int:
        """How many ballots score ``a`` above ``b``."""
        key = (a, b)
        got = self._beats.get(key)
        if got is None:
            g = self._guard
            # per byte: 0x80 + b - a, whose high bit is set exactly when b >= a
            got = self.count - (((self._int(b) | g) - self._int(a)) & g).bit_count()
            self._beats[key] = got
        return got

    def head_to_head(self, tied: list[str]) -> tuple[dict[str, int], int]:
        """Head-to-head wins of each tied candidate against the others, summed over ballots,
        and the number of ballots that score all of them equally."""
        wins = {c: sum(self.beats(c, d) for d in tied if d != c) for c in tied}
        first = self._int(tied[0])
        differ = 0
        for d in tied[1:]:
            differ |= first ^ self._int(d)
        same = differ.to_bytes(self.count, "big").count(0) if self.count else 0
        return wins, same


def _new(chosen: list[str], before: list[str]) -> tuple[str, ...]:
    """Who a step added to the finalists."""
    return tuple(c for c in chosen if c not in before)


def star_rounds(scores: Scores, resolver: Resolver) -> Iterator[Round]:
    """Yield one :class:`Round` per finishing place, best first, until every candidate is placed.

    Raises :class:`~.ties.TieUnresolved` at the first tie nothing breaks.
    """
    remaining = list(scores.names)
    number = 0
    while remaining:
        number += 1
        totals = {c: scores.totals[c] for c in remaining}
        if len(remaining) == 1:
            winner = remaining[0]
            yield Round(number, winner, totals, note="the only candidate left")
            return
        rnd = Round(number, "", totals)
        five = f"most {scores.ballots.maximum}-star ratings"
        chosen, tie = _select(totals, [], 2)
        if tie:
            wins, same = scores.head_to_head(tie)
            before = chosen
            chosen, left = _select(wins, chosen, 2 - len(chosen))
            rnd.scoring_steps.append(Step("head-to-head among the tied", wins, same,
                                          tuple(tie), _new(chosen, before)))
            tie = left
        if tie:
            tops = {c: scores.tops[c] for c in tie}
            before = chosen
            chosen, left = _select(tops, chosen, 2 - len(chosen))
            rnd.scoring_steps.append(Step(five, tops, tied=tuple(tie),
                                          ahead=_new(chosen, before)))
            tie = left
        if tie:
            picked = resolver.pick(number, "scoring", tie, 2 - len(chosen))
            rnd.scoring_steps.append(resolution_step(resolver, tie, picked))
            chosen += picked
        a, b = sorted(chosen, key=lambda c: (-totals[c], c.lower()))
        rnd.finalists = (a, b)
        ab, ba = scores.beats(a, b), scores.beats(b, a)
        rnd.runoff = {a: ab, b: ba}
        rnd.no_preference = scores.count - ab - ba
        if ab != ba:
            winner = a if ab > ba else b
        else:
            # the pinned order: the higher total, then the most five-star ratings, then a
            # recorded resolution; every step taken is recorded, the tied ones included
            pair = (a, b)
            winner = ""
            for rule, counts in (("higher total score", totals), (five, scores.tops)):
                compared = {a: counts[a], b: counts[b]}
                if compared[a] != compared[b]:
                    winner = a if compared[a] > compared[b] else b
                rnd.runoff_steps.append(Step(rule, compared, tied=pair,
                                             ahead=(winner,) if winner else ()))
                if winner:
                    break
            if not winner:
                winner = resolver.pick(number, "runoff", [a, b], 1)[0]
                rnd.runoff_steps.append(resolution_step(resolver, [a, b], [winner]))
        rnd.winner = winner
        remaining.remove(winner)
        yield rnd


def approval_rounds(scores: Scores, resolver: Resolver) -> Iterator[Round]:
    """Approval voting: most marks first; equal marks are a tie for the recorded resolution."""
    remaining = list(scores.names)
    number = 0
    while remaining:
        number += 1
        totals = {c: scores.totals[c] for c in remaining}
        chosen, tie = _select(totals, [], 1)
        rnd = Round(number, "", totals)
        if tie:
            chosen = resolver.pick(number, "approval", tie, 1)
            rnd.scoring_steps.append(resolution_step(resolver, tie, chosen))
        rnd.winner = chosen[0]
        remaining.remove(rnd.winner)
        yield rnd


def finishing_order(ballots: ScoreBallots, resolver: Resolver | None = None,
                    method: str = "bloc-star") -> list[str]:
    """The complete finishing order (raises :class:`~.ties.TieUnresolved` on an unbroken tie)."""
    scores = Scores(ballots)
    rounds = approval_rounds if method == "approval" else star_rounds
    return [r.winner for r in rounds(scores, resolver or Resolver())]
