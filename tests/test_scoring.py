"""Scoring must compare numbers by value, in Korean and English, and never by digit substrings."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from eval.scoring import (
    aggregate,
    answer_matches,
    detect_language,
    normalize_numbers,
    score_item,
)

ROOT = Path(__file__).parents[1]
FACTS = ROOT / "eval" / "facts.jsonl"
CORPUS = ROOT / "corpus"
SPRI = "spri-global-large-scale-ai-models-2020-2023.txt"


def _values(text: str) -> list[tuple[float, str]]:
    return [(n.value, n.kind) for n in normalize_numbers(text)]


# --- number extraction -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("총 144개의 모델", 144, "count"),
        ("144 models", 144, "count"),
        ("1,750억 개", 175_000_000_000, "count"),
        ("175 billion", 175_000_000_000, "number"),
        ("175B", 175_000_000_000, "number"),
        ("1.75E+11", 175_000_000_000, "number"),
        ("103억 2천만 달러", 10_320_000_000, "money:dollar"),
        ("6억 7,400만 달러", 674_000_000, "money:dollar"),
        ("$1.39 billion", 1_390_000_000, "money:dollar"),
        ("GBP 92.3 million", 92_300_000, "money:pound"),
        ("25,260,000원", 25_260_000, "money:won"),
        ("3 CHF", 3, "money:franc"),
        ("500엔", 500, "money:yen"),
        ("5천억 토큰", 500_000_000_000, "number"),
        ("58만 명", 580_000, "count"),
        ("30,000명", 30_000, "count"),
        ("226.1%", 226.1, "percent"),
        ("226.1 percent", 226.1, "percent"),
        ("226.1퍼센트", 226.1, "percent"),
        ("3위", 3, "rank"),
        ("세 번째로 많은", 3, "rank"),
        ("세번째", 3, "rank"),
        ("셋째", 3, "rank"),
        ("첫 번째", 1, "rank"),
        ("다섯 번째", 5, "rank"),
        ("3rd", 3, "rank"),
        ("third", 3, "rank"),
        ("ranked 3", 3, "rank"),
        ("No. 3", 3, "rank"),
        ("세 가지 버전", 3, "count"),
        ("three versions", 3, "count"),
        ("-0.7", -0.7, "number"),
        ("10^{23} FLOP", 1e23, "number"),
        ("１４４개", 144, "count"),
    ],
)
def test_normalize_numbers_reads_notation(text: str, value: float, kind: str) -> None:
    found = _values(text)
    assert len(found) == 1, found
    assert found[0][0] == pytest.approx(value, rel=1e-9)
    assert found[0][1] == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-2023", [2020.0, 2023.0]),  # a range, not a negative 2023
        ("GPT-4와 H100", [4.0]),  # H100 is a product name, not a quantity
        ("1,750, 2,040", [1750.0, 2040.0]),
        ("1440", [1440.0]),
        ("14.4", [14.4]),
    ],
)
def test_normalize_numbers_boundaries(text: str, expected: list[float]) -> None:
    assert [v for v, _ in _values(text)] == expected


# --- answer matching ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "acceptable"),
    [
        ("2020~2023년 전 세계에서 총 144개의 초거대 AI 모델이 출시되었습니다.", ["144"]),
        ("A total of 144 large-scale models were released.", ["144"]),
        ("한국은 세 번째로 많은 모델을 출시했습니다.", ["3"]),
        ("한국은 3위입니다.", ["3"]),
        ("Korea ranked third, after the US and China.", ["3"]),
        ("Korea is 3rd.", ["3위"]),
        ("셋째입니다.", ["third"]),
        ("연평균 226.1% 증가했습니다.", ["226.1%"]),
        ("It grew 226.1 percent a year.", ["226.1%"]),
        ("연평균 226.1퍼센트", ["226.1%"]),
        ("GPT-3는 1,750억 개의 매개변수를 가집니다.", ["175 billion"]),
        ("GPT-3 has 175 billion parameters.", ["1,750억"]),
        ("It has 175B parameters.", ["1,750억"]),
        ("매출은 103억 2천만 달러였습니다.", ["10.32 billion"]),
        ("The deal was worth up to $674 million.", ["6억 7,400만"]),
        ("Between 20% and 25% of revenue.", ["20~25%"]),
        ("미국이 가장 많습니다.", ["미국", "United States"]),
        ("The United States led.", ["미국", "united states"]),
        ("It was the US.", ["US"]),
        ("코난테크놀로지가 개발했습니다.", ["코난 테크놀로지"]),
        ("KT가 개발했습니다.", ["KT"]),
    ],
)
def test_answer_matches_accepts(answer: str, acceptable: list[str]) -> None:
    assert answer_matches(answer, acceptable)


@pytest.mark.parametrize(
    ("answer", "acceptable"),
    [
        ("총 1440개가 출시되었습니다.", ["144"]),
        ("A total of 1,440 models.", ["144"]),
        ("약 14.4개", ["144"]),
        ("연평균 2260% 증가", ["226.1%"]),
        ("226.15% growth", ["226.1%"]),
        ("226% growth", ["226.1%"]),
        ("한국은 2위입니다.", ["3"]),
        ("Korea ranked second.", ["3위"]),
        ("3개 모델", ["3위"]),  # a count is not a rank
        ("86.2개", ["86.2%"]),
        ("It was released in 2023.", ["3"]),
        ("because of scale", ["US"]),  # no substring hit inside a word
        ("SKT가 개발했습니다.", ["KT"]),
        ("175 million parameters", ["1,750억"]),
        ("", ["144"]),
    ],
)
def test_answer_matches_rejects(answer: str, acceptable: list[str]) -> None:
    assert not answer_matches(answer, acceptable)


@pytest.mark.parametrize(
    ("answer", "acceptable", "ok"),
    [
        ("The district imposed a 2-month suspension of business.", ["2 months"], True),
        ("a 10-year plan", ["10 years"], True),
        ("a 3-month suspension", ["30 months"], False),
        ("a 2-month suspension", ["2 weeks"], False),
    ],
)
def test_answer_matches_a_count_before_its_unit_in_any_form(answer: str, acceptable: list[str], ok: bool) -> None:
    assert answer_matches(answer, acceptable) is ok


_CHOICE = "2022년 점수는 중국과 유럽 중 어디가 더 높았나요?"


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("유럽이 더 높았습니다 [2].", True),
        ("2022년 점수는 중국과 유럽 중 유럽이 더 높았습니다 [2].", True),
        # the question's choice said back names both sides: the answer chose the other
        ("2022년 점수는 중국과 유럽 중 중국이 더 높았습니다 [2].", False),
        ("중국과 유럽 중 중국입니다.", False),
    ],
)
def test_answer_matches_not_a_name_only_said_back_from_the_question(answer: str, ok: bool) -> None:
    assert answer_matches(answer, ["유럽", "Europe"], _CHOICE) is ok
    # without the question the echo cannot be told from an answer
    assert answer_matches(answer, ["유럽", "Europe"])


def test_answer_matches_a_side_named_in_full_as_the_question_names_it() -> None:
    question = "Merck-Exscientia 계약과 AstraZeneca-Verge Genomics 거래 중 더 큰 쪽은?"
    assert answer_matches("더 큰 쪽은 AstraZeneca-Verge Genomics 거래입니다 [1].", ["AstraZeneca"], question)
    assert not answer_matches("Merck-Exscientia 계약과 AstraZeneca-Verge Genomics 거래 중 Merck 쪽입니다.",
                              ["AstraZeneca"], question)


def test_answer_matches_not_the_side_compared_with() -> None:
    question = "In 2023, which released more models: Korea or France?"
    assert not answer_matches("France released more models than Korea in 2023 [3].", ["Korea", "한국"], question)
    assert answer_matches("Korea released more models than France in 2023 [3].", ["Korea", "한국"], question)
    assert not answer_matches("프랑스가 한국보다 많았습니다.", ["한국"], "한국과 프랑스 중 어디가 더 많았어?")
    assert answer_matches("한국이 프랑스보다 많았습니다.", ["한국"], "한국과 프랑스 중 어디가 더 많았어?")
    # said the other way round, the side compared with is the answer
    assert answer_matches("China scored lower than Europe.", ["Europe"], "Which scored higher in 2022, China or Europe?")
    assert answer_matches("중국이 유럽보다 낮았습니다.", ["유럽"], "중국과 유럽 중 어디가 더 높았나요?")
    # and the side it says is smaller is not the one picked
    assert not answer_matches("China scored lower than Europe.", ["China"], "Which scored higher in 2022, China or Europe?")
    assert not answer_matches("중국이 유럽보다 낮았습니다.", ["중국"], "중국과 유럽 중 어디가 더 높았나요?")
    # unless what it is compared with names no side
    assert answer_matches("Europe scored 42, while China scored lower than that.", ["Europe"],
                          "Which scored higher in 2022, China or Europe?")
    # a comma lists, it does not say a choice back
    assert answer_matches("Europe, with 42 points.", ["Europe"], "Which had the higher score: Europe, China, or the US?")


def test_score_item_reads_the_question_for_echoes() -> None:
    item = {"id": "x", "type": "comparison", "language": "ko", "question": _CHOICE, "answers": ["유럽"]}
    assert not score_item(item, {"answer": "중국과 유럽 중 중국이 더 높았습니다 [1].", "abstained": False})["correct"]
    assert score_item(item, {"answer": "유럽이 더 높았습니다 [1].", "abstained": False})["correct"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("한국은 세 번째로 많은 초거대 AI 모델을 출시했습니다.", "ko"),
        ("2024년 주요 모델은 Llama 3.1-405B, Mistral Large입니다.", "ko"),
        ("Korea released the third most large-scale AI models.", "en"),
        ("Korea released 11 models in total (총 11개).", "en"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


# --- per-item scoring --------------------------------------------------------------

ITEM: dict[str, Any] = {
    "id": "spri-total-ko",
    "question": "2020~2023년 출시된 초거대 AI 모델 수는?",
    "language": "ko",
    "answers": ["144"],
    "source": SPRI,
    "evidence": "총 144개(누적)의 초거대 AI 모델이 출시되었음",
    "type": "fact",
}
REFUSAL: dict[str, Any] = {
    "id": "ref-2024-total-en",
    "question": "How many large-scale models were released in 2024?",
    "language": "en",
    "answers": [],
    "source": None,
    "evidence": None,
    "type": "refusal",
}
EVIDENCE_TEXT = "- 2020~2023년 기간에 전 세계적으로\t총 144개(누적)의  초거대 AI 모델이 출시되었음"


def _hit(rank: int, text: str, source: str = SPRI) -> dict[str, Any]:
    return {"rank": rank, "chunk_id": f"c{rank}", "title": "t", "source": source,
            "page": None, "score": 1.0 / rank, "text": text}


def _answer(text: str, *, abstained: bool = False, hits: list[dict[str, Any]] | None = None,
            citations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"answer": text, "abstained": abstained, "language": "ko",
            "citations": citations or [], "hits": hits or []}


@pytest.mark.parametrize(
    ("hits", "at1", "at5", "rr"),
    [
        ([_hit(1, EVIDENCE_TEXT)], True, True, 1.0),
        ([_hit(1, "무관한 문장"), _hit(2, "다른 문장"), _hit(3, EVIDENCE_TEXT)], False, True, 1 / 3),
        ([_hit(i, "무관") for i in range(1, 6)] + [_hit(6, EVIDENCE_TEXT)], False, False, 1 / 6),
        ([_hit(1, EVIDENCE_TEXT, source="state-of-ai-2023-review-blog.txt")], False, False, 0.0),
        ([_hit(1, EVIDENCE_TEXT, source=f"corpus/{SPRI}")], True, True, 1.0),
        ([], False, False, 0.0),
    ],
)
def test_retrieval_metrics(hits: list[dict[str, Any]], at1: bool, at5: bool, rr: float) -> None:
    row = score_item(ITEM, _answer("총 144개입니다.", hits=hits))
    assert (row["hit_at_1"], row["hit_at_5"]) == (at1, at5)
    assert row["reciprocal_rank"] == pytest.approx(rr)


@pytest.mark.parametrize(
    ("quote", "source", "ok"),
    [
        ("전 세계적으로 총 144개(누적)의 초거대 AI 모델이 출시되었음", SPRI, True),
        ("144개(누적)의 초거대 AI 모델", SPRI, True),  # inside the evidence, 15+ chars
        ("144개(누적)", SPRI, False),  # too short to prove anything
        ("총 144개(누적)의 초거대 AI 모델이 출시되었음", "nia-9-core-ai-technologies-2021.txt", False),
    ],
)
def test_citation_correct(quote: str, source: str, ok: bool) -> None:
    citation = {"n": 1, "title": "t", "source": source, "page": None, "chunk_id": "c1", "quote": quote}
    row = score_item(ITEM, _answer("144개입니다.", citations=[citation]))
    assert row["citation_correct"] is ok


def test_score_item_answerable() -> None:
    row = score_item(ITEM, _answer("총 144개의 모델이 출시되었습니다.", hits=[_hit(1, EVIDENCE_TEXT)]))
    assert row["correct"] and row["language_match"] and row["refused_ok"] is None
    wrong = score_item(ITEM, _answer("총 1440개입니다."))
    assert not wrong["correct"]
    # Abstaining on an answerable question is never correct, even if it quotes the number.
    abstained = score_item(ITEM, _answer("144개인지 확인할 수 없습니다.", abstained=True))
    assert not abstained["correct"]
    english = score_item(ITEM, _answer("144 models were released."))
    assert english["correct"] and not english["language_match"]


def test_score_item_refusal() -> None:
    refused = score_item(REFUSAL, _answer("The reports do not cover 2024.", abstained=True))
    assert refused["correct"] and refused["refused_ok"] and refused["language_match"]
    assert refused["hit_at_1"] is None and refused["citation_correct"] is None
    answered = score_item(REFUSAL, _answer("About 200 models.", abstained=False))
    assert not answered["correct"] and answered["refused_ok"] is False


def test_aggregate_tiny_set() -> None:
    rows = [
        score_item(ITEM, _answer("총 144개입니다.", hits=[_hit(1, EVIDENCE_TEXT)])),
        score_item(ITEM | {"id": "x-en", "language": "en"},
                   _answer("1440 models.", hits=[_hit(1, "x"), _hit(2, EVIDENCE_TEXT)])),
        score_item(REFUSAL, _answer("Not in the reports.", abstained=True)),
        score_item(REFUSAL | {"language": "ko"}, _answer("약 200개입니다.")),
        score_item(ITEM | {"id": "y"}, _answer("모르겠습니다.", abstained=True)),
    ]
    agg = aggregate(rows)
    assert agg["n"] == 5 and agg["n_refusal"] == 2
    assert agg["accuracy"] == pytest.approx(2 / 5)
    assert agg["refusal_precision"] == pytest.approx(1 / 2)  # one of two abstentions was right
    assert agg["refusal_recall"] == pytest.approx(1 / 2)
    assert agg["hit_at_1"] == pytest.approx(1 / 3)
    assert agg["hit_at_5"] == pytest.approx(2 / 3)
    assert agg["mrr"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert agg["language_match"] == pytest.approx(1.0)
    assert agg["by_language"]["en"]["n"] == 2
    assert agg["by_type"]["refusal"]["accuracy"] == pytest.approx(1 / 2)
    assert agg["by_type"]["fact"]["refusal_recall"] is None


# --- the facts file ----------------------------------------------------------------


def _facts() -> list[dict[str, Any]]:
    return [json.loads(line) for line in FACTS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def test_facts_are_well_formed() -> None:
    items = _facts()
    assert len(items) >= 60
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert set(item) == {"id", "question", "language", "answers", "source", "evidence", "type"}, item
        assert item["language"] in {"ko", "en"}
        assert item["type"] in {"fact", "table", "cross-lingual", "comparison", "refusal"}
        if item["type"] == "refusal":
            assert item["answers"] == [] and item["source"] is None and item["evidence"] is None
        else:
            assert item["answers"] and all(isinstance(a, str) and a for a in item["answers"])
            assert 10 <= len(item["evidence"]) <= 60, item["id"]
    refusals = [i for i in items if i["type"] == "refusal"]
    assert len(refusals) >= 0.1 * len(items)
    assert {i["language"] for i in items} == {"ko", "en"}
    assert {i["language"] for i in refusals} == {"ko", "en"}


@pytest.mark.parametrize(
    ("stem", "answer"), [("spri-total", "144"), ("spri-korea-rank", "3"), ("spri-cagr", "226.1%")]
)
def test_headline_facts_present(stem: str, answer: str) -> None:
    by_id = {i["id"]: i for i in _facts()}
    for lang in ("ko", "en"):
        item = by_id[f"{stem}-{lang}"]
        assert item["language"] == lang and item["source"] == SPRI
        assert answer in item["answers"]


def test_facts_evidence_occurs_in_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"project corpus not copied yet: {CORPUS} is missing")
    texts: dict[str, str] = {}
    for item in _facts():
        if item["type"] == "refusal":
            continue
        path = CORPUS / item["source"]
        assert path.is_file(), f"{item['id']}: no corpus file {path}"
        text = texts.setdefault(item["source"], _collapse(path.read_text(encoding="utf-8")))
        assert _collapse(item["evidence"]) in text, f"{item['id']}: evidence not in {item['source']}"
