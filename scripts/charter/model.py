"""The governance state: plain, immutable records built once by :mod:`charter.load`.

Every record remembers the file it came from, so rules can point at it; the loader keeps the
file's bytes so that a finding's line and column are computed only when one is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from charter import policy as _policy

# GitHub's login grammar (as schemas/defs.schema.json states it): 1-39 letters, digits or single
# inner hyphens. Always matched whole: ``re.match`` with ``$`` would accept a final newline.
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")


def is_login(text: str) -> bool:
    """Whether ``text`` is a whole GitHub login (nothing before or after it)."""
    return LOGIN.fullmatch(text) is not None


@dataclass(frozen=True)
class Affiliation:
    entity: str
    role: str


@dataclass(frozen=True)
class Relationship:
    login: str
    kind: str


@dataclass(frozen=True)
class Member:
    login: str
    name: str
    file: str
    github_id: int | None = None
    affiliations: tuple[Affiliation, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    community: dict[str, Any] | None = None
    last_active: str | None = None

    @property
    def employers(self) -> tuple[str, ...]:
        return tuple(a.entity for a in self.affiliations if a.role in ("employee", "owner"))


@dataclass(frozen=True)
class Emeritus:
    login: str
    since: str
    reason: str | None = None


@dataclass(frozen=True)
class DecisionRule:
    kind: str = "majority"
    fraction: str | None = None
    count: int | None = None

    def required(self, eligible: int) -> int:
        """Approvals needed out of ``eligible`` voters, with exact integer arithmetic."""
        if eligible <= 0:
            return 0
        if self.kind == "any":
            return 1
        if self.kind == "unanimous":
            return eligible
        if self.kind == "count":
            return min(self.count or 1, eligible)
        if self.kind == "fraction":
            return _policy.at_least(Fraction(self.fraction or "1/2"), eligible)
        return _policy.more_than(Fraction(1, 2), eligible)

    def growth(self) -> tuple[Fraction, int]:
        """(slope, period) of ``required`` past any count the rule names: it then grows by exactly
        ``slope * period`` approvals every ``period`` more voters (a fraction p/q by p every q, a
        majority by 1 every 2, every maintainer by 1 each; any one or a count stays put)."""
        if self.kind == "unanimous":
            return Fraction(1), 1
        if self.kind == "fraction":
            f = Fraction(self.fraction or "1/2")
            return f, f.denominator
        if self.kind == "majority":
            return Fraction(1, 2), 2
        return Fraction(0), 1

    def describe(self) -> str:
        return {
            "any": "any one maintainer",
            "unanimous": "every maintainer",
            "count": f"{self.count} maintainer(s)",
            "fraction": f"at least {self.fraction} of the maintainers",
        }.get(self.kind, "a majority of the maintainers")


@dataclass(frozen=True)
class Module:
    slug: str
    name: str
    kind: str
    file: str
    maintainers: tuple[str, ...]
    paths: tuple[str, ...] = ()
    repositories: tuple[str, ...] = ()
    emeritus: tuple[Emeritus, ...] = ()
    decision_rule: DecisionRule | None = None
    inactive_months: int | None = None
    overlaps: tuple[str, ...] = ()
    links: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    contact: dict[str, str] = field(default_factory=dict)  # chat, mailing_list, meetings

    @property
    def rule(self) -> DecisionRule:
        return self.decision_rule or DecisionRule()


@dataclass(frozen=True)
class Core:
    lead: str | None
    maintainers: tuple[str, ...]
    file: str = "core.yaml"
    emeritus: tuple[Emeritus, ...] = ()
    last_meeting: str | None = None
    lead_elected_in: str | None = None
    joined: dict[str, str] = field(default_factory=dict)  # login -> the day they joined

    def joined_on(self, login: str) -> str | None:
        """The day ``login`` joined the core maintainers, when core.yaml records it."""
        low = login.lower()
        return next((str(d) for k, d in self.joined.items() if k.lower() == low), None)


@dataclass(frozen=True)
class Seat:
    login: str
    cohort: str
    term_start: str
    term_end: str
    elected_in: str
    replaces: str | None = None


@dataclass(frozen=True)
class Resignation:
    """A seat its member left before the term ended (PC-TERM); the seat stays empty until a
    vacancy vote or the next election fills it."""

    login: str
    elected_in: str
    date: str


@dataclass(frozen=True)
class Council:
    seats: tuple[Seat, ...] = ()
    file: str = "council.yaml"
    returning_officer: str | None = None
    resigned: tuple[Resignation, ...] = ()


@dataclass(frozen=True)
class WorkingGroup:
    members: tuple[str, ...] = ()
    file: str = "ecosystem-wg.yaml"
    chair: str | None = None
    next_session: str | None = None


@dataclass(frozen=True)
class Project:
    """An ecosystem project or application; ``data`` is the file's full content."""

    slug: str
    name: str
    repository: str
    status: str
    file: str
    data: dict[str, Any]


@dataclass(frozen=True)
class SourceFile:
    path: str
    kind: str
    raw: bytes
    data: Any


@dataclass
class State:
    """Everything the repository says, as loaded from one tree (a directory or a commit)."""

    policy: _policy.Policy
    core: Core
    council: Council
    working_group: WorkingGroup
    members: dict[str, Member] = field(default_factory=dict)
    modules: dict[str, Module] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    elections: dict[str, Any] = field(default_factory=dict)
    files: dict[str, SourceFile] = field(default_factory=dict)
    tree_label: str = ""

    # --- lookups ------------------------------------------------------------------
    def member(self, login: str) -> Member | None:
        m = self.members.get(login)
        if m is None:
            m = self._by_lower().get(login.lower())
        return m

    def _by_lower(self) -> dict[str, Member]:
        cache = self.__dict__.get("_lower")
        if cache is None:
            cache = {k.lower(): v for k, v in self.members.items()}
            self.__dict__["_lower"] = cache
        return cache

    def module_of_file(self, path: str) -> Module | None:
        for m in self.modules.values():
            if m.file == path:
                return m
        return None

    def roles(self, login: str) -> list[str]:
        out = []
        low = login.lower()
        if self.core.lead and self.core.lead.lower() == low:
            out.append("lead")
        if any(x.lower() == low for x in self.core.maintainers):
            out.append("core")
        for m in self.modules.values():
            if any(x.lower() == low for x in m.maintainers):
                out.append(f"module:{m.slug}")
        for s in self.council.seats:
            if s.login.lower() == low:
                out.append("council")
        if any(x.lower() == low for x in self.working_group.members):
            out.append("ecosystem-wg")
        return out

    def conflicted_with(self, login: str) -> set[str]:
        """Logins with a declared relationship to ``login``, either direction (GOV-REMOVE)."""
        low = login.lower()
        out: set[str] = set()
        for m in self.members.values():
            for r in m.relationships:
                if m.login.lower() == low:
                    out.add(r.login.lower())
                elif r.login.lower() == low:
                    out.add(m.login.lower())
        return out

    def at(self, path: str, *where: str | int, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or, with ``key``, the key) at ``where`` in ``path``."""
        from charter import yamlio

        src = self.files.get(path)
        if src is None:
            return 0, 0
        if key:
            return yamlio.key_position(src.raw, where)
        return yamlio.position(src.raw, where)
