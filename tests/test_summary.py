"""A whole report summarised: key sentences from every part, condensed in passes, each
sentence cited and checked; what is not supported is dropped, not shown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from fakes import HashEmbedder, ScriptedGenerator, write_corpus

from index.build import ingest_paths
from index.retriever import HybridRetriever, IndexReader
from index.types import Hit
from ingest.types import Chunk, Unit
from qa.answer import Assistant
from qa.citations import cited_numbers
from qa.events import EvidenceReady, Final, Progress, Token
from qa.evidence import SentenceSelector
from qa.grounding import sentences
from qa.key_sentences import key_sentences, merged, parts_of, shares
from qa.serialize import event_to_dict
from qa.summary import FINAL_SENTENCES, read_report, report_asked
from qa.summary_text import body_of, claims, finished
from qa.types import AnswerPath, Evidence
from qa.unit_selection import UnitSelector

REPORT = """# 달빛시 도시농업 실태조사 2025

## 1. 조사 개요
달빛시는 2025년 3월 시민 1,200명을 대상으로 도시농업 참여 실태를 조사하였다. 조사는 온라인 설문과 현장 면접을 함께 사용하였다.

## 2. 참여 현황
도시농업에 참여하는 가구는 전체의 18.4%로 2022년보다 4.1%포인트 늘었다. 참여 가구의 62%는 옥상이나 베란다 텃밭을 가꾸었다. 공영 텃밭 분양 경쟁률은 3.2대 1이었다.

## 3. 애로 사항
참여자가 꼽은 가장 큰 어려움은 텃밭 부지 부족으로 41%가 응답하였다. 재배 기술 교육이 부족하다는 응답은 27%였다.

