"""A per-key request budget: a token bucket per key, refilled at ``per_minute``, holding at
most ``burst``. One key flooding the service gets 429 with Retry-After; the queue in front
of the models (ragqa.service.gate) stays free for the other keys. Requests with no valid
key spend from their address's bucket, so guessing keys is throttled too."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


class RateLimited(Exception):
    def __init__(self, name: str, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many requests {name}; retry in {retry_after} s")


class RateLimit:
    def __init__(self, per_minute: float, burst: int | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute <= 0:
            raise ValueError("the rate limit must be positive (requests per minute per key)")
        self.rate = per_minute / 60.0
        self.burst = burst or max(1, math.ceil(per_minute / 4))
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key name -> (tokens, when)

    def spend(self, name: str, label: str = "") -> None:
        """Take one request from ``name``'s budget, or raise RateLimited (saying ``label``)."""
        with self._lock:
            now = self._clock()
            tokens, then = self._buckets.get(name, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            if tokens < 1.0:
                self._buckets[name] = (tokens, now)
                raise RateLimited(label or f"for '{name}'", max(1, math.ceil((1.0 - tokens) / self.rate)))
            self._buckets[name] = (tokens - 1.0, now)
