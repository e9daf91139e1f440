"""The elected council (docs/rules.md: PC-*) as checks on the current state.

Election and vote records are verified by :mod:`charter.elections`; these rules check the
council as it stands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from charter.findings import Finding
from charter.model import Member, State
from charter.rules import Context, register
from charter.rules.util import add_months, finding, parse_date


def coi_entities(state: State, member: Member | None) -> set[str]:
    """Entities a person counts toward for PC-COI, after the policy's exemptions."""
    if member is None:
        return set()
    exempt = {
        (e["entity"].casefold(), r.casefold())
        for e in state.policy.get("council.coi_exempt")
        for r in e["roles"]
    }
    return {
        a.entity.casefold()
        for a in member.affiliations
        if (a.entity.casefold(), a.role.casefold()) not in exempt
    }


def council_size(ctx: Context) -> Iterator[Finding]:
    """The council holds at most its configured seats, in the policy's cohorts of their sizes."""
    s = ctx.state
    if s.council.file not in s.files:
        return
    seats = int(s.policy.get("council.seats"))
    cohorts = s.policy.get("council.cohorts")
    if sum(int(n) for n in cohorts.values()) != seats:
        yield finding(
            s,
            "policy.yaml",
            "PC-SIZE",
            f"the cohorts ({', '.join(f'{k}: {v}' for k, v in cohorts.items())}) add up to "
            f"{sum(int(n) for n in cohorts.values())} seats, but council.seats is {seats}; "
            "make them agree",
            "council",
            "cohorts",  # or the nearest key the file has
        )
    if len(s.council.seats) > seats:
        yield finding(
            s,
            s.council.file,
            "PC-SIZE",
            f"{len(s.council.seats)} seats listed; the council has {seats}",
            "seats",
            seats,
        )
    count = Counter(seat.cohort for seat in s.council.seats)
    for cohort, n in sorted(count.items()):
        if cohort not in cohorts:
            idx = next(i for i, seat in enumerate(s.council.seats) if seat.cohort == cohort)
            yield finding(
                s,
                s.council.file,
                "PC-SIZE",
                f"cohort {cohort!r} is not one of the policy's cohorts "
                f"({', '.join(cohorts)}; policy council.cohorts)",
                "seats",
                idx,
                "cohort",
            )
            continue
        limit = int(cohorts[cohort])
        if n > limit:
            idx = [i for i, seat in enumerate(s.council.seats) if seat.cohort == cohort][limit]
            yield finding(
                s,
                s.council.file,
                "PC-SIZE",
                f"cohort {cohort} has {n} members; it has {limit} seats",
                "seats",
                idx,
                "cohort",
            )
    logins = Counter(seat.login.lower() for seat in s.council.seats)
    for i, seat in enumerate(s.council.seats):
        if logins[seat.login.lower()] > 1:
            yield finding(
                s,
                s.council.file,
                "PC-SIZE",
                f"{seat.login} holds more than one seat",
                "seats",
                i,
                "login",
            )


register("PC-SIZE", council_size)


def council_affiliations(ctx: Context) -> Iterator[Finding]:
    """At most two council members are affiliated with one entity (exemptions from the policy)."""
    s = ctx.state
    limit = int(s.policy.get("council.max_per_entity"))
    holders: dict[str, list[int]] = {}
    for i, seat in enumerate(s.council.seats):
        for ent in coi_entities(s, s.member(seat.login)):
            holders.setdefault(ent, []).append(i)
    for ent, idx in sorted(holders.items()):
        if len(idx) > limit:
            names = ", ".join(s.council.seats[i].login for i in idx)
            yield finding(
                s,
                s.council.file,
                "PC-COI",
                f"{len(idx)} council members ({names}) are affiliated with {ent!r}; at most "
                f"{limit} may be: members must resign until the council complies",
                "seats",
                idx[limit],
                "login",
            )


register("PC-COI", council_affiliations)


def council_terms(ctx: Context) -> Iterator[Finding]:
    """A term ends after it starts and lasts no longer than the configured term."""
    s = ctx.state
    years = int(s.policy.get("council.term_years"))
    for i, seat in enumerate(s.council.seats):
        start, end = parse_date(seat.term_start), parse_date(seat.term_end)
        if not start or not end:
            continue
        if end <= start:
            yield finding(
                s,
                s.council.file,
                "PC-TERM",
                f"{seat.login}'s term ends ({end}) before it starts ({start})",
                "seats",
                i,
                "term_end",
            )
        elif end > add_months(start, 12 * years):
            yield finding(
                s,
                s.council.file,
                "PC-TERM",
                f"{seat.login}'s term runs past {years} years ({start} to {end})",
                "seats",
                i,
                "term_end",
            )


register("PC-TERM", council_terms)


def _next_step(c: Any) -> str:
    scope = c.cohort
    if c.status() == "none":
        return (f"elect cohort {scope}: charter election new ID --scope {scope}, then certify "
                "the result and apply it (charter election certify ID; charter council apply "
                "ID)")
    closes = (c.election_data.get("voting") or {}).get("closes")
    if c.status() == "open":
        return (f"elections/{c.election} is under way (voting closes {closes}); then charter "
                f"election certify {c.election} and, once that has merged, charter council "
                f"apply {c.election}")
    return (f"elections/{c.election} elected cohort {scope} on "
            f"{c.election_data.get('finalised')}: charter council apply {c.election}")


def terms_running_out(ctx: Context) -> Iterator[Finding]:
    """A council term is replaced by the next election of its cohort before it ends: notices
    ahead of the end, a warning once the election is due, and for every seat past its end."""
    from charter.findings import Severity
    from charter.terms import cohorts

    s = ctx.state
    if s.council.file not in s.files:
        return
    notice = int(s.policy.get("council.term_notice_days"))
    index = {id(seat): i for i, seat in enumerate(s.council.seats)}
    for c in cohorts(s):
        if any(seat.term_end <= seat.term_start for seat in c.seats):
            continue  # council_terms reports a term that ends before it starts
        first = index[id(c.seats[0])]
        who = ", ".join(c.logins)
        if c.ends <= ctx.today:
            for seat in c.seats:
                yield finding(s, s.council.file, "PC-TERM",
                              f"{seat.login}'s term (cohort {c.cohort}) ended on {c.ends}: the "
                              f"seat has expired; {_next_step(c)}", "seats", index[id(seat)],
                              "term_end", severity=Severity.WARNING)
        elif c.status() == "none" and c.nominations_by <= ctx.today:
            yield finding(s, s.council.file, "PC-ELECTION",
                          f"the election of cohort {c.cohort} is due: the terms of {who} end on "
                          f"{c.ends}, and nominations and voting take "
                          f"{(c.ends - c.nominations_by).days} days, so nominations should have "
                          f"opened by {c.nominations_by}; {_next_step(c)}", "seats", first,
                          "term_end", severity=Severity.WARNING)
        elif (c.ends - ctx.today).days <= notice:
            when = (f"nominations for its election open by {c.nominations_by} (charter election "
                    f"new ID --scope {c.cohort} --opens {c.nominations_by})"
                    if c.status() == "none" else _next_step(c))
            yield finding(s, s.council.file, "PC-TERM",
                          f"the terms of cohort {c.cohort} ({who}) end on {c.ends}; {when}",
                          "seats", first, "term_end", severity=Severity.NOTICE)


register("PC-TERM", terms_running_out)
