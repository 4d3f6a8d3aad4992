"""How two values of one fact relate (agree, imprecision, contradiction), and the facts, corroborations and
findings made from the edges the matcher (checker.match) kept. Precision comes first: a report a reviewer must
wade through is a failed report.
"""
from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from typing import Protocol, Sequence

from checker.cluster import components
from checker.model import Article, Attribute, Claim, DateValue, Fact, Finding, Mention, Quantity, Side
from checker.scope import EQUIVALENT_TOLERANCE, converted
from checker.text import fold_digits
from checker.values.attributes import attribute_relation
from checker.values.quantities import concepts_compatible
from checker.values.reader import describe
from checker.values.units import unit_factor
from checker.wording import explain

Relation = str  # "agree" | "imprecision" | "contradiction"


class Edge(Protocol):
    """Two mentions (indices) the matcher made one fact, with how their values relate and why (checker.match)."""

    a: int
    b: int
    similarity: float
    relation: str
    score: float
    weighed: tuple[tuple[str, float], ...]


# --------------------------------------------------------------------------------------------------- relations

def _interval(low: float | None, high: float | None) -> tuple[float, float]:
    return (-math.inf if low is None else low, math.inf if high is None else high)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _holds(quantity: Quantity, number: float) -> bool:
    low, high = _interval(quantity.low, quantity.high)
    return (low < number or _close(low, number) and quantity.low_inclusive) and \
        (number < high or _close(high, number) and quantity.high_inclusive)


def quantity_relation(a: Quantity, b: Quantity) -> Relation:
    """Equal intervals agree; overlapping intervals are an imprecision; disjoint ones contradict.

    Two sources that state the same number agree even when one hedges it ("at least 26" and "26", "about 16" and
    16): both report 26, and readers marked no such pair. "More than 60" against 60 still contradicts: 60 is
    outside it."""
    a_low, a_high = _interval(a.low, a.high)
    b_low, b_high = _interval(b.low, b.high)
    if _close(a_low, b_low) and _close(a_high, b_high) and a.low_inclusive == b.low_inclusive \
            and a.high_inclusive == b.high_inclusive:
        return "agree"
    if a.modifier == b.modifier == "vague" and max(a_low, b_low) <= min(a_high, b_high):
        return "agree"  # "عشرات" and "dozens" are one vague word; lexicons bound it a little differently
    if _close(a.value, b.value) and a.modifier != "vague" and b.modifier != "vague" \
            and _holds(a, b.value) and _holds(b, a.value):
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
        # "Thursday" inside "21-23 April" is a day of the range, not a vaguer statement of one date; "late September
        # last" or "last month" around "25 September" is one.
        return None if any(deictic(d) and d.granularity == "day" for d in (a, b)) else "imprecision"
    return "contradiction"


def deictic(date: DateValue) -> bool:
    """A date named only from the day of writing ("Saturday", "yesterday", "last week"). "21 May next" is resolved
    against the publication date too, but only for its year: its day is written down."""
    return date.relative and not any(ch.isdigit() for ch in fold_digits(date.text))


def relation(a: Mention, b: Mention, rates: dict[tuple[str, str], float] | None = None) -> Relation | None:
    if isinstance(a.value, Attribute) and isinstance(b.value, Attribute):
        return attribute_relation(a.value, b.value)
    if isinstance(a.value, Quantity) and isinstance(b.value, Quantity):
        rate = (rates or {}).get((a.value.unit or "", b.value.unit or ""))
        if rate is not None and a.value.unit != b.value.unit:
            # Across currencies only a sum outside the equivalent's tolerance is a finding: rounding at some day's
            # rate is no imprecision a reviewer needs to see.
            kind = quantity_relation(converted(a.value, rate), b.value)
            return "contradiction" if kind == "contradiction" else None
        factor = unit_factor(a.value.unit, b.value.unit)
        if factor is not None:  # two different units of one dimension
            # "10 كم" against "10 آلاف متر": a conversion is rounded by whoever wrote it ("40 miles" / "64 km",
            # "about 130 miles" / "environ 209 km"), so, as across currencies, only a value outside the tolerance
            # of an equivalent is a finding.
            kind = quantity_relation(converted(a.value, factor), b.value)
            return "contradiction" if kind == "contradiction" else None
        return quantity_relation(a.value, b.value)
    if isinstance(a.value, DateValue) and isinstance(b.value, DateValue):
        return date_relation(a.value, b.value)
    return None


def concept_of(mention: Mention) -> str | None:
    """What a value is of: a counted or measured concept, "date", or a role ("role:host_city")."""
    value = mention.value
    if isinstance(value, Quantity):
        return value.unit
    if isinstance(value, DateValue):
        return "date" if value.low is not None else None
    if isinstance(value, Attribute):
        return f"role:{value.role}"
    return None


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


