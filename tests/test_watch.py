"""`ragqa watch` and services that follow the index: a report dropped in a watched folder
is answerable within seconds, a deleted one goes, a running Session answers from the new
version without loading models again, and a killed watch leaves the last version answering."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fakes import CORPUS, DATA, HashEmbedder, indexed_sources, live_versions, version_dirs, write_corpus

from core.errors import IndexStateError
from index import layout
from index.build import ingest_paths
from index.retriever import HybridRetriever, IndexReader
from ragqa.live.session import Session
from ragqa.settings import PROJECT_ROOT, Settings
from ragqa.live.watch import changes, snapshot, watch

TESTS = Path(__file__).resolve().parent
KO_PDF_QUESTION = "국내 양자컴퓨팅 스타트업은 몇 개인가?"
Q_CHIPS = "2024년 반도체 수출액은 얼마인가?"


def _eventually(check: Callable[[], bool], timeout: float = 120.0) -> None:
    """Poll until ``check`` holds; the deadline is a hang guard (a loaded CI machine is slow)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"not true within {timeout}s: {check.__doc__ or check}")


def _sources(index_dir: Path) -> list[str]:
    try:
        return indexed_sources(index_dir)
    except IndexStateError:
        return []  # no version published yet


def _counting_session(settings: Settings, embedder: HashEmbedder) -> tuple[Session, list[str]]:
    loads: list[str] = []

    def load(spec: str) -> HashEmbedder:
        loads.append(spec)
        return embedder

    return Session(settings, load_embedder=load, load_generator=lambda s: None), loads


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[dict]:
    """A watch of tmp/corpus in a thread with the HashEmbedder; its lines are collected."""
    folder = tmp_path / "corpus"
    write_corpus(folder)
    settings = Settings(index_dir=tmp_path / "idx", embedder="hash", generator="extractive")
    embedder = HashEmbedder()
    stop = threading.Event()
    lines: list[str] = []
    thread = threading.Thread(target=watch, args=([folder], settings, embedder, stop),
                              kwargs={"poll": 0.2, "settle": 0.6, "say": lines.append}, daemon=True)
    thread.start()
    _eventually(lambda: _sources(settings.index_dir) == sorted(CORPUS))
    yield {"folder": folder, "settings": settings, "embedder": embedder, "lines": lines, "stop": stop}
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert lines[-1] == "watch: stopped"


