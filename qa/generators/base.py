"""The seams between answering and the models that write answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol


class ChatBackend(Protocol):
    """A chat model: OpenAI-shaped messages in, text pieces out as they are produced."""

    name: str

    def stream_chat(
        self, messages: list[dict[str, str]], *, max_tokens: int = 256, temperature: float = 0.1
    ) -> Iterator[str]: ...
