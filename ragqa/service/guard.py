"""What stands between a request and the models: the API key, the body size limit, and
errors as one JSON shape, ``{"error": {"message", "type"}}``, with the CLI's messages and
never a stack trace."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.errors import (
    IndexBusyError,
    IndexStateError,
    InputError,
    MissingExtraError,
    ModelError,
    RagError,
)
from ragqa.live.workspace import OPEN, Caller, Forbidden, NotFound
from ragqa.service.gate import QueueFull, RequestTimeout
from ragqa.service.limits import RateLimit, RateLimited
from ragqa.stores.keys import TOKEN_PREFIX, KeyStore

log = logging.getLogger("ragqa.service.app")

# Most specific first: the first matching class decides the status.
STATUS: list[tuple[type[Exception], int, str]] = [
    (NotFound, 404, "not_found_error"),
    (Forbidden, 403, "permission_error"),
    (IndexStateError, 503, "index_state_error"),
    (IndexBusyError, 409, "index_busy_error"),
    (InputError, 422, "input_error"),
    (ModelError, 502, "model_error"),
    (MissingExtraError, 501, "missing_extra_error"),
    (RagError, 400, "rag_error"),
    (ValueError, 400, "invalid_request_error"),
]
_HTTP_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
               404: "not_found_error", 405: "invalid_request_error", 413: "request_too_large",
               422: "invalid_request_error"}


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def error_body(message: str, kind: str) -> dict:
    return {"error": {"message": message, "type": kind}}


def error_response(status: int, message: str, kind: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(message, kind), status_code=status, headers=headers)


def describe(exc: BaseException) -> tuple[int, str, str, dict[str, str]]:
    """(status, message, type, headers) for any failure; unexpected ones are logged, not shown."""
    if isinstance(exc, RateLimited):
        return 429, one_line(exc), "rate_limit_error", {"Retry-After": str(exc.retry_after)}
    if isinstance(exc, QueueFull):
        return 503, one_line(exc), "queue_full", {"Retry-After": str(exc.retry_after)}
    if isinstance(exc, RequestTimeout):
        return (503 if exc.waiting else 504), one_line(exc), "timeout", {"Retry-After": "5"} if exc.waiting else {}
    if isinstance(exc, StarletteHTTPException):  # FastAPI's, and the router's own 404 and 405
        return exc.status_code, str(exc.detail), _HTTP_TYPES.get(exc.status_code, "http_error"), dict(exc.headers or {})
    for cls, status, kind in STATUS:
        if isinstance(exc, cls):
            return status, one_line(exc), kind, {}
    log.error("unexpected failure", exc_info=exc)
    return 500, f"internal error ({type(exc).__name__}); the server log has the details", "internal_error", {}


def install_error_handlers(app: FastAPI) -> None:
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        status, message, kind, headers = describe(exc)
        return error_response(status, message, kind, headers)

    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body')}: {e.get('msg', '')}"
                             for e in exc.errors())
        return error_response(422, f"invalid request: {problems}", "invalid_request_error")

    app.add_exception_handler(RequestValidationError, invalid)
    for cls in (StarletteHTTPException, QueueFull, RequestTimeout, RateLimited, RagError, ValueError, Exception):
        app.add_exception_handler(cls, handle)


# Query parameters that carry a credential: a key in a URL ends up in proxy logs, browser
# history and Referer headers, so it is refused even when it is right.
_KEY_PARAMS = frozenset({"api_key", "apikey", "api-key", "key", "token", "access_token", "auth", "authorization",
                         "bearer", "password"})
_UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}


def caller_checker(keys: KeyStore, api_key: str | None, limit: RateLimit | None) -> Callable[[Request], Caller]:
    """A dependency: who is calling. Keys made with `ragqa keys` (once any exists, only they
    open /v1, each to its workspace, each within its rate limit); else ``--api-key``, which
    opens every report, as before workspaces; else nothing is asked."""
    expected = api_key.encode() if api_key else None

    def check(request: Request) -> Caller:
        keyed = keys.configured()
        if keyed or expected is not None:
            for name, value in request.query_params.multi_items():
                if name.lower() in _KEY_PARAMS or value.startswith(TOKEN_PREFIX):
                    raise HTTPException(401, f"an API key was sent in the URL ('{name}='); URLs are logged, so "
                                        "send it as 'Authorization: Bearer <key>' only, and have that key revoked "
                                        "and replaced", headers=_UNAUTHORIZED)
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        given = given.strip() if scheme.lower() == "bearer" else ""
        if keyed:
            key = keys.find(given)
            if key is None:
                if limit is not None:
                    address = request.client.host if request.client else "unknown"
                    limit.spend(f"address:{address}", "without a valid key from this address")
                raise HTTPException(401, "missing, wrong or revoked API key; send 'Authorization: Bearer <key>' "
                                    "with a key from `ragqa keys add`", headers=_UNAUTHORIZED)
            if limit is not None:
                limit.spend(f"key:{key.name}", f"for the key '{key.name}'")
            return Caller(key.workspace, key.role, key.name)
        if expected is not None and not hmac.compare_digest(given.encode(), expected):
            raise HTTPException(401, "missing or wrong API key; send 'Authorization: Bearer <key>'",
                                headers=_UNAUTHORIZED)
        return OPEN

    return check


def current_caller(request: Request) -> Caller:
    """The dependency every /v1 route takes: the app's checker (create_app sets it), run
    once per request however many routers and parameters ask for it."""
    return request.app.state.caller(request)


Who = Annotated[Caller, Depends(current_caller)]


class BodyLimit:
    """Refuse request bodies over the limit with 413 before they are read into memory:
    by Content-Length at once, and by counting bytes for a chunked body."""

    def __init__(self, app: ASGIApp, *, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _send_too_large(send, limit)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, _too_large(limit))
            return message

        await self.app(scope, counted, send)


def _too_large(limit: int) -> str:
    return f"request body over the limit of {limit / 1024 / 1024:.2f} MB"


async def _send_too_large(send: Send, limit: int) -> None:
    body = json.dumps(error_body(_too_large(limit), "request_too_large")).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