def _cli_sources(index_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    import json

    from ragqa.cli.main import main

    capsys.readouterr()
    assert main(["sources", "--index", str(index_dir), "--json"]) == 0
    return {d["source"]: d for d in json.loads(capsys.readouterr().out)}


def test_a_dropped_pdf_is_answerable_and_a_deleted_one_goes(
    watching: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, folder, lines = watching["settings"], watching["folder"], watching["lines"]
    session, loads = _counting_session(settings, watching["embedder"])
    before = session.assistant()  # built before the copy: a UI open since the start
    assert before.ask(KO_PDF_QUESTION).abstained or "37" not in before.ask(KO_PDF_QUESTION).text

    landed = time.monotonic()
    shutil.copy(DATA / "korean_report.pdf", folder / "korean_report.pdf")
    _eventually(lambda: "korean_report.pdf" in _sources(settings.index_dir))
    assert time.monotonic() - landed < 10  # seconds after the last write, not minutes
    _eventually(lambda: {"watch: new korean_report.pdf", "watch: indexed korean_report.pdf (new)"} <= set(lines))
    answer = session.assistant().ask(KO_PDF_QUESTION)
    assert "37개" in answer.text and answer.citations[0].source == "korean_report.pdf"
    assert answer.citations[0].page == 2
    assert "37" not in before.ask(KO_PDF_QUESTION).text  # a held assistant stays on its version
    listed = _cli_sources(settings.index_dir, capsys)["korean_report.pdf"]
    assert listed["n_pages"] == 3 and listed["complete"] and listed["indexed_at"]

    (folder / "korean_report.pdf").unlink()
    _eventually(lambda: (found := _sources(settings.index_dir)) and "korean_report.pdf" not in found)
    _eventually(lambda: {"watch: deleted korean_report.pdf", "watch: removed korean_report.pdf"} <= set(lines))
    assert sorted(_cli_sources(settings.index_dir, capsys)) == sorted(CORPUS)
    assert "37개" not in session.assistant().ask(KO_PDF_QUESTION).text
    assert loads == ["hash"]  # every version answered without loading the embedder again


def test_a_burst_of_files_is_one_ingest_and_half_written_files_wait(watching: dict) -> None:
    settings, folder, lines = watching["settings"], watching["folder"], watching["lines"]
    published = len([line for line in lines if line.startswith("watch: published")])
    half = folder / "growing.txt"
    with half.open("w", encoding="utf-8") as fh:
        fh.write("# 조력 발전\n\n시화호 조력 발전소의 연간 발전량은 ")
        fh.flush()
        for i in range(30):
            (folder / f"burst{i}.txt").write_text(f"# 항목 {i}\n\n{i}번 조사 지점의 수심은 {i + 3}미터이다.\n",
                                                  encoding="utf-8")
            time.sleep(0.02)
        time.sleep(0.3)  # shorter than settle: still being written
        fh.write("552기가와트시이다.\n")
    _eventually(lambda: "growing.txt" in _sources(settings.index_dir) and len(_sources(settings.index_dir)) == 35)
    _eventually(lambda: len([line for line in lines if line.startswith("watch: published")]) > published)
    time.sleep(1.0)  # room for a second, wrong publish to show
    new_publishes = [line for line in lines if line.startswith("watch: published")][published:]
    assert len(new_publishes) == 1, new_publishes
    reader = IndexReader.open(settings.index_dir)
    hits = HybridRetriever(reader, HashEmbedder()).retrieve("시화호 조력 발전량", 1)
    assert "552기가와트시" in hits[0].chunk.text  # read whole, not half-written
    reader.close()


def test_snapshot_sees_reports_only_and_changes_name_each_event(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a" / "deep", {"x.txt": "x", "y.md": "y"})
    (tmp_path / "a" / "movie.mp4").write_bytes(b"0")
    (tmp_path / "a" / ".hidden.txt").write_text("h", encoding="utf-8")
    before = snapshot([tmp_path / "a"])
    assert sorted(Path(p).name for p in before) == ["x.txt", "y.md"]
    (tmp_path / "a" / "deep" / "x.txt").write_text("longer", encoding="utf-8")
    (tmp_path / "a" / "deep" / "y.md").unlink()
    (tmp_path / "a" / "z.pdf").write_bytes(b"%PDF")
    assert changes(before, snapshot([tmp_path / "a"])) == ["new z.pdf", "changed x.txt", "deleted y.md"]


# --------------------------------------------------------------- services follow the index


def test_session_answers_from_a_new_version_without_reloading_and_old_assistant_finishes(
    tmp_path: Path, corpus_dir: Path
) -> None:
    settings = Settings(index_dir=tmp_path / "idx", embedder="hash", generator="extractive")
    embedder = HashEmbedder()
    ingest_paths([corpus_dir], settings.index_dir, embedder)
    session, loads = _counting_session(settings, embedder)
    old = session.assistant()
    old_version = session.index_version
    assert "37개" not in old.ask(KO_PDF_QUESTION).text

    ingest_paths([DATA / "korean_report.pdf"], settings.index_dir, embedder)  # e.g. by `ragqa watch`
    assert layout.current_version(settings.index_dir).name != old_version
    new = session.assistant()
    assert "37개" in new.ask(KO_PDF_QUESTION).text and session.index_version != old_version
    assert loads == ["hash"]
    # The assistant obtained before still answers, from the version it started with.
    answer = old.ask(Q_CHIPS)
    assert "1,419억" in answer.text and "37개" not in old.ask(KO_PDF_QUESTION).text


# ------------------------------------------------------------------ subprocess: kill and Ctrl-C

_WATCH_CHILD = """
import signal, sys, time
# Ctrl-C as at a terminal: a job started in the background of a non-interactive shell (a CI
# runner under nohup) inherits SIGINT ignored, and Python then installs no KeyboardInterrupt
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.path.insert(0, {tests!r})
from fakes import HashEmbedder
import ragqa.factory
from ragqa.cli.main import main

class SlowEmbedder(HashEmbedder):
    def embed_documents(self, texts):
        time.sleep({delay})
        return super().embed_documents(texts)

ragqa.factory.make_embedder = lambda spec: SlowEmbedder()
sys.exit(main(["watch", {folder!r}, "--index", {index!r}, "--poll", "0.2", "--settle", "0.5"]))
"""


class _Child:
    """A `ragqa watch` child whose stdout and stderr lines are collected by two threads
    (select on a buffered pipe misses lines already read into its buffer)."""

    def __init__(self, folder: Path, index_dir: Path, delay: float) -> None:
        code = _WATCH_CHILD.format(tests=str(TESTS), delay=delay, folder=str(folder), index=str(index_dir))
        self.proc = subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines: list[str] = []
        self.readers = [threading.Thread(target=self._read, args=(s,), daemon=True)
                        for s in (self.proc.stdout, self.proc.stderr)]
        for reader in self.readers:
            reader.start()

    def _read(self, stream: object) -> None:
        for raw in stream:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def wait_line(self, needle: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = next((line for line in list(self.lines) if needle in line), None)
            if found:
                return found
            if self.proc.poll() is not None and not any(r.is_alive() for r in self.readers):
                break
            time.sleep(0.05)
        self.close()
        raise AssertionError(f"no line with '{needle}' in {timeout}s:\n" + "\n".join(self.lines[-40:]))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)
        for reader in self.readers:
            reader.join(timeout=10)


def _tidal(folder: Path, sections: int = 40) -> None:
    paras = [f"## {i}구역\n\n{i}구역 조력 발전소의 연간 발전량은 {i * 37 + 100}기가와트시로 추정된다." for i in range(sections)]
    (folder / "tidal.md").write_text("# 조력 발전\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")


def test_sigkill_of_watch_mid_ingest_leaves_the_previous_version_answering(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    version = layout.current_version(index_dir)
    reader = IndexReader.open(index_dir)
    before = [h.chunk.chunk_id for h in HybridRetriever(reader, HashEmbedder()).retrieve(Q_CHIPS, 3)]
    reader.close()
    child = _Child(corpus_dir, index_dir, delay=1.0)
    try:
        child.wait_line("watch: following", 60)
        _tidal(corpus_dir)
        child.wait_line("embedded 16/", 60)  # mid-embedding of the new report
        os.kill(child.proc.pid, signal.SIGKILL)
        assert child.proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        child.close()
    assert layout.current_version(index_dir) == version
    assert indexed_sources(index_dir) == sorted(CORPUS)
    reader = IndexReader.open(index_dir)
    assert [h.chunk.chunk_id for h in HybridRetriever(reader, HashEmbedder()).retrieve(Q_CHIPS, 3)] == before
    reader.close()
    report = ingest_paths([corpus_dir], index_dir, HashEmbedder(), lock_timeout=0)  # lock freed, leftovers gone
    assert report.added == ["tidal.md"]
    assert layout.current_version(index_dir).name in version_dirs(index_dir) <= live_versions(index_dir)


def test_ctrl_c_stops_watch_cleanly_with_exit_0(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    child = _Child(corpus_dir, index_dir, delay=0.0)
    try:
        child.wait_line("watch: published", 60)
        child.proc.send_signal(signal.SIGINT)
        # a guard against a hang, not a speed target: the signal waits for any C call under
        # way (Kiwi, faiss) to return, which a loaded CI machine makes slow
        assert child.proc.wait(timeout=120) == 0
    finally:
        child.close()
    assert "watch: stopped" in child.lines
    assert indexed_sources(index_dir) == sorted(CORPUS)


def test_watch_resumes_the_slow_part_a_killed_run_left_pending(tmp_path: Path, corpus_dir: Path) -> None:
    from index.embedders import StackedEmbedder
    from index.phases import pending_reports

    slow, fast = HashEmbedder("hash-slow", 128), HashEmbedder("hash-fast", 64)
    slow.short, fast.short = "e5", "use"
    embedder = StackedEmbedder([slow, fast])
    settings = Settings(index_dir=tmp_path / "idx", embedder="hash", generator="extractive")
    ingest_paths([corpus_dir], settings.index_dir, embedder, deferred={"e5"}, defer_min_chunks=0)
    assert pending_reports(settings.index_dir) == sorted(CORPUS)  # as a kill after the first publish leaves it
    stop, lines = threading.Event(), []
    thread = threading.Thread(target=watch, args=([corpus_dir], settings, embedder, stop),
                              kwargs={"poll": 0.2, "settle": 0.5, "say": lines.append}, daemon=True)
    thread.start()
    try:
        _eventually(lambda: pending_reports(settings.index_dir) == [])
    finally:
        stop.set()
        thread.join(30)
    assert slow.embedded == 12 and any(line.startswith("watch: full quality for") for line in lines)
