"""Decide which values state the same fact, then compare them: facts, corroborations and findings.

Candidates come from faiss neighbourhoods over each mention's claim with its own value masked (so differing
numbers don't push statements of one fact apart). A pair is kept only when every signal agrees: compatible concept,
same story, no clash of scope (years), and each is the other's best match between the two articles. Precision
comes first: a report a reviewer must wade through is a failed report.
"""
from __future__ import annotations

import dataclasses
import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from checker.cluster import components, neighbour_pairs
from checker.model import Article, Attribute, Claim, DateValue, Fact, Finding, Mention, Quantity, Side
from checker.scope import EQUIVALENT_TOLERANCE, Forecast, converted, forecasts_clash
from checker.text import fold_digits, script_of
from checker.values.attributes import attribute_relation
from checker.values.reader import describe, units_compatible
from checker.wording import explain

Relation = str  # "agree" | "imprecision" | "contradiction"


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds, saved in every report beside the model that produced the similarities."""

    same_fact: float = 0.45  # cosine of two masked claims for two values to state one fact
    same_story: float = 0.45  # articles of one story measured 0.52+, random same-day news 0.13 median, 0.36 at p90
    headline: float = 0.10  # a headline restating its body's only value of a concept needs little more
    same_date: float = 0.60  # dates are many in a news article: two need closer contexts to be one event's
    relative_date: float = 0.75  # "Saturday" in one report and "Sunday" in another are mostly two events
    unique_role: float = 0.0  # the same for a role (venue, chair, proposer) filled once in each article
    unique: float = 0.15  # each article's only value of a concept: little more is needed to make them one fact
    other_concept: float = 0.20  # taken from the similarity of two related concepts (people vs migrants)
    far_apart: float = 0.75  # two values more than 5x apart are mostly two facts
    agreement_margin: float = 0.10  # an equal value this close to the best match is the counterpart
    ambiguity_margin: float = 0.02  # two different values closer than this: no counterpart
    shared_name: float = 0.25  # added to the similarity of two values whose clauses name the same person or place
    shared_head: float = 0.10  # added when the words right before both values share a content word
    other_names: float = 0.10  # taken away when both clauses name people or places and none is shared
    neighbours: int = 32


# --------------------------------------------------------------------------------------------------- relations

def _interval(low: float | None, high: float | None) -> tuple[float, float]:
    return (-math.inf if low is None else low, math.inf if high is None else high)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def quantity_relation(a: Quantity, b: Quantity) -> Relation:
    """Equal intervals agree; overlapping intervals are an imprecision; disjoint ones contradict."""
    a_low, a_high = _interval(a.low, a.high)
    b_low, b_high = _interval(b.low, b.high)
    if _close(a_low, b_low) and _close(a_high, b_high) and a.low_inclusive == b.low_inclusive \
            and a.high_inclusive == b.high_inclusive:
        return "agree"
    low, low_closed = max((a_low, a.low_inclusive), (b_low, b.low_inclusive), key=lambda x: (x[0], not x[1]))
    high, high_closed = min((a_high, a.high_inclusive), (b_high, b.high_inclusive), key=lambda x: (x[0], x[1]))
    if low < high or (_close(low, high) and low_closed and high_closed):
        return "imprecision"
    return "contradiction"


def date_relation(a: DateValue, b: DateValue) -> Relation | None:
    """None when either date is unresolved (a relative date without a publication date): never a conflict."""
    if a.low is None or a.high is None or b.low is None or b.high is None:
        return None
    if a.low == b.low and a.high == b.high:
        return "agree"
    if a.granularity == b.granularity == "range":
        return "contradiction"  # each range states its first and last day: 13-24 April is not 13-26 April
    if max(a.low, b.low) <= min(a.high, b.high):
        # "Thursday" inside "21-23 April" is a day of the range, not a vaguer statement of one date.
        return None if deictic(a) or deictic(b) else "imprecision"
    return "contradiction"


def deictic(date: DateValue) -> bool:
    """A date named only from the day of writing ("Saturday", "yesterday", "last week"). "21 May next" is resolved
    against the publication date too, but only for its year: its day is written down."""
    return date.relative and not any(ch.isdigit() for ch in fold_digits(date.text))


def relation(a: Mention, b: Mention, rates: dict[tuple[str, str], float] | None = None) -> Relation | None:
    if isinstance(a.value, Attribute) and isinstance(b.value, Attribute):
        return attribute_relation(a.value, b.value)
    if isinstance(a.value, Quantity) and isinstance(b.value, Quantity):
        if "vague" in (a.value.modifier, b.value.modifier):
            # "tens of thousands of homes" scopes a whole region; an exact count rarely states the same fact.
            return None
        rate = (rates or {}).get((a.value.unit or "", b.value.unit or ""))
        if rate is not None and a.value.unit != b.value.unit:
            # Across currencies only a sum outside the equivalent's tolerance is a finding: rounding at some day's
            # rate is no imprecision a reviewer needs to see.
            kind = quantity_relation(converted(a.value, rate), b.value)
            return "contradiction" if kind == "contradiction" else None
        return quantity_relation(a.value, b.value)
    if isinstance(a.value, DateValue) and isinstance(b.value, DateValue):
        return date_relation(a.value, b.value)
    return None


# ------------------------------------------------------------------------------------------------ comparability

def concept_of(mention: Mention) -> str | None:
    value = mention.value
    if isinstance(value, Quantity):
        return value.unit
    if isinstance(value, DateValue):
        return "date" if value.low is not None else None
    if isinstance(value, Attribute):
        return f"role:{value.role}"
    return None


def comparable(a: Mention, b: Mention, rates: dict[tuple[str, str], float] | None = None) -> bool:
    concept_a, concept_b = concept_of(a), concept_of(b)
    if concept_a is None or concept_b is None:
        return False
    if rates and (concept_a, concept_b) in rates:
        return True  # two currencies an article converts between
    if concept_a.startswith(("date", "role:")) or concept_b.startswith(("date", "role:")):
        return concept_a == concept_b
    if isinstance(a.value, Quantity) and isinstance(b.value, Quantity) and a.value.ordinal != b.value.ordinal:
        return False
    return units_compatible(concept_a, concept_b)


# ----------------------------------------------------------------------------------------------------- context

_CLAUSE_BREAK = re.compile(r"[،,؛;:()\"“”«»]")
CONTEXT_WORDS = 8


def clause_bounds(claim: Claim, mention: Mention) -> tuple[int, int]:
    """Article offsets of the clause around a value.

    A news sentence often strings several facts together ("victims from more than 60 countries…, while last year's
    operation in 116 countries…"); the clause keeps the one this value states. A clause piece of fewer than three
    words (two on the right) is too short to say anything and the clause reaches past it.
    """
    value = mention.value
    start, end = value.start - claim.start, value.end - claim.start
    left_start, right_end = 0, len(claim.text)
    breaks = list(_CLAUSE_BREAK.finditer(claim.text[:start]))
    if breaks and len(claim.text[breaks[-1].end():start].split()) >= 3:
        left_start = breaks[-1].end()
    first = _CLAUSE_BREAK.search(claim.text, end)
    if first and len(claim.text[end:first.start()].split()) >= 2:
        right_end = first.start()
    return claim.start + left_start, claim.start + right_end


def masked_context(claim: Claim, mention: Mention) -> str:
    """The clause around a value, capped at a few words each side, its number masked and its counted noun kept:
    what the fact is about."""
    value = mention.value
    clause_start, clause_end = clause_bounds(claim, mention)
    left = claim.text[clause_start - claim.start:value.start - claim.start]
    right = claim.text[value.end - claim.start:clause_end - claim.start]
    noun = value.noun if isinstance(value, Quantity) and value.noun else ""
    words = [*left.split()[-CONTEXT_WORDS:], noun, *right.split()[:CONTEXT_WORDS]]
    return " ".join(w for w in words if w)


def story_pairs(articles: Sequence[Article], vectors: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    """Index pairs (i <= j) of articles that cover one story: each article with itself, and topic neighbours.

    An item appended after "read also" is another story by the outlet's own account (a shipwreck off Crete under a
    report on one off Libya, Kuwait's budget under Oman's): it is read and listed, and compared only with other
    appended items, never with the articles a user gave as covering the story.
    """
    allowed = {(i, i) for i in range(len(articles))}
    for i, j, _ in neighbour_pairs(vectors, k=32, threshold=threshold):
        if (articles[i].role == "appended") == (articles[j].role == "appended"):
            allowed.add((i, j))
    return allowed


# ---------------------------------------------------------------------------------------------------- alignment

@dataclass(frozen=True)
class Edge:
    a: int
    b: int
    similarity: float
    relation: str


@dataclass(frozen=True)
class Scope:
    """Where each value stands: its article's index, which claims are headlines, which articles share a story, the
    years each value is about, what narrows it and whose forecast it is."""

    article_index: dict[str, int]
    headlines: set[str]
    stories: set[tuple[int, int]]
    years: dict[str, frozenset[int]]  # mention id -> the years its value is scoped to
    qualifiers: dict[str, str | None]  # mention id -> what narrows its counted noun, if anything
    forecasts: dict[str, Forecast | None]  # mention id -> the forecast it belongs to, if it is one
    names: dict[str, frozenset[str]]  # mention id -> cross-script keys of the names in its clause
    heads: dict[str, frozenset[str]]  # mention id -> content words right before it
    rates: dict[tuple[str, str], float] = dataclasses.field(default_factory=dict)  # (from, to) currency -> rate


def _qualifiers_clash(a: Mention, b: Mention, scope: Scope) -> bool:
    """Two counts of one noun narrowed differently (or only one narrowed) are counts of different sets. Only
    compared within one script: an adjective in Arabic and a noun modifier in English don't line up word for word."""
    qa, qb = scope.qualifiers.get(a.id), scope.qualifiers.get(b.id)
    if qa == qb:
        return False
    if {"member", "total", "score"} & {qa, qb}:
        return True
    return script_of(a.value.text) == script_of(b.value.text)


