"""Findings: what every check produces, and the one place they are ordered and de-duplicated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located as precisely as the input allows.

    ``path`` is the repository-relative file (``""`` for repository-wide findings); ``line`` and
    ``col`` are 1-based (0 when unknown). ``rule`` is a RULES.md ID or one of charter's own
    integrity IDs (see :mod:`charter.rules`).
    """

    path: str
    line: int
    col: int
    rule: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
        }


def normalise(findings: Iterable[Finding]) -> list[Finding]:
    """Sort by file, line, column, rule and message, dropping exact repeats."""
    return sorted(set(findings))


def filter_rules(
    findings: Iterable[Finding], select: Iterable[str] = (), skip: Iterable[str] = ()
) -> list[Finding]:
    """Keep findings whose rule matches ``select`` (all when empty) and not ``skip``.

    A selector matches a rule ID exactly or as a prefix ending in ``-`` (``GOV-`` selects every
    GOV rule).
    """
    sel = [s.upper() for s in select]
    skp = [s.upper() for s in skip]

    def matches(rule: str, pats: list[str]) -> bool:
        return any(rule == p or (p.endswith("-") and rule.startswith(p)) for p in pats)

    return [f for f in findings if (not sel or matches(f.rule, sel)) and not matches(f.rule, skp)]
