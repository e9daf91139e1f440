"""The periodic review under faults and boundary data (issue 15), against the fake GitHub.

Each test reproduces one way the review used to go wrong: an unidentifiable licence passing, a
grace period restarting, a comment posted twice, a transient GraphQL error failing the run,
statistics that stay 202 hanging it, and a spent GraphQL budget losing every project read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from eco_fakegithub import FakeGitHub, Repo
from eco_helpers import (
    FIVE,
    GOVERNANCE,
    accepted_evidence,
    healthy,
    project,
    read_project,
    review,
    write_project,
)

from charter.ecosystem import notify

TODAY = "2026-11-21"
TRANSIENT = ("Something went wrong while executing your query. This may be the result of a "
             "timeout, or it could be a GitHub bug. Please include `D1C2:3B4A:5F6E:7D8C:9A0B` "
             "when reporting this issue.")




def short(full: str) -> Repo:
    return Repo(full, stars=50).with_authors(40, FIVE)


def days_after(day: str, n: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=n)).isoformat()


# --- 1. an unidentifiable licence is never a pass -------------------------------------------
@pytest.mark.parametrize("licence", ["NOASSERTION", "OTHER", None])
def test_eco_functional_unidentified_licence_is_a_shortfall(charter, fake, eco_repo,
                                                             licence) -> None:
    write_project(eco_repo, project("alpha", "org/alpha", functional=accepted_evidence(
        "2026-01-14", without=("licence",))))
    fake.add(healthy("org/alpha", licence=licence))
    code, out, err = review(charter, fake, eco_repo, "--format", "json")
    assert code == 0, err
    [o] = json.loads(out)
    assert o["review"]["results"]["ECO-FUNCTIONAL"] == "fail"
    assert o["step"] == "notify"
    [reason] = [n for n in o["review"]["notes"] if n.startswith("ECO-FUNCTIONAL")]
    assert "cannot be identified" in reason and "confirm" in reason
    assert o["review"]["metrics"]["licence"] == licence


def test_eco_functional_unidentified_licence_confirmed_by_a_person(charter, fake,
                                                                   eco_repo) -> None:
    """A working-group member's recorded confirmation is the evidence GitHub could not give."""
    write_project(eco_repo, project("alpha", "org/alpha", functional={"licence": {
        "met": True, "evidence": "LICENSE is BSD-3-Clause with the project's name added",
        "reviewer": "yuki-sato", "date": "2026-01-10"}}))
    fake.add(healthy("org/alpha", licence="NOASSERTION"))
    code, out, err = review(charter, fake, eco_repo, "--format", "json")
    assert code == 0, err
    [o] = json.loads(out)
    assert o["review"]["results"]["ECO-FUNCTIONAL"] == "pass"
    assert any("confirmed as allowed by yuki-sato" in n for n in o["review"]["notes"])


def test_eco_functional_disallowed_licence_fails_even_when_once_confirmed(charter, fake,
                                                                         eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha", functional={"licence": {
        "met": True, "evidence": "MIT at application", "reviewer": "yuki-sato"}}))
    fake.add(healthy("org/alpha", licence="GPL-3.0"))
    code, out, _ = review(charter, fake, eco_repo)
    assert code == 0
    assert "ECO-FUNCTIONAL fail" in out and "GPL-3.0" in out


