"""All values of a text at once (checker.values.reader.extract_values): overlaps settled, and linear in the text."""
from __future__ import annotations

import datetime as dt

import pytest

from checker.values.reader import extract_values

PUBLISHED = dt.date(2025, 1, 1)


@pytest.mark.parametrize("text, lang, expected", [
    # A date wins over the number inside it; the quantity beside it stays.
    ("قتل 12 شخصا في 24 نونبر 2025", "ar", [("quantity", "12 شخصا"), ("date", "24 نونبر 2025")]),
    # A year closing a sentence is a year, not a count.
    ("He was born in 1910.", "en", [("date", "1910")]),
    ("ولد في عام 1899.", "ar", [("date", "عام 1899")]),
])
def test_values_do_not_overlap(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert [(v.type, v.text) for v in extract_values(text, lang, PUBLISHED)] == expected


# 100 KB lines of one repeated unit: digits, separators, conjunctions, dense numbers, dates, names and role cues.
# Every extractor runs on each; any quadratic step (a rescan per match, an overlap test against every value found)
# turns one of these into seconds.
LONG_UNITS = ["7", ",", "و", " و ", "1,", "12 مليارا و", "نونبر ", "برئاسة ", "Jean Dupont ", "فالديسي كوهلهاس ",
              "proposed by Egypt "]
# Lines that are nothing but values (14,000 to 50,000 of them in 100 KB, each read with its context): linear, but
# slow. On a 2-core machine (2026-12-03) "12 May " takes 1.1 s, "ألف و" 3.3 s, "بين 2 و" 3.0 s and "و7" 8.5 s (was
# 30 s before the role cues of a clause were cached; the rest is the word scan of each count's clause and the
# number grammar). Floored here against a return to the quadratic overlap filter (8.8 s for "12 May ").
DENSE_UNITS = ["12 May ", "ألف و", "بين 2 و", "و7"]


def _reader(unit: str):
    lang = "ar" if unit.strip()[:1] > "z" else "en"
    return lambda text: extract_values(text, lang, PUBLISHED)


@pytest.mark.parametrize("unit", LONG_UNITS)
def test_long_lines_stay_linear(unit: str, assert_linear) -> None:
    assert_linear(_reader(unit), lambda n: (unit * n)[:n], 12_500, repr(unit))


@pytest.mark.parametrize("unit", DENSE_UNITS)
def test_lines_of_nothing_but_values_stay_linear(unit: str, assert_linear) -> None:
    assert_linear(_reader(unit), lambda n: (unit * n)[:n], 12_500, repr(unit))
