"""--repo: where charter looks for the governance repository, and what it says when it is not."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import Run, no_traceback


@pytest.mark.parametrize("argv", [("check",), ("validate",), ("codeowners", "--check"),
                                  ("ecosystem", "queue"), ("election", "roll")])
def test_commands_find_the_repository_from_a_subdirectory(repo: Path, charter: Run,
                                                          argv: tuple[str, ...]) -> None:
    # Was: "…/members does not look like a governance repository" from any subdirectory.
    proc = charter(*argv, cwd=repo / "members")
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr


def test_member_add_from_a_subdirectory_writes_into_members(repo: Path, charter: Run) -> None:
    proc = charter("member", "add", "zed-person", "--name", "Zed Person", cwd=repo / "modules")
    assert proc.returncode == 0, proc.stderr
    assert (repo / "members/zed-person.yaml").exists()
    assert not (repo / "modules/members").exists()


def test_validate_path_relative_to_a_subdirectory(repo: Path, charter: Run) -> None:
    with open(repo / "members/aiko-tanaka.yaml", "a", encoding="utf-8") as fh:
        fh.write("nmae: x\n")
    proc = charter("validate", "aiko-tanaka.yaml", cwd=repo / "members")
    assert proc.returncode == 1
    assert "members/aiko-tanaka.yaml:" in proc.stdout
    assert "did you mean 'name'?" in proc.stdout
    assert "modules/" not in proc.stdout


def test_discovery_stops_at_the_top_of_a_git_repository(repo: Path, charter: Run) -> None:
    inner = repo / "vendored"
    inner.mkdir()
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    proc = charter("check", cwd=inner)
    no_traceback(proc)
    assert proc.returncode == 2  # where charter was pointed is a usage error (README)
    assert "does not look like a governance repository" in proc.stderr
    assert "pass --repo DIR" in proc.stderr


def test_check_outside_any_repository(tmp_path: Path, charter: Run) -> None:
    proc = charter("check", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2  # where charter was pointed is a usage error (README)
    assert proc.stdout == ""
    assert "does not look like a governance repository" in proc.stderr


def test_check_repo_that_does_not_exist(tmp_path: Path, charter: Run) -> None:
    # Was: "/…/nope: not a directory" for a path that does not exist at all.
    proc = charter("check", "--repo", str(tmp_path / "nope"))
    no_traceback(proc)
    assert proc.returncode == 2  # where charter was pointed is a usage error (README)
    assert proc.stderr == f"charter: error: --repo {tmp_path / 'nope'}: no such directory\n"


def test_validate_a_path_that_does_not_exist_is_a_usage_error(repo: Path, charter: Run) -> None:
    # Was: silently reported nothing and exited 0.
    proc = charter("validate", "members/nobody.yaml", cwd=repo)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "members/nobody.yaml: no such file or folder" in proc.stderr


def test_validate_a_path_outside_the_repository_is_a_usage_error(repo: Path, charter: Run,
                                                                  tmp_path: Path) -> None:
    # Was: reported nothing for it and exited 0, as if the file had been checked.
    stray = tmp_path / "notes.yaml"
    stray.write_text("nmae: x\n")
    proc = charter("validate", "--repo", str(repo), str(stray))
    no_traceback(proc)
    assert proc.returncode == 2
    assert f"{stray}: not in the governance repository" in proc.stderr


def test_charter_repo_from_the_environment_is_named(tmp_path: Path, charter: Run) -> None:
    proc = charter("check", env={"CHARTER_REPO": str(tmp_path / "nope")})
    no_traceback(proc)
    assert proc.returncode == 2  # where charter was pointed is a usage error (README)
    assert f"--repo {tmp_path / 'nope'} (from $CHARTER_REPO): no such directory" in proc.stderr


def test_validate_paths_from_root_and_subdirectory_agree(repo: Path, charter: Run) -> None:
    with open(repo / "members/aiko-tanaka.yaml", "a", encoding="utf-8") as fh:
        fh.write("nmae: x\n")
    a = charter("validate", "members/aiko-tanaka.yaml", "core.yaml", cwd=repo)
    b = charter("validate", "aiko-tanaka.yaml", "../core.yaml", cwd=repo / "members")
    c = charter("validate", "--repo", str(repo), "members/aiko-tanaka.yaml", "core.yaml",
                cwd=repo.parent)
    assert a.returncode == b.returncode == c.returncode == 1
    assert a.stdout == b.stdout == c.stdout
    assert "core.yaml:8:5: INT-UNKNOWN-LOGIN" in a.stdout
