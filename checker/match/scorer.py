"""One scorer: the probability that two values state one fact, from the pair's named features.

Boosted regression trees (or a logistic regression) fitted on the labelled pairs of the train and dev events and
the written bundles (benchmarks/calibrate.py refits them reproducibly); the model ships in the package as
weights.json, plain numbers with the hash of the data that made them, and the decision threshold beside it was
chosen out of fold. Inference walks the trees (or takes a dot product) in numpy, so a run needs no scikit-learn;
fitting uses it. Trees won once the labelled events reached 44 (docs/matching.md): with 28 the two were level.
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
from checker.match.features import FEATURES, settings

WEIGHTS = "weights.json"
_BATCH = 4096  # candidate pairs walked through the trees at once


class ScorerError(CheckerError):
    pass


@dataclass(frozen=True)
class Trees:
    """Regression trees, nodes of all trees in one set of arrays; a row goes left where its feature <= threshold.
    `value` is the node's contribution to the logit (learning rate applied), on internal nodes too: the
    sample-weighted mean of its children, so each split's step along a row's path is what that feature added."""

    feature: np.ndarray  # -1 at a leaf
    threshold: np.ndarray
    left: np.ndarray  # node indices into these arrays
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray  # each tree's root node

    def leaves(self, rows: np.ndarray) -> np.ndarray:
        """Leaf node of each row in each tree: shape (rows, trees)."""
        node = np.repeat(self.roots[None, :], len(rows), axis=0)
        row_index = np.arange(len(rows))[:, None]
        while True:
            feature = self.feature[node]
            inner = feature >= 0
            if not inner.any():
                return node
            seen = rows[row_index, np.where(inner, feature, 0)]
            step = np.where(seen <= self.threshold[node], self.left[node], self.right[node])
            node = np.where(inner, step, node)

    def path_shares(self, row: np.ndarray) -> np.ndarray:
        """What each feature added to this row's logit along its paths (each split's change of node value)."""
        share = np.zeros(row.shape[0])
        for root in self.roots:
            node = int(root)
            while self.feature[node] >= 0:
                child = int(self.left[node] if row[self.feature[node]] <= self.threshold[node] else self.right[node])
                share[self.feature[node]] += self.value[child] - self.value[node]
                node = child
        return share

    def to_dict(self) -> dict:
        return {"feature": self.feature.tolist(), "threshold": [float(t) for t in self.threshold],
                "left": self.left.tolist(), "right": self.right.tolist(), "value": _floats(self.value, 9),
                "roots": self.roots.tolist()}

    @classmethod
    def from_dict(cls, raw: dict) -> Trees:
        ints = {name: np.asarray(raw[name], dtype=np.int64) for name in ("feature", "left", "right", "roots")}
        return cls(ints["feature"], np.asarray(raw["threshold"], dtype=np.float64), ints["left"], ints["right"],
                   np.asarray(raw["value"], dtype=np.float64), ints["roots"])


@dataclass(frozen=True)
class Scorer:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float  # the logit of a pair with no evidence (the trees' starting point)
    threshold: float  # the probability a differing pair needs to be reported
    data: dict  # what the weights were fitted on: hash, counts, bundles
    trees: Trees | None = None  # boosted trees; None for a logistic regression (mean, scale, coef)

    def logits(self, rows: np.ndarray) -> np.ndarray:
        if self.trees is not None:
            rows = np.asarray(rows, dtype=np.float64)
            # in batches: a node index per row and tree would take rows x trees x 8 bytes at once (GiB on a feed)
            return self.intercept + np.concatenate(
                [self.trees.value[self.trees.leaves(rows[start:start + _BATCH])].sum(axis=1)
                 for start in range(0, len(rows), _BATCH)] or [np.zeros(0)])
        return ((rows - self.mean) / self.scale) @ self.coef + self.intercept

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if len(rows) == 0:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-self.logits(rows)))

    def weighed(self, row: np.ndarray, top: int = 3) -> tuple[tuple[str, float], ...]:
        """The features of this pair (those it has: non-zero) that moved its score most, with their signed share
        of the logit."""
        share = self.trees.path_shares(row) if self.trees is not None else ((row - self.mean) / self.scale) * self.coef
        present = [i for i in range(len(share)) if row[i] != 0]
        order = sorted(present, key=lambda i: (-abs(share[i]), i))[:top]
        return tuple((self.features[i], round(float(share[i]), 2)) for i in order if abs(share[i]) >= 0.05)

    def importance(self) -> list[tuple[str, float]]:
        """Each feature's weight: the standardised coefficient, or for trees its share of how far all splits move
        the logit (sum of |child - parent| over the splits on it), largest first."""
        if self.trees is None:
            pairs = list(zip(self.features, self.coef.tolist()))
        else:
            moved = np.zeros(len(self.features))
            trees = self.trees
            inner = np.flatnonzero(trees.feature >= 0)
            steps = (np.abs(trees.value[trees.left[inner]] - trees.value[inner])
                     + np.abs(trees.value[trees.right[inner]] - trees.value[inner]))
            np.add.at(moved, trees.feature[inner], steps)
            pairs = list(zip(self.features, (moved / max(moved.sum(), 1e-12)).tolist()))
        return sorted(pairs, key=lambda pair: (-abs(pair[1]), pair[0]))

    def to_json(self) -> str:
        model = {"model": "boosted_trees", "trees": self.trees.to_dict()} if self.trees is not None else {
            "model": "logistic", "mean": _floats(self.mean), "scale": _floats(self.scale), "coef": _floats(self.coef)}
        return json.dumps({
            "features": list(self.features), **model, "intercept": round(float(self.intercept), 9),
            "threshold": round(float(self.threshold), 4), "data": self.data,
        }, indent=None if self.trees is not None else 1, ensure_ascii=False) + "\n"


def _floats(values: np.ndarray, digits: int = 6) -> list[float]:
    return [round(float(v), digits) for v in values]


def from_json(text: str, where: str) -> Scorer:
    try:
        raw = json.loads(text)
        if raw.get("model", "logistic") == "boosted_trees":
            width = len(raw["features"])
            scorer = Scorer(tuple(raw["features"]), np.zeros(width), np.ones(width), np.zeros(width),
                            float(raw["intercept"]), float(raw["threshold"]), dict(raw.get("data", {})),
                            Trees.from_dict(raw["trees"]))
        else:
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
        data: dict | None = None, model: str | None = None) -> Scorer:
    """The configured model (thresholds.yaml `fitting`), or `model` ("boosted_trees" / "logistic"), fitted
    deterministically on the rows and labels."""
    rows = np.asarray(rows, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    if len(set(labels.tolist())) < 2:
        raise ScorerError("fitting needs same-fact and different-fact pairs; the labels hold one class")
    record = {"sha256": data_hash(rows, labels), "pairs": int(len(labels)), "same_fact": int(labels.sum()),
              **(data or {})}
    config = settings()["fitting"]
    if (model or config["model"]) == "boosted_trees":
        return _fit_trees(rows, labels, threshold, config, record)
    return _fit_logistic(rows, labels, threshold, regularisation, record)


def _fit_logistic(rows: np.ndarray, labels: np.ndarray, threshold: float, regularisation: float,
                  record: dict) -> Scorer:
    """A logistic regression on standardised features (lbfgs from zero)."""
    from sklearn.linear_model import LogisticRegression

    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    fitted = LogisticRegression(C=regularisation, max_iter=5000)
    fitted.fit((rows - mean) / scale, labels)
    return Scorer(FEATURES, mean, scale, fitted.coef_[0].astype(np.float64), float(fitted.intercept_[0]), threshold,
                  {**record, "model": "logistic"})


def _fit_trees(rows: np.ndarray, labels: np.ndarray, threshold: float, config: dict, record: dict) -> Scorer:
    """Boosted regression trees, read out of scikit-learn's public tree arrays into plain numbers."""
    from sklearn.ensemble import GradientBoostingClassifier

    fitted = GradientBoostingClassifier(
        n_estimators=config["trees"], learning_rate=config["learning_rate"], max_leaf_nodes=config["max_leaves"],
        min_samples_leaf=config["min_leaf_share"], subsample=config["subsample"], random_state=config["seed"])
    fitted.fit(rows, labels)
    prior = float(labels.mean())
    feature, threshold_at, left, right, value, roots = [], [], [], [], [], []
    for estimator in fitted.estimators_[:, 0]:
        tree, offset = estimator.tree_, len(feature)
        roots.append(offset)
        own = tree.value[:, 0, 0] * config["learning_rate"]
        weight = tree.weighted_n_node_samples
        for node in reversed(range(tree.node_count)):  # children come after their parent: fill means bottom up
            if tree.children_left[node] >= 0:
                l, r = tree.children_left[node], tree.children_right[node]
                own[node] = (weight[l] * own[l] + weight[r] * own[r]) / (weight[l] + weight[r])
        leaf = tree.children_left < 0
        feature += np.where(leaf, -1, tree.feature).tolist()
        threshold_at += tree.threshold.tolist()
        left += np.where(leaf, -1, tree.children_left + offset).tolist()
        right += np.where(leaf, -1, tree.children_right + offset).tolist()
        value += own.tolist()
    trees = Trees(np.asarray(feature, dtype=np.int64), np.asarray(threshold_at), np.asarray(left, dtype=np.int64),
                  np.asarray(right, dtype=np.int64), np.asarray(value), np.asarray(roots, dtype=np.int64))
    width = rows.shape[1]
    return Scorer(FEATURES, np.zeros(width), np.ones(width), np.zeros(width), float(np.log(prior / (1 - prior))),
                  threshold, {**record, "model": "boosted_trees"}, trees)
