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


@pytest.mark.parametrize(("line", "title"), [
    ("새론은행 2024년 경영실적", "새론은행 2024년 경영실적"),
    ("2024년 연결재무제표 요약", "한울케미칼 주식회사 2024년 연결재무제표 요약"),
    ("한빛지방법원 2024가합51234 판결", "한빛지방법원 2024가합51234 손해배상(기) 판결"),
])
def test_a_line_that_only_says_its_reports_title_is_furniture(line: str, title: str) -> None:
    assert boilerplate([line], ["a"], [title]).tolist() == [1]


@pytest.mark.parametrize(("line", "title"), [
    ("2023년 연결재무제표 요약", "한울케미칼 주식회사 2024년 연결재무제표 요약"),  # another year: not the title
    ("새론은행의 2024년 연체율은 0.38%로 올랐다.", "새론은행 2024년 경영실적"),  # says something
])
def test_a_line_that_says_more_than_the_title_is_content(line: str, title: str) -> None:
    assert boilerplate([line], ["a"], [title]).tolist() == [0]


def test_without_the_rule_a_title_line_is_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAGQA_ABLATE", "title-lines")
    assert boilerplate(["새론은행 2024년 경영실적"], ["a"], ["새론은행 2024년 경영실적"]).tolist() == [0]
