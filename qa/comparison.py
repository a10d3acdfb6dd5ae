"""A comparison answer as a small table: one row per thing compared, each cell a checked
sentence of the answer with its citation. The answer's text stays the record (every sentence
passed the support check); the table is another view of the same sentences, so it can say
nothing the text does not."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.citations import cited_numbers, strip_markers
from qa.grounding import sentences

# "A와 B", "A and B", "A vs B", "from A to B": the words either side of the joint.
_JOINT = re.compile(r"(?<=\w)(?:와|과)\s|\s(?:and|vs\.?|versus|to)\s", re.IGNORECASE)
_KO_PARTICLE = re.compile(r"(?:의|을|를|은|는|이|가|에서|으로|로)$")
_PUNCT = re.compile(r"[.,?!:;'\"()]+$")


@dataclass(frozen=True)
class Row:
    item: str
    cells: tuple[str, ...]  # sentences of the answer, each with its [n]

    @property
    def citations(self) -> tuple[int, ...]:
        return tuple(n for c in self.cells for n in cited_numbers(c))


def compared(question: str) -> list[str]:
    """The two things the question compares, as written in it: the word either side of "와/과"
    or "and" (two words each when both begin with a figure: "2024년 말과 2023년 말"); [] when
    none can be read."""
    joint = _JOINT.search(question)
    if not joint:
        return []
    before, after = question[:joint.start()].split(), question[joint.end():].split()
    if not before or not after:
        return []
    width = 2 if len(before) > 1 and len(after) > 1 and re.match(r"\d", before[-2]) and re.match(r"\d", after[0]) else 1
    items = [" ".join(before[-width:]), " ".join(after[:width])]
    items = [_KO_PARTICLE.sub("", _PUNCT.sub("", i)).strip() for i in items]
    return items if all(items) and items[0] != items[1] else []


def _key(item: str) -> str:
    """The word of an item most likely repeated in an answer: its number, else its longest word."""
    words = item.split()
    numbered = [w for w in words if re.search(r"\d", w)]
    return (numbered or sorted(words, key=len, reverse=True))[0].casefold()


def comparison_rows(question: str, text: str) -> list[Row]:
    """The answer's sentences grouped by the thing each names; [] unless both things are named."""
    items = compared(question)
    if not items:
        return []
    keys = [_key(i) for i in items]
    if keys[0] == keys[1]:
        return []
    cells: dict[int, list[str]] = {0: [], 1: []}
    for sentence in sentences(text):
        folded = strip_markers(sentence).casefold()
        hits = [k for k, key in enumerate(keys) if _KO_PARTICLE.sub("", key) in folded]
        if len(hits) == 1 and cited_numbers(sentence):
            cells[hits[0]].append(sentence)
    if not cells[0] or not cells[1]:
        return []
    return [Row(items[k], tuple(cells[k])) for k in (0, 1)]


def as_markdown(rows: list[Row], lang: str) -> str:
    """The rows as a Markdown table, a header in the answer's language."""
    if not rows:
        return ""
    head = "| 항목 | 보고서 내용 |" if lang == "ko" else "| Item | What the reports say |"
    lines = [head, "|---|---|"]
    lines += [f"| {r.item} | {' '.join(c.replace('|', '/') for c in r.cells)} |" for r in rows]
    return "\n".join(lines)
