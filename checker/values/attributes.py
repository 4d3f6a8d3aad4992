"""Attributes: a role and its filler (who proposed, who chaired, where a meeting was held, where a boat left from).

`extract_attributes(text, lang)` reads the folded text (checker.text.fold) token by token, once. At each token it
probes the language's roles.yaml for a cue ("اقترحتها", "برئاسة", "proposed by", "présidée par", a meeting noun
followed by "في"/"at"/"à"); after a cue it reads the filler in a bounded window: a place or country of the shared
gazetteer (common/places.yaml), a named place after a place noun ("ميناء صبراتة"), or a title phrase keyed by rank,
portfolio and country ("وزير المياه والري الأردني" -> office:minister:water@JO). Every probe is a dict lookup over
a window of at most a few dozen tokens, so the pass is linear in the text.

Precision first: a filler that cannot be keyed (an unknown noun, a bare "الرئيس", a minister without a portfolio,
عمان without the shadda that makes it Amman) gives no attribute; a venue needs a meeting word in its sentence and is
dropped when the meeting is another one ("الاجتماع التحضيري", "last year's summit"); a departure needs a boat,
ship or flight in its sentence.

Keys: "country:EG", "city:amman", "place:dead_sea" (gazetteer ids: the same place in any script or language),
"name:<key>" (a place outside the gazetteer: its name key, checker.names.key, the same for صبراتة and Sabratha),
"office:<rank>[:<portfolio>+...][@<country>]".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker import lexicon
from checker.model import Attribute
from checker.names.key import name_key
from checker.text import ARABIC_CLITICS, ARTICLE_CLITICS, fold, normalize_arabic
from checker.values.entities import NAME_PARTICLES, rarity, zipf

_WORD = re.compile(r"[^\W_]+")
_ARABIC = re.compile("[\u0620-\u064a\u0671-\u06d3]")
_SENTENCE_END = frozenset(".!?؟;\n")
_SOFT_GAP = frozenset(" \t\u00a0\u200f\u200e'’-‐‑")  # inside a phrase: spaces, apostrophes, hyphens
_CONTEXT = 20  # tokens looked at on each side of a cue for a meeting or vessel word
_OTHER_EVENT_BEFORE = 4  # tokens before a venue cue where "preparatory" or "previous" makes it another meeting
_TITLE_WINDOW = 8  # tokens of a title phrase
_TITLE_GAP = 2  # words allowed between two parts of a title ("رئيس الهيئة العامة للأرصاد")
_NAME_RARITY = 3.0  # Zipf frequency below which an Arabic word after a place noun is read as a name
_LATIN_NAME_ZIPF = 3.5
_MIN_SKELETON = 3  # consonants a place outside the gazetteer needs to be keyed
_ARTICLE_FORMS = ("the", "le", "la", "les", "l")
_CONJUNCTIONS = frozenset({"and", "et", "&"})
_OF = frozenset({"of", "de", "d", "du", "des"})
ROLES = ("proposer", "chair", "venue", "departure", "destination", "mediator")


# --- tokens ----------------------------------------------------------------------------------------------------

@dataclass
class Tok:
    start: int  # offsets into the original text
    end: int
    raw: str
    form: str  # spelling folded: Arabic orthography, Latin case and accents
    arabic: bool
    punct_before: bool = False  # punctuation (or a newline) between the previous token and this one
    sentence_before: bool = False
    possessive: bool = False  # followed by 's
    variants: tuple[tuple[str, str], ...] = field(default=())  # (form without clitics, clitics read off)


def _latin_form(word: str) -> str:
    plain = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)  # news repeats its words: each is folded once, as values/entities.py reads them
def _form(word: str) -> str:
    return normalize_arabic(word) if _ARABIC.search(word) else _latin_form(word)


@lru_cache(maxsize=200_000)
def _arabic_variants(form: str) -> tuple[tuple[str, str], ...]:
    """The word and the word with its proclitics read off (the one list, checker.text.ARABIC_CLITICS), twice so a
    conjunction and a preposition both come off ("وبرئاسة"); the article stays on the word ("بالقاهرة" reads
    "القاهرة" after "ب")."""
    out = [(form, "")]
    frontier = [(form, "")]
    for _ in range(2):
        nxt = []
        for stem, read in frontier:
            if len(stem) <= 3:
                continue
            for clitic in ARABIC_CLITICS:
                if not stem.startswith(clitic) or clitic == "ال":
                    continue
                rest = stem[len(clitic):]
                if clitic in ARTICLE_CLITICS:
                    rest, clitic = "ال" + rest, clitic[:-2] if clitic != "لل" else "ل"
                if len(rest) < 2:
                    continue
                nxt.append((rest, read + clitic))
        out.extend(nxt)
        frontier = nxt
    return tuple(dict.fromkeys(out))


def tokenize(text: str) -> list[Tok]:
    """Word tokens with offsets into `text`, the punctuation before each, and the clitic readings of Arabic words."""
    folded, origin = fold(text)
    toks: list[Tok] = []
    previous_end = 0
    for match in _WORD.finditer(folded):
        word = match.group()
        gap = folded[previous_end:match.start()]
        previous_end = match.end()
        start, end = origin[match.start()], origin[match.end()]
        if toks and word.casefold() == "s" and gap in ("'", "’"):
            toks[-1].possessive = True
            continue
        arabic = bool(_ARABIC.search(word))
        form = _form(word)
        tok = Tok(start, end, text[start:end], form, arabic,
                  punct_before=any(c not in _SOFT_GAP for c in gap),
                  sentence_before=any(c in _SENTENCE_END for c in gap) or not toks)
        tok.variants = _arabic_variants(form) if arabic else ((form, ""),)
        toks.append(tok)
    return toks


def _phrase(words: str) -> tuple[str, ...]:
    """A lexicon entry as the tuple of token forms the extractor compares."""
    return tuple(_form(m.group()) for m in _WORD.finditer(unicodedata.normalize("NFC", words)))


def _strip_article(form: str) -> str:
    return form[2:] if form.startswith("ال") and len(form) > 3 else form


# --- lexicons --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    id: str
    name: str  # English name, for descriptions
    countries: tuple[str, ...]
    kind: str  # "country", "city", "place"
    type: str | None  # places: "sea" cannot hold a city
    skeletons: frozenset[str]


@dataclass(frozen=True)
class Gazetteer:
    names: dict[tuple[str, ...], str]  # token forms -> id
    adjectives: dict[tuple[str, ...], str]  # token forms -> country code
    places: dict[str, Place]
    ambiguous: dict[str, dict[str, Any]]  # folded form -> {"ids": [...], "marks": {mark: id}}
    longest: int


@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    data = lexicon.load_shared("places")
    names: dict[tuple[str, ...], str] = {}
    adjectives: dict[tuple[str, ...], str] = {}
    places: dict[str, Place] = {}
    for section, kind in (("countries", "country"), ("cities", "city"), ("places", "place")):
        for key, entry in (data.get(section) or {}).items():
            pid = f"{kind}:{key}"
            country = key if kind == "country" else entry.get("country")
            countries = tuple(country) if isinstance(country, list) else (str(country),)
            all_names = [n for lang in lexicon.LANGS for n in entry.get(lang) or ()]
            places[pid] = Place(pid, (entry.get("en") or [key])[0], countries, kind, entry.get("type"),
                                frozenset(s for s in (name_key(n).lower() for n in all_names) if len(s) >= 2))
            for name in all_names:
                forms = _phrase(name)
                if not forms:
                    continue
                names.setdefault(forms, pid)
                if len(forms) > 1 and forms[0] in _ARTICLE_FORMS:
                    names.setdefault(forms[1:], pid)  # "Le Caire" read after "au"
            for lang_adjectives in (entry.get("adj") or {}).values():
                for adjective in lang_adjectives:
                    adjectives.setdefault(_phrase(adjective), key)
    ambiguous = {normalize_arabic(name): spec for name, spec in (data.get("ambiguous") or {}).items()}
    for form in ambiguous:
        names.pop((form,), None)
    longest = max(len(k) for k in names)
    return Gazetteer(names, adjectives, places, ambiguous, longest)


# Endings a demonym takes as a counted noun: plural, accusative, feminine ("فلسطينيين", "فلسطينيا", "Palestinians").
_DEMONYM_ENDINGS = tuple(_form(ending) for ending in ("ين", "ون", "ات", "ا", "ة")) + ("s",)


@lru_cache(maxsize=65536)
def demonym(word: str) -> str | None:
    """The country whose people a word names ("فلسطينيا", "والسوريين", "Palestinians"), None for any other word: "مقتل
    60 فلسطينيا" counts people, as "60 قتيلا" does. Cached: it is asked of the word after every count no lexicon
    names."""
    form = _form(word)
    stems = [stem for stem, _ in _arabic_variants(form)] if _ARABIC.search(word) else [form]
    adjectives = gazetteer().adjectives
    for stem in stems:
        bare = [stem[:-len(end)] for end in _DEMONYM_ENDINGS if stem.endswith(end) and len(stem) > len(end) + 2]
        for candidate in (stem, *bare):
            if (candidate,) in adjectives:
                return adjectives[(candidate,)]
    return None


@dataclass(frozen=True)
class Cue:
    role: str
    words: tuple[str, ...]
    fillers: frozenset[str]
    direct: bool
    before: bool
    adjective: bool
    skip: int
    preps: frozenset[str]
    context: str | None
    names: bool = False  # a rare name right after the cue is a place outside the gazetteer ("bound for Tindouf")


@dataclass(frozen=True)
class Rules:
    cues: dict[str, tuple[Cue, ...]]  # first word form -> cues, longest first
    events: frozenset[str]
    vessels: frozenset[str]
    other_events: frozenset[str]
    event_blockers: frozenset[str]
    press: frozenset[str]
    place_heads: frozenset[str]
    stops: frozenset[str]
    articles: frozenset[str]
    ranks: dict[tuple[str, ...], tuple[str, str | None]]  # title words -> (rank, what it needs)
    rank_longest: int
    portfolios: dict[str, str]  # word form (no article) -> portfolio
    deputy: frozenset[str]


def _forms(words: list[str] | None) -> frozenset[str]:
    return frozenset(f for w in words or () for f in _phrase(w)[:1])


@lru_cache(maxsize=None)
def rules(lang: str) -> Rules:
    data = lexicon.load(lang, "roles")
    cues: dict[str, list[Cue]] = {}
    for role, spec in data["roles"].items():
        for cue in spec["cues"]:
            for words in cue["words"]:
                forms = _phrase(words)
                entry = Cue(role, forms, frozenset(cue.get("fillers") or spec["fillers"]), bool(cue.get("direct")), bool(cue.get("before")),
                            bool(cue.get("adjective")), int(cue.get("skip", 0)), frozenset(_form(p) for p in cue.get("preps") or ()),
                            spec.get("context"), bool(cue.get("names")))
                cues.setdefault(forms[0], []).append(entry)
    ranks: dict[tuple[str, ...], tuple[str, str | None]] = {}
    for rank, spec in data["offices"]["ranks"].items():
        for words in spec["words"]:
            ranks.setdefault(_phrase(words), (rank, spec.get("needs")))
    portfolios = {}
    for portfolio, words in data["offices"]["portfolios"].items():
        for word in words:
            portfolios.setdefault(_strip_article(_form(word)), portfolio)
    return Rules(
        cues={k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in cues.items()},
        events=_forms(data.get("events")), vessels=_forms(data.get("vessels")),
        other_events=_forms(data.get("other_events")), event_blockers=_forms(data.get("event_blockers")),
        press=_forms(data.get("press")),
        place_heads=_forms(data.get("place_heads")),
        stops=_forms(data.get("stops")), articles=_forms(data.get("articles")),
        ranks=ranks, rank_longest=max(len(k) for k in ranks), portfolios=portfolios,
        deputy=_forms(data["offices"].get("deputy")),
    )


# --- reading fillers -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Filler:
    first: int  # token indices, inclusive
    last: int
    key: str


def _forms_of(tok: Tok) -> tuple[str, ...]:
    return tuple(v for v, _ in tok.variants)


def _in(tok: Tok, words: frozenset[str]) -> bool:
    return any(v in words for v, _ in tok.variants)


def _joined(toks: list[Tok], i: int) -> bool:
    """Token i continues the phrase of token i - 1 (no punctuation between them)."""
    return not toks[i].punct_before


_FIRSTS: dict[int, frozenset[str]] = {}  # id of a cached lexicon table -> the first words of its entries


def _firsts(table: dict) -> frozenset[str]:
    firsts = _FIRSTS.get(id(table))
    if firsts is None:
        firsts = _FIRSTS[id(table)] = frozenset(k[0] for k in table)
    return firsts


def _match(toks: list[Tok], i: int, table: dict, longest: int, attached: bool = False) -> tuple[Any, int] | None:
    """Longest entry of `table` starting at token i (clitics read off the first word): (value, last index)."""
    firsts = _firsts(table)
    if not any(form in firsts for form, _ in toks[i].variants):
        return None
    for length in range(min(longest, len(toks) - i), 0, -1):
        if any(toks[i + k].punct_before for k in range(1, length)):
            continue
        rest = tuple(toks[i + k].form for k in range(1, length))
        for form, clitics in toks[i].variants:
            if attached and "ب" not in clitics:
                continue
            value = table.get((form,) + rest)
            if value is not None:
                return value, i + length - 1
    return None


def _adjective(toks: list[Tok], i: int) -> tuple[str, int] | None:
    if i >= len(toks):
        return None
    return _match(toks, i, gazetteer().adjectives, 3)


def _country_at(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """A country named at token i, by name or adjective ("مصر", "المصرية", "Egypt's", "égyptien")."""
    adjective = _adjective(toks, i)
    if adjective:
        return adjective
    found = _match(toks, i, gazetteer().names, gazetteer().longest)
    if found and found[0].startswith("country:"):
        return found[0].split(":", 1)[1], found[1]
    return None


def _fits(place: Place, country: str | None) -> bool:
    return country is None or country in place.countries


def _read_place(toks: list[Tok], i: int, lim: int, r: Rules, fillers: frozenset[str],
                attached: bool = False) -> Filler | None:
    """A place at token i: optional article, place nouns and a country adjective, then a gazetteer name (or, after a
    place noun, a rare name keyed by its skeleton), then an optional country adjective that must agree."""
    gaz = gazetteer()
    j, head, country = i, False, None
    while j < lim and j - i < 5:
        if j > i and toks[j].punct_before:
            return None
        tok = toks[j]
        if tok.form in r.articles and not tok.arabic:
            j += 1
            continue
        if _match(toks, j, gaz.names, gaz.longest, attached=attached and j == i):
            break  # "جمهورية كوريا", "سلطنة عمان": the place noun is part of the name
        if _in(tok, r.place_heads) and not (attached and j == i and "ب" not in "".join(c for _, c in tok.variants)):
            head, attached = True, False
            j += 1
            continue
        if head and tok.form in _OF:
            j += 1
            continue
        if head and _nisba(tok) and j + 1 < lim and _joined(toks, j + 1) and _adjective(toks, j) is None:
            j += 1  # an adjective the gazetteer does not know ("العاصمة الأرجنتينية بوينس آيرس")
            continue
        adjective = _adjective(toks, j)
        if adjective and not toks[adjective[1]].possessive:
            if country and country != adjective[0]:
                return None
            country = adjective[0]
            j = adjective[1] + 1
            continue
        break
    if j >= lim or (j > i and toks[j].punct_before):
        return None
    found = _match(toks, j, gaz.names, gaz.longest, attached=attached and j == i)
    pid, last = found if found else (None, j)
    if pid is None:
        pid = _ambiguous(toks[j], country, attached and j == i)
    if pid is not None:
        place = gaz.places[pid]
        if toks[last].possessive:
            return None  # "Egypt's irrigation minister": a title, not a place
        if place.kind == "country" and "country" not in fillers and "place" not in fillers:
            return None
        if place.kind != "country" and "place" not in fillers:
            return None
        after = _adjective(toks, last + 1) if last + 1 < lim and _joined(toks, last + 1) else None
        if after:
            if not _fits(place, after[0]):
                return None  # "طرابلس اللبنانية" is not the Tripoli of the gazetteer
            last = after[1] if place.kind != "country" else last
        if not _fits(place, country):
            return None
        first = i if head else j
        return Filler(first, last, pid)
    if head and "place" in fillers and not attached:
        return _read_name(toks, i, j, lim)
    return None


def _ambiguous(tok: Tok, country: str | None, attached: bool) -> str | None:
    """A name two places share (عمان): the diacritic on it decides, else a country adjective before it."""
    gaz = gazetteer()
    for form, clitics in tok.variants:
        if attached and "ب" not in clitics:
            continue
        spec = gaz.ambiguous.get(form)
        if not spec:
            continue
        for mark, pid in (spec.get("marks") or {}).items():
            if mark in tok.raw:
                return pid
        if country:
            fitting = [pid for pid in spec["ids"] if country in gaz.places[pid].countries]
            if len(fitting) == 1:
                return fitting[0]
        return None
    return None


def _nisba(tok: Tok) -> bool:
    """An Arabic relational adjective ("الأرجنتينية", "الليبي"): not a name."""
    return tok.arabic and tok.form.startswith("ال") and tok.form.endswith(("ي", "يه", "يين", "يون"))


def _name_like(tok: Tok, lang: str) -> bool:
    if tok.arabic:
        return len(tok.form) >= 3 and rarity(tok.form) < _NAME_RARITY and not _nisba(tok)
    return tok.raw[:1].isupper() and len(tok.form) >= 3 and zipf(tok.form, lang if lang in ("en", "fr") else "en") < _LATIN_NAME_ZIPF


def _read_name(toks: list[Tok], first: int, j: int, lim: int) -> Filler | None:
    """A place outside the gazetteer after a place noun ("ميناء العريش", "the port of Zarzis"): up to two rare words."""
    lang = "ar" if toks[j].arabic else "en"
    last = j - 1
    while last + 1 < lim and last + 1 - j < 2 and (last + 1 == j or _joined(toks, last + 1)) and _name_like(toks[last + 1], lang):
        last += 1
    if last < j:
        return None
    key = name_key(" ".join(t.form for t in toks[j:last + 1])).lower()
    if len(key) < _MIN_SKELETON:
        return None
    return Filler(first, last, f"name:{key}")


def _portfolio(tok: Tok, r: Rules) -> str | None:
    for form, _ in tok.variants:
        hit = r.portfolios.get(_strip_article(form))
        if hit:
            return hit
    return None


def _read_office(toks: list[Tok], i: int, lim: int, r: Rules) -> Filler | None:
    """A title phrase: a rank ("وزير", "minister", "رئيس مجلس الوزراء") with the portfolios and the country around it
    ("وزير المياه والري الأردني", "Egypt's irrigation minister"), each part at most two words from the last."""
    end = min(lim, i + _TITLE_WINDOW)
    rank = needs = country = None
    deputy = False
    portfolios: set[str] = set()
    first = last = None
    j = i
    while j < end:
        tok = toks[j]
        if j > i and tok.punct_before:
            break
        if last is not None and j - last > _TITLE_GAP + 1:
            break
        if first is None and j - i > 1:
            break
        if tok.form in _CONJUNCTIONS:
            if j + 1 < end and _portfolio(toks[j + 1], r) and _joined(toks, j + 1):
                j += 1
                continue
            break
        if first is None and tok.form in r.articles and not tok.arabic:
            j += 1
            continue
        if rank is None and _in(tok, r.deputy):
            deputy = True  # "نائب وزير الدفاع", "deputy prime minister"
            first = j if first is None else first
            last = j
            j += 1
            continue
        if rank is None:
            found = _match(toks, j, r.ranks, r.rank_longest)
            if found:
                (rank, needs), stop = found
                first = j if first is None else first
                last = j = stop
                j += 1
                continue
        portfolio = _portfolio(tok, r)
        if portfolio:
            portfolios.add(portfolio)
            first = j if first is None else first
            last = j
            j += 1
            continue
        named = _country_at(toks, j)
        if named:
            if country and country != named[0]:
                return None
            country = named[0]
            first = j if first is None else first
            last = j = named[1]
            j += 1
            continue
        if _in(tok, r.stops) or tok.form in _OF and rank is None:
            break
        if first is None:
            break
        j += 1
    if rank is None or first is None or last is None:
        return None
    if needs == "portfolio" and not portfolios or needs == "country" and not country:
        return None
    if last + 1 < lim and _joined(toks, last + 1) and _in(toks[last + 1], r.deputy):
        deputy = True  # "ministre adjoint"
    key = f"office:{'deputy_' if deputy else ''}{rank}"
    if portfolios:
        key += ":" + "+".join(sorted(portfolios))
    if country:
        key += f"@{country}"
    return Filler(first, last, key)


def _read_filler(toks: list[Tok], i: int, lim: int, r: Rules, cue: Cue, attached: bool = False) -> Filler | None:
    if i >= lim:
        return None
    if cue.adjective:
        adjective = _adjective(toks, i)
        if not adjective or not _joined(toks, i) or "country" not in cue.fillers:
            return None
        after = adjective[1] + 1
        if after < lim and _joined(toks, after) and (toks[after].form in NAME_PARTICLES or _name_like(toks[after], "ar")):
            return None  # "مبادرة تركي آل الشيخ": a man named Turki, not a Turkish initiative
        return Filler(i, adjective[1], f"country:{adjective[0]}")
    place = _read_place(toks, i, lim, r, cue.fillers, attached)
    if place:
        return place
    if cue.names and "place" in cue.fillers and not attached and not (_in(toks[i], r.stops)):
        return _read_name(toks, i, i, lim)
    if "office" in cue.fillers and not attached:
        return _read_office(toks, i, lim, r)
    return None


# --- cues ------------------------------------------------------------------------------------------------------

def _sentence_has(toks: list[Tok], first: int, last: int, words: frozenset[str],
                  unless: frozenset[str] = frozenset()) -> bool:
    """One of `words` in the cue's sentence within _CONTEXT tokens, not beside a word of `unless`."""
    j = first
    while j >= 0 and first - j <= _CONTEXT:
        if _in_unless(toks, j, words, unless):
            return True
        if toks[j].sentence_before:
            break
        j -= 1
    j = last + 1
    while j < len(toks) and j - last <= _CONTEXT and not toks[j].sentence_before:
        if _in_unless(toks, j, words, unless):
            return True
        j += 1
    return False


