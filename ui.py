"""보고서 QA in the browser: Gradio wiring only. What the page says and shows comes from
ragqa.page.view and ragqa.page_*, what it answers with from ragqa.live.session.

    python ui.py [--host 127.0.0.1] [--port 7860] [--generator extractive] [--index DIR]
"""

from __future__ import annotations

import inspect
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import gradio as gr

from ragqa.page import chat as page_chat
from ragqa.page import eval as page_eval
from ragqa.page import feedback as page_feedback
from ragqa.page import library as page_library
from ragqa.page.style import CSS, HEAD
from ragqa.page.text import LABELS, LANGS, relabel, t
from ragqa.live.session import Session
from ragqa.live.workspace import caller_named
from ragqa.settings import GENERATORS, PROJECT_ROOT, Settings
from ragqa.stores.keys import KeyStore, keys_path


def build_app(settings: Settings, session: Session | None = None, *, eval_dir: Path | None = None) -> gr.Blocks:
    session = session or Session(settings)
    eval_dir = eval_dir or PROJECT_ROOT / "eval" / "reports"
    c: dict[str, gr.components.Component] = {}  # named as in page_text.LABELS: the language switch relabels them
    ko = partial(t, "ko")

    def first_language(request: gr.Request) -> str:
        return page_chat.first_language(request.query_params.get("lang"), request.headers.get("accept-language"))

    def signed_in(fn: Callable, *bound: object) -> Callable:
        """``fn(*bound, *inputs, caller=...)``, the caller being the key Gradio's login signed
        in with (every report when there are no keys): each event asks again, so a revoked
        key stops at once, and no input a browser sends can name another workspace."""
        if inspect.isgeneratorfunction(fn):
            def stream(request: gr.Request, *inputs: object) -> Iterator:
                yield from fn(*bound, *inputs, caller=caller_named(session, request.username))
            return stream

        def run(request: gr.Request, *inputs: object) -> object:
            return fn(*bound, *inputs, caller=caller_named(session, request.username))
        return run

    def on_like(request: gr.Request, answers: dict, user: str, lang: str, target: dict | None,
                evt: gr.LikeData) -> tuple:
        return page_feedback.rate(session, answers, user, lang, evt.index, evt.liked, target,
                                  caller=caller_named(session, request.username))

    def on_upload(request: gr.Request, files: list[str] | None, lang: str,
                  progress: gr.Progress = gr.Progress()) -> tuple:
        return page_library.upload(session, files, lang, lambda done, desc: progress(done, desc=desc),
                                   caller=caller_named(session, request.username))

    with gr.Blocks(title="보고서 QA", analytics_enabled=False) as app:
        user = gr.BrowserState("", storage_key="ragqa-user")
        turns, answers, conversation, target = gr.State([]), gr.State({}), gr.State(""), gr.State(None)
        with gr.Row(equal_height=False):
            c["intro"] = gr.Markdown(ko("intro"), elem_id="intro")
            c["lang"] = gr.Radio(list(LANGS), value="한국어", label=ko("ui_lang"), elem_id="ui-lang", scale=0,
                                 min_width=180)
        with gr.Tab(ko("tab_chat"), elem_id="tab-chat") as c["tab_chat"], gr.Row(equal_height=False):
            with gr.Column(scale=1, min_width=220, elem_id="sidebar"):
                c["conv_pick"] = gr.Radio([], label=ko("conversations"), elem_id="conversations")
                c["conv_delete"] = gr.Button(ko("conv_delete"), size="sm", elem_id="conv-delete")
                conv_status = gr.Markdown()
            with gr.Column(scale=4):
                c["chatbot"] = gr.Chatbot(label=ko("chat"), height=600, sanitize_html=True, allow_tags=False,
                                          latex_delimiters=[], feedback_options=("Like", "Dislike"), buttons=["copy"],
                                          elem_id="chat")
                fb_status = gr.Markdown(elem_id="fb-status")
                with gr.Group(visible=False, elem_id="fb-form") as fb_form, gr.Row(equal_height=True):
                    c["fb_comment"] = gr.Textbox(label=ko("fb_comment"), elem_id="fb-comment", scale=3)
                    c["fb_correction"] = gr.Textbox(label=ko("fb_correction"), elem_id="fb-correction", scale=3)
                    c["fb_send"] = gr.Button(ko("fb_send"), elem_id="fb-send", scale=1)
                with gr.Row():
                    c["message"] = gr.Textbox(show_label=False, scale=5, elem_id="question", autofocus=True,
                                              placeholder=ko("question"))
                    c["send"] = gr.Button(ko("ask"), variant="primary", scale=1, elem_id="ask")
                with gr.Row(equal_height=True):
                    c["scope"] = gr.Dropdown([], value=[], multiselect=True, label=ko("scope"), elem_id="scope",
                                             scale=5)
                    c["clear"] = gr.Button(ko("new_chat"), elem_id="new-chat", scale=1)
                c["starters"] = gr.Dataset(components=[c["message"]], samples=[], label=ko("starters"),
                                           elem_id="starters")
                with gr.Accordion(ko("fb_mine"), open=False, elem_id="fb-box") as c["fb_box"]:
                    mine = gr.Dataframe(interactive=False, wrap=True, elem_id="my-feedback")
                    with gr.Row():
                        c["fb_pick"] = gr.Dropdown([], label=ko("fb_pick"), scale=4, elem_id="fb-pick")
                        c["fb_delete"] = gr.Button(ko("fb_delete"), variant="stop", scale=1, elem_id="fb-delete")
                with gr.Accordion(ko("generator_box"), open=False) as c["gen_box"]:
                    c["generator"] = gr.Radio(list(GENERATORS), value=settings.generator, label=ko("generator"))
                    c["model"] = gr.Textbox(settings.model, label=ko("model"))
                    with gr.Row():
                        c["base_url"] = gr.Textbox(settings.openai_base_url, label=ko("base_url"))
                        c["openai_model"] = gr.Textbox(settings.openai_model, label=ko("openai_model"))
        with gr.Tab(ko("tab_reports"), elem_id="tab-reports") as c["tab_reports"]:
            c["reports_intro"] = gr.Markdown(ko("reports_intro"))
            c["files"] = gr.File(file_count="multiple", file_types=[".pdf", ".txt", ".md"], label=ko("upload"),
                                 elem_id="upload")
            c["add"] = gr.Button(ko("add"), variant="primary", elem_id="add")
            summary = gr.Markdown(elem_id="upload-summary")
            c["reports"] = gr.Dataframe(interactive=False, wrap=True, label=ko("indexed"), elem_id="reports")
            with gr.Row():
                c["to_remove"] = gr.Dropdown([], label=ko("report_pick"), scale=4, elem_id="to-remove")
                c["remove_btn"] = gr.Button(ko("remove"), variant="stop", scale=1, elem_id="remove")
            with gr.Row(visible=False) as confirm_row:
                c["confirm_btn"] = gr.Button(ko("confirm"), variant="stop", elem_id="confirm-remove")
                c["cancel_btn"] = gr.Button(ko("cancel"), elem_id="cancel-remove")
        with gr.Tab(ko("tab_eval"), elem_id="tab-eval") as c["tab_eval"]:
            with gr.Row():
                c["eval_pick"] = gr.Dropdown([], label=ko("eval_run"), scale=4, elem_id="eval-pick")
                c["eval_refresh"] = gr.Button(ko("eval_refresh"), size="sm", scale=1)
            eval_text = gr.Markdown(elem_id="eval-headline")
            eval_table = gr.Dataframe(interactive=False, wrap=True, elem_id="eval-table")
            eval_png = gr.Image(visible=False, interactive=False, height=360, show_label=False)
            with gr.Accordion(ko("eval_detail"), open=False) as c["eval_detail"]:
                eval_md = gr.Markdown(elem_id="eval-detail")

        lang = c["lang"]
        # Answering, uploading and removing share one queue slot: they share the embedder and the model.
        ask_io = {"fn": signed_in(page_chat.ask, session, settings),
                  "inputs": [c["message"], c["chatbot"], turns, answers, conversation, user, lang, c["generator"],
                             c["model"], c["base_url"], c["openai_model"], c["scope"]],
                  "outputs": [c["message"], c["chatbot"], turns, answers, conversation, c["conv_pick"]],
                  "concurrency_id": "engine"}
        c["message"].submit(**ask_io, api_name="ask")
        c["send"].click(**ask_io, api_name=False)
        c["starters"].click(lambda sample: sample[0], c["starters"], c["message"], api_name=False)
        for starts_over in (c["clear"].click, c["chatbot"].clear):  # the chat's own 🗑 starts a new chat too
            starts_over(lambda: ([], [], {}, "", gr.update(value=None), gr.update(visible=False), ""), None,
                        [c["chatbot"], turns, answers, conversation, c["conv_pick"], fb_form, fb_status],
                        api_name=False)

        reload_chats = signed_in(page_chat.start_page, session)
        c["conv_pick"].input(signed_in(page_chat.open_conversation, session), [user, c["conv_pick"]],
                             [c["chatbot"], turns, answers, conversation], api_name="open_conversation")
        c["conv_delete"].click(signed_in(page_chat.delete_conversation, session), [user, conversation, lang],
                               [c["chatbot"], turns, answers, conversation, c["conv_pick"], conv_status],
                               api_name=False)

        fb_out = [fb_status, target, fb_form, c["fb_comment"], c["fb_correction"], mine, c["fb_pick"]]
        c["chatbot"].like(on_like, [answers, user, lang, target], fb_out, api_name=False)
        c["fb_send"].click(signed_in(page_feedback.send, session),
                           [answers, user, lang, target, c["fb_comment"], c["fb_correction"]], fb_out,
                           api_name="feedback")
        c["fb_delete"].click(signed_in(page_feedback.delete, session), [user, lang, c["fb_pick"]],
                             [fb_status, mine, c["fb_pick"]], api_name=False)
        show_mine = signed_in(lambda u, lng, caller: page_feedback.my_entries(session, u, LANGS[lng], caller=caller))

        library = [c["reports"], c["to_remove"], c["scope"]]
        c["add"].click(on_upload, [c["files"], lang], [summary, *library, c["starters"]], api_name="upload",
                       concurrency_id="engine")
        c["remove_btn"].click(signed_in(page_library.ask_to_remove, session), [c["to_remove"], lang],
                              [summary, confirm_row], api_name=False)
        c["confirm_btn"].click(signed_in(page_library.remove, session), [c["to_remove"], lang],
                               [summary, *library, confirm_row, c["starters"]], api_name="remove",
                               concurrency_id="engine")
        c["cancel_btn"].click(lambda: ("", gr.update(visible=False)), None, [summary, confirm_row], api_name=False)

        show_eval = partial(page_eval.show_run, eval_dir)
        eval_out = [c["eval_pick"], eval_text, eval_table, eval_png, eval_md]
        c["eval_pick"].input(show_eval, [c["eval_pick"], lang], eval_out, api_name=False)
        c["eval_refresh"].click(show_eval, [c["eval_pick"], lang], eval_out, api_name="eval")

        names = [n for n in LABELS if n in c]
        lang.change(lambda lng: relabel(LANGS[lng], names), lang, [c[n] for n in names], api_name=False).then(
            signed_in(page_library.list_reports, session), lang, library, api_name=False).then(
            signed_in(page_library.starters, session), lang, c["starters"], api_name=False).then(
            show_eval, [c["eval_pick"], lang], eval_out, api_name=False).then(
            show_mine, [user, lang], [mine, c["fb_pick"]], api_name=False)

        app.load(first_language, None, lang, api_name=False)
        app.load(reload_chats, [user, lang], [user, c["conv_pick"]], api_name=False).then(
            show_mine, [user, lang], [mine, c["fb_pick"]], api_name=False)
        app.load(signed_in(page_library.list_reports, session), lang, library, api_name="reports")
        app.load(signed_in(page_library.starters, session), lang, c["starters"], api_name=False)
        app.load(show_eval, [c["eval_pick"], lang], eval_out, api_name=False)
    app.session = session  # tests and launch() reach the live index through it
    return app


