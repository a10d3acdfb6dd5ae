"""The reports tab: the indexed reports, uploads with a result per file, removal after a
confirmation, and starter questions drawn from the reports' titles and sections."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from core.errors import RagError
from index import layout
from index.store import open_store
from index.stores import FolderStore
from ragqa.live import workspace
from ragqa.live.session import Session
from ragqa.live.workspace import OPEN, Caller
from ragqa.page import view
from ragqa.page.chat import allowed_docs, lang_of
from ragqa.page.text import headers, t, update

Progress = Callable[[float | None, str], None]
_STEP = re.compile(r"(\d+)/(\d+)")
STARTERS = 4


def list_reports(session: Session, lang_name: str, *,
                 caller: Caller = OPEN) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The reports table, the remove picker and the chat's report scope: the caller's only."""
    lang = lang_of(lang_name)
    docs = allowed_docs(session, caller)
    rows = [[d.title, d.source, d.n_chunks, d.n_pages or "–"] for d in docs]
    removable = docs if caller.sees_everything else [  # a key removes only its own workspace's reports
        d for d in docs if caller.role.can_write and workspace.workspace_of(session, d) == caller.workspace]
    choices = [(f"{d.title} ({d.source})", d.doc_id) for d in removable]
    scope = [(d.title or d.source, d.doc_id) for d in docs]
    return ({"headers": headers(lang, "report_headers"), "data": rows}, update(choices=choices, value=None),
            update(choices=scope, value=[]))


def upload(session: Session, files: list[str] | None, lang_name: str, progress: Progress, *,
           caller: Caller = OPEN) -> tuple:
    """Returns (summary, reports table, remove picker, scope, starters). The files land in
    the caller's workspace (ragqa.live.workspace.ingest_uploads)."""
    lang = lang_of(lang_name)

    def after(summary: str) -> tuple:
        return (summary, *list_reports(session, lang, caller=caller), starters(session, lang, caller=caller))

    if not files:
        return after(t(lang, "choose_files"))
    received = [(Path(name).name, Path(name).read_bytes()) for name in files]
    progress(0.05, t(lang, "received", n=len(received)))

    def step(message: str) -> None:
        done = _STEP.search(message)
        progress(0.1 + 0.85 * int(done[1]) / max(1, int(done[2])) if done else None, message)

    try:
        report = workspace.ingest_uploads(session, caller, received, step)
    except Exception as exc:  # the index is left as it was (ingest publishes all or nothing)
        return after(view.error_message(exc, lang))
    return after(view.report_summary(report, lang))


def ask_to_remove(session: Session, doc_id: str | None, lang_name: str, *, caller: Caller = OPEN) -> tuple:
    """The first click only asks: (confirmation text, confirmation row visibility)."""
    lang = lang_of(lang_name)
    doc = next((d for d in allowed_docs(session, caller) if d.doc_id == doc_id), None)
    if doc is None:
        return t(lang, "choose_report"), update(visible=False)
    return t(lang, "confirm_remove", name=view.as_text(f"{doc.title} ({doc.source})")), update(visible=True)


def remove(session: Session, doc_id: str | None, lang_name: str, *, caller: Caller = OPEN) -> tuple:
    """Returns (summary, reports table, remove picker, scope, confirmation row, starters)."""
    lang = lang_of(lang_name)

    def after(summary: str) -> tuple:
        return (summary, *list_reports(session, lang, caller=caller), update(visible=False),
                starters(session, lang, caller=caller))

    if not doc_id:
        return after(t(lang, "choose_report"))
    try:
        source = workspace.remove(session, caller, doc_id).source
    except RagError as exc:  # another workspace's report is not found; a shared one is read-only
        return after(view.error_message(exc, lang))
    return after(t(lang, "removed", name=view.as_text(source)))


def _short(title: str) -> str:
    """A report title short enough for a question: before " / " or a parenthesis."""
    title = re.split(r"\s+/\s+|\s*\(", title)[0].strip()
    return title if len(title) <= 40 else title[:39] + "…"


def _sections(index_dir: Path) -> dict[str, list[str]]:
    """Section headings per report, from the folder store (another store: none, and each
    starter question names its report's title)."""
    version = layout.current_version(index_dir)
    if version is None:
        return {}
    try:
        with closing(open_store(version / layout.STORE)) as conn:
            rows = conn.execute("SELECT doc_id, section FROM chunks WHERE kind = 'text' AND section != '' "
                                "GROUP BY doc_id, section ORDER BY MIN(row)").fetchall()
    except sqlite3.DatabaseError:
        return {}
    found: dict[str, list[str]] = {}
    for doc_id, section in rows:
        found.setdefault(doc_id, []).append(section.split(" > ")[-1].strip())
    return found


def starter_questions(session: Session, lang: str, n: int = STARTERS, *, caller: Caller = OPEN) -> list[str]:
    """One question per report (up to ``n``): about a section that is not the title itself."""
    sections = _sections(session.settings.index_dir) if isinstance(session.store, FolderStore) else {}
    out = []
    for d in allowed_docs(session, caller)[:n]:
        title = _short(d.title or Path(d.source).stem)
        picks = [s for s in sections.get(d.doc_id, []) if s and _short(s) != title and len(s) <= 40]
        out.append(t(lang, "starter_section", title=title, section=picks[0]) if picks
                   else t(lang, "starter_title", title=title))
    return out


def starters(session: Session, lang_name: str, *, caller: Caller = OPEN) -> dict[str, Any]:
    lang = lang_of(lang_name)
    return update(samples=[[q] for q in starter_questions(session, lang, caller=caller)], label=t(lang, "starters"))
