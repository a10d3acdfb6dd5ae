"""Markdown tables and the PNG from the benchmark's results dict."""

from __future__ import annotations

import math
from pathlib import Path

from index.dense import HNSW_EF_SEARCH


def markdown_table(headers: list[str], rows: list[list[object]]) -> str:
    """A GitHub markdown table; cells are str()-ed and pipes escaped."""
    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


def pair(summary: dict | None, digits: int = 1) -> str:
    """"p50 / p95" of a bench.stats.summarize dict."""
    if not summary:
        return "–"
    return f"{fmt(summary.get('p50'), digits)} / {fmt(summary.get('p95'), digits)}"


def _ingest(rows: list[dict]) -> str:
    return markdown_table(
        ["embedder", "rounds", "chunks", "cold ingest s", "chunks/s", "MB/s", "embedder alone s", "embedder chunks/s",
         "overhead ×", "Kiwi load + tokenize s", "warm re-ingest s", "model load s", "peak RSS MB"],
        [[r["embedder"], r.get("rounds", 1), r["cold_chunks"], fmt(r["cold_s"]), fmt(r["cold_chunks_per_s"], 2), fmt(r["cold_mb_per_s"], 4),
          fmt(r["raw_s"]), fmt(r["raw_chunks_per_s"], 2), fmt(r["overhead"], 2),
          f"{fmt(r.get('kiwi_load_s'))} + {fmt(r.get('kiwi_tokenize_s'))}", fmt(r["warm_s"], 2), fmt(r["load_s"]),
          fmt(r["peak_rss_mb"], 0)] for r in rows])


def _query(rows: list[dict]) -> str:
    efs = list(rows[0]["hnsw_recall10_by_ef"]) if rows else []
    return markdown_table(
        ["chunks", "vectors", "flat p50/p95 ms (default threads)", "flat p50/p95 ms (1 thread)",
         f"HNSW ef={HNSW_EF_SEARCH} p50/p95 ms", f"HNSW recall@10 at ef={'/'.join(map(str, efs))}", f"HNSW ef={efs[-1] if efs else ''} p50 ms",
         "HNSW build s (use+e5)", "BM25 p50/p95 ms", "hybrid flat p50/p95 ms", "hybrid flat 1-thread p50/p95 ms",
         "hybrid HNSW p50/p95 ms", "dense.py picks"],
        [[f"{r['n']:,}", "noisy copies" if r["synthetic_vectors"] else "USE, real", pair(r["flat_ms"], 2),
          pair(r["flat_1t_ms"], 2), pair(r["hnsw_ms"], 2),
          " / ".join(fmt(v, 2) for v in r["hnsw_recall10_by_ef"].values()), fmt(r[f"hnsw_ef{efs[-1]}_ms"]["p50"], 2),
          fmt(r["build"]["hnsw_use_s"] + r["build"]["hnsw_e5_s"]), pair(r["bm25_ms"], 2),
          pair(r["hybrid_flat_ms"]), pair(r["hybrid_flat_1t_ms"]), pair(r["hybrid_hnsw_ms"]), r["auto_kind"]]
         for r in rows])


def _answer(rows: list[dict]) -> str:
    return markdown_table(
        ["model", "questions", "load s", "evidence p50/p95 s", "first token p50/p95 s", "total p50/p95 s", "paths"],
        [[r["model"], f"{len(r['runs'])} of {r.get('planned', len(r['runs']))}", fmt(r["load_s"]), pair(r["evidence_s"], 2), pair(r["first_token_s"]),
          pair(r["total_s"]), ", ".join(f"{k} {v}" for k, v in sorted(r["paths"].items()))] for r in rows])


def _peer(peer: dict) -> str:
    return markdown_table(
        ["pipeline", "chunks", "index build s", f"hit@5 (n={peer['n_questions']})", "latency p50/p95 ms"],
        [[label, r["chunks"], fmt(r["build_s"]), fmt(r["hit@5"], 2), pair(r["latency_ms"])]
         for label, r in peer["rows"].items()])


def _memory(rows: list[dict]) -> str:
    return markdown_table(["process", "peak RSS MB", "note"],
                          [[r["process"], fmt(r["peak_rss_mb"], 0), r.get("note", "")] for r in rows])


NOTES = {
    "answer": ("Times from the question to the extractive evidence, to the model's first token, and to the final "
               "answer. English questions are first translated to Korean by the same model (qa.answer._rephrase), "
               "so that is inside all three; the first question also pays the shared system prompt's prefill. "
               "With ≤5 samples p95 is close to the maximum."),
    "peer": ("hit@5: the dev item's evidence string is in a top-5 chunk from the right report file. Latency is per "
             "question and includes query embedding (e5 for LangChain; e5 + USE + Kiwi + BM25 + SQLite for the "
             "project hybrid); each question goes to the three pipelines in turn, so load drift hits all alike."),
}

SECTIONS = (("ingest", "Ingest", _ingest), ("query", "Query latency", None), ("answer", "Answer", _answer),
            ("peer", "Peer: plain LangChain vs the project", _peer), ("memory", "Memory", _memory))


