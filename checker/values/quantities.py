"""Quantities in a claim: the number a fact-checker would quote, with its modifier and what it counts.

`extract_quantities(text, lang)` reads the folded text (checker.text.fold) token by token, left to right, once:
a number (digits or words) is read by checker.values.numbers, then the words around it are looked up in the
language's modifiers.yaml and units.yaml. Every lookup is a dict probe over a bounded window, so the whole pass is
linear in the text; the only regexes are the tokenizer and the digit-run pattern, neither of which backtracks.

Precision before recall: years, dates, clock times, phone numbers and numbers inside identifiers are skipped
(another extractor reads dates).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from checker import lexicon
from checker.model import Quantity
from checker.text import fold
from checker.values.counted import is_function_word
from checker.values.predicates import is_cue
from checker.values.numbers import (
    DECIMAL_BEFORE_SCALE,
    DIGIT_RUN,
    Accumulator,
    DigitReading,
    decimal_marks,
    key,
    number_lexicon,
    phrase_key,
    read_digits,
    variants,
)

_TOKEN = re.compile(r"\n|(?P<digits>" + DIGIT_RUN.pattern + r")|(?P<word>[^\W\d_]+)|[^\s]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SOFT = "'’-"  # marks a phrase runs through ("Egypt's", "three-day")
_WINDOW = 5  # words looked at on each side of a number for modifiers and units

# "About" tolerance: half-width = max(5 % of the value, min(u, 10 % of the value)), where u is the place value of
# the last non-zero digit stated ("9,000" -> 1000, "34.6" -> 0.1, "650 ألف" -> 10,000). Five percent is the
# rounding a reporter does when saying "about"; the place value widens it for round numbers ("about 9,000" covers
# 8,100-9,900), and the 10 % cap keeps "about a thousand" from covering 0-2,000.
# A four-digit number is a year after "in", "since", "عام" from 1800 (history a report may cite), and standing alone
# only in the last and this century (elsewhere it is as likely a count).
YEARS_AFTER_HEAD = (1800, 2100)
BARE_YEARS = (1900, 2100)
ABOUT_RELATIVE = 0.05
ABOUT_PLACE_CAP = 0.10


class Token(NamedTuple):
    """One token of the folded text (a tuple: a 100 KB line has 100,000 of them, and a frozen dataclass is slow)."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # "digits", "word", "newline", "punct"


@dataclass
class Phrase:
    """A number read from tokens[first:last + 1]."""

    first: int
    last: int
    value: float
    low: float | None = None
    high: float | None = None
    ordinal: bool = False
    fraction: bool = False
    count: float = 0.0  # value before its scale word ("6" in "6 آلاف")
    scale: float = 1.0
    weak: bool = False
    vague: bool = False
    plain_digits: str | None = None  # the digit run when the number is one unseparated integer (year test)


@dataclass(frozen=True)
class UnitLexicon:
    nouns: dict[str, str]  # phrase key -> concept
    longest: int
    symbols: dict[str, str]
    ordinal_heads: dict[str, str]
    per_links: frozenset[str]
    per_prefixes: tuple[str, ...]
    percent_heads: frozenset[str]
    count_heads: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    duals: dict[str, str] = field(default_factory=dict)  # a dual noun's key -> concept: the noun alone counts two
    age_after: frozenset[str] = frozenset()  # words after an ordinal that make it an age in years


@dataclass(frozen=True)
class ModifierLexicon:
    before: dict[str, str]
    after: dict[str, str]
    range_open: dict[str, frozenset[str]]
    range_bare: frozenset[str]


@lru_cache(maxsize=None)
def unit_lexicon(lang: str) -> UnitLexicon:
    data = lexicon.load(lang, "units")
    nouns = {phrase_key(form): concept for concept, forms in data["nouns"].items() for form in forms}
    heads = {phrase_key(form): concept for concept, forms in (data.get("ordinal_heads") or {}).items() for form in forms}
    return UnitLexicon(
        nouns=nouns,
        longest=max(len(k.split()) for k in nouns),
        symbols={k.lower(): v for k, v in (data.get("symbols") or {}).items()},
        ordinal_heads=heads,
        per_links=frozenset(phrase_key(p) or p for p in data.get("per_links", [])),
        per_prefixes=tuple(key(p) for p in data.get("per_prefixes", [])),
        percent_heads=frozenset(phrase_key(p) for p in data.get("percent_heads", [])),
        count_heads=frozenset(phrase_key(p) for p in data.get("count_heads", [])),
        prefixes=tuple(sorted((key(p) for p in data.get("prefixes", [])), key=len, reverse=True)),
        suffixes=tuple(key(s) for s in data.get("suffixes", [])),
        duals={**_feminine_duals(data),
               **{phrase_key(form): concept for concept, forms in (data.get("duals") or {}).items() for form in forms}},
        age_after=frozenset(phrase_key(p) for p in data.get("age_after", [])),
    )


def _feminine_duals(data: dict) -> dict[str, str]:
    """The regular duals of the one-word nouns in ة (units.yaml `feminine_dual_endings`): "حالة" -> "حالتين"."""
    endings = data.get("feminine_dual_endings") or []
    return {phrase_key(form[:-1] + ending): concept for concept, forms in data["nouns"].items() for form in forms
            if " " not in form and form.endswith("ة") for ending in endings}


@lru_cache(maxsize=None)
def modifier_lexicon(lang: str) -> ModifierLexicon:
    data = lexicon.load(lang, "modifiers")
    return ModifierLexicon(
        before={phrase_key(k): v for k, v in data["before"].items()},
        after={phrase_key(k): v for k, v in (data.get("after") or {}).items()},
        range_open={phrase_key(k): frozenset(phrase_key(x) or x for x in v) for k, v in data["range_open"].items()},
        range_bare=frozenset(phrase_key(x) or x for x in data.get("range_bare", [])),
    )


# "of" between a number and what it counts or lies within ("26 من المباراة", "tens of thousands", "quart de finale").
_OF = frozenset({"of", "de", "d", "des", "من"})


@lru_cache(maxsize=None)
def _concepts() -> dict[str, frozenset[str]]:
    data = lexicon.load_shared("concepts")
    return {name: frozenset(items) for name, items in data.items()}


def declared_concepts() -> frozenset[str]:
    groups = _concepts()
    return frozenset().union(*groups.values())


# The matching concept of a count of one country's people ("60 فلسطينيا": checker.match.context), a person group.
NATIONALS = "national:"


