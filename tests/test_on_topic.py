"""An answer stands only on reports that speak of what was asked when another shown report does
(qa.support.spoken, the ``on-topic`` rule of qa.grounding.ground): a true sentence about
another subject, cited to the unit that says it, answers another question."""

from __future__ import annotations

import pytest
from fakes import ScriptedGenerator, hash_retriever

from index.types import Hit
from ingest.types import Chunk
from qa.answer import Assistant
from qa.grounding import ground
from qa.support import spoken
from qa.types import Evidence, ProblemKind

ASKED = ["미국 중앙은행은 2023년에 금리를 몇 번 올렸나?"]


def _unit(n: int, text: str, doc: str, title: str, section: str = "") -> Evidence:
    return Evidence(n, text, Hit(Chunk(f"{doc}-{n}", doc, text, 1, section), 1.0, "hybrid", title, f"{doc}.md"), 1.0)


def test_a_source_speaks_of_a_question_by_its_terms() -> None:
    assert spoken(ASKED, "2023년 미국의 반도체 수출은 1,200억 달러였다.") == {"US"}  # the country
    assert spoken(ASKED, "중앙은행의 금리 결정은 연 8회 열린다.") == {"중앙은행", "금리"}  # its nouns
    assert not spoken(ASKED, "영국은 2023년 11월에 정상회의를 개최할 예정이다.")  # the year alone is no subject
    # an English noun is a word, not a part of one ("rat" of "rates" in "generative", "strategy")
    english = ["How many times did the Fed raise rates in 2023?"]
    assert not spoken(english, "The UK will host a generative AI summit in 2023 under its new strategy.")
    assert spoken(english, "Interest rates rose four times in 2023.")


def test_a_supported_sentence_about_another_subject_is_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAGQA_ABLATE", raising=False)
    evidence = [_unit(1, "2023년 미국의 반도체 수출은 1,200억 달러였다.", "trade", "교역 동향"),
                _unit(2, "영국은 2023년 11월에 정상회의를 개최할 예정이다.", "summit", "국제 회의 일정")]
    draft = "영국은 2023년 11월에 정상회의를 개최할 예정입니다 [2]."
    assert ground(draft, evidence, ASKED)[0] == draft  # every word of it is the unit's
    text, problems = ground(draft, evidence, ASKED, topic=True)
    assert text == "" and problems[-1].kind is ProblemKind.CONSTRAINT and "[2]" in problems[-1].detail
    monkeypatch.setenv("RAGQA_ABLATE", "on-topic")
    assert ground(draft, evidence, ASKED, topic=True)[0] == draft


@pytest.mark.parametrize(("asked", "row", "other", "draft"), [
    # a report holding part of what another holds speaks of the question
    ("2023년 한국의 AI 특허 출원 건수는 몇 건인가?",
     ("한국 → 2022년: 1,200, 2023년: 1,450", "patents", "특허 통계", "AI 특허 출원 현황"),
     ("한국 정부는 AI 특허 출원 건수를 늘리기 위한 지원책을 발표했다.", "policy", "정책 동향"),
     "2023년 한국의 AI 특허 출원 건수는 1,450건입니다 [1]."),
    # English words are read in a Title Case heading and a letter of inflection apart
    ("What was the unemployment rate in 2023?",
     ("2023 → 3.6%", "labour", "Labour Survey", "Table 2. Unemployment Rate by Year"),
     ("The unemployment rate among recent graduates rose in 2023.", "grads", "Graduates"),
     "The unemployment rate in 2023 was 3.6% [1]."),
])
def test_a_row_read_with_its_heading_speaks_of_the_question(asked: str, row: tuple, other: tuple, draft: str) -> None:
    evidence = [_unit(1, *row), _unit(2, *other)]
    assert ground(draft, evidence, [asked], topic=True)[0] == draft


