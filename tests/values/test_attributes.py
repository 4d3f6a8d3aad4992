"""Attributes: a role (proposer, chair, venue, departure) and its filler, keyed across scripts and languages."""
from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import Attribute
from checker.names.key import name_key
from checker.values.attributes import attribute_relation, describe, extract_attributes

# (lang, text, [(role, filler as written, filler_key)])
GOLDEN = [
    # proposer
    ("ar", "صندوق إقليمي لتمويل مشروعات تحلية المياه، اقترحها العراق خلال الاجتماع", [("proposer", "العراق", "country:IQ")]),
    ("ar", "وهي المبادرة التي اقترحتها مصر، على أن تُستكمل دراستها", [("proposer", "مصر", "country:EG")]),
    ("ar", "وجاءت العملية، التي أُطلقت بمبادرة من إندونيسيا وبتنسيق مع الإنتربول", [("proposer", "إندونيسيا", "country:ID")]),
    ("ar", "القرار الذي اقترحته جمهورية كوريا", [("proposer", "جمهورية كوريا", "country:KR")]),
    ("ar", "أطلقت المحادثات بمبادرة مصرية", [("proposer", "مصرية", "country:EG")]),
    ("ar", "ترأس نائب وزير الدفاع اجتماعا", [("chair", "نائب وزير الدفاع", "office:deputy_minister:defence")]),
    ("en", "The session was chaired by the deputy prime minister.", [("chair", "deputy prime minister", "office:deputy_prime_minister")]),
    ("ar", "اقترح الرئيس التونسي تعديل القانون", [("proposer", "الرئيس التونسي", "office:president@TN")]),
    ("en", "The operation was proposed by Thailand after months of intelligence-sharing.", [("proposer", "Thailand", "country:TH")]),
    ("en", "Egypt proposed the fund last year.", [("proposer", "Egypt", "country:EG")]),
    ("fr", "L'opération a été lancée à l'initiative de la France.", [("proposer", "France", "country:FR")]),
    # chair
    ("ar", "في اجتماع طارئ عقدته مساء الاثنين برئاسة وزير الكهرباء، تعطيل الدوام", [("chair", "وزير الكهرباء", "office:minister:electricity")]),
    ("ar", "وترأس رئيس مجلس الوزراء، مساء أمس، اجتماعا طارئا لخلية الأزمة", [("chair", "رئيس مجلس الوزراء", "office:prime_minister")]),
    ("ar", "وترأس أعمال القمة وزير المياه والري الأردني، بصفته رئيس الدورة", [("chair", "وزير المياه والري الأردني", "office:minister:water@JO")]),
    ("en", "The summit was chaired by Egypt's irrigation minister, whose country holds the presidency.", [("chair", "Egypt's irrigation minister", "office:minister:water@EG")]),
    ("en", "The meeting, chaired by the Jordanian minister of water and irrigation, ended.", [("chair", "Jordanian minister of water and irrigation", "office:minister:water@JO")]),
    ("fr", "La réunion, présidée par le ministre égyptien de l'Irrigation, a duré deux jours.", [("chair", "ministre égyptien de l'Irrigation", "office:minister:water@EG")]),
    # venue
    ("ar", "اختتام القمة الإقليمية للأمن المائي في البحر الميت بإعلان مشترك", [("venue", "البحر الميت", "place:dead_sea")]),
    ("ar", "أعمال القمة، التي استضافها مركز الملك الحسين بن طلال للمؤتمرات في منطقة البحر الميت بين 21 و23 نيسان", [("venue", "منطقة البحر الميت", "place:dead_sea")]),
    ("ar", "اختُتمت في العاصمة الأردنية عمّان، اليوم الخميس، أعمال القمة", [("venue", "العاصمة الأردنية عمّان", "city:amman")]),
    ("ar", "احتضنت عمّان أعمال القمة العربية", [("venue", "عمّان", "city:amman")]),
    ("ar", "المؤتمر الذي تستضيفه دولة الإمارات الشهر المقبل", [("venue", "دولة الإمارات", "country:AE")]),
    ("ar", "عقد الاجتماع في مدينة بويبيت الحدودية", [("venue", "مدينة بويبيت", "city:poipet")]),
    ("en", "Ministers wrapped up a regional water summit at the Dead Sea, about 55 km southwest of Amman, on Thursday.", [("venue", "Dead Sea", "place:dead_sea")]),
    ("en", "The summit was hosted by Amman.", [("venue", "Amman", "city:amman")]),
    ("en", "Ministers met at a summit held in the Jordanian capital Amman.", [("venue", "the Jordanian capital Amman", "city:amman")]),
    ("fr", "La conférence s'est tenue au Caire.", [("venue", "Caire", "city:cairo")]),
    ("fr", "La réunion à Amman a duré trois jours.", [("venue", "Amman", "city:amman")]),
    # departure
    ("ar", "وأفادت مصادر بأن القارب انطلق من شاطئ زوارة، غرب البلاد", [("departure", "شاطئ زوارة", "city:zuwara")]),
    ("ar", "فإن القارب انطلق فجر السبت من ميناء صبراتة الليبي، بعد أن دفع كل راكب", [("departure", "ميناء صبراتة الليبي", "city:sabratha")]),
    ("ar", "أبحر القارب من سواحل صبراتة", [("departure", "سواحل صبراتة", "city:sabratha")]),
    ("en", "The wooden fishing boat had left Zuwara, a coastal town west of Tripoli.", [("departure", "Zuwara", "city:zuwara")]),
    ("en", "The boat departed from Sabratha on Sunday.", [("departure", "Sabratha", "city:sabratha")]),
    ("fr", "Le bateau était parti de Zouara, selon l'OIM.", [("departure", "Zouara", "city:zuwara")]),
    ("ar", "غادر القارب ميناء جرجيس التونسي فجرا", [("departure", "ميناء جرجيس", "name:krks")]),
]

