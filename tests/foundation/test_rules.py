"""Data-driven cases per rule ID: each invalid case names the rule, file and line it must report.

Every case is a variation of the fixture organisation (``foundation_fixtures.BASE``) written to a
real directory and loaded by the real loader; the rules run on the fixed date TODAY. Valid cases
are near misses that must *not* be reported under the rule.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from charter import rules
from charter.findings import Severity

from .foundation_fixtures import BASE, check_org, core, council, member, module, write_org

START, END_A, END_B = "2026-06-15", "2028-06-15", "2027-06-15"
EMERITUS_ERIN = "emeritus:\n  - login: erin\n    since: '2025-01-01'\n"
POLICY = BASE["policy.yaml"]  # ends inside its council: section


@dataclass
class Case:
    name: str
    rule: str
    files: dict[str, str | bytes | None]
    path: str = ""
    line: int = 0
    col: int | None = None
    valid: bool = False
    severity: Severity = Severity.ERROR
    message: str = ""  # a fragment the message must contain
    extra: list[tuple[str, str, int]] = field(default_factory=list)


CASES = [
    # --- INT-UNKNOWN-LOGIN -----------------------------------------------------------------
    Case("core maintainer without member file", "INT-UNKNOWN-LOGIN",
         {"core.yaml": core("alice", "bob", "zed")}, "core.yaml", 6, 5, message="zed"),
    Case("module maintainer spelled differently", "INT-UNKNOWN-LOGIN",
         {"modules/tools.yaml": module("tools", "Dave", repos=("test-org/tools",))},
         "modules/tools.yaml", 7, 5, message="spelled 'dave'"),
    Case("relationship to an unknown login", "INT-UNKNOWN-LOGIN",
         {"members/bob.yaml": member("bob", 102, None,
                                     extra="relationships:\n  - login: ghost\n    kind: family\n")},
         "members/bob.yaml", 6, 12),
    Case("working-group chair unknown", "INT-UNKNOWN-LOGIN",
         {"ecosystem-wg.yaml": "chair: nobody\nmembers: [alice]\n"}, "ecosystem-wg.yaml", 1, 8),
    Case("every login known", "INT-UNKNOWN-LOGIN", {}, valid=True),
    # --- INT-FILENAME ----------------------------------------------------------------------
    Case("member file named for someone else", "INT-FILENAME",
         {"members/alicia.yaml": member("alyssa", 107)}, "members/alicia.yaml", 2, 8),
    Case("module file named for another slug", "INT-FILENAME",
         {"modules/tools.yaml": None,
          "modules/tooling.yaml": module("tools", "dave", repos=("test-org/tools",))},
         "modules/tooling.yaml", 1, 7),
    # --- INT-DUPLICATE-MEMBER --------------------------------------------------------------
    Case("two files with one github_id", "INT-DUPLICATE-MEMBER",
         {"members/zoe.yaml": member("zoe", 101)}, "members/zoe.yaml", 3, 12),
    Case("two logins differing only in case", "INT-DUPLICATE-MEMBER",
         {"members/Alice.yaml": member("Alice", 108)}, "members/alice.yaml", 2, 8,
         message="ignore case"),
    # --- INT-DATE --------------------------------------------------------------------------
    Case("February 30th", "INT-DATE",
         {"core.yaml": core("alice", "bob").replace("2026-10-01", "2026-02-30")},
         "core.yaml", 6, 15),
    Case("a real leap day", "INT-DATE",
         {"core.yaml": core("alice", "bob").replace("2026-10-01", "2024-02-29")}, valid=True),
    # --- INT-RELATIONSHIP ------------------------------------------------------------------
    Case("relationship with oneself", "INT-RELATIONSHIP",
         {"members/bob.yaml": member("bob", 102, None,
                                     extra="relationships:\n  - login: bob\n    kind: family\n")},
         "members/bob.yaml", 6, 12),
    Case("relationship declared twice", "INT-RELATIONSHIP",
         {"members/bob.yaml": member("bob", 102, None, extra=(
             "relationships:\n  - login: carol\n    kind: family\n"
             "  - login: Carol\n    kind: romantic\n"))},
         "members/bob.yaml", 8, 5, message="declared twice"),
    Case("relationship with someone else", "INT-RELATIONSHIP",
         {"members/bob.yaml": member("bob", 102, None,
                                     extra="relationships:\n  - login: carol\n    kind: family\n")},
         valid=True),
    # --- INT-FRACTION ----------------------------------------------------------------------
    Case("a module rule above one", "INT-FRACTION",
         {"modules/tools.yaml": module("tools", "dave", repos=("test-org/tools",), extra=(
             "decision_rule:\n  kind: fraction\n  fraction: '3/2'\n"))},
         "modules/tools.yaml", 10, 13, message="not a proportion"),
    Case("a module rule of two thirds", "INT-FRACTION",
         {"modules/tools.yaml": module("tools", "dave", repos=("test-org/tools",), extra=(
             "decision_rule:\n  kind: fraction\n  fraction: '2/3'\n"))},
         valid=True),
    # --- INT-TEXT --------------------------------------------------------------------------
    Case("a right-to-left override in a name", "INT-TEXT",
         {"members/bob.yaml": member("bob", 102, "Beta Labs").replace(
             "name: Bob Example", "name: Bob \u202eelpmaxE")},
         "members/bob.yaml", 4, 7, message="U+202E"),
    Case("a zero-width space written as an escape", "INT-TEXT",
         {"members/bob.yaml": member("bob", 102, "Beta Labs").replace(
             "name: Bob Example", 'name: "Bob\\u200bExample"')},
         "members/bob.yaml", 4, 7, message="U+200B"),
    Case("a Persian name with its zero-width non-joiner", "INT-TEXT",
         {"members/bob.yaml": member("bob", 102, "Beta Labs").replace(
             "name: Bob Example", "name: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")},
         valid=True),
    # --- INT-DUPLICATE-LOGIN ---------------------------------------------------------------
    Case("a core maintainer listed twice in two spellings", "INT-DUPLICATE-LOGIN",
         {"core.yaml": core("alice", "bob", "Bob")}, "core.yaml", 6, 5, message="as bob"),
    Case("different people", "INT-DUPLICATE-LOGIN", {"core.yaml": core("alice", "bob")},
         valid=True),
    # --- files that are missing, misplaced or unreadable -----------------------------------
    Case("core.yaml missing", "INT-MISSING-FILE", {"core.yaml": None}, "core.yaml", 0),
    Case("a .yml file in members/", "INT-STRAY-FILE",
         {"members/gina.yml": member("gina", 109)}, "members/gina.yml", 0, message="rename"),
    Case("a text file in modules/", "INT-STRAY-FILE", {"modules/README.txt": "notes\n"},
         "modules/README.txt", 0),
    Case(".gitkeep is allowed", "INT-STRAY-FILE", {"ecosystem/.gitkeep": ""}, valid=True),
    Case("file over 1 MiB", "YAML-SIZE",
         {"members/big.yaml": "# " + "x" * (1024 * 1024 + 10) + "\n"}, "members/big.yaml", 0),
    # --- GOV-ROLES / GOV-LEAD-ELECT --------------------------------------------------------
    Case("lead who is not a core maintainer", "GOV-ROLES",
         {"core.yaml": core("alice", "bob", lead="frank")}, "core.yaml", 2, 7),
    Case("no core maintainers", "GOV-ROLES",
         {"core.yaml": "lead: null\nmaintainers: []\n"}, "core.yaml", 2, 14),
    Case("vacant lead post", "GOV-LEAD-ELECT",
         {"core.yaml": core("alice", "bob", lead=None)}, "core.yaml", 2, 7,
         severity=Severity.WARNING),
    Case("no lead where the policy has none", "GOV-LEAD-ELECT",
         {"policy.yaml": POLICY + "governance:\n  has_lead: false\n",
          "core.yaml": "maintainers: [alice, bob]\n"}, valid=True),
    Case("a lead where the policy has none", "GOV-ROLES",
         {"policy.yaml": POLICY + "governance:\n  has_lead: false\n"}, "core.yaml", 2, 1,
         message="has no lead"),
    Case("lead left out: the post is vacant", "GOV-LEAD-ELECT",
         {"core.yaml": "maintainers: [alice, bob]\n"}, "core.yaml", 1, 1,
         severity=Severity.WARNING),
    # --- GOV-INDIVIDUALS -------------------------------------------------------------------
    Case("two employers", "GOV-INDIVIDUALS",
         {"members/bob.yaml": member("bob", 102, "Beta Labs",
                                     extra="  - entity: Delta Co\n    role: owner\n")},
         "members/bob.yaml", 8, 5),
    Case("an employer and an advisory role", "GOV-INDIVIDUALS",
         {"members/bob.yaml": member("bob", 102, "Beta Labs",
                                     extra="  - entity: Delta Co\n    role: advisor\n")},
         valid=True),
    # --- GOV-MODULE ------------------------------------------------------------------------
    Case("repository outside the organisation", "GOV-MODULE",
         {"modules/tools.yaml": module("tools", "dave", repos=("other-org/tools",))},
         "modules/tools.yaml", 5, 5, message="other-org/tools"),
    Case("module without maintainers", "GOV-MODULE",
         {"modules/tools.yaml": module("tools", repos=("test-org/tools",))},
         "modules/tools.yaml", 6, 14, severity=Severity.WARNING),
    # --- GOV-MODULE-COMMS ------------------------------------------------------------------
    Case("no links at all", "GOV-MODULE-COMMS",
         {"modules/nn.yaml": module("nn", "carol", paths=("src/nn/",), links=False)},
         "modules/nn.yaml", 1, 7, severity=Severity.WARNING, message="vision, roadmap"),
    Case("roadmap missing", "GOV-MODULE-COMMS",
         {"modules/nn.yaml": module("nn", "carol", paths=("src/nn/",), links=False,
                                    extra="links:\n  vision: https://example.org/v\n"
                                          "  design_docs: https://example.org/d\n")},
         "modules/nn.yaml", 9, 3, severity=Severity.WARNING, message="roadmap"),
    # --- GOV-EMERITUS ----------------------------------------------------------------------
    Case("maintainer and emeritus at once", "GOV-EMERITUS",
         {"modules/tools.yaml": module("tools", "dave", "erin", repos=("test-org/tools",),
                                       extra=EMERITUS_ERIN)},
         "modules/tools.yaml", 10, 12, message="both"),
    Case("core maintainer and core emeritus", "GOV-EMERITUS",
         {"core.yaml": core("alice", "bob",
                            extra="emeritus:\n  - login: bob\n    since: '2025-01-01'\n")},
         "core.yaml", 8, 12),
    Case("inactive for longer than the default 12 months", "GOV-EMERITUS",
         {"members/dave.yaml": member("dave", 104, extra="last_active: '2025-10-20'\n")},
         "modules/tools.yaml", 8, 5, severity=Severity.WARNING, message="inactive since"),
    Case("inactive for less than the module's own 24 months", "GOV-EMERITUS",
         {"members/dave.yaml": member("dave", 104, extra="last_active: '2025-10-20'\n"),
          "modules/tools.yaml": module("tools", "dave", repos=("test-org/tools",),
                                       extra="inactive_months: 24\n")},
         valid=True),
    # --- GOV-MODULES-SCOPE -----------------------------------------------------------------
    Case("nested paths of two modules", "GOV-MODULES-SCOPE",
         {"modules/quant.yaml": module("quant", "frank", paths=("src/nn/quant/",))},
         "modules/quant.yaml", 5, 5, message="overlaps 'src/nn/'"),
    Case("nested paths with a sibling sorting between them", "GOV-MODULES-SCOPE",
         {"modules/nn.yaml": module("nn", "carol", paths=("src/nn",)),
          "modules/nnx.yaml": module("nnx", "carol", paths=("src/nn-x/",)),
          "modules/quant.yaml": module("quant", "frank", paths=("src/nn/quant/",))},
         "modules/quant.yaml", 5, 5, message="overlaps 'src/nn' of module nn"),
    Case("the same repository in two modules", "GOV-MODULES-SCOPE",
         {"modules/tools2.yaml": module("tools2", "frank", repos=("test-org/Tools",))},
         "modules/tools2.yaml", 5, 5),
    Case("overlap declared by one side only", "GOV-MODULES-SCOPE",
         {"modules/quant.yaml": module("quant", "frank", paths=("src/nn/quant/",),
                                       extra="overlaps: [nn]\n")},
         "modules/quant.yaml", 5, 5),
    Case("overlap declared by both", "GOV-MODULES-SCOPE",
         {"modules/quant.yaml": module("quant", "frank", paths=("src/nn/quant/",),
                                       extra="overlaps: [nn]\n"),
          "modules/nn.yaml": module("nn", "carol", paths=("src/nn/",),
                                    extra="overlaps: [quant]\n")},
         valid=True),
    Case("sibling paths sharing a prefix", "GOV-MODULES-SCOPE",
         {"modules/quant.yaml": module("quant", "frank", paths=("src/nnx/", "src/n"))},
         valid=True),
    Case("overlaps names no module", "GOV-MODULES-SCOPE",
         {"modules/nn.yaml": module("nn", "carol", paths=("src/nn/",),
                                    extra="overlaps: [ghost]\n")},
         "modules/nn.yaml", 8, 12, message="'ghost'"),
    # --- GOV-CORE-CADENCE ------------------------------------------------------------------
    Case("no core meeting for ten months", "GOV-CORE-CADENCE",
         {"core.yaml": core("alice", "bob").replace("2026-10-01", "2026-01-15")},
         "core.yaml", 6, 15, severity=Severity.WARNING),
    Case("met three months ago to the day", "GOV-CORE-CADENCE",
         {"core.yaml": core("alice", "bob").replace("2026-10-01", "2026-08-21")}, valid=True),
    # --- PC-SIZE ---------------------------------------------------------------------------
    Case("six seats", "PC-SIZE",
         {"council.yaml": council(*[(x, "A" if i < 2 else "B", START, END_A if i < 2 else END_B)
                                    for i, x in enumerate(["alice", "bob", "carol", "dave",
                                                           "erin", "frank"])])},
         "council.yaml", 27, 5, message="6 seats"),
    Case("three in cohort A", "PC-SIZE",
         {"council.yaml": council(("alice", "A", START, END_A), ("bob", "A", START, END_A),
                                  ("dave", "A", START, END_A))},
         "council.yaml", 13, 13, message="cohort A"),
    Case("one person in two seats", "PC-SIZE",
         {"council.yaml": council(("alice", "A", START, END_A), ("alice", "B", START, END_B))},
         "council.yaml", 2, 12, message="more than one seat"),
    Case("a full council of five", "PC-SIZE",
         {"council.yaml": council(("alice", "A", START, END_A), ("bob", "A", START, END_A),
                                  ("dave", "B", START, END_B), ("erin", "B", START, END_B),
                                  ("carol", "B", START, END_B))},
         valid=True),
    Case("a cohort the policy does not name", "PC-SIZE",
         {"council.yaml": council(("alice", "C", START, END_A))}, "council.yaml", 3, 13,
         message="not one of the policy's cohorts"),
    Case("cohorts that do not add up to the seats", "PC-SIZE",
         {"policy.yaml": POLICY + "  cohorts: {A: 2, B: 2}\n"}, "policy.yaml", 10, 12,
         message="add up to 4 seats"),
    Case("one named cohort of five", "PC-SIZE",
         {"policy.yaml": POLICY + "  term_years: 1\n  cohorts: {steering: 5}\n",
          "council.yaml": council(*[(x, "steering", START, "2027-06-15")
                                    for x in ("alice", "bob", "dave", "erin", "carol")])},
         valid=True),
    # --- PC-COI ----------------------------------------------------------------------------
    Case("three council members from one employer", "PC-COI",
         {"council.yaml": council(("alice", "A", START, END_A), ("carol", "B", START, END_B),
                                  ("frank", "B", START, END_B))},
         "council.yaml", 12, 12, message="'acme corp'"),
    Case("plain foundation membership is exempt", "PC-COI",
         {"council.yaml": council(("erin", "A", START, END_A), ("gina", "B", START, END_B),
                                  ("hugo", "B", START, END_B)),
          "members/gina.yaml": member("gina", 109, "Test Foundation", "member"),
          "members/hugo.yaml": member("hugo", 110, "Test Foundation", "member")},
         valid=True),
    Case("foundation staff are not exempt", "PC-COI",
         {"council.yaml": council(("erin", "A", START, END_A), ("gina", "B", START, END_B),
                                  ("hugo", "B", START, END_B)),
          "members/gina.yaml": member("gina", 109, "Test Foundation", "staff"),
          "members/hugo.yaml": member("hugo", 110, "Test Foundation", "director"),
          "members/erin.yaml": member("erin", 105, "Test Foundation", "staff")},
         "council.yaml", 12, 12),
    # --- PC-TERM ---------------------------------------------------------------------------
    Case("term ending before it starts", "PC-TERM",
         {"council.yaml": council(("alice", "A", START, "2026-01-01"))}, "council.yaml", 5, 15),
    Case("term longer than two years", "PC-TERM",
         {"council.yaml": council(("alice", "A", START, "2028-06-16"))}, "council.yaml", 5, 15,
         message="past 2 years"),
    Case("term of exactly two years", "PC-TERM",
         {"council.yaml": council(("alice", "A", START, END_A))}, valid=True),
    # --- INT-POLICY: policy.yaml's rules: settings ----------------------------------------
    Case("a setting for a rule that does not exist", "INT-POLICY",
         {"policy.yaml": POLICY + "rules:\n  GOV-MODULE-COMS: off\n"}, "policy.yaml", 11, 3,
         message="did you mean 'GOV-MODULE-COMMS'"),
    Case("a setting that would silence a protected check", "INT-POLICY",
         {"policy.yaml": POLICY + "rules:\n  INT-UNKNOWN-LOGIN: off\n"}, "policy.yaml", 11, 3,
         message="cannot be changed"),
    Case("a rule and a family set", "INT-POLICY",
         {"policy.yaml": POLICY + "rules:\n  GOV-MODULE-COMMS: off\n  PC-: warning\n"},
         valid=True),
    # --- SCHEMA ----------------------------------------------------------------------------
    Case("unknown field, with a suggestion", "SCHEMA",
         {"members/bob.yaml": member("bob", 102, None, extra="emial: bob@example.org\n")},
         "members/bob.yaml", 5, 1, message="unknown field 'emial'"),
    Case("missing required field", "SCHEMA",
         {"members/bob.yaml": "login: bob\n"}, "members/bob.yaml", 1, 1,
         message="missing required field 'name'"),
    Case("login outside GitHub's grammar", "SCHEMA",
         {"members/bob.yaml": "login: bob--x\nname: Bob\n"}, "members/bob.yaml", 1, 8),
    Case("value not in the enum", "SCHEMA",
         {"members/bob.yaml": member("bob", 102, "Beta Labs", role="boss")},
         "members/bob.yaml", 7, 11, message="'boss' is not one of"),
    Case("wrong type", "SCHEMA",
         {"members/bob.yaml": "login: bob\ngithub_id: '102'\nname: Bob\n"},
         "members/bob.yaml", 2, 12, message="expected an integer"),
    Case("repositories on a paths module", "SCHEMA",
         {"modules/nn.yaml": module("nn", "carol", paths=("src/nn/",),
                                    extra="repositories: [test-org/nn]\n")},
         "modules/nn.yaml", 8, 1, message="not allowed when kind is 'paths'"),
    Case("a path CODEOWNERS cannot express", "SCHEMA",
         {"modules/nn.yaml": module("nn", "carol", paths=("src/*.py",))},
         "modules/nn.yaml", 5, 5),
    Case("a path climbing out with ..", "SCHEMA",
         {"modules/nn.yaml": module("nn", "carol", paths=("src/../etc/",))},
         "modules/nn.yaml", 5, 5),
    Case("a date that is not ISO 8601", "SCHEMA",
         {"core.yaml": core("alice", "bob").replace("'2026-10-01'", "01/10/2026")},
         "core.yaml", 6, 15),
    Case("empty file", "SCHEMA", {"members/bob.yaml": ""}, "members/bob.yaml", 1, 1),
    Case("a list where a mapping belongs", "SCHEMA",
         {"members/bob.yaml": "- login: bob\n"}, "members/bob.yaml", 1, 1),
    # --- YAML-* ----------------------------------------------------------------------------
    Case("syntax error", "YAML-SYNTAX", {"members/bob.yaml": "login: bob\nname: [Bob\n"},
         "members/bob.yaml", 3, 1),
    Case("tab indentation", "YAML-SYNTAX",
         {"members/bob.yaml": "login: bob\nname: Bob\naffiliations:\n\t- entity: X\n"},
         "members/bob.yaml", 4, 1, message="tab"),
    Case("duplicate key", "YAML-DUPLICATE-KEY",
         {"members/bob.yaml": "login: bob\nname: Bob\nlogin: bobby\n"}, "members/bob.yaml", 3, 1,
         message="first at line 1"),
    Case("anchor and alias", "YAML-ALIAS",
         {"members/bob.yaml": "login: &l bob\nname: *l\n"}, "members/bob.yaml", 1, 8),
    Case("merge key", "YAML-ALIAS",
         {"members/bob.yaml": "login: bob\n<<: {name: Bob}\n"}, "members/bob.yaml", 2, 1),
    Case("custom tag", "YAML-TAG",
         {"members/bob.yaml": "login: bob\nname: !!python/object:os.system echo\n"},
         "members/bob.yaml", 2, 7),
    Case("BOM", "YAML-ENCODING", {"members/bob.yaml": b"\xef\xbb\xbflogin: bob\nname: Bob\n"},
         "members/bob.yaml", 1, 1),
    Case("invalid UTF-8", "YAML-ENCODING", {"members/bob.yaml": b"login: bob\nname: B\xffb\n"},
         "members/bob.yaml", 2, 8),
    Case("NUL byte", "YAML-ENCODING", {"members/bob.yaml": b"login: bob\nname: B\x00b\n"},
         "members/bob.yaml", 2, 8),
    Case("deep nesting", "YAML-DEPTH", {"members/bob.yaml": "x: " + "[" * 500 + "]" * 500 + "\n"},
         "members/bob.yaml", 1),
    Case("nesting 100 deep in a short file", "YAML-DEPTH",
         {"members/bob.yaml": "x: " + "[" * 100 + "]" * 100 + "\n"}, "members/bob.yaml", 1, 67),
    Case("nesting 64 deep is allowed", "YAML-DEPTH",
         {"members/frank.yaml": "x: " + "[" * 63 + "]" * 63 + "\n"}, valid=True),
    Case("huge integer", "YAML-VALUE", {"members/bob.yaml": "login: bob\ngithub_id: " + "9" * 40},
         "members/bob.yaml", 2, 12),
    Case("two documents", "YAML-SYNTAX",
         {"members/bob.yaml": "login: bob\nname: Bob\n---\nlogin: eve\n"},
         "members/bob.yaml", 3, 1, message="more than one YAML document"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.rule}:{c.name}")
def test_rule_case(case: Case, tmp_path: Path) -> None:
    findings = check_org(write_org(tmp_path, case.files))
    mine = [f for f in findings if f.rule == case.rule]
    if case.valid:
        assert mine == [], f"{case.rule} reported on a valid case: {mine}"
        return
    at = [f for f in mine if f.path == case.path and f.line == case.line]
    assert at, f"expected {case.rule} at {case.path}:{case.line}; got {mine or findings}"
    f = at[0]
    if case.col is not None:
        assert f.col == case.col, f
    assert f.severity is case.severity, f
    assert case.message in f.message, f


def test_gov_module_comms_asks_where_disputes_are_resolved(tmp_path: Path) -> None:
    """Was: the dispute-resolution link was never asked for; a module linking only its vision,
    roadmap and design docs passed."""
    plans = ("links:\n  vision: https://example.org/v\n  roadmap: https://example.org/r\n"
             "  design_docs: https://example.org/d\n")
    files = {"modules/nn.yaml": module("nn", "carol", paths=("src/nn/",), links=False,
                                       extra=plans)}
    found = [f for f in check_org(write_org(tmp_path, files)) if f.rule == "GOV-MODULE-COMMS"]
    assert [(f.path, f.severity, f.message) for f in found] == [
        ("modules/nn.yaml", Severity.WARNING,
         "module nn does not link its disputes; add them under links:")]
    files["modules/nn.yaml"] += "  disputes: https://example.org/disputes\n"
    found = [f for f in check_org(write_org(tmp_path / "b", files))
             if f.rule == "GOV-MODULE-COMMS"]
    assert found == []


def test_base_organisation_is_clean(tmp_path: Path) -> None:
    """The fixture every case varies is itself clean, so each case's finding is its own."""
    errors = [f for f in check_org(write_org(tmp_path)) if f.severity is Severity.ERROR]
    assert errors == []