def concepts_compatible(a: str | None, b: str | None) -> bool:
    """Whether counts of `a` and of `b` can be counts of the same thing.

    Equal concepts are; a generic person (or victim) matches any person-like concept; a group (migrants,
    children) matches a role (dead, injured), since "66 migrants drowned" and "66 dead" may be one fact; two
    groups or two roles do not (dead vs injured), and people never match things (countries).
    """
    if a is None or b is None or a == b:
        return a == b
    declared = _concepts()
    generic, people, roles = declared["person_generic"], declared["person_groups"], declared["person_roles"]

    def group(concept: str) -> bool:
        return concept in people or concept.startswith(NATIONALS)

    if not all(c in generic or c in roles or group(c) for c in (a, b)):
        return False
    if a in generic or b in generic:
        return True
    return (group(a) and b in roles) or (a in roles and group(b))


def about_interval(value: float) -> tuple[float, float]:
    """The interval "about `value`" covers (rule above)."""
    magnitude = abs(value)
    half = max(ABOUT_RELATIVE * magnitude, min(_place_of_last_digit(value), ABOUT_PLACE_CAP * magnitude))
    return value - half, value + half


def _place_of_last_digit(value: float) -> float:
    text = f"{abs(value):.6f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    if decimals:
        return 10.0 ** -len(decimals)
    stripped = whole.rstrip("0")
    return 10.0 ** (len(whole) - len(stripped)) if stripped else 1.0


def describe(q: Quantity) -> str:
    """Short human rendering for reports: "more than 60 country", "≈35 percent (33.25–36.75)"."""
    unit = f" {q.unit}" if q.unit else ""
    number = _fmt(q.value)
    if q.ordinal:
        return f"#{number}{unit}"
    if q.modifier == "about":
        return f"≈{number}{unit} ({_fmt(q.low)}–{_fmt(q.high)})"
    if q.modifier in ("between", "vague"):
        high = "∞" if q.high is None else _fmt(q.high)
        return f"{_fmt(q.low)}–{high}{unit}"
    if q.modifier:
        return f"{q.modifier.replace('_', ' ')} {number}{unit}"
    return f"{number}{unit}"


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.6g}"


# ---------------------------------------------------------------------------------------------------------------


def extract_quantities(text: str, lang: str) -> list[Quantity]:
    """Quantities in `text`, with spans in code points of `text` as given. Never raises."""
    try:
        return _Reader(text, lang).run()
    except Exception:  # noqa: BLE001 - contract: an extractor never raises on input; a bug loses values, not runs
        return []


@lru_cache(maxsize=65536)
def _may_start_number(word_key: str, lang: str) -> bool:
    """Whether a word (or its form without clitic or case ending) is in a number table, vague amounts included:
    most words are not, and the reader skips them without building a number."""
    num = number_lexicon(lang)
    tables = (num.cardinals, num.ordinals, num.hundreds, num.scales, num.duals, num.fractions, num.fraction_duals,
              num.negatives, num.multipliers, num.multiplier_duals, num.vague, num.approximate)
    pairs = {k.split()[0] for k in num.cardinals if " " in k}
    for form, _ in variants(word_key, num.prefixes, num.suffixes):
        if form in pairs or any(form in table for table in tables):
            return True
    return False


@lru_cache(maxsize=65536)
def _may_start_noun(word_key: str, lang: str) -> bool:
    """Whether a word (without its clitic or plural ending) can open a counted noun of units.yaml."""
    units = unit_lexicon(lang)
    firsts = _noun_firsts(lang)
    for first, _ in variants(word_key, units.prefixes, ()):
        if first in firsts or any(f in firsts for f, _ in variants(first, (), units.suffixes)):
            return True
    return False


@lru_cache(maxsize=None)
def _before_firsts(lang: str) -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase in modifier_lexicon(lang).before if phrase)


@lru_cache(maxsize=None)
def _noun_firsts(lang: str) -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase in unit_lexicon(lang).nouns)


def tokenize(folded: str) -> list[Token]:
    tokens = []
    for m in _TOKEN.finditer(folded):
        text = m.group()
        kind = "newline" if text == "\n" else "digits" if m.group("digits") else "word" if m.group("word") else "punct"
        tokens.append(Token(m.start(), m.end(), text, key(text) if kind == "word" else text, kind))
    return tokens


