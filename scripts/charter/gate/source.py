"""Base and head read straight from git objects: nothing from the head is checked out or run.

The rules and the people who decide come from ``base``. The change itself is measured from the
merge base of the two commits, so work that landed on the base branch after the pull request
branched off is not mistaken for something the pull request undoes.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter import yamlio
from charter.errors import YamlError
from charter.findings import Finding
from charter.gate.paths import Change, changed, classify
from charter.load import load
from charter.model import State
from charter.tree import GitTree, Tree

RESULT_PREFIXES = ("result", "certified")


@dataclass
class Trees:
    base: State
    origin: State
    head: State
    head_findings: list[Finding]
    base_findings: list[Finding]
    changes: list[Change]
    elections: frozenset[str]
    generated: dict[str, bytes | None]
    base_tree: GitTree
    head_tree: GitTree
    results: dict[str, Any] = field(default_factory=dict)


def merge_base(repo: Path, a: str, b: str) -> str | None:
    proc = subprocess.run(
        ["git", "-C", str(repo), "merge-base", a, b], capture_output=True, check=False,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"},
    )
    out = proc.stdout.decode().strip()
    return out or None


def certified_elections(*trees: Tree) -> frozenset[str]:
    """Ids of elections/<id>/ that hold a result file (result.* or certified.*) in any tree."""
    out: set[str] = set()
    for t in trees:
        for p in t.files("elections"):
            parts = p.split("/")
            if len(parts) == 3 and parts[2].lower().startswith(RESULT_PREFIXES):
                out.add(parts[1])
    return frozenset(out)


def election_results(ids: frozenset[str], *trees: Tree) -> dict[str, Any]:
    """The parsed ``elections/<id>/result.yaml`` of each certified election, from the first tree
    (the base) that has it; None where it cannot be read as YAML."""
    out: dict[str, Any] = {}
    for ident in sorted(ids):
        path = f"elections/{ident}/result.yaml"
        for t in trees:
            if t.exists(path):
                try:
                    out[ident] = yamlio.loads(t.read(path))
                except (YamlError, OSError):
                    out[ident] = None
                break
    return out


def read(repo: str | os.PathLike[str], base_rev: str, head_rev: str,
         *, diff_from_merge_base: bool = True) -> Trees:
    """Load base, head and the point the change is measured from."""
    root = Path(repo)
    base_tree = GitTree(root, base_rev)
    head_tree = GitTree(root, head_rev)
    origin_tree = base_tree
    if diff_from_merge_base:
        mb = merge_base(root, base_tree.commit, head_tree.commit)
        if mb and mb != base_tree.commit:
            origin_tree = GitTree(root, mb)
    base, base_findings = load(base_tree)
    origin = base if origin_tree is base_tree else load(origin_tree)[0]
    head, head_findings = load(head_tree)
    changes = changed(origin_tree, head_tree)
    generated: dict[str, bytes | None] = {}
    for c in changes:
        if classify(c.path) == "generated":
            generated[c.path] = head_tree.read(c.path) if head_tree.exists(c.path) else None
    elections = certified_elections(base_tree, head_tree)
    return Trees(base, origin, head, head_findings, base_findings, changes, elections,
                 generated, base_tree, head_tree,
                 election_results(elections, base_tree, head_tree))
