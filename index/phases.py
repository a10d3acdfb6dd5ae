"""Answerable in seconds, full quality in minutes: publish without the slow embedder part,
then compute it and publish again.

e5 is ~93% of an ingest's time. A version published with only the fast parts (BM25 and USE)
answers at once; a report still missing a part is recorded as pending (docs.pending, the
manifest's ``pending_parts``), its rows hold zeros in that part, and the part's FAISS index
leaves them out. ``complete_pending`` fills them in; a crash in between leaves the fast
version answering, and the next run picks the work up again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from core.errors import IndexStateError
from index import layout
from index.embedders import Embedder, StackedEmbedder, as_stacked
from index.manifest import Manifest
from index.progress import StageClock, emit
from index.store import (
    ChunkRow,
    DocRecord,
    UnitRow,
    open_store,
    read_doc_rows,
    read_doc_units,
    read_docs,
)
from index.vectors import embed_text, unit_embed_text
from index.write import reading, write_version

# The parts worth deferring: the slow, precise ones.
SLOW_PARTS = frozenset({"e5", "st"})
# Below this many new chunks (~40 texts with their units, a few seconds of e5 on two cores)
# one phase is as quick to answer, and never ranks a new report below the complete ones.
DEFER_MIN_CHUNKS = 8


def deferrable(embedder: StackedEmbedder, wanted: Collection[str]) -> frozenset[str]:
    """The parts of ``wanted`` this embedder has, as long as at least one part is left to embed now."""
    chosen = frozenset(n for n in wanted if n in embedder.names)
    return chosen if len(chosen) < len(embedder.names) else frozenset()


# A pending entry "units:use": the report's units still lack that part, its passages have it.
UNITS_ONLY = "units:"


def units_pending(embedder: StackedEmbedder, deferred: Collection[str]) -> list[str]:
    """The pending entries for the parts a fast publish computes for passages but not for units."""
    if not deferred:
        return []
    return [UNITS_ONLY + n for n in embedder.names if n not in deferred]


def _split_pending(pending: Collection[str], names: Collection[str]) -> tuple[set[str], set[str]]:
    """(parts the passages lack, parts the units lack) of a report's pending entries."""
    chunks = {p for p in pending if p in names}
    return chunks, chunks | {p[len(UNITS_ONLY):] for p in pending if p.startswith(UNITS_ONLY) and p[len(UNITS_ONLY):] in names}


class FastEmbedder:
    """The stacked embedder with some parts left as zeros; same id, so hashes and the
    manifest's compatibility check do not change."""

    def __init__(self, embedder: StackedEmbedder, skip: Collection[str]) -> None:
        self.inner = embedder
        self.skip = frozenset(skip)
        self.id = embedder.id
        self.dim = embedder.dim
        self.names = embedder.names
        now = "+".join(n for n in embedder.names if n not in self.skip)
        later = "+".join(sorted(self.skip)) + " later"
        self.label = f"{now} ({later})" if now else later  # "use (e5 later)", or "e5+use later"

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        blocks = [
            np.zeros((len(texts), p.dim), dtype=np.float32) if n in self.skip else p.embed_documents(texts)
            for p, n in zip(self.inner.parts, self.inner.names)
        ]
        return np.hstack(blocks)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)


@dataclass
class BackfillReport:
    completed: list[str] = field(default_factory=list)  # reports now complete
    still_pending: list[str] = field(default_factory=list)  # stopped before these
    texts_embedded: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"completed": self.completed, "still_pending": self.still_pending,
                "texts_embedded": self.texts_embedded, "seconds": round(self.seconds, 3)}


def pending_reports(index_dir: Path) -> list[str]:
    version = layout.current_version(index_dir)
    if version is None:
        return []
    manifest = Manifest.load(version / layout.MANIFEST)
    return sorted(d["source"] for d in manifest.documents.values() if d.get("pending_parts"))


def complete_pending(
    index_dir: Path,
    embedder: Embedder,
    *,
    lock_timeout: float = 0.0,
    progress: Callable[[str], None] | None = None,
    stop: Callable[[], bool] | None = None,
    batch: int = 16,
) -> BackfillReport:
    """Embed the parts pending in the live version and publish a version with them.

    The embedding runs without the write lock (minutes for a large batch: an upload or an
    ingest meanwhile must not be refused); the lock is taken to publish, over whatever version
    is live by then: a report still pending there with the same content gets its vectors.
    ``stop`` is asked between batches: when it says yes, the reports completed so far are
    published and the rest stay pending for a later call (a watch gives way to new files)."""
    started = time.perf_counter()
    report = BackfillReport()
    embedder = as_stacked(embedder)
    live = _read_live(index_dir, pending_only=True)
    if live is None:
        return report
    manifest, docs, rows, units = live
    manifest.check_compatible(embedder.id, manifest.chunker)
    todo = sorted((d for d in docs.values() if d.pending_parts), key=lambda d: d.source)
    if not todo:
        return report
    clock = StageClock(f"complete {'+'.join(sorted({p for d in todo for p in d.pending_parts}))}",
                       sum(len(rows[d.doc_id]) + len(units[d.doc_id]) for d in todo), progress)
    finished: dict[tuple[str, str], tuple[list[ChunkRow], list[UnitRow]]] = {}
    done, stopped = [0], False

    def step(n: int, source: str) -> None:
        done[0] += n
        clock.step(done[0], source)

    for doc in todo:
        work = fill_report(doc, rows[doc.doc_id], units[doc.doc_id], embedder, batch=batch, stop=stop, on_batch=step)
        if work is None:
            stopped = True
            break
        finished[(doc.doc_id, doc.content_hash)] = work
        report.texts_embedded += len(work[0]) + len(work[1])
    if finished:
        _publish(index_dir, finished, lock_timeout, progress, report)
    else:
        report.still_pending = sorted(d.source for d in todo)
    if stopped:
        emit(f"complete: stopped with {len(report.still_pending)} reports still pending", progress)
    report.seconds = time.perf_counter() - started
    return report


