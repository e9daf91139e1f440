"""Lists of people in governance files, edited the same way by every command: maintainers and
emeritus (modules, core), working-group members, council seats; and where a login is named."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from charter import roundtrip
from charter.errors import CharterError
from charter.model import State
from charter.suggest import member_login


def index_of(items: Sequence[Any], login: str) -> int | None:
    """Where ``login`` is in ``items`` (logins, or mappings with a ``login``), ignoring case."""
    low = login.lower()
    for i, x in enumerate(items):
        name = x.get("login") if isinstance(x, dict) else x
        if isinstance(name, str) and name.lower() == low:
            return i
    return None


def member_logins(state: State, logins: Iterable[str], what: str) -> list[str]:
    """Each login as its member file spells it; an unknown one is refused with the close logins
    (or, when none is close, the command that adds the person)."""
    out: list[str] = []
    for login in logins:
        spelled = member_login(state, login.strip(), what)
        if index_of(out, spelled) is not None:
            raise CharterError(f"{what} {spelled} is given twice")
        out.append(spelled)
    return out


def reinstate(data: Any, login: str, what: str, allowed: bool) -> None:
    """Take ``login`` out of ``data['emeritus']`` when they are there and ``allowed`` (a return
    from emeritus is a nomination like any other); refuse when not ``allowed``."""
    i = index_of(data.get("emeritus") or [], login)
    if i is None:
        return
    if not allowed:
        since = data["emeritus"][i].get("since")
        raise CharterError(f"{login} is {what} (since {since}); pass --reinstate to move them "
                           "back")
    roundtrip.remove_item(data, "emeritus", i)
    if not data["emeritus"]:
        roundtrip.delete_key(data, "emeritus")


def named(state: State, login: str) -> Iterator[tuple[str, str]]:
    """Every place ``login`` is named: (file, what names it). Member files' own records, the
    groups, relationships others declare, and the election and vote records."""
    from charter.rules import Context, today
    from charter.rules.integrity import login_refs

    low = login.lower()
    for path, _where, who, what in login_refs(Context(state, today())):
        if who.lower() == low and not path.startswith(f"members/{who}"):
            yield path, what
    for eid, d in sorted(state.elections.items()):
        path = f"elections/{eid}/election.yaml"
        roles = []
        for key in ("electorate", "participation"):
            if any(str(x).lower() == low for x in d.get(key) or ()):
                roles.append(key)
        for key in ("candidates", "sitting"):
            if any(str(x.get("login", "")).lower() == low for x in d.get(key) or ()
                   if isinstance(x, dict)):
                roles.append(key)
        motion = d.get("motion") if isinstance(d.get("motion"), dict) else {}
        for key in ("subject", "appointee"):
            if str(motion.get(key) or "").lower() == low:
                roles.append(f"motion {key}")
        if str(d.get("returning_officer") or "").lower() == low:
            roles.append("returning officer")
        if roles:
            yield path, f"the record of a vote ({', '.join(roles)})"
