"""The chat page with workspace keys (issue 27): Gradio's login takes a key's name and the
key, and every event acts as that key, through the page and through its API (which a
hostile team can call directly, with any inputs it likes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import CORPUS, serve_fake_ui

from ragqa.live.session import Session
from ragqa.live.workspace import Caller
from ragqa.page import chat as page_chat
from ragqa.page import library as page_library
from ragqa.settings import Settings
from ragqa.stores.conversations import ConversationStore, conversations_path
from ragqa.stores.keys import KeyStore, Role, keys_path

gradio_client = pytest.importorskip("gradio_client")
pytestmark = pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword).*")

ALPHA = "# 나이트자 프로젝트 예산\n\n나이트자 프로젝트의 2025년 예산은 731억 원으로 확정되었다.\n"
QUESTION = "나이트자 프로젝트의 2025년 예산은 얼마인가?"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], Path]]:
    root = tmp_path_factory.mktemp("page")
    keys = KeyStore(keys_path(root / "index"))
    tokens = {name: keys.add(name, space, role) for name, space, role in [
        ("alpha-ed", "alpha", "editor"), ("beta-ed", "beta", "editor"), ("beta-rd", "beta", "reader"),
        ("gone", "beta", "editor")]}
    app, url, settings, _ = serve_fake_ui(root, CORPUS)
    (root / "alpha.md").write_text(ALPHA, encoding="utf-8")
    yield url, tokens, settings.index_dir
    app.close()


def _session(index_dir: Path) -> Session:
    from fakes import HashEmbedder

    embedder = HashEmbedder()
    return Session(Settings(index_dir=index_dir, embedder="hash", generator="extractive"),
                   load_embedder=lambda spec: embedder, load_generator=lambda chosen: None)


def _client(page: tuple, name: str) -> object:
    url, tokens, _ = page
    return gradio_client.Client(url, auth=(name, tokens[name]), verbose=False)


def _ask(client: object, question: str, scope: list[str] | None = None, user: str = "") -> str:
    _, chat, _ = client.predict(question, [], user, "한국어", "extractive", "default", "", "", scope or [],
                                api_name="/ask")
    content = chat[-1]["content"]
    return content if isinstance(content, str) else "".join(p.get("text", "") for p in content)


def test_the_page_wants_a_key_to_sign_in(page: tuple) -> None:
    url, tokens, _ = page
    with pytest.raises(Exception):  # noqa: B017 -- gradio_client raises its own error for a refused login
        gradio_client.Client(url, auth=("alpha-ed", tokens["beta-ed"]), verbose=False)  # another key's secret
    with pytest.raises(Exception):  # noqa: B017
        gradio_client.Client(url, auth=("alpha-ed", "rqa_guess"), verbose=False)


def test_uploads_land_in_the_workspace_and_the_library_shows_only_it(page: tuple) -> None:
    _, _, index_dir = page
    alpha, beta = _client(page, "alpha-ed"), _client(page, "beta-ed")
    summary, reports, choices, _, _ = alpha.predict(
        [gradio_client.handle_file(str(index_dir.parent / "alpha.md"))], "한국어", api_name="/upload")
    assert "**추가됨**: 1" in summary and (index_dir / "uploads" / "alpha" / "alpha.md").is_file()
    assert any(row[1] == "alpha.md" for row in reports["data"])
    alpha_id = next(value for label, value in choices["choices"] if "alpha.md" in label)
    assert "731억" in _ask(alpha, QUESTION)

    table, beta_choices, beta_scope = beta.predict("한국어", api_name="/reports")
    assert {row[1] for row in table["data"]} == set(CORPUS)
    assert beta_choices["choices"] == []  # the shared reports are read-only: nothing for beta to remove
    assert all(value != alpha_id for _, value in beta_choices["choices"] + beta_scope["choices"])
    assert "731" not in _ask(beta, QUESTION)
    # beta names alpha's report in the scope it sends, and tries to remove it: Gradio refuses a
    # value its dropdown did not offer; past it (a direct call), the page's own check refuses
    for call in (lambda: _ask(beta, QUESTION, [alpha_id]), lambda: beta.predict(alpha_id, "한국어", api_name="/remove")):
        with pytest.raises(gradio_client.exceptions.AppError, match="not in the list of choices"):
            call()
    session, caller = _session(index_dir), Caller("beta", Role.EDITOR, "beta-ed")
    *_, (_, chat, *_) = page_chat.ask(session, session.settings, QUESTION, [], [], {}, "", "", "한국어", "extractive",
                                      "default", "", "", [alpha_id], caller=caller)
    assert "731" not in chat[-1]["content"]
    summary, *_ = page_library.remove(session, alpha_id, "English", caller=caller)
    assert "no report" in summary
    assert (index_dir / "uploads" / "alpha" / "alpha.md").is_file()
    assert "731억" in _ask(alpha, QUESTION)


def test_a_reader_cannot_upload_and_a_revoked_key_stops_at_once(page: tuple) -> None:
    _, _, index_dir = page
    reader = _client(page, "beta-rd")
    summary, *_ = reader.predict([gradio_client.handle_file(str(index_dir.parent / "alpha.md"))], "한국어",
                                 api_name="/upload")
    assert "reader" in summary and not (index_dir / "uploads" / "beta").exists()
    gone = _client(page, "gone")
    assert gone.predict("한국어", api_name="/reports")[0]["data"]
    KeyStore(keys_path(index_dir)).revoke("gone")
    with pytest.raises(Exception, match="revoked"):
        gone.predict("한국어", api_name="/reports")


def test_a_browser_user_id_cannot_reach_another_keys_chats(page: tuple) -> None:
    alpha, beta = _client(page, "alpha-ed"), _client(page, "beta-ed")
    _ask(alpha, "2024년 반도체 수출액은 얼마인가?", user="web-shared")
    _ask(beta, "수소 충전소는 몇 기인가?", user="web-shared")  # the same browser id, sent on purpose
    store = ConversationStore(conversations_path(page[2]))
    alpha_titles = {t for _, t, _ in store.list("key:alpha-ed", "alpha")}
    beta_titles = {t for _, t, _ in store.list("key:beta-ed", "beta")}
    assert "2024년 반도체 수출액은 얼마인가?" in alpha_titles - beta_titles
    assert "수소 충전소는 몇 기인가?" in beta_titles - alpha_titles
    assert store.list("web-shared", "") == []  # chats belong to the key, whatever id the browser sends
