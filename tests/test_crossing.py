"""A claim in one script checked against a source in the other by its words' translations
(qa/crossing.py through the support check), faked here with a word table; the real
multilingual encoder is checked in the slow test on invented pairs, which chose its bar."""

from __future__ import annotations

import numpy as np
import pytest

from qa import crossing
from qa.support import NOTHING_OWN, support

# words that translate each other share a vector; every other word gets one of its own
_PAIRS = {"tenant": "임차인", "ledger": "장부", "books": "책", "city": "시", "support": "지원", "deposit": "보증금",
          "registration": "등록", "number": "번호", "plan": "계획"}
SOURCE = "임대차 분쟁에서 집을 빌려 쓰는 임차인과 집을 빌려주는 임대인이 보증금 반환을 두고 다툰다"
QUESTION = "In the lease dispute, what is the party that rents the home called?"


class _WordTable:
    def embed_documents(self, texts: list[str]) -> np.ndarray:
        out = []
        for text in texts:
            key = next((en for en, ko in _PAIRS.items() if text in (en, ko)), text)
            v = np.random.default_rng(abs(hash(key)) % 2**32).normal(size=64)
            out.append(v / np.linalg.norm(v))
        return np.array(out, dtype=np.float32)


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = _WordTable()
    monkeypatch.setattr(crossing, "_encoder", lambda: encoder)


def test_an_english_claim_is_read_by_its_words_translation_in_a_korean_source(table: None) -> None:
    assert support("It is called the tenant [1].", SOURCE, [QUESTION]).supported


def test_an_english_claim_whose_word_the_korean_source_does_not_say_is_unsupported(table: None) -> None:
    verdict = support("It is called the ledger [1].", SOURCE, [QUESTION])
    assert not verdict.supported and "ledger" in verdict.missing


