"""Every workflow: least privilege declared, actions pinned by full SHA, no expressions in shell
code, and zizmor reports nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_there_are_workflows() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"validate.yml", "governance-approvals.yml", "roster.yml",
            "ecosystem-review.yml"} <= names


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_least_privilege_and_pinned(path: Path) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "permissions" in doc, f"{path.name}: declare top-level permissions"
    for name, job in doc["jobs"].items():
        for step in job.get("steps", []):
            uses = step.get("uses")
            if uses and not uses.startswith("./"):
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), (name, uses)
            assert "${{" not in step.get("run", ""), (name, step.get("name"))
            if uses and uses.startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, (name, step)


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_reports_nothing_on_any_workflow(persona: str) -> None:
    exe = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    if not Path(exe).exists():
        if os.environ.get("CI"):
            pytest.fail("zizmor is not installed (it is in the test extras)")
        pytest.skip("zizmor is not installed (pip install -e '.[test]')")
    proc = subprocess.run([exe, "--offline", "--no-progress", "--persona", persona,
                           *map(str, WORKFLOWS)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_installs_exactly_what_is_locked(path: Path) -> None:
    """Every pip install in a workflow takes the hash-checked lock file, or adds charter itself
    with --no-deps (nothing resolved afresh on the runner)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for job in doc["jobs"].values():
        for step in job.get("steps", []):
            run = step.get("run", "").replace("\\\n", " ")
            for cmd in run.splitlines():
                if re.match(r"\s*(python3? -m )?pip install", cmd):
                    assert "--require-hashes" in cmd or "--no-deps" in cmd, (path.name, cmd)
