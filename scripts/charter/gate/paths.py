"""Which files differ between two trees, and what kind of file each one is.

For two commits the answer comes from ``git diff-tree`` on the objects, so it sees every entry
(symlinks and submodules included, which the governance loader deliberately skips); for
directories it compares bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from charter import load
from charter.tree import GitTree, Tree, git

GENERATED_PREFIXES = ("generated/",)
GENERATED_FILES = (".github/CODEOWNERS",)
# The checker itself and everything that decides how it runs: core approval (GOV-APPROVAL).
TOOLING_PREFIXES = ("scripts/", "schemas/", ".github/", "tests/", "benchmarks/", ".ci/",
                    "requirements/")
TOOLING_FILES = (
    "pyproject.toml", "Makefile", ".pre-commit-hooks.yaml", ".pre-commit-config.yaml",
    "setup.py", "setup.cfg", "requirements.txt", ".gitattributes", ".gitmodules",
)
# What Python can import from the repository root: the gate's jobs run `python -m ...` there, and
# `-m` puts the working directory first on sys.path, so a `pip.py` or `pip/__init__.py` merged at
# the root would run in the job that posts the verdicts (GOV-APPROVAL: tooling).
IMPORTABLE_SUFFIXES = (".py", ".pyc", ".pyw", ".so", ".pyd", ".pth")


def _importable_from_root(path: str) -> bool:
    folder, _, name = path.rpartition("/")
    return "/" not in folder and name.endswith(IMPORTABLE_SUFFIXES) and (
        not folder or name.startswith("__init__."))


@dataclass(frozen=True)
class Change:
    """One changed path: ``status`` is A (added), D (deleted) or M (modified, mode included)."""

    path: str
    status: str


def classify(path: str) -> str:
    """governance | election | generated | tooling | other."""
    if load.kind_of(path) is not None and load.kind_of(path) != "election":
        return "governance"
    if path.startswith("elections/") and path.count("/") == 2:
        return "election"  # elections/<id>/<file>: a record; anything else there is "other"
    if path in GENERATED_FILES or path.startswith(GENERATED_PREFIXES):
        return "generated"
    if path in TOOLING_FILES or path.startswith(TOOLING_PREFIXES) or _importable_from_root(path):
        return "tooling"
    return "other"


def changed(base: Tree, head: Tree) -> list[Change]:
    """Every path that differs between ``base`` and ``head``, sorted."""
    if isinstance(base, GitTree) and isinstance(head, GitTree) and base.repo == head.repo:
        return _git_changes(base, head)
    out = []
    before = set(base.files(""))
    after = set(head.files(""))
    for p in sorted(before | after):
        if p not in after:
            out.append(Change(p, "D"))
        elif p not in before:
            out.append(Change(p, "A"))
        elif base.read(p) != head.read(p):
            out.append(Change(p, "M"))
    return out


def _git_changes(base: GitTree, head: GitTree) -> list[Change]:
    listing = git(base.repo, "diff-tree", "-r", "-z", "--no-renames", "--name-status",
                  base.commit, head.commit)
    parts = listing.split(b"\0")  # status, path, status, path, ..., and "" after the last
    out = []
    for status, name in zip(parts[0::2], parts[1::2], strict=False):
        s = status.decode()  # with --no-renames: A, D, M or T (a file made a link, or back)
        out.append(Change(name.decode("utf-8", "surrogateescape"), s if s in ("A", "D") else "M"))
    return sorted(out, key=lambda c: c.path)
