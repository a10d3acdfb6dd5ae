"""Agreement statistics against hand-computed values, and the human-vs-automatic report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.errors import RagError
from eval.agreement import agreement, cohen_kappa, confusion, parse_label, spearman, verdict
from eval.human import ReferenceIndex, judge_row, run_human_eval

SPRI = "spri-global-large-scale-ai-models-2020-2023.txt"
EVIDENCE = "총 144개(누적)의 초거대 AI 모델이 출시되었음"
FACTS: list[dict[str, Any]] = [
    {"id": "total-ko", "question": "2020년부터 2023년까지 전 세계에 나온 초거대 AI 모델은 모두 몇 개인가요?",
     "language": "ko", "answers": ["144"], "source": SPRI, "evidence": EVIDENCE, "type": "fact"},
    {"id": "ref-en", "question": "How many large-scale AI models were released worldwide in 2019?",
     "language": "en", "answers": [], "source": None, "evidence": None, "type": "refusal"},
]

# Wikipedia's worked example: 50 proposals, A says yes to 25, B to 30; they agree on 20 yes, 15 no.
# p_o = 35/50 = 0.7, p_e = 0.5*0.6 + 0.5*0.4 = 0.5, kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
HUMAN = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
AUTO = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15


def test_kappa_matches_the_hand_computed_example() -> None:
    assert confusion(HUMAN, AUTO) == {"tp": 20, "fn": 5, "fp": 10, "tn": 15}
    assert cohen_kappa(HUMAN, AUTO) == pytest.approx(0.4)


@pytest.mark.parametrize(("human", "auto", "expected"), [
    ([1, 0, 1, 0], [1, 0, 1, 0], 1.0),
    ([1, 0, 1, 0], [0, 1, 0, 1], -1.0),
    ([1, 1, 0, 0], [1, 0, 1, 0], 0.0),  # agreement exactly at chance
    ([1, 1, 1], [1, 1, 1], None),  # one label everywhere: nothing to measure
    ([], [], None),
])
def test_kappa_edges(human: list[int], auto: list[int], expected: float | None) -> None:
    got = cohen_kappa(human, auto)
    assert got is None if expected is None else got == pytest.approx(expected)


def test_kappa_agrees_with_sklearn() -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    human = [1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0]
    auto = [1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1]
    assert cohen_kappa(human, auto) == pytest.approx(metrics.cohen_kappa_score(human, auto))


def test_spearman_against_hand_computed_values() -> None:
    # Ranks differ by d = (-1, 1, -1, 1, 0): rho = 1 - 6 * 4 / (5 * 24) = 0.8.
    rho, p = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    assert rho == pytest.approx(0.8) and p is not None and 0 < p < 1
    assert spearman([0.1, 0.2, 0.3], [1, 1, 1]) == (None, None)
    with pytest.raises(ValueError):
        spearman([1, 2], [1])


@pytest.mark.parametrize(("value", "label"), [
    (1, 1), (0, 0), (True, 1), ("up", 1), ("👍", 1), ("Correct", 1), ("down", 0), ("wrong", 0), ("0", 0),
])
def test_labels_in_every_spelling(value: object, label: int) -> None:
    assert parse_label(value) == label


def test_an_unknown_label_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown label"):
        parse_label("maybe")


@pytest.mark.parametrize(("n", "binary", "kappa", "rho", "p", "expected"), [
    (50, True, 0.65, None, None, "trust"), (50, True, 0.45, None, None, "use with care"),
    (50, True, 0.1, None, None, "do not trust"), (50, True, None, None, None, "cannot tell (one label only)"),
    (5, True, 0.9, None, None, "too few judgements"), (50, False, None, 0.6, 0.001, "trust"),
    (50, False, None, 0.6, 0.2, "do not trust"), (50, False, None, 0.35, 0.01, "use with care"),
    (50, False, None, -0.7, 0.001, "do not trust"),
])
def test_verdict_thresholds(n: int, binary: bool, kappa: float | None, rho: float | None, p: float | None,
                            expected: str) -> None:
    assert verdict(n, binary=binary, kappa=kappa, rho=rho, p=p) == expected


def test_agreement_leaves_out_items_the_signal_does_not_apply_to() -> None:
    result = agreement(HUMAN + [1, 0], AUTO + [None, None], binary=True)
    assert (result["n"], result["n_missing"]) == (50, 2)
    assert result["kappa"] == pytest.approx(0.4) and result["accuracy"] == pytest.approx(0.7)
    assert result["verdict"] == "use with care"  # 0.4 is the boundary, and counts


# --- judged answers -------------------------------------------------------------------


def _judged(question: str, answer: str, label: object, **extra: object) -> dict:
    return {"question": question, "answer": answer, "label": label, "citations": [], **extra}


def test_a_judged_answer_finds_its_facts_item_even_typed_differently() -> None:
    refs = ReferenceIndex(FACTS)
    typed = "2020년부터 2023년까지  전세계에 나온 초거대 AI모델은 모두 몇개 인가요"
    row = judge_row(_judged(typed, "144개입니다 [1].", "up", path="llm", evidence_score=0.8,
                            citations=[{"source": SPRI, "quote": EVIDENCE}]), refs)
    assert row["item_id"] == "total-ko" and row["reference_from"] == "facts"
    assert (row["answer_match"], row["citation_correct"], row["verified"]) == (1, 1, 1)
    assert row["evidence_score"] == 0.8 and row["evidence_above_threshold"] == 1
    # Another year is another question, however similar the text.
    assert refs.find(typed.replace("2023", "2022")) is None


def test_refusal_items_verification_paths_and_evidence_lists() -> None:
    refs = ReferenceIndex(FACTS)
    refused = judge_row(_judged(FACTS[1]["question"], "The reports do not say.", 1, path="abstain",
                                evidence=[{"n": 1, "text": "x", "score": 0.3}]), refs)
    assert (refused["answer_match"], refused["citation_correct"], refused["verified"]) == (1, None, 0)
    assert refused["evidence_score"] == 0.3 and refused["evidence_above_threshold"] == 0
    fallback = judge_row(_judged("unknown question?", "x", 0, path="extractive-fallback"), refs)
    assert (fallback["answer_match"], fallback["verified"], fallback["reference_from"]) == (None, 0, "none")
    declined = judge_row(_judged("unknown?", "x", 0, path="llm", abstained=True), refs)
    extractive = judge_row(_judged("unknown?", "x", 0, path="extractive"), refs)
    assert (declined["verified"], extractive["verified"]) == (0, None)


def test_a_users_correction_is_not_a_reference_but_a_given_reference_is() -> None:
    refs = ReferenceIndex(FACTS)
    corrected = judge_row(_judged("Who made KoGPT?", "Naver", "down", correction="Kakao Brain"), refs)
    assert corrected["answer_match"] is None and corrected["reference_from"] == "correction only"
    given = judge_row(_judged("Who made KoGPT?", "Kakao Brain made it", "up", reference="Kakao Brain"), refs)
    assert given["answer_match"] == 1 and given["reference_from"] == "reference"


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_run_human_eval_writes_the_report_and_names_what_to_trust(tmp_path: Path) -> None:
    facts = _write_jsonl(tmp_path / "facts.jsonl", FACTS)
    q = FACTS[0]["question"]
    records = []
    for i in range(12):
        right = i % 3 != 0
        # The answer match agrees with the humans; "verified" says yes every time: chance level.
        records.append(_judged(q, "144개" if right else "150개", "up" if right else "down", path="llm",
                               evidence_score=0.5 + (0.3 if right else 0.0) + i / 100, id=i))
    records.append(_judged("Who made KoGPT?", "Naver", "down", correction="Kakao Brain", path="llm"))
    result = run_human_eval(_write_jsonl(tmp_path / "fb.jsonl", records), tmp_path / "out", facts_paths=[facts])
    signals = result["summary"]["signals"]
    assert signals["answer_match"]["kappa"] == pytest.approx(1.0) and signals["answer_match"]["n"] == 12
    assert signals["answer_match"]["verdict"] == "trust" and "answer_match" in result["summary"]["trust"]
    assert signals["verified"]["kappa"] == pytest.approx(0.0) and signals["verified"]["verdict"] == "do not trust"
    assert signals["verified"]["accuracy"] == pytest.approx(8 / 13)  # often agrees, and means nothing
    assert signals["evidence_score"]["spearman"] > 0.8 and signals["evidence_score"]["verdict"] == "trust"
    assert result["summary"]["references"]["correction only"] == 1
    paths = result["paths"]
    assert {p.suffix for p in paths.values()} == {".md", ".json", ".png"} and paths["png"].stat().st_size > 10_000
    md = paths["md"].read_text(encoding="utf-8")
    assert "## Which automatic signal to trust" in md and "- **Trust**: answer match (κ 1.00 over 12" in md
    assert "left out" in md and f"]({paths['png'].name})" in md
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["summary"]["n"] == 13


def test_run_human_eval_names_the_bad_judgement(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "fb.jsonl", [_judged("q?", "a", "up"), _judged("q?", "a", "meh")])
    with pytest.raises(RagError, match="judgement 2: unknown label"):
        run_human_eval(path, tmp_path / "out", facts_paths=[])
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(RagError, match="holds no judgements"):
        run_human_eval(tmp_path / "empty.jsonl", tmp_path / "out", facts_paths=[])
