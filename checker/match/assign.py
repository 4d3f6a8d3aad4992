"""One-to-one assignment: within each pair of articles, each value has at most one counterpart.

Values of two articles are matched by maximum total score (scipy's linear_sum_assignment), so a value's
counterpart is decided against every other pairing at once, not by a chain of mutual-best rules with margins.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from checker.match.features import Candidate


def assign(candidates: Sequence[Candidate], probabilities: np.ndarray, article_of: Sequence[int],
           agreement_bonus: float) -> list[int]:
    """Indices of the candidates kept by a maximum-weight one-to-one matching per article pair.

    The weight is the probability of one fact, plus `agreement_bonus` for a pair whose values agree: where the
    other article states the same value about as plausibly, that is the counterpart.
    """
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    ends: list[tuple[int, int]] = []  # (row mention, column mention): the lower article's value is the row
    for index, pair in enumerate(candidates):
        row, col = (pair.a, pair.b) if article_of[pair.a] <= article_of[pair.b] else (pair.b, pair.a)
        ends.append((row, col))
        groups[(article_of[row], article_of[col])].append(index)
    kept = []
    for key in sorted(groups):
        members = groups[key]
        rows = sorted({ends[i][0] for i in members})
        cols = sorted({ends[i][1] for i in members})
        row_of = {m: r for r, m in enumerate(rows)}
        col_of = {m: c for c, m in enumerate(cols)}
        weight = np.zeros((len(rows), len(cols)))
        owner = -np.ones((len(rows), len(cols)), dtype=np.int64)
        for i in members:
            w = probabilities[i] + (agreement_bonus if candidates[i].relation == "agree" else 0.0)
            r, c = row_of[ends[i][0]], col_of[ends[i][1]]
            if owner[r, c] < 0 or w > weight[r, c]:
                weight[r, c], owner[r, c] = w, i
        chosen_rows, chosen_cols = linear_sum_assignment(weight, maximize=True)
        kept.extend(int(owner[r, c]) for r, c in zip(chosen_rows, chosen_cols) if owner[r, c] >= 0)
    return sorted(kept)
