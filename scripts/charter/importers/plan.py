"""An import as a diff: the files it would create, change or delete, shown before anything is
written, and applied only as a whole after the repository has been validated with it.

New files are written in the shipped layout; existing files are edited through
:mod:`charter.roundtrip`, so comments and layout survive and an unchanged record stays byte for
byte. A second import of the same file therefore plans nothing.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from charter import roundtrip
from charter.errors import CharterError
from charter.findings import Finding, Severity


@dataclass
class FileChange:
    path: str
    action: str  # create | update | delete
    before: bytes | None
    after: bytes | None
    details: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "action": self.action, "details": self.details}

    def diff(self) -> str:
        a = (self.before or b"").decode("utf-8", "replace").splitlines(keepends=True)
        b = (self.after or b"").decode("utf-8", "replace").splitlines(keepends=True)
        return "".join(difflib.unified_diff(a, b, fromfile=f"a/{self.path}",
                                            tofile=f"b/{self.path}"))


@dataclass
class Plan:
    changes: list[FileChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def add(self, change: FileChange | None) -> None:
        if change is not None:
            self.changes.append(change)


class Editor:
    """Plans the writes to one repository: new files, round-trip edits, deletions."""

    def __init__(self, root: Path):
        self.root = root

    def read(self, rel: str) -> roundtrip.Document | None:
        path = self.root / rel
        if not path.is_file():
            return None
        try:
            return roundtrip.load(path, rel)
        except OSError as exc:
            raise CharterError(f"{rel}: cannot read ({exc.strerror or exc})") from None

    def create(self, rel: str, data: dict[str, Any], comment: str | None,
               details: list[str]) -> FileChange:
        return FileChange(rel, "create", None, roundtrip.new(data, comment=comment), details)

    def update(self, rel: str, doc: roundtrip.Document, details: list[str]) -> FileChange | None:
        after = doc.dumps()
        if after == doc.raw:
            return None
        return FileChange(rel, "update", doc.raw, after, details)

    def delete(self, rel: str, details: list[str]) -> FileChange:
        return FileChange(rel, "delete", (self.root / rel).read_bytes(), None, details)


# --- editing a round-trip mapping so that only what differs changes ----------------------------

def set_key(data: CommentedMap, key: str, value: Any, after: str | None = None) -> bool:
    """Make ``data[key] == value`` touching as little as possible; True when something changed.

    A list is edited item by item (so its flow or block style and its comments stay); a key that
    is absent is inserted after ``after`` (or at the end).
    """
    if key in data and _plain(data[key]) == _plain(value):
        return False
    old = data.get(key)
    if isinstance(old, CommentedSeq) and isinstance(value, list) and len(value) > len(old) \
            and _plain(list(old)) == _plain(value[: len(old)]):
        for v in value[len(old):]:  # only appended: the items and comments there stay
            roundtrip.append_item(data, key, v)
        return True
    if key in data and isinstance(data[key], CommentedSeq) and isinstance(value, list) \
            and all(not isinstance(v, dict | list) for v in value):
        seq: CommentedSeq = data[key]
        for i, v in enumerate(value):
            if i < len(seq):
                if seq[i] != v:
                    seq[i] = v
            else:
                seq.append(v)
        while len(seq) > len(value):
            roundtrip.remove_item(data, key, len(seq) - 1)
        if value and seq.fa.flow_style() and len(value) > 8:
            seq.fa.set_block_style()
        return True
    if key in data:
        roundtrip.replace_value(data, key, value)
    else:
        roundtrip.insert_key_after(data, after if after in data else "", key, value)
    return True


def layout_change(ed: Editor, rel: str, data: dict[str, Any], comment: str,
                  output: str | None, summary: str,
                  optional: tuple[str, ...] = ()) -> FileChange | None:
    """Create or edit a page layout file: ``data``'s keys set, ``optional`` keys it lacks
    removed, ``output`` set when given (and kept when not)."""
    doc = ed.read(rel)
    if doc is None:
        if output:
            data = {"output": output, **data}
        return ed.create(rel, data, comment, [summary])
    details = []
    if output and set_key(doc.data, "output", output):
        details.append(f"output: {output}")
    for key, value in data.items():
        if set_key(doc.data, key, value, after="output"):
            details.append(f"{key} changed")
    for key in optional:
        if key not in data and drop_key(doc.data, key):
            details.append(f"{key} removed")
    return ed.update(rel, doc, details)


def drop_key(data: CommentedMap, key: str) -> bool:
    if key not in data:
        return False
    roundtrip.delete_key(data, key)
    return True


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def apply(root: Path, plan: Plan) -> list[str]:
    """Validate the repository with the plan applied, then write it; the files written.

    Refused (nothing written) when the plan has an error finding, or when the result would hold
    an error the repository did not have before.
    """
    if plan.blocked:
        raise CharterError("the import has errors (above); nothing written")
    writes = {c.path: c.after for c in plan.changes if c.after is not None}
    deletions = frozenset(c.path for c in plan.changes if c.after is None)
    return roundtrip.apply(root, writes, deletions=deletions)  # type: ignore[arg-type]
