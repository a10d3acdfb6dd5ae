"""The `ragqa` command line, in-process, with the fake embedder and sentence model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import HashEmbedder

import ragqa.factory
from ragqa.cli.main import main


@pytest.fixture(autouse=True)
def fake_models(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    specs: list[str] = []

    def make(spec: str = "e5") -> HashEmbedder:
        specs.append(spec)
        return HashEmbedder()

    monkeypatch.setattr(ragqa.factory, "make_embedder", make)
    monkeypatch.setattr(ragqa.factory, "make_embedder", make)
    return specs


def _ok(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _user_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in err + out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ragqa: error: ")
    return lines[0]


def test_ingest_sources_ask_remove(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], fake_models: list[str]
) -> None:
    idx = str(tmp_path / "idx")
    out = _ok(capsys, ["ingest", str(corpus_dir), "--index", idx, "--embedder", "use"])
    assert "added 4" in out and "failed 0" in out
    assert fake_models == ["use"]  # --embedder reaches make_embedder

    out = _ok(capsys, ["sources", "--index", idx])
    for name in ("coffee.md", "hydrogen.txt", "satellite.md", "semiconductor.txt"):
        assert name in out
    assert "4 reports" in out and "hash-bigram-v1" in out

    out = _ok(capsys, ["ask", "2024년 반도체 수출액은 얼마인가?", "--index", idx, "--json", "--generator", "extractive"])
    data = json.loads(out)  # exactly one JSON object on stdout
    assert {"question", "language", "answer", "abstained", "citations", "hits", "timings_ms", "models"} <= set(data)
    assert data["question"] == "2024년 반도체 수출액은 얼마인가?"
    assert data["language"] == "ko" and data["abstained"] is False
    assert "1,419억 달러" in data["answer"]
    citation = data["citations"][0]
    assert set(citation) == {"n", "title", "source", "page", "section", "chunk_id", "quote"}
    assert citation["source"] == "semiconductor.txt" and citation["title"] == "반도체 수출 동향"
    assert "1,419억" in citation["quote"] and citation["quote"] in data["answer"]
    hit = data["hits"][0]
    assert {"rank", "chunk_id", "title", "source", "page", "score", "text"} <= set(hit)
    assert (hit["rank"], hit["source"], hit["chunk_id"]) == (1, "semiconductor.txt", citation["chunk_id"])
    assert {"retrieve", "generate", "total"} <= set(data["timings_ms"])
    assert data["models"] == {"embedder": "hash-bigram-v1", "generator": "extractive"}

    out = _ok(capsys, ["remove", "coffee.md", "--index", idx])
    assert "removed coffee.md" in out
    out = _ok(capsys, ["sources", "--index", idx, "--json"])
    assert sorted(d["source"] for d in json.loads(out)) == ["hydrogen.txt", "satellite.md", "semiconductor.txt"]


def test_ask_streams_evidence_and_citation(tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    idx = str(tmp_path / "idx")
    _ok(capsys, ["ingest", str(corpus_dir), "--index", idx])
    out = _ok(capsys, ["ask", "How many satellites were placed in orbit?", "--index", idx, "--generator", "extractive"])
    assert "2,800 satellites" in out
    assert "[1] Satellite Launch Review (satellite.md, § Satellite Launch Review)" in out


def test_ask_without_index_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _user_error(capsys, ["ask", "질문", "--index", str(tmp_path / "none"), "--generator", "extractive"])
    assert "ragqa ingest" in line


def test_remove_unknown_is_a_user_error(tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    idx = str(tmp_path / "idx")
    _ok(capsys, ["ingest", str(corpus_dir), "--index", idx])
    line = _user_error(capsys, ["remove", "nope.pdf", "--index", idx])
    assert "nope.pdf" in line and "coffee.md" in line


def test_ingest_of_only_bad_files_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    code = main(["ingest", str(folder), "--index", str(tmp_path / "idx")])
    out, err = capsys.readouterr()
    assert code != 0
    assert "empty.txt" in err and "empty" in err
    assert "Traceback" not in err


def test_ingest_refuses_other_embedder(tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    idx = str(tmp_path / "idx")
    _ok(capsys, ["ingest", str(corpus_dir), "--index", idx])
    monkeypatch.setattr(ragqa.factory, "make_embedder", lambda spec="e5": HashEmbedder("hash-other"))
    line = _user_error(capsys, ["ingest", str(corpus_dir), "--index", idx])
    assert "--rebuild" in line


def test_ask_prints_the_refusal_when_the_model_twice_answers_another_year(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: `ragqa ask` once ended with the model's wrong-year sentence although the
    answer was a refusal, and announced "the evidence instead" before a retry."""
    from fakes import ListRetriever, ScriptedGenerator

    from index.types import Hit
    from ingest.types import Chunk
    from qa.answer import Assistant
    from qa.evidence import SentenceSelector
    from qa.refusal import REFUSAL

    hits = [Hit(Chunk("b", "ko", "2023년 양자 오류 정정 예산은 412억 원으로 책정되었다.", 3, "예산"),
                0.9, "hybrid", "양자 보고서", "k.pdf")]
    wrong = "2024년 예산은 412억 원입니다 [1]."
    assistant = Assistant(ListRetriever(hits), ScriptedGenerator(wrong, wrong), SentenceSelector(None), translate=False)
    monkeypatch.setattr(ragqa.factory, "build_assistant", lambda settings, closed_book=False: assistant)
    out = _ok(capsys, ["ask", "2024년 양자 오류 정정 예산은 얼마인가?"])
    lines = [line for line in out.splitlines() if line.strip()]
    # the refusal is the answer's last word; only the closest passages follow, never as a citation
    end = lines.index("가장 가까운 구절:")
    assert lines[end - 1] == REFUSAL["ko"] and all(line.startswith("  - ") for line in lines[end + 1:])
    assert not any(line.startswith("[1]") for line in lines)
    first_reset = next(line for line in lines if "failed verification" in line)
    assert "asking it again" in first_reset and "evidence instead" not in out
