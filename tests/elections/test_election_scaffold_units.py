"""New election and vote records as ``charter election new`` and ``charter council vacancy`` lay
them out (charter.elections.scaffold): the exact YAML-ready dicts of a council election
(PC-ELECTION: seats per scope, nomination then voting window, electorate of the day voting opens,
sitting members, candidates' affiliations for PC-COI), a lead election (GOV-LEAD-ELECT), a vote to
admit a member (PC-MEMBER-ADD) and a vacancy vote (PC-VACANCY). Most states are built in memory
with policy windows that differ from each other and from the defaults; the rest read the shipped
data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from elections_helpers import governance_repo

from charter.elections.scaffold import (
    affiliations,
    council_election,
    lead_election,
    member_add,
    vacancy,
    window,
)
from charter.load import load
from charter.model import Affiliation, Core, Council, Member, Seat, State, WorkingGroup
from charter.policy import Policy
from charter.tree import FsTree

ACME = {"entity": "Acme", "role": "employee"}
FOUNDATION = {"entity": "Foundation", "role": "director"}


def _member(login: str, since: str | None, *affs: dict[str, str]) -> Member:
    return Member(login=login, name=login, file=f"members/{login}.yaml",
                  affiliations=tuple(Affiliation(a["entity"], a["role"]) for a in affs),
                  community={"since": since} if since else None)


def _seat(login: str, cohort: str) -> Seat:
    return Seat(login, cohort, "2024-01-01", "2026-01-01", "2024-council")


def _state() -> State:
    """Seven seats in cohorts north (3) and south (4); nomination 10 days, voting 7, votes 5."""
    policy = Policy.from_data({"council": {
        "seats": 7, "cohorts": {"north": 3, "south": 4}, "voting_method": "approval",
        "nomination_days": 10, "voting_days": 7, "vote_days": 5}})
    state = State(policy=policy, core=Core(lead="bob", maintainers=("bob", "Ada")),
                  council=Council(seats=(_seat("Ada", "north"), _seat("bob", "south"),
                                         _seat("cy", "north"))),
                  working_group=WorkingGroup())
    for m in (
        _member("Ada", "2020-01-01", ACME, FOUNDATION),
        _member("bob", "2020-01-01"),
        _member("cy", "2025-03-05"),  # joins while nominations are open
        _member("dee", "2025-03-11"),  # joins the day voting opens
        _member("eli", "2025-03-12"),  # joins the day after voting opens
        _member("fay", None),  # not a community member
    ):
        state.members[m.login] = m
    return state


@pytest.mark.parametrize(("days", "closes"), [(1, "2025-02-27"), (2, "2025-02-28"),
                                              (3, "2025-03-01"), (14, "2025-03-12")])
def test_window_includes_both_ends(days: int, closes: str) -> None:
    assert window(dt.date(2025, 2, 27), days) == {"opens": "2025-02-27", "closes": closes}


def test_pc_coi_affiliations_snapshot() -> None:
    state = _state()
    assert affiliations(state.members["Ada"]) == [ACME, FOUNDATION]
    assert affiliations(state.members["bob"]) == []
    assert affiliations(None) == []


def _council(state: State, scope: str, candidates: list[str]) -> dict[str, Any]:
    return council_election(state, title="Council 2025", scope=scope, opens=dt.date(2025, 3, 1),
                            returning_officer="ro",
                            candidates=candidates)


def _council_head(scope: str, seats: int) -> dict[str, Any]:
    """What every council election of ``_council`` starts with."""
    return {
        "kind": "council-election", "title": "Council 2025", "returning_officer": "ro",
        "method": "approval", "scope": scope, "seats": seats,
        "nomination": {"opens": "2025-03-01", "closes": "2025-03-10"},
        "voting": {"opens": "2025-03-11", "closes": "2025-03-17"},
        "electorate": ["Ada", "bob", "cy", "dee"],
    }


def test_pc_election_whole_council_record() -> None:
    """All the seats, nominations for council.nomination_days, voting from the next day for
    council.voting_days, the community of the day voting opens; no sitting members."""
    assert _council(_state(), "whole", []) == _council_head("whole", 7)


def test_pc_election_cohort_record_lists_the_other_cohorts_as_sitting() -> None:
    assert _council(_state(), "north", []) == {
        **_council_head("north", 3), "sitting": [{"login": "bob", "affiliations": []}]}
    assert _council(_state(), "south", []) == {
        **_council_head("south", 4),
        "sitting": [{"login": "Ada", "affiliations": [ACME, FOUNDATION]},
                    {"login": "cy", "affiliations": []}]}


def test_pc_election_unknown_cohort_has_no_seats_and_every_seat_sitting() -> None:
    assert _council(_state(), "east", []) == {
        **_council_head("east", 0),
        "sitting": [{"login": "Ada", "affiliations": [ACME, FOUNDATION]},
                    {"login": "bob", "affiliations": []}, {"login": "cy", "affiliations": []}]}


def test_pc_coi_council_candidates_carry_their_affiliations() -> None:
    """Candidates in the order given, as spelt; a login found case-insensitively brings its
    member's affiliations, an unknown one none."""
    assert _council(_state(), "whole", ["ada", "nobody", "bob"]) == {
        **_council_head("whole", 7),
        "candidates": [{"login": "ada", "affiliations": [ACME, FOUNDATION]},
                       {"login": "nobody", "affiliations": []},
                       {"login": "bob", "affiliations": []}]}


