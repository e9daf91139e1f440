"""Fixtures for the ecosystem tests: a scratch governance repository and a fake GitHub."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import github
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eco_fakegithub import FakeGitHub
from eco_helpers import REPO_ROOT

from charter import cli


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(github.Requester.Consts, "PROCESSING_202_WAIT_TIME", 0)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("CHARTER_GITHUB_API", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def eco_repo(tmp_path: Path) -> Path:
    """A governance repository with the shipped policy and working group, and no projects."""
    root = tmp_path / "gov"
    (root / "ecosystem").mkdir(parents=True)
    for name in ("policy.yaml", "core.yaml", "ecosystem-wg.yaml"):
        shutil.copy(REPO_ROOT / name, root / name)
    return root


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server


@pytest.fixture
def charter(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
            ) -> Callable[..., tuple[int, str, str]]:
    """Run the charter command line in this process: (exit code, stdout, stderr)."""

    def run(*args: str, today: str | None = None) -> tuple[int, str, str]:
        if today:
            monkeypatch.setenv("CHARTER_TODAY", today)
        capsys.readouterr()
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