def test_eco_functional_pending_ci_is_unknown_then_a_shortfall(charter, fake, eco_repo) -> None:
    """An unknown never passes: the project is looked at again at the next run, and a criterion
    still unknown grace_days after it was first recorded becomes a shortfall."""
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha", ci="PENDING"))
    code, out, err = review(charter, fake, eco_repo, "--apply", "--format", "json")
    assert code == 0, err
    [o] = json.loads(out)
    assert o["review"]["results"]["ECO-FUNCTIONAL"] == "unknown" and o["step"] == "pass"
    # due again at the next run, not in six months
    code, out, err = review(charter, fake, eco_repo, "--apply", "--format", "json",
                            today=days_after(TODAY, 10))
    [o] = json.loads(out)
    assert o["review"]["results"]["ECO-FUNCTIONAL"] == "unknown" and o["step"] == "pass"
    code, out, err = review(charter, fake, eco_repo, "--apply", "--format", "json",
                            today=days_after(TODAY, 30))
    [o] = json.loads(out)
    assert o["review"]["results"]["ECO-FUNCTIONAL"] == "fail" and o["step"] == "notify"
    assert any("unknown since 2026-11-21" in n for n in o["review"]["notes"])


# --- 2. the grace period runs from the open notice ------------------------------------------
def _legacy_notice(fake: FakeGitHub, slug: str, created: str) -> dict:
    """A notice opened by an earlier run whose records never landed (the older marker)."""
    body = (f"{notify.marker(notify.REVIEW, slug)}\n@dana-frost @eli-moss: the periodic review "
            "found what needs fixing.")
    return fake.open_issue(GOVERNANCE, f"Ecosystem review: {slug.title()} falls short", body,
                           ["ecosystem-review"], created_at=f"{created}T06:00:00Z")


