"""The hard "never the same fact" rules: a pair any one of them blocks is never scored.

Each blocker is a named function of two mentions' context records (and the run's story pairs); the words they rely
on live in the lexicon (`lexicon/<lang>/scope.yaml`), and each has a trap bundle under fixtures/traps or
fixtures/heldout/traps that shows it keeping silent. Everything softer than these (similar wording, shared names,
values far apart) is a feature the scorer weighs, not a rule.
"""
from __future__ import annotations

from typing import Callable

from checker.match.context import Located, MentionContext
from checker.scope import forecasts_clash
from checker.values.reader import units_compatible
from checker.model import Mention, Quantity

Blocker = Callable[[Mention, Mention, MentionContext, MentionContext, Located], bool]


def incomparable(a: Mention, b: Mention, ca: MentionContext, cb: MentionContext, run: Located) -> bool:
    """Different concepts (countries vs people), a date vs a count, an ordinal vs a count, two roles."""
    if ca.concept is None or cb.concept is None:
        return True
    if run.rates and (ca.concept, cb.concept) in run.rates:
        return False  # two currencies an article converts between
    if ca.concept.startswith(("date", "role:")) or cb.concept.startswith(("date", "role:")):
        return ca.concept != cb.concept
    if isinstance(a.value, Quantity) and isinstance(b.value, Quantity) and a.value.ordinal != b.value.ordinal:
        return True
    return not units_compatible(ca.concept, cb.concept)


def other_story(a: Mention, b: Mention, ca: MentionContext, cb: MentionContext, run: Located) -> bool:
    """Articles of different stories (an appended "read also" item is a story of its own)."""
    return tuple(sorted((ca.article, cb.article))) not in run.stories


def other_year(a: Mention, b: Mention, ca: MentionContext, cb: MentionContext, run: Located) -> bool:
    """The same quantity for another year is another fact (116 countries in 2024, 66 this year)."""
    return bool(ca.years and cb.years and not (ca.years & cb.years))


def other_subset(a: Mention, b: Mention, ca: MentionContext, cb: MentionContext, run: Located) -> bool:
    """A count of members, a total ("out of 41 seats"), one side of a match score or the old figure of a change
    ("from 31 to 21 ministries") against any other count: 196 member countries are not the 66 countries that
    attended, and the 31 ministries cut are not the 21 another report counts. A narrowing adjective ("14 دولة
    عربية", "تسعة معتمرين عمانيين") is weaker evidence, weighed by the scorer (feature `qualifier_differs`)."""
    if ca.qualifier == cb.qualifier:
        return False
    return bool({"member", "total", "score", "from"} & {ca.qualifier, cb.qualifier})


def forecast_vs_measure(a: Mention, b: Mention, ca: MentionContext, cb: MentionContext, run: Located) -> bool:
    """A forecast and a measured figure, or two forecasters' figures, are different facts."""
    return forecasts_clash(ca.forecast, cb.forecast)


def other_session(a: Mention, b: Mention, ca: MentionContext, cb: MentionContext, run: Located) -> bool:
    """A market figure taken during a session (at the open, at midday) and one at the close are two facts of one
    day: the index down 324 points at midday and 291 at the close. Dates are left alone: the day markets fell is
    one day whether a report reads it at the open or at the close."""
    if not (isinstance(a.value, Quantity) and isinstance(b.value, Quantity)):
        return False
    return bool(ca.phase and cb.phase and ca.phase != cb.phase)


def inside_one_article(a: Mention, b: Mention, ca: MentionContext, cb: MentionContext, run: Located) -> bool:
    """Inside one article only a headline and its body disagree on one fact: the headline restating the body's
    only value of that concept. Two body sentences with two values are mostly two facts (totals and parts,
    stages of a story)."""
    if ca.article != cb.article:
        return False
    if ca.headline == cb.headline or ca.concept != cb.concept:
        return True
    body = cb if ca.headline else ca
    return body.body_values != 1


def title_elsewhere(a: Mention, b: Mention, ca: MentionContext, cb: MentionContext, run: Located) -> bool:
    """A front-matter title's value is checked against its own body only: a title restates its lead in a few words,
    so against another article it meets every figure of its concept with no context to tell them apart (out of
    fold, reading titles against every article took precision from 0.78 to 0.71 at the same recall), and where the
    body restates it, the body's statement meets the other article."""
    return (ca.title or cb.title) and ca.article != cb.article


BLOCKERS: tuple[Blocker, ...] = (incomparable, other_story, other_year, other_subset, forecast_vs_measure,
                                 other_session, inside_one_article, title_elsewhere)


def blocked_by(a: Mention, b: Mention, ca: MentionContext, cb: MentionContext, run: Located) -> str | None:
    """The name of the first blocker that rules the pair out, None when none does."""
    for blocker in BLOCKERS:
        if blocker(a, b, ca, cb, run):
            return blocker.__name__
    return None
