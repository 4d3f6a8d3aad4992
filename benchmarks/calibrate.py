#!/usr/bin/env python3
"""Refit the matcher's scorer (checker/match/weights.json) reproducibly, and choose its threshold out of fold.

    python benchmarks/calibrate.py                # fit, choose the threshold, write weights.json + docs table
    python benchmarks/calibrate.py --dry-run      # print what it would write

Labelled bundles: the real events of fixtures/events/train and fixtures/events/dev (materialised from
../shared by benchmarks/events.py), the written bundles of ../shared/bench/fixtures and the trap bundles of
fixtures/traps. The test split (fixtures/events/test) and fixtures/heldout are never read here.

The threshold is chosen on reports no scorer saw when it was fitted: the bundles are dealt into FOLDS folds by
the hash of their names; each fold's reports are written by a scorer fitted on the other folds, and the sweep adds
up every fold's figures. Ten dev events alone were too few to choose on: their sweep fell from seven false alarms
to one between two neighbouring thresholds, a cliff made by a handful of pairs. The threshold is the one with the best out-of-fold F1 among those whose
precision is at least 0.95; where none reaches that bar, the one with the best F0.5 (precision weighed twice as
much as recall: precision first, but a report that finds nothing is no report either). It is measured on whole
reports with the benchmark's own scorer (../shared/bench/score.py), since assignment and propagation change what a
pair threshold means for findings. The shipped scorer is then fitted on every bundle. Only thresholds at which that
scorer keeps the written bench fixtures (in the fit) at the project's bar on them are chosen from (`keeps_bench`).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "benchmarks"))

import events  # noqa: E402  (benchmarks/events.py, beside this file)

PRECISION_BAR = 0.95
BENCH_BAR = {"f1": 0.85, "precision": 0.95}
FOLDS = 5
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


def labelled_bundles(out: Path) -> list[Path]:
    made = events.materialise(out, events.event_folders(("train", "dev")))
    return [*made, *bundles(SHARED / "bench" / "fixtures"), *bundles(ROOT / "fixtures" / "traps")]


def fold_of(bundle: Path) -> int:
    """A bundle's fold, from its name alone: the same on every machine, whatever else is labelled."""
    return int(hashlib.sha256(f"{bundle.parent.name}/{bundle.name}".encode()).hexdigest(), 16) % FOLDS


def evaluate(prepared: dict[Path, tuple], scorers: dict[Path, object], score) -> dict:
    """Micro-averaged figures of whole reports, each bundle's written by its own scorer."""
    from checker.pipeline import conclude

    tp = fp = fn = 0
    for bundle, (articles, claims, located) in prepared.items():
        _, findings = conclude(articles, claims, located, scorers[bundle])
        report = {"findings": [f.model_dump(mode="json") for f in findings]}
        result = score.score_bundle(bundle, report)
        tp, fp, fn = tp + result["tp"], fp + result["fp"], fn + result["fn"]
    return figures_of(tp, fp, fn)


