"""What an ingest run did, for the CLI, the chat page and schedulers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (new file, already indexed as)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    chunks_embedded: int = 0
    chunks_total: int = 0
    units_embedded: int = 0
    units_total: int = 0
    pending: list[str] = field(default_factory=list)  # reports published without these parts yet
    pending_parts: list[str] = field(default_factory=list)  # e.g. ["e5"]: computed by complete_pending
    textless: list[tuple[str, str]] = field(default_factory=list)  # (file, "3–7"): scanned pages, not indexed
    ocr: list[tuple[str, str]] = field(default_factory=list)  # (file, "3–7"): scanned pages read by OCR
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """The run as one JSON-ready object (``ragqa ingest --json``, schedulers)."""
        return {
            "added": self.added, "updated": self.updated, "skipped": self.skipped, "removed": self.removed,
            "duplicates": [{"path": p, "same_as": twin} for p, twin in self.duplicates],
            "failed": [{"path": p, "reason": why} for p, why in self.failed],
            "chunks_embedded": self.chunks_embedded, "chunks_total": self.chunks_total,
            "units_embedded": self.units_embedded, "units_total": self.units_total,
            "pending": self.pending, "pending_parts": self.pending_parts,
            "textless": [{"path": p, "pages": pages} for p, pages in self.textless],
            "ocr": [{"path": p, "pages": pages} for p, pages in self.ocr],
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)}, "
            f"removed {len(self.removed)}, duplicates {len(self.duplicates)}, failed {len(self.failed)}; "
            f"embedded {self.chunks_embedded} chunks ({self.chunks_total} in index) and "
            f"{self.units_embedded} evidence units ({self.units_total}) in {self.seconds:.1f}s"
            + "".join(f"; {name}: {'pages' if any(c in pages for c in ',–') else 'page'} {pages} "
                      f"{'have' if any(c in pages for c in ',–') else 'has'} no text (scanned?), not indexed"
                      for name, pages in self.textless)
            + "".join(f"; {name}: {'pages' if any(c in pages for c in ',–') else 'page'} {pages} read by OCR"
                      for name, pages in self.ocr)
        )
