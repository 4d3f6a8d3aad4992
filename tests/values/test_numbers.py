"""Digit runs and number words read by checker.values.numbers."""
from __future__ import annotations

import pytest

from checker.values.numbers import decimal_marks, number_lexicon, read_digits
from checker.values.quantities import extract_quantities


@pytest.mark.parametrize(
    "run,lang,value",
    [("2,500", "ar", 2500), ("2.500", "fr", 2500), ("2 500", "fr", 2500), ("2\u066c500", "ar", 2500),
     ("1.460", "ar", 1460), ("1.137", "fr", 1137), ("51.4", "ar", 51.4), ("6,1", "ar", 6.1), ("48,7", "fr", 48.7),
     ("4,8", "fr", 4.8), ("19.00", "en", 19), ("1.234.567", "fr", 1234567), ("1,234,567.89", "en", 1234567.89),
     ("1.111,11", "fr", 1111.11), ("12\u060c220,13", "ar", 12220.13), ("2\u066b5", "ar", 2.5), ("0.125", "ar", 0.125)],
)
def test_digit_runs(run: str, lang: str, value: float) -> None:
    reading = read_digits(run, number_lexicon(lang))
    assert reading.grouped and reading.pieces[0][2] == pytest.approx(value), reading


def test_dot_with_three_digits_is_decimal_when_the_text_writes_dot_decimals() -> None:
    evidence = decimal_marks("ارتفعت بـ 12.1 في المائة ثم 1.460")
    assert read_digits("1.460", number_lexicon("ar"), evidence).pieces[0][2] == pytest.approx(1.46)


def test_badly_grouped_runs_are_not_one_number() -> None:
    assert not read_digits("192.168.1.2", number_lexicon("en")).grouped


@pytest.mark.parametrize(
    "text,lang,value",
    [("ثلاثة", "ar", 3), ("ثلاث مئة", "ar", 300), ("ثلاثمائة", "ar", 300), ("سبعمائة", "ar", 700),
     ("عشرون", "ar", 20), ("عشرين", "ar", 20), ("ألفان", "ar", 2000), ("ألفين وخمسمائة", "ar", 2500),
     ("ثمانية وثلاثين", "ar", 38), ("واحد وعشرين", "ar", 21), ("سبع وعشرون", "ar", 27), ("أربعة عشر", "ar", 14),
     ("مليونان", "ar", 2e6), ("3 آلاف", "ar", 3000), ("2.5 مليون", "ar", 2.5e6), ("12.1 مليار", "ar", 12.1e9),
     ("62 ألف", "ar", 62000), ("مائة وستة عشر", "ar", 116), ("اثني عشر مليار", "ar", 12e9),
     ("Twenty-one", "en", 21), ("Forty-seven", "en", 47), ("Thirty-eight", "en", 38), ("2.5 million", "en", 2.5e6),
     ("two thousand, five hundred", "en", 2500), ("trente-huit", "fr", 38), ("cinq", "fr", 5),
     ("soixante-deux mille", "fr", 62000), ("cinq cents", "fr", 500), ("quatre-vingt-dix-sept", "fr", 97),
     ("soixante et onze", "fr", 71), ("2,5 millions", "fr", 2.5e6), ("un million un", "fr", 1000001)],
)
def test_number_words(text: str, lang: str, value: float) -> None:
    got = [q.value for q in extract_quantities(text, lang)]
    assert got == [pytest.approx(value)], f"{text!r} read as {got}"


@pytest.mark.parametrize(
    "text,lang,value",
    [("الدورة الـ93", "ar", 93), ("الدورة الـ 93", "ar", 93), ("الدورة الثالثة والتسعين", "ar", 93),
     ("المركز الحادي والعشرون", "ar", 21), ("المركز السابع والأربعين", "ar", 47), ("the 93rd edition", "en", 93),
     ("la 93e édition", "fr", 93), ("la 3e journée", "fr", 3)],
)
def test_ordinals(text: str, lang: str, value: float) -> None:
    [q] = extract_quantities(text, lang)
    assert q.ordinal and q.value == value, q


