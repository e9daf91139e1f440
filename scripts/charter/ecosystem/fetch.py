"""Reading one project's health from GitHub: one GraphQL query, paging only past 100 commits.

The query asks for everything the periodic review needs (stars, archived, the name GitHub now
uses, the licence GitHub detects, the root tree and CODEOWNERS in ``.github/`` or ``docs/``, the
CI status of the default branch's head, and the first 100 commits of the window with their
authors). A second query pages through the window's history only while more than 100 commits
leave the contributor count undecided (or always, with ``exact``).

Retries: the client from :func:`charter.gh.client` already repeats 5xx answers, secondary rate
limits and ``Retry-After`` (PyGithub's ``GithubRetry`` allows POST, so GraphQL too). This module
adds what that layer cannot see: a ``200`` answer whose only error is GitHub's transient "Something
went wrong ... timeout" is asked again (with backoff, at most ``retries`` times); GraphQL reports
an exhausted primary limit as a ``RATE_LIMITED`` error inside the answer, and every answer says
how many points are left. When the limit is spent the fetcher waits for ``x-ratelimit-reset``; a
wait longer than ``max_wait`` raises :class:`BudgetSpent` before another query is sent, so the
caller keeps what it has read and a later run continues.

Every wait is bounded by charter's own limits: the statistics endpoint's 202 ("still computing")
is asked again at most ``retries`` times and for at most ``max_wait`` seconds in all, then the
window's history is paged instead (exact, a few more queries). PyGithub's own 202 loop, which
has no limit, is never used (the client is built with ``raise_on_202``).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from charter.errors import GitHubError

HISTORY_FIELDS = """
fragment History on CommitHistoryConnection {
  totalCount
  pageInfo { hasNextPage endCursor }
  nodes { authors(first: 10) { nodes { name email user { login } } } }
}
"""

QUERY = """
query EcosystemReview($owner: String!, $name: String!, $since: GitTimestamp!) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
    nameWithOwner
    isArchived
    stargazerCount
    licenseInfo { spdxId }
    root: object(expression: "HEAD:") { ... on Tree { entries { name type } } }
    githubCodeowners: object(expression: "HEAD:.github/CODEOWNERS") { __typename }
    docsCodeowners: object(expression: "HEAD:docs/CODEOWNERS") { __typename }
    workflows: object(expression: "HEAD:.github/workflows") { ... on Tree { entries { name } } }
    defaultBranchRef {
      name
      target {
        ... on Commit {
          statusCheckRollup { state }
          history(since: $since, first: 100) { ...History }
        }
      }
    }
  }
}
""" + HISTORY_FIELDS

PAGE_QUERY = """
query EcosystemReviewHistory($owner: String!, $name: String!, $since: GitTimestamp!,
                             $after: String!) {
  repository(owner: $owner, name: $name) {
    defaultBranchRef {
      target { ... on Commit { history(since: $since, first: 100, after: $after) { ...History } } }
    }
  }
}
""" + HISTORY_FIELDS

_LICENCE_FILE = re.compile(r"^(?:LICEN[CS]E|COPYING)(?:[.-][A-Za-z0-9._-]*)?$", re.I)
LAYOUT = ("licence file", "README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CODEOWNERS")
CI_STATES = {"SUCCESS": "passing", "FAILURE": "failing", "ERROR": "failing",
             "PENDING": "pending", "EXPECTED": "pending"}


class BudgetSpent(GitHubError):
    """The GraphQL (or REST) budget is spent until ``resets`` (epoch seconds), further away than
    ``max_wait``: stop reading; what was read is kept and the next run continues."""

    def __init__(self, message: str, resets: float | None = None) -> None:
        super().__init__(message)
        self.resets = resets


def _transient(errors: list[dict[str, Any]]) -> bool:
    """GitHub's own failure inside a 200 answer ("Something went wrong while executing your
    query. This may be the result of a timeout ..."): no error type, about no field."""
    return bool(errors) and all(
        not e.get("type") and not e.get("path")
        and re.search(r"something went wrong|timeout|timed out", str(e.get("message", "")), re.I)
        for e in errors)