def render_markdown(results: dict) -> str:
    meta = results["meta"]
    out = [f"# Benchmark ({meta['started']}, {meta['mode']})", "", meta["machine"], ""]
    for key, title, render in SECTIONS:
        section = results.get(key)
        if section is None:
            continue
        out.append(f"## {title}")
        out.append("")
        if isinstance(section, dict) and "error" in section:
            out.append(f"failed: {section['error']}")
        elif isinstance(section, dict) and "skipped" in section:
            out.append(f"skipped: {section['skipped']}")
        elif key == "query":
            out += [_query(section["rows"]), "", section["note"], "", f"**FAISS:** {section['recommendation']['text']}"]
        else:
            out.append(render(section))
            if key in NOTES:
                out += ["", NOTES[key]]
            if key == "ingest":
                out += ["", ("overhead × = cold ingest time / the embedder alone on the same chunk texts "
                             "(batch 16, models loaded and warmed up for both; each cold ingest loads Kiwi afresh). With several "
                             "rounds, cold ingest and the embedder alone alternate and the fastest of each is shown.")]
        out.append("")
    out.append(f"Run time: {meta.get('elapsed_s', 0) / 60:.1f} min.")
    return "\n".join(out) + "\n"


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(13, 9))
    ax = axes[0][0]
    query = results.get("query") or {}
    if query.get("rows"):
        sizes = [r["n"] for r in query["rows"]]
        for key, label in (("flat_ms", "FAISS flat 512-d, default threads"), ("flat_1t_ms", "FAISS flat 512-d, 1 thread"),
                           ("hnsw_ms", f"FAISS HNSW 512-d, ef={HNSW_EF_SEARCH}"), ("bm25_ms", "BM25"),
                           ("hybrid_flat_ms", "hybrid, flat"), ("hybrid_flat_1t_ms", "hybrid, flat 1 thread"),
                           ("hybrid_hnsw_ms", "hybrid, HNSW")):
            line, = ax.plot(sizes, [r[key]["p50"] for r in query["rows"]], marker="o", label=f"{label} p50")
            ax.plot(sizes, [r[key]["p95"] for r in query["rows"]], ls="--", color=line.get_color(), alpha=0.5)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("chunks")
        ax.set_ylabel("ms per query (dashed: p95)")
        ax.legend(fontsize=8)
    ax.set_title("Retrieval latency vs index size")

    ax = axes[0][1]
    ingest = results.get("ingest")
    if isinstance(ingest, list) and ingest:
        names = [r["embedder"] for r in ingest]
        xs = range(len(names))
        for offset, key, label in ((-0.2, "cold_chunks_per_s", "cold ingest"), (0.2, "raw_chunks_per_s", "embedder alone")):
            bars = ax.bar([x + offset for x in xs], [r[key] for r in ingest], 0.4, label=label)
            ax.bar_label(bars, fmt="%.1f", fontsize=8)
        ax.set_xticks(list(xs), [f"{r['embedder']}\noverhead {r['overhead']:.2f}x" for r in ingest])
        ax.set_xlim(-0.8, len(names) - 0.2)
        ax.set_ylabel("chunks/s")
        ax.legend(fontsize=8)
    ax.set_title("Ingest throughput")

    ax = axes[1][0]
    answer = results.get("answer")
    if isinstance(answer, list) and answer:
        names = [r["model"] for r in answer]
        xs = range(len(names))
        for offset, key, label in ((-0.2, "first_token_s", "first token"), (0.2, "total_s", "total")):
            p50 = [r[key]["p50"] for r in answer]
            p95 = [r[key]["p95"] for r in answer]
            ax.bar([x + offset for x in xs], p50, 0.4, label=f"{label} p50",
                   yerr=[[0] * len(p50), [b - a for a, b in zip(p50, p95)]], capsize=4)
        ax.set_xticks(list(xs), [f"{r['model']} (n={len(r['runs'])})" for r in answer])
        ax.set_xlim(-0.8, len(names) - 0.2)
        ax.set_ylabel("seconds (bar p50, whisker p95)")
        ax.legend(fontsize=8)
    ax.set_title("Answer latency, embedded models")

    ax = axes[1][1]
    peer = results.get("peer")
    if isinstance(peer, dict) and peer.get("rows"):
        labels = list(peer["rows"])
        hits = [peer["rows"][k]["hit@5"] for k in labels]
        bars = ax.bar(range(len(labels)), hits, color=["tab:gray", "tab:blue", "tab:cyan"][: len(labels)])
        for bar, key in zip(bars, labels):
            ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height() + 0.01,
                    f"p50 {peer['rows'][key]['latency_ms']['p50']:.0f} ms", ha="center", fontsize=8)
        ax.set_xticks(range(len(labels)), [k.replace(" (", "\n(") for k in labels], fontsize=8)
        ax.set_ylim(0, 1.1)
        ax.set_ylabel(f"hit@5 on {peer['n_questions']} dev questions")
    ax.set_title("Peer: LangChain vs project retrieval")
    fig.suptitle(f"python -m bench, {results['meta']['started']} ({results['meta']['mode']}; shared 2-core machine)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
