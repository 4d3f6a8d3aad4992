"""Proper names and the spelling keys that tell a transliteration variant from a different name.

Hand-written because no library on the package index tokenises Arabic names offline. Spellings are keyed by the
one name key (checker.names.key): Gulf desks write g as ج, Levantine desks as غ; v is ف or و; long vowels are
written or left out.
A name is recognised by rarity (wordfreq's Zipf frequency): words a dictionary knows are not names, and a
foreign name in Arabic script is rare by construction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from checker.model import Entity
from checker.names.key import word_key
from checker.text import ARABIC_CLITICS, fold, normalize_arabic, script_of

# Below this Zipf frequency (per billion words: 10**(z-9)) a word is rare enough to be a name.
NAME_ZIPF = 3.6
# Above this a word is a function word or a verb of saying ("قال"), never support for a name.
FUNCTION_ZIPF = 5.5
# Particles inside names: "دي ماركو", "فان دالن", "بن سالم", "أبو ...".
NAME_PARTICLES = frozenset(normalize_arabic(w) for w in ("دي", "دو", "دا", "فان", "فون", "بن", "ابن", "بنت", "أبو", "ولد", "آل", "لا", "إل"))
# Case endings, attached pronouns, feminine and plural endings: inflections of one word, never a new name.
_SUFFIXES = ("ا", "ه", "ها", "هم", "هما", "كم", "نا", "ة", "ت", "ات", "ين", "ون", "ان", "ي", "ية", "و")
_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    return zipf_frequency(word, lang)


def rarity(word: str) -> float:
    """Zipf frequency of an Arabic word, or of its stem under a clitic or an inflection when that is commoner.

    "وحازم" (and firm) and "هجوما" (attack, accusative) are rare as written but their stems are common words:
    such a word is no name, and two inflections of it ("هجوم كيماوي" / "هجوما كيماويا") are no variant.
    """
    frequency = zipf(word, "ar")
    stems = [word[len(c):] for c in ARABIC_CLITICS if word.startswith(c)]
    stems += [stem[:-len(s)] for stem in [word, *stems] for s in _SUFFIXES if stem.endswith(s)]
    for stem in stems:
        if len(stem) >= 3:
            frequency = max(frequency, zipf(stem, "ar"))
    return frequency


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    form: str  # orthographic form: spelling habits folded, so hamza or ta marbuta differences are equal
    key: str  # transliteration key: sound-alike spellings are equal
    rarity: float  # Zipf frequency in the token's language

    @property
    def name_like(self) -> bool:
        return self.rarity < NAME_ZIPF and len(self.form) >= 3 and not _DIGIT.search(self.form)

    @property
    def particle(self) -> bool:
        return self.form in NAME_PARTICLES


@lru_cache(maxsize=200_000)
def _read_word(word: str) -> tuple[str, str, float] | None:
    """(form, key, rarity) of a folded word, None when it is not Arabic. Cached across calls: one claim's words are
    read for its values, again for each value's clause and again for name variants, and news repeats its words."""
    if script_of(word) != "arabic":
        return None
    return normalize_arabic(word), word_key(word), rarity(word)


def tokens(text: str) -> list[Token]:
    """Arabic-script word tokens of `text` with offsets into `text` (Latin words are left to `latin_names`)."""
    folded, origin = fold(text)
    out = []
    for match in _TOKEN.finditer(folded):
        read = _read_word(match.group())
        if read is None:
            continue
        start, end = origin[match.start()], origin[match.end()]
        out.append(Token(start, end, text[start:end], *read))
    return out


def _inflections(form: str) -> set[str]:
    return {form, *(form[:-len(s)] for s in _SUFFIXES if form.endswith(s) and len(form) - len(s) >= 2)}


def is_clitic_variant(a: str, b: str) -> bool:
    """True when two orthographic forms are one word with a prefix clitic (وفالديسي / فالديسي) or an inflection
    (كيماوي / كيماويا, نقلته / نقلتها): grammar, not spelling."""
    short, long = sorted((a, b), key=len)
    return any(long == clitic + short for clitic in ARABIC_CLITICS) or bool(_inflections(a) & _inflections(b))


def name_runs(toks: list[Token], text: str) -> list[list[Token]]:
    """Maximal runs of adjacent name-like tokens (particles allowed inside), separated only by spaces."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in toks:
        adjacent = current and text[current[-1].end:token.start].strip() == ""
        if token.name_like or (token.particle and current and adjacent):
            if current and not adjacent:
                runs.append(current)
                current = []
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    # A run ending in a particle ("... دي") drops it; a lone common-ish token is not a name.
    cleaned = []
    for run in runs:
        while run and run[-1].particle:
            run = run[:-1]
        if len(run) >= 2 or (run and run[0].rarity < 1.0 and len(run[0].key) >= 4):
            cleaned.append(run)
    return cleaned


_LATIN_NAME = re.compile(r"\b[A-Z][a-zà-ÿ'’-]+(?:\s+(?:(?:de|van|von|al|el|bin|ben|da|di|du|la)\s+)?[A-Z][a-zà-ÿ'’-]+)+")


def latin_names(text: str, lang: str) -> list[Entity]:
    """Runs of two or more capitalised words, at least one of them rare enough to be a name."""
    out = []
    for match in _LATIN_NAME.finditer(text):
        words = match.group().split()
        if min(zipf(w, lang if lang in ("en", "fr") else "en") for w in words) >= NAME_ZIPF:
            continue
        key = " ".join(word_key(w) for w in words)
        out.append(Entity(start=match.start(), end=match.end(), text=match.group(), key=key, script="latin"))
    return out


def extract_entities(text: str, lang: str) -> list[Entity]:
    """Proper names in `text` (Arabic-script runs of rare words, Latin capitalised runs), offsets into `text`."""
    toks = tokens(text)
    found = [
        Entity(start=run[0].start, end=run[-1].end, text=text[run[0].start:run[-1].end],
               key=" ".join(t.key for t in run), script="arabic")
        for run in name_runs(toks, text)
        if "\n" not in text[run[0].start:run[-1].end]
    ]
    found.extend(latin_names(text, lang))
    return sorted(found, key=lambda e: (e.start, e.end))
