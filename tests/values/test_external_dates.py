"""The date extractor against date cases that no one here wrote (../shared/data/external; skipped without it).

- dateparser (scrapinghub): its Arabic date test cases and its ar/fr month lexicons. Hijri cases are out of scope
  (checker reads Gregorian dates only) and so are durations ("منذ ساعتين", "4 عام"): they are skipped by kind.
- Microsoft Recognizers-Text DateTime specs (ar/en/fr): plain dates (one day, one weekday, one month, one year, one
  day range), not times, durations, weeks, seasons or holidays. Cases that even the .NET reference does not pass
  (`NotSupported` naming dotnet) are left out, as PROVENANCE.md advises. Floors below are what the extractor reaches,
  rounded down: they catch regressions, they are not targets.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from checker.values.dates import extract_dates

DATEPARSER = Path("data/external/number_date_testcases_num2words_dateparser")
SPECS = Path("data/external/recognizers_text_specs/Specs/DateTime")
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")
# The share of in-scope cases read with the right span and value (exact span), and with an overlapping span.
FLOORS = {
    ("Arabic", "DateParser"): (0.20, 0.33),
    ("English", "DateParser"): (0.25, 0.30),
    ("French", "DateParser"): (0.50, 0.55),
    ("Arabic", "DatePeriodParser"): (0.20, 0.20),
    ("English", "DatePeriodParser"): (0.10, 0.10),
    ("French", "DatePeriodParser"): (0.08, 0.18),
}
SPAN_FLOORS = {"Arabic": 0.50, "English": 0.55, "French": 0.60}
DAY = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$|^XXXX-WXX-\d$")
PERIOD = re.compile(r"^(?:\d{4}|XXXX)-\d{2}$|^\d{4}$|^\((?:\d{4}|XXXX)-\d{2}-\d{2},(?:\d{4}|XXXX)-\d{2}-\d{2},P\d+D\)$")


# --- dateparser ---------------------------------------------------------------------------------------------------

def _dateparser_cases(shared: Path) -> list[dict[str, str]]:
    with open(shared / DATEPARSER / "dateparser_ar_testcases.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_dateparser_search_cases(shared: Path) -> None:
    """Dates in running text (tests/test_search.py): span and day must both match."""
    cases = [c for c in _dateparser_cases(shared) if c["kind"] == "search_dates"]
    assert cases, "no search_dates case in dateparser_ar_testcases.tsv"
    for case in cases:
        got = [(v.text, v.low) for v in extract_dates(case["input"], "ar", dt.date(2000, 1, 1))]
        for span, iso in json.loads(case["expected"]):
            day = dt.date.fromisoformat(iso[:10])
            assert any(text in span and low == day for text, low in got), f"{span!r} -> {day}: read {got}"


def test_dateparser_translation_cases(shared: Path) -> None:
    """Gregorian dates and relative days from tests/test_languages.py and test_freshness_date_parser.py.

    In scope: "6 يناير، 2015، الساعة 05:16 مساءً" (a date with a clock time), "أمس", "اليوم", "يوم أمس". Out of
    scope and skipped: Hijri dates, durations ("يومين", "4 عام", "منذ ساعتين") and "اليوم السابق" (the day before
    the story's day, which publication cannot resolve).
    """
    published = dt.date(2020, 6, 15)
    checked = 0
    for case in _dateparser_cases(shared):
        expected = _dateparser_expected(case, published)
        if expected is None:
            continue
        checked += 1
        got = [v.low for v in extract_dates(case["input"], "ar", published)]
        assert expected in got, f"{case['input']!r}: expected {expected}, read {got}"
    print(f"\ndateparser translation/relative cases in scope: {checked}")
    assert checked >= 5


def _dateparser_expected(case: dict[str, str], published: dt.date) -> dt.date | None:
    """The day a case means, or None when the case is out of scope (Hijri, duration, story-relative)."""
    if case["kind"] == "translate_to_english":
        match = re.fullmatch(r"(\d+) (\w+) (\d{4}).*", case["expected"])
        if match:
            return dt.date(int(match[3]), MONTH_KEYS.index(match[2]) + 1, int(match[1]))
        match = re.fullmatch(r"(\d+) day ago", case["expected"])
        if match and "السابق" not in case["input"]:
            return published - dt.timedelta(days=int(match[1]))
        return None
    if case["kind"] == "relative_ago" and case["expected"].startswith('{"days"') and "منذ" not in case["input"]:
        return published - dt.timedelta(days=json.loads(case["expected"])["days"])
    return None


def _dateparser_month_names(shared: Path, lang: str) -> dict[str, int]:
    """Every month name dateparser knows for `lang`: CLDR names, locale-specific ones, supplementary ones."""
    folder = shared / DATEPARSER / "dateparser_language_data"
    cldr = json.loads((folder / f"cldr_language_data__{lang}.json").read_text(encoding="utf-8"))
    supplementary = yaml.safe_load((folder / f"supplementary_language_data__{lang}.yaml").read_text(encoding="utf-8"))
    sources = [cldr, supplementary, *cldr.get("locale_specific", {}).values(),
               *supplementary.get("locale_specific", {}).values()]
    return {name: index + 1 for source in sources for index, key in enumerate(MONTH_KEYS) for name in source.get(key, [])}


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_dateparser_month_lexicon_is_read(shared: Path, lang: str) -> None:
    """Every month name in dateparser's ar/fr data, in "12 <name> 2020", reads as that month."""
    names = _dateparser_month_names(shared, lang)
    missed = []
    for name, month in sorted(names.items()):
        text = f"12 {name} 2020"
        got = extract_dates(text, lang, None)
        if not any(v.low == dt.date(2020, month, 12) and v.text == text for v in got):
            missed.append(f"{name} ({month})")
    rate = 1 - len(missed) / len(names)
    print(f"\ndateparser {lang} month names read: {len(names) - len(missed)}/{len(names)} ({rate:.0%}); missed: {missed}")
    # fr-MA "jui" is left out on purpose: it begins juin and juillet alike.
    assert rate >= 0.95, f"month names not read: {missed}"


# --- Recognizers-Text ---------------------------------------------------------------------------------------------

def _spec(shared: Path, lang: str, name: str) -> list[dict]:
    cases = json.loads((shared / SPECS / lang / f"{name}.json").read_text(encoding="utf-8-sig"))
    return [c for c in cases if "dotnet" not in (c.get("NotSupported") or "") + (c.get("NotSupportedByDesign") or "")]


def _reference(case: dict) -> dt.date:
    """The case's "now"; specs without one are written against the suite's usual 2016-11-07."""
    reference = (case.get("Context") or {}).get("ReferenceDateTime", "2016-11-07")
    return dt.date.fromisoformat(reference[:10])


def _expected_intervals(value: dict) -> list[tuple[dt.date, dt.date]]:
    """The intervals a spec accepts (past and future resolutions).

    A day range's end is the last day named ("4 to 22 January": P18D ends on the 22nd); a month's or year's end is
    the first day after it.
    """
    found = []
    exclusive = dt.timedelta(days=0 if value["Timex"].startswith("(") else 1)
    for resolution in (value.get("PastResolution") or {}, value.get("FutureResolution") or {}):
        try:
            if "date" in resolution:
                day = dt.date.fromisoformat(resolution["date"])
                found.append((day, day))
            elif "startDate" in resolution:
                end = dt.date.fromisoformat(resolution["endDate"])
                found.append((dt.date.fromisoformat(resolution["startDate"]), end - exclusive))
        except ValueError:
            continue
    return found


def _score(cases: list[dict], pattern: re.Pattern[str], lang: str) -> tuple[int, int, int]:
    """(in scope, right value with exact span, right value with an overlapping span)."""
    scope = exact = overlap = 0
    code = {"Arabic": "ar", "English": "en", "French": "fr"}[lang]
    for case in cases:
        values = extract_dates(case["Input"], code, _reference(case))
        for result in case["Results"]:
            if not pattern.search(result["Value"]["Timex"]):
                continue
            scope += 1
            accepted = _expected_intervals(result["Value"])
            start, end = result["Start"], result["Start"] + result["Length"]
            right = [v for v in values if (v.low, v.high) in accepted]
            exact += any(v.start == start and v.end == end for v in right)
            overlap += any(v.start < end and start < v.end for v in right)
    return scope, exact, overlap


@pytest.mark.parametrize("lang", ["Arabic", "English", "French"])
@pytest.mark.parametrize("name", ["DateParser", "DatePeriodParser"])
def test_recognizers_parser_specs(shared: Path, lang: str, name: str) -> None:
    pattern = DAY if name == "DateParser" else PERIOD
    scope, exact, overlap = _score(_spec(shared, lang, name), pattern, lang)
    assert scope, f"no in-scope case in {lang}/{name}.json"
    print(f"\nRecognizers-Text {lang}/{name}: {scope} plain dates in scope; right value and exact span "
          f"{exact / scope:.0%}, right value and overlapping span {overlap / scope:.0%}")
    exact_floor, overlap_floor = FLOORS[(lang, name)]
    assert exact / scope >= exact_floor and overlap / scope >= overlap_floor, (
        f"{lang}/{name}: exact {exact}/{scope}, overlap {overlap}/{scope}; floors {exact_floor:.0%}/{overlap_floor:.0%}")


@pytest.mark.parametrize("lang", ["Arabic", "English", "French"])
def test_recognizers_date_extractor_spans(shared: Path, lang: str) -> None:
    """DateExtractor specs carry spans only: the share of expected spans some extracted date overlaps."""
    code = {"Arabic": "ar", "English": "en", "French": "fr"}[lang]
    total = hit = 0
    for case in _spec(shared, lang, "DateExtractor"):
        values = extract_dates(case["Input"], code, dt.date(2016, 11, 7))
        for result in case["Results"]:
            total += 1
            start, end = result["Start"], result["Start"] + result["Length"]
            hit += any(v.start < end and start < v.end for v in values)
    print(f"\nRecognizers-Text {lang}/DateExtractor: {hit}/{total} spans found ({hit / total:.0%})")
    assert hit / total >= SPAN_FLOORS[lang], f"{lang}/DateExtractor: {hit}/{total} spans found"
