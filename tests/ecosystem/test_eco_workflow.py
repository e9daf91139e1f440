"""The monthly review workflow: least privilege, pinned actions, no expression inside run:, the
secret behind an environment, the records pull request even after a partial run, and the next
run continuing from the pending records (its script run on real git repositories)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from eco_fakegithub import FakeGitHub, Repo
from eco_helpers import REPO_ROOT, project, read_project, write_project

CALLER = REPO_ROOT / ".github" / "workflows" / "ecosystem-review.yml"
WORKFLOW = REPO_ROOT / ".github" / "workflows" / "governance-ecosystem-review.yml"  # reusable


def load(path: Path = WORKFLOW) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_eco_periodic_caller_delegates_to_the_reusable_workflow() -> None:
    caller = load(CALLER)
    assert caller["permissions"] == {}
    [job] = caller["jobs"].values()
    assert job["uses"] == "./.github/workflows/governance-ecosystem-review.yml"
    assert job["permissions"] == {"contents": "read"}
    assert job["with"]["apply"] == "${{ github.event_name == 'schedule' || inputs.apply }}"
    assert set(load()["on"]) == {"workflow_call"}


def test_eco_periodic_workflow_runs_monthly_and_on_dispatch() -> None:
    on = load(CALLER)["on"]
    assert "workflow_dispatch" in on
    monthly, *continuing = [s["cron"] for s in on["schedule"]]
    _minute, hour, day, month, weekday = monthly.split()
    assert hour.isdigit() and day.isdigit() and month == "*" and weekday == "*"
    # the runs that continue a partial one: later the same day, never on another day (a project
    # with a notice would otherwise be reviewed twice)
    for cron in continuing:
        assert cron.split()[2] == day


def test_eco_periodic_workflow_least_privilege_and_pinned() -> None:
    wf = load()
    assert wf["permissions"] == {}
    for job in wf["jobs"].values():
        assert set(job["permissions"].values()) <= {"read", "none"}
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if "run" in step:
                assert "${{" not in step["run"]
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] == "false"
    text = WORKFLOW.read_text(encoding="utf-8")
    # every pinned action says which tag it is
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d", line), line
    assert "charter ecosystem review --apply" in text


def test_eco_periodic_workflow_secret_behind_an_environment() -> None:
    [job] = load()["jobs"].values()
    assert job["environment"] == "ecosystem-review"


def test_eco_periodic_workflow_pull_request_even_after_a_failed_review() -> None:
    [job] = load()["jobs"].values()
    steps = {s.get("name", s.get("uses", "")): s for s in job["steps"]}
    pr = steps["Pull request with the updated records"]
    assert "!cancelled()" in pr["if"]
    assert pr["with"]["body-path"].endswith("/ecosystem-review.md")
    assert "--summary" in steps["Review"]["run"]


def _step_script(name: str) -> str:
    [job] = load()["jobs"].values()
    [step] = [s for s in job["steps"] if s.get("name") == name]
    return step["run"]


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A governance repository with two projects and a pending records branch that reviewed
    the first; the default branch has moved on since (a new project)."""
    repo = tmp_path / "origin"
    (repo / "ecosystem").mkdir(parents=True)
    for name in ("policy.yaml", "core.yaml", "ecosystem-wg.yaml"):
        shutil.copy(REPO_ROOT / name, repo / name)
    for slug in ("aaa", "bbb"):
        write_project(repo, project(slug, f"org/{slug}"))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "governance")
    _git(repo, "checkout", "-q", "-b", "charter/ecosystem-review")
    rec = repo / "ecosystem" / "aaa.yaml"
    rec.write_text(rec.read_text() + "reviews:\n  - date: '2026-11-21'\n    results: "
                   "{ECO-MEASURABLE: pass}\n")
    _git(repo, "commit", "-qam", "records")
    _git(repo, "checkout", "-q", "main")
    write_project(repo, project("ccc", "org/ccc"))
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "ccc joins")
    return repo


def _continue(origin: Path, tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    work = tmp_path / "work"
    _git(tmp_path, "clone", "-q", str(origin), str(work))
    done = subprocess.run(["bash", "-e", "-c", _step_script("Continue from the pending records")],
                          cwd=work, capture_output=True, text=True)
    return work, done


def test_eco_periodic_workflow_next_run_continues_from_pending_records(
        origin, tmp_path, charter) -> None:
    work, done = _continue(origin, tmp_path)
    assert done.returncode == 0, done.stderr
    assert read_project(work, "aaa")["reviews"][0]["date"] == "2026-11-21"
    assert (work / "ecosystem" / "ccc.yaml").exists()  # the default branch's change kept
    with FakeGitHub() as fake:
        for slug in ("aaa", "bbb", "ccc"):
            fake.add(Repo(f"org/{slug}").with_authors(40, ["ann", "bob", "cat", "dan", "eve"]))
        code, _, err = charter("ecosystem", "review", "--repo", str(work), "--github-api",
                               fake.url, "--backoff", "0", "--apply", today="2026-11-21")
    assert code == 0, err
    assert "2 project(s) to review" in err  # aaa was reviewed by the earlier run
    assert len(read_project(work, "aaa")["reviews"]) == 1


def test_eco_periodic_workflow_conflicting_pending_records_stop_the_run(origin,
                                                                        tmp_path) -> None:
    rec = origin / "ecosystem" / "aaa.yaml"
    rec.write_text(rec.read_text() + "reviews:\n  - date: '2026-11-20'\n    results: "
                   "{ECO-LAYOUT: pass}\n")
    _git(origin, "commit", "-qam", "someone else recorded a review")
    _work, done = _continue(origin, tmp_path)
    assert done.returncode == 1
    assert "::error::" in done.stdout and "conflict" in done.stdout


def test_eco_periodic_workflow_no_pending_records(origin, tmp_path) -> None:
    _git(origin, "branch", "-q", "-D", "charter/ecosystem-review")
    work, done = _continue(origin, tmp_path)
    assert done.returncode == 0, done.stderr
    assert _git(work, "status", "--porcelain") == ""
