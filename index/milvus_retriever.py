"""Search the index in Milvus: the same rankings, fusion and hits as index.retriever.HybridRetriever.

Dense search per embedder part and BM25 run in the engine, filtered to the committed reports
(and to the chosen ones when a question is scoped); the rankings are fused here with the
fitted weights and agreement term of index/fusion_weights.json (``fusion="client"``), or by
Milvus's ``hybrid_search`` ("rrf", "weighted": the question language's priors alone, since the
engine fuses before any passage's language is seen).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from core.errors import IndexStateError
from index import milvus_schema as ms
from index.embedders import Embedder, as_stacked
from index.fusion import fused_top
from index.fusion_weights import FusionWeights, as_fusion_weights, passage_language
from index.lexical import tokenize
from index.manifest import Manifest
from index.milvus_conn import MilvusConnection
from index.retriever import LANGUAGE_PROBE, cached_query_vectors, retriever_names
from index.store import DocRecord
from index.types import Hit, UnitBatch
from ingest.language import detect_language
from ingest.types import Chunk


@dataclass
class MilvusSnapshot:
    """What a retriever reads besides the engine: the manifest and the committed reports as of
    one generation (what index.retriever.IndexReader is to the FAISS store)."""

    store: MilvusConnection
    manifest: Manifest
    docs: dict[str, DocRecord]
    gens: dict[str, str]  # doc_id -> the gen of its committed rows
    generation: str
    workspaces: dict[str, str]  # doc_id -> the workspace (partition key) its rows were written under

    @property
    def parts(self) -> tuple[tuple[str, int], ...]:
        return tuple((p["name"], int(p["dim"])) for p in self.manifest.parts)

    def chunk(self, chunk_id: str) -> Chunk | None:
        found = self.store.query("chunks", f"chunk_id == {ms.quoted([chunk_id])[1:-1]} and gen in "
                                 f"{ms.quoted(self.gens.values())}", ms.CHUNK_FIELDS)
        return ms.chunk_of(found[0]) if found else None

    def units_for(self, chunk_ids: Sequence[str]) -> UnitBatch:
        """The units of these chunks in the order given, then reading order."""
        chunk_ids = list(dict.fromkeys(chunk_ids))
        parts = self.parts
        found = self.store.query(
            "units", f"chunk_id in {ms.quoted(chunk_ids)} and gen in {ms.quoted(self.gens.values())}",
            ms.UNIT_FIELDS + [f"v_{n}" for n, _ in parts] + [f"has_{n}" for n, _ in parts]) if chunk_ids else []
        position = {c: i for i, c in enumerate(chunk_ids)}
        found.sort(key=lambda e: (position[e["chunk_id"]], e["ordinal"]))
        dim = sum(d for _, d in parts)
        # zeros for a part a unit still lacks: qa.unit_selection gives that part no say for it
        vectors = np.stack([ms.stacked(e, parts) for e in found]) if found else np.zeros((0, dim), np.float32)
        return UnitBatch(
            units=tuple(ms.unit_of(e) for e in found), vectors=vectors.astype(np.float32),
            tokens=tuple(tuple(ms.tokens_of(e["terms"])) for e in found),
            prev_text=tuple(e["prev_text"] for e in found), next_text=tuple(e["next_text"] for e in found),
            parts=parts,
        )

    def close(self) -> None:
        """Nothing held open: the client is the store's."""


def read_snapshot(conn: MilvusConnection) -> MilvusSnapshot:
    """The manifest and the committed reports as they are now."""
    head, records = conn.read_catalog()
    if head is None:
        raise IndexStateError(f"no index in {conn.location}; build it with `ragqa ingest --store milvus`")
    ms.check_schema(head)
    manifest = Manifest(**head["manifest"])
    manifest.check_format()
    docs = {d: ms.doc_of(v) for d, v in sorted(records.items(), key=lambda kv: kv[1]["source"])}
    documents = {d: {"source": v["source"], "path": v["path"], "content_hash": v["content_hash"],
                     "n_chunks": v["n_chunks"], "n_units": v.get("n_units", 0), "n_pages": v["n_pages"],
                     "indexed_at": v["indexed_at"], "pending_parts": docs[d].pending_parts}
                 for d, v in records.items()}
    manifest = replace(manifest, documents=documents, n_chunks=sum(v["n_chunks"] for v in records.values()),
                       n_units=sum(v.get("n_units", 0) for v in records.values()))
    gens = {d: v["gen"] for d, v in records.items()}
    spaces = {d: v.get("workspace", ms.SHARED) for d, v in records.items()}
    return MilvusSnapshot(conn, manifest, docs, gens, head["generation"], spaces)


