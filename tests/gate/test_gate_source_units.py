"""GOV-APPROVAL's reading of base and head from git (charter.gate.source): the change is measured
from the merge base, so work that landed on the base branch after the pull request branched off
is not taken for something the pull request undoes. Real repositories in temporary folders."""

from __future__ import annotations

import os
import re

from gate_helpers import GitRepo

from charter.gate import source
from charter.gate.paths import Change, changed
from charter.tree import GitTree


def _diverge(org: GitRepo) -> str:
    """tess renamed on the pull request, ada on main after it branched; the fork point."""
    fork = org.git("rev-parse", "HEAD")
    org.edit("members/tess.yaml", lambda d: d.update(name="Tess T."))
    org.commit("on the pull request")
    org.git("checkout", "-q", "main")
    org.edit("members/ada.yaml", lambda d: d.update(name="Ada A."))
    org.commit("landed after the branch")
    return fork


def test_gov_approval_merge_base_is_the_commit_the_branch_left_from(org: GitRepo) -> None:
    fork = _diverge(org)
    got = source.merge_base(org.path, "main", "pr")
    assert got == fork and re.fullmatch("[0-9a-f]{40}", got)


def test_gov_approval_merge_base_of_unrelated_histories_is_none(org: GitRepo) -> None:
    org.git("checkout", "-q", "--orphan", "elsewhere")
    org.commit("a history of its own")
    assert source.merge_base(org.path, "main", "elsewhere") is None
    assert source.merge_base(org.path, "main", "no-such-branch") is None


def test_gov_approval_change_is_measured_from_the_merge_base(org: GitRepo) -> None:
    _diverge(org)
    trees = source.read(org.path, "main", "pr")
    assert trees.changes == [Change("members/tess.yaml", "M")]
    assert trees.origin.members["ada"].name != "Ada A."  # the base as the branch left it
    assert trees.base.members["ada"].name == "Ada A."  # the rules: today's base
    # charter diff compares the two commits as they are: ada's change shows, undone
    plain = source.read(org.path, "main", "pr", diff_from_merge_base=False)
    assert plain.changes == [Change("members/ada.yaml", "M"), Change("members/tess.yaml", "M")]
    assert plain.origin is plain.base


def test_gov_approval_branch_on_the_base_tip_is_measured_from_the_base_itself(org: GitRepo) -> None:
    """The merge base is the base's own commit: the base is read once, not twice."""
    org.edit("members/tess.yaml", lambda d: d.update(name="Tess T."))
    org.commit("on the pull request")
    trees = source.read(org.path, "main", "pr")
    assert trees.origin is trees.base
    assert trees.changes == [Change("members/tess.yaml", "M")]
    assert trees.generated == {} and trees.pages == {}  # no published page to compare
    assert trees.head_tree.commit == org.git("rev-parse", "pr")


def test_gov_approval_unrelated_histories_are_measured_from_the_base(org: GitRepo) -> None:
    """No merge base at all: the change is what differs from the base."""
    org.git("checkout", "-q", "--orphan", "elsewhere")
    org.edit("members/tess.yaml", lambda d: d.update(name="Tess T."))
    org.commit("a history of its own")
    trees = source.read(org.path, "main", "elsewhere")
    assert trees.origin is trees.base
    assert trees.changes == [Change("members/tess.yaml", "M")]


def test_gov_approval_changed_records_are_the_election_folders_touched() -> None:
    changes = [Change("elections/2026-council/ballots.csv", "M"),
               Change("elections/2026-council/election.yaml", "M"),
               Change("elections/2025-lead/election.yaml", "D"),
               Change("members/ada.yaml", "M")]
    assert source.changed_records(changes) == ["2025-lead", "2026-council"]


def test_gov_approval_git_changes_are_each_path_with_what_happened_to_it(org: GitRepo) -> None:
    """Added, deleted, modified, renamed (an add and a delete: a rename is two changes), a
    file made a link (modified), and a name that is not UTF-8 (kept, not mangled)."""
    org.edit("members/tess.yaml", lambda d: d.update(name="Tess T."))
    org.git("mv", "members/ada.yaml", "members/ada-renamed.yaml")
    org.git("rm", "-q", "core.yaml")
    (org.path / "notes").mkdir()
    (org.path / "notes" / "new.md").write_text("new\n", encoding="utf-8")
    odd = os.fsencode(org.path / "notes") + b"/caf\xe9.md"
    with open(odd, "wb") as fh:
        fh.write(b"latin-1 name\n")
    (org.path / "policy.yaml").unlink()
    (org.path / "policy.yaml").symlink_to("core.yaml")
    org.commit("every kind of change")
    got = changed(GitTree(org.path, "main"), GitTree(org.path, "pr"))
    assert got == sorted([
        Change("core.yaml", "D"),
        Change("members/ada-renamed.yaml", "A"),
        Change("members/ada.yaml", "D"),
        Change("members/tess.yaml", "M"),
        Change("notes/caf\udce9.md", "A"),
        Change("notes/new.md", "A"),
        Change("policy.yaml", "M"),
    ], key=lambda c: c.path)
    assert changed(GitTree(org.path, "pr"), GitTree(org.path, "pr")) == []
