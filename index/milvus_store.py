"""The index in Milvus: any number of replicas read it, one writer changes it in place.

The same ``MilvusClient`` calls reach Milvus Lite (``*.db``, a folder this process opens)
and a Milvus server or cluster (``http://host:19530``); index/milvus_schema.py has the layout,
index/milvus_write.py the writes, index/milvus_retriever.py the searches.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from core.errors import IndexStateError
from index import milvus_schema as ms
from index.changes import find_report
from index.embedders import Embedder, as_stacked
from index.manifest import Manifest
from index.milvus_conn import MilvusConnection
from index.milvus_retriever import MilvusRetriever, read_snapshot
from index.milvus_write import complete_pending, ingest
from index.phases import DEFER_MIN_CHUNKS, BackfillReport
from index.report import IngestReport
from index.store import DocRecord
from ingest.chunk import ChunkSettings
from ingest.ocr import PageReader

FUSIONS = ("client", "rrf", "weighted")


class MilvusStore:
    """``fusion``: "client" fuses the engine's per-part rankings with index.fusion (the fitted
    weights and agreement term, as the FAISS store does); "rrf" and "weighted" let Milvus fuse
    them (``hybrid_search`` with RRFRanker, or WeightedRanker over the question language's priors).
    ``owner``: the workspace a report's rows are written under (its partition key); every
    report is the shared corpus's without one."""

    def __init__(self, uri: str, *, token: str = "", prefix: str = "ragqa", fusion: str = "client",
                 timeout: float = 30.0, index_type: str = "FLAT",
                 owner: Callable[[DocRecord], str] | None = None) -> None:
        if fusion not in FUSIONS:
            raise ValueError(f"unknown fusion '{fusion}'; use {', '.join(FUSIONS)}")
        self.conn = MilvusConnection(uri, token=token, prefix=prefix, timeout=timeout, index_type=index_type)
        self.fusion = fusion
        self.owner = owner or (lambda doc: ms.SHARED)

    @property
    def location(self) -> str:
        return self.conn.location

    def version(self) -> str | None:
        return self.conn.version()

    def docs(self) -> dict[str, DocRecord]:
        return {d: ms.doc_of(v) for d, v in self.conn.read_catalog()[1].items()}

    def manifest(self) -> Manifest:
        return read_snapshot(self.conn).manifest

    def owners(self) -> dict[str, str]:
        return {d: v.get("workspace", ms.SHARED) for d, v in self.conn.read_catalog()[1].items()}

    def pending(self) -> list[str]:
        return sorted(d.source for d in self.docs().values() if d.pending_parts)

    def open(self, embedder: Embedder) -> MilvusRetriever:
        return MilvusRetriever(read_snapshot(self.conn), embedder, fusion=self.fusion)

    def drop(self) -> None:
        self.conn.drop()

    def ingest(self, paths: list[Path], embedder: Embedder, chunking: ChunkSettings | None = None, *,
               rebuild: bool = False, lock_timeout: float = 0.0, max_bytes: int | None = None,
               progress: Callable[[str], None] | None = None, deferred: Collection[str] = (),
               defer_min_chunks: int = DEFER_MIN_CHUNKS, same_as_within: Collection[str] | None = None,
               ocr: PageReader | None = None) -> IngestReport:
        return ingest(self.conn, paths, as_stacked(embedder), chunking or ChunkSettings(), rebuild=rebuild,
                      max_bytes=max_bytes, progress=progress, deferred=deferred, defer_min_chunks=defer_min_chunks,
                      owner=self.owner, same_as_within=same_as_within, ocr=ocr)

    def complete_pending(self, embedder: Embedder, *, lock_timeout: float = 0.0,
                         progress: Callable[[str], None] | None = None, stop: Callable[[], bool] | None = None,
                         ) -> BackfillReport:
        return complete_pending(self.conn, as_stacked(embedder), progress=progress, stop=stop)

    def remove(self, name: str, *, lock_timeout: float = 0.0) -> DocRecord:
        head, records = self.conn.read_catalog()
        if head is None:
            raise IndexStateError(f"no index in {self.location}; run `ragqa ingest --store milvus` first")
        target = find_report({d: ms.doc_of(v) for d, v in records.items()}, name)
        self.conn.commit(Manifest(**head["manifest"]), (), removed=[target.doc_id])
        self.conn.delete_rows(f'doc_id == "{target.doc_id}"')
        return target
