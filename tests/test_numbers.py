"""Numbers past a float's range: read as infinite, never a crash (the hostile workspace suite
asked with guessed chunk ids, and a hex id such as ``...3e999...`` took /v1/ask down with a 500)."""

from __future__ import annotations

import math

import pytest

from qa.numbers import normalize_numbers
from qa.question import Question


@pytest.mark.parametrize("text", ["3e999", "10^999", "id 1a2b3e4567 and 9e99999", "-2e400 원"])
def test_a_number_past_the_float_range_is_infinite(text: str) -> None:
    found = normalize_numbers(text)
    assert found and any(math.isinf(n.value) for n in found)


def test_a_question_with_a_hex_id_is_read_and_covered_by_nothing() -> None:
    assert not Question.parse("c0ffee 3e999 d1b2a", "en").coverage(["반도체 수출액은 1,419억 달러였다."]).covered


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("시장은 USD 8.9 billion까지 커질 전망", 8.9e9, "money:dollar"),
    ("매출은 3.2 million으로", 3.2e6, "number"),
    ("성장률 4.5 percent로", 4.5, "percent"),
    ("순위는 3rd로", 3.0, "rank"),
])
def test_an_english_word_with_a_korean_particle_keeps_its_scale(text: str, value: float, kind: str) -> None:
    # a model answering in Korean keeps the report's English figure and adds a particle to it
    found = normalize_numbers(text)
    assert [(n.value, n.kind) for n in found] == [(value, kind)]


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("Revenue was £12.9m in the year", 12.9e6, "money:pound"),
    ("net debt of GBP 2,900m", 2.9e9, "money:pound"),
    ("a grant of $3.5m.", 3.5e6, "money:dollar"),
    ("a grant of 5m euros", 5e6, "money:euro"),
])
def test_after_a_currency_a_lower_case_m_is_millions(text: str, value: float, kind: str) -> None:
    # English financial statements write millions so; read as 12.9, "£12.9 million" in an
    # answer was a figure its own source did not hold
    assert [(n.value, n.kind) for n in normalize_numbers(text)] == [(value, kind)]


@pytest.mark.parametrize("text", ["a 5m wall", "12.9m", "a 300m bridge"])
def test_without_a_currency_a_lower_case_m_is_no_scale(text: str) -> None:
    assert [n.value for n in normalize_numbers(text)] == [float(text.split("m")[0].split()[-1])]
