"""Weighted reciprocal-rank fusion."""

from __future__ import annotations

import pytest

from index.fusion import RRF_K, confidence_weights, ranking_confidence, reciprocal_rank_fusion


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


@pytest.mark.parametrize(
    ("scores", "confidence"),
    [
        ([0.9, 0.5, 0.45, 0.4], 0.8),  # cosine: the first stands out
        ([0.62, 0.61, 0.60, 0.22], 0.025),  # a near tie at the top
        ([14.0, 7.0, 0.0], 0.5),  # BM25 scores: only differences matter, not their scale
        ([1.4, 0.7, 0.0], 0.5),
        ([0.5, 0.5, 0.5], 0.0),  # flat
        ([0.7], 0.0),  # one result says nothing about the rest
        ([], 0.0),
    ],
)
def test_ranking_confidence(scores: list[float], confidence: float) -> None:
    assert ranking_confidence(scores) == pytest.approx(confidence)


def test_ranking_confidence_looks_at_the_top_only() -> None:
    # A long tail of weak results does not make a near tie at the top look decisive.
    assert ranking_confidence([0.62, 0.61, 0.60] + [0.1] * 30, depth=3) == pytest.approx(0.5)
    assert ranking_confidence([0.62, 0.61, 0.60] + [0.1] * 30, depth=10) < 0.05


def test_confidence_weights_scale_each_prior_by_its_ranking() -> None:
    scores = {"e5": [0.9, 0.5, 0.4], "bm25": [9.0, 8.9, 8.8], "use": [0.8, 0.2, 0.1]}
    weights = confidence_weights(scores, {"e5": 1.0, "bm25": 1.0, "use": 0.0}, floor=0.5)
    assert weights["e5"] == pytest.approx(1.0 * (0.5 + 0.8))
    assert weights["bm25"] == pytest.approx(1.0 * (0.5 + 0.5))
    assert weights["use"] == 0.0  # a zero prior stays off however sure the ranking is
    assert confidence_weights({"st": [0.9, 0.1]}, {}, floor=0.5) == {"st": pytest.approx(1.5)}


def test_the_confident_list_wins_a_disagreement() -> None:
    # Equal priors, opposite orders: the list whose first result stands out decides.
    rankings = {"dense": [1, 2, 3], "bm25": [2, 1, 3]}
    sure_dense = confidence_weights({"dense": [0.9, 0.3, 0.2], "bm25": [5.0, 4.9, 4.8]}, {})
    sure_bm25 = confidence_weights({"dense": [0.5, 0.49, 0.48], "bm25": [9.0, 2.0, 1.0]}, {})
    assert _ids(reciprocal_rank_fusion(rankings, sure_dense))[0] == 1
    assert _ids(reciprocal_rank_fusion(rankings, sure_bm25))[0] == 2
