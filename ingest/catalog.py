"""The catalog gives each report the title, publisher and date that citations show."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.errors import InputError

CATALOG_NAME = "catalog.json"


@dataclass(frozen=True)
class CatalogEntry:
    title: str = ""
    publisher: str = ""
    date: str = ""
    language: str = ""


def load_catalog(directory: Path) -> dict[str, CatalogEntry]:
    """Entries keyed by file name; a folder without a catalog has none."""
    path = directory / CATALOG_NAME
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(path, f"catalog is not valid JSON ({exc}); fix or remove it") from exc
    fields = set(CatalogEntry.__dataclass_fields__)
    return {
        name: CatalogEntry(**{k: str(v) for k, v in entry.items() if k in fields})
        for name, entry in raw.items()
        if isinstance(entry, dict)
    }
