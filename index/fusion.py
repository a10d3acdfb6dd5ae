"""Reciprocal-rank fusion of several ranked lists."""

from __future__ import annotations

from collections.abc import Hashable

RRF_K = 60


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
