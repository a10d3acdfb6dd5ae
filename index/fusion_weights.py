"""Fusion weights as data: a prior per retriever for each pairing of question language and
the language of the passages the question meets, and how much agreement counts. Fitted on
tune splits by `python -m eval.fusion_fit`; index/fusion_weights.json records how."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("fusion_weights.json")


@dataclass(frozen=True)
class FusionWeights:
    """``cells`` maps "en>ko" (an English question meeting Korean passages) to retriever
    priors; a bare language ("en") is the fallback for a pairing the tune split lacked."""

    cells: Mapping[str, Mapping[str, float]]
    agreement: float = 0.0
    fitted: Mapping[str, object] = field(default_factory=dict)

    def prior(self, question_lang: str, passage_lang: str) -> Mapping[str, float]:
        """A missing retriever counts as weight 1 in fusion, as before."""
        return self.cells.get(f"{question_lang}>{passage_lang}") or self.cells.get(question_lang) or {}

    def question_prior(self, question_lang: str) -> Mapping[str, float]:
        """The priors for a question whose passages are not yet seen (fusion in the engine)."""
        return self.cells.get(question_lang) or {}

    def to_json(self) -> dict:
        return {"agreement": self.agreement, "cells": {k: dict(v) for k, v in self.cells.items()},
                "fitted": dict(self.fitted)}


def load_fusion_weights(path: Path = WEIGHTS_FILE) -> FusionWeights:
    data = json.loads(path.read_text(encoding="utf-8"))
    return FusionWeights(data["cells"], float(data.get("agreement", 0.0)), data.get("fitted", {}))


def passage_language(languages: Iterable[str], default: str) -> str:
    """The language most of the top passages are in; ``default`` (the question's) on a tie
    or when their reports' languages are unknown. English questions over English reports
    want BM25 and e5; over Korean reports only the cross-lingual USE ranking is reliable."""
    counts = Counter(lang for lang in languages if lang)
    if not counts:
        return default
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return default
    return ranked[0][0]


def as_fusion_weights(weights: FusionWeights | Mapping[str, Mapping[str, float]] | None) -> FusionWeights:
    """The shipped weights, or the ones given (a plain {language: priors} map keeps the
    per-language behaviour without agreement, which is how bench "before" runs)."""
    if weights is None:
        return load_fusion_weights()
    if isinstance(weights, FusionWeights):
        return weights
    return FusionWeights(weights)
