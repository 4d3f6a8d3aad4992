"""What matching needs to know about each value, read once from its claim before any pair is looked at.

A mention's context record (its concept, the years it is scoped to, what narrows it, whose forecast it is, the
names and head words of its clause, whether it sits in a headline, how many values of its concept its article
holds) is filled when the mention is located; blockers and features only read these records, so no pair goes back
to the text.
"""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from checker.compare import concept_of
from checker.model import Article, Claim, DateValue, Entity, Mention, Quantity
from checker.scope import Forecast, forecast_of, session_phase, value_qualifier, value_years
from checker.subjects import clause_names, head_words
from checker.text import LETTERS, clitic_forms, fold_word
from checker.values.attributes import demonym
from checker.values.counted import following_word, own_noun
from checker.values.quantities import NATIONALS
from checker.values.reader import describe


_CLAUSE_BREAK = re.compile(r"[،,؛;:()\"“”«»]")
CONTEXT_WORDS = 8


def clause_bounds(claim: Claim, mention: Mention) -> tuple[int, int]:
    """Article offsets of the clause around a value.

    A news sentence often strings several facts together ("victims from more than 60 countries…, while last year's
    operation in 116 countries…"); the clause keeps the one this value states. A clause piece of fewer than three
    words (two on the right) is too short to say anything and the clause reaches past it.
    """
    value = mention.value
    start, end = value.start - claim.start, value.end - claim.start
    left_start, right_end = 0, len(claim.text)
    breaks = list(_CLAUSE_BREAK.finditer(claim.text[:start]))
    if breaks and len(claim.text[breaks[-1].end():start].split()) >= 3:
        left_start = breaks[-1].end()
    first = _CLAUSE_BREAK.search(claim.text, end)
    if first and len(claim.text[end:first.start()].split()) >= 2:
        right_end = first.start()
    return claim.start + left_start, claim.start + right_end


def masked_context(claim: Claim, mention: Mention) -> str:
    """The clause around a value, capped at a few words each side, its number masked and its counted noun kept:
    what the fact is about."""
    value = mention.value
    clause_start, clause_end = clause_bounds(claim, mention)
    left = claim.text[clause_start - claim.start:value.start - claim.start]
    right = claim.text[value.end - claim.start:clause_end - claim.start]
    noun = value.noun if isinstance(value, Quantity) and value.noun else ""
    words = [*left.split()[-CONTEXT_WORDS:], noun, *right.split()[:CONTEXT_WORDS]]
    return " ".join(w for w in words if w)


def matched_texts(claims: Sequence[Claim], mentions: Sequence[Mention]
                  ) -> tuple[dict[str, str], dict[str, str]]:
    """What matching embeds of an article, beside its lead: the text of each claim that holds a value other than a
    name (the matcher's `claim_cosine` reads only those) by claim id, and each such value's masked context by
    mention id. An index stores these, and a partition of a distributed run embeds them."""
    by_id = {claim.id: claim for claim in claims}
    masked = {m.id: masked_context(by_id[m.claim_id], m) for m in mentions if not isinstance(m.value, Entity)}
    valued = {m.claim_id for m in mentions if m.id in masked}
    return {claim.id: claim.text for claim in claims if claim.id in valued}, masked


@dataclass(frozen=True)
class MentionContext:
    article: int  # index of the mention's article in the run
    lang: str
    concept: str | None
    headline: bool
    years: frozenset[int]  # the years its value is scoped to
    qualifier: str | None  # what narrows its counted noun ("member", "total", an Arabic relative adjective)
    forecast: Forecast | None  # the forecast it belongs to, if it is one
    names: frozenset[str]  # cross-script keys of the names in its clause
    heads: frozenset[str]  # content words right before it
    concept_values: int  # distinct values of its concept its article states (headline included)
    body_values: int  # distinct values of its concept in its article's body (headline left out)
    claim: int  # row of its claim in Located.claim_vectors
    first: bool  # the first value of its concept in its article: leads state the main fact
    largest: bool  # the largest value of its concept in its article: a toll's total, not a part of it
    coverage: float  # share of the run's articles that state a value of its concept
    words: frozenset[str] = frozenset()  # content-word stems of its masked context: what the writer said around it
    title: bool = False  # written in its article's front-matter title
    phase: str | None = None  # when in a trading session a market figure was taken ("intraday", "close")


