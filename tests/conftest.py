"""Fixtures shared by every test package: where the repository is, and running charter for real."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import github
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# PyGithub (at import) and the local GitHub's werkzeug (on its first request) each add a stream
# handler bound to the stderr of that moment: under pytest, the first session's capture. A second
# session in the same process (mutation testing runs several) would write to a closed stream and
# print 'Logging error' tracebacks into the stderr a test reads. Their records still propagate to
# pytest's log capture.
logging.getLogger("werkzeug").addHandler(logging.NullHandler())
for _h in list(logging.getLogger(github.__name__).handlers):
    if type(_h) is logging.StreamHandler:
        logging.getLogger(github.__name__).removeHandler(_h)


@pytest.fixture
def repo_root() -> Path:
    """The root of this repository (its shipped governance data)."""
    return REPO_ROOT


@pytest.fixture
def run_charter() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m charter ARGS`` in a subprocess; colour off unless ``env`` says otherwise."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "NO_COLOR": "1"}
        full_env.pop("FORCE_COLOR", None)
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "charter", *args], cwd=cwd, env=full_env,
                              capture_output=True, text=True, timeout=timeout, check=False)

    return run
