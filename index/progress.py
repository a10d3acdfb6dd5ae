"""Ingest progress a person can follow: one message per file and per stage step, with
counts, seconds and an estimate of what is left.

Every message goes to the ``index.ingest`` logger and to the caller's callback. The first
"n/m" in a message is always the stage's count (the UI reads it as its progress bar).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

Progress = Callable[[str], None]

log = logging.getLogger("index.ingest")


class StageClock:
    """Counts one stage of an ingest (parse, embed chunks, ...) and reports each step."""

    def __init__(self, stage: str, total: int, progress: Progress | None) -> None:
        self.stage = stage
        self.total = total
        self.progress = progress
        self.started = time.perf_counter()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def step(self, done: int, detail: str = "") -> None:
        elapsed = self.elapsed
        eta = elapsed / done * (self.total - done) if 0 < done < self.total else 0.0
        tail = f", ETA {eta:.0f}s" if done < self.total and done > 0 else ""
        message = f"{self.stage} {done}/{self.total}{' ' + detail if detail else ''} ({elapsed:.1f}s{tail})"
        emit(message, self.progress)


def emit(message: str, progress: Progress | None) -> None:
    log.info(message)
    if progress:
        progress(message)
