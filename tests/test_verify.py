"""Answer verification (real [n], the figure asked, the subject asked, the language) and the
support check's hold on numbers: by value, in the unit that states them."""

from __future__ import annotations

import pytest

from index.types import Hit
from ingest.language import detect_language
from ingest.types import Chunk
from qa.citations import build_citations, cited_numbers, strip_markers
from qa.grounding import ground
from qa.numbers import gloss_korean_amounts
from qa.prompts import answer_messages
from qa.refusal import _degenerate, tidy
from qa.tables import (
    asked_cell,
    named_cell_answer,
)
from qa.types import Evidence, ProblemKind
from qa.verify import recite, verify_answer


def _evidence(*texts: str) -> list[Evidence]:
    return [Evidence(i + 1, t, Hit(Chunk(f"c{i + 1}", "d", t, i + 1), 1.0, "hybrid", "보고서", "r.pdf"))
            for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("answer", "evidence", "lang"),
    [
        ("한국은 세 번째입니다 [1].", "국가별 순위에서 한국은 3위를 기록했다.", "ko"),
        ("Korea ranked third [1].", "국가별 순위에서 한국은 3위를 기록했다.", "en"),
        ("The model has 175 billion parameters [1].", "이 모델의 파라미터는 1,750억 개이다.", "en"),
        ("모델의 파라미터는 1,750억 개입니다 [1].", "The model has 175 billion parameters.", "ko"),
        ("Growth was 226.1 percent [1].", "성장률은 226.1%였다.", "en"),
        ("성장률은 226.1퍼센트입니다 [1].", "Growth was 226.1% in 2023.", "ko"),
        ("총 144개의 모델이 출시되었습니다 [1].", "총 144개의 모델이 출시되었다.", "ko"),
        ("예산은 412억 원입니다 [1].", "양자 오류 정정 예산은 412억 원으로 책정되었다.", "ko"),
        ("H100 GPU로 학습했습니다 [1].", "모델은 엔비디아 GPU로 학습되었다.", "ko"),  # model names are not numbers
    ],
)
def test_same_number_in_other_notation_accepted(answer: str, evidence: str, lang: str) -> None:
    assert verify_answer(answer, _evidence(evidence), lang) == []


@pytest.mark.parametrize(
    ("answer", "lang"),
    [
        ("총 1440개의 모델이 출시되었습니다 [1].", "ko"),  # 144 is a substring, not the value
        ("총 14개의 모델이 출시되었습니다 [1].", "ko"),
        ("A total of 145 models were released [1].", "en"),
        ("총 144억 개의 모델이 출시되었습니다 [1].", "ko"),
    ],
)
def test_number_not_in_evidence_rejected(answer: str, lang: str) -> None:
    # the support check (qa.support) owns numbers: a sentence whose number no unit states goes
    text, problems = ground(answer, _evidence("총 144개의 모델이 출시되었다."), ["모델은 모두 몇 개인가?"])
    assert text == "" and [p.kind for p in problems] == [ProblemKind.UNSUPPORTED]


def test_number_must_be_in_the_evidence_it_cites() -> None:
    evidence = _evidence("총 144개의 모델이 출시되었다.", "한국은 16개를 출시했다.")
    asked = ["모델은 몇 개 출시되었나?"]
    assert ground("총 144개가 출시되었습니다 [1].", evidence, asked)[0] == "총 144개가 출시되었습니다 [1]."
    assert ground("총 144개가 출시되었습니다 [2].", evidence, asked)[0] == "총 144개가 출시되었습니다 [1]."  # re-cited
    assert ground("총 144개, 한국은 16개입니다 [1, 2].", evidence, asked)[0] == "총 144개, 한국은 16개입니다 [1, 2]."


def test_numbers_from_the_question_allowed() -> None:
    evidence = _evidence("총 144개의 모델이 출시되었다.")
    assert ground("2023년에는 144개입니다 [1].", evidence, ["모델 수는?"])[0] == ""
    assert ground("2023년에는 144개입니다 [1].", evidence, ["2023년 모델 수는?"])[0] == "2023년에는 144개입니다 [1]."


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("총 144개의 모델이 출시되었습니다.", "no [n] citation; [1] states it"),
        ("모델이 많이 출시되었습니다.", "no [n] citation"),
        ("총 144개의 모델이 출시되었습니다 [3].", "cites missing evidence [3]"),
        ("총 144개의 모델이 출시되었습니다 [0].", "cites missing evidence [0]"),
        ("[1]", "empty answer"),
    ],
)
def test_missing_or_invalid_citation_rejected(answer: str, problem: str) -> None:
    assert [p.detail for p in verify_answer(answer, _evidence("총 144개의 모델이 출시되었다."), "ko")] == [problem]


@pytest.mark.parametrize(
    ("answer", "lang", "problem"),
    [
        ("A total of 144 models were released [1].", "ko", "not written in Korean"),
        ("총 144개의 모델이 출시되었습니다 [1].", "en", "not written in English"),
    ],
)
def test_wrong_language_rejected(answer: str, lang: str, problem: str) -> None:
    problems = verify_answer(answer, _evidence("총 144개의 모델이 출시되었다."), lang)
    assert [(p.kind, p.detail) for p in problems] == [(ProblemKind.LANGUAGE, problem)]


def test_a_name_as_its_source_spells_it_answers_in_any_language() -> None:
    row = _evidence("2023 → 모델명: Orbis 2.0, 개발주체: 한빛소프트, 분야: 언어")
    asked = "Which firm built Orbis 2.0?"
    assert not verify_answer("한빛소프트 [1]", row, "en", asked)
    # a sentence in the other language is still one
    assert [p.kind for p in verify_answer("한빛소프트가 만들었습니다 [1].", row, "en", asked)] == [ProblemKind.LANGUAGE]
    # a copy of the row's words is not a name alone
    assert ProblemKind.LANGUAGE in [p.kind for p in verify_answer("개발주체: 한빛소프트 [1]", row, "en", asked)]


@pytest.mark.parametrize(
    ("text", "numbers", "stripped"),
    [
        ("답입니다 [1].", [1], "답입니다."),
        ("A [2] and B [1, 2] and C [3，4].", [2, 1, 3, 4], "A and B and C."),
        ("연도는 [2024]가 아니다", [], "연도는 [2024]가 아니다"),
        ("no markers", [], "no markers"),
    ],
)
def test_citation_markers(text: str, numbers: list[int], stripped: str) -> None:
    assert cited_numbers(text) == numbers
    assert strip_markers(text) == stripped


def test_build_citations_skips_unknown_numbers() -> None:
    evidence = _evidence("첫째 근거 문장이다.", "둘째 근거 문장이다.")
    citations = build_citations("둘째 [2], 없는 것 [7], 첫째 [1] 다시 [2].", evidence)
    assert [(c.n, c.quote, c.page, c.chunk_id) for c in citations] == [
        (2, "둘째 근거 문장이다.", 2, "c2"),
        (1, "첫째 근거 문장이다.", 1, "c1"),
    ]


