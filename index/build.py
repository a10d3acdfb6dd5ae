"""Incremental, atomic ingest: embed only what changed, publish a whole new version or nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from pathlib import Path

from core.errors import RagError
from index import layout
from index.changes import discover, find_report, new_records, read_changes
from index.embedders import Embedder, StackedEmbedder, as_stacked
from index.lexical import TOKENIZER_VERSION
from index.manifest import Manifest
from index.phases import DEFER_MIN_CHUNKS, FastEmbedder, deferrable, units_pending
from index.report import IngestReport
from index.store import (
    ChunkRow,
    DocRecord,
    UnitRow,
    open_store,
    read_doc_rows,
    read_doc_units,
    read_docs,
    read_vectors_by_text_hash,
)
from index.vectors import chunk_rows, unit_rows
from index.write import reading, write_version
from ingest.chunk import ChunkSettings
from ingest.loaders import DEFAULT_MAX_BYTES
from ingest.ocr import PageReader

__all__ = ["IngestReport", "discover", "index_fingerprint", "ingest_paths", "remove_document"]


def index_fingerprint(chunking: ChunkSettings) -> str:
    """Chunker and BM25 tokenizer settings: tokens are stored, so either change needs a rebuild."""
    return f"{chunking.fingerprint()}|{TOKENIZER_VERSION}"


def ingest_paths(
    paths: list[Path],
    index_dir: Path,
    embedder: Embedder,
    chunking: ChunkSettings = ChunkSettings(),
    *,
    rebuild: bool = False,
    lock_timeout: float = 0.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[str], None] | None = None,
    deferred: Collection[str] = (),
    defer_min_chunks: int = DEFER_MIN_CHUNKS,
    same_as_within: Collection[str] | None = None,
    ocr: PageReader | None = None,
) -> IngestReport:
    """Index the reports in ``paths``. ``deferred`` names embedder parts (e.g. {"e5"}) to leave
    out of this version: the new reports answer from the other parts and BM25 at once, and
    ``index.phases.complete_pending`` adds the deferred vectors and publishes again. A run with
    fewer than ``defer_min_chunks`` new chunks embeds every part at once: a memo's e5 takes less
    than a second, and a report published without it ranks below complete ones meanwhile.
    ``same_as_within``: the reports a file may be called a duplicate of (index.changes).
    ``ocr`` reads scanned PDF pages (ingest.ocr); without it they are only named."""
    started = time.perf_counter()
    report = IngestReport()
    embedder = as_stacked(embedder)
    deferred = deferrable(embedder, deferred)
    with layout.write_lock(index_dir, lock_timeout):
        layout.discard_unpublished(index_dir)  # leftovers of a build killed before it published
        previous = None if rebuild else layout.current_version(index_dir)
        old_manifest = Manifest.load(previous / layout.MANIFEST) if previous else None
        if old_manifest:
            old_manifest.check_compatible(embedder.id, index_fingerprint(chunking))  # format first
        with reading(index_dir):
            old_conn = open_store(previous / layout.STORE) if previous else None
            old_docs = read_docs(old_conn) if old_conn else {}
        changes = read_changes(paths, old_docs, report, chunking, max_bytes=max_bytes, progress=progress,
                               same_as_within=same_as_within, ocr=ocr)
        new_docs, kept = changes.new_docs, changes.kept

        # Nothing to change; and a run where every file failed must not publish an empty index.
        if not (new_docs or report.removed) and (previous is not None or report.failed):
            report.chunks_total = old_manifest.n_chunks if old_manifest else 0
            report.units_total = old_manifest.n_units if old_manifest else 0
            report.seconds = time.perf_counter() - started
            return report

        with reading(index_dir):
            reuse = read_vectors_by_text_hash(old_conn) if old_conn else {}
            rows: list[ChunkRow] = [r for doc_id in sorted(kept) for r in read_doc_rows(old_conn, doc_id)]
            units: list[UnitRow] = [u for doc_id in sorted(kept) for u in read_doc_units(old_conn, doc_id)]
        fresh = [c for _, chunks in new_docs for c in chunks]
        if len(fresh) < defer_min_chunks:
            deferred = frozenset()
        fast = FastEmbedder(embedder, deferred) if deferred else embedder
        fresh_rows, report.chunks_embedded = chunk_rows(fresh, fast, reuse, progress)
        rows.extend(fresh_rows)
        # The units (five or so per passage) wait for every part: retrieval ranks passages,
        # and until their vectors come, selection reads units by their words and constraints.
        unit_parts = units_pending(embedder, deferred)
        fresh_units, report.units_embedded = unit_rows(
            fresh, FastEmbedder(embedder, embedder.names) if unit_parts else fast, reuse, progress)
        units.extend(fresh_units)

        pending = ",".join(sorted(deferred) + unit_parts)
        records = new_records(changes, pending)
        _write_version(index_dir, records, rows, units, embedder, chunking, progress)
        report.chunks_total, report.units_total = len(rows), len(units)
        report.pending = sorted(d.source for d in records if d.pending)
        report.pending_parts = sorted({p for d in records for p in d.pending_parts})
        if old_conn:
            old_conn.close()
    report.seconds = time.perf_counter() - started
    return report


def remove_document(index_dir: Path, name: str, *, lock_timeout: float = 0.0) -> DocRecord:
    """Remove one report by file name or doc id, publishing a version without it."""
    with layout.write_lock(index_dir, lock_timeout):
        previous = layout.current_version(index_dir)
        if previous is None:
            raise RagError(f"no index at {index_dir}; run `ragqa ingest` first")
        manifest = Manifest.load(previous / layout.MANIFEST)
        manifest.check_format()
        with reading(index_dir):
            conn = open_store(previous / layout.STORE)
            docs = read_docs(conn)
        target = find_report(docs, name)
        kept = [d for d in docs.values() if d.doc_id != target.doc_id]
        kept_ids = sorted(d.doc_id for d in kept)
        with reading(index_dir):
            rows = [r for doc_id in kept_ids for r in read_doc_rows(conn, doc_id)]
            units = [u for doc_id in kept_ids for u in read_doc_units(conn, doc_id)]
        conn.close()
        write_version(index_dir, kept, rows, units, manifest.embedder, manifest.parts, manifest.chunker)
        return target


def _write_version(index_dir: Path, docs: list[DocRecord], rows: list[ChunkRow], units: list[UnitRow],
                   embedder: StackedEmbedder, chunking: ChunkSettings,
                   progress: Callable[[str], None] | None = None) -> None:
    parts = [{"id": p.id, "name": n, "dim": p.dim} for p, n in zip(embedder.parts, embedder.names)]
    write_version(index_dir, docs, rows, units, embedder.id, parts, index_fingerprint(chunking), progress)
