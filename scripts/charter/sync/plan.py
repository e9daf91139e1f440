"""The difference between the teams the state implies and the teams GitHub holds: the plan.

Each change names the rule and the data file behind it. People are matched by numeric GitHub id
when the member file records one (so a renamed account is neither removed nor added again), by
login otherwise. The organisation's owners are never removed from a team nor changed in role;
unmanaged teams are never looked at; a pending invitation is never sent again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from charter.model import State
from charter.sync import desired as desired_mod
from charter.sync.config import SyncPolicy
from charter.sync.desired import DESCRIPTION_PREFIX, Desired, WantedTeam
from charter.sync.observe import Org, Team

ORDER = {"create-team": 0, "update-team": 1, "add": 2, "set-role": 3, "grant": 4, "revoke": 5,
         "remove": 6}


@dataclass(frozen=True)
class Change:
    action: str  # one of ORDER
    team: str
    subject: str = ""  # a login, or a repository owner/name
    value: str = ""  # the role, the permission or the description
    rule: str = ""
    source: str = ""  # the data file that causes it
    why: str = ""
    before: str = ""  # the role or permission it replaces
    invite: bool = False  # an add that sends an invitation to the organisation
    new: bool | None = None  # caused by the change under review (None: not compared)

    @property
    def removal(self) -> bool:
        return self.action in ("remove", "revoke")

    def key(self) -> tuple[str, str, str, str]:
        return (self.action, self.team, self.subject.lower(), self.value)

    def sort_key(self) -> tuple[int, str, str]:
        return (ORDER[self.action], self.team, self.subject.lower())


@dataclass(frozen=True)
class Notice:
    rule: str
    source: str
    message: str


@dataclass
class Plan:
    org: str
    changes: list[Change] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    managed: list[str] = field(default_factory=list)  # team slugs, wanted and orphaned
    current_total: int = 0  # memberships and repository grants of the managed teams now
    admins_before: dict[str, set[str]] = field(default_factory=dict)
    admins_after: dict[str, set[str]] = field(default_factory=dict)

    @property
    def removals(self) -> list[Change]:
        return [c for c in self.changes if c.removal]

    def mark(self, base: Plan) -> None:
        """Mark each change as caused by the change under review, or already pending at base."""
        known = {c.key() for c in base.changes}
        self.changes = [replace(c, new=c.key() not in known) for c in self.changes]


def compute(state: State, policy: SyncPolicy, want: Desired, org: Org) -> Plan:
    plan = Plan(org.login)
    plan.notices += [Notice(r, f, m) for r, f, m in want.notes]
    seen = org.seen_members()
    for slug in sorted(want.teams):
        _team(plan, state, want.teams[slug], org.teams.get(slug), org, seen)
    _orphans(plan, policy, want, org)
    plan.changes.sort(key=Change.sort_key)
    plan.managed = sorted(set(want.teams) | {c.team for c in plan.changes})
    members, grants = _current(org, plan.managed)
    plan.current_total = sum(len(v) for v in members.values()) + sum(
        len(v) for v in grants.values())
    plan.admins_before = admins(members, grants)
    plan.admins_after = admins(*simulate(members, grants, plan.changes))
    return plan


def logins_to_look_up(want: Desired, org: Org) -> list[str]:
    """People who would be added: their accounts are looked up before the plan is made."""
    out = []
    for slug, team in want.teams.items():
        have = org.teams.get(slug)
        for low, seat in team.members.items():
            if have is None or (_find(have, seat) is None and low not in have.invited):
                out.append(seat.login)
    return out


def _find(have: Team, seat: desired_mod.Seat) -> str | None:
    """The key of ``seat`` among the team's members: by numeric id first, then by login."""
    if seat.github_id is not None:
        for low, m in have.members.items():
            if m.github_id == seat.github_id:
                return low
    low = seat.login.lower()
    if low in have.members:
        m = have.members[low]
        if seat.github_id is None or m.github_id in (None, seat.github_id):
            return low
    return None


