"""Editing governance YAML without losing anything: comments, key order, quoting and layout.

ruamel.yaml's round-trip mode keeps comments, key order and quoting, and the indentation style is
detected per file (the first candidate that reproduces the file). Some layout ruamel.yaml cannot
reproduce (``key: ~``, extra spaces after a colon, CRLF line ends, a missing final newline, a
``...`` end marker). So that such a file still changes only where it is edited, saving is a
three-way line merge: the edit is computed between ruamel.yaml's rendering of the document
before and after it, and applied to the file's original lines. Lines the edit does not touch are
copied from the original byte for byte; an unchanged document saves to exactly its input.

A file is read with :func:`charter.yamlio.loads` first, so everything the validator refuses
(aliases, tags, duplicate keys, several documents, bad encodings...) is refused here too, with
the same located error, before ruamel.yaml sees it.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from charter import yamlio
from charter.errors import CharterError, YamlError
from charter.findings import Finding, Severity, normalise
from charter.fsutil import atomic_write
from charter.model import State
from charter.tree import FsTree, Tree

# (mapping, sequence, offset) indentation styles tried in order; the shipped style comes first.
# 2/4/2 "  - item" under 2-space mappings; 2/2/0 flush lists ("- item", ruamel's and PyYAML's
# default); 4/4/2 and 4/2/0 the same under 4-space mappings; 4/4/0 what PyYAML writes with
# indent=4 ("-   key: value" for a mapping item); 4/6/4 lists indented a full level.
_STYLES: tuple[tuple[int, int, int], ...] = (
    (2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 2, 0), (4, 4, 0), (4, 6, 4), (2, 4, 0),
)

# A block-sequence item on one line: indentation, the dash, the gap after it, the content.
_ITEM = re.compile(r"^(?P<indent> *)-(?P<gap> +)(?P<rest>[^\s#].*)$")
# Content that opens a mapping (``key:`` or ``'key':``) rather than a scalar item.
_KEY = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s'"#\[\]{},&*!|>%@`-][^#]*?)"""
                  r"\s*:(?:\s|$)")


def _scalar_item(rest: str) -> bool:
    return not _KEY.match(rest) and not rest.startswith(("- ", "? ")) and rest != "-"


def _scalar_gap(text: str) -> int:
    """The spaces a file puts after the dash of a one-line scalar list item (1 unless the file
    itself says otherwise): PyYAML with indent=4 writes "-   key: value" for a mapping item but
    "- value" for a scalar, which no single ruamel.yaml style reproduces."""
    from collections import Counter

    gaps = Counter(len(m["gap"]) for line in text.splitlines()
                   if (m := _ITEM.match(line)) and _scalar_item(m["rest"]))
    return gaps.most_common(1)[0][0] if gaps else 1


def _with_gap(rendered: str, gap: int) -> str:
    """``rendered`` with every one-line scalar list item written with ``gap`` spaces after its
    dash (continuation lines of a scalar need no change: they only have to be indented more than
    the dash)."""
    out = []
    for line in rendered.splitlines(keepends=True):
        m = _ITEM.match(line.rstrip("\n"))
        if m and len(m["gap"]) != gap and _scalar_item(m["rest"]):
            line = f"{m['indent']}-{' ' * gap}{m['rest']}" + ("\n" if line.endswith("\n") else "")
        out.append(line)
    return "".join(out)


def _yaml(style: tuple[int, int, int], explicit_start: bool = False) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never fold a long line
    m, s, o = style
    y.indent(mapping=m, sequence=s, offset=o)
    y.explicit_start = explicit_start
    return y


def _render(y: YAML, data: Any) -> str:
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


