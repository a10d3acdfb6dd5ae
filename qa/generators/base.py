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
    (and, where the backend knows them, one ``Usage`` at the end).

    ``fresh``: read the whole prompt anew instead of reusing a cached prefix, so the same
    messages give the same text whatever was asked before (a backend without a prompt cache
    ignores it)."""

    name: str

    def stream(self, messages: list[dict[str, str]], *, max_tokens: int, temperature: float, fresh: bool = False
               ) -> Iterator[str | Usage]: ...
