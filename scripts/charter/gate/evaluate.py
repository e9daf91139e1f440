"""Requirements matched against reviews: the gate's verdict on one pull request.

Everything here is a pure function of the loaded states, the changed paths and the pull request's
reviews, so the local dry run and the GitHub check share it line for line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from charter import rules
from charter.findings import Finding, Severity
from charter.gate import events as _events
from charter.gate import requirements as _req
from charter.gate.body import parse as parse_body
from charter.gate.paths import Change
from charter.gate.reviews import Ignored, Review, Verdict, verdicts
from charter.model import State


@dataclass(frozen=True)
class PullRequest:
    """What the gate needs to know about a pull request besides its two trees."""

    head_sha: str
    author: str | None = None
    author_id: int | None = None
    body: str | None = None
    reviews: tuple[Review, ...] = ()
    number: int | None = None
    url: str | None = None


@dataclass
class GroupResult:
    group: _req.Group
    approved: list[str]
    blocked: list[str]
    candidates: list[str]  # who could still approve

    @property
    def missing(self) -> int:
        return max(0, self.group.needed - len(self.approved))

    @property
    def met(self) -> bool:
        return self.missing == 0 and not self.blocked


@dataclass
class Outcome:
    requirement: _req.Requirement
    line: int
    col: int
    groups: list[GroupResult]
    not_counted: list[tuple[str, str]]

    @property
    def met(self) -> bool:
        return not self.requirement.problems and all(g.met for g in self.groups)


@dataclass
class Report:
    base_label: str
    head_label: str
    head_sha: str
    events: list[_events.Event]
    outcomes: list[Outcome]
    findings: list[Finding] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    author: str | None = None
    number: int | None = None

    @property
    def ok(self) -> bool:
        errors = any(f.severity is Severity.ERROR for f in self.findings)
        return not errors and all(o.met for o in self.outcomes)


def author_login(base: State, login: str | None, user_id: int | None) -> str | None:
    """The author as a base member login (matched by id first, as reviewers are), or, for an
    account that is no member, ``@login``: a key no member login can equal, so an account that
    took a renamed member's old login is never taken for that member (their consent, their
    nomination) nor makes the real member's approval look like the author's own."""
    if login is None and user_id is None:
        return None
    if user_id is not None:
        for m in base.members.values():
            if m.github_id == user_id:
                return m.login
    if login is None:
        return None
    m = base.member(login)
    if m is not None and (m.github_id is None or user_id is None or m.github_id == user_id):
        return m.login
    return f"@{login}"


_IDENTITY = {"member": ("login", "members", "INT-DUPLICATE-MEMBER"),
             "module": ("slug", "modules", "INT-DUPLICATE-MODULE"),
             "ecosystem": ("slug", "projects", "INT-DUPLICATE-PROJECT")}


def shadowed(state: State) -> list[Finding]:
    """Governance files that loaded but whose record another file replaced (two files with one
    login or slug): no rule sees such a file, so the gate refuses it rather than let data that
    every reader ignores today take effect when the other file goes."""
    out = []
    for path, src in sorted(state.files.items()):
        spec = _IDENTITY.get(src.kind)
        if spec is None or not isinstance(src.data, dict):
            continue
        field, attr, rule = spec
        ident = src.data.get(field)
        record = getattr(state, attr).get(ident)
        if record is not None and record.file != path:
            out.append(Finding(path, *state.at(path, field), rule,
                               f"{field} {ident!r} is also held by {record.file}, which "
                               "replaces this file's record; keep one file per "
                               f"{'person' if field == 'login' else 'entity'}"))
    return out


def new_errors(base: State, head: State, head_load: list[Finding],
               base_load: Sequence[Finding] = ()) -> list[Finding]:
    """Errors in the head data that the base does not have: the change must leave data valid
    (and is not blamed for what was already broken)."""
    when = rules.today()
    loaded = {(f.path, f.rule, f.message) for f in base_load}
    out = [f for f in head_load
           if f.severity is Severity.ERROR and (f.path, f.rule, f.message) not in loaded]
    loaded |= {(f.path, f.rule, f.message) for f in shadowed(base)}
    out += [f for f in shadowed(head) if (f.path, f.rule, f.message) not in loaded]
    base_keys = {(f.path, f.rule, f.message) for f in rules.run(base, when)}
    if not any(f.rule.startswith(("YAML", "SCHEMA")) for f in out):
        out += [f for f in rules.run(head, when)
                if f.severity is Severity.ERROR and (f.path, f.rule, f.message) not in base_keys]
    return sorted(set(out))


def evaluate(
    base: State,
    origin: State,
    head: State,
    changes: list[Change],
    pr: PullRequest,
    *,
    head_findings: list[Finding] | None = None,
    base_findings: list[Finding] | None = None,
    elections: frozenset[str] = frozenset(),
    generated: dict[str, bytes | None] | None = None,
    results: dict[str, Any] | None = None,
    certified: Any = None,
    recounts: dict[str, Any] | None = None,
    pages: dict[str, str] | None = None,
) -> Report:
    """Judge ``pr``: events are ``origin`` -> ``head``; rules and people come from ``base``."""
    evs = _events.diff(origin, head, changes)
    evs += _events.formatting_only(origin, head, changes, evs)
    author = author_login(base, pr.author, pr.author_id)
    got, ignored = verdicts(list(pr.reviews), pr.head_sha, base)
    approved = {k for k, v in got.items() if v.state == "approved"
                and not (author and k == author.lower())}
    ctx = _req.Context(
        base=base, head=head, body=parse_body(pr.body), author=author, elections=elections,
        event_kinds=frozenset((e.kind, e.subject.lower(), e.module or "") for e in evs),
        generated=generated or {}, results=results or {}, certified=certified,
        recounts=recounts or {}, pages=pages or {},
    )
    reqs = _req.build(ctx, evs, approved)
    outcomes = [_outcome(ctx, r, got, pr.head_sha, origin) for r in reqs]
    findings = new_errors(base, head, head_findings or [], base_findings or [])
    return Report(base.tree_label, head.tree_label, pr.head_sha, evs, outcomes, findings,
                  ignored, got, author, pr.number)


def judge(trees: Any, pr: PullRequest) -> Report:
    """:func:`evaluate` on what :mod:`charter.gate.source` read (a ``source.Trees``)."""
    return evaluate(trees.base, trees.origin, trees.head, trees.changes, pr,
                    head_findings=trees.head_findings, base_findings=trees.base_findings,
                    elections=trees.elections, generated=trees.generated,
                    results=trees.results, certified=trees.certified, recounts=trees.recounts,
                    pages=trees.pages)


def _outcome(ctx: _req.Context, req: _req.Requirement, got: dict[str, Verdict], head_sha: str,
             origin: State) -> Outcome:
    ev = req.event
    state = ctx.head if ev.side == "head" else origin
    line, col = state.at(ev.path, *ev.where) if ev.path in state.files else (0, 0)
    results = []
    in_groups: set[str] = set()
    for g in req.groups:
        approved, blocked, candidates = [], [], []
        for person in g.members:
            low = person.lower()
            in_groups.add(low)
            v = got.get(low)
            if g.consent and ctx.is_author(person):
                approved.append(person)
            elif ctx.is_author(person):
                continue
            elif v is not None and v.state == "approved":
                approved.append(person)
            else:
                if v is not None and v.state == "changes-requested":
                    blocked.append(person)
                candidates.append(person)
        for person in g.objectors:
            v = got.get(person.lower())
            if v is not None and v.state == "changes-requested":
                blocked.append(person)
        results.append(GroupResult(g, approved, blocked, candidates))
    not_counted: list[tuple[str, str]] = []
    short = head_sha[:7]
    for key, v in sorted(got.items()):
        name = v.member or v.login
        objects = v.state == "changes-requested" and any(
            key in {o.lower() for o in r.group.objectors} for r in results)
        if key in req.excluded and v.state in ("approved", "stale", "changes-requested"):
            what = {"changes-requested": "request for changes ignored: "}.get(v.state, "")
            if objects:
                what = "cannot approve, but the request for changes blocks: "
            not_counted.append((name, f"{what}{req.excluded[key]}"))
        elif ctx.author and key == ctx.author.lower() and v.state == "approved":
            not_counted.append((name, "the author cannot approve their own pull request"))
        elif v.state == "stale" and key in in_groups:
            not_counted.append((name, f"approved an earlier commit ({(v.commit_id or '?')[:7]}); "
                                f"stale until they approve the head commit {short}"))
        elif v.state == "dismissed" and key in in_groups:
            not_counted.append((name, "their approval was dismissed"))
        elif v.state == "approved" and key not in in_groups and req.groups:
            why = v.note or ("not one of: " + "; ".join(g.label for g in req.groups)
                             + " (on the base branch)")
            not_counted.append((name, why))
    return Outcome(req, line, col, results, not_counted)
