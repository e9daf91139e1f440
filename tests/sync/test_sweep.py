"""charter sweep inactive: the last activity of each module maintainer in the module's
repositories or paths, with evidence; emeritus moves proposed locally or as one pull request."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from sync_fake import Commit, FakeGitHub, Item

from charter import cli

GOV_REPO = "lumen-ml/governance"


def activity(fake: FakeGitHub) -> None:
    """audio (repository lumen-ml/audio): samir-khan committed lately, elif-demir long ago.
    nn (paths lumen/nn/ of lumen-ml/lumen): priya-nair reviewed lately, yuki-sato opened a pull
    request lately, sofia-rossi only commented on a pull request outside lumen/nn/ lately and
    committed to lumen/nn/ long ago."""
    uid = {u.login: u.id for u in fake.users.values()}
    fake.commits += [
        Commit("lumen-ml/audio", uid["samir-khan"], "2026-09-01T10:00:00Z", ["src/a.py"], "a1"),
        Commit("lumen-ml/audio", uid["elif-demir"], "2024-05-01T10:00:00Z", ["src/b.py"], "a2"),
        Commit("lumen-ml/lumen", uid["sofia-rossi"], "2023-03-03T10:00:00Z",
               ["lumen/nn/conv.py"], "n1"),
        Commit("lumen-ml/lumen", uid["sofia-rossi"], "2026-10-10T10:00:00Z",
               ["lumen/optim/sgd.py"], "n2"),  # recent, but not in the module's paths
    ]
    fake.items += [
        Item("lumen-ml/lumen", 10, "maria-lopez", "2026-09-30T00:00:00Z", "2026-10-02T00:00:00Z",
             files=["lumen/nn/linear.py"], reviews=[("priya-nair", "2026-10-01T00:00:00Z")]),
        Item("lumen-ml/lumen", 11, "yuki-sato", "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z",
             files=["lumen/nn/init.py", "docs/x.md"]),
        Item("lumen-ml/lumen", 12, "kwame-mensah", "2026-10-01T00:00:00Z",
             "2026-10-03T00:00:00Z", files=["lumen/optim/adam.py"],
             comments=[("sofia-rossi", "2026-10-02T00:00:00Z")]),
        Item("lumen-ml/lumen", 13, "sofia-rossi", "2026-10-01T00:00:00Z",
             "2026-10-03T00:00:00Z", pr=False),  # an issue: no paths, so not nn's
    ]
    fake.repos |= {"lumen-ml/audio", "lumen-ml/lumen"}


def test_sweep_reports_evidence_and_writes_nothing(gov: Path, fake: FakeGitHub, charter) -> None:
    activity(fake)
    code, out, err = charter("sweep", "inactive", "audio", "nn", "--repo", str(gov))
    assert code == 0, err
    assert ("modules/audio.yaml: GOV-EMERITUS elif-demir (inactive, inactive after 12 months): "
            "commit in lumen-ml/audio on 2024-05-01") in out
    assert ("modules/nn.yaml: GOV-EMERITUS sofia-rossi (inactive, inactive after 12 months): "
            "commit in lumen-ml/lumen:lumen/nn/ on 2023-03-03") in out
    for active in ("samir-khan", "priya-nair", "yuki-sato"):
        assert active not in out
    assert "2 of 5 module maintainer(s) inactive" in out
    # one account lookup and one activity query for five maintainers
    assert fake.count("POST", "/graphql") == 2
    assert [m for m, p in fake.log if m != "POST" or p != "/graphql"] == []


def test_sweep_json_carries_the_evidence(gov: Path, fake: FakeGitHub, charter) -> None:
    activity(fake)
    _code, out, _ = charter("sweep", "inactive", "audio", "nn", "--repo", str(gov),
                           "--format", "json")
    rows = {(r["module"], r["login"]): r for r in json.loads(out)}
    assert rows[("nn", "priya-nair")]["last_activity"] == {
        "kind": "review", "where": "lumen-ml/lumen", "when": "2026-10-01",
        "url": "https://github.com/lumen-ml/lumen/pull/10#review", "approximate": False}
    assert rows[("nn", "yuki-sato")]["last_activity"]["kind"] == "opened"
    assert rows[("audio", "samir-khan")]["status"] == "active"
    assert rows[("audio", "elif-demir")]["status"] == "inactive"


def test_sweep_counts_a_recorded_last_active_and_skips_unknown_accounts(
        gov: Path, fake: FakeGitHub, charter) -> None:
    activity(fake)
    elif_ = gov / "members" / "elif-demir.yaml"
    elif_.write_text(elif_.read_text() + "last_active: '2026-06-01'\n")
    fake.rename("sofia-rossi", "sofia-new")
    _code, out, _ = charter("sweep", "inactive", "audio", "nn", "--repo", str(gov),
                           "--format", "json")
    rows = {(r["module"], r["login"]): r for r in json.loads(out)}
    assert rows[("audio", "elif-demir")]["status"] == "active"
    assert rows[("audio", "elif-demir")]["last_activity"]["kind"] == "recorded"
    assert rows[("nn", "sofia-rossi")]["status"] == "unknown"
    assert "run charter sync ids" in rows[("nn", "sofia-rossi")]["note"]


def test_sweep_leaves_alone_who_joined_within_the_period(gov: Path, fake: FakeGitHub,
                                                         charter) -> None:
    activity(fake)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@x", "HOME": str(gov), "PATH": "/usr/bin:/bin"}

    def commit(msg: str, when: str) -> None:
        subprocess.run(["git", "-C", str(gov), "add", "-A"], check=True, env=env)
        subprocess.run(["git", "-C", str(gov), "commit", "-qm", msg], check=True,
                       env={**env, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})

    subprocess.run(["git", "-C", str(gov), "init", "-q"], check=True, env=env)
    mod = gov / "modules" / "audio.yaml"
    text = mod.read_text()
    mod.write_text(text.replace("  - elif-demir\n", ""))
    commit("audio without elif", "2024-01-01T00:00:00Z")
    mod.write_text(text)
    commit("elif joins audio", "2026-08-01T00:00:00Z")
    _code, out, _ = charter("sweep", "inactive", "audio", "--repo", str(gov), "--format", "json")
    rows = {r["login"]: r for r in json.loads(out)}
    assert rows["elif-demir"]["status"] == "recent"
    assert rows["elif-demir"]["note"] == "in the group since 2026-08-01 (git history of " \
                                         "modules/audio.yaml)"


def test_sweep_write_moves_to_emeritus_and_stays_valid(gov: Path, fake: FakeGitHub,
                                                       charter) -> None:
    activity(fake)
    before = (gov / "modules" / "audio.yaml").read_text()
    code, _, err = charter("sweep", "inactive", "audio", "nn", "--repo", str(gov), "--write")
    assert code == 0, err
    audio = yaml.safe_load((gov / "modules" / "audio.yaml").read_text())
    assert audio["maintainers"] == ["samir-khan"]
    assert audio["emeritus"] == [{
        "login": "elif-demir", "since": "2026-11-20",
        "reason": "no activity in the module for over 12 months (last found: commit on "
                  "2024-05-01; charter sweep inactive)"}]
    after = (gov / "modules" / "audio.yaml").read_text()
    assert before.splitlines()[:6] == after.splitlines()[:6]  # the rest of the file is kept
    nn = yaml.safe_load((gov / "modules" / "nn.yaml").read_text())
    assert "sofia-rossi" not in nn["maintainers"]
    assert cli.main(["check", "--repo", str(gov)]) == 0


def governance_repo_on_github(fake: FakeGitHub, gov: Path) -> None:
    fake.repos.add(GOV_REPO)
    fake.files[GOV_REPO] = {
        str(p.relative_to(gov)): p.read_text() for p in gov.rglob("*")
        if p.is_file() and p.suffix in (".yaml", "") and ".git" not in p.parts}


def test_sweep_open_pr_once_with_evidence(gov: Path, fake: FakeGitHub, charter) -> None:
    activity(fake)
    governance_repo_on_github(fake, gov)
    before = {p: p.read_bytes() for p in (gov / "modules").glob("*.yaml")}
    code, out, err = charter("sweep", "inactive", "audio", "nn", "--repo", str(gov),
                             "--open-pr")
    assert code == 0, err
    assert "pull request #1 opened" in out
    pr = fake.pulls[GOV_REPO][0]
    assert pr["head"] == "charter/sweep-inactive" and pr["base"] == "main"
    assert "| `audio` | @elif-demir | 12 months | [commit](https://github.com/lumen-ml/audio/" \
           "commit/a2) | lumen-ml/audio | 2024-05-01 |" in pr["body"]
    assert "The core maintainers decide" in pr["body"]
    files = fake.trees[fake.commit_trees[fake.refs[(GOV_REPO, "charter/sweep-inactive")]]]
    assert "elif-demir" not in yaml.safe_load(files["modules/audio.yaml"])["maintainers"]
    assert "elif-demir" not in files[".github/CODEOWNERS"].split("lumen-ml/audio")[0][-200:]
    assert {p: p.read_bytes() for p in (gov / "modules").glob("*.yaml")} == before  # local: as is
    writes = len([1 for m, p in fake.log if m != "GET" and p != "/graphql"])
    code, out, _ = charter("sweep", "inactive", "audio", "nn", "--repo", str(gov), "--open-pr")
    assert code == 0 and "pull request #1 unchanged" in out
    assert len(fake.pulls[GOV_REPO]) == 1
    # the second run only rebuilds the tree (content-addressed, the same sha) and stops there
    assert len([1 for m, p in fake.log if m != "GET" and p != "/graphql"]) == writes + 1
    # a month later samir-khan's commit has aged out too: the same pull request is updated
    fake.commits = [c for c in fake.commits if c.oid != "a1"]
    code, out, _ = charter("sweep", "inactive", "audio", "nn", "--repo", str(gov), "--open-pr")
    assert code == 0 and "pull request #1 updated" in out
    assert len(fake.pulls[GOV_REPO]) == 1 and "@samir-khan" in fake.pulls[GOV_REPO][0]["body"]
    files = fake.trees[fake.commit_trees[fake.refs[(GOV_REPO, "charter/sweep-inactive")]]]
    assert yaml.safe_load(files["modules/audio.yaml"])["maintainers"] == []


def test_sweep_open_pr_refuses_a_stale_checkout(gov: Path, fake: FakeGitHub, charter) -> None:
    activity(fake)
    governance_repo_on_github(fake, gov)
    fake.files[GOV_REPO]["modules/audio.yaml"] += "# edited on GitHub since\n"
    code, _, err = charter("sweep", "inactive", "audio", "--repo", str(gov), "--open-pr")
    assert code == 1 and "modules/audio.yaml on lumen-ml/governance's main is not what this " \
                         "checkout holds" in err
    assert fake.pulls.get(GOV_REPO) is None


def test_sweep_unknown_module_is_one_line(gov: Path, fake: FakeGitHub, charter) -> None:
    code, _, err = charter("sweep", "inactive", "audi", "--repo", str(gov))
    assert code == 1 and "no module 'audi'" in err and fake.log == []


@pytest.mark.parametrize("n", [200])
def test_sweep_request_budget(tmp_path: Path, n: int) -> None:
    """At most one request per ten maintainers (counted, not timed)."""
    from conftest import copy_data

    root = copy_data(tmp_path / "gov")
    for f in (root / "modules").glob("*.yaml"):
        f.unlink()
    logins = sorted(p.stem for p in (root / "members").glob("*.yaml"))
    with FakeGitHub("lumen-ml") as fake:
        from conftest import members

        for login, uid in members(root).items():
            fake.user(login, uid)
        for j in range(n // 4):
            picks = [logins[(j + k) % len(logins)] for k in range(4)]
            kind = (f"kind: repository\nrepositories:\n  - lumen-ml/mod-{j}\n" if j % 2
                    else f"kind: paths\npaths:\n  - lumen/m{j}/\n  - docs/m{j}/\n")
            (root / "modules" / f"mod-{j}.yaml").write_text(
                f"slug: mod-{j}\nname: Module {j}\n{kind}maintainers:\n"
                + "".join(f"  - {x}\n" for x in picks))
            fake.repos.add(f"lumen-ml/mod-{j}")
        fake.repos.add("lumen-ml/lumen")
        code = cli.main(["sweep", "inactive", "--repo", str(root), "--api-url", fake.url,
                         "--max-wait", "0.05", "--backoff", "0", "--format", "json"])
        assert code == 0
        assert len(fake.log) * 10 <= n, len(fake.log)
