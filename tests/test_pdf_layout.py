"""PDF pages read as a person reads them (ingest/pdf.py), on a PDF drawn here with fpdf2's
core fonts: running header and footer, a wrapped and hyphenated paragraph, two columns, a
ruled table with a two-level header that continues onto the next page, a page with no text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ingest.loaders import load_document, page_spans
from ingest.pdf import read_pages

LEFT = ("Left column opens here. Harbour dredging removed 1.2 million cubic metres of silt during the "
        "spring season, more than planned.")
RIGHT = ("Right column follows. Ferry ridership on the northern route rose to 84,000 passengers a month "
         "after the new timetable.")


def _pdf() -> bytes:
    from fpdf import FPDF

    class Report(FPDF):
        furniture = True

        def header(self) -> None:
            if not self.furniture:
                return
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, "Port Authority Annual Review 2025", align="C")
            self.ln(10)

        def footer(self) -> None:
            if not self.furniture:
                return
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, f"- {self.page_no()} -", align="C")

    pdf = Report(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 5, "Overview")
    pdf.ln(3)
    # a paragraph wrapped over several lines, one word split by a hyphen at a line end
    pdf.multi_cell(120, 5, "The authority reviewed every berth in the harbour and found that the ship-\n"
                           "ping lanes near the eastern breakwater need deepening before the winter storms arrive.")
    pdf.ln(4)
    top = pdf.get_y()
    pdf.set_xy(10, top)
    pdf.multi_cell(85, 5, LEFT + " " + LEFT)
    pdf.set_xy(110, top + 2.5)  # the columns need not share baselines
    pdf.multi_cell(85, 5, RIGHT + " " + RIGHT)
    pdf.set_y(170)
    pdf.multi_cell(0, 5, "Table 1. Cargo handled")
    rows = [["Terminal", "Containers", ""], ["", "2024", "2025"], ["North", "410", "455"], ["South", "320", "298"]]
    for row in rows:
        pdf.set_x(10)
        for cell in row:
            pdf.cell(40, 7, cell, border=1)
        pdf.ln(7)
    pdf.add_page()
    pdf.set_y(30)
    for row in [["East", "150", "171"], ["West", "95", "102"]]:
        pdf.set_x(10)
        for cell in row:
            pdf.cell(40, 7, cell, border=1)
        pdf.ln(7)
    pdf.ln(5)
    pdf.set_x(10)
    pdf.multi_cell(0, 5, "Dredging continues next year.")
    pdf.furniture = False
    pdf.add_page()  # a scan: a drawing, no text layer at all
    pdf.rect(20, 40, 100, 60)
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return read_pages(_pdf()).pages


def test_running_header_is_read_once_and_page_numbers_are_dropped(pages: list[str]) -> None:
    text = "\n".join(pages)
    assert text.count("Port Authority Annual Review") == 1 and "Port Authority" in pages[0]
    assert "- 1 -" not in text and "- 2 -" not in text


def test_a_wrapped_paragraph_is_one_line_with_its_hyphenation_undone(pages: list[str]) -> None:
    line = next(ln for ln in pages[0].splitlines() if ln.startswith("The authority"))
    assert "shipping lanes" in line and line.endswith("before the winter storms arrive.")


def test_two_columns_are_read_one_after_the_other(pages: list[str]) -> None:
    text = pages[0]
    assert text.index("Left column opens") < text.index("Right column follows")
    left = next(ln for ln in text.splitlines() if ln.startswith("Left column"))
    assert "Right column" not in left and left.count("silt") == 2


def test_a_ruled_table_is_tab_separated_and_its_continuation_carries_the_header(pages: list[str]) -> None:
    first = [ln.split("\t") for ln in pages[0].splitlines() if "\t" in ln]
    assert first[0][0] == "Terminal" and first[1][1:] == ["2024", "2025"] and ["North", "410", "455"] in first
    second = [ln.split("\t") for ln in pages[1].splitlines() if "\t" in ln]
    assert second[0][0] == "Terminal" and second[1][1:] == ["2024", "2025"] and second[2] == ["East", "150", "171"]


def test_a_page_without_a_text_layer_is_named(tmp_path: Path) -> None:
    assert read_pages(_pdf()).textless == [3]
    path = tmp_path / "review.pdf"
    path.write_bytes(_pdf())
    doc = load_document(path)
    assert doc.textless_pages == (3,) and [p.number for p in doc.pages] == [1, 2]
    assert page_spans((3, 4, 5, 7)) == "3–5, 7"
