"""What the support check costs: `python -m bench.support REPORT.json [...] [--index DIR]`.

Replays every model answer of eval reports through qa.grounding.ground with the evidence it
was shown (the units, their passages, titles and publishers read back from the index) and
prints the milliseconds per answer (p50, p95, max), first call (Kiwi loaded, caches cold) and
warm. The gate and the quote check read the same cached terms.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.retriever import IndexReader
from index.types import Hit
from qa.grounding import ground
from qa.types import Evidence

ROOT = Path(__file__).resolve().parents[1]


def replay(rows: Sequence[dict], reader: IndexReader) -> list[float]:
    timings = []
    for r in rows:
        if r.get("path") not in ("llm", "llm-retry") or r.get("abstained"):
            continue
        evidence = []
        for e in r.get("evidence") or []:
            chunk = reader.chunk(e["chunk_id"])
            if chunk is None:
                continue
            doc = reader.docs.get(chunk.doc_id)
            evidence.append(Evidence(e["n"], e["text"], Hit(chunk, 1.0, "hybrid", doc.title if doc else "",
                                                            e.get("source", ""), doc.publisher if doc else "")))
        start = time.perf_counter()
        ground(r["answer"], evidence, [r["question"]])
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("reports", nargs="+", type=Path)
    p.add_argument("--index", type=Path, default=ROOT / ".index")
    args = p.parse_args(argv)
    reader = IndexReader.open(args.index)
    rows = [row for path in args.reports for row in json.loads(path.read_text(encoding="utf-8"))["rows"]]
    cold = replay(rows, reader)
    warm = replay(rows, reader)
    print("| pass | answers | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
    for name, t in (("first (cold caches)", cold), ("again (warm)", warm)):
        if t:
            print(f"| {name} | {len(t)} | {np.percentile(t, 50):.1f} | {np.percentile(t, 95):.1f} | {max(t):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
