"""The one support check (qa.support, qa.grounding), the answerability gate and the quote check,
and the assistant running them over a real index with the selector it ships with (UnitSelector)."""

from __future__ import annotations

import pytest
from fakes import ScriptedGenerator, hash_retriever

from index.retriever import HybridRetriever
from index.types import Hit
from ingest.types import Chunk
from qa.answer import Assistant
from qa.citations import strip_markers
from qa.fallback import to_quote
from qa.grounding import ground, sentences, source_of
from qa.passages import holds_name, passage
from qa.focus import focus, holds_focus
from qa.question import Question, question_coverage
from qa.refusal import REFUSAL
from qa.support import support
from qa.transliteration import skeleton
from qa.types import Evidence, Problem, ProblemKind
from qa.unit_selection import UnitSelector


@pytest.mark.parametrize("korean, latin", [("네이버", "Naver"), ("스탠퍼드", "Stanford"), ("마이크로소프트", "Microsoft"),
                                           ("구글", "Google"), ("샘 올트먼", "Sam Altman"), ("엔비디아", "NVIDIA")])
def test_a_loanword_and_its_source_share_a_skeleton(korean: str, latin: str) -> None:
    assert skeleton(korean) == skeleton(latin)


def test_different_names_do_not_share_a_skeleton() -> None:
    assert skeleton("뉴욕") != skeleton("Canberra") and skeleton("아마존") != skeleton("Microsoft")


@pytest.mark.parametrize("korean, latin", [("베를린", "Berlin"), ("워싱턴", "Washington"), ("엔비디아", "Nvidia"),
                                           ("클라우드", "cloud"), ("클로드", "Claude"), ("브레인", "brain"),
                                           ("유럽", "Europe")])
def test_a_loanword_is_held_in_either_direction(korean: str, latin: str) -> None:
    assert holds_name(passage(f"{korean}에서 발표했다."), latin) and holds_name(passage(f"{latin} announced it."), korean)


@pytest.mark.parametrize("text, name", [("Sales in ten European markets fell.", "Europe"), ("Asian demand", "Asia")])
def test_a_place_is_held_by_its_adjective(text: str, name: str) -> None:
    assert holds_name(passage(text), name)


@pytest.mark.parametrize("text, name", [("불안이 커졌다.", "Berlin"), ("연구기관의 Brain drain 문제", "Berlin"),
                                        ("Brain drain in academia", "베를린")])
def test_shared_consonants_are_no_loanword_when_the_words_open_otherwise(text: str, name: str) -> None:
    # 불안 and "Berlin" share PLN, as "brain" does: neither opens as "Berlin" is written
    assert not holds_name(passage(text), name)


def test_a_name_the_passage_never_gives_is_unsupported_even_with_a_citation() -> None:
    verdict = support("호주의 수도는 뉴욕입니다 [2].", "호주는 2023년 국가 AI 전략을 발표했다.", ["호주의 수도는 어디인가?"])
    assert not verdict.supported and "뉴욕" in verdict.missing


@pytest.mark.parametrize("claim, source", [
    ("HyperCLOVA X was developed by Naver [1].", "네이버는 HyperCLOVA X를 공개했다."),  # a loanword
    ("France invested 2 billion euros [1].", "프랑스는 20억 유로를 투자했다."),  # CLDR names, a number by value
    ("The market reached 175 billion won [1].", "시장 규모는 1,750억 원에 이르렀다."),
])
def test_names_and_numbers_are_found_across_scripts(claim: str, source: str) -> None:
    assert support(claim, source, ["What does the report say?"]).supported


def test_a_number_must_be_in_the_cited_unit_not_only_its_passage() -> None:
    unit, passage = "2022년 기업 수는 2,100개였다.", "2022년 기업 수는 2,100개였다. 2023년에는 2,600개였다."
    assert not support("2022년 기업 수는 2,600개입니다.", passage, ["2022년 기업 수는?"], figures=unit).supported
    assert support("2022년 기업 수는 2,100개입니다.", passage, ["2022년 기업 수는?"], figures=unit).supported


def test_the_question_numbers_restated_need_no_support_but_its_names_do() -> None:
    source = "Gradio의 월간 활성 사용자는 58만 명이었다."
    assert support("In 2024, Gradio had 580,000 monthly users.", source, ["How many users did Gradio have in 2024?"]).supported
    assert not support("In 2024, Streamlit had 580,000 users.", source, ["How many users did Streamlit have?"]).supported


def test_the_question_figure_written_as_the_source_writes_it_is_an_answer() -> None:
    # "340B" in a model's name, its parameter count "3.4E+11" in the table: the same value,
    # read from the row, not said back
    row = "주요 모델 매개변수 → Vireo 130B: 1.3E+11, Atlas: 9E+10"
    asked = ["주요 모델 표에서 Vireo 130B의 매개변수 수는 얼마인가요?"]
    assert support("주요 모델 표에서 Vireo 130B의 매개변수 수는 1.3E+11입니다.", row, asked).supported
    # said back as the question wrote it, it has answered nothing
    from qa.numbers import echoes, normalize_numbers

    assert echoes(normalize_numbers("1.50배")[0], normalize_numbers("1.5배는?"))  # the same digits
    verdict = support("주요 모델 표에서 Vireo 130B의 매개변수 수는 130B입니다.", row, asked)
    assert not verdict.supported and "nothing of its own" in verdict.missing


def _evidence(*texts: str) -> list[Evidence]:
    hit = Hit(Chunk("c", "ko", " ".join(texts), 1, "1. 현황"), 1.0, "hybrid", "시장 보고서", "r.txt")
    return [Evidence(n, t, hit) for n, t in enumerate(texts, 1)]


def test_sentences_keep_the_markers_after_their_full_stop() -> None:
    assert sentences("A는 3개입니다. [1] B는 4개입니다 [2].") == ["A는 3개입니다. [1]", "B는 4개입니다 [2]."]
    # a date's full stops end no sentence
    assert sentences("기간은 2021. 8. 1.부터 2023. 7. 31.까지이다 [1]. 보증금은 2억 원이다 [2].") == [
        "기간은 2021. 8. 1.부터 2023. 7. 31.까지이다 [1].", "보증금은 2억 원이다 [2]."]


