"""Golden quantities per language (tests/values/golden/quantities_<lang>.json) and the rules around them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.model import Quantity
from checker.values.quantities import about_interval, concepts_compatible, describe, extract_quantities
from checker.values.reader import extract_values

GOLDEN = Path(__file__).parent / "golden"
FIELDS = ("text", "value", "low", "high", "unit", "modifier", "ordinal")


def _cases(lang: str) -> list[dict]:
    return json.loads((GOLDEN / f"quantities_{lang}.json").read_text(encoding="utf-8"))


def _row(q: Quantity) -> dict:
    return {f: getattr(q, f) for f in FIELDS}


def _expected(row: dict) -> dict:
    return {f: row.get(f, False if f == "ordinal" else None) for f in FIELDS}


@pytest.mark.parametrize(
    "lang,case", [(lang, case) for lang in ("ar", "en", "fr") for case in _cases(lang)], ids=lambda c: str(c)[:40]
)
def test_golden(lang: str, case: dict) -> None:
    got = [_row(q) for q in extract_quantities(case["text"], lang)]
    want = [_expected(e) for e in case["expect"]]
    assert got == want, f"\n{case['text']}\n got: {got}\nwant: {want}"


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_spans_index_the_text_given(lang: str) -> None:
    for case in _cases(lang):
        for q in extract_quantities(case["text"], lang):
            assert case["text"][q.start:q.end] == q.text


def test_offsets_survive_diacritics_and_tatweel() -> None:
    text = "قُتِلَ أكثرُ من ستينَ شخصاً في الـــدورة"
    [q] = extract_quantities(text, "ar")
    assert text[q.start:q.end] == q.text and q.value == 60 and q.unit == "person", q


@pytest.mark.parametrize(
    "stated,actual,accepted",
    [
        (35, 34.6, True), (35, 43.6, False), (12, 11.7, True), (110, 112, True), (9000, 12000, False),
        (42000, 52418, False), (650000, 648320, True), (49, 48.7, True), (1000, 1100, True), (1000, 1200, False),
    ],
)
def test_about_tolerance(stated: float, actual: float, accepted: bool) -> None:
    low, high = about_interval(stated)
    assert (low <= actual <= high) is accepted, f"about {stated} -> [{low}, {high}] vs {actual}"


@pytest.mark.parametrize(
    "text,lang",
    [("في عام 2024", "ar"), ("يوم 24 نونبر", "ar"), ("على الساعة 23h52", "ar"), ("الساعة الحادية عشرة", "ar"),
     ("(2022- 2025)", "ar"), ("2026-2029", "ar"), ("at 2252 GMT", "en"), ("in 2024", "en"), ("COVID-19", "en"),
     ("flight A320", "en"), ("le 24 mai", "fr"), ("en 2025", "fr"), ("call +212 600 000 000", "en"),
     ("أي واحد تفضل؟", "ar"), ("le troisième homme", "fr"), ("24/11/2023", "fr")],
)
def test_not_quantities(text: str, lang: str) -> None:
    assert extract_quantities(text, lang) == [], [q.text for q in extract_quantities(text, lang)]


@pytest.mark.parametrize("text,value,unit", [
    ("أسفر الانفجار عن25  شخصا", 25, "person"),  # a space dropped after a preposition
    ("في الدقيقة74", 74, "minute"),  # ... after a counted noun
    ("فقدان 111 تلميذة", 111, "student"),  # a feminine singular after 11-99
    ("أكثر من 100 فتاة", 100, "woman"),
    ("أدى إلى مقتل52  شخصا", 52, "person"),  # ... after a word of what happened to people
    ("إن المهاجم في السادسة والعشرين من عمره", 26, "year"),  # an ordinal age is a count of years
])
def test_words_a_desk_writes(text: str, value: float, unit: str) -> None:
    [quantity] = extract_quantities(text, "ar")
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize("text,value", [
    ("حصل على 03ر33 بالمائة من الأصوات", 33.03),  # the Saudi Press Agency's reversed decimal
    ("بلغت الصادرات 935ر6 مليون برميل يوميا", 6.935e6),  # ... three digits before a scale: a decimal
    ("بلغ الإنتاج 6.935 مليون برميل", 6.935e6),  # a dot before "million" too, in a paper that groups with dots
    ("ارتفعت الحرارة بمقدار 88ر0 درجة مئوية", 0.88),
    ("يستفيد منها (000ر22) حاج", 22000),  # three digits and no scale: thousands
    ("وحضر 8.340 شخصا", 8340),
])
def test_decimal_and_thousands_marks_of_gulf_copy(text: str, value: float) -> None:
    [quantity] = extract_quantities(text, "ar")
    assert quantity.value == pytest.approx(value)


def test_a_list_that_leaves_out_the_count_head_counts_its_role_noun() -> None:
    quantities = extract_quantities("وقال مصدر إن عدد القتلى بلغ 26 شخصا والمصابين 28.", "ar")
    assert [(q.value, q.unit) for q in quantities] == [(26, "person"), (28, "injured")]
    assert extract_quantities("وصل في الساعة 10 صباحا", "ar") == []  # a definite noun that is no role: no count


@pytest.mark.parametrize("text,units", [
    # "and the…" after a number opens the list's next item: 58 is what the count head before it names
    ("ارتفع عدد القتلى إلى 58 والجرحى إلى 2771", [(58, "death"), (2771, "injured")]),
    # a count head carrying a pronoun names the noun before it
    ("أفرجت السلطات عن المعتقلين البالغ عددهم 50 أمس", [(50, "suspect")]),
    ("وصل المهاجرين الذين يبلغ عددهم 300 إلى الشاطئ", [(300, "migrant")]),
])
def test_what_a_count_head_names(text: str, units: list) -> None:
    assert [(q.value, q.unit) for q in extract_values(text, "ar") if q.type == "quantity"] == units


@pytest.mark.parametrize("text,unit", [
    ("تضخيم الأرباح بمقدار 151.8 مليار ين", "money:JPY"),
    ("استثمرت الصين 20 مليار يوان", "money:YUAN"),
    ("une perte de 150 milliards de yens", "money:JPY"),
])
def test_currencies_of_asia(text: str, unit: str) -> None:
    [quantity] = extract_quantities(text, "fr" if text.startswith("une") else "ar")
    assert quantity.unit == unit


def test_a_clitic_leaves_a_stem_of_three_letters() -> None:
    # "بين" is "between", never "ب" + "ين" (yen); "لكم" is "for you", never kilometres
    assert [q.unit for q in extract_quantities("أسفرت عن مقتل 10 بين المدنيين", "ar")] == [None]
    assert [q.unit for q in extract_quantities("قال إن 5 لكم", "ar")] == [None]


def test_a_word_in_ra_glued_to_digits_is_no_decimal() -> None:
    assert [q.value for q in extract_quantities("وصل 5رجال و3 نساء", "ar")] == [5, 3]


@pytest.mark.parametrize("text,low,high", [
    ("يغيب بين ستة وثمانية أسابيع", 6, 8),  # the range's "و" written on the second number word
    ("ما بين ستة وعشرة أشخاص", 6, 10),  # six and ten, never "sixteen" (ستة عشر)
    ("بين عشرة وعشرين شخصا", 10, 20),
    ("between six and eight weeks", 6, 8),
])
def test_a_range_of_number_words(text: str, low: float, high: float) -> None:
    [quantity] = extract_quantities(text, "en" if text.isascii() else "ar")
    assert (quantity.low, quantity.high) == (low, high)


@pytest.mark.parametrize("text,value", [("ستة عشر شخصا", 16), ("ست عشرة امرأة", 16), ("خمسة وعشرين شخصا", 25),
                                        ("مئة وعشرة أشخاص", 110)])
def test_compound_numbers_still_join(text: str, value: float) -> None:
    [quantity] = extract_quantities(text, "ar")
    assert quantity.value == value


@pytest.mark.parametrize("text,unit", [("تسجيل حالتين جديدتين", "case"), ("ولم تمض دقيقتان", "minute"),
                                       ("قتل طفلتين", "child"), ("على بعد مسافة كيلومترين", "kilometre")])
def test_the_dual_of_a_noun_in_ta_marbuta_counts_two(text: str, unit: str) -> None:
    [quantity] = extract_quantities(text, "ar")
    assert (quantity.value, quantity.unit) == (2, unit)


@pytest.mark.parametrize("text", ["طائرات إف16", "مقاتلات واف15", "لقاح كوفيد19"])
def test_a_code_glued_to_digits_is_no_count(text: str) -> None:
    assert extract_quantities(text, "ar") == [], [q.text for q in extract_quantities(text, "ar")]


def test_no_value_spans_a_newline() -> None:
    assert all("\n" not in q.text for q in extract_quantities("أكثر من\n60 دولة و\n3 آلاف", "ar"))


@pytest.mark.parametrize(
    "a,b,ok",
    [("person", "migrant", True), ("migrant", "death", True), ("person", "survivor", True), ("death", "injured", False),
     ("country", "person", False), ("country", "country", True), ("child", "woman", False), (None, "person", False)],
)
def test_concepts_compatible(a, b, ok) -> None:
    assert concepts_compatible(a, b) is ok and concepts_compatible(b, a) is ok


def test_describe() -> None:
    [more] = extract_quantities("أكثر من 60 دولة", "ar")
    [about] = extract_quantities("نحو 35 في المائة", "ar")
    assert describe(more) == "more than 60 country"
    assert describe(about) == "≈35 percent (33.25–36.75)"


@pytest.mark.parametrize("text", ["", " ", "\n", "و", "٫٬،", "1" * 5000, "-" * 100, "ال", "%%%"])
def test_degenerate_inputs(text: str) -> None:
    assert isinstance(extract_quantities(text, "ar"), list)
