"""Fusion's top k seats every voting member's first result (index.fusion.seat_firsts)."""

from __future__ import annotations

import pytest

from index.fusion import fuse, fused_top, reciprocal_rank_fusion, seat_firsts


def _ids(fused: list[tuple[int, float]]) -> list[int]:
    return [i for i, _ in fused]


# e5 and BM25 agree on 1..5; USE alone puts 9 first and nothing else of theirs near the top.
RANKINGS = {"e5": [1, 2, 3, 4, 5], "bm25": [2, 1, 3, 5, 4], "use": [9, 1, 2, 3, 4]}


def test_a_member_outvoted_on_this_query_still_gets_its_first_result_seated() -> None:
    fused = reciprocal_rank_fusion(RANKINGS, {"e5": 1.0, "bm25": 1.0, "use": 0.1})
    assert 9 not in _ids(fused)[:3]  # plain fusion buries USE's only guess
    seated = seat_firsts(fused, RANKINGS, 3, {"e5": 1.0, "bm25": 1.0, "use": 0.1})
    assert _ids(seated)[:3] == [1, 2, 9]  # the fused first keeps its place; the lowest non-first gives way
    assert sorted(_ids(seated)) == sorted(_ids(fused))  # nothing lost, nothing added
    scores = [s for _, s in seated[:3]]
    assert scores == sorted(scores, reverse=True)  # the top k stays in fused order


def test_firsts_already_in_the_top_k_change_nothing() -> None:
    rankings = {"e5": [1, 2, 3], "bm25": [2, 1, 3], "use": [1, 9, 2]}
    fused = reciprocal_rank_fusion(rankings)
    assert _ids(fused)[:2] == [1, 2]
    assert seat_firsts(fused, rankings, 2) == fused


@pytest.mark.parametrize("k", [0, 1])
def test_no_seat_below_the_fused_first(k: int) -> None:
    fused = reciprocal_rank_fusion(RANKINGS, {"use": 0.1})
    assert seat_firsts(fused, RANKINGS, k) == fused  # k 1 is the fused first alone


def test_a_member_weighted_zero_gets_no_seat() -> None:
    weights = {"e5": 1.0, "bm25": 1.0, "use": 0.0}
    fused = reciprocal_rank_fusion(RANKINGS, weights)
    assert 9 not in _ids(seat_firsts(fused, RANKINGS, 3, weights))


def test_more_firsts_than_seats_keeps_the_fused_first() -> None:
    # 7, second in all four, is fused first; 1 takes the one seat left, 2-4 find none.
    rankings = {"a": [1, 7], "b": [2, 7], "c": [3, 7], "d": [4, 7]}
    fused = reciprocal_rank_fusion(rankings)
    assert _ids(fused)[:2] == [7, 1]
    seated = seat_firsts(fused, rankings, 2)
    assert seated == fused


def test_fuse_and_fused_top_seat_the_firsts() -> None:
    scored = {name: [(row, 1.0 - 0.1 * i) for i, row in enumerate(ranked)] for name, ranked in RANKINGS.items()}
    prior = {"e5": 1.0, "bm25": 1.0, "use": 0.1}
    plain, _ = fuse(scored, prior)
    seated, _ = fuse(scored, prior, seats=3)
    assert 9 not in _ids(plain)[:3] and 9 in _ids(seated)[:3]
    assert _ids(plain)[0] == _ids(seated)[0]  # hit@1 is never moved by a seat
    picked, label = fused_top(scored, prior, 3)
    assert 9 in _ids(picked) and len(picked) == 3 and label == "e5+bm25+use"
    one, _ = fuse({"bm25": scored["bm25"]}, {}, seats=1)
    assert _ids(one) == RANKINGS["bm25"]  # one ranking is taken as it is