@pytest.mark.parametrize(("draft", "split"), [
    ("A는 3개입니다. B는 4개입니다. [2]", ["A는 3개입니다.", "B는 4개입니다 [2]."]),
    ("B는 4개입니다. [1][2]\n", ["B는 4개입니다 [1][2]."]),
    ("B는 4개입니다... [2]", ["B는 4개입니다 [2]..."]),
    ("B는 4개입니다。 [2]。", ["B는 4개입니다 [2]。"]),
    ("A는 줄었다 [1]. [2]", ["A는 줄었다 [1]."]),  # a sentence with its own marker takes no stray one
    ("기간은 2024. 7. 1. [1]", ["기간은 2024. 7. 1. [1]"]),  # a date's full stops end no sentence
])
def test_the_markers_after_the_last_full_stop_cite_the_last_sentence(draft: str, split: list[str]) -> None:
    assert sentences(draft) == split


def test_a_last_sentence_is_checked_against_the_unit_it_cites_after_its_stop() -> None:
    """Both units hold the claim: the draft's own marker decides which one it cites."""
    evidence = _evidence("로봇 수출액은 5억 달러였다. 로봇 수출액은 5억 달러로 집계됐다.", "로봇 수출액은 5억 달러였다.")
    assert ground("로봇 수출액은 5억 달러입니다. [2]", evidence, ["로봇 수출액은?"]) == ("로봇 수출액은 5억 달러입니다 [2].", [])


def test_ground_places_a_forgotten_citation_and_drops_what_nothing_supports() -> None:
    evidence = _evidence("국내 로봇 기업은 모두 412개다.", "로봇 수출액은 5억 달러였다.")
    text, problems = ground("로봇 수출액은 5억 달러입니다. 대표 기업은 레인보우로보틱스입니다.", evidence, ["로봇 수출액은?"])
    assert text == "로봇 수출액은 5억 달러입니다 [2]."
    assert [p.kind for p in problems] == [ProblemKind.UNSUPPORTED] and "레인보우로보틱스" in problems[0].detail
    text, problems = ground("로봇 수출액은 7억 달러입니다 [2].", evidence, ["로봇 수출액은?"])
    assert text == "" and problems[0].holder == 2  # the nearest unit: where a retry should look


def test_across_scripts_a_claim_whose_names_no_unit_holds_stands_on_nothing() -> None:
    award = "피고는 원고에게 12,870,000원 및 이에 대하여 지급하라."
    asked = ["How much did Gaon-gu spend on child care in 2024?"]
    claim = "Gaon-gu spent 12,870,000 won on child care in 2024."
    # the question's name no shown unit holds is waived for the comparison of units, but a
    # claim in another script than its source then has no subject the source speaks of
    assert not support(claim, award, asked, waived={"gaon-gu"}).supported
    # a name the source holds across scripts anchors it
    assert support("Naver spent 12,870,000 won in 2024.", "네이버는 2024년 12,870,000원을 지출했다.",
                   ["How much did Naver spend in 2024?"]).supported


def test_a_part_copied_from_its_unit_that_stops_mid_sentence_is_dropped() -> None:
    unit = "임대주택은 선정률이 31.5%에 그쳐 공급 확대가 필요하며, 연구진은 주거 지원 기간 연장을 권고한다."
    other = "이 보고서는 청년 주거지원 사업의 성과를 평가한 것이다."
    evidence = _evidence(unit, other)
    text, problems = ground(f"임대주택은 선정률이 31.5%에 그쳐 공급 확대가 필요하며, 연구진은 주거 [1] {other[:-1]} [2].",
                            evidence, ["보고서를 요약해줘."])
    assert text == f"{other[:-1]} [2]." and "mid-sentence" in problems[0].detail
    # a clause that ends as a clause does, or on the figure asked, stands
    assert ground("임대주택은 선정률이 31.5%에 그쳐 공급 확대가 필요하며 [1].", evidence, ["임대주택은?"])[0]
    assert ground("임대주택은 선정률이 31.5% [1].", evidence, ["임대주택 선정률은?"])[0]
    # a whole sentence copied from a unit that goes on is a sentence, not a cut
    two = _evidence("올해 매출이 크게 늘었다. 반면 영업이익은 줄었다.")
    assert ground("올해 매출이 크게 늘었다 [1].", two, ["올해 무엇이 늘었나?"])[0]


def test_the_label_a_unit_states_something_under_is_not_what_it_states() -> None:
    unit = "감경 사유 유리한 정상: 피고인은 피해자 전원과 합의하였고 초범이다."
    evidence = _evidence(unit)
    text, problems = ground("감경 사유 유리한 정상 [1].", evidence, ["피고인에게 유리한 정상은 무엇인가?"])
    assert text == "" and problems
    # what follows the label is the claim
    assert ground("피고인은 피해자 전원과 합의하였고 초범이다 [1].", evidence, ["피고인에게 유리한 정상은 무엇인가?"])[0]
    # a figure before a colon is stated ("합계: 1,200" copied as "합계 1,200")
    assert ground("2024년 합계 1,200명 [1].", _evidence("2024년 합계 1,200명: 전년보다 늘었다."), ["2024년 합계는?"])[0]


def test_a_sentence_that_is_only_its_reports_title_says_nothing() -> None:
    title = "가람군 하수도 요금 개편 방안 연구"
    hit = Hit(Chunk("c", "ko", "감면 대상은 다자녀 가구와 장애인 가구로 넓힌다.", 1, "요약"), 1.0, "hybrid", title + " 요약", "r.pdf")
    evidence = [Evidence(1, title, hit), Evidence(2, "감면 대상은 다자녀 가구와 장애인 가구로 넓힌다.", hit)]
    asked = ["가람군이 요금 감면을 넓히는 대상 가구를 모두 알려줘."]
    text, problems = ground(f"[1] {title} [1]", evidence, asked)
    assert text == "" and [p.kind for p in problems] == [ProblemKind.NOT_ITS_OWN]
    # beside a claim it is dropped, the claim kept
    text, _ = ground(f"{title} [1]. 감면 대상은 다자녀 가구와 장애인 가구입니다 [2].", evidence, asked)
    assert text == "감면 대상은 다자녀 가구와 장애인 가구입니다 [2]."
    # a heading that states a figure is a claim
    hit2 = Hit(Chunk("c2", "ko", "매출은 1,200억 원이었다.", 1, "매출 1,200억 원 달성"), 1.0, "hybrid", title, "r.pdf")
    assert ground("매출 1,200억 원 달성 [1].", [Evidence(1, "매출은 1,200억 원이었다.", hit2)], ["매출은 얼마인가?"])[0]
    # asked for the title, it is the answer
    assert ground(f"{title} [1]", evidence, ["이 보고서의 제목은 무엇인가요?"])[0] == f"{title} [1]"


