"""How far an automatic signal agrees with human judgements; pure, no I/O.

Cohen's kappa for yes/no signals (agreement beyond what the two raters' base rates give
by chance: a metric that calls everything right agrees often and means nothing), and
Spearman's rank correlation for any signal against the label. Spearman comes from
scipy.stats (ties, p-value); kappa is its textbook two-line formula over the confusion
table, checked in tests against a hand-computed case and sklearn when installed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

# Landis & Koch call kappa 0.61-0.80 "substantial"; below 0.4 a signal is closer to chance
# than to the humans.
TRUST_KAPPA = 0.6
CARE_KAPPA = 0.4
TRUST_RHO = 0.5
CARE_RHO = 0.3
MAX_P = 0.05
# Fewer judgements than this make any coefficient an anecdote.
MIN_N = 10

_POSITIVE = {"1", "up", "👍", "correct", "right", "true", "yes", "good"}
_NEGATIVE = {"0", "down", "👎", "wrong", "incorrect", "false", "no", "bad"}


def parse_label(value: object) -> int:
    """1 for a human 👍 / correct, 0 for 👎 / wrong, in any of the spellings exports use."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)) and value in (0, 1):
        return int(value)
    text = str(value).strip().lower()
    if text in _POSITIVE:
        return 1
    if text in _NEGATIVE:
        return 0
    raise ValueError(f"unknown label {value!r}; use 1/0, up/down or correct/wrong")


def confusion(human: Sequence[int], auto: Sequence[int]) -> dict[str, int]:
    """Counts keyed ``human/auto``: tp = both say right, fn = human right, auto wrong, ..."""
    if len(human) != len(auto):
        raise ValueError("human and automatic labels differ in length")
    pairs = list(zip(human, auto))
    return {"tp": pairs.count((1, 1)), "fn": pairs.count((1, 0)),
            "fp": pairs.count((0, 1)), "tn": pairs.count((0, 0))}


def cohen_kappa(human: Sequence[int], auto: Sequence[int]) -> float | None:
    """(observed - chance agreement) / (1 - chance); None when chance agreement is total
    (both raters gave one and the same label to everything: nothing to measure)."""
    table = confusion(human, auto)
    n = sum(table.values())
    if n == 0:
        return None
    observed = (table["tp"] + table["tn"]) / n
    human_yes, auto_yes = (table["tp"] + table["fn"]) / n, (table["tp"] + table["fp"]) / n
    chance = human_yes * auto_yes + (1 - human_yes) * (1 - auto_yes)
    if math.isclose(chance, 1.0):
        return None
    # Rounded so that chance-level agreement prints as 0.00, not -0.00.
    return round((observed - chance) / (1 - chance), 12) + 0.0


def spearman(xs: Sequence[float], ys: Sequence[float]) -> tuple[float | None, float | None]:
    """(rho, two-sided p); (None, None) when either side is constant or too short."""
    if len(xs) != len(ys):
        raise ValueError("the two samples differ in length")
    if len(xs) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None, None
    from scipy.stats import spearmanr

    result = spearmanr(xs, ys)
    rho, p = float(result.statistic), float(result.pvalue)
    return (None, None) if math.isnan(rho) else (rho, None if math.isnan(p) else p)


def verdict(n: int, *, binary: bool, kappa: float | None, rho: float | None, p: float | None) -> str:
    """trust / use with care / do not trust, or why it cannot be told: kappa decides for
    yes/no signals, a positive significant rho for graded ones."""
    if n < MIN_N:
        return "too few judgements"
    if binary:
        if kappa is None:
            return "cannot tell (one label only)"
        return "trust" if kappa >= TRUST_KAPPA else "use with care" if kappa >= CARE_KAPPA else "do not trust"
    if rho is None:
        return "cannot tell (one value only)"
    significant = p is not None and p < MAX_P
    if rho >= TRUST_RHO and significant:
        return "trust"
    return "use with care" if rho >= CARE_RHO and significant else "do not trust"


def agreement(human: Sequence[int], signal: Sequence[float | int | None], *, binary: bool) -> dict[str, Any]:
    """Agreement of one automatic signal with the human labels, over the items where the
    signal applies (None: not applicable, e.g. no reference answer is known)."""
    kept = [(h, s) for h, s in zip(human, signal) if s is not None]
    hs = [h for h, _ in kept]
    ss = [float(s) for _, s in kept]
    result: dict[str, Any] = {"n": len(kept), "n_missing": len(human) - len(kept), "binary": binary}
    rho, p = spearman(ss, [float(h) for h in hs])
    result |= {"spearman": rho, "spearman_p": p}
    kappa = None
    if binary:
        auto = [int(s) for s in ss]
        kappa = cohen_kappa(hs, auto)
        result |= {"confusion": confusion(hs, auto), "kappa": kappa,
                   "accuracy": sum(h == a for h, a in zip(hs, auto)) / len(hs) if hs else None}
    result["verdict"] = verdict(len(kept), binary=binary, kappa=kappa, rho=rho, p=p)
    return result
