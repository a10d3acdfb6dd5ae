"""Evidence units: the sentences, list items and spelled-out table rows of a chunk."""

from __future__ import annotations

import pytest

from ingest.types import Chunk, Unit
from ingest.units import MIN_UNIT_CHARS, chunk_units, table_rows, table_rows_as_text


def _units(text: str, kind: str = "text") -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in chunk_units(Chunk("doc-c1", "doc", text, kind=kind))]


def test_ids_ordinals_and_kinds() -> None:
    units = chunk_units(Chunk("doc-c1", "doc", "첫 문장은 이것이다. 둘째 문장은 저것이다.\n- 목록 항목이 하나 있음"))
    assert units == [
        Unit("doc-c1:0", "doc-c1", 0, "sentence", "첫 문장은 이것이다."),
        Unit("doc-c1:1", "doc-c1", 1, "sentence", "둘째 문장은 저것이다."),
        Unit("doc-c1:2", "doc-c1", 2, "item", "목록 항목이 하나 있음"),
    ]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "Smith et al. reported 226.1% growth in 2023. It was revised later.",
            [("sentence", "Smith et al. reported 226.1% growth in 2023."), ("sentence", "It was revised later.")],
        ),
        # Nominal-style bullets end without a full stop; each is one claim.
        (
            "- 2020~2023년 기간에 총 144개(누적)의 초거대 AI 모델이 출시되었음\n"
            "- 한국은 16개의 모델을 출시하여 세 번째로 많은 모델을 보유함",
            [("item", "2020~2023년 기간에 총 144개(누적)의 초거대 AI 모델이 출시되었음"),
             ("item", "한국은 16개의 모델을 출시하여 세 번째로 많은 모델을 보유함")],
        ),
        # Numbered and nested markers go; the words stay.
        (
            "1. 본 보고서는 연구개발 사업의 결과물이다.\n  - * 모델 규모는 매년 두 배로 커졌음",
            [("item", "본 보고서는 연구개발 사업의 결과물이다."), ("item", "모델 규모는 매년 두 배로 커졌음")],
        ),
    ],
)
def test_sentences_and_items(text: str, units: list[tuple[str, str]]) -> None:
    assert _units(text) == units


def test_hard_wrapped_fragments_join_the_unit_they_continue() -> None:
    # The chunker joins wraps it can see; a chunk built elsewhere may still carry them.
    text = (
        "2012년 개최된 이미지넷 챌린지는 딥러닝 부활의 신호탄이 되었\n"
        "으며, 이후 이미지 및 자연어처리 분야에서 인공지능이 활용되고 있었\n"
        "는데, 특히 의료 분야에서 빠르게 성장했다.\n"
        "- 이후 딥러닝은 자연어처리 분야에서도 새로운 과제가 되어 지속적으로\n"
        "발전하고 있음"
    )
    assert _units(text) == [
        ("sentence", "2012년 개최된 이미지넷 챌린지는 딥러닝 부활의 신호탄이 되었으며, 이후 이미지 및 "
                     "자연어처리 분야에서 인공지능이 활용되고 있었는데, 특히 의료 분야에서 빠르게 성장했다."),
        ("item", "이후 딥러닝은 자연어처리 분야에서도 새로운 과제가 되어 지속적으로 발전하고 있음"),
    ]
    assert not any(text.startswith(("는데", "으며")) for _, text in _units(text))


def test_english_wrapped_mid_sentence() -> None:
    text = "Floating foundations accounted for a growing\nshare of new projects in 2030.\nCosts fell."
    assert _units(text) == [
        ("sentence", "Floating foundations accounted for a growing share of new projects in 2030."),
        ("sentence", "Costs fell."),
    ]


def test_short_pieces_join_a_neighbour() -> None:
    units = _units("AI 개요\n약인공지능은 주어진 문제를 해결하는 AI이다.\n범용인공지능은 아직 없다. 참고.")
    assert units == [
        ("sentence", "AI 개요 약인공지능은 주어진 문제를 해결하는 AI이다."),
        ("sentence", "범용인공지능은 아직 없다. 참고."),
    ]
    assert all(len(text) >= MIN_UNIT_CHARS for _, text in units)
    assert _units("참고") == [("sentence", "참고")]  # a chunk of one short line still has a unit


