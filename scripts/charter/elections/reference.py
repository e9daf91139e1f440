"""The reference count: starvote (pinned in pyproject.toml) recounts every Bloc STAR election.

charter's own engine (:mod:`~charter.elections.star`) gives the details a report needs (every
round's finalists, runoff preferences, tiebreaking steps) in milliseconds; starvote, the reference
implementation of the official STAR tiebreakers, then counts the same canonical ballots, and the
two finishing orders must be identical. Its traps are kept out of the way:

* ballots are canonical (every candidate, explicit 0), so no candidate disappears;
* it is asked for at most ``candidates - 1`` seats, so it never falls back to alphabetical order,
  and the last place is the one candidate left;
* one seat is counted with ``star_voting`` and compared by name, never by its first letter;
* its hashed-ballots tiebreaker (over 10 s and 4 GB on 100,000 ballots) is replaced by one that
  replays the ties recorded in ``election.yaml``, and raises when there is none.
"""

from __future__ import annotations

import re
from typing import Any

import starvote

from charter.elections.ballots import ScoreBallots
from charter.elections.ties import Resolver, TieUnresolved

_ROUND = re.compile(r"^Round (\d+)$")


class ReplayTiebreaker(starvote.Tiebreaker):
    """A starvote tiebreaker that applies recorded resolutions and nothing else."""

    description = None

    def __init__(self, resolver: Resolver):
        self.resolver = resolver

    def initialize(self, options: Any, ballots: Any) -> None:
        return None

    def __call__(self, options: Any, tie: list[str], desired: int, exception: Any) -> list[str]:
        round_no, stage = 1, "scoring"
        for h in options.headers:
            m = _ROUND.match(h)
            if m:
                round_no = int(m.group(1))
            elif h == "Automatic Runoff Round":
                stage = "runoff"
            elif h == "Scoring Round":
                stage = "scoring"
        try:
            return self.resolver.pick(round_no, stage, tie, desired)
        except TieUnresolved:
            raise exception from None


def reference_order(ballots: ScoreBallots, places: int, ties: list[dict[str, Any]] | None
                    ) -> list[str] | None:
    """starvote's first ``places`` finishers (at most candidates - 1), or None when there is
    nothing it can count. Raises :class:`starvote.UnbreakableTieError` on an unrecorded tie."""
    n = len(ballots.candidates)
    seats = min(places, n - 1)
    if seats < 1 or ballots.count == 0:
        return None
    dicts = ballots.as_dicts()
    breaker = ReplayTiebreaker(Resolver.from_data(ties))
    if seats == 1:
        return list(starvote.star_voting(dicts, tiebreaker=breaker))
    return list(starvote.bloc_star_voting(dicts, seats=seats, tiebreaker=breaker))
