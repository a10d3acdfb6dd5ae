"""보고서 QA in the browser: Gradio wiring only; what it shows comes from ragqa.chat_view,
what it answers with from ragqa.session.

    python ui.py [--host 127.0.0.1] [--port 7860] [--generator extractive] [--index DIR]
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import gradio as gr

from core.errors import RagError
from qa.followup import standalone_question
from ragqa import chat_view as view
from ragqa.chat_view import CSS, INTRO, REPORT_HEADERS, SOURCE_HEADERS
from ragqa.cli import main
from ragqa.session import Session, upload_destination
from ragqa.settings import GENERATORS, PROJECT_ROOT, Settings

_SKIP4 = (gr.skip(),) * 4


def build_app(settings: Settings, session: Session | None = None, *, eval_dir: Path | None = None) -> gr.Blocks:
    session = session or Session(settings)
    eval_dir = eval_dir or PROJECT_ROOT / "eval" / "reports"

    def ask(message: str, history: list, turns: list[str], generator: str, model: str, base_url: str,
            openai_model: str) -> Iterator[tuple]:
        question = " ".join((message or "").split())
        if not question:
            yield "", history, turns, *_SKIP4
            return
        standalone = standalone_question(question, turns[-1] if turns else None)
        history = [*history, {"role": "user", "content": view.as_text(question)}, {"role": "assistant", "content": "…"}]
        turns = [*turns, standalone]
        yield "", history, turns, [], [], gr.Dropdown(choices=[], value=None), ""
        try:
            chosen = replace(settings, generator=generator, model=model.strip() or settings.model,
                             openai_base_url=base_url.strip(), openai_model=openai_model.strip())
            for text, answer in view.chat_events(session.assistant(chosen), question, standalone, settings.k):
                history[-1] = {"role": "assistant", "content": text}
                if answer is None:
                    yield gr.skip(), history, turns, *_SKIP4
                    continue
                rows, passages = view.source_rows(answer)
                choices = [(label, i) for i, (label, _) in enumerate(passages)]
                yield (gr.skip(), history, turns, rows, [p for _, p in passages],
                       gr.Dropdown(choices=choices, value=0 if choices else None), passages[0][1] if passages else "")
        except Exception as exc:  # a model or server failure must not leave the chat hanging
            history[-1] = {"role": "assistant", "content": view.error_message(exc)}
            yield gr.skip(), history, turns, *_SKIP4

    def show_passage(index: int | None, passages: list[str]) -> str:
        return passages[index] if index is not None and 0 <= index < len(passages) else ""

    def pick_row(passages: list[str], evt: gr.SelectData) -> tuple:
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        return gr.Dropdown(value=row), show_passage(row, passages)

    def list_reports() -> tuple:
        docs = session.reports()
        rows = [[d.title, d.source, d.n_chunks, d.n_pages or "–"] for d in docs]
        return rows, gr.Dropdown(choices=[(f"{d.title} ({d.source})", d.doc_id) for d in docs], value=None)

    def upload(files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple:
        if not files:
            return ("올릴 파일을 고르세요. Choose PDF, .txt or .md files first.", *list_reports())
        session.uploads_dir.mkdir(parents=True, exist_ok=True)
        staged, written = [], []
        for name in files:
            data = Path(name).read_bytes()
            target, new = upload_destination(Path(name).name, data, session.uploads_dir)
            if new:
                target.write_bytes(data)
                written.append(target)
            staged.append(target)
        progress(0.05, desc=f"{len(staged)} file(s) received")

        def step(message: str) -> None:
            done = re.search(r"(\d+)/(\d+)", message)
            progress(0.1 + 0.85 * int(done[1]) / max(1, int(done[2])) if done else None, desc=message)

        try:
            report = session.ingest(staged, step)
        except Exception as exc:  # the index is left as it was (ingest publishes all or nothing)
            for path in written:
                path.unlink(missing_ok=True)
            return (view.error_message(exc), *list_reports())
        bad = {Path(p).name for p, _ in report.failed + report.duplicates}
        for path in written:
            if path.name in bad:
                path.unlink(missing_ok=True)  # only indexed reports stay in uploads/
        return (view.report_summary(report), *list_reports())

    def remove(doc_id: str | None) -> tuple:
        if not doc_id:
            return ("지울 보고서를 고르세요. Choose a report to remove.", *list_reports())
        try:
            source = session.remove(doc_id)
        except RagError as exc:
            return (view.error_message(exc), *list_reports())
        return (f"{view.as_text(source)}: 삭제됨 removed", *list_reports())

    def show_eval() -> tuple:
        text, png = view.latest_eval(eval_dir)
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
                        generator = gr.Radio(list(GENERATORS), value=settings.generator, label="생성기 Generator")
                        model = gr.Textbox(settings.model, label="내장 모델 Embedded model (default, small, .gguf)")
                        with gr.Row():
                            base_url = gr.Textbox(settings.openai_base_url, label="OpenAI base URL")
                            openai_model = gr.Textbox(settings.openai_model, label="OpenAI model")
                with gr.Column(scale=2):
                    sources = gr.Dataframe(headers=SOURCE_HEADERS, datatype="str", interactive=False, wrap=True,
                                           label="출처 Sources", elem_id="sources",
                                           column_widths=["8%", "23%", "9%", "46%", "14%"])
                    passage_pick = gr.Dropdown(choices=[], label="전체 구절 보기 Full passage", elem_id="passage-pick")
                    passage = gr.Textbox(label="구절 Passage", lines=8, max_lines=20, interactive=False, elem_id="passage")
            turns, passages = gr.State([]), gr.State([])
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
        remove_btn.click(remove, [to_remove], [summary, reports, to_remove], api_name="remove", concurrency_id="engine")
        app.load(list_reports, None, [reports, to_remove], api_name="reports")
        app.load(show_eval, None, [eval_text, eval_png], api_name=False)
    app.session = session  # tests and launch() reach the live index through it
    return app


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
    threading.Thread(target=app.session.warm, daemon=True).start()
    serve(app, settings, host, port)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    sys.exit(main(["ui", *sys.argv[1:]]))
