"""index.retriever.HybridRetriever over in-memory indexes, with precomputed query vectors,
so the timed path is the project's own retrieval code and no model."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


class _LookupPart:
    """An embedder part that returns precomputed query vectors."""

    def __init__(self, short: str, table: dict[str, np.ndarray]) -> None:
        self.short, self.id, self._table = short, f"bench-lookup:{short}", table
        self.dim = len(next(iter(table.values())))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError("queries only")

    def embed_query(self, text: str) -> np.ndarray:
        return self._table[text]


@dataclass
class _Reader:
    """The parts of index.retriever.IndexReader that HybridRetriever reads."""

    manifest: object
    dense: dict
    lexical: object
    docs: dict = field(default_factory=dict)

    def chunks_at(self, rows: list[int]) -> dict:
        from ingest.types import Chunk

        return {r: Chunk(chunk_id=str(r), doc_id="bench", text="") for r in rows}


def hybrid_retriever(queries: list[str], q_vectors: dict[str, np.ndarray], dense: dict, lexical: object) -> object:
    """A HybridRetriever whose parts are ``dense`` ({"e5": DenseIndex, "use": DenseIndex}) and BM25."""
    from index.embedders import StackedEmbedder
    from index.manifest import Manifest
    from index.retriever import HybridRetriever

    embedder = StackedEmbedder([_LookupPart(name, dict(zip(queries, q_vectors[name]))) for name in ("e5", "use")])
    manifest = Manifest(embedder=embedder.id, dim=embedder.dim, chunker="bench")
    return HybridRetriever(_Reader(manifest, dense, lexical), embedder)
