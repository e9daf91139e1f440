"""Real parts for the gate's tests: git repositories made in tmp_path, and a local HTTP server
that answers like GitHub's REST API (pull request, files, reviews, with Link pagination)."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import github
import pytest
import yaml
from gate_records import COMMUNITY, council_election
from werkzeug import Request, Response

from charter.cli import main
from charter.ecosystem.vote import FUNCTIONAL_NAMES as FUNCTIONAL

ORG = "org"
REPO = "org/gov"
POLICY: dict[str, Any] = {"organisation": {"name": "Org", "github": ORG},
                          "council": {"seats": 3, "cohorts": {"A": 2, "B": 1}}}

# login -> github id. Core: ada (lead), bob, cyd, dan, eve. Module nn: finn, gus, hal (rule:
# majority). Module opt: ivy (rule: any). Module comp: jo, kim, lou (2/3). Module misc: mo, ned
# (no rule of its own). Module empty: nobody.
# Working group: ivy, jo, kim, mo, ned. Council: pat, quin, ros; returning officer sam.
# cyd and gus declare a family relationship. tess has no github_id (matched by login).
PEOPLE = {
    "ada": 101, "bob": 102, "cyd": 103, "dan": 104, "eve": 105, "finn": 106, "gus": 107,
    "hal": 108, "ivy": 109, "jo": 110, "kim": 111, "lou": 112, "mo": 113, "ned": 114,
    "pat": 115, "quin": 116, "ros": 117, "sam": 118, "newbie": 120, "tess": None,
}


def base_files() -> dict[str, Any]:
    """The fixture organisation as path -> data (dumped as YAML when written)."""
    files: dict[str, Any] = {
        "policy.yaml": POLICY,
        "core.yaml": {"lead": "ada", "maintainers": ["ada", "bob", "cyd", "dan", "eve"]},
        "council.yaml": {
            "returning_officer": "sam",
            "seats": [
                {"login": x, "cohort": c, "term_start": "2026-06-15", "term_end": e,
                 "elected_in": "2026-council"}
                for x, c, e in (("pat", "A", "2028-06-15"), ("quin", "A", "2028-06-15"),
                                ("ros", "B", "2027-06-15"))
            ],
        },
        "ecosystem-wg.yaml": {"chair": "ivy", "members": ["ivy", "jo", "kim", "mo", "ned"]},
        "modules/nn.yaml": {"slug": "nn", "name": "NN", "kind": "paths", "paths": ["lib/nn/"],
                            "maintainers": ["finn", "gus", "hal"],
                            "decision_rule": {"kind": "majority"}},
        "modules/misc.yaml": {"slug": "misc", "name": "Misc", "kind": "paths",
                              "paths": ["lib/misc/"], "maintainers": ["mo", "ned"]},
        "modules/opt.yaml": {"slug": "opt", "name": "Opt", "kind": "paths",
                             "paths": ["lib/opt/"], "maintainers": ["ivy"],
                             "decision_rule": {"kind": "any"}},
        "modules/comp.yaml": {"slug": "comp", "name": "Comp", "kind": "paths",
                              "paths": ["lib/comp/"], "maintainers": ["jo", "kim", "lou"],
                              "decision_rule": {"kind": "fraction", "fraction": "2/3"}},
        "modules/empty.yaml": {"slug": "empty", "name": "Empty", "kind": "repository",
                               "repositories": ["org/empty"], "maintainers": []},
        # in review, with the ten functional requirements recorded (ECO-FUNCTIONAL), so a
        # working-group vote may accept it
        "ecosystem/alpha.yaml": {"slug": "alpha", "name": "Alpha", "repository": "x/alpha",
                                 "status": "in-progress", "issue": 3,
                                 "functional": {k: {"met": True, "evidence": "checked",
                                                    "reviewer": "ivy"} for k in FUNCTIONAL}},
        "README.md": "# governance\n",
        "scripts/charter/check.py": "print('the checker')\n",
    }
    for login, gid in PEOPLE.items():
        rec: dict[str, Any] = {"login": login, "name": login.title()}
        if gid is not None:
            rec["github_id"] = gid
        if login == "cyd":
            rec["relationships"] = [{"login": "gus", "kind": "family"}]
        if login in ("pat", "quin", "ros"):  # as the council election record declares them
            rec["affiliations"] = [{"entity": f"Org {login}", "role": "employee"}]
        if login in COMMUNITY:
            rec["community"] = {"since": "2025-01-01"}
        files[f"members/{login}.yaml"] = rec
    return files


# the council's certified election (real files, counted by charter): pat, quin (A), ros (B)
RAW = council_election(POLICY)


def add_core(login: str, joined: str = "2026-11-21") -> Callable[[dict[str, Any]], None]:
    """An edit of core.yaml adding ``login`` as a core maintainer who joins on ``joined``, as
    ``charter core add`` writes it."""
    def edit(d: dict[str, Any]) -> None:
        d["maintainers"].append(login)
        d.setdefault("joined", {})[login] = joined
    return edit


def dump(value: Any) -> str:
    if isinstance(value, str):
        return value
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True)


class GitRepo:
    """A throwaway git repository with helpers to commit governance data."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "test@example.invalid")
        self.git("config", "user.name", "test")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
        return subprocess.run(["git", "-C", str(self.path), *args], check=True,
                              capture_output=True, text=True, env=env).stdout.strip()

    def write(self, files: dict[str, Any]) -> None:
        for rel, value in files.items():
            p = self.path / rel
            if value is None:
                if p.exists():
                    p.unlink()
                continue
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(dump(value), encoding="utf-8")

    def commit(self, message: str = "change") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def data(self, rel: str) -> Any:
        return yaml.safe_load((self.path / rel).read_text(encoding="utf-8"))

    def edit(self, rel: str, fn: Callable[[Any], Any]) -> None:
        d = copy.deepcopy(self.data(rel))
        out = fn(d)
        self.write({rel: d if out is None else out})

    def branch(self, name: str, start: str = "main") -> None:
        self.git("checkout", "-q", "-B", name, start)

    def land(self, files: dict[str, Any], message: str = "an earlier pull request") -> str:
        """Merge ``files`` into main (an earlier pull request that landed) and start the pull
        request branch again from it."""
        self.git("checkout", "-q", "main")
        self.write(files)
        sha = self.commit(message)
        self.branch("pr")
        return sha


