"""What the organisation holds on GitHub, read in as few requests as GraphQL allows.

* The teams: one query per page of teams brings each team's direct members with their role, its
  pending invitations and its repositories with the permission (100 of each). Only a managed
  team with more than 100 of any of them costs more, and those continuations are batched with
  aliases, up to 50 per query. An organisation of 1,000 teams reads in 20 requests.
* The organisation's owners: one REST request per 100 owners (``GET /orgs/{org}/members?role=
  admin``), because GraphQL cannot filter members by role; charter never changes an owner.
* People about to be added: one query per 100 logins, to learn their numeric id (so an account
  that took a renamed member's old login is never mistaken for them) and whether they are in
  the organisation already (an invitation otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from charter import gh
from charter.errors import GitHubError

PAGE = 50  # teams per listing query: 50 x (100 members, 100 invitations, 100 repositories)
BATCH = 50  # continuations or refreshed teams per query
USERS = 100  # logins per lookup query

PERMISSION = {"READ": "pull", "TRIAGE": "triage", "WRITE": "push", "MAINTAIN": "maintain",
              "ADMIN": "admin"}

_FRAGMENTS = {
    "CharterMembers": """
fragment CharterMembers on TeamMemberConnection {
  pageInfo { hasNextPage endCursor }
  edges { role node { login databaseId } }
}""",
    "CharterInvitations": """
fragment CharterInvitations on OrganizationInvitationConnection {
  pageInfo { hasNextPage endCursor }
  nodes { invitee { login databaseId } }
}""",
    "CharterRepositories": """
fragment CharterRepositories on TeamRepositoryConnection {
  pageInfo { hasNextPage endCursor }
  edges { permission node { nameWithOwner } }
}""",
}
_TEAM = """
fragment CharterTeam on Team {
  slug
  description
  members(first: 100, membership: IMMEDIATE) { ...CharterMembers }
  invitations(first: 100) { ...CharterInvitations }
  repositories(first: 100) { ...CharterRepositories }
}""" + "".join(_FRAGMENTS.values())

TEAMS_QUERY = """
query CharterSyncTeams($org: String!, $first: Int!, $after: String) {
  rateLimit { cost remaining resetAt }
  organization(login: $org) {
    teams(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...CharterTeam }
    }
  }
}""" + _TEAM

# connection name -> (arguments, fragment)
_CONNECTIONS = {
    "members": ("membership: IMMEDIATE", "CharterMembers"),
    "invitations": ("", "CharterInvitations"),
    "repositories": ("", "CharterRepositories"),
}


@dataclass
class Member:
    login: str
    github_id: int | None
    role: str  # "member" or "maintainer"


@dataclass
class Team:
    slug: str
    description: str = ""
    members: dict[str, Member] = field(default_factory=dict)  # lowercase login -> member
    invited: dict[str, int | None] = field(default_factory=dict)  # lowercase login -> id
    repositories: dict[str, tuple[str, str]] = field(default_factory=dict)  # lower -> (name, perm)


@dataclass
class User:
    login: str
    github_id: int
    in_org: bool


@dataclass
class Org:
    login: str
    teams: dict[str, Team] = field(default_factory=dict)  # slug -> team
    owners: set[str] = field(default_factory=set)  # lowercase logins
    users: dict[str, User | None] = field(default_factory=dict)  # looked-up logins (lowercase)

    def seen_members(self) -> set[str]:
        """Logins known to be in the organisation: every team member is (lowercase)."""
        out = set(self.owners)
        for t in self.teams.values():
            out.update(t.members)
        return out


def _take(team: Team, name: str, conn: dict[str, Any]) -> dict[str, Any]:
    """Merge one page of a team's connection; return its pageInfo."""
    if name == "members":
        for edge in conn.get("edges") or ():
            node = (edge or {}).get("node") or {}
            if node.get("login"):
                role = "maintainer" if edge.get("role") == "MAINTAINER" else "member"
                team.members[node["login"].lower()] = Member(node["login"], node.get("databaseId"),
                                                             role)
    elif name == "invitations":
        for node in conn.get("nodes") or ():
            invitee = (node or {}).get("invitee") or {}
            if invitee.get("login"):
                team.invited[invitee["login"].lower()] = invitee.get("databaseId")
    else:
        for edge in conn.get("edges") or ():
            full = ((edge or {}).get("node") or {}).get("nameWithOwner")
            if full:
                team.repositories[full.lower()] = (full, PERMISSION.get(edge.get("permission"),
                                                                        "pull"))
    return conn.get("pageInfo") or {}


