"""JSON Schemas for each kind of governance file, and validation that keeps source positions.

Clean files pass a compiled validator (fastjsonschema) in microseconds; only a file that fails
is validated again by jsonschema, the authority, whose error paths are mapped back to the line and
column of the offending YAML node. Schemas are written in draft 2020-12 using only keywords whose
meaning is the same in draft 7, so both validators agree (a test checks that on every fixture).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

# Past this many unknown fields in one mapping, the rest are summed up in one finding (a file
# with 60,000 stray keys would otherwise cost a "did you mean" search and a finding each).
MAX_UNKNOWN_FIELDS = 20

KINDS = ("member", "module", "core", "council", "working-group", "policy", "ecosystem", "election")


def schema_path(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


@cache
def bundled(kind: str) -> dict[str, Any]:
    """The schema of ``kind`` with the shared definitions copied in, so it stands alone."""
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    defs = json.loads((SCHEMA_DIR / "defs.schema.json").read_text(encoding="utf-8"))["$defs"]
    text = json.dumps(schema).replace('"defs.schema.json#/$defs/', '"#/$defs/')
    out = json.loads(text)
    out.setdefault("$defs", {})
    for name, value in defs.items():
        out["$defs"].setdefault(name, copy.deepcopy(value))
    return out


@cache
def fast_validator(kind: str) -> Callable[[Any], Any]:
    import fastjsonschema

    schema = copy.deepcopy(bundled(kind))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    text = (
        json.dumps(schema)
        .replace('"#/$defs/', '"#/definitions/')
        .replace('"$defs":', '"definitions":')
    )
    return fastjsonschema.compile(json.loads(text), use_default=False)


@cache
def full_validator(kind: str) -> Any:
    import jsonschema

    schema = bundled(kind)
    cls = jsonschema.validators.validator_for(schema)
    cls = jsonschema.validators.extend(cls, {"pattern": _pattern_keyword})
    return cls(schema)


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """``pattern`` with JSON Schema's (ECMA-262) meaning of ``$``: the end of the string.

    Python's ``$`` also matches before a final newline, so with plain ``re.search`` a login
    ``"carol\\n"`` matched the login pattern; an unescaped ``$`` outside a character class
    becomes ``\\Z``.
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "$":
            c = r"\Z"
        out.append(c)
        i += 1
    return re.compile("".join(out))


def _pattern_keyword(validator: Any, patrn: str, instance: Any, schema: Any) -> Any:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not ecma_regex(patrn).search(instance):
        yield ValidationError(f"{instance!r} does not match {patrn!r}")


def is_valid(kind: str, data: Any) -> bool:
    import fastjsonschema

    try:
        fast_validator(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def errors(kind: str, data: Any) -> list[tuple[tuple[str | int, ...], str, bool]]:
    """Every schema error as (path to the node, message, whether the path names a key).

    Messages say what is wrong in the user's terms; for an unknown field the path points at the
    field's key.
    """
    out: list[tuple[tuple[str | int, ...], str, bool]] = []
    for err in full_validator(kind).iter_errors(data):
        out.extend(_explain(err))
    return out


def _explain(err: Any) -> list[tuple[tuple[str | int, ...], str, bool]]:
    path = tuple(err.absolute_path)
    where = _dotted(path)
    v = err.validator
    if v == "additionalProperties" and isinstance(err.instance, dict):
        allowed = sorted(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in err.schema.get("properties", {}))
        results = []
        import difflib

        pats = err.schema.get("patternProperties", {})
        for key in extra:
            if pats and any(re.search(p, str(key)) for p in pats):
                continue
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            sug = (
                f"; did you mean {hint[0]!r}?"
                if hint
                else (f"; allowed: {', '.join(allowed)}" if allowed else "")
            )
            if len(results) == MAX_UNKNOWN_FIELDS:
                rest = [k for k in extra[extra.index(key):]
                        if not (pats and any(re.search(p, str(k)) for p in pats))]
                names = ", ".join(repr(k) for k in rest[:5])
                results.append(((*path, key), f"{len(rest)} more unknown fields ({names}, ...); "
                                f"allowed: {', '.join(allowed)}", True))
                break
            results.append(((*path, key), f"unknown field {key!r}{sug}", True))
        return results
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return [(path, f"{where or 'file'}: missing required field {missing!r}", False)]
    if v == "pattern":
        if err.instance == "" and err.schema.get("minLength"):
            return []  # "must not be empty" (minLength) says it better
        desc = err.schema.get("description") or _pattern_hint(err.schema.get("pattern", ""))
        return [(path, f"{where}: {err.instance!r} is not valid: {desc}", False)]
    if v == "minLength":
        n = err.validator_value
        need = "must not be empty" if n == 1 else f"must be at least {n} characters"
        return [(path, f"{where or 'file'}: {need}", False)]
    if v == "maxLength" and isinstance(err.instance, str):
        return [(path, f"{where or 'file'}: {len(err.instance):,} characters; at most "
                 f"{err.validator_value:,} are allowed", False)]
    if v == "enum":
        opts = ", ".join(repr(o) for o in err.validator_value)
        import difflib

        words = [str(o) for o in err.validator_value]
        close = difflib.get_close_matches(str(err.instance), words, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return [(path, f"{where}: {err.instance!r} is not one of {opts}{hint}", False)]
    if v == "type":
        want = err.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        got = _json_type(err.instance)
        desc = err.schema.get("description")
        hint = f" ({desc.rstrip('.')})" if desc and path else ""
        return [(path, f"{where or 'file'}: expected {_article(want)}, found {got}{hint}", False)]
    if v in ("anyOf", "oneOf") and err.context:
        best = min(err.context, key=lambda e: len(list(e.absolute_path)))
        return _explain(best)
    if v == "uniqueItems":
        return [(path, f"{where}: lists the same value twice; remove the repeat", False)]
    if v == "not" and not isinstance(err.instance, dict):
        return []  # a "not required" guard on something that is not a mapping: its type error
        # ("expected a mapping") is the one to report, not jsonschema's repr of the guard
    if v == "not" and isinstance(err.instance, dict):
        banned = [k for k in err.validator_value.get("required", []) if k in err.instance]
        kind = err.instance.get("kind")
        ctx = f" when kind is {kind!r}" if kind else " here"
        return [
            ((*path, k), f"field {k!r} is not allowed{ctx}; remove it", True) for k in banned
        ] or [(path, f"{where or 'file'}: {err.message}", False)]
    return [(path, f"{where or 'file'}: {err.message}", False)]


# What the schemas' undescribed patterns mean, in the words a maintainer needs to fix the value.
_PATTERNS = {
    "^[a-z0-9](?:[a-z0-9]|[-_.](?=[a-z0-9])){0,62}$":
        "a slug: 1-63 lowercase letters, digits and single '-', '_' or '.' between them",
    "^https://[^\\s]+$": "a link starting with https:// and containing no spaces",
    "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$":
        "text without control characters (newlines and tabs are fine)",
    "^[^\\u0000-\\u001f\\u007f]+$":
        "one line of text: no newlines, tabs or other control characters",
    "^[0-9a-f]{64}$": "a sha256 digest: 64 lowercase hexadecimal digits",
}


def _pattern_hint(pattern: str) -> str:
    return _PATTERNS.get(pattern, f"must match {pattern}")


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _article(word: str) -> str:
    names = {
        "object": "a mapping",
        "array": "a list",
        "string": "a string",
        "integer": "an integer",
        "boolean": "a boolean (true or false)",
        "null": "null",
        "number": "a number",
    }
    return names.get(word, word)
