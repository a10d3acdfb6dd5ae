"""The chat UI over a tiny fake-embedder index, driven through gradio_client; and its pure
parts: answer states, source cards, page images, conversations, feedback, eval, the catalog."""

from __future__ import annotations

import json
import os
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import CORPUS, DATA, HashEmbedder, ListRetriever, ScriptedGenerator, serve_fake_ui, write_corpus

from index.build import ingest_paths
from index.types import Hit
from ingest.types import Chunk
from qa.answer import Assistant
from qa.evidence import SentenceSelector
from qa.followup import is_followup, standalone_question
from qa.refusal import REFUSAL
from qa.types import Answer, AnswerPath, Citation, Evidence
from ragqa.page import view as chat_view
from ragqa.page import eval as page_eval
from ragqa.page import feedback as page_feedback
from ragqa.page import library as page_library
from ragqa.cli.main import build_parser
from ragqa.stores.conversations import ConversationStore
from ragqa.stores.feedback import FeedbackStore, feedback_path
from ragqa.page.sources import highlight, render_page_image, source_cards, table_html
from ragqa.page.text import LABELS, TEXT, relabel
from ragqa.live.session import Session, upload_destination
from ragqa.settings import Settings, settings_from_args

pytest.importorskip("gradio")
gradio_client = pytest.importorskip("gradio_client")
import ui

# gradio's queue calls pandas options that pandas 3 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword).*")

SCRIPT = "<script>alert(1)</script>"
XSS_REPORT = (
    "# Zebra Firmware Notes\n\n"
    # The cleaner strips real tags and then unescapes entities: this is how a report ends up
    # carrying literal markup in its text.
    "The zebra firmware banner prints &lt;script&gt;alert(1)&lt;/script&gt; on every boot.\n"
)
KO_QUESTION = "국내 양자컴퓨팅 스타트업은 몇 개인가?"
HANGUL = re.compile(r"[가-힣]")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, Settings, str]]:
    root = tmp_path_factory.mktemp("ui")
    app, url, settings, _ = serve_fake_ui(root, {**CORPUS, "zebra.md": XSS_REPORT})
    client = gradio_client.Client(url, verbose=False, download_files=str(root / "downloads"))
    yield client, settings, url
    app.close()


def _ask(client: object, question: str, history: list | None = None, lang: str = "한국어",
         user: str = "", scope: list[str] | None = None) -> tuple[str, list]:
    """Returns the last assistant message (HTML) and the chat history."""
    _, chat, _ = client.predict(question, history or [], user, lang, "extractive", "default", "", "", scope or [],
                                api_name="/ask")
    return _message_text(chat[-1]), chat


def _message_text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


def test_answer_shows_trail_quote_and_numbered_source_card(served: tuple) -> None:
    client, _, _ = served
    text, chat = _ask(client, "2024년 반도체 수출액은 얼마인가?")
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert '<p class="trail">' in text and "검색" in text and "인용 (모델 없음)" in text and " ms" in text
    assert '<a class="cite" href="#src-1-1">[1]</a>에 따르면: “2024년 반도체 수출액은 1,419억 달러' in text
    card = text[text.index('id="src-1-1"'):]
    assert "반도체 수출 동향" in card and "§ 반도체 수출 동향" in card  # a txt report has no pages
    assert "<mark>2024년 반도체 수출액은 1,419억 달러로 전년 대비 43.9% 증가하였다.</mark>" in card
    assert "메모리 반도체 가격 회복" in card  # the whole passage, the quote marked inside it
    assert "score" not in text and "0.0" not in text  # no raw fusion scores
    assert "\n\n" not in text  # one HTML block: a blank line would hand the rest to Markdown


