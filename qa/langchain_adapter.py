"""LangChain at the edge: our retriever as a BaseRetriever, any of our generators as a chat
model, a LangChain chat model (the OpenAI-compatible client) as our Generator, and the LCEL
chains (prompt | model | parser). Nothing else in the project imports LangChain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import (
    CallbackManagerForLLMRun,
    CallbackManagerForRetrieverRun,
)
from langchain_core.documents import Document as LCDocument
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from core.errors import ModelError
from index.types import Hit, Retriever
from ingest.language import detect_language
from qa.evidence import select_evidence
from qa.generators.base import Generator, Usage
from qa.prompts import answer_messages

_ROLES = {"human": "user", "ai": "assistant", "system": "system"}


class HybridLangChainRetriever(BaseRetriever):
    """Our hybrid retriever for LangChain users; metadata carries the citation fields."""

    retriever: Any
    k: int = 5

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [hit_to_document(h) for h in self.retriever.retrieve(query, self.k)]


def hit_to_document(hit: Hit) -> LCDocument:
    c = hit.chunk
    return LCDocument(
        page_content=c.text,
        metadata={"chunk_id": c.chunk_id, "doc_id": c.doc_id, "title": hit.title, "source": hit.source,
                  "page": c.page, "section": c.section, "score": hit.score, "hit": hit},
    )


class GeneratorChatModel(BaseChatModel):
    """One of our generators (e.g. the in-process llama.cpp model) seen as a LangChain chat model."""

    backend: Any
    max_tokens: int = 160
    temperature: float = 0.1

    @property
    def _llm_type(self) -> str:
        return f"ragqa-generator:{self.backend.name}"

    def _messages(self, messages: list[BaseMessage]) -> list[dict[str, str]]:
        return [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        backend: Generator = self.backend
        for piece in backend.stream(self._messages(messages),
                                    max_tokens=kwargs.get("max_tokens", self.max_tokens),
                                    temperature=kwargs.get("temperature", self.temperature)):
            if isinstance(piece, Usage):
                continue
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = "".join(c.message.content for c in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


def openai_chat_model(base_url: str, model: str, api_key: str = "", timeout: float = 60.0) -> BaseChatModel:
    """Any OpenAI-compatible server: Ollama, vLLM, llama.cpp server, or the hosted API."""
    if not base_url or not model:
        raise ModelError("the openai generator needs --openai-base-url and --openai-model "
                         "(or RAGQA_OPENAI_BASE_URL and RAGQA_OPENAI_MODEL)")
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(base_url=base_url, model=model, api_key=api_key or "not-needed", timeout=timeout,
                      max_retries=0, temperature=0.1, streaming=True, stream_usage=True)


def message_chain(model: BaseChatModel) -> Runnable:
    """prompt | model | parser over ready-made messages."""
    return _prompt() | model | StrOutputParser()


def _prompt() -> ChatPromptTemplate:
    return ChatPromptTemplate.from_messages([MessagesPlaceholder("messages")])


class ChatModelGenerator:
    """A LangChain chat model as our ``Generator``: streams through prompt | model, and
    yields the server's token counts when it reports them."""

    def __init__(self, model: BaseChatModel, name: str) -> None:
        self.model = model
        self.name = name

    def stream(self, messages: list[dict[str, str]], *, max_tokens: int, temperature: float, fresh: bool = False
               ) -> Iterator[str | Usage]:
        chain = _prompt() | self.model.bind(max_tokens=max_tokens, temperature=temperature)
        usage = None
        try:
            for chunk in chain.stream({"messages": [(_lc_role(m["role"]), m["content"]) for m in messages]}):
                if chunk.content:
                    yield str(chunk.content)
                if chunk.usage_metadata:
                    usage = chunk.usage_metadata
        except ModelError:
            raise
        except Exception as exc:
            raise ModelError(f"generator '{self.name}' failed: {_describe(exc, self.model)}") from exc
        if usage:
            yield Usage(int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0)))


def _describe(exc: Exception, model: BaseChatModel) -> str:
    """Say what to check: a server that is down or slow is the usual cause, not a bug."""
    kinds = {c.__name__ for c in type(exc).__mro__}
    url = getattr(model, "openai_api_base", None) or "the server"
    if "APITimeoutError" in kinds:
        return (f"no reply from {url} within {getattr(model, 'request_timeout', '?')} s; "
                "check the server is healthy, or raise the limit with --timeout")
    if "APIConnectionError" in kinds:
        return f"cannot connect to {url}; check it is running and --openai-base-url is right"
    return f"{type(exc).__name__}: {exc}"


def build_rag_chain(retriever: Retriever, model: BaseChatModel, k: int = 5) -> Runnable:
    """retriever -> evidence -> prompt -> model -> parser, for use as a plain LangChain chain."""

    def to_messages(inputs: dict) -> dict:
        question = inputs["question"]
        evidence = select_evidence(question, inputs["hits"])
        lang = detect_language(question)
        msgs = answer_messages(question, evidence, lang)
        return {"messages": [(_lc_role(m["role"]), m["content"]) for m in msgs]}

    return (
        {"question": RunnablePassthrough(), "hits": RunnableLambda(lambda q: retriever.retrieve(q, k))}
        | RunnableLambda(to_messages)
        | message_chain(model)
    )


def _lc_role(role: str) -> str:
    return {"user": "human", "assistant": "ai"}.get(role, role)