def _in_unless(toks: list[Tok], j: int, words: frozenset[str], unless: frozenset[str]) -> bool:
    """Token j is one of `words` and no word of `unless` stands right before it or in the two after it ("press
    conference", "مؤتمر صحفي", "conférence de presse")."""
    return _in(toks[j], words) and not (unless and any(
        0 <= k < len(toks) and _in(toks[k], unless) for k in (j - 1, j + 1, j + 2)))


def _other_event(toks: list[Tok], first: int, upto: int, r: Rules) -> bool:
    """A word in the cue's neighbourhood that makes the meeting another one ("التحضيري", "previous")."""
    for j in range(max(0, first - _OTHER_EVENT_BEFORE), min(upto, len(toks))):
        if _in(toks[j], r.other_events):
            return True
    return False


def _cue_at(toks: list[Tok], i: int, r: Rules) -> list[tuple[Cue, int]]:
    found = []
    for form in _forms_of(toks[i]):
        for cue in r.cues.get(form, ()):
            n = len(cue.words)
            if i + n > len(toks) or any(toks[i + k].punct_before for k in range(1, n)):
                continue
            if all(toks[i + k].form == cue.words[k] for k in range(1, n)):
                found.append((cue, i + n - 1))
    return found


def _before(toks: list[Tok], i: int, cue: Cue) -> Filler | None:
    """A gazetteer place or country ending right before the cue ("Thailand proposed", "Jordan hosted")."""
    if i == 0 or toks[i].punct_before:
        return None
    found = _place_ending_at(toks, i)
    if found is None:
        return None
    start, pid = found
    if gazetteer().places[pid].kind == "country" or "place" in cue.fillers:
        return Filler(start, i - 1, pid)
    return None


