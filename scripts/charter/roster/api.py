"""The versioned JSON API (``v1/*.json``): pure rendering from the roster view.

Every document is an object with ``generated_by`` and ``api_version`` beside its payload, written
with sorted keys, two-space indentation, UTF-8 and a final newline, so the same data always gives
the same bytes. docs/roster-api.md documents every field.
"""

from __future__ import annotations

import json
from typing import Any

from charter.roster.view import API_VERSION, GENERATED_BY

PREFIX = f"v{API_VERSION}"
ENDPOINTS = ("people", "modules", "core", "council", "ecosystem", "elections")


def dumps(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _doc(**payload: Any) -> dict[str, Any]:
    return {"generated_by": GENERATED_BY, "api_version": API_VERSION, **payload}


def documents(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every API document by its path in the site."""
    projects = view["projects"]
    docs = {
        "people": _doc(people=view["people"]),
        "modules": _doc(modules=view["modules"]),
        "core": _doc(core=view["core"]),
        "council": _doc(council=view["council"]),
        "ecosystem": _doc(
            projects={k: v for k, v in projects.items() if v["listed"]},
            applications={k: v for k, v in projects.items() if not v["listed"]},
            working_group=view["working_group"],
        ),
        "elections": _doc(elections=view["elections"]),
    }
    out = {f"{PREFIX}/{name}.json": doc for name, doc in docs.items()}
    out[f"{PREFIX}/index.json"] = _doc(
        organisation=view["organisation"],
        endpoints={name: f"{name}.json" for name in ENDPOINTS},
        counts=counts(view),
    )
    return out


def counts(view: dict[str, Any]) -> dict[str, int]:
    """How many of each the index reports."""
    projects = view["projects"]
    return {
        "people": len(view["people"]),
        "modules": len(view["modules"]),
        "core_maintainers": len(view["core"]["maintainers"]),
        "council_seats": len(view["council"]["seats"]),
        "projects_active": sum(1 for p in projects.values() if p["status"] == "active"),
        "projects_retired": sum(1 for p in projects.values() if p["status"] == "retired"),
        "applications": sum(1 for p in projects.values() if not p["listed"]),
        "elections": len(view["elections"]),
    }


def render_api(view: dict[str, Any]) -> dict[str, bytes]:
    return {path: dumps(doc) for path, doc in documents(view).items()}
