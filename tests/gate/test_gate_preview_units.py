"""GOV-APPROVAL as the editing commands announce it (charter.gate.preview): the requirements an
edit prints as JSON are, field for field, those ``charter pr-check`` reports for the same change
once committed (the gate's own code makes both), and the text names who approves, who cannot
and what the description must add."""

from __future__ import annotations

import json

from gate_helpers import GitRepo, check, run

from charter.gate import preview
from charter.gate.evaluate import GroupResult, Outcome, Report
from charter.gate.events import Event
from charter.gate.groups import Group, Requirement


def test_gov_approval_edit_json_requirements_are_pr_checks(org: GitRepo) -> None:
    rc, out, err = run("module", "add-maintainer", "opt", "newbie", "--repo", str(org.path),
                       "--format", "json", "--author", "ada")
    assert rc == 0, err
    announced = json.loads(out)["requirements"]
    org.commit("nominate")
    rc, report = check(org, author="ada")
    assert rc == 1
    assert [r["rule"] for r in announced] == ["GOV-NOMINATE-MODULE"]
    assert announced == report["requirements"]


def _outcome(group: Group | None, problems: list[str] | None = None,
             excluded: dict[str, str] | None = None) -> Outcome:
    req = Requirement("GOV-MODULE", Event("module-maintainer-added", "xena", "modules/web.yaml",
                                          ("maintainers", 0), "head", "web"),
                      "xena added as a maintainer of module web", [group] if group else [],
                      excluded if excluded is not None else {"xena": "their own case"},
                      problems or [])
    groups = [GroupResult(group, [], [], list(group.members))] if group else []
    return Outcome(req, 4, 7, groups, [])


def _report(outcomes: list[Outcome]) -> Report:
    return Report("main", "the working tree", preview.WORKING_TREE,
                  [o.requirement.event for o in outcomes], outcomes, [], [], {}, None, None)


def test_gov_approval_edit_that_needs_nobody_says_so() -> None:
    assert preview.lines(_report([])) == ["this change needs no approval of its own"]
    # a requirement with neither a group nor a problem asks nothing of anyone either
    assert preview.lines(_report([_outcome(None)])) == [
        "this change needs no approval of its own"]


def test_gov_approval_edit_lists_who_approves_and_what_to_add() -> None:
    module = Group("maintainers of module web", ("kim", "lee"), 1, "any maintainer of module web")
    empty = Group("maintainers of module vision", (), 1, "any maintainer of module vision")
    assert preview.lines(_report([_outcome(module, ["add '## Decision'"]), _outcome(empty)])) == [
        "this change needs, as the rules on this branch stand (the pull request's "
        "governance-approvals check asks the same):",
        "  GOV-MODULE modules/web.yaml: xena added as a maintainer of module web",
        "    approval: any maintainer of module web: 1 of kim, lee",
        "    cannot approve: xena (their own case)",
        "    to do: add '## Decision'",
        "  GOV-MODULE modules/web.yaml: xena added as a maintainer of module web",
        "    approval: any maintainer of module vision: 1 of nobody",
        "    cannot approve: xena (their own case)",
    ]


def test_gov_approval_edit_names_who_cannot_approve_only_where_someone_approves() -> None:
    module = Group("maintainers of module web", ("kim",), 1, "any maintainer of module web")
    two = {"xena": "their own case", "yuri": "same employer"}
    assert preview.outcome_lines(_outcome(module, excluded=two))[2] == (
        "    cannot approve: xena (their own case); yuri (same employer)")
    assert preview.outcome_lines(_outcome(None, ["add '## Discussion'"], two)) == [
        "  GOV-MODULE modules/web.yaml: xena added as a maintainer of module web",
        "    to do: add '## Discussion'",
    ]
