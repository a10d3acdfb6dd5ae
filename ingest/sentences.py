"""Korean-aware sentence splitting.

Korean reports end sentences with "다." but also write bullet lines in nominal style
("...출시되었음", "...증가함") without a full stop, so a line break is a boundary too.
"""

from __future__ import annotations

import re

# Split after sentence punctuation followed by space, but not inside numbers ("226.1"),
# common abbreviations ("et al.", "e.g.") or Korean dates ("2021. 1. 15. 발간"): after a
# digit and a full stop, only a non-Hangul word (English "83. The") starts a sentence.
_BOUNDARY = re.compile(
    r"(?<=[.!?。])(?<!\bal\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bNo\.)"
    r"(?:(?<!\d\.)\s+(?=\S)|(?<=\d\.)\s+(?=[^\s\d가-힣]))"
)


def split_sentences(text: str) -> list[str]:
    """Return sentences in order; table rows (lines with tabs) are kept whole."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if "\t" in line:
            out.append(line)
            continue
        for part in _BOUNDARY.split(line):
            if part.strip():
                out.append(part.strip())
    return out
