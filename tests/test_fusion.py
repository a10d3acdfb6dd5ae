"""Weighted reciprocal-rank fusion."""

from __future__ import annotations

import pytest

from index.fusion import RRF_K, reciprocal_rank_fusion


def _ids(fused: list[tuple[int, float]]) -> list[int]:
    return [i for i, _ in fused]


def test_items_ranked_well_by_both_lists_win() -> None:
    fused = reciprocal_rank_fusion({"dense": [1, 2, 3, 4], "bm25": [3, 2, 5, 1]})
    # 3 and 2 sit high in both lists; 1 is first in one list but last in the other.
    assert _ids(fused) == [3, 2, 1, 5, 4]
    scores = dict(fused)
    assert scores[2] == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 2))
    assert scores[5] == pytest.approx(1 / (RRF_K + 3))
    assert [s for _, s in fused] == sorted((s for _, s in fused), reverse=True)


def test_single_list_keeps_its_order() -> None:
    assert _ids(reciprocal_rank_fusion({"bm25": [9, 4, 7]})) == [9, 4, 7]


@pytest.mark.parametrize(
    ("weights", "first"),
    [
        ({"dense": 1.0, "bm25": 1.0}, 10),  # tie on score: first-seen order
        ({"dense": 1.0, "bm25": 0.5}, 10),
        ({"dense": 0.5, "bm25": 1.0}, 20),
        ({"dense": 1.0}, 10),  # a missing weight counts as 1
    ],
)
def test_weights_decide_between_lists(weights: dict[str, float], first: int) -> None:
    fused = reciprocal_rank_fusion({"dense": [10, 20], "bm25": [20, 10]}, weights)
    assert _ids(fused)[0] == first


def test_weight_scales_contribution() -> None:
    scores = dict(reciprocal_rank_fusion({"dense": [1], "bm25": [2]}, {"dense": 2.0, "bm25": 1.0}))
    assert scores[1] == pytest.approx(2 * scores[2])


@pytest.mark.parametrize("zero", [0.0, -1.0])
def test_zero_weight_ignores_a_list(zero: float) -> None:
    fused = reciprocal_rank_fusion({"dense": [1, 2], "bm25": [3, 2, 1]}, {"dense": 1.0, "bm25": zero})
    assert _ids(fused) == [1, 2]  # 3 appears only in the ignored list
    assert dict(fused)[1] == pytest.approx(1 / (RRF_K + 1))


def test_custom_k_and_empty() -> None:
    assert reciprocal_rank_fusion({}) == []
    assert reciprocal_rank_fusion({"dense": []}) == []
    assert dict(reciprocal_rank_fusion({"dense": [5]}, k=0))[5] == pytest.approx(1.0)
