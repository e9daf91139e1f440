"""GOV-APPROVAL as the editing commands announce it (charter.gate.preview): the requirements an
edit prints as JSON are, field for field, those ``charter pr-check`` reports for the same change
once committed; the gate's own code makes both."""

from __future__ import annotations

import json

from gate_helpers import GitRepo, check, run


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