def _candidates(
    mentions: Sequence[Mention],
    vectors: np.ndarray,
    scope: Scope,
    thresholds: Thresholds,
) -> list[Edge]:
    """Pairs from faiss neighbourhoods that could state one fact: nothing rules them out yet."""
    concept_count: dict[tuple[str, str], int] = defaultdict(int)
    for mention in mentions:
        if mention.claim_id not in scope.headlines:
            concept_count[(mention.article_id, concept_of(mention) or "")] += 1
    floor = min(thresholds.same_fact, thresholds.headline, thresholds.unique) - thresholds.shared_name
    out = []
    for i, j, similarity in neighbour_pairs(vectors, k=thresholds.neighbours, threshold=floor):
        a, b = mentions[i], mentions[j]
        if not comparable(a, b, scope.rates):
            continue
        pair = tuple(sorted((scope.article_index[a.article_id], scope.article_index[b.article_id])))
        if pair not in scope.stories:
            continue
        ya, yb = scope.years[a.id], scope.years[b.id]
        if ya and yb and not (ya & yb):
            continue  # the same quantity for another year is another fact
        kind = relation(a, b, scope.rates)
        if kind is None or _qualifiers_clash(a, b, scope) \
                or forecasts_clash(scope.forecasts.get(a.id), scope.forecasts.get(b.id)):
            continue
        similarity += _evidence(a, b, kind, scope, thresholds)
        if a.article_id == b.article_id:
            # Inside one article only a headline and its body can disagree on one fact: the headline restates
            # the body's value of that concept when the body gives just one.
            if (a.claim_id in scope.headlines) == (b.claim_id in scope.headlines) or concept_of(a) != concept_of(b):
                continue
            body = b if a.claim_id in scope.headlines else a
            if concept_count[(body.article_id, concept_of(body) or "")] != 1 or similarity < thresholds.headline:
                continue
        out.append(Edge(i, j, similarity, kind))
    return out


