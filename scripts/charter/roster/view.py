"""The roster's data: one pure function from the state to plain, JSON-ready dictionaries.

Both the JSON API and the HTML pages are rendered from this one view, so they can never disagree.
Only what the roster publishes is copied: declared relationships (private, used only for conflicts
of interest), contact details and election ballots never leave the repository through it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from charter.model import Emeritus, Project, State

API_VERSION = 1
GENERATED_BY = "charter roster build"
_SAFE_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|[-_.](?=[A-Za-z0-9])){0,99}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9:.]+Z?)?$")
# Listed projects (ECO-STATUS); every other status is an application.
LISTED = ("active", "retired")


def safe_id(text: str) -> bool:
    """True when ``text`` can be used as a file name in the site as it is."""
    return bool(_SAFE_ID.match(text))


def person_page(login: str) -> str:
    return f"people/{login}.html"


def module_page(slug: str) -> str:
    return f"modules/{slug}.html"


def election_page(eid: str) -> str:
    return f"elections/{eid}.html"


def _emeritus(items: tuple[Emeritus, ...]) -> list[dict[str, Any]]:
    return [{"login": e.login, "since": e.since, "reason": e.reason} for e in items]


def _latest(items: Any) -> dict[str, Any] | None:
    """The entry with the latest ``date`` of a list of dated records (the last one on a tie)."""
    if not isinstance(items, list):
        return None
    dated = [(str(x.get("date", "")), i, x) for i, x in enumerate(items) if isinstance(x, dict)]
    return max(dated)[2] if dated else None


def build_view(state: State, results: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the roster shows, keyed the way the JSON API publishes it.

    ``results`` maps an election id to the content of its result file, when one exists.
    """
    results = results or {}
    canonical = {login.lower(): login for login in state.members}

    def canon(login: str) -> str:
        return canonical.get(login.lower(), login)

    # One pass over every group, instead of State.roles() per person (quadratic at scale).
    roles: dict[str, list[str]] = defaultdict(list)
    maintains: dict[str, list[str]] = defaultdict(list)
    emeritus_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if state.core.lead:
        roles[canon(state.core.lead)].append("lead")
    for login in state.core.maintainers:
        roles[canon(login)].append("core")
    for e in state.core.emeritus:
        emeritus_of[canon(e.login)].append({"group": "core", "since": e.since, "reason": e.reason})
    for slug in sorted(state.modules):
        m = state.modules[slug]
        for login in m.maintainers:
            maintains[canon(login)].append(slug)
            roles[canon(login)].append(f"module:{slug}")
        for e in m.emeritus:
            emeritus_of[canon(e.login)].append(
                {"group": f"module:{slug}", "since": e.since, "reason": e.reason})
    seat_of: dict[str, dict[str, Any]] = {}
    seats = []
    for s in sorted(state.council.seats, key=lambda s: (s.cohort, s.login.lower())):
        seat = {
            "login": canon(s.login), "cohort": s.cohort, "term_start": s.term_start,
            "term_end": s.term_end, "elected_in": s.elected_in, "replaces": s.replaces,
        }
        seats.append(seat)
        seat_of[canon(s.login)] = seat
        roles[canon(s.login)].append("council")
    wg_chair = canon(state.working_group.chair) if state.working_group.chair else None
    for login in state.working_group.members:
        roles[canon(login)].append("ecosystem-wg")
    returning_officer = state.council.returning_officer
    if returning_officer:
        roles[canon(returning_officer)].append("returning-officer")

    people: dict[str, dict[str, Any]] = {}
    for login in sorted(state.members):
        mem = state.members[login]
        seat = seat_of.get(login)
        people[login] = {
            "login": login,
            "name": mem.name,
            "github_id": mem.github_id,
            "affiliations": [{"entity": a.entity, "role": a.role} for a in mem.affiliations],
            "roles": roles.get(login, []),
            "modules": maintains.get(login, []),
            "emeritus": emeritus_of.get(login, []),
            "council": None if seat is None else {
                k: seat[k] for k in ("cohort", "term_start", "term_end", "elected_in", "replaces")
            },
            "ecosystem_wg_chair": wg_chair == login,
            "community_member": bool(mem.community) and not (mem.community or {}).get("removed"),
            "page": person_page(login),
        }

    modules: dict[str, dict[str, Any]] = {}
    for slug in sorted(state.modules):
        m = state.modules[slug]
        modules[slug] = {
            "slug": slug,
            "name": m.name,
            "kind": m.kind,
            "description": m.description,
            "paths": list(m.paths),
            "repositories": list(m.repositories),
            "maintainers": [canon(x) for x in m.maintainers],
            "emeritus": [{**e, "login": canon(e["login"])} for e in _emeritus(m.emeritus)],
            "links": dict(sorted(m.links.items())),
            "decision_rule": m.rule.describe(),
            "inactive_months": m.inactive_months
            or state.policy.values.get("governance", {}).get("module_inactive_months"),
            "page": module_page(slug),
        }

    core = {
        "lead": canon(state.core.lead) if state.core.lead else None,
        "maintainers": [canon(x) for x in state.core.maintainers],
        "emeritus": [{**e, "login": canon(e["login"])} for e in _emeritus(state.core.emeritus)],
        "last_meeting": state.core.last_meeting,
        "lead_elected_in": state.core.lead_elected_in,
    }
    council = {
        "seats": seats,
        "returning_officer": canon(returning_officer) if returning_officer else None,
        "cohorts": {c: [s["login"] for s in seats if s["cohort"] == c]
                    for c in sorted({s["cohort"] for s in seats})},
    }
    working_group = {
        "chair": wg_chair,
        "members": [canon(x) for x in state.working_group.members],
        "next_session": state.working_group.next_session,
    }
    projects = {slug: _project(state.projects[slug]) for slug in sorted(state.projects)}
    elections = {
        eid: _election(eid, state.elections[eid], results.get(eid))
        for eid in sorted(state.elections)
    }
    org = state.policy.organisation
    has_lead = bool(state.policy.get("governance.has_lead"))
    has_council = "council.yaml" in state.files
    return {
        # which parts the organisation has, for the pages (the JSON API does not publish this)
        "site": {
            "lead": has_lead,
            "council": has_council,
            "ecosystem": "ecosystem-wg.yaml" in state.files or bool(state.projects),
            "elections": has_council or has_lead or bool(state.elections),
            "review_interval_months": int(state.policy.get("ecosystem.review_interval_months")),
        },
        "organisation": {
            "name": org.get("name"),
            "github": org.get("github"),
            "governance_repository": org.get("governance_repository"),
        },
        "people": people,
        "modules": modules,
        "core": core,
        "council": council,
        "working_group": working_group,
        "projects": projects,
        "elections": elections,
    }