class ProjectError(GitHubError):
    """GitHub answered, but with an error about this one repository (FORBIDDEN, ...): the
    project is skipped and the run goes on."""


@dataclass
class Facts:
    """What GitHub says about one repository, in the review's terms."""

    repository: str
    found: bool = True
    name_with_owner: str | None = None
    archived: bool = False
    stars: int = 0
    default_branch: str | None = None
    commits: int = 0
    contributors: set[str] = field(default_factory=set)
    contributors_complete: bool = True
    layout_missing: list[str] = field(default_factory=list)
    ci: str = "none"
    licence: str | None = None
    requests: int = 0

    @property
    def renamed(self) -> bool:
        return bool(self.found and self.name_with_owner
                    and self.name_with_owner.lower() != self.repository.lower())


def is_bot(name: str | None, email: str | None, login: str | None) -> bool:
    for text in (login, name, (email or "").split("@", 1)[0]):
        if text and text.lower().endswith("[bot]"):
            return True
    return False


def authors_of(history: dict[str, Any]) -> set[str]:
    """Distinct human authors (co-authors included) of a page of history, bots excluded."""
    out: set[str] = set()
    for node in history.get("nodes") or ():
        for a in ((node or {}).get("authors") or {}).get("nodes") or ():
            if not a:
                continue
            login = (a.get("user") or {}).get("login")
            name, email = a.get("name"), a.get("email")
            if is_bot(name, email, login):
                continue
            if login:
                out.add("login:" + login.lower())
            elif email:
                out.add("email:" + email.lower())
            elif name:
                out.add("name:" + name.lower())
    return out


def layout_missing(repo: dict[str, Any]) -> list[str]:
    entries = ((repo.get("root") or {}).get("entries")) or []
    names = {e["name"].lower(): e["name"] for e in entries if e.get("type") == "blob"}
    missing = []
    if not any(_LICENCE_FILE.match(n) for n in names.values()):
        missing.append("licence file")
    for wanted in ("README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md"):
        if wanted.lower() not in names:
            missing.append(wanted)
    if not ("codeowners" in names or repo.get("githubCodeowners") or repo.get("docsCodeowners")):
        missing.append("CODEOWNERS")
    return missing


