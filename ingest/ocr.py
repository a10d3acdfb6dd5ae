"""Text for scanned PDF pages: Tesseract (kor+eng) on page images rendered by pypdfium2.

Optional (`ragqa ingest --ocr`, RAGQA_OCR=1) and off by default: a page costs 2.4 to 10 s on
two shared cores (bench.pdf_scale), against about 0.06 s for a page with a text layer, and its
text is rougher (a table comes back as rows of values, not spelled out with its column names).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from typing import Protocol

from core.errors import RagError

LANGUAGES = "kor+eng"
# Scans are often 150 dpi; Tesseract reads Hangul best with glyphs about 30 px tall, which
# 300 dpi gives for 10-pt type.
DPI = 300
# Longer than any glyph stroke at 300 dpi (about 60 pt): a table rule, not a letter.
RULE_PX = 250
PAGE_TIMEOUT = 120.0


class PageReader(Protocol):
    """Reads the given 1-based pages of a PDF's bytes; a page it cannot read is left out."""

    def __call__(self, data: bytes, pages: Sequence[int]) -> dict[int, str]: ...


class OcrUnavailableError(RagError):
    exit_code = 6

    def __init__(self) -> None:
        super().__init__("OCR needs the tesseract program with Korean data; install it with "
                         "`apt-get install tesseract-ocr tesseract-ocr-kor` (or RAGQA_OCR=1 scripts/install.sh), "
                         "or ingest without --ocr")


def tesseract_ready(languages: str = LANGUAGES) -> bool:
    """Whether the tesseract program is installed with every language of ``languages``."""
    if not shutil.which("tesseract"):
        return False
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], check=False, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    have = set(listed.split())
    return all(lang in have for lang in languages.split("+"))


def ocr_pages(data: bytes, pages: Sequence[int], *, languages: str = LANGUAGES, dpi: int = DPI) -> dict[int, str]:
    """The text Tesseract reads on each of ``pages`` (1-based). Raises OcrUnavailableError
    when tesseract or its language data is missing, so a user who asked for OCR is told."""
    if not pages:
        return {}
    if not tesseract_ready(languages):
        raise OcrUnavailableError()
    import pypdfium2 as pdfium

    out: dict[int, str] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for number in pages:
            image = _cleaned(pdf[number - 1].render(scale=dpi / 72, grayscale=True).to_pil())
            text = _tesseract(image, languages)
            if text:
                out[number] = text
    finally:
        pdf.close()
    return out


def _cleaned(image: object) -> object:
    """Specks removed (a 3x3 median) and ruled lines erased: Tesseract reads a ruled table's
    cells as one picture and returns marks for it, but reads the same cells unruled as rows."""
    import numpy as np
    from PIL import Image, ImageFilter

    pixels = np.array(image.convert("L").filter(ImageFilter.MedianFilter(3)))
    _erase_runs(pixels)
    _erase_runs(pixels.T)
    return Image.fromarray(pixels)


def _erase_runs(pixels: object) -> None:
    """Whiten, in place, every run of dark pixels along a row longer than RULE_PX."""
    import numpy as np

    dark = pixels < 128
    for i in np.flatnonzero(dark.sum(axis=1) >= RULE_PX):
        edges = np.diff(np.concatenate(([0], dark[i].astype(np.int8), [0])))
        for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)):
            if end - start >= RULE_PX:
                pixels[i, start:end] = 255


def _tesseract(image: object, languages: str) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    try:
        # One thread: ingest runs beside the model, and OpenMP threads on two busy cores wait on each other.
        done = subprocess.run(["tesseract", "stdin", "stdout", "-l", languages, "--psm", "4"], input=buffer.getvalue(), check=False,
                              capture_output=True, timeout=PAGE_TIMEOUT, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except subprocess.TimeoutExpired:
        return ""
    return tidy(done.stdout.decode("utf-8", "replace"))


_WORD = re.compile(r"[0-9A-Za-z가-힣]")


def tidy(text: str) -> str:
    """Tesseract's lines with the stray marks of specks and erased rules dropped: a line
    keeps only tokens with a letter or digit, and needs two such characters to stay."""
    lines = []
    for line in text.splitlines():
        tokens = [t for t in line.split() if _WORD.search(t)]
        kept = " ".join(tokens)
        if len(_WORD.findall(kept)) >= 2:
            lines.append(kept)
    return "\n".join(lines)
