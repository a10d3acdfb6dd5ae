"""Faults a user will meet: bad inputs in a folder, an ingest killed or running twice, a
damaged index, a missing or corrupt model, an OpenAI-compatible server down or slow.
Each must end in a one-line reason (and the previous index still answering), never a
traceback. The real-model variant of the kill test is marked slow."""

from __future__ import annotations

import hashlib
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fakes import (
    CORPUS,
    DATA,
    HashEmbedder,
    indexed_sources,
    live_versions,
    version_dirs,
    write_corpus,
)

import index.embedders
import ragqa.factory
from index import layout
from index.build import ingest_paths
from index.retriever import HybridRetriever, IndexReader
from ingest.loaders import load_document
from qa import models
from qa.generators.embedded import EmbeddedBackend
from qa.models import ModelSpec, resolve_model, verify_model
from ragqa.cli.main import main
from core.errors import IndexBusyError, IndexStateError, ModelError
from ragqa.settings import PROJECT_ROOT

TESTS = Path(__file__).resolve().parent
ALL = sorted(CORPUS)
Q_CHIPS = "2024년 반도체 수출액은 얼마인가?"
QUESTIONS = [Q_CHIPS, "How many satellites were launched into orbit?", "수소 충전소는 몇 기인가?"]
_REAL_MAKE_EMBEDDER = index.embedders.make_embedder  # taken before conftest's guard replaces it


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ragqa.factory, "make_embedder", lambda spec="e5": HashEmbedder())
    monkeypatch.setattr(ragqa.factory, "make_embedder", lambda spec="e5": HashEmbedder())


# Off a terminal `ingest` writes a progress line per file and stage to stderr ("parse 3/14 ...").
_PROGRESS = re.compile(r"^(parse|embedded|write|publish|complete \S+) \d+/\d+ ")


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _one_line_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    code, out, err = _run(capsys, argv)
    assert code != 0, out
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ragqa: error: "), err
    return code, lines[0]


def _top(index_dir: Path, question: str, k: int = 3) -> list[tuple[str, float]]:
    reader = IndexReader.open(index_dir)
    try:
        return [(h.chunk.chunk_id, round(h.score, 6)) for h in HybridRetriever(reader, HashEmbedder()).retrieve(question, k)]
    finally:
        reader.close()


