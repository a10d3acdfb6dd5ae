"""OCR of scanned PDF pages (ingest/ocr.py): the option's plumbing with a fake reader, and
Tesseract itself on the scanned pages of eval/realdocs when it is installed."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from core.errors import InputError
from index.build import ingest_paths
from ingest import ocr
from ingest.loaders import load_document
from ragqa.cli.commands import check_ocr
from ragqa.settings import Settings, settings_from_args
from tests.fakes import HashEmbedder

DATA = Path(__file__).parent / "data"
REALDOCS = Path(__file__).resolve().parents[1] / "eval" / "realdocs" / "pdfs"


class FakeOcr:
    """Reads every page it is asked for as one Korean sentence naming the page; records calls."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def __call__(self, data: bytes, pages: Sequence[int]) -> dict[int, str]:
        self.calls.append(list(pages))
        return {n: f"스캔한 {n}쪽의 감사의견은 적정의견이며 재고자산 평가를 핵심감사사항으로 보았다." for n in pages}


def test_scanned_pages_are_read_by_the_ocr_given_and_say_so(tmp_path: Path) -> None:
    reader = FakeOcr()
    doc = load_document(DATA / "scanned.pdf", ocr=reader)
    assert reader.calls and doc.ocr_pages == tuple(reader.calls[0]) and doc.textless_pages == ()
    assert [p.number for p in doc.pages] == reader.calls[0]
    assert "적정의견" in doc.pages[0].text


def test_without_ocr_a_scan_is_refused_with_the_option_named() -> None:
    with pytest.raises(InputError, match="--ocr"):
        load_document(DATA / "scanned.pdf")


def test_a_page_the_ocr_cannot_read_stays_named_textless() -> None:
    doc = load_document(DATA / "scanned.pdf", ocr=lambda data, pages: {pages[0]: "첫 쪽만 읽혔다는 문장입니다."})
    assert len(doc.ocr_pages) == 1 and doc.ocr_pages[0] not in doc.textless_pages


def test_ingest_indexes_ocr_text_and_reports_the_pages(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "scanned.pdf", corpus / "scan.pdf")
    report = ingest_paths([corpus], tmp_path / "index", HashEmbedder(), ocr=FakeOcr())
    assert report.added == ["scan.pdf"] and report.ocr and report.ocr[0][0] == "scan.pdf"
    assert "read by OCR" in report.summary() and report.to_dict()["ocr"][0]["path"] == "scan.pdf"


def test_ocr_is_off_by_default_and_on_by_flag_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAGQA_OCR", raising=False)
    assert Settings().ocr is False and Settings().page_reader is None
    assert settings_from_args(argparse.Namespace(ocr=True)).page_reader is ocr.ocr_pages
    monkeypatch.setenv("RAGQA_OCR", "1")
    assert Settings().ocr is True
    monkeypatch.setenv("RAGQA_OCR", "0")
    assert Settings().ocr is False


def test_asking_for_ocr_without_tesseract_fails_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(ocr.OcrUnavailableError, match="tesseract-ocr-kor"):
        check_ocr(Settings(ocr=True))
    check_ocr(Settings(ocr=False))  # no OCR asked: nothing to check
    with pytest.raises(ocr.OcrUnavailableError):
        ocr.ocr_pages(b"%PDF", [1])


@pytest.mark.parametrize(("raw", "kept"), [
    ("노인 돌봄 확대 : | 380 | 31.6\n| :\n.", "노인 돌봄 확대 380 31.6"),
    ("Net revenue rose 12%\n— ‘ .", "Net revenue rose 12%"),
])
def test_tidy_drops_the_marks_specks_and_rules_leave(raw: str, kept: str) -> None:
    assert ocr.tidy(raw) == kept


@pytest.fixture(scope="module")
def scanned() -> dict[str, str]:
    if not ocr.tesseract_ready():
        pytest.skip("tesseract with Korean data is not installed (apt-get install tesseract-ocr tesseract-ocr-kor)")
    pages = {"public-haeon-welfare-plan-2025.pdf": 4, "legal-2024na20871-lease-deposit-appeal.pdf": 3,
             "finance-onsae-retail-2024-audit.pdf": 1}
    return {name: ocr.ocr_pages((REALDOCS / name).read_bytes(), [page])[page] for name, page in pages.items()}


@pytest.mark.parametrize(("name", "needed"), [
    ("public-haeon-welfare-plan-2025.pdf", ["시민 의견 수렴 결과", "노인 돌봄 확대", "31.6"]),
    ("legal-2024na20871-lease-deposit-appeal.pdf", ["부동산", "1204호", "84.97"]),
    ("finance-onsae-retail-2024-audit.pdf", ["적정의견", "재고자산 평가", "세움회계법인"]),
])
def test_tesseract_reads_the_answers_on_the_realdocs_scans(scanned: dict[str, str], name: str, needed: list[str]) -> None:
    for text in needed:
        assert text in scanned[name], (text, scanned[name][:300])
