"""`python -m bench.summary`: how long a summary of a ~40-page report takes on this machine.

No report in the corpus is that long, so one is made: the corpus reports one after another,
typeset into an A4 PDF with a Hangul font (fpdf2) until it fills PAGES pages, then indexed
once with the project's embedders (cached under .cache/bench-summary by the PDF's hash).
The question goes through the whole assistant (which report is meant, key sentences, model
passes, support check); the timings are the answer's own, plus wall time to each event."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGES = 40
FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
QUESTIONS = {"ko": "이 보고서를 요약해줘", "en": "Summarize this report."}
_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<[^>]+>|&[a-z]+;")


def make_report(out: Path, corpus: Path, font: str, pages: int = PAGES) -> Path:
    """The corpus reports typeset one after another until ``pages`` pages are full."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2026, 12, 5, tzinfo=dt.UTC))
    pdf.set_title("Long report for the summary benchmark")
    pdf.add_font("KR", "", font)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(22, 20, 22)  # a report's page, not a dense dump: ~1,700 characters a page
    pdf.add_page()
    for source in sorted(corpus.glob("*.txt")):
        for block in source.read_text(encoding="utf-8").split("\n\n"):
            # a report's lines (bullets, table rows) stay lines: only runs of spaces are closed up
            lines = [" ".join(line.split()) for line in _NOISE.sub(" ", block).splitlines()]
            text = "\n".join(line for line in lines if line)
            if not text:
                continue
            if pdf.page_no() >= pages and pdf.get_y() > pdf.h - 40:
                break
            heading = text.startswith("#")
            pdf.set_font("KR", size=14 if heading else 11.5)
            pdf.multi_cell(0, 7.5, text.lstrip("# "), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        if pdf.page_no() >= pages and pdf.get_y() > pdf.h - 40:
            break
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def indexed(pdf: Path, cache: Path) -> Path:
    """An index of ``pdf`` alone, built once per PDF content."""
    from index.build import ingest_paths
    from index.embedders import make_embedder
    from ragqa.settings import Settings

    key = hashlib.sha256(pdf.read_bytes()).hexdigest()[:12]
    index_dir = cache / f"index-{key}"
    if not (index_dir / "CURRENT").exists():
        started = time.perf_counter()
        ingest_paths([pdf], index_dir, make_embedder(Settings().embedder))
        print(f"indexed {pdf.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return index_dir


def run(index_dir: Path, lang: str) -> dict[str, Any]:
    """One summary, timed event by event."""
    from eval.longform import is_supported, shown_sentences
    from qa.events import EvidenceReady, Final, Progress
    from ragqa.factory import build_assistant
    from ragqa.settings import Settings

    assistant = build_assistant(Settings(index_dir=index_dir))
    question = QUESTIONS[lang]
    events: list[dict[str, Any]] = []
    started = time.perf_counter()
    final = None
    for event in assistant.stream(question):
        at = round(time.perf_counter() - started, 1)
        if isinstance(event, EvidenceReady):
            events.append({"at": at, "event": "evidence"})
        elif isinstance(event, Progress):
            events.append({"at": at, "event": f"{event.stage} {event.done}/{event.total}"})
        elif isinstance(event, Final):
            final = event.answer
            events.append({"at": at, "event": "final"})
    assert final is not None
    shown = shown_sentences(final.text)
    supported = [is_supported(s, final.evidence, [question]) for s in shown]
    return {"question": question, "seconds": events[-1]["at"], "events": events, "path": final.path.value,
            "answer": final.text, "sentences": len(shown), "supported": sum(supported),
            "tokens": {"in": final.tokens.prompt, "out": final.tokens.generated},
            "dropped": [p.detail for p in final.problems],
            "timings_ms": dict(final.timings_ms), "threads": os.environ.get("RAGQA_THREADS", "")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.summary", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--font", default=os.environ.get("RAGQA_FONT", FONT))
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "bench-summary")
    parser.add_argument("--lang", choices=tuple(QUESTIONS), default="ko")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "summary.json")
    args = parser.parse_args(argv)
    pdf = make_report(args.cache / "long-report.pdf", args.corpus, args.font)
    index_dir = indexed(pdf, args.cache)
    from index.retriever import IndexReader

    doc = next(iter(IndexReader.open(index_dir).docs.values()))
    result = {"date": dt.date.today().isoformat(), "pages": doc.n_pages, "chars": pdf.stat().st_size,
              **run(index_dir, args.lang)}
    previous = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps([*previous, result], ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
