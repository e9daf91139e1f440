"""What kind of file each changed path is, and which paths differ between two trees
(charter.gate.paths), pinned at every boundary: governance data, election records, generated
files, the checker's tooling and everything else, and the changes between trees in memory, in a
folder and in git commits (where the git listing sees modes and symlinks the bytes do not)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gate_helpers import GitRepo
from gate_memory import Memory

from charter.gate.paths import (
    GENERATED_FILES,
    TOOLING_FILES,
    TOOLING_PREFIXES,
    Change,
    changed,
    classify,
)
from charter.tree import FsTree, GitTree, MemoryTree

# --- classify -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "policy.yaml", "core.yaml", "council.yaml", "ecosystem-wg.yaml", "codeowners.yaml",
    "members/ada.yaml", "modules/nn.yaml", "ecosystem/alpha.yaml", "members/Ada.yaml",
])
def test_gov_approval_governance_data_is_classified_governance(path: str) -> None:
    assert classify(path) == "governance"


@pytest.mark.parametrize("path", [
    "elections/2026-council/election.yaml", "elections/2026-council/result.yaml",
    "elections/2026-council/ballots.csv", "elections/x/README.md",
])
def test_gov_approval_a_file_of_an_election_record_is_classified_election(path: str) -> None:
    assert classify(path) == "election"


@pytest.mark.parametrize("path", [*GENERATED_FILES, "generated/pages/landscape.yml",
                                  "generated/core/CODEOWNERS", "generated/a/b/c.md"])
def test_gov_approval_generated_files_are_classified_generated(path: str) -> None:
    assert classify(path) == "generated"


@pytest.mark.parametrize("path", [*TOOLING_FILES, *(p + "x" for p in TOOLING_PREFIXES),
                                  "scripts/charter/gate/paths.py", ".github/workflows/gate.yml",
                                  "tests/gate/conftest.py", "requirements/run.txt"])
def test_gov_approval_the_checker_and_what_runs_it_are_classified_tooling(path: str) -> None:
    assert classify(path) == "tooling"


@pytest.mark.parametrize("path", [
    "README.md", "docs/rules.md", "lib/nn/model.py",
    "elections/README.md",              # beside the records, no record
    "elections/2026-council",           # no file of a record
    "elections/a/b/c.yaml",             # deeper than a record's files
    "docs/a/b.md",                      # two levels, outside elections/
    "members/sub/ada.yaml", "members/ada.yml", "policy.yml", "pages/landscape.yaml",
    "generatedx/a", "generated", ".github", "scripts", "github/CODEOWNERS", "CODEOWNERS",
    "sub/pyproject.toml", "makefile.bak", "Elections/x/election.yaml",
])
def test_gov_approval_everything_else_is_classified_other(path: str) -> None:
    assert classify(path) == "other"


@pytest.mark.parametrize("path", ["pip.py", "pip/__init__.py", "pip.pyc", "pip.so", "x.pth",
                                  "pip/__init__.pyc"])
def test_gov_approval_a_module_python_imports_from_the_root_is_tooling(path: str) -> None:
    """The gate's jobs run `python -m pip` at the root, where such a file would be imported."""
    assert classify(path) == "tooling"


@pytest.mark.parametrize("path", ["docs/conf.py", "pip/other.py", "a/b/__init__.py"])
def test_gov_approval_python_that_cannot_be_imported_from_the_root_is_other(path: str) -> None:
    assert classify(path) == "other"


def test_gov_approval_a_root_module_that_shadows_pip_needs_the_tooling_bar() -> None:
    mem = Memory()
    mem.write({"pip.py": "import os\nos.system('echo owned')\n"})
    rc, rep = mem.check(approved=["bob"], author="ada")
    assert rc == 1
    [r] = rep["requirements"]
    assert r["groups"][0]["needed"] == 3


# --- changed ------------------------------------------------------------------------------------

BASE = {"a.txt": b"1", "b/x.yaml": b"2", "b/y.yaml": b"3", "e.md": b"same"}
HEAD = {"b/x.yaml": b"2", "b/y.yaml": b"4", "c/z.md": b"5", "e.md": b"same"}
WANT = [Change("a.txt", "D"), Change("b/y.yaml", "M"), Change("c/z.md", "A")]


def test_gov_approval_changed_lists_added_deleted_and_modified_paths_sorted() -> None:
    assert changed(MemoryTree(BASE, "main"), MemoryTree(HEAD, "pr")) == WANT
    assert changed(MemoryTree(HEAD, "main"), MemoryTree(BASE, "pr")) == [
        Change("a.txt", "A"), Change("b/y.yaml", "M"), Change("c/z.md", "D")]


def test_gov_approval_identical_trees_have_no_changes() -> None:
    assert changed(MemoryTree(BASE, "main"), MemoryTree(dict(BASE), "pr")) == []
    assert changed(MemoryTree({}, "main"), MemoryTree({}, "pr")) == []


def _folder(root: Path, files: dict[str, bytes]) -> FsTree:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return FsTree(root)


def _repo(path: Path, files: dict[str, bytes]) -> tuple[GitRepo, str]:
    repo = GitRepo(path)
    for rel, data in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_bytes(data)
    return repo, repo.commit("base")


def test_gov_approval_a_commit_against_a_folder_is_compared_by_bytes(tmp_path: Path) -> None:
    repo, sha = _repo(tmp_path / "gov", BASE)
    head = _folder(tmp_path / "edited", HEAD)
    assert changed(GitTree(repo.path, sha), head) == WANT
    assert changed(head, GitTree(repo.path, sha)) == [
        Change("a.txt", "A"), Change("b/y.yaml", "M"), Change("c/z.md", "D")]


def test_gov_approval_commits_of_two_repositories_are_compared_by_bytes(tmp_path: Path) -> None:
    one, base = _repo(tmp_path / "one", BASE)
    two, head = _repo(tmp_path / "two", HEAD)
    assert changed(GitTree(one.path, base), GitTree(two.path, head)) == WANT


def test_gov_approval_two_commits_are_compared_by_git_modes_and_symlinks_included(
        tmp_path: Path) -> None:
    repo, base = _repo(tmp_path / "gov", BASE)
    os.chmod(repo.path / "e.md", 0o755)
    os.symlink("e.md", repo.path / "link.md")
    head = repo.commit("mode and link")
    assert changed(GitTree(repo.path, base), GitTree(repo.path, head)) == [
        Change("e.md", "M"), Change("link.md", "A")]
