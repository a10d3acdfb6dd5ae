"""Question sets (eval/facts.jsonl, eval/devset.jsonl, sets made from feedback): one loader
that checks every item has what scoring needs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.errors import RagError

REQUIRED_KEYS = ("id", "question", "language", "answers", "type")


def read_jsonl(path: Path, what: str = "file") -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; a bad line is named in the error."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RagError(f"cannot read the {what} {path}: {exc.strerror or exc}") from exc
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise RagError(f"{path}, line {number}: not JSON ({exc})") from exc
        if not isinstance(record, dict):
            raise RagError(f"{path}, line {number}: expected a JSON object")
        records.append((number, record))
    return records


def load_items(path: Path) -> list[dict[str, Any]]:
    """The facts items of a JSONL file, checked for the keys scoring needs."""
    items = []
    for number, item in read_jsonl(path, "eval set"):
        missing = [k for k in REQUIRED_KEYS if k not in item]
        if missing:
            raise RagError(f"{path}, line {number}: missing {', '.join(missing)}")
        items.append(item)
    return items


def spread(items: list[dict], n: int) -> list[dict]:
    """``n`` items taken at an even stride, in order: a set is grouped by report, so its first
    ``n`` would all ask about one."""
    if n >= len(items):
        return list(items)
    step = len(items) / n
    return [items[int(k * step)] for k in range(n)]
