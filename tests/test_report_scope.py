"""A question that names its report by a name in the report's title ("Why did Kestrel Power's
retail profit fall?") is searched within that report: another report's passage that reads like
the question does not outrank the named report's own."""

from __future__ import annotations

import pytest
from fakes import hash_retriever

from index.retriever import HybridRetriever
from qa.pool import identified_pool, named_reports

REPORTS = {
    "kestrel.md": "# Kestrel Power plc annual results 2024\n\n## Retail\n\n"
                  "Retail operating profit fell because two price cap cuts compressed supply margins.\n",
    "heat.md": "# European heat pump market review\n\n## Sales\n\n"
               "Why did sales fall in 2024? Three forces drove the slump: subsidies paused and gas got cheaper.\n",
    "bank.md": "# Saeron Bank annual report 2024\n\n## Loans\n\n"
               "The delinquency rate rose to 0.38% as retail borrowers fell behind.\n",
    "survey.md": "# Midam district elderly care survey\n\n## Overview\n\n"
                 "The survey asked 1,500 residents about care. Kestrel Power sponsors the survey.\n",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> HybridRetriever:
    return hash_retriever(tmp_path_factory.mktemp("reports"), REPORTS)


def _sources(hits: list) -> set[str]:
    return {h.source for h in hits}


def test_a_name_only_its_title_and_text_hold_scopes_the_search(reports: HybridRetriever,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    question = "Why did Saeron Bank's delinquency rate rise in 2024?"
    assert {reports.reader.docs[d].source for d in named_reports(reports, [question])} == {"bank.md"}
    hits, pool, _ = identified_pool(reports, [question], 2)
    assert _sources(pool) == _sources(hits) == {"bank.md"}
    monkeypatch.setenv("RAGQA_ABLATE", "report-scope")
    _, unscoped, _ = identified_pool(reports, [question], 2)
    assert _sources(unscoped) > {"bank.md"}


def test_a_name_another_reports_text_uses_names_no_report(reports: HybridRetriever) -> None:
    # the survey's text names Kestrel Power too: the name is not the results' alone
    assert named_reports(reports, ["Why did Kestrel Power's retail profit fall?"]) == frozenset()


def test_a_question_naming_no_report_is_searched_everywhere(reports: HybridRetriever) -> None:
    assert named_reports(reports, ["Why did sales fall in 2024?"]) == frozenset()
    _, pool, _ = identified_pool(reports, ["Why did sales fall in 2024?"], 2)
    assert len(_sources(pool)) > 1


def test_a_search_scoped_to_a_workspace_names_no_report_outside_it(reports: HybridRetriever) -> None:
    others = [d for d, r in reports.reader.docs.items() if r.source != "bank.md"]
    assert named_reports(reports.scoped(others), ["Why did Saeron Bank's delinquency rate rise?"]) == frozenset()


def test_a_transliterated_name_kiwi_splits_is_read_whole(tmp_path) -> None:
    # Kiwi reads "노스게이트" as 노스 + 게이트; the title holds "Northgate" whole
    retriever = hash_retriever(tmp_path, {**REPORTS, "northgate.md": "# Northgate Energy plc FY2024 results\n\n"
                                          "Net debt was 3.9 times EBITDA, within the target range.\n"})
    question = "노스게이트 에너지의 2024년 말 순부채는 EBITDA의 몇 배인가?"
    assert {retriever.reader.docs[d].source for d in named_reports(retriever, [question])} == {"northgate.md"}
