"""The voter roll (PC-MEMBER-LAPSE), unit by unit: which council elections ``compute`` counts
(kind, closing day, the last ``council.lapse_after_missed_elections`` of them, their order), its
notes, who is a voter, lapsed or resumed on the day (case-insensitively), ``Roll.as_dict`` and the
lines ``render`` prints. States are built in memory; one test reads the shipped data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from elections_helpers import governance_repo

from charter.elections.roll import Roll, compute, render
from charter.load import load
from charter.model import Core, Council, Member, State, WorkingGroup
from charter.policy import Policy
from charter.tree import FsTree


def _state(members: dict[str, dict[str, Any] | None], elections: dict[str, dict[str, Any]],
           *, missed: int = 2) -> State:
    """A state holding ``members`` (login -> community block) in the order given (not sorted),
    and ``elections``; ``missed`` is council.lapse_after_missed_elections."""
    state = State(policy=Policy.from_data({"council": {"lapse_after_missed_elections": missed}}),
                  core=Core(lead=None, maintainers=()), council=Council(),
                  working_group=WorkingGroup())
    for login, community in members.items():
        state.members[login] = Member(login=login, name=login, file=f"members/{login}.yaml",
                                      community=community)
    state.elections.update(elections)
    return state


def _council(opens: str, closes: str, *, finalised: str | None = None,
             voted: list[str] | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": "council-election", "voting": {"opens": opens, "closes": closes}}
    if finalised:
        d["finalised"] = finalised
    if voted is not None:
        d["participation"] = voted
    return d


SINCE = {"since": "2020-01-01"}


def _lapse_state() -> State:
    """Two council elections with participation, the second certified on 2024-06-15."""
    members: dict[str, dict[str, Any] | None] = {
        "zoe": {"since": "2024-07-01"},  # joins after the day
        "gus": dict(SINCE),  # missed both
        "dora": dict(SINCE),  # voted in the second
        "Ada": dict(SINCE),  # missed both; her file spells her login with a capital
        "bob": dict(SINCE),  # voted in the first
        "Cy": {"since": "2020-01-01", "resumed": "2022-06-01"},  # missed both, asked to resume
        "eve": {"since": "2020-01-01", "removed": "2023-01-01"},  # removed before the day
        "finn": {"since": "2023-01-01"},  # not a member when the first election opened
        "Abe": None,  # no community membership
    }
    elections = {
        "2024-council": _council("2024-06-01", "2024-06-14", finalised="2024-06-15",
                                 voted=["DORA"]),
        "2022-council": _council("2022-06-01", "2022-06-14", finalised="2022-06-15",
                                 voted=["bob"]),
        "2020-council": _council("2020-06-01", "2020-06-14"),  # older: not counted, no note
    }
    return _state(members, elections)


def test_pc_member_lapse_roll_on_the_day_the_last_election_is_certified() -> None:
    roll = compute(_lapse_state(), dt.date(2024, 6, 15))
    assert roll.as_dict() == {
        "elections": ["2022-council", "2024-council"],
        "voters": ["bob", "Cy", "dora", "finn"],
        "lapsed": ["Ada", "gus"],
        "resumed": ["Cy"],
        "notes": [],
    }


def test_pc_member_lapse_roll_the_day_before_the_certification() -> None:
    """The day before 2024-council closes only one election had closed: nobody lapses yet."""
    roll = compute(_lapse_state(), dt.date(2024, 6, 14))
    assert roll.as_dict() == {
        "elections": ["2020-council", "2022-council"],
        "voters": ["Ada", "bob", "Cy", "dora", "finn", "gus"],
        "lapsed": [],
        "resumed": [],
        "notes": ["elections/2020-council records no participation; nobody lapses by it"],
    }


def test_pc_member_lapse_roll_counts_only_council_elections_closed_by_the_day() -> None:
    elections = {
        "a-motion": {"kind": "motion", "voting": {"opens": "2024-01-01", "closes": "2024-01-10"}},
        "b-future": _council("2024-06-10", "2024-06-16"),  # closes the day after
        "c-undated": {"kind": "council-election"},  # no closing day at all
        "d-counted": _council("2024-05-01", "2024-05-14"),
        "e-today": _council("2024-06-01", "2024-06-15"),  # closes on the day itself
    }
    roll = compute(_state({"ada": dict(SINCE)}, elections), dt.date(2024, 6, 15))
    assert roll.as_dict() == {
        "elections": ["d-counted", "e-today"],
        "voters": ["ada"],
        "lapsed": [],
        "resumed": [],
        "notes": ["elections/d-counted records no participation; nobody lapses by it",
                  "elections/e-today records no participation; nobody lapses by it"],
    }


def test_pc_member_lapse_roll_orders_elections_by_closing_day_then_id() -> None:
    """Closing day first (not the id), the id breaking a tie; the note follows that order."""
    elections = {
        "beta": _council("2022-01-01", "2022-01-20"),
        "zeta": _council("2022-01-01", "2022-01-10"),
        "alpha": _council("2022-01-01", "2022-01-20"),
    }
    roll = compute(_state({}, elections, missed=3), dt.date(2023, 1, 1))
    assert roll.elections == ["zeta", "alpha", "beta"]
    assert roll.notes == [f"elections/{e} records no participation; nobody lapses by it"
                          for e in ("zeta", "alpha", "beta")]


@pytest.mark.parametrize(("missed", "counted"), [
    (0, []),
    (1, ["e3"]),
    (2, ["e2", "e3"]),
    (3, ["e1", "e2", "e3"]),
    (4, ["e1", "e2", "e3"]),
])
def test_pc_member_lapse_roll_considers_the_last_n_council_elections(
        missed: int, counted: list[str]) -> None:
    elections = {f"e{i}": _council(f"202{i}-01-01", f"202{i}-01-10", voted=[])
                 for i in (1, 2, 3)}
    roll = compute(_state({}, elections, missed=missed), dt.date(2024, 1, 1))
    assert roll.elections == counted
    assert roll.notes == []


def test_pc_member_lapse_roll_notes_only_elections_without_participation() -> None:
    elections = {"e1": _council("2021-01-01", "2021-01-10"),
                 "e2": _council("2022-01-01", "2022-01-10", voted=["ada"])}
    roll = compute(_state({"ada": dict(SINCE)}, elections), dt.date(2024, 1, 1))
    assert roll.as_dict() == {
        "elections": ["e1", "e2"], "voters": ["ada"], "lapsed": [], "resumed": [],
        "notes": ["elections/e1 records no participation; nobody lapses by it"],
    }


def test_roll_as_dict_keys_and_values() -> None:
    roll = Roll(elections=["e"], voters=["v"], lapsed=["l"], resumed=["r"], notes=["n"])
    assert roll.as_dict() == {"elections": ["e"], "voters": ["v"], "lapsed": ["l"],
                              "resumed": ["r"], "notes": ["n"]}
    assert Roll().as_dict() == {"elections": [], "voters": [], "lapsed": [], "resumed": [],
                                "notes": []}


def test_roll_render_lists_every_part() -> None:
    roll = Roll(elections=["2022-council", "2024-council"], voters=["bob", "Cy", "dora"],
                lapsed=["Ada", "gus"], resumed=["Cy", "hal"],
                notes=["first note", "second note"])
    assert render(roll, 2) == [
        "Council elections considered: 2022-council, 2024-council",
        "Voters (3): bob, Cy, dora",
        "Lapsed after missing 2 council elections (2): Ada, gus",
        "Asked to resume (2): Cy, hal",
        "note: first note",
        "note: second note",
    ]


def test_roll_render_says_none_for_empty_parts() -> None:
    assert render(Roll(), 3) == [
        "Council elections considered: none yet",
        "Voters (0): none",
        "Lapsed after missing 3 council elections (0): none",
        "Asked to resume (0): none",
    ]


def test_pc_member_lapse_roll_of_the_shipped_data(tmp_path: Path) -> None:
    """One council election (2026-council, with participation) of the two needed: nobody lapses;
    samir-khan, admitted on 2026-09-24, is on the roll from that day only."""
    state, _ = load(FsTree(governance_repo(tmp_path)))
    before = ["aiko-tanaka", "anya-ivanova", "bruno-costa", "diego-alvarez", "elif-demir",
              "fatima-zahra", "george-hale", "hana-kim", "ines-moreau", "jonas-berg",
              "kwame-mensah", "lena-vogel", "liam-obrien", "maria-lopez", "mira-chen",
              "noah-clarke", "omar-haddad", "priya-nair", "ravi-patel"]
    after = ["sofia-rossi", "tomas-reyes", "yuki-sato"]
    roll = compute(state, dt.date(2026, 9, 23))
    assert roll.as_dict() == {"elections": ["2026-council"], "voters": before + after,
                              "lapsed": [], "resumed": [], "notes": []}
    assert compute(state, dt.date(2026, 9, 24)).voters == [*before, "samir-khan", *after]
    assert render(roll, 2)[0] == "Council elections considered: 2026-council"
