"""Structure-aware chunking: sections carried as metadata, tables kept with their header."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ingest.sentences import CAPTION as _CAPTION
from ingest.sentences import split_sentences
from ingest.types import Chunk, Document


@dataclass(frozen=True)
class ChunkSettings:
    size: int = 500  # characters; Korean packs ~2.5x more meaning per character than English
    overlap_sentences: int = 1
    min_size: int = 80

    def __post_init__(self) -> None:
        if self.size < 100:
            raise ValueError("chunk size must be at least 100 characters")
        if self.overlap_sentences < 0:
            raise ValueError("overlap_sentences cannot be negative")

    def fingerprint(self) -> str:
        return f"structure-v11:size={self.size}:overlap={self.overlap_sentences}:min={self.min_size}"


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_NUMBERED_HEADINGS = (
    (1, re.compile(r"^(?:[IVX]{1,5}|[0-9]{1,2}장)\.?\s+\S.{0,60}$")),
    (2, re.compile(r"^\d{1,2}\.\s+\S.{0,50}$")),
    (3, re.compile(r"^[■□◆◇▶]\s*\S.{0,50}$")),
)
# A heading line that states a field ("▶ 발행인 : 문 용 식", "Prepared by: …"): a label and its
# value, kept as text when nothing follows under it (a bare title is the next heading's context).
_FIELD = re.compile(r"\S\s*[:：]\s*\S")
_UNIT = re.compile(r"^[(\[]\s*(?:단위|unit)\s*[:：]", re.IGNORECASE)
# A table's title that is not numbered like a caption: an annex's ("[별지] 범죄일람표") or a
# continuation's ("범죄일람표 (계속)"). Short, so a sentence that ends "(계속)" stays text.
_TITLE = re.compile(r"^(?:[\[<〈【](?:별지|별표|부록|첨부|appendix|annex)[^\]>〉】]{0,12}[\]>〉】].{0,50}"
                    r"|.{1,60}\((?:계속|continued)\))$", re.IGNORECASE)
_CONTINUED = re.compile(r"(?:\(|\s)(?:계속|continued)\)?$", re.IGNORECASE)


def _is_caption(line: str) -> bool:
    return bool(_CAPTION.match(line) or _TITLE.match(line))


def _continued(caption: str) -> str:
    """The caption a table's part on a later page goes by."""
    if not caption or _CONTINUED.search(caption):
        return caption
    return caption + (" (계속)" if re.search(r"[가-힣]", caption) else " (continued)")


_UNIT_NOTE = re.compile(r"[(\[]\s*(?:단위|unit)\s*[:：][^)\]]*[)\]]", re.IGNORECASE)


def _with_unit_of(caption: str, before: str) -> str:
    """A continuation's caption ("<표 2> … (계속)") with the unit its first part gave
    ("(단위: 억 원, %)"): the rows on the next page are in the same unit."""
    if not caption or not _CONTINUED.search(caption) or _UNIT_NOTE.search(caption):
        return caption
    base = _CONTINUED.sub("", caption).strip()
    unit = _UNIT_NOTE.search(before)
    # "Table 1 (continued)" continues "Table 1. …", not "Table 12. …"
    same = base and before.startswith(base) and not before[len(base):len(base) + 1].isalnum()
    return f"{caption} {unit.group(0)}" if unit and same else caption


@dataclass
class _Block:
    kind: str  # "heading" | "text" | "table"
    lines: list[str]
    page: int | None
    level: int = 0


