"""Units of one dimension are compared after conversion: ten kilometres are ten thousand metres."""
from __future__ import annotations

import pytest

from checker.compare import relation
from checker.model import Mention
from checker.values.reader import extract_values, units_compatible
from checker.values.units import dimension_of, unit_factor


def _mention(text: str, lang: str, n: int) -> Mention:
    [value] = [v for v in extract_values(text, lang) if v.type == "quantity"]
    return Mention(id=f"m{n}", article_id=f"a{n}", claim_id=f"c{n}", source="x", value=value)


# Within the tolerance of an equivalent a conversion is no finding (None): whoever converts rounds.
@pytest.mark.parametrize("a, b, expected", [
    (("على بعد عشرة كيلومترات من المطار", "ar"), ("على بعد 10 آلاف متر من المطار", "ar"), None),
    (("على بعد عشرة كيلومترات من المطار", "ar"), ("à 300 mètres de la piste", "fr"), "contradiction"),
    (("استمر الاجتماع ساعتين", "ar"), ("the meeting lasted 120 minutes", "en"), None),
    (("استمر الاجتماع ساعتين", "ar"), ("the meeting lasted 40 minutes", "en"), "contradiction"),
    (("صادرت الشرطة 2 طن من المخدرات", "ar"), ("police seized about 2,100 kilograms of drugs", "en"), None),
    (("a flood covering 500 hectares", "en"), ("a flood covering 5 square kilometres", "en"), None),
    (("the storm moved 40 miles inland", "en"), ("la tempête a avancé de 64 km", "fr"), None),
    (("the storm moved 40 miles inland", "en"), ("la tempête a avancé de 80 km", "fr"), "contradiction"),
])
def test_a_measure_in_another_unit_is_converted(a: tuple, b: tuple, expected: str) -> None:
    assert relation(_mention(*a, 1), _mention(*b, 2)) == expected


def test_units_of_other_dimensions_never_meet() -> None:
    assert unit_factor("kilometre", "kilogram") is None
    assert unit_factor("month", "day") is None  # a month's days vary: no constant
    assert not units_compatible("kilometre", "hour")
    assert units_compatible("kilometre", "metre")
    assert unit_factor("kilometre", "metre") == 1000 and unit_factor("metre", "kilometre") == 0.001
    assert dimension_of("tonne") == dimension_of("gram") == "mass" and dimension_of("person") is None


def test_every_converted_unit_is_a_declared_concept() -> None:
    from checker.lexicon import load_shared
    from checker.values.quantities import declared_concepts

    units = {unit for table in load_shared("conversions").values() for unit in table}
    assert units <= declared_concepts()
