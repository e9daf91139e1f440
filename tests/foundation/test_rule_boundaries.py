"""Every threshold and window of the rules, exactly at, one below and one above its boundary.

Written against the survivors of mutation testing (``make mutation PACKAGES=rules``): a rule that
said ``<`` where it means ``<=``, or counted one too many, passed every earlier test. Each test is
named after the rule it pins down; all run on the fixture organisation on the fixed day TODAY
(2026-11-21), loaded and checked for real.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from charter.findings import Finding, Severity
from charter.rules.util import add_months, parse_date

from .foundation_fixtures import BASE, TODAY, check_org, core, council, member, module, write_org

POLICY = BASE["policy.yaml"]  # ends inside its council: section
START = "2026-06-15"


def found(tmp_path: Path, files: dict[str, str | bytes | None], rule: str) -> list[Finding]:
    return [f for f in check_org(write_org(tmp_path, files)) if f.rule == rule]


def day(offset: int) -> str:
    """TODAY plus ``offset`` days, as YYYY-MM-DD."""
    return (TODAY + dt.timedelta(days=offset)).isoformat()


# --- util: the calendar arithmetic every window uses ----------------------------------------

@pytest.mark.parametrize(("start", "months", "want"), [
    ("2026-01-10", 1, "2026-02-10"),
    ("2026-01-31", 1, "2026-02-28"),   # clamped to the month's last day
    ("2024-01-31", 1, "2024-02-29"),   # a leap year's February
    ("2026-03-31", 1, "2026-04-30"),
    ("2026-05-31", 3, "2026-08-31"),
    ("2026-11-30", 3, "2027-02-28"),   # across the year
    ("2026-12-15", 1, "2027-01-15"),
    ("2026-01-10", 12, "2027-01-10"),
    ("2026-01-10", 11, "2026-12-10"),  # December, not month 0 of the next year
    ("2026-01-10", 24, "2028-01-10"),
])
def test_rules_add_months_calendar_months(start: str, months: int, want: str) -> None:
    assert add_months(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(want)


@pytest.mark.parametrize(("text", "want"), [
    ("2026-02-28", dt.date(2026, 2, 28)), ("2026-02-30", None), ("", None), (None, None),
    ("28/02/2026", None)])
def test_rules_parse_date(text: str | None, want: dt.date | None) -> None:
    assert parse_date(text) == want


# --- GOV-EMERITUS: inactive for exactly the period vs one day more ---------------------------

def _dave_active(last: str) -> dict[str, str | bytes | None]:
    return {"members/dave.yaml": member("dave", 104, "Gamma Inc", extra=f"last_active: '{last}'\n")}


def test_gov_emeritus_inactive_exactly_the_default_12_months_is_not_reported(tmp_path) -> None:
    assert found(tmp_path, _dave_active("2025-11-21"), "GOV-EMERITUS") == []


def test_gov_emeritus_inactive_one_day_more_than_12_months_is_reported(tmp_path) -> None:
    [f] = found(tmp_path, _dave_active("2025-11-20"), "GOV-EMERITUS")
    assert (f.path, f.line, f.col, f.severity) == ("modules/tools.yaml", 8, 5, Severity.WARNING)
    assert "inactive since 2025-11-20 (over 12 months)" in f.message


@pytest.mark.parametrize(("last", "reported"), [("2026-05-21", False), ("2026-05-20", True),
                                                ("2025-11-20", True)])
def test_gov_emeritus_a_modules_own_period_replaces_the_default(tmp_path, last, reported) -> None:
    files = {**_dave_active(last),
             "modules/tools.yaml": module("tools", "erin", "dave", repos=("test-org/tools",),
                                          extra="inactive_months: 6\n")}
    got = found(tmp_path, files, "GOV-EMERITUS")
    if not reported:
        assert got == []
        return
    [f] = got
    assert (f.path, f.line) == ("modules/tools.yaml", 8)  # dave, the second maintainer
    assert "(over 6 months)" in f.message


@pytest.mark.parametrize(("last", "reported"), [("2025-11-21", False), ("2025-11-20", True)])
def test_gov_emeritus_core_maintainers_have_the_policy_period(tmp_path, last, reported) -> None:
    files = {"members/bob.yaml": member("bob", 102, "Beta Labs", extra=f"last_active: '{last}'\n"),
             "modules/tools.yaml": module("tools", "dave", repos=("test-org/tools",),
                                          extra="inactive_months: 24\n")}
    got = [(f.path, f.line) for f in found(tmp_path, files, "GOV-EMERITUS")]
    assert got == ([("core.yaml", 5)] if reported else [])


def test_gov_emeritus_policy_period(tmp_path) -> None:
    policy = POLICY + "governance:\n  module_inactive_months: 3\n"
    assert found(tmp_path / "at", {"policy.yaml": policy, **_dave_active("2026-08-21")},
                 "GOV-EMERITUS") == []
    [f] = found(tmp_path / "past", {"policy.yaml": policy, **_dave_active("2026-08-20")},
                "GOV-EMERITUS")
    assert "(over 3 months)" in f.message


def test_gov_emeritus_modules_are_checked_without_a_core_file(tmp_path) -> None:
    files = {"core.yaml": None, **_dave_active("2025-11-20")}
    assert [f.path for f in found(tmp_path, files, "GOV-EMERITUS")] == ["modules/tools.yaml"]


def test_gov_emeritus_both_maintainer_and_emeritus_ignores_case(tmp_path) -> None:
    files = {"core.yaml": core("alice", "bob",
                               extra="emeritus:\n  - login: Bob\n    since: '2025-01-01'\n")}
    [f] = [f for f in found(tmp_path, files, "GOV-EMERITUS") if "both" in f.message]
    assert (f.path, f.line, f.severity) == ("core.yaml", 8, Severity.ERROR)


# --- GOV-CORE-CADENCE: 3 months, or the policy's period --------------------------------------

@pytest.mark.parametrize(("last", "months", "reported"), [
    ("2026-08-21", None, False), ("2026-08-20", None, True), ("2026-08-22", None, False),
    ("2026-07-21", 4, False), ("2026-07-20", 4, True), ("2026-08-20", 4, False)])
def test_gov_core_cadence_window(tmp_path, last, months, reported) -> None:
    files = {"core.yaml": core("alice", "bob").replace("2026-10-01", last)}
    if months:
        files["policy.yaml"] = POLICY + f"governance:\n  core_cadence_months: {months}\n"
    got = found(tmp_path, files, "GOV-CORE-CADENCE")
    assert [(f.line, f.severity) for f in got] == ([(6, Severity.WARNING)] if reported else [])
    if reported:
        assert f"more than {months or 3} months ago" in got[0].message


# --- GOV-ROLES, GOV-INDIVIDUALS, GOV-MODULE ---------------------------------------------------

def test_gov_roles_a_lead_in_other_case_is_not_a_maintainer(tmp_path) -> None:
    [f] = found(tmp_path, {"core.yaml": core("alice", "bob", lead="frank")}, "GOV-ROLES")
    assert "'frank' is not listed" in f.message


def test_gov_roles_no_lead_key_where_the_policy_has_none(tmp_path) -> None:
    policy = POLICY + "governance:\n  has_lead: false\n"
    got = found(tmp_path, {"policy.yaml": policy,
                           "core.yaml": "lead_elected_in: 2026-lead\nmaintainers: [alice]\n"},
                "GOV-ROLES")
    assert [(f.line, f.col) for f in got] == [(1, 1)]
    assert "lead_elected_in:" in got[0].message


@pytest.mark.parametrize(("roles", "reported"), [(("employee",), False),
                                                 (("employee", "owner"), True),
                                                 (("owner", "owner"), True),
                                                 (("employee", "director"), False)])
def test_gov_individuals_one_employer(tmp_path, roles, reported) -> None:
    extra = "".join(f"  - entity: E{i}\n    role: {r}\n" for i, r in enumerate(roles[1:]))
    files = {"members/bob.yaml": member("bob", 102, "Beta Labs", role=roles[0], extra=extra)}
    got = found(tmp_path, files, "GOV-INDIVIDUALS")
    assert [(f.line, f.col) for f in got] == ([(8, 5)] if reported else [])
    if reported:
        assert "lists 2 employers" in got[0].message


def test_gov_module_repository_of_the_organisation_ignores_case(tmp_path) -> None:
    files = {"modules/tools.yaml": module("tools", "dave", repos=("Test-Org/tools",))}
    assert found(tmp_path, files, "GOV-MODULE") == []


def test_gov_module_no_paths_and_no_repositories_yet(tmp_path) -> None:
    files = {"modules/nn.yaml": "slug: nn\nname: NN\nkind: paths\nmaintainers: [carol]\n",
             "modules/tools.yaml": "slug: tools\nname: T\nkind: repository\nmaintainers: [dave]\n"}
    got = sorted((f.path, f.line, f.severity) for f in found(tmp_path, files, "GOV-MODULE"))
    assert got == [("modules/nn.yaml", 3, Severity.WARNING),
                   ("modules/tools.yaml", 3, Severity.WARNING)]


def test_gov_module_comms_lists_what_is_missing(tmp_path) -> None:
    files = {"modules/nn.yaml": module("nn", "carol", paths=("src/nn/",), links=False,
                                       extra="links:\n  roadmap: https://example.org/r\n")}
    [f] = found(tmp_path, files, "GOV-MODULE-COMMS")
    assert "its vision, design_docs, disputes;" in f.message
    assert (f.line, f.col) == (9, 3)  # at links:


def test_gov_modules_scope_a_shared_repository_named_once_per_module(tmp_path) -> None:
    files = {"modules/a.yaml": module("a", "frank", repos=("test-org/x", "test-org/tools"))}
    got = found(tmp_path, files, "GOV-MODULES-SCOPE")
    assert [(f.path, f.line) for f in got] == [("modules/tools.yaml", 6)]


def test_gov_modules_scope_the_same_path_twice_in_one_module_is_no_overlap(tmp_path) -> None:
    files = {"modules/nn.yaml": module("nn", "carol", paths=("src/nn/", "src/nn/sub/"))}
    assert found(tmp_path, files, "GOV-MODULES-SCOPE") == []


@pytest.mark.parametrize(("tools", "tools2", "reported"), [
    ("", "", True), ("overlaps: [tools2]\n", "", True), ("", "overlaps: [tools]\n", True),
    ("overlaps: [tools2]\n", "overlaps: [tools]\n", False)])
def test_gov_modules_scope_a_shared_repository_declared_by_both(tmp_path, tools, tools2,
                                                                reported) -> None:
    files = {"modules/tools.yaml": module("tools", "dave", repos=("test-org/tools",),
                                          extra=tools),
             "modules/tools2.yaml": module("tools2", "frank", repos=("test-org/tools",),
                                           extra=tools2)}
    got = found(tmp_path, files, "GOV-MODULES-SCOPE")
    assert [(f.path, f.line) for f in got] == ([("modules/tools2.yaml", 5)] if reported else [])


def test_gov_modules_scope_a_modules_own_path_above_another_modules(tmp_path) -> None:
    """nn's own src/nn/q/r/ sits under its src/nn/ and under q's src/nn/q/: only q's counts."""
    files = {"modules/nn.yaml": module("nn", "carol", paths=("src/nn/", "src/nn/q/r/")),
             "modules/q.yaml": module("q", "frank", paths=("src/nn/q/",))}
    got = sorted((f.path, f.line) for f in found(tmp_path, files, "GOV-MODULES-SCOPE"))
    assert got == [("modules/nn.yaml", 6), ("modules/q.yaml", 5)]