def _place_ending_at(toks: list[Tok], i: int) -> tuple[int, str] | None:
    """(first token, gazetteer id) of the longest gazetteer place that ends right before token i, unbroken by
    punctuation and not a possessive ("Egypt's")."""
    gaz = gazetteer()
    for length in range(min(gaz.longest, i), 0, -1):
        start = i - length
        if any(toks[start + k].punct_before for k in range(1, length)):
            continue
        pid = gaz.names.get(tuple(t.form for t in toks[start:i]))
        if pid and not toks[i - 1].possessive:
            return start, pid
    return None


def _apply(toks: list[Tok], i: int, last: int, cue: Cue, r: Rules) -> Filler | None:
    # A press conference is where someone spoke, not the story's gathering: its place is no venue of the story.
    if cue.context == "events" and not (_in_unless(toks, i, r.events, r.press)
                                        or _sentence_has(toks, i, last, r.events, r.press)):
        return None
    if cue.context == "vessels" and not _sentence_has(toks, i, last, r.vessels):
        return None
    if _in(toks[i], r.events) and i > 0 and _joined(toks, i) and _in(toks[i - 1], r.event_blockers):
        return None  # "احتل القمة": the top, not a summit
    lim = len(toks)
    if cue.before:
        return _before(toks, i, cue)
    start = last + 1
    window = range(start, min(lim, start + cue.skip + 1))
    if cue.direct or cue.adjective:
        for k in window:
            if k > start and (toks[k].punct_before or _in(toks[k - 1], r.stops)):
                break
            if k == start and toks[k].punct_before and not cue.adjective and cue.skip == 0:
                break
            filler = _read_filler(toks, k, lim, r, cue)
            if filler:
                return filler
    if cue.preps:
        for k in window:
            tok = toks[k]
            if toks[k].punct_before and (k > start or not tok.arabic):
                break
            if tok.form in cue.preps:
                if k + 1 < lim and _joined(toks, k + 1):
                    return _read_filler(toks, k + 1, lim, r, cue)
                return None
            if "ب" in cue.preps and tok.arabic:
                filler = _read_filler(toks, k, lim, r, cue, attached=True)
                if filler:
                    return filler
            if _in(tok, r.stops):
                break
    return None


