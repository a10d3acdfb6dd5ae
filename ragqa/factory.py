"""Build an Assistant from Settings: the one place that picks embedder, index and generator."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from index.embedders import StackedEmbedder, make_embedder
from index.retriever import HybridRetriever
from index.store import DocRecord
from index.stores import FolderStore, IndexStore
from qa.answer import Assistant
from qa.generators.base import Generator
from qa.unit_selection import UnitSelector
from ragqa.settings import Settings


def build_generator(settings: Settings) -> Generator | None:
    """None for the extractive generator, which needs no model."""
    if settings.generator == "extractive":
        return None
    if settings.generator == "openai":
        from qa.langchain_adapter import ChatModelGenerator, openai_chat_model

        model = openai_chat_model(settings.openai_base_url, settings.openai_model,
                                  settings.openai_api_key, settings.request_timeout)
        return ChatModelGenerator(model, f"openai:{settings.openai_model}")
    return load_embedded(settings.model, str(settings.models_dir), settings.threads)


@functools.lru_cache(maxsize=2)
def load_embedded(model: str, models_dir: str, threads: int = 0) -> Generator:
    """Loading a GGUF takes seconds and ~2 GB: once per process, per model."""
    from qa.generators.embedded import EmbeddedBackend
    from qa.models import resolve_model, verify_model

    path = resolve_model(model, models_dir)
    verify_model(path)  # size and magic always; sha256 when the file changed since it was last checked
    return EmbeddedBackend(path, n_threads=threads or None)


def index_store(settings: Settings, *, owner: Callable[[DocRecord], str] | None = None) -> IndexStore:
    """The store the settings name: the FAISS folder, or Milvus (imported only then).
    ``owner``: each report's workspace, which Milvus writes on its rows (ragqa.stores.owners);
    the FAISS folder keeps ownership beside the index and needs none."""
    if settings.store == "milvus":
        from index.milvus_store import MilvusStore

        return MilvusStore(settings.milvus_uri, token=settings.milvus_token, fusion=settings.milvus_fusion,
                           owner=owner)
    return FolderStore(settings.index_dir)


def build_retriever(settings: Settings, embedder: StackedEmbedder) -> HybridRetriever:
    return index_store(settings).open(embedder)


def assemble(settings: Settings, retriever: HybridRetriever | None, generator: Generator | None) -> Assistant:
    """An assistant from parts already loaded: the UI and the service swap the index or the
    generator by assembling a new one, never by mutating a live one."""
    if retriever is not None:
        _lend_word_reader(retriever)
    return Assistant(
        retriever, generator, UnitSelector(retriever) if retriever else None,
        k=settings.k,
        models={"embedder": retriever.embedder.id if retriever else "",
                "generator": generator.name if generator else "extractive"},
    )


def _lend_word_reader(retriever: HybridRetriever) -> None:
    """The support check reads words across scripts with USE: the retriever's instance serves."""
    from index.embedders import UseEmbedder
    from qa import crossing

    for part in getattr(retriever.embedder, "parts", ()):
        if isinstance(part, UseEmbedder):
            crossing.share(part)
            return


def build_assistant(settings: Settings, *, closed_book: bool = False) -> Assistant:
    generator = build_generator(settings)
    if generator is not None and os.environ.get("RAGQA_GENERATION_CACHE"):
        # ablations replay the drafts of prompts already asked (eval.ablation)
        from qa.generators.cache import CachedGenerator

        generator = CachedGenerator(generator, Path(os.environ["RAGQA_GENERATION_CACHE"]))
    retriever = None if closed_book else build_retriever(settings, make_embedder(settings.embedder))
    return assemble(settings, retriever, generator)