def test_without_the_rule_a_claim_with_no_name_or_figure_stands_on_nothing_across_scripts(
        table: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAGQA_ABLATE", "cross-script-nouns")
    assert not support("It is called the tenant [1].", SOURCE, [QUESTION]).supported


SOURCES = "학습에 활용된 데이터(단어)는 크롤링(4,100억개), 웹텍스트(190억개), 책1(120억개), 책2(550억개)로 구성된다"
WHICH = "Among the training data sources, which contributed more words: Books1 or Books2?"


def test_a_numbered_name_is_held_by_its_translation_with_the_same_number(table: None) -> None:
    assert support("Books2 contributed more words [1].", SOURCES, [WHICH]).supported
    # the number is read by its digits: Books3 is not 책3's to claim, nor 책2's
    verdict = support("Books3 contributed more words [1].", SOURCES, [WHICH])
    assert not verdict.supported and "books3" in verdict.missing
    # and the word by its translation: a ledger is no book
    assert not support("Ledger2 contributed more words [1].", SOURCES, [WHICH]).supported


def test_restating_the_question_says_nothing_in_any_script(table: None) -> None:
    question = "Which Kestrel and Arbor founder is named among the critics?"
    source = "비판자에는 Kestrel과 Arbor 창업자 한민준이 있다"
    verdict = support("The Kestrel and Arbor founders are named among the critics [1].", source, [question])
    assert not verdict.supported and NOTHING_OWN in verdict.missing
    # the sides of a choice are the user's question's, not those its rendering wrote
    rendering = "Kestrel과 Arbor 창업자 중 비판자로 꼽힌 사람은?"
    verdict = support("The Kestrel and Arbor founders are named among the critics [1].", source, [question, rendering])
    assert not verdict.supported and NOTHING_OWN in verdict.missing


@pytest.mark.parametrize("question", ["Which has more parameters, Vesta or Orin?",
                                      "Which of Vesta and Orin has more parameters?",
                                      "Between Vesta and Orin, which has more parameters?"])
def test_a_choice_answered_by_a_comparison_naming_both_sides_is_answered(table: None, question: str) -> None:
    source = "Vesta has 70 billion parameters, Orin 13 billion."
    assert support("Vesta has more parameters than Orin [1].", source, [question]).supported


def test_the_question_said_back_word_for_word_is_no_answer() -> None:
    question = "2023가단555 판결 뒤 원고가 고등법원에 항소했어?"
    source = "이 판결에 불복하는 당사자는 고등법원에 항소할 수 있다. 원고는 1심에서 일부 승소하였다."
    verdict = support("2023가단555 판결 뒤 원고가 고등법원에 항소했어 [1].", source, [question])
    assert not verdict.supported and NOTHING_OWN in verdict.missing
    assert support("원고는 1심에서 일부 승소하였다 [1].", source, [question]).supported
    # a part of it said back is no answer either; a side of a choice is
    assert NOTHING_OWN in support("원고가 고등법원에 항소했어 [1].", source, [question]).missing
    assert support("원고 한빛물류 주식회사 [1].", "원고 한빛물류 주식회사가 항소하였다.",
                   ["원고 한빛물류 주식회사와 피고 중 누가 항소했어?"]).supported


# Invented pairs from reports' everyday vocabulary: translations, and words of one topic that
# are not (a tenant is not the landlord, an export not an import).
TRANSLATIONS = [("revenue", "매출"), ("court", "법원"), ("budget", "예산"), ("tenant", "임차인"), ("landlord", "임대인"),
                ("subsidy", "보조금"), ("interest", "이자"), ("deposit", "보증금"), ("bus", "버스"), ("route", "노선"),
                ("passenger", "승객"), ("fee", "수수료"), ("penalty", "과징금"), ("profit", "이익"), ("loss", "손실"),
                ("debt", "부채"), ("asset", "자산"), ("population", "인구"), ("elderly", "노인"), ("housing", "주택"),
                ("rent", "월세"), ("school", "학교"), ("hospital", "병원"), ("vaccine", "백신"), ("export", "수출"),
                ("import", "수입"), ("factory", "공장"), ("battery", "배터리"), ("semiconductor", "반도체"),
                ("sales", "판매"), ("judge", "판사"), ("defendant", "피고인"), ("appeal", "항소"), ("contract", "계약"),
                ("employee", "직원"), ("wage", "임금"), ("overtime", "연장근로"), ("customer", "고객"), ("store", "매장"),
                ("price", "가격")]
NEIGHBOURS = [("revenue", "비용"), ("court", "피고"), ("budget", "인구"), ("tenant", "임대인"), ("landlord", "보증금"),
              ("subsidy", "이자"), ("deposit", "월세"), ("bus", "지하철"), ("passenger", "노선"), ("fee", "이익"),
              ("profit", "부채"), ("asset", "손실"), ("export", "수입"), ("hospital", "학교"), ("battery", "반도체"),
              ("sales", "고객"), ("judge", "피고인"), ("appeal", "계약"), ("wage", "직원"), ("price", "매장"),
              ("route", "승객"), ("rent", "주택"), ("vaccine", "병원"), ("factory", "수출"), ("elderly", "인구"),
              ("defendant", "판사"), ("overtime", "임금"), ("customer", "판매"), ("interest", "부채"), ("penalty", "법원")]


@pytest.mark.slow
def test_the_multilingual_encoder_finds_most_translations_and_few_neighbours() -> None:
    found = sum(crossing.said_in(en, [ko]) for en, ko in TRANSLATIONS) / len(TRANSLATIONS)
    taken = sum(crossing.said_in(en, [ko]) for en, ko in NEIGHBOURS) / len(NEIGHBOURS)
    assert found >= 0.8 and taken <= 0.1, (found, taken)


def test_the_assistant_lends_the_retrievers_use_to_the_word_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    from index.embedders import StackedEmbedder, UseEmbedder
    from ragqa import factory

    use = UseEmbedder.__new__(UseEmbedder)  # no model is loaded: only the instance is lent
    monkeypatch.setattr(crossing, "_loaded", [])

    class Retriever:
        embedder = StackedEmbedder([use])

    factory._lend_word_reader(Retriever())
    assert crossing._loaded == [use]


def test_the_kind_of_body_after_a_romanised_name_is_held_by_its_translation(table: None) -> None:
    question = ["What is the publication registration number of Haeon City's 2025 plan?"]
    source = "발간등록번호 HO-2025-0147 해온시 제3기 지역사회보장계획 2025년 연차별 시행계획"
    assert support("Haeon City's 2025 plan has the registration number HO-2025-0147 [1].", source, question).supported
    # the body's kind alone is no name: another city's
    assert not support("Gangnam City has 5 parks [1].", "서울시에는 공원이 5개 있다.",
                       ["How many parks does Gangnam City have?"]).supported


def test_a_word_after_a_held_name_is_no_kind_of_body_unless_the_passage_says_it(table: None) -> None:
    # "Mark" is 마크, but "Allen" is no word of the passage: another person's name
    source = "또 다른 AI의 대부 얀 르쿤이나 모자이크, 넷스케이프 창업자인 마크 앤드리슨 같은 사람들"
    question = ["Which Mosaic and Netscape founder is named among the sceptics?"]
    assert not support("Mark Allen is named among the sceptics [1].", source, question).supported


def test_the_questions_own_name_held_leaves_the_claims_words_to_be_read(table: None) -> None:
    # "Haeon City" is the question's: what the claim adds about it is its words, read across scripts
    source = "해온시는 올해 임차인 보증금 지원을 늘렸다"
    question = ["What did Haeon City do for people who rent their homes?"]
    assert support("Haeon City supported the tenant deposits [1].", source, question).supported
    assert not support("Haeon City audited the ledger [1].", source, question).supported


# --- the thing asked, read across scripts by the quote check (qa.focus.holds_focus_across) ---

_ROW = "Vesta 매개 → 계획 번호: 12"


def test_a_unit_saying_what_is_asked_in_translation_answers_despite_the_renderings_word(table: None) -> None:
    from qa.question import Question

    # the rendering chose 등록 for "plan"; the unit writes 계획, which translates the user's word
    asked = Question.parse("What is the plan of Vesta?", "en", ["Vesta의 등록은 무엇인가?"])
    assert asked.answered_by(_ROW, _ROW)


def test_a_unit_saying_neither_word_does_not_answer(table: None) -> None:
    from qa.question import Question

    asked = Question.parse("What is the deposit of Vesta?", "en", ["Vesta의 등록은 무엇인가?"])
    assert not asked.answered_by(_ROW, _ROW)


def test_without_the_rule_only_the_renderings_word_counts(table: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from qa.question import Question

    monkeypatch.setenv("RAGQA_ABLATE", "focus-across")
    asked = Question.parse("What is the plan of Vesta?", "en", ["Vesta의 등록은 무엇인가?"])
    assert not asked.answered_by(_ROW, _ROW)


def test_no_focus_in_the_users_words_leaves_the_renderings_to_be_said(table: None) -> None:
    from qa.question import Question

    # "How much is …'s deposit?" names no focus the English reader finds: the rendering's 보증금
    # must still be said by the unit, in its word or one meaning the same
    asked = Question.parse("How much is Vesta's deposit?", "en", ["Vesta의 보증금은 얼마인가?"])
    assert not asked.answered_by(_ROW, _ROW)


# --- "X because Y": the source speaks of X too (support, cause-held) ---

_PHDS = "북미 AI 박사 졸업생의 학계 진출 비율은 2010년 42.1%에서 2019년 23.7%로 감소"


def test_a_reason_cited_from_a_unit_that_never_speaks_of_what_happened_is_unsupported(
        table: None, monkeypatch: pytest.MonkeyPatch) -> None:
    claim = "The report notes that AI safety talks are speeding up because the academia share fell from 42.1% to 23.7% [1]."
    question = ["Why are AI safety talks speeding up?"]
    verdict = support(claim, _PHDS, question)
    assert not verdict.supported and "safety" in verdict.missing
    # what happened said by the source, in translation: the reason stands
    plan = "시 계획은 2023년 42.1%에서 23.7%로 축소되었다"
    assert support("The city plan shrank because funding fell from 42.1% to 23.7% [1].", plan,
                   ["Why did the city plan shrink?"]).supported
    monkeypatch.setenv("RAGQA_ABLATE", "cause-held")
    assert support(claim, _PHDS, question).supported


def test_within_one_script_what_happened_is_looked_for_by_its_words(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "Northgate's heat pump sales in Europe fell 20.3% in 2024. Gas became cheaper, by about half."
    assert support("Northgate's heat pump sales fell because gas became cheaper by half [1].", source,
                   ["Why did Northgate's heat pump sales fall?"]).supported
    # the company named holds the claim's subject; nothing else of what it says happened is there
    other = ("Northgate's safety debates grew because gas became cheaper by half [1].", source,
             ["Why did Northgate's safety debates grow?"])
    assert not support(*other).supported
    monkeypatch.setenv("RAGQA_ABLATE", "cause-held")
    assert support(*other).supported


@pytest.mark.parametrize(("claim", "source"), [
    # "states" inside what happened is no "the report states"
    ("Exports to the United States fell sharply because tariffs rose [1].", "Exports to the United States dropped by a third after tariffs rose."),
    # what happened is the sentence before's ("This drop", "The decline was largely"): too little to look for
    ("This drop happened mainly due to a collapse in memory prices [1].", "Memory prices collapsed as demand for PCs shrank."),
    ("The decline was largely because memory prices collapsed [1].", "Memory prices collapsed as demand for PCs shrank."),
])
def test_a_reason_whose_what_happened_cannot_be_read_is_left_to_the_rest_of_the_check(claim: str, source: str) -> None:
    from qa.effects import unsaid_effect
    from qa.passages import passage

    assert unsaid_effect(claim, passage(source)) == []


def test_a_latin_word_the_korean_source_writes_as_is_is_said(table: None) -> None:
    from qa.effects import unsaid_effect
    from qa.passages import passage

    source = passage("RAG 도입으로 LLM의 hallucination 문제가 크게 줄었다.")
    assert unsaid_effect("LLM hallucination rates decreased because RAG was adopted [1].", source) == []


def test_the_capital_opening_a_claim_is_no_name_when_the_question_writes_the_word_in_lower_case(
        monkeypatch: pytest.MonkeyPatch) -> None:
    source = "영업이익이 85% 감소했다"
    assert support("Operating profit dropped 85% [1].", source, ["How much did operating profit drop?"]).supported
    # a word the user did not write stays what its capital makes it: a name the source must hold
    assert not support("Operating profit dropped 85% [1].", source, ["How much did the profit drop?"]).supported
    monkeypatch.setenv("RAGQA_ABLATE", "opener-word")
    assert not support("Operating profit dropped 85% [1].", source, ["How much did operating profit drop?"]).supported
