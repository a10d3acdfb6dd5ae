"""Regenerate the realistic PDF reports in eval/realdocs/pdfs/.

Run manually (nothing imports this module):

    python eval/realdocs/make.py [--font /path/to/Hangul.ttf] [--out eval/realdocs/pdfs]

The font path comes from --font, else the RAGQA_FONT environment variable, else the Debian
``fonts-nanum`` location, as in tests/fixtures_make.py. The font's hinting is dropped before
embedding (fpdf2 then embeds only the glyphs each report uses), which halves the PDFs' size
without changing how they look. Scanned pages are rendered with Pillow from the same font and
placed as 1-bit images, so they carry no text layer.

All content is invented: the organisations, people, cases and figures are fictional, and the
figures in each report are internally consistent (tables add up, percentages match).
Dates, seeds and the PDF creation date are fixed, so the output is byte-stable for a given
fpdf2 / fontTools / Pillow version.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import logging
import os
import random
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

DEFAULT_FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
OUT_DIR = Path(__file__).resolve().parent / "pdfs"
FIXED_DATE = _dt.datetime(2025, 3, 1, tzinfo=_dt.UTC)

GREY = (95, 95, 95)
HEAD_FILL = (228, 233, 240)
TOTAL_FILL = (245, 245, 245)
ACCENT = (24, 52, 96)


# --------------------------------------------------------------------------------------
# font
# --------------------------------------------------------------------------------------


def strip_hinting(font_path: str, out_dir: str) -> str:
    """A copy of the font without TrueType hinting (and VTT source tables); glyphs unchanged."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    font = TTFont(font_path, recalcTimestamp=False)
    opts = subset.Options()
    opts.hinting = False
    opts.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "DSIG"]
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=font.getBestCmap().keys())
    sub.subset(font)
    out = os.path.join(out_dir, "body-nohint.ttf")
    font.save(out)
    return out


# --------------------------------------------------------------------------------------
# scanned pages
# --------------------------------------------------------------------------------------

SCAN_W, SCAN_H = 1240, 1754  # A4 at 150 dpi


def render_scan(spec: Sequence[tuple], font_path: str, seed: int) -> bytes:
    """A PNG 'scan' of one page: text and rules drawn with Pillow, slightly skewed, 1-bit.

    spec items: ("title", text) ("h", text) ("p", text) ("right", text) ("center", text)
    ("gap", px) ("table", [col px widths], [rows], header_rows) ("stamp", text)
    """
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (SCAN_W, SCAN_H), 255)
    draw = ImageDraw.Draw(img)
    fonts = {size: ImageFont.truetype(font_path, size) for size in (22, 24, 26, 30, 40)}
    left, right = 150, SCAN_W - 150
    y = 150

    def wrap(text: str, font, width: int) -> list[str]:
        lines, cur = [], ""
        for word in text.split(" "):
            trial = (cur + " " + word).strip()
            if font.getlength(trial) <= width or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = word
        if cur:
            lines.append(cur)
        return lines

    for item in spec:
        kind = item[0]
        if kind == "title":
            f = fonts[40]
            w = f.getlength(item[1])
            draw.text(((SCAN_W - w) / 2, y), item[1], font=f, fill=10)
            y += 80
        elif kind == "center":
            f = fonts[26]
            w = f.getlength(item[1])
            draw.text(((SCAN_W - w) / 2, y), item[1], font=f, fill=10)
            y += 44
        elif kind == "h":
            draw.text((left, y), item[1], font=fonts[30], fill=10)
            y += 52
        elif kind == "p":
            for line in wrap(item[1], fonts[26], right - left):
                draw.text((left, y), line, font=fonts[26], fill=15)
                y += 42
            y += 12
        elif kind == "right":
            f = fonts[26]
            draw.text((right - f.getlength(item[1]), y), item[1], font=f, fill=15)
            y += 44
        elif kind == "gap":
            y += item[1]
        elif kind == "table":
            widths, rows, head_rows = item[1], item[2], item[3]
            f = fonts[24]
            row_h = 46
            x0 = left
            for r, row in enumerate(rows):
                x = x0
                if r < head_rows:
                    draw.rectangle([x0, y, x0 + sum(widths), y + row_h], fill=225)
                for c, cell in enumerate(row):
                    tw = f.getlength(cell)
                    tx = x + (widths[c] - tw) / 2 if (r < head_rows or c > 0) else x + 12
                    if r >= head_rows and c > 0:
                        tx = x + widths[c] - tw - 12
                    draw.text((tx, y + 10), cell, font=f, fill=10)
                    x += widths[c]
                y += row_h
            # rules
            top = y - row_h * len(rows)
            for r in range(len(rows) + 1):
                draw.line([x0, top + r * row_h, x0 + sum(widths), top + r * row_h], fill=20, width=2)
            x = x0
            for c in range(len(widths) + 1):
                draw.line([x, top, x, y], fill=20, width=2)
                if c < len(widths):
                    x += widths[c]
            y += 24
        elif kind == "stamp":
            cx, cy, rad = right + 50, y - 70, 42
            draw.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], outline=40, width=4)
            f = fonts[30]
            w = f.getlength(item[1])
            draw.text((cx - w / 2, cy - 18), item[1], font=f, fill=40)
        else:  # pragma: no cover - spec typo
            raise ValueError(kind)

    rng = random.Random(seed)
    img = img.rotate(rng.choice((-0.45, -0.3, 0.3, 0.5)), resample=Image.BICUBIC, fillcolor=255)
    draw = ImageDraw.Draw(img)
    for _ in range(260):  # dust
        x, y0 = rng.randrange(SCAN_W), rng.randrange(SCAN_H)
        r = rng.choice((1, 1, 1, 2))
        draw.ellipse([x, y0, x + r, y0 + r], fill=rng.randrange(60, 140))
    for _ in range(2):  # a copier streak at the margin
        x = rng.choice((rng.randrange(30, 110), rng.randrange(SCAN_W - 110, SCAN_W - 30)))
        draw.line([x, 0, x + rng.randrange(-4, 5), SCAN_H], fill=120, width=1)
    bw = img.point(lambda v: 255 if v > 160 else 0).convert("1")
    buf = io.BytesIO()
    bw.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


# --------------------------------------------------------------------------------------
# the report class
# --------------------------------------------------------------------------------------


def _fpdf_base():
    from fpdf import FPDF

    return FPDF


class Cell:
    """A header cell spanning columns and/or rows."""

    def __init__(self, text: str, colspan: int = 1, rowspan: int = 1):
        self.text, self.colspan, self.rowspan = text, colspan, rowspan


def make_report_class():
    FPDF = _fpdf_base()

    class Report(FPDF):
        def __init__(self, *, lang: str, title: str, author: str, font_path: str | None,
                     head_left: str = "", head_right: str = "", foot: str = "- {p} -",
                     foot_left: str = "", seed: int = 0):
            super().__init__(format="A4")
            self.lang = lang
            self.head_left, self.head_right = head_left, head_right
            self.foot, self.foot_left = foot, foot_left
            self.plain_pages: set[int] = set()
            self.font_path = font_path
            self.seed = seed
            self.set_creation_date(FIXED_DATE)
            self.set_title(title)
            self.set_author(author)
            self.set_creator("eval/realdocs/make.py")
            self.set_lang("ko" if lang == "ko" else "en")
            self.set_margins(20, 18, 20)
            self.set_auto_page_break(auto=True, margin=20)
            if lang == "ko":
                self.add_font("KR", "", font_path)
                self.body = "KR"
            else:
                self.body = "Helvetica"
            self.body_size = 10
            self.lh = 6.0 if lang == "ko" else 5.4
            self.set_font(self.body, size=self.body_size)

        # ---- running header / footer --------------------------------------------
        def _style(self, bold: bool = False):
            return "B" if bold and self.body == "Helvetica" else ""

        def header(self):
            if self.page in self.plain_pages or not (self.head_left or self.head_right):
                return
            font = (self.font_family, self.font_style, self.font_size_pt)
            self.set_font(self.body, "", 8)
            self.set_text_color(*GREY)
            self.set_xy(self.l_margin, 9)
            half = (self.w - self.l_margin - self.r_margin) / 2
            self.cell(half, 5, self.head_left)
            self.cell(half, 5, self.head_right, align="R")
            self.set_draw_color(150, 150, 150)
            self.line(self.l_margin, 14.5, self.w - self.r_margin, 14.5)
            self.set_draw_color(0, 0, 0)
            self.set_text_color(0, 0, 0)
            self.set_xy(self.l_margin, 20)
            self.set_font(font[0], font[1], font[2])

        def footer(self):
            if self.page in self.plain_pages:
                return
            font = (self.font_family, self.font_style, self.font_size_pt)
            self.set_font(self.body, "", 8)
            self.set_text_color(*GREY)
            self.set_y(-13)
            text = self.foot.format(p=self.page_no(), n="{nb}")
            if self.foot_left:
                half = (self.w - self.l_margin - self.r_margin) / 2
                self.cell(half, 5, self.foot_left)
                self.cell(half, 5, text, align="R")
            else:
                self.cell(0, 5, text, align="C")
            self.set_text_color(0, 0, 0)
            self.set_font(font[0], font[1], font[2])

        # ---- text blocks ----------------------------------------------------------
        def font(self, size: float | None = None, bold: bool = False):
            self.set_font(self.body, self._style(bold), size or self.body_size)

        def need(self, mm: float):
            """Start a new page unless ``mm`` of space is left."""
            if self.get_y() + mm > self.page_break_trigger:
                self.add_page()

        def title_block(self, title: str, subtitle: str = "", meta: Sequence[str] = ()):
            self.font(18 if self.lang == "ko" else 17, bold=True)
            self.set_text_color(*ACCENT)
            self.multi_cell(0, 10, title, align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)
            if subtitle:
                self.font(12)
                self.multi_cell(0, 7, subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
            if meta:
                self.ln(1)
                self.font(9)
                self.set_text_color(*GREY)
                for line in meta:
                    self.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0, 0, 0)
            self.set_draw_color(*ACCENT)
            self.set_line_width(0.6)
            self.line(self.l_margin, self.get_y() + 2, self.w - self.r_margin, self.get_y() + 2)
            self.set_line_width(0.2)
            self.set_draw_color(0, 0, 0)
            self.ln(6)
            self.font()

        def h1(self, text: str):
            self.need(24)
            self.ln(2)
            self.font(13 if self.lang == "ko" else 12, bold=True)
            self.set_text_color(*ACCENT)
            self.multi_cell(0, 8, text, align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)
            self.ln(1)
            self.font()

        def h2(self, text: str):
            self.need(18)
            self.ln(1)
            self.font(11, bold=True)
            self.multi_cell(0, 7, text, align="L", new_x="LMARGIN", new_y="NEXT")
            self.font()

        def p(self, text: str, size: float | None = None, indent: float = 0, gap: float = 2.5):
            self.font(size)
            self.set_x(self.l_margin + indent)
            self.multi_cell(0, self.lh if size is None else size * 0.58, text, align="L",
                            new_x="LMARGIN", new_y="NEXT")
            self.ln(gap)

        def center(self, text: str, size: float = 11, h: float = 8, bold: bool = False):
            self.font(size, bold=bold)
            self.cell(0, h, text, align="C", new_x="LMARGIN", new_y="NEXT")
            self.font()

        def right(self, text: str, size: float | None = None, h: float = 7):
            self.font(size)
            self.cell(0, h, text, align="R", new_x="LMARGIN", new_y="NEXT")
            self.font()

        def numbered(self, items: Sequence[str], fmt: str = "{}.", indent: float = 0,
                     label_w: float = 8, start: int = 1, gap: float = 1.2):
            self.font()
            width = self.w - self.r_margin - self.l_margin - indent - label_w
            for i, item in enumerate(items, start):
                self.need(self.lh * 2)
                self.set_x(self.l_margin + indent)
                self.cell(label_w, self.lh, fmt.format(i))
                self.multi_cell(width, self.lh, item, align="L", new_x="LMARGIN", new_y="NEXT")
                self.ln(gap)
            self.ln(1.5)

        def bullets(self, items: Sequence[str], mark: str = "-", indent: float = 2):
            self.numbered(items, fmt=mark, indent=indent, label_w=5)

        def labeled(self, rows: Sequence[tuple[str, str]], label_w: float = 28, gap: float = 1.5):
            """Two-column label/value lines, as in the caption of a Korean judgment."""
            self.font()
            for label, value in rows:
                self.cell(label_w, self.lh, label)
                self.multi_cell(0, self.lh, value, align="L", new_x="LMARGIN", new_y="NEXT")
                self.ln(gap)

        def box(self, lines: Sequence[str], title: str = "", fill=(242, 245, 250)):
            """A bordered summary box; each line is its own wrapped paragraph."""
            self.font()
            x, y0 = self.l_margin, self.get_y()
            width = self.w - self.l_margin - self.r_margin
            # measure
            height = 4
            if title:
                height += 8
            for line in lines:
                n = len(self.multi_cell(width - 10, self.lh, line, dry_run=True, output="LINES"))
                height += n * self.lh + 1.5
            self.need(height + 2)
            y0 = self.get_y()
            self.set_fill_color(*fill)
            self.set_draw_color(*ACCENT)
            self.rect(x, y0, width, height, style="DF")
            self.set_draw_color(0, 0, 0)
            self.set_xy(x + 5, y0 + 2)
            if title:
                self.font(11, bold=True)
                self.set_text_color(*ACCENT)
                self.cell(width - 10, 8, title, new_x="LEFT", new_y="NEXT")
                self.set_text_color(0, 0, 0)
                self.font()
            for line in lines:
                self.set_x(x + 5)
                self.multi_cell(width - 10, self.lh, line, align="L", new_x="LEFT", new_y="NEXT")
                self.ln(1.5)
            self.set_xy(self.l_margin, y0 + height + 4)

        def columns(self, blocks: Sequence[tuple[str, str]], size: float = 9.5, gutter: float = 8):
            """Two text columns; blocks are ("h", heading) or ("p", paragraph)."""
            with self.text_columns(ncols=2, gutter=gutter, text_align="LEFT", line_height=1.45,
                                   balance=True) as cols:
                for kind, text in blocks:
                    if kind == "h":
                        with cols.paragraph(top_margin=2, bottom_margin=1.5) as par:
                            self.font(size + 1.5, bold=True)
                            self.set_text_color(*ACCENT)
                            par.write(text)
                    else:
                        with cols.paragraph(bottom_margin=2) as par:
                            self.font(size)
                            self.set_text_color(0, 0, 0)
                            par.write(text)
            self.set_text_color(0, 0, 0)
            self.font()

        # ---- tables -------------------------------------------------------------------
        def caption(self, text: str, unit: str = ""):
            self.font(9.5, bold=True)
            width = self.w - self.l_margin - self.r_margin
            self.cell(width * 0.7, 7, text)
            self.font(8)
            self.cell(width * 0.3, 7, unit, align="R", new_x="LMARGIN", new_y="NEXT")
            self.font()

        def _header_grid(self, widths, header, row_h, size):
            n_rows = len(header)
            taken: set[tuple[int, int]] = set()
            x0, y0 = self.l_margin, self.get_y()
            self.font(size, bold=True)
            self.set_fill_color(*HEAD_FILL)
            for r, row in enumerate(header):
                c = 0
                for cell in row:
                    if not isinstance(cell, Cell):
                        cell = Cell(cell)
                    while (r, c) in taken:
                        c += 1
                    for dr in range(cell.rowspan):
                        for dc in range(cell.colspan):
                            taken.add((r + dr, c + dc))
                    x = x0 + sum(widths[:c])
                    w = sum(widths[c:c + cell.colspan])
                    y = y0 + r * row_h
                    h = cell.rowspan * row_h
                    self.rect(x, y, w, h, style="DF")
                    self.set_xy(x, y + (h - row_h) / 2)
                    self.cell(w, row_h, cell.text, align="C")
                    c += cell.colspan
            self.set_xy(x0, y0 + n_rows * row_h)
            self.font(size)

        def table(self, widths: Sequence[float], header: Sequence[Sequence], rows: Sequence[Sequence],
                  *, caption: str = "", unit: str = "", aligns: str = "", size: float = 8.5,
                  row_h: float = 6.2, repeat_header: bool = True, cont: str = "",
                  bold_rows: Sequence[int] = (), note: str = ""):
            """A bordered table; header rows may hold Cell(text, colspan, rowspan).

            When rows run past the page end the table continues on the next page, with
            ``cont`` as a small caption there and the header repeated if ``repeat_header``.
            """
            head_h = len(header) * row_h
            self.need((7 if caption else 0) + head_h + 3 * row_h)
            if caption:
                self.caption(caption, unit)
            self._header_grid(widths, header, row_h, size)
            aligns = aligns or ("L" + "R" * (len(widths) - 1))
            for i, row in enumerate(rows):
                if self.get_y() + row_h > self.page_break_trigger:
                    self.add_page()
                    if cont:
                        self.font(8)
                        self.set_text_color(*GREY)
                        self.cell(0, 6, cont, new_x="LMARGIN", new_y="NEXT")
                        self.set_text_color(0, 0, 0)
                    if repeat_header:
                        self._header_grid(widths, header, row_h, size)
                is_total = i in bold_rows or (i - len(rows)) in bold_rows
                self.font(size, bold=is_total)
                if is_total:
                    self.set_fill_color(*TOTAL_FILL)
                self.set_x(self.l_margin)
                for c, value in enumerate(row):
                    self.cell(widths[c], row_h, str(value), border=1, align=aligns[c], fill=is_total)
                self.ln(row_h)
            self.font()
            if note:
                self.font(8)
                self.set_text_color(*GREY)
                self.multi_cell(0, 4.5, note, align="L", new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0, 0, 0)
                self.font()
            self.ln(4)

        # ---- scanned page ---------------------------------------------------------------
        def scanned_page(self, spec: Sequence[tuple]):
            """A page that is only an image of text: no running header/footer, no text layer."""
            self.plain_pages.add(self.page + 1)
            self.add_page()
            png = render_scan(spec, self.font_path or DEFAULT_FONT, self.seed + self.page)
            self.image(io.BytesIO(png), x=0, y=0, w=self.w, h=self.h)

    return Report


def new_report(font: str, *, lang: str = "ko", plain_first: bool = False, **kw):
    """A report with its first page open; ``plain_first`` leaves that page without the
    running header/footer (for a scanned first page)."""
    Report = make_report_class()
    pdf = Report(lang=lang, font_path=font, **kw)
    pdf.alias_nb_pages()
    if plain_first:
        pdf.plain_pages.add(1)
    pdf.add_page()
    return pdf


def won(n: int) -> str:
    return f"{n:,}"



# ======================================================================================
# public administration / policy
# ======================================================================================


