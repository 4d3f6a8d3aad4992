"""Integrity of checker/lexicon/<lang>/roles.yaml and common/places.yaml: what the attribute extractor assumes."""
from __future__ import annotations

import pytest

from checker.lexicon import LANGS, load, load_shared
from checker.text import normalize_arabic
from checker.values.attributes import ROLES, _phrase

FILLERS = {"place", "country", "office"}
CUE_FIELDS = {"names", "words", "direct", "before", "skip", "preps", "adjective", "fillers"}
LISTS = ("events", "vessels", "other_events", "event_blockers", "press", "place_heads", "stops", "articles")


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_every_role(lang: str) -> None:
    assert set(load(lang, "roles")["roles"]) == set(ROLES), f"{lang}/roles.yaml: roles differ from {ROLES}"


@pytest.mark.parametrize("lang", LANGS)
def test_cues_are_well_formed(lang: str) -> None:
    data = load(lang, "roles")
    for name in LISTS:
        assert isinstance(data.get(name), list), f"{lang}/roles.yaml: `{name}` is not a list"
        assert all(isinstance(w, str) and w for w in data[name]), f"{lang}/roles.yaml: `{name}` has a non-word"
    for role, spec in data["roles"].items():
        assert set(spec["fillers"]) <= FILLERS, f"{lang} {role}: unknown fillers {spec['fillers']}"
        assert spec.get("context") in (None, "events", "vessels"), f"{lang} {role}: context {spec.get('context')}"
        for cue in spec["cues"]:
            assert set(cue) <= CUE_FIELDS, f"{lang} {role}: unknown cue fields {set(cue) - CUE_FIELDS}"
            assert cue["words"] and all(isinstance(w, str) and _phrase(w) for w in cue["words"]), f"{lang} {role}: {cue}"
            assert set(cue.get("fillers") or ()) <= set(spec["fillers"]) | FILLERS
            assert cue.get("direct") or cue.get("before") or cue.get("preps") or cue.get("adjective"), (
                f"{lang} {role}: cue {cue['words'][:3]} says nowhere where its filler is")
            assert 0 <= int(cue.get("skip", 0)) <= 8, f"{lang} {role}: skip {cue.get('skip')} is not a bounded window"


@pytest.mark.parametrize("lang", LANGS)
def test_no_cue_announces_two_roles(lang: str) -> None:
    seen: dict[tuple[str, ...], str] = {}
    for role, spec in load(lang, "roles")["roles"].items():
        for cue in spec["cues"]:
            for words in cue["words"]:
                key = _phrase(words)
                assert seen.setdefault(key, role) == role, f"{lang}: cue {words!r} is under {seen[key]} and {role}"


def test_offices_name_the_same_ranks_and_portfolios() -> None:
    offices = {lang: load(lang, "roles")["offices"] for lang in LANGS}
    for part in ("ranks", "portfolios"):
        ids = {lang: set(o[part]) for lang, o in offices.items()}
        assert ids["ar"] == ids["en"] == ids["fr"], f"office {part} differ between languages: {ids}"
    for lang, o in offices.items():
        assert o.get("deputy"), f"{lang}: no deputy words"
        for rank, spec in o["ranks"].items():
            assert spec["words"] and spec.get("needs") in (None, "portfolio", "country"), f"{lang} rank {rank}: {spec}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_portfolio_word_means_two_portfolios(lang: str) -> None:
    seen: dict[str, str] = {}
    for portfolio, words in load(lang, "roles")["offices"]["portfolios"].items():
        for word in words:
            key = _phrase(word)[0]
            key = key[2:] if key.startswith("ال") else key
            assert seen.setdefault(key, portfolio) == portfolio, f"{lang}: {word!r} is {seen[key]} and {portfolio}"


def _places() -> dict:
    return load_shared("places")


def _entries():
    data = _places()
    for section, kind in (("countries", "country"), ("cities", "city"), ("places", "place")):
        for key, entry in data[section].items():
            yield f"{kind}:{key}", entry


def test_every_place_has_names_in_every_language() -> None:
    for pid, entry in _entries():
        for lang in LANGS:
            names = entry.get(lang)
            assert names and all(isinstance(n, str) and n.strip() for n in names), f"{pid}: no {lang} name"


def test_every_place_lies_in_known_countries() -> None:
    countries = set(_places()["countries"])
    for pid, entry in _entries():
        if pid.startswith("country:"):
            continue
        country = entry["country"]
        codes = country if isinstance(country, list) else [country]
        assert set(codes) <= countries, f"{pid}: unknown country {codes}"
        if not codes:
            assert entry.get("type") == "area", f"{pid}: a place in no country must be an area"


def test_no_name_maps_to_two_ids() -> None:
    """Names as the extractor reads them (folded token forms); ambiguous names are listed as such instead."""
    ambiguous = {normalize_arabic(n) for n in _places()["ambiguous"]}
    seen: dict[tuple[str, ...], str] = {}
    for pid, entry in _entries():
        for lang in LANGS:
            for name in entry[lang]:
                key = _phrase(name)
                if len(key) == 1 and key[0] in ambiguous:
                    continue
                assert seen.setdefault(key, pid) == pid, f"{name!r} names both {seen[key]} and {pid}"


def test_no_adjective_names_two_countries() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for code, entry in _places()["countries"].items():
        for lang, adjectives in (entry.get("adj") or {}).items():
            assert lang in LANGS
            for adjective in adjectives:
                key = _phrase(adjective)
                assert seen.setdefault(key, code) == code, f"{adjective!r} is {seen[key]} and {code}"


def test_ambiguous_names_point_at_real_ids() -> None:
    ids = {pid for pid, _ in _entries()}
    for name, spec in _places()["ambiguous"].items():
        assert len(spec["ids"]) >= 2 and set(spec["ids"]) <= ids, f"{name}: {spec['ids']}"
        assert set(spec.get("marks", {}).values()) <= set(spec["ids"]), f"{name}: marks point elsewhere"


def test_gazetteer_is_general() -> None:
    """Every country of ISO 3166 that CLDR names, and cities of every continent, not a list fitted to a fixture."""
    data = _places()
    assert len(data["countries"]) >= 190
    assert len(data["cities"]) >= 300
    assert {"EG", "JO", "IQ", "LY", "TH", "ID", "FR", "US", "BR", "NG", "JP"} <= set(data["countries"])
