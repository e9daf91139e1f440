"""Who decides, and how many of them: the groups every requirement is made of.

Three invariants hold here, in one place, for every rule:

* **A threshold is computed over the whole group as the base branch knows it.** A conflict of
  interest stops a person approving; it never lowers the number of approvals needed. (A group
  that can no longer reach its threshold without its conflicted members says so.)
* **Every group carries its objectors.** Someone excluded only by a conflict declared in the pull
  request itself cannot approve, but their request for changes still blocks: a pull request
  cannot silence an objection by declaring one.
* **A login counts once.** Groups are de-duplicated without regard to case, so one person's
  approval is never counted twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from charter import policy as _policy
from charter.gate.body import Body
from charter.gate.events import Event
from charter.model import State

NOMINEE = "the nominee cannot approve their own nomination"
CONCERNED = "the person concerned cannot decide on their own case"


@dataclass(frozen=True)
class Group:
    """``needed`` approvals from ``members`` (base logins who may approve). With ``consent``, the
    pull request's author counts as agreeing (the person's own consent, e.g. to step down).
    ``size`` is the whole group the threshold was computed over; ``objectors`` are members
    excluded only by a conflict declared in the pull request: they cannot approve, but their
    request for changes blocks."""

    label: str
    members: tuple[str, ...]
    needed: int
    how: str
    consent: bool = False
    objectors: tuple[str, ...] = ()
    size: int = 0

    def __post_init__(self) -> None:
        # a group that decides needs at least one approval: a rule or fraction that computes 0
        # (a module rule of '0/1', a lead_removal_fraction of '0/4') never waives the decision
        object.__setattr__(self, "needed", max(self.needed, 1))

    @property
    def reachable(self) -> bool:
        """Whether enough members may approve to meet the threshold."""
        return self.consent or len(self.members) >= self.needed


class Excluded(dict[str, str]):
    """Who may not approve (lower login -> why). ``head_only`` holds those excluded only by a
    conflict declared in the pull request: their objections still block."""

    head_only: frozenset[str] = frozenset()


def unique(people: Iterable[str]) -> tuple[str, ...]:
    """Logins in order, each once whatever its case."""
    seen: dict[str, str] = {}
    for p in people:
        seen.setdefault(p.lower(), p)
    return tuple(seen.values())


def decide(label: str, people: Iterable[str], excluded: dict[str, str],
           needed: int | Callable[[int], int], how: str) -> Group:
    """The group ``people`` (as the base knows it) deciding with ``needed`` approvals (a number,
    or a function of the whole group's size), less those ``excluded`` from approving."""
    whole = unique(people)
    need = needed(len(whole)) if callable(needed) else needed
    head_only = getattr(excluded, "head_only", frozenset())
    members = tuple(p for p in whole if p.lower() not in excluded)
    objectors = tuple(p for p in whole if p.lower() in head_only)
    if len(members) != len(whole):
        how += " (conflicted members cannot approve, and do not lower the bar)"
    return Group(label, members, need, how, objectors=objectors, size=len(whole))


@dataclass
class Requirement:
    rule: str
    event: Event
    summary: str
    groups: list[Group] = field(default_factory=list)
    excluded: dict[str, str] = field(default_factory=dict)  # lower login -> why
    problems: list[str] = field(default_factory=list)

    def unreachable(self) -> None:
        """Explain a group that cannot reach its threshold without conflicted members."""
        for g in self.groups:
            if not g.reachable:
                self.problems.append(
                    f"{self.rule}: {g.label} cannot decide this: {g.needed} approvals are needed "
                    f"of the {g.size}, and only {len(g.members)} may approve "
                    f"({', '.join(g.members) or 'nobody'}); a conflict never lowers the bar, so "
                    "the group must grow before it can decide")


@dataclass(frozen=True)
class Context:
    """What the requirements are computed from. Who decides comes from ``base`` only; ``head``
    is read as the data the change is about."""

    base: State
    head: State
    body: Body
    author: str | None  # base member login of the author when matched, else the account login
    elections: frozenset[str] = frozenset()  # records certified on the base branch
    # (kind, lower subject, module slug or "")
    event_kinds: frozenset[tuple[str, str, str]] = frozenset()
    generated: dict[str, bytes | None] = field(default_factory=dict)  # head bytes, None: deleted
    results: dict[str, Any] = field(default_factory=dict)  # certified id -> committed result
    certified: Any = None  # gate.records.Certified of the base
    recounts: dict[str, Any] = field(default_factory=dict)  # changed id -> gate.records.Recount
    pages: dict[str, str] = field(default_factory=dict)  # published pages the head data renders

    @property
    def veto(self) -> bool:
        return self.body.has("veto")

    def is_author(self, login: str) -> bool:
        return self.author is not None and self.author.lower() == login.lower()

    @cached_property
    def council_given(self) -> dict[str, dict[str, Any]]:
        """The seats the base's certified records give, by lower-case login, less the seats
        whose members resigned (as the base records it)."""
        if self.certified is None:
            return {}
        return self.certified.council(self.base.council.resigned)


# --- the groups rules are made of ---------------------------------------------------------------

def core_majority(ctx: Context, excluded: dict[str, str], label: str = "core maintainers"
                  ) -> Group:
    frac = ctx.base.policy.fraction("governance.core_decision_fraction")
    n = len(unique(ctx.base.core.maintainers))
    return decide(label, ctx.base.core.maintainers, excluded,
                  lambda size: _policy.more_than(frac, size),
                  f"a majority (more than {frac}) of the {n} {label}")


def core_any(ctx: Context, excluded: dict[str, str], count: int = 1) -> Group:
    return decide("core maintainers", ctx.base.core.maintainers, excluded, count,
                  f"{count} core maintainer{'s' if count != 1 else ''}")


def owners(ctx: Context, extra: Iterable[str], label: str, excluded: dict[str, str]) -> Group:
    return decide(label, (*extra, *ctx.base.core.maintainers), excluded, 1,
                  f"one of the {label} (GOV-APPROVAL: an owner of the area)")


def one(label: str, login: str | None, how: str, *, consent: bool = False,
        objectors: tuple[str, ...] = ()) -> Group:
    """A decision of one person: ``login`` approves (or, with ``consent``, opens the pull request).
    With ``login`` None the post's holder may not approve, and only ``objectors`` still count:
    their request for changes blocks."""
    return Group(label, (login,) if login else (), 1, how, consent=consent, objectors=objectors,
                 size=1)


def consent(person: str) -> Group:
    """The person's own agreement: opening the pull request, or approving it."""
    return one(person, person, f"{person}'s own consent (author or approval)", consent=True)


def conflicts(ctx: Context, person: str, role: str = CONCERNED) -> Excluded:
    """The person and everyone with a declared relationship to them, in base or head (those
    declared only in the head are marked ``head_only``)."""
    out = Excluded({person.lower(): role})
    in_base = ctx.base.conflicted_with(person)
    for state in (ctx.base, ctx.head):
        for other in sorted(state.conflicted_with(person)):
            out.setdefault(other, f"declared relationship with {person} (conflict of interest)")
    out.head_only = frozenset(k for k in out if k != person.lower() and k not in in_base)
    return out


def merged(*parts: Excluded) -> Excluded:
    """Several people's exclusions together (a new module's maintainers, a relationship's two
    sides)."""
    out = Excluded()
    known: set[str] = set()
    for part in parts:
        known |= set(part) - part.head_only
        for k, v in part.items():
            out.setdefault(k, v)
    out.head_only = frozenset(set(out) - known)
    return out


def consents(ctx: Context, person: str, approved: set[str]) -> bool:
    return ctx.is_author(person) or person.lower() in approved


def discussion(ctx: Context, req: Requirement, what: str) -> None:
    if what not in ctx.base.policy.get("governance.discussion_required_for"):
        return
    if not ctx.body.issues("discussion"):
        req.problems.append(
            "GOV-DISCUSSION: link the issue where this was discussed: add a '## Discussion' "
            "section to the pull-request description with its number (e.g. #123)")


def bound_by_consent(ctx: Context, req: Requirement, people: Iterable[str], approved: set[str],
                     why: str) -> None:
    """Nobody binds another without consent: a change that alters what ``people`` may decide
    (or how they are counted) needs each one's consent plus the requirement's own approvals, or
    else a majority of the core maintainers, none of ``people`` among them."""
    known = [p for p in unique(people) if ctx.base.member(p) is not None]
    if not known:
        return
    if all(consents(ctx, p, approved) for p in known):
        req.groups = [consent(p) for p in known] + req.groups
        req.summary += f": {', '.join(known)} agree{'s' if len(known) == 1 else ''}"
        return
    excluded = merged(*(conflicts(ctx, p) for p in known))
    for k, v in req.excluded.items():
        excluded.setdefault(k, v)
    req.excluded = excluded
    req.groups = [core_majority(ctx, excluded)]
    req.summary += (f": {why}; without the consent of {', '.join(known)} (author or approval), "
                    "a majority of the core maintainers decides")
