"""The role a generic count of people takes from its clause: "تودي بحياة 16 شخصا" counts the dead, "at least 40
people are missing" the missing.

Without it every "N people" of a disaster story is one concept, and 21 bodies, 47 rescued and 44 missing meet as
one fact. Hand-written because no library tags the semantic role of an Arabic count; the cue words are data in
`lexicon/<lang>/predicates.yaml`. The nearest cue in the value's clause wins (the one before it on a tie: Arabic
and English put the verb first more often than not). After the count the clause ends at a coordinator
(`lexicon/<lang>/clauses.yaml`): in "قتل فيها عشرة أشخاص وأصيب 16" the injury verb belongs to the sixteen.
"""
from __future__ import annotations

import re
from functools import lru_cache

from checker.lexicon import load, load_shared
from checker.model import Quantity
from checker.errors import LexiconError
from checker.text import CLAUSE_PUNCTUATION, WORD_OR_NUMBER, clitic_forms, fold_word
from checker.values.counted import following_word, is_function_word

_WORD = re.compile(WORD_OR_NUMBER)  # numbers count as words: a cue's distance is in words
# Characters looked at on each side of a count for its predicate: a clause's verb sits within a few words of its
# count, and a bounded look keeps reading linear on a line of a thousand bare numbers.
CLAUSE_REACH = 160


@lru_cache(maxsize=None)
def _cues(lang: str) -> dict[str, str]:
    roles = frozenset(load_shared("concepts")["person_roles"])
    cues: dict[str, str] = {}
    for role, words in load(lang, "predicates").items():
        if role not in roles:
            raise LexiconError(f"lexicon {lang}/predicates.yaml: {role!r} is not a person role in common/concepts.yaml")
        for word in words:
            cues.setdefault(fold_word(word), role)
    return cues


@lru_cache(maxsize=None)
def _generic() -> frozenset[str]:
    return frozenset(load_shared("concepts")["person_generic"])


# Cached: every count looks at each word of its clause (up to CLAUSE_REACH characters each side), so on a line dense
# with counts one word is looked up by many of them; folding and clitic stripping were most of the reading time.
@lru_cache(maxsize=65536)
def _role_of(word: str, lang: str) -> str | None:
    cues = _cues(lang)
    return next((cues[form] for form in clitic_forms(word) if form in cues), None)


def is_cue(word: str, lang: str) -> bool:
    """A verb or noun of what happened to people ("مقتل", "أصيب"), with or without its clitics."""
    return _role_of(word, lang) is not None


@lru_cache(maxsize=None)
def _coordinators(lang: str) -> frozenset[str]:
    return frozenset(fold_word(word) for word in load(lang, "clauses")["coordinators"])


def _opens_clause(word: str, cues: dict[str, str], lang: str) -> bool:
    """A coordinator, or a cue glued to a conjunction ("وأصيب", "فقتل"): the clause of the count before it ends."""
    folded = fold_word(word)
    if folded in _coordinators(lang):
        return True
    return folded[:1] in ("و", "ف") and folded not in cues and _role_of(word, lang) is not None


def _bare(text: str, quantity: Quantity, lang: str) -> bool:
    """A count with no noun at all ("قتل 12 وأصيب العشرات", "12 killed"): the clause ends, or a function word or
    another predicate follows it. Such a count is of the people its predicate names."""
    if quantity.unit is not None or quantity.ordinal or quantity.noun:
        return False
    word = following_word(text, quantity.end)
    return word is None or is_function_word(word, lang) or is_cue(word, lang)


def assign_roles(text: str, quantities: list[Quantity], lang: str) -> list[Quantity]:
    """The quantities of `text`, each generic count of people (or bare count) given the role its clause names, if
    any."""
    generic = _generic()
    cues = _cues(lang)
    out = []
    for quantity in quantities:
        if quantity.unit not in generic and not _bare(text, quantity, lang):
            out.append(quantity)
            continue
        reach = max(0, quantity.start - CLAUSE_REACH)
        before = list(CLAUSE_PUNCTUATION.finditer(text, reach, quantity.start))
        start = before[-1].end() if before else reach
        after = CLAUSE_PUNCTUATION.search(text, quantity.end, quantity.end + CLAUSE_REACH)
        end = after.start() if after else min(len(text), quantity.end + CLAUSE_REACH)
        left = [_role_of(w, lang) for w in _WORD.findall(text[start:quantity.start])][::-1]
        right = []
        for word in _WORD.findall(text[quantity.end:end]):
            if _opens_clause(word, cues, lang):
                break
            right.append(_role_of(word, lang))
        nearest_left = next((d for d, found in enumerate(left) if found), None)
        nearest_right = next((d for d, found in enumerate(right) if found), None)
        if nearest_left is not None and (nearest_right is None or nearest_left <= nearest_right):
            role = left[nearest_left]  # the word before wins a tie
        else:
            role = right[nearest_right] if nearest_right is not None else None
        out.append(quantity.model_copy(update={"unit": role}) if role else quantity)
    return out
