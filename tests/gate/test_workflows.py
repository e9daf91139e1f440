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
GATE = ROOT / ".github/workflows/governance-approvals.yml"
RELAY = ROOT / ".github/workflows/governance-approvals-relay.yml"
TEMPLATE = ROOT / ".github/pull_request_template.md"


def load(p: Path) -> dict:
    data = yaml.safe_load(p.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_gate_runs_base_code_with_least_privilege() -> None:
    wf = load(GATE)
    assert set(wf["on"]) == {"pull_request_target", "workflow_run"}
    assert wf["on"]["workflow_run"]["workflows"] == ["governance-approvals-relay"]
    assert wf["permissions"] == {}
    job = wf["jobs"]["approvals"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "read"}
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["persist-credentials"] is False
    assert "ref" not in checkout["with"]  # the base branch, never the head
    assert wf["jobs"]["rerun"]["permissions"] == {"actions": "write", "checks": "read",
                                                  "pull-requests": "read"}


def test_relay_has_no_permissions() -> None:
    wf = load(RELAY)
    assert set(wf["on"]) == {"pull_request_review"}
    assert wf["on"]["pull_request_review"]["types"] == ["submitted", "dismissed"]
    assert wf["permissions"] == {}


@pytest.mark.parametrize("path", [GATE, RELAY])
def test_actions_pinned_and_no_expressions_in_run(path: Path) -> None:
    text = path.read_text()
    for uses in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), uses
    for job in load(path)["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step


def test_zizmor_is_clean() -> None:
    exe = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    if not Path(exe).exists():
        if os.environ.get("CI"):
            pytest.fail("zizmor is not installed (it is in the test extras)")
        pytest.skip("zizmor is not installed (pip install -e '.[test]')")
    proc = subprocess.run([exe, "--offline", str(GATE), str(RELAY)], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert GATE.read_text().count("zizmor: ignore") == 1


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
