"""charter module / member: edits a hurried maintainer makes, and the ones charter must refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Run, no_traceback


def _snapshot(repo: Path) -> dict[str, bytes]:
    return {str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*"))
            if p.is_file()}


def test_module_emeritus_since_in_the_future_is_refused_gov_emeritus(repo: Path,
                                                                     charter: Run) -> None:
    # Was: `--since 2062-01-01` (for 2026) was written as is.
    before = _snapshot(repo)
    proc = charter("module", "emeritus", "nn", "sofia-rossi", "--since", "2062-01-01",
                   "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 2
    assert "--since 2062-01-01: is in the future" in proc.stderr
    assert _snapshot(repo) == before


@pytest.mark.parametrize("argv", [
    ("ecosystem", "decide", "lumen-serve", "--for", "priya-nair", "--date", "2062-01-01"),
    ("ecosystem", "evidence", "graphkit", "ci", "--met", "--evidence", "x", "--reviewer",
     "yuki-sato", "--date", "2062-01-01"),
])
def test_ecosystem_records_dated_in_the_future_are_refused(repo: Path, charter: Run,
                                                           argv: tuple[str, ...]) -> None:
    before = _snapshot(repo)
    proc = charter(*argv, "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 2
    assert "--date 2062-01-01: is in the future" in proc.stderr
    assert _snapshot(repo) == before


def test_module_emeritus_for_a_non_maintainer_writes_nothing(repo: Path, charter: Run) -> None:
    before = _snapshot(repo)
    proc = charter("module", "emeritus", "nn", "aiko-tanaka", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stderr == ("charter: error: aiko-tanaka is not a maintainer of nn (maintainers: "
                           "priya-nair, sofia-rossi, yuki-sato)\n")
    assert _snapshot(repo) == before


def test_member_add_for_an_existing_login_writes_nothing(repo: Path, charter: Run) -> None:
    before = _snapshot(repo)
    for login in ("aiko-tanaka", "Aiko-Tanaka"):
        proc = charter("member", "add", login, "--name", "Someone", "--repo", str(repo))
        no_traceback(proc)
        assert proc.returncode == 1
        assert "members/aiko-tanaka.yaml" in proc.stderr
    assert _snapshot(repo) == before


def test_module_emeritus_then_check_passes(repo: Path, charter: Run) -> None:
    proc = charter("module", "emeritus", "nn", "priya-nair", "--reason", "moved on",
                   "--repo", str(repo))
    assert proc.returncode == 0, proc.stderr
    assert "wrote modules/nn.yaml" in proc.stdout
    assert charter("check", "--repo", str(repo)).returncode == 0


def test_member_add_with_a_blank_name_is_a_usage_error(repo: Path, charter: Run) -> None:
    # Was: `--name "  "` wrote name: '  '.
    proc = charter("member", "add", "yan", "--name", "  ", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 2
    assert "--name: give the person's name" in proc.stderr
    assert not (repo / "members/yan.yaml").exists()
    proc = charter("member", "add", "yan", "--name", " Yan Li ", "--repo", str(repo))
    assert proc.returncode == 0, proc.stderr
    assert "name: Yan Li\n" in (repo / "members/yan.yaml").read_text()


def test_member_add_never_writes_through_a_linked_members_folder(repo: Path, charter: Run,
                                                                  tmp_path: Path) -> None:
    # Was: with `members -> /elsewhere`, member add wrote the new file outside the repository.
    import shutil

    outside = tmp_path / "elsewhere"
    shutil.copytree(repo / "members", outside)
    shutil.rmtree(repo / "members")
    (repo / "members").symlink_to(outside)
    proc = charter("member", "add", "zed", "--name", "Zed", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert "members is a symbolic link" in proc.stderr and "nothing written" in proc.stderr
    assert not (outside / "zed.yaml").exists()