@pytest.mark.parametrize(
    ("answer", "evidence", "ok"),
    [
        ("South Korea ranks 11th [1].", "우리나라의 초거대 AI 모델은 총 11개로 조사됨", False),  # a count is no rank
        ("South Korea ranks 3rd [1].", "한국 → 모델 수 계: 11, 순위: 3", True),  # a table's bare number is
        ("Korea released 11 models [1].", "우리나라의 초거대 AI 모델은 총 11개로 조사됨", True),
        ("Growth was 3% [1].", "한국은 3위를 기록했다.", False),  # a rank is no percentage
    ],
)
def test_number_kind_must_fit_the_evidence(answer: str, evidence: str, ok: bool) -> None:
    assert bool(ground(answer, _evidence(evidence), ["What does the report say about Korea?"])[0]) is ok


@pytest.mark.parametrize(("text", "glossed"), [
    ("민간 AI 투자 규모는 약 13.9억 달러로 9위", "민간 AI 투자 규모는 약 1.39 billion 달러로 9위"),
    ("매출은 103억 2천만 달러로 141% 증가", "매출은 10.32 billion 달러로 141% 증가"),
    ("크롤링(4,100억개)", "크롤링(410 billion개)"),
    ("3조 2천억 원", "3.2 trillion 원"),
    ("1만 명", "10,000 명"),
    ("모델은 총 144개, 2,100개", "모델은 총 144개, 2,100개"),
    ("그만큼 많은 조사", "그만큼 많은 조사"),
])
def test_korean_amounts_are_given_in_english_for_english_prompts(text: str, glossed: str) -> None:
    assert gloss_korean_amounts(text) == glossed


def test_english_prompt_gets_english_amounts_verification_reads_the_original() -> None:
    evidence = _evidence("민간 AI 투자 규모는 약 13.9억 달러로 9위 수준임")
    prompt = answer_messages("How much was invested?", evidence, "en")[-1]["content"]
    assert "1.39 billion" in prompt and "13.9억" not in prompt
    assert "1.39 billion" not in answer_messages("얼마인가?", evidence, "ko")[-1]["content"]
    assert ground("About 1.39 billion dollars [1].", evidence, ["How much was invested?"])[0]
    assert not ground("About 13.9 billion dollars [1].", evidence, ["How much was invested?"])[0]


@pytest.mark.parametrize(("question", "evidence", "flagged"), [
    ("2024년 우리나라 민간 AI 투자 규모는 얼마야?", "2023년 기준 민간 AI 투자 규모는 약 13.9억 달러", True),
    ("How many models came out in 2024?", "2020~2023년 기간에 총 144개가 출시되었다.", True),
    # a span's total is no year's figure, though it holds the year
    ("How many models came out in 2022?", "2020~2023년 기간에 총 144개가 출시되었다.", True),
    ("How many models came out in 2022?", "2020~2023년 기간에 총 144개, 2022년에는 40개가 출시되었다.", False),
    ("2023년 2분기 매출은?", "'23년 2분기 매출은 103억 달러", False),  # '23 is 2023
    ("2020년부터 2023년까지 한국은 몇 위인가?", "한국 → 2021년: 3, 2023년: 8, 순위: 3", False),  # a range asked
    ("2024년 투자 규모는?", "민간 AI 투자 규모는 약 13.9억 달러", False),  # the evidence names no year
])
def test_answer_about_another_year_is_a_problem(question: str, evidence: str, flagged: bool) -> None:
    problems = verify_answer("약 13.9억 달러입니다 [1].", _evidence(evidence), "ko", question)
    assert any(p.kind is ProblemKind.CONSTRAINT for p in problems) == flagged, problems


def test_a_number_cited_from_the_wrong_unit_is_cited_by_the_one_that_states_it() -> None:
    evidence = _evidence("통신사 특화 모델을 서로 다른 세 가지 버전으로 출시한다.", "구성은 클로드 버전, GPT 버전, 자체 모델이다.")
    asked = ["How many versions will it ship in?"]
    assert ground("It will ship in three versions [2].", evidence, asked)[0] == "It will ship in three versions [1]."
    assert ground("It will ship in seven versions [2].", evidence, asked)[0] == ""


@pytest.mark.parametrize(
    ("question", "answer", "texts"),
    [
        # a Latin-script name: the fact came from the unit about another product
        ("How many monthly users did Gradio have?", "Gradio had 600 million users [2].",
         ("Gradio의 월간 활성 사용자는 8월 58만 명으로 급증했다.", "Hugging Face 모델 다운로드는 8월에 6억 건이었다.")),
        # a country: the answer took another row's number
        ("In 2023 how many models did Japan release?", "Japan released 32 models in 2023 [2].",
         ("2023년에는 미국(41건), 일본(3건) 순으로 많았음", "2023년에는 32개로 크게 증가함")),
    ],
)
def test_an_answer_about_a_subject_its_unit_does_not_name_is_dropped(question: str, answer: str,
                                                                     texts: tuple[str, ...]) -> None:
    text, problems = ground(answer, _evidence(*texts), [question])
    assert text == "" and problems[0].holder == 1  # the unit about the subject is where to look


@pytest.mark.parametrize(
    ("question", "answer", "texts"),
    [
        # the maker before the product's name: the product's row leaves the maker out
        ("What parameter count is listed for Vantor's Heron?", "Vantor's Heron has 540 billion parameters [1].",
         ("해외 → 초거대 AI 종류: Heron(헤론), 파라미터 수: 5,400억 개", "Vantor는 Heron2에 대해 거의 공개하지 않았다. 2023년 10건")),
        ("MS의 Heron NLG는 매개변수가 몇 개인가요?", "MS의 Heron NLG는 170억 개의 매개변수를 가집니다 [1].",
         ("Heron NLG(170억개 매개변수) → Orion(1,750억개 매개변수)", "기존 MS에서 공개했던 Heron NLG 보다 약 10배 큰 Orion을 2020년 공개")),
        # a first name the report gives only as an initial
        ("What did Ada Lovelace publish in 1843?", "Ada Lovelace published \"Notes\" in 1843 [2].",
         ("[8] Ada Byron, Charles Babbage, 1842", "1843년, A. Lovelace, \"Notes\"")),
    ],
)
def test_a_unit_that_names_the_subject_but_not_its_maker_is_about_it(
        question: str, answer: str, texts: tuple[str, ...]) -> None:
    assert verify_answer(answer, _evidence(*texts), "en" if question.isascii() else "ko", question) == []


def test_a_country_before_a_name_is_a_constraint_not_a_qualifier() -> None:
    evidence = _evidence("2023년 일본 Heron 모델은 3건", "2023년 미국 Heron 모델은 32건")
    assert ground("Japan's Heron models numbered 32 in 2023 [2].", evidence,
                  ["How many Japan Heron models came out in 2023?"])[0] == ""


def test_a_name_the_report_spells_its_own_way_is_not_a_problem() -> None:
    """No shown unit writes "Microsoft": nothing shows the answer is about something else."""
    evidence = _evidence("마이크로소프트는 1월 오픈AI에 100억 달러를 추가 투자했다.", "구글은 클라우드에 투자했다.")
    assert verify_answer("Microsoft invested $10 billion more [1].", evidence, "en",
                         "How much did Microsoft invest in OpenAI?") == []


