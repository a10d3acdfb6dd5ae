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


# A PDF's text layer breaks lines where the page ran out, inside sentences and even inside words.
WRAPPED_KO = (
    "2012년 개최된 이미지넷 챌린지는 딥러닝 부활의 신호탄이 되었\n"
    "으며, 이후 이미지 및 자연어처리 분야에서 인공지능이 활용되고 있었\n"
    "는데, 특히 의료 분야에서 빠르게 성장했다. 국내 기업의 투자도 꾸준히\n"
    "늘었다.\n"
)


def test_hard_wrapped_korean_lines_are_joined() -> None:
    assert split_sentences(WRAPPED_KO) == [
        "2012년 개최된 이미지넷 챌린지는 딥러닝 부활의 신호탄이 되었으며, 이후 이미지 및 자연어처리 "
        "분야에서 인공지능이 활용되고 있었는데, 특히 의료 분야에서 빠르게 성장했다.",
        "국내 기업의 투자도 꾸준히 늘었다.",
    ]


def test_hard_wrapped_english_lines_are_joined() -> None:
    text = (
        "Installed offshore wind capacity reached 83 gigawatts in\n"
        "2030, while average turbine ratings continued to rise. Floating\n"
        "foundations accounted for a growing share of new inter-\n"
        "national projects.\n"
    )
    assert split_sentences(text) == [
        "Installed offshore wind capacity reached 83 gigawatts in 2030, while average turbine ratings continued to rise.",
        "Floating foundations accounted for a growing share of new inter-national projects.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A nominal ending closes its line however long it is.
        "2020~2023년 기간에 전 세계적으로 총 144개(누적)의 초거대 AI 모델이 출시되었음\n"
        "연도별로 보면 매년 급격하게 증가하는 추세임",
        # A list item, a heading or a caption opens its own line.
        "국가별로는 미국이 가장 많은 모델을 보유한 것으로 나타났으며 그 뒤를\n- 중국이 이었음",
        "인공지능 기술의 주요 동향과 산업별 파급효과에 대한 분석 내용\n# 주요 동향",
        "인공지능 기술의 주요 동향과 산업별 파급효과에 대한 분석 내용\n[표 2] 국가별 모델 수",
        # A short line without a full stop is a title or a label, not half a sentence.
        "AI 개요\n약인공지능은 주어진 문제를 해결하는 AI이다.",
    ],
)
def test_structural_line_breaks_are_kept(text: str) -> None:
    assert split_sentences(text) == [line.strip() for line in text.split("\n")]


def test_blank_line_ends_a_paragraph() -> None:
    text = "인공지능 기술의 주요 동향과 산업별 파급효과에 대한 분석 내용\n\n최근 투자는 크게 늘었다."
    assert split_sentences(text) == ["인공지능 기술의 주요 동향과 산업별 파급효과에 대한 분석 내용", "최근 투자는 크게 늘었다."]
