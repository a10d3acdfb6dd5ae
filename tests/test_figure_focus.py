"""A figure answers a question only where its unit speaks of what was asked: the country and
the year held, but a count of models given for a score, is another question's answer."""

from __future__ import annotations

from dataclasses import replace

import pytest

from index.types import Hit
from ingest.types import Chunk
from qa.fallback import to_quote
from qa.focus import focus, missed_focus
from qa.question import Question
from qa.types import Evidence, ProblemKind
from qa.verify import verify_answer

COUNTS = "2023년 단일년도 기준으로 보면 가국(41건), 나국(37건), 다국(8건) 순으로 많았음"
SCORES = "기술 수준 점수는 다국이 2023년 88.0점으로 나타남"


def _evidence(*texts: str, section: str = "") -> list[Evidence]:
    return [Evidence(i + 1, t, Hit(Chunk(f"c{i + 1}", "d", t, i + 1, section=section), 1.0, "hybrid", "보고서", "r.pdf"))
            for i, t in enumerate(texts)]


def _focus_problems(answer: str, evidence: list[Evidence], question: str):
    lang = "en" if answer.isascii() else "ko"
    return [p for p in verify_answer(answer, evidence, lang, question)
            if p.kind is ProblemKind.CONSTRAINT and "does not speak of" in p.detail]


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("다국의 2023년 기술 수준 점수는 얼마인가요?", "점수"),
        ("Mistral Large 모델의 파라미터 수는 몇 개인가요?", "파라미터"),
        ("What was the country's AI technology level score in 2023?", "score"),
        ("What was Dagu's AI technology level score in 2023 in the comparison?", "score"),
        ("How many startups did the fund back?", "startup"),
        ("어느 나라가 가장 많았나요?", ""),  # the answer is a country, not a thing the unit must name
        ("How much more did the fund invest in 2023?", ""),  # a degree, not a thing
        ("What is the total number of heat pumps sold in Italy in 2024?", ""),  # a quantity word names no thing
        ("법원은 피고에게 원고에게 얼마를 지급하라고 했어?", ""),  # an amount to a participant
        ("한국에서 AI 박사 졸업생이 산업계로 진출한 비율은 얼마인가요?", "비율"),
        # the reason asked is of the event before it: a quote must speak of that
        ("법원이 피고인의 징역형 집행을 유예한 이유는 무엇인가요?", "유예"),
        ("매출이 줄어든 원인은 무엇인가?", "매출"),
    ],
)
def test_focus_is_what_the_question_asks_about(question: str, word: str) -> None:
    assert focus(question) == word


def test_a_count_given_for_a_score_is_a_problem_pointing_at_the_unit_that_speaks_of_it() -> None:
    question = "다국의 2023년 기술 수준 점수는 얼마인가요?"
    problems = _focus_problems("다국의 2023년 점수는 8입니다 [1].", _evidence(COUNTS, SCORES), question)
    assert [p.holder for p in problems] == [2]
    assert "점수" in problems[0].detail


def test_nothing_shown_speaks_of_it_leaves_no_unit_to_point_at() -> None:
    question = "다국의 2023년 기술 수준 점수는 얼마인가요?"
    problems = _focus_problems("다국의 2023년 점수는 8입니다 [1].", _evidence(COUNTS), question)
    assert [p.holder for p in problems] == [None]


def test_a_choice_between_two_names_its_sides_not_a_thing() -> None:
    question = "2023년 점수는 다국과 라국 중 어디가 더 높았나요?"
    unit = "2023년 기술 수준 점수: 다국 88.0, 라국 86.0"
    assert _focus_problems("다국이 88.0으로 더 높았습니다 [1].", _evidence(unit), question) == []


def test_the_unit_that_speaks_of_it_stands() -> None:
    question = "다국의 2023년 기술 수준 점수는 얼마인가요?"
    assert _focus_problems("다국의 2023년 점수는 88.0점입니다 [2].", _evidence(COUNTS, SCORES), question) == []