def _read(toks: list[Tok], i: int, last: int, cue: Cue, r: Rules) -> Filler | None:
    filler = _apply(toks, i, last, cue, r)
    if filler and cue.role == "venue" and _other_event(toks, i, max(last + 2, filler.first), r):
        return None  # "الاجتماع التحضيري الذي عُقد في بغداد": another meeting's venue
    return filler


def extract_attributes(text: str, lang: str) -> list[Attribute]:
    """Roles and their fillers in `text`: offsets into `text`, one per filler and role, in text order."""
    if not text:
        return []
    r = rules(lang if lang in lexicon.LANGS else "en")
    toks = tokenize(text)
    out: dict[tuple[int, int, str], Attribute] = {}
    for i in range(len(toks)):
        for cue, last in _cue_at(toks, i, r):
            filler = _read(toks, i, last, cue, r)
            if filler is None:
                continue
            start, end = toks[filler.first].start, toks[filler.last].end
            span = text[start:end]
            if "\n" in span:
                continue
            key = (start, end, cue.role)
            if key not in out:
                out[key] = Attribute(start=start, end=end, text=span, role=cue.role, filler=span,
                                     filler_key=filler.key)
            break
    for location in extract_locations(text, lang, toks):
        out.setdefault((location.start, location.end, location.role), location)
    return sorted(out.values(), key=lambda a: (a.start, a.end, a.role))


