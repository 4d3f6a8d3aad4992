"""Name mentions: the words of an article that may be proper names, each with its spelling and its key.

A word is a candidate name when it is rare in its language (wordfreq's Zipf frequency, with clitics and inflections
read off: a dictionary word is commoner than a transliterated name), or less rare but announced by a title, a role
or a place noun ("مدينة", "الناطق باسم", "الرئيس"), or standing beside another name. Latin words count when
capitalised. Hand-written because no library tags Arabic proper names offline without a model download.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from checker.lexicon import load
from checker.names.key import fold_name, one_edit, word_key
from checker.text import ARABIC_CLITICS, fold, normalize_arabic, script_of
from checker.values.entities import _SUFFIXES as SUFFIXES, zipf  # the one list of inflection endings

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def thresholds() -> dict:
    """The decision numbers of names (thresholds.yaml beside this module)."""
    return yaml.safe_load((Path(__file__).with_name("thresholds.yaml")).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _cues() -> tuple[frozenset[str], frozenset[str]]:
    data = load("ar", "names")
    return (frozenset(normalize_arabic(w) for w in data["cues"]),
            frozenset(normalize_arabic(w) for w in data["particles"]))


@dataclass(frozen=True)
class NameToken:
    start: int  # offsets into the text given
    end: int
    text: str
    script: str  # "arabic" or "latin"
    form: str  # the spelling compared: orthography folded, a glued clitic read off when the story shows the stem
    key: str  # checker.names.key.word_key of the form
    rarity: float  # Zipf frequency of the word (Arabic: its commonest stem)
    cued: bool  # right after a title, role or place noun
    particle: bool
    joined: bool = False  # only spaces between this word and the one before


def read_tokens(text: str, lang: str) -> list[NameToken]:
    """Every word of `text` with what name reading needs; offsets into `text`."""
    folded, origin = fold(text)
    cues, particles = _cues()
    out: list[NameToken] = []
    previous = ""
    previous_end = 0
    for match in _WORD.finditer(folded):
        word = match.group()
        start, end = origin[match.start()], origin[match.end()]
        script = script_of(word)
        gap = folded[previous_end:match.start()]
        previous_end = match.end()
        if script == "arabic":
            form = normalize_arabic(word)
            frequency = name_rarity(word)
        else:
            if not word[:1].isupper():
                previous = ""
                out.append(NameToken(start, end, text[start:end], script, fold_name(word), "", 9.0, False, False,
                                     gap.strip() == ""))
                continue
            form = fold_name(word)
            frequency = zipf(word.lower(), lang if lang in ("en", "fr") else "en")
        cued = bool(previous) and gap.strip() == "" and previous in cues
        # Keyed as written, not as folded: a hamza on the alif ("أليكسي", Alexei) says it opens no article.
        out.append(NameToken(start, end, text[start:end], script, form, word_key(word), frequency, cued,
                             form in particles, gap.strip() == ""))
        previous = _bare(form)
    return out


# Prefixes of an imperfect verb (future س, person ي ت ن ا): "ستطرد" and "سنعلق" are rare as written but their
# stems ("طرد", "علق") are common words, so they are no names.
_VERB_PREFIXES = ("سي", "ست", "سن", "سا", "ي", "ت", "ن")


@lru_cache(maxsize=200_000)  # a word's rarity is read once however often the news writes it
def name_rarity(word: str) -> float:
    """Zipf frequency of an Arabic word as a name candidate: its commonest reading, clitics, inflections and a
    verb's prefix read off (checker.values.entities.rarity, then the verb stem)."""
    frequency = _rarity(word)
    form = normalize_arabic(word)
    for prefix in _VERB_PREFIXES:
        if form.startswith(prefix) and len(form) - len(prefix) >= 3:
            frequency = max(frequency, zipf(form[len(prefix):], "ar"))
    return frequency


@lru_cache(maxsize=None)
def _excluded_endings() -> dict[str, tuple[str, ...]]:
    data = load("ar", "clitics").get("excluded_endings") or {}
    return {clitic: tuple(endings) for clitic, endings in data.items()}


