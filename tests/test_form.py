"""The answer's form read from the question, and what it changes: the instruction and the room
the model gets. Every sentence of a long answer still passes the support check."""

from __future__ import annotations

import pytest
from fakes import ListRetriever, ScriptedGenerator, ask_over_passage

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
    # and so is a table that summarises
    ("분기 손익 요약 표에서 1분기 매출총이익은?", "fact"), ("What does the summary table give for 2024 revenue?", "fact"),
    # a document named for what it is, asked one thing, is not a summary asked
    ("How do the transit overview slides define headway?", "fact"), ("Give an overview of the transit plan.", "summary"),
    ("What is the summary of the plan?", "summary"), ("Give an overview and the key figures.", "summary"),
    ("Write a summary in three bullets.", "summary"),
    # things asked in the plural are a list; one thing, or a singular in -is, -us, is a fact
    ("What measures does the plan propose?", "list"), ("Which agencies were consulted?", "list"),
    ("어떤 기관들이 참여했나요?", "list"), ("어떤 기관이 참여했나요?", "fact"),
    ("Which agency was consulted?", "fact"), ("What analysis does the plan make?", "fact"),
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
    assert "짧게" not in model.messages[0][0]["content"]  # the system prompt does not contradict the form
    # nor does a worked example of a one-sentence fact
    assert [m["role"] for m in model.messages[0]] == ["system", "user"]
    assert "도심에 겹쳐" in answer.text and "차량이 부족" in answer.text and "김철수" not in answer.text


def test_a_fact_keeps_the_short_budget() -> None:
    model = ScriptedGenerator("중복 노선 11개를 7개로 통합합니다 [1].")
    Assistant(ListRetriever(HITS), model, SentenceSelector(None), translate=False).ask("중복 노선 몇 개를 통합하나?")
    assert model.calls[0][1] == MAX_TOKENS["fact"] and "[n]을 붙이세요" not in model.messages[0][-1]["content"]
    assert "한두 문장으로 짧게" in model.messages[0][0]["content"]
    assert [m["role"] for m in model.messages[0]] == ["system", "user", "assistant", "user"]


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


class _OnlyFirstHit:
    """Picks units from the first hit only, as a selector does when the figures sit there."""

    def select(self, question, hits, rephrasings=()):
        from qa.selection import Selection
        from qa.types import Evidence

        return Selection((Evidence(1, hits[0].chunk.text.split(". ")[0] + ".", hits[0], 1.0),))


REASONS = "승객이 줄어든 것은 도시철도 2호선 개통으로 수요가 옮겨 갔기 때문이다. 신도시 입주로 승용차도 늘었다."
FIGURES = "버스 수송분담률은 2022년 31.2%에서 2024년 27.5%로 떨어졌다. 노선은 48개이다."


def test_an_explanation_reads_the_retrieved_passage_no_unit_was_picked_from() -> None:
    hits = [Hit(Chunk("f", "d", FIGURES, 1, "1. 현황"), 1.0, "hybrid", "교통 계획", "plan.pdf"),
            Hit(Chunk("r", "d", REASONS, 2, "2. 원인"), 0.9, "hybrid", "교통 계획", "plan.pdf")]
    draft = "도시철도 2호선 개통으로 수요가 옮겨 갔기 때문입니다 [2]. 신도시 입주로 승용차도 늘었습니다 [2]."
    model = ScriptedGenerator(draft)
    answer = Assistant(ListRetriever(hits), model, _OnlyFirstHit(), translate=False).ask("버스 수송분담률이 떨어진 이유는?")
    prompt = model.messages[0][-1]["content"]
    assert "[2]" in prompt and "2호선 개통" in prompt  # the second passage, under a number of its own
    assert answer.path == "llm" and "2호선 개통" in answer.text and "승용차" in answer.text
    assert [(c.n, c.page) for c in answer.citations] == [(2, 2)]
    assert [e.n for e in answer.evidence] == [1, 2]  # the answer carries the passage it cites


