"""Ask a running `ragqa serve` over HTTP: an answer in the time the answer takes, with no
models loaded here. The objects are the server's JSON (qa.serialize's shapes)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx

from core.errors import RagError

DEFAULT_TIMEOUT = 300.0
# A server error's type -> the exit code the same failure has in a local `ragqa ask`.
_EXIT_CODES = {"invalid_request_error": 2, "input_error": 2, "request_too_large": 2, "index_state_error": 3,
               "not_ready": 3, "index_busy_error": 4, "queue_full": 4, "model_error": 5, "timeout": 5, "unreachable": 5,
               "missing_extra_error": 6}


class ServerError(RagError):
    """The server answered with an error, or could not be reached; ``kind`` is its error type."""

    def __init__(self, message: str, kind: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.exit_code = _EXIT_CODES.get(kind, 1)


def _headers(api_key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"} if api_key else {}


def _payload(question: str, k: int | None, closed_book: bool, generator: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"question": question, "closed_book": closed_book}
    if k is not None:
        body["k"] = k
    if generator:
        body["generator"] = generator
    return body


def _raise_for(response: httpx.Response, url: str) -> None:
    if response.is_success:
        return
    response.read()
    try:
        error = response.json()["error"]
        message, kind = error["message"], error["type"]
    except (ValueError, KeyError, TypeError):
        message, kind = f"HTTP {response.status_code} from {url}", "http_error"
    if response.headers.get("retry-after"):
        message += f" (retry after {response.headers['retry-after']} s)"
    raise ServerError(f"server: {message}", kind, response.status_code)


def _unreachable(url: str, exc: Exception) -> ServerError:
    return ServerError(f"cannot reach the ragqa server at {url} ({type(exc).__name__}: {exc}); "
                       "start one with `ragqa serve`, or ask without --server", "unreachable")


def ask(url: str, question: str, *, k: int | None = None, closed_book: bool = False, generator: str | None = None,
        api_key: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """The answer as `ragqa ask --json` prints it."""
    url = url.rstrip("/")
    try:
        response = httpx.post(f"{url}/v1/ask", json=_payload(question, k, closed_book, generator),
                              headers=_headers(api_key), timeout=timeout)
    except httpx.TransportError as exc:
        raise _unreachable(url, exc) from exc
    _raise_for(response, url)
    return response.json()


def stream(url: str, question: str, *, k: int | None = None, closed_book: bool = False,
           generator: str | None = None, api_key: str | None = None,
           timeout: float = DEFAULT_TIMEOUT) -> Iterator[dict[str, Any]]:
    """The answer's events as qa.serialize.event_to_dict shapes them: evidence, token, reset, final."""
    url = url.rstrip("/")
    try:
        with httpx.stream("POST", f"{url}/v1/ask", params={"stream": "true"},
                          json=_payload(question, k, closed_book, generator), headers=_headers(api_key),
                          timeout=timeout) as response:
            _raise_for(response, url)
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                if event.get("type") == "error":
                    error = event.get("error", {})
                    raise ServerError(f"server: {error.get('message', 'error')}", error.get("type", "error"))
                yield event
    except httpx.TransportError as exc:
        raise _unreachable(url, exc) from exc


def sources(url: str, *, api_key: str | None = None, timeout: float = 30.0) -> list[dict[str, Any]]:
    url = url.rstrip("/")
    try:
        response = httpx.get(f"{url}/v1/sources", headers=_headers(api_key), timeout=timeout)
    except httpx.TransportError as exc:
        raise _unreachable(url, exc) from exc
    _raise_for(response, url)
    return response.json()
