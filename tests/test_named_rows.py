"""The table row a question names (qa.named_rows.named_rows) and the month a cited row is of
(qa.subjects.subject_mismatches): a row is told from its siblings by what its head adds to
their shared caption, never by a word piece the caption's rows share."""

from __future__ import annotations

import numpy as np
import pytest

from qa.named_rows import named_rows
from qa.subjects import subject_mismatches
from qa.unit_scores import Features, Weights, unit_scores

CAPTION = "<표 2> 품목별 수입 규모 (단위: 억 원)"
ROWS = [("t", f"{CAPTION} 냉장육가공품 → 2023년: 410, 2024년: 455"),
        ("t", f"{CAPTION} 육가공품 → 2023년: 120, 2024년: 131"),
        ("t", f"{CAPTION} 합계 → 2023년: 530, 2024년: 586"),
        None,  # a sentence
        ("m", "[부록] 월별 정산표 2024. 9. → 정산액(원): 12,000"),
        ("m", "[부록] 월별 정산표 2024. 10. → 정산액(원): 15,500"),
        ("m", "[부록] 월별 정산표 2024. 11. → 정산액(원): 9,800")]


def test_the_row_whose_label_the_question_names_is_marked_not_one_sharing_a_word_piece() -> None:
    got = named_rows(["품목별 수입 규모 표에서 육가공품의 2024년 수입액은?"], ROWS)
    assert got.tolist() == [0, 1, 0, 0, 0, 0, 0]


def test_a_longer_label_asked_names_its_row_not_the_one_its_name_contains() -> None:
    got = named_rows(["냉장육가공품의 2024년 수입 규모는?"], ROWS)
    assert got.tolist() == [1, 0, 0, 0, 0, 0, 0]


def test_a_row_of_a_month_is_named_by_that_month_and_its_year() -> None:
    got = named_rows(["월별 정산표에서 2024년 10월의 정산액은?"], ROWS)
    assert got.tolist() == [0, 0, 0, 0, 0, 1, 0]


def test_a_label_another_begins_with_is_still_named_and_a_latin_label_is_a_whole_word() -> None:
    rows = [("p", "<표 4> 부문별 실적 영업이익 → 2024년: 1"), ("p", "<표 4> 부문별 실적 영업이익률 → 2024년: 2"),
            ("q", "Table 2. Sales by region US → 2024: 1"), ("q", "Table 2. Sales by region EU → 2024: 2")]
    assert named_rows(["부문별 실적의 영업이익은?"], rows).tolist() == [1, 0, 0, 0]
    assert not named_rows(["What were business sales by region in Europe?"], rows).any()
    assert named_rows(["What were US sales by region in 2024?"], rows).tolist() == [0, 0, 1, 0]


def test_a_captions_own_month_names_no_row() -> None:
    rows = [("c", "2024년 1월 기준 지역별 현황 서울 → 인구: 1"), ("c", "2024년 1월 기준 지역별 현황 부산 → 인구: 2")]
    assert not named_rows(["2024년 2월 지역별 현황은?"], rows).any()


def test_a_question_naming_no_row_marks_none() -> None:
    assert not named_rows(["수입 규모는 얼마나 늘었나?"], ROWS).any()


def test_the_named_row_outscores_a_sibling_that_reads_more_like_the_question(monkeypatch: pytest.MonkeyPatch) -> None:
    zero = np.zeros(2, dtype=np.float32)
    f = Features(dense=np.array([0.70, 0.72], dtype=np.float32), lexical=np.array([0.38, 0.50], dtype=np.float32),
                 coverage=zero, kind=zero, prior=zero, orders=zero, boilerplate=zero, table=zero,
                 named_row=np.array([1.0, 0.0], dtype=np.float32))
    assert unit_scores(f, Weights())[0] > unit_scores(f, Weights())[1]
    monkeypatch.setenv("RAGQA_ABLATE", "named-row")
    assert unit_scores(f, Weights())[0] < unit_scores(f, Weights())[1]


def test_a_month_said_back_from_another_months_row_is_a_mismatch() -> None:
    question = "월별 정산표에서 2024년 10월의 정산액은?"
    wrong = subject_mismatches(question, "2024년 10월의 정산액은 9,800원입니다 [3].", [ROWS[6][1]], [ROWS[6][1]])
    assert wrong == ["the cited evidence is about month 11, not 10"]
    assert subject_mismatches(question, "2024년 10월의 정산액은 15,500원입니다 [2].", [ROWS[5][1]], [ROWS[5][1]]) == []
    # a unit that states no month cannot say the answer is another month's
    assert subject_mismatches(question, "2024년 10월의 정산액은 15,500원입니다 [1].", ["정산액은 15,500원이다."],
                              ["정산액은 15,500원이다."]) == []
    # nor can a sentence stating a span of months
    span = "2024년 9월부터 11월까지 정산액은 15,500원이었다."
    assert subject_mismatches(question, "2024년 10월의 정산액은 15,500원입니다 [1].", [span], [span]) == []


def test_a_figure_from_a_cell_headed_by_another_name_is_not_the_answers_subjects() -> None:
    from qa.tables import cells_of_other_names

    cited = {1: "[표 3] 모델별 학습데이터 규모 → Vesta-2: 1.2E+13, Orin 70B: 6.8E+12"}
    assert cells_of_other_names("Kestrel 모델의 학습데이터 규모는 1.2E+13입니다 [1].", cited)
    assert cells_of_other_names("Vesta-2 모델의 학습데이터 규모는 1.2E+13입니다 [1].", cited) == []
    # a heading's bracketed note is no name: the change of the row the answer names
    change = {1: "(출처) 한국 → 2018년(A): 80.5, 2022년(B): 88.0, 증감치(B-A): 7.5"}
    assert cells_of_other_names("한국의 AI 점수는 7.5 올랐습니다 [1].", change) == []
    # a measure's acronym heads no one's cell
    assert cells_of_other_names("Kestrel's return on equity was 12.3% [1].", {1: "(재무) Kestrel → ROE: 12.3, EPS: 4,500"}) == []
    # a row whose cells are headed by periods, not names, says nothing of whose figure it is
    assert cells_of_other_names("Kestrel의 2023년 규모는 410억 원 [1].", {1: ROWS[0][1]}) == []


def test_a_row_is_named_by_a_cell_of_its_own_however_the_question_spaces_it() -> None:
    # two rows of one piece of a table, both labelled by their year: the name cell tells them apart
    rows = [("p", "[표 2] 국내 모델 현황 2023 → 모델명: Heron 7B, 개발주체: 가람 데이터"),
            ("p", "[표 2] 국내 모델 현황 2023 → 모델명: Orin 2.0, 개발주체: 다온")]
    assert named_rows(["가람데이터가 개발한 국내 모델의 이름은?"], rows).tolist() == [1, 0]


def test_a_span_of_years_asked_names_no_one_years_row() -> None:
    # "2020~2023년 출시된 … 모델은 몇 개" asks of the whole span: the 2023 row is one year's model
    rows = [("y", "[표 2] 2020~2023년 출시된 국내 모델 현황 2022 → 모델명: Kestrel 13B, 개발주체: 가온"),
            ("y", "[표 2] 2020~2023년 출시된 국내 모델 현황 2023 → 모델명: Orca 7B, 개발주체: 나래")]
    assert named_rows(["2020~2023년에 출시된 국내 모델 현황 표의 모델은 몇 개인가요?"], rows).tolist() == [0, 0]
    assert named_rows(["모델 현황 표에서 2023년에 출시된 모델은?"], rows).tolist() == [0, 1]