def test_recite_moves_the_citation_to_the_unit_every_problem_points_at() -> None:
    evidence = _evidence("통신사 특화 모델을 서로 다른 세 가지 버전으로 출시한다.", "구성은 클로드 버전, GPT 버전, 자체 모델이다.")
    answer = "It will ship in three versions."  # no [n]: verification points at the unit stating it
    assert recite(answer, verify_answer(answer, evidence, "en"), evidence, "en") == "It will ship in three versions [1]."
    # a number no unit states points nowhere: nothing to move the marker to
    wrong = "It will ship in seven versions."
    assert recite(wrong, verify_answer(wrong, evidence, "en"), evidence, "en") == ""


def test_an_uncited_answer_gets_the_citation_of_the_unit_that_states_its_numbers() -> None:
    evidence = _evidence("보안 기술의 활용도는 70.1이다.", "국내 기업 144개가 참여했다.")
    answer = "참여 기업은 144개입니다."
    problems = verify_answer(answer, evidence, "ko")
    assert [(p.kind, p.holder) for p in problems] == [(ProblemKind.NO_CITATION, 2)]
    assert recite(answer, problems, evidence, "ko") == "참여 기업은 144개입니다 [2]."


@pytest.mark.parametrize(
    ("question", "answer", "flagged"),
    [
        ("How many models could handle the Chat task?", "ChatGPT and Bard can chat [1].", True),
        ("한국은 몇 위인가?", "한국은 미국 다음입니다 [1].", True),
        ("한국은 몇 위인가?", "한국은 세 번째입니다 [1].", False),
        ("Who introduced GANs?", "Ian Goodfellow introduced them [1].", False),
        # the question's own numbers restated (a model's name, the year) answer nothing
        ("How many chat models did Model-3 46B handle in 2023?", "Model-3 46B handled chat in 2023 [1].", True),
        ("How many chat models did Model-3 46B handle in 2023?", "Model-3 46B handled 46B chat models [1].", True),
        ("How many chat models were there in 2023?", "In 2023 there were 46 [1].", False),
        ("How many models could handle the Chat task?", "LLaMa-2-chat and GPT-4 can chat [1].", True),
    ],
)
def test_a_question_that_asks_for_a_figure_needs_one_in_the_answer(question: str, answer: str, flagged: bool) -> None:
    evidence = _evidence("채팅 모델은 46개, 한국은 3위, 이안 굿펠로우(Ian Goodfellow)가 소개했다.")
    kinds = [p.kind for p in verify_answer(answer, evidence, "en" if question.isascii() else "ko", question)]
    assert bool({ProblemKind.NO_NUMBER, ProblemKind.NOT_ITS_OWN} & set(kinds)) is flagged


def test_an_uncited_answer_is_held_to_the_year_of_the_unit_that_states_its_number() -> None:
    evidence = _evidence("2020~2023년 기간에 총 144개의 모델이 출시되었다.", "[표 7] 2024년 출시 모델 → A: 2024-07-23")
    problems = verify_answer("2024년에는 144개가 출시되었습니다.", evidence, "ko", "2024년에 출시된 모델은 몇 개인가?")
    assert ProblemKind.CONSTRAINT in [p.kind for p in problems]
    assert recite("2024년에는 144개가 출시되었습니다.", problems, evidence, "ko") == ""


ROW = "[표 1] 국가별 현황 (단위: 개) 중국 → 모델 수 2022년: 3, 모델 수 2023년: 37, 모델 수 계: 42, 순위: 2"


@pytest.mark.parametrize(
    ("question", "answer", "problem", "holder"),
    [
        ("How many models did China develop between 2020 and 2023?", "China developed 37 models [1].",
         "37 is the table's '모델 수 2023년' figure, not 2020~2023", 1),  # the total column is there
        ("How many models did China develop between 2020 and 2023?", "China developed 42 models [1].", "", None),
        ("2022년 중국의 모델 수는?", "2022년 중국은 37개입니다 [1].", "37 is the table's '모델 수 2023년' figure, not 2022", 1),
        ("2021년 중국의 모델 수는?", "2021년 중국은 37개입니다 [1].", "37 is the table's '모델 수 2023년' figure, not 2021",
         None),  # the row has no 2021 column: nothing to read instead
        ("중국의 순위는?", "중국은 2위입니다 [1].", "", None),
        # a question of two years: the sentence's own year is the column to read
        ("2024년 계획의 표에서 중국의 2022년 모델 수는?", "중국의 2022년 모델 수는 37개입니다 [1].",
         "37 is the table's '모델 수 2023년' figure, not 2022", 1),
        ("2024년 계획의 표에서 중국의 2022년 모델 수는?", "중국의 2022년 모델 수는 3개입니다 [1].", "", None),
        ("2022년과 2023년 중국의 모델 수는?", "중국은 2022년 3개, 2023년 37개입니다 [1].", "", None),
    ],
)
def test_a_number_read_from_the_column_of_another_period(question: str, answer: str, problem: str,
                                                         holder: int | None) -> None:
    lang = "en" if question.isascii() else "ko"
    found = [(p.detail, p.holder) for p in verify_answer(answer, _evidence(ROW), lang, question)
             if p.kind is ProblemKind.CONSTRAINT]
    assert ((problem, holder) in found) if problem else found == []


@pytest.mark.parametrize(
    ("question", "answer", "flagged"),
    [
        ("How many models did Japan release in 2019?", "Japan released 87.2 models in 2019 [1].", True),
        ("2019년 일본은 모델을 몇 개 출시했나?", "87.2개입니다 [1].", True),
        ("How many models did Japan release in 2019?", "Japan released 3 models in 2019 [1].", False),
        ("What was Japan's score in 2019?", "Japan scored 87.2 in 2019 [1].", False),
    ],
)
def test_a_count_is_a_whole_number(question: str, answer: str, flagged: bool) -> None:
    evidence = _evidence("일본 → 2019년: 87.2, 모델 수: 3")
    problems = verify_answer(answer, evidence, "en" if question.isascii() else "ko", question)
    assert any("is not a count" in p.detail for p in problems) is flagged


def test_a_whole_table_shown_at_once_is_read_row_by_row() -> None:
    table = ("[표 1] 국가별 현황\n한국 → 2021년: 3, 2023년: 8\n미국 → 2021년: 5, 2023년: 41")
    assert verify_answer("2021년 미국은 5개입니다 [1].", _evidence(table), "ko", "2021년 미국의 모델 수는?") == []
    assert any("'2023년' figure" in p.detail for p in
               verify_answer("2021년 미국은 41개입니다 [1].", _evidence(table), "ko", "2021년 미국의 모델 수는?"))


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Which country had the largest number of models?", "The United States [1]."),
        ("시장 규모가 가장 큰 나라는?", "미국입니다 [1]."),
        ("How many times larger is the US market?", "It is 2.5 times larger [1]."),
        ("How many years on average did it take?", "About 1.5 years [1]."),
    ],
)
def test_questions_about_which_thing_or_how_many_times_are_not_held_to_a_whole_count(question: str, answer: str) -> None:
    evidence = _evidence("미국(The United States) 시장은 2.5배 크고, 평균 1.5년이 걸렸다.")
    lang = "en" if question.isascii() else "ko"
    kinds = [p.kind for p in verify_answer(answer, evidence, lang, question)]
    assert ProblemKind.NO_NUMBER not in kinds and ProblemKind.NUMBER not in kinds


