"""charter codeowners / check: the generated CODEOWNERS files, whatever state they are in."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .conftest import Run, no_traceback


def test_codeowners_refuses_when_a_module_file_cannot_be_read_int_read(
    repo: Path, charter: Run
) -> None:
    # Was: the unreadable module was left out of the state and CODEOWNERS was rewritten
    # without its owners.
    before = (repo / ".github/CODEOWNERS").read_bytes()
    (repo / "modules/audio.yaml").unlink()
    (repo / "modules/audio.yaml").symlink_to("/etc/hostname")
    proc = charter("codeowners", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert "modules/audio.yaml: INT-READ" in proc.stderr
    assert (repo / ".github/CODEOWNERS").read_bytes() == before


def test_codeowners_refuses_when_modules_is_not_a_folder_int_read(
    repo: Path, charter: Run
) -> None:
    # Was: a `modules` that could not be listed read as "no modules" and CODEOWNERS lost every
    # module entry.
    before = (repo / ".github/CODEOWNERS").read_bytes()
    subprocess.run(["rm", "-r", str(repo / "modules")], check=True)
    (repo / "modules").write_text("oops\n")
    proc = charter("codeowners", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert "modules: INT-READ modules is a file; it must be a folder" in proc.stderr
    assert (repo / ".github/CODEOWNERS").read_bytes() == before


def test_check_reports_an_unreadable_modules_folder_int_read(repo: Path, charter: Run) -> None:
    if os.geteuid() == 0:
        import shutil

        if not shutil.which("setpriv"):
            import pytest

            pytest.skip("root reads anything, and setpriv is not installed")
        # root without the capabilities that override file modes: the folder's own mode applies,
        # while the interpreter and the clone stay reachable wherever they are checked out
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    else:
        prefix = []
    (repo / "modules").chmod(0)
    try:
        from .conftest import _command

        env = {**os.environ, "NO_COLOR": "1", "CHARTER_TODAY": "2026-11-22"}
        proc = subprocess.run([*prefix, *_command(), "check", "--repo", str(repo)],
                              capture_output=True, text=True, env=env, check=False, timeout=120)
    finally:
        (repo / "modules").chmod(0o755)
    no_traceback(proc)
    assert proc.returncode == 1
    assert "modules/: INT-READ cannot read folder: Permission denied" in proc.stdout
    # the generated files are not judged against the partial state
    assert "INT-GENERATED" not in proc.stdout


def test_check_names_a_folder_where_policy_yaml_should_be_int_read(
    repo: Path, charter: Run
) -> None:
    # Was: "INT-MISSING-FILE policy.yaml is missing" (it was there, as a folder); council.yaml
    # as a folder was silently treated as no council at all.
    (repo / "policy.yaml").unlink()
    (repo / "policy.yaml").mkdir()
    (repo / "council.yaml").unlink()
    (repo / "council.yaml").mkdir()
    proc = charter("check", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert "policy.yaml: INT-READ policy.yaml is a folder; it must be a file" in proc.stdout
    assert "council.yaml: INT-READ council.yaml is a folder; it must be a file" in proc.stdout
    assert "INT-MISSING-FILE" not in proc.stdout


def test_codeowners_when_codeowners_is_a_folder(repo: Path, charter: Run) -> None:
    (repo / ".github/CODEOWNERS").unlink()
    (repo / ".github/CODEOWNERS").mkdir()
    for args in (("codeowners",), ("codeowners", "--check")):
        proc = charter(*args, "--repo", str(repo))
        no_traceback(proc)
        assert proc.returncode == 1
        assert ".github/CODEOWNERS is a folder" in proc.stderr
    proc = charter("check", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert ".github/CODEOWNERS: INT-GENERATED .github/CODEOWNERS is a folder" in proc.stdout


def test_codeowners_when_codeowners_is_not_utf8(repo: Path, charter: Run) -> None:
    (repo / ".github/CODEOWNERS").write_bytes(b"\xff\xfe junk\n")
    proc = charter("check", "--repo", str(repo))
    no_traceback(proc)
    assert ".github/CODEOWNERS: INT-GENERATED out of date" in proc.stdout
    proc = charter("codeowners", "--check", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    proc = charter("codeowners", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 0
    assert charter("codeowners", "--check", "--repo", str(repo)).returncode == 0


def test_codeowners_check_never_reads_through_a_symbolic_link(repo: Path, charter: Run) -> None:
    secret = repo.parent / "secret.txt"
    secret.write_text("TOKEN=hunter2\n")
    (repo / ".github/CODEOWNERS").unlink()
    (repo / ".github/CODEOWNERS").symlink_to(secret)
    proc = charter("codeowners", "--check", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert "hunter2" not in proc.stdout + proc.stderr
    assert "not a regular file" in proc.stdout
    proc = charter("codeowners", "--repo", str(repo))
    assert proc.returncode == 0
    assert not (repo / ".github/CODEOWNERS").is_symlink()
    assert secret.read_text() == "TOKEN=hunter2\n"


def test_codeowners_when_dot_github_is_a_file(repo: Path, charter: Run) -> None:
    subprocess.run(["rm", "-r", str(repo / ".github")], check=True)
    (repo / ".github").write_text("")
    proc = charter("codeowners", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert ".github is a file" in proc.stderr


def test_codeowners_creates_dot_github_when_missing(repo: Path, charter: Run) -> None:
    subprocess.run(["rm", "-r", str(repo / ".github")], check=True)
    proc = charter("codeowners", "--repo", str(repo))
    assert proc.returncode == 0, proc.stderr
    assert "wrote .github/CODEOWNERS" in proc.stdout
    assert charter("check", "--repo", str(repo)).returncode == 0


def test_check_int_generated_does_not_send_the_user_to_a_command_that_refuses(
    repo: Path, charter: Run
) -> None:
    # Was: "INT-GENERATED out of date; run: charter codeowners (charter codeowners --check shows
    # the diff)" while both commands refuse to run until every login has a member file.
    text = (repo / "modules/compiler.yaml").read_text()
    (repo / "modules/compiler.yaml").write_text(
        text.replace("  - elif-demir\n", "  - elif-demir\n  - newbie\n"))
    proc = charter("check", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert (".github/CODEOWNERS: INT-GENERATED out of date; fix the INT-UNKNOWN-LOGIN findings "
            "first, then run: charter codeowners\n") in proc.stdout
    assert "--check shows the diff" not in proc.stdout
    assert charter("codeowners", "--repo", str(repo)).returncode == 1


def test_check_never_reads_a_data_folder_through_a_symbolic_link_int_read(
    repo: Path, charter: Run, tmp_path: Path
) -> None:
    # Was: `modules -> /elsewhere` was followed, so files outside the repository were read and
    # echoed in findings (in CI logs), although charter promises never to follow links.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("slug: x\nname: SECRET-VALUE\nbogus: SECRET-KEY\n")
    subprocess.run(["rm", "-r", str(repo / "modules")], check=True)
    (repo / "modules").symlink_to(outside)
    proc = charter("check", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert "modules: INT-READ modules is a symbolic link; charter never follows links" \
        in proc.stdout
    assert "SECRET" not in proc.stdout + proc.stderr
    assert charter("codeowners", "--repo", str(repo)).returncode == 1
