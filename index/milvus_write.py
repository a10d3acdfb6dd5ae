"""Write the index in Milvus in place: a report's rows under a new ``gen``, then the catalog
commit, then the old rows' deletion. The files are read and embedded by the code the FAISS
store uses (index.changes, index.vectors, index.phases); only where the rows go differs."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from index import milvus_schema as ms
from index.build import index_fingerprint
from index.changes import new_records, read_changes
from index.embedders import StackedEmbedder
from index.manifest import Manifest
from index.milvus_conn import MilvusConnection
from index.milvus_retriever import read_snapshot
from index.phases import (
    BackfillReport,
    FastEmbedder,
    deferrable,
    fill_report,
    units_pending,
)
from index.progress import StageClock, emit
from index.report import IngestReport
from index.store import ChunkRow, DocRecord, UnitRow
from index.vectors import chunk_rows, unit_rows
from ingest.chunk import ChunkSettings
from ingest.loaders import DEFAULT_MAX_BYTES
from ingest.ocr import PageReader

# Rows per upsert: a few MB of vectors and text per request.
BATCH = 256


def ingest(store: MilvusConnection, paths: list[Path], embedder: StackedEmbedder, chunking: ChunkSettings, *,
           rebuild: bool, max_bytes: int | None, progress: Callable[[str], None] | None,
           deferred: Collection[str], defer_min_chunks: int, owner: Callable[[DocRecord], str],
           same_as_within: Collection[str] | None = None, ocr: PageReader | None = None) -> IngestReport:
    """As index.build.ingest_paths, into Milvus. One writer at a time: a deployment rule, as
    for the FAISS folder on shared storage (docs/scaling.md). ``owner``: the workspace each
    written report's rows go under."""
    started = time.perf_counter()
    report = IngestReport()
    deferred = deferrable(embedder, deferred)
    fingerprint = index_fingerprint(chunking)
    parts = [{"id": p.id, "name": n, "dim": p.dim} for p, n in zip(embedder.parts, embedder.names)]
    if rebuild:
        store.drop()
    head, records = store.read_catalog()
    if head is None:
        store.drop()  # collections of a first build that never committed
        store.guarded(lambda client: ms.create(client, store.prefix, [(p["name"], p["dim"]) for p in parts],
                                               store.index_type))
        manifest = Manifest(embedder=embedder.id, dim=embedder.dim, chunker=fingerprint, parts=parts)
    else:
        ms.check_schema(head)
        manifest = Manifest(**head["manifest"])
        manifest.check_compatible(embedder.id, fingerprint)
        # rows of an ingest that stopped before its commit
        store.delete_rows(f"gen not in {ms.quoted(v['gen'] for v in records.values())}")
    old_docs = {d: ms.doc_of(v) for d, v in records.items()}
    changes = read_changes(paths, old_docs, report, chunking, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                           progress=progress, same_as_within=same_as_within, ocr=ocr)
    new_ids = {doc.doc_id for doc, _ in changes.new_docs}
    removed = [d for d in old_docs if d not in changes.kept and d not in new_ids]
    if not (changes.new_docs or removed) and (head is not None or report.failed):
        _totals(report, records, {})
        report.seconds = time.perf_counter() - started
        return report

    reuse = _reusable(store, [records[d]["gen"] for d in new_ids if d in records], manifest)
    fresh = [c for _, chunks in changes.new_docs for c in chunks]
    if len(fresh) < defer_min_chunks:
        deferred = frozenset()
    fast = FastEmbedder(embedder, deferred) if deferred else embedder
    rows, report.chunks_embedded = chunk_rows(fresh, fast, reuse, progress)
    unit_parts = units_pending(embedder, deferred)
    units, report.units_embedded = unit_rows(
        fresh, FastEmbedder(embedder, embedder.names) if unit_parts else fast, reuse, progress)

    pending = ",".join(sorted(deferred) + unit_parts)
    written = [d for d in new_records(changes, pending) if d.doc_id in new_ids]
    unit_missing = embedder.names if unit_parts else sorted(deferred)
    # A report keeps the workspace it was first written under; a new one asks its owner.
    spaces = {d.doc_id: records.get(d.doc_id, {}).get("workspace") or owner(d) for d in written}
    n_units = _write_rows(store, written, spaces, rows, units, manifest, sorted(deferred), unit_missing, progress)
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    store.commit(replace(manifest, created_at=now),
                 [ms.doc_entity(d, n_units.get(d.doc_id, 0), spaces[d.doc_id]) for d in written], removed=removed)
    stale = [d for d in removed] + [d.doc_id for d in written if d.doc_id in records]
    if stale:
        store.delete_rows(f"doc_id in {ms.quoted(stale)} and gen not in {ms.quoted(ms.gen_of(d) for d in written)}")
    records = {d: v for d, v in records.items() if d not in removed and d not in new_ids}
    _totals(report, records, {d.doc_id: (d.n_chunks, n_units.get(d.doc_id, 0)) for d in written})
    report.pending = sorted(d.source for d in list(map(ms.doc_of, records.values())) + written if d.pending)
    report.pending_parts = sorted({p for d in written for p in d.pending_parts} |
                                  {p for v in records.values() for p in ms.doc_of(v).pending_parts})
    report.seconds = time.perf_counter() - started
    return report