def test_uploaded_pdf_is_answerable_with_its_page_image(served: tuple) -> None:
    client, settings, url = served
    summary, reports, choices, scope, starters = client.predict(
        [gradio_client.handle_file(str(DATA / "korean_report.pdf"))], "한국어", api_name="/upload")
    assert "**추가됨**: 1" in summary and "**실패**: 0" in summary and "korean\\_report.pdf: 추가됨" in summary
    assert (settings.index_dir / "uploads" / "korean_report.pdf").is_file()
    assert ["양자컴퓨팅 산업 동향 2025", "korean_report.pdf", 4, 3] in reports["data"]
    assert len(starters["samples"]) == page_library.STARTERS  # starter questions follow the library

    text, _ = _ask(client, KO_QUESTION)
    assert "37개" in text and '<span class="where">· p. 2</span>' in text
    src = re.search(r'<img src="(/gradio_api/file=[^"]+\.png)"', text)
    assert src, text
    png = Path(src[1].split("=", 1)[1])
    assert png.parent == (settings.index_dir / "page-images").resolve() and png.is_file()
    with urllib.request.urlopen(url.rstrip("/") + src[1]) as response:  # the page can load it
        assert response.read(8) == b"\x89PNG\r\n\x1a\n"

    doc_id = next(value for label, value in choices["choices"] if "korean_report.pdf" in label)
    summary, reports, _, scope, _ = client.predict(doc_id, "한국어", api_name="/remove")
    assert all(value != doc_id for _, value in scope["choices"])
    assert chat_view.as_text("korean_report.pdf") in summary and "삭제됨" in summary
    assert not (settings.index_dir / "uploads" / "korean_report.pdf").exists()
    assert all(row[1] != "korean_report.pdf" for row in reports["data"])


def test_bad_upload_leaves_the_index_untouched(served: tuple) -> None:
    client, settings, _ = served
    current = (settings.index_dir / "CURRENT").read_text()
    summary, *_ = client.predict([gradio_client.handle_file(str(DATA / "corrupt.pdf"))], "English",
                                      api_name="/upload")
    assert "**failed**: 1" in summary and "corrupt.pdf" in summary and "corrupt or truncated" in summary
    assert not HANGUL.search(summary)
    assert (settings.index_dir / "CURRENT").read_text() == current
    assert not (settings.index_dir / "uploads" / "corrupt.pdf").exists()


def test_report_markup_is_shown_as_text(served: tuple) -> None:
    client, _, _ = served
    text, _ = _ask(client, "What does the zebra firmware banner print on boot?", lang="English")
    assert "Zebra Firmware Notes" in text
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_english_page_and_question_speak_english(served: tuple) -> None:
    client, _, _ = served
    text, _ = _ask(client, "What does the zebra firmware banner print on boot?", lang="English")
    assert "According to [1]: “" in re.sub(r"<[^>]+>", "", text)
    assert "search" in text and "quoted (no model)" in text and "Sources" in text
    assert not any(value in text for value in _korean_only_texts())


def _korean_only_texts() -> list[str]:
    """System texts of the Korean catalog that a page in English must never show."""
    return [v.split("{")[0] for k, v in TEXT["ko"].items() if HANGUL.search(v) and len(v.split("{")[0]) > 1
            and v != TEXT["en"][k] and not k.startswith("lang_") and k != "all"]


def test_a_question_scoped_to_one_report_answers_from_it_only(served: tuple) -> None:
    client, _, _ = served
    _, choices, scope = client.predict("English", api_name="/reports")
    coffee = next(value for label, value in scope["choices"] if label == "Global Coffee Market")
    text, _ = _ask(client, "2024년 반도체 수출액은 얼마인가?", scope=[coffee], lang="English")
    assert "1,419억" not in text and "반도체 수출 동향" not in text  # the other reports are out of sight
    text, _ = _ask(client, "Arabica coffee bean prices in December 2024?", scope=[coffee])
    assert "3.44 dollars per pound" in text


def test_a_scoped_retriever_ranks_within_the_chosen_reports(tmp_path: Path) -> None:
    from index.build import ingest_paths
    from index.retriever import HybridRetriever, IndexReader

    write_corpus(tmp_path / "corpus")
    embedder = HashEmbedder()
    ingest_paths([tmp_path / "corpus"], tmp_path / "index", embedder)
    retriever = HybridRetriever(IndexReader.open(tmp_path / "index"), embedder)
    coffee = next(d.doc_id for d in retriever.reader.docs.values() if d.source == "coffee.md")
    question = "2024년 반도체 수출액은 얼마인가?"
    assert retriever.retrieve(question, 1)[0].source == "semiconductor.txt"
    only = retriever.scoped([coffee])
    assert {h.source for h in only.candidates(question, 5)} == {"coffee.md"}  # ranked within, not filtered away
    assert retriever.scoped(None) is retriever


