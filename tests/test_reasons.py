"""An explanation gets the reasons its passage gives beside the sentence that says what was
asked: the sentence after it that says "because", or the ones before a sentence that draws its
conclusion from them. Texts here are made up; the links are how any report writes a cause."""

from __future__ import annotations

import pytest
from fakes import ask_over_passage

from index.types import Hit
from ingest.types import Chunk
from qa.reasons import reasons_in, with_reasons
from qa.types import Evidence

SEGMENTS = ("2. 부문별 동향\n조명 부문 매출은 820억 원으로 12.5% 늘었다.\n"
            "정원용 조명 수요가 커졌고 신제품 출시가 이어졌기 때문이다.\n"
            "냉장 부문 매출은 410억 원으로 6.1% 줄었다.\n"
            "대형 유통사가 상반기에 재고를 줄여 주문이 감소했고, 해외 업체와의 경쟁으로 평균 단가가 약 4% 내렸기 때문이다.\n"
            "회사는 하반기 신제품으로 대응할 계획이다.")
RULING = ("3. 판단\n가.\n손해배상책임의 발생.\n감정 결과 누수의 주된 원인은 배관 설계의 오류이다.\n나.\n책임의 제한.\n"
          "다만 원고는 임대인으로서 누수를 처음 안 뒤에도 석 달 동안 보수를 미루어 피해가 커지는 데 원인을 제공하였다.\n"
          "이러한 사정을 고려하여 피고의 책임을 70%로 제한한다.")
MARKET = ("Rice milk leads\nRice drinks have overtaken pea drinks in the regional plant-based market since 2023.\n"
          "The main driver is the bakery channel: bakers favour rice drinks because they do not curdle when heated.\n"
          "Bakeries took about a third of rice drink volume.")


@pytest.mark.parametrize(("question", "passage", "reason"), [
    # the sentence after what happened, with its "because"
    ("회사의 냉장 부문 매출이 줄어든 이유는?", SEGMENTS, "대형 유통사가 상반기에 재고를 줄여"),
    # the sentence before one that draws its conclusion from it ("이러한 사정을 고려하여"), up to
    # the heading above it ("책임의 제한."): the cause under the heading before is another finding
    ("판결에서 법원이 피고의 책임을 70%로 제한한 이유는?", RULING, "다만 원고는 임대인으로서"),
    ("Why has rice overtaken pea in the regional plant-based drinks market?", MARKET, "The main driver is the bakery"),
])
def test_the_reasons_are_read_beside_the_sentence_that_says_what_was_asked(question: str, passage: str,
                                                                            reason: str) -> None:
    shared, reasons = reasons_in(question, passage)
    assert shared >= 2 and len(reasons) == 1 and reasons[0].startswith(reason)


def test_no_reason_is_read_where_no_sentence_says_what_was_asked_or_none_gives_a_cause() -> None:
    # the reason of the next event is not this one's: a sentence that gives no cause ends the run
    assert reasons_in("회사의 조명 부문 매출이 늘어난 이유는?", SEGMENTS)[1] == ["정원용 조명 수요가 커졌고 신제품 출시가 이어졌기 때문이다."]
    # what happened is the sentence that says most of the question, not a weaker match with reasons
    assert reasons_in("반도체 부문 영업이익이 줄어든 이유는?", "2023년 반도체 부문 영업이익은 1조 원으로 줄었다.\n"
                      "이는 업계 전반의 흐름과 같다.\n한편 디스플레이 부문 영업이익은 늘었는데, 패널 수요가 회복되었기 때문이다.") == (0, [])
    # a sentence is read with the heading it sits under: "RFU 매출은 … 줄었다" is the asked one
    headed = ("조명 제품\n조명 부문 매출은 820억 원으로 12.5% 늘었다.\n냉장 설비(RFU)\nRFU 매출은 410억 원으로 6.1% 줄었다.\n"
              "대형 유통사가 상반기에 재고를 크게 줄였기 때문이다.")
    assert reasons_in("회사의 냉장 설비(RFU) 매출이 줄어든 이유는?", headed)[1] == ["대형 유통사가 상반기에 재고를 크게 줄였기 때문이다."]
    # a line the passage repeats is one reason
    assert len(reasons_in("회사의 냉장 설비(RFU) 매출이 줄어든 이유는?", headed + "\n대형 유통사가 상반기에 재고를 크게 줄였기 때문이다.")[1]) == 1
    # a heading that names a cause is neither what happened nor a reason
    assert reasons_in("냉장 부문 매출이 감소한 원인은?", "3. 냉장 부문 매출 감소 원인\n냉장 부문 매출은 410억 원으로 6.1% 줄었다.\n"
                      "대형 유통사가 재고를 크게 줄였기 때문이다.")[1] == ["대형 유통사가 재고를 크게 줄였기 때문이다."]
    # the rise of another segment has its "because", but nothing of the passage says what was asked
    assert reasons_in("회사의 배송 부문 인력이 늘어난 이유는?", SEGMENTS) == (0, [])
    # what was asked is said, and nothing beside it gives a cause
    assert reasons_in("회사가 하반기에 어떻게 대응할 계획인지 이유는?", "회사는 하반기 신제품으로 대응할 계획이다.\n"
                      "매출은 820억 원이었다.") == (0, [])


def _shown(text: str, n: int = 1) -> Evidence:
    return Evidence(n, text, Hit(Chunk("c", "d", text, 2, "2"), 1.0, "hybrid", "보고서", "r.pdf"))


def test_a_reason_the_answer_already_gives_or_in_another_language_is_not_added() -> None:
    asked = "회사의 냉장 부문 매출이 줄어든 이유는?"
    gist = "냉장 부문 매출은 대형 유통사의 재고 조정으로 줄었습니다 [1]."
    told = with_reasons(gist, asked, "ko", [_shown(SEGMENTS)])
    assert told.startswith(gist) and told.endswith("평균 단가가 약 4% 내렸기 때문이다 [1].")
    assert with_reasons(told, asked, "ko", [_shown(SEGMENTS)]) == told
    # an English answer is not given the Korean passage's sentence
    english = "Refrigeration sales fell because a retailer cut stock [1]."
    assert with_reasons(english, "Why did refrigeration sales fall?", "en", [_shown(SEGMENTS)]) == english


class _FirstLine:
    def select(self, question, hits, rephrasings=()):
        from qa.selection import Selection

        return Selection(tuple(Evidence(n, h.chunk.text.splitlines()[2], h, 1.0) for n, h in enumerate(hits, 1)))


@pytest.mark.parametrize("ablate", [False, True])
def test_an_explanation_that_gives_a_party_s_claim_gets_the_reason_its_cited_passage_states(
        ablate: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if ablate:
        monkeypatch.setenv("RAGQA_ABLATE", "reasons")
    answer = ask_over_passage(RULING, "3. 판단", "감정 결과 누수의 주된 원인은 배관 설계의 오류입니다 [1].", _FirstLine(),
                              "판결에서 법원이 피고의 책임을 70%로 제한한 이유는?")
    assert answer.path == "llm" and answer.text.startswith("감정 결과")
    assert ("석 달 동안 보수를 미루어" in answer.text) is not ablate
