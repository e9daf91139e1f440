"""charter sync ids: numeric ids filled in, renamed logins and deleted accounts found; the rename
proposed as (and written through) charter member rename."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from sync_fake import FakeGitHub


def drift(gov: Path, fake: FakeGitHub) -> None:
    maria = gov / "members" / "maria-lopez.yaml"
    maria.write_text(maria.read_text().replace("github_id: 5100023\n", ""))
    fake.rename("yuki-sato", "yuki-s")  # same account, new login
    fake.user("yuki-sato", 424242)  # and someone else took the old one
    del fake.users["george-hale"]  # the account is gone


def test_sync_ids_reports_fill_rename_and_deleted(gov: Path, fake: FakeGitHub, charter) -> None:
    drift(gov, fake)
    code, out, err = charter("sync", "ids", "--repo", str(gov))
    assert code == 0, err
    assert "members/maria-lopez.yaml: github_id 5100023" in out
    assert ("members/yuki-sato.yaml: yuki-sato is now yuki-s on GitHub (same account, id "
            "5100015); the old login now belongs to another account (id 424242); run: charter "
            "member rename yuki-sato yuki-s") in out
    assert "members/george-hale.yaml: the account with id 5100022 (george-hale) no longer " \
           "exists" in out
    # one GraphQL query for the 23 members, one REST lookup by id for each of the two suspects
    assert fake.count("POST", "/graphql") == 1 and fake.count("GET", "/user/") == 2
    assert "3 GitHub request(s) for 23 member(s)" in err
    assert charter("sync", "ids", "--repo", str(gov), "--check")[0] == 1


def test_sync_ids_write_fills_and_renames_through_member_rename(gov: Path, fake: FakeGitHub,
                                                                charter) -> None:
    drift(gov, fake)
    code, out, err = charter("sync", "ids", "--repo", str(gov), "--write")
    assert code == 0, err
    maria = yaml.safe_load((gov / "members" / "maria-lopez.yaml").read_text())
    assert maria["github_id"] == 5100023
    assert (gov / "members" / "maria-lopez.yaml").read_text().splitlines()[1:3] == [
        "login: maria-lopez", "github_id: 5100023"]
    assert not (gov / "members" / "yuki-sato.yaml").exists()
    assert yaml.safe_load((gov / "members" / "yuki-s.yaml").read_text())["github_id"] == 5100015
    assert "  - yuki-s\n" in (gov / "modules" / "nn.yaml").read_text()
    assert "renamed yuki-sato -> yuki-s" in err
    assert charter("check", "--repo", str(gov), github=False)[0] == 0
    code, out, _ = charter("sync", "ids", "--repo", str(gov), "--format", "json")
    doc = json.loads(out)
    assert doc["fill"] == [] and doc["renamed"] == []
    assert [d["login"] for d in doc["deleted"]] == ["george-hale"]


def test_sync_ids_all_in_order(gov: Path, fake: FakeGitHub, charter) -> None:
    code, out, _ = charter("sync", "ids", "--repo", str(gov), "--check")
    assert code == 0 and "all 23 member file(s) match GitHub" in out
