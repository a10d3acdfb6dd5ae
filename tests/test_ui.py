"""The chat UI over a tiny fake-embedder index, driven through gradio_client; and its pure parts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import (
    CORPUS,
    DATA,
    HashEmbedder,
    ListRetriever,
    ScriptedGenerator,
    serve_fake_ui,
)

from index.types import Hit
from ingest.types import Chunk
from qa.answer import Assistant
from qa.evidence import SentenceSelector
from qa.followup import is_followup, standalone_question
from qa.refusal import REFUSAL
from ragqa import chat_view
from ragqa.cli import build_parser
from ragqa.session import Session, upload_destination
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


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, Settings]]:
    root = tmp_path_factory.mktemp("ui")
    app, url, settings, _ = serve_fake_ui(root, {**CORPUS, "zebra.md": XSS_REPORT})
    client = gradio_client.Client(url, verbose=False, download_files=str(root / "downloads"))
    yield client, settings
    app.close()


def _ask(client: object, question: str, history: list | None = None) -> tuple[str, list, list[list[str]], str]:
    """Returns the last assistant message, the chat history, the sources rows and the passage shown."""
    _, chat, sources, _, passage = client.predict(question, history or [], "extractive", "default", "", "",
                                                  api_name="/ask")
    return _message_text(chat[-1]), chat, sources["data"], passage


def _message_text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


def test_answer_cites_title_and_page(served: tuple) -> None:
    client, _ = served
    text, chat, rows, passage = _ask(client, "2024년 반도체 수출액은 얼마인가?")
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert "1,419억 달러" in text
    assert "[1] 반도체 수출 동향, § 반도체 수출 동향" in text  # a txt report has no pages
    assert rows[0][:3] == ["[1]", "반도체 수출 동향", "§ 반도체 수출 동향"]
    assert "1,419억" in rows[0][3] and float(rows[0][4]) > 0
    assert "메모리 반도체 가격 회복" in passage  # the full cited chunk, not just the quoted sentence


def test_uploaded_pdf_is_answerable_at_once(served: tuple) -> None:
    client, settings = served
    summary, reports, choices = client.predict([gradio_client.handle_file(str(DATA / "korean_report.pdf"))],
                                               api_name="/upload")
    assert "**추가 added**: 1" in summary and "**실패 failed**: 0" in summary
    assert (settings.index_dir / "uploads" / "korean_report.pdf").is_file()
    assert ["양자컴퓨팅 산업 동향 2025", "korean_report.pdf", 3, 3] in reports["data"]

    text, _, rows, _ = _ask(client, KO_QUESTION)
    assert "37개" in text and "양자컴퓨팅 산업 동향 2025, p. 2" in text
    assert rows[0][:3] == ["[1]", "양자컴퓨팅 산업 동향 2025", "p. 2"]

    doc_id = next(value for label, value in choices["choices"] if "korean_report.pdf" in label)
    summary, reports, _ = client.predict(doc_id, api_name="/remove")
    assert chat_view.as_text("korean_report.pdf") in summary and "removed" in summary
    assert not (settings.index_dir / "uploads" / "korean_report.pdf").exists()
    assert all(row[1] != "korean_report.pdf" for row in reports["data"])


def test_bad_upload_leaves_the_index_untouched(served: tuple) -> None:
    client, settings = served
    current = (settings.index_dir / "CURRENT").read_text()
    summary, _, _ = client.predict([gradio_client.handle_file(str(DATA / "corrupt.pdf"))], api_name="/upload")
    assert "**실패 failed**: 1" in summary and "corrupt.pdf" in summary and "corrupt or truncated" in summary
    assert (settings.index_dir / "CURRENT").read_text() == current
    assert not (settings.index_dir / "uploads" / "corrupt.pdf").exists()


def test_report_markup_is_shown_as_text(served: tuple) -> None:
    client, _ = served
    text, _, rows, passage = _ask(client, "What does the zebra firmware banner print on boot?")
    assert "Zebra Firmware Notes" in text
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert SCRIPT in rows[0][3] and SCRIPT in passage  # table cells and the textbox are plain text


def test_followup_is_rewritten_and_shown(served: tuple) -> None:
    client, _ = served
    _, chat, _, _ = _ask(client, "2024년 반도체 수출액은 얼마인가?")
    text, chat, _, _ = _ask(client, "그럼 2023년은?", chat)
    assert len(chat) == 4
    assert "질문 재구성: 2023년 반도체 수출액은 얼마인가?" in text


def test_no_index_yet_says_what_to_do(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "none", embedder="hash", generator="extractive")
    app = ui.build_app(settings, Session(settings, load_embedder=lambda spec: HashEmbedder()))
    with pytest.raises(Exception, match="no index"):
        app.session.assistant(settings)
    assert app.session.reports() == []


HITS = [
    Hit(Chunk("ko-p2", "ko", "2025년 국내 양자컴퓨팅 스타트업은 총 37개로 집계되었다. 절반은 소프트웨어 기업이다.", 2, "1. 현황"),
        0.9, "hybrid", "양자컴퓨팅 산업 동향 2025", "korean_report.pdf"),
]


def test_stream_shows_evidence_then_tokens_and_clears_on_reset() -> None:
    stream = ScriptedGenerator("국내 양자컴퓨팅 스타트업은 총 73개입니다 [1].", "국내 양자컴퓨팅 스타트업은 총 37개입니다 [1].")
    assistant = Assistant(ListRetriever(HITS), stream, SentenceSelector(None), translate=False)
    steps = list(chat_view.chat_events(assistant, "그럼 국내는?", KO_QUESTION, k=5))
    texts = [t for t, _ in steps]
    assert "37개로 집계되었다" in texts[0] and "evidence" in texts[0]  # the extractive answer at once
    assert all(t.startswith("_(질문 재구성: 국내 양자컴퓨팅") for t in texts)
    assert any("73개" in t for t in texts)  # the first, wrong try streamed ...
    reset = next(i for i, t in enumerate(texts) if t.endswith("\n\n…"))
    assert "다시 씁니다" in texts[reset]  # says a retry follows, not that the evidence will stand
    assert all("73개" not in t for t in texts[reset:])  # ... and was cleared
    final, answer = steps[-1]
    assert answer is not None and answer.path == "llm-retry"
    assert final.endswith("총 37개입니다 \\[1\\].\n\n[1] 양자컴퓨팅 산업 동향 2025, p. 2")


def test_answers_about_another_year_end_as_the_refusal_not_the_model_sentence() -> None:
    """Regression: the page once kept the model's wrong-year sentence as the final answer."""
    hits = [Hit(Chunk("b", "ko", "2023년 양자 오류 정정 예산은 412억 원으로 책정되었다.", 3, "예산"),
                0.9, "hybrid", "양자 보고서", "k.pdf")]
    wrong = "2024년 예산은 412억 원입니다 [1]."
    assistant = Assistant(ListRetriever(hits), ScriptedGenerator(wrong, wrong), SentenceSelector(None), translate=False)
    steps = list(chat_view.chat_events(assistant, "2024년 양자 오류 정정 예산은 얼마인가?",
                                       "2024년 양자 오류 정정 예산은 얼마인가?", k=5))
    final, answer = steps[-1]
    assert answer is not None and answer.abstained
    assert REFUSAL["ko"] in final and "2024년 예산은" not in final
    assert "보고서에 없는 것으로" in final  # says why the streamed draft was set aside