# --- comparing -------------------------------------------------------------------------------------------------

def _parse_office(key: str) -> tuple[str, frozenset[str], str | None]:
    body = key.split(":", 1)[1]
    body, _, country = body.partition("@")
    rank, _, portfolios = body.partition(":")
    return rank, frozenset(p for p in portfolios.split("+") if p), country or None


def attribute_relation(a: Attribute, b: Attribute) -> str | None:
    """"agree", "imprecision" (a country and a place inside it), "contradiction", or None (other roles; unsure)."""
    if a.role != b.role:
        return None
    ka, kb = a.filler_key, b.filler_key
    if a.role == LOCATION:
        return _location_relation(ka, kb)
    if ka == kb:
        return "agree"
    kind_a, kind_b = ka.split(":", 1)[0], kb.split(":", 1)[0]
    if kind_a == "office" or kind_b == "office":
        return _office_relation(ka, kb)
    gaz = gazetteer()
    if kind_a == "name" or kind_b == "name":
        if kind_a == kind_b:
            return "contradiction"
        name, known = (ka, kb) if kind_a == "name" else (kb, ka)
        place = gaz.places.get(known)
        return "agree" if place and name.split(":", 1)[1] in place.skeletons else None
    pa, pb = gaz.places.get(ka), gaz.places.get(kb)
    if pa is None or pb is None or "area" in (pa.type, pb.type):
        return None  # a continent or a sea region spans countries: no verdict against a place in it or beside it
    if pa.kind == "country" or pb.kind == "country":
        country, other = (pa, pb) if pa.kind == "country" else (pb, pa)
        if other.kind == "country":
            return "contradiction"
        return "imprecision" if country.countries[0] in other.countries else "contradiction"
    if pa.kind != pb.kind and set(pa.countries) & set(pb.countries):
        region = pa if pa.kind == "place" else pb
        if region.type != "sea":
            return None  # a city and a region of one country: the city may lie in it
    return "contradiction"


