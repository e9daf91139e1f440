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

from charter.errors import CharterError
from charter.policy import more_than
from charter.rules.util import add_months, parse_date

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
                problems.append(f"{login} ({name}) is not a member of the working group")
            if low in seen:
                problems.append(f"{login} is listed under both {seen[low]} and {name}")
            seen.setdefault(low, name)
    return problems


def resubmit_after(decisions: Sequence[dict[str, object]], months: int) -> dt.date | None:
    """The first day a project may re-apply after its latest declined decision (ECO-RESUBMIT)."""
    declined = [parse_date(str(d.get("date"))) for d in decisions if d.get("outcome") == "declined"]
    last = max((d for d in declined if d), default=None)
    return add_months(last, months) if last else None


def require_decidable(slug: str, status: str) -> None:
    if status not in DECIDABLE:
        raise CharterError(f"ECO-VOTE: {slug} is {status}; only an open application "
                           f"({', '.join(DECIDABLE)}) can be decided")
