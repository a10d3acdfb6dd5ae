"""How PDFs are read: `python -m bench.pdf_reading [--pdfs DIR] [--set QUESTIONS]`.

For every PDF of a folder (default eval/realdocs/pdfs), the evidence units the index would
hold when its pages are read by pypdf's line order (before) and by ingest.pdf's reading order
(after): units, sentences that are a wrapped-line fragment (no sentence ending, under 40
characters, not a heading), table rows spelled out with their column names, pages named as
having no text; and, over the question set, the share of answerable questions whose answer
sits in one unit of the right page (a unit the model could be shown). No model is loaded.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import time
from collections.abc import Sequence
from pathlib import Path

from eval.scoring import answer_matches
from ingest.chunk import chunk_document
from ingest.clean import clean_text
from ingest.pdf import read_pages
from ingest.types import Document, Page
from ingest.units import chunk_units

ROOT = Path(__file__).resolve().parents[1]
_ENDED = re.compile(r"(?:[.!?。]|다|음|함|됨|임|요|\))[\"'”’)\]]*$")


def _pypdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def _units(texts: list[str], name: str) -> list[tuple[int | None, str, str]]:
    pages = tuple(Page(i + 1, clean_text(t)) for i, t in enumerate(texts) if t.strip())
    doc = Document(name, name, name, "ko", "", pages)
    return [(chunk.page, unit.kind, unit.text) for chunk in chunk_document(doc) for unit in chunk_units(chunk)]


def _fragment(kind: str, text: str) -> bool:
    return kind == "sentence" and len(text) < 40 and not _ENDED.search(text.strip()) and not re.match(
        r"^(?:\d+[.)]|[IVX]+\.|[가-하]\.|<|\[|■|□|○)", text.strip())


def measure(pdfs: Sequence[Path], questions: Sequence[dict]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for label, reader in (("pypdf lines (before)", lambda d: _pypdf_pages(d)),
                          ("reading order (after)", lambda d: read_pages(d).pages)):
        totals = {"pdfs": 0, "units": 0, "fragments": 0, "rows": 0, "textless_pages": 0, "seconds": 0.0}
        units_of: dict[str, list[tuple[int | None, str, str]]] = {}
        for path in pdfs:
            data = path.read_bytes()
            start = time.perf_counter()
            texts = reader(data)
            units = _units(texts, path.name)
            totals["seconds"] += time.perf_counter() - start
            totals["pdfs"] += 1
            totals["units"] += len(units)
            totals["fragments"] += sum(_fragment(k, t) for _, k, t in units)
            totals["rows"] += sum(k == "row" for _, k, _ in units)
            totals["textless_pages"] += sum(not t.strip() for t in texts)
            units_of[path.name] = units
        answerable = [q for q in questions if q.get("answers") and q.get("page") and q["source"] in units_of]
        held = sum(any(page == q["page"] and answer_matches(text, q["answers"]) for page, _, text in units_of[q["source"]])
                   for q in answerable)
        totals["answer_in_one_unit"] = held / len(answerable) if answerable else None
        totals["n_questions"] = len(answerable)
        out[label] = totals
    return out


def render(result: dict[str, dict]) -> str:
    lines = ["| reading | PDFs | evidence units | wrapped-line fragments | table rows with headers "
             "| pages named textless | answer in one unit of its page | seconds |", "|" + "---|" * 8]
    for label, t in result.items():
        share = "—" if t["answer_in_one_unit"] is None else f"{100 * t['answer_in_one_unit']:.1f}% of {t['n_questions']}"
        lines.append(f"| {label} | {t['pdfs']} | {t['units']} | {t['fragments']} ({100 * t['fragments'] / max(t['units'], 1):.1f}%) "
                     f"| {t['rows']} | {t['textless_pages']} | {share} | {t['seconds']:.1f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pdfs", type=Path, default=ROOT / "eval" / "realdocs" / "pdfs")
    p.add_argument("--set", type=Path, default=ROOT / "eval" / "realdocs" / "questions.jsonl")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = p.parse_args(argv)
    questions = [json.loads(line) for line in args.set.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = measure(sorted(args.pdfs.glob("*.pdf")), questions)
    table = render(result)
    print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pdf_reading.md").write_text("# How PDFs are read\n\n`python -m bench.pdf_reading` on "
                                             f"{args.pdfs.relative_to(ROOT) if args.pdfs.is_relative_to(ROOT) else args.pdfs.name}"
                                             f"\n\n{table}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
