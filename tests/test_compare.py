"""Relations between two values: agree, imprecision, contradiction; unresolved dates never conflict."""
from __future__ import annotations

import datetime as dt

import pytest

from checker.compare import date_relation, quantity_relation
from checker.model import DateValue, Quantity

INF = None


def q(low, high, value=None, low_inclusive=True, high_inclusive=True) -> Quantity:
    return Quantity(start=0, end=1, text="x", value=value if value is not None else (low if low is not None else high),
                    low=low, high=high, low_inclusive=low_inclusive, high_inclusive=high_inclusive, unit="country")


@pytest.mark.parametrize("a, b, expected", [
    (q(66, 66), q(66, 66), "agree"),
    (q(60, INF, low_inclusive=False), q(66, 66), "imprecision"),   # more than 60 vs 66
    (q(60, INF, low_inclusive=False), q(60, 60), "contradiction"),  # more than 60 vs exactly 60
    (q(60, INF), q(60, 60), "agree"),                               # at least 60 vs 60: both say 60
    (q(60, INF), q(66, 66), "imprecision"),                         # at least 60 vs 66
    (q(33.25, 36.75, 35), q(34.6, 34.6), "imprecision"),            # about 35 vs 34.6
    (q(33.25, 36.75, 35), q(43.6, 43.6), "contradiction"),
    (q(241, 241), q(214, 214), "contradiction"),
    (q(INF, 4.6, high_inclusive=True), q(4.6, 4.6), "agree"),        # up to 4.6 vs 4.6: both say 4.6
    (q(INF, 4.6, high_inclusive=True), q(4.1, 4.1), "imprecision"),  # up to 4.6 vs 4.1
])
def test_quantity_relation(a: Quantity, b: Quantity, expected: str) -> None:
    assert quantity_relation(a, b) == expected
    assert quantity_relation(b, a) == expected, "the relation must not depend on the order of the sides"


def d(low, high) -> DateValue:
    return DateValue(start=0, end=1, text="x", low=low and dt.date.fromisoformat(low),
                     high=high and dt.date.fromisoformat(high))


@pytest.mark.parametrize("a, b, expected", [
    (d("2025-11-24", "2025-11-27"), d("2025-11-24", "2025-11-27"), "agree"),
    (d("2024-01-01", "2024-12-31"), d("2024-09-10", "2024-09-10"), "imprecision"),
    (d("2026-05-21", "2026-05-21"), d("2026-05-28", "2026-05-28"), "contradiction"),
    (d(None, None), d("2024-09-10", "2024-09-10"), None),
])
def test_date_relation(a: DateValue, b: DateValue, expected: str | None) -> None:
    assert date_relation(a, b) == expected
    assert date_relation(b, a) == expected


def test_relative_day_inside_a_range_is_not_an_imprecision() -> None:
    thursday = d("2026-04-23", "2026-04-23").model_copy(update={"relative": True})
    assert date_relation(thursday, d("2026-04-21", "2026-04-23")) is None


def test_two_day_ranges_that_differ_contradict() -> None:
    first = d("2026-04-13", "2026-04-24").model_copy(update={"granularity": "range"})
    second = d("2026-04-13", "2026-04-26").model_copy(update={"granularity": "range"})
    assert date_relation(first, second) == "contradiction"
    assert date_relation(first, d("2026-04-15", "2026-04-15")) == "imprecision"


@pytest.mark.parametrize("text, deictic", [("السبت", True), ("yesterday", True), ("21 مايو المقبل", False),
                                           ("١٣ أبريل الماضي", False)])
def test_only_dates_without_a_written_day_are_deictic(text: str, deictic: bool) -> None:
    from checker.compare import deictic as is_deictic

    date = d("2026-05-21", "2026-05-21").model_copy(update={"relative": True, "text": text})
    assert is_deictic(date) is deictic


