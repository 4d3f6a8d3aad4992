"""Who a value is about: the names in its clause, in a key that holds across scripts.

"خطف يانيس الحضراتي هدف الفوز في الدقيقة 78" and "Yanis El Hadrati ne crucifie les Tunisiens à la 87e minute" are
about one goal because they name one scorer; masked-context similarity across languages is too weak to see it.
Hand-written because no library romanises Arabic names the way desks transliterate them: the key keeps consonant
classes (ت/ط/ث and t/th, ص/س/ز and s/z, خ/ق/ك and k/kh/q, ج/غ and g/j/gh, ...) and drops vowels, semivowels and
the article, so "بوخريس" and "Boukhriss" both read BKRS.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from checker.lexicon import load
from checker.model import Claim, Mention
from checker.values.entities import NAME_ZIPF, tokens, zipf
from checker.text import CLAUSE_PUNCTUATION, clitic_forms, normalize_arabic

# A family name has at least this many consonants in its key; shorter keys ("Ali", "Mais") match too much.
MIN_KEY = 3

_ARABIC = str.maketrans({
    "ب": "B", "ت": "T", "ط": "T", "ث": "T", "د": "D", "ض": "D", "ذ": "D", "ظ": "D",
    "س": "S", "ص": "S", "ز": "S", "ش": "X", "خ": "K", "ك": "K", "ق": "K", "ج": "G", "غ": "G", "گ": "G",
    "ه": "H", "ح": "H", "ف": "F", "ڤ": "F", "ل": "L", "ر": "R", "م": "M", "ن": "N", "پ": "B",
})
# Latin digraphs first (one sound, one class), then single letters; vowels, y and w are dropped like ا و ي.
_LATIN_DIGRAPHS = (("sch", "X"), ("sh", "X"), ("ch", "X"), ("kh", "K"), ("gh", "G"), ("th", "T"), ("dh", "D"),
                   ("ph", "F"), ("ck", "K"), ("ts", "S"), ("tz", "S"), ("dj", "G"))
_LATIN = str.maketrans({
    "b": "B", "p": "B", "t": "T", "d": "D", "s": "S", "z": "S", "c": "K", "k": "K", "q": "K", "x": "KS",
    "g": "G", "j": "G", "h": "H", "f": "F", "v": "F", "l": "L", "r": "R", "m": "M", "n": "N",
})
_ARTICLES = frozenset({"al", "el", "ال", "ل"})


def name_key(word: str) -> str:
    """Consonant-class key of one name word, the same for its Arabic and Latin spellings."""
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    if re.search("[\u0600-\u06ff]", word):
        word = normalize_arabic(word)
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]
        key = word.translate(_ARABIC)
    else:
        word = re.sub(r"^(?:al|el)[-‐]", "", word)
        for digraph, sound in _LATIN_DIGRAPHS:
            word = word.replace(digraph, sound)
        key = word.translate(_LATIN)
    # "ch" is ش in French names and خ in German ones ("Richter" is ريختر): sh and kh share a class.
    key = re.sub(r"[^A-Z]", "", key).replace("X", "K")
    key = re.sub(r"H(?=[A-Z])|(?<=[A-Z])H$", "", key) if len(key) > MIN_KEY else key  # h is written or dropped
    return re.sub(r"(.)\1+", r"\1", key)


def name_keys(names: Iterable[str]) -> frozenset[str]:
    keys = set()
    for name in names:
        for word in re.findall(r"[\w‐-]+", name):
            if word.lower() in _ARTICLES:
                continue
            key = name_key(word)
            if len(key) >= MIN_KEY:
                keys.add(key)
    return frozenset(keys)


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
    words = re.findall(r"\w+", claim.text[start:offset])[-HEAD_WORDS:]
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

