"""A count of two kinds of people at once: "50 وفاة وإصابة", "سقوط 100 قتيل وجريح", "40 dead and injured", "12 morts
et blessés". The number is the dead and the injured together, so it is no toll and no count of the injured: it takes
the concept `casualty` (common/concepts.yaml `person_totals`), which meets only another such joint count. Read as
the first noun's role alone, "50 dead and injured" in a headline stood against a body's nine dead as a
contradiction.

Hand-written because no library reads what an Arabic count's coordinated nouns share. Narrow on purpose: the count's
own noun must name a person role (death, injured, ...), the word right after it must be a coordinator
(`lexicon/<lang>/clauses.yaml` `gap_coordinators`, glued "و" or a word) joined to a noun of another person role, and
no number may follow that noun ("وإصابة 20" heads a count of its own).
"""
from __future__ import annotations

import re
from functools import lru_cache

from checker.lexicon import load_shared
from checker.model import Quantity
from checker.text import fold_word
from checker.values.gaps import coordinators
from checker.values.numbers import phrase_key
from checker.values.quantities import unit_lexicon

JOINT = "casualty"
_NEXT = re.compile(r"\s*(\w+)(?:\s+(\w+))?")
_COUNT_AFTER = re.compile(r"\s*\d")


@lru_cache(maxsize=None)
def _roles() -> frozenset[str]:
    return frozenset(load_shared("concepts")["person_roles"])


def _role_of_noun(word: str, lang: str) -> str | None:
    concept = unit_lexicon(lang).nouns.get(phrase_key(word))
    return concept if concept in _roles() else None


def _joined_role(text: str, end: int, lang: str) -> str | None:
    """The person role of a noun coordinated right after offset `end` ("وإصابة", "and injured"), None if none."""
    match = _NEXT.match(text, end)
    if not match:
        return None
    first, second = match.group(1), match.group(2)
    if second and fold_word(first) in coordinators(lang):
        noun, noun_end = second, match.end(2)
    elif fold_word(first[:1]) in coordinators(lang) and len(first) > 3:
        noun, noun_end = first[1:], match.end(1)
    else:
        return None
    # "مقتل 5 أشخاص وإصابة 20": the noun heads a count of its own, a second clause, not a second kind of the same count
    if _COUNT_AFTER.match(text, noun_end):
        return None
    return _role_of_noun(noun, lang)


def joint_counts(text: str, quantities: list[Quantity], lang: str) -> list[Quantity]:
    """`quantities`, each count of one person role whose noun is coordinated with another role's given `casualty`."""
    out = []
    for quantity in quantities:
        # the role must be the count's own noun's ("50 وفاة"), not one its clause gave a generic noun ("مقتل 5 أشخاص")
        own = _role_of_noun(quantity.noun, lang) if quantity.noun and not quantity.ordinal else None
        if own is not None:
            joined = _joined_role(text, quantity.end, lang)
            if joined is not None and joined != own:
                quantity = quantity.model_copy(update={"unit": JOINT})
        out.append(quantity)
    return out
