"""The benchmark's pure helpers: percentiles, perturbation, noisy copies, table formatting."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from bench.answer import pick_questions
from bench.perturb import noisy_copies, perturb_corpus, perturb_text
from bench.report import markdown_table, pair
from bench.stats import percentile, summarize


@pytest.mark.parametrize(("q", "expected"), [(0, 1.0), (50, 2.5), (100, 4.0), (95, 3.85)])
def test_percentile_interpolates_like_numpy(q: float, expected: float) -> None:
    assert percentile([4, 1, 3, 2], q) == pytest.approx(expected)
    assert percentile([4, 1, 3, 2], q) == pytest.approx(np.percentile([4, 1, 3, 2], q))


def test_percentile_edges() -> None:
    assert math.isnan(percentile([], 50))
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([1.0], 101)
    assert summarize([1.0, 3.0]) == {"n": 2, "p50": 2.0, "p95": pytest.approx(2.9), "mean": 2.0}


@pytest.mark.parametrize("text", [
    "총 144개의 초거대 AI 모델이 출시되었음. 연평균 226.1% 증가함.\n미국 2023년 44개",
    "In 2023, 144 large models were released. Growth was 226.1% a year.",
])
def test_perturb_text_is_seeded_and_changes_the_text(text: str) -> None:
    a = perturb_text(text, random.Random(1))
    assert a == perturb_text(text, random.Random(1))
    variants = {perturb_text(text, random.Random(seed)) for seed in range(20)}
    assert len(variants) > 10
    assert all(v.strip() for v in variants)


def test_perturb_corpus_keeps_originals_first() -> None:
    texts = ["첫 번째 문장입니다. 두 번째 문장 2023년.", "Second text with 42 words."]
    out = perturb_corpus(texts, 7)
    assert len(out) == 7 and out[:2] == texts
    assert out == perturb_corpus(texts, 7)
    assert perturb_text("x", random.Random(0)) == "x"


def test_noisy_copies_are_unit_rows_close_to_their_source() -> None:
    rng = np.random.default_rng(0)
    base = rng.normal(size=(10, 64)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    out = noisy_copies(base, 35, scale=0.3)
    assert out.shape == (35, 64) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(out[:10], base)
    cos = np.sum(out[10:20] * base, axis=1)
    assert np.all(cos > 0.85) and np.all(cos < 0.999)


def test_markdown_table_and_pair() -> None:
    table = markdown_table(["a", "b|c"], [[1, "x"], [2.5, None]])
    assert table.splitlines() == ["| a | b\\|c |", "|---|---|", "| 1 | x |", "| 2.5 | None |"]
    assert pair({"p50": 1.234, "p95": 12345.6}, 1) == "1.2 / 12,345.6"
    assert pair(None) == "–"
    assert pair({"p50": float("nan"), "p95": 2.0}) == "– / 2.0"


def test_pick_questions_spreads_over_answerable_items() -> None:
    items = [{"id": i, "evidence": "e" if i % 4 else ""} for i in range(20)]
    picked = pick_questions(items, 5)
    assert len(picked) == 5 and all(p["evidence"] for p in picked)
    assert len({p["id"] for p in picked}) == 5
    assert pick_questions(items, 100) == [i for i in items if i["evidence"]]
