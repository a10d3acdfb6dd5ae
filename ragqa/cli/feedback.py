"""`ragqa feedback list|export|delete|to-set`: the users' judgements from the command line.

ragqa/cli.py adds the parser with ``register(sub, common)`` and dispatches ``feedback`` to
``cmd_feedback``. The operator owns the store file, so these commands see every user's
entries unless ``--user`` narrows them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ragqa.stores.feedback import Feedback, FeedbackStore, feedback_path, to_question_set
from ragqa.settings import Settings


def register(subparsers: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add ``feedback`` and its subcommands to the ``ragqa`` subparsers; returns its parser."""
    fb = subparsers.add_parser("feedback", parents=[common], help="list, export or delete users' 👍/👎")
    fsub = fb.add_subparsers(dest="feedback_command", required=True)
    user_help = "only this user's entries (the UI's per-browser id, or the CLI's $USER)"

    ls = fsub.add_parser("list", parents=[common], help="list judgements, newest first")
    ls.add_argument("--user", help=user_help)
    ls.add_argument("--json", action="store_true", help="one JSON object a line")

    ex = fsub.add_parser("export", parents=[common], help="print every judgement (eval --human reads --json)")
    fmt = ex.add_mutually_exclusive_group()
    fmt.add_argument("--json", dest="fmt", action="store_const", const="json", help="JSON lines (default)")
    fmt.add_argument("--csv", dest="fmt", action="store_const", const="csv", help="CSV with a header row")
    ex.add_argument("--out", type=Path, help="write to this file instead of stdout")
    ex.add_argument("--user", help=user_help)
    ex.set_defaults(fmt="json")

    de = fsub.add_parser("delete", parents=[common], help="delete one judgement by id")
    de.add_argument("id", type=int)
    de.add_argument("--user", help="delete only if the entry is this user's")

    ts = fsub.add_parser("to-set", parents=[common], help="write a question set of every corrected 👎")
    ts.add_argument("file", type=Path, help="JSONL to write; then: ragqa eval --set FILE")
    ts.add_argument("--user", help=user_help)
    return fb


def _store(settings: Settings) -> FeedbackStore:
    return FeedbackStore(feedback_path(settings.index_dir))


def _line(e: Feedback) -> str:
    thumb = "👍" if e.rating.value == "up" else "👎"
    fix = f"\t→ {e.correction}" if e.correction else ""
    question = " ".join(e.question.split())
    return f"{e.id}\t{e.created_at}\t{e.user}\t{thumb}\t{question[:80]}{fix}"


def cmd_list(args: argparse.Namespace, settings: Settings, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    entries = _store(settings).list(args.user)
    for e in entries:
        out.write((json.dumps(e.to_dict(), ensure_ascii=False) if args.json else _line(e)) + "\n")
    if not args.json:
        up = sum(1 for e in entries if e.rating.value == "up")
        out.write(f"{len(entries)} judgements: {up} 👍, {len(entries) - up} 👎\n")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    text = _store(settings).export(args.fmt, args.user)
    if args.out is None:
        out.write(text)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def cmd_delete(args: argparse.Namespace, settings: Settings, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if _store(settings).delete(args.id, args.user):
        out.write(f"deleted judgement {args.id}\n")
        return 0
    whose = f" of user '{args.user}'" if args.user else ""
    # An id that is not there is the user's mistake: same exit code as other bad input.
    raise ValueError(f"no judgement {args.id}{whose}; see `ragqa feedback list`")


def cmd_to_set(args: argparse.Namespace, settings: Settings, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    entries = _store(settings).list(args.user)
    items = to_question_set(entries)
    args.file.parent.mkdir(parents=True, exist_ok=True)
    args.file.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    down = sum(1 for e in entries if e.rating.value == "down")
    out.write(f"wrote {len(items)} questions to {args.file} from {down} 👎 "
              f"({down - len(items)} without a correction or repeated); run: ragqa eval --set {args.file}\n")
    return 0


COMMANDS = {"list": cmd_list, "export": cmd_export, "delete": cmd_delete, "to-set": cmd_to_set}


def cmd_feedback(args: argparse.Namespace, settings: Settings) -> int:
    return COMMANDS[args.feedback_command](args, settings)