class Document:
    """One YAML file held for editing: change :attr:`data` in place, then :meth:`dumps`."""

    def __init__(self, raw: bytes, path: str = "<string>"):
        self.path = path
        self.raw = raw
        try:
            yamlio.loads(raw)
        except YamlError as exc:
            where = f"{path}:{exc.line}:{exc.col}" if exc.line else path
            raise YamlError(f"{where}: {exc.rule} {exc.message}", line=exc.line, col=exc.col,
                            rule=exc.rule) from None
        text = raw.decode("utf-8")
        self._crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
        self._text = text.replace("\r\n", "\n") if self._crlf else text
        self._final_newline = self._text.endswith("\n") or not self._text
        explicit = self._text.lstrip().startswith("---")
        self._gap = _scalar_gap(self._text)
        best: tuple[int, YAML, str] | None = None
        for style in _STYLES:
            y = _yaml(style, explicit)
            try:
                data = y.load(self._text)
            except RuamelError as exc:  # yamlio accepted it, so this is unexpected but possible
                raise YamlError(f"{path}: cannot be edited safely: {exc}") from None
            rendered = _with_gap(_render(y, data), self._gap)
            if rendered == self._text:
                best = (0, y, rendered)
                self.data = data
                break
            score = sum(1 for _ in _changed(rendered, self._text))
            if best is None or score < best[0]:
                best = (score, y, rendered)
                self.data = data
        assert best is not None
        self._yaml = best[1]
        self._before = best[2]
        if best[0]:  # re-load with the chosen style so data belongs to that YAML instance
            self.data = self._yaml.load(self._text)

    def dumps(self) -> bytes:
        """The file with the edits applied and every untouched line as it was."""
        after = _with_gap(_render(self._yaml, self.data), self._gap)
        text = _merge(self._text, self._before, after)
        if not self._final_newline and text.endswith("\n"):
            text = text[:-1]
        if self._crlf:
            text = text.replace("\n", "\r\n")
        return text.encode("utf-8")

    @property
    def changed(self) -> bool:
        return self.dumps() != self.raw


def load(path: Path, rel: str | None = None) -> Document:
    """Read ``path`` for editing; ``rel`` is the name used in error messages."""
    return Document(path.read_bytes(), rel or str(path))


def new(data: dict[str, Any], comment: str | None = None) -> bytes:
    """A new file in the shipped layout (2-space mappings, ``  - `` list items)."""
    y = _yaml(_STYLES[0])
    cm = CommentedMap(data)
    text = _render(y, cm)
    if comment:
        text = "".join(f"# {line}\n" for line in comment.splitlines()) + text
    return text.encode("utf-8")


def quoted(text: str) -> SingleQuotedScalarString:
    """A string written in single quotes (dates, so that every reader sees a string)."""
    return SingleQuotedScalarString(text)


def seq(items: list[Any], flow: bool = False) -> CommentedSeq:
    out = CommentedSeq(items)
    if flow:
        out.fa.set_flow_style()
    return out


def _slot(parent: Any, key: Any) -> tuple[Any, Any, int]:
    """Where the comment after ``parent[key]``'s last line lives: (container, key, position).

    ruamel.yaml keeps the comment lines that follow a block (blank lines, a comment about the
    next key) on the deepest last item of that block.
    """
    while True:
        v = parent[key]
        if isinstance(v, CommentedMap | CommentedSeq) and len(v) and not v.fa.flow_style():
            parent, key = v, (list(v.keys())[-1] if isinstance(v, CommentedMap) else len(v) - 1)
            continue
        return parent, key, 2 if isinstance(parent, CommentedMap) else 0


def _detach(parent: Any, key: Any) -> str:
    """Take the comment lines after ``parent[key]`` (keeping its end-of-line comment)."""
    c, k, pos = _slot(parent, key)
    entry = c.ca.items.get(k)
    tok = entry[pos] if entry and len(entry) > pos else None
    if tok is None or "\n" not in tok.value:
        return ""
    eol, _, rest = tok.value.partition("\n")
    if eol.strip():
        tok.value = eol + "\n"
    else:
        entry[pos] = None
        if all(x is None for x in entry):
            del c.ca.items[k]
    return rest


def _attach(parent: Any, key: Any, rest: str) -> None:
    """Put comment lines taken by :func:`_detach` after ``parent[key]``."""
    if not rest:
        return
    c, k, pos = _slot(parent, key)
    entry = c.ca.items.setdefault(k, [None, None, None, None])
    tok = entry[pos]
    if tok is None:
        entry[pos] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        tok.value = (tok.value if tok.value.endswith("\n") else tok.value + "\n") + rest


def commented(value: Any) -> Any:
    """``value`` with every dict and list turned into ruamel.yaml's commented containers."""
    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        return CommentedMap((k, commented(v)) for k, v in value.items())
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        return CommentedSeq(commented(v) for v in value)
    if isinstance(value, CommentedSeq):
        for i, v in enumerate(value):
            list.__setitem__(value, i, commented(v))
    return value


def append_item(parent: Any, key: Any, value: Any, comment: str | None = None) -> None:
    """Append ``value`` to the list ``parent[key]``; comments after the list stay after it.

    ``comment`` (as :func:`item_comment` returns it) is written at the end of the new item's
    first line: an item moved from one list to another keeps its comment.
    """
    items: CommentedSeq = parent[key]
    if not items and items.fa.flow_style() is None:
        items.fa.set_flow_style()  # "[]" gains its first item as "[x]": one changed line
    rest = _detach(parent, key)
    node = commented(value)
    items.append(node)
    if comment:
        if isinstance(node, CommentedMap) and len(node):
            node.yaml_add_eol_comment(comment, next(iter(node)))
        else:
            items.yaml_add_eol_comment(comment, len(items) - 1)
    _attach(parent, key, rest)