def test_eco_periodic_open_notice_is_evidence_of_the_grace_period(charter, fake,
                                                                  eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(short("org/alpha"))
    _legacy_notice(fake, "alpha", days_after(TODAY, -40))
    code, out, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert "alpha: retire (deadline 2026-11-11)" in out
    issues = fake.issues[GOVERNANCE]
    assert issues[0]["state"] == "closed" and len(issues) == 2
    data = read_project(eco_repo, "alpha")
    assert data["status"] == "retired" and data["retired"]["offboarding_issue"] == 2


def test_eco_periodic_lost_records_do_not_restart_the_grace_period(charter, fake,
                                                                   eco_repo) -> None:
    """Run 1 opens a notice, but its records pull request never lands; the runs after it keep
    the first deadline."""
    path = write_project(eco_repo, project("alpha", "org/alpha"))
    before = path.read_bytes()
    fake.add(short("org/alpha"))
    code, _, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    path.write_bytes(before)  # the records never landed
    code, out, err = review(charter, fake, eco_repo, "--apply", today=days_after(TODAY, 10))
    assert code == 0, err
    assert "alpha: remind (deadline 2026-12-21)" in out
    assert read_project(eco_repo, "alpha")["notice"] == {
        "issue": 1, "opened": TODAY, "deadline": "2026-12-21",
        "reasons": read_project(eco_repo, "alpha")["notice"]["reasons"]}
    path.write_bytes(before)  # lost again
    code, out, err = review(charter, fake, eco_repo, "--apply", today=days_after(TODAY, 31))
    assert code == 0, err
    assert "alpha: retire (deadline 2026-12-21)" in out
    assert len([i for i in fake.issues[GOVERNANCE] if "offboarding" in i["labels"][0]]) == 1


def test_eco_periodic_open_notice_closed_when_fixed_even_without_record(charter, fake,
                                                                        eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha"))
    _legacy_notice(fake, "alpha", days_after(TODAY, -10))
    code, out, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert "alpha: resolve" in out
    assert fake.issues[GOVERNANCE][0]["state"] == "closed"
    assert len(fake.comments[(GOVERNANCE, 1)]) == 1


def test_eco_periodic_closed_notice_starts_a_new_grace_period(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(short("org/alpha"))
    issue = _legacy_notice(fake, "alpha", days_after(TODAY, -200))
    issue["state"] = "closed"
    code, out, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert "alpha: notify (deadline 2026-12-21)" in out
    assert issue["state"] == "open" and len(fake.issues[GOVERNANCE]) == 1


# --- 3. every write idempotent by a marker; write faults retried where safe -----------------
def _noticed(charter, fake: FakeGitHub, root: Path) -> None:
    """alpha has an open notice (issue #1), recorded; GitHub now shows it fixed."""
    write_project(root, project("alpha", "org/alpha"))
    repo = fake.add(short("org/alpha"))
    code, _, err = review(charter, fake, root, "--apply")
    assert code == 0, err
    repo.stars = 900


def test_eco_periodic_close_failing_then_rerun_comments_once(charter, fake, eco_repo) -> None:
    _noticed(charter, fake, eco_repo)
    for _ in range(3):  # more 5xx than the run retries
        fake.fail("PATCH", f"/repos/{GOVERNANCE}/issues/1", 502, body={"message": "Bad Gateway"})
    code, _, err = review(charter, fake, eco_repo, "--apply", "--retries", "2",
                          today="2026-12-10")
    assert code == 1 and "502" in err
    assert fake.issues[GOVERNANCE][0]["state"] == "open"
    fake.faults.clear()  # GitHub is well again
    code, out, err = review(charter, fake, eco_repo, "--apply", today="2026-12-10")
    assert code == 0, err
    assert "alpha: resolve" in out
    assert fake.issues[GOVERNANCE][0]["state"] == "closed"
    assert len(fake.comments[(GOVERNANCE, 1)]) == 1


def test_eco_periodic_close_5xx_is_retried(charter, fake, eco_repo) -> None:
    _noticed(charter, fake, eco_repo)
    fake.fail("PATCH", f"/repos/{GOVERNANCE}/issues/1", 502, body={"message": "Bad Gateway"},
              then_perform=True)
    fake.fail("PATCH", f"/repos/{GOVERNANCE}/issues/1", 503, body={"message": "Unavailable"})
    code, _, err = review(charter, fake, eco_repo, "--apply", today="2026-12-10")
    assert code == 0, err
    assert fake.issues[GOVERNANCE][0]["state"] == "closed"
    assert len(fake.comments[(GOVERNANCE, 1)]) == 1
    assert "notice" not in read_project(eco_repo, "alpha")


def test_eco_periodic_comment_answer_lost_is_not_posted_again(charter, fake, eco_repo) -> None:
    _noticed(charter, fake, eco_repo)
    fake.fail("POST", f"/repos/{GOVERNANCE}/issues/1/comments", 502,
              body={"message": "Bad Gateway"}, then_perform=True)
    code, _, err = review(charter, fake, eco_repo, "--apply", today="2026-12-10")
    assert code == 0, err
    assert len(fake.comments[(GOVERNANCE, 1)]) == 1
    assert fake.issues[GOVERNANCE][0]["state"] == "closed"


def test_eco_periodic_comment_5xx_not_performed_is_posted_once(charter, fake, eco_repo) -> None:
    _noticed(charter, fake, eco_repo)
    fake.fail("POST", f"/repos/{GOVERNANCE}/issues/1/comments", 500, body={"message": "boom"})
    code, _, err = review(charter, fake, eco_repo, "--apply", today="2026-12-10")
    assert code == 0, err
    assert len(fake.comments[(GOVERNANCE, 1)]) == 1


def test_eco_periodic_open_issue_5xx_after_acting_opens_one(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(short("org/alpha"))
    fake.fail("POST", f"/repos/{GOVERNANCE}/issues", 502, body={"message": "Bad Gateway"},
              then_perform=True)
    fake.fail("POST", f"/repos/{GOVERNANCE}/issues", 500, body={"message": "boom"})
    code, _, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert len(fake.issues[GOVERNANCE]) == 1
    assert read_project(eco_repo, "alpha")["notice"]["issue"] == 1


def test_eco_periodic_write_rate_limit_is_retried(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(short("org/alpha"))
    fake.fail("POST", f"/repos/{GOVERNANCE}/issues", 429, {"Retry-After": "0"},
              {"message": "You have exceeded a secondary rate limit."})
    code, _, err = review(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert len(fake.issues[GOVERNANCE]) == 1


# --- 4. a transient GraphQL error inside a 200 answer ---------------------------------------
def test_eco_graphql_transient_error_in_200_is_retried(charter, fake, eco_repo) -> None:
    write_project(eco_repo, project("alpha", "org/alpha"))
    fake.add(healthy("org/alpha"))
    fake.fail("POST", "/graphql", 200, body={"data": None, "errors": [{"message": TRANSIENT}]})
    code, out, err = review(charter, fake, eco_repo)
    assert code == 0, err
    assert "alpha: pass" in out
    assert fake.graphql_count() == 2


def test_eco_graphql_transient_error_that_persists_skips_the_project(charter, fake,
                                                                     eco_repo) -> None:
    for slug in ("aaa", "bbb"):
        write_project(eco_repo, project(slug, f"org/{slug}"))
        fake.add(healthy(f"org/{slug}"))
    for _ in range(3):
        fake.fail("POST", "/graphql", 200, body={"data": None, "errors": [{"message": TRANSIENT}]})
    code, out, err = review(charter, fake, eco_repo, "--retries", "2")
    assert code == 1
    assert "not reviewed: aaa" in err and "bbb: pass" in out


# --- 5. statistics that stay 202 never hang the run -----------------------------------------
def test_eco_statistics_that_stay_202_are_bounded(charter, fake, eco_repo) -> None:
    """GitHub never finishes computing: charter stops asking and pages the window instead."""
    write_project(eco_repo, project("huge", "org/huge"))
    repo = fake.add(Repo("org/huge").with_authors(700, ["ann", "bob"]))
    repo.stats_202 = 10**9
    code, out, err = review(charter, fake, eco_repo, "--retries", "3")
    assert code == 0, err
    assert fake.count("GET", "/repos/org/huge/stats/contributors") == 4  # 1 + 3 retries
    assert "2 contributors active" in out  # counted exactly, from every page of the window
    assert fake.graphql_count() == 7  # 700 commits: 7 pages


def test_eco_statistics_wait_is_capped_by_max_wait(fake) -> None:
    from charter import gh
    from charter.ecosystem.fetch import Fetcher

    repo = fake.add(Repo("org/huge").with_authors(700, ["ann", "bob"]))
    repo.stats_202 = 10**9
    waits: list[float] = []
    client = gh.client(base_url=fake.url, backoff=0, retries=10, raise_on_202=True)
    f = Fetcher(client, today=dt.date(2026, 11, 21), window_days=90, min_contributors=5,
                retries=10, backoff=4, max_wait=20, sleep=waits.append)
    facts = f.facts("org/huge")
    assert sum(waits) <= 20 and waits == [4, 8, 8]
    assert len(facts.contributors) == 2 and facts.contributors_complete


# --- 6. a spent GraphQL budget: progress kept, the next run continues -----------------------
def _ecosystem(fake: FakeGitHub, root: Path) -> None:
    """Eight projects: p1 falls short, p4 has a notice past its deadline (retired), p6 has a
    notice and is fixed (resolved); the notices exist on GitHub and in the records."""
    for i in range(8):
        slug = f"p{i}"
        extra = {}
        if i in (4, 6):
            issue = _legacy_notice(fake, slug, "2026-10-01")
            extra["notice"] = {"issue": issue["number"], "opened": "2026-10-01",
                               "deadline": "2026-10-31"}
        write_project(root, project(slug, f"org/{slug}", **extra))
        fake.add(short(f"org/{slug}") if i in (1, 4) else healthy(f"org/{slug}"))


def _snapshot(fake: FakeGitHub, root: Path) -> tuple:
    records = {p.name: p.read_bytes() for p in sorted((root / "ecosystem").iterdir())}
    issues = [(i["number"], i["title"], i["body"], i["state"], i["labels"])
              for i in fake.issues.get(GOVERNANCE, [])]
    return records, issues, dict(fake.comments)


def test_eco_budget_spent_keeps_what_was_read(charter, fake, eco_repo) -> None:
    _ecosystem(fake, eco_repo)
    fake.graphql_budget = 3
    code, _out, err = review(charter, fake, eco_repo, "--apply")
    assert code == 1
    assert "GraphQL budget" in err and "5 project(s) remain" in err and "Traceback" not in err
    assert [s for s in ("p0", "p1", "p2") if "reviews" in read_project(eco_repo, s)] == [
        "p0", "p1", "p2"]
    assert "reviews" not in read_project(eco_repo, "p3")
    assert fake.graphql_count() == 3  # nothing asked once the budget was known to be spent


def test_eco_resumed_over_three_windows_equals_an_unbroken_run(charter, eco_repo,
                                                               tmp_path) -> None:
    broken_root = tmp_path / "broken"
    shutil.copytree(eco_repo, broken_root)
    with FakeGitHub() as whole, FakeGitHub() as broken:
        for server, root in ((whole, eco_repo), (broken, broken_root)):
            _ecosystem(server, root)
        code, _, err = review(charter, whole, eco_repo, "--apply")
        assert code == 0, err

        broken.graphql_budget = 3
        codes = []
        for window in range(3):
            if window:
                broken.new_window()
            code, _, err = review(charter, broken, broken_root, "--apply")
            codes.append(code)
        assert codes == [1, 1, 0], err
        assert _snapshot(broken, broken_root) == _snapshot(whole, eco_repo)
        assert read_project(broken_root, "p4")["status"] == "retired"
        assert "notice" not in read_project(broken_root, "p6")
        assert read_project(broken_root, "p1")["notice"]["issue"] == 3


def test_eco_summary_file_says_what_remains(charter, fake, eco_repo, tmp_path) -> None:
    _ecosystem(fake, eco_repo)
    fake.graphql_budget = 3
    summary = tmp_path / "summary.md"
    code, _, _ = review(charter, fake, eco_repo, "--apply", "--summary", str(summary))
    assert code == 1
    text = summary.read_text(encoding="utf-8")
    assert "3 of 8" in text and "5 project(s) remain" in text
    for slug in ("p3", "p4", "p5", "p6", "p7"):
        assert slug in text.split("remain")[1]


@pytest.mark.parametrize("mode", ["dry-run", "apply", "stopped", "failed"])
def test_eco_periodic_summary_of_a_run_in_full(charter, fake, eco_repo, tmp_path, mode) -> None:
    """The Markdown summary, whole: the steps table (notify, retire, resolve, with deadlines and
    results), the passing count, what was not reviewed and what remains. CHARTER_UPDATE_GOLDEN=1
    rewrites tests/ecosystem/golden/summary-*.md after a deliberate change."""
    import os

    _ecosystem(fake, eco_repo)
    # no CI result (unknown, asked again next run) and a licence GitHub cannot name, confirmed
    # by the working group: two notes, both listed
    fake.add(healthy("org/p7", ci=None, licence="NOASSERTION"))
    extra = ["--apply"] if mode in ("apply", "stopped") else []
    if mode == "stopped":
        fake.graphql_budget = 3
    if mode == "failed":  # GitHub answers the first project's query with an error, every time
        fake.fail("POST", "/graphql", 200, body={"data": None, "errors": [{"message": TRANSIENT}]})
        extra = ["--retries", "0"]
    summary = tmp_path / "summary.md"
    review(charter, fake, eco_repo, *extra, "--summary", str(summary))
    # the budget's reset is reckoned from the clock: the only part of the text that moves
    text = re.sub(r"about \d\d:\d\d UTC, a wait of \d+ s", "about HH:MM UTC, a wait of N s",
                  summary.read_text(encoding="utf-8"))
    golden = Path(__file__).parent / "golden" / f"summary-{mode}.md"
    if os.environ.get("CHARTER_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
