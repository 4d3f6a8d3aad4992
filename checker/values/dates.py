"""Dates in claim text: absolute, partial and relative, each read as the interval of days it can mean.

The in-text search is hand-written over tokens: dateparser reads a date string it is given well, but its search
(`search_dates`) knows the Maghrebi and Levantine month names only under one locale per call (ar-MA, ar-LB, ...),
misses day ranges ("بين 24 و27 نونبر 2025") and "يونيو الماضي", and returns no offsets into folded text. Here the
text is folded (`checker.text.fold`), split into word / number / punctuation tokens, and a small grammar is tried at
each token, consuming a bounded number of tokens per attempt: linear time, no backtracking regexes.

All the language knowledge (month-name families, weekdays, relative words, cue words) is in
`checker/lexicon/<lang>/dates.yaml`. The three languages' tables are merged, because Arabic articles quote Latin
dates and the words do not collide; `lang` only decides the order of a numeric date (English: month first).

Rules for partial and relative dates are in docs/dates.md.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from checker.lexicon import LANGS, load
from checker.model import DateValue
from checker.text import fold

# A date written without a year is taken in the publication year unless that puts it further than this after
# publication: news reports what happened, so "24 December" in a January article is last December.
MAX_DAYS_AHEAD = 183
# Years read from a bare number after a preposition ("in 2024", "born in 1899"): outside this window "in 1500" is a
# count. It opens in 1800 because reports cite history ("since 1850"); the quantity reader uses the same window.
BARE_YEAR = range(1800, 2100)
# Years read after a month name ("5 ديسمبر 1391"): wide, the month name already says it is a date.
YEAR_AFTER_MONTH = range(1000, 3000)

# Letters with their combining marks, or a run of ASCII digits, or a line break, or one other visible character.
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*|[0-9]+|\n|\r|\u2028|\u2029|\S")
_KEY_TABLE = str.maketrans({"ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك", "ٱ": "ا", "’": "'", "ʼ": "'", "‘": "'", "–": "-", "—": "-"})
_DATE_SEPARATORS = frozenset(".-/,")
_NUMERIC_SEPARATORS = frozenset("./-")
_COMMAS = frozenset({",", "،"})
_DASHES = frozenset({"-"})
# A clitic is stripped only when enough of the word is left: "باب" (door) must not become آب (August).
_MIN_STEM = 3
_MONTH_NAMES = tuple(calendar.month_name)


@dataclass(frozen=True)
class _Token:
    key: str  # lowercased, accents and Arabic orthography folded
    raw: str
    start: int  # offsets into the folded text
    end: int
    kind: str  # "word", "num", "break", "punct"


@dataclass(frozen=True)
class _Phrases:
    """Multi-word entries keyed by token keys, indexed by first word so that most tokens are rejected at once."""

    entries: dict[tuple[str, ...], Any]
    longest_from: dict[str, int]  # first word -> the most words an entry starting with it has

    @classmethod
    def of(cls, entries: dict[tuple[str, ...], Any]) -> _Phrases:
        longest: dict[str, int] = {}
        for key in entries:
            if key:
                longest[key[0]] = max(longest.get(key[0], 0), len(key))
        return cls(entries, longest)


@dataclass(frozen=True)
class _Period:
    unit: str  # "week", "month", "year"
    offset: int
    until_published: bool


@dataclass(frozen=True)
class _Tables:
    months: _Phrases
    abbreviations: _Phrases
    case_sensitive: frozenset[str]
    weekdays: _Phrases
    not_weekday_before: frozenset[str]
    day_parts: _Phrases
    relative_days: _Phrases
    noun_when_next_starts: dict[tuple[str, ...], tuple[str, ...]]
    periods: _Phrases
    past_after: frozenset[str]
    future_after: frozenset[str]
    past_before: frozenset[str]
    future_before: frozenset[str]
    year_nouns: frozenset[str]
    year_prepositions: frozenset[str]
    month_cues: frozenset[str]
    year_suffixes: frozenset[str]
    hijri_suffixes: frozenset[str]
    day_suffixes: frozenset[str]
    range_from: frozenset[str]
    range_between: frozenset[str]
    range_to: frozenset[str]
    range_and: frozenset[str]
    range_articles: frozenset[str]
    proclitics: tuple[str, ...]
    decade_words: _Phrases
    decade_nouns: frozenset[str]
    decade_suffixes: frozenset[str]
    centuries_back: _Phrases
    centuries: _Phrases
    century_links: frozenset[str]
    period_parts: dict[str, str]  # word -> "early" | "mid" | "late"

    @property
    def starters(self) -> frozenset[str]:
        """Every word a date can begin with; a position whose word is not one (and not a number) is skipped."""
        phrases = (self.months, self.abbreviations, self.weekdays, self.day_parts, self.relative_days, self.periods,
                   self.decade_words)
        firsts = {word for table in phrases for word in table.longest_from}
        return frozenset(firsts | self.past_before | self.future_before | self.year_nouns | self.year_prepositions
                         | self.range_from | self.range_between | self.decade_nouns)


@dataclass(frozen=True)
class _Hit:
    """A date found in the folded text, before its offsets are mapped back."""

    start: int
    end: int
    low: dt.date | None
    high: dt.date | None
    granularity: str
    relative: bool


@dataclass(frozen=True)
class _DayMonth:
    """A day (or day range) in a month, year possibly unknown; `end` is the token index after it."""

    month: int
    day: int
    last_day: int
    year: int | None
    end: int


# --- tokens and tables -------------------------------------------------------------------------------------------

@lru_cache(maxsize=65536)  # texts repeat their words; a 100 KB line of one word must not fold it 50,000 times
def _key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_KEY_TABLE)


def _tokenize(folded: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(folded):
        raw = match.group()
        if raw in "\n\r\u2028\u2029":
            kind = "break"
        elif raw[0] in "0123456789":
            kind = "num"
        elif raw[0].isalpha():
            kind = "word"
        else:
            kind = "punct"
        tokens.append(_Token(_key(raw), raw, match.start(), match.end(), kind))
    return tokens


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(token.key for token in _tokenize(fold(str(phrase))[0]))


def _phrases(entries: dict[str, Any] | list[str], value: Callable[[Any], Any] = lambda v: v) -> dict:
    if isinstance(entries, list):
        return {_phrase_key(name): True for name in entries}
    return {_phrase_key(name): value(v) for name, v in entries.items()}


def _words(entries: list[str]) -> frozenset[str]:
    return frozenset(_key(word) for word in entries)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """The three languages' date words merged into one set of tables (a word means the same in all of them)."""
    data = [load(lang, "dates") for lang in LANGS]

    def merged(field: str, convert: Callable[[Any], Any] = lambda v: v) -> dict:
        table: dict = {}
        for lexicon in data:
            table.update(_phrases(lexicon.get(field) or {}, convert))
        return table

    def words(*path: str) -> frozenset[str]:
        found: set[str] = set()
        for lexicon in data:
            node: Any = lexicon
            for part in path:
                node = (node or {}).get(part)
            found |= _words(node or [])
        return frozenset(found)

    months: dict[tuple[str, ...], int] = {}
    for lexicon in data:
        for family in lexicon["months"].values():
            months.update(_phrases(family))
    months.update(merged("month_variants"))
    periods = merged("relative_periods", lambda p: _Period(p["unit"], int(p["offset"]), bool(p.get("until_published"))))
    return _Tables(
        months=_Phrases.of(months),
        abbreviations=_Phrases.of(merged("abbreviations")),
        case_sensitive=words("case_sensitive"),
        weekdays=_Phrases.of(merged("weekdays")),
        not_weekday_before=words("not_weekday_before"),
        day_parts=_Phrases.of(merged("day_parts")),
        relative_days=_Phrases.of(merged("relative_days")),
        noun_when_next_starts=merged("noun_when_next_starts", lambda v: tuple(_key(p) for p in v)),
        periods=_Phrases.of(periods),
        past_after=words("markers_after", "past"),
        future_after=words("markers_after", "future"),
        past_before=words("markers_before", "past"),
        future_before=words("markers_before", "future"),
        year_nouns=words("year_nouns"),
        year_prepositions=words("year_prepositions"),
        month_cues=words("month_cues"),
        year_suffixes=words("year_suffixes"),
        hijri_suffixes=words("hijri_suffixes"),
        day_suffixes=words("day_suffixes"),
        range_from=words("range", "from"),
        range_between=words("range", "between"),
        range_to=words("range", "to"),
        range_and=words("range", "and"),
        range_articles=words("range", "articles"),
        proclitics=tuple(sorted(words("proclitics"), key=len, reverse=True)),
        decade_words=_Phrases.of(_decade_table(data, "words")),
        decade_nouns=words("decades", "nouns"),
        decade_suffixes=words("decades", "suffixes"),
        centuries_back=_Phrases.of(_decade_table(data, "centuries_back")),
        centuries=_Phrases.of(_decade_table(data, "centuries")),
        century_links=words("decades", "century_links"),
        period_parts={word: part for lexicon in data for part, listed in (lexicon.get("period_parts") or {}).items()
                      for word in _words(listed)},
    )


