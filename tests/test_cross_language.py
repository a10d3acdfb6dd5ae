"""A Korean question over reports in English: rendered in English for the search, as an
English question is rendered in Korean; over Korean reports alone, no rendering is asked for."""

from __future__ import annotations

import pytest
from fakes import ScriptedGenerator, hash_retriever

from index.retriever import HybridRetriever
from qa.answer import Assistant
from qa.pool import report_languages
from qa.unit_selection import UnitSelector

ENGLISH = ("# Northgate Energy FY2024 results\n\n## Balance sheet\n\n"
           "Net debt at the end of 2024 was 3.9 times EBITDA, up from 3.1 times a year earlier.\n")
KOREAN = "# 국내 로봇 산업 실태조사 2024\n\n## 수출\n\n2024년 로봇 수출액은 8억 3천만 달러로 전년 대비 12.4% 증가하였다.\n"


def _retriever(tmp_path_factory: pytest.TempPathFactory, files: dict[str, str]) -> HybridRetriever:
    root = tmp_path_factory.mktemp("reports")
    return hash_retriever(root, files)


def test_a_korean_question_over_english_reports_is_searched_in_english_too(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    retriever = _retriever(tmp_path_factory, {"northgate.md": ENGLISH, "robots.md": KOREAN})
    assert report_languages(retriever) == {"en", "ko"}
    model = ScriptedGenerator("What was net debt as a multiple of EBITDA at the end of 2024?",
                              "2024년 말 순부채는 EBITDA의 3.9배입니다 [1].")
    answer = Assistant(retriever, model, UnitSelector(retriever)).ask("2024년 말 순부채는 EBITDA의 몇 배인가?")
    system = model.messages[0][0]["content"]
    assert "into natural English" in system and model.fresh == [0]
    assert not answer.abstained and "3.9" in answer.text and answer.citations[0].source == "northgate.md"


def test_over_korean_reports_alone_a_korean_question_is_not_rendered(tmp_path_factory: pytest.TempPathFactory) -> None:
    retriever = _retriever(tmp_path_factory, {"robots.md": KOREAN})
    model = ScriptedGenerator("2024년 로봇 수출액은 8억 3천만 달러입니다 [1].")
    answer = Assistant(retriever, model, UnitSelector(retriever)).ask("2024년 로봇 수출액은 얼마인가?")
    assert len(model.calls) == 1 and "Translate" not in model.messages[0][0]["content"]
    assert not answer.abstained


@pytest.mark.parametrize(("said", "kept"), [
    ("베를린 장벽은 몇 년에 무너졌나요?", ["베를린 장벽은 몇 년에 무너졌나요?"]),
    ("서울에서 벌\ufffd드 워드가 떠났는 년도는?", []),  # a token broken mid-syllable: names swapped
    ("In what year did the Berlin Wall fall?", []),  # not the other language
])
def test_a_broken_or_untranslated_rendering_is_not_searched_with(said: str, kept: list[str]) -> None:
    from fakes import ScriptedGenerator

    from qa.pool import rendered

    assert rendered(ScriptedGenerator(said), "In what year did the Berlin Wall come down?", "en") == kept


@pytest.mark.parametrize(("said", "kept"), [
    ("2023년 Russia에서 공개한 AI 모델의 수는?", "2023년 러시아에서 공개한 AI 모델의 수는?"),
    ("2023년 United Kingdom과 the US의 투자는?", "2023년 영국과 미국의 투자는?"),
    ("Korea Telecom의 매출은?", "Korea Telecom의 매출은?"),  # a firm's name, not the country
    ("North America의 투자 비중은?", "North America의 투자 비중은?"),  # the end of a longer name
    ("2023년 미국의 투자는?", "2023년 미국의 투자는?"),
])
def test_a_country_a_rendering_kept_in_the_other_script_is_named_as_its_reports_would(
        said: str, kept: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from qa.pool import rendered

    assert rendered(ScriptedGenerator(said), "How many models did Russia release in 2023?", "en") == [kept]
    monkeypatch.setenv("RAGQA_ABLATE", "country-rendering")
    assert rendered(ScriptedGenerator(said), "How many models did Russia release in 2023?", "en") == [said]


def test_a_korean_country_left_in_an_english_rendering_is_named_in_english() -> None:
    from qa.pool import in_language

    assert in_language("How many models did 러시아 and 영국 release?", "en") == \
        "How many models did Russia and United Kingdom release?"
    assert in_language("How did 한국어 models fare?", "en") == "How did 한국어 models fare?"


def test_a_country_no_pooled_passage_names_is_searched_for_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from index.types import Hit
    from ingest.types import Chunk
    from qa.pool import with_countries

    table = Hit(Chunk("t", "d", "국가별 모델 수\n미국 → 2023년: 41\n러시아 → 2023년: 1\n일본 → 2023년: 3", 1), 0.2, "bm25")
    prose = Hit(Chunk("p", "d", "2023년 전 세계 모델 수는 104개였다.", 1), 0.9, "bm25")

    class ByWord:
        def candidates(self, query: str, k: int) -> list[Hit]:
            return [h for h in (prose, table) if query in h.chunk.text][:k]

    question = ["How many models did Russia release in 2023?", "2023년 러시아가 출시한 모델은 몇 개인가?"]
    assert [h.chunk.chunk_id for h in with_countries(ByWord(), question, [prose])] == ["p", "t"]
    # a country the pool already names, or none the reports name, adds nothing
    assert [h.chunk.chunk_id for h in with_countries(ByWord(), question, [prose, table])] == ["p", "t"]
    assert [h.chunk.chunk_id for h in with_countries(ByWord(), ["How many did Brazil release?"], [prose])] == ["p"]
    # the pool evidence is picked from holds it; not with the rule off
    from qa.pool import identified_pool

    assert "t" in [h.chunk.chunk_id for h in identified_pool(ByWord(), question, 5)[1]]
    monkeypatch.setenv("RAGQA_ABLATE", "country-recall")
    assert "t" not in [h.chunk.chunk_id for h in identified_pool(ByWord(), question, 5)[1]]
