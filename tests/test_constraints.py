"""What a question pins down, in both languages, and what covers it."""

from __future__ import annotations

import pytest

from qa.constraints import (
    Constraints,
    coverage,
    covers_kind,
    read_constraints,
    without_source,
)
from qa.countries import countries_in
from qa.passages import written_across
from qa.subjects import (
    alternatives,
    mentions,
)


@pytest.mark.parametrize(("question", "year", "span", "countries", "kind"), [
    ("2023년 한 해에만 위성이 몇 개 발사됐나요?", 2023, None, (), "count"),
    ("In 2023 alone, how many satellites did Japan launch?", 2023, None, ("JP",), "count"),
    ("2020~2023년 독일의 순위는?", None, (2020, 2023), ("DE",), "rank"),
    ("Where does South Korea rank between 2020 and 2023?", None, (2020, 2023), ("KR",), "rank"),
    ("우리나라의 투자 규모는 얼마인가?", None, None, ("KR",), "money"),
    ("What share of the satellites were commercial?", None, None, (), "share"),
    ("연평균 증가율(CAGR)은?", None, None, (), "growth"),
    ("인도네시아의 예산은?", None, None, ("ID",), "money"),  # not India: the longer name wins
    ("In what year did the lab introduce the Zephyr architecture?", None, None, (), "year"),
    ("제퍼 구조는 언제 처음 나왔나요?", None, None, (), "year"),
    ("위원장의 임기는 몇 년인가요?", None, None, (), ""),  # a duration, not a date
])
def test_constraints_in_both_languages(question: str, year: int | None, span: tuple | None,
                                       countries: tuple, kind: str) -> None:
    c = read_constraints(question)
    assert (c.year, c.span, c.countries, c.kind) == (year, span, countries, kind)


def test_latin_names_are_kept_but_not_question_words_or_country_words() -> None:
    c = read_constraints("How many models did Google release in South Korea?")
    assert c.names == ("Google",) and c.countries == ("KR",)


def test_country_names_in_korean_and_english_and_aliases() -> None:
    assert countries_in("미국과 중국 다음으로 세 번째") == {"US", "CN"}
    assert countries_in("the United States and the UK") == {"US", "GB"}
    assert countries_in("우리나라는 세 번째") == {"KR"}
    assert countries_in("Chinese firms") == set()  # a demonym is not the country's name


def test_at_home_is_korea_unless_another_country_is_named_right_before_it() -> None:
    assert countries_in("국내 기업은 412개") == {"KR"}
    # a Korean firm's domestic sales beside its plant abroad are still Korea's
    assert countries_in("국내 음료 매출은 늘었고 미국 공장 가동률은 88%였다") == {"KR", "US"}
    assert countries_in("일본 국내 판매는 줄었다") == {"JP"}
    assert countries_in("국내외 시장") == set()


def test_coverage_counts_the_unit_fully_and_its_context_at_half() -> None:
    c = Constraints(year=2023, countries=("JP",))
    assert coverage(c, "2023년 일본은 3건을 출시했다") == 1.0
    assert coverage(c, "일본(3건) 순으로 많았음", context="2023년에는 미국이 가장 많았고") == 0.75
    assert coverage(c, "프랑스는 5건") == 0.0
    assert coverage(Constraints(), "anything") == 1.0


def test_a_name_is_covered_where_the_unit_writes_it_in_the_other_script() -> None:
    # an English question over a Korean report: the unit that says the name in Hangul
    # covers it as fully as one that quotes the Latin spelling
    c = read_constraints("Which Nokia device was tested by the lab?")
    assert c.names == ("Nokia",)
    assert coverage(c, "노키아는 시험실에서 새 기기를 시험했다", across=written_across) == 1.0
    assert coverage(c, "Nokia phones were sold", across=written_across) == 1.0
    assert coverage(c, "노트북 시장이 커졌다", across=written_across) == 0.0


