"""A choice between two by size: the side an answer picks against the figures shown for both."""

from __future__ import annotations

import pytest

from index.types import Hit
from ingest.types import Chunk
from qa.choice import direction, figure_of, respective_figures, wrong_side
from qa.types import Evidence, ProblemKind
from qa.verify import recite, verify_answer

ROW = ("학습 연산량(FLOP) → Alder-7 90B: 3.10E+24, Birch Large: 2.00E+25, Cedar-4 340B: 1.80E+25")
BLANK = "매개변수 → Alder-7 90B: 9.0E+10, Birch Large: , Cedar-4 340B: 3.4E+11"
PROSE = "학습에 쓰인 단어는 크롤링(4,100억개), 책1(120억개), 책2(550억개), 책10(3억개)로 구성된다."
ASKED = "Which used more training compute: Birch Large or Cedar-4 340B?"


def _n(*texts: str) -> dict[int, str]:
    """Units as the verifier passes them: by their [n]."""
    return dict(enumerate(texts, 1))


@pytest.mark.parametrize(("question", "wanted"), [
    (ASKED, 1), ("Which scored lower, A or B?", -1), ("책1과 책2 중 더 많은 쪽은?", 1),
    ("A와 B 중 가장 낮은 곳은?", -1), ("A와 B 중 어느 쪽이 더 컸나요?", 1), ("A와 B 중 어느 회사가 먼저 설립됐나?", 0)])
def test_the_direction_asked(question: str, wanted: int) -> None:
    assert direction(question) == wanted


def test_a_figure_belongs_to_the_name_it_follows() -> None:
    assert figure_of(ROW, "Birch Large").value == 2e25
    assert figure_of(BLANK, "Birch Large") is None  # a blank cell is no figure, nor the next name's digits
    assert figure_of(PROSE, "책1").value == 120e8  # not 책10's
    assert figure_of(PROSE, "책10").value == 3e8


def test_the_side_the_figures_make_the_other_is_wrong() -> None:
    why = wrong_side([ASKED], "Cedar-4 340B used more training compute [1].", _n(ROW), _n(ROW, BLANK))
    assert "Birch Large" in why
    assert wrong_side([ASKED], "Birch Large used more training compute [1].", _n(ROW), _n(ROW, BLANK)) == ""
    asked = "책1과 책2 중 더 적은 단어를 기여한 쪽은?"
    assert wrong_side([asked], "책2입니다 [1].", _n(PROSE), _n(PROSE))
    assert not wrong_side([asked], "책1입니다 [1].", _n(PROSE), _n(PROSE))


def test_a_whole_table_is_read_row_by_row() -> None:
    table = f"[표 7] 주요 모델\n매개변수 → Alder-7 90B: 9.0E+10, Birch Large: 1.0E+09, Cedar-4 340B: \n{ROW}"
    # Cedar's parameters are blank: Birch's parameters (1.0E+09) are not held against Cedar's compute
    assert wrong_side([ASKED], "Birch Large used more training compute [1].", _n(table), _n(table)) == ""
    assert "Birch Large" in wrong_side([ASKED], "Cedar-4 340B used more training compute [1].", _n(table), _n(table))


def test_no_verdict_without_both_figures_or_a_single_side() -> None:
    assert wrong_side([ASKED], "Cedar-4 340B [1].", _n(BLANK), _n(BLANK)) == ""  # one side's figure only
    assert wrong_side([ASKED], "Cedar-4 340B and Birch Large [1].", _n(ROW), _n(ROW)) == ""  # both named, neither picked
    # the side compared with is not the side picked
    assert "Birch Large" in wrong_side([ASKED], "Cedar-4 340B used more than Birch Large [1].", _n(ROW), _n(ROW))
    # said the other way round, the side compared with is the side picked: the right one here
    assert wrong_side([ASKED], "Cedar-4 340B used less than Birch Large [1].", _n(ROW), _n(ROW)) == ""
    assert "Birch Large" in wrong_side([ASKED], "Birch Large used less than Cedar-4 340B [1].", _n(ROW), _n(ROW))
    # said neither way, the side compared with is still no pick; a floor is no smaller side
    assert "Birch Large" in wrong_side([ASKED], "Cedar-4 340B rather than Birch Large [1].", _n(ROW), _n(ROW))
    assert wrong_side([ASKED], "Birch Large, with no less than the compute of Cedar-4 340B [1].", _n(ROW), _n(ROW)) == ""
    assert wrong_side(["Which is Birch Large or Cedar-4 340B?"], "Cedar-4 340B [1].", _n(ROW), _n(ROW)) == ""


