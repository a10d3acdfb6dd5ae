"""Chunk text, metadata, tokens and vectors in SQLite; row order matches FAISS and BM25 ids.

Evidence units live beside their chunks (page and section are the chunk's) with their own
tokens and vectors, and the ids of their neighbours in the document.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.types import Chunk, Unit

_SCHEMA = """
CREATE TABLE docs (
    doc_id TEXT PRIMARY KEY, source TEXT, path TEXT, title TEXT, publisher TEXT,
    date TEXT, language TEXT, content_hash TEXT, n_chunks INTEGER, n_pages INTEGER,
    indexed_at TEXT, pending TEXT
);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE, doc_id TEXT, ordinal INTEGER,
    page INTEGER, section TEXT, kind TEXT, text TEXT, tokens TEXT, text_hash TEXT, vector BLOB
);
CREATE INDEX chunks_doc ON chunks(doc_id);
CREATE TABLE units (
    row INTEGER PRIMARY KEY, unit_id TEXT UNIQUE, chunk_id TEXT, doc_id TEXT, ordinal INTEGER,
    kind TEXT, label TEXT, text TEXT, tokens TEXT, text_hash TEXT, vector BLOB, prev_id TEXT, next_id TEXT
);
CREATE INDEX units_chunk ON units(chunk_id, ordinal);
CREATE INDEX units_doc ON units(doc_id);
"""


@dataclass(frozen=True)
class DocRecord:
    doc_id: str
    source: str
    path: str
    title: str
    publisher: str
    date: str
    language: str
    content_hash: str
    n_chunks: int
    n_pages: int
    indexed_at: str = ""  # when this content was first indexed (UTC, ISO 8601); kept across versions
    pending: str = ""  # embedder parts still to be computed for it, comma-joined ("e5"); "" when complete

    @property
    def pending_parts(self) -> list[str]:
        return [p for p in self.pending.split(",") if p]


@dataclass(frozen=True)
class ChunkRow:
    chunk: Chunk
    tokens: list[str]
    text_hash: str
    vector: np.ndarray


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    doc_id: str
    tokens: list[str]
    text_hash: str
    vector: np.ndarray
    prev_id: str = ""  # the neighbouring units of the same document, "" at its ends
    next_id: str = ""


@dataclass(frozen=True)
class UnitRecord:
    """A unit as read for evidence selection: with its neighbours' text, not their ids."""

    unit: Unit
    tokens: tuple[str, ...]
    vector: np.ndarray
    prev_text: str
    next_text: str


def create_store(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.executescript(_SCHEMA)
    return conn


def open_store(path: Path) -> sqlite3.Connection:
    # Read-only: a reader must never change a published index version.
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def write_docs(conn: sqlite3.Connection, docs: list[DocRecord]) -> None:
    conn.executemany(
        "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [tuple(d.__dict__.values()) for d in docs],
    )


def write_chunks(conn: sqlite3.Connection, rows: list[ChunkRow], start: int) -> None:
    conn.executemany(
        "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                start + i, r.chunk.chunk_id, r.chunk.doc_id, r.chunk.ordinal, r.chunk.page,
                r.chunk.section, r.chunk.kind, r.chunk.text, json.dumps(r.tokens, ensure_ascii=False),
                r.text_hash, np.asarray(r.vector, dtype=np.float32).tobytes(),
            )
            for i, r in enumerate(rows)
        ],
    )


def read_docs(conn: sqlite3.Connection) -> dict[str, DocRecord]:
    # SELECT *: a store written before indexed_at and pending existed reads with their defaults.
    rows = conn.execute("SELECT * FROM docs ORDER BY source").fetchall()
    return {r[0]: DocRecord(*(v if v is not None else "" for v in r)) for r in rows}


