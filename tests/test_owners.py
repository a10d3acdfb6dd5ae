"""Whose figure it is: a country is not given the figure its cited line gives another."""

from __future__ import annotations

import pytest

from index.types import Hit
from ingest.types import Chunk
from qa.owners import misowned, owners
from qa.types import Evidence, ProblemKind
from qa.verify import verify_answer

IN_TURN = "2023년 미국의 투자 규모는 약 672.2억 달러이며, 중국과 영국의 경우 각각 77.6억 달러, 37.8억 달러 규모임"
LISTED = "가장 많이 개발한 국가는 미국(64건)으로 나타났으며, 그다음 중국(42건), 한국(11건), 프랑스(6건), 영국(5건) 순"
ASKED = "What was the UK's private AI investment in 2023?"


def test_a_line_says_whose_each_figure_is() -> None:
    assert {c: x.value for c, x in owners(IN_TURN).items()} == {"CN": pytest.approx(77.6e8), "GB": pytest.approx(37.8e8)}
    assert {c: x.value for c, x in owners(LISTED).items()} == {"US": 64, "CN": 42, "KR": 11, "FR": 6, "GB": 5}
    assert owners("미국은 64건을 개발했다.") == {}  # no list of countries and figures


def test_a_country_given_another_countrys_figure() -> None:
    why = misowned(ASKED, ["The UK's private AI investment in 2023 was 7.76 billion dollars [1]."], {1: IN_TURN})
    assert why and "China" in why[0] and "United Kingdom" in why[0]
    assert not misowned(ASKED, ["The UK's private AI investment in 2023 was 3.78 billion dollars [1]."], {1: IN_TURN})
    assert misowned("프랑스는 몇 건?", ["프랑스는 5건입니다 [1]."], {1: LISTED})
    assert not misowned("프랑스는 몇 건?", ["프랑스는 6건입니다 [1]."], {1: LISTED})
    # a sentence of two countries pairs its own figures; a figure no other country holds is the support check's
    assert not misowned("?", ["중국은 42건, 영국은 5건입니다 [1]."], {1: LISTED})
    assert not misowned("?", ["프랑스는 7건입니다 [1]."], {1: LISTED})