def test_gov_lead_elect_record() -> None:
    state = _state()
    record = lead_election(state, title="Lead 2025", opens=dt.date(2025, 4, 1),
                           returning_officer="ro", candidates=[])
    assert record == {
        "kind": "lead-election", "title": "Lead 2025", "returning_officer": "ro",
        "method": "instant-runoff", "voting": {"opens": "2025-04-01", "closes": "2025-04-07"},
        "electorate": ["bob", "Ada"],
    }
    assert lead_election(state, title="Lead 2025", opens=dt.date(2025, 4, 1),
                         returning_officer="ro", candidates=["Ada", "bob"]) == {
        **record, "candidates": [{"login": "Ada"}, {"login": "bob"}]}


@pytest.mark.parametrize(("opens", "electorate"), [
    (dt.date(2025, 3, 10), ["Ada", "bob", "cy"]),
    (dt.date(2025, 3, 11), ["Ada", "bob", "cy", "dee"]),
    (dt.date(2025, 3, 12), ["Ada", "bob", "cy", "dee", "eli"]),
])
def test_pc_member_add_record(opens: dt.date, electorate: list[str]) -> None:
    """Open council.vote_days from ``opens``; the community of that day votes."""
    record = member_add(_state(), title="Admit gil", subject="gil",
                        called=("Ada", "2025-03-01"), seconded=("bob", "2025-03-02"),
                        opens=opens, returning_officer="ro")
    assert record == {
        "kind": "motion", "title": "Admit gil", "returning_officer": "ro", "method": "yes-no",
        "motion": {"type": "member-add", "text": "Admit gil to the community.",
                   "subject": "gil", "called": {"by": "Ada", "on": "2025-03-01"},
                   "seconded": {"by": "bob", "on": "2025-03-02"}},
        "voting": {"opens": opens.isoformat(),
                   "closes": (opens + dt.timedelta(days=4)).isoformat()},
        "electorate": electorate,
    }


def test_pc_vacancy_record_for_a_held_seat_with_out_of_touch_members() -> None:
    state = _state()
    record = vacancy(state, title="Fill north", opens=dt.date(2025, 5, 1), returning_officer="ro",
                     appointee="dee", seat=state.council.seats[2], cohort="north",
                     term_end="2026-01-01",
                     out_of_touch=[("cy", "2025-03-01"), ("Ada", "2025-03-15")])
    assert record == {
        "kind": "motion", "title": "Fill north", "returning_officer": "ro", "method": "yes-no",
        "motion": {"type": "vacancy", "text": "Appoint dee to the seat of cy until 2026-01-01.",
                   "appointee": "dee",
                   "replaces": {"login": "cy", "cohort": "north", "term_end": "2026-01-01"},
                   "out_of_touch": [{"login": "cy", "since": "2025-03-01"},
                                    {"login": "Ada", "since": "2025-03-15"}]},
        "voting": {"opens": "2025-05-01", "closes": "2025-05-05"},
        "electorate": ["Ada", "bob", "cy"],
    }


