"""Open a published index version and search it: dense, BM25 and their fusion."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import IndexStateError
from index import layout
from index.dense import DenseIndex
from index.embedders import Embedder, StackedEmbedder, as_stacked
from index.fusion import fused_top
from index.fusion_weights import FusionWeights, as_fusion_weights, passage_language
from index.lexical import LexicalIndex, tokenize
from index.manifest import Manifest
from index.store import (
    DocRecord,
    UnitRow,
    open_store,
    read_chunk,
    read_chunks_at,
    read_doc_rows,
    read_doc_units,
    read_docs,
    read_units_for,
)
from index.types import Allowed, Hit, UnitBatch
from ingest.language import detect_language
from ingest.types import Chunk

# The per-language priors used before fusion weights became fitted data
# (index/fusion_weights.json), chosen on the dev set, whose English questions all meet Korean
# reports. The fit may not lose a tune set's hit@1 to them, and bench.fusion measures against them.
FUSION_WEIGHTS = {
    "ko": {"e5": 1.0, "use": 0.0, "bm25": 1.0, "st": 1.0},
    "en": {"e5": 0.25, "use": 1.0, "bm25": 0.01, "st": 1.0},
}
# How many of each ranking's first passages say which language the question meets.
LANGUAGE_PROBE = 3

# A question, its translation and a follow-up's rewrite: a few live queries at a time.
QUERY_CACHE_SIZE = 16


@dataclass
class IndexReader:
    directory: Path
    manifest: Manifest
    docs: dict[str, DocRecord]
    dense: dict[str, DenseIndex]
    lexical: LexicalIndex
    _conn: object

    @classmethod
    def open(cls, index_dir: Path) -> IndexReader:
        version = layout.current_version(index_dir)
        if version is None:
            versions = index_dir / "versions"
            if versions.is_dir() and any(versions.iterdir()):
                raise IndexStateError(
                    f"index at {index_dir} has no CURRENT pointer (deleted, or the first build never "
                    "finished); rebuild it with `ragqa ingest --rebuild`"
                )
            raise IndexStateError(f"no index at {index_dir}; build it with `ragqa ingest`")
        try:
            manifest = Manifest.load(version / layout.MANIFEST)
            manifest.check_format()
            conn = open_store(version / layout.STORE)
            docs = read_docs(conn)
            parts = manifest.parts or [{"name": "dense", "dim": manifest.dim}]
            dense = {p["name"]: DenseIndex.load(version / layout.dense_file(p["name"])) for p in parts}
            lexical = LexicalIndex.load(version / layout.LEXICAL)
        except IndexStateError:
            raise
        except Exception as exc:
            raise _damaged(index_dir, exc) from exc
        return cls(index_dir, manifest, docs, dense, lexical, conn)

    def chunks_at(self, rows: list[int]) -> dict:
        try:
            return read_chunks_at(self._conn, rows)
        except sqlite3.DatabaseError as exc:  # damage past the pages read at open
            raise _damaged(self.directory, exc) from exc

    def chunk(self, chunk_id: str):
        found = read_chunk(self._conn, chunk_id)
        return found[1] if found else None

    def units_for(self, chunk_ids: Sequence[str]) -> UnitBatch:
        """The stored evidence units of these chunks, in the order given, then reading order."""
        parts = tuple((p["name"], int(p["dim"])) for p in self.manifest.parts) or (("dense", self.manifest.dim),)
        try:
            records = read_units_for(self._conn, list(chunk_ids))
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.directory, exc) from exc
        dim = sum(d for _, d in parts)
        vectors = np.stack([r.vector for r in records]) if records else np.zeros((0, dim), dtype=np.float32)
        return UnitBatch(
            units=tuple(r.unit for r in records), vectors=vectors, tokens=tuple(r.tokens for r in records),
            prev_text=tuple(r.prev_text for r in records), next_text=tuple(r.next_text for r in records),
            parts=parts,
        )

    def report(self, doc_id: str) -> tuple[list[Chunk], list[UnitRow]]:
        """A whole report's chunks and evidence units (with their vectors), in reading order:
        what a summary of it reads, rather than what one question retrieves."""
        try:
            return [r.chunk for r in read_doc_rows(self._conn, doc_id)], read_doc_units(self._conn, doc_id)
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.directory, exc) from exc

    def rows_of(self, doc_ids: Collection[str]) -> frozenset[int]:
        """The chunk rows of these documents, to rank within them."""
        ids = list(doc_ids)
        found: list[tuple[int]] = []
        try:
            for start in range(0, len(ids), 900):  # a workspace's reports may pass SQLite's variable limit
                part = ids[start:start + 900]
                found += self._conn.execute(f"SELECT row FROM chunks WHERE doc_id IN ({','.join('?' * len(part))})",
                                            part).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.directory, exc) from exc
        return frozenset(r for (r,) in found)

    def close(self) -> None:
        self._conn.close()


def _damaged(index_dir: Path, exc: Exception) -> IndexStateError:
    # FAISS puts C++ file/line context and newlines in its messages; the CLI prints one line.
    detail = " ".join(str(exc).split())
    detail = detail if len(detail) <= 160 else detail[:157] + "..."
    return IndexStateError(
        f"index at {index_dir} is damaged ({type(exc).__name__}: {detail}); "
        "rebuild it with `ragqa ingest --rebuild`"
    )


def retriever_names(parts: Sequence[str], stored: Collection[str], only: set[str] | None) -> list[str]:
    """The embedder's parts the index holds, then BM25; ``only`` narrows them (a name the
    index lacks is an error, not an empty ranking)."""
    names = [n for n in parts if n in stored] + ["bm25"]
    if only is None:
        return names
    if unknown := only - set(names):
        raise ValueError(f"unknown retrievers {sorted(unknown)}; this index has {names}")
    return [n for n in names if n in only]


class HybridRetriever:
    """Dense rankings (one per embedder part) and BM25, fused by weighted reciprocal rank.

    ``only`` restricts the retrievers used (e.g. {"bm25"}), to measure each alone.
    """

    def __init__(self, reader: IndexReader, embedder: Embedder, *, only: set[str] | None = None,
                 pool: int = 40, weights: FusionWeights | dict[str, dict[str, float]] | None = None,
                 doc_ids: Collection[str] | None = None) -> None:
        self.embedder = as_stacked(embedder)
        reader.manifest.check_compatible(self.embedder.id, reader.manifest.chunker)
        self.reader = reader
        self.names = retriever_names(self.embedder.names, reader.dense, only)
        self.pool = pool
        self.weights = as_fusion_weights(weights)
        self._query_cache: OrderedDict[str, dict[str, np.ndarray]] = OrderedDict()
        # A question scoped to chosen reports (or to what a workspace may read) ranks within
        # their chunks only. None is every report; an empty scope is none at all, never every one.
        self.doc_ids = frozenset(doc_ids) if doc_ids is not None else None
        self._allowed = None if self.doc_ids is None else Allowed(
            self.doc_ids, np.array(sorted(reader.rows_of(self.doc_ids)), dtype=np.int64))

    def scoped(self, doc_ids: Collection[str] | None) -> HybridRetriever:
        """The same retriever ranking within ``doc_ids`` (none of them when empty); itself when None."""
        return self if doc_ids is None else self.view(doc_ids=doc_ids)

    def view(self, *, only: set[str] | None = None, doc_ids: Collection[str] | None = None) -> HybridRetriever:
        """Another retriever over the same reader and models that shares this one's query
        cache, so a question is embedded once however many views rank it. It keeps this
        one's scope unless given another: a view must never widen what may be read."""
        names = set(self.names) if only is None else only
        view = HybridRetriever(self.reader, self.embedder, only=names, pool=self.pool, weights=self.weights,
                               doc_ids=self.doc_ids if doc_ids is None else doc_ids)
        view._query_cache = self._query_cache
        return view

    @property
    def part_names(self) -> list[str]:
        """The dense parts of this index ("e5", "use", ...), in manifest order."""
        return [n for n in self.embedder.names if n in self.reader.dense]

    def query_vectors(self, query: str) -> dict[str, np.ndarray]:
        """The query embedded by every part, once per query string: retrieval and evidence
        selection both need it, and an e5 query costs tens of milliseconds on two cores."""
        return cached_query_vectors(self._query_cache, self.embedder, query)

    def units_for(self, chunk_ids: Sequence[str]) -> UnitBatch:
        return self.reader.units_for(chunk_ids)

    def prior_for(self, query: str, rankings: dict[str, list[int]]) -> Mapping[str, float]:
        """The fitted priors for this question's language and the language it meets."""
        question_lang = detect_language(query)
        return self.weights.prior(question_lang, self.met_language(question_lang, rankings))

    def met_language(self, question_lang: str, rankings: dict[str, list[int]]) -> str:
        """The language of the passages the retrievers put first."""
        rows = sorted({row for ranked in rankings.values() for row in ranked[:LANGUAGE_PROBE]})
        docs = self.reader.docs
        langs = [getattr(docs.get(chunk.doc_id), "language", "") for chunk in self.reader.chunks_at(rows).values()]
        return passage_language(langs, question_lang)

    def retrieve(self, query: str, k: int = 5) -> list[Hit]:
        return self.candidates(query, k, per_retriever=0)

    def candidates(self, query: str, k: int = 5, per_retriever: int = 3) -> list[Hit]:
        """The fused top ``k``, then each retriever's own top ``per_retriever`` that fusion
        left out. Reciprocal rank fusion buries a passage only one retriever finds (e5 ranks
        "세 번째로 많은" third for a translated question; BM25 and USE miss it), and the
        sentence scorer downstream can only pick what it is shown."""
        if self._allowed is not None and not len(self._allowed):
            return []  # nothing within what was chosen
        pool = max(self.pool, k)
        scored: dict[str, list[tuple[int, float]]] = {}
        dense_names = [n for n in self.names if n != "bm25"]
        if dense_names:
            query_parts = self.query_vectors(query)
            for name in dense_names:
                scored[name] = self.reader.dense[name].search(query_parts[name], pool, self._allowed)
        if "bm25" in self.names:
            scored["bm25"] = self.reader.lexical.search(tokenize(query), pool, self._allowed)
        rankings = {name: [i for i, _ in found] for name, found in scored.items()}
        prior = {} if len(rankings) == 1 else self.prior_for(query, rankings)
        picked, label = fused_top(scored, prior, k, per_retriever, agreement=self.weights.agreement)
        chunks = self.reader.chunks_at([i for i, _ in picked])
        hits = []
        for row, score in picked:
            chunk = chunks[row]
            doc = self.reader.docs.get(chunk.doc_id)
            hits.append(Hit(chunk, score, label, doc.title if doc else "", doc.source if doc else "",
                            doc.publisher if doc else ""))
        return hits


def cached_query_vectors(cache: OrderedDict[str, dict[str, np.ndarray]], embedder: StackedEmbedder,
                         query: str) -> dict[str, np.ndarray]:
    """``query`` embedded by every part, from ``cache`` when asked lately (least recent out)."""
    cached = cache.get(query)
    if cached is None:
        vector = embedder.embed_query(query)
        cached = {name: part for name, part in zip(embedder.names, embedder.split(vector))}
        for part in cached.values():
            part.setflags(write=False)  # shared by every caller of this query
        cache[query] = cached
        while len(cache) > QUERY_CACHE_SIZE:
            cache.popitem(last=False)
    else:
        cache.move_to_end(query)
    return cached