def _tidal_report(folder: Path, sections: int = 40) -> Path:
    """One report of ``sections`` one-chunk sections: several embedding batches of 16."""
    paras = [
        f"## {i}구역 조력 발전\n\n{i}구역 조력 발전소의 연간 발전량은 {i * 37 + 100}기가와트시로 추정되며, "
        f"설비 이용률은 {20 + i % 9}.{i % 10}%로 조사되었다. 구역별 어민 보상 협의는 {2020 + i % 5}년에 마무리되었다."
        for i in range(1, sections + 1)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tidal.md"
    path.write_text("# 조력 발전 구역별 현황\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------- inputs


def test_euc_kr_text_decoded(tmp_path: Path) -> None:
    path = tmp_path / "euckr.txt"
    text = "조력 발전 보고서\n시화호 조력 발전소의 연간 발전량은 552기가와트시이다.\n"
    path.write_bytes(text.encode("euc-kr"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # really a legacy encoding
    doc = load_document(path)
    assert "시화호 조력 발전소의 연간 발전량은 552기가와트시이다." in doc.pages[0].text
    assert doc.language == "ko" and doc.title == "조력 발전 보고서"


def test_huge_and_unsupported_files_are_refused_without_being_read(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = corpus_dir / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(300 * 1024 * 1024)  # sparse: 300 MB on paper, nothing on disk
    (corpus_dir / "movie.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" * 100)
    read: list[str] = []
    real_read = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self.name)
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    report = ingest_paths([corpus_dir], tmp_path / "idx", HashEmbedder())
    failed = {Path(p).name: reason for p, reason in report.failed}
    assert set(failed) == {"huge.txt", "movie.mp4"}
    assert "over the 50 MB limit" in failed["huge.txt"] and "--max-mb" in failed["huge.txt"]
    assert "unsupported" in failed["movie.mp4"]
    assert "huge.txt" not in read and "movie.mp4" not in read
    assert sorted(report.added) == ALL


def test_cli_ingest_of_mixed_folder_lists_each_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_models: None
) -> None:
    folder = tmp_path / "mixed"
    write_corpus(folder)
    for name in ("corrupt.pdf", "encrypted.pdf", "scanned.pdf", "cp949.txt", "korean_report.pdf"):
        shutil.copy(DATA / name, folder / name)
    (folder / "euckr.txt").write_bytes("조력 발전 보고서\n발전량은 552기가와트시이다.\n".encode("euc-kr"))
    (folder / "빈 보고서.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    (folder / "big.md").write_text("# 큰 파일\n\n" + "조력 발전량이 늘었다. " * 4000, encoding="utf-8")
    bad = {  # file -> words its line must carry
        "corrupt.pdf": ("corrupt", "re-export"),
        "encrypted.pdf": ("password", "unencrypted"),
        "scanned.pdf": ("no text layer", "OCR"),
        "빈 보고서.txt": ("empty",),
        "image.txt": ("binary",),
        "slides.pptx": ("unsupported", "convert"),
        "big.md": ("limit", "--max-mb"),
    }
    code, out, err = _run(capsys, ["ingest", str(folder), "--index", str(tmp_path / "idx"), "--max-mb", "0.05"])
    assert code == 0, err
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip() and not _PROGRESS.match(line)]
    assert len(lines) == len(bad), err
    for name, words in bad.items():
        line = next((line for line in lines if f"{name}:" in line), None)
        assert line is not None and line.startswith("failed: "), (name, err)
        for word in words:
            assert word.lower() in line.lower(), (name, line)
    assert "added 7" in out and f"failed {len(bad)}" in out
    good = sorted([*ALL, "cp949.txt", "euckr.txt", "korean_report.pdf"])
    assert indexed_sources(tmp_path / "idx") == good


def test_cli_ingest_of_missing_path_only_is_an_error_and_builds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_models: None
) -> None:
    code, out, err = _run(capsys, ["ingest", str(tmp_path / "no-such.pdf"), "--index", str(tmp_path / "idx")])
    assert code != 0
    assert err.strip().splitlines() == [f"failed: {tmp_path / 'no-such.pdf'}: no such file or folder"]
    assert layout.current_version(tmp_path / "idx") is None  # no empty index published
    _, line = _one_line_error(capsys, ["ask", Q_CHIPS, "--index", str(tmp_path / "idx"), "--generator", "extractive"])
    assert "ragqa ingest" in line


# ------------------------------------------------------------ SIGKILL and two ingests at once

_CHILD = """
import sys, time
sys.path.insert(0, {tests!r})
from pathlib import Path
from fakes import HashEmbedder
from index.build import ingest_paths

class SlowEmbedder(HashEmbedder):
    def embed_documents(self, texts):
        time.sleep({delay})
        return super().embed_documents(texts)

print("started", flush=True)
report = ingest_paths([Path(p) for p in {paths!r}], Path({index!r}), SlowEmbedder(),
                      progress=lambda m: print("progress", m, flush=True))
print("done", report.summary(), flush=True)
"""


def _start_child(code: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(proc: subprocess.Popen[bytes], prefix: str, timeout: float) -> str:
    """The child's first stdout line starting with ``prefix``, waiting at most ``timeout`` s."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if not ready:
            break
        line = proc.stdout.readline().decode("utf-8", "replace")
        if not line:  # the child ended
            break
        if line.startswith(prefix):
            return line
    proc.kill()
    _, err = proc.communicate(timeout=30)
    raise AssertionError(f"no '{prefix}' line from the child in {timeout}s; stderr:\n{err.decode()[-3000:]}")


@pytest.fixture
def child_ingest(tmp_path: Path, corpus_dir: Path) -> Iterator[dict]:
    """An index of the fake corpus, and a way to start a slow ingest of tidal.md into it."""
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    extra = _tidal_report(tmp_path / "extra")
    procs: list[subprocess.Popen[bytes]] = []

    def start(delay: float) -> subprocess.Popen[bytes]:
        proc = _start_child(_CHILD.format(tests=str(TESTS), delay=delay, paths=[str(extra)], index=str(index_dir)))
        procs.append(proc)
        return proc

    yield {"index": index_dir, "corpus": corpus_dir, "extra": extra, "start": start}
    for proc in procs:  # only the children this fixture started
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)


def test_sigkill_mid_ingest_keeps_previous_index_and_frees_the_lock(
    child_ingest: dict, capsys: pytest.CaptureFixture[str], fake_models: None
) -> None:
    index_dir = child_ingest["index"]
    before = [_top(index_dir, q) for q in QUESTIONS]
    version = layout.current_version(index_dir)
    proc = child_ingest["start"](delay=1.5)
    assert "embedded 16/40" in _wait_for(proc, "progress embedded", timeout=60)

    # Mid-embedding: the index still answers, and a second writer is refused clearly.
    assert [_top(index_dir, q) for q in QUESTIONS] == before
    with pytest.raises(IndexBusyError, match="--wait"):
        ingest_paths([child_ingest["corpus"]], index_dir, HashEmbedder(), lock_timeout=0)
    code, line = _one_line_error(capsys, ["ingest", str(child_ingest["corpus"]), "--index", str(index_dir)])
    assert code == IndexBusyError.exit_code and "another ingest" in line and "--wait" in line

    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL

    assert layout.current_version(index_dir) == version
    assert indexed_sources(index_dir) == ALL
    assert [_top(index_dir, q) for q in QUESTIONS] == before
    # The kernel dropped the dead process's lock: the next ingest goes through at once.
    report = ingest_paths([child_ingest["extra"]], index_dir, HashEmbedder(), lock_timeout=0)
    assert report.added == ["tidal.md"] and not report.failed
    assert indexed_sources(index_dir) == sorted([*ALL, "tidal.md"])
    assert layout.current_version(index_dir).name in version_dirs(index_dir) <= live_versions(index_dir)
    assert not list(index_dir.glob("CURRENT.*.tmp"))


def test_leftover_of_a_build_killed_while_writing_is_discarded(tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    live = layout.current_version(index_dir)
    before = [_top(index_dir, q) for q in QUESTIONS]
    # What a build killed between writing its files and publishing leaves behind.
    crashed = index_dir / "versions" / "v20990101-000000-dead00"
    crashed.mkdir()
    (crashed / layout.STORE).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    (index_dir / "CURRENT.dead00.tmp").write_text(crashed.name, encoding="utf-8")
    assert [_top(index_dir, q) for q in QUESTIONS] == before  # readers never see it

    report = ingest_paths([corpus_dir], index_dir, HashEmbedder())  # nothing changed, nothing published
    assert sorted(report.skipped) == ALL
    assert layout.current_version(index_dir) == live
    assert live.name in version_dirs(index_dir) <= live_versions(index_dir)
    assert not list(index_dir.glob("CURRENT.*.tmp"))


_HOLDER = """
import time
from pathlib import Path
from index import layout

with layout.write_lock(Path({index!r}), 0):
    print("locked", flush=True)
    time.sleep({hold})
"""


def test_wait_queues_behind_a_running_ingest(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], fake_models: None
) -> None:
    index_dir = tmp_path / "idx"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    mine = write_corpus(tmp_path / "mine", {"wind.txt": "# 풍력\n\n서해안 풍력 단지의 설비 용량은 2.4기가와트이다.\n"})
    argv = ["ingest", str(mine["wind.txt"]), "--index", str(index_dir)]
    holder = _start_child(_HOLDER.format(index=str(index_dir), hold=2.0))  # another writer, in another process
    try:
        _wait_for(holder, "locked", timeout=60)
        code, line = _one_line_error(capsys, [*argv, "--wait", "0.2"])
        assert code == IndexBusyError.exit_code and "--wait" in line
        started = time.perf_counter()
        code, out, err = _run(capsys, [*argv, "--wait", "60"])
        assert code == 0 and "added 1" in out, err
        assert time.perf_counter() - started > 0.5  # it queued behind the holder
        assert holder.wait(timeout=30) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.communicate(timeout=30)
    assert holder.returncode == 0
    assert indexed_sources(index_dir) == sorted([*ALL, "wind.txt"])


# ------------------------------------------------------------------- damaged index


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _point_to_missing(index_dir: Path, version: Path) -> None:
    (index_dir / "CURRENT").write_text("v20990101-000000-gone00", encoding="utf-8")


def _point_to_incomplete(index_dir: Path, version: Path) -> None:
    (version / layout.MANIFEST).unlink()


def _drop_current(index_dir: Path, version: Path) -> None:
    (index_dir / "CURRENT").unlink()


def _truncate_faiss(index_dir: Path, version: Path) -> None:
    for path in version.glob("dense-*.faiss"):
        _truncate(path)


def _truncate_sqlite(index_dir: Path, version: Path) -> None:
    _truncate(version / layout.STORE)


DAMAGE = {
    "CURRENT names a missing version": _point_to_missing,
    "CURRENT names an incomplete version": _point_to_incomplete,
    "versions without CURRENT": _drop_current,
    "truncated dense.faiss": _truncate_faiss,
    "truncated sqlite": _truncate_sqlite,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_says_rebuild_and_rebuild_recovers(
    damage: str, tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], fake_models: None
) -> None:
    idx = str(tmp_path / "idx")
    assert _run(capsys, ["ingest", str(corpus_dir), "--index", idx])[0] == 0
    DAMAGE[damage](tmp_path / "idx", layout.current_version(tmp_path / "idx"))

    with pytest.raises(IndexStateError, match="ragqa ingest --rebuild"):
        IndexReader.open(tmp_path / "idx")
    for argv in (["ask", Q_CHIPS, "--generator", "extractive"], ["sources"]):
        code, line = _one_line_error(capsys, [*argv, "--index", idx])
        assert code == IndexStateError.exit_code and "ragqa ingest --rebuild" in line, line

    code, out, err = _run(capsys, ["ingest", str(corpus_dir), "--index", idx, "--rebuild"])
    assert code == 0 and "added 4" in out, err
    code, out, err = _run(capsys, ["ask", Q_CHIPS, "--index", idx, "--generator", "extractive", "--json"])
    assert code == 0, err
    assert "1,419억 달러" in json.loads(out)["answer"]
    assert version_dirs(tmp_path / "idx") <= live_versions(tmp_path / "idx")


def test_incremental_ingest_over_a_damaged_store_asks_for_rebuild(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], fake_models: None
) -> None:
    idx = str(tmp_path / "idx")
    _run(capsys, ["ingest", str(corpus_dir), "--index", idx])
    _truncate_sqlite(tmp_path / "idx", layout.current_version(tmp_path / "idx"))
    code, line = _one_line_error(capsys, ["ingest", str(corpus_dir), "--index", idx])
    assert code == IndexStateError.exit_code and "ragqa ingest --rebuild" in line


def test_deleted_index_directory_says_ingest(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], fake_models: None
) -> None:
    idx = tmp_path / "idx"
    _run(capsys, ["ingest", str(corpus_dir), "--index", str(idx)])
    shutil.rmtree(idx)
    code, line = _one_line_error(capsys, ["ask", Q_CHIPS, "--index", str(idx), "--generator", "extractive"])
    assert code == IndexStateError.exit_code and "ragqa ingest" in line


# --------------------------------------------------------------------------- models

PAYLOAD = b"GGUF" + bytes(range(256)) * 16


@pytest.fixture
def fake_spec(monkeypatch: pytest.MonkeyPatch) -> ModelSpec:
    spec = ModelSpec("fake", ("fake-alias",), "fake-model.gguf", ("ragqa-fake-part1",), "9.9.9",
                     len(PAYLOAD), hashlib.sha256(PAYLOAD).hexdigest(), "test double")
    monkeypatch.setitem(models.REGISTRY, "fake", spec)
    return spec


def test_model_missing_or_corrupt_raises_actionable_model_error(tmp_path: Path, fake_spec: ModelSpec) -> None:
    with pytest.raises(ModelError, match="run `ragqa models pull fake`"):
        resolve_model("fake", tmp_path)  # not pulled
    target = tmp_path / fake_spec.filename
    target.write_bytes(b"GGUF" + b"\x00" * (len(PAYLOAD) - 4))  # right size, wrong bytes
    assert resolve_model("fake", tmp_path) == target  # size alone cannot tell
    with pytest.raises(ModelError, match=r"is corrupt .*delete it and run `ragqa models pull fake`"):
        verify_model(target)
    junk = tmp_path / "notes.gguf"
    junk.write_text("this is not a model", encoding="utf-8")
    with pytest.raises(ModelError, match="not a GGUF file"):
        verify_model(junk)
    with pytest.raises(ModelError, match="not a GGUF model file.*ragqa models pull"):
        EmbeddedBackend(junk)
    with pytest.raises(ModelError, match="cannot open model file.*ragqa models pull"):
        EmbeddedBackend(tmp_path / "gone.gguf")


@pytest.mark.parametrize("case", ["not pulled", "wrong checksum", "missing path", "not gguf"])
def test_cli_model_fault_is_one_line(
    case: str, tmp_path: Path, fake_spec: ModelSpec, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, fake_models: None,
) -> None:
    cache = tmp_path / "models"
    cache.mkdir()
    monkeypatch.setenv("RAGQA_MODELS", str(cache))
    model, expect = {
        "not pulled": ("fake", "ragqa models pull fake"),
        "wrong checksum": ("fake", "is corrupt"),
        "missing path": (str(tmp_path / "gone.gguf"), "neither a registered model"),
        "not gguf": (str(tmp_path / "fake.gguf"), "not a GGUF file"),
    }[case]
    if case == "wrong checksum":
        (cache / fake_spec.filename).write_bytes(b"GGUF" + b"\x01" * (len(PAYLOAD) - 4))
    if case == "not gguf":
        Path(model).write_bytes(b"<html>404</html>")
    started = time.perf_counter()
    code, line = _one_line_error(capsys, ["ask", Q_CHIPS, "--index", str(tmp_path / "idx"),
                                          "--generator", "embedded", "--model", model])
    assert code == ModelError.exit_code and expect in line, line
    assert time.perf_counter() - started < 5


# ------------------------------------------------------------- OpenAI-compatible server


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def slow_server() -> Iterator[str]:
    """A local server that holds each request until the test ends (at most 20 s)."""
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            release.wait(20)
            self.send_response(503)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    release.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def small_index(tmp_path: Path, corpus_dir: Path) -> str:
    ingest_paths([corpus_dir], tmp_path / "idx", HashEmbedder())
    return str(tmp_path / "idx")


def test_openai_server_down_is_a_quick_one_line_error(
    small_index: str, capsys: pytest.CaptureFixture[str], fake_models: None
) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    started = time.perf_counter()
    code, line = _one_line_error(capsys, ["ask", Q_CHIPS, "--index", small_index, "--json", "--generator", "openai",
                                          "--openai-base-url", url, "--openai-model", "m"])
    assert time.perf_counter() - started < 10
    assert code == ModelError.exit_code
    assert "cannot connect" in line and url in line and "--openai-base-url" in line


def test_openai_server_slow_respects_the_timeout(
    small_index: str, slow_server: str, capsys: pytest.CaptureFixture[str], fake_models: None
) -> None:
    started = time.perf_counter()
    code, line = _one_line_error(capsys, ["ask", Q_CHIPS, "--index", small_index, "--json", "--generator", "openai",
                                          "--openai-base-url", slow_server, "--openai-model", "m", "--timeout", "1"])
    elapsed = time.perf_counter() - started
    assert 1 <= elapsed < 8, elapsed  # the server would hold the request for 20 s
    assert code == ModelError.exit_code
    assert "no reply" in line and "1.0 s" in line and "--timeout" in line


def test_settings_request_timeout_reaches_the_openai_client(slow_server: str) -> None:
    from ragqa.factory import build_generator
    from ragqa.settings import Settings

    llm = build_generator(Settings(generator="openai", openai_base_url=slow_server, openai_model="m",
                                   request_timeout=0.5))
    started = time.perf_counter()
    with pytest.raises(ModelError, match="within 0.5 s"):
        list(llm.stream([{"role": "user", "content": "안녕"}], max_tokens=8, temperature=0.0))
    assert time.perf_counter() - started < 5


# --------------------------------------------------------------------- CLI exit codes


def test_cli_user_errors_are_one_line(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, fake_models: None,
) -> None:
    idx = str(tmp_path / "idx")
    _, line = _one_line_error(capsys, ["ask", "   ", "--index", idx, "--generator", "extractive"])
    assert "empty" in line
    _run(capsys, ["ingest", str(corpus_dir), "--index", idx])
    _, line = _one_line_error(capsys, ["ask", "", "--index", idx, "--generator", "extractive"])
    assert "empty" in line
    _, line = _one_line_error(capsys, ["remove", "nope.pdf", "--index", idx])
    assert "nope.pdf" in line
    # The real factory: an unknown name fails before any model is loaded.
    monkeypatch.setattr(ragqa.factory, "make_embedder", _REAL_MAKE_EMBEDDER)
    for argv in (["ingest", str(corpus_dir)], ["ask", Q_CHIPS, "--generator", "extractive"]):
        code, line = _one_line_error(capsys, [*argv, "--index", idx, "--embedder", "bogus"])
        assert "unknown embedder 'bogus'" in line and code == 2
    code, line = _one_line_error(capsys, ["ingest", str(corpus_dir), "--index", idx, "--embedder", "+"])
    assert "at least one embedder" in line


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "ragqa.cli", "ask", " ", "--index", str(tmp_path / "idx"), "--generator", "extractive"]
    plain = subprocess.run(argv, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    lines = plain.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ragqa: error: ") and "empty" in lines[0]
    debug = subprocess.run([*argv, "--debug"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr and "the question is empty" in debug.stderr


# --------------------------------------------------------------- the real thing (slow)

SPRI_TITLE = "글로벌 초거대 AI 모델 현황 분석"

_REAL_CHILD = """
import sys
from pathlib import Path
from index.build import ingest_paths
from index.embedders import make_embedder

embedder = make_embedder("e5+use")
print("started", flush=True)
ingest_paths([Path({extra!r})], Path({index!r}), embedder,
             progress=lambda m: print("progress", m, flush=True))
print("done", flush=True)
"""


@pytest.mark.slow
def test_sigkill_mid_ingest_with_real_embedder_keeps_design_card_answers(tmp_path: Path) -> None:
    from qa.answer import Assistant
    from qa.unit_selection import UnitSelector

    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    index_dir = tmp_path / "index"
    embedder = _REAL_MAKE_EMBEDDER("e5+use")
    first = ingest_paths([corpus], index_dir, embedder)
    assert len(first.added) == 5 and not first.failed
    version = layout.current_version(index_dir)
    extra = _tidal_report(tmp_path / "extra")

    proc = _start_child(_REAL_CHILD.format(extra=str(extra), index=str(index_dir)))
    try:
        assert "embedded 16/40" in _wait_for(proc, "progress embedded", timeout=300)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=60) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=60)

    assert layout.current_version(index_dir) == version
    retriever = HybridRetriever(IndexReader.open(index_dir), embedder)
    assistant = Assistant(retriever, None, UnitSelector(retriever))
    answer = assistant.ask("How many large-scale AI models were released worldwide between 2020 and 2023?")
    assert not answer.abstained
    assert any("144개" in h.chunk.text and SPRI_TITLE in h.title for h in answer.hits)
    answer = assistant.ask("한국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?")
    assert not answer.abstained
    assert any(SPRI_TITLE in h.title and ("세 번째로 많은" in h.chunk.text or "한국(11건)" in h.chunk.text)
               for h in answer.hits)
    answer = assistant.ask("2020~2023년 초거대 AI 모델 출시의 연평균 증가율(CAGR)은?")
    assert not answer.abstained
    assert any("226.1" in h.chunk.text for h in answer.hits)

    report = ingest_paths([extra], index_dir, embedder, lock_timeout=0)  # lock free, leftovers gone
    assert report.added == ["tidal.md"] and report.chunks_embedded == 40
    assert version_dirs(index_dir) <= live_versions(index_dir)
