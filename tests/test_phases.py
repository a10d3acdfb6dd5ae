"""Reports stay current: progress a person can follow, `ingest --json`, per-report status,
and two-phase ingest (answerable from BM25 and the fast part, then the slow part added)."""

from __future__ import annotations

import json
import logging
import re
import time
from pathlib import Path

import numpy as np
import pytest
from fakes import CORPUS, HashEmbedder, write_corpus

import ragqa.factory
from index import layout
from index.build import ingest_paths
from index.embedders import StackedEmbedder
from index.manifest import Manifest
from index.phases import complete_pending, pending_reports
from index.retriever import HybridRetriever, IndexReader
from ragqa.cli.main import main

QUESTIONS = ["2024년 반도체 수출액은 얼마인가?", "How many satellites were launched into orbit?",
             "수소 충전소는 몇 기인가?", "Arabica coffee bean prices"]
_STEP = re.compile(r"(\d+)/(\d+)")  # what the UI's upload page reads


def two_part(*, fail_after: int | None = None) -> tuple[StackedEmbedder, HashEmbedder, HashEmbedder]:
    """A stacked fake like e5+use: the "e5" part is the slow one ingest may defer."""
    slow = HashEmbedder("hash-slow", 128, fail_after=fail_after)
    slow.short = "e5"
    fast = HashEmbedder("hash-fast", 64)
    fast.short = "use"
    return StackedEmbedder([slow, fast]), slow, fast


def _top(index_dir: Path, embedder: StackedEmbedder, question: str, k: int = 2) -> list[str]:
    reader = IndexReader.open(index_dir)
    try:
        return [h.chunk.doc_id for h in HybridRetriever(reader, embedder).retrieve(question, k)]
    finally:
        reader.close()


# ---------------------------------------------------------------------------------- progress


