"""The grounding figures of an eval report and the ablation's verdicts."""

from __future__ import annotations

from bench.ablation import render, verdict
from eval.grounding import grounding, table


def _row(kind: str, *, correct: bool = False, abstained: bool = False, path: str = "llm", cited: bool = True) -> dict:
    return {"mode": "open", "type": kind, "correct": correct, "abstained": abstained, "path": path,
            "citations": [{"n": 1}] if cited and not abstained else []}


ROWS = [
    _row("fact", correct=True),
    _row("fact", correct=True, path="extractive-fallback"),
    _row("fact", path="extractive-fallback"),
    _row("fact", abstained=True, path="abstain"),  # a wrong refusal
    _row("refusal", abstained=True, path="abstain"),
    _row("refusal", path="llm"),  # answered, with a citation
    _row("refusal", path="llm", cited=False),
]


def test_grounding_counts_wrong_refusals_fabrications_and_quotes() -> None:
    g = grounding(ROWS)
    assert g["accuracy"] == 0.5 and g["wrong_refusals"] == 0.25
    assert g["refusal_precision"] == 0.5 and g["refusal_recall"] == 1 / 3
    assert (g["probes_answered"], g["probes_answered_cited"]) == (2, 1)
    assert g["quote_share"] == 2 / 5 and g["quotes_answering"] == 0.5
    assert "| run |" in table({"x": g}) and "2/3 (1)" in table({"x": g})


def test_a_rule_whose_removal_costs_nothing_on_the_test_split_does_not_earn_its_place() -> None:
    base = grounding(ROWS)
    fewer = grounding(ROWS[:-1] + [_row("refusal", abstained=True, path="abstain")])
    results = {"(none)": {"test": base}, "costly": {"test": grounding(ROWS[1:])}, "idle": {"test": fewer}}
    assert verdict(results) == {"costly": "keep", "idle": "does not help on test"}
    assert "| costly | test |" in render(results, ["test"])