def doc_haeon_welfare(font: str) -> bytes:
    pdf = new_report(
        font, title="해온시 제3기 지역사회보장계획 2025년 연차별 시행계획", author="해온시 복지정책과",
        head_left="해온시 제3기 지역사회보장계획 · 2025년 시행계획", head_right="발간등록번호 HO-2025-0147",
        foot="- {p} -", seed=11)
    pdf.title_block("해온시 제3기 지역사회보장계획\n2025년 연차별 시행계획", "",
                    ["해온시 복지정책과 | 2025년 2월", "시행 기간: 2025. 1. 1. ~ 2025. 12. 31."])
    pdf.box([
        ("2025년 시행계획의 총예산은 1,245억 원으로 전년도 1,118억 원보다 127억 원(11.4%) 늘었다. "
        "예산 증가분의 40%인 51억 원이 노인 돌봄 분야에 배정되었다."),
        "지원 대상자는 55,140명에서 58,510명으로 3,370명 증가한다.",
    ], title="요약")
    pdf.h1("1. 2025년 핵심 목표")
    pdf.numbered([
        "노인 방문돌봄 대상자를 14,200명에서 15,900명으로 확대한다.",
        "긴급복지 지원의 소득 기준을 기준중위소득 75% 이하에서 85% 이하로 완화한다.",
        "고독사 위험가구 3,000곳에 전력 사용량을 감지하는 '스마트 안부 플러그'를 설치한다.",
        "행정복지센터에 통합사례관리사 24명을 추가 배치하여 동마다 최소 1명을 둔다.",
    ])
    pdf.h1("2. 추진 배경")
    pdf.p(
        "해온시의 65세 이상 인구 비율은 2022년 17.8%에서 2024년 말 20.3%로 높아져 초고령사회에 "
        "진입하였다. 같은 기간 1인 가구 비중은 31.5%에서 34.1%로 늘었고, 그중 65세 이상 1인 가구가 "
        "38%를 차지한다. 혼자 사는 어르신은 질병이나 낙상이 생겨도 도움을 요청하기 어렵고, 돌봄 공백이 "
        "장기화되면 요양시설 입소나 응급 입원으로 이어져 개인과 재정 모두의 부담이 커진다. 시가 노인 "
        "방문돌봄 예산을 301억 원에서 352억 원으로 늘린 것은 이처럼 초고령사회 진입으로 재가 돌봄 수요가 "
        "빠르게 늘고 있기 때문이다.")
    pdf.p(
        "한편 2023년 관내 다가구주택에서 생활고를 겪던 가구가 뒤늦게 발견된 사건 이후, 신청주의에 기대는 "
        "기존 복지 전달체계만으로는 위기가구를 찾아내기 어렵다는 지적이 이어졌다. 이에 따라 시는 단전·단수, "
        "건강보험료 체납 등 위기 정보를 활용한 선제적 발굴을 강화하고, 긴급복지 지원의 문턱을 낮추는 방향으로 "
        "2025년 계획을 수립하였다. 긴급복지 소득 기준을 완화하면 1인 가구 기준 월 소득 약 203만 원 이하까지 "
        "생계지원을 받을 수 있게 된다.")

    pdf.add_page()
    pdf.h1("3. 분야별 예산 및 지원 대상")
    pdf.p("분야별 예산과 지원 대상자 계획은 <표 1>과 같다. 예산은 본예산 기준이며 대상자는 연간 실인원이다.")
    pdf.table(
        [38, 24, 24, 24, 24, 36],
        [[Cell("분야", 1, 2), Cell("2024년 실적", 2), Cell("2025년 계획", 2), "예산 증감"],
         ["예산(억 원)", "대상자(명)", "예산(억 원)", "대상자(명)", "(억 원)"]],
        [["기초생활보장", "512", "9,870", "548", "10,120", "+36"],
         ["노인 돌봄", "301", "14,200", "352", "15,900", "+51"],
         ["장애인 지원", "148", "6,350", "161", "6,480", "+13"],
         ["아동·청소년", "97", "21,400", "108", "21,900", "+11"],
         ["긴급복지", "38", "2,140", "49", "2,760", "+11"],
         ["고용·자립", "22", "1,180", "27", "1,350", "+5"],
         ["합계", "1,118", "55,140", "1,245", "58,510", "+127"]],
        caption="<표 1> 분야별 예산 및 지원 대상자", unit="(단위: 억 원, 명)", bold_rows=(-1,))
    pdf.p(
        "노인 돌봄 분야는 방문돌봄 대상 확대와 함께 돌봄 인력의 처우 개선비 9억 원을 새로 반영하였다. "
        "긴급복지 분야는 소득 기준 완화에 따라 지원 대상이 2,140명에서 2,760명으로 620명 늘어날 것으로 "
        "추산되며, 예산도 38억 원에서 49억 원으로 증액하였다. 장애인 지원 분야는 발달장애인 주간활동 "
        "서비스 정원을 120명 늘리는 데 증액분의 대부분을 사용한다.")
    pdf.h1("4. 재원 구성")
    pdf.p(
        "총예산 1,245억 원은 국비 612억 원(49.2%), 도비 187억 원(15.0%), 시비 446억 원(35.8%)으로 "
        "구성된다. 시비 비중은 전년도 33.9%보다 1.9%p 높아졌는데, 스마트 안부 플러그 설치(6억 원)와 "
        "통합사례관리사 추가 배치(11억 원)가 국비 지원이 없는 시 자체 사업이기 때문이다.")

    pdf.add_page()
    pdf.h1("5. 성과 지표와 점검 체계")
    pdf.p(
        "시는 복지 사각지대 발굴 건수, 방문돌봄 서비스 만족도, 긴급복지 처리 기간 등 세 가지 핵심 지표로 "
        "계획의 이행을 점검한다. 복지 사각지대 발굴 건수는 2024년 3,950건에서 2025년 4,800건으로 목표를 "
        "높였고, 긴급복지 신청부터 지원 결정까지 걸리는 기간은 평균 4.2일에서 3일 이내로 줄이는 것을 "
        "목표로 한다. 방문돌봄 만족도는 100점 만점에 2024년 84.6점이었으며 2025년 목표는 87점이다.")
    pdf.p(
        "지표 점검은 분기마다 지역사회보장협의체 실무협의체에서 하며, 상반기 점검 결과 목표 대비 실적이 "
        "80%에 못 미치는 사업은 하반기 추경 편성 시 예산을 재조정한다. 점검 결과와 연말 평가 보고서는 "
        "시 누리집에 공개한다.")
    pdf.h2("세부 추진 일정")
    pdf.numbered([
        "1분기: 스마트 안부 플러그 설치 대상 가구 선정 및 통합사례관리사 채용",
        "2분기: 긴급복지 소득 기준 완화 시행(4월 1일) 및 상반기 위기가구 일제 조사",
        "3분기: 상반기 성과 점검 및 하반기 예산 재조정",
        "4분기: 연말 평가 및 2026년 시행계획 수립",
    ])
    pdf.p("※ 붙임: 1. 분야별 세부 사업 목록(별책)  2. 시민 의견 수렴 결과", size=9)

    pdf.scanned_page([
        ("right", "붙임 2"),
        ("title", "시민 의견 수렴 결과"),
        ("p", "조사 기간: 2024. 10. 7. ~ 10. 25.   조사 방법: 온라인 설문 및 행정복지센터 현장 설문"),
        ("p", "응답자: 해온시 거주 시민 1,204명 (온라인 873명, 현장 331명)"),
        ("gap", 10),
        ("h", "1. 가장 필요하다고 생각하는 복지서비스 (1순위 응답)"),
        ("table", [460, 220, 220], [["서비스", "응답자 수(명)", "비율(%)"],
                                    ["노인 돌봄 확대", "380", "31.6"], ["의료비 지원", "270", "22.4"],
                                    ["주거 지원", "228", "18.9"], ["일자리 지원", "171", "14.2"],
                                    ["아동 돌봄", "109", "9.1"], ["기타", "46", "3.8"],
                                    ["계", "1,204", "100.0"]], 1),
        ("h", "2. 주요 건의 사항"),
        ("p", "- 야간과 주말에도 이용할 수 있는 돌봄 서비스를 늘려 달라는 의견이 가장 많았음."),
        ("p", "- 긴급복지 신청 서류를 줄이고, 행정복지센터 방문 없이 신청할 수 있게 해 달라는 요구가 있었음."),
        ("p", "- 복지 정보를 한곳에서 볼 수 있는 안내 책자를 동별로 배포해 달라는 의견이 있었음."),
        ("gap", 30),
        ("right", "해온시 복지정책과"),
    ])
    return bytes(pdf.output())


BUS_ROUTES = [  # 노선, 구분, 운행 대수, 2023 일평균 승객, 2024 일평균 승객, 배차간격(분), 개편 방향
    ("101", "간선", 18, 9720, 10020, 14, "유지"),
    ("102", "간선", 30, 18030, 17710, 7, "유지"),
    ("103", "간선", 30, 16410, 17070, 8, "유지"),
    ("104", "간선", 20, 10160, 8910, 10, "배차 조정"),
    ("105", "간선", 21, 13860, 12130, 11, "배차 조정"),
    ("106", "간선", 26, 12270, 11770, 10, "유지"),
    ("107", "간선", 17, 10550, 10860, 15, "정류장 조정"),
    ("108", "간선", 21, 14880, 14790, 11, "유지"),
    ("109", "간선", 23, 14050, 14260, 9, "유지"),
    ("110", "간선", 31, 15400, 15490, 7, "유지"),
    ("111", "간선", 19, 8850, 9410, 11, "증차"),
    ("112", "간선", 29, 12410, 11990, 9, "유지"),
    ("113", "간선", 19, 10830, 10600, 12, "유지"),
    ("114", "간선", 21, 15010, 15250, 10, "정류장 조정"),
    ("115", "간선", 23, 11310, 11020, 10, "정류장 조정"),
    ("901", "급행", 11, 9350, 10170, 16, "증차"),
    ("902", "급행", 14, 8890, 9790, 13, "증차"),
    ("903", "급행", 8, 7460, 7480, 18, "유지"),
    ("905", "급행", 8, 6640, 6030, 18, "배차 조정"),
    ("907", "급행", 10, 9220, 8100, 16, "배차 조정"),
    ("순환1", "순환", 6, 2790, 2660, 13, "유지"),
    ("순환2", "순환", 10, 5450, 5710, 8, "정류장 조정"),
    ("순환3", "순환", 7, 2190, 2250, 10, "유지"),
    ("순환5", "순환", 9, 4780, 4570, 9, "유지"),
    ("순환7", "순환", 6, 2200, 2380, 16, "증차"),
    ("501", "지선", 7, 1840, 1760, 12, "유지"),
    ("502", "지선", 4, 1060, 1090, 29, "유지"),
    ("503", "지선", 9, 3660, 3450, 12, "유지"),
    ("504", "지선", 7, 2820, 2570, 16, "노선 통합 검토"),
    ("505", "지선", 12, 4720, 4930, 9, "유지"),
    ("506", "지선", 10, 3050, 3100, 13, "유지"),
    ("507", "지선", 12, 4000, 3940, 7, "정류장 조정"),
    ("508", "지선", 11, 3920, 4320, 12, "증차"),
    ("509", "지선", 9, 2430, 2290, 11, "유지"),
    ("510", "지선", 5, 1130, 1090, 22, "수요응답형 전환"),
    ("511", "지선", 5, 1420, 1360, 22, "유지"),
    ("512", "지선", 9, 3220, 3390, 10, "증차"),
    ("513", "지선", 5, 1750, 1690, 26, "유지"),
    ("514", "지선", 9, 2850, 3040, 10, "증차"),
    ("515", "지선", 9, 3680, 3960, 10, "증차"),
    ("516", "지선", 4, 860, 830, 29, "수요응답형 전환"),
    ("517", "지선", 6, 1870, 1970, 19, "증차"),
    ("518", "지선", 12, 4680, 4730, 7, "유지"),
    ("519", "지선", 5, 2000, 1910, 20, "유지"),
    ("520", "지선", 11, 2420, 2400, 10, "수요응답형 전환"),
]


def doc_dallim_transit(font: str) -> bytes:
    pdf = new_report(
        font, title="달림시 대중교통 개선 기본계획(2025~2029) 요약본", author="달림시 교통정책과",
        head_left="달림시 대중교통 개선 기본계획(2025~2029)", head_right="교통정책과",
        foot="페이지 {p} / {n}", seed=12)
    pdf.title_block("달림시 대중교통 개선 기본계획(2025~2029)", "요약본",
                    ["달림시 교통정책과 | 2024년 12월 | 계획 기간 2025~2029년"])
    pdf.h1("1. 계획의 개요와 현황")
    pdf.p(
        "이 계획은 「대중교통의 육성 및 이용촉진에 관한 법률」에 따라 5년마다 수립하는 법정계획으로, "
        "2025년부터 2029년까지 달림시 시내버스와 도시철도 운영의 기본 방향을 정한다. 계획 수립을 위해 "
        "2024년 4월부터 9월까지 교통카드 자료 1억 2천만 건과 가구 통행실태조사 자료를 분석하였고, "
        "시민 공청회를 두 차례 열어 의견을 들었다.")
    pdf.p(
        "달림시의 대중교통 이용은 지난 5년 동안 뚜렷하게 줄었다. 버스 수송분담률은 2019년 31.2%에서 "
        "2024년 26.8%로 4.4%p 하락한 반면, 같은 기간 승용차 분담률은 48.7%에서 52.3%로 높아졌다. "
        "버스 분담률이 떨어진 것은 2023년 9월 도시철도 2호선 개통으로 일부 수요가 철도로 옮겨 간 데다, "
        "서부 신도시 입주로 승용차 등록 대수가 늘었고, 긴 배차간격 때문에 버스를 기다리는 시간이 "
        "경쟁 수단보다 길었기 때문으로 분석되었다.")
    pdf.table(
        [50, 36, 36, 48],
        [["교통수단", "2019년", "2024년", "증감(%p)"]],
        [["버스", "31.2", "26.8", "-4.4"], ["도시철도", "12.5", "14.1", "+1.6"],
         ["승용차", "48.7", "52.3", "+3.6"], ["기타(택시·도보·자전거)", "7.6", "6.8", "-0.8"],
         ["계", "100.0", "100.0", "-"]],
        caption="<표 1> 교통수단별 수송분담률", unit="(단위: %)", bold_rows=(-1,))
    pdf.p(
        "시내버스 준공영제 재정지원금은 2020년 412억 원에서 2024년 586억 원으로 42.2% 늘었다. 승객이 "
        "줄어드는 가운데 인건비와 연료비가 오르면서 운송 적자가 커졌기 때문이며, 노선 효율화 없이는 "
        "재정 부담이 계속 늘어날 것으로 전망된다.")

    pdf.add_page()
    pdf.columns([
        ("h", "2. 문제점 진단"),
        ("p", ("① 긴 배차간격. 주요 45개 노선의 평균 배차간격은 13.3분으로, 인근 광역시 평균(10.2분)보다 "
              "3.1분 길다. 특히 지선인 502번과 516번은 배차간격이 29분에 이르러 출퇴근 시간에도 "
              "이용객이 정류장에서 오래 기다려야 한다.")),
        ("p", ("② 도심 노선 중복. 달림역에서 시청을 거쳐 중앙시장에 이르는 도심 구간에는 간선 11개 노선이 "
              "겹쳐 노선 중복률이 38%에 이른다. 반면 북부 산업단지와 동부 농촌 지역은 하루 운행 횟수가 "
              "20회에 못 미쳐 교통 사각지대로 남아 있다.")),
        ("p", ("③ 환승 불편. 도시철도 2호선 개통 뒤에도 버스 노선이 기존 체계를 유지하여, 도시철도에서 "
              "버스로 갈아탈 때의 평균 환승 대기 시간이 9.8분으로 조사되었다. 환승 인정 시간이 30분에 "
              "불과해 환승 대기 중 인정 시간이 끝나는 사례도 적지 않다.")),
        ("p", ("④ 운송 적자 확대. 준공영제 재정지원금이 5년 사이 42.2% 늘었지만 운행 실적이 낮은 노선은 "
              "정비되지 않았다. 510번, 516번, 520번 지선은 1일 대당 승객이 220명에도 못 미친다.")),
        ("h", "3. 추진 전략"),
        ("p", ("전략 1. 간선·지선 체계 개편. 도심 중복 노선 11개를 7개로 통합하고, 이렇게 줄어든 차량 "
              "24대를 외곽 노선에 다시 배치한다. 간선은 도시철도와 겹치지 않는 축을 중심으로 재편한다.")),
        ("p", ("전략 2. 수요응답형 버스(DRT) 도입. 북부 산업단지, 동부 농촌권, 서부 신도시의 3개 권역에 "
              "DRT 차량 36대를 투입한다. 이용객이 적은 510번, 516번, 520번 지선은 DRT로 전환한다.")),
        ("p", ("전략 3. 환승 편의 개선. 환승 인정 시간을 30분에서 45분으로 늘리고, 도시철도역 12곳의 "
              "버스 정류장을 역 출입구 가까이로 옮겨 환승 거리를 줄인다.")),
        ("p", ("전략 4. 급행버스 확충. 이용이 늘고 있는 901번과 902번을 증차하고, 서부 신도시와 도심을 "
              "잇는 급행 노선 2개를 새로 만든다.")),
        ("h", "목표"),
        ("p", ("2029년까지 버스 수송분담률을 30.0%로 회복하고, 주요 노선의 평균 배차간격을 10분 이내로 "
              "줄이며, 준공영제 재정지원금 증가율을 연 3% 이내로 관리한다.")),
    ])
    pdf.ln(4)
    pdf.table(
        [44, 50, 26, 50],
        [["권역", "주요 운행 지역", "투입 차량", "운행 개시"]],
        [["북부 산업단지", "달림일반산업단지, 북부 환승센터", "12대", "2025년 7월"],
         ["동부 농촌권", "청계면, 소율면 일대", "14대", "2027년 3월"],
         ["서부 신도시", "서달림 신도시 1·2지구", "10대", "2027년 9월"],
         ["계", "", "36대", ""]],
        caption="<표 3> 권역별 DRT 투입 계획", aligns="LLRL", bold_rows=(-1,))

    pdf.add_page()
    pdf.h1("4. 주요 노선별 이용 현황과 개편 방향")
    pdf.p(
        "<표 2>는 2024년 교통카드 자료로 집계한 주요 45개 시내버스 노선의 이용 현황과 노선별 개편 "
        "방향이다. 일평균 승객은 평일과 주말을 합한 연간 승차 인원을 운행일수로 나눈 값이다. 45개 "
        "노선의 일평균 승객은 2023년 306,090명에서 2024년 304,240명으로 0.6% 줄었다.")
    rows = [[r[0], r[1], str(r[2]), won(r[3]), won(r[4]), str(r[5]), r[6]] for r in BUS_ROUTES]
    rows.append(["합계", "", str(sum(r[2] for r in BUS_ROUTES)),
                 won(sum(r[3] for r in BUS_ROUTES)), won(sum(r[4] for r in BUS_ROUTES)), "13.3", ""])
    pdf.table(
        [20, 18, 22, 28, 28, 24, 30],
        [[Cell("노선", 1, 2), Cell("구분", 1, 2), "운행 대수", Cell("일평균 승객(명)", 2), "배차간격",
          Cell("개편 방향", 1, 2)],
         ["(대)", "2023년", "2024년", "(분)"]],
        rows, caption="<표 2> 주요 노선별 이용 현황(2024년)", unit="(배차간격은 평일 낮 기준)",
        aligns="LCRRRRL", cont="<표 2> 계속", bold_rows=(-1,),
        note="주: 합계 행의 배차간격은 45개 노선의 단순 평균")
    pdf.h1("5. 재정 계획과 추진 일정")
    pdf.p(
        "계획 기간 총사업비는 2,860억 원으로, 국비 940억 원과 시비 1,920억 원으로 충당한다. 가장 큰 "
        "사업은 DRT 도입과 운영(610억 원)이며, 환승 정류장 이전과 버스 정보 시스템 개선에 420억 원을 쓴다.")
    pdf.numbered([
        "1단계(2025~2026년): 도심 중복 노선 통합, 환승 인정 시간 연장, 북부 산업단지 DRT 시범 운행",
        "2단계(2027~2028년): 동부 농촌권과 서부 신도시 DRT 확대, 신설 급행 노선 개통",
        "3단계(2029년): 노선 체계 개편 효과 평가와 다음 기본계획 수립",
    ])
    return bytes(pdf.output())


