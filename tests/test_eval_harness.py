"""The eval harness and its report, driven by a scripted assistant: no model, no index."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

import ragqa.factory
from eval.harness import report_stem, run_items, warm_up, write_report
from eval.sets import load_items, spread
from eval.report import cell, make_figure, percentile, render_markdown, summarize
from eval.scoring import score_item
from index.types import Hit
from ingest.types import Chunk
from qa.types import Answer, Citation
from ragqa.cli.main import main
from core.errors import RagError
from qa.types import AnswerPath
from ragqa.settings import Settings

SPRI = "spri-global-large-scale-ai-models-2020-2023.txt"
EVIDENCE = "총 144개(누적)의 초거대 AI 모델이 출시되었음"
ITEMS = [
    {"id": "total-ko", "question": "초거대 AI 모델은 모두 몇 개인가요?", "language": "ko", "answers": ["144"],
     "source": SPRI, "evidence": EVIDENCE, "type": "fact"},
    {"id": "total-en", "question": "How many large-scale AI models were released?", "language": "en",
     "answers": ["144"], "source": SPRI, "evidence": EVIDENCE, "type": "cross-lingual"},
    {"id": "ref-ko", "question": "2019년에는 몇 개가 출시됐나요?", "language": "ko", "answers": [],
     "source": None, "evidence": None, "type": "refusal"},
]


def _hit(text: str, source: str = SPRI, n: int = 0) -> Hit:
    return Hit(Chunk(f"c{n}", "d1", text, page=2), 1.0 - n / 10, "hybrid", title="SPRI", source=source)


def _answer(question: str, text: str, *, path: str, abstained: bool = False, hits: tuple[Hit, ...] = (),
            quote: str = "", total: float = 100.0, first: float | None = None) -> Answer:
    citations = (Citation(1, "SPRI", SPRI, 2, "c0", quote),) if quote else ()
    timings = {"retrieve": 5.0, "total": total} | ({"first_token": first} if first is not None else {})
    return Answer(question, "ko", text, abstained, AnswerPath(path), citations=citations, hits=hits,
                  timings_ms=timings)


class ScriptedAssistant:
    """Stands in for qa.answer.Assistant: scripted answers per (question, closed_book); records calls."""

    def __init__(self, script: dict[tuple[str, bool], Answer | Exception]) -> None:
        self.script = script
        self.calls: list[tuple[str, bool]] = []
        self.models = {"embedder": "hash-bigram-v1", "generator": "scripted"}
        self.retriever = None
        self.selector = None

    def ask(self, question: str, *, closed_book: bool = False) -> Answer:
        self.calls.append((question, closed_book))
        reply = self.script[(question, closed_book)]
        if isinstance(reply, Exception):
            raise reply
        return reply


def _script() -> dict[tuple[str, bool], Answer | Exception]:
    ko, en, ref = (i["question"] for i in ITEMS)
    noise = _hit("전혀 다른 문장입니다.", n=0)
    right = _hit(f"2020~2023년 기간에 전 세계적으로 {EVIDENCE} | 표", n=1)
    return {
        (ko, True): _answer(ko, "모름", path="closed-book", abstained=True, total=50.0, first=20.0),
        (ko, False): _answer(ko, "총 144개입니다 [1].", path="llm", hits=(right, noise), quote=EVIDENCE,
                             total=300.0, first=120.0),
        (en, True): _answer(en, "About 150 models.", path="closed-book", total=70.0, first=30.0),
        (en, False): _answer(en, "144 models [1].", path="llm-retry", hits=(noise, right), quote=EVIDENCE,
                             total=900.0, first=400.0),
        (ref, True): _answer(ref, "3개 | 아마\n추정", path="closed-book", total=60.0, first=25.0),
        (ref, False): _answer(ref, "제공된 보고서에는 없습니다.", path="abstain", abstained=True, total=40.0),
    }


@pytest.fixture
def rows() -> list[dict]:
    return run_items(ScriptedAssistant(_script()), ITEMS, ("closed", "open"))


# --- running ------------------------------------------------------------------------


def test_run_items_asks_each_item_closed_then_open_once() -> None:
    assistant = ScriptedAssistant(_script())
    seen: list[str] = []
    rows = run_items(assistant, ITEMS, ("closed", "open"), on_row=lambda r: seen.append(r["id"]))
    assert assistant.calls == [(i["question"], cb) for i in ITEMS for cb in (True, False)]
    assert [(r["id"], r["mode"]) for r in rows] == [(i["id"], m) for i in ITEMS for m in ("closed", "open")]
    assert seen == [r["id"] for r in rows]
    first_open = rows[1]
    assert first_open["answer"] == "총 144개입니다 [1]." and first_open["path"] == "llm"
    assert first_open["timings_ms"]["first_token"] == 120.0
    assert first_open["hits"][0] == {"rank": 1, "source": SPRI, "page": 2, "chunk_id": "c1", "score": 0.9}
    assert "text" not in first_open["hits"][0]  # the index has the text; rows stay small


def test_run_items_open_only_never_asks_closed_book() -> None:
    assistant = ScriptedAssistant(_script())
    rows = run_items(assistant, ITEMS, ("open",))
    assert all(not closed for _, closed in assistant.calls) and {r["mode"] for r in rows} == {"open"}


def test_a_failing_answer_is_an_error_row_and_a_failing_generator_stops_the_run() -> None:
    script = _script() | {(ITEMS[1]["question"], False): RuntimeError("decode failed")}
    rows = run_items(ScriptedAssistant(script), ITEMS, ("closed", "open"))
    bad = rows[3]
    assert bad["error"] == "RuntimeError: decode failed" and bad["path"] == "error" and bad["correct"] is False
    down = {key: RuntimeError("server down") for key in _script()}
    with pytest.raises(RagError, match="3 answers in a row failed"):
        run_items(ScriptedAssistant(down), ITEMS, ("closed", "open"))


def test_warm_up_loads_retriever_and_scorer_without_asking() -> None:
    calls: list[tuple[str, object]] = []
    assistant = ScriptedAssistant(_script())
    assistant.retriever = type("R", (), {"retrieve": lambda self, q, k=5: calls.append(("retrieve", k)) or []})()
    assistant.selector = type("S", (), {"select": lambda self, q, hits: calls.append(("select", q))})()
    warm_up(assistant, "질문")
    assert calls == [("retrieve", 1), ("retrieve", 1), ("select", "질문")] and assistant.calls == []
    warm_up(ScriptedAssistant({}), "closed-book only: nothing to load")


def test_load_items_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(ITEMS[0]) + "\n\n" + json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(RagError, match=r"line 3: missing question"):
        load_items(path)


# --- summary ------------------------------------------------------------------------


@pytest.mark.parametrize(("values", "q", "expected"), [
    ([], 50, None), ([7.0], 95, 7.0), ([1, 2, 3, 4], 50, 2.5), ([10, 20, 30, 40, 50], 95, 48.0),
])
def test_percentile_interpolates_like_numpy(values: list[float], q: float, expected: float | None) -> None:
    assert percentile(values, q) == pytest.approx(expected) if expected is not None else percentile(values, q) is None


def test_summarize_compares_modes_per_language_and_type(rows: list[dict]) -> None:
    s = summarize(rows)["modes"]
    closed, opened = s["closed"], s["open"]
    assert closed["answerable_accuracy"] == 0.0 and opened["answerable_accuracy"] == 1.0
    assert opened["by_language"]["en"]["answerable_accuracy"] == 1.0
    assert opened["by_type"]["refusal"]["accuracy"] == 1.0 and closed["by_type"]["refusal"]["accuracy"] == 0.0
    assert opened["hit_at_1"] == 0.5 and opened["hit_at_5"] == 1.0 and opened["mrr"] == pytest.approx(0.75)
    assert opened["citation_correct"] == 1.0
    assert opened["refusal_precision"] == 1.0 and opened["refusal_recall"] == 1.0
    assert closed["refusal_precision"] == 0.0 and closed["refusal_recall"] == 0.0
    assert opened["paths"] == pytest.approx({"llm": 1 / 3, "llm-retry": 1 / 3, "abstain": 1 / 3})
    assert closed["paths"] == pytest.approx({"closed-book (abstained)": 1 / 3, "closed-book": 2 / 3})
    assert opened["latency_ms"]["total_p50"] == 300.0
    assert opened["latency_ms"]["first_token_n"] == 2  # the abstention streamed nothing
    assert opened["by_language"]["ko"]["latency_ms"]["total_p50"] == pytest.approx(170.0)


# --- markdown -----------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("a | b", "a \\| b"), ("첫 줄\n둘째 줄", "첫 줄<br>둘째 줄"), ("x\r\ny", "x<br>y"), (None, ""), (0.5, "0.5"),
])
def test_cell_escapes_pipes_and_newlines(raw: object, expected: str) -> None:
    assert cell(raw) == expected


def test_cell_shortens_long_answers() -> None:
    assert cell("가" * 300, 10) == "가" * 9 + "…"


def test_markdown_has_headline_sections_and_one_row_per_question(rows: list[dict]) -> None:
    meta = {"generator": "embedded (qwen-small)", "model": "small", "embedder": "e5+use",
            "index": ".index (5 reports)", "items": "3 of 147"}
    md = render_markdown(rows, summarize(rows), meta)
    assert "lift of **+100.0 points**" in md
    for heading in ("## By language", "## By type", "## Retrieval, evidence and citations (open-book)",
                    "## Where wrong answers were lost (open-book)", "## Refusal", "## Latency (ms)", "## Answer paths",
                    "## Per question"):
        assert heading in md
    assert "**embedder**: e5+use" in md and "**items**: 3 of 147" in md and "**model**: small" in md
    table = md.split("## Per question")[1].strip().splitlines()
    assert len(table) == 2 + len(ITEMS)
    ref_row = next(line for line in table if line.startswith("| ref-ko"))
    assert "3개 \\| 아마<br>추정" in ref_row
    assert ref_row.replace("\\|", "").count("|") == 10  # 9 columns: the escaped pipe did not add one
    assert ref_row.endswith("| ✗ | ✓ | abstain |  |")  # a refusal item is never "lost"


def test_markdown_of_one_mode_leaves_the_other_blank(rows: list[dict]) -> None:
    opened = [r for r in rows if r["mode"] == "open"]
    md = render_markdown(opened, summarize(opened), {"generator": "extractive"})
    assert "lift of" not in md and "| total-ko | ko | fact | — |" in md


# --- figure and files ---------------------------------------------------------------


def _texts(ax) -> tuple[list[str], list[str]]:
    legend = ax.get_legend()
    return ([t.get_text() for t in legend.get_texts()] if legend else [],
            [t.get_text() for t in ax.get_xticklabels()])


def test_figure_puts_closed_and_open_side_by_side(rows: list[dict]) -> None:
    fig = make_figure(summarize(rows), "scripted")
    by_type, by_lang, retrieval = fig.axes
    legend, ticks = _texts(by_type)
    assert legend == ["closed-book", "open-book"] and ticks == ["cross-lingual", "fact", "refusal", "all"]
    legend, ticks = _texts(by_lang)
    assert legend == ["closed-book", "open-book"] and ticks == ["en", "ko", "all"]
    # Two series of bars per group, each labelled with its value in percent.
    assert len(by_lang.containers) == 2
    assert [t.get_text() for t in by_lang.texts] == ["0", "0", "0", "100", "100", "100"]
    legend, ticks = _texts(retrieval)
    assert legend == ["hit@1", "hit@5", "MRR", "evidence recall", "citation correct"] and ticks == ["en", "ko", "all"]


def test_figure_without_open_book_says_so(rows: list[dict]) -> None:
    closed = [r for r in rows if r["mode"] == "closed"]
    fig = make_figure(summarize(closed))
    assert _texts(fig.axes[0])[0] == ["closed-book"]
    assert [t.get_text() for t in fig.axes[2].texts] == ["no open-book run"]


def test_write_report_writes_md_json_and_png(tmp_path: Path, rows: list[dict]) -> None:
    paths = write_report(tmp_path / "reports", "2025-01-02-embedded-small", rows, {"generator": "embedded"})
    assert [p.name for p in paths.values()] == [f"2025-01-02-embedded-small.{e}" for e in ("md", "json", "png")]
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert len(data["rows"]) == 6 and data["rows"][1]["answer"] == "총 144개입니다 [1]."
    assert data["summary"]["modes"]["open"]["answerable_accuracy"] == 1.0 and data["meta"]["generator"] == "embedded"
    assert paths["md"].read_text(encoding="utf-8").startswith("# Eval: closed-book vs open-book")


@pytest.mark.parametrize(("overrides", "stem"), [
    ({"generator": "extractive"}, "2025-01-02-extractive"),
    ({"generator": "embedded", "model": "small"}, "2025-01-02-embedded-small"),
    ({"generator": "embedded", "model": "/m/Qwen2.5 0.5B.gguf"}, "2025-01-02-embedded-Qwen2.5_0.5B"),
    ({"generator": "openai", "openai_model": "qwen2.5:7b"}, "2025-01-02-openai-qwen2.5_7b"),
])
def test_report_stem(overrides: dict, stem: str) -> None:
    settings = replace(Settings(), **overrides)
    assert report_stem(dt.date(2025, 1, 2), settings.generator, settings.model_label) == stem


def test_cli_eval_builds_one_assistant_and_writes_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    built: list[bool] = []

    def build(settings: Settings, *, closed_book: bool = False) -> ScriptedAssistant:
        built.append(closed_book)
        return ScriptedAssistant(_script())

    monkeypatch.setattr(ragqa.factory, "build_assistant", build)
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in ITEMS), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["eval", "--set", str(facts), "--generator", "extractive", "--limit", "2", "--out", str(out)])
    stdout, stderr = capsys.readouterr()
    assert code == 0, stderr
    assert built == [False]
    stem = f"{dt.date.today().isoformat()}-extractive"
    assert sorted(p.name for p in out.iterdir()) == [f"{stem}.{e}" for e in ("json", "md", "png")]
    assert "open-book 100.0%" in stdout and "eval" in stderr  # the progress bar is on stderr
    assert "**items**: 2 of 3" in (out / f"{stem}.md").read_text(encoding="utf-8")

    assert main(["eval", "--set", str(facts), "--mode", "closed", "--out", str(out)]) == 0
    assert built == [False, True]  # closed-book alone loads no index or embedder
    assert main(["eval", "--set", str(facts), "--limit", "0", "--out", str(out)]) != 0
    assert main(["eval", "--set", str(facts), "--sample", "0", "--out", str(out)]) != 0

    class AnyQuestion(ScriptedAssistant):
        def ask(self, question: str, *, closed_book: bool = False) -> Answer:
            return _answer(question, "총 144개입니다 [1].", path="llm")

    monkeypatch.setattr(ragqa.factory, "build_assistant", lambda settings, **_: AnyQuestion({}))
    capsys.readouterr()
    assert main(["eval", "--set", str(facts), "--robustness", "--sample", "2", "--out", str(out)]) == 0
    _, stderr = capsys.readouterr()
    assert "robustness 1: " in stderr  # a line per answer: an hour-long run shows it is moving
    assert (out / "robustness" / f"{dt.date.today().isoformat()}-embedded-default.md").exists()


# --- citation scoring of table rows (eval.scoring) ----------------------------------


@pytest.mark.parametrize(("evidence", "quote", "ok"), [
    ("HyperCLOVA X 네이버", "[표 2] 현황 2023 → 모델명: HyperCLOVA X, 개발주체: 네이버, 분야: 언어", True),
    ("한국 80.5 86.2 87.7", "국가: 한국, 2018: 80.5, 2019: 86.2, 2020: 87.7", True),
    ("한국 80.5 86.2 87.7", "국가: 일본, 2018: 80.5, 2019: 86.2, 2020: 87.7", False),
    ("영국 1 3 1", "영국 → 2020년: 2, 2021년: 4, 2022년: 2, 합계 2023", False),  # no "1" inside "2021"
    ("Mi:dm 200B KT", "모델명: Mi:dm 200B" + ", 기타" * 60 + ", 개발주체: KT", False),  # too far apart
])
def test_a_spelled_out_table_row_cites_the_raw_row(evidence: str, quote: str, ok: bool) -> None:
    item = {"id": "t", "type": "table", "language": "ko", "answers": ["x"], "source": SPRI, "evidence": evidence}
    answer = {"answer": "x", "citations": [{"source": SPRI, "quote": quote}], "hits": []}
    assert score_item(item, answer)["citation_correct"] is ok


@pytest.mark.parametrize(("text", "ok"), [
    ("South Korea ranks globally by number of models [3].", False),
    ("It ranks third [1][2].", True),
    ("한국은 3위입니다 [1, 2].", True),
    ("총 144개 [3]", False),
])
def test_a_citation_mark_is_not_a_number_in_the_answer(text: str, ok: bool) -> None:
    item = {"id": "r", "type": "fact", "language": "en", "answers": ["3", "third"]}
    assert score_item(item, {"answer": text})["correct"] is ok


def test_a_sample_is_spread_over_the_set_not_its_first_items() -> None:
    items = [{"id": f"{report}-{i}"} for report in "abcd" for i in range(5)]
    assert [x["id"] for x in spread(items, 4)] == ["a-0", "b-0", "c-0", "d-0"]
    assert spread(items, 50) == items