## 4. 정책 제언
연구진은 유휴 공공부지 15곳을 공영 텃밭으로 전환할 것을 제안하였다. 또한 권역별 도시농업 지원센터를 3곳 설치할 것을 권고하였다.
"""
FILES = {"dalbit-urban-farming-2025.md": REPORT,
         "coffee.md": "# Global Coffee Market\n\nArabica prices rose to 3.44 dollars per pound in 2024. "
                      "Brazilian drought cut the harvest of coffee beans.\n"}


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> HybridRetriever:
    root = tmp_path_factory.mktemp("summary")
    write_corpus(root / "corpus", FILES)
    ingest_paths([root / "corpus"], root / "idx", HashEmbedder())
    return HybridRetriever(IndexReader.open(root / "idx"), HashEmbedder())


def _assistant(retriever: HybridRetriever, model: ScriptedGenerator | None) -> Assistant:
    return Assistant(retriever, model, UnitSelector(retriever), translate=False)


def test_key_sentences_cover_every_part_not_the_densest_one() -> None:
    # one long part of near-identical sentences and three short ones: each part is heard
    chunks = {f"c{i}": Chunk(f"c{i}", "d", "", None, f"part {i}") for i in range(4)}
    texts = [(0, f"Solar output in the northern grid rose by {i} percent this year.") for i in range(12)]
    texts += [(1, "Wind farms offshore were delayed by permit disputes in two provinces."),
              (2, "Battery storage prices fell below one hundred dollars per kilowatt hour."),
              (3, "The ministry proposes a carbon price floor starting in the next budget.")]
    units = [Unit(f"c{c}:{i}", f"c{c}", i, "sentence", t) for i, (c, t) in enumerate(texts)]
    vectors = HashEmbedder().embed_documents([u.text for u in units])
    picked = key_sentences(units, vectors, chunks, 5)
    assert {units[i].chunk_id for i in picked} == {"c0", "c1", "c2", "c3"} and picked == sorted(picked)
    assert len(picked) <= 5


def test_duplicate_slides_are_picked_once() -> None:
    chunks = {"a": Chunk("a", "d", "", 1, "s"), "b": Chunk("b", "d", "", 2, "s")}
    text = "Data scientists spend most of their time cleaning and preparing data."
    units = [Unit("a:0", "a", 0, "sentence", text), Unit("b:0", "b", 0, "sentence", text)]
    picked = key_sentences(units, np.ones((2, 8), dtype=np.float32), chunks, 4)
    assert len(picked) == 1


@pytest.mark.parametrize("sizes, budget, want", [
    ([10, 1, 1], 6, [6, 1, 1][:0] or None), ([4, 4], 4, [2, 2]), ([1, 1, 1, 1], 2, [1, 1, 1, 1]), ([0, 5], 3, [0, 3]),
])
def test_shares_give_each_part_one_then_split_the_rest_by_size(sizes: list[int], budget: int, want) -> None:
    got = shares(sizes, budget)
    assert all(g >= (1 if s else 0) for g, s in zip(got, sizes)) and all(g <= s for g, s in zip(got, sizes))
    if want is not None:
        assert got == want
    else:
        assert sum(got) == budget and got[0] == max(got)


def test_many_short_parts_are_merged_with_their_neighbours() -> None:
    units = [Unit(f"c{i}:0", f"c{i}", 0, "sentence", "x" * 30) for i in range(6)]
    chunks = {u.chunk_id: Chunk(u.chunk_id, "d", "", None, f"h{i}") for i, u in enumerate(units)}
    parts = merged(parts_of(units, chunks, range(6)), 3)
    assert len(parts) == 3 and [i for p in parts for i in p.units] == list(range(6))


@pytest.mark.parametrize("question, source", [
    ("달빛시 도시농업 실태조사 보고서를 요약해줘", "dalbit-urban-farming-2025.md"),
    ("Summarize the Global Coffee Market report.", "coffee.md"),
])
def test_the_report_asked_is_found_by_its_title(retriever: HybridRetriever, question: str, source: str) -> None:
    report = report_asked(question, retriever)
    assert report is not None and report.doc.source == source


def test_a_question_that_may_span_reports_is_not_a_whole_report(retriever: HybridRetriever) -> None:
    assert report_asked("보고서들의 주요 내용을 요약해줘", retriever) is None
    one = retriever.scoped([d for d, r in retriever.reader.docs.items() if r.source == "coffee.md"])
    assert report_asked("이 보고서를 요약해줘", one).doc.source == "coffee.md"  # the only report in scope


def test_a_summary_cites_every_sentence_and_drops_what_the_report_does_not_say(retriever: HybridRetriever) -> None:
    draft = ("도시농업 참여 가구는 18.4%로 늘었습니다 [2]. 가장 큰 어려움은 텃밭 부지 부족입니다 [4]. "
             "달빛시는 도시농업 예산을 500억 원으로 늘렸습니다 [1].")
    model = ScriptedGenerator(draft, pieces=2)
    events = list(_assistant(retriever, model).stream("달빛시 도시농업 실태조사 보고서를 요약해줘"))
    assert isinstance(events[0], EvidenceReady)
    assert [(e.done, e.total) for e in events if isinstance(e, Progress)] == [(0, 1), (1, 1)]
    final = events[-1]
    assert isinstance(final, Final) and final.answer.path is AnswerPath.LLM
    text = final.answer.text
    assert text.startswith("『달빛시 도시농업 실태조사 2025』 요약") and "처음부터 끝까지" in text
    assert "18.4%" in text and "부지 부족" in text and "500억" not in text
    assert "지원센터를 3곳 설치할 것을 권고하였다" in text  # a key sentence the pass left out still speaks
    prompt = model.messages[0][-1]["content"]
    assert "지원센터를 3곳" in prompt and "1,200명" in prompt  # the first part and the last
    body = body_of(text)
    assert cited_numbers(body) and all(cited_numbers(s) for s in body.split(". ") if s.strip())
    assert {c.source for c in final.answer.citations} == {"dalbit-urban-farming-2025.md"}
    assert final.answer.problems and "500억" in final.answer.problems[0].detail


def test_without_a_model_the_key_sentences_are_the_summary(retriever: HybridRetriever) -> None:
    final = list(_assistant(retriever, None).stream("달빛시 도시농업 실태조사 보고서를 요약해줘"))[-1]
    body = body_of(final.answer.text)
    assert final.answer.path is AnswerPath.EXTRACTIVE and "1,200명" in body and "지원센터" in body
    assert len(cited_numbers(body)) <= FINAL_SENTENCES
    assert all(cited_numbers(s) for s in sentences(body))  # every sentence, as a reader's splitter reads it


def test_a_key_sentence_read_as_two_is_cited_twice() -> None:
    from qa.summary import _own

    hit = Hit(Chunk("c", "d", "x", 1, "s"), 1.0, "h")
    shown = _own(Evidence(3, "입력 2024.03.06. 오전 6:39 기사에서 발표됨", hit))
    assert all(cited_numbers(s) == [3] for s in sentences(shown)) and len(sentences(shown)) == 2


def test_many_condensed_sentences_are_condensed_again_and_checked_against_the_report(
        retriever: HybridRetriever, monkeypatch: pytest.MonkeyPatch) -> None:
    from qa import summary

    monkeypatch.setattr(summary, "BATCH_CHARS", 120)  # one part per section: several map passes
    monkeypatch.setattr(summary, "FINAL_SENTENCES", 4)
    parts = summary.batches(summary.picked_evidence(read_report(retriever.reader, _doc(retriever))))
    # each part "condensed" to its own sentences: more than a summary shows, so a reduce pass follows
    maps = [" ".join(f"{e.text[:-1]} [{e.n}]." for e in part) for part in parts]
    assert sum(len(p) for p in parts) > summary.FINAL_SENTENCES
    reduce = "시민 1,200명 조사에서 참여 가구는 18.4%였습니다 [3]. 부지 부족이 41%로 가장 큰 어려움입니다 [5]. 시장은 김영희입니다 [5]."
    model = ScriptedGenerator(*maps, reduce)
    events = list(_assistant(retriever, model).stream("달빛시 도시농업 실태조사 보고서를 요약해줘"))
    final = events[-1].answer
    assert len(model.calls) == len(parts) + 1 and any(isinstance(e, Token) for e in events)
    assert "부지 부족" in final.text and "김영희" not in final.text
    assert any(isinstance(e, Progress) and e.stage == "reduce" for e in events)


def _doc(retriever: HybridRetriever) -> str:
    return next(d for d, r in retriever.reader.docs.items() if r.source.startswith("dalbit"))


def test_progress_is_an_event_of_the_stream() -> None:
    assert event_to_dict(Progress("map", 2, 3)) == {"type": "progress", "stage": "map", "done": 2, "total": 3}


def test_a_summary_not_of_one_report_keeps_the_passage_answer(tmp_path: Path) -> None:
    from fakes import ListRetriever

    from index.types import Hit

    hit = Hit(Chunk("t1", "d", "중복 노선 11개를 7개로 통합한다.", 2, "계획"), 1.0, "hybrid", "교통 계획", "plan.pdf")
    model = ScriptedGenerator("중복 노선 11개를 7개로 통합합니다 [1].")
    answer = Assistant(ListRetriever([hit]), model, SentenceSelector(None), translate=False).ask("교통 계획을 요약해줘")
    assert "11개를 7개로" in answer.text and not answer.text.startswith("『")


def test_passes_stop_when_the_next_would_end_too_late(retriever: HybridRetriever,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from qa import summary

    monkeypatch.setattr(summary, "BATCH_CHARS", 120)
    monkeypatch.setattr(summary, "SECONDS", 0.0)  # no time: the first pass runs, no other
    model = ScriptedGenerator("달빛시는 시민 1,200명을 조사했습니다 [1].")
    final = list(_assistant(retriever, model).stream("달빛시 도시농업 실태조사 보고서를 요약해줘"))[-1].answer
    body = body_of(final.text)
    assert len(model.calls) == 1 and final.path is AnswerPath.LLM
    assert "1,200명을 조사했습니다" in body and "공공부지 15곳을 공영 텃밭으로 전환할 것을 제안하였다" in body  # the rest: its own words


@pytest.mark.parametrize("text, kept", [
    ("1. [2]. 참여 가구는 18.4%입니다 [2].", ["참여 가구는 18.4%입니다 [2]."]),
    ("The evidence summarises the report as follows: [1] Trips rose 17.2% [1].", ["Trips rose 17.2% [1]."]),
    ("3 [7]. Revenue covered 61% of cost [7].", ["Revenue covered 61% of cost [7]."]),
    ("[1] 본고에서는 초거대 AI 모델 현황을 분석하였다.", ["본고에서는 초거대 AI 모델 현황을 분석하였다 [1]."]),
])
def test_list_numbers_and_lead_ins_are_not_claims(text: str, kept: list[str]) -> None:
    assert claims(text) == kept


@pytest.mark.parametrize("text, kept", [
    ("Trips rose 17.2% [1]. E-bikes carried 40.2% of trips, with 900 of the 2,400 bikes being pedal-assist e",
     "Trips rose 17.2% [1]."),
    ("참여 가구는 18.4%입니다 [2]. 부지 부족이 41%입니다 [5]", "참여 가구는 18.4%입니다 [2]. 부지 부족이 41%입니다 [5]"),
    ("Revenue covered 61", ""),
    ("조사 개요는 다음과 같습니다.\n\n- 조사 대상: 노인 1,500명\n- 조사 방법: 1:1 면접 조사\n- 표본오차: 조사 결과는 2025년",
     "조사 개요는 다음과 같습니다.\n\n- 조사 대상: 노인 1,500명\n- 조사 방법: 1:1 면접 조사"),
])
def test_a_sentence_the_token_budget_cut_off_is_not_shown(text: str, kept: str) -> None:
    assert finished(text) == kept


def test_a_comparison_is_also_a_table_whose_cells_cite_their_source() -> None:
    from qa.comparison import as_markdown, compared, comparison_rows

    assert compared("2020~2023년 미국과 중국의 모델 개발 건수를 비교해줘.") == ["미국", "중국"]
    assert compared("한울케미칼의 2024년 말과 2023년 말 부채비율을 비교해줘.") == ["2024년 말", "2023년 말"]
    assert compared("Compare heat pump sales in Germany and Sweden.") == ["Germany", "Sweden"]
    assert compared("2025년 예산은 얼마인가?") == []
    text = "미국은 64건을 개발했습니다 [1]. 중국은 42건입니다 [2]. 두 나라가 대부분입니다 [1]."
    rows = comparison_rows("미국과 중국의 개발 건수를 비교해줘", text)
    assert [(r.item, r.citations) for r in rows] == [("미국", (1,)), ("중국", (2,))]
    assert "| 미국 | 미국은 64건을 개발했습니다 [1]. |" in as_markdown(rows, "ko")
    assert comparison_rows("미국과 중국의 개발 건수를 비교해줘", "미국은 64건입니다 [1].") == []  # one side only


def test_the_page_and_the_json_show_paragraphs_lists_tables_and_citations_per_sentence() -> None:
    from qa.serialize import answer_to_dict
    from qa.types import Answer, Citation
    from ragqa.page.view import answer_html

    cites = (Citation(1, "T", "t.pdf", 2, "c1", "미국은 64건"), Citation(2, "T", "t.pdf", 3, "c2", "중국은 42건"))
    answer = Answer("미국과 중국의 개발 건수를 비교해줘", "ko", "미국은 64건입니다 [1]. 중국은 42건입니다 [2].\n\n- 합계 [1]",
                    False, AnswerPath.LLM, citations=cites)
    page = answer_html(answer, 1)
    assert page.count("<p>") == 1 and "<ul><li>합계" in page and '<table class="comparison">' in page
    assert '<th>중국</th><td>중국은 42건입니다 <a class="cite" href="#src-1-2">[2]</a>.</td>' in page
    data = answer_to_dict(answer)
    assert data["sentences"][1] == {"text": "중국은 42건입니다 [2].", "citations": [2]}
    assert data["table"][0]["item"] == "미국" and data["table"][0]["cells"][0]["citations"] == [1]
    summary = replace(answer, question="보고서를 요약해줘", path=AnswerPath.EXTRACTIVE)
    assert "에 따르면" not in answer_html(summary, 1)  # a summary of quotes is shown whole, not as one quote


@pytest.mark.parametrize("sentence, close", [
    ("The program saw a significant increase in ridership, with 565,000 trips taken [7].", False),
    ("Ridership peaked in the third quarter with 565,000 trips [7].", True),
    ("Ridership peaked at 565,000 trips [8].", True),  # a unit it does not cite is not its source: no words to judge
    ("분기 이용은 565,000건으로 정점이었다 [7].", True),  # another script: names and figures only, as ground read them
])
def test_a_condensed_sentence_keeps_close_to_the_words_of_what_it_cites(sentence: str, close: bool) -> None:
    from qa.summary_text import close_to_source

    unit = Evidence(7, "Ridership peaked in the third quarter, when 565,000 trips were taken.",
                    Hit(Chunk("c", "d", "x", 1, "s"), 1.0, "h"))
    assert close_to_source(sentence, [unit]) is close


def test_the_page_shows_how_many_passes_a_summary_has_done(retriever: HybridRetriever) -> None:
    from ragqa.page.view import chat_events

    model = ScriptedGenerator("도시농업 참여 가구는 18.4%로 늘었습니다 [2].")
    shown = [html for html, _ in chat_events(_assistant(retriever, model), "달빛시 도시농업 실태조사 보고서를 요약해줘",
                                             "달빛시 도시농업 실태조사 보고서를 요약해줘", 5)]
    assert any("0/1" in html for html in shown) and any("1/1" in html for html in shown)
