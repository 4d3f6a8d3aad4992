"""Who a value is about: the names in its clause, in a key that holds across scripts.

"خطف يانيس الحضراتي هدف الفوز في الدقيقة 78" and "Yanis El Hadrati ne crucifie les Tunisiens à la 87e minute" are
about one goal because they name one scorer; masked-context similarity across languages is too weak to see it.
The key is the one name key of checker.names.key (letter classes in lexicon common/letters.yaml), so "بوخريس" and
"Boukhriss" both read BKRS.
"""
from __future__ import annotations

import re
from functools import lru_cache

from checker.lexicon import load
from checker.model import Claim, Mention
from checker.names.key import name_keys
from checker.values.entities import NAME_ZIPF, tokens, zipf
from checker.text import CLAUSE_PUNCTUATION, WORD_OR_NUMBER, clitic_forms

_LATIN_WORD = re.compile(r"(?<![\w'’])[A-Z][a-zà-ÿ'’-]{2,}")


def clause_names(claim: Claim, mention: Mention, lang: str) -> frozenset[str]:
    """Keys of the names in a value's own clause, between the punctuation around it; its counted noun is no name,
    however rare ("17 تصديا" names no one), though a name inside the noun phrase is ("على سلم ريختر")."""
    offset, end = mention.value.start - claim.start, mention.value.end - claim.start
    before = list(CLAUSE_PUNCTUATION.finditer(claim.text, 0, offset))
    start = before[-1].end() if before else 0
    after = CLAUSE_PUNCTUATION.search(claim.text, end)
    stop = after.start() if after else len(claim.text)
    head = (getattr(mention.value, "noun", None) or "").split()[:1]
    return _names(claim.text[start:stop], lang, start) - name_keys(head)


def _names(text: str, lang: str, offset: int) -> frozenset[str]:
    words = [t.text for t in tokens(text) if t.name_like]
    words += [m.group() for m in _LATIN_WORD.finditer(text)
              if (offset or m.start()) and zipf(m.group(), lang if lang in ("en", "fr") else "en") < NAME_ZIPF]
    return name_keys(words)


HEAD_WORDS = 4  # words before a value that name what it measures ("إجمالي الإنفاق العام بـ", "turnout reached")
COMMON_ZIPF = 5.0  # commoner words (particles, "بلغ", "reached") name nothing


def _stem(word: str) -> str:
    return clitic_forms(word)[-1]


def head_words(claim: Claim, mention: Mention, lang: str) -> frozenset[str]:
    """Content words right before a value in its clause, clitics stripped: what the value measures, in the words
    its writer chose ("بإنفاق إجمالي قدره" and "إجمالي الإنفاق العام بـ" share إنفاق and إجمالي)."""
    offset = mention.value.start - claim.start
    before = list(CLAUSE_PUNCTUATION.finditer(claim.text, 0, offset))
    start = before[-1].end() if before else 0
    words = re.findall(WORD_OR_NUMBER, claim.text[start:offset])[-HEAD_WORDS:]
    amount = _amount_words(lang)
    out = set()
    for word in words:
        stem = _stem(word)
        if len(stem) >= 3 and not stem.isdigit() and stem not in amount and zipf(stem, lang) < COMMON_ZIPF:
            out.add(stem)
    return frozenset(out)


@lru_cache(maxsize=None)
def _amount_words(lang: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in load(lang, "scope")["amount_words"])

