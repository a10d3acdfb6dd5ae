"""Summaries and the markdown report of the answer-level peer benchmark; pure functions over
the graded rows (one per question, holding both systems' grades under "ours" and "peer")."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bench.answer_grading import DOMAINS, LANGUAGES, TYPES
from bench.report import fmt, markdown_table
from bench.stats import percentile

SYSTEMS = ("ours", "peer")
# The assistant's paths as the table names them; a draft set aside for quoted evidence is a "quote".
PATH_ORDER = ("llm", "llm-retry", "quote", "abstain", "extractive", "error")


def path_label(path: str, abstained: bool) -> str:
    """llm, llm-retry, quote (extractive-fallback) or abstain (whichever draft refused)."""
    if abstained:
        return "abstain"
    return "quote" if path == "extractive-fallback" else path


def _mean(values: Sequence[object]) -> float | None:
    kept = [float(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def summarize_system(rows: Sequence[Mapping[str, Any]], system: str) -> dict[str, Any]:
    graded = [r[system] for r in rows]
    return {
        "n": len(graded),
        "accuracy": _mean([g["correct"] for g in graded]),
        "key_point_coverage": _mean([g["key_point_coverage"] for g in graded]),
        "numbers_stated": _mean([g["numbers_stated"] for g in graded]),
        "right_page": _mean([g["right_page"] for g in graded]),
        # a failed answer has no latency; it counts as wrong, not as fast
        "latency_p50_s": percentile([g["latency_s"] for g in graded if g["latency_s"] is not None], 50),
    }


def summarize_group(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    ours = [bool(r["ours"]["correct"]) for r in rows]
    peer = [bool(r["peer"]["correct"]) for r in rows]
    return {
        "n": len(rows),
        **{system: summarize_system(rows, system) for system in SYSTEMS},
        "only_ours": sum(o and not p for o, p in zip(ours, peer)),
        "only_peer": sum(p and not o for o, p in zip(ours, peer)),
        "both": sum(o and p for o, p in zip(ours, peer)),
        "neither": sum(not o and not p for o, p in zip(ours, peer)),
    }


def _groups(rows: Sequence[Mapping[str, Any]], key: Callable[[Mapping[str, Any]], str],
            order: Sequence[str]) -> dict[str, dict[str, Any]]:
    seen = {key(r) for r in rows}
    names = [g for g in order if g in seen] + sorted(seen - set(order))
    return {g: summarize_group([r for r in rows if key(r) == g]) for g in names}


def summarize(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Overall, per type, domain, language, and per path of our assistant."""
    return {
        "overall": summarize_group(rows),
        "by_type": _groups(rows, lambda r: str(r["type"]), TYPES),
        "by_domain": _groups(rows, lambda r: str(r["domain"]), DOMAINS),
        "by_language": _groups(rows, lambda r: str(r["language"]), LANGUAGES),
        "by_our_path": _groups(rows, lambda r: str(r["ours"]["path_label"]), PATH_ORDER),
    }


def _side_by_side(summary: Mapping[str, Any], metric: str, digits: int = 2) -> str:
    return " / ".join(fmt(summary[s][metric], digits) for s in SYSTEMS)


HEADERS = ["", "n", "accuracy", "key points", "numbers stated", "right page", "p50 s", "only ours", "only peer",
           "both"]


def group_table(groups: Mapping[str, Mapping[str, Any]]) -> str:
    """One row per group; each metric cell is "ours / peer"."""
    return markdown_table(HEADERS, [
        [name, g["n"], _side_by_side(g, "accuracy"), _side_by_side(g, "key_point_coverage"),
         _side_by_side(g, "numbers_stated"), _side_by_side(g, "right_page"), _side_by_side(g, "latency_p50_s", 1),
         g["only_ours"], g["only_peer"], g["both"]]
        for name, g in groups.items()])


def question_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """The questions the two systems disagree on: where to read the answers (the .json holds them)."""
    def said(g: Mapping[str, Any]) -> str:
        return ("right" if g["correct"] else "wrong") + f" ({g['path_label']})"

    return markdown_table(["id", "type", "language", "ours", "peer"], [
        [r["id"], r["type"], r["language"], said(r["ours"]), said(r["peer"])]
        for r in rows if bool(r["ours"]["correct"]) != bool(r["peer"]["correct"])])


def render_markdown(summary: Mapping[str, Any], meta: Mapping[str, Any],
                    rows: Sequence[Mapping[str, Any]] = ()) -> str:
    overall = summary["overall"]
    lines = [
        "# Answers: our assistant vs a plain LangChain RAG",
        "",
        (f"{meta.get('set', '')}, split {meta.get('split', '')}: {overall['n']} questions; "
         f"generator {meta.get('generator', '')} (one instance for both), {meta.get('date', '')}."),
        "",
        f"Peer: {meta.get('peer_recipe', '')}",
        "",
        f"Ours: {meta.get('ours_recipe', '')}",
        "",
        ("Each cell is **ours / peer**. Accuracy: refusal items right when the answer refused, the others "
         "when it did not and states an acceptable answer (numbers by value). Key points: share stated "
         "(by value, verbatim, or 60% of their content words). Numbers stated: share of the reference "
         "answers' numbers present by value. Right page: a citation (the peer: its top passage) with the "
         "item's file and page. Means over the items a metric applies to; – where none. p50 s: seconds per "
         "answer, the two systems interleaved question by question on a shared machine."),
        "",
        "## Overall",
        "",
        group_table({"all": overall}),
    ]
    for title, key in (("By type", "by_type"), ("By domain", "by_domain"), ("By language", "by_language"),
                       ("By our answer path (peer: the same questions)", "by_our_path")):
        lines += ["", f"## {title}", "", group_table(summary[key])]
    if any(bool(r["ours"]["correct"]) != bool(r["peer"]["correct"]) for r in rows):
        lines += ["", "## Where they disagree", "", question_table(rows)]
    notes = meta.get("notes") or []
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"
