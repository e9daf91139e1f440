"""The monthly review workflow: least privilege, pinned actions, no expression inside run:."""

from __future__ import annotations

import re

import yaml
from eco_helpers import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "ecosystem-review.yml"


def load() -> dict:
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_eco_periodic_workflow_runs_monthly_and_on_dispatch() -> None:
    on = load()["on"]
    assert "workflow_dispatch" in on
    [cron] = [s["cron"] for s in on["schedule"]]
    _minute, _hour, day, month, weekday = cron.split()
    assert day.isdigit() and month == "*" and weekday == "*"


def test_eco_periodic_workflow_least_privilege_and_pinned() -> None:
    wf = load()
    assert wf["permissions"] == {}
    for job in wf["jobs"].values():
        assert set(job["permissions"].values()) <= {"read", "none"}
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if "run" in step:
                assert "${{" not in step["run"]
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] == "false"
    text = WORKFLOW.read_text(encoding="utf-8")
    # every pinned action says which tag it is
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d", line), line
    assert "charter ecosystem review --apply" in text
