"""👍/👎 under every answer, an optional comment and correction, and each user's own list
to look at and delete from. Stored with ragqa.stores.feedback at ``<index_dir>/feedback.sqlite``."""

from __future__ import annotations

from typing import Any

from ragqa.live.workspace import OPEN, Caller
from ragqa.stores.feedback import FeedbackStore, Rating, feedback_path, record_feedback
from ragqa.page.chat import lang_of, owner
from ragqa.page.text import headers, t, update
from ragqa.live.session import Session

Target = dict[str, Any] | None  # the entry the form amends: {"id", "index", "rating"}


def _store(session: Session) -> FeedbackStore:
    return FeedbackStore(feedback_path(session.settings.index_dir))


def _space(caller: Caller) -> str | None:
    """The workspace a signed-in key's entries are filed under; None (any) without keys."""
    return caller.workspace if caller.name else None


def my_entries(session: Session, user: str, lang: str, *,
               caller: Caller = OPEN) -> tuple[dict[str, Any], dict[str, Any]]:
    """The user's feedback as a table, and the delete picker's choices."""
    user, _ = owner(caller, user)
    entries = _store(session).list(user, _space(caller)) if user else []
    rows = [[e.id, e.created_at.replace("T", " ")[:16], "👍" if e.rating is Rating.UP else "👎", e.question,
             e.comment, e.correction] for e in entries]
    choices = [(f"#{e.id} {e.question[:40]}", e.id) for e in entries]
    return {"headers": headers(lang, "fb_headers"), "data": rows}, update(choices=choices, value=None)


def rate(session: Session, answers: dict[str, Any], user: str, lang_name: str, index: Any, liked: Any,
         target: Target, *, caller: Caller = OPEN) -> tuple:
    """A click on 👍 or 👎 under message ``index``: stored at once, the form opens for more.
    Returns (status, target, form visibility, comment, correction, my table, my picker)."""
    lang = lang_of(lang_name)
    user, space = owner(caller, user)

    def mine() -> tuple[dict[str, Any], dict[str, Any]]:
        return my_entries(session, user, lang, caller=caller)

    index = index[0] if isinstance(index, (list, tuple)) else index
    answer = (answers or {}).get(str(index))
    if answer is None or not user:
        return (t(lang, "fb_not_answer"), target, update(visible=False), update(), update(), *mine())
    store = _store(session)
    if target and target.get("index") == index:
        store.delete(target["id"], user, _space(caller))  # a second click changes or takes back the first
    if liked is True or liked is False:
        rating = Rating.UP if liked else Rating.DOWN
        entry = record_feedback(session.settings.index_dir, answer, rating=rating, user=user, workspace=space)
        target = {"id": entry, "index": index, "rating": rating.value}
        status = t(lang, "fb_up" if liked else "fb_down")
        return (status, target, update(visible=True), "", "", *mine())
    return ("", None, update(visible=False), "", "", *mine())


def send(session: Session, answers: dict[str, Any], user: str, lang_name: str, target: Target, comment: str,
         correction: str, *, caller: Caller = OPEN) -> tuple:
    """The form's comment and correction, replacing the entry the click stored.
    Returns (status, target, form visibility, comment, correction, my table, my picker)."""
    lang = lang_of(lang_name)
    user, space = owner(caller, user)

    def mine() -> tuple[dict[str, Any], dict[str, Any]]:
        return my_entries(session, user, lang, caller=caller)

    answer = (answers or {}).get(str(target.get("index"))) if target else None
    if not target or answer is None or not user:
        return (t(lang, "fb_none"), target, update(), update(), update(), *mine())
    store = _store(session)
    store.delete(target["id"], user, _space(caller))
    entry = record_feedback(session.settings.index_dir, answer, rating=target["rating"], user=user,
                            comment=comment or "", correction=correction or "", workspace=space)
    target = {**target, "id": entry}
    return (t(lang, "fb_saved"), target, update(visible=False), "", "", *mine())


def delete(session: Session, user: str, lang_name: str, entry: Any, *, caller: Caller = OPEN) -> tuple:
    """Returns (status, my table, my picker)."""
    lang = lang_of(lang_name)
    user, _ = owner(caller, user)
    if entry is None or not user or not _store(session).delete(int(entry), user, _space(caller)):
        return (t(lang, "fb_missing"), *my_entries(session, user, lang, caller=caller))
    return (t(lang, "fb_deleted"), *my_entries(session, user, lang, caller=caller))

