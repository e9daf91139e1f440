"""Unit pins for ``charter.elections.council``: the PC-COI cascade, cohorts and terms.

Exact outcomes (elected, order, log lines, vacancies, later ties) of the cascade over a
hand-made finishing order, the entities an affiliation counts toward, and the exact seats,
cohorts and term dates ``assign_seats`` gives (PC-ELECTION, PC-COI, PC-TERM, PC-SIZE).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from elections_helpers import policy

from charter.elections.council import (
    Outcome,
    SeatResult,
    _ordinal,
    assign_seats,
    cascade,
    coi_entities,
)
from charter.elections.star import Round
from charter.elections.ties import TieUnresolved

Affs = list[dict[str, Any]]


def aff(entity: Any, role: Any = "employee") -> dict[str, Any]:
    return {"entity": entity, "role": role}


class Feed:
    """A finishing order: yields a Round per name, then a tie (if given), then ends. Pulled
    again after it ended, it yields one ghost (and then ends for good), so a second pull shows."""

    def __init__(self, names: list[str], tie: TieUnresolved | None = None):
        self.names = list(names)
        self.tie = tie
        self.pulls = 0
        self.ended = False
        self.ghosted = False

    def __iter__(self) -> Iterator[Round]:
        return self

    def __next__(self) -> Round:
        self.pulls += 1
        if self.ended and not self.ghosted:
            self.ghosted = True
            return Round(99, "ghost")
        if self.names:
            name = self.names.pop(0)
            return Round(self.pulls, name)
        if self.tie is not None:
            raise self.tie
        self.ended = True
        raise StopIteration


def run(names: list[str], seats: int, affs: dict[str, Affs] | None = None,
        sitting: dict[str, Affs] | None = None, tie: TieUnresolved | None = None,
        **pol: Any) -> tuple[Outcome, Feed]:
    feed = Feed(names, tie)
    out = cascade(feed, names, seats, affs or {}, sitting or {}, policy(**pol))
    return out, feed


# --- coi_entities ----------------------------------------------------------------------------


def test_pc_coi_entities_dedupe_case_insensitively_keeping_the_first_spelling() -> None:
    affs = [aff("Acme"), aff("ACME", "director"), aff("Beta", "advisor"), aff("acme")]
    assert coi_entities(affs, policy()) == ["Acme", "Beta"]
    assert coi_entities([], policy()) == []
    assert coi_entities([aff(42, 7)], policy()) == ["42"]


def test_pc_coi_exemptions_match_entity_and_role_case_insensitively() -> None:
    pol = policy(coi_exempt=[{"entity": "Lumen Foundation", "roles": ["Member", "sponsor"]},
                             {"entity": "OSI", "roles": ["member"]}])
    affs = [aff("LUMEN foundation", "member"), aff("lumen Foundation", "SPONSOR"),
            aff("osi", "MEMBER"), aff("Lumen Foundation", "director"), aff("OSI", "director"),
            aff("Acme", "member")]
    assert coi_entities(affs, pol) == ["Lumen Foundation", "OSI", "Acme"]
    assert coi_entities([aff("Lumen Foundation", "member"), aff("OSI", "member")], pol) == []


@pytest.mark.parametrize(("n", "word"), [
    (0, "0th"), (1, "first"), (2, "second"), (3, "third"), (4, "fourth"), (5, "fifth"),
    (6, "sixth"), (7, "seventh"), (8, "eighth"), (9, "ninth"), (10, "tenth"), (11, "11th"),
    (12, "12th"),
])
def test_pc_coi_ordinal_words(n: int, word: str) -> None:
    assert _ordinal(n) == word


# --- cascade -----------------------------------------------------------------------------------


def test_pc_coi_cascade_passes_over_a_third_person_and_leaves_a_vacancy() -> None:
    affs = {"a": [aff("X")], "b": [aff("x")], "c": [aff("X")], "d": [aff("Y")]}
    out, feed = run(["a", "b", "c", "d"], 5, affs)
    assert out.elected == ["a", "b", "d"]
    assert out.order == ["a", "b", "c", "d"]
    assert [(r.number, r.winner) for r in out.rounds] == [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
    assert out.log == [
        "c (place 3) was passed over: a third person from X, where at most 2 may sit; "
        "the next candidate moves up",
        "candidates ran out: the remaining seats stay vacant (council.coi_exhausted: vacant)",
    ]
    assert (out.vacancies, out.unplaced, out.later_tie) == (2, [], None)
    assert feed.pulls == 5


def test_pc_coi_cascade_stops_pulling_once_the_seats_are_filled() -> None:
    out, feed = run(["a", "b", "c", "d"], 2)
    assert (out.elected, out.order, out.log, out.vacancies) == (
        ["a", "b"], ["a", "b", "c", "d"], [], 0)
    assert feed.pulls == 5  # the rest of the order is pulled for the report, then it ends


def test_pc_size_fewer_candidates_than_seats_without_disqualification_logs_nothing() -> None:
    out, feed = run(["a", "b"], 4)
    assert (out.elected, out.log, out.vacancies) == (["a", "b"], [], 2)
    assert feed.pulls == 3


def test_pc_coi_cascade_all_seats_filled_despite_a_disqualification_logs_no_run_out() -> None:
    affs = {"a": [aff("X")], "b": [aff("X")], "c": [aff("X")], "d": [aff("Y")]}
    out, _ = run(["a", "b", "c", "d", "e"], 3, affs)
    assert out.elected == ["a", "b", "d"]
    assert out.log == [
        "c (place 3) was passed over: a third person from X, where at most 2 may sit; "
        "the next candidate moves up"]
    assert out.vacancies == 0


def test_pc_coi_cascade_requalifies_in_rank_order_only_as_many_as_needed() -> None:
    affs = {n: [aff("X")] for n in ("a", "b", "c", "d", "e")}
    affs["f"] = [aff("Y")]
    out, _ = run(["a", "b", "c", "d", "e", "f"], 5, affs, coi_exhausted="requalify")
    assert out.elected == ["a", "b", "c", "d", "f"]
    assert out.log == [
        "c (place 3) was passed over: a third person from X, where at most 2 may sit; "
        "the next candidate moves up",
        "d (place 4) was passed over: a third person from X, where at most 2 may sit; "
        "the next candidate moves up",
        "e (place 5) was passed over: a third person from X, where at most 2 may sit; "
        "the next candidate moves up",
        "candidates ran out: c re-qualified in rank order (council.coi_exhausted: requalify)",
        "candidates ran out: d re-qualified in rank order (council.coi_exhausted: requalify)",
    ]
    assert out.vacancies == 0


def test_pc_coi_sitting_members_count_case_insensitively() -> None:
    sitting = {"s1": [aff("Acme"), aff("ACME", "director")], "s2": [aff("acme"), aff("Beta")],
               "s3": [aff("Lumen", "member")]}
    affs = {"c1": [aff("aCME")], "c2": [aff("Gamma"), aff("beta")], "c3": [aff("BETA")],
            "c4": [aff("Lumen", "member")]}
    out, _ = run(["c1", "c2", "c3", "c4"], 3, affs, sitting, max_per_entity=2,
                 coi_exempt=[{"entity": "lumen", "roles": ["MEMBER"]}])
    assert out.elected == ["c2", "c4"]
    assert out.log == [
        "sitting member s1 counts toward Acme",
        "sitting member s2 counts toward acme",
        "sitting member s2 counts toward Beta",
        "c1 (place 1) was passed over: a third person from aCME, where at most 2 may sit; "
        "the next candidate moves up",
        "c3 (place 3) was passed over: a third person from BETA, where at most 2 may sit; "
        "the next candidate moves up",
        "candidates ran out: the remaining seats stay vacant (council.coi_exhausted: vacant)",
    ]
    assert out.vacancies == 1


def test_pc_coi_cap_of_one_names_the_first_full_entity() -> None:
    affs = {"a": [aff("X")], "b": [aff("Y"), aff("Z")], "c": [aff("W"), aff("Z"), aff("X")]}
    out, _ = run(["a", "b", "c"], 3, affs, max_per_entity=1)
    assert out.elected == ["a", "b"]
    assert out.log[0] == ("c (place 3) was passed over: a second person from Z, where at most 1 "
                          "may sit; the next candidate moves up")


def test_pc_coi_cap_of_zero_passes_over_everyone_affiliated() -> None:
    out, _ = run(["a", "b"], 2, {"a": [aff("X")]}, max_per_entity=0)
    assert out.elected == ["b"]
    assert out.log[0] == ("a (place 1) was passed over: a first person from X, where at most 0 "
                          "may sit; the next candidate moves up")


def test_pc_election_a_tie_below_the_elected_is_kept_for_the_report() -> None:
    tie = TieUnresolved(3, "scoring", ["d", "c"], 1)
    out, _ = run(["a", "b"], 2, tie=tie)
    assert (out.elected, out.order, out.vacancies) == (["a", "b"], ["a", "b"], 0)
    assert out.later_tie is tie
    assert out.unplaced == []
    names = ["e", "a", "c", "b", "d"]
    out = cascade(Feed(["a", "b"], tie), names, 2, {}, {}, policy())
    assert out.unplaced == ["e", "c", "d"]
    assert out.later_tie is tie


def test_pc_election_a_tie_that_decides_a_seat_stops_the_count() -> None:
    tie = TieUnresolved(2, "runoff", ["b", "c"], 1)
    with pytest.raises(TieUnresolved) as exc:
        run(["a"], 2, tie=tie)
    assert exc.value is tie


def test_pc_election_outcome_defaults() -> None:
    assert Outcome() == Outcome([], [], [], [], 0, [], None)


# --- seats, cohorts and terms ------------------------------------------------------------------


START = dt.date(2026, 6, 15)


def test_pc_term_whole_council_default_cohorts() -> None:
    seats = assign_seats(["e", "d", "c", "b", "a"], "whole", 5, policy(), START)
    assert seats == [
        SeatResult("e", "A", "2026-06-15", "2028-06-15"),
        SeatResult("d", "A", "2026-06-15", "2028-06-15"),
        SeatResult("c", "B", "2026-06-15", "2027-06-15"),
        SeatResult("b", "B", "2026-06-15", "2027-06-15"),
        SeatResult("a", "B", "2026-06-15", "2027-06-15"),
    ]


def test_pc_term_whole_council_seats_past_the_cohorts_join_the_last() -> None:
    seats = assign_seats(["a", "b", "c"], "whole", 4, policy(cohorts={"p": 1, "q": 1}), START)
    assert seats == [
        SeatResult("a", "p", "2026-06-15", "2028-06-15"),
        SeatResult("b", "q", "2026-06-15", "2027-06-15"),
        SeatResult("c", "q", "2026-06-15", "2027-06-15"),
        SeatResult(None, "q", "2026-06-15", "2027-06-15"),
    ]
    pol = policy(cohorts={"x": 1, "y": 1, "z": 1}, term_years=1)
    seats = assign_seats(["a"], "whole", 4, pol, START)
    assert [(s.login, s.cohort, s.term_end) for s in seats] == [
        ("a", "x", "2027-06-15"), (None, "y", "2027-02-15"), (None, "z", "2026-10-15"),
        (None, "z", "2026-10-15")]


def test_pc_term_three_cohorts_serve_whole_months_clamped_to_the_month_end() -> None:
    pol = policy(cohorts={"x": 1, "y": 1, "z": 1}, term_years=1)
    seats = assign_seats(["a", "b", "c"], "whole", 3, pol, dt.date(2026, 1, 31))
    assert seats == [
        SeatResult("a", "x", "2026-01-31", "2027-01-31"),
        SeatResult("b", "y", "2026-01-31", "2026-09-30"),
        SeatResult("c", "z", "2026-01-31", "2026-05-31"),
    ]
    pol = policy(cohorts={"x": 1, "y": 2}, term_years=3)
    seats = assign_seats(["a", "b"], "whole", 3, pol, START)
    assert seats == [
        SeatResult("a", "x", "2026-06-15", "2029-06-15"),
        SeatResult("b", "y", "2026-06-15", "2027-12-15"),
        SeatResult(None, "y", "2026-06-15", "2027-12-15"),
    ]


def test_pc_term_whole_council_without_a_start_date_is_provisional() -> None:
    seats = assign_seats(["a", "b", "c"], "whole", 3, policy(), None)
    assert seats == [SeatResult("a", "A", None, None), SeatResult("b", "A", None, None),
                     SeatResult("c", "B", None, None)]


def test_pc_term_cohort_election_serves_a_full_term_vacancies_included() -> None:
    seats = assign_seats(["x", "y"], "B", 3, policy(term_years=3), dt.date(2028, 2, 29))
    assert seats == [
        SeatResult("x", "B", "2028-02-29", "2031-02-28"),
        SeatResult("y", "B", "2028-02-29", "2031-02-28"),
        SeatResult(None, "B", "2028-02-29", "2031-02-28"),
    ]
    assert assign_seats(["x"], "A", 1, policy(), None) == [SeatResult("x", "A", None, None)]


def test_pc_size_more_elected_than_seats_adds_no_vacancy() -> None:
    assert assign_seats(["x", "y"], "A", 1, policy(), START) == [
        SeatResult("x", "A", "2026-06-15", "2028-06-15"),
        SeatResult("y", "A", "2026-06-15", "2028-06-15"),
    ]
    assert assign_seats([], "A", 0, policy(), START) == []


@pytest.mark.parametrize(("seat", "d"), [
    (SeatResult("ana", "A", "2026-06-15", "2028-06-15"),
     {"login": "ana", "cohort": "A", "term_start": "2026-06-15", "term_end": "2028-06-15",
      "elected_in": "2026-council"}),
    (SeatResult(None, "B", "2026-06-15", "2027-06-15"),
     {"login": None, "cohort": "B", "term_start": "2026-06-15", "term_end": "2027-06-15"}),
    (SeatResult("ana", "A", None, None),
     {"login": "ana", "cohort": "A", "elected_in": "2026-council"}),
    (SeatResult(None, "A", None, None), {"login": None, "cohort": "A"}),
])
def test_pc_election_seat_result_as_dict(seat: SeatResult, d: dict[str, Any]) -> None:
    assert seat.as_dict("2026-council") == d
