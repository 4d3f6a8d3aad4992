#!/usr/bin/env python3
"""Refit the matcher's scorer (checker/match/weights.json) reproducibly, and choose its threshold on the dev split.

    python benchmarks/calibrate.py                # fit on train, threshold on dev, write weights.json + docs table
    python benchmarks/calibrate.py --dry-run      # print what it would write

Train: the labelled real events of fixtures/events/train (materialised from ../shared by benchmarks/events.py) and
the trap bundles of fixtures/traps. Dev: fixtures/events/dev and the written bundles of ../shared/bench/fixtures
(held out of the fit, so the threshold is chosen on reports the scorer has not seen, real and written alike). The
test split (fixtures/events/test) and fixtures/heldout are never read here.

The threshold is the one with the best dev F1 among those whose dev precision is at least 0.95; where none
reaches that bar, the one with the best dev F0.5 (precision weighed twice as much as recall: precision first, but
a report that finds nothing is no report either). It is measured on whole reports with the benchmark's own scorer
(../shared/bench/score.py), since assignment and propagation change what a pair threshold means for findings.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "benchmarks"))

import events  # noqa: E402  (benchmarks/events.py, beside this file)

PRECISION_BAR = 0.95
GRID = tuple(round(t, 2) for t in np.arange(0.05, 0.96, 0.025))
RELIABILITY = ROOT / "docs" / "matching.md"
BEGIN, END = "<!-- calibrate: begin -->", "<!-- calibrate: end -->"


def _score_module():
    spec = importlib.util.spec_from_file_location("bench_score", SHARED / "bench" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bundles(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/gold.json"))


def train_bundles(out: Path) -> list[Path]:
    made = events.materialise(out, events.event_folders(("train",)))
    return [*made, *bundles(SHARED / "bench" / "fixtures"), *bundles(ROOT / "fixtures" / "traps")]


def dev_bundles(out: Path) -> list[Path]:
    return [*events.materialise(out, events.event_folders(("dev",))), *bundles(SHARED / "bench" / "fixtures")]


def evaluate(prepared: dict[Path, tuple], scorer, score) -> dict:
    """Micro-averaged figures of whole reports at one scorer."""
    from checker.pipeline import conclude

    tp = fp = fn = 0
    for bundle, (articles, claims, located) in prepared.items():
        _, findings = conclude(articles, claims, located, scorer)
        report = {"findings": [f.model_dump(mode="json") for f in findings]}
        result = score.score_bundle(bundle, report)
        tp, fp, fn = tp + result["tp"], fp + result["fp"], fn + result["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def f_beta(figures: dict, beta: float) -> float:
    p, r = figures["precision"], figures["recall"]
    return (1 + beta ** 2) * p * r / (beta ** 2 * p + r) if p + r else 0.0


def choose_threshold(sweep: list[tuple[float, dict]]) -> tuple[float, dict]:
    passing = [(t, f) for t, f in sweep if f["precision"] >= PRECISION_BAR and f["tp"]]
    if passing:
        return max(passing, key=lambda tf: (tf[1]["f1"], -tf[0]))
    return max(sweep, key=lambda tf: (round(f_beta(tf[1], 0.5), 6), tf[0]))


def reliability(probabilities: np.ndarray, labels: list[int], bins: int = 5) -> list[tuple[str, int, float, float]]:
    """(bin, pairs, mean predicted probability, observed share of same-fact pairs) per probability bin."""
    rows = []
    edges = np.linspace(0, 1, bins + 1)
    labels_array = np.asarray(labels)
    for low, high in zip(edges, edges[1:]):
        inside = (probabilities >= low) & ((probabilities < high) if high < 1 else (probabilities <= high))
        if inside.any():
            rows.append((f"{low:.1f}-{high:.1f}", int(inside.sum()), float(probabilities[inside].mean()),
                         float(labels_array[inside].mean())))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "events")
    args = parser.parse_args(argv)
    if not (SHARED / "bench" / "score.py").exists():
        print(f"no {SHARED}: calibration reads the events and the scorer there", file=sys.stderr)
        return 2

    from checker.embed import load_embedder
    from checker.match import scorer as scoring
    from checker.match.training import labelled_pairs
    from checker.pipeline import prepare

    embedder = load_embedder(None)
    score = _score_module()
    train, dev = train_bundles(args.out), dev_bundles(args.out)
    rows, labels, missed = [], [], 0
    for bundle in train:
        labelled = labelled_pairs(bundle, embedder)
        rows.append(labelled.rows)
        labels.extend(labelled.labels)
        missed += labelled.missed
    matrix = np.vstack(rows)
    print(f"train: {len(train)} bundles, {len(labels)} differing candidate pairs, {sum(labels)} same fact; "
          f"{missed} gold items no candidate covers")
    names = sorted(f"{b.parent.name}/{b.name}" for b in train)
    fitted = scoring.fit(matrix, labels, data={"bundles": len(train), "bundle_names_sha256": scoring.hashlib.sha256(
        "\n".join(names).encode()).hexdigest()})

    prepared = {}
    for bundle in dev:
        _, articles, claims, located, _ = prepare([bundle], embedder=embedder)
        prepared[bundle] = (articles, claims, located)
    sweep = [(t, evaluate(prepared, replace(fitted, threshold=t), score)) for t in GRID] if prepared else []
    if sweep:
        threshold, figures = choose_threshold(sweep)
        print(f"dev: {len(dev)} bundles; threshold {threshold}: P {figures['precision']:.3f} "
              f"R {figures['recall']:.3f} F1 {figures['f1']:.3f} (tp={figures['tp']} fp={figures['fp']} "
              f"fn={figures['fn']})")
    else:
        threshold, figures = 0.5, {}
        print("dev: no events; threshold 0.5")
    fitted = replace(fitted, threshold=threshold, data={**fitted.data, "threshold_from": "dev split",
                                                         "dev_bundles": len(dev)})
    train_probabilities = fitted.probabilities(matrix)
    table = reliability(train_probabilities, labels)
    for name, weight in sorted(zip(fitted.features, fitted.coef), key=lambda x: -abs(x[1])):
        print(f"  {name:20s} {weight:+.3f}")
    if args.dry_run:
        return 0
    (ROOT / "checker" / "match" / scoring.WEIGHTS).write_text(fitted.to_json(), encoding="utf-8")
    _write_docs(fitted, table, sweep, threshold, len(train), len(dev), len(labels), sum(labels), missed)
    print(f"wrote checker/match/{scoring.WEIGHTS} and {RELIABILITY.relative_to(ROOT)}")
    return 0


def _write_docs(fitted, table, sweep, threshold, n_train, n_dev, n_pairs, n_same, missed) -> None:
    lines = [BEGIN, "",
             f"Fitted on {n_train} train bundles: {n_pairs} differing candidate pairs, {n_same} of them one fact "
             f"({missed} gold items had no candidate pair). Data hash `{fitted.data['sha256'][:16]}`.", "",
             "| feature | weight (standardised) |", "|---|---|"]
    lines += [f"| {name} | {weight:+.3f} |" for name, weight in sorted(zip(fitted.features, fitted.coef),
                                                                     key=lambda x: -abs(x[1]))]
    lines += ["", "Reliability on the train pairs (how far the probabilities can be read as frequencies):", "",
              "| predicted | pairs | mean predicted | observed same fact |", "|---|---|---|---|"]
    lines += [f"| {b} | {n} | {p:.2f} | {o:.2f} |" for b, n, p, o in table]
    if sweep:
        lines += ["", f"Threshold sweep on the dev split ({n_dev} events; chosen: {threshold}):", "",
                  "| threshold | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
        lines += [f"| {t} | {f['precision']:.3f} | {f['recall']:.3f} | {f['f1']:.3f} | {f['tp']} | {f['fp']} | "
                  f"{f['fn']} |" for t, f in sweep[::2]]
    lines += ["", END]
    text = RELIABILITY.read_text(encoding="utf-8") if RELIABILITY.exists() else "# Matching\n\n" + BEGIN + END
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    RELIABILITY.write_text(head + "\n".join(lines) + tail, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
