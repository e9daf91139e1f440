"""Reading governance YAML safely and fast, and finding where a value sits in its file.

The fast path is libyaml's C parser (PyYAML's ``CSafeLoader``) with a YAML 1.2 core-schema
resolver, so ``no``, ``on`` and ``2024-01-01`` stay strings exactly as ruamel.yaml (the round-trip
editor) reads them. Governance files are plain data, so everything hostile or ambiguous is refused
with a located error instead of being interpreted: aliases and anchors, merge keys, tags,
duplicate keys, several documents, invalid UTF-8, control characters, a byte-order mark, huge
files, deep nesting and huge integers. Refusal happens before anything can expand or recurse:

* size is checked before parsing;
* nesting depth is bounded by counting the indicator characters that can open a level, and only
  a file with many of them is walked event by event (libyaml's C composer recurses and would
  overflow the stack on 50,000 levels);
* an alias is refused the moment it is constructed, so "billion laughs" never expands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import yaml
from yaml._yaml import CParser

from charter.errors import YamlError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_INT_DIGITS = 30
_DEPTH_SAFE = (
    400  # fewer indicator characters than this cannot nest deeper than MAX_DEPTH... cheaply
)

_CORE_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN\0"),
]


class _Refused(Exception):
    def __init__(self, rule: str, message: str, node: yaml.Node):
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.node = node


def decode(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Bytes to text, refusing what a governance file must not contain."""
    if len(data) > max_bytes:
        raise YamlError(
            f"file is {len(data):,} bytes; governance files are limited to {max_bytes:,} bytes",
            rule="YAML-SIZE",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        raise YamlError(
            "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM",
            line=1,
            col=1,
            rule="YAML-ENCODING",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            line=line,
            col=col,
            rule="YAML-ENCODING",
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise YamlError("NUL byte in file; remove it", line=line, col=col, rule="YAML-ENCODING")
    return text


def _flow_too_deep(text: str) -> tuple[int, int] | None:
    """Where flow collections (``[`` / ``{``) first nest deeper than MAX_DEPTH, or None.

    A plain character scan, independent of libyaml: libyaml's scanner reads flow tokens ahead of
    the events it hands back and has its own nesting limit, so a walk of events alone would see a
    syntax error (or nothing) instead of the depth. Quoted scalars and comments are skipped; a
    bracket in the middle of a plain scalar outside a flow collection does not open one.
    """
    depth = 0
    quote = ""
    line, col = 1, 0
    prev = "\n"
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
            if quote == "#":  # a comment ends with its line; a quoted scalar may go on
                quote = ""
        if quote:
            if (quote == "'" and ch == "'") or (quote == '"' and ch == '"' and prev != "\\"):
                quote = ""
            prev = ch
            continue
        if ch == "#" and prev in " \t\n":
            quote = "#"
        elif ch in "'\"" and (depth or prev in " \t\n:-[{,"):
            quote = ch
        elif ch in "[{" and (depth or prev in " \t\n:-?"):
            depth += 1
            if depth > MAX_DEPTH:
                return line, col
        elif ch in "]}" and depth:
            depth -= 1
        prev = ch
    return None


def _check_depth(text: str) -> None:
    indicators = sum(text.count(c) for c in "[{-:?")
    if indicators < _DEPTH_SAFE:
        return
    where = _flow_too_deep(text)
    if where is not None:
        raise YamlError(f"nesting deeper than {MAX_DEPTH} levels; governance files are shallow",
                        line=where[0], col=where[1], rule="YAML-DEPTH")
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise YamlError(
                        f"nesting deeper than {MAX_DEPTH} levels; governance files are shallow",
                        line=mark.line + 1,
                        col=mark.column + 1,
                        rule="YAML-DEPTH",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # the real parse reports the error with its position


def _compose(text: str) -> tuple[Any, yaml.Node | None]:
    loader = _FastComposer(text)
    try:
        node = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        raise _composer_error(exc, text) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax(exc, text) from None
    except yaml.reader.ReaderError as exc:
        raise _reader(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {exc}", rule="YAML-SYNTAX") from None
    return loader, node


def _composer_error(exc: yaml.composer.ComposerError, text: str) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    if "expected a single document" in str(exc):
        return YamlError(
            "more than one YAML document in the file; keep a single document (no '---' separators)",
            line=mark.line + 1 if mark else 0,
            col=mark.column + 1 if mark else 0,
            rule="YAML-SYNTAX",
        )
    return _syntax(exc, text)


def _syntax(exc: yaml.MarkedYAMLError, text: str = "") -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        problem = f"{exc.context}: {exc.problem}"
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        problem = "tab character; indent YAML with spaces"
    elif "unacceptable character" in problem or "special characters" in problem:
        problem = "control character in file; remove it"
    return YamlError(
        f"not valid YAML: {problem}",
        line=mark.line + 1 if mark else 0,
        col=mark.column + 1 if mark else 0,
        rule="YAML-SYNTAX",
    )


def _reader(exc: yaml.reader.ReaderError, text: str) -> YamlError:
    """libyaml's reader refuses a character (a control character): locate it in the text."""
    before = text.encode("utf-8")[: max(exc.position, 0)].decode("utf-8", "ignore")  # byte offset
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    char = exc.character
    code = f"U+{ord(char):04X}" if isinstance(char, str) else f"0x{char:02x}"
    return YamlError(f"control character {code} in file; remove it", line=line, col=col,
                     rule="YAML-SYNTAX")


def _refuse_aliases(root: yaml.Node) -> None:
    """libyaml's composer hands back the anchored node itself for every alias: find a repeat."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise _Refused(
                "YAML-ALIAS",
                "aliases (*name) are not allowed in governance files; write the value out",
                node,
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT_HEX = re.compile(r"^(?:0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = _CORE_RESOLVERS[2][1]
_STR = "tag:yaml.org,2002:str"


class _FastResolver:
    """YAML 1.2 core-schema resolution without the generic resolver's per-call bookkeeping."""

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0] or not value:
                return _STR if value or not implicit[0] else "tag:yaml.org,2002:null"
            c = value[0]
            if c in "-+0123456789.":
                if _INT.match(value) or _OCT_HEX.match(value):
                    return "tag:yaml.org,2002:int"
                if _FLOAT.match(value):
                    return "tag:yaml.org,2002:float"
                return _STR
            if c in "tTfF" and value in ("true", "True", "TRUE", "false", "False", "FALSE"):
                return "tag:yaml.org,2002:bool"
            if c in "~nN" and value in ("~", "null", "Null", "NULL"):
                return "tag:yaml.org,2002:null"
            return _STR
        if kind is yaml.SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"


class _FastComposer(CParser, _FastResolver):  # type: ignore[misc]
    pass


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    if tag == "tag:yaml.org,2002:int":
        text = value.replace("_", "")
        digits = text.lstrip("+-")
        if len(digits) > MAX_INT_DIGITS:
            raise _Refused(
                "YAML-VALUE",
                f"integer with {len(digits)} digits is too large (at most {MAX_INT_DIGITS})",
                node,
            )
        if digits.startswith("0o"):
            n = int(digits[2:], 8)
        elif digits.startswith("0x"):
            n = int(digits[2:], 16)
        else:
            n = int(digits)
        return -n if text.startswith("-") else n
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value[0] in "tT"
    if tag == "tag:yaml.org,2002:float":
        low = value.lower()
        if low.endswith(".inf"):
            return float("-inf") if low.startswith("-") else float("inf")
        if low == ".nan":
            return float("nan")
        return float(value)
    raise _Refused(
        "YAML-TAG",
        f"tag {tag!r} is not allowed; governance files hold plain strings, numbers, lists and "
        "mappings",
        node,
    )


def _build(node: yaml.Node, seen: set[int] | None, depth: int = 0) -> Any:
    """Plain Python data from a composed node; refuses aliases, merge keys and duplicate keys.

    Recursion is safe: nesting was bounded before composing. ``seen`` is None when the text has
    no ``*`` at all, so it cannot hold an alias and the identity bookkeeping is skipped.
    """
    if seen is None:
        pass
    elif id(node) in seen:
        raise _Refused(
            "YAML-ALIAS",
            "aliases (*name) are not allowed in governance files; write the value out",
            node,
        )
    else:
        seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    depth += 1
    if depth > MAX_DEPTH:  # _check_depth only walks files with many indicators
        raise _Refused(
            "YAML-DEPTH", f"nesting deeper than {MAX_DEPTH} levels; governance files are shallow",
            node,
        )
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            return _scalar(node)  # type: ignore[arg-type]
        return [_build(child, seen, depth) for child in node.value]
    if node.tag != "tag:yaml.org,2002:map":
        return _scalar(node)  # type: ignore[arg-type]
    out: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused("YAML-KEY", "mapping keys must be plain strings", key_node)
        if key_node.value == "<<":
            raise _Refused(
                "YAML-ALIAS", "merge keys (<<) are not allowed; write each key out", key_node
            )
        key = _build(key_node, seen)
        if key in out:
            raise _Refused(
                "YAML-DUPLICATE-KEY",
                f"duplicate key {key!r} (first at line {_key_line(node, key)}); keep one",
                key_node,
            )
        out[key] = _build(value_node, seen, depth)
    return out


def _key_line(node: yaml.MappingNode, key: Any) -> int:
    for k, _v in node.value:
        if k.value == key or str(k.value) == str(key):
            return int(k.start_mark.line) + 1
    return 0


def loads(data: bytes, max_bytes: int = MAX_BYTES) -> Any:
    """Parse one governance file's bytes into plain Python data, or raise :class:`YamlError`.

    ``max_bytes`` raises the size limit for a file that is read but not kept (an import).
    """
    text = decode(data, max_bytes)
    _check_depth(text)
    loader, node = _compose(text)
    loader.dispose()
    if node is None:
        return None
    try:
        return _build(node, set() if "*" in text else None)
    except _Refused as exc:
        mark = exc.node.start_mark
        raise YamlError(
            exc.message, line=mark.line + 1, col=mark.column + 1, rule=exc.rule
        ) from None
    except (ValueError, OverflowError) as exc:
        line = node.start_mark.line + 1
        raise YamlError(
            f"value cannot be read: {exc}", line=line, col=1, rule="YAML-VALUE"
        ) from None


def position(data: bytes, path: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of the value at ``path`` in the file, or of its nearest parent.

    Called only for files that have findings, so clean files never pay for it.
    """
    return _locate(data, path, key=False)


def key_position(data: bytes, path: Sequence[str | int]) -> tuple[int, int]:
    """Like :func:`position`, but for the *key* of the last step when it is a mapping key."""
    return _locate(data, path, key=bool(path) and isinstance(path[-1], str))


class _Located:
    """One file's composed node tree, with a key index per mapping built on first use."""

    def __init__(self, data: bytes):
        self.error: tuple[int, int] | None = None
        self.root: yaml.Node | None = None
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}
        try:
            text = decode(data)
            _check_depth(text)
            _loader, self.root = _compose(text)
        except YamlError as exc:
            self.error = (exc.line, exc.col)

    def child(self, node: yaml.MappingNode, step: str) -> tuple[yaml.Node, yaml.Node] | None:
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    index.setdefault(k.value, (k, v))
            self._keys[id(node)] = index
        return index.get(step)


@lru_cache(maxsize=4)
def _located(data: bytes) -> _Located:
    # A file with many findings is composed once, not once per finding: 20,000 unknown keys
    # used to mean 20,000 parses and linear key searches (minutes for a 200 kB file).
    return _Located(data)


def _locate(data: bytes, path: Sequence[str | int], *, key: bool) -> tuple[int, int]:
    located = _located(data)
    if located.error is not None:
        return located.error
    node = located.root
    if node is None:
        return 1, 1
    for i, step in enumerate(path):
        found: tuple[yaml.Node, yaml.Node] | None = None
        if isinstance(node, yaml.MappingNode):
            found = located.child(node, step) if isinstance(step, str) else None
        elif (isinstance(node, yaml.SequenceNode) and isinstance(step, int)
              and 0 <= step < len(node.value)):
            found = (node.value[step], node.value[step])
        if found is None:
            break
        if key and i == len(path) - 1:
            node = found[0]
            break
        node = found[1]
    return node.start_mark.line + 1, node.start_mark.column + 1