def test_a_unit_naming_the_subject_but_not_the_number_is_no_place_to_look() -> None:
    evidence = _evidence("국내 AI 기업 투자는 2023년 13억 달러였다.", "스타트업 생태계가 성장하고 있다.")
    problems = verify_answer("한국 스타트업 투자는 13억 달러입니다 [1].", evidence, "ko", "한국 스타트업 투자액은 얼마인가?")
    assert all(p.holder is None for p in problems)


@pytest.mark.parametrize(
    ("question", "answer", "flagged"),
    [
        ("2023년 가국의 민간 투자 규모는 얼마였나요?", "2023년 가국의 민간 투자 규모는 3건입니다 [1].", True),
        ("2023년 가국의 민간 투자 규모는 얼마였나요?", "2023년 가국의 민간 투자는 13억 달러입니다 [1].", False),
        ("What share of the models were language models?", "There were 67 models of that kind [1].", True),
        ("What share of the models were language models?", "51.9% (67 models) [1].", False),
        # a count asked for investments is a count
        ("How many investments did the country attract?", "It attracted 3 [1].", False),
    ],
)
def test_a_count_does_not_answer_an_amount_or_a_share(question: str, answer: str, flagged: bool) -> None:
    evidence = _evidence("가국은 2023년 투자 3건, 13억 달러를 유치했다. 언어 모델은 67개(51.9%)였다.")
    problems = verify_answer(answer, evidence, "en" if question.isascii() else "ko", question)
    assert any(p.kind is ProblemKind.NOT_ITS_OWN and "is a count" in p.detail for p in problems) is flagged


@pytest.mark.parametrize(
    ("question", "answer", "flagged"),
    [
        ("Orca Large 모델의 파라미터 수는 몇 개인가요?", "Orca Large의 파라미터 수는 340B입니다 [1].", True),
        ("Heron-4 모델의 파라미터 수는 몇 개인가요?", "Heron-4는 340B입니다 [1].", False),
        ("Which model in the table is the largest?", "Heron-4 340B is the largest [1].", False),
        ("Orca Large 모델은 GPU를 몇 개 썼나요?", "Orca Large는 GPU 64개를 썼습니다 [1].", False),
        ("Orca Large 모델은 몇 개를 썼나요?", "Orca Large는 64개를 썼습니다 [1].", False),  # "GPU 64개" names no model
    ],
)
def test_a_figure_that_is_part_of_another_models_name_is_not_an_answer(question: str, answer: str,
                                                                        flagged: bool) -> None:
    evidence = _evidence("[표 7] 학습 인프라 → Orca Large: GPU 64개, Heron-4 340B: GPU 128개")
    problems = verify_answer(answer, evidence, "en" if question.isascii() else "ko", question)
    assert any("part of the name 'Heron-4'" in p.detail for p in problems) is flagged


def test_a_size_joined_by_a_hyphen_to_a_versioned_name_is_that_models() -> None:
    evidence = _evidence("[표 7] 학습 인프라 → Kestrel 3.1-405B: GPU 512개, Orca Large: GPU 64개")
    asked = "Orca Large 모델의 파라미터 수는 몇 개인가요?"
    assert any("part of the name 'Kestrel 3.1'" in p.detail
               for p in verify_answer("Orca Large의 파라미터 수는 405B입니다 [1].", evidence, "ko", asked))
    assert not [p for p in verify_answer("Kestrel 3.1-405B는 GPU 512개를 썼습니다 [1].", evidence, "ko",
                                         "Kestrel 3.1-405B는 GPU를 몇 개 썼나요?") if "part of the name" in p.detail]


@pytest.mark.parametrize(("answer", "flagged"), [
    ("Orca Large used 4 GPUs [1].", True),  # the 4 of "Heron-4", a name's own figure
    ("Heron-4 used 128 GPUs [1].", False),
])
def test_a_figure_that_is_a_names_version_is_not_a_count(answer: str, flagged: bool) -> None:
    evidence = _evidence("[표 7] 학습 인프라 → Orca Large: GPU 64개, Heron-4 340B: GPU 128개")
    problems = verify_answer(answer, evidence, "en", "How many GPUs did it use?")
    assert any("part of the name 'Heron'" in p.detail for p in problems) is flagged


SCORE_ROWS = ("[표 3] 기술 수준\n가국 → 2021년: 87.7, 2022년(B): 88.0, 증감치(B-A): 7.5\n"
              "일본 → 2021년: 85.6, 2022년(B): 86.0, 증감치(B-A): -0.4")


@pytest.mark.parametrize(
    ("question", "cell"),
    [
        ("What was Japan's technology level score in 2022?", (2, "일본", "2022년(B)", "86.0")),
        ("2021년 일본의 기술 수준 점수는?", (2, "일본", "2021년", "85.6")),
        ("How much did Japan's score change by 2022?", None),  # a change is not a cell
        ("What was Japan's score in 2019?", None),  # no such column
        ("What was the score in 2022?", None),  # no row named
    ],
)
def test_the_cell_a_question_names_by_row_and_year(question: str, cell: tuple | None) -> None:
    assert asked_cell(question, {1: "일본은 2022년 12월에 계획을 냈다.", 2: SCORE_ROWS}) == cell


def test_an_answer_that_misses_the_named_cell_is_pointed_at_it() -> None:
    evidence = _evidence("일본은 2021년에 3건을 발표했다.", SCORE_ROWS)
    question = "What was Japan's technology level score in 2022?"
    problems = verify_answer("Japan's score in 2022 was 3 [1].", evidence, "en", question)
    assert (ProblemKind.NUMBER, 2) in [(p.kind, p.holder) for p in problems]
    assert "gives 86.0 under '2022년(B)'" in " ".join(p.detail for p in problems)
    # the cited unit speaks of another year; the named row has the year asked: the period
    # problem points there too, so the row is quoted rather than the question refused
    assert (ProblemKind.CONSTRAINT, 2) in [(p.kind, p.holder) for p in problems]
    assert all(p.holder == 2 for p in problems)
    assert not verify_answer("Japan's score in 2022 was 86.0 [2].", evidence, "en", question)
    # no row named: the other year stays a problem nothing shown resolves
    problems = verify_answer("The score in 2022 was 3 [1].", evidence, "en", "What was the score in 2022?")
    assert any(p.kind is ProblemKind.CONSTRAINT and "not 2022" in p.detail and p.holder is None for p in problems)


def test_a_number_only_a_unit_about_another_country_states_is_about_that_country() -> None:
    question = ["2023년 일본의 민간 투자 규모는 얼마였나요?"]
    answer = "2023년 일본의 민간 투자 규모는 37.8억 달러입니다 [1]."
    evidence = _evidence("2023년 일본의 건수는 3건이었다.", "2023년 영국의 민간 투자는 37.8억 달러였다.")
    assert ground(answer, evidence, question)[0] == ""
    # the same number mis-cited, when its unit is about the country asked, is cited by that unit
    evidence = _evidence("2023년 일본의 건수는 3건이었다.", "2023년 일본의 민간 투자는 37.8억 달러였다.")
    assert ground(answer, evidence, question)[0] == "2023년 일본의 민간 투자 규모는 37.8억 달러입니다 [2]."