@pytest.fixture
def org(tmp_path: Path) -> GitRepo:
    """A repository whose ``main`` holds the fixture organisation; checked out on ``pr``."""
    repo = GitRepo(tmp_path / "gov")
    files = base_files()
    files.update(RAW)
    repo.write(files)
    repo.commit("base")
    repo.branch("pr")
    return repo


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rc = main(list(args))
    return rc, out.getvalue(), err.getvalue()


def check(repo: GitRepo, *, approved: list[str] = (), author: str | None = None,  # type: ignore[assignment]
          body: str | None = None, base: str = "main", head: str = "pr"
          ) -> tuple[int, dict[str, Any]]:
    """``charter pr-check`` in local mode, returning the exit code and the JSON report."""
    args = ["pr-check", "--repo", str(repo.path), "--base", base, "--head", head,
            "--format", "json"]
    if approved:
        args += ["--approved-by", ",".join(approved)]
    if author:
        args += ["--author", author]
    if body is not None:
        f = repo.path.parent / "body.md"
        f.write_text(body, encoding="utf-8")
        args += ["--body-file", str(f)]
    rc, out, err = run(*args)
    assert out, err
    return rc, json.loads(out)


def req(report: dict[str, Any], rule: str, n: int = 0) -> dict[str, Any]:
    found = [r for r in report["requirements"] if r["rule"] == rule]
    assert len(found) > n, f"no requirement {rule} in {[r['rule'] for r in report['requirements']]}"
    return found[n]


NOMINATION = """## Contributions
Reviewed 40 pull requests and wrote the new loader.

## Testimonials
Helpful and careful in review, say users on the forum.

## Support
finn and hal support this.

## Discussion
#12

## Decision
Confirmed: the loader and two years of careful review, with the maintainers' support.

## Meeting
Core maintainers' meeting of 2026-09-30.
"""


# --- a GitHub that answers from a local HTTP server ----------------------------------------------

@pytest.fixture(autouse=True)
def _no_github_waits() -> Iterator[None]:
    old = github.Requester.Consts.PROCESSING_202_WAIT_TIME
    github.Requester.Consts.PROCESSING_202_WAIT_TIME = 0
    yield
    github.Requester.Consts.PROCESSING_202_WAIT_TIME = old


def user(login: str, uid: int, kind: str = "User") -> dict[str, Any]:
    return {"login": login, "id": uid, "node_id": f"U_{uid}", "type": kind, "site_admin": False,
            "url": f"https://api.github.invalid/users/{login}",
            "html_url": f"https://github.invalid/{login}"}


def review(rid: int, who: dict[str, Any] | None, state: str, commit: str,
           when: str = "2026-11-20T10:00:00Z") -> dict[str, Any]:
    return {"id": rid, "node_id": f"PRR_{rid}", "user": who, "body": "", "state": state,
            "html_url": f"https://github.invalid/{REPO}/pull/7#pullrequestreview-{rid}",
            "pull_request_url": f"https://api.github.invalid/repos/{REPO}/pulls/7",
            "author_association": "MEMBER", "submitted_at": when, "commit_id": commit,
            "_links": {"html": {"href": "x"}, "pull_request": {"href": "y"}}}


