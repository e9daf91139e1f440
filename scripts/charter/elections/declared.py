"""What a council election record declares that other files of the repository state: the
returning officer (PC-ELECTION: nominated by the outgoing council, who names them in
council.yaml) and each candidate's affiliations (PC-COI: as their member file gives them at
nomination time).

council.yaml and the member files say how things are now, not how they were, so a record whose
certification is settled (finalised in ``charter check``'s tree, or certified on the base branch
for the pull-request gate) is held only to what those files still prove about its day: an
affiliation the member file dates (``since``) on or before nominations closed and the record
leaves out. A record still in progress, or one a pull request certifies, is held to all of it.
"""

from __future__ import annotations

from typing import Any

from charter.model import State

Issue = tuple[str, str, tuple[str | int, ...]]  # rule, message, where in election.yaml


def issues(state: State, data: dict[str, Any], *, settled: bool) -> list[Issue]:
    if data.get("kind") != "council-election":
        return []
    out = [] if settled else returning_officer(state, data)
    return out + affiliations(state, data, settled=settled)


def returning_officer(state: State, data: dict[str, Any]) -> list[Issue]:
    """PC-ELECTION: the record's returning officer is the one council.yaml names."""
    named = state.council.returning_officer
    have = str(data.get("returning_officer") or "")
    if not named or have.lower() == named.lower():
        return []
    return [("PC-ELECTION", f"the returning officer is {have or 'nobody'}, but council.yaml "
             f"names {named}, nominated by the outgoing council; the election is run by "
             f"{named}: set returning_officer: {named} (or the council first names {have} in "
             "council.yaml)", ("returning_officer",))]


def _day(data: dict[str, Any]) -> str:
    return str((data.get("nomination") or {}).get("closes")
               or (data.get("voting") or {}).get("opens") or "")


def _key(entity: Any, role: Any) -> tuple[str, str]:
    return " ".join(str(entity).split()).casefold(), str(role)


def affiliations(state: State, data: dict[str, Any], *, settled: bool) -> list[Issue]:
    """PC-COI: each candidate's ``affiliations`` are those of their member file on the day
    nominations closed (an affiliation dated later had not begun)."""
    day = _day(data)
    on = f" on {day}" if day else ""  # a record that gives neither day: held to every one
    out: list[Issue] = []
    for i, cand in enumerate(data.get("candidates") or ()):
        if not isinstance(cand, dict):
            continue
        login = str(cand.get("login") or "")
        m = state.member(login)
        src = state.files.get(m.file) if m is not None else None
        if m is None or src is None or not isinstance(src.data, dict):
            continue  # known_people reports a login without a member file
        held: dict[tuple[str, str], dict[str, Any]] = {}
        for a in src.data.get("affiliations") or ():
            since = str(a.get("since") or "")
            if not since or not day or since <= day:
                held.setdefault(_key(a.get("entity"), a.get("role")), a)
        declared = {_key(a.get("entity"), a.get("role")): a
                    for a in cand.get("affiliations") or () if isinstance(a, dict)}
        where: tuple[str | int, ...] = ("candidates", i, "affiliations" if "affiliations" in cand
                                        else "login")
        missing = [a for k, a in held.items() if k not in declared
                   and (not settled or a.get("since"))]
        extra = [] if settled else [a for k, a in declared.items() if k not in held]
        for a in missing:
            since = f" (since {a['since']})" if a.get("since") else ""
            out.append(("PC-COI", f"{login}'s member file ({m.file}) gives the affiliation "
                        f"{a.get('entity')} ({a.get('role')}){since}, which the record leaves "
                        f"out; a candidate's affiliations are those of their member file when "
                        f"nominations closed{on}: add it to candidates[{i}].affiliations",
                        where))
        for a in extra:
            out.append(("PC-COI", f"{login}'s affiliation {a.get('entity')} ({a.get('role')}) "
                        f"is not in their member file ({m.file}){on}; a candidate's "
                        "affiliations are those of their member file when nominations closed: "
                        "correct the record, or the member file first", where))
    return out
