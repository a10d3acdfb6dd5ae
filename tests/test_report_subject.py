"""A report's subject is named in its title and headings as much as in each sentence: a
claim about it, cited to a sentence that says "the county", is about the report's subject."""

from __future__ import annotations

from index.types import Hit
from ingest.types import Chunk
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
