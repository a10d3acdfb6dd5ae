"""An in-process llama.cpp chat backend (xllamacpp) for GGUF models; no server to run.

xllamacpp embeds llama.cpp's own server: requests are OpenAI-shaped dicts and streamed
chunks come back through a callback on the calling thread. ``stream`` runs that blocking
call on a worker thread and hands chunks over a queue so callers get a plain iterator.

Prefix KV reuse: llama.cpp's server keeps the last prompt's KV cache in its slot and, with
``cache_prompt`` (on by default, and set explicitly here), re-evaluates only the tokens after
the longest common prefix. One slot (``n_parallel=1``) keeps that reuse predictable: the
system prompt shared by every question is evaluated once.
"""

from __future__ import annotations

import os
import queue
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from core.errors import ModelError
from qa.generators.base import Usage

_DONE = object()


@dataclass(frozen=True)
class GenerationStats:
    """llama.cpp's own timings for one request (``timings`` in the final chunk)."""

    prompt_tokens: int
    cached_tokens: int
    prompt_ms: float
    generated_tokens: int
    generation_ms: float

    @property
    def prompt_tokens_per_s(self) -> float:
        return self.prompt_tokens / self.prompt_ms * 1000 if self.prompt_ms > 0 else 0.0

    @property
    def generation_tokens_per_s(self) -> float:
        return self.generated_tokens / self.generation_ms * 1000 if self.generation_ms > 0 else 0.0

    @classmethod
    def from_timings(cls, t: dict[str, Any]) -> GenerationStats:
        return cls(
            prompt_tokens=int(t.get("prompt_n", 0)),
            cached_tokens=int(t.get("cache_n", 0)),
            prompt_ms=float(t.get("prompt_ms", 0.0)),
            generated_tokens=int(t.get("predicted_n", 0)),
            generation_ms=float(t.get("predicted_ms", 0.0)),
        )


def _error_text(payload: dict[str, Any]) -> str | None:
    """The message of an llama.cpp error payload, or None when ``payload`` is not an error."""
    err = payload.get("error")
    if err is None and "code" in payload and "message" in payload and "choices" not in payload:
        err = payload
    if err is None:
        return None
    if isinstance(err, dict):
        if err.get("type") == "exceed_context_size_error":
            return (
                f"the prompt is too long ({err.get('n_prompt_tokens')} tokens, context "
                f"{err.get('n_ctx')}); retrieve fewer passages or load the model with a larger n_ctx"
            )
        return str(err.get("message") or err)
    return str(err)


def cpu_features() -> str:
    """The instruction sets this llama.cpp build uses: the prebuilt wheel's AVX2, or what
    this CPU has when scripts/install.sh compiled it here. Prompt reading, most of the wait
    for a first token, runs about twice as fast with AVX-512."""
    import xllamacpp as xlc

    return " ".join(re.findall(r"(\w+) = 1\b", xlc.get_system_info()))