def test_gov_modules_scope_a_declared_pair_does_not_hide_an_undeclared_one(tmp_path) -> None:
    files = {"modules/nn.yaml": None,
             "modules/a.yaml": module("a", "carol", paths=("src/",), extra="overlaps: [c]\n"),
             "modules/b.yaml": module("b", "frank", paths=("src/x/",)),
             "modules/c.yaml": module("c", "dave", paths=("src/x/y/",), extra="overlaps: [a]\n")}
    got = sorted((f.path, f.message.split(" of module ")[1][:1])
                 for f in found(tmp_path, files, "GOV-MODULES-SCOPE"))
    assert got == [("modules/b.yaml", "a"), ("modules/c.yaml", "b")]


def test_gov_modules_scope_paths_ending_in_any_letter(tmp_path) -> None:
    files = {"modules/nn.yaml": module("nn", "carol", paths=("src/X",)),
             "modules/a.yaml": module("a", "frank", paths=("src/A",)),
             "modules/q.yaml": module("q", "dave", paths=("src/X/sub",))}
    got = [(f.path, f.line) for f in found(tmp_path, files, "GOV-MODULES-SCOPE")]
    assert got == [("modules/q.yaml", 5)]


@pytest.mark.parametrize(("a", "b", "overlap"), [
    ("src/nn", "src/nn", True), ("src/nn", "src/nn/", True), ("src/nn/", "src/nn/x", True),
    ("src/nn", "src/nnx", False), ("src/nn/x", "src/nn/y", False)])
def test_gov_modules_scope_path_overlap(tmp_path, a, b, overlap) -> None:
    files = {"modules/nn.yaml": module("nn", "carol", paths=(a,)),
             "modules/zz.yaml": module("zz", "frank", paths=(b,))}
    got = found(tmp_path, files, "GOV-MODULES-SCOPE")
    assert [(f.path, f.line) for f in got] == ([("modules/zz.yaml", 5)] if overlap else [])


# --- PC-SIZE, PC-COI (2 per employer), PC-TERM ------------------------------------------------

def _seats(*who: tuple[str, str]) -> str:
    end = {"A": "2028-06-15", "B": "2027-06-15"}
    return council(*[(login, c, START, end.get(c, "2027-06-15")) for login, c in who])


def test_pc_coi_two_from_one_employer_is_allowed(tmp_path) -> None:
    files = {"council.yaml": _seats(("alice", "A"), ("carol", "B"))}
    assert found(tmp_path, files, "PC-COI") == []


def test_pc_coi_three_from_one_employer_spelled_in_other_case(tmp_path) -> None:
    files = {"council.yaml": _seats(("alice", "A"), ("carol", "B"), ("frank", "B")),
             "members/frank.yaml": member("frank", 106, "ACME CORP")}
    [f] = found(tmp_path, files, "PC-COI")
    assert (f.line, f.col) == (12, 12)  # the third seat: one of them must go
    assert "3 council members (alice, carol, frank)" in f.message and "at most 2" in f.message


def test_pc_coi_the_policys_limit(tmp_path) -> None:
    files = {"policy.yaml": POLICY + "  max_per_entity: 1\n",
             "council.yaml": _seats(("alice", "A"), ("carol", "B"))}
    [f] = found(tmp_path, files, "PC-COI")
    assert f.line == 7 and "at most 1 may be" in f.message


def test_pc_coi_an_exempt_role_ignores_case(tmp_path) -> None:
    files = {"council.yaml": _seats(("erin", "A"), ("gina", "B"), ("hugo", "B")),
             "members/gina.yaml": member("gina", 109, "test foundation", "Member"),
             "members/hugo.yaml": member("hugo", 110, "Test Foundation", "member")}
    assert found(tmp_path, files, "PC-COI") == []


def test_pc_size_two_seats_in_cohort_a_and_three_in_b(tmp_path) -> None:
    ok = _seats(("alice", "A"), ("bob", "A"), ("carol", "B"), ("dave", "B"), ("erin", "B"))
    assert found(tmp_path / "ok", {"council.yaml": ok}, "PC-SIZE") == []
    [f] = found(tmp_path / "b4", {"council.yaml": _seats(
        ("alice", "A"), ("carol", "B"), ("dave", "B"), ("erin", "B"), ("bob", "B"))}, "PC-SIZE")
    assert f.line == 23 and "cohort B has 4 members; it has 3 seats" in f.message


def test_pc_size_one_seat_over_the_policy(tmp_path) -> None:
    policy = POLICY + "  seats: 2\n  cohorts: {A: 1, B: 1}\n"
    assert found(tmp_path / "ok", {"policy.yaml": policy, "council.yaml": _seats(
        ("alice", "A"), ("bob", "B"))}, "PC-SIZE") == []
    got = found(tmp_path / "over", {"policy.yaml": policy, "council.yaml": _seats(
        ("alice", "A"), ("bob", "B"), ("dave", "B"))}, "PC-SIZE")
    assert ("3 seats listed; the council has 2", 12) in [(f.message, f.line) for f in got]


def test_pc_size_the_same_person_in_other_case(tmp_path) -> None:
    got = found(tmp_path, {"council.yaml": _seats(("alice", "A"), ("Alice", "B"))}, "PC-SIZE")
    assert sorted(f.line for f in got if "more than one seat" in f.message) == [2, 7]


@pytest.mark.parametrize(("end", "years", "message"), [
    ("2026-06-15", None, "before it starts"), ("2026-06-16", None, None),
    ("2028-06-15", None, None), ("2028-06-16", None, "past 2 years"),
    ("2027-06-15", 1, None), ("2027-06-16", 1, "past 1 years")])
def test_pc_term_length(tmp_path, end, years, message) -> None:
    files = {"council.yaml": council(("alice", "A", START, end))}
    if years:
        files["policy.yaml"] = POLICY + f"  term_years: {years}\n  cohorts: {{A: 2, B: 3}}\n"
    got = [f for f in found(tmp_path, files, "PC-TERM") if f.severity is Severity.ERROR]
    assert [f.line for f in got] == ([5] if message else [])
    if message:
        assert message in got[0].message


@pytest.mark.parametrize(("end", "want"), [
    (0, (Severity.WARNING, "the seat has expired")),       # ends today
    (-1, (Severity.WARNING, "the seat has expired")),
    (1, None),                                             # tomorrow: inside the notice, though
    (90, (Severity.NOTICE, "end on")),                     # exactly the 90 days' notice
    (91, None)])
def test_pc_term_expiry_and_notice(tmp_path, end, want) -> None:
    files = {"council.yaml": council(("alice", "A", "2025-06-15", day(end)))}
    got = [(f.severity, f.message) for f in found(tmp_path, files, "PC-TERM")]
    if want is None:
        assert not any("expired" in m for _, m in got)
        if end == 91:
            assert got == []
        return
    severity, text = want
    assert [s for s, _ in got] == [severity] and text in got[0][1]


def test_pc_election_due_once_nominations_should_have_opened(tmp_path) -> None:
    files = {"council.yaml": council(("alice", "A", "2025-06-15", day(20)))}
    got = found(tmp_path, files, "PC-ELECTION")
    assert [(f.severity, f.line) for f in got] == [(Severity.WARNING, 5)]
    assert "the election of cohort A is due" in got[0].message


# --- ECO-*: projects --------------------------------------------------------------------------

WG = ["alice", "bob", "carol", "dave", "erin"]


def project(slug: str = "lumo", **extra: Any) -> dict[str, str | bytes | None]:
    """ecosystem/<slug>.yaml: an active project accepted on 2026-09-01 by three of five."""
    data: dict[str, Any] = {
        "slug": slug, "name": slug.title(), "repository": f"x/{slug}", "status": "active",
        "issue": 7, "submitted": "2026-08-01", "maintainers": ["m1", "m2"],
        "decisions": [{"date": "2026-09-01", "outcome": "accepted", "for": WG[:3],
                       "against": WG[3:], "working_group": WG}]}
    data.update(extra)
    data = {k: v for k, v in json.loads(json.dumps(data)).items() if v is not None}  # no aliases
    return {f"ecosystem/{slug}.yaml": yaml.safe_dump(data, sort_keys=False)}


