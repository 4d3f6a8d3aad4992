"""Where a value stands: the year it is about, the subset it counts, whether it is someone's forecast.

Two statements of one concept are one fact only when these agree: 196 member countries are not 66 countries,
15 seats out of a total of 41 are two facts, the IMF's growth forecast is not the ministry's, and neither is a
growth figure already measured. Read from the words around the value; the words live in `lexicon/<lang>/scope.yaml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from checker.lexicon import LANGS, load
from checker.model import Claim, DateValue, Mention, Quantity
from checker.text import WORD_OR_NUMBER, fold_word, normalize_arabic, script_of

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_WORD = re.compile(r"(?:" + WORD_OR_NUMBER + r"|['’])+")
# A clause break a forecast verb does not reach across: a sentence inside the claim, or a semicolon.
_HARD_BREAK = re.compile(r"[.!?؟؛;]\s")
FORECAST_REACH = 15  # words between a forecast verb and its number ("توقع الصندوق أن ينمو الاقتصاد بنسبة 2.7%")
SPEAKER_WORDS = 2
CHANGE_REACH = 5  # words between the two figures of a change ("من 31 وزارة اتحادية إلى 21")


# Where a value's scope ends: a comparison after it ("35%, compared with 32% in 2024") brings in another value
# with a year of its own.
_COMPARISON = re.compile(r"(?:^|[\s،,(])(?:مقارنة|مقابل|بالمقارنة|compared|against|versus|contre|par rapport)\b")


def value_years(claim: Claim, mention: Mention, dates: Iterable[DateValue]) -> frozenset[int]:
    """Years a value is scoped to: four-digit years and resolved dates in its sentence, up to a comparison that
    follows it. "In 2024 turnout was 29%" scopes 29% to 2024; "turnout reached 35%, compared with 32% in 2024" does
    not scope 35% to 2024. The value a comparison brings in is scoped from the comparison on: "12.1 billion in 2027,
    against 11.8 billion in the 2026 budget" makes 11.8 billion a 2026 figure only."""
    offset = mention.value.end - claim.start
    stop = _COMPARISON.search(claim.text, offset)
    limit = stop.start() if stop else len(claim.text)
    opening = [m.start() for m in _COMPARISON.finditer(claim.text, 0, mention.value.start - claim.start)]
    first = opening[-1] if opening else 0
    # A date's own year is its value, not its scope: "عام 1993" against "عام 1992" is one date told two ways.
    own = (mention.value.start - claim.start, offset) if isinstance(mention.value, DateValue) else (0, 0)
    years = {int(m.group(1)) for m in _YEAR.finditer(claim.text)
             if first <= m.start() < limit and not own[0] <= m.start() < own[1]}
    for date in dates:
        if date.low is not None and date.high is not None and date.low.year == date.high.year \
                and first <= date.start - claim.start < limit and not own[0] <= date.start - claim.start < own[1]:
            years.add(date.low.year)
    return frozenset(years)


def _key(word: str) -> str:
    word = normalize_arabic(word).lower().strip("'’")
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


@dataclass(frozen=True)
class _Words:
    member: frozenset[str]
    total: tuple[tuple[str, ...], ...]
    verbs: tuple[tuple[str, ...], ...]
    participles: frozenset[str]
    complementizers: frozenset[str]
    speaker_after: bool
    not_speakers: frozenset[str]
    score_after: tuple[str, ...]
    age_group_before: tuple[str, ...]
    change_from: frozenset[str]
    change_to: frozenset[str]
    change_was: tuple[tuple[str, ...], ...]
    phases: tuple[tuple[tuple[str, ...], str], ...]  # (phrase, phase), longest phrase first
    phase_openings: dict[str, tuple[tuple[int, tuple[str, ...], str], ...]]  # first key -> (rank, phrase, phase)


