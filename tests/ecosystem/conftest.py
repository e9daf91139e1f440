"""Fixtures for the ecosystem tests: a scratch governance repository and a fake GitHub."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import github
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eco_fakegithub import FakeGitHub

from charter import cli

REPO_ROOT = Path(__file__).resolve().parents[2]
GOVERNANCE = "lumen-ml/governance"  # the shipped policy's organisation.governance_repository


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


def project(slug: str, repository: str | None = None, *, accepted: str = "2026-01-14",
            maintainers: tuple[str, ...] = ("dana-frost", "eli-moss"), **extra: Any
            ) -> dict[str, Any]:
    wg = ["priya-nair", "omar-haddad", "yuki-sato", "bruno-costa", "anya-ivanova"]
    data: dict[str, Any] = {
        "slug": slug, "name": slug.title(), "repository": repository or f"org-{slug}/{slug}",
        "status": "active", "issue": 10, "submitted": "2025-11-20", "licence": "MIT",
        "maintainers": list(maintainers),
        "decisions": [{"date": accepted, "outcome": "accepted", "for": wg[:3],
                       "against": wg[3:], "working_group": wg}],
    }
    data.update(extra)
    return data


def write_project(root: Path, data: dict[str, Any]) -> Path:
    path = root / "ecosystem" / f"{data['slug']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def read_project(root: Path, slug: str) -> dict[str, Any]:
    from charter import yamlio

    return yamlio.loads((root / "ecosystem" / f"{slug}.yaml").read_bytes())  # type: ignore[no-any-return]


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