def eco(tmp_path: Path, rule: str, **extra: Any) -> list[Finding]:
    return found(tmp_path, project(**extra), rule)


def test_eco_status_active_and_accepted(tmp_path) -> None:
    assert eco(tmp_path, "ECO-STATUS") == []


def test_eco_status_active_project_with_no_accepted_decision(tmp_path) -> None:
    declined = [{"date": "2026-09-01", "outcome": "declined", "for": WG[:2], "against": WG[2:],
                 "working_group": WG}]
    got = eco(tmp_path, "ECO-STATUS", decisions=declined)
    assert any("no accepted decision is recorded" in f.message and f.severity is Severity.ERROR
               for f in got)


def test_eco_status_active_with_no_decision_at_all(tmp_path) -> None:
    [f] = eco(tmp_path, "ECO-STATUS", decisions=None)
    assert "no accepted decision" in f.message and f.severity is Severity.ERROR


def test_eco_status_imported_active_project_is_a_notice(tmp_path) -> None:
    got = eco(tmp_path, "ECO-STATUS", decisions=None,
              imported={"from": "landscape", "date": "2026-01-01"})
    assert [f.severity for f in got] == [Severity.NOTICE]
    # once a decision is on record it must be an accepted one
    declined = [{"date": "2026-09-01", "outcome": "declined", "for": WG[:2], "against": WG[2:],
                 "working_group": WG}]
    got = eco(tmp_path / "d", "ECO-STATUS", decisions=declined,
              imported={"from": "landscape", "date": "2026-01-01"})
    assert Severity.ERROR in [f.severity for f in got]


def test_eco_status_retired_with_no_record(tmp_path) -> None:
    retire = [{"date": "2026-09-01", "outcome": "accepted", "for": WG[:3], "against": WG[3:],
               "working_group": WG}, {"date": "2026-10-01", "outcome": "retired",
                                      "reason": "inactive"}]
    got = eco(tmp_path, "ECO-STATUS", status="retired", decisions=retire)
    assert [f.message for f in got] == ["lumo is retired without a retired: record (date and "
                                        "reason)"]
    assert eco(tmp_path / "ok", "ECO-STATUS", status="retired", decisions=retire,
               retired={"date": "2026-10-01", "reason": "inactive"}) == []


def test_eco_status_follows_the_latest_decision_last_listed_on_one_day(tmp_path) -> None:
    both = [{"date": "2026-09-01", "outcome": "accepted", "for": WG[:3], "against": WG[3:],
             "working_group": WG},
            {"date": "2026-09-01", "outcome": "declined", "for": WG[:2], "against": WG[2:],
             "working_group": WG}]
    got = eco(tmp_path, "ECO-STATUS", decisions=both)
    assert any("its latest decision (declined on 2026-09-01)" in f.message for f in got)
    assert eco(tmp_path / "rev", "ECO-STATUS", decisions=both[::-1]) == []  # accepted last


def test_eco_status_an_earlier_date_listed_later_is_not_the_latest(tmp_path) -> None:
    both = [{"date": "2026-09-02", "outcome": "accepted", "for": WG[:3], "against": WG[3:],
             "working_group": WG},
            {"date": "2026-09-01", "outcome": "declined", "for": WG[:2], "against": WG[2:],
             "working_group": WG}]
    assert eco(tmp_path, "ECO-STATUS", decisions=both) == []


@pytest.mark.parametrize(("n", "reported"), [(2, False), (1, True), (3, False)])
def test_eco_measurable_two_core_maintainers(tmp_path, n, reported) -> None:
    got = eco(tmp_path, "ECO-MEASURABLE", maintainers=[f"m{i}" for i in range(n)])
    assert [f.severity for f in got] == ([Severity.ERROR] if reported else [])
    if reported:
        assert "lists 1 core maintainers; at least 2 are required" in got[0].message


def test_eco_measurable_only_active_projects(tmp_path) -> None:
    assert eco(tmp_path, "ECO-MEASURABLE", status="new", maintainers=["m1"], decisions=None) == []


@pytest.mark.parametrize(("last", "due"), [("2026-05-21", True), ("2026-05-22", False),
                                           ("2026-05-20", True)])
def test_eco_periodic_six_months(tmp_path, last, due) -> None:
    accepted = [{"date": last, "outcome": "accepted", "for": WG[:3], "against": WG[3:],
                 "working_group": WG}]
    got = eco(tmp_path, "ECO-PERIODIC", decisions=accepted)
    assert [f.severity for f in got] == ([Severity.NOTICE] if due else [])


def test_eco_periodic_the_latest_review_or_reinstatement_counts(tmp_path) -> None:
    old = [{"date": "2025-01-01", "outcome": "accepted", "for": WG[:3], "against": WG[3:],
            "working_group": WG}]
    review = [{"date": "2026-05-22", "results": {}}]
    assert eco(tmp_path, "ECO-PERIODIC", decisions=old, reviews=review) == []
    reinstated = [*old, {"date": "2026-05-22", "outcome": "reinstated"}]
    assert eco(tmp_path / "r", "ECO-PERIODIC", decisions=reinstated) == []
    declined = [*old, {"date": "2026-05-22", "outcome": "declined", "for": [], "against": WG,
                       "working_group": WG}]
    assert eco(tmp_path / "d", "ECO-PERIODIC", decisions=declined) != []


@pytest.mark.parametrize(("deadline", "reported"), [(0, False), (-1, True), (1, False)])
def test_eco_periodic_notice_past_its_30_day_deadline(tmp_path, deadline, reported) -> None:
    notice = {"issue": 12, "opened": day(deadline - 30), "deadline": day(deadline)}
    got = [f for f in eco(tmp_path, "ECO-PERIODIC", notice=notice) if "notice" in f.message]
    assert [f.severity for f in got] == ([Severity.WARNING] if reported else [])


# ECO-VOTE: more than vote_fraction of the working group's members, not of the votes cast
@pytest.mark.parametrize(("wg", "for_", "against", "outcome", "reported"), [
    (WG, WG[:3], WG[3:], "accepted", False),
    (WG, WG[:3], [], "accepted", False),            # abstentions do not lower the bar
    (WG, WG[:2], WG[2:3], "accepted", True),        # 2 of 3 votes cast, but 2 of 5 members
    (WG, WG[:2], WG[2:3], "declined", False),
    (WG[:4], WG[:2], WG[2:4], "accepted", True),    # exactly half is no majority
    (WG[:4], WG[:2], WG[2:4], "declined", False),
    (WG[:4], WG[:3], WG[3:4], "accepted", False),
    (WG, WG[:3], WG[3:], "declined", True),
])
def test_eco_vote_majority_of_the_members(tmp_path, wg, for_, against, outcome, reported) -> None:
    d = [{"date": "2026-09-01", "outcome": outcome, "for": for_, "against": against,
          "working_group": wg}]
    got = eco(tmp_path, "ECO-VOTE", decisions=d, status="active" if outcome == "accepted"
              else "declined")
    assert len([f for f in got if "the outcome is" in f.message]) == (1 if reported else 0)


def test_eco_vote_the_working_group_must_be_recorded(tmp_path) -> None:
    d = [{"date": "2026-09-01", "outcome": "accepted", "for": WG[:3], "against": WG[3:]}]
    [f] = eco(tmp_path, "ECO-VOTE", decisions=d)
    assert "does not record the working group's members" in f.message


def test_eco_vote_a_voter_outside_the_working_group(tmp_path) -> None:
    d = [{"date": "2026-09-01", "outcome": "accepted", "for": [*WG[:3], "frank"],
          "against": WG[3:], "working_group": WG}]
    got = eco(tmp_path, "ECO-VOTE", decisions=d)
    assert len(got) == 1 and "frank" in got[0].message


@pytest.mark.parametrize("outcome", ["needs-info", "closed-not-ready", "postponed"])
def test_eco_vote_other_outcomes_state_their_reason(tmp_path, outcome) -> None:
    d = [{"date": "2026-09-01", "outcome": outcome}]
    [f] = eco(tmp_path, "ECO-VOTE", decisions=d, status=outcome)
    assert "gives no reason" in f.message
    assert eco(tmp_path / "r", "ECO-VOTE", status=outcome,
               decisions=[{**d[0], "reason": "tests"}]) == []


def _declined(on: str = "2026-06-01") -> list[dict[str, Any]]:
    return [{"date": on, "outcome": "declined", "for": WG[:2], "against": WG[2:],
             "working_group": WG}]


@pytest.mark.parametrize(("submitted", "reported"), [
    ("2026-09-01", False), ("2026-08-31", True), ("2026-09-02", False), ("2026-06-02", True)])
def test_eco_resubmit_three_months_after_the_decline(tmp_path, submitted, reported) -> None:
    got = eco(tmp_path, "ECO-RESUBMIT", status="new", decisions=_declined(), submitted=submitted)
    assert [f.line for f in got] == ([6] if reported else [])
    if reported:
        assert "it may re-apply from 2026-09-01" in got[0].message


def test_eco_resubmit_back_in_the_queue_without_a_new_application(tmp_path) -> None:
    got = eco(tmp_path, "ECO-RESUBMIT", status="in-progress", decisions=_declined(),
              submitted="2026-05-01")
    assert len(got) == 1 and "only as a new application, from 2026-09-01" in got[0].message
    assert eco(tmp_path / "d", "ECO-RESUBMIT", status="declined", decisions=_declined(),
               submitted="2026-05-01") == []


def test_eco_resubmit_an_earlier_decline_is_not_the_last(tmp_path) -> None:
    later = [*_declined(), {"date": "2026-07-01", "outcome": "needs-info", "reason": "more"}]
    assert eco(tmp_path, "ECO-RESUBMIT", status="new", decisions=later,
               submitted="2026-05-01") == []


