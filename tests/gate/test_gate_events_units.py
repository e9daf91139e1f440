"""The gate's semantic diff (``charter.gate.events``), event by event: the exact list of events
``diff`` returns for a change of the fixture organisation, and the layout-only edits
``formatting_only`` reports, with every field a requirement reads (kind, subject, path, where,
side, module, before, after, detail, data).

Each test edits the fixture organisation held in memory (gate_memory: the same files as the
``org`` git repository), loads the base and the head with the real loader and compares them with
the gate's own code, as ``charter pr-check`` does; no git. The fixture's core maintainers are ada
(lead), bob, cyd, dan and eve; module nn is finn, gus and hal; the council is pat, quin (cohort
A) and ros (cohort B) with returning officer sam; the ecosystem working group is ivy (chair), jo,
kim, mo and ned; ``ecosystem/alpha.yaml`` is an application in progress.

The tests are named for the rule whose requirement the event raises (charter.gate.requirements):
GOV-APPROVAL for member records, files and the core record, GOV-NOMINATE-CORE / -MODULE for a
maintainer added, GOV-REMOVE for one removed, GOV-EMERITUS for an emeritus record deleted,
GOV-LEAD-ELECT for the lead, GOV-MODULES-SCOPE and GOV-MODULE for modules, PC-ELECTION / PC-TERM
for the council, ECO-STATUS for ecosystem projects and INT-GENERATED for generated files.
"""

from __future__ import annotations

import copy
from dataclasses import fields, replace
from typing import Any

import pytest
from gate_memory import Memory

from charter.gate import events
from charter.gate.events import Event
from charter.gate.paths import Change
from charter.load import load
from charter.model import State
from charter.tree import MemoryTree

Row = tuple[Any, ...]

CORE = "core.yaml"
COUNCIL = "council.yaml"
WG = "ecosystem-wg.yaml"
NN = "modules/nn.yaml"
ALPHA = "ecosystem/alpha.yaml"
OWNERS = "codeowners.yaml"
CODEOWNERS = {"governance": [{"pattern": "/docs/", "owners": ["ada"]}]}


def row(e: Event) -> Row:
    """Every field of an event, ``data`` included (Event equality leaves it out)."""
    return tuple(getattr(e, f.name) for f in fields(Event))


def ev(kind: str, subject: str, path: str, where: tuple[str | int, ...] = (), **kw: Any) -> Row:
    return row(Event(kind, subject, path, where, **kw))


def changes(mem: Memory) -> list[Change]:
    """The changed paths, as ``Memory.report`` (and ``paths.changed``) gives them."""
    return [Change(p, "D" if p not in mem.head else "A" if p not in mem.base else "M")
            for p in sorted(mem.base.keys() | mem.head.keys())
            if mem.base.get(p) != mem.head.get(p)]


_PROTO = Memory()
_LOADED: dict[frozenset[tuple[str, bytes]], State] = {}


@pytest.fixture
def mem() -> Memory:
    """The fixture organisation in memory (as gate_memory's ``mem``, built once and copied)."""
    m = copy.copy(_PROTO)
    m.base, m.head = dict(_PROTO.base), dict(_PROTO.head)
    return m


def _load(files: dict[str, bytes], label: str) -> State:
    """The state of ``files``, loaded once per content (the events only read it)."""
    key = frozenset(files.items())
    if key not in _LOADED:
        _LOADED[key] = load(MemoryTree(dict(files), label))[0]
    return _LOADED[key]


def states(mem: Memory) -> tuple[State, State]:
    return _load(mem.base, "main"), _load(mem.head, "pr")


def diff(mem: Memory) -> list[Row]:
    base, head = states(mem)
    return [row(e) for e in events.diff(base, head, changes(mem))]


def layout(mem: Memory) -> list[Row]:
    """What the gate adds after ``diff``: the governance files changed in layout only."""
    base, head = states(mem)
    got = changes(mem)
    return [row(e) for e in events.formatting_only(base, head, got, events.diff(base, head, got))]


def drop(key: str) -> Any:
    """An edit removing ``key`` from a record."""
    def edit(d: dict[str, Any]) -> None:
        del d[key]
    return edit


def modified(path: str) -> Row:
    return ev("file-changed", path, path, detail="modified")


# --- members (GOV-APPROVAL: members/ is owned by the core maintainers) -------------------------

def test_gov_approval_a_new_member_file_is_one_member_added_event(mem: Memory) -> None:
    mem.write({"members/zed.yaml": {"login": "zed", "name": "Zed"}})
    assert diff(mem) == [ev("member-added", "zed", "members/zed.yaml", ("login",))]


def test_gov_approval_a_deleted_member_file_is_member_removed_on_the_base_side(
        mem: Memory) -> None:
    mem.write({"members/newbie.yaml": None})
    assert diff(mem) == [ev("member-removed", "newbie", "members/newbie.yaml", ("login",),
                            side="base")]


def test_gov_approval_members_come_in_login_order_ignoring_case(mem: Memory) -> None:
    mem.write({"members/zed.yaml": {"login": "Zed", "name": "Zed"},
               "members/abe.yaml": {"login": "abe", "name": "Abe"},
               "members/tess.yaml": None, "members/newbie.yaml": None})
    assert diff(mem) == [
        ev("member-added", "abe", "members/abe.yaml", ("login",)),
        ev("member-removed", "newbie", "members/newbie.yaml", ("login",), side="base"),
        ev("member-removed", "tess", "members/tess.yaml", ("login",), side="base"),
        ev("member-added", "Zed", "members/zed.yaml", ("login",)),
    ]


def test_gov_approval_a_login_written_in_other_case_is_a_change_of_the_same_member(
        mem: Memory) -> None:
    mem.edit("members/tess.yaml", lambda d: d.update(login="Tess"))
    assert diff(mem) == [ev("member-changed", "Tess", "members/tess.yaml", ("login",),
                            detail="login", data={"changed": ("login",)})]


def test_gov_approval_an_affiliation_added_lists_every_affiliation_before_and_after(
        mem: Memory) -> None:
    mem.edit("members/pat.yaml",
             lambda d: d["affiliations"].append({"entity": "Acme", "role": "contractor"}))
    assert diff(mem) == [ev("member-affiliation-changed", "pat", "members/pat.yaml",
                            ("affiliations",), before=["Org pat (employee)"],
                            after=["Org pat (employee)", "Acme (contractor)"])]


def test_gov_approval_affiliations_only_reordered_are_a_file_change_not_an_affiliation_change(
        mem: Memory) -> None:
    two = [{"entity": "Org pat", "role": "employee"}, {"entity": "Acme", "role": "advisor"}]
    mem.land({"members/pat.yaml": {**mem.data("members/pat.yaml"), "affiliations": two}})
    mem.edit("members/pat.yaml", lambda d: d.update(affiliations=two[::-1]))
    assert diff(mem) == [modified("members/pat.yaml")]
    assert layout(mem) == []