def _office_relation(ka: str, kb: str) -> str | None:
    if ka.startswith("office:") and kb.startswith("office:"):
        rank_a, ports_a, country_a = _parse_office(ka)
        rank_b, ports_b, country_b = _parse_office(kb)
        if country_a and country_b and country_a != country_b:
            return "contradiction"
        if rank_a != rank_b:
            return "contradiction"
        if ports_a and ports_b and not ports_a & ports_b:
            return "contradiction"
        return "agree"
    office, other = (ka, kb) if ka.startswith("office:") else (kb, ka)
    if not other.startswith("country:"):
        return None
    country = _parse_office(office)[2]
    if country is None:
        return None
    return "agree" if country == other.split(":", 1)[1] else "contradiction"


def describe(a: Attribute) -> str:
    """A reviewer's reading of an attribute: "proposer: Iraq (country:IQ)"."""
    key = a.filler_key
    place = gazetteer().places.get(key)
    if place:
        label = place.name
    elif key.startswith("office:"):
        rank, portfolios, country = _parse_office(key)
        label = rank.replace("_", " ")
        if portfolios:
            label += " of " + " and ".join(sorted(p.replace("_", " ") for p in portfolios))
        if country:
            country_place = gazetteer().places.get(f"country:{country}")
            label += f" ({country_place.name if country_place else country})"
    elif key.startswith("direction:"):
        points, subject, reference = key.split(":", 1)[1].split("|")
        words = {"n": "north", "s": "south", "e": "east", "w": "west", "c": "centre"}
        label = "-".join(words[p] for p in sorted(points, key="nscew".index))
        where = gazetteer().places.get(reference)
        label += f" of {where.name if where else 'a place'}"
    else:
        label = a.filler
    return f"{a.role}: {label} ({key})"


# --- where a place lies: the location attribute ------------------------------------------------------------------

