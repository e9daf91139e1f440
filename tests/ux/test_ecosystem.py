"""charter ecosystem decide / evidence, and the examples docs/ecosystem.md gives for them."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from .conftest import REPO_ROOT, Run, no_traceback


def _doc_examples(step: str) -> list[list[str]]:
    text = (REPO_ROOT / "docs/ecosystem.md").read_text(encoding="utf-8")
    prefix = f"    charter ecosystem {step} "
    return [shlex.split(line.strip())[1:] for line in text.splitlines()
            if line.startswith(prefix)]


@pytest.mark.parametrize("step", ["decide", "evidence"])
def test_ecosystem_docs_examples_work_as_written(repo: Path, charter: Run, step: str) -> None:
    # Was: the examples named a project 'orbit' that the shipped data does not have.
    examples = _doc_examples(step)
    assert examples
    for args in examples:
        proc = charter(*args, cwd=repo)
        no_traceback(proc)
        assert proc.returncode == 0, (args, proc.stderr)
    assert charter("check", "--repo", str(repo), "--select", "ECO-").returncode == 0


def test_ecosystem_decide_without_votes_is_a_usage_error_eco_vote(repo: Path,
                                                                   charter: Run) -> None:
    # Was: `charter ecosystem decide SLUG` with no --for/--against/--abstain recorded a decline.
    before = (repo / "ecosystem/tensorfold.yaml").read_bytes()
    proc = charter("ecosystem", "decide", "tensorfold", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 2
    assert "--for/--against/--abstain" in proc.stderr
    assert (repo / "ecosystem/tensorfold.yaml").read_bytes() == before


def test_ecosystem_decide_unknown_project_suggests_the_closest(repo: Path, charter: Run) -> None:
    proc = charter("ecosystem", "decide", "tensorfld", "--for", "priya-nair", "--repo", str(repo))
    assert proc.returncode == 1
    assert "did you mean 'tensorfold'?" in proc.stderr


def test_ecosystem_evidence_format_json_eco_functional(repo: Path, charter: Run) -> None:
    # Was: --format json was accepted and ignored (a text line on stdout).
    proc = charter("ecosystem", "evidence", "graphkit", "tests", "--met", "--evidence",
                   "https://example.org/ci", "--reviewer", "yuki-sato", "--format", "json",
                   "--repo", str(repo))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["slug"] == "graphkit" and data["requirement"] == "tests" and data["met"] is True


def test_ecosystem_review_unreachable_github_names_no_python_class_eco_periodic(
    repo: Path, charter: Run
) -> None:
    # Was: "cannot reach GitHub (ConnectionError)": a Python class name, and no fix.
    proc = charter("ecosystem", "review", "--all", "--retries", "0", "--github-api",
                   "http://127.0.0.1:9", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert "cannot reach GitHub (no connection); check the network" in proc.stderr
    assert "ConnectionError" not in proc.stderr


@pytest.mark.parametrize("option, value", [("--max-shortfall", "-5"), ("--retries", "-1"),
                                           ("--max-wait", "-1"), ("--backoff", "-0.5")])
def test_ecosystem_review_negative_numbers_are_usage_errors(repo: Path, charter: Run,
                                                            option: str, value: str) -> None:
    # Was: accepted (a negative --max-shortfall refused every write; --retries -1 never asked).
    proc = charter("ecosystem", "review", option, value, "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 2
    assert f"argument {option}: '{value}': give 0 or more" in proc.stderr


def test_ecosystem_review_unknown_slug_suggests_the_closest(repo: Path, charter: Run) -> None:
    proc = charter("ecosystem", "review", "geolumn", "--repo", str(repo))
    assert proc.returncode == 1
    assert "no ecosystem project 'geolumn' (no ecosystem/geolumn.yaml); did you mean " \
        "'geolumen'?" in proc.stderr


def test_ecosystem_decide_dated_before_the_application_eco_vote(repo: Path, charter: Run) -> None:
    # Was: a decision dated years before the application was submitted was recorded.
    before = (repo / "ecosystem/lumen-serve.yaml").read_bytes()
    proc = charter("ecosystem", "decide", "lumen-serve", "--for", "priya-nair", "--date",
                   "2020-01-01", "--repo", str(repo))
    no_traceback(proc)
    assert proc.returncode == 2
    assert "--date 2020-01-01: is before lumen-serve applied" in proc.stderr
    assert (repo / "ecosystem/lumen-serve.yaml").read_bytes() == before


def test_ecosystem_decide_never_writes_through_a_linked_ecosystem_folder(
    repo: Path, charter: Run, tmp_path: Path
) -> None:
    import shutil

    outside = tmp_path / "elsewhere"
    shutil.copytree(repo / "ecosystem", outside)
    shutil.rmtree(repo / "ecosystem")
    (repo / "ecosystem").symlink_to(outside)
    before = (outside / "lumen-serve.yaml").read_bytes()
    proc = charter("ecosystem", "decide", "lumen-serve", "--for", "priya-nair", "--repo",
                   str(repo))
    no_traceback(proc)
    assert proc.returncode == 1
    assert "ecosystem: INT-READ ecosystem is a symbolic link" in proc.stderr
    assert (outside / "lumen-serve.yaml").read_bytes() == before
