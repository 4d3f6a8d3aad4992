"""Edges of quantity reading found on real wire copy: changes are not ranges, tolerances are not negatives."""
from __future__ import annotations

import pytest

from checker.values.quantities import extract_quantities


def read(text: str, lang: str) -> list[tuple[str, float, float | None, float | None]]:
    return [(q.text, q.value, q.low, q.high) for q in extract_quantities(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    # "from X to Y" reports a change: the value now is Y, and X is a quantity of its own.
    ("رفع البنك العائد من 18 إلى 19.5%", "ar", [("18", 18, 18, 18), ("19.5%", 19.5, 19.5, 19.5)]),
    ("خفض سعر الفائدة بنقطة واحدة إلى 19% يوم الخميس", "ar", [("19%", 19, 19, 19)]),
    ("the bank cut its rate from 21% to 19%", "en", [("21%", 21, 21, 21), ("19%", 19, 19, 19)]),
    # Ranges stay ranges where the words say so.
    ("دفع كل راكب ما بين 4 و6 آلاف دولار", "ar", [("ما بين 4 و6 آلاف دولار", 4000, 4000, 6000)]),
    ("each paid between $4,000 and $6,000", "en", [("between $4,000 and $6,000", 4000, 4000, 6000)]),
    # "plus or minus 2 points" is a tolerance; "minus 5 degrees" is negative.
    ("a target of 7% plus or minus 2 percentage points", "en",
     [("7%", 7, 7, 7), ("minus 2 percentage points", 2, 2, 2)]),
    ("temperatures fell to minus 5 degrees", "en", [("minus 5 degrees", -5, -5, -5)]),
    # The article "a" before a number word is not the number one.
    ("the summit opened a three-day meeting", "en", [("three-day", 3, 3, 3)]),
])
def test_quantity_edges(text: str, lang: str, expected: list) -> None:
    assert read(text, lang) == expected


@pytest.mark.parametrize("text, lang, values", [
    # The article of a noun whose own number follows it is no count of one.
    ("Un séisme d'une magnitude de 6,3 sur l'échelle de Richter", "fr", [6.3]),
    # "un" before a counted noun is still one.
    ("Le bilan fait état d'un mort et de 2 blessés", "fr", [1.0, 2.0]),
])
def test_article_before_a_measured_noun(text: str, lang: str, values: list[float]) -> None:
    from checker.values.quantities import extract_quantities

    assert [q.value for q in extract_quantities(text, lang)] == values


@pytest.mark.parametrize("text, value", [
    # The construct dual needs its counted noun right after it; otherwise the alif is the accusative of one.
    ("بلغت قيمته مليارا دولار", 2e9),
    ("حضر المباراة ألفا مشجع", 2000),
    ("أنفقت الحكومة مليارا على المشروع.", 1e9),
    ("أنفقت الحكومة مليارا و200 مليون دولار", 1.2e9),
    ("بلغت الكلفة مليارا.", 1e9),
    ("بلغت 12 مليارا دولار", 12e9),
])
def test_tanwin_alif_or_construct_dual(text: str, value: float) -> None:
    from checker.values.quantities import extract_quantities

    assert [q.value for q in extract_quantities(text, "ar")] == [value]


@pytest.mark.parametrize("text, lang, described", [
    # "et plus de" opens the next count; "et plus" alone closes this one.
    ("le bilan s'est alourdi à dix-sept morts et plus de 40 blessés", "fr", ["17 death", "more than 40 injured"]),
    ("dix-sept morts et plus.", "fr", ["at least 17 death"]),
    # A fraction that is part of a name: a round of a competition, a hyphenated prefix.
    ("فاز المنتخب في نصف النهائي على مصر", "ar", []),
    ("qualifiés pour le quart de finale", "fr", []),
    ("les biens d'équipement et les demi-produits", "fr", []),
    ("the quarter final", "en", []),
    # A fraction of a whole is a share.
    ("نصف الضحايا من الأطفال", "ar", ["50 percent"]),
])
def test_what_follows_a_number_word(text: str, lang: str, described: list[str]) -> None:
    from checker.values.quantities import describe, extract_quantities

    assert [describe(q) for q in extract_quantities(text, lang)] == described