def test_a_report_that_speaks_of_nothing_asked_does_not_change_the_verdict() -> None:
    summit = _unit(1, "영국은 2023년 11월에 정상회의를 개최할 예정이다.", "summit", "국제 회의 일정")
    fed = _unit(2, "미국 중앙은행은 2023년에 금리를 네 차례 올렸다.", "fed", "통화 정책")
    chips = _unit(3, "반도체 시장은 12% 커졌다.", "chips", "반도체 시장")
    draft = "영국은 2023년 11월에 정상회의를 개최할 예정입니다 [1]."
    assert ground(draft, [summit, fed], ASKED, topic=True)[0] == ""
    assert ground(draft, [summit, fed, chips], ASKED, topic=True)[0] == ""


def test_where_no_shown_report_speaks_of_the_question_none_is_judged_by_it() -> None:
    # the reports' own words for the question's ("이용자" for 사용자): no report tells the others apart
    asked = ["ChatGPT 사용자 수는 몇 명인가?"]
    users = _unit(1, "챗GPT의 월간 이용자는 1억 명을 넘어섰다.", "service", "서비스 동향")
    ads = _unit(2, "검색 광고 시장은 12% 커졌다.", "ads", "광고 시장")
    draft = "챗GPT의 월간 이용자는 1억 명입니다 [1]."
    assert ground(draft, [users, ads], asked)[0] == draft
    assert ground(draft, [users, ads], asked, topic=True)[0] == draft


def test_a_row_is_spoken_of_by_another_shown_unit_of_its_report_not_by_its_passage() -> None:
    asked = ["주요국 기술 수준 비교에서 2019년 점수는 몇 점인가?"]
    row = "가 → 2018년: 80.5, 2019년: 86.2"  # a row whose caption the PDF lost
    claim = "2019년 점수는 86.2점입니다 [1]."
    caption = _unit(2, "주요국의 기술 수준 점수를 2018년부터 비교하였다.", "slides", "AI 개요")
    assert ground(claim, [_unit(1, row, "slides", "AI 개요"), caption], asked, topic=True)[0] == claim
    # the caption in another report says nothing of this row; nor does the row's own passage,
    # which touches many subjects (here: the question's words in a neighbouring paragraph)
    other = _unit(2, "주요국의 기술 수준 점수를 2018년부터 비교하였다.", "survey", "설문")
    alone = Evidence(1, row, Hit(Chunk("slides-1", "slides", f"{row}\n주요국 기술 수준 비교", 1, ""), 1.0, "hybrid",
                                 "AI 개요", "slides.md"), 1.0)
    assert ground(claim, [alone, other], asked, topic=True)[0] == ""


class _EveryHit:
    """Shows every retrieved passage as a unit: the fifth unit shown is often from another report."""

    def select(self, question, hits, rephrasings=()):
        from qa.selection import Selection

        return Selection(tuple(Evidence(n, h.chunk.text, h, 1.0) for n, h in enumerate(hits, 1)))


def test_the_assistant_refuses_rather_than_answer_with_another_subjects_sentence(
        tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAGQA_ABLATE", raising=False)
    retriever = hash_retriever(tmp_path, {
        "trade.md": "# 교역 동향\n\n2023년 미국의 반도체 수출은 1,200억 달러였다.\n",
        "summit.md": "# 국제 회의 일정\n\n영국은 2023년 11월에 정상회의를 개최할 예정이다.\n"})
    reply = "영국은 2023년 11월에 정상회의를 개최할 예정입니다."
    answer = Assistant(retriever, ScriptedGenerator(reply, reply), _EveryHit(), translate=False).ask(ASKED[0])
    assert answer.abstained and answer.citations == () and "영국" not in answer.text
    monkeypatch.setenv("RAGQA_ABLATE", "on-topic")
    answer = Assistant(retriever, ScriptedGenerator(reply, reply), _EveryHit(), translate=False).ask(ASKED[0])
    assert not answer.abstained and "영국" in answer.text  # the rule, not another check, refuses it
