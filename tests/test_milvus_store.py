"""The Milvus store beyond the shared contract (tests/test_stores.py): nothing half-written when
the server goes away or the embedder fails, the CLI's --store flags, and a Session answering
from Milvus Lite."""

from __future__ import annotations

import json
import os
import socket
import uuid
from pathlib import Path

import pytest
from fakes import CORPUS, HashEmbedder, write_corpus

import ragqa.factory
from core.errors import IndexStateError
from index.embedders import StackedEmbedder
from ragqa.cli.main import main
from ragqa.live.session import Session
from ragqa.settings import Settings

pytest.importorskip("pymilvus", reason="the Milvus store needs pymilvus: pip install -e '.[milvus]'")
pytest.importorskip("milvus_lite", reason="Milvus Lite is not installed: pip install -e '.[milvus]'")

from index.milvus_store import MilvusStore  # after the skip: pymilvus is optional

QUESTION = "2024년 반도체 수출액은 얼마인가?"
HOLD = ("import sys, time; from index.milvus_store import MilvusStore; "
        "MilvusStore(sys.argv[1]).version(); print('holding', flush=True); time.sleep(60)")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("milvus") / "m.db")


@pytest.fixture
def store(db: str) -> MilvusStore:
    return MilvusStore(db, prefix=f"m{uuid.uuid4().hex[:10]}")


def _rows(store: MilvusStore) -> int:
    return len(store.conn.query("chunks", 'pk != ""', ["pk"]))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_server_is_one_clear_error(corpus_dir: Path) -> None:
    uri = f"http://127.0.0.1:{_closed_port()}"
    store = MilvusStore(uri, timeout=3)
    with pytest.raises(IndexStateError, match=f"Milvus at {uri} is unreachable.*--milvus-uri.*nothing was committed"):
        store.ingest([corpus_dir], HashEmbedder())
    with pytest.raises(IndexStateError, match="unreachable"):
        store.version()


def test_a_connection_lost_before_the_commit_leaves_the_index_as_it_was(
        store: MilvusStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, {k: CORPUS[k] for k in ("semiconductor.txt", "hydrogen.txt")})
    store.ingest([corpus], HashEmbedder())
    version, rows = store.version(), _rows(store)
    write_corpus(corpus, {"coffee.md": CORPUS["coffee.md"]})

    def lost(*args: object, **kwargs: object) -> None:
        raise IndexStateError("Milvus at test is unreachable")

    with monkeypatch.context() as patched:
        patched.setattr(store.conn, "commit", lost)
        with pytest.raises(IndexStateError):
            store.ingest([corpus], HashEmbedder())
    assert _rows(store) > rows  # the rows went in, uncommitted ...
    assert store.version() == version and "coffee.md" not in {d.source for d in store.docs().values()}
    assert all(h.source != "coffee.md" for h in store.open(HashEmbedder()).retrieve("arabica coffee", 10))
    report = store.ingest([corpus], HashEmbedder())  # ... and the next ingest clears and redoes them
    assert report.added == ["coffee.md"]
    assert _rows(store) == store.manifest().n_chunks == len(store.conn.query("chunks", 'pk != ""', ["pk"]))


def test_an_embedder_crash_writes_nothing(store: MilvusStore, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, {"semiconductor.txt": CORPUS["semiconductor.txt"]})
    store.ingest([corpus], HashEmbedder())
    version = store.version()
    write_corpus(corpus, {"hydrogen.txt": CORPUS["hydrogen.txt"]})
    with pytest.raises(RuntimeError, match="simulated crash"):
        store.ingest([corpus], HashEmbedder(fail_after=0))
    assert store.version() == version and [d.source for d in store.docs().values()] == ["semiconductor.txt"]


def test_rebuild_and_a_missing_index(store: MilvusStore, corpus_dir: Path) -> None:
    assert store.version() is None and store.docs() == {}
    with pytest.raises(IndexStateError, match="ragqa ingest --store milvus"):
        store.open(HashEmbedder())
    store.ingest([corpus_dir], HashEmbedder())
    rebuilt = store.ingest([corpus_dir], HashEmbedder(id="hash-other"), rebuild=True)
    assert len(rebuilt.added) == len(CORPUS)
    assert store.open(HashEmbedder(id="hash-other")).retrieve(QUESTION, 1)[0].source == "semiconductor.txt"


