"""Robustness: ask each answerable item as written and as users mistype or rephrase it
(eval.variants), and see how much accuracy drops per kind of variant and which answers
flip. The asker is a plain callable, so a scripted one drives the tests."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from core.errors import RagError
from eval.report import cell, pct, points
from eval.scoring import score_item
from eval.variants import KINDS, Variant, make_variants

__all__ = ["ORIGINAL", "Variant", "make_variants", "render_robustness_markdown", "run_robustness",
           "summarize_robustness", "write_robustness_report"]

ORIGINAL = "original"
# This many failures in a row means the generator is down, not that one question is odd.
MAX_CONSECUTIVE_ERRORS = 3
Ask = Callable[[str], Mapping[str, Any]]
Row = Mapping[str, Any]


def _row(item: Mapping[str, Any], variant: Variant, answer: Mapping[str, Any], error: str) -> dict[str, Any]:
    return score_item(item, answer) | {
        "kind": variant.kind, "question": variant.question, "original_question": item["question"],
        "answer": answer.get("answer", ""), "path": answer.get("path", ""),
        "timings_ms": answer.get("timings_ms") or {}, "tokens": answer.get("tokens"), "error": error,
    }


def run_robustness(ask: Ask, items: Iterable[Mapping[str, Any]], *, seed: int,
                   on_row: Callable[[dict[str, Any]], None] | None = None,
                   kinds: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Ask every answerable item, then each of its variants (only ``kinds`` when given);
    ``ask`` returns ``answer_to_dict``'s shape. A failing answer becomes an error row."""
    rows: list[dict[str, Any]] = []
    failures = 0
    for item in items:
        if item.get("type") == "refusal":
            continue  # refusing a mistyped question is right for the wrong reason
        variants = [v for v in make_variants(item["question"], item["language"], seed)
                    if kinds is None or v.kind in kinds]
        for variant in [Variant(ORIGINAL, item["question"]), *variants]:
            try:
                answer, error = ask(variant.question), ""
                failures = 0
            except Exception as exc:  # one odd question must not lose an hour of answers
                failures += 1
                if failures >= MAX_CONSECUTIVE_ERRORS:
                    raise RagError(f"{failures} answers in a row failed, last on '{item.get('id')}' "
                                   f"({variant.kind}): {exc}") from exc
                answer, error = {"answer": "", "abstained": False, "path": "error"}, f"{type(exc).__name__}: {exc}"
            row = _row(item, variant, answer, error)
            rows.append(row)
            if on_row:
                on_row(row)
    return rows