def _totals(report: IngestReport, records: dict[str, dict], written: dict[str, tuple[int, int]]) -> None:
    report.chunks_total = sum(v["n_chunks"] for v in records.values()) + sum(c for c, _ in written.values())
    report.units_total = sum(v.get("n_units", 0) for v in records.values()) + sum(u for _, u in written.values())


def _reusable(store: MilvusConnection, gens: Sequence[str], manifest: Manifest) -> dict[str, np.ndarray]:
    """Vectors of the reports being updated, by text hash: an edited report re-embeds only
    the passages whose text changed. Rows still pending a part are not reused."""
    if not gens:
        return {}
    parts = [(p["name"], int(p["dim"])) for p in manifest.parts]
    fields = ["text_hash"] + [f"v_{n}" for n, _ in parts] + [f"has_{n}" for n, _ in parts]
    reuse = {}
    for key in ("chunks", "units"):
        for e in store.query(key, f"gen in {ms.quoted(gens)}", fields):
            if all(e[f"has_{n}"] for n, _ in parts):
                reuse[e["text_hash"]] = ms.stacked(e, parts)
    return reuse


def _write_rows(store: MilvusConnection, docs: list[DocRecord], spaces: dict[str, str], rows: list[ChunkRow],
                units: list[UnitRow],
                manifest: Manifest, chunk_missing: Sequence[str], unit_missing: Sequence[str],
                progress: Callable[[str], None] | None) -> dict[str, int]:
    """Upsert the rows of ``docs`` under their new gen (invisible until the commit); the
    number of units per report."""
    parts = [(p["name"], int(p["dim"])) for p in manifest.parts]
    gen = {d.doc_id: ms.gen_of(d) for d in docs}
    text = {u.unit.unit_id: u.unit.text for u in units}
    entities = {
        "chunks": [ms.chunk_entity(r, gen[r.chunk.doc_id], spaces[r.chunk.doc_id], parts, chunk_missing)
                   for r in rows],
        "units": [ms.unit_entity(u, gen[u.doc_id], spaces[u.doc_id], parts, unit_missing, text.get(u.prev_id, ""),
                                 text.get(u.next_id, "")) for u in units],
    }
    _upsert(store, entities, progress)
    counts: dict[str, int] = {}
    for u in units:
        counts[u.doc_id] = counts.get(u.doc_id, 0) + 1
    return counts


