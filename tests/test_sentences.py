"""Sentence splitting for Korean and English report text."""

from __future__ import annotations

import pytest

from ingest.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "생성형 AI 시장이 빠르게 커졌다. 한국은 3위를 기록했다.",
            ["생성형 AI 시장이 빠르게 커졌다.", "한국은 3위를 기록했다."],
        ),
        (
            "투자가 늘었다! 왜 그런가? 수요 때문이다.",
            ["투자가 늘었다!", "왜 그런가?", "수요 때문이다."],
        ),
        # Nominal-style bullet lines have no full stop: the line break is the boundary.
        (
            "신규 모델이 출시되었음\n매출이 전년 대비 증가함",
            ["신규 모델이 출시되었음", "매출이 전년 대비 증가함"],
        ),
        (
            "Smith et al. reported the figure. It was revised later.",
            ["Smith et al. reported the figure.", "It was revised later."],
        ),
        (
            "Growth reached 226.1% in 2023. Prices fell by 3.5 points.",
            ["Growth reached 226.1% in 2023.", "Prices fell by 3.5 points."],
        ),
        (
            "GPT-3.5는 2022.11.30에 공개되었다. 이후 경쟁이 시작됐다.",
            ["GPT-3.5는 2022.11.30에 공개되었다.", "이후 경쟁이 시작됐다."],
        ),
        (
            "Some models, e.g. GPT-4, are closed. Others are open.",
            ["Some models, e.g. GPT-4, are closed.", "Others are open."],
        ),
        # Korean dates are written with spaced full stops; they are not sentence ends.
        (
            "2021. 1. 15. 발간된 보고서에 따르면 시장이 커졌다. 제1호(2021. 1. 15.) 참고.",
            ["2021. 1. 15. 발간된 보고서에 따르면 시장이 커졌다.", "제1호(2021. 1. 15.) 참고."],
        ),
        (
            "Capacity reached 83. The next year it grew.",
            ["Capacity reached 83.", "The next year it grew."],
        ),
        ("\n\n  \n", []),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_table_rows_kept_whole() -> None:
    text = "국가별 모델 수는 다음과 같다. 표를 보라.\n국가\t모델 수. 비고\n미국\t73. 1위\n끝이다."
    assert split_sentences(text) == [
        "국가별 모델 수는 다음과 같다.",
        "표를 보라.",
        "국가\t모델 수. 비고",
        "미국\t73. 1위",
        "끝이다.",
    ]
