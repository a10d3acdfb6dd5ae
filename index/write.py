"""Write a whole index version beside the live one and publish it (the last step of every
ingest, removal and completion), and read the live one's store without tracebacks."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from core.errors import IndexStateError
from index import layout
from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.manifest import Manifest
from index.progress import StageClock, emit
from index.store import (
    ChunkRow,
    DocRecord,
    UnitRow,
    count_units_by_doc,
    create_store,
    write_chunks,
    write_docs,
    write_units,
)


def write_version(index_dir: Path, docs: list[DocRecord], rows: list[ChunkRow], units: list[UnitRow],
                  embedder_id: str, parts: list[dict], chunker: str,
                  progress: Callable[[str], None] | None = None) -> None:
    """Write a whole version beside the live one and publish it. Call under the write lock.

    A part some reports are still pending (their rows hold zeros there) gets a FAISS index
    over the other rows only, mapped back to row ids: its ranking never sees a zero vector."""
    clock = StageClock("write", 1, None)
    version = layout.new_version_dir(index_dir)
    conn = create_store(version / layout.STORE)
    write_docs(conn, docs)
    write_chunks(conn, rows, start=0)
    write_units(conn, units)
    conn.commit()
    units_by_doc = count_units_by_doc(conn)
    conn.close()
    dim = sum(p["dim"] for p in parts)
    vectors = np.stack([r.vector for r in rows]) if rows else np.zeros((0, dim), dtype=np.float32)
    pending_of = {d.doc_id: set(d.pending_parts) for d in docs}
    start = 0
    for part in parts:
        block = vectors[:, start:start + part["dim"]]
        ready = np.array([part["name"] not in pending_of.get(r.chunk.doc_id, ()) for r in rows], dtype=bool)
        if ready.all():
            dense = DenseIndex.build(block)
        else:
            dense = DenseIndex.build(block[ready], ids=np.flatnonzero(ready))
        dense.save(version / layout.dense_file(part["name"]))
        start += part["dim"]
    LexicalIndex.build([r.tokens for r in rows]).save(version / layout.LEXICAL)
    Manifest(
        embedder=embedder_id, dim=dim, chunker=chunker, parts=parts,
        documents={d.doc_id: {"source": d.source, "path": d.path, "content_hash": d.content_hash,
                              "n_chunks": d.n_chunks, "n_units": units_by_doc.get(d.doc_id, 0),
                              "n_pages": d.n_pages, "indexed_at": d.indexed_at,
                              "pending_parts": d.pending_parts} for d in docs},
        n_chunks=len(rows), n_units=len(units), created_at=time.strftime("%Y-%m-%dT%H:%M:%S"),
    ).save(version / layout.MANIFEST)
    emit(f"write 1/1 {version.name}: {len(docs)} reports, {len(rows)} chunks, {len(units)} units "
         f"({clock.elapsed:.1f}s)", progress)
    clock = StageClock("publish", 1, progress)
    layout.publish(index_dir, version)
    clock.step(1, version.name)


@contextmanager
def reading(index_dir: Path) -> Iterator[None]:
    """A damaged store of the live version is the user's to rebuild, not a traceback."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise IndexStateError(
            f"index at {index_dir} is damaged ({exc}); rebuild it with `ragqa ingest --rebuild`"
        ) from exc