def test_a_question_whose_names_no_passage_holds_is_not_covered() -> None:
    sources = ["국내 로봇 기업은 모두 412개다.", "로봇 수출액은 5억 달러였다."]
    cover = question_coverage(["Who wrote the novel Pachinko?"], sources)
    assert not cover.covered and cover.missing == ("pachinko",)
    assert not question_coverage(["조선 왕조를 세운 사람은 누구인가?"], sources).covered
    # an English question is covered through its Korean rendering
    assert question_coverage(["What were robot exports worth?", "로봇 수출액은 얼마였나?"], sources).covered


def test_a_name_the_passage_gives_by_its_acronym_covers_the_question() -> None:
    sources = ["반면 영상 처리칩(VPU) 매출은 3% 줄었다.", "센서 매출은 1,550억 원이었다."]
    assert question_coverage(["How did video processing Units sell?"], sources).covered
    # the initials must be the words' own, ending with the name
    assert not question_coverage(["How did graphics Units sell?"], sources).covered


def test_a_name_only_the_rendering_gives_does_not_cover_a_question_that_names_nothing() -> None:
    # a poor rendering invented a name the evidence happens to hold; the user's nouns decide
    sources = ["AI is the new electricity!", "로봇 수출액은 5억 달러였다."]
    assert not question_coverage(["What is the boiling point of ethanol at sea level?", "AI의 끓는점은?"],
                                 sources).covered


def test_a_row_holds_the_focus_when_the_question_names_its_column() -> None:
    row = "표 3 → 부문: 원격 진료, 만족도 현재 수준: 61.2, 만족도 이용 의향: 74.0"
    assert holds_focus("원격 진료의 이용 의향 점수는 얼마인가요?", row)
    assert not holds_focus("원격 진료의 점수는 얼마인가요?", row)  # no column named: 점수 is not said


def test_the_focus_is_what_the_question_asks_about() -> None:
    assert focus("국내 양자컴퓨팅 스타트업 창업자는 몇 명인가?") == "창업자"
    assert focus("How many monthly active users did Gradio have in August?") == "user"
    assert focus("어느 나라가 가장 많은 모델을 출시했나?") == ""  # the answer is an instance, not the word
    # a participant is not what is measured, but "X에서 몇 위" asks a place in X
    assert focus("원고에게 얼마를 지급하라고 했나?") == ""
    assert focus("한국은 모델 개발 국가 순위에서 몇 위인가?") == "순위"


def test_a_quote_answers_only_when_it_holds_what_is_asked() -> None:
    asked = Question.parse("2023년 로봇 기업의 매출액은 얼마인가?", "ko")
    assert not asked.answered_by("국내 로봇 기업은 모두 412개다.", "국내 로봇 기업은 모두 412개다.")
    asked = Question.parse("국내 로봇 기업은 몇 개인가?", "ko")
    assert asked.answered_by("국내 로봇 기업은 모두 412개다.", "국내 로봇 기업은 모두 412개다.")


def test_a_rows_caption_shown_as_a_unit_of_its_report_names_what_the_row_is() -> None:
    asked = Question.parse("한빛전자 현금흐름표에서 제9기 영업활동현금흐름은 얼마인가?", "ko")
    row = "영업활동현금흐름 → 제10기(당기): 4,120, 제9기(전기): 3,870"
    assert not asked.answered_by(row, row)
    assert asked.answered_by(row, row, "제10기 2024. 12. 31. 현재 한빛전자 현금흐름표")
    # a caption naming another statement says nothing of this row
    assert not asked.answered_by(row, row, "제10기 2024. 12. 31. 현재 한빛전자 재무상태표")


REPORT = ("# 국내 로봇 산업 실태조사 2024\n\n"
          "## 1. 기업 현황\n\n"
          "2024년 국내 로봇 기업은 모두 2,412개로 집계되었다. 이 가운데 제조용 로봇 기업이 1,130개로 가장 많았다.\n\n"
          "## 2. 수출\n\n"
          "2024년 로봇 수출액은 8억 3천만 달러로 전년 대비 12.4% 증가하였다.\n")


@pytest.fixture(scope="module")
def robots(tmp_path_factory: pytest.TempPathFactory) -> HybridRetriever:
    root = tmp_path_factory.mktemp("robots")
    return hash_retriever(root, {"robots.md": REPORT})


def _ask(retriever: HybridRetriever, question: str, *replies: str) -> tuple[ScriptedGenerator, object]:
    model = ScriptedGenerator(*replies)
    assistant = Assistant(retriever, model, UnitSelector(retriever), translate=False)
    return model, assistant.ask(question)


def test_world_knowledge_is_refused_before_the_model_is_asked(robots: HybridRetriever) -> None:
    model, answer = _ask(robots, "호주의 수도는 어디인가?", "호주의 수도는 캔버라입니다 [1].")
    assert model.calls == [] and answer.abstained and answer.citations == ()
    assert answer.text.startswith(REFUSAL["ko"]) and "[" not in answer.text.replace(REFUSAL["ko"], "")
    assert answer.evidence  # the closest passages stay on show


def test_a_cited_claim_the_passage_does_not_hold_is_never_the_answer(robots: HybridRetriever) -> None:
    claim = "국내 로봇 기업의 대표는 홍길동입니다 [1]."
    _model, answer = _ask(robots, "국내 로봇 기업 대표는 누구인가?", claim, claim)
    assert "홍길동" not in answer.text and answer.abstained and answer.citations == ()


def test_an_answer_without_markers_is_cited_by_the_unit_that_supports_it(robots: HybridRetriever) -> None:
    model, answer = _ask(robots, "2024년 국내 로봇 기업은 몇 개인가?", "2024년 국내 로봇 기업은 모두 2,412개입니다.")
    assert len(model.calls) == 1 and answer.path == "llm" and not answer.abstained
    assert answer.text.endswith("[1].") and "2,412개로 집계" in answer.citations[0].quote


class _ShowUnits:
    """Shows the given units of the first hit, numbered in order."""

    def __init__(self, *texts: str) -> None:
        self.texts = texts

    def select(self, question, hits, rephrasings=()):
        from qa.selection import Selection

        return Selection(tuple(Evidence(n, t, hits[0], 1.0) for n, t in enumerate(self.texts, 1)))