@pytest.mark.parametrize(
    "text,lang,value",
    [("نصف السكان", "ar", 50), ("ربع السكان", "ar", 25), ("ثلث السكان", "ar", 100 / 3),
     ("ثلاثة أرباع الضحايا", "ar", 75), ("3 من كل 4 ضحايا", "ar", 75), ("three in four victims", "en", 75),
     ("un tiers des électeurs", "fr", 100 / 3), ("75 في المائة", "ar", 75), ("75 بالمئة", "ar", 75),
     ("75 بالمائة", "ar", 75), ("75 pour cent", "fr", 75), ("75 percent", "en", 75)],
)
def test_shares_are_percentages(text: str, lang: str, value: float) -> None:
    [q] = extract_quantities(text, lang)
    assert q.unit == "percent" and q.value == pytest.approx(value), q


@pytest.mark.parametrize(
    "text,lang,value",
    [  # dozens count what stands before them
     ("three dozen eggs", "en", 36), ("half a dozen", "en", 6), ("three hundred and two dozens", "en", 324),
     ("trois douzaines", "fr", 36), ("2 douzaines", "fr", 24), ("ثلاث دزينات", "ar", 36), ("نصف دزينة", "ar", 6),
     ("ثلاث مائة ودزينتين", "ar", 324),
     # spoken decimals, and a scale after them
     ("two hundred point zero three", "en", 200.03), ("minus five point five", "en", -5.5),
     ("one point five million", "en", 1.5e6), ("deux cent virgule cinquante deux", "fr", 200.52),
     ("ثلاثة فاصلة خمسة", "ar", 3.5),
     # shorthand, Indian English, a leading decimal mark, invisible bidi marks around a separator
     ("2.33 k", "en", 2330), ("10k", "en", 10000), ("13 lakh", "en", 1.3e6), ("6 crore", "en", 6e7),
     ("12,34,567.89", "en", 1234567.89), (".08", "en", 0.08), (",08", "fr", 0.08),
     ("25799\u202a,\u202a52", "ar", 25799.52),
     # "half a million", "a hundred": the article inside a compound
     ("half a million", "en", 5e5), ("a hundred", "en", 100),
     # Arabic duals of scales, and the same form after a count (accusative singular)
     ("مليارا دولار", "ar", 2e9), ("ملياري دولار", "ar", 2e9), ("مليارين", "ar", 2e9), ("مليونا دولار", "ar", 2e6),
     ("12 مليارا", "ar", 12e9), ("اثنا عشر مليارا", "ar", 12e9), ("12 مليونا", "ar", 12e6)],
)
def test_number_grammar(text: str, lang: str, value: float) -> None:
    got = [q.value for q in extract_quantities(text, lang)]
    assert got == [pytest.approx(value)], f"{text!r} read as {got}"


@pytest.mark.parametrize(
    "text,lang",
    [("a little girl was killed", "en"), ("an old man", "en"),
     ("une douzaine de blessés", "fr")],
)
def test_articles_are_not_exact_counts(text: str, lang: str) -> None:
    """"a" is 1 only inside a compound; "une douzaine" is about twelve, never exactly 12."""
    assert all(q.low != q.high or q.value != 1 and q.value != 12 for q in extract_quantities(text, lang))


@pytest.mark.parametrize(
    "text,lang,values",
    [("In 2019 hundreds of people died", "en", [100]), ("3 hundred and 0 people", "en", [300, 0]),
     ("at one point three men entered", "en", [1, 3]), ("He was born in 1899", "en", []),
     ("I want to earn $2000", "en", [2000])],
)
def test_years_zeros_and_idioms(text: str, lang: str, values: list[float]) -> None:
    assert [q.value for q in extract_quantities(text, lang)] == values


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
@pytest.mark.parametrize("section", ["multipliers", "multiplier_duals", "spaced_scale_suffixes"])
def test_new_sections_have_one_value_per_word(lang: str, section: str) -> None:
    from checker import lexicon
    from checker.values.numbers import phrase_key

    seen: dict[str, float] = {}
    for word, value in (lexicon.load(lang, "numbers").get(section) or {}).items():
        key = phrase_key(str(word))
        assert seen.get(key, value) == value, f"{lang}/{section}: {word!r} has two values"
        seen[key] = value