class FakeGitHub:
    """Serves one pull request of ``org/gov``; ``failures`` answers the first N requests with
    the given (status, headers, body) instead."""

    def __init__(self, server: Any, number: int = 7):
        self.server = server
        self.number = number
        self.head_sha = ""
        self.base_sha = "0" * 40
        self.author = user("newbie", 120)
        self.body: str | None = ""
        self.files: list[str] = []
        self.reviews: list[dict[str, Any]] = []
        self.failures: list[tuple[int, dict[str, str], Any]] = []
        self.always: tuple[int, dict[str, str], Any] | None = None
        self.requests: list[str] = []
        server.expect_request(f"/repos/{REPO}/pulls/{number}").respond_with_handler(self._pull)
        server.expect_request(f"/repos/{REPO}/pulls/{number}/files").respond_with_handler(
            lambda r: self._page(r, [self._file(f) for f in self.files]))
        server.expect_request(f"/repos/{REPO}/pulls/{number}/reviews").respond_with_handler(
            lambda r: self._page(r, self.reviews))
        self.statuses: list[dict[str, Any]] = []  # commit statuses posted, with their sha
        self.status_failures: list[tuple[int, dict[str, str], Any]] = []
        server.expect_request(re.compile(rf"/repos/{REPO}/statuses/[0-9a-f]{{40}}"),
                              method="POST").respond_with_handler(self._status)

    def _status(self, request: Request) -> Response:
        bad = self._fail(request)
        if bad is not None:
            return bad
        if self.status_failures:
            status, headers, body = self.status_failures.pop(0)
            return Response(json.dumps(body), status=status, headers=headers,
                            content_type="application/json")
        body = json.loads(request.get_data() or b"{}")
        sha = request.path.rsplit("/", 1)[1]
        self.statuses.append({**body, "sha": sha})
        made = {"url": f"{self.url}/repos/{REPO}/statuses/{sha}", "id": len(self.statuses),
                "node_id": f"SC_{len(self.statuses)}", "state": body.get("state"),
                "description": body.get("description"), "target_url": body.get("target_url"),
                "context": body.get("context", "default"),
                "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T10:00:00Z",
                "creator": user("charter-gate[bot]", 999_001, "Bot")}
        return Response(json.dumps(made), status=201, content_type="application/json")

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def _fail(self, request: Request) -> Response | None:
        self.requests.append(request.full_path)
        spec = self.always or (self.failures.pop(0) if self.failures else None)
        if spec is None:
            return None
        status, headers, body = spec
        return Response(json.dumps(body), status=status, headers=headers,
                        content_type="application/json")

    def _pull(self, request: Request) -> Response:
        bad = self._fail(request)
        if bad is not None:
            return bad
        api = f"{self.url}/repos/{REPO}"
        data = {
            "url": f"{api}/pulls/{self.number}", "id": 9000 + self.number,
            "html_url": f"https://github.invalid/{REPO}/pull/{self.number}",
            "number": self.number, "state": "open", "title": "A change", "body": self.body,
            "user": self.author, "draft": False, "merged": False,
            "head": {"label": "newbie:pr", "ref": "pr", "sha": self.head_sha, "user": self.author,
                     "repo": None},
            "base": {"label": "org:main", "ref": "main", "sha": self.base_sha,
                     "user": user(ORG, 1, "Organization"), "repo": None},
            "commits": 1, "changed_files": len(self.files),
        }
        return Response(json.dumps(data), content_type="application/json")

    @staticmethod
    def _file(name: str) -> dict[str, Any]:
        return {"sha": "1" * 40, "filename": name, "status": "modified", "additions": 1,
                "deletions": 0, "changes": 1}

    def _page(self, request: Request, items: list[dict[str, Any]]) -> Response:
        bad = self._fail(request)
        if bad is not None:
            return bad
        per = int(request.args.get("per_page", 30))
        page = int(request.args.get("page", 1))
        chunk = items[(page - 1) * per: page * per]
        headers = {}
        last = max(1, -(-len(items) // per))
        base = f"{self.url}{request.path}"
        links = []
        if page < last:
            links.append(f'<{base}?per_page={per}&page={page + 1}>; rel="next"')
            links.append(f'<{base}?per_page={per}&page={last}>; rel="last"')
        if page > 1:
            links.append(f'<{base}?per_page={per}&page=1>; rel="first"')
            links.append(f'<{base}?per_page={per}&page={page - 1}>; rel="prev"')
        if links:
            headers["Link"] = ", ".join(links)
        return Response(json.dumps(chunk), headers=headers, content_type="application/json")


@pytest.fixture
def fake_github(httpserver: Any) -> FakeGitHub:
    return FakeGitHub(httpserver)


def check_github(repo: GitRepo, gh: FakeGitHub, *, fmt: str = "json", retries: int = 2,
                 summary: Path | None = None, base: str = "main",
                 extra: list[str] | None = None) -> tuple[int, str, str]:
    """``charter pr-check --github`` against the fake server, base checked out in ``repo``."""
    args = ["pr-check", "--repo", str(repo.path), "--github", REPO, "--pr", str(gh.number),
            "--base", base, "--api-url", gh.url, "--retries", str(retries), "--backoff", "0",
            "--max-wait", "1", "--format", fmt]
    if summary is not None:
        args += ["--summary", str(summary)]
    return run(*args, *(extra or []))
