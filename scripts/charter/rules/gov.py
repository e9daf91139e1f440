"""The maintainer hierarchy (docs/rules.md: GOV-*) as checks on the current state."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from charter.findings import Finding, Severity
from charter.rules import Context, register
from charter.rules.util import add_months, finding, parse_date


def lead_is_core(ctx: Context) -> Iterator[Finding]:
    """The lead is a core maintainer and the post is filled, where the policy has a lead at all.

    Where policy governance.has_lead is false, core.yaml names no lead.
    """
    s = ctx.state
    if "core.yaml" not in s.files or s.files["core.yaml"].data is None:
        return
    if not s.policy.get("governance.has_lead"):
        for key in ("lead", "lead_elected_in"):
            if s.files["core.yaml"].data.get(key) is not None:
                yield finding(
                    s, s.core.file, "GOV-ROLES",
                    f"{key}: this organisation has no lead (policy governance.has_lead is "
                    "false); remove it, or set governance.has_lead: true in policy.yaml",
                    key, key=True)
    elif s.core.lead is None:
        yield finding(
            s,
            s.core.file,
            "GOV-LEAD-ELECT",
            "the lead post is vacant; the core maintainers elect a new lead by "
            "instant-runoff (charter election tally) and record it here",
            "lead",
            severity=Severity.WARNING,
        )
    elif s.core.lead not in s.core.maintainers:
        yield finding(
            s,
            s.core.file,
            "GOV-ROLES",
            f"the lead {s.core.lead!r} is not listed under maintainers; add them or "
            "change the lead",
            "lead",
        )
    if not s.core.maintainers:
        yield finding(s, s.core.file, "GOV-ROLES", "there are no core maintainers", "maintainers")


register("GOV-ROLES", lead_is_core)


def one_employer(ctx: Context) -> Iterator[Finding]:
    """A person record holds at most one employer (used only for conflicts of interest)."""
    s = ctx.state
    for m in s.members.values():
        employers = [i for i, a in enumerate(m.affiliations) if a.role in ("employee", "owner")]
        if len(employers) > 1:
            yield finding(
                s,
                m.file,
                "GOV-INDIVIDUALS",
                f"{m.login} lists {len(employers)} employers; a person has one employer "
                "(record other ties with roles such as advisor or director)",
                "affiliations",
                employers[1],
            )


register("GOV-INDIVIDUALS", one_employer)


def module_shape(ctx: Context) -> Iterator[Finding]:
    """A module is core-repository paths or organisation repositories, with maintainers."""
    s = ctx.state
    org = (s.policy.organisation.get("github") or "").lower()
    for m in s.modules.values():
        for i, repo in enumerate(m.repositories):
            if org and repo.split("/")[0].lower() != org:
                yield finding(
                    s,
                    m.file,
                    "GOV-MODULE",
                    f"repository {repo!r} is not in the organisation {org!r}; a module "
                    "is a repository of the organisation",
                    "repositories",
                    i,
                )
        if not m.maintainers:
            yield finding(
                s,
                m.file,
                "GOV-MODULE",
                f"module {m.slug} has no maintainers; its decisions fall to the core "
                "maintainers until it has some",
                "maintainers",
                severity=Severity.WARNING,
            )


register("GOV-MODULE", module_shape)


def module_scope_known(ctx: Context) -> Iterator[Finding]:
    """A module names its paths or repositories (an imported module may not know them yet)."""
    s = ctx.state
    for m in s.modules.values():
        if m.kind == "paths" and not m.paths:
            yield finding(s, m.file, "GOV-MODULE",
                          f"module {m.slug} has no paths yet, so CODEOWNERS routes no review to "
                          "its maintainers; add the directories it covers under paths:", "kind",
                          severity=Severity.WARNING)
        elif m.kind == "repository" and not m.repositories:
            yield finding(s, m.file, "GOV-MODULE",
                          f"module {m.slug} names no repository yet; add the organisation's "
                          "repositories it covers under repositories:", "kind",
                          severity=Severity.WARNING)


register("GOV-MODULE", module_scope_known)


def module_publishes(ctx: Context) -> Iterator[Finding]:
    """Each module links its vision, roadmap, design docs and where it publishes its disputes
    and their resolutions."""
    s = ctx.state
    for m in s.modules.values():
        missing = [k for k in ("vision", "roadmap", "design_docs", "disputes")
                   if k not in m.links]
        if missing:
            yield finding(
                s,
                m.file,
                "GOV-MODULE-COMMS",
                f"module {m.slug} does not link its {', '.join(missing)}; add them under links:",
                "links" if m.links else "slug",
                severity=Severity.WARNING,
            )


register("GOV-MODULE-COMMS", module_publishes)


def emeritus_is_separate(ctx: Context) -> Iterator[Finding]:
    """Nobody is both active and emeritus in one group; the inactive move to emeritus."""
    s = ctx.state
    groups = [(s.core.file, "core maintainers", s.core.maintainers, s.core.emeritus, None)]
    groups += [
        (m.file, f"module {m.slug}", m.maintainers, m.emeritus, m.inactive_months)
        for m in s.modules.values()
    ]
    default_months = int(s.policy.get("governance.module_inactive_months"))
    for path, label, active, emeritus, months in groups:
        if path not in s.files:
            continue
        act = {a.lower() for a in active}
        for i, e in enumerate(emeritus):
            if e.login.lower() in act:
                yield finding(
                    s,
                    path,
                    "GOV-EMERITUS",
                    f"{e.login} is both a maintainer and emeritus of {label}; remove one",
                    "emeritus",
                    i,
                    "login",
                )
        for i, login in enumerate(active):
            mem = s.member(login)
            last = parse_date(mem.last_active) if mem else None
            limit = months or default_months
            if last and add_months(last, limit) < ctx.today:
                yield finding(
                    s,
                    path,
                    "GOV-EMERITUS",
                    f"{login} has been inactive since {last} (over {limit} months); move "
                    f"them to emeritus (charter module emeritus)",
                    "maintainers",
                    i,
                    severity=Severity.WARNING,
                )


register("GOV-EMERITUS", emeritus_is_separate)


def _path_overlap(a: str, b: str) -> bool:
    a_dir = a if a.endswith("/") else a + "/"
    b_dir = b if b.endswith("/") else b + "/"
    return a == b or b.startswith(a_dir) or a.startswith(b_dir)


def modules_do_not_overlap(ctx: Context) -> Iterator[Finding]:
    """Module paths and repositories do not overlap unless both modules declare it."""
    s = ctx.state
    mods = sorted(s.modules.values(), key=lambda m: m.slug)
    owners: dict[str, list[tuple[str, int, str]]] = {}
    for m in mods:
        for i, repo in enumerate(m.repositories):
            owners.setdefault(repo.lower(), []).append((m.slug, i, "repositories"))
    for repo, held in owners.items():
        for (a, _, _), (b, j, f) in itertools.pairwise(held):
            mb = s.modules[b]
            if a not in mb.overlaps or b not in s.modules[a].overlaps:
                yield finding(
                    s,
                    mb.file,
                    "GOV-MODULES-SCOPE",
                    f"repository {repo} is also in module {a}; declare the overlap in "
                    f"both modules' overlaps: or give it one owner",
                    f,
                    j,
                )
    items = [(m, i, p) for m in mods if m.kind == "paths" for i, p in enumerate(m.paths)]
    # Sorted by path components, everything under a path directly follows it (plain string order
    # would put "src/nn-x/" between "src/nn" and "src/nn/quant/", since "-" sorts before "/"),
    # so an overlapping pair is a prefix pair: compare each path with the open prefixes.
    items.sort(key=lambda t: (tuple(t[2].rstrip("/").split("/")), t[2]))
    stack: list[tuple[object, int, str]] = []
    for m, i, p in items:
        while stack and not _path_overlap(stack[-1][2], p):
            stack.pop()
        for om, _oi, op in stack:
            if om is m:
                continue
            if m.slug in om.overlaps and om.slug in m.overlaps:  # type: ignore[attr-defined]
                continue
            yield finding(
                s,
                m.file,
                "GOV-MODULES-SCOPE",
                f"path {p!r} overlaps {op!r} of module {om.slug}; declare the overlap "  # type: ignore[attr-defined]
                "in both modules' overlaps: or split the paths",
                "paths",
                i,
            )
        stack.append((m, i, p))
    for m in mods:
        for i, other in enumerate(m.overlaps):
            if other not in s.modules:
                yield finding(
                    s,
                    m.file,
                    "GOV-MODULES-SCOPE",
                    f"overlaps names {other!r}, which is not a module",
                    "overlaps",
                    i,
                )


register("GOV-MODULES-SCOPE", modules_do_not_overlap)


def core_meets(ctx: Context) -> Iterator[Finding]:
    """The core maintainers meet at least every three months (configurable)."""
    s = ctx.state
    last = parse_date(s.core.last_meeting)
    months = int(s.policy.get("governance.core_cadence_months"))
    if last and add_months(last, months) < ctx.today:
        yield finding(
            s,
            s.core.file,
            "GOV-CORE-CADENCE",
            f"the core maintainers last met on {last}, more than {months} months ago; "
            "hold the meeting and update last_meeting",
            "last_meeting",
            severity=Severity.WARNING,
        )


register("GOV-CORE-CADENCE", core_meets)
