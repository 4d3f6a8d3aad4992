"""Where a value stands: totals, scores, age categories and forecasts are read from the words around it."""
from __future__ import annotations

import pytest

from checker.lexicon import LANGS, load
from checker.model import Claim, Mention, Quantity
from checker.scope import Forecast, forecast_of, forecasts_clash, names_age_group, session_phase, value_qualifier


def _mention(sentence: str, quote: str, unit: str = "person") -> tuple[Claim, Mention]:
    start = sentence.index(quote)
    claim = Claim(id="c", article_id="a", start=0, end=len(sentence), text=sentence)
    value = Quantity(start=start, end=start + len(quote), text=quote, value=1, low=1, high=1, unit=unit, noun="x")
    return claim, Mention(id="m", article_id="a", claim_id="c", source="s", value=value)


@pytest.mark.parametrize("lang", LANGS)
def test_scope_lexicon_has_every_key(lang: str) -> None:
    data = load(lang, "scope")
    for key in ("member", "total", "forecast_verbs", "forecast_participles", "complementizers", "speaker_side",
                "not_speakers", "score_after", "age_group_before", "amount_words", "change_from", "change_to",
                "change_was", "phase_intraday", "phase_close"):
        assert key in data, f"{lang}/scope.yaml lacks {key}"
    assert data["speaker_side"] in ("before", "after")


@pytest.mark.parametrize("sentence, quote, lang, unit, qualifier", [
    ("وحصل الحزب على 15 مقعدا من أصل 41 مقعدا مخصصة للقوائم", "41 مقعدا", "ar", "seat", "total"),
    ("وحصل الحزب على 15 مقعدا من أصل 41 مقعدا مخصصة للقوائم", "15 مقعدا", "ar", "seat", None),
    ("The party won 15 seats out of 41 seats reserved for lists", "41 seats", "en", "seat", "total"),
    ("Le parti a obtenu 15 sièges sur un total de 41 sièges", "41 sièges", "fr", "seat", "total"),
    ("بعد فوزهم على المنتخب المصري بثلاثة أهداف دون رد، في مباراة", "بثلاثة أهداف", "ar", "goal", "score"),
    ("أنهى المسابقة هدافا برصيد 5 أهداف، رغم خسارة منتخب بلاده", "5 أهداف", "ar", "goal", None),
    # "مقابل" after a budget figure means "against last year's", not a score: only goals and points make scores.
    ("بإنفاق 12.1 مليار ريال مقابل 11.8 مليار ريال في 2026", "12.1 مليار ريال", "ar", "money:OMR", None),
])
def test_value_qualifier_reads_totals_and_scores(sentence, quote, lang, unit, qualifier) -> None:
    claim, mention = _mention(sentence, quote, unit)
    assert value_qualifier(claim, mention, lang) == qualifier


@pytest.mark.parametrize("sentence, quote, lang, qualifier", [
    ("وتشمل الإجراءات تخفيض الوزارات الاتحادية من 31 وزارة إلى 21 وزارة", "31", "ar", "from"),
    ("وتشمل الإجراءات تخفيض الوزارات الاتحادية من 31 وزارة إلى 21 وزارة", "21", "ar", None),
    ("لكن عدد الوزارات سيخفض إلى 21 من 31 وزارة", "31", "ar", "from"),
    ("مشيرا إلى خفض الوزارات من 31 حاليا إلى 21 وزارة", "31", "ar", "from"),
    ("خفض عدد الوزارات لتصبح 21 وزارة بعدما كان عددها 31", "31", "ar", "from"),
    ("خفض عدد الوزارات لتصبح 21 وزارة بعدما كان عددها 31", "21", "ar", None),
    # "من" alone opens no change: a part of a whole, a comparison bound
    ("قتل أكثر من 60 شخصا في الهجوم", "60", "ar", None),
    ("The number of ministries will be cut from 31 to 21", "31", "en", "from"),
    ("Sales rose to 300 from 250 last year", "250", "en", "from"),
    ("Sales were 300, up from 250", "250", "en", "from"),
    ("Sales were 300, up from 250", "300", "en", None),
    ("Le nombre de ministères passe de 31 à 21", "31", "fr", "from"),
    ("Le nombre de ministères passe de 31 à 21", "21", "fr", None),
])
def test_the_figure_a_change_starts_from_is_another_fact(sentence, quote, lang, qualifier) -> None:
    claim, mention = _mention(sentence, quote, None)
    assert value_qualifier(claim, mention, lang) == qualifier