@pytest.mark.parametrize(("text", "absent"), [
    (SCRIPT, "<"), ("**bold** _it_ `code`", "**"), ("$5 and $6", " $"), ("- item\n1. first", "\n1. "),
])
def test_as_text_keeps_markup_literal(text: str, absent: str) -> None:
    assert absent not in chat_view.as_text(text)


def test_upload_names_stay_inside_the_folder(tmp_path: Path) -> None:
    target, new = upload_destination("../../etc/passwd.md", b"a", tmp_path)
    assert target == tmp_path / "passwd.md" and new
    target.write_bytes(b"a")
    assert upload_destination("passwd.md", b"a", tmp_path) == (target, False)  # same bytes: reuse
    assert upload_destination("passwd.md", b"b", tmp_path) == (tmp_path / "passwd (2).md", True)
    assert upload_destination("C:\\Users\\me\\보고서 <1>.pdf", b"c", tmp_path)[0] == tmp_path / "보고서 _1_.pdf"


def test_latest_eval_report(tmp_path: Path) -> None:
    assert chat_view.latest_eval(tmp_path / "missing")[1] is None
    assert "No eval report yet" in chat_view.latest_eval(tmp_path)[0]
    old, new = tmp_path / "2025-01-01-extractive.md", tmp_path / "2025-02-01-embedded.md"
    old.write_text("# old")
    new.write_text("# new")
    new.with_suffix(".png").write_bytes(b"png")
    os.utime(old, (1, 1))
    text, png = chat_view.latest_eval(tmp_path)
    assert "# new" in text and png == str(new.with_suffix(".png"))


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


def test_cited_passage_from_below_the_top_hits_is_listed_first() -> None:
    from qa.types import Answer, AnswerPath, Citation, Evidence

    shown = Hit(Chunk("c1", "d", "수소 충전소는 359기가 운영 중이다.", None, "수소"), 0.9, "hybrid", "수소 보고서", "h.txt")
    deeper = Hit(Chunk("c9", "d2", "반도체 수출액은 1,419억 달러였다.", 4, "수출"), 0.1, "hybrid", "반도체 보고서", "s.pdf")
    answer = Answer("반도체 수출액은?", "ko", "1,419억 달러 [1].", False, AnswerPath.LLM, hits=(shown,),
                    evidence=(Evidence(1, deeper.chunk.text, deeper, 1.0),),
                    citations=(Citation(1, "반도체 보고서", "s.pdf", 4, "c9", deeper.chunk.text, "수출"),))
    rows, passages = chat_view.source_rows(answer)
    assert [r[:3] for r in rows] == [["[1]", "반도체 보고서", "p. 4"], ["", "수소 보고서", "§ 수소"]]
    assert passages[0][1].endswith(deeper.chunk.text)
