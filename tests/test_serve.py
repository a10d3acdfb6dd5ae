"""`ragqa serve` over a tiny HashEmbedder index: real uvicorn on a free 127.0.0.1 port,
driven by httpx, the official openai client and `ragqa ask --server`."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fakes import CORPUS, DATA, HashEmbedder, ScriptedGenerator, indexed_sources, write_corpus

from index.build import ingest_paths
from qa.serialize import answer_to_dict
from ragqa.cli.main import build_parser, main
from ragqa.service.app import create_app, serve
from ragqa.live.session import Session
from ragqa.settings import Settings

uvicorn = pytest.importorskip("uvicorn")
openai = pytest.importorskip("openai")

KO_QUESTION = "2024년 반도체 수출액은 얼마인가?"
RIGHT = "2024년 반도체 수출액은 1,419억 달러입니다 [1]."
# the corpus holds English reports too: a Korean question is first rendered in English
RENDERED = "How much were semiconductor exports in 2024?"
WRONG = "2024년 반도체 수출액은 9,999억 달러입니다 [1]."  # a number the evidence does not hold
QUANTUM = ("# 양자컴퓨팅 산업 동향\n\n"
           "2025년 국내 양자컴퓨팅 스타트업은 총 37개로 집계되었다. 절반은 소프트웨어 기업이다.\n")


@dataclass
class Served:
    url: str
    settings: Settings
    session: Session
    app: object
    embedder: HashEmbedder

    def client(self, **kw: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kw)


def _start(app: object) -> tuple[str, Callable[[], None]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(10)
    return f"http://127.0.0.1:{port}", stop


@pytest.fixture
def make_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Served]]:
    stops: list[Callable[[], None]] = []

    def make(generator: object | None = None, *, index: bool = True, max_mb: float = 0.05,
             **options: object) -> Served:
        root = tmp_path_factory.mktemp("serve")
        embedder = HashEmbedder()
        if index:
            write_corpus(root / "corpus", CORPUS)
            ingest_paths([root / "corpus"], root / "index", embedder)
        settings = Settings(index_dir=root / "index", embedder="hash",
                            generator="embedded" if generator else "extractive", max_mb=max_mb)
        session = Session(settings, load_embedder=lambda spec: embedder,
                          load_generator=lambda chosen: generator if chosen.generator != "extractive" else None)
        app = create_app(session, **options)
        url, stop = _start(app)
        stops.append(stop)
        served = Served(url, settings, session, app, embedder)
        if index:
            _wait_ready(served)
        return served

    yield make
    for stop in stops:
        stop()


def _wait_ready(served: Served) -> None:
    deadline = time.monotonic() + 20
    while httpx.get(f"{served.url}/readyz").status_code != 200:
        assert time.monotonic() < deadline, "the server never became ready"
        time.sleep(0.05)


@pytest.fixture
def served(make_server: Callable[..., Served]) -> Served:
    return make_server()


def _events(response: httpx.Response) -> list[dict]:
    return [json.loads(line[5:]) for line in response.iter_lines() if line.startswith("data:")]


class BlockingGenerator:
    """Writes the right answer once ``release`` is set: requests pile up behind it."""

    name = "blocking"

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0

    def stream(self, messages: list[dict[str, str]], *, max_tokens: int, temperature: float,
               fresh: bool = False) -> Iterator[str]:
        self.calls += 1
        self.release.wait(20)
        yield RIGHT


def test_ask_returns_the_cli_json_object(served: Served) -> None:
    with served.client() as http:
        got = http.post("/v1/ask", json={"question": KO_QUESTION, "k": 3}).json()
    local = answer_to_dict(served.session.assistant().ask(KO_QUESTION, k=3))
    assert got.keys() == local.keys()
    assert {**got, "timings_ms": None} == {**local, "timings_ms": None}
    assert "1,419억 달러" in got["answer"] and got["path"] == "extractive"
    assert got["citations"][0]["title"] == "반도체 수출 동향" and len(got["hits"]) == 3


def test_health_docs_and_errors_are_json(served: Served) -> None:
    with served.client() as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        assert http.get("/readyz").json()["index_version"]
        assert "/v1/chat/completions" in http.get("/openapi.json").json()["paths"]
        assert http.get("/docs").status_code == 200
        empty = http.post("/v1/ask", json={"question": "   "})
        assert empty.status_code == 400 and "empty" in empty.json()["error"]["message"]
        bad = http.post("/v1/ask", json={"question": "x", "k": 0})
        assert bad.status_code == 422 and bad.json()["error"]["type"] == "invalid_request_error"
        wrong_model = http.post("/v1/chat/completions", json={"model": "gpt-4", "messages": [
            {"role": "user", "content": KO_QUESTION}]})
        assert wrong_model.status_code == 404 and "ragqa" in wrong_model.json()["error"]["message"]
        unknown = http.get("/v1/nowhere")
        assert unknown.status_code == 404 and unknown.json()["error"]["type"] == "not_found_error"
        for response in (empty, bad, wrong_model, unknown):
            assert "Traceback" not in response.text


def test_no_index_is_not_ready_until_the_first_upload(make_server: Callable[..., Served]) -> None:
    served = make_server(index=False)
    with served.client() as http:
        assert http.get("/healthz").status_code == 200
        ready = http.get("/readyz")
        assert ready.status_code == 503 and "no index" in ready.json()["error"]["message"]
        asked = http.post("/v1/ask", json={"question": KO_QUESTION})
        assert asked.status_code == 503 and asked.json()["error"]["type"] == "index_state_error"
        streamed = http.post("/v1/ask?stream=true", json={"question": KO_QUESTION})  # a status, not an event
        assert streamed.status_code == 503 and "no index" in streamed.json()["error"]["message"]
        assert http.get("/v1/sources").json() == []
        up = http.post("/v1/documents", files={"files": ("quantum.md", QUANTUM.encode(), "text/markdown")})
        assert up.status_code == 200 and up.json()["added"] == ["quantum.md"]
        assert http.get("/readyz").status_code == 200  # the first upload made an index
        answer = http.post("/v1/ask", json={"question": "국내 양자컴퓨팅 스타트업은 몇 개인가?"}).json()
        assert "37개" in answer["answer"]


def test_stream_sends_evidence_then_tokens_then_one_final(make_server: Callable[..., Served]) -> None:
    served = make_server(ScriptedGenerator(RENDERED, RIGHT))
    with served.client() as http, http.stream("POST", "/v1/ask?stream=true", json={"question": KO_QUESTION}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        events = _events(r)
    types = [e["type"] for e in events]
    assert types[0] == "evidence" and types[-1] == "final" and types.count("final") == 1
    assert set(types[1:-1]) == {"token"}
    assert "".join(e["text"] for e in events if e["type"] == "token") == RIGHT
    final = events[-1]["answer"]
    assert final["path"] == "llm" and final["answer"] == RIGHT and not events[-1]["replaces_stream"]


def test_stream_shows_the_reset_of_a_failed_draft(make_server: Callable[..., Served]) -> None:
    served = make_server(ScriptedGenerator(RENDERED, WRONG, RIGHT))
    with served.client() as http, http.stream("POST", "/v1/ask?stream=true", json={"question": KO_QUESTION}) as r:
        events = _events(r)
    types = [e["type"] for e in events]
    assert types.index("reset") < types.index("final")
    assert events[types.index("reset")]["then"] == "llm-retry"
    assert events[-1]["answer"]["path"] == "llm-retry"


def test_chat_completions_through_the_openai_client(make_server: Callable[..., Served]) -> None:
    served = make_server(ScriptedGenerator(WRONG, RIGHT, WRONG, RIGHT))
    client = openai.OpenAI(base_url=f"{served.url}/v1", api_key="unused", max_retries=0)
    assert [m.id for m in client.models.list().data] == ["ragqa"]
    messages = [{"role": "system", "content": "You are helpful."}, {"role": "user", "content": KO_QUESTION}]

    done = client.chat.completions.create(model="ragqa", messages=messages)
    text = done.choices[0].message.content
    assert text.startswith(RIGHT) and "9,999" not in text  # the rejected draft is nowhere
    assert "Sources:\n[1] 반도체 수출 동향, § 반도체 수출 동향: “2024년 반도체 수출액은 1,419억 달러" in text
    citations = done.model_extra["citations"]
    assert citations[0]["n"] == 1 and citations[0]["source"] == "semiconductor.txt"

    pieces, last = [], None
    for chunk in client.chat.completions.create(model="ragqa", messages=messages, stream=True,
                                                stream_options={"include_usage": True}):
        if chunk.choices:
            pieces.append(chunk.choices[0].delta.content or "")
            last = chunk if chunk.choices[0].finish_reason else last
    streamed = "".join(pieces)
    assert streamed == text  # verified text only: the draft that was reset never reached the client
    assert last is not None and last.model_extra["citations"] == citations


def test_chat_followup_uses_the_previous_user_turn(served: Served) -> None:
    client = openai.OpenAI(base_url=f"{served.url}/v1", api_key="unused", max_retries=0)
    done = client.chat.completions.create(model="ragqa", messages=[
        {"role": "user", "content": "전국 수소 충전소는 몇 기가 운영 중인가?"},
        {"role": "assistant", "content": "359기입니다 [1]."},
        {"role": "user", "content": [{"type": "text", "text": "그럼 2030년은?"}]},
    ])
    text = done.choices[0].message.content
    assert "rewritten: " in text and "수소 충전소" in text.split("\n")[0]


def test_upload_then_ask_then_remove(served: Served) -> None:
    with served.client() as http:
        up = http.post("/v1/documents", files={"files": ("quantum.md", QUANTUM.encode(), "text/markdown")})
        assert up.status_code == 200, up.text
        assert up.json()["added"] == ["quantum.md"] and up.json()["failed"] == []
        answer = http.post("/v1/ask", json={"question": "국내 양자컴퓨팅 스타트업은 몇 개인가?"}).json()
        assert "37개" in answer["answer"] and answer["citations"][0]["source"] == "quantum.md"
        doc_id = next(d["doc_id"] for d in http.get("/v1/sources").json() if d["source"] == "quantum.md")
        assert http.delete(f"/v1/documents/{doc_id}").json() == {"removed": "quantum.md"}
        assert "quantum.md" not in [d["source"] for d in http.get("/v1/sources").json()]
        missing = http.delete("/v1/documents/nope")
        assert missing.status_code == 404 and missing.json()["error"]["type"] == "not_found_error"
    assert not (served.session.uploads_dir / "quantum.md").exists()


def test_bad_and_oversized_uploads_leave_the_index_untouched(served: Served) -> None:
    current = (served.settings.index_dir / "CURRENT").read_text()
    before = indexed_sources(served.settings.index_dir)
    with served.client() as http:
        corrupt = http.post("/v1/documents", files={"files": ("corrupt.pdf", (DATA / "corrupt.pdf").read_bytes())})
        assert corrupt.status_code == 422, corrupt.text
        assert corrupt.json()["error"]["type"] == "input_error"
        assert "corrupt.pdf" in corrupt.json()["error"]["message"]
        assert "corrupt or truncated" in corrupt.json()["error"]["message"]
        over_file = http.post("/v1/documents", files={"files": ("big.md", b"# big\n\n" + b"a " * 40_000)})
        assert over_file.status_code == 413 and "big.md" in over_file.json()["error"]["message"]
        over_body = http.post("/v1/documents", files={"files": ("huge.md", b"b " * 1_500_000)})
        assert over_body.status_code == 413 and over_body.json()["error"]["type"] == "request_too_large"
        assert http.post("/v1/ask", content=b"{" + b" " * 2_000_000 + b"}",
                         headers={"content-type": "application/json"}).status_code == 413
        assert [d["source"] for d in http.get("/v1/sources").json()] != []
    assert (served.settings.index_dir / "CURRENT").read_text() == current
    assert indexed_sources(served.settings.index_dir) == before
    assert not (served.session.uploads_dir / "corrupt.pdf").exists()


def test_api_key_is_enforced_on_every_v1_route(make_server: Callable[..., Served],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    served = make_server(api_key="s3cret")
    with served.client() as http:
        for method, path in [("GET", "/v1/sources"), ("GET", "/v1/models"), ("POST", "/v1/ask"),
                             ("POST", "/v1/chat/completions"), ("DELETE", "/v1/documents/x")]:
            refused = http.request(method, path, json={"question": KO_QUESTION})
            assert refused.status_code == 401, path
            assert refused.json()["error"]["type"] == "authentication_error"
        assert http.get("/v1/sources", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert http.get("/v1/sources", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert http.get("/healthz").status_code == 200  # liveness stays open to the orchestrator
    client = openai.OpenAI(base_url=f"{served.url}/v1", api_key="s3cret", max_retries=0)
    done = client.chat.completions.create(model="ragqa", messages=[{"role": "user", "content": KO_QUESTION}])
    assert "1,419억 달러" in done.choices[0].message.content
    assert main(["ask", "--server", served.url, KO_QUESTION]) == 1
    assert "server: missing or wrong API key" in capsys.readouterr().err
    assert main(["ask", "--server", served.url, "--api-key", "s3cret", KO_QUESTION]) == 0


def test_full_queue_answers_503_with_retry_after(make_server: Callable[..., Served]) -> None:
    blocking = BlockingGenerator()
    served = make_server(blocking, max_queue=1)
    results: list[int] = []

    def ask() -> None:
        results.append(httpx.post(f"{served.url}/v1/ask", json={"question": KO_QUESTION}, timeout=30).status_code)

    threads = [threading.Thread(target=ask) for _ in range(2)]  # one answering, one waiting
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while served.app.state.gate.waiting < 1 or blocking.calls < 1:
        assert time.monotonic() < deadline, "the requests never piled up"
        time.sleep(0.02)
    started = time.monotonic()
    refused = httpx.post(f"{served.url}/v1/ask", json={"question": KO_QUESTION}, timeout=30)
    assert time.monotonic() - started < 5  # refused at once, not after waiting
    assert refused.status_code == 503 and refused.json()["error"]["type"] == "queue_full"
    assert int(refused.headers["retry-after"]) >= 1
    blocking.release.set()
    for t in threads:
        t.join(20)
    assert results == [200, 200]


def test_request_timeout_answers_504_and_frees_the_slot(make_server: Callable[..., Served]) -> None:
    blocking = BlockingGenerator()
    served = make_server(blocking, request_timeout=3.0)
    slow = httpx.post(f"{served.url}/v1/ask", json={"question": KO_QUESTION}, timeout=30)
    assert slow.status_code == 504 and slow.json()["error"]["type"] == "timeout"
    blocking.release.set()  # the call in flight returns; the slot is free again
    again = httpx.post(f"{served.url}/v1/ask", json={"question": KO_QUESTION}, timeout=30)
    assert again.status_code == 200 and again.json()["path"] == "llm"


def test_new_index_version_is_answered_on_the_next_request(served: Served, tmp_path: Path) -> None:
    with served.client() as http:
        first = http.get("/readyz").json()["index_version"]
        write_corpus(tmp_path / "more", {"quantum.md": QUANTUM})
        ingest_paths([tmp_path / "more" / "quantum.md"], served.settings.index_dir, served.embedder)  # another writer
        answer = http.post("/v1/ask", json={"question": "국내 양자컴퓨팅 스타트업은 몇 개인가?"}).json()
        assert "37개" in answer["answer"]
        assert http.get("/readyz").json()["index_version"] != first


def test_ask_server_prints_an_answer(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--server", served.url, KO_QUESTION]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[근거/evidence] ") and "1,419억 달러" in out
    assert "[1] 반도체 수출 동향 (semiconductor.txt, § 반도체 수출 동향): “2024년" in out
    assert main(["ask", "--server", served.url, "--json", "-k", "2", KO_QUESTION]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["path"] == "extractive" and len(printed["hits"]) == 2


def test_ask_server_unreachable_is_one_line(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setenv("RAGQA_SERVER", closed)
    assert main(["ask", KO_QUESTION]) == 5
    err = capsys.readouterr().err
    assert err.startswith("ragqa: error: cannot reach the ragqa server") and "Traceback" not in err


def test_serve_listens_locally_unless_given_a_key(tmp_path: Path) -> None:
    args = build_parser().parse_args(["serve", "--generator", "extractive"])
    assert (args.host, args.port, args.max_queue) == ("127.0.0.1", 8000, 8)
    session = Session(Settings(index_dir=tmp_path, generator="extractive"), load_embedder=lambda s: HashEmbedder())
    with pytest.raises(ValueError, match="--api-key"):
        serve(session, host="0.0.0.0", port=1)


def test_a_client_leaving_mid_stream_gives_the_slot_back(make_server: Callable[..., Served]) -> None:
    blocking = BlockingGenerator()
    served = make_server(blocking, request_timeout=10.0)
    with served.client() as http, http.stream("POST", "/v1/ask?stream=true", json={"question": KO_QUESTION}) as r:
        first = next(line for line in r.iter_lines() if line.startswith("data:"))
        assert json.loads(first[5:])["type"] == "evidence"
    # The client has gone while the model writes; once the call returns, the next question runs.
    blocking.release.set()
    again = httpx.post(f"{served.url}/v1/ask", json={"question": KO_QUESTION}, timeout=30)
    assert again.status_code == 200 and again.json()["path"] == "llm"
    assert served.app.state.gate.waiting == 0


def test_bench_clients_count_answers_and_refusals(make_server: Callable[..., Served]) -> None:
    from bench.serve import run_level

    served = make_server(max_queue=0)
    result = run_level(served.url, [KO_QUESTION] * 6, clients=3, timeout=30)
    assert result["answered"] == 6 and result["errors"] == 0
    assert result["paths"] == {"extractive": 6} and result["p50_s"] <= result["p95_s"]
