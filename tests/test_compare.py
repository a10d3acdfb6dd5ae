"""Comparisons settled by the evidence's own figures, and answers naming the losing side."""

from __future__ import annotations

import pytest
from fakes import ListRetriever, ScriptedGenerator
from test_answer import HITS, ShownInOrder

from qa.answer import Assistant
from qa.compare import direction, names_the_loser, settle, settled_answer, side_figure
from qa.types import Evidence, ProblemKind
from qa.verify import resettle, verify_answer

SCORES = ("[표 3] 위성 기술 수준 비교\n"
          "가국 → 2018년: 71.3, 2019년: 72.9, 2020년: 74.4\n"
          "미국 → 2018년: 100.0, 2019년: 100.0, 2020년: 100.0\n"
          "일본 → 2018년: 77.1, 2019년: 79.5, 2020년: 79.5\n"
          "중국 → 2018년: 77.6, 2019년: 78.2, 2020년: 81.0")
RANKING = "2023년 한 해 기준으로 보면 미국(52기), 중국(29기), 한국(12기), 프랑스(7기) 순으로 많았음"
PERIOD = "2020~2023년 기간에는 미국(95기), 중국(61기), 프랑스(19기), 한국(14기) 순이었음"


def _evidence(*texts: str) -> list[Evidence]:
    return [Evidence(n, t, HITS[0], 1.0) for n, t in enumerate(texts, 1)]


@pytest.mark.parametrize(("question", "way"), [
    ("Which scored higher, Japan or China?", 1), ("한국과 프랑스 중 더 많은 나라는?", 1),
    ("Which launched fewer, Korea or France?", -1), ("한국과 일본 중 점수가 더 낮은 나라는?", -1),
    ("Which came first, Korea or France?", 0),
])
def test_the_direction_of_a_comparison(question: str, way: int) -> None:
    assert direction(question) == way


def test_a_table_row_is_read_in_the_asked_years_column() -> None:
    assert side_figure(SCORES, "China", "Japan", 2018).value == 77.6
    assert side_figure(SCORES, "Japan", "China", 2019).value == 79.5
    assert side_figure(SCORES, "Japan", "China", None) is None  # three columns, none asked


def test_a_ranking_sentence_gives_each_side_its_own_figure() -> None:
    assert side_figure(RANKING, "Korea", "France", 2023).shown == "12기"
    assert side_figure(RANKING, "프랑스", "한국", None).value == 7
    # a thousands separator is part of a figure, not a break between two
    assert side_figure("미국(2,100기), 한국(85기) 순이었음", "United States", "Korea", None).value == 2100
    # a period's ranking says nothing about one year of it
    assert side_figure(PERIOD, "Korea", "France", 2022) is None


def test_settled_from_the_first_unit_giving_both_figures() -> None:
    settled = settle("In 2023, which launched more satellites: Korea or France?", _evidence(PERIOD, RANKING))
    assert (settled.winner, settled.loser, settled.won.value, settled.lost.value, settled.n) == ("Korea", "France", 12, 7, 2)
    lower = settle("In 2018, which scored lower, Japan or China?", _evidence(RANKING, SCORES))
    assert (lower.winner, lower.n) == ("Japan", 2)
    assert settle("Which came first, Korea or France?", _evidence(RANKING)) is None
    assert settle("In 2023, how many did Korea launch?", _evidence(RANKING)) is None


def test_an_answer_naming_the_losing_side_fails_verification_and_is_resettled() -> None:
    question = "In 2018, which scored higher on technology level, Japan or China?"
    evidence = _evidence(RANKING, SCORES)
    wrong = "Japan scored higher in 2018 with 77.1 points [2]."
    problems = verify_answer(wrong, evidence, "en", question)
    assert [(p.kind, p.holder) for p in problems] == [(ProblemKind.COMPARISON, 2)]
    assert "China 77.6" in problems[0].detail
    assert not verify_answer("China scored higher (77.6 vs 77.1) [2].", evidence, "en", question)
    fixed = resettle(problems, evidence, "en", question)
    assert fixed == "China (China: 77.6; Japan: 77.1) [2]." and not verify_answer(fixed, evidence, "en", question)
    # an answer citing another unit was not reading these figures: the model is not overruled by them
    assert not verify_answer("Japan scored higher [1].", _evidence("Japan led on patents.", SCORES), "en", question)


def test_a_korean_settled_answer_keeps_the_evidences_units() -> None:
    settled = settle("2023년에 한국과 프랑스 중 위성을 더 많이 발사한 나라는?", _evidence(RANKING))
    assert settled_answer(settled, "ko") == "한국입니다(한국 12기, 프랑스 7기) [1]."
    assert names_the_loser("프랑스가 더 많습니다 [1].", settled) and not names_the_loser("한국 [1]", settled)
    # an English answer from Korean evidence gives the value, not the Korean counter
    settled = settle("In 2023, which launched more: Korea or France?", _evidence(RANKING))
    assert settled_answer(settled, "en") == "Korea (Korea: 12; France: 7) [1]."


@pytest.mark.parametrize("question", [
    "Which ranked higher in 2023, Japan or China?",  # a higher rank is the smaller number
    "2023년 일본과 중국 중 점수가 더 많이 감소한 나라는?",  # a larger fall is the more negative figure
])
def test_ranks_and_falls_are_left_to_the_model(question: str) -> None:
    rows = "[표 4] 순위\n일본 → 2023년: 3위\n중국 → 2023년: 5위"
    falls = "[표 5] 증감\n일본 → 2023년: -0.4\n중국 → 2023년: -7.5"
    assert settle(question, _evidence(rows, falls)) is None


def test_a_row_whose_caption_names_the_other_side_is_not_read_as_either() -> None:
    """A single row carries its table's caption on the same line."""
    row = "[표 6] 한국 대비 주요국 위성 수 (단위: 기) 미국 → 2023년: 52"
    assert side_figure(row, "Korea", "United States", 2023) is None
    assert side_figure(row, "United States", "Korea", 2023) is None


def test_the_assistant_replaces_a_wrong_side_without_asking_again() -> None:
    stream = ScriptedGenerator("France launched more satellites in 2023 [1].")
    assistant = Assistant(ListRetriever(HITS), stream, ShownInOrder(RANKING), translate=False)
    answer = assistant.ask("In 2023, which launched more satellites: Korea or France?")
    assert answer.path == "llm" and answer.text.startswith("Korea") and len(stream.calls) == 1
    assert [p.kind for p in answer.problems] == [ProblemKind.COMPARISON]
