"""Numbers as news writes them: digit strings with local separators, and number words in Arabic, English, French.

Hand-written because no library reads Arabic number words in running text: pyarabic's text2number gives 0 for
ordinals ("الثالثة والتسعين") and 3 for "ثلاثة أرباع", and num2words only writes numbers. The grammar is one
small accumulator shared by the three languages; what differs (words, separators, word order) is data in
checker/lexicon/<lang>/numbers.yaml.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from checker import lexicon
from checker.text import normalize_arabic

# A digit run with inner separators. Each repetition needs a separator, so there is no backtracking blow-up;
# a space groups thousands only before exactly three digits ("2 500", not "2024 500" read as one).
# Bidirectional formatting marks (U+200E/F, U+202A-E) that word processors leave around a separator in Arabic
# text ("25799\u202a,\u202a52") are invisible: they may stand on either side of a separator.
_BIDI = "\u200e\u200f\u202a-\u202e"
# The Saudi Press Agency and the Gulf papers that take its copy write the decimal sign as "ر" with the groups in
# reversed order: "03ر33 بالمائة" is 33.03 %, "5ر1 مليون" 1.5 million, "000ر22" 22,000 (a wire system that wrote
# right to left); only between digits, never before a letter ("5رجال" is a glued word).
_REVERSED_MARK = "ر"
DIGIT_RUN = re.compile(
    r"\d+" + _REVERSED_MARK + r"\d+(?![^\W\d_])"
    r"|\d+(?:[" + _BIDI + r"]*(?:[.,\u060c\u066b\u066c]|[ \u00a0\u202f](?=\d{3}(?!\d)))[" + _BIDI + r"]*\d+)*"
)
# Marks read as decimals before a scale of a million or more, whatever the paper's habit (quantities.py).
DECIMAL_BEFORE_SCALE = frozenset({".", _REVERSED_MARK})
_BIDI_MARKS = re.compile("[" + _BIDI + "]")
# A mark used as a decimal somewhere in the text: "51.4", "6,1" (not followed by more groups).
_DECIMAL_EVIDENCE = re.compile(r"(?<![\d.,])\d+([.,])(?:\d{1,2}|\d{4,})(?![\d]|[.,]\d)")
_SEPARATOR = re.compile(r"[.,\u060c\u066b\u066c \u00a0\u202f]")
MAX_DIGITS = 18  # longer runs are identifiers, not amounts


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """Lookup key of a word: lower case, Latin accents and Arabic spelling variants folded."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return normalize_arabic(plain).replace("’", "'")


def phrase_key(phrase: str) -> str:
    """Key of a multi-word phrase: word keys joined by one space, punctuation dropped ("jusqu'à" -> "jusqu a")."""
    return " ".join(key(w) for w in re.findall(r"[^\W\d_]+|\d+|[%$€£°/]", phrase))


@dataclass(frozen=True)
class NumberLexicon:
    """numbers.yaml of one language, with every key folded by `key`."""

    cardinals: dict[str, float]
    hundreds: frozenset[str]
    scales: dict[str, float]
    duals: dict[str, float]
    ordinals: dict[str, float]
    fractions: dict[str, float]
    fraction_duals: dict[str, float]
    vague: dict[str, float]
    approximate: dict[str, tuple[float, float, float]]
    connectors: frozenset[str]
    negatives: frozenset[str]
    tolerance_links: frozenset[str]  # "or" in "plus or minus": the sign word after it is no negative
    weak: frozenset[str]
    teen_tens: frozenset[str]
    tens_taking_teens: frozenset[float]
    units_before_tens: bool
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    comma_three_digits: str
    dot_three_digits: str
    scale_suffixes: dict[str, float]
    ordinal_suffixes: frozenset[str]
    months: frozenset[str]
    time_heads: frozenset[str]
    year_heads: frozenset[str]
    time_after: frozenset[str]
    proportion_links: frozenset[str]
    multipliers: dict[str, float]  # "dozen": counts what stands before it ("three dozen" = 36)
    multiplier_duals: dict[str, float]  # "دزينتين": two dozen
    decimal_points: frozenset[str]  # spoken decimal point: "two point five", "deux virgule cinq"
    decimal_point_blockers: frozenset[str]  # "at one point": before the number, the point is a moment
    fraction_names: frozenset[str]  # "نصف النهائي": a fraction before these names a round, not a share
    articles: frozenset[str]  # "a": the number 1 only inside a compound ("a million", "a dozen", "a third")
    spaced_scale_suffixes: dict[str, float]  # scale letters also written after a space ("2.33 k")
    code_letters: frozenset[str]  # Latin letter names written in the script, glued to digits in codes ("إف16")
    indian_grouping: bool  # "12,34,567": lakh-crore grouping, two digits per group above the thousands
    leading_decimal: str  # the mark that starts a number with no integer part (".08", ",08")