def _rarity(word: str) -> float:
    """checker.values.entities.rarity, less the readings grammar forbids: a preposition or the article read off
    together with an ending the word cannot carry behind it (lexicon ar/clitics.yaml, excluded_endings), so a name
    that opens with ب or ل ("بوجبا", Pogba) is not a common word of the stem left ("وجب")."""
    frequency = zipf(word, "ar")
    readings = [(clitic, word[len(clitic):]) for clitic in ARABIC_CLITICS if word.startswith(clitic)]
    stems = [stem for _, stem in readings]
    excluded = _excluded_endings()
    for clitic, stem in [("", word), *readings]:
        stems += [stem[:-len(s)] for s in SUFFIXES if stem.endswith(s) and s not in excluded.get(clitic, ())]
    return max([frequency, *(zipf(stem, "ar") for stem in stems if len(stem) >= 3)])


_CONJOINED_NAME = 4  # "و" and at least four letters: "وائل" (Wael) and "وليد" keep their first letter


def _bare(form: str) -> str:
    """A cue word without a leading conjunction ("والرئيس" -> "الرئيس")."""
    return form[1:] if form[:1] in ("و", "ف") and len(form) > 3 else form


def stems(form: str) -> list[str]:
    """The form and the form with a glued clitic read off (the one clitic list), the article kept as written."""
    out = [form]
    for clitic in ARABIC_CLITICS:
        if form.startswith(clitic) and len(form) - len(clitic) >= thresholds()["min_key"]:
            out.append(form[len(clitic):])
    return out


def with_stems(tokens: list[NameToken], vocabulary: set[str],
               names: dict[str, set[str]] | None = None) -> list[NameToken]:
    """Each Arabic token spelled as its stem where the story writes that stem alone ("وبوتين" -> "بوتين"), so a
    clitic never makes a new spelling. A rare word after the conjunction و whose rest has the key of a name the
    story writes (`names`: key -> spellings) is that name spelled otherwise ("ونبيبل" beside "نبيل", "وتامار" beside
    "تمار"): the conjunction is read off though the story never writes that spelling alone, unless the whole word is
    one of the story's names too, a name that opens with W spelled two ways ("ويستلر" / "ويسلر", "ويليامز")."""
    out = []
    for token in tokens:
        if token.script == "arabic":
            stem = next((s for s in stems(token.form)[1:] if s in vocabulary), None)
            if (stem is None and names and token.form[:1] == "و" and len(token.form) > _CONJOINED_NAME
                    and token.rarity < thresholds()["rare"] and word_key(token.form[1:]) in names
                    and not _written_otherwise(token, names)):
                stem = token.form[1:]
            if stem is not None:
                token = NameToken(token.start, token.end, token.text, token.script, stem, word_key(stem),
                                  token.rarity, token.cued, token.particle, token.joined)
        out.append(token)
    return out


def _written_otherwise(token: NameToken, names: dict[str, set[str]]) -> bool:
    """Another spelling of the story's names has the whole word's key, or a key one edit from it (the name the
    word's rest spells, one edit away by the و alone, aside)."""
    rest = word_key(token.form[1:])
    return any(spellings - {token.form} for key, spellings in names.items()
               if key != rest and (key == token.key or one_edit(key, token.key)))


def name_like(tokens: list[NameToken], index: int) -> bool:
    """A candidate name: rare, or less rare and cued or beside a rare word (a name's other part)."""
    token = tokens[index]
    limits = thresholds()
    if not token.key or token.particle or len(token.form) < 3:
        return False
    if token.rarity < limits["rare"]:
        return True
    if token.rarity >= limits["possible"]:
        return False
    if token.cued:
        return True
    return any(_rare_neighbour(tokens, index, step) for step in (-1, 1))


def joined(tokens: list[NameToken], index: int, step: int) -> bool:
    """The word `step` away (-1 or 1) is in the same name run: only spaces between."""
    j = index + step
    if not 0 <= j < len(tokens):
        return False
    return tokens[index].joined if step < 0 else tokens[j].joined


def _rare_neighbour(tokens: list[NameToken], index: int, step: int) -> bool:
    if not joined(tokens, index, step):
        return False
    neighbour = tokens[index + step]
    return bool(neighbour.key) and neighbour.rarity < thresholds()["rare"] and not neighbour.particle