def _decade_table(data: list[dict], field: str) -> dict:
    table: dict = {}
    for lexicon in data:
        table.update(_phrases((lexicon.get("decades") or {}).get(field) or {}, int))
    return table


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    return _tables().starters


# --- the reader: token positions in, matches out ----------------------------------------------------------------

class _Reader:
    """Token-level matching helpers over one text; every helper looks at a bounded number of tokens."""

    def __init__(self, tokens: list[_Token], tables: _Tables, published: dt.date | None, lang: str):
        self.tokens = tokens
        self.t = tables
        self.published = published
        self.lang = lang
        known: dict[tuple[str, str], list[tuple[str, int]]] = {}
        self._stems = [known.get((token.key, token.kind)) or known.setdefault((token.key, token.kind), self._stems_of(token))
                       for token in tokens]
        starters = _starters()
        self.may_start = [token.kind == "num" or any(stem in starters for stem, _ in stems)
                          for token, stems in zip(tokens, self._stems)]

    def tok(self, i: int) -> _Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def key(self, i: int) -> str:
        token = self.tok(i)
        return token.key if token else ""

    def stems(self, i: int) -> list[tuple[str, int]]:
        return self._stems[i]

    def _stems_of(self, token: _Token) -> list[tuple[str, int]]:
        """The word's key, then its keys with a proclitic removed, each with how many letters were removed."""
        found = [(token.key, 0)]
        if token.kind == "word":
            for clitic in self.t.proclitics:
                if token.key.startswith(clitic) and len(token.key) - len(clitic) >= _MIN_STEM:
                    found.append((token.key[len(clitic):], len(clitic)))
        return found

    def phrase(self, i: int, table: _Phrases) -> tuple[Any, int, int] | None:
        """Longest entry of `table` starting at token i: (value, token index after it, start offset)."""
        if not 0 <= i < len(self.tokens):
            return None
        first = self.tokens[i]
        for stem, cut in self._stems[i]:
            longest = table.longest_from.get(stem)
            if longest is None:
                continue
            for n in range(min(longest, len(self.tokens) - i), 0, -1):
                value = table.entries.get((stem, *(token.key for token in self.tokens[i + 1:i + n])))
                if value is not None:
                    return value, i + n, first.start + cut
        return None

    def phrase_key(self, i: int, end: int) -> list[tuple[str, ...]]:
        """The keys tokens i..end may stand for, with and without a proclitic on the first."""
        rest = tuple(token.key for token in self.tokens[i + 1:end])
        return [(stem, *rest) for stem, _ in self.stems(i)]

    def word_in(self, i: int, words: frozenset[str]) -> bool:
        token = self.tok(i)
        return token is not None and token.kind != "break" and any(stem in words for stem, _ in self.stems(i))

    def number(self, i: int, digits: range) -> int | None:
        token = self.tok(i)
        if token is None or token.kind != "num" or len(token.key) not in digits:
            return None
        return int(token.key)

    def day(self, i: int) -> tuple[int, int] | None:
        """A day of the month (1..31), with an ordinal suffix glued to it ("21st", "1er"): (day, index after)."""
        value = self.number(i, range(1, 3))
        if value is None or not 1 <= value <= 31:
            return None
        after = self.tok(i + 1)
        if after is not None and after.key in self.t.day_suffixes and after.start == self.tokens[i].end:
            return value, i + 2
        return value, i + 1

    def month(self, i: int, abbreviations: bool) -> tuple[int, int, int] | None:
        """A month name at i: (month, index after, start offset). Abbreviations may carry a full stop."""
        found = self.phrase(i, self.t.months)
        if found is not None and not self.lowercase_but_case_sensitive(i):
            return self._twin_month(found)
        if not abbreviations:
            return None
        found = self.phrase(i, self.t.abbreviations)
        if found is None:
            return None
        month, end, start = found
        return month, end + 1 if self.key(end) == "." else end, start

    def _twin_month(self, found: tuple[int, int, int]) -> tuple[int, int, int]:
        """The month written in a second family after a slash or in brackets ("نوفمبر/ تشرين الثاني", "نوفمبر
        (تشرين الثاني)"), as Arabic desks write it for readers of both: one month, read through its second name."""
        month, end, start = found
        if self.key(end) not in ("/", "("):
            return found
        second = self.phrase(end + 1, self.t.months)
        if second is None or second[0] != month:
            return found
        after = second[1] + 1 if self.key(end) == "(" and self.key(second[1]) == ")" else second[1]
        return month, after, start

    def lowercase_but_case_sensitive(self, i: int) -> bool:
        token = self.tokens[i]
        return token.key in self.t.case_sensitive and token.raw[:1].islower()

    def separator(self, i: int, allowed: frozenset[str]) -> int:
        """Index after an optional separator token at i."""
        return i + 1 if self.key(i) in allowed else i

    def year(self, i: int) -> tuple[int | None, int] | None:
        """An optional year after a day-month: (year or None, index after); None when the year is Hijri."""
        j = self.separator(i, _COMMAS | {"."})
        value = self.number(j, range(4, 5))
        if value is None or value not in YEAR_AFTER_MONTH:
            return None, i
        if self.word_in(j + 1, self.t.hijri_suffixes):
            return None
        return value, j + 2 if self.key(j + 1) in self.t.year_suffixes else j + 1

    def direction_after(self, i: int) -> int:
        """-1 for a past marker at i ("الماضي", "dernier"), +1 for a future one, 0 for none."""
        if self.word_in(i, self.t.past_after):
            return -1
        if self.word_in(i, self.t.future_after):
            return 1
        return 0

    def direction_before(self, i: int) -> int:
        if self.key(i) in self.t.past_before:
            return -1
        if self.key(i) in self.t.future_before:
            return 1
        return 0

    def is_range_to(self, i: int, between: bool) -> bool:
        key = self.key(i)
        return key in _DASHES or self.word_in(i, self.t.range_to) or (between and self.word_in(i, self.t.range_and))

    def range_connector(self, i: int, between: bool) -> int | None:
        """Index after a range connector at i ("-", "to", "إلى"; "و"/"and" only after "between") and an article
        after it ("et le 5"), or None."""
        if not self.is_range_to(i, between):
            return None
        return i + 2 if self.key(i + 1) in self.t.range_articles else i + 1


