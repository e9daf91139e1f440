"""The electorate of the day: who was entitled to vote when a record's voting opened,
reconstructed from the repository's files, never taken from the record itself.

* A community vote -- a council election (PC-ELECTION), PC-MEMBER-ADD, PC-NO-CONFIDENCE,
  PC-AMEND -- is voted by the community of the day: every member file whose ``community.since``
  is on or before the day voting opened and that was not ``removed`` by then, less the members
  who had lapsed (PC-MEMBER-LAPSE, :func:`lapse`).
* The lead's election and removal (GOV-LEAD-ELECT, GOV-LEAD-REMOVE) are voted by every core
  maintainer of the day: those core.yaml lists as maintainers and who had joined by then
  (``joined``, which ``charter core add`` writes; a maintainer without a date is taken to have
  been one on the day), and those who moved to emeritus after the day.

Council votes (PC-VOTE, PC-VACANCY, PC-MEMBER-REMOVE) have the sitting council of the day as
electorate; :mod:`charter.elections.check` replays it from the certified records.

A record's ``electorate`` must be exactly this set (:func:`problems`), and quorums and thresholds
are counted over it, not over the list the record gives: a list that leaves people out would
lower the bar. ``charter check``, ``charter election tally`` and the pull-request gate (which
recounts a record it certifies, and refuses to let a record whose electorate is not the day's
take effect) all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from charter.model import State

COMMUNITY_MOTIONS = ("member-add", "no-confidence", "amend")


@dataclass(frozen=True)
class Electorate:
    """Who could vote on ``day``: ``voters`` as their member files spell them, in
    case-insensitive order; ``lapsed`` (lowercase login -> why) had lost the vote."""

    body: str  # "community" or "core"
    day: str
    voters: tuple[str, ...]
    lapsed: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.voters)

    def __contains__(self, login: object) -> bool:
        return isinstance(login, str) and login.lower() in self.lowered

    @cached_property
    def lowered(self) -> frozenset[str]:
        return frozenset(x.lower() for x in self.voters)


def member_on(community: dict[str, Any] | None, day: str) -> bool:
    """A community member on ``day``: admitted on or before it and not removed by then."""
    com = community or {}
    removed = com.get("removed")
    return bool(com) and str(com.get("since") or "") <= day and not (removed and
                                                                     str(removed) <= day)


def closed(d: dict[str, Any]) -> str:
    """The day a record closed: its certification, else the end of its voting window."""
    return str(d.get("finalised") or (d.get("voting") or {}).get("closes") or "")


def lapse(state: State, day: str, *, including_the_day: bool = False
          ) -> tuple[dict[str, str], set[str]]:
    """PC-MEMBER-LAPSE on ``day``: the members (lowercase login -> why) who voted in none of the
    last ``council.lapse_after_missed_elections`` council elections closed before ``day`` (on or
    before it with ``including_the_day``), having been community members when each opened, and
    who have not asked to resume (``community.resumed``) since the first of them opened; and
    the members whose request to resume kept them from lapsing.

    Being in an election's electorate is not the test: a lapsed member is rightly left out of
    the next electorate, and that does not give them the vote back.
    """
    n = int(state.policy.get("council.lapse_after_missed_elections"))
    if n <= 0:
        return {}, set()
    past = sorted((closed(d), eid, d) for eid, d in state.elections.items()
                  if d.get("kind") == "council-election" and closed(d)
                  and (closed(d) <= day if including_the_day else closed(d) < day))
    last = past[-n:]
    if len(last) < n or any("participation" not in d for _, _, d in last):
        return {}, set()
    names = ", ".join(f"elections/{eid}" for _, eid, _ in last)
    # each election once: the day it opened and who voted in it
    opened = [(str((d.get("voting") or {}).get("opens") or closed(d)),
               {x.lower() for x in d.get("participation") or ()}) for _, _, d in last]
    first = min(o for o, _ in opened)
    lapsed: dict[str, str] = {}
    resumed: set[str] = set()
    for m in state.members.values():
        com = m.community or {}
        if not member_on(com, day):
            continue
        low = m.login.lower()
        if not all(member_on(com, o) and low not in voted for o, voted in opened):
            continue
        asked = com.get("resumed")
        if asked and first <= str(asked) <= day:
            resumed.add(low)
        else:
            lapsed[low] = (f"voted in none of {names} and has not asked to resume since "
                           "(PC-MEMBER-LAPSE)")
    return lapsed, resumed


def community(state: State, day: str) -> Electorate:
    """The community of ``day`` less its lapsed members."""
    lapsed, _ = lapse(state, day)
    voters = sorted((m.login for m in state.members.values()
                     if member_on(m.community, day) and m.login.lower() not in lapsed),
                    key=str.lower)
    return Electorate("community", day, tuple(voters), lapsed)


def core(state: State, day: str) -> Electorate:
    """The core maintainers of ``day``: those who had joined by then (core.yaml's ``joined``; one
    without a date is taken to have), listed today or emeritus since after it."""
    def joined(x: str) -> bool:
        return (state.core.joined_on(x) or "") <= day

    listed = {x.lower(): x for x in state.core.maintainers if joined(x)}
    for e in state.core.emeritus:
        if str(e.since) > day and joined(e.login):
            listed.setdefault(e.login.lower(), e.login)
    voters = [m.login if (m := state.member(x)) is not None else x for x in listed.values()]
    return Electorate("core", day, tuple(sorted(voters, key=str.lower)))


def of_record(state: State, data: dict[str, Any]) -> Electorate | None:
    """The electorate of the day of a community vote or a core maintainers' vote; None for a
    council vote, or a record that does not say when voting opened."""
    opens = str((data.get("voting") or {}).get("opens") or "")
    if not opens:
        return None
    kind = data.get("kind")
    mtype = (data.get("motion") or {}).get("type") if isinstance(data.get("motion"), dict) else None
    if kind == "council-election" or (kind == "motion" and mtype in COMMUNITY_MOTIONS):
        return community(state, opens)
    if kind == "lead-election" or (kind == "motion" and mtype == "lead-remove"):
        return core(state, opens)
    return None


def _why_not(state: State, e: Electorate, login: str) -> str:
    low = login.lower()
    if e.body == "core":
        em = {x.login.lower(): str(x.since) for x in state.core.emeritus}
        joined = state.core.joined_on(login)
        if low not in em and not any(x.lower() == low for x in state.core.maintainers):
            return "core.yaml lists them neither as maintainer nor emeritus"
        if joined and joined > e.day:
            return f"joined the core maintainers on {joined}"
        return f"emeritus since {em[low]}"
    if low in e.lapsed:
        return f"had lapsed: {e.lapsed[low]}"
    m = state.member(login)
    assert m is not None  # problems() leaves a login without a member file to known_people
    com = m.community or {}
    if not com:
        return "has no community membership"
    if str(com.get("since") or "") > e.day:
        return f"joined the community on {com.get('since')}"
    return f"was removed from the community on {com.get('removed')}"


def problems(state: State, e: Electorate, data: dict[str, Any]
             ) -> list[tuple[str, tuple[str | int, ...]]]:
    """How a record's ``electorate`` differs from the electorate of the day: each listed login
    who could not vote that day, then everyone who could and is left out (message, where)."""
    body = ("the community of the day (PC-MEMBER-LAPSE applied)" if e.body == "community"
            else "every core maintainer of the day")
    what = "community member" if e.body == "community" else "core maintainer"
    out: list[tuple[str, tuple[str | int, ...]]] = []
    listed = [str(x) for x in data.get("electorate") or ()]
    for i, who in enumerate(listed):
        if who in e or (e.body == "community" and state.member(who) is None):
            continue  # an unknown login is reported by known_people
        out.append((f"{who} is not a {what} with a vote when voting opened on {e.day} "
                    f"({_why_not(state, e, who)}); the electorate is {body}: remove them",
                    ("electorate", i)))
    have = {x.lower() for x in listed}
    left_out = [x for x in e.voters if x.lower() not in have]
    if left_out:
        out.append((f"{', '.join(left_out)} left out of the electorate: {_plural(left_out, what)} "
                    f"with a vote when voting opened on {e.day}; the electorate is {body} "
                    f"({len(e)}), and quorums and thresholds are counted over it: add them",
                    ("electorate",)))
    return out


def _plural(xs: list[str], word: str) -> str:
    return word if len(xs) == 1 else word + "s"
