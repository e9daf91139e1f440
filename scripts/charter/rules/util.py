"""Small helpers shared by the rule modules."""

from __future__ import annotations

import datetime as dt

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
    line, col = state.at(path, *where, key=key) if path in state.files else (0, 0)
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
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