def _project(p: Project) -> dict[str, Any]:
    d = p.data
    review = _latest(d.get("reviews"))
    decision = _latest(d.get("decisions"))
    retired = d.get("retired") if isinstance(d.get("retired"), dict) else None
    notice = d.get("notice") if isinstance(d.get("notice"), dict) else None
    return {
        "slug": p.slug,
        "name": p.name,
        "repository": p.repository,
        "status": p.status,
        "listed": p.status in LISTED,
        "description": d.get("description"),
        "licence": d.get("licence"),
        "maintainers": list(d.get("maintainers", [])),
        "issue": d.get("issue"),
        "submitted": d.get("submitted"),
        "last_review": None if review is None else {
            "date": review.get("date"),
            "reviewer": review.get("reviewer"),
            "results": dict(sorted((review.get("results") or {}).items())),
            "notes": list(review.get("notes") or []),
        },
        "last_decision": None if decision is None else {
            "date": decision.get("date"),
            "outcome": decision.get("outcome"),
            "reason": decision.get("reason"),
        },
        "notice": None if notice is None else {
            "issue": notice.get("issue"),
            "opened": notice.get("opened"),
            "deadline": notice.get("deadline"),
            "reasons": list(notice.get("reasons") or []),
        },
        "retired": None if retired is None else {
            "date": retired.get("date"), "reason": retired.get("reason"),
        },
    }


# --- elections ------------------------------------------------------------------------------
# The elections package defines these files; the roster reads them defensively and publishes only
# a summary: scalars, lists of scalars and small maps of them (dates, phases, tallies, winners),
# never lists of records (ballots, individual votes).

_KIND_KEYS = ("kind", "type", "method")
_TITLE_KEYS = ("title", "name", "motion", "question")


def _plain(value: Any, depth: int = 0) -> Any:
    """``value`` if it is publishable summary data, else ``None`` (dropped)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if depth > 6:
        return None
    if isinstance(value, list):
        if all(x is None or isinstance(x, bool | int | float | str) for x in value):
            return list(value)
        if all(isinstance(x, dict) for x in value) and len(value) <= 1000:
            items = [_plain(x, depth + 1) for x in value]
            # a list of small records (totals, rounds, recorded ties) is a result, but a
            # record that names a voter with their choice (a ballot) is never published
            if all(isinstance(x, dict) for x in items) and not any(map(_is_ballot, value)):
                return items
        return None
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                continue
            if k.lower() in _PRIVATE and isinstance(v, list | dict):
                continue  # a count of ballots is a result; the ballots themselves are not
            pv = _plain(v, depth + 1)
            if pv is not None or v is None:
                out[k] = pv
        return dict(sorted(out.items()))
    return None


# Who may vote and who voted are counted, not listed; ballots and individual votes never leave.
_PRIVATE = {"ballots", "ballot", "votes", "scores", "voters", "electorate", "participation", "roll"}


def _is_ballot(record: dict[str, Any]) -> bool:
    keys = {str(k).lower() for k in record}
    return bool(keys & {"voter", "ballot", "scores", "score_by", "token"})


def _dates(data: dict[str, Any]) -> dict[str, str]:
    """Top-level and one-level-nested dates, named by their (dotted) key."""
    out: dict[str, str] = {}
    for k, v in data.items():
        if isinstance(v, str) and _DATE.match(v):
            out[str(k)] = v
        elif isinstance(v, dict):
            for k2, v2 in v.items():
                if isinstance(v2, str) and _DATE.match(v2):
                    out[f"{k}.{k2}"] = v2
                elif isinstance(v2, dict):
                    for k3, v3 in v2.items():
                        if isinstance(v3, str) and _DATE.match(v3):
                            out[f"{k}.{k2}.{k3}"] = v3
    return dict(sorted(out.items()))


def _first(data: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = data.get(k)
        if isinstance(v, str) and v:
            return v
    return None


def _election(eid: str, data: Any, result: Any) -> dict[str, Any]:
    data = data if isinstance(data, dict) else {}
    summary = _plain(data) or {}
    res = _plain(result) if isinstance(result, dict) else None
    electorate = data.get("electorate")
    participation = data.get("participation")
    return {
        "id": eid,
        "electorate_size": len(electorate) if isinstance(electorate, list) else None,
        "turnout": len(participation) if isinstance(participation, list) else None,
        "kind": _first(data, _KIND_KEYS),
        "title": _first(data, _TITLE_KEYS),
        "dates": _dates(data),
        "details": summary,
        "result": res,
        "page": election_page(eid) if safe_id(eid) else None,
    }
