"""Chunk text, metadata, tokens and vectors in SQLite; row order matches FAISS and BM25 ids."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.types import Chunk

_SCHEMA = """
CREATE TABLE docs (
    doc_id TEXT PRIMARY KEY, source TEXT, path TEXT, title TEXT, publisher TEXT,
    date TEXT, language TEXT, content_hash TEXT, n_chunks INTEGER, n_pages INTEGER
);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE, doc_id TEXT, ordinal INTEGER,
    page INTEGER, section TEXT, kind TEXT, text TEXT, tokens TEXT, text_hash TEXT, vector BLOB
);
CREATE INDEX chunks_doc ON chunks(doc_id);
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


@dataclass(frozen=True)
class ChunkRow:
    chunk: Chunk
    tokens: list[str]
    text_hash: str
    vector: np.ndarray


def create_store(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.executescript(_SCHEMA)
    return conn


def open_store(path: Path) -> sqlite3.Connection:
    # Read-only: a reader must never change a published index version.
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def write_docs(conn: sqlite3.Connection, docs: list[DocRecord]) -> None:
    conn.executemany(
        "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?)",
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
    rows = conn.execute("SELECT * FROM docs ORDER BY source").fetchall()
    return {r[0]: DocRecord(*r) for r in rows}


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
    """Reuse map so an edited report re-embeds only the chunks whose text changed."""
    return {
        h: np.frombuffer(v, dtype=np.float32)
        for h, v in conn.execute("SELECT text_hash, vector FROM chunks")
    }


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
