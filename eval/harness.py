"""`ragqa eval`: ask every facts item closed-book and open-book with one Assistant, score,
and write the markdown, JSON and PNG reports. The I/O lives here; scoring and
formatting stay pure (eval.scoring, eval.report)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from eval.report import (
    MODE_LABELS,
    lift,
    make_figure,
    pct,
    points,
    render_markdown,
    summarize,
)
from eval.scoring import score_item
from core.errors import RagError
from qa.answer import Assistant
from qa.serialize import answer_to_dict
from qa.types import Answer

# This many failures in a row means the generator is down, not that one item is odd.
MAX_CONSECUTIVE_ERRORS = 3


class Asker(Protocol):
    def ask(self, question: str, *, closed_book: bool = False) -> Answer: ...


def modes_for(mode: str) -> tuple[str, ...]:
    return {"both": ("closed", "open"), "closed": ("closed",), "open": ("open",)}[mode]


def _compact(answer: Mapping[str, Any]) -> dict[str, Any]:
    """What a row keeps of the answer: hit texts are in the index, not worth 100 KB here."""
    return {
        "answer": answer.get("answer", ""),
        "path": answer.get("path", ""),
        "timings_ms": answer.get("timings_ms") or {},
        "citations": answer.get("citations") or [],
        "evidence": answer.get("evidence") or [],
        "hits": [{k: h.get(k) for k in ("rank", "source", "page", "chunk_id", "score")}
                 for h in answer.get("hits") or []],
        "models": answer.get("models") or {},
        "tokens": answer.get("tokens"),
        "problems": answer.get("problems") or [],
    }


def score_answer(item: Mapping[str, Any], mode: str, answer: Mapping[str, Any], error: str = "") -> dict[str, Any]:
    """One report row: the item's score plus the answer it was scored on."""
    return score_item(item, answer) | _compact(answer) | {
        "mode": mode, "question": item.get("question"), "expected": item.get("answers") or [],
        "error": error,
    }


def warm_up(assistant: Assistant, question: str) -> None:
    """One untimed answer without the model: loads what loads lazily (embedders, Kiwi),
    so the first item's latency is not the models' load time."""
    if assistant.retriever is not None and assistant.selector is not None:
        assistant.retriever.retrieve(question, 1)
        assistant.selector.select(question, assistant.retriever.retrieve(question, 1))


def run_items(assistant: Asker, items: Sequence[Mapping[str, Any]], modes: Sequence[str],
              on_row: Callable[[dict[str, Any]], None] | None = None) -> list[dict[str, Any]]:
    """Ask every item in every mode; a failing answer becomes an error row, not a crash."""
    rows: list[dict[str, Any]] = []
    failures = 0
    for item in items:
        for mode in modes:
            try:
                answer = answer_to_dict(assistant.ask(item["question"], closed_book=mode == "closed"))
                row, failures = score_answer(item, mode, answer), 0
            except Exception as exc:  # one odd item must not lose an hour of answers
                failures += 1
                if failures >= MAX_CONSECUTIVE_ERRORS:
                    raise RagError(f"{failures} answers in a row failed, last on '{item['id']}': {exc}") from exc
                blank = {"answer": "", "abstained": False, "path": "error", "hits": [], "citations": []}
                row = score_answer(item, mode, blank, f"{type(exc).__name__}: {exc}")
            rows.append(row)
            if on_row:
                on_row(row)
    return rows


def _progress(total: int) -> tuple[Callable[[dict[str, Any]], None], Callable[[], None]]:
    """tqdm on stderr with the running accuracy of each mode."""
    from tqdm import tqdm

    bar = tqdm(total=total, file=sys.stderr, desc="eval", unit="answer", dynamic_ncols=True)
    seen: dict[str, list[bool]] = {}

    def update(row: dict[str, Any]) -> None:
        seen.setdefault(row["mode"], []).append(bool(row.get("correct")))
        bar.set_postfix_str(" ".join(f"{m} {sum(v) / len(v):.0%}" for m, v in sorted(seen.items())), refresh=False)
        bar.update(1)
        if row.get("error"):
            bar.write(f"error on {row['id']} ({row['mode']}): {row['error']}", file=sys.stderr)

    return update, bar.close


