"""Human judgements against the automatic metrics: which automatic signal can stand in
for a person? Reads a `ragqa feedback export --json` file or any JSONL of judged answers
(``question, answer, citations, label`` and optionally ``path, abstained, evidence_score,
reference, correction, evidence, source``), re-scores each answer with eval.scoring and
writes the agreement report under eval/reports/human/."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from core.errors import RagError
from eval.sets import read_jsonl as read_jsonl_lines
from eval.agreement import agreement, parse_label
from eval.human_report import SIGNALS, make_human_figure, render_human_markdown
from eval.scoring import detect_language, normalize_text, score_item

# The best evidence score drawn as a line on the human-vs-automatic figure (the answering
# floor it once was was removed: it changed no answer on the held-out split).
EVIDENCE_LINE = 0.45

VERIFIED_PATHS = ("llm", "llm-retry")
FAILED_PATHS = ("extractive-fallback", "abstain")
# Above this similarity two questions are the same question typed differently; their
# numbers must still be equal, since "2020년" and "2021년" differ by one character.
SAME_QUESTION = 0.9


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [record for _, record in read_jsonl_lines(path, "judgements file")]

def _key(question: str) -> str:
    return re.sub(r"[\W_]+", "", normalize_text(question))


class ReferenceIndex:
    """The facts and dev set items by question, to find the accepted answers of a judged one."""

    def __init__(self, items: Sequence[Mapping[str, Any]]) -> None:
        self.by_key = {_key(str(i.get("question") or "")): i for i in items if i.get("question")}

    def find(self, question: str) -> Mapping[str, Any] | None:
        key = _key(question)
        if key in self.by_key:
            return self.by_key[key]
        digits = re.findall(r"\d+", key)
        best, best_ratio = None, SAME_QUESTION
        for other, item in self.by_key.items():
            if re.findall(r"\d+", other) != digits:
                continue
            ratio = difflib.SequenceMatcher(None, key, other).ratio()
            if ratio >= best_ratio:
                best, best_ratio = item, ratio
        return best


def _evidence_score(record: Mapping[str, Any]) -> float | None:
    score = record.get("evidence_score")
    evidence = record.get("evidence")
    # An answer_to_dict record carries its evidence list; its first score is the one used.
    if score is None and isinstance(evidence, list) and evidence and isinstance(evidence[0], Mapping):
        score = evidence[0].get("score")
    return float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None


def _reference_item(record: Mapping[str, Any], found: Mapping[str, Any] | None) -> tuple[dict[str, Any] | None, str]:
    """The item to score against and where its answers came from. A user's correction is
    never used: corrections exist only on 👎, so a metric scored on them would agree with
    the humans by construction."""
    if found is not None:
        return dict(found), "facts"
    reference = record.get("reference")
    if not reference:
        return None, "correction only" if record.get("correction") else "none"
    evidence = record.get("evidence") if isinstance(record.get("evidence"), str) else None
    return {"id": None, "type": "fact", "answers": reference if isinstance(reference, list) else [str(reference)],
            "language": detect_language(str(record.get("question") or "")),
            "evidence": evidence, "source": record.get("source")}, "reference"


def _verified(path: str, abstained: bool) -> int | None:
    """1: the model's answer passed verification; 0: it fell back or abstained (a model that
    declines is an abstention too); None: no model was checked (extractive, closed-book)."""
    if path in VERIFIED_PATHS:
        return 0 if abstained else 1
    return 0 if path in FAILED_PATHS else None


def judge_row(record: Mapping[str, Any], references: ReferenceIndex) -> dict[str, Any]:
    """One judged answer with the human label and every automatic signal (None: not applicable)."""
    question = str(record.get("question") or "")
    path = str(record.get("path") or "")
    abstained = bool(record.get("abstained")) or path == "abstain"
    item, reference_from = _reference_item(record, references.find(question))
    answer = {"answer": str(record.get("answer") or ""), "abstained": abstained,
              "citations": record.get("citations") or [], "hits": []}
    scored = score_item(item, answer) if item is not None else {}
    score = _evidence_score(record)
    signals = {
        "answer_match": None if item is None else int(bool(scored.get("correct"))),
        "citation_correct": None if scored.get("citation_correct") is None else int(scored["citation_correct"]),
        "verified": _verified(path, abstained),
        "evidence_score": score,
        "evidence_above_threshold": None if score is None else int(score >= EVIDENCE_LINE),
    }
    return {"id": record.get("id"), "question": question, "answer": answer["answer"], "path": path,
            "label": parse_label(record.get("label")), "reference_from": reference_from,
            "item_id": item.get("id") if item else None, "item_type": item.get("type") if item else None,
            "correction": record.get("correction") or "", **signals}


def summarize_human(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    labels = [int(r["label"]) for r in rows]
    signals = {name: agreement(labels, [r.get(name) for r in rows], binary=spec.binary)
               for name, spec in SIGNALS.items()}
    return {
        "n": len(rows), "n_up": sum(labels),
        "references": {src: sum(1 for r in rows if r["reference_from"] == src)
                       for src in ("facts", "reference", "correction only", "none")},
        "signals": signals,
        "trust": [n for n, s in signals.items() if s["verdict"] == "trust"],
        "care": [n for n, s in signals.items() if s["verdict"] == "use with care"],
        "distrust": [n for n, s in signals.items() if s["verdict"] == "do not trust"],
    }


def write_human_report(out_dir: Path, stem: str, rows: list[dict[str, Any]], summary: dict[str, Any],
                       meta: dict[str, Any]) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {ext: out_dir / f"{stem}.{ext}" for ext in ("md", "json", "png")}
    paths["md"].write_text(render_human_markdown(rows, summary, meta, chart=paths["png"].name), encoding="utf-8")
    paths["json"].write_text(json.dumps({"meta": meta, "summary": summary, "rows": rows}, ensure_ascii=False,
                                        indent=1), encoding="utf-8")
    title = f"human vs automatic · {summary['n']} judgements · {meta['date']}"
    make_human_figure(rows, summary, title, threshold=EVIDENCE_LINE).savefig(paths["png"], dpi=110)
    return paths


def run_human_eval(path: Path, out_dir: Path, *, facts_paths: list[Path]) -> dict[str, Any]:
    """Score every judged answer in ``path`` and write <date>-<input name>.md/.json/.png
    under ``out_dir``; returns the meta, summary, rows and written paths."""
    records = read_jsonl(path)
    if not records:
        raise RagError(f"{path} holds no judgements; export some with `ragqa feedback export --json`")
    references = ReferenceIndex([item for p in facts_paths for item in read_jsonl(p)])
    rows = []
    for number, record in enumerate(records, 1):
        try:
            rows.append(judge_row(record, references))
        except ValueError as exc:
            raise RagError(f"{path}, judgement {number}: {exc}") from exc
    summary = summarize_human(rows)
    date = dt.date.today().isoformat()
    meta = {"date": date, "input": str(path), "references": ", ".join(str(p) for p in facts_paths),
            "abstain threshold": EVIDENCE_LINE}
    # an export named by its date already ("2026-11-30-reviewer") is not dated twice
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", path.stem if path.stem.startswith(date) else f"{date}-{path.stem}")
    paths = write_human_report(out_dir, stem, rows, summary, meta)
    return {"meta": meta, "summary": summary, "rows": rows, "paths": paths}
