"""A comparison ("A와 B 중", "X or Y?") is answered from a unit about each side it names."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from qa.subjects import mentions


def each_alternative(picked: list[int], scores: np.ndarray, texts: list[str], asked: list[list[str]],
                      limit: int, fits: Callable[[int], bool] = lambda i: True) -> list[int]:
    """A comparison ("A와 B 중", "X or Y?") needs a unit about each side: the best
    unit about a side no picked unit speaks of comes in, in place of the weakest unit that is
    about neither side. ``asked`` holds each phrasing's alternatives (an English question's
    Korean rendering names the sides as the report does). ``fits``: whether a unit is about the
    asked period ("2022년 한 해만"): a side's four-year total does not give its 2022."""
    # Each phrasing's sides on their own: a rendering may name them in the other order.
    sides = [[alt] for pair in asked if len(pair) == 2 for alt in pair]
    if not sides:
        return picked
    def about(i: int, side: list[str], exact: bool = False) -> bool:
        return any(mentions(texts[i], alt, exact=exact) for alt in side)
    picked = list(picked)
    ranked = [int(i) for i in np.argsort(-scores, kind="stable")]
    for side in sides:
        # The side by its exact name first ("Vesta", not "Vesta2"); a report that only ever
        # writes a longer form of it is spoken of loosely.
        # a unit about the side in the asked period when there is one; else any about the side
        fit = fits if any(about(i, side) and fits(i) for i in ranked) else (lambda i: True)
        if any(about(i, side, exact=True) and fit(i) for i in picked):
            continue
        candidates = [i for i in ranked if i not in picked and about(i, side, exact=True) and fit(i)]
        if not candidates and any(about(i, side) and fit(i) for i in picked):
            continue
        candidates = candidates or [i for i in ranked if i not in picked and about(i, side) and fit(i)]
        if not candidates:
            continue
        if len(picked) >= limit:
            spare = [i for i in picked if not any(about(i, s) for s in sides)]
            if not spare:
                continue
            picked.remove(min(spare, key=lambda i: scores[i]))
        picked.append(int(candidates[0]))
    return sorted(picked, key=lambda i: -scores[i])
