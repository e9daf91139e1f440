"""Usage errors: exit 2, one line on stderr naming what to do, nothing on stdout."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Run, no_traceback


@pytest.mark.parametrize("argv, hint", [
    (("member",), "charter member: choose an action (add, remove, rename)"),
    (("sync",), "charter sync: choose an action (github, ids)"),
    (("sweep",), "charter sweep: choose an action (inactive)"),
    (("module",), "charter module: choose an action (add, remove, rename, add-maintainer"),
    (("core",), "charter core: choose an action (add, remove, emeritus, lead)"),
    (("wg",), "charter wg: choose an action (add, remove, chair)"),
    (("council",), "charter council: choose an action (apply, vacancy, resign)"),
    (("roster",), "charter roster: choose an action (build)"),
    (("ecosystem",), "charter ecosystem: choose a step (intake, queue, decide"),
])
def test_a_command_group_without_its_action(repo: Path, charter: Run, argv: tuple[str, ...],
                                            hint: str) -> None:
    # Was: roster and ecosystem printed their whole help instead of the one line member and
    # module print.
    proc = charter(*argv, cwd=repo)
    no_traceback(proc)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"charter: error: {hint}")
    assert proc.stderr.count("\n") == 1


def test_check_select_does_not_claim_all_good(repo: Path, charter: Run) -> None:
    # Was: "…: all good" although --select hid everything else.
    proc = charter("check", "--repo", str(repo), "--select", "GOV-ROLES")
    assert proc.returncode == 0
    assert "all good" not in proc.stdout
    assert "nothing to report for the rules selected" in proc.stdout
    proc = charter("check", "--repo", str(repo), "--skip", "GOV-MODULE-COMMS", "--skip",
                   "GOV-MODULE")
    assert "all good" not in proc.stdout


def test_check_all_good_without_filters(repo: Path, charter: Run) -> None:
    (repo / "modules/tutorials.yaml").unlink()  # the only module with warnings
    assert charter("codeowners", "--repo", str(repo)).returncode == 0
    proc = charter("check", "--repo", str(repo))
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.rstrip().endswith(": all good")


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_no_color_and_formats_have_no_escape_codes(repo: Path, charter: Run,
                                                          fmt: str) -> None:
    proc = charter("check", "--repo", str(repo), "--format", fmt,
                   env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in proc.stdout


def test_check_summary_counts_notices_apart_from_warnings(repo: Path, charter: Run) -> None:
    # Was: a notice (ECO-PERIODIC: a re-review is due) was counted as a warning. (By June 2027
    # the shipped active projects are due for their re-review.)
    proc = charter("check", "--repo", str(repo), env={"CHARTER_TODAY": "2027-06-01"})
    notices = [x for x in proc.stdout.splitlines() if ": ECO-PERIODIC notice:" in x]
    assert notices
    warnings = [x for x in proc.stdout.splitlines() if " warning: " in x]
    assert proc.stdout.splitlines()[-1].endswith(
        f"{len(warnings)} warning(s), {len(notices)} notice(s)")
