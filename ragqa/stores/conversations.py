"""Past chats, kept in SQLite beside the index (``<index_dir>/conversations.sqlite``, outside
the index versions, so a rebuild keeps them), one row per conversation, per browser user.

A conversation is stored as what the page needs to show it again: the chat messages, the
standalone questions follow-ups build on, and each answer's JSON (what 👍/👎 record)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import sqlite3
import uuid
from contextlib import AbstractContextManager as ContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ragqa.stores import local_db

FILE_NAME = "conversations.sqlite"
TITLE_CHARS = 60
_ESCAPED = re.compile(r"\\(.)")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data TEXT NOT NULL,
    workspace TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS conversations_user ON conversations (user, updated_at);
"""
# A user's chats are kept per workspace ("" without keys): a key's chats are its workspace's.
_ADDED = {"conversations": {"workspace": "TEXT NOT NULL DEFAULT ''"}}


@dataclass(frozen=True)
class Conversation:
    id: str
    title: str
    updated_at: str
    messages: list[dict[str, Any]]
    turns: list[str]
    answers: dict[str, dict[str, Any]]  # the assistant message's index -> its answer's JSON


def conversations_path(index_dir: Path) -> Path:
    return index_dir / FILE_NAME


def title_of(messages: list[dict[str, Any]]) -> str:
    """The first question, as the user typed it (the chat keeps it escaped for Markdown)."""
    first = next((m.get("content") for m in messages if m.get("role") == "user"), "") or ""
    text = " ".join(html.unescape(_ESCAPED.sub(r"\1", str(first))).split())
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1] + "…"


class ConversationStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        local_db.create(self.path, _SCHEMA, added=_ADDED)

    def _connect(self) -> ContextManager[sqlite3.Connection]:
        return local_db.connect(self.path, "conversation store")

    def save(self, user: str, conversation_id: str | None, messages: list[dict[str, Any]], turns: list[str],
             answers: dict[str, dict[str, Any]], workspace: str = "") -> str:
        """Insert or replace one conversation of ``user``; returns its id. An id that is
        someone else's is not theirs to overwrite: the conversation gets a new id."""
        if not user:
            raise ValueError("a conversation needs a user")
        now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        data = json.dumps({"messages": messages, "turns": turns, "answers": answers}, ensure_ascii=False)
        conversation_id = conversation_id or uuid.uuid4().hex[:16]
        with self._connect() as conn:
            updated = conn.execute("UPDATE conversations SET title = ?, updated_at = ?, data = ? "
                                   "WHERE id = ? AND user = ? AND workspace = ?",
                                   (title_of(messages), now, data, conversation_id, user, workspace)).rowcount
            if not updated:
                if conn.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone():
                    conversation_id = uuid.uuid4().hex[:16]
                conn.execute("INSERT INTO conversations (id, user, title, created_at, updated_at, data, workspace) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (conversation_id, user, title_of(messages), now, now, data, workspace))
        return conversation_id

    def list(self, user: str | None, workspace: str = "") -> list[tuple[str, str, str]]:
        """(id, title, updated_at) of ``user``'s conversations in ``workspace``, newest first;
        every user's there when ``user`` is None (a workspace admin)."""
        mine = "" if user is None else " AND user = ?"
        with self._connect() as conn:
            return [tuple(row) for row in conn.execute(
                f"SELECT id, title, updated_at FROM conversations WHERE workspace = ?{mine} "
                "ORDER BY updated_at DESC, rowid DESC", (workspace,) + (() if user is None else (user,)))]

    def load(self, user: str | None, conversation_id: str, workspace: str = "") -> Conversation | None:
        mine = "" if user is None else " AND user = ?"
        with self._connect() as conn:
            row = conn.execute(f"SELECT id, title, updated_at, data FROM conversations WHERE id = ? "
                               f"AND workspace = ?{mine}",
                               (conversation_id, workspace) + (() if user is None else (user,))).fetchone()
        if row is None:
            return None
        data = json.loads(row[3])
        return Conversation(row[0], row[1], row[2], data.get("messages", []), data.get("turns", []),
                            data.get("answers", {}))

    def delete(self, user: str | None, conversation_id: str, workspace: str = "") -> bool:
        mine = "" if user is None else " AND user = ?"
        with self._connect() as conn:
            return conn.execute(f"DELETE FROM conversations WHERE id = ? AND workspace = ?{mine}",
                                (conversation_id, workspace) + (() if user is None else (user,))).rowcount > 0