def _keys(mapping: dict | None) -> dict:
    return {phrase_key(str(k)): v for k, v in (mapping or {}).items()}


def _set(items: list | None) -> frozenset[str]:
    return frozenset(phrase_key(str(i)) for i in (items or []))


@lru_cache(maxsize=None)
def number_lexicon(lang: str) -> NumberLexicon:
    data = lexicon.load(lang, "numbers")
    seps = data.get("separators", {})
    return NumberLexicon(
        cardinals={k: float(v) for k, v in _keys(data.get("cardinals")).items()},
        hundreds=_set(data.get("hundreds")),
        scales={k: float(v) for k, v in _keys(data.get("scales")).items()},
        duals={k: float(v) for k, v in _keys(data.get("duals")).items()},
        ordinals={k: float(v) for k, v in _keys(data.get("ordinals")).items()},
        fractions={k: float(v) for k, v in _keys(data.get("fractions")).items()},
        fraction_duals={k: float(v) for k, v in _keys(data.get("fraction_duals")).items()},
        vague={k: float(v) for k, v in _keys(data.get("vague")).items()},
        approximate={k: tuple(float(x) for x in v) for k, v in _keys(data.get("approximate")).items()},
        connectors=frozenset(key(str(c)) for c in data.get("connectors", [])),
        negatives=_set(data.get("negatives")),
        tolerance_links=_set(data.get("tolerance_links")),
        weak=_set(data.get("weak")),
        teen_tens=_set(data.get("teen_tens")),
        tens_taking_teens=frozenset(float(t) for t in data.get("tens_taking_teens", [])),
        units_before_tens=bool(data.get("units_before_tens", False)),
        prefixes=tuple(sorted((key(p) for p in data.get("prefixes", [])), key=len, reverse=True)),
        suffixes=tuple(key(s) for s in data.get("suffixes", [])),
        comma_three_digits=seps.get("comma_three_digits", "thousands"),
        dot_three_digits=seps.get("dot_three_digits", "decimal"),
        scale_suffixes={key(k): float(v) for k, v in (data.get("scale_suffixes") or {}).items()},
        ordinal_suffixes=frozenset(key(s) for s in data.get("ordinal_suffixes", [])),
        months=_set(data.get("months")),
        time_heads=_set(data.get("time_heads")),
        year_heads=_set(data.get("year_heads")),
        time_after=_set(data.get("time_after")),
        proportion_links=_set(data.get("proportion_links")),
        multipliers={k: float(v) for k, v in _keys(data.get("multipliers")).items()},
        multiplier_duals={k: float(v) for k, v in _keys(data.get("multiplier_duals")).items()},
        decimal_points=_set(data.get("decimal_points")),
        decimal_point_blockers=_set(data.get("decimal_point_blockers")),
        articles=_set(data.get("articles")),
        fraction_names=_set(data.get("fraction_names")),
        spaced_scale_suffixes={key(k): float(v) for k, v in (data.get("spaced_scale_suffixes") or {}).items()},
        code_letters=_set(data.get("code_letters")),
        indian_grouping=bool(seps.get("indian_grouping", False)),
        leading_decimal=str(seps.get("leading_decimal", "")),
    )


