"""`python -m bench`: ingest, query-scaling, answer, peer and memory benchmarks.

Prints markdown tables and writes bench.md, bench.json and bench.png to --out. Benchmarks,
not tests: nothing here asserts a timing. Each section's failure is recorded, not fatal.

Answers against a plain LangChain RAG on the same PDFs and model (graded, not timed only):
python -m bench.answer_peer --set eval/realdocs/questions.jsonl --split test [--limit N] [--out DIR]"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from bench.report import plot, render_markdown
from index.dense import HNSW_EF_SEARCH as PROJECT_EF

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("ingest", "query", "peer", "answer", "memory")
# Budgets keep a full run near 30 min on a loaded shared 2-core machine; what they cut is reported.
EMBED_BUDGET_S = 240.0
ANSWER_BUDGET_S = {"small": 300.0, "default": 540.0}


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"Machine: {os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GB RAM, Python {platform.python_version()}; "
            f"load average at start {load}. The machine is shared with other engineers while this runs, "
            "so timings are noisy: read them as orders of magnitude and ratios, not exact values.")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    from ragqa.settings import Settings

    settings = Settings()
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0],
                                epilog=" ".join(__doc__.splitlines()[-2:]))
    p.add_argument("--quick", action="store_true", help="small sizes, 'use' ingest only, 2 questions with 'small'")
    p.add_argument("--skip-answer", action="store_true", help="skip the embedded-model answer timings")
    p.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections of {','.join(SECTIONS)}")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    p.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    p.add_argument("--index", type=Path, default=settings.index_dir, help="the real index, built with e5+use")
    p.add_argument("--models-dir", type=Path, default=settings.models_dir)
    p.add_argument("--sizes", default="", help="index sizes for the query section, e.g. 1000,10000,100000")
    p.add_argument("--cache", type=Path, default=None, help="keep the USE vectors of the perturbed texts here")
    args = p.parse_args(argv)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        p.error(f"unknown sections {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    if args.skip_answer and "answer" in args.only:
        args.only.remove("answer")
    default_sizes = "1000,5000" if args.quick else "1000,10000,100000"
    args.sizes = [int(s) for s in (args.sizes or default_sizes).split(",")]
    return args


def main(argv: list[str] | None = None) -> None:
    args = _parse(argv)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f}s] {message}", file=sys.stderr, flush=True)

    from eval.retrieval import load_items

    items = load_items(ROOT / "eval" / "devset.jsonl")
    mode = "quick" if args.quick else "full"
    results: dict = {"meta": {"started": time.strftime("%Y-%m-%d %H:%M"), "mode": mode, "machine": _machine(),
                              "argv": sys.argv[1:], "sizes": args.sizes}}
    args.out.mkdir(parents=True, exist_ok=True)

    def save() -> None:
        results["meta"]["elapsed_s"] = time.perf_counter() - started
        results["meta"]["load_end"] = os.getloadavg()
        (args.out / "bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
        (args.out / "bench.md").write_text(render_markdown(results), encoding="utf-8")

    def run(name: str, fn) -> None:
        if name not in args.only:
            if name == "answer" and args.skip_answer:
                results[name] = {"skipped": "--skip-answer"}
            return
        log(f"{name}: start")
        t = time.perf_counter()
        try:
            results[name] = fn()
        except Exception as exc:  # noqa: BLE001 - one broken section must not lose the others
            traceback.print_exc()
            results[name] = {"error": f"{type(exc).__name__}: {exc}"[:600]}
        results["meta"].setdefault("section_s", {})[name] = time.perf_counter() - t
        log(f"{name}: done in {time.perf_counter() - t:.0f}s")
        save()

    run("ingest", lambda: _ingest(args, log))
    run("query", lambda: _query(args, items, log))
    run("peer", lambda: _peer(args, items, log))
    run("answer", lambda: _answer(args, items, log))
    run("memory", lambda: _memory(args, results, log))
    save()
    try:
        plot(results, args.out / "bench.png")
    except Exception:  # noqa: BLE001 - the tables matter more than the picture
        traceback.print_exc()
    save()
    print(render_markdown(results))
    print(f"wrote {args.out / 'bench.md'}, bench.json, bench.png", file=sys.stderr)


def _ingest(args: argparse.Namespace, log) -> list[dict]:
    from bench.ingest import measure_ingest

    rows = []
    # e5 embeds ~1-3 chunks/s here, so e5+use gets one round; use is cheap enough to repeat.
    for spec, rounds in ([("use", 2)] if args.quick else [("e5+use", 1), ("use", 3)]):
        rows.append(measure_ingest(spec, args.corpus, rounds=rounds))
        log(f"ingest {spec}: cold {rows[-1]['cold_s']:.1f}s, embedder alone {rows[-1]['raw_s']:.1f}s, "
            f"warm {rows[-1]['warm_s']:.2f}s")
    return rows


def _query(args: argparse.Namespace, items: list[dict], log) -> dict:
    from bench.query import NOISE_SCALE, measure_size, prepare, recommend

    n_real = min(2000 if args.quick else 10_000, max(args.sizes))
    data = prepare(args.corpus, [i["question"] for i in items], n_real, 50 if args.quick else 200, log, args.cache,
                   budget_s=60 if args.quick else EMBED_BUDGET_S)
    rows = [measure_size(data, n, log) for n in args.sizes]
    synthetic = [r for r in rows if r["synthetic_vectors"]]
    cos = f" (mean cosine to their source {synthetic[0]['noise_cos']:.3f})" if synthetic else ""
    speed = "vectors from --cache" if data.prep["cached_vectors"] else f"{data.prep['use_texts_per_s']:.0f} texts/s"
    note = (f"{data.prep['n_real']:,} perturbed copies of the real chunks (sentences shuffled, digits changed, words "
            f"dropped) were embedded with USE ({speed}; at most {n_real:,}, or what fits in the embedding budget) "
            f"and tokenized with Kiwi "
            f"({data.prep['n_real'] / data.prep['tokenize_s']:.0f} texts/s). Sizes above {data.prep['n_real']:,} use "
            f"those vectors plus Gaussian noise (norm {NOISE_SCALE}), renormalised{cos}, and replicated token lists. "
            f"The e5 part is a random projection of the USE vectors to 384-d (latency depends only on count and "
            f"dimension). {data.prep['n_queries']} queries (dev questions and perturbed variants), one at a time; "
            f"FAISS asks for the retriever pool (k=40), flat with FAISS's default OpenMP threads and with 1; HNSW is "
            f"index/dense.py's (M=32, efConstruction=80, efSearch={PROJECT_EF}), and its recall@10 against flat is also shown "
            f"with efSearch raised. Queries are question vectors, far from any passage (cosine ~0.4), and the noisy "
            f"copies form tight clusters: a hard case for HNSW. Hybrid = HybridRetriever.retrieve(q, 5) on in-memory "
            f"indexes: both dense parts, Kiwi tokenization of the question, BM25, weighted RRF; query embedding "
            f"excluded (see the peer table).")
    return {"prep": data.prep, "rows": rows, "note": note, "recommendation": recommend(rows)}


def _peer(args: argparse.Namespace, items: list[dict], log) -> dict:
    from bench.peer import measure_peer

    return measure_peer(args.corpus, args.index, items, log)


def _answer(args: argparse.Namespace, items: list[dict], log) -> list[dict]:
    from bench.answer import measure_model, pick_questions

    questions = pick_questions(items, 2 if args.quick else 5)
    models = ["small"] if args.quick else ["small", "default"]
    return [measure_model(m, questions, args.index, args.models_dir, log,
                          budget_s=120.0 if args.quick else ANSWER_BUDGET_S[m]) for m in models]


def _memory(args: argparse.Namespace, results: dict, log) -> list[dict]:
    from bench.memory import measure_assistant, measure_ui

    rows = [{"process": f"ingest {r['embedder']} (child: cold + warm ingest, then the embedder alone)",
             "peak_rss_mb": r["peak_rss_mb"], "note": "ru_maxrss of the child (wait4)"}
            for r in results.get("ingest") or [] if isinstance(r, dict) and "peak_rss_mb" in r]
    try:
        rows.append(measure_ui())
    except RuntimeError as exc:
        log(f"memory: UI not measurable ({exc}); measuring an Assistant instead")
        model = "extractive" if args.skip_answer else ("small" if args.quick else "default")
        row = measure_assistant(model, args.index, args.models_dir)
        row["note"] = f"{exc}, so: {row['note']}; ru_maxrss of the child"
        rows.append(row)
    return rows


if __name__ == "__main__":
    main()