# Texts with a look-alike cue and no attribute to read.
TRAPS = [
    ("en", "The summit at the resort, about 55 km (35 miles) southwest of Amman, closed on Thursday."),  # Amman: a reference point
    ("ar", "على أن تُعرض تفاصيلها خلال الاجتماع التحضيري الذي عُقد في بغداد في 9 شباط"),  # another meeting
    ("en", "The previous summit in Cairo ended without a deal."),  # another meeting
    ("ar", "عقد الاجتماع في عمان"),  # Amman or Oman: no shadda, no country word
    ("ar", "ترأس رئيس الدورة الحالية الجلسة"),  # a head without a portfolio
    ("ar", "فاز برئاسة الولايات المتحدة قبل عامين"),  # won the presidency: no chair
    ("ar", "وساهم بقيادة ألمانيا إلى اللقب"),
    ("ar", "احتل القمة في كوريا الجنوبية لأسابيع"),  # the top of a chart, not a summit
    ("ar", "مبادرة تركي آل الشيخ تعيد الملاعب"),  # Turki, a man's name
    ("ar", "انطلقت المسيرة من ساحة التحرير"),  # no boat: no departure
    ("en", "The firm left Egypt in 2019."),  # no vessel
    ("ar", "بحث الاجتماع الأوضاع في سوريا"),  # the topic, not the venue
    ("en", "talks on the crisis in Syria"),
]


@pytest.mark.parametrize(("lang", "text", "expect"), GOLDEN, ids=[f"{c[0]}-{i}" for i, c in enumerate(GOLDEN)])
def test_golden(lang: str, text: str, expect: list[tuple[str, str, str]]) -> None:
    found = extract_attributes(text, lang)
    got = [(a.role, a.text, a.filler_key) for a in found]
    assert got == expect, f"{text!r}: read {got}, expected {expect}"
    for a in found:
        assert text[a.start:a.end] == a.text == a.filler


@pytest.mark.parametrize(("lang", "text"), TRAPS, ids=[f"{c[0]}-{i}" for i, c in enumerate(TRAPS)])
def test_traps(lang: str, text: str) -> None:
    found = [(a.role, a.text, a.filler_key) for a in extract_attributes(text, lang)]
    assert found == [], f"{text!r}: nothing to read, got {found}"


