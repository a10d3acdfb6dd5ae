"""Regenerate the PDF/text fixtures in tests/data/.

Run manually (not collected by pytest, no side effects on import):

    python tests/fixtures_make.py [--font /path/to/Hangul.ttf] [--out tests/data]

The font path comes from --font, else the RAGQA_FONT environment variable, else
the Debian ``fonts-nanum`` location. The font is only needed to *generate* the
fixtures: fpdf2 embeds a subset of it in korean_report.pdf, so tests never need
it installed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import os
import random
from pathlib import Path

DEFAULT_FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
DATA_DIR = Path(__file__).resolve().parent / "data"

# Fixed timestamp so regenerated PDFs are byte-stable (except encrypted.pdf,
# whose /ID and key material are random).
FIXED_DATE = _dt.datetime(2025, 1, 1, tzinfo=_dt.UTC)

KOREAN_TITLE = "양자컴퓨팅 산업 동향 2025"
KOREAN_FACT_P2 = "2025년 국내 양자컴퓨팅 스타트업은 총 37개로 집계되었다."
KOREAN_FACT_P3 = "양자 오류 정정 예산은 412억 원으로 책정되었다."
KOREAN_TABLE = [
    ("기관", "큐비트 수", "연도"),
    ("한빛연구소", "128", "2025"),
    ("가람퀀텀", "64", "2024"),
    ("누리대학교", "256", "2025"),
]

ENGLISH_TITLE = "Offshore Wind Outlook 2030"
ENGLISH_FACT_P2 = "Installed offshore wind capacity reached 83 gigawatts in 2030."

CP949_FACT = "해상풍력 단지의 연간 발전량은 1,920기가와트시로 추정된다."
CP949_TEXT = (
    "서해안 해상풍력 보고서 요약\n"
    "서해안 일대에 조성 중인 해상풍력 단지는 2028년 상업 운전을 목표로 한다. "
    + CP949_FACT
    + " 지역 어업인과의 상생 협약도 함께 추진되고 있다.\n"
)


def _new_pdf(title: str):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author("ragqa test fixtures")
    pdf.set_creator("tests/fixtures_make.py")
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf


def _para(pdf, text: str, h: float = 7) -> None:
    """A left-aligned paragraph (may wrap; not justified, so no doubled spaces)."""
    pdf.multi_cell(0, h, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _line(pdf, text: str, h: float = 7) -> None:
    """A single unwrapped line, so the sentence extracts intact."""
    pdf.cell(0, h, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def make_korean_report(font_path: str) -> bytes:
    pdf = _new_pdf(KOREAN_TITLE)
    pdf.set_lang("ko")
    pdf.add_font("KR", "", font_path)
    pdf.set_font("KR", size=11)

    # Page 1: heading + intro
    pdf.add_page()
    pdf.set_font("KR", size=18)
    _line(pdf, KOREAN_TITLE, h=12)
    pdf.set_font("KR", size=11)
    _para(
        pdf,
        "본 보고서는 국내외 양자컴퓨팅 산업의 최근 흐름을 정리한다. "
        "하드웨어, 소프트웨어, 인력 양성 분야의 주요 변화를 살펴보고 "
        "향후 정책 방향을 제시한다.",
    )
    _para(
        pdf,
        "특히 초전도 방식과 이온 트랩 방식의 경쟁 구도, 그리고 클라우드 기반 "
        "양자 서비스의 확산이 이번 조사의 핵심 주제이다.",
    )

    # Page 2: start-up fact
    pdf.add_page()
    pdf.set_font("KR", size=14)
    _line(pdf, "1. 국내 스타트업 현황", h=10)
    pdf.set_font("KR", size=11)
    _line(pdf, KOREAN_FACT_P2)
    _para(
        pdf,
        "스타트업의 절반 이상은 양자 알고리즘과 시뮬레이션 소프트웨어를 "
        "주력으로 하며, 나머지는 광자 부품과 극저온 장비를 개발한다. "
        "투자 규모는 전년 대비 꾸준히 증가하는 추세이다.",
    )

    # Page 3: table + budget fact
    pdf.add_page()
    pdf.set_font("KR", size=14)
    _line(pdf, "2. 주요 기관별 큐비트 보유 현황", h=10)
    pdf.set_font("KR", size=11)
    for row in KOREAN_TABLE:
        _line(pdf, "\t".join(row).replace("\t", "    "), h=7)
    pdf.ln(3)
    _line(pdf, KOREAN_FACT_P3)
    _para(
        pdf,
        "예산의 상당 부분은 논리 큐비트 구현과 오류율 측정 인프라 구축에 "
        "배정될 예정이다.",
    )
    return bytes(pdf.output())


def make_english_report() -> bytes:
    pdf = _new_pdf(ENGLISH_TITLE)
    pdf.set_lang("en")
    pdf.set_font("Helvetica", size=11)

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    _line(pdf, ENGLISH_TITLE, h=12)
    pdf.set_font("Helvetica", size=11)
    _para(
        pdf,
        "This outlook reviews the deployment of offshore wind farms, "
        "turbine technology trends and grid connection challenges "
        "expected over the coming decade.",
    )

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    _line(pdf, "1. Capacity", h=10)
    pdf.set_font("Helvetica", size=11)
    _line(pdf, ENGLISH_FACT_P2)
    _para(
        pdf,
        "Floating foundations accounted for a growing share of new projects, "
        "while average turbine ratings continued to rise.",
    )
    return bytes(pdf.output())


def make_encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    pdf = _new_pdf("Encrypted fixture")
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "This document is password protected.")
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner-secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def make_scanned() -> bytes:
    """Two pages with only vector shapes and a raster image: no text layer."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 300), 255)
    draw = ImageDraw.Draw(img)
    for i in range(12):  # fake "text lines" as grey bars
        y = 20 + i * 22
        draw.rectangle([20, y, 20 + 360 - (i * 17) % 120, y + 10], fill=90)
    img_buf = io.BytesIO()
    img.save(img_buf, format="PNG")
    img_buf.seek(0)

    pdf = _new_pdf("Scanned fixture")
    pdf.add_page()
    pdf.image(img_buf, x=15, y=20, w=180)
    pdf.add_page()
    pdf.set_fill_color(200, 200, 200)
    for i in range(10):
        pdf.rect(20, 30 + i * 12, 150 - (i * 13) % 60, 6, style="F")
    return bytes(pdf.output())


def make_corrupt(korean_pdf: bytes) -> bytes:
    rng = random.Random(1234)
    return korean_pdf[:300] + bytes(rng.randrange(256) for _ in range(2000))


def make_cp949() -> bytes:
    return CP949_TEXT.encode("cp949")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--font", default=os.environ.get("RAGQA_FONT", DEFAULT_FONT),
                    help="Hangul TrueType font (default: $RAGQA_FONT or %s)" % DEFAULT_FONT)
    ap.add_argument("--out", default=str(DATA_DIR), help="output directory")
    args = ap.parse_args(argv)

    if not Path(args.font).is_file():
        ap.error(f"font not found: {args.font} (install fonts-nanum or pass --font)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    korean = make_korean_report(args.font)
    files = {
        "korean_report.pdf": korean,
        "english_report.pdf": make_english_report(),
        "encrypted.pdf": make_encrypted(),
        "scanned.pdf": make_scanned(),
        "corrupt.pdf": make_corrupt(korean),
        "cp949.txt": make_cp949(),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(f"{name:20s} {len(data):7d} bytes")


if __name__ == "__main__":
    main()
