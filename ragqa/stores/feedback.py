"""Users' 👍/👎 on answers, kept in SQLite beside the index so a rebuild keeps them.

The file is ``<index_dir>/feedback.sqlite``, never under ``versions/``: index versions
are pruned on every publish, and judgements outlive any one index. Every call opens its
own connection and holds a short transaction, so the UI's worker threads, a CLI export
and a second process can use the store at once (WAL lets readers run beside a writer).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager as ContextManager
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ragqa.stores import local_db
from eval.scoring import answer_matches, normalize_text
from ingest.language import detect_language

FILE_NAME = "feedback.sqlite"
# A correction that says there is nothing to find turns the question into a refusal item.
NO_ANSWER = {"no answer", "none", "not in the reports", "the reports do not say", "없음", "답 없음",
             "보고서에 없음", "보고서에 없다", "모름"}
SCHEMA_VERSION = 1
# A judgement is a sentence or two; a megabyte of "comment" is abuse, not feedback.
MAX_TEXT = 20_000
# Seconds a writer waits for another writer's lock before the store reports it busy.

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    user TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT NOT NULL DEFAULT '',
    correction TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL DEFAULT 0,
    citations TEXT NOT NULL DEFAULT '[]',
    path TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    embedder TEXT NOT NULL DEFAULT '',
    index_version TEXT NOT NULL DEFAULT '',
    evidence_score REAL
);
CREATE INDEX IF NOT EXISTS feedback_user ON feedback (user);
"""
# Entries are kept per workspace ("" without keys); the column came after the first files.
_ADDED = {"feedback": {"workspace": "TEXT NOT NULL DEFAULT ''"}}
COLUMNS = ("id", "created_at", "user", "rating", "comment", "correction", "question", "answer", "abstained",
           "citations", "path", "model", "embedder", "index_version", "evidence_score")


class Rating(StrEnum):
    UP = "up"
    DOWN = "down"

    @classmethod
    def parse(cls, value: object) -> Rating:
        """The UI's thumbs, the CLI's words and 1/0 all name the same two ratings."""
        if isinstance(value, Rating):
            return value
        text = str(value).strip().lower()
        if text in ("up", "👍", "1", "true", "good", "correct"):
            return cls.UP
        if text in ("down", "👎", "0", "false", "bad", "wrong"):
            return cls.DOWN
        raise ValueError(f"unknown rating '{value}'; use up (👍) or down (👎)")


@dataclass(frozen=True)
class Feedback:
    id: int
    created_at: str
    user: str
    rating: Rating
    comment: str
    correction: str
    question: str
    answer: str
    abstained: bool
    citations: tuple[dict[str, Any], ...]
    path: str
    model: str
    embedder: str
    index_version: str
    evidence_score: float | None

    def to_dict(self) -> dict[str, Any]:
        """The export shape; ``label`` is what eval/human.py reads."""
        data = asdict(self) | {"rating": self.rating.value, "citations": list(self.citations)}
        return data | {"label": self.rating.value}


def feedback_path(index_dir: Path) -> Path:
    return index_dir / FILE_NAME


def index_version(index_dir: Path) -> str:
    """The live version's name from ``CURRENT``; "" before the first ingest."""
    try:
        return (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def default_cli_user() -> str:
    return os.environ.get("USER") or os.environ.get("USERNAME") or "cli"


def _text(name: str, value: object, *, required: bool = False) -> str:
    text = "" if value is None else str(value)
    if required and not text.strip():
        raise ValueError(f"feedback needs a non-empty {name}")
    if len(text) > MAX_TEXT:
        raise ValueError(f"the feedback {name} is {len(text)} characters; keep it under {MAX_TEXT}")
    return text


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        local_db.create(self.path, _SCHEMA, SCHEMA_VERSION, added=_ADDED)

    def _connect(self) -> ContextManager[sqlite3.Connection]:
        return local_db.connect(self.path, "feedback store")

    def add(self, *, user: str, rating: Rating | str, question: str, answer: str,
            citations: Sequence[Mapping[str, Any]] = (), path: str = "", model: str = "", embedder: str = "",
            index_version: str = "", comment: str = "", correction: str = "", abstained: bool = False,
            evidence_score: float | None = None, workspace: str = "") -> int:
        """Store one judgement; returns its id."""
        values = {
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "user": _text("user", user, required=True),
            "rating": Rating.parse(rating).value,
            "comment": _text("comment", comment).strip(),
            "correction": _text("correction", correction).strip(),
            "question": _text("question", question, required=True).strip(),
            "answer": _text("answer", answer),
            "abstained": int(bool(abstained)),
            "citations": json.dumps([dict(c) for c in citations], ensure_ascii=False),
            "path": str(path or ""), "model": str(model or ""), "embedder": str(embedder or ""),
            "index_version": str(index_version or ""),
            "evidence_score": None if evidence_score is None else float(evidence_score),
            "workspace": str(workspace or ""),
        }
        names = ", ".join(values)
        marks = ", ".join(f":{k}" for k in values)
        with self._connect() as conn:
            cursor = conn.execute(f"INSERT INTO feedback ({names}) VALUES ({marks})", values)
            return int(cursor.lastrowid or 0)

    def list(self, user: str | None = None, workspace: str | None = None) -> list[Feedback]:
        """Newest first; only ``user``'s entries, and only ``workspace``'s, when given."""
        where, params = _where(user, workspace)
        with self._connect() as conn:
            rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback{where} ORDER BY id DESC",
                                params).fetchall()
        return [_entry(row) for row in rows]

    def delete(self, entry_id: int, user: str | None = None, workspace: str | None = None) -> bool:
        """False when there is no such entry, or it is not ``user``'s (in ``workspace``) to delete."""
        where, params = _where(user, workspace)
        query = "DELETE FROM feedback WHERE id = ?" + where.replace(" WHERE ", " AND ", 1)
        with self._connect() as conn:
            return conn.execute(query, (int(entry_id), *params)).rowcount > 0

    def export(self, fmt: str, user: str | None = None) -> str:
        """``json``: one object a line (what eval/human.py reads); ``csv``: one row an entry."""
        entries = [e.to_dict() for e in reversed(self.list(user))]
        if fmt == "json":
            return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
        if fmt != "csv":
            raise ValueError(f"unknown export format '{fmt}'; use json or csv")
        out = io.StringIO()
        fields = [*COLUMNS, "label"]
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for e in entries:
            writer.writerow({k: _csv_cell(e[k]) for k in fields})
        return out.getvalue()


