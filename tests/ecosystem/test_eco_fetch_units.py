"""What the fetcher reads from GitHub, fact by fact, against the fake GitHub.

Stars, archived, renames, the licence GitHub detects, the layout files, the CI state of the
default branch, commits and contributors in the window (bots excluded, counted until the
threshold, paging and the statistics fallback), and the transport: transient errors, rate
limits, backoff and the caps on every wait. No real sleeping: the fetcher's ``sleep`` records
the waits and ``now`` is a fixed clock.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import github
import pytest
from eco_fakegithub import LAYOUT, FakeGitHub, Repo
from eco_helpers import FIVE

from charter import gh
from charter.ecosystem.fetch import (
    BudgetSpent,
    Fetcher,
    ProjectError,
    authors_of,
    is_bot,
    layout_missing,
)
from charter.errors import GitHubError

TODAY = dt.date(2026, 11, 21)
WINDOW_START = dt.datetime(2026, 8, 23, tzinfo=dt.UTC).timestamp()  # 90 days before TODAY
NOW = 1_800_000_000.0  # the fixed clock: 2027-01-15 08:00 UTC
TRANSIENT = ("Something went wrong while executing your query. This may be the result of a "
             "timeout, or it could be a GitHub bug. Please include `D1C2:3B4A:5F6E:7D8C:9A0B` "
             "when reporting this issue.")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, t: float = NOW) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def make(fake: FakeGitHub, waits: list[float] | None = None, *, client_retries: int = 2,
         **kw: Any) -> Fetcher:
    """A fetcher reading ``fake``: 90-day window ending TODAY, at least 5 contributors, no
    backoff, waits recorded in ``waits``, the clock fixed at NOW (all overridable)."""
    client = gh.client(base_url=fake.url, backoff=0, retries=client_retries, max_wait=5,
                       raise_on_202=True)
    args: dict[str, Any] = {"today": TODAY, "window_days": 90, "min_contributors": 5,
                            "backoff": 0, "now": Clock()}
    args["sleep"] = waits.append if waits is not None else (lambda s: None)
    args.update(kw)
    return Fetcher(client, **args)


def answer(errors: list[dict[str, Any]], headers: dict[str, str] | None = None
           ) -> tuple[int, dict[str, str], dict[str, Any]]:
    """A 200 GraphQL answer carrying only ``errors``."""
    return 200, headers or {}, {"data": None, "errors": errors}


def fail_graphql(fake: FakeGitHub, times: int, status: int, headers: dict[str, str] | None,
                 body: Any) -> None:
    for _ in range(times):
        fake.fail("POST", "/graphql", status, headers, body)


def transient(fake: FakeGitHub, times: int, message: str = TRANSIENT) -> None:
    fail_graphql(fake, times, 200, None, {"data": None, "errors": [{"message": message}]})


def rate_limited(fake: FakeGitHub, times: int, headers: dict[str, str] | None = None) -> None:
    fail_graphql(fake, times, 200, headers, {"data": None, "errors": [{
        "type": "RATE_LIMITED", "message": "API rate limit already exceeded for user ID 1."}]})


class Recording(FakeGitHub):
    """The fake GitHub, also keeping the variables of every GraphQL query it answers."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[dict[str, Any]] = []

    def graphql(self, payload: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        self.sent.append(dict(payload.get("variables") or {}))
        return super().graphql(payload)


@pytest.fixture(scope="module")
def server() -> Iterator[Recording]:
    """One fake GitHub for the whole module (starting one per test is most of the time)."""
    with Recording() as running:
        yield running


@pytest.fixture
def fake(server: Recording) -> Recording:
    """The module's fake GitHub, emptied: no repositories, faults, budget or log."""
    with server.lock:
        for kept in (server.repos, server.issues, server.comments, server.faults, server.log,
                     server.sent):
            kept.clear()
        server.graphql_budget = None
        server.graphql_spent = 0
    return server


@pytest.fixture
def recording(fake: Recording) -> Recording:
    return fake


def commits(*authors: tuple[str, int]) -> list[tuple[str | None, str, str]]:
    """Commits newest first: ``n`` by each login, in the order given."""
    return [(a, a.title(), f"{a}@example.org") for a, n in authors for _ in range(n)]


def logins(*names: str) -> set[str]:
    return {"login:" + n for n in names}


# --- the facts of one repository ------------------------------------------------------------
def test_eco_measurable_facts_of_a_healthy_repository(fake: FakeGitHub) -> None:
    fake.add(Repo("org/alpha", stars=321, licence="Apache-2.0").with_authors(40, FIVE))
    facts = make(fake).facts("org/alpha")
    assert facts.found and not facts.archived and not facts.renamed
    assert facts.repository == "org/alpha" and facts.name_with_owner == "org/alpha"
    assert facts.stars == 321 and facts.licence == "Apache-2.0"
    assert facts.default_branch == "main" and facts.ci == "passing"
    assert facts.commits == 40 and facts.contributors == logins(*FIVE)
    assert facts.contributors_complete and facts.layout_missing == []
    assert facts.requests == 1 == fake.graphql_count()


def test_eco_periodic_archived_repository_is_reported(fake: FakeGitHub) -> None:
    fake.add(Repo("org/old", archived=True, stars=0).with_authors(0, FIVE))
    facts = make(fake).facts("org/old")
    assert facts.found and facts.archived and facts.stars == 0 and facts.commits == 0
    assert facts.contributors == set() and facts.contributors_complete


def test_eco_periodic_missing_repository_is_not_found(fake: FakeGitHub) -> None:
    fake.add(Repo("org/here").with_authors(3, FIVE))
    f = make(fake)
    assert f.facts("org/here").requests == 1 and f.requests == 1
    facts = f.facts("org/gone")
    assert facts.found is False and not facts.renamed and facts.name_with_owner is None
    assert facts.requests == 1 and f.requests == 2  # counted per project


@pytest.mark.parametrize(("asked", "now_called", "renamed"), [
    ("org/old", "neworg/new", True),
    ("org/old", "org/new", True),
    ("ORG/Old", "org/old", False),  # only the spelling differs: the same repository
    ("org/old", "org/old", False),
])
def test_eco_periodic_renamed_repository(fake: FakeGitHub, asked: str, now_called: str,
                                         renamed: bool) -> None:
    fake.add(Repo("org/old", renamed_to=None if now_called == "org/old" else now_called
                  ).with_authors(40, FIVE))
    facts = make(fake).facts(asked)
    assert facts.name_with_owner == now_called and facts.renamed is renamed
    assert facts.stars == 500


def test_eco_periodic_renamed_repository_is_paged_under_its_new_name(
        recording: Recording) -> None:
    recording.add(Repo("org/old", renamed_to="neworg/new").with_authors(150, ["ann", "bob"]))
    facts = make(recording).facts("org/old")
    assert facts.commits == 150 and facts.contributors == logins("ann", "bob")
    first, page = recording.sent
    assert (first["owner"], first["name"]) == ("org", "old")
    assert (page["owner"], page["name"], page["after"]) == ("neworg", "new", "c:100")
    assert page["since"] == first["since"] == "2026-08-23T00:00:00Z"


@pytest.mark.parametrize(("today", "days", "since"), [
    (dt.date(2026, 11, 21), 90, "2026-08-23T00:00:00Z"),
    (dt.date(2026, 3, 1), 1, "2026-02-28T00:00:00Z"),
    (dt.date(2026, 1, 5), 30, "2025-12-06T00:00:00Z"),
])
def test_eco_measurable_window_starts_window_days_before_today(
        recording: Recording, today: dt.date, days: int, since: str) -> None:
    recording.add(Repo("org/a").with_authors(3, FIVE))
    f = make(recording, today=today, window_days=days)
    f.facts("org/a")
    assert recording.sent[0]["since"] == since
    assert f.window_start == dt.datetime.fromisoformat(since.replace("Z", "+00:00"))


# --- licence and layout -----------------------------------------------------------------------
@pytest.mark.parametrize("licence", ["MIT", "BSD-3-Clause", "NOASSERTION", None])
def test_eco_functional_licence_is_githubs_identifier(fake: FakeGitHub,
                                                     licence: str | None) -> None:
    fake.add(Repo("org/a", licence=licence).with_authors(3, FIVE))
    assert make(fake).facts("org/a").licence == licence


def tree(*names: str, kind: str = "blob") -> dict[str, Any]:
    return {"entries": [{"name": n, "type": kind} for n in names]}


ALL_MISSING = ["licence file", "README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md",
               "CODEOWNERS"]
OTHERS = ("README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CODEOWNERS")


@pytest.mark.parametrize(("licence_file", "found"), [
    ("LICENSE", True), ("LICENCE", True), ("license", True), ("COPYING", True),
    ("LICENSE.md", True), ("LICENSE.txt", True), ("LICENSE-MIT", True),
    ("COPYING.LESSER", True), ("Licence.rst", True),
    ("LICENSES", False), ("MY-LICENSE", False), ("LICENSE_MIT", False), ("NOTICE", False),
    ("LICENSE.md~bak", False),
])
def test_eco_layout_licence_file_names(licence_file: str, found: bool) -> None:
    missing = layout_missing({"root": tree(licence_file, *OTHERS)})
    assert missing == ([] if found else ["licence file"])


@pytest.mark.parametrize(("root", "extra", "missing"), [
    (LAYOUT, {}, []),
    ([], {}, ALL_MISSING),
    (["readme.md", "Contributing.MD", "code_of_conduct.md", "LICENSE", "codeowners"], {}, []),
    (["LICENSE", "README.rst", "CONTRIBUTING", "CODE_OF_CONDUCT.txt"], {},
     ["README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CODEOWNERS"]),
    (["LICENSE", "README.md", "CODE_OF_CONDUCT.md"], {}, ["CONTRIBUTING.md", "CODEOWNERS"]),
    (["LICENSE", "README.md", "CONTRIBUTING.md"], {}, ["CODE_OF_CONDUCT.md", "CODEOWNERS"]),
    (LAYOUT[:4], {"githubCodeowners": {"__typename": "Blob"}}, []),
    (LAYOUT[:4], {"docsCodeowners": {"__typename": "Blob"}}, []),
    (LAYOUT[:4], {"githubCodeowners": None, "docsCodeowners": None}, ["CODEOWNERS"]),
])
def test_eco_layout_files_at_the_root(root: list[str], extra: dict[str, Any],
                                      missing: list[str]) -> None:
    assert layout_missing({"root": tree(*root), **extra}) == missing


def test_eco_layout_directories_are_not_files() -> None:
    """A directory called LICENSE or README.md is not the file the layout asks for."""
    root = {"entries": [{"name": n, "type": "tree"} for n in LAYOUT]}
    assert layout_missing({"root": root}) == ALL_MISSING
    mixed = {"entries": [*tree(*LAYOUT[1:])["entries"], {"name": "LICENSE", "type": "tree"}]}
    assert layout_missing({"root": mixed}) == ["licence file"]


@pytest.mark.parametrize("repo", [{}, {"root": None}, {"root": {}}, {"root": {"entries": None}}])
def test_eco_layout_empty_repository_misses_everything(repo: dict[str, Any]) -> None:
    """An empty repository (no HEAD tree) lacks every file; nothing raises."""
    assert layout_missing(repo) == ALL_MISSING


@pytest.mark.parametrize(("github_dir", "docs_dir", "missing"), [
    (["CODEOWNERS"], [], []),
    ([], ["CODEOWNERS"], []),
    ([], [], ["CODEOWNERS"]),
])
def test_eco_layout_codeowners_in_github_or_docs(fake: FakeGitHub, github_dir: list[str],
                                                 docs_dir: list[str], missing: list[str]
                                                 ) -> None:
    fake.add(Repo("org/a", root=LAYOUT[:4], github_dir=github_dir, docs_dir=docs_dir
                  ).with_authors(3, FIVE))
    assert make(fake).facts("org/a").layout_missing == missing


def test_eco_layout_missing_files_are_reported(fake: FakeGitHub) -> None:
    fake.add(Repo("org/a", root=["README.md", "setup.py"]).with_authors(3, FIVE))
    assert make(fake).facts("org/a").layout_missing == [
        "licence file", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CODEOWNERS"]


# --- CI on the default branch ---------------------------------------------------------------
@pytest.mark.parametrize(("state", "workflows", "ci"), [
    ("SUCCESS", ["ci.yml"], "passing"),
    ("FAILURE", ["ci.yml"], "failing"),
    ("ERROR", ["ci.yml"], "failing"),
    ("PENDING", ["ci.yml"], "pending"),
    ("EXPECTED", ["ci.yml"], "pending"),
    ("SUCCESS", [], "passing"),  # CI outside GitHub Actions reports a status too
    ("FAILURE", [], "failing"),
    (None, ["ci.yml"], "unknown"),  # workflows, but no result on the head commit
    (None, [], "none"),
    ("NEUTRAL", ["ci.yml"], "unknown"),  # a state charter does not know is not a result
    ("NEUTRAL", [], "none"),
])
def test_eco_functional_ci_state_of_the_default_branch(fake: FakeGitHub, state: str | None,
                                                       workflows: list[str], ci: str) -> None:
    fake.add(Repo("org/a", ci=state, workflows=workflows).with_authors(3, FIVE))
    assert make(fake).facts("org/a").ci == ci


# --- commits and contributors in the window -------------------------------------------------
def test_eco_measurable_bots_are_not_contributors(fake: FakeGitHub) -> None:
    repo = fake.add(Repo("org/a"))
    repo.commits = [*commits(("ann", 3), ("bob", 2)),
                    ("dependabot[bot]", "dependabot[bot]", "49699333+dependabot[bot]@users."
                                                           "noreply.github.com"),
                    (None, "renovate[bot]", "bot@renovateapp.com"),
                    (None, "CI", "github-actions[bot]@users.noreply.github.com"),
                    (None, "Cat", "Cat@Example.org")]
    facts = make(fake).facts("org/a")
    assert facts.commits == 9  # commits by bots still count as commits
    assert facts.contributors == {"login:ann", "login:bob", "email:cat@example.org"}


@pytest.mark.parametrize(("name", "email", "login", "bot"), [
    (None, None, "renovate[bot]", True),
    (None, None, "Renovate[Bot]", True),
    ("dependabot[bot]", None, None, True),
    ("CI", "github-actions[bot]@users.noreply.github.com", None, True),
    ("Ann", "ann[bot]@example.org", None, True),
    ("Ann", "ann@example.org[bot]", None, False),  # only the address's local part says so
    # git records whatever address an author configured: what precedes the first "@" decides
    ("CI", "ci[bot]@build@example.org", None, True),
    ("Robot Robertson", "robot@example.org", "robot", False),
    ("Ann", "ann@example.org", "bot-ann", False),
    ("[bot] Ann", None, "ann", False),
    (None, None, None, False),
])
def test_eco_measurable_bot_detection_table(name: str | None, email: str | None,
                                            login: str | None, bot: bool) -> None:
    assert is_bot(name, email, login) is bot


def node(*authors: dict[str, Any] | None) -> dict[str, Any]:
    return {"authors": {"nodes": list(authors)}}


def test_eco_measurable_author_identity() -> None:
    """A login when GitHub knows the person, else the address, else the name; case-blind;
    co-authors count; empty parts of the answer are skipped."""
    history = {"nodes": [
        node({"name": "Ann", "email": "ann@x.org", "user": {"login": "Ann"}}),
        node({"name": "ANN", "email": "ANN@X.ORG", "user": {"login": "ann"}}),
        node({"name": "Bo", "email": "Bo@X.org", "user": None},
             {"name": "Cy", "email": "", "user": {"login": None}}),
        node({"name": None, "email": None, "user": None}, None),
        node(None, {"name": "Eve", "email": None, "user": {"login": "eve"}}),
        None,
        {"authors": None},
        {},
        node({"name": "Di", "email": "di@x.org", "user": {}}),
    ]}
    assert authors_of(history) == {"login:ann", "email:bo@x.org", "name:cy", "email:di@x.org",
                                   "login:eve"}
    assert authors_of({}) == set() and authors_of({"nodes": None}) == set()


def test_eco_measurable_bot_co_author_does_not_hide_the_person() -> None:
    history = {"nodes": [
        node({"name": "dependabot[bot]", "email": "x@y", "user": {"login": "dependabot[bot]"}},
             {"name": "Ann", "email": "ann@x.org", "user": {"login": "ann"}}),
        node({"name": "Bob", "email": "bob@x.org", "user": None}),
        node({"name": "Mend Renovate", "email": "bot@renovateapp.com",
              "user": {"login": "renovate[bot]"}}),  # only the login says it is a bot
    ]}
    assert authors_of(history) == {"login:ann", "email:bob@x.org"}


@pytest.mark.parametrize(("on_first_page", "queries", "complete"), [
    (4, 2, True),  # four people in the first 100 commits: the rest of the window is read
    (5, 1, False),  # five: the threshold is met, the rest is not needed
    (6, 1, False),
])
def test_eco_measurable_contributors_counted_until_the_threshold(
        fake: FakeGitHub, on_first_page: int, queries: int, complete: bool) -> None:
    people = [f"p{i}" for i in range(on_first_page)]
    repo = fake.add(Repo("org/a"))
    repo.commits = [*[(p, p.title(), f"{p}@x.org") for p in (people[i % on_first_page]
                                                            for i in range(100))],
                    *commits(("late", 50))]
    f = make(fake)
    facts = f.facts("org/a")
    assert facts.commits == 150
    assert fake.graphql_count() == queries == facts.requests == f.requests
    assert facts.contributors_complete is complete
    assert len(facts.contributors) == on_first_page + (1 if queries == 2 else 0)


def test_eco_measurable_contributors_paged_across_the_window(fake: FakeGitHub) -> None:
    repo = fake.add(Repo("org/a"))
    repo.commits = commits(("ann", 100), ("bob", 100), ("cat", 60), ("dan", 30), ("eve", 10),
                           ("fay", 5))
    facts = make(fake).facts("org/a")
    # pages 1-3 find ann, bob, cat; dan and eve (page 3) meet the threshold: no fourth page
    assert fake.graphql_count() == 3 == facts.requests
    assert facts.contributors == logins("ann", "bob", "cat", "dan", "eve")
    assert not facts.contributors_complete and facts.commits == 305


def test_eco_measurable_exact_count_reads_the_whole_window(fake: FakeGitHub) -> None:
    fake.add(Repo("org/a").with_authors(1200, [*FIVE, "fay", "gus"]))
    fake.add(Repo("org/b").with_authors(700, ["ann", "bob"]))
    f = make(fake, exact=True, max_pages=2)
    facts = f.facts("org/a")
    assert facts.requests == 12 and facts.contributors_complete
    assert facts.contributors == logins(*FIVE, "fay", "gus")
    facts = f.facts("org/b")  # never the statistics, however many pages
    assert facts.requests == 7 and facts.contributors_complete
    assert fake.count("GET", "/repos/") == 0 and f.rest_requests == 0


def stats_entry(login: str | None, *weeks: tuple[float, int], kind: str = "User"
                ) -> dict[str, Any]:
    """One author of GitHub's ``/stats/contributors``: weekly buckets (start, commits)."""
    author = None if login is None else {"login": login, "id": 1, "type": kind}
    return {"author": author, "total": sum(c for _, c in weeks),
            "weeks": [{"w": int(w), "a": 10 * c, "d": c, "c": c} for w, c in weeks]}


def busy(full: str, stats: list[dict[str, Any]], n: int = 700) -> Repo:
    """Hundreds of commits by two people in the window; ``stats`` from the endpoint."""
    repo = Repo(full).with_authors(n, ["ann", "bob"])
    repo.stats = stats
    return repo


def test_eco_measurable_statistics_settle_a_long_history(fake: FakeGitHub) -> None:
    recent = WINDOW_START + 30 * 86400
    fake.add(busy("org/a", [stats_entry("Cat", (recent, 4)), stats_entry("ANN", (recent, 9)),
                            stats_entry("dan", (recent, 1))]))
    fake.add(Repo("org/small").with_authors(3, FIVE))
    f = make(fake)  # the default: statistics after five pages
    f.facts("org/small")
    facts = f.facts("org/a")
    assert fake.graphql_count() == 6 and facts.requests == 5 and f.requests == 6
    assert fake.count("GET", "/repos/org/a/stats/contributors") == 1 == f.rest_requests
    assert facts.contributors == logins("ann", "bob", "cat", "dan")
    assert facts.contributors_complete is False  # the statistics count weeks, not the window


@pytest.mark.parametrize("max_pages", [1, 3])
def test_eco_measurable_statistics_after_max_pages(fake: FakeGitHub, max_pages: int) -> None:
    fake.add(busy("org/a", [stats_entry("cat", (WINDOW_START, 2))]))
    facts = make(fake, max_pages=max_pages).facts("org/a")
    assert facts.requests == max_pages == fake.graphql_count()
    assert facts.contributors == logins("ann", "bob", "cat")


def test_eco_measurable_statistics_still_computing_then_ready(fake: FakeGitHub) -> None:
    repo = fake.add(busy("org/a", [stats_entry("cat", (WINDOW_START, 2))]))
    repo.stats_202 = 2
    waits: list[float] = []
    f = make(fake, waits, max_pages=1, backoff=1)
    facts = f.facts("org/a")
    assert waits == [1, 2] and f.rest_requests == 3
    assert fake.count("GET", "/repos/org/a/stats/contributors") == 3
    assert facts.contributors == logins("ann", "bob", "cat") and facts.requests == 1


def test_eco_measurable_statistics_never_ready_pages_the_window(fake: FakeGitHub) -> None:
    repo = fake.add(busy("org/a", [stats_entry("cat", (WINDOW_START, 2))]))
    repo.stats_202 = 10**9
    waits: list[float] = []
    f = make(fake, waits, max_pages=2, retries=2, backoff=1)
    facts = f.facts("org/a")
    assert f.rest_requests == 3 == fake.count("GET", "/repos/org/a/stats/contributors")
    assert waits == [1, 2]
    assert facts.requests == 7 and facts.contributors_complete  # every page, exactly
    assert facts.contributors == logins("ann", "bob")


FIRST_WEEK = WINDOW_START - 6 * 86400  # the window starts mid-week: that week counts


@pytest.mark.parametrize(("week", "commits_in_week", "counted"), [
    (WINDOW_START + 10 * 86400, 3, True),
    (WINDOW_START, 1, True),
    (FIRST_WEEK, 1, True),  # the week the window starts in
    (FIRST_WEEK - 1, 5, False),
    (WINDOW_START - 7 * 86400, 5, False),  # the whole week before the window
    (WINDOW_START - 100 * 86400, 50, False),
    (WINDOW_START + 10 * 86400, 0, False),  # in the window, but no commits that week
])
def test_eco_measurable_statistics_weeks_of_the_window(fake: FakeGitHub, week: float,
                                                       commits_in_week: int,
                                                       counted: bool) -> None:
    fake.add(busy("org/a", [stats_entry("cat", (week, commits_in_week))]))
    assert make(fake).stats_authors("org/a") == (logins("cat") if counted else set())


def test_eco_measurable_statistics_old_commits_do_not_count(fake: FakeGitHub) -> None:
    """Commits long ago and quiet weeks in the window: not active in the window."""
    old, recent = WINDOW_START - 60 * 86400, WINDOW_START + 7 * 86400
    fake.add(busy("org/a", [stats_entry("cat", (old, 40), (recent, 0)),
                            stats_entry("dan", (old, 0), (recent, 2))]))
    assert make(fake).stats_authors("org/a") == logins("dan")


def test_eco_measurable_statistics_skip_bots_and_ghosts(fake: FakeGitHub) -> None:
    recent = WINDOW_START + 14 * 86400
    repo = busy("org/a", [
        stats_entry("dependabot[bot]", (recent, 9), kind="Bot"),
        stats_entry("release-robot", (recent, 9), kind="Bot"),
        stats_entry("renovate[bot]", (recent, 9)),
        stats_entry(None, (recent, 9)),  # a deleted account
        stats_entry("Cat", (recent, 1)),
        {"author": {"login": "quiet", "type": "User"}, "total": 0},  # no weeks at all
        {"author": {"login": "odd", "type": "User"}, "total": 3,
         "weeks": [{"a": 1, "d": 1, "c": 3}, {"w": int(recent), "a": 1, "d": 1}]},
        stats_entry("dan", (recent, 2)),
    ])
    fake.add(repo)
    assert make(fake).stats_authors("org/a") == logins("cat", "dan")


@pytest.mark.parametrize(("max_wait", "backoff", "retries", "waits", "asked"), [
    (20, 4, 10, [4, 8, 8], 4),  # 4 + 8 + 8 = 20: the cap, then no more asking
    (2, 1, 10, [1, 1], 3),
    (1, 1, 10, [1], 2),
    (120, 1, 3, [1, 2, 4], 4),  # 1 + retries requests
    (120, 0.5, 2, [0.5, 1], 3),  # short waits are waited too
])
def test_eco_periodic_statistics_waits_are_bounded(fake: FakeGitHub, max_wait: float,
                                                   backoff: float, retries: int,
                                                   waits: list[float], asked: int) -> None:
    repo = fake.add(busy("org/a", []))
    repo.stats_202 = 10**9
    slept: list[float] = []
    f = make(fake, slept, max_wait=max_wait, backoff=backoff, retries=retries)
    assert f.stats_authors("org/a") is None
    assert slept == waits and f.rest_requests == asked
    assert fake.count("GET", "/repos/org/a/stats/contributors") == asked


def test_eco_periodic_statistics_without_a_time_cap_ask_retries_times(fake: FakeGitHub) -> None:
    """--max-wait 0: nothing is waited for, but the statistics are still asked again."""
    repo = fake.add(busy("org/a", [stats_entry("cat", (WINDOW_START, 2))]))
    repo.stats_202 = 3
    slept: list[float] = []
    f = make(fake, slept, max_wait=0, backoff=1, retries=3)
    assert f.stats_authors("org/a") == logins("cat")
    assert sum(slept) == 0 and f.rest_requests == 4


def test_eco_periodic_statistics_rate_limit_stops_the_run(fake: FakeGitHub) -> None:
    fake.add(busy("org/a", []))
    fake.fail("GET", "/repos/org/a/stats/contributors", 403,
              {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(time.time()) + 9999)},
              {"message": "API rate limit exceeded for user ID 1."})
    with pytest.raises(BudgetSpent) as caught:
        make(fake).stats_authors("org/a")
    assert str(caught.value) == ("org/a: the REST rate limit is spent (403) and resets later "
                                 "than --max-wait allows")


def test_eco_periodic_statistics_refused_names_the_repository(fake: FakeGitHub) -> None:
    fake.add(busy("org/a", []))
    fake.fail("GET", "/repos/org/a/stats/contributors", 403, None,
              {"message": "Resource not accessible by integration"})
    with pytest.raises(GitHubError) as caught:
        make(fake).stats_authors("org/a")
    assert not isinstance(caught.value, BudgetSpent)
    assert str(caught.value).startswith("org/a: contributor statistics: ")
    assert "403" in str(caught.value)


def test_eco_periodic_error_on_a_later_page_names_the_project(fake: FakeGitHub) -> None:
    fake.add(Repo("org/a").with_authors(150, ["ann", "bob"]))
    fake.fail("POST", "/graphql", 200, None, {"data": {"repository": {
        "nameWithOwner": "org/a", "defaultBranchRef": {"name": "main", "target": {"history": {
            "totalCount": 150, "pageInfo": {"hasNextPage": True, "endCursor": "c:100"},
            "nodes": []}}}}}})
    fail_graphql(fake, 1, *answer([{"type": "FORBIDDEN", "message": "Resource protected"}]))
    with pytest.raises(ProjectError) as caught:
        make(fake).facts("org/a")
    assert fake.graphql_count() == 2
    assert str(caught.value) == "org/a: GraphQL error FORBIDDEN: Resource protected"


# --- the transport: transient errors, rate limits, waits ------------------------------------
@pytest.mark.parametrize(("inject", "faults", "backoff", "max_wait", "waits"), [
    ("transient", 1, 1, 120, [1]),
    ("transient", 3, 1, 120, [1, 2, 4]),
    ("transient", 3, 2, 120, [2, 4, 8]),
    ("transient", 4, 50, 120, [50, 100, 120, 120]),  # each wait capped by max_wait
    ("transient", 2, 0.5, 120, [0.5, 1]),
    ("rate-limited", 2, 1, 120, [1, 2]),  # RATE_LIMITED without a reset: the same backoff
    ("rate-limited", 3, 3, 120, [3, 6, 12]),
    ("rate-limited", 3, 50, 120, [50, 100, 120]),
])
def test_eco_periodic_transient_error_is_retried_with_backoff(
        fake: FakeGitHub, inject: str, faults: int, backoff: float, max_wait: float,
        waits: list[float]) -> None:
    fake.add(Repo("org/a", stars=321).with_authors(40, FIVE))
    (transient if inject == "transient" else rate_limited)(fake, faults)
    slept: list[float] = []
    f = make(fake, slept, backoff=backoff, max_wait=max_wait, retries=4)
    facts = f.facts("org/a")
    assert facts.stars == 321 and slept == waits and f.waited == sum(waits)


@pytest.mark.parametrize("message", [
    "Something went wrong while executing your query. Please include `AB12` when reporting.",
    "something went wrong",
    "Timeout on validation of query",
    "The query timed out.",
    "Request TIMED OUT after 10 seconds",
])
def test_eco_periodic_transient_error_wordings(fake: FakeGitHub, message: str) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    transient(fake, 1, message)
    slept: list[float] = []
    facts = make(fake, slept, backoff=1).facts("org/a")
    assert facts.found and facts.requests == 2 and slept == [1]


@pytest.mark.parametrize("error", [
    {"type": "FORBIDDEN", "message": "Timeout waiting for the organization's SSO session"},
    {"type": "INTERNAL", "message": "Something went wrong"},
    {"path": ["repository", "defaultBranchRef"], "message": "The history timed out"},
    {"message": "Field 'stargazers' doesn't exist on type 'Repository'"},
    {"message": ""},
    {},
])
def test_eco_periodic_error_about_the_repository_is_not_retried(
        fake: FakeGitHub, error: dict[str, Any]) -> None:
    """Only GitHub's own failure (no type, no field, "something went wrong" or a timeout) is
    asked again; an error GitHub classifies, or about a field, skips the project at once."""
    fake.add(Repo("org/a").with_authors(40, FIVE))
    fail_graphql(fake, 1, *answer([error]))
    slept: list[float] = []
    with pytest.raises(ProjectError) as caught:
        make(fake, slept, backoff=1).facts("org/a")
    assert fake.graphql_count() == 1 and slept == []
    kind, message = error.get("type", "ERROR"), error.get("message", "")
    assert str(caught.value) == f"org/a: GraphQL error {kind}: {message}"


def test_eco_periodic_mixed_errors_are_not_transient(fake: FakeGitHub) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    fail_graphql(fake, 1, *answer([{"message": TRANSIENT},
                                   {"type": "FORBIDDEN", "message": "Resource not accessible"}]))
    with pytest.raises(ProjectError) as caught:
        make(fake, backoff=1).facts("org/a")
    assert fake.graphql_count() == 1
    assert str(caught.value) == f"org/a: GraphQL error ERROR, FORBIDDEN: {TRANSIENT[:200]}"


def test_eco_periodic_transient_error_that_persists_is_reported(fake: FakeGitHub) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    long = "Something went wrong: " + "x" * 300
    transient(fake, 4, long)
    slept: list[float] = []
    with pytest.raises(ProjectError) as caught:
        make(fake, slept, backoff=1, retries=3).facts("org/a")
    assert slept == [1, 2, 4] and fake.graphql_count() == 4
    assert str(caught.value) == f"org/a: GraphQL error ERROR: {long[:200]}"


def test_eco_periodic_defaults_match_the_command_line(fake: FakeGitHub) -> None:
    """Four retries, backoff 1 s doubling, waits capped at 120 s."""
    fake.add(Repo("org/a").with_authors(40, FIVE))
    transient(fake, 5)
    slept: list[float] = []
    client = gh.client(base_url=fake.url, backoff=0, retries=0, raise_on_202=True)
    f = Fetcher(client, today=TODAY, window_days=90, min_contributors=5, sleep=slept.append,
                now=Clock())
    with pytest.raises(ProjectError):
        f.facts("org/a")
    assert slept == [1, 2, 4, 8] and fake.graphql_count() == 5
    fake.faults.clear()
    fake.fail("POST", "/graphql", 200, {"x-ratelimit-remaining": "0",
                                        "x-ratelimit-reset": str(int(NOW) + 119)})
    f.facts("org/a")
    assert slept[-1] == 120  # 120 s is within the default cap
    fake.fail("POST", "/graphql", 200, {"x-ratelimit-remaining": "0",
                                        "x-ratelimit-reset": str(int(NOW) + 120)})
    f.facts("org/a")
    with pytest.raises(BudgetSpent):  # 121 s is not
        f.facts("org/a")


@pytest.mark.parametrize("headers", [
    {"x-ratelimit-remaining": "0"},  # no reset time: back off
    {"x-ratelimit-remaining": "12", "x-ratelimit-reset": str(int(NOW) + 3000)},
])
def test_eco_periodic_rate_limited_waits_for_a_reset_only_when_spent(
        fake: FakeGitHub, headers: dict[str, str]) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    rate_limited(fake, 1, headers)
    slept: list[float] = []
    make(fake, slept, backoff=2).facts("org/a")
    assert slept == [2]


@pytest.mark.parametrize(("in_seconds", "waits"), [(30, [31]), (0, [1]), (119, [120])])
def test_eco_periodic_rate_limited_waits_for_the_reset(fake: FakeGitHub, in_seconds: int,
                                                       waits: list[float]) -> None:
    fake.add(Repo("org/a", stars=321).with_authors(40, FIVE))
    rate_limited(fake, 1, {"X-RateLimit-Remaining": "0",
                           "X-RateLimit-Reset": str(int(NOW) + in_seconds)})
    slept: list[float] = []
    f = make(fake, slept, max_wait=120, backoff=1)
    assert f.facts("org/a").stars == 321
    assert slept == waits and f.waited == sum(waits)


def test_eco_periodic_rate_limited_past_the_cap_stops(fake: FakeGitHub) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    reset = int(NOW) + 3600
    rate_limited(fake, 1, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(reset)})
    slept: list[float] = []
    with pytest.raises(BudgetSpent) as caught:
        make(fake, slept, max_wait=120).facts("org/a")
    assert slept == [] and caught.value.resets == reset + 1
    assert str(caught.value) == ("org/a: the GraphQL budget is spent until about 09:00 UTC, a "
                                 "wait of 3601 s, more than the cap of 120 s (--max-wait)")


