"""Which one report a question is about, when it is about a whole report ("이 보고서를
요약해줘", "Summarize the Riverton review"): the only report in scope, the one whose title,
file name or publisher the question names, or the one nearly all its passages come from."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

from index.store import DocRecord
from index.types import Hit

# Title words a question must share with one report and no more with another: one shared
# word ("AI", "2024", "보고서") names a topic, two name a report.
MIN_TITLE_WORDS = 2
# Share of the question's top passages that must come from one report for it to be the one meant.
PASSAGE_SHARE = 0.7
TOP_PASSAGES = 10


_PLURAL = re.compile(r"(?:보고서|문서|자료|리포트)들|\b(?:reports|documents|papers)\b", re.IGNORECASE)


class Reports(Protocol):
    """What finding the report needs of a retriever: the reports it ranks within, and a search."""

    def candidates(self, query: str, k: int = 5) -> list[Hit]: ...


def _words(text: str) -> set[str]:
    from index.lexical import tokenize  # Kiwi: loaded on first use

    # file names join their words with - and _
    return {t for t in tokenize(re.sub(r"[-_./]+", " ", text)) if len(t) > 1}


def named_report(question: str, docs: Sequence[DocRecord]) -> str | None:
    """The report whose title, file name or publisher holds the most of the question's
    words, when that is at least MIN_TITLE_WORDS and more than any other holds."""
    asked = _words(question)
    held = sorted(((len(asked & _words(f"{d.title} {d.source} {d.publisher}")), d.doc_id) for d in docs),
                  reverse=True)
    if not held or held[0][0] < MIN_TITLE_WORDS or (len(held) > 1 and held[1][0] == held[0][0]):
        return None
    return held[0][1]


def target_report(question: str, docs: Mapping[str, DocRecord], scope: Collection[str] | None,
                  retriever: Reports) -> str | None:
    """The doc id of the one report ``question`` is about, or None when it may span several."""
    within = [d for d in docs.values() if not scope or d.doc_id in scope]
    if len(within) == 1:
        return within[0].doc_id
    if (named := named_report(question, within)) is not None:
        return named
    if _PLURAL.search(question):
        return None  # "보고서들의 주요 내용", "the reports": several are meant, whichever ranks first
    hits = retriever.candidates(question, TOP_PASSAGES)[:TOP_PASSAGES]
    if not hits:
        return None
    doc, count = Counter(h.chunk.doc_id for h in hits).most_common(1)[0]
    return doc if count / len(hits) >= PASSAGE_SHARE else None
