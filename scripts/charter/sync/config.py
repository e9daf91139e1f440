"""The ``sync`` section of ``policy.yaml``: which teams charter manages, and the safety limits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from charter.errors import CharterError
from charter.model import State

KINDS = ("core", "council", "ecosystem_wg", "modules")

# GitHub's permission names in REST (what a write sends), weakest first.
PERMISSIONS = ("pull", "triage", "push", "maintain", "admin")


@dataclass(frozen=True)
class TeamSpec:
    """One declared kind of team. ``team`` is a slug, or for modules a template with {slug}."""

    kind: str
    team: str
    team_maintainers: str = "none"
    repositories: dict[str, str] | None = None  # fixed teams: None leaves repository access alone
    repository_permission: str = "maintain"  # module teams: "none" leaves it alone


@dataclass(frozen=True)
class SyncPolicy:
    org: str
    teams: dict[str, TeamSpec] = field(default_factory=dict)
    max_removal_fraction: Fraction = Fraction(1, 4)
    min_admins: int = 2
    max_changes: int = 200

    def module_team(self, slug: str) -> str | None:
        spec = self.teams.get("modules")
        if spec is None:
            return None
        return team_slug(spec.team.replace("{slug}", slug))

    def module_template(self) -> re.Pattern[str] | None:
        """What a module team's slug looks like (to recognise a team whose module is gone)."""
        spec = self.teams.get("modules")
        if spec is None:
            return None
        before, _, after = spec.team.partition("{slug}")
        return re.compile(re.escape(before) + r"([a-z0-9][a-z0-9-]*)" + re.escape(after))


def team_slug(text: str) -> str:
    """The slug GitHub gives a team named ``text`` when the name is lowercase letters, digits and
    hyphens; module slugs may hold '.' and '_', which become '-'."""
    out = re.sub(r"[^a-z0-9-]", "-", text.lower())
    return re.sub(r"-{2,}", "-", out).strip("-")


def read(state: State) -> SyncPolicy:
    """The effective sync policy of ``state`` (its defaults come from the policy schema)."""
    org = state.policy.organisation.get("github")
    if not org:
        raise CharterError("policy.yaml: organisation.github is not set; charter cannot tell which "
                           "GitHub organisation to read")
    values: dict[str, Any] = state.policy.values.get("sync") or {}
    teams: dict[str, TeamSpec] = {}
    for kind, raw in (values.get("teams") or {}).items():
        if kind not in KINDS or not isinstance(raw, dict):
            continue
        repos = raw.get("repositories")
        teams[kind] = TeamSpec(
            kind=kind,
            team=str(raw["team"]),
            team_maintainers=str(raw.get("team_maintainers", "none")),
            repositories=dict(repos) if isinstance(repos, dict) else None,
            repository_permission=str(raw.get("repository_permission", "maintain")),
        )
    return SyncPolicy(
        org=str(org),
        teams=teams,
        max_removal_fraction=Fraction(str(values.get("max_removal_fraction", "1/4"))),
        min_admins=int(values.get("min_admins", 2)),
        max_changes=int(values.get("max_changes", 200)),
    )
