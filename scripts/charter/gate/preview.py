"""What an edit of the working tree will need as a pull request, by the gate's own code.

The editing commands (``charter module add``, ``charter core emeritus``, ...) end by saying who
must approve the pull request their change makes. Nothing here restates a rule: the folder as it
is plays the base branch, the folder with the edit (in memory) plays the head, and both go
through the same :func:`charter.gate.source.assemble` and :func:`charter.gate.evaluate.judge`
as ``charter pr-check``, with no approvals yet. What it prints is therefore what the gate will
ask for, as long as the base branch is what the folder holds when the pull request is opened.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from charter.findings import Finding
from charter.gate import source
from charter.gate.evaluate import Outcome, PullRequest, Report, judge
from charter.gate.paths import Change
from charter.load import load
from charter.model import State
from charter.roundtrip import OverlayTree
from charter.tree import FsTree, Tree

WORKING_TREE = "0" * 40  # the head "commit" of an edit that is not committed yet


def overlay(tree: Tree, changes: Mapping[str, bytes | None]) -> OverlayTree:
    """``tree`` with ``changes`` applied in memory: new bytes, or ``None`` for a deletion."""
    return OverlayTree(tree, {p: b for p, b in changes.items() if b is not None},
                       frozenset(p for p, b in changes.items() if b is None))


def changed_paths(tree: FsTree, changes: Mapping[str, bytes | None]) -> list[Change]:
    """The paths ``changes`` really change in ``tree`` (A, M or D), sorted."""
    out = []
    for path, data in sorted(changes.items()):
        there = tree.exists(path)
        if data is None:
            if there:
                out.append(Change(path, "D"))
        elif not there:
            out.append(Change(path, "A"))
        elif tree.read(path) != data:
            out.append(Change(path, "M"))
    return out


def needs(root: Path, base: tuple[State, list[Finding]], changes: Mapping[str, bytes | None],
          *, author: str | None = None) -> Report:
    """The gate's report on ``changes`` to the folder ``root`` (loaded as ``base``), before
    anyone has approved and before the pull request has a description: every requirement, who
    may approve it and how many must, and what the description must add."""
    base_tree = FsTree(root)
    head_tree = overlay(base_tree, changes)
    head = load(head_tree)
    trees = source.assemble(base_tree, base, base[0], head_tree, head,
                            changed_paths(base_tree, changes))
    return judge(trees, PullRequest(head_sha=WORKING_TREE, author=author))


def _group_line(g: Any) -> str:
    grp = g.group
    if grp.consent:
        return f"{grp.how}: they open the pull request or approve it"
    people = ", ".join(grp.members) or "nobody"
    return f"{grp.how}: {grp.needed} of {people}"


def lines(report: Report) -> list[str]:
    """The requirements as text: one heading line each, then who approves and what to add."""
    shown = [o for o in report.outcomes if o.groups or o.requirement.problems]
    if not shown:
        return ["this change needs no approval of its own"]
    out = ["this change needs, as the rules on this branch stand (the pull request's "
           "governance-approvals check asks the same):"]
    for o in shown:
        out += outcome_lines(o)
    return out


def outcome_lines(o: Outcome) -> list[str]:
    r = o.requirement
    out = [f"  {r.rule} {r.event.path}: {r.summary}"]
    out += [f"    approval: {_group_line(g)}" for g in o.groups]
    if r.excluded and o.groups:
        out.append("    cannot approve: " + "; ".join(f"{who} ({why})"
                                                    for who, why in r.excluded.items()))
    out += [f"    to do: {p}" for p in r.problems]
    return out


def as_dicts(report: Report) -> list[dict[str, Any]]:
    """The requirements in the shape ``charter pr-check --format json`` gives them."""
    from charter.gate import render

    return list(render.as_dict(report)["requirements"])