def test_gov_approval_a_relationship_changed_lists_them_before_and_after(mem: Memory) -> None:
    mem.edit("members/cyd.yaml", lambda d: d.update(
        relationships=[{"login": "gus", "kind": "romantic"}, {"login": "hal", "kind": "family"}]))
    assert diff(mem) == [ev("member-relationship-changed", "cyd", "members/cyd.yaml",
                            ("relationships",), before=["gus (family)"],
                            after=["gus (romantic)", "hal (family)"])]


def test_gov_approval_a_relationship_login_recased_is_not_a_relationship_change(
        mem: Memory) -> None:
    mem.land({"members/cyd.yaml": {**mem.data("members/cyd.yaml"),
                                   "relationships": [{"login": "Gus", "kind": "family"}]}})
    mem.edit("members/cyd.yaml", lambda d: d.update(relationships=[{"login": "GUS",
                                                                    "kind": "family"}]))
    assert diff(mem) == [modified("members/cyd.yaml")]


def test_gov_approval_a_github_id_changed_is_an_identity_change(mem: Memory) -> None:
    mem.edit("members/cyd.yaml", lambda d: d.update(github_id=999))
    assert diff(mem) == [ev("member-identity-changed", "cyd", "members/cyd.yaml", ("github_id",),
                            before=103, after=999)]


def test_gov_approval_a_github_id_removed_is_an_identity_change_to_none(mem: Memory) -> None:
    mem.edit("members/cyd.yaml", drop("github_id"))
    assert diff(mem) == [ev("member-identity-changed", "cyd", "members/cyd.yaml", ("github_id",),
                            before=103, after=None)]


def test_gov_approval_community_membership_changed_gives_both_records(mem: Memory) -> None:
    mem.edit("members/pat.yaml", lambda d: d.update(community={"since": "2026-02-01"}))
    mem.edit("members/bob.yaml", lambda d: d.update(community={"since": "2026-03-01"}))
    assert diff(mem) == [
        ev("member-community-changed", "bob", "members/bob.yaml", ("community",),
           before=None, after={"since": "2026-03-01"}),
        ev("member-community-changed", "pat", "members/pat.yaml", ("community",),
           before={"since": "2025-01-01"}, after={"since": "2026-02-01"}),
    ]


def test_gov_approval_other_fields_of_a_member_are_one_change_naming_them_in_order(
        mem: Memory) -> None:
    mem.edit("members/bob.yaml", lambda d: d.update(name="Robert", last_active="2026-01-02"))
    assert diff(mem) == [ev("member-changed", "bob", "members/bob.yaml", ("last_active",),
                            detail="last_active, name",
                            data={"changed": ("last_active", "name")})]


def test_gov_approval_a_member_field_removed_is_a_change_of_that_field(mem: Memory) -> None:
    mem.land({"members/bob.yaml": {**mem.data("members/bob.yaml"),
                                   "contact": "bob@example.org"}})
    mem.edit("members/bob.yaml", drop("contact"))
    assert diff(mem) == [ev("member-changed", "bob", "members/bob.yaml", ("contact",),
                            detail="contact", data={"changed": ("contact",)})]


def test_gov_approval_every_kind_of_member_change_in_one_edit_in_a_fixed_order(
        mem: Memory) -> None:
    mem.edit("members/pat.yaml", lambda d: d.update(
        login="Pat", github_id=7, community={"since": "2026-02-01"},
        affiliations=[{"entity": "Acme", "role": "owner"}],
        relationships=[{"login": "quin", "kind": "family"}], name="Patricia"))
    p = "members/pat.yaml"
    assert diff(mem) == [
        ev("member-affiliation-changed", "Pat", p, ("affiliations",),
           before=["Org pat (employee)"], after=["Acme (owner)"]),
        ev("member-relationship-changed", "Pat", p, ("relationships",), before=[],
           after=["quin (family)"]),
        ev("member-identity-changed", "Pat", p, ("github_id",), before=115, after=7),
        ev("member-community-changed", "Pat", p, ("community",), before={"since": "2025-01-01"},
           after={"since": "2026-02-01"}),
        ev("member-changed", "Pat", p, ("login",), detail="login, name",
           data={"changed": ("login", "name")}),
    ]


def test_gov_approval_a_member_moved_to_another_file_points_at_the_new_file(
        mem: Memory) -> None:
    mem.write({"members/tess.yaml": None,
               "members/tess2.yaml": {**mem.data("members/tess.yaml"), "github_id": 5}})
    assert diff(mem) == [
        ev("member-identity-changed", "tess", "members/tess2.yaml", ("github_id",),
           before=None, after=5),
        ev("file-changed", "members/tess.yaml", "members/tess.yaml", detail="deleted",
           side="base"),
    ]


# --- core (GOV-NOMINATE-CORE, GOV-REMOVE, GOV-EMERITUS, GOV-LEAD-ELECT, GOV-APPROVAL) ----------

def test_gov_nominate_core_new_maintainers_in_login_order_with_their_place(
        mem: Memory) -> None:
    mem.edit(CORE, lambda d: d["maintainers"].extend(["zoe", "Abe"]))
    assert diff(mem) == [ev("core-maintainer-added", "Abe", CORE, ("maintainers", 6)),
                         ev("core-maintainer-added", "zoe", CORE, ("maintainers", 5))]


def test_gov_nominate_core_a_maintainer_added_with_the_day_they_joined(mem: Memory) -> None:
    mem.edit(CORE, lambda d: d.update(maintainers=[*d["maintainers"], "newbie"],
                                      joined={"newbie": "2026-11-21"}))
    assert diff(mem) == [ev("core-maintainer-added", "newbie", CORE, ("maintainers", 5))]


def test_gov_nominate_core_a_maintainer_listed_again_in_other_case_is_added(
        mem: Memory) -> None:
    mem.edit(CORE, lambda d: d["maintainers"].append("Bob"))
    assert diff(mem) == [ev("core-maintainer-added", "Bob", CORE, ("maintainers", 5))]


def test_gov_remove_core_maintainers_removed_in_login_order(mem: Memory) -> None:
    mem.edit(CORE, lambda d: d.update(maintainers=["ada", "bob", "cyd"]))
    assert diff(mem) == [ev("core-maintainer-removed", "dan", CORE, ("maintainers",)),
                         ev("core-maintainer-removed", "eve", CORE, ("maintainers",))]


def test_gov_remove_a_core_maintainer_moved_to_emeritus_points_at_the_emeritus_entry(
        mem: Memory) -> None:
    mem.land({CORE: {**mem.data(CORE), "maintainers": ["ada", "bob", "cyd", "dan", "Eve"],
                     "emeritus": [{"login": "Zoe", "since": "2025-01-01"}]}})
    mem.edit(CORE, lambda d: d.update(maintainers=["ada", "bob", "cyd", "dan"], emeritus=[
        *d["emeritus"], {"login": "EVE", "since": "2026-01-01"}]))
    assert diff(mem) == [ev("core-maintainer-emeritus", "Eve", CORE, ("emeritus", 1))]


