"""Fakes that carry signal: similarity from shared character bigrams, scripted model replies."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from index.retriever import HybridRetriever

_WORD = re.compile(r"\w+")


def bigram_vector(text: str, dim: int) -> np.ndarray:
    """Hashed character bigrams of each word (unigrams for one-letter words), L2-normalised.

    crc32 rather than hash(): the same text must give the same vector in every process.
    """
    vec = np.zeros(dim, dtype=np.float32)
    for word in _WORD.findall(text.lower()):
        grams = [word[i:i + 2] for i in range(len(word) - 1)] or [word]
        for gram in grams:
            vec[zlib.crc32(gram.encode("utf-8")) % dim] += 1.0
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


class HashEmbedder:
    """Deterministic ``index.embedders.Embedder``: texts sharing words are close.

    ``embedded`` counts the passages embedded (queries are not counted), so a test can say
    "the second ingest embedded nothing". With ``fail_after=n`` it raises once more than n
    passages would have been embedded, like a model crashing mid-ingest.
    """

    def __init__(self, id: str = "hash-bigram-v1", dim: int = 256, *, fail_after: int | None = None) -> None:
        self.id = id
        self.dim = dim
        self.fail_after = fail_after
        self.embedded = 0
        self.queries: list[str] = []

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if self.fail_after is not None and self.embedded + len(texts) > self.fail_after:
            raise RuntimeError(f"HashEmbedder: simulated crash after {self.embedded} texts")
        self.embedded += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([bigram_vector(t, self.dim) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        self.queries.append(text)
        return bigram_vector(text, self.dim)


class ScriptedGenerator:
    """A ``qa.generators.base.Generator``: scripted replies in order, each in pieces.

    ``calls`` records (messages, max_tokens, temperature) for every request it answered.
    """

    def __init__(self, *replies: str, pieces: int = 3, name: str = "scripted") -> None:
        self.replies = list(replies)
        self.pieces = pieces
        self.name = name
        self.calls: list[tuple[list[dict[str, str]], int, float]] = []
        self.fresh: list[int] = []  # the calls (by index) asked to read their prompt anew

    def stream(self, messages: list[dict[str, str]], *, max_tokens: int, temperature: float,
               fresh: bool = False) -> Iterator[str]:
        if fresh:
            self.fresh.append(len(self.calls))
        if len(self.calls) >= len(self.replies):
            raise AssertionError(f"ScriptedGenerator: unscripted call #{len(self.calls) + 1}")
        self.calls.append(([dict(m) for m in messages], max_tokens, temperature))
        reply = self.replies[len(self.calls) - 1]
        step = max(1, -(-len(reply) // self.pieces))
        return iter([reply[i:i + step] for i in range(0, len(reply), step)])

    @property
    def messages(self) -> list[list[dict[str, str]]]:
        return [m for m, _, _ in self.calls]


def bigram_scorer(question: str, units: list[str]) -> np.ndarray:
    """A ``qa.evidence.SentenceScorer`` without a model: bigram cosine similarity."""
    q = bigram_vector(question, 512)
    return np.array([float(bigram_vector(u, 512) @ q) for u in units], dtype=np.float32)


DATA = Path(__file__).parent / "data"

# A tiny mixed corpus: each file is one short paragraph (one chunk) with vocabulary no
# other file shares, so a retrieval test can name the chunk a question must find.
CORPUS = {
    "semiconductor.txt": (
        "# 반도체 수출 동향\n\n"
        "2024년 반도체 수출액은 1,419억 달러로 전년 대비 43.9% 증가하였다. "
        "메모리 반도체 가격 회복이 수출 증가를 이끌었다.\n"
    ),
    "hydrogen.txt": (
        "# 수소 충전소 보급 현황\n\n"
        "전국 수소 충전소는 2024년 말 기준 359기가 운영 중이다. "
        "정부는 2030년까지 충전소를 660기로 늘릴 계획이다.\n"
    ),
    "coffee.md": (
        "# Global Coffee Market\n\n"
        "Arabica coffee bean prices rose to 3.44 dollars per pound in December 2024. "
        "Brazilian drought reduced the harvest of coffee beans.\n"
    ),
    "satellite.md": (
        "# Satellite Launch Review\n\n"
        "Orbital launch providers placed 2,800 satellites into low Earth orbit during 2024. "
        "Reusable rocket boosters cut the launch cost per kilogram.\n"
    ),
}


def write_corpus(folder: Path, files: dict[str, str] = CORPUS) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def hash_retriever(root: Path, files: dict[str, str]) -> HybridRetriever:
    """``files`` written under ``root``, ingested with the hash embedder and opened for search."""
    from index.build import ingest_paths
    from index.retriever import HybridRetriever, IndexReader

    write_corpus(root / "corpus", files)
    embedder = HashEmbedder()
    ingest_paths([root / "corpus"], root / "index", embedder)
    return HybridRetriever(IndexReader.open(root / "index"), embedder)


class ListRetriever:
    """A ``Retriever`` over hand-made hits: returns the first k and records the queries."""

    def __init__(self, hits: list) -> None:
        self.hits = list(hits)
        self.queries: list[tuple[str, int]] = []

    def retrieve(self, query: str, k: int = 5) -> list:
        self.queries.append((query, k))
        return self.hits[:k]

    def candidates(self, query: str, k: int = 5) -> list:
        return self.retrieve(query, k)


def ask_over_passage(passage: str, section: str, reply: str, selector: object, question: str) -> Any:
    """``question`` answered by a scripted ``reply`` over one hit holding ``passage``: what a
    long answer does after the model wrote."""
    from index.types import Hit
    from ingest.types import Chunk
    from qa.answer import Assistant

    hits = [Hit(Chunk("p", "d", passage, 2, section), 1.0, "hybrid", "보고서", "report.pdf")]
    return Assistant(ListRetriever(hits), ScriptedGenerator(reply), selector, translate=False).ask(question)


def version_dirs(index_dir: Path) -> set[str]:
    return {p.name for p in (index_dir / "versions").iterdir()}


def live_versions(index_dir: Path) -> set[str]:
    """What may stay on disk after a publish: the live version and the one it superseded
    (kept one more publish for readers that were opening it); never a crashed build's leftovers."""
    from index import layout

    marker = index_dir / "PREVIOUS"
    previous = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    return {layout.current_version(index_dir).name} | ({previous} if previous else set())


