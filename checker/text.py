"""Text folding shared by every extractor: digits, Arabic orthography, and offsets that survive both.

Hand-written because no library folds Arabic the way a news reader does (hamza forms, alif maqsura and ta marbuta
are spelling habits, not different words) while keeping a map back to the original offsets, which every span in a
report needs.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from checker.lexicon import load

# Eastern Arabic (U+0660..9) and Persian/Urdu (U+06F0..9) digits read as Western digits.
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
# Arabic decimal separator, thousands separator and percent sign as their Latin equivalents (same length).
_PUNCT = {ord("٫"): ".", ord("٬"): ",", ord("٪"): "%", ord("،"): "،"}
DIGIT_TABLE = {**_DIGITS, **_PUNCT}

TATWEEL = "\u0640"
# Harakat, tanwin, shadda, sukun, superscript alif and Quranic marks: pronunciation aids, not spelling.
# Tatweel and diacritics in one class: most news text has none, and a text that has some is cut at them in C
# rather than tested a character at a time (that per-character test was a tenth of a run's time outside the encoder).
_MARKS = re.compile("[\u0640\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ORTHOGRAPHY = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u0671-\u06d3]")
# A word of letters, its diacritics and tatweel inside it: `\w` stops at a combining mark, so "قُتل" would read as
# "ق" and "تل" and a vowelled verb would never meet its lexicon entry.
LETTERS = re.compile("(?:[^\\W\\d_]|[\u0640\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+")
WORD_OR_NUMBER = LETTERS.pattern + r"|\d+"


def fold_digits(text: str) -> str:
    """Eastern Arabic and Persian digits and separators as ASCII; same length, so offsets hold."""
    return text.translate(DIGIT_TABLE)


def strip_marks(text: str) -> tuple[str, list[int]]:
    """Text without tatweel and diacritics, and for each kept character its offset in `text`."""
    if not _MARKS.search(text):
        return text, list(range(len(text)))
    kept: list[str] = []
    origin: list[int] = []
    last = 0
    for mark in _MARKS.finditer(text):
        kept.append(text[last:mark.start()])
        origin.extend(range(last, mark.start()))
        last = mark.end()
    kept.append(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(kept), origin


def fold(text: str) -> tuple[str, list[int]]:
    """The form extractors read: digits folded, tatweel and diacritics dropped, NFC; with the offset map.

    `origin[i]` is the offset in `text` of folded character i; `origin` has one extra entry, len(text), so an
    end offset maps too.
    """
    stripped, origin = strip_marks(text)
    origin.append(len(text))
    return fold_digits(stripped), origin


@lru_cache(maxsize=200_000)  # a word's key is asked for once per mention that sees it; news repeats its words
def normalize_arabic(word: str) -> str:
    """Orthographic key of an Arabic word: hamza seats, alif maqsura, ta marbuta, tatweel, diacritics folded."""
    stripped, _ = strip_marks(unicodedata.normalize("NFC", word))
    return stripped.translate(_ORTHOGRAPHY)


def script_of(text: str) -> str:
    """'arabic' when the text has Arabic letters, else 'latin'."""
    return "arabic" if _ARABIC_LETTER.search(text) else "latin"


# Conjunctions, prepositions and the article glued to an Arabic word ("وبالإنفاق", "للسكان"), longest first: the
# one list, in the lexicon (ar/clitics.yaml), read by every module that reads a clitic off.
ARABIC_CLITICS: tuple[str, ...] = tuple(load("ar", "clitics")["proclitics"])
ARTICLE_CLITICS: frozenset[str] = frozenset(load("ar", "clitics")["with_article"])
# Punctuation that ends a clause: what a value says stops there.
CLAUSE_PUNCTUATION = re.compile(r"[.,،;:؛!?؟()«»\"“”\n]")


def fold_word(word: str) -> str:
    """A word as lexicons list it: Arabic spelling habits folded, lower case."""
    return normalize_arabic(word).lower()


def clitic_forms(word: str, min_stem: int = 3) -> list[str]:
    """The folded word, then the word without a glued clitic where at least `min_stem` letters remain."""
    folded = fold_word(word)
    return [folded, *(folded[len(c):] for c in ARABIC_CLITICS
                      if folded.startswith(c) and len(folded) - len(c) >= min_stem)]
