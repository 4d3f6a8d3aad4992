"""What follows a count when its noun is not in the lexicon: nothing (a bare count), or a word of its own.

"قتل 12 وأصيب العشرات" counts people with no noun at all: the count is the clause's predicate's (the dead, the
injured), and `checker.values.predicates` gives it that role. "انهار مبنى من ثلاث طوابق" counts a noun no lexicon
lists: two reports that count the same noun ("أربعة طوابق") may state one fact, so the matcher groups such counts
by the noun's stem (`checker.match.context`). Telling the two apart needs to know which words are function words;
stopwords-iso's lists (MIT) know that for Arabic, English and French, where a frequency bar would not (the
commonest nouns are as frequent as the rarer prepositions).
"""
from __future__ import annotations

from functools import lru_cache

import stopwordsiso

from checker.lexicon import LANGS, load
from checker.text import CLAUSE_PUNCTUATION, LETTERS, clitic_forms, fold_word

_WORD = LETTERS
_REACH = 64


@lru_cache(maxsize=None)
def _function_words(lang: str) -> frozenset[str]:
    known = lang if lang in LANGS else "en"
    listed = set(stopwordsiso.stopwords(known)) | set(load(known, "function_words")["extra"])
    return frozenset(fold_word(word) for word in listed)


def following_word(text: str, end: int) -> str | None:
    """The word right after offset `end` within its clause, None at a clause's end or before another number."""
    window = text[end:end + _REACH]  # one word is all that is wanted: a bounded look keeps reading linear
    stop = CLAUSE_PUNCTUATION.search(window)
    rest = window[:stop.start() if stop else len(window)].lstrip()
    match = _WORD.match(rest)
    return match.group() if match else None


def is_function_word(word: str, lang: str) -> bool:
    """A preposition, conjunction or pronoun, also with a glued clitic ("وفي", "بينهم")."""
    words = _function_words(lang)
    return any(form in words for form in clitic_forms(word, min_stem=2))


def own_noun(text: str, end: int, lang: str) -> str | None:
    """The stem of a content word right after a count whose noun no lexicon lists ("طوابق"), None where no such word
    follows."""
    word = following_word(text, end)
    if word is None or is_function_word(word, lang):
        return None
    # A counted noun follows its number with no clitic of its own (stripping one cut "فيلم" to "يلم"), but with the
    # case ending the count gives it: "300 فيلم" and "150 فيلما" (accusative after 11-99) count one noun.
    stem = fold_word(word)
    for ending in _case_endings(lang):
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            stem = stem[:-len(ending)]
            break
    return stem if len(stem) >= 3 else None


@lru_cache(maxsize=None)
def _case_endings(lang: str) -> tuple[str, ...]:
    return tuple(fold_word(ending) for ending in load(lang if lang in LANGS else "en", "numbers").get("suffixes", []))
