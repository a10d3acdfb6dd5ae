"""The small SQLite files kept beside the index (feedback, conversations): outside index
versions, so a rebuild keeps them; one way to open them and to say what went wrong."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from core.errors import RagError

BUSY_TIMEOUT = 10.0


def create(path: Path, schema: str, version: int = 0, added: dict[str, dict[str, str]] | None = None) -> None:
    """``added``: table -> column -> its definition, for columns a file made before them lacks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with connect(path, "store") as conn:
        conn.execute("PRAGMA journal_mode=WAL")  # readers never wait for the one writer
        conn.executescript(schema)
        for table, columns in (added or {}).items():
            have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            for name, definition in columns.items():
                if name not in have:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {definition}")
        if version:
            conn.execute(f"PRAGMA user_version={int(version)}")


@contextmanager
def connect(path: Path, what: str) -> Iterator[sqlite3.Connection]:
    """One short transaction; a busy or damaged file is a RagError naming ``what`` and the file."""
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT)) as conn, conn:
            yield conn
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise RagError(f"the {what} {path} stayed busy for {BUSY_TIMEOUT:.0f} s; try again") from exc
        raise RagError(f"cannot use the {what} {path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise RagError(f"the {what} {path} is damaged ({exc}); move it aside and a new one will be started") from exc
