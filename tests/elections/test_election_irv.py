"""GOV-LEAD-ELECT: instant-runoff, its documented tie rule, and recorded resolutions."""

from __future__ import annotations

import pytest

from charter.elections.ballots import RankBallots
from charter.elections.irv import instant_runoff
from charter.elections.ties import Resolver, TieUnresolved


def rb(cands: str, *groups: tuple[int, str]) -> RankBallots:
    """``(3, "ab")`` is three ballots ranking a then b."""
    ballots = tuple(tuple(g) for n, g in groups for _ in range(n))
    return RankBallots(tuple(cands), ballots)


def test_gov_lead_elect_majority_in_first_round() -> None:
    res = instant_runoff(rb("abc", (3, "ab"), (1, "b"), (1, "c")))
    assert res.winner == "a" and len(res.rounds) == 1


def test_gov_lead_elect_exactly_half_is_not_a_majority() -> None:
    res = instant_runoff(rb("abc", (3, "a"), (2, "b"), (1, "cb")))
    assert res.rounds[0].winner is None and res.rounds[0].eliminated == "c"  # 3 of 6 is half
    assert res.rounds[1].counts == {"a": 3, "b": 3}  # still no majority: tie for fewest,
    assert res.rounds[1].eliminated == "b"  # broken by round 1, where b had fewer
    assert res.winner == "a"
    # equal in every round: the tie needs a recorded resolution
    with pytest.raises(TieUnresolved):
        instant_runoff(rb("ab", (2, "a"), (2, "b")))


def test_gov_lead_elect_transfers_and_exhausted_ballots() -> None:
    res = instant_runoff(rb("abc", (4, "a"), (4, "b"), (2, "cb"), (1, "c")))
    assert res.rounds[0].eliminated == "c"
    assert res.rounds[1].counts == {"a": 4, "b": 6} and res.rounds[1].exhausted == 1
    assert res.winner == "b"


def test_gov_lead_elect_tie_for_fewest_goes_back_to_earlier_rounds() -> None:
    # round 1: a 5, b 4, c 3, d 1 -> d out; its ballot goes to c: round 2 b 4, c 4 tie for
    # fewest; in round 1 c had fewer, so c is eliminated; c's ballots go to a
    res = instant_runoff(rb("abcd", (5, "a"), (4, "b"), (3, "ca"), (1, "dca")))
    assert [r.eliminated for r in res.rounds[:2]] == ["d", "c"]
    assert res.rounds[1].note == "fewest votes in an earlier round"
    assert res.winner == "a"


def test_gov_lead_elect_unbreakable_tie_and_resolution() -> None:
    ballots = rb("abc", (3, "a"), (2, "b"), (2, "c"))
    with pytest.raises(TieUnresolved) as exc:
        instant_runoff(ballots)
    assert (exc.value.round, exc.value.stage, exc.value.tied) == (1, "elimination", ("b", "c"))
    res = instant_runoff(ballots, Resolver.from_data([
        {"round": 1, "stage": "elimination", "tied": ["b", "c"], "method": "agreement",
         "order": ["c", "b"]}]))
    assert res.rounds[0].eliminated == "b"  # the last in the agreed order goes out


def test_gov_lead_elect_single_candidate() -> None:
    assert instant_runoff(rb("a", (1, "a"))).winner == "a"
