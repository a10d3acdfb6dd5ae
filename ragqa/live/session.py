"""What a long-running surface (the chat page, the HTTP service) keeps between questions:
the models, loaded once, and the index version it answers from. Each question gets an
immutable Assistant assembled from them; a newly published index version is picked up
on the next question, while a question in flight finishes on the version it started with."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path

from core.errors import IndexStateError, ModelError, RagError
from index.embedders import StackedEmbedder
from index.phases import SLOW_PARTS
from index.report import IngestReport
from index.retriever import HybridRetriever
from index.store import DocRecord
from index.stores import IndexStore
from ingest.files import safe_filename
from qa.answer import Assistant
from qa.generators.base import Generator
from ragqa import factory
from ragqa.settings import Settings
from ragqa.stores.owners import owner_lookup

_log = logging.getLogger("ragqa.live.session")

EmbedderLoader = Callable[[str], StackedEmbedder]
GeneratorLoader = Callable[[Settings], Generator | None]


class Session:
    def __init__(self, settings: Settings, *, load_embedder: EmbedderLoader | None = None,
                 load_generator: GeneratorLoader | None = None, store: IndexStore | None = None) -> None:
        self.settings = settings
        self.store = store or factory.index_store(settings, owner=owner_lookup(settings.index_dir))
        self._load_embedder = load_embedder or factory.make_embedder
        self._load_generator = load_generator or factory.build_generator
        self._lock = threading.RLock()
        self._embedder: StackedEmbedder | None = None
        self._generators: dict[tuple, Generator | None] = {}
        self._retriever: HybridRetriever | None = None
        self._version = ""
        self._backfill_lock = threading.Lock()
        self._backfill: threading.Thread | None = None
        self._backfill_wanted = False

    def assistant(self, chosen: Settings | None = None, doc_ids: Collection[str] | None = None) -> Assistant:
        """An assistant over the newest published index with the chosen generator, answering
        from ``doc_ids`` only when given. Raises IndexStateError when there is no index,
        ModelError when the model is unusable."""
        chosen = chosen or self.settings
        with self._lock:
            retriever = self._current_retriever().scoped(doc_ids)
            key = (chosen.generator, chosen.model, chosen.openai_base_url, chosen.openai_model)
            if key not in self._generators:
                self._generators[key] = self._load_generator(chosen)
            return factory.assemble(chosen, retriever, self._generators[key])

    def fallback_assistant(self, doc_ids: Collection[str] | None = None) -> Assistant:
        """Retrieval with extractive answers: what still works when the model does not."""
        with self._lock:
            return factory.assemble(replace(self.settings, generator="extractive"),
                                    self._current_retriever().scoped(doc_ids), None)

    def warm(self) -> None:
        """Load what the first question would otherwise wait for."""
        with contextlib.suppress(IndexStateError, ModelError):
            self.assistant()
            # an index published answerable-first (`ragqa ingest --later`) reaches full
            # quality behind the open page, which picks up each new version
            if any(d.pending_parts for d in self._current_retriever().reader.docs.values()):
                self.complete_in_background()

    @property
    def index_version(self) -> str:
        return self._version

    def embedder(self) -> StackedEmbedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = self._load_embedder(self.settings.embedder)  # e5 and USE are not small
            return self._embedder

    def _current_retriever(self) -> HybridRetriever:
        version = self.store.version()
        if version is None:
            raise IndexStateError(f"no index at {self.store.location}; upload a report or run `ragqa ingest`")
        if self._retriever is None or version != self._version:
            self._retriever = self.store.open(self.embedder())
            self._version = version
        return self._retriever

    def ingest(self, files: list[Path], progress: Callable[[str], None] | None = None, *,
               same_as_within: Collection[str] | None = None) -> IngestReport:
        """Index uploaded files; answerable when this returns, at full quality once the parts
        left for later (e5, the units' vectors) are computed in the background.
        ``same_as_within``: the reports a file may be reported a duplicate of (index.changes)."""
        s = self.settings
        report = self.store.ingest(files, self.embedder(), s.chunking, lock_timeout=self._writer_wait,
                                   max_bytes=int(s.max_mb * 1024 * 1024), progress=progress, deferred=SLOW_PARTS,
                                   same_as_within=same_as_within, ocr=s.page_reader)
        if report.pending:
            self.complete_in_background()
        return report

    @property
    def _writer_wait(self) -> float:
        """Seconds an upload, a removal or the backfill waits for the index's write lock: this
        process's own backfill holds it while it publishes, so refusing at once would refuse
        an upload for being made a moment after the previous one."""
        return max(self.settings.lock_wait, 30.0)

    def complete_in_background(self) -> None:
        """Compute what the live version still lacks on a worker thread; a call while it runs
        makes it go round once more (a report uploaded meanwhile is not left pending)."""
        with self._backfill_lock:
            self._backfill_wanted = True
            if self._backfill is None:
                self._backfill = threading.Thread(target=self._complete_pending, name="ragqa-backfill", daemon=True)
                self._backfill.start()

    def wait_for_backfill(self, timeout: float | None = None) -> None:
        thread = self._backfill
        if thread is not None:
            thread.join(timeout)

    def _complete_pending(self) -> None:
        while True:
            with self._backfill_lock:
                if not self._backfill_wanted:
                    self._backfill = None
                    return
                self._backfill_wanted = False
            try:
                self.store.complete_pending(self.embedder(), lock_timeout=self._writer_wait, progress=_log.info)
            except RagError as exc:  # the fast version keeps answering; the next upload retries
                _log.warning("completing pending reports failed: %s", exc)

    def remove(self, doc_id: str) -> str:
        record = self.store.remove(doc_id, lock_timeout=self._writer_wait)
        path = Path(record.path).resolve()
        if path.is_relative_to(self.uploads_dir.resolve()):
            path.unlink(missing_ok=True)  # an upload (a workspace's too) lives only for the index
        return record.source

    @property
    def uploads_dir(self) -> Path:
        return self.settings.index_dir / "uploads"

    def reports(self) -> list[DocRecord]:
        if self.store.version() is None:
            return []
        return sorted(self.store.docs().values(), key=lambda d: d.title or d.source)


def upload_destination(name: str, data: bytes, folder: Path) -> tuple[Path, bool]:
    """Where an uploaded file goes: a safe name inside ``folder``, never over a different file.
    Returns the path and whether the bytes must still be written there."""
    target = folder / safe_filename(name)
    stem, suffix = target.stem, target.suffix
    n = 1
    while target.exists():
        if target.read_bytes() == data:
            return target, False
        n += 1
        target = folder / f"{stem} ({n}){suffix}"
    return target, True
