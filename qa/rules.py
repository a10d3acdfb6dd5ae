"""Every rule of selection, verification and refusal by name, so that each can be switched
off for the ablation table (`python -m bench.ablation`). A rule that does not earn its place
there is deleted, not left switched off (deleted after the 2026-12-05 ablation: the score floor,
the best-unit override of a first refusal, the whole-index year scan and the settled comparison)."""

from __future__ import annotations

import os

RULES = (
    "gate",  # the answerability gate: no passage carries the question's key terms -> refuse
    "support",  # each sentence kept only where a shown unit supports it, cited by that unit
    "quote-check",  # a quote after the model failed is shown only when it holds what was asked
    "held-elsewhere",  # a retry's refusal overridden when the problems point at one shown unit
    "subject-checks",  # verification's subject, counted-thing, version and other-name checks
    "table-cells",  # verification's asked-cell and cell-period checks
    "retry-passage",
    "long-form-passages",
    "report-summary",  # a summary of one whole report is written from key sentences of all its parts  # a list, comparison, explanation or summary is written from whole passages
    "pair-support",  # a sentence no one unit supports kept when two units of one report do  # a retry pointed at one unit sees that unit's whole passage
)


def enabled(rule: str) -> bool:
    """False when RAGQA_ABLATE names the rule (comma-separated)."""
    assert rule in RULES, rule
    return rule not in {r.strip() for r in os.environ.get("RAGQA_ABLATE", "").split(",")}