def serve(app: gr.Blocks, settings: Settings, host: str = "127.0.0.1", port: int = 7860, *,
          block: bool = True, eval_dir: Path | None = None) -> str:
    """Start the server; returns its URL (at once when ``block`` is False)."""
    app.queue(default_concurrency_limit=1)  # one answer at a time: the embedded model is one process-wide object
    (settings.index_dir / "page-images").mkdir(parents=True, exist_ok=True)
    _, url, _ = app.launch(
        auth=sign_in(settings), auth_message="Sign in with your key's name and the key from `ragqa keys add`.",
        server_name=host, server_port=port, prevent_thread_lock=not block, quiet=not block, show_error=True,
        theme=gr.themes.Soft(), css=CSS, head=HEAD, footer_links=[], max_file_size=int(settings.max_mb * 1024 * 1024),
        allowed_paths=[str(eval_dir or PROJECT_ROOT / "eval" / "reports"), str(settings.index_dir / "page-images")],
    )
    return url


def sign_in(settings: Settings) -> Callable[[str, str], bool] | None:
    """Gradio's login, once `ragqa keys` has made a key: the key's name and the key itself.
    The page then acts as that key (ragqa.live.workspace.caller_named): its workspace, its role."""
    keys = KeyStore(keys_path(settings.index_dir))
    if not keys.configured():
        return None

    def check(name: str, token: str) -> bool:
        key = keys.find(token)
        return key is not None and key.name == name
    return check


def launch(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    app = build_app(settings)
    # Load the models while the page opens, so the first question does not wait for them.
    threading.Thread(target=app.session.warm, daemon=True).start()
    serve(app, settings, host, port)


if __name__ == "__main__":
    # `python ui.py` is `ragqa ui`: started as that command, so that this module (Gradio
    # wiring) never imports the command line that launches it.
    import os

    os.execv(sys.executable, [sys.executable, "-m", "ragqa.cli", "ui", *sys.argv[1:]])
