"""A count of two kinds of people at once ("50 وفاة وإصابة") is neither a toll nor a count of the injured."""
from __future__ import annotations

import pytest

from checker.values.quantities import concepts_compatible
from checker.values.reader import extract_values


def _units(text: str, lang: str) -> list[tuple[str, str | None]]:
    return [(v.text, v.unit) for v in extract_values(text, lang) if v.type == "quantity"]


@pytest.mark.parametrize("text, lang, expected", [
    ("50 وفاة وإصابة بحادث مروري على طريق هجرة خريص", "ar", [("50 وفاة", "casualty")]),
    ("سقوط 100 قتيل وجريح في الانفجار", "ar", [("100 قتيل", "casualty")]),
    ("the blast left 40 dead and injured on Sunday", "en", [("40 dead", "casualty")]),
    ("on compte 12 morts et blessés après l'explosion", "fr", [("12 morts", "casualty")]),
    # each noun heads its own count: two facts, each with its role
    ("9 قتلى ونحو 50 جريحًا في حادث", "ar", [("9 قتلى", "death"), ("ونحو 50 جريحًا", "injured")]),
    ("مقتل 5 أشخاص وإصابة 20 في الهجوم", "ar", [("5 أشخاص", "death"), ("20", "injured")]),
    # the same role twice is one role
    ("عثر على 13 جثة وجثمان في الموقع", "ar", [("13 جثة", "death")]),
])
def test_a_count_of_the_dead_and_the_injured_is_a_joint_count(text, lang, expected) -> None:
    assert _units(text, lang) == expected


def test_a_joint_count_meets_only_another() -> None:
    assert concepts_compatible("casualty", "casualty")
    assert not concepts_compatible("casualty", "death")
    assert not concepts_compatible("casualty", "person")
    assert not concepts_compatible("casualty", "injured")
