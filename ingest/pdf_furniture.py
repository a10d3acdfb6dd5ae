"""Running furniture of a PDF page: the lines (numbers aside) found in the top or bottom
margin of at least half the pages, and page numbers, read once rather than on every page
(ingest.pdf)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# A line in this top or bottom share of the page may be running furniture.
MARGIN = 0.09
PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:p\.?\s*|page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$|"
                         r"^\s*\d{1,4}\s*(?:쪽|페이지)\s*$|^\s*page\s+\d{1,4}\s+of\s+\d{1,4}\s*$", re.IGNORECASE)


@dataclass
class Line:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    table: list[list[str]] | None = None  # a table block in place of a line
    cols: int = 0


def furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text)).strip()


def running_lines(pages: list[list[Line] | None], heights: list[float]) -> set[str]:
    """Lines (numbers aside) found in the top or bottom margin of at least half the pages."""
    with_text = [(lines, h) for lines, h in zip(pages, heights) if lines]
    if len(with_text) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines, height in with_text:
        seen.update({furniture_key(ln.text) for ln in lines if ln.table is None and in_margin(ln, height)})
    return {key for key, n in seen.items() if key and n >= max(2, len(with_text) / 2)}


def in_margin(line: Line, height: float) -> bool:
    return line.bottom <= MARGIN * height or line.top >= (1 - MARGIN) * height


def is_furniture(line: Line, height: float, running: set[str]) -> bool:
    if line.table is not None or not in_margin(line, height):
        return False
    return furniture_key(line.text) in running or bool(PAGE_NUMBER.match(line.text))
