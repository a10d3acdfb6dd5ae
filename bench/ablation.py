"""Does each rule earn its place? `python -m bench.ablation [--rules gate,support ...]`.

Asks the tune split (eval/devset.jsonl) and the test split (eval/testset.jsonl) with every
rule on, then with each rule of qa.rules switched off in turn, and prints per split:
accuracy on answerable items, wrong refusals, refusal precision and recall, unanswerable
items answered with a citation, and the quote share. The model's drafts are kept in a cache
(~/.cache/ragqa/ablation.sqlite), so a configuration asks the model only the prompts it
changes: the first pass costs a full eval, each ablation a few minutes. The report (markdown
and JSON) goes to eval/reports/ablation/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from eval.grounding import grounding
from eval.harness import run_items
from eval.sets import load_items
from qa.rules import RULES
from ragqa.settings import PROJECT_ROOT, Settings

SPLITS = {"tune": PROJECT_ROOT / "eval" / "devset.jsonl", "test": PROJECT_ROOT / "eval" / "testset.jsonl"}
CACHE = Path.home() / ".cache" / "ragqa" / "ablation.sqlite"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}"


def _delta(x: float | None, base: float | None) -> str:
    return "" if x is None or base is None else f" ({100 * (x - base):+.1f})"


def render(results: dict[str, dict[str, dict]], splits: Sequence[str]) -> str:
    """One row per configuration and split; differences from "all rules on" in brackets."""
    lines = ["| rule off | split | accuracy | wrong refusals | refusal P | refusal R | probes answered, cited "
             "| quote share |", "|" + "---|" * 8]
    for config, by_split in results.items():
        for split in splits:
            g, base = by_split[split], results["(none)"][split]
            lines.append(
                f"| {config} | {split} | {_pct(g['accuracy'])}{_delta(g['accuracy'], base['accuracy'])} "
                f"| {_pct(g['wrong_refusals'])}{_delta(g['wrong_refusals'], base['wrong_refusals'])} "
                f"| {_pct(g['refusal_precision'])} | {_pct(g['refusal_recall'])} "
                f"| {g['probes_answered_cited']}/{g['n_probes']} | {_pct(g['quote_share'])} |")
    return "\n".join(lines)


def verdict(results: dict[str, dict[str, dict]], split: str = "test") -> dict[str, str]:
    """Keep a rule when switching it off costs accuracy, refusal recall or wrong refusals, or
    lets a cited fabrication through on the test split; otherwise it does not earn its place."""
    base = results["(none)"][split]
    out = {}
    for config, by_split in results.items():
        if config == "(none)":
            continue
        g = by_split[split]
        worse = ((g["accuracy"] or 0) < (base["accuracy"] or 0) or (g["refusal_recall"] or 0) < (base["refusal_recall"] or 0)
                 or (g["wrong_refusals"] or 0) > (base["wrong_refusals"] or 0)
                 or g["probes_answered_cited"] > base["probes_answered_cited"])
        out[config] = "keep" if worse else "does not help on test"
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rules", default=",".join(RULES), help="comma-separated rules to switch off one at a time")
    p.add_argument("--splits", default="tune,test")
    p.add_argument("--out", type=Path, default=PROJECT_ROOT / "eval" / "reports" / "ablation")
    args = p.parse_args(argv)
    rules = [r for r in args.rules.split(",") if r]
    unknown = [r for r in rules if r not in RULES]
    if unknown:
        p.error(f"unknown rules {unknown}; known: {', '.join(RULES)}")
    splits = args.splits.split(",")
    os.environ.setdefault("RAGQA_GENERATION_CACHE", str(CACHE))
    from ragqa import factory

    assistant = factory.build_assistant(Settings())
    items = {s: load_items(SPLITS[s]) for s in splits}
    results: dict[str, dict[str, dict]] = {}
    rows_of: dict[str, dict[str, list]] = {}
    for config in ["(none)", *rules]:
        os.environ["RAGQA_ABLATE"] = "" if config == "(none)" else config
        results[config], rows_of[config] = {}, {}
        for split in splits:
            print(f"ablation: rule off {config}, {split} split ({len(items[split])} items)", file=sys.stderr, flush=True)
            rows = run_items(assistant, items[split], ("open",))
            results[config][split] = grounding(rows)
            rows_of[config][split] = [{k: r.get(k) for k in ("id", "type", "correct", "abstained", "path", "answer")}
                                      for r in rows]
    os.environ.pop("RAGQA_ABLATE", None)
    table = render(results, splits)
    verdicts = verdict(results) if "test" in splits else {}
    print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"{dt.date.today().isoformat()}-ablation"
    (args.out / f"{stem}.md").write_text(
        "# Ablation: each rule switched off in turn\n\n"
        f"Tune split: eval/devset.jsonl; test split: eval/testset.jsonl (written before tuning). Accuracy and wrong "
        f"refusals over answerable items, in points (difference from all rules on); refusal precision and recall; "
        f"unanswerable items answered with a citation; the share of answers that are a quote after the draft was "
        f"set aside.\n\n{table}\n\n## Verdicts (test split)\n\n"
        + "\n".join(f"- **{rule}**: {v}" for rule, v in verdicts.items()) + "\n", encoding="utf-8")
    (args.out / f"{stem}.json").write_text(json.dumps({"results": results, "verdicts": verdicts, "rows": rows_of},
                                                      ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {args.out / stem}.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
