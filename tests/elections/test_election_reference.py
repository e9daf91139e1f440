"""The reference count: starvote, with recorded ties replayed, agrees with charter's count."""

from __future__ import annotations

import random

import pytest
import starvote

from charter.elections.ballots import ScoreBallots
from charter.elections.reference import reference_order
from charter.elections.star import finishing_order
from charter.elections.ties import Resolver, TieUnresolved, draw_order


def test_reference_replays_a_recorded_runoff_tie() -> None:
    cands = ["ana", "ben", "cai"]
    rows = [(4, 4, 1), (2, 2, 5), (5, 5, 0)]
    ballots = ScoreBallots.from_dicts(cands, [dict(zip(cands, r, strict=True)) for r in rows])
    with pytest.raises(starvote.UnbreakableTieError):
        reference_order(ballots, 3, None)
    ties = [{"round": 1, "stage": "runoff", "tied": ["ana", "ben"], "method": "agreement",
             "order": ["ben", "ana"]}]
    assert reference_order(ballots, 3, ties) == ["ben", "ana"]
    assert finishing_order(ballots, Resolver.from_data(ties)) == ["ben", "ana", "cai"]


def test_reference_avoids_starvote_traps() -> None:
    one = ScoreBallots.from_dicts(["zed"], [{"zed": 1}])
    assert reference_order(one, 1, None) is None  # nothing to compare: one candidate
    two = ScoreBallots.from_dicts(["amy", "zed"], [{"zed": 5, "amy": 1}])
    assert reference_order(two, 2, None) == ["zed"]  # star_voting, not alphabetical bloc


@pytest.mark.parametrize("seed", range(4))
def test_reference_agrees_when_ties_are_resolved_by_draws(seed: int) -> None:
    """Random small elections full of ties: resolve each tie by a seeded draw, as
    `charter election resolve-tie --seed` does, then both counts must give the same order."""
    rng = random.Random(100 + seed)
    resolved = 0
    for _ in range(60):
        n = rng.randint(3, 6)
        cands = [f"c{i}" for i in range(n)]
        ballots = ScoreBallots.from_dicts(
            cands, [{c: rng.choice((0, 5)) for c in cands} for _ in range(rng.randint(1, 4))])
        ties: list[dict[str, object]] = []
        while True:
            try:
                order = finishing_order(ballots, Resolver.from_data(ties))
                break
            except TieUnresolved as t:
                ties.append({"round": t.round, "stage": t.stage, "tied": list(t.tied),
                             "method": "draw", "seed": f"s{seed}",
                             "order": list(draw_order(f"s{seed}", t.round, t.stage, t.tied))})
        resolved += len(ties)
        assert reference_order(ballots, n, ties) == order[: n - 1]
    assert resolved > 20  # the generator really does produce ties to replay
