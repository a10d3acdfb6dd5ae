"""What each `ragqa` subcommand does, given its flags and the settings built from them."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable

from eval.harness import describe_run, modes_for, report_stem
from eval.harness import evaluate as run_evaluation
from eval.human import run_human_eval
from eval.retrieval import retriever_table
from eval.robustness import run_robustness, write_robustness_report
from eval.sets import load_items, spread
from index.phases import SLOW_PARTS
from qa import models as model_registry
from qa.events import EvidenceReady, Final, Reset, Token
from qa.serialize import answer_to_dict
from qa.types import AnswerPath, location
from ragqa import factory
from ragqa.settings import PROJECT_ROOT, Settings
from ragqa.stores.owners import known_owners, owner_lookup, owner_of

_AFTER_RESET = {
    AnswerPath.LLM_RETRY: "asking it again",
    AnswerPath.EXTRACTIVE_FALLBACK: "showing the evidence instead",
    AnswerPath.ABSTAIN: "the reports do not cover what was asked",
}


def progress_lines() -> Callable[[str], None] | None:
    """One line per file and stage on stderr when it is not a terminal (a log, a pipe, cron):
    there tqdm's bars are off and a long ingest would otherwise say nothing until the end."""
    if sys.stderr.isatty():
        return None
    return lambda message: print(message, file=sys.stderr, flush=True)


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    paths = args.paths or [PROJECT_ROOT / "corpus"]
    check_ocr(settings)
    embedder = factory.make_embedder(settings.embedder)
    progress = progress_lines()
    store = factory.index_store(settings, owner=owner_lookup(settings.index_dir))
    report = store.ingest(
        paths, embedder, settings.chunking,
        rebuild=args.rebuild, lock_timeout=settings.lock_wait, max_bytes=int(settings.max_mb * 1024 * 1024),
        progress=progress, deferred=() if args.one_phase else SLOW_PARTS, ocr=settings.page_reader,
    )
    out = sys.stderr if args.json else sys.stdout
    for path, twin in report.duplicates:
        print(f"duplicate: {path} has the same content as {twin}; not indexed again", file=out)
    for path, reason in report.failed:
        print(f"failed: {path}: {reason}", file=sys.stderr)
    print(report.summary(), file=out, flush=True)
    if report.pending:
        print(f"answerable now; computing {'+'.join(report.pending_parts)} for {len(report.pending)} "
              "reports (full quality when done)", file=out, flush=True)
    if getattr(args, "later", False):
        if args.json:
            print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return 1 if report.failed and not (report.added or report.updated or report.skipped) else 0
    # Also resumes what a run killed during this step left pending.
    backfill = store.complete_pending(embedder, lock_timeout=max(settings.lock_wait, 30.0), progress=progress)
    if backfill.completed:
        print(f"full quality: {len(backfill.completed)} reports completed in {backfill.seconds:.1f}s",
              file=out, flush=True)
    if args.json:
        print(json.dumps(report.to_dict() | {"completed": backfill.to_dict()}, ensure_ascii=False, indent=1))
    return 1 if report.failed and not (report.added or report.updated or report.skipped) else 0


def check_ocr(settings: Settings) -> None:
    """Asked for OCR without Tesseract: say so before any model loads, not at the first scan."""
    from ingest.ocr import OcrUnavailableError, tesseract_ready

    if settings.ocr and not tesseract_ready():
        raise OcrUnavailableError()


def sources(args: argparse.Namespace, settings: Settings) -> int:
    store = factory.index_store(settings)
    manifest = store.manifest()
    docs = sorted(store.docs().values(), key=lambda d: d.source)
    listed = manifest.documents
    if args.json:
        owners = known_owners(settings.index_dir, store)
        uploads = (settings.index_dir / "uploads").resolve()
        rows = [d.__dict__ | {"n_units": listed.get(d.doc_id, {}).get("n_units"),
                              "pending_parts": d.pending_parts, "complete": not d.pending_parts,
                              "workspace": owner_of(d, owners, uploads)}
                for d in docs]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for d in docs:
        units = listed.get(d.doc_id, {}).get("n_units")
        state = f"pending {'+'.join(d.pending_parts)}" if d.pending_parts else "complete"
        print(f"{d.source}\t{d.n_pages or '-'} pages\t{d.n_chunks} chunks\t"
              f"{units if units is not None else '-'} units\t{d.indexed_at or '-'}\t{state}\t{d.title}")
    pending = [d.source for d in docs if d.pending_parts]
    print(f"{len(docs)} reports, {manifest.n_chunks} chunks, embedder {manifest.embedder}"
          + (f"; still being completed: {', '.join(pending)}" if pending else ""))
    return 0