def test_a_passage_too_long_to_show_whole_is_cut_between_sentences() -> None:
    from qa.fallback import _passage
    from qa.types import Evidence

    sentences = [f"가람시 {i}번 노선의 하루 승객은 {1000 + i}명으로 집계되었다." for i in range(60)]
    unit = sentences[30]
    e = Evidence(1, unit, Hit(Chunk("p", "d", " ".join(sentences), 1, "1. 현황"), 1.0, "hybrid", "교통 계획", "plan.pdf"))
    shown = _passage(e, 400)
    assert unit in shown and len(shown) <= 400
    # it opens and closes on a sentence's bounds: no half sentence for the model to copy
    assert shown.startswith("가람시 ") and shown.endswith("집계되었다.")


ENUMERATED = ("노선 개편이 필요한 이유는 세 가지다. 첫째, 도심 노선이 겹쳐 배차가 한곳에 몰린다. "
              "둘째, 외곽 노선은 배차간격이 40분을 넘는다. 셋째, 환승 정류장이 멀어 환승률이 12%에 그친다.")


@pytest.mark.parametrize("ablate", [False, True])
def test_an_explanation_that_stops_at_its_first_reason_gets_the_rest_from_the_passage_it_cites(
        ablate: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if ablate:
        monkeypatch.setenv("RAGQA_ABLATE", "enumeration")
    answer = ask_over_passage(ENUMERATED, "3. 개편 방향", "첫째, 도심 노선이 겹쳐 배차가 한곳에 몰리기 때문입니다 [1].",
                              _FirstUnit(), "노선 개편이 필요한 이유는?")
    assert answer.path == "llm" and "도심 노선이 겹쳐" in answer.text
    if ablate:
        assert "40분" not in answer.text
        return
    assert "둘째, 외곽 노선은 배차간격이 40분을 넘는다 [1]." in answer.text
    assert answer.text.endswith("셋째, 환승 정류장이 멀어 환승률이 12%에 그친다 [1].")
    assert [c.n for c in answer.citations] == [1]


def test_an_enumeration_is_finished_only_where_the_answer_began_it() -> None:
    from qa.enumeration import finished, items
    from qa.types import Evidence

    hit = Hit(Chunk("e", "d", ENUMERATED, 3, "3. 개편 방향"), 1.0, "hybrid", "교통 계획", "plan.pdf")
    shown = [Evidence(1, ENUMERATED, hit)]
    assert len(items(ENUMERATED)) == 3 and items("첫째, 하나뿐이다. 그 밖에는 없다.") == []
    # it gave none of the items: an answer about something else is not extended
    assert finished("시는 노선 11개를 통합합니다 [1].", shown) == "시는 노선 11개를 통합합니다 [1]."
    # it gave all three in its own order and words: nothing to add
    whole = "외곽 노선은 배차간격이 40분을 넘습니다 [1]. 도심 노선이 겹쳐 배차가 한곳에 몰립니다 [1]. 환승 정류장이 멀어 환승률이 12%입니다 [1]."
    assert finished(whole, shown) == whole
    # the second item given alone: the first and third come after it
    told = finished("외곽 노선은 배차간격이 40분을 넘습니다 [1].", shown)
    assert told.startswith("외곽 노선은") and "첫째, 도심 노선이" in told and "셋째, 환승" in told
    # an English answer over the Korean passage shares no words with it: left as it is
    assert finished("First, the downtown routes overlap [1].", shown) == "First, the downtown routes overlap [1]."
    # a list keeps its lines, whether or not anything is added, and added items get lines of their own
    lines = "- 월세 지원 연장 [1]\n- 공공임대 확대 [2]"
    assert finished(lines, shown) == lines
    listed = finished("이유는 다음과 같다.\n- 도심 노선이 겹쳐 배차가 한곳에 몰립니다 [1]\n- 기타 [2]", shown)
    assert listed.splitlines()[2:4] == ["둘째, 외곽 노선은 배차간격이 40분을 넘는다 [1].",
                                        "셋째, 환승 정류장이 멀어 환승률이 12%에 그친다 [1]."]
    # items of a word or two are said by any sentence that uses those words: no item was begun
    terse = "첫째, 비용. 둘째, 인력 부족. 셋째, 수요 감소."
    assert finished("인건비 비용이 늘었습니다 [1].", [Evidence(1, terse, hit)]) == "인건비 비용이 늘었습니다 [1]."


def test_an_enumeration_numbered_item_by_item_is_read_whole_a_number_alone_on_its_line_with_its_text() -> None:
    from qa.enumeration import finished, items
    from qa.types import Evidence

    numbered = ("3. 판단\n1)\n종업원은 위조된 신분증을 확인한 뒤 주류를 제공하였다.\n"
                "2) 피고는 처분 기준의 감경 사유를 전혀 검토하지 않았다.\n3) 원고는 10년 동안 처분을 받은 적이 없다.")
    listed = items(numbered)
    assert [i.split()[0] for i in listed] == ["1)", "2)", "3)"] and "위조된 신분증" in listed[0]
    # one list is one style: the section numbers around it ("4. 결론", a heading) and the lists
    # inside or around it ("(1)", "첫째,") are not its items
    assert [i.split()[0] for i in items(numbered + "\n4. 결론\n그렇다면 원고의 청구는 이유 있다.")] == ["1)", "2)", "3)"]
    assert len(items("첫째, 도심 노선이 겹친다.\n1) 국내 노선은 11개이다.\n2) 해외 노선은 3개이다.\n"
                     "둘째, 외곽 노선은 배차간격이 길다.\n셋째, 환승 정류장이 멀다.")) == 3
    assert len(items("1. 판단\n1) 항목 하나는 비용 문제이다.\n(1) 세부 항목 하나이다.\n(2) 세부 항목 둘이다.\n"
                     "2) 항목 둘은 인력 문제이다.\n2. 결론")) == 2
    # numbered headings over their paragraphs are no list of findings
    assert items("① 긴 배차간격.\n평균 배차간격은 13분으로 길다.\n② 도심 노선 중복.\n간선 11개 노선이 겹친다.\n③ 환승 불편.") == []
    hit = Hit(Chunk("n", "d", numbered, 2, "3. 판단"), 1.0, "hybrid", "판결문", "ruling.pdf")
    told = finished("종업원은 위조된 신분증을 확인한 뒤 주류를 제공했습니다 [1].", [Evidence(1, numbered, hit)])
    assert "2) 피고는 처분 기준의 감경 사유를 전혀 검토하지 않았다 [1]." in told and told.endswith("받은 적이 없다 [1].")


@pytest.mark.parametrize(("sentence", "ranked"), [
    ("둘째, 인력이 부족하다.", 2), ("첫째로 비용이 든다.", 1), ("- 셋째, 수요가 줄었다.", 3), ("두 번째는 비용이다.", 2),
    ("Second, gas became cheaper.", 2), ("Firstly: prices rose.", 1),
    # an ordinal that is part of what the sentence says opens no item
    ("Second half of 2024 was weak.", None), ("Third parties filed claims.", None), ("첫째 아이가 태어났다.", None),
    # or its number: "2)", "(3)", "④", "2. " before words; not a date's pieces
    ("2) 피고는 감경 사유를 검토하지 않았다.", 2), ("(3) 조사 방법: 면접", 3), ("④ 환승 불편.", 4), ("3. 75세 이상 노인을 조사한다.", 3),
    ("1)", 1), ("2. 15.부터 다 갚는 날까지", None), ("2024. 2. 15.", None), ("3.5배 늘었다.", None),
])
def test_an_item_of_an_enumeration_is_read_by_the_ordinal_that_opens_it(sentence: str, ranked: int | None) -> None:
    from qa.enumeration import rank

    assert rank(sentence) == ranked
