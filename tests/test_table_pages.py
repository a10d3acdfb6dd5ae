"""A table continued on the next page: its rows there keep the column names and the table's
name, and a citation of one names its own page, the table and the row."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.types import Hit
from ingest.chunk import chunk_document
from ingest.loaders import load_document
from ingest.types import Document, Page
from ingest.units import chunk_units
from qa.citations import to_citation
from qa.types import Citation, Evidence
from tests.test_pdf_layout import _pdf

REALDOCS = Path(__file__).resolve().parents[1] / "eval" / "realdocs" / "pdfs"
HEADER = "순번\t피해자\t거래 물품\t편취금액(원)"


def _rows(doc: Document) -> list[tuple[int | None, str, object]]:
    return [(c.page, u.text, c) for c in chunk_document(doc) if c.kind == "table" for u in chunk_units(c)]


def _doc(*pages: str) -> Document:
    return Document("d1", "fraud.pdf", "판결", "ko", "h", tuple(Page(i, t) for i, t in enumerate(pages, 1)))


def _cite(doc: Document, row_start: str) -> Citation:
    text, chunk = next((t, c) for _, t, c in _rows(doc) if row_start in t)
    return to_citation(Evidence(1, text, Hit(chunk, 1.0, "fusion", doc.title, doc.source)))


def test_a_continuation_without_its_own_title_is_cited_by_the_table_it_continues() -> None:
    doc = _doc("양형의 이유는 위와 같다.\n[별지] 범죄일람표\n" + HEADER + "\n1\t윤○○\t야전침대\t390,000\n2\t천○○\t텐트\t2,430,000",
               HEADER + "\n25\t조○○\t텐트(4인용)\t910,000\n합계\t\t27회\t25,260,000")
    cite = _cite(doc, "25 →")
    assert cite.location == "p. 2" and cite.page == 2
    assert cite.quote.startswith("[별지] 범죄일람표 (계속) 25 →")
    assert "거래 물품: 텐트(4인용)" in cite.quote and "편취금액(원): 910,000" in cite.quote
    assert _cite(doc, "1 →").quote.startswith("[별지] 범죄일람표 1 →")  # the first part: its own title


@pytest.mark.parametrize("second", [
    "이어지는 문단이 먼저 온다.\n" + HEADER + "\n25\t조○○\t텐트\t910,000",  # the table does not open the page
    "순번\t피해자\t금액\n25\t조○○\t910,000",  # another table: other columns
])
def test_only_a_table_that_opens_the_next_page_with_the_same_header_continues(second: str) -> None:
    doc = _doc("[별지] 범죄일람표\n" + HEADER + "\n1\t윤○○\t야전침대\t390,000", second)
    assert not any("범죄일람표" in text for page, text, _ in _rows(doc) if page == 2)


def test_a_continuation_with_its_own_title_keeps_it() -> None:
    doc = _doc("<표 2> 노선별 이용\n노선\t승객\n101\t10,020", "<표 2> 계속\n노선\t승객\n517\t1,970")
    assert _cite(doc, "517").quote.startswith("<표 2> 계속 517 → 승객: 1,970")


def test_a_continuation_titled_on_its_own_page_keeps_the_unit_its_first_part_gave() -> None:
    doc = _doc("<표 2> 업종별 대출 잔액\n(단위: 억 원)\n업종\t잔액\n제조업\t10,020",
               "<표 2> 업종별 대출 잔액 (계속)\n업종\t잔액\n숙박업\t1,970")
    quote = _cite(doc, "숙박업").quote
    assert quote.startswith("<표 2> 업종별 대출 잔액 (계속) (단위: 억 원) 숙박업 → 잔액: 1,970")
    # another table's continuation does not take it
    other = _doc("<표 2> 업종별 대출 잔액\n(단위: 억 원)\n업종\t잔액\n제조업\t10,020",
                 "<표 3> 지역별 고객 (계속)\n지역\t고객\n동부\t1,970")
    assert "단위" not in _cite(other, "동부").quote
    # nor does "Table 1" take the unit of "Table 12"
    prefix = _doc("Table 12. Loans by sector\n(Unit: KRW bn)\nSector\tLoans\nRetail\t10,020",
                  "Table 1 (continued)\nRegion\tClients\nEast\t1,970")
    assert "Unit" not in _cite(prefix, "East").quote


def test_a_ruled_table_across_pdf_pages_is_cited_by_page_table_and_row(tmp_path: Path) -> None:
    path = tmp_path / "review.pdf"
    path.write_bytes(_pdf())
    cite = _cite(load_document(path), "East")
    assert cite.location == "p. 2"
    assert cite.quote.startswith("Table 1. Cargo handled (continued) East →")
    assert "Containers 2025: 171" in cite.quote


def test_the_realdocs_wage_table_continued_without_a_header_is_cited_on_page_3() -> None:
    cite = _cite(load_document(REALDOCS / "legal-2024gahap7720-unpaid-overtime.pdf"), "2023. 11. →")
    assert cite.page == 3 and cite.quote.startswith("[별지] 미지급 연장근로수당 계산표 (계속) 2023. 11. →")
    assert "미지급액(원): 625,300" in cite.quote
