"""What a report says to people: plain-English glosses of values and the one-line reason for each finding.

Values are read into ids (concept "country", modifier "more_than", currency "money:MAD"); a reviewer reads
"more than 60 countries", "about 1,200 families (1,100 to 1,300)", "24 to 27 November 2025". Words live in
`lexicon/en/glosses.yaml`, plurals of every shipped concept included; the inflect library pluralises only a
concept a user added without one (it takes seconds to import). Glosses are for people only: matching and
fingerprints use the values themselves (`checker.values.reader.describe`).
"""
from __future__ import annotations

import calendar
from functools import lru_cache

from checker.lexicon import load
from checker.model import Attribute, DateValue, Entity, Quantity

_MONTHS = tuple(calendar.month_name)


@lru_cache(maxsize=1)
def _words() -> dict:
    return load("en", "glosses")


@lru_cache(maxsize=1)
def _inflect():
    import inflect  # seconds to import: only a concept missing from glosses.yaml needs it

    return inflect.engine()


def _ordinal(n: int) -> str:
    """93 -> "93rd", 11 -> "11th". Written here, not taken from inflect, so a report never waits for its import."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _number(x: float | None) -> str:
    """60 -> "60", 1246 -> "1,246", 222.7e9 -> "222.7 billion", 0.5 -> "0.5"."""
    if x is None:
        return "?"
    for scale, name in _SCALES:
        if abs(x) >= scale:
            return f"{x / scale:,.6g} {name}"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.6g}"


def noun(unit: str | None, count: float | None) -> str:
    """The English noun of a concept for `count` of it: ("country", 60) -> "countries"."""
    if not unit:
        return ""
    one = count is not None and abs(count) == 1
    words = _words()
    if unit.startswith("money:"):
        names = words["money"].get(unit.split(":", 1)[1])
        return (names[0] if one else names[1]) if names else unit.split(":", 1)[1]
    concept = unit.split(":", 1)[0]
    if one:
        return words["singular"].get(concept, concept.replace("_", " "))
    for table in ("plural_by_hand", "plural"):
        if concept in words[table]:
            return words[table][concept]
    return _inflect().plural_noun(concept.replace("_", " ")) or concept


def _quantity(q: Quantity) -> str:
    if q.ordinal:
        place = _ordinal(int(q.value)) if float(q.value).is_integer() else _number(q.value)
        return f"the {place}" + (f" ({noun(q.unit, 1)})" if q.unit else "")
    unit = noun(q.unit, q.value)
    tail = f" {unit}" if unit else ""
    if q.modifier == "about":
        return f"about {_number(q.value)}{tail} ({_number(q.low)} to {_number(q.high)})"
    if q.modifier in ("between", "vague"):
        if q.high is None:
            return f"{_number(q.low)} or more{f' {noun(q.unit, 2)}' if q.unit else ''}"
        return f"between {_number(q.low)} and {_number(q.high)}{f' {noun(q.unit, 2)}' if q.unit else ''}"
    modifier = _words()["modifiers"].get(q.modifier or "", "")
    return f"{modifier} {_number(q.value)}{tail}".strip()


def _day(day) -> str:
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


def _date(d: DateValue) -> str:
    if d.low is None or d.high is None:
        return "a date relative to the publication day, which is not known"
    if d.granularity == "year" and d.low.year == d.high.year:
        shown = str(d.low.year)
    elif d.granularity == "month" and (d.low.year, d.low.month) == (d.high.year, d.high.month):
        shown = f"{_MONTHS[d.low.month]} {d.low.year}"
    elif d.low == d.high:
        shown = _day(d.low)
    elif (d.low.year, d.low.month) == (d.high.year, d.high.month):
        shown = f"{d.low.day} to {d.high.day} {_MONTHS[d.low.month]} {d.low.year}"
    else:
        shown = f"{_day(d.low)} to {_day(d.high)}"
    return f"{shown} (counted from the publication date)" if d.relative else shown


def _attribute(a: Attribute) -> str:
    from checker.values.attributes import describe

    # "proposer: Iraq (country:IQ)": the reading without the trailing internal key
    reading = describe(a)
    key = f" ({a.filler_key})"
    reading = reading[:-len(key)] if reading.endswith(key) else reading
    return reading.replace("_", " ")


def gloss(value: Quantity | DateValue | Attribute | Entity) -> str:
    """The value in plain English, for a reviewer."""
    if isinstance(value, Quantity):
        return _quantity(value)
    if isinstance(value, DateValue):
        return _date(value)
    if isinstance(value, Attribute):
        return _attribute(value)
    return f"the name {value.text}"


def explain(kind: str, a_text: str, a_value, b_text: str, b_value, conversion: str = "") -> str:
    """Why a finding is reported, in one sentence: both quotes with their glosses, then the reason."""
    reason = _words()["reasons"][kind]
    return f"'{a_text}' ({gloss(a_value)}) vs '{b_text}' ({gloss(b_value)}): {reason}{conversion}"


def explain_variant(a_text: str, b_text: str) -> str:
    return (f"'{a_text}' and '{b_text}' sound the same when transliterated but are spelled differently: "
            f"{_words()['reasons']['variant']}")
