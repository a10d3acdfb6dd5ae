"""What the chat page shows, as plain text and tables: no Gradio here, so it is testable
without a browser and the page module stays wiring only."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from core.errors import IndexStateError, ModelError, RagError
from index.build import IngestReport
from qa.answer import Assistant
from qa.events import EvidenceReady, Final, Reset, Token
from qa.types import Answer, AnswerPath, location

log = logging.getLogger("ragqa.ui")

SOURCE_HEADERS = ["#", "보고서 Report", "위치 Where", "구절 Passage", "점수 Score"]
REPORT_HEADERS = ["제목 Title", "파일 Source", "청크 Chunks", "쪽 Pages"]
INTRO = (
    "# 보고서 QA\n"
    "보고서에 대해 한국어나 영어로 질문하세요. 답에는 보고서 제목·쪽·인용문이 붙고, 보고서에 없으면 없다고 답합니다. "
    "후속 질문(\"그럼 중국은?\")은 앞 질문을 이어받습니다.  \n"
    "Ask about the reports in Korean or English: answers cite the report, page and quoted sentence, "
    "or say the reports do not cover it. Follow-ups (\"what about 2022?\") build on the previous question."
)
CSS = """
.gradio-container { max-width: 1400px !important; margin: 0 auto; }
#intro p { color: var(--body-text-color-subdued); margin-top: 0; }
#sources *, #reports * { font-family: var(--font) !important; }
"""
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+>]|\d+[.)])(?=\s)", re.MULTILINE)
_AFTER_RESET = {
    AnswerPath.LLM_RETRY: "_(모델의 답이 근거와 맞지 않아 다시 씁니다 · the model's answer did not match the evidence; "
                          "it is writing again)_",
    AnswerPath.EXTRACTIVE_FALLBACK: "_(모델의 답이 근거와 맞지 않아 인용문으로 대신합니다 · the model's answer did not "
                                    "match the evidence; the quote stands instead)_",
    AnswerPath.ABSTAIN: "_(모델의 답이 질문과 다른 대상을 말해, 보고서에 없는 것으로 답합니다 · the model answered about "
                        "something else; the reports do not cover this)_",
}


def as_text(text: str) -> str:
    """Report and model text for a Markdown surface: shown literally, never as HTML or markup."""
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def where(page: int | None, section: str) -> str:
    """The citation location, shortened for a narrow column."""
    place = location(page, section)
    return place if len(place) <= 62 else "§ …" + place[-59:]


def citation_lines(answer: Answer) -> str:
    return "\n".join(f"[{c.n}] {as_text(c.title or c.source)}, {as_text(where(c.page, c.section))}"
                     for c in answer.citations)


def source_rows(answer: Answer) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """Rows for the sources table (cited passages first) and, per row, (label, full chunk text)."""
    cited = {c.chunk_id: c for c in answer.citations}
    best: dict[str, str] = {}
    for ev in answer.evidence:
        best.setdefault(ev.hit.chunk.chunk_id, ev.text)
    shown = {h.chunk.chunk_id for h in answer.hits}
    # Evidence may come from a passage below the top k (the wider pool); cited, it is shown.
    extra = {ev.hit.chunk.chunk_id: ev.hit for ev in answer.evidence
             if ev.hit.chunk.chunk_id in cited and ev.hit.chunk.chunk_id not in shown}
    hits = sorted([*answer.hits, *extra.values()], key=lambda h: h.chunk.chunk_id not in cited)
    rows, passages = [], []
    for hit in hits:
        chunk, c = hit.chunk, cited.get(hit.chunk.chunk_id)
        quote = c.quote if c else best.get(chunk.chunk_id) or chunk.text[:200]
        mark = f"[{c.n}]" if c else ""
        title = hit.title or hit.source
        rows.append([mark, title, where(chunk.page, chunk.section), quote, f"{hit.score:.3f}"])
        full = f"{chunk.section}\n\n{chunk.text}" if chunk.section else chunk.text
        passages.append((f"{mark or '·'} {title} · {where(chunk.page, chunk.section)}", full))
    return rows, passages


def chat_events(assistant: Assistant, question: str, standalone: str, k: int) -> Iterator[tuple[str, Answer | None]]:
    """The assistant message as it should read after each answer event, and the answer when known."""
    note = f"_(질문 재구성: {as_text(standalone)})_\n\n" if standalone != question else ""
    streamed, why = "", ""
    for event in assistant.stream(standalone, k=k):
        match event:
            case EvidenceReady(answer=quoted):
                refs = citation_lines(quoted)
                yield (note + as_text(quoted.text) + (f"\n\n{refs}" if refs else "")
                       + "\n\n_(근거 · evidence: 모델이 답을 쓰는 중 / the model is writing…)_"), quoted
            case Token(text=text):
                streamed += text
                yield note + (f"{why}\n\n" if why else "") + as_text(streamed), None
            case Reset(then=then):
                streamed, why = "", _AFTER_RESET[then]
                yield note + why + "\n\n…", None
            case Final(answer=answer, replaces_stream=replaces):
                refs = citation_lines(answer)
                told = f"{why}\n\n" if why and replaces else ""
                yield note + told + as_text(answer.text) + (f"\n\n{refs}" if refs else ""), answer


def report_summary(report: IngestReport) -> str:
    counts = [("추가 added", report.added), ("갱신 updated", report.updated), ("변경 없음 unchanged", report.skipped),
              ("중복 duplicates", report.duplicates), ("실패 failed", report.failed)]
    lines = [" · ".join(f"**{label}**: {len(items)}" for label, items in counts)]
    lines += [f"- {as_text(name)}: 추가됨 added" for name in report.added]
    lines += [f"- {as_text(name)}: 갱신됨 updated" for name in report.updated]
    lines += [f"- {as_text(Path(p).name)}: 중복 duplicate of {as_text(twin)}" for p, twin in report.duplicates]
    lines += [f"- {as_text(Path(p).name)}: 실패 failed: {as_text(reason)}" for p, reason in report.failed]
    lines.append(f"\n{report.chunks_embedded} chunks embedded, {report.chunks_total} in the index "
                 f"({report.seconds:.1f}s)")
    return "\n".join(lines)


def latest_eval(folder: Path) -> tuple[str, str | None]:
    reports = sorted(folder.glob("*.md"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    if not reports:
        return ("아직 평가 보고서가 없습니다. `ragqa eval`을 실행하세요.  \n"
                "No eval report yet; run `ragqa eval`."), None
    newest = reports[-1]
    png = newest.with_suffix(".png")
    return f"_{newest.name}_\n\n" + newest.read_text(encoding="utf-8"), str(png) if png.is_file() else None


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def error_message(exc: Exception) -> str:
    """What the page shows instead of a result: the error and, where there is one, what to do."""
    if not isinstance(exc, (RagError, ValueError)):
        log.error("unexpected failure", exc_info=exc)
        return f"**오류 Error:** {type(exc).__name__}: {as_text(one_line(exc))}"
    hint = ""
    if isinstance(exc, IndexStateError):
        hint = "보고서 탭에서 보고서를 올리세요. Upload a report in the Reports tab."
    elif isinstance(exc, ModelError):
        hint = "생성기 설정에서 extractive를 고르면 모델 없이 답합니다. The extractive generator needs no model."
    return f"**오류 Error:** {as_text(one_line(exc))}" + (f"  \n{hint}" if hint else "")
