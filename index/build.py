"""Incremental, atomic ingest: embed only what changed, publish a whole new version or nothing."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index import layout
from index.dense import DenseIndex
from index.embedders import Embedder, StackedEmbedder, as_stacked
from index.lexical import TOKENIZER_VERSION, LexicalIndex
from index.manifest import Manifest
from index.store import (
    ChunkRow,
    DocRecord,
    UnitRow,
    create_store,
    open_store,
    read_doc_rows,
    read_doc_units,
    read_docs,
    read_vectors_by_text_hash,
    write_chunks,
    write_docs,
    write_units,
)
from index.vectors import chunk_rows, unit_rows
from ingest.catalog import CATALOG_NAME, CatalogEntry, load_catalog
from ingest.chunk import ChunkSettings, chunk_document
from ingest.loaders import (
    DEFAULT_MAX_BYTES,
    check_file,
    content_hash,
    doc_id_for,
    load_document,
)
from ingest.types import Chunk, Document
from core.errors import IndexStateError, InputError, RagError

_IGNORED_NAMES = {CATALOG_NAME, "README.md", ".DS_Store"}


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (new file, already indexed as)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    chunks_embedded: int = 0
    chunks_total: int = 0
    units_embedded: int = 0
    units_total: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)}, "
            f"removed {len(self.removed)}, duplicates {len(self.duplicates)}, failed {len(self.failed)}; "
            f"embedded {self.chunks_embedded} chunks ({self.chunks_total} in index) and "
            f"{self.units_embedded} evidence units ({self.units_total}) in {self.seconds:.1f}s"
        )


def index_fingerprint(chunking: ChunkSettings) -> str:
    """Chunker and BM25 tokenizer settings: tokens are stored, so either change needs a rebuild."""
    return f"{chunking.fingerprint()}|{TOKENIZER_VERSION}"


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders; report what does not exist instead of failing the whole run."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.name not in _IGNORED_NAMES and not p.name.startswith(".")
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append((str(path), "no such file or folder"))
    return files, missing


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
) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    embedder = as_stacked(embedder)
    with layout.write_lock(index_dir, lock_timeout):
        layout.discard_unpublished(index_dir)  # leftovers of a build killed before it published
        previous = None if rebuild else layout.current_version(index_dir)
        old_manifest = Manifest.load(previous / layout.MANIFEST) if previous else None
        if old_manifest:
            old_manifest.check_compatible(embedder.id, index_fingerprint(chunking))  # format first
        with _reading(index_dir):
            old_conn = open_store(previous / layout.STORE) if previous else None
            old_docs = read_docs(old_conn) if old_conn else {}
        kept: dict[str, DocRecord] = {}
        new_docs: list[tuple[Document, list[Chunk]]] = []

        files, missing = discover(paths)
        report.failed.extend(missing)
        by_hash = {d.content_hash: d for d in old_docs.values() if Path(d.path).exists()}
        seen_hashes: dict[str, str] = {}
        catalogs: dict[Path, dict[str, CatalogEntry]] = {}
        for path in files:
            doc_id = doc_id_for(path)
            old = old_docs.get(doc_id)
            try:
                check_file(path, max_bytes=max_bytes)  # before reading: a huge file is never loaded
                data_hash = content_hash(path.read_bytes())
            except (InputError, OSError) as exc:
                reason = exc.reason if isinstance(exc, InputError) else f"cannot be read ({exc.strerror})"
                report.failed.append((str(path), reason))
                if old:
                    kept[doc_id] = old
                continue
            if old and old.content_hash == data_hash:
                report.skipped.append(path.name)
                kept[doc_id] = old
                continue
            twin = by_hash.get(data_hash)
            if (twin and twin.doc_id != doc_id) or data_hash in seen_hashes:
                report.duplicates.append((str(path), twin.source if twin else seen_hashes[data_hash]))
                if twin:
                    kept[twin.doc_id] = twin
                continue
            catalog = catalogs.setdefault(path.parent, _safe_catalog(path.parent, report))
            try:
                doc = load_document(path, catalog.get(path.name), max_bytes=max_bytes)
            except InputError as exc:
                report.failed.append((exc.path, exc.reason))
                if old:
                    kept[doc_id] = old  # a bad new version must not lose the good old one
                continue
            seen_hashes[data_hash] = path.name
            new_docs.append((doc, chunk_document(doc, chunking)))
            (report.updated if old else report.added).append(path.name)

        new_ids = {doc.doc_id for doc, _ in new_docs}
        for doc_id, old in old_docs.items():
            if doc_id in kept or doc_id in new_ids:
                continue
            if _under_any(Path(old.path), paths):
                report.removed.append(old.source)  # gone from a folder this run covers
            else:
                kept[doc_id] = old  # outside this run's scope: leave it alone

        # Nothing to change; and a run where every file failed must not publish an empty index.
        if not (new_docs or report.removed) and (previous is not None or report.failed):
            report.chunks_total = old_manifest.n_chunks if old_manifest else 0
            report.units_total = old_manifest.n_units if old_manifest else 0
            report.seconds = time.perf_counter() - started
            return report

        with _reading(index_dir):
            reuse = read_vectors_by_text_hash(old_conn) if old_conn else {}
            rows: list[ChunkRow] = [r for doc_id in sorted(kept) for r in read_doc_rows(old_conn, doc_id)]
            units: list[UnitRow] = [u for doc_id in sorted(kept) for u in read_doc_units(old_conn, doc_id)]
        fresh = [c for _, chunks in new_docs for c in chunks]
        fresh_rows, report.chunks_embedded = chunk_rows(fresh, embedder, reuse, progress)
        rows.extend(fresh_rows)
        fresh_units, report.units_embedded = unit_rows(fresh, embedder, reuse, progress)
        units.extend(fresh_units)

        records = list(kept.values()) + [
            DocRecord(doc.doc_id, doc.source, str(_resolve(files, doc)), doc.title, doc.publisher,
                      doc.date, doc.language, doc.content_hash, len(chunks), len(doc.pages))
            for doc, chunks in new_docs
        ]
        _write_version(index_dir, records, rows, units, embedder, chunking)
        report.chunks_total, report.units_total = len(rows), len(units)
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
        with _reading(index_dir):
            conn = open_store(previous / layout.STORE)
            docs = read_docs(conn)
        match = [d for d in docs.values() if name in (d.doc_id, d.path)] or [
            d for d in docs.values() if d.source == name]
        if not match:
            known = ", ".join(sorted(d.source for d in docs.values()))
            raise RagError(f"no report named '{name}' in the index; known reports: {known}")
        if len(match) > 1:
            ids = ", ".join(f"{d.doc_id} ({d.path})" for d in match)
            raise RagError(f"'{name}' names {len(match)} reports: {ids}; give the document id or full path")
        target = match[0]
        kept = [d for d in docs.values() if d.doc_id != target.doc_id]
        kept_ids = sorted(d.doc_id for d in kept)
        with _reading(index_dir):
            rows = [r for doc_id in kept_ids for r in read_doc_rows(conn, doc_id)]
            units = [u for doc_id in kept_ids for u in read_doc_units(conn, doc_id)]
        conn.close()
        _write_version_raw(index_dir, kept, rows, units, manifest.embedder, manifest.parts, manifest.chunker)
        return target


def _write_version(index_dir: Path, docs: list[DocRecord], rows: list[ChunkRow], units: list[UnitRow],
                   embedder: StackedEmbedder, chunking: ChunkSettings) -> None:
    parts = [{"id": p.id, "name": n, "dim": p.dim} for p, n in zip(embedder.parts, embedder.names)]
    _write_version_raw(index_dir, docs, rows, units, embedder.id, parts, index_fingerprint(chunking))


def _write_version_raw(index_dir: Path, docs: list[DocRecord], rows: list[ChunkRow], units: list[UnitRow],
                       embedder_id: str, parts: list[dict], chunker: str) -> None:
    version = layout.new_version_dir(index_dir)
    conn = create_store(version / layout.STORE)
    write_docs(conn, docs)
    write_chunks(conn, rows, start=0)
    write_units(conn, units)
    conn.commit()
    conn.close()
    dim = sum(p["dim"] for p in parts)
    vectors = np.stack([r.vector for r in rows]) if rows else np.zeros((0, dim), dtype=np.float32)
    start = 0
    for part in parts:
        DenseIndex.build(vectors[:, start:start + part["dim"]]).save(version / layout.dense_file(part["name"]))
        start += part["dim"]
    LexicalIndex.build([r.tokens for r in rows]).save(version / layout.LEXICAL)
    Manifest(
        embedder=embedder_id, dim=dim, chunker=chunker, parts=parts,
        documents={d.doc_id: {"source": d.source, "path": d.path, "content_hash": d.content_hash,
                              "n_chunks": d.n_chunks} for d in docs},
        n_chunks=len(rows), n_units=len(units), created_at=time.strftime("%Y-%m-%dT%H:%M:%S"),
    ).save(version / layout.MANIFEST)
    layout.publish(index_dir, version)


@contextmanager
def _reading(index_dir: Path) -> Iterator[None]:
    """A damaged store of the live version is the user's to rebuild, not a traceback."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise IndexStateError(
            f"index at {index_dir} is damaged ({exc}); rebuild it with `ragqa ingest --rebuild`"
        ) from exc


def _safe_catalog(directory: Path, report: IngestReport) -> dict[str, CatalogEntry]:
    try:
        return load_catalog(directory)
    except InputError as exc:
        report.failed.append((exc.path, exc.reason))
        return {}


def _under_any(path: Path, roots: list[Path]) -> bool:
    """Whether a run over ``roots`` speaks for ``path``: inside one of its folders, or named."""
    resolved = path.resolve()
    return any(resolved == root.resolve() or resolved.is_relative_to(root.resolve()) for root in roots)


def _resolve(files: list[Path], doc: Document) -> Path:
    return next(p.resolve() for p in files if doc_id_for(p) == doc.doc_id)
