"""Types produced by ingestion."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One page of extracted text; ``number`` is 1-based, None for formats without pages."""

    number: int | None
    text: str


@dataclass(frozen=True)
class Document:
    doc_id: str
    source: str  # file name as stored in the index (relative, safe)
    title: str
    language: str  # "ko" | "en"
    content_hash: str
    pages: tuple[Page, ...] = ()
    publisher: str = ""
    date: str = ""
    textless_pages: tuple[int, ...] = ()  # PDF pages with no text layer (scans): named, not indexed
    ocr_pages: tuple[int, ...] = ()  # scanned pages whose text OCR read (ingest.ocr), indexed


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    text: str
    page: int | None = None
    section: str = ""
    kind: str = "text"  # "text" | "table"
    ordinal: int = 0
    meta: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Unit:
    """The smallest piece of a chunk that states one thing: a sentence, a table row spelled
    out with its caption and column names, or a list item. Page and section are the chunk's."""

    unit_id: str  # f"{chunk_id}:{ordinal}"
    chunk_id: str
    ordinal: int
    kind: str  # "sentence" | "row" | "item"
    text: str
    label: str = ""  # a table row's label (its first cell), else ""
