"""A small model loops: a sentence already said in full is kept once."""

from __future__ import annotations

from index.types import Hit
from ingest.types import Chunk
from qa.grounding import ground
from qa.types import Evidence

UNIT = "초고령사회 진입으로 재가 돌봄 수요가 빠르게 늘고 있다."


def _evidence() -> list[Evidence]:
    return [Evidence(1, UNIT, Hit(Chunk("c1", "d", UNIT, 1), 1.0, "hybrid", "계획", "plan.pdf"))]


def test_a_repeated_sentence_is_kept_once() -> None:
    looped = " ".join(["재가 돌봄 수요가 빠르게 늘고 있기 때문입니다 [1]."] * 3)
    text, problems = ground(looped, _evidence(), ["왜 예산을 늘렸어?"])
    assert text.count("빠르게 늘고") == 1 and not problems


def test_a_sentence_saying_more_stays() -> None:
    two = "재가 돌봄 수요가 늘고 있습니다 [1]. 초고령사회 진입으로 재가 돌봄 수요가 늘고 있습니다 [1]."
    text, _ = ground(two, _evidence(), ["왜 예산을 늘렸어?"])
    assert text.count("돌봄 수요가") == 2
