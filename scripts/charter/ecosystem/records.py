"""Reading and writing ``ecosystem/<slug>.yaml`` through :mod:`charter.roundtrip`.

Comments, key order and layout survive an edit, and lines it does not touch stay byte for byte.
Nothing is written unless the bytes about to be written read back through charter's own safe
loader and pass the ecosystem schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from charter import roundtrip, schema, yamlio
from charter.errors import CharterError, YamlError
from charter.fsutil import atomic_write

KIND = "ecosystem"
Document = roundtrip.Document


def path_of(root: Path, slug: str) -> Path:
    return root / "ecosystem" / f"{slug}.yaml"


def read(path: Path, rel: str | None = None) -> Document:
    """The record held for editing (see :mod:`charter.roundtrip`): change ``.data``, then
    :func:`write`. Lines the edit does not touch are kept byte for byte."""
    try:
        return roundtrip.load(path, rel)
    except OSError as exc:
        raise CharterError(f"{rel or path}: cannot read ({exc.strerror or exc})") from None


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


def write(path: Path, doc: Document | dict[str, Any]) -> dict[str, Any]:
    """Validate and atomically write an edited record (or a new one from plain data)."""
    raw = doc.dumps() if isinstance(doc, Document) else roundtrip.new(block(doc))
    plain = check(raw, str(path))
    atomic_write(path, raw)
    return plain


def append(mapping: CommentedMap, key: str, value: Any) -> None:
    """Append ``value`` to the list ``mapping[key]``, creating it at the end if absent."""
    if key in mapping and isinstance(mapping[key], list):
        if not mapping[key]:
            # "reviews: []" becomes a block list: an entry is a mapping of several lines (an
            # empty list as read has no style of its own, and would gain its entry as "[{...}]")
            mapping[key] = CommentedSeq()
            mapping[key].fa.set_block_style()
        roundtrip.append_item(mapping, key, value)
    else:
        mapping[key] = CommentedSeq([value])


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


def append_review(path: Path, entry: CommentedMap) -> dict[str, Any] | None:
    """Append ``entry`` to the top-level ``reviews`` list as text, when that is provably safe.

    The common outcome of a periodic review changes nothing but this list, usually the file's
    last key; writing it as appended text skips a full round trip. The result must read back,
    through the safe loader, as exactly the old data plus the entry, and pass the schema;
    otherwise nothing is written and None is returned (the caller takes the round-trip path).
    """
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        old = yamlio.loads(raw)
    except (OSError, UnicodeDecodeError, YamlError):
        return None  # the round-trip path reads it again, and names what went wrong
    if "\r" in text or not text.endswith("\n") or not isinstance(old, dict):
        return None
    lines = text.split("\n")
    keys = [i for i, line in enumerate(lines) if line[:1].isalnum() or line[:1] == "_"]
    rendered = roundtrip.new({"reviews": CommentedSeq([entry])}).decode("utf-8")
    item = rendered.split("\n", 1)[1]  # "  - date: ..." lines
    if "reviews" not in old:
        addition = "reviews:\n" + item
    elif keys and lines[keys[-1]] == "reviews:" and isinstance(old["reviews"], list) \
            and old["reviews"]:
        following = [line for line in lines[keys[-1] + 1:] if line.strip()]
        if not following or not following[0].startswith("  - "):
            return None
        addition = item
    else:
        return None
    new = (text + addition).encode("utf-8")
    expected = dict(old)
    expected["reviews"] = [*old.get("reviews", []), yamlio.loads(roundtrip.new(
        CommentedMap(entry)))]
    try:
        if yamlio.loads(new) != expected:
            return None
    except YamlError:
        return None
    plain = check(new, str(path))
    atomic_write(path, new)
    return plain


def record_offboarding(path: Path, rel: str, number: int) -> dict[str, Any]:
    """Add ``number`` as the retired project's ``retired: offboarding_issue:`` (ECO-OFFBOARD), at
    the end of its ``retired`` mapping; the rest of the file stays byte for byte. The caller has
    checked that the record is retired, with date and reason, and names no issue yet."""
    doc = read(path, rel)
    retired = doc.data["retired"]
    roundtrip.insert_key_after(retired, list(retired)[-1], "offboarding_issue", number)
    return write(path, doc)
