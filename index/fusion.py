"""Reciprocal-rank fusion of several ranked lists, weighted per query by each list's confidence."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

RRF_K = 60
# Tuned on the dev set (eval/devset.jsonl) with the language priors in index/retriever.py:
# every floor from 0.1 to 1 gave the same hit@1 and hit@5 there; 0.5, mid-plateau, keeps a
# retriever's least confident vote a third of its most confident one.
CONFIDENCE_FLOOR = 0.5


def reciprocal_rank_fusion(
    rankings: dict[str, list[Hashable]], weights: dict[str, float] | None = None, k: int = RRF_K
) -> list[tuple[Hashable, float]]:
    """Fuse ranked id lists; a missing weight counts as 1. Ties keep first-seen order."""
    weights = weights or {}
    fused: dict[Hashable, float] = {}
    for name, ranked in rankings.items():
        w = weights.get(name, 1.0)
        if w <= 0:
            continue
        for rank, item in enumerate(ranked):
            fused[item] = fused.get(item, 0.0) + w / (k + rank + 1)
    return sorted(fused.items(), key=lambda kv: -kv[1])


def ranking_confidence(scores: Sequence[float], depth: int = 10) -> float:
    """How far a ranking's first result stands out from the rest of its top ``depth``:
    (s1 - s2) / (s1 - s_depth), in [0, 1]. A ratio of score differences, so cosine and
    BM25 rankings compare; 0 for fewer than two results or a flat top."""
    top = list(scores[:depth])
    if len(top) < 2:
        return 0.0
    spread = top[0] - top[-1]
    return float((top[0] - top[1]) / spread) if spread > 1e-12 else 0.0


def confidence_weights(
    scores: Mapping[str, Sequence[float]], prior: Mapping[str, float], *,
    floor: float = CONFIDENCE_FLOOR, depth: int = 10,
) -> dict[str, float]:
    """Per query, each retriever's prior weight times (``floor`` + its ranking's confidence):
    a retriever whose first result stands out votes up to three times as much as one whose
    top results are a tie. A missing prior counts as 1, like a missing weight in fusion."""
    return {name: prior.get(name, 1.0) * (floor + ranking_confidence(s, depth)) for name, s in scores.items()}


def fuse(scored: Mapping[str, Sequence[tuple[Hashable, float]]], prior: Mapping[str, float], k: int,
         per_retriever: int = 0) -> tuple[list[tuple[Hashable, float]], str]:
    """The fused top ``k`` of each retriever's (id, score) ranking, then each retriever's own
    top ``per_retriever`` that fusion left out; and the label a hit carries ("e5+bm25").
    One ranking is taken as it is; several are weighted by ``prior`` times their confidence."""
    rankings = {name: [i for i, _ in found] for name, found in scored.items()}
    if len(rankings) == 1:
        weights = {name: 1.0 for name in rankings}
    else:
        weights = confidence_weights({name: [s for _, s in found] for name, found in scored.items()}, prior)
    fused = reciprocal_rank_fusion(rankings, weights)
    picked = fused[:k]
    if per_retriever > 0 and len(rankings) > 1:
        score_of = dict(fused)
        seen = {row for row, _ in picked}
        for name, ranking in rankings.items():
            if weights.get(name, 0.0) <= 0:
                continue
            for row in ranking[:per_retriever]:
                if row not in seen:
                    seen.add(row)
                    picked.append((row, score_of.get(row, 0.0)))
    label = "+".join(rankings) if len(rankings) > 1 else next(iter(rankings), "none")
    return picked, label
