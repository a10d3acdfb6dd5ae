"""API keys and the workspace each one opens, in SQLite beside the index
(``<index_dir>/keys.sqlite``, outside the index versions, so a rebuild keeps them).

A key is shown once, when it is made; only its SHA-256 is stored. The token carries 256
random bits, so a plain hash is enough: there is nothing to brute-force that a slow hash
would protect. Once any key has been made the service stays in key mode, even when
every key is revoked: revoking the last key must close the door, not open it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import sqlite3
from contextlib import AbstractContextManager as ContextManager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ragqa.stores import local_db

FILE_NAME = "keys.sqlite"
SHARED = "shared"  # the corpus the service starts with: every key reads it, none writes it
TOKEN_PREFIX = "rqa_"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS keys (
    name TEXT PRIMARY KEY,
    workspace TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT NOT NULL DEFAULT ''
);
"""


class Role(StrEnum):
    READER = "reader"  # asks, reads the library, keeps its own chats and feedback
    EDITOR = "editor"  # and uploads and removes the workspace's reports
    ADMIN = "admin"  # and sees and deletes every chat and feedback entry of the workspace

    @property
    def can_write(self) -> bool:
        return self is not Role.READER


@dataclass(frozen=True)
class Key:
    name: str
    workspace: str
    role: Role
    created_at: str
    revoked_at: str = ""

    @property
    def active(self) -> bool:
        return not self.revoked_at


def keys_path(index_dir: Path) -> Path:
    return index_dir / FILE_NAME


def check_name(what: str, name: str) -> str:
    """Names go into folder names and URLs: lowercase letters, digits, '-' and '_'."""
    if not _NAME.match(name or ""):
        raise ValueError(f"{what} '{name}' is not usable: use 1-40 lowercase letters, digits, '-' or '_', "
                         "starting with a letter or digit")
    return name


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class KeyStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._created = False

    def _connect(self) -> ContextManager[sqlite3.Connection]:
        if not self._created:  # made on first use: a server nobody gave keys keeps no key file
            local_db.create(self.path, _SCHEMA)
            self._created = True
        return local_db.connect(self.path, "key store")

    def configured(self) -> bool:
        """Whether any key was ever made (revoked ones count)."""
        if not self.path.is_file():
            return False
        with self._connect() as conn:
            return conn.execute("SELECT 1 FROM keys LIMIT 1").fetchone() is not None

    def add(self, name: str, workspace: str, role: Role | str) -> str:
        """Make a key; returns the token, which is never stored and cannot be shown again."""
        check_name("the key name", name)
        check_name("the workspace", workspace)
        if workspace == SHARED:
            raise ValueError(f"'{SHARED}' is the read-only workspace every key reads; give the key its own")
        role = Role(role)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._connect() as conn:
            if conn.execute("SELECT 1 FROM keys WHERE name = ?", (name,)).fetchone():
                # names are never reused, so a new key never inherits an old one's chats
                raise ValueError(f"a key named '{name}' exists (or existed); pick another name")
            conn.execute("INSERT INTO keys VALUES (?, ?, ?, ?, ?, '')",
                         (name, workspace, role.value, hash_token(token), now))
        return token

    def list(self) -> list[Key]:
        if not self.path.is_file():
            return []
        with self._connect() as conn:
            rows = conn.execute("SELECT name, workspace, role, created_at, revoked_at FROM keys "
                                "ORDER BY workspace, name").fetchall()
        return [Key(n, w, Role(r), c, rv) for n, w, r, c, rv in rows]

    def revoke(self, name: str) -> bool:
        """False when there is no such active key."""
        if not self.path.is_file():
            return False
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._connect() as conn:
            return conn.execute("UPDATE keys SET revoked_at = ? WHERE name = ? AND revoked_at = ''",
                                (now, name)).rowcount > 0

    def find(self, token: str) -> Key | None:
        """The active key with this token, or None."""
        if not token or not self.path.is_file():
            return None
        digest = hash_token(token)
        with self._connect() as conn:
            row = conn.execute("SELECT name, workspace, role, created_at, revoked_at, hash FROM keys "
                               "WHERE hash = ?", (digest,)).fetchone()
        if row is None or not hmac.compare_digest(row[5], digest) or row[4]:
            return None
        return Key(row[0], row[1], Role(row[2]), row[3], row[4])
