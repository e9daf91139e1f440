"""pr-check --github: the pull request, its files and reviews read through PyGithub from a local
server that answers like GitHub; every attack on the count ends in a clear verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gate_helpers import NOMINATION, FakeGitHub, GitRepo, add_core, check_github, req, review, user

OLD = "a" * 40


def nominate(org: GitRepo, gh: FakeGitHub, login: str = "newbie", module: str = "nn") -> str:
    org.edit(f"modules/{module}.yaml", lambda d: d["maintainers"].append(login))
    sha = org.commit("nominate")
    gh.head_sha = sha
    gh.files = [f"modules/{module}.yaml"]
    gh.body = NOMINATION
    return sha


def verdict(org: GitRepo, gh: FakeGitHub, **kw) -> tuple[int, dict, str]:
    rc, out, err = check_github(org, gh, **kw)
    assert out, err
    return rc, json.loads(out), err


def test_approvals_on_head_pass(org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github)
    fake_github.author = user("finn", 106)
    fake_github.reviews = [review(1, user("gus", 107), "APPROVED", sha),
                           review(2, user("hal", 108), "APPROVED", sha)]
    rc, rep, _ = verdict(org, fake_github)
    assert rc == 0 and rep["ok"] and rep["author"] == "finn"


def test_self_approval_never_counts(org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github)
    fake_github.author = user("finn", 106)
    fake_github.reviews = [review(1, user("finn", 106), "APPROVED", sha),
                           review(2, user("hal", 108), "APPROVED", sha)]
    rc, rep, _ = verdict(org, fake_github)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and r["groups"][0]["approved"] == ["hal"]
    assert any(n["login"] == "finn" and "author" in n["reason"] for n in r["not_counted"])


def test_nominee_approval_never_counts(org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github, login="ivy")
    fake_github.author = user("finn", 106)
    fake_github.reviews = [review(1, user("ivy", 109), "APPROVED", sha),
                           review(2, user("hal", 108), "APPROVED", sha)]
    rc, rep, _ = verdict(org, fake_github)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1
    assert any(n["login"] == "ivy" and "nominee" in n["reason"] for n in r["not_counted"])


def test_stale_approval_is_shown_and_not_counted(org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github)
    fake_github.author = user("finn", 106)
    fake_github.reviews = [review(1, user("gus", 107), "APPROVED", OLD),
                           review(2, user("hal", 108), "APPROVED", sha)]
    rc, rep, _ = verdict(org, fake_github)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and rep["reviews"]["gus"]["state"] == "stale"
    assert any(n["login"] == "gus" and "stale" in n["reason"] for n in r["not_counted"])
    # the text report says so too
    rc, out, _ = check_github(org, fake_github, fmt="text")
    assert "approved an earlier commit (aaaaaaa)" in out


def test_approve_then_request_changes_blocks(org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github, module="opt")  # opt: any one maintainer
    fake_github.author = user("ada", 101)
    fake_github.reviews = [review(1, user("ivy", 109), "APPROVED", sha, "2026-11-20T10:00:00Z"),
                           review(2, user("ivy", 109), "COMMENTED", sha, "2026-11-20T10:05:00Z"),
                           review(3, user("ivy", 109), "CHANGES_REQUESTED", sha,
                                  "2026-11-20T11:00:00Z")]
    rc, rep, _ = verdict(org, fake_github)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and r["groups"][0]["blocked_by"] == ["ivy"]
    # a later approval lifts the block; a comment after it changes nothing
    fake_github.reviews.append(review(4, user("ivy", 109), "APPROVED", sha,
                                      "2026-11-20T12:00:00Z"))
    fake_github.reviews.append(review(5, user("ivy", 109), "COMMENTED", sha,
                                      "2026-11-20T12:30:00Z"))
    rc, rep, _ = verdict(org, fake_github)
    assert rc == 0


def test_changes_requested_by_someone_ineligible_does_not_block(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github, module="opt")
    fake_github.author = user("ada", 101)
    fake_github.reviews = [review(1, user("ivy", 109), "APPROVED", sha),
                           review(2, user("newbie", 120), "CHANGES_REQUESTED", sha)]
    rc, _, _ = verdict(org, fake_github)
    assert rc == 0


def test_dismissed_approval_revokes(org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github, module="opt")
    fake_github.author = user("ada", 101)
    # GitHub keeps a dismissed review with state DISMISSED
    fake_github.reviews = [review(1, user("ivy", 109), "DISMISSED", sha)]
    rc, rep, _ = verdict(org, fake_github)
    assert rc == 1 and rep["reviews"]["ivy"]["state"] == "dismissed"


def test_non_member_bot_and_deleted_user_do_not_count(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    org.write({"docs/x.md": "x\n"})
    fake_github.head_sha = org.commit()
    fake_github.files = ["docs/x.md"]
    fake_github.author = user("hal", 108)
    fake_github.reviews = [review(1, user("stranger", 5000), "APPROVED", fake_github.head_sha),
                           review(2, user("dependabot[bot]", 49699333, "Bot"), "APPROVED",
                                  fake_github.head_sha),
                           review(3, None, "APPROVED", fake_github.head_sha)]
    rc, rep, _ = verdict(org, fake_github)
    r = req(rep, "GOV-APPROVAL")
    assert rc == 1 and r["groups"][0]["approved"] == []
    assert any(n["login"] == "stranger" and "no member record" in n["reason"]
               for n in r["not_counted"])
    ignored = {i["login"] for i in rep["ignored_reviews"]}
    assert ignored == {"dependabot[bot]", "(deleted user)"}


def test_renamed_login_counts_and_reused_login_does_not(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github)
    fake_github.author = user("finn", 106)
    # gus renamed their account (same id 107); someone else registered "hal" (new id)
    fake_github.reviews = [review(1, user("gus-renamed", 107), "APPROVED", sha),
                           review(2, user("hal", 999), "APPROVED", sha)]
    rc, rep, _ = verdict(org, fake_github)
    r = req(rep, "GOV-NOMINATE-MODULE")
    assert rc == 1 and r["groups"][0]["approved"] == ["gus"]
    assert any(n["login"] == "hal" and "different account" in n["reason"]
               for n in r["not_counted"])


def test_login_only_member_matches_by_login(org: GitRepo, fake_github: FakeGitHub) -> None:
    org.edit("core.yaml", add_core("tess"))
    org.commit("tess joins core")
    org.git("branch", "-f", "main", "HEAD")
    org.write({"docs/x.md": "x\n"})
    fake_github.head_sha = org.commit()
    fake_github.files = ["docs/x.md"]
    fake_github.reviews = [review(1, user("Tess", 4242), "APPROVED", fake_github.head_sha)]
    rc, _, _ = verdict(org, fake_github)
    assert rc == 0


def test_conflicted_approver_does_not_count(org: GitRepo, fake_github: FakeGitHub) -> None:
    org.edit("modules/nn.yaml", lambda d: d["maintainers"].remove("gus"))
    fake_github.head_sha = org.commit()
    fake_github.files = ["modules/nn.yaml"]
    fake_github.body = "## Discussion\n#5\n"
    fake_github.author = user("ada", 101)
    fake_github.reviews = [review(i, user(x, u), "APPROVED", fake_github.head_sha)
                           for i, (x, u) in enumerate((("cyd", 103), ("bob", 102), ("dan", 104)))]
    rc, rep, _ = verdict(org, fake_github)
    r = req(rep, "GOV-REMOVE")
    assert rc == 1 and r["groups"][0]["approved"] == ["bob", "dan"]
    assert any(n["login"] == "cyd" and "conflict" in n["reason"] for n in r["not_counted"])


def test_lowering_its_own_threshold_is_judged_by_the_base(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    org.edit("modules/nn.yaml", lambda d: d.update(decision_rule={"kind": "any"}))
    org.edit("policy.yaml", lambda d: d.update(governance={"core_decision_fraction": "1/10"}))
    sha = nominate(org, fake_github)
    fake_github.files = ["modules/nn.yaml", "policy.yaml"]
    fake_github.author = user("finn", 106)
    fake_github.reviews = [review(1, user("hal", 108), "APPROVED", sha),
                           review(2, user("ada", 101), "APPROVED", sha)]
    rc, rep, _ = verdict(org, fake_github)
    assert rc == 1
    assert req(rep, "GOV-NOMINATE-MODULE")["groups"][0]["needed"] == 2
    # a laxer rule of its own is the core maintainers' decision, at the base's majority
    assert req(rep, "GOV-MODULE")["groups"][0]["needed"] == 3
    assert req(rep, "GOV-DISCUSSION")["groups"][0]["needed"] == 3  # majority of 5, not 1/10


def test_adding_the_author_then_approving_with_them(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    org.edit("core.yaml", add_core("newbie"))
    org.edit("modules/opt.yaml", lambda d: d["maintainers"].append("newbie"))
    org.write({"scripts/charter/check.py": "print('pass')\n"})
    sha = org.commit()
    fake_github.head_sha = sha
    fake_github.files = ["core.yaml", "modules/opt.yaml", "scripts/charter/check.py"]
    fake_github.body = NOMINATION
    fake_github.author = user("newbie", 120)
    # a second account of the author's, and the author's own approval
    fake_github.reviews = [review(1, user("newbie", 120), "APPROVED", sha),
                           review(2, user("newbie2", 121), "APPROVED", sha)]
    rc, rep, _ = verdict(org, fake_github)
    assert rc == 1
    assert all(not r["met"] for r in rep["requirements"])
    core = req(rep, "GOV-NOMINATE-CORE")
    assert any("only a core or module maintainer may nominate" in p for p in core["problems"])


def test_editing_the_checker_needs_core(org: GitRepo, fake_github: FakeGitHub) -> None:
    org.write({"scripts/charter/gate/evaluate.py": "OK = True\n",
               ".github/workflows/governance-approvals.yml": "on: push\n"})
    fake_github.head_sha = org.commit()
    fake_github.files = [".github/workflows/governance-approvals.yml",
                         "scripts/charter/gate/evaluate.py"]
    fake_github.author = user("finn", 106)
    fake_github.reviews = [review(1, user("hal", 108), "APPROVED", fake_github.head_sha)]
    rc, rep, _ = verdict(org, fake_github)
    assert rc == 1 and {r["event"]["kind"] for r in rep["requirements"]} == {"tooling-changed"}
    fake_github.reviews.append(review(2, user("eve", 105), "APPROVED", fake_github.head_sha))
    rc, _, _ = verdict(org, fake_github)
    assert rc == 1  # a majority of the core maintainers, and a discussion link
    fake_github.reviews += [review(3, user("bob", 102), "APPROVED", fake_github.head_sha),
                            review(4, user("cyd", 103), "APPROVED", fake_github.head_sha)]
    fake_github.body = "## Discussion\n#12\n"
    rc, _, _ = verdict(org, fake_github)
    assert rc == 0


@pytest.mark.parametrize("count", [45, 150])
def test_many_reviews_are_read_across_pages(
        org: GitRepo, fake_github: FakeGitHub, count: int) -> None:
    sha = nominate(org, fake_github)
    fake_github.author = user("finn", 106)
    noise = [review(i, user(f"fan{i}", 10_000 + i), "COMMENTED", sha) for i in range(count - 2)]
    # the two approvals that decide are the last reviews, on the last page
    fake_github.reviews = [*noise, review(900, user("gus", 107), "APPROVED", sha),
                           review(901, user("hal", 108), "APPROVED", sha)]
    rc, _, _ = verdict(org, fake_github)
    assert rc == 0
    pages = [p for p in fake_github.requests if "/reviews" in p]
    assert len(pages) == -(-count // 100)


def test_server_errors_are_retried(org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github, module="opt")
    fake_github.author = user("ada", 101)
    fake_github.reviews = [review(1, user("ivy", 109), "APPROVED", sha)]
    fake_github.failures = [(502, {}, {"message": "Bad gateway"}),
                            (503, {}, {"message": "Unavailable"})]
    rc, _, _ = verdict(org, fake_github, retries=3)
    assert rc == 0 and len(fake_github.requests) == 5


def test_persistent_server_errors_fail_clearly(org: GitRepo, fake_github: FakeGitHub) -> None:
    nominate(org, fake_github, module="opt")
    fake_github.always = (500, {}, {"message": "Server Error"})
    rc, out, err = check_github(org, fake_github, retries=2)
    assert rc == 1 and out == ""
    assert err.startswith("charter: error: reading pull request org/gov#7")
    assert "Traceback" not in err and len(fake_github.requests) == 3


def test_rate_limit_is_retried_then_a_clear_error(org: GitRepo, fake_github: FakeGitHub) -> None:
    nominate(org, fake_github, module="opt")
    fake_github.always = (403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "5000",
                                "X-RateLimit-Reset": "1", "Retry-After": "0"},
                          {"message": "API rate limit exceeded for installation."})
    rc, out, err = check_github(org, fake_github, retries=2)
    assert rc == 1 and out == "" and "rate limit" in err.lower()
    assert len(fake_github.requests) >= 2


def test_secondary_rate_limit_429_then_success(org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github, module="opt")
    fake_github.author = user("ada", 101)
    fake_github.reviews = [review(1, user("ivy", 109), "APPROVED", sha)]
    fake_github.failures = [(429, {"Retry-After": "0"}, {"message": "slow down"})]
    rc, _, _ = verdict(org, fake_github, retries=2)
    assert rc == 0


def test_summary_annotations_and_request_count(
        org: GitRepo, fake_github: FakeGitHub, tmp_path: Path) -> None:
    sha = nominate(org, fake_github)
    fake_github.author = user("finn", 106)
    fake_github.reviews = [review(1, user("hal", 108), "APPROVED", sha)]
    summary = tmp_path / "summary.md"
    rc, out, _ = check_github(org, fake_github, fmt="github", summary=summary)
    assert rc == 1
    assert out.startswith("::error file=modules/nn.yaml,line=")
    assert "title=GOV-NOMINATE-MODULE" in out and "still needed: 1 more of gus" in out
    md = summary.read_text()
    assert md.startswith("## Governance approvals: not yet approved")
    assert "| ❌ | `GOV-NOMINATE-MODULE` |" in md and "1 more of gus" in md
    assert len(fake_github.requests) == 3  # pull request, files, reviews


def test_head_commit_missing_locally(org: GitRepo, fake_github: FakeGitHub) -> None:
    nominate(org, fake_github)
    fake_github.head_sha = "b" * 40
    rc, _, err = check_github(org, fake_github)
    assert rc == 1 and "git fetch origin refs/pull/7/head" in err


def test_files_the_comparison_cannot_see_fail_closed(
        org: GitRepo, fake_github: FakeGitHub) -> None:
    sha = nominate(org, fake_github, module="opt")
    fake_github.author = user("ada", 101)
    fake_github.reviews = [review(1, user("ivy", 109), "APPROVED", sha)]
    fake_github.files = ["modules/opt.yaml", "scripts/evil.py"]
    rc, _, err = check_github(org, fake_github)
    assert rc == 1 and "scripts/evil.py" in err


def test_many_files_are_read_across_pages(org: GitRepo, fake_github: FakeGitHub,
                                          tmp_path: Path, monkeypatch) -> None:
    org.write({f"docs/page-{i:03d}.md": f"{i}\n" for i in range(150)})
    fake_github.head_sha = org.commit()
    fake_github.files = [f"docs/page-{i:03d}.md" for i in range(150)]
    fake_github.author = user("finn", 106)
    fake_github.reviews = [review(1, user("bob", 102), "APPROVED", fake_github.head_sha)]
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    rc, rep, _ = verdict(org, fake_github)
    assert rc == 0 and len(rep["requirements"]) == 150
    assert len([p for p in fake_github.requests if "/files" in p]) == 2
    assert len(fake_github.requests) == 4
    assert summary.read_text().startswith("## Governance approvals: passed")


def test_head_code_is_never_run(org: GitRepo, fake_github: FakeGitHub, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = f"open({str(marker)!r}, 'w').write('pwned')\n"
    org.write({"scripts/charter/gate/requirements.py": evil, "scripts/charter/__init__.py": evil,
               "pyproject.toml": f"# {evil}", "conftest.py": evil,
               "modules/opt.yaml": None})
    fake_github.head_sha = org.commit()
    fake_github.files = ["conftest.py", "modules/opt.yaml", "pyproject.toml",
                         "scripts/charter/__init__.py", "scripts/charter/gate/requirements.py"]
    fake_github.author = user("ivy", 109)
    rc, rep, _ = verdict(org, fake_github)
    assert rc == 1 and not marker.exists()
    assert req(rep, "GOV-MODULES-SCOPE")["groups"][0]["needed"] == 3
