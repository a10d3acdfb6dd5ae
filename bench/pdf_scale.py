"""Ingest time at scale: `python -m bench.pdf_scale [--pages 720] [--work DIR]`.

Builds a set of about ``--pages`` PDF pages by regenerating the eval/realdocs reports
(eval/realdocs/make.py, 64 pages a copy) with every digit of copy k rotated by k (3 -> 3+k
mod 10): the layouts stay, and each copy's passages differ, so ingest embeds every one (it
embeds a repeated text once). Then times the two-phase ingest as `ragqa ingest` runs it
(index.phases): seconds until the reports are answerable (BM25 and USE published, checked by
a retrieval) and until full quality (e5 and the evidence units' vectors added). The embedder
loads before the clock starts. With ``--pages`` below the target, the table extrapolates
linearly per page (parsing and embedding are per page and per passage); say so when quoting.
Also times OCR per scanned page (ingest.ocr) when tesseract is installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAKE = ROOT / "eval" / "realdocs" / "make.py"
TARGET_PAGES = 720
TARGET_ANSWERABLE_S = 60.0
TARGET_FULL_S = 600.0
SCANS = {"public-haeon-welfare-plan-2025.pdf": 4, "legal-2024na20871-lease-deposit-appeal.pdf": 3,
         "finance-onsae-retail-2024-audit.pdf": 1}


def build_set(out: Path, pages: int, font: str) -> tuple[int, int]:
    """Regenerated copies of the realdocs reports in ``out`` until ``pages`` pages; (files, pages)."""
    import fpdf
    from pypdf import PdfReader

    spec = importlib.util.spec_from_file_location("realdocs_make", MAKE)
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    original = fpdf.FPDF.normalize_text
    out.mkdir(parents=True, exist_ok=True)
    files = total = copy = 0
    with tempfile.TemporaryDirectory() as tmp:
        font = make.strip_hinting(font, tmp)
        try:
            while total < pages:
                table = str.maketrans("0123456789", "".join(str((d + copy) % 10) for d in range(10)))
                fpdf.FPDF.normalize_text = lambda self, text, t=table: original(self, text.translate(t))
                for name, build in make.DOCS.items():
                    data = build(font)
                    (out / f"c{copy:02d}-{name}").write_bytes(data)
                    files += 1
                    total += len(PdfReader(out / f"c{copy:02d}-{name}").pages)
                    if total >= pages:
                        break
                copy += 1
        finally:
            fpdf.FPDF.normalize_text = original
    return files, total


def time_ingest(pdfs: Path, index_dir: Path, embedder_name: str) -> dict:
    from index.build import ingest_paths
    from index.embedders import make_embedder
    from index.phases import SLOW_PARTS, complete_pending
    from index.retriever import HybridRetriever, IndexReader

    start = time.perf_counter()
    embedder = make_embedder(embedder_name)
    embedder.embed_query("모델 적재")  # models load lazily: load them before the clock
    loaded = time.perf_counter() - start
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), _cpu()
    report = ingest_paths([pdfs], index_dir, embedder, deferred=SLOW_PARTS)
    hits = HybridRetriever(IndexReader.open(index_dir), embedder).retrieve("517번 노선의 2024년 일평균 승객 수", 5)
    answerable, answerable_cpu = time.perf_counter() - start, _cpu() - cpu
    backfill = complete_pending(index_dir, embedder)
    full, full_cpu = time.perf_counter() - start, _cpu() - cpu
    return {"model_load_s": loaded, "answerable_s": answerable, "full_s": full, "answerable_cpu_s": answerable_cpu,
            "full_cpu_s": full_cpu, "load_before": load, "load_after": os.getloadavg()[0], "chunks": report.chunks_total,
            "units": report.units_total, "failed": len(report.failed), "answerable_hits": len(hits),
            "completed": len(backfill.completed), "textless_files": len(report.textless)}


def _cpu() -> float:
    """CPU seconds of this process and of its finished children: the processes that read PDFs."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def ocr_seconds_per_page() -> float | None:
    from ingest.ocr import ocr_pages, tesseract_ready

    if not tesseract_ready():
        return None
    start = time.perf_counter()
    for name, page in SCANS.items():
        ocr_pages((ROOT / "eval" / "realdocs" / "pdfs" / name).read_bytes(), [page])
    return (time.perf_counter() - start) / len(SCANS)