def doc_hangyeol_youth_housing(font: str) -> bytes:
    pdf = new_report(
        font, title="2024 한결도 청년 주거지원 사업 성과평가", author="한결연구원",
        head_left="2024 청년 주거지원 사업 성과평가", head_right="한결연구원 정책보고서 2024-09",
        foot="— {p} —", seed=13)
    pdf.title_block("2024 한결도 청년 주거지원 사업 성과평가", "월세 지원 · 전세보증금 이자 지원 · 청년 공공임대",
                    ["한결연구원 사회정책실 | 연구책임자 배서윤 | 2024년 12월"])
    pdf.box([
        "한결도의 3개 청년 주거지원 사업은 2024년에 모두 12,480명을 지원하였고 예산 집행률은 93.7%였다.",
        ("월세 지원은 수혜자 만족도가 5점 만점에 4.3점으로 가장 높았으나, 전세보증금 이자 지원은 신청자가 "
        "전년보다 24.3% 줄었다."),
        "공공임대는 선정률이 22.8%에 그쳐 공급 확대가 시급하며, 연구진은 월세 지원 기간 연장 등 다섯 가지를 권고한다.",
    ], title="요약")
    pdf.h1("1. 평가 개요")
    pdf.p(
        "이 보고서는 한결도가 만 19~39세 무주택 청년을 대상으로 시행하는 월세 지원, 전세보증금 이자 지원, "
        "청년 공공임대 등 세 가지 주거지원 사업의 2024년 성과를 평가한 것이다. 평가에는 사업 행정자료와 함께 "
        "수혜자 1,020명을 대상으로 한 만족도 조사(2024년 10월 실시)와 담당 공무원 심층 면담 결과를 활용하였다. "
        "월세 지원은 월 최대 20만 원을 12개월 동안 지급하며, 전세보증금 이자 지원은 보증금 대출 1억 원 한도에서 "
        "연 2.0%p까지 이자를 보전한다.")
    pdf.p(
        "2024년 세 사업의 예산은 모두 268억 원이며 그중 251억 원이 집행되어 집행률은 93.7%였다. 미집행액 "
        "17억 원은 대부분 전세보증금 이자 지원 사업에서 발생하였는데, 신청자 감소로 선정 인원이 계획(4,000명)에 "
        "미치지 못하였기 때문이다.")

    pdf.add_page()
    pdf.h1("2. 사업별 신청 및 선정 현황")
    pdf.table(
        [40, 22, 22, 21, 22, 22, 21],
        [[Cell("지원 유형", 1, 2), Cell("2023년", 3), Cell("2024년", 3)],
         ["신청(명)", "선정(명)", "선정률(%)", "신청(명)", "선정(명)", "선정률(%)"]],
        [["월세 지원", "9,820", "6,150", "62.6", "11,240", "7,300", "64.9"],
         ["전세보증금 이자 지원", "5,430", "4,020", "74.0", "4,110", "3,280", "79.8"],
         ["청년 공공임대", "6,900", "1,650", "23.9", "8,350", "1,900", "22.8"],
         ["합계", "22,150", "11,820", "53.4", "23,700", "12,480", "52.7"]],
        caption="<표 1> 사업별 신청·선정 현황", unit="(단위: 명, %)", bold_rows=(-1,))
    pdf.p(
        "월세 지원은 신청자가 9,820명에서 11,240명으로 14.5% 늘어 세 사업 가운데 수요가 가장 많았다. 선정 "
        "인원도 7,300명으로 늘었지만 예산 한도 때문에 신청자 세 명 중 한 명은 지원을 받지 못하였다.")
    pdf.p(
        "전세보증금 이자 지원의 신청자는 5,430명에서 4,110명으로 24.3% 줄었다. 연구진은 그 원인으로 두 가지를 "
        "든다. 첫째, 2023년 이후 잇따른 전세사기 피해로 청년층이 전세 계약 자체를 꺼리고 보증금이 적은 월세를 "
        "선호하게 되었다. 둘째, 시중 전세대출 금리가 2023년 평균 연 4.9%에서 2024년 연 4.1%로 내려가면서 "
        "이자 지원의 체감 효과가 줄었다. 반면 청년 공공임대는 신청자가 8,350명으로 늘었으나 공급 물량이 "
        "1,900호에 그쳐 선정률이 22.8%로 낮아졌다.")
    pdf.h1("3. 수혜자 만족도")
    pdf.p(
        "5점 척도로 측정한 만족도는 월세 지원 4.3점, 청년 공공임대 4.1점, 전세보증금 이자 지원 3.6점이었다. "
        "이자 지원의 만족도가 낮은 이유로는 '지원 금액이 적다'(41.2%)와 '신청 절차가 복잡하다'(33.5%)는 응답이 "
        "많았다. 월세 지원 수혜자의 68.0%는 지원 덕분에 생활비 가운데 식비를 줄이지 않을 수 있었다고 답하였다.")

    pdf.add_page()
    pdf.h1("4. 정책 권고")
    pdf.numbered([
        "월세 지원 기간을 12개월에서 24개월로 늘리고, 소득 기준(기준중위소득 60% 이하)을 70% 이하로 완화한다.",
        "전세보증금 이자 지원은 전세사기 예방 교육과 보증보험료 지원을 묶은 '안심 전세 패키지'로 개편한다.",
        "청년 공공임대는 2027년까지 매입임대 1,200호를 추가 공급하여 선정률을 35% 이상으로 높인다.",
        "세 사업의 신청 창구를 하나의 온라인 플랫폼으로 통합하고 제출 서류를 절반으로 줄인다.",
        "사업 성과를 매년 같은 지표로 평가할 수 있도록 수혜자 패널 조사를 도입한다.",
    ])
    pdf.p(
        "권고를 모두 시행하면 2026년 예산은 2024년보다 약 74억 원 늘어난 342억 원이 필요할 것으로 추정된다. "
        "연구진은 늘어나는 예산의 절반가량을 집행 실적이 저조한 전세보증금 이자 지원 예산의 조정으로 마련할 "
        "수 있다고 보았다.")
    return bytes(pdf.output())


def doc_seorin_water(font: str) -> bytes:
    pdf = new_report(
        font, title="서린군 상수도 요금 현실화 방안 연구 요약", author="서린군 상하수도사업소",
        head_left="서린군 상수도 요금 현실화 방안 연구(요약)", head_right="서린군 상하수도사업소",
        foot="- {p} -", seed=14)
    pdf.title_block("서린군 상수도 요금 현실화 방안 연구", "연구 결과 요약",
                    ["서린군 상하수도사업소 | 연구 수행: (재)맑은물정책연구원 | 2025년 1월"])
    pdf.columns([
        ("h", "1. 연구 배경"),
        ("p", ("서린군의 상수도 요금은 2016년 이후 9년 동안 동결되었다. 그사이 정수 약품비와 전기요금, "
              "인건비가 꾸준히 올라 2024년 톤당 생산원가는 1,231원에 이르렀지만 평균 판매단가는 842원에 "
              "머물렀다. 생산원가 대비 판매단가를 뜻하는 요금 현실화율은 68.4%로, 전국 군 지역 평균(75.2%)보다 "
              "6.8%p 낮다.")),
        ("p", ("원가에 못 미치는 요금 때문에 상수도 특별회계는 해마다 적자를 냈고, 2024년 말 누적 적자는 "
              "212억 원에 이르렀다. 부족분은 일반회계 전입금으로 메워 왔으나 군 재정 여건상 더는 어렵다는 "
              "판단에 따라 이 연구가 시작되었다.")),
        ("h", "2. 왜 인상이 필요한가"),
        ("p", ("연구진은 요금 인상이 불가피한 이유로 세 가지를 들었다. 첫째, 현실화율이 68.4%에 그쳐 물을 "
              "팔수록 손실이 커지는 구조이다. 둘째, 설치한 지 30년이 지난 노후 상수관이 전체 관로의 41%에 "
              "달해 누수율이 18.6%까지 올라갔고, 관로 교체에만 10년간 약 1,050억 원이 필요하다. 셋째, "
              "누적 적자 212억 원을 일반회계가 계속 메우면 복지와 도로 등 다른 사업에 쓸 재원이 줄어든다.")),
        ("p", ("요금을 올리지 않고 관로 교체를 미루면 누수로 버려지는 물이 늘어 생산원가가 다시 오르는 악순환이 "
              "생긴다. 연구진은 2023년 한 해 동안 누수로 잃은 수돗물이 약 148만 톤으로, 생산원가 기준 "
              "18억 원어치에 해당한다고 추산하였다.")),
        ("h", "3. 단계적 인상안"),
        ("p", ("연구진은 한 번에 큰 폭으로 올리는 대신 3년에 걸친 단계적 인상을 제안하였다. 2026년 12%, "
              "2027년 10%, 2028년 8%를 올리면 평균 판매단가는 2028년 톤당 1,120원이 되고, 같은 해 예상 "
              "생산원가 1,245원에 대한 현실화율은 90.0%가 된다.")),
        ("p", ("단계적 인상안의 3년 누적 인상률은 33.1%이다. 연구진은 이 인상률이 인근 4개 군의 최근 인상 폭과 "
              "비슷한 수준이며, 한꺼번에 인상할 때보다 주민 부담을 고르게 나눌 수 있다고 평가하였다.")),
        ("h", "4. 가정용 요금 구간"),
        ("p", ("가정용 요금은 현행과 같이 사용량에 따라 세 구간으로 나누는 누진 구조를 유지한다. 구간별 "
              "단가는 다음 쪽 <표 1>과 같다. 4인 가구의 월평균 사용량인 22톤을 기준으로 하면 월 요금은 "
              "현행 14,180원에서 2028년 18,868원으로 4,688원 오른다.")),
    ])
    pdf.add_page()
    pdf.table(
        [46, 31, 31, 31, 31],
        [[Cell("사용량 구간", 1, 2), Cell("톤당 요금(원)", 3), Cell("누적 인상액", 1, 2)],
         ["현행", "2026년", "2028년"]],
        [["1~20톤", "620", "694", "825", "205"],
         ["21~30톤", "890", "997", "1,184", "294"],
         ["31톤 이상", "1,150", "1,288", "1,530", "380"]],
        caption="<표 1> 가정용 누진 구간별 톤당 요금", unit="(단위: 원/톤)")
    pdf.table(
        [60, 36, 36, 38],
        [["구분", "현행", "2028년", "증가액"]],
        [["4인 가구(월 22톤)", "14,180", "18,868", "4,688"],
         ["1인 가구(월 9톤)", "5,580", "7,425", "1,845"]],
        caption="<표 2> 가구 유형별 월 요금 변화", unit="(단위: 원)")
    pdf.h1("5. 취약계층 감면")
    pdf.p("요금 인상에 따른 부담을 덜기 위해 다음 가구에는 요금 감면을 새로 적용하거나 확대한다.")
    pdf.numbered([
        "기초생활수급 가구: 매월 10톤까지 요금 전액 면제(현행 5톤)",
        "차상위계층 가구: 매월 10톤까지 요금 50% 감면",
        "다자녀 가구(자녀 3명 이상): 매월 5톤까지 요금 50% 감면",
        "중증장애인 가구와 국가유공자 가구: 매월 5톤까지 요금 50% 감면",
    ])
    pdf.p(
        "감면 확대에 따른 연간 요금 감소액은 약 3억 4천만 원으로 추정되며, 인상에 따른 연간 수입 증가분"
        "(2028년 기준 약 61억 원)의 6% 수준이다.")

    pdf.add_page()
    pdf.h1("6. 결론 및 향후 일정")
    pdf.p(
        "연구진은 단계적 인상과 함께 누수율을 2030년까지 12% 이하로 낮추는 관로 정비, 검침 업무의 원격화 등 "
        "원가 절감 노력이 병행되어야 요금 인상에 대한 주민 공감을 얻을 수 있다고 강조하였다. 군은 연구 결과를 "
        "바탕으로 조례 개정안을 마련하여 2025년 하반기 군의회에 제출할 계획이다.")
    pdf.numbered([
        "2025년 3월: 읍·면별 주민설명회(8개 읍·면 순회)",
        "2025년 5월: 물가대책위원회 심의",
        "2025년 9월: 수도 급수 조례 개정안 군의회 제출",
        "2026년 1월: 1단계 인상 요금 적용",
    ])
    return bytes(pdf.output())


def doc_midam_eldercare(font: str) -> bytes:
    pdf = new_report(
        font, title="2024 미담구 노인 돌봄 서비스 이용 실태조사 결과보고서", author="미담구 어르신복지과",
        head_left="2024 미담구 노인 돌봄 서비스 이용 실태조사", head_right="미담구 어르신복지과",
        foot="{p}", seed=15)
    pdf.title_block("2024 미담구 노인 돌봄 서비스 이용 실태조사", "결과보고서",
                    ["발주: 미담구 어르신복지과 | 조사 수행: (주)누리데이터리서치 | 2024년 11월"])
    pdf.h1("1. 조사 개요")
    pdf.numbered([
        "조사 대상: 미담구에 거주하는 65세 이상 재가 노인 1,500명(75세 미만 822명, 75세 이상 678명)",
        "조사 기간: 2024년 8월 12일 ~ 9월 13일",
        "조사 방법: 조사원이 가구를 방문하여 1:1 면접 조사",
        "표본 추출: 동별·연령별 비례 층화 무작위 추출",
        "표본오차: 95% 신뢰수준에서 ±2.5%p",
    ], fmt="({})", label_w=9)
    pdf.h1("2. 응답자 특성")
    pdf.p(
        "응답자의 평균 연령은 76.4세이고 여성이 58.7%였다. 혼자 사는 노인은 39.2%, 부부 가구는 44.1%, 자녀 등과 "
        "함께 사는 노인은 16.7%였다. 응답자의 61.5%가 고혈압이나 당뇨 같은 만성질환을 두 개 이상 앓고 있었고, "
        "일상생활 수행 능력(ADL) 평가에서 한 가지 이상 도움이 필요한 노인은 23.8%로 나타났다. 특히 75세 이상 "
        "혼자 사는 노인의 경우 도움이 필요한 비율이 41.3%로 높았는데, 이들 가운데 정기적으로 돌봐 주는 가족이나 "
        "이웃이 없다는 응답이 절반을 넘어 공적 돌봄 서비스에 대한 의존도가 매우 높은 것으로 조사되었다.")
    pdf.p(
        "경제 상태를 보면 월평균 가구 소득이 100만 원 미만인 노인이 27.4%였으며, 기초연금 외에 정기적인 소득이 "
        "없는 노인도 18.9%에 달하였다. 소득이 낮을수록 돌봄 서비스 본인부담금 때문에 이용을 포기했다는 응답이 "
        "많아, 서비스 확대와 함께 본인부담 경감이 필요하다는 점이 확인되었다.")

    pdf.add_page()
    pdf.h1("3. 돌봄 서비스 이용 경험과 만족도")
    pdf.table(
        [44, 30, 32, 32, 32],
        [[Cell("서비스 유형", 1, 2), Cell("이용 경험률(%)", 3), "만족도"],
         ["전체", "75세 미만", "75세 이상", "(5점 만점)"]],
        [["방문요양", "28.5", "19.7", "39.1", "4.1"],
         ["주야간보호", "11.2", "6.3", "17.2", "3.9"],
         ["방문목욕", "9.8", "5.1", "15.6", "3.8"],
         ["식사 배달", "16.6", "10.2", "24.3", "4.2"],
         ["안부 확인", "33.8", "25.4", "43.9", "4.4"],
         ["병원 동행", "7.9", "4.0", "12.7", "4.0"]],
        caption="<표 1> 돌봄 서비스 유형별 이용 경험률과 만족도", unit="(단위: %, 점)",
        note="주: 이용 경험률은 최근 1년 안에 해당 서비스를 한 번 이상 이용한 응답자의 비율")
    pdf.p(
        "가장 많이 이용한 서비스는 안부 확인(33.8%)이었고 방문요양(28.5%)과 식사 배달(16.6%)이 뒤를 이었다. "
        "75세 이상 노인은 모든 서비스에서 이용 경험률이 75세 미만보다 두 배 안팎 높았다. 만족도는 안부 확인이 "
        "4.4점으로 가장 높았고 방문목욕이 3.8점으로 가장 낮았다.")
    pdf.p(
        "주야간보호의 이용 경험률은 11.2%로 방문요양의 절반에도 미치지 못하였다. 이용하지 않은 이유로는 "
        "'집 가까운 곳에 시설이 없다'(42.1%)가 가장 많았고, '이용 시간이 맞지 않는다'(23.6%), '송영 차량이 "
        "없다'(15.8%)가 뒤를 이었다. 미담구의 주야간보호센터는 9곳으로 모두 구 중심부에 몰려 있어, 외곽 동에 "
        "사는 노인은 이용하기 어려운 실정이다.")

    pdf.add_page()
    pdf.h1("4. 충족되지 않은 돌봄 욕구")
    pdf.p(
        "현재 받고 있지 않지만 필요하다고 답한 서비스는 병원 동행(31.4%), 집 안 수리·주거 환경 개선(24.9%), "
        "방문요양(21.7%) 순이었다. 병원 동행은 실제 이용 경험률이 7.9%에 그쳐 필요와 이용 사이의 차이가 가장 "
        "컸다. 응답자들은 서비스를 신청하지 않은 이유로 '어떤 서비스가 있는지 몰라서'(38.0%)를 가장 많이 꼽았다.")
    pdf.h1("5. 정책 제언")
    pdf.numbered([
        "외곽 3개 동(서솔동, 은하동, 갈밭동)에 주야간보호센터를 신설하고 송영 차량을 지원한다.",
        "병원 동행 서비스 인력을 현재 14명에서 40명으로 늘리고, 이용 요금을 시간당 5천 원으로 낮춘다.",
        "75세 이상 혼자 사는 노인 전원에게 연 1회 돌봄 필요도 방문 조사를 한다.",
        "돌봄 서비스 안내를 통장·방문간호사·복지관이 함께 전달하는 '찾아가는 안내' 체계를 만든다.",
    ])
    pdf.p(
        "조사 결과는 2025년 미담구 통합돌봄 계획에 반영되며, 구는 같은 문항으로 2026년에 후속 조사를 실시해 "
        "변화를 추적할 예정이다.")
    return bytes(pdf.output())


def doc_riverton_bikeshare(font: str) -> bytes:
    pdf = new_report(
        font, lang="en", title="Riverton Bike-Share Program: 2024 Annual Review",
        author="Riverton Department of Transportation",
        head_left="Riverton DOT | Bike-Share Annual Review 2024", head_right="Report DOT-2025-03",
        foot="Page {p} of {n}", seed=16)
    pdf.title_block("Riverton Bike-Share Program", "2024 Annual Review",
                    ["Riverton Department of Transportation, Active Mobility Division | March 2025"])
    pdf.box([
        "Riders made 1.84 million trips in 2024, up 17.2% from 1.57 million in 2023.",
        "E-bikes carried 40.2% of all trips although they are only 900 of the 2,400 bikes in the fleet.",
        "Fare and sponsorship revenue of $6.9 million covered 61% of the $11.3 million operating cost.",
    ], title="Key findings")
    pdf.h1("1. Program overview")
    pdf.p(
        "Riverton's bike-share system is owned by the City and run under a five-year operating contract with "
        "CycleWorks Mobility, which began in April 2022. At the end of 2024 the system had 2,400 bikes, of which "
        "900 were pedal-assist e-bikes, docked at 310 stations across nine districts. Annual membership costs $95 "
        "and includes unlimited 45-minute classic bike rides; e-bike rides cost an extra 15 cents per minute.")
    pdf.p(
        "The number of annual members grew from 31,200 at the end of March to 38,600 at the end of December. "
        "A reduced-fare membership of $5 per month, available to residents who receive SNAP or Medicaid benefits, "
        "accounted for 6,850 of those members.")
    pdf.h1("2. Ridership")
    pdf.table(
        [34, 30, 30, 30, 46],
        [[Cell("Quarter", 1, 2), Cell("Trips (thousands)", 3), "Annual members"],
         ["Classic", "E-bike", "Total", "(end of quarter)"]],
        [["Q1 2024", "180", "95", "275", "31,200"],
         ["Q2 2024", "290", "180", "470", "35,900"],
         ["Q3 2024", "330", "235", "565", "38,100"],
         ["Q4 2024", "300", "230", "530", "38,600"],
         ["Full year", "1,100", "740", "1,840", "38,600"]],
        caption="Table 1. Trips and members by quarter, 2024", bold_rows=(-1,))
    pdf.p(
        "Ridership peaked in the third quarter, when 565,000 trips were taken. Summer weather and the opening of "
        "the Eastbank protected bike lane in July both contributed. E-bike trips grew fastest: their share of "
        "trips rose from 34.5% in the first quarter to 43.4% in the fourth.")

    pdf.add_page()
    pdf.h1("3. Stations and safety")
    pdf.p(
        "During 2024 the Department relocated 40 stations. Each of them had averaged fewer than 0.5 trips per dock "
        "per day for twelve months, mostly because they were placed on streets without bike lanes or far from "
        "transit stops. The relocated stations were moved next to light-rail stops and new protected lanes; "
        "in the three months after the move they averaged 1.7 trips per dock per day.")
    pdf.p(
        "Riders reported 212 incidents in 2024, or 0.115 incidents per 1,000 trips, compared with 0.131 in 2023. "
        "Most incidents involved minor falls. There were no fatalities.")
    pdf.h1("4. Finances")
    pdf.p(
        "Operating cost was $11.3 million. Revenue came from memberships ($3.8 million), single-ride fares "
        "($1.9 million) and the sponsorship agreement with Harborview Health ($1.2 million), a total of "
        "$6.9 million. The City's general fund covered the remaining $4.4 million.")
    pdf.h1("5. Recommendations for 2025")
    pdf.numbered([
        "Convert 300 classic bikes to e-bikes, raising the e-bike share of the fleet to half.",
        ("Add 25 stations in the Northfield and Millbrook districts, which have no station within 800 metres "
        "of most homes."),
        "Extend the reduced-fare membership to residents receiving housing assistance.",
        "Cap e-bike per-minute charges at $3 per ride for annual members.",
        "Publish quarterly station-level ridership data on the City's open data portal.",
    ])
    return bytes(pdf.output())


# ======================================================================================
# court rulings
# ======================================================================================


def _ruling_head(pdf, court: str, division: str, rows: Sequence[tuple[str, str]], kind: str = "판 결"):
    pdf.ln(4)
    pdf.center(court, size=15, h=9)
    pdf.center(division, size=11, h=7)
    pdf.ln(2)
    pdf.center(kind, size=18, h=12)
    pdf.ln(4)
    pdf.labeled(rows, label_w=32)
    pdf.ln(3)


def _section(pdf, title: str):
    pdf.need(20)
    pdf.ln(3)
    pdf.center(title, size=12.5, h=9)
    pdf.ln(1)


def _judges(pdf, names: Sequence[tuple[str, str]]):
    pdf.ln(6)
    pdf.need(10 * len(names))
    for role, name in names:
        pdf.right(f"{role}    {name}", size=11, h=9)