@pytest.mark.parametrize("sentence, quote, lang, expected", [
    ("توج المنتخب المغربي لأقل من 20 سنة بلقب كأس العرب", "لأقل من 20 سنة", "ar", True),
    ("أحرز المنتخب لقب كأس العرب للشباب تحت 20 عاما، إثر تغلبه", "20 عاما", "ar", True),
    ("en finale de la Coupe arabe des moins de 20 ans, devant", "moins de 20 ans", "fr", True),
    ("The under-20 side lost the final", "20", "en", True),
    # Durations and ages people state are quantities.
    ("Il y a moins de 20 ans, le stade n'existait pas", "moins de 20 ans", "fr", False),
    ("شُيد الملعب في أقل من 20 عاما", "أقل من 20 عاما", "ar", False),
    ("اللاعب البالغ 20 عاما سجل هدفين", "20 عاما", "ar", False),
])
def test_age_categories_are_names(sentence, quote, lang, expected) -> None:
    claim, mention = _mention(sentence, quote, "year")
    assert names_age_group(claim, mention, lang) is expected


@pytest.mark.parametrize("sentence, quote, lang, speaker", [
    ("وتوقع صندوق النقد الدولي أن ينمو الاقتصاد العماني بنسبة 2.7% في 2027", "2.7%", "ar", {"صندوق", "نقد"}),
    ("وتتوقع الوزارة أن يحقق الاقتصاد العماني نموا بنسبة 3.1% خلال العام", "3.1%", "ar", {"وزاره"}),
    ("قالت المحللة إن القرار جاء أكبر، متوقعة أن يتراجع التضخم إلى نحو 10% بحلول يونيو", "نحو 10%", "ar", set()),
    ("The IMF expects growth of 2.7% in 2027.", "2.7%", "en", {"imf"}),
    ("Le FMI prévoit une croissance de 2,7 % en 2027.", "2,7 %", "fr", {"fmi"}),
])
def test_forecasts_and_their_speakers(sentence, quote, lang, speaker) -> None:
    claim, mention = _mention(sentence, quote, "percent")
    assert forecast_of(claim, mention, lang) == Forecast(frozenset(speaker))


@pytest.mark.parametrize("sentence, quote, lang", [
    # A budget line called "expected" is a figure like any other; so is a measured rate.
    ("مقابل إيرادات متوقعة تبلغ 11.8 مليار ريال", "11.8 مليار ريال", "ar"),
    ("فيما سجل التضخم الأساسي 10.9%، بحسب البيانات الرسمية", "10.9%", "ar"),
    # A forecast verb in an earlier sentence of the claim does not reach this number.
    ("The IMF expects growth. Inflation was 3% in May.", "3%", "en"),
])
def test_figures_that_are_not_forecasts(sentence, quote, lang) -> None:
    claim, mention = _mention(sentence, quote, "percent")
    assert forecast_of(claim, mention, lang) is None


@pytest.mark.parametrize("a, b, clash", [
    (None, None, False),
    (Forecast(frozenset({"imf"})), None, True),  # a forecast is not a measurement
    (Forecast(frozenset({"imf"})), Forecast(frozenset({"imf", "mission"})), False),
    (Forecast(frozenset({"صندوق"})), Forecast(frozenset({"وزاره"})), True),
    (Forecast(frozenset()), Forecast(frozenset({"imf"})), True),  # unnamed forecaster: can't be the same forecast
    (Forecast(frozenset({"صندوق"})), Forecast(frozenset({"imf"})), True),  # no link across scripts
])
def test_forecasts_clash(a, b, clash) -> None:
    assert forecasts_clash(a, b) is clash


