"""Shared by the adoption tests: the README's adopting steps, git identity, running charter."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
README = REPO_ROOT / "README.md"
PRESETS = ("pytorch", "pep772", "pep13", "minimal")
MARKER = "<!-- adopting-steps:"


def adopting_steps() -> list[str]:
    """The command lines of the README's "Adopting charter" block, as written."""
    text = README.read_text(encoding="utf-8")
    after = text.split(MARKER, 1)[1]
    block = re.search(r"```sh\n(.*?)```", after, re.S)
    assert block, "the README's adopting steps are a ```sh block after the marker"
    return [line for line in block.group(1).splitlines() if line.strip()]


def env(home: Path) -> dict[str, str]:
    """An environment where the test's charter is first on PATH and git has an identity, and
    nothing of the caller's git configuration or colour settings leaks in."""
    out = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "CHARTER_")) and k not in ("FORCE_COLOR", "PYTHONPATH")}
    out.update({
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home), "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "CHARTER_CACHE_DIR": "",
    })
    return out


def charter(*args: str, cwd: Path, home: Path,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "charter"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "charter"]
    return subprocess.run([*cmd, *args], cwd=cwd, env=env(home), capture_output=True, text=True,
                          timeout=timeout, check=False)


def init(target: Path, preset: str, *extra: str, home: Path | None = None
         ) -> subprocess.CompletedProcess[str]:
    """``charter init`` of ``preset`` for the organisation acme, founders ada and grace."""
    target.mkdir(parents=True, exist_ok=True)
    return charter("init", "--preset", preset, "--org", "acme", "--maintainer",
                   "ada=Ada Lovelace", "--maintainer", "grace=Grace Hopper", *extra,
                   cwd=target, home=home or target.parent)
