"""Reports stay current: from a report landing in a watched folder to the first question
answered from it, and to full quality (e5 added); a batch of generated Korean PDF pages,
two phases against one; and the RSS of a `ragqa watch` left running with periodic changes.

    python -m bench.watch            # ~8 minutes on 2 shared cores; writes bench/results/watch.md
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.proc import vm_status, write_json

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
QUESTIONS = 15  # asked of each batch, over its reports and pages, after each phase
TOPICS = ["강수량", "풍력 발전량", "태양광 설비", "수소 생산량", "전력 수요", "물 사용량"]


CITIES = ("서울 부산 대구 인천 광주 대전 울산 세종 수원 창원 고양 용인 성남 청주 전주 천안 안산 포항 김해 제주 "
          "평택 화성 시흥 파주 의정부 김포 광명 군포 하남 오산 이천 안성 여주 양평 춘천 원주 강릉 속초 동해 "
          "삼척 충주 제천 아산 공주 보령 서산 논산 익산 군산 정읍").split()


def fact(doc: int, page: int) -> tuple[str, str, str]:
    """(sentence, question, the value the answer must carry) for one page of one report: a
    city, a topic and a year that no other page of the run shares (up to 4,500 pages)."""
    k = (doc * 50 + page) % (len(CITIES) * len(TOPICS) * 15)
    city, topic = CITIES[k % len(CITIES)], TOPICS[k // len(CITIES) % len(TOPICS)]
    year = 2010 + k // (len(CITIES) * len(TOPICS))
    value = f"{(doc * 7919 + page * 104729) % 90000 + 10000:,}"
    return (f"{year}년 {city} 관측소의 연간 {topic}은 {value}단위로 집계되었다.",
            f"{year}년 {city} 관측소의 연간 {topic}은 얼마인가?", value)


def make_pdf(path: Path, doc: int, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("KR", "", FONT)
    pdf.set_font("KR", size=11)
    rng = random.Random(doc)
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(0, 10, f"{page}. {doc}번 보고서 {page}장 지역별 현황", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 8, fact(doc, page)[0], new_x="LMARGIN", new_y="NEXT")
        filler = " ".join(f"{rng.choice(TOPICS)} 지표는 전년 대비 {rng.randint(1, 30)}% 변동하였다." for _ in range(4))
        pdf.multi_cell(0, 7, filler, new_x="LMARGIN", new_y="NEXT")
    path.write_bytes(bytes(pdf.output()))


def _land(src: Path, folder: Path) -> float:
    """Move a finished file into the watched folder (as a copy tool's rename does); its time."""
    target = folder / src.name
    os.replace(src, target)
    return time.perf_counter()


def _documents(index_dir: Path) -> dict[str, dict]:
    from index import layout
    from index.manifest import Manifest

    version = layout.current_version(index_dir)
    if version is None:
        return {}
    return {d["source"]: d for d in Manifest.load(version / layout.MANIFEST).documents.values()}


def _until(check, timeout: float, step: float = 0.1):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        found = check()
        if found:
            return found
        time.sleep(step)
    raise TimeoutError(f"not done in {timeout}s")


def landing(embedder: object, tmp: Path) -> list[dict]:
    """A watch in a thread of this process (the embedder shared, as `ragqa watch` loads it once)."""
    from ragqa.live.session import Session
    from ragqa.settings import Settings
    from ragqa.live.watch import watch

    folder, staging = tmp / "watched", tmp / "staging"
    folder.mkdir()
    staging.mkdir()
    settings = Settings(index_dir=tmp / "idx", embedder="e5+use", generator="extractive")
    stop, lines = threading.Event(), []
    thread = threading.Thread(target=watch, args=([folder], settings, embedder, stop),
                              kwargs={"poll": 0.5, "settle": 1.5, "say": lines.append}, daemon=True)
    thread.start()
    _until(lambda: (settings.index_dir / "CURRENT").exists(), 60)
    session = Session(settings, load_embedder=lambda spec: embedder, load_generator=lambda s: None)
    rows = []
    make_pdf(staging / "report10.pdf", 1, 10)
    (staging / "memo.txt").write_text("# 관측 메모\n\n" + fact(2, 1)[0] + "\n", encoding="utf-8")
    for name, (_, question, value) in [("report10.pdf", fact(1, 7)), ("memo.txt", fact(2, 1))]:
        landed = _land(staging / name, folder)
        _until(lambda name=name: name in _documents(settings.index_dir), 300, 0.05)
        answer = session.assistant().ask(question)
        answered = time.perf_counter() - landed
        _until(lambda name=name: not _documents(settings.index_dir)[name]["pending_parts"], 600, 0.1)
        full = time.perf_counter() - landed
        full_answer = session.assistant().ask(question)
        rows.append({"report": name, "answerable_s": answered, "full_quality_s": full,
                     "answered": value in answer.text, "answered_full": value in full_answer.text})
    stop.set()
    thread.join(60)
    return rows


def batch(embedder: object, tmp: Path, docs: int, pages: int, *, two_phase: bool, full: bool = True) -> dict:
    from index.build import ingest_paths
    from index.phases import SLOW_PARTS, complete_pending
    from ragqa.live.session import Session
    from ragqa.settings import Settings

    folder = tmp / f"batch-{docs}x{pages}-{two_phase}"
    folder.mkdir()
    for d in range(docs):
        make_pdf(folder / f"r{d:03d}.pdf", 100 + d, pages)
    settings = Settings(index_dir=tmp / f"idx-{docs}x{pages}-{two_phase}", embedder="e5+use", generator="extractive")
    started = time.perf_counter()
    report = ingest_paths([folder], settings.index_dir, embedder, deferred=SLOW_PARTS if two_phase else ())
    session = Session(settings, load_embedder=lambda spec: embedder, load_generator=lambda s: None)
    asked = [fact(100 + d, p)[1:] for d in range(docs) for p in (2, pages // 2, pages - 1)][:QUESTIONS]
    first = fact(100 + docs // 2, pages // 2)[1]
    session.assistant().ask(first)  # the first question answered from the new version is part of the time
    answerable = time.perf_counter() - started
    answered = _score(session, asked)
    total, answered_full = answerable, answered
    if two_phase and full:
        complete_pending(settings.index_dir, embedder)
        total = time.perf_counter() - started
        answered_full = _score(session, asked)
    return {"pages": docs * pages, "mode": "two phases" if two_phase else "one phase",
            "chunks": report.chunks_total, "units": report.units_total, "answerable_s": answerable,
            "full_quality_s": total if full or not two_phase else None, "answered": answered,
            "answered_full": answered_full if full or not two_phase else None}


def _score(session: object, asked: list[tuple[str, str]]) -> str:
    """How many questions the extractive answer gets right (the value quoted), as "n/m"."""
    assistant = session.assistant()
    return f"{sum(value in assistant.ask(q).text for q, value in asked)}/{len(asked)}"


def memory(tmp: Path, seconds: float, every: float = 10.0) -> dict:
    """RSS of `ragqa watch` (e5+use) while a report is added, edited or removed every ``every`` s."""
    folder = tmp / "mem"
    folder.mkdir()
    (folder / "base.txt").write_text("# 기준\n\n" + fact(3, 1)[0] + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "ragqa.cli", "watch", str(folder), "--index", str(tmp / "mem-idx")],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples: list[tuple[float, float]] = []
    started = time.perf_counter()
    try:
        _until(lambda: (tmp / "mem-idx" / "CURRENT").exists(), 120, 0.5)
        t0, n = time.perf_counter(), 0
        while time.perf_counter() - t0 < seconds:
            n += 1
            path = folder / f"change{n % 5}.txt"
            if path.exists() and n % 3 == 0:
                path.unlink()
            else:
                path.write_text(f"# 변경 {n}\n\n" + " ".join(fact(4, n + i)[0] for i in range(6)) + "\n", encoding="utf-8")
            deadline = time.perf_counter() + every
            while time.perf_counter() < deadline:
                samples.append((time.perf_counter() - t0, vm_status(proc.pid)["VmRSS"]))
                time.sleep(2.0)
    finally:
        proc.send_signal(2)
        code = proc.wait(60)
    rss = [r for _, r in samples]
    third = max(1, len(rss) // 3)
    return {"seconds": time.perf_counter() - started, "changes": n, "samples": len(rss),
            "rss_first_third_mb": sum(rss[:third]) / third, "rss_last_third_mb": sum(rss[-third:]) / third,
            "rss_max_mb": max(rss), "exit_code": code}


def render(result: dict) -> str:
    lines = [f"# Reports stay current ({result['date']})", "",
             f"Machine: {os.cpu_count()} cores, shared; load average at start {result['load']}. "
             "Embedders e5+use (defaults); extractive answers. Timings are noisy: read them as orders "
             "of magnitude and ratios.", "",
             "## A report lands in a watched folder", "",
             "| report | answerable s | full quality s | answered (fast / full) |", "|---|---|---|---|"]
    for r in result["landing"]:
        lines.append(f"| {r['report']} | {r['answerable_s']:.1f} | {r['full_quality_s']:.1f} | "
                     f"{r['answered']} / {r['answered_full']} |")
    lines += ["", "From the file's rename into the folder to a question answered from it (includes the "
              "1.5 s settle wait and ~0.5 s polling), and to the version with its e5 vectors. A report of "
              "fewer than 8 chunks (the memo) is embedded in one phase.", "",
              "## A batch of generated Korean PDF pages", "",
              "| pages | mode | chunks | units | answerable s | full quality s | answered (fast / full) |", "|---|---|---|---|---|---|---|"]
    for r in result["batch"]:
        full = f"{r['full_quality_s']:.1f}" if r["full_quality_s"] is not None else "not measured"
        lines.append(f"| {r['pages']} | {r['mode']} | {r['chunks']} | {r['units']} | {r['answerable_s']:.1f} | "
                     f"{full} | {r['answered']} / {r.get('answered_full')} |")
    lines += ["", f"answered: the extractive answer quotes the value, for {QUESTIONS} questions spread over "
              "the batch's reports and pages (one city, topic and year per page). Two phases' full-quality "
              "time includes asking them once in between (~3 s). The 700-page row stops after the fast phase "
              "(e5 for 4,200 texts is ~10 minutes here)."]
    m = result["memory"]
    lines += ["", "## `ragqa watch` left running", "",
              f"{m['changes']} changes (add, edit, delete a small report every 10 s) over {m['seconds']:.0f} s: "
              f"RSS {m['rss_first_third_mb']:.0f} MB (mean of the first third of {m['samples']} samples) -> "
              f"{m['rss_last_third_mb']:.0f} MB (last third), max {m['rss_max_mb']:.0f} MB; "
              f"exit code after Ctrl-C {m['exit_code']}.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--batch-docs", type=int, default=6)
    p.add_argument("--batch-pages", type=int, default=25, help="pages per report of the compared batch")
    p.add_argument("--big-docs", type=int, default=14, help="the fast-phase batch: reports of 50 pages")
    p.add_argument("--memory-s", type=float, default=150.0)
    p.add_argument("--only", choices=["landing", "batch", "big", "memory"], action="append",
                   help="rerun these sections only, keeping the others from bench/results/watch.json")
    args = p.parse_args(argv)
    sections = set(args.only or ["landing", "batch", "big", "memory"])
    from index.embedders import make_embedder

    saved = RESULTS / "watch.json"
    result = json.loads(saved.read_text(encoding="utf-8")) if args.only and saved.exists() else {}
    result |= {"date": time.strftime("%Y-%m-%d %H:%M"), "load": ", ".join(f"{x:.2f}" for x in os.getloadavg())}
    embedder = make_embedder("e5+use")
    embedder.embed_documents(["warm-up"])
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        tmp = Path(tmp)
        if "landing" in sections:
            result["landing"] = landing(embedder, tmp)
            print(result["landing"], flush=True)
        rows = {(r["pages"], r["mode"]): r for r in result.get("batch", [])}
        if "batch" in sections:
            for two_phase in (True, False):
                r = batch(embedder, tmp, args.batch_docs, args.batch_pages, two_phase=two_phase)
                rows[(r["pages"], r["mode"])] = r
                print(r, flush=True)
        if "big" in sections and args.big_docs:
            r = batch(embedder, tmp, args.big_docs, 50, two_phase=True, full=False)
            r["mode"] += " (fast phase only)"
            rows[(r["pages"], r["mode"])] = r
            print(r, flush=True)
        result["batch"] = sorted(rows.values(), key=lambda r: (r["pages"], r["mode"]))
        if "memory" in sections:
            result["memory"] = memory(tmp, args.memory_s)
    text = render(result)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "watch.md").write_text(text, encoding="utf-8")
    write_json(RESULTS / "watch.json", result)


if __name__ == "__main__":
    main()