# --- grammar ------------------------------------------------------------------------------------------------------

def _day_month(r: _Reader, i: int, between: bool) -> _DayMonth | None:
    """D[-D2] M, or M D[-D2], with an optional year: the explicit part of a date."""
    day = r.day(i)
    if day is not None:
        first, j = day
        connector = r.range_connector(j, between)
        second = r.day(connector) if connector is not None else None
        if second is not None and second[0] > first:
            found = _month_then_year(r, r.separator(second[1], _DATE_SEPARATORS - _COMMAS))
            if found is not None:
                month, year, end = found
                return _DayMonth(month, first, second[0], year, end)
        found = _month_then_year(r, r.separator(j, _DATE_SEPARATORS - _COMMAS))
        if found is not None:
            month, year, end = found
            return _DayMonth(month, first, first, year, end)
        return None
    month = r.month(i, abbreviations=True)
    if month is None:
        return None
    number, j, _ = month
    day = r.day(r.separator(j, _DATE_SEPARATORS - _COMMAS))
    if day is None:
        return None
    first, j = day
    last = first
    connector = r.range_connector(j, between)
    second = r.day(connector) if connector is not None else None
    if second is not None and second[0] > first:
        last, j = second
    year = r.year(j)
    if year is None:
        return None
    return _DayMonth(number, first, last, year[0], year[1])