class EmbeddedBackend:
    """A GGUF chat model loaded once in this process; implements ``qa.generators.base.Generator``."""

    def __init__(
        self,
        model_path: Path | str,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        seed: int = 42,
        cache_ram_mib: int = 256,
        verbose: bool = False,
    ) -> None:
        path = Path(model_path).expanduser()
        self.model_path = path
        self.name = f"embedded:{path.stem}"
        self.seed = seed
        self.n_ctx = n_ctx
        self.last_stats: GenerationStats | None = None
        pull_hint = "run `ragqa models pull default` (or pass a path to a valid .gguf)"
        try:
            with path.open("rb") as fh:
                magic = fh.read(4)
        except OSError as exc:
            raise ModelError(f"cannot open model file {path}: {exc.strerror}; {pull_hint}") from exc
        if magic != b"GGUF":
            raise ModelError(f"{path} is not a GGUF model file; {pull_hint}")
        try:
            import xllamacpp as xlc
        except ImportError as exc:
            raise ModelError(
                f"cannot load {path}: the 'xllamacpp' package is missing or broken ({exc}); "
                "install it with: pip install xllamacpp"
            ) from exc
        import secrets

        threads = n_threads or os.cpu_count() or 1
        params = xlc.CommonParams()
        params.model.path = str(path)
        params.n_ctx = n_ctx
        params.n_parallel = 1
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.sampling.seed = seed
        params.sampling.temp = 0.1
        params.cache_prompt = True
        # The host-RAM prompt cache defaults to 8 GiB; the slot's own KV already covers the
        # shared-system-prompt case, so keep the extra cache small.
        params.cache_ram_mib = cache_ram_mib
        params.offline = True
        # llama.cpp repacks the weights for its AVX2 kernels. With AVX-512 (scripts/install.sh
        # builds for this CPU) its plain kernels read a prompt faster: 7 against 10.5 ms a token
        # (1.5B q4_k_m, 2 threads), for decoding ~10% slower. Prompt reading is most of the
        # wait for a first token; on an AVX2 build, repacking is faster at both.
        params.no_extra_bufts = "AVX512" in cpu_features().split()
        params.verbosity = 3 if verbose else 0
        # xllamacpp always opens an HTTP listener (127.0.0.1, random port) and cannot be told
        # not to; a random key keeps other local users off it. In-process calls bypass it.
        params.api_keys = [secrets.token_urlsafe(24)]
        params.endpoint_slots = False
        try:
            self._server = xlc.Server(params)
        except Exception as exc:
            raise ModelError(
                f"llama.cpp could not load {path} ({exc}); the file may be truncated or not a "
                f"supported chat model (EmbeddedBackend(..., verbose=True) shows llama.cpp's log); "
                f"{pull_hint}"
            ) from exc

    def _request(
        self, messages: list[dict[str, str]], max_tokens: int, temperature: float, stream: bool,
        fresh: bool = False,
    ) -> dict[str, Any]:
        return {
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": temperature,
            "seed": self.seed,
            # A reused prefix was computed in another batch, and rounds differently: greedy
            # text then flips on near ties with whatever was asked before (11 of 40 question
            # renderings changed with the order they were asked in; none read fresh).
            "cache_prompt": not fresh,
            "stream": stream,
        }

    def stream(
        self, messages: list[dict[str, str]], *, max_tokens: int = 256, temperature: float = 0.1,
        fresh: bool = False,
    ) -> Iterator[str | Usage]:
        """Yield text pieces as llama.cpp produces them, then the token counts; closing the
        iterator stops generation."""
        server = self._require_server()
        request = self._request(messages, max_tokens, temperature, stream=True, fresh=fresh)
        chunks: queue.Queue[object] = queue.Queue()
        cancel = threading.Event()

        # Runs on the worker thread; xllamacpp swallows exceptions raised here (it just stops),
        # so it must not raise. Returning True asks llama.cpp to stop generating.
        def on_chunk(chunk: object) -> bool:
            chunks.put(chunk)
            return cancel.is_set()

        def work() -> None:
            try:
                server.handle_chat_completions(request, on_chunk)
            except Exception as exc:  # noqa: BLE001 -- whatever it is, the consumer must see it
                chunks.put(exc)
            finally:
                chunks.put(_DONE)

        stats: GenerationStats | None = None
        worker = threading.Thread(target=work, name="embedded-llm", daemon=True)
        worker.start()
        try:
            while (item := chunks.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise ModelError(f"{self.name}: the chat request was rejected: {item}") from item
                if not isinstance(item, dict):
                    continue
                if (err := _error_text(item)) is not None:
                    raise ModelError(f"{self.name}: generation failed: {err}")
                if isinstance(item.get("timings"), dict):
                    stats = self.last_stats = GenerationStats.from_timings(item["timings"])
                for choice in item.get("choices") or ():
                    piece = (choice.get("delta") or {}).get("content")
                    if piece:
                        yield piece
            if stats is not None:
                yield Usage(stats.prompt_tokens + stats.cached_tokens, stats.generated_tokens)
        finally:
            # Not joined: the worker sees the flag at its next chunk and ends by itself;
            # waiting here could block for a whole prompt evaluation.
            cancel.set()

    def complete_chat(
        self, messages: list[dict[str, str]], *, max_tokens: int = 256, temperature: float = 0.1
    ) -> str:
        """The whole answer at once (no worker thread)."""
        server = self._require_server()
        try:
            request = self._request(messages, max_tokens, temperature, stream=False)
            result = server.handle_chat_completions(request)
        except ValueError as exc:
            raise ModelError(f"{self.name}: the chat request was rejected: {exc}") from exc
        if (err := _error_text(result)) is not None:
            raise ModelError(f"{self.name}: generation failed: {err}")
        if isinstance(result.get("timings"), dict):
            self.last_stats = GenerationStats.from_timings(result["timings"])
        choices = result.get("choices") or [{}]
        return str((choices[0].get("message") or {}).get("content") or "")

    @property
    def cpu_features(self) -> str:
        return cpu_features()

    def _require_server(self) -> Any:
        server = getattr(self, "_server", None)
        if server is None:
            raise ModelError(f"{self.name}: the model was closed; create a new EmbeddedBackend")
        return server

    def close(self) -> None:
        """Free the model now instead of at garbage collection (the destructor joins llama.cpp's loop)."""
        self._server = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
