"""A local GitHub for the sync, ids and sweep tests: an organisation with teams, invitations and
repositories, users, and repository activity.

GraphQL requests are parsed, **validated against GitHub's public schema**
(tests/ecosystem/github_schema/schema.graphql) and executed by graphql-core against the fake's
data, so aliases, variables, fragments, inline fragments on unions and pagination behave as they
do on GitHub, and a query that names a field or argument GitHub lacks fails the test. REST
endpoints answer with the documented shapes (team memberships with ``state: pending`` for an
invitation, 204 for repository grants, 422 for a team name in use, ...).

Faults can be queued per request (``fail``), or an outage started after k writes (``outage_after``);
``then_perform`` makes GitHub act and lose the answer. Every request is logged.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from graphql import GraphQLError, GraphQLSchema, build_schema, execute, parse, validate
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

SCHEMA = Path(__file__).resolve().parents[1] / "ecosystem" / "github_schema" / "schema.graphql"
WRITES = ("POST", "PUT", "PATCH", "DELETE")
ROLE = {"member": "MEMBER", "maintainer": "MAINTAINER"}
PERM = {"pull": "READ", "triage": "TRIAGE", "push": "WRITE", "maintain": "MAINTAIN",
        "admin": "ADMIN"}


@cache
def github_schema() -> GraphQLSchema:
    return build_schema(SCHEMA.read_text(encoding="utf-8"), assume_valid=True,
                        assume_valid_sdl=True)


class NotFound(Exception):
    pass


@dataclass
class User:
    login: str
    id: int

    @property
    def node_id(self) -> str:
        return "U_" + base64.urlsafe_b64encode(str(self.id).encode()).decode().rstrip("=")


@dataclass
class Team:
    slug: str
    name: str
    description: str = ""
    members: dict[int, str] = field(default_factory=dict)  # user id -> role
    repos: dict[str, str] = field(default_factory=dict)  # owner/name -> permission (REST word)


@dataclass
class Invitation:
    id: int
    user_id: int
    teams: dict[str, str] = field(default_factory=dict)  # slug -> role


@dataclass
class Item:
    """An issue or a pull request, for the sweep's searches."""

    repo: str
    number: int
    author: str
    created: str
    updated: str
    pr: bool = True
    files: list[str] = field(default_factory=list)
    reviews: list[tuple[str, str]] = field(default_factory=list)  # (login, submittedAt)
    comments: list[tuple[str, str]] = field(default_factory=list)  # (login, createdAt)


@dataclass
class Commit:
    repo: str
    author_id: int
    date: str
    paths: list[str]
    oid: str


def _conn(items: list[Any], first: int | None, after: str | None
          ) -> tuple[list[Any], dict[str, Any]]:
    start = int(after) if after else 0
    n = first if first is not None else 100
    page = items[start:start + n]
    end = start + len(page)
    return page, {"hasNextPage": end < len(items), "endCursor": str(end) if page else None}


