"""The gate's verdict on one pull request (charter.gate.evaluate), pinned field by field: who the
author is, which reviews count for which group and why the others do not, the report's labels,
events, verdicts and findings, and the errors a change brings that its base did not have. Built
from the fixture organisation in memory (gate_memory) and real states, reviews and requirements,
without git, so the mutation tests of ``charter.gate.evaluate`` run these first."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import yaml
from gate_helpers import POLICY
from gate_memory import SHA, Memory
from gate_records import motion

from charter.findings import Finding, Severity
from charter.gate import requirements as _req
from charter.gate import source
from charter.gate.body import parse
from charter.gate.evaluate import (
    GroupResult,
    PullRequest,
    Report,
    _outcome,
    author_login,
    judge,
    new_errors,
    shadowed,
)
from charter.gate.events import Event
from charter.gate.paths import Change
from charter.gate.reviews import APPROVED, CHANGES, DISMISSED, Ignored, Review, Verdict, verdicts
from charter.load import load
from charter.model import SourceFile, State
from charter.tree import MemoryTree

OLD = "0123456789" * 4
CORE_COMMENT = b"# the core maintainers\n"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Terms and inactivity are measured against a fixed day, not the real one."""
    monkeypatch.setenv("CHARTER_TODAY", "2026-11-21")


_LOADED: dict[tuple[str, tuple[tuple[str, bytes], ...]], tuple[State, list[Finding]]] = {}


def loaded(files: dict[str, bytes], label: str) -> tuple[State, list[Finding]]:
    """``charter.load.load`` of the files, each set of files loaded once (the tests only read
    the states, and loading dominates their time)."""
    key = (label, tuple(sorted(files.items())))
    if key not in _LOADED:
        _LOADED[key] = load(MemoryTree(files, label))
    return _LOADED[key]


def trees(m: Memory) -> source.Trees:
    """What charter.gate.source reads for ``m`` (as gate_memory.Memory.report assembles it)."""
    base_tree, head_tree = MemoryTree(m.base, "main"), MemoryTree(m.head, "pr")
    changes = [Change(p, "D" if p not in m.head else "A" if p not in m.base else "M")
               for p in sorted(m.base.keys() | m.head.keys())
               if m.base.get(p) != m.head.get(p)]
    base = loaded(m.base, "main")
    return source.assemble(base_tree, base, base[0], head_tree, loaded(m.head, "pr"), changes)


def approve(login: str, uid: int | None = None, commit: str = SHA, order: int = 0) -> Review:
    return Review(login, uid, "User", APPROVED, commit, order=order)


def objects(login: str, uid: int | None = None, order: int = 50) -> Review:
    return Review(login, uid, "User", CHANGES, SHA, order=order)


def run(m: Memory, *reviews: Review, author: str | None = "ada", author_id: int | None = None,
        body: str | None = None, number: int | None = None) -> Report:
    return judge(trees(m), PullRequest(SHA, author, author_id, body, tuple(reviews), number))


def rules_of(report: Report) -> list[str]:
    return [o.requirement.rule for o in report.outcomes]


def problems(report: Report) -> list[str]:
    return [p for o in report.outcomes for p in o.requirement.problems]


def base_state() -> State:
    return loaded(Memory().base, "main")[0]


# --- author_login -------------------------------------------------------------------------------

@pytest.mark.parametrize(("login", "uid", "want"), [
    (None, None, None),          # no author known
    (None, 101, "ada"),          # by id alone
    (None, 999, None),           # an id no member has, and no login
    ("ada-renamed", 101, "ada"),  # id first: a renamed member is still the member
    ("ADA", None, "ada"),        # no id: by login, whatever its case
    ("ada", 101, "ada"),
    ("tess", 999, "tess"),       # tess's record has no id: matched by login
    ("tess", None, "tess"),
    ("bob", 555, "@bob"),        # another account took bob's login
    ("Zed", None, "@Zed"),       # no member at all
    ("Zed", 777, "@Zed"),
])
def test_gov_approval_the_author_is_the_member_their_account_is(login: str | None,
                                                                uid: int | None,
                                                                want: str | None) -> None:
    assert author_login(base_state(), login, uid) == want


# --- shadowed -----------------------------------------------------------------------------------