def test_a_weekday_inside_a_range_is_no_finding_but_a_month_named_from_writing_is_vaguer() -> None:
    from checker.values.dates import extract_dates

    published = dt.date(2018, 10, 7)
    [thursday] = extract_dates("الخميس", "ar", dt.date(2026, 4, 23))
    april = d("2026-04-21", "2026-04-24").model_copy(update={"granularity": "range"})
    assert date_relation(thursday, april) is None
    [late] = extract_dates("أواخر سبتمبر الماضي", "ar", published)
    [day] = extract_dates("في 25 سبتمبر", "ar", published)
    assert late.relative and date_relation(late, day) == "imprecision"


def test_two_vague_amounts_that_overlap_agree() -> None:
    from checker.compare import quantity_relation

    dozens, tens = (q(12, 119).model_copy(update={"modifier": "vague"}),
                    q(10, 99).model_copy(update={"modifier": "vague"}))
    hundreds = q(100, 999).model_copy(update={"modifier": "vague"})
    assert quantity_relation(dozens, tens) == "agree"
    assert quantity_relation(tens, hundreds) == "contradiction"


@pytest.mark.parametrize("exact, expected", [(257, "contradiction"), (30, "imprecision"), (9, "contradiction")])
def test_a_vague_amount_is_an_interval_like_any_value(exact: int, expected: str) -> None:
    """"Dozens" against 257 cannot both be true; 30 is dozens, only vaguer. Whether the two are one fact is the
    matcher's question, not the relation's."""
    from checker.compare import relation
    from checker.model import Mention

    dozens = q(12, 119).model_copy(update={"modifier": "vague"})
    mention = lambda value, n: Mention(id=f"m{n}", article_id=f"a{n}", claim_id=f"c{n}", source="x", value=value)
    assert relation(mention(dozens, 1), mention(q(exact, exact), 2)) == expected


@pytest.mark.parametrize("sentence, quote, qualifier", [
    ("ويضم الإنتربول 196 دولة عضوا في العالم", "196 دولة", "member"),
    ("بمشاركة 14 دولة عربية في الاجتماع", "14 دولة", "عربيه"),
    ("إن الضحايا يتحدرون من 66 دولة ومن جميع القارات", "66 دولة", None),
    ("شملت 116 بلدا وإقليما", "116 بلدا", None),
])
def test_value_qualifier(sentence: str, quote: str, qualifier: str | None) -> None:
    from checker.scope import value_qualifier
    from checker.model import Claim, Mention

    start = sentence.index(quote)
    claim = Claim(id="c", article_id="a", start=0, end=len(sentence), text=sentence)
    value = Quantity(start=start, end=start + len(quote), text=quote, value=1, low=1, high=1, unit="country",
                     noun=quote.split()[-1])
    assert value_qualifier(claim, Mention(id="m", article_id="a", claim_id="c", source="s", value=value)) == qualifier


def test_a_rial_without_its_country_is_any_rial() -> None:
    from checker.values.reader import units_compatible

    assert units_compatible("money:RIAL", "money:OMR")
    assert not units_compatible("money:RIAL", "money:USD")
    assert not units_compatible("money:OMR", "money:SAR")


def test_two_tolls_published_on_different_days_read_as_a_timeline() -> None:
    from checker.compare import _timeline
    from checker.model import Side

    def side(text: str, day: str, outlet: str) -> Side:
        return Side(source=f"{outlet}.md", start=0, end=len(text), text=text, article_id=outlet, outlet=outlet,
                    published=dt.date.fromisoformat(day), sentence=text, normalized=text)

    later, earlier = side("51 قتيلا", "2018-08-10", "B"), side("39 قتيلا", "2018-08-09", "A")
    line = _timeline("contradiction", later, earlier)
    assert line.index("39 قتيلا") < line.index("51 قتيلا") and "2018-08-09" in line and "update" in line
    assert _timeline("contradiction", later, side("39 قتيلا", "2018-08-10", "A")) == ""
    assert _timeline("imprecision", later, earlier) == ""