def test_gov_remove_a_core_maintainer_already_emeritus_and_dropped_is_a_removal(
        mem: Memory) -> None:
    mem.land({CORE: {**mem.data(CORE), "emeritus": [{"login": "eve", "since": "2025-01-01"}]}})
    mem.edit(CORE, lambda d: d["maintainers"].remove("eve"))
    assert diff(mem) == [ev("core-maintainer-removed", "eve", CORE, ("maintainers",))]


def test_gov_emeritus_core_emeritus_records_deleted_in_login_order(mem: Memory) -> None:
    mem.land({CORE: {**mem.data(CORE), "emeritus": [
        {"login": "Zoe", "since": "2025-01-01"}, {"login": "Abe", "since": "2025-01-01"},
        {"login": "kit", "since": "2025-01-01"}]}})
    mem.edit(CORE, lambda d: d.update(emeritus=[{"login": "kit", "since": "2025-01-01"}]))
    assert diff(mem) == [ev("core-emeritus-deleted", "Abe", CORE, ("emeritus",)),
                         ev("core-emeritus-deleted", "Zoe", CORE, ("emeritus",))]


def test_gov_lead_elect_a_new_lead_carries_the_election_it_came_from(mem: Memory) -> None:
    mem.edit(CORE, lambda d: d.update(lead="bob", lead_elected_in="2026-lead"))
    assert diff(mem) == [
        ev("lead-changed", "bob", CORE, ("lead",), before="ada", after="bob",
           data={"lead_elected_in": "2026-lead"}),
        ev("core-changed", "core", CORE, ("lead_elected_in",), detail="lead_elected_in",
           data={"changed": ("lead_elected_in",)}),
    ]


def test_gov_lead_elect_a_lead_left_vacant_and_filled_again(mem: Memory) -> None:
    mem.edit(CORE, drop("lead"))
    assert diff(mem) == [ev("lead-changed", "(vacant)", CORE, ("lead",), before="ada",
                            after=None, data={"lead_elected_in": None})]
    mem.land({})
    mem.edit(CORE, lambda d: d.update(lead="cyd"))
    assert diff(mem) == [ev("lead-changed", "cyd", CORE, ("lead",), before=None, after="cyd",
                            data={"lead_elected_in": None})]


@pytest.mark.parametrize(("before", "after"), [(None, "XXXX"), ("xxxx", None)])
def test_gov_lead_elect_a_vacancy_filled_or_left_is_a_lead_change_whatever_the_login(
        mem: Memory, before: str | None, after: str | None) -> None:
    mem.land({CORE: {"lead": before, "maintainers": ["ada", "xxxx", "XXXX"]}})
    mem.edit(CORE, lambda d: d.update(lead=after))
    assert diff(mem) == [ev("lead-changed", after or "(vacant)", CORE, ("lead",), before=before,
                            after=after, data={"lead_elected_in": None})]


def test_gov_lead_elect_the_lead_written_in_other_case_is_the_same_lead(mem: Memory) -> None:
    mem.edit(CORE, lambda d: d.update(lead="ADA"))
    assert diff(mem) == [modified(CORE)]


def test_gov_approval_core_record_fields_changed_are_one_core_change_in_a_fixed_order(
        mem: Memory) -> None:
    mem.land({CORE: {**mem.data(CORE), "joined": {"bob": "2020-01-01"}}})
    mem.edit(CORE, lambda d: d.update(last_meeting="2026-01-05", lead_elected_in="2026-lead",
                                      joined={"bob": "2021-01-01"}))
    assert diff(mem) == [ev("core-changed", "core", CORE, ("last_meeting",),
                            detail="last_meeting, lead_elected_in, joined",
                            data={"changed": ("last_meeting", "lead_elected_in", "joined")})]


@pytest.mark.parametrize(("before", "after"), [
    ({}, {"bob": "2021-01-01"}),
    ({"bob": "2020-01-01"}, {"bob": "2021-01-01"}),
    ({"Bob": "2020-01-01"}, {}),
])
def test_gov_lead_elect_the_day_a_maintainer_joined_changed_later_is_a_core_change(
        mem: Memory, before: dict[str, str], after: dict[str, str]) -> None:
    mem.land({CORE: {**mem.data(CORE), "joined": before}})
    mem.edit(CORE, lambda d: d.update(joined=after))
    assert diff(mem) == [ev("core-changed", "core", CORE, ("joined",), detail="joined",
                            data={"changed": ("joined",)})]


def test_gov_lead_elect_the_day_joined_recased_or_of_a_former_maintainer_is_no_core_change(
        mem: Memory) -> None:
    mem.land({CORE: {**mem.data(CORE), "maintainers": ["ada", "Bob", "cyd", "dan", "eve"],
                     "joined": {"bob": "2020-01-01", "zed": "2020-01-01"}}})
    mem.edit(CORE, lambda d: d.update(maintainers=["ada", "BOB", "cyd", "dan", "eve"],
                                      joined={"BOB": "2020-01-01", "zed": "2021-01-01"}))
    assert diff(mem) == [modified(CORE)]


def test_gov_approval_an_emeritus_record_edited_is_a_core_change(mem: Memory) -> None:
    mem.land({CORE: {**mem.data(CORE), "emeritus": [{"login": "Zoe", "since": "2025-01-01"}]}})
    mem.edit(CORE, lambda d: d.update(emeritus=[{"login": "zoe", "since": "2025-01-01",
                                                  "reason": "retired"}]))
    assert diff(mem) == [ev("core-changed", "core", CORE, ("emeritus",), detail="emeritus",
                            data={"changed": ("emeritus",)})]
    mem.edit(CORE, lambda d: d.update(emeritus=[{"login": "zoe", "since": "2025-02-01"}]))
    assert diff(mem) == [ev("core-changed", "core", CORE, ("emeritus",), detail="emeritus",
                            data={"changed": ("emeritus",)})]


def test_gov_approval_an_emeritus_edit_beside_another_core_change_is_not_named(
        mem: Memory) -> None:
    mem.land({CORE: {**mem.data(CORE), "emeritus": [{"login": "zoe", "since": "2025-01-01"}]}})
    mem.edit(CORE, lambda d: d.update(last_meeting="2026-01-05", emeritus=[
        {"login": "zoe", "since": "2025-01-01", "reason": "retired"}]))
    assert diff(mem) == [ev("core-changed", "core", CORE, ("last_meeting",),
                            detail="last_meeting", data={"changed": ("last_meeting",)})]