def _evidence(*texts: str) -> list[Evidence]:
    return [Evidence(i + 1, t, Hit(Chunk(f"c{i + 1}", "d", t, i + 1), 1.0, "hybrid", "보고서", "r.pdf"))
            for i, t in enumerate(texts)]


def test_verification_sends_the_wrong_side_back_unless_the_rule_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    evidence = _evidence(ROW, BLANK)
    problems = verify_answer("Cedar-4 340B used more training compute [1].", evidence, "en", ASKED)
    assert [p.kind for p in problems] == [ProblemKind.CONSTRAINT]
    monkeypatch.setenv("RAGQA_ABLATE", "choice-direction")
    assert not verify_answer("Cedar-4 340B used more training compute [1].", evidence, "en", ASKED)


def test_the_wrong_side_is_answered_by_the_figures_cited_to_the_unit_giving_both() -> None:
    evidence = _evidence(BLANK, ROW)
    draft = "Cedar-4 340B used more training compute [2]."
    problems = verify_answer(draft, evidence, "en", ASKED)
    fixed = recite(draft, problems, evidence, "en", ASKED)
    assert fixed.casefold() == "birch large (birch large 2.00e+25, cedar-4 340b 1.80e+25) [2]."
    assert not verify_answer(fixed, evidence, "en", ASKED)
    # the right side stands as written; no figures for both, nothing to repair
    assert recite("Birch Large used more training compute [2].", [], evidence, "en", ASKED) == ""
    assert recite("Cedar-4 340B [1].", [], _evidence(BLANK), "en", ASKED) == ""


RESPECTIVE = "2023년 미국의 투자 규모는 약 672.2억 달러이며, 중국과 영국의 경우 각각 77.6억 달러, 37.8억 달러 규모임"
INVEST = "2023년 투자 규모는 중국과 영국 중 어느 쪽이 더 컸나요?"


def test_figures_given_in_turn_belong_to_the_names_in_turn() -> None:
    assert {s: n.value for s, n in respective_figures(RESPECTIVE, ["영국", "중국"]).items()} == {
        "중국": pytest.approx(77.6e8), "영국": pytest.approx(37.8e8)}
    english = "China and the UK invested $7.76 billion and $3.78 billion respectively."
    assert {s: n.value for s, n in respective_figures(english, ["the UK", "China"]).items()} == {
        "China": pytest.approx(7.76e9), "the UK": pytest.approx(3.78e9)}
    assert respective_figures("중국은 77.6억 달러, 영국은 37.8억 달러였다.", ["중국", "영국"]) == {}  # no "각각"


def test_a_choice_said_back_picks_the_side_named_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    said_back = "2023년 투자 규모는 중국과 영국 중 영국이 더 커요 [1]."
    assert "중국" in wrong_side([INVEST], said_back, _n(RESPECTIVE), _n(RESPECTIVE))
    assert not wrong_side([INVEST], "2023년 투자 규모는 중국과 영국 중 중국이 더 커요 [1].", _n(RESPECTIVE), _n(RESPECTIVE))
    problems = verify_answer(said_back, _evidence(RESPECTIVE), "ko", INVEST)
    assert recite(said_back, problems, _evidence(RESPECTIVE), "ko", INVEST).startswith("중국 (중국 77.6, 영국 37.8) [1]")
    monkeypatch.setenv("RAGQA_ABLATE", "choice-said-back")
    assert wrong_side([INVEST], said_back, _n(RESPECTIVE), _n(RESPECTIVE)) == ""


def test_the_side_compared_with_is_not_the_side_picked_in_either_script() -> None:
    line = "2023년 기준으로 보면 미국(41건), 한국(8건), 프랑스(5건) 순으로 많았음"
    asked = ["In 2023, which released more models: Korea or France?", "2023년에 한국과 프랑스 중 어느 나라가 더 많이 출시했나요?"]
    assert "한국" in wrong_side(asked, "France released more models than Korea in 2023 [1].", _n(line), _n(line))
    assert not wrong_side(asked, "Korea released more models than France in 2023 [1].", _n(line), _n(line))
    assert "한국" in wrong_side(asked[1:], "프랑스가 한국보다 더 많이 출시했습니다 [1].", _n(line), _n(line))


def test_a_latin_side_is_a_whole_word_and_home_is_no_country() -> None:
    assert figure_of("The bonus: 5 and US(3), China(4)", "US").value == 3
    line = "2023년 기준 미국(41건), 한국(8건), 프랑스(5건)"
    asked = ["2023년에 한국과 프랑스 중 어디가 더 많이 출시했나요?"]
    # "국내" is anyone's home: the answer picked 프랑스 and spoke of firms at home
    assert "한국" in wrong_side(asked, "프랑스가 더 많았고, 국내 기업은 적었습니다 [1].", _n(line), _n(line))