def doc_ruling_damages(font: str) -> bytes:
    pdf = new_report(
        font, title="한빛지방법원 2024가합51234 손해배상(기) 판결", author="한빛지방법원 제12민사부",
        head_left="한빛지방법원 2024가합51234", head_right="판결", foot="- {p} -", seed=21)
    _ruling_head(pdf, "한 빛 지 방 법 원", "제 1 2 민 사 부", [
        ("사       건", "2024가합51234 손해배상(기)"),
        ("원       고", "주식회사 청솔건설\n한빛시 누리구 중앙대로 214\n대표이사 박정훈\n소송대리인 법무법인 도담 담당변호사 이수민"),
        ("피       고", "주식회사 미르엔지니어링\n한빛시 솔내구 테크노2로 38\n대표이사 오세진\n소송대리인 변호사 김하늘"),
        ("변 론 종 결", "2025. 1. 16."),
        ("판 결 선 고", "2025. 2. 13."),
    ])
    _section(pdf, "주       문")
    pdf.numbered([
        ("피고는 원고에게 387,450,000원 및 이에 대하여 2023. 9. 1.부터 2025. 2. 13.까지는 연 6%, 그 다음 날부터 "
        "다 갚는 날까지는 연 12%의 각 비율로 계산한 돈을 지급하라."),
        "원고의 나머지 청구를 기각한다.",
        "소송비용 중 40%는 원고가, 나머지는 피고가 부담한다.",
        "제1항은 가집행할 수 있다.",
    ])
    _section(pdf, "청 구 취 지")
    pdf.p("피고는 원고에게 645,750,000원 및 이에 대하여 2023. 9. 1.부터 이 사건 소장 부본 송달일까지는 연 6%, "
          "그 다음 날부터 다 갚는 날까지는 연 12%의 각 비율로 계산한 돈을 지급하라(원고는 감정 결과에 따라 "
          "청구취지를 감축하였다).")
    _section(pdf, "이       유")
    pdf.h2("1. 기초사실")
    pdf.p(
        "가. 원고는 종합건설업을 하는 회사이고, 피고는 건축 구조설계와 감리 용역을 하는 회사이다. 원고는 "
        "2022. 3. 15. 피고와 사이에 한빛시 솔내구 물류단지 내 지하 2층, 지상 5층 규모의 물류센터 신축공사에 "
        "관한 구조설계 용역계약(이하 '이 사건 용역계약'이라 한다)을 용역대금 420,000,000원으로 정하여 체결하였다.")
    pdf.p(
        "나. 피고가 작성하여 교부한 구조설계도면에는 지하 2층 기초 슬래브 가운데 램프 구간의 하부 철근 배근이 "
        "누락되어 있었다. 원고는 위 도면에 따라 시공하였는데, 2023. 6. 12. 지하 2층 기초 슬래브에 폭 0.3mm "
        "이상의 균열이 여러 곳에서 발견되었다. 원고는 2023. 7. 3.부터 2023. 8. 31.까지 탄소섬유 보강과 "
        "하부 보강 철골 설치 등 보강공사를 하였다.")
    pdf.p(
        "다. 이 법원의 감정인 정우람은 균열의 주된 원인이 설계도면상 철근 배근 누락이라고 판단하였고, 적정한 "
        "보강공사비를 645,750,000원으로 산정하였다. [인정 근거] 다툼 없는 사실, 갑 제1 내지 7호증, 감정인 "
        "정우람의 감정 결과, 변론 전체의 취지")
    pdf.h2("2. 당사자의 주장")
    pdf.p(
        "원고는 피고의 설계상 과실로 보강공사비 상당의 손해를 입었으므로 피고가 이를 배상하여야 한다고 주장한다. "
        "이에 대하여 피고는, 균열은 원고가 콘크리트 양생 기간을 지키지 않은 시공상 잘못으로 생긴 것이고, "
        "설령 설계상 잘못이 있더라도 원고가 시공 전에 도면을 검토하였다면 누락을 쉽게 알 수 있었으므로 "
        "피고의 책임은 제한되어야 한다고 다툰다.")
    pdf.h2("3. 판단")
    pdf.p(
        "가. 손해배상책임의 발생. 감정 결과에 의하면 균열의 주된 원인은 설계도면상 철근 배근 누락이고, 양생 "
        "기간 미준수가 균열에 영향을 주었다고 볼 자료는 부족하다. 따라서 피고는 이 사건 용역계약에 따른 "
        "채무를 제대로 이행하지 않았으므로 원고가 입은 손해를 배상할 책임이 있다.")
    pdf.p(
        "나. 책임의 제한. 다만 원고는 전문 건설업자로서 착공 전에 설계도서를 검토하여 명백한 오류를 발견하면 "
        "설계자에게 알릴 의무가 있는데도 이를 게을리하였고, 2023. 6. 12. 균열을 처음 발견한 뒤에도 약 2주 동안 "
        "상부 구조물 공사를 계속하여 손해가 커지는 데 원인을 제공하였다. 이러한 사정을 고려하여 피고의 책임을 "
        "60%로 제한한다.")
    pdf.p(
        "다. 손해배상의 범위. 그렇다면 피고가 배상할 금액은 적정 보강공사비 645,750,000원의 60%인 "
        "387,450,000원이다. 지연손해금은 보강공사를 마친 다음 날인 2023. 9. 1.부터 피고가 이행의무의 존부와 "
        "범위에 관하여 항쟁함이 타당한 이 판결 선고일인 2025. 2. 13.까지는 상법이 정한 연 6%, 그 다음 날부터 "
        "다 갚는 날까지는 소송촉진 등에 관한 특례법이 정한 연 12%의 각 비율로 계산한다.")
    pdf.h2("4. 결론")
    pdf.p("원고의 청구는 위 인정 범위에서 이유 있어 인용하고, 나머지 청구는 이유 없어 기각하기로 하여, "
          "주문과 같이 판결한다.")
    _judges(pdf, [("재판장 판사", "김도윤"), ("판사", "이서진"), ("판사", "박하람")])
    return bytes(pdf.output())


def doc_ruling_lease(font: str) -> bytes:
    pdf = new_report(
        font, title="한빛지방법원 2024나20871 임대차보증금반환 판결", author="한빛지방법원 제3민사부",
        head_left="한빛지방법원 2024나20871", head_right="판결", foot="- {p} -", seed=22)
    _ruling_head(pdf, "한 빛 지 방 법 원", "제 3 민 사 부", [
        ("사       건", "2024나20871 임대차보증금반환"),
        ("원고, 피항소인", "정유진\n한빛시 누리구 솔내로 48, 103동 1204호"),
        ("피고, 항소인", "최만석\n한빛시 가온구 별빛로 17\n소송대리인 변호사 한도경"),
        ("제 1 심 판 결", "한빛지방법원 2024. 5. 9. 선고 2023가단118204 판결"),
        ("변 론 종 결", "2024. 11. 7."),
        ("판 결 선 고", "2024. 12. 5."),
    ], )
    _section(pdf, "주       문")
    pdf.numbered(["피고의 항소를 기각한다.", "항소비용은 피고가 부담한다."])
    _section(pdf, "청구취지 및 항소취지")
    pdf.p("1. 청구취지: 피고는 원고에게 230,000,000원 및 이에 대하여 2023. 8. 1.부터 이 사건 소장 부본 "
          "송달일까지는 연 5%, 그 다음 날부터 다 갚는 날까지는 연 12%의 각 비율로 계산한 돈을 지급하라.")
    pdf.p("2. 항소취지: 제1심판결을 취소한다. 원고의 청구를 기각한다.")
    _section(pdf, "이       유")
    pdf.h2("1. 기초사실")
    pdf.p(
        "원고는 2021. 7. 20. 피고로부터 별지 목록 기재 아파트(이하 '이 사건 아파트'라 한다)를 임대차보증금 "
        "230,000,000원, 임대차기간 2021. 8. 1.부터 2023. 7. 31.까지로 정하여 임차하고, 그 무렵 피고에게 "
        "보증금을 모두 지급하였다. 원고는 2023. 4. 28. 피고에게 계약을 갱신하지 않겠다는 뜻을 내용증명 우편으로 "
        "통지하였고, 2023. 7. 31. 이 사건 아파트에서 퇴거하면서 열쇠를 피고에게 반환하였다.")
    pdf.h2("2. 판단")
    pdf.p(
        "가. 임대차의 종료. 원고가 임대차기간 만료 6개월 전부터 2개월 전까지의 기간 안에 갱신 거절의 통지를 "
        "하였으므로 임대차계약은 2023. 7. 31. 기간 만료로 종료되었다. 따라서 피고는 특별한 사정이 없는 한 "
        "원고에게 보증금 230,000,000원을 반환할 의무가 있다.")
    pdf.p(
        "나. 원상회복 주장에 대하여. 피고는 원고가 거실 벽지와 마룻바닥을 훼손하였으므로 그 수리비 "
        "4,800,000원을 공제하여야 하고, 원상회복이 끝날 때까지는 보증금을 반환할 수 없다고 주장한다. 그러나 "
        "피고가 제출한 사진만으로는 원고가 통상의 사용 범위를 넘어 목적물을 훼손하였다고 인정하기 부족하다. "
        "2년간 거주하면서 생긴 벽지의 변색과 마룻바닥의 긁힘은 통상의 손모에 해당하여 임차인의 원상회복 "
        "의무 범위에 포함되지 않으므로, 피고의 이 부분 주장은 받아들이지 않는다.")
    pdf.p(
        "다. 반환 유예 특약 주장에 대하여. 피고는 새 임차인이 정해질 때까지 보증금 반환을 미루기로 원고와 "
        "구두로 약정하였다고 주장하나, 이를 인정할 만한 증거가 없다.")
    pdf.h2("3. 결론")
    pdf.p("원고의 청구는 이유 있어 인용할 것인바, 제1심판결은 이와 결론을 같이하여 정당하므로 피고의 항소를 "
          "기각하기로 하여, 주문과 같이 판결한다.")
    _judges(pdf, [("재판장 판사", "서민호"), ("판사", "강지우"), ("판사", "노은채")])
    pdf.scanned_page([
        ("right", "(별지)"),
        ("gap", 30),
        ("title", "부 동 산 목 록"),
        ("gap", 20),
        ("h", "1동의 건물의 표시"),
        ("p", "한빛시 누리구 솔내로 48  솔내마을아파트 제103동"),
        ("p", "철근콘크리트구조 (철근)콘크리트지붕 15층 공동주택(아파트)"),
        ("gap", 16),
        ("h", "전유부분의 건물의 표시"),
        ("p", "건물의 번호: 제12층 제1204호"),
        ("p", "구조 및 면적: 철근콘크리트구조 84.97㎡"),
        ("gap", 16),
        ("h", "대지권의 표시"),
        ("p", "토지의 표시: 한빛시 누리구 솔내동 612  대 21,540㎡"),
        ("p", "대지권의 종류: 소유권대지권     대지권의 비율: 21,540분의 46.12"),
        ("gap", 40),
        ("right", "끝."),
    ])
    return bytes(pdf.output())


def doc_ruling_admin(font: str) -> bytes:
    pdf = new_report(
        font, title="한빛지방법원 2024구합1057 영업정지처분취소 판결", author="한빛지방법원 제1행정부",
        head_left="한빛지방법원 2024구합1057", head_right="판결", foot="- {p} -", seed=23)
    _ruling_head(pdf, "한 빛 지 방 법 원", "제 1 행 정 부", [
        ("사       건", "2024구합1057 영업정지처분취소"),
        ("원       고", "한미란 (상호: 솔바람 식당)\n한빛시 누리구 장터길 21\n소송대리인 변호사 윤세아"),
        ("피       고", "한빛시 누리구청장\n소송수행자 이창민, 고은비"),
        ("변 론 종 결", "2024. 10. 24."),
        ("판 결 선 고", "2024. 11. 21."),
    ])
    _section(pdf, "주       문")
    pdf.numbered(["피고가 2024. 3. 12. 원고에 대하여 한 영업정지 2개월 처분을 취소한다.",
                  "소송비용은 피고가 부담한다."])
    _section(pdf, "청 구 취 지")
    pdf.p("주문과 같다.")
    _section(pdf, "이       유")
    pdf.h2("1. 처분의 경위")
    pdf.p(
        "원고는 한빛시 누리구 장터길 21에서 '솔바람 식당'이라는 상호로 일반음식점을 운영하고 있다. 2024. 1. 19. "
        "21시 40분경 위 식당에서 청소년 3명이 소주 2병과 맥주 3병을 주문하여 마시다가 경찰에 적발되었다. "
        "피고는 원고가 청소년에게 주류를 제공하였다는 이유로 식품위생법령의 행정처분 기준에 따라 2024. 3. 12. "
        "원고에게 영업정지 2개월의 처분(이하 '이 사건 처분'이라 한다)을 하였다.")
    pdf.h2("2. 원고의 주장")
    pdf.p(
        "원고는 종업원이 주문을 받을 때 신분증을 확인하였는데 청소년들이 성인의 주민등록증을 위조하여 "
        "제시하였으므로 원고에게 잘못이 없고, 그렇지 않더라도 이 사건 처분은 재량권을 일탈·남용한 것이라고 "
        "주장한다.")
    pdf.h2("3. 판단")
    pdf.p(
        "가. 처분 사유의 존재. 청소년에게 주류를 제공한 사실 자체는 다툼이 없고, 신분증을 확인하였다는 사정만으로 "
        "처분 사유가 없어진다고 볼 수는 없다.")
    pdf.p("나. 재량권 일탈·남용 여부. 그러나 다음과 같은 사정을 종합하면 이 사건 처분은 원고에게 지나치게 "
          "가혹하여 재량권을 일탈·남용한 것으로서 위법하다.")
    pdf.numbered([
        ("청소년들은 다른 사람의 주민등록증 사진을 교묘하게 바꾼 위조 신분증을 제시하였고, 종업원은 이를 육안으로 "
        "확인한 뒤 주류를 제공하였다. 수사기관도 원고와 종업원에 대하여 혐의없음 처분을 하였다."),
        ("행정처분 기준은 청소년의 신분증 위조·변조 등으로 영업자가 청소년임을 확인하지 못한 사정이 인정되는 "
        "경우 처분을 감경할 수 있도록 정하고 있는데, 피고는 이러한 감경 사유를 전혀 검토하지 않았다."),
        "원고는 2011년부터 13년 동안 같은 장소에서 식당을 운영하면서 한 번도 행정처분을 받은 적이 없다.",
        ("영업정지 2개월이 집행되면 원고와 종업원 4명의 생계에 큰 타격이 생기는 반면, 감경된 처분으로도 "
        "청소년 보호라는 공익을 달성하는 데 지장이 없다."),
    ], fmt="{})")
    pdf.h2("4. 결론")
    pdf.p("원고의 청구는 이유 있어 인용하기로 하여, 주문과 같이 판결한다.")
    _judges(pdf, [("재판장 판사", "문태경"), ("판사", "하유리"), ("판사", "정선우")])
    return bytes(pdf.output())


WAGE_ROWS = [  # 연월, 연장근로시간, 통상시급
    ("2022. 1.", 35, 12400), ("2022. 2.", 26, 12400), ("2022. 3.", 22, 12400), ("2022. 4.", 41, 12400),
    ("2022. 5.", 34, 12400), ("2022. 6.", 34, 12400), ("2022. 7.", 32, 12400), ("2022. 8.", 11, 12400),
    ("2022. 9.", 38, 12400), ("2022. 10.", 37, 12400), ("2022. 11.", 47, 12400), ("2022. 12.", 42, 12400),
    ("2023. 1.", 40, 13100), ("2023. 2.", 46, 13100), ("2023. 3.", 43, 13100), ("2023. 4.", 37, 13100),
    ("2023. 5.", 25, 13100), ("2023. 6.", 22, 13100), ("2023. 7.", 26, 13100), ("2023. 8.", 11, 13100),
    ("2023. 9.", 27, 13100), ("2023. 10.", 32, 13100), ("2023. 11.", 42, 13100), ("2023. 12.", 43, 13100),
]
FIXED_OT = 200_000  # 매월 지급된 고정 연장근로수당