def test_citing_a_unit_whose_passage_was_shown_under_another_number_is_citing_what_was_read(
        robots: HybridRetriever) -> None:
    # an explanation is written from passages: both units are in one, shown once as [1]
    units = _ShowUnits("2024년 국내 로봇 기업은 모두 2,412개로 집계되었다.", "이 가운데 제조용 로봇 기업이 1,130개로 가장 많았다.")
    model = ScriptedGenerator("[1] 국내 로봇 기업은 2,412개입니다. [2] 제조용 로봇 기업이 1,130개로 가장 많았습니다.")
    answer = Assistant(robots, model, units, translate=False).ask("2024년 국내 로봇 기업 현황을 설명해줘.")
    assert len(model.calls) == 1 and answer.path == "llm" and not answer.abstained
    assert answer.text == "국내 로봇 기업은 2,412개입니다 [1]. 제조용 로봇 기업이 1,130개로 가장 많았습니다 [2]."


def test_a_quote_must_hold_the_month_asked_itself() -> None:
    asked = Question.parse("9월 Gradio의 월간 활성 사용자는 몇 명인가?", "ko")
    unit = "Gradio의 월간 활성 사용자는 8월 58만 명으로 급증했다."
    assert not asked.answered_by(unit + " 9월에는 61만 명으로 늘었다.", unit)
    assert asked.answered_by("9월에는 61만 명으로 늘었다. Gradio 월간 활성 사용자", "Gradio의 9월 월간 활성 사용자는 61만 명")


def test_months_are_read_in_both_languages_and_their_abbreviations() -> None:
    from qa.terms import terms

    assert terms("raised up to $4B in Sept 2023.").months == {9} == terms("2023년 9월").months
    assert terms("It may rain in May.").months == {5} and terms("Marketing in March").months == {3}
    assert terms("Revenue rose in Dec. and Jan.").months == {12, 1}
    # a name that begins as a month does is no month: "Marc" is no March, "Augustine" no August
    assert terms("Marc Andreessen and Augustine").months == frozenset()


def test_a_name_in_latin_letters_is_supported_by_its_korean_transliteration() -> None:
    source = "또 다른 AI의 대부 얀 르쿤이나 모자이크, 넷스케이프 창업자인 마크 앤드리슨 같은 사람들"
    assert support("The Netscape founder Marc Andreessen is named among the sceptics [1].", source,
                   ["Which Mosaic and Netscape founder is named among the sceptics of AI existential risk?"]).supported


def test_a_scale_word_is_part_of_its_number_not_a_noun_to_find() -> None:
    source = "Microsoft invested a further $10B into OpenAI in Jan. 2023."
    assert support("Microsoft invested an additional $10 billion into OpenAI [1].", source,
                   ["How much did Microsoft invest in OpenAI?"]).supported


def _from_reports(*units: tuple[str, str]) -> list[Evidence]:
    return [Evidence(n, text, Hit(Chunk(f"{doc}-{n}", doc, text, 1, ""), 1.0, "hybrid", doc, f"{doc}.txt"))
            for n, (doc, text) in enumerate(units, 1)]


def _over_one_report(claim: str, first: str, second: str, question: str) -> str:
    """What ``ground`` keeps of ``claim`` over two units of one report."""
    return ground(claim, _from_reports(("a", first), ("a", second)), [question])[0]


# drafts that only gave the question back
ECHOED = [Problem(ProblemKind.NOT_ITS_OWN, "says nothing of its own")]


def test_two_units_of_one_report_together_support_a_claim_neither_holds_alone() -> None:
    share, total = "언어 모델은 125개로 전체의 86.2%를 차지함", "2020~2023년 동안 총 144개의 모델이 출시되었음"
    question = ["What share of the models were language models?"]
    claim = "The language models were 86.2% of the 144 models [1]."
    text, problems = ground(claim, _from_reports(("a", share), ("a", total)), question)
    assert text == "The language models were 86.2% of the 144 models [1, 2]." and not problems
    # two reports' facts joined are a claim neither report makes
    text, problems = ground(claim, _from_reports(("a", share), ("b", total)), question)
    assert text == "" and [p.kind for p in problems] == [ProblemKind.UNSUPPORTED]


def test_a_pair_never_gives_one_subjects_figure_for_another() -> None:
    downloads = "Hugging Face 허브에서는 8월에만 6억 건의 모델 다운로드가 이루어졌다."
    users = "Gradio의 월간 활성 사용자는 8월 58만 명으로 급증했다."
    assert _over_one_report("Gradio had 600 million monthly users in August [1].", downloads, users,
                            "How many monthly active users did Gradio have in August?") == ""


def test_a_name_both_units_hold_does_not_anchor_the_others_figure() -> None:
    # "AI" is in both: only the unit naming Google may give Google's figure
    google = "2020~2023년 기간 중 초거대 AI 모델을 가장 많이 출시한 조직은 Google(19개)인 것으로 나타남"
    tasks = "두 가지 과업유형에 적용가능한 초거대 AI 모델은 2023년에는 32개로 크게 증가함"
    assert _over_one_report("Google released 32 large-scale AI models in 2023 [1, 2].", google, tasks,
                            "How many AI models did Google release in 2023?") == ""


@pytest.mark.parametrize("claim, source, held", [
    ("The rate was 1.39 billion won per dollar [1].", "민간 AI 투자 규모는 약 13.9억 달러로 9위", False),
    ("It was $1.39 billion [1].", "민간 AI 투자 규모는 약 13.9억 달러로 9위", True),
    ("The defendant repaid 25,260,000 yuan [1].", "피고인은 피해자에게 25,260,000원을 변제하였다.", False),
    ("Renewables made GBP 92.3 million [1].", "Table 2. Profit by segment (GBP million) Renewables → FY2023: 92.3", True),
    ("Renewables made 92.3 million pounds [1].", "Table 2. Profit by segment (GBP million) Renewables → FY2023: 92.3", True),
    ("Renewables made 92.3 million euros [1].", "Table 2. Profit by segment (GBP million) Renewables → FY2023: 92.3", False),
])
def test_an_amount_is_held_only_in_its_own_currency(claim: str, source: str, held: bool) -> None:
    assert support(claim, source, ["What does the report say about it?"]).supported is held


