"""The feedback store, its CLI commands and feedback turned into a question set; no model."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import threading
from pathlib import Path

import pytest
from fakes import HashEmbedder

from core.errors import RagError
from eval.sets import load_items
from index.build import ingest_paths
from ragqa.stores.feedback import (
    FeedbackStore,
    Rating,
    feedback_path,
    index_version,
    record_feedback,
    to_question_set,
)
from ragqa.cli.feedback import cmd_feedback, register
from ragqa.settings import Settings

SPRI = "spri-global-large-scale-ai-models-2020-2023.txt"
QUOTE = "미국과 중국 다음으로 세 번째로 많은 초거대 AI 모델을 개발"
ANSWER = {
    "question": "한국은 초거대 AI 모델 개발 순위에서 몇 위인가?", "language": "ko", "answer": "2위입니다 [1].",
    "abstained": False, "path": "llm",
    "citations": [{"n": 1, "title": "SPRI", "source": SPRI, "page": None, "section": "요약", "chunk_id": "c1",
                   "quote": QUOTE}],
    "evidence": [{"n": 1, "text": QUOTE, "chunk_id": "c1", "score": 0.71}],
    "hits": [], "timings_ms": {"total": 10.0}, "models": {"embedder": "e5+use", "generator": "qwen-1.5b"},
}


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "index" / "feedback.sqlite")


def _add(store: FeedbackStore, user: str = "alice", rating: str = "down", question: str = "질문?", **kw: object) -> int:
    return store.add(user=user, rating=rating, question=question, answer="답", **kw)  # type: ignore[arg-type]


# --- the store ------------------------------------------------------------------------


def test_add_list_and_delete_are_per_user(store: FeedbackStore) -> None:
    a = _add(store, "alice", "up")
    b = _add(store, "bob", "👎", comment="wrong year", correction="3위")
    assert [e.id for e in store.list()] == [b, a]  # newest first
    assert [e.id for e in store.list("alice")] == [a]
    bobs = store.list("bob")[0]
    assert bobs.rating is Rating.DOWN and bobs.comment == "wrong year" and bobs.correction == "3위"
    assert store.delete(b, user="alice") is False  # not hers
    assert store.delete(b, user="bob") is True and store.delete(b) is False
    assert [e.id for e in store.list()] == [a]


def test_the_store_uses_wal_and_sits_beside_the_index_versions(tmp_path: Path) -> None:
    FeedbackStore(feedback_path(tmp_path / "idx"))
    assert feedback_path(tmp_path / "idx") == tmp_path / "idx" / "feedback.sqlite"
    with sqlite3.connect(tmp_path / "idx" / "feedback.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(("value", "rating"), [
    ("up", Rating.UP), ("👍", Rating.UP), (1, Rating.UP), (True, Rating.UP), ("DOWN", Rating.DOWN),
    ("👎", Rating.DOWN), (0, Rating.DOWN), ("wrong", Rating.DOWN),
])
def test_ratings_parse_from_thumbs_words_and_numbers(value: object, rating: Rating) -> None:
    assert Rating.parse(value) is rating


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"rating": "meh"}, "unknown rating"), ({"question": "  "}, "non-empty question"),
    ({"user": ""}, "non-empty user"), ({"comment": "x" * 20_001}, "keep it under"),
])
def test_bad_entries_are_refused_with_a_reason(store: FeedbackStore, kwargs: dict, message: str) -> None:
    args = {"user": "alice", "rating": "up", "question": "q?", "answer": "a"} | kwargs
    with pytest.raises(ValueError, match=message):
        store.add(**args)
    assert store.list() == []


def test_concurrent_writers_lose_nothing(store: FeedbackStore) -> None:
    errors: list[BaseException] = []

    def write(user: str) -> None:
        try:
            other = FeedbackStore(store.path)  # as another UI worker or process would
            for i in range(25):
                _add(other, user, "up" if i % 2 else "down", question=f"{user} {i}?")
        except BaseException as exc:  # reported below, in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(f"u{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    entries = store.list()
    assert len(entries) == 100 and len({e.id for e in entries}) == 100


def test_a_damaged_store_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(RagError, match=r"damaged .*move it aside"):
        FeedbackStore(path)


def test_export_json_lines_and_csv_that_a_spreadsheet_will_not_run(store: FeedbackStore) -> None:
    _add(store, citations=[{"n": 1, "source": SPRI, "quote": QUOTE}], correction="=HYPERLINK(\"x\")")
    _add(store, "bob", "up")
    lines = store.export("json").splitlines()
    first = json.loads(lines[0])
    assert len(lines) == 2 and first["label"] == "down" and first["citations"][0]["source"] == SPRI
    rows = list(csv.DictReader(io.StringIO(store.export("csv"))))
    assert rows[0]["correction"].startswith("'=") and json.loads(rows[0]["citations"])[0]["quote"] == QUOTE
    assert [r["user"] for r in rows] == ["alice", "bob"]
    with pytest.raises(ValueError, match="unknown export format"):
        store.export("xml")


# --- from an answer, beside a real index ----------------------------------------------


def test_record_feedback_keeps_answer_models_and_index_version_and_survives_a_rebuild(
        tmp_path: Path, corpus_dir: Path) -> None:
    index_dir = tmp_path / "index"
    ingest_paths([corpus_dir], index_dir, HashEmbedder())
    version = index_version(index_dir)
    assert version.startswith("v")
    entry_id = record_feedback(index_dir, ANSWER, rating="down", user="browser-1", correction="3위")
    ingest_paths([corpus_dir], index_dir, HashEmbedder(), rebuild=True)
    assert index_version(index_dir) != version  # the old version folder is gone...
    (entry,) = FeedbackStore(feedback_path(index_dir)).list("browser-1")  # ...the judgement is not
    assert entry.id == entry_id and entry.index_version == version
    assert (entry.question, entry.answer, entry.path) == (ANSWER["question"], ANSWER["answer"], "llm")
    assert (entry.model, entry.embedder, entry.evidence_score) == ("qwen-1.5b", "e5+use", 0.71)
    assert entry.citations[0]["quote"] == QUOTE and not entry.abstained and entry.created_at


# --- feedback as test cases -------------------------------------------------------------


def test_every_corrected_thumbs_down_becomes_a_facts_item(store: FeedbackStore, tmp_path: Path) -> None:
    cites = [{"n": 1, "source": "other.txt", "quote": "관련 없는 문장"}, {"n": 2, "source": SPRI, "quote": QUOTE}]
    _add(store, question="한국은 몇 위?", correction="3위", citations=cites)
    _add(store, question="한국은 몇 위?", correction="3위", citations=cites)  # the same again: once
    _add(store, "bob", "up", question="맞은 질문?", correction="x")
    _add(store, question="고친 답이 없는 질문?")
    _add(store, question="How many in 2019?", correction="The reports do not say.")
    _add(store, question="What did the slides say?", correction="AutoML", citations=[{"source": "s.txt", "quote": "q"}])
    items = to_question_set(store.list())
    assert [i["question"] for i in items] == ["한국은 몇 위?", "How many in 2019?", "What did the slides say?"]
    rank, refusal, unquoted = items
    assert rank | {"feedback": None} == {
        "id": rank["id"], "question": "한국은 몇 위?", "language": "ko", "answers": ["3위"], "type": "feedback",
        "source": SPRI, "evidence": QUOTE, "feedback": None}
    assert (refusal["type"], refusal["answers"], refusal["language"]) == ("refusal", [], "en")
    assert (unquoted["source"], unquoted["evidence"]) == ("s.txt", None)  # the quote does not hold "AutoML"
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    assert [i["id"] for i in load_items(path)] == [i["id"] for i in items]  # `ragqa eval --set` reads it


# --- the CLI commands -------------------------------------------------------------------


def _parse(argv: list[str]) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", type=Path)
    parser = argparse.ArgumentParser(prog="ragqa")
    register(parser.add_subparsers(dest="command", required=True), common)
    return parser.parse_args(argv)


def test_cli_list_export_delete_and_to_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(index_dir=tmp_path / "index")
    store = FeedbackStore(feedback_path(settings.index_dir))
    first = _add(store, question="한국은\n몇 위?", correction="3위", citations=[{"source": SPRI, "quote": QUOTE}])
    _add(store, "bob", "up")
    assert cmd_feedback(_parse(["feedback", "list"]), settings) == 0
    out = capsys.readouterr().out
    assert "한국은 몇 위?\t→ 3위" in out and "2 judgements: 1 👍, 1 👎" in out
    cmd_feedback(_parse(["feedback", "list", "--user", "bob", "--json"]), settings)
    assert [json.loads(line)["user"] for line in capsys.readouterr().out.splitlines()] == ["bob"]
    cmd_feedback(_parse(["feedback", "export", "--csv"]), settings)
    assert capsys.readouterr().out.startswith("id,created_at,user,rating")
    cmd_feedback(_parse(["feedback", "export", "--out", str(tmp_path / "fb.jsonl")]), settings)
    assert len((tmp_path / "fb.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    cmd_feedback(_parse(["feedback", "to-set", str(tmp_path / "set.jsonl")]), settings)
    assert "wrote 1 questions" in capsys.readouterr().out
    assert load_items(tmp_path / "set.jsonl")[0]["answers"] == ["3위"]
    with pytest.raises(ValueError, match=f"no judgement {first} of user 'bob'"):
        cmd_feedback(_parse(["feedback", "delete", str(first), "--user", "bob"]), settings)
    assert cmd_feedback(_parse(["feedback", "delete", str(first)]), settings) == 0
    assert [e.user for e in store.list()] == ["bob"]
    with pytest.raises(SystemExit):
        _parse(["feedback", "export", "--json", "--csv"])
