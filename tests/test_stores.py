"""The store seam's contract, run against the FAISS folder and Milvus Lite alike: the same
questions find the same passages, and ingest, removal and the two phases behave the same."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fakes import CORPUS, DATA, HashEmbedder, write_corpus
from test_phases import two_part
from test_retriever import QUESTIONS

from core.errors import IndexStateError
from index.fusion_weights import FusionWeights
from index.stores import FolderStore, IndexStore

STORES = ["folder", "milvus"]


@pytest.fixture(scope="session")
def milvus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One Milvus Lite data folder for the session; each store gets its own collection prefix."""
    pytest.importorskip("pymilvus", reason="the Milvus store needs pymilvus: pip install -e '.[milvus]'")
    pytest.importorskip("milvus_lite", reason="Milvus Lite is not installed: pip install -e '.[milvus]'")
    return str(tmp_path_factory.mktemp("milvus") / "stores.db")


def make_store(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> IndexStore:
    if kind == "folder":
        return FolderStore(tmp_path / f"idx-{uuid.uuid4().hex[:6]}")
    from index.milvus_store import MilvusStore

    return MilvusStore(request.getfixturevalue("milvus_db"), prefix=f"t{uuid.uuid4().hex[:10]}")


@pytest.fixture(scope="module", params=STORES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> IndexStore:
    root = tmp_path_factory.mktemp(f"stores-{request.param}")
    write_corpus(root / "corpus")
    for name in ("korean_report.pdf", "english_report.pdf"):
        shutil.copy(DATA / name, root / "corpus" / name)
    store = make_store(request.param, root, request)
    store.ingest([root / "corpus"], HashEmbedder())
    return store


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[IndexStore]:
    yield make_store(request.param, tmp_path, request)


def _view(store: IndexStore, mode: str):  # a HybridRetriever or a MilvusRetriever
    retriever = store.open(HashEmbedder())
    if mode == "hybrid":
        return retriever
    return retriever.view(only={"bm25"} if mode == "bm25" else set(retriever.part_names))


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
@pytest.mark.parametrize(("question", "source", "fact"), QUESTIONS)
def test_question_finds_its_chunk_first(built: IndexStore, mode: str, question: str, source: str, fact: str) -> None:
    hits = _view(built, mode).retrieve(question, 3)
    assert (hits[0].source, fact in hits[0].chunk.text) == (source, True)
    assert hits[0].title
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_korean_pdf_page_attribution(built: IndexStore, mode: str) -> None:
    top = _view(built, mode).retrieve("양자 오류 정정 예산은 얼마로 책정되었나?", 3)[0]
    assert (top.source, top.title, top.chunk.page) == ("korean_report.pdf", "양자컴퓨팅 산업 동향 2025", 3)
    assert "412억" in top.chunk.text


def test_limits_unknown_words_and_names(built: IndexStore) -> None:
    retriever = built.open(HashEmbedder())
    assert len(retriever.retrieve("반도체 수출", 2)) == 2
    assert len(retriever.retrieve("반도체 수출", 50)) == built.manifest().n_chunks
    assert _view(built, "bm25").retrieve("zxqv wvut", 3) == []
    with pytest.raises(ValueError, match="sparse"):
        retriever.view(only={"sparse"})


def test_candidates_add_what_single_retrievers_rank_high(built: IndexStore) -> None:
    hybrid = built.open(HashEmbedder())
    question = "양자 오류 정정 예산과 수소 충전소"
    pool = hybrid.candidates(question, 1, per_retriever=2)
    assert pool[0].chunk.chunk_id == hybrid.retrieve(question, 1)[0].chunk.chunk_id
    for name in hybrid.names:
        alone = {h.chunk.chunk_id for h in hybrid.view(only={name}).retrieve(question, 2)}
        assert alone <= {h.chunk.chunk_id for h in pool}, name


def test_scoped_ranks_within_the_chosen_reports(built: IndexStore) -> None:
    docs = {d.source: d.doc_id for d in built.docs().values()}
    scoped = built.open(HashEmbedder()).scoped([docs["coffee.md"]])
    assert {h.source for h in scoped.retrieve("2024년 반도체 수출액은 얼마인가?", 5)} == {"coffee.md"}
    assert built.open(HashEmbedder()).scoped(["no-such-report"]).retrieve("반도체", 3) == []


def test_units_and_chunks_read_back(built: IndexStore) -> None:
    retriever = built.open(HashEmbedder())
    hits = retriever.retrieve("국내 양자컴퓨팅 스타트업 수는 몇 개인가?", 2)
    batch = retriever.units_for([h.chunk.chunk_id for h in hits])
    assert len(batch) and batch.vectors.shape == (len(batch), 256)
    assert batch.units[0].chunk_id == hits[0].chunk.chunk_id  # in the order asked
    assert any("37개" in u.text for u in batch.units) and all(batch.tokens)
    assert np.allclose(np.linalg.norm(batch.part("dense0"), axis=1), 1.0, atol=1e-5)
    assert retriever.reader.chunk(hits[0].chunk.chunk_id) == hits[0].chunk


# Priors that differ by the language a question meets, and a strong agreement term.
AGREEING = FusionWeights({"en>en": {"bm25": 1.0, "dense0": 0.2}, "en>ko": {"bm25": 0.05, "dense0": 1.0},
                          "ko>ko": {"bm25": 0.3, "dense0": 1.0}, "ko>en": {"bm25": 1.0, "dense0": 0.5}},
                         agreement=3.0)


def test_both_stores_rank_alike(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Milvus's BM25 and inner product over the same rows give the FAISS store's rankings,
    fused with the shipped weights or with others (per met language, with agreement) alike."""
    write_corpus(tmp_path / "corpus")
    for name in ("korean_report.pdf", "english_report.pdf"):
        shutil.copy(DATA / name, tmp_path / "corpus" / name)
    folder, milvus = (make_store(kind, tmp_path, request) for kind in STORES)
    for store in (folder, milvus):
        store.ingest([tmp_path / "corpus"], HashEmbedder())
    changed = 0
    for question, *_ in QUESTIONS:
        for mode in ("hybrid", "dense", "bm25"):
            ours = [(h.chunk.chunk_id, round(h.score, 4)) for h in _view(milvus, mode).retrieve(question, 5)]
            theirs = [(h.chunk.chunk_id, round(h.score, 4)) for h in _view(folder, mode).retrieve(question, 5)]
            assert ours == theirs, (question, mode)
        weighed = []
        for store in (milvus, folder):
            retriever = store.open(HashEmbedder())
            retriever.weights = AGREEING
            weighed.append([(h.chunk.chunk_id, round(h.score, 4)) for h in retriever.candidates(question, 5)])
        assert weighed[0] == weighed[1], question
        changed += weighed[1] != [(h.chunk.chunk_id, round(h.score, 4)) for h in _view(folder, "hybrid").candidates(question, 5)]
    assert changed  # the weights reach the fused ranking


def test_incremental_ingest_edit_and_removal(store: IndexStore, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus)
    embedder = HashEmbedder()
    first = store.ingest([corpus], embedder)
    assert len(first.added) == len(CORPUS) and store.version()
    version = store.version()
    assert store.ingest([corpus], embedder).skipped and store.version() == version  # nothing changed
    before = embedder.embedded
    paths["coffee.md"].write_text(paths["coffee.md"].read_text(encoding="utf-8") + "\n\nRobusta rose 12%.\n",
                                  encoding="utf-8")
    edited = store.ingest([corpus], embedder)
    assert edited.updated == ["coffee.md"] and store.version() != version
    assert 0 < embedder.embedded - before < 6  # only the changed texts
    assert "Robusta" in store.open(embedder).retrieve("Robusta rose", 1)[0].chunk.text
    assert store.remove("coffee.md").source == "coffee.md"
    assert "coffee.md" not in {d.source for d in store.docs().values()}
    assert all(h.source != "coffee.md" for h in store.open(embedder).retrieve("coffee arabica price", 10))
    paths["coffee.md"].unlink()  # else the next ingest of the folder adds it again
    paths["satellite.md"].unlink()
    assert store.ingest([corpus], embedder).removed == ["satellite.md"]
    assert {d.source for d in store.docs().values()} == {"hydrogen.txt", "semiconductor.txt"}
    assert store.manifest().n_chunks == sum(d.n_chunks for d in store.docs().values())
    with pytest.raises(IndexStateError, match="embedder"):
        store.open(HashEmbedder(id="another-embedder"))
    with pytest.raises(IndexStateError, match="embedder"):
        store.ingest([corpus], HashEmbedder(id="another-embedder"))


def test_two_phases_answer_first_then_complete(store: IndexStore, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    embedder, slow, _ = two_part()
    report = store.ingest([corpus], embedder, deferred={"e5"}, defer_min_chunks=1)
    assert report.pending_parts == ["e5", "units:use"] and slow.embedded == 0
    assert sorted(store.pending()) == sorted(CORPUS)
    # answerable at once, from BM25 and the fast part; the deferred part is not searched yet
    assert store.open(embedder).retrieve("2024년 반도체 수출액은 얼마인가?", 1)[0].source == "semiconductor.txt"
    assert store.open(embedder).view(only={"e5"}).retrieve("반도체 수출액", 3) == []
    done = store.complete_pending(embedder)
    assert sorted(done.completed) == sorted(CORPUS) and store.pending() == []
    e5 = store.open(embedder).view(only={"e5"}).retrieve("2024년 반도체 수출액은 얼마인가?", 1)
    assert e5[0].source == "semiconductor.txt"
    units = store.open(embedder).units_for([e5[0].chunk.chunk_id])
    assert np.allclose(np.linalg.norm(units.part("use"), axis=1), 1.0, atol=1e-5)
