"""Split a chunk into evidence units: sentences, list items and spelled-out table rows.

A small model copies whatever number sits nearest the question's words; showing it a few
whole claims (one sentence, one row with its column names) instead of whole chunks is what
keeps it right. Units are cut at ingest so that they can be embedded once, not per question.
"""

from __future__ import annotations

import re

from ingest.sentences import LIST_MARKER, continuation, split_line
from ingest.types import Chunk, Unit

# Source and note lines name where a figure came from; they never answer a question.
_NOISE = re.compile(r"^(?:자료|출처|주|Source|Note)\s*[:：]", re.IGNORECASE)
# Below this a piece is a label or a stray footnote mark ("¹", "AI 개요"), not a claim.
MIN_UNIT_CHARS = 8


def chunk_units(chunk: Chunk) -> list[Unit]:
    """The units of one chunk in reading order; ``unit_id`` is f"{chunk_id}:{ordinal}"."""
    if chunk.kind == "table":
        rows = table_rows(chunk.text)
        pieces = [("row", label, text) for label, text in rows]
        if not pieces and chunk.text.strip():
            pieces = [("row", "", chunk.text.strip())]  # a table that would not parse stays whole
    else:
        pieces = [(kind, "", text) for kind, text in _absorb_short(_text_pieces(chunk.text))]
    return [
        Unit(f"{chunk.chunk_id}:{i}", chunk.chunk_id, i, kind, text, label)
        for i, (kind, label, text) in enumerate(pieces)
    ]


def _text_pieces(text: str) -> list[list[str]]:
    """[kind, text] per sentence or item; a piece that starts mid-word or mid-sentence
    (a hard-wrapped line the chunker could not see as one) joins the piece before it."""
    pieces: list[list[str]] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or _NOISE.match(line):
            continue
        item = bool(LIST_MARKER.match(line))
        body = _strip_markers(line) if item else line
        for k, sentence in enumerate(split_line(body)):
            if _NOISE.match(sentence):
                continue
            glue = continuation(pieces[-1][1], line if k == 0 else sentence) if pieces else None
            if glue is not None:
                pieces[-1][1] += glue + sentence
            else:
                pieces.append(["item" if item else "sentence", sentence])
    return pieces


def _absorb_short(pieces: list[list[str]]) -> list[tuple[str, str]]:
    """A piece too short to state anything joins its neighbour rather than stand alone:
    the one before it, or for a chunk's first piece (a label, "AI 개요") the one after."""
    out: list[list[str]] = []
    carry = ""
    for kind, text in pieces:
        if len(text) < MIN_UNIT_CHARS:
            if out:
                out[-1][1] += " " + text
            else:
                carry = f"{carry} {text}".strip()
            continue
        out.append([kind, f"{carry} {text}" if carry else text])
        carry = ""
    if carry:
        out.append(["sentence", carry])  # the whole chunk is one short line; keep it
    return [(kind, text) for kind, text in out]


def _strip_markers(line: str) -> str:
    # Nested bullets come stacked ("- * 참고"); the model needs the words, not the glyphs.
    while (match := LIST_MARKER.match(line)) and match.end() < len(line):
        line = line[match.end():].lstrip()
    return line


def table_rows_as_text(text: str) -> list[str]:
    return [row for _, row in table_rows(text)]


def table_rows(text: str) -> list[tuple[str, str]]:
    """(label, "한국 → 2021년: 3, 2023년: 8, 계: 11, 순위: 3"): a small model reads a row right
    only when each value sits beside its column name (two-row headers are merged)."""
    lines = [line for line in text.split("\n") if line.strip()]
    caption = " ".join(line.strip() for line in lines if "\t" not in line)
    rows = [[cell.strip() for cell in line.split("\t")] for line in lines if "\t" in line]
    # A leading row with at most one filled cell is a unit note or stray text set in the
    # table's grid ("\t\t\t(단위: %)"), not the header: read as the header it would hide
    # every column name of the row below it.
    while len(rows) > 2 and sum(1 for cell in rows[0] if cell) <= 1:
        caption = " ".join(p for p in (caption, *rows.pop(0)) if p)
    if len(rows) < 2:
        return []
    header = rows[0]
    body = rows[1:]
    while body and not body[0][0] and any(body[0]):  # a header continued on the next row
        header = _merge_header(header, body.pop(0))
    # A merged header cell spans the empty ones to its right ("기업" over country and company);
    # a merged first-column cell spans the empty ones below it (one country, several companies).
    last = max((i for i, name in enumerate(header) if name), default=-1)
    names, carry = [], ""
    for i, name in enumerate(header):
        carry = name or (carry if i < last else "")  # a trailing unnamed column spans nothing
        names.append(carry)
    out = []
    label = ""
    for row in body:
        # a total row ("합계", "Total") belongs to no group above it
        label = row[0] or (label if any(row[1:]) and not any(_TOTAL.match(c) for c in row[1:]) else "")
        pairs = [f"{name}: {value}" for name, value in zip(names[1:], row[1:]) if value and name]
        out.append((label, f"{caption} {label or '-'} → {', '.join(pairs)}".strip() if pairs else " | ".join(row)))
    return out


_TOTAL = re.compile(r"^\s*(?:합\s*계|총\s*계|소\s*계|계|total|sum|subtotal)\s*$", re.IGNORECASE)


def _merge_header(top: list[str], bottom: list[str]) -> list[str]:
    width = max(len(top), len(bottom))
    top = top + [""] * (width - len(top))
    bottom = bottom + [""] * (width - len(bottom))
    merged, carry = [], ""
    for upper, lower in zip(top, bottom):
        carry = upper or (carry if lower else "")
        merged.append(" ".join(p for p in (carry, lower) if p) if lower else upper)
    return merged
