"""Integrity of checker/lexicon/<lang>/dates.yaml: what the date extractor assumes of its data."""
from __future__ import annotations

import pytest

from checker.lexicon import LANGS, load
from checker.values.dates import _key

UNITS = {"week", "month", "year"}


def _names(lang: str) -> dict[str, dict[str, int]]:
    """Every month name of `lang` by table: each family, the variants and the abbreviations."""
    data = load(lang, "dates")
    tables = {f"months.{family}": names for family, names in data["months"].items()}
    tables["month_variants"] = data.get("month_variants") or {}
    tables["abbreviations"] = data.get("abbreviations") or {}
    return tables


@pytest.mark.parametrize("lang", LANGS)
def test_every_family_names_twelve_months(lang: str) -> None:
    for family, names in load(lang, "dates")["months"].items():
        assert sorted(names.values()) == list(range(1, 13)), f"{lang} {family}: months {sorted(names.values())}"


@pytest.mark.parametrize("lang", LANGS)
def test_month_numbers_are_months(lang: str) -> None:
    for table, names in _names(lang).items():
        bad = {name: n for name, n in names.items() if n not in range(1, 13)}
        assert not bad, f"{lang} {table}: not a month number: {bad}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_name_means_two_months(lang: str) -> None:
    """Names are compared as the extractor reads them (folded), across every table of the language."""
    seen: dict[str, tuple[int, str]] = {}
    for table, names in _names(lang).items():
        for name, month in names.items():
            key = _key(name)
            if key in seen:
                assert seen[key][0] == month, f"{lang}: {name!r} is {month} in {table} but {seen[key][0]} in {seen[key][1]}"
            seen[key] = (month, table)


def test_no_name_means_two_months_across_languages() -> None:
    """The extractor merges the three languages' tables, so a name must mean one month in all of them."""
    seen: dict[str, tuple[int, str]] = {}
    for lang in LANGS:
        for names in _names(lang).values():
            for name, month in names.items():
                previous = seen.setdefault(_key(name), (month, lang))
                assert previous[0] == month, f"{name!r}: {month} in {lang}, {previous[0]} in {previous[1]}"


@pytest.mark.parametrize("lang", LANGS)
def test_seven_weekdays(lang: str) -> None:
    weekdays = load(lang, "dates")["weekdays"]
    assert sorted(weekdays.values()) == list(range(1, 8)), f"{lang}: weekday numbers {sorted(weekdays.values())}"


@pytest.mark.parametrize("lang", LANGS)
def test_relative_words_are_well_formed(lang: str) -> None:
    data = load(lang, "dates")
    for word, offset in data["relative_days"].items():
        assert isinstance(offset, int) and abs(offset) <= 2, f"{lang} relative_days {word!r}: {offset!r}"
    for phrase, period in data["relative_periods"].items():
        assert period["unit"] in UNITS and isinstance(period["offset"], int), f"{lang} {phrase!r}: {period}"
    for where in ("markers_after", "markers_before"):
        assert set(data[where]) == {"past", "future"}, f"{lang} {where}: {sorted(data[where])}"
    assert set(data["range"]) >= {"from", "between", "to", "and"}, f"{lang} range: {sorted(data['range'])}"


@pytest.mark.parametrize("lang", LANGS)
def test_markers_are_not_both_past_and_future(lang: str) -> None:
    data = load(lang, "dates")
    for where in ("markers_after", "markers_before"):
        both = {_key(w) for w in data[where]["past"]} & {_key(w) for w in data[where]["future"]}
        assert not both, f"{lang} {where}: both past and future: {both}"
