"""A report's reference list and its own name are furniture to the question: an entry that
names the institute asked about says nothing of what it found, and every sentence of the
institute's report speaks for the institute."""

from __future__ import annotations

import pytest
from fakes import hash_retriever

from index.retriever import HybridRetriever
from qa.unit_scores import boilerplate
from qa.unit_selection import UnitSelector


@pytest.mark.parametrize("entry", [
    '[2] 한국정보연구원(KII), "데이터 사업의 실효성 향상을 위한 정책 방향", 2020.11.',
    'Google AI Blog(2017.4.), "Federated Learning: Collaborative Machine Learning"',
    'Kaplan et al., "Scaling Laws for Neural Language Models", arXiv 2020',
])
def test_a_reference_list_entry_is_furniture(entry: str) -> None:
    assert boilerplate([entry], ["a"]).tolist() == [1]


@pytest.mark.parametrize("sentence", [
    '그는 2023년에, "AI는 위험하다"고 말했다.',
    "이른바 ‘트랜스포머 마피아’들은 2023년 수십억 달러를 모금했다.",
    "구글은 스마트폰을 연합학습에 참여시켜 키보드 성능을 높였다(구글, 2017).",
])
def test_a_sentence_that_quotes_is_not(sentence: str) -> None:
    assert boilerplate([sentence], ["a"]).tolist() == [0]


REPORT = ("# KII 데이터 전략 보고서\n\n"
          "생성 모델은 데이터 증강 등을 활용해 원본 데이터의 부족함을 보충할 것으로 보인다. "
          "학습용 데이터 구축 사업은 2020년부터 확대되었다.\n\n"
          "## 참고문헌\n\n"
          '[1] 한국정보연구원(KII), "생성 모델과 원본 데이터 부족 문제", 2020.9.\n\n'
          '[2] 한국정보연구원(KII), "원본 데이터 사업의 실효성 향상", 2020.11.\n')


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> HybridRetriever:
    root = tmp_path_factory.mktemp("furniture")
    return hash_retriever(root, {"kii.md": REPORT})


def test_the_institute_asked_about_is_its_reports_every_sentence_not_its_reference_list(
        retriever: HybridRetriever) -> None:
    question = "KII는 생성 모델이 원본 데이터의 부족함을 어떻게 메울 것으로 보았나?"
    picked = UnitSelector(retriever).select(question, retriever.candidates(question, 5)).evidence
    assert "데이터 증강" in picked[0].text



def _marked(line: str, title: str, row: bool = False) -> list[float]:
    from index.lexical import tokenize

    return boilerplate([line], ["a"], [title], [tokenize(line)], [row]).tolist()


@pytest.mark.parametrize(("line", "title"), [
    ("새론은행 2024년 경영실적", "새론은행 2024년 경영실적"),
    ("2024년 연결재무제표 요약", "한울케미칼 주식회사 2024년 연결재무제표 요약"),
    ("한빛지방법원 2024가합51234 판결", "한빛지방법원 2024가합51234 손해배상(기) 판결"),
])
def test_a_line_that_only_says_its_reports_title_is_furniture(line: str, title: str) -> None:
    assert _marked(line, title) == [1]


@pytest.mark.parametrize(("line", "title"), [
    ("2023년 연결재무제표 요약", "한울케미칼 주식회사 2024년 연결재무제표 요약"),  # another year: not the title
    ("새론은행의 2024년 연체율은 0.38%로 올랐다.", "새론은행 2024년 경영실적"),  # says something
    ("한결연구원 정책보고서 2024-09", "2024 한결연구원 정책보고서"),  # a figure of its own may be what is asked
    ("가정용 에어컨 24개 모델을 비교 평가하였다.", "2025년형 가정용 에어컨 24개 모델 비교 평가"),  # a sentence
])
def test_a_line_that_says_more_than_the_title_is_content(line: str, title: str) -> None:
    assert _marked(line, title) == [0]


def test_a_table_row_is_never_a_title_line() -> None:
    """A row spelled out loses its year columns to the tokenizer ("2023: 123"): its label alone
    may be title words."""
    assert _marked("Large-scale AI models → 2020: 2, 2021: 9, 2023: 123", "Large-scale AI Models 2020-2023", row=True) == [0]


def test_without_the_rule_a_title_line_is_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAGQA_ABLATE", "title-lines")
    assert _marked("새론은행 2024년 경영실적", "새론은행 2024년 경영실적") == [0]


def test_selection_passes_over_a_title_line_unless_the_question_asks_who_or_which_report(tmp_path) -> None:
    """Wired through UnitSelector on a real index: the cover line holds the question's company
    and year, and would take a place among the shown units."""
    from fakes import hash_retriever

    report = ("# 새론은행 2024년 경영실적\n\n새론은행 2024년 경영실적\n\n"
              "## 주요 지표\n\n새론은행의 2024년 말 연체율은 0.38%로 전년보다 0.09%p 올랐다.\n"
              "순이자마진은 1.68%로 낮아졌다.\n당기순이익은 1조 2,480억 원이었다.\n"
              "원화대출금은 330조 5천억 원이었다.\n총자산은 512조 원이었다.\n")
    retriever = hash_retriever(tmp_path, {"saeron.md": report})
    selector = UnitSelector(retriever)
    hits = retriever.retrieve("새론은행 2024년 연체율은?", 5)

    def shown(question: str) -> list[str]:
        return [e.text for e in selector.select(question, hits).evidence]
    assert "새론은행 2024년 경영실적" not in shown("새론은행 2024년 연체율은?")
    assert "새론은행 2024년 경영실적" in shown("새론은행 2024년 보고서의 제목은?")

