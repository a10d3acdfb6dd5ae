"""Retrieval metrics on a question set: hit@1, hit@5 and MRR of the evidence passage."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from eval.selection import selection_metrics
from eval.sets import load_items
from index.embedders import DEFAULT_EMBEDDER, make_embedder
from index.retriever import HybridRetriever, IndexReader
from index.types import Hit, Retriever
from qa.unit_selection import UnitSelector


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def evidence_rank(item: dict, hits: list[Hit]) -> int | None:
    """1-based rank of the first hit from the right report that holds the evidence."""
    evidence = squash(item["evidence"])
    for rank, hit in enumerate(hits, 1):
        if hit.source == item["source"] and evidence in squash(hit.chunk.text):
            return rank
    return None


def retrieval_metrics(items: list[dict], retriever: Retriever, k: int = 5) -> dict:
    answerable = [i for i in items if i.get("evidence")]
    ranks = [evidence_rank(i, retriever.retrieve(i["question"], k)) for i in answerable]
    n = len(ranks) or 1
    return {
        "n": len(ranks),
        "hit@1": sum(r == 1 for r in ranks if r) / n,
        "hit@5": sum(r is not None and r <= 5 for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "ranks": ranks,
    }


def retriever_table(items: list[dict], fused: HybridRetriever, k: int = 5) -> list[list[object]]:
    """Rows (retriever, language, n, hit@1, hit@5, MRR) for each retriever alone and the fusion;
    item by item, so each question is embedded once for all of them."""
    items = [i for i in items if i.get("evidence")]
    configs = {name: fused.view(only={name}) for name in fused.names}
    configs["fusion"] = fused
    ranks = _ranks(items, configs, k)
    rows: list[list[object]] = []
    for name in configs:
        for lang in ("ko", "en", "all"):
            got = [r for i, r in zip(items, ranks[name]) if lang == "all" or i["language"] == lang]
            n = len(got) or 1
            rows.append([name, lang, len(got), f"{sum(r == 1 for r in got) / n:.2f}",
                         f"{sum(r is not None and r <= 5 for r in got) / n:.2f}",
                         f"{sum(1 / r for r in got if r) / n:.2f}"])
    return rows


def _ranks(items: list[dict], configs: dict[str, HybridRetriever], k: int) -> dict[str, list[int | None]]:
    ranks: dict[str, list[int | None]] = {name: [] for name in configs}
    for item in items:
        for name, retriever in configs.items():
            ranks[name].append(evidence_rank(item, retriever.retrieve(item["question"], k)))
    return ranks


def main(argv: list[str] | None = None) -> None:
    """Print hit@1/hit@5/MRR for each retriever alone and for the fusion, per language."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m eval.retrieval")
    parser.add_argument("--set", type=Path, default=Path(__file__).with_name("devset.jsonl"))
    parser.add_argument("--index", type=Path, default=Path(__file__).resolve().parents[1] / ".index")
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER)
    args = parser.parse_args(argv)
    items = load_items(args.set)
    full = HybridRetriever(IndexReader.open(args.index), make_embedder(args.embedder))
    print("| retriever | lang | n | hit@1 | hit@5 | MRR |\n|---|---|---|---|---|---|")
    for row in retriever_table(items, full):
        print("| " + " | ".join(map(str, row)) + " |")
    print_selection(items, full)


def print_selection(items: list[dict], retriever: HybridRetriever) -> None:
    """Evidence recall of the unit selector over the fused pool, per language and type."""
    selector = UnitSelector(retriever)
    print("\n| slice | n | evidence in pool | evidence recall (units shown) | refusals caught | select p50 ms |")
    print("|---|---|---|---|---|---|")
    slices = [("all", items)] + [(lang, [i for i in items if i["language"] == lang]) for lang in ("ko", "en")]
    slices += [(kind, [i for i in items if i["type"] == kind]) for kind in sorted({i["type"] for i in items})]
    for name, subset in slices:
        m = selection_metrics(subset, retriever, selector)
        print(f"| {name} | {m['n']} | {m['in_pool']:.2f} | {m['evidence_recall']:.2f} | {m['refusals_caught']} "
              f"| {m['select_ms_p50']:.1f} |")


if __name__ == "__main__":
    main()
