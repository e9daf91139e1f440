"""The pull-request gate's report as its readers see it: the text of ``charter pr-check``, the
Markdown job summary, the JSON for machines and the workflow-command annotations
(``charter.gate.render``). Reports are built from the gate's own dataclasses in memory, so the
mutation tests (``make mutation PACKAGES=gate``) judge the renderer line by line, and every
string a maintainer reads is pinned exactly.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from charter.findings import Finding, Severity
from charter.gate import render
from charter.gate.evaluate import GroupResult, Outcome, Report
from charter.gate.events import Event
from charter.gate.groups import Group, Requirement
from charter.gate.reviews import Ignored, Verdict

SHA = "5d6e7f80123456789abcdef0123456789abcdef0"
BLOCKED = ("blocked: bob requested changes; it stands until bob approves the head commit or the "
           "review is dismissed")
NOT_ONE = "not one of the maintainers of module web"
PROBLEM = ("GOV-NOMINATE-CORE: the nomination of zoe must state its substance; add to the "
           "pull-request description: '## Support' (statements of support from maintainers)")


class Tty(io.StringIO):
    """A terminal: colour is on unless NO_COLOR says otherwise."""

    def isatty(self) -> bool:
        return True


def core(needed: int = 2) -> Group:
    return Group("core maintainers", ("ada", "bob", "cyd"), needed,
                 f"a majority of the core maintainers ({needed} of 3)", size=3)


def met_outcome(not_counted: list[tuple[str, str]] | None = None) -> Outcome:
    """member xena added, approved by ada; ``not_counted`` as given."""
    group = Group("core maintainers", ("ada", "bob"), 1, "any core maintainer", size=2)
    req = Requirement("GOV-APPROVAL", Event("member-added", "xena", "members/xena.yaml",
                                            ("login",), "head"),
                      "member xena added", [group])
    return Outcome(req, 2, 1, [GroupResult(group, ["ada"], [], ["bob"])],
                   list(not_counted or []))


def unmet_outcome() -> Outcome:
    """Two groups: the core (one approval of two, bob blocks) and the module (nobody yet)."""
    module = Group("maintainers of module web", ("kim", "lee"), 1,
                   "any maintainer of module web", objectors=("xena",), size=3)
    req = Requirement(
        "GOV-MODULE", Event("module-maintainer-added", "xena", "modules/web.yaml",
                            ("maintainers", 0), "head", "web"),
        "xena added as a maintainer of module web", [core(), module],
        {"xena": "the person concerned cannot decide on their own case"})
    return Outcome(req, 4, 7, [GroupResult(core(), ["ada"], ["bob"], ["cyd"]),
                               GroupResult(module, [], [], ["kim", "lee"])],
                   [("mallory", NOT_ONE), ("eve", "approved an older commit")])


def problem_outcome() -> Outcome:
    """No group, one problem, and no line (the file is not in the head)."""
    req = Requirement("GOV-NOMINATE-CORE", Event("member-added", "zoe", "members/zoe.yaml"),
                      "nomination of zoe", [], {}, [PROBLEM])
    return Outcome(req, 0, 0, [], [])


def report(outcomes: list[Outcome], findings: list[Finding] | None = None,
           ignored: list[Ignored] | None = None, author: str | None = "@Xena",
           verdicts: dict[str, Verdict] | None = None, events: list[Event] | None = None
           ) -> Report:
    return Report("main@1a2b3c4", "feature@5d6e7f8", SHA,
                  events if events is not None else [o.requirement.event for o in outcomes],
                  outcomes, findings or [], ignored or [], verdicts or {}, author, 7)


def full() -> Report:
    """A met, an unmet and a problem requirement, a data error and two ignored reviews."""
    return report(
        [met_outcome([("mallory", NOT_ONE), ("fay", "approved an older commit")]),
         unmet_outcome(), problem_outcome()],
        [Finding("members/bad.yaml", 3, 5, "SCHEMA", "login: 'x y' is not a GitHub login")],
        [Ignored("mallory", "mallory has no member record on the base branch"),
         Ignored("bot", "a bot's review")])


def plain(r: Report) -> str:
    out = io.StringIO()
    render.text(r, out)
    return out.getvalue()


@pytest.fixture
def no_color_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


# --- clean ---------------------------------------------------------------------------------------

def test_gov_approval_clean_escapes_control_characters_and_undecodable_bytes() -> None:
    assert render.clean("a\nb\r\x1b[31m\x7f\tc") == "a\\x0ab\\x0d\\x1b[31m\\x7f\\x09c"
    # a path git could not decode (surrogate-escaped) is shown, not refused
    assert render.clean("members/\udcff.yaml") == "members/\\udcff.yaml"
    assert render.clean("zoë ✅") == "zoë ✅"


# --- text ----------------------------------------------------------------------------------------

def test_gov_approval_text_report_lists_each_requirement_its_details_and_the_count(
        no_color_env: None) -> None:
    assert plain(full()) == (
        "charter pr-check: base main@1a2b3c4 -> head feature@5d6e7f8, author @Xena\n"
        "ok   GOV-APPROVAL members/xena.yaml:2:1: member xena added\n"
        "       needs any core maintainer\n"
        "       approved by: ada\n"
        "       not counted: fay: approved an older commit\n"
        "FAIL GOV-MODULE modules/web.yaml:4:7: xena added as a maintainer of module web\n"
        "       needs a majority of the core maintainers (2 of 3)\n"
        "       approved by: ada\n"
        "       still needed: 1 more of cyd\n"
        f"       {BLOCKED}\n"
        "       needs any maintainer of module web\n"
        "       approved by: nobody yet\n"
        "       still needed: 1 more of kim, lee\n"
        f"       not counted: mallory: {NOT_ONE}\n"
        "       not counted: eve: approved an older commit\n"
        "FAIL GOV-NOMINATE-CORE members/zoe.yaml: nomination of zoe\n"
        f"       to do: {PROBLEM}\n"
        "FAIL SCHEMA members/bad.yaml:3:5: login: 'x y' is not a GitHub login\n"
        "       ignored review by mallory: mallory has no member record on the base branch\n"
        "       ignored review by bot: a bot's review\n"
        "2 of 3 requirement(s) not met, 1 data error(s) in the head\n")


def test_gov_approval_text_counts_every_failed_requirement_and_data_error(
        no_color_env: None) -> None:
    errors = [Finding("members/a.yaml", 1, 1, "SCHEMA", "bad a"),
              Finding("members/b.yaml", 2, 3, "SCHEMA", "bad b")]
    r = report([met_outcome(), unmet_outcome(), problem_outcome()], errors)
    assert plain(r).splitlines()[-1] == ("2 of 3 requirement(s) not met, 2 data error(s) in the "
                                         "head")
    assert plain(report([unmet_outcome()])).splitlines()[-1] == "1 of 1 requirement(s) not met"


def test_gov_approval_text_report_of_a_passing_pull_request(no_color_env: None) -> None:
    assert plain(report([met_outcome()], author=None)) == (
        "charter pr-check: base main@1a2b3c4 -> head feature@5d6e7f8\n"
        "ok   GOV-APPROVAL members/xena.yaml:2:1: member xena added\n"
        "       needs any core maintainer\n"
        "       approved by: ada\n"
        "all 1 requirement(s) met\n")


def test_gov_approval_text_says_no_changes_only_when_nothing_is_reported(
        no_color_env: None) -> None:
    assert plain(report([], author=None)) == (
        "charter pr-check: base main@1a2b3c4 -> head feature@5d6e7f8\n"
        "no changes: nothing to approve\n"
        "all 0 requirement(s) met\n")
    only_errors = report([], [Finding("members/bad.yaml", 3, 5, "SCHEMA", "bad")])
    assert plain(only_errors) == (
        "charter pr-check: base main@1a2b3c4 -> head feature@5d6e7f8, author @Xena\n"
        "FAIL SCHEMA members/bad.yaml:3:5: bad\n"
        "0 of 0 requirement(s) not met, 1 data error(s) in the head\n")


def test_gov_approval_text_escapes_what_the_pull_request_controls(no_color_env: None) -> None:
    ev = Event("member-added", "x", "members/x\n::error::y.yaml")
    req = Requirement("GOV-APPROVAL", ev, "member x\x1b[2J added", [], {}, ["fix\nit"])
    r = report([Outcome(req, 0, 0, [], [("m\rx", "why\n")])],
               [Finding("members/\udcff.yaml", 1, 2, "SCHEMA", "bad\nvalue")],
               [Ignored("eve\n", "old\x7f")], author="@a\nb")
    assert plain(r) == (
        "charter pr-check: base main@1a2b3c4 -> head feature@5d6e7f8, author @a\\x0ab\n"
        "FAIL GOV-APPROVAL members/x\\x0a::error::y.yaml: member x\\x1b[2J added\n"
        "       not counted: m\\x0dx: why\\x0a\n"
        "       to do: fix\\x0ait\n"
        "FAIL SCHEMA members/\\udcff.yaml:1:2: bad\\x0avalue\n"
        "       ignored review by eve\\x0a: old\\x7f\n"
        "1 of 1 requirement(s) not met, 1 data error(s) in the head\n")


def test_gov_approval_text_colours_the_verdicts_on_a_terminal(no_color_env: None) -> None:
    out = Tty()
    render.text(report([met_outcome(), problem_outcome()],
                       [Finding("members/bad.yaml", 3, 5, "SCHEMA", "bad")], author=None), out)
    assert out.getvalue() == (
        "charter pr-check: base main@1a2b3c4 -> head feature@5d6e7f8\n"
        "\x1b[1;32mok  \x1b[0m GOV-APPROVAL members/xena.yaml:2:1: member xena added\n"
        "       needs any core maintainer\n"
        "       approved by: ada\n"
        "\x1b[1;31mFAIL\x1b[0m GOV-NOMINATE-CORE members/zoe.yaml: nomination of zoe\n"
        f"       to do: {PROBLEM}\n"
        "\x1b[1;31mFAIL\x1b[0m SCHEMA members/bad.yaml:3:5: bad\n"
        "1 of 2 requirement(s) not met, 1 data error(s) in the head\n")


def test_gov_approval_text_colour_follows_force_color_and_no_color(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert plain(report([met_outcome()])).splitlines()[1].startswith("\x1b[1;32mok  \x1b[0m ")
    monkeypatch.setenv("NO_COLOR", "1")
    out = Tty()
    render.text(report([met_outcome()]), out)
    assert out.getvalue().splitlines()[1].startswith("ok   GOV-APPROVAL ")


def test_gov_approval_text_says_when_too_few_can_still_approve_or_only_the_author_can(
        no_color_env: None) -> None:
    stuck = GroupResult(core(3), [], [], ["cyd"])
    own = Group("the member concerned", ("xena",), 1, "the member's own consent", consent=True,
                size=1)
    req = Requirement("GOV-REMOVE", Event("member-removed", "xena", "members/xena.yaml"),
                      "member xena removed", [stuck.group, own])
    r = report([Outcome(req, 1, 1, [stuck, GroupResult(own, [], [], ["xena"])], [])],
               author=None)
    assert plain(r).splitlines()[1:-1] == [
        "FAIL GOV-REMOVE members/xena.yaml:1:1: member xena removed",
        "       needs a majority of the core maintainers (3 of 3)",
        "       approved by: nobody yet",
        "       still needed: 3 more, but only 1 can still approve (cyd): this cannot pass as "
        "the base branch stands",
        "       needs the member's own consent",
        "       approved by: nobody yet",
        "       still needed: xena (their own approval)"]


# --- markdown ------------------------------------------------------------------------------------

def test_gov_approval_markdown_summary_has_a_row_per_requirement_and_the_details() -> None:
    assert render.markdown(full()) == (
        "## Governance approvals: not yet approved\n"
        "\n"
        "Base `main@1a2b3c4`, head `5d6e7f801234`, author @Xena.\n"
        "Rules, thresholds and the people who decide are read from the base branch.\n"
        "\n"
        "| | rule | change | approved by | still needed |\n"
        "|---|---|---|---|---|\n"
        "| ✅ | `GOV-APPROVAL` | member xena added (`members/xena.yaml:2:1`) | ada | - |\n"
        "| ❌ | `GOV-MODULE` | xena added as a maintainer of module web (`modules/web.yaml:4:7`) "
        "| ada; nobody yet | 1 more of cyd; 1 more of kim, lee |\n"
        "| ❌ | `GOV-NOMINATE-CORE` | nomination of zoe (`members/zoe.yaml`) | - | see below |\n"
        "\n"
        "**GOV-APPROVAL** member xena added\n"
        "- needs any core maintainer\n"
        "- not counted: fay: approved an older commit\n"
        "\n"
        "**GOV-MODULE** xena added as a maintainer of module web\n"
        "- needs a majority of the core maintainers (2 of 3)\n"
        "- still needed: 1 more of cyd\n"
        f"- {BLOCKED}\n"
        "- needs any maintainer of module web\n"
        "- still needed: 1 more of kim, lee\n"
        f"- not counted: mallory: {NOT_ONE}\n"
        "- not counted: eve: approved an older commit\n"
        "\n"
        "**GOV-NOMINATE-CORE** nomination of zoe\n"
        f"- to do: {PROBLEM}\n"
        "\n"
        "**Data errors in the head** (the change must leave the data valid)\n"
        "- `members/bad.yaml:3` SCHEMA: login: 'x y' is not a GitHub login\n"
        "\n"
        "Ignored reviews: mallory (mallory has no member record on the base branch); "
        "bot (a bot's review)\n")


def test_gov_approval_markdown_details_only_unmet_or_partly_uncounted_requirements() -> None:
    """A met requirement with nobody left uncounted has its row only; those after it still get
    their details."""
    r = report([met_outcome(), problem_outcome(), met_outcome()], author="ada")
    assert render.markdown(r) == (
        "## Governance approvals: not yet approved\n"
        "\n"
        "Base `main@1a2b3c4`, head `5d6e7f801234`, author @ada.\n"
        "Rules, thresholds and the people who decide are read from the base branch.\n"
        "\n"
        "| | rule | change | approved by | still needed |\n"
        "|---|---|---|---|---|\n"
        "| ✅ | `GOV-APPROVAL` | member xena added (`members/xena.yaml:2:1`) | ada | - |\n"
        "| ❌ | `GOV-NOMINATE-CORE` | nomination of zoe (`members/zoe.yaml`) | - | see below |\n"
        "| ✅ | `GOV-APPROVAL` | member xena added (`members/xena.yaml:2:1`) | ada | - |\n"
        "\n"
        "**GOV-NOMINATE-CORE** nomination of zoe\n"
        f"- to do: {PROBLEM}\n"
        "\n")


def test_gov_approval_markdown_of_a_passing_pull_request_without_an_author() -> None:
    assert render.markdown(report([met_outcome()], author=None)) == (
        "## Governance approvals: passed\n"
        "\n"
        "Base `main@1a2b3c4`, head `5d6e7f801234`.\n"
        "Rules, thresholds and the people who decide are read from the base branch.\n"
        "\n"
        "| | rule | change | approved by | still needed |\n"
        "|---|---|---|---|---|\n"
        "| ✅ | `GOV-APPROVAL` | member xena added (`members/xena.yaml:2:1`) | ada | - |\n"
        "\n")


def test_gov_approval_markdown_says_no_changes_when_there_is_no_requirement() -> None:
    assert render.markdown(report([], author=None)) == (
        "## Governance approvals: passed\n"
        "\n"
        "Base `main@1a2b3c4`, head `5d6e7f801234`.\n"
        "Rules, thresholds and the people who decide are read from the base branch.\n"
        "\n"
        "No changes: nothing to approve.\n"
        "\n")
    r = report([], [Finding("members/bad.yaml", 3, 5, "SCHEMA", "bad"),
                    Finding("members/worse.yaml", 0, 0, "YAML", "unreadable")],
               [Ignored("eve", "stale")])
    assert render.markdown(r) == (
        "## Governance approvals: not yet approved\n"
        "\n"
        "Base `main@1a2b3c4`, head `5d6e7f801234`, author @Xena.\n"
        "Rules, thresholds and the people who decide are read from the base branch.\n"
        "\n"
        "No changes: nothing to approve.\n"
        "\n"
        "**Data errors in the head** (the change must leave the data valid)\n"
        "- `members/bad.yaml:3` SCHEMA: bad\n"
        "- `members/worse.yaml:0` YAML: unreadable\n"
        "\n"
        "Ignored reviews: eve (stale)\n")


def test_gov_approval_markdown_escapes_table_breaking_and_html_text() -> None:
    """HTML is escaped in text; a code span shows what it holds (a pipe is escaped in a cell)."""
    ev = Event("member-added", "x", "members/a|b<c>`d`.yaml")
    req = Requirement("GOV-APPROVAL", ev, "member <b>`x`</b> | added\nnext", [], {}, ["p"])
    r = report([Outcome(req, 3, 1, [], [])],
               [Finding("m/<x>|`y`.yaml", 2, 1, "SCHEMA", "a|b\n<i>")],
               [Ignored("e|v<e>", "`old`\n")], author="@@Xena`|")
    r.base_label = "main|<x>`"
    assert render.markdown(r) == (
        "## Governance approvals: not yet approved\n"
        "\n"
        "Base `main|<x>'`, head `5d6e7f801234`, author @Xena'\\|.\n"
        "Rules, thresholds and the people who decide are read from the base branch.\n"
        "\n"
        "| | rule | change | approved by | still needed |\n"
        "|---|---|---|---|---|\n"
        "| ❌ | `GOV-APPROVAL` | member &lt;b&gt;'x'&lt;/b&gt; \\| added\\x0anext "
        "(`members/a\\|b<c>'d'.yaml:3:1`) | - | see below |\n"
        "\n"
        "**GOV-APPROVAL** member &lt;b&gt;'x'&lt;/b&gt; \\| added\\x0anext\n"
        "- to do: p\n"
        "\n"
        "**Data errors in the head** (the change must leave the data valid)\n"
        "- `m/<x>|'y'.yaml:2` SCHEMA: a\\|b\\x0a&lt;i&gt;\n"
        "\n"
        "Ignored reviews: e\\|v&lt;e&gt; ('old'\\x0a)\n")


@pytest.mark.parametrize(("author", "shown"), [
    ("@Xena", "@Xena"), ("ada", "@ada"), ("@XX@x", "@XX@x"), (" @ada", "@ @ada"),
    ("@ada@", "@ada@")])
def test_gov_approval_markdown_names_the_author_with_one_at_sign(author: str, shown: str) -> None:
    line = render.markdown(report([], author=author)).splitlines()[2]
    assert line == f"Base `main@1a2b3c4`, head `5d6e7f801234`, author {shown}."


# --- json ----------------------------------------------------------------------------------------

def dict_report() -> Report:
    changed = Event("member-changed", "zoë", "members/zoe.yaml", ("since",), "head",
                    before=date(2024, 1, 2), after=date(2025, 3, 4), detail="since")
    return report(
        [met_outcome([("fay", "approved an older commit")]), unmet_outcome()],
        [Finding("members/bad.yaml", 3, 5, "SCHEMA", "bad")],
        [Ignored("mallory", "no member")],
        verdicts={"bob": Verdict("Bob", 2, "changes-requested", "bob", SHA),
                  "ada": Verdict("ada", 1, "approved", "ada", SHA),
                  "@eve": Verdict("eve", 9, "approved", None, None, "not a member")},
        events=[changed])


DICT = {
    "ok": False,
    "base": "main@1a2b3c4",
    "head": "feature@5d6e7f8",
    "head_sha": SHA,
    "author": "@Xena",
    "events": [{"kind": "member-changed", "subject": "zoë", "path": "members/zoe.yaml",
                "description": "record of zoë changed (since)",
                "before": date(2024, 1, 2), "after": date(2025, 3, 4)}],
    "requirements": [
        {"rule": "GOV-APPROVAL", "met": True, "summary": "member xena added",
         "event": {"kind": "member-added", "subject": "xena", "path": "members/xena.yaml",
                   "description": "member xena added"},
         "path": "members/xena.yaml", "line": 2,
         "groups": [{"label": "core maintainers", "how": "any core maintainer", "needed": 1,
                     "eligible": ["ada", "bob"], "approved": ["ada"], "still_needed": 0,
                     "candidates": ["bob"], "blocked_by": [], "objectors": [], "of": 2}],
         "excluded": {}, "not_counted": [{"login": "fay", "reason": "approved an older commit"}],
         "problems": []},
        {"rule": "GOV-MODULE", "met": False, "summary": "xena added as a maintainer of module web",
         "event": {"kind": "module-maintainer-added", "subject": "xena", "path": "modules/web.yaml",
                   "description": "xena added as a maintainer of module web", "module": "web"},
         "path": "modules/web.yaml", "line": 4,
         "groups": [{"label": "core maintainers", "how": "a majority of the core maintainers "
                     "(2 of 3)", "needed": 2, "eligible": ["ada", "bob", "cyd"],
                     "approved": ["ada"], "still_needed": 1, "candidates": ["cyd"],
                     "blocked_by": ["bob"], "objectors": [], "of": 3},
                    {"label": "maintainers of module web", "how": "any maintainer of module web",
                     "needed": 1, "eligible": ["kim", "lee"], "approved": [], "still_needed": 1,
                     "candidates": ["kim", "lee"], "blocked_by": [], "objectors": ["xena"],
                     "of": 3}],
         "excluded": {"xena": "the person concerned cannot decide on their own case"},
         "not_counted": [{"login": "mallory", "reason": NOT_ONE},
                         {"login": "eve", "reason": "approved an older commit"}],
         "problems": []},
    ],
    "findings": [{"path": "members/bad.yaml", "line": 3, "col": 5, "rule": "SCHEMA",
                  "severity": "error", "message": "bad"}],
    "ignored_reviews": [{"login": "mallory", "reason": "no member"}],
    "reviews": {"@eve": {"login": "eve", "state": "approved", "member": None, "commit_id": None},
                "ada": {"login": "ada", "state": "approved", "member": "ada", "commit_id": SHA},
                "bob": {"login": "Bob", "state": "changes-requested", "member": "bob",
                        "commit_id": SHA}},
}


def test_gov_approval_as_dict_holds_every_requirement_group_and_review() -> None:
    got = render.as_dict(dict_report())
    assert got == DICT
    assert list(got) == list(DICT)
    assert list(got["reviews"]) == ["@eve", "ada", "bob"]  # sorted by key
    for g in got["requirements"][1]["groups"]:
        assert type(g["eligible"]) is list and type(g["objectors"]) is list


def test_gov_approval_json_output_is_indented_ascii_with_dates_as_text() -> None:
    out = io.StringIO()
    render.as_json(dict_report(), out)
    text = out.getvalue()
    assert text.isascii()
    assert text.startswith('{\n  "ok": false,\n  "base": "main@1a2b3c4",\n')
    assert text.endswith("\n}\n")
    assert '\n      "subject": "zo\\u00eb",\n' in text
    assert '"before": "2024-01-02",' in text and '"after": "2025-03-04"' in text
    want = json.loads(json.dumps(DICT, default=str))
    assert json.loads(text) == want


# --- annotations and the github format -----------------------------------------------------------

def test_gov_approval_annotations_locate_each_unmet_requirement_and_data_error() -> None:
    got = render.annotations(full())
    assert got == [
        Finding("members/bad.yaml", 3, 5, "SCHEMA", "login: 'x y' is not a GitHub login"),
        Finding("modules/web.yaml", 4, 7, "GOV-MODULE",
                "xena added as a maintainer of module web: "
                "needs a majority of the core maintainers (2 of 3); still needed: 1 more of cyd; "
                f"{BLOCKED}; needs any maintainer of module web; "
                f"still needed: 1 more of kim, lee; not counted: mallory: {NOT_ONE}; "
                "not counted: eve: approved an older commit"),
        Finding("members/zoe.yaml", 0, 0, "GOV-NOMINATE-CORE",
                f"nomination of zoe: to do: {PROBLEM}"),
    ]
    assert [f.severity for f in got] == [Severity.ERROR] * 3


def test_gov_approval_annotations_keep_severity_and_escape_pull_request_text() -> None:
    ev = Event("member-added", "x", "members/x\n::error::y.yaml")
    req = Requirement("GOV-APPROVAL", ev, "x\radded", [], {}, ["fix\x1b"])
    r = report([Outcome(req, 5, 0, [], [])],
               [Finding("members/\udcff\n.yaml", 1, 2, "SCHEMA", "bad\nvalue",
                        Severity.WARNING)])
    got = render.annotations(r)
    assert got == [
        Finding("members/\\udcff\\x0a.yaml", 1, 2, "SCHEMA", "bad\\x0avalue"),
        Finding("members/x\\x0a::error::y.yaml", 5, 0, "GOV-APPROVAL",
                "x\\x0dadded: to do: fix\\x1b"),
    ]
    assert [f.severity for f in got] == [Severity.WARNING, Severity.ERROR]
    assert [(f.line, f.col) for f in got] == [(1, 2), (5, 0)]


def test_gov_approval_github_format_annotates_then_prints_the_text_report(
        no_color_env: None) -> None:
    r = report([met_outcome(), problem_outcome()], author=None)
    out = io.StringIO()
    render.github(r, out)
    assert out.getvalue() == (
        "::error file=members/zoe.yaml,title=GOV-NOMINATE-CORE::GOV-NOMINATE-CORE nomination of "
        f"zoe: to do: {PROBLEM}\n" + plain(r))


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_gov_approval_emit_writes_the_chosen_format(fmt: str, no_color_env: None) -> None:
    r = report([met_outcome(), problem_outcome()],
               [Finding("members/bad.yaml", 3, 5, "SCHEMA", "bad")])
    want = io.StringIO()
    {"text": render.text, "json": render.as_json, "github": render.github}[fmt](r, want)
    out = io.StringIO()
    render.emit(r, fmt, out)
    assert out.getvalue() == want.getvalue() and out.getvalue()
    if fmt == "json":
        assert json.loads(out.getvalue())["requirements"][1]["rule"] == "GOV-NOMINATE-CORE"
    else:
        assert "FAIL GOV-NOMINATE-CORE members/zoe.yaml: nomination of zoe\n" in out.getvalue()


def test_gov_approval_markdown_shows_a_file_name_in_code_verbatim() -> None:
    """Markdown reads no HTML inside a code span: an entity there would be shown as typed."""
    ev = Event("member-added", "x", "members/a<b>.yaml")
    r = report([Outcome(Requirement("GOV-APPROVAL", ev, "member x added", [], {}, ["p"]),
                        3, 1, [], [])])
    row = render.markdown(r).splitlines()[7]
    shown = row.split("(`", 1)[1].split("`)", 1)[0]  # the code span as Markdown shows it
    assert shown == "members/a<b>.yaml:3:1"