def test_verification_sends_it_back_unless_the_rule_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    evidence = [Evidence(1, IN_TURN, Hit(Chunk("c1", "d", IN_TURN, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    draft = "The UK's private AI investment in 2023 was 7.76 billion dollars [1]."
    assert ProblemKind.CONSTRAINT in [p.kind for p in verify_answer(draft, evidence, "en", ASKED)]
    monkeypatch.setenv("RAGQA_ABLATE", "figure-owner")
    assert not verify_answer(draft, evidence, "en", ASKED)


CHANGE = "부채비율은 95.5%에서 92.8%로 낮아졌고, 주당 현금배당금은 2,500원(전년 1,800원)으로 정하였다."
TWO_YEARS = "한울케미칼의 2024년 말과 2023년 말 부채비율을 비교해줘."


@pytest.mark.parametrize(("line", "pairs"), [
    (CHANGE, [(95.5, 92.8)]),
    ("Net debt rose from GBP 2,900m to GBP 3,215m.", [(2.9e9, 3.215e9)]),  # millions after a currency
    ("금리가 2023년 평균 연 4.9%에서 2024년 연 4.1%로 내려갔다.", [(4.9, 4.1)]),
    ("Revenue grew 28.5% to GBP 842.3 million.", []),  # a rate, then an amount: no change of one figure
])
def test_a_change_reads_earlier_then_later(line: str, pairs: list) -> None:
    from qa.owners import changes

    assert [(a.value, b.value) for a, b in changes(line)] == pairs


def test_two_years_given_each_others_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    from qa.owners import reversed_periods

    swapped = ["2024년 말의 부채비율은 95.5%입니다 [1].", "2023년 말의 부채비율은 92.8%입니다 [1]."]
    assert "2023" in reversed_periods(TWO_YEARS, swapped, {1: CHANGE})[0]
    assert not reversed_periods(TWO_YEARS, ["2024년 말은 92.8%입니다 [1].", "2023년 말은 95.5%입니다 [1]."], {1: CHANGE})
    evidence = [Evidence(1, CHANGE, Hit(Chunk("c1", "d", CHANGE, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    assert ProblemKind.CONSTRAINT in [p.kind for p in verify_answer(" ".join(swapped), evidence, "ko", TWO_YEARS)]
    monkeypatch.setenv("RAGQA_ABLATE", "change-order")
    assert not verify_answer(" ".join(swapped), evidence, "ko", TWO_YEARS)


def test_a_year_is_no_countrys_figure_and_its_own_figure_stated_stands() -> None:
    from qa.owners import misowned

    dated = "모델 수는 미국 2023년 64건, 중국 2023년 42건, 한국 11건으로 집계됐다"
    assert not misowned("?", ["한국은 2023년에 11건을 개발했습니다 [1]."], {1: dated})
    # the country's own figure stated, a second figure says something else
    assert not misowned("?", ["한국은 11건으로, 2022년의 5건보다 늘었습니다 [1]."], {1: LISTED})
    # another line of the cited units gives the country this figure
    years = "2022년: 한국(5건), 일본(3건)\n2023년: 한국(8건), 일본(5건)"
    assert not misowned("?", ["2022년 한국은 5건입니다 [1]."], {1: years})


def test_an_amount_is_no_year() -> None:
    from qa.owners import changes, reversed_periods

    assert [(a.value, b.value) for a, b in changes("매출은 1950억원에서 2030억원으로 늘었다")] == [(1950e8, 2030e8)]
    said = ["2023년 말 부채비율은 95.5%였습니다 [1].", "이후 92.8%로 낮아졌으며 차입금은 2010억원입니다 [1]."]
    assert not reversed_periods("?", said, {1: CHANGE})


def test_a_bare_figure_the_unit_gives_as_a_count_is_no_amount_of_money(monkeypatch: pytest.MonkeyPatch) -> None:
    from qa.question import Question

    row = "[표 1] 국가별 모델 수 (단위: 개) 갑국 → 모델 수 2022년: 1, 모델 수 2023년: 5"
    prose = "2023년 기준 을국(41건), 갑국(5건) 순으로 많았음"
    asked = Question.parse("What was Gapland's AI investment in 2023?", "en", ["2023년 갑국의 AI 투자 규모는 얼마인가?"])
    for unit in (row, prose):
        evidence = [Evidence(1, unit, Hit(Chunk("c1", "d", unit, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
        problems = verify_answer("Gapland's AI investment in 2023 was 5 [1].", evidence, "en", asked)
        assert any("is a count" in p.detail for p in problems)
    # a bare figure the unit gives bare is not read as a count
    plain = "갑국의 투자 지수는 5였다."
    evidence = [Evidence(1, plain, Hit(Chunk("c1", "d", plain, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    assert not any("is a count" in p.detail for p in verify_answer("It was 5 [1].", evidence, "en", asked))
    # nor is a score, an index or a rating ("Korea's score was 8", from "한국(8건)")
    scored = Question.parse("What was Gapland's technology score in 2023?", "en", ["2023년 갑국의 기술 점수는?"])
    evidence = [Evidence(1, prose, Hit(Chunk("c1", "d", prose, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    assert any("a score; 5 is a count" in p.detail for p in verify_answer("Gapland's score was 5 [1].", evidence, "en", scored))
    scale = "갑국의 기술 점수는 2023년 5점이었다."
    evidence = [Evidence(1, scale, Hit(Chunk("c1", "d", scale, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    assert not any("is a count" in p.detail for p in verify_answer("Gapland's score was 5 [1].", evidence, "en", scored))
    monkeypatch.setenv("RAGQA_ABLATE", "bare-count")
    evidence = [Evidence(1, row, Hit(Chunk("c1", "d", row, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    assert not any("is a count" in p.detail for p in verify_answer("It was 5 [1].", evidence, "en", asked))


@pytest.mark.parametrize(("phrasings", "wants"), [
    (["What was Gapland's technology score in 2023?"], "a score"),
    (["2023년 갑국의 기술 점수는?"], "a score"),
    (["2023년 갑국의 기술 수준 점수는 몇 점인가?"], "a score"),  # points on the scale, no count of things
    (["2023년 갑국의 디지털경쟁력지수는?"], "a score"),  # an index named in one word
    (["AI 준비도 지수는 몇 가지 항목으로 구성되나?"], ""),  # a count of the index's parts
    (["김지수 연구팀이 발표한 논문 수는?"], ""),  # a name, and a count asked
    (["특허 출원이 지수적으로 늘어난 해의 출원 건수는?"], ""),  # "exponentially"
    (["AI 지표에 포함된 국가는 몇 개국인가?", "What is the number of countries included in the AI index?"], ""),
    (["How much did Gapland invest in AI?"], "an amount of money"),
    (["2023년 갑국의 특허 출원 건수는?"], ""),  # a count named by its noun
    (["Which organisation released the most models according to the AI Index?"], ""),  # a name asked
])
def test_a_score_is_asked_only_where_no_phrasing_asks_a_count(phrasings: list[str], wants: str) -> None:
    from qa.verify import _wants_a_measure

    assert _wants_a_measure(phrasings) == wants


# --- the year asked, given the figure of another year (rule figure-year) ---

TWO_LAUNCHES = "세 가지 이상의 과업에 쓰이는 모델은 2022년 처음 출시(4개)되었으며, 2023년 더욱 많은(23개) 모델이 출시됨"


@pytest.mark.parametrize(("line", "dated"), [
    (TWO_LAUNCHES, {2022: 4, 2023: 23}),
    ("2020년 3개, 2021년 9개, 2022년 28개의 모델이 출시되었으며", {2020: 3, 2021: 9, 2022: 28}),
    ("2021년 처음 등장하여 2022년과 2023년 각각 2개, 13개가 출시되었음", {2022: 2, 2023: 13}),  # given in turn
    ("모델은 2023년까지 총 16개가 출시되었다", {}),  # a span's end owns no year's figure
    ("2023년 매출은 전년(2022년) 대비 20% 증가한 120억 원", {}),  # a year figures are compared against
    ("4개(2022년)에서 23개(2023년)로 늘었다", {}),  # figures before their years are not guessed at
    ("당기 말 2024. 12. 31. 현재 자산총계는 6,000억 원", {}),  # a date
    ("2023년 4분기 가입자 12명, 2024년 1분기 가입자 4명", {2023: 12, 2024: 4}),  # a quarter is no figure
    ("2024년 12월 31일 현재 부채는 6,000억 원", {2024: 6e11}),  # nor a month, and 6,000 is one figure
    ("서울중앙지방법원 2024가합51234 판결", {}),  # a case number
    ("2023년 [1] 23개", {2023: 23}),  # a citation marker
])
def test_a_line_says_which_year_each_figure_is_of(line: str, dated: dict) -> None:
    from qa.owners import dated_figures

    assert {y: [x.value for x in xs] for y, xs in dated_figures(line).items()} == {y: [v] for y, v in dated.items()}


def test_the_year_asked_given_another_years_figure_is_sent_back(monkeypatch: pytest.MonkeyPatch) -> None:
    evidence = [Evidence(1, TWO_LAUNCHES, Hit(Chunk("c1", "d", TWO_LAUNCHES, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    asked = "How many such models came out in 2023?"
    problems = verify_answer("4 models came out in 2023 [1].", evidence, "en", asked)
    assert any("gives 4 to 2022" in p.detail for p in problems)
    assert not [p for p in verify_answer("23 models came out in 2023 [1].", evidence, "en", asked) if "gives" in p.detail]
    monkeypatch.setenv("RAGQA_ABLATE", "figure-year")
    assert not [p for p in verify_answer("4 models came out in 2023 [1].", evidence, "en", asked) if "to 2022" in p.detail]
