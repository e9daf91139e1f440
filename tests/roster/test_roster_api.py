"""The JSON API v1: snapshots of every document, determinism, and what is never published."""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from roster_fixtures import ELECTION, ORG, REPO, write_org

from charter import yamlio
from charter.load import load
from charter.roster import build_files, build_view
from charter.tree import FsTree

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("CHARTER_UPDATE_SNAPSHOTS") == "1"
DOCUMENTS = ("index", "people", "modules", "core", "council", "ecosystem", "elections")


def _api_files(root: Path, prefix: str = "v1/",
               tamper: Callable[[dict[str, Any]], None] | None = None) -> dict[str, bytes]:
    """The API of the fixture organisation (the files under ``prefix``; "" for all).

    The election is given to the renderer directly, parsed from the fixture's text, so the
    snapshot depends on the roster alone, not on the elections package's schema of the day.
    ``tamper`` may change the parsed result files first.
    """
    state, findings = load(FsTree(root))
    assert [f for f in findings if f.rule.startswith(("YAML", "SCHEMA", "INT-"))] == []
    results: dict[str, Any] = {}
    for rel, text in ELECTION.items():
        data = yamlio.loads(textwrap.dedent(text).encode())
        eid = rel.split("/")[1]
        if rel.endswith("/election.yaml"):
            state.elections[eid] = data
        else:
            results[eid] = data
    if tamper is not None:
        tamper(results)
    files = build_files(state, results)
    return {k: v for k, v in files.items() if k.startswith(prefix)}


@pytest.fixture
def api(tmp_path: Path) -> dict[str, bytes]:
    return _api_files(write_org(tmp_path / "org", ORG))


def test_api_has_exactly_the_documented_files(api: dict[str, bytes]) -> None:
    assert sorted(api) == sorted(f"v1/{name}.json" for name in DOCUMENTS)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_api_snapshot(api: dict[str, bytes], name: str) -> None:
    """Each document is byte-for-byte its snapshot (CHARTER_UPDATE_SNAPSHOTS=1 rewrites them)."""
    assert_snapshot(api[f"v1/{name}.json"], SNAPSHOTS / "v1" / f"{name}.json")


def assert_snapshot(got: bytes, snap: Path) -> None:
    if UPDATE:
        snap.parent.mkdir(parents=True, exist_ok=True)
        snap.write_bytes(got)
    assert snap.exists(), f"no snapshot {snap}; run with CHARTER_UPDATE_SNAPSHOTS=1 and review it"
    assert got.decode() == snap.read_text(encoding="utf-8")


def test_every_document_says_how_it_was_generated(api: dict[str, bytes]) -> None:
    for path, raw in api.items():
        doc = json.loads(raw)
        assert doc["generated_by"] == "charter roster build", path
        assert doc["api_version"] == 1, path
        assert raw.endswith(b"}\n")
        # sorted keys at every level: re-dumping with sort_keys gives the same bytes
        assert json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False).encode() + b"\n" == raw


def test_index_lists_every_endpoint_that_exists(api: dict[str, bytes]) -> None:
    index = json.loads(api["v1/index.json"])
    for name, rel in index["endpoints"].items():
        assert f"v1/{rel}" in api, name
    assert index["counts"]["people"] == len(json.loads(api["v1/people.json"])["people"]) == 6
    assert index["counts"]["projects_retired"] == 1
    assert index["counts"]["applications"] == 1


def test_people_carry_roles_modules_and_council_seat(api: dict[str, bytes]) -> None:
    people = json.loads(api["v1/people.json"])["people"]
    assert people["ada-l"]["roles"] == ["lead", "core", "ecosystem-wg"]
    assert people["dee-n"]["roles"] == ["module:alpha", "council"]
    assert people["dee-n"]["council"]["term_end"] == "2028-06-15"
    assert people["cy-m"]["emeritus"] == [
        {"group": "core", "reason": "moved on to other work", "since": "2024-01-01"},
        {"group": "module:alpha", "reason": None, "since": "2025-01-01"},
    ]
    assert people["eve-o"]["ecosystem_wg_chair"] is True
    assert people["fay-p"]["roles"] == []


