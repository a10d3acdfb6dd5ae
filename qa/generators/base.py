"""The one seam between answering and the models that write answers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Usage:
    """Token counts a backend may yield after its last text piece."""

    prompt_tokens: int
    completion_tokens: int


class Generator(Protocol):
    """A chat model: OpenAI-shaped messages in, text pieces out as they are produced
    (and, where the backend knows them, one ``Usage`` at the end)."""

    name: str

    def stream(self, messages: list[dict[str, str]], *, max_tokens: int, temperature: float
               ) -> Iterator[str | Usage]: ...