def test_gov_approval_an_emeritus_record_of_someone_never_a_maintainer_is_a_file_change(
        mem: Memory) -> None:
    mem.edit(CORE, lambda d: d.update(emeritus=[{"login": "zoe", "since": "2025-01-01"}]))
    assert diff(mem) == [modified(CORE)]


def test_gov_approval_core_yaml_deleted_or_restored_is_a_file_change_not_a_core_purge(
        mem: Memory) -> None:
    mem.write({CORE: None})
    assert diff(mem) == [ev("file-changed", CORE, CORE, detail="deleted", side="base")]
    mem.land({})
    mem.write({CORE: {"lead": "ada", "maintainers": ["ada"]}})
    assert diff(mem) == [ev("file-changed", CORE, CORE, detail="added")]


# --- modules (GOV-MODULES-SCOPE, GOV-MODULE, GOV-NOMINATE-MODULE, GOV-REMOVE) ------------------

def module(slug: str, **more: Any) -> dict[str, Any]:
    return {"slug": slug, "name": slug.title(), "kind": "paths", "paths": [f"lib/{slug}/"],
            "maintainers": [], **more}


def test_gov_modules_scope_modules_added_and_removed_in_slug_order(mem: Memory) -> None:
    mem.write({"modules/zz.yaml": module("zz", maintainers=["zoe", "Abe"]),
               "modules/aa.yaml": module("aa"), "modules/misc.yaml": None})
    assert diff(mem) == [
        ev("module-added", "aa", "modules/aa.yaml", ("slug",), after=[],
           data={"maintainers": []}),
        ev("module-removed", "misc", "modules/misc.yaml", ("slug",), side="base"),
        ev("module-added", "zz", "modules/zz.yaml", ("slug",), after=["zoe", "Abe"],
           data={"maintainers": ["zoe", "Abe"]}),
    ]


def test_gov_modules_scope_a_module_rescoped_names_the_scope_fields_in_order(
        mem: Memory) -> None:
    mem.edit(NN, lambda d: d.update(kind="repository", repositories=["org/nn"],
                                    overlaps=["misc"]))
    mem.edit(NN, drop("paths"))
    assert diff(mem) == [ev(
        "module-rescoped", "nn", NN, ("kind",), module="nn",
        detail="kind, paths, repositories, overlaps",
        before={"kind": "paths", "paths": ["lib/nn/"], "repositories": None, "overlaps": None},
        after={"kind": "repository", "paths": None, "repositories": ["org/nn"],
               "overlaps": ["misc"]})]


def test_gov_modules_scope_a_path_added_is_a_rescoping_of_paths_only(mem: Memory) -> None:
    mem.edit(NN, lambda d: d["paths"].append("lib/nn2/"))
    assert diff(mem) == [ev("module-rescoped", "nn", NN, ("paths",), module="nn", detail="paths",
                            before={"paths": ["lib/nn/"]},
                            after={"paths": ["lib/nn/", "lib/nn2/"]})]


def test_gov_module_decision_rules_changed_name_both_fields(mem: Memory) -> None:
    mem.edit(NN, lambda d: d.update(decision_rule={"kind": "unanimous"}, inactive_months=6))
    assert diff(mem) == [ev(
        "module-rule-changed", "nn", NN, ("decision_rule",), module="nn",
        detail="decision_rule, inactive_months",
        before={"decision_rule": {"kind": "majority"}, "inactive_months": None},
        after={"decision_rule": {"kind": "unanimous"}, "inactive_months": 6})]


def test_gov_module_inactive_months_alone_is_a_rule_change(mem: Memory) -> None:
    mem.edit(NN, lambda d: d.update(inactive_months=6))
    assert diff(mem) == [ev("module-rule-changed", "nn", NN, ("inactive_months",), module="nn",
                            detail="inactive_months", before={"inactive_months": None},
                            after={"inactive_months": 6})]


def test_gov_nominate_module_maintainers_added_in_login_order_and_listed_again(
        mem: Memory) -> None:
    mem.edit(NN, lambda d: d["maintainers"].extend(["zoe", "Abe", "Finn"]))
    assert diff(mem) == [
        ev("module-maintainer-added", "Abe", NN, ("maintainers", 4), module="nn"),
        ev("module-maintainer-added", "zoe", NN, ("maintainers", 3), module="nn"),
        ev("module-maintainer-added", "Finn", NN, ("maintainers", 5), module="nn"),
    ]


def test_gov_remove_module_maintainers_removed_moved_to_emeritus_or_emeritus_deleted(
        mem: Memory) -> None:
    mem.land({NN: {**mem.data(NN), "maintainers": ["Finn", "gus", "hal", "ivy"],
                   "emeritus": [{"login": "Zoe", "since": "2025-01-01"},
                                {"login": "ivy", "since": "2025-01-01"},
                                {"login": "Abe", "since": "2025-01-01"}]}})
    mem.edit(NN, lambda d: d.update(maintainers=["gus"], emeritus=[
        {"login": "ivy", "since": "2025-01-01"}, {"login": "FINN", "since": "2026-01-01"}]))
    assert diff(mem) == [
        ev("module-maintainer-emeritus", "Finn", NN, ("emeritus", 1), module="nn"),
        ev("module-maintainer-removed", "hal", NN, ("maintainers",), module="nn"),
        ev("module-maintainer-removed", "ivy", NN, ("maintainers",), module="nn"),
        ev("module-emeritus-deleted", "Abe", NN, ("emeritus",), module="nn"),
        ev("module-emeritus-deleted", "Zoe", NN, ("emeritus",), module="nn"),
    ]


def test_gov_module_other_fields_and_an_emeritus_edit_are_one_module_change(
        mem: Memory) -> None:
    mem.land({NN: {**mem.data(NN), "emeritus": [{"login": "Zoe", "since": "2025-01-01"}]}})
    mem.edit(NN, lambda d: d.update(name="Neural", description="Networks", emeritus=[
        {"login": "zoe", "since": "2025-01-01", "reason": "moved on"}]))
    assert diff(mem) == [ev("module-changed", "nn", NN, ("description",), module="nn",
                            detail="description, name, emeritus")]


def test_gov_module_an_emeritus_edit_alone_is_a_module_change(mem: Memory) -> None:
    mem.land({NN: {**mem.data(NN), "emeritus": [{"login": "zoe", "since": "2025-01-01"}]}})
    mem.edit(NN, lambda d: d.update(emeritus=[{"login": "zoe", "since": "2025-03-01"}]))
    assert diff(mem) == [ev("module-changed", "nn", NN, ("emeritus",), module="nn",
                            detail="emeritus")]


def test_gov_module_a_new_emeritus_record_or_recased_login_is_a_file_change(
        mem: Memory) -> None:
    mem.edit(NN, lambda d: d.update(maintainers=["Finn", "gus", "hal"],
                                    emeritus=[{"login": "zoe", "since": "2025-01-01"}]))
    assert diff(mem) == [modified(NN)]