def test_eco_functional_all_ten_met_with_evidence(tmp_path) -> None:
    names = ("framework-support", "ci", "governance", "value-proposition", "quick-start",
             "documentation", "licence", "tests", "packages", "maintenance")
    full = {k: {"met": True, "evidence": "e", "reviewer": "alice"} for k in names}
    assert eco(tmp_path, "ECO-FUNCTIONAL", functional=full) == []
    one_short = {k: v for k, v in full.items() if k != "ci"}
    [f] = eco(tmp_path / "short", "ECO-FUNCTIONAL", functional=one_short)
    assert "no evidence for 1 of the ten functional requirements (ci)" in f.message
    unmet = {**full, "ci": {"met": False}}
    [f] = eco(tmp_path / "unmet", "ECO-FUNCTIONAL", functional=unmet)
    assert "'ci' is recorded as not met" in f.message
    bare = {**full, "ci": {"met": True, "evidence": "e"}}
    [f] = eco(tmp_path / "bare", "ECO-FUNCTIONAL", functional=bare)
    assert "'ci' is marked met without a reviewer" in f.message
    assert f.severity is Severity.ERROR  # an acceptance rests on it
    [f] = eco(tmp_path / "bare2", "ECO-FUNCTIONAL", functional={**full, "ci": {"met": True}})
    assert "'ci' is marked met without evidence" in f.message


# --- INT-*: proportions, duplicates -----------------------------------------------------------

@pytest.mark.parametrize(("fraction", "reported"), [("1/1", False), ("2/3", False),
                                                    ("3/2", True), ("4/3", True)])
def test_int_fraction_above_zero_and_at_most_one(tmp_path, fraction, reported) -> None:
    files = {"policy.yaml": POLICY + f"ecosystem:\n  vote_fraction: '{fraction}'\n"}
    got = found(tmp_path, files, "INT-FRACTION")
    assert [(f.path, f.line) for f in got] == ([("policy.yaml", 11)] if reported else [])


def test_int_duplicate_login_in_the_working_group(tmp_path) -> None:
    files = {"ecosystem-wg.yaml": "chair: alice\nmembers: [alice, erin, Erin]\n"}
    [f] = found(tmp_path, files, "INT-DUPLICATE-LOGIN")
    assert (f.path, f.line) == ("ecosystem-wg.yaml", 2) and "as erin" in f.message


# --- util: where a finding points, and the strings and dates a file holds -----------------------

def test_rules_finding_in_a_file_that_is_not_there_points_at_its_start(tmp_path) -> None:
    from charter.load import load
    from charter.rules.util import finding
    from charter.tree import FsTree

    state, _ = load(FsTree(write_org(tmp_path)))
    f = finding(state, "nowhere.yaml", "INT-X", "m", "a", 0)
    assert (f.path, f.line, f.col, f.rule, f.severity) == ("nowhere.yaml", 0, 0, "INT-X",
                                                           Severity.ERROR)
    f = finding(state, "core.yaml", "INT-X", "m", "maintainers", 1)
    assert (f.line, f.col) == (5, 5)


def test_rules_strings_and_impossible_dates_walk_lists_and_mappings() -> None:
    from charter.rules.util import impossible_dates, strings

    data = {"a": ["x", {"b": "2026-02-30"}], "c": "2026-02-28", "d": 3, "e": "2026-13-01 later"}
    assert list(strings(data, ("top",))) == [
        ("x", ("top", "a", 0)), ("2026-02-30", ("top", "a", 1, "b")), ("2026-02-28", ("top", "c")),
        ("2026-13-01 later", ("top", "e"))]
    assert list(impossible_dates(data, ("top",))) == [("2026-02-30", ("top", "a", 1, "b"))]
    assert list(impossible_dates(["2026-02-29", "2024-02-29", "not a date"])) == [
        ("2026-02-29", (0,))]


# --- every message says what is wrong and what to do, in full ---------------------------------

NO_LEAD = POLICY + "governance:\n  has_lead: false\n"
ELECTION = ("kind: council-election\ntitle: Council\nreturning_officer: alice\nscope: A\n"
            "voting:\n  opens: '2026-11-01'\n  closes: '2026-11-14'\nelectorate: [alice, bob]\n")
IMPORTED = {"from": "landscape", "date": "2026-01-01"}
ACCEPTED = {"date": "2026-09-01", "outcome": "accepted", "for": WG[:3], "against": WG[3:],
            "working_group": WG}