class _Reader:
    """One pass over one text; holds the lexicons and the tokens."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang if lang in lexicon.LANGS else "en"
        self.folded, self.origin = fold(text)
        self.tokens = tokenize(self.folded)
        self.count = len(self.tokens)
        self.num = number_lexicon(self.lang)
        self.units = unit_lexicon(self.lang)
        self.mods = modifier_lexicon(self.lang)
        self.evidence = decimal_marks(self.folded)
        self.clitics = tuple(p for p in self.num.prefixes if len(p) == 1)  # "وأكثر من"
        self.symbols_longest_first = sorted(self.units.symbols, key=len, reverse=True)
        self._start = 0
        # digit runs read once per text (dense lines repeat them), apart before a scale word
        self._digits: dict[tuple[str, bool], DigitReading] = {}
        # The word before and after each token (only "'", "’" or "-" between), computed once: the context rules ask
        # for them a dozen times per number, and a line of 50,000 numbers must stay well under a second.
        n = self.count
        self._prev_word: list[int | None] = [None] * n
        self._next_word: list[int | None] = [None] * n
        for k in range(1, n):
            b = self.tokens[k - 1]
            if b.kind == "word":
                self._prev_word[k] = k - 1
            elif b.kind == "punct" and b.text in _SOFT:
                self._prev_word[k] = self._prev_word[k - 1]
        for k in range(n - 2, -1, -1):
            a = self.tokens[k + 1]
            if a.kind == "word":
                self._next_word[k] = k + 1
            elif a.kind == "punct" and a.text in _SOFT:
                self._next_word[k] = self._next_word[k + 1]

    # -- driver ----------------------------------------------------------------------------------------------

    def run(self) -> list[Quantity]:
        out: list[Quantity] = []
        i, n = 0, len(self.tokens)
        while i < n:
            found = self._quantity_at(i)
            if found is None:
                i += 1
                continue
            quantity, next_i = found
            if quantity is not None:
                out.append(quantity)
            i = max(next_i, i + 1)
        return out

    def _quantity_at(self, i: int) -> tuple[Quantity | None, int] | None:
        phrase = self._vague(i) or self._number(i)
        if phrase is None:
            return self._dual(i) or self._one_and_a_half(i)
        if self._is_date_or_id(phrase):
            return None, phrase.last + 1
        return self._assemble(phrase)

    # -- token helpers ---------------------------------------------------------------------------------------

    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < self.count else None

    def adjacent(self, a: int, b: int) -> bool:
        ta, tb = self.tok(a), self.tok(b)
        return ta is not None and tb is not None and ta.end == tb.start

    def _names_a_round(self, j: int) -> bool:
        words = self.words_after(j, 2)
        keys = [self.tok(w).key for w in words]
        if keys and keys[0] in _OF and len(keys) > 1:
            keys = keys[1:]
        return bool(keys) and keys[0] in self.num.fraction_names

    def _hyphen_prefix(self, j: int) -> bool:
        """True when token j is glued by a hyphen to the next word and no article stands before it."""
        nxt = self.tok(j + 1)
        glued = nxt is not None and nxt.kind == "punct" and nxt.text in "-‐" and self.adjacent(j, j + 1)
        before = self.tok(j - 1) if j > 0 else None
        article = before is not None and before.kind == "word" and (before.key in self.num.weak
                                                                     or before.key in self.num.articles)
        return glued and not article

    def _measured_after(self, j: int) -> bool:
        """True when token j is followed by a noun, "de"/"of", then digits ("une magnitude de 6,3")."""
        noun = self.next_word(j)
        link = self.next_word(noun) if noun is not None else None
        number = self.next_word(link) if link is not None else None
        return number is not None and self.tok(link).text.lower() in ("de", "of") \
            and self.tok(number).kind == "digits"

    def next_word(self, i: int, allow: str = "-") -> int | None:
        """Index of the word after token i when only spaces or `allow` marks stand between."""
        j = i + 1
        while (t := self.tok(j)) is not None and t.kind == "punct" and t.text in allow and j - i < 3:
            j += 1
        t = self.tok(j)
        return j if t is not None and t.kind in ("word", "digits") else None

    def words_after(self, i: int, count: int) -> list[int]:
        """Up to `count` word tokens after token i, on the same line, stopping at punctuation (not "'" or "-")."""
        out: list[int] = []
        if not 0 <= i < self.count:
            return out
        j = self._next_word[i]
        while j is not None and len(out) < count:
            out.append(j)
            j = self._next_word[j]
        return out

    def words_before(self, i: int, count: int) -> list[int]:
        out: list[int] = []
        if not 0 <= i < self.count:
            return out
        j = self._prev_word[i]
        while j is not None and len(out) < count:
            out.append(j)
            j = self._prev_word[j]
        return out[::-1]

    def lookup(self, word_key: str, table: dict | frozenset) -> tuple[object, int] | None:
        """The entry of `word_key` (or of its form without clitic or case ending) in a table or set."""
        for form, cut in variants(word_key, self.num.prefixes, self.num.suffixes):
            if form in table:
                return (table[form] if isinstance(table, dict) else True), cut
        return None

    # -- numbers ---------------------------------------------------------------------------------------------

    def _vague(self, i: int) -> Phrase | None:
        t = self.tok(i)
        if t is None or t.kind != "word" or not _may_start_number(t.key, self.lang):
            return None
        approx = self.lookup(t.key, self.num.approximate)
        if approx is not None:
            mid, low, high = approx[0]
            before = self._word_before(i)
            first = before if before is not None and self.tok(before).key in self.num.weak else i
            return Phrase(first, i, mid, low, high, vague=low != high)
        hit = self.lookup(t.key, self.num.vague)
        if hit is None:
            return None
        base, last = hit[0], i
        # "مئات الآلاف", "tens of thousands", "des dizaines de milliers": the scale multiplies the vague amount.
        j = self.next_word(i)
        if j is not None and self.tok(j).key in _OF:
            j = self.next_word(j, "'")
        if j is not None:
            scale = self.lookup(self.tok(j).key, self.num.scales)
            if scale is not None and scale[0] > base:
                base, last = base * scale[0], j
        return Phrase(i, last, base, base, base * 10 - 1, vague=True)

    def _number(self, i: int) -> Phrase | None:
        t = self.tok(i)
        if t is None or t.kind not in ("digits", "word"):
            return None
        if t.kind == "word" and not _may_start_number(t.key, self.lang):
            return None
        sign, start = 1.0, i
        if t.kind == "word" and t.key in self.num.negatives:
            nxt = self.next_word(i)
            if nxt is None:
                return None
            before = self._word_before(i)
            # "plus or minus 2 points" is a tolerance, not a negative amount.
            if before is None or self.tok(before).key not in self.num.tolerance_links:
                sign = -1.0
            i = nxt
        acc = Accumulator(self.num)
        self._start = i  # the number's first word, for the rules that look before it
        leading = self._leading_decimal(i) if sign > 0 and t.kind == "digits" else None
        if leading is not None:
            acc.add_digits(leading)  # ".08": a decimal with no integer part
            acc.decimal, last, start = True, i, i - 1
        else:
            last = self._feed(acc, i, joined=False)
        if last is None:
            return None
        j = last
        while True:
            step = self._continue(acc, j)
            if step is None:
                break
            j = step
        if t.kind == "digits" and start == i and self._minus_before(i):
            sign = -1.0
        words = [self.tok(k) for k in range(i, j + 1) if self.tok(k).kind in ("word", "digits")]
        if acc.parts == 1 and words[0].key in self.num.articles:
            return None  # "a little girl": the article alone is no count ("a million", "a dozen" are read above)
        weak = acc.parts == 1 and words[0].key in self.num.weak and sign > 0
        if weak and self.next_word(j) is not None and self._feed(Accumulator(self.num), self.next_word(j), False):
            return None  # "a three-day summit": the article, then the number
        if weak and self._measured_after(j):
            return None  # "un séisme d'une magnitude de 6,3": the article of a noun whose number follows it
        if acc.parts == 1 and acc.fraction and i == j and (self._hyphen_prefix(j) or self._names_a_round(j)):
            return None  # "demi-produits", "نصف النهائي", "quart de finale": part of a name, not a share
        plain = (self.tok(i).text if acc.parts == 1 and acc.kinds == ["digits"] and self.tok(i).text.isdigit()
                 and leading is None else None)
        return Phrase(start, j, sign * acc.value, ordinal=acc.ordinal, fraction=acc.fraction,
                      count=sign * (acc.value / acc.scale), scale=acc.scale, weak=weak, plain_digits=plain)

    def _leading_decimal(self, i: int) -> float | None:
        """".08" (",08" in French): a decimal mark after a space or at the start, then digits."""
        mark, t = self.num.leading_decimal, self.tok(i)
        before = self.tok(i - 1)
        if not mark or before is None or before.text != mark or before.end != t.start or not t.text.isdigit():
            return None
        if before.start > 0 and not self.folded[before.start - 1].isspace() and self.folded[before.start - 1] not in "([\"'«":
            return None
        return float(f"0.{t.text[:18]}")

    def _minus_before(self, i: int) -> bool:
        t = self.tok(i)
        before = self.folded[max(0, t.start - 2):t.start]
        return before.endswith("-") and (len(before) < 2 or not before[0].isalnum())

    def _continue(self, acc: Accumulator, j: int) -> int | None:
        """Index of the last token consumed when the number goes on after token j, else None."""
        nxt = j + 1
        t = self.tok(nxt)
        if t is None or t.kind == "newline":
            return None
        joined = False
        if t.kind == "word" and t.key in self.num.decimal_points:
            return None if self._decimal_blocked() else self._spoken_decimal(acc, nxt)
        if t.kind == "word" and t.key in self.num.articles and acc.kinds and acc.kinds[-1] == "fraction":
            # "half a million", "half a dozen": the article between a fraction and what it divides
            trial = acc.clone()
            last = self._feed(trial, nxt + 1, False)
            if last is None or trial.kinds[-1] not in ("scale", "multiplier", "hundred"):
                return None
            acc.__dict__.update(trial.__dict__)
            return last
        if t.kind == "punct" and t.text in "-," or t.key in self.num.connectors:
            if t.text == "-" and self.tok(j).kind == "digits":
                return None
            if t.text == "," and not (self.tok(nxt + 1) and self.tok(nxt + 1).kind == "word"):
                return None
            nxt, joined = nxt + 1, True
        trial = acc.clone()
        last = self._feed(trial, nxt, joined)
        if last is None:
            return None
        added = joined or any(self.tok(last).key.startswith(c) for c in self.num.connectors if c.isalpha())
        if trial.kinds[-1] == "fraction" and added and self._share_of_next(last):
            return None  # "قتل 3 ونصف الجرحى أطفال": three, and half of the injured, not three and a half
        acc.__dict__.update(trial.__dict__)
        return last

    def _decimal_blocked(self) -> bool:
        """"at one point three men entered": "at one point" is a moment, not 1.3 (data: decimal_point_blockers)."""
        before = self._word_before(self._start)
        return before is not None and self.tok(before).key in self.num.decimal_point_blockers

    def _spoken_decimal(self, acc: Accumulator, point: int) -> int | None:
        """Digits after a spoken decimal point: digit words one by one ("point zero three"), or one number
        below a hundred ("point seventy-one", "virgule cinquante deux"). Index of the last token used."""
        first = Accumulator(self.num)
        last = self._feed(first, point + 1, False)
        if last is None:
            return None
        while True:  # "seventy-one", "cinquante deux"; a scale after the decimals belongs to the whole number
            trial = first.clone()
            step = self._continue(trial, last)
            if step is None or trial.kinds[-1] not in ("unit", "ten", "teen"):
                break
            first, last = trial, step
        if first.kinds == ["unit"]:
            digits = str(int(first.value))
            while (j := self.next_word(last, "")) is not None and j == last + 1:
                digit = Accumulator(self.num)
                if self._feed(digit, j, False) != j or digit.kinds != ["unit"]:
                    break
                digits, last = digits + str(int(digit.value)), j
        elif set(first.kinds) <= {"unit", "ten", "teen"} and first.value < 100 and first.value == int(first.value):
            digits = str(int(first.value))
        else:
            return None
        return last if acc.add_decimal(digits) else None

    def _feed(self, acc: Accumulator, i: int, joined: bool) -> int | None:
        """Feed token i (and a second word for two-word numbers) to `acc`; index of the last token used."""
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "digits":
            scaled = self._before_large_scale(i)
            reading = self._digits.get((t.text, scaled))
            if reading is None:
                # a three-digit group after a dot before "million" is a decimal: 6,935 million would be written
                # 6.9 billion ("6.935 مليون" in a paper that groups thousands with dots is 6.935 million)
                evidence = self.evidence | DECIMAL_BEFORE_SCALE if scaled else self.evidence
                reading = self._digits[(t.text, scaled)] = read_digits(t.text, self.num, evidence)
            if not reading.grouped or (acc.parts and not joined and not acc.kinds[-1] in ("scale", "hundred")):
                return None
            last = i
            if not acc.add_digits(reading.pieces[0][2]):
                return None
            suffix = self.tok(i + 1)
            if suffix is not None and suffix.kind == "word" and self.adjacent(i, i + 1):
                if suffix.key in self.num.scale_suffixes and acc.add_scale(self.num.scale_suffixes[suffix.key]):
                    last = i + 1
                elif suffix.key in self.num.ordinal_suffixes:
                    acc.ordinal, last = True, i + 1
            elif (suffix is not None and suffix.key in self.num.spaced_scale_suffixes
                  and self.folded[t.end:suffix.start].isspace() and not self._word_glued_after(i + 1)
                  and acc.add_scale(self.num.spaced_scale_suffixes[suffix.key])):
                last = i + 1  # "2.33 k"
            return last
        if t.kind != "word":
            return None
        two = self.next_word(i)
        if two is not None and self.tok(two).kind == "word":
            pair = f"{t.key} {self.tok(two).key}"
            if pair in self.num.cardinals and acc.add_word(self.num.cardinals[pair], pair):
                return two
        if acc.parts == 0 and self._singular_accusative(t.key, i):
            # "أنفقت مليارا على المشروع", "مليارا و200 مليون": the tanwin alif of one billion, not the construct dual
            # "مليارا دولار" (two billion dollars), which only a counted noun right after it makes.
            return i if self._feed_word(acc, t.key[:-1], joined) else None
        return i if self._feed_word(acc, t.key, joined) else None

    def _before_large_scale(self, i: int) -> bool:
        """Token i is followed, after spaces at most, by a scale of a million or more."""
        after = self.tok(i + 1)
        return after is not None and after.kind == "word" and not self.folded[self.tok(i).end:after.start].strip() \
            and self.num.scales.get(after.key, 0) >= 1e6

    def _singular_accusative(self, key: str, i: int) -> bool:
        if not (key.endswith("ا") and key in self.num.duals and key[:-1] in self.num.scales):
            return False
        after = self.next_word(i)
        return after is None or self._noun_at(after) is None

    def _feed_word(self, acc: Accumulator, word_key: str, joined: bool) -> bool:
        """Try each reading of the word (bare, without clitic, without case ending) until one continues `acc`."""
        for form, cut in variants(word_key, self.num.prefixes, self.num.suffixes):
            prefix = word_key[:cut]
            if "ال" in prefix and not acc.ordinal and form not in self.num.ordinals:
                if acc.parts == 0 and 20 <= self.num.cardinals.get(form, 0) < 100 and acc.add_word(self.num.cardinals[form], form):
                    acc.ordinal = True  # "العشرون": an Arabic ordinal ten is the cardinal with the article
                    return True
                continue  # "الثلاثة" alone is "the three" (a reference), not an amount
            if self._feed_form(acc, form, joined or bool(prefix and prefix[0] in self.num.connectors)):
                return True
        return False

    def _feed_form(self, acc: Accumulator, form: str, joined: bool) -> bool:
        num = self.num
        if form in num.ordinals and not (acc.parts and form in num.fractions):
            ok = acc.add_word(num.ordinals[form], form)
            acc.ordinal = acc.ordinal or ok
            return ok
        if form in num.cardinals:
            if joined and form in num.teen_tens and acc.has_unit and not acc.has_ten:
                return False  # "ستة وعشرة" is six and ten (a range's ends, a list), never sixteen ("ستة عشر")
            return acc.add_word(num.cardinals[form], form)
        if form in num.hundreds:
            return acc.add_hundred()
        if form in num.scales and not (acc.parts == 0 and form in num.vague):
            return acc.add_scale(num.scales[form])
        if form in num.duals and acc.add_dual(num.duals[form]):
            return True
        if form in num.multipliers:
            if acc.kinds == ["unit"] and acc.value == 1 and form in num.approximate:
                return False  # "une douzaine", "a dozen": about twelve, read by the approximate table
            return acc.add_multiplier(num.multipliers[form])
        if form in num.multiplier_duals:
            return acc.add_multiplier_dual(num.multiplier_duals[form])
        if form in num.fractions:
            return acc.add_fraction(num.fractions[form], joined)
        if form in num.fraction_duals:
            return acc.add_fraction(num.fraction_duals[form], joined)
        return False

    # -- what is not a quantity ------------------------------------------------------------------------------

    def _is_date_or_id(self, p: Phrase) -> bool:
        first = self.tok(p.first)
        if first.kind == "digits":
            before = self.tok(p.first - 1)
            if before is not None and self.adjacent(p.first - 1, p.first):
                if before.kind == "word" and _LATIN.search(before.text):
                    return True  # "A320", "F16"
                if before.kind == "word" and before.key != "ال" and not self._space_dropped(p.first - 1):
                    if before.key not in self.num.prefixes and before.key not in self.units.per_prefixes:
                        return True
                if before.text in "+#/:" or (before.text == "-" and self._word_glued_before(p.first - 1)):
                    return True  # "+212...", "COVID-19", "24/11"
            if self._glued_after(p.last):
                return True
        if self._near_month(p) or self._clock_time(p):
            return True
        return self._is_year(p)

    def _space_dropped(self, j: int) -> bool:
        """An Arabic word of the language glued to the digits after it is a space a desk dropped ("عن25 شخصا",
        "إصابة54", "الدقيقة74", "مقتل52"), not an identifier: those glue a transliterated code ("إف16", "كوفيد19"),
        which is neither a function word, a counted noun or count head, nor a word of what happened to people."""
        word = self.tok(j)
        if self.lang != "ar" or _LATIN.search(word.text):
            return False
        if self.lookup(word.key, self.num.code_letters) is not None:
            return False
        return (is_function_word(word.text, self.lang) or word.key in self.units.count_heads
                or self._noun_at(j) is not None or is_cue(word.text, self.lang))

    def _word_glued_after(self, i: int) -> bool:
        after = self.tok(i + 1)
        return after is not None and self.adjacent(i, i + 1) and after.kind in ("word", "digits")

    def _word_glued_before(self, i: int) -> bool:
        before = self.tok(i - 1)
        return before is not None and self.adjacent(i - 1, i) and before.kind in ("word", "digits")

    def _glued_after(self, i: int) -> bool:
        """Digits followed without a space by something that makes them part of an identifier, time or date."""
        t, nxt = self.tok(i), self.tok(i + 1)
        if nxt is None or not self.adjacent(i, i + 1) or t.kind != "digits":
            return False
        if nxt.text in "/:" and self.tok(i + 2) is not None and self.tok(i + 2).kind == "digits":
            return True
        if nxt.kind == "word" and nxt.key == "h" and self.tok(i + 2) and self.tok(i + 2).kind == "digits":
            return True  # "23h52"
        if nxt.kind == "word" and _LATIN.search(nxt.text):
            return not (nxt.key in self.num.ordinal_suffixes or nxt.key in self.num.scale_suffixes
                        or self._noun_at(i + 1) is not None)
        return False

    def _near_month(self, p: Phrase) -> bool:
        if self.tok(p.first).kind != "digits" or p.value != int(p.value) or not 1 <= abs(p.value) <= 2100:
            return False
        for j in (self.next_word(p.last, "-/.,"), self._word_before(p.first)):
            if j is not None and self.lookup(self.tok(j).key, self.num.months) is not None:
                return True
        return False

    def _word_before(self, i: int) -> int | None:
        return self._prev_word[i] if 0 <= i < self.count else None

    def _clock_time(self, p: Phrase) -> bool:
        head = self._word_before(p.first)
        if head is not None and self.lookup(self.tok(head).key, self.num.time_heads) is not None:
            return True
        after = self.words_after(p.last, 2)
        if after and (self.tok(after[0]).key in self.num.time_after
                      or " ".join(self.tok(a).key for a in after) in self.num.time_after):
            return True
        return False

    def _is_year(self, p: Phrase) -> bool:
        digits = p.plain_digits
        if digits is None or len(digits) != 4 or self._symbol_before(p.first) is not None:
            return False  # "$2000" is money
        head = self._word_before(p.first)
        if head is not None and self.lookup(self.tok(head).key, self.num.year_heads) is not None:
            return YEARS_AFTER_HEAD[0] <= int(digits) <= YEARS_AFTER_HEAD[1]
        if not BARE_YEARS[0] <= int(digits) <= BARE_YEARS[1]:
            return False
        nxt = self.tok(p.last + 1)
        if nxt is not None and nxt.text in "-–/" and self.tok(p.last + 2) and self.tok(p.last + 2).kind == "digits":
            return True  # "2026-2029"
        return self._noun_at_after(p.last) is None and self._modifier_before(p.first) is None

    # -- units -------------------------------------------------------------------------------------------------

    def _noun_at(self, i: int, count: int | None = None) -> tuple[str, int, str] | None:
        """(concept, last token, noun as written) of the longest counted noun starting at token i."""
        t = self.tok(i)
        if t is None or t.kind != "word" or not _may_start_noun(t.key, self.lang):
            return None
        words = [i] + self.words_after(i, (count or self.units.longest) - 1)
        words = [w for k, w in enumerate(words) if k == 0 or self.tok(w).start - self.tok(words[k - 1]).end <= 2]
        for size in range(len(words), 0, -1):
            keys = [self.tok(w).key for w in words[:size]]
            for first, _ in variants(keys[0], self.units.prefixes, ()):
                if first != keys[0] and len(first) < 3:
                    continue  # "بين" is "between", not "ب" + "ين" (yen): a clitic leaves a stem of three letters
                for lastform, _ in variants(keys[-1], (), self.units.suffixes) if size > 1 else [(first, 0)]:
                    candidates = [first] if size == 1 else [" ".join([first, *keys[1:-1], lastform])]
                    if size == 1:
                        candidates += [f for f, _ in variants(first, (), self.units.suffixes)]
                    for cand in candidates:
                        if cand in self.units.nouns:
                            last = words[size - 1]
                            return self.units.nouns[cand], last, self.folded[t.start:self.tok(last).end]
        return None

    def _noun_at_after(self, last: int) -> tuple[str, int, str] | None:
        """Counted noun after a number ending at token `last`: symbol, noun, or noun after "of"/"de"/"من"."""
        symbol = self._symbol_after(last)
        if symbol is not None:
            return symbol
        bracket = self._bracketed(last)
        last = bracket[1] if bracket else last
        words = self.words_after(last, 3)
        if not words or self.tok(words[0]).start - self.tok(last).end > 2:
            return None
        if self.lang == "ar" and self.tok(words[0]).key.startswith("وال"):
            return None  # "ارتفع عدد القتلى إلى 58 والجرحى إلى 2771": "and the…" opens the next item of a list
        found = self._noun_at(words[0])
        if found is None and self.tok(words[0]).key in _OF and len(words) > 1:
            found = self._noun_at(words[1])
            if found is None and self.tok(words[1]).key in ("the", "les") and len(words) > 2:
                found = self._noun_at(words[2])
        if found is None and self.lang != "ar" and len(words) > 1:
            found = self._noun_at(words[1])  # one adjective before the noun: "9,000 local residents"
        return found

    def _of_next(self, last: int) -> bool:
        after = self.words_after(last, 1)
        return bool(after) and self.tok(after[0]).key in _OF

    def _bracketed(self, last: int) -> tuple[int, int] | None:
        """(opening, closing) bracket tokens of a number written alone in brackets ("(48) مقعدا", "(9) حالات", as
        Gulf and Levant papers print figures): its noun follows the closing bracket."""
        close = self.tok(last + 1)
        if close is None or close.kind != "punct" or close.text not in ")]" or close.start != self.tok(last).end:
            return None
        first = last
        while (t := self.tok(first - 1)) is not None and t.kind in ("digits", "punct") and t.text not in "([" \
                and last - first < 4:
            first -= 1
        opener = self.tok(first - 1)
        if opener is None or opener.kind != "punct" or opener.text not in "([" or opener.end != self.tok(first).start:
            return None
        return first - 1, last + 1

    def _symbol_after(self, last: int) -> tuple[str, int, str] | None:
        end = self.tok(last).end
        rest = self.folded[end:end + 4]
        stripped = rest.lstrip(" \u00a0\u202f")
        for sym in self.symbols_longest_first:
            if stripped.lower().startswith(sym):
                sym_end = end + (len(rest) - len(stripped)) + len(sym)
                j = last
                while (t := self.tok(j + 1)) is not None and t.end <= sym_end:
                    j += 1
                if j == last:
                    return None
                return self.units.symbols[sym], j, self.folded[end:sym_end].strip()
        return None

    def _symbol_before(self, first: int) -> tuple[str, int] | None:
        start = self.tok(first).start
        before = self.folded[max(0, start - 4):start].rstrip(" \u00a0")
        for sym in self.symbols_longest_first:
            if sym in "$€£" or sym.endswith("$"):
                if before.lower().endswith(sym):
                    pos = len(before) - len(sym) + max(0, start - 4)
                    j = first
                    while (t := self.tok(j - 1)) is not None and t.start >= pos:
                        j -= 1
                    return self.units.symbols[sym], j
        return None

    def _per_after(self, last: int) -> tuple[str, int] | None:
        """"للبرميل", "a barrel", "par baril": the denominator of a rate, when one follows the unit."""
        words = self.words_after(last, 2)
        if not words:
            return None
        first = self.tok(words[0])
        target = None
        if first.key in self.units.per_links or first.text in self.units.per_links:
            target = words[1] if len(words) > 1 else None
            found = self._noun_at(target, 1) if target is not None else None
        else:
            found = None
            for prefix in self.units.per_prefixes:
                if first.key.startswith(prefix) and len(first.key) > len(prefix) + 1:
                    stem = first.key[len(prefix):]
                    concept = self.units.nouns.get(stem) or self.units.nouns.get("ال" + stem)
                    if concept:
                        found = (concept, words[0], first.text)
                        break
        if found is not None and found[0] in _concepts()["rate_denominators"]:
            return found[0], found[1]
        return None

    def _ordinal_head(self, first: int) -> tuple[str, int] | None:
        j = self._word_before(first)
        if j is not None and self.tok(j).key == "ال":
            j = self._word_before(j)
        if j is None:
            return None
        concept = self.units.ordinal_heads.get(self.tok(j).key)
        return (concept, j) if concept else None

    # -- modifiers -------------------------------------------------------------------------------------------

    def _modifier_before(self, first: int) -> tuple[str, int] | None:
        words = self.words_before(first, _WINDOW)
        firsts = _before_firsts(self.lang)
        keys = [self.tok(w).key for w in words]
        for size in range(len(words), 0, -1):
            for head, _ in variants(keys[-size], self.clitics, ()):
                if head not in firsts:
                    continue  # no modifier starts with this word: skip building the phrase
                phrase = " ".join([head, *keys[len(keys) - size + 1:]])
                if phrase in self.mods.before:
                    return self.mods.before[phrase], words[-size]
        return None

    def _modifier_after(self, last: int) -> tuple[str, int] | None:
        words = self.words_after(last, 3)
        for size in range(len(words), 0, -1):
            phrase = " ".join(self.tok(w).key for w in words[:size])
            if phrase in self.mods.after:
                following = self.next_word(words[size - 1])
                if following is not None and self.tok(following).key in ("de", "d", "of", "than", "من", "عن"):
                    return None  # "dix-sept morts et plus de 40 blessés": "plus de" opens the next count
                return self.mods.after[phrase], words[size - 1]
        return None

    def _range_end(self, p: Phrase) -> tuple[Phrase, int | None] | None:
        """The upper end of "بين 4 و6", "between 4 and 6", "4-6", "de 4 à 6"; and the opener's token."""
        link = self.tok(p.last + 1)
        if link is None:
            return None
        first = p.first
        if first > 0 and self.tok(first - 1).kind != "word" and self.tok(first - 1).text in "$€£":
            first -= 1  # "between $4,000": the opener stands before the currency sign
        opener = self._word_before(first)
        opener_key = self.tok(opener).key if opener is not None else None
        if opener is not None and self._word_before(opener) is not None:
            two = f"{self.tok(self._word_before(opener)).key} {opener_key}"
            if two in self.mods.range_open:
                opener_key, opener = two, self._word_before(opener)
        allowed = self.mods.range_open.get(opener_key, frozenset()) if opener_key else frozenset()
        link_key = link.key if link.kind == "word" else link.text
        second_at = p.last + 2
        glued = next((key for key in allowed if link.kind == "word" and link.key.startswith(key)
                      and len(link.key) > len(key)), None)
        if glued is not None and link_key not in allowed:
            # Arabic writes the range's "و" on the second number word ("بين ستة وثمانية أسابيع"): the word is the
            # link and the upper end at once, and the number reader reads it with its conjunction.
            link_key, second_at = glued, p.last + 1
        if link_key in allowed or link_key in self.mods.range_bare:
            if link_key in self.mods.range_bare and link_key not in allowed:
                opener = None
                if link.text in "-–" and (self.tok(p.first).kind != "digits"):
                    return None
        else:
            return None
        symbol = self.tok(second_at)
        if symbol is not None and symbol.kind != "word" and symbol.text in "$€£":
            second_at += 1  # "between $4,000 and $6,000": the currency repeats before the upper end
        second = self._number(second_at)
        if second is None or second.weak or second.value <= p.value and second.scale == 1:
            return None
        return second, opener

    def _proportion(self, p: Phrase) -> tuple[Phrase, int] | None:
        words = self.words_after(p.last, 2)
        for size in (2, 1):
            if len(words) < size or self.tok(words[0]).start - self.tok(p.last).end > 1:
                continue
            phrase = " ".join(self.tok(w).key for w in words[:size])
            if phrase in self.num.proportion_links:
                whole = self._number(words[size - 1] + 1)
                if whole is not None and whole.value > 0 and p.value <= whole.value and whole.plain_digits != "":
                    if not (whole.plain_digits and len(whole.plain_digits) == 4):
                        return whole, words[size - 1]
        return None

    # -- assembly --------------------------------------------------------------------------------------------

    def _assemble(self, p: Phrase) -> tuple[Quantity | None, int]:
        start_tok, end_tok = p.first, p.last
        value, low, high, modifier = p.value, p.value, p.value, None
        low_inc = high_inc = True
        unit = noun = None
        ordinal = p.ordinal
        if p.vague:
            low, high, modifier = p.low, p.high, "vague"
            value = p.value
        elif p.low is not None:
            low, high = p.low, p.high

        proportion = None if p.vague else self._proportion(p)
        rng = None if (p.vague or proportion) else self._range_end(p)
        if proportion is not None:
            whole, _ = proportion
            value = low = high = 100.0 * p.value / whole.value
            unit, end_tok = "percent", whole.last
        elif rng is not None:
            second, opener = rng
            first_value = p.value
            if p.scale == 1 and second.scale > 1 and abs(first_value) < abs(second.count):
                first_value *= second.scale  # "ما بين 4 و6 آلاف": the scale applies to both ends
            value, low, high, modifier = first_value, first_value, second.value, "between"
            end_tok = second.last
            if opener is not None:
                start_tok = opener
        elif p.fraction and abs(p.value) < 1:
            value = low = high = 100.0 * p.value  # "ثلاثة أرباع الضحايا": a share of a whole
            unit = "percent"

        if unit == "percent" and (proportion is not None or p.fraction):
            found = self._noun_at_after(end_tok)
            if found is not None:
                noun, end_tok = found[2], found[1]  # "3 من كل 4 ضحايا": the share stays a percentage
        if ordinal and unit is None and self.units.age_after:
            after = self.words_after(end_tok, 2)
            if len(after) == 2 and " ".join(self.tok(w).key for w in after) in self.units.age_after:
                ordinal, unit, end_tok = False, "year", after[1]
        rank_noun = False
        if ordinal and unit is None:
            after = self.words_after(end_tok, 1)
            if after and self.tok(after[0]).key in self.units.ordinal_heads:
                unit, end_tok = self.units.ordinal_heads[self.tok(after[0]).key], after[0]
                rank_noun = True
        # "الدقيقة 26 من المباراة", "المادة 5 من الدستور": a rank head before the number says what it counts; the
        # noun after "of" is what the rank lies within, not a count of it.
        ranked_within = self._ordinal_head(start_tok) is not None and self._of_next(end_tok)
        if unit is None and not ranked_within:
            found = self._noun_at_after(end_tok)
            if found is not None:
                bracket = self._bracketed(end_tok)
                start_tok = min(start_tok, bracket[0]) if bracket else start_tok
                unit, noun_end, noun = found
                end_tok = noun_end
                unit = self._refine_degree(unit, noun_end)
                half = self._half_after(end_tok) if not (p.fraction or p.vague or rng or proportion) else None
                if half is not None:
                    value, low, high, end_tok = value + 0.5, low + 0.5, high + 0.5, half
                per = self._per_after(end_tok)
                if per is not None:
                    unit, end_tok = f"{unit}/{per[0]}", per[1]
        if unit is None:
            symbol = self._symbol_before(start_tok)
            if symbol is not None:
                unit, start_tok = symbol
        head = self._ordinal_head(start_tok)
        if head is not None and (ordinal or (self.lang == "ar" and unit is None)) and p.value == int(p.value):
            ordinal, unit = True, head[0]
            start_tok = min(start_tok, head[1])
        elif ordinal and self._word_before(start_tok) is not None and self.tok(self._word_before(start_tok)).key == "ال":
            start_tok = self._word_before(start_tok)
        if ordinal and p.fraction:
            ordinal = False
        if ordinal and not (self.tok(p.first).kind == "digits" or p.last > p.first or head or rank_noun):
            return None, p.last + 1  # a lone ordinal word ("the third") is a reference, not a rank
        if p.weak and unit is None:
            return None, p.last + 1
        if unit is None and self._percent_head(start_tok):
            unit = "percent"
        if unit is None and not ordinal:
            counted = self._count_head_before(start_tok) or self._role_noun_before(start_tok)
            if counted is not None:
                unit, noun = counted


        if modifier is None and not ordinal:
            hedge = self._hedge(start_tok, end_tok, value)
            if hedge is not None:
                modifier, low, high, low_inc, high_inc, start_tok, end_tok = hedge
        return self._quantity(start_tok, end_tok, value=value, low=low, high=high, low_inclusive=low_inc,
                              high_inclusive=high_inc, unit=unit, noun=noun, modifier=modifier, ordinal=ordinal)

    def _hedge(self, start_tok: int, end_tok: int, value: float) -> tuple | None:
        """(modifier, low, high, low inclusive, high inclusive, first token, last token) of a hedge around the
        number ("أكثر من", "at least", "على الأقل"), or None."""
        before = self._modifier_before(start_tok)
        after = None if before else self._modifier_after(end_tok)
        if before is None and after is None:
            return None
        modifier = (before or after)[0]
        start_tok, end_tok = (before[1], end_tok) if before else (start_tok, after[1])
        return (modifier, *_interval(modifier, value), start_tok, end_tok)

    def _quantity(self, start_tok: int, end_tok: int, **fields) -> tuple[Quantity | None, int]:
        s, e = self.tok(start_tok).start, self.tok(end_tok).end
        start, end = self.origin[s], self.origin[e] if e < len(self.origin) else len(self.text)
        span = self.text[start:end]
        if "\n" in span:
            return None, end_tok + 1
        return Quantity(start=start, end=end, text=span, **fields), end_tok + 1

    def _dual(self, i: int) -> tuple[Quantity | None, int] | None:
        """An Arabic dual noun counts two by itself ("مقتل شخصين", "لمسافة كيلومترين"): no numeral is written.
        Only forms listed in units.yaml `duals` are read, and never with the article: "الدولتين" refers to two
        countries already named, it does not report a count."""
        t = self.tok(i)
        if t is None or t.kind != "word" or not self.units.duals:
            return None
        concept = next((self.units.duals[form] for form, _ in variants(t.key, self.clitics, ())
                        if form in self.units.duals), None)
        if concept is None:
            return None
        half = self._half_after(i)
        return self._without_numeral(i, half or i, 2.5 if half is not None else 2.0, concept, t.text)

    def _one_and_a_half(self, i: int) -> tuple[Quantity | None, int] | None:
        """A unit's singular noun and "ونصف" state one and a half with no numeral ("لمسافة كيلومتر ونصف")."""
        found = self._noun_at(i)
        if found is None or found[0] not in _concepts()["measures"]:
            return None
        half = self._half_after(found[1])
        if half is None:
            return None
        return self._without_numeral(i, half, 1.5, found[0], found[2])

    def _without_numeral(self, first: int, last: int, amount: float, unit: str, noun: str
                         ) -> tuple[Quantity | None, int]:
        """A count the noun states by itself (a dual, "كيلومتر ونصف"), with the hedge around it."""
        hedge = self._hedge(first, last, amount)
        modifier, low, high, low_inc, high_inc, first, last = hedge or (None, amount, amount, True, True, first, last)
        return self._quantity(first, last, value=amount, low=low, high=high, low_inclusive=low_inc,
                              high_inclusive=high_inc, unit=unit, noun=noun, modifier=modifier)

    def _half_after(self, j: int) -> int | None:
        """The last token of "ونصف" / "et demi" right after token j ("ثلاثة كيلومترات ونصف", "trois heures et
        demie"): the count before it gains a half. None where the fraction opens a share of what follows."""
        k = self.next_word(j)
        if k is None:
            return None
        key = self.tok(k).key
        if key in self.num.connectors:
            k = self.next_word(k)
            key = self.tok(k).key if k is not None else ""
        else:
            glued = [key[len(c):] for c in self.num.connectors if len(key) > len(c) + 1 and key.startswith(c)]
            key = glued[0] if glued else ""
        if k is None or self.num.fractions.get(key) != 0.5 or self._share_of_next(k):
            return None
        return k

    def _share_of_next(self, k: int) -> bool:
        """A fraction at token k divides what follows it ("نصف الجرحى", "half of the injured")."""
        after = self.words_after(k, 1)
        if not after:
            return False
        key = self.tok(after[0]).key
        return key.startswith("ال") or key in _OF or key in ("du", "the")

    COUNT_HEAD_REACH = 6  # "ارتفعت حصيلة القتلى إلى 25": the head and its noun sit a few words before the number
    COUNT_NOUN_BEFORE = 3  # "المهاجرين الذين يبلغ عددهم 300": a relative clause between the noun and its head

    def _count_head_before(self, start_tok: int) -> tuple[str, str] | None:
        """(concept, noun) of a number that closes a count phrase: "ارتفع عدد القتلى إلى 25", "the death toll rose
        to 25", "le bilan des morts s'élève à 25". The number has no noun of its own; the noun that the count
        head ("عدد", "حصيلة", "toll", "bilan") names is what it counts."""
        j = start_tok
        for _ in range(self.COUNT_HEAD_REACH):
            j = self._word_before(j)
            if j is None or self.tok(j).kind != "word":
                return None
            if self.tok(j).key not in self.units.count_heads:
                continue
            # The noun is after the head ("عدد القتلى") or, where the head carries a pronoun, before it: "المعتقلين
            # البالغ عددهم 50", "المهاجرين الذين يبلغ عددهم 300".
            before, reach = [], j
            for _ in range(self.COUNT_NOUN_BEFORE):
                reach = self._word_before(reach)
                if reach is None:
                    break
                before.append(reach)
            for k in [*self.words_after(j, 3)[:3], *before]:
                if k is None or k >= start_tok:
                    continue
                found = self._noun_at(k)
                if found is not None and found[1] < start_tok:
                    return found[0], found[2]
            return None
        return None

    def _role_noun_before(self, start_tok: int) -> tuple[str, str] | None:
        """(concept, noun) of a number right after a definite noun of what happened to people: "عدد القتلى بلغ 26
        شخصا والمصابين 28" leaves the count head out of the list's second member. Roles only: "الساعة 10" is a
        time and "المادة 5" a clause, not counts of hours or articles."""
        j = self._word_before(start_tok)
        if self.lang != "ar" or j is None or j != start_tok - 1:
            return None
        key = self.tok(j).key
        if not (key.startswith("ال") or (key[:1] in ("و", "ف") and key[1:3] == "ال")):
            return None  # definite, "and"/"so" at most before it: a bare noun before a number is a name ("قتلى 26")
        found = self._noun_at(j, 1)
        if found is None or found[0] not in _concepts()["person_roles"]:
            return None
        return found[0], found[2]

    def _percent_head(self, start_tok: int) -> bool:
        j = self._word_before(start_tok)
        return j is not None and self.tok(j).key in self.units.percent_heads

    def _refine_degree(self, unit: str, noun_end: int) -> str:
        """A degree in a sentence about an earthquake is a magnitude, not a temperature."""
        if unit != "celsius":
            return unit
        window = self.folded[max(0, self.tok(noun_end).start - 80): self.tok(noun_end).end + 80]
        if re.search(r"ريختر|زلزال|هزة|richter|magnitude|séisme|seisme|earthquake|quake", window, re.IGNORECASE):
            return "magnitude"
        return unit


def _interval(modifier: str, value: float) -> tuple[float | None, float | None, bool, bool]:
    """(low, high, low inclusive, high inclusive) a modifier makes of a stated value."""
    if modifier == "more_than":
        return value, None, False, True
    if modifier == "at_least":
        return value, None, True, True
    if modifier == "less_than":
        return None, value, True, False
    if modifier == "at_most":
        return None, value, True, True
    if modifier == "about":
        low, high = about_interval(value)
        return low, high, True, True
    return value, value, True, True


__all__ = ["extract_quantities", "describe", "concepts_compatible", "about_interval", "tokenize"]
