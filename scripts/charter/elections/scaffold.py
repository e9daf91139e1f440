"""New election and vote records, laid out from the policy and the current data.

``charter election new`` and ``charter council vacancy`` write what a returning officer would
otherwise copy by hand: the seats and cohort of a council election, its nomination and voting
windows (``council.nomination_days``, ``council.voting_days``), the electorate of the day voting
opens (charter.elections.day: the voter roll, PC-MEMBER-LAPSE applied), the sitting members of
a cohort election, the returning officer council.yaml names; for a vacancy vote (PC-VACANCY)
the seat it fills and the sitting council as electorate. A new record is *open*: it has no
ballots yet, and is counted once they are committed (``charter election ballots``) and
certified (``charter election certify``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from charter.elections import day
from charter.model import Member, Seat, State


def window(opens: dt.date, days: int) -> dict[str, str]:
    """``days`` days from ``opens``, both ends included."""
    return {"opens": opens.isoformat(), "closes": (opens + dt.timedelta(days=days - 1)).isoformat()}


def affiliations(member: Member | None) -> list[dict[str, str]]:
    """A person's affiliations as a record snapshots them (PC-COI)."""
    if member is None:
        return []
    return [{"entity": a.entity, "role": a.role} for a in member.affiliations]


def council_election(state: State, *, title: str, scope: str, opens: dt.date,
                     returning_officer: str, candidates: list[str]) -> dict[str, Any]:
    """A council election (PC-ELECTION): the whole council or one cohort."""
    pol = state.policy
    seats = (int(pol.get("council.seats")) if scope == "whole"
             else int(pol.get("council.cohorts").get(scope, 0)))
    nomination = window(opens, int(pol.get("council.nomination_days")))
    voting_opens = dt.date.fromisoformat(nomination["closes"]) + dt.timedelta(days=1)
    voting = window(voting_opens, int(pol.get("council.voting_days")))
    record: dict[str, Any] = {
        "kind": "council-election", "title": title, "returning_officer": returning_officer,
        "method": pol.get("council.voting_method"), "scope": scope, "seats": seats,
        "nomination": nomination, "voting": voting,
        "electorate": list(day.community(state, voting["opens"]).voters),
    }
    if scope != "whole":
        record["sitting"] = [{"login": s.login, "affiliations": affiliations(state.member(s.login))}
                             for s in state.council.seats if s.cohort != scope]
    if candidates:
        record["candidates"] = [{"login": c, "affiliations": affiliations(state.member(c))}
                                for c in candidates]
    return record


def lead_election(state: State, *, title: str, opens: dt.date, returning_officer: str,
                  candidates: list[str]) -> dict[str, Any]:
    """A lead election (GOV-LEAD-ELECT): instant-runoff among the core maintainers."""
    record: dict[str, Any] = {
        "kind": "lead-election", "title": title, "returning_officer": returning_officer,
        "method": "instant-runoff",
        "voting": window(opens, int(state.policy.get("council.voting_days"))),
        "electorate": list(state.core.maintainers),
    }
    if candidates:
        record["candidates"] = [{"login": c} for c in candidates]
    return record


def member_add(state: State, *, title: str, subject: str, called: tuple[str, str],
               seconded: tuple[str, str], opens: dt.date,
               returning_officer: str) -> dict[str, Any]:
    """A community vote to admit ``subject`` (PC-MEMBER-ADD): called by one member, seconded by
    another, open ``council.vote_days``; the electorate is the community of the day voting
    opens (charter.elections.day)."""
    return {
        "kind": "motion", "title": title, "returning_officer": returning_officer,
        "method": "yes-no",
        "motion": {"type": "member-add", "text": f"Admit {subject} to the community.",
                   "subject": subject, "called": {"by": called[0], "on": called[1]},
                   "seconded": {"by": seconded[0], "on": seconded[1]}},
        "voting": window(opens, int(state.policy.get("council.vote_days"))),
        "electorate": list(day.community(state, opens.isoformat()).voters),
    }


def vacancy(state: State, *, title: str, opens: dt.date, returning_officer: str,
            appointee: str, seat: Seat | None, cohort: str, term_end: str,
            out_of_touch: list[tuple[str, str]]) -> dict[str, Any]:
    """A council vote appointing ``appointee`` to a vacant seat (PC-VACANCY): the seat ``seat``
    held (by a member who resigned or is out of touch), or an empty seat of ``cohort`` until
    ``term_end``. The electorate is the sitting council."""
    replaces: dict[str, str] = {}
    if seat is not None:
        replaces["login"] = seat.login
    replaces.update(cohort=cohort, term_end=term_end)
    whose = f"the seat of {seat.login}" if seat is not None else f"a vacant seat of cohort {cohort}"
    motion: dict[str, Any] = {
        "type": "vacancy",
        "text": f"Appoint {appointee} to {whose} until {term_end}.",
        "appointee": appointee,
        "replaces": replaces,
    }
    if out_of_touch:
        motion["out_of_touch"] = [{"login": who, "since": since} for who, since in out_of_touch]
    return {
        "kind": "motion", "title": title, "returning_officer": returning_officer,
        "method": "yes-no", "motion": motion,
        "voting": window(opens, int(state.policy.get("council.vote_days"))),
        "electorate": [s.login for s in state.council.seats],
    }
