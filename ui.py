"""보고서 QA in the browser: Gradio wiring only. Answers come from qa, reports from index.

    python ui.py [--host 127.0.0.1] [--port 7860] [--generator extractive] [--index DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import html
import logging
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import gradio as gr

from index.build import IngestReport, ingest_paths, remove_document
from index.retriever import HybridRetriever, IndexReader
from ingest.files import safe_filename
from qa.answer import Assistant
from qa.followup import standalone_question
from qa.types import Answer
from ragqa.errors import IndexStateError, ModelError, RagError
from ragqa.settings import PROJECT_ROOT, Settings

log = logging.getLogger("ragqa.ui")

AssistantFactory = Callable[[Settings], Assistant]
GENERATORS = ["embedded", "openai", "extractive"]
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


# ---------------------------------------------------------------- text, never HTML

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+>]|\d+[.)])(?=\s)", re.MULTILINE)


def as_text(text: str) -> str:
    """Report and model text for a Markdown surface: shown literally, never as HTML or markup."""
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def page_label(page: int | None) -> str:
    return str(page) if page else "–"


def where(page: int | None, section: str) -> str:
    """"p. 3"; a page-less report (txt, md) is located by its section heading instead."""
    if page or not section:
        return f"p. {page_label(page)}"
    return "§ " + (section if len(section) <= 60 else "…" + section[-59:])


def citation_lines(answer: Answer) -> str:
    lines = [f"[{c.n}] {as_text(c.title or c.source)}, {as_text(where(c.page, c.section))}" for c in answer.citations]
    return "\n".join(lines)


def source_rows(answer: Answer) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """Rows for the sources table (cited passages first) and, per row, (label, full chunk text)."""
    cited = {c.chunk_id: c for c in answer.citations}
    best = {}
    for ev in answer.evidence:
        best.setdefault(ev.hit.chunk.chunk_id, ev.text)
    shown = {h.chunk.chunk_id for h in answer.hits}
    # Evidence may come from a passage below the top k (qa.answer's wider pool); cited, it is shown.
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
    streamed = ""
    for event in assistant.stream(standalone, k=k):
        if event.kind == "evidence":
            refs = citation_lines(event.answer) if event.answer else ""
            yield (note + as_text(event.text) + (f"\n\n{refs}" if refs else "")
                   + "\n\n_(근거 · evidence: 모델이 답을 쓰는 중 / the model is writing…)_"), event.answer
        elif event.kind == "token":
            streamed += event.text
            yield note + as_text(streamed), None
        elif event.kind == "reset":
            streamed = ""
            yield note + "…", None
        elif event.kind == "final" and event.answer is not None:
            answer = event.answer
            refs = citation_lines(answer)
            yield note + as_text(answer.text) + (f"\n\n{refs}" if refs else ""), answer


# ---------------------------------------------------------------- the live index and assistants


class Engine:
    """The assistants (one per generator choice, sharing one retriever) and the index they read.

    Built lazily: the UI starts, and can take uploads, before any index exists.
    """

    def __init__(self, settings: Settings, assistant_factory: AssistantFactory | None = None,
                 embedder_factory: Callable[[str], object] | None = None) -> None:
        self.settings = settings
        self._factory = assistant_factory or _default_assistant
        self._embedder_factory = embedder_factory or _default_embedder
        self._lock = threading.RLock()
        self._assistants: dict[tuple, Assistant] = {}
        self._embedder: object | None = None

    def assistant(self, chosen: Settings) -> Assistant:
        with self._lock:
            if not self._assistants:
                self._build_base()
            key = _generator_key(chosen)
            if key not in self._assistants:
                from qa.factory import build_generator

                llm = build_generator(chosen)  # ModelError when the model or server is not usable
                variant = copy.copy(next(iter(self._assistants.values())))
                variant.llm = llm
                variant.models = {**variant.models, "generator": llm.name if llm else "extractive"}
                self._assistants[key] = variant
            return self._assistants[key]

    def _build_base(self) -> None:
        try:
            base, settings = self._factory(self.settings), self.settings
        except ModelError:
            # The configured model is unusable; retrieval still works, and choosing that
            # generator again reports the model's error.
            settings = replace(self.settings, generator="extractive")
            base = self._factory(settings)
        self._assistants[_generator_key(settings)] = base

    def embedder(self) -> object:
        with self._lock:
            if not self._assistants:
                with contextlib.suppress(IndexStateError):  # no index yet: the first upload creates it
                    self._build_base()
            for assistant in self._assistants.values():
                if hasattr(assistant.retriever, "embedder"):
                    return assistant.retriever.embedder  # loaded once: e5 and USE are not small
            if self._embedder is None:
                self._embedder = self._embedder_factory(self.settings.embedder)
            return self._embedder

    def reopen(self) -> None:
        """Point every assistant at the index version just published: new reports answer at once."""
        with self._lock:
            if not self._assistants:
                return
            current = next(iter(self._assistants.values())).retriever
            if not isinstance(current, HybridRetriever):
                return
            fresh = HybridRetriever(IndexReader.open(self.settings.index_dir), current.embedder)
            for assistant in self._assistants.values():
                assistant.retriever = fresh

    def ingest(self, files: list[Path], progress: Callable[[str], None] | None = None) -> IngestReport:
        s = self.settings
        report = ingest_paths(files, s.index_dir, self.embedder(), s.chunking, lock_timeout=s.lock_wait,
                              max_bytes=int(s.max_mb * 1024 * 1024), progress=progress)
        if report.added or report.updated or report.removed:
            self.reopen()
        return report

    def remove(self, doc_id: str) -> str:
        record = remove_document(self.settings.index_dir, doc_id, lock_timeout=self.settings.lock_wait)
        path = Path(record.path)
        if path.parent.resolve() == self.uploads_dir.resolve():
            path.unlink(missing_ok=True)  # an upload lives only for the index
        self.reopen()
        return record.source

    @property
    def uploads_dir(self) -> Path:
        return self.settings.index_dir / "uploads"

    def reports(self) -> list:
        try:
            reader = IndexReader.open(self.settings.index_dir)
        except IndexStateError:
            return []
        try:
            return sorted(reader.docs.values(), key=lambda d: d.title or d.source)
        finally:
            reader.close()


def _generator_key(s: Settings) -> tuple:
    return (s.generator, s.model, s.openai_base_url, s.openai_model)


def _default_assistant(settings: Settings) -> Assistant:
    from qa.factory import build_assistant

    return build_assistant(settings)


def _default_embedder(spec: str) -> object:
    from index.embedders import make_embedder

    return make_embedder(spec)


def upload_destination(name: str, data: bytes, folder: Path) -> tuple[Path, bool]:
    """Where an uploaded file goes: a safe name inside ``folder``, never over a different file.
    Returns the path and whether the bytes must still be written there."""
    target = folder / safe_filename(name)
    stem, suffix = target.stem, target.suffix
    n = 1
    while target.exists():
        if target.read_bytes() == data:
            return target, False
        n += 1
        target = folder / f"{stem} ({n}){suffix}"
    return target, True


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


# ---------------------------------------------------------------- the page


def build_app(settings: Settings, assistant_factory: AssistantFactory | None = None, *,
              embedder_factory: Callable[[str], object] | None = None, eval_dir: Path | None = None) -> gr.Blocks:
    engine = Engine(settings, assistant_factory, embedder_factory)
    eval_dir = eval_dir or PROJECT_ROOT / "eval" / "reports"

    def ask(message: str, history: list, turns: list[str], generator: str, model: str, base_url: str,
            openai_model: str) -> Iterator[tuple]:
        question = " ".join((message or "").split())
        if not question:
            yield "", history, turns, gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        standalone = standalone_question(question, turns[-1] if turns else None)
        history = [*history, {"role": "user", "content": as_text(question)},
                   {"role": "assistant", "content": "…"}]
        turns = [*turns, standalone]
        yield "", history, turns, [], [], gr.Dropdown(choices=[], value=None), ""
        try:
            chosen = replace(settings, generator=generator, model=model.strip() or settings.model,
                             openai_base_url=base_url.strip(), openai_model=openai_model.strip())
            for text, answer in chat_events(engine.assistant(chosen), question, standalone, settings.k):
                history[-1] = {"role": "assistant", "content": text}
                if answer is None:
                    yield gr.skip(), history, turns, gr.skip(), gr.skip(), gr.skip(), gr.skip()
                    continue
                rows, passages = source_rows(answer)
                choices = [(label, i) for i, (label, _) in enumerate(passages)]
                first = passages[0][1] if passages else ""
                yield (gr.skip(), history, turns, rows, [p for _, p in passages],
                       gr.Dropdown(choices=choices, value=0 if choices else None), first)
        except Exception as exc:  # a model or server failure must not leave the chat hanging
            history[-1] = {"role": "assistant", "content": error_message(exc)}
            yield gr.skip(), history, turns, gr.skip(), gr.skip(), gr.skip(), gr.skip()

    def show_passage(index: int | None, passages: list[str]) -> str:
        return passages[index] if index is not None and 0 <= index < len(passages) else ""

    def pick_row(passages: list[str], evt: gr.SelectData) -> tuple:
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        return gr.Dropdown(value=row), show_passage(row, passages)

    def list_reports() -> tuple:
        docs = engine.reports()
        rows = [[d.title, d.source, d.n_chunks, d.n_pages or "–"] for d in docs]
        choices = [(f"{d.title} ({d.source})", d.doc_id) for d in docs]
        return rows, gr.Dropdown(choices=choices, value=None)

    def upload(files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple:
        if not files:
            return ("올릴 파일을 고르세요. Choose PDF, .txt or .md files first.", *list_reports())
        engine.uploads_dir.mkdir(parents=True, exist_ok=True)
        staged, written = [], []
        for name in files:
            data = Path(name).read_bytes()
            target, new = upload_destination(Path(name).name, data, engine.uploads_dir)
            if new:
                target.write_bytes(data)
                written.append(target)
            staged.append(target)
        progress(0.05, desc=f"{len(staged)} file(s) received")

        def step(message: str) -> None:
            done = re.search(r"(\d+)/(\d+)", message)
            progress(0.1 + 0.85 * int(done[1]) / max(1, int(done[2])) if done else None, desc=message)

        try:
            report = engine.ingest(staged, step)
        except Exception as exc:  # the index is left as it was (ingest publishes all or nothing)
            for path in written:
                path.unlink(missing_ok=True)
            return (error_message(exc), *list_reports())
        bad = {Path(p).name for p, _ in report.failed + report.duplicates}
        for path in written:
            if path.name in bad:
                path.unlink(missing_ok=True)  # only indexed reports stay in uploads/
        return (report_summary(report), *list_reports())

    def remove(doc_id: str | None) -> tuple:
        if not doc_id:
            return ("지울 보고서를 고르세요. Choose a report to remove.", *list_reports())
        try:
            source = engine.remove(doc_id)
        except RagError as exc:
            return (error_message(exc), *list_reports())
        return (f"{as_text(source)}: 삭제됨 removed", *list_reports())

    def show_eval() -> tuple:
        text, png = latest_eval(eval_dir)
        return text, gr.Image(value=png, visible=png is not None)

    with gr.Blocks(title="보고서 QA", analytics_enabled=False) as app:
        gr.Markdown(INTRO, elem_id="intro")
        with gr.Tab("채팅 Chat"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="대화 Conversation", height=520, sanitize_html=True, allow_tags=False,
                                         latex_delimiters=[], feedback_options=None, buttons=["copy"],
                                         elem_id="chat", placeholder="질문을 입력하세요 · Ask a question below")
                    with gr.Row():
                        message = gr.Textbox(show_label=False, scale=5, elem_id="question", autofocus=True,
                                             placeholder="예: 한국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가? / "
                                                         "e.g. How many large-scale AI models were released?")
                        send = gr.Button("묻기 Ask", variant="primary", scale=1, elem_id="ask")
                    clear = gr.Button("새 대화 New chat", size="sm")
                    with gr.Accordion("생성기 Generator", open=False):
                        generator = gr.Radio(GENERATORS, value=settings.generator, label="생성기 Generator",
                                             info="embedded: 내장 모델 local model · openai: OpenAI 호환 서버 "
                                                  "compatible server · extractive: 근거 문장만 evidence only")
                        model = gr.Textbox(settings.model, label="내장 모델 Embedded model (default, small, .gguf)")
                        with gr.Row():
                            base_url = gr.Textbox(settings.openai_base_url, label="OpenAI base URL",
                                                  placeholder="http://localhost:11434/v1")
                            openai_model = gr.Textbox(settings.openai_model, label="OpenAI model")
                with gr.Column(scale=2):
                    sources = gr.Dataframe(headers=SOURCE_HEADERS, datatype="str", interactive=False, wrap=True,
                                           label="출처 Sources", elem_id="sources",
                                           column_widths=["8%", "23%", "9%", "46%", "14%"])
                    passage_pick = gr.Dropdown(choices=[], label="전체 구절 보기 Full passage", elem_id="passage-pick")
                    passage = gr.Textbox(label="구절 Passage", lines=8, max_lines=20, interactive=False,
                                         elem_id="passage")
            turns = gr.State([])
            passages = gr.State([])
        with gr.Tab("보고서 Reports"):
            gr.Markdown("PDF, .txt, .md 보고서를 올리면 바로 질문할 수 있습니다. "
                        "Upload PDF, .txt or .md reports; they are answerable at once.")
            files = gr.File(file_count="multiple", file_types=[".pdf", ".txt", ".md"], label="보고서 올리기 Upload",
                            elem_id="upload")
            add = gr.Button("색인에 추가 Add to index", variant="primary", elem_id="add")
            summary = gr.Markdown(elem_id="upload-summary")
            reports = gr.Dataframe(headers=REPORT_HEADERS, datatype="str", interactive=False, wrap=True,
                                   label="색인된 보고서 Indexed reports", elem_id="reports")
            with gr.Row():
                to_remove = gr.Dropdown(choices=[], label="보고서 선택 Report", scale=4)
                remove_btn = gr.Button("삭제 Remove", variant="stop", scale=1)
        with gr.Tab("평가 Eval"):
            eval_png = gr.Image(label="closed-book vs open-book", visible=False, interactive=False, height=360)
            eval_text = gr.Markdown()
            gr.Button("새로고침 Refresh", size="sm").click(show_eval, None, [eval_text, eval_png], api_name="eval")

        # Answering, uploading and removing share one queue slot: they share the embedder and the model.
        ask_io = {"fn": ask, "inputs": [message, chatbot, turns, generator, model, base_url, openai_model],
                  "outputs": [message, chatbot, turns, sources, passages, passage_pick, passage],
                  "concurrency_id": "engine"}
        message.submit(**ask_io, api_name="ask")
        send.click(**ask_io, api_name=False)
        clear.click(lambda: ([], [], [], [], gr.Dropdown(choices=[], value=None), ""), None,
                    [chatbot, turns, sources, passages, passage_pick, passage], api_name=False)
        passage_pick.change(show_passage, [passage_pick, passages], passage, api_name="passage")
        sources.select(pick_row, [passages], [passage_pick, passage], api_name=False)
        add.click(upload, [files], [summary, reports, to_remove], api_name="upload", concurrency_id="engine")
        remove_btn.click(remove, [to_remove], [summary, reports, to_remove], api_name="remove",
                         concurrency_id="engine")
        app.load(list_reports, None, [reports, to_remove], api_name="reports")
        app.load(show_eval, None, [eval_text, eval_png], api_name=False)
    app.engine = engine  # tests and launch() reach the live index through it
    return app


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def error_message(exc: Exception) -> str:
    """What the page shows instead of a result: the error and, where there is one, what to do."""
    if not isinstance(exc, (RagError, ValueError)):
        log.error("unexpected failure", exc_info=exc)
        return f"**오류 Error:** {type(exc).__name__}: {as_text(_one_line(exc))}"
    hint = ""
    if isinstance(exc, IndexStateError):
        hint = "보고서 탭에서 보고서를 올리세요. Upload a report in the Reports tab."
    elif isinstance(exc, ModelError):
        hint = "생성기 설정에서 extractive를 고르면 모델 없이 답합니다. The extractive generator needs no model."
    return f"**오류 Error:** {as_text(_one_line(exc))}" + (f"  \n{hint}" if hint else "")


def serve(app: gr.Blocks, settings: Settings, host: str = "127.0.0.1", port: int = 7860, *,
          block: bool = True, eval_dir: Path | None = None) -> str:
    """Start the server; returns its URL (at once when ``block`` is False)."""
    app.queue(default_concurrency_limit=1)  # one answer at a time: the embedded model is one process-wide object
    _, url, _ = app.launch(
        server_name=host, server_port=port, prevent_thread_lock=not block, quiet=not block, show_error=True,
        theme=gr.themes.Soft(), css=CSS, footer_links=[], max_file_size=int(settings.max_mb * 1024 * 1024),
        allowed_paths=[str(eval_dir or PROJECT_ROOT / "eval" / "reports")],
    )
    return url


def launch(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    app = build_app(settings)
    # Load the models while the page opens, so the first question does not wait for them.
    threading.Thread(target=_warm, args=(app.engine,), daemon=True).start()
    serve(app, settings, host, port)


def _warm(engine: Engine) -> None:
    try:
        engine.assistant(engine.settings)
    except Exception as exc:  # reported again, with a hint, when someone asks
        log.warning("not ready yet: %s", _one_line(exc))


def parse_args(argv: list[str] | None = None) -> tuple[argparse.Namespace, Settings]:
    p = argparse.ArgumentParser(prog="ui.py", description="보고서 QA chat UI")
    p.add_argument("--host", default="127.0.0.1", help="listen address (default: this machine only)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--generator", choices=GENERATORS)
    p.add_argument("--model", help="embedded model name (default, small) or a .gguf path")
    p.add_argument("--index", type=Path, help="index directory (default: $RAGQA_INDEX or ./.index)")
    p.add_argument("--embedder", help="e5+use (default), e5, use, st:<path>")
    p.add_argument("--openai-base-url")
    p.add_argument("--openai-model")
    args = p.parse_args(argv)
    overrides = {name: value for name, value in (
        ("generator", args.generator), ("model", args.model), ("index_dir", args.index), ("embedder", args.embedder),
        ("openai_base_url", args.openai_base_url), ("openai_model", args.openai_model)) if value}
    return args, replace(Settings(), **overrides)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    cli_args, cli_settings = parse_args()
    launch(cli_settings, host=cli_args.host, port=cli_args.port)
