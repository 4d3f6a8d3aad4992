"""The date extractor: golden cases per language, the contract (offsets, no newline, never raises, linear time)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import DateValue
from checker.values.dates import describe, extract_dates

GOLDEN = Path(__file__).parent / "golden"


def _golden(lang: str) -> list[dict]:
    return json.loads((GOLDEN / f"dates_{lang}.json").read_text(encoding="utf-8"))


def _published(case: dict) -> dt.date | None:
    return dt.date.fromisoformat(case["published"]) if case["published"] else None


def _as_read(value: DateValue) -> dict:
    return {"text": value.text, "low": value.low and value.low.isoformat(), "high": value.high and value.high.isoformat()}


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_golden_files_are_not_empty(lang: str) -> None:
    assert len(_golden(lang)) >= 10


@pytest.mark.parametrize(
    ("lang", "case"),
    [(lang, case) for lang in ("ar", "en", "fr") for case in _golden(lang)],
    ids=[f"{lang}:{case['text'][:40]}" for lang in ("ar", "en", "fr") for case in _golden(lang)],
)
def test_golden(lang: str, case: dict) -> None:
    got = [_as_read(v) for v in extract_dates(case["text"], lang, _published(case))]
    assert got == case["expect"], (
        f"\ntext:      {case['text']!r} (published {case['published']})\nexpected:  {case['expect']}\nread:      {got}")


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_spans_quote_the_text(lang: str) -> None:
    for case in _golden(lang):
        for value in extract_dates(case["text"], lang, _published(case)):
            assert case["text"][value.start:value.end] == value.text, f"{value} does not quote {case['text']!r}"
            assert "\n" not in value.text


def test_span_offsets_survive_diacritics_and_tatweel() -> None:
    text = "وصل غداً في ٢٤ نـوفـمـبـر ٢٠٢٥"
    got = extract_dates(text, "ar", dt.date(2025, 11, 20))
    assert [v.text for v in got] == ["غداً", "٢٤ نـوفـمـبـر ٢٠٢٥"]
    assert got[1].low == dt.date(2025, 11, 24)


def test_unresolved_dates_are_relative() -> None:
    """Without a publication date, relative and year-less dates never conflict: no bounds, relative=True."""
    for value in extract_dates("قال أمس إن اجتماع 10 مارس تأجل إلى الاثنين المقبل", "ar", None):
        assert (value.low, value.high, value.relative) == (None, None, True), value


def test_explicit_year_is_not_relative_and_inferred_year_follows_publication() -> None:
    explicit, inferred = extract_dates("في 10 مارس 2024 ثم في 12 مارس", "ar", dt.date(2024, 3, 20))
    assert not explicit.relative and explicit.granularity == "day"
    assert inferred.low == dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    ("text", "granularity", "expected"),
    [
        ("24 نونبر 2025", "day", "2025-11-24"),
        ("بين 24 و27 نونبر 2025", "range", "2025-11-24..2025-11-27"),
        ("نونبر 2025", "month", "November 2025"),
        ("عام 2025", "year", "2025"),
        ("يونيو الماضي", "month", "June 2025 (relative: 'يونيو الماضي')"),
        ("أمس", "day", "2025-11-29 (relative: 'أمس')"),
    ],
)
def test_describe(text: str, granularity: str, expected: str) -> None:
    (value,) = extract_dates(text, "ar", dt.date(2025, 11, 30))
    assert value.granularity == granularity
    assert describe(value) == expected


def test_describe_unresolved() -> None:
    (value,) = extract_dates("أمس", "ar", None)
    assert describe(value) == "unresolved (relative: 'أمس')"


_ALPHABET = st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩ -/.,،\n'’ـًٌ") + [
    "نونبر", "كانون", "الثاني", "الأول", "تشرين", "بين", "و", "من", "إلى", "أمس", "اليوم", "الماضي", "المقبل", "الاثنين",
    "عام", "في", "هـ", "م", "May", "may", "last", "week", "du", "au", "er", "juin", "dernier", "l", "an", "2024", "31",
    "29", "فبراير", "ب", "وب", "Ⅻ", "İ", "ß", "e\u0301"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map(" ".join) | st.text(max_size=200),
       st.sampled_from(["ar", "en", "fr"]),
       st.none() | st.dates())
def test_never_raises_and_spans_hold(text: str, lang: str, published: dt.date | None) -> None:
    for value in extract_dates(text, lang, published):
        assert 0 <= value.start < value.end <= len(text)
        assert text[value.start:value.end] == value.text
        assert "\n" not in value.text
        assert (value.low is None) == (value.high is None)
        assert value.low is None or value.low <= value.high


@pytest.mark.parametrize(
    "unit", ["7", "و", "و ", "نونبر ", "12 May ", "بين 2 و"],
    ids=["digits", "waw", "spaced-waw", "month-names", "day-months", "open-ranges"],
)
def test_long_lines_take_linear_time(unit: str, assert_linear) -> None:
    assert_linear(lambda text: extract_dates(text, "ar", dt.date(2025, 1, 1)), lambda n: (unit * n)[:n], 25_000,
                  repr(unit))


@pytest.mark.parametrize("text, lang, published, expected", [
    # A print edition dated the next morning: the written weekday names the day, not the date line.
    ("وقع الانفجار أمس الخميس", "ar", "2015-08-08", "2015-08-06"),
    ("قال اليوم السبت", "ar", "2015-08-09", "2015-08-08"),
    ("hier jeudi", "fr", "2015-08-08", "2015-08-06"),
    # Where date line and weekday agree nothing moves.
    ("وقع الانفجار أمس الخميس", "ar", "2015-08-07", "2015-08-06"),
])
def test_a_written_weekday_outweighs_the_date_line(text: str, lang: str, published: str, expected: str) -> None:
    (value,) = extract_dates(text, lang, dt.date.fromisoformat(published))
    assert value.low == value.high == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("text, lang, low, high", [
    ("وقد توفي فيدل كاسترو أواخر 2016، وحان اليوم", "ar", "2016-09-01", "2016-12-31"),
    ("ويبدأ العمل في مطلع نوفمبر 2025", "ar", "2025-11-01", "2025-11-10"),
    ("وفي منتصف نوفمبر 2025 قال", "ar", "2025-11-11", "2025-11-20"),
    ("حتى نهاية فبراير 2024", "ar", "2024-02-21", "2024-02-29"),
    ("He died in late 2016.", "en", "2016-09-01", "2016-12-31"),
    ("Talks resume in early March 2025.", "en", "2025-03-01", "2025-03-10"),
    ("Le chantier s'achèvera fin 2026.", "fr", "2026-09-01", "2026-12-31"),
])
def test_a_part_of_a_year_or_month(text: str, lang: str, low: str, high: str) -> None:
    [value] = [v for v in extract_dates(text, lang, dt.date(2026, 1, 15)) if v.granularity == "part"]
    assert (value.low.isoformat(), value.high.isoformat()) == (low, high)
    assert value.text in text and value.text.split()[0] in text.split() and not value.text[0].isdigit()


def test_a_part_is_vague_against_a_date_inside_it_and_contradicts_one_outside() -> None:
    from checker.compare import date_relation

    [late] = extract_dates("أواخر 2016", "ar", None)
    [november] = extract_dates("في نوفمبر 2016", "ar", None)
    [march] = extract_dates("في مارس 2016", "ar", None)
    assert date_relation(late, november) == "imprecision"
    assert date_relation(late, march) == "contradiction"


@pytest.mark.parametrize("text, expected", [
    ("الذي توفي في نوفمبر/ تشرين الثاني 2016.", ("نوفمبر/ تشرين الثاني 2016", "2016-11-01", "2016-11-30")),
    ("في 19 نوفمبر/ تشرين الثاني 2016 وقع", ("19 نوفمبر/ تشرين الثاني 2016", "2016-11-19", "2016-11-19")),
    ("وفي أكتوبر (تشرين الأول) 2015 قال", ("أكتوبر (تشرين الأول) 2015", "2015-10-01", "2015-10-31")),
])
def test_a_month_written_in_two_families_is_one_date(text: str, expected: tuple) -> None:
    [value] = extract_dates(text, "ar", dt.date(2026, 1, 15))
    assert (value.text, value.low.isoformat(), value.high.isoformat()) == expected


def test_two_different_months_after_a_slash_stay_two() -> None:
    assert [v.text for v in extract_dates("بين نوفمبر/ ديسمبر 2016", "ar", dt.date(2026, 1, 15))][-1] == "ديسمبر 2016"