def _with_files(state: State, **files: SourceFile) -> State:
    return dataclasses.replace(state, files={**state.files, **{f.path: f for f in files.values()}})


def _source(path: str, kind: str, data: Any) -> SourceFile:
    return SourceFile(path, kind, yaml.safe_dump(data, sort_keys=False).encode(), data)


def test_gov_approval_a_record_another_file_replaced_is_refused() -> None:
    state = _with_files(
        base_state(),
        member=_source("members/a-ada.yaml", "member", {"name": "Ada", "login": "ada"}),
        module=_source("modules/a-nn.yaml", "module", {"name": "N", "slug": "nn"}),
        project=_source("ecosystem/a-alpha.yaml", "ecosystem", {"slug": "alpha"}),
        unknown=_source("members/a-zed.yaml", "member", {"login": "zed"}),
        nolist=_source("members/a-list.yaml", "member", ["ada"]),
    )
    assert shadowed(state) == [
        Finding("ecosystem/a-alpha.yaml", 1, 7, "INT-DUPLICATE-PROJECT",
                "slug 'alpha' is also held by ecosystem/alpha.yaml, which replaces this file's "
                "record; keep one file per entity"),
        Finding("members/a-ada.yaml", 2, 8, "INT-DUPLICATE-MEMBER",
                "login 'ada' is also held by members/ada.yaml, which replaces this file's "
                "record; keep one file per person"),
        Finding("modules/a-nn.yaml", 2, 7, "INT-DUPLICATE-MODULE",
                "slug 'nn' is also held by modules/nn.yaml, which replaces this file's "
                "record; keep one file per entity"),
    ]


def test_gov_approval_files_holding_their_own_record_shadow_nothing() -> None:
    assert shadowed(base_state()) == []


def test_gov_approval_a_duplicate_the_loader_emptied_shadows_nothing() -> None:
    m = Memory()
    m.write({"members/ada2.yaml": {"login": "ada", "name": "Ada Two"}})
    head, found = load(MemoryTree(m.head, "pr"))
    assert head.files["members/ada2.yaml"].data is None
    assert [f.rule for f in found] == ["INT-DUPLICATE-MEMBER"]
    assert shadowed(head) == []


# --- new_errors ---------------------------------------------------------------------------------

def _states(edit_base: Any = None, edit_head: Any = None) -> tuple[State, State]:
    m = Memory()
    if edit_base:
        m.edit("core.yaml", edit_base)
        m.land({})
    if edit_head:
        m.edit("core.yaml", edit_head)
    return loaded(m.base, "main")[0], loaded(m.head, "pr")[0]


def _add(*logins: str) -> Any:
    return lambda d: d["maintainers"].extend(logins)


UNKNOWN = ("'{}' (a core maintainer) has no member file; add members/{}.yaml (charter member "
           "add {} --name ...)")


def unknown(login: str, line: int) -> Finding:
    return Finding("core.yaml", line, 3, "INT-UNKNOWN-LOGIN", UNKNOWN.format(login, login, login))


def test_gov_approval_a_rule_broken_by_the_change_is_its_error() -> None:
    base, head = _states(edit_head=_add("zed"))
    assert new_errors(base, head, []) == [unknown("zed", 8)]
    assert new_errors(base, base, []) == []


def test_gov_approval_a_rule_already_broken_on_the_base_is_not_the_changes() -> None:
    base, head = _states(edit_base=_add("zed"), edit_head=_add("yan"))
    assert new_errors(base, head, []) == [unknown("yan", 9)]


def test_gov_approval_a_new_warning_is_no_error_of_the_change() -> None:
    m = Memory()
    m.write({"modules/void.yaml": {"slug": "void", "name": "Void", "kind": "paths",
                                   "paths": ["lib/void/"], "maintainers": []}})
    base, head = loaded(m.base, "main")[0], loaded(m.head, "pr")[0]
    assert new_errors(base, head, []) == []


LOADED = Finding("members/x.yaml", 3, 1, "INT-READ", "cannot read file")
WARNED = Finding("members/y.yaml", 1, 1, "INT-READ", "odd", Severity.WARNING)
SCHEMA = Finding("members/z.yaml", 1, 1, "SCHEMA", "file: expected a mapping, found a list")
YAML = Finding("members/w.yaml", 2, 1, "YAML-SYNTAX", "not YAML")