def test_a_heading_speaks_for_its_table_row() -> None:
    question = "다국의 2023년 기술 수준 점수는 얼마인가요?"
    row = "다국 → 2022년: 87.7, 2023년: 88.0"
    assert _focus_problems("다국의 2023년 점수는 88.0입니다 [1].", _evidence(row, section="국가별 기술 수준 점수"),
                           question) == []
    assert _focus_problems("다국의 2023년 점수는 88.0입니다 [1].", _evidence(row, section="국가별 모델 수"), question)


def test_only_the_users_own_words_are_compared() -> None:
    # an English question over a Korean report: the rendering's word is the model's choice, so
    # nothing is compared and no problem is made up
    assert _focus_problems("Dagu's score in 2023 was 8 [1].", _evidence(COUNTS),
                           "What was Dagu's AI technology level score in 2023?") == []
    assert _focus_problems("Dagu's score in 2023 was 8 [1].", _evidence("Dagu released 8 models in 2023."),
                           "What was Dagu's AI technology level score in 2023?")


def test_switched_off_by_the_ablation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAGQA_ABLATE", "figure-focus")
    question = "다국의 2023년 기술 수준 점수는 얼마인가요?"
    assert _focus_problems("다국의 2023년 점수는 8입니다 [1].", _evidence(COUNTS, SCORES), question) == []


def test_missed_focus_names_the_word() -> None:
    assert missed_focus("다국의 기술 수준 점수는 얼마인가요?", COUNTS) == "점수"
    assert missed_focus("다국의 기술 수준 점수는 얼마인가요?", SCORES) == ""


def test_an_explanations_figures_are_its_reasons_not_the_answer_to_a_figure_question() -> None:
    why = "가람시 버스 이용객이 줄어든 이유는 뭐야?"
    reason = "버스 이용객이 줄어든 것은 2023년 9월 경전철 3호선 개통으로 수요가 철도로 옮겨 갔기 때문이다."
    other = "가람시의 버스 이용객이 줄어든 이유는 여러 가지로 분석되었다."
    answer = "2023년 9월 경전철 3호선 개통으로 수요가 철도로 옮겨 갔기 때문입니다 [1]."
    assert _focus_problems(answer, _evidence(reason, other), why) == []


def test_a_count_of_the_unqualified_thing_does_not_answer_the_qualified_one() -> None:
    # the modifier narrows what is counted: all of the fund's startups are not its quantum ones
    question = "2023년에 가국 기금이 투자한 양자컴퓨팅 스타트업은 몇 개인가요?"
    every = "가국 기금은 2023년에 스타트업 41개에 투자했다."
    quantum = "가국 기금은 2023년에 양자컴퓨팅 스타트업 12개에 투자했다."
    def modifier_problems(answer: str, *texts: str) -> list:
        return [p for p in verify_answer(answer, _evidence(*texts), "ko", question)
                if p.kind is ProblemKind.CONSTRAINT and "never says" in p.detail]
    assert modifier_problems("가국 기금이 투자한 양자컴퓨팅 스타트업은 41개입니다 [1].", every, quantum)
    assert not modifier_problems("가국 기금이 투자한 양자컴퓨팅 스타트업은 12개입니다 [2].", every, quantum)
    # where no evidence says the qualifier, it is the asker's word for what the unit says
    assert not modifier_problems("가국 기금이 투자한 양자컴퓨팅 스타트업은 41개입니다 [1].", every)
    # ... unless a passage retrieved but not shown says it: the reports tell the qualified thing apart
    answer = "가국 기금이 투자한 양자컴퓨팅 스타트업은 41개입니다 [1]."
    assert [p for p in verify_answer(answer, _evidence(every), "ko", question, [quantum])
            if p.kind is ProblemKind.CONSTRAINT and "never says" in p.detail]