def _month_then_year(r: _Reader, i: int) -> tuple[int, int | None, int] | None:
    month = r.month(i, abbreviations=True)
    if month is None:
        return None
    number, j, _ = month
    year = r.year(j)
    if year is None:
        return None
    return number, year[0], year[1]


def _lead(r: _Reader, i: int) -> int:
    """Index after words that may stand before an explicit date and belong to its span: a part of the day, a
    weekday ("الثلاثاء 15 سبتمبر", "mardi 2 décembre"), a comma."""
    j = i
    part = r.phrase(j, r.t.day_parts)
    if part is not None:
        j = part[1]
    weekday = r.phrase(j, r.t.weekdays)
    if weekday is not None:
        j = r.separator(weekday[1], _COMMAS)
    return j


def _explicit(r: _Reader, i: int, between: bool = False) -> _Hit | None:
    """An explicit day or day range, possibly led by a weekday and possibly running into a second date."""
    j = _lead(r, i)
    found = _day_month(r, j, between)
    if found is None:
        return None
    start = r.tokens[i].start if j > i else _start_of(r, j)
    end_index = found.end
    direction = 0
    if found.year is None:
        direction = r.direction_after(end_index)
        end_index += 1 if direction else 0
    second = _second_date(r, end_index, between) if not direction else None
    if second is not None:
        return _cross_month_range(r, start, found, second)
    low, high, relative = _resolve_day_month(r.published, found, direction)
    granularity = "day" if found.day == found.last_day else "range"
    return _Hit(start, r.tokens[end_index - 1].end, low, high, granularity, relative)


