"""The maintainers page as a diff against the repository: members, modules, core, page layout.

What the page holds and what it does not:

* module-level groups become modules of kind ``paths`` -- the page names no paths, so they are
  left for people to fill (a warning per module says so); library-level groups become modules of
  kind ``repository``, with the repositories given on the command line;
* ``(emeritus)`` entries become the module's emeritus list; the page dates none of them, so a new
  entry's ``since`` is the import's ``--as-of`` day (reported), and an existing entry keeps its own;
* the lead and the core maintainers go to ``core.yaml``; everything else the page says (its title,
  prose sections, the order of its groups) to ``pages/maintainers-rst.yaml``, so that
  ``charter export maintainers-rst`` writes the page again.

Nothing on the page is lost silently: a person the page no longer lists as emeritus stays emeritus
(records are never deleted), and a module missing from the page is kept unless ``--prune``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.scalarstring import LiteralScalarString

from charter import roundtrip
from charter.findings import Finding, Severity
from charter.importers import people as people_mod
from charter.importers.plan import Editor, FileChange, Plan, drop_key, layout_change, set_key
from charter.importers.rst import Entry, Group, Page
from charter.model import State

LAYOUT = "pages/maintainers-rst.yaml"
_LAYOUT_COMMENT = ("The layout of the published maintainers page: its title, prose sections\n"
                   "and the order of its groups. charter export maintainers-rst renders the page\n"
                   "from this and the data; charter import maintainers-rst writes it.")


@dataclass
class Options:
    as_of: str
    repositories: dict[str, list[str]] = field(default_factory=dict)  # title or slug -> repos
    prune: bool = False
    output: str | None = None


def slug_for(title: str) -> str:
    """A module slug from a group title: lower case, the parenthesised part dropped."""
    base = re.sub(r"\([^)]*\)", " ", title).replace("++", "pp").replace("+", " ")
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")
    if not slug:
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "module"
    return slug[:63].strip("-")


def _key(title: str) -> str:
    return " ".join(title.lower().split())


@dataclass
class _Group:
    """A page group with its people resolved: who maintains it, who is emeritus."""

    title: str
    line: int
    kind: str
    active: list[str]
    emeritus: list[tuple[str, int]]  # login, page line


def build(page: Page, state: State, root: Path, opts: Options) -> Plan:
    plan = Plan(findings=list(page.findings))
    label = page.label
    mentions = [people_mod.Mention(e.login, e.name, e.line, where) for where, e in page.entries()]
    persons, found = people_mod.resolve(mentions, state, label)
    plan.findings += found
    ed = Editor(root)

    def login(e: Entry) -> str:
        return persons[e.login.lower()].login

    # members: one file per person, the name kept as resolved
    for low, p in sorted(persons.items()):
        member = state.member(low)
        if member is None:
            plan.add(ed.create(f"members/{p.login}.yaml", {"login": p.login, "name": p.name},
                               p.name, [f"new member {p.login} ({p.name})"]))
        elif member.name != p.name:
            doc = ed.read(member.file)
            if doc is not None and set_key(doc.data, "name", p.name):
                plan.add(ed.update(member.file, doc, [f"name: {member.name!r} -> {p.name!r}"]))

    groups: list[_Group] = []
    for s in page.sections:
        for g in s.groups:
            groups.append(_resolve_group(g, s.kind or "paths", login, plan, label))
            parts = [p.strip() for p in re.split(r"\s+/\s+|\s+&\s+|\s+and\s+", g.title)]
            if s.kind == "repository" and len(parts) > 1:
                plan.findings.append(Finding(
                    label, g.line, 1, "IMPORT-SECTION",
                    f"group {g.title!r} names several libraries ({', '.join(parts)}): imported "
                    "as one module with one maintainer group; give it each library's repository",
                    Severity.NOTICE))
    _report_emeritus_elsewhere(groups, plan, label)
    slugs = _modules(groups, state, ed, opts, plan, label)
    _core(page, state, ed, login, opts, plan, label)
    _layout(page, slugs, ed, opts, plan)
    plan.summary.append(f"{len(page.entries())} entries, {len(persons)} people, "
                        f"{len(groups)} groups read from {label}")
    return plan


def _resolve_group(g: Group, kind: str, login: Any, plan: Plan, label: str) -> _Group:
    active: list[str] = []
    emeritus: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    for e in g.entries:
        who = login(e)
        low = who.lower()
        if low in seen:
            plan.findings.append(Finding(label, e.line, 1, "IMPORT-ENTRY",
                                         f"{who} is listed twice in {g.title!r} (first at line "
                                         f"{seen[low]}); imported once", Severity.WARNING))
            if not e.emeritus and low in {x.lower() for x, _ in emeritus}:
                emeritus = [(x, n) for x, n in emeritus if x.lower() != low]
                active.append(who)
            continue
        seen[low] = e.line
        if e.emeritus:
            emeritus.append((who, e.line))
        else:
            active.append(who)
    return _Group(g.title, g.line, kind, active, emeritus)


def _report_emeritus_elsewhere(groups: list[_Group], plan: Plan, label: str) -> None:
    active_in: dict[str, list[str]] = {}
    for g in groups:
        for who in g.active:
            active_in.setdefault(who.lower(), []).append(g.title)
    for g in groups:
        for who, line in g.emeritus:
            elsewhere = active_in.get(who.lower())
            if elsewhere:
                plan.findings.append(Finding(
                    label, line, 1, "IMPORT-EMERITUS",
                    f"{who} is emeritus of {g.title!r} and a maintainer of "
                    f"{', '.join(repr(t) for t in elsewhere)}: emeritus is recorded per module, "
                    "so both are kept", Severity.NOTICE))


def _match(groups: list[_Group], state: State) -> dict[int, str | None]:
    by_name = {_key(m.name): m.slug for m in state.modules.values()}
    out: dict[int, str | None] = {}
    taken: set[str] = set()
    for i, g in enumerate(groups):
        slug = by_name.get(_key(g.title))
        if slug is None and slug_for(g.title) in state.modules:
            slug = slug_for(g.title)
        if slug in taken:
            slug = None
        if slug is not None:
            taken.add(slug)
        out[i] = slug
    return out


def _modules(groups: list[_Group], state: State, ed: Editor, opts: Options, plan: Plan,
             label: str) -> list[str]:
    matched = _match(groups, state)
    used = {s for s in matched.values() if s}
    order: list[str] = []
    for i, g in enumerate(groups):
        slug = matched[i]
        repos = opts.repositories.get(_key(g.title)) or opts.repositories.get(slug_for(g.title))
        if slug is None:
            slug = _new_slug(g, used, plan, label)
            used.add(slug)
            plan.add(_new_module(g, slug, repos, ed, opts, plan, label))
        else:
            plan.add(_update_module(g, state, slug, repos, ed, opts, plan, label))
        order.append(slug)
    for slug, m in sorted(state.modules.items()):
        if slug in order:
            continue
        if opts.prune:
            plan.add(ed.delete(m.file, [f"module {slug} is not on the page (--prune)"]))
        else:
            plan.findings.append(Finding(label, 0, 0, "IMPORT-SECTION",
                                         f"module {slug} ({m.file}) is not on the page; kept "
                                         "(--prune removes modules the page does not list)",
                                         Severity.WARNING))
    return order


def _new_slug(g: _Group, used: set[str], plan: Plan, label: str) -> str:
    slug = slug_for(g.title)
    if slug not in used:
        return slug
    inner = re.findall(r"\(([^)]*)\)", g.title)
    candidate = slug_for(f"{slug} {inner[0]}") if inner else slug
    n = 2
    while candidate in used:
        candidate = f"{slug[:60]}-{n}"
        n += 1
    plan.findings.append(Finding(label, g.line, 1, "IMPORT-SECTION",
                                 f"group {g.title!r} would be module {slug!r}, which another group "
                                 f"already is; imported as {candidate!r} (rename the file to "
                                 "choose another)", Severity.WARNING))
    return candidate


def _emeritus_entries(g: _Group, existing: list[Any], opts: Options, plan: Plan, label: str,
                      what: str) -> list[dict[str, Any]]:
    have = {str(e.get("login", "")).lower(): e for e in existing if isinstance(e, dict)}
    out: list[dict[str, Any]] = []
    active = {a.lower() for a in g.active}
    for who, line in g.emeritus:
        old = have.get(who.lower())
        if old is not None:
            out.append(dict(old))
            continue
        out.append({"login": who, "since": roundtrip.quoted(opts.as_of)})
        plan.findings.append(Finding(label, line, 1, "IMPORT-EMERITUS",
                                     f"{who} is emeritus of {what}; the page gives no date, so "
                                     f"since: is the import's day ({opts.as_of}, --as-of): "
                                     "correct it if the date is known", Severity.NOTICE))
    page = {w.lower() for w, _ in g.emeritus}
    for low, old in have.items():
        if low not in page and low not in active:
            out.append(dict(old))
            plan.findings.append(Finding(label, g.line, 1, "IMPORT-EMERITUS",
                                         f"{old.get('login')} is emeritus of {what} in the "
                                         "repository but not on the page; kept (emeritus "
                                         "records are never deleted)", Severity.WARNING))
    return out


def _paths_warning(g: _Group, slug: str, plan: Plan, label: str) -> None:
    if g.kind == "paths":
        plan.findings.append(Finding(label, g.line, 1, "IMPORT-PATHS",
                                     f"module {slug} ({g.title!r}) has no paths yet: the page "
                                     f"names none; add them to modules/{slug}.yaml so CODEOWNERS "
                                     "routes its reviews", Severity.WARNING))
    else:
        plan.findings.append(Finding(label, g.line, 1, "IMPORT-PATHS",
                                     f"module {slug} ({g.title!r}) is a whole repository, but "
                                     "which one the page does not say; pass --repository "
                                     f"'{g.title}=OWNER/NAME' or add repositories: to "
                                     f"modules/{slug}.yaml", Severity.WARNING))


def _new_module(g: _Group, slug: str, repos: list[str] | None, ed: Editor, opts: Options,
                plan: Plan, label: str) -> FileChange:
    data: dict[str, Any] = {"slug": slug, "name": g.title, "kind": g.kind}
    if g.kind == "repository" and repos:
        data["repositories"] = list(repos)
    else:
        _paths_warning(g, slug, plan, label)
    data["maintainers"] = list(g.active)
    emeritus = _emeritus_entries(g, [], opts, plan, label, repr(g.title))
    if emeritus:
        data["emeritus"] = emeritus
    comment = f"{g.title}: imported from the maintainers page."
    if "repositories" not in data:
        fill = "paths" if g.kind == "paths" else "repositories"
        comment += f"\nTo fill: {fill} (the page names none)."
    if emeritus:
        comment += "\nEmeritus since: the import's day unless corrected (the page has no dates)."
    details = [f"new module {slug} ({g.kind}): {len(g.active)} maintainers, "
               f"{len(emeritus)} emeritus"]
    return ed.create(f"modules/{slug}.yaml", data, comment, details)


def _update_module(g: _Group, state: State, slug: str, repos: list[str] | None, ed: Editor,
                   opts: Options, plan: Plan, label: str) -> FileChange | None:
    m = state.modules[slug]
    if not (m.paths or m.repositories or (m.kind == "repository" and repos)):
        _paths_warning(g, slug, plan, label)
    if (m.name, m.kind, list(m.maintainers), [e.login for e in m.emeritus]) == \
            (g.title, g.kind, g.active, [w for w, _n in g.emeritus]) \
            and not (repos and list(m.repositories) != list(repos)):
        return None  # the module already says what the page says: no round-trip read
    doc = ed.read(m.file)
    if doc is None:
        return None
    data = doc.data
    details: list[str] = []
    if m.name != g.title and set_key(data, "name", g.title):
        details.append(f"name: {m.name!r} -> {g.title!r}")
    if m.kind != g.kind:
        plan.findings.append(Finding(label, g.line, 1, "IMPORT-SECTION",
                                     f"{g.title!r} is a {g.kind} group on the page, but module "
                                     f"{slug} is of kind {m.kind}; its kind is kept",
                                     Severity.WARNING))
    elif m.kind == "repository" and repos and list(m.repositories) != list(repos) \
            and set_key(data, "repositories", list(repos), after="kind"):
        details.append(f"repositories: {', '.join(repos)}")
    if list(m.maintainers) != g.active:
        old = {x.lower() for x in m.maintainers}
        new = {x.lower() for x in g.active}
        added = [x for x in g.active if x.lower() not in old]
        gone = [x for x in m.maintainers if x.lower() not in new]
        set_key(data, "maintainers", list(g.active), after="kind")
        details.append("maintainers: " + ", ".join([*(f"+{x}" for x in added),
                                                    *(f"-{x}" for x in gone)] or ["reordered"]))
    emeritus = _emeritus_entries(g, list(data.get("emeritus") or []), opts, plan, label,
                                 repr(g.title))
    before = [str(e.get("login")) for e in data.get("emeritus") or []]
    after = [str(e["login"]) for e in emeritus]
    if before != after:
        if emeritus:
            set_key(data, "emeritus", emeritus, after="maintainers")
        else:
            drop_key(data, "emeritus")
        details.append("emeritus: " + ", ".join(
            [*(f"+{x}" for x in after if x not in before),
             *(f"-{x}" for x in before if x not in after)] or ["reordered"]))
    return ed.update(m.file, doc, details or ["layout"])


def _core(page: Page, state: State, ed: Editor, login: Any, opts: Options, plan: Plan,
          label: str) -> None:
    lead_s = next((s for s in page.sections if s.role == "lead"), None)
    core_s = next((s for s in page.sections if s.role == "core"), None)
    if lead_s is None and core_s is None:
        return
    data: dict[str, Any] = {}
    doc = ed.read("core.yaml")
    current = doc.data if doc is not None else {"lead": None, "maintainers": []}
    lead = current.get("lead")
    if lead_s is not None:
        leads = [login(e) for e in lead_s.entries if not e.emeritus]
        lead = leads[0] if leads else None
    maintainers = list(current.get("maintainers") or [])
    emeritus = list(current.get("emeritus") or [])
    if core_s is not None:
        g = _resolve_group(Group(core_s.title, core_s.line, core_s.entries), "core", login,
                           plan, label)
        maintainers = g.active
        emeritus = _emeritus_entries(g, emeritus, opts, plan, label, "the core maintainers")
        if lead and lead.lower() not in {x.lower() for x in maintainers}:
            plan.findings.append(Finding(label, lead_s.line if lead_s else core_s.line, 1,
                                         "IMPORT-SECTION", f"the lead {lead} is not listed under "
                                         f"{core_s.title!r}; a lead is one of the core "
                                         "maintainers (GOV-ROLES)", Severity.ERROR))
    data = {"lead": lead, "maintainers": maintainers}
    if emeritus:
        data["emeritus"] = emeritus
    if doc is None:
        plan.add(ed.create("core.yaml", data, "The core maintainers and their lead (GOV-ROLES).",
                           [f"lead {lead}, {len(maintainers)} core maintainers"]))
        return
    details = []
    if set_key(doc.data, "lead", lead):
        details.append(f"lead: {current.get('lead')} -> {lead}")
    if set_key(doc.data, "maintainers", maintainers, after="lead"):
        details.append("maintainers: " + ", ".join(maintainers))
    if [str(e.get("login")) for e in current.get("emeritus") or []] != \
            [str(e.get("login")) for e in emeritus]:
        set_key(doc.data, "emeritus", emeritus, after="maintainers")
        details.append("emeritus: " + ", ".join(str(e["login"]) for e in emeritus))
    plan.add(ed.update("core.yaml", doc, details))


def layout_data(page: Page, slugs: list[str]) -> dict[str, Any]:
    """The page's own words and order, as ``pages/maintainers-rst.yaml`` holds them."""
    out: dict[str, Any] = {}
    if page.title:
        out["title"] = page.title
    if page.intro:
        out["intro"] = LiteralScalarString(page.intro + "\n")
    sections: list[dict[str, Any]] = []
    it = iter(slugs)
    for s in page.sections:
        entry: dict[str, Any] = {"title": s.title}
        if s.role == "prose":
            entry["text"] = LiteralScalarString(s.text + "\n") if s.text else ""
        else:
            entry["shows"] = s.role
        if s.role == "modules":
            entry["kind"] = s.kind
            if s.text:
                entry["text"] = LiteralScalarString(s.text + "\n")
            entry["modules"] = [next(it) for _ in s.groups]
        sections.append(entry)
    out["sections"] = sections
    return out


def _layout(page: Page, slugs: list[str], ed: Editor, opts: Options, plan: Plan) -> None:
    data = layout_data(page, slugs)
    plan.add(layout_change(ed, LAYOUT, data, _LAYOUT_COMMENT, opts.output,
                           f"page layout: {len(data['sections'])} sections",
                           optional=("title", "intro")))
