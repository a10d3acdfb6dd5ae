"""Retrieval latency at growing sizes: FAISS flat vs HNSW (and HNSW recall@10 against flat),
BM25, and the fused HybridRetriever, on perturbed copies of the real reports' chunks.

~10k perturbed texts are embedded for real with USE; bigger sizes add Gaussian noise to
those vectors (bench.perturb.noisy_copies). The e5 part of the hybrid is a fixed random
projection of the USE vectors to 384 dimensions: same count and dimension as e5, which is
all that search latency depends on; e5 itself embeds ~3 passages/s."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bench.perturb import noisy_copies, perturb_corpus, random_projection
from bench.stats import summarize

E5_DIM = 384
POOL = 40  # HybridRetriever's default pool: what each retriever is asked for
NOISE_SCALE = 0.3


@dataclass
class QueryData:
    texts: list[str]
    use: np.ndarray
    tokens: list[list[str]]
    queries: list[str]
    q_use: np.ndarray
    q_tokens: list[list[str]]
    prep: dict = field(default_factory=dict)


def prepare(corpus: Path, questions: list[str], n_real: int, n_queries: int, log: Callable[[str], None],
            cache: Path | None = None, budget_s: float = float("inf")) -> QueryData:
    """Embed up to ``n_real`` perturbed texts with USE, stopping early after ``budget_s``
    (a loaded shared machine embeds 5-10x slower); bigger sizes are noisy copies of them."""
    from bench.ingest import _chunk_texts
    from index.build import discover
    from index.embedders import UseEmbedder
    from index.lexical import tokenize

    files, _ = discover([corpus])
    texts = perturb_corpus(_chunk_texts(corpus, files), n_real)
    queries = list(dict.fromkeys(perturb_corpus(questions, n_queries, seed=13)))
    use = UseEmbedder()
    use.embed_documents(["warm-up"])
    digest = hashlib.sha1("\x00".join(texts).encode("utf-8")).hexdigest()[:12]
    cached = cache / f"use-{digest}.npy" if cache else None  # may hold fewer rows: a budget cut it short
    t = time.perf_counter()
    from_cache = bool(cached and cached.exists())
    if from_cache:
        vectors = np.load(cached)
        texts = texts[: len(vectors)]
    else:
        blocks = []
        for i in range(0, len(texts), 64):
            blocks.append(use.embed_documents(texts[i:i + 64]))
            if time.perf_counter() - t > budget_s:
                log(f"query: USE embedding budget of {budget_s:.0f}s spent after {i + len(blocks[-1])} texts")
                break
        vectors = np.vstack(blocks)
        texts = texts[: len(vectors)]
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            np.save(cached, vectors)
    embed_s = time.perf_counter() - t
    log(f"query: embedded {len(texts)} perturbed texts with USE in {embed_s:.0f}s")
    t = time.perf_counter()
    tokens = [tokenize(x) for x in texts]
    tokenize_s = time.perf_counter() - t
    log(f"query: tokenized them in {tokenize_s:.0f}s")
    q_use = use.embed_documents(queries)
    prep = {"n_real": len(texts), "use_embed_s": embed_s, "use_texts_per_s": None if from_cache else len(texts) / embed_s,
            "tokenize_s": tokenize_s, "cached_vectors": from_cache, "n_queries": len(queries)}
    return QueryData(texts, vectors, tokens, queries, q_use, [tokenize(q) for q in queries], prep)


class _LookupPart:
    """An embedder part that returns precomputed query vectors: no model in the timed path."""

    def __init__(self, short: str, table: dict[str, np.ndarray]) -> None:
        self.short, self.id, self._table = short, f"bench-lookup:{short}", table
        self.dim = len(next(iter(table.values())))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError("queries only")

    def embed_query(self, text: str) -> np.ndarray:
        return self._table[text]


@dataclass
class _Reader:
    """The parts of index.retriever.IndexReader that HybridRetriever reads, held in memory."""

    manifest: object
    dense: dict
    lexical: object
    docs: dict = field(default_factory=dict)

    def chunks_at(self, rows: list[int]) -> dict:
        from ingest.types import Chunk

        return {r: Chunk(chunk_id=str(r), doc_id="bench", text="") for r in rows}


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def measure_size(data: QueryData, n: int, log: Callable[[str], None]) -> dict:
    from index.dense import FLAT_LIMIT, DenseIndex
    from index.embedders import StackedEmbedder
    from index.lexical import LexicalIndex
    from index.manifest import Manifest
    from index.retriever import HybridRetriever

    n_real = len(data.texts)
    use = data.use[:n] if n <= n_real else noisy_copies(data.use, n, NOISE_SCALE)
    tokens = data.tokens[:n] if n <= n_real else [data.tokens[i % n_real] for i in range(n)]
    e5 = random_projection(use, E5_DIM)
    q_e5 = random_projection(data.q_use, E5_DIM)
    row: dict = {"n": n, "synthetic_vectors": n > n_real, "auto_kind": "flat" if n <= FLAT_LIMIT else "hnsw"}
    if n > n_real:
        m = min(2000, n_real, n - n_real)
        row["noise_cos"] = float(np.mean(np.sum(use[n_real:n_real + m] * data.use[:m], axis=1)))
    builds: dict[str, float] = {}
    index: dict[tuple[str, str], DenseIndex] = {}
    for part, vectors in (("use", use), ("e5", e5)):
        for kind in ("flat", "hnsw"):
            t = time.perf_counter()
            index[part, kind] = DenseIndex.build(vectors, kind)
            builds[f"{kind}_{part}_s"] = time.perf_counter() - t
    t = time.perf_counter()
    lexical = LexicalIndex.build(tokens)
    builds["bm25_s"] = time.perf_counter() - t
    row["build"] = builds
    log(f"query n={n}: built flat, HNSW (use {builds['hnsw_use_s']:.1f}s, e5 {builds['hnsw_e5_s']:.1f}s), BM25")

    flat, hnsw, bm25, recall = [], [], [], []
    for i in range(len(data.queries)):
        q = data.q_use[i]
        ms_f, hits_f = _timed(lambda q=q: index["use", "flat"].search(q, POOL))
        ms_h, hits_h = _timed(lambda q=q: index["use", "hnsw"].search(q, POOL))
        ms_b, _ = _timed(lambda i=i: lexical.search(data.q_tokens[i], POOL))
        flat.append(ms_f)
        hnsw.append(ms_h)
        bm25.append(ms_b)
        truth = {j for j, _ in hits_f[:10]}
        recall.append(len(truth & {j for j, _ in hits_h[:10]}) / max(len(truth), 1))
    row.update(flat_ms=summarize(flat), hnsw_ms=summarize(hnsw), bm25_ms=summarize(bm25),
               hnsw_recall10=float(np.mean(recall)))

    tables = {"e5": dict(zip(data.queries, q_e5)), "use": dict(zip(data.queries, data.q_use))}
    embedder = StackedEmbedder([_LookupPart("e5", tables["e5"]), _LookupPart("use", tables["use"])])
    manifest = Manifest(embedder=embedder.id, dim=embedder.dim, chunker="bench")
    retrievers = {
        kind: HybridRetriever(_Reader(manifest, {"e5": index["e5", kind], "use": index["use", kind]}, lexical), embedder)
        for kind in ("flat", "hnsw")
    }
    fused: dict[str, list[float]] = {"flat": [], "hnsw": []}
    for q in data.queries[:5]:
        for r in retrievers.values():
            r.retrieve(q, 5)  # warm-up
    for q in data.queries:
        for kind, r in retrievers.items():
            fused[kind].append(_timed(lambda r=r, q=q: r.retrieve(q, 5))[0])
    row.update(hybrid_flat_ms=summarize(fused["flat"]), hybrid_hnsw_ms=summarize(fused["hnsw"]))
    log(f"query n={n}: flat p50 {row['flat_ms']['p50']:.2f} ms, HNSW p50 {row['hnsw_ms']['p50']:.2f} ms "
        f"(recall@10 {row['hnsw_recall10']:.3f}), BM25 p50 {row['bm25_ms']['p50']:.2f} ms, "
        f"hybrid p50 {row['hybrid_flat_ms']['p50']:.1f}/{row['hybrid_hnsw_ms']['p50']:.1f} ms")
    return row


def recommend(rows: list[dict], budget_ms: float = 5.0) -> dict:
    """Where flat search (one 512-d part) crosses ``budget_ms``, extrapolated linearly from the largest size."""
    from index.dense import FLAT_LIMIT

    largest = max(rows, key=lambda r: r["n"])
    per_chunk = largest["flat_ms"]["p50"] / largest["n"]
    crossover = budget_ms / per_chunk if per_chunk > 0 else float("inf")
    at_limit = per_chunk * FLAT_LIMIT
    lines = [
        (f"Flat search (512-d part) p50 is {largest['flat_ms']['p50']:.1f} ms at {largest['n']:,} chunks, "
        f"~{per_chunk * 1e5:.1f} ms per 100k; at FLAT_LIMIT={FLAT_LIMIT:,} it would be ~{at_limit:.0f} ms per part "
        f"(a hybrid query searches two parts, e5 384-d and USE 512-d)."),
        (f"HNSW p50 there is {largest['hnsw_ms']['p50']:.2f} ms with recall@10 {largest['hnsw_recall10']:.3f} vs flat; "
        f"building it took {largest['build']['hnsw_use_s']:.0f}s + {largest['build']['hnsw_e5_s']:.0f}s "
        f"(flat {largest['build']['flat_use_s']:.2f}s), and every ingest rebuilds it."),
        f"Flat crosses {budget_ms:g} ms per part at ~{crossover:,.0f} chunks (linear extrapolation).",
    ]
    return {"flat_ms_per_100k": per_chunk * 1e5, "flat_ms_at_limit": at_limit, "crossover_chunks": crossover,
            "budget_ms": budget_ms, "flat_limit": FLAT_LIMIT, "text": " ".join(lines)}