def _start_of(r: _Reader, i: int) -> int:
    """Start offset of the token at i, after a proclitic when the token carries one onto a month name."""
    found = r.phrase(i, r.t.months) or r.phrase(i, r.t.abbreviations)
    return found[2] if found is not None and r.tokens[i].kind == "word" else r.tokens[i].start


def _second_date(r: _Reader, i: int, between: bool) -> _DayMonth | None:
    """The closing date of "28 يونيو إلى 3 يوليو": a connector, then a full day-month."""
    connector = r.range_connector(i, between)
    if connector is None:
        return None
    found = _day_month(r, connector, between=False)
    return found if found is not None and found.day == found.last_day else None


def _cross_month_range(r: _Reader, start: int, first: _DayMonth, second: _DayMonth) -> _Hit | None:
    year = first.year
    if year is None and second.year is not None:
        year = second.year if (first.month, first.day) <= (second.month, second.day) else second.year - 1
    first = _DayMonth(first.month, first.day, first.day, year, first.end)
    low, _, relative_low = _resolve_day_month(r.published, first, 0)
    _, high, relative_high = _resolve_day_month(r.published, second, 0)
    if low is None or high is None or high <= low:
        low = high = None
        relative_low = True
    return _Hit(start, r.tokens[second.end - 1].end, low, high, "range", relative_low or relative_high)


def _range_with_cue(r: _Reader, i: int) -> _Hit | None:
    """"بين 24 و27 نونبر 2025", "من 13 إلى 24 أبريل", "du 21 au 23 avril", "from 28 June to 3 July"."""
    between = r.word_in(i, r.t.range_between)
    if not between and not r.word_in(i, r.t.range_from):
        return None
    first = i + 2 if r.key(i + 1) in r.t.range_articles else i + 1
    hit = _explicit(r, first, between)
    if hit is None or hit.granularity != "range":
        return None
    return _Hit(r.tokens[i].start, hit.end, hit.low, hit.high, hit.granularity, hit.relative)


def _numeric(r: _Reader, i: int) -> _Hit | None:
    """24/11/2025, 2025-11-24, 24.11.2025: three numbers glued by one repeated separator, with a 4-digit year."""
    parts = r.tokens[i:i + 5]
    if len(parts) < 5 or any(p.kind != ("num" if k % 2 == 0 else "punct") for k, p in enumerate(parts)):
        return None
    if parts[1].key not in _NUMERIC_SEPARATORS or parts[3].key != parts[1].key:
        return None
    if any(parts[k].end != parts[k + 1].start for k in range(4)):
        return None
    if any(len(parts[k].key) > 4 for k in (0, 2, 4)) or r.word_in(i + 5, r.t.hijri_suffixes):
        return None
    a, b, c = (int(parts[k].key) for k in (0, 2, 4))
    if len(parts[0].key) == 4:
        date = _safe_date(a, b, c)
    elif len(parts[4].key) == 4:
        orders = ((b, a), (a, b)) if r.lang == "en" else ((a, b), (b, a))
        date = next((d for d in (_safe_date(c, m, day) for day, m in orders) if d is not None), None)
    else:
        return None
    if date is None:
        return None
    return _Hit(parts[0].start, parts[4].end, date, date, "day", False)


def _relative_day(r: _Reader, i: int) -> _Hit | None:
    """أمس, اليوم, غدا, yesterday, hier ... with a part of the day before and a weekday after ("ليلة أمس الثلاثاء")."""
    j = i
    part = r.phrase(j, r.t.day_parts)
    if part is not None:
        j = part[1]
    found = r.phrase(j, r.t.relative_days)
    if found is None:
        return None
    offset, end, start = found
    weekday = r.phrase(end, r.t.weekdays)
    if weekday is None and _is_noun_here(r, j, end):
        return None
    if weekday is not None:
        end = weekday[1]
    start = r.tokens[i].start if part is not None else start
    day = _add_days(r.published, offset)
    if weekday is not None and day is not None:
        day = _nearest_weekday(day, weekday[0])
    return _Hit(start, r.tokens[end - 1].end, day, day, "day", True)


def _nearest_weekday(day: dt.date, weekday: int) -> dt.date:
    """The day nearest `day` that falls on `weekday`. A written weekday outweighs the arithmetic from a date line:
    a print edition dated the next morning, or a feed's crawl date, still says "أمس الخميس" of Thursday."""
    delta = (weekday - day.isoweekday()) % 7
    return _add_days(day, delta - 7 if delta > 3 else delta)