def _team(plan: Plan, state: State, want: WantedTeam, have: Team | None, org: Org,
          seen: set[str]) -> None:
    src, rule = want.source, want.rule
    if have is None:
        plan.changes.append(Change("create-team", want.slug, value=want.description, rule=rule,
                                   source=src, why=f"the team for {want.what}"))
        have = Team(want.slug, want.description)
    elif have.description != want.description:
        plan.changes.append(Change("update-team", want.slug, value=want.description,
                                   before=have.description, rule=rule, source=src,
                                   why="the description says the team is managed by charter"))
    matched: set[str] = set()
    for seat in want.members.values():
        key = _find(have, seat)
        if key is not None:
            matched.add(key)
            m = have.members[key]
            if m.login.lower() != seat.login.lower():
                plan.notices.append(Notice("INT-UNKNOWN-LOGIN", src, (
                    f"{seat.login} is {m.login} on GitHub now (same account, id {m.github_id}); "
                    f"kept in team {want.slug}; record the new login: charter sync ids")))
            if m.role != seat.role:
                if key in org.owners:
                    plan.notices.append(Notice(rule, src, (
                        f"{m.login} is an owner of {org.login}: their role in team {want.slug} "
                        f"stays {m.role} (charter never changes an owner)")))
                else:
                    plan.changes.append(Change("set-role", want.slug, m.login, seat.role, rule,
                                               src, f"{seat.why}", before=m.role))
            continue
        low = seat.login.lower()
        if low in have.invited:
            plan.notices.append(Notice(rule, src, (
                f"{seat.login}: invited to {org.login} and team {want.slug}, not accepted yet")))
            continue
        user = org.users.get(low)
        if user is None and low in org.users:  # looked up: no such account
            plan.notices.append(Notice("INT-UNKNOWN-LOGIN", src, (
                f"{seat.login} ({seat.why}) has no GitHub account under that login: not added "
                f"to team {want.slug}; check the login, or run charter sync ids")))
            continue
        if user is not None and seat.github_id is not None and user.github_id != seat.github_id:
            plan.notices.append(Notice("INT-UNKNOWN-LOGIN", src, (
                f"the login {seat.login} now belongs to another account (id {user.github_id}; "
                f"the member file says {seat.github_id}): not added to team {want.slug}; run "
                "charter sync ids to find the renamed account")))
            continue
        in_org = low in seen or (user is not None and user.in_org)
        plan.changes.append(Change("add", want.slug, seat.login, seat.role, rule, src, seat.why,
                                   invite=not in_org))
    for key, m in sorted(have.members.items()):
        if key in matched:
            continue
        if key in org.owners:
            plan.notices.append(Notice(rule, src, (
                f"{m.login} is an owner of {org.login}: left in team {want.slug} (charter never "
                "changes an owner)")))
            continue
        since = desired_mod.emeritus_of(state, want, m.login)
        if since:
            plan.changes.append(Change("remove", want.slug, m.login, rule="GOV-EMERITUS",
                                       source=src, why=f"emeritus since {since}",
                                       before=m.role))
        else:
            plan.changes.append(Change("remove", want.slug, m.login, rule=rule, source=src,
                                       why=f"not among {want.what}", before=m.role))
    for key in sorted(set(have.invited) - set(want.members)):
        plan.notices.append(Notice(rule, src, (
            f"{key} has a pending invitation to team {want.slug} but is not among {want.what}; "
            "withdraw it on GitHub (charter does not cancel invitations)")))
    if want.repositories is None:
        return
    for low, (full, perm) in sorted(want.repositories.items()):
        now = have.repositories.get(low)
        if now is None:
            plan.changes.append(Change("grant", want.slug, full, perm, rule, src,
                                       f"{want.what} work in {full}"))
        elif now[1] != perm:
            plan.changes.append(Change("grant", want.slug, full, perm, rule, src,
                                       f"{want.what} work in {full}", before=now[1]))
    for low, (full, perm) in sorted(have.repositories.items()):
        if low not in want.repositories:
            plan.changes.append(Change("revoke", want.slug, full, rule=rule, source=src,
                                       why=f"not a repository of {want.what}", before=perm))


def _orphans(plan: Plan, policy: SyncPolicy, want: Desired, org: Org) -> None:
    """Module teams charter made whose module is gone: emptied (never deleted)."""
    pattern = policy.module_template()
    spec = policy.teams.get("modules")
    if pattern is None or spec is None:
        return
    for slug, have in sorted(org.teams.items()):
        if slug in want.teams or not pattern.fullmatch(slug):
            continue
        if not have.description.startswith(DESCRIPTION_PREFIX + "modules/"):
            continue  # a team of the same shape that charter did not make: not charter's
        source = have.description[len(DESCRIPTION_PREFIX):].split(":", 1)[0]
        why = f"{source} no longer exists"
        for key, m in sorted(have.members.items()):
            if key in org.owners:
                plan.notices.append(Notice("GOV-MODULES-SCOPE", source, (
                    f"{m.login} is an owner of {org.login}: left in team {slug}")))
                continue
            plan.changes.append(Change("remove", slug, m.login, rule="GOV-MODULES-SCOPE",
                                       source=source, why=why, before=m.role))
        if spec.repository_permission != "none":
            for _low, (full, perm) in sorted(have.repositories.items()):
                plan.changes.append(Change("revoke", slug, full, rule="GOV-MODULES-SCOPE",
                                           source=source, why=why, before=perm))
        plan.notices.append(Notice("GOV-MODULES-SCOPE", source, (
            f"team {slug} belonged to a module that no longer exists: emptied, not deleted; "
            "delete it on GitHub when nobody needs its history")))


# --- what the plan does to admin access --------------------------------------------------------

Members = dict[str, set[str]]  # team slug -> lowercase logins
Grants = dict[str, dict[str, str]]  # team slug -> lowercase owner/name -> permission


def _current(org: Org, slugs: Iterable[str]) -> tuple[Members, Grants]:
    members: Members = {}
    grants: Grants = {}
    for slug in slugs:
        t = org.teams.get(slug)
        members[slug] = set(t.members) if t else set()
        grants[slug] = {k: v[1] for k, v in t.repositories.items()} if t else {}
    return members, grants


def simulate(members: Members, grants: Grants, changes: list[Change]) -> tuple[Members, Grants]:
    """The managed teams once ``changes`` are applied (an invitation grants nothing yet)."""
    m = {k: set(v) for k, v in members.items()}
    g = {k: dict(v) for k, v in grants.items()}
    for c in changes:
        who = c.subject.lower()
        if c.action == "create-team":
            m.setdefault(c.team, set())
            g.setdefault(c.team, {})
        elif c.action == "add" and not c.invite:
            m.setdefault(c.team, set()).add(who)
        elif c.action == "remove":
            m.setdefault(c.team, set()).discard(who)
        elif c.action == "grant":
            g.setdefault(c.team, {})[who] = c.value
        elif c.action == "revoke":
            g.setdefault(c.team, {}).pop(who, None)
    return m, g


def admins(members: Members, grants: Grants) -> dict[str, set[str]]:
    """Per repository on which a managed team grants admin: who holds admin through them."""
    out: dict[str, set[str]] = {}
    for slug, repos in grants.items():
        for repo, perm in repos.items():
            if perm == "admin":
                out.setdefault(repo, set()).update(members.get(slug, set()))
    return out
