"""Korean-aware sentence splitting over text whose lines may be hard-wrapped.

Korean reports end sentences with "다." but also write bullet lines in nominal style
("...출시되었음", "...증가함") without a full stop, so a line break is a boundary when
the line ends like a sentence or the next line opens a new block. Any other break is a
soft wrap of the PDF's layout ("...활용되고 있었" / "는데, 특히 ...") and is joined first.
"""

from __future__ import annotations

import re

from ingest.korean import auxiliary_follows, ends_mid_sentence, ends_with_final_ending, glued_across

# Split after sentence punctuation followed by space, but not inside numbers ("226.1"),
# common abbreviations ("et al.", "e.g.") or Korean dates ("2021. 1. 15. 발간"): after a
# digit and a full stop, only a non-Hangul word (English "83. The") starts a sentence.
_BOUNDARY = re.compile(
    r"(?<=[.!?。])(?<!\bal\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bNo\.)"
    r"(?:(?<!\d\.)\s+(?=\S)|(?<=\d\.)\s+(?=[^\s\d가-힣]))"
)
CAPTION = re.compile(
    r"^(?:\[(?:표|그림|Table|Figure)\s*[\d-]+\]|<(?:표|그림)\s*[\d-]+>|(?:Table|Figure)\s+\d+[.:])",
    re.IGNORECASE,
)
# Bullets (blog exports use ": " and "+ "; "·문화" is a middle dot, not a bullet), numbered
# items ("1.", "(2)", "가.", "①", "II.").
LIST_MARKER = re.compile(
    r"^(?:[•◦○●▪■□◆◇▶▷※]+\s*|[-–·∙*+:>]+\s+|\d{1,2}[.)]\s+|\(\d{1,2}\)\s*|[①-⑳]\s*|[가-하][.)]\s+|[IVX]{1,5}\.\s+)"
)
_CLOSER = re.compile(r"^[.,!?;)\]」』’”%]")
_HEADING = re.compile(r"^#{1,6}\s")
_UNIT_NOTE = re.compile(r"^[(\[]\s*(?:단위|unit)\s*[:：]", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?。…:;][\"'’”)\]」』>]*$")
# A PDF line wraps once it is full; a short line that stops without a sentence end is a
# title or a label (slides are full of them), not half a sentence.
WRAP_MIN_CHARS = 30


def split_sentences(text: str) -> list[str]:
    """Return sentences in order; table rows (lines with tabs) are kept whole."""
    return [s for line in join_wrapped_lines(text) for s in split_line(line)]


def join_wrapped_lines(text: str) -> list[str]:
    """Non-empty stripped lines, with soft-wrapped lines joined back into one."""
    out: list[str] = []
    prev = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            prev = ""  # a blank line ends the paragraph
            continue
        glue = wrap_glue(prev, line) if prev else None
        if glue is not None:
            out[-1] = prev = out[-1] + glue + line
            continue
        out.append(line)
        prev = line
    return out


def split_line(line: str) -> list[str]:
    """Sentences of one (joined) line; a table row stays whole."""
    if "\t" in line:
        return [line.strip()]
    return [part.strip() for part in _BOUNDARY.split(line) if part.strip()]


def soft_wrap(prev: str, line: str) -> bool:
    """Whether the break between ``prev`` and ``line`` is layout, not structure."""
    return wrap_glue(prev, line) is not None


def wrap_glue(prev: str, line: str) -> str | None:
    """How ``line`` joins ``prev`` across a soft wrap ("" inside a word, else " "), or None
    when the break is structure. Adds to ``continuation`` the layout rule: a full line that
    stops without a sentence end wrapped."""
    glue = continuation(prev, line)
    if glue is not None:
        return glue
    if len(prev) < WRAP_MIN_CHARS or _structural(prev, line) or _ENDS_SENTENCE.search(prev):
        return None
    return None if opens_block(line) or ends_with_final_ending(prev) else " "


def continuation(prev: str, line: str) -> str | None:
    """How ``line`` continues ``prev`` when it plainly starts mid-word or mid-sentence
    (the glue: "" inside a word, else " "), or None when it may start anew."""
    if _structural(prev, line):
        return None
    if _CLOSER.match(line):
        return ""  # "급증했다" / ".": punctuation never opens a line
    if _ENDS_SENTENCE.search(prev) or len(prev) < WRAP_MIN_CHARS // 2:
        return None  # a short line is a title or a table cell, whatever its last word
    if glued_across(prev, line):
        return ""  # a word cut in two: "있었" / "는데", "그러" / "나", "않았" / "다."
    if opens_block(line):
        return None
    if ends_with_final_ending(prev):
        return " " if auxiliary_follows(prev, line) else None  # "높지" is final until "않음" follows
    if _hyphenated(prev, line):
        return ""
    return " " if line[0].islower() or ends_mid_sentence(prev) else None


def _structural(prev: str, line: str) -> bool:
    return "\t" in prev or "\t" in line or bool(_HEADING.match(prev) or CAPTION.match(prev))


def opens_block(line: str) -> bool:
    """A list item, heading, caption or unit note starts on its own line, never as a wrap."""
    return bool(LIST_MARKER.match(line) or _HEADING.match(line) or CAPTION.match(line) or _UNIT_NOTE.match(line))


def _hyphenated(prev: str, line: str) -> bool:
    # "inter-" / "national": the hyphen was the break; keep it and add no space.
    return prev.endswith("-") and prev[-2:-1].isalpha() and line[:1].islower()
