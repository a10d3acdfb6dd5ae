"""Build an Assistant from Settings: the one place that picks embedder, index and generator."""

from __future__ import annotations

import functools

from index.embedders import make_embedder
from index.retriever import HybridRetriever, IndexReader
from qa.answer import Assistant
from qa.llm import LLMGenerator
from ragqa.settings import Settings


def build_generator(settings: Settings) -> LLMGenerator | None:
    """None for the extractive generator, which needs no model."""
    if settings.generator == "extractive":
        return None
    from qa.langchain_adapter import EmbeddedChatModel, openai_chat_model, stream_fn_for

    if settings.generator == "openai":
        model = openai_chat_model(settings.openai_base_url, settings.openai_model,
                                  settings.openai_api_key, settings.request_timeout)
        name = f"openai:{settings.openai_model}"
    else:
        backend = load_embedded(settings.model, str(settings.models_dir))
        model = EmbeddedChatModel(backend=backend)
        name = backend.name
    return LLMGenerator(stream_fn_for(model, name), name)


@functools.lru_cache(maxsize=2)
def load_embedded(model: str, models_dir: str):
    """Loading a GGUF takes seconds and ~2 GB: once per process, per model."""
    from qa.generators.embedded import EmbeddedBackend
    from qa.models import resolve_model, verify_model

    path = resolve_model(model, models_dir)
    verify_model(path)  # size and magic always; sha256 when the file changed since it was last checked
    return EmbeddedBackend(path)


def build_assistant(settings: Settings, *, closed_book: bool = False) -> Assistant:
    llm = build_generator(settings)
    retriever = None
    embedder_id = ""
    if not closed_book:
        embedder = make_embedder(settings.embedder)
        retriever = HybridRetriever(IndexReader.open(settings.index_dir), embedder)
        embedder_id = embedder.id
    return Assistant(
        retriever, llm, k=settings.k,
        models={"embedder": embedder_id, "generator": llm.name if llm else "extractive"},
    )
