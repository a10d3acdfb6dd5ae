"""A plain LangChain pipeline as the peer: RecursiveCharacterTextSplitter (500/50), the same
e5 model behind a LangChain Embeddings, langchain_community's FAISS, similarity_search k=5;
scored on the dev set's answerable items beside the project's HybridRetriever."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path

from bench.stats import summarize
from eval.retrieval import evidence_rank, squash

K = 5


def _e5_langchain(e5: object) -> object:
    from langchain_core.embeddings import Embeddings

    class E5Embeddings(Embeddings):
        """index.embedders.E5Embedder behind LangChain's interface (passage/query prefixes kept apart)."""

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return e5.embed_documents(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return e5.embed_query(text).tolist()

    return E5Embeddings()


def build_peer(corpus: Path, e5: object) -> tuple[object, int, float]:
    """(vector store, number of chunks, seconds to split and embed)."""
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from langchain_community.document_loaders import TextLoader
    from langchain_community.vectorstores import FAISS
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    t = time.perf_counter()
    docs = [d for p in sorted(corpus.glob("*.txt")) for d in TextLoader(str(p), encoding="utf-8").load()]
    chunks = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50).split_documents(docs)
    store = FAISS.from_documents(chunks, _e5_langchain(e5))
    return store, len(chunks), time.perf_counter() - t


def peer_hit(item: dict, docs: list) -> bool:
    evidence = squash(item["evidence"])
    return any(Path(d.metadata.get("source", "")).name == item["source"] and evidence in squash(d.page_content)
               for d in docs)


def project_hit(item: dict, hits: list) -> bool:
    return evidence_rank(item, hits) is not None


def _score_interleaved(items: list[dict], pipelines: dict[str, tuple]) -> dict[str, dict]:
    """Each question goes to every pipeline in turn (order rotating), so load drift hits all alike.
    ``pipelines``: label -> (search(question), hit(item, found))."""
    labels = list(pipelines)
    for label in labels:
        pipelines[label][0](items[0]["question"])  # warm-up
    latencies: dict[str, list[float]] = {label: [] for label in labels}
    hits = dict.fromkeys(labels, 0)
    for n, item in enumerate(items):
        for label in labels[n % len(labels):] + labels[:n % len(labels)]:
            search, hit = pipelines[label]
            t = time.perf_counter()
            found = search(item["question"])
            latencies[label].append((time.perf_counter() - t) * 1000)
            hits[label] += hit(item, found)
    return {label: {"n": len(items), "hit@5": hits[label] / len(items), "latency_ms": summarize(latencies[label])}
            for label in labels}


def measure_peer(corpus: Path, index_dir: Path, items: list[dict], log: Callable[[str], None]) -> dict:
    from index.embedders import E5Embedder, StackedEmbedder, UseEmbedder
    from index.retriever import HybridRetriever, IndexReader

    answerable = [i for i in items if i.get("evidence")]
    e5 = E5Embedder()
    e5.embed_documents(["warm-up"])
    store, n_chunks, build_s = build_peer(corpus, e5)
    log(f"peer: LangChain split + embedded {n_chunks} chunks in {build_s:.0f}s")
    reader = IndexReader.open(index_dir)
    embedder = StackedEmbedder([e5, UseEmbedder()])
    pipelines = {"langchain (e5, FAISS, k=5)": (lambda q: store.similarity_search(q, k=K), peer_hit)}
    for label, only in (("project hybrid (e5+use+bm25)", None), ("project e5 only", {"e5"})):
        retriever = HybridRetriever(reader, embedder, only=only)
        pipelines[label] = (lambda q, r=retriever: r.retrieve(q, K), project_hit)
    rows = _score_interleaved(answerable, pipelines)
    rows["langchain (e5, FAISS, k=5)"].update(chunks=n_chunks, build_s=build_s)
    for label in list(rows)[1:]:
        rows[label].update(chunks=reader.manifest.n_chunks, build_s=None)
    for label, row in rows.items():
        log(f"peer: {label}: hit@5 {row['hit@5']:.2f}, p50 {row['latency_ms']['p50']:.0f} ms")
    reader.close()
    return {"rows": rows, "n_questions": len(answerable)}