def test_gov_approval_load_errors_count_unless_the_base_had_them() -> None:
    base, head = _states()
    assert new_errors(base, head, [LOADED, WARNED]) == [LOADED]
    assert new_errors(base, head, [LOADED, WARNED], [LOADED]) == []
    assert new_errors(base, head, [LOADED], [WARNED]) == [LOADED]


@pytest.mark.parametrize("broken", [SCHEMA, YAML])
def test_gov_approval_unreadable_data_is_reported_before_any_rule(broken: Finding) -> None:
    base, head = _states(edit_head=_add("zed"))
    assert new_errors(base, head, [broken]) == [broken]
    assert new_errors(base, head, [LOADED]) == [unknown("zed", 8), LOADED]


def _shadowing(state: State) -> State:
    return _with_files(state, f=_source("members/a-ada.yaml", "member", {"login": "ada"}))


SHADOW = Finding("members/a-ada.yaml", 1, 8, "INT-DUPLICATE-MEMBER",
                 "login 'ada' is also held by members/ada.yaml, which replaces this file's "
                 "record; keep one file per person")


def test_gov_approval_a_shadowed_record_is_the_changes_error_unless_the_base_had_it() -> None:
    base, head = _states()
    assert new_errors(base, _shadowing(head), []) == [SHADOW]
    assert new_errors(_shadowing(base), _shadowing(head), []) == []
    assert new_errors(base, _shadowing(head), [], [SHADOW]) == []
    assert new_errors(base, _shadowing(head), [], [LOADED]) == [SHADOW]


# --- _outcome: who counts for which group -------------------------------------------------------

def _ctx(author: str | None = "ada") -> tuple[_req.Context, State]:
    """The fixture organisation; the head's core.yaml has a comment line more than the base's."""
    m = Memory()
    m.head["core.yaml"] = CORE_COMMENT + m.head["core.yaml"]
    base, head = loaded(m.base, "main")[0], loaded(m.head, "pr")[0]
    return _req.Context(base=base, head=head, body=parse(""), author=author), base


EV = Event("core-maintainer-added", "bob", "core.yaml", ("maintainers", 1), "head")


@pytest.mark.parametrize(("side", "path", "where", "at"), [
    ("head", "core.yaml", ("maintainers", 1), (5, 3)),
    ("base", "core.yaml", ("maintainers", 1), (4, 3)),
    ("head", "core.yaml", ("lead",), (2, 7)),
    ("base", "core.yaml", ("lead",), (1, 7)),
    ("head", "members/nobody.yaml", ("login",), (0, 0)),
    ("base", "members/nobody.yaml", (), (0, 0)),
])
def test_gov_approval_a_requirement_is_located_on_the_side_its_event_is(
        side: str, path: str, where: tuple[str | int, ...], at: tuple[int, int]) -> None:
    ctx, origin = _ctx()
    ev = Event("core-maintainer-added", "bob", path, where, side)
    req = _req.Requirement("GOV-X", ev, "s")
    out = _outcome(ctx, req, {}, SHA, origin)
    assert (out.line, out.col) == at
    assert out.requirement is req and out.groups == [] and out.not_counted == []


def _verdicts(*reviews: Review) -> dict[str, Verdict]:
    got, _ = verdicts(list(reviews), SHA, base_state())
    return got


CORE = _req.Group("core maintainers", ("ada", "Bob", "cyd", "dan"), 2, "how",
                  objectors=("Eve", "hal"), size=6)
OPT = _req.Group("opt", ("Ivy", "jo"), 1, "how")
EXCLUDED = {"eve": "eve's conflict", "finn": "finn's conflict", "gus": "gus's conflict",
            "hal": "hal's conflict", "kim": "kim's conflict"}


