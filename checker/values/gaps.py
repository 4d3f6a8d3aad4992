"""The noun a coordinated count leaves unsaid: "مقتل 46 شخصا في أوتار براديش، و31 في راجستان", "killing 46 in
Uttar Pradesh and 31 in Rajasthan". The second count is of the first count's people (gapping: the verb and noun
are said once for both), so it takes the first count's concept; without it the 31 is a count of nothing and never
meets "35 in Rajasthan" in another report.

Hand-written because no library resolves Arabic ellipsis. Narrow on purpose: the count must open a coordinated
member ("و" glued or a coordinator word before it, `lexicon/<lang>/clauses.yaml` `gap_coordinators`), have no noun
and no role of its own, be followed by nothing or a function word (a preposition: "في راجستان"), and the count it
borrows from must be the one right before it in the sentence, within `GAP_REACH` characters.
"""
from __future__ import annotations

import re
from functools import lru_cache

from checker.lexicon import load
from checker.model import Quantity
from checker.text import fold_word
from checker.values.counted import following_word, is_function_word

# Characters between the count that states the noun and the one that leaves it out: a place or a time phrase
# ("في أوتار براديش في الشمال، "), not a second clause.
GAP_REACH = 80
_LAST_WORD = re.compile(r"(\w+)\W*$")


@lru_cache(maxsize=None)
def coordinators(lang: str) -> frozenset[str]:
    """The words that open a coordinated member (`clauses.yaml` `gap_coordinators`), folded."""
    return frozenset(fold_word(word) for word in load(lang, "clauses").get("gap_coordinators", []))


def _opens_member(text: str, start: int, lang: str) -> bool:
    """A coordinator right before offset `start`: glued ("و31") or a word of its own ("and 31", "et 31")."""
    glued = text[max(0, start - 2):start]
    if glued[-1:] and fold_word(glued[-1:]) in coordinators(lang) and not glued[:-1].isalnum():
        return True
    word = _LAST_WORD.search(text[max(0, start - 12):start])
    return bool(word and text[word.end(1):start].strip() == "" and fold_word(word.group(1)) in coordinators(lang))


def _countable(quantity: Quantity) -> bool:
    """A count whose noun a gapped member can share: not an ordinal, not a sum or a rate, whose scale a bare
    number after it may or may not repeat ("5 ملايين دولار و3")."""
    unit = quantity.unit or ""
    return bool(unit) and not quantity.ordinal and not unit.startswith("money:") and "/" not in unit


def fill_gaps(text: str, quantities: list[Quantity], lang: str) -> list[Quantity]:
    """`quantities` (in text order), a bare count that opens a coordinated member given its predecessor's concept."""
    out: list[Quantity] = []
    for quantity in quantities:
        previous = out[-1] if out else None
        if (previous is not None and _countable(previous) and quantity.unit is None
                and quantity.noun is None and not quantity.ordinal and quantity.start - previous.end <= GAP_REACH
                and _opens_member(text, quantity.start, lang)):
            word = following_word(text, quantity.end)
            if word is None or is_function_word(word, lang):
                quantity = quantity.model_copy(update={"unit": previous.unit})
        out.append(quantity)
    return out
