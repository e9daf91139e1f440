"""ECO-QUEUE: the order in which the working group reviews applications.

Returning applications go first, then first in, first out by issue number. An application is
returning only when charter's own record of the project shows that the working group already
reviewed it and sent it back for more (its latest decision is ``needs-info`` or
``closed-not-ready``): being returning is derived from the decisions, never taken from the
application form or from a ``returning:`` key in the file. A postponed, declined or retired
project that applies again is reviewed as a new application. A session takes up to
``ecosystem.session_max`` applications (the group aims for at least ``session_min``); they move to
in progress ``in_progress_days_before`` days ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from charter.model import Project, State

OPEN = ("new", "in-progress")
# decisions after which the application returns for re-review once the applicants have done what
# was asked; after "postponed" (and a decline or a retirement) it is reviewed as a new application
RETURNABLE = ("needs-info", "closed-not-ready")


def latest_decision(data: dict[str, Any]) -> dict[str, Any] | None:
    """The latest recorded decision (ISO dates sort as text; of one day's, the last listed)."""
    decisions = [d for d in data.get("decisions") or () if isinstance(d, dict)]
    if not decisions:
        return None
    return max(enumerate(decisions), key=lambda t: (str(t[1].get("date")), t[0]))[1]


def returning(p: Project) -> bool:
    """Whether ``p`` is a returning application: waiting for review, and its own record shows
    an earlier review that sent it back for more (its latest decision is needs-info or
    closed-not-ready)."""
    if p.status not in OPEN:
        return False
    latest = latest_decision(p.data)
    return latest is not None and latest.get("outcome") in RETURNABLE


def claim_problem(p: Project, claimed: int | None) -> str | None:
    """What is wrong with an application's claim to return, or None when the record backs it.

    ``claimed`` is the earlier issue the application form names; a ``returning: true`` or a
    ``previous_issue`` in the file are claims too. Only a decision recorded in the project's own
    file backs them: a review that sent the application back (needs-info, closed-not-ready)
    makes it returning; any other earlier decision makes it a new application with a history."""
    data = p.data
    says_returning = data.get("returning") is True
    if says_returning and not returning(p):
        latest = latest_decision(data)
        if p.status not in OPEN:
            return (f"{p.slug} says returning: true, but it is {p.status}: an application waits "
                    "for review again once its status is back at new (the applicants did what "
                    "was asked: charter ecosystem intake re-applies it), and whether it returns "
                    "is then read from its recorded decisions: remove returning:")
        if latest is None:
            why = "its record holds no earlier decision"
        else:
            why = (f"its latest decision ({latest.get('outcome')} on {latest.get('date')}) "
                   "makes a new application of it")
        return (f"{p.slug} says returning: true, but {why}; an application returns (reviewed "
                "first) only after a recorded needs-info or closed-not-ready decision, so the "
                "queue takes it first in, first out by issue number: remove returning: (charter "
                "derives it from the decisions)")
    in_file = data.get("previous_issue")
    in_file = in_file if isinstance(in_file, int) else None
    previous = in_file if in_file is not None else claimed
    if previous is not None and latest_decision(data) is None and p.status in OPEN:
        where = "previous_issue:" if in_file is not None else "its application form"
        return (f"{p.slug}: {where} names #{previous} as an earlier application, but charter "
                f"holds no decision on an earlier application of {p.repository}; it is queued as "
                "a new application, first in, first out by issue number. If the project did "
                "apply before, record that decision in this file (or re-apply into the file "
                "that holds it: charter ecosystem intake continues a project's file)")
    return None


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
            "returning": returning(p),
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
    """Applications waiting for review: new or in progress (a returning application is back at
    new once the applicants answered; one still at needs-info waits for them, not for review)."""
    return [p for p in state.projects.values() if p.status in OPEN]


def sort_key(p: Project) -> tuple[bool, bool, int, str]:
    """Returning first; then by issue number, those without one last; then by slug."""
    issue = p.data.get("issue")
    numbered = isinstance(issue, int)
    return (not returning(p), not numbered, issue if numbered else 0, p.slug)


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