def _evidence(a: Mention, b: Mention, kind: str, scope: Scope, thresholds: Thresholds) -> float:
    """What the words around two values add to, or take from, their masked-context similarity."""
    adjustment = 0.0
    names_a, names_b = scope.names.get(a.id, frozenset()), scope.names.get(b.id, frozenset())
    if names_a & names_b:
        # One scorer, one commune, one institute named in both clauses: the strongest sign of one fact that holds
        # across languages, where masked-context similarity is weakest.
        adjustment += thresholds.shared_name
    elif names_a and names_b:
        adjustment -= thresholds.other_names  # each clause names someone, and not the same one
    elif scope.heads.get(a.id, frozenset()) & scope.heads.get(b.id, frozenset()):
        adjustment += thresholds.shared_head  # "بإنفاق إجمالي" and "إجمالي الإنفاق": the writer's words for it
    if concept_of(a) != concept_of(b):
        adjustment -= thresholds.other_concept  # people vs migrants: weaker than one concept, in ranking too
    if _implausible(a, b, kind, scope):
        # Ranked down as well as held to a higher bar, so a far-apart look-alike (the deficit beside the revenue)
        # does not take the place of the counterpart.
        adjustment -= thresholds.far_apart - thresholds.same_fact
    return adjustment


def align(
    mentions: Sequence[Mention],
    vectors: np.ndarray,
    scope: Scope,
    thresholds: Thresholds,
) -> list[Edge]:
    """Edges between mentions that state the same fact (indices into `mentions`).

    For each value and each other article, the value's counterpart there is its closest statement of the same
    concept, with two cautions a careful reader applies: if the other article states the same value almost as
    closely, that is the counterpart (agreement explains the pair away); and if two different values are about
    equally close, the counterpart is ambiguous and nothing is claimed. An edge needs both ends to choose each other.
    """
    by_target: dict[tuple[int, str], list[tuple[float, int, str]]] = defaultdict(list)
    edges = {}
    for edge in _candidates(mentions, vectors, scope, thresholds):
        edges[(edge.a, edge.b)] = edge
        by_target[(edge.a, mentions[edge.b].article_id)].append((edge.similarity, edge.b, edge.relation))
        by_target[(edge.b, mentions[edge.a].article_id)].append((edge.similarity, edge.a, edge.relation))

    choice: dict[tuple[int, str], int] = {}
    for key, options in by_target.items():
        options.sort(key=lambda o: (-o[0], o[1]))
        best_similarity, best, _ = options[0]
        agreeing = [o for o in options if o[2] == "agree" and o[0] >= best_similarity - thresholds.agreement_margin]
        if agreeing:
            choice[key] = agreeing[0][1]
        elif len(options) == 1 or best_similarity - options[1][0] >= thresholds.ambiguity_margin:
            choice[key] = best
    values_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mention in mentions:
        values_of[(mention.article_id, concept_of(mention) or "")].add(_value_key(mention))
    accepted = []
    for (i, j), edge in sorted(edges.items()):
        if choice.get((i, mentions[j].article_id)) == j and choice.get((j, mentions[i].article_id)) == i:
            a, b = mentions[i], mentions[j]
            if a.article_id == b.article_id or edge.similarity >= _required(a, b, edge, values_of, thresholds, scope):
                accepted.append(edge)
    return accepted


