"""A claim in one script checked against a source in the other by its words' translations
(qa/crossing.py through the support check), faked here with a word table; the real
multilingual encoder's pairs are checked in the slow test."""

from __future__ import annotations

import numpy as np
import pytest

from qa import crossing
from qa.support import NOTHING_OWN, support

# words that translate each other share a vector; every other word gets one of its own
_PAIRS = {"discriminator": "판별", "ledger": "장부"}
SOURCE = "GAN은 새로운 것을 만드는 생성자와 만들어진 것을 평가하는 판별자가 서로 대립하는 방식"
QUESTION = "In a GAN, what is the part that evaluates what the generator made called?"


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
    assert support("It is called the discriminator [1].", SOURCE, [QUESTION]).supported


def test_an_english_claim_whose_word_the_korean_source_does_not_say_is_unsupported(table: None) -> None:
    verdict = support("It is called the ledger [1].", SOURCE, [QUESTION])
    assert not verdict.supported and "ledger" in verdict.missing


def test_without_the_rule_a_claim_with_no_name_or_figure_stands_on_nothing_across_scripts(
        table: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAGQA_ABLATE", "cross-script-nouns")
    assert not support("It is called the discriminator [1].", SOURCE, [QUESTION]).supported


def test_restating_the_question_says_nothing_in_any_script(table: None) -> None:
    question = "Which Mosaic and Netscape founder is named among the sceptics?"
    source = "회의론자에는 Mosaic과 Netscape 창업자 마크 앤드리슨이 있다"
    verdict = support("The Mosaic and Netscape founders are named among the sceptics [1].", source, [question])
    assert not verdict.supported and NOTHING_OWN in verdict.missing


@pytest.mark.slow
def test_the_multilingual_encoder_pairs_a_word_with_its_translation_not_its_neighbours(
        monkeypatch: pytest.MonkeyPatch) -> None:
    crossing._encoder.cache_clear()
    assert crossing.said_in("discriminator", ["판별", "생성", "데이터"])
    assert crossing.said_in("electricity", ["전기", "분석", "모델"])
    assert not crossing.said_in("banana", ["판별", "생성", "데이터", "방식"])
    assert not crossing.said_in("ledger", ["판별", "생성", "데이터", "방식"])


def test_a_choice_answered_by_a_comparison_naming_both_sides_is_answered(table: None) -> None:
    question = "Which has more parameters, Vesta or Orin?"
    source = "Vesta has 70 billion parameters, Orin 13 billion."
    assert support("Vesta has more parameters than Orin [1].", source, [question]).supported


def test_the_question_said_back_word_for_word_is_no_answer() -> None:
    question = "2024나1234 판결 뒤 피고가 대법원에 상고했어?"
    source = "이 판결에 불복하는 당사자는 대법원에 상고할 수 있다. 피고는 항소심에서 패소하였다."
    verdict = support("2024나1234 판결 뒤 피고가 대법원에 상고했어 [1].", source, [question])
    assert not verdict.supported and NOTHING_OWN in verdict.missing
    assert support("피고는 항소심에서 패소하였다 [1].", source, [question]).supported
    # a part of it said back is no answer either; a side of a choice is
    assert NOTHING_OWN in support("피고가 대법원에 상고했어 [1].", source, [question]).missing
    assert support("원고 한빛물류 주식회사 [1].", "원고 한빛물류 주식회사가 항소하였다.",
                   ["원고 한빛물류 주식회사와 피고 중 누가 항소했어?"]).supported


def test_the_sides_of_a_choice_are_the_users_not_those_a_rendering_wrote(table: None) -> None:
    question = "Which Mosaic and Netscape founder is named among the sceptics?"
    rendering = "Mosaic과 Netscape 창업자 중 회의론자로 꼽힌 사람은?"
    source = "회의론자에는 Mosaic과 Netscape 창업자 마크 앤드리슨이 있다"
    verdict = support("The Mosaic and Netscape founders are named among the sceptics [1].", source, [question, rendering])
    assert not verdict.supported and NOTHING_OWN in verdict.missing
