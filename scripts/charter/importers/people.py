"""One person per login: the spelling and the name an import keeps, and a finding for each choice.

GitHub logins ignore case, so ``albanD`` and ``alband`` are one account. The spelling kept is the
member file's when there is one; otherwise a spelling with capitals (people type logins in lower
case by habit, while the capitals are the account's own), then the most frequent, then the first.
A name written several ways keeps the member file's when it is one of them, else the most
frequent, then the first. Every entry that differs from what is kept is reported on its line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from charter.findings import Finding, Severity
from charter.model import State


@dataclass
class Person:
    login: str
    name: str
    lines: list[int] = field(default_factory=list)
    existing: bool = False


@dataclass(frozen=True)
class Mention:
    """A login and name as one entry of an import file writes them."""

    login: str
    name: str
    line: int
    where: str  # the group that lists them, for messages


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:6])
    more = f" and {len(numbers) - 6} more" if len(numbers) > 6 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


def resolve(mentions: list[Mention], state: State, label: str
            ) -> tuple[dict[str, Person], list[Finding]]:
    """The people ``mentions`` name, keyed by lower-case login, and the normalisations made."""
    by_login: dict[str, list[Mention]] = {}
    for m in mentions:
        by_login.setdefault(m.login.lower(), []).append(m)
    people: dict[str, Person] = {}
    findings: list[Finding] = []
    for low, ms in by_login.items():
        member = state.member(low)
        spellings = Counter(m.login for m in ms)
        if member is not None:
            login = member.login
        else:
            first = {s: next(i for i, m in enumerate(ms) if m.login == s) for s in spellings}
            login = min(spellings, key=lambda s: (s == s.lower(), -spellings[s], first[s]))
        for spelling in spellings:
            if spelling == login:
                continue
            at = [m.line for m in ms if m.login == spelling]
            why = (f"the member file {member.file} spells it {login!r}" if member is not None
                   else f"written {login!r} on {_lines([m.line for m in ms if m.login == login])}"
                   f"; a spelling with capitals is the account's own")
            for line in at:
                findings.append(Finding(label, line, 1, "IMPORT-IDENTITY",
                                        f"login {spelling!r} is one person with {login!r} (GitHub "
                                        f"logins ignore case): {why}", Severity.WARNING))
        names = Counter(m.name for m in ms)
        first_name = {n: next(i for i, m in enumerate(ms) if m.name == n) for n in names}
        if member is not None and member.name in names:
            name = member.name
        else:
            name = min(names, key=lambda n: (-names[n], first_name[n]))
        if len(names) > 1:
            for variant in names:
                if variant == name:
                    continue
                for m in ms:
                    if m.name == variant:
                        findings.append(Finding(
                            label, m.line, 1, "IMPORT-NAME",
                            f"{login} is named {variant!r} here and {name!r} on "
                            f"{_lines([x.line for x in ms if x.name == name])}; the member file "
                            f"keeps {name!r}", Severity.WARNING))
        elif member is not None and member.name != name:
            findings.append(Finding(label, ms[0].line, 1, "IMPORT-NAME",
                                    f"{login} is named {name!r} here and {member.name!r} in "
                                    f"{member.file}; the member file is updated to {name!r}",
                                    Severity.NOTICE))
        people[low] = Person(login, name, [m.line for m in ms], member is not None)
    return people, findings