def indexed_sources(index_dir: Path) -> list[str]:
    """The file names in the published index, sorted."""
    from index.retriever import IndexReader

    reader = IndexReader.open(index_dir)
    try:
        return sorted(d.source for d in reader.docs.values())
    finally:
        reader.close()


def serve_fake_ui(root: Path, files: dict[str, str], *, load_generator: object = None,
                  eval_dir: Path | None = None) -> tuple[object, str, object, HashEmbedder]:
    """The chat UI over a HashEmbedder index of ``files`` with extractive answers (or the
    generator ``load_generator(settings)`` returns, e.g. a ScriptedGenerator), served on a
    free local port; returns (app, url, settings, embedder). The caller closes the app."""
    import socket

    import ui
    from index.build import ingest_paths
    from ragqa.live.session import Session
    from ragqa.settings import Settings

    write_corpus(root / "corpus", files)
    embedder = HashEmbedder()
    ingest_paths([root / "corpus"], root / "index", embedder)
    settings = Settings(index_dir=root / "index", embedder="hash", generator="extractive")

    session = Session(settings, load_embedder=lambda spec: embedder, load_generator=load_generator)
    eval_dir = eval_dir or root / "eval"
    app = ui.build_app(settings, session, eval_dir=eval_dir)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = ui.serve(app, settings, "127.0.0.1", port, block=False, eval_dir=eval_dir)
    return app, url, settings, embedder


class IndexedListRetriever(ListRetriever):
    """Hand-made hits, returned as they are, whose passages are ingested into a real index
    (hash embedder, one file per hit): the selector the assistant ships with (UnitSelector)
    reads the evidence units ingest stored for them, under the hits' own chunk ids."""

    def __init__(self, hits: list, root: Path) -> None:
        files = {f"{n}.md": f"# {h.title}\n\n## {h.chunk.section or 'Notes'}\n\n{h.chunk.text}\n"
                 for n, h in enumerate(hits)}
        self.index = hash_retriever(root, files)
        reader = self.index.reader
        chunks = {doc.source.rsplit("/", 1)[-1]: reader.report(doc_id)[0] for doc_id, doc in reader.docs.items()}
        self._real = {h.chunk.chunk_id: next(c.chunk_id for c in chunks[f"{n}.md"] if h.chunk.text[:20] in c.text)
                      for n, h in enumerate(hits)}
        self._own = {real: own for own, real in self._real.items()}
        super().__init__(hits)

    def units_for(self, chunk_ids):
        batch = self.index.units_for([self._real.get(c, c) for c in chunk_ids])
        units = tuple(replace(u, chunk_id=self._own.get(u.chunk_id, u.chunk_id)) for u in batch.units)
        return replace(batch, units=units)

    def query_vectors(self, query: str):
        return self.index.query_vectors(query)
