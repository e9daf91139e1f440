"""ECO-VOTE and ECO-RESUBMIT: a working-group decision on an application, as exact arithmetic.

Each working-group member has one vote; an application is accepted when more than
``ecosystem.vote_fraction`` (1/2) of the *members* approve. Members who vote against, abstain or
do not vote all count as not approving. Other outcomes (needs more information, closed not ready,
postponed) are recorded with their reason and no tally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from charter.errors import CharterError
from charter.policy import more_than
from charter.rules.util import add_months, parse_date
from charter.suggest import did_you_mean

FUNCTIONAL_NAMES = {
    "framework-support": "framework support on its latest versions",
    "ci": "working CI",
    "governance": "documented governance",
    "value-proposition": "value proposition in the README",
    "quick-start": "a working quick start",
    "documentation": "documentation",
    "licence": "a permissive licence",
    "tests": "functional tests",
    "packages": "binary packages (pip/conda)",
    "maintenance": "the 12-month maintenance commitment",
}


VOTED = ("accepted", "declined")
OTHER = ("needs-info", "closed-not-ready", "postponed")
DECIDABLE = ("new", "in-progress", "needs-info", "postponed")


@dataclass(frozen=True)
class Tally:
    outcome: str
    needed: int
    approvals: int
    members: int


def tally(members: Sequence[str], approve: Sequence[str], fraction: Fraction) -> Tally:
    needed = more_than(fraction, len(members))
    n = len({a.lower() for a in approve})
    return Tally("accepted" if n >= needed else "declined", needed, n, len(members))


def check_voters(members: Sequence[str], lists: dict[str, Sequence[str]]) -> list[str]:
    """Problems with the recorded voters: non-members, repeats, someone in two lists."""
    problems: list[str] = []
    wg = {m.lower() for m in members}
    seen: dict[str, str] = {}
    for name, logins in lists.items():
        for login in logins:
            low = login.lower()
            if low not in wg:
                problems.append(f"{login} ({name}) is not a member of the working group"
                                f"{did_you_mean(login, members)}")
            if low in seen:
                problems.append(f"{login} is listed under both {seen[low]} and {name}")
            seen.setdefault(low, name)
    return problems


def resubmit_after(decisions: Sequence[dict[str, object]], months: int) -> dt.date | None:
    """The first day a project may re-apply after its latest declined decision (ECO-RESUBMIT)."""
    declined = [parse_date(str(d.get("date"))) for d in decisions if d.get("outcome") == "declined"]
    last = max((d for d in declined if d), default=None)
    return add_months(last, months) if last else None


def functional_gaps(data: dict[str, Any]) -> list[str]:
    """What an application's record lacks before it may be accepted (ECO-FUNCTIONAL): each of
    the ten requirements recorded as met, with its evidence and reviewer."""
    recorded = data.get("functional") or {}
    out = []
    for key, name in FUNCTIONAL_NAMES.items():
        entry = recorded.get(key)
        if not entry:
            out.append(f"{key} ({name}) is not recorded")
        elif not entry.get("met"):
            out.append(f"{key} ({name}) is recorded as not met")
        elif not entry.get("evidence") or not entry.get("reviewer"):
            out.append(f"{key} ({name}) has no evidence or reviewer")
    return out


def require_acceptable(slug: str, status: str, data: dict[str, Any]) -> None:
    """An application is accepted only from in-progress, with the ten functional requirements
    recorded as met (ECO-QUEUE, ECO-FUNCTIONAL); say what is missing otherwise."""
    if status != "in-progress":
        raise CharterError(f"ECO-QUEUE: {slug} is {status}; an application is decided in review "
                           "once it is in progress (charter ecosystem queue --apply moves the "
                           "next session's applications there)")
    gaps = functional_gaps(data)
    if gaps:
        raise CharterError(f"ECO-FUNCTIONAL: {slug} cannot be accepted before every functional "
                           f"requirement is recorded as met: {'; '.join(gaps)}; record each with "
                           f"charter ecosystem evidence {slug} REQUIREMENT --met --evidence TEXT "
                           "--reviewer LOGIN")


def require_decidable(slug: str, status: str) -> None:
    if status not in DECIDABLE:
        raise CharterError(f"ECO-VOTE: {slug} is {status}; only an open application "
                           f"({', '.join(DECIDABLE)}) can be decided")
