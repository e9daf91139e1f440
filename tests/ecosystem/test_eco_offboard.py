"""ECO-OFFBOARD for a retirement recorded by hand: ``charter ecosystem offboard SLUG``, against
the fake GitHub. The command opens the offboarding issue (or finds the one already there by its
marker) and records its number; ``charter check`` stops reporting the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eco_fakegithub import FakeGitHub
from eco_helpers import GOVERNANCE, project, read_project, write_project

TODAY = "2026-11-21"

# A retirement as an author writes it in a pull request: comments, quoting and layout of their
# own, and the retired: block in the middle of the file. Only one line may change.
HAND_RETIRED = """\
# Retired by the working group at its November session.
slug: alpha
name: Alpha
repository: org-alpha/alpha
status: retired   # was active
issue: 10
submitted: '2025-11-20'
licence: MIT
maintainers: [dana-frost, eli-moss]
decisions:
  - date: '2026-01-14'
    outcome: accepted
    for: [priya-nair, omar-haddad, yuki-sato]
    against: [bruno-costa, anya-ivanova]
    working_group: [priya-nair, omar-haddad, yuki-sato, bruno-costa, anya-ivanova]
  - date: '2026-11-12'
    outcome: retired
    reason: "The maintainers asked to leave: the project is archived"
retired:
  date: '2026-11-12'
  reason: "The maintainers asked to leave: the project is archived"