def _where(user: str | None, workspace: str | None) -> tuple[str, tuple[str, ...]]:
    parts = [(name, value) for name, value in (("user", user), ("workspace", workspace)) if value is not None]
    if not parts:
        return "", ()
    return " WHERE " + " AND ".join(f"{name} = ?" for name, _ in parts), tuple(v for _, v in parts)


def _entry(row: Sequence[Any]) -> Feedback:
    data = dict(zip(COLUMNS, row))
    return Feedback(**data | {
        "rating": Rating(data["rating"]), "abstained": bool(data["abstained"]),
        "citations": tuple(json.loads(data["citations"] or "[]")),
    })


def _csv_cell(value: object) -> object:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    # A spreadsheet runs a cell that starts like a formula; users' text must stay text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def record_feedback(index_dir: Path, answer: Mapping[str, Any], *, rating: Rating | str, user: str,
                    comment: str = "", correction: str = "", workspace: str = "") -> int:
    """Store a judgement of one answer in ``answer_to_dict`` shape; what the UI's 👍/👎 call."""
    models = answer.get("models") or {}
    evidence = answer.get("evidence") or []
    score = evidence[0].get("score") if evidence and isinstance(evidence[0], Mapping) else None
    return FeedbackStore(feedback_path(index_dir)).add(
        user=user, rating=rating, question=str(answer.get("question") or ""),
        answer=str(answer.get("answer") or ""), citations=answer.get("citations") or [],
        path=str(answer.get("path") or ""), model=str(models.get("generator") or ""),
        embedder=str(models.get("embedder") or ""), index_version=index_version(index_dir),
        comment=comment, correction=correction, abstained=bool(answer.get("abstained")),
        evidence_score=score if isinstance(score, (int, float)) else None, workspace=workspace,
    )


def to_question_set(entries: Sequence[Feedback]) -> list[dict[str, Any]]:
    """Facts-set items (eval/facts.jsonl's schema) from every 👎 that carries a correction,
    so `ragqa eval --set FILE` re-asks what users corrected; the newest of duplicates wins."""
    latest: dict[tuple[str, str], Feedback] = {}
    for e in sorted(entries, key=lambda e: e.id):
        if e.rating is Rating.DOWN and e.correction.strip():
            latest[(normalize_text(e.question), normalize_text(e.correction))] = e
    return [_item(e) for e in sorted(latest.values(), key=lambda e: e.id)]


def _item(e: Feedback) -> dict[str, Any]:
    refusal = normalize_text(e.correction).strip(" .!") in NO_ANSWER
    cited = [c for c in e.citations if c.get("source")]
    # The evidence is a quote that states the accepted answer; a quote that does not would
    # make retrieval look wrong for finding what the user said was the wrong passage.
    holding = next((c for c in cited if answer_matches(str(c.get("quote") or ""), [e.correction])), None)
    source = (holding or (cited[0] if cited else {})).get("source")
    return {
        "id": f"feedback-{e.id}", "question": e.question, "language": detect_language(e.question),
        "answers": [] if refusal else [e.correction], "type": "refusal" if refusal else "feedback",
        "source": None if refusal else source,
        "evidence": str(holding.get("quote")) if holding and not refusal else None,
        "feedback": {"user": e.user, "created_at": e.created_at, "rejected_answer": e.answer,
                     "comment": e.comment, "index_version": e.index_version},
    }
