"""One scorer: the probability that two values state one fact, from the pair's named features.

A logistic regression fitted on labelled pairs of the train split (benchmarks/calibrate.py refits it
reproducibly); the weights ship in the package as weights.json with the hash of the data that made them, and the
decision threshold beside them was chosen out of fold over the labelled bundles. Inference is a dot product, so a run needs numpy only;
fitting uses scikit-learn.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from checker.errors import CheckerError
from checker.match.features import FEATURES

WEIGHTS = "weights.json"


class ScorerError(CheckerError):
    pass


@dataclass(frozen=True)
class Scorer:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float  # the probability a differing pair needs to be reported
    data: dict  # what the weights were fitted on: hash, counts, bundles

    def logits(self, rows: np.ndarray) -> np.ndarray:
        return ((rows - self.mean) / self.scale) @ self.coef + self.intercept

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if len(rows) == 0:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-self.logits(rows)))

    def weighed(self, row: np.ndarray, top: int = 3) -> tuple[tuple[str, float], ...]:
        """The features of this pair (those it has: non-zero) that moved its score most, with their signed share
        of the logit."""
        share = ((row - self.mean) / self.scale) * self.coef
        present = [i for i in range(len(share)) if row[i] != 0]
        order = sorted(present, key=lambda i: (-abs(share[i]), i))[:top]
        return tuple((self.features[i], round(float(share[i]), 2)) for i in order if abs(share[i]) >= 0.05)

    def to_json(self) -> str:
        return json.dumps({
            "features": list(self.features), "mean": _floats(self.mean), "scale": _floats(self.scale),
            "coef": _floats(self.coef), "intercept": round(float(self.intercept), 6),
            "threshold": round(float(self.threshold), 4), "data": self.data,
        }, indent=1, ensure_ascii=False) + "\n"


def _floats(values: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]


def from_json(text: str, where: str) -> Scorer:
    try:
        raw = json.loads(text)
        scorer = Scorer(tuple(raw["features"]), np.asarray(raw["mean"], dtype=np.float64),
                        np.asarray(raw["scale"], dtype=np.float64), np.asarray(raw["coef"], dtype=np.float64),
                        float(raw["intercept"]), float(raw["threshold"]), dict(raw.get("data", {})))
    except (ValueError, KeyError, TypeError) as err:
        raise ScorerError(f"{where}: not a scorer's weights ({err})") from None
    if scorer.features != FEATURES:
        raise ScorerError(f"{where}: fitted on features {list(scorer.features)}, this checker computes "
                          f"{list(FEATURES)}: refit with benchmarks/calibrate.py")
    return scorer


@lru_cache(maxsize=4)
def load_scorer(path: str | None = None) -> Scorer:
    """The packaged scorer, or one fitted elsewhere (a weights.json path)."""
    if path is None:
        return from_json(resources.files(__package__).joinpath(WEIGHTS).read_text(encoding="utf-8"), WEIGHTS)
    return from_json(Path(path).read_text(encoding="utf-8"), path)


def data_hash(rows: np.ndarray, labels: Sequence[int]) -> str:
    """sha256 of the training rows and labels as fitted (rounded, so the hash is the same on every machine)."""
    digest = hashlib.sha256()
    digest.update(np.round(np.asarray(rows, dtype=np.float64), 6).tobytes())
    digest.update(np.asarray(labels, dtype=np.int8).tobytes())
    return digest.hexdigest()


def fit(rows: np.ndarray, labels: Sequence[int], threshold: float = 0.5, regularisation: float = 1.0,
        data: dict | None = None) -> Scorer:
    """A logistic regression on standardised features (deterministic: lbfgs from zero)."""
    from sklearn.linear_model import LogisticRegression

    rows = np.asarray(rows, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    if len(set(labels.tolist())) < 2:
        raise ScorerError("fitting needs same-fact and different-fact pairs; the labels hold one class")
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=regularisation, max_iter=5000)
    model.fit((rows - mean) / scale, labels)
    return Scorer(FEATURES, mean, scale, model.coef_[0].astype(np.float64), float(model.intercept_[0]), threshold,
                  {"sha256": data_hash(rows, labels), "pairs": int(len(labels)),
                   "same_fact": int(labels.sum()), **(data or {})})