def test_pc_vacancy_record_for_an_empty_seat() -> None:
    record = vacancy(_state(), title="Fill south", opens=dt.date(2025, 5, 1),
                     returning_officer="ro", appointee="eli", seat=None, cohort="south",
                     term_end="2027-01-01", out_of_touch=[])
    assert record == {
        "kind": "motion", "title": "Fill south", "returning_officer": "ro", "method": "yes-no",
        "motion": {"type": "vacancy",
                   "text": "Appoint eli to a vacant seat of cohort south until 2027-01-01.",
                   "appointee": "eli",
                   "replaces": {"cohort": "south", "term_end": "2027-01-01"}},
        "voting": {"opens": "2025-05-01", "closes": "2025-05-05"},
        "electorate": ["Ada", "bob", "cy"],
    }


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> State:
    state, findings = load(FsTree(governance_repo(tmp_path_factory.mktemp("governance"))))
    assert findings == []
    return state


COMMUNITY_2026 = ["aiko-tanaka", "anya-ivanova", "bruno-costa", "diego-alvarez", "elif-demir",
                  "fatima-zahra", "george-hale", "hana-kim", "ines-moreau", "jonas-berg",
                  "kwame-mensah", "lena-vogel", "liam-obrien", "maria-lopez", "mira-chen",
                  "noah-clarke", "omar-haddad", "priya-nair", "ravi-patel", "sofia-rossi",
                  "tomas-reyes", "yuki-sato"]


def test_pc_election_cohort_b_record_from_the_shipped_data(shipped: State) -> None:
    """Cohort B (3 seats by the default cohorts), 14-day windows by default; cohort A sits on."""
    record = council_election(shipped, title="Council 2027 (cohort B)", scope="B",
                              opens=dt.date(2026, 9, 1),
                              returning_officer="george-hale",
                              candidates=["hana-kim", "Elif-Demir", "newcomer"])
    assert record == {
        "kind": "council-election", "title": "Council 2027 (cohort B)",
        "returning_officer": "george-hale", "method": "bloc-star", "scope": "B", "seats": 3,
        "nomination": {"opens": "2026-09-01", "closes": "2026-09-14"},
        "voting": {"opens": "2026-09-15", "closes": "2026-09-28"},
        "electorate": COMMUNITY_2026,
        "sitting": [
            {"login": "sofia-rossi",
             "affiliations": [{"entity": "Northwind Labs", "role": "employee"}]},
            {"login": "kwame-mensah",
             "affiliations": [{"entity": "Contoso Research", "role": "employee"}]}],
        "candidates": [
            {"login": "hana-kim",
             "affiliations": [{"entity": "Lumen Foundation", "role": "director"}]},
            {"login": "Elif-Demir",
             "affiliations": [{"entity": "Tailspin Toys", "role": "employee"}]},
            {"login": "newcomer", "affiliations": []}],
    }


def test_pc_member_add_and_vacancy_from_the_shipped_data(shipped: State) -> None:
    admit = member_add(shipped, title="Admit newcomer", subject="newcomer",
                       called=("hana-kim", "2026-09-20"), seconded=("mira-chen", "2026-09-21"),
                       opens=dt.date(2026, 9, 24),
                       returning_officer="george-hale")
    assert admit["voting"] == {"opens": "2026-09-24", "closes": "2026-10-07"}
    assert admit["electorate"] == [*COMMUNITY_2026[:19], "samir-khan", *COMMUNITY_2026[19:]]
    seat = shipped.council.seats[2]
    record = vacancy(shipped, title="Vacancy", opens=dt.date(2026, 11, 2),
                     returning_officer="george-hale", appointee="ravi-patel", seat=seat,
                     cohort=seat.cohort, term_end=seat.term_end, out_of_touch=[])
    assert record["motion"] == {
        "type": "vacancy", "text": "Appoint ravi-patel to the seat of hana-kim until 2027-06-15.",
        "appointee": "ravi-patel",
        "replaces": {"login": "hana-kim", "cohort": "B", "term_end": "2027-06-15"}}
    assert record["voting"] == {"opens": "2026-11-02", "closes": "2026-11-15"}
    assert record["electorate"] == ["sofia-rossi", "kwame-mensah", "hana-kim", "elif-demir",
                                    "noah-clarke"]