def test_gov_module_every_kind_of_module_change_in_one_edit_in_a_fixed_order(
        mem: Memory) -> None:
    mem.edit(NN, lambda d: d.update(paths=["lib/neural/"], decision_rule={"kind": "any"},
                                    maintainers=["finn", "gus", "zoe"], name="Neural"))
    assert diff(mem) == [
        ev("module-rescoped", "nn", NN, ("paths",), module="nn", detail="paths",
           before={"paths": ["lib/nn/"]}, after={"paths": ["lib/neural/"]}),
        ev("module-rule-changed", "nn", NN, ("decision_rule",), module="nn",
           detail="decision_rule", before={"decision_rule": {"kind": "majority"}},
           after={"decision_rule": {"kind": "any"}}),
        ev("module-maintainer-added", "zoe", NN, ("maintainers", 2), module="nn"),
        ev("module-maintainer-removed", "hal", NN, ("maintainers",), module="nn"),
        ev("module-changed", "nn", NN, ("name",), module="nn", detail="name"),
    ]


def test_gov_module_a_module_moved_to_another_file_points_at_the_new_file(
        mem: Memory) -> None:
    mem.write({NN: None, "modules/neural.yaml": {**mem.data(NN), "name": "Neural"}})
    assert diff(mem) == [
        ev("module-changed", "nn", "modules/neural.yaml", ("name",), module="nn",
           detail="name"),
        ev("file-changed", NN, NN, detail="deleted", side="base"),
    ]


# --- policy (GOV-APPROVAL, PC-AMEND, GOV-DISCUSSION) -------------------------------------------

def test_gov_approval_policy_values_changed_one_event_each_in_key_order(mem: Memory) -> None:
    mem.edit("policy.yaml", lambda d: d.update(
        organisation={"name": "Org Two", "github": "org"},
        council={"seats": 5, "cohorts": {"A": 2, "B": 1}},
        ecosystem={"vote_fraction": "2/3"}))
    assert diff(mem) == [
        ev("policy-changed", "council.seats", "policy.yaml", ("council", "seats"),
           before=3, after=5),
        ev("policy-changed", "ecosystem.vote_fraction", "policy.yaml",
           ("ecosystem", "vote_fraction"), before="1/2", after="2/3"),
        ev("policy-changed", "organisation.name", "policy.yaml", ("organisation", "name"),
           before="Org", after="Org Two"),
    ]


def test_gov_approval_an_organisation_value_added_is_a_policy_change_from_none(
        mem: Memory) -> None:
    mem.edit("policy.yaml", lambda d: d["organisation"].update(foundation="Org Foundation"))
    assert diff(mem) == [ev("policy-changed", "organisation.foundation", "policy.yaml",
                            ("organisation", "foundation"), before=None,
                            after="Org Foundation")]


def test_gov_approval_a_policy_default_written_out_is_layout_only(mem: Memory) -> None:
    mem.edit("policy.yaml", lambda d: d.update(ecosystem={"vote_fraction": "1/2"}))
    assert diff(mem) == []
    assert layout(mem) == [ev("formatting-only", "policy.yaml", "policy.yaml")]


def test_gov_approval_policy_yaml_deleted_or_restored_is_a_file_change(mem: Memory) -> None:
    mem.write({"policy.yaml": None})
    assert diff(mem) == [ev("file-changed", "policy.yaml", "policy.yaml", detail="deleted",
                            side="base")]
    mem.land({})
    mem.write({"policy.yaml": {"organisation": {"name": "New", "github": "org"}}})
    assert diff(mem) == [ev("file-changed", "policy.yaml", "policy.yaml", detail="added")]


# --- council (PC-ELECTION, PC-TERM, PC-VACANCY) ------------------------------------------------

def seat(login: str, **more: Any) -> dict[str, Any]:
    return {"login": login, "cohort": "B", "term_start": "2027-06-15",
            "term_end": "2029-06-15", "elected_in": "2027-council", **more}


def test_pc_election_seats_taken_in_login_order_with_their_place_and_term(
        mem: Memory) -> None:
    mem.edit(COUNCIL, lambda d: d.update(seats=[
        d["seats"][0], seat("Zed", replaces="ros"), seat("abe"), *d["seats"][1:]]))
    assert diff(mem) == [
        ev("council-seat-added", "abe", COUNCIL, ("seats", 2),
           data={"elected_in": "2027-council", "replaces": None,
                 "term": ("2027-06-15", "2029-06-15", "B")}),
        ev("council-seat-added", "Zed", COUNCIL, ("seats", 1),
           data={"elected_in": "2027-council", "replaces": "ros",
                 "term": ("2027-06-15", "2029-06-15", "B")}),
    ]


def test_pc_election_seats_left_in_login_order(mem: Memory) -> None:
    mem.edit(COUNCIL, lambda d: d.update(seats=d["seats"][1:2]))
    assert diff(mem) == [ev("council-seat-removed", "pat", COUNCIL, ("seats",)),
                         ev("council-seat-removed", "ros", COUNCIL, ("seats",))]


def test_pc_election_a_seat_changed_names_its_fields_in_order(mem: Memory) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["seats"][1].update(term_end="2029-01-01", replaces="ros", cohort="B")
        d["seats"][0].update(elected_in="2026-vacancy", term_start="2026-07-01")
    mem.edit(COUNCIL, edit)
    assert diff(mem) == [
        ev("council-seat-changed", "pat", COUNCIL, ("seats", 0, "term_start"),
           detail="term_start, elected_in",
           data={"elected_in": "2026-vacancy", "replaces": None,
                 "term": ("2026-07-01", "2028-06-15", "A")}),
        ev("council-seat-changed", "quin", COUNCIL, ("seats", 1, "cohort"),
           detail="cohort, term_end, replaces",
           data={"elected_in": "2026-council", "replaces": "ros",
                 "term": ("2026-06-15", "2029-01-01", "B")}),
    ]


def test_pc_term_resignations_appended_one_event_each_at_their_place(mem: Memory) -> None:
    first = {"login": "quin", "elected_in": "2026-council", "date": "2026-09-01"}
    mem.land({COUNCIL: {**mem.data(COUNCIL), "resigned": [first]}})
    mem.edit(COUNCIL, lambda d: d["resigned"].extend([
        {"login": "ros", "elected_in": "2026-council", "date": "2026-10-01"},
        {"login": "pat", "elected_in": "2026-council", "date": "2026-10-02"}]))
    assert diff(mem) == [
        ev("council-seat-resigned", "ros", COUNCIL, ("resigned", 1),
           data={"elected_in": "2026-council", "date": "2026-10-01"}),
        ev("council-seat-resigned", "pat", COUNCIL, ("resigned", 2),
           data={"elected_in": "2026-council", "date": "2026-10-02"}),
    ]