LOCATION = "location"  # role of a direction attribute; not a roles.yaml role: its reader is the one below
_LOCATED_REACH = 20  # tokens back from "تقع" to the place it says lies somewhere
_ASIDE_OPEN = re.compile(r"\s*\(\s*")
_APPOSITION = re.compile(r"\s*[(,،]\s*")  # "السلط (30 كلم شمال غرب عمان)", "Salt, north-west of Amman"


@dataclass(frozen=True)
class Directions:
    words: dict[str, str]  # token form -> points
    adjectives: frozenset[str]
    opening: frozenset[str]
    of: frozenset[str]
    located: frozenset[str]
    units: frozenset[str]
    not_after: frozenset[str]
    reference_heads: frozenset[str]  # place nouns a reference may be besides the roles' ("شبه" of "شبه الجزيرة")


def name_thresholds() -> dict:
    """How rare a word must be to name a place: the names' own numbers (checker/names/thresholds.yaml)."""
    from checker.names.mentions import thresholds  # names.mentions reads values.entities: imported late
    return thresholds()


def definite_frequency(word: str) -> float:
    """How common a word is as a noun of the language (checker.names.words)."""
    from checker.names.words import definite_frequency as frequency
    return frequency(word)


def name_rarity(word: str) -> float:
    """A word's Zipf frequency as names read it: clitics, inflections and a verb's prefix read off ("ستشهد")."""
    from checker.names.mentions import name_rarity as rarity_of_name
    return rarity_of_name(word)


@lru_cache(maxsize=None)
def directions(lang: str) -> Directions:
    data = lexicon.load(lang, "directions")
    return Directions({_form(w): str(p) for w, p in data["words"].items()},
                      frozenset(_form(w) for w in data.get("adjectives") or ()), _forms(data.get("opening")),
                      _forms(data.get("of")), _forms(data.get("located")), _forms(data.get("units")),
                      _forms(data.get("not_after")), _forms(data.get("reference_heads")))


def _points(tok: Tok, d: Directions) -> str | None:
    for form, clitics in tok.variants:
        if clitics == "" and form in d.words:  # "وجنوب العاصمة": a second place in a list, not where the first lies
            return d.words[form]
    return None


def _subject_before(toks: list[Tok], i: int, lang: str, aside: bool = False) -> str | None:
    """The place named right before token i ("مدينة السلط", "Salt"): a gazetteer id, or the name key of a rare
    word. Punctuation at i is the caller's to allow (an apposition: "السلط (30 كلم ..."). An Arabic word outside
    the gazetteer must follow a place noun ("مدينة لاهور في شرق باكستان"), or stand before a wire's aside
    (`aside`: "التنف (جنوب)"): whatever happens somewhere stands before a direction too ("عادت أشواق إلى شمال
    العراق", "للضرب المبرح شمال ألمانيا", "فصيلا عسكريا تتمركز غربي ليبيا")."""
    if i <= 0:
        return None
    found = _place_ending_at(toks, i)
    if found is not None:
        # A country lies nowhere in another: "المكسيك في جنوب الولايات المتحدة" is a border, not a place.
        return None if gazetteer().places[found[1]].kind == "country" else found[1]
    tok = toks[i - 1]
    if _nisba(tok):
        return None  # an adjective ("شبه الجزيرة الإيبيرية جنوب إسبانيا"): the noun it qualifies is elsewhere
    cued = i >= 2 and _joined(toks, i - 1) and _in(toks[i - 2], rules(lang).place_heads)
    if tok.arabic:
        # The word as written too: folding hamza seats makes a common word rare ("مسؤول" -> "مسوول").
        frequency = max(name_rarity(tok.form), name_rarity(tok.raw))
        limits = name_thresholds()
        named = frequency < (limits["possible"] if cued else limits["rare"] if aside else -1.0)
        if cued and definite_frequency(tok.raw) >= limits["dictionary_word"]:
            named = False  # a common noun after the place noun: "منطقة قتال" is a combat zone
    else:
        named = _name_like(tok, lang)
    if named:
        key = name_key(tok.form).lower()
        # A short key meets other places ("اوساكا" is SK): the spelling itself names it then.
        return f"name:{key}" if len(key) >= _MIN_SKELETON else f"word:{_strip_article(tok.form)}"
    return None


def _subject_located(toks: list[Tok], i: int, lang: str, r: Rules) -> str | None:
    """The place a "تقع"/"lies" at token i speaks of: the last place noun and its name before it in the sentence."""
    j = i - 1
    while j > 0 and i - j <= _LOCATED_REACH:
        if _in(toks[j - 1], r.place_heads) and _joined(toks, j):
            key = _subject_before(toks, j + 1, lang)
            if key:
                return key
        if toks[j].sentence_before:
            break
        j -= 1
    return None


def _reference(toks: list[Tok], j: int, r: Rules, d: Directions) -> tuple[str, int] | None:
    """The place a direction is taken from, at token j: a gazetteer id, or a place noun alone ("العاصمة", "شبه
    الجزيرة") read as "" (known to be a place, not which)."""
    if j >= len(toks) or toks[j].punct_before:
        return None
    place = _read_place(toks, j, len(toks), r, frozenset({"place", "country"}))
    if place:
        return place.key, place.last
    last = j - 1
    while last + 1 < len(toks) and last + 1 - j < 3 and (last + 1 == j or _joined(toks, last + 1)) \
            and (_in(toks[last + 1], r.place_heads) or _in(toks[last + 1], d.reference_heads)):
        last += 1
    if last < j:
        return None
    nxt = last + 1
    if nxt < len(toks) and _joined(toks, nxt) and toks[nxt].arabic and (
            toks[nxt].form in gazetteer().ambiguous or rarity(toks[nxt].form) < name_thresholds()["possible"]):
        last = nxt  # the place's name the gazetteer cannot key ("العاصمة عمان" without its shadda, "جزيرة القرم")
    return "", last


