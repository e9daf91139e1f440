"""The JSON API v2: snapshots, every document valid against the JSON Schema published beside
it, structured data instead of prose, elections built from charter's model (nothing passed
through), and v1 left exactly as it was."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from roster_fixtures import ORG, REPO, write_org
from test_roster_api import _api_files, assert_snapshot, keys

from charter.load import load
from charter.roster import build_files
from charter.tree import FsTree

SNAPSHOTS = Path(__file__).parent / "snapshots" / "v2"
DOCUMENTS = ("index", "people", "modules", "core", "council", "ecosystem", "elections", "changes")


def v2(files: dict[str, bytes]) -> dict[str, Any]:
    return {name: json.loads(files[f"v2/{name}.json"]) for name in DOCUMENTS}


def schemas(files: dict[str, bytes]) -> dict[str, Any]:
    return {name: json.loads(files[f"v2/schema/{name}.schema.json"]) for name in DOCUMENTS}


def validate(files: dict[str, bytes]) -> None:
    """Every v2 document against the schema the site publishes for it."""
    docs, schema = v2(files), schemas(files)
    for name in DOCUMENTS:
        jsonschema.Draft202012Validator(schema[name]).validate(docs[name])


@pytest.fixture
def files(tmp_path: Path) -> dict[str, bytes]:
    return _api_files(write_org(tmp_path / "org", ORG), prefix="")


def test_v2_has_a_document_and_a_schema_for_each_name(files: dict[str, bytes]) -> None:
    published = sorted(p for p in files if p.startswith("v2/"))
    assert published == sorted([f"v2/{n}.json" for n in DOCUMENTS]
                               + [f"v2/schema/{n}.schema.json" for n in DOCUMENTS])
    index = json.loads(files["v2/index.json"])
    for name, where in index["documents"].items():
        assert f"v2/{where['path']}" in files and f"v2/{where['schema']}" in files, name


@pytest.mark.parametrize("name", DOCUMENTS)
def test_v2_snapshot(files: dict[str, bytes], name: str) -> None:
    """Each document is byte-for-byte its snapshot (CHARTER_UPDATE_SNAPSHOTS=1 rewrites them)."""
    assert_snapshot(files[f"v2/{name}.json"], SNAPSHOTS / f"{name}.json")


def test_schemas_are_valid_draft_2020_12(files: dict[str, bytes]) -> None:
    for name, schema in schemas(files).items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name


def test_every_v2_document_matches_its_schema(files: dict[str, bytes]) -> None:
    validate(files)


@pytest.mark.parametrize("which", ["shipped_site", "ties_site", "history_site"])
def test_built_sites_match_the_schemas(request: pytest.FixtureRequest, which: str) -> None:
    site: Path = request.getfixturevalue(which)
    validate({p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "v2").rglob("*")
              if p.is_file()})


def test_the_schemas_catch_what_v1_did(files: dict[str, bytes]) -> None:
    """A role as micro-syntax, a rule as a sentence, an extra field: each is refused."""
    docs, schema = v2(files), schemas(files)
    people = copy.deepcopy(docs["people"])
    people["people"]["dee-n"]["roles"][0] = "module:alpha"
    modules = copy.deepcopy(docs["modules"])
    modules["modules"]["alpha"]["decision_rule"] = "at least 2/3 of the maintainers"
    elections = copy.deepcopy(docs["elections"])
    elections["elections"]["2026-council"]["details"] = {}
    for name, doc in (("people", people), ("modules", modules), ("elections", elections)):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.Draft202012Validator(schema[name]).validate(doc)


def test_roles_and_decision_rules_are_structured(files: dict[str, bytes]) -> None:
    docs = v2(files)
    dee = docs["people"]["people"]["dee-n"]
    assert dee["roles"] == [
        {"kind": "module-maintainer", "module": "alpha"},
        {"kind": "council-member", "cohort": "A",
         "term": {"start": "2026-06-15", "end": "2028-06-15"}, "elected_in": "2026-council",
         "replaces": None}]
    assert docs["people"]["people"]["eve-o"]["roles"][-1] == {"kind": "ecosystem-wg-member",
                                                               "chair": True}
    assert docs["people"]["people"]["cy-m"]["emeritus"][1]["group"] == {"kind": "module",
                                                                        "module": "alpha"}
    assert docs["people"]["people"]["dee-n"]["avatar_url"] == (
        "https://avatars.githubusercontent.com/u/104?s=96&v=4")
    alpha, beta = docs["modules"]["modules"]["alpha"], docs["modules"]["modules"]["beta"]
    assert alpha["decision_rule"] == {"kind": "fraction", "fraction": {"numerator": 2,
                                                                      "denominator": 3},
                                      "count": None, "default": False}
    assert beta["decision_rule"] == {"kind": "majority", "fraction": None, "count": None,
                                     "default": True}
    assert alpha["contact"] == {"chat": "https://chat.example.invalid/alpha",
                                "mailing_list": "https://lists.example.invalid/alpha",
                                "meetings": "https://example.invalid/alpha/meetings"}
    assert beta["contact"] == {"chat": None, "mailing_list": None, "meetings": None}


def test_each_date_appears_once(files: dict[str, bytes]) -> None:
    e = v2(files)["elections"]["elections"]["2026-council"]
    assert e["dates"] == {"nomination": {"opens": "2026-05-01", "closes": "2026-05-14"},
                          "voting": {"opens": "2026-05-15", "closes": "2026-05-28"},
                          "finalised": "2026-06-15"}
    blob = json.dumps(e)
    for day in ("2026-05-01", "2026-05-14", "2026-05-15", "2026-05-28"):
        assert blob.count(day) == 1, day


def test_index_says_what_built_it_from_what(files: dict[str, bytes]) -> None:
    import charter

    index = json.loads(files["v2/index.json"])
    assert index["charter_version"] == charter.__version__
    assert index["source_revision"] is None  # the fixture is no git work tree
    assert index["api_version"] == 2 and index["generated_by"] == "charter roster build"


def test_elections_are_built_from_the_model_not_passed_through(tmp_path: Path) -> None:
    """A field the result file gains (or a changed shape) changes nothing in v2."""
    root = write_org(tmp_path / "org", ORG)
    before = _api_files(root, prefix="")
    after = _api_files(root, prefix="", tamper=lambda results: results["2026-council"].update(
        surprise={"secret": "x"}, totals="not a list"))
    assert after["v2/elections.json"] != before["v2/elections.json"]  # totals became unreadable
    assert b"surprise" not in after["v2/elections.json"] and b"secret" not in after[
        "v2/elections.json"]
    assert json.loads(after["v2/elections.json"])["elections"]["2026-council"]["council"][
        "candidates"] == []
    assert b"surprise" in after["v1/elections.json"]  # v1 passes through, as it always did
    validate(after)


def test_v2_fields_are_documented(files: dict[str, bytes]) -> None:
    doc = (REPO / "docs" / "roster-api.md").read_text(encoding="utf-8")
    section = doc.split("# Version 2", 1)[1]
    documented = {w for span in re.findall(r"`([^`]+)`", section)
                  for w in re.findall(r"[a-z_0-9]+", span)}

    published: set[str] = set()
    for name in DOCUMENTS:
        published |= keys(v2(files)[name], set())
    # keys that are data (logins, slugs, election ids), not field names
    data = {"ada-l", "bo-k", "cy-m", "dee-n", "eve-o", "fay-p", "alpha", "beta", "shiny",
            "dusty", "hopeful", "2026-council", "2026-member-add-fay"}
    missing = sorted(published - documented - data)
    assert missing == [], f"v2 fields missing from docs/roster-api.md: {missing}"


def test_shipped_v1_is_what_the_v1_renderer_gives() -> None:
    """Adding v2 and the new pages leaves every v1 document as the v1 view renders it."""
    from charter.roster.api import render_api
    from charter.roster.build import read_results
    from charter.roster.view import build_view

    tree = FsTree(REPO)
    state, _ = load(tree)
    results = read_results(tree, state)
    files = build_files(state, results)
    assert {k: v for k, v in files.items() if k.startswith("v1/")} == render_api(
        build_view(state, results))
