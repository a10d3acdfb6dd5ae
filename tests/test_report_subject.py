"""A report's subject is named in its title and headings as much as in each sentence: a
claim about it, cited to a sentence that says "the county", is about the report's subject."""

from __future__ import annotations

from index.types import Hit
from ingest.types import Chunk
from qa.support import support
from qa.types import Evidence, ProblemKind
from qa.verify import verify_answer


def _unit(text: str, title: str, passage: str = "") -> Evidence:
    return Evidence(1, text, Hit(Chunk("c1", "d1", passage or text, 1, "2. 왜 인상이 필요한가"), 1.0, "hybrid", title,
                                 "report.pdf"), 1.0)


def test_a_proper_noun_in_the_reports_title_is_what_its_sentences_speak_of() -> None:
    question = "서린군 연구진이 상수도 요금 인상이 불가피하다고 본 이유는?"
    answer = "서린군 연구진은 현실화율이 68.4%에 그쳐 물을 팔수록 손실이 커지는 구조라고 보았다 [1]."
    unit = "첫째, 현실화율이 68.4%에 그쳐 물을 팔수록 손실이 커지는 구조이다."
    titled = verify_answer(answer, [_unit(unit, "서린군 상수도 요금 현실화 방안 연구")], "ko", question)
    untitled = verify_answer(answer, [_unit(unit, "상수도 요금 현실화 방안 연구")], "ko", question)
    assert not [p for p in titled if p.kind is ProblemKind.CONSTRAINT]
    assert [p for p in untitled if p.kind is ProblemKind.CONSTRAINT]


def test_the_kind_of_body_after_a_romanised_name_is_held_with_it() -> None:
    question = ["What is the publication registration number of Haeon City's 2025 plan?"]
    source = "발간등록번호 HO-2025-0147 해온시 제3기 지역사회보장계획 2025년 연차별 시행계획"
    assert support("Haeon City's 2025 plan has the registration number HO-2025-0147 [1].", source, question).supported
    # the body's kind alone is no name: another city's
    assert not support("Gangnam City has 5 parks [1].", "서울시에는 공원이 5개 있다.",
                       ["How many parks does Gangnam City have?"]).supported
