"""ECO-PERIODIC, ECO-MEASURABLE, ECO-LAYOUT, ECO-FUNCTIONAL, ECO-OFFBOARD against a fake GitHub."""

from __future__ import annotations

from pathlib import Path

import pytest
from eco_fakegithub import FakeGitHub, Repo
from eco_helpers import (
    FIVE,
    GOVERNANCE,
    healthy,
    project,
    read_project,
    review,
    write_project,
)

from charter.load import load
from charter.rules import run as run_rules
from charter.tree import FsTree

TODAY = "2026-11-21"




def clean_state(root: Path) -> None:
    """The written records load without schema errors and break no ECO rule."""
    state, findings = load(FsTree(root))
    findings += list(run_rules(state))
    bad = [f for f in findings if f.rule.startswith(("SCHEMA", "YAML", "ECO-"))
           and f.severity.value == "error"]
    assert bad == []


# --- the measurable thresholds, each at its boundary ---------------------------------------
@pytest.mark.parametrize(("stars", "commits", "authors", "maintainers", "failing"), [
    (200, 30, 5, 2, None),
    (199, 30, 5, 2, "199 stars"),
    (200, 29, 5, 2, "29 commits"),
    (200, 30, 4, 2, "4 contributors"),
    (200, 30, 5, 1, "1 core maintainer"),
])
def test_eco_measurable_boundaries(charter, fake, eco_repo, stars, commits, authors,
                                   maintainers, failing) -> None:
    write_project(eco_repo, project("alpha", "org/alpha",
                                    maintainers=("m-one", "m-two")[:maintainers]))
    repo = fake.add(Repo("org/alpha", stars=stars).with_authors(commits, FIVE[:authors]))
    # a bot's commits never count as a contributor
    repo.commits += [(None, "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")]
    repo.commits = repo.commits[:commits]  # keep the commit count at the boundary
    code, out, err = review(charter, fake, eco_repo, "--format", "json")
    assert code == 0, err
    import json

    [o] = json.loads(out)
    assert o["review"]["metrics"]["stars"] == stars
    assert o["review"]["metrics"]["commits_90d"] == commits
    assert o["review"]["metrics"]["contributors_90d"] == authors
    if failing is None:
        assert o["review"]["results"]["ECO-MEASURABLE"] == "pass"
        assert o["step"] == "pass"
    else:
        assert o["review"]["results"]["ECO-MEASURABLE"] == "fail"
        assert any(failing in n for n in o["review"]["notes"])
        assert o["step"] == "notify"
    assert fake.graphql_count() == 1


