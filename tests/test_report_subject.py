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


def test_a_unit_naming_no_year_is_read_in_the_year_its_passage_names() -> None:
    question = "가국 2022년 조사에서 기업들이 꼽은 도입 애로사항 1위는 무엇인가요?"
    row = "전문인력 부족 → 비중: 31.5 (단위: %, N=738)"
    answer = "가국 2022년 조사에서 1위는 전문인력 부족입니다 [1]."
    dated = verify_answer(answer, [_unit(row, "설문 보고서", passage=f"{row}\n* 자료: 가국(2020)")], "ko", question)
    same_year = verify_answer(answer, [_unit(row, "설문 보고서", passage=f"{row}\n* 자료: 가국(2022)")], "ko", question)
    assert [p for p in dated if "not 2022" in p.detail]
    assert not [p for p in same_year if "not 2022" in p.detail]