def item_comment(parent: Any, key: Any, index: int) -> str | None:
    """The end-of-line comment of ``parent[key][index]`` ("# ..."), or None. For an item that
    is a mapping, the comment on its first line."""
    items: CommentedSeq = parent[key]
    if isinstance(items[index], CommentedMap) and len(items[index]):
        entry = items[index].ca.items.get(next(iter(items[index])))
        tok = entry[2] if entry and len(entry) > 2 else None
    else:
        entry = items.ca.items.get(index)
        tok = entry[0] if entry else None
    if tok is None:
        return None
    text = tok.value.partition("\n")[0].strip()
    return text if text.startswith("#") else None


def remove_item(parent: Any, key: Any, index: int) -> None:
    """Delete ``parent[key][index]``; comments after the list stay after it, and comment lines
    between this item and the next stay before the next."""
    items: CommentedSeq = parent[key]
    last = index == len(items) - 1
    rest = _detach(parent, key) if last else ""
    if not last and index > 0:
        # comment lines after this item are about the next one: the item before keeps them
        lines = _detach(items, index)
        if lines:
            _attach(items, index - 1, lines)
    items.ca.items.pop(index, None)
    shifted = {(k - 1 if k > index else k): v for k, v in items.ca.items.items()}
    items.ca.items.clear()
    items.ca.items.update(shifted)
    list.__delitem__(items, index)
    if not items:
        items.fa.set_flow_style()  # an empty list is written []
    _attach(parent, key, rest)


def delete_key(mapping: CommentedMap, key: str) -> None:
    """Delete ``key``; the comment lines that followed its value stay, after the key before it."""
    keys = list(mapping.keys())
    pos = keys.index(key)
    rest = _detach(mapping, key)
    mapping.ca.items.pop(key, None)
    del mapping[key]
    if pos:
        _attach(mapping, keys[pos - 1], rest)


def replace_value(mapping: CommentedMap, key: str, value: Any) -> None:
    """Set ``mapping[key]`` to ``value``; the comment lines after the old value stay after it."""
    rest = _detach(mapping, key)
    mapping[key] = commented(value)
    _attach(mapping, key, rest)


def insert_key_after(mapping: CommentedMap, after: str, key: str, value: Any) -> None:
    """Insert ``key`` right after ``after`` (or at the end).

    Comments between ``after`` and the next key stay before the next key.
    """
    keys = list(mapping.keys())
    pos = keys.index(after) + 1 if after in keys else len(keys)
    rest = _detach(mapping, keys[pos - 1]) if pos else ""
    mapping.insert(pos, key, commented(value))
    _attach(mapping, key, rest)


def _changed(a: str, b: str) -> Iterator[str]:
    for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0):
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---")):
            yield line


def _merge(original: str, before: str, after: str) -> str:
    """Apply the line edit ``before`` -> ``after`` to ``original`` (which ``before`` renders).

    Lines are aligned between ``before`` and ``original``; where they differ (layout ruamel.yaml
    does not reproduce) the original lines are kept unless the edit touches them, in which case
    ruamel.yaml's rendering of just that block is used.
    """
    r = original.splitlines(keepends=True)
    if r and not r[-1].endswith("\n"):
        r[-1] += "\n"
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    keep = [True] * len(a)
    inserted: list[list[str]] = [[] for _ in range(len(a) + 1)]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for k in range(i1, i2):
            keep[k] = False
        inserted[i1].extend(b[j1:j2])
    out: list[str] = []

    def take(k: int) -> None:  # lines the edit inserts before before-line k, emitted once
        out.extend(inserted[k])
        inserted[k] = []

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, r, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i1, i2):
                take(k)
                if keep[k]:
                    out.append(r[j1 + k - i1])
            continue
        untouched = all(keep[k] for k in range(i1, i2)) and not any(
            inserted[k] for k in range(i1 + 1, i2)
        )
        if untouched:
            take(i1)
            out.extend(r[j1:j2])
        else:
            for k in range(i1, i2):
                take(k)
                if keep[k]:
                    out.append(a[k])
    take(len(a))
    return "".join(out)


# --- applying edits to a repository: validate the result first, then write atomically --------