@lru_cache(maxsize=None)
def _words(lang: str) -> _Words:
    data = load(lang, "scope")

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        # Longest first, so "out of a total of" wins over "out of".
        return tuple(sorted((tuple(_key(w) for w in _WORD.findall(p)) for p in data[key]), key=len, reverse=True))

    phases = tuple(sorted(((phrase, phase) for phase in ("intraday", "close") for phrase in phrases(f"phase_{phase}")),
                          key=lambda item: -len(item[0])))
    openings: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
    for rank, (phrase, phase) in enumerate(phases):
        openings.setdefault(phrase[0], []).append((rank, phrase, phase))
    return _Words(
        member=frozenset(_key(w) for w in data["member"]),
        total=phrases("total"),
        verbs=phrases("forecast_verbs"),
        participles=frozenset(_key(w) for w in data["forecast_participles"]),
        complementizers=frozenset(_key(w) for w in data["complementizers"]),
        speaker_after=data["speaker_side"] == "after",
        not_speakers=frozenset(_key(w) for w in data["not_speakers"]),
        score_after=tuple(fold_word(p) for p in data["score_after"]),
        age_group_before=tuple(fold_word(p) for p in data["age_group_before"]),
        change_from=frozenset(_key(w) for w in data["change_from"]),
        change_to=frozenset(_key(w) for w in data["change_to"]),
        change_was=phrases("change_was"),
        phases=phases,
        phase_openings={first: tuple(found) for first, found in openings.items()},
    )


# Counts that a match score is made of: "بثلاثة أهداف دون رد" is one side of 3-0, not a tally of goals.
SCORED = frozenset({"goal", "point"})
# An Arabic relative adjective after a count narrows it ("14 دولة عربية": Arab countries, a subset).
_NISBA = re.compile(r"^[\u0621-\u064a]{2,}(?:ية|يه|يين|يون|يا)$")
_QUALIFIER_STOP = frozenset(normalize_arabic(w) for w in ("الماضية", "الماضيه", "الحالية", "الجارية", "التالية", "الأولية"))


@lru_cache(maxsize=None)
def _member_words() -> frozenset[str]:
    # A count narrowed by "member" in any language: articles quote each other ("196 دولة عضوا", "57 member states").
    return frozenset().union(*(_words(lang).member for lang in LANGS))


def _words_before(claim: Claim, offset: int, count: int = 8) -> list[str]:
    """The last `count` words before an article offset in a claim (enough for the longest phrase matched)."""
    left = claim.text[:offset - claim.start]
    return [_key(w) for w in _WORD.findall(left[-20 * count:])][-count:]


