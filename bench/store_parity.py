"""`python -m bench.store_parity`: the FAISS folder and Milvus Lite over the same reports, compared.

Ingests corpus/ (the five reports of ../shared/corpus under their catalog names, so the
eval sets' sources match) into a scratch FAISS folder and a scratch Milvus Lite file with
the real embedder (every text embedded once; the second store reuses the vectors), then
asks both every question of eval/devset.jsonl and eval/facts.jsonl:

- top-5 overlap of each ranking alone (e5, USE, BM25) and of the fusion, Milvus fusing
  client-side (index.fusion, as FAISS) or in the engine (RRFRanker, WeightedRanker);
- evidence hit@1 / hit@5 of each;
- with ``--answers``, the facts set answered by the extractive generator (no LLM) on both.

Writes bench/results/store_parity.md and .json. The facts-set accuracy with the LLM is the
lead engineer's to run (docs/scaling.md has the two commands). Retrieval only: the embedder
loads, no generator does.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from pathlib import Path

import numpy as np

from eval.retrieval import evidence_rank
from eval.sets import load_items
from index.embedders import StackedEmbedder, make_embedder
from index.milvus_store import FUSIONS, MilvusStore
from index.stores import FolderStore

ROOT = Path(__file__).resolve().parents[1]
SETS = {"devset": ROOT / "eval" / "devset.jsonl", "facts": ROOT / "eval" / "facts.jsonl"}


class MemoEmbedder(StackedEmbedder):
    """The same parts and id, each text embedded once for both stores."""

    def __init__(self, inner: StackedEmbedder) -> None:
        super().__init__(inner.parts)
        self.names = inner.names
        self._docs: dict[str, np.ndarray] = {}
        self._queries: dict[str, np.ndarray] = {}

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self._docs]
        if todo:
            self._docs.update(zip(todo, super().embed_documents(todo)))
        return np.stack([self._docs[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self._queries:
            self._queries[text] = super().embed_query(text)
        return self._queries[text]


def _top(retriever: object, question: str, k: int = 5) -> tuple[list, float]:
    started = time.perf_counter()
    hits = retriever.retrieve(question, k)
    return hits, time.perf_counter() - started


def compare(items: list[dict], folder: object, milvus: dict[str, object]) -> dict:
    """Per configuration: overlap with FAISS's top 5, identical lists, same first hit, evidence
    hit@1 and hit@5, median latency."""
    configs: dict[str, tuple[object, object]] = {
        f"{name} alone": (folder.view(only={name}), milvus["client"].view(only={name})) for name in folder.names}
    configs |= {f"fusion ({fusion})": (folder, milvus[fusion]) for fusion in FUSIONS}
    out = {}
    for label, (ours, theirs) in configs.items():
        overlap, same, first, latency = [], [], [], {"faiss": [], "milvus": []}
        ranks: dict[str, list] = {"faiss": [], "milvus": []}
        for item in items:
            a, ta = _top(ours, item["question"])
            b, tb = _top(theirs, item["question"])
            ka = [(h.source, h.chunk.chunk_id) for h in a]
            kb = [(h.source, h.chunk.chunk_id) for h in b]
            overlap.append(len(set(ka) & set(kb)) / max(len(ka), len(kb), 1))
            same.append(ka == kb)
            first.append(ka[:1] == kb[:1])
            latency["faiss"].append(ta)
            latency["milvus"].append(tb)
            if item.get("evidence"):
                ranks["faiss"].append(evidence_rank(item, a))
                ranks["milvus"].append(evidence_rank(item, b))
        n = len(ranks["faiss"]) or 1
        out[label] = {
            "questions": len(items), "overlap@5": statistics.mean(overlap), "identical": statistics.mean(same),
            "same_first": statistics.mean(first),
            **{f"{store} hit@{k}": sum(r is not None and r <= k for r in ranks[store]) / n
               for store in ("faiss", "milvus") for k in (1, 5)},
            **{f"{store} p50 ms": 1000 * statistics.median(latency[store]) for store in ("faiss", "milvus")},
        }
    return out


def answers(items: list[dict], retrievers: dict[str, object]) -> dict:
    """The facts set answered extractively (no model) over each store: accuracy and refusals."""
    from eval.harness import run_items
    from ragqa.factory import assemble
    from ragqa.settings import Settings

    settings = Settings(generator="extractive")
    out = {}
    for name, retriever in retrievers.items():
        rows = run_items(assemble(settings, retriever, None), items, ("open",))
        answerable = [r for r, i in zip(rows, items) if i.get("type") != "refusal"]
        out[name] = {"items": len(rows), "accuracy": statistics.mean(bool(r.get("correct")) for r in rows),
                     "answerable accuracy": statistics.mean(bool(r.get("correct")) for r in answerable),
                     "errors": sum(bool(r.get("error")) for r in rows)}
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.store_parity", description=__doc__.split("\n\n")[0])
    p.add_argument("--work", type=Path, default=Path("/tmp/ragqa-store-parity"), help="scratch folder")
    p.add_argument("--keep", action="store_true",
                   help="keep the stores an earlier run built there (an incremental ingest: nothing to embed)")
    p.add_argument("--embedder", default="e5+use")
    p.add_argument("--answers", action="store_true", help="also answer the facts set extractively on both")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "store_parity")
    args = p.parse_args(argv)
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True, exist_ok=True)
    embedder = MemoEmbedder(make_embedder(args.embedder))
    timings = {}
    folder_store = FolderStore(args.work / "faiss")
    started = time.perf_counter()
    folder_store.ingest([ROOT / "corpus"], embedder)
    kept = " (stores kept: nothing to do)" if args.keep else ""
    timings[f"faiss ingest s (embedding included){kept}"] = time.perf_counter() - started
    uri = str(args.work / "milvus.db")
    stores = {fusion: MilvusStore(uri, fusion=fusion) for fusion in FUSIONS}
    started = time.perf_counter()
    stores["client"].ingest([ROOT / "corpus"], embedder)
    timings[f"milvus ingest s (vectors reused){kept}"] = time.perf_counter() - started
    folder = folder_store.open(embedder)
    milvus = {fusion: store.open(embedder) for fusion, store in stores.items()}
    manifest = stores["client"].manifest()
    sets = {name: load_items(path) for name, path in SETS.items()}
    for items in sets.values():  # embedded before the clock runs: the timings are the searches'
        for item in items:
            embedder.embed_query(item["question"])
    result = {"embedder": embedder.id, "reports": len(manifest.documents), "chunks": manifest.n_chunks,
              "units": manifest.n_units, "timings": timings,
              "sets": {name: compare(items, folder, milvus) for name, items in sets.items()}}
    if args.answers:
        result["answers"] = answers(sets["facts"], {"faiss": folder, "milvus": milvus["client"]})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    args.out.with_suffix(".md").write_text(render(result), encoding="utf-8")
    print(render(result))
    return 0


def render(result: dict) -> str:
    title = (f"# FAISS folder vs Milvus Lite: {result['reports']} reports, {result['chunks']} chunks, "
             f"{result['units']} units, {result['embedder']}")
    lines = [title, ""]
    lines += [f"- {k}: {v:.1f}" for k, v in result["timings"].items()]
    # a --keep run's table, with the ingest timings of the fresh run that built the stores
    lines += [f"- first run, {k}: {v:.1f}" for k, v in result.get("first_run_timings", {}).items()] + [""]
    for name, table in result["sets"].items():
        head = ["ranking", "questions", "overlap@5", "identical top 5", "same first", "FAISS hit@1",
                "Milvus hit@1", "FAISS hit@5", "Milvus hit@5", "FAISS p50 ms", "Milvus p50 ms"]
        lines += [f"## {name}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for label, m in table.items():
            cells = [label, m["questions"], f"{m['overlap@5']:.3f}", f"{m['identical']:.2f}", f"{m['same_first']:.2f}",
                     f"{m['faiss hit@1']:.2f}", f"{m['milvus hit@1']:.2f}", f"{m['faiss hit@5']:.2f}",
                     f"{m['milvus hit@5']:.2f}", f"{m['faiss p50 ms']:.1f}", f"{m['milvus p50 ms']:.1f}"]
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        lines.append("")
    if "answers" in result:
        lines += ["## facts set, extractive answers (no LLM)", "", "| store | items | accuracy | answerable accuracy | errors |",
                  "|---|---|---|---|---|"]
        for name, m in result["answers"].items():
            lines.append(f"| {name} | {m['items']} | {m['accuracy']:.3f} | {m['answerable accuracy']:.3f} | {m['errors']} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