@pytest.mark.parametrize(("retries", "queries"), [(0, 1), (2, 3)])
def test_eco_periodic_rate_limited_every_time_gives_up(fake: FakeGitHub, retries: int,
                                                       queries: int) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    rate_limited(fake, 5)
    slept: list[float] = []
    with pytest.raises(GitHubError):
        make(fake, slept, retries=retries, backoff=1).facts("org/a")
    assert fake.graphql_count() == queries and len(slept) == retries


@pytest.mark.parametrize(("retries", "said"), [(1, "1 retry"), (2, "2 retries")])
def test_eco_periodic_rate_limit_that_does_not_lift_stops_the_run(
        fake: FakeGitHub, retries: int, said: str) -> None:
    """The limit is not about one repository: when it does not lift after every retry (GitHub's
    reset came and went by our clock, and GitHub still refuses), the run stops and keeps what
    it read, as with any spent budget."""
    fake.add(Repo("org/a").with_authors(40, FIVE))
    rate_limited(fake, 5, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW))})
    with pytest.raises(BudgetSpent) as spent:
        make(fake, retries=retries).facts("org/a")
    assert str(spent.value).endswith(
        f": the GraphQL budget is still spent after {said}; the next run continues")


@pytest.fixture
def india_time() -> Iterator[None]:
    """The machine's clock is not in UTC."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.mark.usefixtures("india_time")
def test_eco_periodic_budget_reset_is_said_in_utc(fake: FakeGitHub) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    fake.add(Repo("org/b").with_authors(40, FIVE))
    reset = int(NOW) + 2 * 3600 - 1  # 10:00 UTC is 15:30 in India
    fake.fail("POST", "/graphql", 200, {"x-ratelimit-remaining": "0",
                                        "x-ratelimit-reset": str(reset)})
    f = make(fake, max_wait=60)
    f.facts("org/a")
    with pytest.raises(BudgetSpent) as caught:
        f.facts("org/b")
    assert "until about 10:00 UTC" in str(caught.value)


# --- the budget as every answer reports it --------------------------------------------------
@pytest.mark.parametrize(("in_seconds", "waits"), [
    (30, [31]),
    (119, [120]),  # a wait of exactly the cap is waited
    (-30, []),  # the reset has passed: nothing to wait for
])
def test_eco_periodic_spent_budget_waits_before_the_next_query(
        fake: FakeGitHub, in_seconds: int, waits: list[float]) -> None:
    fake.add(Repo("org/a", stars=321).with_authors(40, FIVE))
    fake.add(Repo("org/b", stars=654).with_authors(40, FIVE))
    fake.fail("POST", "/graphql", 200, {"X-RateLimit-Remaining": "0",
                                        "X-RateLimit-Reset": str(int(NOW) + in_seconds)},
              {"data": {"repository": None}})
    slept: list[float] = []
    f = make(fake, slept, max_wait=120)
    assert not f.facts("org/a").found  # the answer is kept
    assert [w for w in slept if w] == waits and f.waited == sum(waits)
    assert f.facts("org/b").stars == 654
    assert [w for w in slept if w] == waits  # a normal answer costs no wait


def test_eco_periodic_spent_budget_past_the_cap_stops_before_asking(fake: FakeGitHub) -> None:
    fake.add(Repo("org/a", stars=321).with_authors(40, FIVE))
    fake.add(Repo("org/b").with_authors(40, FIVE))
    reset = int(NOW) + 120  # a wait of 121 s, one more than the cap
    fake.fail("POST", "/graphql", 200, {"x-ratelimit-remaining": "0",
                                        "x-ratelimit-reset": str(reset)},
              {"data": {"repository": {"nameWithOwner": "org/a", "stargazerCount": 321}}})
    slept: list[float] = []
    clock = Clock()
    f = make(fake, slept, max_wait=120, now=clock)
    assert f.facts("org/a").stars == 321  # what was read is kept
    with pytest.raises(BudgetSpent) as caught:
        f.facts("org/b")
    assert fake.graphql_count() == 1 and slept == []
    assert caught.value.resets == reset + 1
    assert str(caught.value).startswith("org/b: the GraphQL budget is spent until about ")
    assert "a wait of 121 s, more than the cap of 120 s (--max-wait)" in str(caught.value)
    with pytest.raises(BudgetSpent):  # still spent: still nothing asked
        f.facts("org/b")
    assert fake.graphql_count() == 1
    clock.t = reset + 10  # a later run, after the reset
    assert f.facts("org/b").found and fake.graphql_count() == 2
    assert f.facts("org/b").found and fake.graphql_count() == 3 and sum(slept) == 0


@pytest.mark.parametrize("headers", [
    {"x-ratelimit-remaining": "1", "x-ratelimit-reset": str(int(NOW) + 30)},
    {"x-ratelimit-remaining": "0"},
    {"x-ratelimit-reset": str(int(NOW) + 30)},
])
def test_eco_periodic_budget_not_spent_costs_no_wait(fake: FakeGitHub,
                                                     headers: dict[str, str]) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    fake.add(Repo("org/b").with_authors(40, FIVE))
    fake.fail("POST", "/graphql", 200, headers, {"data": {"repository": None}})
    slept: list[float] = []
    f = make(fake, slept, max_wait=120)
    f.facts("org/a")
    assert f.facts("org/b").found
    assert slept == [] and f.waited == 0 and fake.graphql_count() == 2


# --- answers that are not answers -----------------------------------------------------------
def test_eco_periodic_rest_rate_limit_on_graphql_stops_the_run(fake: FakeGitHub) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    fake.fail("POST", "/graphql", 403, {"x-ratelimit-remaining": "0",
                                        "x-ratelimit-reset": str(int(time.time()) + 9999)},
              {"message": "API rate limit exceeded for user ID 1."})
    with pytest.raises(BudgetSpent) as caught:
        make(fake, max_wait=90).facts("org/a")
    assert str(caught.value) == ("org/a: the GraphQL budget is spent (403) and resets later "
                                 "than --max-wait (90 s) allows")


@pytest.mark.parametrize(("status", "body", "said"), [
    (502, {"message": "Bad Gateway"}, "org/a: GitHub answered 502: Bad Gateway"),
    (502, {}, "org/a: GitHub answered 502"),
    (401, {"message": "Bad credentials"}, "org/a: GitHub answered 401: Bad credentials"),
    (400, {"message": "Problems parsing JSON"},
     "org/a: GitHub answered 400: Problems parsing JSON"),
    (400, {"message": "Invalid", "errors": "not a list"}, "org/a: GitHub answered 400: Invalid"),
    (422, {"message": "Unprocessable", "errors": [{"type": "X", "message": "m"}]},
     "org/a: GitHub answered 422: Unprocessable"),
])
def test_eco_periodic_error_answers_are_reported(fake: FakeGitHub, status: int, body: Any,
                                                 said: str) -> None:
    fake.add(Repo("org/a").with_authors(40, FIVE))
    fake.fail("POST", "/graphql", status, None, body)
    slept: list[float] = []
    with pytest.raises(GitHubError) as caught:
        make(fake, slept, client_retries=0, backoff=1).facts("org/a")
    assert not isinstance(caught.value, (ProjectError, BudgetSpent))
    assert str(caught.value) == said and slept == []


class Silent:
    """A server that accepts connections and then says nothing, or answers garbage."""

    def __init__(self, reply: bytes | None) -> None:
        self.reply = reply
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            if self.reply is not None:
                conn.recv(65536)
                conn.sendall(self.reply)

    def close(self) -> None:
        for c in self.conns:
            c.close()
        self.sock.close()


def raw_fetcher(url: str) -> Fetcher:
    client = github.Github(base_url=url, timeout=1, retry=None)
    return Fetcher(client, today=TODAY, window_days=90, min_contributors=5, backoff=0,
                   sleep=lambda s: None, now=Clock())


BAD_GZIP = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
            b"Content-Length: 9\r\nConnection: close\r\n\r\nnot gzip!")


EMPTY_502 = (b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


UNREACHABLE = ("org/a: cannot reach GitHub ({}); check the network, or the API URL "
               "(--github-api, $CHARTER_GITHUB_API)")


@pytest.mark.parametrize(("reply", "said"), [
    (None, UNREACHABLE.format("timed out")),
    (BAD_GZIP, UNREACHABLE.format("request failed")),
    (EMPTY_502, "org/a: GitHub answered 502"),  # a load balancer's 502 with no body at all
], ids=["timeout", "bad-gzip", "empty-502"])
def test_eco_periodic_network_failures_are_said_plainly(reply: bytes | None, said: str) -> None:
    server = Silent(reply)
    try:
        with pytest.raises(GitHubError) as caught:
            raw_fetcher(server.url).facts("org/a")
    finally:
        server.close()
    assert str(caught.value) == said


def test_eco_periodic_no_connection_is_said_plainly() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()  # nobody listens there
    with pytest.raises(GitHubError) as caught:
        raw_fetcher(url).facts("org/a")
    assert "org/a: cannot reach GitHub (no connection);" in str(caught.value)