class FakeGitHub:
    def __init__(self, org: str = "org") -> None:
        self.org = org
        self.users: dict[str, User] = {}  # lowercase login -> user
        self.by_id: dict[int, User] = {}
        self.members: dict[int, str] = {}  # org members: user id -> "admin" | "member"
        self.teams: dict[str, Team] = {}
        self.invitations: list[Invitation] = []
        self.invitations_sent = 0
        self.items: list[Item] = []
        self.commits: list[Commit] = []
        self.creator: str | None = None  # GitHub makes the creator of a team its maintainer
        self.repos: set[str] = set()  # repositories that exist (lowercase owner/name)
        self.files: dict[str, dict[str, str]] = {}  # repo -> path -> content (default branch)
        self.refs: dict[tuple[str, str], str] = {}  # (repo, branch) -> commit sha
        self.trees: dict[str, dict[str, str]] = {}
        self.commit_trees: dict[str, str] = {}
        self.pulls: dict[str, list[dict[str, Any]]] = {}
        self.comments: dict[tuple[str, int], list[dict[str, Any]]] = {}
        self.viewer = "charter-bot"
        self.faults: list[tuple[str, str, int, dict[str, str], Any, bool]] = []
        self.outage_after: int | None = None
        self.outage_status = 503
        self.writes_ok = 0
        self.busy = 0.0  # seconds spent answering (the server shares the process's GIL)
        self.log: list[tuple[str, str]] = []
        self.queries: list[str] = []
        self.lock = threading.Lock()
        self._next = 9000
        self.server = HTTPServer(host="127.0.0.1", port=0)
        self.server.expect_request(re.compile(r"^/")).respond_with_handler(self._serve)
        self.url = ""

    def __enter__(self) -> FakeGitHub:
        github_schema()
        self.server.start()
        self.url = self.server.url_for("").rstrip("/")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.clear()
        self.server.stop()

    # --- set-up ------------------------------------------------------------------------------
    def user(self, login: str, uid: int, *, member: str | None = "member") -> User:
        u = User(login, uid)
        self.users[login.lower()] = u
        self.by_id[uid] = u
        if member:
            self.members[uid] = member
        return u

    def team(self, slug: str, members: dict[str, str] | None = None,
             repos: dict[str, str] | None = None, description: str = "") -> Team:
        t = Team(slug, slug, description)
        for login, role in (members or {}).items():
            t.members[self.users[login.lower()].id] = role
        t.repos.update(repos or {})
        self.teams[slug] = t
        return t

    def rename(self, old: str, new: str) -> None:
        u = self.users.pop(old.lower())
        u.login = new
        self.users[new.lower()] = u

    def accept(self, login: str) -> None:
        """``login`` accepts their invitation: a member of the organisation and its teams."""
        u = self.users[login.lower()]
        for inv in [i for i in self.invitations if i.user_id == u.id]:
            self.members[u.id] = "member"
            for slug, role in inv.teams.items():
                self.teams[slug].members[u.id] = role
            self.invitations.remove(inv)

    def fail(self, method: str, path: str, status: int, headers: dict[str, str] | None = None,
             body: Any = None, *, then_perform: bool = False) -> None:
        self.faults.append((method, path, status, headers or {}, body, then_perform))

    def count(self, method: str, prefix: str = "") -> int:
        return sum(1 for m, p in self.log if m == method and p.startswith(prefix))

    def snapshot(self) -> dict[str, Any]:
        """The organisation's state, for comparing two runs."""
        by_id = {u.id: u.login for u in self.users.values()}
        return {
            "teams": {s: {"description": t.description,
                          "members": {by_id[i]: r for i, r in sorted(t.members.items())},
                          "repos": dict(sorted(t.repos.items()))}
                      for s, t in sorted(self.teams.items())},
            "invitations": sorted((by_id[i.user_id], tuple(sorted(i.teams.items())))
                                  for i in self.invitations),
            "members": {by_id[i]: r for i, r in sorted(self.members.items())},
        }

    def _by_id(self, uid: int) -> User | None:
        u = self.by_id.get(uid)  # an account deleted from ``users`` is gone
        return u if u is not None and self.users.get(u.login.lower()) is u else None

    # --- GraphQL -----------------------------------------------------------------------------
    def graphql(self, payload: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        query = payload["query"]
        self.queries.append(query)
        doc = parse(query)
        problems = validate(github_schema(), doc)
        if problems:  # GitHub answers 200 with the validation errors, and no data
            return 200, {}, {"errors": [{"message": p.message} for p in problems]}
        result = execute(github_schema(), doc, root_value=self._root(),
                         variable_values=payload.get("variables") or {})
        out: dict[str, Any] = {"data": result.data}
        if result.errors:
            out["errors"] = [self._error(e) for e in result.errors]
        return 200, {"X-RateLimit-Remaining": "4999"}, out

    @staticmethod
    def _error(e: GraphQLError) -> dict[str, Any]:
        kind = "NOT_FOUND" if isinstance(e.original_error, NotFound) else "INTERNAL"
        return {"type": kind, "path": e.path, "message": e.message,
                "locations": [{"line": loc.line, "column": loc.column}
                              for loc in e.locations or ()]}

    def _root(self) -> dict[str, Any]:
        return {
            "rateLimit": {"cost": 1, "remaining": 4999, "resetAt": "2030-01-01T00:00:00Z"},
            "organization": lambda info, login: self._org() if login == self.org else None,
            "user": lambda info, login: self._user(login),
            "repository": lambda info, owner, name, **_: self._repository(f"{owner}/{name}"),
            "search": lambda info, query, type, first=None, **_: self._search(query, first),
        }

    def _user_node(self, u: User) -> dict[str, Any]:
        return {"__typename": "User", "login": u.login, "databaseId": u.id, "id": u.node_id,
                "organization": lambda info, login: (
                    {"login": login} if login == self.org and u.id in self.members else None)}

    def _user(self, login: str) -> dict[str, Any]:
        u = self.users.get(login.lower())
        if u is None:
            raise NotFound(f"Could not resolve to a User with the login of '{login}'.")
        return self._user_node(u)

    def _org(self) -> dict[str, Any]:
        return {
            "login": self.org,
            "teams": lambda info, first=None, after=None, **_: self._teams(first, after),
            "team": lambda info, slug: (self._team(self.teams[slug]) if slug in self.teams
                                        else None),
        }

    def _teams(self, first: int | None, after: str | None) -> dict[str, Any]:
        page, info = _conn(sorted(self.teams.values(), key=lambda t: t.slug), first, after)
        return {"pageInfo": info, "nodes": [self._team(t) for t in page]}

    def _team(self, t: Team) -> dict[str, Any]:
        def members(info: Any, first: int | None = None, after: str | None = None,
                    **_: Any) -> dict[str, Any]:
            rows = [(self._by_id(i), r) for i, r in sorted(t.members.items())]
            page, pinfo = _conn([(u, r) for u, r in rows if u], first, after)
            return {"pageInfo": pinfo, "totalCount": len(rows),
                    "edges": [{"role": ROLE[r], "node": self._user_node(u)} for u, r in page]}

        def invitations(info: Any, first: int | None = None, after: str | None = None,
                        **_: Any) -> dict[str, Any]:
            rows = [i for i in self.invitations if t.slug in i.teams]
            page, pinfo = _conn(rows, first, after)
            return {"pageInfo": pinfo, "totalCount": len(rows),
                    "nodes": [{"invitee": self._user_node(self._by_id(i.user_id))}  # type: ignore[arg-type]
                              for i in page]}

        def repositories(info: Any, first: int | None = None, after: str | None = None,
                         **_: Any) -> dict[str, Any]:
            rows = sorted(t.repos.items())
            page, pinfo = _conn(rows, first, after)
            return {"pageInfo": pinfo, "totalCount": len(rows),
                    "edges": [{"permission": PERM[p], "node": {"nameWithOwner": r}}
                              for r, p in page]}

        return {"slug": t.slug, "name": t.name, "description": t.description or None,
                "members": members, "invitations": invitations, "repositories": repositories}

    def _repository(self, full: str) -> dict[str, Any] | None:
        known = (self.repos | {c.repo.lower() for c in self.commits}
                 | {i.repo.lower() for i in self.items} | {r.lower() for r in self.files})
        if full.lower() not in known:
            raise NotFound(f"Could not resolve to a Repository with the name '{full}'.")
        key = next(r for r in self.files if r.lower() == full.lower()) if any(
            r.lower() == full.lower() for r in self.files) else full

        def history(info: Any, first: int | None = None, author: dict[str, Any] | None = None,
                    path: str | None = None, **_: Any) -> dict[str, Any]:
            rows = [c for c in self.commits if c.repo.lower() == full.lower()]
            if author and author.get("id"):
                rows = [c for c in rows if self._by_id(c.author_id)
                        and self._by_id(c.author_id).node_id == author["id"]]  # type: ignore[union-attr]
            if path:
                p = path.rstrip("/")
                rows = [c for c in rows if any(x == p or x.startswith(p + "/") for x in c.paths)]
            rows.sort(key=lambda c: c.date, reverse=True)
            page, info_ = _conn(rows, first, None)
            return {"pageInfo": info_, "nodes": [
                {"committedDate": c.date, "url": f"https://github.com/{c.repo}/commit/{c.oid}"}
                for c in page]}

        head = self.refs.get((key, "main"), "0" * 40)
        target = {"__typename": "Commit", "oid": head,
                  "tree": {"oid": self.commit_trees.get(head, "1" * 40)}, "history": history}

        def obj(info: Any, expression: str) -> dict[str, Any] | None:
            _rev, _, path = expression.partition(":")
            content = self.files.get(key, {}).get(path)
            if content is None:
                return None
            from charter.sync.pullreq import blob_id

            return {"__typename": "Blob", "oid": blob_id(content.encode())}

        def ref(info: Any, qualifiedName: str) -> dict[str, Any] | None:
            sha = self.refs.get((key, qualifiedName.removeprefix("refs/heads/")))
            if sha is None:
                return None
            return {"target": {"__typename": "Commit", "oid": sha,
                               "tree": {"oid": self.commit_trees[sha]}}}

        def pulls(info: Any, headRefName: str | None = None, states: Any = None,
                  first: int | None = None, **_: Any) -> dict[str, Any]:
            rows = [p for p in self.pulls.get(key, [])
                    if p["state"] == "open" and (headRefName is None or p["head"] == headRefName)]
            return {"nodes": [{"number": p["number"], "url": p["html_url"], "title": p["title"],
                               "body": p["body"]} for p in rows[:first or 100]]}

        def pull(info: Any, number: int) -> dict[str, Any] | None:
            def comments(info: Any, first: int | None = None, after: str | None = None,
                         **_: Any) -> dict[str, Any]:
                rows = self.comments.get((key, number), [])
                page, pinfo = _conn(rows, first, after)
                return {"pageInfo": pinfo, "nodes": [
                    {"databaseId": c["id"], "body": c["body"],
                     "viewerDidAuthor": c["author"] == self.viewer} for c in page]}

            return {"number": number, "comments": comments}

        return {"nameWithOwner": key, "defaultBranchRef": {"name": "main", "target": target},
                "object": obj, "ref": ref, "pullRequests": pulls, "pullRequest": pull}

    def _search(self, query: str, first: int | None) -> dict[str, Any]:
        words = query.split()
        repos = {w[5:].lower() for w in words if w.startswith("repo:")}
        rows = [i for i in self.items if i.repo.lower() in repos]
        for w in words:
            key, _, value = w.partition(":")
            low = value.lower()
            if key == "is" and value == "pr":
                rows = [i for i in rows if i.pr]
            elif key == "author":
                rows = [i for i in rows if i.author.lower() == low]
            elif key == "reviewed-by":
                rows = [i for i in rows if any(r[0].lower() == low for r in i.reviews)]
            elif key == "commenter":
                rows = [i for i in rows if any(c[0].lower() == low for c in i.comments)]
        order = "created" if "sort:created-desc" in words else "updated"
        rows.sort(key=lambda i: i.created if order == "created" else i.updated, reverse=True)
        return {"nodes": [self._item(i) for i in rows[:first or 10]]}

    def _item(self, i: Item) -> dict[str, Any]:
        kind = "pull" if i.pr else "issues"
        url = f"https://github.com/{i.repo}/{kind}/{i.number}"

        def reviews(info: Any, author: str | None = None, last: int | None = None,
                    **_: Any) -> dict[str, Any]:
            rows = [r for r in i.reviews if author is None or r[0].lower() == author.lower()]
            rows.sort(key=lambda r: r[1])
            return {"nodes": [{"submittedAt": d, "url": f"{url}#review"}
                              for _, d in rows[-(last or 100):]]}

        def comments(info: Any, last: int | None = None, **_: Any) -> dict[str, Any]:
            rows = sorted(i.comments, key=lambda c: c[1])[-(last or 100):]
            return {"nodes": [{"author": {"__typename": "User", "login": who}, "createdAt": d,
                               "url": f"{url}#comment"} for who, d in rows]}

        node: dict[str, Any] = {"__typename": "PullRequest" if i.pr else "Issue", "url": url,
                                "createdAt": i.created, "updatedAt": i.updated,
                                "comments": comments}
        if i.pr:
            node["files"] = {"nodes": [{"path": p} for p in i.files]}
            node["reviews"] = reviews
        return node

    # --- REST --------------------------------------------------------------------------------
    def _user_json(self, u: User) -> dict[str, Any]:
        return {"login": u.login, "id": u.id, "node_id": u.node_id, "type": "User",
                "url": f"{self.url}/users/{u.login}"}

    def _team_json(self, t: Team) -> dict[str, Any]:
        return {"id": hash(t.slug) % 100000, "slug": t.slug, "name": t.name,
                "description": t.description, "privacy": "closed",
                "url": f"{self.url}/orgs/{self.org}/teams/{t.slug}"}

    def rest(self, method: str, path: str, query: str, body: Any
             ) -> tuple[int, dict[str, str], Any]:
        org = f"/orgs/{self.org}"
        m = re.fullmatch(r"/user/(\d+)", path)
        if m and method == "GET":
            u = self._by_id(int(m.group(1)))
            return (200, {}, self._user_json(u)) if u else (404, {}, {"message": "Not Found"})
        if path == f"{org}/members" and method == "GET":
            want = re.search(r"role=(\w+)", query)
            rows = [self._by_id(i) for i, r in sorted(self.members.items())
                    if not want or want.group(1) == "all" or r == want.group(1)]
            return 200, {}, [self._user_json(u) for u in rows if u]
        if path == f"{org}/teams" and method == "POST":
            slug = re.sub(r"[^a-z0-9-]", "-", body["name"].lower())
            if slug in self.teams:
                return 422, {}, {"message": "Validation Failed", "errors": [
                    {"resource": "Team", "code": "custom", "field": "name",
                     "message": "Name must be unique for this org"}]}
            t = Team(slug, body["name"], body.get("description") or "")
            if self.creator:
                t.members[self.users[self.creator.lower()].id] = "maintainer"
            self.teams[slug] = t
            return 201, {}, self._team_json(t)
        m = re.fullmatch(rf"{org}/teams/([^/]+)(/.*)?", path)
        if m:
            t = self.teams.get(m.group(1))
            if t is None:
                return 404, {}, {"message": "Not Found"}
            return self._team_rest(t, method, m.group(2) or "", body)
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)/(.*)", path)
        if m:
            return self._repo_rest(m.group(1), method, m.group(2), body)
        return 404, {}, {"message": "Not Found"}

    def _team_rest(self, t: Team, method: str, rest: str, body: Any
                   ) -> tuple[int, dict[str, str], Any]:
        if not rest and method == "PATCH":
            if "name" in body:
                t.name = body["name"]
            if "description" in body:
                t.description = body["description"] or ""
            return 200, {}, self._team_json(t)
        m = re.fullmatch(r"/memberships/([^/]+)", rest)
        if m:
            u = self.users.get(m.group(1).lower())
            if u is None:
                return 404, {}, {"message": "Not Found"}
            url = f"{self.url}/orgs/{self.org}/teams/{t.slug}/memberships/{u.login}"
            if method == "PUT":
                role = body.get("role", "member")
                if u.id in self.members:
                    t.members[u.id] = role
                    return 200, {}, {"url": url, "role": role, "state": "active"}
                inv = next((i for i in self.invitations if i.user_id == u.id), None)
                if inv is None:
                    self._next += 1
                    inv = Invitation(self._next, u.id)
                    self.invitations.append(inv)
                    self.invitations_sent += 1
                inv.teams[t.slug] = role
                return 200, {}, {"url": url, "role": role, "state": "pending"}
            if method == "DELETE":
                if u.id in t.members:
                    del t.members[u.id]
                    return 204, {}, None
                return 404, {}, {"message": "Not Found"}
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)", rest)
        if m:
            full = m.group(1)
            if method == "PUT":
                t.repos[full] = body.get("permission", "push")
                return 204, {}, None
            if method == "DELETE":
                if t.repos.pop(full, None) is None:
                    return 404, {}, {"message": "Not Found"}
                return 204, {}, None
        return 404, {}, {"message": "Not Found"}

    def _repo_rest(self, full: str, method: str, rest: str, body: Any
                   ) -> tuple[int, dict[str, str], Any]:
        if rest == "git/trees" and method == "POST":
            files = dict(self.trees.get(body.get("base_tree"), self.files.get(full, {})))
            for e in body["tree"]:
                if e.get("sha", "") is None:
                    files.pop(e["path"], None)
                else:
                    files[e["path"]] = e["content"]
            sha = _sha(json.dumps(files, sort_keys=True))
            self.trees[sha] = files
            return 201, {}, {"sha": sha}
        if rest == "git/commits" and method == "POST":
            self._next += 1
            sha = _sha(f"commit {self._next} {body['tree']}")
            self.commit_trees[sha] = body["tree"]
            return 201, {}, {"sha": sha}
        if rest == "git/refs" and method == "POST":
            branch = body["ref"].removeprefix("refs/heads/")
            if (full, branch) in self.refs:
                return 422, {}, {"message": "Reference already exists"}
            self.refs[(full, branch)] = body["sha"]
            return 201, {}, {"ref": body["ref"], "object": {"sha": body["sha"]}}
        m = re.fullmatch(r"git/refs/heads/(.+)", rest)
        if m and method == "PATCH":
            self.refs[(full, m.group(1))] = body["sha"]
            return 200, {}, {"ref": f"refs/heads/{m.group(1)}", "object": {"sha": body["sha"]}}
        if rest == "pulls" and method == "POST":
            rows = self.pulls.setdefault(full, [])
            if any(p["head"] == body["head"] and p["state"] == "open" for p in rows):
                return 422, {}, {"message": "Validation Failed", "errors": [
                    {"message": f"A pull request already exists for {body['head']}."}]}
            n = len(rows) + 1
            pr = {"number": n, "title": body["title"], "body": body.get("body") or "",
                  "head": body["head"], "base": body["base"], "state": "open",
                  "html_url": f"https://github.com/{full}/pull/{n}"}
            rows.append(pr)
            return 201, {}, pr
        m = re.fullmatch(r"pulls/(\d+)", rest)
        if m and method == "PATCH":
            pr = self.pulls[full][int(m.group(1)) - 1]
            pr.update({k: v for k, v in body.items() if k in ("title", "body", "state")})
            return 200, {}, pr
        m = re.fullmatch(r"issues/(\d+)/comments", rest)
        if m and method == "POST":
            self._next += 1
            c = {"id": self._next, "body": body["body"], "author": self.viewer}
            self.comments.setdefault((full, int(m.group(1))), []).append(c)
            return 201, {}, {"id": c["id"], "body": c["body"],
                             "url": f"{self.url}/repos/{full}/issues/comments/{c['id']}"}
        m = re.fullmatch(r"issues/comments/(\d+)", rest)
        if m and method == "PATCH":
            for rows in self.comments.values():
                for c in rows:
                    if c["id"] == int(m.group(1)):
                        c["body"] = body["body"]
                        return 200, {}, {"id": c["id"], "body": c["body"]}
            return 404, {}, {"message": "Not Found"}
        return 404, {}, {"message": "Not Found"}

    # --- HTTP (pytest-httpserver's werkzeug server; every request to one handler) ---------------
    def _serve(self, request: Request) -> Response:
        body = request.get_json(silent=True) if request.get_data() else None
        with self.lock:
            started = time.perf_counter()
            self.log.append((request.method, request.path))
            status, headers, payload = self._answer(request.method, request.path,
                                                    request.query_string.decode(), body)
            self.busy += time.perf_counter() - started
        out = "" if status == 204 else json.dumps(payload if payload is not None else {})
        return Response(out, status, headers, content_type="application/json; charset=utf-8")

    def _answer(self, method: str, path: str, query: str, body: Any
                ) -> tuple[int, dict[str, str], Any]:
        write = method in WRITES and path != "/graphql"
        if write and self.outage_after is not None and self.writes_ok >= self.outage_after:
            return self.outage_status, {}, {"message": "Service Unavailable"}
        fault = None
        for i, f in enumerate(self.faults):
            if f[0] == method and path.startswith(f[1]):
                fault = self.faults.pop(i)
                break
        if fault is not None:
            if fault[5]:
                self._dispatch(method, path, query, body)
            return fault[2], fault[3], fault[4]
        status, headers, payload = self._dispatch(method, path, query, body)
        if write and status < 300:
            self.writes_ok += 1
        return status, headers, payload

    def _dispatch(self, method: str, path: str, query: str, body: Any
                  ) -> tuple[int, dict[str, str], Any]:
        if path == "/graphql" and method == "POST":
            return self.graphql(body)
        return self.rest(method, path, query, body)


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def iso(day: dt.date) -> str:
    return f"{day.isoformat()}T12:00:00Z"