def test_pc_term_the_first_resignation_is_at_place_zero(mem: Memory) -> None:
    mem.edit(COUNCIL, lambda d: d.update(resigned=[
        {"login": "quin", "elected_in": "2026-council", "date": "2026-09-01"}]))
    assert diff(mem) == [ev("council-seat-resigned", "quin", COUNCIL, ("resigned", 0),
                            data={"elected_in": "2026-council", "date": "2026-09-01"})]


@pytest.mark.parametrize("after", [
    [],
    [{"login": "quin", "elected_in": "2026-council", "date": "2026-09-02"}],
    [{"login": "ros", "elected_in": "2026-council", "date": "2026-10-01"},
     {"login": "quin", "elected_in": "2026-council", "date": "2026-09-01"}],
])
def test_pc_term_a_resignation_rewritten_or_deleted_is_a_council_change(
        mem: Memory, after: list[dict[str, str]]) -> None:
    first = {"login": "quin", "elected_in": "2026-council", "date": "2026-09-01"}
    mem.land({COUNCIL: {**mem.data(COUNCIL), "resigned": [first]}})
    mem.edit(COUNCIL, lambda d: d.update(resigned=after))
    assert diff(mem) == [ev("council-changed", "council", COUNCIL, ("resigned",),
                            detail="resigned")]


def test_pc_election_the_returning_officer_changed(mem: Memory) -> None:
    mem.edit(COUNCIL, lambda d: d.update(returning_officer="tess"))
    assert diff(mem) == [ev("council-changed", "council", COUNCIL, ("returning_officer",),
                            detail="returning_officer", before="sam", after="tess")]


def test_pc_election_council_yaml_deleted_removes_every_seat(mem: Memory) -> None:
    mem.write({COUNCIL: None})
    assert diff(mem) == [
        ev("council-seat-removed", "pat", COUNCIL, ("seats",)),
        ev("council-seat-removed", "quin", COUNCIL, ("seats",)),
        ev("council-seat-removed", "ros", COUNCIL, ("seats",)),
        ev("council-changed", "council", COUNCIL, ("returning_officer",),
           detail="returning_officer", before="sam", after=None),
    ]


def test_pc_election_council_yaml_added_gives_every_seat(mem: Memory) -> None:
    mem.land({COUNCIL: None})
    mem.write({COUNCIL: {"seats": [seat("abe")]}})
    assert diff(mem) == [ev("council-seat-added", "abe", COUNCIL, ("seats", 0), data={
        "elected_in": "2027-council", "replaces": None,
        "term": ("2027-06-15", "2029-06-15", "B")})]


# --- ecosystem working group (GOV-APPROVAL) ----------------------------------------------------

def test_gov_approval_working_group_members_added_removed_and_listed_again(
        mem: Memory) -> None:
    mem.edit(WG, lambda d: d.update(members=["ivy", "jo", "kim", "zoe", "Abe", "Jo"]))
    assert diff(mem) == [
        ev("wg-member-added", "Abe", WG, ("members", 4)),
        ev("wg-member-added", "zoe", WG, ("members", 3)),
        ev("wg-member-added", "Jo", WG, ("members", 5)),
        ev("wg-member-removed", "mo", WG, ("members",)),
        ev("wg-member-removed", "ned", WG, ("members",)),
    ]


def test_gov_approval_working_group_chair_and_session_are_one_change(mem: Memory) -> None:
    mem.edit(WG, lambda d: d.update(chair="jo", next_session="2026-12-01"))
    assert diff(mem) == [ev("wg-changed", "working group", WG, ("chair",),
                            detail="chair, next_session")]
    mem.write({WG: {**mem.data(WG), "chair": "ivy"}})
    assert diff(mem) == [ev("wg-changed", "working group", WG, ("next_session",),
                            detail="next_session")]


def test_gov_approval_a_working_group_member_recased_is_a_file_change(mem: Memory) -> None:
    mem.edit(WG, lambda d: d.update(members=["Ivy", "jo", "kim", "mo", "ned"]))
    assert diff(mem) == [modified(WG)]


# --- ecosystem projects (ECO-STATUS, ECO-SUBMIT, GOV-APPROVAL) ---------------------------------

def project(slug: str, status: str, **more: Any) -> dict[str, Any]:
    return {"slug": slug, "name": slug.title(), "repository": f"x/{slug}", "status": status,
            **more}


def test_eco_submit_projects_added_and_removed_in_slug_order(mem: Memory) -> None:
    mem.write({"ecosystem/zeta.yaml": project("zeta", "new"),
               "ecosystem/aa.yaml": project("aa", "in-progress"), ALPHA: None})
    assert diff(mem) == [
        ev("project-added", "aa", "ecosystem/aa.yaml", ("status",), after="in-progress"),
        ev("project-removed", "alpha", ALPHA, ("slug",), side="base", before="in-progress"),
        ev("project-added", "zeta", "ecosystem/zeta.yaml", ("status",), after="new"),
    ]


def test_eco_status_status_decisions_and_record_changes_in_a_fixed_order(
        mem: Memory) -> None:
    decision = {"date": "2026-11-10", "outcome": "needs-info", "reason": "tell us more"}
    mem.edit(ALPHA, lambda d: d.update(status="needs-info", decisions=[decision],
                                       name="Alpha2", issue=9))
    assert diff(mem) == [
        ev("project-status-changed", "alpha", ALPHA, ("status",), before="in-progress",
           after="needs-info"),
        ev("project-decision-changed", "alpha", ALPHA, ("decisions",),
           data={"before": [], "after": [decision]}),
        ev("project-changed", "alpha", ALPHA, ("issue",), detail="issue, name"),
    ]


def test_eco_status_a_project_changed_after_one_added_keeps_both_events(mem: Memory) -> None:
    mem.write({"ecosystem/aa.yaml": project("aa", "new")})
    mem.edit(ALPHA, lambda d: d.update(status="needs-info"))
    assert diff(mem) == [
        ev("project-added", "aa", "ecosystem/aa.yaml", ("status",), after="new"),
        ev("project-status-changed", "alpha", ALPHA, ("status",), before="in-progress",
           after="needs-info"),
    ]


def test_eco_status_a_decision_deleted_alone_is_a_decision_change(mem: Memory) -> None:
    decision = {"date": "2026-11-10", "outcome": "needs-info", "reason": "tell us more"}
    mem.land({ALPHA: {**mem.data(ALPHA), "decisions": [decision]}})
    mem.edit(ALPHA, drop("decisions"))
    assert diff(mem) == [ev("project-decision-changed", "alpha", ALPHA, ("decisions",),
                            data={"before": [decision], "after": []})]


def test_gov_approval_a_project_field_removed_is_a_record_change(mem: Memory) -> None:
    mem.edit(ALPHA, drop("issue"))
    assert diff(mem) == [ev("project-changed", "alpha", ALPHA, ("issue",), detail="issue")]