def test_eco_measurable_bots_excluded(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    repo = fake.add(Repo("org/alpha").with_authors(36, FIVE[:4]))
    repo.commits += [("renovate[bot]", "renovate[bot]", "bot@renovateapp.com"),
                     (None, "github-actions[bot]", "41898282+github-actions[bot]@users.noreply"
                      ".github.com")]
    code, out, _ = review(charter, fake, eco_repo)
    assert code == 0
    assert "4 contributors active" in out


# --- paging ---------------------------------------------------------------------------------
def test_eco_more_than_100_commits_pages_only_while_undecided(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("big", "org/big"))
    write_project(eco_repo, project("many", "org/many"))
    # big: the first 100 commits come from 3 people, the 2 others are further back
    big = fake.add(Repo("org/big").with_authors(150, FIVE[:3]))
    big.commits += [("dan", "Dan", "dan@x.org"), ("eve", "Eve", "eve@x.org")]
    # many: 250 commits, 5 authors in the first page: no paging needed
    fake.add(Repo("org/many").with_authors(250, FIVE))
    code, out, err = review(charter, fake, eco_repo, "--format", "json")
    assert code == 0, err
    import json

    by = {o["slug"]: o for o in json.loads(out)}
    assert by["big"]["review"]["metrics"]["contributors_90d"] == 5
    assert by["big"]["review"]["metrics"]["commits_90d"] == 152
    assert by["big"]["step"] == "pass"
    assert by["many"]["review"]["metrics"]["commits_90d"] == 250
    assert by["many"]["review"]["metrics"]["contributors_counted"] == "until the threshold was met"
    assert fake.graphql_count() == 2 + 1  # big: 2 pages, many: 1


def test_eco_exact_contributors_pages_everything(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("many", "org/many"))
    fake.add(Repo("org/many").with_authors(250, FIVE))
    code, _out, _ = review(charter, fake, eco_repo, "--exact-contributors")
    assert code == 0
    assert fake.graphql_count() == 3


def test_eco_statistics_202_then_answer(charter, fake, eco_repo) -> None:
    """Hundreds of commits by two people: after 5 pages one /stats/contributors settles it."""
    write_project(eco_repo, project("huge", "org/huge"))
    repo = fake.add(Repo("org/huge").with_authors(700, ["ann", "bob"]))
    week = 1_790_000_000  # a week inside the window (2026-09-20)
    repo.stats = [{"author": {"login": n, "type": "User"}, "total": 9,
                   "weeks": [{"w": week, "a": 1, "d": 0, "c": 3}]} for n in FIVE]
    repo.stats.append({"author": {"login": "dependabot[bot]", "type": "Bot"}, "total": 9,
                       "weeks": [{"w": week, "a": 1, "d": 0, "c": 3}]})
    repo.stats_202 = 2
    code, out, err = review(charter, fake, eco_repo)
    assert code == 0, err
    assert "huge: pass" in out
    assert fake.count("GET", "/repos/org/huge/stats/contributors") == 3  # 202, 202, 200
    assert fake.graphql_count() == 5


# --- layout ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("root", "github_dir", "docs_dir", "missing"), [
    (["LICENSE.md", "README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md"], ["CODEOWNERS"], [],
     None),
    (["COPYING", "README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md"], [], ["CODEOWNERS"], None),
    (["LICENSE", "README.md", "CODE_OF_CONDUCT.md"], ["CODEOWNERS", "CONTRIBUTING.md"], [],
     "CONTRIBUTING.md"),
    (["README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "CODEOWNERS"], [], [],
     "licence file"),
    (["LICENSE", "README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md"], [], [], "CODEOWNERS"),
])
def test_eco_layout_files(charter, fake, eco_repo, root, github_dir, docs_dir, missing) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha", root=root, github_dir=github_dir, docs_dir=docs_dir))
    code, out, _ = review(charter, fake, eco_repo)
    assert code == 0
    if missing is None:
        assert "ECO-LAYOUT pass" in out
    else:
        assert "ECO-LAYOUT fail" in out
        assert f"missing {missing}" in out


