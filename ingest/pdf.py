"""PDF pages read as a person reads them (pdfplumber: characters with their positions).

- Lines are grouped into columns: a two-column page is read column by column, a line that
  spans the gutter (a title, a full-width table) in its place between them.
- Running headers and footers (the same line, numbers aside, at the top or bottom of most
  pages) are read once, where they first appear; bare page numbers are dropped.
- A paragraph's wrapped lines are joined into one line: Korean without a space where the
  break fell inside a word (Kiwi decides), English hyphenation undone.
- Ruled tables come from pdfplumber's table finder, one tab-separated line per row (the
  chunker's table form), a two-level header as two rows; a table continued on the next page
  carries the header of the part before it. Cells set apart by wide gaps in a line without
  rules become tab-separated the same way.
- Pages without a text layer are named, not guessed at.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ingest.pdf_furniture import (
    PAGE_NUMBER,
    furniture_key,
    in_margin,
    is_furniture,
    running_lines,
)
from ingest.pdf_furniture import Line as _Line

# A gap this many times the font size separates table cells or columns: a word space, even
# in justified text, stays under it; a column gutter or a cell's padding does not.
_CELL_GAP = 1.0
_HANGUL = re.compile(r"[가-힣]")


@dataclass
class PdfText:
    pages: list[str] = field(default_factory=list)
    textless: list[int] = field(default_factory=list)  # 1-based pages with no text layer


def read_pages(data: bytes) -> PdfText:
    """Every page's text in reading order; raises what pdfplumber raises on a broken file."""
    import io

    import pdfplumber

    out = PdfText()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        laid = [_page_lines(page) for page in pdf.pages]
        heights = [float(page.height) for page in pdf.pages]
    furniture = running_lines(laid, heights)
    said: set[str] = set()  # a running line is read once, where it first appears (a document number)
    previous_table: list[list[str]] | None = None
    for number, (lines, height) in enumerate(zip(laid, heights), 1):
        if lines is None:
            out.textless.append(number)
            out.pages.append("")
            continue
        kept = []
        for ln in lines:
            if is_furniture(ln, height, furniture):
                key = furniture_key(ln.text)
                if key in said or PAGE_NUMBER.match(ln.text):
                    continue
                said.add(key)
            kept.append(ln)
        text, previous_table = _render(kept, previous_table)
        out.pages.append(text)
    return out


def _page_lines(page: object) -> list[_Line] | None:
    if not page.chars:
        return None
    tables = []
    for found in page.find_tables():
        rows = [[_cell(c) for c in row] for row in found.extract()]
        rows = [r for r in rows if any(r)]
        if rows and max(len(r) for r in rows) >= 2:
            tables.append((found.bbox, rows))
    tables = [t for t in _touching_joined(sorted(tables, key=lambda t: t[0][1])) if len(t[1]) >= 2]

    def outside(obj: dict) -> bool:
        return not any(x0 <= obj["x0"] and obj["x1"] <= x1 and top <= obj["top"] and obj["bottom"] <= bottom
                       for (x0, top, x1, bottom), _ in tables)

    body = page.filter(outside) if tables else page
    rows_of_text = [_segments(ln) for ln in body.extract_text_lines(return_chars=True, strip=True)
                    if ln["text"].strip()]
    width = float(page.width)
    gutter = _gutter(rows_of_text, width, float(page.height))
    lines = []
    height = float(page.height)
    for segs in rows_of_text:
        if in_margin(segs[0], height):
            lines.extend(segs)  # a running header's pieces are matched across pages one by one
        elif gutter is not None and len(segs) > 1 and any(s.x1 <= gutter for s in segs) and any(
                s.x0 >= gutter for s in segs):
            # a row across the gutter is two column lines, one on each side
            for side in ([s for s in segs if s.x1 <= gutter], [s for s in segs if s.x0 >= gutter]):
                if side:
                    lines.append(_merged(side, " "))
        else:
            lines.append(_merged(segs, "\t" if len(segs) >= 3 else " "))
    for (x0, top, x1, bottom), rows in tables:
        lines.append(_Line(x0, x1, top, bottom, "", rows, max(len(r) for r in rows)))
    return _reading_order(lines, width, gutter)


def _touching_joined(tables: list[tuple[tuple, list[list[str]]]]) -> list[tuple[tuple, list[list[str]]]]:
    """Tables that touch, one under the other with the same columns, are one table (a header
    row drawn apart from its body is found as a table of its own)."""
    out: list[tuple[tuple, list[list[str]]]] = []
    for bbox, rows in tables:
        if out:
            (x0, top, x1, bottom), before = out[-1]
            if abs(bbox[0] - x0) < 2 and abs(bbox[2] - x1) < 2 and bbox[1] - bottom < 2 and len(rows[0]) == len(before[0]):
                out[-1] = ((x0, top, x1, bbox[3]), before + rows)
                continue
        out.append((bbox, rows))
    return out


def _cell(value: object) -> str:
    return re.sub(r"\s*\n\s*", " ", str(value or "")).strip()


def _segments(line: dict) -> list[_Line]:
    """A text line cut where a gap much wider than a character sets its pieces apart: table
    cells without rules, or the two columns of a page."""
    chars = [c for c in line.get("chars", []) if c["text"].strip()]
    if not chars:
        return [_Line(line["x0"], line["x1"], line["top"], line["bottom"], line["text"])]
    width = statistics.median(float(c.get("size") or (c["x1"] - c["x0"])) for c in chars)
    pieces: list[list[dict]] = [[chars[0]]]
    for prev, c in zip(chars, chars[1:]):
        gap = c["x0"] - prev["x1"]
        if gap > _CELL_GAP * width:
            pieces.append([c])
        else:
            if gap > 0.1 * width:
                pieces[-1].append({"text": " ", "x0": prev["x1"], "x1": c["x0"]})
            pieces[-1].append(c)
    return [_Line(p[0]["x0"], p[-1]["x1"], line["top"], line["bottom"], "".join(c["text"] for c in p).strip())
            for p in pieces]