@pytest.mark.parametrize("sentence, quote, years", [
    # A comparison after the value brings its own year.
    ("وبلغت نسبة المشاركة نحو 35 في المائة، مقارنة بـ32.25% في الانتخابات السابقة عام 2024", "نحو 35 في المائة", set()),
    ("Turnout reached 35%, compared with 32% in 2024", "35%", set()),
    ("Turnout reached 35%, compared with 32% in 2024", "32%", {2024}),
    # A year before the value, or later in its own sentence without a comparison, scopes it.
    ("In 2024 turnout was 29%", "29%", {2024}),
    ("قدم البرنامج أكثر من 3 ملايين جرعة منذ إطلاقه في لبنان عام 2020", "3 ملايين جرعة", {2020}),
])
def test_value_years(sentence, quote, years) -> None:
    from checker.scope import value_years

    claim, mention = _mention(sentence, quote, "percent")
    assert value_years(claim, mention, []) == frozenset(years)


@pytest.mark.parametrize("arabic, latin", [
    ("الحضراتي", "El Hadrati"), ("بوخريص", "Boukhriss"), ("بوخريس", "Boukhriss"), ("فيرهاغن", "Verhagen"),
    ("فنكاترامان", "Venkataraman"), ("بن غربية", "Ben Gharbia"),
])
def test_a_name_has_one_key_in_both_scripts(arabic: str, latin: str) -> None:
    from checker.subjects import name_keys

    assert name_keys([arabic]) & name_keys([latin])


@pytest.mark.parametrize("first, second", [("بوخريس", "الحضراتي"), ("Boukhriss", "Hadrati"), ("Verhagen", "Venkataraman")])
def test_different_names_have_different_keys(first: str, second: str) -> None:
    from checker.subjects import name_keys

    assert not name_keys([first]) & name_keys([second])


def test_clause_names_stop_at_the_clause() -> None:
    from checker.subjects import clause_names

    sentence = "قبل أن يدرك أنس بوخريس التعادل للمغرب في الدقيقة 61، ثم حسم البديل يانيس الحضراتي اللقب"
    claim, mention = _mention(sentence, "الدقيقة 61", "minute")
    keys = clause_names(claim, mention, "ar")
    assert "BKRS" in keys and "DRT" not in keys


def test_a_compared_value_takes_the_years_after_the_comparison() -> None:
    from checker.scope import value_years

    sentence = "وقدرت ميزانية 2027 الإنفاق بـ12.1 مليار ريال، مقابل 11.8 مليار ريال في ميزانية 2026"
    claim, mention = _mention(sentence, "11.8 مليار ريال", "money:OMR")
    assert value_years(claim, mention, []) == frozenset({2026})
    claim, mention = _mention(sentence, "12.1 مليار ريال", "money:OMR")
    assert value_years(claim, mention, []) == frozenset({2027})


def test_head_words_name_what_is_measured() -> None:
    from checker.subjects import head_words

    first = _mention("وأقرت الحكومة الميزانية بإنفاق إجمالي قدره 12.1 مليار ريال", "12.1 مليار ريال", "money:OMR")
    second = _mention("وقدرت فيها إجمالي الإنفاق العام بـ12.1 مليار ريال", "12.1 مليار ريال", "money:OMR")
    assert {"انفاق", "اجمالي"} <= head_words(*first, "ar") & head_words(*second, "ar")
    # Particles and verbs of saying name nothing; the clause ends at a comma.
    third = _mention("قال إنه، بلغ نحو 12 مليار ريال", "12 مليار ريال", "money:OMR")
    assert head_words(*third, "ar") == frozenset()


