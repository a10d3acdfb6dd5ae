"""A question asking what a name stands for is answered by the words its report writes beside
the name in brackets, cited and support-checked, without asking the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import IndexedListRetriever, ScriptedGenerator

from index.types import Hit
from ingest.types import Chunk
from qa.answer import Assistant
from qa.glosses import asked_name, gloss, gloss_answer
from qa.types import Evidence
from qa.unit_selection import UnitSelector

TIERS = "인공지능은 세 단계로 나뉜다. 가장 높은 단계는 '초극한지능(XSI)'으로, 인간의 모든 능력을 넘어선다."
BODY = ("The tribunal was constituted under the rules of the Northgate Maritime Arbitration Board (NMAB). "
        "The claimant sought unpaid charter hire of USD 2.1 million.")
PLANT = "MRP(Modular Reactor Plant)는 공장에서 제작한 모듈을 현장에서 조립하는 발전소이다."


@pytest.mark.parametrize(("question", "name", "how"), [
    ("What does NMAB stand for?", "NMAB", "expansion"),
    ("보고서에서 MRP는 무엇의 약자인가요?", "MRP", "expansion"),
    ("In the report's three tiers, what is the top tier, XSI, called?", "XSI", "called"),
    ("XSI를 뭐라고 부르나요?", "XSI", "called"),
    ("What is the full name of the NMAB?", "NMAB", "expansion"),
])
def test_the_name_asked_about_is_read_from_the_question(question: str, name: str, how: str) -> None:
    assert asked_name(question) == (name, how)


@pytest.mark.parametrize("question", [
    # the acronym is the setting, not what is asked: the component is what is called something
    "In a GAN as described by the report, what is the component that judges the output called?",
    "How many cases did the NMAB hear in 2023?",
    "MRP의 발전 용량은 몇 MW인가요?",
    # something else is asked of the name, or more than its meaning
    "What is the company that owns NMAB called?",
    "What was NMAB called before 2020?",
    "What is the full name of the NMAB chairman?",
    "What does NMAB mean for shipowners?",
    "MRP의 정식 명칭 변경 연도는?",
    "CEO가 뭐라고 하나요?",
    "What does NMAB stand for and how many cases did it hear in 2023?",
    "MRP는 무엇의 약자이고, 어떤 발전소인가요?",
    "What do NMAB and SMAB stand for?",
])
def test_a_question_about_something_else_asks_no_name(question: str) -> None:
    assert asked_name(question) is None


def _unit(n: int, text: str) -> Evidence:
    return Evidence(n, text, Hit(Chunk(f"c{n}", "d", text, 1, ""), 1.0, "hybrid", "Report", "r.pdf"), 1.0)


def test_the_gloss_is_the_bracket_beside_the_name_on_either_side() -> None:
    found = gloss("What does NMAB stand for?", [_unit(1, "The claimant sought hire."), _unit(2, BODY)])
    assert found is not None and (found.words, found.n) == ("Northgate Maritime Arbitration Board", 2)
    found = gloss("MRP는 무엇의 약자인가요?", [_unit(1, PLANT)])
    assert found is not None and found.words == "Modular Reactor Plant"
    found = gloss("What is the top tier, XSI, called?", [_unit(3, TIERS)])
    assert found is not None and found.words == "초극한지능"
    assert gloss_answer("ko", gloss("MRP는 무엇의 약자인가요?", [_unit(1, PLANT)])) \
        == "MRP는 Modular Reactor Plant의 약자입니다 [1]."


def test_words_that_do_not_spell_the_name_are_no_gloss() -> None:
    # a year or a description in brackets, and words whose initials are another name's
    assert gloss("What does NMAB stand for?", [_unit(1, "The NMAB (2019) heard 40 cases.")]) is None
    assert gloss("What does NMAB stand for?", [_unit(1, "It was run by the National Maritime Board (NMAB).")]) is None
    assert gloss("XSI를 뭐라고 부르나요?", [_unit(1, "최근에는 이를 위해 (XSI) 기술을 쓴다.")]) is None
    # a Korean bracket or a run of nouns is a place, a caption or a source as often as a name
    assert gloss("NMAB는 무엇의 약자인가요?", [_unit(1, "NMAB(런던 소재)는 해사 중재기관이다.")]) is None
    assert gloss("MW를 뭐라고 부르나요?", [_unit(1, "지역별 발전 용량(MW)은 다음과 같다.")]) is None
    assert gloss("XSI를 뭐라고 부르나요?", [_unit(1, "가장 높은 단계는 초극한지능(XSI)이다.")]).words == "초극한지능"
    # an acronym's letters cannot check a Korean expansion
    assert gloss("XSI는 무엇의 약자인가요?", [_unit(1, "가장 높은 단계는 초극한지능(XSI)이다.")]) is None


def test_a_former_name_or_two_different_glosses_leave_it_to_the_model() -> None:
    former = "NMAB (Northgate Maritime Arbitration Board), formerly the Northern Maritime Arbitration Bureau (NMAB)."
    assert gloss("What does NMAB stand for?", [_unit(1, former)]).words == "Northgate Maritime Arbitration Board"
    other = "The National Maritime Appeals Board (NMAB) ruled otherwise."
    assert gloss("What does NMAB stand for?", [_unit(1, BODY), _unit(2, other)]) is None
    assert gloss_answer("ko", gloss("XSI를 뭐라고 부르나요?", [_unit(1, TIERS)])) \
        == "XSI는 ‘초극한지능’이라고 부릅니다 [1]."


def _assistant(tmp_path: Path, *texts: str) -> tuple[Assistant, ScriptedGenerator]:
    hits = [Hit(Chunk(f"p{i}", "d", t, i, "1. Overview"), 0.9 - i / 10, "hybrid", "Sample Report", "sample.pdf")
            for i, t in enumerate(texts, 1)]
    retriever = IndexedListRetriever(hits, tmp_path / "index")
    stream = ScriptedGenerator("NMAB is a board that hears maritime disputes [1].")
    return Assistant(retriever, stream, UnitSelector(retriever), translate=False), stream


def test_the_assistant_answers_with_the_reports_gloss_without_the_model(tmp_path: Path) -> None:
    assistant, stream = _assistant(tmp_path, BODY)
    answer = assistant.ask("What does NMAB stand for?")
    assert answer.text == "NMAB stands for Northgate Maritime Arbitration Board [1]."
    assert answer.path == "extractive" and not stream.calls
    assert [c.quote for c in answer.citations] and "(NMAB)" in answer.citations[0].quote


def test_without_the_rule_the_model_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAGQA_ABLATE", "gloss")
    assistant, stream = _assistant(tmp_path, BODY)
    answer = assistant.ask("What does NMAB stand for?")
    assert stream.calls and "Northgate" not in answer.text
