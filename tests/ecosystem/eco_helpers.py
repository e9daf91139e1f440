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
    """An active project, accepted on ``accepted`` with the ten functional requirements
    recorded as met (ECO-FUNCTIONAL); ``extra`` keys override or add fields."""
    wg = ["priya-nair", "omar-haddad", "yuki-sato", "bruno-costa", "anya-ivanova"]
    data: dict[str, Any] = {
        "slug": slug, "name": slug.title(), "repository": repository or f"org-{slug}/{slug}",
        "status": "active", "issue": 10, "submitted": "2025-11-20", "licence": "MIT",
        "maintainers": list(maintainers),
        "decisions": [{"date": accepted, "outcome": "accepted", "for": wg[:3],
                       "against": wg[3:], "working_group": wg}],
        "functional": accepted_evidence(accepted),
    }
    data.update(extra)
    return data


FUNCTIONAL = ("framework-support", "ci", "governance", "value-proposition", "quick-start",
              "documentation", "licence", "tests", "packages", "maintenance")


def accepted_evidence(day: str, *, without: tuple[str, ...] = ()) -> dict[str, Any]:
    """The ten functional requirements recorded as met at acceptance (less ``without``)."""
    return {k: {"met": True, "evidence": f"checked at the review of {day}",
                "reviewer": "priya-nair", "date": day} for k in FUNCTIONAL if k not in without}


def write_project(root: Path, data: dict[str, Any]) -> Path:
    path = root / "ecosystem" / f"{data['slug']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def read_project(root: Path, slug: str) -> dict[str, Any]:
    from charter import yamlio

    return yamlio.loads((root / "ecosystem" / f"{slug}.yaml").read_bytes())  # type: ignore[no-any-return]


FIVE = ["ann", "bob", "cat", "dan", "eve"]


def review(charter: Any, fake: Any, root: Path, *extra: str, today: str = "2026-11-21"
           ) -> tuple[int, str, str]:
    """``charter ecosystem review`` against the fake GitHub, no backoff, waits capped at 5 s."""
    return charter("ecosystem", "review", "--repo", str(root), "--github-api", fake.url,  # type: ignore[no-any-return]
                   "--backoff", "0", "--max-wait", "5", *extra, today=today)


def healthy(full: str, **kw: Any) -> Any:
    """A repository that meets every requirement: 40 commits by five people in the window."""
    from eco_fakegithub import Repo

    return Repo(full, **kw).with_authors(40, FIVE)
