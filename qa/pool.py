"""The passages an answer is picked from: the hits of each phrasing fused (RRF) for showing,
and the wider pool the evidence is selected from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from index.fusion import reciprocal_rank_fusion
from index.types import Hit, Retriever


def fused_pool(retriever: Retriever, queries: list[str], k: int, known: Mapping[str, list[Hit]] | None = None
               ) -> tuple[list[Hit], list[Hit]]:
    """The hits to show (fused over the queries), and the wider pool the evidence is
    picked from: each query's hits plus what single retrievers found and fusion left out.
    ``known`` holds candidates already fetched for a query (at depth 2k)."""
    depth = k if len(queries) == 1 else k * 2
    ranked, extras = [], []
    for q in queries:
        found = (known or {}).get(q) or retriever.candidates(q, depth)
        ranked.append(found[:depth])
        extras.extend(found[depth:])
    if len(ranked) == 1:
        hits = ranked[0]
    else:
        by_id = {h.chunk.chunk_id: h for found in ranked for h in found}
        fused = reciprocal_rank_fusion({str(i): [h.chunk.chunk_id for h in found] for i, found in enumerate(ranked)})
        hits = [replace(by_id[cid], score=score) for cid, score in fused[:k]]
    pool, seen = list(hits), {h.chunk.chunk_id for h in hits}
    for hit in [h for found in ranked for h in found[:k]] + extras:
        if hit.chunk.chunk_id not in seen:
            seen.add(hit.chunk.chunk_id)
            pool.append(hit)
    return hits, pool
