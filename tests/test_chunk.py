"""Structure-aware chunking: sections as metadata, tables with their header, stable ids."""

from __future__ import annotations

import pytest

from ingest.chunk import ChunkSettings, chunk_document
from ingest.types import Chunk, Document, Page

SECTIONED = """II. 글로벌 초거대 AI 모델 현황
1. 2020~2023년 현황
■ 종합
- 2020~2023년 기간에 전 세계적으로 총 144개(누적)의 초거대 AI 모델이 출시되었음
- 연도별로 보면, 2020년 3개의 모델이 출시된 이후 매년 급격하게 증가하는 추세임
- 2020년 3개, 2021년 9개, 2022년 28개, 2023년 104개의 모델이 출시되었음
■ 국가별 현황
- 국가별로는 미국이 64개로 가장 많고, 중국이 42개로 그 뒤를 이었음
- 한국은 16개의 모델을 출시하여 영국과 함께 세 번째로 많은 모델을 보유함
- 프랑스, 캐나다, 이스라엘 등이 그 뒤를 이어 모델을 출시한 것으로 나타남
"""


def _doc(*pages: tuple[int | None, str], doc_id: str = "doc1") -> Document:
    return Document(doc_id, "report.txt", "보고서", "ko", "hash", tuple(Page(n, t) for n, t in pages))


def _chunk_with(chunks: list[Chunk], needle: str) -> Chunk:
    found = [c for c in chunks if needle in c.text]
    assert len(found) == 1, (needle, chunks)
    return found[0]


def test_section_path_carried_in_metadata() -> None:
    chunks = chunk_document(_doc((None, SECTIONED)))
    total = _chunk_with(chunks, "총 144개")
    korea = _chunk_with(chunks, "세 번째로")
    assert total.section == "II. 글로벌 초거대 AI 모델 현황 > 1. 2020~2023년 현황 > ■ 종합"
    assert korea.section == "II. 글로벌 초거대 AI 모델 현황 > 1. 2020~2023년 현황 > ■ 국가별 현황"
    # Headings are metadata, not chunk text.
    assert all("■" not in c.text for c in chunks)


def test_markdown_headings_nest_and_reset() -> None:
    text = (
        "# Offshore Wind Outlook\n## Capacity\n"
        + "Installed offshore wind capacity reached 83 gigawatts in 2030. " * 2
        + "\n## Costs\n"
        + "Average levelised cost fell to 58 dollars per megawatt hour by 2030. " * 2
    )
    chunks = chunk_document(_doc((None, text)))
    assert _chunk_with(chunks, "83 gigawatts").section == "Offshore Wind Outlook > Capacity"
    assert _chunk_with(chunks, "58 dollars").section == "Offshore Wind Outlook > Costs"


TABLE = "[표 1] 국가별 초거대 AI 모델 수\n(단위: 개)\n국가\t모델 수\t순위\n미국\t64\t1\n중국\t42\t2\n한국\t16\t3\n"


def test_table_is_one_chunk_with_caption_and_header() -> None:
    text = "국가별 현황은 다음 표와 같다.\n\n" + TABLE + "\n표 아래의 설명 문장이다."
    chunks = chunk_document(_doc((None, text)))
    table = [c for c in chunks if c.kind == "table"]
    assert len(table) == 1
    lines = table[0].text.split("\n")
    assert lines[0] == "[표 1] 국가별 초거대 AI 모델 수 (단위: 개)"
    assert lines[1:] == ["국가\t모델 수\t순위", "미국\t64\t1", "중국\t42\t2", "한국\t16\t3"]
    assert all(c.kind == "text" for c in chunks if "설명 문장" in c.text or "다음 표" in c.text)


def test_caption_right_after_a_paragraph_still_heads_its_table() -> None:
    # PDF text rarely has a blank line between a paragraph and the caption under it.
    text = "국가별 현황은 다음 표와 같다.\n" + TABLE
    chunks = chunk_document(_doc((None, text)))
    table = _chunk_with(chunks, "미국\t64")
    assert table.kind == "table"
    assert table.text.startswith("[표 1] 국가별 초거대 AI 모델 수")
    assert "[표 1]" not in _chunk_with(chunks, "다음 표와").text


def test_caption_without_table_is_kept_as_text() -> None:
    text = "미국이 가장 많은 모델을 개발했다.\n\n[그림 3] 국가별 모델 수 추이\n\n그림에서 보듯 중국이 빠르게 늘었다."
    chunks = chunk_document(_doc((None, text)))
    assert any("[그림 3] 국가별 모델 수 추이" in c.text for c in chunks)


