"""The gate's fixture organisation held in memory: the same files as the ``org`` git repository
(gate_helpers.base_files and the certified council election), judged by the same code as
``charter pr-check`` (charter.gate.source.assemble, charter.gate.evaluate.judge) without git, so
a test takes milliseconds. The mutation tests of the gate run these first; the git-backed tests
remain the proof that the command reads real repositories the same way."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from gate_helpers import RAW, base_files, dump

from charter.gate import render, source
from charter.gate.evaluate import PullRequest, judge
from charter.gate.paths import Change
from charter.gate.reviews import CHANGES, Review, local
from charter.load import load
from charter.tree import MemoryTree

SHA = "f" * 40


def _bytes(files: dict[str, Any]) -> dict[str, bytes]:
    return {p: dump(v).encode("utf-8") for p, v in files.items() if v is not None}


class Memory:
    """``base`` (main) and ``head`` (the pull request) as path -> bytes."""

    def __init__(self) -> None:
        self.base = _bytes({**base_files(), **RAW})
        self.head = dict(self.base)

    def data(self, rel: str) -> Any:
        return yaml.safe_load(self.head[rel])

    def write(self, files: dict[str, Any]) -> None:
        for rel, value in files.items():
            if value is None:
                self.head.pop(rel, None)
            else:
                self.head[rel] = dump(value).encode("utf-8")

    def edit(self, rel: str, fn: Callable[[Any], Any]) -> None:
        d = copy.deepcopy(self.data(rel))
        out = fn(d)
        self.write({rel: d if out is None else out})

    def land(self, files: dict[str, Any]) -> None:
        """An earlier pull request that merged: the base and the head both have ``files``."""
        self.write(files)
        self.base = dict(self.head)

    def report(self, *, approved: list[str] = (), author: str | None = None,  # type: ignore[assignment]
               body: str | None = None, requested: list[str] = ()) -> Any:  # type: ignore[assignment]
        """Judge the pull request: ``approved`` approve its head commit, ``requested`` ask for
        changes on it."""
        base_tree, head_tree = MemoryTree(self.base, "main"), MemoryTree(self.head, "pr")
        changes = [Change(p, "D" if p not in self.head else "A" if p not in self.base else "M")
                   for p in sorted(self.base.keys() | self.head.keys())
                   if self.base.get(p) != self.head.get(p)]
        base = load(base_tree)
        trees = source.assemble(base_tree, base, base[0], head_tree, load(head_tree), changes)
        return judge(trees, PullRequest(head_sha=SHA, author=author, body=body,
                                        reviews=(*local(list(approved), SHA),
                                                 *changes_requested(list(requested), SHA))))

    def check(self, *, approved: list[str] = (), author: str | None = None,  # type: ignore[assignment]
              body: str | None = None, requested: list[str] = ()  # type: ignore[assignment]
              ) -> tuple[int, dict[str, Any]]:
        """As gate_helpers.check: the exit code and the JSON report of ``charter pr-check``."""
        report = self.report(approved=approved, author=author, body=body, requested=requested)
        return (0 if report.ok else 1), render.as_dict(report)


def changes_requested(logins: list[str], head_sha: str) -> list[Review]:
    """Reviews asking for changes on the head commit, after any approvals."""
    return [Review(login, None, "User", CHANGES, head_sha, order=100 + i)
            for i, login in enumerate(logins)]


@pytest.fixture
def mem() -> Memory:
    return Memory()
