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
    (repo / "notes").mkdir()
    (repo / "notes/keep.txt").write_text("mine\n")
    proc = charter("roster", "build", "--repo", str(repo), "--out", str(repo / "notes"))
    assert proc.returncode == 1
    assert "refusing to replace it" in proc.stderr
    assert (repo / "notes/keep.txt").read_text() == "mine\n"


def test_roster_build_refuses_an_out_inside_a_data_folder(repo: Path, charter: Run) -> None:
    # Was: `--out modules/site` wrote the site into modules/, and check then reported every
    # generated page as an INT-STRAY-FILE.
    proc = charter("roster", "build", "--repo", str(repo), "--out", str(repo / "modules/site"))
    no_traceback(proc)
    assert proc.returncode == 1
    assert "is inside modules/, which holds governance data" in proc.stderr
    assert not (repo / "modules/site").exists()
    assert charter("check", "--repo", str(repo)).returncode == 0


def test_roster_build_twice_into_the_same_out(repo: Path, charter: Run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = charter("roster", "build", "--repo", str(repo), "--out", str(out))
    assert first.returncode == 0, first.stderr
    again = charter("roster", "build", "--repo", str(repo), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert (out / "v1/index.json").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
