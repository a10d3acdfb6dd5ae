"""The answer-level peer benchmark: the set's schema, grading, the table, and one run on fakes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fakes import DATA, HashEmbedder, ScriptedGenerator

from bench.answer_grading import (
    cites_page,
    grade,
    key_point_coverage,
    load_questions,
    numbers_stated,
    peer_refused,
    states_point,
)
from bench.answer_peer import (
    check_sources,
    main,
    peer_messages,
    pick_items,
    run_benchmark,
    write_results,
)
from bench.answer_table import path_label, render_markdown, summarize
from core.errors import RagError


def _item(**changes: object) -> dict:
    item = {"id": "q1", "question": "2025년 국내 양자컴퓨팅 스타트업은 몇 개인가?", "language": "ko",
            "answers": ["37개"], "key_points": ["37개"], "source": "korean_report.pdf", "page": 2, "type": "fact",
            "domain": "market", "layout": "text", "split": "test"}
    return item | changes


def _write(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return path


# --- the question set -----------------------------------------------------------------


def test_a_good_set_loads(tmp_path: Path) -> None:
    items = load_questions(_write(tmp_path / "q.jsonl", [_item(), _item(id="q2", type="refusal", answers=[],
                                                                         key_points=[], page=None)]))
    assert [i["id"] for i in items] == ["q1", "q2"]


@pytest.mark.parametrize(("change", "message"), [
    ({"answers": "144"}, "'answers' must be a list of strings"),
    ({"key_points": "37개"}, "'key_points' must be a list of strings"),
    ({"answers": [144]}, "'answers' must be a list of strings"),
    ({"language": "jp"}, "'language' is 'jp'"),
    ({"page": 0}, "'page' must be a page number"),
    ({"answers": []}, "needs at least one acceptable answer"),
])
def test_a_bad_item_is_named_by_file_and_line(tmp_path: Path, change: dict, message: str) -> None:
    path = _write(tmp_path / "q.jsonl", [_item(), _item(id="q2", **change)])
    with pytest.raises(RagError, match=message) as caught:
        load_questions(path)
    assert f"{path}, line 2" in str(caught.value)


def test_a_missing_key_is_named(tmp_path: Path) -> None:
    item = _item()
    del item["key_points"], item["domain"]
    with pytest.raises(RagError, match=r"line 1: missing key_points, domain"):
        load_questions(_write(tmp_path / "q.jsonl", [item]))


def test_the_command_stops_on_a_bad_set_before_loading_anything(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = _write(tmp_path / "q.jsonl", [_item(answers="37개")])
    assert main(["--set", str(path)]) != 0
    assert f"{path}, line 1: 'answers' must be a list" in capsys.readouterr().err


def test_grading_refuses_a_string_of_answers() -> None:
    with pytest.raises(TypeError, match="'answers' must be a list"):
        grade(_item(answers="37"), "3과 7", False, [])


def test_split_limit_and_sources(tmp_path: Path) -> None:
    items = [_item(id=f"q{n}", split="test" if n % 2 else "tune") for n in range(6)]
    assert [i["id"] for i in pick_items(items, "test", 2)] == ["q1", "q3"]
    assert len(pick_items(items, "all", None)) == 6
    (tmp_path / "korean_report.pdf").write_bytes(b"%PDF")
    check_sources(items, [tmp_path / "korean_report.pdf"], tmp_path)
    with pytest.raises(RagError, match="not in .*: other.pdf"):
        check_sources([_item(source="other.pdf")], [tmp_path / "korean_report.pdf"], tmp_path)


# --- grading ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "refused"), [
    ("모릅니다.", True),
    ("문맥에 해당 정보가 없습니다.", True),
    ("주어진 문맥에서는 알 수 없습니다.", True),
    ("I don't know.", True),
    ("The answer is not in the context.", True),
    ("", True),
    ("2024년에는 변동이 없습니다.", False),
    ("스타트업은 37개입니다.", False),
    ("There were 37 start-ups.", False),
])
def test_peer_refusals(text: str, refused: bool) -> None:
    assert peer_refused(text) is refused


def test_a_refusal_item_is_right_when_refused() -> None:
    item = _item(type="refusal", answers=[], key_points=[], page=None)
    assert grade(item, "모릅니다.", True, []).correct
    wrong = grade(item, "37개입니다.", False, [("korean_report.pdf", 2)])
    assert not wrong.correct and wrong.right_page is None and wrong.key_point_coverage is None


def test_an_answerable_item_needs_the_answer_and_no_refusal() -> None:
    right = grade(_item(), "국내 스타트업은 총 37개입니다 [1].", False, [("korean_report.pdf", 2)])
    assert right.correct and right.numbers_stated == 1.0 and right.right_page
    assert not grade(_item(), "370개입니다.", False, []).correct
    assert not grade(_item(), "보고서에 없음. 37개", True, []).correct


def test_both_systems_are_graded_against_the_question_they_were_asked() -> None:
    item = _item(question="서울과 부산 중 어느 쪽이 더 많아?", answers=["부산"])
    assert not grade(item, "서울과 부산 중 서울이 더 많습니다 [1].", False, []).correct
    assert grade(item, "부산이 더 많습니다 [1].", False, []).correct


@pytest.mark.parametrize(("text", "point", "stated"), [
    ("예산은 412억원입니다.", "412억 원", True),  # a number by value
    ("예산은 41.2억 원입니다.", "412억 원", False),
    ("Capacity reached 83 GW.", "83 gigawatts", False),  # a unit is part of the point: by tokens, not value
    ("수출 증가는 메모리 반도체 가격이 회복된 덕분이다.", "메모리 반도체 가격 회복이 수출 증가를 이끌었다", True),
    ("수출이 늘었다.", "메모리 반도체 가격 회복이 수출 증가를 이끌었다", False),
    ("매출은 전년 대비 15% 증가했다.", "매출은 전년 대비 12% 증가", False),  # words match, the number does not
    ("매출은 전년 대비 12% 증가했다.", "매출은 전년 대비 12% 증가", True),
    ("Offshore wind capacity reached 83 gigawatts.", "offshore wind capacity reached 83 gigawatts", True),
])
def test_key_points_by_value_and_by_tokens(text: str, point: str, stated: bool) -> None:
    assert states_point(text, point) is stated


def test_key_point_coverage_is_a_share() -> None:
    coverage = key_point_coverage("예산은 412억 원, 스타트업은 37개.", ["412억 원", "37개", "128 큐비트"])
    assert coverage == pytest.approx(2 / 3)
    assert key_point_coverage("아무 말", []) is None


def test_numbers_stated_by_value_once_per_quantity() -> None:
    assert numbers_stated("1750억 원입니다 [1].", ["1,750억 원", "175 billion won"]) == 1.0
    assert numbers_stated("근거 [1]만 있습니다.", ["1"]) == 0.0  # a citation mark is not a number
    assert numbers_stated("128과 64", ["128", "256"]) == 0.5
    assert numbers_stated("네이버", ["네이버"]) is None


def test_right_page_compares_file_names_and_pages() -> None:
    assert cites_page(_item(), [("/x/y/korean_report.pdf", 2)]) is True
    assert cites_page(_item(), [("korean_report.pdf", 3), ("other.pdf", 2)]) is False
    assert cites_page(_item(page=None), [("korean_report.pdf", 2)]) is None


# --- the table --------------------------------------------------------------------------


def _graded(correct: bool, path: str = "llm", seconds: float = 1.0, page: bool | None = True) -> dict:
    return {"correct": correct, "refused": False, "key_point_coverage": 1.0 if correct else 0.0,
            "numbers_stated": None, "right_page": page, "latency_s": seconds, "path": path,
            "path_label": path, "text": "", "cited": []}


def test_summary_counts_and_renders_side_by_side() -> None:
    rows = [
        {"id": "a", "type": "fact", "domain": "finance", "language": "ko",
         "ours": _graded(True, seconds=2.0), "peer": _graded(False, seconds=1.0)},
        {"id": "b", "type": "table", "domain": "finance", "language": "en",
         "ours": _graded(True, "quote", 4.0), "peer": _graded(True, seconds=3.0, page=False)},
        {"id": "c", "type": "refusal", "domain": "legal", "language": "ko",
         "ours": _graded(False, "abstain", 6.0, None), "peer": _graded(True, seconds=5.0, page=None)},
    ]
    summary = summarize(rows)
    overall = summary["overall"]
    assert (overall["only_ours"], overall["only_peer"], overall["both"], overall["neither"]) == (1, 1, 1, 0)
    assert overall["ours"]["accuracy"] == pytest.approx(2 / 3)
    assert overall["peer"]["right_page"] == 0.5  # the refusal item has no page to cite
    assert overall["ours"]["numbers_stated"] is None
    assert overall["ours"]["latency_p50_s"] == 4.0
    assert list(summary["by_type"]) == ["fact", "table", "refusal"]
    assert list(summary["by_our_path"]) == ["llm", "quote", "abstain"]
    text = render_markdown(summary, {"set": "questions.jsonl", "split": "test"}, rows)
    assert "| all | 3 | 0.67 / 0.67 | 0.67 / 0.67 | – / – | 1.00 / 0.50 | 4.0 / 3.0 | 1 | 1 | 1 |" in text
    assert "| quote | 1 | 1.00 / 1.00 |" in text
    assert "| a | fact | ko | right (llm) | wrong (llm) |" in text
    assert "| b |" not in text.split("Where they disagree")[1]


def test_a_failed_answer_counts_as_wrong_without_a_latency() -> None:
    from bench.answer_peer import _failed

    rows = [{"id": "a", "type": "fact", "domain": "public", "language": "en",
             "ours": _failed(RuntimeError("model died")), "peer": _graded(True, seconds=2.0)}]
    overall = summarize(rows)["overall"]
    assert overall["ours"]["accuracy"] == 0.0 and overall["only_peer"] == 1
    assert "| all | 1 | 0.00 / 1.00 | – / 1.00 | – / – | – / 1.00 | – / 2.0 |" in render_markdown(summarize(rows), {})


@pytest.mark.parametrize(("path", "abstained", "label"), [
    ("llm", False, "llm"), ("llm-retry", True, "abstain"), ("extractive-fallback", False, "quote"),
    ("abstain", True, "abstain"),
])
def test_path_labels(path: str, abstained: bool, label: str) -> None:
    assert path_label(path, abstained) == label


def test_the_peer_prompt_follows_the_question_language() -> None:
    ko = peer_messages("몇 개인가?", "ko", ["문맥 A", "문맥 B"])[0]["content"]
    assert ko.startswith("다음 문맥만 사용해 질문에 답하세요. 문맥에 없으면 모른다고 답하세요.")
    assert "문맥 A\n\n문맥 B" in ko and ko.endswith("질문: 몇 개인가?\n답변:")
    assert "say that you do not know" in peer_messages("How many?", "en", ["x"])[0]["content"]


# --- one run on fakes -------------------------------------------------------------------


def test_both_systems_answer_with_one_generator(tmp_path: Path) -> None:
    from ragqa.settings import Settings

    (tmp_path / "pdfs").mkdir()
    shutil.copy(DATA / "korean_report.pdf", tmp_path / "pdfs")
    items = [_item(), _item(id="q2", question="양자 오류 정정 예산은 얼마인가?", answers=["412억 원"],
                            key_points=["412억 원"], page=3)]
    # The first question goes to the peer first, the second to ours first.
    generator = ScriptedGenerator("국내 양자컴퓨팅 스타트업은 37개입니다.",
                                  "2025년 국내 양자컴퓨팅 스타트업은 총 37개입니다 [1].",
                                  "양자 오류 정정 예산은 412억 원으로 책정되었습니다 [1].",
                                  "모릅니다.")
    embedder = HashEmbedder()
    lines: list[str] = []
    rows, built = run_benchmark(items, [tmp_path / "pdfs" / "korean_report.pdf"], generator=generator,
                                embedder=embedder, peer_embedder=embedder,
                                settings=Settings(index_dir=tmp_path / "unused", generator="extractive"),
                                index_dir=tmp_path / "index", log=lines.append)
    assert len(generator.calls) == 4
    assert generator.messages[0][0]["content"].startswith("다음 문맥만 사용해")
    assert "37개로 집계" in generator.messages[0][0]["content"]
    assert generator.calls[0][1:] == (built["max_tokens"], built["temperature"])  # the assistant's budget
    first, second = rows
    assert first["ours"]["correct"] and first["peer"]["correct"]
    assert first["peer"]["cited"] == [{"source": "korean_report.pdf", "page": 2}] and first["peer"]["right_page"]
    assert second["ours"]["correct"] and second["ours"]["path_label"] == "llm" and second["ours"]["right_page"]
    assert second["peer"]["refused"] and not second["peer"]["correct"]
    assert [line.split(":")[0] for line in lines if line.startswith("[")] == ["[1/2] q1 ko fact", "[2/2] q2 ko fact"]
    paths = write_results(tmp_path / "out", rows, {"set": "q.jsonl", "split": "test"} | built)
    assert "| all | 2 | 1.00 / 0.50 |" in paths["md"].read_text(encoding="utf-8")
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["summary"]["overall"]["only_ours"] == 1


def test_the_peer_replayed_from_an_earlier_run_is_graded_again_and_never_asked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bench.answer_peer as ap
    from ragqa.settings import Settings

    (tmp_path / "pdfs").mkdir()
    shutil.copy(DATA / "korean_report.pdf", tmp_path / "pdfs")
    monkeypatch.setattr(ap, "build_peer_store", lambda *a, **k: pytest.fail("the peer was built"))
    generator = ScriptedGenerator("2025년 국내 양자컴퓨팅 스타트업은 총 37개입니다 [1].")
    earlier = {"q1": {"text": "스타트업은 37개입니다.", "path": "llm", "correct": False, "latency_s": 2.5,
                      "cited": [{"source": "korean_report.pdf", "page": 2}]}}
    embedder = HashEmbedder()
    rows, _ = run_benchmark([_item()], [tmp_path / "pdfs" / "korean_report.pdf"], generator=generator,
                            embedder=embedder, peer_embedder=embedder,
                            settings=Settings(index_dir=tmp_path / "unused", generator="extractive"),
                            index_dir=tmp_path / "index", log=lambda _: None, peer_from=earlier)
    assert len(generator.calls) == 1  # ours only
    peer = rows[0]["peer"]
    assert peer["text"] == "스타트업은 37개입니다." and peer["replayed"]
    assert peer["correct"] and peer["right_page"] and peer["latency_s"] == 2.5  # graded now, not copied


def test_an_unreadable_earlier_run_is_named(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "answer_peer.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["--peer-from", str(bad), "--set", str(_write(tmp_path / "q.jsonl", [_item()])),
                 "--pdfs", str(DATA)]) != 0
    assert str(bad) in capsys.readouterr().err
