"""The shapes an organisation can start from (``charter init --preset NAME``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Council:
    seats: int
    cohorts: tuple[tuple[str, int], ...]
    term_years: int
    voting_method: str
    max_per_entity: int

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.cohorts]

    @property
    def cohorts_flow(self) -> str:
        """The cohorts as a YAML flow mapping, in order: ``{A: 2, B: 3}``."""
        return "{" + ", ".join(f"{name}: {seats}" for name, seats in self.cohorts) + "}"


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    summary: str
    lead: bool = False
    modules: bool = False
    ecosystem: bool = False
    council: Council | None = None
    community: bool = False  # the founders are voting members of the community (PC-MEMBER-*)
    amendment: str = "core-majority"
    extra: dict[str, Any] = field(default_factory=dict)


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("pytorch", "PyTorch-style",
           "a lead core maintainer, core maintainers, modules of paths or repositories with "
           "their own maintainers, and an ecosystem working group",
           lead=True, modules=True, ecosystem=True),
    Preset("pep772", "PEP 772-style",
           "an elected council of five (Bloc STAR, staggered cohorts A and B, at most two "
           "members per employer) chosen by the voting members of the community; no module "
           "hierarchy and no lead",
           council=Council(5, (("A", 2), ("B", 3)), 2, "bloc-star", 2), community=True,
           amendment="community-vote"),
    Preset("pep13", "PEP 13-style",
           "a steering council of five with no lead, elected for one-year terms by the core "
           "maintainers, at most two members per employer; no modules and no ecosystem",
           council=Council(5, (("council", 5),), 1, "approval", 2), community=True),
    Preset("minimal", "minimal",
           "one group of maintainers who decide together; no lead, modules, council or "
           "ecosystem (add them later in policy.yaml and the data)"),
)}
