"""--select / --skip: a typo must never turn a check into a silent pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run, no_traceback


@pytest.mark.parametrize("command", ["check", "validate"])
@pytest.mark.parametrize("option", ["--select", "--skip"])
def test_unknown_rule_id_is_a_usage_error(repo: Path, charter: Run, command: str,
                                          option: str) -> None:
    # Was: `--select NOPE` reported nothing, printed "all good" and exited 0.
    proc = charter(command, "--repo", str(repo), option, "NOPE")
    no_traceback(proc)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "unknown rule ID 'NOPE'" in proc.stderr


def test_check_select_suggests_the_closest_rule_id(repo: Path, charter: Run) -> None:
    proc = charter("check", "--repo", str(repo), "--select", "GOV-MODUL")
    assert proc.returncode == 2
    assert "did you mean 'GOV-MODULE'?" in proc.stderr


def test_check_select_family_without_dash_suggests_the_family(repo: Path, charter: Run) -> None:
    proc = charter("check", "--repo", str(repo), "--select", "gov")
    assert proc.returncode == 2
    assert "did you mean 'GOV-' (the whole family)?" in proc.stderr


@pytest.mark.parametrize("sel", ["GOV-", "gov-module", "SCHEMA", "YAML-", "INT-UNKNOWN-LOGIN",
                                 "PC-ELECTION", "INT-GENERATED"])
def test_check_select_accepts_known_ids_and_families(repo: Path, charter: Run, sel: str) -> None:
    proc = charter("check", "--repo", str(repo), "--select", sel, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert isinstance(json.loads(proc.stdout), list)


def test_check_json_is_an_empty_array_when_nothing_is_found(repo: Path, charter: Run) -> None:
    proc = charter("check", "--repo", str(repo), "--skip", "GOV-", "--format", "json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == []
