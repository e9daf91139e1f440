"""Reporters: findings as text lines, JSON, or GitHub workflow-command annotations."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import TextIO

from charter.findings import Finding, Severity

FORMATS = ("text", "json", "github")


def use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _loc(f: Finding) -> str:
    where = f.path or "."
    if f.line:
        where += f":{f.line}:{f.col or 1}"
    return where


def text(findings: list[Finding], out: TextIO) -> None:
    color = use_color(out)
    for f in findings:
        rule = f.rule
        if color:
            code = {"error": "31", "warning": "33", "notice": "36"}[f.severity.value]
            rule = f"\x1b[1;{code}m{rule}\x1b[0m"
        label = "" if f.severity is Severity.ERROR else f"{f.severity.value}: "
        out.write(f"{_loc(f)}: {rule} {label}{f.message}\n")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    notices = sum(1 for f in findings if f.severity is Severity.NOTICE)
    warnings = len(findings) - errors - notices
    if findings:
        extra = f", {notices} notice(s)" if notices else ""
        out.write(f"{errors} error(s), {warnings} warning(s){extra}\n")


def as_json(findings: list[Finding], out: TextIO) -> None:
    json.dump([f.as_dict() for f in findings], out, indent=2, ensure_ascii=False)
    out.write("\n")


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], out: TextIO) -> None:
    for f in findings:
        props = []
        if f.path:
            props.append(f"file={_escape_prop(f.path)}")
        if f.line:
            props.append(f"line={f.line}")
            props.append(f"col={f.col or 1}")
        props.append(f"title={_escape_prop(f.rule)}")
        out.write(
            f"::{f.severity.value} {','.join(props)}::{_escape_data(f.rule + ' ' + f.message)}\n"
        )


REPORTERS: dict[str, Callable[[list[Finding], TextIO], None]] = {
    "text": text,
    "json": as_json,
    "github": github,
}


def emit(findings: list[Finding], fmt: str, out: TextIO | None = None) -> None:
    REPORTERS[fmt](findings, out or sys.stdout)


def exit_code(findings: list[Finding]) -> int:
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0