# --- files that are not governance data (PC-ELECTION, INT-GENERATED, GOV-APPROVAL) -------------

def test_pc_election_files_of_each_election_are_one_event_in_election_order(
        mem: Memory) -> None:
    mem.write({"elections/2026-council/ballots.csv": None,
               "elections/2026-council/notes.md": "late ballots\n",
               "elections/2025-x/result.yaml": "certified: false\n"})
    mem.head["elections/2026-council/result.yaml"] += b"# recounted\n"
    assert diff(mem) == [
        ev("election-changed", "2025-x", "elections/2025-x/result.yaml",
           detail="result.yaml added", data={"files": ["elections/2025-x/result.yaml"]}),
        ev("election-changed", "2026-council", "elections/2026-council/ballots.csv",
           detail="ballots.csv deleted; notes.md added; result.yaml modified",
           data={"files": ["elections/2026-council/ballots.csv",
                           "elections/2026-council/notes.md",
                           "elections/2026-council/result.yaml"]}),
    ]


def test_gov_approval_a_file_deeper_in_elections_is_an_other_file(mem: Memory) -> None:
    mem.write({"elections/2026-council/old/x.md": "x\n", "elections/README.md": "r\n"})
    assert diff(mem) == [
        ev("file-changed", "elections/2026-council/old/x.md", "elections/2026-council/old/x.md",
           detail="added"),
        ev("file-changed", "elections/README.md", "elections/README.md", detail="added"),
    ]


def test_int_generated_generated_files_are_one_event_each_on_the_head_side(
        mem: Memory) -> None:
    mem.land({"generated/a.md": "a\n", "generated/b.md": "b\n"})
    mem.write({".github/CODEOWNERS": "* @ada\n", "generated/a.md": "a2\n",
               "generated/b.md": None})
    assert diff(mem) == [
        ev("generated-changed", ".github/CODEOWNERS", ".github/CODEOWNERS", detail="added"),
        ev("generated-changed", "generated/a.md", "generated/a.md", detail="modified"),
        ev("generated-changed", "generated/b.md", "generated/b.md", detail="deleted"),
    ]


def test_gov_approval_tooling_and_other_files_deleted_are_on_the_base_side(
        mem: Memory) -> None:
    mem.write({"scripts/charter/check.py": None, "README.md": None,
               "Makefile": "all:\n", "docs/x.md": "x\n"})
    mem.land({})
    mem.write({"Makefile": "all: x\n", "docs/x.md": "y\n"})
    assert diff(mem) == [
        ev("tooling-changed", "Makefile", "Makefile", detail="modified"),
        ev("file-changed", "docs/x.md", "docs/x.md", detail="modified"),
    ]
    mem.land({})
    mem.write({"scripts/charter/check.py": "print()\n", "Makefile": None, "docs/x.md": None,
               "README.md": "# governance\n"})
    assert diff(mem) == [
        ev("tooling-changed", "Makefile", "Makefile", detail="deleted", side="base"),
        ev("file-changed", "README.md", "README.md", detail="added"),
        ev("file-changed", "docs/x.md", "docs/x.md", detail="deleted", side="base"),
        ev("tooling-changed", "scripts/charter/check.py", "scripts/charter/check.py",
           detail="added"),
    ]


# --- governance files no event explains (GOV-APPROVAL) -----------------------------------------

def test_gov_approval_a_codeowners_edit_is_a_file_change_and_a_comment_is_layout_only(
        mem: Memory) -> None:
    mem.land({OWNERS: CODEOWNERS})
    mem.head[OWNERS] = b"# who owns the docs\n" + mem.base[OWNERS]
    assert diff(mem) == []
    assert layout(mem) == [ev("formatting-only", OWNERS, OWNERS)]
    mem.write({OWNERS: {"governance": [{"pattern": "/docs/", "owners": ["bob"]}]}})
    assert diff(mem) == [modified(OWNERS)]
    assert layout(mem) == []


@pytest.mark.parametrize(("before", "after"), [
    (CODEOWNERS, "governance: [\n"),
    ("governance: [\n", CODEOWNERS),
    ("governance: [\n", "governance: [[\n"),
    (CODEOWNERS, {"governance": "not a list"}),
    ({"governance": "not a list"}, {"governance": "still not a list"}),
])
def test_gov_approval_a_governance_file_that_does_not_load_is_never_layout_only(
        mem: Memory, before: Any, after: Any) -> None:
    mem.land({OWNERS: before})
    mem.write({OWNERS: after})
    assert diff(mem) == [modified(OWNERS)]
    assert layout(mem) == []


def test_gov_approval_a_governance_file_added_or_deleted_is_a_file_change(mem: Memory) -> None:
    mem.write({OWNERS: CODEOWNERS})
    assert diff(mem) == [ev("file-changed", OWNERS, OWNERS, detail="added")]
    mem.land({})
    mem.write({OWNERS: None})
    assert diff(mem) == [ev("file-changed", OWNERS, OWNERS, detail="deleted", side="base")]
    assert layout(mem) == []


@pytest.mark.parametrize("side", ["base", "head", "both"])
def test_gov_approval_a_changed_path_the_loader_skipped_is_a_file_change(
        mem: Memory, side: str) -> None:
    """A symlink (or anything the loader does not read) on one side or both: git still lists
    the path as modified."""
    mem.land({OWNERS: CODEOWNERS})
    base, head = states(mem)
    if side in ("base", "both"):
        base = replace(base, files={p: f for p, f in base.files.items() if p != OWNERS})
    if side in ("head", "both"):
        head = replace(head, files={p: f for p, f in head.files.items() if p != OWNERS})
    got = [Change(OWNERS, "M")]
    evs = events.diff(base, head, got)
    assert [row(e) for e in evs] == [modified(OWNERS)]
    assert events.formatting_only(base, head, got, evs) == []
    assert events.same_meaning(base, head, OWNERS) is False


def test_gov_approval_same_meaning_compares_the_loaded_data(mem: Memory) -> None:
    mem.land({OWNERS: CODEOWNERS})
    mem.head[OWNERS] = b"# a comment\n" + mem.base[OWNERS]
    mem.head[CORE] = b"# a comment\n" + mem.base[CORE]
    base, head = states(mem)
    assert events.same_meaning(base, head, OWNERS) is True
    assert events.same_meaning(base, head, CORE) is True
    assert events.same_meaning(base, head, "members/nobody.yaml") is False
    mem.edit(CORE, lambda d: d.update(lead="bob"))
    base, head = states(mem)
    assert events.same_meaning(base, head, CORE) is False


