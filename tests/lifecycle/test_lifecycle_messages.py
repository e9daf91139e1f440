"""Messages that lead to the right fix: help for every argument, exit codes as documented,
"did you mean" for logins in data too, and every date-driven rule on CHARTER_TODAY."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from lifecycle_helpers import Repo, charter

from charter.cli import build_parser

SOURCE = Path(__file__).resolve().parents[2] / "scripts" / "charter"


def _actions(p: argparse.ArgumentParser, path: str):
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            for name, sub in a.choices.items():
                yield from _actions(sub, f"{path} {name}")
        elif not isinstance(a, (argparse._HelpAction, argparse._VersionAction)):
            yield path, a


def test_every_argument_has_help_text() -> None:
    missing = [f"{path} {a.option_strings or a.dest}" for path, a in
               _actions(build_parser([]), "charter") if not a.help]
    assert not missing, missing


def test_every_date_comes_from_charter_today() -> None:
    """Rules, the gate and the commands measure time against charter.rules.today(), which
    CHARTER_TODAY sets; nothing else reads the clock for a date."""
    clock = re.compile(r"\bdate\.today\(|datetime\.now\(|datetime\.utcnow\(|datetime\.today\(")
    readers = [str(p.relative_to(SOURCE)) for p in SOURCE.rglob("*.py")
               if clock.search(p.read_text(encoding="utf-8"))]
    assert readers == ["rules/__init__.py"]


EDITS = [["member", "add", "zed", "--name", "Zed"], ["member", "remove", "zed"],
         ["module", "add", "x", "--name", "X", "--path", "x/"], ["module", "remove", "x"],
         ["module", "rename", "x", "y"], ["module", "add-maintainer", "x", "zed"],
         ["core", "add", "zed"], ["core", "lead", "--vacant"], ["wg", "add", "zed"],
         ["council", "apply", "x"], ["council", "resign", "zed"],
         ["election", "new", "x"], ["election", "certify", "x"], ["check"], ["validate"],
         ["codeowners", "--check"], ["rules", "--write"], ["election", "roll"]]


@pytest.mark.parametrize("argv", EDITS, ids=[" ".join(a) for a in EDITS])
def test_outside_a_repository_is_a_usage_error(tmp_path: Path, argv: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    nowhere = tmp_path / "nope"
    rc, out, err = charter(*argv, "--repo", str(nowhere))
    assert rc == 2 and out == "" and f"--repo {nowhere}: no such directory" in err
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHARTER_REPO", raising=False)
    rc, out, err = charter(*argv)
    assert rc == 2 and "does not look like a governance repository" in err


@pytest.mark.parametrize("argv", [["pr-check", "--base", "a", "--head", "b"],
                                  ["diff", "a", "b"]])
def test_git_commands_outside_a_repository_are_usage_errors(tmp_path: Path,
                                                            argv: list[str]) -> None:
    rc, _, err = charter(*argv, "--repo", str(tmp_path / "nope"))
    assert rc == 2 and "no such directory" in err
    rc, _, err = charter(*argv, "--repo", str(tmp_path))
    assert rc == 2 and "not a git repository" in err


def test_a_mistyped_login_in_data_points_at_the_person(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2026-11-22")
    repo = Repo(tmp_path / "gov")
    vision = repo.path / "modules/vision.yaml"
    vision.write_text(vision.read_text().replace("  - priya-nair\n", "  - priya-nari\n"))
    record = repo.path / "elections/2026-council/election.yaml"
    record.write_text(record.read_text().replace("  - yuki-sato\n", "  - yuki-satoo\n", 1))
    rc, out, _ = repo.run("check")
    assert rc == 1
    assert ("modules/vision.yaml:9:5: INT-UNKNOWN-LOGIN 'priya-nari' (a maintainer of module "
            "vision) has no member file; did you mean 'priya-nair'?") in out
    assert "charter member add priya-nari" not in out
    assert "yuki-satoo has no member file; a record names members by login; did you mean " \
           "'yuki-sato'?" in out
    unknown = vision.read_text().replace("  - priya-nari\n", "  - zed-nobody\n")
    vision.write_text(unknown)
    rc, out, _ = repo.run("check")
    assert "'zed-nobody' (a maintainer of module vision) has no member file; add " \
           "members/zed-nobody.yaml (charter member add zed-nobody --name ...)" in out


def test_member_add_notes_a_close_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTER_TODAY", "2026-11-22")
    repo = Repo(tmp_path / "gov")
    rc, _, err = repo.run("member", "add", "lena-voge1", "--name", "Lena V", "--dry-run")
    assert rc == 0
    assert "note: lena-vogel already has a member file; make sure lena-voge1 is someone else" \
        in err