def _is_noun_here(r: _Reader, i: int, end: int) -> bool:
    """"اليوم الوطني": the relative word is a noun when the next word starts with a listed prefix."""
    prefixes = next((r.t.noun_when_next_starts[key] for key in r.phrase_key(i, end)
                     if key in r.t.noun_when_next_starts), ())
    following = r.tok(end)
    return following is not None and following.kind == "word" and following.key.startswith(prefixes)


def _weekday(r: _Reader, i: int) -> _Hit | None:
    """"الاثنين", "مساء الأحد", "الاثنين الماضي", "last Monday", "lundi prochain"."""
    j = i
    before = r.direction_before(j)
    j += 1 if before else 0
    part = r.phrase(j, r.t.day_parts)
    if part is not None:
        j = part[1]
    found = r.phrase(j, r.t.weekdays)
    if found is None or r.word_in(found[1], r.t.not_weekday_before):
        return None
    weekday, end, start = found
    after = r.direction_after(end)
    end += 1 if after else 0
    start = r.tokens[i].start if j > i else start
    day = _weekday_date(r.published, weekday, before or after)
    return _Hit(start, r.tokens[end - 1].end, day, day, "day", True)


def _period(r: _Reader, i: int) -> _Hit | None:
    """"الأسبوع الماضي", "last month", "l'année dernière", "earlier this month"."""
    found = r.phrase(i, r.t.periods)
    if found is None:
        return None
    period, end, start = found
    low, high = _period_dates(r.published, period)
    granularity = "range" if period.unit == "week" or period.until_published else period.unit
    return _Hit(start, r.tokens[end - 1].end, low, high, granularity, True)


def _month_named(r: _Reader, i: int) -> _Hit | None:
    """A month without a day: "نونبر 2025", "يونيو الماضي", "last June", or "في يونيو" (year from publication)."""
    before = r.direction_before(i)
    j = i + 1 if before else i
    found = r.month(j, abbreviations=False)
    year_follows = False
    if found is None:
        found = r.month(j, abbreviations=True)
        year_follows = True
    if found is None:
        return None
    month, end, start = found
    year = r.year(end)
    if year is None:
        return None
    if year[0] is not None:
        return _Hit(start, r.tokens[year[1] - 1].end, *_month_bounds(year[0], month), "month", False)
    if year_follows:
        return None
    after = r.direction_after(end)
    start = r.tokens[i].start if before else start
    if before or after:
        end += 1 if after else 0
        low, high = _relative_month(r.published, month, before or after)
        return _Hit(start, r.tokens[end - 1].end, low, high, "month", True)
    if not r.word_in(j - 1, r.t.month_cues):
        return None
    low, high = _month_from_publication(r.published, month)
    return _Hit(start, r.tokens[end - 1].end, low, high, "month", low is None)


def _year(r: _Reader, i: int) -> _Hit | None:
    """"عام 2024" (the noun is kept in the span), "in 2024" (the preposition is not)."""
    noun = r.word_in(i, r.t.year_nouns)
    if not noun and not r.word_in(i, r.t.year_prepositions):
        return None
    value = r.number(i + 1, range(4, 5))
    if value is None or value not in (YEAR_AFTER_MONTH if noun else BARE_YEAR) or _decade_mark(r, i + 1) is not None:
        return None  # "in the late 1980s" is a decade (read at the number), not the year 1980
    glued = r.tok(i + 2)
    if glued is not None and glued.start == r.tokens[i + 1].end and glued.key in _NUMERIC_SEPARATORS:
        after = r.tok(i + 3)
        if after is not None and after.kind == "num" and after.start == glued.end:
            return None  # "2024/25", "2024-11-24", "2024.5": a season, a full date or a decimal
        if glued.key != ".":
            return None  # "in 2024-": a range whose end is missing
        # a full stop closing the sentence ("He was born in 1910.") leaves the year a year
    if r.word_in(i + 2, r.t.hijri_suffixes):
        return None
    end = i + 3 if r.key(i + 2) in r.t.year_suffixes else i + 2
    start = r.tokens[i].start if noun else r.tokens[i + 1].start
    low, high = _year_bounds(value)
    return _Hit(start, r.tokens[end - 1].end, low, high, "year", False)


def _decade_mark(r: _Reader, i: int) -> int | None:
    """Index of the decade mark glued to the number at token i ("1970s", "1980's"), None where there is none."""
    j = i + 1
    if r.key(j) == "'" and r.tokens[j].start == r.tokens[i].end:
        j += 1  # "the 1980's"
    glued = r.tok(j)
    if glued is None or glued.key not in r.t.decade_suffixes or glued.start != r.tokens[j - 1].end:
        return None
    return j


