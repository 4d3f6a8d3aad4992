"""A spelling that is a word of the language (it takes the article in real text) against a transliterated name."""
from __future__ import annotations

import pytest

from checker.names.mentions import thresholds
from checker.names.words import definite_frequency, glued_frequency, readings, verb_frequency
from tests.names.test_variants import _variants


@pytest.mark.parametrize("word", ["صاروخا", "صواريخ", "منافسيه", "كيماوية", "الانتحار", "التتويج", "الكهف"])
def test_common_words_and_their_inflections_read_as_words(word: str) -> None:
    assert definite_frequency(word) >= thresholds()["common_word"], (word, readings(word))


@pytest.mark.parametrize("word", ["بوتين", "ترامب", "ترمب", "سكريبال", "سيرغي", "سالزبوري", "بنزيما", "فالديسي"])
def test_transliterated_names_do_not(word: str) -> None:
    assert definite_frequency(word) < thresholds()["common_word"], (word, readings(word))


def test_readings_take_off_endings_not_a_names_first_letter() -> None:
    assert "صاروخ" in readings("صاروخا")  # the accusative's alif
    assert "كيمياوي" in readings("كيمياوية")  # a feminine nisba's masculine
    assert "منافس" in readings("منافسيه")  # an attached pronoun
    assert readings("بوتين") == ["بوتين"]  # ب is the name's, not a preposition
    assert "مكون" not in readings("مكونو")  # a name's final و is no plural ending


@pytest.mark.parametrize("first, second", [
    # inflections of one common word, each beside a common word that agrees in both articles
    ("أطلق الحوثيون صاروخا باليستيا على الرياض.", "أطلق الحوثيون صواريخ باليستية على الرياض."),
    # a broken plural, and a past verb with its feminine beside it
    ("وسقط نيزك ضخم في سيبيريا.", "وسقطت نيازك ضخمة في سيبيريا."),
])
def test_one_common_words_grammar_is_no_variant(first: str, second: str) -> None:
    assert _variants(first, second) == []


def test_a_name_beside_a_common_word_stays_a_variant() -> None:
    found = _variants("وقال الرئيس الروسي فلاديمير بوتين إن بلاده سترد.",
                      "وقال الرئيس الروسي فلاديمير بوتن إن بلاده سترد.")
    assert len(found) == 1, found


# --- verbs: they take no article, so their imperfect tells them -------------------------------------------------

@pytest.mark.parametrize("word", ["غادرت", "غمرت", "وغمرت", "تولاه", "تصدى", "تنشروا", "أعلنت", "وأرسلوا",
                                  # form IV of a root opening with و, and hollow form IV pasts
                                  "أوردت", "وأوردت", "أوقفت", "أفادت", "وأفادت", "أشاروا"])
def test_past_verbs_read_as_verbs(word: str) -> None:
    assert verb_frequency(word) >= thresholds()["verb_word"], word


@pytest.mark.parametrize("word", ["بوتين", "بيروت", "الكويت", "موسى", "مصطفى", "أوتاوا", "سقطرى", "مانيه", "كيرتش", "أحمد",
                                  "ألبرت"])
def test_names_with_a_verbs_ending_do_not(word: str) -> None:
    assert verb_frequency(word) < thresholds()["verb_word"], word


@pytest.mark.parametrize("word", ["برصاص", "بجراح", "بجروح", "وبجروح", "برصيد"])
def test_a_common_noun_behind_a_glued_preposition_reads_as_a_word(word: str) -> None:
    assert glued_frequency(word) >= thresholds()["dictionary_word"] - 0.1, word


@pytest.mark.parametrize("word", ["برايز", "بوتين", "لندن", "كمال", "بيروت", "برشلونة", "بكين", "ليفربول", "كابول",
                                  "بايرن", "لوران", "بلجيكا"])
def test_names_opening_with_a_prepositions_letter_do_not(word: str) -> None:
    assert glued_frequency(word) < thresholds()["common_word"], word


@pytest.mark.parametrize("first, second", [
    # a common noun behind "ب" (with bullets) beside a rare word, against a name of one key (Price)
    ("وقال الطبيب إن الطفل أصيب برصاص متفجر في الرأس.", "وكتب المؤرخ كينيث برايز في سيرته عن الحرب."),
    # "غمرت" is rare enough for a name and both verbs stand before "المنازل": only the verb reading tells them
    ("وقالت الوكالة إن السيول غمرت المنازل في الجزيرة.", "وقالت الوكالة إن العائلات غادرت المنازل في الجزيرة."),
])
def test_two_forms_of_verbs_are_no_variant(first: str, second: str) -> None:
    assert _variants(first, second) == []