class Reader:
    """Reads the organisation through one :class:`charter.gh.GraphQL` transport."""

    def __init__(self, gql: gh.GraphQL, org: str, *, page: int = PAGE) -> None:
        self.gql = gql
        self.org = org
        self.page = page
        self.rest = 0  # REST requests made (the owners listing)

    @property
    def requests(self) -> int:
        return self.gql.requests + self.rest

    # --- teams ------------------------------------------------------------------------------
    def read(self, managed: Iterable[str], *, owners: bool = True) -> Org:
        """Every team of the organisation, complete for the ``managed`` slugs."""
        out = Org(self.org)
        pending: list[tuple[str, str, str]] = []  # (slug, connection, cursor)
        after: str | None = None
        wanted = set(managed)
        while True:
            data, _ = self.gql.query(TEAMS_QUERY, {"org": self.org, "first": self.page,
                                                   "after": after},
                                     what=f"reading the teams of {self.org}")
            org = data.get("organization")
            if org is None:
                raise GitHubError(f"the organisation {self.org} was not found, or the token cannot "
                                  "read it (it needs the organisation's Members: read permission)")
            teams = org["teams"]
            for node in teams.get("nodes") or ():
                if node:
                    pending += self._team(out, node, wanted)
            info = teams.get("pageInfo") or {}
            if not info.get("hasNextPage"):
                break
            after = info.get("endCursor")
        self._continue(out, pending)
        if owners:
            out.owners = self.owners()
        return out

    def refresh(self, org: Org, slugs: list[str]) -> None:
        """Read ``slugs`` again (after creating them: GitHub may have added the creator)."""
        pending: list[tuple[str, str, str]] = []
        for i in range(0, len(slugs), BATCH):
            chunk = slugs[i:i + BATCH]
            decl = "".join(f", $s{k}: String!" for k in range(len(chunk)))
            body = "\n".join(f"    t{k}: team(slug: $s{k}) {{ ...CharterTeam }}"
                             for k in range(len(chunk)))
            query = (f"query CharterSyncRefresh($org: String!{decl}) {{\n"
                     f"  organization(login: $org) {{\n{body}\n  }}\n}}" + _TEAM)
            variables: dict[str, Any] = {"org": self.org}
            variables.update({f"s{k}": s for k, s in enumerate(chunk)})
            data, _ = self.gql.query(query, variables, what=f"reading teams of {self.org}")
            found = data.get("organization") or {}
            for k, slug in enumerate(chunk):
                node = found.get(f"t{k}")
                org.teams.pop(slug, None)
                if node:
                    pending += self._team(org, node, {slug})
        self._continue(org, pending)

    def _team(self, org: Org, node: dict[str, Any], wanted: set[str]) -> list[tuple[str, str, str]]:
        team = Team(node["slug"], node.get("description") or "")
        org.teams[team.slug] = team
        more = []
        for name in _CONNECTIONS:
            info = _take(team, name, node.get(name) or {})
            if info.get("hasNextPage") and team.slug in wanted:
                more.append((team.slug, name, str(info.get("endCursor"))))
        return more

    def _continue(self, org: Org, pending: list[tuple[str, str, str]]) -> None:
        """Page the managed teams' long connections, ``BATCH`` continuations per query."""
        while pending:
            chunk, pending = pending[:BATCH], pending[BATCH:]
            decl, parts, used = [], [], set()
            variables: dict[str, Any] = {"org": self.org}
            for k, (slug, name, cursor) in enumerate(chunk):
                args, frag = _CONNECTIONS[name]
                extra = f", {args}" if args else ""
                decl.append(f", $s{k}: String!, $c{k}: String!")
                parts.append(f"    p{k}: team(slug: $s{k}) {{ {name}(first: 100, after: $c{k}"
                             f"{extra}) {{ ...{frag} }} }}")
                variables[f"s{k}"], variables[f"c{k}"] = slug, cursor
                used.add(frag)
            query = (f"query CharterSyncTeamPages($org: String!{''.join(decl)}) {{\n"
                     f"  organization(login: $org) {{\n" + "\n".join(parts) + "\n  }\n}"
                     + "".join(_FRAGMENTS[f] for f in sorted(used)))
            data, _ = self.gql.query(query, variables, what=f"reading the teams of {self.org}")
            found = data.get("organization") or {}
            for k, (slug, name, _cursor) in enumerate(chunk):
                conn = (found.get(f"p{k}") or {}).get(name) or {}
                info = _take(org.teams[slug], name, conn)
                if info.get("hasNextPage"):
                    pending.append((slug, name, str(info.get("endCursor"))))

    # --- owners -----------------------------------------------------------------------------
    def owners(self) -> set[str]:
        """The organisation's owners (lowercase): never changed, never removed from a team."""
        lazy = self.gql.gh.withLazy(True).get_organization(self.org)

        def listing() -> set[str]:
            out = set()
            pages = lazy.get_members(role="admin")
            for i, user in enumerate(pages):
                if i % 100 == 0:
                    self.rest += 1
                out.add(user.login.lower())
            if not out:
                self.rest += 1  # one request answered with an empty page
            return out

        return gh.call(f"listing the owners of {self.org}", listing)

    # --- people -----------------------------------------------------------------------------
    def users(self, org: Org, logins: Iterable[str]) -> None:
        """Look up ``logins`` (numeric id, organisation membership) into ``org.users``."""
        todo = sorted({x.lower(): x for x in logins if x.lower() not in org.users}.values(),
                      key=str.lower)
        for i in range(0, len(todo), USERS):
            chunk = todo[i:i + USERS]
            decl = "".join(f", $l{k}: String!" for k in range(len(chunk)))
            body = "\n".join(f"  u{k}: user(login: $l{k}) {{ login databaseId "
                             f"organization(login: $org) {{ login }} }}"
                             for k in range(len(chunk)))
            query = f"query CharterSyncUsers($org: String!{decl}) {{\n{body}\n}}"
            variables: dict[str, Any] = {"org": self.org}
            variables.update({f"l{k}": x for k, x in enumerate(chunk)})
            data, _errors = self.gql.query(query, variables, what="looking up GitHub accounts")
            for k, login in enumerate(chunk):
                node = data.get(f"u{k}")
                org.users[login.lower()] = (User(node["login"], int(node["databaseId"]),
                                                 node.get("organization") is not None)
                                            if node and node.get("databaseId") else None)
