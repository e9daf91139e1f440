"""The rules reference, made in process: ``docs/rules.md``, CONTRIBUTING.md's approvals table and
``charter rules ID`` (the commands' own tests run them as a user does, in a subprocess, which
mutation testing cannot follow)."""

from __future__ import annotations

from pathlib import Path

from charter.rules import catalogue, reference

REPO = Path(__file__).resolve().parents[2]


def test_docs_rules_md_is_what_the_reference_makes() -> None:
    committed = (REPO / reference.RULES_DOC).read_text(encoding="utf-8")
    assert reference.markdown() == committed
    assert committed.startswith(reference.GENERATED + "\n\n# The rules charter enforces\n")


def test_contributing_table_is_regenerated_between_its_markers_only() -> None:
    text = (REPO / reference.CONTRIBUTING).read_text(encoding="utf-8")
    assert reference.contributing(text) == text  # up to date
    stale = text.replace(reference.BEGIN + "\n", reference.BEGIN + "\nan old table\n", 1)
    assert stale != text and reference.contributing(stale) == text
    assert reference.contributing("no markers") is None
    assert reference.contributing(f"{reference.BEGIN}\n") is None
    assert reference.contributing(f"{reference.END}\n{reference.BEGIN}\n") is None
    made = reference.contributing(f"a\n{reference.BEGIN}\nold\n{reference.END}\nb\n")
    assert made is not None and made.startswith(f"a\n{reference.BEGIN}\n")
    assert made.endswith(f"\n{reference.END}\nb\n") and "\nold\n" not in made
    table = made[len("a\n"):-len("b\n")]
    # markers at the very start; and with two tables only the first is regenerated
    assert reference.contributing(f"{reference.BEGIN}\nold\n{reference.END}\n") == table
    second = f"{reference.BEGIN}\nold2\n{reference.END}\n"
    twice = f"{reference.BEGIN}\nold\n{reference.END}\nb\n{second}"
    assert reference.contributing(twice) == f"{table}b\n{second}"


def test_describe_a_rule_with_its_sources_parameters_places_and_notes() -> None:
    e = catalogue.entry("GOV-LEAD-REMOVE")
    assert e is not None
    lines = reference.describe(e)
    assert lines[:5] == ["GOV-LEAD-REMOVE: Removing the lead", "", e.rule, "",
                         "Source: PyTorch Governance | Mechanics: Removing the Lead Core "
                         "Maintainer and Nominating a New Lead Core Maintainer"]
    assert lines[5] == "Parameter: governance.lead_removal_fraction (default 3/4)"  # no text
    assert lines[6:12] == [
        "Enforced by:",
        "  - the pull-request gate (charter pr-check), on the events: lead-changed, "
        "election-changed",
        "  - charter.elections.check.lead_matches",
        "  - charter.elections.motions.count_motion",
        "  - charter.elections.day.problems",
        "  - commands that apply it: charter core lead",
    ]
    assert lines[12:] == [f"Note: {n}" for n in e.notes] and len(e.notes) == 2


def test_describe_shows_this_repositorys_value_only_where_it_differs() -> None:
    e = catalogue.entry("GOV-LEAD-REMOVE")
    assert e is not None
    key = "governance.lead_removal_fraction"
    assert reference.describe(e, {key: "2/3"})[5].endswith("(default 3/4; in this repository: 2/3)")
    assert reference.describe(e, {key: "3/4"})[5].endswith("(default 3/4)")
    assert reference.describe(e, {"other.key": "1"})[5].endswith("(default 3/4)")
    size = catalogue.entry("PC-SIZE")
    assert size is not None
    shown = [x for x in reference.describe(size, {"council.cohorts": {"A": 4, "B": [1, 2]}})
             if x.startswith("Parameter: council.cohorts")]
    assert shown[0].startswith("Parameter: council.cohorts (default {A: 2, B: 3}; in this "
                               "repository: {A: 4, B: [1, 2]})")


def test_describe_sources_from_two_documents_and_a_parameters_meaning() -> None:
    e = catalogue.entry("ECO-VOTE")
    assert e is not None
    lines = reference.describe(e)
    docs = {catalogue.DOCUMENTS[s.document].title for s in e.sources}
    assert len(docs) == 2
    assert lines[4].startswith("Source: ") and lines[4].count(" | ") == 1
    assert {part.split(":")[0] for part in lines[4][len("Source: "):].split(" | ")} == docs
    remove = catalogue.entry("GOV-REMOVE")
    assert remove is not None
    [p] = [p for p in reference.params(remove) if p.key == "governance.self_emeritus"]
    assert p.description
    assert (f"Parameter: governance.self_emeritus (default {p.default}): {p.description}"
            in reference.describe(remove))


def test_markdown_table_cells_escape_the_column_bar() -> None:
    assert reference._md("a|b|") == "a\\|b\\|"
    assert reference._md("plain") == "plain"


def test_describe_charters_own_rule_and_its_function() -> None:
    e = catalogue.entry("INT-UNKNOWN-LOGIN")
    assert e is not None
    assert reference.describe(e) == [
        "INT-UNKNOWN-LOGIN: Every login is a person", "", e.rule, "",
        "Source: charter's own integrity rule",
        "Enforced by:",
        "  - charter check: charter.rules.integrity.every_login_has_a_member_file, every login "
        "named anywhere has a file members/<login>.yaml, spelled the same.",
    ]


def test_show_values_as_the_reference_writes_them() -> None:
    assert reference._show([]) == "[] (none)"
    assert reference._show(["a", ["b"], []]) == "[a, [b], [] (none)]"
    assert reference._show({"A": 2, "B": {"c": []}}) == "{A: 2, B: {c: [] (none)}}"
    assert reference._show(None) == "None"


def test_first_paragraph_on_one_line() -> None:
    assert reference._first_paragraph("  One\n   two.\n\n  Three.\n\nFour.") == "One two."
    assert reference._first_paragraph("Only.\n") == "Only."
    assert reference._first_paragraph("") == ""
