"""Labelled pairs for the scorer, from bundles in the benchmark format (../shared/bench/README.md).

Every candidate pair whose values differ is labelled by the bundle's gold: same fact when both sides overlap the
two quotes of an `expected` item (files matched by name, either order), left out when they overlap an `optional`
item (a judgement call either way), different facts otherwise: the gold lists every disagreeing pair of one fact,
so a differing pair it does not list is two facts. Pairs whose values agree are never labelled: the gold does not
say which equal values are one fact.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.compare import amount_key
from checker.match import candidates
from checker.match.context import Located
from checker.match.features import feature_rows


@dataclass(frozen=True)
class Labelled:
    rows: np.ndarray
    labels: list[int]
    pairs: list[tuple[str, str]]  # "file:start-end" of each side, for reading the pairs back
    missed: int  # expected items no candidate pair covers: out of reach of any scorer


def _spans(bundle: Path, side: dict) -> list[tuple[int, int]]:
    text = (bundle / side["file"]).read_text(encoding="utf-8-sig")
    quote, spans, start = side["quote"], [], 0
    while (found := text.find(quote, start)) >= 0:
        spans.append((found, found + len(quote)))
        start = found + 1
    if "occurrence" in side:
        spans = spans[side["occurrence"]:side["occurrence"] + 1]
    return spans


def _covers(item_sides: list[tuple[str, list[tuple[int, int]]]], ends: list[tuple[str, int, int]]) -> bool:
    def overlaps(side: tuple[str, list[tuple[int, int]]], end: tuple[str, int, int]) -> bool:
        return side[0] == end[0] and any(s < end[2] and end[1] < e for s, e in side[1])
    (first, second), (x, y) = item_sides, ends
    return overlaps(first, x) and overlaps(second, y) or overlaps(first, y) and overlaps(second, x)


def labelled_pairs(bundle: Path, embedder=None, run: Located | None = None) -> Labelled:
    """Features and labels of one bundle's differing candidate pairs (`run`: the bundle already located)."""
    from checker.pipeline import prepare

    gold = json.loads((bundle / "gold.json").read_text(encoding="utf-8"))
    items = {section: [[(it[s]["file"], _spans(bundle, it[s])) for s in ("a", "b")] for it in gold.get(section, [])]
             for section in ("expected", "optional")}
    if run is None:
        _, _, _, run, _ = prepare([bundle], embedder=embedder)
    pairs, _ = candidates(run)
    every_row = feature_rows(pairs, run)
    kept_rows = [i for i, p in enumerate(pairs) if p.relation != "agree"]
    differing = [pairs[i] for i in kept_rows]
    rows = every_row[kept_rows]
    # A gold item quotes one occurrence of each side; the same value stated again in that article (headline and
    # body) is the same statement, so its pairs are labelled like the quoted one.
    said: dict[tuple[str, tuple], list[tuple[int, int]]] = {}
    for mention in run.mentions:
        said.setdefault((Path(mention.source).name, amount_key(mention)), []).append(
            (mention.value.start, mention.value.end))

    def restated(item: list) -> list:
        out = []
        for name, spans in item:
            more = list(spans)
            for mention in run.mentions:
                if Path(mention.source).name == name and any(s < mention.value.end and mention.value.start < e
                                                             for s, e in spans):
                    more += said[(name, amount_key(mention))]
            out.append((name, more))
        return out

    items = {section: [restated(item) for item in listed] for section, listed in items.items()}
    keep, labels, names, covered = [], [], [], set()
    for index, pair in enumerate(differing):
        ends = [(Path(m.source).name, m.value.start, m.value.end) for m in (run.mentions[pair.a], run.mentions[pair.b])]
        hits = [n for n, item in enumerate(items["expected"]) if _covers(item, ends)]
        if not hits and any(_covers(item, ends) for item in items["optional"]):
            continue
        covered.update(hits)
        keep.append(index)
        labels.append(int(bool(hits)))
        names.append(tuple(f"{f}:{s}-{e}" for f, s, e in ends))
    return Labelled(rows[keep] if keep else np.zeros((0, rows.shape[1])), labels, names,
                    len(items["expected"]) - len(covered))
