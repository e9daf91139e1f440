"""Small helpers shared by the rule modules."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from charter.findings import Finding, Severity
from charter.model import State


def finding(
    state: State,
    path: str,
    rule: str,
    message: str,
    *where: str | int,
    key: bool = False,
    severity: Severity = Severity.ERROR,
) -> Finding:
    line, col = state.at(path, *where, key=key)  # (0, 0) for a file that is not there
    return Finding(path, line, col, rule, message, severity)


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_DATE_SHAPE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def strings(node: Any, where: tuple[str | int, ...] = ()
            ) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """(text, path) of every string value in ``node`` (a file's data)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, (*where, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from strings(v, (*where, i))
    elif isinstance(node, str):
        yield node, where


def impossible_dates(
    node: Any, where: tuple[str | int, ...] = ()
) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """(text, path) of every date-shaped string in ``node`` that is no calendar day.

    The schemas check only a date's shape; this finds 2026-02-30 and the like.
    """
    for text, at in strings(node, where):
        if _DATE_SHAPE.match(text) and parse_date(text) is None:
            yield text, at
