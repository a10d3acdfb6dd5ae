"""What an answer costs beside how often it is right: latency percentiles and tokens per
answer, from the rows eval.report summarizes; pure, no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Row = Mapping[str, Any]


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    data = sorted(float(v) for v in values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def latency(rows: Sequence[Row]) -> dict[str, float | None]:
    """p50/p95 of total and first-token time in ms; rows without a first token are left out."""
    result: dict[str, float | None] = {}
    for key in ("total", "first_token"):
        values = [r["timings_ms"][key] for r in rows if isinstance((r.get("timings_ms") or {}).get(key), (int, float))]
        result[f"{key}_p50"] = percentile(values, 50)
        result[f"{key}_p95"] = percentile(values, 95)
        result[f"{key}_n"] = len(values)
    return result


def _count(tokens: object, key: str) -> int | None:
    value = tokens.get(key) if isinstance(tokens, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def tokens(rows: Sequence[Row]) -> dict[str, float | int | None]:
    """Mean tokens in (prompt) and out (answer) per answer, over the rows whose answer
    reports them (``"tokens": {"in": int, "out": int}``); None when none does. A row
    without counts is left out rather than taken as 0: a missing count is not a free answer."""
    result: dict[str, float | int | None] = {}
    for key in ("in", "out"):
        counts = [c for c in (_count(r.get("tokens"), key) for r in rows) if c is not None]
        result[f"{key}_mean"] = sum(counts) / len(counts) if counts else None
        result[f"{key}_n"] = len(counts)
    return result


def _dash(value: float | None, fmt: str) -> str:
    return "—" if value is None else format(value, fmt)


def efficiency_table(modes: Mapping[str, Mapping[str, Any]], labels: Mapping[str, str]) -> list[str]:
    """Markdown: per mode, accuracy beside latency and tokens per answer; "—" where the
    answers do not report a number."""
    lines = ["| mode | accuracy (answerable) | total p50, s | total p95, s | first token p50, s | "
             "tokens in / answer | tokens out / answer |", "|---|---|---|---|---|---|---|"]
    for mode, m in modes.items():
        lat, tok = m.get("latency_ms") or {}, m.get("tokens") or {}
        seconds = {k: None if lat.get(k) is None else lat[k] / 1000 for k in ("total_p50", "total_p95",
                                                                               "first_token_p50")}
        accuracy = m.get("answerable_accuracy")
        lines.append(" | ".join([
            f"| {labels.get(mode, mode)}", "—" if accuracy is None else f"{accuracy * 100:.1f}%",
            _dash(seconds["total_p50"], ".1f"), _dash(seconds["total_p95"], ".1f"),
            _dash(seconds["first_token_p50"], ".1f"), _dash(tok.get("in_mean"), ",.0f"),
            _dash(tok.get("out_mean"), ",.0f")]) + " |")
    return lines + [""]