@pytest.mark.parametrize(("lang", "press", "meeting"), [
    ("ar", "وقال الوزير في مؤتمر صحفي في موسكو إن التصويت جرى بنزاهة.",
     "وقال الوزير في ختام القمة في موسكو إن التصويت جرى بنزاهة."),
    ("en", "The minister told a press conference in Moscow that the vote was fair.",
     "The minister told the summit in Moscow that the vote was fair."),
    ("fr", "Le ministre a déclaré lors d'une conférence de presse à Moscou que le vote était juste.",
     "Le ministre a déclaré lors du sommet à Moscou que le vote était juste."),
])
def test_a_press_conference_has_no_venue(lang: str, press: str, meeting: str) -> None:
    # where someone spoke is not the story's gathering; the same sentence about a summit names its venue
    assert [a for a in extract_attributes(press, lang) if a.role == "venue"] == []
    assert [a.filler_key for a in extract_attributes(meeting, lang) if a.role == "venue"] == ["city:moscow"]


def _one(text: str, lang: str) -> Attribute:
    found = extract_attributes(text, lang)
    assert len(found) == 1, f"{text!r}: expected one attribute, got {found}"
    return found[0]


@pytest.mark.parametrize(("a", "b"), [
    (("ar", "انطلق القارب من شاطئ زوارة"), ("en", "The boat had left Zuwara.")),
    (("en", "The boat had left Zuwara."), ("fr", "Le bateau était parti de Zouara.")),
    (("ar", "اقترحتها مصر"), ("en", "The fund was proposed by Egypt.")),
    (("ar", "احتضنت عمّان أعمال القمة"), ("en", "The summit was held in Amman.")),
    (("ar", "القمة في البحر الميت"), ("fr", "Le sommet s'est tenu à la mer Morte.")),
])
def test_cross_script_keys_equal(a: tuple[str, str], b: tuple[str, str]) -> None:
    first, second = _one(a[1], a[0]), _one(b[1], b[0])
    assert first.filler_key == second.filler_key
    assert attribute_relation(first, second) == "agree"


@pytest.mark.parametrize(("a", "b", "relation"), [
    # the fixtures' conflicts
    (("ar", "انطلق القارب من شاطئ زوارة"), ("ar", "القارب انطلق من ميناء صبراتة"), "contradiction"),
    (("ar", "القارب انطلق من ميناء صبراتة"), ("en", "The boat had left Zuwara."), "contradiction"),
    (("ar", "بمبادرة من إندونيسيا"), ("en", "proposed by Thailand"), "contradiction"),
    (("ar", "اقترحها العراق"), ("ar", "اقترحتها مصر"), "contradiction"),
    (("ar", "اجتماع برئاسة وزير الكهرباء"), ("ar", "وترأس رئيس مجلس الوزراء اجتماعا"), "contradiction"),
    (("ar", "وترأس أعمال القمة وزير المياه والري الأردني"), ("en", "chaired by Egypt's irrigation minister"), "contradiction"),
    (("ar", "القمة في منطقة البحر الميت"), ("ar", "القمة في عمّان"), "contradiction"),
    (("ar", "القمة في عمّان"), ("en", "the summit at the Dead Sea"), "contradiction"),
    # containment: a country and a place in it
    (("en", "The summit was held in Jordan."), ("en", "the summit at the Dead Sea"), "imprecision"),
    (("en", "The boat departed from Libya."), ("ar", "انطلق القارب من شاطئ زوارة"), "imprecision"),
    (("en", "The summit was held in Jordan."), ("ar", "القمة في عمّان"), "imprecision"),
    (("en", "The summit was held in Egypt."), ("ar", "القمة في عمّان"), "contradiction"),
    # a title and the country that holds it
    (("en", "chaired by Egypt's irrigation minister"), ("en", "chaired by Egypt"), "agree"),
    (("en", "chaired by the water minister"), ("en", "chaired by Egypt's irrigation minister"), "agree"),
])
def test_relation(a: tuple[str, str], b: tuple[str, str], relation: str) -> None:
    first = extract_attributes(a[1], a[0])[-1]
    second = _one(b[1], b[0])
    assert attribute_relation(first, second) == relation, f"{describe(first)} vs {describe(second)}"
    assert attribute_relation(second, first) == relation