def test_every_foundation_rule_has_invalid_and_valid_cases() -> None:
    """Each rule ID registered in integrity.py, gov.py and pc.py is exercised here."""
    rules.all_rules()
    ids = {r.id for rid in rules.REGISTRY for r in rules.REGISTRY[rid]
           if r.fn.__module__.rsplit(".", 1)[-1] in ("integrity", "gov", "pc")}
    invalid = {c.rule for c in CASES if not c.valid}
    assert ids <= invalid, f"rules without an invalid case: {sorted(ids - invalid)}"
    valid = {c.rule for c in CASES if c.valid}
    # rules whose only outcome is a warning have their clean case in the base organisation
    assert {"INT-UNKNOWN-LOGIN", "PC-SIZE", "PC-COI", "PC-TERM", "GOV-MODULES-SCOPE"} <= valid


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    """A member file that cannot be read (a dangling symlink) is reported, not raised."""
    root = write_org(tmp_path)
    os.symlink(tmp_path / "nowhere.yaml", root / "members" / "ghost.yaml")
    findings = check_org(root)
    assert [(f.path, f.rule) for f in findings if f.rule == "INT-READ"] == [
        ("members/ghost.yaml", "INT-READ")]


def test_one_broken_file_hides_nothing_else(tmp_path: Path) -> None:
    """Findings from every file are collected: a syntax error does not stop the other checks."""
    findings = check_org(write_org(tmp_path, {
        "members/bob.yaml": "login: bob\nname: [Bob\n",
        "core.yaml": core("alice", "bob", "zed"),
        "modules/nn.yaml": module("nn", "carol", paths=("src/nn/",), extra="colour: red\n"),
    }))
    got = {(f.path, f.rule) for f in findings}
    assert {("members/bob.yaml", "YAML-SYNTAX"), ("core.yaml", "INT-UNKNOWN-LOGIN"),
            ("modules/nn.yaml", "SCHEMA")} <= got