@pytest.mark.parametrize("sentence, lang, linked", [
    ("رفع الرسوم إلى 90 يورو (نحو 980 درهما) ابتداء من يونيو", "ar", True),
    ("les frais passent à 90 euros, soit environ 980 dirhams", "fr", True),
    ("The fee rises to 90 euros (about 980 dirhams) in June", "en", True),
    # Two sums side by side that are not one sum twice.
    ("رفع الرسوم إلى 90 يورو وخصص 980 درهما للأطفال", "ar", False),
])
def test_a_sum_and_its_equivalent(sentence: str, lang: str, linked: bool) -> None:
    from checker.pipeline import extract_mentions
    from checker.model import Article
    from checker.scope import equivalents, exchange_rates

    article = Article(id="a#0", source="a", text=sentence, start=0, end=len(sentence), lang=lang)
    claim = Claim(id="a#0:0", article_id="a#0", start=0, end=len(sentence), text=sentence)
    pairs = equivalents(claim, extract_mentions([article], [claim]))
    assert bool(pairs) is linked
    if linked:
        rates = exchange_rates(pairs)
        assert rates[("money:EUR", "money:MAD")] == pytest.approx(980 / 90)
        assert rates[("money:MAD", "money:EUR")] == pytest.approx(90 / 980)


def test_a_counted_noun_is_no_name_but_a_name_inside_its_phrase_is() -> None:
    from checker.subjects import clause_names

    claim, mention = _mention("وأنهى الحارس المباراة بـ17 تصديا", "17 تصديا", "save")
    assert clause_names(claim, mention.model_copy(update={"value": mention.value.model_copy(
        update={"noun": "تصديا"})}), "ar") == frozenset()
    claim, mention = _mention("وبلغت قوتها 6,1 درجات على سلم ريختر", "6,1 درجات على سلم ريختر", "magnitude")
    named = mention.model_copy(update={"value": mention.value.model_copy(update={"noun": "درجات على سلم ريختر"})})
    assert "RKTR" in clause_names(claim, named, "ar")


def test_a_dates_own_year_is_its_value_not_its_scope() -> None:
    """"انضم إلى قيادة الحزب عام 1993" against "عام 1992": one date told two ways, which the year blocker must let meet."""
    from checker.model import Claim, Mention
    from checker.scope import value_years
    from checker.values.reader import extract_values

    sentence = "انضم إلى قيادة الحزب عام 1993 بعد انتخابات 2005"
    (date, *_) = [v for v in extract_values(sentence, "ar") if v.type == "date"]
    claim = Claim(id="c", article_id="a", start=0, end=len(sentence), text=sentence)
    mention = Mention(id="m", article_id="a", claim_id="c", source="s", value=date)
    assert date.text.endswith("1993")
    assert value_years(claim, mention, []) == frozenset({2005})


@pytest.mark.parametrize("sentence, quote, lang, phase", [
    ("تراجع المؤشر عند منتصف التداولات بنسبة 3.6% فاقدا 324 نقطة", "324 نقطة", "ar", "intraday"),
    ("وأغلق المؤشر في مطلع تداولاته الأسبوعية متراجعا 291 نقطة", "291 نقطة", "ar", "close"),  # the week's first session
    ("سجلت السوق تراجعا بـ291 نقطة بنسبة 3.2%، حيث أغلق عند مستوى 8807 نقاط", "291 نقطة", "ar", "close"),
    # the phrase nearest the value wins
    ("ارتفع المؤشر في مستهل التعاملات 40 نقطة، ثم أغلق منخفضا 120 نقطة", "120 نقطة", "ar", "close"),
    ("ارتفع المؤشر في مستهل التعاملات 40 نقطة، ثم أغلق منخفضا 120 نقطة", "40 نقطة", "ar", "intraday"),
    ("The FTSE 100 was down 2.1% at midday", "2.1%", "en", "intraday"),
    ("The Dow closed 1,175 points lower", "1,175 points", "en", "close"),
    ("Le CAC 40 a clôturé en baisse de 1,2 %", "1,2 %", "fr", "close"),
    ("Le CAC 40 reculait de 0,8 % à la mi-séance", "0,8 %", "fr", "intraday"),
    # a sentence of another kind says neither; nor does one a full stop ends before the phrase
    ("قتل 20 شخصا في الهجوم على السوق", "20 شخصا", "ar", None),
    ("Shares fell 3% in Tokyo. Markets closed early for the holiday", "3%", "en", None),
])
def test_session_phase(sentence: str, quote: str, lang: str, phase: str | None) -> None:
    claim, mention = _mention(sentence, quote, "percent")
    assert session_phase(claim, mention, lang) == phase
