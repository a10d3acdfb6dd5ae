"""The eval tab for readers: a run picker, the headline (closed-book vs open-book, per
language) from the run's JSON summary, its chart, and the full report folded away."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ragqa.page.chat import lang_of
from ragqa.page.text import headers, t, update


def runs(folder: Path) -> list[Path]:
    """The eval reports' JSON files, newest first (by date in the name, then by mtime)."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), key=lambda p: (p.name[:10], p.stat().st_mtime), reverse=True)


def run_choices(folder: Path) -> list[tuple[str, str]]:
    return [(p.stem, str(p)) for p in runs(folder)]


def _pct(value: Any) -> str:
    return f"{value:.1%}" if isinstance(value, (int, float)) else "—"


def _points(open_: Any, closed: Any) -> str:
    if isinstance(open_, (int, float)) and isinstance(closed, (int, float)):
        return f"{(open_ - closed) * 100:+.1f}"
    return "—"


def headline(report: dict[str, Any], lang: str) -> tuple[str, dict[str, Any]]:
    """The headline sentence and the per-language table of one run."""
    modes = report.get("summary", {}).get("modes", {})
    closed, open_ = modes.get("closed", {}), modes.get("open", {})
    meta = report.get("meta", {})
    text = ""
    if "answerable_accuracy" in open_ and "answerable_accuracy" in closed:
        text = t(lang, "eval_headline", open=open_["answerable_accuracy"], closed=closed["answerable_accuracy"])
    elif "answerable_accuracy" in open_:
        text = t(lang, "eval_headline_open", open=open_["answerable_accuracy"])
    text += "\n\n_" + t(lang, "eval_meta", generator=meta.get("generator", "?"), n=meta.get("items", "?"),
                        date=meta.get("date", "?")) + "_"
    rows = []
    slices = [("all", closed, open_)] + [
        (code, closed.get("by_language", {}).get(code, {}), open_.get("by_language", {}).get(code, {}))
        for code in sorted(set(closed.get("by_language", {})) | set(open_.get("by_language", {})))]
    for code, c, o in slices:
        name = t(lang, "all") if code == "all" else t(lang, f"lang_{code}") if code in ("ko", "en") else code
        rows.append([name, o.get("n_answerable", o.get("n", "")), _pct(c.get("answerable_accuracy")),
                     _pct(o.get("answerable_accuracy")),
                     _points(o.get("answerable_accuracy"), c.get("answerable_accuracy")),
                     _pct(o.get("citation_correct"))])
    return text, {"headers": headers(lang, "eval_headers"), "data": rows}


def show_run(folder: Path, chosen: str | None, lang_name: str) -> tuple:
    """(run picker, headline, table, chart, developer detail) for the chosen run, else the newest."""
    lang = lang_of(lang_name)
    found = runs(folder)
    empty = {"headers": headers(lang, "eval_headers"), "data": []}
    if not found:
        return update(choices=[], value=None), t(lang, "eval_none"), empty, update(value=None, visible=False), ""
    path = next((p for p in found if str(p) == chosen), found[0])
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return (update(choices=run_choices(folder), value=str(path)), f"{path.name}: {exc}", empty,
                update(value=None, visible=False), "")
    text, table = headline(report, lang)
    png, md = path.with_suffix(".png"), path.with_suffix(".md")
    detail = md.read_text(encoding="utf-8") if md.is_file() else ""
    chart = update(value=str(png), visible=True) if png.is_file() else update(value=None, visible=False)
    return update(choices=run_choices(folder), value=str(path)), text, table, chart, detail
