"""What an ingest run changes: the files under its paths read, loaded and chunked against
the reports already indexed. Shared by every store (the FAISS folder, Milvus)."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from core.errors import InputError, RagError
from index.progress import StageClock
from index.report import IngestReport
from index.store import DocRecord
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

__all__ = ["Changes", "IngestReport", "discover", "find_report", "new_records", "read_changes"]

_IGNORED_NAMES = {CATALOG_NAME, "README.md", ".DS_Store"}


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


@dataclass
class Changes:
    """What an ingest run found: the files it read, the reports to (re)index with their
    chunks, and the indexed reports to keep as they are."""

    files: list[Path]
    new_docs: list[tuple[Document, list[Chunk]]]
    kept: dict[str, DocRecord]


def read_changes(paths: list[Path], old_docs: dict[str, DocRecord], report: IngestReport,
                 chunking: ChunkSettings, *, max_bytes: int = DEFAULT_MAX_BYTES, progress: Callable[[str], None] | None = None,
                 same_as_within: Collection[str] | None = None, ocr: PageReader | None = None) -> Changes:
    """Load and chunk what is new or changed under ``paths`` against ``old_docs``; record
    skips, duplicates, failures and removals in ``report``. Every store ingests through this.
    ``same_as_within``: the doc ids a new file may be called a duplicate of (all when None):
    a duplicate is named back to the uploader, and skipped, so one workspace's upload must
    neither learn of another's report nor be dropped for it. ``ocr`` reads scanned PDF pages
    (ingest.ocr); without it they are only named."""
    kept: dict[str, DocRecord] = {}
    new_docs: list[tuple[Document, list[Chunk]]] = []

    files, missing = discover(paths)
    report.failed.extend(missing)
    by_hash = {d.content_hash: d for d in old_docs.values() if Path(d.path).exists()
               and (same_as_within is None or d.doc_id in same_as_within)}
    seen_hashes: dict[str, str] = {}
    catalogs: dict[Path, dict[str, CatalogEntry]] = {}
    # First what each file is without reading it (unchanged, a duplicate, unreadable), then
    # the files to read, read in parallel when there are many; outcomes stay in file order.
    todo: list[tuple[Path, str, DocRecord | None, CatalogEntry | None]] = []
    plan: list[tuple[Path, int | None]] = []  # each file, and the read it waits for (None: decided)
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
            plan.append((path, None))
            continue
        if old and old.content_hash == data_hash:
            report.skipped.append(path.name)
            kept[doc_id] = old
            plan.append((path, None))
            continue
        twin = by_hash.get(data_hash)
        if (twin and twin.doc_id != doc_id) or data_hash in seen_hashes:
            report.duplicates.append((str(path), twin.source if twin else seen_hashes[data_hash]))
            if twin:
                kept[twin.doc_id] = twin
            plan.append((path, None))
            continue
        seen_hashes[data_hash] = path.name
        catalog = catalogs.setdefault(path.parent, _safe_catalog(path.parent, report))
        plan.append((path, len(todo)))
        todo.append((path, doc_id, old, catalog.get(path.name)))

    clock = StageClock("parse", len(files), progress)
    results = _read_all([(p, entry) for p, _, _, entry in todo], chunking, max_bytes, ocr)
    for n, (path, read) in enumerate(plan, 1):
        if read is not None:
            _, doc_id, old, _ = todo[read]
            result = next(results)
            if isinstance(result, InputError):
                report.failed.append((result.path, result.reason))
                # the same bytes later in this run fail alike: not a duplicate of a report
                twins = [p for p, of in report.duplicates if of == path.name]
                report.duplicates[:] = [(p, of) for p, of in report.duplicates if of != path.name]
                report.failed.extend((p, result.reason) for p in twins)
                if old:
                    kept[doc_id] = old  # a bad new version must not lose the good old one
            else:
                doc, chunks = result
                if doc.textless_pages:
                    report.textless.append((path.name, page_spans(doc.textless_pages)))
                if doc.ocr_pages:
                    report.ocr.append((path.name, page_spans(doc.ocr_pages)))
                new_docs.append((doc, chunks))
                (report.updated if old else report.added).append(path.name)
        clock.step(n, _outcome(report, path, new_docs))

    new_ids = {doc.doc_id for doc, _ in new_docs}
    for doc_id, old in old_docs.items():
        if doc_id in kept or doc_id in new_ids:
            continue
        if _under_any(Path(old.path), paths):
            report.removed.append(old.source)  # gone from a folder this run covers
        else:
            kept[doc_id] = old  # outside this run's scope: leave it alone

    return Changes(files, new_docs, kept)


# Reading a PDF's layout (pdfplumber) is pure Python, ~0.1 s a page: a batch of many is read
# by a process per core. Starting one costs a few seconds (imports, Kiwi), so a few files
# are read in this process.
PARALLEL_MIN_PDFS = 8


def _read_all(files: list[tuple[Path, CatalogEntry | None]], chunking: ChunkSettings, max_bytes: int,
              ocr: PageReader | None) -> Iterator[tuple[Document, list[Chunk]] | InputError]:
    """Each file loaded and chunked, in order; a file that cannot be ingested as its error."""
    work = [(path, entry, chunking, max_bytes, ocr) for path, entry in files]
    workers = min(os.cpu_count() or 1, len(work))
    if workers < 2 or sum(path.suffix.lower() == ".pdf" for path, _ in files) < PARALLEL_MIN_PDFS:
        yield from map(_read_one, work)
        return
    # Spawned, not forked: the parent may hold an embedder's threads and open indexes. A
    # spawned worker imports the parent's main script, which must guard its work with
    # `if __name__ == "__main__":` as multiprocessing asks; if a worker cannot start, the
    # files left are read here.
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            for result in pool.map(_read_one, work):
                done += 1
                yield result
    except BrokenProcessPool:
        yield from map(_read_one, work[done:])


def _read_one(job: tuple[Path, CatalogEntry | None, ChunkSettings, int, PageReader | None]
              ) -> tuple[Document, list[Chunk]] | InputError:
    path, entry, chunking, max_bytes, ocr = job
    try:
        doc = load_document(path, entry, max_bytes=max_bytes, ocr=ocr)
    except InputError as exc:
        return _Failed(exc.path, exc.reason)
    return doc, chunk_document(doc, chunking)


class _Failed(InputError):
    """An InputError that crosses a process boundary (pickled by its two fields)."""

    def __reduce__(self) -> tuple:
        return _Failed, (self.path, self.reason)


def new_records(changes: Changes, pending: str) -> list[DocRecord]:
    """The kept records and one for each report (re)indexed now."""
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return list(changes.kept.values()) + [
        DocRecord(doc.doc_id, doc.source, str(_resolve(changes.files, doc)), doc.title, doc.publisher,
                  doc.date, doc.language, doc.content_hash, len(chunks), len(doc.pages), now, pending)
        for doc, chunks in changes.new_docs
    ]


def find_report(docs: dict[str, DocRecord], name: str) -> DocRecord:
    """The one report ``name`` names: a doc id or path first, then a file name."""
    match = [d for d in docs.values() if name in (d.doc_id, d.path)] or [
        d for d in docs.values() if d.source == name]
    if not match:
        known = ", ".join(sorted(d.source for d in docs.values()))
        raise RagError(f"no report named '{name}' in the index; known reports: {known}")
    if len(match) > 1:
        ids = ", ".join(f"{d.doc_id} ({d.path})" for d in match)
        raise RagError(f"'{name}' names {len(match)} reports: {ids}; give the document id or full path")
    return match[0]


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
