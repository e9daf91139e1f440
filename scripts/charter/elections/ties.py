"""Ties that the counting rules cannot break, and their recorded resolutions.

A tie that survives the pinned protocol (docs/rules.md, PC-ELECTION) is never broken
silently: the count raises :class:`TieUnresolved`, naming the round, the stage and the tied
candidates. The resolution is recorded in ``election.yaml`` under ``ties:`` by
``charter election resolve-tie`` -- the tied candidates' written agreement, or a draw from a seed
published before the count -- and every later count replays it.

A draw is reproducible by anyone: each tied login is ranked by the SHA-256 of
``"<seed>|<round>|<stage>|<login>"`` (hex digest, ascending), so the order depends only on the
published seed and the tie itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from charter.errors import CharterError

STAGES = ("scoring", "runoff", "approval", "elimination")


class TieUnresolved(CharterError):
    """The count stopped at a tie that no rule and no recorded resolution breaks."""

    def __init__(self, round_no: int, stage: str, tied: Iterable[str], desired: int):
        self.round = round_no
        self.stage = stage
        self.tied = tuple(sorted(tied, key=str.lower))
        self.desired = desired
        names = ", ".join(self.tied)
        super().__init__(
            f"unbreakable tie in round {round_no} ({stage}) between {names}: {desired} of them "
            f"must go ahead; record the candidates' agreement or a draw with 'charter election "
            f"resolve-tie' (round {round_no}, stage {stage})"
        )


def draw_order(seed: str, round_no: int, stage: str, tied: Iterable[str]) -> tuple[str, ...]:
    """The order a published seed gives the tied candidates (first = goes ahead)."""

    def key(login: str) -> str:
        return hashlib.sha256(f"{seed}|{round_no}|{stage}|{login}".encode()).hexdigest()

    return tuple(sorted(tied, key=key))


@dataclass(frozen=True)
class Resolution:
    index: int
    round: int
    stage: str
    tied: frozenset[str]
    order: tuple[str, ...]
    method: str
    seed: str | None = None
    reference: str | None = None

    @classmethod
    def from_data(cls, index: int, d: dict[str, Any]) -> Resolution:
        return cls(index, int(d["round"]), d["stage"], frozenset(d["tied"]),
                   tuple(d.get("order") or ()), d["method"], d.get("seed"), d.get("reference"))

    def problems(self) -> list[str]:
        """What is inconsistent in this record (empty when it can be replayed)."""
        out = []
        if len(self.tied) < 2:
            out.append("a tie needs at least two candidates")
        if self.method == "draw":
            if not self.seed:
                out.append("a draw records the published seed")
            else:
                drawn = draw_order(self.seed, self.round, self.stage, self.tied)
                if self.order and self.order != drawn:
                    out.append(f"the seed draws {', '.join(drawn)}, not the recorded "
                               f"{', '.join(self.order)}")
        elif set(self.order) != set(self.tied) or len(self.order) != len(self.tied):
            out.append("the agreed order must list each tied candidate once")
        return out

    def effective_order(self) -> tuple[str, ...]:
        if self.method == "draw" and self.seed:
            return draw_order(self.seed, self.round, self.stage, self.tied)
        return self.order


@dataclass
class Resolver:
    """Looks up recorded resolutions by (round, stage, tied set) and notes which were used."""

    resolutions: list[Resolution] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    last: Resolution | None = None  # the resolution the latest pick() replayed, for the record

    @classmethod
    def from_data(cls, items: list[dict[str, Any]] | None) -> Resolver:
        return cls([Resolution.from_data(i, d) for i, d in enumerate(items or ())])

    def pick(self, round_no: int, stage: str, tied: Iterable[str], desired: int) -> list[str]:
        tied_set = frozenset(tied)
        for r in self.resolutions:
            if r.round == round_no and r.stage == stage and r.tied == tied_set and not r.problems():
                self.used.add(r.index)
                self.last = r
                return list(r.effective_order()[:desired])
        raise TieUnresolved(round_no, stage, tied_set, desired)

    def unused(self) -> list[Resolution]:
        return [r for r in self.resolutions if r.index not in self.used]


@dataclass(frozen=True)
class Step:
    """One tiebreaking step, in the pinned order: the candidates tied when it was taken, the
    counts it compared, and who it put ahead (none when the tie survived it, to the next step).

    A recorded resolution carries how it was made (``agreement`` or ``draw``), the seed of a draw
    and where the agreement or the seed was published.
    """

    rule: str
    counts: dict[str, int]
    no_preference: int | None = None
    tied: tuple[str, ...] = ()
    ahead: tuple[str, ...] = ()
    method: str | None = None
    seed: str | None = None
    reference: str | None = None


def resolution_step(resolver: Resolver, tied: list[str], picked: list[str]) -> Step:
    """The step a recorded resolution took: ``picked`` went ahead of the rest of ``tied``."""
    r = resolver.last
    return Step("recorded resolution", {c: int(c in picked) for c in tied}, tied=tuple(tied),
                ahead=tuple(picked), method=r.method if r else None, seed=r.seed if r else None,
                reference=r.reference if r else None)