def _location_at(text: str, toks: list[Tok], i: int, lang: str, d: Directions, r: Rules
                 ) -> tuple[int, int, str] | None:
    """A direction phrase starting at token i: (first token, last token, key "direction:<points>|<subject>|<ref>")."""
    points = _points(toks[i], d)
    if points is None:
        return None
    found = _match(toks, i, gazetteer().names, gazetteer().longest)
    if found and found[1] > i:
        return None  # a place named by a direction: "جنوب أفريقيا", "South Sudan"
    first, last = i, i
    if i + 1 < len(toks) and _joined(toks, i + 1):
        more = _points(toks[i + 1], d)
        if more and "c" not in more + points:
            points, last = points + more, i + 1
    if last + 1 < len(toks) and _in(toks[last + 1], d.not_after):
        return None
    if i > 0 and last == i and _ASIDE_OPEN.fullmatch(text[toks[i - 1].end:toks[i].start]) \
            and text[toks[i].end:toks[i].end + 1] == ")":
        # "أوساكا اليابانية (غرب)": a wire's aside, the direction within the place's country.
        subject_end = i
        if i >= 2 and _adjective(toks, i - 1) and _adjective(toks, i - 1)[1] == i - 1 and _joined(toks, i - 1):
            subject_end = i - 1
        subject = _subject_before(toks, subject_end, lang, aside=True)
        return (i, i, f"direction:{''.join(sorted(set(points)))}|{subject}|") if subject else None
    while first > 0 and _joined(toks, first) and _in(toks[first - 1], d.opening):
        first -= 1
    j = last + 1
    if j < len(toks) and _joined(toks, j) and _in(toks[j], d.of):
        j += 1
    elif not toks[i].arabic and toks[i].form not in d.adjectives:
        return None  # "west of", "à l'ouest de": a bare Latin compass word is no direction ("est" is "is")
    reference = _reference(toks, j, r, d)
    if reference is None:
        return None
    ref_key, end = reference
    # A distance before the phrase ("30 كلم شمال غرب عمان") belongs to it; the subject stands before that.
    if first >= 2 and _in(toks[first - 1], d.units) and toks[first - 2].form.isdigit() and _joined(toks, first):
        first -= 2
    subject = None
    gap = text[toks[first - 1].end:toks[first].start] if first > 0 else ""
    if first > 0 and (not toks[first].punct_before or _APPOSITION.fullmatch(gap)
                      and (not toks[first].arabic or "(" in gap)):
        # An Arabic comma before the phrase ends a clause or a person's apposition ("سكريبال، جنوب غربي بريطانيا").
        subject = _subject_before(toks, first, lang, aside="(" in gap)
    if subject is None:
        k = first - 1
        while k >= 0 and first - k <= 2 and not toks[k + 1].sentence_before:
            if _in(toks[k], d.located):
                subject = _subject_located(toks, k, lang, r)
                break
            k -= 1
    if subject is None:
        return None
    return first, end, f"direction:{''.join(sorted(set(points)))}|{subject}|{ref_key}"


def extract_locations(text: str, lang: str, toks: list[Tok] | None = None) -> list[Attribute]:
    """Where a named place lies from another ("السلط شمال غرب العاصمة عمان"): one `location` attribute each.
    `toks`: the text's tokens when the caller has them (`extract_attributes`), so a sentence is tokenized once."""
    if not text:
        return []
    code = lang if lang in lexicon.LANGS else "en"
    d, r = directions(code), rules(code)
    toks = toks if toks is not None else tokenize(text)
    out = []
    i = 0
    while i < len(toks):
        found = _location_at(text, toks, i, code, d, r)
        if found is None:
            i += 1
            continue
        first, last, key = found
        start, end = toks[first].start, toks[last].end
        span = text[start:end]
        if "\n" not in span:
            out.append(Attribute(start=start, end=end, text=span, role=LOCATION, filler=span, filler_key=key))
        i = last + 1
    return out


def _location_relation(ka: str, kb: str) -> str | None:
    """One place in two directions of one reference: equal points agree, one point against two that hold it is the
    vaguer statement ("west" / "north-west"), others contradict; another place or reference: no verdict."""
    pa, sa, ra = ka.split(":", 1)[1].split("|")
    pb, sb, rb = kb.split(":", 1)[1].split("|")
    if not _same_subject(sa, sb) or ra and rb and ra != rb:
        return None
    a, b = set(pa), set(pb)
    if a == b:
        return "agree"
    if "c" not in a | b and (a < b or b < a):
        return "imprecision"
    return "contradiction"


def _same_subject(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("name:") and b.startswith("name:"):
        from checker.names.key import one_edit
        x, y = a[5:], b[5:]
        return min(len(x), len(y)) >= _MIN_SKELETON + 1 and one_edit(x, y)
    return False
