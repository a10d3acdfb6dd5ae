"""The answer's form read from the question, and what it changes: the instruction and the room
the model gets. Every sentence of a long answer still passes the support check."""

from __future__ import annotations

import pytest
from fakes import ListRetriever, ScriptedGenerator

from index.types import Hit
from ingest.types import Chunk
from qa.answer import Assistant
from qa.evidence import SentenceSelector
from qa.form import MAX_TOKENS, answer_form


@pytest.mark.parametrize("question, form", [
    ("이 보고서를 요약해줘", "summary"), ("Summarize the report on transit.", "summary"),
    ("A안과 B안을 비교해줘", "comparison"), ("How do the two plans differ?", "comparison"),
    ("배차간격이 긴 이유는 무엇인가?", "explanation"), ("Why did ridership fall?", "explanation"),
    ("지원 대상을 모두 나열해줘", "list"), ("List the measures the plan proposes.", "list"),
    ("2025년 예산은 얼마인가?", "fact"), ("How many routes were merged?", "fact"),
    # a table that compares is named, not a comparison asked
    ("AI 역량 비교 표에서 한국의 점수는?", "fact"), ("What did Europe score in the slides' comparison?", "fact"),
])
def test_the_form_is_read_from_the_question(question: str, form: str) -> None:
    assert answer_form(question) == form


TEXT = ("배차간격이 긴 것은 노선이 도심에 겹쳐 있기 때문이다. 외곽 노선에는 차량이 부족하다. "
        "시는 중복 노선 11개를 7개로 통합한다.")
HITS = [Hit(Chunk("t1", "d", TEXT, 2, "2. 문제점"), 1.0, "hybrid", "교통 계획", "plan.pdf")]


def test_an_explanation_gets_room_and_each_sentence_is_checked() -> None:
    draft = ("배차간격이 긴 것은 노선이 도심에 겹쳐 있기 때문입니다 [1]. 외곽 노선에는 차량이 부족합니다 [1]. "
             "시장은 김철수입니다 [1].")
    model = ScriptedGenerator(draft)
    assistant = Assistant(ListRetriever(HITS), model, SentenceSelector(None), translate=False)
    answer = assistant.ask("배차간격이 긴 이유는 무엇인가?")
    assert model.calls[0][1] == MAX_TOKENS["explanation"] and "이유를 두세 문장으로" in model.messages[0][-1]["content"]
    assert "도심에 겹쳐" in answer.text and "차량이 부족" in answer.text and "김철수" not in answer.text


def test_a_fact_keeps_the_short_budget() -> None:
    model = ScriptedGenerator("중복 노선 11개를 7개로 통합합니다 [1].")
    Assistant(ListRetriever(HITS), model, SentenceSelector(None), translate=False).ask("중복 노선 몇 개를 통합하나?")
    assert model.calls[0][1] == MAX_TOKENS["fact"] and "[n]을 붙이세요" not in model.messages[0][-1]["content"]


class _FirstUnit:
    """Shows the first sentence of each hit alone, as a unit selector does."""

    def select(self, question, hits, rephrasings=()):
        from qa.selection import Selection
        from qa.types import Evidence

        return Selection(tuple(Evidence(n, h.chunk.text.split(". ")[0] + ".", h, 1.0) for n, h in enumerate(hits, 1)))


def test_an_answer_longer_than_a_sentence_is_written_from_whole_passages() -> None:
    draft = "배차간격이 긴 것은 노선이 도심에 겹쳐 있기 때문입니다 [1]. 시는 중복 노선 11개를 7개로 통합합니다 [1]."
    model = ScriptedGenerator(draft)
    answer = Assistant(ListRetriever(HITS), model, _FirstUnit(), translate=False).ask("배차간격이 긴 이유를 설명해줘")
    assert "11개를 7개로" in model.messages[0][-1]["content"]  # the passage, not the unit alone
    assert answer.path == "llm" and "11개를 7개로" in answer.text  # its figures are the passage's own
    fact = ScriptedGenerator("중복 노선 11개를 7개로 통합합니다 [1].", "보고서에 없음")
    Assistant(ListRetriever(HITS), fact, _FirstUnit(), translate=False).ask("중복 노선 몇 개를 통합하나?")
    assert "11개를 7개로" not in fact.messages[0][-1]["content"]  # a fact is written from the unit