def _timeline(kind: str, a: Side, b: Side) -> str:
    """Two figures of one event published on different days: an update a reviewer should see at a glance."""
    if kind != "contradiction" or not a.published or not b.published or a.published == b.published:
        return ""
    earlier, later = sorted((a, b), key=lambda side: side.published)
    def told(side: Side) -> str:
        return f"{side.text!r} ({side.outlet or side.source}, {side.published.isoformat()})"
    return f"; timeline: {told(earlier)} then {told(later)}: possibly an update"


def _why(edge: Edge) -> str:
    from checker.match.features import PLAIN  # the features' names for people; match imports this module

    if not edge.weighed:
        return f"; same fact with probability {edge.score:.2f}"
    reasons = ", ".join(f"{PLAIN.get(name, name)} ({'for' if share > 0 else 'against'})"
                        for name, share in edge.weighed)
    return f"; same fact with probability {edge.score:.2f}, mostly from: {reasons}"


def _conversion(a: Mention, b: Mention, rates: dict[tuple[str, str], float]) -> str:
    units = (getattr(a.value, "unit", None) or "", getattr(b.value, "unit", None) or "")
    factor = unit_factor(*units)
    if factor is not None:
        return f", in one unit (1 {units[0]} = {factor:g} {units[1]})"
    if units[0] == units[1] or units not in rates:
        return ""
    names = [unit.split(":", 1)[-1] for unit in units]
    return (f", at the rate an article gives (1 {names[0]} = {rates[units]:.4g} {names[1]}, "
            f"{EQUIVALENT_TOLERANCE:.0%} either way)")


def amount_key(mention: Mention) -> tuple:
    """What a value says, whatever it counts: a headline's "تسعة" and its body's "تسعة أشخاص" are one statement
    of the article's, and one disagreement with another article is one finding."""
    value = mention.value
    if isinstance(value, Quantity):
        return ("q", value.low, value.high, value.value)
    if isinstance(value, DateValue):
        return ("d", value.low, value.high)
    return ("v", describe(value))


def _value_key(mention: Mention) -> str:
    return describe(mention.value)


def _disagreements(mentions: Sequence[Mention], edges: Sequence[Edge]) -> list[tuple[int, int, str, int]]:
    """Pairs to report: each aligned pair that differs, and each value that another source repeats exactly
    inherits that source's disagreements (A = B and B != C: A != C), but never across one article, where only a
    headline and its body are compared."""
    agree: dict[int, list[int]] = defaultdict(list)
    for edge in edges:
        if edge.relation == "agree":
            agree[edge.a].append(edge.b)
            agree[edge.b].append(edge.a)
    out = []
    for index, edge in enumerate(edges):
        if edge.relation == "agree":
            continue
        out.append((edge.a, edge.b, edge.relation, index))
        for one, other in ((edge.a, edge.b), (edge.b, edge.a)):
            for twin in agree[one]:
                if mentions[twin].article_id != mentions[other].article_id:
                    out.append((min(twin, other), max(twin, other), edge.relation, index))
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
    # The likeliest statement of a disagreement speaks for it when a fact is repeated inside an article, the body's
    # before the title's: the body says it in full, with its source, where a reviewer reads it.
    def titled(mention: Mention) -> bool:
        return articles[mention.article_id].in_title(mention.value.start)

    def rank(d: tuple) -> tuple:
        return titled(mentions[d[0]]) + titled(mentions[d[1]]), -edges[d[3]].score, d

    # A title's value the body restates is quoted in the body, even where only the title's wording was matched.
    restated: dict[tuple[str, tuple], list[Mention]] = defaultdict(list)
    for mention in mentions:
        if not titled(mention):
            restated[(mention.article_id, amount_key(mention))].append(mention)

    def quoted(mention: Mention) -> Mention:
        if not titled(mention):
            return mention
        concept = concept_of(mention)
        twins = restated.get((mention.article_id, amount_key(mention)), [])
        return next((twin for twin in twins
                     if concept_of(twin) is None or concepts_compatible(concept, concept_of(twin))), mention)

    for i, j, kind, index in sorted(_disagreements(mentions, edges), key=rank):
        a, b = mentions[i], mentions[j]
        ends = sorted([(a.article_id, repr(amount_key(a))), (b.article_id, repr(amount_key(b)))])
        key = (*ends[0], *ends[1])
        if key in seen:
            continue  # a fact repeated inside an article is one mention
        seen.add(key)
        shown_a, shown_b = quoted(a), quoted(b)
        side_a = side_of(shown_a, articles[a.article_id], claims[shown_a.claim_id])
        side_b = side_of(shown_b, articles[b.article_id], claims[shown_b.claim_id])
        findings.append(Finding(
            id=stable_id(kind, a.id, b.id), kind=kind, type=a.value.type, sides=(side_a, side_b),
            fact_id=fact_of[labels[i]], similarity=round(edges[index].similarity, 4), score=edges[index].score,
            weighed=tuple(name for name, _ in edges[index].weighed),
            explanation=_explain(kind, a, b, _conversion(a, b, rates or {}))
            + _timeline(kind, side_a, side_b) + _why(edges[index]),
        ))
    return facts, findings
