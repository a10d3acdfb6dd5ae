"""Grounding figures of eval reports, side by side: `python -m eval.grounding A.json B.json ...`.

For each report (its open-book rows): accuracy on answerable items, wrong refusals (an
answerable item refused), refusal precision and recall, fabrications (an unanswerable item
answered, and answered with a citation), and the quotes: the share of answers that end as a
quote after the model's draft was set aside, and how many of those quotes answer the question.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

QUOTE = "extractive-fallback"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def grounding(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    rows = [r for r in rows if r.get("mode", "open") == "open"]
    answerable = [r for r in rows if r.get("type") != "refusal"]
    probes = [r for r in rows if r.get("type") == "refusal"]
    refused = [r for r in rows if r.get("abstained")]
    answered_probes = [r for r in probes if not r.get("abstained")]
    answered = [r for r in rows if not r.get("abstained")]
    quotes = [r for r in answered if r.get("path") == QUOTE]
    quoted_answerable = [r for r in quotes if r.get("type") != "refusal"]
    return {
        "n_answerable": len(answerable),
        "n_probes": len(probes),
        "accuracy": _share(sum(bool(r.get("correct")) for r in answerable), len(answerable)),
        "wrong_refusals": _share(sum(bool(r.get("abstained")) for r in answerable), len(answerable)),
        # the issue's own measure: refused although the answer-bearing unit was shown
        "wrong_refusals_shown": _share(sum(bool(r.get("abstained")) and r.get("evidence_recall") is True
                                           for r in answerable), len(answerable)),
        "refusal_precision": _share(sum(r.get("type") == "refusal" for r in refused), len(refused)),
        "refusal_recall": _share(sum(bool(r.get("abstained")) for r in probes), len(probes)),
        "probes_answered": len(answered_probes),
        "probes_answered_cited": sum(bool(r.get("citations")) for r in answered_probes),
        "quote_share": _share(len(quotes), len(answered)),
        "quotes_answering": _share(sum(bool(r.get("correct")) for r in quoted_answerable), len(quoted_answerable)),
        "quotes_on_probes": sum(r.get("type") == "refusal" for r in quotes),
    }


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def table(named: Mapping[str, Mapping[str, Any]]) -> str:
    head = ("| run | accuracy (answerable) | wrong refusals (all / answer shown) | refusal P / R "
            "| probes answered (cited) | quote share | quotes that answer |")
    lines = [head, "|" + "---|" * 7]
    for name, g in named.items():
        lines.append(
            f"| {name} | {_pct(g['accuracy'])} | {_pct(g['wrong_refusals'])} / {_pct(g.get('wrong_refusals_shown'))} "
            f"| {_pct(g['refusal_precision'])} / {_pct(g['refusal_recall'])} "
            f"| {g['probes_answered']}/{g['n_probes']} ({g['probes_answered_cited']}) "
            f"| {_pct(g['quote_share'])} | {_pct(g['quotes_answering'])} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("reports", nargs="+", type=Path, help="eval report .json files")
    args = p.parse_args(argv)
    named = {f"{path.parent.name}/{path.stem}": grounding(json.loads(path.read_text(encoding="utf-8"))["rows"]) for path in args.reports}
    print(table(named))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