@dataclass(frozen=True)
class Located:
    """The values to compare with their masked-context vectors (row i is mentions[i]) and where each stands."""

    mentions: list[Mention]
    vectors: object  # numpy.ndarray, unit rows
    contexts: list[MentionContext]
    articles: list[Article]
    # article index pairs (i <= j) whose values may be compared: of one story, and in a large group only those
    # close by themselves (checker.stories.comparable_pairs)
    stories: set[tuple[int, int]]
    claim_vectors: object = None  # numpy.ndarray, one unit row per claim of the run
    rates: dict[tuple[str, str], float] = dataclasses.field(default_factory=dict)  # (from, to) currency -> rate
    labels: list[int] | None = None  # each article's story (checker.stories.group); None: the components of stories


def matching_concept(mention: Mention, claim: Claim, lang: str) -> str | None:
    """The concept a value is matched under: its lexicon concept, or for a count of a noun no lexicon lists the
    noun's stem ("noun:طوابق"), so that two reports counting the same unlisted thing can meet."""
    concept = concept_of(mention)
    value = mention.value
    if concept is None and isinstance(value, Quantity) and not value.ordinal:
        word = following_word(claim.text, value.end - claim.start)
        nation = demonym(word) if word else None
        if nation:
            return f"{NATIONALS}{nation}"  # "60 فلسطينيا": people of one country, a group like "60 migrants"
        noun = own_noun(claim.text, value.end - claim.start, lang)
        return f"noun:{noun}" if noun else None
    return concept


def _magnitude(mention: Mention) -> float:
    return abs(mention.value.value) if isinstance(mention.value, Quantity) else 0.0




def context_words(masked: str) -> frozenset[str]:
    """Stems of the words around a value (clitics stripped, folded): the words two reports of one fact share."""
    return frozenset(clitic_forms(word)[-1] for word in LETTERS.findall(masked) if len(fold_word(word)) >= 3)


def mention_contexts(mentions: Sequence[Mention], claims: dict[str, Claim], articles: Sequence[Article],
                     headlines: set[str], claim_rows: dict[str, int] | None = None,
                     masked: Sequence[str] | None = None) -> list[MentionContext]:
    """One context record per mention, in order (mentions come in the order of their claims)."""
    claim_rows = claim_rows or {}
    lang_of = {article.id: article.lang for article in articles}
    concepts = [matching_concept(m, claims[m.claim_id], lang_of[m.article_id]) for m in mentions]
    first_of: dict[tuple[str, str | None], int] = {}
    largest_of: dict[tuple[str, str | None], float] = {}
    articles_with: dict[str | None, set[str]] = defaultdict(set)
    by_id = {article.id: article for article in articles}
    titled = [by_id[m.article_id].in_title(m.value.start) for m in mentions]
    # A title restates its body's lead: the body's values keep the places they hold in the body ("first", "largest",
    # how many values of a concept), as when no title was read.
    for index, mention in enumerate(mentions):
        key = (mention.article_id, concepts[index])
        if not titled[index]:
            first_of.setdefault(key, index)
            largest_of[key] = max(largest_of.get(key, 0.0), _magnitude(mention))
        articles_with[key[1]].add(mention.article_id)
    article_index = {article.id: i for i, article in enumerate(articles)}
    dates_by_claim: dict[str, list[DateValue]] = defaultdict(list)
    values_by_concept: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    body_by_concept: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for index, mention in enumerate(mentions):
        if isinstance(mention.value, DateValue):
            dates_by_claim[mention.claim_id].append(mention.value)
        key = (mention.article_id, concepts[index])
        if not titled[index]:
            values_by_concept[key].add(describe(mention.value))
        if mention.claim_id not in headlines:
            body_by_concept[key].add(describe(mention.value))
    out = []
    for index, mention in enumerate(mentions):
        claim, lang = claims[mention.claim_id], lang_of[mention.article_id]
        concept = concepts[index]
        key = (mention.article_id, concept)
        out.append(MentionContext(
            article=article_index[mention.article_id], lang=lang, concept=concept,
            headline=mention.claim_id in headlines,
            years=value_years(claim, mention, dates_by_claim[mention.claim_id]),
            qualifier=value_qualifier(claim, mention, lang),
            forecast=forecast_of(claim, mention, lang),
            phase=session_phase(claim, mention, lang),
            names=clause_names(claim, mention, lang),
            heads=head_words(claim, mention, lang),
            concept_values=max(1, len(values_by_concept[(mention.article_id, concept)])),
            body_values=len(body_by_concept[(mention.article_id, concept)]),
            claim=claim_rows.get(mention.claim_id, -1),
            first=first_of.get(key) == index,
            largest=_magnitude(mention) >= largest_of.get(key, 0.0),
            coverage=len(articles_with[concept]) / max(1, len(articles)),
            words=context_words(masked[index]) if masked is not None else frozenset(),
            title=titled[index],
        ))
    return out