def figures_of(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def f_beta(figures: dict, beta: float) -> float:
    p, r = figures["precision"], figures["recall"]
    return (1 + beta ** 2) * p * r / (beta ** 2 * p + r) if p + r else 0.0


def choose_threshold(sweep: list[tuple[float, dict]], keeps=lambda threshold: True) -> tuple[float, dict]:
    """The best out-of-fold F1 at precision PRECISION_BAR, else the best F0.5, among the thresholds `keeps` allows
    (all of them where it allows none)."""
    sweep = [(t, f) for t, f in sweep if keeps(t)] or sweep
    passing = [(t, f) for t, f in sweep if f["precision"] >= PRECISION_BAR and f["tp"]]
    if passing:
        return max(passing, key=lambda tf: (tf[1]["f1"], -tf[0]))
    return max(sweep, key=lambda tf: (round(f_beta(tf[1], 0.5), 6), tf[0]))


def keeps_bench(prepared: dict[Path, tuple], fitted, score):
    """Whether the shipped scorer at a threshold keeps the written bench fixtures at the project's bar on them
    (BENCH_BAR: issue 9 asks F1 0.85 at precision 0.95). They are in the fit, so this is no estimate of anything:
    it is a floor on what a user of the demo bundles sees, which the out-of-fold sweep over 123 mostly real bundles
    would otherwise trade away for a few thousandths of F0.5 (2026-12-03: 0.68 against 0.60, 0.675 against 0.658,
    took them from 47 to 43 of 60)."""
    bench = {b: run for b, run in prepared.items() if b.parent == SHARED / "bench" / "fixtures"}

    def keeps(threshold: float) -> bool:
        if not bench:
            return True
        figures = evaluate(bench, {b: replace(fitted, threshold=threshold) for b in bench}, score)
        return figures["f1"] >= BENCH_BAR["f1"] and figures["precision"] >= BENCH_BAR["precision"]
    return keeps


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
    labelled = labelled_bundles(args.out)
    prepared, rows, labels, missed = {}, {}, {}, 0
    for bundle in labelled:
        _, articles, claims, located, _ = prepare([bundle], embedder=embedder)
        prepared[bundle] = (articles, claims, located)
        pairs = labelled_pairs(bundle, run=located)
        rows[bundle], labels[bundle] = pairs.rows, pairs.labels
        missed += pairs.missed

    def fitted_on(chosen: list[Path]):
        names = sorted(f"{b.parent.name}/{b.name}" for b in chosen)
        return scoring.fit(np.vstack([rows[b] for b in chosen]), [x for b in chosen for x in labels[b]],
                           data={"bundles": len(chosen), "bundle_names_sha256": hashlib.sha256(
                               "\n".join(names).encode()).hexdigest()})

    all_labels = [x for b in labelled for x in labels[b]]
    print(f"model: {scoring.settings()['fitting']['model']}")
    print(f"labelled: {len(labelled)} bundles, {len(all_labels)} differing candidate pairs, {sum(all_labels)} same "
          f"fact; {missed} gold items no candidate covers")
    out_of_fold = {}
    for fold in range(FOLDS):
        scorer = fitted_on([b for b in labelled if fold_of(b) != fold])
        out_of_fold.update({b: scorer for b in labelled if fold_of(b) == fold})
    sweep = [(t, evaluate(prepared, {b: replace(s, threshold=t) for b, s in out_of_fold.items()}, score))
             for t in GRID]
    fitted = fitted_on(labelled)
    threshold, figures = choose_threshold(sweep, keeps_bench(prepared, fitted, score))
    print(f"out of fold ({FOLDS} folds): threshold {threshold}: P {figures['precision']:.3f} "
          f"R {figures['recall']:.3f} F1 {figures['f1']:.3f} (tp={figures['tp']} fp={figures['fp']} "
          f"fn={figures['fn']}); best F0.5 of all: {choose_threshold(sweep)[0]}")
    fitted = replace(fitted, threshold=threshold, data={**fitted.data, "threshold_from": f"{FOLDS}-fold out of fold"})
    matrix = np.vstack([rows[b] for b in labelled])
    labels = all_labels
    train_probabilities = fitted.probabilities(matrix)
    table = reliability(train_probabilities, labels)
    for name, weight in fitted.importance():
        print(f"  {name:20s} {weight:+.3f}")
    if args.dry_run:
        return 0
    (ROOT / "checker" / "match" / scoring.WEIGHTS).write_text(fitted.to_json(), encoding="utf-8")
    _write_docs(fitted, table, sweep, threshold, len(labelled), len(labels), sum(labels), missed)
    print(f"wrote checker/match/{scoring.WEIGHTS} and {RELIABILITY.relative_to(ROOT)}")
    return 0


def _write_docs(fitted, table, sweep, threshold, n_bundles, n_pairs, n_same, missed) -> None:
    lines = [BEGIN, "",
             f"Fitted on {n_bundles} labelled bundles: {n_pairs} differing candidate pairs, {n_same} of them one fact "
             f"({missed} gold items had no candidate pair). Data hash `{fitted.data['sha256'][:16]}`.", "",
             "| feature | weight (standardised) |" if fitted.trees is None else
             "| feature | share of what the trees' splits move |", "|---|---|"]
    lines += [f"| {name} | {weight:+.3f} |" for name, weight in fitted.importance()]
    lines += ["", "Reliability on the labelled pairs (how far the probabilities can be read as frequencies):", "",
              "| predicted | pairs | mean predicted | observed same fact |", "|---|---|---|---|"]
    lines += [f"| {b} | {n} | {p:.2f} | {o:.2f} |" for b, n, p, o in table]
    if sweep:
        lines += ["", f"Threshold sweep out of fold ({FOLDS} folds over the same bundles; chosen: {threshold}):", "",
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