def watch(args: argparse.Namespace, settings: Settings) -> int:
    import signal
    import threading

    from ragqa.live.watch import watch as follow

    folders = args.paths or [PROJECT_ROOT / "corpus"]
    check_ocr(settings)
    stop = threading.Event()

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # systemd's stop (SIGTERM) ends a watch as Ctrl-C does

    signal.signal(signal.SIGTERM, interrupt)
    try:
        follow(folders, settings, factory.make_embedder(settings.embedder), stop,
               poll=args.poll, settle=args.settle, say=lambda line: print(line, flush=True),
               progress=progress_lines(), defer=not args.one_phase)
    except KeyboardInterrupt:
        stop.set()
        print("watch: stopped", flush=True)  # an ingest cut short published nothing
    return 0


def remove(args: argparse.Namespace, settings: Settings) -> int:
    removed = factory.index_store(settings).remove(args.doc, lock_timeout=settings.lock_wait)
    print(f"removed {removed.source} ({removed.n_chunks} chunks)")
    return 0


def ask(args: argparse.Namespace, settings: Settings) -> int:
    if not args.question.strip():
        raise ValueError("the question is empty; ask something, e.g. ragqa ask \"한국은 몇 위인가?\"")
    server = getattr(args, "server", None) or os.environ.get("RAGQA_SERVER")
    if server:
        return _ask_server(args, settings, server)
    assistant = factory.build_assistant(settings, closed_book=args.closed_book)
    if args.json:
        answer = assistant.ask(args.question, k=settings.k, closed_book=args.closed_book)
        print(json.dumps(answer_to_dict(answer), ensure_ascii=False, indent=1))
        return 0
    shown = ""
    for event in assistant.stream(args.question, k=settings.k, closed_book=args.closed_book):
        match event:
            case EvidenceReady(answer=quoted):
                shown = quoted.text
                print(f"[근거/evidence] {shown}\n", flush=True)
            case Token(text=text):
                print(text, end="", flush=True)
            case Reset(problems=problems, then=then):
                why = "; ".join(p.detail for p in problems)
                print(f"\n(the model's answer failed verification: {why}; {_AFTER_RESET[then]})", flush=True)
            case Final(answer=answer, replaces_stream=replaces):
                if replaces and answer.text != shown:
                    print(answer.text)
                print()
                for c in answer.citations:
                    where = f", {c.location}" if c.location else ""
                    print(f"[{c.n}] {c.title} ({c.source}{where}): “{c.quote}”")
                if answer.abstained and answer.evidence:
                    # a refusal shows where it looked, never as a citation
                    print("closest passages:" if answer.language == "en" else "가장 가까운 구절:")
                    for e in answer.evidence[:3]:
                        where = f", {location(e.hit.chunk.page, e.hit.chunk.section)}" if e.hit.chunk.page or \
                            e.hit.chunk.section else ""
                        print(f"  - {e.hit.title} ({e.hit.source}{where}): “{e.text}”")
    return 0


def _ask_server(args: argparse.Namespace, settings: Settings, server: str) -> int:
    """`ask --server`: the same output, from a running `ragqa serve`; no models loaded here."""
    from ragqa.cli import client

    options = {"k": settings.k, "closed_book": args.closed_book, "generator": args.generator,
               "api_key": args.api_key or os.environ.get("RAGQA_API_KEY"),
               "timeout": args.timeout or client.DEFAULT_TIMEOUT}
    if args.json:
        print(json.dumps(client.ask(server, args.question, **options), ensure_ascii=False, indent=1))
        return 0
    shown = ""
    for event in client.stream(server, args.question, **options):
        if event["type"] == "evidence":
            shown = event["text"]
            print(f"[근거/evidence] {shown}\n", flush=True)
        elif event["type"] == "token":
            print(event["text"], end="", flush=True)
        elif event["type"] == "reset":
            why = "; ".join(p["detail"] for p in event["problems"])
            print(f"\n(the model's answer failed verification: {why}; {_AFTER_RESET[AnswerPath(event['then'])]})",
                  flush=True)
        elif event["type"] == "final":
            answer = event["answer"]
            if event["replaces_stream"] and answer["answer"] != shown:
                print(answer["answer"])
            print()
            for c in answer["citations"]:
                where = f", {location(c['page'], c['section'])}" if location(c["page"], c["section"]) else ""
                print(f"[{c['n']}] {c['title']} ({c['source']}{where}): “{c['quote']}”")
    return 0


