"""charter's own integrity rules: the files agree with each other and with their names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from charter.findings import Finding
from charter.invisible import INVISIBLE
from charter.rules import Context, register
from charter.rules.util import finding, impossible_dates, strings
from charter.suggest import close_logins

_RAW_DATE = re.compile(rb"(\d{4})-(\d{2})-(\d{2})")


def _maybe_bad_date(raw: bytes) -> bool:
    """Cheap pre-scan: does the file hold anything shaped like a date that is not one?"""
    for m in _RAW_DATE.finditer(raw):
        try:
            dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return True
    return False


def login_refs(ctx: Context) -> Iterator[tuple[str, tuple[str | int, ...], str, str]]:
    """Every login that must have a member file: (file, where, login, what names it)."""
    s = ctx.state
    if s.core.lead:
        yield s.core.file, ("lead",), s.core.lead, "the lead"
    for i, login in enumerate(s.core.maintainers):
        yield s.core.file, ("maintainers", i), login, "a core maintainer"
    for i, e in enumerate(s.core.emeritus):
        yield s.core.file, ("emeritus", i, "login"), e.login, "an emeritus core maintainer"
    for m in s.modules.values():
        for i, login in enumerate(m.maintainers):
            yield m.file, ("maintainers", i), login, f"a maintainer of module {m.slug}"
        for i, e in enumerate(m.emeritus):
            yield m.file, ("emeritus", i, "login"), e.login, f"an emeritus maintainer of {m.slug}"
    for i, seat in enumerate(s.council.seats):
        yield s.council.file, ("seats", i, "login"), seat.login, "a council member"
    if s.council.returning_officer:
        yield (
            s.council.file,
            ("returning_officer",),
            s.council.returning_officer,
            "the returning officer",
        )
    for i, login in enumerate(s.working_group.members):
        yield s.working_group.file, ("members", i), login, "an ecosystem working-group member"
    if s.working_group.chair:
        yield s.working_group.file, ("chair",), s.working_group.chair, "the working-group chair"
    for mem in s.members.values():
        for i, r in enumerate(mem.relationships):
            yield mem.file, ("relationships", i, "login"), r.login, f"a relationship of {mem.login}"
    extra = s.files.get("codeowners.yaml")
    for section, lines in (extra.data or {}).items() if extra and extra.data else ():
        for i, line in enumerate(lines):
            for j, owner in enumerate(line["owners"]):
                if "/" not in owner:  # org/team is a team, not a person
                    yield extra.path, (section, i, "owners", j), owner, "a code owner"


def every_login_has_a_member_file(ctx: Context) -> Iterator[Finding]:
    """Every login named anywhere has a file members/<login>.yaml, spelled the same."""
    s = ctx.state
    for path, where, login, what in login_refs(ctx):
        if login in s.members:
            continue
        other = s.member(login)
        if other is not None:
            yield finding(
                s,
                path,
                "INT-UNKNOWN-LOGIN",
                f"{login!r} ({what}) is spelled {other.login!r} in {other.file}; "
                "use the same spelling",
                *where,
            )
        elif near := close_logins(s, login):
            # a slip of the keyboard: point at the person, never at creating a second record
            names = " or ".join(repr(x) for x in near)
            yield finding(s, path, "INT-UNKNOWN-LOGIN",
                          f"{login!r} ({what}) has no member file; did you mean {names}?", *where)
        else:
            yield finding(
                s,
                path,
                "INT-UNKNOWN-LOGIN",
                f"{login!r} ({what}) has no member file; add members/{login}.yaml "
                f"(charter member add {login} --name ...)",
                *where,
            )


register("INT-UNKNOWN-LOGIN", every_login_has_a_member_file)


def file_name_matches_identity(ctx: Context) -> Iterator[Finding]:
    """Files in members/, modules/ and ecosystem/ are named for the login or slug they hold."""
    s = ctx.state
    checks = [(m.file, m.login, "login") for m in s.members.values()]
    checks += [(m.file, m.slug, "slug") for m in s.modules.values()]
    checks += [(p.file, p.slug, "slug") for p in s.projects.values()]
    for path, ident, field in checks:
        file = PurePosixPath(path)
        stem = file.stem
        if stem != ident:
            folder = file.parent
            yield finding(
                s,
                path,
                "INT-FILENAME",
                f"file is named {stem!r} but its {field} is {ident!r}; rename it to "
                f"{folder}/{ident}.yaml or fix the {field}",
                field,
            )


register("INT-FILENAME", file_name_matches_identity)


def one_file_per_person(ctx: Context) -> Iterator[Finding]:
    """No two member files share a login (ignoring case) or a GitHub id."""
    s = ctx.state
    by_lower: dict[str, str] = {}
    by_id: dict[int, str] = {}
    for m in sorted(s.members.values(), key=lambda m: m.file):
        low = m.login.lower()
        if low in by_lower:
            yield finding(
                s,
                m.file,
                "INT-DUPLICATE-MEMBER",
                f"login {m.login!r} is already held by {by_lower[low]} (GitHub logins "
                "ignore case); keep one file per person",
                "login",
            )
        by_lower.setdefault(low, m.file)
        if m.github_id is not None:
            if m.github_id in by_id:
                yield finding(
                    s,
                    m.file,
                    "INT-DUPLICATE-MEMBER",
                    f"github_id {m.github_id} is already in {by_id[m.github_id]}; one "
                    "person, one file",
                    "github_id",
                )
            by_id.setdefault(m.github_id, m.file)


register("INT-DUPLICATE-MEMBER", one_file_per_person)


def dates_exist(ctx: Context) -> Iterator[Finding]:
    """Every date is a real calendar date (the schema checks only its shape)."""
    s = ctx.state
    for path, src in s.files.items():
        if src.data is None or not _maybe_bad_date(src.raw):
            continue
        for text, where in impossible_dates(src.data):
            yield finding(s, path, "INT-DATE",
                          f"{text} is not a calendar date; write a real YYYY-MM-DD date", *where)


register("INT-DATE", dates_exist)


def relationships_are_sound(ctx: Context) -> Iterator[Finding]:
    """A declared relationship names someone else, and is not declared twice."""
    s = ctx.state
    for m in s.members.values():
        seen: set[str] = set()
        for i, r in enumerate(m.relationships):
            if r.login.lower() == m.login.lower():
                yield finding(
                    s,
                    m.file,
                    "INT-RELATIONSHIP",
                    "a relationship names the person themselves; remove it",
                    "relationships",
                    i,
                    "login",
                )
            if r.login.lower() in seen:
                yield finding(
                    s,
                    m.file,
                    "INT-RELATIONSHIP",
                    f"relationship with {r.login!r} is declared twice; keep one",
                    "relationships",
                    i,
                )
            seen.add(r.login.lower())


register("INT-RELATIONSHIP", relationships_are_sound)


def fractions_are_proportions(ctx: Context) -> Iterator[Finding]:
    """Every threshold fraction is at most 1. The schema checks the shape (numerator/denominator,
    each from 1: so above 0) of every policy key named *_fraction or *_quorum and of a module's
    fraction; a file that fails it is not in the state."""
    from fractions import Fraction

    s = ctx.state
    pol = s.files.get("policy.yaml")
    places: list[tuple[str, tuple[str | int, ...], str]] = []
    if pol is not None and isinstance(pol.data, dict):
        for section, values in pol.data.items():
            if isinstance(values, dict):
                places += [("policy.yaml", (section, key), value) for key, value in values.items()
                           if key.endswith(("fraction", "quorum"))]
    for m in s.modules.values():
        if m.decision_rule and m.decision_rule.fraction:
            places.append((m.file, ("decision_rule", "fraction"), m.decision_rule.fraction))
    for path, where, text in places:
        value = Fraction(text)
        if value > 1:
            yield finding(
                s,
                path,
                "INT-FRACTION",
                f"{text} is not a proportion; write a fraction above 0 and at most 1, "
                "such as 1/2 or 3/4",
                *where,
            )


register("INT-FRACTION", fractions_are_proportions)


def text_shows_what_it_says(ctx: Context) -> Iterator[Finding]:
    """No governance text holds invisible characters that make it display differently from
    what it says (bidirectional overrides, zero-width spaces, a byte-order mark)."""
    import unicodedata

    s = ctx.state
    for path, src in sorted(s.files.items()):
        if src.data is None or (b"\\" not in src.raw  # a double-quoted escape can write one
                                and not INVISIBLE.search(src.raw.decode("utf-8", "replace"))):
            continue
        for text, where in strings(src.data):
            m = INVISIBLE.search(text)
            if m is None:
                continue
            ch = m.group()
            name = unicodedata.name(ch, "an invisible formatting character")
            yield finding(s, path, "INT-TEXT",
                          f"holds U+{ord(ch):04X} ({name}) at character {m.start() + 1}: it "
                          "changes how the text is displayed without being seen; remove it",
                          *where)


register("INT-TEXT", text_shows_what_it_says)


def one_entry_per_person(ctx: Context) -> Iterator[Finding]:
    """A role list names each person once: logins ignore case, and one person never counts
    twice toward a threshold."""
    s = ctx.state
    lists: list[tuple[str, str, tuple[str, ...]]] = [
        (s.core.file, "maintainers", s.core.maintainers),
        (s.working_group.file, "members", s.working_group.members),
        (s.council.file, "seats", tuple(x.login for x in s.council.seats)),
    ]
    lists += [(m.file, "maintainers", m.maintainers) for m in s.modules.values()]
    for path, key, logins in lists:
        seen: dict[str, int] = {}
        for i, login in enumerate(logins):
            j = seen.setdefault(login.lower(), i)
            if j != i:
                where: tuple[str | int, ...] = (key, i, "login") if key == "seats" else (key, i)
                yield finding(s, path, "INT-DUPLICATE-LOGIN",
                              f"{login} is listed again (as {logins[j]}); GitHub logins ignore "
                              "case: keep one entry", *where)


register("INT-DUPLICATE-LOGIN", one_entry_per_person)


def rule_settings_name_rules(ctx: Context) -> Iterator[Finding]:
    """policy.yaml's rules: settings name rule IDs (or families) that exist and may be changed."""
    from charter.findings import RULE_IDS, check_selector
    from charter.rules import all_rules
    from charter.rules.settings import is_protected

    s = ctx.state
    src = s.files.get("policy.yaml")
    table = src.data.get("rules") if src is not None and isinstance(src.data, dict) else None
    if not isinstance(table, dict):
        return
    known = RULE_IDS | {r.id for r in all_rules()}
    for key in table:
        if is_protected(key.strip().upper()):
            yield finding(s, "policy.yaml", "INT-POLICY",
                          f"rules: {key} cannot be changed by the policy (it decides whether the "
                          "data can be read, or whether what it names exists); fix what it "
                          "reports instead", "rules", key, key=True)
            continue
        try:
            check_selector(key, known)
        except ValueError as exc:
            yield finding(s, "policy.yaml", "INT-POLICY", f"rules: {exc}", "rules", key,
                          key=True)


register("INT-POLICY", rule_settings_name_rules)