def test_last_review_is_the_latest_by_date(api: dict[str, bytes]) -> None:
    eco = json.loads(api["v1/ecosystem.json"])
    assert eco["projects"]["shiny"]["last_review"]["date"] == "2026-06-01"
    assert set(eco["projects"]) == {"shiny", "dusty"}
    assert set(eco["applications"]) == {"hopeful"}


def test_private_data_is_never_published(api: dict[str, bytes]) -> None:
    """Relationships, contact details, who may vote and who voted stay in the repository."""
    blob = b"".join(api.values())
    assert b"family" not in blob
    assert b"fay@example.invalid" not in blob
    assert b"relationships" not in blob
    election = json.loads(api["v1/elections.json"])["elections"]["2026-council"]
    assert "electorate" not in election["details"]
    assert "participation" not in election["details"]
    assert (election["electorate_size"], election["turnout"]) == (3, 2)
    assert election["result"]["order"] == ["dee-n", "eve-o"]
    assert election["result"]["rounds"][0]["runoff"] == {"dee-n": 2, "eve-o": 0}
    motion = json.loads(api["v1/elections.json"])["elections"]["2026-member-add-fay"]
    assert motion["result"]["passed"] is True and motion["turnout"] == 3


def test_ballot_like_records_are_dropped_from_election_summaries(tmp_path: Path) -> None:
    state, _ = load(FsTree(write_org(tmp_path / "org", ORG)))
    state.elections["m1"] = {
        "kind": "motion", "title": "A motion",
        "tally": [{"voter": "ada-l", "choice": "yes"}],
        "rounds": [{"round": 1, "eliminated": "bo-k"}],
    }
    e = build_view(state)["elections"]["m1"]
    assert "tally" not in e["details"]
    assert e["details"]["rounds"] == [{"eliminated": "bo-k", "round": 1}]


def test_same_input_same_bytes_whatever_the_order_files_were_written(tmp_path: Path) -> None:
    first = write_org(tmp_path / "one", {**ORG, **ELECTION})
    second = write_org(tmp_path / "two", dict(reversed(list({**ORG, **ELECTION}.items()))))
    a = build_files(load(FsTree(first))[0])
    b = build_files(load(FsTree(second))[0])
    assert a == b
    assert a == build_files(load(FsTree(first))[0])


def keys(value: Any, out: set[str]) -> set[str]:
    """Every key of a JSON document, at every level."""
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            keys(v, out)
    elif isinstance(value, list):
        for v in value:
            keys(v, out)
    return out


def test_api_fields_are_documented(api: dict[str, bytes]) -> None:
    """Every field name the API publishes appears, in backticks, in docs/roster-api.md."""
    doc = (REPO / "docs" / "roster-api.md").read_text(encoding="utf-8")
    documented = {w for span in re.findall(r"`([^`]+)`", doc) for w in re.findall(r"[a-z_]+", span)}
    # keys that are data (logins, slugs, ids, cohorts, rule IDs) rather than field names
    data_keys = {"ada-l", "bo-k", "cy-m", "dee-n", "eve-o", "fay-p", "alpha", "beta", "shiny",
                 "dusty", "hopeful", "2026-council", "A", "B", "ECO-MEASURABLE", "ECO-LAYOUT"}

    published: set[str] = set()
    for raw in api.values():
        keys(json.loads(raw), published)
    # the election summary copies the elections package's own fields: documented there
    copied: set[str] = set()
    for eid, election in json.loads(api["v1/elections.json"])["elections"].items():
        copied |= {eid} | set(election["dates"])
        copied |= keys(election["details"], set()) | keys(election["result"], set())
    missing = sorted(published - documented - data_keys - copied)
    assert missing == [], f"fields missing from docs/roster-api.md: {missing}"


def test_shipped_data_builds_an_api_that_matches_the_data() -> None:
    state, _ = load(FsTree(REPO))
    api = {k: json.loads(v) for k, v in build_files(state).items() if k.startswith("v1/")}
    assert set(api["v1/people.json"]["people"]) == set(state.members)
    assert set(api["v1/modules.json"]["modules"]) == set(state.modules)
    assert api["v1/core.json"]["core"]["lead"] == state.core.lead


def test_snapshot_folder_has_no_stale_files() -> None:
    if not SNAPSHOTS.exists():
        pytest.skip("no snapshots yet")
    names = {p.stem for p in (SNAPSHOTS / "v1").glob("*.json")}
    assert names == set(DOCUMENTS)
