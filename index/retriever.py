"""Open a published index version and search it: dense, BM25 and their fusion."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index import layout
from index.dense import DenseIndex
from index.embedders import Embedder
from index.fusion import reciprocal_rank_fusion
from index.lexical import LexicalIndex, tokenize
from index.manifest import Manifest
from index.store import DocRecord, open_store, read_chunk, read_chunks_at, read_docs
from index.types import Hit
from ingest.language import detect_language
from ragqa.errors import IndexStateError

# Chosen on the dev set (eval/devset.jsonl, see README "Retrieval quality"): English
# questions over Korean reports share few morphemes with them, so BM25 votes less there.
FUSION_WEIGHTS = {
    "ko": {"dense": 1.0, "bm25": 1.0},
    "en": {"dense": 1.0, "bm25": 0.5},
}


@dataclass
class IndexReader:
    directory: Path
    manifest: Manifest
    docs: dict[str, DocRecord]
    dense: DenseIndex
    lexical: LexicalIndex
    _conn: object

    @classmethod
    def open(cls, index_dir: Path) -> "IndexReader":
        version = layout.current_version(index_dir)
        if version is None:
            raise IndexStateError(f"no index at {index_dir}; build it with `ragqa ingest`")
        try:
            manifest = Manifest.load(version / layout.MANIFEST)
            conn = open_store(version / layout.STORE)
            docs = read_docs(conn)
            dense = DenseIndex.load(version / layout.DENSE)
            lexical = LexicalIndex.load(version / layout.LEXICAL)
        except IndexStateError:
            raise
        except Exception as exc:
            raise IndexStateError(
                f"index at {index_dir} is damaged ({exc}); rebuild it with `ragqa ingest --rebuild`"
            ) from exc
        return cls(index_dir, manifest, docs, dense, lexical, conn)

    def chunks_at(self, rows: list[int]) -> dict:
        return read_chunks_at(self._conn, rows)

    def chunk(self, chunk_id: str):
        found = read_chunk(self._conn, chunk_id)
        return found[1] if found else None

    def close(self) -> None:
        self._conn.close()


class HybridRetriever:
    """Dense + BM25 fused by weighted reciprocal rank; ``mode`` picks one alone for measurement."""

    def __init__(self, reader: IndexReader, embedder: Embedder, *, mode: str = "hybrid",
                 pool: int = 40, weights: dict[str, dict[str, float]] | None = None) -> None:
        if mode not in ("hybrid", "dense", "bm25"):
            raise ValueError(f"unknown retrieval mode '{mode}'")
        reader.manifest.check_compatible(embedder.id, reader.manifest.chunker)
        self.reader = reader
        self.embedder = embedder
        self.mode = mode
        self.pool = pool
        self.weights = weights or FUSION_WEIGHTS

    def retrieve(self, query: str, k: int = 5) -> list[Hit]:
        rankings: dict[str, list[int]] = {}
        scores: dict[str, dict[int, float]] = {}
        pool = max(self.pool, k)
        if self.mode in ("hybrid", "dense"):
            found = self.reader.dense.search(self.embedder.embed_query(query), pool)
            rankings["dense"] = [i for i, _ in found]
            scores["dense"] = dict(found)
        if self.mode in ("hybrid", "bm25"):
            found = self.reader.lexical.search(tokenize(query), pool)
            rankings["bm25"] = [i for i, _ in found]
            scores["bm25"] = dict(found)
        if self.mode == "hybrid":
            fused = reciprocal_rank_fusion(rankings, self.weights[detect_language(query)])[:k]
        else:
            fused = [(i, scores[self.mode][i]) for i in rankings[self.mode][:k]]
        chunks = self.reader.chunks_at([i for i, _ in fused])
        hits = []
        for row, score in fused:
            chunk = chunks[row]
            doc = self.reader.docs.get(chunk.doc_id)
            hits.append(Hit(chunk, score, self.mode, doc.title if doc else "", doc.source if doc else ""))
        return hits
