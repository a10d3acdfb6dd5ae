"""The `ragqa` command line: ingest, sources, remove, ask, models, eval, ui."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from ragqa.errors import RagError
from ragqa.settings import PROJECT_ROOT, Settings


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", type=Path, help="index directory (default: $RAGQA_INDEX or ./.index)")
    common.add_argument("--embedder", help="e5+use (default), e5, use, st:<model path or hub id>, joined with +")
    common.add_argument("--debug", action="store_true", help="show tracebacks")

    p = argparse.ArgumentParser(prog="ragqa", description="보고서 QA: cited answers from Korean and English reports")
    sub = p.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", parents=[common], help="add or update reports in the index")
    ing.add_argument("paths", nargs="*", type=Path, help="files or folders (default: corpus/)")
    ing.add_argument("--rebuild", action="store_true", help="ignore the existing index and build anew")
    ing.add_argument("--wait", type=float, default=0.0, help="seconds to wait for another running ingest")
    ing.add_argument("--max-mb", type=float, default=50.0, help="largest file accepted, in MB")
    ing.add_argument("--chunk-size", type=int, default=None, help="characters per chunk (default 500)")

    src = sub.add_parser("sources", parents=[common], help="list the indexed reports")
    src.add_argument("--json", action="store_true")

    rm = sub.add_parser("remove", parents=[common], help="remove a report from the index")
    rm.add_argument("doc", help="file name or document id (see `ragqa sources`)")

    ask = sub.add_parser("ask", parents=[common], help="ask a question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("-k", type=int, default=5, help="passages to retrieve")
    ask.add_argument("--generator", choices=["embedded", "openai", "extractive"])
    ask.add_argument("--model", help="embedded model name (default, small) or a .gguf path")
    ask.add_argument("--closed-book", action="store_true", help="no retrieval: the model alone")
    ask.add_argument("--openai-base-url")
    ask.add_argument("--openai-model")
    ask.add_argument("--timeout", type=float, help="seconds to wait for the openai server (default 60)")

    models = sub.add_parser("models", parents=[common], help="offline generator models")
    msub = models.add_subparsers(dest="models_command", required=True)
    pull = msub.add_parser("pull", parents=[common], help="assemble and verify a bundled model")
    pull.add_argument("name", nargs="?", default="default")
    msub.add_parser("list", parents=[common], help="registered models and where they are")
    ev = sub.add_parser("eval", parents=[common], help="score closed-book vs open-book on the facts set")
    ev.add_argument("--set", type=Path, default=PROJECT_ROOT / "eval" / "facts.jsonl")
    ev.add_argument("--generator", choices=["embedded", "openai", "extractive"])
    ev.add_argument("--model", help="embedded model name (default, small) or a .gguf path")
    ev.add_argument("--limit", type=int, default=None, help="score only the first N items")
    ev.add_argument("--mode", choices=["open", "closed", "both"], default="both")
    ev.add_argument("--out", type=Path, default=PROJECT_ROOT / "eval" / "reports")
    ev.add_argument("--openai-base-url")
    ev.add_argument("--openai-model")

    ui = sub.add_parser("ui", parents=[common], help="start the chat UI")
    ui.add_argument("--host", default="127.0.0.1", help="listen address (default: this machine only)")
    ui.add_argument("--port", type=int, default=7860)
    ui.add_argument("--generator", choices=["embedded", "openai", "extractive"])
    ui.add_argument("--model", help="embedded model name (default, small) or a .gguf path")
    ui.add_argument("--openai-base-url")
    ui.add_argument("--openai-model")
    ui.add_argument("--timeout", type=float, help="seconds to wait for the openai server (default 60)")
    return p


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    overrides: dict = {}
    if getattr(args, "index", None):
        overrides["index_dir"] = args.index
    if getattr(args, "embedder", None):
        overrides["embedder"] = args.embedder
    for name in ("generator", "model", "openai_base_url", "openai_model"):
        if getattr(args, name, None):
            overrides[name] = getattr(args, name)
    if getattr(args, "chunk_size", None):
        overrides["chunking"] = replace(settings.chunking, size=args.chunk_size)
    if getattr(args, "wait", None):
        overrides["lock_wait"] = args.wait
    if getattr(args, "max_mb", None):
        overrides["max_mb"] = args.max_mb
    if getattr(args, "k", None):
        overrides["k"] = args.k
    if getattr(args, "timeout", None):
        overrides["request_timeout"] = args.timeout
    return replace(settings, **overrides)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from index.build import ingest_paths
    from index.embedders import make_embedder

    paths = args.paths or [PROJECT_ROOT / "corpus"]
    report = ingest_paths(
        paths, settings.index_dir, make_embedder(settings.embedder), settings.chunking,
        rebuild=args.rebuild, lock_timeout=settings.lock_wait, max_bytes=int(settings.max_mb * 1024 * 1024),
    )
    for path, twin in report.duplicates:
        print(f"duplicate: {path} has the same content as {twin}; not indexed again")
    for path, reason in report.failed:
        print(f"failed: {path}: {reason}", file=sys.stderr)
    print(report.summary())
    return 1 if report.failed and not (report.added or report.updated or report.skipped) else 0


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    from index.retriever import IndexReader

    reader = IndexReader.open(settings.index_dir)
    docs = sorted(reader.docs.values(), key=lambda d: d.source)
    if args.json:
        print(json.dumps([d.__dict__ for d in docs], ensure_ascii=False, indent=1))
        return 0
    for d in docs:
        print(f"{d.source}\t{d.n_chunks} chunks\t{d.title}")
    print(f"{len(docs)} reports, {reader.manifest.n_chunks} chunks, embedder {reader.manifest.embedder}")
    return 0


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from index.build import remove_document

    removed = remove_document(settings.index_dir, args.doc, lock_timeout=settings.lock_wait)
    print(f"removed {removed.source} ({removed.n_chunks} chunks)")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from qa.answer import answer_to_dict
    from qa.factory import build_assistant

    if not args.question.strip():
        raise ValueError("the question is empty; ask something, e.g. ragqa ask \"한국은 몇 위인가?\"")
    assistant = build_assistant(settings, closed_book=args.closed_book)
    if args.json:
        answer = assistant.ask(args.question, k=settings.k, closed_book=args.closed_book)
        print(json.dumps(answer_to_dict(answer), ensure_ascii=False, indent=1))
        return 0
    final = None
    for event in assistant.stream(args.question, k=settings.k, closed_book=args.closed_book):
        if event.kind == "evidence":
            print(f"[근거/evidence] {event.text}\n", flush=True)
        elif event.kind == "token":
            print(event.text, end="", flush=True)
        elif event.kind == "reset":
            print("\n(the model's answer failed verification; showing the evidence instead)")
        elif event.kind == "final":
            final = event.answer
    if final is not None:
        if final.path in ("extractive", "abstain", "extractive-fallback", "closed-book") or not assistant.llm:
            print(final.text)
        print()
        for c in final.citations:
            page = f", p.{c.page}" if c.page else (f", § {c.section}" if c.section else "")
            print(f"[{c.n}] {c.title} ({c.source}{page}): “{c.quote}”")
    return 0


def cmd_models(args: argparse.Namespace, settings: Settings) -> int:
    from qa import models

    if args.models_command == "pull":
        path = models.pull_model(args.name, settings.models_dir)
        print(f"{args.name}: {path} (size and sha256 verified)")
        return 0
    for name, spec in models.REGISTRY.items():
        path = settings.models_dir / spec.filename
        print(f"{name}\t{spec.filename}\t{'pulled' if path.exists() else 'not pulled'}\t{path}")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from eval.harness import run_from_cli

    return run_from_cli(args, settings)


def cmd_ui(args: argparse.Namespace, settings: Settings) -> int:
    import ui

    ui.launch(settings, host=args.host, port=args.port)
    return 0


COMMANDS = {"ingest": cmd_ingest, "sources": cmd_sources, "remove": cmd_remove, "ask": cmd_ask,
            "models": cmd_models, "eval": cmd_eval, "ui": cmd_ui}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
        return COMMANDS[args.command](args, settings)
    except (RagError, ValueError, OSError) as exc:  # expected failures: one line, no traceback
        if args.debug:
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"ragqa: error: {message}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