def test_findings_are_sorted_and_unique(tmp_path: Path) -> None:
    findings = check_org(write_org(tmp_path, {
        "core.yaml": core("alice", "bob", "zed", "yan"),
        "members/bob.yaml": "login: bob\n",
    }))
    assert findings == sorted(set(findings))
    assert len(findings) >= 3


def test_shipped_repository_has_no_errors(repo_root: Path) -> None:
    findings = check_org(repo_root)
    assert [f for f in findings if f.severity is Severity.ERROR] == []


# --- policy.yaml's rules: settings, applied to every rule's findings ---------------------------

def _rules(tmp_path: Path, settings: str, files: dict[str, str | bytes | None]
           ) -> list[tuple[str, Severity]]:
    root = write_org(tmp_path, {"policy.yaml": BASE["policy.yaml"] + "rules:\n" + settings,
                                **files})
    return [(f.rule, f.severity) for f in check_org(root)]


NO_LINKS = module("nn", "carol", paths=("src/nn/",), links=False)


def test_a_rule_turned_off_reports_nothing(tmp_path: Path) -> None:
    assert ("GOV-MODULE-COMMS", Severity.WARNING) in _rules(
        tmp_path / "a", "  PC-TERM: error\n", {"modules/nn.yaml": NO_LINKS})
    assert all(r != "GOV-MODULE-COMMS" for r, _ in _rules(
        tmp_path / "b", "  GOV-MODULE-COMMS: off\n", {"modules/nn.yaml": NO_LINKS}))


