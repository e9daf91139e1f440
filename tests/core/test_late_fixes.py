"""Regression tests for defects found in review, each named after its rule ID."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]


def _copy(repo_root: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "repo"
    shutil.copytree(
        repo_root,
        dst,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "venv", "tests", "__pycache__", "_site", "*.egg-info"
        ),
    )
    return dst


def test_eco_status_same_day_decisions_take_the_one_listed_last(
    repo_root: Path, tmp_path: Path, run_charter: Run
) -> None:
    repo = _copy(repo_root, tmp_path)
    f = repo / "ecosystem" / "graphkit.yaml"
    text = f.read_text().replace("status: new", "status: declined")
    assert "status: declined" in text
    text += (
        "  - date: '2026-09-09'\n    outcome: declined\n"
        "    for: [priya-nair]\n    against: [omar-haddad, yuki-sato, bruno-costa, anya-ivanova]\n"
        "    working_group: [priya-nair, omar-haddad, yuki-sato, bruno-costa, anya-ivanova]\n"
    )
    f.write_text(text)
    proc = run_charter("validate", "--repo", str(repo), "--select", "ECO-STATUS")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # and the other way round: a status the last decision does not allow is reported
    f.write_text(text.replace("status: declined", "status: needs-info"))
    proc = run_charter("validate", "--repo", str(repo), "--select", "ECO-STATUS")
    assert proc.returncode == 1
    assert "ecosystem/graphkit.yaml:4:9: ECO-STATUS" in proc.stdout


def test_int_date_message_says_what_to_write(
    repo_root: Path, tmp_path: Path, run_charter: Run
) -> None:
    repo = _copy(repo_root, tmp_path)
    f = repo / "core.yaml"
    f.write_text(f.read_text().replace("2026-10-14", "2026-02-30"))
    proc = run_charter("validate", "--repo", str(repo), "--select", "INT-DATE")
    assert proc.returncode == 1
    assert (
        "core.yaml:14:15: INT-DATE 2026-02-30 is not a calendar date; write a real" in proc.stdout
    )


def test_git_commands_outside_a_repository_say_so(tmp_path: Path, run_charter: Run) -> None:
    proc = run_charter("diff", "HEAD", "HEAD", "--repo", str(tmp_path))
    assert proc.returncode == 2  # pointed at the wrong place: a usage error
    assert "not a git repository" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_int_fraction_above_one_is_refused(
    repo_root: Path, tmp_path: Path, run_charter: Run
) -> None:
    repo = _copy(repo_root, tmp_path)
    f = repo / "policy.yaml"
    f.write_text(
        f.read_text().replace("lead_removal_fraction: '3/4'", "lead_removal_fraction: '5/4'")
    )
    proc = run_charter("validate", "--repo", str(repo), "--select", "INT-FRACTION")
    assert proc.returncode == 1
    assert "policy.yaml:15:26: INT-FRACTION 5/4 is not a proportion" in proc.stdout
    f.write_text(f.read_text().replace("'5/4'", "'0/4'"))
    proc = run_charter("validate", "--repo", str(repo))
    assert proc.returncode == 1
    assert "SCHEMA" in proc.stdout and "lead_removal_fraction" in proc.stdout


def test_int_stray_file_directly_under_elections(
    repo_root: Path, tmp_path: Path, run_charter: Run
) -> None:
    repo = _copy(repo_root, tmp_path)
    (repo / "elections" / "2027-council.yaml").write_text("kind: council-election\n")
    proc = run_charter("validate", "--repo", str(repo), "--select", "INT-STRAY-FILE")
    assert proc.returncode == 1
    assert "elections/2027-council.yaml: INT-STRAY-FILE unexpected file" in proc.stdout