def test_a_point_in_a_period_is_no_qualifier_of_what_is_asked() -> None:
    from qa.focus import focus_modifiers

    assert focus_modifiers("가온상사 재무상태표에서 제17기 말 사용권자산은 얼마인가?") == ()
    assert focus_modifiers("1분기 초 연체율은 얼마인가?") == ()
    assert focus_modifiers("2023년 말 기준 여성 창업 기업은 몇 개인가?") == ("여성", "창업")
    # a one-syllable qualifier after a period is still one ("총 매출": all sales, not overseas)
    assert focus_modifiers("가온상사의 2023년 총 매출은 얼마인가?") == ("총",)
    question = "가온상사 재무상태표에서 제17기 말 사용권자산은 얼마인가?"
    row = "사용권자산 → 제17기: 30,800, 제16기: 28,100"
    assert focus_modifiers("가온상사의 제17기 기말 사용권자산은 얼마인가?") == ()
    assert focus_modifiers("가온상사의 1분기말 연체율은 얼마인가?") == ()
    problems = verify_answer("제17기 말 사용권자산은 30,800입니다 [1].", _evidence(row), "ko", question,
                             ["제17기 말 현재 가온상사 재무상태표"])
    assert not [p for p in problems if "never says" in p.detail]


def test_a_quote_of_the_unqualified_count_is_no_answer_to_the_qualified_question() -> None:
    every = "가국 기금은 2023년에 스타트업 41개를 지원했다."
    other = "가국 기금은 2023년에 여성 창업 스타트업 12개를 지원했다."
    asked = Question.parse("2023년에 가국 기금이 지원한 여성 창업 스타트업은 몇 개인가요?", "ko", [])
    assert to_quote(asked, [], "", _evidence(every, other)).n == 2  # not the count of every startup
    assert to_quote(asked, [], "", _evidence(every)).n == 1  # no evidence tells the qualified thing apart
    # a retrieved passage that says the qualifier tells them apart, shown or not
    retrieved = _evidence(other)[0].hit
    assert to_quote(asked, [], "", _evidence(every), [retrieved]) is None


def test_a_name_asked_is_answered_by_a_name_whose_digits_are_no_figure() -> None:
    row = "국내 모델 현황 2023 → 모델명: Heron LLM 41B, 개발주체: 가람 데이터"
    assert _focus_problems("가람데이터의 모델 이름은 Heron LLM 41B입니다 [1].", _evidence(row),
                           "가람데이터가 개발한 모델의 이름은 무엇인가요?") == []


def test_a_quote_for_a_reason_speaks_of_what_it_is_the_reason_for(monkeypatch: pytest.MonkeyPatch) -> None:
    from qa.question import Question

    asked = Question.parse("법원이 피고인의 징역형 집행을 유예한 이유는 무엇인가요?", "ko")
    facts = "피고인은 피해자 27명으로부터 합계 25,260,000원을 송금받아 편취하였다."
    source = f"{facts}\n법원은 피고인에게 징역형을 선고한 이유를 아래와 같이 밝힌다."
    assert not asked.answered_by(source, facts)  # the offence, not why the sentence was suspended
    reason = "피고인이 피해자들과 합의한 점 등을 고려하여 형의 집행을 유예한다."
    assert asked.answered_by(f"{reason}\n양형의 이유", reason)
    monkeypatch.setenv("RAGQA_ABLATE", "reason-focus")
    assert asked.answered_by(source, facts)


def test_a_quote_goes_without_the_sentence_it_leans_on_when_that_speaks_of_another_year() -> None:
    unit = "가국 기금은 2023년에 스타트업 41개를 지원했다."
    same, later = f"{unit} 이는 전년보다 많은 수치다.", f"{unit} 그리고 2025년에는 60개로 늘렸다."
    asked = Question.parse("2023년에 가국 기금이 지원한 스타트업은 몇 개인가요?", "ko", [])
    kept, dropped = (replace(_evidence(unit)[0], quoted=q) for q in (same, later))
    assert to_quote(asked, [], "", [kept]).quoted == same
    assert to_quote(asked, [], "", [dropped]).quoted == ""
