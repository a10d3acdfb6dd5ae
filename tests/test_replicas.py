"""Replicas for real: `milvus-lite server` as its own process and two `ragqa serve` processes
pointed at it (the fake embedder and the extractive generator, so no model loads), on 127.0.0.1.

A report uploaded through one replica is answerable from the other on its next request; a
replica killed mid-answer loses nothing; a writer and readers run at once; a writer killed
between writing its rows and committing them leaves nothing half-written."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fakes import CORPUS

pytest.importorskip("pymilvus", reason="the Milvus store needs pymilvus: pip install -e '.[milvus]'")
pytest.importorskip("milvus_lite", reason="Milvus Lite is not installed: pip install -e '.[milvus]'")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
# `ragqa serve` exactly as the CLI runs it, with the fake embedder in place of e5 + USE.
REPLICA = ("import sys; from fakes import HashEmbedder; import ragqa.factory; "
           "from index.embedders import StackedEmbedder; "
           "ragqa.factory.make_embedder = lambda spec='': StackedEmbedder([HashEmbedder()]); "
           "from ragqa.cli.main import main; sys.exit(main(sys.argv[1:]))")
# A writer that stops dead between writing a report's rows and committing them.
KILLED_WRITER = ("import sys, time; from pathlib import Path; from fakes import HashEmbedder; "
                 "from index.milvus_conn import MilvusConnection; from index.milvus_store import MilvusStore; "
                 "MilvusConnection.commit = lambda *a, **k: (print('written', flush=True), time.sleep(600)); "
                 "MilvusStore(sys.argv[1]).ingest([Path(sys.argv[2])], HashEmbedder())")
QUESTIONS = {"semiconductor.txt": ("2024년 반도체 수출액은 얼마인가?", "1,419억"),
             "hydrogen.txt": ("수소 충전소는 몇 기가 운영 중인가?", "359기"),
             "coffee.md": ("What was the price of arabica coffee beans?", "3.44"),
             "satellite.md": ("How many satellites were placed in low Earth orbit?", "2,800")}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check: callable, what: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"{what} exited: {proc.stderr.read().decode(errors='replace')[-2000:]}"
        try:
            if check():
                return
        except (OSError, httpx.HTTPError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not start in {timeout:.0f} s")


class Cluster:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.procs: list[subprocess.Popen] = []
        self.env = os.environ | {"PYTHONPATH": os.pathsep.join([str(ROOT), str(TESTS)]),
                                 "RAGQA_STORE": "milvus", "RAGQA_API_KEY": ""}

    def start(self, argv: list[str], stdout: int = subprocess.DEVNULL) -> subprocess.Popen:
        proc = subprocess.Popen(argv, cwd=self.root, env=self.env, stdout=stdout, stderr=subprocess.PIPE)
        self.procs.append(proc)
        return proc

    def milvus(self) -> str:
        port = _port()
        proc = self.start([sys.executable, "-m", "milvus_lite", "server", "--data-dir",
                           str(self.root / "milvus"), "--host", "127.0.0.1", "--port", str(port)])
        _wait(lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() or True, "milvus-lite", proc)
        self.env["RAGQA_MILVUS_URI"] = f"http://127.0.0.1:{port}"
        return self.env["RAGQA_MILVUS_URI"]

    def replica(self, name: str) -> tuple[str, subprocess.Popen]:
        port = _port()
        proc = self.start([sys.executable, "-c", REPLICA, "serve", "--port", str(port), "--generator", "extractive",
                           "--index", str(self.root / name)])
        url = f"http://127.0.0.1:{port}"
        _wait(lambda: httpx.get(f"{url}/healthz", timeout=2).status_code == 200, f"replica {name}", proc)
        return url, proc

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    running = Cluster(tmp_path)
    try:
        yield running
    finally:
        running.stop()


def _upload(url: str, name: str) -> dict:
    response = httpx.post(f"{url}/v1/documents", files=[("files", (name, CORPUS[name].encode()))], timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def _ask(url: str, name: str) -> dict:
    question, _ = QUESTIONS[name]
    response = httpx.post(f"{url}/v1/ask", json={"question": question}, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def _answers(url: str, name: str) -> bool:
    got = _ask(url, name)
    return QUESTIONS[name][1] in got["answer"] and bool(got["citations"]) and got["citations"][0]["source"] == name


def test_replicas_share_the_index_in_milvus(cluster: Cluster) -> None:
    cluster.milvus()
    writer, _ = cluster.replica("a")
    reader, reader_proc = cluster.replica("b")
    assert httpx.get(f"{reader}/readyz").status_code == 503  # no index yet, says so

    # uploaded through one, answerable from the other on its next request
    assert _upload(writer, "semiconductor.txt")["added"] == ["semiconductor.txt"]
    assert _answers(reader, "semiconductor.txt")
    assert [d["source"] for d in httpx.get(f"{reader}/v1/sources").json()] == ["semiconductor.txt"]
    assert httpx.get(f"{reader}/readyz").status_code == 200

    # killed mid-answer: the stream is cut, the index and the other replica are untouched
    with httpx.stream("POST", f"{reader}/v1/ask?stream=true", json={"question": QUESTIONS["semiconductor.txt"][0]},
                      timeout=60) as stream:
        first = next(stream.iter_lines())
        assert first.startswith("event:")
        reader_proc.kill()
        reader_proc.wait()
    assert _answers(writer, "semiconductor.txt")
    assert [d["source"] for d in httpx.get(f"{writer}/v1/sources").json()] == ["semiconductor.txt"]
    reader, _ = cluster.replica("c")  # its replacement answers at once, nothing to rebuild
    assert _answers(reader, "semiconductor.txt")

    # a writer and readers at once: every answer is whole, from the reports committed so far
    problems: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                if not _answers(reader, "semiconductor.txt"):
                    problems.append("a reader lost the first report")
            except AssertionError as exc:
                problems.append(str(exc))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for name in ("hydrogen.txt", "coffee.md", "satellite.md"):
            assert _upload(writer, name)["added"] == [name]
            assert _answers(reader, name), name  # the other replica's next request
    finally:
        done.set()
        for thread in readers:
            thread.join(60)
    assert problems == []
    # one write at a time from any replica is safe: the catalog commit orders them
    assert httpx.delete(f"{reader}/v1/documents/coffee.md").status_code == 200
    assert sorted(d["source"] for d in httpx.get(f"{writer}/v1/sources").json()) == [
        "hydrogen.txt", "satellite.md", "semiconductor.txt"]


def test_a_writer_killed_before_its_commit_leaves_nothing_half_written(cluster: Cluster, tmp_path: Path) -> None:
    from index.milvus_store import MilvusStore

    uri = cluster.milvus()
    replica, _ = cluster.replica("a")
    _upload(replica, "semiconductor.txt")
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "coffee.md").write_text(CORPUS["coffee.md"], encoding="utf-8")
    writer = cluster.start([sys.executable, "-c", KILLED_WRITER, uri, str(folder)], stdout=subprocess.PIPE)
    assert writer.stdout.readline().strip() == b"written"
    writer.kill()  # SIGKILL: no cleanup runs
    writer.wait()

    store = MilvusStore(uri)
    rows = len(store.conn.query("chunks", 'pk != ""', ["pk"]))
    assert rows > store.manifest().n_chunks  # the dead writer's rows are there ...
    assert [d["source"] for d in httpx.get(f"{replica}/v1/sources").json()] == ["semiconductor.txt"]
    assert _answers(replica, "semiconductor.txt")
    cited = {c["source"] for c in _ask(replica, "coffee.md")["citations"]}
    assert "coffee.md" not in cited  # ... and no question finds them
    assert _upload(replica, "coffee.md")["added"] == ["coffee.md"]  # the next writer clears them
    assert _answers(replica, "coffee.md")
    assert len(store.conn.query("chunks", 'pk != ""', ["pk"])) == store.manifest().n_chunks