def _far_apart(a: Mention, b: Mention, factor: float) -> bool:
    if not (isinstance(a.value, Quantity) and isinstance(b.value, Quantity)):
        return False
    small, large = sorted((abs(a.value.value), abs(b.value.value)))
    return small > 0 and large / small > factor


def _is_measure(concept: str) -> bool:
    """Shares, money and units of measure describe many different things in one story; counted nouns don't."""
    return concept in ("percent", "percentage_point", "basis_point") or concept.startswith("money:")


def _implausible(a: Mention, b: Mention, kind: str, scope: Scope) -> bool:
    """Pairs that only nearly identical contexts make one fact (cosine `far_apart`).

    11.8 billion vs 700 million: values this far apart are mostly two facts (revenue vs deficit) that happen to share
    a unit. So are two totals ("out of 41 seats", "out of 138 seats"): the wholes of whatever sets the two sentences
    divide. A bound is no rounding of a value more than twice it: "at least three aftershocks passed magnitude 4" is
    not a vaguer "23 aftershocks".
    """
    return (kind == "contradiction" and _far_apart(a, b, 5) or kind == "imprecision" and _far_apart(a, b, 2)
            or scope.qualifiers.get(a.id) == "total")


def _required(a: Mention, b: Mention, edge: Edge, values_of: dict[tuple[str, str], set[str]],
              thresholds: Thresholds, scope: Scope) -> float:
    """The similarity two aligned values need to count as one fact, from what else their articles say."""
    concept_a, concept_b = concept_of(a) or "", concept_of(b) or ""
    if _implausible(a, b, edge.relation, scope):
        return thresholds.same_fact  # the similarity already carries the far-apart penalty: far_apart in all
    if concept_a == "date":
        relative = any(isinstance(m.value, DateValue) and deictic(m.value) for m in (a, b))
        return thresholds.relative_date if relative else thresholds.same_date
    if concept_a != concept_b:
        return thresholds.same_fact  # the similarity already carries the other_concept penalty
    if scope.names.get(a.id, frozenset()) & scope.names.get(b.id, frozenset()):
        return thresholds.unique  # one named scorer, scale or commune in both clauses, and one concept
    counted = all(isinstance(m.value, Attribute)
                  or (isinstance(m.value, Quantity) and m.value.noun and not _is_measure(concept_a)) for m in (a, b))
    if counted and len(values_of[(a.article_id, concept_a)]) == 1 and len(values_of[(b.article_id, concept_b)]) == 1:
        if isinstance(a.value, Attribute):
            # A role read from an explicit cue ("استضافتها الدمام", "hosted by") filled once in each of two articles
            # of one story is that story's role: the cue already says what the value is about.
            return thresholds.unique_role
        return thresholds.unique
    return thresholds.same_fact


