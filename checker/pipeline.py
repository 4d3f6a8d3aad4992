"""`check`: articles in, a conflict report out. Each stage is a batch function over plain data."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from checker import __version__
from checker.claims import split_claims
from checker.cluster import centroids
from checker.compare import facts_and_findings
from checker.embed import Embedder, load_embedder
from checker.errors import InputError
from checker.ingest import read_inputs
from checker.match import match
from checker.match.context import Located, masked_context, mention_contexts, story_pairs
from checker.match.features import settings as match_settings
from checker.match.scorer import Scorer, load_scorer
from checker.model import Article, Claim, Entity, Finding, Mention, Report, Settings
from checker.scope import equivalents, exchange_rates, names_age_group
from checker.values.reader import extract_values
from checker.variants import name_variants

Progress = Callable[[str], None]


def extract_mentions(articles: Sequence[Article], claims: Sequence[Claim]) -> list[Mention]:
    """Values of every claim, with offsets shifted from the claim into the article's file."""
    by_id = {article.id: article for article in articles}
    mentions = []
    for claim in claims:
        article = by_id[claim.article_id]
        for index, value in enumerate(extract_values(claim.text, article.lang, article.published)):
            shifted = value.model_copy(update={"start": value.start + claim.start, "end": value.end + claim.start})
            mentions.append(Mention(id=f"{claim.id}/{index}", article_id=article.id, claim_id=claim.id,
                                    source=article.source, value=shifted))
    return mentions


HEADLINE_WORDS = 25
_SENTENCE_END = (".", "!", "?", "؟", "…", ":", "؛")


def headline_claims(articles: Sequence[Article], claims: Sequence[Claim]) -> set[str]:
    """Claims that are an article's headline: its first line, short and without closing punctuation.

    A wire's first paragraph can be one sentence on one line too ("RABAT, Dec 3 - A strong earthquake ... said on
    Wednesday."), but it ends like a sentence; a headline does not.
    """
    first: dict[str, Claim] = {}
    for claim in claims:
        first.setdefault(claim.article_id, claim)
    by_id = {article.id: article for article in articles}
    headlines = set()
    for article_id, claim in first.items():
        article = by_id[article_id]
        line_end = article.text.find("\n", claim.start)
        line_end = len(article.text) if line_end < 0 else line_end
        alone_on_line = article.text[claim.end:line_end].strip() == ""
        opens_body = article.text[article.start:claim.start].strip() == ""
        text = claim.text.strip()
        if alone_on_line and opens_body and not text.endswith(_SENTENCE_END) and len(text.split()) <= HEADLINE_WORDS:
            headlines.add(claim.id)
    return headlines


def locate(articles: Sequence[Article], claims: Sequence[Claim], mentions: Sequence[Mention],
           embedder: Embedder) -> Located:
    """Embed what is compared and read each value's context once: story, years, qualifier, forecast, names."""
    claim_vectors = embedder.encode([claim.text for claim in claims])
    article_index = {article.id: i for i, article in enumerate(articles)}
    topics = centroids(claim_vectors, [article_index[c.article_id] for c in claims], len(articles))
    stories = story_pairs(articles, topics, match_settings()["same_story"])

    claims_by_id = {claim.id: claim for claim in claims}
    lang_of = {article.id: article.lang for article in articles}
    by_claim: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_claim[mention.claim_id].append(mention)
    pairs = [pair for claim in claims for pair in equivalents(claim, by_claim[claim.id])]
    restated = {equivalent.id for _, equivalent in pairs}
    # Names are compared as spellings (variants); an age category ("U-20") is a name too, not a quantity; a sum's
    # equivalent in another currency restates it (the sum is compared, at the article's own rate).
    compared = [m for m in mentions if not isinstance(m.value, Entity) and m.id not in restated
                and not names_age_group(claims_by_id[m.claim_id], m, lang_of[m.article_id])]
    masked = [masked_context(claims_by_id[m.claim_id], m) for m in compared]
    vectors = embedder.encode(masked)
    contexts = mention_contexts(compared, claims_by_id, articles, headline_claims(articles, claims),
                                {claim.id: row for row, claim in enumerate(claims)}, masked)
    return Located(compared, vectors, contexts, list(articles), stories, claim_vectors, exchange_rates(pairs))


def prepare(paths: Sequence[str | Path], against: Sequence[str | Path] = (), embedder: Embedder | None = None,
            model: str | None = None, progress: Progress | None = None,
            ) -> tuple[list, list[Article], list[Claim], Located, Embedder]:
    """Every stage up to matching: inputs, articles, claims and the located values (for check and calibration)."""
    say = progress or (lambda _stage: None)
    say("reading")
    articles, inputs = read_inputs(paths, role="draft" if against else "article")
    if against:
        references, reference_inputs = read_inputs(against, role="article")
        articles, inputs = [*articles, *references], [*inputs, *reference_inputs]
    claims = split_claims(articles)
    say("extracting")
    mentions = extract_mentions(articles, claims)
    embedder = embedder or load_embedder(model)
    say("embedding")
    return inputs, articles, claims, locate(articles, claims, mentions, embedder), embedder


def conclude(articles: Sequence[Article], claims: Sequence[Claim], located: Located, scorer: Scorer,
             against: bool = False) -> tuple[list, list[Finding]]:
    """Facts and findings of located values: matched values that differ, and names spelled two ways."""
    edges = match(located, scorer)
    claims_by_id = {claim.id: claim for claim in claims}
    articles_by_id = {article.id: article for article in articles}
    facts, findings = facts_and_findings(located.mentions, edges, articles_by_id, claims_by_id, located.rates)
    claims_by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        claims_by_article[claim.article_id].append(claim)
    findings.extend(name_variants(articles, located.stories, claims_by_article))
    if against:
        drafts = {article.id for article in articles if article.role == "draft"}
        findings = [f for f in findings if any(side.article_id in drafts for side in f.sides)]
    return facts, findings


def _sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.sides[0].source, f.sides[0].start, f.sides[1].source,
                                           f.sides[1].start, f.kind))


def check(
    paths: Sequence[str | Path],
    against: Sequence[str | Path] = (),
    model: str | None = None,
    scorer: Scorer | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> Report:
    """Compare the articles under `paths` (or, with `against`, the drafts under `paths` with the references)."""
    if not paths:
        raise InputError("no input: give at least one file or folder to check")
    say = progress or (lambda _stage: None)
    scorer = scorer or load_scorer()
    inputs, articles, claims, located, embedder = prepare(paths, against, embedder, model, say)
    say("comparing")
    facts, findings = conclude(articles, claims, located, scorer, against=bool(against))
    return Report(
        version=__version__,
        settings=Settings(model=embedder.name, dimension=embedder.dimension, similarity_threshold=scorer.threshold,
                          neighbours=match_settings()["neighbours"],
                          thresholds={**match_settings(), "decision": scorer.threshold}, scorer=scorer.data),
        inputs=tuple(inputs),
        articles=tuple(articles),
        findings=tuple(_sorted_findings(findings)),
        facts=tuple(sorted(facts, key=lambda f: f.id)),
    )