@lru_cache(maxsize=65536)
def variants(word_key: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Readings of a word with a clitic prefix and/or a case suffix removed, and the prefix length removed."""
    out = [(word_key, 0)]
    for suffix in suffixes:
        if len(word_key) > len(suffix) + 1 and word_key.endswith(suffix):
            out.append((word_key[: -len(suffix)], 0))
    for prefix in prefixes:
        if len(word_key) > len(prefix) + 1 and word_key.startswith(prefix):
            rest = word_key[len(prefix):]
            out.append((rest, len(prefix)))
            out.extend((rest[: -len(s)], len(prefix)) for s in suffixes if len(rest) > len(s) + 1 and rest.endswith(s))
    return tuple(out)


# ---------------------------------------------------------------------------------------------------------------
# Digits


@dataclass(frozen=True)
class DigitReading:
    """Digit-run pieces as (start, end, value) relative to the run; a run that groups badly is several pieces."""

    pieces: tuple[tuple[int, int, float], ...]
    grouped: bool  # True when the run was read as one number


def decimal_marks(text: str) -> frozenset[str]:
    """Marks the text itself uses as decimals ("51.4"): evidence against reading "1.460" as thousands."""
    return frozenset(m.group(1) for m in _DECIMAL_EVIDENCE.finditer(text))


def _three_digit_reading(mark: str, lex: NumberLexicon, evidence: frozenset[str]) -> str:
    if mark in "\u066c\u060c \u00a0\u202f":
        return "thousands"
    if mark == "\u066b":
        return "decimal"
    default = lex.dot_three_digits if mark == "." else lex.comma_three_digits
    if default == "thousands" and mark in evidence:
        return "decimal"
    return default


def read_digits(run: str, lex: NumberLexicon, evidence: frozenset[str] = frozenset()) -> DigitReading:
    """Value of a digit run, reading separators by context ("2,500", "1.460", "4,8", "1.234,5", "2 500")."""
    if not run.isdigit():
        run = _BIDI_MARKS.sub("", run)
    if _REVERSED_MARK in run:
        return _reversed_reading(run, evidence)
    groups = _SEPARATOR.split(run)
    marks = _SEPARATOR.findall(run)
    if not marks:
        return DigitReading(((0, len(run), float(run)),), True) if len(run) <= MAX_DIGITS else DigitReading((), False)
    value = _grouped_value(groups, marks, lex, evidence)
    if value is not None:
        return DigitReading(((0, len(run), value),), True)
    pieces, pos = [], 0
    for group in groups:
        if len(group) <= MAX_DIGITS:
            pieces.append((pos, pos + len(group), float(group)))
        pos += len(group) + 1
    return DigitReading(tuple(pieces), False)


def _reversed_reading(run: str, evidence: frozenset[str]) -> DigitReading:
    """"935ر6" (SPA style): the lower group first. Three digits group thousands ("000ر22"), unless `evidence`
    holds the mark (a scale word follows: "935ر6 مليون" is 6.935 million); fewer or more are decimals."""
    lower, whole = run.split(_REVERSED_MARK, 1)
    if len(lower) + len(whole) > MAX_DIGITS:
        return DigitReading((), False)
    thousands = len(lower) == 3 and _REVERSED_MARK not in evidence and whole != "0"
    return DigitReading(((0, len(run), float(whole + lower) if thousands else float(f"{whole}.{lower}")),), True)


def _grouped_value(groups: list[str], marks: list[str], lex: NumberLexicon, evidence: frozenset[str]) -> float | None:
    last = marks[-1]
    decimal_last = last not in " \u00a0\u202f\u066c" and (
        len(groups[-1]) != 3 or _three_digit_reading(last, lex, evidence) == "decimal" or groups[0] == "0"
    )
    if decimal_last and last == "\u060c":
        return None  # the Arabic comma groups thousands only
    if decimal_last and last in marks[:-1]:
        return None  # "1.2.3": a mark used twice is not a decimal point
    int_groups = groups[:-1] if decimal_last else groups
    int_marks = marks[:-1] if decimal_last else marks
    if int_marks:
        if len(set(int_marks) - {" ", "\u00a0", "\u202f"}) > 1 or len(int_groups[0]) > 3:
            return None
        if any(len(g) != 3 for g in int_groups[1:]) and not _indian(int_groups, int_marks, lex):
            return None
    digits = "".join(int_groups)
    if len(digits) > MAX_DIGITS:
        return None
    if decimal_last:
        return float(f"{digits}.{groups[-1][:MAX_DIGITS]}")
    return float(digits)


def _indian(groups: list[str], marks: list[str], lex: NumberLexicon) -> bool:
    """"12,34,567": thousands, then lakhs and crores in groups of two (Indian English writes amounts so)."""
    return (lex.indian_grouping and set(marks) == {","} and len(groups[0]) <= 2 and len(groups[-1]) == 3
            and all(len(g) == 2 for g in groups[1:-1]))


# ---------------------------------------------------------------------------------------------------------------
# Number words


@dataclass
class Accumulator:
    """Builds one number from its parts, refusing a part that cannot continue it ("three two" is two numbers).

    Groups below a thousand are built from units, tens and hundreds; scales close a group and must fall
    ("million ... thousand"). Arabic puts units before tens ("واحد وعشرون"); French counts teens after 60 and 80.
    """

    lex: NumberLexicon
    total: float = 0.0
    group: float = 0.0
    has_unit: bool = False
    has_ten: bool = False
    has_hundred: bool = False
    last_ten: float = 0.0
    last_scale: float = float("inf")
    parts: int = 0
    ordinal: bool = False
    fraction: bool = False
    scale: float = 1.0  # the largest scale applied: "650 ألف" has count 650 and scale 1000
    weak_only: bool = True
    tail: float = 0.0  # what the group gained after its hundreds: "two" in "three hundred and two dozen"
    multiplied: bool = False
    decimal: bool = False
    kinds: list[str] = field(default_factory=list)

    def clone(self) -> Accumulator:
        """A copy to try a continuation on (cheaper than copy.copy: this runs once per token of a number)."""
        other = object.__new__(Accumulator)
        other.__dict__.update(self.__dict__)
        other.kinds = list(self.kinds)
        return other

    @property
    def value(self) -> float:
        return self.total + self.group

    @property
    def empty_group(self) -> bool:
        return not (self.has_unit or self.has_ten or self.has_hundred)

    def add_digits(self, value: float) -> bool:
        if self.parts and not self.empty_group and not (self.has_hundred and not self.has_unit and value < 100):
            return False
        if value == 0 and self.parts:
            return False  # "three hundred and 0": a zero never continues a number, it is one of its own
        self.group += value
        self.tail = value if value < 100 else 0.0
        self.has_unit = self.has_ten = True
        self.has_hundred = self.has_hundred or value >= 100
        return self._took("digits")

    def add_word(self, value: float, word_key: str) -> bool:
        """A cardinal (or ordinal) word's value, placed by its magnitude."""
        if value == 0 and self.parts:
            return False
        took = self._place_word(value, word_key)
        if took:
            self.tail = self.tail + value if value < 100 else 0.0
        return took

    def _place_word(self, value: float, word_key: str) -> bool:
        if word_key in self.lex.teen_tens and value == 10 and self.has_unit and not self.has_ten:
            self.group += 10
            self.has_ten = True
            return self._took("ten")
        if value < 10:
            if self.has_unit:
                return False
            self.group += value
            self.has_unit = True
            return self._took("unit")
        if value < 20:
            if self.has_unit or (self.has_ten and self.last_ten not in self.lex.tens_taking_teens):
                return False
            self.group += value
            self.has_unit = self.has_ten = True
            return self._took("teen")
        if value < 100:
            if self.has_ten or (self.has_unit and not self.lex.units_before_tens):
                return False
            self.group += value
            self.has_ten, self.last_ten = True, value
            return self._took("ten")
        if value < 1000 and value % 100 == 0:
            if not self.empty_group:
                return False
            self.group += value
            self.has_hundred = True
            return self._took("hundred")
        return False

    def add_hundred(self) -> bool:
        # "322 hundred", "322 cent": a digit run of up to three digits counts hundreds (a year never does:
        # "in 2019 hundreds of people" is two numbers).
        digit_hundreds = self.kinds == ["digits"] and self.group < 1000
        if (self.has_hundred or self.group >= 100) and not digit_hundreds or self.decimal or self.multiplied:
            return False
        self.group = 100 * (self.group or 1)
        self.has_hundred, self.has_unit, self.has_ten, self.tail = True, False, False, 0.0
        return self._took("hundred")

    def add_scale(self, scale: float) -> bool:
        if scale >= self.last_scale or (self.group == 0 and self.total > 0):
            return False
        count = self.group if self.group else 1
        self.total += count * scale
        self.group, self.has_unit, self.has_ten, self.has_hundred = 0.0, False, False, False
        self.tail, self.multiplied, self.decimal = 0.0, False, False
        self.last_scale, self.scale = scale, max(self.scale if self.parts else 1.0, scale)
        return self._took("scale")

    def add_dual(self, value: float) -> bool:
        if self.group or value / 2 >= self.last_scale:
            return False
        self.total += value
        self.last_scale = self.scale = value / 2
        return self._took("scale")

    def add_multiplier(self, value: float) -> bool:
        """"three dozen" = 36, "half a dozen" = 6; after hundreds a dozen counts only what follows them
        ("three hundred and two dozen" = 324, as "ثلاث مائة ودزينتين")."""
        if not self.parts or self.multiplied or self.decimal or self.group == 0:
            return False
        if self.has_hundred and 0 < self.tail < self.group:
            self.group += self.tail * (value - 1)
        else:
            self.group *= value
        self.tail, self.multiplied = 0.0, True
        self.has_unit = self.has_ten = self.has_hundred = True
        return self._took("multiplier")

    def add_multiplier_dual(self, value: float) -> bool:
        """"دزينتين" is two dozen by itself, and adds to hundreds before it ("ثلاث مائة ودزينتين" = 324)."""
        if self.has_unit or self.has_ten or self.multiplied or self.decimal:
            return False
        self.group += value
        self.tail, self.multiplied = 0.0, True
        self.has_unit = self.has_ten = self.has_hundred = True
        return self._took("multiplier")

    def add_decimal(self, digits: str) -> bool:
        """Spoken decimals: "two hundred point zero three" = 200.03, "deux cent virgule cinquante deux" = 200.52."""
        if not self.parts or self.decimal or self.fraction or self.multiplied or not digits:
            return False
        self.group += float(f"0.{digits}")
        self.decimal = True
        self.has_unit = self.has_ten = self.has_hundred = True
        self.tail = 0.0
        return self._took("decimal")

    def add_fraction(self, value: float, joined: bool) -> bool:
        """"ثلاثة أرباع" multiplies the count; "واحد ونصف" (after a connector) adds to it."""
        if self.fraction:
            return False
        if joined and not self.group and self.total and self.kinds[-1] == "scale":
            # "مليون ونصف", "ألفين ونصف": half of the scale just named (1.5 million), not half of one
            self.total += value * self.last_scale
        elif self.group and joined:
            self.group += value
        else:
            self.group = (self.group or 1) * value
        self.has_unit = self.has_ten = True
        self.fraction = True
        return self._took("fraction")

    def _took(self, kind: str) -> bool:
        self.parts += 1
        self.kinds.append(kind)
        return True
