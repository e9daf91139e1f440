"""The voter roll (PC-MEMBER-LAPSE): who may vote today, who has lapsed, who asked to resume.

A community member is a member file with a ``community:`` block and no ``removed`` date. One who
was in the electorate of each of the last ``council.lapse_after_missed_elections`` (2) council
elections and took part in none of them has lapsed, until they ask in writing to resume: a
``community.resumed`` date after the last of those elections restores them. Participation comes
from the election records (``participation:``), never from member files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

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
    return str(d.get("finalised") or d.get("voting", {}).get("closes") or "")


def _member_on(com: dict[str, Any], day: dt.date) -> bool:
    """A community member on ``day``: admitted on or before it and not removed by then."""
    since, removed = com.get("since"), com.get("removed")
    if since and str(since) > day.isoformat():
        return False
    return not (removed and str(removed) <= day.isoformat())


def compute(state: State, today: dt.date) -> Roll:
    n = int(state.policy.get("council.lapse_after_missed_elections"))
    past = sorted(
        ((eid, d) for eid, d in state.elections.items()
         if d.get("kind") == "council-election" and _closed(d) and _closed(d) <= today.isoformat()),
        key=lambda x: (_closed(x[1]), x[0]),
    )
    last = past[-n:]
    roll = Roll(elections=[eid for eid, _ in last])
    for eid, d in last:
        if "participation" not in d:
            roll.notes.append(f"elections/{eid} records no participation; nobody lapses by it")
    for login in sorted(state.members, key=str.lower):
        m = state.members[login]
        com = m.community
        if not com or not _member_on(com, today):
            continue
        low = login.lower()
        missed = len(last) == n and all(
            "participation" in d
            and low in {x.lower() for x in d.get("electorate", [])}
            and low not in {x.lower() for x in d.get("participation", [])}
            for _, d in last
        )
        if missed:
            since = _closed(last[-1][1])
            if com.get("resumed") and str(com["resumed"]) >= since:
                roll.resumed.append(login)
                roll.voters.append(login)
            else:
                roll.lapsed.append(login)
        else:
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