# --- repository state -----------------------------------------------------------------------
def test_eco_archived_repository_fails_functional(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha", archived=True))
    code, out, _ = review(charter, fake, eco_repo)
    assert code == 0
    assert "ECO-FUNCTIONAL fail" in out and "archived" in out


@pytest.mark.parametrize(("ci", "word"), [(None, "no CI"), ("FAILURE", "CI is failing")])
def test_eco_ci_missing_or_failing(charter, fake, eco_repo, ci, word) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha", ci=ci, workflows=[]))
    _code, out, _ = review(charter, fake, eco_repo)
    assert "ECO-FUNCTIONAL fail" in out and word in out


def test_eco_renamed_repository_is_followed(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha", renamed_to="neworg/alpha-ml"))
    code, _out, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    data = read_project(eco_repo, "alpha")
    assert data["repository"] == "neworg/alpha-ml"
    assert data["reviews"][-1]["metrics"]["renamed_to"] == "neworg/alpha-ml"
    clean_state(eco_repo)


def test_eco_missing_repository_is_a_shortfall(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("gone", "org/gone"))
    code, out, _ = review(charter, fake, eco_repo)
    assert code == 0
    assert "cannot be found" in out and "gone: notify" in out


# --- retries --------------------------------------------------------------------------------
def test_eco_5xx_is_retried(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha"))
    fake.fail("POST", "/graphql", 502, body={"message": "Server Error"})
    fake.fail("POST", "/graphql", 503, body={"message": "Service Unavailable"})
    code, out, err = review(charter, fake, eco_repo)
    assert code == 0, err
    assert "alpha: pass" in out
    assert fake.graphql_count() == 3


def test_eco_secondary_rate_limit_403_is_retried(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha"))
    fake.fail("POST", "/graphql", 403, body={
        "message": "You have exceeded a secondary rate limit. Please wait a few minutes before "
                   "you try again.",
        "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"})
    code, _out, err = review(charter, fake, eco_repo, "--max-wait", "0")
    assert code == 0, err
    assert fake.graphql_count() == 2


def test_eco_429_retry_after_is_honoured_and_capped(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha"))
    fake.fail("POST", "/graphql", 429, {"Retry-After": "0"}, {"message": "Too Many Requests"})
    code, _out, err = review(charter, fake, eco_repo)
    assert code == 0, err
    assert fake.graphql_count() == 2


def test_eco_rate_limit_reset_beyond_cap_stops_cleanly(charter, fake, eco_repo) -> None:
    """A reset further away than --max-wait ends the run with one line, never a hang."""
    import time

    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha"))
    fake.fail("POST", "/graphql", 200,
              {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(time.time()) + 3600)},
              {"data": None, "errors": [{"type": "RATE_LIMITED",
                                         "message": "API rate limit exceeded for user ID 1."}]})
    code, _out, err = review(charter, fake, eco_repo)
    assert code == 1
    assert "more than the cap" in err and "Traceback" not in err
    assert fake.graphql_count() == 1


def test_eco_graphql_primary_rate_limit_waits_for_reset(charter, fake, eco_repo) -> None:
    import time

    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha"))
    fake.fail("POST", "/graphql", 200,
              {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(time.time()) - 5)},
              {"data": None, "errors": [{"type": "RATE_LIMITED",
                                         "message": "API rate limit exceeded for user ID 1."}]})
    code, _out, err = review(charter, fake, eco_repo)
    assert code == 0, err
    assert fake.graphql_count() == 2


def test_eco_server_errors_exhaust_retries(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha"))
    for _ in range(5):
        fake.fail("POST", "/graphql", 500, body={"message": "boom"})
    code, _, err = review(charter, fake, eco_repo, "--retries", "4")
    assert code == 1
    assert "GitHub answered 500" in err
    assert fake.graphql_count() == 5


# --- notices, dry run, grace period, retirement ---------------------------------------------
def _short(fake: FakeGitHub, full: str = "org/alpha") -> Repo:
    return fake.add(Repo(full, stars=50).with_authors(40, FIVE))


def test_eco_dry_run_writes_nothing(charter, fake, eco_repo) -> None:
    path = write_project(eco_repo, project("alpha", "org/alpha"))
    before = path.read_bytes()
    _short(fake)
    code, out, err = review(charter, fake, eco_repo)
    assert code == 0
    assert "would open an issue" in out and "dry run" in err
    assert fake.count("POST", "/repos/") == 0 and fake.count("PATCH") == 0
    assert path.read_bytes() == before


def test_eco_notice_then_reminder_then_retirement(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    _short(fake)
    code, out, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    issues = fake.issues[GOVERNANCE]
    assert len(issues) == 1
    assert ("<!-- charter:ecosystem-review slug=alpha opened=2026-11-21 deadline=2026-12-21 -->"
            in issues[0]["body"])
    assert "@dana-frost @eli-moss" in issues[0]["body"] and "2026-12-21" in issues[0]["body"]
    data = read_project(eco_repo, "alpha")
    assert data["notice"] == {"issue": 1, "opened": TODAY, "deadline": "2026-12-21",
                              "reasons": data["notice"]["reasons"]}
    assert data["reviews"][-1]["results"]["ECO-MEASURABLE"] == "fail"
    clean_state(eco_repo)

    # a second run within the grace period updates the issue, never opens another
    code, out, err = review(charter, fake, eco_repo, "--apply", today="2026-12-05")
    assert code == 0, err
    assert len(fake.issues[GOVERNANCE]) == 1
    assert fake.count("PATCH", "/repos/lumen-ml/governance/issues/1") == 1
    assert "2026-12-05" in fake.issues[GOVERNANCE][0]["body"]
    assert read_project(eco_repo, "alpha")["notice"]["opened"] == TODAY

    # the same day again: nothing is due, nothing happens
    code, out, err = review(charter, fake, eco_repo, "--apply", today="2026-12-05")
    assert "0 project(s) to review" in err
    # on the deadline itself the project still has its chance
    code, out, err = review(charter, fake, eco_repo, "--apply", today="2026-12-21")
    assert "alpha: remind" in out

    # after the deadline, still short: retired, offboarding notice, notice closed
    code, out, err = review(charter, fake, eco_repo, "--apply", today="2026-12-22")
    assert code == 0, err
    issues = fake.issues[GOVERNANCE]
    assert len(issues) == 2
    assert issues[1]["labels"] == ["ecosystem-offboarding"]
    assert "remove references to ecosystem membership" in issues[1]["body"]
    assert issues[0]["state"] == "closed"
    assert "retired" in fake.comments[(GOVERNANCE, 1)][0]
    data = read_project(eco_repo, "alpha")
    assert data["status"] == "retired"
    assert data["retired"]["offboarding_issue"] == 2
    assert "notice" not in data
    assert data["decisions"][-1]["outcome"] == "retired"
    clean_state(eco_repo)


def test_eco_fixed_within_grace_closes_notice(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    repo = _short(fake)
    review(charter, fake, eco_repo, "--apply")
    repo.stars = 900
    code, out, err = review(charter, fake, eco_repo, "--apply", today="2026-12-10")
    assert code == 0, err
    assert "alpha: resolve" in out
    assert fake.issues[GOVERNANCE][0]["state"] == "closed"
    data = read_project(eco_repo, "alpha")
    assert "notice" not in data and data["status"] == "active"
    clean_state(eco_repo)


def test_eco_crash_after_issue_opened_does_not_double_notify(charter, fake, eco_repo) -> None:
    """GitHub opened the issue but the answer was lost, and the run stopped there (no retries
    allowed): the re-run finds it by its marker."""
    write_project(eco_repo, project("alpha", "org/alpha"))
    _short(fake)
    fake.fail("POST", f"/repos/{GOVERNANCE}/issues", 502, body={"message": "Bad Gateway"},
              then_perform=True)
    code, _, err = review(charter, fake, eco_repo, "--apply", "--retries", "0")
    assert code == 1 and "opening an issue" in err
    assert len(fake.issues[GOVERNANCE]) == 1
    assert "notice" not in read_project(eco_repo, "alpha")
    code, _out, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert len(fake.issues[GOVERNANCE]) == 1
    assert read_project(eco_repo, "alpha")["notice"]["issue"] == 1


def test_eco_crash_mid_run_resumes_without_redoing(charter, fake, eco_repo) -> None:
    """The run dies while acting on the second project; the re-run does only what is left."""
    for slug in ("aaa", "bbb", "ccc"):
        write_project(eco_repo, project(slug, f"org/{slug}"))
    fake.add(healthy("org/aaa"))
    _short(fake, "org/bbb")
    fake.add(healthy("org/ccc"))
    fake.fail("POST", f"/repos/{GOVERNANCE}/issues", 500, body={"message": "Server Error"})
    code, _, err = review(charter, fake, eco_repo, "--apply", "--retries", "0")
    assert code == 1 and "opening an issue" in err and "500" in err
    assert "2 project(s) remain (bbb, ccc)" in err
    assert read_project(eco_repo, "aaa")["reviews"][-1]["date"] == TODAY
    assert "reviews" not in read_project(eco_repo, "bbb")
    assert "reviews" not in read_project(eco_repo, "ccc")
    assert fake.issues.get(GOVERNANCE, []) == []
    fake.log.clear()
    code, _out, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert "2 project(s) to review" in err  # aaa was recorded today
    assert fake.graphql_count() == 2
    assert len(fake.issues[GOVERNANCE]) == 1
    assert read_project(eco_repo, "bbb")["notice"]["issue"] == 1
    assert read_project(eco_repo, "ccc")["reviews"][-1]["results"]["ECO-LAYOUT"] == "pass"


def test_eco_crash_while_reading_writes_nothing(charter, fake, eco_repo) -> None:
    """A failure while reading GitHub stops the run before anything is written."""
    paths = [write_project(eco_repo, project(s, f"org/{s}")) for s in ("aaa", "bbb")]
    before = [p.read_bytes() for p in paths]
    fake.add(Repo("org/aaa", stars=1).with_authors(40, FIVE))
    fake.add(healthy("org/bbb"))
    calls = {"n": 0}
    original = fake.graphql

    def fail_second(payload):
        calls["n"] += 1
        return (401, {}, {"message": "Bad credentials"}) if calls["n"] == 2 else original(payload)

    fake.graphql = fail_second  # type: ignore[method-assign]
    code, _, err = review(charter, fake, eco_repo, "--apply")
    assert code == 1 and "401" in err and "Bad credentials" in err
    assert [p.read_bytes() for p in paths] == before
    assert fake.count("POST", "/repos/") == 0


def test_eco_bulk_shortfall_is_refused(charter, fake, eco_repo) -> None:
    """Most projects failing at once smells of a broken token, not a broken ecosystem."""
    for i in range(5):
        write_project(eco_repo, project(f"p{i}", f"org/p{i}"))  # none exists on GitHub
    code, _, err = review(charter, fake, eco_repo, "--apply")
    assert code == 1 and "refusing to write in bulk" in err
    assert fake.count("POST", "/repos/") == 0
    code, _, err = review(charter, fake, eco_repo, "--apply", "--max-shortfall", "100")
    assert code == 0, err
    assert len(fake.issues[GOVERNANCE]) == 5


def test_eco_only_due_projects_are_reviewed(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("fresh", "org/fresh", accepted="2026-10-01"))
    write_project(eco_repo, project("due", "org/due", accepted="2026-05-21"))
    fake.add(healthy("org/fresh"))
    fake.add(healthy("org/due"))
    code, out, err = review(charter, fake, eco_repo)
    assert code == 0, err
    assert "due: pass" in out and "fresh" not in out
    _code, out, _err = review(charter, fake, eco_repo, "--all")
    assert "fresh: pass" in out
    _code, out, _err = review(charter, fake, eco_repo, "fresh")
    assert "fresh: pass" in out and "due:" not in out


def test_eco_periodic_record_keeps_comments_and_untouched_lines(charter, fake, eco_repo) -> None:
    path = write_project(eco_repo, project("alpha", "org/alpha"))
    original = "# Alpha joined in January; ask dana-frost about the roadmap.\n" + \
        path.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    fake.add(healthy("org/alpha"))
    code, _, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)  # every earlier line byte for byte, the review appended
    assert read_project(eco_repo, "alpha")["reviews"][0]["results"] == {
        "ECO-MEASURABLE": "pass", "ECO-LAYOUT": "pass", "ECO-FUNCTIONAL": "pass"}


def test_eco_graphql_error_on_one_project_skips_it_and_goes_on(charter, fake, eco_repo) -> None:
    for slug in ("aaa", "bbb"):
        write_project(eco_repo, project(slug, f"org/{slug}"))
    fake.add(healthy("org/bbb"))
    fake.fail("POST", "/graphql", 200, body={"data": {"repository": None}, "errors": [
        {"type": "FORBIDDEN", "path": ["repository"],
         "message": "Resource protected by organization SAML enforcement."}]})
    code, out, err = review(charter, fake, eco_repo, "--apply")
    assert code == 1
    assert "not reviewed: aaa" in err and "FORBIDDEN" in err
    assert "bbb: pass" in out
    assert "reviews" not in read_project(eco_repo, "aaa")
    assert read_project(eco_repo, "bbb")["reviews"][-1]["date"] == TODAY


@pytest.mark.parametrize("reviews_last", [True, False])
def test_eco_periodic_second_review_appends_whatever_the_layout(charter, fake, eco_repo,
                                                                reviews_last) -> None:
    """The review is appended as text when ``reviews`` ends the file, by round trip otherwise;
    both give the same data and keep the earlier lines."""
    data = project("alpha", "org/alpha", reviews=[{
        "date": "2026-05-01", "reviewer": "charter ecosystem review",
        "metrics": {"stars": 900}, "results": {"ECO-MEASURABLE": "pass"}}])
    if not reviews_last:
        data["functional"] = data.pop("functional")  # the evidence after the reviews
    path = write_project(eco_repo, data)
    before = path.read_text(encoding="utf-8")
    fake.add(healthy("org/alpha"))
    code, _, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    if reviews_last:
        assert after.startswith(before)
    else:
        assert after.split("reviews:")[0] == before.split("reviews:")[0]
    got = read_project(eco_repo, "alpha")
    assert [r["date"] for r in got["reviews"]] == ["2026-05-01", TODAY]
    assert got["reviews"][1]["metrics"]["commits_90d"] == 40
    assert (list(got)[-1] == "reviews") is reviews_last
    clean_state(eco_repo)


def test_eco_periodic_text_append_only_when_provably_safe(eco_repo) -> None:
    from charter.ecosystem import records
    from charter.roundtrip import new

    entry = records.block({"date": TODAY, "reviewer": "charter ecosystem review",
                           "metrics": {"stars": 1}, "results": {"ECO-LAYOUT": "pass"}})
    old_review = {"date": "2026-05-01", "results": {"ECO-LAYOUT": "pass"}}
    shipped = eco_repo / "ecosystem" / "shipped.yaml"
    shipped.write_bytes(new(records.block(project("shipped", reviews=[old_review]))))
    before = shipped.read_bytes()
    assert records.append_review(shipped, entry) is not None
    assert shipped.read_bytes().startswith(before)
    assert read_project(eco_repo, "shipped")["reviews"][1]["date"] == TODAY
    # PyYAML's flat lists, or reviews followed by another key: the caller must round-trip
    flat = write_project(eco_repo, project("flat", reviews=[old_review]))
    inner = write_project(eco_repo, project("inner", reviews=[old_review], notice={
        "issue": 1, "opened": "2026-11-01", "deadline": "2026-12-01"}))
    for path in (flat, inner):
        raw = path.read_bytes()
        assert records.append_review(path, entry) is None
        assert path.read_bytes() == raw