def test_gov_approval_each_review_counts_blocks_or_is_explained() -> None:
    ctx, origin = _ctx()
    got = _verdicts(
        approve("ada", 101),                      # the author
        approve("BOB", 102),                      # counts
        objects("cyd", 103),                      # blocks, may still approve
        approve("dan", 104, OLD),                 # stale
        objects("eve", 105),                      # excluded objector: blocks
        objects("finn", 106),                     # excluded, no objector: ignored
        approve("GUS", 107),                      # excluded
        approve("hal", 108, OLD),                 # excluded objector, stale
        Review("ivy", 109, "User", APPROVED, SHA, order=1),
        Review("ivy", 109, "User", DISMISSED, SHA, order=2),  # dismissed, in a group
        Review("kim", 111, "User", DISMISSED, SHA),  # excluded, dismissed: nothing to say
        approve("lou", 112),                      # a member of no group here
        approve("mo", 113, OLD),                  # stale, in no group: nothing to say
        Review("ned", 114, "User", DISMISSED, SHA),  # dismissed, in no group
        objects("pat", 115),                      # objects, in no group: nothing to say
        approve("Zed", 777),                      # no member
    )
    req = _req.Requirement("GOV-X", EV, "s", [CORE, OPT], dict(EXCLUDED))
    out = _outcome(ctx, req, got, "abcdef0123" * 4, origin)
    assert out.groups == [GroupResult(CORE, ["Bob"], ["cyd", "Eve"], ["cyd", "dan"]),
                          GroupResult(OPT, [], [], ["Ivy", "jo"])]
    assert out.not_counted == [
        ("Zed", "Zed has no member record on the base branch"),
        ("ada", "the author cannot approve their own pull request"),
        ("dan", "approved an earlier commit (0123456); stale until they approve the head "
                "commit abcdef0"),
        ("eve", "cannot approve, but the request for changes blocks: eve's conflict"),
        ("finn", "request for changes ignored: finn's conflict"),
        ("gus", "gus's conflict"),
        ("hal", "hal's conflict"),
        ("ivy", "their approval was dismissed"),
        ("lou", "not one of: core maintainers; opt (on the base branch)"),
    ]
    assert (out.line, out.col, out.requirement) == (5, 3, req)


def test_gov_approval_the_author_is_neither_approval_nor_candidate_of_an_ordinary_group() -> None:
    ctx, origin = _ctx()
    group = _req.Group("core maintainers", ("ADA", "bob", "cyd"), 1, "how")
    req = _req.Requirement("GOV-X", EV, "s", [group])
    out = _outcome(ctx, req, {}, SHA, origin)
    assert out.groups == [GroupResult(group, [], [], ["bob", "cyd"])]


def test_gov_approval_the_authors_consent_counts_for_a_consent_group() -> None:
    ctx, origin = _ctx()
    own = _req.Group("ada", ("Ada",), 1, "consent", consent=True)
    other = _req.Group("bob", ("bob",), 1, "consent", consent=True)
    req = _req.Requirement("GOV-X", EV, "s", [own, other])
    out = _outcome(ctx, req, _verdicts(objects("bob", 102)), SHA, origin)
    assert out.groups == [GroupResult(own, ["Ada"], [], []),
                          GroupResult(other, [], ["bob"], ["bob"])]
    assert out.not_counted == []


def test_gov_approval_an_objector_who_approves_or_is_silent_blocks_nothing() -> None:
    ctx, origin = _ctx()
    group = _req.Group("core maintainers", ("bob",), 1, "how", objectors=("Eve", "dan"))
    req = _req.Requirement("GOV-X", EV, "s", [group], {"eve": "conflict", "dan": "conflict"})
    out = _outcome(ctx, req, _verdicts(approve("eve", 105)), SHA, origin)
    assert out.groups == [GroupResult(group, [], [], ["bob"])]
    assert out.not_counted == [("eve", "conflict")]


def test_gov_approval_a_stale_approval_without_a_commit_says_so() -> None:
    ctx, origin = _ctx(author=None)
    got = {"bob": Verdict("bob", 102, "stale", "bob", None)}
    req = _req.Requirement("GOV-X", EV, "s", [CORE])
    out = _outcome(ctx, req, got, "abcdef0123" * 4, origin)
    assert out.not_counted == [
        ("bob", "approved an earlier commit (?); stale until they approve the head commit "
                "abcdef0")]
    assert out.groups == [GroupResult(CORE, [], [], ["ada", "Bob", "cyd", "dan"])]


def test_gov_approval_without_an_author_every_approval_of_a_member_counts() -> None:
    ctx, origin = _ctx(author=None)
    req = _req.Requirement("GOV-X", EV, "s", [CORE])
    out = _outcome(ctx, req, _verdicts(approve("ada", 101), approve("lou", 112)), SHA, origin)
    assert out.groups == [GroupResult(CORE, ["ada"], [], ["Bob", "cyd", "dan"])]
    assert out.not_counted == [("lou", "not one of: core maintainers (on the base branch)")]


