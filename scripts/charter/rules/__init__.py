"""The rule registry: one function per rule, keyed by its rule ID (see
charter.rules.catalogue and docs/rules.md).

Every rule is a pure function of the loaded :class:`~charter.model.State` that yields findings.
Its docstring's first line states the invariant it enforces. Rules are listed in one registry,
all run, and their findings are collected, sorted and de-duplicated by the caller.

charter's own integrity IDs (from no source document) start with ``INT-``; file-level problems use
``YAML-*`` and ``SCHEMA``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from charter.findings import Finding
from charter.model import State

RuleFn = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Context:
    state: State
    today: dt.date


@dataclass(frozen=True)
class Rule:
    id: str
    fn: RuleFn

    @property
    def summary(self) -> str:
        lines = (self.fn.__doc__ or "").strip().splitlines()
        return lines[0] if lines else ""  # a rule without a docstring: no summary, no crash


REGISTRY: dict[str, list[Rule]] = {}


def register(rule_id: str, fn: RuleFn) -> RuleFn:
    """Register ``fn`` under ``rule_id`` (several functions may share an ID).

    The rule modules call it right after each function rather than as a decorator: mutation
    testing (``make mutation``) leaves decorated functions unchanged, and so would test nothing.
    """
    REGISTRY.setdefault(rule_id, []).append(Rule(rule_id, fn))
    return fn


def today() -> dt.date:
    """The date rules measure windows against: ``CHARTER_TODAY`` (YYYY-MM-DD) or the real date."""
    forced = os.environ.get("CHARTER_TODAY")
    if forced:
        return dt.date.fromisoformat(forced)
    return dt.date.today()


def _load_all() -> None:
    from charter.rules import eco, gov, integrity, pc  # noqa: F401  (registration side effects)


def all_rules() -> list[Rule]:
    _load_all()
    return [r for rid in sorted(REGISTRY) for r in REGISTRY[rid]]


def run(state: State, when: dt.date | None = None) -> Iterator[Finding]:
    """Every rule's findings, as the state's policy sets them (``rules:`` in policy.yaml)."""
    from charter.rules.settings import configure

    ctx = Context(state, when or today())
    table = state.policy.values.get("rules")
    for r in all_rules():
        yield from configure(r.fn(ctx), table)