def test_the_most_specific_setting_wins(tmp_path: Path) -> None:
    got = _rules(tmp_path, "  GOV-: off\n  GOV-MODULE-COMMS: error\n",
                 {"modules/nn.yaml": NO_LINKS,
                  "core.yaml": "lead: frank\nmaintainers: [alice, bob]\n"})
    assert ("GOV-MODULE-COMMS", Severity.ERROR) in got  # a warning made an error
    assert not any(r == "GOV-ROLES" for r, _ in got)  # the rest of the family is off


def test_a_protected_check_is_never_silenced(tmp_path: Path) -> None:
    got = _rules(tmp_path, "  INT-: off\n",
                 {"core.yaml": "lead: alice\nmaintainers: [alice, zed]\n"})
    assert ("INT-UNKNOWN-LOGIN", Severity.ERROR) in got
    assert ("INT-POLICY", Severity.ERROR) not in got  # a family may cover protected rules


def test_charter_check_applies_the_settings(tmp_path: Path, run_charter) -> None:
    root = write_org(tmp_path, {"policy.yaml": BASE["policy.yaml"] + "rules:\n  GOV-MODULE-COMMS:"
                                " error\n", "modules/nn.yaml": NO_LINKS})
    proc = run_charter("validate", "--repo", str(root), env={"CHARTER_TODAY": "2026-11-01"})
    assert proc.returncode == 1 and "GOV-MODULE-COMMS" in proc.stdout
    proc = run_charter("validate", "--repo", str(root), "--format", "json",
                       env={"CHARTER_TODAY": "2026-11-01"})
    assert {f["rule"]: f["severity"] for f in __import__("json").loads(proc.stdout)}[
        "GOV-MODULE-COMMS"] == "error"