def test_a_row_whose_caption_names_another_country_is_not_the_asked_cell() -> None:
    """A single row carries its table's caption on the same line ("caption label → cells")."""
    shown = {1: "[표 2] 가국 대비 일본 점수 (단위: 점) 일본 → 2022년: 86.0",
             2: "[표 2] 가국 대비 일본 점수 (단위: 점) 미국 → 2022년: 100.0"}
    assert asked_cell("What was Japan's score in 2022?", shown) == (
        1, "[표 2] 가국 대비 일본 점수 (단위: 점) 일본", "2022년", "86.0")
    assert asked_cell("What was the United States' score in 2022?", shown) is None


def test_a_name_written_without_its_hyphen_is_the_same_subject() -> None:
    evidence = _evidence("Orca-3는 텍스트와 이미지를 학습했다.", "Orca3의 미세조정은 약 6개월 걸렸다.")
    question = "How many months did fine-tuning Orca-3 take?"
    assert not verify_answer("Fine-tuning Orca-3 took about 6 months [2].", evidence, "en", question)


def test_a_digit_inside_a_name_is_no_figure_but_not_a_reason_to_refuse() -> None:
    evidence = _evidence("채팅 모델은 46개였다.")
    problems = verify_answer("Orca-2-chat can chat [1].", evidence, "en", "How many models could chat?")
    kinds = [p.kind for p in problems]
    assert ProblemKind.NO_NUMBER in kinds and ProblemKind.NOT_ITS_OWN not in kinds


@pytest.mark.parametrize(
    ("question", "answer", "unit", "flagged"),
    [
        # the figure counts another thing in the unit, which never names the thing asked
        ("How many parameters does Orca-3 have?", "Orca-3 has 9T parameters [1].",
         "Its makers say Orca-3 saw 9T tokens in pretraining.", True),
        ("Orca-3는 몇 개의 토큰으로 학습되었나요?", "Orca-3는 3,300억 개의 토큰으로 학습되었습니다 [1].",
         "개발사: 라온, 모델: Orca-3, 파라미터 수: 3,300억 개", True),
        ("Orca-3의 파라미터 수는 몇 개인가요?", "Orca-3의 파라미터 수는 9T입니다 [1].",
         "라온은 Orca-3를 9T 토큰으로 사전학습했다고 밝혔다.", True),
        # the unit counts the thing asked, or says nothing of what its figure counts
        ("How many parameters does Orca-3 have?", "Orca-3 has 9T parameters [1].",
         "Orca-3 has 9T parameters and saw 2T tokens.", False),
        ("Orca-3의 파라미터 수는 몇 개인가요?", "Orca-3의 파라미터는 3,300억 개입니다 [1].",
         "개발사: 라온, 모델: Orca-3, 파라미터 수: 3,300억 개", False),
        ("2024년 한 해에 나온 모델은 몇 개인가요?", "2024년에는 57개가 나왔습니다 [1].",
         "2024년에는 가국 30개, 나국 27개로 모두 57개가 공개되었다", False),
        # a word after the figure that is an act, not a thing: "57개 출시", "8건 발표"
        ("모델은 몇 개인가요?", "57개입니다 [1].", "작년 한 해에만 57개 출시되었다.", False),
        ("How many companies joined?", "35 joined [1].", "In all, 35 joined the alliance.", False),
        # across languages the words cannot be compared: the number decides
        ("How many parameters does Orca-3 have?", "Orca-3 has 9T parameters [1].",
         "라온은 Orca-3를 9T 토큰으로 사전학습했다.", False),
    ],
)
def test_a_figure_of_another_thing_than_the_one_counted_fails(question: str, answer: str, unit: str,
                                                              flagged: bool) -> None:
    problems = verify_answer(answer, _evidence(unit), "en" if question.isascii() else "ko", question)
    assert any(p.kind is ProblemKind.CONSTRAINT and "as a number of" in p.detail and p.holder is None
               for p in problems) is flagged


@pytest.mark.parametrize(
    ("question", "answer", "unit", "flagged"),
    [
        ("How many parameters does VeSTA X have?", "VeSTA X has 130 billion parameters [1].", "", True),
        ("How many parameters does VeSTA X have?", "130 billion [1].", "", True),  # a bare figure is the asked one's
        ("VeSTA X의 파라미터 수는?", "VeSTA X는 1,300억 개입니다 [1].", "", True),
        ("How many parameters does VeSTA have?", "VeSTA has 130 billion parameters [1].", "", False),
        ("How many parameters does Kestrel-3 have?", "Kestrel-3 has 130 billion parameters [1].",
         "Kestrel-2의 파라미터 수: 1,300억 개", True),
        ("How many parameters does Kestrel-3 have?", "Kestrel-3 has 130 billion parameters [1].",
         "Kestrel의 파라미터 수: 1,300억 개", False),  # no other version named: the family may be it
        # words with a number or a letter after them are no versions
        ("In 2022, how many parameters did VeSTA have?", "In 2022, VeSTA had 130 billion parameters [1].", "", False),
        ("Which team won, Team B?", "Team B won with 130 billion [1].", "", False),
        ("What is Industry 4.0 worth?", "Industry 4.0 is worth 130 billion [1].",
         "The manufacturing industry is worth 1,300억 개.", False),
        ("Which Top 10 model has 130 billion?", "The Top 10 model has 130 billion [1].",
         "Top 5 models have 1,300억 개 on topic.", False),
    ],
)
def test_a_unit_about_another_version_of_the_named_thing_is_not_evidence(question: str, answer: str, unit: str,
                                                                         flagged: bool) -> None:
    unit = unit or "국내 → 개발사: 라온, 모델: VeSTA(베스타), 공개: 2022년 3월, 파라미터 수: 1,300억 개"
    problems = verify_answer(answer, _evidence(unit), "en" if question.isascii() else "ko", question)
    assert any("another version" in p.detail for p in problems) is flagged


def test_a_subject_spelled_another_way_in_the_unit_that_holds_every_added_word_is_not_misplaced() -> None:
    """The cited line writes the person in Latin letters and holds the whole title the answer
    gives; another unit names the person in Hangul but holds nothing of the answer."""
    question = "2008년 에이다 러브레이스가 발표한 논문 제목은?"
    evidence = _evidence('2008년, Ada Lovelace, "Notes on an analytical engine", 12쪽',
                         "2020년 에이다 러브레이스는 새로운 연구 성과를 발표했다.")
    right = '2008년 에이다 러브레이스가 발표한 논문 제목은 "Notes on an analytical engine"입니다 [1].'
    assert verify_answer(right, evidence, "ko", question) == []
    # a title the cited line does not hold, or only a figure from it, still lacks her name
    for wrong in ('2008년 에이다 러브레이스가 발표한 논문 제목은 "Engines of tomorrow"입니다 [1].',
                  "2008년 에이다 러브레이스의 논문은 12쪽입니다 [1]."):
        problems = verify_answer(wrong, evidence, "ko", question)
        assert any(p.kind is ProblemKind.CONSTRAINT and "러브레이스" in p.detail for p in problems), wrong