@pytest.mark.parametrize("question, passage_text", [
    # a name of a word and an acronym, the word written in Hangul
    ("Which 2020 OpenAI model brought transformers to images?", "구글-ViT('20), 오픈AI-Image GPT('20)"),
    ("오픈AI가 만든 모델은?", "OpenAI released Image GPT in 2020."),
    # a month in a numeric date, as Korean reports write one
    ("Which company announced a Korean model in October 2020?", "NAVER는 초대형 한국어 모델 개발 선언(‘20.10)"),
    ("2024년 11월에 발표한 기관은?", "정책 발표 (2024. 11. 5.)"),
    # a Latin name written as one with its neighbour, found as one word in Hangul
    ("Whom did Baidu recruit for its Silicon Valley AI lab?", "바이두의 실리콘밸리 AI랩 소속 연구원"),
    # a name given only in brackets is a gloss of the one before it
    ("How many times was ChatGPT mentioned on X (Twitter)?", "X(구 트위터)에서 ChatGPT가 5,430회 언급되며"),
    # a romanised firm: the brand spelled out, the kind of firm translated
    ("What was Hanul Chemical's net profit for 2024?", "한울화학의 2024년 당기순이익은 812억 원이다."),
    # a loanword Kiwi cuts in two (노스 + 게이트), and th written as ㅅ
    ("노스게이트 에너지의 순부채는?", "Northgate Energy net debt was 2.1x EBITDA."),
    # a Korean name romanised: "ng" is ㄴ + ㄱ here, not the ㅇ a loanword writes (Hangyeol / 한결)
    ("What does the Hangyeol Institute recommend?", "한결연구원은 월세 지원 기간 연장을 권고한다."),
    ("What did the Nuri-gu district head order?", "누리구청장은 영업정지 2개월 처분을 하였다."),
])
def test_the_gate_reads_dates_compound_names_and_glosses_as_a_reader_does(question: str, passage_text: str) -> None:
    assert question_coverage([question], [passage_text]).covered


def test_a_case_number_found_is_the_questions_name_and_a_poor_renderings_nouns_have_no_say() -> None:
    question, rendering = "Why did the court suspend the sentence in case 2024고단3310?", "2024고단3310 가짜 구속 사례의 이유는?"
    assert question_coverage([question, rendering], ["서울지방법원 2024고단3310 사기 판결: 징역형의 집행을 유예한다."]).covered
    assert not question_coverage([question, rendering], ["서울지방법원 2024고단3311 사기 판결: 징역형의 집행을 유예한다."]).covered


@pytest.mark.parametrize("question, passage_text", [
    ("Which company announced a Korean model in October 2020?", "국내 GDP는 2023.4조 원, 성장률 20.10%"),
    ("Whom did Baidu recruit for its Silicon Valley AI lab?", "바이두의 밸리 AI랩 소속 연구원"),
    ("How many times was ChatGPT mentioned on Twitter?", "ChatGPT가 5,430회 언급되며"),
    ("What was Hanul Chemical's net profit for 2024?", "하나은행의 2024년 당기순이익은 812억 원이다."),
    ("What was Hanul Chemical's net profit for 2024?", "한국화학의 2024년 당기순이익은 812억 원이다."),
    ("What does the Hangyeol Institute recommend?", "한겨레연구원은 월세 지원 기간 연장을 권고한다."),
    ("Why did the court suspend the sentence in case 2024고단3310?", "서울지방법원 2024고단3311 사기 판결: 집행유예"),
])
def test_decimals_half_names_and_names_outside_brackets_still_count(question: str, passage_text: str) -> None:
    assert not question_coverage([question], [passage_text]).covered


HEAT_PUMPS = ("Table 1. Residential heat pump sales Germany → Unit sales 2023: 356, Unit sales 2024: 193, Change: -45.8%",
              "Table 1. Residential heat pump sales Sweden → Unit sales 2023: 98, Unit sales 2024: 85, Change: -13.3%")
ASKED_CHANGE = ["Compare the 2024 change in heat pump sales in Germany and Sweden."]


def test_each_part_of_a_sentence_is_held_to_the_unit_it_cites() -> None:
    both = "Germany's sales decreased by 45.8% [1], while Sweden's decreased by 13.3% [2]."
    assert ground(both, _from_reports(*(("hp", u) for u in HEAT_PUMPS)), ASKED_CHANGE) == (both, [])
    text, problems = ground("Germany's sales decreased by 45.8% [1], while Sweden's rose by 13.3% [2].",
                            _from_reports(*(("hp", u) for u in HEAT_PUMPS)), ASKED_CHANGE)
    assert text == "Germany's sales decreased by 45.8% [1]." and "Sweden" in problems[0].detail


def test_a_fall_stated_in_words_is_the_tables_negative_change_and_a_rise_is_not() -> None:
    assert support("Germany's sales fell by 45.8% [1].", HEAT_PUMPS[0], ASKED_CHANGE).supported
    assert not support("Germany's sales rose by 45.8% [1].", HEAT_PUMPS[0], ASKED_CHANGE).supported


@pytest.mark.parametrize("claim, row", [
    ("2023년 시장 규모는 2조 2,300억 원입니다 [1].",
     "<표 1> 유형별 시장 규모 (단위: 억 원, %) 즉석조리식품 → 시장 규모(억 원) 2023년: 22,300, 성장률: 10.3%"),
    ("제18기 매출액은 1조 2,340억 원입니다 [1].", "<표 2> 손익계산서 (단위: 백만 원) 매출액 → 제18기: 1,234,000, 제17기: 1,100,000"),
    ("Germany sold 356,000 heat pumps in 2023 [1].", "Table 1. Heat pump sales Germany → Unit sales (thousands) 2023: 356"),
    # an amount and the share its "(%)" columns name: the other columns are the amount
    ("2024년 말 잔액은 1조 1,500억 원입니다 [1].",
     "<표 5> 지역별 대출 (계속) (단위: 억 원, %) 동부 → 2024년 말 잔액: 11,500, 부실률(%): 0.7"),
])
def test_a_bare_cell_is_read_with_its_columns_or_tables_unit(claim: str, row: str) -> None:
    assert support(claim, row, ["What does the table give?"]).supported


def test_a_cell_unit_never_scales_a_figure_into_another() -> None:
    row = "<표 1> 유형별 시장 규모 (단위: 억 원, %) 즉석조리식품 → 시장 규모(억 원) 2023년: 22,300, 성장률: 10.3%"
    assert not support("2023년 시장 규모는 22조 3,000억 원입니다 [1].", row, ["시장 규모는?"]).supported
    # a table of two units names neither for a column that names none
    assert not support("가맹점은 1,410억 원입니다 [1].", "<표 3> 현황 (단위: 곳, 억 원) 커피온도 → 2024년: 1,410", ["가맹점은?"]).supported


def test_a_rate_column_without_its_percent_sign_takes_no_amount_of_a_mixed_unit_note() -> None:
    row = "<표 5> 지역별 대출 (단위: 억 원, %) 동부 → 2024년 말 잔액: 11,500, 부실률: 0.7"
    assert not support("동부의 부실 금액은 7,000만 원입니다 [1].", row, ["동부의 부실 금액은?"]).supported


