"""Named features of a candidate pair, computed from the two mentions' context records and their cosine.

The scorer (checker.match.scorer) weighs them; they carry no decision of their own. Each says one thing a careful
reader looks at when deciding whether two values state one fact.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np
import yaml

from checker.compare import deictic
from checker.match.context import Located
from checker.model import DateValue, Quantity
from checker.text import script_of
from checker.values.units import unit_factor

FEATURES: tuple[str, ...] = (
    "cosine",  # masked-context cosine: what the two clauses say around the values
    "word_overlap",  # share of context words the two values have in common (Jaccard of stems)
    "close_wording",  # cosine times word overlap: both the meaning and the words of the two clauses agree
    "claim_cosine",  # cosine of the two whole sentences, values and all
    "both_first",  # each is its article's first value of the concept (the lead)
    "both_largest",  # each is its article's largest value of the concept (a total, not a part)
    "coverage",  # share of the articles that state the concept: a story's main figures are in every report
    "cosine_cross_lang",  # the cosine again when the languages differ: it runs lower across languages
    "cross_lang",
    "related_concept",  # compatible but different concepts (people vs migrants)
    "shared_name",  # the two clauses name one person or place (one cross-script key)
    "other_names",  # both clauses name people or places, none in common
    "shared_head",  # the words right before both values share a content word
    "log_ratio",  # |log(a / b)| of two quantities (0 for dates and roles)
    "far_apart",  # values far apart for what they claim (see thresholds.yaml)
    "imprecision",  # compatible values (a bound or a rounding) rather than a clash
    "vague",  # either side is a vague amount ("dozens", "des centaines")
    "bounded",  # either side carries a modifier (more than, about, at least)
    "unique_both",  # each article states one value of this concept
    "unique_one",  # only one of them does
    "log_values",  # log of how many values of the concept the two articles hold together
    "headline",  # either side is a headline
    "same_article",  # a headline and its own body
    "date",
    "role",  # a role filled by a name (host city, chair, proposer)
    "measure",  # shares and sums describe many things in one story; counted nouns don't
    "deictic_date",  # a date named only from the day of writing ("Saturday")
    "date_gap",  # log(1 + days between two dates' intervals): a day apart is a slip, months apart two events
    "date_grain",  # the two dates are written to different precision (a month vs a day)
    "total",  # both values are totals ("out of 41 seats")
    "mutual_best",  # each value is the other's closest candidate (by cosine) in the other article
    "cosine_margin",  # how much closer this pair is than either value's next candidate in the other article
    "agreeing_rival",  # either value has a candidate in the other article that states the same value
    "qualifier_differs",  # in one script, one count is narrowed by an adjective the other lacks ("عربية")
)


# What each feature means to a reviewer, for the "why" of a finding.
PLAIN = {
    "cosine": "similar wording around the values", "cosine_cross_lang": "similar wording across languages",
    "cross_lang": "different languages", "related_concept": "related but different things counted",
    "shared_name": "the same name in both clauses", "other_names": "different names in the clauses",
    "shared_head": "the same word before both values", "log_ratio": "how close the values are",
    "far_apart": "values far apart", "imprecision": "one value vaguer than the other", "vague": "a vague amount",
    "bounded": "a hedged value", "unique_both": "each report's only figure of its kind",
    "unique_one": "one report's only figure of its kind", "log_values": "how many such figures the reports give",
    "headline": "a headline", "same_article": "inside one article", "date": "a date", "role": "a role",
    "measure": "a share or a sum", "deictic_date": "a weekday or 'yesterday'", "date_gap": "days between the dates",
    "date_grain": "dates of different precision", "total": "two totals", "word_overlap": "shared words",
    "close_wording": "shared words and meaning", "claim_cosine": "similar sentences",
    "both_first": "each report's first figure of its kind", "both_largest": "each report's largest figure",
    "coverage": "a figure most reports give", "mutual_best": "each other's closest statement",
    "cosine_margin": "closer than any other statement", "agreeing_rival": "another report gives the same figure",
    "qualifier_differs": "one count narrowed by an adjective",
}


@lru_cache(maxsize=None)
def settings() -> dict:
    """checker/match/thresholds.yaml: the matcher's documented numbers."""
    return yaml.safe_load(resources.files(__package__).joinpath("thresholds.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Candidate:
    """Two mentions (row indices) that no blocker rules out, with their cosine and how their values relate."""

    a: int
    b: int
    cosine: float
    relation: str  # "agree" | "imprecision" | "contradiction"


def _is_measure(concept: str | None) -> bool:
    return bool(concept) and (concept in ("percent", "percentage_point", "basis_point")
                              or concept.startswith("money:"))


def _deictic(value: object) -> bool:
    return isinstance(value, DateValue) and deictic(value)


def _point(quantity: Quantity) -> float:
    """The number a quantity stands for: a vague amount's is the middle of its interval on a log scale ("عشرات",
    10 to 99, is about 31), not the low end its lexicon writes as its value."""
    if quantity.modifier == "vague" and quantity.low and quantity.high and quantity.low > 0:
        return math.sqrt(quantity.low * quantity.high)
    return abs(quantity.value)


def _ratio(a: object, b: object, rates: dict[tuple[str, str], float]) -> float | None:
    """How far apart two quantities are; sums in two currencies at the rate an article gives."""
    if not (isinstance(a, Quantity) and isinstance(b, Quantity)):
        return None
    rate = (rates.get((a.unit or "", b.unit or "")) or unit_factor(a.unit, b.unit)) if a.unit != b.unit else None
    small, large = sorted((_point(a) * (rate or 1.0), _point(b)))
    if small == 0:
        return math.inf if large else 1.0
    return large / small


def _date_gap(a: object, b: object) -> tuple[float, float]:
    if not (isinstance(a, DateValue) and isinstance(b, DateValue)) or None in (a.low, a.high, b.low, b.high):
        return 0.0, 0.0
    gap = max((a.low - b.high).days, (b.low - a.high).days, 0)
    return math.log1p(gap), float(a.granularity != b.granularity)


def _claim_cosine(run: Located, a: int, b: int) -> float:
    if run.claim_vectors is None or a < 0 or b < 0:
        return 0.0
    return float(np.dot(run.claim_vectors[a], run.claim_vectors[b]))


def _rivals(candidates: Sequence[Candidate], run: Located) -> tuple[dict, dict]:
    """Per (mention, other article): the candidates' cosines, best first, and whether one of them agrees."""
    cosines: dict[tuple[int, int], list[float]] = {}
    agrees: dict[tuple[int, int], bool] = {}
    for pair in candidates:
        for one, other in ((pair.a, pair.b), (pair.b, pair.a)):
            key = (one, run.contexts[other].article)
            cosines.setdefault(key, []).append(pair.cosine)
            agrees[key] = agrees.get(key, False) or pair.relation == "agree"
    for values in cosines.values():
        values.sort(reverse=True)
    return cosines, agrees


def _margin(cosine: float, ranked: list[float]) -> float:
    """This cosine minus the best other one (ranked holds this one too)."""
    others = list(ranked)
    others.remove(cosine)
    return cosine - (others[0] if others else 0.0)


def feature_rows(candidates: Sequence[Candidate], run: Located) -> np.ndarray:
    """One row per candidate, one column per name in FEATURES. Rank features compare each candidate with the
    others of the same values, so pass every candidate of the run (agreeing ones too)."""
    shape = settings()
    cosines, agrees = _rivals(candidates, run)
    rows = np.zeros((len(candidates), len(FEATURES)), dtype=np.float64)
    column = {name: i for i, name in enumerate(FEATURES)}
    for row, pair in enumerate(candidates):
        a, b = run.mentions[pair.a], run.mentions[pair.b]
        ca, cb = run.contexts[pair.a], run.contexts[pair.b]
        ratio = _ratio(a.value, b.value, run.rates)
        cross = ca.lang != cb.lang
        far = ratio is not None and (
            pair.relation == "contradiction" and ratio > shape["far_apart"]
            or pair.relation == "imprecision" and ratio > shape["bound_apart"])
        shared = bool(ca.names & cb.names)
        gap, grain = _date_gap(a.value, b.value)
        ranked_a = cosines[(pair.a, cb.article)]
        ranked_b = cosines[(pair.b, ca.article)]
        values = {
            "cosine": pair.cosine,
            "cosine_cross_lang": pair.cosine if cross else 0.0,
            "word_overlap": len(ca.words & cb.words) / max(1, len(ca.words | cb.words)),
            "close_wording": pair.cosine * len(ca.words & cb.words) / max(1, len(ca.words | cb.words)),
            "claim_cosine": _claim_cosine(run, ca.claim, cb.claim),
            "both_first": float(ca.first and cb.first),
            "both_largest": float(ca.largest and cb.largest),
            "coverage": min(ca.coverage, cb.coverage),
            "cross_lang": float(cross),
            "related_concept": float(ca.concept != cb.concept and (ca.concept, cb.concept) not in run.rates
                                     and unit_factor(ca.concept, cb.concept) is None),
            "shared_name": float(shared),
            "other_names": float(bool(ca.names and cb.names and not shared)),
            "shared_head": float(bool(ca.heads & cb.heads)),
            "log_ratio": 0.0 if ratio is None else min(math.log(ratio), shape["log_ratio_cap"]),
            "far_apart": float(far),
            "imprecision": float(pair.relation == "imprecision"),
            "vague": float(any(getattr(m.value, "modifier", None) == "vague" for m in (a, b))),
            "bounded": float(any(getattr(m.value, "modifier", None) not in (None, "vague") for m in (a, b))),
            "unique_both": float(ca.concept_values == 1 and cb.concept_values == 1),
            "unique_one": float((ca.concept_values == 1) != (cb.concept_values == 1)),
            "log_values": math.log(ca.concept_values + cb.concept_values),
            "headline": float(ca.headline or cb.headline),
            "same_article": float(ca.article == cb.article),
            "date": float(isinstance(a.value, DateValue)),
            "role": float((ca.concept or "").startswith("role:")),
            "measure": float(_is_measure(ca.concept) or _is_measure(cb.concept)),
            "deictic_date": float(_deictic(a.value) or _deictic(b.value)),
            "total": float(ca.qualifier == cb.qualifier == "total"),
            "mutual_best": float(pair.cosine >= ranked_a[0] and pair.cosine >= ranked_b[0]),
            "cosine_margin": min(_margin(pair.cosine, ranked_a), _margin(pair.cosine, ranked_b)),
            "agreeing_rival": float(pair.relation != "agree" and (agrees[(pair.a, cb.article)]
                                                                  or agrees[(pair.b, ca.article)])),
            "qualifier_differs": float(ca.qualifier != cb.qualifier
                                       and script_of(a.value.text) == script_of(b.value.text)),
            "date_gap": gap,
            "date_grain": grain,
        }
        for name, value in values.items():
            rows[row, column[name]] = value
    return rows
