"""The `ragqa` command line: one parser for every entry point (`python ui.py` included)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import RagError
from ragqa.cli import commands
from ragqa.cli import feedback as feedback_cli
from ragqa.cli import keys as keys_cli
from ragqa.settings import GENERATORS, PROJECT_ROOT, STORES, settings_from_args


def _generator_flags(p: argparse.ArgumentParser, *, timeout: bool = True) -> None:
    p.add_argument("--generator", choices=GENERATORS)
    p.add_argument("--model", help="embedded model name (default, small) or a .gguf path")
    p.add_argument("--openai-base-url")
    p.add_argument("--openai-model")
    p.add_argument("--threads", type=int, help="threads for the embedded model (default: $RAGQA_THREADS or one per core)")
    if timeout:
        p.add_argument("--timeout", type=float, help="seconds to wait for the openai server (default 60)")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", type=Path, help="index directory (default: $RAGQA_INDEX or ./.index)")
    common.add_argument("--store", choices=STORES,
                        help="folder: FAISS + SQLite under --index (default, or $RAGQA_STORE); milvus: Milvus at "
                        "--milvus-uri")
    common.add_argument("--milvus-uri", help="PATH.db (Milvus Lite) or http://host:19530 (or $RAGQA_MILVUS_URI; "
                        "token in $RAGQA_MILVUS_TOKEN)")
    common.add_argument("--milvus-fusion", choices=("client", "rrf", "weighted"),
                        help="who fuses the Milvus rankings: client (default, as for FAISS), or Milvus with rrf or "
                        "weighted (or $RAGQA_MILVUS_FUSION)")
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
    ing.add_argument("--json", action="store_true", help="print the run's summary as one JSON object")
    ing.add_argument("--later", action="store_true",
                     help="return once the reports are answerable; the chat page or the next ingest computes the rest")
    ing.add_argument("--one-phase", action="store_true",
                     help="embed every part (e5 too) before publishing, instead of answering from BM25 and "
                     "USE first and adding e5 in a second version")
    ing.add_argument("--ocr", action="store_true",
                     help="read scanned PDF pages with Tesseract (kor+eng; 2-10 s a page; default: $RAGQA_OCR)")
    ing.set_defaults(run=commands.ingest)

    wat = sub.add_parser("watch", parents=[common], help="index a folder, then keep the index following it")
    wat.add_argument("paths", nargs="*", type=Path, help="folders to follow (default: corpus/)")
    wat.add_argument("--wait", type=float, default=60.0, help="seconds to wait for another running ingest")
    wat.add_argument("--max-mb", type=float, default=50.0, help="largest file accepted, in MB")
    wat.add_argument("--poll", type=float, default=1.0, help="seconds between looks at the folders")
    wat.add_argument("--settle", type=float, default=1.5,
                     help="seconds a file's size and time must stay unchanged before it is read")
    wat.add_argument("--one-phase", action="store_true", help="embed every part before publishing")
    wat.add_argument("--ocr", action="store_true", help="read scanned PDF pages with Tesseract (default: $RAGQA_OCR)")
    wat.set_defaults(run=commands.watch)

    src = sub.add_parser("sources", parents=[common], help="list the indexed reports")
    src.add_argument("--json", action="store_true")
    src.set_defaults(run=commands.sources)

    rm = sub.add_parser("remove", parents=[common], help="remove a report from the index")
    rm.add_argument("doc", help="file name or document id (see `ragqa sources`)")
    rm.set_defaults(run=commands.remove)

    ask = sub.add_parser("ask", parents=[common], help="ask a question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("-k", type=int, default=5, help="passages to retrieve")
    ask.add_argument("--closed-book", action="store_true", help="no retrieval: the model alone")
    ask.add_argument("--server", help="ask a running `ragqa serve` at this URL instead of loading models "
                     "(or $RAGQA_SERVER)")
    ask.add_argument("--api-key", help="the server's API key (or $RAGQA_API_KEY)")
    _generator_flags(ask)
    ask.set_defaults(run=commands.ask)

    srv = sub.add_parser("serve", parents=[common], help="serve the assistant over HTTP (OpenAI-compatible)")
    srv.add_argument("--host", default="127.0.0.1", help="listen address (default: this machine only; "
                     "any other needs --api-key)")
    srv.add_argument("--port", type=int, default=8000)
    srv.add_argument("--api-key", help="bearer token every /v1 route requires (or $RAGQA_API_KEY)")
    srv.add_argument("--max-queue", type=int, default=8, help="requests waiting for the model before 503")
    srv.add_argument("--request-timeout", type=float, default=120.0, help="seconds a request may wait and run")
    srv.add_argument("--max-mb", type=float, default=50.0, help="largest upload accepted, in MB")
    srv.add_argument("--rate-limit", type=float, default=120.0,
                     help="requests a minute each key of `ragqa keys` may make before 429 (default 120)")
    _generator_flags(srv)
    srv.set_defaults(run=commands.serve)

    models = sub.add_parser("models", parents=[common], help="offline generator models")
    msub = models.add_subparsers(dest="models_command", required=True)
    pull = msub.add_parser("pull", parents=[common], help="assemble and verify a bundled model")
    pull.add_argument("name", nargs="?", default="default")
    msub.add_parser("list", parents=[common], help="registered models and where they are")
    models.set_defaults(run=commands.models)

    ev = sub.add_parser("eval", parents=[common], help="score closed-book vs open-book on the facts set")
    ev.add_argument("--set", type=Path, default=PROJECT_ROOT / "eval" / "facts.jsonl")
    ev.add_argument("--limit", type=int, default=None, help="score only the first N items")
    ev.add_argument("--sample", type=int, default=None,
                    help="score N items spread evenly over the set (so over its reports and languages)")
    ev.add_argument("--mode", choices=["open", "closed", "both"], default="both")
    ev.add_argument("--out", type=Path, default=PROJECT_ROOT / "eval" / "reports")
    ev.add_argument("--human", type=Path, metavar="FILE",
                    help="agreement of the automatic scores with people's judgements (a feedback export or JSONL)")
    ev.add_argument("--robustness", action="store_true",
                    help="ask each answerable item again in rule-made variants (typos, spacing, paraphrase...)")
    ev.add_argument("--seed", type=int, default=13, help="seed of the robustness variants")
    _generator_flags(ev, timeout=False)
    ev.set_defaults(run=commands.evaluate)

    feedback_cli.register(sub, common).set_defaults(run=feedback_cli.cmd_feedback)
    keys_cli.register(sub, common).set_defaults(run=keys_cli.cmd_keys)

    ui = sub.add_parser("ui", parents=[common], help="start the chat UI")
    add_ui_flags(ui)
    ui.set_defaults(run=commands.ui)
    return p


def add_ui_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="listen address (default: this machine only)")
    p.add_argument("--port", type=int, default=7860)
    _generator_flags(p)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args, settings_from_args(args))
    except (RagError, ValueError, OSError) as exc:  # expected failures: one line, no traceback
        if args.debug:
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"ragqa: error: {message}", file=sys.stderr)
        return exc.exit_code if isinstance(exc, RagError) else 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