@pytest.mark.parametrize("draft, told", [
    ("[1] 예산을 늘린 이유는 초고령사회 진입입니다. [2] 수요가 늘었습니다.",
     "예산을 늘린 이유는 초고령사회 진입입니다 [1]. 수요가 늘었습니다 [2]."),
    ("[1, 3] Revenue rose 5.2%. [2] Margin fell", "Revenue rose 5.2% [1, 3]. Margin fell [2]"),
    # a date's full stops end no sentence: the marker goes after the sentence, not inside the date
    ("[7] 원고는 2021. 7. 20. 아파트를 임차하였다. [1] 원고는 2023. 4. 28. 통지하였다.",
     "원고는 2021. 7. 20. 아파트를 임차하였다 [7]. 원고는 2023. 4. 28. 통지하였다 [1]."),
    ("A는 3위입니다 [1]. B는 [2]에 있습니다.", "A는 3위입니다 [1]. B는 [2]에 있습니다."),  # markers already follow
    # a loop said once; a row's repeated figures are no loop
    ("분석, 이해, 생성, 전달, 이해, 생성, 전달, 이해, 생성, 전달, 이해, 생성, 전달", "분석, 이해, 생성, 전달"),
    ("점수는 100.0, 100.0, 100.0, 100.0입니다 [1].", "점수는 100.0, 100.0, 100.0, 100.0입니다 [1]."),
    # a loop under changing markers says nothing at all
    ("[1] 가구: 가구 [2] 가구: 가구 [3] 가구: 가구 [4] 가구: 가구 [5] 가구: 가구 [6] 가구: 가구 [7] 가구: 가구", ""),
    # but a sentence said again under each marker is said once, not thrown away
    (("[1] 매출은 3,120억 원으로 2.8% 줄었다. [2] 매출은 3,120억 원으로 2.8% 줄었다. [3] 매출은 3,120억 원으로 줄었다. "
     "[4] 매출은 3,120억 원으로 2.8% 줄었다."), "매출은 3,120억 원으로 2.8% 줄었다 [1]."),
])
def test_sentences_numbered_with_their_markers_are_read_with_the_marker_after(draft: str, told: str) -> None:
    assert tidy(draft) == told


@pytest.mark.parametrize(("draft", "told"), [
    ("소담커피가 줄어든 이유는 [n] 가맹점이 줄었다 [4]. [n] 평균 매출은 11.1% 감소하였다 [4].",
     "소담커피가 줄어든 이유는 가맹점이 줄었다 [4]. 평균 매출은 11.1% 감소하였다 [4]."),
    ("- 월세 지원 연장 [n]\n[n] 공공임대 확대 [2]", "- 월세 지원 연장\n공공임대 확대 [2]"),
    ("Prices rose [n].", "Prices rose."),
    ("Israel, Japan, [n] [1]", "Israel, Japan [1]"),
    # notation that writes [n] onto a word is no placeholder
    ("신호 x[n]은 주기적이다 [1].", "신호 x[n]은 주기적이다 [1]."),
])
def test_the_prompts_placeholder_copied_into_a_draft_is_no_marker(draft: str, told: str) -> None:
    """The instructions say "end each sentence with [n]"; a model that writes "[n]" literally
    has cited nothing, and the letters must not reach the reader."""
    assert tidy(draft) == told


def test_what_a_draft_said_before_it_fell_into_a_loop_stands() -> None:
    """A small model that loops says its answer first: the text is cut where it turns into a
    loop, and each sentence kept is then checked like any other, not thrown away with the loop."""
    answer = "전력반도체 매출은 3,970억 원으로 50.4% 늘었다 [1]. 구동칩 매출은 3,120억 원으로 2.8% 줄었다 [2]."
    loop = " ".join(f"가온반도체의 이 부문 매출은 상반기에 전년 동기 대비 {k}.5% 늘었다 [{k}]." for k in range(3, 12))
    told = tidy(f"{answer} {loop}")
    assert told.startswith(answer) and len(told) < len(f"{answer} {loop}")
    assert not _degenerate(told)


HMR = ("<표 1> 유형별 시장 규모 (단위: 억 원, %) 즉석조리식품(RTH) → 시장 규모(억 원) 2023년: 22,300, 성장률: 10.3%",
       "<표 1> 유형별 시장 규모 (단위: 억 원, %) 냉동식품 → 시장 규모(억 원) 2023년: 16,400, 성장률: 4.1%")


@pytest.mark.parametrize(("question", "answer", "flagged"), [
    ("냉동식품의 2023년 시장 규모는?", "2023년 시장 규모는 22,300억 원입니다 [1].", True),  # the other row's figure
    ("냉동식품의 2023년 시장 규모는?", "냉동식품의 2023년 시장 규모는 16,400억 원입니다 [2].", False),
    ("2023년 시장 규모가 가장 큰 유형은?", "즉석조리식품이 22,300억 원으로 가장 큽니다 [1].", False),  # no row named
])
def test_a_figure_of_a_row_the_question_does_not_name_points_at_the_row_it_names(
        question: str, answer: str, flagged: bool) -> None:
    found = [p for p in verify_answer(answer, _evidence(*HMR), "ko", question) if "row's figure" in p.detail]
    assert bool(found) == flagged and (not flagged or found[0].holder == 2)


def test_a_cell_read_with_its_tables_unit_is_still_held_to_its_column() -> None:
    row = ("Table 2. Operating profit by segment (GBP million) Renewables → Operating profit FY2024: 148.6, "
           "Operating profit FY2023: 92.3")
    question = "What was the Renewables operating profit in FY2023?"
    wrong = verify_answer("Renewables operating profit in FY2023 was GBP 148.6 million [1].", _evidence(row), "en", question)
    assert [p.kind for p in wrong] == [ProblemKind.CONSTRAINT] and "FY2024" in wrong[0].detail
    assert not verify_answer("Renewables operating profit in FY2023 was GBP 92.3 million [1].", _evidence(row), "en", question)


def test_a_figure_from_another_column_than_the_one_the_question_names_word_for_word() -> None:
    row = ("<표 1> 분야별 예산 및 지원 대상자 (단위: 억 원, 명) 장애인 지원 → 2024년 실적 대상자(명): 6,350, "
           "2025년 계획 대상자(명): 6,480")
    # two years asked (the plan's and the figure's): the column is named by the question's words
    question = "해온시 2025년 시행계획에서 장애인 지원 분야의 2024년 실적 대상자 수는 몇 명인가?"
    wrong = verify_answer("장애인 지원 분야 대상자는 6,480명입니다 [1].", _evidence(row), "ko", question)
    assert any("2024년 실적 대상자(명)" in p.detail and p.holder == 1 for p in wrong)
    assert not verify_answer("장애인 지원 분야 대상자는 6,350명입니다 [1].", _evidence(row), "ko", question)


