"""Every rule of selection, verification and refusal by name, so that each can be switched
off for the ablation table (`python -m bench.ablation`). A rule that does not earn its place
there is deleted, not left switched off."""

from __future__ import annotations

import os

RULES = (
    "gate",  # the answerability gate: no passage carries the question's key terms -> refuse
    "support",  # each sentence kept only where a shown unit supports it, cited by that unit
    "quote-check",  # a quote after the model failed is shown only when it holds what was asked
    "abstain-floor",  # the best unit's score under ABSTAIN_BELOW -> refuse
    "states-everything",  # a first refusal overridden when the best unit names everything asked
    "held-elsewhere",  # a retry's refusal overridden when the problems point at one shown unit
    "year-scan",  # a year no retrieved passage names is looked for across the whole index
    "subject-checks",  # verification's subject, counted-thing, version and other-name checks
    "table-cells",  # verification's asked-cell and cell-period checks
    "comparison",  # a comparison answered with the losing side is settled by its figures
    "retry-passage",  # a retry pointed at one unit sees that unit's whole passage
)


def enabled(rule: str) -> bool:
    """False when RAGQA_ABLATE names the rule (comma-separated)."""
    assert rule in RULES, rule
    return rule not in {r.strip() for r in os.environ.get("RAGQA_ABLATE", "").split(",")}