class OverlayTree:
    """A tree that reads like ``base`` with some files replaced or added (nothing is written)."""

    def __init__(self, base: Tree, changes: dict[str, bytes],
                 deletions: frozenset[str] = frozenset()):
        self.base = base
        self.changes = changes
        self.deletions = deletions - set(changes)
        self.label = f"{base.label} (with edits)"

    def files(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/" if folder else ""
        extra = {p for p in self.changes if p.startswith(prefix)}
        return sorted((set(self.base.files(folder)) | extra) - self.deletions)

    def read(self, path: str) -> bytes:
        if path in self.changes:
            return self.changes[path]
        if path in self.deletions:
            raise FileNotFoundError(path)
        return self.base.read(path)

    def exists(self, path: str) -> bool:
        return path in self.changes or (path not in self.deletions and self.base.exists(path))

    def size(self, path: str) -> int:
        if path in self.changes:
            return len(self.changes[path])
        if path in self.deletions:
            raise FileNotFoundError(path)
        return self.base.size(path)


Check = Callable[[Tree, State], Iterable[Finding]]


def validate(root: Path, changes: dict[str, bytes],
             loaded: tuple[State, list[Finding]] | None = None,
             deletions: frozenset[str] = frozenset(),
             checks: Sequence[Check] = ()) -> tuple[State, bool]:
    """Check the repository with ``changes`` applied, in memory; nothing is written.

    Returns the edited state and whether the generated CODEOWNERS files were in sync before the
    edit (so that they can be kept in sync). Raises :class:`CharterError` when the edit adds an
    error finding that the repository did not already have. ``loaded`` is the result of
    :func:`charter.load.load` on ``root`` when the caller already has it; ``checks`` are further
    checks (such as the election recounts) run on both sides like the rules.
    """
    from charter import codeowners, rules
    from charter.load import load as load_tree

    base = FsTree(root)
    before_state, load_findings = loaded or load_tree(base)
    for f in load_findings:
        folder = f.path.rstrip("/")
        if f.rule == "INT-READ" and any(rel.startswith(folder + "/")
                                        for rel in (*changes, *deletions)):
            # the folder cannot be read as a real folder (a symbolic link, no permission):
            # writing into it could land outside the repository or beside unseen files
            raise CharterError(f"{f.path}: {f.message}; nothing written")
    before = [*load_findings, *rules.run(before_state)]
    overlay = OverlayTree(base, changes, deletions)
    state, after = load_tree(overlay)
    after.extend(rules.run(state))
    for extra in checks:
        before.extend(extra(base, before_state))
        after.extend(extra(overlay, state))

    def key(f: Finding) -> tuple[str, str, str]:
        return (f.path, f.rule, f.message)

    old = {key(f) for f in before}
    new = [f for f in normalise(after) if f.severity is Severity.ERROR and key(f) not in old]
    if new:
        lines = "\n".join(f"  {f.path}:{f.line}:{f.col}: {f.rule} {f.message}" for f in new)
        raise CharterError(f"the edit would make the repository invalid; nothing written:\n{lines}")
    blocking = any(f.rule.startswith(("YAML", "SCHEMA")) for f in before)
    return state, not blocking and not codeowners.check(root, before_state)


def _pages_in_sync(root: Path, loaded: tuple[State, list[Finding]] | None) -> list[str]:
    """The published pages (``output:`` of a page layout) that match the data before an edit."""
    from charter.exporters import check as exporters_check
    from charter.load import load as load_tree

    state, findings = loaded if loaded is not None else load_tree(FsTree(root))
    if any(f.rule.startswith(("YAML", "SCHEMA")) for f in findings):
        return []
    return exporters_check.outputs_in_sync(root, state)


def apply(root: Path, changes: dict[str, bytes],
          loaded: tuple[State, list[Finding]] | None = None,
          deletions: frozenset[str] = frozenset(),
          checks: Sequence[Check] = ()) -> list[str]:
    """Validate the repository with ``changes`` applied (:func:`validate`), then write them;
    return what was written.

    Each file is replaced atomically; ``deletions`` are files removed by the same edit. Generated
    CODEOWNERS files and published pages that were in sync before the edit are regenerated so that
    they stay in sync.
    """
    from charter import codeowners
    from charter.exporters import check as exporters_check

    pages = _pages_in_sync(root, loaded)
    state, in_sync = validate(root, changes, loaded, deletions, checks)
    written = []
    for rel, data in changes.items():
        atomic_write(root / rel, data)
        written.append(rel)
    for rel in sorted(deletions - set(changes)):
        target = root / rel
        if any(target.exists() and os.path.samefile(root / k, target) for k in changes):
            continue  # a change of case only, on a file system that ignores case
        target.unlink(missing_ok=True)
        written.append(rel)
    if in_sync:
        written.extend(codeowners.write(root, state))
    written.extend(w for w in exporters_check.rewrite(root, state, pages) if w not in written)
    return written