def test_gov_approval_a_requirement_without_groups_explains_no_approval() -> None:
    ctx, origin = _ctx()
    req = _req.Requirement("GOV-X", EV, "s", [])
    out = _outcome(ctx, req, _verdicts(approve("lou", 112), approve("ada", 101)), SHA, origin)
    assert out.groups == []
    assert out.not_counted == [("ada", "the author cannot approve their own pull request")]


# --- evaluate / judge: the whole report ---------------------------------------------------------

XENA = {"members/xena.yaml": {"login": "xena", "name": "Xena", "github_id": 130}}


def test_gov_approval_the_report_carries_every_part_of_the_verdict() -> None:
    m = Memory()
    m.write(XENA)
    bot = Review("ci[bot]", 9, "Bot", APPROVED, SHA)
    report = run(m, approve("bob", 102), approve("ada", 101), bot, author="ada-renamed",
                 author_id=101, number=7)
    assert (report.base_label, report.head_label, report.head_sha) == ("main", "pr", SHA)
    assert (report.author, report.number, report.findings) == ("ada", 7, [])
    assert report.events == [Event("member-added", "xena", "members/xena.yaml", ("login",))]
    assert report.ignored == [Ignored("ci[bot]", "a bot; only people approve governance changes")]
    assert report.verdicts == {"ada": Verdict("ada", 101, "approved", "ada", SHA),
                               "bob": Verdict("bob", 102, "approved", "bob", SHA)}
    [out] = report.outcomes
    assert out.requirement.rule == "GOV-APPROVAL"
    assert (out.line, out.col) == (1, 8)
    assert [(g.approved, g.candidates) for g in out.groups] == [(["bob"], ["cyd", "dan", "eve"])]
    assert out.not_counted == [("ada", "the author cannot approve their own pull request")]
    assert report.ok


def test_gov_approval_only_an_approval_of_the_head_commit_meets_a_requirement() -> None:
    m = Memory()
    m.write(XENA)
    assert not run(m, approve("bob", 102, OLD)).ok
    assert run(m, approve("bob", 102)).ok
    assert not run(m, approve("bob", 102), objects("cyd", 103)).ok


def test_gov_approval_a_member_without_id_is_the_author_by_login() -> None:
    m = Memory()
    m.write(XENA)
    report = run(m, approve("tess"), author="tess", author_id=999)
    assert report.author == "tess"
    assert report.outcomes[0].not_counted == [
        ("tess", "the author cannot approve their own pull request")]


def _emeritus(m: Memory) -> None:
    def move(d: dict[str, Any]) -> None:
        d["maintainers"].remove("hal")
        d.setdefault("emeritus", []).append({"login": "hal", "since": "2026-11-01"})
    m.edit("modules/nn.yaml", move)


def test_gov_approval_a_persons_approval_is_their_consent() -> None:
    m = Memory()
    _emeritus(m)
    asked = run(m, approve("hal", 108))
    assert asked.outcomes[0].requirement.summary == (
        "hal asks to step down to emeritus from module nn: the core maintainers decide, as for "
        "any removal")
    for refused in (run(m, objects("hal", 108)), run(m, approve("hal", 108, OLD)), run(m)):
        assert refused.outcomes[0].requirement.summary == "removal of hal from module nn"


def test_gov_approval_a_returning_emeritus_is_judged_as_the_nomination_it_is() -> None:
    m = Memory()
    _emeritus(m)
    m.land({})
    m.edit("modules/nn.yaml", lambda d: d.pop("emeritus") and None)
    assert rules_of(run(m)) == ["GOV-EMERITUS"]
    m.edit("modules/nn.yaml", lambda d: d["maintainers"].append("HAL"))
    assert rules_of(run(m)) == ["GOV-NOMINATE-MODULE"]


def test_gov_approval_a_returning_core_emeritus_is_judged_as_the_nomination_it_is() -> None:
    m = Memory()
    m.land({"core.yaml": {"lead": "ada", "maintainers": ["ada", "bob", "cyd", "dan"],
                          "emeritus": [{"login": "eve", "since": "2026-01-01"}]}})
    m.write({"core.yaml": {"lead": "ada", "maintainers": ["ada", "bob", "cyd", "dan", "Eve"]}})
    assert rules_of(run(m)) == ["GOV-NOMINATE-CORE"]


