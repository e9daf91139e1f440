"""ECO-PERIODIC's records as functions: the review entry as it is written, the text fast path that
appends it (and every case where it must step aside for the round trip), how long a result has
been unknown, and an outcome as the JSON output gives it. In memory or in a temporary file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from charter.ecosystem import periodic, records
from charter.ecosystem.review import Review, Step, unknown_since
from charter.model import Project

REVIEW = Review("p", "2026-11-21", {"stars": 500, "contributors": ["a", "b"]},
                {"ECO-MEASURABLE": "pass", "ECO-LAYOUT": "pass"})
BASE = ("slug: p\nname: P\nrepository: org/p\nstatus: active\n"
        "decisions:\n  - date: '2026-01-10'\n    outcome: accepted\n")


def test_eco_periodic_review_entry_keys_in_order_with_flow_metrics_and_results() -> None:
    node = periodic.review_node(REVIEW)
    assert list(node) == ["date", "reviewer", "metrics", "results"]
    assert node["metrics"]["contributors"].fa.flow_style()
    assert node["metrics"].fa.flow_style() and node["results"].fa.flow_style()
    noted = Review("p", "2026-11-21", {}, {}, reasons=["short"], notes=["n"])
    assert list(periodic.review_node(noted)) == ["date", "reviewer", "metrics", "results",
                                                 "notes"]


def test_eco_periodic_outcome_as_json() -> None:
    o = periodic.Outcome("p", REVIEW, Step("notify", "2026-12-21"), actions=["opened #3"])
    assert o.as_dict() == {"slug": "p", "step": "notify", "deadline": "2026-12-21",
                           "review": REVIEW.record(), "actions": ["opened #3"]}


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "ecosystem" / "p.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


ENTRY = ("  - date: '2026-11-21'\n    reviewer: charter ecosystem review\n"
         "    metrics: {stars: 500, contributors: [a, b]}\n"
         "    results: {ECO-MEASURABLE: pass, ECO-LAYOUT: pass}\n")


def test_eco_periodic_first_review_appended_as_text(tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    assert records.append_review(path, periodic.review_node(REVIEW)) is not None
    assert path.read_text(encoding="utf-8") == BASE + "reviews:\n" + ENTRY


def test_eco_periodic_next_review_appended_after_the_last(tmp_path: Path) -> None:
    first = BASE + "reviews:\n" + ENTRY
    path = _write(tmp_path, first)
    assert records.append_review(path, periodic.review_node(REVIEW)) is not None
    assert path.read_text(encoding="utf-8") == first + ENTRY


@pytest.mark.parametrize("text", [
    BASE.replace("\n", "\r\n"),                      # CRLF: left to the round trip
    BASE.rstrip("\n"),                                # no final newline
    "- a list\n",                                     # not a mapping
    BASE + "reviews: []\n",                           # an empty flow list
    BASE + "reviews:\n" + ENTRY + "notice: {issue: 3}\n",   # reviews not the last key
    BASE + "reviews:\n" + "  # a comment first\n" + ENTRY,   # not an item right after
    b"slug: p\nname: \xff\n",                         # not UTF-8
    "slug: [\n",                                      # not YAML
])
def test_eco_periodic_text_append_steps_aside_when_not_provably_safe(tmp_path: Path,
                                                                     text: str | bytes) -> None:
    path = _write(tmp_path, text)
    before = path.read_bytes()
    assert records.append_review(path, periodic.review_node(REVIEW)) is None
    assert path.read_bytes() == before


def test_eco_periodic_an_empty_list_is_replaced_by_the_round_trip(tmp_path: Path) -> None:
    from ruamel.yaml.comments import CommentedMap

    path = _write(tmp_path, "slug: p\nreviews: []\nname: P\n")
    doc = records.read(path, "ecosystem/p.yaml")
    records.append(doc.data, "reviews", periodic.review_node(REVIEW))
    assert doc.dumps().decode() == "slug: p\nreviews:\n" + ENTRY + "name: P\n"

    doc = CommentedMap(reviews=records.flow([]))
    records.append(doc, "reviews", records.block({"date": "2026-11-21"}))
    assert not doc["reviews"].fa.flow_style() and doc["reviews"][0]["date"] == "2026-11-21"
    kept = CommentedMap(reviews=records.flow([1]))
    records.append(kept, "reviews", 2)
    assert list(kept["reviews"]) == [1, 2] and kept["reviews"].fa.flow_style()
    fresh = CommentedMap(name="p")
    records.append(fresh, "reviews", 1)
    assert list(fresh) == ["name", "reviews"] and list(fresh["reviews"]) == [1]


def _project(*reviews: dict[str, Any]) -> Project:
    return Project("p", "P", "org/p", "active", "ecosystem/p.yaml", {"reviews": list(reviews)})


def _r(date: str, result: str, ci: str | None) -> dict[str, Any]:
    return {"date": date, "results": {"ECO-FUNCTIONAL": result}, "metrics": {"ci": ci}}


def test_eco_periodic_unknown_since_the_first_of_the_unbroken_run() -> None:
    values = ("none", "pending")
    p = _project(_r("2026-01-01", "unknown", "none"), _r("2026-05-01", "pass", "success"),
                 _r("2026-06-01", "unknown", "none"), _r("2026-07-01", "unknown", "pending"))
    assert unknown_since(p, "ECO-FUNCTIONAL", "ci", values) == dt.date(2026, 6, 1)
    other = _project(_r("2026-06-01", "unknown", "failure"), _r("2026-07-01", "unknown", "none"))
    assert unknown_since(other, "ECO-FUNCTIONAL", "ci", values) == dt.date(2026, 7, 1)
    assert unknown_since(_project(_r("2026-07-01", "fail", "none")), "ECO-FUNCTIONAL", "ci",
                         values) is None
    assert unknown_since(_project(), "ECO-FUNCTIONAL", "ci", values) is None