def test_an_answer_that_names_the_other_column_it_reads_gives_that_column() -> None:
    row = "<표 1> 신청·선정 현황 (단위: 명, %) 이자 지원 → 2023년 선정(명): 4,020, 2023년 선정률(%): 74.0"
    question = "이자 지원의 2023년 선정 인원과 선정률은?"
    assert not verify_answer("2023년 선정 인원은 4,020명, 선정률은 74.0%입니다 [1].", _evidence(row), "ko", question)



WELFARE = "<표 1> 분야별 예산 (단위: 억 원)\n분야\t2024년 예산\t2025년 예산\n긴급복지\t38\t49\n노인돌봄\t210\t236\n합계\t248\t285"


def _rows(*labels: str) -> list[Evidence]:
    from ingest.units import table_rows

    rows = dict(table_rows(WELFARE))
    return [Evidence(i + 1, rows[label], Hit(Chunk("t", "d", WELFARE, 2), 1.0, "hybrid", "보고서", "r.pdf"))
            for i, label in enumerate(labels)]


@pytest.mark.parametrize(("question", "answer", "flagged"), [
    # a field the table does not list, answered from the one row shown
    ("2025년 정신건강 분야에 배정된 예산은 얼마야?", "정신건강 분야 예산은 49억 원입니다 [1].", True),
    ("What is the 2025 budget for mental health?", "The 2025 budget for mental health is 4.9 billion won [1].", True),
    ("2025년 긴급복지 예산은 얼마야?", "긴급복지 예산은 49억 원입니다 [1].", False),
    ("2025년 예산이 가장 적은 분야는?", "긴급복지로 49억 원입니다 [1].", False),  # the answer names the row
])
def test_a_row_figure_answers_only_for_a_row_the_question_or_answer_names(
        question: str, answer: str, flagged: bool) -> None:
    found = [p for p in verify_answer(answer, _rows("긴급복지"), detect_language(answer), question) if "names that row" in p.detail]
    assert bool(found) == flagged


def test_a_total_row_is_asked_for_in_too_many_ways_to_tell() -> None:
    found = verify_answer("2025년 총예산은 285억 원입니다 [1].", _rows("합계"), "ko", "2025년 총예산은 얼마야?")
    assert not [p for p in found if "names that row" in p.detail]


def test_a_column_named_by_the_lower_row_of_its_header_is_the_cell_asked() -> None:
    # "수용 의사" names the column "수용도 수용 의사"; the answer restating the row's words
    # ("… 처리 기술") does not thereby name the other column ("기술 활용도 …")
    row = "7 → 세부 기술: 영상 처리 기술, 기술 활용도 현재 활용도: 66.8, 수용도 수용 의사: 65.9"
    question = "'영상 처리 기술'의 수용 의사 점수는 얼마인가요?"
    wrong = verify_answer("'영상 처리 기술'의 수용 의사 점수는 66.8입니다 [1].", _evidence(row), "ko", question)
    assert [p for p in wrong if "asks for '수용도 수용 의사'" in p.detail]
    assert not verify_answer("'영상 처리 기술'의 수용 의사 점수는 65.9입니다 [1].", _evidence(row), "ko", question)


