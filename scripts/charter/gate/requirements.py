"""Each event mapped to the rule that governs it and to the approvals that rule needs.

Who may approve and how many are computed from the **base** state only: a pull request that
lowers a threshold, adds its author to a group or edits the checker is judged by the rules it
would replace. The head is consulted only as data that the change itself is about, never for who
decides. The groups themselves (whole-group thresholds, objectors, consent) are built in
:mod:`charter.gate.groups`; votes and seats in :mod:`charter.gate.votes`; the ecosystem in
:mod:`charter.gate.projects`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from charter import policy as _policy
from charter.gate import projects as _projects
from charter.gate import votes as _votes
from charter.gate.events import Event
from charter.gate.groups import (
    CONCERNED,
    NOMINEE,
    Context,
    Excluded,
    Group,
    Requirement,
    bound_by_consent,
    conflicts,
    consent,
    consents,
    core_any,
    core_majority,
    decide,
    discussion,
    merged,
    one,
    owners,
    unique,
)
from charter.model import DecisionRule, Member, Module
from charter.rules import today
from charter.rules.util import add_months, parse_date

__all__ = ["CONCERNED", "NOMINEE", "Context", "Excluded", "Group", "Requirement", "build"]

SUBSTANCE = {
    "contributions": "the nominee's code, review and design contributions",
    "testimonials": "testimonials (positive and negative) of the nominee's interactions",
    "support": "statements of support from maintainers",
}
# re-exported for the reporters and older callers
DECISION_STATUS = _projects.DECISION_STATUS
QUEUE_STATUSES = _projects.QUEUE_STATUSES
vote_mismatch = _votes.vote_mismatch


def _substance(ctx: Context, req: Requirement, nominee: str) -> None:
    missing = [k for k in SUBSTANCE if not ctx.body.has(k)]
    if missing:
        parts = "; ".join(f"'## {k.capitalize()}' ({SUBSTANCE[k]})" for k in missing)
        req.problems.append(
            f"{req.rule}: the nomination of {nominee} must state its substance; add to the "
            f"pull-request description: {parts}")


Builder = Callable[[Context, Event, set[str]], list[Requirement]]


# --- modules -----------------------------------------------------------------------------------

def _module_decides(ctx: Context, ev: Event, module: Module, excluded: dict[str, str],
                    rule: str, summary: str, *, needs_own_rule: bool = False) -> Requirement:
    """A module-level decision: the module's own rule over all its base maintainers. A module
    with no maintainers, one that names no rule of its own where ``needs_own_rule``
    (nominations: GOV-NOMINATE-MODULE), one whose rule its unconflicted maintainers cannot
    reach, or a core veto hands the decision to the core maintainers."""
    if ctx.veto:
        req = Requirement("GOV-VETO", ev, f"{summary}, overridden by a core veto",
                          [core_majority(ctx, excluded)], excluded)
        _dispute_resolved(ctx, req)
        req.unreachable()
        return req
    if not module.maintainers:
        return _to_core(ctx, ev, rule, f"{summary}; module {ev.module} has no maintainers",
                        excluded)
    if needs_own_rule and module.decision_rule is None:
        return _to_core(ctx, ev, rule, f"{summary}; module {ev.module} names no decision rule "
                        "of its own", excluded)
    size = len(unique(module.maintainers))
    need = module.rule.required(size)
    how = f"{module.rule.describe()} of module {ev.module} ({need} of {size})"
    if module.decision_rule is None:
        how += " (the default rule)"
    group = decide(f"maintainers of module {ev.module}", module.maintainers, excluded, need, how)
    # only conflicts the base already knows hand the decision to the core; one declared in this
    # pull request leaves the module deciding (and unable to, until it has landed)
    if len(group.members) + len(group.objectors) < group.needed:
        return _to_core(ctx, ev, rule, f"{summary}; module {ev.module} cannot reach its rule "
                        f"({need} of {size}) without its conflicted maintainers", excluded)
    req = Requirement(rule, ev, summary, [group], excluded)
    req.unreachable()
    return req


def _to_core(ctx: Context, ev: Event, rule: str, why: str, excluded: dict[str, str]
             ) -> Requirement:
    """A module's decision that falls to a majority of the core maintainers, and ``why``."""
    req = Requirement(rule, ev, f"{why}, so the core maintainers decide",
                      [core_majority(ctx, excluded)], excluded)
    req.unreachable()
    return req


