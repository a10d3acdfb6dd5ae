"""The chat tab's handlers: ask (streamed, then saved as a conversation), and the past
chats in the sidebar. Plain values and ``update`` dicts in, out; ui.py binds them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from core.errors import IndexStateError
from index.store import DocRecord
from index.types import Hit
from qa.followup import standalone_question
from qa.serialize import answer_to_dict
from ragqa.live import workspace
from ragqa.live.session import Session
from ragqa.live.workspace import OPEN, Caller
from ragqa.page import view
from ragqa.page.sources import PageImage, render_page_image
from ragqa.page.text import LANGS, t, update
from ragqa.settings import Settings
from ragqa.stores.conversations import ConversationStore, conversations_path

SKIP = update()
PENDING = '<div class="turn pending"><p class="trail">…</p></div>'


def lang_of(name: str | None) -> str:
    return LANGS.get(name or "", name if name in ("ko", "en") else "ko")


def first_language(asked: str | None, accept_language: str | None) -> str:
    """The switch's first value: ``?lang=en|ko``, else the browser's preferred language."""
    code = (asked or (accept_language or "ko")[:2]).lower()
    return "English" if code.startswith("en") else "한국어"


def indexed_docs(session: Session) -> list[DocRecord]:
    """The live index's reports by title, from the store's catalog alone (Session.reports()
    checks the version first; this runs on every question). None while the index is damaged
    or unreachable: the question itself then says why."""
    try:
        return sorted(session.store.docs().values(), key=lambda d: d.title or d.source)
    except IndexStateError:
        return []


def page_images(session: Session, docs: list[DocRecord]) -> PageImage:
    """Page images of the cited PDF pages, rendered once into ``<index_dir>/page-images/``
    and served by Gradio's file route (ui.serve allows that folder)."""
    docs = {d.doc_id: d for d in docs}
    cache = session.settings.index_dir / "page-images"
    seen: dict[tuple[str, int, str], str | None] = {}

    def image(hit: Hit, quote: str) -> str | None:
        doc, page = docs.get(hit.chunk.doc_id), hit.chunk.page
        if doc is None or not page or not doc.path.lower().endswith(".pdf"):
            return None
        key = (doc.doc_id, page, quote)
        if key not in seen:
            png = render_page_image(Path(doc.path), page, quote, cache)
            seen[key] = f"/gradio_api/file={png.resolve()}" if png else None
        return seen[key]

    return image


def owner(caller: Caller, user: str) -> tuple[str, str]:
    """(user, workspace) of this page's chats and feedback: a signed-in key's own, whatever
    user id the browser sends; else the browser's id, as before keys."""
    return (caller.user, caller.workspace) if caller.name else (user, "")


def allowed_docs(session: Session, caller: Caller) -> list[DocRecord]:
    """The caller's reports by title (every report without keys)."""
    if caller.sees_everything:
        return indexed_docs(session)
    return sorted(workspace.visible(session, caller).values(), key=lambda d: d.title or d.source)


def conversation_choices(session: Session, user: str, lang: str, caller: Caller = OPEN) -> list[tuple[str, str]]:
    user, space = owner(caller, user)
    if not user:
        return []
    store = ConversationStore(conversations_path(session.settings.index_dir))
    return [(title or t(lang, "conv_untitled"), cid) for cid, title, _ in store.list(user, space)]


def ask(session: Session, settings: Settings, message: str, history: list, turns: list[str],
        answers: dict[str, Any], conversation: str, user: str, lang_name: str, generator: str, model: str,
        base_url: str, openai_model: str, scope: list[str] | None = None, *,
        caller: Caller = OPEN) -> Iterator[tuple]:
    """Yields (question box, chat, turns, answers, conversation id, past chats); ``scope``:
    the doc ids of the reports to answer from, all the caller's when empty."""
    lang = lang_of(lang_name)
    user, space = owner(caller, user)
    question = " ".join((message or "").split())
    if not question:
        yield "", history, turns, answers, conversation, SKIP
        return
    standalone = standalone_question(question, turns[-1] if turns else None)
    history = [*history, {"role": "user", "content": view.as_text(question)}, {"role": "assistant", "content": PENDING}]
    turns, answers, turn = [*turns, standalone], dict(answers or {}), len(history) - 1
    yield "", history, turns, answers, conversation, SKIP
    try:
        chosen = replace(settings, generator=generator or settings.generator, model=(model or "").strip()
                         or settings.model, openai_base_url=(base_url or "").strip(),
                         openai_model=(openai_model or "").strip())
        docs = allowed_docs(session, caller)
        doc_ids = None if caller.sees_everything else {d.doc_id for d in docs}
        if scope:  # a scope naming reports the caller cannot see narrows to nothing, never to everything
            doc_ids = set(scope) if doc_ids is None else doc_ids & set(scope)
        assistant = session.assistant(chosen, doc_ids=doc_ids)
        covers = [d.title or d.source for d in docs if not scope or d.doc_id in scope]
        for html, answer in view.chat_events(assistant, question, standalone, settings.k, turn=turn, lang=lang,
                                             covers=covers, page_image=page_images(session, docs)):
            history[-1] = {"role": "assistant", "content": html}
            if answer is not None:
                answers[str(turn)] = answer_to_dict(answer)
            yield SKIP, history, turns, answers, conversation, SKIP
    except Exception as exc:  # a model or server failure must not leave the chat hanging
        history[-1] = {"role": "assistant", "content": view.error_turn(exc, lang)}
    if user:
        store = ConversationStore(conversations_path(session.settings.index_dir))
        conversation = store.save(user, conversation or None, _plain(history), turns, answers, space)
    choices = conversation_choices(session, user, lang, caller)
    yield SKIP, history, turns, answers, conversation, update(choices=choices, value=conversation or None)


def _plain(history: list) -> list[dict[str, Any]]:
    """Messages as the store keeps them: role and text only (Gradio adds display fields)."""
    out = []
    for m in history:
        content = m.get("content")
        if isinstance(content, list):  # Gradio may hand text back as [{"type": "text", "text": ...}]
            content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
        out.append({"role": m.get("role"), "content": content})
    return out


def open_conversation(session: Session, user: str, conversation: str | None, *, caller: Caller = OPEN) -> tuple:
    """(chat, turns, answers, conversation id) of a past chat; unchanged when it is gone."""
    user, space = owner(caller, user)
    if not user or not conversation:
        return SKIP, SKIP, SKIP, SKIP
    found = ConversationStore(conversations_path(session.settings.index_dir)).load(user, conversation, space)
    if found is None:
        return SKIP, SKIP, SKIP, SKIP
    return found.messages, found.turns, found.answers, found.id


def delete_conversation(session: Session, user: str, conversation: str | None, lang_name: str, *,
                        caller: Caller = OPEN) -> tuple:
    """(chat, turns, answers, conversation id, past chats, status)."""
    lang = lang_of(lang_name)
    mine, space = owner(caller, user)
    if mine and conversation:
        ConversationStore(conversations_path(session.settings.index_dir)).delete(mine, conversation, space)
    choices = conversation_choices(session, user, lang, caller)
    return [], [], {}, "", update(choices=choices, value=None), t(lang, "conv_deleted")


def new_user_id() -> str:
    import uuid

    return "web-" + uuid.uuid4().hex[:12]


def start_page(session: Session, user: str | None, lang_name: str, *, caller: Caller = OPEN) -> tuple[str, dict]:
    """On load: this browser's user id (made once, kept in its localStorage) and its past chats."""
    user = user or new_user_id()
    return user, update(choices=conversation_choices(session, user, lang_of(lang_name), caller), value=None)

