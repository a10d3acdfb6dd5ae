"""The embedded llama.cpp backend with the real small model (slow: run with -m slow)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.errors import ModelError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def small_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from qa.models import get_spec, installed_parts, pull_model

    # Reuse a shared cache when one is configured; assembling into tmp costs ~0.5 GB and seconds.
    cache = os.environ.get("RAGQA_MODELS") or tmp_path_factory.mktemp("models")
    spec = get_spec("small")
    assert spec is not None
    if not (Path(cache) / spec.filename).is_file():
        try:
            installed_parts(spec)
        except ModelError as exc:  # only a missing install is a reason to skip; corruption fails
            pytest.skip(str(exc))
    return pull_model(spec, cache)


def test_small_model_streams_a_short_answer(small_model: Path) -> None:
    from qa.generators.base import Usage
    from qa.generators.embedded import EmbeddedBackend

    with EmbeddedBackend(small_model, n_ctx=1024) as backend:
        messages = [
            {"role": "system", "content": "Answer in one short sentence."},
            {"role": "user", "content": "What is the capital of France?"},
        ]
        streamed = list(backend.stream(messages, max_tokens=24, temperature=0.0))
        pieces = [p for p in streamed if isinstance(p, str)]
        assert len(pieces) > 1
        usage = streamed[-1]
        assert isinstance(usage, Usage) and usage.completion_tokens >= len(pieces) and usage.prompt_tokens > 0
        answer = "".join(pieces).strip()
        assert answer
        assert "paris" in answer.lower()
        assert backend.last_stats is not None and backend.last_stats.generated_tokens >= len(pieces)
        # Same prefix again: llama.cpp reuses the cached KV instead of re-reading the prompt.
        assert backend.complete_chat(messages, max_tokens=24, temperature=0.0).strip()
        assert backend.last_stats is not None and backend.last_stats.cached_tokens > 0
