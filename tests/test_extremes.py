"""The row asked for by size is the one the shown rows of its table make largest or smallest."""

from __future__ import annotations

import pytest

from index.types import Hit
from ingest.types import Chunk
from qa.extremes import extreme_row
from qa.types import Evidence
from qa.verify import recite, verify_answer

WHOLE = ("<표 3> 지역별 만족도 점수\n"
         "북부 → 2019년(A): 70.2, 2021년: 71.0, 2023년(B): 74.1, 증감(B-A): 3.9\n"
         "남부 → 2019년(A): 100.0, 2021년: 100.0, 2023년(B): 100.0, 증감(B-A): 0.0\n"
         "동부 → 2019년(A): 61.5, 2021년: 66.0, 2023년(B): 69.8, 증감(B-A): 8.3\n"
         "서부 → 2019년(A): 80.3, 2021년: 81.0, 2023년(B): 81.2, 증감(B-A): 0.9")


def _evidence(*texts: str) -> list[Evidence]:
    return [Evidence(i + 1, t, Hit(Chunk(f"c{i + 1}", "d", t, 1), 1.0, "hybrid", "보고서", "r.pdf"))
            for i, t in enumerate(texts)]


def _flagged(answer: str, evidence: list[Evidence], question: str, lang: str = "ko") -> list[str]:
    return [p.detail for p in verify_answer(answer, evidence, lang, question) if "the shown rows make" in p.detail]


def test_a_rise_asked_between_two_periods_is_read_from_the_change_column() -> None:
    evidence = _evidence(WHOLE)
    question = "2019년에서 2023년 사이 만족도 점수가 가장 크게 오른 지역은 어디인가요?"
    assert _flagged("북부입니다 [1].", evidence, question) == ["the shown rows make '동부' the largest in '증감(B-A)' (8.3), not '북부'"]
    assert not _flagged("동부입니다 [1].", evidence, question)
    problems = verify_answer("북부입니다 [1].", evidence, "ko", question)
    assert recite("북부입니다 [1].", problems, evidence, "ko", question) == "동부 (증감(B-A) 8.3) [1]."


def test_a_figure_the_question_sets_aside_is_not_compared() -> None:
    evidence = _evidence(WHOLE)
    question = "Leaving aside the benchmark of 100, which region scored highest in 2023?"
    assert _flagged("북부 scored highest (74.1) [1].", evidence, question, "en")  # 서부 has 81.2
    assert not _flagged("서부 scored highest with 81.2 [1].", evidence, question, "en")
    # without setting it aside, the benchmark row is the highest
    assert extreme_row("Which region scored highest in 2023?", {1: WHOLE}).label == "남부"


def test_single_rows_of_one_table_are_compared_and_the_smallest_asked_for() -> None:
    rows = ["<표 2> 제품별 월간 소비전력량 (단위: kWh) A-100 → 소비전력량: 210.4",
            "<표 2> 제품별 월간 소비전력량 (단위: kWh) B-200 → 소비전력량: 172.0",
            "<표 2> 제품별 월간 소비전력량 (단위: kWh) 평균 → 소비전력량: 150.0"]  # an average is no product
    evidence = _evidence(*rows)
    question = "월간 소비전력량이 가장 적은 제품은?"
    assert _flagged("A-100입니다 [1].", evidence, question)
    assert not _flagged("B-200입니다 [2].", evidence, question)


@pytest.mark.parametrize(("question", "answer"), [
    ("2023년 북부의 만족도 점수는?", "북부는 74.1점입니다 [1]."),  # no size asked
    ("2019년에서 2023년 사이 가장 크게 오른 지역은?", "점수가 올랐습니다 [1]."),  # no row named
])
def test_nothing_to_hold_when_no_row_is_asked_for_by_size_or_named(question: str, answer: str) -> None:
    assert not _flagged(answer, _evidence(WHOLE), question)


def test_the_rule_switches_off_for_the_ablation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAGQA_ABLATE", "table-extreme")
    assert not _flagged("북부입니다 [1].", _evidence(WHOLE), "2019년에서 2023년 사이 가장 크게 오른 지역은?")
