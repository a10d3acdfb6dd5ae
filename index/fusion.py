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


def agreement_weights(
    rankings: Mapping[str, Sequence[Hashable]], weights: Mapping[str, float], strength: float, depth: int = 3,
) -> dict[str, float]:
    """Each weight times (1 + ``strength`` x the share of the other rankings that hold its
    first result in their top ``depth``). Two retrievers that agree on a passage are right
    more often than either alone (tune split: a first result that another retriever also
    ranks in its top 3 was the right page or passage 103 of 161 times, one no other ranking
    holds 12 of 67; index/fusion_weights.json), so agreement, not a fixed weight, decides
    which retriever leads a query."""
    if strength <= 0 or len(rankings) < 2:
        return dict(weights)
    tops = {name: set(list(ranked)[:depth]) for name, ranked in rankings.items()}
    out = dict(weights)
    for name, ranked in rankings.items():
        if not ranked or name not in out:
            continue
        first = ranked[0]
        share = sum(first in tops[o] for o in tops if o != name) / (len(tops) - 1)
        out[name] *= 1 + strength * share
    return out


def fuse(scored: Mapping[str, Sequence[tuple[Hashable, float]]], prior: Mapping[str, float], *,
         agreement: float = 0.0, floor: float = CONFIDENCE_FLOOR) -> tuple[list[tuple[Hashable, float]], dict[str, float]]:
    """Scored rankings fused once: prior x confidence x agreement weights, then weighted RRF.
    Returns the fused list and the weights used (a retriever at weight 0 was left out).
    One ranking is taken as it is."""
    rankings = {name: [i for i, _ in found] for name, found in scored.items()}
    if len(rankings) == 1:
        weights = {name: 1.0 for name in rankings}
    else:
        weights = confidence_weights({name: [s for _, s in found] for name, found in scored.items()}, prior, floor=floor)
        weights = agreement_weights(rankings, weights, agreement)
    return reciprocal_rank_fusion(rankings, weights), weights


def fused_top(scored: Mapping[str, Sequence[tuple[Hashable, float]]], prior: Mapping[str, float], k: int,
              per_retriever: int = 0, *, agreement: float = 0.0) -> tuple[list[tuple[Hashable, float]], str]:
    """What both stores' retrievers keep of ``fuse``: the fused top ``k``, then each
    retriever's own top ``per_retriever`` that fusion left out (none from a retriever fusion
    weighed 0); and the label a hit carries ("e5+bm25")."""
    fused, weights = fuse(scored, prior, agreement=agreement)
    rankings = {name: [i for i, _ in found] for name, found in scored.items()}
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