@pytest.mark.parametrize("caption", ["[표 3] 국가별 모델 수", "Table 3: Models by country", ""])
def test_long_table_split_by_rows_repeating_header(caption: str) -> None:
    header = "국가\t모델 수\t비중"
    rows = [f"국가{i:02d}\t{i * 7}\t{i / 3:.1f}%" for i in range(60)]
    text = "\n".join(([caption] if caption else []) + [header] + rows)
    size = 200
    chunks = chunk_document(_doc((3, text)), ChunkSettings(size=size))
    assert len(chunks) > 3
    assert all(c.kind == "table" and c.page == 3 for c in chunks)
    seen_rows: list[str] = []
    for c in chunks:
        lines = c.text.split("\n")
        prefix = [caption, header] if caption else [header]
        assert lines[: len(prefix)] == prefix
        assert len(c.text) <= size
        seen_rows.extend(lines[len(prefix):])
    assert seen_rows == rows  # every row once, in order


def test_text_chunks_respect_size() -> None:
    sentence = "2023년 국내 인공지능 기업의 매출은 전년 대비 {}% 증가한 것으로 집계되었다."
    text = " ".join(sentence.format(i) for i in range(80))
    for size in (200, 500, 1000):
        chunks = chunk_document(_doc((None, text)), ChunkSettings(size=size))
        assert len(chunks) > 1
        # Overlap and merging of small tails may stretch a chunk, never far past size.
        assert max(len(c.text) for c in chunks) <= size * 1.5
        assert all(f"{i}% 증가" in "\n".join(c.text for c in chunks) for i in range(80))
    many = chunk_document(_doc((None, text)), ChunkSettings(size=200))
    few = chunk_document(_doc((None, text)), ChunkSettings(size=1000))
    assert len(many) > 2 * len(few)


def test_english_chunks_respect_size() -> None:
    text = " ".join(f"Turbine model {i} delivers {i + 10} megawatts at sea." for i in range(60))
    chunks = chunk_document(_doc((None, text)), ChunkSettings(size=300))
    assert len(chunks) > 3
    assert max(len(c.text) for c in chunks) <= 450


def test_page_numbers_kept() -> None:
    doc = _doc(
        (1, "양자컴퓨팅 산업 동향을 정리한 보고서의 첫 쪽이다. 서론과 배경을 다룬다."),
        (2, "2025년 국내 양자컴퓨팅 스타트업은 총 37개로 집계되었다."),
        (3, "양자 오류 정정 예산은 412억 원으로 책정되었다."),
    )
    chunks = chunk_document(doc)
    assert _chunk_with(chunks, "37개").page == 2
    assert _chunk_with(chunks, "412억").page == 3
    assert _chunk_with(chunks, "서론").page == 1


def test_each_piece_of_a_long_table_repeats_its_whole_two_row_header() -> None:
    from ingest.units import table_rows_as_text

    header = ["ID\t부문\t활용도\t\t수용도", "\t\t현재\t미래\t수용 의사"]
    rows = [f"{i}\t부문{i:02d}\t{i}.1\t{i}.2\t{i}.3" for i in range(40)]
    chunks = chunk_document(_doc((2, "\n".join(header + rows))), ChunkSettings(size=200))
    assert len(chunks) > 2
    for c in chunks:
        assert c.text.split("\n")[:2] == header
    last = table_rows_as_text(chunks[-1].text)[-1]
    assert "수용도 수용 의사: 39.3" in last and "활용도 미래: 39.2" in last


def test_chunk_ids_stable_and_content_dependent() -> None:
    doc = _doc((None, SECTIONED))
    first = [c.chunk_id for c in chunk_document(doc)]
    again = [c.chunk_id for c in chunk_document(_doc((None, SECTIONED)))]
    assert first == again
    assert len(set(first)) == len(first)
    assert all(cid.startswith("doc1-") for cid in first)

    edited = chunk_document(_doc((None, SECTIONED.replace("64개", "65개"))))
    assert [c.chunk_id for c in edited] != first
    # Only the chunk whose text changed gets a new id.
    assert sum(a != b for a, b in zip(first, [c.chunk_id for c in edited])) == 1
    other_doc = [c.chunk_id for c in chunk_document(_doc((None, SECTIONED), doc_id="doc2"))]
    assert not set(other_doc) & set(first)


def test_settings_validated() -> None:
    with pytest.raises(ValueError, match="at least 100"):
        ChunkSettings(size=50)
    with pytest.raises(ValueError, match="negative"):
        ChunkSettings(overlap_sentences=-1)
    assert ChunkSettings(size=300).fingerprint() != ChunkSettings(size=500).fingerprint()


def test_a_heading_with_nothing_under_it_is_kept_as_text() -> None:
    # "▶ 발행처 : 가람 연구원" reads as a heading, yet the next heading replaces it before any
    # text: it is the whole statement, and must be searchable.
    text = "# 연례 보고서\n\n▶ 발행처 : 가람 연구원\n\n▶ 작성\n\n- 김하늘 연구원 (전화 000-0000)\n"
    chunks = chunk_document(_doc((None, text)))
    held = _chunk_with(chunks, "가람 연구원")
    assert held.section == "연례 보고서"
    # a bare title states nothing: it stays the context of what follows, not text
    assert not [c for c in chunks if "▶ 작성" in c.text]
