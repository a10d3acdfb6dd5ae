"""`python -m bench.longform`: ask the assistant the long-form set's questions (summaries,
comparisons, explanations) and score each answer (eval.longform): key points stated, shown
sentences supported, seconds taken.

Rows go to a JSONL file one at a time (a later run of the same id replaces its row), so a
few questions per run add up on a shared machine; the summary is over every row in the file.
Corpus items are asked over --index (the project's corpus), realdocs items over
--realdocs-index (an index of eval/realdocs/pdfs)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from eval.longform import aggregate, human_agreement, load_longform, score_answer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "eval" / "reports" / "longform"


def read_rows(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


def write_rows(path: Path, rows: dict[str, dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows.values()), encoding="utf-8")


def ask_items(items: list[dict[str, Any]], indexes: dict[str, Path], rows_path: Path) -> None:
    """Each item asked once, scored and written before the next is asked."""
    from index.embedders import make_embedder
    from ragqa.factory import assemble, build_generator, build_retriever
    from ragqa.settings import Settings

    settings = Settings()
    generator = build_generator(settings)
    if generator is not None and os.environ.get("RAGQA_GENERATION_CACHE"):
        # drafts replayed: a rerun after a change asks the model only the prompts it changed
        from qa.generators.cache import CachedGenerator

        generator = CachedGenerator(generator, Path(os.environ["RAGQA_GENERATION_CACHE"]))
    embedder = make_embedder(settings.embedder)
    assistants: dict[str, Any] = {}
    rows = read_rows(rows_path)
    for item in items:
        corpus = item["corpus"]
        if corpus not in assistants:
            scoped = Settings(index_dir=indexes[corpus])
            assistants[corpus] = assemble(scoped, build_retriever(scoped, embedder), generator)
        started = time.perf_counter()
        answer = assistants[corpus].ask(item["question"])
        seconds = round(time.perf_counter() - started, 1)
        scored = score_answer(item, answer.text, answer.evidence, answer.abstained)
        rows[item["id"]] = {key: item[key] for key in ("id", "question", "language", "type", "split", "corpus")} | {
            "answer": answer.text, "path": answer.path.value, "abstained": answer.abstained, "seconds": seconds,
            "key_points": item["key_points"], "citations": [[c.n, c.source, c.page, c.quote] for c in answer.citations],
            **scored, "date": dt.date.today().isoformat(), "model": answer.models.get("generator", ""),
        }
        write_rows(rows_path, rows)
        print(f"{item['id']}: {seconds} s, {answer.path.value}, coverage {scored['coverage']:.2f}, "
              f"supported {sum(scored['supported'])}/{len(scored['supported'])}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.longform", description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=ROOT / "eval" / "longform.jsonl")
    parser.add_argument("--ids", default="", help="comma-separated item ids to ask")
    parser.add_argument("--split", choices=("tune", "test"), default=None)
    parser.add_argument("--type", choices=("summary", "comparison", "explanation"), default=None)
    parser.add_argument("--limit", type=int, default=0, help="ask at most this many (0: none, only summarise)")
    parser.add_argument("--index", type=Path, default=ROOT / ".index")
    parser.add_argument("--realdocs-index", type=Path, default=ROOT / ".cache" / "rd-index")
    parser.add_argument("--rows", type=Path, default=OUT / "rows.jsonl")
    parser.add_argument("--human", type=Path, default=None, help="a reviewer's judgements of rows (JSONL)")
    args = parser.parse_args(argv)
    items = load_longform(args.set)
    wanted = set(filter(None, args.ids.split(",")))
    chosen = [i for i in items if (not wanted or i["id"] in wanted) and (args.split in (None, i["split"]))
              and (args.type in (None, i["type"]))]
    if args.limit:
        ask_items(chosen[:args.limit], {"corpus": args.index, "realdocs": args.realdocs_index}, args.rows)
    rows = read_rows(args.rows)
    report: dict[str, Any] = {"rows": str(args.rows), "summary": aggregate(list(rows.values()))}
    if args.human:
        judged = [json.loads(line) for line in args.human.read_text(encoding="utf-8").splitlines() if line.strip()]
        report["human"] = human_agreement(judged, rows)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    # beside its rows, so a judged snapshot's summary does not overwrite the live one
    args.rows.with_suffix(".summary.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
