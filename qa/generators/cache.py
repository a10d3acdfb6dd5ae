"""A generator that answers a prompt it has seen from a file, for ablations: a rule switched
off changes which prompts are asked, so only the prompts it changes reach the model."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from qa.generators.base import Generator, Usage


class CachedGenerator:
    def __init__(self, inner: Generator, path: Path) -> None:
        self.inner = inner
        self.name = inner.name
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS drafts (key TEXT PRIMARY KEY, text TEXT, prompt INT, done INT)")

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def stream(self, messages: list[dict[str, str]], *, max_tokens: int, temperature: float, fresh: bool = False
               ) -> Iterator[str | Usage]:
        key = hashlib.sha256(json.dumps([self.name, messages, max_tokens, temperature, fresh],
                                        ensure_ascii=False).encode()).hexdigest()
        row = self._db.execute("SELECT text, prompt, done FROM drafts WHERE key = ?", (key,)).fetchone()
        if row:
            yield row[0]
            yield Usage(row[1], row[2])
            return
        pieces, usage = [], Usage(0, 0)
        for piece in self.inner.stream(messages, max_tokens=max_tokens, temperature=temperature, fresh=fresh):
            if isinstance(piece, Usage):
                usage = piece
            else:
                pieces.append(piece)
            yield piece
        self._db.execute("INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?)",
                         (key, "".join(pieces), usage.prompt_tokens, usage.completion_tokens))
        self._db.commit()
