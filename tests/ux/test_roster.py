"""charter roster build: where it writes, and what it refuses."""

from __future__ import annotations

from pathlib import Path

from .conftest import Run, no_traceback


def test_roster_build_into_a_file_under_a_file(repo: Path, charter: Run, tmp_path: Path) -> None:
    # Was: a PermissionError/NotADirectoryError traceback naming a temporary directory.
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    proc = charter("roster", "build", "--repo", str(repo), "--out", str(blocker / "site"))
    no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"charter: error: --out {blocker / 'site'}: cannot write")
    assert blocker.read_text() == ""


def test_roster_build_with_an_empty_out_is_a_usage_error(repo: Path, charter: Run) -> None:
    proc = charter("roster", "build", "--repo", str(repo), "--out", "")
    no_traceback(proc)
    assert proc.returncode == 2
    assert "--out: name the directory" in proc.stderr


def test_roster_build_refuses_a_folder_that_is_not_a_roster(repo: Path, charter: Run) -> None:
    proc = charter("roster", "build", "--repo", str(repo), "--out", str(repo / "members"))
    assert proc.returncode == 1
    assert "refusing to replace it" in proc.stderr
    assert (repo / "members/aiko-tanaka.yaml").exists()