@pytest.mark.parametrize(("text", "kind", "covered"), [
    ("한국은 세 번째로 많은 모델을 개발", "rank", True),
    ("한국은 11개의 모델을 개발", "rank", False),
    ("언어 모델이 전체의 86.2%를 차지", "share", True),
    ("언어 모델은 125개", "share", False),
    ("투자 규모는 13.9억 달러", "money", True),
    ("연평균 226.1% 증가", "growth", True),
    ("모델 28개가 출시", "count", True),
    ("숫자가 없는 문장", "count", False),
    ("제퍼(연구소, 2016)가 등장하기 이전에는", "year", True),
    ("연구소-Zephyr('19) 공개", "year", True),
    ("제퍼 구조는 연구소에서 개발한 모델", "year", False),
    ("위성 2,019개를 발사", "year", False),  # a count that looks like a year
    ("Vireo Large: 2024-02-26, Oriole: 2024. 7. 1.", "count", False),  # whole dates: no month or day left as a figure
    ("매출은 2,023.5억 원", "money", True),  # a figure with a year's digits is no date
])
def test_a_unit_states_the_kind_of_quantity_asked(text: str, kind: str, covered: bool) -> None:
    assert covers_kind(text, kind) == covered


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("2022년 기술 점수는 중국과 유럽 중 어디가 더 높았나요?", ["중국", "유럽"]),
        ("현재 활용도는 '데이터 보안 기술'과 '이미지 분석 기술' 중 어느 쪽이 더 높나요?", ["데이터 보안 기술", "이미지 분석 기술"]),
        ("In 2018, which scored higher, Japan or China?", ["Japan", "China"]),
        ("Did Korea or Japan release more models in 2023?", ["Korea", "Japan"]),
        ("Which is larger, the US market or the Chinese market?", ["US market", "Chinese market"]),
        ("한국은 몇 위인가?", []),
        ("How many models were released in 2023?", []),
        ("한국이나 일본 중 어디가 많나?", ["한국", "일본"]),
        ("정부와 기업 중심의 투자는?", []),  # 중심 is not 중
    ],
)
def test_alternatives_of_a_comparison(question: str, sides: list[str]) -> None:
    assert alternatives(question) == sides


def test_a_unit_mentions_a_side_by_country_in_either_language_or_by_most_of_its_words() -> None:
    assert mentions("중국 → 2018년: 86.8", "China") and not mentions("일본 → 2018년: 85.7", "China")
    assert mentions("딥러닝 기반 이미지 분석 및 처리 기술 → 73.3", "딥러닝 기반 이미지 분석 및 처리 기술")
    assert not mentions("머신러닝 기반 데이터 보안 및 보호 기술 → 70.1", "딥러닝 기반 이미지 분석 및 처리 기술")


def test_an_exact_mention_is_the_whole_name_without_another_version_joined_to_it() -> None:
    assert mentions("Vesta2에 대해서는 거의 공개하지 않았다.", "Vesta")  # loosely, a longer name will do
    assert not mentions("Vesta2에 대해서는 거의 공개하지 않았다.", "Vesta", exact=True)
    assert not mentions("Vesta-2 모델", "Vesta", exact=True) and not mentions("Vestament 모델", "Vesta", exact=True)
    assert mentions("Vesta(베스타) 출시일: 22.04.04., 파라미터 수: 5,400억 개", "Vesta", exact=True)
    assert mentions("Vesta 2 모델", "Vesta2", exact=True) and mentions("VESTA의 성능", "Vesta", exact=True)


def test_month_names_are_not_names_and_country_names_only_match_whole_words() -> None:
    assert read_constraints("How many users did Gradio have in August 2023?").names == ("Gradio",)
    assert read_constraints("2022년 기술 점수는?").kind != "count"  # 점수는 is a score, not 수는


@pytest.mark.parametrize(
    ("question", "scored"),
    [
        ("Who introduced GANs, and in what year, according to the NIA report?", "Who introduced GANs, and in what year?"),
        ("How long does fine-tuning GPT-4 take, according to the slides on the pros and cons of LLMs?",
         "How long does fine-tuning GPT-4 take on the pros and cons of LLMs?"),  # the slides' topic stays
        # the year, the country and a topic phrase are what is asked, never where to look
        ("How many startups in Korea in 2023 according to the SPRI report?", "How many startups in Korea in 2023?"),
        ("생성형 AI 시장 보고서에 따르면 2025년 시장 규모는?", "생성형 AI 시장 2025년 시장 규모는?"),
        ("2023년 AI 투자 자료에서 미국의 비중은 얼마인가?", "2023년 AI 투자 자료에서 미국의 비중은 얼마인가?"),
        ("What are the key findings from the literature review on transformers?",
         "What are the key findings from the literature review on transformers?"),
        ("In the lecture slides' capability comparison, which score went down?", "capability comparison, which score went down?"),
        ("NIA 보고서에 따르면 GAN을 소개한 사람은?", "GAN을 소개한 사람은?"),
        ("What did the report say?", "What did the report say?"),  # nothing left to ask without it
        ("How many models were released in 2023?", "How many models were released in 2023?"),
    ],
)
def test_the_words_that_say_where_to_look_are_not_scored_against_units(question: str, scored: str) -> None:
    assert without_source(question) == scored


