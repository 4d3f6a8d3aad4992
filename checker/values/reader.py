"""All values of a text at once, and how to describe and relate them: the one entry point of `checker.values`."""
from __future__ import annotations

import datetime as dt

from checker.model import Attribute, DateValue, Entity, Quantity
from checker.values import attributes, dates, entities, quantities

ValueT = Quantity | DateValue | Entity | Attribute
# A rial without its country ("11.8 مليار ريال" in an Omani article) is any of the rials.
RIALS = frozenset({"money:OMR", "money:SAR", "money:QAR", "money:YER", "money:IRR"})


def _overlaps(a: ValueT, b: ValueT) -> bool:
    return a.start < b.end and b.start < a.end


def extract_values(text: str, lang: str, published: dt.date | None = None) -> list[ValueT]:
    """Every value in `text`, sorted by position. Dates win over quantities on overlap ("24 نونبر" is a day, not
    24 of something) and names never overlap either."""
    found_dates = dates.extract_dates(text, lang, published)
    found_quantities = [q for q in quantities.extract_quantities(text, lang)
                        if not any(_overlaps(q, d) for d in found_dates)]
    numeric = [*found_dates, *found_quantities]
    found_attributes = [a for a in attributes.extract_attributes(text, lang) if not any(_overlaps(a, v) for v in numeric)]
    taken = [*numeric, *found_attributes]
    found_entities = [e for e in entities.extract_entities(text, lang) if not any(_overlaps(e, v) for v in taken)]
    return sorted([*taken, *found_entities], key=lambda v: (v.start, v.end, v.type))


def describe(value: ValueT) -> str:
    """The value as read, in a few words, for reports and explanations."""
    if isinstance(value, Quantity):
        return quantities.describe(value)
    if isinstance(value, DateValue):
        return dates.describe(value)
    if isinstance(value, Attribute):
        return attributes.describe(value)
    return f"name {value.text} (key {value.key})"


def units_compatible(a: str, b: str) -> bool:
    if {a, b} & {"money:RIAL"} and ({a, b} - {"money:RIAL"}) <= RIALS:
        return True
    return quantities.concepts_compatible(a, b)
