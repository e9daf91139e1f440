"""The workflows `charter init` writes: zizmor finds nothing, every call of a charter workflow
pins one version, and they are charter's own callers with only that pin changed; the pull-request
template and the ecosystem form are the ones charter's own repository uses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from adopt_helpers import PRESETS, README, REPO_ROOT, init

from charter import __version__, release
from charter.adopt.render import issue_form, pull_request_template
from charter.load import load
from charter.tree import FsTree

OWN = REPO_ROOT / ".github" / "workflows"
SHA = "0123456789abcdef0123456789abcdef01234567"


def _zizmor() -> str:
    exe = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    if not Path(exe).exists():
        if os.environ.get("CI"):
            pytest.fail("zizmor is not installed (it is in the test extras)")
        pytest.skip("zizmor is not installed (pip install -e '.[test]')")
    return exe


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One repository per preset, and one pinned to a commit."""
    base = tmp_path_factory.mktemp("adopted")
    out = {}
    for preset in PRESETS:
        assert init(base / preset, preset).returncode == 0
        out[preset] = base / preset
    assert init(base / "by-commit", "pytorch", "--charter-ref", SHA).returncode == 0
    out["by-commit"] = base / "by-commit"
    return out


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_reports_nothing_on_the_adopters_workflows(adopted: dict[str, Path],
                                                          persona: str) -> None:
    files = sorted(str(p) for repo in adopted.values()
                   for p in (repo / ".github" / "workflows").glob("*.yml"))
    proc = subprocess.run([_zizmor(), "--offline", "--no-progress", "--persona", persona, *files],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in files:  # every ignore is inline and says why
        for line in Path(name).read_text().splitlines():
            if "zizmor: ignore" in line:
                assert " -- " in line.split("zizmor: ignore", 1)[1], line


def _charter_calls(repo: Path) -> list[tuple[str, str, str]]:
    """(file, the ref of its `uses:`, its charter-ref) of every job calling a charter workflow."""
    out = []
    for path in sorted((repo / ".github" / "workflows").glob("*.yml")):
        for job in _load(path)["jobs"].values():
            uses = job.get("uses", "")
            if "/.github/workflows/" in uses:
                target, _, ref = uses.partition("@")
                assert target.startswith(f"{release.REPOSITORY}/.github/workflows/governance-")
                assert job["with"]["charter-repository"] == release.REPOSITORY
                out.append((path.name, ref, job["with"]["charter-ref"]))
    return out


@pytest.mark.parametrize("preset", PRESETS)
def test_every_charter_workflow_is_pinned_to_the_installed_release(adopted: dict[str, Path],
                                                                   preset: str) -> None:
    repo = adopted[preset]
    calls = _charter_calls(repo)
    expected = {"validate.yml", "governance-approvals.yml", "governance-approvals-rerun.yml",
                "roster.yml"} | ({"ecosystem-review.yml"} if preset == "pytorch" else set())
    assert {name for name, _, _ in calls} == expected
    assert {(ref, pin) for _, ref, pin in calls} == {(release.tag(), release.tag())}
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]
    assert hooks["repo"] == f"https://github.com/{release.REPOSITORY}"
    assert hooks["rev"] == release.tag() == f"v{__version__}"
    assert release.install_line() in (repo / "README.md").read_text()


def test_a_commit_pin_needs_no_ignore(adopted: dict[str, Path]) -> None:
    repo = adopted["by-commit"]
    assert {(ref, pin) for _, ref, pin in _charter_calls(repo)} == {(SHA, SHA)}
    for path in (repo / ".github" / "workflows").glob("*.yml"):
        assert "unpinned-uses" not in path.read_text()
    assert yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["rev"] == SHA


def _shape(job: dict[str, Any]) -> dict[str, Any]:
    """A calling job less its pin (and the job's display name)."""
    out = {k: v for k, v in job.items() if k not in ("uses", "name")}
    if "with" in out:
        out["with"] = {k: v for k, v in out["with"].items() if not k.startswith("charter-")}
        out = {k: v for k, v in out.items() if v != {}}
    return out


@pytest.mark.parametrize("name", ["validate.yml", "governance-approvals.yml",
                                  "governance-approvals-rerun.yml",
                                  "governance-approvals-relay.yml", "roster.yml",
                                  "ecosystem-review.yml"])
def test_adopters_run_what_charter_runs(adopted: dict[str, Path], name: str) -> None:
    """Each workflow is charter's own caller with the same triggers, permissions, concurrency,
    jobs and inputs; only the `uses:` pin (and charter-repository, charter-ref) differ."""
    ours, theirs = _load(OWN / name), _load(adopted["pytorch"] / ".github" / "workflows" / name)
    for key in ("on", "permissions", "concurrency"):
        assert ours[key] == theirs[key], key
    assert ours["jobs"].keys() == theirs["jobs"].keys()
    for job_id, job in ours["jobs"].items():
        mine = theirs["jobs"][job_id]
        assert _shape(job) == _shape(mine), job_id
        if "uses" in job:
            assert job["uses"].removeprefix("./") == mine["uses"].split("/", 2)[2].split("@")[0]


def test_charters_own_template_and_form_come_from_the_same_templates() -> None:
    own = (REPO_ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert pull_request_template("docs/") == own
    state, _ = load(FsTree(REPO_ROOT))
    form = REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / "ecosystem-application.yml"
    assert issue_form(state.policy.values["ecosystem"], "docs/", own=True) == form.read_text(
        encoding="utf-8")


def test_the_release_names_one_repository_and_one_version() -> None:
    meta = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["urls"]["Source"] == f"https://github.com/{release.REPOSITORY}"
    assert meta["dynamic"] == ["version"] and "version" not in meta
    assert release.install_line() in README.read_text(encoding="utf-8")
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
