"""charter's reusable workflows: each can be called from another repository, installs charter
only from a pinned release's lock (or, here, from this repository's own checkout), and the same
way in all four; the step that decides which charter refuses what it cannot trust."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from adopt_helpers import REPO_ROOT

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
REUSABLE = ["governance-check.yml", "governance-gate.yml", "governance-roster.yml",
            "governance-ecosystem-review.yml"]
INSTALL = ("Which charter to install", "Check out charter at the pinned release",
           "Install charter, exactly as locked")


def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def _install_steps(name: str) -> list[dict[str, Any]]:
    steps = [s for job in _load(name)["jobs"].values() for s in job.get("steps", [])
             if s.get("name") in INSTALL]
    assert [s["name"] for s in steps] == list(INSTALL), name
    return steps


@pytest.mark.parametrize("name", REUSABLE)
def test_callable_with_a_pinned_charter(name: str) -> None:
    wf = _load(name)
    assert set(wf["on"]) == {"workflow_call"} and wf["permissions"] == {}
    inputs = wf["on"]["workflow_call"]["inputs"]
    assert inputs["charter-repository"] == {**inputs["charter-repository"], "type": "string",
                                            "default": ""}
    assert inputs["charter-ref"]["type"] == "string"
    checkout = _install_steps(name)[1]
    assert checkout["with"] == {"repository": "${{ inputs.charter-repository }}",
                                "ref": "${{ inputs.charter-ref }}", "path": ".charter-tool",
                                "persist-credentials": False}


@pytest.mark.parametrize("name", REUSABLE[1:])
def test_every_reusable_workflow_installs_charter_the_same_way(name: str) -> None:
    def text(steps: list[dict[str, Any]]) -> list[Any]:
        return [{k: v for k, v in s.items() if k != "uses"} for s in steps]

    assert text(_install_steps(name)) == text(_install_steps(REUSABLE[0]))


def test_charter_is_installed_only_from_a_hash_checked_lock() -> None:
    for name in REUSABLE:
        for job in _load(name)["jobs"].values():
            for step in job.get("steps", []):
                run = step.get("run", "")
                for line in run.replace("\\\n", " ").splitlines():
                    if "pip install" in line:
                        assert "--no-deps" in line, (name, line)
                        assert "--require-hashes" in line or "--no-build-isolation" in line


def _which(cwd: Path, repository: str, ref: str) -> subprocess.CompletedProcess[str]:
    script = _install_steps("governance-gate.yml")[0]["run"]
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "CHARTER_REPOSITORY": repository,
                               "CHARTER_REF": ref}, check=False)


def test_which_charter_refuses_a_repository_without_charter_or_a_release_without_a_ref(
        tmp_path: Path) -> None:
    # an adopting repository that forgot the pin: it holds no charter to run
    proc = _which(tmp_path, "", "")
    assert proc.returncode == 1 and "charter-repository and charter-ref" in proc.stdout
    # a release named without its version would take whatever the default branch holds
    proc = _which(tmp_path, "lumen-ml/charter", "")
    assert proc.returncode == 1 and "charter-ref is required" in proc.stdout
    assert _which(tmp_path, "lumen-ml/charter", "v1.2.3").returncode == 0
    # charter's own repository: its checkout is the charter to run
    assert _which(REPO_ROOT, "", "").returncode == 0


def test_a_release_tag_must_name_the_packages_version() -> None:
    from charter import release

    wf = yaml.safe_load((WORKFLOWS / "release.yml").read_text(encoding="utf-8"))
    assert wf[True] == {"push": {"tags": ["v*"]}}
    build = wf["jobs"]["build"]
    assert build["permissions"] == {"contents": "read"}
    assert wf["jobs"]["publish"]["permissions"] == {"contents": "write"}
    assert all("run" not in s or "gh release create" in s["run"]
               for s in wf["jobs"]["publish"]["steps"])  # the writer runs no code of ours
    script = next(s["run"] for s in build["steps"]
                  if s.get("name") == "The tag names the package's version")
    assert any("-r requirements/release.txt" in s.get("run", "") for s in build["steps"])

    def tagged(tag: str) -> int:
        return subprocess.run(["bash", "-e", "-c", script], cwd=REPO_ROOT, capture_output=True,
                              env={"PATH": "/usr/bin:/bin", "TAG": tag}, check=False).returncode

    assert tagged(release.tag()) == 0
    assert tagged("v99.0.0") == 1 and tagged(release.tag() + "-rc1") == 1
