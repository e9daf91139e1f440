"""ECO-QUEUE: the order in which the working group reviews applications.

Returning applications (re-submitted after addressing feedback) go first, then first in, first
out by issue number. A session takes up to ``ecosystem.session_max`` applications (the group aims
for at least ``session_min``); they move to in progress ``in_progress_days_before`` days ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from charter.model import Project, State

OPEN = ("new", "in-progress")
RETURNABLE = ("needs-info", "closed-not-ready", "postponed")


@dataclass(frozen=True)
class Entry:
    position: int
    project: Project
    in_session: bool
    move_now: bool  # status new, in this session, and the move date has come

    def as_dict(self) -> dict[str, object]:
        p = self.project
        return {
            "position": self.position,
            "slug": p.slug,
            "issue": p.data.get("issue"),
            "status": p.status,
            "returning": bool(p.data.get("returning")),
            "in_session": self.in_session,
            "move_to_in_progress": self.move_now,
        }


@dataclass(frozen=True)
class Queue:
    session: dt.date
    move_on: dt.date
    session_min: int
    session_max: int
    entries: tuple[Entry, ...]

    @property
    def in_session(self) -> list[Entry]:
        return [e for e in self.entries if e.in_session]


def waiting(state: State) -> list[Project]:
    """Applications waiting for a decision: new or in progress, and returning ones."""
    return [
        p for p in state.projects.values()
        if p.status in OPEN or (p.status in RETURNABLE and p.data.get("returning"))
    ]


def sort_key(p: Project) -> tuple[int, int, str]:
    issue = p.data.get("issue")
    return (0 if p.data.get("returning") else 1,
            issue if isinstance(issue, int) else 10**12, p.slug)


def build(state: State, session: dt.date, today: dt.date) -> Queue:
    pol = state.policy
    size = int(pol.get("ecosystem.session_max"))
    minimum = int(pol.get("ecosystem.session_min"))
    move_on = session - dt.timedelta(days=int(pol.get("ecosystem.in_progress_days_before")))
    entries = []
    for i, p in enumerate(sorted(waiting(state), key=sort_key), start=1):
        in_session = i <= size
        entries.append(Entry(i, p, in_session, in_session and p.status != "in-progress"
                             and today >= move_on))
    return Queue(session, move_on, minimum, size, tuple(entries))
