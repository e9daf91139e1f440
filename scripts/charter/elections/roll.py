"""The voter roll (PC-MEMBER-LAPSE): who may vote today, who has lapsed, who asked to resume.

A community member is a member file with a ``community:`` block and no ``removed`` date. One who
was a community member when each of the last ``council.lapse_after_missed_elections`` (2) council
elections opened and took part in none of them has lapsed, until they ask in writing to resume: a
``community.resumed`` date from the first of those elections on restores them (a lapsed member,
rightly left out of the next electorate, does not get the vote back by that). Participation comes
from the election records (``participation:``), never from member files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from charter.elections import day
from charter.model import State


@dataclass
class Roll:
    elections: list[str] = field(default_factory=list)
    voters: list[str] = field(default_factory=list)
    lapsed: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"elections": self.elections, "voters": self.voters, "lapsed": self.lapsed,
                "resumed": self.resumed, "notes": self.notes}


def _closed(d: dict[str, Any]) -> str:
    return day.closed(d)


def compute(state: State, today: dt.date) -> Roll:
    """The roll on ``today``, counting the council elections closed by then (PC-MEMBER-LAPSE as
    :func:`charter.elections.day.lapse` reckons it for every record)."""
    n = int(state.policy.get("council.lapse_after_missed_elections"))
    now = today.isoformat()
    past = sorted(((eid, d) for eid, d in state.elections.items()
                   if d.get("kind") == "council-election" and _closed(d) and _closed(d) <= now),
                  key=lambda x: (_closed(x[1]), x[0]))
    last = past[-n:] if n > 0 else []
    roll = Roll(elections=[eid for eid, _ in last])
    for eid, d in last:
        if "participation" not in d:
            roll.notes.append(f"elections/{eid} records no participation; nobody lapses by it")
    lapsed, resumed = day.lapse(state, now, including_the_day=True)
    for login in sorted(state.members, key=str.lower):
        if not day.member_on(state.members[login].community, now):
            continue
        low = login.lower()
        if low in lapsed:
            roll.lapsed.append(login)
            continue
        if low in resumed:
            roll.resumed.append(login)
        roll.voters.append(login)
    return roll


def render(roll: Roll, missed: int) -> list[str]:
    lines = [f"Council elections considered: {', '.join(roll.elections) or 'none yet'}",
             f"Voters ({len(roll.voters)}): {', '.join(roll.voters) or 'none'}",
             f"Lapsed after missing {missed} council elections ({len(roll.lapsed)}): "
             f"{', '.join(roll.lapsed) or 'none'}",
             f"Asked to resume ({len(roll.resumed)}): {', '.join(roll.resumed) or 'none'}"]
    lines.extend(f"note: {x}" for x in roll.notes)
    return lines
