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
from qa.answer import answer_to_dict
from qa.types import Answer
from ragqa.errors import RagError
from ragqa.settings import Settings

REQUIRED_KEYS = ("id", "question", "language", "answers", "type")
# This many failures in a row means the generator is down, not that one item is odd.
MAX_CONSECUTIVE_ERRORS = 3


class Asker(Protocol):
    def ask(self, question: str, *, closed_book: bool = False) -> Answer: ...


def load_items(path: Path) -> list[dict[str, Any]]:
    """The facts items of a JSONL file, checked for the keys scoring needs."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RagError(f"cannot read the eval set {path}: {exc.strerror or exc}") from exc
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise RagError(f"{path}, line {number}: not JSON ({exc})") from exc
        missing = [k for k in REQUIRED_KEYS if k not in item]
        if missing:
            raise RagError(f"{path}, line {number}: missing {', '.join(missing)}")
        items.append(item)
    return items


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
    }


def score_answer(item: Mapping[str, Any], mode: str, answer: Mapping[str, Any], error: str = "") -> dict[str, Any]:
    """One report row: the item's score plus the answer it was scored on."""
    return score_item(item, answer) | _compact(answer) | {
        "mode": mode, "question": item.get("question"), "expected": item.get("answers") or [],
        "error": error,
    }


def warm_up(assistant: object, question: str) -> None:
    """Load the lazily loaded embedders and sentence scorer before the clock runs, so the
    first item's latency is not the models' load time."""
    retriever = getattr(assistant, "retriever", None)
    if retriever is not None:
        retriever.retrieve(question, 1)
    scorer = getattr(assistant, "scorer", None)
    if callable(scorer):
        scorer(question, [question])


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


def report_stem(settings: Settings, date: dt.date) -> str:
    """<date>-<generator>[-<model>], safe as a file name."""
    model = ""
    if settings.generator == "embedded":
        model = Path(settings.model).stem if settings.model.endswith(".gguf") else settings.model
    elif settings.generator == "openai":
        model = settings.openai_model
    parts = [date.isoformat(), settings.generator, *([model] if model else [])]
    return re.sub(r"[^A-Za-z0-9._-]+", "_", "-".join(parts))


def describe_run(settings: Settings, assistant: object, *, set_path: Path, n_items: int, n_total: int,
                 modes: Iterable[str], date: dt.date) -> dict[str, Any]:
    models = getattr(assistant, "models", {}) or {}
    manifest = getattr(getattr(getattr(assistant, "retriever", None), "reader", None), "manifest", None)
    index = str(settings.index_dir)
    if manifest is not None:
        index += f" ({len(manifest.documents)} reports, {manifest.n_chunks} chunks, built {manifest.created_at})"
    model = {"embedded": settings.model, "openai": settings.openai_model}.get(settings.generator, "none")
    return {
        "date": date.isoformat(),
        "set": str(set_path),
        "items": f"{n_items} of {n_total}" if n_items != n_total else str(n_items),
        "modes": ", ".join(MODE_LABELS[m] for m in modes),
        "generator": f"{settings.generator} ({models.get('generator', '?')})",
        "model": model,
        "embedder": models.get("embedder") or (settings.embedder if manifest is not None else "none (closed-book)"),
        "index": index if manifest is not None else "not used (closed-book only)",
        "note": "closed-book with the extractive generator has no model: every answer abstains"
                if settings.generator == "extractive" and "closed" in modes else "",
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


def run_from_cli(args: Any, settings: Settings) -> int:
    from qa import factory

    if args.limit is not None and args.limit < 1:
        raise RagError("--limit must be at least 1")
    items_all = load_items(args.set)
    items = items_all[: args.limit] if args.limit else items_all
    modes = modes_for(args.mode)
    # One assistant, one model load; closed-book alone needs no index or embedder.
    assistant = factory.build_assistant(settings, closed_book=modes == ("closed",))
    date = dt.date.today()
    meta = describe_run(settings, assistant, set_path=args.set, n_items=len(items), n_total=len(items_all),
                        modes=modes, date=date)
    if items:
        warm_up(assistant, items[0]["question"])
    update, close = _progress(len(items) * len(modes))
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []

    def on_row(row: dict[str, Any]) -> None:
        rows.append(row)  # kept here too, so an interrupted run still reports what it has
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
    paths = write_report(args.out, report_stem(settings, date), rows, meta)
    print(headline(summarize(rows)))
    for path in paths.values():
        print(f"wrote {path}")
    return 0