def test_a_clause_before_its_units_colon_is_a_claim() -> None:
    unit = "정부는 세 가지 대책을 발표했다: 요금 동결, 감면 확대, 노선 개편."
    assert ground("정부는 세 가지 대책을 발표했다 [1].", _evidence(unit), ["정부는 무엇을 했나?"])[0]


def test_a_cell_written_bare_is_its_columns_quantity_not_any_kind() -> None:
    row = ("<표 1> 분야별 예산 및 지원 대상자 (단위: 억 원, 명) 장애인 지원 → 2024년 실적 예산(억 원): 148, "
           "2024년 실적 대상자(명): 6,350, 2025년 계획 예산(억 원): 161")
    asked = ["장애인 지원 분야의 2024년 실적 대상자 수는 몇 명인가?"]
    assert not support("2024년 실적 대상자 수는 161명입니다 [1].", row, asked).supported  # a budget, not people
    assert support("2024년 실적 대상자 수는 6,350명입니다 [1].", row, asked).supported
    assert support("2025년 계획 예산은 161억 원입니다 [1].", row, asked).supported


@pytest.mark.parametrize("claim, question", [
    ("As explained in the slides [1].", "What is self-supervised learning?"),
    ("이에 대해서는 다음과 같이 설명한다 [1].", "자기지도학습이란?"),
])
def test_a_sentence_its_source_holds_nothing_of_states_nothing(claim: str, question: str) -> None:
    verdict = support(claim, "검색 증강 생성은 외부 지식을 활용해 답변의 정확도를 높인다.", [question])
    assert not verdict.supported and verdict.found == 0


def test_a_rendering_that_dropped_the_questions_name_does_not_vouch_for_it() -> None:
    question = "리버턴시 자전거 공유 프로그램의 2025년 목표 이용 건수는 몇 건이야?"
    unrelated = "복지 사각지대 발굴 건수는 2024년 3,950건에서 2025년 4,800건으로 목표를 높였다."
    assert not question_coverage([question, "How many people will use the bicycle sharing program in 2025?"],
                                 [unrelated]).covered
    assert question_coverage([question, "How many trips will the Riverton bike-share program target in 2025?"],
                             ["Riverton Bike-Share Program 2024 Annual Review: trips rose 17.2%."]).covered


def test_a_draft_of_markers_alone_is_never_the_answer(robots: HybridRetriever) -> None:
    model, answer = _ask(robots, "2024년 국내 로봇 기업은 몇 개인가?", "[1]", "[1]")
    assert len(model.calls) == 2 and strip_markers(answer.text).strip() and answer.path != "llm"



def test_a_lists_numbering_is_no_claim_though_its_number_is_in_the_unit() -> None:
    units = _from_reports(("a", "센터 9곳은 모두 구 중심부에 있어 외곽 2개 동에서는 멀다."))
    text, problems = ground("The reasons are as follows [1]. 2 [1]. 9 [1].", units, ["Why do few residents use the centres?"])
    assert "2 [1]" not in text and "9 [1]" not in text and len(problems) >= 2


def test_a_figure_alone_is_an_answer() -> None:
    units = _from_reports(("a", "2020~2023년 기간 중 총 144개의 초거대 AI 모델이 출시되었다."))
    assert ground("144 [1]", units, ["How many large-scale AI models were released in 2020-2023?"])[0] == "144 [1]"


def test_a_rows_caption_in_a_retrieved_passage_of_its_report_counts_as_shown() -> None:
    from qa.fallback import report_shown

    asked = Question.parse("한빛전자 현금흐름표에서 제9기 영업활동현금흐름은 얼마인가?", "ko")
    row = "영업활동현금흐름 → 제10기(당기): 4,120, 제9기(전기): 3,870"
    unit = Evidence(1, row, Hit(Chunk("c1", "d1", row, 1), 1.0, "hybrid", "한빛전자 감사보고서", "r.pdf"))
    caption = Hit(Chunk("c0", "d1", "제10기 2024. 12. 31. 현재 한빛전자 현금흐름표 (단위: 백만 원)", 0), 0.5, "hybrid")
    other = Hit(Chunk("c9", "d2", "다른 회사 현금흐름표", 0), 0.5, "hybrid")
    assert not asked.answered_by(row, row, report_shown(unit, [unit]))
    assert asked.answered_by(row, row, report_shown(unit, [unit], [caption]))
    assert not asked.answered_by(row, row, report_shown(unit, [unit], [other]))  # another report's passage


def test_the_quote_is_the_unit_saying_the_questions_rarer_words() -> None:
    # every unit says 데이터; only the third says 원본 as well as 부족함: that one answers
    units = _from_reports(("a", "GAN 모델로 합성 데이터를 생성하여 민감한 정보를 우회한다."),
                          ("a", "불균형으로 데이터가 부족할 때 GAN 모델로 부족한 데이터를 생성한다."),
                          ("a", "데이터 증강 모델 등을 활용해 원본데이터의 부족함을 보충한다."))
    asked = Question.parse("생성 모델은 원본 데이터의 부족함을 어떻게 메워 주나요?", "ko", [])
    assert to_quote(asked, ECHOED, "", units).n == 3


def test_a_quote_holds_the_phrase_the_asker_quotes_itself_not_in_a_neighbouring_row() -> None:
    table = "조사 표 (N=500)\nID\t세부 기술\t이용 의사\n3\t음성 합성 기술\t61.0\n4\t영상 분할 기술\t72.4"
    rows = ["3 → 세부 기술: 음성 합성 기술, 이용 의사: 61.0", "4 → 세부 기술: 영상 분할 기술, 이용 의사: 72.4"]
    units = [Evidence(n, row, Hit(Chunk("t", "d", table, 1, ""), 1.0, "hybrid", "d", "d.txt"))
             for n, row in enumerate(rows, 1)]
    asked = Question.parse("조사 표에서 '영상 분할 기술'의 이용 의사는 얼마인가요?", "ko", [])
    assert not asked.answered_by(source_of(units[0]), rows[0], "", table)
    assert asked.answered_by(source_of(units[1]), rows[1], "", table)
    assert to_quote(asked, ECHOED, "", units).n == 2


