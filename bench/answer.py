"""Answer latency with the embedded models: time to the evidence, to the model's first
token and to the end, per question, through ragqa.factory.build_assistant."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench.stats import summarize
from eval.sets import spread


def pick_questions(items: list[dict], n: int) -> list[dict]:
    """``n`` answerable items spread evenly over the set (so over reports and languages)."""
    return spread([i for i in items if i.get("evidence")], n)


def time_one(assistant: object, question: str) -> dict:
    started = time.perf_counter()
    marks: dict[str, float] = {}
    final = None
    for event in assistant.stream(question):
        now = time.perf_counter() - started
        if event.kind in ("evidence", "token") and event.kind not in marks:
            marks[event.kind] = now
        if event.kind == "final":
            final = event.answer
    total = time.perf_counter() - started
    return {
        "question": question, "evidence_s": marks.get("evidence"), "first_token_s": marks.get("token"),
        "total_s": total, "path": final.path if final else "", "timings_ms": final.timings_ms if final else {},
    }


def measure_model(model: str, items: list[dict], index_dir: Path, models_dir: Path,
                  log: Callable[[str], None], budget_s: float = float("inf")) -> dict:
    """Answer ``items`` in order, starting no new question once ``budget_s`` is spent (n says how many ran)."""
    from ragqa.factory import build_assistant
    from ragqa.settings import Settings

    t = time.perf_counter()
    assistant = build_assistant(Settings(generator="embedded", model=model, index_dir=index_dir,
                                         models_dir=models_dir))
    load_s = time.perf_counter() - t
    runs: list[dict] = []
    t = time.perf_counter()
    for item in items:
        if runs and time.perf_counter() - t > budget_s:
            log(f"answer {model}: budget of {budget_s:.0f}s spent after {len(runs)} questions")
            break
        runs.append(time_one(assistant, item["question"]))
        log(f"answer {model}: {item['id']} first token {runs[-1]['first_token_s'] or float('nan'):.1f}s, "
            f"total {runs[-1]['total_s']:.1f}s ({runs[-1]['path']})")
    return {
        "model": model, "load_s": load_s, "runs": runs, "planned": len(items), "budget_s": budget_s,
        "evidence_s": summarize([r["evidence_s"] for r in runs if r["evidence_s"] is not None]),
        "first_token_s": summarize([r["first_token_s"] for r in runs if r["first_token_s"] is not None]),
        "total_s": summarize([r["total_s"] for r in runs]),
        "paths": dict(Counter(r["path"] for r in runs)),
    }
