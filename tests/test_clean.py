"""Cleaning strips extraction noise without losing the facts (numbers, exponents, Hangul)."""

from __future__ import annotations

import unicodedata

import pytest

from ingest.clean import clean_text, parse_front_matter


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # After a digit a superscript is an exponent ...
        ("학습 연산량은 10<sup>23</sup> FLOPs이다", "학습 연산량은 10^23 FLOPs이다"),
        ("compute of 3.1 x 10<sup>-3</sup> units", "compute of 3.1 x 10^-3 units"),
        # ... anywhere else it is a footnote marker and goes.
        ("모델<sup>주2</sup>이 등장했다", "모델이 등장했다"),
        ("GPT-3<sup>1)</sup>는 공개되었다", "GPT-3는 공개되었다"),
        ("as reported<sup>[4]</sup> by OECD", "as reported by OECD"),
    ],
)
def test_superscripts(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<b>굵게</b> 쓴 글", "굵게 쓴 글"),
        ("<p>첫 문단</p><p>second paragraph</p>", "첫 문단\n\nsecond paragraph"),
        ("<ul><li>하나</li><li>two</li></ul>", "하나\n\ntwo"),
        ("<div class='x'>본문</div>", "본문"),
        ("**중요** 내용과 __bold__ text", "중요 내용과 bold text"),
        ("R&amp;D 투자 &lt;표&gt;", "R&D 투자 <표>"),
        ("a  \u00a0 b\u3000c", "a b c"),
    ],
)
def test_markup_stripped(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("![차트 1](images/chart1.png) 수출이 늘었다", "수출이 늘었다"),
        ("[과기정통부 보고서](https://www.msit.go.kr/report) 참고", "과기정통부 보고서 참고"),
        ("see [the annex](/annex.html) for details", "see the annex for details"),
    ],
)
def test_markdown_images_and_links(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_decomposed_hangul_is_composed() -> None:
    composed = "해상풍력 발전량"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed  # the input really is jamo
    assert clean_text(decomposed) == composed


def test_tabs_survive_for_tables() -> None:
    assert clean_text("국가\t모델 수\n미국\t73") == "국가\t모델 수\n미국\t73"


def test_repeated_long_lines_dropped_once_seen() -> None:
    source = "자료: 과학기술정보통신부, 2023년 인공지능 산업 실태조사 결과"
    text = f"{source}\n수출이 늘었다.\n{source}\n짧은 줄\n짧은 줄"
    out = clean_text(text).split("\n")
    assert out.count(source) == 1
    assert out.index(source) == 0  # the first occurrence stays where it was
    assert out.count("짧은 줄") == 2  # short lines ("단위: 개") legitimately repeat


@pytest.mark.parametrize(
    ("text", "meta", "body"),
    [
        (
            "---\ntitle: '국가별 초거대 AI 모델 현황'\ndate: 2024-03-18\n---\n본문이다.\n",
            {"title": "국가별 초거대 AI 모델 현황", "date": "2024-03-18"},
            "본문이다.\n",
        ),
        (
            '---\nTitle: "Offshore Wind"\nDate: 2030-01-01\n---\nBody.\n',
            {"title": "Offshore Wind", "date": "2030-01-01"},
            "Body.\n",
        ),
        ("no front matter\n---\nx: y\n", {}, "no front matter\n---\nx: y\n"),
    ],
)
def test_front_matter(text: str, meta: dict[str, str], body: str) -> None:
    assert parse_front_matter(text) == (meta, body)


def test_a_table_continued_on_another_page_takes_its_first_caption() -> None:
    from ingest.clean import continued_captions

    pages = ["<표 2>는 노선별 이용 현황이다.\n<표 2> 주요 노선별 이용 현황(2024년)\n노선\t승객\n101\t9,720",
             "<표 2> 계속\n노선\t승객\n517\t1,970\nTable 3 (continued)"]
    read = continued_captions(pages)
    assert read[0] == pages[0]  # a sentence about the table is no caption of it
    assert read[1].split("\n")[0] == "<표 2> 주요 노선별 이용 현황(2024년) (계속)"
    assert read[1].split("\n")[-1] == "Table 3 (continued)"  # no first caption to take: left as written


def test_a_continued_table_that_repeats_its_title_takes_the_units_its_first_caption_gave() -> None:
    from ingest.clean import continued_captions

    pages = ["<표 1> 모델별 시험 결과 (출고가 만 원)\n모델\t출고가\nCP-09WC\t75",
             "<표 1> 모델별 시험 결과 (계속)\n모델\t출고가\nCP-19SX\t309\n<표 2> 다른 표 (계속)"]
    read = continued_captions(pages)
    assert read[1].split("\n")[0] == "<표 1> 모델별 시험 결과 (출고가 만 원) (계속)"
    assert read[1].split("\n")[-1] == "<표 2> 다른 표 (계속)"  # no first caption: left as written
