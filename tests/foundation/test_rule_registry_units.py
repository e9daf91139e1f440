"""The rule registry and the policy's per-rule settings, in process.

``register`` is called when the rule modules are imported, which mutation testing never sees
again for each mutant; these tests call it (and ``today``) themselves, so that a registry that
files a function under the wrong ID, or a ``CHARTER_TODAY`` that is not read, fails a test. The
settings are the policy's ``rules:`` table: which findings a policy turns off or re-grades, and
which checks it may never touch.
"""

from __future__ import annotations

import datetime as dt

import pytest

from charter import rules
from charter.findings import Finding, Severity
from charter.rules import Rule, register, today
from charter.rules.settings import configure, entries, is_protected, setting_for


def _one(ctx: rules.Context) -> list[Finding]:
    """First line.

    More."""
    return []


def _two(ctx: rules.Context) -> list[Finding]:
    return []


def test_register_files_each_function_under_its_id_and_returns_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "REGISTRY", {})
    assert register("X-ONE", _one) is _one
    register("X-ONE", _two)  # several functions may share an ID
    register("X-TWO", _two)
    filed = rules.REGISTRY
    assert filed == {"X-ONE": [Rule("X-ONE", _one), Rule("X-ONE", _two)],
                     "X-TWO": [Rule("X-TWO", _two)]}
    assert rules.REGISTRY["X-ONE"][0].summary == "First line."
    assert rules.REGISTRY["X-ONE"][1].summary == ""


def test_today_is_charter_today_when_set_else_the_real_date(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2030-02-03")
    assert today() == dt.date(2030, 2, 3)
    monkeypatch.setenv("CHARTER_TODAY", "")
    assert today() == dt.date.today()
    monkeypatch.delenv("CHARTER_TODAY")
    assert today() == dt.date.today()


# --- settings ---------------------------------------------------------------------------------

def test_settings_entries_keep_string_keys_with_a_known_setting_upper_cased() -> None:
    assert entries({" pc- ": "warning", "gov-x": "loud", 5: "off", "ECO-VOTE": "off",
                    "INT-": None}) == {"PC-": "warning", "ECO-VOTE": "off"}
    assert entries(None) == {} and entries({}) == {}


@pytest.mark.parametrize(("rule_id", "protected"), [
    ("SCHEMA", True), ("YAML-SYNTAX", True), ("YAML-", True), ("INT-READ", True),
    ("INT-READ-X", False), ("INT-POLICY", True), ("INT-DATE", False), ("SCHEMAS", False),
    ("GOV-REMOVE", False),
])
def test_settings_protected_checks_are_named_or_a_family(rule_id: str, protected: bool) -> None:
    assert is_protected(rule_id) is protected


def test_settings_the_rules_own_entry_then_its_longest_family() -> None:
    table = {"PC-": "warning", "PC-MEMBER-": "notice", "PC-MEMBER-ADD": "off", "GOV-": "off"}
    assert setting_for("PC-MEMBER-ADD", table) == "off"
    assert setting_for("PC-MEMBER-LAPSE", table) == "notice"
    assert setting_for("PC-TERM", table) == "warning"
    assert setting_for("ECO-VOTE", table) is None  # GOV- is a family, but not this rule's
    assert setting_for("YAML-SYNTAX", {"YAML-": "off", "YAML-SYNTAX": "off"}) is None


def _finding(rule: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding("f.yaml", 1, 1, rule, "message", severity)


def test_settings_configure_drops_the_off_and_regrades_the_rest_in_order() -> None:
    found = [_finding("GOV-A"), _finding("PC-B"), _finding("GOV-A", Severity.WARNING),
             _finding("ECO-C", Severity.WARNING), _finding("SCHEMA")]
    got = configure(found, {"GOV-A": "off", "ECO-": "error", "SCHEMA": "off", "PC-B": "error"})
    assert [(f.rule, f.severity) for f in got] == [
        ("PC-B", Severity.ERROR), ("ECO-C", Severity.ERROR), ("SCHEMA", Severity.ERROR)]
    assert configure(iter(found), None) == found
