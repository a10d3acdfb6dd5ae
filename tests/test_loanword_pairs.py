"""A loanword of two English words is written as one Hangul word (파인튜닝 / fine tuning):
the support check and the gate read a passage's adjacent Latin words joined too."""

from __future__ import annotations

import pytest

from qa.passages import holds_name, passage
from qa.support import support


@pytest.mark.parametrize(("korean", "source"), [
    ("파인튜닝", "GPT4의 Fine tuning 약 6개월 소요"),
    ("딥러닝", "Models trained with deep learning on images."),
    ("클라우드컴퓨팅", "The shift to cloud-computing services."),
])
def test_a_two_word_loanword_is_found_in_its_source_words(korean: str, source: str) -> None:
    assert holds_name(passage(source), korean)


@pytest.mark.parametrize(("korean", "source"), [
    ("파인튜닝", "Fine print: the tuning took six months."),  # not adjacent
    ("딥러닝", "A deep lake of learning data."),  # not adjacent either
    ("클라우드", "Fine tuning took six months."),
    ("임진왜란", "Deep learning and machine learning"),  # the consonants agree, the openings do not
])
def test_words_apart_or_other_words_do_not_make_it(korean: str, source: str) -> None:
    assert not holds_name(passage(source), korean)


def test_a_claim_with_the_loanword_is_supported_by_the_english_unit() -> None:
    verdict = support("GPT4의 파인튜닝은 약 6개월 소요.", "GPT4의 Fine tuning 약 6개월 소요",
                      ["GPT4의 파인튜닝에는 대략 몇 개월이 걸렸나요?"])
    assert verdict.supported, verdict.missing