def _decade(r: _Reader, i: int) -> _Hit | None:
    """"سبعينيات القرن الماضي", "the 1970s", "les années 1970": the ten years of a decade, day-precise bounds."""
    first = None
    named = r.phrase(i, r.t.decade_words)
    if named is not None:
        tens, end, start = named
        after = end + 1 if r.key(end) in r.t.century_links else end  # "العشرينيات من القرن العشرين"
        century = r.phrase(after, r.t.centuries)
        back = r.phrase(after, r.t.centuries_back)
        if century is not None:
            first, end = century[0] + tens, century[1]
        elif back is not None and r.published is not None:
            first, end = (r.published.year // 100 - back[0]) * 100 + tens, back[1]
        elif r.published is not None:
            first = (r.published.year // 100) * 100 + tens
            first -= 100 if first > r.published.year else 0
    elif r.word_in(i, r.t.decade_nouns):
        value = r.number(i + 1, range(2, 5))
        if value is not None and value % 10 == 0 and (value < 100 or value in BARE_YEAR):
            first, start, end = (value if value >= 100 else 1900 + value), r.tokens[i].start, i + 2
    elif r.tokens[i].kind == "num":
        value = r.number(i, range(4, 5))
        mark = _decade_mark(r, i)
        if value is not None and value % 10 == 0 and value in BARE_YEAR and mark is not None:
            first, start, end = value, r.tokens[i].start, mark + 1
    if first is None:
        return None
    return _Hit(start, r.tokens[end - 1].end, _safe_date(first, 1, 1), _safe_date(first + 9, 12, 31), "range", False)


_MATCHERS = (_range_with_cue, _explicit, _numeric, _relative_day, _weekday, _period, _month_named, _decade, _year)
# The matchers that can start at a number ("24 نونبر", "24/11/2025"); the others start at a word of a table. A line
# of 50,000 numbers runs only these.
_NUMBER_MATCHERS = (_explicit, _numeric, _decade)


@lru_cache(maxsize=1)
def _number_starts_only_explicit() -> bool:
    """True unless some table phrase begins with digits (then every matcher must see numbers too)."""
    return not any(word[:1].isdigit() for word in _starters())


def _hits(r: _Reader) -> list[_Hit]:
    hits = []
    i = 0
    numbers_only_explicit = _number_starts_only_explicit()
    while i < len(r.tokens):
        if not r.may_start[i]:
            i += 1
            continue
        matchers = _NUMBER_MATCHERS if r.tokens[i].kind == "num" and numbers_only_explicit else _MATCHERS
        hit = next((h for h in (matcher(r, i) for matcher in matchers) if h is not None), None)
        if hit is None:
            i += 1
            continue
        hits.append(_narrowed(r, i, hit))
        while i < len(r.tokens) and r.tokens[i].start < hit.end:
            i += 1
    return hits


# Thirds of a year (first and last month) and of a month (first and last day; 0 is the month's last day).
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 0)}


def _narrowed(r: _Reader, i: int, hit: _Hit) -> _Hit:
    """A year or month hit right after a word of a part of it ("أواخر 2016", "early November"): that part, with
    the word in the span. Hand-written thirds, since no date library reads Arabic parts of periods; a reader means
    a stretch of the period, so the part compares as vague with any date inside it."""
    if hit.granularity not in ("year", "month") or hit.low is None or hit.high is None:
        return hit
    first = next((k for k in range(i, len(r.tokens)) if r.tokens[k].start >= hit.start), None)
    if first is None or first == 0:
        return hit
    before = r.tok(first - 1)
    part = next((r.t.period_parts[stem] for stem, _ in r.stems(first - 1) if stem in r.t.period_parts), None)
    if before is None or before.kind == "break" or part is None:
        return hit
    if hit.granularity == "year" and hit.low.year == hit.high.year:
        start_month, end_month = _YEAR_PARTS[part]
        low, high = _month_bounds(hit.low.year, start_month)[0], _month_bounds(hit.low.year, end_month)[1]
    elif hit.granularity == "month" and (hit.low.year, hit.low.month) == (hit.high.year, hit.high.month):
        first_day, last_day = _MONTH_PARTS[part]
        low = _safe_date(hit.low.year, hit.low.month, first_day)
        high = _safe_date(hit.low.year, hit.low.month, last_day) if last_day else hit.high
    else:
        return hit
    return _Hit(before.start, hit.end, low, high, "part", hit.relative)


# --- calendar arithmetic ------------------------------------------------------------------------------------------

