"""Evidence units stored at ingest: round trip, neighbours, reuse, removal, format, query vectors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from fakes import HashEmbedder, write_corpus

from core.errors import IndexStateError
from index import layout
from index.build import ingest_paths, remove_document
from index.embedders import StackedEmbedder
from index.lexical import tokenize
from index.retriever import QUERY_CACHE_SIZE, HybridRetriever, IndexReader
from index.vectors import unit_embed_text
from ingest.units import chunk_units

# One report long enough for several chunks, and a small one beside it.
N_SENTENCES = 40
LONG = "# 조력 발전 현황\n\n" + " ".join(
    f"{i}구역 조력 발전소의 연간 발전량은 {i * 37 + 100}기가와트시로 추정되었다." for i in range(1, N_SENTENCES + 1)
) + "\n"
FILES = {
    "tidal.md": LONG,
    "coffee.md": "# Coffee\n\nArabica prices rose to 3.44 dollars per pound. Drought cut the harvest.\n",
}


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "corpus", FILES)
    ingest_paths([tmp_path / "corpus"], tmp_path / "idx", HashEmbedder())
    return tmp_path / "idx"


def _chunks(reader: IndexReader, source: str) -> list:
    doc = next(d for d in reader.docs.values() if d.source == source)
    rows = reader.chunks_at(list(range(reader.manifest.n_chunks)))
    return sorted((c for c in rows.values() if c.doc_id == doc.doc_id), key=lambda c: c.ordinal)


def test_units_round_trip(index_dir: Path) -> None:
    reader = IndexReader.open(index_dir)
    chunks = _chunks(reader, "tidal.md")
    assert len(chunks) > 2
    batch = reader.units_for([c.chunk_id for c in chunks])
    expected = [u for c in chunks for u in chunk_units(c)]
    assert list(batch.units) == expected and len(batch) == len(expected)
    assert reader.manifest.n_units == len(expected) + len(chunk_units(_chunks(reader, "coffee.md")[0]))
    section = {c.chunk_id: c.section for c in chunks}
    texts = [unit_embed_text(u, section[u.chunk_id]) for u in expected]
    assert batch.vectors.shape == (len(expected), 256) and batch.vectors.dtype == np.float32
    assert np.allclose(batch.vectors, HashEmbedder().embed_documents(texts))
    assert batch.tokens == tuple(tuple(tokenize(u.text)) for u in expected)
    assert np.array_equal(batch.part(reader.manifest.parts[0]["name"]), batch.vectors)
    reader.close()


def test_units_for_keeps_the_order_asked_and_links_neighbours(index_dir: Path) -> None:
    reader = IndexReader.open(index_dir)
    chunks = _chunks(reader, "tidal.md")
    asked = [chunks[1].chunk_id, chunks[0].chunk_id, chunks[1].chunk_id, "no-such-chunk"]
    batch = reader.units_for(asked)
    assert [u.chunk_id for u in batch.units] == sorted(
        (u.chunk_id for u in batch.units), key=[chunks[1].chunk_id, chunks[0].chunk_id].index)
    for chunk_id in (chunks[1].chunk_id, chunks[0].chunk_id):
        ordinals = [u.ordinal for u in batch.units if u.chunk_id == chunk_id]
        assert ordinals == list(range(len(ordinals)))

    # Neighbours run across chunk boundaries, skip the sentence the chunker repeats as
    # overlap, and stop at the document's ends.
    whole = reader.units_for([c.chunk_id for c in chunks])
    sentences = list(dict.fromkeys(u.text for u in whole.units))
    for i, unit in enumerate(whole.units):
        at = sentences.index(unit.text)
        assert whole.prev_text[i] == (sentences[at - 1] if at else "")
        assert whole.next_text[i] == (sentences[at + 1] if at + 1 < len(sentences) else "")
    assert len(whole.units) > len(sentences)  # the overlap is there, so the skip was tested
    empty = reader.units_for([])
    assert len(empty) == 0 and empty.vectors.shape == (0, 256)
    reader.close()


def test_units_of_an_unchanged_report_are_not_embedded_again(tmp_path: Path, index_dir: Path) -> None:
    reader = IndexReader.open(index_dir)
    before = reader.units_for([c.chunk_id for c in _chunks(reader, "tidal.md")])
    reader.close()
    (tmp_path / "corpus" / "coffee.md").write_text(FILES["coffee.md"].replace("3.44", "3.50"), encoding="utf-8")
    again = HashEmbedder()
    report = ingest_paths([tmp_path / "corpus"], index_dir, again)
    assert report.updated == ["coffee.md"] and report.skipped == ["tidal.md"]
    assert (report.chunks_embedded, report.units_embedded, again.embedded) == (1, 1, 2)  # one sentence changed
    reader = IndexReader.open(index_dir)
    after = reader.units_for([c.chunk_id for c in _chunks(reader, "tidal.md")])
    assert after.units == before.units and np.array_equal(after.vectors, before.vectors)
    assert after.prev_text == before.prev_text and after.next_text == before.next_text
    reader.close()


def test_an_overlap_sentence_is_embedded_once(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", {"tidal.md": LONG})
    embedder = HashEmbedder()
    report = ingest_paths([tmp_path / "c"], tmp_path / "idx", embedder)
    assert report.units_total > report.units_embedded == N_SENTENCES  # some sentences are in two chunks
    assert embedder.embedded == report.chunks_embedded + report.units_embedded


def test_remove_document_drops_its_units(index_dir: Path) -> None:
    reader = IndexReader.open(index_dir)
    coffee = [c.chunk_id for c in _chunks(reader, "coffee.md")]
    tidal = [c.chunk_id for c in _chunks(reader, "tidal.md")]
    tidal_units = reader.units_for(tidal)
    reader.close()
    remove_document(index_dir, "coffee.md")
    reader = IndexReader.open(index_dir)
    assert len(reader.units_for(coffee)) == 0
    kept = reader.units_for(tidal)
    assert kept.units == tidal_units.units and kept.next_text == tidal_units.next_text
    assert reader.manifest.n_units == len(kept)
    reader.close()


def _make_v1(index_dir: Path) -> None:
    """What an index built before evidence units looks like to its readers: format 1."""
    path = layout.current_version(index_dir) / layout.MANIFEST
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["format_version"] = 1
    raw.pop("n_units")
    path.write_text(json.dumps(raw), encoding="utf-8")


def test_a_format_1_index_is_refused_until_rebuilt(tmp_path: Path, index_dir: Path) -> None:
    _make_v1(index_dir)
    with pytest.raises(IndexStateError, match=r"format 1 .*`ragqa ingest --rebuild`"):
        IndexReader.open(index_dir)
    embedder = HashEmbedder()
    with pytest.raises(IndexStateError, match=r"format 1 .*`ragqa ingest --rebuild`"):
        ingest_paths([tmp_path / "corpus"], index_dir, embedder)
    assert embedder.embedded == 0
    with pytest.raises(IndexStateError, match="--rebuild"):
        remove_document(index_dir, "coffee.md")
    report = ingest_paths([tmp_path / "corpus"], index_dir, embedder, rebuild=True)
    assert sorted(report.added) == sorted(FILES)
    reader = IndexReader.open(index_dir)
    assert reader.manifest.format_version == 2 and reader.manifest.n_units == report.units_total > 0
    reader.close()


def test_query_vectors_embed_each_query_once(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", FILES)
    parts = [HashEmbedder("hash-a", dim=64), HashEmbedder("hash-b", dim=32)]
    ingest_paths([tmp_path / "c"], tmp_path / "idx", StackedEmbedder(parts))
    reader = IndexReader.open(tmp_path / "idx")
    retriever = HybridRetriever(reader, StackedEmbedder(parts))
    assert retriever.part_names == ["dense0", "dense1"]
    hits = retriever.candidates("coffee prices", 2)
    vectors = retriever.query_vectors("coffee prices")
    assert parts[0].queries == parts[1].queries == ["coffee prices"]  # retrieval's embedding, reused
    assert {n: v.shape for n, v in vectors.items()} == {"dense0": (64,), "dense1": (32,)}
    assert not vectors["dense0"].flags.writeable  # shared: nobody may change it under another caller

    batch = retriever.units_for([h.chunk.chunk_id for h in hits])
    assert batch.vectors.shape == (len(batch), 96)
    assert np.array_equal(batch.part("dense1"), batch.vectors[:, 64:])
    scores = batch.part("dense0") @ vectors["dense0"]
    assert "3.44" in batch.units[int(np.argmax(scores))].text

    for i in range(QUERY_CACHE_SIZE):
        retriever.query_vectors(f"question {i}")
    retriever.query_vectors("coffee prices")
    assert parts[0].queries.count("coffee prices") == 2  # evicted by newer ones, then embedded again
    reader.close()