def test_relation_none_for_other_roles_and_unsure_keys() -> None:
    venue = _one("احتضنت عمّان أعمال القمة", "ar")
    proposer = _one("اقترحتها مصر", "ar")
    assert attribute_relation(venue, proposer) is None
    city = venue.model_copy(update={"filler_key": "city:basra"})
    region = venue.model_copy(update={"filler_key": "place:dhi_qar"})
    continent = venue.model_copy(update={"filler_key": "place:europe"})
    unknown = venue.model_copy(update={"filler_key": "name:krks"})
    assert attribute_relation(city, region) is None  # a city and a region of one country: maybe inside it
    assert attribute_relation(city, continent) is None
    assert attribute_relation(unknown, venue) is None  # an unknown name vs a gazetteer city: unsure
    assert attribute_relation(unknown, unknown.model_copy(update={"filler_key": "name:sbrt"})) == "contradiction"


def test_describe() -> None:
    assert describe(_one("اقترحها العراق خلال الاجتماع", "ar")) == "proposer: Iraq (country:IQ)"
    assert describe(_one("chaired by Egypt's irrigation minister", "en")) == (
        "chair: minister of water (Egypt) (office:minister:water@EG)")


@pytest.mark.parametrize(("arabic", "latin"), [("صبراتة", "Sabratha"), ("زوارة", "Zuwara"), ("زوارة", "Zouara"),
                                               ("جرجيس", "Jirjis"), ("بويبيت", "Poipet")])
def test_skeleton_cross_script(arabic: str, latin: str) -> None:
    assert name_key(arabic) == name_key(latin)


def test_skeletons_tell_places_apart() -> None:
    assert name_key("صبراتة") != name_key("زوارة")
    assert name_key("Sabratha") != name_key("Zuwara")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("اقترحتها مصر برئاسة وزير في عمّان القمة من ميناء ،.\n proposed by Egypt's minister at the summit à l'initiative de la France é'’-0123456789")), max_size=300),
       st.sampled_from(["ar", "en", "fr", "xx"]))
def test_never_raises_and_offsets_hold(text: str, lang: str) -> None:
    for a in extract_attributes(text, lang):
        assert 0 <= a.start < a.end <= len(text)
        assert text[a.start:a.end] == a.text
        assert "\n" not in a.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["ar", "en", "fr"]))
def test_never_raises_on_any_text(text: str, lang: str) -> None:
    extract_attributes(text, lang)


@pytest.mark.parametrize("unit", [
    "اقترحتها مصر برئاسة وزير المياه والري الأردني في عمّان القمة ",
    "summit at the Dead Sea proposed by Egypt's irrigation minister ",
    "برئاسة ",
])
def test_long_line_is_linear(unit: str, assert_linear) -> None:
    lang = "ar" if unit[0] > "z" else "en"
    assert_linear(lambda line: extract_attributes(line, lang), lambda n: (unit * n)[:n], 12_500, repr(unit))


@pytest.mark.parametrize("text, lang, role, key", [
    ("أقلعت الطائرة من الجزائر العاصمة متجهة إلى وهران", "ar", "destination", "city:oran"),
    ("سقطت الطائرة المتجهة إلى تندوف", "ar", "destination", "name:tndf"),
    ("The plane, bound for Tindouf, crashed after take-off", "en", "destination", "name:tndf"),
    ("un avion militaire à destination de Tindouf", "fr", "destination", "name:tndf"),
    ("a ceasefire brokered by Saudi Arabia", "en", "mediator", "country:SA"),
    ("the UAE brokered the exchange", "en", "mediator", "country:AE"),
])
def test_destination_and_mediator(text: str, lang: str, role: str, key: str) -> None:
    found = [(a.role, a.filler_key) for a in extract_attributes(text, lang)]
    assert (role, key) in found, f"{text!r}: read {found}"


def test_a_destination_needs_a_vessel() -> None:
    assert not [a for a in extract_attributes("The talks are headed for Geneva", "en") if a.role == "destination"]


# --- location: where a named place lies from another --------------------------------------------------------------

def _location(text: str, lang: str = "ar") -> list[tuple[str, str]]:
    return [(a.text, a.filler_key) for a in extract_attributes(text, lang) if a.role == "location"]


