"""charter sync github: plan, apply, idempotence, the safety limits and what is never touched,
against a local GitHub (PyGithub is the client; GraphQL is validated against GitHub's schema)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sync_fake import FakeGitHub

from charter import cli
from conftest import FAST, copy_data, git

WRITE_METHODS = ("PUT", "PATCH", "DELETE")


def writes(fake: FakeGitHub) -> int:
    return sum(1 for m, p in fake.log if m in WRITE_METHODS or (m == "POST" and p != "/graphql"))


def seed_drift(fake: FakeGitHub) -> None:
    """GitHub already has some managed teams, with drift from the data."""
    desc = ("Managed by charter from core.yaml: the core maintainers. Changes made on GitHub are "
            "undone; edit the governance repository instead.")
    fake.team("core-maintainers", {"mira-chen": "member", "tomas-reyes": "member",
                                   "priya-nair": "member", "jonas-berg": "member",
                                   "aiko-tanaka": "member", "kwame-mensah": "member",
                                   "george-hale": "member", "owner-olga": "maintainer"},
              {"lumen-ml/governance": "admin", "lumen-ml/website": "push"}, description=desc)
    fake.team("council", {"kwame-mensah": "member", "sofia-rossi": "member",
                          "hana-kim": "member", "elif-demir": "member", "maria-lopez": "member"},
              description="old words")


def test_sync_plan_names_rule_and_file_and_writes_nothing(gov: Path, fake: FakeGitHub,
                                                          charter) -> None:
    seed_drift(fake)
    code, out, err = charter("sync", "github", "--repo", str(gov))
    assert code == 0, err
    lines = out.splitlines()

    def line(*words: str) -> str:
        found = [x for x in lines if all(w in x for w in words)]
        assert found, (words, out)
        return found[0]

    assert "GOV-EMERITUS, core.yaml: emeritus since 2024-03-01" in line("remove george-hale",
                                                                         "core-maintainers")
    assert "PC-SIZE, council.yaml" in line("remove maria-lopez", "council")
    assert "PC-SIZE, council.yaml" in line("add noah-clarke", "council")
    assert "GOV-ROLES, core.yaml" in line("make mira-chen maintainer", "core-maintainers")
    assert "GOV-ROLES" in line("remove team core-maintainers's push access to lumen-ml/website")
    assert "GOV-MODULE, modules/nn.yaml" in line("create team module-nn")
    assert "invitation" in line("add fatima-zahra to team module-quantization")
    assert "update the description of team council" in out
    # an owner in a managed team is left alone; the unmanaged team is never mentioned
    assert "owner-olga is an owner of lumen-ml: left in team core-maintainers" in out
    assert "infra" not in out
    assert writes(fake) == 0


def test_sync_apply_reaches_the_data_and_second_apply_is_empty(gov: Path, fake: FakeGitHub,
                                                               charter) -> None:
    seed_drift(fake)
    before_infra = fake.snapshot()["teams"]["infra"]
    code, out, err = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")
    assert code == 0, err
    snap = fake.snapshot()
    core = snap["teams"]["core-maintainers"]
    assert core["members"] == {"aiko-tanaka": "member", "jonas-berg": "member",
                               "kwame-mensah": "member", "mira-chen": "maintainer",
                               "priya-nair": "member", "tomas-reyes": "member",
                               "owner-olga": "maintainer"}
    assert core["repos"] == {"lumen-ml/governance": "admin"}
    assert snap["teams"]["council"]["members"].keys() == {
        "elif-demir", "hana-kim", "kwame-mensah", "noah-clarke", "sofia-rossi"}
    assert snap["teams"]["module-audio"]["repos"] == {"lumen-ml/audio": "maintain"}
    assert snap["teams"]["infra"] == before_infra  # unmanaged: untouched
    assert {x[0] for x in snap["invitations"]} == {"fatima-zahra", "liam-obrien"}
    assert "invited to the organisation: fatima-zahra, liam-obrien" in err
    n = writes(fake)
    code, out, err = charter("sync", "github", "--repo", str(gov))
    assert code == 0 and "GitHub already matches the data" in out
    code, out, err = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")
    assert code == 0, err
    assert writes(fake) == n  # the second apply writes nothing
    assert fake.invitations_sent == 2


def test_sync_pending_invitation_is_never_sent_again(gov: Path, fake: FakeGitHub,
                                                     charter) -> None:
    assert charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")[0] == 0
    puts = fake.count("PUT", "/orgs/lumen-ml/teams/module-quantization/memberships/fatima")
    code, out, _ = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")
    assert code == 0
    assert fake.count("PUT", "/orgs/lumen-ml/teams/module-quantization/memberships/fatima") == puts
    fake.accept("fatima-zahra")
    code, out, _ = charter("sync", "github", "--repo", str(gov))
    assert "GitHub already matches the data" in out and "fatima-zahra" not in out


def test_sync_removal_cap_refuses_before_any_write(gov: Path, fake: FakeGitHub, charter) -> None:
    """SYNC-REMOVAL-CAP: six strangers in the council team are more than 1/4 to remove."""
    seed_drift(fake)
    for i in range(6):
        fake.user(f"stranger-{i}", 500 + i)
        fake.teams["council"].members[500 + i] = "member"
    code, out, err = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")
    assert code == 1
    assert "SYNC-REMOVAL-CAP" in err and "nothing was written" in err
    assert writes(fake) == 0
    code, out, _ = charter("sync", "github", "--repo", str(gov))
    assert code == 1 and "refused: SYNC-REMOVAL-CAP" in out  # the plan says so too


def test_sync_min_admins_refuses(gov: Path, fake: FakeGitHub, charter) -> None:
    """SYNC-MIN-ADMINS: emptying module audio's team would leave its repository without admins
    (the removal cap allows it here, so only this limit stands in the way)."""
    policy = yaml.safe_load((gov / "policy.yaml").read_text())
    policy["sync"]["max_removal_fraction"] = "1/1"
    policy["sync"]["teams"]["modules"]["repository_permission"] = "admin"
    (gov / "policy.yaml").write_text(yaml.safe_dump(policy, sort_keys=False))
    assert charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")[0] == 0
    n = writes(fake)
    mod = gov / "modules" / "audio.yaml"
    mod.write_text(mod.read_text().replace("maintainers:\n  - samir-khan\n  - elif-demir\n",
                                           "maintainers: []\n"))
    code, _out, err = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")
    assert code == 1
    assert ("SYNC-MIN-ADMINS lumen-ml/audio would keep 0 admin(s) through managed teams "
            "(now 2)") in err
    assert writes(fake) == n


def test_sync_large_plan_needs_the_override(gov: Path, fake: FakeGitHub, charter) -> None:
    """SYNC-PLAN-SIZE: 14 teams to create and ~45 memberships exceed max_changes 20."""
    policy = yaml.safe_load((gov / "policy.yaml").read_text())
    policy["sync"]["max_changes"] = 20
    (gov / "policy.yaml").write_text(yaml.safe_dump(policy, sort_keys=False))
    code, _, err = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")
    assert code == 1 and "SYNC-PLAN-SIZE" in err and writes(fake) == 0
    code, _, err = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm",
                           "--allow-large-plan")
    assert code == 0, err


def test_sync_refuses_while_check_has_errors(gov: Path, fake: FakeGitHub, charter) -> None:
    """SYNC-CHECK: a rule error in the data stops the apply."""
    mod = gov / "modules" / "nn.yaml"
    mod.write_text(mod.read_text().replace("  - yuki-sato\n", "  - yuki-sato\n  - nobody-here\n"))
    code, _out, err = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")
    assert code == 1 and "SYNC-CHECK" in err and "INT-UNKNOWN-LOGIN" in err
    assert writes(fake) == 0


def test_sync_broken_file_gives_no_plan(gov: Path, fake: FakeGitHub, charter) -> None:
    (gov / "modules" / "nn.yaml").write_text("slug: nn\nname: [unclosed\n")
    code, _out, err = charter("sync", "github", "--repo", str(gov))
    assert code == 1 and "YAML-SYNTAX" in err and "no plan can be made" in err
    assert fake.log == []  # GitHub is not even read


def reference(gov: Path, tmp_path: Path) -> tuple[dict, int]:
    """The end state and invitations of one uninterrupted apply on a fresh organisation."""
    with FakeGitHub("lumen-ml") as other:
        _populate(other, gov)
        assert cli.main(["sync", "github", "--repo", str(gov), "--apply", "--confirm",
                         "--api-url", other.url, *FAST]) == 0
        return other.snapshot(), other.invitations_sent


def _populate(fake: FakeGitHub, gov: Path) -> None:
    from conftest import members

    for login, uid in members(gov).items():
        fake.user(login, uid, member=None if login in ("fatima-zahra", "liam-obrien")
                  else "member")
    fake.user("owner-olga", 77, member="admin")
    fake.user("charter-admin", 79, member="admin")
    fake.team("infra", {"owner-olga": "maintainer", "tomas-reyes": "member"},
              {"lumen-ml/infra": "admin"}, description="hand-made")
    seed_drift(fake)


@pytest.mark.parametrize("k", [1, 5, 17, 40])
def test_sync_interrupted_after_k_writes_then_resumed(gov: Path, tmp_path: Path, k: int,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    want, sent = reference(gov, tmp_path)
    with FakeGitHub("lumen-ml") as fake:
        _populate(fake, gov)
        fake.outage_after = k
        code = cli.main(["sync", "github", "--repo", str(gov), "--apply", "--confirm",
                         "--api-url", fake.url, *FAST])
        err = capsys.readouterr().err
        assert code == 1
        assert "GitHub is consistent" in err and "run the same command again" in err
        assert fake.writes_ok == k
        fake.outage_after = None
        assert cli.main(["sync", "github", "--repo", str(gov), "--apply", "--confirm",
                         "--api-url", fake.url, *FAST]) == 0
        assert fake.snapshot() == want
        assert fake.invitations_sent == sent


def test_sync_faults_give_the_same_end_state_without_duplicate_invitations(
        gov: Path, tmp_path: Path) -> None:
    """5xx after GitHub acted, a 403 secondary rate limit and a 429 with Retry-After."""
    want, sent = reference(gov, tmp_path)
    with FakeGitHub("lumen-ml") as fake:
        _populate(fake, gov)
        invite = "/orgs/lumen-ml/teams/module-quantization/memberships/fatima-zahra"
        fake.fail("PUT", invite, 502, body={"message": "Bad gateway"}, then_perform=True)
        fake.fail("PUT", "/orgs/lumen-ml/teams/module-docs/memberships/liam-obrien", 403,
                  body={"message": "You have exceeded a secondary rate limit. Please wait a few "
                        "minutes before you try again."}, then_perform=False)
        fake.fail("DELETE", "/orgs/lumen-ml/teams/core-maintainers/memberships/george-hale",
                  429, headers={"Retry-After": "1"}, body={"message": "Too many requests"})
        fake.fail("POST", "/graphql", 502, body={"message": "Server Error"})
        fake.fail("POST", "/orgs/lumen-ml/teams", 500, body={"message": "Server Error"},
                  then_perform=True)  # the team is made, the answer lost: 422 on the retry
        assert cli.main(["sync", "github", "--repo", str(gov), "--apply", "--confirm",
                         "--api-url", fake.url, *FAST]) == 0
        assert fake.faults == []
        assert fake.count("PUT", invite) == 2  # retried once, acted on once
        for path in ("/orgs/lumen-ml/teams/module-docs/memberships/liam-obrien",
                     "/orgs/lumen-ml/teams/core-maintainers/memberships/george-hale"):
            assert fake.count("PUT", path) + fake.count("DELETE", path) == 2  # waited, retried
        assert fake.snapshot() == want
        assert fake.invitations_sent == sent == 2


def test_sync_renamed_account_is_kept_not_removed(gov: Path, fake: FakeGitHub, charter) -> None:
    assert charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")[0] == 0
    fake.rename("yuki-sato", "yuki-s")  # same id, new login, data not updated yet
    code, out, _ = charter("sync", "github", "--repo", str(gov))
    assert code == 0
    assert "GitHub already matches the data" in out
    assert "yuki-sato is yuki-s on GitHub now (same account, id 5100015)" in out
    assert "charter sync ids" in out


def test_sync_login_taken_by_another_account_is_not_added(gov: Path, fake: FakeGitHub,
                                                          charter) -> None:
    fake.rename("ravi-patel", "ravi-new")
    fake.user("ravi-patel", 999_999)  # someone else took the old login
    _code, out, _ = charter("sync", "github", "--repo", str(gov))
    assert "add ravi-patel" not in out
    assert "the login ravi-patel now belongs to another account (id 999999" in out


def test_sync_team_creator_added_by_github_is_removed_in_the_same_apply(
        gov: Path, fake: FakeGitHub, charter) -> None:
    fake.creator = "charter-admin"  # a personal token: GitHub makes its owner team maintainer
    fake.members[fake.users["charter-admin"].id] = "member"
    code, out, err = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")
    assert code == 0, err
    assert all("charter-admin" not in t["members"] for s, t in fake.snapshot()["teams"].items()
               if s != "infra")
    code, out, _ = charter("sync", "github", "--repo", str(gov))
    assert "GitHub already matches the data" in out


def test_sync_team_of_a_removed_module_is_emptied_not_deleted(gov: Path, fake: FakeGitHub,
                                                              charter) -> None:
    assert charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")[0] == 0
    (gov / "modules" / "audio.yaml").unlink()
    assert cli.main(["codeowners", "--repo", str(gov)]) == 0
    code, out, err = charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")
    assert code == 0, err
    assert "GOV-MODULES-SCOPE" in out
    audio = fake.snapshot()["teams"]["module-audio"]
    assert audio["members"] == {} and audio["repos"] == {}


def test_sync_json_plan(gov: Path, fake: FakeGitHub, charter) -> None:
    code, out, _ = charter("sync", "github", "--repo", str(gov), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["organisation"] == "lumen-ml"
    adds = [c for c in doc["changes"] if c["action"] == "add"]
    assert {"team": "council", "subject": "noah-clarke", "rule": "PC-SIZE",
            "source": "council.yaml"}.items() <= next(
        c for c in adds if c["subject"] == "noah-clarke" and c["team"] == "council").items()
    assert doc["refusals"] == [] and doc["requests"] == 3


def test_sync_usage_errors(gov: Path, fake: FakeGitHub, charter) -> None:
    assert charter("sync", "github", "--repo", str(gov), "--apply")[0] == 2
    assert charter("sync", "github", "--repo", str(gov), "--confirm")[0] == 2
    assert charter("sync", "github", "--repo", str(gov), "--apply", "--confirm",
                   "--pr-comment", "lumen-ml/governance#3")[0] == 2
    assert charter("sync", github=False)[0] == 2
    assert fake.log == []


def test_sync_nothing_declared_reads_nothing(gov: Path, fake: FakeGitHub, charter) -> None:
    policy = yaml.safe_load((gov / "policy.yaml").read_text())
    del policy["sync"]
    (gov / "policy.yaml").write_text(yaml.safe_dump(policy, sort_keys=False))
    code, out, _ = charter("sync", "github", "--repo", str(gov))
    assert code == 0 and "declares no teams" in out and fake.log == []


def test_sync_unreachable_github_is_one_line(gov: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["sync", "github", "--repo", str(gov), "--api-url", "http://127.0.0.1:9",
                     *FAST])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("charter: error: reading the teams of lumen-ml: cannot connect")
    assert len(err.strip().splitlines()) == 1


def test_sync_pull_request_plan_marks_this_change_and_keeps_one_comment(
        gov: Path, fake: FakeGitHub, charter, tmp_path: Path) -> None:
    """The plan of a pull request: read from git objects, compared with its base, posted as the
    job summary and one comment that later runs update."""
    assert charter("sync", "github", "--repo", str(gov), "--apply", "--confirm")[0] == 0
    fake.accept("fatima-zahra")
    fake.accept("liam-obrien")
    git(gov, "init", "-q", "-b", "main")
    git(gov, "add", "-A")
    git(gov, "commit", "-q", "-m", "base")
    base = git(gov, "rev-parse", "HEAD").strip()
    fake.teams["module-data"].members.pop(fake.users["hana-kim"].id)  # drift, already pending
    mod = gov / "modules" / "nn.yaml"
    mod.write_text(mod.read_text().replace("  - yuki-sato\n", "  - yuki-sato\n  - maria-lopez\n"))
    git(gov, "commit", "-q", "-am", "add a maintainer")
    head = git(gov, "rev-parse", "HEAD").strip()
    git(gov, "checkout", "-q", base)  # the checkout is the base, as in the workflow
    fake.repos.add("lumen-ml/governance")
    summary = tmp_path / "summary.md"
    args = ("sync", "github", "--repo", str(gov), "--rev", head, "--base-rev", base,
            "--summary", str(summary), "--pr-comment", "lumen-ml/governance#7")
    code, out, err = charter(*args)
    assert code == 0, err
    assert "add maria-lopez to team module-nn as member" in out and "[this change]" in out
    assert "add hana-kim to team module-data" in out and "[already pending]" in out
    md = summary.read_text()
    assert "this pull request" in md and "already pending" in md
    comments = fake.comments[("lumen-ml/governance", 7)]
    assert len(comments) == 1 and "module-nn" in comments[0]["body"]
    assert "comment on lumen-ml/governance#7: created" in err
    code, out, err = charter(*args)
    assert "comment on lumen-ml/governance#7: unchanged" in err
    fake.teams["module-data"].members[fake.users["hana-kim"].id] = "member"
    code, out, err = charter(*args)
    assert "comment on lumen-ml/governance#7: updated" in err
    comments = fake.comments[("lumen-ml/governance", 7)]
    assert len(comments) == 1 and "hana-kim" not in comments[0]["body"]
    assert writes(fake) > 0 and fake.count("PATCH", "/repos/lumen-ml/governance/issues/comments")


def test_sync_reads_a_large_organisation_within_budget(tmp_path: Path) -> None:
    """The request budget, counted: 300 teams (30 managed modules) of 10 members each, and one
    team of 250 members, read in 1 owners page + 6 team pages + 2 continuations + lookups."""
    root = copy_data(tmp_path / "gov")
    with FakeGitHub("lumen-ml") as fake:
        from conftest import members

        for login, uid in members(root).items():
            fake.user(login, uid)
        for i in range(300):
            fake.user(f"user-{i}", 10_000 + i)
        for t in range(300):
            fake.team(f"team-{t:03d}", {f"user-{(t + j) % 300}": "member" for j in range(10)})
        fake.team("core-maintainers", {f"user-{j}": "member" for j in range(250)})
        before = len(fake.log)
        code = cli.main(["sync", "github", "--repo", str(root), "--api-url", fake.url, *FAST,
                         "--format", "json"])
        assert code == 1  # removing 250 strangers from the core team: refused, as it should
        used = len(fake.log) - before
        print(f"{used} requests")
        # 7 team pages of 50, 2 continuations of the big team, 1 owners page, 1 lookup
        assert used <= 11, fake.log[before:]
