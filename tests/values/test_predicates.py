"""A generic count of people takes the role its clause names: dead, injured, missing, rescued, arrested."""
from __future__ import annotations

import pytest

from checker.lexicon import LANGS, load, load_shared
from checker.values.reader import extract_values


def _units(text: str, lang: str) -> list[tuple[float, str | None]]:
    return [(v.value, v.unit) for v in extract_values(text, lang) if v.type == "quantity"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_cue_names_a_person_role(lang: str) -> None:
    roles = set(load_shared("concepts")["person_roles"])
    assert set(load(lang, "predicates")) <= roles


@pytest.mark.parametrize("text, lang, units", [
    ("موجة حر قاتلة تودي بحياة 16 شخصا في جنوب العراق", "ar", [(16, "death")]),
    ("انتشلت فرق الإنقاذ 21 جثة وأنقذت 47 شخصا، فيما تحدثت السلطات عن 44 مفقودا", "ar",
     [(21, "death"), (47, "rescued"), (44, "missing")]),
    # "others" counts people: the role comes from its own clause ("وإصابة 30 آخرين": injured).
    ("أودى الحادث بحياة 16 شخصا وإصابة 30 آخرين", "ar", [(16, "death"), (30, "injured")]),
    ("ارتفعت حصيلة القتلى إلى 25 بعد انتشال جثث جديدة", "ar", [(25, "death")]),
    ("The death toll rose to 25 on Monday", "en", [(25, "death")]),
    ("Le bilan des morts s'élève à 25", "fr", [(25, "death")]),
    ("Twenty-one bodies have been recovered and at least 40 people are missing", "en", [(21, "death"), (40, "missing")]),
    ("Police arrested 120 people in the raid", "en", [(120, "suspect")]),
    ("L'accident a fait 12 personnes blessées", "fr", [(12, "injured")]),
    # No cue in the clause: the count stays generic; a cue beyond the comma belongs to another clause.
    ("حررت قوات الأمن ما يزيد عن ألف شخص من مجمع للاحتيال", "ar", [(1000, "person")]),
    ("Some 300 people gathered, and two were killed", "en", [(300, "person"), (2, "death")]),
    # A cue after a coordinator opens the next clause: it names the next count's people, not this one's.
    ("الحادث الذي قتل فيه سبعة أشخاص وأصيب نحو 20 شخصا بجروح", "ar", [(7, "death"), (20, "injured")]),
    ("the crash in which seven people died and 20 were injured", "en", [(7, "death"), (20, "injured")]),
    ("l'accident a tué sept personnes et 20 ont été blessées", "fr", [(7, "death"), (20, "injured")]),
    # A vowelled verb is the same cue: diacritics sit inside the word.
    ("قُتِلَ 25 شخصاً في الهجوم", "ar", [(25, "death")]),
])
def test_generic_counts_take_their_clause_role(text: str, lang: str, units: list) -> None:
    assert _units(text, lang) == units


@pytest.mark.parametrize("text, lang, units", [
    # A count with no noun at all is of the people its clause's predicate names.
    ("قتل 12 وأصيب العشرات في الهجوم", "ar", [(12, "death"), (10, "injured")]),
    ("At least 12 were killed and dozens injured", "en", [(12, "death"), (12, "injured")]),
    # A count of a noun no lexicon lists keeps no role, whatever the clause says.
    ("قتل في انهيار مبنى من ثلاث طوابق", "ar", [(3, None)]),
])
def test_a_bare_count_takes_its_predicates_role(text: str, lang: str, units: list) -> None:
    assert _units(text, lang) == units


@pytest.mark.parametrize("text, lang, units", [
    # gapping: the second member of the list says neither the verb nor the noun
    ("وتم تأكيد مقتل 46 شخصا في أوتار براديش في الشمال، و31 في ولاية راجستان", "ar", [(46, "death"), (31, "death")]),
    ("The storms killed 46 people in Uttar Pradesh and 31 in Rajasthan", "en", [(46, "death"), (31, "death")]),
    ("Les tempêtes ont tué 46 personnes en Uttar Pradesh et 31 au Rajasthan", "fr", [(46, "death"), (31, "death")]),
    # no coordinator, a noun of its own, a sum (whose scale the bare number may not repeat), a bare list
    ("وصل 46 مهاجرا إلى الجزيرة، 31 منهم من سوريا", "ar", [(46, "migrant"), (31, None)]),
    ("وصل 46 مهاجرا إلى الجزيرة و31 قاربا", "ar", [(46, "migrant"), (31, "boat")]),
    ("بلغت الخسائر 5 ملايين دولار و3 في العام الماضي", "ar", [(5_000_000, "money:USD"), (3, None)]),
    ("في المادتين 5 و6 من القانون", "ar", [(5, None), (6, None)]),
])
def test_a_coordinated_count_takes_the_noun_it_leaves_unsaid(text: str, lang: str, units: list) -> None:
    assert _units(text, lang) == units
