"""Base and head read straight from git objects: nothing from the head is checked out or run.

The rules and the people who decide come from ``base``. The change itself is measured from the
merge base of the two commits, so work that landed on the base branch after the pull request
branched off is not mistaken for something the pull request undoes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter.errors import CharterError
from charter.findings import Finding
from charter.gate.paths import Change, changed, classify
from charter.gate.records import Certified, Recount, certified, recount
from charter.load import load
from charter.model import State
from charter.tree import GitTree, Tree, git


@dataclass
class Trees:
    base: State
    origin: State
    head: State
    head_findings: list[Finding]
    base_findings: list[Finding]
    changes: list[Change]
    elections: frozenset[str]  # records certified on the base branch: the only ones with effect
    generated: dict[str, bytes | None]
    head_tree: Tree
    results: dict[str, Any] = field(default_factory=dict)  # their committed results
    certified: Certified = field(default_factory=lambda: Certified({}, {}))
    recounts: dict[str, Recount] = field(default_factory=dict)  # changed records, recounted
    pages: dict[str, str] = field(default_factory=dict)  # published pages the head renders


def merge_base(repo: Path, a: str, b: str) -> str | None:
    """The commit ``a`` and ``b`` last shared, or None for unrelated histories."""
    try:
        return git(repo, "merge-base", a, b).decode().strip() or None
    except CharterError:
        return None


def changed_records(changes: list[Change]) -> list[str]:
    """Ids of the election records (elections/<id>/<file>) a change touches."""
    return sorted({c.path.split("/")[1] for c in changes if classify(c.path) == "election"})


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
    return assemble(base_tree, (base, base_findings), origin, head_tree, (head, head_findings),
                    changes)


def assemble(base_tree: Tree, base: tuple[State, list[Finding]], origin: State,
             head_tree: Tree, head: tuple[State, list[Finding]], changes: list[Change]) -> Trees:
    """What the gate reads besides the two states: the generated files the change touches, the
    records certified on the base and the changed records recounted by the base's code. Any
    two trees will do (git commits, or a folder and the same folder with edits in memory, which
    is how the editing commands say what their change will need)."""
    generated: dict[str, bytes | None] = {}
    for c in changes:
        if classify(c.path) == "generated":
            generated[c.path] = head_tree.read(c.path) if head_tree.exists(c.path) else None
    done = certified(base_tree, base[0])
    recounts = {ident: recount(head_tree, head[0], base[0], ident,
                               certifying=ident not in done.ids)
                for ident in changed_records(changes)}
    pages: dict[str, str] = {}
    if generated:
        from charter.exporters.check import outputs

        pages = outputs(head_tree, head[0])
    return Trees(base[0], origin, head[0], head[1], base[1], changes, done.ids,
                 generated, head_tree, dict(done.results), done, recounts, pages)