def test_cli_ingest_sources_ask_remove(db: str, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(ragqa.factory, "make_embedder", lambda spec="e5": StackedEmbedder([HashEmbedder()]))
    monkeypatch.setenv("RAGQA_MILVUS_URI", db)
    assert main(["ingest", str(corpus_dir), "--store", "milvus"]) == 0
    capsys.readouterr()
    assert main(["sources", "--json", "--store", "milvus"]) == 0
    assert sorted(d["source"] for d in json.loads(capsys.readouterr().out)) == sorted(CORPUS)
    assert main(["ask", QUESTION, "--json", "--store", "milvus", "--generator", "extractive"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert "1,419억" in answer["answer"] and answer["citations"][0]["source"] == "semiconductor.txt"
    assert main(["remove", "coffee.md", "--store", "milvus"]) == 0
    assert "removed coffee.md" in capsys.readouterr().out
    monkeypatch.delenv("RAGQA_MILVUS_URI")
    assert main(["sources", "--store", "milvus"]) == 2
    assert "--milvus-uri" in capsys.readouterr().err


def test_a_session_answers_from_milvus_and_sees_uploads(db: str, tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "local", store="milvus", milvus_uri=db, generator="extractive")
    session = Session(settings, load_embedder=lambda spec: StackedEmbedder([HashEmbedder()]),
                      load_generator=lambda chosen: None)
    session.store = MilvusStore(db, prefix=f"s{uuid.uuid4().hex[:10]}")
    with pytest.raises(IndexStateError, match="no index"):
        session.assistant()
    files = write_corpus(tmp_path / "up", {"semiconductor.txt": CORPUS["semiconductor.txt"]})
    assert session.ingest(list(files.values())).added == ["semiconductor.txt"]
    answer = session.assistant().ask(QUESTION)
    assert "1,419억" in answer.text and answer.citations[0].source == "semiconductor.txt"
    assert [d.source for d in session.reports()] == ["semiconductor.txt"]
    from ragqa.page.chat import indexed_docs
    from ragqa.page.library import starter_questions

    assert [d.source for d in indexed_docs(session)] == ["semiconductor.txt"]  # the chat page's list
    assert len(starter_questions(session, "ko")) == 1
    assert session.remove("semiconductor.txt") == "semiconductor.txt" and session.reports() == []


def test_a_lite_file_held_by_another_process_says_how_to_share_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = str(tmp_path / "held.db")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, path],
        cwd=Path(__file__).resolve().parents[1], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert holder.stdout.readline().strip() == b"holding"
        with pytest.raises(IndexStateError, match="one process only.*milvus-lite server --data-dir"):
            MilvusStore(path).version()
    finally:
        holder.kill()
        holder.wait()


def test_a_lite_file_written_by_one_run_is_read_by_the_next(tmp_path: Path, corpus_dir: Path) -> None:
    """`ragqa ingest` then `ragqa ask`: Milvus Lite opens the folder with its collections released."""
    import subprocess
    import sys

    path = str(tmp_path / "runs.db")
    root = Path(__file__).resolve().parents[1]
    code = ("import sys; from pathlib import Path; from fakes import HashEmbedder; "
            "from index.milvus_store import MilvusStore; "
            "MilvusStore(sys.argv[1]).ingest([Path(sys.argv[2])], HashEmbedder())")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(root / "tests")])}
    subprocess.run([sys.executable, "-c", code, path, str(corpus_dir)], cwd=root, env=env, check=True, timeout=120)
    assert MilvusStore(path).open(HashEmbedder()).retrieve(QUESTION, 1)[0].source == "semiconductor.txt"


@pytest.mark.parametrize("fusion", ["rrf", "weighted"])
def test_milvus_can_fuse_the_rankings_itself(db: str, corpus_dir: Path, fusion: str) -> None:
    prefix = f"f{uuid.uuid4().hex[:10]}"
    MilvusStore(db, prefix=prefix).ingest([corpus_dir], HashEmbedder())
    settings = Settings(store="milvus", milvus_uri=db, milvus_fusion=fusion)
    store = ragqa.factory.index_store(settings)
    assert store.fusion == fusion
    store = MilvusStore(db, prefix=prefix, fusion=fusion)
    retriever = store.open(HashEmbedder())
    assert retriever.retrieve(QUESTION, 1)[0].source == "semiconductor.txt"
    pool = retriever.candidates("수소 충전소와 coffee prices", 1, per_retriever=2)
    assert len(pool) > 1 and len({h.chunk.chunk_id for h in pool}) == len(pool)
    with pytest.raises(ValueError, match="fusion"):
        MilvusStore(db, fusion="max")


def test_readyz_says_milvus_is_down(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from ragqa.service.app import create_app

    uri = f"http://127.0.0.1:{_closed_port()}"
    settings = Settings(index_dir=tmp_path, store="milvus", milvus_uri=uri, generator="extractive")
    session = Session(settings, load_embedder=lambda spec: StackedEmbedder([HashEmbedder()]),
                      load_generator=lambda chosen: None)
    with TestClient(create_app(session)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503 and f"Milvus at {uri} is unreachable" in ready.text
        asked = client.post("/v1/ask", json={"question": QUESTION})
        assert asked.status_code >= 500 and "unreachable" in asked.text