def test_gov_approval_a_comment_beside_a_real_change_is_not_layout_only(mem: Memory) -> None:
    mem.edit(CORE, lambda d: d.update(last_meeting="2026-01-05"))
    mem.head[CORE] += b"# met in January\n"
    mem.head[WG] = b"# the working group\n" + mem.base[WG]
    assert diff(mem) == [ev("core-changed", "core", CORE, ("last_meeting",),
                            detail="last_meeting", data={"changed": ("last_meeting",)})]
    assert layout(mem) == [ev("formatting-only", WG, WG)]


def test_gov_approval_an_election_definition_with_a_comment_is_an_election_change(
        mem: Memory) -> None:
    path = "elections/2026-council/election.yaml"
    mem.head[path] = b"# the first council\n" + mem.base[path]
    assert diff(mem) == [ev("election-changed", "2026-council", path,
                            detail="election.yaml modified", data={"files": [path]})]
    assert layout(mem) == []


def test_gov_approval_a_layout_only_file_does_not_hide_the_files_after_it(
        mem: Memory) -> None:
    two = [{"entity": "Org pat", "role": "employee"}, {"entity": "Acme", "role": "advisor"}]
    mem.land({"members/pat.yaml": {**mem.data("members/pat.yaml"), "affiliations": two}})
    mem.head[CORE] = b"# a comment\n" + mem.base[CORE]
    mem.edit("members/pat.yaml", lambda d: d.update(affiliations=two[::-1]))
    assert diff(mem) == [modified("members/pat.yaml")]
    assert layout(mem) == [ev("formatting-only", CORE, CORE)]


def test_gov_approval_formatting_only_skips_paths_an_event_touches(mem: Memory) -> None:
    mem.head[CORE] = b"# a comment\n" + mem.base[CORE]
    base, head = states(mem)
    got = changes(mem)
    assert events.formatting_only(base, head, got, []) == [Event("formatting-only", CORE, CORE)]
    touched = [Event("lead-changed", "bob", CORE)]
    assert events.formatting_only(base, head, got, touched) == []
    assert events.formatting_only(base, head, [Change(CORE, "A")], []) == []


# --- everything at once, and the descriptions --------------------------------------------------

def test_gov_approval_diff_lists_events_area_by_area(mem: Memory) -> None:
    mem.land({OWNERS: CODEOWNERS})
    mem.write({"members/zed.yaml": {"login": "zed", "name": "Zed"}, "README.md": "# new\n",
               OWNERS: {"governance": [{"pattern": "/x/", "owners": ["ada"]}]}})
    mem.edit(CORE, lambda d: d.update(last_meeting="2026-01-05"))
    mem.edit(NN, lambda d: d.update(name="Neural"))
    mem.edit("policy.yaml", lambda d: d["council"].update(seats=5))
    mem.edit(COUNCIL, lambda d: d.update(returning_officer="tess"))
    mem.edit(WG, lambda d: d.update(chair="jo"))
    mem.edit(ALPHA, lambda d: d.update(name="Alpha2"))
    assert [r[0] for r in diff(mem)] == [
        "member-added", "core-changed", "module-changed", "policy-changed", "council-changed",
        "wg-changed", "project-changed", "file-changed", "file-changed"]
    assert [r[1] for r in diff(mem)][-2:] == ["README.md", OWNERS]


@pytest.mark.parametrize(("event", "text"), [
    (Event("lead-changed", "(vacant)", CORE, before="ada"),
     "lead core maintainer changed from ada to (none)"),
    (Event("policy-changed", "council.seats", "policy.yaml", before=3, after=5),
     "policy council.seats changed from 3 to 5"),
    (Event("policy-changed", "x.y", "policy.yaml", before=["a", "b"], after=("c",)),
     "policy x.y changed from [a, b] to [c]"),
    (Event("policy-changed", "x.y", "policy.yaml", before=[], after={"a": 1}),
     "policy x.y changed from [] to {'a': 1}"),
])
def test_gov_approval_an_event_describes_its_values(event: Event, text: str) -> None:
    assert event.describe() == text


@pytest.mark.parametrize(("event", "text"), [
    (Event("module-maintainer-added", "zoe", NN, module="nn"),
     "zoe added as a maintainer of module nn"),
    (Event("member-changed", "bob", "members/bob.yaml", detail="last_active, name"),
     "record of bob changed (last_active, name)"),
])
def test_gov_approval_an_event_describes_its_module_and_detail(event: Event, text: str) -> None:
    assert event.describe() == text


def test_gov_approval_an_event_as_a_report_entry() -> None:
    assert Event("module-rescoped", "nn", NN, ("paths",), module="nn", detail="paths",
                 before={"paths": ["a/"]}, after={"paths": ["b/"]}).as_dict() == {
        "kind": "module-rescoped", "subject": "nn", "path": NN, "module": "nn",
        "description": "module nn re-scoped (paths)",
        "before": {"paths": ["a/"]}, "after": {"paths": ["b/"]}}
    assert Event("project-added", "beta", "ecosystem/beta.yaml", after="new").as_dict() == {
        "kind": "project-added", "subject": "beta", "path": "ecosystem/beta.yaml",
        "description": "ecosystem project beta added with status new",
        "before": None, "after": "new"}
    assert Event("lead-changed", "(vacant)", CORE, before="ada").as_dict() == {
        "kind": "lead-changed", "subject": "(vacant)", "path": CORE,
        "description": "lead core maintainer changed from ada to (none)",
        "before": "ada", "after": None}
    assert Event("wg-member-removed", "mo", WG, module="").as_dict() == {
        "kind": "wg-member-removed", "subject": "mo", "path": WG,
        "description": "mo leaves the ecosystem working group"}


@pytest.mark.parametrize(("before", "after", "again"), [
    (("bob",), ("bob", "Bob"), [(1, "Bob")]),
    (("a", "A"), ("A", "a"), []),
    (("a",), ("A", "a", "a"), [(1, "a"), (2, "a")]),
    ((), ("a", "A"), []),
    (("x", "a"), ("x", "a", "A", "y"), [(2, "A")]),
])
def test_gov_nominate_core_a_login_listed_again_counts_each_extra_entry(
        before: tuple[str, ...], after: tuple[str, ...], again: list[tuple[int, str]]) -> None:
    assert events._again(before, after) == again


def test_pc_election_a_seat_login_recased_is_reported_not_a_crash(mem: Memory) -> None:
    """A seat whose login is only re-cased differs in no other field: it used to crash the gate
    (an empty list of changed fields); it is a seat change the certified records must give."""
    mem.edit(COUNCIL, lambda d: d["seats"][1].update(login="Quin"))
    assert [(r[0], r[3], r[8]) for r in diff(mem)] == [
        ("council-seat-changed", ("seats", 1, "login"), "login")]
    rc, report = mem.check()
    assert rc == 1
    assert [(r["rule"], r["summary"], r["met"]) for r in report["requirements"]] == [
        ("PC-ELECTION", "council seat of Quin changed (login): as the certified records give it",
         False)]