def _dispute_resolved(ctx: Context, req: Requirement) -> None:
    """GOV-VETO: a veto settles a dispute over a module's decision; the core maintainers give
    their reasons in public, so the veto links where the dispute is resolved."""
    if not ctx.body.issues("veto") and not ctx.body.links("veto"):
        req.problems.append(
            "GOV-VETO: a core veto resolves a dispute over a module's decision in public; link "
            "where it is resolved, with the core maintainers' reasons: put the issue number "
            "(e.g. #123) or the link of the resolution under '## Veto'")


def _maintainer_added(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    module = ctx.base.modules[str(ev.module)]  # a maintainer added to a module in both trees
    excluded = conflicts(ctx, ev.subject, NOMINEE)
    req = _module_decides(ctx, ev, module, excluded, "GOV-NOMINATE-MODULE",
                          f"nomination of {ev.subject} to module {ev.module}",
                          needs_own_rule=True)
    _substance(ctx, req, ev.subject)
    _decision_reasons(ctx, req, ev.subject)
    if not ctx.veto and (not module.maintainers or module.decision_rule is None):
        _core_meeting(ctx, req, ev.subject, module.slug)
    return [req]


def _decision_reasons(ctx: Context, req: Requirement, nominee: str,
                      rule: str = "GOV-NOMINATE-MODULE", who: str = "who decided") -> None:
    """GOV-NOMINATE-MODULE, GOV-NOMINATE-CORE: the decision on a nomination is articulated and
    public: the pull-request description records it with its reasons."""
    if not ctx.body.has("decision"):
        req.problems.append(
            f"{rule}: the decision on the nomination of {nominee} is public with its "
            f"reasons; add to the pull-request description: '## Decision' ({who} to confirm "
            "the nomination, and why, in a few sentences)")


def _core_meeting(ctx: Context, req: Requirement, nominee: str, module: str) -> None:
    """GOV-CORE-CADENCE: a nomination to a module with no process of its own waits for the
    core maintainers' meeting; the description names the meeting that took it up."""
    body = ctx.body
    days = body.days("meeting")
    when = [d for d in (parse_date(x) for x in days) if d is not None]
    if not body.links("meeting") and not when:
        req.problems.append(
            f"GOV-CORE-CADENCE: module {module} has no nomination process of its own, so the "
            f"nomination of {nominee} goes to the core maintainers' meeting; add to the "
            "pull-request description: '## Meeting' (the date, YYYY-MM-DD, or a link to the "
            "notes of the core maintainers' meeting where it was taken up)")
    elif when and not body.links("meeting") and min(when) > today():
        req.problems.append(
            f"GOV-CORE-CADENCE: the nomination of {nominee} is decided at the core maintainers' "
            f"meeting; '## Meeting' names {min(when)}, which has not come yet: merge after the "
            "meeting, with its date or the link to its notes")


def _removal(ctx: Context, ev: Event, approved: set[str], what: str, group_word: str
             ) -> list[Requirement]:
    person = ev.subject
    excluded = conflicts(ctx, person)
    to_emeritus = ev.kind.endswith("-emeritus")
    if to_emeritus and consents(ctx, person, approved):
        if ctx.base.policy.get("governance.self_emeritus") == "consent":
            n = int(ctx.base.policy.get("governance.self_emeritus_core_approvals"))
            groups = [consent(person)]
            if n:
                groups.append(core_any(ctx, excluded, n))
            return [Requirement("GOV-REMOVE", ev, f"{person} steps down to emeritus from "
                                f"{group_word} (self-removal: their consent and {n} core "
                                "maintainer(s), as policy governance.self_emeritus allows)",
                                groups, excluded)]
        req = Requirement("GOV-REMOVE", ev, f"{person} asks to step down to emeritus from "
                          f"{group_word}: the core maintainers decide, as for any removal",
                          [core_majority(ctx, excluded)], excluded)
        req.unreachable()
        return [req]
    if to_emeritus and ev.module and _inactive(ctx, person, ctx.base.modules.get(ev.module)):
        module = ctx.base.modules[ev.module]
        return [Requirement("GOV-EMERITUS", ev, f"{person} has been inactive longer than module "
                            f"{ev.module}'s inactive period: moves to emeritus",
                            [owners(ctx, module.maintainers,
                                    f"maintainers of module {ev.module} or core maintainers",
                                    excluded)], excluded)]
    req = Requirement("GOV-REMOVE", ev, f"removal of {person} from {group_word}",
                      [core_majority(ctx, excluded)], excluded)
    discussion(ctx, req, what)
    req.unreachable()
    return [req]


def _inactive(ctx: Context, login: str, module: Module | None) -> bool:
    m = ctx.base.member(login)
    last = parse_date(m.last_active) if m else None
    if last is None:
        return False
    months = (module.inactive_months if module and module.inactive_months else
              int(ctx.base.policy.get("governance.module_inactive_months")))
    return add_months(last, months) < today()


def _module_removed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    return _removal(ctx, ev, approved, "maintainer-removed", f"module {ev.module}")


def _core_removed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    return _removal(ctx, ev, approved, "core-removed", "the core maintainers")


def _emeritus_deleted(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    readded = ("module-maintainer-added" if ev.module else "core-maintainer-added",
               ev.subject.lower(), ev.module or "")
    if readded in ctx.event_kinds:
        return []  # returning from emeritus to the same group: judged as the nomination it is
    req = Requirement("GOV-EMERITUS", ev, f"emeritus record of {ev.subject} deleted",
                      [core_majority(ctx, {})])
    req.problems.append(f"GOV-EMERITUS: emeritus status is kept, never deleted; restore the "
                        f"entry for {ev.subject} in {ev.path}")
    return [req]


def _module_scope(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """GOV-MODULES-SCOPE: a module added, removed or re-scoped (``ev.kind``, also the policy's
    name for whether it needs a discussion link)."""
    # a new module's maintainers are appointed by this decision: like any nominee, they (and
    # their relatives) do not approve their own appointment
    appointed = ev.data["maintainers"] if ev.kind == "module-added" else []
    excluded = merged(*(conflicts(ctx, login, NOMINEE) for login in appointed))
    req = Requirement("GOV-MODULES-SCOPE", ev, ev.describe(), [core_majority(ctx, excluded)],
                      excluded)
    discussion(ctx, req, ev.kind)
    req.unreachable()
    return [req]


def _laxer(old: DecisionRule, new: DecisionRule) -> bool:
    """Whether ``new`` asks fewer approvals than ``old`` for a group of any size, exactly.

    Past the largest count either rule names (``k0``), each rule grows by a fixed step per period
    (DecisionRule.growth). A rule that grows more slowly asks fewer once the group is large enough.
    With equal growth the difference repeats every common period, so one period past ``k0`` shows
    every value it takes. Where ``new`` grows faster, only a count can ask more than it, and ``new``
    asks at least that count from ``k0 / slope`` voters on."""
    (s_old, p_old), (s_new, p_new) = old.growth(), new.growth()
    if s_new < s_old:
        return True
    k0 = max(old.count or 1, new.count or 1)
    horizon = k0 + (math.lcm(p_old, p_new) if s_new == s_old else math.ceil(k0 / s_new))
    return any(new.required(k) < old.required(k) for k in range(1, horizon + 1))


def _module_rule(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """GOV-MODULE: a module changes its own rules by its current rule; but a module's first
    rule of its own, a laxer rule or a shorter inactive period would let the module decide
    later with fewer approvals than the rules give it today, so they need the core
    maintainers."""
    old = ctx.base.modules[ev.subject]  # a module-rule-changed event: in both trees
    new = ctx.head.modules[ev.subject]
    reasons = []
    if old.decision_rule is None and new.decision_rule is not None:
        reasons.append("adopts its first decision rule of its own")
    elif _laxer(old.rule, new.rule):
        reasons.append(f"would decide with fewer approvals ({new.rule.describe()} instead "
                       f"of {old.rule.describe()})")
    default = int(ctx.base.policy.get("governance.module_inactive_months"))
    if (new.inactive_months or default) < (old.inactive_months or default):
        reasons.append(f"shortens its inactive period to {new.inactive_months} months "
                       "(maintainers would become inactive sooner)")
    if reasons:
        req = Requirement("GOV-MODULE", ev, f"{ev.describe()}: the module "
                          + " and ".join(reasons) + ", so the core maintainers decide",
                          [core_majority(ctx, {})])
        req.unreachable()
        return [req]
    return [_module_decides(ctx, ev, old, {}, "GOV-MODULE", ev.describe())]


def _module_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    if ctx.veto:
        req = Requirement("GOV-VETO", ev, f"{ev.describe()}, overridden by a core veto",
                          [core_majority(ctx, {})])
        _dispute_resolved(ctx, req)
        return [req]
    people = ctx.base.modules[ev.subject].maintainers  # a module-changed event: in both trees
    return [Requirement("GOV-APPROVAL", ev, ev.describe(),
                        [owners(ctx, people, f"maintainers of module {ev.subject} or core "
                                "maintainers", {})])]


# --- core maintainers and the lead -------------------------------------------------------------

def _core_added(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    nominee = ev.subject
    excluded = conflicts(ctx, nominee, NOMINEE)
    # where the policy has no lead, a lead named anyway (a GOV-ROLES error) decides nothing
    lead = ctx.base.core.lead if ctx.base.policy.get("governance.has_lead") else None
    base_view = {k for k in excluded if k not in excluded.head_only}
    if lead and lead.lower() not in base_view:
        # a conflict with the lead declared only in this pull request does not hand the decision
        # to the core maintainers: the lead still decides, and cannot while it stands
        conflicted = lead.lower() in excluded
        if conflicted:
            groups = [one("lead core maintainer", None, f"the lead core maintainer, {lead} "
                          "(conflicted by a relationship declared in this pull request: land "
                          "that declaration first)", objectors=(lead,))]
        else:
            groups = [one("lead core maintainer", lead, f"the lead core maintainer, {lead}")]
        summary = f"nomination of {nominee} as a core maintainer: the lead decides"
        if ctx.is_author(lead) and not conflicted:
            # the lead opening the nomination is the lead's decision; so that no pull request
            # passes on its author alone, another core maintainer confirms it
            groups = [one("lead core maintainer", lead,
                          f"the lead core maintainer, {lead}, who opened it", consent=True),
                      core_any(ctx, excluded)]
            summary += f" ({lead} opened it; another core maintainer confirms)"
    else:
        groups = [core_majority(ctx, excluded)]
        why = ("this organisation has no lead (policy governance.has_lead)"
               if not ctx.base.policy.get("governance.has_lead") else
               "the lead post is vacant or conflicted")
        summary = (f"nomination of {nominee} as a core maintainer; {why}, so the core "
                   "maintainers decide")
    req = Requirement("GOV-NOMINATE-CORE", ev, summary, groups, excluded)
    maintainers = {x.lower() for x in ctx.base.core.maintainers}
    for m in ctx.base.modules.values():
        maintainers |= {x.lower() for x in m.maintainers}
    named = ctx.body.logins("nominator")
    author = (ctx.author or "").lower()
    if author in maintainers and author not in excluded:
        pass  # the author nominates
    elif named and named[0].lower() in maintainers and named[0].lower() not in excluded:
        req.groups.append(one("nominator", named[0],
                              f"the nominator, {named[0]}, confirming by approval"))
    elif (key := named[0].lower() if named else author) in excluded and key in maintainers:
        who = f"@{named[0]}" if named else f"the author ({ctx.author})"
        req.problems.append(
            f"GOV-NOMINATE-CORE: {who} cannot nominate {nominee} ({excluded[key]}); another "
            "core or module maintainer must open the pull request, or be named under "
            "'## Nominator' (as @login) and approve it")
    else:
        who = f"@{named[0]} is" if named else f"the author ({ctx.author or 'unknown'}) is"
        req.problems.append(
            f"GOV-NOMINATE-CORE: only a core or module maintainer may nominate, and {who} not "
            "one on the base branch; a maintainer must open the pull request, or be named under "
            "'## Nominator' (as @login) and approve it")
    _substance(ctx, req, nominee)
    _decision_reasons(ctx, req, nominee, "GOV-NOMINATE-CORE",
                      "the lead core maintainer's decision" if lead and lead.lower() not in
                      base_view else "the core maintainers' decision")
    req.unreachable()
    return [req]


def _lead_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    out = []
    old, new = ev.before, ev.after
    if old:
        excluded = conflicts(ctx, old)
        del excluded[old.lower()]  # the lead may agree to their own removal
        frac = ctx.base.policy.fraction("governance.lead_removal_fraction")
        core = unique(ctx.base.core.maintainers)
        req = Requirement("GOV-LEAD-REMOVE", ev, f"{old} no longer the lead core maintainer",
                          [decide("core maintainers", core, excluded,
                                  lambda n: _policy.at_least(frac, n),
                                  f"at least {frac} of all {len(core)} core maintainers "
                                  f"({_policy.at_least(frac, len(core))}), rounded up")],
                          excluded)
        discussion(ctx, req, "lead-removed")
        req.unreachable()
        out.append(req)
    if new:
        elected = conflicts(ctx, new, NOMINEE)
        out.append(Requirement("GOV-LEAD-ELECT", ev, f"{new} becomes the lead core maintainer",
                               [core_any(ctx, elected)], elected,
                               _votes.lead_elected(ctx, new, ev.data.get("lead_elected_in"))))
    return out


def _core_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    if "joined" in ev.data["changed"]:
        # the day a sitting maintainer joined decides whether they vote in the lead's election
        # or removal (charter.elections.day): moving it is not an ordinary change
        return [Requirement("GOV-LEAD-ELECT", ev, f"{ev.describe()}: the day a core maintainer "
                            "joined decides who votes in the lead's election or removal",
                            [core_majority(ctx, {})])]
    return [Requirement("GOV-APPROVAL", ev, ev.describe(), [core_any(ctx, {})])]


# --- members -----------------------------------------------------------------------------------

def _related(before: Any, after: Any) -> set[str]:
    """Logins named by relationships that one side declares and the other does not."""
    b = {(r.login.lower(), r.kind) for r in (before.relationships if before else ())}
    a = {(r.login.lower(), r.kind) for r in (after.relationships if after else ())}
    return {login for login, _ in a ^ b}


def _binding(ev: Event, old: Member | None, new: Member | None) -> tuple[list[str], str] | None:
    """Who a change to a member record binds, and why; None when it binds nobody but the record's
    owners (the core maintainers)."""
    if ev.kind == "member-identity-changed":
        return [ev.subject], f"it decides who approves as {ev.subject} from now on"
    if ev.kind == "member-affiliation-changed":
        return [ev.subject], "an affiliation counts toward the employer cap (PC-COI)"
    related = "a declared relationship excludes people from each other's decisions"
    if ev.kind == "member-relationship-changed":
        return [ev.subject, *sorted(_related(old, new))], related
    if ev.kind == "member-added" and new is not None and new.relationships:
        return sorted(_related(None, new)), related
    if ev.kind == "member-removed":
        return ([ev.subject, *sorted(_related(old, None))],
                f"removing {ev.subject}'s record removes them and their declarations")
    if ev.kind == "member-changed" and "last_active" in ev.data["changed"]:
        return [ev.subject], ("recorded activity decides when the inactive period "
                              "(GOV-EMERITUS) runs out")
    return None


def _member(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """Member records: one core maintainer (not the person nor a relative). What changes how a
    person is counted -- who they are on GitHub, their declared relationships (which exclude
    others from deciding), their affiliation (the employer cap), their recorded activity (the
    inactive period) -- needs their own consent, or a majority of the core maintainers."""
    old, new = ctx.base.member(ev.subject), ctx.head.member(ev.subject)
    if ev.kind == "member-community-changed":
        community = _votes.community(ctx, ev.subject, ev.before, ev.after, approved)
    elif ev.kind == "member-added" and new is not None and new.community:
        community = _votes.community(ctx, ev.subject, None, new.community, approved)
    elif ev.kind == "member-removed" and old is not None:
        community = _votes.community(ctx, ev.subject, old.community, None, approved)
    else:
        community = []
    excluded = conflicts(ctx, ev.subject)
    req = Requirement("GOV-APPROVAL", ev, f"{ev.describe()} (members/ is owned by the core "
                      "maintainers)", [core_any(ctx, excluded)], excluded, community)
    binding = _binding(ev, old, new)
    if binding is not None:
        bound_by_consent(ctx, req, binding[0], approved, binding[1])
    req.unreachable()
    return [req]


# --- policy, working group, files --------------------------------------------------------------

def _policy_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """The council's own rules (policy keys under ``council``: PEP 772) change only by a
    certified community vote to amend them (PC-AMEND); the project's governance and ecosystem
    parameters (PyTorch's documents) by a majority of the core maintainers with a discussion,
    or by a community vote too where ``governance.amendment`` is ``community-vote``."""
    mode = ctx.base.policy.get("governance.amendment")
    if ev.subject.startswith("council.") or mode == "community-vote":
        req = Requirement("PC-AMEND", ev, f"{ev.describe()}: a certified community vote to "
                          "amend the rules", [core_any(ctx, {})])
        named = ctx.body.elections("vote") or ctx.body.elections()
        if not named:
            req.problems.append(
                "PC-AMEND: name the community vote that approved this change: add a '## Vote' "
                "section with elections/<id> (an amend motion, certified on the base branch)")
        elif all(_votes.vote_mismatch(ctx, n, "amend") for n in named):
            req.problems.append(f"PC-AMEND: {_votes.vote_mismatch(ctx, named[0], 'amend')}")
    elif ev.subject == "governance.lead_removal_fraction" and _lowered(ev):
        # a bar is lowered only by those it protects against: a majority that cannot remove
        # the lead must not first make removing the lead take a majority
        frac = ctx.base.policy.fraction("governance.lead_removal_fraction")
        core = unique(ctx.base.core.maintainers)
        req = Requirement("GOV-LEAD-REMOVE", ev, f"{ev.describe()}: lowers the bar for removing "
                          "the lead, so it takes what removing the lead takes",
                          [decide("core maintainers", core, {}, lambda n: _policy.at_least(frac, n),
                                  f"at least {frac} of all {len(core)} core maintainers")])
    else:
        req = Requirement("GOV-DISCUSSION", ev, f"{ev.describe()}: a rule change",
                          [core_majority(ctx, {})])
    discussion(ctx, req, "policy")
    req.unreachable()
    return [req]


def _lowered(ev: Event) -> bool:
    from fractions import Fraction

    try:
        return Fraction(str(ev.after)) < Fraction(str(ev.before))
    except (ValueError, ZeroDivisionError):
        return True  # unreadable: judged as the strictest case


def _wg(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    excluded = conflicts(ctx, ev.subject) if ev.kind != "wg-changed" else {}
    return [Requirement("GOV-APPROVAL", ev, ev.describe(), [core_any(ctx, excluded)], excluded)]


def _generated(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """A generated file (CODEOWNERS, a published page) must be what the head's data renders;
    one that is needs no approval of its own (the data change it follows has its own)."""
    from charter import codeowners
    from charter.errors import CharterError

    req = Requirement("INT-GENERATED", ev, f"{ev.describe()}: must match the data",
                      [core_any(ctx, {})])
    try:
        wanted = {**codeowners.outputs(ctx.head), **ctx.pages}
    except CharterError as exc:
        req.problems.append(f"INT-GENERATED: cannot render {ev.path} from the head data: {exc}")
        return [req]
    if ev.path in wanted:
        actual = ctx.generated.get(ev.path)
        fix = "charter export" if ev.path in ctx.pages else "charter codeowners"
        if actual is None:
            req.problems.append(f"INT-GENERATED: {ev.path} is generated from the data and must "
                                f"not be deleted; run: {fix}")
        elif actual != wanted[ev.path].encode():
            req.problems.append(f"INT-GENERATED: {ev.path} does not match the head data; run: "
                                f"{fix}")
        else:
            req.groups = []  # a generated file that follows the data needs no approval of its own
    return [req]


def _tooling(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """The checker, its schemas, workflows and pinned dependencies decide what every rule means:
    a majority of the core maintainers, with a discussion link."""
    req = Requirement("GOV-APPROVAL", ev, f"{ev.describe()}: the checker, its schemas and "
                      "workflows can change what every rule means", [core_majority(ctx, {})])
    discussion(ctx, req, "tooling")
    return [req]


def _file(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    module = ctx.base.module_of_file(ev.subject)
    if module is None or not module.maintainers:
        return [Requirement("GOV-APPROVAL", ev, ev.describe(), [core_any(ctx, {})])]
    return [Requirement("GOV-APPROVAL", ev, ev.describe(), [owners(
        ctx, module.maintainers, f"maintainers of module {module.slug} or core maintainers", {})])]


BUILDERS: dict[str, Builder] = {
    "member-added": _member,
    "member-removed": _member,
    "member-affiliation-changed": _member,
    "member-relationship-changed": _member,
    "member-identity-changed": _member,
    "member-community-changed": _member,
    "member-changed": _member,
    "module-maintainer-added": _maintainer_added,
    "module-maintainer-removed": _module_removed,
    "module-maintainer-emeritus": _module_removed,
    "module-emeritus-deleted": _emeritus_deleted,
    "module-added": _module_scope,
    "module-removed": _module_scope,
    "module-rescoped": _module_scope,
    "module-rule-changed": _module_rule,
    "module-changed": _module_changed,
    "core-maintainer-added": _core_added,
    "core-maintainer-removed": _core_removed,
    "core-maintainer-emeritus": _core_removed,
    "core-emeritus-deleted": _emeritus_deleted,
    "lead-changed": _lead_changed,
    "core-changed": _core_changed,
    "policy-changed": _policy_changed,
    "council-seat-added": _votes.seat,
    "council-seat-changed": _votes.seat,
    "council-seat-removed": _votes.seat_removed,
    "council-changed": _votes.council_changed,
    "council-seat-resigned": _votes.resigned,
    "wg-member-added": _wg,
    "wg-member-removed": _wg,
    "wg-changed": _wg,
    "project-added": _projects.project,
    "project-removed": _projects.project,
    "project-status-changed": _projects.project,
    "project-decision-changed": _projects.project,
    "project-changed": _projects.project_changed,
    "election-changed": _votes.election_record,
    "generated-changed": _generated,
    "tooling-changed": _tooling,
    "file-changed": _file,
    "formatting-only": _file,
}


def build(ctx: Context, events: list[Event], approved: set[str]) -> list[Requirement]:
    """Every requirement of the change. ``approved`` (lower-case member logins with a current
    approval) only chooses between the paths a rule offers, such as a person's consent."""
    out: list[Requirement] = []
    status_done: set[str] = set()
    for ev in events:
        if ev.kind in ("project-status-changed", "project-decision-changed"):
            if ev.subject in status_done:
                continue  # one requirement per project covers its status and decisions
            status_done.add(ev.subject)
        out.extend(BUILDERS[ev.kind](ctx, ev, approved))
    return out + _votes.rewritten(ctx)
