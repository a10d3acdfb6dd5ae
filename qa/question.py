"""A question read once: its phrasings (the question and its renderings), its language and
its constraints, for the gate, the support check and the quote check alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa.constraints import Constraints, covers_kind, read_constraints
from qa.support import Coverage, holds_focus, is_korean, question_coverage


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    phrasings: tuple[str, ...]  # the question first, then its renderings
    constraints: Constraints

    @classmethod
    def parse(cls, text: str, language: str, renderings: Sequence[str] = ()) -> Question:
        phrasings = (text, *[r for r in renderings if r and r != text])
        return cls(text, language, phrasings, read_constraints(" ".join(phrasings)))

    def coverage(self, sources: Sequence[str]) -> Coverage:
        """Whether ``sources`` hold this question's key terms (qa.support.question_coverage)."""
        return question_coverage(self.phrasings, sources)

    def answered_by(self, source: str, unit: str) -> bool:
        """Whether a unit (read with its ``source``: passage, heading, title) holds what is
        asked: the question's key terms, and a figure of the kind asked when one is."""
        kind = self.constraints.kind
        # what is asked is compared in the source's script: the rendering speaks for an English question
        same = [p for p in self.phrasings if is_korean(p) == is_korean(source)]
        return (self.coverage([source]).covered and (not kind or covers_kind(unit, kind))
                and (not same or any(holds_focus(p, source) for p in same)))
