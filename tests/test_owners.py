"""Whose figure it is: a country is not given the figure its cited line gives another."""

from __future__ import annotations

import pytest

from index.types import Hit
from ingest.types import Chunk
from qa.owners import misowned, owners
from qa.types import Evidence, ProblemKind
from qa.verify import verify_answer

IN_TURN = "2023년 미국의 투자 규모는 약 672.2억 달러이며, 중국과 영국의 경우 각각 77.6억 달러, 37.8억 달러 규모임"
LISTED = "가장 많이 개발한 국가는 미국(64건)으로 나타났으며, 그다음 중국(42건), 한국(11건), 프랑스(6건), 영국(5건) 순"
ASKED = "What was the UK's private AI investment in 2023?"


def test_a_line_says_whose_each_figure_is() -> None:
    assert {c: x.value for c, x in owners(IN_TURN).items()} == {"CN": pytest.approx(77.6e8), "GB": pytest.approx(37.8e8)}
    assert {c: x.value for c, x in owners(LISTED).items()} == {"US": 64, "CN": 42, "KR": 11, "FR": 6, "GB": 5}
    assert owners("미국은 64건을 개발했다.") == {}  # no list of countries and figures


def test_a_country_given_another_countrys_figure() -> None:
    why = misowned(ASKED, ["The UK's private AI investment in 2023 was 7.76 billion dollars [1]."], {1: IN_TURN})
    assert why and "China" in why[0] and "United Kingdom" in why[0]
    assert not misowned(ASKED, ["The UK's private AI investment in 2023 was 3.78 billion dollars [1]."], {1: IN_TURN})
    assert misowned("프랑스는 몇 건?", ["프랑스는 5건입니다 [1]."], {1: LISTED})
    assert not misowned("프랑스는 몇 건?", ["프랑스는 6건입니다 [1]."], {1: LISTED})
    # a sentence of two countries pairs its own figures; a figure no other country holds is the support check's
    assert not misowned("?", ["중국은 42건, 영국은 5건입니다 [1]."], {1: LISTED})
    assert not misowned("?", ["프랑스는 7건입니다 [1]."], {1: LISTED})


def test_verification_sends_it_back_unless_the_rule_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    evidence = [Evidence(1, IN_TURN, Hit(Chunk("c1", "d", IN_TURN, 1), 1.0, "hybrid", "보고서", "r.pdf"))]
    draft = "The UK's private AI investment in 2023 was 7.76 billion dollars [1]."
    assert ProblemKind.CONSTRAINT in [p.kind for p in verify_answer(draft, evidence, "en", ASKED)]
    monkeypatch.setenv("RAGQA_ABLATE", "figure-owner")
    assert not verify_answer(draft, evidence, "en", ASKED)
