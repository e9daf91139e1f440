"""The teams the state implies: who belongs to each managed team, with which role, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from charter.errors import CharterError
from charter.model import State
from charter.sync.config import SyncPolicy, TeamSpec

DESCRIPTION_PREFIX = "Managed by charter from "


@dataclass(frozen=True)
class Seat:
    """One wanted team membership."""

    login: str
    github_id: int | None
    role: str  # "member" or "maintainer" (GitHub's team roles)
    why: str  # e.g. "maintainer of module nn"


@dataclass
class WantedTeam:
    slug: str
    kind: str
    source: str  # the data file that says who belongs
    rule: str  # the rule that makes these people a group
    what: str  # "the maintainers of module nn"
    members: dict[str, Seat] = field(default_factory=dict)  # lowercase login -> seat
    # lowercase owner/name -> (owner/name, permission); None: repository access left alone
    repositories: dict[str, tuple[str, str]] | None = None
    module: str | None = None

    @property
    def description(self) -> str:
        return (f"{DESCRIPTION_PREFIX}{self.source}: {self.what}. Changes made on GitHub are "
                "undone; edit the governance repository instead.")


@dataclass
class Desired:
    teams: dict[str, WantedTeam]
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (rule, file, message)


def _role(spec: TeamSpec, special: str | None, login: str) -> str:
    if spec.team_maintainers == "all":
        return "maintainer"
    if spec.team_maintainers in ("lead", "chair") and special and special.lower() == login.lower():
        return "maintainer"
    return "member"


def _fill(team: WantedTeam, state: State, spec: TeamSpec, logins: list[str], why: str,
          special: str | None = None) -> None:
    for login in logins:
        m = state.member(login)
        team.members[login.lower()] = Seat(m.login if m else login, m.github_id if m else None,
                                           _role(spec, special, login), why)


def _repos(team: WantedTeam, org: str, wanted: dict[str, str], notes: list[tuple[str, str, str]]
           ) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for full, permission in wanted.items():
        if full.split("/", 1)[0].lower() != org.lower():
            notes.append((team.rule, team.source, f"{full} is not in the organisation {org}: "
                          f"team {team.slug} gets no access to it (charter manages {org} only)"))
            continue
        out[full.lower()] = (full, permission)
    return out


def compute(state: State, policy: SyncPolicy) -> Desired:
    """Every managed team, from the state and the policy."""
    out = Desired({})
    org = policy.org

    def add(team: WantedTeam) -> None:
        other = out.teams.get(team.slug)
        if other is not None:
            raise CharterError(f"policy.yaml: sync.teams gives two groups the same GitHub team "
                               f"{team.slug!r} ({other.source} and {team.source}); change a "
                               "team name or the module template")
        out.teams[team.slug] = team

    spec = policy.teams.get("core")
    if spec:
        t = WantedTeam(spec.team, "core", state.core.file, "GOV-ROLES", "the core maintainers")
        _fill(t, state, spec, list(state.core.maintainers), "core maintainer", state.core.lead)
        if spec.repositories is not None:
            t.repositories = _repos(t, org, spec.repositories, out.notes)
        add(t)
    spec = policy.teams.get("council")
    if spec:
        t = WantedTeam(spec.team, "council", state.council.file, "PC-SIZE", "the council")
        _fill(t, state, spec, [s.login for s in state.council.seats], "council member")
        if spec.repositories is not None:
            t.repositories = _repos(t, org, spec.repositories, out.notes)
        add(t)
    spec = policy.teams.get("ecosystem_wg")
    if spec:
        wg = state.working_group
        t = WantedTeam(spec.team, "ecosystem_wg", wg.file, "ECO-VOTE",
                       "the ecosystem working group")
        _fill(t, state, spec, list(wg.members), "ecosystem working-group member", wg.chair)
        if spec.repositories is not None:
            t.repositories = _repos(t, org, spec.repositories, out.notes)
        add(t)
    spec = policy.teams.get("modules")
    if spec:
        for slug in sorted(state.modules):
            mod = state.modules[slug]
            team_name = policy.module_team(slug)
            assert team_name is not None
            t = WantedTeam(team_name, "modules", mod.file, "GOV-MODULE",
                           f"the maintainers of module {slug}", module=slug)
            _fill(t, state, spec, list(mod.maintainers), f"maintainer of module {slug}")
            if mod.kind == "repository" and spec.repository_permission != "none":
                t.repositories = _repos(t, org, {r: spec.repository_permission
                                                 for r in mod.repositories}, out.notes)
            add(t)
    return out


def emeritus_of(state: State, team: WantedTeam, login: str) -> str | None:
    """When ``login`` left ``team``'s group for emeritus: the date, else None."""
    low = login.lower()
    if team.kind == "core":
        found = [e for e in state.core.emeritus if e.login.lower() == low]
    elif team.module is not None:
        mod = state.modules.get(team.module)
        found = [e for e in mod.emeritus if e.login.lower() == low] if mod else []
    else:
        found = []
    return str(found[0].since) if found else None
