"""The mutation runs' test order (tests/mutation/order.py): the tests a package lists under
``first`` run before the others, named by a path prefix or a glob, in the order listed."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

ORDER = Path(__file__).resolve().parents[1] / "mutation" / "order.py"


@dataclass
class Item:
    nodeid: str


def _plugin() -> ModuleType:
    spec = importlib.util.spec_from_file_location("charter_mutation_order", ORDER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_first_tests_by_prefix_and_glob_run_in_the_order_listed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_MUTATION_ORDER",
                       "tests/elections/*_units.py,tests/elections/test_election_day.py")
    items = [Item(n) for n in (
        "tests/elections/test_election_star.py::test_a",
        "tests/elections/test_election_day.py::test_b",
        "tests/elections/test_election_count_units.py::test_c",
        "tests/elections/test_election_irv.py::test_d",
        "tests/elections/test_election_motions_units.py::test_e")]
    _plugin().pytest_collection_modifyitems(items)
    assert [i.nodeid.split("::")[1] for i in items] == ["test_c", "test_e", "test_b", "test_a",
                                                        "test_d"]


def test_without_an_order_the_tests_keep_theirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHARTER_MUTATION_ORDER", raising=False)
    items = [Item("tests/b.py::x"), Item("tests/a.py::y")]
    _plugin().pytest_collection_modifyitems(items)
    assert [i.nodeid for i in items] == ["tests/b.py::x", "tests/a.py::y"]