@pytest.mark.parametrize("text, span, points", [
    ("تواصل قوات الأمن عملياتها في مدينة السلط إلى الغرب من العاصمة عمان ومناطق أخرى", "إلى الغرب من العاصمة عمان", "w"),
    ("ضد خلية في مدينة السلط شمال غرب العاصمة عمان، ظهر اليوم.", "شمال غرب العاصمة عمان", "nw"),
    ("وقع الانفجار في مدينة كيرتش غربي شبه جزيرة القرم، ناجم عن عبوة", "غربي شبه جزيرة القرم", "w"),
    ("في مدينة كيرتش التي يقطنها 150 ألف نسمة، وتقع في أقصى شرق شبه الجزيرة، حيث", "في أقصى شرق شبه الجزيرة", "e"),
])
def test_location_read(text: str, span: str, points: str) -> None:
    found = _location(text)
    assert len(found) == 1 and found[0][0] == span and found[0][1].startswith(f"direction:{points}|"), found


@pytest.mark.parametrize("text, lang", [
    ("وقال مسؤول في شمال سوريا إن القصف استمر", "ar"),  # no place lies there: an official spoke
    ("يعقد المؤتمر في الشرق الأوسط وسط مخاوف", "ar"),  # the Middle East, amid fears
    ("Le bilan est de 12 morts.", "fr"),  # "est" is a verb
    ("Troops moved north after the talks.", "en"),
    ("عادت أشواق إلى شمال العراق تاركة بلدتها", "ar"),  # a woman, not a place, before the direction
    ("أخرجوا من منطقة قتال جنوبي سوريا. وقال", "ar"),  # a combat zone: a common noun after the place noun
    ("الجدار الحدودي مع المكسيك في جنوب الولايات المتحدة", "ar"),  # a country lies in no other
    ("قتل 12 شخصا في جوهانسبرغ في جنوب أفريقيا", "ar"),  # South Africa is a country's name
    ("هرب المتهم سيرغي سكريبال، جنوب غربي بريطانيا", "ar"),  # a comma ends a person's apposition
])
def test_location_traps(text: str, lang: str) -> None:
    assert _location(text, lang) == []


def test_location_relation() -> None:
    def one(text: str, lang: str = "ar") -> Attribute:
        return next(a for a in extract_attributes(text, lang) if a.role == "location")

    west = one("في مدينة السلط غربي العاصمة عمان، السبت")
    north_west = one("في مدينة السلط شمال غرب العاصمة عمان، السبت")
    french = one("Les combats à Salt, au nord-ouest d'Amman.", "fr")
    kerch_w = one("وقع الانفجار في مدينة كيرتش غربي شبه جزيرة القرم، ناجم")
    kerch_e = one("في مدينة كيرتش التي يقطنها 150 ألف نسمة، وتقع في أقصى شرق شبه الجزيرة، حيث")
    assert attribute_relation(west, north_west) == "imprecision"
    assert attribute_relation(north_west, french) == "agree"
    assert attribute_relation(kerch_w, kerch_e) == "contradiction"
    assert attribute_relation(west, kerch_w) is None  # another place
    osaka_w = one("استفاق سكان مدينة أوساكا اليابانية (غرب) الاثنين على وقع زلزال")
    osaka_c = one("وفق المعهد الأمريكي، قرب أوساكا (وسط)، على عمق 15 كلم.")
    assert attribute_relation(osaka_w, osaka_c) == "contradiction"  # a wire's aside: west vs centre of Japan
    assert "north-west of" in describe(north_west)


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_directions_lexicon_is_well_formed(lang: str) -> None:
    from checker.lexicon import load
    data = load(lang, "directions")
    assert data["words"] and all(set(str(p)) <= set("nsewc") for p in data["words"].values()), data["words"]
    for name in ("opening", "of", "located", "units", "not_after", "reference_heads"):
        assert isinstance(data.get(name), list), f"{lang}/directions.yaml: `{name}` is not a list"
    assert set(data.get("adjectives") or ()) <= set(data["words"]), f"{lang}: an adjective is no compass word"
