"""Accuracy beside latency and tokens in the eval report's headline."""

from __future__ import annotations

from typing import Any

import pytest

from eval.efficiency import tokens
from eval.report import render_markdown, summarize


def _row(mode: str, correct: bool, total: float, used: dict[str, Any] | None = None) -> dict[str, Any]:
    row = {"id": f"{mode}{total}", "mode": mode, "type": "fact", "language": "ko", "correct": correct,
           "abstained": False, "language_match": True, "answer": "a", "path": "llm", "error": "",
           "timings_ms": {"total": total, "first_token": total / 2}}
    return row | ({"tokens": used} if used is not None else {})


def test_tokens_average_only_the_answers_that_report_them() -> None:
    rows = [_row("open", True, 1000, {"in": 600, "out": 20}), _row("open", True, 2000, {"in": 800, "out": 40}),
            _row("open", False, 3000), _row("open", False, 3000, {"in": "many"})]
    assert tokens(rows) == {"in_mean": 700.0, "in_n": 2, "out_mean": 30.0, "out_n": 2}
    assert tokens([_row("open", True, 1)]) == {"in_mean": None, "in_n": 0, "out_mean": None, "out_n": 0}


def test_headline_puts_accuracy_latency_and_tokens_side_by_side() -> None:
    rows = [_row("closed", False, 1000, {"in": 90, "out": 30}), _row("closed", True, 3000, {"in": 110, "out": 50}),
            _row("open", True, 4000), _row("open", True, 6000)]
    summary = summarize(rows)
    assert summary["modes"]["closed"]["tokens"]["in_mean"] == pytest.approx(100.0)
    assert summary["modes"]["open"]["by_language"]["ko"]["tokens"]["out_mean"] is None
    headline = render_markdown(rows, summary, {"generator": "x"}).split("## By language")[0]
    assert "| closed-book | 50.0% | 2.0 | 2.9 | 1.0 | 100 | 40 |" in headline
    assert "| open-book | 100.0% | 5.0 | 5.9 | 2.5 | — | — |" in headline  # this generator counts no tokens
