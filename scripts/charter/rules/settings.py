"""Per-rule settings from policy.yaml's ``rules:``: a rule (or a family of rules) turned off, or
its findings given another severity.

An entry names a rule ID (``GOV-MODULE-COMMS``) or a family (``GOV-``); the most specific entry
for a finding's rule wins. The checks that decide whether the data can be read at all, or whether
the people and files it names exist, are never changed: a policy cannot silence them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from charter.findings import Finding, Severity

SETTINGS = ("off", "error", "warning", "notice")

# Never turned off or downgraded: without them the state itself (and every other rule) is wrong.
PROTECTED = ("SCHEMA", "YAML-", "INT-READ", "INT-MISSING-FILE", "INT-UNKNOWN-LOGIN",
             "INT-DUPLICATE-MEMBER", "INT-FILENAME", "INT-GENERATED", "INT-POLICY",
             "INT-TEXT", "INT-DUPLICATE-LOGIN")


def is_protected(rule_id: str) -> bool:
    return any(rule_id == p or (p.endswith("-") and rule_id.startswith(p)) for p in PROTECTED)


def entries(policy_rules: Mapping[str, Any] | None) -> dict[str, str]:
    """The usable entries: selector (upper case) -> setting; others are INT-POLICY findings."""
    out: dict[str, str] = {}
    for key, value in (policy_rules or {}).items():
        if isinstance(key, str) and value in SETTINGS:
            out[key.strip().upper()] = value
    return out


def setting_for(rule_id: str, table: Mapping[str, str]) -> str | None:
    """The setting of ``rule_id``: its own entry, else that of its longest family; None for
    none (or a protected rule)."""
    if is_protected(rule_id):
        return None
    if rule_id in table:
        return table[rule_id]
    families = [k for k in table if k.endswith("-") and rule_id.startswith(k)]
    return table[max(families, key=len)] if families else None


def configure(findings: Iterable[Finding], policy_rules: Mapping[str, Any] | None
              ) -> list[Finding]:
    """``findings`` as the policy's settings have them: off ones dropped, others re-graded."""
    table = entries(policy_rules)
    if not table:
        return list(findings)
    out = []
    for f in findings:
        how = setting_for(f.rule, table)
        if how == "off":
            continue
        if how is not None and how != f.severity.value:
            f = dataclasses.replace(f, severity=Severity(how))
        out.append(f)
    return out
