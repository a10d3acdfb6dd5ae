"""Fusion against its members: `python -m bench.fusion [--realdocs-index DIR] [--index DIR]`.

Page hit@1 and R@5 (eval/realdocs: the right report and page; eval/testset.jsonl and
eval/facts.jsonl: the passage holding the evidence) for e5, USE and BM25 alone, for fusion
with the old fixed per-language priors (before) and with the fitted weights of
index/fusion_weights.json (after: priors per question and passage language, agreement), and
with weights fitted without the guard that no tune set may lose (unguarded).
Each question is embedded once and ranked by each retriever once; fusion is replayed with
index.fusion.fuse, the function the retriever calls. Retrieval only: no LLM.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from eval.fusion_fit import collect, fit, fused_rank, member_rank, ranks
from eval.sets import load_items
from index.embedders import DEFAULT_EMBEDDER, make_embedder
from index.fusion_weights import FusionWeights, load_fusion_weights
from index.retriever import FUSION_WEIGHTS, HybridRetriever, IndexReader

ROOT = Path(__file__).resolve().parents[1]


def table(sets: dict[str, list[dict]], fusions: dict[str, FusionWeights]) -> str:
    configs = {name: member_rank(name) for name in ("e5", "use", "bm25")}
    configs |= {name: fused_rank(weights) for name, weights in fusions.items()}
    lines = ["| set | questions | n | " + " | ".join(f"{c} hit@1 / R@5" for c in configs) + " |",
             "|" + "---|" * (3 + len(configs))]
    for label, records in sets.items():
        for lang in ("ko", "en", "all"):
            group = [r for r in records if lang == "all" or r["language"] == lang]
            if not group:
                continue
            cells = []
            for rank in configs.values():
                got = ranks(group, rank)
                cells.append(f"{sum(r == 1 for r in got) / len(got):.3f} / {sum(r is not None for r in got) / len(got):.3f}")
            lines.append(f"| {label} | {lang} | {len(group)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.fusion", description=__doc__.splitlines()[0])
    p.add_argument("--realdocs-index", type=Path, default=Path("/tmp/rd-index"))
    p.add_argument("--index", type=Path, default=ROOT / ".index", help="index of corpus/")
    p.add_argument("--embedder", default=DEFAULT_EMBEDDER)
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "fusion.md")
    args = p.parse_args(argv)
    embedder = make_embedder(args.embedder)
    realdocs = load_items(ROOT / "eval/realdocs/questions.jsonl")
    rd = collect(realdocs, HybridRetriever(IndexReader.open(args.realdocs_index), embedder), label="realdocs")
    main_index = HybridRetriever(IndexReader.open(args.index), embedder)
    dev = collect(load_items(ROOT / "eval/devset.jsonl"), main_index, label="devset")
    tune = [r for r in rd if r["split"] == "tune"]
    sets = {"realdocs test (page)": [r for r in rd if r["split"] == "test"],
            "testset (evidence)": collect(load_items(ROOT / "eval/testset.jsonl"), main_index),
            "facts (evidence)": collect(load_items(ROOT / "eval/facts.jsonl"), main_index),
            "realdocs tune (page; fitted on)": tune, "devset (evidence; fitted on)": dev}
    fusions = {"fusion before": FusionWeights(FUSION_WEIGHTS), "fusion after": load_fusion_weights(),
               "fusion fitted unguarded": fit(tune + dev, guarded=False)}
    out = table(sets, fusions)
    print(out)
    args.out.write_text("# Fusion against its members\n\n`python -m bench.fusion` (retrieval only; "
                        "the weights are fitted on the tune splits by `python -m eval.fusion_fit`)\n\n"
                        f"{out}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
