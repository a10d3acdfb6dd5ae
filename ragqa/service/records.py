"""The routes beside the answers: page images of the caller's reports, and the caller's
feedback and conversations (the stores the chat page writes, ragqa.stores.*).

Each looks a thing up only among what the caller may see, and answers 404 for anything
else, so a guessed id says nothing about whether it exists in another workspace.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ragqa.live import workspace
from ragqa.live.session import Session
from ragqa.live.workspace import Caller, NotFound
from ragqa.page.sources import render_page_image
from ragqa.service.guard import Who, current_caller
from ragqa.stores.conversations import ConversationStore, conversations_path
from ragqa.stores.feedback import FeedbackStore, feedback_path, record_feedback
from ragqa.stores.keys import Role

API_USER = "api"  # whose chats and feedback these are when no keys are configured
_RENDER = threading.Lock()


class FeedbackRequest(BaseModel):
    answer: dict[str, Any] = Field(description="the answer as /v1/ask returned it")
    rating: str = Field(description="up or down")
    comment: str = ""
    correction: str = ""


class ConversationRequest(BaseModel):
    id: str | None = Field(default=None, max_length=64)
    messages: list[dict[str, Any]] = Field(max_length=500)
    turns: list[str] = Field(default_factory=list, max_length=500)
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict)


def _owner(who: Caller) -> tuple[str, str]:
    """(user, workspace) a new entry is stored under."""
    return who.user or API_USER, who.workspace or ""


def _reading(who: Caller) -> tuple[str | None, str]:
    """(user, workspace) the caller may read and delete: an admin key every user's of its
    workspace (None), anyone else only their own."""
    user, space = _owner(who)
    return (None if who.role is Role.ADMIN and not who.sees_everything else user), space


def records_router(session: Session) -> APIRouter:
    index_dir = session.settings.index_dir
    router = APIRouter(prefix="/v1", dependencies=[Depends(current_caller)])

    @router.get("/documents/{doc_id}/pages/{page}", tags=["reports"], response_class=Response,
                responses={200: {"content": {"image/png": {}}}})
    def page_image(doc_id: str, page: int, who: Who,
                   quote: Annotated[str, Query(max_length=500)] = "") -> Response:
        """A page of one of the caller's PDF reports as PNG, the quote highlighted. The
        report is found by its exact id among the caller's reports, never by a path."""
        doc = workspace.visible(session, who).get(doc_id)
        if doc is None or not doc.path.lower().endswith(".pdf") or not 1 <= page <= max(doc.n_pages, 0):
            raise NotFound(f"no page {page} of a PDF report '{doc_id}' here; GET /v1/sources lists the reports")
        # Drawn afresh, not into the page's cache: every quote a client sends would otherwise
        # leave a file behind. pdfium is not thread-safe, and routes run on a thread pool.
        with _RENDER, tempfile.TemporaryDirectory() as scratch:
            png = render_page_image(Path(doc.path), page, quote, Path(scratch))
            if png is None:
                raise NotFound(f"page {page} of '{doc.source}' cannot be drawn")
            return Response(png.read_bytes(), media_type="image/png")

    @router.post("/feedback", tags=["feedback"])
    def add_feedback(body: FeedbackRequest, who: Who) -> dict:
        user, space = _owner(who)
        return {"id": record_feedback(index_dir, body.answer, rating=body.rating, user=user,
                                      comment=body.comment, correction=body.correction, workspace=space)}

    @router.get("/feedback", tags=["feedback"])
    def list_feedback(who: Who) -> list[dict]:
        user, space = _reading(who)
        entries = FeedbackStore(feedback_path(index_dir)).list(user, space)
        return [e.to_dict() for e in entries]

    @router.delete("/feedback/{entry_id}", tags=["feedback"])
    def delete_feedback(entry_id: int, who: Who) -> dict:
        user, space = _reading(who)
        if not FeedbackStore(feedback_path(index_dir)).delete(entry_id, user, space):
            raise NotFound(f"no feedback entry {entry_id} of yours; GET /v1/feedback lists them")
        return {"deleted": entry_id}

    def conversations() -> ConversationStore:
        return ConversationStore(conversations_path(index_dir))

    @router.get("/conversations", tags=["conversations"])
    def list_conversations(who: Who) -> list[dict]:
        user, space = _reading(who)
        return [{"id": i, "title": title, "updated_at": when} for i, title, when in conversations().list(user, space)]

    @router.post("/conversations", tags=["conversations"])
    def save_conversation(body: ConversationRequest, who: Who) -> dict:
        user, space = _owner(who)
        store = conversations()
        if body.id and store.load(user, body.id, space) is None:
            raise NotFound(f"no conversation '{body.id}' of yours; leave out the id to start one")
        return {"id": store.save(user, body.id, body.messages, body.turns, body.answers, space)}

    @router.get("/conversations/{conversation_id}", tags=["conversations"])
    def get_conversation(conversation_id: str, who: Who) -> dict:
        user, space = _reading(who)
        found = conversations().load(user, conversation_id, space)
        if found is None:
            raise NotFound(f"no conversation '{conversation_id}' of yours; GET /v1/conversations lists them")
        return {"id": found.id, "title": found.title, "updated_at": found.updated_at, "messages": found.messages,
                "turns": found.turns, "answers": found.answers}

    @router.delete("/conversations/{conversation_id}", tags=["conversations"])
    def delete_conversation(conversation_id: str, who: Who) -> dict:
        user, space = _reading(who)
        if not conversations().delete(user, conversation_id, space):
            raise NotFound(f"no conversation '{conversation_id}' of yours; GET /v1/conversations lists them")
        return {"deleted": conversation_id}

    return router
