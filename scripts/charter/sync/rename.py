"""Renaming a member's login everywhere, keeping the numeric GitHub id.

Where logins live is read from the JSON Schemas, not listed by hand: every value a schema types as
``login`` (or ``logins``) in any governance file is a reference to a person, so a field added to
a schema later is renamed too. Each file is edited with the round-trip editor (only the changed
lines differ). Election records are snapshots that must still count the same: ``ballots.csv``
names candidates (and, for public votes, voters) by login, so its cells are renamed, the
checksum recorded in ``election.yaml`` follows, and ``result.yaml`` is regenerated -- unless the
recount with the new login gives a different result (a tie drawn from a seed ranks logins by
their hash), which refuses the rename. ``members/OLD.yaml`` becomes ``members/NEW.yaml``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.scalarstring import ScalarString

from charter import roundtrip, schema
from charter.errors import CharterError
from charter.model import State, is_login
from charter.tree import Tree

SKIP_KINDS = ("policy",)  # organisation.github is the organisation, not a person


def _expand(node: Any, defs: dict[str, Any], depth: int = 0) -> Iterator[dict[str, Any]]:
    """``node`` and every subschema that applies to the same value."""
    if not isinstance(node, dict) or depth > 20:
        return
    yield node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        yield from _expand(defs.get(ref.split("/")[-1]), defs, depth + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in node.get(key) or ():
            yield from _expand(sub, defs, depth + 1)
    for key in ("then", "else"):
        yield from _expand(node.get(key), defs, depth + 1)


def _is_login(nodes: list[dict[str, Any]]) -> bool:
    return any(n.get("$ref") == "#/$defs/login" for n in nodes)


def login_paths(kind: str, data: Any) -> list[tuple[str | int, ...]]:
    """Where ``data`` (a file of ``kind``) holds a login, by its schema."""
    full = schema.bundled(kind)
    defs = full.get("$defs", {})
    out: set[tuple[str | int, ...]] = set()

    def walk(node: Any, value: Any, path: tuple[str | int, ...]) -> None:
        nodes = list(_expand(node, defs))
        if isinstance(value, str):
            if _is_login(nodes):
                out.add(path)
            return
        if isinstance(value, dict):
            for key, item in value.items():
                for n in nodes:
                    props = n.get("properties")
                    if isinstance(props, dict) and key in props:
                        walk(props[key], item, (*path, key))
        elif isinstance(value, list):
            for n in nodes:
                items = n.get("items")
                if isinstance(items, dict):
                    for i, item in enumerate(value):
                        walk(items, item, (*path, i))

    walk(full, data, ())
    return sorted(out, key=lambda p: [str(x) for x in p])


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: tuple[str | int, ...], new: str) -> None:
    parent = _get(data, path[:-1])
    old = parent[path[-1]]
    parent[path[-1]] = type(old)(new) if isinstance(old, ScalarString) else new


def _word(login: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9-]){re.escape(login)}(?![A-Za-z0-9-])", re.IGNORECASE)


@dataclass
class Rename:
    old: str  # as the member file spells it
    new: str
    changes: dict[str, bytes] = field(default_factory=dict)
    deletions: set[str] = field(default_factory=set)
    edits: list[str] = field(default_factory=list)  # "path: what", for the report


def _ballots(raw: bytes, old: str, new: str) -> bytes:
    """``ballots.csv`` with the login renamed in the header and in a ``voter`` column."""
    text = raw.decode("utf-8")
    lines = text.splitlines(keepends=True)
    if not lines:
        return raw
    low = old.lower()

    def cells(line: str) -> tuple[list[str], str]:
        body = line.rstrip("\r\n")
        return body.split(","), line[len(body):]

    head, end = cells(lines[0])
    voter = next((i for i, h in enumerate(head) if h.strip().lower() == "voter"), None)
    head = [new if h.strip().lower() == low else h for h in head]
    out = [",".join(head) + end]
    for line in lines[1:]:
        row, end = cells(line)
        if voter is not None and voter < len(row) and row[voter].strip().lower() == low:
            row[voter] = new
        out.append(",".join(row) + end)
    return "".join(out).encode("utf-8")


def _map(value: Any, pattern: re.Pattern[str], new: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(new, value)
    if isinstance(value, dict):
        return {_map(k, pattern, new): _map(v, pattern, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_map(v, pattern, new) for v in value]
    return value


def plan(tree: Tree, state: State, old: str, new: str) -> Rename:
    """Every edit that renames ``old`` to ``new`` in ``tree`` (nothing is written)."""
    member = state.member(old)
    if member is None:
        raise CharterError(f"{old!r} has no member file (members/{old}.yaml); nothing to rename")
    if not is_login(new):
        raise CharterError(f"{new!r} is not a GitHub login (1-39 letters, digits or single "
                           "hyphens, not starting or ending with a hyphen)")
    if new == member.login:
        raise CharterError(f"{member.login} is already spelled {new!r}")
    other = state.member(new)
    if other is not None and other.login != member.login:
        raise CharterError(f"{new!r} already has a member file, {other.file}; two people cannot "
                           "share a login")
    out = Rename(member.login, new)
    low = member.login.lower()
    for path, src in sorted(state.files.items()):
        if src.kind in SKIP_KINDS or src.data is None:
            continue
        hits = [p for p in login_paths(src.kind, src.data)
                if str(_get(src.data, p)).lower() == low]
        if not hits and path != member.file:
            continue
        doc = roundtrip.Document(src.raw, path)
        for p in hits:
            _set(doc.data, p, new)
        target = path
        if path == member.file:
            target = f"members/{new}.yaml"
            out.deletions.add(path)
            out.edits.append(f"{path} -> {target}")
        out.changes[target] = doc.dumps()
        out.edits += [f"{target}: {'.'.join(str(x) for x in p)}" for p in hits]
    _elections(tree, state, out)
    return out


def _elections(tree: Tree, state: State, out: Rename) -> None:
    """Rename inside ballots, follow the checksum, regenerate results that must not change."""
    from charter import yamlio
    from charter.elections.record import count, read_record
    from charter.load import load

    pattern = _word(out.old)
    touched: list[str] = []
    for eid, data in sorted(state.elections.items()):
        base = f"elections/{eid}"
        ballots_path = f"{base}/ballots.csv"
        if not tree.exists(ballots_path):
            continue
        raw = tree.read(ballots_path)
        renamed = _ballots(raw, out.old, out.new)
        if renamed == raw and f"{base}/election.yaml" not in out.changes:
            continue
        touched.append(eid)
        if renamed != raw:
            out.changes[ballots_path] = renamed
            out.edits.append(f"{ballots_path}: header" + (" and voters" if b"voter" in raw[:200]
                                                          else ""))
            recorded = data.get("ballots_sha256")
            if recorded and recorded == hashlib.sha256(raw).hexdigest():
                rel = f"{base}/election.yaml"
                doc = roundtrip.Document(out.changes.get(rel) or tree.read(rel), rel)
                _set(doc.data, ("ballots_sha256",), hashlib.sha256(renamed).hexdigest())
                out.changes[rel] = doc.dumps()
                out.edits.append(f"{rel}: ballots_sha256")
    if not touched:
        return
    overlay = roundtrip.OverlayTree(tree, out.changes, frozenset(out.deletions))
    after, _findings = load(overlay)
    for eid in touched:
        result_path = f"elections/{eid}/result.yaml"
        if not tree.exists(result_path) or eid not in after.elections:
            continue
        c = count(read_record(overlay, eid, after.elections[eid]), after.policy, after)
        if c.result is None:
            why = str(c.tie) if c.tie else (c.errors[0].message if c.errors else "no result")
            raise CharterError(f"renaming {out.old} to {out.new} breaks the count of "
                               f"elections/{eid} ({why}); a recorded draw ranks logins by their "
                               "hash, so the record must keep the login it was counted with; "
                               "nothing written")
        text = c.render()
        try:
            before = yamlio.loads(tree.read(result_path))
        except Exception:  # an unreadable committed result: charter check reports it
            before = None
        fresh = yamlio.loads(text.encode("utf-8"))
        if isinstance(before, dict) and isinstance(fresh, dict):
            strip = ("ballots_sha256",)
            want = {k: v for k, v in _map(before, pattern, out.new).items() if k not in strip}
            got = {k: v for k, v in fresh.items() if k not in strip}
            if want != got:
                raise CharterError(f"renaming {out.old} to {out.new} changes the result of "
                                   f"elections/{eid} (a tie drawn from a seed ranks logins by "
                                   "their hash); the record must keep the login it was counted "
                                   "with; nothing written")
        if text.encode("utf-8") != tree.read(result_path):
            out.changes[result_path] = text.encode("utf-8")
            out.edits.append(f"{result_path}: regenerated")
