"""The human-vs-automatic report: markdown and figure from eval/human.py's rows; pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eval.agreement import CARE_KAPPA, CARE_RHO, MAX_P, MIN_N, TRUST_KAPPA, TRUST_RHO
from eval.report import cell, num, pct


@dataclass(frozen=True)
class Signal:
    label: str
    binary: bool
    meaning: str


SIGNALS = {
    "answer_match": Signal("answer match", True, "the answer states an accepted answer of the facts/dev set "
                           "item with the same question (numbers by value), or abstains on a refusal item"),
    "citation_correct": Signal("citation correct", True, "a citation quotes the item's evidence sentence "
                               "from the right report"),
    "verified": Signal("verified", True, "the model's answer passed verification (path llm or llm-retry) "
                       "rather than falling back to the evidence or abstaining"),
    "evidence_above_threshold": Signal("evidence above threshold", True, "the best evidence sentence "
                                       "scored at least the abstain threshold"),
    "evidence_score": Signal("evidence score", False, "the best evidence sentence's score (graded)"),
}
_VERDICTS = ("trust", "use with care", "do not trust")


def _mark(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return "✓" if value else "✗"


def _rho(s: Mapping[str, Any]) -> str:
    if s.get("spearman") is None:
        return "—"
    p = s.get("spearman_p")
    return f"{s['spearman']:+.2f} (p {'—' if p is None else f'{p:.3g}'})"


def _strength(name: str, s: Mapping[str, Any]) -> str:
    measure = f"κ {s['kappa']:.2f}" if s.get("kappa") is not None else f"ρ {_rho(s)}"
    return f"{SIGNALS[name].label} ({measure} over {s['n']} judgements)"


def _trust_lines(summary: Mapping[str, Any]) -> list[str]:
    signals = summary["signals"]
    lines = []
    for verdict in _VERDICTS:
        names = [n for n, s in signals.items() if s["verdict"] == verdict]
        if names:
            lines.append(f"- **{verdict.capitalize()}**: " + "; ".join(_strength(n, signals[n]) for n in names))
    unknown = [f"{SIGNALS[n].label} ({s['verdict']}, n={s['n']})" for n, s in signals.items()
               if s["verdict"] not in _VERDICTS]
    if unknown:
        lines.append("- **Cannot say**: " + "; ".join(unknown))
    return lines + [""]


def _confusion(name: str, s: Mapping[str, Any]) -> list[str]:
    c = s["confusion"]
    return [f"**{SIGNALS[name].label}** (agreement {pct(s['accuracy'])}, κ {num(s['kappa'], 2)})", "",
            "| | auto: right | auto: wrong |", "|---|---|---|",
            f"| human 👍 | {c['tp']} | {c['fn']} |", f"| human 👎 | {c['fp']} | {c['tn']} |", ""]


def render_human_markdown(rows: Sequence[Mapping[str, Any]], summary: Mapping[str, Any],
                          meta: Mapping[str, Any], *, chart: str = "") -> str:
    refs = summary["references"]
    lines = ["# Human vs automatic judgements", ""]
    lines += [f"- **{k}**: {cell(v)}" for k, v in meta.items() if v not in (None, "")]
    lines += [
        f"- **judgements**: {summary['n']} ({summary['n_up']} 👍, {summary['n'] - summary['n_up']} 👎)",
        f"- **reference answers**: {refs['facts']} matched to a facts/dev set question, {refs['reference']} "
        f"given in the file, {refs['none'] + refs['correction only']} unknown",
    ]
    if refs["correction only"]:
        lines.append(f"- **left out**: {refs['correction only']} 👎 whose only reference is the user's correction; "
                     "a correction exists only on 👎, so scoring against it would agree by construction")
    lines += ["", "## Which automatic signal to trust", "", (
        f"A yes/no signal is trusted when Cohen's κ against the human labels is at least {TRUST_KAPPA} "
        f"(substantial agreement beyond chance), used with care from {CARE_KAPPA}; a graded signal when "
        f"Spearman's ρ with the label is at least {TRUST_RHO} (with care from {CARE_RHO}) at p < {MAX_P}. "
        f"Fewer than {MIN_N} judgements decide nothing."), ""]
    lines += _trust_lines(summary)
    lines += ["| signal | meaning | judged answers | agreement | κ | Spearman ρ (p) | verdict |",
              "|---|---|---|---|---|---|---|"]
    for name, s in summary["signals"].items():
        lines.append(f"| {SIGNALS[name].label} | {cell(SIGNALS[name].meaning)} | {s['n']} | "
                     f"{pct(s.get('accuracy'))} | {num(s.get('kappa'), 2)} | {_rho(s)} | {s['verdict']} |")
    lines += ["", "## Confusion tables", ""]
    for name, s in summary["signals"].items():
        if s["binary"] and s["n"]:
            lines += _confusion(name, s)
    if chart:
        lines += [f"![κ and ρ per signal; evidence score by human label]({chart})", ""]
    lines += ["## Judgements", "",
              "| id | question | answer | human | answer match | citation | verified | evidence score | reference |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append("| " + " | ".join([
            cell(r.get("id")), cell(r["question"], 120), cell(r["answer"], 160), "👍" if r["label"] else "👎",
            _mark(r["answer_match"]), _mark(r["citation_correct"]), _mark(r["verified"]),
            _mark(r["evidence_score"]), cell(r.get("item_id") or r["reference_from"])]) + " |")
    return "\n".join(lines) + "\n"


def make_human_figure(rows: Sequence[Mapping[str, Any]], summary: Mapping[str, Any], title: str = "",
                      threshold: float | None = None) -> Any:
    """κ (yes/no signals) and ρ (all) per signal, and the evidence score of 👍 vs 👎 answers."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(13, 4.8), layout="constrained")
    FigureCanvasAgg(fig)
    bars, scores = fig.subplots(1, 2, width_ratios=[1.5, 1])
    names = list(summary["signals"])
    ys = range(len(names))
    for offset, key, label in ((-0.2, "kappa", "Cohen's κ"), (0.2, "spearman", "Spearman ρ")):
        values = [summary["signals"][n].get(key) for n in names]
        drawn = bars.barh([y + offset for y in ys], [v or 0.0 for v in values], 0.38, label=label)
        bars.bar_label(drawn, labels=["n/a" if v is None else f"{v:.2f}" for v in values], fontsize=7, padding=2)
    bars.axvline(TRUST_KAPPA, color="green", linestyle="--", linewidth=1, label=f"trust κ ≥ {TRUST_KAPPA}")
    bars.axvline(TRUST_RHO, color="green", linestyle=":", linewidth=1, label=f"trust ρ ≥ {TRUST_RHO}")
    bars.axvline(0, color="black", linewidth=0.6)
    bars.set_yticks(list(ys), [f"{SIGNALS[n].label}\n(n={summary['signals'][n]['n']})" for n in names], fontsize=8)
    bars.set_xlim(-1, 1.15)
    bars.invert_yaxis()
    bars.legend(fontsize=7, loc="lower left")
    bars.set_title("agreement with the human labels", fontsize=10)

    for judged, x in ((1, 1.0), (0, 0.0)):
        values = [float(r["evidence_score"]) for r in rows
                  if r["label"] == judged and r.get("evidence_score") is not None]
        # A fixed spread, not random jitter: the figure must be the same on every run.
        xs = [x + ((i % 7) - 3) * 0.03 for i in range(len(values))]
        scores.scatter(xs, values, s=14, alpha=0.7, label=f"human: {'right' if judged else 'wrong'} (n={len(values)})")
    if threshold is not None:
        scores.axhline(threshold, color="grey", linestyle=":", linewidth=1, label=f"abstain below {threshold}")
    scores.set_xticks([0, 1], ["human: wrong", "human: right"])
    scores.set_xlim(-0.5, 1.5)
    scores.set_ylabel("best evidence score")
    scores.legend(fontsize=7, loc="best")
    scores.set_title("evidence score by human label", fontsize=10)
    if title:
        fig.suptitle(title, fontsize=11)
    return fig
