"""examples/pytorch: a second, separate governance tree built from the real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from charter.cli import _command_modules

from .conftest import EXAMPLE, Charter, snapshot

REPO = EXAMPLE.parent.parent

# What `charter check` must report on the example, by rule and severity (README.md explains each).
EXPECTED = {("GOV-MODULE", "warning"): 26, ("GOV-MODULE-COMMS", "warning"): 34,
            ("ECO-STATUS", "notice"): 69, ("ECO-MEASURABLE", "notice"): 69}


def test_check_passes_with_the_findings_the_readme_explains(charter: Charter) -> None:
    code, out, _err = charter("check", "--repo", EXAMPLE, "--format", "json")
    assert code == 0
    counts: dict[tuple[str, str], int] = {}
    for f in json.loads(out):
        counts[(f["rule"], f["severity"])] = counts.get((f["rule"], f["severity"]), 0) + 1
    assert counts == EXPECTED
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    for (rule, _sev), n in EXPECTED.items():
        assert rule in readme and str(n) in readme


def test_the_example_is_what_build_sh_makes_and_rebuilding_changes_nothing(
        tmp_path: Path) -> None:
    # build from nothing but policy.yaml in a copy laid out like the repository
    root = tmp_path / "repo"
    (root / "examples/pytorch").mkdir(parents=True)
    shutil.copytree(REPO / "tests/importers/fixtures", root / "tests/importers/fixtures")
    shutil.copy(EXAMPLE / "policy.yaml", root / "examples/pytorch/policy.yaml")
    shutil.copy(EXAMPLE / "build.sh", root / "examples/pytorch/build.sh")
    env = {**os.environ, "CHARTER": str(Path(sys.executable).parent / "charter")}
    for _ in range(2):
        proc = subprocess.run(["sh", str(root / "examples/pytorch/build.sh")], env=env,
                              capture_output=True, text=True, check=False, timeout=300)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    built = snapshot(root / "examples/pytorch")
    shipped = {k: v for k, v in snapshot(EXAMPLE).items() if k not in ("README.md",)}
    assert built == shipped
    assert "nothing to change" in proc.stdout


def test_the_roster_renders(charter: Charter, tmp_path: Path) -> None:
    code, out, _err = charter("roster", "build", "--repo", EXAMPLE, "--out", tmp_path / "site")
    assert code == 0 and "(117 people, 34 modules)" in out
    people = json.loads((tmp_path / "site/v1/people.json").read_text())
    alban = people["people"]["albanD"]
    assert sorted(alban["modules"]) == ["apple-m1-mps", "autograd", "build-ci", "nn-apis",
                                        "optimizers"]
    assert (tmp_path / "site/modules/nn-apis.html").is_file()


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True,
                          text=True, check=True).stdout


def test_the_pull_request_gate_works(charter: Charter, example_copy: Path,
                                     tmp_path: Path) -> None:
    root = example_copy
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    code, out, _err = charter("module", "add-maintainer", "nn-apis", "ezyang", "--repo", root)
    assert code == 0
    assert "generated/pages/persons_of_interest.rst" in out  # the published page follows
    _git(root, "commit", "-qam", "nominate ezyang to nn-apis")
    assert charter("check", "--repo", root)[0] == 0
    body = tmp_path / "body.md"
    body.write_text("## Contributions\nautograd, nn\n\n## Testimonials\nmany\n\n## Support\n"
                    "the nn maintainers\n\n## Decision\nConfirmed for the nn work.\n\n"
                    "## Meeting\n2026-09-30\n")
    base = ("pr-check", "--repo", root, "--base", "HEAD~1", "--head", "HEAD", "--author",
            "ezyang", "--body-file", body)
    # nn-apis names no rule of its own: a majority of all four core maintainers (3), ezyang
    # among them but never approving their own nomination
    code, out, _err = charter(*base, "--approved-by", "gchanan,soumith")
    assert code == 1 and "still needed: 1 more of dzhulgakov" in out
    code, out, _err = charter(*base, "--approved-by", "gchanan,soumith,dzhulgakov")
    assert code == 0, out
    code, out, _err = charter(*base, "--approved-by", "ezyang,jbschlosser")
    assert code == 1 and "GOV-NOMINATE-MODULE" in out


def test_check_at_the_repository_root_never_reads_examples(charter: Charter,
                                                           tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        ".git", ".venv", "tests", "benchmarks", "scripts", "*.egg-info", "__pycache__",
        ".pytest_cache", ".ruff_cache"))
    broken = root / "examples/pytorch/members/broken.yaml"
    broken.write_text("login: [unclosed\n")
    code, out, _err = charter("check", "--repo", root)
    assert code == 0 and "examples" not in out


def test_a_command_named_for_a_python_keyword_is_found() -> None:
    assert _command_modules(["import", "landscape", "x"]) == ["import_"]
    assert _command_modules(["export", "landscape"]) == ["export"]
    assert "import_" in _command_modules(["--help"])
