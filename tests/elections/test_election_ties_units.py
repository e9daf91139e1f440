"""Unit pins for ``charter.elections.ties``: unbreakable ties and their recorded resolutions.

Exact :class:`TieUnresolved` messages, the exact orders a published seed draws, the problems a
recorded resolution can have, which record a :class:`Resolver` replays, and the step it reports.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from charter.elections.ties import (
    STAGES,
    Resolution,
    Resolver,
    Step,
    TieUnresolved,
    draw_order,
    resolution_step,
)
from charter.errors import CharterError

FOUR = ["ana", "ben", "cai", "dee"]


def test_pc_election_tie_unresolved_names_round_stage_and_sorted_candidates() -> None:
    tie = TieUnresolved(3, "runoff", ["cai", "Ben", "ana"], 1)
    assert isinstance(tie, CharterError)
    assert (tie.round, tie.stage, tie.tied, tie.desired) == (3, "runoff", ("ana", "Ben", "cai"), 1)
    assert str(tie) == (
        "unbreakable tie in round 3 (runoff) between ana, Ben, cai: 1 of them must go ahead; "
        "record the candidates' agreement or a draw with 'charter election resolve-tie' "
        "(round 3, stage runoff)")


def test_pc_election_stages_in_the_pinned_order() -> None:
    assert STAGES == ("scoring", "runoff", "approval", "elimination")


@pytest.mark.parametrize(("seed", "round_no", "stage", "order"), [
    ("s33d", 1, "scoring", ("ana", "dee", "cai", "ben")),
    ("s33d", 2, "runoff", ("dee", "ben", "ana", "cai")),
    ("s33d", 3, "elimination", ("ben", "dee", "ana", "cai")),
    ("2026-council", 1, "scoring", ("dee", "cai", "ben", "ana")),
    ("2026-council", 2, "runoff", ("cai", "dee", "ana", "ben")),
    ("2026-council", 3, "elimination", ("cai", "ana", "ben", "dee")),
    ("", 1, "scoring", ("cai", "ana", "dee", "ben")),
])
def test_pc_election_draw_order_for_a_published_seed(seed: str, round_no: int, stage: str,
                                                     order: tuple[str, ...]) -> None:
    assert draw_order(seed, round_no, stage, FOUR) == order
    assert draw_order(seed, round_no, stage, reversed(FOUR)) == order
    digests = [hashlib.sha256(f"{seed}|{round_no}|{stage}|{c}".encode()).hexdigest() for c in order]
    assert digests == sorted(digests)


def rec(**over: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"round": 1, "stage": "scoring", "tied": ["ana", "ben"],
                         "order": ["ben", "ana"], "method": "agreement"}
    d.update(over)
    return {k: v for k, v in d.items() if v is not None}


def test_resolution_from_data_reads_every_field() -> None:
    r = Resolution.from_data(4, rec(round="2", stage="runoff", method="draw", seed="s33d",
                                    reference="https://example.org/seed"))
    assert r == Resolution(4, 2, "runoff", frozenset({"ana", "ben"}), ("ben", "ana"), "draw",
                           "s33d", "https://example.org/seed")


def test_resolution_from_data_defaults() -> None:
    r = Resolution.from_data(0, {"round": 1, "stage": "scoring", "tied": ["a", "b"],
                                 "method": "draw"})
    assert r == Resolution(0, 1, "scoring", frozenset({"a", "b"}), (), "draw", None, None)
    assert Resolution.from_data(0, rec(order=[])).order == ()


@pytest.mark.parametrize(("over", "problems"), [
    ({}, []),
    ({"tied": ["ana"], "order": ["ana"]}, ["a tie needs at least two candidates"]),
    ({"tied": [], "order": []}, ["a tie needs at least two candidates"]),
    ({"order": ["ben"]}, ["the agreed order must list each tied candidate once"]),
    ({"order": ["ben", "ana", "ana"]}, ["the agreed order must list each tied candidate once"]),
    ({"order": ["ben", "cai"]}, ["the agreed order must list each tied candidate once"]),
    ({"order": None}, ["the agreed order must list each tied candidate once"]),
    ({"tied": ["ana"], "order": ["ana", "ben"]},
     ["a tie needs at least two candidates",
      "the agreed order must list each tied candidate once"]),
    ({"method": "draw", "order": None}, ["a draw records the published seed"]),
    ({"method": "draw", "seed": ""}, ["a draw records the published seed"]),
    ({"method": "draw", "tied": ["ana"], "order": None},
     ["a tie needs at least two candidates", "a draw records the published seed"]),
    ({"method": "draw", "seed": "s33d", "tied": FOUR, "order": None}, []),
    ({"method": "draw", "seed": "s33d", "tied": FOUR, "order": ["ana", "dee", "cai", "ben"]}, []),
    ({"method": "draw", "seed": "s33d", "tied": FOUR, "order": ["ana", "ben", "cai", "dee"]},
     ["the seed draws ana, dee, cai, ben, not the recorded ana, ben, cai, dee"]),
    ({"method": "draw", "seed": "s33d", "tied": FOUR, "round": 2, "stage": "runoff",
      "order": ["ana", "dee", "cai", "ben"]},
     ["the seed draws dee, ben, ana, cai, not the recorded ana, dee, cai, ben"]),
])
def test_pc_election_resolution_problems(over: dict[str, Any], problems: list[str]) -> None:
    assert Resolution.from_data(0, rec(**over)).problems() == problems


@pytest.mark.parametrize(("over", "order"), [
    ({}, ("ben", "ana")),
    ({"method": "draw", "seed": "s33d", "tied": FOUR, "order": ["cai", "ben"]},
     ("ana", "dee", "cai", "ben")),
    ({"method": "draw", "seed": "s33d", "tied": FOUR, "round": 3, "stage": "elimination",
      "order": None}, ("ben", "dee", "ana", "cai")),
    ({"method": "draw", "order": ["ben", "ana"]}, ("ben", "ana")),
    ({"method": "draw", "seed": "", "order": ["ben", "ana"]}, ("ben", "ana")),
    ({"method": "agreement", "seed": "s33d", "tied": FOUR, "order": ["cai", "ben", "dee", "ana"]},
     ("cai", "ben", "dee", "ana")),
])
def test_pc_election_resolution_effective_order(over: dict[str, Any],
                                                order: tuple[str, ...]) -> None:
    assert Resolution.from_data(0, rec(**over)).effective_order() == order


def test_resolver_from_data_numbers_the_records() -> None:
    assert Resolver.from_data(None) == Resolver([], set(), None)
    assert Resolver.from_data([]) == Resolver([], set(), None)
    res = Resolver.from_data([rec(), rec(round=2)])
    assert [(r.index, r.round) for r in res.resolutions] == [(0, 1), (1, 2)]
    assert (res.used, res.last) == (set(), None)
    assert res.unused() == res.resolutions


def test_pc_election_resolver_picks_the_matching_valid_record() -> None:
    res = Resolver.from_data([
        rec(round=2),                                         # 0: other round
        rec(stage="runoff"),                                  # 1: other stage
        rec(tied=["ana", "cai"], order=["cai", "ana"]),       # 2: other tie
        rec(order=["ben"]),                                   # 3: inconsistent, skipped
        rec(method="draw", seed="s33d", tied=FOUR, order=None),  # 4: four tied
        rec(order=["ana", "ben"]),                            # 5: the match
        rec(),                                                # 6: a later match, unused
    ])
    assert res.pick(1, "scoring", ("ben", "ana"), 1) == ["ana"]
    assert res.used == {5}
    assert res.last is res.resolutions[5]
    assert res.pick(1, "scoring", iter(FOUR), 3) == ["ana", "dee", "cai"]
    assert res.used == {4, 5}
    assert res.last is res.resolutions[4]
    assert res.pick(1, "scoring", ["ana", "ben"], 2) == ["ana", "ben"]
    assert [r.index for r in res.unused()] == [0, 1, 2, 3, 6]


def test_pc_election_resolver_raises_on_an_unrecorded_tie() -> None:
    res = Resolver.from_data([rec(order=["ben"]), rec(round=2), rec(stage="runoff")])
    with pytest.raises(TieUnresolved) as exc:
        res.pick(1, "scoring", iter(["ben", "ana"]), 1)
    assert (exc.value.round, exc.value.stage, exc.value.tied, exc.value.desired) == (
        1, "scoring", ("ana", "ben"), 1)
    assert (res.used, res.last) == (set(), None)
    with pytest.raises(TieUnresolved) as exc:
        res.pick(2, "scoring", ["ana", "ben", "cai"], 2)
    assert exc.value.tied == ("ana", "ben", "cai")
    assert exc.value.desired == 2


def test_pc_election_resolution_step_of_a_draw() -> None:
    res = Resolver.from_data([rec(method="draw", seed="s33d", tied=FOUR, order=None,
                                  reference="https://example.org/s")])
    picked = res.pick(1, "scoring", FOUR, 2)
    assert resolution_step(res, FOUR, picked) == Step(
        "recorded resolution", {"ana": 1, "ben": 0, "cai": 0, "dee": 1},
        None, ("ana", "ben", "cai", "dee"), ("ana", "dee"), "draw", "s33d",
        "https://example.org/s")


def test_pc_election_resolution_step_of_an_agreement() -> None:
    res = Resolver.from_data([rec(reference="minutes")])
    step = resolution_step(res, ["ana", "ben"], res.pick(1, "scoring", ["ana", "ben"], 1))
    assert step == Step("recorded resolution", {"ana": 0, "ben": 1}, None, ("ana", "ben"),
                        ("ben",), "agreement", None, "minutes")


def test_pc_election_resolution_step_without_a_replayed_record() -> None:
    step = resolution_step(Resolver(), ["ana", "ben"], ["ana"])
    assert step == Step("recorded resolution", {"ana": 1, "ben": 0}, None, ("ana", "ben"),
                        ("ana",), None, None, None)
