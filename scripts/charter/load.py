"""Read a repository tree into a :class:`~charter.model.State`, collecting every file problem.

Parse and schema failures are findings, not exceptions: one broken file never hides the problems
of the others. A file that fails its schema is left out of the state, so rules only ever see data
of the right shape.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from charter import schema, yamlio
from charter.errors import YamlError
from charter.findings import Finding, Severity
from charter.model import (
    Affiliation,
    Core,
    Council,
    DecisionRule,
    Emeritus,
    Member,
    Module,
    Project,
    Relationship,
    Resignation,
    Seat,
    SourceFile,
    State,
    WorkingGroup,
)
from charter.policy import Policy
from charter.tree import Tree

SINGLE_FILES = {
    "policy.yaml": "policy",
    "core.yaml": "core",
    "council.yaml": "council",
    "ecosystem-wg.yaml": "working-group",
    "codeowners.yaml": "codeowners",
}
REQUIRED = ("policy.yaml", "core.yaml")
FOLDERS = {"members": "member", "modules": "module", "ecosystem": "ecosystem"}


def kind_of(path: str) -> str | None:
    """Which schema governs ``path``, or None when it is not a governance data file."""
    if path in SINGLE_FILES:
        return SINGLE_FILES[path]
    folder, _, rest = path.partition("/")
    if folder in FOLDERS and "/" not in rest and rest.endswith(".yaml"):
        return FOLDERS[folder]
    if folder == "elections" and rest.count("/") == 1 and rest.endswith("/election.yaml"):
        return "election"
    return None


def _unreadable(tree: Tree) -> list[Finding]:
    """Folders and files charter cannot list or read as what they must be.

    Without this, an unreadable ``modules/`` (or a ``members`` that is a file) read as an empty
    folder: every module vanished without a word, and ``charter codeowners`` wrote CODEOWNERS
    without them.
    """
    out: list[Finding] = []
    for name in SINGLE_FILES:
        if not tree.exists(name) and tree.files(name):
            out.append(Finding(name, 0, 0, "INT-READ", f"{name} is a folder; it must be a file "
                               "(move what the folder holds and write the file)"))
    root = getattr(tree, "root", None)
    if not isinstance(root, os.PathLike):
        return out
    base = Path(root)
    for name in SINGLE_FILES:
        if (base / name).is_dir() and not tree.files(name):
            out.append(Finding(name, 0, 0, "INT-READ", f"{name} is a folder; it must be a file "
                               "(remove the folder and write the file)"))
    for folder in (*FOLDERS, "elections"):
        top = base / folder
        if not os.path.lexists(top):
            continue
        if top.is_symlink():
            out.append(Finding(folder, 0, 0, "INT-READ", f"{folder} is a symbolic link; charter "
                               "never follows links: make it a real folder (nothing in it was "
                               "read)"))
            continue
        if not top.is_dir():
            out.append(Finding(folder, 0, 0, "INT-READ", f"{folder} is a file; it must be a "
                               f"folder holding one <name>.yaml per entity"))
            continue
        errors: list[OSError] = []
        for _ in os.walk(top, onerror=errors.append):
            pass
        for exc in errors:
            rel = Path(exc.filename or top).relative_to(base).as_posix()
            out.append(Finding(rel + "/", 0, 0, "INT-READ", f"cannot read folder: "
                               f"{exc.strerror or exc}; nothing in it was checked"))
    return out


def governance_paths(tree: Tree) -> tuple[list[str], list[Finding]]:
    """Every governance data file in the tree, and findings for files that look misplaced."""
    paths: list[str] = [p for p in SINGLE_FILES if tree.exists(p)]
    stray: list[Finding] = _unreadable(tree)
    linked = {f.path for f in stray if "symbolic link" in f.message}
    for folder in FOLDERS:
        if folder in linked:
            continue
        for p in tree.files(folder):
            rest = p[len(folder) + 1 :]
            name = rest.rsplit("/", 1)[-1]
            if name.startswith(".") and name in (".gitkeep", ".keep"):
                continue
            if "/" not in rest and (name.startswith(".") or name.endswith(("~", ".swp", ".bak",
                                                                          ".orig"))):
                # an editor's swap or backup file, .DS_Store: never data, so not an error
                # (it failed `charter check` on a maintainer's machine while CI passed)
                stray.append(Finding(p, 0, 0, "INT-STRAY-FILE", "hidden or backup file; charter "
                                     "ignores it (do not commit it)", Severity.WARNING))
                continue
            if "/" in rest or not rest.endswith(".yaml"):
                hint = (
                    "rename it to .yaml"
                    if rest.endswith(".yml") and "/" not in rest
                    else f"{folder}/ holds one <name>.yaml file per entity, nothing else"
                )
                stray.append(Finding(p, 0, 0, "INT-STRAY-FILE", f"unexpected file; {hint}"))
                continue
            paths.append(p)
    for p in [] if "elections" in linked else tree.files("elections"):
        if p.endswith("/election.yaml") and p.count("/") == 2:
            paths.append(p)
        elif p.count("/") == 1 and p not in ("elections/README.md", "elections/.gitkeep"):
            stray.append(Finding(p, 0, 0, "INT-STRAY-FILE", "unexpected file; elections/ holds "
                                 "one folder per election or vote (elections/<id>/election.yaml)"))
    return paths, stray


# The parser's words for the common slips, and what to do about each (checked in this order).
_SYNTAX_FIXES = (
    ("mapping values are not allowed", "a ': ' inside an unquoted value, or a line indented "
     "too far; quote the value (name: 'A: B') or line the key up with the ones above"),
    ("end of stream", "a quote or bracket is never closed; close it"),
    ("expected ',' or", "a [ or { is never closed; close it, or write one '- item' per line"),
    ("expected node content", "a [ or { is never closed; close it, or write one '- item' per "
     "line"),
    ("could not find expected ':'", "a line that is not 'key: value'; add the ':' after the "
     "key"),
    ("expected '-' indicator", "the items of a list do not line up; indent each '- ' the same"),
    ("expected <block end>", "the lines of a mapping do not line up; indent each key the same"),
    ("did not find expected key", "the keys of a mapping do not line up; indent each key the "
     "same"),
    ("cannot start any token", "a value starts with a character YAML reserves (@, `, % ...); "
     "quote it (name: '@ada')"),
)


def _with_fix(exc: YamlError) -> str:
    if exc.rule != "YAML-SYNTAX" or ";" in exc.message:
        return exc.message
    for words, fix in _SYNTAX_FIXES:
        if words in exc.message:
            return f"{exc.message}; {fix}"
    return exc.message


def parse_file(path: str, raw: bytes, kind: str) -> tuple[Any, list[Finding]]:
    """Parse and schema-check one file. Returns (data or None, findings)."""
    try:
        data = yamlio.loads(raw)
    except YamlError as exc:
        return None, [Finding(path, exc.line, exc.col, exc.rule, _with_fix(exc))]
    if data is None:
        empty = f"file is empty; see schemas/{kind}.schema.json for its fields"
        return None, [Finding(path, 1, 1, "SCHEMA", empty)]
    if schema.is_valid(kind, data):
        return data, []
    out = []
    for where, message, is_key in schema.errors(kind, data):
        line, col = (yamlio.key_position if is_key else yamlio.position)(raw, where)
        out.append(Finding(path, line, col, "SCHEMA", message))
    if not out:  # the validators disagree: trust the stricter verdict, but say so
        out.append(Finding(path, 1, 1, "SCHEMA", "file does not match its schema"))
    return None, out


def load(tree: Tree) -> tuple[State, list[Finding]]:
    """Load the whole tree. Never raises for bad data: problems come back as findings."""
    findings: list[Finding] = []
    paths, stray = governance_paths(tree)
    findings.extend(stray)
    if hasattr(tree, "prefetch"):
        tree.prefetch(paths)
    files: dict[str, SourceFile] = {}
    for path in paths:
        kind = kind_of(path)
        assert kind is not None
        try:
            size = tree.size(path)
            if size > yamlio.MAX_BYTES:
                findings.append(
                    Finding(
                        path,
                        0,
                        0,
                        "YAML-SIZE",
                        f"file is {size:,} bytes; governance files are limited to "
                        f"{yamlio.MAX_BYTES:,} bytes",
                    )
                )
                continue
            raw = tree.read(path)
        except OSError as exc:
            findings.append(
                Finding(path, 0, 0, "INT-READ", f"cannot read file: {exc.strerror or exc}")
            )
            continue
        data, problems = parse_file(path, raw, kind)
        findings.extend(problems)
        files[path] = SourceFile(path, kind, raw, data)
    findings.extend(_one_file_per_identity(files))
    unreadable = {f.path for f in findings if f.rule == "INT-READ"}
    for req in REQUIRED:
        if req not in files and req not in unreadable:
            findings.append(
                Finding(
                    req,
                    0,
                    0,
                    "INT-MISSING-FILE",
                    f"{req} is missing; every governance repository has one",
                )
            )
    state = build_state(files)
    state.tree_label = tree.label
    return state, findings


_IDENTITY = {"member": ("login", "INT-DUPLICATE-MEMBER", "person"),
             "module": ("slug", "INT-FILENAME", "module"),
             "ecosystem": ("slug", "INT-FILENAME", "project")}


def _one_file_per_identity(files: dict[str, SourceFile]) -> list[Finding]:
    """Two files holding the same login or slug: keep the one named for it, report the other.

    The state is keyed by login and slug, so a second file with the same one silently replaced
    the first (or was silently dropped): a copied member file passed every check unread.
    """
    holders: dict[tuple[str, str], list[str]] = {}
    for path, src in files.items():
        spec = _IDENTITY.get(src.kind)
        if spec is None or not isinstance(src.data, dict):
            continue
        ident = src.data.get(spec[0])
        if isinstance(ident, str):
            holders.setdefault((src.kind, ident), []).append(path)
    out: list[Finding] = []
    for (kind, ident), paths in holders.items():
        if len(paths) < 2:
            continue
        field, rule, what = _IDENTITY[kind]
        folder = paths[0].rsplit("/", 1)[0]
        named = f"{folder}/{ident}.yaml"
        keep = named if named in paths else sorted(paths)[0]
        for path in sorted(paths):
            if path == keep:
                continue
            src = files[path]
            line, col = yamlio.position(src.raw, (field,))
            out.append(Finding(path, line, col, rule,
                               f"{field} {ident!r} is already held by {keep}; one file per "
                               f"{what}: merge this file into it or remove it"))
            files[path] = SourceFile(path, src.kind, src.raw, None)
    return out


def _emeritus(items: list[dict[str, Any]] | None) -> tuple[Emeritus, ...]:
    return tuple(Emeritus(e["login"], e["since"], e.get("reason")) for e in items or ())


def build_state(files: dict[str, SourceFile]) -> State:
    def data(path: str) -> dict[str, Any] | None:
        f = files.get(path)
        return f.data if f is not None and isinstance(f.data, dict) else None

    pol = data("policy.yaml")
    policy = Policy.from_data(pol)
    c = data("core.yaml") or {}
    core = Core(
        lead=c.get("lead"),
        maintainers=tuple(c.get("maintainers", ())),
        emeritus=_emeritus(c.get("emeritus")),
        last_meeting=c.get("last_meeting"),
        lead_elected_in=c.get("lead_elected_in"),
        joined={str(k): str(v) for k, v in (c.get("joined") or {}).items()}
        if isinstance(c.get("joined"), dict) else {},
    )
    cn = data("council.yaml") or {}
    council = Council(
        seats=tuple(
            Seat(
                s["login"],
                s["cohort"],
                s["term_start"],
                s["term_end"],
                s["elected_in"],
                s.get("replaces"),
            )
            for s in cn.get("seats", ())
        ),
        returning_officer=cn.get("returning_officer"),
        resigned=tuple(Resignation(r["login"], r["elected_in"], r["date"])
                       for r in cn.get("resigned", ())),
    )
    wg = data("ecosystem-wg.yaml") or {}
    working_group = WorkingGroup(
        members=tuple(wg.get("members", ())),
        chair=wg.get("chair"),
        next_session=wg.get("next_session"),
    )
    state = State(
        policy=policy, core=core, council=council, working_group=working_group, files=files
    )
    for path, src in files.items():
        d = src.data
        if not isinstance(d, dict):
            continue
        if src.kind == "member":
            state.members[d["login"]] = Member(
                login=d["login"],
                name=d["name"],
                file=path,
                github_id=d.get("github_id"),
                affiliations=tuple(
                    Affiliation(a["entity"], a["role"]) for a in d.get("affiliations", ())
                ),
                relationships=tuple(
                    Relationship(r["login"], r["kind"]) for r in d.get("relationships", ())
                ),
                community=d.get("community"),
                last_active=d.get("last_active"),
            )
        elif src.kind == "module":
            dr = d.get("decision_rule")
            state.modules[d["slug"]] = Module(
                slug=d["slug"],
                name=d["name"],
                kind=d["kind"],
                file=path,
                maintainers=tuple(d.get("maintainers", ())),
                paths=tuple(d.get("paths", ())),
                repositories=tuple(d.get("repositories", ())),
                emeritus=_emeritus(d.get("emeritus")),
                decision_rule=DecisionRule(dr["kind"], dr.get("fraction"), dr.get("count"))
                if dr
                else None,
                inactive_months=d.get("inactive_months"),
                overlaps=tuple(d.get("overlaps", ())),
                links=dict(d.get("links", {})),
                description=d.get("description"),
                contact=dict(d.get("contact", {})),
            )
        elif src.kind == "ecosystem":
            state.projects[d["slug"]] = Project(
                d["slug"], d["name"], d["repository"], d["status"], path, d
            )
        elif src.kind == "election":
            state.elections[path.split("/")[1]] = d
    return state
