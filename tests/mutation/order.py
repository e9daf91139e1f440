"""A pytest plugin for mutation runs (tests/mutation/run.py loads it): the tests a package lists
under ``first`` in pyproject.toml (path prefixes or globs) run before the others, so those most
likely to kill a mutant come first (mutmut stops at the first failure, and otherwise runs them in
no particular order)."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from typing import Any


def pytest_collection_modifyitems(items: list[Any]) -> None:
    order = [p for p in os.environ.get("CHARTER_MUTATION_ORDER", "").split(",") if p]

    def rank(item: Any) -> int:
        path = item.nodeid.split("::")[0]
        return next((i for i, p in enumerate(order) if path.startswith(p) or fnmatch(path, p)),
                    len(order))

    items.sort(key=rank)