def test_a_why_is_never_answered_by_quoting_a_table_row() -> None:
    row = "<표 2> 부문별 영업이익 (단위: 억 원) 국내 음료 → 영업이익 2Q25: 41, 영업이익 2Q24: 45"
    reason = "국내 음료 부문의 영업이익은 원재료 가격 상승으로 줄었다."
    asked = Question.parse("국내 음료 부문의 영업이익이 줄어든 이유는?", "ko", [])
    assert to_quote(asked, ECHOED, "", _from_reports(("a", row))) is None
    assert to_quote(asked, ECHOED, "", _from_reports(("a", row), ("a", reason))).n == 2


def test_an_entry_of_a_reference_list_is_never_the_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = '[6] Vesta Labs, "Language models are few-shot learners", 2020.5.'
    asked = Question.parse("Vesta Labs의 창립자는 누구인가요?", "ko", [])  # the entry names the lab, not who founded it
    pointed = [Problem(ProblemKind.UNSUPPORTED, "no evidence states it", 1)]
    assert to_quote(asked, pointed, "", _from_reports(("a", entry))) is None
    monkeypatch.setenv("RAGQA_ABLATE", "reference-quote")
    assert to_quote(asked, pointed, "", _from_reports(("a", entry))) is not None


@pytest.mark.parametrize("draft", ["저자들은 BERT, GPT 등이라고 부르나요 [1].", "Do the authors call it BERT? [1]"])
def test_a_sentence_that_asks_answers_nothing_though_its_names_are_the_units(draft: str) -> None:
    unit = _from_reports(("a", "구글을 떠난 저자들이 만든 BERT, GPT 등 트랜스포머 모델이 쏟아졌다."))
    text, problems = ground(draft, unit, ["트랜스포머 논문 저자들을 뭐라고 부르나요?"])
    assert text == "" and [p.kind for p in problems] == [ProblemKind.NOT_ITS_OWN]
    assert ground("저자들은 BERT, GPT 등을 만들었다 [1].", unit, ["저자들은 무엇을 만들었나요?"])[0]


def test_a_pair_never_joins_the_questions_subject_to_another_units_name() -> None:
    # 가온소프트 is in one unit, AURORA DB in the other: naming one after the other is a relation neither states
    maker = "가온소프트는 초거대 AI 모델 2개를 공개했다."
    source = "미국 민간 연구단체인 'AURORA DB'가 업데이트한 초거대 AI 모델 현황 DB를 활용했다."
    assert _over_one_report("가온소프트가 개발한 초거대 AI 모델의 이름은 'AURORA DB'입니다 [1, 2].", maker, source,
                            "가온소프트가 개발한 초거대 AI 모델의 이름은?") == ""


def test_a_stop_after_an_abbreviation_before_a_number_ends_no_sentence() -> None:
    assert sentences("The editor of the Review No. 4 is Ha Jun [1]. Sales rose 3. Fig. 2 shows it [2].") == [
        "The editor of the Review No. 4 is Ha Jun [1].", "Sales rose 3.", "Fig. 2 shows it [2]."]


def test_a_name_set_out_syllable_by_syllable_is_the_claims_own_word() -> None:
    from qa.terms import terms

    assert "하지원" in terms("The editor of the Review No. 4 is 하 지 원 [1].").names
    assert not terms("이 두 곳 중 한 곳을 골랐다").names  # a run of ordinary one-syllable words
    units = _from_reports(("a", "▶ 편집인 : 하 지 원"))
    text, problems = ground("The editor of the Review No. 4 is 하 지 원 [1].", units, ["Who is the editor of the Review No. 4?"])
    assert text and not problems


def test_a_part_that_ends_on_a_particle_never_says_its_claim() -> None:
    # not copied from its unit word for word, yet every word is the unit's: the claim never comes
    unit = "구글을 떠난 트랜스포머 논문 저자들은 BERT와 GPT 이후 스타트업을 차렸고, 블로그에서는 이들을 트랜스포머 마피아라 부른다."
    evidence = _evidence(unit)
    text, problems = ground("트랜스포머 논문 저자들은 BERT, GPT를 블로그에서는 [1].", evidence, ["저자들을 블로그에서는 뭐라고 부르나요?"])
    assert text == "" and "mid-sentence" in problems[0].detail
    # a bare "when" or "where" answer may end on its particle
    assert ground("2028년까지 [1].", _evidence("요금은 2028년까지 단계적으로 인상된다."), ["요금은 언제까지 인상되나요?"])[0]


@pytest.mark.parametrize(("claim", "source", "held"), [
    # the figure is the source's, the way it moved is not
    ("구동칩 매출은 2.8% 늘었다 [1].", "구동칩 매출은 3,120억 원으로 2.8% 줄었다.", False),
    ("구동칩 매출은 2.8% 증가했다 [1].", "구동칩 3,120 3,210 -90 -2.8%", False),
    ("Revenue grew 4.1% [1].", "Revenue fell 4.1% to $2.3 billion.", False),
    ("Imports rose 3.1% [1].", "Exports rose 5.2%, while imports fell 3.1%.", False),
    # the way the source says it moved, or a figure it gives without saying
    ("구동칩 매출은 2.8% 감소했다 [1].", "구동칩 매출은 3,120억 원으로 2.8% 줄었다.", True),
    ("구동칩 매출은 2.8% 감소했다 [1].", "구동칩 3,120 3,210 -90 -2.8%", True),
    ("Exports rose 5.2% [1].", "Exports rose 5.2%, while imports fell 3.1%.", True),
    ("The share grew to 2.8% [1].", "The share was 2.8% in 2024.", True),
    # a sentence that says both ways leaves the figures to the value check
    ("Exports rose 5.2% and imports fell 3.1% [1].", "Exports rose 5.2%, while imports fell 3.1%.", True),
])
def test_a_figure_moved_the_way_its_source_says(claim: str, source: str, held: bool) -> None:
    verdict = support(claim, source)
    assert verdict.supported is held, verdict


@pytest.mark.parametrize(("question", "whether"), [
    ("2024나20871 판결 뒤 피고가 대법원에 상고했어?", True), ("이 보고서는 감사를 받았습니까?", True),
    ("Did the defendant appeal to the Supreme Court?", True), ("매출액은 얼마였나요?", False),
    ("감사보고서의 핵심감사사항을 알려줘", False), ("Is Korea or Japan ahead?", False), ("한국은 몇 위인가?", False),
    ("What did the court decide?", False), ("2023년 매출을 알려줄래?", False), ("보고서를 요약해 줄 수 있나요?", False),
    ("Can you tell me the revenue in 2023?", False)])
def test_a_question_asking_whether(question: str, whether: bool) -> None:
    from qa.support import asks_whether

    assert asks_whether(question) is whether