# the reviews before the retirement
reviews: []
"""
RECORDED_LINE = "  offboarding_issue: {n}\n"


def write_hand(root: Path, text: str = HAND_RETIRED) -> Path:
    path = root / "ecosystem" / "alpha.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def with_issue(text: str, n: int) -> str:
    """``text`` with only the line the command adds."""
    anchor = '  reason: "The maintainers asked to leave: the project is archived"\n\n'
    assert anchor in text
    return text.replace(anchor, anchor[:-1] + RECORDED_LINE.format(n=n) + "\n")


def offboard(charter, fake: FakeGitHub, root: Path, *extra: str, slug: str = "alpha"
             ) -> tuple[int, str, str]:
    return charter("ecosystem", "offboard", slug, "--repo", str(root), "--github-api", fake.url,
                   "--backoff", "0", "--max-wait", "5", *extra, today=TODAY)


def writes(fake: FakeGitHub) -> int:
    return fake.count("POST") + fake.count("PATCH") + fake.count("PUT") + fake.count("DELETE")


def eco_errors(charter, root: Path) -> list[dict]:
    """What ``charter check`` reports as errors under the ECO rules (the scratch repository has
    no member files, so the other families are not asked)."""
    _code, out, _err = charter("check", "--repo", str(root), "--format", "json",
                               "--select", "ECO-")
    return [f for f in json.loads(out) if f["severity"] == "error"]


# --- dry run, apply, apply again ------------------------------------------------------------
def test_eco_offboard_dry_run_writes_nothing(charter, fake, eco_repo) -> None:
    path = write_hand(eco_repo)
    code, out, err = offboard(charter, fake, eco_repo)
    assert code == 0, err
    # the plan: which issue, where, and what goes into which file
    assert "plan:" in out
    assert GOVERNANCE in out and "ecosystem-offboarding" in out
    assert "Ecosystem offboarding: Alpha is retired" in out
    assert "ecosystem/alpha.yaml" in out and "offboarding_issue" in out
    assert "would open an issue" in out
    assert "dry run" in err
    assert writes(fake) == 0
    assert fake.issues.get(GOVERNANCE, []) == []
    assert path.read_text(encoding="utf-8") == HAND_RETIRED


def test_eco_offboard_apply_opens_one_issue_and_records_it(charter, fake, eco_repo) -> None:
    path = write_hand(eco_repo)
    code, out, err = offboard(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    [issue] = fake.issues[GOVERNANCE]
    assert issue["labels"] == ["ecosystem-offboarding"]
    assert "<!-- charter:ecosystem-offboarding slug=alpha -->" in issue["body"]
    assert "@dana-frost @eli-moss" in issue["body"]
    assert "remove references to ecosystem membership" in issue["body"]
    assert "The maintainers asked to leave" in issue["body"] and "2026-11-12" in issue["body"]
    # a retirement by hand is not the periodic review's, and the issue says who opened it
    assert "ECO-PERIODIC" not in issue["body"]
    assert "charter ecosystem offboard" in issue["body"]
    assert fake.count("POST", f"/repos/{GOVERNANCE}/issues") == 1
    assert "opened #1" in out and "offboarding_issue: 1" in out
    # the one added line; every other byte as the author wrote it
    assert path.read_text(encoding="utf-8") == with_issue(HAND_RETIRED, 1)
    assert read_project(eco_repo, "alpha")["retired"]["offboarding_issue"] == 1


def test_eco_offboard_second_apply_opens_nothing(charter, fake, eco_repo) -> None:
    path = write_hand(eco_repo)
    assert offboard(charter, fake, eco_repo, "--apply")[0] == 0
    after_first = path.read_bytes()
    requests = len(fake.log)
    code, out, err = offboard(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert "already recorded" in out and "#1" in out
    assert len(fake.issues[GOVERNANCE]) == 1
    assert len(fake.log) == requests  # the record answers: GitHub is not even asked
    assert path.read_bytes() == after_first


def test_eco_offboard_reapply_after_lost_record_finds_the_issue(charter, fake, eco_repo) -> None:
    """The issue was opened but the file write never landed (the record was reset): a second
    --apply finds the issue by its marker and records it, and opens no second one."""
    path = write_hand(eco_repo)
    assert offboard(charter, fake, eco_repo, "--apply")[0] == 0
    write_hand(eco_repo)  # the record as it was before: the first run's write is lost
    posts = fake.count("POST")
    code, out, err = offboard(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert len(fake.issues[GOVERNANCE]) == 1
    assert fake.count("POST") == posts and fake.count("PATCH") == 0
    assert "#1" in out and "opened" not in out
    assert path.read_text(encoding="utf-8") == with_issue(HAND_RETIRED, 1)


def test_eco_offboard_finds_the_reviews_issue_whose_record_never_landed(charter, fake,
                                                                        eco_repo) -> None:
    """An offboarding issue already there for the project (the periodic review opened it, but
    its records pull request was closed; another issue first, so the numbers differ) is the one
    recorded: in the dry run's plan and on --apply, with no second issue."""
    from charter.ecosystem import notify

    fake.open_issue(GOVERNANCE, "Something else", "unrelated", ["question"],
                    created_at="2026-11-01T00:00:00Z")
    data = {"slug": "alpha", "name": "Alpha", "repository": "org-alpha/alpha",
            "maintainers": ["dana-frost", "eli-moss"]}
    fake.open_issue(GOVERNANCE, notify.offboarding_title(data),
                    notify.offboarding_body(data, "ECO-PERIODIC: short", "2026-11-12"),
                    ["ecosystem-offboarding"], created_at="2026-11-12T00:00:00Z")
    path = write_hand(eco_repo)
    code, out, err = offboard(charter, fake, eco_repo)
    assert code == 0, err
    assert "would record #2" in out and "would open" not in out
    assert writes(fake) == 0 and path.read_text(encoding="utf-8") == HAND_RETIRED
    code, out, err = offboard(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert fake.count("POST") == 0 and len(fake.issues[GOVERNANCE]) == 2
    assert path.read_text(encoding="utf-8") == with_issue(HAND_RETIRED, 2)


def test_eco_offboard_json(charter, fake, eco_repo) -> None:
    write_hand(eco_repo)
    code, out, err = offboard(charter, fake, eco_repo, "--apply", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["slug"] == "alpha" and doc["file"] == "ecosystem/alpha.yaml"
    assert doc["issues_repository"] == GOVERNANCE and doc["label"] == "ecosystem-offboarding"
    assert doc["issue"] == 1 and doc["recorded"] is True and doc["already_recorded"] is False
    code, out, err = offboard(charter, fake, eco_repo, "--format", "json")
    doc = json.loads(out)
    assert doc["already_recorded"] is True and doc["issue"] == 1


def test_eco_offboard_issues_repo_option(charter, fake, eco_repo) -> None:
    write_hand(eco_repo)
    code, out, err = offboard(charter, fake, eco_repo, "--apply", "--issues-repo", "org/meta")
    assert code == 0, err
    assert len(fake.issues["org/meta"]) == 1 and not fake.issues.get(GOVERNANCE)
    assert "org/meta" in out


# --- charter check before and after -----------------------------------------------------------
def test_eco_offboard_clears_the_check(charter, fake, eco_repo) -> None:
    write_hand(eco_repo)
    [before] = eco_errors(charter, eco_repo)
    assert before["rule"] == "ECO-OFFBOARD" and before["path"] == "ecosystem/alpha.yaml"
    assert "charter ecosystem offboard alpha --apply" in before["message"]
    assert offboard(charter, fake, eco_repo, "--apply")[0] == 0
    assert eco_errors(charter, eco_repo) == []


# --- refusals -----------------------------------------------------------------------------
def test_eco_offboard_refuses_an_unknown_slug(charter, fake, eco_repo) -> None:
    write_hand(eco_repo)
    code, _out, err = offboard(charter, fake, eco_repo, slug="alpah")
    assert code == 1
    assert "ecosystem/alpah.yaml" in err and "'alpha'" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert fake.log == []


@pytest.mark.parametrize("slug", ["../policy", "a/b"])
def test_eco_offboard_refuses_a_path_for_a_slug(charter, fake, eco_repo, slug) -> None:
    code, _out, err = offboard(charter, fake, eco_repo, slug=slug)
    assert code == 1 and "no ecosystem project" in err
    assert fake.log == []


def test_eco_offboard_refuses_a_project_not_retired(charter, fake, eco_repo) -> None:
    path = write_project(eco_repo, project("alpha", "org/alpha"))
    before = path.read_bytes()
    code, _out, err = offboard(charter, fake, eco_repo, "--apply")
    assert code == 1
    assert "ecosystem/alpha.yaml" in err and "active" in err and "not retired" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert fake.log == [] and path.read_bytes() == before


@pytest.mark.parametrize(("retired", "missing"), [
    (None, "without a retired: record"),
    ({"date": "2026-11-12"}, "no reason"),
    ({"reason": "asked to leave"}, "no date"),
])
def test_eco_offboard_refuses_an_incomplete_retirement(charter, fake, eco_repo, retired,
                                                       missing) -> None:
    extra = {"retired": retired} if retired is not None else {}
    path = write_project(eco_repo, project("alpha", "org/alpha", status="retired", **extra))
    before = path.read_bytes()
    code, _out, err = offboard(charter, fake, eco_repo, "--apply")
    assert code == 1
    assert "ecosystem/alpha.yaml" in err and missing in err
    assert "charter ecosystem offboard alpha" in err  # what to do once it is fixed
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert fake.log == [] and path.read_bytes() == before


def test_eco_offboard_already_recorded_does_nothing(charter, fake, eco_repo) -> None:
    path = write_hand(eco_repo, with_issue(HAND_RETIRED, 7))
    before = path.read_bytes()
    for extra in ((), ("--apply",)):
        code, out, err = offboard(charter, fake, eco_repo, *extra)
        assert code == 0, err
        assert "already recorded" in out and "#7" in out
    assert fake.log == [] and path.read_bytes() == before


def test_eco_offboard_needs_a_repository_for_the_issue(charter, fake, eco_repo) -> None:
    policy = eco_repo / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True)
             if "governance_repository:" not in line]
    assert len(lines) == len(text.splitlines()) - 1
    policy.write_text("".join(lines), encoding="utf-8")
    write_hand(eco_repo)
    code, _out, err = offboard(charter, fake, eco_repo)
    assert code == 1 and "--issues-repo" in err
    assert fake.log == []


def test_eco_offboard_lost_answer_is_found_not_doubled(charter, fake, eco_repo) -> None:
    """GitHub opened the issue but its answer was lost (a 502 after acting): the command looks
    for the marker before trying again, finds the issue and records it."""
    write_hand(eco_repo)
    fake.fail("POST", f"/repos/{GOVERNANCE}/issues", 502, then_perform=True)
    code, _out, err = offboard(charter, fake, eco_repo, "--apply")
    assert code == 0, err
    assert len(fake.issues[GOVERNANCE]) == 1
    assert fake.count("POST", f"/repos/{GOVERNANCE}/issues") == 1  # not sent again
    assert read_project(eco_repo, "alpha")["retired"]["offboarding_issue"] == 1
