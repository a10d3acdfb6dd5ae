"""The issues' acceptance checks with the real models: e5+USE index of the real corpus,
the default embedded generator. Slow (minutes): run with `-m slow`."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from index.build import ingest_paths
from index.embedders import make_embedder
from index.retriever import HybridRetriever, IndexReader
from qa.answer import Assistant
from ragqa.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow

SPRI_TITLE = "글로벌 초거대 AI 모델 현황 분석"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("acceptance")
    corpus = root / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    index_dir = root / "index"
    embedder = make_embedder("e5+use")
    started = time.perf_counter()
    cold = ingest_paths([corpus], index_dir, embedder)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    warm = ingest_paths([corpus], index_dir, embedder)
    warm_s = time.perf_counter() - started
    return {"index": index_dir, "embedder": embedder, "cold": cold, "warm": warm,
            "cold_s": cold_s, "warm_s": warm_s, "corpus": corpus}


def _retriever(built: dict) -> HybridRetriever:
    return HybridRetriever(IndexReader.open(built["index"]), built["embedder"])


def test_second_ingest_embeds_nothing_and_is_fast(built: dict) -> None:
    assert built["cold"].chunks_embedded > 100 and len(built["cold"].added) == 5
    assert built["warm"].chunks_embedded == 0 and len(built["warm"].skipped) == 5
    assert built["warm_s"] < built["cold_s"] / 10


def test_design_card_questions_hit_the_spri_evidence(built: dict) -> None:
    retriever = _retriever(built)
    hits = retriever.retrieve("How many large-scale AI models were released worldwide between 2020 and 2023?", 5)
    assert any("144개" in h.chunk.text and SPRI_TITLE in h.title for h in hits)
    hits = retriever.retrieve("한국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?", 5)
    ranking = ("세 번째로 많은", "한국(11건)")
    assert any(SPRI_TITLE in h.title and any(r in h.chunk.text for r in ranking) for h in hits)


def test_added_korean_pdf_is_answerable_with_pages(built: dict) -> None:
    report = ingest_paths([DATA / "korean_report.pdf"], built["index"], built["embedder"])
    assert report.added == ["korean_report.pdf"] and len(IndexReader.open(built["index"]).docs) == 6
    retriever = _retriever(built)
    hits = retriever.retrieve("국내 양자컴퓨팅 스타트업은 몇 개로 집계되었나?", 3)
    assert hits[0].source == "korean_report.pdf" and hits[0].chunk.page == 2
    assert hits[0].title == "양자컴퓨팅 산업 동향 2025"
    hits = retriever.retrieve("양자 오류 정정 예산은 얼마인가?", 3)
    assert hits[0].source == "korean_report.pdf" and hits[0].chunk.page == 3


@pytest.fixture(scope="module")
def assistant(built: dict) -> Assistant:
    from qa.unit_selection import UnitSelector
    from ragqa.factory import build_generator

    models = os.environ.get("RAGQA_MODELS")
    settings = Settings(generator="embedded", model="default", **({"models_dir": Path(models)} if models else {}))
    llm = build_generator(settings)
    retriever = _retriever(built)
    return Assistant(retriever, llm, UnitSelector(retriever), models={"generator": llm.name})


CARD = [
    ("2020~2023년 전 세계에서 출시된 초거대 AI 모델은 모두 몇 개인가?", "ko", "144", "144개"),
    ("How many large-scale AI models were released worldwide between 2020 and 2023?", "en", "144", "144개"),
    ("한국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?", "ko", "3", None),
    ("Where does South Korea rank among countries developing large-scale AI models?", "en", "3", None),
    ("2020~2023년 초거대 AI 모델 출시의 연평균 증가율(CAGR)은?", "ko", "226.1", "226.1%"),
    ("What was the compound annual growth rate of large-scale AI model releases from 2020 to 2023?", "en", "226.1",
     "226.1%"),
]


@pytest.mark.parametrize("question,lang,number,quote_holds", CARD)
def test_default_model_answers_design_card(assistant: Assistant, question: str, lang: str, number: str,
                                           quote_holds: str | None) -> None:
    from eval.scoring import answer_matches, detect_language

    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    assert answer_matches(answer.text, [number]), answer.text
    assert answer.citations, answer.text
    assert detect_language(answer.text) == lang, answer.text
    quotes = " ".join(c.quote for c in answer.citations)
    if quote_holds:
        assert quote_holds in quotes
    else:  # the rank is given as "세 번째" in prose and as 순위 3 in the table
        assert "세 번째" in quotes or "순위: 3" in quotes
    assert all(SPRI_TITLE in c.title for c in answer.citations)


def test_off_topic_question_abstains(assistant: Assistant) -> None:
    answer = assistant.ask("Who won the 2018 FIFA World Cup?")
    assert answer.abstained and "do not" in answer.text


def test_closed_book_has_no_hits(assistant: Assistant) -> None:
    answer = assistant.ask("What is the capital of France?", closed_book=True)
    assert answer.hits == () and answer.path == "closed-book" and answer.text
