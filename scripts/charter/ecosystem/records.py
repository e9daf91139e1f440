"""Reading and writing ``ecosystem/<slug>.yaml`` with ruamel.yaml round-trip.

Comments, key order and layout survive an edit. Nothing is written unless the bytes about to be
written read back through charter's own safe loader and pass the ecosystem schema.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from charter import schema, yamlio
from charter.errors import CharterError, YamlError
from charter.fsutil import atomic_write

KIND = "ecosystem"


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 100
    return y


def path_of(root: Path, slug: str) -> Path:
    return root / "ecosystem" / f"{slug}.yaml"


def read(path: Path) -> CommentedMap:
    try:
        data = _yaml().load(path.read_bytes())
    except OSError as exc:
        raise CharterError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except Exception as exc:  # ruamel raises many kinds; the file is not valid YAML
        raise CharterError(f"{path}: not valid YAML ({type(exc).__name__})") from None
    if not isinstance(data, CommentedMap):
        raise CharterError(f"{path}: not a mapping")
    return data


def dumps(data: Any) -> bytes:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue().encode("utf-8")


def check(raw: bytes, label: str) -> dict[str, Any]:
    """The plain data of ``raw`` if it is a valid ecosystem record; else a CharterError."""
    try:
        plain = yamlio.loads(raw)
    except YamlError as exc:
        raise CharterError(f"{label}: refusing to write: {exc.message}") from None
    if not schema.is_valid(KIND, plain):
        problems = "; ".join(msg for _w, msg, _k in schema.errors(KIND, plain)) or "schema mismatch"
        raise CharterError(f"{label}: refusing to write an invalid record: {problems}")
    return plain  # type: ignore[no-any-return]


def write(path: Path, data: Any) -> dict[str, Any]:
    """Validate and atomically write ``data`` to ``path``; returns the plain data written."""
    raw = dumps(data)
    plain = check(raw, str(path))
    atomic_write(path, raw)
    return plain


def date(value: str) -> SingleQuotedScalarString:
    """A date written as the shipped files write them: quoted, so it stays a string."""
    return SingleQuotedScalarString(value)


def flow(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def flow_map(items: dict[str, Any]) -> CommentedMap:
    m = CommentedMap(items)
    m.fa.set_flow_style()
    return m


def block(data: dict[str, Any]) -> CommentedMap:
    """Plain data as round-trip nodes: dates quoted, lists of logins in flow style."""
    out = CommentedMap()
    for key, value in data.items():
        out[key] = _node(key, value)
    return out


def _node(key: str, value: Any) -> Any:
    if isinstance(value, dict):
        return block(value)
    if isinstance(value, list):
        if all(isinstance(v, (str, int)) for v in value) and key not in ("contacts", "notes",
                                                                           "reasons"):
            return flow(list(value))
        return CommentedSeq([_node(key, v) for v in value])
    if isinstance(value, str) and key in ("date", "submitted", "opened", "deadline"):
        return date(value)
    return value
