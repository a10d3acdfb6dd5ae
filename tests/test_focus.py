"""What a question asks about, named as one compound: read from the question's grammar, and
required of the retrieved passages by the answerability gate."""

from __future__ import annotations

import pytest

from qa.focus import asked_compound
from qa.question import question_coverage


@pytest.mark.parametrize(("question", "compound"), [
    ("갑사 제7기 감사보고서의 핵심감사사항은 무엇이야?", "핵심감사사항"),
    ("을 회사의 2024년 영업이익은 얼마야?", "영업이익"),
    ("판결 별지 계산표에서 5월의 미지급액은 얼마인가?", "미지급액"),  # the prefix is part of it
    ("갑사 재무상태표에서 제7기 말 사용권자산은 얼마인가?", "사용권자산"),  # so is a suffix within it (사용+권+자산)
    ("가지치기는 어떤 방식인가요?", ""),  # one noun is too generic to require
    ("어느 나라가 가장 많이 투자했나?", ""),  # a category asked: the answer is an instance of it
    ("병 시가 예산을 늘린 이유는 무엇인가?", ""),  # a reason asked is no thing the unit names
    ("What is the operating profit?", ""),  # English is read by the other focus checks
])
def test_the_compound_a_question_asks_about(question: str, compound: str) -> None:
    assert asked_compound(question) == compound


SOURCES = ["갑사 감사보고서(요약) 제7기 재무상태표", "매출액 1,024,600 영업이익 27,700", "재고자산 평가충당금은 기말 12,400백만 원이다."]


def test_evidence_that_never_names_the_compound_asked_does_not_cover_the_question() -> None:
    cover = question_coverage(["갑사 제7기 감사보고서의 핵심감사사항은 무엇이야?"], SOURCES)
    assert not cover.covered
    assert cover.missing == ("핵심감사사항",)


def test_a_row_of_another_compound_with_the_same_head_does_not_cover_it() -> None:
    """무형자산 is not 사용권자산: the head noun alone (자산) does not name the thing asked."""
    question = ["갑사 재무상태표에서 제7기 말 사용권자산은 얼마인가?"]
    assert not question_coverage(question, ["갑사 재무상태표 무형자산 → 제7기: 184,200, 제6기: 191,500"]).covered
    assert question_coverage(question, ["갑사 재무상태표 사용권자산 → 제7기: 41,250, 제6기: 30,800"]).covered


def test_the_compound_may_be_written_with_spaces() -> None:
    sources = [*SOURCES, "핵심 감사 사항: 재고자산 평가"]
    assert question_coverage(["갑사 제7기 감사보고서의 핵심감사사항은 무엇이야?"], sources).covered
    assert question_coverage(["갑사 제7기 감사보고서의 영업이익은 얼마야?"], SOURCES).covered


def test_sources_of_another_script_cannot_be_told_apart_by_a_korean_compound() -> None:
    sources = ["Gapsa Co. key audit matters: inventory valuation", "Operating profit 27,700"]
    assert question_coverage(["갑사의 핵심감사사항은 무엇이야?", "What are Gapsa's key audit matters?"], sources).covered


def test_every_part_of_the_compound_in_one_source_names_it() -> None:
    sources = ["갑사는 품질을 개선하기 위한 방안으로 검사를 늘렸다.", "갑사 보고서"]
    assert question_coverage(["갑사 보고서의 개선방안은 무엇인가?"], sources).covered
    assert not question_coverage(["갑사 보고서의 개선방안은 무엇인가?"], ["갑사는 품질을 개선했다.", "갑사 보고서 방향"]).covered


def test_a_passage_in_another_script_may_name_it_in_its_own_words() -> None:
    sources = ["Gapsa Co. key audit matters: inventory valuation", "갑사는 제7기에 신제품을 출시했다."]
    assert question_coverage(["갑사의 핵심감사사항은 무엇이야?", "What are Gapsa's key audit matters?"], sources).covered


def test_ablated_the_gate_reads_nouns_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAGQA_ABLATE", "asked-compound")
    assert question_coverage(["갑사 제7기 감사보고서의 핵심감사사항은 무엇이야?"], SOURCES).covered
