"""Question variants (deterministic, changed, numbers kept) and the robustness run and summary."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from core.errors import RagError
from eval.robustness import make_variants, run_robustness, summarize_robustness, write_robustness_report
from eval.typos import typo
from eval.variants import GENERATORS, KINDS, digit_runs, extra_words, paraphrase, politeness, spacing, word_order

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [json.loads(line) for name in ("facts.jsonl", "devset.jsonl")
             for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _rng(seed: int = 3) -> random.Random:
    return random.Random(seed)


# --- every generator, over every question of both sets ----------------------------------


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_each_generator_is_deterministic_changes_the_text_and_keeps_the_numbers(kind: str) -> None:
    applied = 0
    for item in QUESTIONS:
        q, lang = item["question"], item["language"]
        if kind not in KINDS[lang]:
            continue
        first = GENERATORS[kind](q, lang, random.Random(f"7:{q}"))
        assert first == GENERATORS[kind](q, lang, random.Random(f"7:{q}")), q
        if first is None:
            continue
        applied += 1
        assert first != q and first.strip(), q
        assert digit_runs(first) == digit_runs(q), (kind, q, first)
    assert applied >= 7  # every rule applies to some real questions


def test_make_variants_is_seeded_one_per_kind_and_never_repeats_the_question() -> None:
    q = "2020년부터 2023년까지 전 세계에 나온 초거대 AI 모델은 모두 몇 개인가요?"
    variants = make_variants(q, "ko", seed=1)
    assert [v.kind for v in variants] == list(KINDS["ko"])
    assert variants == make_variants(q, "ko", seed=1)
    assert len({v.question for v in variants} | {q}) == len(variants) + 1
    seeds = {tuple(v.question for v in make_variants(q, "ko", seed=s)) for s in range(5)}
    assert len(seeds) > 1  # the seed matters
    with pytest.raises(ValueError, match="unknown language"):
        make_variants(q, "fr", seed=1)


# --- rules, one by one -------------------------------------------------------------------


@pytest.mark.parametrize(("question", "allowed"), [
    ("한국은 몇 위인가요?", {"한국은 몇 위야?", "한국은 몇 위인가?"}),
    ("가장 많은 것은 무엇인가요?", {"가장 많은 것은 무엇이야?", "가장 많은 것은 무엇인가?"}),
    ("모두 몇 개야?", {"모두 몇 개인가요?", "모두 몇 개입니까?"}),
    ("얼마나 됩니까?", {"얼마나 되나?"}),
    ("자료가 있습니까?", {"자료가 있나?"}),
    ("몇 개 출시됐나요?", {"몇 개 출시됐나?"}),
    ("어떻게 설명하고 있어?", {"어떻게 설명하고 있어요?"}),
    ("가장 큰 모델은?", {"가장 큰 모델은요?"}),
    ("제일 많은 건 뭐야?", {"제일 많은 건 무엇인가요?", "제일 많은 건 뭔가요?"}),
])
def test_politeness_switches_speech_level_at_the_end(question: str, allowed: set[str]) -> None:
    assert politeness(question, "ko", _rng()) in allowed
    assert politeness("How many?", "en", _rng()) is None


def test_spacing_drops_and_inserts_spaces_but_never_joins_two_numbers() -> None:
    q = "2020년부터 2023년까지 영국에서 개발된 초거대 AI 모델은 모두 몇 개야?"
    for seed in range(30):
        out = spacing(q, "ko", _rng(seed))
        assert out and out.replace(" ", "") == q.replace(" ", "") and out != q
    assert spacing("2020 2023 몇 개야?", "ko", _rng()) is not None
    assert "20202023" not in (spacing("2020 2023 몇 개야?", "ko", _rng()) or "")
    assert spacing("How many?", "en", _rng()) is None


def test_korean_typos_are_jamo_slips_and_english_ones_key_slips() -> None:
    q = "초거대 AI 모델 출시 수로 보면 우리나라는 세계 몇 위인가요?"
    out = typo(q, "ko", _rng())
    assert out is not None and len(out) == len(q)
    changed = [(a, b) for a, b in zip(q, out) if a != b]
    assert 1 <= len(changed) <= 2 and all("가" <= b <= "힣" for _, b in changed)
    en = "How many parameters does GPT-3 have according to the NIA report in 2021?"
    out = typo(en, "en", _rng())
    assert out is not None and out != en and re.findall(r"\d+", out) == ["3", "2021"]
    assert typo("Is it 42?", "en", _rng()) is None  # no word long enough to slip in


def test_english_paraphrase_templates_and_extra_words() -> None:
    q = "How many large-scale AI models were released in 2022?"
    seen = {paraphrase(q, "en", _rng(s)) for s in range(40)}
    assert "Tell me how many large-scale AI models were released in 2022." in seen
    assert "According to the report, how many large-scale AI models were released in 2022?" in seen
    assert "I want to know how many large-scale AI models were released in 2022?" in seen
    extras = {extra_words(q, "en", _rng(s)) for s in range(40)}
    assert "How many large-scale AI models were released in 2022 in the report?" in extras
    ko = {extra_words("한국은 몇 위인가요?", "ko", _rng(s)) for s in range(40)}
    assert "보고서에 따르면 한국은 몇 위인가요?" in ko


@pytest.mark.parametrize(("question", "language", "expected"), [
    ("How many large-scale AI models were released worldwide from 2020 to 2023?", "en",
     "From 2020 to 2023, how many large-scale AI models were released worldwide?"),
    ("Which professor champions System 2 AI in the NIA report?", "en",
     "In the NIA report, which professor champions System 2 AI?"),
    ("What is the name of the platform mentioned by NIA?", "en", None),  # "by NIA" belongs to the participle
    ("영국은 2022년에 초거대 AI 모델을 몇 개 내놓았나요?", "ko", {
        "2022년에 영국은 초거대 AI 모델을 몇 개 내놓았나요?", "초거대 AI 모델을 몇 개 내놓았나요, 영국은 2022년에?",
        "2022년에 초거대 AI 모델을 몇 개 내놓았나요, 영국은?"}),
    ("GPT-3의 매개변수는 몇 개인가요?", "ko", "몇 개인가요, GPT-3의 매개변수는?"),
    ("State of AI 보고서가 2024년에 대해 내놓은 예측은?", "ko", None),  # "2024년에 대해" stays together
])
def test_word_order_moves_whole_phrases(question: str, language: str, expected: str | set[str] | None) -> None:
    got = word_order(question, language, _rng())
    if isinstance(expected, set):
        assert got in expected
    else:
        assert got == expected


# --- the run and its summary -----------------------------------------------------------------

ITEMS: list[dict[str, Any]] = [
    {"id": "rank-ko", "question": "한국은 초거대 AI 모델 개발 순위에서 몇 위인가요?", "language": "ko",
     "answers": ["3위"], "type": "fact"},
    {"id": "total-en", "question": "How many large-scale AI models were released from 2020 to 2023?",
     "language": "en", "answers": ["144"], "type": "cross-lingual"},
    {"id": "ref", "question": "How many in 2019?", "language": "en", "answers": [], "type": "refusal"},
]


class ScriptedAsk:
    """Right on every question as written; wrong on typos; records what it was asked."""

    def __init__(self, fail: Callable[[str], bool] = lambda q: False) -> None:
        self.asked: list[str] = []
        self.fail = fail

    def __call__(self, question: str) -> Mapping[str, Any]:
        self.asked.append(question)
        if self.fail(question):
            raise RuntimeError("decode failed")
        originals = {i["question"]: i for i in ITEMS}
        right = question in originals
        text = ("3위입니다." if "위" in question or "순위" in question else "144 models.") if right else "모름"
        return {"answer": text, "abstained": False, "path": "llm", "hits": [], "citations": [],
                "timings_ms": {"total": 5.0}, "tokens": {"in": 300, "out": 12}}


def test_run_asks_each_answerable_item_then_its_variants() -> None:
    ask = ScriptedAsk()
    seen: list[str] = []
    rows = run_robustness(ask, ITEMS, seed=1, on_row=lambda r: seen.append(r["kind"]))
    expected = [ITEMS[0]["question"], *(v.question for v in make_variants(ITEMS[0]["question"], "ko", 1)),
                ITEMS[1]["question"], *(v.question for v in make_variants(ITEMS[1]["question"], "en", 1))]
    assert ask.asked == expected and "How many in 2019?" not in ask.asked
    assert seen == [r["kind"] for r in rows] and seen[0] == "original"
    assert rows[0]["correct"] is True and rows[1]["correct"] is False and rows[0]["tokens"] == {"in": 300, "out": 12}
    only = run_robustness(ScriptedAsk(), ITEMS, seed=1, kinds=["typo"])
    assert {r["kind"] for r in only} == {"original", "typo"}


def test_a_failing_answer_is_an_error_row_and_three_in_a_row_stop_the_run() -> None:
    broken = make_variants(ITEMS[0]["question"], "ko", 4)[1].question
    rows = run_robustness(ScriptedAsk(lambda q: q == broken), ITEMS[:1], seed=4)
    errors = [r for r in rows if r["error"]]
    assert [r["question"] for r in errors] == [broken] and len(rows) == 1 + len(KINDS["ko"])
    assert errors[0]["error"] == "RuntimeError: decode failed" and errors[0]["correct"] is False
    with pytest.raises(RagError, match="3 answers in a row failed"):
        run_robustness(ScriptedAsk(lambda q: True), ITEMS, seed=1)


def _row(item_id: str, kind: str, correct: bool, error: str = "", hit: bool | None = True) -> dict[str, Any]:
    return {"id": item_id, "kind": kind, "correct": correct, "question": f"{item_id} {kind}",
            "answer": "a" if correct else "b", "error": error, "hit_at_5": hit}


def test_summary_pairs_each_kind_with_its_own_originals() -> None:
    rows = [
        _row("a", "original", True), _row("a", "typo", False), _row("a", "spacing", True),
        _row("b", "original", True), _row("b", "typo", True), _row("b", "spacing", True),
        _row("c", "original", False), _row("c", "typo", True),  # spacing did not apply to c
        _row("d", "original", True, error="boom"), _row("d", "typo", False),  # no original: left out
    ]
    s = summarize_robustness(rows)
    assert s["n_items"] == 3 and s["errors"] == 1 and s["n_variants"] == 5
    assert s["original_accuracy"] == pytest.approx(2 / 3) and s["variant_accuracy"] == pytest.approx(4 / 5)
    typo_, spacing_ = s["per_kind"]["typo"], s["per_kind"]["spacing"]
    assert (typo_["n"], typo_["broke"], typo_["fixed"], typo_["drop"]) == (3, 1, 1, pytest.approx(0.0))
    assert (spacing_["n"], spacing_["original_accuracy"], spacing_["drop"]) == (2, 1.0, pytest.approx(0.0))
    flips = [(f["id"], f["kind"], f["original_correct"]) for f in s["flips"]]
    assert flips == [("a", "typo", True), ("c", "typo", False)]
    assert s["flipped_items"] == ["a", "c"]
    worse = summarize_robustness([*rows, _row("b", "politeness", False), _row("a", "politeness", False)])
    assert worse["worst_kind"] == "politeness" and worse["worst_drop"] == pytest.approx(100.0)


def test_the_report_is_markdown_and_json(tmp_path: Path) -> None:
    rows = run_robustness(ScriptedAsk(), ITEMS, seed=1)
    paths = write_robustness_report(tmp_path / "rob", "2026-01-01-extractive", rows, {"generator": "scripted"})
    md = paths["md"].read_text(encoding="utf-8")
    assert md.startswith("# Robustness") and "**generator**: scripted" in md
    assert "On 2 answerable questions as written: **100.0%** right" in md and "## Answers that flipped" in md
    assert "| typo | 2 | 100.0% | 0.0% | -100.0 |" in md
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["summary"]["worst_drop"] == pytest.approx(100.0) and len(data["rows"]) == len(rows)
