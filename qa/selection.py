"""The seam between retrieval and the prompt: which units of the retrieved passages the
model is shown, and whether the reports cover what the question asks at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from index.types import Hit
from qa.types import Evidence


@dataclass(frozen=True)
class Selection:
    evidence: tuple[Evidence, ...]
    # Hard constraints of the question (a year, a country, ...) that no evidence covers,
    # and what the reports do cover, said in the question's language.
    uncovered: tuple[str, ...] = ()
    coverage_note: str = ""


class Selector(Protocol):
    def select(self, question: str, hits: Sequence[Hit], rephrasings: Sequence[str] = ()) -> Selection: ...
