"""The bounded queue in front of the models: one job at a time on one worker thread, a few
waiting, nobody waiting forever.

The embedded model, the embedders and Kiwi are process-wide objects, so answers, uploads
and removals take turns on a single worker thread. A turn that runs past its deadline is
answered with a timeout at once, but its slot is freed only when the call in flight
returns: a thread cannot be killed, and the next turn must not run beside it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import math
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
_END = object()


class QueueFull(Exception):
    """More requests waiting than the queue holds; try again after ``retry_after`` seconds."""

    def __init__(self, waiting: int, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"the server is busy ({waiting} requests waiting); retry in {retry_after} s")


class RequestTimeout(Exception):
    def __init__(self, seconds: float, waiting: bool) -> None:
        self.waiting = waiting
        what = "waited for a free model slot" if waiting else "ran"
        super().__init__(f"the request {what} longer than the server's limit of {seconds:g} s; "
                         "try again, or ask the operator to raise --request-timeout")


class Gate:
    def __init__(self, *, max_queue: int = 8, timeout: float = 120.0) -> None:
        if max_queue < 0:
            raise ValueError("max_queue must be 0 or more")
        if timeout <= 0:
            raise ValueError("the request timeout must be positive")
        self.max_queue = max_queue
        self.timeout = timeout
        self.worker = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="ragqa-engine")
        self._slot: asyncio.Semaphore | None = None
        self._admitted = 0  # running + waiting
        self._seconds_per_turn = 1.0  # moving average, for Retry-After

    @property
    def waiting(self) -> int:
        return max(0, self._admitted - 1)

    @contextlib.asynccontextmanager
    async def turn(self, *, limit_run: bool = True) -> AsyncIterator[Turn]:
        """Wait for the slot (at most ``timeout``), or fail at once when the queue is full.
        ``limit_run=False``: only the wait is limited (an ingest cannot stop half-way)."""
        turn = await self.enter(limit_run=limit_run)
        try:
            yield turn
        finally:
            turn.leave()

    async def enter(self, *, limit_run: bool = True) -> Turn:
        if self._slot is None:
            self._slot = asyncio.Semaphore(1)
        if self._admitted >= 1 + self.max_queue:
            retry = max(1, math.ceil(self._seconds_per_turn * (self.waiting + 1)))
            raise QueueFull(self.waiting, retry)
        self._admitted += 1
        start = time.monotonic()
        try:
            await asyncio.wait_for(self._slot.acquire(), self.timeout)
        except (TimeoutError, asyncio.CancelledError) as exc:
            self._admitted -= 1
            if isinstance(exc, TimeoutError):
                raise RequestTimeout(self.timeout, waiting=True) from None
            raise
        deadline = start + self.timeout if limit_run else math.inf
        return Turn(self, asyncio.get_running_loop(), deadline)

    def _free(self, seconds: float) -> None:
        self._seconds_per_turn = 0.8 * self._seconds_per_turn + 0.2 * seconds
        self._admitted -= 1
        assert self._slot is not None
        self._slot.release()

    def close(self) -> None:
        self.worker.shutdown(wait=False, cancel_futures=True)


class Turn:
    """The slot, held: every call runs on the gate's worker thread, in order."""

    def __init__(self, gate: Gate, loop: asyncio.AbstractEventLoop, deadline: float) -> None:
        self._gate = gate
        self._loop = loop
        self._deadline = deadline
        self._started = time.monotonic()
        self._last: concurrent.futures.Future | None = None
        self._left = False

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise RequestTimeout(self._gate.timeout, waiting=False)
        self._last = self._gate.worker.submit(fn, *args)
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(self._last)),
                                          None if math.isinf(remaining) else remaining)
        except TimeoutError:
            raise RequestTimeout(self._gate.timeout, waiting=False) from None

    async def iterate(self, make: Callable[[], Iterator[T]]) -> AsyncIterator[T]:
        """The items of ``make()``, each computed on the worker; the iterator is closed there too."""
        items = await self.call(make)
        try:
            while (item := await self.call(next, items, _END)) is not _END:
                yield item
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                self._last = self._gate.worker.submit(close)  # after any call still running

    def leave(self) -> None:
        """Free the slot now, or when the call still running on the worker returns. Idempotent."""
        if self._left:
            return
        self._left = True
        seconds = time.monotonic() - self._started
        last = self._last
        if last is None or last.done():
            self._gate._free(seconds)
            return

        def free_later(_: concurrent.futures.Future) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is gone: the server stopped
                self._loop.call_soon_threadsafe(self._gate._free, time.monotonic() - self._started)

        last.add_done_callback(free_later)
