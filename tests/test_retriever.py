"""Retrieval over a tiny Korean + English corpus and the Korean PDF fixture."""

from __future__ import annotations

import inspect
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fakes import DATA, HashEmbedder, write_corpus

from index.build import ingest_paths
from index.lexical import tokenize
from index.retriever import HybridRetriever, IndexReader
from core.errors import IndexStateError


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexReader]:
    root = tmp_path_factory.mktemp("retrieval")
    write_corpus(root / "corpus")
    shutil.copy(DATA / "korean_report.pdf", root / "corpus" / "korean_report.pdf")
    shutil.copy(DATA / "english_report.pdf", root / "corpus" / "english_report.pdf")
    ingest_paths([root / "corpus"], root / "idx", HashEmbedder())
    opened = IndexReader.open(root / "idx")
    yield opened
    opened.close()


def _retriever(reader: IndexReader, mode: str) -> HybridRetriever:
    """"hybrid", "dense" (every dense ranking) or "bm25", whichever spelling the retriever takes."""
    if "mode" in inspect.signature(HybridRetriever).parameters:
        return HybridRetriever(reader, HashEmbedder(), mode=mode)
    if mode == "hybrid":
        return HybridRetriever(reader, HashEmbedder())
    names = set(HybridRetriever(reader, HashEmbedder()).names)
    return HybridRetriever(reader, HashEmbedder(), only={"bm25"} if mode == "bm25" else names - {"bm25"})


QUESTIONS = [
    ("2024년 반도체 수출액은 얼마인가?", "semiconductor.txt", "1,419억"),
    ("수소 충전소는 몇 기가 운영 중인가?", "hydrogen.txt", "359기"),
    ("What was the price of arabica coffee beans?", "coffee.md", "3.44 dollars"),
    ("How many satellites were placed in low Earth orbit?", "satellite.md", "2,800"),
    ("What offshore wind capacity was installed?", "english_report.pdf", "83 gigawatts"),
]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
@pytest.mark.parametrize(("question", "source", "fact"), QUESTIONS)
def test_question_finds_its_chunk_first(reader: IndexReader, mode: str, question: str, source: str, fact: str) -> None:
    hits = _retriever(reader, mode).retrieve(question, 3)
    assert hits, question
    top = hits[0]
    assert (top.source, fact in top.chunk.text) == (source, True)
    assert top.title  # titles travel with hits for citations
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
@pytest.mark.parametrize(
    ("question", "page", "fact"),
    [
        ("국내 양자컴퓨팅 스타트업 수는 몇 개인가?", 2, "37개"),
        ("양자 오류 정정 예산은 얼마로 책정되었나?", 3, "412억"),
    ],
)
def test_korean_pdf_page_attribution(reader: IndexReader, mode: str, question: str, page: int, fact: str) -> None:
    top = _retriever(reader, mode).retrieve(question, 3)[0]
    assert top.source == "korean_report.pdf"
    assert top.title == "양자컴퓨팅 산업 동향 2025"
    assert top.chunk.page == page
    assert fact in top.chunk.text


def test_k_limits_hits_and_pool(reader: IndexReader) -> None:
    retriever = HybridRetriever(reader, HashEmbedder())
    assert len(retriever.retrieve("반도체 수출", 2)) == 2
    assert len(retriever.retrieve("반도체 수출", 50)) == reader.manifest.n_chunks


def test_bm25_ignores_unknown_words(reader: IndexReader) -> None:
    assert _retriever(reader, "bm25").retrieve("zxqv wvut", 3) == []


def test_korean_tokens_share_stems() -> None:
    assert "출시" in tokenize("모델이 출시되었음") and "출시" in tokenize("출시된 모델")
    assert "1419" in tokenize("수출액은 1,419억 달러")
    assert "satellite" in tokenize("Satellites launched")


def test_bad_mode_and_missing_index(tmp_path: Path, reader: IndexReader) -> None:
    with pytest.raises(ValueError, match="sparse"):
        if "mode" in inspect.signature(HybridRetriever).parameters:
            HybridRetriever(reader, HashEmbedder(), mode="sparse")
        else:
            HybridRetriever(reader, HashEmbedder(), only={"sparse"})
    with pytest.raises(IndexStateError, match="ragqa ingest"):
        IndexReader.open(tmp_path / "nothing-here")


def test_hash_embedder_keeps_the_embedder_contract() -> None:
    # The fake must carry signal, or every "finds the right chunk" test above is luck.
    emb = HashEmbedder(dim=128)
    docs = emb.embed_documents(["수소 충전소 359기", "coffee bean prices", "반도체 수출액"])
    assert docs.shape == (3, 128) and docs.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0)
    assert emb.embed_documents([]).shape == (0, 128)
    query = emb.embed_query("수소 충전소는 몇 기인가?")
    assert query.shape == (128,)
    assert int(np.argmax(docs @ query)) == 0
    assert int(np.argmax(docs @ emb.embed_query("price of coffee beans"))) == 1
    assert np.array_equal(HashEmbedder(dim=128).embed_query("같은 문장"), emb.embed_query("같은 문장"))
    assert emb.embedded == 3  # queries are not counted
    with pytest.raises(RuntimeError):
        HashEmbedder(fail_after=1).embed_documents(["a", "b"])


def test_candidates_add_what_single_retrievers_rank_high(reader: IndexReader) -> None:
    hybrid = HybridRetriever(reader, HashEmbedder())
    question = "양자 오류 정정 예산과 수소 충전소"
    fused = hybrid.retrieve(question, 1)
    pool = hybrid.candidates(question, 1, per_retriever=2)
    assert pool[0].chunk.chunk_id == fused[0].chunk.chunk_id  # the shown hits come first, unchanged
    pool_ids = {h.chunk.chunk_id for h in pool}
    for name in hybrid.names:
        alone = HybridRetriever(reader, HashEmbedder(), only={name}).retrieve(question, 2)
        assert {h.chunk.chunk_id for h in alone} <= pool_ids, name
    assert len(pool_ids) == len(pool) <= 1 + 2 * len(hybrid.names)