def _is_number(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def starts_change(claim: Claim, value: Quantity, lang: str = "ar") -> bool:
    """True when `value` is the figure a change starts from: "خفض الوزارات من 31 وزارة إلى 21", "سيخفض إلى 21 من
    31", "لتصبح 21 وزارة بعدما كان عددها 31", "cut from 31 to 21". The old figure is another fact than the new one
    and than a figure stated plainly (which news gives as it stands now)."""
    words = _words(lang)
    before = _words_before(claim, value.start)
    if any(tuple(before[-len(p) - extra:len(before) - extra]) == p
           for p in words.change_was for extra in (0, 1) if len(before) >= len(p) + extra):
        return True
    if not before or before[-1] not in words.change_from:
        return False
    # the new figure after it ("من 31 وزارة إلى 21") or, in the other order, before it ("إلى 21 من 31")
    after = [_key(w) for w in _WORD.findall(claim.text[value.end - claim.start:])[:CHANGE_REACH]]
    ahead = any(w in words.change_to and any(_is_number(n) for n in after[i + 1:i + 3]) for i, w in enumerate(after))
    behind = any(w in words.change_to and _is_number(before[i + 1])
                 for i, w in enumerate(before[-CHANGE_REACH - 1:-2], start=max(0, len(before) - CHANGE_REACH - 1)))
    return ahead or behind


def value_qualifier(claim: Claim, mention: Mention, lang: str = "ar") -> str | None:
    """What narrows a count: "from" (the old figure of a change, `starts_change`), "member" ("196 دولة عضوا"),
    "total" ("من أصل 41 مقعدا", "out of 41 seats"), or an Arabic relative adjective ("عربيه" in "14 دولة عربية").
    None when nothing narrows it."""
    value = mention.value
    if not isinstance(value, Quantity):
        return None
    if starts_change(claim, value, lang):
        return "from"
    if not value.noun:
        return None
    words = _words(lang)
    before = _words_before(claim, value.start)
    if any(tuple(before[-len(p):]) == p for p in words.total if p):
        return "total"
    after = fold_word(claim.text[value.end - claim.start:]).lstrip()
    if value.unit in SCORED and any(after.startswith(p) for p in words.score_after):
        return "score"
    match = re.match(r"\s+(\w+)", claim.text[value.end - claim.start:])
    if not match:
        return None
    word = normalize_arabic(match.group(1)).lower()
    if _key(word) in _member_words():
        return "member"
    if _NISBA.match(word) and word not in _QUALIFIER_STOP and not word.startswith(("و", "ف")):
        return word
    return None


def session_phase(claim: Claim, mention: Mention, lang: str = "ar") -> str | None:
    """"intraday" or "close" where the sentence of a value says when in a trading session it was taken (the phrase
    nearest the value wins: "after opening higher, the index closed 2 % down"); None where it says neither. A
    conjunction glued to the first word ("وأغلق") is read off."""
    words = _words(lang)
    if not words.phases:
        return None
    offset = mention.value.start - claim.start
    text = claim.text
    start = max((m.end() for m in _HARD_BREAK.finditer(text, 0, offset)), default=0)
    stop = next((m.start() for m in _HARD_BREAK.finditer(text, offset)), len(text))
    tokens = [(_key(m.group()), m.start(), m.end()) for m in _WORD.finditer(text[start:stop])]
    keys = [key for key, _, _ in tokens]
    here, there = offset - start, mention.value.end - claim.start - start
    best: tuple[int, str] | None = None
    for index, key in enumerate(keys):
        # Only the phrases that can open at this word (by their first key, a conjunction read off), in the lexicon's
        # longest-first order: scanning every phrase at every word cost a millisecond per value.
        opening = list(words.phase_openings.get(key, ()))
        if key[:1] in "وف" and len(key) > 3:
            opening += words.phase_openings.get(key[1:], ())
        for _, phrase, phase in sorted(opening):
            candidate = keys[index:index + len(phrase)]
            if len(candidate) < len(phrase) or candidate[1:] != list(phrase[1:]):
                continue
            begin, end = tokens[index][1], tokens[index + len(phrase) - 1][2]
            distance = here - end if end <= here else begin - there
            if best is None or distance < best[0]:
                best = (distance, phase)
            break
    return best[1] if best else None


def names_age_group(claim: Claim, mention: Mention, lang: str = "ar") -> bool:
    """True when "N years" names an age category ("المنتخب المغربي لأقل من 20 سنة", "Coupe arabe des moins de 20
    ans", "under-20 team"): a name like "U-20", which no other source contradicts by saying "20 years old"."""
    value = mention.value
    if not isinstance(value, Quantity) or value.unit != "year":
        return False
    digit = re.search(r"\d", value.text)
    before = claim.text[:value.start - claim.start] + (value.text[:digit.start()] if digit else "")
    before = fold_word(before).rstrip()
    for phrase in _words(lang).age_group_before:
        if before.endswith(phrase.rstrip()):
            head = before[:len(before) - len(phrase.rstrip())]
            if not head or not head[-1].isalnum() or phrase[0] == "ل":
                return True
    return False


@dataclass(frozen=True)
class Forecast:
    """A value someone expects; `speaker` holds the words naming who (empty when the sentence does not say)."""

    speaker: frozenset[str]


def _verb_at(words: list[str], index: int, verbs: tuple[tuple[str, ...], ...]) -> int:
    """Length of the forecast verb phrase starting at words[index], 0 if none. A leading و or ف is a conjunction."""
    for phrase in verbs:
        candidate = words[index:index + len(phrase)]
        if len(candidate) == len(phrase) and candidate[0][:1] in "وف" and len(candidate[0]) > 3 \
                and candidate[0][1:] == phrase[0] and candidate[1:] == list(phrase[1:]):
            return len(phrase)
        if candidate == list(phrase):
            return len(phrase)
    return 0


def forecast_of(claim: Claim, mention: Mention, lang: str = "ar") -> Forecast | None:
    """The forecast a value belongs to, when a forecast verb governs it within the same clause."""
    words = _words(lang)
    left = claim.text[:mention.value.start - claim.start]
    breaks = list(_HARD_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    tokens = [_key(w) for w in _WORD.findall(left)][-FORECAST_REACH:]
    for index in range(len(tokens) - 1, -1, -1):
        length = _verb_at(tokens, index, words.verbs)
        participle = tokens[index] in words.participles and index + 1 < len(tokens) \
            and tokens[index + 1] in words.complementizers
        if not length and not participle:
            continue
        if participle:
            return Forecast(frozenset())  # the participle's subject is back in the sentence: unknown here
        if words.speaker_after:
            around = tokens[index + length:index + length + SPEAKER_WORDS]
            around = around[:next((i for i, w in enumerate(around) if w in words.complementizers), len(around))]
        else:
            around = tokens[max(0, index - SPEAKER_WORDS):index]
        return Forecast(frozenset(w for w in around if w not in words.not_speakers and not w.isdigit()))
    return None


def forecasts_clash(a: Forecast | None, b: Forecast | None) -> bool:
    """A forecast and a measured figure are two facts; two forecasts are one only when the same forecaster is named
    in both (the IMF's 2.7 % growth is not the ministry's 3.1 %, and an analyst's June forecast is not another's
    yearly average). Names are matched within one script: nothing here links "صندوق النقد" to "IMF"."""
    if a is None and b is None:
        return False
    if a is None or b is None or not a.speaker or not b.speaker:
        return True
    if script_of(" ".join(a.speaker)) != script_of(" ".join(b.speaker)):
        return True
    return not (a.speaker & b.speaker)


# What joins a sum to its equivalent in another currency: "80 يورو (نحو 870 درهما)", "90 euros, soit 980 dirhams".
_EQUIVALENT_LINK = re.compile(
    r"^\s*(?:[(\[]|[,،]?\s*(?:أي ما يعادل|بما يعادل|ما يعادل|يعادل|أي|or about|or|i\.e\.|equivalent to|the equivalent of"
    r"|soit|l'équivalent de|l’équivalent de))\s*$", re.IGNORECASE)
EQUIVALENT_TOLERANCE = 0.05  # an equivalent is rounded at some day's rate: 5 % either side is the same sum


def _currency(mention: Mention) -> str | None:
    unit = mention.value.unit if isinstance(mention.value, Quantity) else None
    return unit if unit and unit.startswith("money:") and "/" not in unit else None


def equivalents(claim: Claim, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(sum, its equivalent) pairs in one claim: a sum in one currency followed by the same sum in another."""
    ordered = sorted((m for m in mentions if _currency(m)), key=lambda m: m.value.start)
    pairs = []
    for first, second in zip(ordered, ordered[1:]):
        between = claim.text[first.value.end - claim.start:second.value.start - claim.start]
        if _currency(first) != _currency(second) and _EQUIVALENT_LINK.match(between) and first.value.value:
            pairs.append((first, second))
    return pairs


def exchange_rates(pairs: Iterable[tuple[Mention, Mention]]) -> dict[tuple[str, str], float]:
    """Rates the articles themselves give (units of the second currency per unit of the first), both ways; the
    median where several articles give one."""
    seen: dict[tuple[str, str], list[float]] = {}
    for first, second in pairs:
        rate = second.value.value / first.value.value
        if rate > 0:
            seen.setdefault((_currency(first), _currency(second)), []).append(rate)
            seen.setdefault((_currency(second), _currency(first)), []).append(1 / rate)
    return {key: sorted(rates)[len(rates) // 2] for key, rates in sorted(seen.items())}


def converted(quantity: Quantity, rate: float) -> Quantity:
    """The value in the other unit (a currency at an article's rate, a measure at the lexicon's factor), widened by
    the tolerance of an equivalent."""
    def scale(x: float | None, widen: float) -> float | None:
        return None if x is None else x * rate * (1 + widen)
    return quantity.model_copy(update={
        "value": quantity.value * rate, "low": scale(quantity.low, -EQUIVALENT_TOLERANCE),
        "high": scale(quantity.high, EQUIVALENT_TOLERANCE)})