# ----------------------------------------------------------------------------------------------------- findings

def stable_id(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def side_of(mention: Mention, article: Article, claim: Claim) -> Side:
    value = mention.value
    return Side(
        source=mention.source, start=value.start, end=value.end, text=value.text, article_id=article.id,
        outlet=article.outlet, published=article.published, sentence=claim.text, normalized=describe(value),
    )


def _explain(kind: str, a: Mention, b: Mention, conversion: str = "") -> str:
    return explain(kind, a.value.text, a.value, b.value.text, b.value, conversion)  # words: checker.wording


def _conversion(a: Mention, b: Mention, rates: dict[tuple[str, str], float]) -> str:
    units = (getattr(a.value, "unit", None) or "", getattr(b.value, "unit", None) or "")
    if units[0] == units[1] or units not in rates:
        return ""
    names = [unit.split(":", 1)[-1] for unit in units]
    return (f", at the rate an article gives (1 {names[0]} = {rates[units]:.4g} {names[1]}, "
            f"{EQUIVALENT_TOLERANCE:.0%} either way)")


def _value_key(mention: Mention) -> str:
    return describe(mention.value)


def _disagreements(mentions: Sequence[Mention], edges: Sequence[Edge]) -> list[tuple[int, int, str, float]]:
    """Pairs to report: each aligned pair that differs, and each value that another source repeats exactly
    inherits that source's disagreements (A = B and B != C: A != C), but never across one article, where only a
    headline and its body are compared."""
    agree: dict[int, list[int]] = defaultdict(list)
    for edge in edges:
        if edge.relation == "agree":
            agree[edge.a].append(edge.b)
            agree[edge.b].append(edge.a)
    out = []
    for edge in edges:
        if edge.relation == "agree":
            continue
        out.append((edge.a, edge.b, edge.relation, edge.similarity))
        for one, other in ((edge.a, edge.b), (edge.b, edge.a)):
            for twin in agree[one]:
                if mentions[twin].article_id != mentions[other].article_id:
                    out.append((min(twin, other), max(twin, other), edge.relation, edge.similarity))
    return out


def facts_and_findings(
    mentions: Sequence[Mention],
    edges: Sequence[Edge],
    articles: dict[str, Article],
    claims: dict[str, Claim],
    rates: dict[tuple[str, str], float] | None = None,
) -> tuple[list[Fact], list[Finding]]:
    """Group aligned mentions into facts with their corroborations; each disagreement is one finding."""
    labels = components(len(mentions), [(e.a, e.b) for e in edges])
    members: dict[int, list[int]] = defaultdict(list)
    for index in sorted({e.a for e in edges} | {e.b for e in edges}):
        members[labels[index]].append(index)
    facts: list[Fact] = []
    fact_of: dict[int, str] = {}
    for label in sorted(members):
        group = members[label]
        first = mentions[group[0]]
        fact_id = "fact-" + stable_id(*sorted(mentions[i].id for i in group))
        fact_of[label] = fact_id
        by_value: dict[str, set[str]] = defaultdict(set)
        for i in group:
            by_value[_value_key(mentions[i])].add(articles[mentions[i].article_id].outlet or mentions[i].source)
        facts.append(Fact(
            id=fact_id, type=first.value.type, concept=concept_of(first),
            mentions=tuple(mentions[i].id for i in group),
            corroborations=tuple(
                f"{value}: {len(sources)} source{'s' * (len(sources) != 1)} ({', '.join(sorted(sources))})"
                for value, sources in sorted(by_value.items())),
        ))

    findings: list[Finding] = []
    seen: set[tuple[str, ...]] = set()
    for i, j, kind, similarity in sorted(_disagreements(mentions, edges)):
        a, b = mentions[i], mentions[j]
        ends = sorted([(a.article_id, _value_key(a)), (b.article_id, _value_key(b))])
        key = (*ends[0], *ends[1])
        if key in seen:
            continue  # a fact repeated inside an article is one mention
        seen.add(key)
        side_a = side_of(a, articles[a.article_id], claims[a.claim_id])
        side_b = side_of(b, articles[b.article_id], claims[b.claim_id])
        findings.append(Finding(
            id=stable_id(kind, a.id, b.id), kind=kind, type=a.value.type, sides=(side_a, side_b),
            fact_id=fact_of[labels[i]], similarity=round(similarity, 4),
            explanation=_explain(kind, a, b, _conversion(a, b, rates or {})),
        ))
    return facts, findings
