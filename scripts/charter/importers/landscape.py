"""A cncf/landscape2 ``landscape.yml`` read into ecosystem records, as a diff against the repo.

The file is read by charter's own safe YAML reader (no aliases, tags, duplicate keys; bounded
depth), so a hostile landscape is refused with its line before anything expands. Then:

* items of a member-companies category (``--members-category``, by default any category whose
  name says "member") are not ecosystem projects and are skipped, one finding per category;
  items marked ``project: foundation`` are the foundation's own projects and are skipped too;
* ``project: archived`` becomes status ``retired``, every other item ``active``; the landscape's
  description, homepage and category are kept on the record, and what charter has no field for
  (logo, crunchbase, extra, ...) under ``landscape:`` so that ``charter export landscape`` can
  write the item back;
* ``repo_url`` becomes ``owner/name`` when that is unambiguous -- stray whitespace, a trailing
  slash, ``.git``, a sub-page such as ``/graphs/commit-activity`` are dropped and reported; an
  organisation's address names no repository, so the item waits for a person to choose one
  (``--repository NAME=OWNER/REPO``) and is reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from charter import roundtrip, schema, yamlio
from charter.errors import CharterError, YamlError
from charter.findings import Finding, Severity
from charter.importers.plan import Editor, Plan, drop_key, layout_change, set_key
from charter.importers.source import MAX_BYTES, Source
from charter.model import State, is_login

LAYOUT = "pages/landscape.yaml"
_LAYOUT_COMMENT = ("The categories charter writes into the published landscape, in order, and\n"
                   "the order of the projects in each. charter export landscape renders them\n"
                   "from the ecosystem records; charter import landscape writes this file.")
# The keys charter maps to record fields; every other key of an item is kept under landscape:.
MAPPED = ("item", "name", "description", "homepage_url", "repo_url", "project")
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


@dataclass
class Options:
    as_of: str
    repositories: dict[str, str] = field(default_factory=dict)  # item name (lower) -> owner/name
    members_category: str | None = None
    prune: bool = False
    output: str | None = None


@dataclass
class Item:
    """One landscape item with where it sits (category, subcategory) and its source line."""

    category: str
    subcategory: str
    data: dict[str, Any]
    line: int
    path: tuple[str | int, ...]


@dataclass
class Landscape:
    label: str
    categories: list[tuple[str, list[str]]]  # name, subcategory names, in file order
    items: list[Item]
    lines: dict[tuple[str | int, ...], int]  # (path..., key) -> line of the value
    findings: list[Finding]


def _index(node: yaml.Node, path: tuple[str | int, ...], out: dict[tuple[str | int, ...], int],
           depth: int = 0) -> None:
    """Line of every value, by path: enough to point at each item and field."""
    out[path] = node.start_mark.line + 1
    if depth > 8:
        return
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                _index(v, (*path, k.value), out, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _index(v, (*path, i), out, depth + 1)


def parse(src: Source) -> Landscape:
    """Every item of the landscape with its place; shape problems are findings or, for a file
    that is not a landscape at all, a :class:`CharterError`."""
    try:
        data = yamlio.loads(src.text.encode("utf-8"), max_bytes=MAX_BYTES)
    except YamlError as exc:
        where = f"{src.label}:{exc.line}:{exc.col}" if exc.line else src.label
        raise CharterError(f"{where}: {exc.rule} {exc.message} (a landscape is plain YAML: "
                           "fix the file and import it again)") from None
    lines: dict[tuple[str | int, ...], int] = {}
    _index(yaml.compose(src.text, Loader=yaml.CSafeLoader), (), lines)
    if not isinstance(data, dict) or not isinstance(data.get("landscape"), list):
        raise CharterError(f"{src.label}: IMPORT-SYNTAX not a landscape: the file must hold "
                           "'landscape:', a list of categories (cncf/landscape2 format)")
    findings = list(src.findings)

    def bad(path: tuple[str | int, ...], what: str) -> None:
        findings.append(Finding(src.label, lines.get(path, 0), 1, "IMPORT-SYNTAX",
                                f"{what}; skipped", Severity.WARNING))

    categories: list[tuple[str, list[str]]] = []
    items: list[Item] = []
    for ci, cat in enumerate(data["landscape"]):
        cpath: tuple[str | int, ...] = ("landscape", ci)
        if not isinstance(cat, dict) or not isinstance(cat.get("name"), str):
            bad(cpath, "a category without a name")
            continue
        subs: list[str] = []
        categories.append((cat["name"], subs))
        for si, sub in enumerate(cat.get("subcategories") or []):
            spath = (*cpath, "subcategories", si)
            if not isinstance(sub, dict) or not isinstance(sub.get("name"), str):
                bad(spath, f"a subcategory of {cat['name']!r} without a name")
                continue
            subs.append(sub["name"])
            for ii, it in enumerate(sub.get("items") or []):
                ipath = (*spath, "items", ii)
                if not isinstance(it, dict) or not isinstance(it.get("name"), str) \
                        or not it["name"].strip():
                    bad(ipath, f"an item of {cat['name']} / {sub['name']} without a name")
                    continue
                items.append(Item(cat["name"], sub["name"], it,
                                  lines.get((*ipath, "name"), lines.get(ipath, 0)), ipath))
    return Landscape(src.label, categories, items, lines, findings)


def slug_for(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:63].strip("-")
    return slug or "project"


def repository(url: str) -> tuple[str | None, str | None, bool]:
    """``(owner/name, problem, changed)`` for a repository address.

    ``problem`` says why there is no unambiguous repository; ``changed`` is True when the
    address had to be trimmed to give one.
    """
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() not in ("github.com",
                                                                            "www.github.com"):
        return None, (f"{text!r} is not a GitHub address; ecosystem records name a GitHub "
                      "repository"), False
    segs = [s for s in parts.path.split("/") if s]
    if not segs:
        return None, f"{text!r} names no organisation or repository", False
    if len(segs) == 1:
        return None, (f"{text!r} is the organisation {segs[0]!r}, not a repository: a person "
                      "has to choose which of its repositories is the project (--repository "
                      "'NAME=OWNER/REPO')"), False
    owner, name = segs[0], segs[1].removesuffix(".git")
    if not is_login(owner) or not _NAME.match(name):
        return None, f"{text!r} does not name a GitHub repository", False
    repo = f"{owner}/{name}"
    return repo, None, text != url or text != f"https://github.com/{repo}"


def _why_changed(url: str, repo: str) -> str:
    text = url.strip()
    reasons = []
    if text != url:
        reasons.append("stray whitespace")
    rest = urlsplit(text)
    segs = [s for s in rest.path.split("/") if s]
    if len(segs) > 2:
        reasons.append(f"the sub-path /{'/'.join(segs[2:])}")
    if rest.scheme != "https" or rest.netloc.lower() != "github.com":
        reasons.append(f"{rest.scheme}://{rest.netloc}")
    if rest.path.endswith("/") and len(segs) == 2:
        reasons.append("a trailing slash")
    if segs[1:2] and segs[1].endswith(".git"):
        reasons.append(".git")
    if rest.query or rest.fragment:
        reasons.append("a query or fragment")
    return ", ".join(reasons) or "its form"


@dataclass
class _Record:
    slug: str
    data: dict[str, Any]
    item: Item


def _is_members(name: str, opts: Options) -> bool:
    if opts.members_category is not None:
        return name.strip().lower() == opts.members_category.strip().lower()
    return "member" in name.lower()


def records(ls: Landscape, src: Source, state: State, opts: Options,
            plan: Plan) -> list[_Record]:
    """The ecosystem records the landscape describes, with a finding for each normalisation."""
    label = ls.label
    out: list[_Record] = []
    skipped: dict[str, int] = {}
    by_repo: dict[str, _Record] = {}
    slugs: set[str] = set()

    def note(line: int, rule: str, msg: str, sev: Severity = Severity.WARNING) -> None:
        plan.findings.append(Finding(label, line, 1, rule, msg, sev))

    for it in ls.items:
        d = it.data
        name = " ".join(str(d["name"]).split())
        if _is_members(it.category, opts):
            skipped[it.category] = skipped.get(it.category, 0) + 1
            continue
        project = d.get("project")
        if project == "foundation":
            note(it.line, "IMPORT-SKIPPED", f"{name} is a project of the foundation itself "
                 f"({it.category} / {it.subcategory}), not an ecosystem project; not imported",
                 Severity.NOTICE)
            continue
        if project not in (None, "archived"):
            note(it.line, "IMPORT-SKIPPED", f"{name}: project: {project!r} is not a status "
                 "charter knows (archived or none); imported as active")
        url = d.get("repo_url")
        repo: str | None = None
        chosen = opts.repositories.get(name.lower())
        if chosen:
            repo = chosen
            note(it.line, "IMPORT-REPOSITORY", f"{name}: repository {repo} as chosen with "
                 f"--repository (the landscape says {str(url or '').strip()!r})", Severity.NOTICE)
        elif not isinstance(url, str) or not url.strip():
            note(it.line, "IMPORT-REPOSITORY", f"{name} has no repo_url; not imported (a record "
                 "names its GitHub repository)")
            continue
        else:
            repo, problem, changed = repository(url)
            url_line = ls.lines.get((*it.path, "repo_url"), it.line)
            if repo is None:
                note(url_line, "IMPORT-REPOSITORY", f"{name}: {problem}; not imported")
                continue
            raw = src.line(url_line)
            trailing = raw != raw.rstrip()
            if changed or trailing:
                why = _why_changed(url, repo)
                if trailing and "stray whitespace" not in why:
                    why = "stray whitespace" if why == "its form" else f"stray whitespace, {why}"
                sev = Severity.WARNING if "/tree/" in url else Severity.NOTICE
                note(url_line, "IMPORT-REPOSITORY", f"{name}: repo_url {url.strip()!r} read as "
                     f"{repo} ({why} dropped)", sev)
        low = repo.lower()
        if low in by_repo:
            first = by_repo[low]
            note(it.line, "IMPORT-REPOSITORY", f"{name} names {repo}, already imported as "
                 f"{first.slug} (line {first.item.line}); listed once")
            continue
        rec = _record(it, name, repo, opts, plan, label)
        slug = _existing_slug(state, repo) or slug_for(name)
        if slug in slugs:
            n = 2
            while f"{slug}-{n}" in slugs:
                n += 1
            note(it.line, "IMPORT-SKIPPED", f"{name} would be ecosystem/{slug}.yaml, which "
                 f"another item already is; imported as {slug}-{n}")
            slug = f"{slug}-{n}"
        slugs.add(slug)
        rec["slug"] = slug
        r = _Record(slug, rec, it)
        by_repo[low] = r
        out.append(r)
    for cat, n in skipped.items():
        line = next((ls.lines.get(("landscape", i, "name"), 0)
                     for i, (c, _s) in enumerate(ls.categories) if c == cat), 0)
        note(line, "IMPORT-SKIPPED", f"category {cat!r} lists the member companies ({n} items), "
             "not ecosystem projects; not imported", Severity.NOTICE)
    return out


def _existing_slug(state: State, repo: str) -> str | None:
    for p in state.projects.values():
        if p.repository.lower() == repo.lower():
            return p.slug
    return None


def _record(it: Item, name: str, repo: str, opts: Options, plan: Plan,
            label: str) -> dict[str, Any]:
    d = it.data
    rec: dict[str, Any] = {"slug": "", "name": name, "repository": repo,
                           "status": "retired" if d.get("project") == "archived" else "active"}
    desc = d.get("description")
    if isinstance(desc, str) and desc.strip():
        desc = desc.strip()
        if schema.is_valid("ecosystem", {"slug": "x", "name": "x", "repository": "a/b",
                                         "status": "new", "description": desc}):
            rec["description"] = desc
        else:
            plan.findings.append(Finding(label, it.line, 1, "IMPORT-SKIPPED",
                                         f"{name}: the description is longer than 2,000 "
                                         "characters or holds control characters; not imported",
                                         Severity.WARNING))
    home = d.get("homepage_url")
    if isinstance(home, str) and re.fullmatch(r"https?://\S+", home.strip()) \
            and len(home.strip()) <= 2000:
        rec["homepage"] = home.strip()
    elif home:
        plan.findings.append(Finding(label, it.line, 1, "IMPORT-SKIPPED",
                                     f"{name}: homepage_url {str(home)[:80]!r} is not an http(s) "
                                     "address; not imported", Severity.WARNING))
    rec["category"] = {"name": it.category, "subcategory": it.subcategory}
    rest = {k: v for k, v in d.items() if k not in MAPPED}
    bad = [k for k in rest if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", str(k))]
    for k in bad:
        rest.pop(k)
        plan.findings.append(Finding(label, it.line, 1, "IMPORT-SKIPPED",
                                     f"{name}: key {k!r} is not a landscape field; not kept",
                                     Severity.WARNING))
    if rest:
        rec["landscape"] = rest
    rec["imported"] = {"from": "landscape", "date": roundtrip.quoted(opts.as_of)}
    if rec["status"] == "retired":
        rec["retired"] = {"date": roundtrip.quoted(opts.as_of),
                          "reason": "archived in the landscape (project: archived) when it was "
                                    "imported; the landscape does not record the day"}
    return rec


def build(ls: Landscape, src: Source, state: State, root: Path, opts: Options) -> Plan:
    plan = Plan(findings=list(ls.findings))
    recs = records(ls, src, state, opts, plan)
    ed = Editor(root)
    retired = sum(1 for r in recs if r.data["status"] == "retired")
    for r in recs:
        rel = f"ecosystem/{r.slug}.yaml"
        existing = state.projects.get(r.slug)
        if existing is None:
            what = f"new project {r.slug} ({r.data['status']}, {r.data['repository']})"
            plan.add(ed.create(rel, r.data, f"{r.data['name']}: imported from the landscape.",
                               [what]))
            continue
        if _unchanged(existing.data, r.data):
            continue  # nothing to edit: skip the round-trip read
        plan.add(_update(existing.file, r, ed, plan, ls.label))
    seen = {r.slug for r in recs}
    for slug, p in sorted(state.projects.items()):
        if slug in seen or "category" not in p.data:
            continue
        if opts.prune and p.data.get("imported"):
            plan.add(ed.delete(p.file, [f"project {slug} is not in the landscape (--prune)"]))
        else:
            plan.findings.append(Finding(ls.label, 0, 0, "IMPORT-SKIPPED",
                                         f"{p.file} is in the landscape's categories but not in "
                                         "this landscape; kept (--prune removes an imported "
                                         "record the landscape no longer lists)",
                                         Severity.WARNING))
    _layout(ls, recs, ed, opts, plan)
    plan.summary.append(f"{len(ls.items)} items read from {ls.label}: {len(recs)} ecosystem "
                        f"projects ({len(recs) - retired} active, {retired} retired)")
    return plan


_MANAGED = ("name", "repository", "status", "description", "homepage", "category", "landscape")


def _unchanged(current: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(current.get(k) == wanted.get(k) for k in _MANAGED)


def _update(rel: str, r: _Record, ed: Editor, plan: Plan, label: str) -> Any:
    doc = ed.read(rel)
    if doc is None:
        return None
    data = doc.data
    details: list[str] = []
    old_status = data.get("status")
    new = r.data
    for key, after in (("name", "slug"), ("repository", "name"), ("description", "status"),
                       ("homepage", "description"), ("category", "homepage"),
                       ("landscape", "category")):
        if key in new:
            if set_key(data, key, new[key], after=after):
                details.append(f"{key} changed")
        elif key in ("description", "homepage", "landscape") and drop_key(data, key):
            details.append(f"{key} removed")
    if old_status != new["status"]:
        if old_status in ("active", "retired"):
            set_key(data, "status", new["status"])
            details.append(f"status: {old_status} -> {new['status']}")
            if new["status"] == "retired" and "retired" not in data:
                set_key(data, "retired", new["retired"])
            plan.findings.append(Finding(label, r.item.line, 1, "IMPORT-SKIPPED",
                                         f"{r.data['name']}: {old_status} in {rel}, "
                                         f"{new['status']} in the landscape; the status follows "
                                         "the landscape (record the decision: charter ecosystem "
                                         "decide)", Severity.WARNING))
        else:
            plan.findings.append(Finding(label, r.item.line, 1, "IMPORT-SKIPPED",
                                         f"{r.data['name']}: {rel} is {old_status} (an "
                                         "application), the landscape lists it; status kept",
                                         Severity.WARNING))
    return ed.update(rel, doc, details)


def layout_data(ls: Landscape, recs: list[_Record]) -> dict[str, Any]:
    placed: dict[tuple[str, str], list[str]] = {}
    for r in recs:
        placed.setdefault((r.item.category, r.item.subcategory), []).append(r.slug)
    cats = []
    for name, subs in ls.categories:
        entries = [{"name": s, "items": placed[(name, s)]} for s in subs if (name, s) in placed]
        if entries:
            cats.append({"name": name, "subcategories": entries})
    return {"categories": cats}


def _layout(ls: Landscape, recs: list[_Record], ed: Editor, opts: Options, plan: Plan) -> None:
    data = layout_data(ls, recs)
    for c in data["categories"]:
        for s in c["subcategories"]:
            s["items"] = roundtrip.seq(s["items"], flow=True)
    plan.add(layout_change(ed, LAYOUT, data, _LAYOUT_COMMENT, opts.output,
                           f"landscape layout: {len(data['categories'])} categories"))
