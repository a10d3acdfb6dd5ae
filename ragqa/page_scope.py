"""A question scoped to chosen reports. HybridRetriever has no document filter yet, so the
page asks it for its whole fused pool and keeps the chosen reports' passages: right for
the few hundred chunks of a report library, and to be replaced by a ``doc_ids`` filter in
the retriever (which would rank inside the chosen reports instead of filtering a pool)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from index.types import Hit
from qa.answer import Assistant

POOL = 40  # HybridRetriever's own pool per ranking: asking for more returns no more


class ScopedRetriever:
    """A ``Retriever`` that only returns passages of ``doc_ids``; anything else (the units the
    evidence selector reads, the embedder) is the wrapped retriever's."""

    def __init__(self, inner: Any, doc_ids: Collection[str], pool: int = POOL) -> None:
        self.inner = inner
        self.doc_ids = frozenset(doc_ids)
        self.pool = pool

    def candidates(self, query: str, k: int = 5) -> list[Hit]:
        found = self.inner.candidates(query, max(self.pool, k))
        return [h for h in found if h.chunk.doc_id in self.doc_ids][:k * 2]

    def retrieve(self, query: str, k: int = 5) -> list[Hit]:
        return self.candidates(query, k)[:k]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def scoped(assistant: Assistant, doc_ids: Collection[str] | None) -> Assistant:
    """The same assistant answering from ``doc_ids`` only; unchanged when none are chosen."""
    if not doc_ids or assistant.retriever is None:
        return assistant
    return Assistant(ScopedRetriever(assistant.retriever, doc_ids), assistant.generator, assistant.selector,
                     k=assistant.k, abstain_below=assistant.abstain_below, models=assistant.models,
                     translate=assistant.translate, max_tokens=assistant.max_tokens,
                     temperature=assistant.temperature)