def test_followup_is_rewritten_and_shown(served: tuple) -> None:
    client, _, _ = served
    _, chat = _ask(client, "2024년 반도체 수출액은 얼마인가?")
    text, chat = _ask(client, "그럼 2023년은?", chat)
    assert len(chat) == 4
    assert "질문 재구성: 2023년 반도체 수출액은 얼마인가?" in text
    text, chat = _ask(client, "2024년 반도체 수출액은 얼마인가?", chat)
    assert 'href="#src-5-1"' in text and 'id="src-5-1"' in text  # its cards do not clash with earlier ones


def test_refusal_is_a_card_with_the_closest_passages_and_what_is_covered(served: tuple) -> None:
    client, _, _ = served
    text, _ = _ask(client, "화성 탐사 로버의 바퀴는 몇 개인가?", lang="English")
    assert '<div class="turn refusal"' in text and "Not in the reports" in text
    assert "Closest passages" in text and "<li><b>" in text
    assert "What the reports cover" in text and "Global Coffee Market" in text


def test_no_index_yet_says_what_to_do(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "none", embedder="hash", generator="extractive")
    app = ui.build_app(settings, Session(settings, load_embedder=lambda spec: HashEmbedder()))
    with pytest.raises(Exception, match="no index"):
        app.session.assistant(settings)
    assert app.session.reports() == []
    from core.errors import IndexStateError

    html = chat_view.error_turn(IndexStateError("no index at /x"), "en")
    assert "Upload a report in the Reports tab." in html and not HANGUL.search(html)


HITS = [
    Hit(Chunk("ko-p2", "ko", "2025년 국내 양자컴퓨팅 스타트업은 총 37개로 집계되었다. 절반은 소프트웨어 기업이다.", 2, "1. 현황"),
        0.9, "hybrid", "양자컴퓨팅 산업 동향 2025", "korean_report.pdf"),
]


def _steps(generator: ScriptedGenerator, question: str = KO_QUESTION, lang: str = "ko",
           hits: list[Hit] = HITS) -> list[tuple[str, Answer | None]]:
    assistant = Assistant(ListRetriever(hits), generator, SentenceSelector(None), translate=False)
    return list(chat_view.chat_events(assistant, question, question, k=5, turn=3, lang=lang, covers=["A", "B"]))


def test_draft_is_marked_until_it_passes_the_check() -> None:
    steps = _steps(ScriptedGenerator("국내 양자컴퓨팅 스타트업은 총 37개입니다 [1]."))
    texts = [t for t, _ in steps]
    assert "evidence-box" in texts[1] and "37개로 집계되었다" in texts[1]  # the evidence at once
    drafts = [t for t in texts if "draft-box" in t]
    assert drafts and all("초안 · 근거와 대조 중" in t and 'class="step now">작성' in t for t in drafts)
    final, answer = steps[-1]
    assert answer is not None and answer.path == "llm"
    assert "draft-box" not in final and "검증 ✓" in final and '<div class="turn final"' in final
    assert '총 37개입니다 <a class="cite" href="#src-3-1">[1]</a>.' in final


def test_retry_says_so_and_clears_the_first_draft() -> None:
    steps = _steps(ScriptedGenerator("국내 양자컴퓨팅 스타트업은 총 73개입니다 [1].",
                                     "국내 양자컴퓨팅 스타트업은 총 37개입니다 [1]."))
    texts = [t for t, _ in steps]
    assert any("73개" in t for t in texts)  # the first, wrong try streamed ...
    reset = next(i for i, t in enumerate(texts) if "다시 씁니다" in t)
    assert all("73개" not in t for t in texts[reset:])  # ... and was cleared
    assert "다시 작성" in texts[reset]
    final, answer = steps[-1]
    assert answer is not None and answer.path == "llm-retry" and "37개입니다" in final and "검증 ✓" in final