def test_progress_has_a_line_per_file_and_stage_with_counts_and_the_ui_format(
    tmp_path: Path, corpus_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[str] = []
    with caplog.at_level(logging.INFO, logger="index.ingest"):
        ingest_paths([corpus_dir], tmp_path / "idx", HashEmbedder(), progress=seen.append)
    stages = [m.split(" ", 1)[0] for m in seen]
    assert stages[:4] == ["parse"] * 4 and {"embedded", "write", "publish"} <= set(stages)
    assert seen[0].startswith("parse 1/4 coffee.md: added, 1 pages, 1 chunks (")
    assert any(m.startswith("embedded 4/4 chunks [") for m in seen)
    assert any(m.startswith("embedded 8/8 units [") for m in seen)
    assert all(_STEP.search(m) for m in seen)  # every message moves the UI's bar
    assert [r.getMessage() for r in caplog.records if r.name == "index.ingest"] == seen


def test_progress_estimates_what_is_left(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    write_corpus(folder, {f"r{i}.txt": f"# 보고서 {i}\n\n{i}번 항목의 값은 {i * 7}이다.\n" for i in range(40)})
    seen: list[str] = []
    ingest_paths([folder], tmp_path / "idx", HashEmbedder(), progress=seen.append)
    assert any(m.startswith("embedded 16/40 chunks") and "ETA" in m for m in seen)
    assert not any("ETA" in m for m in seen if m.startswith("embedded 40/40"))


def test_cli_ingest_prints_progress_lines_off_a_terminal_and_json_on_stdout(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ragqa.factory, "make_embedder", lambda spec="e5": HashEmbedder())
    code = main(["ingest", str(corpus_dir), "--index", str(tmp_path / "idx"), "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    report = json.loads(out)  # stdout is exactly one JSON object
    assert sorted(report["added"]) == sorted(CORPUS) and report["failed"] == []
    assert report["chunks_embedded"] == 4 and report["units_total"] == 8 and report["seconds"] > 0
    assert set(report) >= {"added", "updated", "skipped", "removed", "duplicates", "failed",
                           "chunks_embedded", "units_embedded", "seconds", "pending", "completed"}
    assert "parse 4/4" in err and "publish 1/1" in err and "added 4" in err


def test_cli_ingest_json_lists_failures_with_reasons(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ragqa.factory, "make_embedder", lambda spec="e5": HashEmbedder())
    (corpus_dir / "empty.txt").write_text("", encoding="utf-8")
    main(["ingest", str(corpus_dir), "--index", str(tmp_path / "idx"), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in report["failed"]] == [str(corpus_dir / "empty.txt")]
    assert report["failed"][0]["reason"]


# ------------------------------------------------------------------------------ per-report status


def test_sources_json_gives_pages_units_time_hash_and_completeness(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ragqa.factory, "make_embedder", lambda spec="e5": HashEmbedder())
    idx = str(tmp_path / "idx")
    main(["ingest", str(corpus_dir), "--index", idx])
    capsys.readouterr()
    main(["sources", "--index", idx, "--json"])
    first = {d["source"]: d for d in json.loads(capsys.readouterr().out)}
    coffee = first["coffee.md"]
    assert coffee["n_pages"] == 1 and coffee["n_chunks"] == 1 and coffee["n_units"] == 2
    assert coffee["complete"] is True and coffee["pending_parts"] == []
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", coffee["indexed_at"])
    assert len(coffee["content_hash"]) >= 16

    # A later run keeps the time of the reports it did not touch and stamps the changed one.
    (corpus_dir / "hydrogen.txt").write_text(CORPUS["hydrogen.txt"] + "\n추가 문장이다.\n", encoding="utf-8")
    time.sleep(1.1)
    main(["ingest", str(corpus_dir), "--index", idx])
    capsys.readouterr()
    main(["sources", "--index", idx, "--json"])
    second = {d["source"]: d for d in json.loads(capsys.readouterr().out)}
    assert second["coffee.md"]["indexed_at"] == coffee["indexed_at"]
    assert second["hydrogen.txt"]["indexed_at"] > first["hydrogen.txt"]["indexed_at"]
    main(["sources", "--index", idx])
    text = capsys.readouterr().out
    assert "coffee.md\t1 pages\t1 chunks\t2 units\t" in text and "complete" in text


# ------------------------------------------------------------------------------ two phases


def test_fast_version_answers_before_the_slow_part_and_matches_after_it(tmp_path: Path, corpus_dir: Path) -> None:
    full, _, _ = two_part()
    ingest_paths([corpus_dir], tmp_path / "one", full)
    expected = [_top(tmp_path / "one", full, q) for q in QUESTIONS]

    embedder, slow, fast = two_part()
    report = ingest_paths([corpus_dir], tmp_path / "two", embedder, deferred={"e5"}, defer_min_chunks=0)
    # the fast part for the 4 passages only: their 8 units wait for both parts
    assert slow.embedded == 0 and fast.embedded == 4
    assert report.pending == sorted(CORPUS) and report.pending_parts == ["e5", "units:use"]
    assert report.to_dict()["pending_parts"] == ["e5", "units:use"]
    manifest = Manifest.load(layout.current_version(tmp_path / "two") / layout.MANIFEST)
    assert all(d["pending_parts"] == ["e5", "units:use"] for d in manifest.documents.values())
    assert pending_reports(tmp_path / "two") == sorted(CORPUS)
    reader = IndexReader.open(tmp_path / "two")
    assert reader.dense["e5"].size == 0 and reader.dense["use"].size == 4  # zeros never ranked
    reader.close()
    # Answerable now: BM25 and the fast part find each report's chunk.
    for question, top in zip(QUESTIONS, expected):
        assert _top(tmp_path / "two", embedder, question, 1) == top[:1]

    done = complete_pending(tmp_path / "two", embedder)
    assert sorted(done.completed) == sorted(CORPUS) and not done.still_pending
    assert slow.embedded == 4 + 8 and fast.embedded == 4 + 8 and done.texts_embedded == 12
    assert pending_reports(tmp_path / "two") == []
    assert [_top(tmp_path / "two", embedder, q) for q in QUESTIONS] == expected
    one, two = IndexReader.open(tmp_path / "one"), IndexReader.open(tmp_path / "two")
    assert two.dense["e5"].size == 4
    ids = [c for c in sorted(d.doc_id for d in one.docs.values())]
    assert all(one.docs[i].content_hash == two.docs[i].content_hash for i in ids)
    chunk_ids = [c.chunk_id for c in one.chunks_at(list(range(4))).values()]
    np.testing.assert_allclose(one.units_for(chunk_ids).vectors, two.units_for(chunk_ids).vectors, atol=1e-6)
    one.close(), two.close()
    assert complete_pending(tmp_path / "two", embedder).completed == []  # nothing left: no new version


def test_crash_during_the_slow_part_leaves_the_fast_version_and_the_next_run_resumes(
    tmp_path: Path, corpus_dir: Path
) -> None:
    idx = tmp_path / "idx"
    embedder, _, _ = two_part(fail_after=5)
    ingest_paths([corpus_dir], idx, embedder, deferred={"e5"}, defer_min_chunks=0)
    fast_version = layout.current_version(idx)
    before = [_top(idx, embedder, q) for q in QUESTIONS]
    with pytest.raises(RuntimeError, match="simulated crash"):
        complete_pending(idx, embedder)
    assert layout.current_version(idx) == fast_version
    assert [_top(idx, embedder, q) for q in QUESTIONS] == before
    assert pending_reports(idx) == sorted(CORPUS)

    # A later ingest (nothing changed) keeps them pending; the completion resumes.
    resumed, slow, _ = two_part()
    report = ingest_paths([corpus_dir], idx, resumed, deferred={"e5"}, defer_min_chunks=0)
    assert sorted(report.skipped) == sorted(CORPUS) and slow.embedded == 0
    assert complete_pending(idx, resumed).still_pending == []
    assert slow.embedded == 12 and pending_reports(idx) == []


def test_completion_gives_way_and_publishes_what_it_finished(tmp_path: Path, corpus_dir: Path) -> None:
    idx = tmp_path / "idx"
    embedder, _, _ = two_part()
    ingest_paths([corpus_dir], idx, embedder, deferred={"e5"}, defer_min_chunks=0)
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 1  # asked before each batch: one batch a report here

    done = complete_pending(idx, embedder, stop=stop)
    assert len(done.completed) == 1 and len(done.still_pending) == 3
    assert pending_reports(idx) == done.still_pending
    assert IndexReader.open(idx).dense["e5"].size == 1


def test_an_edited_pending_report_is_not_given_the_zeros_of_its_old_text(tmp_path: Path, corpus_dir: Path) -> None:
    idx = tmp_path / "idx"
    embedder, slow, _ = two_part()
    ingest_paths([corpus_dir], idx, embedder, deferred={"e5"}, defer_min_chunks=0)
    (corpus_dir / "coffee.md").write_text(CORPUS["coffee.md"] + "\nPrices fell in March.\n", encoding="utf-8")
    ingest_paths([corpus_dir], idx, embedder)  # one phase: every part now
    assert slow.embedded > 0
    reader = IndexReader.open(idx)
    coffee = next(d for d in reader.docs.values() if d.source == "coffee.md")
    assert coffee.pending == "" and reader.dense["e5"].size == 1
    reader.close()


def test_one_part_embedders_are_never_deferred(tmp_path: Path, corpus_dir: Path) -> None:
    embedder = HashEmbedder()
    embedder.short = "e5"
    report = ingest_paths([corpus_dir], tmp_path / "idx", embedder, deferred={"e5"}, defer_min_chunks=0)
    assert report.pending == [] and embedder.embedded == 12


def test_a_small_run_embeds_every_part_at_once(tmp_path: Path, corpus_dir: Path) -> None:
    embedder, slow, _ = two_part()
    report = ingest_paths([corpus_dir], tmp_path / "idx", embedder, deferred={"e5"})  # 4 chunks < 8
    assert report.pending == [] and slow.embedded == 12


def test_cli_ingest_answers_first_and_completes_in_the_same_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder, slow, _ = two_part()
    monkeypatch.setattr(ragqa.factory, "make_embedder", lambda spec="e5": embedder)
    folder, idx = tmp_path / "many", tmp_path / "idx"
    write_corpus(folder, {f"r{i}.txt": f"# 보고서 {i}\n\n{i}번 항목의 값은 {i * 7}이다.\n" for i in range(10)})
    assert main(["ingest", str(folder), "--index", str(idx), "--json"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert len(report["pending"]) == 10 and len(report["completed"]["completed"]) == 10
    assert "complete e5+units:use " in err and "publish 1/1" in err and "[use (e5 later)]" in err
    assert slow.embedded == report["chunks_embedded"] + report["units_embedded"] and pending_reports(idx) == []
    main(["sources", "--index", str(idx), "--json"])
    assert all(d["complete"] for d in json.loads(capsys.readouterr().out))


def test_the_slow_part_is_computed_without_the_lock_and_merged_into_the_live_version(
    tmp_path: Path, corpus_dir: Path
) -> None:
    idx = tmp_path / "idx"
    embedder, _, _ = two_part()
    ingest_paths([corpus_dir], idx, embedder, deferred={"e5"}, defer_min_chunks=0)
    extra = write_corpus(tmp_path / "extra", {"tidal.txt": "# 조력 발전\n\n시화호 조력 발전소의 연간 발전량은 552기가와트시이다.\n"})
    uploads: list[object] = []

    def meanwhile() -> bool:
        if not uploads:  # an upload lands while e5 is being computed: it is not refused
            uploads.append(ingest_paths([extra["tidal.txt"]], idx, embedder, lock_timeout=0))
        return False

    done = complete_pending(idx, embedder, stop=meanwhile)
    assert uploads[0].added == ["tidal.txt"]
    assert sorted(done.completed) == sorted(CORPUS) and done.still_pending == []
    reader = IndexReader.open(idx)
    assert sorted(d.source for d in reader.docs.values()) == sorted([*CORPUS, "tidal.txt"])
    assert reader.dense["e5"].size == 5 and not any(d.pending for d in reader.docs.values())
    reader.close()




def test_an_index_written_before_indexed_at_and_pending_keeps_working(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    idx = tmp_path / "idx"
    ingest_paths([corpus_dir], idx, HashEmbedder())
    store = layout.current_version(idx) / layout.STORE
    conn = sqlite3.connect(store)
    conn.execute("ALTER TABLE docs DROP COLUMN pending")
    conn.execute("ALTER TABLE docs DROP COLUMN indexed_at")
    conn.commit()
    conn.close()
    monkeypatch.setattr(ragqa.factory, "make_embedder", lambda spec="e5": HashEmbedder())
    capsys.readouterr()
    main(["sources", "--index", str(idx), "--json"])
    old = json.loads(capsys.readouterr().out)
    assert all(d["indexed_at"] == "" and d["complete"] for d in old)
    extra = write_corpus(tmp_path / "extra", {"tidal.txt": "# 조력\n\n시화호 조력 발전량은 552기가와트시이다.\n"})
    embedder = HashEmbedder()
    report = ingest_paths([corpus_dir, extra["tidal.txt"]], idx, embedder)
    assert report.added == ["tidal.txt"] and sorted(report.skipped) == sorted(CORPUS)
    assert embedder.embedded == 1 + 1  # the old reports' vectors reused


def test_an_upload_answers_at_once_and_is_completed_in_the_background(tmp_path: Path) -> None:
    """The chat page's and the service's uploads: two phases, the second on a worker thread;
    a second upload while it runs is completed too."""
    from ragqa.live.session import Session
    from ragqa.settings import Settings

    embedder, slow, _ = two_part()
    session = Session(Settings(index_dir=tmp_path / "idx", embedder="fake", generator="extractive"),
                      load_embedder=lambda spec: embedder, load_generator=lambda chosen: None)
    first = write_corpus(tmp_path / "a", {f"r{i}.txt": f"# 보고서 {i}\n\n{i}번 항목의 값은 {i * 7}이다.\n" for i in range(10)})
    report = session.ingest(sorted(first.values()))
    assert len(report.pending) == 10 and "e5" in report.pending_parts
    second = write_corpus(tmp_path / "b", {f"s{i}.txt": f"# 문서 {i}\n\n{i}번 지표는 {i * 11}이다.\n" for i in range(10)})
    assert {f"s{i}.txt" for i in range(10)} <= set(session.ingest(sorted(second.values())).pending)
    session.wait_for_backfill(60)
    assert pending_reports(tmp_path / "idx") == [] and slow.embedded >= 40  # 20 chunks and their 20+ units
    assert "r3.txt" in {h.source for h in session.assistant().retriever.retrieve("3번 항목의 값", 3)}
