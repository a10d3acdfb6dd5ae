"""Retrieval latency at growing sizes: FAISS flat vs HNSW (and HNSW recall@10 against flat),
BM25, and the fused HybridRetriever, on perturbed copies of the real reports' chunks.

~10k perturbed texts are embedded for real with USE; bigger sizes add Gaussian noise to
those vectors (bench.perturb.noisy_copies). The e5 part of the hybrid is a fixed random
projection of the USE vectors to 384 dimensions: same count and dimension as e5, which is
all that search latency depends on; e5 itself embeds ~3 passages/s."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bench.hybrid import hybrid_retriever
from bench.perturb import noisy_copies, perturb_corpus, random_projection
from bench.stats import summarize
from index.dense import HNSW_EF_SEARCH as PROJECT_EF

E5_DIM = 384
POOL = 40  # HybridRetriever's default pool: what each retriever is asked for
NOISE_SCALE = 0.3
EF_SWEEP = (64, 128, 256, 512)


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


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def measure_size(data: QueryData, n: int, log: Callable[[str], None]) -> dict:
    from index.dense import FLAT_LIMIT, DenseIndex
    from index.lexical import LexicalIndex

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

    import faiss

    default_threads = os.cpu_count() or 1  # index/dense.py pins 1 thread once an index is loaded
    faiss.omp_set_num_threads(default_threads)
    timings: dict[str, list[float]] = {k: [] for k in ("flat", "flat_1t", "bm25", *(f"hnsw_ef{ef}" for ef in EF_SWEEP))}
    recalls: dict[int, list[float]] = {ef: [] for ef in EF_SWEEP}
    graph = index["use", "hnsw"]._index.hnsw  # the sweep sets efSearch on the project's own index object
    for i in range(len(data.queries)):
        q = data.q_use[i]
        ms, hits_f = _timed(lambda q=q: index["use", "flat"].search(q, POOL))
        timings["flat"].append(ms)
        faiss.omp_set_num_threads(1)
        timings["flat_1t"].append(_timed(lambda q=q: index["use", "flat"].search(q, POOL))[0])
        faiss.omp_set_num_threads(default_threads)
        truth = {j for j, _ in hits_f[:10]}
        for ef in EF_SWEEP:
            graph.efSearch = ef
            ms, hits_h = _timed(lambda q=q: index["use", "hnsw"].search(q, POOL))
            timings[f"hnsw_ef{ef}"].append(ms)
            recalls[ef].append(len(truth & {j for j, _ in hits_h[:10]}) / max(len(truth), 1))
        graph.efSearch = PROJECT_EF
        timings["bm25"].append(_timed(lambda i=i: lexical.search(data.q_tokens[i], POOL))[0])
    row.update({f"{k}_ms": summarize(v) for k, v in timings.items()})
    row.update(flat_threads=default_threads, hnsw_ms=row[f"hnsw_ef{PROJECT_EF}_ms"],
               hnsw_recall10=float(np.mean(recalls[PROJECT_EF])),
               hnsw_recall10_by_ef={ef: float(np.mean(r)) for ef, r in recalls.items()})

    q_vectors = {"e5": q_e5, "use": data.q_use}
    retrievers = {kind: hybrid_retriever(data.queries, q_vectors, {"e5": index["e5", kind], "use": index["use", kind]},
                                         lexical) for kind in ("flat", "hnsw")}
    fused: dict[str, list[float]] = {"flat": [], "flat_1t": [], "hnsw": []}
    for q in data.queries[:5]:
        for r in retrievers.values():
            r.retrieve(q, 5)  # warm-up
    for q in data.queries:
        for label, kind, threads in (("flat", "flat", default_threads), ("flat_1t", "flat", 1), ("hnsw", "hnsw", default_threads)):
            faiss.omp_set_num_threads(threads)
            fused[label].append(_timed(lambda r=retrievers[kind], q=q: r.retrieve(q, 5))[0])
        faiss.omp_set_num_threads(default_threads)
    row.update({f"hybrid_{k}_ms": summarize(v) for k, v in fused.items()})
    log(f"query n={n}: flat p50 {row['flat_ms']['p50']:.2f} ms ({default_threads} threads) / "
        f"{row['flat_1t_ms']['p50']:.2f} ms (1 thread), HNSW p50 {row['hnsw_ms']['p50']:.2f} ms (recall@10 by efSearch "
        f"{', '.join(f'{ef}: {r:.3f}' for ef, r in row['hnsw_recall10_by_ef'].items())}), BM25 p50 "
        f"{row['bm25_ms']['p50']:.2f} ms, hybrid p50 {row['hybrid_flat_ms']['p50']:.1f} / "
        f"{row['hybrid_flat_1t_ms']['p50']:.1f} / {row['hybrid_hnsw_ms']['p50']:.1f} ms")
    return row


def recommend(rows: list[dict], budget_ms: float = 10.0) -> dict:
    """Numbers for the FAISS choice: flat cost per 100k (both thread settings, linear from the
    largest size), where single-threaded flat crosses ``budget_ms`` per part, and HNSW recall."""
    from index.dense import FLAT_LIMIT

    big = max(rows, key=lambda r: r["n"])
    per_chunk = {k: big[f"{k}_ms"]["p50"] / big["n"] for k in ("flat", "flat_1t")}
    crossover = budget_ms / per_chunk["flat_1t"] if per_chunk["flat_1t"] > 0 else float("inf")
    by_ef = big["hnsw_recall10_by_ef"]
    good = [ef for ef, r in by_ef.items() if r >= 0.95]
    text = (
        f"At {big['n']:,} chunks flat search of one 512-d part takes p50 {big['flat_ms']['p50']:.1f} ms with FAISS's "
        f"default {big['flat_threads']} OpenMP threads but {big['flat_1t_ms']['p50']:.1f} ms with 1 thread (on a busy "
        f"shared machine the threads wait on each other); at FLAT_LIMIT={FLAT_LIMIT:,} that extrapolates to "
        f"~{per_chunk['flat'] * FLAT_LIMIT:.0f} / ~{per_chunk['flat_1t'] * FLAT_LIMIT:.0f} ms per part, and a hybrid "
        f"query searches two parts (e5 384-d, USE 512-d). Single-threaded flat crosses {budget_ms:g} ms per part at "
        f"~{crossover:,.0f} chunks. HNSW (M=32, efConstruction=80) answers in {big['hnsw_ms']['p50']:.2f} ms, but its "
        f"recall@10 against flat for question vectors is "
        + ", ".join(f"{r:.3f} at efSearch={ef}" for ef, r in by_ef.items())
        + (f" (>=0.95 from efSearch={good[0]})" if good else " (never >=0.95 in this sweep)")
        + f"; building it took {big['build']['hnsw_use_s']:.0f}s + {big['build']['hnsw_e5_s']:.0f}s "
        f"(flat {big['build']['flat_use_s']:.2f}s), and every ingest rebuilds the whole index."
    )
    return {"flat_ms_per_100k": per_chunk["flat"] * 1e5, "flat_1t_ms_per_100k": per_chunk["flat_1t"] * 1e5,
            "crossover_chunks_1t": crossover, "budget_ms": budget_ms, "flat_limit": FLAT_LIMIT,
            "hnsw_recall10_by_ef": by_ef, "text": text}
