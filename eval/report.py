"""Summaries of scored eval rows, their markdown report and their figure; pure, no I/O.

A row is ``eval.scoring.score_item``'s dict plus what the harness adds: ``mode``
("closed" | "open"), ``question``, ``answer``, ``path``, ``timings_ms``, ``error`` and,
when the generator counts them, ``tokens`` ({"in": int, "out": int}).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from eval.efficiency import efficiency_table, latency, tokens
from eval.efficiency import percentile as percentile  # callers have always read it from here
from eval.scoring import aggregate

MODES = ("closed", "open")
MODE_LABELS = {"closed": "closed-book", "open": "open-book"}
Row = Mapping[str, Any]


# --- numbers -----------------------------------------------------------------------


def path_label(row: Row) -> str:
    """The path, marked when the model itself declined ("llm" + abstained is not an answer)."""
    path = str(row.get("path") or "?")
    if row.get("abstained") and path not in ("abstain", "error"):
        return f"{path} (abstained)"
    return path


def path_shares(rows: Sequence[Row]) -> dict[str, float]:
    counts = Counter(path_label(r) for r in rows)
    return {p: n / len(rows) for p, n in counts.most_common()} if rows else {}


def _enrich(summary: dict[str, Any], rows: Sequence[Row]) -> dict[str, Any]:
    summary["latency_ms"] = latency(rows)
    summary["tokens"] = tokens(rows)
    summary["paths"] = path_shares(rows)
    summary["errors"] = sum(1 for r in rows if r.get("error"))
    return summary


def summarize(rows: Sequence[Row]) -> dict[str, Any]:
    """Per mode: ``eval.scoring.aggregate`` plus latency, path shares and error counts,
    overall and per language and type."""
    modes: dict[str, Any] = {}
    for mode in MODES:
        subset = [r for r in rows if r.get("mode") == mode]
        if not subset:
            continue
        summary = _enrich(aggregate(subset), subset)
        for key, field in (("by_language", "language"), ("by_type", "type")):
            for group, part in summary[key].items():
                _enrich(part, [r for r in subset if str(r.get(field)) == group])
        modes[mode] = summary
    return {"modes": modes}


def lift(summary: Mapping[str, Any], *keys: str, metric: str = "answerable_accuracy") -> float | None:
    """Open minus closed in points for the slice at ``keys`` (e.g. "by_language", "ko")."""
    values = []
    for mode in MODES:
        node: Any = summary["modes"].get(mode)
        for key in keys:
            node = (node or {}).get(key)
        values.append((node or {}).get(metric))
    closed, opened = values
    return None if closed is None or opened is None else (opened - closed) * 100


# --- markdown ----------------------------------------------------------------------


def cell(value: object, limit: int = 0) -> str:
    """A markdown table cell: pipes escaped, newlines as <br>, optionally shortened."""
    text = "" if value is None else str(value).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def points(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def _slices(mode_summary: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    return [("all", mode_summary), *sorted(mode_summary["by_language"].items())]


def _headline(summary: Mapping[str, Any]) -> list[str]:
    modes = summary["modes"]
    lines = ["## Headline", ""]
    if "open" in modes and "closed" in modes:
        o, c = modes["open"], modes["closed"]
        lines += [(
            f"Open-book answers **{pct(o['answerable_accuracy'])}** of the answerable questions correctly, "
            f"closed-book **{pct(c['answerable_accuracy'])}**: a lift of **{points(lift(summary))} points**. "
            f"Counting refusal items (correct when refused): open {pct(o['accuracy'])}, "
            f"closed {pct(c['accuracy'])}."
        ), ""]
    rows = []
    langs = sorted({lang for m in modes.values() for lang in m["by_language"]})
    for name, keys in [("all", ()), *((lang, ("by_language", lang)) for lang in langs)]:
        row: list[object] = [name]
        for mode in MODES:
            node: Any = modes.get(mode)
            for key in keys:
                node = (node or {}).get(key)
            row += [pct((node or {}).get("answerable_accuracy")), pct((node or {}).get("accuracy"))]
        rows.append([*row, points(lift(summary, *keys))])
    header = ["slice", "closed (answerable)", "closed (all)", "open (answerable)", "open (all)", "lift, points"]
    return lines + _table(header, rows) + ["Accuracy beside what an answer costs: seconds, and tokens the model "
                                           "read and wrote per answer.", ""] + efficiency_table(modes, MODE_LABELS)


def _per_question(rows: Sequence[Row]) -> list[str]:
    by_id: dict[str, dict[str, Row]] = {}
    for r in rows:
        by_id.setdefault(str(r.get("id")), {})[str(r.get("mode"))] = r

    def mark(r: Row | None) -> str:
        return "—" if r is None else ("✓" if r.get("correct") else "✗")

    table = []
    for item_id, pair in by_id.items():
        first = next(iter(pair.values()))
        shown = pair.get("open") or pair.get("closed") or first
        answers = [(pair[mode].get("answer") or "") if mode in pair else "—" for mode in MODES]
        table.append([item_id, first.get("language"), first.get("type"), *answers,
                      mark(pair.get("closed")), mark(pair.get("open")), path_label(shown),
                      (pair.get("open") or {}).get("lost_at") or ""])
    header = ["id", "lang", "type", "closed-book answer", "open-book answer", "closed ✓", "open ✓", "path", "lost at"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell(v, 220 if i in (3, 4) else 0) for i, v in enumerate(row)) + " |"
                    for row in table] + [""]


def render_markdown(rows: Sequence[Row], summary: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    modes = summary["modes"]
    title = f"# Eval: closed-book vs open-book — {meta.get('generator', '?')}"
    lines = [title, ""]
    for key in ("date", "set", "items", "modes", "generator", "model", "llm build", "embedder", "index", "duration"):
        if meta.get(key) not in (None, ""):
            lines.append(f"- **{key}**: {cell(meta[key])}")
    if meta.get("note"):
        lines.append(f"- **note**: {cell(meta['note'])}")
    lines.append("")
    lines += _headline(summary)

    lines += ["## By language", ""]
    rows_lang = [[MODE_LABELS[mode], name, s["n"], pct(s["answerable_accuracy"]), pct(s["accuracy"]),
                  pct(s["citation_correct"]) if mode == "open" else "—", pct(s["language_match"])]
                 for mode, m in modes.items() for name, s in _slices(m)]
    lines += _table(["mode", "language", "n", "accuracy (answerable)", "accuracy (all)", "citation correct",
                     "language match"], rows_lang)

    lines += ["## By type", "", "Accuracy; for `refusal` items, the share refused.", ""]
    types = sorted({t for m in modes.values() for t in m["by_type"]})
    rows_type = []
    for t in types:
        vals = {mode: modes[mode]["by_type"].get(t) for mode in modes}
        n = next(v["n"] for v in vals.values() if v)
        rows_type.append([t, n, *(pct((vals.get(mode) or {}).get("accuracy")) if mode in modes else "—"
                                  for mode in MODES), points(lift(summary, "by_type", t, metric="accuracy"))])
    lines += _table(["type", "n", "closed-book", "open-book", "lift, points"], rows_type)

    if "open" in modes:
        o = modes["open"]
        lines += ["## Retrieval, evidence and citations (open-book)", "", (
            "Over answerable items: the evidence sentence from the right report among the hits; evidence "
            "recall: the unit holding it among the units shown to the model; a citation is correct when "
            "it quotes that evidence from that report."), ""]
        slices = [*_slices(o), *sorted(o["by_type"].items())]
        lines += _table(["slice", "n answerable", "hit@1", "hit@5", "MRR", "evidence recall", "citation correct"],
                        [[name, s["n_answerable"], pct(s["hit_at_1"]), pct(s["hit_at_5"]), num(s["mrr"]),
                          pct(s.get("evidence_recall")), pct(s["citation_correct"])]
                         for name, s in slices if s["n_answerable"]])
        lines += ["## Where wrong answers were lost (open-book)", "", (
            "retrieval: the passage was not found; selection: found, but the unit holding the answer was "
            "not shown to the model (or selection judged the question uncovered); generation: shown, and "
            "the answer was still wrong; verification: the model's answer was set aside."), ""]
        lines += _table(["slice", "wrong", "retrieval", "selection", "generation", "verification"],
                        [[name, sum(s["lost_at"].values()), *s["lost_at"].values()]
                         for name, s in slices if s["n_answerable"]])
    if meta.get("retrievers"):
        lines += ["## Each retriever alone and fused (the question alone, answerable items)", ""]
        lines += _table(["retriever", "lang", "n", "hit@1", "hit@5", "MRR"], meta["retrievers"])

    lines += ["## Refusal", "", (
        "Precision: of its abstentions, the share on questions the reports cannot answer. "
        "Recall: of those questions, the share it refused."), ""]
    lines += _table(["mode", "slice", "refusal items", "precision", "recall", "abstained (all items)"],
                    [[MODE_LABELS[mode], name, s["n_refusal"], pct(s["refusal_precision"]),
                      pct(s["refusal_recall"]), pct(sum(v for p, v in s["paths"].items()
                                                        if "abstain" in p))]
                     for mode, m in modes.items() for name, s in _slices(m)])

    lines += ["## Latency (ms)", ""]
    lines += _table(["mode", "slice", "total p50", "total p95", "first token p50", "first token p95"],
                    [[MODE_LABELS[mode], name, ms(s["latency_ms"]["total_p50"]), ms(s["latency_ms"]["total_p95"]),
                      ms(s["latency_ms"]["first_token_p50"]), ms(s["latency_ms"]["first_token_p95"])]
                     for mode, m in modes.items() for name, s in _slices(m)])

    lines += ["## Answer paths", "", "Share of answers by the path that produced them.", ""]
    for mode, m in modes.items():
        slices = _slices(m)
        paths = list(m["paths"])
        lines += [f"**{MODE_LABELS[mode]}**", ""]
        lines += _table(["path", *(name for name, _ in slices)],
                        [[p, *(pct(s["paths"].get(p, 0.0)) for _, s in slices)] for p in paths])
    errors = [r for r in rows if r.get("error")]
    if errors:
        lines += ["## Errors", ""] + [f"- `{cell(r.get('id'))}` ({r.get('mode')}): {cell(r['error'], 300)}"
                                      for r in errors] + [""]

    lines += ["## Per question", ""] + _per_question(rows)
    return "\n".join(lines)


# --- figure ------------------------------------------------------------------------


def _grouped_bars(ax: Any, groups: Sequence[str], series: Mapping[str, Sequence[float | None]]) -> None:
    width = 0.8 / max(len(series), 1)
    for i, (label, values) in enumerate(series.items()):
        xs = [g + (i - (len(series) - 1) / 2) * width for g in range(len(groups))]
        bars = ax.bar(xs, [v or 0.0 for v in values], width, label=label)
        ax.bar_label(bars, labels=["n/a" if v is None else f"{v * 100:.0f}" for v in values], fontsize=7)
    ax.set_xticks(range(len(groups)), list(groups))
    ax.set_ylim(0, 1.1)
    ax.legend(fontsize=8, loc="upper right")
    ax.grid(axis="y", alpha=0.3)


def make_figure(summary: Mapping[str, Any], title: str = "") -> Any:
    """Closed-book vs open-book accuracy by type and by language, and open-book retrieval.

    Returns a matplotlib Figure bound to the Agg canvas; the caller saves it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    modes = summary["modes"]
    fig = Figure(figsize=(16, 5.2), layout="constrained")
    FigureCanvasAgg(fig)
    by_type, by_lang, retrieval = fig.subplots(1, 3, width_ratios=[1.6, 1, 1.2])

    types = sorted({t for m in modes.values() for t in m["by_type"]})
    _grouped_bars(by_type, [*types, "all"], {
        MODE_LABELS[mode]: [*(m["by_type"].get(t, {}).get("accuracy") for t in types), m["accuracy"]]
        for mode, m in modes.items()})
    by_type.set_title("accuracy by question type (refusal: share refused)", fontsize=10)
    by_type.set_ylabel("share correct")

    langs = sorted({lang for m in modes.values() for lang in m["by_language"]})
    _grouped_bars(by_lang, [*langs, "all"], {
        MODE_LABELS[mode]: [*(m["by_language"].get(lang, {}).get("answerable_accuracy") for lang in langs),
                            m["answerable_accuracy"]]
        for mode, m in modes.items()})
    by_lang.set_title("accuracy by language (answerable items)", fontsize=10)

    if "open" in modes:
        o = modes["open"]
        slices = [*((lang, o["by_language"][lang]) for lang in langs if lang in o["by_language"]), ("all", o)]
        _grouped_bars(retrieval, [name for name, _ in slices], {
            label: [s[key] for _, s in slices]
            for label, key in (("hit@1", "hit_at_1"), ("hit@5", "hit_at_5"), ("MRR", "mrr"),
                               ("evidence recall", "evidence_recall"), ("citation correct", "citation_correct"))})
        retrieval.set_title("open-book retrieval and citations (answerable)", fontsize=10)
    else:
        retrieval.set_axis_off()
        retrieval.text(0.5, 0.5, "no open-book run", ha="center", va="center")
    if title:
        fig.suptitle(title, fontsize=11)
    return fig
