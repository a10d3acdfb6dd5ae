"""What a claim repeats of the question is its subject: it stands only where the report it
cites speaks of that subject."""

from __future__ import annotations

import pytest

from qa.support import support
from qa.types import Evidence


def test_a_figure_cited_to_a_passage_about_another_thing_is_not_supported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAGQA_ABLATE", raising=False)
    question = ["아시아태평양 식물성 유제품 시장은 2030년에 어느 규모까지 커질 것으로 전망되나?"]
    battery = "이 보고서는 2030년까지 세계 배터리 수요가 1,554GWh에 이를 것으로 전망한다."
    dairy = "아시아태평양 식물성 유제품 시장 규모는 2030년 8조 9,300억 원에 이를 것으로 전망된다."
    claim = "아시아태평양 식물성 유제품 시장은 2030년에 약 {} 규모까지 커질 것으로 전망됩니다 [1]."
    assert not support(claim.format("1,554GWh"), battery, question).supported
    assert support(claim.format("8조 9,300억 원"), dairy, question).supported


def test_the_subject_may_be_spoken_of_elsewhere_in_the_shown_report_not_in_another() -> None:
    from index.types import Hit
    from ingest.types import Chunk
    from qa.grounding import ground

    def unit(n: int, text: str, doc: str) -> Evidence:
        return Evidence(n, text, Hit(Chunk(f"{doc}-{n}", doc, text, 1, ""), 1.0, "hybrid", f"AI {doc}", f"{doc}.pdf"), 1.0)

    question = ["주요국 기술 수준 비교에서 2019년 점수는 몇 점인가?"]
    row = "가 → 2018년: 80.5, 2019년: 86.2, 2020년: 87.2"  # a row whose caption the PDF lost
    claim = "주요국 기술 수준 비교에서 2019년 점수는 86.2점입니다 [1]."
    same = [unit(1, row, "slides"), unit(2, "주요국의 기술 수준 점수를 2018년부터 비교하였다.", "slides")]
    other = [unit(1, row, "slides"), unit(2, "주요국의 기술 수준 점수를 2018년부터 비교하였다.", "survey")]
    assert ground(claim, same, question)[0] == claim
    assert ground(claim, other, question)[0] == ""


def test_a_name_the_source_holds_is_the_claims_subject() -> None:
    question = ["Dolly 모델은 파라미터가 몇 개라고 소개돼 있어?"]
    assert support("Dolly 모델은 60억개 파라미터로 소개돼 있습니다 [1].", "Dolly: 데이터브릭스, 60억개 파라미터", question).supported


def test_asked_what_or_why_a_sentence_that_gives_the_question_back_has_not_answered() -> None:
    source = "연구진은 요금 인상이 불가피한 이유로 세 가지를 들었다. 첫째, 현실화율이 68.4%에 그쳐 손실이 커지는 구조이다."
    why = ["연구진이 상수도 요금 인상이 불가피하다고 본 이유는?"]
    assert not support("연구진이 상수도 요금 인상이 불가피하다고 본 이유는 [1].", source, why).supported
    # nor has one that points at its source instead ("… 이유는 에서 설명한 것과 같습니다")
    assert not support("연구진이 상수도 요금 인상이 불가피하다고 본 이유는 앞에서 설명한 내용과 같습니다 [1].", source, why).supported
    assert support("현실화율이 68.4%에 그쳐 손실이 커지는 구조이기 때문이다 [1].", source, why).supported
    # asked whether, the restated fact is the answer when its source says it
    assert support("피고가 상고했다 [1].", "피고는 이 판결에 불복하여 상고하였다.", ["피고가 상고했어?"]).supported


def test_asked_to_choose_naming_one_side_is_the_answer() -> None:
    source = "<표 3> 분야별 모델 수 비전 → 계: 15\n이미지 생성 → 계: 9"
    question = ["비전 분야와 이미지 생성 분야 중 모델이 더 많은 쪽은?"]
    assert support("비전 분야와 이미지 생성 분야 중 모델이 더 많은 쪽은 비전 분야입니다 [1].", source, question).supported


def test_a_country_is_something_of_its_own() -> None:
    source = "2020~2023년 기간에 초거대 AI 모델을 가장 많이 개발한 국가는 미국(64건)으로 나타났다."
    assert support("가장 많이 개발한 국가는 미국입니다 [1].", source, ["초거대 AI 모델을 가장 많이 개발한 국가는?"]).supported


def test_a_side_chosen_restates_the_question_and_stands_on_half_its_words() -> None:
    # the side is the question's word: its figures are the choice's check, not the support's
    row = "[표 1] 국가별·연도별 초거대 AI 모델 개발 현황 (단위: 개)\n프랑스 → 모델 수 계: 6\n일본 → 모델 수 계: 11"
    asked = ["2020~2023년 누적으로 프랑스와 일본 중 초거대 AI 모델을 더 많이 개발한 나라는?"]
    claim = "2020~2023년 누적으로 프랑스와 일본 중 초거대 AI 모델을 더 많이 개발한 나라는 일본입니다 [1]."
    assert support(claim, row, asked).supported