MESSAGES = [
    ("GOV-ROLES", {"policy.yaml": NO_LEAD, "core.yaml": "maintainers: [alice]\nlead: alice\n"},
     (2, 1), "lead: this organisation has no lead (policy governance.has_lead is false); remove "
     "it, or set governance.has_lead: true in policy.yaml"),
    ("GOV-LEAD-ELECT", {"core.yaml": core("alice", "bob", lead=None)}, (2, 7),
     "the lead post is vacant; the core maintainers elect a new lead by instant-runoff (charter "
     "election tally) and record it here"),
    ("GOV-ROLES", {"core.yaml": core("alice", "bob", lead="frank")}, (2, 7),
     "the lead 'frank' is not listed under maintainers; add them or change the lead"),
    ("GOV-ROLES", {"core.yaml": "lead: null\nmaintainers: []\n"}, (2, 14),
     "there are no core maintainers"),
    ("GOV-INDIVIDUALS", {"members/bob.yaml": member(
        "bob", 102, "Beta Labs", extra="  - entity: Delta Co\n    role: owner\n")}, (8, 5),
     "bob lists 2 employers; a person has one employer (record other ties with roles such as "
     "advisor or director)"),
    ("GOV-MODULE", {"modules/tools.yaml": module("tools", "dave", repos=("other/tools",))},
     (5, 5), "repository 'other/tools' is not in the organisation 'test-org'; a module is a "
     "repository of the organisation"),
    ("GOV-MODULE", {"modules/tools.yaml": module("tools", repos=("test-org/tools",))}, (6, 14),
     "module tools has no maintainers; its decisions fall to the core maintainers until it has "
     "some"),
    ("GOV-MODULE", {"modules/nn.yaml": "slug: nn\nname: NN\nkind: paths\nmaintainers: [carol]\n"},
     (3, 7), "module nn has no paths yet, so CODEOWNERS routes no review to its maintainers; add "
     "the directories it covers under paths:"),
    ("GOV-MODULE", {"modules/tools.yaml": "slug: tools\nname: T\nkind: repository\n"
                                          "maintainers: [dave]\n"},
     (3, 7), "module tools names no repository yet; add the organisation's repositories it "
     "covers under repositories:"),
    ("GOV-EMERITUS", {"core.yaml": core("alice", "bob", extra="emeritus:\n  - login: bob\n"
                                                          "    since: '2025-01-01'\n")},
     (8, 12), "bob is both a maintainer and emeritus of core maintainers; remove one"),
    ("GOV-EMERITUS", {"modules/tools.yaml": module("tools", "dave", "erin", repos=(
        "test-org/tools",), extra="emeritus:\n  - login: erin\n    since: '2025-01-01'\n")},
     (10, 12), "erin is both a maintainer and emeritus of module tools; remove one"),
    ("GOV-CORE-CADENCE", {"core.yaml": core("alice", "bob").replace("2026-10-01", "2026-08-20")},
     (6, 15), "the core maintainers last met on 2026-08-20, more than 3 months ago; hold the "
     "meeting and update last_meeting"),
    ("GOV-MODULES-SCOPE", {"modules/tools2.yaml": module("tools2", "frank", repos=(
        "test-org/Tools",))}, (5, 5), "repository test-org/tools is also in module tools; declare "
     "the overlap in both modules' overlaps: or give it one owner"),
    ("GOV-MODULES-SCOPE", {"modules/quant.yaml": module("quant", "frank", paths=(
        "src/nn/quant/",))}, (5, 5), "path 'src/nn/quant/' overlaps 'src/nn/' of module nn; "
     "declare the overlap in both modules' overlaps: or split the paths"),
    ("PC-COI", {"council.yaml": _seats(("alice", "A"), ("carol", "B"), ("frank", "B"))},
     (12, 12), "3 council members (alice, carol, frank) are affiliated with 'acme corp'; at most "
     "2 may be: members must resign until the council complies"),
    ("PC-SIZE", {"council.yaml": _seats(("alice", "A"), ("bob", "A"), ("carol", "B"),
                                        ("dave", "B"), ("erin", "B"), ("frank", "B"))},
     (27, 5), "6 seats listed; the council has 5"),
    ("PC-SIZE", {"council.yaml": _seats(("alice", "C"))}, (3, 13),
     "cohort 'C' is not one of the policy's cohorts (A, B; policy council.cohorts)"),
    ("PC-SIZE", {"policy.yaml": POLICY + "  cohorts: {A: 2, B: 2}\n"}, (10, 12),
     "the cohorts (A: 2, B: 2) add up to 4 seats, but council.seats is 5; make them agree"),
    ("PC-SIZE", {"council.yaml": _seats(("alice", "A"), ("Alice", "B"))}, (7, 12),
     "Alice holds more than one seat"),
    ("PC-TERM", {"council.yaml": council(("alice", "A", START, "2026-01-01"))}, (5, 15),
     "alice's term ends (2026-01-01) before it starts (2026-06-15)"),
    ("PC-TERM", {"council.yaml": council(("alice", "A", START, "2028-06-16"))}, (5, 15),
     "alice's term runs past 2 years (2026-06-15 to 2028-06-16)"),
    ("PC-TERM", {"council.yaml": council(("alice", "A", "2025-06-15", "2026-11-21"))}, (5, 15),
     "alice's term (cohort A) ended on 2026-11-21: the seat has expired; elect cohort A: charter "
     "election new ID --scope A, then certify the result and apply it (charter election certify "
     "ID; charter council apply ID)"),
    ("PC-TERM", {"council.yaml": council(("alice", "A", "2025-06-15", "2027-02-19"))}, (5, 15),
     "the terms of cohort A (alice) end on 2027-02-19; nominations for its election open by "
     "2027-01-22 (charter election new ID --scope A --opens 2027-01-22)"),
    ("PC-ELECTION", {"council.yaml": council(("alice", "A", "2025-06-15", "2026-12-11"))},
     (5, 15), "the election of cohort A is due: the terms of alice end on 2026-12-11, and "
     "nominations and voting take 28 days, so nominations should have opened by 2026-11-13; "
     "elect cohort A: charter election new ID --scope A, then certify the result and apply it "
     "(charter election certify ID; charter council apply ID)"),
    ("PC-TERM", {"council.yaml": council(("alice", "A", "2025-06-15", "2026-11-21")),
                 "elections/2026-c/election.yaml": ELECTION}, (5, 15),
     "alice's term (cohort A) ended on 2026-11-21: the seat has expired; elections/2026-c is "
     "under way (voting closes 2026-11-14); then charter election certify 2026-c and, once that "
     "has merged, charter council apply 2026-c"),
    ("PC-TERM", {"council.yaml": council(("alice", "A", "2025-06-15", "2026-11-21")),
                 "elections/2026-c/election.yaml": ELECTION + "finalised: '2026-11-15'\n"},
     (5, 15), "alice's term (cohort A) ended on 2026-11-21: the seat has expired; "
     "elections/2026-c elected cohort A on 2026-11-15: charter council apply 2026-c"),
    ("PC-TERM", {"council.yaml": council(("alice", "A", "2025-06-15", "2027-02-19")),
                 "elections/2026-c/election.yaml": ELECTION}, (5, 15),
     "the terms of cohort A (alice) end on 2027-02-19; elections/2026-c is under way (voting "
     "closes 2026-11-14); then charter election certify 2026-c and, once that has merged, "
     "charter council apply 2026-c"),
    ("ECO-STATUS", project(decisions=_declined()), (4, 9), "lumo is active but no accepted "
     "decision is recorded; record the working group's vote (charter ecosystem decide)"),
    ("ECO-STATUS", project(decisions=_declined()), (4, 9), "lumo is active, but its latest "
     "decision (declined on 2026-06-01) allows only declined, new, in-progress; record the "
     "decision that changed it"),
    ("ECO-STATUS", project(decisions=None, maintainers=None, imported=IMPORTED), (8, 3),
     "lumo was listed as active in the landscape before charter (imported 2026-01-01); the "
     "decision that accepted it is not on record: add it when known"),
    ("ECO-STATUS", project(status="retired", decisions=None), (4, 9),
     "lumo is retired without a retired: record (date and reason)"),
    ("ECO-MEASURABLE", project(decisions=None, maintainers=None, imported=IMPORTED), (8, 3),
     "lumo: its core maintainers are not on record (the landscape it was imported from lists "
     "none); record at least 2 under maintainers:"),
    ("ECO-MEASURABLE", project(maintainers=["m1"]), (8, 1),
     "lumo lists 1 core maintainers; at least 2 are required"),
    ("ECO-MEASURABLE", project(maintainers=None), (4, 9),
     "lumo lists 0 core maintainers; at least 2 are required"),
    ("ECO-PERIODIC", project(decisions=[{**ACCEPTED, "date": "2026-05-21"}]), (1, 7),
     "lumo was last reviewed on 2026-05-21; a re-review is due (charter ecosystem review)"),
    ("ECO-PERIODIC", project(notice={"issue": 12, "opened": "2026-10-01",
                                     "deadline": "2026-11-20"}), (29, 13),
     "lumo: the notice of 2026-10-01 (issue #12) passed its deadline of 2026-11-20; run charter "
     "ecosystem review --apply to re-check and retire it if still short"),
    ("ECO-VOTE", project(decisions=[{k: v for k, v in ACCEPTED.items() if k != "working_group"}]),
     (11, 3), "lumo: the accepted decision of 2026-09-01 does not record the working group's "
     "members (working_group:), so its majority cannot be checked"),
    ("ECO-VOTE", project(decisions=[{**ACCEPTED, "for": [*WG[:3], "frank"]}]), (11, 3),
     "lumo, 2026-09-01: frank (for) is not a member of the working group"),
    ("ECO-VOTE", project(decisions=[{**ACCEPTED, "for": WG[:2], "against": WG[2:3]}]), (12, 12),
     "lumo: recorded as accepted on 2026-09-01, but 2 of 5 members approved and 3 are needed: "
     "the outcome is declined"),
    ("ECO-VOTE", project(status="needs-info", decisions=[{"date": "2026-09-01",
                                                          "outcome": "needs-info"}]), (11, 3),
     "lumo: the needs-info decision of 2026-09-01 gives no reason; the applicants need to know "
     "what to do"),
    ("ECO-RESUBMIT", project(status="new", decisions=_declined(), submitted="2026-08-31"),
     (6, 12), "lumo was declined on 2026-06-01 and re-applied on 2026-08-31; it may re-apply "
     "from 2026-09-01"),
    ("ECO-RESUBMIT", project(status="new", decisions=_declined(), submitted="2026-05-01"),
     (4, 9), "lumo was declined on 2026-06-01; it returns to the queue only as a new "
     "application, from 2026-09-01: record the new application's issue and its submitted date"),
    ("INT-UNKNOWN-LOGIN", {"core.yaml": core("alice", "bob", "zed")}, (6, 5),
     "'zed' (a core maintainer) has no member file; add members/zed.yaml (charter member add zed "
     "--name ...)"),
    ("INT-UNKNOWN-LOGIN", {"modules/tools.yaml": module("tools", "Dave", repos=(
        "test-org/tools",))}, (7, 5), "'Dave' (a maintainer of module tools) is spelled 'dave' "
     "in members/dave.yaml; use the same spelling"),
    ("INT-UNKNOWN-LOGIN", {"core.yaml": core("alice", "bobb")}, (5, 5),
     "'bobb' (a core maintainer) has no member file; did you mean 'bob'?"),
    *[("INT-UNKNOWN-LOGIN", files, at, f"'ghost' ({what}) has no member file; add "
       "members/ghost.yaml (charter member add ghost --name ...)") for files, at, what in [
        ({"council.yaml": "returning_officer: ghost\nseats: []\n"}, (1, 20),
         "the returning officer"),
        ({"ecosystem-wg.yaml": "chair: alice\nmembers: [alice, ghost]\n"}, (2, 18),
         "an ecosystem working-group member"),
        ({"ecosystem-wg.yaml": "chair: ghost\nmembers: [alice]\n"}, (1, 8),
         "the working-group chair"),
        ({"modules/tools.yaml": module("tools", "dave", repos=("test-org/tools",), extra=(
            "emeritus:\n  - login: ghost\n    since: '2025-01-01'\n"))}, (9, 12),
         "an emeritus maintainer of tools"),
        ({"core.yaml": core("alice", "bob", extra=(
            "emeritus:\n  - login: ghost\n    since: '2025-01-01'\n"))}, (8, 12),
         "an emeritus core maintainer"),
        ({"core.yaml": core("alice", "bob", lead="ghost")}, (2, 7), "the lead"),
        ({"council.yaml": council(("ghost", "A", START, "2028-06-15"))}, (2, 12),
         "a council member"),
        ({"members/bob.yaml": member("bob", 102, None, extra=(
            "relationships:\n  - login: ghost\n    kind: family\n"))}, (6, 12),
         "a relationship of bob"),
        ({"codeowners.yaml": "governance:\n  - pattern: /docs/\n"
                             "    owners: [test-org/team, ghost]\n"}, (3, 29), "a code owner"),
    ]],
    ("INT-FILENAME", {"members/alicia.yaml": member("alyssa", 107)}, (2, 8),
     "file is named 'alicia' but its login is 'alyssa'; rename it to members/alyssa.yaml or fix "
     "the login"),
    ("INT-FILENAME", {"ecosystem/lumo2.yaml": project()["ecosystem/lumo.yaml"]}, (1, 7),
     "file is named 'lumo2' but its slug is 'lumo'; rename it to ecosystem/lumo.yaml or fix the "
     "slug"),
    ("INT-DUPLICATE-MEMBER", {"members/zoe.yaml": member("zoe", 101)}, (3, 12),
     "github_id 101 is already in members/alice.yaml; one person, one file"),
    ("INT-DUPLICATE-MEMBER", {"members/Alice.yaml": member("Alice", 108)}, (2, 8),
     "login 'alice' is already held by members/Alice.yaml (GitHub logins ignore case); keep one "
     "file per person"),
    ("INT-DATE", {"core.yaml": core("alice", "bob").replace("2026-10-01", "2026-02-30")},
     (6, 15), "2026-02-30 is not a calendar date; write a real YYYY-MM-DD date"),
    ("INT-RELATIONSHIP", {"members/bob.yaml": member("bob", 102, None, extra=(
        "relationships:\n  - login: bob\n    kind: family\n"))}, (6, 12),
     "a relationship names the person themselves; remove it"),
    ("INT-RELATIONSHIP", {"members/bob.yaml": member("bob", 102, None, extra=(
        "relationships:\n  - login: carol\n    kind: family\n  - login: Carol\n"
        "    kind: romantic\n"))}, (8, 5), "relationship with 'Carol' is declared twice; keep one"),
    ("INT-FRACTION", {"modules/tools.yaml": module("tools", "dave", repos=("test-org/tools",),
                                                   extra="decision_rule:\n  kind: fraction\n"
                                                         "  fraction: '3/2'\n")}, (10, 13),
     "3/2 is not a proportion; write a fraction above 0 and at most 1, such as 1/2 or 3/4"),
    ("INT-TEXT", {"members/bob.yaml": member("bob", 102, "Beta Labs").replace(
        "name: Bob Example", "name: Bob \u202eelpmaxE")}, (4, 7),
     "holds U+202E (RIGHT-TO-LEFT OVERRIDE) at character 5: it changes how the text is displayed "
     "without being seen; remove it"),
    ("INT-DUPLICATE-LOGIN", {"core.yaml": core("alice", "bob", "Bob")}, (6, 5),
     "Bob is listed again (as bob); GitHub logins ignore case: keep one entry"),
    ("INT-DUPLICATE-LOGIN", {"council.yaml": council(("alice", "A", START, "2028-06-15"),
                                                     ("Alice", "B", START, "2027-06-15"))},
     (7, 12), "Alice is listed again (as alice); GitHub logins ignore case: keep one entry"),
    ("INT-POLICY", {"policy.yaml": POLICY + "rules:\n  GOV-MODULE-COMS: off\n"}, (11, 3),
     "rules: unknown rule ID 'GOV-MODULE-COMS'; did you mean 'GOV-MODULE-COMMS'?"),
    ("INT-POLICY", {"policy.yaml": POLICY + "rules:\n  INT-UNKNOWN-LOGIN: off\n"}, (11, 3),
     "rules: INT-UNKNOWN-LOGIN cannot be changed by the policy (it decides whether the data can "
     "be read, or whether what it names exists); fix what it reports instead"),
]


