"""The shipped workflows and pull-request template: the safety properties docs/pr-gate.md
promises, checked on the files themselves."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gate_helpers import NOMINATION, GitRepo, check, req

from charter.gate.body import parse

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github/workflows"
GATE = WORKFLOWS / "governance-approvals.yml"
REUSABLE = WORKFLOWS / "governance-gate.yml"
RERUN = WORKFLOWS / "governance-approvals-rerun.yml"
RELAY = WORKFLOWS / "governance-approvals-relay.yml"
VALIDATE = WORKFLOWS / "validate.yml"
TEMPLATE = ROOT / ".github/pull_request_template.md"
GOVERNANCE = sorted(WORKFLOWS.glob("*.yml"))  # every workflow, the reusable ones included
VERDICT = {"contents": "read", "pull-requests": "read", "statuses": "write"}


def load(p: Path) -> dict:
    data = yaml.safe_load(p.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_gate_runs_base_code_with_least_privilege() -> None:
    wf = load(GATE)
    assert set(wf["on"]) == {"pull_request_target"}
    assert wf["permissions"] == {}
    job = wf["jobs"]["approvals"]
    assert job["uses"] == "./.github/workflows/governance-gate.yml"
    assert job["permissions"] == VERDICT


def test_the_gate_judges_the_head_as_data_and_posts_both_verdicts() -> None:
    wf = load(REUSABLE)
    assert set(wf["on"]) == {"workflow_call"} and wf["permissions"] == {}
    job = wf["jobs"]["gate"]
    assert job["permissions"] == VERDICT
    assert job["environment"] == "governance-gate"  # the App's key lives behind it
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert "ref" not in checkout["with"]  # the base branch, never the head
    runs = [s.get("run", "") for s in job["steps"]]
    assert any("charter pr-check --github" in r and "--status" in r and '--head-sha "$HEAD_SHA"'
               in r for r in runs)
    assert any('charter check --rev "$HEAD_SHA"' in r and "--status" in r for r in runs)
    assert not any("pip install" in r and "-r requirements/run.txt" not in r and "--no-deps"
                   not in r for r in runs)


def test_the_rerun_judges_the_reviewed_pull_request_through_the_same_gate() -> None:
    wf = load(RERUN)
    assert set(wf["on"]) == {"workflow_run"}
    assert wf["on"]["workflow_run"]["workflows"] == ["governance-approvals-relay"]
    assert wf["permissions"] == {}
    assert wf["jobs"]["which"]["permissions"] == {"actions": "read"}
    assert wf["jobs"]["approvals"]["uses"] == "./.github/workflows/governance-gate.yml"
    assert wf["jobs"]["approvals"]["permissions"] == VERDICT
    # nothing re-runs an earlier run any more: no actions: write anywhere
    assert "actions: write" not in RERUN.read_text()


def test_relay_has_no_permissions() -> None:
    wf = load(RELAY)
    assert set(wf["on"]) == {"pull_request_review"}
    assert wf["on"]["pull_request_review"]["types"] == ["submitted", "dismissed"]
    assert wf["permissions"] == {}


def test_no_workflow_reuses_the_required_contexts_as_a_job_name() -> None:
    """The required verdicts are statuses only the gate posts; no job is named like them."""
    for path in WORKFLOWS.glob("*.yml"):
        for job in load(path)["jobs"].values():
            assert job.get("name") not in ("charter/governance-approvals", "charter/check")


@pytest.mark.parametrize("path", GOVERNANCE, ids=lambda p: p.name)
def test_actions_pinned_and_no_expressions_in_run(path: Path) -> None:
    text = path.read_text()
    for uses in re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)", text, re.M):
        if uses.startswith("./"):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), uses
    for job in load(path)["jobs"].values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_is_clean(persona: str) -> None:
    exe = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    if not Path(exe).exists():
        if os.environ.get("CI"):
            pytest.fail("zizmor is not installed (it is in the test extras)")
        pytest.skip("zizmor is not installed (pip install -e '.[test]')")
    proc = subprocess.run([exe, "--offline", "--no-progress", "--persona", persona,
                           *map(str, GOVERNANCE)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # every ignore is inline and says why
    for path in GOVERNANCE:
        for line in path.read_text().splitlines():
            if "zizmor: ignore" in line:
                assert " -- " in line.split("zizmor: ignore", 1)[1], line


def test_template_unchanged_counts_as_empty(org: GitRepo) -> None:
    body = parse(TEMPLATE.read_text())
    assert set(body.sections) >= {"discussion", "contributions", "testimonials", "support",
                                  "veto", "vote", "nominator"}
    assert not any(body.has(k) for k in body.sections)
    org.edit("modules/opt.yaml", lambda d: d["maintainers"].append("newbie"))
    org.commit()
    rc, rep = check(org, approved=["ivy"], author="ada", body=TEMPLATE.read_text())
    assert rc == 1 and req(rep, "GOV-NOMINATE-MODULE")["problems"]  # no veto, no substance
    filled = TEMPLATE.read_text().replace("## Contributions", NOMINATION + "\n## Unused")
    rc, _ = check(org, approved=["ivy"], author="ada", body=filled)
    assert rc == 0
