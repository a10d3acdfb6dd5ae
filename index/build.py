"""Incremental, atomic ingest: embed only what changed, publish a whole new version or nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from pathlib import Path

from core.errors import InputError, RagError
from index import layout
from index.embedders import Embedder, StackedEmbedder, as_stacked
from index.lexical import TOKENIZER_VERSION
from index.manifest import Manifest
from index.phases import DEFER_MIN_CHUNKS, FastEmbedder, deferrable, units_pending
from index.progress import StageClock
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
from ingest.catalog import CATALOG_NAME, CatalogEntry, load_catalog
from ingest.chunk import ChunkSettings, chunk_document
from ingest.loaders import (
    DEFAULT_MAX_BYTES,
    check_file,
    content_hash,
    doc_id_for,
    load_document,
    page_spans,
)
from ingest.ocr import PageReader
from ingest.types import Chunk, Document

_IGNORED_NAMES = {CATALOG_NAME, "README.md", ".DS_Store"}


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
    deferred: Collection[str] = (),
    defer_min_chunks: int = DEFER_MIN_CHUNKS,
    ocr: PageReader | None = None,
) -> IngestReport:
    """Index the reports in ``paths``. ``deferred`` names embedder parts (e.g. {"e5"}) to leave
    out of this version: the new reports answer from the other parts and BM25 at once, and
    ``index.phases.complete_pending`` adds the deferred vectors and publishes again. A run with
    fewer than ``defer_min_chunks`` new chunks embeds every part at once: a memo's e5 takes less
    than a second, and a report published without it ranks below complete ones meanwhile.
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
        kept: dict[str, DocRecord] = {}
        new_docs: list[tuple[Document, list[Chunk]]] = []

        files, missing = discover(paths)
        report.failed.extend(missing)
        by_hash = {d.content_hash: d for d in old_docs.values() if Path(d.path).exists()}
        seen_hashes: dict[str, str] = {}
        catalogs: dict[Path, dict[str, CatalogEntry]] = {}
        clock = StageClock("parse", len(files), progress)
        for n, path in enumerate(files, 1):
            if n > 1:
                clock.step(n - 1, _outcome(report, files[n - 2], new_docs))
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
                doc = load_document(path, catalog.get(path.name), max_bytes=max_bytes, ocr=ocr)
            except InputError as exc:
                report.failed.append((exc.path, exc.reason))
                if old:
                    kept[doc_id] = old  # a bad new version must not lose the good old one
                continue
            seen_hashes[data_hash] = path.name
            if doc.textless_pages:
                report.textless.append((path.name, page_spans(doc.textless_pages)))
            if doc.ocr_pages:
                report.ocr.append((path.name, page_spans(doc.ocr_pages)))
            new_docs.append((doc, chunk_document(doc, chunking)))
            (report.updated if old else report.added).append(path.name)
        if files:
            clock.step(len(files), _outcome(report, files[-1], new_docs))

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

        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        pending = ",".join(sorted(deferred) + unit_parts)
        records = list(kept.values()) + [
            DocRecord(doc.doc_id, doc.source, str(_resolve(files, doc)), doc.title, doc.publisher,
                      doc.date, doc.language, doc.content_hash, len(chunks), len(doc.pages), now, pending)
            for doc, chunks in new_docs
        ]
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


def _outcome(report: IngestReport, path: Path, new_docs: list[tuple[Document, list[Chunk]]]) -> str:
    """What the parse stage did with one file, for its progress line."""
    name = path.name
    if name in report.added or name in report.updated:
        doc, chunks = next(((d, c) for d, c in new_docs if d.source == name), (None, []))
        verb = "added" if name in report.added else "updated"
        pages = f"{len(doc.pages)} pages, " if doc else ""
        return f"{name}: {verb}, {pages}{len(chunks)} chunks"
    if name in report.skipped:
        return f"{name}: unchanged"
    failed = next((why for p, why in report.failed if Path(p).name == name), None)
    if failed:
        return f"{name}: failed ({failed})"
    return f"{name}: duplicate"


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