def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _add_days(day: dt.date | None, days: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _month_bounds(year: int, month: int) -> tuple[dt.date | None, dt.date | None]:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None, None
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_bounds(year: int) -> tuple[dt.date | None, dt.date | None]:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None, None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _year_from_publication(published: dt.date | None, month: int, day: int) -> int | None:
    """The missing-year rule: the publication year, or the one before when that lands too far ahead."""
    if published is None:
        return None
    candidate = _safe_date(published.year, month, day)
    if candidate is None:
        return None
    return published.year - 1 if (candidate - published).days > MAX_DAYS_AHEAD else published.year


def _resolve_day_month(published: dt.date | None, found: _DayMonth,
                       direction: int) -> tuple[dt.date | None, dt.date | None, bool]:
    """(low, high, relative) for a day or day range; relative when the year came from publication."""
    year = found.year
    relative = year is None
    if year is None and direction:
        year = _relative_year(published, found.month, found.day, direction)
    elif year is None:
        year = _year_from_publication(published, found.month, found.day)
        relative = year is None
    if year is None:
        return None, None, True
    low, high = _safe_date(year, found.month, found.day), _safe_date(year, found.month, found.last_day)
    if low is None or high is None:
        return None, None, True
    return low, high, relative


def _relative_year(published: dt.date | None, month: int, day: int, direction: int) -> int | None:
    """Year of the most recent (month, day) strictly before publication, or the next one strictly after."""
    if published is None:
        return None
    if direction < 0:
        return published.year if (month, day) < (published.month, published.day) else published.year - 1
    return published.year if (month, day) > (published.month, published.day) else published.year + 1


def _weekday_date(published: dt.date | None, weekday: int, direction: int) -> dt.date | None:
    """Bare: the most recent such day on or before publication; past: strictly before; future: strictly after."""
    if published is None:
        return None
    if direction > 0:
        return _add_days(published, (weekday - published.isoweekday()) % 7 or 7)
    back = (published.isoweekday() - weekday) % 7
    return _add_days(published, -(back or 7) if direction < 0 else -back)


def _relative_month(published: dt.date | None, month: int, direction: int) -> tuple[dt.date | None, dt.date | None]:
    """"يونيو الماضي": the most recent June before the publication month; "يونيو المقبل": the next one after it."""
    if published is None:
        return None, None
    if direction < 0:
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month > published.month else published.year + 1
    return _month_bounds(year, month)


def _month_from_publication(published: dt.date | None, month: int) -> tuple[dt.date | None, dt.date | None]:
    year = _year_from_publication(published, month, 1)
    return _month_bounds(year, month) if year is not None else (None, None)


def _period_dates(published: dt.date | None, period: _Period) -> tuple[dt.date | None, dt.date | None]:
    """The days a relative period covers; weeks are generous because where a week starts differs by country."""
    if published is None:
        return None, None
    if period.unit == "week":
        spans = {-1: (-13, -1), 0: (-6, 0 if period.until_published else 6), 1: (1, 13)}
        first, last = spans.get(period.offset, (7 * period.offset - 6, 7 * period.offset + 6))
        low, high = _add_days(published, first), _add_days(published, last)
    elif period.unit == "month":
        low, high = _month_bounds(*_shift_month(published.year, published.month, period.offset))
    else:
        low, high = _year_bounds(published.year + period.offset)
    if period.until_published and period.offset == 0:
        high = published
    if low is None or high is None:
        return None, None
    return low, high


# --- public API ---------------------------------------------------------------------------------------------------

def extract_dates(text: str, lang: str, published: dt.date | None) -> list[DateValue]:
    """Every date in `text`, as the interval of days it means, with code-point offsets into `text`.

    Relative and year-less dates are resolved against `published`; without it they are emitted unresolved
    (low = high = None, relative = True) so that they never conflict with anything.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    folded, origin = fold(text)
    reader = _Reader(_tokenize(folded), _tables(), published, lang)
    values = []
    for hit in _hits(reader):
        start, end = origin[hit.start], origin[hit.end]
        values.append(DateValue(start=start, end=end, text=text[start:end], low=hit.low, high=hit.high,
                                granularity=hit.granularity, relative=hit.relative))
    return values


def describe(value: DateValue) -> str:
    """The date as a reviewer reads it: "2025-11-24", "2025-11-24..2025-11-27", "June 2025 (relative: '...')"."""
    if value.low is None or value.high is None:
        shown = "unresolved"
    elif value.granularity == "year" and value.low.year == value.high.year:
        shown = str(value.low.year)
    elif value.granularity == "month" and (value.low.year, value.low.month) == (value.high.year, value.high.month):
        shown = f"{_MONTH_NAMES[value.low.month]} {value.low.year}"
    elif value.low == value.high:
        shown = value.low.isoformat()
    else:
        shown = f"{value.low.isoformat()}..{value.high.isoformat()}"
    return f"{shown} (relative: '{value.text}')" if value.relative else shown