def test_a_grouped_row_is_named_by_its_cells_words() -> None:
    from ingest.units import table_rows

    table = "모델 표\n구분\t기업\t모델\t파라미터 수\n해외\tNorthwind\tKestrel\t1,370억 개\n\tBluebay\tOrca\t5,400억 개"
    row = next(r for _, r in table_rows(table) if "Kestrel" in r)
    unit = [Evidence(1, row, Hit(Chunk("t", "d", table, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    question = "What parameter count does the table give for Northwind's Kestrel?"
    assert not [p for p in verify_answer("Kestrel has 137 billion parameters [1].", unit, "en", question)
                if "names that row" in p.detail]
    assert [p for p in verify_answer("It has 137 billion parameters [1].", unit, "en", "What parameter count does Heron have?")
            if "names that row" in p.detail]


def test_an_id_numbered_row_goes_by_its_other_cells() -> None:
    from ingest.units import table_rows

    table = "조사 표\nID\t세부 기술\t활용도\n10\t음성 합성 기술\t68.7\n11\t영상 분할 기술\t73.3"
    row = next(r for _, r in table_rows(table) if "음성" in r)
    unit = [Evidence(1, row, Hit(Chunk("t", "d", table, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    assert [p for p in verify_answer("AI는 활용도 68.7에 빗댑니다 [1].", unit, "ko", "슬라이드는 AI를 무엇에 빗대나요?")
            if "names that row" in p.detail]
    assert not verify_answer("음성 합성 기술의 활용도는 68.7입니다 [1].", unit, "ko", "음성 합성 기술의 활용도는 얼마인가요?")


@pytest.mark.parametrize(("question", "flagged"), [
    ("범죄일람표 순번 11번 피해자가 사려던 물품과 편취금액은?", False),  # the row asked by its number
    ("범죄일람표 순번 12번 피해자의 편취금액은?", True),  # another row's number
])
def test_a_row_labelled_by_numbers_is_named_by_the_same_numbers(question: str, flagged: bool) -> None:
    from ingest.units import table_rows

    table = "범죄일람표\n순번\t피해자\t거래 물품\t편취금액(원)\n11\t조○○\t텐트(4인용)\t910,000\n13\t남○○\t캠핑의자 세트\t380,000"
    row = next(r for _, r in table_rows(table) if "텐트" in r)
    unit = [Evidence(1, row, Hit(Chunk("t", "d", table, 3), 1.0, "hybrid", "판결", "r.pdf"))]
    found = verify_answer("물품은 텐트(4인용)이고 편취금액은 910,000원입니다 [1].", unit, "ko", question)
    assert bool(found) == flagged
    # the 4 of a cell of words copied whole names the thing: it is no figure of that column
    assert not [p for p in found if "'거래 물품' figure" in p.detail]


def test_a_tier_row_is_named_by_its_range_written_either_way() -> None:
    from ingest.units import table_rows

    table = "<표 1> 구간별 톤당 요금 (단위: 원/톤)\n구간\t현행\t2028년\n1~20톤\t700\t930\n21~30톤\t890\t1,184"
    row = next(r for _, r in table_rows(table) if "21~30" in r)
    unit = [Evidence(1, row, Hit(Chunk("t", "d", table, 2), 1.0, "hybrid", "보고서", "r.pdf"))]
    asked = "What will the per-ton rate be in 2028 for the 21-30 ton tier?"
    assert not [p for p in verify_answer("It will be 1,184 won per ton [1].", unit, "en", asked) if "names that row" in p.detail]
    assert [p for p in verify_answer("It will be 1,184 won per ton [1].", unit, "en", "What will the 2028 rate be for the 31-40 ton tier?")
            if "names that row" in p.detail]


def test_the_digits_of_a_name_the_answer_writes_as_its_unit_does_are_no_row_figure() -> None:
    from ingest.units import table_rows

    # a transposed table: the model's name carries its size, which its parameters row gives again
    table = ("[표 7] 주요 모델\n구분\tKestrel 3.1-405B\tOrca 2-70B\n매개변수(Parameters)\t4.05E+11\t7.0E+10\n"
             "학습 연산량(FLOP)\t3.80E+25\t1.2E+24")
    unit = "[표 7] 주요 모델\n" + "\n".join(row.replace("[표 7] 주요 모델 ", "") for _, row in table_rows(table))
    evidence = [Evidence(1, unit, Hit(Chunk("t", "d", table, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    asked = "학습 연산량이 가장 큰 모델은?"
    found = verify_answer("학습 연산량이 가장 큰 모델은 Kestrel 3.1-405B입니다 [1].", evidence, "ko", asked)
    assert not [p for p in found if "names that row" in p.detail]
    # a size given alone is a figure of the parameters row, which the question does not name
    found = verify_answer("학습 연산량이 가장 큰 모델은 405B입니다 [1].", evidence, "ko", asked)
    assert [p for p in found if "names that row" in p.detail]


@pytest.mark.parametrize(("question", "answer", "flagged"), [
    # a fee per hour is no spending, whatever the answer calls it
    ("How much did the district spend on elderly care in 2024?", "It spent 5,000 won per hour on elderly care [1].", True),
    ("구는 2024년 노인 돌봄에 얼마를 썼나?", "5천 원을 썼습니다 [1].", True),
    ("병원 동행 이용 요금은 시간당 얼마인가?", "시간당 5천 원입니다 [1].", False),  # the rate asked
    ("병원 동행 인력은 몇 명으로 늘어나나?", "40명으로 늘어납니다 [1].", False),  # no rate given
])
def test_a_figure_given_per_something_answers_no_total(question: str, answer: str, flagged: bool) -> None:
    unit = "병원 동행 서비스 인력을 현재 14명에서 40명으로 늘리고, 이용 요금을 시간당 5천 원으로 낮춘다."
    found = [p for p in verify_answer(answer, _evidence(unit), detect_language(answer), question) if "a rate" in p.detail]
    assert bool(found) == flagged


CARE_ROW = ("<표 1> 서비스별 이용 경험률 (단위: %) 방문목욕 → 이용 경험률(%) 전체: 9.8, "
            "이용 경험률(%) 65~74세: 5.1, 이용 경험률(%) 75세 이상: 15.6, 만족도: 3.8")


def test_a_figure_read_from_the_column_beside_the_named_one_is_given_as_the_named_cell() -> None:
    # the row and the column are the question's; the model read the cell next to it, twice
    question = "75세 이상 노인의 방문목욕 이용 경험률은?"
    evidence = _evidence(CARE_ROW)
    wrong = "75세 이상 노인의 방문목욕 이용 경험률은 5.1%입니다 [1]."
    problems = verify_answer(wrong, evidence, "ko", question)
    assert any("asks for" in p.detail for p in problems)
    fixed = recite(wrong, problems, evidence, "ko", question)
    assert fixed == "75세 이상 노인의 방문목욕 이용 경험률은 15.6%입니다 [1]."
    assert not verify_answer(fixed, evidence, "ko", question)


@pytest.mark.parametrize("wrong", [
    "방문목욕은 5.1%, 만족도는 5.1점입니다 [1].",  # the figure twice: which one was read is not known
    "75세 이상 이용 경험률은 5.1만 명입니다 [1].",  # a figure scaled by its words
])
def test_the_named_cell_is_not_put_where_the_answer_is_ambiguous(wrong: str) -> None:
    assert named_cell_answer("75세 이상 노인의 방문목욕 이용 경험률은?", wrong, {1: CARE_ROW}, {1: CARE_ROW}) == ""


def test_the_named_cell_is_read_only_in_a_row_the_question_names() -> None:
    # the model cited another service's row: its '75세 이상' cell is not what was asked
    wrong = "75세 이상 노인의 방문목욕 이용 경험률은 5.1%입니다 [1]."
    row = CARE_ROW.replace("방문목욕", "방문요양")
    assert named_cell_answer("75세 이상 노인의 방문목욕 이용 경험률은?", wrong, {1: row}, {1: row}) == ""


def test_the_named_cell_is_not_taken_from_one_of_two_tables_with_that_row() -> None:
    # two surveys tabulate the same service: the cited one is not known to be the one asked
    other = CARE_ROW.replace("<표 1>", "<표 4> 2022년 조사").replace("15.6", "12.0")
    wrong = "75세 이상 노인의 방문목욕 이용 경험률은 5.1%입니다 [1]."
    question = "75세 이상 노인의 방문목욕 이용 경험률은?"
    assert named_cell_answer(question, wrong, {1: CARE_ROW}, {1: CARE_ROW, 2: other}) == ""
    assert named_cell_answer(question, wrong, {1: CARE_ROW}, {1: CARE_ROW}).count("15.6") == 1


@pytest.mark.parametrize("answer", [
    "75세 이상 노인의 방문목욕 이용 경험률은 15.6%로, 전체(9.8%)보다 높습니다 [1].",  # the named cell given: 9.8 is context
    "75세 이상 노인의 방문목욕 이용 경험률은 3.8점입니다 [1].",  # 만족도: another measure, not the cell beside
])
def test_the_named_cell_is_not_put_over_a_figure_of_another_measure_or_beside_it(answer: str) -> None:
    assert named_cell_answer("75세 이상 노인의 방문목욕 이용 경험률은?", answer, {1: CARE_ROW}, {1: CARE_ROW}) == ""


def test_a_row_whose_label_is_part_of_the_named_one_is_not_the_question_s() -> None:
    rows = ("<표 2> 학력별 취업률 (단위: %) 대학 → 남성 취업률: 61.2, 여성 취업률: 58.0\n"
            "<표 2> 학력별 취업률 (단위: %) 대학원 → 남성 취업률: 70.3, 여성 취업률: 66.4")
    wrong = "대학원 졸업자의 여성 취업률은 61.2%입니다 [1]."
    assert named_cell_answer("대학원 졸업자의 여성 취업률은?", wrong, {1: rows.split("\n")[0]}, {1: rows}) == ""


def test_a_signed_cell_is_not_given_without_its_sign() -> None:
    row = CARE_ROW.replace("15.6", "-15.6")
    wrong = "75세 이상 노인의 방문목욕 이용 경험률은 5.1%입니다 [1]."
    assert named_cell_answer("75세 이상 노인의 방문목욕 이용 경험률은?", wrong, {1: row}, {1: row}) == ""


@pytest.mark.parametrize("ablate", [False, True])
def test_a_field_s_figure_comes_from_a_unit_that_names_the_field(ablate: bool, monkeypatch) -> None:
    # a near miss: the plan's total budget given as one field's, no unit naming the field
    if ablate:
        monkeypatch.setenv("RAGQA_ABLATE", "named-field")
    evidence = _evidence("가람시 2025년 시행계획의 총예산은 1,245억 원으로 전년보다 11.4% 늘었다.")
    question = "가람시 2025년 시행계획에서 정신건강 분야에 배정된 예산은 얼마야?"
    answer = "가람시 2025년 시행계획에서 정신건강 분야에 배정된 예산은 1,245억 원입니다 [1]."
    flagged = any("정신건강" in p.detail for p in verify_answer(answer, evidence, "ko", question))
    assert flagged != ablate
    named = _evidence("정신건강 분야 예산은 96억 원으로 늘었다.")
    assert not verify_answer("정신건강 분야에 배정된 예산은 96억 원입니다 [1].", named, "ko", question)
