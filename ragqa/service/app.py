"""The assistant behind HTTP: `ragqa serve`. The models load once; each question gets an
assistant over the newest published index (ragqa.live.session.Session), and every job that
uses the models (answers, uploads, removals) takes its turn through one bounded queue
(ragqa.service.gate). `/v1/ask` returns exactly `ragqa ask --json`'s object;
`/v1/chat/completions` speaks OpenAI's protocol (ragqa.service.chat)."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, File, HTTPException, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from core.errors import InputError, RagError
from qa.events import AnswerEvent, EvidenceReady, Final
from qa.serialize import answer_to_dict, event_to_dict
from qa.types import Answer
from ragqa.live import workspace
from ragqa.live.session import Session
from ragqa.live.workspace import Caller
from ragqa.service import chat as serve_chat
from ragqa.service.gate import Gate, Turn
from ragqa.service.guard import (
    BodyLimit,
    Who,
    caller_checker,
    current_caller,
    describe,
    error_body,
    error_response,
    install_error_handlers,
)
from ragqa.service.limits import RateLimit
from ragqa.service.records import records_router
from ragqa.service.uploads import upload_result
from ragqa.stores.keys import KeyStore, keys_path

MB = 1024 * 1024
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=4000)
    k: int | None = Field(default=None, ge=1, le=50)
    closed_book: bool = False
    generator: Literal["embedded", "openai", "extractive"] | None = None


class _Stream(StreamingResponse):
    """Server-sent events that give the model slot back however the response ends,
    even when the client left before the first event."""

    def __init__(self, body: AsyncIterator[str], on_close: Callable[[], None]) -> None:
        super().__init__(body, media_type="text/event-stream",
                         headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        self._on_close = on_close

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._on_close()


def create_app(session: Session, *, api_key: str | None = None, max_body: int = MB, max_queue: int = 8,
               request_timeout: float = 120.0, rate_limit: float | None = 120.0) -> FastAPI:
    """``rate_limit``: requests a minute each key of `ragqa keys` may make (None: no limit)."""
    settings = session.settings
    gate = Gate(max_queue=max_queue, timeout=request_timeout)
    state: dict[str, Any] = {"ready": False, "problem": "loading the models"}

    def warm() -> None:
        try:
            assistant = session.assistant()
            if assistant.retriever is not None:
                assistant.retriever.retrieve("준비 ready", 1)  # Kiwi and the query paths load on first use
            state.update(ready=True, problem="")
        except Exception as exc:  # noqa: BLE001 -- /readyz says why; the next question tries again
            state["problem"] = describe(exc)[1]

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        gate.worker.submit(warm)  # the first job on the model thread; requests queue behind it
        yield
        gate.close()

    app = FastAPI(title="보고서 QA", version="0.1.0", lifespan=lifespan,
                  description="Cited answers from Korean and English reports. `/v1/ask` returns the object "
                              "`ragqa ask --json` prints; `/v1/chat/completions` is OpenAI-compatible (model `ragqa`).")
    install_error_handlers(app)
    upload_limit = int(settings.max_mb * MB) + MB  # one file at the limit, plus multipart overhead
    app.add_middleware(BodyLimit, limit_for=lambda path: upload_limit if path == "/v1/documents" else max_body)
    app.state.gate = gate
    app.state.caller = caller_checker(KeyStore(keys_path(settings.index_dir)), api_key,
                                      RateLimit(rate_limit) if rate_limit else None)
    v1 = APIRouter(prefix="/v1", dependencies=[Depends(current_caller)])

    async def start(body: AskRequest | None, question: str,
                    who: Caller) -> tuple[Turn, Callable[[], Iterator[AnswerEvent]]]:
        """A turn on the models with the assistant assembled: a missing index or an unusable
        model is then an HTTP status, never an event in a stream that has already begun.
        The assistant ranks within the caller's reports only: what it never retrieves it
        can neither cite nor be talked into quoting."""
        if not question.strip():
            raise ValueError("the question is empty")
        chosen = replace(settings, generator=body.generator) if body and body.generator else settings
        doc_ids = None if who.sees_everything else frozenset(workspace.visible(session, who))
        turn = await gate.enter()
        try:
            assistant = await turn.call(session.assistant, chosen, doc_ids)
        except BaseException:
            turn.leave()
            raise

        def make() -> Iterator[AnswerEvent]:
            return assistant.stream(question, k=body.k if body else None,
                                    closed_book=body.closed_book if body else False)
        return turn, make

    async def final_answer(turn: Turn, make: Callable[[], Iterator[AnswerEvent]]) -> Answer:
        final = None
        async with contextlib.aclosing(turn.iterate(make)) as events:
            async for event in events:
                if isinstance(event, Final):
                    final = event.answer
        assert final is not None, "an answer stream ends with a Final event"
        state["ready"] = True
        return final

    @app.get("/healthz", tags=["service"])
    def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", tags=["service"])
    def readyz() -> JSONResponse:
        try:
            version = session.store.version()
        except RagError as exc:  # Milvus down: this replica cannot answer until it is back
            version, problem = "", describe(exc)[1]
        if version is None:
            problem = f"no index at {session.store.location}; upload a report or run `ragqa ingest`"
        elif version:
            problem = "" if state["ready"] else state["problem"]
        if problem:
            return error_response(503, problem, "not_ready")
        return JSONResponse({"status": "ready", "index_version": session.index_version})

    @v1.post("/ask", tags=["answers"], responses={200: {"description": "answer_to_dict(answer); with "
                                                         "?stream=true, server-sent events"}})
    async def ask(body: AskRequest, who: Who, stream: bool = False) -> Any:
        turn, make = await start(body, body.question, who)
        if not stream:
            try:
                return answer_to_dict(await final_answer(turn, make))
            finally:
                turn.leave()

        async def events() -> AsyncIterator[str]:
            try:
                async with contextlib.aclosing(turn.iterate(make)) as running:
                    async for event in running:
                        data = event_to_dict(event)
                        yield _sse(data, data["type"])
            except Exception as exc:  # noqa: BLE001 -- the status line is sent; say it in the stream
                yield _sse({"type": "error", **_error_of(exc)}, "error")
            finally:
                turn.leave()
        return _Stream(events(), turn.leave)

    @v1.post("/chat/completions", tags=["openai"])
    async def chat(body: serve_chat.ChatRequest, who: Who) -> Any:
        if body.model != serve_chat.MODEL:
            raise HTTPException(404, f"no model named '{body.model}'; this server has '{serve_chat.MODEL}'")
        asked = [m for m in body.messages if m.role == "user"]
        question = serve_chat.question_of(body.messages)
        last_text = serve_chat.message_text(asked[-1]) if asked else question
        turn, make = await start(None, question, who)
        if not body.stream:
            try:
                answer = await final_answer(turn, make)
            finally:
                turn.leave()
            return serve_chat.completion(answer, serve_chat.answer_content(answer, last_text))
        cid = serve_chat.completion_id()
        usage = bool(body.stream_options and body.stream_options.include_usage)

        async def chunks() -> AsyncIterator[str]:
            try:
                yield _sse(serve_chat.chunk(cid, {"role": "assistant", "content": ""}))
                answer = None
                async with contextlib.aclosing(turn.iterate(make)) as running:
                    async for event in running:
                        if isinstance(event, EvidenceReady):
                            yield ": evidence found; the answer is being written and verified\n\n"
                        elif isinstance(event, Final):
                            answer = event.answer
                turn.leave()
                assert answer is not None
                content = serve_chat.answer_content(answer, last_text)
                for piece in serve_chat.content_chunks(cid, answer, content, include_usage=usage):
                    yield _sse(piece)
                yield "data: [DONE]\n\n"
            except Exception as exc:  # noqa: BLE001 -- mid-stream: OpenAI clients raise on an error payload
                yield _sse(_error_of(exc))
            finally:
                turn.leave()
        return _Stream(chunks(), turn.leave)

    @v1.get("/models", tags=["openai"])
    def models() -> dict:
        return serve_chat.models_list()

    @v1.get("/sources", tags=["reports"])
    def sources(who: Who) -> list[dict]:
        docs = sorted(workspace.visible(session, who).values(), key=lambda d: d.title or d.source)
        return [dict(d.__dict__) | {"workspace": workspace.workspace_of(session, d)} for d in docs]

    @v1.post("/documents", tags=["reports"])
    async def upload(who: Who, files: Annotated[list[UploadFile], File(description="PDF, .txt or .md")]) -> dict:
        workspace.check_writer(who)  # before reading a byte of the files
        max_bytes = int(settings.max_mb * MB)
        received = []
        for f in files:
            data = await f.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise HTTPException(413, f"{f.filename}: larger than the limit of {settings.max_mb:g} MB; "
                                         "split it, or restart the server with a larger --max-mb")
            received.append((Path(f.filename or "upload").name, data))
        async with gate.turn(limit_run=False) as turn:
            report = await turn.call(upload_result, session, who, received)
            if not state["ready"]:
                await turn.call(warm)  # the first report makes an index: load what answering needs
        if report["failed"] and not (report["added"] or report["updated"] or report["skipped"]
                                     or report["duplicates"]):
            failed = report["failed"]
            if len(failed) == 1:
                raise InputError(failed[0]["file"], failed[0]["reason"])
            raise InputError(f"{len(failed)} files", "; ".join(f"{f['file']}: {f['reason']}" for f in failed))
        return report

    @v1.delete("/documents/{doc_id}", tags=["reports"])
    async def delete(doc_id: str, who: Who) -> dict:
        async with gate.turn(limit_run=False) as turn:
            return {"removed": (await turn.call(workspace.remove, session, who, doc_id)).source}

    app.include_router(v1)
    app.include_router(records_router(session))
    return app


def _sse(data: dict, event: str | None = None) -> str:
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n"


def _error_of(exc: Exception) -> dict:
    _, message, kind, _ = describe(exc)
    return error_body(message, kind)


def serve(session: Session, *, host: str = "127.0.0.1", port: int = 8000, api_key: str | None = None,
          max_queue: int = 8, request_timeout: float = 120.0, max_body: int = MB,
          rate_limit: float | None = 120.0) -> None:
    """Run the service until interrupted. Anything but this machine needs an API key."""
    import uvicorn

    keyed = KeyStore(keys_path(session.settings.index_dir)).configured()
    if host not in LOCAL_HOSTS and not (api_key or keyed):
        raise ValueError(f"listening on {host} lets other machines in: make keys with `ragqa keys add`, or set "
                         "--api-key (or RAGQA_API_KEY), or keep the default --host 127.0.0.1")
    app = create_app(session, api_key=api_key, max_body=max_body, max_queue=max_queue,
                     request_timeout=request_timeout, rate_limit=rate_limit)
    access = "workspace keys (`ragqa keys list`)" if keyed else "one API key" if api_key else "no API key"
    if keyed and api_key:
        access += "; --api-key is ignored while keys exist"
    print(f"ragqa: serving {session.store.location} on http://{host}:{port} (docs at /docs) with {access}; "
          f"loading models, /readyz says when", flush=True)
    started = time.monotonic()
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
    print(f"ragqa: stopped after {time.monotonic() - started:.0f} s", flush=True)