def test_gov_approval_a_file_only_reformatted_is_reported_as_such() -> None:
    m = Memory()
    m.head["core.yaml"] = CORE_COMMENT + m.head["core.yaml"]
    report = run(m)
    assert report.events == [Event("formatting-only", "core.yaml", "core.yaml")]
    [out] = report.outcomes
    assert out.requirement.summary == "core.yaml: layout or comments only, no governance change"
    assert (out.line, out.col) == (2, 1)


def test_gov_approval_a_deletion_is_located_in_the_base_file() -> None:
    m = Memory()
    m.write({"members/tess.yaml": None})
    [out] = run(m).outcomes
    assert out.requirement.event.side == "base"
    assert (out.line, out.col) == (1, 8)


def test_gov_approval_a_seat_is_checked_against_the_certified_records() -> None:
    m = Memory()
    m.edit("council.yaml", lambda d: d["seats"][2].update(term_end="2028-06-15"))
    assert problems(run(m, approve("bob", 102))) == [
        "PC-TERM: ros's seat is set by elections/2026-council: term_end '2027-06-15' (a seat, "
        "its term and whom it replaces change only by a certified record)"]


def test_gov_approval_a_member_admitted_by_a_certified_vote_needs_one_core_maintainer() -> None:
    m = Memory()
    m.land({k: yaml.safe_load(v) if k.endswith(".yaml") else v
            for k, v in motion(POLICY, "2026-vote", "member-add", subject="newbie").items()})
    m.edit("members/newbie.yaml", lambda d: d.update(
        community={"since": "2026-11-01", "admitted_by": "elections/2026-vote"}))
    report = run(m, approve("bob", 102))
    assert problems(report) == [] and report.ok


ID = "2026-council"
RESULT = f"elections/{ID}/result.yaml"
ELECTION = f"elections/{ID}/election.yaml"


def test_gov_approval_a_result_regenerated_from_its_certified_record_is_a_correction() -> None:
    m = Memory()
    rendered = m.head[RESULT].decode()
    m.land({RESULT: rendered + "# rendered by an older charter\n"})
    m.write({RESULT: rendered})
    [out] = run(m).outcomes
    assert out.requirement.summary == (f"elections/{ID}/result.yaml regenerated by the base's "
                                       "charter from the same certified record")


def test_gov_approval_a_correction_must_recount_to_its_result() -> None:
    m = Memory()
    m.edit(ELECTION, lambda d: d.update(title="Council election", corrections=[
        {"date": "2026-07-01", "reason": "a typo", "discussion": "#12"}]))
    assert problems(run(m, body="## Discussion\n#12\n")) == [
        f"PC-ELECTION: the corrected elections/{ID}/result.yaml must be what the base's charter "
        f"counts; run: charter election tally elections/{ID}"]


PAGE = {"output": "generated/pages/landscape.yml",
        "categories": [{"name": "Tools", "subcategories": [{"name": "All", "items": ["alpha"]}]}]}


def _generated(m: Memory) -> None:
    from charter import codeowners
    from charter.exporters.check import outputs

    m.write({"pages/landscape.yaml": PAGE})
    tree = MemoryTree(m.head, "head")
    state, _ = load(tree)
    m.land({**codeowners.outputs(state), **outputs(tree, state)})


def test_gov_approval_a_generated_page_must_be_what_the_head_data_renders() -> None:
    m = Memory()
    _generated(m)
    m.write({"generated/pages/landscape.yml": "landscape:\n  - category: Made up\n"})
    assert problems(run(m)) == [
        "INT-GENERATED: generated/pages/landscape.yml does not match the head data; run: "
        "charter export"]


def test_gov_approval_data_the_change_breaks_is_a_finding_of_the_report() -> None:
    m = Memory()
    m.write({"members/zz.yaml": ["a", "b"]})
    report = run(m)
    assert report.findings == [Finding("members/zz.yaml", 1, 1, "SCHEMA",
                                       "file: expected a mapping, found a list")]
    assert not report.ok
    m.land({})
    m.write({"members/zz.yaml": ["a", "b", "c"]})
    assert run(m).findings == []
