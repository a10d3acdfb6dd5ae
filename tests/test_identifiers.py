"""A question that names a case or file number: searched within the one report that holds it,
and the number's digits never read as a quantity."""

from __future__ import annotations

import pytest
from fakes import hash_retriever

from index.retriever import HybridRetriever
from qa.numbers import codes
from qa.pool import identified_pool
from qa.support import support
from qa.terms import terms

RULINGS = {
    "wages.md": "# 한빛지방법원 2024가합7720 판결\n\n## 이유\n\n"
                "피고는 원고에게 미지급 연장근로수당 10,363,500원을 지급하라. 법원은 포괄임금약정 주장을 받아들이지 않았다.\n",
    "damages.md": "# 한빛지방법원 2024가합51234 판결\n\n## 이유\n\n"
                  "피고는 원고에게 손해배상금 387,450,000원을 지급하라. 피고의 책임은 60%로 제한한다.\n",
    "appeal.md": "# 한빛지방법원 2024나20871 판결\n\n## 이유\n\n"
                 "피고는 원고에게 임대차보증금 잔액을 지급하라. 제1심 2024가합51234 사건과 쟁점이 같다.\n",
}


@pytest.fixture(scope="module")
def rulings(tmp_path_factory: pytest.TempPathFactory) -> HybridRetriever:
    root = tmp_path_factory.mktemp("rulings")
    return hash_retriever(root, RULINGS)


def _sources(hits: list) -> set[str]:
    return {h.source for h in hits}


def test_a_number_one_report_holds_scopes_the_search_to_it(rulings: HybridRetriever,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    question = "2024가합7720 사건에서 피고는 원고에게 얼마를 지급하라고 했나?"
    hits, pool, scoped = identified_pool(rulings, [question], 3)
    assert _sources(pool) == {"wages.md"} and _sources(hits) == {"wages.md"} and scoped == ("2024가합7720",)
    assert any("10,363,500" in h.chunk.text for h in pool)
    monkeypatch.setenv("RAGQA_ABLATE", "identifier-scope")
    _, unscoped, scoped = identified_pool(rulings, [question], 3)
    assert scoped == ()
    assert _sources(unscoped) > {"wages.md"}  # "피고는 원고에게 … 지급하라" is in every ruling


def test_a_number_several_reports_hold_scopes_nothing(rulings: HybridRetriever) -> None:
    # the appeal names the first-instance case too: which report is meant is not known
    _, pool, scoped = identified_pool(rulings, ["2024가합51234 사건에서 피고가 지급할 돈은?"], 3)
    assert len(_sources(pool)) > 1 and scoped == ()


def test_case_numbers_are_identifiers_not_quantities() -> None:
    assert codes("2024가합51234 판결과 2024고단3310 사건, 2024년 3분기 매출") == {"2024가합51234", "2024고단3310"}
    assert terms("원고는 2024가합7720 사건에서 승소했다").numbers == ()
    assert codes("2024년12월 매출") == set() and len(terms("2024년12월 매출은 30억 원").numbers) == 3
    claim = "Midam-gu spent 7,720 won on elderly care in 2024 [1]."
    assert not support(claim, "원 → 건: 고, 2024가합7720 임금: 서동현", ["How much did Midam-gu spend in 2024?"]).supported


def test_a_claim_that_only_restates_the_question_needs_a_source_that_says_it() -> None:
    asked = ["2024나20871 판결 뒤 피고가 대법원에 상고했어?"]
    assert not support("피고가 대법원에 상고했어 [1].", "한빛지방법원 2024나20871 판결", asked).supported
    # half its words held (피고, 판결) is not the appeal it restates
    dismissed = "제1심판결은 정당하므로 피고의 항소를 기각하기로 하여, 주문과 같이 판결한다."
    assert not support("피고는 2024나20871 판결 뒤 대법원에 상고했어 [1].", dismissed, asked).supported
    assert support("피고는 대법원에 상고하였다 [1].", "피고는 이 판결에 불복하여 대법원에 상고하였다.", asked).supported


def test_a_case_number_names_no_year() -> None:
    from qa.constraints import period_mismatch, read_constraints, years_mentioned

    assert read_constraints("2024가합51234 사건에서 법원은 얼마를 지급하라고 했어?").year is None
    assert years_mentioned("2024가합51234 판결, 2023. 9. 1.부터") == {2023}
    assert period_mismatch("2024가합51234 사건의 배상액은?", ["2023. 9. 1.부터 지급하라"]) == ""


def test_what_a_rendering_adds_is_no_constraint_of_the_question(rulings: HybridRetriever) -> None:
    from qa.unit_selection import UnitSelector

    question = "피고는 원고에게 손해배상금을 얼마 지급하라고 했나?"
    hits = rulings.candidates(question, 3)
    invented = ["How much did the court order in the 2019 lawsuit?"]  # a small model's rendering
    assert UnitSelector(rulings).select(question, hits, invented).uncovered == ()
    assert UnitSelector(rulings).select("2019년 " + question, hits).uncovered == ("2019",)
