"""What an index was built with; an index is only read by the embedder and chunker that built it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from core.errors import IndexStateError

# 2: evidence units (sentences, rows, items) stored and embedded beside their chunks.
FORMAT_VERSION = 2


@dataclass(frozen=True)
class Manifest:
    embedder: str
    dim: int
    chunker: str
    parts: list[dict] = field(default_factory=list)  # [{id, name, dim}] per stacked embedder part
    documents: dict[str, dict] = field(default_factory=dict)  # doc_id -> {source, path, content_hash, n_chunks}
    n_chunks: int = 0
    n_units: int = 0
    created_at: str = ""
    format_version: int = FORMAT_VERSION

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            raw.setdefault("format_version", 1)  # written before the format had a number
            return cls(**raw)
        except (OSError, ValueError, TypeError) as exc:
            raise IndexStateError(
                f"index manifest {path} is unreadable ({exc}); rebuild with `ragqa ingest --rebuild`"
            ) from exc

    def check_format(self) -> None:
        if self.format_version != FORMAT_VERSION:
            raise IndexStateError(
                f"index format {self.format_version} is not {FORMAT_VERSION} (this version stores "
                "evidence units); rebuild it with `ragqa ingest --rebuild`"
            )

    def check_compatible(self, embedder: str, chunker: str) -> None:
        self.check_format()
        if self.embedder != embedder:
            raise IndexStateError(
                f"the index was built with embedder '{self.embedder}', not '{embedder}'; "
                f"use --embedder {self.embedder!r} or rebuild with `ragqa ingest --rebuild`"
            )
        if self.chunker != chunker:
            raise IndexStateError(
                f"the index was built with chunker '{self.chunker}', not '{chunker}'; "
                "rebuild with `ragqa ingest --rebuild`"
            )
