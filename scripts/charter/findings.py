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
    ``col`` are 1-based (0 when unknown). ``rule`` is a rule ID of docs/rules.md: a source
    document's or one of charter's own integrity IDs (see :mod:`charter.rules`).
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


# Every rule ID a finding can carry: the source documents', charter's integrity IDs and the
# file-level ones (charter.rules.catalogue documents each; a test keeps the two in step).
# ``--select``/``--skip`` accept only these (or a family prefix of them), so a typo is a usage
# error instead of a filter that silently matches nothing and lets a check pass.
RULE_IDS = frozenset({
    "GOV-ROLES", "GOV-INDIVIDUALS", "GOV-MODULE", "GOV-MODULE-COMMS", "GOV-NOMINATE-MODULE",
    "GOV-NOMINATE-CORE", "GOV-REMOVE", "GOV-EMERITUS", "GOV-LEAD-REMOVE", "GOV-LEAD-ELECT",
    "GOV-MODULES-SCOPE", "GOV-VETO", "GOV-APPROVAL", "GOV-DISCUSSION", "GOV-CORE-CADENCE",
    "ECO-FUNCTIONAL", "ECO-MEASURABLE", "ECO-LAYOUT", "ECO-STATUS", "ECO-SUBMIT", "ECO-QUEUE",
    "ECO-VOTE", "ECO-RESUBMIT", "ECO-PERIODIC", "ECO-OFFBOARD",
    "PC-SIZE", "PC-TERM", "PC-ELECTION", "PC-COI", "PC-VOTE", "PC-VACANCY", "PC-MEMBER-ADD",
    "PC-MEMBER-LAPSE", "PC-MEMBER-REMOVE", "PC-NO-CONFIDENCE", "PC-AMEND",
    "INT-UNKNOWN-LOGIN", "INT-FILENAME", "INT-DUPLICATE-MEMBER", "INT-DATE", "INT-RELATIONSHIP",
    "INT-STRAY-FILE", "INT-MISSING-FILE", "INT-GENERATED", "INT-READ",
    "SCHEMA", "YAML-SYNTAX", "YAML-ENCODING", "YAML-SIZE", "YAML-DEPTH", "YAML-ALIAS",
    "YAML-TAG", "YAML-DUPLICATE-KEY", "YAML-VALUE", "YAML-KEY",
})


def check_selector(text: str, known: frozenset[str] = RULE_IDS) -> str:
    """``text`` as a selector when it names a rule ID or a family of them (``GOV-``).

    Raises ``ValueError`` with a suggestion otherwise.
    """
    import difflib

    sel = text.strip().upper()
    if sel in known or (sel.endswith("-") and any(r.startswith(sel) for r in known)):
        return sel
    families = sorted({r.split("-")[0] + "-" for r in known if "-" in r})
    if sel + "-" in families:
        hint = f"; did you mean {sel + '-'!r} (the whole family)?"
    else:
        close = difflib.get_close_matches(sel, sorted(known), n=1)
        hint = (f"; did you mean {close[0]!r}?" if close
                else f"; rule IDs start with {', '.join(families)} or are SCHEMA; "
                "charter rules lists the rule checks")
    raise ValueError(f"unknown rule ID {text!r}{hint}")