def count_units_by_doc(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT doc_id, count(*) FROM units GROUP BY doc_id").fetchall())


def read_doc_rows(conn: sqlite3.Connection, doc_id: str) -> list[ChunkRow]:
    cur = conn.execute(
        "SELECT chunk_id, doc_id, ordinal, page, section, kind, text, tokens, text_hash, vector "
        "FROM chunks WHERE doc_id = ? ORDER BY row",
        (doc_id,),
    )
    return [
        ChunkRow(
            Chunk(cid, did, text, page, section, kind, ordinal),
            json.loads(tokens), text_hash, np.frombuffer(vector, dtype=np.float32),
        )
        for cid, did, ordinal, page, section, kind, text, tokens, text_hash, vector in cur
    ]


def read_vectors_by_text_hash(conn: sqlite3.Connection) -> dict[str, np.ndarray]:
    """Reuse map so an edited report re-embeds only the chunks and units whose text changed.
    Rows of a report still pending a part hold zeros there: they are not reused."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(docs)")}
    complete = "(SELECT doc_id FROM docs WHERE coalesce(pending, '') = '')" if "pending" in columns else "(SELECT doc_id FROM docs)"
    cur = conn.execute(
        f"SELECT text_hash, vector FROM chunks WHERE doc_id IN {complete} "
        f"UNION ALL SELECT text_hash, vector FROM units WHERE doc_id IN {complete}"
    )
    return {h: np.frombuffer(v, dtype=np.float32) for h, v in cur}


def write_units(conn: sqlite3.Connection, rows: list[UnitRow]) -> None:
    conn.executemany(
        "INSERT INTO units VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                i, r.unit.unit_id, r.unit.chunk_id, r.doc_id, r.unit.ordinal, r.unit.kind, r.unit.label,
                r.unit.text, json.dumps(r.tokens, ensure_ascii=False), r.text_hash,
                np.asarray(r.vector, dtype=np.float32).tobytes(), r.prev_id, r.next_id,
            )
            for i, r in enumerate(rows)
        ],
    )


def read_doc_units(conn: sqlite3.Connection, doc_id: str) -> list[UnitRow]:
    cur = conn.execute(
        "SELECT unit_id, chunk_id, ordinal, kind, text, label, doc_id, tokens, text_hash, vector, prev_id, next_id "
        "FROM units WHERE doc_id = ? ORDER BY row",
        (doc_id,),
    )
    return [
        UnitRow(Unit(uid, cid, ordinal, kind, text, label), did, json.loads(tokens), text_hash,
                np.frombuffer(vector, dtype=np.float32), prev_id, next_id)
        for uid, cid, ordinal, kind, text, label, did, tokens, text_hash, vector, prev_id, next_id in cur
    ]


def read_units_for(conn: sqlite3.Connection, chunk_ids: list[str]) -> list[UnitRecord]:
    """The units of the given chunks with their neighbours' text, in one query, in the order
    of ``chunk_ids`` and then of the units within each chunk."""
    chunk_ids = list(dict.fromkeys(chunk_ids))
    if not chunk_ids:
        return []
    marks = ",".join("?" * len(chunk_ids))
    cur = conn.execute(
        "SELECT u.unit_id, u.chunk_id, u.ordinal, u.kind, u.text, u.label, u.tokens, u.vector, "
        "coalesce(p.text, ''), coalesce(n.text, '') FROM units u "
        "LEFT JOIN units p ON p.unit_id = u.prev_id LEFT JOIN units n ON n.unit_id = u.next_id "
        f"WHERE u.chunk_id IN ({marks})",
        chunk_ids,
    )
    records = [
        UnitRecord(Unit(uid, cid, ordinal, kind, text, label), tuple(json.loads(tokens)),
                   np.frombuffer(vector, dtype=np.float32), prev_text, next_text)
        for uid, cid, ordinal, kind, text, label, tokens, vector, prev_text, next_text in cur
    ]
    position = {cid: i for i, cid in enumerate(chunk_ids)}
    return sorted(records, key=lambda r: (position[r.unit.chunk_id], r.unit.ordinal))


def read_chunks_at(conn: sqlite3.Connection, rows: list[int]) -> dict[int, Chunk]:
    if not rows:
        return {}
    marks = ",".join("?" * len(rows))
    cur = conn.execute(
        f"SELECT row, chunk_id, doc_id, ordinal, page, section, kind, text FROM chunks WHERE row IN ({marks})",
        rows,
    )
    return {
        row: Chunk(cid, did, text, page, section, kind, ordinal)
        for row, cid, did, ordinal, page, section, kind, text in cur
    }


def read_chunk(conn: sqlite3.Connection, chunk_id: str) -> tuple[int, Chunk] | None:
    r = conn.execute(
        "SELECT row, chunk_id, doc_id, ordinal, page, section, kind, text FROM chunks WHERE chunk_id = ?",
        (chunk_id,),
    ).fetchone()
    return (r[0], Chunk(r[1], r[2], r[7], r[4], r[5], r[6], r[3])) if r else None
