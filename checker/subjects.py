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
from typing import Iterable

from checker.model import Claim, Mention
from checker.values.entities import NAME_ZIPF, tokens, zipf
from checker.text import normalize_arabic

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
    key = re.sub(r"[^A-Z]", "", key)
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


_BREAK = re.compile(r"[،,؛;:()\"“”«».!?؟]")
_LATIN_WORD = re.compile(r"(?<![\w'’])[A-Z][a-zà-ÿ'’-]{2,}")


def clause_names(claim: Claim, mention: Mention, lang: str) -> frozenset[str]:
    """Keys of the names in a value's own clause, between the punctuation around it: rare Arabic words (the test
    `checker.values.entities` uses for names) and capitalised Latin words a dictionary does not know."""
    offset, end = mention.value.start - claim.start, mention.value.end - claim.start
    before = list(_BREAK.finditer(claim.text, 0, offset))
    start = before[-1].end() if before else 0
    after = _BREAK.search(claim.text, end)
    clause = claim.text[start:after.start() if after else len(claim.text)]
    words = [t.text for t in tokens(clause) if t.name_like]
    words += [m.group() for m in _LATIN_WORD.finditer(clause)
              if (start or m.start()) and zipf(m.group(), lang if lang in ("en", "fr") else "en") < NAME_ZIPF]
    return name_keys(words)


def shares_subject(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a & b)

