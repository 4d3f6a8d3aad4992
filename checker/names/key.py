"""The one name key: consonant classes of a name, the same for its Arabic and Latin spellings and for the
spellings of different desks.

Hand-written because no library on the package index romanises Arabic names the way news desks transliterate
them: Gulf desks write g as ج and Levantine ones as غ, v is ف or و, long vowels are written or left out
(هولغين / هوليغوين), and Latin romanisations of one Arabic name differ in vowels only (Mohammed / Muhammad). The key
keeps the consonants in classes (lexicon common/letters.yaml) and drops vowels, semivowels, ع and hamza, so
"بوخريس" and "Boukhriss" both read BKRS. Every module that compares names uses this key.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from checker.lexicon import load_shared
from checker.text import normalize_arabic

_ARABIC = re.compile("[\u0600-\u06ff]")
_WORD = re.compile(r"[^\W\d_]+(?:[-‐'’][^\W\d_]+)*")


@lru_cache(maxsize=None)
def _letters() -> dict:
    data = load_shared("letters")
    tables = {}
    for script in ("arabic", "latin"):
        spec = data[script]
        classes = {letter: cls for cls, letters in spec["classes"].items() for letter in letters}
        initial = {letter: cls for cls, letters in (spec.get("initial") or {}).items() for letter in letters}
        digraphs = sorted((spec.get("digraphs") or {}).items(), key=lambda kv: -len(kv[0]))
        tables[script] = (classes, initial, digraphs)
    return {"tables": tables, "article": data["arabic"]["article"],
            "compounds": tuple(normalize_arabic(w) for w in data["arabic"]["compounds"]), "articles": frozenset(data["latin"]["articles"]),
            "min_stem": int(data["min_stem"]), "min_key": int(data["min_key"])}


def compound_heads() -> tuple[str, ...]:
    """The first words of compound names ("عبد", "أبو"), folded: the name is the two words together."""
    return _letters()["compounds"]


def opening(word: str) -> str:
    """The letters a word's first class is written with: a digraph ("تشيبوك" opens with تش, one sound) or a letter."""
    tables = _letters()["tables"]
    digraphs = tables["arabic" if _ARABIC.search(word) else "latin"][2]
    return next((digraph for digraph, _ in digraphs if word.startswith(digraph)), word[:1])


def min_key() -> int:
    return _letters()["min_key"]


def _plain_latin(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.casefold().replace("ß", "ss"))
    return "".join(ch for ch in word if ch.isascii() and (ch.isalpha() or ch in "-'"))


def fold_name(word: str) -> str:
    """The spelling a name word is compared in: Arabic orthography folded (hamza, madda, ta marbuta, alif maqsura,
    diacritics), Latin case and accents dropped. Two spellings that fold alike are one spelling, not a variant."""
    if _ARABIC.search(word):
        return normalize_arabic(word).replace("ی", "ي").replace("ک", "ك")
    return _plain_latin(word)


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """Class key of one name word in either script ("" for an article or a word with no consonant)."""
    letters = _letters()
    form = fold_name(word)
    if not form:
        return ""
    if _ARABIC.search(form):
        article = letters["article"]
        # Only a bare alif opens the article: "أليكسي" (Alexei) and "إليوشن" (Ilyushin) begin with a hamza.
        if word.lstrip("\u0640").startswith(article) and len(form) - len(article) >= letters["min_stem"]:
            form = form[len(article):]
        for head in letters["compounds"]:  # "عبدالمهدي" is "عبد المهدي" written without its space: keyed as two
            if form.startswith(head + article) and len(form) - len(head + article) >= letters["min_stem"]:
                return re.sub(r"(.)\1+", r"\1", word_key(head) + word_key(form[len(head):]))
        classes, initial, digraphs = letters["tables"]["arabic"]
    else:
        if form in letters["articles"]:
            return ""
        form = re.sub(r"^(?:al|el)[-‐](?=\w)", "", form.replace("’", "'"))
        form = re.sub(r"[-‐']", "", form)
        classes, initial, digraphs = letters["tables"]["latin"]
    out = []
    i = 0
    while i < len(form):
        for digraph, cls in digraphs:
            if form.startswith(digraph, i):
                out.append(cls)
                i += len(digraph)
                break
        else:
            ch = form[i]
            if i == 0 and ch in initial:
                out.append(initial[ch])
            elif ch in classes:
                out.append(classes[ch])
            i += 1
    return re.sub(r"(.)\1+", r"\1", "".join(out))


def name_key(name: str) -> str:
    """Key of a whole name: its words' keys run together, so spacing never matters ("بن زيمة" = "بنزيمة",
    "Ben Salah" = "Bensaleh", "عبد المهدي" = "عبدالمهدي") and the article never counts."""
    return re.sub(r"(.)\1+", r"\1", "".join(word_key(w) for w in _WORD.findall(name)))


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """Keys of the words of some names, each long enough to tell a name (min_key classes)."""
    keys = set()
    for name in names:
        for word in _WORD.findall(name):
            key = word_key(word)
            if len(key) >= min_key():
                keys.add(key)
    return frozenset(keys)


def deletions(key: str) -> set[str]:
    """The key with one class left out, each way: two keys one edit apart (a letter added, dropped, swapped with
    its neighbour or replaced) share one of these, so variants are found by hashing, not by comparing pairs."""
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def one_edit(a: str, b: str) -> bool:
    """True when two keys differ by at most one edit (insertion, deletion, substitution, adjacent swap)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
