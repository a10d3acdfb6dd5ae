"""Which workspace each uploaded report belongs to, in SQLite beside the index
(``<index_dir>/owners.sqlite``): outside the index versions, so a restart or a
`ragqa ingest --rebuild` keeps it (a report's id is a hash of its path, and an upload's
path does not change). A report with no row here is the shared corpus."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Collection
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path

from index.store import DocRecord
from index.stores import IndexStore
from ragqa.stores import local_db
from ragqa.stores.keys import SHARED

FILE_NAME = "owners.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS owners (
    doc_id TEXT PRIMARY KEY,
    workspace TEXT NOT NULL,
    added_at TEXT NOT NULL
);
"""


def owners_path(index_dir: Path) -> Path:
    return index_dir / FILE_NAME


class OwnerStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._created = False

    def _connect(self) -> ContextManager[sqlite3.Connection]:
        if not self._created:
            local_db.create(self.path, _SCHEMA)
            self._created = True
        return local_db.connect(self.path, "report owner store")

    def claim(self, doc_ids: Collection[str], workspace: str) -> list[str]:
        """Record ``workspace`` as the owner of these reports, before they are published, so
        no moment exists when they are indexed and unowned (that is: shared). Returns the
        ids newly claimed; a report already owned keeps its owner."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._connect() as conn:
            return [d for d in doc_ids if conn.execute(
                "INSERT OR IGNORE INTO owners VALUES (?, ?, ?)", (d, workspace, now)).rowcount]

    def release(self, doc_ids: Collection[str]) -> None:
        with self._connect() as conn:
            conn.executemany("DELETE FROM owners WHERE doc_id = ?", [(d,) for d in doc_ids])

    def all(self) -> dict[str, str]:
        """doc id -> workspace."""
        if not self.path.is_file():
            return {}
        with self._connect() as conn:
            return dict(conn.execute("SELECT doc_id, workspace FROM owners").fetchall())


def owner_of(doc: DocRecord, owners: dict[str, str], uploads: Path) -> str:
    """The recorded owner; else a file under ``uploads/<workspace>/`` is that workspace's
    (an upload whose record was lost is never shared by accident); else shared."""
    if doc.doc_id in owners:
        return owners[doc.doc_id]
    path = Path(doc.path)
    if path.is_relative_to(uploads) and len(path.relative_to(uploads).parts) > 1:
        return path.relative_to(uploads).parts[0]
    return SHARED


def known_owners(index_dir: Path, store: IndexStore) -> dict[str, str]:
    """doc id -> workspace: what the index store keeps with the rows (so a replica that did
    not take the upload knows its owner too), then this machine's records."""
    return store.owners() | OwnerStore(owners_path(index_dir)).all()


def owner_lookup(index_dir: Path) -> Callable[[DocRecord], str]:
    """Each report's workspace, for a store that keeps it on its rows (Milvus's partition
    key): asked at insert time, after ingest_uploads has claimed the report."""
    store, uploads = OwnerStore(owners_path(index_dir)), (index_dir / "uploads").resolve()
    return lambda doc: owner_of(doc, store.all(), uploads)
