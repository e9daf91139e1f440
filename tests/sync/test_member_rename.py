"""charter member rename OLD NEW: every reference, one minimal-diff validated write, the numeric
id kept; election records renamed only when they still count to the same result."""

from __future__ import annotations

import difflib
import hashlib
import sys
from pathlib import Path

import pytest
import yaml

from charter import cli
from charter.elections.ties import draw_order
from charter.sync.rename import login_paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "elections"))
import test_election_records as records


def run(*args: str) -> int:
    return cli.main(list(args))


def changed_lines(before: str, after: str) -> list[str]:
    return [x for x in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="",
                                            n=0)
            if x[:1] in "+-" and not x.startswith(("+++", "---"))]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_rename_rewrites_every_reference_with_minimal_diffs(gov: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    before = snapshot(gov)
    assert run("member", "rename", "sofia-rossi", "sofia-r", "--repo", str(gov)) == 0
    after = snapshot(gov)
    assert "members/sofia-rossi.yaml" not in after
    new = yaml.safe_load(after["members/sofia-r.yaml"])
    assert new["login"] == "sofia-r" and new["github_id"] == 5100009
    for path in ("modules/nn.yaml", "modules/quantization.yaml", "council.yaml"):
        lines = changed_lines(before[path].decode(), after[path].decode())
        assert len(lines) == 2 and "sofia-rossi" in lines[0] and "sofia-r" in lines[1], path
    # the council election: candidates, electorate, participation, ballots header, checksum and
    # the regenerated result all follow
    ballots = after["elections/2026-council/ballots.csv"]
    assert ballots.split(b"\n", 1)[0].startswith(b"sofia-r,")
    election = yaml.safe_load(after["elections/2026-council/election.yaml"])
    assert election["ballots_sha256"] == hashlib.sha256(ballots).hexdigest()
    result = after["elections/2026-council/result.yaml"].decode()
    assert "sofia-rossi" not in result and "sofia-r" in result
    assert b"sofia-rossi" not in after[".github/CODEOWNERS"]
    assert not any(b"sofia-rossi" in v for k, v in after.items() if not k.startswith("."))
    assert run("check", "--repo", str(gov)) == 0
    assert "the numeric GitHub id is kept" in capsys.readouterr().err


def test_rename_dry_run_writes_nothing(gov: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(gov)
    assert run("member", "rename", "george-hale", "g-hale", "--dry-run", "--repo", str(gov)) == 0
    out = capsys.readouterr().out
    assert "-returning_officer: george-hale" in out and "+returning_officer: g-hale" in out
    assert "+++ b/members/g-hale.yaml" in out
    assert snapshot(gov) == before


@pytest.mark.parametrize(("old", "new", "why"), [
    ("nobody", "x", "has no member file"),
    ("mira-chen", "tomas-reyes", "already has a member file"),
    ("mira-chen", "bad_login", "is not a GitHub login"),
    ("mira-chen", "mira-chen", "already spelled"),
])
def test_rename_refuses_bad_requests(gov: Path, old: str, new: str, why: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(gov)
    assert run("member", "rename", old, new, "--repo", str(gov)) == 1
    err = capsys.readouterr().err
    assert why in err and len(err.strip().splitlines()) == 1
    assert snapshot(gov) == before


def test_rename_finds_logins_by_schema_not_by_text() -> None:
    """Only values the schemas type as logins are renamed: a module slug or a name that happens
    to equal the login stays."""
    data = {"slug": "audio", "name": "audio", "kind": "repository",
            "repositories": ["lumen-ml/audio"], "maintainers": ["audio", "x"],
            "emeritus": [{"login": "audio", "since": "2025-01-01", "reason": "audio"}]}
    assert login_paths("module", data) == [("emeritus", 0, "login"), ("maintainers", 0),
                                           ("maintainers", 1)]
    election = {"motion": {"type": "member-add", "subject": "a", "called": {"by": "b"}},
                "ties": [{"tied": ["c", "d"], "order": ["d", "c"]}]}
    assert set(login_paths("election", election)) >= {
        ("motion", "subject"), ("motion", "called", "by"), ("ties", 0, "tied", 0),
        ("ties", 0, "order", 1)}


def _tie(root: Path, seed: str) -> None:
    """The elections tests' cohort B election whose runoff between diego-alvarez and liam-obrien
    only a draw settles, resolved from ``seed`` and counted."""
    records.tie_record(root)
    assert run("election", "resolve-tie", "elections/2027-cohort-b", "--seed", seed,
               "--date", "2026-06-14", "--repo", str(root)) == 0
    assert run("election", "tally", "elections/2027-cohort-b", "--repo", str(root)) == 0


def _seed(flips: bool) -> str:
    for i in range(200):
        seed = f"seed-{i}"
        a = draw_order(seed, 1, "runoff", ["diego-alvarez", "liam-obrien"])[0] == "diego-alvarez"
        b = draw_order(seed, 1, "runoff", ["d-alvarez", "liam-obrien"])[0] == "d-alvarez"
        if (a != b) == flips:
            return seed
    raise AssertionError("no seed")


def test_rename_keeps_a_seeded_draw_that_does_not_change(gov: Path) -> None:
    _tie(gov, _seed(flips=False))
    assert run("member", "rename", "diego-alvarez", "d-alvarez", "--repo", str(gov)) == 0
    assert run("check", "--repo", str(gov)) == 0
    rec = yaml.safe_load((gov / "elections/2027-cohort-b/election.yaml").read_text())
    assert "d-alvarez" in rec["ties"][0]["tied"]


def test_rename_refuses_when_a_seeded_draw_would_change(gov: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    _tie(gov, _seed(flips=True))
    before = snapshot(gov)
    capsys.readouterr()
    assert run("member", "rename", "diego-alvarez", "d-alvarez", "--repo", str(gov)) == 1
    err = capsys.readouterr().err
    assert "breaks the count of elections/2027-cohort-b" in err and "nothing written" in err
    assert snapshot(gov) == before
