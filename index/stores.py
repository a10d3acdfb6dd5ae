"""The store seam: where an index lives, behind what ingest, removal, completion and the
long-running surfaces need. ``FolderStore`` is today's FAISS + BM25 + SQLite folder of
versions (the embedded default); ``index.milvus_store.MilvusStore`` the same in Milvus."""

from __future__ import annotations

from collections.abc import Callable, Collection
from contextlib import closing
from pathlib import Path
from typing import Protocol

from index import layout
from index.build import ingest_paths, remove_document
from index.embedders import Embedder
from index.manifest import Manifest
from index.phases import (
    DEFER_MIN_CHUNKS,
    BackfillReport,
    complete_pending,
    pending_reports,
)
from index.report import IngestReport
from index.retriever import HybridRetriever, IndexReader
from index.store import DocRecord, open_store, read_docs
from index.write import reading
from ingest.chunk import ChunkSettings
from ingest.loaders import DEFAULT_MAX_BYTES
from ingest.ocr import PageReader

STORES = ("folder", "milvus")


class IndexStore(Protocol):
    @property
    def location(self) -> str:
        """Where the index is, for messages."""
        ...

    def version(self) -> str | None:
        """Changes whenever what a question can find changes; None when there is no index."""
        ...

    def open(self, embedder: Embedder) -> HybridRetriever:
        """A retriever over the index as it is now (a MilvusRetriever has the same surface)."""
        ...

    def docs(self) -> dict[str, DocRecord]:
        """The committed reports by doc id, from the catalog alone (cheap enough for every
        request: workspace scoping reads it per question); {} when there is no index."""
        ...

    def manifest(self) -> Manifest:
        """What the index was built with, and its reports' counts."""
        ...

    def owners(self) -> dict[str, str]:
        """doc id -> workspace, where the store records it with the rows (Milvus: every
        replica reads it there); {} where ownership lives only beside the index."""
        ...

    def pending(self) -> list[str]: ...

    def ingest(self, paths: list[Path], embedder: Embedder, chunking: ChunkSettings | None = None, *,
               rebuild: bool = False, lock_timeout: float = 0.0, max_bytes: int | None = None,
               progress: Callable[[str], None] | None = None, deferred: Collection[str] = (),
               defer_min_chunks: int = DEFER_MIN_CHUNKS, same_as_within: Collection[str] | None = None,
               ocr: PageReader | None = None) -> IngestReport: ...

    def complete_pending(self, embedder: Embedder, *, lock_timeout: float = 0.0,
                         progress: Callable[[str], None] | None = None,
                         stop: Callable[[], bool] | None = None) -> BackfillReport: ...

    def remove(self, name: str, *, lock_timeout: float = 0.0) -> DocRecord: ...


class FolderStore:
    """Immutable versions under one folder, published by swapping CURRENT (index/layout.py)."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir

    @property
    def location(self) -> str:
        return str(self.index_dir)

    def version(self) -> str | None:
        current = layout.current_version(self.index_dir)
        return current.name if current else None

    def open(self, embedder: Embedder) -> HybridRetriever:
        return HybridRetriever(IndexReader.open(self.index_dir), embedder)

    def docs(self) -> dict[str, DocRecord]:
        version = layout.current_version(self.index_dir)
        if version is None:
            return {}
        with reading(self.index_dir), closing(open_store(version / layout.STORE)) as conn:
            return read_docs(conn)

    def manifest(self) -> Manifest:
        reader = IndexReader.open(self.index_dir)
        try:
            return reader.manifest
        finally:
            reader.close()

    def owners(self) -> dict[str, str]:
        return {}

    def pending(self) -> list[str]:
        return pending_reports(self.index_dir)

    def ingest(self, paths: list[Path], embedder: Embedder, chunking: ChunkSettings | None = None, *,
               rebuild: bool = False, lock_timeout: float = 0.0, max_bytes: int | None = None,
               progress: Callable[[str], None] | None = None, deferred: Collection[str] = (),
               defer_min_chunks: int = DEFER_MIN_CHUNKS, same_as_within: Collection[str] | None = None,
               ocr: PageReader | None = None) -> IngestReport:
        return ingest_paths(paths, self.index_dir, embedder, chunking or ChunkSettings(), rebuild=rebuild,
                            lock_timeout=lock_timeout, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                            progress=progress, deferred=deferred, defer_min_chunks=defer_min_chunks,
                            same_as_within=same_as_within, ocr=ocr)

    def complete_pending(self, embedder: Embedder, *, lock_timeout: float = 0.0,
                         progress: Callable[[str], None] | None = None,
                         stop: Callable[[], bool] | None = None) -> BackfillReport:
        return complete_pending(self.index_dir, embedder, lock_timeout=lock_timeout, progress=progress, stop=stop)

    def remove(self, name: str, *, lock_timeout: float = 0.0) -> DocRecord:
        return remove_document(self.index_dir, name, lock_timeout=lock_timeout)
