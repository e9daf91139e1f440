"""The command line through a real subprocess: formats, rule selection, exit codes, colour."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .foundation_fixtures import TODAY_ENV, core, member, write_org


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """Two findings of different rules: an unknown core maintainer, an unknown field."""
    return write_org(tmp_path, {
        "core.yaml": core("alice", "bob", "zed"),
        "members/frank.yaml": member("frank", 106, None, extra="emial: frank@example.org\n"),
    })


def test_text_format_and_exit_1(broken: Path, run_charter) -> None:
    proc = run_charter("validate", "--repo", str(broken), env=TODAY_ENV)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == ("core.yaml:6:5: INT-UNKNOWN-LOGIN 'zed' (a core maintainer) has no member "
                        "file; add members/zed.yaml (charter member add zed --name ...)")
    assert lines[1].startswith("members/frank.yaml:5:1: SCHEMA unknown field 'emial'")
    assert lines[-1] == "2 error(s), 0 warning(s)"
    assert proc.stderr == ""


def test_json_format(broken: Path, run_charter) -> None:
    proc = run_charter("validate", "--repo", str(broken), "--format", "json", env=TODAY_ENV)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert [(d["path"], d["line"], d["col"], d["rule"], d["severity"]) for d in data] == [
        ("core.yaml", 6, 5, "INT-UNKNOWN-LOGIN", "error"),
        ("members/frank.yaml", 5, 1, "SCHEMA", "error"),
    ]
    assert all(set(d) == {"path", "line", "col", "rule", "severity", "message"} for d in data)


def test_github_format(broken: Path, run_charter) -> None:
    proc = run_charter("validate", "--repo", str(broken), "--format", "github", env=TODAY_ENV)
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=core.yaml,line=6,col=5,title=INT-UNKNOWN-LOGIN::INT-UNKNOWN-LOGIN 'zed'")
    assert len(proc.stdout.splitlines()) == 2


def test_select_and_skip(broken: Path, run_charter) -> None:
    sel = run_charter("validate", "--repo", str(broken), "--select", "INT-", "--format", "json",
                      env=TODAY_ENV)
    assert [d["rule"] for d in json.loads(sel.stdout)] == ["INT-UNKNOWN-LOGIN"]
    assert sel.returncode == 1
    skip = run_charter("validate", "--repo", str(broken), "--skip", "INT-UNKNOWN-LOGIN",
                       "--skip", "schema", "--format", "json", env=TODAY_ENV)
    assert json.loads(skip.stdout) == []
    assert skip.returncode == 0


def test_paths_narrow_the_report_not_the_checks(broken: Path, run_charter) -> None:
    only = run_charter("validate", "core.yaml", "--repo", str(broken), "--format", "json",
                       env=TODAY_ENV, )
    assert [d["path"] for d in json.loads(only.stdout)] == ["core.yaml"]
    none = run_charter("validate", "modules/", "--repo", str(broken), env=TODAY_ENV)
    assert none.returncode == 0 and none.stdout == ""


def test_clean_repository_exits_0(tmp_path: Path, run_charter) -> None:
    root = write_org(tmp_path)
    assert run_charter("validate", "--repo", str(root), env=TODAY_ENV).returncode == 0
    assert run_charter("codeowners", "--repo", str(root)).returncode == 0
    proc = run_charter("check", "--repo", str(root), env=TODAY_ENV)
    assert proc.returncode == 0, proc.stdout
    assert "6 members, 2 modules" in proc.stdout


def test_warnings_alone_exit_0(tmp_path: Path, run_charter) -> None:
    root = write_org(tmp_path, {"core.yaml": core("alice", "bob").replace("2026-10-01",
                                                                          "2025-01-01")})
    proc = run_charter("validate", "--repo", str(root), env=TODAY_ENV)
    assert proc.returncode == 0
    assert "GOV-CORE-CADENCE warning:" in proc.stdout


@pytest.mark.parametrize("argv", [
    ("validate", "--bogus"),
    ("validate", "--format", "xml"),
    ("no-such-command",),
    (),
    ("member", "add"),
    ("module", "add-maintainer", "nn"),
])
def test_usage_errors_exit_2(argv: tuple[str, ...], tmp_path: Path, run_charter) -> None:
    proc = run_charter(*argv, cwd=write_org(tmp_path))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr


def test_not_a_repository_is_a_usage_error(tmp_path: Path, run_charter) -> None:
    proc = run_charter("validate", "--repo", str(tmp_path))
    assert proc.returncode == 2
    assert "does not look like a governance repository" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_colour_follows_force_color_and_no_color(broken: Path, run_charter) -> None:
    forced = run_charter("validate", "--repo", str(broken), env={**TODAY_ENV, "NO_COLOR": "",
                                                                 "FORCE_COLOR": "1"})
    assert "\x1b[1;31mINT-UNKNOWN-LOGIN\x1b[0m" in forced.stdout
    off = run_charter("validate", "--repo", str(broken), env={**TODAY_ENV, "NO_COLOR": "1",
                                                              "FORCE_COLOR": "1"})
    assert "\x1b[" not in off.stdout
    piped = run_charter("validate", "--repo", str(broken), env={**TODAY_ENV, "NO_COLOR": ""})
    assert "\x1b[" not in piped.stdout  # not a terminal
    jsonout = run_charter("validate", "--repo", str(broken), "--format", "json",
                          env={**TODAY_ENV, "NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" not in jsonout.stdout


def test_the_hook_passes_on_the_shipped_repository(repo_root: Path, run_charter) -> None:
    proc = run_charter("validate", "--repo", str(repo_root))
    assert proc.returncode == 0, proc.stdout


def test_version(run_charter) -> None:
    proc = run_charter("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("charter ")