def _mean(values: Iterable[Any]) -> float | None:
    kept = [float(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def summarize_robustness(rows: Sequence[Row]) -> dict[str, Any]:
    """Accuracy on the originals and per variant kind. The drop per kind is paired: the
    kind's accuracy against the originals of the same items, as not every rule applies
    to every question. Rows with an error on either side are left out of a pair."""
    originals = {r["id"]: r for r in rows if r["kind"] == ORIGINAL and not r.get("error")}
    kinds = [k for k in dict.fromkeys(r["kind"] for r in rows) if k != ORIGINAL]
    per_kind: dict[str, Any] = {}
    flips: list[dict[str, Any]] = []
    for kind in kinds:
        pairs = [(originals[r["id"]], r) for r in rows
                 if r["kind"] == kind and not r.get("error") and r["id"] in originals]
        for before, after in pairs:
            if bool(before["correct"]) != bool(after["correct"]):
                flips.append({"id": after["id"], "kind": kind, "original_question": before["question"],
                              "question": after["question"], "original_correct": bool(before["correct"]),
                              "correct": bool(after["correct"]), "original_answer": before["answer"],
                              "answer": after["answer"]})
        orig_acc = _mean(b["correct"] for b, _ in pairs)
        acc = _mean(a["correct"] for _, a in pairs)
        per_kind[kind] = {
            "n": len(pairs), "accuracy": acc, "original_accuracy": orig_acc,
            "drop": None if acc is None or orig_acc is None else (orig_acc - acc) * 100,
            "broke": sum(1 for b, a in pairs if b["correct"] and not a["correct"]),
            "fixed": sum(1 for b, a in pairs if a["correct"] and not b["correct"]),
            "hit_at_5": _mean(a.get("hit_at_5") for _, a in pairs),
            "original_hit_at_5": _mean(b.get("hit_at_5") for b, _ in pairs),
            "example": next(({"original": b["question"], "variant": a["question"]} for b, a in pairs), None),
        }
    dropped = [(k, v["drop"]) for k, v in per_kind.items() if v["drop"] is not None]
    worst = max(dropped, key=lambda kv: kv[1], default=(None, None))
    variant_rows = [r for r in rows if r["kind"] != ORIGINAL and not r.get("error") and r["id"] in originals]
    return {
        "n_items": len(originals),
        "n_variants": len(variant_rows),
        "errors": sum(1 for r in rows if r.get("error")),
        "original_accuracy": _mean(r["correct"] for r in originals.values()),
        "variant_accuracy": _mean(r["correct"] for r in variant_rows),
        "per_kind": per_kind,
        "worst_kind": worst[0],
        "worst_drop": worst[1],
        "flips": flips,
        "flipped_items": sorted({f["id"] for f in flips}, key=str),
    }


def render_robustness_markdown(summary: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    lines = ["# Robustness: the same questions as users type them", ""]
    lines += [f"- **{k}**: {cell(v)}" for k, v in meta.items() if v not in (None, "")]
    worst = summary["worst_kind"]
    lines += ["", "## Headline", "", (
        f"On {summary['n_items']} answerable questions as written: **{pct(summary['original_accuracy'])}** right; "
        f"on their {summary['n_variants']} variants: **{pct(summary['variant_accuracy'])}**. "
        + (f"The worst kind is **{worst}** ({points(-summary['worst_drop'])} points against the same "
           f"questions as written). " if worst else "")
        + f"{len(summary['flipped_items'])} questions changed between right and wrong under some variant."), ""]
    lines += ["## Per kind of variant", "",
              "Paired: each kind against the originals of the questions it applies to. Kinds per language: "
              + "; ".join(f"{lang}: {', '.join(kinds)}" for lang, kinds in KINDS.items()) + ".", "",
              "| kind | n | as written | variant | change, points | broke | fixed | hit@5 as written "
              "| hit@5 variant | example |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for kind, k in sorted(summary["per_kind"].items(), key=lambda kv: -(kv[1]["drop"] or 0.0)):
        example = k["example"] or {}
        lines.append("| " + " | ".join([
            cell(kind), str(k["n"]), pct(k["original_accuracy"]), pct(k["accuracy"]),
            points(None if k["drop"] is None else -k["drop"]), str(k["broke"]), str(k["fixed"]),
            pct(k["original_hit_at_5"]), pct(k["hit_at_5"]),
            cell(f"{example.get('original', '')} → {example.get('variant', '')}", 160) if example else "—"]) + " |")
    lines += ["", "## Answers that flipped", ""]
    if not summary["flips"]:
        lines += ["None: every variant was answered as right or as wrong as the question as written.", ""]
    else:
        lines += ["| id | kind | variant | as written | variant's answer |", "|---|---|---|---|---|"]
        for f in summary["flips"]:
            lines.append("| " + " | ".join([
                cell(f["id"]), cell(f["kind"]), cell(f["question"], 140),
                ("✓ " if f["original_correct"] else "✗ ") + cell(f["original_answer"], 120),
                ("✓ " if f["correct"] else "✗ ") + cell(f["answer"], 120)]) + " |")
        lines.append("")
    return "\n".join(lines)


def write_robustness_report(out_dir: Path, stem: str, rows: Sequence[Row], meta: Mapping[str, Any]) -> dict[str, Path]:
    """<stem>.md and <stem>.json under ``out_dir``; returns the paths by suffix."""
    summary = summarize_robustness(rows)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {ext: out_dir / f"{stem}.{ext}" for ext in ("md", "json")}
    paths["md"].write_text(render_robustness_markdown(summary, meta), encoding="utf-8")
    paths["json"].write_text(json.dumps({"meta": dict(meta), "summary": summary, "rows": list(rows)},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return paths
