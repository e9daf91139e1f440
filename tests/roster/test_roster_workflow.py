"""The Pages workflow: least privilege, actions pinned by commit, no expressions in shell code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from roster_fixtures import REPO

CALLER = REPO / ".github" / "workflows" / "roster.yml"
WORKFLOW = REPO / ".github" / "workflows" / "governance-roster.yml"  # the reusable workflow


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_deploys_on_pushes_to_main(workflow: dict) -> None:
    caller = yaml.safe_load(CALLER.read_text(encoding="utf-8"))
    on = caller[True]  # PyYAML reads the bare key `on` as a boolean
    assert on["push"] == {"branches": ["main"]}
    assert "pull_request" not in on and "pull_request_target" not in on
    assert caller["permissions"] == {}
    assert caller["jobs"]["roster"]["uses"] == "./.github/workflows/governance-roster.yml"
    assert set(workflow[True]) == {"workflow_call"}
    build = workflow["jobs"]["build"]
    runs = [s.get("run", "") for s in build["steps"]]
    assert "charter roster build --out _site" in runs


def test_least_privilege(workflow: dict) -> None:
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert all("run" not in s for s in jobs["deploy"]["steps"])  # the writer runs none of our code
    checkout = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith(
        "actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["fetch-depth"] == 0  # the history page needs the branch's history


def test_actions_are_pinned_by_full_commit_sha_with_their_tag() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert len(uses) == 6  # checkout (twice: the data, and charter's pinned release), ...
    for ref, comment in uses:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", ref), ref
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), f"{ref}: say which tag it is"


def test_no_expression_is_interpolated_into_shell(workflow: dict) -> None:
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step


def test_zizmor_reports_nothing() -> None:
    exe = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    if not Path(exe).exists():
        pytest.skip("zizmor is not installed (pip install zizmor)")
    proc = subprocess.run([exe, "--offline", "--no-progress", str(WORKFLOW), str(CALLER)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