def serve(args: argparse.Namespace, settings: Settings) -> int:
    from ragqa.live.session import Session
    from ragqa.service.app import serve as run_service

    run_service(Session(settings), host=args.host, port=args.port,
                api_key=args.api_key or os.environ.get("RAGQA_API_KEY") or None, max_queue=args.max_queue,
                request_timeout=args.request_timeout, rate_limit=args.rate_limit)
    return 0


def models(args: argparse.Namespace, settings: Settings) -> int:
    if args.models_command == "pull":
        path = model_registry.pull_model(args.name, settings.models_dir)
        print(f"{args.name}: {path} (size and sha256 verified)")
        return 0
    for name, spec in model_registry.REGISTRY.items():
        path = settings.models_dir / spec.filename
        print(f"{name}\t{spec.filename}\t{'pulled' if path.exists() else 'not pulled'}\t{path}")
    return 0


def evaluate(args: argparse.Namespace, settings: Settings) -> int:
    for flag, value in (("--limit", args.limit), ("--sample", args.sample)):
        if value is not None and value < 1:
            raise ValueError(f"{flag} must be at least 1")
    if args.human:
        facts = [PROJECT_ROOT / "eval" / "facts.jsonl", PROJECT_ROOT / "eval" / "devset.jsonl"]
        result = run_human_eval(args.human, args.out / "human", facts_paths=facts)
        for path in result["paths"].values():
            print(f"wrote {path}")
        return 0
    items_all = load_items(args.set)
    items = items_all[: args.limit] if args.limit else items_all
    items = spread(items, args.sample) if args.sample else items
    if args.robustness:
        return _robustness(args, settings, items)
    modes = modes_for(args.mode)
    # One assistant, one model load; closed-book alone needs no index or embedder.
    assistant = factory.build_assistant(settings, closed_book=modes == ("closed",))
    date = dt.date.today()
    meta = describe_run(assistant, generator=settings.generator, model=settings.model_label,
                        index=settings.index_label, set_path=args.set, n_items=len(items),
                        n_total=len(items_all), modes=modes, date=date)
    if "open" in modes and assistant.retriever is not None:
        meta["retrievers"] = retriever_table(items, assistant.retriever)
    stem = report_stem(date, settings.generator, settings.model_label)
    for path in run_evaluation(assistant, items, modes, out_dir=args.out, stem=stem, meta=meta).values():
        print(f"wrote {path}")
    return 0


def _robustness(args: argparse.Namespace, settings: Settings, items: list[dict]) -> int:
    assistant = factory.build_assistant(settings)
    date = dt.date.today()
    answerable = sum(1 for item in items if item.get("type") != "refusal")
    done = [0]

    def progress(row: dict) -> None:  # an hour of answers must show it is moving, on a terminal or in a log
        done[0] += 1
        print(f"robustness {done[0]}: {row.get('id')} {row['kind']}: {'right' if row.get('correct') else 'wrong'}"
              f" ({answerable} items and their variants)", file=sys.stderr, flush=True)

    rows = run_robustness(lambda q: answer_to_dict(assistant.ask(q)), items, seed=args.seed, on_row=progress)
    meta = describe_run(assistant, generator=settings.generator, model=settings.model_label,
                        index=settings.index_label, set_path=args.set, n_items=len(items),
                        n_total=len(items), modes=("open",), date=date) | {"seed": args.seed}
    stem = report_stem(date, settings.generator, settings.model_label)
    for path in write_robustness_report(args.out / "robustness", stem, rows, meta).values():
        print(f"wrote {path}")
    return 0


def ui(args: argparse.Namespace, settings: Settings) -> int:
    import ui as chat_page  # gradio is heavy: only this command loads it

    chat_page.launch(settings, host=args.host, port=args.port)
    return 0