def report_stem(date: dt.date, generator: str, model: str = "") -> str:
    """<date>-<generator>[-<model>], safe as a file name."""
    model = Path(model).stem if model.endswith(".gguf") else model
    parts = [date.isoformat(), generator, *([model] if model else [])]
    return re.sub(r"[^A-Za-z0-9._-]+", "_", "-".join(parts))


def portable(path: str) -> str:
    """A path as a report may carry it: inside the project, relative to it; elsewhere, from
    the home folder as ~; never the absolute path of the machine that wrote it."""
    p = Path(path).expanduser()
    for base, shown in ((Path(__file__).resolve().parents[1], ""), (Path.home(), "~/")):
        try:
            return shown + str(p.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return p.name if p.is_absolute() else str(p)


def describe_run(assistant: Assistant, *, generator: str, model: str, index: str, set_path: Path,
                 n_items: int, n_total: int, modes: Iterable[str], date: dt.date) -> dict[str, Any]:
    models = assistant.models
    reader = assistant.retriever.reader if assistant.retriever is not None else None
    index, set_path = portable(index), Path(portable(str(set_path)))
    if reader is not None:
        m = reader.manifest
        index += f" ({len(m.documents)} reports, {m.n_chunks} chunks, built {m.created_at})"
    return {
        "date": date.isoformat(),
        "set": str(set_path),
        "items": f"{n_items} of {n_total}" if n_items != n_total else str(n_items),
        "modes": ", ".join(MODE_LABELS[m] for m in modes),
        "generator": f"{generator} ({models.get('generator', '?')})",
        "model": model or "none",
        "embedder": models.get("embedder") or "none (closed-book)",
        "index": index if reader is not None else "not used (closed-book only)",
        "llm build": getattr(getattr(assistant, "generator", None), "cpu_features", ""),
        "note": "closed-book with the extractive generator has no model: every answer abstains"
                if generator == "extractive" and "closed" in modes else "",
    }


def write_report(out_dir: Path, stem: str, rows: list[dict[str, Any]], meta: dict[str, Any]) -> dict[str, Path]:
    """Write <stem>.md, .json and .png under ``out_dir``; returns the paths by suffix."""
    summary = summarize(rows)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {ext: out_dir / f"{stem}.{ext}" for ext in ("md", "json", "png")}
    paths["md"].write_text(render_markdown(rows, summary, meta), encoding="utf-8")
    paths["json"].write_text(json.dumps({"meta": meta, "summary": summary, "rows": rows},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    title = f"{meta.get('generator', '')} · {meta.get('items', '')} items · embedder {meta.get('embedder', '')}"
    make_figure(summary, title).savefig(paths["png"], dpi=110)
    return paths


def headline(summary: Mapping[str, Any]) -> str:
    parts = []
    for mode, m in summary["modes"].items():
        parts.append(f"{MODE_LABELS[mode]} {pct(m['answerable_accuracy'])}")
        if mode == "open":
            parts.append(f"hit@1 {pct(m['hit_at_1'])} hit@5 {pct(m['hit_at_5'])} "
                         f"citations {pct(m['citation_correct'])}")
    if len(summary["modes"]) == 2:
        parts.append(f"lift {points(lift(summary))} points")
    return "accuracy (answerable): " + ", ".join(parts)


def evaluate(assistant: Assistant, items: Sequence[Mapping[str, Any]], modes: Sequence[str], *,
             out_dir: Path, stem: str, meta: dict[str, Any], progress: bool = True) -> dict[str, Path]:
    """Ask, score and write the report; an interrupted run still reports what it has."""
    if items:
        warm_up(assistant, items[0]["question"])
    update, close = _progress(len(items) * len(modes)) if progress else (lambda row: None, lambda: None)
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []

    def on_row(row: dict[str, Any]) -> None:
        rows.append(row)
        update(row)

    try:
        run_items(assistant, items, modes, on_row=on_row)
    except KeyboardInterrupt:
        meta["note"] = (meta.get("note", "") + f" interrupted after {len(rows)} answers").strip()
        if not rows:
            raise
    finally:
        close()
    meta["duration"] = f"{time.perf_counter() - started:.0f} s for {len(rows)} answers"
    paths = write_report(out_dir, stem, rows, meta)
    print(headline(summarize(rows)))
    return paths
