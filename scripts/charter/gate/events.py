"""The semantic diff: what a change does to the governance, as typed events.

Two loaded states are compared as data, so an edit that only touches comments, quoting, key order
or layout produces no event. Files that are not governance data (elections, generated files, the
checker's own code, anything else) become one event per changed path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charter.gate.paths import Change, classify
from charter.model import Emeritus, Member, Module, Project, State

# kind -> a one-line description template (str.format with the event's fields)
KINDS: dict[str, str] = {
    "member-added": "member {subject} added",
    "member-removed": "member {subject} removed",
    "member-affiliation-changed": "affiliation of {subject} changed",
    "member-relationship-changed": "declared relationships of {subject} changed",
    "member-identity-changed": "GitHub id of {subject} changed",
    "member-community-changed": "community membership of {subject} changed",
    "member-changed": "record of {subject} changed ({detail})",
    "module-maintainer-added": "{subject} added as a maintainer of module {module}",
    "module-maintainer-removed": "{subject} removed from the maintainers of module {module}",
    "module-maintainer-emeritus": "{subject} moved to emeritus in module {module}",
    "module-emeritus-deleted": "emeritus record of {subject} deleted from module {module}",
    "module-added": "module {subject} added",
    "module-removed": "module {subject} removed",
    "module-rescoped": "module {subject} re-scoped ({detail})",
    "module-rule-changed": "decision rules of module {subject} changed ({detail})",
    "module-changed": "module {subject} record changed ({detail})",
    "core-maintainer-added": "{subject} added as a core maintainer",
    "core-maintainer-removed": "{subject} removed from the core maintainers",
    "core-maintainer-emeritus": "core maintainer {subject} moved to emeritus",
    "core-emeritus-deleted": "emeritus record of core maintainer {subject} deleted",
    "lead-changed": "lead core maintainer changed from {before} to {after}",
    "core-changed": "core record changed ({detail})",
    "policy-changed": "policy {subject} changed from {before} to {after}",
    "council-seat-added": "{subject} takes a council seat",
    "council-seat-removed": "{subject} leaves the council",
    "council-seat-changed": "council seat of {subject} changed ({detail})",
    "council-changed": "council record changed ({detail})",
    "council-seat-resigned": "{subject} resigns from the council",
    "wg-member-added": "{subject} joins the ecosystem working group",
    "wg-member-removed": "{subject} leaves the ecosystem working group",
    "wg-changed": "working-group record changed ({detail})",
    "project-added": "ecosystem project {subject} added with status {after}",
    "project-removed": "ecosystem project {subject} removed",
    "project-status-changed": "ecosystem project {subject} status changed from {before} to {after}",
    "project-decision-changed": "ecosystem project {subject} decisions changed",
    "project-changed": "ecosystem project {subject} record changed ({detail})",
    "election-changed": "election record {subject} {detail}",
    "electorate-rewritten": "who could vote in certified elections/{subject} rewritten",
    "generated-changed": "generated file {subject} {detail}",
    "tooling-changed": "checker or workflow file {subject} {detail}",
    "file-changed": "file {subject} {detail}",
    "formatting-only": "{subject}: layout or comments only, no governance change",
}

_STATUS_WORD = {"A": "added", "D": "deleted", "M": "modified"}


@dataclass(frozen=True)
class Event:
    """One governance change. ``path`` and ``where`` locate it in the head (or, for something
    removed, the base) file; ``side`` says which."""

    kind: str
    subject: str
    path: str
    where: tuple[str | int, ...] = ()
    side: str = "head"
    module: str | None = None
    before: Any = None
    after: Any = None
    detail: str = ""
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def describe(self) -> str:
        return KINDS[self.kind].format(
            subject=self.subject, module=self.module, before=_show(self.before),
            after=_show(self.after), detail=self.detail,
        )

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "subject": self.subject, "path": self.path,
                               "description": self.describe()}
        if self.module:
            out["module"] = self.module
        if self.before is not None or self.after is not None:
            out["before"] = self.before
            out["after"] = self.after
        return out


def _show(v: Any) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(str(x) for x in v) + "]"
    return str(v)


def _low(xs: tuple[str, ...] | list[str]) -> dict[str, str]:
    return {x.lower(): x for x in xs}


def _again(before: tuple[str, ...], after: tuple[str, ...]) -> list[tuple[int, str]]:
    """Entries ``after`` lists once more than ``before`` does for a login it already holds
    (logins ignore case: ``Bob`` beside ``bob`` is the same person listed twice)."""
    from collections import Counter

    had = Counter(x.lower() for x in before)
    seen: Counter[str] = Counter()
    out = []
    for i, x in enumerate(after):
        seen[x.lower()] += 1
        if x.lower() in had and seen[x.lower()] > had[x.lower()]:
            out.append((i, x))
    return out


def diff(base: State, head: State, changes: list[Change]) -> list[Event]:
    """Every governance event between ``base`` and ``head``, given the changed paths."""
    out: list[Event] = []
    out += _members(base, head)
    out += _core(base, head)
    out += _modules(base, head)
    out += _policy(base, head)
    out += _council(base, head)
    out += _working_group(base, head)
    out += _projects(base, head)
    out += _other_files(changes)
    return out + _unexplained(base, head, changes, out)


def _unexplained(base: State, head: State, changes: list[Change], events: list[Event]
                 ) -> list[Event]:
    """Governance paths that changed but that no event or layout-only edit accounts for (a
    symlink the loader skips, a file renamed without changing its data): still a change."""
    touched = {e.path for e in events}
    out = []
    for c in changes:
        if classify(c.path) != "governance" or c.path in touched:
            continue
        if c.status == "M" and same_meaning(base, head, c.path):
            continue  # layout only: see formatting_only
        out.append(Event("file-changed", c.path, c.path, detail=_STATUS_WORD[c.status],
                         side="base" if c.status == "D" else "head"))
    return out


def formatting_only(base: State, head: State, changes: list[Change],
                    events: list[Event]) -> list[Event]:
    """Governance files whose bytes changed but whose meaning did not."""
    touched = {e.path for e in events}
    out = []
    for c in changes:
        if (c.status == "M" and classify(c.path) == "governance" and c.path not in touched
                and same_meaning(base, head, c.path)):
            out.append(Event("formatting-only", c.path, c.path))
    return out


def same_meaning(base: State, head: State, path: str) -> bool:
    """The file reads as the same data on both sides (policy: the same effective values)."""
    b, h = base.files.get(path), head.files.get(path)
    if b is None or h is None or b.data is None or h.data is None:
        return False
    if path == "policy.yaml":
        return _flat(base) == _flat(head)
    return bool(b.data == h.data)


# --- members ---------------------------------------------------------------------------------

def _members(base: State, head: State) -> list[Event]:
    out: list[Event] = []
    b = {k.lower(): v for k, v in base.members.items()}
    h = {k.lower(): v for k, v in head.members.items()}
    for key in sorted(b.keys() | h.keys()):
        old, new = b.get(key), h.get(key)
        if old is None and new is not None:
            out.append(Event("member-added", new.login, new.file, ("login",)))
        elif new is None and old is not None:
            out.append(Event("member-removed", old.login, old.file, ("login",), side="base"))
        elif old is not None and new is not None:
            out += _member_changes(old, new, base, head)
    return out


def _member_changes(old: Member, new: Member, base: State, head: State) -> list[Event]:
    out = []
    p = new.file
    if set(old.affiliations) != set(new.affiliations):
        out.append(Event("member-affiliation-changed", new.login, p, ("affiliations",),
                         before=[f"{a.entity} ({a.role})" for a in old.affiliations],
                         after=[f"{a.entity} ({a.role})" for a in new.affiliations]))
    if {(r.login.lower(), r.kind) for r in old.relationships} != {
            (r.login.lower(), r.kind) for r in new.relationships}:
        out.append(Event("member-relationship-changed", new.login, p, ("relationships",),
                         before=[f"{r.login} ({r.kind})" for r in old.relationships],
                         after=[f"{r.login} ({r.kind})" for r in new.relationships]))
    if old.github_id != new.github_id:
        out.append(Event("member-identity-changed", new.login, p, ("github_id",),
                         before=old.github_id, after=new.github_id))
    if old.community != new.community:
        out.append(Event("member-community-changed", new.login, p, ("community",),
                         before=old.community, after=new.community))
    od = base.files[old.file].data if old.file in base.files else {}
    nd = head.files[new.file].data if new.file in head.files else {}
    skip = {"affiliations", "relationships", "github_id", "community"}
    fields = sorted(k for k in (set(od) | set(nd)) - skip if od.get(k) != nd.get(k))
    if fields:
        out.append(Event("member-changed", new.login, p, (fields[0],), detail=", ".join(fields),
                         data={"changed": tuple(fields)}))
    return out


# --- core ------------------------------------------------------------------------------------

def _emeritus_logins(items: tuple[Emeritus, ...]) -> dict[str, Emeritus]:
    return {e.login.lower(): e for e in items}


def _core(base: State, head: State) -> list[Event]:
    if "core.yaml" not in base.files or "core.yaml" not in head.files:
        return []
    out: list[Event] = []
    bc, hc = base.core, head.core
    bm, hm = _low(bc.maintainers), _low(hc.maintainers)
    be, he = _emeritus_logins(bc.emeritus), _emeritus_logins(hc.emeritus)
    for key in sorted(hm.keys() - bm.keys()):
        out.append(Event("core-maintainer-added", hm[key], hc.file,
                         ("maintainers", hc.maintainers.index(hm[key]))))
    for i, login in _again(bc.maintainers, hc.maintainers):
        out.append(Event("core-maintainer-added", login, hc.file, ("maintainers", i)))
    for key in sorted(bm.keys() - hm.keys()):
        if key in he and key not in be:
            i = [e.login.lower() for e in hc.emeritus].index(key)
            out.append(Event("core-maintainer-emeritus", bm[key], hc.file, ("emeritus", i)))
        else:
            out.append(Event("core-maintainer-removed", bm[key], hc.file, ("maintainers",)))
    for key in sorted(be.keys() - he.keys()):
        out.append(Event("core-emeritus-deleted", be[key].login, hc.file, ("emeritus",)))
    if (bc.lead or "").lower() != (hc.lead or "").lower():
        out.append(Event("lead-changed", hc.lead or "(vacant)", hc.file, ("lead",),
                         before=bc.lead, after=hc.lead,
                         data={"lead_elected_in": hc.lead_elected_in}))
    changed = [k for k, a, b in (
        ("last_meeting", bc.last_meeting, hc.last_meeting),
        ("lead_elected_in", bc.lead_elected_in, hc.lead_elected_in),
    ) if a != b]
    # the day a maintainer joined (who may vote in the lead's election or removal) is written
    # with their addition; changed later, it is a change of the core record
    both = bm.keys() & hm.keys()
    if ({k: bc.joined_on(bm[k]) for k in both} != {k: hc.joined_on(hm[k]) for k in both}):
        changed.append("joined")
    if not changed:
        be_data = {k: (v.since, v.reason) for k, v in be.items() if k in he}
        he_data = {k: (v.since, v.reason) for k, v in he.items() if k in be}
        if be_data != he_data:
            changed.append("emeritus")
    if changed:
        out.append(Event("core-changed", "core", hc.file, (changed[0],), detail=", ".join(changed),
                         data={"changed": tuple(changed)}))
    return out


# --- modules ---------------------------------------------------------------------------------

_SCOPE = ("kind", "paths", "repositories", "overlaps")
_RULES = ("decision_rule", "inactive_months")


def _modules(base: State, head: State) -> list[Event]:
    out: list[Event] = []
    for slug in sorted(base.modules.keys() | head.modules.keys()):
        old, new = base.modules.get(slug), head.modules.get(slug)
        if old is None and new is not None:
            out.append(Event("module-added", slug, new.file, ("slug",), after=list(new.maintainers),
                             data={"maintainers": list(new.maintainers)}))
        elif new is None and old is not None:
            out.append(Event("module-removed", slug, old.file, ("slug",), side="base"))
        elif old is not None and new is not None:
            out += _module_changes(old, new, base, head)
    return out


def _module_changes(old: Module, new: Module, base: State, head: State) -> list[Event]:
    out: list[Event] = []
    od = base.files[old.file].data
    nd = head.files[new.file].data
    scope = [k for k in _SCOPE if od.get(k) != nd.get(k)]
    if scope:
        out.append(Event("module-rescoped", new.slug, new.file, (scope[0],), module=new.slug,
                         detail=", ".join(scope),
                         before={k: od.get(k) for k in scope}, after={k: nd.get(k) for k in scope}))
    rules = [k for k in _RULES if od.get(k) != nd.get(k)]
    if rules:
        out.append(Event("module-rule-changed", new.slug, new.file, (rules[0],), module=new.slug,
                         detail=", ".join(rules),
                         before={k: od.get(k) for k in rules}, after={k: nd.get(k) for k in rules}))
    bm, hm = _low(old.maintainers), _low(new.maintainers)
    be, he = _emeritus_logins(old.emeritus), _emeritus_logins(new.emeritus)
    for key in sorted(hm.keys() - bm.keys()):
        out.append(Event("module-maintainer-added", hm[key], new.file,
                         ("maintainers", new.maintainers.index(hm[key])), module=new.slug))
    for i, login in _again(old.maintainers, new.maintainers):
        out.append(Event("module-maintainer-added", login, new.file, ("maintainers", i),
                         module=new.slug))
    for key in sorted(bm.keys() - hm.keys()):
        if key in he and key not in be:
            i = [e.login.lower() for e in new.emeritus].index(key)
            out.append(Event("module-maintainer-emeritus", bm[key], new.file, ("emeritus", i),
                             module=new.slug))
        else:
            out.append(Event("module-maintainer-removed", bm[key], new.file, ("maintainers",),
                             module=new.slug))
    for key in sorted(be.keys() - he.keys()):
        out.append(Event("module-emeritus-deleted", be[key].login, new.file, ("emeritus",),
                         module=new.slug))
    skip = set(_SCOPE) | set(_RULES) | {"maintainers", "emeritus"}
    fields = sorted(k for k in (set(od) | set(nd)) - skip if od.get(k) != nd.get(k))
    emeritus_edit = {k: (v.since, v.reason) for k, v in be.items() if k in he} != {
        k: (v.since, v.reason) for k, v in he.items() if k in be}
    if emeritus_edit:
        fields.append("emeritus")
    if fields:
        out.append(Event("module-changed", new.slug, new.file, (fields[0],), module=new.slug,
                         detail=", ".join(fields)))
    return out


# --- policy ----------------------------------------------------------------------------------

def _flat(state: State) -> dict[str, Any]:
    out: dict[str, Any] = {f"organisation.{k}": v for k, v in state.policy.organisation.items()}
    for section, values in state.policy.values.items():
        for k, v in values.items():
            out[f"{section}.{k}"] = v
    return out


def _policy(base: State, head: State) -> list[Event]:
    if "policy.yaml" not in base.files or "policy.yaml" not in head.files:
        return []
    b, h = _flat(base), _flat(head)
    out = []
    for key in sorted(b.keys() | h.keys()):
        if b.get(key) != h.get(key):
            section, _, name = key.partition(".")
            out.append(Event("policy-changed", key, "policy.yaml", (section, name),
                             before=b.get(key), after=h.get(key)))
    return out


# --- council and working group ---------------------------------------------------------------

def _council(base: State, head: State) -> list[Event]:
    if "council.yaml" not in head.files and "council.yaml" not in base.files:
        return []
    out: list[Event] = []
    b = {s.login.lower(): s for s in base.council.seats}
    h = {s.login.lower(): s for s in head.council.seats}
    hs = [s.login.lower() for s in head.council.seats]
    for key in sorted(h.keys() - b.keys()):
        s = h[key]
        out.append(Event("council-seat-added", s.login, head.council.file, ("seats", hs.index(key)),
                         data={"elected_in": s.elected_in, "replaces": s.replaces,
                               "term": (s.term_start, s.term_end, s.cohort)}))
    for key in sorted(b.keys() - h.keys()):
        out.append(Event("council-seat-removed", b[key].login, head.council.file, ("seats",)))
    for key in sorted(b.keys() & h.keys()):
        if b[key] != h[key]:
            s = h[key]
            # every field of the seat: one only re-cased (the login) is still a change
            fields = [f for f in ("login", "cohort", "term_start", "term_end", "elected_in",
                                  "replaces") if getattr(b[key], f) != getattr(s, f)]
            out.append(Event("council-seat-changed", s.login, head.council.file,
                             ("seats", hs.index(key), fields[0]), detail=", ".join(fields),
                             data={"elected_in": s.elected_in, "replaces": s.replaces,
                                   "term": (s.term_start, s.term_end, s.cohort)}))
    br, hr = base.council.resigned, head.council.resigned
    if hr[: len(br)] != br:
        out.append(Event("council-changed", "council", head.council.file, ("resigned",),
                         detail="resigned"))
    else:
        for i, r in enumerate(hr[len(br):], start=len(br)):
            out.append(Event("council-seat-resigned", r.login, head.council.file,
                             ("resigned", i), data={"elected_in": r.elected_in, "date": r.date}))
    if base.council.returning_officer != head.council.returning_officer:
        out.append(Event("council-changed", "council", head.council.file, ("returning_officer",),
                         detail="returning_officer", before=base.council.returning_officer,
                         after=head.council.returning_officer))
    return out


def _working_group(base: State, head: State) -> list[Event]:
    out: list[Event] = []
    bw, hw = base.working_group, head.working_group
    bm, hm = _low(bw.members), _low(hw.members)
    for key in sorted(hm.keys() - bm.keys()):
        out.append(Event("wg-member-added", hm[key], hw.file,
                         ("members", hw.members.index(hm[key]))))
    for i, login in _again(bw.members, hw.members):
        out.append(Event("wg-member-added", login, hw.file, ("members", i)))
    for key in sorted(bm.keys() - hm.keys()):
        out.append(Event("wg-member-removed", bm[key], hw.file, ("members",)))
    fields = [f for f in ("chair", "next_session") if getattr(bw, f) != getattr(hw, f)]
    if fields:
        out.append(Event("wg-changed", "working group", hw.file, (fields[0],),
                         detail=", ".join(fields)))
    return out


# --- ecosystem -------------------------------------------------------------------------------

def _projects(base: State, head: State) -> list[Event]:
    out: list[Event] = []
    for slug in sorted(base.projects.keys() | head.projects.keys()):
        old, new = base.projects.get(slug), head.projects.get(slug)
        if old is None and new is not None:
            out.append(Event("project-added", slug, new.file, ("status",), after=new.status))
        elif new is None and old is not None:
            out.append(Event("project-removed", slug, old.file, ("slug",), side="base",
                             before=old.status))
        elif old is not None and new is not None:
            out += _project_changes(old, new)
    return out


def _project_changes(old: Project, new: Project) -> list[Event]:
    out = []
    if old.status != new.status:
        out.append(Event("project-status-changed", new.slug, new.file, ("status",),
                         before=old.status, after=new.status))
    od, nd = old.data.get("decisions", []), new.data.get("decisions", [])
    if od != nd:
        out.append(Event("project-decision-changed", new.slug, new.file, ("decisions",),
                         data={"before": od, "after": nd}))
    fields = sorted(k for k in (set(old.data) | set(new.data)) - {"status", "decisions"}
                    if old.data.get(k) != new.data.get(k))
    if fields:
        out.append(Event("project-changed", new.slug, new.file, (fields[0],),
                         detail=", ".join(fields)))
    return out


# --- everything that is not governance data --------------------------------------------------

def _other_files(changes: list[Change]) -> list[Event]:
    out: list[Event] = []
    elections: dict[str, list[Change]] = {}
    for c in changes:
        kind = classify(c.path)
        word = _STATUS_WORD[c.status]
        if kind == "election":
            parts = c.path.split("/")
            ident = parts[1] if len(parts) > 2 else c.path
            elections.setdefault(ident, []).append(c)
        elif kind == "generated":
            out.append(Event("generated-changed", c.path, c.path, detail=word))
        elif kind == "tooling":
            out.append(Event("tooling-changed", c.path, c.path, detail=word,
                             side="base" if c.status == "D" else "head"))
        elif kind == "other":
            out.append(Event("file-changed", c.path, c.path, detail=word,
                             side="base" if c.status == "D" else "head"))
    for ident, items in sorted(elections.items()):
        words = sorted({f"{c.path.split('/', 2)[-1]} {_STATUS_WORD[c.status]}" for c in items})
        out.append(Event("election-changed", ident, items[0].path, detail="; ".join(words),
                         data={"files": [c.path for c in items]}))
    return out
