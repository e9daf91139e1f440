"""The JSON API, version 2 (``v2/*.json``), published beside ``v1`` (which does not change).

Version 2 is data only: decision rules and roles are structured (never a sentence or a
``"module:slug"`` string), each date appears once, elections are built field by field from
charter's typed model of a count (:mod:`.elections`, nothing passed through from the record
files), and the index says which charter built it from which commit. Every document has a JSON
Schema (draft 2020-12) published at ``v2/schema/<name>.schema.json``; the tests validate every
document against it. docs/roster-api.md documents every field.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from charter.model import State
from charter.roster.api import counts, dumps
from charter.roster.elections import Election, Tie
from charter.roster.history import History
from charter.roster.model import CONTACT_LABELS, SiteModel, avatar_url
from charter.roster.view import GENERATED_BY

VERSION = 2
PREFIX = f"v{VERSION}"
DOCUMENTS = ("people", "modules", "core", "council", "ecosystem", "elections", "changes")
SCHEMAS = Path(__file__).parent / "schema" / PREFIX
LINK_KEYS = ("vision", "roadmap", "design_docs", "disputes")


def _doc(**payload: Any) -> dict[str, Any]:
    return {"generated_by": GENERATED_BY, "api_version": VERSION, **payload}


def _term(start: str | None, end: str | None) -> dict[str, Any] | None:
    return {"start": start, "end": end} if start or end else None


# --- people, modules, core, council ---------------------------------------------------------

def _roles(p: dict[str, Any], seat: dict[str, Any] | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in p["roles"]:
        if r == "lead":
            out.append({"kind": "lead"})
        elif r == "core":
            out.append({"kind": "core-maintainer"})
        elif r.startswith("module:"):
            out.append({"kind": "module-maintainer", "module": r.partition(":")[2]})
        elif r == "council" and seat is not None:
            out.append({"kind": "council-member", "cohort": seat["cohort"],
                        "term": _term(seat["term_start"], seat["term_end"]),
                        "elected_in": seat["elected_in"], "replaces": seat["replaces"]})
        elif r == "ecosystem-wg":
            out.append({"kind": "ecosystem-wg-member", "chair": p["ecosystem_wg_chair"]})
        elif r == "returning-officer":
            out.append({"kind": "returning-officer"})
    return out


def _group(group: str) -> dict[str, Any]:
    if group.startswith("module:"):
        return {"kind": "module", "module": group.partition(":")[2]}
    return {"kind": "core"}


def _people(state: State, view: dict[str, Any], model: SiteModel) -> dict[str, Any]:
    out = {}
    for login, p in view["people"].items():
        com = state.members[login].community if login in state.members else None
        com = com if isinstance(com, dict) else {}
        gid = p["github_id"]
        out[login] = {
            "login": login,
            "name": p["name"],
            "github_id": gid,
            "avatar_url": avatar_url(gid) if model.avatars and isinstance(gid, int) else None,
            "affiliations": p["affiliations"],
            "roles": _roles(p, p["council"]),
            "emeritus": [{"group": _group(e["group"]), "since": e["since"],
                          "reason": e["reason"]} for e in p["emeritus"]],
            "community": {"member": p["community_member"], "since": com.get("since"),
                          "removed": com.get("removed")},
            "page": p["page"],
        }
    return out


def _rule(state: State, slug: str) -> dict[str, Any]:
    m = state.modules[slug]
    r = m.rule
    frac = Fraction(r.fraction) if r.kind == "fraction" and r.fraction else None
    return {
        "kind": r.kind,
        "fraction": None if frac is None else {"numerator": frac.numerator,
                                               "denominator": frac.denominator},
        "count": r.count if r.kind == "count" else None,
        "default": m.decision_rule is None,
    }


def _modules(state: State, view: dict[str, Any], model: SiteModel) -> dict[str, Any]:
    out = {}
    for slug, m in view["modules"].items():
        contact = model.contacts.get(slug, {})
        out[slug] = {
            "slug": slug,
            "name": m["name"],
            "description": m["description"],
            "scope": ({"kind": "paths", "paths": m["paths"]} if m["kind"] == "paths" else
                      {"kind": "repositories", "repositories": m["repositories"]}),
            "maintainers": m["maintainers"],
            "emeritus": m["emeritus"],
            "decision_rule": _rule(state, slug),
            "inactive_months": m["inactive_months"],
            "links": {k: m["links"].get(k) for k in LINK_KEYS},
            "contact": {k: contact.get(k) for k in CONTACT_LABELS},
            "page": m["page"],
        }
    return out


def _council(view: dict[str, Any], model: SiteModel) -> dict[str, Any]:
    c = view["council"]
    return {
        "seats": [{"login": s["login"], "cohort": s["cohort"],
                   "term": _term(s["term_start"], s["term_end"]), "elected_in": s["elected_in"],
                   "replaces": s["replaces"],
                   "affiliations": view["people"][s["login"]]["affiliations"]
                   if s["login"] in view["people"] else []} for s in c["seats"]],
        "returning_officer": c["returning_officer"],
        "max_per_entity": model.max_per_entity,
    }


def _ecosystem(view: dict[str, Any]) -> dict[str, Any]:
    projects = {}
    for slug, p in view["projects"].items():
        review = p["last_review"]
        projects[slug] = {
            "slug": slug, "name": p["name"], "repository": p["repository"],
            "status": p["status"], "listed": p["listed"], "description": p["description"],
            "licence": p["licence"], "maintainers": p["maintainers"],
            "application": None if p["issue"] is None and p["submitted"] is None else {
                "issue": p["issue"], "submitted": p["submitted"]},
            "last_review": None if review is None else {
                "date": review["date"], "reviewer": review["reviewer"],
                "results": [{"requirement": k, "outcome": v}
                            for k, v in review["results"].items()],
                "notes": review["notes"]},
            "last_decision": p["last_decision"],
            "notice": p["notice"],
            "retired": p["retired"],
        }
    return {"projects": projects, "working_group": view["working_group"]}


# --- elections ------------------------------------------------------------------------------

def _pairs(items: tuple[tuple[str, int], ...], key: str) -> list[dict[str, Any]]:
    return [{"login": k, key: v} for k, v in items]


def _ties(ties: tuple[Tie, ...]) -> list[dict[str, Any]]:
    return [{"stage": t.stage, "steps": [{
        "rule": s.rule, "tied": list(s.tied), "counts": _pairs(s.counts, "count"),
        "no_preference": s.no_preference, "ahead": list(s.ahead),
        "resolution": {"method": s.method, "seed": s.seed, "reference": s.reference}
        if s.resolution else None,
    } for s in t.steps]} for t in ties]


def _affs(items: Any) -> list[dict[str, str]]:
    return [{"entity": a.entity, "role": a.role} for a in items]


def _election(e: Election) -> dict[str, Any]:
    d = e.dates
    status = "not-counted" if not e.counted else ("certified" if e.certified else "provisional")
    out: dict[str, Any] = {
        "id": e.id, "kind": e.kind, "title": e.title, "page": e.page, "method": e.method,
        "returning_officer": e.returning_officer,
        "dates": {
            "nomination": None if not d.nomination_opens else {
                "opens": d.nomination_opens, "closes": d.nomination_closes},
            "voting": None if not d.voting_opens else {
                "opens": d.voting_opens, "closes": d.voting_closes},
            "finalised": d.finalised,
        },
        "status": status,
        "turnout": {"ballots": e.ballots, "electorate": e.electorate},
        "ballots_sha256": e.ballots_sha256,
        "council": None, "lead": None, "motion": None,
    }
    if e.council is not None:
        c = e.council
        out["council"] = {
            "scope": c.scope, "seats": c.seats, "unit": c.unit,
            "candidates": [{"login": x.login, "total": x.total, "five_star": x.five_star,
                            "affiliations": _affs(x.affiliations)} for x in c.candidates],
            "rounds": [{"round": r.number, "scores": _pairs(r.scores, "score"),
                        "finalists": list(r.finalists), "runoff": _pairs(r.runoff, "ballots"),
                        "no_preference": r.no_preference, "ties": _ties(r.ties),
                        "placed": r.placed, "note": r.note} for r in c.rounds],
            "order": list(c.order),
            "elected": [{"login": s.login, "cohort": s.cohort,
                         "term": _term(s.term_start, s.term_end),
                         "affiliations": _affs(s.affiliations)} for s in c.elected],
            "vacancies": [{"cohort": s.cohort, "term_end": s.term_end} for s in c.vacancies],
            "employer_cap": {"max_per_entity": c.max_per_entity, "log": list(c.cap_log)},
            "unplaced": list(c.unplaced),
            "reference": c.reference,
        }
    if e.lead is not None:
        out["lead"] = {
            "rounds": [{"round": r.number, "counts": _pairs(r.counts, "ballots"),
                        "exhausted": r.exhausted, "ties": _ties(r.ties),
                        "eliminated": r.eliminated, "elected": r.winner, "note": r.note}
                       for r in e.lead.rounds],
            "winner": e.lead.winner,
        }
    if e.motion is not None:
        m = e.motion

        def act(a: Any) -> dict[str, Any] | None:
            return None if a is None else {"by": a.by, "on": a.on}

        out["motion"] = {
            "type": m.type, "question": m.question, "subject": m.subject,
            "appointee": m.appointee, "called": act(m.called), "seconded": act(m.seconded),
            "votes": {"yes": m.yes, "no": m.no, "abstain": m.abstain},
            "rejected": [{"line": line, "reason": reason} for line, reason in m.rejected],
            "threshold": {"needed": m.threshold_needed, "of": m.threshold_of},
            "quorum": None if m.quorum_needed is None else {
                "needed": m.quorum_needed, "participated": m.quorum_participated,
                "met": m.quorum_met},
            "passed": m.passed, "effect": m.effect, "notes": list(m.notes),
        }
    return out


# --- history --------------------------------------------------------------------------------

def _changes(history: History | None) -> dict[str, Any]:
    if history is None:
        return {"source": None, "limit": None, "examined": 0, "reached_start": False,
                "commits": []}

    def target(t: str) -> dict[str, Any]:
        kind, _, ident = t.partition(":")
        return {"kind": kind, "id": ident or None}

    return {
        "source": "git", "limit": history.limit, "examined": history.examined,
        "reached_start": history.reached_start,
        "commits": [{"commit": c.sha, "date": c.date, "time": c.time, "summary": c.summary,
                     "changes": [{"kind": x.kind, "who": x.who, "verb": x.verb,
                                  "target": target(x.target), "detail": x.detail or None}
                                 for x in c.changes]} for c in history.commits],
    }


# --- the documents --------------------------------------------------------------------------

def documents(state: State, view: dict[str, Any], model: SiteModel) -> dict[str, dict[str, Any]]:
    """Every v2 document by its path in the site."""
    docs = {
        "people": _doc(people=_people(state, view, model)),
        "modules": _doc(modules=_modules(state, view, model)),
        "core": _doc(core=view["core"]),
        "council": _doc(council=_council(view, model)),
        "ecosystem": _doc(**_ecosystem(view)),
        "elections": _doc(elections={eid: _election(e) for eid, e in model.elections.items()}),
        "changes": _doc(**_changes(model.history)),
    }
    out = {f"{PREFIX}/{name}.json": doc for name, doc in docs.items()}
    out[f"{PREFIX}/index.json"] = _doc(
        charter_version=model.charter_version,
        source_revision=model.source_revision,
        organisation=view["organisation"],
        documents={name: {"path": f"{name}.json", "schema": f"schema/{name}.schema.json"}
                   for name in DOCUMENTS},
        schema="schema/index.schema.json",
        counts={**counts(view),
                "changes": len(model.history.commits) if model.history else 0},
    )
    return out


def schemas() -> dict[str, bytes]:
    """The published JSON Schemas, by their path in the site."""
    out = {}
    for name in ("index", *DOCUMENTS):
        raw = (SCHEMAS / f"{name}.schema.json").read_bytes()
        json.loads(raw)  # a broken schema file fails the build, not a reader
        out[f"{PREFIX}/schema/{name}.schema.json"] = raw
    return out


def render_api_v2(state: State, view: dict[str, Any], model: SiteModel) -> dict[str, bytes]:
    out = {path: dumps(doc) for path, doc in documents(state, view, model).items()}
    out.update(schemas())
    return out
