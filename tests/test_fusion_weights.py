"""Fusion weights as fitted data: agreement between rankings, priors per question language and
the language of the passages it meets, and the fit that chooses them (eval/fusion_fit.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fakes import DATA, HashEmbedder, write_corpus

from eval.fusion_fit import fit, fused_rank, ranks
from index.build import ingest_paths
from index.fusion import agreement_weights, fuse
from index.fusion_weights import (
    FusionWeights,
    as_fusion_weights,
    load_fusion_weights,
    passage_language,
)
from index.lexical import tokenize
from index.retriever import FUSION_WEIGHTS, HybridRetriever, IndexReader


def test_a_first_result_another_ranking_holds_gains_weight() -> None:
    rankings = {"e5": [1, 2, 3], "bm25": [4, 1, 5], "use": [6, 7, 8]}
    weights = agreement_weights(rankings, {"e5": 1.0, "bm25": 1.0, "use": 1.0}, strength=2.0)
    assert weights == {"e5": 2.0, "bm25": 1.0, "use": 1.0}  # e5's 1 is in bm25's top 3: half the others agree
    assert agreement_weights(rankings, {"e5": 0.5}, strength=0.0) == {"e5": 0.5}
    assert agreement_weights({"bm25": [1]}, {"bm25": 1.0}, strength=2.0) == {"bm25": 1.0}


def test_agreement_can_put_the_passage_two_retrievers_share_first() -> None:
    # e5 is sure of 1, alone; BM25 and USE, each unsure, both put 4 first.
    scored = {"e5": [(1, 1.0), (2, 0.1), (3, 0.0)], "bm25": [(4, 1.0), (5, 0.9), (6, 0.0)],
              "use": [(4, 1.0), (8, 0.9), (9, 0.0)]}
    prior = {"e5": 1.0, "bm25": 1.0, "use": 0.5}
    plain, _ = fuse(scored, prior)
    agreed, weights = fuse(scored, prior, agreement=2.0)
    assert plain[0][0] == 1 and agreed[0][0] == 4
    assert weights == pytest.approx({"e5": 1.4, "bm25": 1.2, "use": 0.6})
    single, weights = fuse({"bm25": [(3, 1.0)]}, {"bm25": 0.0})
    assert single[0][0] == 3 and weights == {"bm25": 1.0}  # one retriever alone always counts


@pytest.mark.parametrize(("langs", "default", "met"), [
    (["en", "en", "ko"], "ko", "en"), (["ko", "en"], "en", "en"), ([], "ko", "ko"), (["", ""], "en", "en"),
])
def test_the_passage_language_is_the_majority_of_the_top_passages(langs: list[str], default: str, met: str) -> None:
    assert passage_language(langs, default) == met


def test_a_pairing_without_priors_falls_back_to_the_question_language() -> None:
    weights = FusionWeights({"en>en": {"bm25": 1.0}, "en": {"bm25": 0.01}})
    assert weights.prior("en", "en") == {"bm25": 1.0}
    assert weights.prior("en", "ko") == {"bm25": 0.01}
    assert weights.prior("ko", "ko") == {}  # every retriever at 1
    assert as_fusion_weights(FUSION_WEIGHTS).prior("en", "en") == FUSION_WEIGHTS["en"]


def test_the_shipped_weights_say_how_they_were_fitted() -> None:
    weights = load_fusion_weights()
    assert {"ko", "en"} <= set(weights.cells) and weights.agreement >= 0
    assert "eval.fusion_fit" in weights.fitted["by"] and weights.fitted["sets"]
    assert all(weights.cells[c] for c in weights.cells)


def _record(set_name: str, right: int, a: list[int], b: list[int], sure: str) -> dict:
    """Retrievers a and b rank disjoint rows; the ``sure`` one's first result stands out."""
    steep, flat = [1.0, 0.1, 0.0], [1.0, 0.9, 0.0]
    return {"id": f"{set_name}-{right}", "set": set_name, "language": "ko", "met": "ko", "right": [right],
            "scored": {"a": list(zip(a, steep if sure == "a" else flat)),
                       "b": list(zip(b, steep if sure == "b" else flat))}}


def test_the_fit_weighs_up_the_retriever_that_is_right_unless_another_set_loses() -> None:
    # Set x: a is right but b is surer, so equal weights pick b's wrong row; weighing b down
    # fixes x. Set y: b is right and surer; weighing b down that far breaks it.
    x = [_record("x", n, [n, n + 1, n + 2], [n + 10, n + 11, n + 12], sure="b") for n in (100, 200, 300)]
    y = [_record("y", 5, [1, 2, 3], [5, 6, 7], sure="b")]
    first = lambda weights, records: [r == 1 for r in ranks(records, fused_rank(weights))]
    equal = FusionWeights({"ko": {"a": 1.0, "b": 1.0}})
    assert first(equal, x) == [False] * 3 and first(equal, y) == [True]
    free = fit(x + y, guarded=False)
    assert first(free, x) == [True] * 3 and first(free, y) == [False] and free.cells["ko"]["b"] < 1.0
    guarded = fit(x + y)
    assert first(guarded, y) == [True]  # no tune set may lose to the old priors


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexReader]:
    root = tmp_path_factory.mktemp("fusion-weights")
    write_corpus(root / "corpus")
    shutil.copy(DATA / "english_report.pdf", root / "corpus" / "english_report.pdf")
    ingest_paths([root / "corpus"], root / "idx", HashEmbedder())
    opened = IndexReader.open(root / "idx")
    yield opened
    opened.close()


@pytest.mark.parametrize(("question", "met"), [
    ("What offshore wind capacity was installed?", "en"),
    ("2024년 반도체 수출액은 얼마인가?", "ko"),
])
def test_the_retriever_weighs_by_the_language_the_question_meets(reader: IndexReader, question: str, met: str) -> None:
    cells = {"en>en": {"bm25": 1.0}, "en>ko": {"bm25": 0.01}, "ko>ko": {"bm25": 0.5}, "ko>en": {"bm25": 0.25}}
    retriever = HybridRetriever(reader, HashEmbedder(), weights=FusionWeights(cells))
    rankings = {"bm25": [row for row, _ in reader.lexical.search(tokenize(question), 10)]}
    lang = "en" if question.isascii() else "ko"
    assert retriever.met_language(lang, rankings) == met
    assert retriever.prior_for(question, rankings) == cells[f"{lang}>{met}"]
    assert retriever.retrieve(question, 3)
