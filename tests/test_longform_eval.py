"""The long-form set's scorer: key points by value or by most of their words, sentences by
the support check, a summary's header not counted, and agreement with a reviewer."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.longform import (
    aggregate,
    human_agreement,
    load_longform,
    score_answer,
    shown_sentences,
    states_point,
)
from index.types import Hit
from ingest.types import Chunk
from qa.types import Evidence

ROOT = Path(__file__).resolve().parents[1]
TEXT = "2024년 밀키트 시장은 13.6% 성장했다. 즉석섭취식품은 5.7% 성장에 그쳤다."
EVIDENCE = [Evidence(1, "2024년 밀키트 시장은 13.6% 성장했다.", Hit(Chunk("c", "d", TEXT, 2, "2. 시장"), 1.0, "h", "HMR", "hmr.pdf")),
            Evidence(2, "즉석섭취식품은 5.7% 성장에 그쳤다.", Hit(Chunk("c", "d", TEXT, 2, "2. 시장"), 1.0, "h", "HMR", "hmr.pdf"))]
ITEM = {"id": "x", "question": "2024년 밀키트와 즉석섭취식품의 성장률을 비교해줘.", "language": "ko", "type": "comparison",
        "split": "test", "corpus": "realdocs", "key_points": ["밀키트 13.6%", "즉석섭취식품 5.7%", "냉동식품 8.1%"]}


def test_the_set_has_thirty_long_form_questions_in_both_languages_and_splits() -> None:
    items = load_longform(ROOT / "eval" / "longform.jsonl")
    assert len(items) >= 30 and {i["language"] for i in items} == {"ko", "en"}
    assert {i["split"] for i in items} == {"tune", "test"} and {i["type"] for i in items} == {"summary", "comparison",
                                                                                              "explanation"}
    assert len({i["id"] for i in items}) == len(items)


@pytest.mark.parametrize("text, point, held", [
    ("The market grew 13.6% [1].", "밀키트 13.6%", False),  # the number alone is not the point
    ("밀키트는 13.6% 성장했습니다 [1].", "밀키트 13.6%", True),
    ("Revenue reached 6.9 million dollars [1].", "revenue $6.9m", True),
    ("Germany fell 45.8% [1].", "Germany -45.8% (356k → 193k units)", False),
])
def test_a_key_point_is_held_by_its_numbers_and_most_of_its_words(text: str, point: str, held: bool) -> None:
    assert states_point(text, point) is held


def test_an_answer_is_scored_by_points_stated_and_sentences_supported() -> None:
    text = "밀키트는 13.6% 성장했습니다 [1]. 즉석섭취식품은 5.7% 성장했습니다 [2]. 냉동식품은 20% 성장했습니다 [2]."
    scored = score_answer(ITEM, text, EVIDENCE, abstained=False)
    assert scored["points"] == [1, 1, 0] and scored["supported"] == [1, 1, 0]
    assert abs(scored["supported_share"] - 2 / 3) < 1e-9
    refused = score_answer(ITEM, "보고서에 없음", EVIDENCE, abstained=True)
    assert refused["coverage"] == 0 and refused["supported_share"] is None


def test_a_summary_header_is_not_a_sentence_and_a_quote_of_its_unit_is_supported() -> None:
    text = "『HMR』 요약: 전체 4쪽 가운데 2쪽에서 고른 문장 2개를 바탕으로\n\n“2024년 밀키트 시장은 13.6% 성장했다.” [1]"
    assert shown_sentences(text) == ["“2024년 밀키트 시장은 13.6% 성장했다.” [1]"]
    assert score_answer(ITEM, text, EVIDENCE, abstained=False)["supported"] == [1]


def test_aggregate_and_agreement_with_a_reviewer() -> None:
    rows = [ITEM | {"coverage": 1.0, "supported": [1, 1], "seconds": 10.0, "points": [1, 1, 1]},
            ITEM | {"id": "y", "language": "en", "coverage": 0.5, "supported": [1, 0], "points": [1, 0, 0]}]
    summary = aggregate(rows)
    assert summary["all"]["coverage"] == 0.75 and summary["all"]["supported_share"] == 0.75
    assert not summary["all"]["every_sentence_supported"] and summary["language=ko"]["n"] == 1
    judged = [{"id": "x", "points": [1, 1, 1], "sentences": [1, 1]}, {"id": "y", "points": [1, 0, 1], "sentences": [1, 0]}]
    agreed = human_agreement(judged, {r["id"]: r for r in rows})
    assert agreed["answers"] == 2 and agreed["key_points"]["n"] == 6 and agreed["sentences"]["accuracy"] == 1.0
    assert agreed["key_points"]["confusion"] == {"tp": 4, "fn": 1, "fp": 0, "tn": 1}


def test_a_quote_of_a_unit_with_the_sentence_it_leans_on_is_one_supported_sentence() -> None:
    """A quote running over two sentences of its passage is one sentence the reader sees, and
    the unit's own words with what it leans on (Evidence.quoted), not two claims."""
    unit, after = "2024년 밀키트 시장은 13.6% 성장했다.", "이는 1인 가구 증가 때문이다."
    shown = [Evidence(1, unit, EVIDENCE[0].hit, 1.0, "u1", f"{unit} {after}")]
    text = f"보고서에 따르면: “{unit} {after}” [1]"
    assert shown_sentences(text) == [text]
    assert score_answer(ITEM, text, shown, abstained=False)["supported"] == [1]


@pytest.mark.parametrize("text", [
    "냉동식품은 8.1% 성장해 가장 빨랐다. “2024년 밀키트 시장은 13.6% 성장했다.” [1]",  # a claim before a quote
    "- 냉동식품 8.1% 성장 [2]\n“2024년 밀키트 시장은 13.6% 성장했다.” [1]",
])
def test_a_claim_beside_a_quote_is_a_sentence_of_its_own(text: str) -> None:
    assert len(shown_sentences(text)) == 2
    assert score_answer(ITEM, text, EVIDENCE, abstained=False)["supported"][0] == 0


def test_an_empty_quote_is_no_unit_s_words() -> None:
    assert score_answer(ITEM, "냉동식품은 8.1% 성장했다 “ ” [1].", EVIDENCE, abstained=False)["supported"] == [0]
