"""Integrity of the number, modifier and unit lexicons (checker/lexicon/<lang>/{numbers,modifiers,units}.yaml)."""
from __future__ import annotations

import pytest

from checker import lexicon
from checker.values.numbers import phrase_key
from checker.values.quantities import declared_concepts

LANGS = ("ar", "en", "fr")
NUMBER_KEYS = {"separators", "cardinals", "hundreds", "scales", "ordinals", "fractions", "vague", "connectors",
               "months", "year_heads", "time_heads", "proportion_links"}
MODIFIERS = {"more_than", "at_least", "less_than", "at_most", "about", "between", "vague"}


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_have_every_section(lang: str) -> None:
    missing = NUMBER_KEYS - set(lexicon.load(lang, "numbers"))
    assert not missing, f"{lang}/numbers.yaml lacks {sorted(missing)}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("section", ["cardinals", "scales", "duals", "ordinals", "fractions", "vague"])
def test_no_word_has_two_values(lang: str, section: str) -> None:
    seen: dict[str, tuple[str, float]] = {}
    for word, value in (lexicon.load(lang, "numbers").get(section) or {}).items():
        key = phrase_key(str(word))
        assert key not in seen or seen[key][1] == value, f"{lang}/{section}: {word!r}={value} and {seen[key]}"
        seen[key] = (str(word), value)


@pytest.mark.parametrize("lang", LANGS)
def test_units_use_declared_concepts_and_no_form_twice(lang: str) -> None:
    declared = declared_concepts()
    data = lexicon.load(lang, "units")
    owner: dict[str, str] = {}
    for concept, forms in data["nouns"].items():
        base = concept.split(":")[0]
        assert base == "money" or concept in declared, f"{lang}/units.yaml: {concept!r} is not in common/concepts.yaml"
        for form in forms:
            key = phrase_key(form)
            assert owner.get(key, concept) == concept, f"{lang}: {form!r} maps to {owner[key]!r} and {concept!r}"
            owner[key] = concept
    for concept in ([*(data.get("ordinal_heads") or {}), *(data.get("duals") or {})]
                    + list((data.get("symbols") or {}).values())):
        assert concept.startswith("money:") or concept in declared, f"{lang}: {concept!r} undeclared"


@pytest.mark.parametrize("lang", LANGS)
def test_modifiers_are_canonical(lang: str) -> None:
    data = lexicon.load(lang, "modifiers")
    used = set(data["before"].values()) | set((data.get("after") or {}).values())
    assert used <= MODIFIERS, f"{lang}/modifiers.yaml uses {sorted(used - MODIFIERS)}"
    assert data["range_open"], f"{lang}/modifiers.yaml has no range openers"