@pytest.mark.parametrize(("rule", "files", "at", "message"), MESSAGES,
                         ids=[f"{m[0]}-{i}" for i, m in enumerate(MESSAGES)])
def test_rule_messages_in_full(tmp_path, rule, files, at, message) -> None:
    got = [((f.line, f.col), f.message) for f in found(tmp_path, files, rule)]
    assert (at, message) in got, got


def test_gov_module_no_organisation_known_checks_no_repository(tmp_path) -> None:
    files = {"policy.yaml": None,
             "modules/tools.yaml": module("tools", "dave", repos=("other/tools",))}
    assert [f for f in found(tmp_path, files, "GOV-MODULE") if "organisation" in f.message] == []


@pytest.mark.parametrize(("a", "b"), [("src/nn", "src/nn/x"), ("src/nn/", "src/nn/x"),
                                      ("src/nn", "src/nn")])
def test_gov_modules_scope_overlap_is_symmetric(a, b) -> None:
    from charter.rules.gov import _path_overlap

    assert _path_overlap(a, b) and _path_overlap(b, a)
    for c, d in (("src/nnx", "src/nn/y"), ("src/nn", "src/nnx"), ("src/nn/", "src/nnx/")):
        assert not _path_overlap(c, d) and not _path_overlap(d, c)


# --- rules/approvals.py: the approvals table CONTRIBUTING.md shows is the gate's ---------------

