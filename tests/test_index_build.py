"""Incremental, atomic ingest with a counting fake embedder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fakes import DATA, HashEmbedder, indexed_sources, live_versions, version_dirs, write_corpus

from index import layout
from index.build import ingest_paths, remove_document
from index.retriever import HybridRetriever, IndexReader
from ingest.chunk import ChunkSettings
from core.errors import IndexBusyError, IndexStateError, RagError

ALL = ["coffee.md", "hydrogen.txt", "satellite.md", "semiconductor.txt"]

TWO_SECTIONS = (
    "# 무역 동향 보고서\n\n"
    "## 수출\n\n"
    "2024년 반도체 수출액은 1,419억 달러로 전년 대비 43.9% 증가하였다. "
    "메모리 반도체 가격 회복과 인공지능 서버 수요 확대가 수출 증가를 이끌었다고 분석된다.\n\n"
    "## 수입\n\n"
    "2024년 원유 수입액은 862억 달러로 전년보다 2.1% 감소하였다. "
    "국제 유가 하락과 원화 환율 안정이 수입액 감소의 주된 원인이었다고 분석된다.\n"
)


def _top(index_dir: Path, question: str, k: int = 3) -> list[tuple[str, float]]:
    reader = IndexReader.open(index_dir)
    try:
        hits = HybridRetriever(reader, HashEmbedder()).retrieve(question, k)
        return [(h.chunk.chunk_id, round(h.score, 6)) for h in hits]
    finally:
        reader.close()


def test_first_ingest_adds_all(tmp_path: Path, corpus_dir: Path, embedder: HashEmbedder) -> None:
    report = ingest_paths([corpus_dir], tmp_path / "idx", embedder)
    assert sorted(report.added) == ALL
    assert not (report.updated or report.skipped or report.removed or report.failed or report.duplicates)
    assert report.chunks_embedded == report.chunks_total == 4
    assert report.units_embedded == report.units_total == 8  # two sentences a file
    assert embedder.embedded == 4 + 8
    assert indexed_sources(tmp_path / "idx") == ALL
    assert "added 4" in report.summary()


def test_second_ingest_embeds_nothing(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    version = layout.current_version(index_dir)
    again = HashEmbedder()
    report = ingest_paths([corpus_dir], index_dir, again)
    assert again.embedded == 0 and report.chunks_embedded == report.units_embedded == 0
    assert sorted(report.skipped) == ALL
    assert not (report.added or report.updated or report.removed)
    assert report.chunks_total == 4 and report.units_total == 8
    assert layout.current_version(index_dir) == version  # nothing changed, nothing published


def test_changed_file_reembeds_only_its_changed_chunks(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    (corpus_dir / "trade.md").write_text(TWO_SECTIONS, encoding="utf-8")
    first = HashEmbedder()
    ingest_paths([corpus_dir], index_dir, first)
    assert first.embedded == 6 + 12  # four one-chunk files and two sections, two sentences each

    (corpus_dir / "trade.md").write_text(TWO_SECTIONS.replace("862억", "870억"), encoding="utf-8")
    second = HashEmbedder()
    report = ingest_paths([corpus_dir], index_dir, second)
    assert report.updated == ["trade.md"]
    assert sorted(report.skipped) == ALL
    # The 수출 section kept its vector, and of the 수입 section's units only the edited sentence changed.
    assert report.chunks_embedded == 1 and report.units_embedded == 1
    assert second.embedded == 2
    assert report.chunks_total == 6 and report.units_total == 12
    reader = IndexReader.open(index_dir)
    hits = HybridRetriever(reader, HashEmbedder()).retrieve("원유 수입액은 얼마인가?", 1)
    assert "870억" in hits[0].chunk.text
    reader.close()


def test_deleted_file_removed(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    (corpus_dir / "coffee.md").unlink()
    report = ingest_paths([corpus_dir], index_dir, HashEmbedder())
    assert report.removed == ["coffee.md"]
    assert report.chunks_total == 3
    assert "coffee.md" not in indexed_sources(index_dir)
    reader = IndexReader.open(index_dir)
    hits = HybridRetriever(reader, HashEmbedder()).retrieve("coffee bean prices", 5)
    assert hits and all(h.source != "coffee.md" for h in hits)
    reader.close()


def test_renamed_file_reuses_vectors(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    (corpus_dir / "coffee.md").rename(corpus_dir / "coffee-2024.md")
    again = HashEmbedder()
    report = ingest_paths([corpus_dir], index_dir, again)
    assert report.added == ["coffee-2024.md"] and report.removed == ["coffee.md"]
    assert again.embedded == 0


def test_same_content_under_another_name_is_a_duplicate(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    copy = corpus_dir / "semiconductor (1).txt"
    shutil.copy(corpus_dir / "semiconductor.txt", copy)
    again = HashEmbedder()
    report = ingest_paths([corpus_dir], index_dir, again)
    assert report.duplicates == [(str(copy), "semiconductor.txt")]
    assert again.embedded == 0 and not report.added
    assert indexed_sources(index_dir) == ALL


def test_duplicates_within_one_run(tmp_path: Path, corpus_dir: Path) -> None:
    copy = corpus_dir / "zz-copy.md"
    shutil.copy(corpus_dir / "coffee.md", copy)
    embedder = HashEmbedder()
    report = ingest_paths([corpus_dir], tmp_path / "idx", embedder)
    assert report.duplicates == [(str(copy), "coffee.md")]
    assert embedder.embedded == 4 + 8
    assert indexed_sources(tmp_path / "idx") == ALL


def test_single_extra_file_keeps_folder_docs(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    extra = shutil.copy(DATA / "korean_report.pdf", tmp_path / "korean_report.pdf")
    report = ingest_paths([Path(extra)], index_dir, HashEmbedder())
    assert report.added == ["korean_report.pdf"]
    assert not report.removed
    assert indexed_sources(index_dir) == sorted(ALL + ["korean_report.pdf"])


def test_other_embedder_refused_until_rebuild(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder("hash-a"))
    other = HashEmbedder("hash-b")
    with pytest.raises(IndexStateError, match="--rebuild") as info:
        ingest_paths([corpus_dir], index_dir, other)
    assert "hash-a" in str(info.value)
    assert other.embedded == 0
    reader = IndexReader.open(index_dir)
    with pytest.raises(IndexStateError, match="hash-a"):
        HybridRetriever(reader, other)
    reader.close()

    report = ingest_paths([corpus_dir], index_dir, other, rebuild=True)
    assert sorted(report.added) == ALL and other.embedded == 4 + 8
    assert IndexReader.open(index_dir).manifest.embedder == "hash-b"


def test_other_chunk_size_refused(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    with pytest.raises(IndexStateError, match="--rebuild"):
        ingest_paths([corpus_dir], index_dir, HashEmbedder(), ChunkSettings(size=300))


def test_crash_mid_ingest_leaves_previous_index(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    questions = ["반도체 수출액은 얼마인가?", "How many satellites were launched?"]
    before = [_top(index_dir, q) for q in questions]

    (corpus_dir / "trade.md").write_text(TWO_SECTIONS, encoding="utf-8")
    (corpus_dir / "coffee.md").write_text("# Coffee\n\nPrices fell to 1.20 dollars.\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="simulated crash"):
        ingest_paths([corpus_dir], index_dir, HashEmbedder(fail_after=1))

    assert indexed_sources(index_dir) == ALL
    assert [_top(index_dir, q) for q in questions] == before
    assert version_dirs(index_dir) <= live_versions(index_dir)
    # The lock was released: the next ingest goes through.
    report = ingest_paths([corpus_dir], index_dir, HashEmbedder())
    assert report.added == ["trade.md"] and report.updated == ["coffee.md"]


def test_bad_files_reported_good_ones_indexed(tmp_path: Path, corpus_dir: Path) -> None:
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "binary.txt").write_bytes(b"\x00\x00\x7fELF" + bytes(range(256)) * 8)
    (corpus_dir / "slides.docx").write_bytes(b"PK\x03\x04")
    shutil.copy(DATA / "encrypted.pdf", corpus_dir / "encrypted.pdf")
    report = ingest_paths([corpus_dir, tmp_path / "missing-folder"], tmp_path / "idx", HashEmbedder())
    failed = {Path(path).name: reason for path, reason in report.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "slides.docx", "encrypted.pdf", "missing-folder"}
    assert "empty" in failed["empty.txt"]
    assert "binary" in failed["binary.txt"]
    assert "unsupported" in failed["slides.docx"]
    assert "password" in failed["encrypted.pdf"]
    assert "no such file" in failed["missing-folder"]
    assert sorted(report.added) == ALL
    assert indexed_sources(tmp_path / "idx") == ALL


def test_broken_new_version_keeps_the_old_one(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    (corpus_dir / "hydrogen.txt").write_bytes(b"")
    report = ingest_paths([corpus_dir], index_dir, HashEmbedder())
    assert [Path(p).name for p, _ in report.failed] == ["hydrogen.txt"]
    assert "hydrogen.txt" in indexed_sources(index_dir)
    assert not report.removed


def test_ingesting_one_file_leaves_reports_outside_its_scope(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    (corpus_dir / "coffee.md").unlink()  # moved away, but this run is only about extra.txt
    extra = tmp_path / "extra.txt"
    extra.write_text("2024년 해상풍력 설비는 1.2기가와트였다.", encoding="utf-8")
    report = ingest_paths([extra], index_dir, HashEmbedder())
    assert report.added == ["extra.txt"] and report.removed == []
    assert "coffee.md" in indexed_sources(index_dir)


def test_remove_document(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    removed = remove_document(index_dir, "hydrogen.txt")
    assert removed.source == "hydrogen.txt" and removed.n_chunks == 1
    assert indexed_sources(index_dir) == [s for s in ALL if s != "hydrogen.txt"]
    reader = IndexReader.open(index_dir)
    assert reader.manifest.n_chunks == 3
    coffee = next(d for d in reader.docs.values() if d.source == "coffee.md")
    reader.close()
    assert remove_document(index_dir, coffee.doc_id).source == "coffee.md"  # by doc id too
    assert indexed_sources(index_dir) == ["satellite.md", "semiconductor.txt"]


def test_remove_unknown_name_lists_known_reports(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    with pytest.raises(RagError) as info:
        remove_document(index_dir, "nope.pdf")
    message = str(info.value)
    assert "nope.pdf" in message and "coffee.md" in message and "semiconductor.txt" in message
    with pytest.raises(RagError, match="ragqa ingest"):
        remove_document(tmp_path / "no-index", "coffee.md")


def test_write_lock_makes_second_writer_busy(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    embedder = HashEmbedder()
    with layout.write_lock(index_dir, 0):
        with pytest.raises(IndexBusyError, match="--wait"):
            ingest_paths([corpus_dir], index_dir, embedder, lock_timeout=0)
        with pytest.raises(IndexBusyError):
            remove_document(index_dir, "coffee.md", lock_timeout=0)
    assert embedder.embedded == 0
    assert layout.current_version(index_dir) is None
    ingest_paths([corpus_dir], index_dir, embedder, lock_timeout=0)  # free again once released
    assert indexed_sources(index_dir) == ALL


def test_remove_ambiguous_name_is_refused(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c" / "2023", {"report.txt": "2023년 반도체 수출은 990억 달러였다. 가격이 하락했다."})
    write_corpus(tmp_path / "c" / "2024", {"report.txt": "2024년 반도체 수출은 1,419억 달러였다. 가격이 회복했다."})
    index_dir = tmp_path / "idx"
    ingest_paths([tmp_path / "c"], index_dir, HashEmbedder())
    with pytest.raises(RagError):
        remove_document(index_dir, "report.txt")
    assert len(IndexReader.open(index_dir).docs) == 2


def test_damaged_pointer_asks_for_rebuild(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    (index_dir / "CURRENT").write_text("v-gone", encoding="utf-8")
    with pytest.raises(IndexStateError, match="--rebuild"):
        IndexReader.open(index_dir)
    report = ingest_paths([corpus_dir], index_dir, HashEmbedder(), rebuild=True)
    assert sorted(report.added) == ALL and indexed_sources(index_dir) == ALL


def test_a_superseded_version_stays_one_more_publish(tmp_path: Path, corpus_dir: Path) -> None:
    """A reader that read CURRENT just before a publish can still open what it read."""
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    first = layout.current_version(index_dir)
    (corpus_dir / "extra.md").write_text("# Extra\n\nTidal turbines produced 12 megawatts.\n", encoding="utf-8")
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    second = layout.current_version(index_dir)
    assert (first / layout.MANIFEST).is_file() and (first / layout.STORE).is_file() and second != first
    (corpus_dir / "extra.md").unlink()
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    assert not first.exists() and second.is_dir()
    assert version_dirs(index_dir) == {second.name, layout.current_version(index_dir).name}