def chunk_document(doc: Document, settings: ChunkSettings = ChunkSettings()) -> list[Chunk]:
    blocks = [b for page in doc.pages for b in _blocks(page.text, page.number)]
    chunks: list[Chunk] = []
    headings: dict[int, str] = {}
    caption = ""
    pending: list[str] = []
    pending_page: int | None = None
    pending_section = ""
    # headings nothing has been said under yet: one replaced while still bare ("▶ 발행인 : 문 용 식"
    # before "▶ 작 성") was the whole statement, and is kept as text rather than lost
    bare: set[int] = set()

    def section() -> str:
        return " > ".join(headings[level] for level in sorted(headings))

    def emit(text: str, page: int | None, sect: str, kind: str) -> None:
        ordinal = len(chunks)
        digest = hashlib.sha1(f"{doc.doc_id}|{page}|{ordinal}|{text}".encode()).hexdigest()[:16]
        chunks.append(Chunk(f"{doc.doc_id}-{digest}", doc.doc_id, text, page, sect, kind, ordinal))

    def flush(keep_overlap: bool) -> None:
        nonlocal pending
        if pending:
            emit("\n".join(pending), pending_page, pending_section, "text")
        tail = pending[-settings.overlap_sentences:] if keep_overlap and settings.overlap_sentences else []
        pending = [s for s in tail if len(s) < settings.size // 2]

    def add_text(lines: list[str], page: int | None) -> None:
        nonlocal pending_page, pending_section
        bare.clear()
        if page != pending_page:
            flush(keep_overlap=False)
        for sentence in split_sentences("\n".join(lines)):
            if not pending:
                pending_page, pending_section = page, section()
            if pending and len("\n".join(pending)) + len(sentence) > settings.size:
                flush(keep_overlap=True)
                pending_page, pending_section = page, section()
            pending.append(sentence)

    caption_page: int | None = None
    # (header line, caption, page) of the last table: a table that opens the next page with
    # the same header is its continuation, and its rows are cited by that table's name.
    last_table: tuple[str, str, int | None] | None = None
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            if caption:  # a caption with no table after it is still text worth indexing
                add_text([caption], caption_page)
                caption = ""
            replaced = sorted(lv for lv in headings if lv >= block.level)
            stated = [headings[lv] for lv in replaced if lv in bare and _FIELD.search(headings[lv])]
            if stated:
                parent = {lv: t for lv, t in headings.items() if lv < block.level}
                headings, keep = parent, headings
                add_text(stated, block.page)
                headings = keep
            if len("\n".join(pending)) >= settings.min_size or block.level <= 2:
                flush(keep_overlap=False)
            headings = {lv: t for lv, t in headings.items() if lv < block.level}
            headings[block.level] = block.lines[0]
            bare = {lv for lv in bare if lv < block.level} | {block.level}
            continue
        if block.kind == "text" and len(block.lines) == 1 and _is_caption(block.lines[0]):
            if caption:
                add_text([caption], caption_page)
            caption, caption_page = block.lines[0], block.page
            continue
        if caption and block.kind == "text" and len(block.lines) == 1 and _UNIT.match(block.lines[0]):
            caption += " " + block.lines[0]  # "[표 1] ... (단위: 개)": the unit belongs to the table
            continue
        if block.kind == "table":
            opens_page = i == 0 or blocks[i - 1].page != block.page
            if (not caption and opens_page and last_table and block.page is not None and last_table[2] is not None
                    and block.page == last_table[2] + 1 and block.lines[0] == last_table[0]):
                caption = _continued(last_table[1])
            caption = _with_unit_of(caption, last_table[1] if last_table else "")
            last_table = (block.lines[0], caption, block.page)
            flush(keep_overlap=False)
            for text in _table_chunks(block.lines, caption, settings.size):
                emit(text, block.page, section(), "table")
            bare.clear()
            caption = ""
            continue
        add_text(([caption] if caption else []) + block.lines, block.page)
        caption = ""
    if caption:
        add_text([caption], caption_page)
    if last := [headings[lv] for lv in sorted(bare) if lv in headings and _FIELD.search(headings[lv])]:
        headings = {lv: t for lv, t in headings.items() if lv < min(bare)}
        add_text(last, blocks[-1].page if blocks else None)
    flush(keep_overlap=False)
    return _merge_small(chunks, settings)


def _table_chunks(rows: list[str], caption: str, size: int) -> list[str]:
    """Split a long table by rows, repeating caption and header so each piece stands alone."""
    depth = _header_depth(rows)
    header, body = rows[:depth], rows[depth:]
    prefix = [caption, *header] if caption else header
    pieces: list[str] = []
    current: list[str] = []
    for row in body:
        if current and len("\n".join(prefix + current + [row])) > size:
            pieces.append("\n".join(prefix + current))
            current = []
        current.append(row)
    if current or not pieces:
        pieces.append("\n".join(prefix + current))
    return pieces


def _header_depth(rows: list[str]) -> int:
    """How many leading rows a table piece repeats: the header, with the notes set in its grid
    above it and the rows that continue it ("\t\t현재 활용도\t미래 전망" under "기술 활용도"), as
    ingest.units reads them; a piece with half a header names its columns wrong."""
    cells = [[cell.strip() for cell in row.split("\t")] for row in rows]
    depth = 0
    while depth < len(cells) - 2 and sum(1 for cell in cells[depth] if cell) <= 1:
        depth += 1
    depth += 1
    while depth < len(cells) - 1 and not cells[depth][0] and any(cells[depth]):
        depth += 1
    return depth


def _merge_small(chunks: list[Chunk], settings: ChunkSettings) -> list[Chunk]:
    """A stray short text chunk joins its neighbour on the same page rather than stand alone."""
    out: list[Chunk] = []
    for chunk in chunks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and chunk.kind == prev.kind == "text"
            and chunk.page == prev.page
            and (len(chunk.text) < settings.min_size or len(prev.text) < settings.min_size)
            and len(prev.text) + len(chunk.text) <= settings.size * 1.5
        ):
            out[-1] = Chunk(prev.chunk_id, prev.doc_id, prev.text + "\n" + chunk.text, prev.page,
                            prev.section or chunk.section, "text", prev.ordinal)
            continue
        out.append(chunk)
    return out


def _blocks(text: str, page: int | None) -> list[_Block]:
    blocks: list[_Block] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if blocks and blocks[-1].kind == "text":
                blocks.append(_Block("text", [], page))  # paragraph break
            continue
        level = _heading_level(line)
        if level:
            blocks.append(_Block("heading", [line.lstrip("#").strip()], page, level))
        elif _is_caption(line) and "\t" not in raw:
            # A caption stands alone even when no blank line sets it apart from the paragraph.
            blocks.append(_Block("text", [line], page))
            blocks.append(_Block("text", [], page))
        elif "\t" in raw and raw.count("\t") >= 1 and not line.startswith(("-", "•")):
            if blocks and blocks[-1].kind == "table":
                blocks[-1].lines.append(raw.strip("\n"))
            else:
                blocks.append(_Block("table", [raw.strip("\n")], page))
        elif blocks and blocks[-1].kind == "text":
            blocks[-1].lines.append(line)
        else:
            blocks.append(_Block("text", [line], page))
    out = [b for b in blocks if b.lines]
    # A lone tab-separated line is a wrapped sentence, not a table.
    return [_Block("text", b.lines, b.page) if b.kind == "table" and len(b.lines) < 2 else b for b in out]


def _heading_level(line: str) -> int:
    md = _MD_HEADING.match(line)
    if md:
        return min(len(md.group(1)), 4)
    if len(line) > 60 or line.endswith((".", "다", "음", "함", "됨")):
        return 0
    for level, pattern in _NUMBERED_HEADINGS:
        if pattern.match(line):
            return level
    return 0