def test_rules_approvals_table_in_contributing_is_what_the_gate_computes() -> None:
    """In-process (charter rules --check runs it in a subprocess): any change to who approves
    what, or to how the table is written, shows here."""
    from charter.rules import approvals, reference

    text = (Path(__file__).resolve().parents[2] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert reference.contributing(text) == text
    rows = approvals.rows()
    assert len(rows) == len(approvals.scenarios())
    assert all(r.rules and (r.who or r.sections or r.other) for r in rows)


def _judged(s: Any) -> dict[str, Any]:
    from charter.rules import approvals

    r = approvals.judge(s)
    return {"change": s.change,
            "events": [[e.kind, e.subject] for e in r.events],
            "requirements": [{"rule": o.requirement.rule, "summary": o.requirement.summary,
                              "problems": o.requirement.problems,
                              "groups": [[g.group.label, g.group.needed, sorted(g.candidates)]
                                         for g in o.groups]} for o in r.outcomes]}


def test_rules_approvals_an_unknown_edit_is_refused() -> None:
    from charter.rules import approvals

    with pytest.raises(ValueError, match="unknown edit 'rename'"):
        approvals._apply({"core.yaml": {}}, (("rename", "core.yaml", "x"),))


def test_rules_approvals_table_cells_and_what_else_must_be_true(monkeypatch) -> None:
    from charter.errors import CharterError
    from charter.rules import approvals

    assert approvals._cell("a|b\nc") == "a\\|b c"
    row = approvals.Row("a change", ("GOV-X",), ("one", "two"), ("discussion",),
                        ("GOV-X: first: needed", "no rule prefix"))
    monkeypatch.setattr(approvals, "rows", lambda: [row])
    assert approvals.markdown().splitlines()[-1] == (
        "| a change | GOV-X | one; and two | **Discussion**; and: first: needed; no rule "
        "prefix |")
    monkeypatch.setattr(approvals, "rows", lambda: [approvals.Row("c", ("R",), ("w",), (),
                                                                  ("R: only",))])
    assert approvals.markdown().splitlines()[-1] == "| c | R | w | and: only |"
    monkeypatch.undo()
    empty = type("Report", (), {"outcomes": []})()
    monkeypatch.setattr(approvals, "judge", lambda s: empty)
    with pytest.raises(CharterError) as e:
        approvals.rows()
    assert str(e.value) == ("approvals table: the gate asks nothing for 'a maintainer added to "
                            "a module that has a decision rule of its own'")


def test_rules_approvals_each_example_change_is_judged_as_recorded(monkeypatch) -> None:
    """Every example change, event by event, with each requirement's summary, groups (who could
    approve, how many are needed) and problems: the table summarises these, so an example that
    no longer makes the change its row names (another person, path or author) shows here.
    CHARTER_UPDATE_GOLDEN=1 rewrites tests/foundation/golden/approvals.json after a deliberate
    change; read its diff before committing it."""
    import os

    from charter.rules import approvals

    monkeypatch.setenv("CHARTER_TODAY", TODAY.isoformat())
    got = [_judged(s) for s in approvals.scenarios()]
    path = Path(__file__).parent / "golden" / "approvals.json"
    if os.environ.get("CHARTER_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


# --- thresholds: more than a fraction, at least a fraction, a module's own rule ---------------

@pytest.mark.parametrize(("total", "half", "two_thirds", "three_quarters"), [
    (1, 1, 1, 1), (2, 2, 2, 2), (3, 2, 2, 3), (4, 3, 3, 3), (5, 3, 4, 4), (6, 4, 4, 5),
    (7, 4, 5, 6), (8, 5, 6, 6), (9, 5, 6, 7), (12, 7, 8, 9)])
def test_gov_thresholds_more_than_half_at_least_two_thirds_and_three_quarters(
        total, half, two_thirds, three_quarters) -> None:
    """A majority is more than 1/2 (exactly half is not one); 2/3 and 3/4 round up."""
    from fractions import Fraction

    from charter.policy import at_least, more_than

    assert more_than(Fraction(1, 2), total) == half
    assert at_least(Fraction(2, 3), total) == two_thirds
    assert at_least(Fraction(3, 4), total) == three_quarters
    assert half * 2 > total >= (half - 1) * 2  # one fewer is at most half


@pytest.mark.parametrize(("rule", "eligible", "needed"), [
    ({}, 4, 3), ({}, 3, 2), ({"kind": "fraction", "fraction": "2/3"}, 3, 2),
    ({"kind": "fraction", "fraction": "2/3"}, 4, 3), ({"kind": "fraction"}, 4, 2),
    ({"kind": "unanimous"}, 4, 4), ({"kind": "any"}, 4, 1), ({"kind": "count", "count": 2}, 4, 2),
    ({"kind": "count", "count": 5}, 4, 4), ({"kind": "count"}, 4, 1), ({}, 0, 0)])
def test_gov_module_decision_own_rule_or_the_default_majority(rule, eligible, needed) -> None:
    """A module's own decision rule, else the default: more than half of its maintainers."""
    from charter.model import DecisionRule

    assert DecisionRule(**rule).required(eligible) == needed


def test_pc_size_an_unknown_cohort_does_not_hide_a_full_one(tmp_path) -> None:
    files = {"council.yaml": _seats(("alice", "A0"), ("carol", "B"), ("dave", "B"),
                                    ("erin", "B"), ("bob", "B"))}
    got = sorted((f.line, f.message.split(";")[0]) for f in found(tmp_path, files, "PC-SIZE"))
    assert got == [(3, "cohort 'A0' is not one of the policy's cohorts (A, B"),
                   (23, "cohort B has 4 members")]


def test_pc_term_a_seat_without_a_calendar_date_is_left_to_int_date(tmp_path) -> None:
    files = {"council.yaml": council(("alice", "A", START, "2027-02-30"),
                                     ("bob", "B", START, "2026-01-01"))}
    findings = check_org(write_org(tmp_path, files))
    assert [(f.rule, f.line) for f in findings if f.rule in ("INT-DATE", "PC-TERM")
            and f.severity is Severity.ERROR] == [("INT-DATE", 5), ("PC-TERM", 10)]


@pytest.mark.parametrize(("end", "due"), [(28, True), (29, False), (27, True)])
def test_pc_election_due_on_the_day_nominations_must_open(tmp_path, end, due) -> None:
    """Nominations and voting take 14 + 14 days: due from 28 days before the terms end."""
    files = {"council.yaml": council(("alice", "A", "2025-06-15", day(end)))}
    got = found(tmp_path, files, "PC-ELECTION")
    assert len(got) == (1 if due else 0)


def test_pc_term_a_term_ending_as_it_starts_is_reported_once(tmp_path) -> None:
    files = {"council.yaml": council(("alice", "A", "2026-06-15", "2026-06-15"),
                                     ("bob", "B", "2025-06-15", "2026-11-21"))}
    got = sorted((f.line, f.severity.value) for f in found(tmp_path, files, "PC-TERM"))
    assert got == [(5, "error"), (10, "warning")]  # alice's error; bob's expired seat


def test_pc_term_notice_names_every_seat_of_the_cohort(tmp_path) -> None:
    files = {"council.yaml": council(("alice", "A", "2025-06-15", "2027-02-19"),
                                     ("bob", "A", "2025-06-15", "2027-02-19"))}
    [f] = found(tmp_path, files, "PC-TERM")
    assert f.message.startswith("the terms of cohort A (alice, bob) end on 2027-02-19;")


# a project a rule passes over (or reports early) never hides the next project from it
@pytest.mark.parametrize(("rule", "first"), [
    ("ECO-STATUS", {"decisions": None, "imported": {"from": "landscape", "date": "2026-01-01"}}),
    ("ECO-MEASURABLE", {"maintainers": None, "imported": {"from": "landscape",
                                                          "date": "2026-01-01"}}),
    ("ECO-PERIODIC", {"status": "new", "decisions": None}),
    ("ECO-FUNCTIONAL", {"status": "new", "decisions": None}),
    ("ECO-VOTE", {"decisions": [{"date": "2026-09-01", "outcome": "accepted",
                                 "for": ["alice", "bob", "carol"], "against": []}]}),
    ("ECO-RESUBMIT", {"status": "new", "decisions": [
        {"date": "2026-06-01", "outcome": "needs-info", "reason": "r"}]}),
])
def test_eco_rules_go_on_to_the_next_project(tmp_path, rule, first) -> None:
    second = {
        "ECO-STATUS": {"decisions": None},
        "ECO-MEASURABLE": {"maintainers": ["m1"]},
        "ECO-PERIODIC": {"decisions": [{**ACCEPTED, "date": "2025-01-01"}]},
        "ECO-FUNCTIONAL": {},
        "ECO-VOTE": {"decisions": [{**ACCEPTED, "for": WG[:2], "against": WG[2:]}]},
        "ECO-RESUBMIT": {"status": "new", "decisions": _declined(), "submitted": "2026-07-01"},
    }[rule]
    files = {**project("aa", **first), **project("zz", **second)}
    got = found(tmp_path, files, rule)
    assert "ecosystem/zz.yaml" in [f.path for f in got], got


# --- INT-*: what the integrity rules look at ----------------------------------------------------

@pytest.mark.parametrize(("section", "key", "value", "reported"), [
    ("council", "member_add_quorum", "3/2", True), ("council", "no_confidence_fraction", "5/4",
                                                    True),
    ("council", "member_add_quorum", "1/1", False), ("governance", "lead_removal_fraction", "3/4",
                                                     False)])
def test_int_fraction_every_fraction_and_quorum_of_the_policy(tmp_path, section, key, value,
                                                              reported) -> None:
    text = POLICY + f"  {key}: '{value}'\n" if section == "council" else \
        POLICY + f"{section}:\n  {key}: '{value}'\n"
    got = found(tmp_path, {"policy.yaml": text}, "INT-FRACTION")
    assert len(got) == (1 if reported else 0)
    if reported:
        assert got[0].message.startswith(f"{value} is not a proportion")


def test_int_policy_a_protected_rule_in_any_case(tmp_path) -> None:
    got = found(tmp_path, {"policy.yaml": POLICY + "rules:\n  int-unknown-login: off\n"},
                "INT-POLICY")
    assert [(f.line, f.col) for f in got] == [(11, 3)]
    assert "cannot be changed by the policy" in got[0].message


def test_int_relationship_with_oneself_in_other_case(tmp_path) -> None:
    files = {"members/bob.yaml": member("bob", 102, None, extra=(
        "relationships:\n  - login: Bob\n    kind: family\n"))}
    got = [f.message for f in found(tmp_path, files, "INT-RELATIONSHIP")]
    assert got == ["a relationship names the person themselves; remove it"]


def test_int_text_position_of_an_escaped_character(tmp_path) -> None:
    files = {"members/bob.yaml": member("bob", 102, "Beta Labs").replace(
        "name: Bob Example", 'name: "\\u200bBob"')}
    [f] = found(tmp_path, files, "INT-TEXT")
    assert f.message.startswith("holds U+200B (ZERO WIDTH SPACE) at character 1:")


def test_int_duplicate_member_reports_each_later_file(tmp_path) -> None:
    files = {"members/zoe.yaml": member("zoe", 101), "members/zed.yaml": member("zed", 101)}
    got = sorted((f.path, f.message) for f in found(tmp_path, files, "INT-DUPLICATE-MEMBER"))
    assert got == [("members/zed.yaml", "github_id 101 is already in members/alice.yaml; one "
                    "person, one file"),
                   ("members/zoe.yaml", "github_id 101 is already in members/alice.yaml; one "
                    "person, one file")]


def test_int_date_in_a_file_with_only_real_dates_and_escapes(tmp_path) -> None:
    files = {"core.yaml": core("alice", "bob", extra="# 2026-13-45 in a comment is no date\n")}
    assert found(tmp_path, files, "INT-DATE") == []
    files = {"council.yaml": council(("alice", "A", START, "2028-06-31"))}
    assert [(f.line, f.col) for f in found(tmp_path / "b", files, "INT-DATE")] == [(5, 15)]


def test_eco_status_a_project_with_no_decision_does_not_hide_the_next(tmp_path) -> None:
    files = {**project("aa", status="new", decisions=None),
             **project("zz", decisions=_declined())}
    got = [f.path for f in found(tmp_path, files, "ECO-STATUS") if "latest" in f.message]
    assert got == ["ecosystem/zz.yaml"]


def test_eco_measurable_an_imported_project_that_lists_too_few_is_an_error(tmp_path) -> None:
    got = eco(tmp_path, "ECO-MEASURABLE", maintainers=["m1"], imported=IMPORTED)
    assert [(f.severity, f.line) for f in got] == [(Severity.ERROR, 8)]


def test_eco_measurable_an_imported_project_without_maintainers_is_a_notice(tmp_path) -> None:
    got = eco(tmp_path, "ECO-MEASURABLE", maintainers=None, imported=IMPORTED)
    assert [f.severity for f in got] == [Severity.NOTICE]


@pytest.mark.parametrize("where", ["for", "against", "abstain"])
def test_eco_vote_every_list_of_voters_is_checked(tmp_path, where) -> None:
    d = {**ACCEPTED, "for": WG[:3], "against": WG[3:]}
    d[where] = [*d.get(where, []), "frank"]
    got = [f.message for f in eco(tmp_path, "ECO-VOTE", decisions=[d])]
    assert f"lumo, 2026-09-01: frank ({where}) is not a member of the working group" in got


def test_eco_vote_a_decision_without_its_working_group_does_not_hide_the_next(tmp_path) -> None:
    first = {k: v for k, v in ACCEPTED.items() if k != "working_group"}
    wrong = {**ACCEPTED, "date": "2026-09-02", "for": WG[:2], "against": WG[2:]}
    got = [f.message for f in eco(tmp_path, "ECO-VOTE", decisions=[first, wrong])]
    assert len(got) == 2 and "the outcome is declined" in got[1]


def test_eco_resubmit_an_earlier_decision_of_another_kind_does_not_hide_the_decline(
        tmp_path) -> None:
    later = [{"date": "2026-05-01", "outcome": "needs-info", "reason": "more"}, *_declined()]
    got = eco(tmp_path, "ECO-RESUBMIT", status="new", decisions=later, submitted="2026-05-01")
    assert len(got) == 1 and "only as a new application" in got[0].message


def test_eco_resubmit_submitted_on_the_day_of_the_decline_is_no_new_application(tmp_path) -> None:
    got = eco(tmp_path, "ECO-RESUBMIT", status="new", decisions=_declined(),
              submitted="2026-06-01")
    assert [f.message.split(";")[0] for f in got] == ["lumo was declined on 2026-06-01"]


def test_eco_periodic_a_project_without_a_notice_does_not_hide_the_next(tmp_path) -> None:
    notice = {"issue": 12, "opened": "2026-10-01", "deadline": "2026-11-20"}
    files = {**project("aa"), **project("zz", notice=notice)}
    got = [f.path for f in found(tmp_path, files, "ECO-PERIODIC") if "notice" in f.message]
    assert got == ["ecosystem/zz.yaml"]


TEN = ("framework-support", "ci", "governance", "value-proposition", "quick-start",
       "documentation", "licence", "tests", "packages", "maintenance")
MET = {k: {"met": True, "evidence": "e", "reviewer": "alice"} for k in TEN}
HOW = ("an acceptance records each as met: charter ecosystem evidence lumo REQUIREMENT --met "
       "--evidence TEXT --reviewer LOGIN")


@pytest.mark.parametrize(("extra", "want"), [
    ({}, [((4, 9), "lumo is active but records no evidence for 10 of the ten functional "
           f"requirements ({', '.join(TEN)}); {HOW}")]),
    ({"functional": {k: v for k, v in MET.items() if k not in ("ci", "tests")}},
     [((27, 3), "lumo is active but records no evidence for 2 of the ten functional "
                f"requirements (ci, tests); {HOW}")]),
    ({"functional": {**MET, "ci": {"met": False}}},
     [((32, 5), "lumo: the requirement 'ci' is recorded as not met; an active project meets all "
                "ten (re-review it: charter ecosystem review)")]),
    ({"functional": {**MET, "ci": {"met": True, "evidence": "e"}}},
     [((32, 5), "lumo: the requirement 'ci' is marked met without a reviewer; record both: "
                "charter ecosystem evidence lumo ci --met --evidence TEXT --reviewer LOGIN")]),
    ({"imported": IMPORTED}, []),
    ({"status": "new", "decisions": None}, []),
])
def test_eco_functional_messages_in_full(tmp_path, extra, want) -> None:
    got = [((f.line, f.col), f.message) for f in eco(tmp_path, "ECO-FUNCTIONAL", **extra)]
    assert got == want
    # an acceptance rests on every requirement recorded as met with its evidence (an error);
    # one recorded as not met later is the periodic review's to act on (a warning)
    for f in eco(tmp_path / "s", "ECO-FUNCTIONAL", **extra):
        later = "recorded as not met" in f.message
        assert f.severity is (Severity.WARNING if later else Severity.ERROR), f.message


def test_int_unknown_login_offers_every_close_login(tmp_path) -> None:
    files = {"core.yaml": core("alice", "bob", "dav"), "members/davy.yaml": member("davy", 120)}
    got = [f.message for f in found(tmp_path, files, "INT-UNKNOWN-LOGIN")]
    assert got == ["'dav' (a core maintainer) has no member file; did you mean 'davy' or 'dave'?"]


def test_int_unknown_login_a_team_is_no_person(tmp_path) -> None:
    files = {"codeowners.yaml": "governance:\n  - pattern: /docs/\n    owners: [test-org/team]\n"}
    assert found(tmp_path, files, "INT-UNKNOWN-LOGIN") == []


@pytest.mark.parametrize("text", ["2026-13-01", "0000-01-01", "2026-02-30", "2025-02-29"])
def test_int_date_every_impossible_date_however_it_is_wrong(tmp_path, text) -> None:
    """A month past 12, year 0, a day past the month's end, 29 February of a common year."""
    files = {"members/bob.yaml": member("bob", 102, "Beta Labs").replace(
        "name: Bob Example", f"name: '{text}'")}
    got = [(f.line, f.col, f.message) for f in found(tmp_path, files, "INT-DATE")]
    assert got == [(4, 7, f"{text} is not a calendar date; write a real YYYY-MM-DD date")]


def test_int_policy_each_setting_at_its_own_line(tmp_path) -> None:
    """Settings the policy may not make come after ones it may: each is reported where it is,
    and a protected one does not stop the check of the next."""
    policy = POLICY + ("rules:\n  PC-ELECTION: off\n  INT-UNKNOWN-LOGIN: off\n"
                       "  GOV-MODULE-COMS: off\n")
    got = [(f.line, f.col, f.message.split(" ")[1]) for f in found(
        tmp_path, {"policy.yaml": policy}, "INT-POLICY")]
    assert got == [(12, 3, "INT-UNKNOWN-LOGIN"), (13, 3, "unknown")]


def test_int_duplicate_login_in_a_modules_maintainers(tmp_path) -> None:
    files = {"modules/nn.yaml": module("nn", "carol", "Carol", paths=("src/nn/",))}
    [f] = found(tmp_path, files, "INT-DUPLICATE-LOGIN")
    assert (f.path, f.line, f.col) == ("modules/nn.yaml", 8, 5)  # the second entry


# --- ECO-OFFBOARD and ECO-QUEUE: evidence and claims on record ------------------------------

RETIRED = [ACCEPTED, {"date": "2026-10-01", "outcome": "retired", "reason": "short"}]
NO_ISSUE = {"date": "2026-10-01", "reason": "short"}


def offboard_how(slug: str) -> str:
    return (f"{slug} is retired but its record names no offboarding issue: its owners must be "
            "told and asked to remove references to ecosystem membership; open that issue and "
            "record its number under retired: offboarding_issue: (charter ecosystem offboard "
            f"{slug} --apply does both; charter ecosystem review --apply does it when it retires "
            "a project)")


def test_eco_offboard_retired_without_its_offboarding_issue_in_full(tmp_path) -> None:
    got = eco(tmp_path, "ECO-OFFBOARD", status="retired", decisions=RETIRED, retired=NO_ISSUE)
    assert [(f.path, f.line, f.col, f.severity, f.message) for f in got] == [
        ("ecosystem/lumo.yaml", 30, 3, Severity.ERROR, offboard_how("lumo"))]


def test_eco_offboard_a_project_that_names_its_issue_does_not_hide_the_next(tmp_path) -> None:
    files = {**project("aa", status="retired", decisions=RETIRED,
                       retired={**NO_ISSUE, "offboarding_issue": 5}),
             **project("zz", status="retired", decisions=RETIRED, retired=NO_ISSUE)}
    assert [(f.path, f.message) for f in found(tmp_path, files, "ECO-OFFBOARD")] == [
        ("ecosystem/zz.yaml", offboard_how("zz"))]


@pytest.mark.parametrize("extra", [
    {"imported": IMPORTED},                                     # retired before charter
    {"retired": {**NO_ISSUE, "offboarding_issue": 38}},         # the evidence is there
    {"status": "active", "decisions": [ACCEPTED]},              # not retired at all
])
def test_eco_offboard_asks_nothing_of_records_that_need_no_issue(tmp_path, extra) -> None:
    args = {"status": "retired", "decisions": RETIRED, "retired": NO_ISSUE, **extra}
    assert eco(tmp_path, "ECO-OFFBOARD", **args) == []


QUEUED_NEW = ("it is queued as a new application, first in, first out by issue number. If the "
              "project did apply before, record that decision in this file (or re-apply into the "
              "file that holds it: charter ecosystem intake continues a project's file)")


@pytest.mark.parametrize(("extra", "want"), [
    ({"returning": True}, ((10, 12), "lumo says returning: true, but its record holds no earlier "
     "decision; an application returns (reviewed first) only after a recorded needs-info or "
     "closed-not-ready decision, so the queue takes it first in, first out by issue number: "
     "remove returning: (charter derives it from the decisions)")),
    ({"previous_issue": 3}, ((10, 17), "lumo: previous_issue: names #3 as an earlier "
     "application, but charter holds no decision on an earlier application of x/lumo; "
     + QUEUED_NEW)),
    ({"application": {"previous_issue": "#3"}}, ((11, 19), "lumo: its application form names #3 "
     "as an earlier application, but charter holds no decision on an earlier application of "
     f"x/lumo; {QUEUED_NEW}")),
])
def test_eco_queue_unbacked_claims_to_return_in_full(tmp_path, extra, want) -> None:
    got = eco(tmp_path, "ECO-QUEUE", status="new", decisions=None, **extra)
    assert [((f.line, f.col), f.message) for f in got] == [want]
    assert all(f.severity is Severity.WARNING for f in got)


def test_eco_queue_returning_key_on_a_project_no_longer_waiting(tmp_path) -> None:
    [f] = eco(tmp_path, "ECO-QUEUE", returning=True)
    assert ((f.line, f.col), f.severity) == ((26, 12), Severity.WARNING)
    assert f.message.startswith("lumo says returning: true, but it is active: an application "
                                "waits for review again once its status is back at new")


@pytest.mark.parametrize("extra", [
    {"returning": True, "decisions": [{"date": "2026-09-01", "outcome": "needs-info",
                                       "reason": "more"}]},          # backed by its decision
    {"application": {"previous_issue": "not a number"}},           # ECO-SUBMIT's to report
    {"application": None},
    {},
])
def test_eco_queue_claims_the_record_backs_or_none_at_all(tmp_path, extra) -> None:
    args = {"status": "new", "decisions": None, **extra}
    assert eco(tmp_path, "ECO-QUEUE", **args) == []


def test_eco_queue_a_project_without_a_claim_does_not_hide_the_next(tmp_path) -> None:
    files = {**project("aa", status="new", decisions=None),
             **project("zz", status="new", decisions=None, previous_issue=3)}
    assert [f.path for f in found(tmp_path, files, "ECO-QUEUE")] == ["ecosystem/zz.yaml"]


def test_eco_offboard_names_the_governance_repository_to_open_the_issue_in(tmp_path) -> None:
    policy = POLICY.replace("  github: test-org\n",
                            "  github: test-org\n  governance_repository: test-org/governance\n")
    assert policy != POLICY
    files = {"policy.yaml": policy,
             **project(status="retired", decisions=RETIRED, retired=NO_ISSUE)}
    [f] = found(tmp_path, files, "ECO-OFFBOARD")
    assert "; open that issue in test-org/governance and record its number" in f.message


def test_eco_offboard_a_retired_status_without_its_record_does_not_hide_the_next(
        tmp_path) -> None:
    files = {**project("aa", status="retired", decisions=RETIRED),   # ECO-STATUS's to report
             **project("zz", status="retired", decisions=RETIRED, retired=NO_ISSUE)}
    assert [f.path for f in found(tmp_path, files, "ECO-OFFBOARD")] == ["ecosystem/zz.yaml"]


def test_eco_functional_an_imported_record_is_warned_not_failed(tmp_path) -> None:
    bare = {**MET, "ci": {"met": True, "evidence": "e"}}
    [f] = eco(tmp_path, "ECO-FUNCTIONAL", imported=IMPORTED, functional=bare)
    assert "'ci' is marked met without a reviewer" in f.message
    assert f.severity is Severity.WARNING


def test_eco_queue_an_application_that_is_no_mapping_is_passed_over(tmp_path) -> None:
    # the schema reports its shape; the queue rule must neither crash nor read a claim from it
    assert eco(tmp_path, "ECO-QUEUE", status="new", decisions=None,
               application="#3") == []


def test_eco_functional_an_accepted_status_is_held_to_its_evidence(tmp_path) -> None:
    [f] = eco(tmp_path, "ECO-FUNCTIONAL", status="accepted",
              functional={k: v for k, v in MET.items() if k != "ci"})
    assert "records no evidence for 1 of the ten functional requirements (ci)" in f.message
    assert f.severity is Severity.ERROR


def test_eco_offboard_an_imported_record_does_not_hide_the_next(tmp_path) -> None:
    files = {**project("aa", status="retired", decisions=RETIRED, retired=NO_ISSUE,
                       imported=IMPORTED),
             **project("zz", status="retired", decisions=RETIRED, retired=NO_ISSUE)}
    assert [f.path for f in found(tmp_path, files, "ECO-OFFBOARD")] == ["ecosystem/zz.yaml"]
