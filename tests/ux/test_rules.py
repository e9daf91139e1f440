"""charter rules: every ID a report can show is listed, so a maintainer can look it up."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Run


def test_rules_lists_every_id_check_can_report(charter: Run) -> None:
    # Was: SCHEMA, YAML-*, INT-READ, INT-GENERATED, PC-ELECTION ... appeared in reports (and are
    # accepted by --select) but `charter rules` did not list them.
    proc = charter("rules", "--format", "json")
    assert proc.returncode == 0
    listed = {r["rule"] for r in json.loads(proc.stdout)}
    for rid in ("SCHEMA", "YAML-SYNTAX", "INT-READ", "INT-GENERATED", "INT-MISSING-FILE",
                "INT-STRAY-FILE", "PC-ELECTION", "INT-UNKNOWN-LOGIN", "GOV-MODULE"):
        assert rid in listed
    text = charter("rules").stdout
    assert "\nINT-GENERATED " in text


def test_every_id_charter_rules_lists_is_accepted_by_select(repo: Path, charter: Run) -> None:
    ids = [r["rule"] for r in json.loads(charter("rules", "--format", "json").stdout)]
    args = [a for rid in ids for a in ("--select", rid)]
    proc = charter("check", "--repo", str(repo), *args)
    assert proc.returncode == 0, proc.stderr