def _merged(segs: list[_Line], sep: str) -> _Line:
    return _Line(segs[0].x0, segs[-1].x1, min(s.top for s in segs), max(s.bottom for s in segs),
                 sep.join(s.text for s in segs))


def _reading_order(lines: list[_Line], width: float, gutter: float | None) -> list[_Line]:
    """Top to bottom, or column by column where the page has a gutter. A band of columns ends
    at a line across the gutter (a title, a full-width paragraph or table) or at a gap of
    several lines (what follows is no longer the columns' text)."""
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    if gutter is None:
        return lines
    out: list[_Line] = []
    band: list[_Line] = []
    for ln in lines:
        height = max(ln.bottom - ln.top, 1.0)
        apart = band and ln.top - max(b.bottom for b in band) > 2.5 * height
        if ln.x0 < gutter < ln.x1 or apart:
            out.extend(_columns(band, gutter))
            band = []
        if ln.x0 < gutter < ln.x1:
            out.append(ln)
        else:
            band.append(ln)
    out.extend(_columns(band, gutter))
    return out


def _columns(band: list[_Line], gutter: float) -> list[_Line]:
    return [ln for ln in band if ln.x1 <= gutter] + [ln for ln in band if ln.x0 >= gutter]


def _gutter(rows: list[list[_Line]], width: float, height: float) -> float | None:
    """An x near the middle where column text ends on its left and starts on its right: at
    least four pieces of text on each side that run up to it, and at most two short pieces (a
    centred title) across it. Lines of the two columns need not share a baseline."""
    pieces = [s for segs in rows for s in segs if s.x1 - s.x0 < 0.55 * width and not in_margin(s, height)]
    if len(pieces) < 8:
        return None
    for x in sorted(range(int(0.3 * width), int(0.7 * width), 3), key=lambda v: abs(v - width / 2)):
        if sum(s.x0 < x < s.x1 for s in pieces) > 2:
            continue
        left = sum(x - 0.12 * width <= s.x1 <= x for s in pieces)
        right = sum(x <= s.x0 <= x + 0.06 * width for s in pieces)
        if left >= 4 and right >= 4:
            return float(x)
    return None


def _render(lines: list[_Line], previous_table: list[list[str]] | None) -> tuple[str, list[list[str]] | None]:
    """The page's text: paragraphs joined, tables as tab-separated rows; and its last table
    (the header a continuation on the next page takes)."""
    blocks: list[str] = []
    para: list[_Line] = []
    last_table = None
    widths = [ln.x1 - ln.x0 for ln in lines if ln.table is None and len(ln.text) > 20]
    full = statistics.median(widths) if widths else 0.0

    def flush() -> None:
        if para:
            blocks.append(_join(para))
            para.clear()

    for i, ln in enumerate(lines):
        if ln.table is not None:
            flush()
            rows = ln.table
            if i == 0 and previous_table and _continues(rows, previous_table):
                rows = _header(previous_table) + rows
            blocks.append("\n".join("\t".join(r) for r in rows))
            last_table = rows
            continue
        if "\t" in ln.text:
            flush()
            blocks.append(ln.text)
            continue
        if para and not _same_paragraph(para[-1], ln, full):
            flush()
        para.append(ln)
    flush()
    starts_with_table = bool(lines) and lines[0].table is not None
    return "\n".join(blocks), last_table if last_table is not None else (previous_table if starts_with_table else None)


def _header(rows: list[list[str]]) -> list[list[str]]:
    """The header rows of a table: the first, and a second when its first cell is empty
    (the lower level of a two-level header)."""
    head = rows[:1]
    if len(rows) > 2 and not rows[1][0] and any(rows[1]):
        head = rows[:2]
    return head


def _continues(rows: list[list[str]], before: list[list[str]]) -> bool:
    """A table at the top of a page with the column count of the last table of the page
    before, whose first row is not that table's header again."""
    return len(rows[0]) == len(before[0]) and rows[0] != before[0]


def _same_paragraph(prev: _Line, line: _Line, full: float) -> bool:
    """The next line of the same paragraph: close below, aligned, not a list item, and the
    line before it ran to the measure (a short line, a heading, ends its paragraph)."""
    height = max(prev.bottom - prev.top, 1.0)
    gap = line.top - prev.bottom
    ran_full = not full or prev.x1 - prev.x0 >= 0.75 * full or bool(re.search(r"[A-Za-z]-$", prev.text))
    return (0 <= gap <= 0.9 * height and abs(line.x0 - prev.x0) <= 2.5 * height and ran_full
            and not _starts_item(line.text))


_ITEM = re.compile(r"^\s*(?:[-•·▪○◦□■※*]|\d{1,2}[.)]|[가-하][.)]|\(\d{1,2}\)|[①-⑳])\s")


def _starts_item(text: str) -> bool:
    return bool(_ITEM.match(text))


def _join(lines: list[_Line]) -> str:
    from ingest.korean import glued_across

    text = lines[0].text
    for ln in lines[1:]:
        nxt = ln.text
        if text.endswith("-") and re.match(r"[a-z]", nxt) and re.search(r"[A-Za-z]-$", text):
            text = text[:-1] + nxt  # English hyphenation
        elif _HANGUL.search(text[-1:]) and _HANGUL.search(nxt[:1]) and glued_across(text, nxt):
            text += nxt  # a Korean word cut by the wrap
        else:
            text += " " + nxt
    return text
