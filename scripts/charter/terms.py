"""Council terms as time passes: which seats have ended, which cohort's election is due.

A term runs from the day its election was finalised until the next election of its cohort is
finalised (PC-TERM). charter cannot hold an election by itself, so it says when one is coming
(``council.term_notice_days`` before the terms end), when it is due (nominations and voting take
``council.nomination_days + council.voting_days``, so nominations must open that long before the
end), and which seats have run past their end. Every date is measured against
:func:`charter.rules.today` (``CHARTER_TODAY`` in tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from charter.model import Seat, State
from charter.rules.util import parse_date


def ended(seat: Seat, today: dt.date) -> bool:
    """Whether ``seat``'s term has run out (its end day has come)."""
    end = parse_date(seat.term_end)
    return end is not None and end <= today


@dataclass(frozen=True)
class Cohort:
    """The sitting seats of one cohort whose terms end on one day, and the election (if any)
    that is recorded to replace them."""

    cohort: str
    ends: dt.date
    seats: tuple[Seat, ...]
    nominations_by: dt.date  # the last day nominations can open and finish in time
    election: str | None  # elections/<id> of the next election of this cohort, if recorded
    election_data: dict[str, Any] | None

    @property
    def logins(self) -> list[str]:
        return [s.login for s in self.seats]

    def status(self) -> str:
        """``none`` (no election recorded), ``open`` or ``finalised``."""
        if self.election_data is None:
            return "none"
        return "finalised" if self.election_data.get("finalised") else "open"


def _starts(d: dict[str, Any]) -> str:
    return str((d.get("nomination") or {}).get("opens") or (d.get("voting") or {}).get("opens")
               or "")


def cohorts(state: State) -> list[Cohort]:
    """Every cohort's current terms, earliest end first."""
    days = (int(state.policy.get("council.nomination_days"))
            + int(state.policy.get("council.voting_days")))
    groups: dict[tuple[str, dt.date], list[Seat]] = {}
    for seat in state.council.seats:
        end = parse_date(seat.term_end)
        if end is not None:
            groups.setdefault((seat.cohort, end), []).append(seat)
    out = []
    for (cohort, end), seats in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        began = min(s.term_start for s in seats)
        later = sorted((_starts(d), eid) for eid, d in state.elections.items()
                       if d.get("kind") == "council-election"
                       and d.get("scope", "whole") in ("whole", cohort) and _starts(d) > began)
        eid = later[0][1] if later else None
        out.append(Cohort(cohort, end, tuple(seats), end - dt.timedelta(days=days), eid,
                          state.elections.get(eid) if eid else None))
    return out
