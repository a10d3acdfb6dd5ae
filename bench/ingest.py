"""Ingest throughput: a cold ingest of corpus/ against the embedder alone on the same chunk
texts (their ratio is the pipeline's overhead), and a warm re-ingest that embeds nothing.

Each embedder runs in its own child process, so its peak RSS is the ingest's alone."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench.proc import run_child, vm_status, write_json

BATCH = 16  # as index.build._embed_rows


def measure_ingest(spec: str, corpus: Path, *, rounds: int = 1, timeout: float = 1200.0) -> dict:
    result, rss_mb, wall = run_child(["bench.ingest", "--embedder", spec, "--corpus", str(corpus),
                                      "--rounds", str(rounds)], timeout=timeout)
    mb = result["corpus_bytes"] / 1e6
    result.update(
        peak_rss_mb=rss_mb,
        child_wall_s=wall,
        cold_chunks_per_s=result["cold_chunks"] / result["cold_s"],
        cold_mb_per_s=mb / result["cold_s"],
        raw_chunks_per_s=result["raw_chunks"] / result["raw_s"],
        overhead=result["cold_s"] / result["raw_s"],
    )
    return result


def _chunk_texts(corpus: Path, files: list[Path]) -> list[str]:
    from index.vectors import embed_text
    from ingest.catalog import load_catalog
    from ingest.chunk import chunk_document
    from ingest.loaders import load_document

    catalog = load_catalog(corpus)
    return [embed_text(c) for p in files for c in chunk_document(load_document(p, catalog.get(p.name)))]


def _kiwi_costs(texts: list[str]) -> tuple[float, float]:
    """What BM25's Kiwi tokenizer costs an ingest: loading it, then tokenizing the chunks."""
    from index import lexical

    lexical._kiwi.cache_clear()
    t = time.perf_counter()
    lexical._kiwi()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    lexical.tokenize_many(texts)
    return load_s, time.perf_counter() - t


def _embed_alone(embedder: object, texts: list[str]) -> dict[str, float]:
    """Seconds per embedder part for the chunk texts, in ingest's batches."""
    parts: dict[str, float] = {}
    for name, part in zip(embedder.names, embedder.parts):
        t = time.perf_counter()
        for start in range(0, len(texts), BATCH):
            part.embed_documents(texts[start:start + BATCH])
        parts[name] = time.perf_counter() - t
    return parts


def _worker(spec: str, corpus: Path, rounds: int) -> dict:
    """Cold ingest and the embedder alone, ``rounds`` times each, alternating; the minimum of each is kept."""
    from index import lexical
    from index.build import discover, ingest_paths
    from index.embedders import make_embedder

    started = time.perf_counter()
    embedder = make_embedder(spec)
    embedder.embed_documents(["warm-up"])  # lazy weight loading counts for neither side
    load_s = time.perf_counter() - started
    files, _ = discover([corpus])
    texts = _chunk_texts(corpus, files)
    cold_runs: list[float] = []
    raw_runs: list[dict[str, float]] = []
    for round_ in range(rounds):
        # Alternate which goes first: on a shared machine the load drifts within seconds.
        steps = ("cold", "raw") if round_ % 2 == 0 else ("raw", "cold")
        for step in steps:
            if step == "raw":
                raw_runs.append(_embed_alone(embedder, texts))
                continue
            with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
                index_dir = Path(tmp) / "index"
                lexical._kiwi.cache_clear()  # each cold ingest loads Kiwi, as a fresh `ragqa ingest` does
                t = time.perf_counter()
                cold = ingest_paths([corpus], index_dir, embedder)
                cold_runs.append(time.perf_counter() - t)
                if round_ == 0:
                    t = time.perf_counter()
                    warm = ingest_paths([corpus], index_dir, embedder)
                    warm_s = time.perf_counter() - t
                    hwm_after_ingest = vm_status()["VmHWM"]
    parts = min(raw_runs, key=lambda p: sum(p.values()))
    kiwi_load_s, kiwi_tokenize_s = _kiwi_costs(texts)
    return {
        "embedder": spec, "files": len(files), "corpus_bytes": sum(p.stat().st_size for p in files),
        "load_s": load_s, "rounds": rounds, "cold_s": min(cold_runs), "cold_runs_s": cold_runs,
        "raw_runs_s": [sum(p.values()) for p in raw_runs], "cold_chunks": cold.chunks_embedded, "cold_summary": cold.summary(),
        "warm_s": warm_s, "warm_chunks": warm.chunks_embedded, "raw_chunks": len(texts),
        "raw_s": sum(parts.values()), "raw_parts_s": parts, "vm_hwm_after_ingest_mb": hwm_after_ingest,
        "kiwi_load_s": kiwi_load_s, "kiwi_tokenize_s": kiwi_tokenize_s, "threads": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description="child process of `python -m bench`")
    parser.add_argument("--embedder", required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json-out", type=Path, required=True)
    args = parser.parse_args(argv)
    write_json(args.json_out, _worker(args.embedder, args.corpus, args.rounds))


if __name__ == "__main__":
    main()