def test_asked_whether_a_quote_must_say_every_noun_of_the_question(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = Question.parse("2024나20871 판결 뒤 피고가 대법원에 상고했어?", "ko")
    unit = "제1심판결은 정당하므로 피고의 항소를 기각하기로 하여, 주문과 같이 판결한다."
    source = f"{unit}\n한빛지방법원 2024나20871 임대차보증금반환 판결"
    report = "피고, 항소인 최만석\n주 문\n1. 피고의 항소를 기각한다."
    assert not asked.answered_by(source, unit, report)  # the parties and the ruling, not the appeal
    said = "피고는 2024나20871 판결 뒤 대법원에 상고하였다."
    assert asked.answered_by(f"{said}\n한빛지방법원 2024나20871 임대차보증금반환 판결", said, report)
    monkeypatch.setenv("RAGQA_ABLATE", "whether-quote")
    assert asked.answered_by(source, unit, report)


def test_what_a_source_lacks_is_named_in_one_order_in_every_process() -> None:
    """The retry prompt quotes it: a set's order, which changes with the process's hash seed,
    made the same question's second draft differ from run to run."""
    import subprocess
    import sys

    code = ("from qa.support import support; print(support('The court cited remorse, restitution, settlement and "
            "leniency [1].', '피고인은 피해자와 합의하였다.', ['Why was the sentence suspended?']).missing)")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(runs) == 1 and "leniency" in runs.pop()


@pytest.mark.parametrize("claim, names", [
    ("Increase the monthly rent support from 12 months to 24 months [1].", set()),  # a list's item, in the imperative
    ("Under the plan, support rises to 24 months [1].", set()),
    ("Samsung extended the support to 24 months [1].", {"samsung"}),  # a name opening a sentence stays one
])
def test_a_word_an_article_follows_opens_a_sentence_and_is_no_name(claim: str, names: set[str]) -> None:
    from qa.terms import terms

    assert set(terms(claim).names) == names


def test_an_english_item_in_the_imperative_is_supported_by_its_korean_source() -> None:
    source = "1. 월세 지원 기간을 12개월에서 24개월로 늘리고, 소득 기준을 70% 이하로 완화한다."
    assert support("Increase the monthly rent support from 12 months to 24 months [1].", source,
                   ["What does the report recommend?"]).supported


@pytest.mark.parametrize(("korean", "english"), [("북미", "North America"), ("유럽", "Europe"), ("중남미", "Latin America")])
def test_a_world_region_is_held_by_its_name_in_the_other_script(korean: str, english: str) -> None:
    # CLDR's region names in both languages (Babel), and the names Korean reports use (북미)
    assert holds_name(passage(f"PhD graduates in {english} entering industry grew."), korean)
    assert holds_name(passage(f"{korean} 지역의 매출은 늘었다."), english)


def test_a_region_is_not_held_by_another_region_nor_the_world() -> None:
    assert not holds_name(passage("PhD graduates in North America entering industry grew."), "남미")
    assert not holds_name(passage("세계 최초의 모델이다."), "North America")
    # a Korean question naming a region is covered by an English passage naming it
    sources = ["The number of new AI PhD graduates in North America entering industry grew from 44.4% to 48%."]
    assert question_coverage(["북미 AI 박사 졸업생의 산업계 진출 비율은?"], sources).covered
    assert not question_coverage(["남미 AI 박사 졸업생의 산업계 진출 비율은?"], sources).covered


def test_an_english_sentence_quoting_a_korean_term_reads_its_english_words_as_words() -> None:
    """Hangul makes up half its letters, but "is called" is English: its words are compared,
    not held to the Korean unit as names."""
    from qa.terms import terms

    claim = "XSI is called '초극한지능' [1]."
    assert not terms(claim).korean and "called" not in terms(claim).names
    source = "인공지능은 세 단계로 나뉜다. 가장 높은 단계는 '초극한지능(XSI)'이다."
    assert support(claim, source, ["In the three tiers, what is the top tier, XSI, called?"]).supported
    # a Korean sentence that names Latin terms is still Korean, its Latin words names
    assert terms("closed-book QA는 사전 학습 지식만으로 답한다").korean


# --- a road address's number is no quantity (rule address-number) ---

_CAPTION = "원 → 건: 고, 2024가합1 손해배상: 주식회사 갑을건설 가람시 중앙대로 214"


def test_a_figure_its_source_gives_only_as_a_road_number_is_not_supported(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not support("The court awarded 214 [1].", _CAPTION, ["How much did the court award?"]).supported
    # asked the address, the claim writes it as one
    assert support("갑을건설의 주소는 가람시 중앙대로 214입니다 [1].", _CAPTION, ["갑을건설의 주소는?"]).supported
    monkeypatch.setenv("RAGQA_ABLATE", "address-number")
    assert support("The court awarded 214 [1].", _CAPTION, ["How much did the court award?"]).supported


def test_a_word_that_takes_the_particle_ro_names_no_road() -> None:
    from qa.numbers import normalize_numbers
    from qa.support import is_address

    assert is_address("가람시 장터길 21에서", normalize_numbers("21")[0])
    assert not is_address("그 결과로 12", normalize_numbers("12")[0])
    assert not is_address("장터길 21에서 12명이", normalize_numbers("12")[0])
    # an English address is its whole number, not the digits it begins with
    assert is_address("at 214 Jungang-daero", normalize_numbers("214")[0])
    assert not is_address("at 214 Jungang-daero", normalize_numbers("21")[0])


@pytest.mark.parametrize(("claim", "source", "question"), [
    ("The new road is 12 km long [1].", "신설 도로 12km 구간", "How long is the new road?"),  # a length after 도로
    ("개통은 2026년이다 [1].", "계획대로 2026년 개통", "개통은 언제?"),  # a year after 계획대로
    ("The runway is 3,200 m long [1].", "활주로 3,200m", "How long is the runway?"),
    ("도로 연장은 12km이다 [1].", "구분\t도로\t12", "도로 연장은?"),  # a table's cells, not an address
    ("직원은 214명이다 [1].", "본사 중앙대로 214, 직원 214명", "직원은 몇 명?"),  # the value is a quantity elsewhere
    ("Gapeul Construction is at 214 Jungang-daero [1].", _CAPTION, "Where is Gapeul Construction?"),
])
def test_a_number_beside_a_road_word_that_is_a_quantity_or_an_address_claimed_stays_supported(
        claim: str, source: str, question: str) -> None:
    assert support(claim, source, [question]).supported
