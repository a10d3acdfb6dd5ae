"""One settings object, built at the entry points from flags and environment, passed down."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.chunk import ChunkSettings
from ingest.ocr import PageReader

PROJECT_ROOT = Path(__file__).resolve().parents[1]
GENERATORS = ("embedded", "openai", "extractive")
STORES = ("folder", "milvus")  # index.stores.STORES; the settings layer imports no index code


def default_index_dir() -> Path:
    return Path(os.environ.get("RAGQA_INDEX") or PROJECT_ROOT / ".index")


def default_models_dir() -> Path:
    return Path(os.environ.get("RAGQA_MODELS") or Path.home() / ".cache" / "ragqa" / "models")


@dataclass(frozen=True)
class Settings:
    index_dir: Path = field(default_factory=default_index_dir)
    # "folder": FAISS + BM25 + SQLite under index_dir; "milvus": the index in Milvus at milvus_uri
    # (a *.db path is Milvus Lite, http://host:19530 a server or cluster). index_dir still holds
    # this machine's uploads, conversations and feedback.
    store: str = field(default_factory=lambda: os.environ.get("RAGQA_STORE") or "folder")
    milvus_uri: str = field(default_factory=lambda: os.environ.get("RAGQA_MILVUS_URI", ""))
    milvus_token: str = field(default_factory=lambda: os.environ.get("RAGQA_MILVUS_TOKEN", ""))
    # "client": the engine's rankings fused here as for FAISS (fitted weights); "rrf", "weighted":
    # Milvus fuses them (bench/results/store_parity.md compares the three)
    milvus_fusion: str = field(default_factory=lambda: os.environ.get("RAGQA_MILVUS_FUSION") or "client")
    embedder: str = field(default_factory=lambda: os.environ.get("RAGQA_EMBEDDER", "e5+use"))
    chunking: ChunkSettings = ChunkSettings()
    generator: str = field(default_factory=lambda: os.environ.get("RAGQA_GENERATOR", "embedded"))
    model: str = field(default_factory=lambda: os.environ.get("RAGQA_MODEL", "default"))
    models_dir: Path = field(default_factory=default_models_dir)
    openai_base_url: str = field(default_factory=lambda: os.environ.get("RAGQA_OPENAI_BASE_URL", ""))
    openai_model: str = field(default_factory=lambda: os.environ.get("RAGQA_OPENAI_MODEL", ""))
    openai_api_key: str = field(default_factory=lambda: os.environ.get("RAGQA_OPENAI_API_KEY", ""))
    request_timeout: float = 60.0
    # Threads for the embedded model; on a machine shared with other work, fewer threads than
    # cores avoid llama.cpp's threads waiting on each other. 0: one per core.
    threads: int = field(default_factory=lambda: int(os.environ.get("RAGQA_THREADS") or 0))
    k: int = 5
    lock_wait: float = 0.0
    max_mb: float = 50.0
    # Read scanned PDF pages with Tesseract (ingest.ocr). Off by default: 2.4-10 s a page.
    ocr: bool = field(default_factory=lambda: os.environ.get("RAGQA_OCR", "") not in ("", "0"))

    def __post_init__(self) -> None:
        if self.k < 1:
            raise ValueError("k must be at least 1")
        if self.store not in STORES:
            raise ValueError(f"unknown store '{self.store}'; use {', '.join(STORES)}")
        if self.store == "milvus" and not self.milvus_uri:
            raise ValueError("--store milvus needs --milvus-uri (or RAGQA_MILVUS_URI): a path ending in .db "
                             "for Milvus Lite, or http://host:19530")
        if self.generator not in GENERATORS:
            raise ValueError(f"unknown generator '{self.generator}'; use {', '.join(GENERATORS)}")

    @property
    def index_label(self) -> str:
        """Where the index is, for reports and messages."""
        return f"milvus {self.milvus_uri}" if self.store == "milvus" else str(self.index_dir)

    @property
    def page_reader(self) -> PageReader | None:
        """What reads scanned PDF pages at ingest: Tesseract when OCR is on, else nothing."""
        if not self.ocr:
            return None
        from ingest.ocr import ocr_pages

        return ocr_pages

    @property
    def model_label(self) -> str:
        """The model a report or a log names: the embedded model, the server's, or none."""
        return {"embedded": self.model, "openai": self.openai_model}.get(self.generator, "")


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Flags override the environment, which overrides the defaults."""
    settings = Settings()
    overrides: dict = {}
    names = {"index": "index_dir", "embedder": "embedder", "generator": "generator", "model": "model",
             "openai_base_url": "openai_base_url", "openai_model": "openai_model", "wait": "lock_wait",
             "max_mb": "max_mb", "k": "k", "timeout": "request_timeout", "threads": "threads",
             "store": "store", "milvus_uri": "milvus_uri", "milvus_fusion": "milvus_fusion"}
    for flag, name in names.items():
        value = vars(args).get(flag)
        if value:
            overrides[name] = value
    if vars(args).get("ocr"):
        overrides["ocr"] = True
    if vars(args).get("chunk_size"):
        overrides["chunking"] = replace(settings.chunking, size=args.chunk_size)
    return replace(settings, **overrides)