def render(run: dict) -> str:
    scale = TARGET_PAGES / run["pages"]
    rows = [("measured", run["pages"], run["files"], run["chunks"], run["units"], run["answerable_s"], run["full_s"],
             run["answerable_cpu_s"], run["full_cpu_s"])]
    if abs(scale - 1) > 0.05:
        rows.append((f"extrapolated x{scale:.2f}", TARGET_PAGES, round(run["files"] * scale), round(run["chunks"] * scale),
                     round(run["units"] * scale), run["answerable_s"] * scale, run["full_s"] * scale,
                     run["answerable_cpu_s"] * scale, run["full_cpu_s"] * scale))
    lines = [("| run | pages | PDFs | passages | evidence units | answerable (s) | full quality (s) "
              "| answerable ≤ 60 s | full ≤ 600 s | CPU to answerable (s) | CPU to full (s) |"), "|" + "---|" * 11]
    for label, pages, files, chunks, units, answerable, full, cpu_a, cpu_f in rows:
        at_target = abs(pages / TARGET_PAGES - 1) <= 0.05  # the targets are for 720 pages
        ok_a = ("yes" if answerable <= TARGET_ANSWERABLE_S else "no") if at_target else "—"
        ok_f = ("yes" if full <= TARGET_FULL_S else "no") if at_target else "—"
        lines.append(f"| {label} | {pages} | {files} | {chunks} | {units} | {answerable:.0f} | {full:.0f} | {ok_a} | {ok_f} "
                     f"| {cpu_a:.0f} | {cpu_f:.0f} |")
    per = run["pages"]
    lines.append("")
    lines.append(f"CPU time of the ingest process (all its threads) and of the processes that read PDFs: {run['answerable_cpu_s']:.0f} s to answerable, "
                 f"{run['full_cpu_s']:.0f} s to full quality; the 1-minute load average was {run['load_before']:.1f} "
                 f"before and {run['load_after']:.1f} after (2 cores): wall time here includes waiting for them.")
    lines.append(f"Per page: {run['answerable_s'] / per:.2f} s to answerable, {run['full_s'] / per:.2f} s to full quality; "
                 f"embedder load {run['model_load_s']:.0f} s (before the clock); the answerable index answered a "
                 f"retrieval with {run['answerable_hits']} hits; {run['failed']} files failed.")
    if run.get("ocr_s_per_page") is not None:
        lines.append(f"OCR (ingest.ocr, 300 dpi, kor+eng, one thread): {run['ocr_s_per_page']:.1f} s per scanned page "
                     f"(mean of the {len(SCANS)} realdocs scans).")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.pdf_scale", description=__doc__.splitlines()[0])
    p.add_argument("--pages", type=int, default=TARGET_PAGES)
    p.add_argument("--work", type=Path, default=None, help="where the PDFs and the index go (default: a temp dir)")
    p.add_argument("--font", default="/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
    p.add_argument("--embedder", default="e5+use")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        files, pages = build_set(work / "pdfs", args.pages, args.font)
        run = {"files": files, "pages": pages} | time_ingest(work / "pdfs", work / "index", args.embedder)
    run["ocr_s_per_page"] = ocr_seconds_per_page()
    table = render(run)
    print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pdf_scale.json").write_text(json.dumps(run, indent=1) + "\n", encoding="utf-8")
    (args.out / "pdf_scale.md").write_text(f"# Ingest time at scale\n\n`python -m bench.pdf_scale --pages {args.pages}` "
                                           f"(niceness {os.nice(0)}, {os.cpu_count()} cores)\n\n" + table + "\n",
                                           encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
