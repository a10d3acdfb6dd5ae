"""Evidence recall: was the unit that holds the answer among those handed to the model?
Retrieval can find the right passage and selection still show the model other sentences."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from eval.scoring import holds_evidence
from index.types import Retriever
from qa.selection import Selector


def selection_metrics(items: Sequence[Mapping[str, Any]], retriever: Retriever, selector: Selector,
                      k: int = 5) -> dict[str, Any]:
    """Per answerable item: whether the evidence was in the pool's passages and among the
    selected units; and, for refusal items, whether selection found a hard constraint uncovered."""
    recalled, pooled, refused, seconds = [], [], [], []
    for item in items:
        pool = retriever.candidates(item["question"], k)
        started = time.perf_counter()
        selection = selector.select(item["question"], pool)
        seconds.append(time.perf_counter() - started)
        if item.get("type") == "refusal":
            refused.append(bool(selection.uncovered))
            continue
        if not item.get("evidence"):
            continue
        quotes = [{"quote": e.text, "source": e.hit.source} for e in selection.evidence]
        passages = [{"quote": h.chunk.text, "source": h.source} for h in pool]
        recalled.append(holds_evidence(item["evidence"], item["source"], quotes))
        pooled.append(holds_evidence(item["evidence"], item["source"], passages))
    n = len(recalled) or 1
    seconds.sort()
    return {
        "n": len(recalled),
        "evidence_recall": sum(recalled) / n,
        "in_pool": sum(pooled) / n,
        "refusals_caught": f"{sum(refused)}/{len(refused)}",
        "select_ms_p50": 1000 * seconds[len(seconds) // 2] if seconds else 0.0,
        "recalled": recalled,
    }
