"""The sync workflows: the plan reads with a read-only token and runs base-branch code only; the
apply runs after a merge, in a protected environment; the sweep writes to this repository only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]


def load(name: str) -> dict[str, Any]:
    doc = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as true
    return doc


def step(job: dict[str, Any], needle: str) -> dict[str, Any]:
    found = [s for s in job["steps"] if needle in (s.get("run", "") + str(s.get("uses", "")))]
    assert len(found) == 1, needle
    return found[0]


def test_plan_job_is_read_only_and_runs_no_pull_request_code() -> None:
    doc = load("github-sync.yml")
    assert set(doc["on"]) == {"pull_request_target", "push", "workflow_dispatch"}
    plan = doc["jobs"]["plan"]
    assert plan["if"] == "github.event_name == 'pull_request_target'"
    assert plan["permissions"] == {"contents": "read", "pull-requests": "write"}
    token = step(plan, "create-github-app-token")["with"]
    assert {k: v for k, v in token.items() if k.startswith("permission-")} == {
        "permission-members": "read"}
    checkout = step(plan, "actions/checkout")
    assert "ref" not in checkout["with"]  # the base branch, never the head
    run = step(plan, "charter sync github")["run"]
    assert "--plan --rev refs/charter/pull-request-head" in run and "--apply" not in run
    assert "--pr-comment" in run and "$GITHUB_STEP_SUMMARY" in run
    assert "git -c" in step(plan, "refs/pull/${PR_NUMBER}/head")["run"]


def test_apply_job_runs_after_merge_in_the_protected_environment() -> None:
    apply = load("github-sync.yml")["jobs"]["apply"]
    assert "github.ref == 'refs/heads/main'" in apply["if"]
    assert "pull_request_target" in apply["if"]  # ... and never on a pull request
    assert apply["environment"] == "github-sync"
    assert apply["permissions"] == {"contents": "read"}
    token = step(apply, "create-github-app-token")["with"]
    assert {k: v for k, v in token.items() if k.startswith("permission-")} == {
        "permission-members": "write", "permission-administration": "write"}
    assert step(apply, "charter sync github")["run"].startswith(
        "charter sync github --apply --confirm")


def test_sweep_writes_only_to_this_repository() -> None:
    doc = load("inactivity-sweep.yml")
    assert set(doc["on"]) == {"schedule", "workflow_dispatch"}
    job = doc["jobs"]["sweep"]
    assert job["permissions"] == {"contents": "read"}
    tokens = {s["id"]: s["with"] for s in job["steps"] if s.get("id")}
    assert all(v == "read" for k, v in tokens["read-token"].items() if k.startswith("permission-"))
    assert tokens["write-token"]["repositories"] == "${{ github.event.repository.name }}"
    sweep = step(job, "charter sweep inactive")
    assert sweep["run"] == "charter sweep inactive --open-pr"
    assert sweep["env"]["CHARTER_REPO_TOKEN"] == "${{ steps.write-token.outputs.token }}"
