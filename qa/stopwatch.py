"""The answer's own clock: milliseconds since the question, per stage."""

from __future__ import annotations

import time
from collections.abc import Mapping
from types import MappingProxyType


class Stopwatch:
    def __init__(self) -> None:
        self._started = time.perf_counter()
        self._marks: dict[str, float] = {}
        self._since: dict[str, float] = {}

    def elapsed_ms(self) -> float:
        return round((time.perf_counter() - self._started) * 1000, 1)

    def mark(self, name: str) -> None:
        """Record now as the end of ``name`` (measured from the question)."""
        self._marks[name] = self.elapsed_ms()

    def mark_once(self, name: str) -> None:
        self._marks.setdefault(name, self.elapsed_ms())

    def start(self, name: str) -> None:
        self._since[name] = time.perf_counter()

    def stop(self, name: str) -> None:
        """Record the duration of ``name`` since ``start(name)``."""
        self._marks[name] = round((time.perf_counter() - self._since.pop(name)) * 1000, 1)

    def snapshot(self) -> Mapping[str, float]:
        return MappingProxyType(dict(self._marks))
