"""How rare a word is as a name: readings grammar forbids do not make a name a common word."""
from __future__ import annotations

import pytest

from checker.names.mentions import name_rarity, thresholds
from checker.values.entities import rarity, zipf


def test_a_name_opening_like_a_preposition_stays_rare() -> None:
    # Pogba: not ب + "وجبا" (an accusative behind a preposition), so not the verb "وجب"
    assert name_rarity("بوجبا") < thresholds()["rare"] <= rarity("بوجبا")


def test_a_preposition_takes_no_nominative_ending() -> None:
    # Paulo: ب + "اولو" read as the nominative "اول" is dropped; the word as written stays a reading
    assert zipf("باولو", "ar") <= name_rarity("باولو") < rarity("باولو")


@pytest.mark.parametrize("word", [
    "هجوما",  # the accusative alif with no clitic in front is grammar
    "للصواريخ",  # a preposition with the article before a plural
    "بالصاروخ",
    "وحازم",  # a conjunction governs nothing: "حازم" is read
    "ستطرد",  # an imperfect verb's prefix
])
def test_a_common_word_behind_a_clitic_stays_common(word: str) -> None:
    assert name_rarity(word) >= thresholds()["rare"]
