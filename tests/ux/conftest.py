"""UX tests: the real ``charter`` command, run as a maintainer would, on a copy of the data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = ("members", "modules", "ecosystem", "elections", ".github", "generated", "core.yaml",
        "council.yaml", "policy.yaml", "ecosystem-wg.yaml")

Run = Callable[..., subprocess.CompletedProcess[str]]


def _command() -> list[str]:
    script = Path(sys.executable).parent / "charter"
    return [str(script)] if script.exists() else [sys.executable, "-m", "charter"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the shipped governance data, safe to break."""
    dest = tmp_path / "gov"
    dest.mkdir()
    for name in DATA:
        src = REPO_ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture
def charter() -> Run:
    """Run the installed ``charter`` command; colour off, a fixed day, never the network."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
        full = {**os.environ, "NO_COLOR": "1", "CHARTER_TODAY": "2026-11-22",
                "CHARTER_GITHUB_API": "http://127.0.0.1:9"}
        full.pop("FORCE_COLOR", None)
        full.pop("CHARTER_REPO", None)
        full.update(env or {})
        return subprocess.run([*_command(), *args], cwd=cwd, env=full, input=input,
                              capture_output=True, text=True, timeout=120, check=False)

    return run


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
