"""Instant-runoff voting for the lead core maintainer (GOV-LEAD-ELECT).

Each round counts every ballot for its highest-ranked continuing candidate (a ballot ranking none
of them is exhausted). A candidate with more than half of the continuing ballots wins; otherwise
the candidate with the fewest votes is eliminated. When only one candidate continues, they win.

Tie rule for elimination (documented, deterministic): among the candidates tied for fewest votes,
look back at the previous rounds, most recent first, and eliminate the one with the fewest votes
in the latest round where the tied candidates differ; if they were equal in every round, the tie
goes to a recorded resolution (agreement or seeded draw, stage ``elimination``; the resolution's
order lists who goes ahead first, so its last candidate is eliminated).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from charter.elections.ballots import RankBallots
from charter.elections.ties import Resolver, Step, resolution_step


@dataclass
class IrvRound:
    number: int
    counts: dict[str, int]
    exhausted: int
    eliminated: str | None = None
    winner: str | None = None
    note: str = ""
    tiebreaks: list[Step] = field(default_factory=list)  # a tie for fewest votes, step by step


@dataclass
class IrvResult:
    winner: str | None
    rounds: list[IrvRound] = field(default_factory=list)


def instant_runoff(ballots: RankBallots, resolver: Resolver | None = None) -> IrvResult:
    """Count ``ballots``; raises :class:`~.ties.TieUnresolved` on an unbreakable elimination tie."""
    resolver = resolver or Resolver()
    continuing = list(ballots.candidates)
    result = IrvResult(None)
    history: list[dict[str, int]] = []
    number = 0
    while continuing:
        number += 1
        alive = set(continuing)
        counts = dict.fromkeys(continuing, 0)
        exhausted = 0
        for ballot in ballots.ballots:
            for c in ballot:
                if c in alive:
                    counts[c] += 1
                    break
            else:
                exhausted += 1
        rnd = IrvRound(number, counts, exhausted)
        result.rounds.append(rnd)
        history.append(counts)
        active = sum(counts.values())
        if len(continuing) == 1:
            rnd.winner = continuing[0]
            rnd.note = "the only candidate left"
            result.winner = continuing[0]
            return result
        top = max(counts.values())
        leaders = [c for c in continuing if counts[c] == top]
        if len(leaders) == 1 and 2 * top > active:
            rnd.winner = leaders[0]
            rnd.note = f"more than half of {active} continuing ballots"
            result.winner = leaders[0]
            return result
        low = min(counts.values())
        tied = [c for c in continuing if counts[c] == low]
        note = ""
        for back, past in enumerate(reversed(history[:-1])):
            if len(tied) == 1:
                break
            least = min(past[c] for c in tied)
            narrowed = [c for c in tied if past[c] == least]
            rnd.tiebreaks.append(Step(f"fewest votes in round {number - 1 - back}",
                                      {c: past[c] for c in tied}, tied=tuple(tied),
                                      ahead=tuple(c for c in tied if c not in narrowed)))
            if len(narrowed) < len(tied):
                note = "fewest votes in an earlier round"
                tied = narrowed
        if len(tied) > 1:
            ahead = resolver.pick(number, "elimination", tied, len(tied) - 1)
            rnd.tiebreaks.append(resolution_step(resolver, tied, ahead))
            tied = [c for c in tied if c not in ahead]
            note = "recorded resolution"
        rnd.eliminated = tied[0]
        rnd.note = note
        continuing.remove(tied[0])
    return result  # pragma: no cover - the loop always returns
