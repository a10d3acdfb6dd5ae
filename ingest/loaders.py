"""Read .txt, .md and .pdf files into Documents, refusing bad input with a reason."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest.catalog import CatalogEntry
from ingest.clean import clean_text, continued_captions, parse_front_matter
from ingest.files import safe_filename
from ingest.language import detect_language
from ingest.ocr import PageReader
from ingest.types import Document, Page
from core.errors import InputError

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf")
_MB = 1024 * 1024  # the CLI's --max-mb counts these
DEFAULT_MAX_BYTES = 50 * _MB


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def doc_id_for(path: Path) -> str:
    return hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:12]


def load_document(
    path: Path,
    entry: CatalogEntry | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ocr: PageReader | None = None,
) -> Document:
    """Load one report; raise InputError naming the file and what to do when it cannot be used.
    ``ocr`` reads the pages of a PDF that have no text layer (ingest.ocr.ocr_pages); without it
    they are named in ``textless_pages`` and left out."""
    check_file(path, max_bytes=max_bytes)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc
    entry = entry or CatalogEntry()
    textless: tuple[int, ...] = ()
    read_by_ocr: tuple[int, ...] = ()
    if suffix == ".pdf":
        pages, meta_title, textless, read_by_ocr = _read_pdf(path, data, ocr)
    else:
        text = _decode_text(path, data)
        meta, text = parse_front_matter(text)
        pages, meta_title = (Page(None, clean_text(continued_captions([text])[0])),), meta.get("title", "")
    full = "\n".join(p.text for p in pages)
    if not full.strip():
        raise InputError(path, "no text left after cleaning; nothing to index")
    title = entry.title or meta_title or _first_heading(full) or path.stem
    return Document(
        doc_id=doc_id_for(path),
        source=safe_filename(path.name),
        title=title.strip(),
        language=entry.language or detect_language(full),
        content_hash=content_hash(data),
        pages=pages,
        publisher=entry.publisher,
        date=entry.date,
        textless_pages=textless,
        ocr_pages=read_by_ocr,
    )


def check_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """The checks that need no reading: type, existence, size. Run before hashing a file,
    so a 4 GB video in a folder is refused without being read into memory."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(path, f"unsupported file type '{suffix or '(none)'}'; convert it to PDF, .txt or .md")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc
    if size == 0:
        raise InputError(path, "file is empty; nothing to index")
    if size > max_bytes:
        raise InputError(
            path,
            f"file is {_mb(size)} MB, over the {_mb(max_bytes)} MB limit; "
            "split it or raise the limit with --max-mb",
        )


def _mb(n: int) -> str:
    value = n / _MB
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


def _decode_text(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Windows Notepad's "Unicode" is UTF-16 with a BOM: its NULs do not make it binary.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, "looks like UTF-16 but does not decode; save it as UTF-8 and add it again") from exc
    elif b"\x00" in data[:8192]:
        raise InputError(path, "looks like a binary file, not text; give the original PDF or a UTF-8 text file")
    else:
        text = _decode_8bit(path, data)
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:20000]) // 100):
        raise InputError(path, "looks like a binary file, not text; give the original PDF or a UTF-8 text file")
    return text


def _decode_8bit(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "text encoding not recognised; save it as UTF-8 and add it again")
    return str(best)


def _read_pdf(path: Path, data: bytes, ocr: PageReader | None
              ) -> tuple[tuple[Page, ...], str, tuple[int, ...], tuple[int, ...]]:
    """Pages in reading order (ingest.pdf, on pdfplumber), scanned ones by ``ocr`` when given;
    pypdf serves for what it does well: telling an encrypted or broken file apart, and the
    metadata title. Returns pages, title, pages left textless, pages read by OCR."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from ingest.pdf import read_pages

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "PDF is password-protected; save an unencrypted copy and add that")
        title = str((reader.metadata or {}).get("/Title") or "")
        laid = read_pages(data)
    except InputError:
        raise
    except Exception as exc:  # pypdf and pdfminer raise many types for broken files
        if type(exc).__name__ in ("DependencyError", "PDFPasswordIncorrect") or "crypt" in str(exc).lower():
            raise InputError(path, "PDF is encrypted; save an unencrypted copy and add that") from exc
        kind = "corrupt or truncated" if isinstance(exc, (PdfReadError, ValueError, KeyError)) else str(exc)
        raise InputError(path, f"cannot be read as PDF ({kind}); re-export it and add it again") from exc
    texts = list(laid.pages)
    read = ocr(data, laid.textless) if ocr and laid.textless else {}
    for number, text in read.items():
        texts[number - 1] = text
    texts = continued_captions(texts)
    pages = tuple(Page(i + 1, clean_text(t)) for i, t in enumerate(texts) if t.strip())
    if not pages:
        hint = "OCR found no text either" if ocr else "ingest it with --ocr (RAGQA_OCR=1), or run OCR on it first"
        raise InputError(path, f"PDF has no text layer (scanned images?); {hint}")
    read_by_ocr = tuple(n for n in laid.textless if texts[n - 1].strip())
    return pages, title, tuple(n for n in laid.textless if n not in read_by_ocr), read_by_ocr


def page_spans(numbers: tuple[int, ...]) -> str:
    """1, 2, 3, 5 -> "1–3, 5": how an ingest result names pages."""
    spans: list[list[int]] = []
    for n in sorted(numbers):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in spans)


def _first_heading(text: str) -> str:
    for line in text.splitlines()[:40]:
        line = line.strip().lstrip("#").strip()
        if 4 <= len(line) <= 120 and not re.match(r"^[-•·*]", line):
            return line
    return ""
