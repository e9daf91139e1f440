"""The schemas are valid draft 2020-12, and the fast validator always agrees with jsonschema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from charter import schema, yamlio
from charter.errors import YamlError
from charter.load import governance_paths, kind_of
from charter.tree import FsTree

from . import test_hostile, test_rules
from .foundation_fixtures import BASE

SCHEMA_FILES = sorted((Path(schema.SCHEMA_DIR)).glob("*.schema.json"))

# Documents written to sit on the boundaries where two validators could differ.
PROBES: list[tuple[str, Any]] = [
    ("member", {"login": "a", "name": "A"}),
    ("member", {"login": "a\n", "name": "A"}),
    ("member", {"login": "ab", "name": "A\n"}),
    ("member", {"login": "a" * 39, "name": "A"}),
    ("member", {"login": "a" * 40, "name": "A"}),
    ("member", {"login": "-a", "name": "A"}),
    ("member", {"login": "a", "name": "A", "github_id": True}),
    ("member", {"login": "a", "name": "A", "github_id": 1.0}),
    ("member", {"login": "a", "name": "A", "github_id": 0}),
    ("member", {"login": "a", "name": "A", "github_id": 10**12}),
    ("member", {"login": "a", "name": ""}),
    ("member", {"login": "a", "name": "A", "community": {}}),
    ("member", {"login": "a", "name": "A", "last_active": "2024-13-01"}),
    ("member", {"login": "a", "name": "A", "last_active": "2024-02-30"}),
    ("member", None),
    ("member", []),
    ("module", {"slug": "x", "name": "X", "kind": "paths", "paths": ["a/"], "maintainers": []}),
    ("module", {"slug": "x", "name": "X", "kind": "paths", "maintainers": []}),
    ("module", {"slug": "x", "name": "X", "kind": "repository", "repositories": ["o/r"],
                "paths": ["a/"], "maintainers": []}),
    ("module", {"slug": "x", "name": "X", "kind": "paths", "paths": ["a/", "a/"],
                "maintainers": []}),
    ("module", {"slug": "x", "name": "X", "kind": "paths", "paths": ["/a/"], "maintainers": []}),
    ("module", {"slug": "x", "name": "X", "kind": "paths", "paths": ["a//b"], "maintainers": []}),
    ("module", {"slug": "x", "name": "X", "kind": "paths", "paths": ["a/"], "maintainers": [],
                "decision_rule": {"kind": "fraction"}}),
    ("module", {"slug": "x", "name": "X", "kind": "paths", "paths": ["a/"], "maintainers": [],
                "decision_rule": {"kind": "count", "count": 2}}),
    ("module", {"slug": "x", "name": "X", "kind": "paths", "paths": ["a/"], "maintainers": [],
                "inactive_months": 12.0}),
    ("module", {"slug": "X", "name": "X", "kind": "paths", "paths": ["a/"], "maintainers": []}),
    ("core", {"lead": None, "maintainers": []}),
    ("core", {"lead": "a", "maintainers": ["a", "a"]}),
    ("council", {"seats": [{"login": "a", "cohort": "C", "term_start": "2026-01-01",
                            "term_end": "2027-01-01", "elected_in": "e"}]}),
    ("policy", {"organisation": {"name": "X", "github": "x"}, "council": {"seats": 0}}),
    ("policy", {"organisation": {"name": "X", "github": "x"},
                "governance": {"lead_removal_fraction": "3/0"}}),
    ("ecosystem", {"slug": "x", "name": "x", "repository": "a/b", "status": "new",
                   "functional": {"ci": {"met": True}, "bogus": {"met": False}}}),
    ("ecosystem", {"slug": "x", "name": "x", "repository": "a/b", "status": "active",
                   "reviews": [{"date": "2026-01-01", "results": {"stars": "maybe"}}]}),
]


def _parsed(files: dict[str, str | bytes | None]) -> Iterator[tuple[str, Any]]:
    for rel, text in files.items():
        kind = kind_of(rel)
        if text is None or kind is None or not schema.schema_path(kind).exists():
            continue
        raw = text.encode() if isinstance(text, str) else text
        try:
            yield kind, yamlio.loads(raw)
        except YamlError:
            continue


def fixtures() -> list[tuple[str, Any]]:
    """Every document the foundation tests use, the shipped data, and the probes above."""
    out: list[tuple[str, Any]] = list(PROBES)
    out += _parsed(dict(BASE))
    for case in test_rules.CASES:
        out += _parsed(case.files)
    for _, data, _, _ in test_hostile.CORPUS:
        if len(data) < yamlio.MAX_BYTES:
            out += _parsed({"members/evil.yaml": data})
    root = Path(__file__).resolve().parents[2]
    paths, _ = governance_paths(FsTree(root))
    out += _parsed({p: (root / p).read_bytes() for p in paths})
    return out


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(doc)


@pytest.mark.parametrize("kind", [k for k in schema.KINDS if schema.schema_path(k).exists()])
def test_bundled_schema_stands_alone(kind: str) -> None:
    """The bundled schema (what check-jsonschema is given) is valid and has no outside $ref."""
    doc = schema.bundled(kind)
    jsonschema.Draft202012Validator.check_schema(doc)
    assert "defs.schema.json" not in json.dumps(doc)


def test_fast_validator_agrees_with_jsonschema() -> None:
    cases = fixtures()
    assert len(cases) > 100
    disagree = [(kind, data) for kind, data in cases
                if schema.is_valid(kind, data) != (not schema.errors(kind, data))]
    assert disagree == []
    verdicts = {schema.is_valid(kind, data) for kind, data in cases}
    assert verdicts == {True, False}  # the fixtures exercise both outcomes


def test_every_schema_error_is_located_and_worded() -> None:
    """Each jsonschema error of an invalid fixture becomes a message with a path into the data."""
    for kind, data in fixtures():
        for where, message, _is_key in schema.errors(kind, data):
            assert isinstance(where, tuple)
            assert message and "\n" not in message


def test_trailing_newline_is_not_a_login() -> None:
    """JSON Schema patterns are ECMA-262: '$' is the end of the string, not before a newline."""
    assert not schema.errors("member", {"login": "carol", "name": "Carol"})
    errs = schema.errors("member", {"login": "carol\n", "name": "Carol"})
    assert [e[0] for e in errs] == [("login",)]


def test_many_unknown_fields_are_summed_up() -> None:
    data = {"login": "a", "name": "A", **{f"k{i:02d}": 1 for i in range(50)}}
    errs = schema.errors("member", data)
    assert len(errs) == schema.MAX_UNKNOWN_FIELDS + 1
    assert errs[0] == (("k00",), "unknown field 'k00'; allowed: affiliations, community, "
                       "contact, github_id, last_active, login, name, relationships", True)
    where, message, is_key = errs[-1]
    assert where == ("k20",) and is_key
    assert message.startswith("30 more unknown fields ('k20', 'k21', 'k22', 'k23', 'k24', ...)")
