"""The "did you mean ...?" of every name a user types: logins, slugs, election ids.

A mistyped login must lead to the person who exists, never to creating a second record for them:
every message about an unknown login goes through :func:`unknown_login`, which offers the close
logins when there are any and the ``charter member add`` command only when there are none.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from charter.model import State


def close(word: str, choices: Iterable[str], n: int = 3, cutoff: float = 0.75) -> list[str]:
    """The choices closest to ``word``, best first, compared without regard to case.

    A choice that differs only in case comes first; then difflib's ratio at or above
    ``cutoff`` (0.75 catches one or two slips in a login, not unrelated names).
    """
    by_lower: dict[str, str] = {}
    for c in choices:
        by_lower.setdefault(c.lower(), c)
    low = word.lower()
    if low in by_lower:
        return [by_lower[low]]
    found = difflib.get_close_matches(low, list(by_lower), n=n, cutoff=cutoff)
    return [by_lower[x] for x in found]


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """``"; did you mean 'x'?"`` (or ``'x' or 'y'``) when a choice is close, else ``""``."""
    found = close(word, choices, n)
    if not found:
        return ""
    return "; did you mean " + " or ".join(repr(x) for x in found) + "?"


def close_logins(state: State, login: str, n: int = 3) -> list[str]:
    """Member logins close to ``login`` (not ``login`` itself, whatever its case)."""
    return [x for x in close(login, state.members, n) if x.lower() != login.lower()]


def unknown_login(state: State, login: str, what: str = "") -> str:
    """Why ``login`` is not usable, and the one fix that fits: a close member's login, or
    adding the person when nobody close exists."""
    label = f"{login!r} ({what})" if what else repr(login)
    near = close_logins(state, login)
    if near:
        names = " or ".join(repr(x) for x in near)
        return f"{label} has no member file; did you mean {names}?"
    return (f"{label} has no member file; if they are new, add them first: charter member add "
            f"{login} --name NAME")


def member_login(state: State, login: str, what: str = "") -> str:
    """The member file's spelling of ``login``; a :class:`~charter.errors.CharterError` naming
    the close logins (or how to add the person) when there is no such member."""
    from charter.errors import CharterError

    m = state.member(login.removeprefix("@"))
    if m is None:
        raise CharterError(unknown_login(state, login, what))
    return m.login