def test_failed_check_says_the_quote_stands_in_the_users_language() -> None:
    wrong = "국내 양자컴퓨팅 스타트업은 총 99개입니다 [1]."
    final, answer = _steps(ScriptedGenerator(wrong, wrong), lang="en")[-1]
    assert answer is not None and answer.path == "extractive-fallback"
    assert "The model&#x27;s answer did not match the evidence, so the quote stands instead." in final
    assert "99개" not in final and "37개로 집계되었다" in final and '<div class="turn fallback"' in final
    assert "check failed ✗" in final and "quoted" in final
    assert '<span class="why">(a sentence no evidence supports)</span>' in final  # what the check found
    assert "first token" in final
    final_ko, _ = _steps(ScriptedGenerator(wrong, wrong), lang="ko")[-1]
    assert "모델의 답이 근거와 맞지 않아 인용문으로 대신합니다" in final_ko


def test_answers_about_another_year_end_as_the_refusal_card() -> None:
    """Regression: the page once kept the model's wrong-year sentence as the final answer."""
    hits = [Hit(Chunk("b", "ko", "2023년 양자 오류 정정 예산은 412억 원으로 책정되었다.", 3, "예산"),
                0.9, "hybrid", "양자 보고서", "k.pdf")]
    wrong = "2024년 예산은 412억 원입니다 [1]."
    final, answer = _steps(ScriptedGenerator(wrong, wrong), "2024년 양자 오류 정정 예산은 얼마인가?", hits=hits)[-1]
    assert answer is not None and answer.abstained
    assert REFUSAL["ko"] in final and "2024년 예산은" not in final
    assert "보고서에 없는 것으로" in final and "refusal-card" in final and "양자 보고서" in final


@pytest.mark.parametrize(("text", "absent"), [
    (SCRIPT, "<"), ("**bold** _it_ `code`", "**"), ("$5 and $6", " $"), ("- item\n1. first", "\n1. "),
])
def test_as_text_keeps_markup_literal(text: str, absent: str) -> None:
    assert absent not in chat_view.as_text(text)


def test_highlight_escapes_then_marks() -> None:
    text = "Intro <b>bold</b>.\nThe banner prints <script>alert(1)</script> on boot."
    out = highlight(text, "The banner prints <script>alert(1)</script> on boot.")
    assert out == ("Intro &lt;b&gt;bold&lt;/b&gt;.<br><mark>The banner prints &lt;script&gt;alert(1)&lt;/script&gt; "
                   "on boot.</mark>")
    assert highlight("a  b\nc", "a b c") == "<mark>a  b<br>c</mark>"  # whitespace may differ
    assert highlight("<i>x</i>", "absent") == "&lt;i&gt;x&lt;/i&gt;"


def test_table_chunk_renders_as_a_table_with_the_cited_row_marked() -> None:
    text = "[표 1] 기관별 큐비트\n기관\t큐비트 수\t연도\n한빛연구소\t128\t2025\n가람<퀀텀>\t64\t2024"
    out = table_html(text, "[표 1] 기관별 큐비트 가람<퀀텀> → 큐비트 수: 64, 연도: 2024")
    assert out.startswith('<table class="src-table"><caption>[표 1] 기관별 큐비트</caption>')
    assert "<th>큐비트 수</th>" in out and '<tr class="hit"><td>가람&lt;퀀텀&gt;</td><td>64</td>' in out
    assert "<tr><td>한빛연구소</td>" in out


def test_cited_passage_from_below_the_top_hits_gets_its_card() -> None:
    shown = Hit(Chunk("c1", "d", "수소 충전소는 359기가 운영 중이다.", None, "수소"), 0.9, "hybrid", "수소 보고서", "h.txt")
    deeper = Hit(Chunk("c9", "d2", "반도체 수출액은 1,419억 달러였다.", 4, "수출"), 0.1, "hybrid", "반도체 보고서", "s.pdf")
    answer = Answer("반도체 수출액은?", "ko", "1,419억 달러 [1].", False, AnswerPath.LLM, hits=(shown,),
                    evidence=(Evidence(1, deeper.chunk.text, deeper, 1.0),),
                    citations=(Citation(1, "반도체 보고서", "s.pdf", 4, "c9", deeper.chunk.text, "수출"),))
    seen = []
    cards = source_cards(answer, 7, "ko", lambda hit, quote: seen.append((hit.chunk.chunk_id, quote)) or "/x.png")
    first = cards.index('id="src-7-1"')
    assert first < cards.index("수소 보고서") and "<mark>반도체 수출액은 1,419억 달러였다.</mark>" in cards
    assert seen == [("c9", deeper.chunk.text)] and '<img src="/x.png"' in cards  # only cited PDF pages


