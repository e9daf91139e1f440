"""The inactivity sweep (GOV-EMERITUS): module maintainers with no activity in their module.

Activity is what a maintainer does *in the module*: for a repository module, in its
repositories; for a paths module, in those paths of the core repository. Four kinds are read,
each the latest of its kind:

* commits authored (the default branch's history, filtered by author and, for paths, by path);
* pull requests and issues opened (a search, newest first);
* pull requests reviewed (a search; the date of the maintainer's own latest review);
* comments on issues and pull requests (a search; the date of the maintainer's own comment
  among the thread's latest, or the thread's last update when it is older than those).

For a paths module a pull request counts only when it changes a file under the module's paths
(and an issue, which changes no file, not at all). A date recorded as ``last_active`` in the
member file counts too. A maintainer is inactive when the latest of all of these is more than
the module's ``inactive_months`` (default ``governance.module_inactive_months``) before today,
or when nothing is found at all. Anyone whose activity could not be read, and anyone who joined
the group within the period (by the git history of the module file), is left alone.

Requests: the maintainers' accounts are looked up 100 to a query; then each query carries the
activity aliases of up to 20 maintainer-module pairs (fewer when a module has many paths), so a
sweep of 1,000 maintainers costs about 60 GraphQL requests.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter import gh
from charter.model import Member, Module, State
from charter.rules.util import add_months, parse_date

PAIRS = 20  # maintainer-module pairs per activity query
ALIASES = 160  # and at most this many aliases in one query
RESULTS = 5  # search results read per kind
COMMENTS = 30  # latest comments read per thread


@dataclass(frozen=True)
class Activity:
    kind: str  # "commit", "opened", "review", "comment", "recorded"
    where: str
    when: dt.date
    url: str = ""
    approximate: bool = False  # a comment older than the thread's latest: its last update

    def describe(self) -> str:
        about = " (thread last updated; the comment itself is older)" if self.approximate else ""
        return f"{self.kind} in {self.where} on {self.when}{about}"


@dataclass
class Verdict:
    module: str
    file: str
    login: str
    months: int
    status: str  # "active", "inactive", "unknown" (could not be read), "recent" (joined lately)
    last: Activity | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        last = None if self.last is None else {
            "kind": self.last.kind, "where": self.last.where, "when": self.last.when.isoformat(),
            "url": self.last.url, "approximate": self.last.approximate}
        return {"module": self.module, "file": self.file, "login": self.login,
                "inactive_months": self.months, "status": self.status, "last_activity": last,
                "note": self.note}


@dataclass(frozen=True)
class Scope:
    repos: tuple[str, ...]
    paths: tuple[str, ...] = ()  # empty: the whole repositories


@dataclass
class _Pair:
    module: Module
    login: str
    member: Member | None
    scope: Scope | None
    node: str | None = None  # the account's GraphQL id
    found: list[Activity] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    note: str = ""


def _date(text: Any) -> dt.date | None:
    if not isinstance(text, str) or len(text) < 10:
        return None
    return parse_date(text[:10])


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == p.rstrip("/") or path.startswith(p.rstrip("/") + "/") for p in prefixes)


class Sweeper:
    def __init__(self, gql: gh.GraphQL, state: State, today: dt.date, *,
                 root: Path | None = None, pairs: int = PAIRS) -> None:
        self.gql = gql
        self.state = state
        self.today = today
        self.root = root
        self.pairs = pairs
        self._has_git: bool | None = None

    def months(self, mod: Module) -> int:
        default = int(self.state.policy.get("governance.module_inactive_months"))
        return mod.inactive_months or default

    def scope(self, mod: Module) -> Scope | None:
        if mod.kind == "repository":
            return Scope(tuple(mod.repositories))
        core = self.state.policy.organisation.get("core_repository")
        return Scope((str(core),), tuple(mod.paths)) if core else None

    # --- the run ----------------------------------------------------------------------------
    def run(self, slugs: list[str] | None = None) -> list[Verdict]:
        mods = [self.state.modules[s] for s in (slugs or sorted(self.state.modules))]
        pairs = [_Pair(m, login, self.state.member(login), self.scope(m))
                 for m in mods for login in m.maintainers]
        self._accounts(pairs)
        ready = [p for p in pairs if p.node and p.scope]
        chunk: list[_Pair] = []
        aliases = 0
        for p in ready:
            cost = self._aliases(p)
            if chunk and (len(chunk) >= self.pairs or aliases + cost > ALIASES):
                self._activity(chunk)
                chunk, aliases = [], 0
            chunk.append(p)
            aliases += cost
        if chunk:
            self._activity(chunk)
        return [self._verdict(p) for p in pairs]

    def _accounts(self, pairs: list[_Pair]) -> None:
        """Each maintainer's GraphQL id, 100 logins per query (checked against github_id)."""
        logins = sorted({p.login.lower(): p.login for p in pairs}.values(), key=str.lower)
        found: dict[str, tuple[str, int] | None] = {}
        for i in range(0, len(logins), 100):
            chunk = logins[i:i + 100]
            decl = ", ".join(f"$l{k}: String!" for k in range(len(chunk)))
            body = "\n".join(f"  u{k}: user(login: $l{k}) {{ id databaseId }}"
                             for k in range(len(chunk)))
            data, _ = self.gql.query(f"query CharterSweepAccounts({decl}) {{\n{body}\n}}",
                                     {f"l{k}": x for k, x in enumerate(chunk)},
                                     what="looking up the maintainers' GitHub accounts")
            for k, login in enumerate(chunk):
                node = data.get(f"u{k}")
                found[login.lower()] = ((node["id"], int(node["databaseId"]))
                                        if node and node.get("id") else None)
        for p in pairs:
            if p.scope is None:
                p.note = ("a paths module, but policy.yaml names no organisation."
                          "core_repository to read its paths in")
                continue
            acct = found.get(p.login.lower())
            if acct is None:
                p.note = f"GitHub has no account named {p.login} (run charter sync ids)"
            elif p.member and p.member.github_id and acct[1] != p.member.github_id:
                p.note = (f"the login {p.login} belongs to another account now (id {acct[1]}, "
                          f"not {p.member.github_id}): run charter sync ids")
            else:
                p.node = acct[0]

    @staticmethod
    def _aliases(p: _Pair) -> int:
        assert p.scope is not None
        return (len(p.scope.paths) or len(p.scope.repos)) + 3

    # --- one activity query ------------------------------------------------------------------
    def _activity(self, chunk: list[_Pair]) -> None:
        decl: list[str] = []
        parts: list[str] = []
        variables: dict[str, Any] = {}
        where: dict[str, tuple[int, str]] = {}  # alias -> (pair index, what it reads)
        for k, p in enumerate(chunk):
            assert p.scope is not None
            files = "files(first: 100) { nodes { path } }" if p.scope.paths else ""
            decl += [f"$a{k}: ID!", f"$m{k}: String!", f"$qa{k}: String!", f"$qr{k}: String!",
                     f"$qn{k}: String!"]
            variables[f"a{k}"], variables[f"m{k}"] = p.node, p.login
            targets = ([(p.scope.repos[0], path) for path in p.scope.paths] if p.scope.paths
                       else [(r, None) for r in p.scope.repos])
            for j, (repo, path) in enumerate(targets):
                owner, name = repo.split("/", 1)
                decl += [f"$o{k}_{j}: String!", f"$n{k}_{j}: String!", f"$p{k}_{j}: String"]
                variables.update({f"o{k}_{j}": owner, f"n{k}_{j}": name, f"p{k}_{j}": path})
                alias = f"c{k}_{j}"
                where[alias] = (k, f"{repo}:{path}" if path else repo)
                parts.append(
                    f"  {alias}: repository(owner: $o{k}_{j}, name: $n{k}_{j}) {{ defaultBranchRef "
                    f"{{ target {{ ... on Commit {{ history(first: 1, author: {{id: $a{k}}}, "
                    f"path: $p{k}_{j}) {{ nodes {{ committedDate url }} }} }} }} }} }}")
            repos = " ".join(f"repo:{r}" for r in p.scope.repos)
            only_prs = " is:pr" if p.scope.paths else ""
            variables[f"qa{k}"] = f"{repos} author:{p.login}{only_prs} sort:created-desc"
            variables[f"qr{k}"] = f"{repos} is:pr reviewed-by:{p.login} sort:updated-desc"
            variables[f"qn{k}"] = f"{repos} commenter:{p.login}{only_prs} sort:updated-desc"
            comments = (f"comments(last: {COMMENTS}) {{ nodes {{ author {{ login }} createdAt url "
                        "} }")
            parts.append(f"  a{k}: search(type: ISSUE, first: {RESULTS}, query: $qa{k}) {{ nodes "
                         f"{{ ... on PullRequest {{ url createdAt {files} }} "
                         f"... on Issue {{ url createdAt }} }} }}")
            parts.append(f"  r{k}: search(type: ISSUE, first: {RESULTS}, query: $qr{k}) {{ nodes "
                         f"{{ ... on PullRequest {{ url {files} reviews(author: $m{k}, last: 1) "
                         f"{{ nodes {{ submittedAt url }} }} }} }} }}")
            parts.append(f"  n{k}: search(type: ISSUE, first: {RESULTS}, query: $qn{k}) {{ nodes "
                         f"{{ ... on PullRequest {{ url updatedAt {files} {comments} }} "
                         f"... on Issue {{ url updatedAt {comments} }} }} }}")
            for x in ("a", "r", "n"):
                where[f"{x}{k}"] = (k, repos.replace("repo:", ""))
        query = (f"query CharterSweepActivity({', '.join(decl)}) {{\n" + "\n".join(parts)
                 + "\n}")
        data, errors = self.gql.query(query, variables, what="reading maintainers' activity")
        for e in errors:
            path = e.get("path") or []
            alias = str(path[0]) if path else ""
            if alias in where:
                k, what = where[alias]
                chunk[k].errors.append(f"{what}: {str(e.get('message', ''))[:200]}")
        for alias, (k, what) in where.items():
            self._read(chunk[k], alias, data.get(alias), what)

    def _read(self, p: _Pair, alias: str, node: Any, what: str) -> None:
        if not isinstance(node, dict):
            return
        assert p.scope is not None
        kind = alias[0]
        if kind == "c":
            ref = node.get("defaultBranchRef") or {}
            hist = ((ref.get("target") or {}).get("history") or {}).get("nodes") or []
            if hist and hist[0] and _date(hist[0].get("committedDate")):
                p.found.append(Activity("commit", what, _date(hist[0]["committedDate"]),
                                        hist[0].get("url") or ""))
            return
        for item in node.get("nodes") or ():
            if not item or not item.get("url"):
                continue
            if p.scope.paths:
                touched = [f.get("path", "") for f in ((item.get("files") or {}).get("nodes")
                                                       or ()) if f]
                if not any(_under(t, p.scope.paths) for t in touched):
                    continue
            url = item["url"]
            if kind == "a" and _date(item.get("createdAt")):
                p.found.append(Activity("opened", _repo_of(url), _date(item["createdAt"]), url))
            elif kind == "r":
                for r in (item.get("reviews") or {}).get("nodes") or ():
                    if r and _date(r.get("submittedAt")):
                        p.found.append(Activity("review", _repo_of(url), _date(r["submittedAt"]),
                                                r.get("url") or url))
            elif kind == "n":
                mine = [c for c in (item.get("comments") or {}).get("nodes") or ()
                        if c and ((c.get("author") or {}).get("login") or "").lower()
                        == p.login.lower() and _date(c.get("createdAt"))]
                if mine:
                    last = max(mine, key=lambda c: str(c["createdAt"]))
                    p.found.append(Activity("comment", _repo_of(url), _date(last["createdAt"]),
                                            last.get("url") or url))
                elif _date(item.get("updatedAt")):
                    p.found.append(Activity("comment", _repo_of(url), _date(item["updatedAt"]),
                                            url, approximate=True))

    # --- the verdict --------------------------------------------------------------------------
    def _verdict(self, p: _Pair) -> Verdict:
        mod = p.module
        months = self.months(mod)
        found = list(p.found)
        if p.member and p.member.last_active and parse_date(p.member.last_active):
            found.append(Activity("recorded", f"{p.member.file} (last_active)",
                                  parse_date(p.member.last_active)))  # type: ignore[arg-type]
        last = max(found, key=lambda a: a.when) if found else None
        v = Verdict(mod.slug, mod.file, p.login, months, "inactive", last, p.note)
        if last is not None and add_months(last.when, months) >= self.today:
            v.status = "active"
            return v
        if p.note or p.errors or p.node is None:
            v.status = "unknown"
            v.note = p.note or "; ".join(p.errors[:3])
            return v
        joined = self._joined(mod, p.login)
        if joined is not None and add_months(joined, months) >= self.today:
            v.status = "recent"
            v.note = f"in the group since {joined} (git history of {mod.file})"
        return v

    def _git(self, *args: str) -> str | None:
        try:
            proc = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True,
                                  text=True, check=False, timeout=60,
                                  env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"})
        except (OSError, subprocess.TimeoutExpired):
            return None
        return proc.stdout if proc.returncode == 0 else None

    def _joined(self, mod: Module, login: str) -> dt.date | None:
        """When ``login`` was last added to the module file, by git (None without git)."""
        if self.root is None:
            return None
        if self._has_git is None:
            self._has_git = self._git("rev-parse", "--git-dir") is not None
        if not self._has_git:
            return None
        out = self._git("log", "-1", "--format=%cs", f"-S{login}", "--", mod.file)
        return parse_date(out.strip()) if out else None


_REPO = re.compile(r"https?://[^/]+/([^/]+/[^/]+)/")


def _repo_of(url: str) -> str:
    m = _REPO.match(url)
    return m.group(1) if m else url