def doc_ruling_wages(font: str) -> bytes:
    legal = [h * r * 3 // 2 for _, h, r in WAGE_ROWS]
    unpaid = [x - FIXED_OT for x in legal]
    total = sum(unpaid)  # 10,363,500
    pdf = new_report(
        font, title="한빛지방법원 2024가합7720 임금 판결", author="한빛지방법원 제5민사부",
        head_left="한빛지방법원 2024가합7720", head_right="판결", foot="- {p} -", seed=24)
    _ruling_head(pdf, "한 빛 지 방 법 원", "제 5 민 사 부", [
        ("사       건", "2024가합7720 임금"),
        ("원       고", "서동현\n한빛시 가온구 새터로 9\n소송대리인 변호사 차윤호"),
        ("피       고", "주식회사 누리물류\n한빛시 솔내구 물류단지로 120\n대표이사 강태오"),
        ("변 론 종 결", "2024. 12. 12."),
        ("판 결 선 고", "2025. 1. 23."),
    ])
    _section(pdf, "주       문")
    pdf.numbered([
        (f"피고는 원고에게 {won(total)}원 및 이에 대하여 2024. 2. 15.부터 다 갚는 날까지 연 20%의 비율로 "
        "계산한 돈을 지급하라."),
        "원고의 나머지 청구를 기각한다.",
        "소송비용 중 1/5은 원고가, 나머지는 피고가 부담한다.",
        "제1항은 가집행할 수 있다.",
    ])
    _section(pdf, "청 구 취 지")
    pdf.p("피고는 원고에게 12,870,000원 및 이에 대하여 2024. 2. 15.부터 다 갚는 날까지 연 20%의 비율로 "
          "계산한 돈을 지급하라.")
    _section(pdf, "이       유")
    pdf.h2("1. 기초사실")
    pdf.p(
        "원고는 2019. 3. 4. 피고에 입사하여 피고의 한빛 제2물류센터에서 입출고 관리 업무를 하다가 2024. 1. 31. "
        "퇴직하였다. 원고와 피고가 체결한 근로계약서에는 '기본급에 연장·야간근로수당을 포함하며, 별도로 매월 "
        "고정 연장근로수당 200,000원을 지급한다'는 내용(이하 '이 사건 약정'이라 한다)이 있고, 피고는 원고에게 "
        "재직 기간 동안 매월 고정 연장근로수당 200,000원을 지급하였다.")
    pdf.h2("2. 당사자의 주장")
    pdf.p(
        "원고는 2022. 1.부터 2023. 12.까지 실제로 한 연장근로에 대하여 근로기준법이 정한 가산임금(통상임금의 "
        "150%)을 계산하면 이미 받은 고정 연장근로수당을 넘으므로 그 차액과 휴일근로수당을 지급하라고 주장한다. "
        "피고는 이 사건 약정이 유효한 포괄임금약정이므로 추가로 지급할 임금이 없다고 다툰다.")
    pdf.h2("3. 판단")
    pdf.p(
        "가. 포괄임금약정의 효력. 근로시간의 산정이 어려운 경우가 아니라면 근로기준법상 근로시간에 따른 임금 "
        "지급 원칙이 적용되어야 하고, 이에 어긋나는 포괄임금약정은 근로자에게 불이익한 범위에서 효력이 없다. "
        "피고의 물류센터는 전자 출입 기록 시스템으로 근로자의 출퇴근 시각을 분 단위까지 관리하였으므로, 원고의 "
        "근로시간은 얼마든지 산정할 수 있었다. 따라서 이 사건 약정은 근로기준법에 따라 계산한 연장근로수당에 "
        "미달하는 범위에서 무효이다.")
    pdf.p(
        f"나. 미지급 연장근로수당. 전자 출입 기록에 따라 인정되는 원고의 월별 연장근로시간과 통상시급(2022년 "
        f"12,400원, 2023년 13,100원)으로 계산한 법정 연장근로수당에서 이미 받은 고정 연장근로수당을 공제하면, "
        f"미지급액은 별지 계산표 기재와 같이 합계 {won(total)}원이다.")
    pdf.p(
        "다. 휴일근로수당 청구에 관하여. 원고는 2022년과 2023년 명절 연휴에 휴일근로를 하였다고 주장하나, 전자 "
        "출입 기록에는 해당 일자의 출입 내역이 없고 이를 인정할 다른 증거도 없으므로 이 부분 청구는 받아들이지 "
        "않는다.")
    pdf.p(
        "라. 지연손해금. 피고는 원고에게 위 돈에 대하여 원고의 퇴직일부터 14일이 지난 다음 날인 2024. 2. 15.부터 "
        "다 갚는 날까지 근로기준법이 정한 연 20%의 비율로 계산한 지연이자를 지급할 의무가 있다.")
    pdf.h2("4. 결론")
    pdf.p("원고의 청구는 위 인정 범위에서 이유 있어 인용하고 나머지 청구는 기각하기로 하여, 주문과 같이 판결한다.")
    _judges(pdf, [("재판장 판사", "윤석현"), ("판사", "배나래"), ("판사", "조민재")])
    pdf.ln(4)
    pdf.h2("[별지] 미지급 연장근로수당 계산표")
    rows = []
    for (month, hours, rate), amount, left in zip(WAGE_ROWS, legal, unpaid):
        rows.append([month, str(hours), won(rate), won(amount), won(FIXED_OT), won(left)])
        if month == "2022. 12.":
            rows.append(["2022년 소계", str(sum(h for _, h, _ in WAGE_ROWS[:12])), "", won(sum(legal[:12])),
                         won(FIXED_OT * 12), won(sum(unpaid[:12]))])
    rows.append(["2023년 소계", str(sum(h for _, h, _ in WAGE_ROWS[12:])), "", won(sum(legal[12:])),
                 won(FIXED_OT * 12), won(sum(unpaid[12:]))])
    rows.append(["합계", str(sum(h for _, h, _ in WAGE_ROWS)), "", won(sum(legal)), won(FIXED_OT * 24),
                 won(total)])
    pdf.table(
        [26, 24, 26, 32, 32, 30],
        [["연월", "연장근로(시간)", "통상시급(원)", "법정 수당(원)", "기지급액(원)", "미지급액(원)"]],
        rows, aligns="LRRRRR", size=8.5, row_h=7.4, repeat_header=False,
        bold_rows=(12, -2, -1), note="법정 수당 = 연장근로시간 × 통상시급 × 1.5 (원 미만 버림)")
    return bytes(pdf.output())


FRAUD_ROWS = [  # 순번, 범행일시, 피해자, 물품, 편취금액(원)
    (1, "2023. 3. 10.", "윤○○", "코트 야전침대", 390000),
    (2, "2023. 3. 17.", "나○○", "캠핑 테이블", 200000),
    (3, "2023. 3. 22.", "원○○", "감성 랜턴 세트", 280000),
    (4, "2023. 3. 31.", "유○○", "에어매트", 380000),
    (5, "2023. 4. 5.", "육○○", "캠핑 테이블", 390000),
    (6, "2023. 4. 15.", "한○○", "화목난로", 1460000),
    (7, "2023. 4. 25.", "국○○", "화목난로", 1110000),
    (8, "2023. 4. 30.", "길○○", "코트 야전침대", 340000),
    (9, "2023. 5. 7.", "서○○", "코트 야전침대", 270000),
    (10, "2023. 5. 16.", "설○○", "리빙쉘", 2400000),
    (11, "2023. 5. 26.", "남○○", "루프탑 텐트", 3060000),
    (12, "2023. 5. 30.", "여○○", "쉘터 텐트", 2240000),
    (13, "2023. 6. 8.", "천○○", "루프탑 텐트", 2430000),
    (14, "2023. 6. 14.", "한○○", "감성 랜턴 세트", 300000),
    (15, "2023. 6. 21.", "윤○○", "코트 야전침대", 500000),
    (16, "2023. 6. 27.", "이○○", "타프 스크린", 620000),
    (17, "2023. 6. 30.", "추○○", "아이스박스", 390000),
    (18, "2023. 7. 6.", "추○○", "파워뱅크(캠핑용)", 920000),
    (19, "2023. 7. 16.", "원○○", "루프탑 텐트", 2880000),
    (20, "2023. 7. 22.", "표○○", "캠핑의자 세트", 520000),
    (21, "2023. 7. 25.", "권○○", "감성 랜턴 세트", 300000),
    (22, "2023. 8. 4.", "남○○", "파워뱅크(캠핑용)", 1380000),
    (23, "2023. 8. 14.", "구○○", "캠핑 테이블", 410000),
    (24, "2023. 8. 18.", "전○○", "감성 랜턴 세트", 350000),
    (25, "2023. 8. 21.", "조○○", "텐트(4인용)", 910000),
    (26, "2023. 8. 31.", "남○○", "캠핑의자 세트", 380000),
    (27, "2023. 9. 8.", "류○○", "캠핑 테이블", 450000),
]


def doc_ruling_fraud(font: str) -> bytes:
    total = sum(r[4] for r in FRAUD_ROWS)  # 25,260,000
    pdf = new_report(
        font, title="한빛지방법원 2024고단3310 사기 판결", author="한빛지방법원 형사3단독",
        head_left="한빛지방법원 2024고단3310", head_right="판결", foot="- {p} -", seed=25)
    _ruling_head(pdf, "한 빛 지 방 법 원", "형 사 3 단 독", [
        ("사       건", "2024고단3310 사기"),
        ("피   고   인", "문재혁 (85****-1******), 자영업\n주거 한빛시 가온구 별빛로 203"),
        ("검       사", "송지원(기소), 마준영(공판)"),
        ("변   호   인", "변호사 임다솜(국선)"),
        ("판 결 선 고", "2024. 10. 17."),
    ])
    _section(pdf, "주       문")
    pdf.p("피고인을 징역 1년 6개월에 처한다. 다만, 이 판결 확정일부터 3년간 위 형의 집행을 유예한다. "
          "피고인에게 보호관찰을 받을 것과 120시간의 사회봉사를 명한다.")
    _section(pdf, "이       유")
    pdf.h2("범 죄 사 실")
    pdf.p(
        "피고인은 캠핑용품을 판매할 의사나 능력이 없었다. 그럼에도 피고인은 2023. 3. 10.경 인터넷 중고거래 "
        "플랫폼 '바로마켓'에 '코트 야전침대 새 상품 판매'라는 글을 올리고, 이를 보고 연락한 피해자 윤○○에게 "
        "'돈을 보내면 다음 날 택배로 보내 주겠다'고 거짓말하여 이에 속은 피해자로부터 같은 날 피고인 명의 계좌로 "
        "390,000원을 송금받았다.")
    pdf.p(
        f"피고인은 이를 비롯하여 그때부터 2023. 9. 8.까지 별지 범죄일람표 기재와 같이 같은 방법으로 피해자 "
        f"27명으로부터 모두 27회에 걸쳐 합계 {won(total)}원을 송금받아 편취하였다.")
    pdf.h2("증거의 요지")
    pdf.numbered(["피고인의 법정진술", "각 피해자 작성의 진술서", "계좌 거래내역 및 바로마켓 게시글 화면 캡처",
                  "수사보고(피해 금액 합산)"])
    pdf.h2("법령의 적용")
    pdf.numbered([
        "범죄사실에 대한 해당법조 및 형의 선택: 형법 제347조 제1항(각 징역형 선택)",
        "경합범가중: 형법 제37조 전단, 제38조 제1항 제2호, 제50조",
        "집행유예: 형법 제62조 제1항(아래 양형의 이유 중 유리한 정상 참작)",
        "보호관찰 및 사회봉사명령: 형법 제62조의2",
    ])
    pdf.h2("양형의 이유")
    pdf.p(
        "불리한 정상: 피고인은 6개월에 걸쳐 27명의 피해자를 상대로 같은 수법의 범행을 되풀이하였고, 편취한 돈을 "
        "대부분 인터넷 도박에 쓴 것으로 보인다. 온라인 중고거래에 대한 사회적 신뢰를 해치는 범행으로 죄질이 "
        "가볍지 않다.")
    pdf.p(
        f"유리한 정상: 피고인은 범행을 모두 자백하고 깊이 반성하고 있다. 피고인은 피해자 19명과 합의하였고 "
        f"피해액 {won(total)}원 가운데 16,480,000원을 변제하였다. 피고인에게는 벌금형을 넘는 처벌을 받은 "
        "전력이 없다. 이러한 사정과 피고인의 나이, 가족 관계, 범행 후의 정황 등 여러 양형 조건을 종합하여, "
        "이번에 한하여 형의 집행을 유예하되 재범을 막기 위하여 보호관찰과 사회봉사를 함께 명한다.")
    _judges(pdf, [("판사", "한승표")])
    pdf.ln(2)
    pdf.h2("[별지] 범죄일람표")
    rows = [[str(n), d, v, item, won(amount)] for n, d, v, item, amount in FRAUD_ROWS]
    rows.append(["합계", "", "", "27회", won(total)])
    pdf.table([18, 36, 30, 50, 36], [["순번", "범행일시", "피해자", "거래 물품", "편취금액(원)"]], rows,
              aligns="CLLLR", row_h=7, cont="범죄일람표 (계속)", bold_rows=(-1,))
    return bytes(pdf.output())


def doc_arbitration_award(font: str) -> bytes:
    pdf = new_report(
        font, lang="en", title="EIAC Case No. EIAC/2023/118 - Final Award",
        author="Eastmoor International Arbitration Centre",
        head_left="EIAC Case No. EIAC/2023/118", head_right="Final Award - 14 November 2024",
        foot="{p}", seed=26)
    pdf.ln(2)
    pdf.center("EASTMOOR INTERNATIONAL ARBITRATION CENTRE", size=13, bold=True)
    pdf.center("Case No. EIAC/2023/118", size=11)
    pdf.ln(4)
    pdf.center("HARBOR LINE LOGISTICS LTD. (Claimant)", size=11, bold=True)
    pdf.center("v.", size=11)
    pdf.center("NORVALE COMPONENTS INC. (Respondent)", size=11, bold=True)
    pdf.ln(4)
    pdf.center("FINAL AWARD", size=16, h=11, bold=True)
    pdf.labeled([
        ("Tribunal", "Ms Margaret Olufemi-Hart, sole arbitrator"),
        ("Seat", "Eastmoor"),
        ("Governing law", "The laws of Eastmoor (clause 21 of the Agreement)"),
        ("Date of award", "14 November 2024"),
    ], label_w=38)
    pdf.h1("A. The parties and the dispute")
    pdf.p(
        "1. The Claimant operates bonded warehouses at the Port of Eastmoor. The Respondent manufactures "
        "automotive wiring harnesses. Under a Warehouse Services Agreement dated 3 February 2021 (the "
        "\"Agreement\"), the Claimant stored and handled the Respondent's inbound components for a fixed term "
        "of five years, for a monthly fee of USD 155,000.")
    pdf.p(
        "2. On 30 June 2023 the Respondent gave written notice terminating the Agreement with immediate effect, "
        "citing repeated delays in dispatch. The Claimant contends that the termination was wrongful and claims "
        "(a) unpaid fees of USD 1,240,000 for the eight months from November 2022 to June 2023, and (b) the early "
        "termination fee of USD 860,000 stated in clause 14.3 of the Agreement, a total of USD 2,100,000.")
    pdf.h1("B. Procedural history")
    pdf.numbered([
        "The Claimant filed its Request for Arbitration on 22 August 2023.",
        "The Tribunal was constituted on 30 October 2023 and issued Procedural Order No. 1 on 20 November 2023.",
        "A three-day evidentiary hearing was held in Eastmoor from 10 to 12 June 2024.",
        ("The parties filed post-hearing briefs on 2 August 2024, and the proceedings were closed on "
        "16 September 2024."),
    ], fmt="{}.")

    pdf.add_page()
    pdf.h1("C. Findings")
    pdf.p(
        "3. Termination. The Agreement allowed termination for cause only after a written notice of breach and a "
        "30-day cure period (clause 13.2). The Respondent gave no such notice. The dispatch delays it relied on "
        "affected 2.1% of shipments and were in any event within the service levels of Schedule 2. The "
        "termination was therefore wrongful.")
    pdf.p(
        "4. Unpaid fees. The Respondent does not dispute that the invoices for November 2022 to June 2023 remain "
        "unpaid. The claim for USD 1,240,000 succeeds in full.")
    pdf.p(
        "5. Early termination fee. Clause 14.3 fixes the fee at USD 860,000 regardless of when termination "
        "occurs. The Tribunal finds that the fee was intended to compensate the Claimant for the six-month notice "
        "period it would need to re-let the dedicated warehouse space, and that the Claimant in fact re-let half "
        "of that space to a new customer within three months. Enforcing the full amount would put the Claimant in "
        "a better position than performance of the Agreement, and to that extent the clause operates as a penalty. "
        "The Tribunal therefore reduces the fee to USD 430,000, being the Claimant's proven loss.")
    pdf.p(
        "6. Interest. Simple interest at 5% per year is payable on the sums awarded from 1 August 2023 until "
        "payment.")
    pdf.h1("D. Costs")
    pdf.table(
        [90, 40, 40],
        [["Item", "Amount (USD)", "Borne by Respondent"]],
        [["EIAC administrative fee", "48,000", "36,000"],
         ["Arbitrator's fees and expenses", "162,000", "121,500"],
         ["Total costs of the arbitration", "210,000", "157,500"]],
        caption="Table 1. Costs of the arbitration", bold_rows=(-1,))
    pdf.p(
        "7. The Claimant succeeded on liability and on most of the amount claimed (USD 1,670,000 of "
        "USD 2,100,000). The Respondent shall therefore bear 75% of the costs of the arbitration, and each party "
        "shall bear its own legal costs.")
    pdf.h1("E. Dispositive section")
    pdf.p("For the reasons above, the Tribunal:")
    pdf.numbered([
        "DECLARES that the Respondent's termination of the Agreement on 30 June 2023 was wrongful;",
        ("ORDERS the Respondent to pay the Claimant USD 1,240,000 in unpaid fees and USD 430,000 as the early "
        "termination fee, a total of USD 1,670,000;"),
        ("ORDERS the Respondent to pay simple interest at 5% per year on USD 1,670,000 from 1 August 2023 until "
        "payment;"),
        "ORDERS the Respondent to reimburse the Claimant USD 157,500, being 75% of the costs of the arbitration;",
        "DISMISSES all other claims.",
    ], fmt="({})", label_w=9)
    pdf.ln(4)
    pdf.right("Margaret Olufemi-Hart, Sole Arbitrator", size=10)
    pdf.right("Seat of arbitration: Eastmoor, 14 November 2024", size=10)
    return bytes(pdf.output())


# ======================================================================================
# financial statements / earnings
# ======================================================================================


def _fin_rows(items):
    """Rows of (label, current, previous) in 백만 원 plus a change column."""
    rows = []
    for label, cur, prev in items:
        rows.append([label, won(cur), won(prev), f"{cur - prev:+,}"])
    return rows


def doc_hanul_chemical(font: str) -> bytes:
    pdf = new_report(
        font, title="한울케미칼 주식회사 2024년 연결재무제표 요약", author="한울케미칼 주식회사 IR팀",
        head_left="한울케미칼 주식회사", head_right="2024년 연결재무제표 요약",
        foot="{p} / {n}", foot_left="한울케미칼 IR", seed=31)
    pdf.title_block("2024년 연결재무제표 요약", "제52기 (2024. 1. 1. ~ 2024. 12. 31.)",
                    ["한울케미칼 주식회사 | 2025년 2월 6일 공시 | 외부감사인 감사 전 수치"])
    pdf.box([
        "2024년 연결 매출액은 5조 3,268억 원으로 전년보다 6.9% 늘었고, 영업이익은 3,872억 원으로 38.0% 증가하였다.",
        "첨단소재 부문의 매출이 17.2% 늘며 전사 성장을 이끌었고, 기초소재 부문은 영업이익이 18.9% 줄었다.",
        "부채비율은 95.5%에서 92.8%로 낮아졌고, 주당 현금배당금은 2,500원(전년 1,800원)으로 정하였다.",
    ], title="2024년 실적 요약")
    pdf.h1("1. 연결 재무상태표")
    bs = [
        ("유동자산", 1842300, 1695100), ("  현금및현금성자산", 412600, 368200), ("  매출채권", 587900, 552300),
        ("  재고자산", 701400, 645800), ("  기타유동자산", 140400, 128800),
        ("비유동자산", 2915700, 2741900), ("  유형자산", 2310500, 2172400), ("  무형자산", 184200, 191500),
        ("  기타비유동자산", 421000, 378000),
        ("자산총계", 4758000, 4437000),
        ("유동부채", 1203800, 1118600), ("비유동부채", 1086200, 1049400), ("부채총계", 2290000, 2168000),
        ("자본총계", 2468000, 2269000), ("부채와자본총계", 4758000, 4437000),
    ]
    pdf.table([62, 36, 36, 36], [["과목", "제52기 (2024년 말)", "제51기 (2023년 말)", "증감"]],
              _fin_rows(bs), caption="<표 1> 연결 재무상태표 요약", unit="(단위: 백만 원)",
              bold_rows=(9, 12, 13, 14))

    pdf.add_page()
    pdf.h1("2. 연결 손익계산서")
    is_ = [("매출액", 5326800, 4981200), ("매출원가", 4418500, 4201700), ("매출총이익", 908300, 779500),
           ("판매비와관리비", 521100, 498900), ("영업이익", 387200, 280600), ("금융손익", -42800, -51300),
           ("기타영업외손익", -8900, 6200), ("법인세비용차감전순이익", 335500, 235500),
           ("법인세비용", 81200, 56100), ("당기순이익", 254300, 179400)]
    pdf.table([62, 36, 36, 36], [["과목", "2024년", "2023년", "증감"]], _fin_rows(is_),
              caption="<표 2> 연결 손익계산서 요약", unit="(단위: 백만 원)", bold_rows=(2, 4, 9))
    pdf.p(
        "매출액은 5,326,800백만 원으로 전년 4,981,200백만 원보다 345,600백만 원(6.9%) 늘었다. 매출원가율이 "
        "84.4%에서 83.0%로 낮아지면서 영업이익은 387,200백만 원으로 106,600백만 원(38.0%) 증가하였고, "
        "영업이익률은 5.6%에서 7.3%로 1.7%p 개선되었다. 금융손익은 차입금 상환에 따른 이자비용 감소로 "
        "적자 폭이 8,500백만 원 줄었다. 당기순이익은 254,300백만 원으로 41.8% 늘었다.")
    pdf.h1("3. 주요 재무비율")
    pdf.table([70, 50, 50], [["지표", "2024년", "2023년"]],
              [["영업이익률(%)", "7.3", "5.6"], ["부채비율(%)", "92.8", "95.5"],
               ["유동비율(%)", "153.0", "151.5"], ["자기자본이익률(ROE, %)", "10.7", "8.1"]],
              caption="<표 3> 주요 재무비율", note="주: ROE는 기초·기말 평균 자본 기준")

    pdf.add_page()
    pdf.h1("4. 부문별 실적")
    pdf.table(
        [40, 27, 27, 22, 27, 27],
        [[Cell("부문", 1, 2), Cell("매출액", 3), Cell("영업이익", 2)],
         ["2024년", "2023년", "증감률(%)", "2024년", "2023년"]],
        [["기초소재", "2,412,600", "2,388,900", "1.0", "98,400", "121,300"],
         ["첨단소재", "1,608,300", "1,372,500", "17.2", "214,700", "118,900"],
         ["생명과학", "784,500", "702,400", "11.7", "69,800", "41,200"],
         ["기타·조정", "521,400", "517,400", "0.8", "4,300", "-800"],
         ["합계", "5,326,800", "4,981,200", "6.9", "387,200", "280,600"]],
        caption="<표 4> 부문별 매출액과 영업이익", unit="(단위: 백만 원, %)", bold_rows=(-1,))
    pdf.p(
        "첨단소재 부문은 이차전지 양극재용 바인더와 반도체 공정용 고순도 소재의 판매가 늘어 매출이 17.2% "
        "증가하였고, 영업이익은 214,700백만 원으로 전년의 약 1.8배가 되어 처음으로 기초소재 부문을 넘어섰다. "
        "생명과학 부문은 동물용 백신의 중남미 수출이 늘어 영업이익이 69,800백만 원으로 69.4% 증가하였다.")
    pdf.p(
        "기초소재 부문은 매출이 1.0% 늘었으나 영업이익은 121,300백만 원에서 98,400백만 원으로 18.9% 줄었다. "
        "중국의 대규모 증설로 범용 석유화학 제품의 공급 과잉이 이어져 제품 가격과 원료 가격의 차이(스프레드)가 "
        "축소되었고, 연초 나프타 가격 상승분을 제품 가격에 충분히 반영하지 못하였기 때문이다. 회사는 2025년 "
        "상반기 중 수익성이 낮은 여수 제2 에틸렌 공장의 가동률을 60% 수준으로 낮출 계획이다.")
    pdf.h1("5. 배당 및 2025년 계획")
    pdf.p("이사회는 2024년 결산 배당으로 보통주 1주당 현금 2,500원(전년 1,800원)을 결의하였다. 배당금 총액은 "
          "76,300백만 원이며 2025년 3월 정기주주총회에서 확정된다.")
    pdf.numbered([
        "첨단소재 부문 매출 비중을 2027년까지 40% 이상으로 확대",
        "2025년 시설투자 4,200억 원 가운데 55%를 첨단소재 증설에 배정",
        "순차입금을 2025년 말까지 1조 원 이하로 감축",
    ])
    return bytes(pdf.output())


def doc_dasan_foods(font: str) -> bytes:
    pdf = new_report(
        font, title="다산푸드 2025년 2분기 실적발표", author="다산푸드 주식회사 IR",
        head_left="다산푸드 2025년 2분기 실적발표", head_right="2025. 8. 7.",
        foot="Dasan Foods IR | {p}", seed=32)
    pdf.title_block("2025년 2분기 실적발표", "다산푸드 주식회사 (K-IFRS 연결 기준)",
                    ["2025년 8월 7일 | 본 자료의 2분기 실적은 외부감사인의 검토 전 수치로 변경될 수 있음"])
    pdf.h1("1. 손익 요약")
    pdf.table(
        [38, 26, 26, 26, 27, 27],
        [[Cell("구분", 1, 2), Cell("분기 실적(억 원)", 3), Cell("증감률", 2)],
         ["2Q25", "1Q25", "2Q24", "QoQ", "YoY"]],
        [["매출액", "4,812", "4,530", "4,405", "+6.2%", "+9.2%"],
         ["매출총이익", "1,347", "1,250", "1,189", "+7.8%", "+13.3%"],
         ["영업이익", "338", "296", "271", "+14.2%", "+24.7%"],
         ["영업이익률", "7.0%", "6.5%", "6.2%", "+0.5%p", "+0.8%p"],
         ["당기순이익", "241", "205", "187", "+17.6%", "+28.9%"]],
        caption="<표 1> 분기 손익 요약", unit="(단위: 억 원)")
    pdf.p(
        "2분기 매출액은 4,812억 원으로 전년 같은 기간보다 9.2% 늘어 분기 기준 최대를 기록하였다. 영업이익은 "
        "338억 원으로 24.7% 증가하였으며, 영업이익률은 7.0%로 0.8%p 높아졌다. 해외 부문의 고성장과 국내 "
        "가공식품의 제품 구성 개선이 수익성 개선을 이끌었다.")
    pdf.h1("2. 부문별 실적")
    pdf.table(
        [40, 26, 26, 24, 27, 27],
        [[Cell("부문", 1, 2), Cell("매출액(억 원)", 3), Cell("영업이익(억 원)", 2)],
         ["2Q25", "2Q24", "YoY", "2Q25", "2Q24"]],
        [["국내 가공식품", "2,236", "2,198", "+1.7%", "142", "131"],
         ["국내 음료", "874", "861", "+1.5%", "41", "45"],
         ["해외", "1,702", "1,346", "+26.4%", "155", "95"],
         ["합계", "4,812", "4,405", "+9.2%", "338", "271"]],
        caption="<표 2> 부문별 매출액과 영업이익", unit="(단위: 억 원)", bold_rows=(-1,))

    pdf.add_page()
    pdf.h1("3. 부문별 실적 설명")
    pdf.columns([
        ("h", "국내 가공식품"),
        ("p", ("국내 가공식품 매출은 2,236억 원으로 1.7% 늘었다. 내수 소비 둔화로 판매량은 정체되었으나 "
              "고단백 간편식 '든든한끼' 시리즈 등 고가 제품의 비중이 높아지면서 영업이익은 142억 원으로 8.4% "
              "증가하였다. 냉동만두는 국내 시장점유율 1위(닐슨 기준 28.7%)를 유지하였다.")),
        ("h", "국내 음료"),
        ("p", ("음료 매출은 874억 원으로 1.5% 늘었지만 영업이익은 45억 원에서 41억 원으로 줄었다. 설탕과 "
              "PET 용기 등 원재료 가격이 오른 데다, 여름 성수기를 앞두고 편의점 판촉 행사를 늘리면서 판매촉진비가 "
              "전년보다 18억 원 증가하였기 때문이다. 회사는 3분기부터 주요 탄산음료 가격을 평균 6% 인상한다.")),
        ("h", "해외"),
        ("p", ("해외 매출은 1,702억 원으로 26.4% 늘어 전체 매출의 35.4%를 차지하였다. 미국에서는 대형 "
              "유통 체인 두 곳에 냉동만두 입점을 늘렸고, 조지아주 공장의 2라인 증설이 끝나 가동률이 88%까지 "
              "올라갔다. 유럽 매출은 독일과 네덜란드의 아시아 식품 전문점을 중심으로 41% 성장하였다.")),
        ("h", "재무 현황"),
        ("p", ("6월 말 순차입금은 3,420억 원으로 3월 말보다 210억 원 줄었고, 부채비율은 118%를 기록하였다. "
              "상반기 설비투자는 620억 원이며 대부분 미국 공장 증설에 쓰였다.")),
    ])
    pdf.ln(3)
    pdf.h1("4. 2025년 연간 가이던스")
    pdf.numbered([
        "연결 매출액 1조 9,200억 원(전년 대비 +8% 내외)",
        "연결 영업이익률 7% 내외",
        "해외 매출 비중 36% 이상",
        "연간 설비투자 1,150억 원",
    ])
    pdf.p("※ 가이던스는 환율(원/달러 1,350원 가정)과 원재료 가격 전망에 따라 달라질 수 있다.", size=9)
    return bytes(pdf.output())


LOAN_ROWS = [  # 업종, 2024말 잔액, 2023말 잔액(억 원), 증감률(%), 연체율(%)
    ("식료품 제조업", 20300, 19000, 6.8, 0.43), ("섬유·의복 제조업", 21200, 21400, -0.9, 0.25),
    ("화학물질·화학제품", 85400, 77600, 10.1, 0.18), ("의약품 제조업", 21300, 21700, -1.8, 0.14),
    ("고무·플라스틱 제품", 16800, 16000, 5.0, 0.22), ("비금속 광물제품", 24800, 22000, 12.7, 0.38),
    ("1차 금속", 63700, 63700, 0.0, 0.43), ("금속가공제품", 61800, 55400, 11.6, 0.33),
    ("전자부품·컴퓨터", 109900, 97300, 12.9, 0.29), ("전기장비", 23200, 21400, 8.4, 0.27),
    ("기타 기계·장비", 85600, 78900, 8.5, 0.28), ("자동차·트레일러", 89300, 81900, 9.0, 0.47),
    ("기타 운송장비", 25400, 24100, 5.4, 0.19), ("가구·기타 제조업", 17100, 17200, -0.6, 0.44),
    ("전기·가스·증기", 17800, 16300, 9.2, 0.21), ("수도·하수·폐기물", 17600, 17900, -1.7, 0.12),
    ("종합 건설업", 64200, 66500, -3.5, 0.88), ("전문직별 공사업", 53200, 47200, 12.7, 0.74),
    ("도매업", 175500, 176400, -0.5, 0.31), ("소매업", 66500, 67300, -1.2, 0.61),
    ("육상 운송업", 29600, 26500, 11.7, 0.23), ("수상·항공 운송업", 19900, 20100, -1.0, 0.13),
    ("창고·운송 서비스", 25300, 24800, 2.0, 0.25), ("숙박업", 50700, 45600, 11.2, 1.12),
    ("음식점업", 64800, 65700, -1.4, 0.97), ("정보통신업", 43000, 41700, 3.1, 0.18),
    ("부동산업", 246600, 241500, 2.1, 0.52), ("전문·과학·기술 서비스", 25100, 25300, -0.8, 0.30),
    ("사업시설관리·지원 서비스", 21700, 19300, 12.4, 0.34), ("교육 서비스", 26500, 25800, 2.7, 0.33),
    ("보건·사회복지", 30100, 27500, 9.5, 0.47), ("예술·스포츠·여가", 30200, 28900, 4.5, 0.42),
    ("기타 개인 서비스", 20700, 21100, -1.9, 0.38), ("기타", 23200, 22600, 2.7, 0.19),
]


def doc_saeron_bank(font: str) -> bytes:
    pdf = new_report(
        font, title="새론은행 2024년 경영실적", author="새론은행 재무기획부",
        head_left="새론은행 2024년 경영실적", head_right="재무기획부 | 2025. 2. 5.",
        foot="- {p} -", seed=33)
    pdf.title_block("새론은행 2024년 경영실적", "별도 재무제표 기준, 잠정",
                    ["새론은행 재무기획부 | 2025년 2월 5일"])
    pdf.h1("1. 주요 실적")
    pdf.table(
        [62, 36, 36, 36],
        [["구분", "2024년", "2023년", "증감"]],
        [["당기순이익(억 원)", "12,480", "11,350", "+1,130"],
         ["순이자마진(NIM, %)", "1.68", "1.74", "-0.06%p"],
         ["자기자본이익률(ROE, %)", "9.2", "8.9", "+0.3%p"],
         ["고정이하여신비율(%)", "0.41", "0.33", "+0.08%p"],
         ["연체율(%)", "0.38", "0.29", "+0.09%p"],
         ["BIS 총자본비율(%)", "16.12", "15.87", "+0.25%p"],
         ["보통주자본비율(CET1, %)", "13.45", "13.21", "+0.24%p"]],
        caption="<표 1> 주요 경영지표", unit="(단위: 억 원, %)")
    pdf.p(
        "2024년 당기순이익은 1조 2,480억 원으로 전년 1조 1,350억 원보다 10.0% 늘었다. 대출 자산이 늘고 "
        "수수료이익이 개선된 덕분이다. 다만 순이자마진(NIM)은 1.68%로 전년보다 0.06%p 낮아졌다. 기준금리 "
        "인하 기대로 시장금리가 먼저 내려가면서 변동금리 대출의 금리가 빠르게 떨어진 반면, 이자가 거의 없는 "
        "요구불예금 같은 저원가성 예금이 줄어 조달 비용은 그만큼 낮아지지 않았기 때문이다.")
    pdf.p(
        "건전성 지표는 다소 나빠졌다. 고금리가 길어지면서 자영업자와 건설·부동산 관련 차주의 상환 부담이 "
        "커져 연체율이 0.38%로 0.09%p 올랐다. 부문별 연체율은 가계대출 0.33%, 기업대출 0.43%이다. 은행은 "
        "대손충당금을 선제적으로 2,140억 원 추가 적립하였다.")
    pdf.h1("2. 원화대출금 구성")
    pdf.p(
        "2024년 말 원화대출금은 330조 5천억 원으로, 가계대출 152조 4천억 원, 기업대출 171조 8천억 원, "
        "공공 및 기타 대출 6조 3천억 원으로 이루어져 있다. 기업대출은 대기업 38조 6천억 원과 중소기업 "
        "133조 2천억 원이며, 2023년 말 164조 5,600억 원보다 4.4% 늘었다. 업종별로는 부동산업(24조 6,600억 원)과 "
        "도매업(17조 5,500억 원)의 잔액이 가장 크고, 제조업 14개 업종의 합계는 66조 5,800억 원으로 기업대출의 "
        "38.8%를 차지한다.")
    rows = [[n, won(a), won(b), f"{g:.1f}", f"{d:.2f}"] for n, a, b, g, d in LOAN_ROWS]
    rows.append(["합계", won(sum(r[1] for r in LOAN_ROWS)), won(sum(r[2] for r in LOAN_ROWS)), "4.4", "0.43"])
    pdf.table(
        [58, 30, 30, 26, 26],
        [["업종", "2024년 말 잔액", "2023년 말 잔액", "증감률(%)", "연체율(%)"]],
        rows, caption="<표 2> 업종별 기업대출 잔액과 연체율", unit="(단위: 억 원, %)",
        cont="<표 2> 업종별 기업대출 잔액과 연체율 (계속)", bold_rows=(-1,), row_h=6.0,
        note="주: 연체율은 2024년 말 기준, 1개월 이상 원리금 연체 기준. 합계 연체율은 잔액 가중 평균")
    pdf.p(
        "업종별 연체율은 숙박업(1.12%)과 음식점업(0.97%)이 가장 높고, 종합 건설업(0.88%)과 전문직별 "
        "공사업(0.74%)이 뒤를 이었다. 은행은 2025년 이들 업종의 신규 대출에 대해 담보인정비율을 5%p 낮추고 "
        "분기마다 차주의 현금흐름을 점검하기로 하였다.")
    pdf.h1("3. 2025년 경영 방향")
    pdf.numbered([
        "중소기업 대출을 연 5% 안팎 늘리되 취약 업종 비중은 줄인다.",
        "저원가성 예금 확대를 위해 급여 이체 고객 대상 혜택을 강화한다.",
        "비이자이익 비중을 2024년 14.8%에서 2025년 17%로 높인다.",
        "보통주자본비율(CET1)을 13% 이상으로 유지하면서 주주환원율을 35%로 높인다.",
    ])
    pdf.p("이사회는 2024년 결산 배당으로 보통주 1주당 1,150원을 결의하였다.")
    return bytes(pdf.output())


def doc_onsae_audit(font: str) -> bytes:
    pdf = new_report(
        font, title="온새리테일 주식회사 제18기 감사보고서(요약)", author="온새리테일 주식회사",
        head_left="온새리테일 주식회사 감사보고서(요약)", head_right="제18기 2024. 12. 31. 현재",
        foot="- {p} -", seed=34, plain_first=True)
    pdf.image(io.BytesIO(render_scan([
        ("title", "독립된 감사인의 감사보고서"),
        ("p", "온새리테일 주식회사"),
        ("p", "주주 및 이사회 귀중"),
        ("gap", 10),
        ("h", "감사의견"),
        ("p", ("우리는 온새리테일 주식회사(이하 '회사')의 재무제표를 감사하였습니다. 해당 재무제표는 "
              "2024년 12월 31일 현재의 재무상태표, 동일로 종료되는 보고기간의 손익계산서, 자본변동표, "
              "현금흐름표 그리고 중요한 회계정책 정보를 포함한 재무제표의 주석으로 구성되어 있습니다.")),
        ("p", ("우리의 의견으로는 별첨된 회사의 재무제표는 회사의 2024년 12월 31일 현재의 재무상태와 동일로 "
              "종료되는 보고기간의 재무성과 및 현금흐름을 한국채택국제회계기준에 따라, 중요성의 관점에서 "
              "공정하게 표시하고 있습니다(적정의견).")),
        ("h", "핵심감사사항: 재고자산 평가"),
        ("p", ("회사의 2024년 12월 31일 현재 재고자산 총액은 239,100백만 원이며, 이에 대한 평가충당금은 "
              "12,400백만 원입니다. 신선식품과 계절 상품은 유통기한과 판매 시기가 짧아 순실현가능가치의 "
              "추정에 경영진의 판단이 크게 개입되므로 우리는 재고자산 평가를 핵심감사사항으로 식별하였습니다.")),
        ("p", ("우리는 점포 재고 실사에 입회하고, 유통기한 경과 재고의 목록을 표본 검사하였으며, 보고기간 "
              "후 판매 가격과 장부가액을 비교하여 평가충당금의 적정성을 검토하였습니다.")),
        ("gap", 30),
        ("right", "세움회계법인"),
        ("right", "대표이사  공인회계사  남궁현"),
        ("stamp", "印"),
        ("right", "2025년 3월 14일"),
    ], font, 34)), x=0, y=0, w=pdf.w, h=pdf.h)

    pdf.add_page()
    pdf.h1("재무상태표")
    bs = [
        ("유동자산", 312450, 298100), ("  현금및현금성자산", 48200, 61400), ("  매출채권", 21350, 19800),
        ("  재고자산", 226700, 201300), ("  기타유동자산", 16200, 15600),
        ("비유동자산", 287550, 279900), ("  유형자산", 231900, 236500), ("  사용권자산", 41250, 30800),
        ("  기타비유동자산", 14400, 12600),
        ("자산총계", 600000, 578000),
        ("유동부채", 258300, 249700), ("비유동부채", 104700, 107300), ("부채총계", 363000, 357000),
        ("  자본금", 50000, 50000), ("  이익잉여금", 187000, 171000), ("자본총계", 237000, 221000),
        ("부채와자본총계", 600000, 578000),
    ]
    pdf.table(
        [70, 50, 50],
        [[Cell("과목", 1, 2), "제18기(당기)", "제17기(전기)"], ["2024. 12. 31.", "2023. 12. 31."]],
        [[label, won(a), won(b)] for label, a, b in bs],
        caption="재무상태표", unit="(단위: 백만 원)", bold_rows=(9, 12, 15, 16))
    pdf.p(
        "당기 말 자산총계는 6,000억 원으로 전기 말보다 220억 원 늘었다. 신규 점포 14곳을 열면서 재고자산이 "
        "254억 원, 임차 점포의 사용권자산이 104억 5천만 원 증가하였다. 현금및현금성자산은 점포 출점 투자로 "
        "132억 원 줄었다. 부채비율(부채총계/자본총계)은 153.2%로 전기 161.5%보다 낮아졌다.")

    pdf.add_page()
    pdf.h1("손익계산서")
    is_ = [("매출액", 1024600, 986300), ("매출원가", 731800, 706900), ("매출총이익", 292800, 279400),
           ("판매비와관리비", 265100, 256200), ("영업이익", 27700, 23200), ("금융·기타손익", -5900, -6400),
           ("법인세비용차감전순이익", 21800, 16800), ("법인세비용", 5800, 4100), ("당기순이익", 16000, 12700)]
    pdf.table([70, 50, 50], [["과목", "제18기(2024년)", "제17기(2023년)"]],
              [[label, won(a), won(b)] for label, a, b in is_],
              caption="손익계산서", unit="(단위: 백만 원)", bold_rows=(2, 4, 8))
    pdf.h1("주요 주석")
    pdf.numbered([
        ("재고자산은 총평균법으로 원가를 정하고, 순실현가능가치가 원가보다 낮으면 그 차이를 평가충당금으로 "
        "인식한다. 당기 말 재고자산 총액은 239,100백만 원, 평가충당금은 12,400백만 원이다."),
        ("재고자산 평가충당금은 기초 10,900백만 원에서 당기 설정 4,300백만 원, 폐기에 따른 사용 2,800백만 원을 "
        "반영하여 기말 12,400백만 원이 되었다."),
        ("회사는 당기 말 현재 전국에 212개 점포(직영 174개, 가맹 38개)를 운영하고 있으며, 당기 중 14개를 "
        "새로 열고 5개를 폐점하였다."),
        "당기 중 배당은 없었으며, 당기순이익 16,000백만 원은 전액 이익잉여금으로 적립되었다.",
    ], fmt="({})", label_w=9)
    return bytes(pdf.output())


def doc_northgate_energy(font: str) -> bytes:
    pdf = new_report(
        font, lang="en", title="Northgate Energy plc - Results for the year ended 31 December 2024",
        author="Northgate Energy plc", head_left="Northgate Energy plc", head_right="FY2024 Preliminary Results",
        foot="Page {p}", foot_left="Unaudited - for information only", seed=35)
    pdf.title_block("Northgate Energy plc", "Preliminary results for the year ended 31 December 2024",
                    ["Released 27 February 2025 | All figures in GBP million unless stated"])
    pdf.box([
        "Revenue up 8.3% to GBP 3,482.6m; operating profit up 19.4% to GBP 418.4m.",
        "Profit for the year GBP 267.5m; basic earnings per share 41.2p (FY23: 33.9p).",
        "Final dividend raises the full-year dividend to 18.5p per share (FY23: 16.0p).",
        "Kestrel Bank offshore wind farm (420 MW) fully operational since March 2024.",
    ], title="Highlights")
    pdf.columns([
        ("h", "Chief Executive's review"),
        ("p", ("2024 was the year in which our shift towards regulated networks and renewable generation began to "
              "show in our numbers. Group revenue rose 8.3% to GBP 3,482.6 million and operating profit grew "
              "19.4% to GBP 418.4 million, with Networks and Renewables together contributing GBP 444.7 million.")),
        ("p", ("Renewables was the standout. Revenue grew 28.5% to GBP 842.3 million, mainly because the 420 MW "
              "Kestrel Bank offshore wind farm reached full commercial operation in March 2024, eight weeks ahead "
              "of plan. Higher average wind speeds in the fourth quarter also helped.")),
        ("p", ("Retail had a difficult year. Operating profit fell from GBP 22.0 million to GBP 12.9 million. "
              "Two reductions in the regulated price cap compressed supply margins, and we increased our "
              "provision for bad debts as more households fell into arrears after the winter. We have added "
              "120 staff to our customer support team to help customers on payment plans.")),
        ("p", ("Net debt rose to GBP 3,215.0 million, reflecting GBP 1.4 billion of capital investment. Net debt "
              "was 3.9 times EBITDA of GBP 824.3 million, within our target range of 3.5 to 4.5 times.")),
        ("p", "Helen Achebe, Chief Executive"),
    ])

    pdf.add_page()
    pdf.h1("Consolidated income statement")
    inc = [("Revenue", "3,482.6", "3,215.4"), ("Cost of sales", "(2,611.9)", "(2,446.0)"),
           ("Gross profit", "870.7", "769.4"), ("Operating expenses", "(452.3)", "(418.9)"),
           ("Operating profit", "418.4", "350.5"), ("Net finance costs", "(61.7)", "(58.2)"),
           ("Profit before tax", "356.7", "292.3"), ("Tax", "(89.2)", "(73.1)"),
           ("Profit for the year", "267.5", "219.2"), ("Basic earnings per share (pence)", "41.2", "33.9"),
           ("Dividend per share (pence)", "18.5", "16.0")]
    pdf.table([90, 40, 40], [["GBP million", "FY2024", "FY2023"]], [list(r) for r in inc],
              caption="Table 1. Consolidated income statement", bold_rows=(2, 4, 8))
    pdf.h1("Segment results")
    pdf.table(
        [50, 30, 30, 30, 30],
        [[Cell("Segment", 1, 2), Cell("Revenue", 2), Cell("Operating profit", 2)],
         ["FY2024", "FY2023", "FY2024", "FY2023"]],
        [["Networks", "1,204.8", "1,150.2", "296.1", "271.4"],
         ["Renewables", "842.3", "655.7", "148.6", "92.3"],
         ["Retail", "1,435.5", "1,409.5", "12.9", "22.0"],
         ["Corporate", "-", "-", "(39.2)", "(35.2)"],
         ["Group", "3,482.6", "3,215.4", "418.4", "350.5"]],
        caption="Table 2. Revenue and operating profit by segment (GBP million)", bold_rows=(-1,))
    pdf.p(
        "Networks revenue grew 4.7%, in line with the regulated allowance for the second year of the current "
        "price control period. Before corporate costs of GBP 39.2 million, segment operating profit totalled "
        "GBP 457.6 million, of which Networks contributed 64.7%.")

    pdf.add_page()
    pdf.h1("Summary balance sheet")
    pdf.table([90, 40, 40], [["GBP million", "31 Dec 2024", "31 Dec 2023"]],
              [["Total assets", "9,874.1", "9,102.7"], ["Total liabilities", "(6,102.5)", "(5,553.4)"],
               ["Total equity", "3,771.6", "3,549.3"], ["Net debt", "3,215.0", "2,984.6"]],
              caption="Table 3. Summary balance sheet", bold_rows=(2,))
    pdf.h1("Outlook for 2025")
    pdf.numbered([
        "Capital investment of about GBP 1.6 billion, two thirds of it in Networks.",
        "Final investment decision on the 300 MW Curlew Sands solar and storage project in the second half.",
        "Retail to return to an operating margin of at least 1.5% as bad-debt charges normalise.",
        "Dividend per share to grow in line with inflation (CPIH).",
    ])
    pdf.p("The Board will recommend a final dividend of 12.4p per share, payable on 30 May 2025 to shareholders "
          "on the register on 25 April 2025. Together with the interim dividend of 6.1p, this makes 18.5p for "
          "the year.")
    return bytes(pdf.output())


def doc_gaon_semicon(font: str) -> bytes:
    pdf = new_report(
        font, title="가온반도체 2025년 상반기 실적 보고", author="가온반도체 주식회사",
        head_left="가온반도체 2025년 상반기 실적 보고", head_right="경영지원본부 재무팀",
        foot="{p}", seed=36)
    pdf.title_block("2025년 상반기 실적 보고", "가온반도체 주식회사 (연결 기준)",
                    ["2025년 7월 24일 | 경영지원본부 재무팀"])
    pdf.p(
        "가온반도체의 2025년 상반기 연결 매출액은 8,640억 원으로 전년 동기 7,120억 원보다 21.3% 늘었다. 영업이익은 "
        "1,123억 원으로 전년 동기(641억 원)보다 75.2% 증가하였으며, 영업이익률은 9.0%에서 13.0%로 높아졌다. "
        "전기차용 전력반도체의 공급이 크게 늘고 원가율이 낮은 SiC 제품의 비중이 커진 것이 실적 개선을 이끌었다. "
        "반면 디스플레이 구동칩(DDI)은 주요 고객사의 재고 조정으로 매출이 줄었다.")
    pdf.h1("1. 지역별 매출")
    pdf.table(
        [34, 34, 26, 34, 26, 16],
        [[Cell("지역", 1, 2), Cell("2025년 상반기", 2), Cell("2024년 상반기", 2), Cell("증감률", 1, 2)],
         ["매출액(억 원)", "비중(%)", "매출액(억 원)", "비중(%)"]],
        [["국내", "2,160", "25.0", "2,065", "29.0", "4.6%"],
         ["중국", "2,851", "33.0", "2,492", "35.0", "14.4%"],
         ["미국", "2,333", "27.0", "1,566", "22.0", "49.0%"],
         ["기타", "1,296", "15.0", "997", "14.0", "30.0%"],
         ["합계", "8,640", "100.0", "7,120", "100.0", "21.3%"]],
        caption="<표 1> 지역별 매출", unit="(단위: 억 원, %)", bold_rows=(-1,))
    pdf.p(
        "미국 매출은 2,333억 원으로 49.0% 늘어 처음으로 국내 매출을 넘어섰다. 미국 전기차 업체 두 곳에 SiC "
        "MOSFET 모듈 공급을 시작한 영향이 컸다. 중국 매출 비중은 35.0%에서 33.0%로 낮아졌다.")

    pdf.add_page()
    pdf.h1("2. 사업부문별 동향")
    pdf.columns([
        ("h", "전력반도체"),
        ("p", ("전력반도체 매출은 3,970억 원으로 전년 동기 2,640억 원보다 50.4% 늘었다. 전기차 인버터용 SiC "
              "MOSFET의 공급이 확대되었고, 2025년 3월 청주 공장의 8인치 SiC 웨이퍼 라인이 양산에 들어가 "
              "칩당 원가가 약 20% 낮아졌다. 전력반도체 부문의 매출 비중은 46.0%로 회사의 최대 사업이 되었다.")),
        ("h", "디스플레이 구동칩(DDI)"),
        ("p", ("DDI 매출은 3,120억 원으로 2.8% 줄었다. 스마트폰용 OLED 패널 고객사가 1분기에 재고 조정에 "
              "들어가 주문을 줄였고, 중국 경쟁사와의 가격 경쟁으로 평균 판매단가가 약 6% 낮아졌기 때문이다. "
              "회사는 하반기 태블릿·노트북용 OLED DDI 신제품으로 수요 회복에 대응할 계획이다.")),
        ("h", "센서"),
        ("p", ("이미지 센서와 자동차용 레이더 센서를 포함한 센서 매출은 1,550억 원으로 22.0% 증가하였다. "
              "차량용 4D 이미징 레이더 칩이 유럽 완성차 업체의 2026년형 모델에 채택되었다.")),
        ("h", "연구개발"),
        ("p", ("상반기 연구개발비는 1,040억 원으로 매출액의 12.0%를 차지하였다. 연구 인력은 6월 말 기준 "
              "1,284명으로 연초보다 96명 늘었다.")),
    ])
    pdf.ln(3)
    pdf.table(
        [50, 30, 30, 30, 30],
        [["제품군", "2025년 상반기", "2024년 상반기", "증감액", "증감률"]],
        [["전력반도체", "3,970", "2,640", "+1,330", "+50.4%"],
         ["디스플레이 구동칩", "3,120", "3,210", "-90", "-2.8%"],
         ["센서", "1,550", "1,270", "+280", "+22.0%"],
         ["합계", "8,640", "7,120", "+1,520", "+21.3%"]],
        caption="<표 2> 제품군별 매출", unit="(단위: 억 원)", bold_rows=(-1,))

    pdf.add_page()
    pdf.h1("3. 하반기 전망과 과제")
    pdf.p(
        "회사는 하반기에도 전력반도체 수요가 견조할 것으로 보고 2025년 연간 매출 목표를 1조 8,000억 원으로 "
        "유지하였다. 다만 미국의 수입 관세 정책 변화와 중국 고객사의 재고 수준은 하반기 실적의 주요 변수로 "
        "꼽았다.")
    pdf.numbered([
        "8인치 SiC 라인의 수율을 연말까지 85% 이상으로 끌어올린다.",
        "미국 고객 대응을 위해 애리조나 후공정 공장 투자(총 3억 2천만 달러)를 확정한다.",
        "DDI 사업은 태블릿·노트북용 제품 비중을 30% 이상으로 높인다.",
        "차량용 반도체 품질 인증(AEC-Q100) 취득 제품을 12종에서 20종으로 늘린다.",
    ])
    return bytes(pdf.output())


# ======================================================================================
# product / market reports
# ======================================================================================


def doc_ev_battery(font: str) -> bytes:
    pdf = new_report(
        font, title="전기차 배터리 시장 전망 2025~2030", author="모아산업리서치 산업분석팀",
        head_left="모아산업리서치 산업분석 리포트", head_right="전기차 배터리 시장 전망 2025~2030",
        foot="- {p} -", seed=41)
    pdf.title_block("전기차 배터리 시장 전망 2025~2030", "LFP의 부상과 나트륨이온의 등장",
                    ["모아산업리서치 산업분석팀 | 선임연구원 허지민 | 2025년 1월 20일"])
    pdf.box([
        "세계 전기차 배터리 수요는 2024년 894GWh에서 2030년 2,680GWh로 연평균 20.1% 늘어날 전망이다.",
        ("LFP(리튬인산철) 배터리의 비중은 2024년 46.0%에서 2030년 58.0%로 높아져 삼원계(NCM·NCA)를 "
        "제치고 주류가 될 것으로 본다."),
        "나트륨이온 배터리는 2030년 107GWh(4.0%)로 소형 전기차와 이륜차를 중심으로 자리를 잡을 것이다.",
        ("국내 배터리 3사는 LFP 양산 시점이 늦어 2024년 세계 점유율이 18.7%로 낮아졌으며, 2026년 LFP 양산이 "
        "점유율 회복의 관건이다."),
    ], title="핵심 요약")
    pdf.h1("1. 시장 개요")
    pdf.p(
        "2024년 세계 전기차 판매는 1,710만 대로 전년보다 25% 늘었지만, 성장률은 2022년(57%)과 2023년(33%)보다 "
        "크게 낮아졌다. 유럽의 보조금 축소와 미국의 정책 불확실성 때문에 이른바 '캐즘(일시적 수요 정체)' 논란이 "
        "이어졌으나, 중국의 판매가 1,100만 대를 넘어서면서 배터리 수요는 894GWh로 전년 대비 26% 증가하였다. "
        "이 보고서는 완성차 업체의 생산 계획과 각국 정책을 바탕으로 2030년까지의 배터리 수요를 화학계별로 "
        "전망한다.")

    pdf.add_page()
    pdf.h1("2. 화학계별 수요 전망")
    pdf.table(
        [38, 24, 20, 26, 20, 22],
        [[Cell("화학계", 1, 2), Cell("2024년 실적", 2), Cell("2030년 전망", 2), Cell("연평균", 1, 1)],
         ["수요(GWh)", "비중(%)", "수요(GWh)", "비중(%)", "성장률(%)"]],
        [["LFP", "411", "46.0", "1,554", "58.0", "24.8"],
         ["삼원계(NCM·NCA)", "447", "50.0", "938", "35.0", "13.1"],
         ["나트륨이온", "4", "0.4", "107", "4.0", "72.9"],
         ["기타(LMFP 등)", "32", "3.6", "81", "3.0", "16.7"],
         ["합계", "894", "100.0", "2,680", "100.0", "20.1"]],
        caption="<표 1> 화학계별 전기차 배터리 수요 전망", unit="(단위: GWh, %)", bold_rows=(-1,))
    pdf.p(
        "LFP 배터리 수요는 2030년 1,554GWh로 2024년의 약 3.8배가 될 것으로 보인다. 삼원계 배터리도 절대 수요는 "
        "938GWh로 두 배 이상 늘지만, 비중은 50.0%에서 35.0%로 15.0%p 낮아진다. 삼원계는 주행거리가 긴 "
        "고급 차종과 북미 시장을 중심으로 수요가 유지될 것이다.")
    pdf.p(
        "LFP의 비중이 커지는 이유는 세 가지다. 첫째, 코발트와 니켈을 쓰지 않아 셀 가격이 삼원계보다 20~30% "
        "저렴하다. 둘째, 셀을 모듈 없이 팩에 바로 넣는 셀투팩(CTP) 기술이 보급되면서 약점이던 낮은 에너지밀도를 "
        "상당 부분 보완하였다. 셋째, 2022년 11월 톤당 8만 1천 달러까지 올랐던 탄산리튬 가격이 2024년 말 1만 "
        "달러 안팎으로 떨어져 원가 경쟁력이 더 커졌다. 열 안정성이 높아 화재 위험이 낮다는 점도 보급형 "
        "전기차와 에너지저장장치(ESS)에서 LFP가 선호되는 배경이다.")

    pdf.add_page()
    pdf.h1("3. 지역별 동향과 공급망")
    pdf.columns([
        ("h", "중국"),
        ("p", ("중국은 2024년 세계 배터리 수요의 62%를 차지하였다. 중국 내 전기차의 4분의 3 이상이 LFP를 "
              "쓰며, 중국 업체들은 LFP 셀 생산능력의 95% 이상을 보유하고 있다. 과잉 설비로 셀 가격은 "
              "2024년 말 kWh당 53달러까지 내려갔다.")),
        ("h", "유럽"),
        ("p", ("유럽은 2024년 수요가 186GWh로 제자리걸음을 하였다. 2025년부터 강화되는 이산화탄소 배출 규제로 "
              "완성차 업체들이 보급형 전기차 출시를 늘릴 예정이어서 LFP 채택이 빠르게 늘 것으로 보인다. "
              "다만 역내 LFP 공급망이 약해 중국산 의존도가 높다.")),
        ("h", "북미"),
        ("p", ("북미는 인플레이션감축법(IRA)의 해외우려기관(FEOC) 규정 때문에 중국산 LFP를 쓰기 어렵다. "
              "따라서 2027년까지는 삼원계 비중이 60% 이상으로 유지될 전망이며, 한국 업체에는 기회 요인이다.")),
        ("h", "한국 배터리 3사"),
        ("p", ("국내 3사의 세계 점유율은 2022년 23.7%에서 2024년 18.7%로 5.0%p 낮아졌다. 삼원계에 집중한 "
              "사이 LFP 시장이 급성장하였기 때문이다. 3사는 2026년부터 ESS용과 전기차용 LFP 양산을 시작할 "
              "계획이다.")),
    ])

    pdf.add_page()
    pdf.h1("4. 시사점")
    pdf.numbered([
        "국내 업체는 LFP 양산 시점을 앞당기고, 망간을 더한 LMFP 등 차세대 저가 양극재로 원가 격차를 줄여야 한다.",
        "북미 시장에서는 FEOC 규정을 충족하는 공급망을 강점으로 삼아 삼원계와 LFP를 함께 공급해야 한다.",
        "나트륨이온 배터리는 2027년 이후 본격 성장에 대비해 소재 기업과 공동 개발을 서둘러야 한다.",
        "리튬 가격 급변에 대비하여 장기 공급 계약과 재활용 원료 확보를 늘려야 한다.",
    ])
    pdf.h2("전망의 주요 위험 요인")
    pdf.bullets([
        "미국 전기차 세액공제 축소 또는 폐지 시 북미 수요가 전망보다 15~20% 줄어들 수 있음",
        "전고체 배터리가 2028년 이전에 상용화되면 화학계 구성이 크게 달라질 수 있음",
        "탄산리튬 가격이 다시 톤당 3만 달러 이상으로 오르면 LFP의 가격 우위가 줄어듦",
    ])
    return bytes(pdf.output())


def doc_hmr_market(font: str) -> bytes:
    pdf = new_report(
        font, title="국내 가정간편식(HMR) 시장 동향과 전망 2025", author="다온식품정책연구원",
        head_left="다온식품정책연구원 | 식품산업 동향 브리프 2025-02", head_right="가정간편식(HMR) 시장",
        foot="{p}", seed=42)
    pdf.title_block("국내 가정간편식(HMR) 시장 동향과 전망", "식품산업 동향 브리프 2025-02",
                    ["다온식품정책연구원 산업분석실 | 2025년 3월"])
    pdf.h1("1. 시장 규모")
    pdf.p(
        "국내 가정간편식 시장은 2020년 4조 2,100억 원에서 2024년 6조 8,400억 원으로 커져 4년 동안 연평균 12.9% "
        "성장하였다. 2024년 성장률은 9.1%로 코로나19 시기의 두 자릿수 성장보다는 낮아졌지만, 식품 산업 전체 "
        "성장률(3.2%)의 세 배에 가깝다. 연구원은 2027년 시장 규모가 8조 9,300억 원에 이를 것으로 전망한다.")
    pdf.p(
        "시장이 계속 커지는 데에는 1인 가구의 증가와 외식 물가 상승이 함께 작용하였다. 1인 가구 비중은 2024년 "
        "35.5%로 늘었고, 외식 물가는 2022년부터 3년 동안 누적 15% 넘게 올랐다. 식당에서 사 먹는 것보다 싸면서도 "
        "직접 요리하는 수고를 덜 수 있다는 점이 소비자들이 가정간편식을 찾는 가장 큰 이유로 조사되었다.")
    pdf.h1("2. 유형별 시장")
    pdf.table(
        [40, 22, 22, 18, 18, 18, 16, 16],
        [[Cell("유형", 1, 2), Cell("시장 규모(억 원)", 2), Cell("성장률", 1, 2), Cell("2024년 판매 채널 비중(%)", 4)],
         ["2023년", "2024년", "대형마트", "온라인", "편의점", "기타"]],
        [["즉석조리식품(RTH)", "22,300", "24,600", "10.3%", "38", "34", "15", "13"],
         ["즉석섭취식품(RTE)", "15,900", "16,800", "5.7%", "12", "8", "71", "9"],
         ["밀키트(RTC)", "8,100", "9,200", "13.6%", "21", "62", "4", "13"],
         ["냉동식품", "16,400", "17,800", "8.5%", "41", "37", "9", "13"],
         ["합계", "62,700", "68,400", "9.1%", "", "", "", ""]],
        caption="<표 1> 유형별 시장 규모와 판매 채널", unit="(단위: 억 원, %)", bold_rows=(-1,), size=8,
        note="주: RTH는 데우기만 하면 되는 제품(국·탕·찌개 등), RTE는 바로 먹는 제품(도시락·김밥 등), "
             "RTC는 손질된 재료를 조리하는 제품")
    pdf.p(
        "2024년 성장률이 가장 높은 유형은 밀키트(13.6%)였고 즉석섭취식품은 5.7%로 가장 낮았다. 밀키트는 "
        "판매의 62%가 온라인에서 이루어져, 새벽배송과 정기 구독 서비스의 확대가 성장을 뒷받침하였다. 반면 "
        "도시락과 김밥 같은 즉석섭취식품은 판매의 71%가 편의점에 몰려 있어 편의점 점포 수 증가가 둔화되자 "
        "성장세도 함께 꺾였다.")

    pdf.add_page()
    pdf.h1("3. 소비자 조사 결과")
    pdf.p(
        "연구원이 2024년 11월 전국 성인 2,000명을 대상으로 한 온라인 조사에서 응답자의 78.4%가 한 달에 한 번 "
        "이상 가정간편식을 구매한다고 답하였다. 주 1회 이상 구매하는 비율은 1인 가구(52.1%)가 다인 가구(29.8%)보다 "
        "22.3%p 높았다. 구매 시 가장 중요하게 보는 요소는 맛(34.2%), 가격(27.5%), 조리 편의성(15.1%) 순이었고, "
        "불만 사항으로는 '나트륨 함량이 높다'(31.7%)와 '포장 쓰레기가 많다'(24.0%)가 꼽혔다.")
    pdf.h1("4. 업계 과제")
    pdf.numbered([
        "저나트륨·고단백 제품 등 건강 지향 제품군을 넓혀 재구매율을 높인다.",
        "재활용이 쉬운 단일 소재 포장재로 바꿔 포장 쓰레기 불만에 대응한다.",
        "편의점 의존도가 높은 즉석섭취식품은 온라인 정기 배송 상품을 개발해 판매 채널을 다변화한다.",
        "중소 제조업체는 공동 물류센터를 활용해 냉동·냉장 배송 비용을 낮춘다.",
    ])
    pdf.p(
        "연구원은 2027년까지 시장이 연평균 9.3% 성장하겠지만, 원재료 가격 상승과 업체 간 가격 경쟁이 겹치면 "
        "수익성은 오히려 나빠질 수 있다고 경고하였다.")
    return bytes(pdf.output())


def doc_plant_dairy(font: str) -> bytes:
    pdf = new_report(
        font, lang="en", title="Plant-Based Dairy Alternatives: Asia-Pacific Market Outlook 2025",
        author="Meridian Consumer Insights", head_left="Meridian Consumer Insights",
        head_right="Plant-Based Dairy Alternatives: APAC Outlook 2025", foot="{p}", seed=43)
    pdf.title_block("Plant-Based Dairy Alternatives", "Asia-Pacific Market Outlook 2025",
                    ["Meridian Consumer Insights | Food & Beverage Practice | January 2025"])
    pdf.columns([
        ("h", "Market size and growth"),
        ("p", ("Retail sales of plant-based milk, yoghurt, cheese and creamer in Asia-Pacific reached USD 5,460 "
              "million in 2024, up 8.3% from USD 5,040 million in 2023. Growth has slowed from the double-digit "
              "rates of 2020-2022, as price-sensitive shoppers traded down during a period of high food "
              "inflation. We expect the market to reach USD 8.9 billion by 2030, a compound annual growth rate "
              "of 8.5%.")),
        ("p", ("China remains the largest market with USD 2,310 million in sales, but South Korea grew fastest "
              "at 14.5%, helped by lactose intolerance awareness and the rapid expansion of specialty coffee "
              "chains.")),
        ("h", "Oat overtakes soy"),
        ("p", ("Oat-based products took 38% of regional sales in 2024, ahead of soy (29%), almond (18%), coconut "
              "(9%) and others (6%). Soy milk has a long history in Asia, but oat has won over younger "
              "consumers. The main driver is the coffee shop channel: baristas favour oat drinks because they "
              "foam well and have a neutral taste that does not mask the coffee. Coffee shops accounted for an "
              "estimated 41% of oat drink volume in 2024. Oat also has a smaller water footprint than almond, "
              "which matters to younger shoppers.")),
        ("h", "Price gap"),
        ("p", ("A litre of plant-based milk still costs on average 1.9 times as much as a litre of dairy milk "
              "in the region's supermarkets. In our survey of 4,200 consumers in six countries, price was the "
              "most cited reason for not buying plant-based dairy (46%), followed by taste (27%).")),
        ("h", "Private labels"),
        ("p", ("Supermarket private labels increased their share of plant-based milk from 11% to 16% in one year. "
              "Their shelf prices are on average 28% lower than leading brands, which narrows the gap with "
              "dairy milk and puts pressure on branded manufacturers' margins.")),
    ])

    pdf.add_page()
    pdf.h1("Sales by country")
    pdf.table(
        [40, 32, 32, 30, 36],
        [[Cell("Country", 1, 2), Cell("Retail sales (USD million)", 2), Cell("Growth", 1, 2),
          Cell("Share of 2024", 1, 2)],
         ["2023", "2024"]],
        [["China", "2,140", "2,310", "7.9%", "42.3%"],
         ["Japan", "880", "925", "5.1%", "16.9%"],
         ["Australia", "610", "672", "10.2%", "12.3%"],
         ["South Korea", "385", "441", "14.5%", "8.1%"],
         ["Thailand", "290", "318", "9.7%", "5.8%"],
         ["Other Asia-Pacific", "735", "794", "8.0%", "14.5%"],
         ["Total", "5,040", "5,460", "8.3%", "100.0%"]],
        caption="Table 1. Plant-based dairy retail sales by country", bold_rows=(-1,))
    pdf.p(
        "Japan grew slowest, at 5.1%. Soy milk already has high household penetration there, and the category's "
        "growth now depends on flavoured soy drinks rather than new buyers. Australia's growth of 10.2% came mostly "
        "from oat and almond milk sold through cafes.")
    pdf.h1("Outlook and recommendations")
    pdf.numbered([
        "Prioritise the coffee shop channel with barista editions and bulk formats.",
        "Close the price gap with dairy through local oat sourcing and larger pack sizes.",
        "Reformulate for protein: 35% of survey respondents say plant-based milk is not filling enough.",
        "Invest in South Korea and Vietnam, where we expect growth above 12% a year to 2030.",
    ])
    return bytes(pdf.output())


AIRCON_ROWS = [  # 모델, 제조사, 유형, 냉방능력(kW), 등급, 월간 소비전력량(kWh), 소음(dB), 출고가(만 원)
    ("HS-06WA", "하늘전자", "벽걸이", "2.3", 2, 41.1, 39, 99),
    ("BW-06WX", "바람테크", "벽걸이", "2.3", 2, 41.3, 41, 92),
    ("SL-06WB", "솔빛가전", "벽걸이", "2.3", 2, 40.0, 38, 113),
    ("CP-06WX", "청풍", "벽걸이", "2.3", 1, 36.4, 42, 94),
    ("HS-07WA", "하늘전자", "벽걸이", "2.6", 1, 41.2, 42, 114),
    ("BW-07WC", "바람테크", "벽걸이", "2.6", 1, 40.2, 37, 93),
    ("SL-07WC", "솔빛가전", "벽걸이", "2.6", 2, 44.0, 38, 111),
    ("CP-07WX", "청풍", "벽걸이", "2.6", 2, 43.7, 40, 76),
    ("HS-09WX", "하늘전자", "벽걸이", "3.2", 1, 54.4, 39, 112),
    ("BW-09WA", "바람테크", "벽걸이", "3.2", 3, 58.6, 39, 96),
    ("SL-09WA", "솔빛가전", "벽걸이", "3.2", 2, 56.6, 41, 118),
    ("CP-09WC", "청풍", "벽걸이", "3.2", 1, 54.2, 40, 75),
    ("HS-15SC", "하늘전자", "스탠드", "5.2", 3, 203.3, 41, 271),
    ("BW-15SX", "바람테크", "스탠드", "5.2", 1, 172.5, 44, 355),
    ("SL-15SC", "솔빛가전", "스탠드", "5.2", 1, 169.7, 46, 322),
    ("CP-15SA", "청풍", "스탠드", "5.2", 1, 163.0, 47, 318),
    ("HS-17SA", "하늘전자", "스탠드", "6.0", 1, 198.6, 45, 369),
    ("BW-17SB", "바람테크", "스탠드", "6.0", 1, 187.2, 45, 303),
    ("SL-17SX", "솔빛가전", "스탠드", "6.0", 2, 209.4, 45, 360),
    ("CP-17SC", "청풍", "스탠드", "6.0", 3, 225.6, 44, 252),
    ("HS-19SB", "하늘전자", "스탠드", "6.5", 1, 210.4, 41, 390),
    ("BW-19SB", "바람테크", "스탠드", "6.5", 1, 211.7, 47, 358),
    ("SL-19SA", "솔빛가전", "스탠드", "6.5", 3, 236.7, 46, 323),
    ("CP-19SX", "청풍", "스탠드", "6.5", 3, 250.5, 44, 309),
]


def doc_aircon_review(font: str) -> bytes:
    pdf = new_report(
        font, title="2025년형 가정용 에어컨 24개 모델 비교 평가", author="한마음소비자연구소",
        head_left="한마음소비자연구소 제품 비교 리포트 No. 2025-06", head_right="2025년형 가정용 에어컨",
        foot="- {p} -", seed=44)
    pdf.title_block("2025년형 가정용 에어컨 24개 모델 비교 평가", "벽걸이형 12종 · 스탠드형 12종",
                    ["한마음소비자연구소 생활가전팀 | 2025년 5월 | 시험 기간 2025. 3. 4. ~ 4. 18."])
    pdf.p(
        "한마음소비자연구소는 여름 성수기를 앞두고 국내 4개 제조사(하늘전자, 바람테크, 솔빛가전, 청풍)의 "
        "2025년형 가정용 에어컨 24개 모델을 구입하여 냉방 성능, 에너지 효율, 소음, 가격을 비교하였다. 평가 "
        "대상은 벽걸이형 6·7·9평형과 스탠드형 15·17·19평형으로, 제조사마다 평형별로 한 모델씩 골랐다.")
    pdf.h1("1. 평가 방법")
    pdf.numbered([
        "냉방능력: 실외 35℃, 실내 27℃ 조건의 항온항습 시험실에서 정격 냉방능력을 측정하였다.",
        "월간 소비전력량: 하루 8시간씩 30일 사용을 가정하여 계산하였다.",
        "소음: 제품 정면 1m 거리에서 최대 풍량으로 운전할 때의 소음을 측정하였다.",
        "가격: 2025년 4월 제조사 공식 온라인몰의 출고가(설치비 제외)를 기준으로 하였다.",
    ])
    rows = [[m, mk, t, kw, f"{g}등급", f"{kwh:.1f}", str(db), str(price)]
            for m, mk, t, kw, g, kwh, db, price in AIRCON_ROWS]
    pdf.table(
        [24, 22, 18, 20, 20, 26, 18, 22],
        [[Cell("제품 정보", 3), Cell("성능", 4), Cell("가격", 1)],
         ["모델", "제조사", "유형", "냉방(kW)", "효율등급", "월 소비전력량", "소음(dB)", "출고가"]],
        rows, caption="<표 1> 모델별 시험 결과", unit="(월 소비전력량 kWh, 출고가 만 원)",
        aligns="LLLRCRRR", size=8, row_h=7, cont="<표 1> 모델별 시험 결과 (계속)")
    pdf.h1("2. 평가 결과")
    pdf.p(
        "24개 모델 모두 표시된 냉방능력의 95% 이상을 냈다. 에너지 효율은 같은 평형에서도 차이가 컸다. "
        "17평형 스탠드형 가운데 월간 소비전력량이 가장 적은 제품은 바람테크 BW-17SB(187.2kWh)였고, 가장 많은 "
        "청풍 CP-17SC(225.6kWh)보다 38.4kWh 적었다. 전기요금으로 환산하면 여름 석 달 동안 약 2만 1천 원의 "
        "차이가 난다.")
    pdf.p(
        "소음은 벽걸이형 바람테크 BW-07WC가 37dB로 가장 조용하였다. 청풍 제품은 6개 평형 중 4개 평형에서 가장 저렴했지만 "
        "스탠드형 3개 모델 중 2개가 3등급이어서, 구입 가격의 차이가 몇 년 안에 전기요금으로 상쇄될 수 있다.")
    pdf.h1("3. 추천 제품")
    pdf.bullets([
        "벽걸이형: 바람테크 BW-07WC - 1등급, 37dB로 가장 조용하고 출고가 93만 원으로 가격 부담도 적음",
        "스탠드형: 바람테크 BW-17SB - 17평형 최저 소비전력량(187.2kWh), 출고가 303만 원",
        "가성비: 청풍 CP-09WC - 9평형 1등급 제품 가운데 가장 저렴한 75만 원",
    ])
    return bytes(pdf.output())


def doc_heat_pump(font: str) -> bytes:
    pdf = new_report(
        font, lang="en", title="European Residential Heat Pump Market Review 2025",
        author="Calder & Finch Research", head_left="Calder & Finch Research | Market Review",
        head_right="European Residential Heat Pumps 2025", foot="Page {p} of {n}", seed=45)
    pdf.title_block("European Residential Heat Pump Market Review 2025", "Sales, stock and policy after the 2024 slump",
                    ["Calder & Finch Research | Buildings & Heat Team | April 2025"])
    pdf.box([
        ("Residential heat pump sales in our ten tracked European markets fell 20.3% in 2024, from 3.05 million "
        "to 2.43 million units - the first decline in a decade."),
        "Germany (-45.8%) and Poland (-42.4%) fell hardest; Sweden (-13.3%) proved most resilient.",
        "We expect a modest recovery of 6-9% in 2025 as subsidy rules settle and gas prices rise again.",
    ], title="Summary")
    pdf.h1("1. Why sales fell in 2024")
    pdf.p(
        "Three forces drove the slump. First, policy uncertainty: in Germany a year-long public dispute over the "
        "Building Energy Act and a pause in new subsidy applications in early 2024 led many households to wait. "
        "Second, gas became cheaper: wholesale gas prices fell by roughly half from their 2022 peak, so the "
        "running-cost advantage of a heat pump over a new gas boiler shrank. Third, new housing construction, which "
        "accounts for about a quarter of installations, dropped sharply as interest rates stayed high.")
    pdf.p(
        "Installer capacity was not the constraint it had been in 2022-2023. Several manufacturers reported "
        "inventories of more than six months and cut list prices by 10-15% during the second half of the year.")
    pdf.h1("2. Sales and stock by country")
    pdf.table(
        [40, 28, 28, 28, 46],
        [[Cell("Country", 1, 2), Cell("Unit sales (thousands)", 2), Cell("Change", 1, 2),
          "Stock per 1,000"],
         ["2023", "2024", "households (2024)"]],
        [["Germany", "356", "193", "-45.8%", "45"],
         ["France", "620", "485", "-21.8%", "98"],
         ["Italy", "395", "282", "-28.6%", "71"],
         ["Poland", "170", "98", "-42.4%", "34"],
         ["Sweden", "120", "104", "-13.3%", "287"],
         ["Other five markets", "1,389", "1,268", "-8.7%", "-"],
         ["Total", "3,050", "2,430", "-20.3%", "-"]],
        caption="Table 1. Residential heat pump sales and stock", bold_rows=(-1,))

    pdf.add_page()
    pdf.p(
        "Sweden's decline was the smallest because its market is mature: most sales there replace old heat pumps "
        "rather than gas boilers, so they depend less on subsidies and gas prices. France remained the largest "
        "single market with 485,000 units, supported by its MaPrimeRenov' grants and a ban on new oil boilers.")
    pdf.h1("3. Outlook for 2025")
    pdf.p(
        "We forecast sales of 2.58 to 2.65 million units in 2025, a recovery of 6-9%. The recovery depends on "
        "stable subsidy rules and on the gap between electricity and gas prices. A price ratio of electricity to "
        "gas below 2.5 makes heat pumps cheaper to run than gas boilers in most climates; the ratio was 2.9 in "
        "Germany and 1.6 in France at the end of 2024.")
    pdf.h1("4. Recommendations")
    pdf.numbered([
        "Governments should commit to subsidy schemes for at least five years and avoid sudden pauses.",
        "Energy regulators should shift levies from electricity to gas bills to lower the price ratio.",
        "Manufacturers should offer hybrid systems for older, poorly insulated homes.",
        "Utilities should bundle heat pumps with time-of-use tariffs that reward flexible operation.",
    ])
    return bytes(pdf.output())


def doc_coffee_franchise(font: str) -> bytes:
    pdf = new_report(
        font, title="커피 전문점 프랜차이즈 시장 분석 2024", author="모아산업리서치 유통서비스팀",
        head_left="모아산업리서치 유통서비스 리포트", head_right="커피 전문점 프랜차이즈 시장 분석 2024",
        foot="{p} / {n}", seed=46)
    pdf.title_block("커피 전문점 프랜차이즈 시장 분석 2024", "저가 커피의 확산과 중가 브랜드의 위기",
                    ["모아산업리서치 유통서비스팀 | 연구원 남윤서 | 2025년 2월"])
    pdf.columns([
        ("h", "시장 현황"),
        ("p", ("2024년 말 국내 커피 전문점은 약 9만 6천 곳으로 1년 사이 3.8% 늘었다. 점포 수 증가를 이끈 것은 "
              "아메리카노 한 잔을 2,000원 이하에 파는 저가 커피 브랜드로, 전체 커피 전문점 가운데 저가 브랜드 "
              "점포의 비중은 2022년 28.1%에서 2024년 37.4%로 높아졌다.")),
        ("p", ("소비자들의 커피 소비가 양극화되면서 3,500원 안팎의 중가 브랜드는 설 자리를 잃고 있다. 가격을 "
              "중시하는 소비자는 저가 브랜드로, 공간과 원두의 품질을 중시하는 소비자는 스페셜티 커피 전문점으로 "
              "옮겨 가는 흐름이 뚜렷하다.")),
        ("h", "원가 부담"),
        ("p", ("국제 아라비카 원두 가격은 2024년 한 해 동안 약 70% 올라 1977년 이후 최고 수준을 기록하였다. "
              "브라질과 베트남의 가뭄으로 생산이 줄어든 탓이다. 여기에 원/달러 환율 상승과 인건비, 임대료 "
              "부담이 겹치면서 가맹점의 영업이익률은 평균 8.2%로 전년보다 1.6%p 낮아졌다.")),
        ("h", "조사 방법"),
        ("p", ("이 보고서는 공정거래위원회 가맹사업 정보공개서(2023~2024년)와 모아산업리서치의 상권 데이터를 "
              "바탕으로, 가맹점 수 상위 브랜드 가운데 가격대가 서로 다른 5개 브랜드를 골라 분석하였다.")),
    ])
    pdf.ln(2)
    pdf.h1("주요 브랜드 비교")
    pdf.table(
        [32, 24, 24, 26, 26, 20, 18],
        [[Cell("브랜드", 1, 2), Cell("가맹점 수(곳)", 2), Cell("가맹점당 평균 매출(백만 원)", 2),
          Cell("폐점률", 1, 2), Cell("가격대", 1, 2)],
         ["2023년", "2024년", "2023년", "2024년"]],
        [["메가빈", "2,910", "3,380", "241", "236", "2.6%", "저가"],
         ["빈스토리", "1,820", "2,050", "312", "298", "3.1%", "저가"],
         ["커피온도", "1,340", "1,410", "285", "279", "4.8%", "중가"],
         ["달빛로스터리", "620", "702", "426", "441", "1.9%", "고가"],
         ["소담커피", "455", "431", "198", "176", "9.7%", "중가"]],
        caption="<표 1> 주요 5개 브랜드의 가맹점 수와 매출", unit="(폐점률은 2024년 기준)",
        aligns="LRRRRRC", size=8.5)

    pdf.add_page()
    pdf.h1("브랜드별 분석")
    pdf.p(
        "메가빈은 가맹점이 470곳 늘어 3,380곳이 되면서 점포 수 1위를 지켰다. 가맹점당 평균 매출은 2억 3,600만 원으로 "
        "5개 브랜드 가운데 중간 이하이지만, 점포가 작고 인력이 적게 들어 가맹점 수익성은 양호한 편이다.")
    pdf.p(
        "소담커피는 5개 브랜드 가운데 유일하게 가맹점이 줄었고(455곳→431곳), 폐점률도 9.7%로 가장 높았다. "
        "가맹점당 평균 매출은 1억 9,800만 원에서 1억 7,600만 원으로 11.1% 감소하였다. 중가 가격대에 머물러 "
        "있는 사이 같은 상권에 저가 브랜드가 잇따라 들어섰고, 원두 가격 상승분을 판매가에 반영하지 못해 "
        "가맹점의 수익이 크게 나빠졌기 때문이다. 임대료 부담이 큰 역세권 중심의 출점 전략도 부담으로 작용하였다.")
    pdf.p(
        "달빛로스터리는 가맹점당 평균 매출이 4억 4,100만 원으로 가장 많고 폐점률도 1.9%로 가장 낮았다. "
        "직접 로스팅한 원두와 넓은 매장을 내세운 고가 전략이 양극화된 시장에서 오히려 효과를 보고 있다.")
    pdf.h1("전망")
    pdf.numbered([
        ("저가 브랜드의 출점 경쟁은 2025년에도 이어지겠지만, 원두 가격 상승으로 아메리카노 1,500원대 가격을 "
        "유지하기는 어려울 것이다."),
        "중가 브랜드는 메뉴 차별화나 저가 서브 브랜드 출시 등 포지셔닝 재정비가 불가피하다.",
        "무인 주문기와 자동화 설비 도입이 늘어 가맹점 인건비 비중이 낮아질 것이다.",
    ])
    return bytes(pdf.output())


# ======================================================================================
# main
# ======================================================================================

DOCS: dict[str, Callable[[str], bytes]] = {
    "public-haeon-welfare-plan-2025.pdf": doc_haeon_welfare,
    "public-dallim-transit-plan-2025.pdf": doc_dallim_transit,
    "public-hangyeol-youth-housing-eval-2024.pdf": doc_hangyeol_youth_housing,
    "public-seorin-water-rates-2025.pdf": doc_seorin_water,
    "public-midam-eldercare-survey-2024.pdf": doc_midam_eldercare,
    "public-en-riverton-bikeshare-review-2024.pdf": doc_riverton_bikeshare,
    "legal-2024gahap51234-design-defect-damages.pdf": doc_ruling_damages,
    "legal-2024na20871-lease-deposit-appeal.pdf": doc_ruling_lease,
    "legal-2024guhap1057-business-suspension.pdf": doc_ruling_admin,
    "legal-2024gahap7720-unpaid-overtime.pdf": doc_ruling_wages,
    "legal-2024godan3310-online-fraud.pdf": doc_ruling_fraud,
    "legal-en-eiac-2023-118-final-award.pdf": doc_arbitration_award,
    "finance-hanul-chemical-2024-annual.pdf": doc_hanul_chemical,
    "finance-dasan-foods-2025q2-earnings.pdf": doc_dasan_foods,
    "finance-saeron-bank-2024-results.pdf": doc_saeron_bank,
    "finance-onsae-retail-2024-audit.pdf": doc_onsae_audit,
    "finance-en-northgate-energy-fy2024.pdf": doc_northgate_energy,
    "finance-gaon-semicon-2025h1.pdf": doc_gaon_semicon,
    "market-ev-battery-outlook-2030.pdf": doc_ev_battery,
    "market-hmr-food-trends-2025.pdf": doc_hmr_market,
    "market-en-plant-based-dairy-apac-2025.pdf": doc_plant_dairy,
    "market-aircon-model-comparison-2025.pdf": doc_aircon_review,
    "market-en-heat-pump-europe-2025.pdf": doc_heat_pump,
    "market-coffee-franchise-2024.pdf": doc_coffee_franchise,
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--font", default=os.environ.get("RAGQA_FONT", DEFAULT_FONT),
                    help=f"Hangul TrueType font (default: $RAGQA_FONT or {DEFAULT_FONT})")
    ap.add_argument("--out", default=str(OUT_DIR), help="output directory")
    args = ap.parse_args(argv)

    if not Path(args.font).is_file():
        ap.error(f"font not found: {args.font} (install fonts-nanum or pass --font)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        font = strip_hinting(args.font, tmp)
        for name, make in DOCS.items():
            data = make(font)
            (out / name).write_bytes(data)
            total += len(data)
            print(f"{name:50s} {len(data):7d} bytes")
    print(f"{len(DOCS)} files, {total} bytes")


if __name__ == "__main__":
    main()
