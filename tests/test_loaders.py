"""Loading real files: pages and titles from PDFs, legacy encodings, and refusals that say why."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import DATA

from ingest.catalog import CatalogEntry
from ingest.loaders import doc_id_for, load_document
from core.errors import InputError


def test_korean_pdf_pages_and_title() -> None:
    doc = load_document(DATA / "korean_report.pdf")
    assert doc.title == "양자컴퓨팅 산업 동향 2025"  # from PDF /Title metadata
    assert doc.language == "ko"
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert "2025년 국내 양자컴퓨팅 스타트업은 총 37개로 집계되었다." in doc.pages[1].text
    assert "양자 오류 정정 예산은 412억 원으로 책정되었다." in doc.pages[2].text
    assert "37개" not in doc.pages[2].text and "412억" not in doc.pages[1].text
    assert doc.source == "korean_report.pdf"
    assert len(doc.content_hash) == 64


def test_english_pdf() -> None:
    doc = load_document(DATA / "english_report.pdf")
    assert doc.title == "Offshore Wind Outlook 2030"
    assert doc.language == "en"
    assert "Installed offshore wind capacity reached 83 gigawatts in 2030." in doc.pages[1].text


def test_cp949_text_decoded() -> None:
    doc = load_document(DATA / "cp949.txt")
    text = doc.pages[0].text
    assert "해상풍력 단지의 연간 발전량은 1,920기가와트시로 추정된다." in text
    assert doc.pages[0].number is None
    assert doc.language == "ko"
    assert doc.title == "서해안 해상풍력 보고서 요약"  # first line when there is no metadata


def test_markdown_front_matter_title_and_catalog_override(tmp_path: Path) -> None:
    path = tmp_path / "blog.md"
    path.write_text("---\ntitle: 'State of AI 2023'\n---\n# Heading\n\nModels grew.\n", encoding="utf-8")
    assert load_document(path).title == "State of AI 2023"
    entry = CatalogEntry(title="카탈로그 제목", publisher="SPRI", date="2024-03-18")
    doc = load_document(path, entry)
    assert (doc.title, doc.publisher, doc.date) == ("카탈로그 제목", "SPRI", "2024-03-18")


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff보고서 제목\r\n수출이 43.9% 늘었다.\r\n".encode("utf-8"))
    doc = load_document(path)
    assert doc.pages[0].text == "보고서 제목\n수출이 43.9% 늘었다."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_text_not_binary(tmp_path: Path, encoding: str) -> None:
    # Notepad's "Unicode" files are full of NULs; the BOM says they are text.
    path = tmp_path / "notepad.txt"
    path.write_bytes("\ufeff해상풍력 보고서\r\n발전량은 1,920기가와트시이다.".encode(encoding))
    assert load_document(path).pages[0].text == "해상풍력 보고서\n발전량은 1,920기가와트시이다."


def test_doc_id_depends_on_path(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    assert doc_id_for(a) == doc_id_for(tmp_path / "." / "a.txt")
    assert doc_id_for(a) != doc_id_for(b)


def _fixture(name: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        return Path(shutil.copy(DATA / name, tmp / name))

    return make


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


_RANDOM = bytes(random.Random(7).randrange(256) for _ in range(4096))

# (case, make file, fragment naming the problem, fragment saying what to do)
BAD_INPUTS = [
    ("encrypted", _fixture("encrypted.pdf"), "password", "unencrypted copy"),
    ("scanned", _fixture("scanned.pdf"), "no text layer", "OCR"),
    ("corrupt", _fixture("corrupt.pdf"), "corrupt", "re-export"),
    ("empty", _write("빈파일.txt", b""), "empty", "nothing to index"),
    ("blank", _write("blank.md", b"  \n\n \t\n"), "no text", "nothing to index"),
    ("binary", _write("data.txt", b"\x00\x01PK\x03\x04" + _RANDOM), "binary", "UTF-8 text file"),
    ("docx", _write("보고서.docx", b"PK\x03\x04 not really a docx"), "unsupported", "convert it"),
    ("no suffix", _write("README", b"plain text"), "unsupported", "convert it"),
]


@pytest.mark.parametrize(("case", "make", "problem", "action"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_refused_with_reason(
    tmp_path: Path, case: str, make: Callable[[Path], Path], problem: str, action: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        load_document(path)
    message = str(info.value)
    assert str(path) in message and info.value.path == str(path)
    assert problem.lower() in message.lower()
    assert action.lower() in message.lower()


def test_over_limit_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("해상풍력 발전량이 늘었다. " * 200, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_document(path, max_bytes=1000)
    assert str(path) in str(info.value)
    assert "limit" in str(info.value) and "--max-mb" in str(info.value)
    assert load_document(path, max_bytes=10_000).pages  # the same file under a higher limit is fine


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        load_document(tmp_path / "gone.txt")
