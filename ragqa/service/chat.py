"""The OpenAI chat-completions shapes: which message is the question, and an Answer as a
completion or as the chunks of a streamed one.

Streaming sends the answer only once it has passed verification: a draft the verifier
rejects would otherwise stay in the client's text, since the OpenAI protocol has no way
to take back a delta. The role chunk goes out at once, so the client knows the answer is
coming; the verified text and its sources follow in a few deltas.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from qa.comparison import as_markdown, comparison_rows
from qa.followup import standalone_question
from qa.form import answer_form
from qa.serialize import citation_to_dict
from qa.types import Answer

MODEL = "ragqa"


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    content: str | list[dict[str, Any]] | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")
    include_usage: bool = False


class ChatRequest(BaseModel):
    """What we read of a chat-completions request; sampling settings are accepted and
    ignored, since the answer's wording is the verifier's, not the caller's."""

    model_config = ConfigDict(extra="allow")
    model: str = MODEL
    messages: list[ChatMessage]
    stream: bool = False
    stream_options: StreamOptions | None = None


def message_text(message: ChatMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    return " ".join(part.get("text", "") for part in message.content or [] if part.get("type") == "text")


def question_of(messages: list[ChatMessage]) -> str:
    """The last user message, made standalone with the user turn before it ("그럼 중국은?")."""
    users = [message_text(m).strip() for m in messages if m.role == "user"]
    users = [u for u in users if u]
    if not users:
        raise ValueError("no user message with text: the last user message is the question")
    return standalone_question(users[-1], users[-2] if len(users) > 1 else None)


def answer_content(answer: Answer, asked: str) -> str:
    """The answer with its [n] markers, then "Sources:" with title, place and quote."""
    parts = []
    if answer.question != " ".join(asked.split()):
        parts.append(f"(질문 재구성 · rewritten: {answer.question})\n\n")
    parts.append(answer.text)
    if answer_form(answer.question) == "comparison" and (rows := comparison_rows(answer.question, answer.text)):
        parts.append("\n\n" + as_markdown(rows, answer.language))
    if answer.citations:
        lines = []
        for c in answer.citations:
            where = f", {c.location}" if c.location else ""
            lines.append(f"[{c.n}] {c.title or c.source}{where}: “{c.quote}”")
        parts.append("\n\nSources:\n" + "\n".join(lines))
    return "".join(parts)


def completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex[:24]}"


def _usage(answer: Answer) -> dict[str, int]:
    used = answer.tokens
    return {"prompt_tokens": used.prompt, "completion_tokens": used.generated,
            "total_tokens": used.prompt + used.generated}


def completion(answer: Answer, content: str) -> dict[str, Any]:
    return {
        "id": completion_id(), "object": "chat.completion", "created": int(time.time()), "model": MODEL,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": _usage(answer),
        "citations": [citation_to_dict(c) for c in answer.citations],
    }


def chunk(cid: str, delta: dict[str, Any], finish: Literal["stop"] | None = None,
          **extra: Any) -> dict[str, Any]:
    return {"id": cid, "object": "chat.completion.chunk", "created": int(time.time()), "model": MODEL,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}


def content_chunks(cid: str, answer: Answer, content: str, *, include_usage: bool) -> list[dict[str, Any]]:
    """The verified content in pieces (a line at a time), the stop chunk carrying the
    citations, and the usage chunk when asked for."""
    pieces = [line for line in content.splitlines(keepends=True) if line]
    out = [chunk(cid, {"content": piece}) for piece in pieces]
    out.append(chunk(cid, {}, "stop", citations=[citation_to_dict(c) for c in answer.citations]))
    if include_usage:
        out.append({**chunk(cid, {}), "choices": [], "usage": _usage(answer)})
    return out


def models_list() -> dict[str, Any]:
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "ragqa"}]}