class Fetcher:
    """Runs the review queries through one PyGithub client, counting requests."""

    def __init__(self, gh: Any, *, today: dt.date, window_days: int, min_contributors: int,
                 exact: bool = False, max_pages: int = 5, retries: int = 4, backoff: float = 1.0,
                 max_wait: float = 120.0, sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], float] = time.time) -> None:
        self.requester = gh.requester
        start = today - dt.timedelta(days=window_days)
        self.since = f"{start.isoformat()}T00:00:00Z"
        self.min_contributors = min_contributors
        self.exact = exact
        self.max_pages = max_pages
        self.gh = gh
        self.window_start = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.now = now
        self.requests = 0  # GraphQL queries sent
        self.rest_requests = 0  # statistics requests sent
        self.waited = 0.0
        self.spent_until: float | None = None  # the budget is spent until then (epoch seconds)

    def facts(self, repository: str) -> Facts:
        owner, name = repository.split("/", 1)
        out = Facts(repository)
        before = self.requests
        data = self.query(QUERY, {"owner": owner, "name": name, "since": self.since},
                          what=repository)
        repo = (data or {}).get("repository")
        if repo is None:
            out.found = False
            out.requests = self.requests - before
            return out
        out.name_with_owner = repo.get("nameWithOwner")
        out.archived = bool(repo.get("isArchived"))
        out.stars = int(repo.get("stargazerCount") or 0)
        out.licence = (repo.get("licenseInfo") or {}).get("spdxId")
        out.layout_missing = layout_missing(repo)
        ref = repo.get("defaultBranchRef") or {}
        out.default_branch = ref.get("name")
        target = ref.get("target") or {}
        rollup = target.get("statusCheckRollup")
        has_workflows = bool(((repo.get("workflows") or {}).get("entries")) or [])
        if rollup and rollup.get("state") in CI_STATES:
            out.ci = CI_STATES[rollup["state"]]
        else:
            out.ci = "unknown" if has_workflows else "none"
        history = target.get("history") or {}
        out.commits = int(history.get("totalCount") or 0)
        out.contributors = authors_of(history)
        page = history.get("pageInfo") or {}
        current = out.name_with_owner or repository
        c_owner, c_name = current.split("/", 1)
        pages = 1
        use_stats = not self.exact
        while page.get("hasNextPage") and (self.exact
                                           or len(out.contributors) < self.min_contributors):
            if use_stats and pages >= self.max_pages:
                # Hundreds of commits by very few people: one statistics request settles it.
                stats = self.stats_authors(current)
                if stats is not None:
                    out.contributors |= stats
                    out.contributors_complete = False
                    out.requests = self.requests - before
                    return out
                use_stats = False  # still computing after every wait: page the window instead
            pages += 1
            more = self.query(PAGE_QUERY, {"owner": c_owner, "name": c_name, "since": self.since,
                                           "after": page.get("endCursor")}, what=repository)
            history = (((((more or {}).get("repository") or {}).get("defaultBranchRef") or {})
                        .get("target") or {}).get("history")) or {}
            out.contributors |= authors_of(history)
            page = history.get("pageInfo") or {}
        out.contributors_complete = not page.get("hasNextPage")
        out.requests = self.requests - before
        return out

    def stats_authors(self, repository: str) -> set[str] | None:
        """Authors with commits in the weeks of the window, from ``/stats/contributors``; None
        when GitHub is still computing them after every wait charter allows.

        GitHub answers 202 while it computes the statistics. The client raises on a 202
        (``charter.gh.client(raise_on_202=True)``); this asks again after ``backoff``, doubling,
        at most ``retries`` times and ``max_wait`` seconds in all. Weekly buckets: a week that
        starts up to six days before the window counts, so this errs towards counting a
        contributor.
        """
        import github

        from charter.gh import StillComputing, call

        repo = self.gh.withLazy(True).get_repo(repository)

        def ask() -> Any:
            try:
                return repo.get_stats_contributors()
            except github.RateLimitExceededException as exc:
                raise BudgetSpent(f"{repository}: the REST rate limit is spent ({exc.status}) "
                                  "and resets later than --max-wait allows") from None

        waited = 0.0
        stats = None
        for attempt in range(self.retries + 1):
            self.rest_requests += 1
            try:
                stats = call(f"{repository}: contributor statistics", ask)
                break
            except StillComputing:
                left = self.max_wait - waited
                if attempt == self.retries or (self.max_wait > 0 and left <= 0):
                    return None
                wait = min(self.backoff * (2 ** attempt), left)
                waited += wait
                if wait > 0:
                    self.sleep(wait)
        first_week = self.window_start.timestamp() - 6 * 86400
        out: set[str] = set()
        for entry in stats or []:
            raw = entry.raw_data
            author = raw.get("author") or {}
            login = author.get("login")
            if not login or author.get("type") == "Bot" or is_bot(None, None, login):
                continue
            if any(w.get("c", 0) > 0 and w.get("w", 0) >= first_week for w in raw.get("weeks", [])):
                out.add("login:" + login.lower())
        return out

    # --- transport ----------------------------------------------------------------------
    def query(self, query: str, variables: dict[str, Any], *, what: str) -> dict[str, Any] | None:
        """``data`` of one GraphQL answer; None when the repository does not exist."""
        import github

        attempt = 0
        while True:
            if self.spent_until is not None:
                self._pause(self._until(self.spent_until), what)
                self.spent_until = None
            self.requests += 1
            try:
                headers, body = self.requester.graphql_query(query, variables)
            except github.UnknownObjectException:
                return None
            except github.RateLimitExceededException as exc:
                # the limit as REST reports it (403/429), waited for below us up to max_wait
                raise BudgetSpent(f"{what}: the GraphQL budget is spent ({exc.status}) and "
                                  f"resets later than --max-wait ({self.max_wait:.0f} s) allows"
                                  ) from None
            except github.GithubException as exc:
                wait = self._wait_for(exc, attempt)
                if wait is None:
                    data = exc.data if isinstance(exc.data, dict) else {}
                    errors = [e for e in data.get("errors") or () if isinstance(e, dict)]
                    if any(e.get("type") == "RATE_LIMITED" for e in errors):
                        # not about this repository: the limit outlasted every retry
                        raise BudgetSpent(f"{what}: the GraphQL budget is still spent after "
                                          f"{attempt} retr{'y' if attempt == 1 else 'ies'}; "
                                          "the next run continues") from None
                    if errors and exc.status == 400:  # GraphQL errors about this repository
                        kinds = sorted({str(e.get("type", "ERROR")) for e in errors})
                        raise ProjectError(f"{what}: GraphQL error {', '.join(kinds)}: "
                                           f"{str(errors[0].get('message', ''))[:200]}") from None
                    msg = data.get("message")
                    raise GitHubError(f"{what}: GitHub answered {exc.status}"
                                      f"{': ' + str(msg) if msg else ''}") from None
                self._pause(wait, what)
                attempt += 1
                continue
            except Exception as exc:
                import requests

                if isinstance(exc, requests.exceptions.RequestException):
                    why = ("timed out" if isinstance(exc, requests.exceptions.Timeout)
                           else "no connection" if isinstance(
                               exc, requests.exceptions.ConnectionError)
                           else "request failed")
                    raise GitHubError(f"{what}: cannot reach GitHub ({why}); check the network, "
                                      "or the API URL (--github-api, $CHARTER_GITHUB_API)"
                                      ) from None
                raise
            self._respect_remaining(headers, what)
            return (body or {}).get("data")

    def _wait_for(self, exc: Any, attempt: int) -> float | None:
        """Seconds to wait before asking again after ``exc``; None when it is not something this
        layer retries (5xx, secondary limits and Retry-After were retried below): GraphQL's
        RATE_LIMITED, and GitHub's transient failure inside a 200 answer."""
        if attempt >= self.retries:
            return None
        data = exc.data if isinstance(exc.data, dict) else {}
        errors = [e for e in data.get("errors") or () if isinstance(e, dict)]
        if _transient(errors):
            return min(self.backoff * (2 ** attempt), self.max_wait)
        if not any(e.get("type") == "RATE_LIMITED" for e in errors):
            return None
        headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
        if headers.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in headers:
            return self._until(headers["x-ratelimit-reset"])
        return min(self.backoff * (2 ** attempt), self.max_wait)

    def _until(self, reset: str | float) -> float:
        try:
            return max(0.0, float(reset) - self.now() + 1)
        except ValueError:
            return self.max_wait

    def _pause(self, seconds: float, what: str) -> None:
        if seconds > self.max_wait:
            resets = self.now() + seconds
            when = dt.datetime.fromtimestamp(resets, dt.UTC).strftime("%H:%M UTC")
            raise BudgetSpent(f"{what}: the GraphQL budget is spent until about {when}, a wait "
                              f"of {seconds:.0f} s, more than the cap of {self.max_wait:.0f} s "
                              "(--max-wait)", resets)
        self.waited += seconds
        if seconds > 0:
            self.sleep(seconds)

    def _respect_remaining(self, headers: dict[str, Any], what: str) -> None:
        """When the primary limit is spent, wait for its reset before the next query; when that
        is further away than ``max_wait``, the next query raises :class:`BudgetSpent` instead
        (this answer is kept)."""
        h = {k.lower(): v for k, v in (headers or {}).items()}
        if h.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in h:
            try:
                reset = float(h["x-ratelimit-reset"])
            except ValueError:
                return
            if self._until(reset) > self.max_wait:
                self.spent_until = reset
            else:
                self._pause(self._until(reset), what)

