"""The reference count of a one-seat STAR election (``starvote.star_voting``): a tie is settled
only by the resolution ``election.yaml`` records for round 1 and its stage, never by starvote's
own tiebreaker; an unrecorded tie raises."""

from __future__ import annotations

from typing import Any

import pytest
import starvote

from charter.elections.ballots import ScoreBallots
from charter.elections.reference import reference_order

# ana and ben tie on score, head to head and five-star count: the runoff needs the record
RUNOFF_TIE = ScoreBallots.from_dicts(["ana", "ben"], [{"ana": 5, "ben": 0}, {"ana": 0, "ben": 5}])
# cai leads; ana and ben tie for the second finalist in the scoring round
SCORING_TIE = ScoreBallots.from_dicts(
    ["ana", "ben", "cai"],
    [{"ana": 5, "ben": 5, "cai": 4}, {"ana": 1, "ben": 1, "cai": 5}])


def _tie(stage: str, order: list[str], round_no: int = 1) -> list[dict[str, Any]]:
    return [{"round": round_no, "stage": stage, "tied": sorted(order), "method": "agreement",
             "order": order}]


@pytest.mark.parametrize("order", [["ben", "ana"], ["ana", "ben"]])
def test_reference_one_seat_runoff_tie_follows_the_record(order: list[str]) -> None:
    assert reference_order(RUNOFF_TIE, 2, _tie("runoff", order)) == order[:1]


@pytest.mark.parametrize("ties", [
    None,
    _tie("runoff", ["ben", "ana"], round_no=2),  # one seat: the tie is in round 1
    _tie("scoring", ["ben", "ana"]),  # the wrong stage
])
def test_reference_one_seat_runoff_tie_without_its_record_raises(
        ties: list[dict[str, Any]] | None) -> None:
    with pytest.raises(starvote.UnbreakableTieError):
        reference_order(RUNOFF_TIE, 2, ties)


@pytest.mark.parametrize("order", [["ben", "ana"], ["ana", "ben"]])
def test_reference_one_seat_scoring_tie_follows_the_record(order: list[str]) -> None:
    assert reference_order(SCORING_TIE, 1, _tie("scoring", order)) == ["cai"]
    with pytest.raises(starvote.UnbreakableTieError):
        reference_order(SCORING_TIE, 1, _tie("runoff", order))