def test_page_image_marks_the_quote_and_is_cached(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    from PIL import Image

    quote = "2025년 국내 양자컴퓨팅 스타트업은 총 37개로 집계되었다."
    png = render_page_image(DATA / "korean_report.pdf", 2, quote, tmp_path / "page-images")
    assert png is not None and png.parent == tmp_path / "page-images"
    image = Image.open(png).convert("RGB")
    pixels = image.get_flattened_data() if hasattr(image, "get_flattened_data") else image.getdata()
    yellow = sum(1 for r, g, b in pixels if r > 240 and g > 220 and b < 200)
    assert yellow > 1000  # the quote's boxes are highlighted
    stamp = png.stat().st_mtime_ns
    assert render_page_image(DATA / "korean_report.pdf", 2, quote, tmp_path / "page-images") == png
    assert png.stat().st_mtime_ns == stamp
    assert render_page_image(DATA / "korean_report.pdf", 9, quote, tmp_path / "other") is None
    assert render_page_image(DATA / "corrupt.pdf", 1, quote, tmp_path / "other") is None


def test_upload_names_stay_inside_the_folder(tmp_path: Path) -> None:
    target, new = upload_destination("../../etc/passwd.md", b"a", tmp_path)
    assert target == tmp_path / "passwd.md" and new
    target.write_bytes(b"a")
    assert upload_destination("passwd.md", b"a", tmp_path) == (target, False)  # same bytes: reuse
    assert upload_destination("passwd.md", b"b", tmp_path) == (tmp_path / "passwd (2).md", True)
    assert upload_destination("C:\\Users\\me\\보고서 <1>.pdf", b"c", tmp_path)[0] == tmp_path / "보고서 _1_.pdf"


def test_conversations_are_kept_per_user(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "conversations.sqlite")
    messages = [{"role": "user", "content": "첫 질문 " * 20}, {"role": "assistant", "content": "<div>답</div>"}]
    first = store.save("alice", None, messages, ["첫 질문"], {"1": {"question": "첫 질문"}})
    second = store.save("alice", None, messages[:1], [], {})
    assert store.save("alice", first, [*messages, *messages], ["a", "b"], {}) == first
    assert [cid for cid, _, _ in store.list("alice")] == [first, second]  # the newest first
    assert store.list("alice")[0][1].endswith("…") and len(store.list("alice")[0][1]) <= 60
    loaded = store.load("alice", first)
    assert loaded is not None and len(loaded.messages) == 4 and loaded.turns == ["a", "b"]
    assert store.load("bob", first) is None and not store.delete("bob", first)  # not bob's
    assert store.delete("alice", first) and [c for c, _, _ in store.list("alice")] == [second]
    with pytest.raises(ValueError):
        store.save("", None, messages, [], {})
    from ragqa.stores.conversations import title_of

    typed = "what's *new* in <b>2024</b>?"
    assert title_of([{"role": "user", "content": chat_view.as_text(typed)}]) == typed


def _fake_session(tmp_path: Path) -> Session:
    embedder = HashEmbedder()
    from fakes import write_corpus

    write_corpus(tmp_path / "corpus")
    ingest_paths([tmp_path / "corpus"], tmp_path / "index", embedder)
    settings = Settings(index_dir=tmp_path / "index", embedder="hash", generator="extractive")
    return Session(settings, load_embedder=lambda spec: embedder)


def test_feedback_is_stored_amended_listed_deleted_and_survives_a_rebuild(tmp_path: Path) -> None:
    from qa.serialize import answer_to_dict

    session = _fake_session(tmp_path)
    answer = session.assistant().ask("2024년 반도체 수출액은 얼마인가?")
    answers = {"1": answer_to_dict(answer)}
    status, target, form, *_ = page_feedback.rate(session, answers, "web-1", "English", 1, False, None)
    assert status.startswith("👎") and form["visible"] and target["rating"] == "down"
    assert page_feedback.rate(session, answers, "web-1", "English", 0, True, None)[0] == TEXT["en"]["fb_not_answer"]
    status, target, *_, table, picker = page_feedback.send(session, answers, "web-1", "한국어", target,
                                                           "숫자가 틀림", "1,419억 달러")
    store = FeedbackStore(feedback_path(session.settings.index_dir))
    [entry] = store.list()  # the comment replaced the bare click
    assert (entry.user, entry.rating.value, entry.comment, entry.correction) == ("web-1", "down", "숫자가 틀림",
                                                                                 "1,419억 달러")
    assert entry.question == "2024년 반도체 수출액은 얼마인가?" and entry.citations[0]["source"] == "semiconductor.txt"
    assert entry.index_version == (session.settings.index_dir / "CURRENT").read_text().strip()
    assert entry.path == "extractive" and entry.embedder == "hash-bigram-v1"
    assert table["data"][0][0] == entry.id and picker["choices"] == [(f"#{entry.id} {entry.question[:40]}", entry.id)]
    assert page_feedback.my_entries(session, "someone-else", "en")[0]["data"] == []

    ingest_paths([tmp_path / "corpus"], session.settings.index_dir, HashEmbedder(), rebuild=True)
    assert [e.id for e in store.list()] == [entry.id]  # outside index versions: a rebuild keeps it
    assert json.loads(store.export("json"))["comment"] == "숫자가 틀림"
    assert page_feedback.delete(session, "someone-else", "en", entry.id)[0] == "Nothing to delete."
    assert page_feedback.delete(session, "web-1", "en", entry.id)[0] == "Deleted." and store.list() == []


def test_starter_questions_come_from_the_reports(tmp_path: Path) -> None:
    session = _fake_session(tmp_path)
    questions = page_library.starter_questions(session, "en")
    assert len(questions) == 4 and "What are the key points of Global Coffee Market?" in questions
    assert all(not HANGUL.search(q) or "반도체" in q or "수소" in q for q in questions)


def test_eval_tab_shows_the_chosen_run(tmp_path: Path) -> None:
    assert page_eval.show_run(tmp_path / "missing", None, "English")[1] == TEXT["en"]["eval_none"]
    summary = {"modes": {
        "closed": {"answerable_accuracy": 0.1, "n_answerable": 10,
                   "by_language": {"ko": {"answerable_accuracy": 0.0, "n_answerable": 4}}},
        "open": {"answerable_accuracy": 0.6, "n_answerable": 10, "citation_correct": 0.5,
                 "by_language": {"ko": {"answerable_accuracy": 0.75, "n_answerable": 4, "citation_correct": 0.5}}}}}
    old, new = tmp_path / "2025-01-01-extractive.json", tmp_path / "2025-02-01-embedded.json"
    old.write_text(json.dumps({"meta": {"generator": "old"}, "summary": summary}))
    new.write_text(json.dumps({"meta": {"generator": "embedded", "items": "10", "date": "2025-02-01"},
                               "summary": summary}))
    new.with_suffix(".png").write_bytes(b"png")
    new.with_suffix(".md").write_text("# dev detail")
    os.utime(old, (1, 1))
    picker, text, table, chart, detail = page_eval.show_run(tmp_path, None, "English")
    assert picker["value"] == str(new) and [c[0] for c in picker["choices"]] == [new.stem, old.stem]
    assert "**60.0%**" in text and "**10.0%**" in text and "generator embedded" in text
    assert table["data"] == [["All", 10, "10.0%", "60.0%", "+50.0", "50.0%"], ["Korean", 4, "0.0%", "75.0%", "+75.0",
                                                                              "50.0%"]]
    assert chart["visible"] and chart["value"] == str(new.with_suffix(".png")) and detail == "# dev detail"
    picker, text, *_ = page_eval.show_run(tmp_path, str(old), "한국어")
    assert picker["value"] == str(old) and "생성기 old" in text


@pytest.mark.parametrize(("asked", "accept", "expected"), [
    ("en", "ko-KR,ko", "English"), (None, "en-US,en;q=0.9", "English"), (None, "ko-KR", "한국어"),
    ("ko", "en-US", "한국어"), (None, None, "한국어"),
])
def test_the_page_starts_in_the_users_language(asked: str | None, accept: str | None, expected: str) -> None:
    from ragqa.page.chat import first_language

    assert first_language(asked, accept) == expected


def test_every_label_and_message_exists_in_both_languages() -> None:
    assert TEXT["ko"].keys() == TEXT["en"].keys()
    for name, update in zip(LABELS, relabel("en", list(LABELS))):
        assert not HANGUL.search(next(v for k, v in update.items() if k != "__type__")), name
    assert not any(HANGUL.search(v) for v in TEXT["en"].values())


def test_cli_defaults_listen_locally() -> None:
    args = build_parser().parse_args(["ui", "--generator", "extractive", "--index", "/tmp/idx"])
    settings = settings_from_args(args)
    assert (args.host, args.port) == ("127.0.0.1", 7860)
    assert settings.generator == "extractive" and settings.index_dir == Path("/tmp/idx")


PREVIOUS_KO = "한국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?"
PREVIOUS_EN = "How many large-scale AI models were released worldwide between 2020 and 2023?"


@pytest.mark.parametrize(("question", "previous", "expected"), [
    ("그럼 중국은?", PREVIOUS_KO, "중국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?"),
    ("캐나다는?", PREVIOUS_KO, "캐나다는 초거대 AI 모델 개발 국가 순위에서 몇 위인가?"),  # 은 -> 는
    ("그럼 중국은 몇 위야?", PREVIOUS_KO, "중국은 초거대 AI 모델 개발 국가 순위에서 몇 위인가?"),
    ("그럼 미국은?", KO_QUESTION, "미국 양자컴퓨팅 스타트업은 몇 개인가?"),
    ("그러면 2024년은?", "2025년 " + KO_QUESTION, "2024년 " + KO_QUESTION),
    ("2024년은?", KO_QUESTION, "2024년 " + KO_QUESTION),
    ("그럼 대학은?", KO_QUESTION, "국내 양자컴퓨팅 대학은 몇 개인가?"),
    ("인도?", PREVIOUS_KO, "인도는 초거대 AI 모델 개발 국가 순위에서 몇 위인가?"),
    ("그건 언제 발표됐어?", KO_QUESTION, "국내 양자컴퓨팅 스타트업은 언제 발표됐어?"),
    ("그게 몇 퍼센트야?", "양자 오류 정정 예산은 얼마인가?", "양자 오류 정정 예산이 몇 퍼센트야?"),
    ("what about 2022?", PREVIOUS_EN, "How many large-scale AI models were released worldwide in 2022?"),
    ("And Korea?", PREVIOUS_EN, "How many large-scale AI models were released in Korea between 2020 and 2023?"),
    ("How about China?", "How many startups are there in Korea?", "How many startups are there in China?"),
    ("In 2019?", "How many startups were founded in 2021?", "How many startups were founded in 2019?"),
    ("When was it published?", PREVIOUS_EN, f"When was it published? ({PREVIOUS_EN})"),
])
def test_followups_become_standalone(question: str, previous: str, expected: str) -> None:
    assert is_followup(question)
    assert standalone_question(question, previous) == expected


@pytest.mark.parametrize("question", [
    "양자 오류 정정 예산은 얼마인가?", "스타트업 수?", "국내 양자컴퓨팅 스타트업은 몇 개인가?",
    "What is the budget for quantum error correction?", "Is it true that Korea ranks third?",
    "How many satellites were launched in 2024?",
])
def test_standalone_questions_are_left_alone(question: str) -> None:
    assert not is_followup(question)
    assert standalone_question(question, PREVIOUS_KO) == question


def test_first_question_is_never_rewritten() -> None:
    assert standalone_question("  그럼   중국은? ", None) == "그럼 중국은?"




def test_a_quote_is_shown_as_the_answer_gives_it_with_the_sentence_it_leans_on() -> None:
    """The citation holds the unit (it is what the source card marks); the answer's quote goes
    on to the sentence that leans on it, and the page shows that."""
    unit, after = "저자들은 구글을 떠나 스타트업 설립", "그리고 이른바 ‘트랜스포머 마피아’들은 수십억 달러를 모금했다."
    answer = Answer("뭐라고 부르나요?", "ko", f"보고서에 따르면: “{unit} {after}” [1]", False,
                    AnswerPath.EXTRACTIVE_FALLBACK, citations=(Citation(1, "T", "t.md", None, "c1", unit),))
    assert "트랜스포머 마피아" in chat_view.answer_html(answer, 1)