def _upsert(store: MilvusConnection, entities: dict[str, list[dict]], progress: Callable[[str], None] | None) -> None:
    clock = StageClock("write", sum(len(v) for v in entities.values()), progress)
    done = 0
    for key, batch in entities.items():
        for start in range(0, len(batch), BATCH):
            store.call("upsert", store.collections[key], batch[start:start + BATCH])
            done += len(batch[start:start + BATCH])
            clock.step(done, f"{key} -> {store.location}")


def complete_pending(store: MilvusConnection, embedder: StackedEmbedder, *, progress: Callable[[str], None] | None,
                     stop: Callable[[], bool] | None, batch: int = 16) -> BackfillReport:
    """As index.phases.complete_pending, in place: each report's rows are upserted with the
    parts it lacked, then its catalog record says it is complete."""
    started = time.perf_counter()
    report = BackfillReport()
    if store.version() is None:
        return report
    snapshot = read_snapshot(store)
    snapshot.manifest.check_compatible(embedder.id, snapshot.manifest.chunker)
    todo = sorted((d for d in snapshot.docs.values() if d.pending_parts), key=lambda d: d.source)
    parts = list(snapshot.parts)
    clock = StageClock(f"complete {'+'.join(sorted({p for d in todo for p in d.pending_parts}))}",
                       sum(d.n_chunks + snapshot.manifest.documents[d.doc_id]["n_units"] for d in todo), progress)
    done = [0]

    def step(n: int, source: str) -> None:
        done[0] += n
        clock.step(min(done[0], clock.total), source)

    for n, doc in enumerate(todo):
        gen, space = snapshot.gens[doc.doc_id], snapshot.workspaces[doc.doc_id]
        rows, units, neighbours = _read_report(store, gen, parts)
        work = fill_report(doc, rows, units, embedder, batch=batch, stop=stop, on_batch=step)
        if work is None:
            report.still_pending = [d.source for d in todo[n:]]
            emit(f"complete: stopped with {len(report.still_pending)} reports still pending", progress)
            break
        _upsert(store, {
            "chunks": [ms.chunk_entity(r, gen, space, parts, ()) for r in work[0]],
            "units": [ms.unit_entity(u, gen, space, parts, (), *neighbours[u.unit.unit_id]) for u in work[1]],
        }, None)
        n_units = snapshot.manifest.documents.get(doc.doc_id, {}).get("n_units", len(units))
        store.commit(snapshot.manifest, [ms.doc_entity(replace(doc, pending=""), n_units, space)])
        report.completed.append(doc.source)
        report.texts_embedded += len(work[0]) + len(work[1])
    report.seconds = time.perf_counter() - started
    return report


def _read_report(store: MilvusConnection, gen: str, parts: list[tuple[str, int]]
                 ) -> tuple[list[ChunkRow], list[UnitRow], dict[str, tuple[str, str]]]:
    """One committed report's rows as the FAISS store holds them (missing parts as zeros)."""
    vectors = [f"v_{n}" for n, _ in parts] + [f"has_{n}" for n, _ in parts]

    chunks = sorted(store.query("chunks", f'gen == "{gen}"', ms.CHUNK_FIELDS + ["terms", "text_hash"] + vectors),
                    key=lambda e: e["ordinal"])
    units = sorted(store.query("units", f'gen == "{gen}"', ms.UNIT_FIELDS + vectors),
                   key=lambda e: (e["chunk_id"], e["ordinal"]))
    order = {e["chunk_id"]: i for i, e in enumerate(chunks)}
    units.sort(key=lambda e: (order.get(e["chunk_id"], 0), e["ordinal"]))
    return (
        [ChunkRow(ms.chunk_of(e), ms.tokens_of(e["terms"]), e["text_hash"], ms.stacked(e, parts)) for e in chunks],
        [UnitRow(ms.unit_of(e), e["doc_id"], ms.tokens_of(e["terms"]), e["text_hash"], ms.stacked(e, parts)) for e in units],
        {e["unit_id"]: (e["prev_text"], e["next_text"]) for e in units},
    )
