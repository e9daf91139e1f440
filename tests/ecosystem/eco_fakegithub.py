"""A small fake GitHub for the ecosystem tests: GraphQL and the REST endpoints charter uses.

Answers are shaped like GitHub's documented responses (GraphQL ``data``/``errors`` and the
``x-ratelimit-*`` headers; REST issues, comments and ``/stats/contributors`` with its 202 while
statistics are computed). Faults can be queued per path to exercise retries, a GraphQL point
budget per rate-limit window can be set (``graphql_budget``; ``new_window()`` resets it), and
every request is logged.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LAYOUT = ["LICENSE", "README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CODEOWNERS"]


@dataclass
class Repo:
    full_name: str
    stars: int = 500
    archived: bool = False
    renamed_to: str | None = None
    root: list[str] = field(default_factory=lambda: list(LAYOUT))
    github_dir: list[str] = field(default_factory=list)
    docs_dir: list[str] = field(default_factory=list)
    workflows: list[str] = field(default_factory=lambda: ["ci.yml"])
    ci: str | None = "SUCCESS"
    licence: str | None = "MIT"
    # commits in the window, newest first: (login or None, name, email)
    commits: list[tuple[str | None, str, str]] = field(default_factory=list)
    stats: list[dict[str, Any]] = field(default_factory=list)
    stats_202: int = 0

    def with_authors(self, n_commits: int, authors: list[str]) -> Repo:
        self.commits = [(a, a.title(), f"{a}@example.org")
                        for a in (authors[i % len(authors)] for i in range(n_commits))]
        return self


def _author(login: str | None, name: str, email: str) -> dict[str, Any]:
    return {"name": name, "email": email, "user": {"login": login} if login else None}


class FakeGitHub:
    def __init__(self) -> None:
        self.repos: dict[str, Repo] = {}
        self.issues: dict[str, list[dict[str, Any]]] = {}
        self.comments: dict[tuple[str, int], list[str]] = {}
        self.faults: list[tuple[str, str, int, dict[str, str], Any, bool]] = []
        self.log: list[tuple[str, str]] = []
        # GraphQL points per rate-limit window (None: unlimited); each query costs one point
        self.graphql_budget: int | None = None
        self.graphql_spent = 0
        self.reset_at = int(time.time()) + 3600
        # what created_at says for issues opened through the API (GitHub's clock)
        self.now = "2026-11-21T06:00:00Z"
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> FakeGitHub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- set-up --------------------------------------------------------------------------
    def add(self, repo: Repo) -> Repo:
        self.repos[repo.full_name.lower()] = repo
        if repo.renamed_to:
            self.repos[repo.renamed_to.lower()] = repo
        return repo

    def fail(self, method: str, path: str, status: int, headers: dict[str, str] | None = None,
             body: Any = None, *, then_perform: bool = False) -> None:
        """Answer the next ``method`` request whose path starts with ``path`` with this fault.

        ``then_perform``: do the request's work anyway and only lose the answer (a crash after
        GitHub acted).
        """
        self.faults.append((method, path, status, headers or {}, body, then_perform))

    def count(self, method: str, path_prefix: str = "") -> int:
        return sum(1 for m, p in self.log if m == method and p.startswith(path_prefix))

    def graphql_count(self) -> int:
        return self.count("POST", "/graphql")

    def new_window(self) -> None:
        """The rate-limit window resets: the GraphQL budget is full again."""
        self.graphql_spent = 0
        self.reset_at = int(time.time()) + 3600

    def open_issue(self, full: str, title: str, body: str, labels: list[str], *,
                   created_at: str, state: str = "open") -> dict[str, Any]:
        """An issue already there (opened by an earlier run, or by hand)."""
        issues = self.issues.setdefault(full, [])
        issue = {"number": len(issues) + 1, "title": title, "body": body, "state": state,
                 "labels": list(labels), "created_at": created_at}
        issues.append(issue)
        return issue

    # --- GraphQL budget ------------------------------------------------------------------
    def _rate_headers(self) -> dict[str, str]:
        if self.graphql_budget is None:
            return {}
        left = max(self.graphql_budget - self.graphql_spent, 0)
        return {"x-ratelimit-limit": str(self.graphql_budget), "x-ratelimit-remaining": str(left),
                "x-ratelimit-used": str(self.graphql_spent), "x-ratelimit-resource": "graphql",
                "x-ratelimit-reset": str(self.reset_at)}

    def graphql_limited(self, payload: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        """One query against the budget: GitHub answers 200 with RATE_LIMITED once it is spent."""
        if self.graphql_budget is not None and self.graphql_spent >= self.graphql_budget:
            return 200, self._rate_headers(), {"errors": [{
                "type": "RATE_LIMITED",
                "message": "API rate limit already exceeded for installation ID 1."}]}
        status, headers, body = self.graphql(payload)
        if self.graphql_budget is not None:
            self.graphql_spent += 1
            headers = {**headers, **self._rate_headers()}
        return status, headers, body

    # --- GraphQL -------------------------------------------------------------------------
    def graphql(self, payload: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        query, v = payload["query"], payload.get("variables") or {}
        full = f"{v['owner']}/{v['name']}"
        repo = self.repos.get(full.lower())
        if repo is None:
            return 200, {}, {"data": {"repository": None}, "errors": [{
                "type": "NOT_FOUND", "path": ["repository"], "locations": [{"line": 3,
                                                                                "column": 3}],
                "message": f"Could not resolve to a Repository with the name '{full}'."}]}
        offset = 0
        if v.get("after"):
            offset = int(str(v["after"]).split(":")[1])
        page = repo.commits[offset:offset + 100]
        history = {
            "totalCount": len(repo.commits),
            "pageInfo": {"hasNextPage": offset + 100 < len(repo.commits),
                         "endCursor": f"c:{offset + len(page)}" if page else None},
            "nodes": [{"authors": {"nodes": [_author(*c)]}} for c in page],
        }
        if "EcosystemReviewHistory" in query:
            return 200, {}, {"data": {"repository": {"defaultBranchRef": {"target": {
                "history": history}}}}}

        def tree(names: list[str]) -> dict[str, Any] | None:
            return {"entries": [{"name": n, "type": "blob"} for n in names]} if names else None

        data = {
            "rateLimit": {"cost": 1, "remaining": 4999, "resetAt": "2030-01-01T00:00:00Z"},
            "repository": {
                "nameWithOwner": repo.renamed_to or repo.full_name,
                "isArchived": repo.archived,
                "stargazerCount": repo.stars,
                "licenseInfo": {"spdxId": repo.licence} if repo.licence else None,
                "root": tree(repo.root) or {"entries": []},
                "githubCodeowners": {"__typename": "Blob"} if "CODEOWNERS" in repo.github_dir
                else None,
                "docsCodeowners": {"__typename": "Blob"} if "CODEOWNERS" in repo.docs_dir
                else None,
                "workflows": tree(repo.workflows),
                "defaultBranchRef": {"name": "main", "target": {
                    "statusCheckRollup": {"state": repo.ci} if repo.ci else None,
                    "history": history,
                }},
            },
        }
        return 200, {}, {"data": data}

    # --- REST ----------------------------------------------------------------------------
    def issue_json(self, full: str, issue: dict[str, Any]) -> dict[str, Any]:
        url = f"{self.url}/repos/{full}/issues/{issue['number']}"
        return {
            "id": 1000 + issue["number"], "number": issue["number"], "title": issue["title"],
            "body": issue["body"], "state": issue["state"], "url": url,
            "html_url": f"https://github.com/{full}/issues/{issue['number']}",
            "labels": [{"name": n, "url": f"{self.url}/repos/{full}/labels/{n}"}
                       for n in issue["labels"]],
            "comments": len(self.comments.get((full, issue["number"]), [])),
            "user": {"login": "charter-bot", "id": 1, "type": "Bot"},
            "created_at": issue.get("created_at", self.now), "updated_at": self.now,
            "closed_at": self.now if issue["state"] == "closed" else None,
        }

    def comment_json(self, full: str, number: int, index: int) -> dict[str, Any]:
        cid = 5000 + 100 * number + index
        return {"id": cid, "body": self.comments[(full, number)][index],
                "url": f"{self.url}/repos/{full}/issues/comments/{cid}",
                "html_url": f"https://github.com/{full}/issues/{number}#issuecomment-{cid}",
                "user": {"login": "charter-bot", "id": 1, "type": "Bot"},
                "created_at": self.now}

    def rest(self, method: str, path: str, query: str, body: Any
             ) -> tuple[int, dict[str, str], Any]:
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)/(.*)", path)
        if not m:
            return 404, {}, {"message": "Not Found"}
        full, rest = m.group(1), m.group(2)
        issues = self.issues.setdefault(full, [])
        if rest == "issues" and method == "GET":
            label = re.search(r"labels=([^&]*)", query)
            wanted = label.group(1) if label else None
            state = re.search(r"state=([^&]*)", query)  # GitHub lists open issues by default
            shown = state.group(1) if state else "open"
            found = [i for i in reversed(issues) if (wanted is None or wanted in i["labels"])
                     and shown in ("all", i["state"])]
            return 200, {}, [self.issue_json(full, i) for i in found]
        if rest == "issues" and method == "POST":
            issue = {"number": len(issues) + 1, "title": body["title"], "body": body.get("body"),
                     "state": "open", "labels": list(body.get("labels", [])),
                     "created_at": self.now}
            issues.append(issue)
            return 201, {}, self.issue_json(full, issue)
        mi = re.fullmatch(r"issues/(\d+)(/comments)?", rest)
        if mi:
            n = int(mi.group(1))
            if not 1 <= n <= len(issues):
                return 404, {}, {"message": "Not Found"}
            issue = issues[n - 1]
            if mi.group(2) and method == "POST":
                said = self.comments.setdefault((full, n), [])
                said.append(body["body"])
                return 201, {}, self.comment_json(full, n, len(said) - 1)
            if mi.group(2) and method == "GET":
                said = self.comments.get((full, n), [])
                return 200, {}, [self.comment_json(full, n, i) for i in range(len(said))]
            if method == "PATCH":
                for k in ("body", "state", "title"):
                    if k in body:
                        issue[k] = body[k]
                return 200, {}, self.issue_json(full, issue)
            if method == "GET":
                return 200, {}, self.issue_json(full, issue)
        if rest == "stats/contributors" and method == "GET":
            repo = self.repos.get(full.lower())
            if repo is None:
                return 404, {}, {"message": "Not Found"}
            if repo.stats_202 > 0:
                repo.stats_202 -= 1
                return 202, {}, {}
            return 200, {}, repo.stats
        return 404, {}, {"message": "Not Found"}

    # --- HTTP plumbing -------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # one segment per answer: no 40 ms delayed-ACK stalls

            def log_message(self, *args: object) -> None:
                pass

            def _serve(self) -> None:
                path, _, query = self.path.partition("?")
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                method = self.command
                with fake.lock:
                    fake.log.append((method, path))
                    fault = None
                    for i, f in enumerate(fake.faults):
                        if f[0] == method and path.startswith(f[1]):
                            fault = fake.faults.pop(i)
                            break
                    if fault is not None and fault[5]:
                        fake._dispatch(method, path, query, body)
                    if fault is not None:
                        status, headers, payload = fault[2], fault[3], fault[4]
                    else:
                        status, headers, payload = fake._dispatch(method, path, query, body)
                out = json.dumps(payload if payload is not None else {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(out)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(out)

            do_GET = do_POST = do_PATCH = _serve

        return Handler

    def _dispatch(self, method: str, path: str, query: str, body: Any
                  ) -> tuple[int, dict[str, str], Any]:
        if path == "/graphql" and method == "POST":
            return self.graphql_limited(body)
        return self.rest(method, path, query, body)