class MilvusRetriever:
    """HybridRetriever's surface (retrieve, candidates, units_for, query_vectors, view, scoped)
    over a MilvusSnapshot."""

    def __init__(self, reader: MilvusSnapshot, embedder: Embedder, *, only: set[str] | None = None,
                 pool: int = 40, weights: FusionWeights | dict[str, dict[str, float]] | None = None,
                 doc_ids: Collection[str] | None = None, fusion: str = "client") -> None:
        self.embedder = as_stacked(embedder)
        reader.manifest.check_compatible(self.embedder.id, reader.manifest.chunker)
        self.reader = reader
        self.names = retriever_names(self.embedder.names, {n for n, _ in reader.parts}, only)
        self.pool = pool
        self.weights = as_fusion_weights(weights)
        self.fusion = fusion
        self._query_cache: OrderedDict[str, dict[str, np.ndarray]] = OrderedDict()
        # As HybridRetriever: None is every report; an empty scope is none at all, never every one.
        self.doc_ids = frozenset(doc_ids) if doc_ids is not None else None
        chosen = reader.gens if self.doc_ids is None else {d: g for d, g in reader.gens.items() if d in self.doc_ids}
        self._expr = f"gen in {ms.quoted(sorted(chosen.values()))}" if chosen else ""
        if chosen and self.doc_ids is not None:
            # The partition key first: the engine searches only these workspaces' partitions,
            # and the gen list keeps the chosen reports within them, before any top k is taken.
            spaces = sorted({reader.workspaces[d] for d in chosen})
            self._expr = f"workspace in {ms.quoted(spaces)} and {self._expr}"

    def scoped(self, doc_ids: Collection[str] | None) -> MilvusRetriever:
        return self if doc_ids is None else self.view(doc_ids=doc_ids)

    def view(self, *, only: set[str] | None = None, doc_ids: Collection[str] | None = None) -> MilvusRetriever:
        """Keeps this one's scope unless given another: a view must never widen what may be read."""
        names = set(self.names) if only is None else only
        view = MilvusRetriever(self.reader, self.embedder, only=names, pool=self.pool, weights=self.weights,
                               doc_ids=self.doc_ids if doc_ids is None else doc_ids, fusion=self.fusion)
        view._query_cache = self._query_cache
        return view

    @property
    def part_names(self) -> list[str]:
        stored = {n for n, _ in self.reader.parts}
        return [n for n in self.embedder.names if n in stored]

    def query_vectors(self, query: str) -> dict[str, np.ndarray]:
        return cached_query_vectors(self._query_cache, self.embedder, query)

    def units_for(self, chunk_ids: Sequence[str]) -> UnitBatch:
        return self.reader.units_for(chunk_ids)

    def retrieve(self, query: str, k: int = 5) -> list[Hit]:
        return self.candidates(query, k, per_retriever=0)

    def candidates(self, query: str, k: int = 5, per_retriever: int = 3) -> list[Hit]:
        """As HybridRetriever.candidates: the fused top ``k``, then what single rankings put
        high that fusion left out."""
        if not self._expr:
            return []  # no committed report, or none of the chosen ones
        requests = self._requests(query)
        if not requests:
            return []
        question_lang = detect_language(query)
        entities: dict[str, dict] = {}
        if self.fusion == "client" or len(requests) == 1:
            scored = {name: self._search(request, max(self.pool, k), entities) for name, request in requests.items()}
            prior = {} if len(scored) == 1 else self.weights.prior(
                question_lang, self.met_language(question_lang, scored, entities))
            picked, label = fused_top(scored, prior, k, per_retriever, agreement=self.weights.agreement)
        else:
            prior = self.weights.question_prior(question_lang)
            picked, label = self._engine_fused(requests, prior, k, entities), "+".join(requests)
            if per_retriever > 0:
                seen = {pk for pk, _ in picked}
                for name, request in requests.items():
                    if prior.get(name, 1.0) <= 0:
                        continue
                    for pk, _ in self._search(request, per_retriever, entities):
                        if pk not in seen:
                            seen.add(pk)
                            picked.append((pk, 0.0))
        hits = []
        for pk, score in picked:
            chunk = ms.chunk_of(entities[pk])
            doc = self.reader.docs.get(chunk.doc_id)
            hits.append(Hit(chunk, score, label, doc.title if doc else "", doc.source if doc else "",
                            doc.publisher if doc else ""))
        return hits

    def met_language(self, question_lang: str, scored: dict[str, list[tuple[str, float]]],
                     entities: dict[str, dict]) -> str:
        """As HybridRetriever.met_language: the language of the passages the retrievers put first."""
        pks = {pk for found in scored.values() for pk, _ in found[:LANGUAGE_PROBE]}
        docs = self.reader.docs
        return passage_language([getattr(docs.get(entities[pk]["doc_id"]), "language", "") for pk in sorted(pks)],
                                question_lang)

    def _requests(self, query: str) -> dict[str, tuple[str, object, str]]:
        """(field, data, filter) per retriever; none for BM25 when the query has no terms."""
        requests: dict[str, tuple[str, object, str]] = {}
        dense = [n for n in self.names if n != "bm25"]
        if dense:
            vectors = self.query_vectors(query)
            for name in dense:
                requests[name] = (f"v_{name}", np.asarray(vectors[name], dtype=np.float32).tolist(),
                                  f"{self._expr} and has_{name} == true")
        if "bm25" in self.names:
            terms = ms.terms_of(tokenize(query))
            if terms:
                requests["bm25"] = ("sparse", terms, self._expr)
        return requests

    def _search(self, request: tuple[str, object, str], limit: int, entities: dict[str, dict]
                ) -> list[tuple[str, float]]:
        field, data, expr = request
        params = {"metric_type": "BM25"} if field == "sparse" else {"metric_type": "IP"}
        found = self.reader.store.call("search", self.reader.store.collections["chunks"], data=[data],
                                       anns_field=field, limit=limit, filter=expr, search_params=params,
                                       output_fields=ms.CHUNK_FIELDS)[0]
        ranked = []
        for hit in found:
            entities.setdefault(hit["pk"], hit["entity"] | {"pk": hit["pk"]})
            # Milvus Lite reports BM25 as a negative distance, a server as a positive score.
            score = abs(float(hit["distance"])) if field == "sparse" else float(hit["distance"])
            if field != "sparse" or score > 0:
                ranked.append((hit["pk"], score))
        return ranked

    def _engine_fused(self, requests: dict[str, tuple[str, object, str]], prior: Mapping[str, float], k: int,
                      entities: dict[str, dict]) -> list[tuple[str, float]]:
        from pymilvus import AnnSearchRequest, RRFRanker, WeightedRanker

        used = {n: r for n, r in requests.items() if prior.get(n, 1.0) > 0} or requests
        reqs = [AnnSearchRequest(data=[data], anns_field=field, limit=max(self.pool, k), expr=expr,
                                 param={"metric_type": "BM25" if field == "sparse" else "IP"})
                for field, data, expr in used.values()]
        ranker = RRFRanker(60) if self.fusion == "rrf" else WeightedRanker(*(prior.get(n, 1.0) for n in used))
        found = self.reader.store.call("hybrid_search", self.reader.store.collections["chunks"], reqs, ranker,
                                       limit=k, output_fields=ms.CHUNK_FIELDS)[0]
        for hit in found:
            entities.setdefault(hit["pk"], hit["entity"] | {"pk": hit["pk"]})
        return [(hit["pk"], float(hit["distance"])) for hit in found]
