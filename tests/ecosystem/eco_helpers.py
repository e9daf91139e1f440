"""Helpers shared by the ecosystem tests: where the repository is, and project records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
GOVERNANCE = "lumen-ml/governance"  # the shipped policy's organisation.governance_repository


def project(slug: str, repository: str | None = None, *, accepted: str = "2026-01-14",
            maintainers: tuple[str, ...] = ("dana-frost", "eli-moss"), **extra: Any
            ) -> dict[str, Any]:
    """An active project, accepted on ``accepted``; ``extra`` keys override or add fields."""
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