def fill_report(doc: DocRecord, rows: list[ChunkRow], units: list[UnitRow], embedder: StackedEmbedder, *,
                batch: int = 16, stop: Callable[[], bool] | None = None,
                on_batch: Callable[[int, str], None] | None = None) -> tuple[list[ChunkRow], list[UnitRow]] | None:
    """``doc``'s rows and units with the parts it is pending computed; None when ``stop``
    said so between batches. Every store completes a report through this."""
    bounds = dict(zip(embedder.names, zip(np.cumsum([0] + embedder.dims)[:-1], np.cumsum(embedder.dims))))
    parts = dict(zip(embedder.names, embedder.parts))
    section = {r.chunk.chunk_id: r.chunk.section for r in rows}
    chunk_parts, unit_parts = _split_pending(doc.pending_parts, set(parts))
    work = [(embed_text(r.chunk), chunk_parts) for r in rows] + [
        (unit_embed_text(u.unit, section.get(u.unit.chunk_id, "")), unit_parts) for u in units]
    filled: dict[str, dict[int, np.ndarray]] = {name: {} for name in unit_parts}
    for start in range(0, len(work), batch):
        if stop and stop():
            return None
        for name, vectors_of in filled.items():
            wanted = [i for i in range(start, min(start + batch, len(work))) if name in work[i][1]]
            if wanted:
                vectors_of.update(zip(wanted, parts[name].embed_documents([work[i][0] for i in wanted])))
        if on_batch:
            on_batch(len(work[start:start + batch]), doc.source)
    return ([_fill(r, filled, bounds, i) for i, r in enumerate(rows)],
            [_fill(u, filled, bounds, len(rows) + i) for i, u in enumerate(units)])


def _publish(index_dir: Path, finished: dict, lock_timeout: float, progress: Callable[[str], None] | None,
             report: BackfillReport) -> None:
    with layout.write_lock(index_dir, lock_timeout):
        layout.discard_unpublished(index_dir)
        live = _read_live(index_dir, pending_only=False)
        if live is None:
            return
        manifest, docs, rows, units = live
        for doc_id, doc in list(docs.items()):
            work = finished.get((doc_id, doc.content_hash)) if doc.pending_parts else None
            if work is None:
                continue  # complete already, changed since, or not reached
            rows[doc_id], units[doc_id] = work
            docs[doc_id] = replace(doc, pending="")
            report.completed.append(doc.source)
        report.still_pending = sorted(d.source for d in docs.values() if d.pending_parts)
        if report.completed:
            write_version(index_dir, list(docs.values()), [r for d in sorted(docs) for r in rows[d]],
                          [u for d in sorted(docs) for u in units[d]], manifest.embedder, manifest.parts,
                          manifest.chunker, progress)


def _read_live(index_dir: Path, *, pending_only: bool) -> tuple | None:
    """(manifest, docs, rows by doc, units by doc) of the live version; only the pending
    reports' rows when ``pending_only``. A version pruned under the reader is read again."""
    for attempt in range(3):
        version = layout.current_version(index_dir)
        if version is None:
            return None
        try:
            manifest = Manifest.load(version / layout.MANIFEST)
            with reading(index_dir):
                conn = open_store(version / layout.STORE)
                try:
                    docs = read_docs(conn)
                    wanted = sorted(d for d, r in docs.items() if r.pending_parts or not pending_only)
                    rows = {d: read_doc_rows(conn, d) for d in wanted}
                    units = {d: read_doc_units(conn, d) for d in wanted}
                finally:
                    conn.close()
            return manifest, docs, rows, units
        except IndexStateError:
            if attempt == 2 or layout.current_version(index_dir) == version:
                raise  # really damaged, not replaced while being read
    return None


def _fill(row: ChunkRow | UnitRow, vectors: dict[str, dict[int, np.ndarray]], bounds: dict, i: int
          ) -> ChunkRow | UnitRow:
    """``row`` with the parts computed for text ``i`` of its report filled in."""
    vector = np.array(row.vector, dtype=np.float32)  # stored vectors are read-only views
    for name, by_text in vectors.items():
        if i in by_text:
            a, b = bounds[name]
            vector[a:b] = by_text[i]
    return replace(row, vector=vector)