def test_source_and_note_lines_are_dropped() -> None:
    text = "2023년 모델 수는 104개로 늘었다.\n자료: EPOCH AI (2024)\n출처: 소프트웨어정책연구소\nSource: OECD.AI"
    assert _units(text) == [("sentence", "2023년 모델 수는 104개로 늘었다.")]
    assert _units("자료: EPOCH AI (2024)") == []


TWO_ROW_HEADER = (
    "[표 2] 국가별 초거대 AI 모델 수 (단위: 개)\n"
    "국가\t출시 연도\t\t합계\n"
    "\t2022년\t2023년\t\n"
    "미국\t20\t41\t61\n"
    "한국\t3\t8\t11\n"
)


def test_table_rows_spell_out_merged_headers() -> None:
    assert table_rows(TWO_ROW_HEADER) == [
        ("미국", "[표 2] 국가별 초거대 AI 모델 수 (단위: 개) 미국 → 출시 연도 2022년: 20, 출시 연도 2023년: 41, 합계: 61"),
        ("한국", "[표 2] 국가별 초거대 AI 모델 수 (단위: 개) 한국 → 출시 연도 2022년: 3, 출시 연도 2023년: 8, 합계: 11"),
    ]
    assert table_rows_as_text(TWO_ROW_HEADER) == [text for _, text in table_rows(TWO_ROW_HEADER)]


def test_table_chunk_units_are_labelled_rows() -> None:
    units = chunk_units(Chunk("doc-t1", "doc", TWO_ROW_HEADER, kind="table"))
    assert [(u.kind, u.label, u.unit_id) for u in units] == [("row", "미국", "doc-t1:0"), ("row", "한국", "doc-t1:1")]
    assert "한국 → 출시 연도 2022년: 3" in units[1].text


def test_a_note_set_in_the_grid_is_not_the_header() -> None:
    text = "[표 1] 지수\n\t\t\t(단위: 점)\n국가\t2018년\t2019년\t증감\n한국\t80.5\t86.2\t5.7\n일본\t86.4\t87.2\t0.8"
    assert table_rows(text)[0] == ("한국", "[표 1] 지수 (단위: 점) 한국 → 2018년: 80.5, 2019년: 86.2, 증감: 5.7")


def test_table_that_does_not_parse_stays_one_unit() -> None:
    assert _units("캡션만 있는 표\n값\t1", kind="table") == [("row", "캡션만 있는 표\n값\t1")]
    assert _units("", kind="table") == []


def test_merged_cells_are_read_as_spanning_their_empty_neighbours() -> None:
    """A header cell spanning two columns and a first-column cell spanning rows come out of a
    PDF or slide as empty cells; the row must still say whose model it is."""
    table = ("[표 3] 국내외 모델\n기업\t\t모델\t파라미터 수\n해외\tAcme\tAX-1\t1,750억 개\n"
             "\tGlobex\tGB-2\t1,370억 개\n국내\tInitech\tIN-3\t300억 개")
    rows = table_rows(table)
    assert [label for label, _ in rows] == ["해외", "해외", "국내"]
    assert rows[1][1] == "[표 3] 국내외 모델 해외 → 기업: Globex, 모델: GB-2, 파라미터 수: 1,370억 개"


def test_a_total_row_and_a_trailing_unnamed_column_take_no_merged_cell() -> None:
    table = "[표] 모델\n기업\t\t파라미터\t\n국내\t네이버\t2,040억\t주1)\n\t카카오\t300억\t\n\t합계\t2,340억\t"
    rows = table_rows(table)
    assert [label for label, _ in rows] == ["국내", "국내", ""]
    assert rows[0][1] == "[표] 모델 국내 → 기업: 네이버, 파라미터: 2,040억"
