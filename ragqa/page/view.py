"""What the chat page shows for an answer as it happens: a one-line progress trail, the
evidence at once, the model's text as a draft being checked, then the answer (or why the
draft was set aside), and the sources as cards. HTML strings only, no Gradio, so it is
testable without a browser and ui.py stays wiring.

A message is one HTML block with no blank line in it: the chat renders Markdown, and an
HTML block is left alone until a blank line ends it. All report and model text is escaped."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import IndexStateError, ModelError, RagError
from index.build import IngestReport
from qa.answer import Assistant
from qa.comparison import comparison_rows
from qa.events import EvidenceReady, Final, Progress, Reset, Token
from qa.form import answer_form
from qa.generators.extractive import quote_of
from qa.types import Answer, AnswerPath, location
from ragqa.page.blocks import blocks_html, table_html
from ragqa.page.sources import PageImage, card_id, esc, source_cards
from ragqa.page.text import TEXT, t

log = logging.getLogger("ragqa.ui")

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+>]|\d+[.)])(?=\s)", re.MULTILINE)
_MARKER = re.compile(r"\[(\d+)\]")
_NOTE = {AnswerPath.LLM_RETRY: "retry", AnswerPath.EXTRACTIVE_FALLBACK: "fallback", AnswerPath.ABSTAIN: "abstain_after"}
_ACCORDING = {"ko": "{n}에 따르면: ", "en": "According to {n}: "}
_WRITTEN = (AnswerPath.LLM, AnswerPath.LLM_RETRY)


def as_text(text: str) -> str:
    """Text for a Markdown surface (the user's own message, upload summaries): shown literally."""
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


@dataclass
class TurnView:
    """One assistant message while its answer streams. ``turn`` keeps its card ids apart
    from other messages'; ``lang`` is the page's language, not the question's."""

    turn: int
    lang: str
    rewrite: str = ""
    evidence: Answer | None = None
    draft: str = ""
    note: str = ""  # a catalog key: why the streamed draft was set aside
    problems: tuple[str, ...] = ()  # what verification found wrong with it (ProblemKind values)
    retrying: bool = False
    final: Answer | None = None
    covers: Sequence[str] = field(default_factory=tuple)  # the indexed reports' titles
    progress: str = ""  # "2/4": the model passes a long answer (a report's summary) has done


def _ms(value: float | None) -> str:
    if value is None:
        return ""
    return f" {value:.0f} ms" if value < 1000 else f" {value / 1000:.1f} s"


def trail(v: TurnView) -> str:
    """검색 → 근거 → 작성 → 검증 ✓, with each stage's time once the answer is final."""
    s = lambda key, ms=None, cls="": (cls, t(v.lang, key) + _ms(ms))  # noqa: E731
    a = v.final
    if a is None:
        if v.evidence is None:
            steps = [s("step_search", cls="now")]
        else:
            steps = [s("step_search", cls="done"), s("step_evidence", cls="done"),
                     s("step_rewriting" if v.retrying else "step_writing", cls="now")]
            if v.progress:
                steps[-1] = (steps[-1][0], steps[-1][1] + f" {v.progress}")
    else:
        ms = a.timings_ms
        search, select = ms.get("retrieve"), ms.get("select")
        evidence = select - search if select is not None and search is not None else None
        written = s("step_writing", ms.get("generate"), "done")
        if ms.get("first_token") is not None:
            written = (written[0], written[1] + f" ({t(v.lang, 'first_token')}{_ms(ms['first_token'])})")
        if a.path is AnswerPath.CLOSED_BOOK:
            steps = [written]
        elif a.abstained and a.path is AnswerPath.ABSTAIN:
            steps = [s("step_search", search, "done"), s("step_none", cls="bad"), s("step_refused", cls="bad")]
        elif a.abstained:
            steps = [s("step_search", search, "done"), s("step_evidence", evidence, "done"), written,
                     s("step_refused", cls="bad")]
        elif a.path is AnswerPath.EXTRACTIVE:
            steps = [s("step_search", search, "done"), s("step_evidence", evidence, "done"),
                     s("step_no_model", cls="ok")]
        elif a.path is AnswerPath.EXTRACTIVE_FALLBACK:
            steps = [s("step_search", search, "done"), s("step_evidence", evidence, "done"), written,
                     s("step_failed", cls="bad"), s("step_quoted", cls="ok")]
        else:
            steps = [s("step_search", search, "done"), s("step_evidence", evidence, "done"), written,
                     s("step_checked", cls="ok")]
        if ms.get("total") is not None:
            steps[-1] = (steps[-1][0], steps[-1][1] + f" · {t(v.lang, 'total')}{_ms(ms['total'])}")
    spans = " → ".join(f'<span class="step {cls}">{esc(text)}</span>' for cls, text in steps)
    return f'<p class="trail">{spans}{" …" if a is None else ""}</p>'


def answer_html(answer: Answer, turn: int) -> str:
    """The answer's words as paragraphs and lists, each [n] a link to its source card, and a
    comparison's sentences as a table too; an answer that quotes one unit is framed in the
    question's language ("According to [1]: …")."""
    cited = {c.n for c in answer.citations}
    if (answer.path in (AnswerPath.EXTRACTIVE, AnswerPath.EXTRACTIVE_FALLBACK)
            and len({c.n for c in answer.citations}) == 1):
        c = answer.citations[0]
        # the quote as the answer gives it: the unit with the sentence it leans on (qa.continuation)
        quoted = quote_of(answer.text)
        quote = quoted if quoted and c.quote.strip() in quoted else c.quote
        text = _ACCORDING.get(answer.language, _ACCORDING["en"]).format(n=f"[{c.n}]") + f"“{quote.strip()}”"
    else:
        text = answer.text

    def link(escaped: str) -> str:
        return _MARKER.sub(lambda m: (f'<a class="cite" href="#{card_id(turn, m[1])}">[{m[1]}]</a>'
                                      if int(m[1]) in cited else m[0]), escaped)

    rows = comparison_rows(answer.question, answer.text) if answer_form(answer.question) == "comparison" else []
    return blocks_html(text, link) + table_html(rows, link, answer.language)


def _refusal_card(v: TurnView, a: Answer) -> str:
    lang = v.lang
    best = {}
    for ev in a.evidence:
        best.setdefault(ev.hit.chunk.chunk_id, ev.text)
    items = []
    for hit in a.hits[:3]:
        snippet = best.get(hit.chunk.chunk_id) or hit.chunk.text
        snippet = snippet if len(snippet) <= 180 else snippet[:177] + "…"
        place = location(hit.chunk.page, hit.chunk.section)
        items.append(f"<li><b>{esc(hit.title or hit.source)}</b>{' · ' + esc(place) if place else ''}: "
                     f"{esc(snippet)}</li>")
    closest = f'<p class="label">{esc(t(lang, "closest"))}</p><ul>{"".join(items)}</ul>' if items else ""
    covers = ", ".join(esc(title) for title in v.covers)
    covered = f'<p class="label">{esc(t(lang, "covers"))}</p><p>{covers}</p>' if covers else ""
    return (f'<div class="refusal-card"><p class="card-title">{esc(t(lang, "refusal_title"))}</p>'
            f"<p>{esc(a.text)}</p>{closest}{covered}</div>")


def render(v: TurnView, page_image: PageImage | None = None) -> str:
    parts = [trail(v)]
    if v.rewrite:
        parts.append(f'<p class="rewrite">{esc(t(v.lang, "rewrite", q=v.rewrite))}</p>')
    if v.note:
        why = ", ".join(t(v.lang, f"problem_{kind}") for kind in v.problems if f"problem_{kind}" in TEXT["en"])
        why = f' <span class="why">({esc(why)})</span>' if why else ""
        parts.append(f'<p class="note">{esc(t(v.lang, v.note))}{why}</p>')
    a = v.final
    if a is not None and a.abstained:
        parts.append(_refusal_card(v, a))
        state = "refusal"
    elif a is not None:
        parts.append(f'<div class="answer-text">{answer_html(a, v.turn)}</div>')
        parts.append(source_cards(a, v.turn, v.lang, page_image))
        state = "fallback" if a.path is AnswerPath.EXTRACTIVE_FALLBACK else "final"
    else:
        state = "pending"
        if v.evidence is not None:
            state = "drafting"
            parts.append(f'<div class="evidence-box"><span class="badge">{esc(t(v.lang, "evidence"))}</span>'
                         f"{answer_html(v.evidence, v.turn)}</div>")
        if v.draft:
            parts.append(f'<div class="draft-box"><span class="badge">{esc(t(v.lang, "draft"))}</span>'
                         f'<p class="draft-text">{esc(v.draft)}</p></div>')
        if v.evidence is not None:
            parts.append(source_cards(v.evidence, v.turn, v.lang, page_image))
    return f'<div class="turn {state}" lang="{v.lang}">{"".join(parts)}</div>'


def chat_events(assistant: Assistant, question: str, standalone: str, k: int, *, turn: int = 1, lang: str = "ko",
                covers: Sequence[str] = (), page_image: PageImage | None = None
                ) -> Iterator[tuple[str, Answer | None]]:
    """The assistant message after each answer event, and the answer once it is final."""
    v = TurnView(turn, lang, rewrite=standalone if standalone != question else "", covers=tuple(covers))
    yield render(v), None
    for event in assistant.stream(standalone, k=k):
        match event:
            case EvidenceReady(answer=quoted):
                v.evidence = quoted
                yield render(v, page_image), None
            case Token(text=text):
                v.draft += text
                yield render(v, page_image), None
            case Progress(done=done, total=total):
                v.progress = f"{done}/{total}"
                yield render(v, page_image), None
            case Reset(problems=problems, then=then):
                v.draft, v.note, v.retrying = "", _NOTE[then], then is AnswerPath.LLM_RETRY
                v.problems = tuple(dict.fromkeys(p.kind.value for p in problems))
                yield render(v, page_image), None
            case Final(answer=answer, replaces_stream=replaces):
                if not replaces and v.note == "retry":
                    v.note, v.problems = "", ()  # the second try passed: nothing was set aside in the end
                v.final, v.draft = answer, ""
                yield render(v, page_image), answer


def report_summary(report: IngestReport, lang: str = "ko") -> str:
    """Per-file result of an upload, as Markdown."""
    counts = [("added", report.added), ("updated", report.updated), ("unchanged", report.skipped),
              ("duplicate", report.duplicates), ("failed", report.failed)]
    lines = [" · ".join(f"**{t(lang, key)}**: {len(items)}" for key, items in counts)]
    lines += [f"- {as_text(name)}: {t(lang, 'added')}" for name in report.added]
    lines += [f"- {as_text(name)}: {t(lang, 'updated')}" for name in report.updated]
    lines += [f"- {as_text(t(lang, 'duplicate_of', name=Path(p).name, twin=twin))}" for p, twin in report.duplicates]
    lines += [f"- {as_text(t(lang, 'failed_file', name=Path(p).name, reason=r))}" for p, r in report.failed]
    lines.append("\n" + t(lang, "ingest_done", embedded=report.chunks_embedded, total=report.chunks_total,
                          seconds=report.seconds))
    return "\n".join(lines)


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _error_parts(exc: Exception, lang: str) -> tuple[str, str]:
    if not isinstance(exc, (RagError, ValueError)):
        log.error("unexpected failure", exc_info=exc)
        return f"{type(exc).__name__}: {one_line(exc)}", ""
    hint = t(lang, "hint_index") if isinstance(exc, IndexStateError) else (
        t(lang, "hint_model") if isinstance(exc, ModelError) else "")
    return one_line(exc), hint


def error_message(exc: Exception, lang: str = "ko") -> str:
    """Markdown for a panel: the error and, where there is one, what to do."""
    what, hint = _error_parts(exc, lang)
    return f"**{t(lang, 'error')}:** {as_text(what)}" + (f"  \n{as_text(hint)}" if hint else "")


def error_turn(exc: Exception, lang: str = "ko") -> str:
    """An assistant message for a failed answer."""
    what, hint = _error_parts(exc, lang)
    tip = f'<p class="hint">{esc(hint)}</p>' if hint else ""
    return f'<div class="turn error" lang="{lang}"><p><b>{esc(t(lang, "error"))}:</b> {esc(what)}</p>{tip}</div>'
