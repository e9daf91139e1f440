"""Where charter is published, and which release this copy is.

Adopting repositories pin this release everywhere they use charter: the workflows that call
charter's reusable workflows, the pre-commit hooks and the install line. pyproject.toml's
``[project.urls] Source`` names the same repository (a test keeps the two equal).
"""

from __future__ import annotations

import re

from charter import __version__

REPOSITORY = "lumen-ml/charter"

_SHA = re.compile(r"[0-9a-f]{40}")


def tag(version: str = __version__) -> str:
    """The git tag of a release: ``v`` and its version."""
    return f"v{version}"


def is_commit(ref: str) -> bool:
    """Whether ``ref`` is a full commit SHA (a pin that cannot move, unlike a tag)."""
    return _SHA.fullmatch(ref) is not None


def install_line(repository: str = REPOSITORY, ref: str | None = None) -> str:
    """The one command that installs this release from its git tag."""
    return f'pip install "charter @ git+https://github.com/{repository}@{ref or tag()}"'
