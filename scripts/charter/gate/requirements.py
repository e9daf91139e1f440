"""Each event mapped to the rule that governs it and to the approvals that rule needs.

Who may approve and how many are computed from the **base** state only: a pull request that
lowers a threshold, adds its author to a group or edits the checker is judged by the rules it
would replace. The head is consulted only as data that the change itself is about (the record of
a vote, the election named by a seat), never for who decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from charter import policy as _policy
from charter.gate.body import Body
from charter.gate.events import Event
from charter.model import DecisionRule, Module, State
from charter.rules import today
from charter.rules.util import add_months, parse_date

SUBSTANCE = {
    "contributions": "the nominee's code, review and design contributions",
    "testimonials": "testimonials (positive and negative) of the nominee's interactions",
    "support": "statements of support from maintainers",
}
DECISION_STATUS = {
    "accepted": ("accepted", "active"),
    "declined": ("declined",),
    "needs-info": ("needs-info",),
    "closed-not-ready": ("closed-not-ready",),
    "postponed": ("postponed",),
    "retired": ("retired",),
    "reinstated": ("active",),
}
NOMINEE = "the nominee cannot approve their own nomination"
CONCERNED = "the person concerned cannot decide on their own case"
# statuses an application moves to without a working-group decision (the queue: ECO-QUEUE)
QUEUE_STATUSES = ("new", "in-progress")


@dataclass(frozen=True)
class Group:
    """``needed`` approvals from ``members`` (base logins). With ``consent``, the pull request's
    author counts as agreeing (the person's own consent, e.g. to move to emeritus)."""

    label: str
    members: tuple[str, ...]
    needed: int
    how: str
    consent: bool = False
    # excluded only by a conflict declared in the head: they cannot approve, but their request
    # for changes still blocks (a pull request cannot silence an objection by declaring one)
    objectors: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # a group that decides needs at least one approval: a rule or fraction that computes 0
        # (a module rule of '0/1', a lead_removal_fraction of '0/4') never waives the decision
        if self.needed < 1:
            object.__setattr__(self, "needed", 1)


@dataclass
class Requirement:
    rule: str
    event: Event
    summary: str
    groups: list[Group] = field(default_factory=list)
    excluded: dict[str, str] = field(default_factory=dict)  # lower login -> why
    problems: list[str] = field(default_factory=list)


class Excluded(dict[str, str]):
    """Who may not decide (lower login -> why). ``head_only`` holds the conflicts declared only
    in the head: they cannot approve, but a threshold is computed as if they could, so a pull
    request can never lower its own bar by declaring relationships."""

    head_only: frozenset[str] = frozenset()


def _base_view(excluded: dict[str, str]) -> dict[str, str]:
    """The exclusions the base branch already knows (the person, base-declared conflicts)."""
    head_only = getattr(excluded, "head_only", frozenset())
    return {k: v for k, v in excluded.items() if k not in head_only}


def _objectors(voters: tuple[str, ...], people: tuple[str, ...]) -> tuple[str, ...]:
    low = {p.lower() for p in people}
    return tuple(v for v in voters if v.lower() not in low)


def _how_excluded(excluded: dict[str, str]) -> str:
    if getattr(excluded, "head_only", None):
        return (" without a conflict on the base branch (conflicts declared only in this pull "
                "request exclude people but do not lower the bar)")
    return " without a conflict" if excluded else ""


@dataclass(frozen=True)
class Context:
    base: State
    head: State
    body: Body
    author: str | None  # base member login of the author when matched, else the account login
    elections: frozenset[str] = frozenset()  # ids with a result file in base or head
    # (kind, lower subject, module slug or "")
    event_kinds: frozenset[tuple[str, str, str]] = frozenset()
    generated: dict[str, bytes | None] = field(default_factory=dict)  # head bytes, None: deleted
    results: dict[str, Any] = field(default_factory=dict)  # election id -> its result.yaml

    @property
    def veto(self) -> bool:
        return self.body.has("veto")

    def is_author(self, login: str) -> bool:
        return self.author is not None and self.author.lower() == login.lower()


# --- groups ------------------------------------------------------------------------------------

def _excluding(people: Iterable[str], excluded: dict[str, str]) -> tuple[str, ...]:
    return tuple(p for p in people if p.lower() not in excluded)


def core_majority(ctx: Context, excluded: dict[str, str], label: str = "core maintainers"
                  ) -> Group:
    frac = ctx.base.policy.fraction("governance.core_decision_fraction")
    people = _excluding(ctx.base.core.maintainers, excluded)
    voters = _excluding(ctx.base.core.maintainers, _base_view(excluded))
    need = _policy.more_than(frac, len(voters)) if voters else 1
    return Group(label, people, need,
                 f"a majority (more than {frac}) of the {len(voters)} {label}"
                 + _how_excluded(excluded), objectors=_objectors(voters, people))


def core_any(ctx: Context, excluded: dict[str, str], count: int = 1) -> Group:
    people = _excluding(ctx.base.core.maintainers, excluded)
    return Group("core maintainers", people, count,
                 f"{count} core maintainer{'s' if count != 1 else ''}")


def owners(ctx: Context, extra: Iterable[str], label: str, excluded: dict[str, str]) -> Group:
    seen: dict[str, str] = {}
    for p in (*extra, *ctx.base.core.maintainers):
        seen.setdefault(p.lower(), p)
    people = _excluding(seen.values(), excluded)
    return Group(label, people, 1, f"one of the {label} (GOV-APPROVAL: an owner of the area)")


def conflicts(ctx: Context, person: str, role: str = CONCERNED) -> dict[str, str]:
    """The person and everyone with a declared relationship to them, in base or head (those
    declared only in the head are marked ``head_only``: see :class:`Excluded`)."""
    out = Excluded({person.lower(): role})
    in_base = ctx.base.conflicted_with(person)
    for state in (ctx.base, ctx.head):
        for other in sorted(state.conflicted_with(person)):
            out.setdefault(other, f"declared relationship with {person} (conflict of interest)")
    out.head_only = frozenset(k for k in out if k != person.lower() and k not in in_base)
    return out


def _discussion(ctx: Context, req: Requirement, what: str) -> None:
    if what not in ctx.base.policy.get("governance.discussion_required_for"):
        return
    if not ctx.body.issues("discussion"):
        req.problems.append(
            "GOV-DISCUSSION: link the issue where this was discussed: add a '## Discussion' "
            "section to the pull-request description with its number (e.g. #123)")


def _substance(ctx: Context, req: Requirement, nominee: str) -> None:
    missing = [k for k in SUBSTANCE if not ctx.body.has(k)]
    if missing:
        parts = "; ".join(f"'## {k.capitalize()}' ({SUBSTANCE[k]})" for k in missing)
        req.problems.append(
            f"{req.rule}: the nomination of {nominee} must state its substance; add to the "
            f"pull-request description: {parts}")


def _consents(ctx: Context, person: str, approved: set[str]) -> bool:
    return ctx.is_author(person) or person.lower() in approved


# --- the mapping ---------------------------------------------------------------------------------

Builder = Callable[[Context, Event, set[str]], list[Requirement]]


def _module_decides(ctx: Context, ev: Event, module: Module | None, excluded: dict[str, str],
                    rule: str, summary: str, *, needs_own_rule: bool = False) -> Requirement:
    """A module-level decision: the module's own rule over its base maintainers. A module with
    no maintainers, one that names no rule of its own where ``needs_own_rule`` (nominations:
    GOV-NOMINATE-MODULE), or a core veto hands the decision to the core maintainers."""
    if ctx.veto:
        return Requirement("GOV-VETO", ev, f"{summary}, overridden by a core veto",
                           [core_majority(ctx, excluded)], excluded)
    people = _excluding(module.maintainers, excluded) if module else ()
    voters = _excluding(module.maintainers, _base_view(excluded)) if module else ()
    why = ""
    if module is None:
        why = "is new"
    elif not module.maintainers:
        why = "has no maintainers"
    elif not voters:
        why = "has no maintainer without a conflict"
    elif needs_own_rule and module.decision_rule is None:
        why = "names no decision rule of its own"
    if why:
        return Requirement(rule, ev, f"{summary}; module {ev.module} {why}, so the core "
                           "maintainers decide", [core_majority(ctx, excluded)], excluded)
    assert module is not None
    drule: DecisionRule = module.rule
    need = drule.required(len(voters))
    how = f"{drule.describe()} of module {ev.module} ({need} of {len(voters)})"
    if module.decision_rule is None:
        how += " (the default rule)"
    if len(voters) != len(people):
        how += _how_excluded(excluded)
    return Requirement(rule, ev, summary,
                       [Group(f"maintainers of module {ev.module}", people, need, how,
                              objectors=_objectors(voters, people))], excluded)


def _maintainer_added(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    module = ctx.base.modules.get(ev.module or "")
    excluded = conflicts(ctx, ev.subject, NOMINEE)
    req = _module_decides(ctx, ev, module, excluded, "GOV-NOMINATE-MODULE",
                          f"nomination of {ev.subject} to module {ev.module}",
                          needs_own_rule=True)
    _substance(ctx, req, ev.subject)
    return [req]


def _removal(ctx: Context, ev: Event, approved: set[str], what: str, group_word: str
             ) -> list[Requirement]:
    person = ev.subject
    excluded = conflicts(ctx, person)
    to_emeritus = ev.kind.endswith("-emeritus")
    if to_emeritus and _consents(ctx, person, approved):
        n = int(ctx.base.policy.get("governance.self_emeritus_core_approvals"))
        groups = [Group(person, (person,), 1, f"{person}'s own consent (author or approval)",
                        consent=True)]
        if n:
            groups.append(core_any(ctx, excluded, n))
        return [Requirement("GOV-REMOVE", ev, f"{person} steps down to emeritus from "
                            f"{group_word} (self-removal)", groups, excluded)]
    if to_emeritus and ev.module and _inactive(ctx, person, ctx.base.modules.get(ev.module)):
        module = ctx.base.modules[ev.module]
        return [Requirement("GOV-EMERITUS", ev, f"{person} has been inactive longer than module "
                            f"{ev.module}'s inactive period: moves to emeritus",
                            [owners(ctx, module.maintainers,
                                    f"maintainers of module {ev.module} or core maintainers",
                                    excluded)], excluded)]
    req = Requirement("GOV-REMOVE", ev, f"removal of {person} from {group_word}",
                      [core_majority(ctx, excluded)], excluded)
    _discussion(ctx, req, what)
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


def _module_scope(what: str) -> Builder:
    def build(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
        # a new module's maintainers are appointed by this decision: like any nominee, they
        # (and their relatives) do not approve their own appointment
        excluded = Excluded()
        known: set[str] = set()  # exclusions the base already knows
        for login in ev.data.get("maintainers", []) if what == "module-added" else []:
            mine = conflicts(ctx, login, NOMINEE)
            known |= set(mine) - mine.head_only
            for k, v in mine.items():
                excluded.setdefault(k, v)
        excluded.head_only = frozenset(set(excluded) - known)
        req = Requirement("GOV-MODULES-SCOPE", ev, ev.describe(),
                          [core_majority(ctx, excluded)], excluded)
        _discussion(ctx, req, what)
        return [req]
    return build


def _module_rule(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    module = ctx.base.modules.get(ev.subject)
    return [_module_decides(ctx, ev, module, {}, "GOV-MODULE", ev.describe())]


def _module_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    if ctx.veto:
        return [Requirement("GOV-VETO", ev, f"{ev.describe()}, overridden by a core veto",
                            [core_majority(ctx, {})])]
    module = ctx.base.modules.get(ev.subject)
    people = module.maintainers if module else ()
    return [Requirement("GOV-APPROVAL", ev, ev.describe(),
                        [owners(ctx, people, f"maintainers of module {ev.subject} or core "
                                "maintainers", {})])]


def _core_added(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    nominee = ev.subject
    excluded = conflicts(ctx, nominee, NOMINEE)
    lead = ctx.base.core.lead
    if lead and lead.lower() not in _base_view(excluded):
        # a conflict with the lead declared only in this pull request does not hand the decision
        # to the core maintainers: the lead still decides, and cannot while it stands
        conflicted = lead.lower() in excluded
        groups = [Group("lead core maintainer", () if conflicted else (lead,), 1,
                        f"the lead core maintainer, {lead}" + (
                            " (conflicted by a relationship declared in this pull request: "
                            "land that declaration first)" if conflicted else ""))]
        summary = f"nomination of {nominee} as a core maintainer: the lead decides"
    else:
        groups = [core_majority(ctx, excluded)]
        summary = (f"nomination of {nominee} as a core maintainer; the lead post is vacant or "
                   "conflicted, so the core maintainers decide")
    req = Requirement("GOV-NOMINATE-CORE", ev, summary, groups, excluded)
    maintainers = {x.lower() for x in ctx.base.core.maintainers}
    for m in ctx.base.modules.values():
        maintainers |= {x.lower() for x in m.maintainers}
    named = ctx.body.logins("nominator")
    author = (ctx.author or "").lower()
    if author in maintainers and author not in excluded:
        pass  # the author nominates
    elif named and named[0].lower() in maintainers and named[0].lower() not in excluded:
        req.groups.append(Group("nominator", (named[0],), 1,
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
    return [req]


def _lead_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    out = []
    old, new = ev.before, ev.after
    if old:
        excluded = {k: v for k, v in conflicts(ctx, old).items() if k != old.lower()}
        core = ctx.base.core.maintainers
        frac = ctx.base.policy.fraction("governance.lead_removal_fraction")
        need = _policy.at_least(frac, len(core))
        people = _excluding(core, excluded)
        req = Requirement("GOV-LEAD-REMOVE", ev, f"{old} no longer the lead core maintainer",
                          [Group("core maintainers", people, need,
                                 f"at least {frac} of all {len(core)} core maintainers "
                                 f"({need}), rounded up")], excluded)
        _discussion(ctx, req, "lead-removed")
        out.append(req)
    if new:
        elected = conflicts(ctx, new, NOMINEE)
        req = Requirement("GOV-LEAD-ELECT", ev, f"{new} becomes the lead core maintainer",
                          [core_any(ctx, elected)], elected)
        ident = ev.data.get("lead_elected_in")
        if not ident:
            req.problems.append(
                "GOV-LEAD-ELECT: a new lead is elected by the core maintainers (instant-runoff); "
                "set lead_elected_in in core.yaml to the elections/<id> that records it")
        elif ident not in ctx.elections:
            req.problems.append(
                f"GOV-LEAD-ELECT: elections/{ident}/ has no certified result; add the election "
                "and its result before changing the lead")
        elif why := vote_mismatch(ctx, ident, ("lead-election",)):
            req.problems.append(f"GOV-LEAD-ELECT: {why}")
        out.append(req)
    return out


def vote_mismatch(ctx: Context, ident: str, kinds: tuple[str, ...],
                  subjects: tuple[str, ...] = ()) -> str | None:
    """Why the certified record elections/<ident> is not a vote of one of ``kinds`` (election
    kinds or motion types) about one of ``subjects``, as far as its election.yaml and result.yaml
    say; None when nothing in them contradicts it."""
    record = ctx.base.elections.get(ident) or ctx.head.elections.get(ident) or {}
    result = ctx.results.get(ident)
    result = result if isinstance(result, dict) else {}
    motion = record.get("motion") if isinstance(record.get("motion"), dict) else {}
    said = {str(x) for x in (record.get("kind"), motion.get("type"), result.get("kind"),
                             result.get("type")) if x}
    said.discard("motion")
    if said and not said & set(kinds):
        return f"elections/{ident} is a {'/'.join(sorted(said))} vote, not {' or '.join(kinds)}"
    subject = str(motion.get("subject", ""))
    if subjects and subject and subject.lower() not in {x.lower() for x in subjects}:
        return f"elections/{ident} is about {subject}, not {subjects[0]}"
    if result.get("passed") is False:
        return f"the vote elections/{ident} did not pass"
    return None


def _policy_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    mode = ctx.base.policy.get("governance.amendment")
    if mode == "community-vote":
        req = Requirement("PC-AMEND", ev, f"{ev.describe()}: a recorded community vote",
                          [core_any(ctx, {})])
        named = ctx.body.elections("vote") or ctx.body.elections()
        if not named:
            req.problems.append(
                "PC-AMEND: name the community vote that approved this change: add a '## Vote' "
                "section with elections/<id>")
        elif not any(n in ctx.elections for n in named):
            req.problems.append(f"PC-AMEND: elections/{named[0]}/ has no certified result")
        elif all(vote_mismatch(ctx, n, ("amend",)) for n in named if n in ctx.elections):
            first = next(n for n in named if n in ctx.elections)
            req.problems.append(f"PC-AMEND: {vote_mismatch(ctx, first, ('amend',))}")
    else:
        req = Requirement("GOV-DISCUSSION", ev, f"{ev.describe()}: a rule change",
                          [core_majority(ctx, {})])
    _discussion(ctx, req, "policy")
    return [req]


def _seat(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    ident = ev.data.get("elected_in")
    rule = "PC-VACANCY" if ev.data.get("replaces") else "PC-ELECTION"
    req = Requirement(rule, ev, f"{ev.describe()}: backed by a certified result",
                      [core_any(ctx, conflicts(ctx, ev.subject))], conflicts(ctx, ev.subject))
    if not ident or ident not in ctx.elections:
        req.problems.append(
            f"{rule}: council seats change only by a certified result: elections/{ident}/ "
            "(named by elected_in) has no result file in the base or the head")
    elected = ctx.results.get(ident or "")
    if isinstance(elected, dict) and "elected" in elected:
        term = ev.data.get("term")
        seats = [e for e in elected.get("elected") or () if isinstance(e, dict)]
        if not any(str(e.get("login", "")).lower() == ev.subject.lower()
                   and (str(e.get("term_start")), str(e.get("term_end")), e.get("cohort")) == term
                   for e in seats):
            req.problems.append(
                f"{rule}: elections/{ident}/result.yaml does not elect {ev.subject} to this seat "
                "(login, cohort, term_start and term_end must match an entry under elected)")
    old = next((s for s in ctx.base.council.seats if s.login.lower() == ev.subject.lower()), None)
    if (ev.kind == "council-seat-changed" and old is not None and old.elected_in == ident
            and (old.term_start, old.term_end, old.cohort) != ev.data.get("term")):
        req.problems.append(
            f"PC-TERM: {ev.subject}'s term and cohort are set by the election that gave the "
            f"seat (elections/{ident}); they change only with a new certified result named by "
            "elected_in (a term is never extended or cut short by editing its dates)")
    return [req]


def _seat_removed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    """A seat whose term has ended is cleared by one core maintainer. Before the end of the
    term, a member leaves only by resigning (their consent), by a recorded vote (PC-NO-
    CONFIDENCE, named under '## Vote'), or by being replaced through a certified result
    (PC-VACANCY: a head seat that ``replaces`` them)."""
    person = ev.subject
    excluded = conflicts(ctx, person)
    req = Requirement("PC-TERM", ev, ev.describe(), [core_any(ctx, excluded)], excluded)
    seat = next((s for s in ctx.base.council.seats if s.login.lower() == person.lower()), None)
    end = parse_date(seat.term_end) if seat else None
    if seat is None or end is None or end <= today():
        return [req]
    if _consents(ctx, person, approved):
        req.summary = f"{person} resigns from the council before the term ends ({seat.term_end})"
        req.groups.insert(0, Group(person, (person,), 1, f"{person}'s own consent (author or "
                                   "approval)", consent=True))
        return [req]
    if any((s.replaces or "").lower() == person.lower() and s.elected_in in ctx.elections
           for s in ctx.head.council.seats):
        return [req]  # the replacing seat is checked as PC-VACANCY
    votes = [v for v in ctx.body.elections("vote") if v in ctx.elections
             and not vote_mismatch(ctx, v, ("no-confidence",), (person, "council"))]
    if votes:
        req.summary = f"{ev.describe()} by the recorded vote elections/{votes[0]}"
        return [req]
    req.problems.append(
        f"PC-NO-CONFIDENCE: {person}'s term runs until {seat.term_end}; a council member leaves "
        "before then only by resigning (they open or approve this pull request), by a recorded "
        "vote (add a '## Vote' section naming elections/<id> with a certified result), or when "
        "a seat that replaces them is filled by a certified result (PC-VACANCY)")
    return [req]


def _returning_officer(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    seats = tuple(s.login for s in ctx.base.council.seats)
    excluded = conflicts(ctx, ev.after, NOMINEE) if ev.after else {}
    people = _excluding(seats, excluded)
    voters = _excluding(seats, _base_view(excluded))
    need = _policy.more_than(Fraction(1, 2), len(voters)) if voters else 1
    if not voters:
        return [Requirement("PC-ELECTION", ev, ev.describe(), [core_majority(ctx, excluded)],
                            excluded)]
    return [Requirement("PC-ELECTION", ev, f"{ev.describe()}: nominated by the outgoing council",
                        [Group("council members", people, need,
                               f"a majority of the {len(voters)} council members"
                               + _how_excluded(excluded),
                               objectors=_objectors(voters, people))], excluded)]


def _wg(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    excluded = conflicts(ctx, ev.subject) if ev.kind != "wg-changed" else {}
    return [Requirement("GOV-APPROVAL", ev, ev.describe(), [core_any(ctx, excluded)], excluded)]


def _wg_or_core(ctx: Context) -> Group:
    return owners(ctx, ctx.base.working_group.members,
                  "ecosystem working-group members or core maintainers", {})


def _project(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    slug = ev.subject
    old = ctx.base.projects.get(slug)
    new = ctx.head.projects.get(slug)
    if new is None:
        return [Requirement("GOV-APPROVAL", ev, ev.describe(), [core_any(ctx, {})])]
    before = old.data.get("decisions", []) if old else []
    after = new.data.get("decisions", [])
    added = after[len(before):] if after[: len(before)] == before else None
    old_status = old.status if old else None
    rule = "ECO-STATUS"
    if added and any(d.get("outcome") in ("accepted", "declined") for d in added):
        rule = "ECO-VOTE"
    if ev.kind == "project-added" and new.status in QUEUE_STATUSES and not after:
        rule = "ECO-SUBMIT"
    req = Requirement(rule, ev, ev.describe(), [_wg_or_core(ctx)])
    if added is None:
        req.problems.append(
            f"ECO-STATUS: decisions of {slug} are a record: append new decisions, never edit or "
            "remove earlier ones")
        return [req]
    for d in added:
        req.problems += _check_vote(ctx, slug, d)
    if new.status in QUEUE_STATUSES and old_status in ("accepted", "active"):
        req.problems.append(
            f"ECO-STATUS: {slug} is {old_status}; a listed project leaves the ecosystem only "
            "by a recorded decision to retire it (ECO-PERIODIC), never by returning to the queue "
            f"as {new.status!r}")
    if new.status != old_status and new.status not in QUEUE_STATUSES:
        last = added[-1] if added else None
        if last is None or new.status not in DECISION_STATUS.get(last.get("outcome", ""), ()):
            req.problems.append(
                f"ECO-STATUS: status {new.status!r} of {slug} must follow a recorded decision: "
                f"append to decisions: the working group's vote with outcome matching "
                f"{new.status!r} (charter ecosystem decide)")
    return [req]


def _check_vote(ctx: Context, slug: str, d: dict[str, object]) -> list[str]:
    outcome = d.get("outcome")
    if outcome not in ("accepted", "declined"):
        return []
    wg = {x.lower() for x in ctx.base.working_group.members}
    out = []
    recorded = {str(x).lower() for x in d.get("working_group", []) or []}  # type: ignore[union-attr]
    if recorded != wg:
        out.append(f"ECO-VOTE: the decision on {slug} must record the working group as it stands "
                   f"on the base branch ({', '.join(sorted(wg))}) under working_group")
    votes: dict[str, list[str]] = {k: [str(x).lower() for x in d.get(k, []) or []]  # type: ignore[union-attr]
                                   for k in ("for", "against", "abstain")}
    cast = votes["for"] + votes["against"] + votes["abstain"]
    strangers = sorted(set(cast) - wg)
    if strangers:
        out.append(f"ECO-VOTE: {', '.join(strangers)} voted on {slug} but are not working-group "
                   "members on the base branch")
    twice = sorted({x for x in cast if cast.count(x) > 1})
    if twice:
        out.append(f"ECO-VOTE: {', '.join(twice)} voted more than once on {slug}; one vote each")
    frac = ctx.base.policy.fraction("ecosystem.vote_fraction")
    need = _policy.more_than(frac, len(wg))
    got = len(set(votes["for"]) & wg)
    if outcome == "accepted" and got < need:
        out.append(f"ECO-VOTE: {slug} is recorded as accepted with {got} votes for; more than "
                   f"{frac} of the {len(wg)} working-group members ({need}) must approve")
    if outcome == "declined" and got >= need:
        out.append(f"ECO-VOTE: {slug} is recorded as declined although {got} of {len(wg)} voted "
                   "for it, which accepts it")
    return out


def _project_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    req = Requirement("GOV-APPROVAL", ev, ev.describe(), [_wg_or_core(ctx)])
    old, new = ctx.base.projects.get(ev.subject), ctx.head.projects.get(ev.subject)
    if (old is not None and new is not None and old.status in ("accepted", "active")
            and old.repository.lower() != new.repository.lower()):
        before = old.data.get("decisions", [])
        after = new.data.get("decisions", [])
        added = after[len(before):] if after[: len(before)] == before else []
        if not any(d.get("outcome") == "accepted" for d in added):
            req.problems.append(
                f"ECO-VOTE: the working group accepted {ev.subject} as {old.repository}; another "
                f"repository ({new.repository}) is a new application, or needs a new recorded "
                "decision accepting it")
    return [req]


def _election(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    ro = ctx.base.council.returning_officer
    extra = (ro,) if ro else ()
    return [Requirement("GOV-APPROVAL", ev, f"{ev.describe()} (the elections checks verify the "
                        "record itself)", [owners(ctx, extra,
                                                  "returning officer or core maintainers", {})])]


def _generated(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    from charter import codeowners
    from charter.errors import CharterError

    req = Requirement("INT-GENERATED", ev, f"{ev.describe()}: must match the data",
                      [core_any(ctx, {})])
    try:
        wanted = codeowners.outputs(ctx.head)
    except CharterError as exc:
        req.problems.append(f"INT-GENERATED: cannot render {ev.path} from the head data: {exc}")
        return [req]
    if ev.path in wanted:
        actual = ctx.generated.get(ev.path)
        if actual is None:
            req.problems.append(f"INT-GENERATED: {ev.path} is generated from the data and must "
                                "not be deleted; run: charter codeowners")
        elif actual != wanted[ev.path].encode():
            req.problems.append(f"INT-GENERATED: {ev.path} does not match the head data; run: "
                                "charter codeowners")
        else:
            req.groups = []  # a generated file that follows the data needs no approval of its own
    return [req]


def _tooling(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    return [Requirement("GOV-APPROVAL", ev, f"{ev.describe()}: the checker, its schemas and "
                        "workflows are changed only with a core maintainer's approval",
                        [core_any(ctx, {})])]


def _file(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    path = ev.subject
    extra: tuple[str, ...] = ()
    label = "core maintainers"
    if path.startswith("modules/"):
        module = ctx.base.module_of_file(path)
        if module:
            extra = module.maintainers
            label = f"maintainers of module {module.slug} or core maintainers"
    group = owners(ctx, extra, label, {}) if extra else core_any(ctx, {})
    return [Requirement("GOV-APPROVAL", ev, ev.describe(), [group])]


def _member(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    excluded = conflicts(ctx, ev.subject)
    req = Requirement("GOV-APPROVAL", ev, f"{ev.describe()} (members/ is owned by the core "
                      "maintainers)", [core_any(ctx, excluded)], excluded)
    if ev.kind == "member-identity-changed":
        # who approves as this person from now on: their own consent (by the identity the base
        # knows) and one core maintainer, or else a majority of the core maintainers
        if _consents(ctx, ev.subject, approved):
            req.groups.insert(0, Group(ev.subject, (ev.subject,), 1, f"{ev.subject}'s own "
                                       "consent (author or approval)", consent=True))
            req.summary += f": {ev.subject} agrees"
        else:
            req.groups = [core_majority(ctx, excluded)]
            req.summary += (f": without {ev.subject}'s own approval, a majority of the core "
                            "maintainers decides who approves as them")
    if ev.kind == "member-community-changed":
        req.problems += _community(ctx, ev.subject, ev.before, ev.after, approved)
    if ev.kind == "member-removed":
        old = ctx.base.member(ev.subject)
        req.problems += _community(ctx, ev.subject, old.community if old else None, None,
                                   approved)
    if ev.kind == "member-changed" and "last_active" in ev.detail.split(", "):
        old, new = ctx.base.member(ev.subject), ctx.head.member(ev.subject)
        before = parse_date(old.last_active) if old and old.last_active else None
        after = parse_date(new.last_active) if new and new.last_active else None
        if before is not None and (after is None or after < before):
            req.problems.append(
                f"GOV-EMERITUS: last_active of {ev.subject} moves back from {before} to "
                f"{after or '(none)'}; recorded activity only moves forward (an earlier date "
                "would let one owner move them to emeritus as inactive, instead of a removal "
                "decided by the core maintainers)")
    return [req]


def _community(ctx: Context, who: str, before_: Any, after_: Any,
               approved: set[str]) -> list[str]:
    """Voting membership of the community changes only as the PC-MEMBER rules say: admission by
    a certified member-add vote (named by admitted_by), removal by the person's own wish or a
    recorded vote, resuming after a lapse at the person's own request."""
    before = dict(before_ or {})
    after = dict(after_ or {})
    out: list[str] = []
    member_now = bool(after) and not after.get("removed")
    admitted = member_now and (not before or bool(before.get("removed"))
                               or before.get("since") != after.get("since")
                               or before.get("admitted_by") != after.get("admitted_by"))
    if admitted:
        ref = str(after.get("admitted_by") or "")
        ident = ref.removeprefix("elections/").strip("/")
        record = ctx.base.elections.get(ident) or ctx.head.elections.get(ident) or {}
        motion = record.get("motion") if isinstance(record, dict) else None
        result = ctx.results.get(ident)
        if not ref.startswith("elections/") or ident not in ctx.elections:
            out.append(f"PC-MEMBER-ADD: {who} joins the community only by a member-add vote: set "
                       "community.admitted_by to the elections/<id> whose certified result "
                       "admits them")
        elif (isinstance(motion, dict) and (
                motion.get("type") != "member-add"
                or str(motion.get("subject", "")).lower() != who.lower())) or (
                "member-add" not in ((motion or {}).get("type"),
                                     result.get("type") if isinstance(result, dict) else None)):
            out.append(f"PC-MEMBER-ADD: {ref} is not a vote to admit {who} (its record must "
                       "be a member-add motion about them)")
        elif isinstance(result, dict) and result.get("passed") is False:
            out.append(f"PC-MEMBER-ADD: the vote {ref} did not pass")
    consent = _consents(ctx, who, approved)
    leaves = bool(before) and not before.get("removed") and not member_now
    if leaves and not consent and not any(
            v in ctx.elections and not vote_mismatch(ctx, v, ("member-remove",), (who,))
            for v in ctx.body.elections("vote")):
        out.append(f"PC-MEMBER-REMOVE: {who} leaves the community only at their own wish (they "
                   "open or approve this pull request) or by a recorded council vote named under "
                   "'## Vote' (elections/<id> with a certified result)")
    if after.get("resumed") and after.get("resumed") != before.get("resumed") and not consent:
        out.append(f"PC-MEMBER-LAPSE: {who} resumes voting only at their own written request: "
                   "they open or approve this pull request")
    return out


def _core_changed(ctx: Context, ev: Event, approved: set[str]) -> list[Requirement]:
    return [Requirement("GOV-APPROVAL", ev, ev.describe(), [core_any(ctx, {})])]


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
    "module-added": _module_scope("module-added"),
    "module-removed": _module_scope("module-removed"),
    "module-rescoped": _module_scope("module-rescoped"),
    "module-rule-changed": _module_rule,
    "module-changed": _module_changed,
    "core-maintainer-added": _core_added,
    "core-maintainer-removed": _core_removed,
    "core-maintainer-emeritus": _core_removed,
    "core-emeritus-deleted": _emeritus_deleted,
    "lead-changed": _lead_changed,
    "core-changed": _core_changed,
    "policy-changed": _policy_changed,
    "council-seat-added": _seat,
    "council-seat-changed": _seat,
    "council-seat-removed": _seat_removed,
    "council-changed": _returning_officer,
    "wg-member-added": _wg,
    "wg-member-removed": _wg,
    "wg-changed": _wg,
    "project-added": _project,
    "project-removed": _project,
    "project-status-changed": _project,
    "project-decision-changed": _project,
    "project-changed": _project_changed,
    "election-changed": _election,
    "generated-changed": _generated,
    "tooling-changed": _tooling,
    "file-changed": _file,
    "formatting-only": _file,
}


def build(ctx: Context, events: list[Event], approved: set[str]) -> list[Requirement]:
    """Every requirement of the change. ``approved`` (lower-case member logins with a current
    approval) only chooses between the paths a rule offers, such as self-removal."""
    out: list[Requirement] = []
    status_done: set[str] = set()
    for ev in events:
        if ev.kind in ("project-status-changed", "project-decision-changed", "project-added"):
            if ev.subject in status_done:
                continue  # one requirement per project covers its status and decisions
            status_done.add(ev.subject)
        out.extend(BUILDERS[ev.kind](ctx, ev, approved))
    return out