def test_a_list_item_can_take_its_leads_subject_at_a_chosen_weight() -> None:
    c = read_constraints("How many words of GPT-3's data came from crawling?")
    assert coverage(c, "크롤링(4,100억개)", "GPT-3는 초대규모 모델이다") == 0.5
    assert coverage(c, "크롤링(4,100억개)", "GPT-3는 초대규모 모델이다", near=0.8) == 0.8
    assert coverage(c, "GPT-3의 데이터", "") == 1.0


def test_the_report_a_korean_question_names_is_where_to_look_not_a_name() -> None:
    assert read_constraints("NIA 보고서에서 GAN을 소개한 사람은?").names == ("GAN",)
    assert read_constraints("According to the NIA report, who introduced GANs?").names == ("GANs",)


def test_a_name_is_covered_however_its_hyphens_and_spaces_fall() -> None:
    c = read_constraints("How many months did fine-tuning GPT-4 take?")
    assert coverage(c, "GPT4의 Fine tuning 약 6개월 소요") == 1.0
    assert coverage(c, "GPT 4 튜닝은 6개월") == 1.0
    assert coverage(c, "GPT-3 튜닝은 6개월") == 0.0


def test_a_questions_opening_adverb_is_not_a_name() -> None:
    assert read_constraints("Roughly how many months did fine-tuning GPT-4 take?").names == ("GPT-4",)
    assert read_constraints("Approximately what share went to OpenAI?").names == ("OpenAI",)
    assert read_constraints("About how many users did Gradio have?").names == ("Gradio",)
    assert read_constraints("Lilly reported what in 2023?").names == ("Lilly",)


def test_a_sentences_opening_word_and_a_nationality_are_not_names() -> None:
    assert read_constraints("Besides caching, which technique do the slides list?").names == ()
    c = read_constraints("Apart from Vesta, which Japanese model is open?")
    assert c.names == ("Vesta",) and c.countries == ("JP",)


def test_the_words_naming_the_slides_a_question_cites_are_not_names() -> None:
    assert read_constraints("GPU의 수급 전망 슬라이드에 따르면 납기는 얼마나 걸리나요?").names == ()
    assert read_constraints("GPU의 납기는 얼마나 걸리나요?").names == ("GPU",)
    # before a word that is as often the subject's own (자료, 발표), the name stays
    assert read_constraints("Intel의 신제품 발표에서 무엇을 공개했나?").names == ("Intel",)


def test_folding_a_name_keeps_words_apart() -> None:
    c = read_constraints("What did Intel announce?")
    assert coverage(c, "The deal was signed in telecom markets.") == 0.0
    assert coverage(c, "Intel announced a chip.") == 1.0


def test_a_rate_named_by_its_suffix_asks_a_share_but_growth_and_exchange_rates_do_not() -> None:
    assert read_constraints("청년 임대주택 입주 경험률은?").kind == "share"
    assert read_constraints("가계대출 연체율과 잔액은?").kind == "share"
    assert read_constraints("2024년 성장률은?").kind == "growth"
    assert read_constraints("물가 상승률은?").kind != "share"
    # 법률, 효율, 환율 are no rates of a thing counted
    assert all(read_constraints(q).kind != "share" for q in ("관련 법률은 무엇인가?", "에너지 효율은?", "엔화 환율은?"))


@pytest.mark.parametrize(("question", "kind"), [
    ("2019년에 발표된 관련 논문은 몇 편인가요?", "count"), ("버스 몇 대를 투입하나?", "count"),
    ("회의는 몇 차례 열렸나?", "count"), ("권고는 몇 가지인가?", "count"),
    # a date or a time asked, and "몇몇" ("some"), ask no count
    ("몇 년에 출시됐나?", ""), ("몇 월에 발표했나?", ""), ("몇몇 기업이 참여했나?", ""),
    ("몇 위인가?", "rank"), ("몇 퍼센트인가?", "share"),
])
def test_how_many_of_any_counter_asks_a_number(question: str, kind: str) -> None:
    assert read_constraints(question).kind == kind
