"""`check`: articles in, a conflict report out. Each stage is a batch function over plain data."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from checker import __version__
from checker.claims import split_claims_noted
from checker.compare import facts_and_findings
from checker.embed import BATCH, Embedder, load_embedder
from checker.errors import InputError
from checker.ids import stable_ids
from checker.ingest import read_inputs
from checker.limits import Limits, limits_from_env
from checker.match import match
from checker.match.context import Located, masked_context, mention_contexts
from checker.match.features import settings as match_settings
from checker.match.scorer import Scorer, load_scorer
from checker.model import Article, Claim, Entity, Fact, Finding, Input, Mention, Report, Settings
from checker.stories import settings as story_settings
from checker.stories import (article_names, article_vectors, comparable_pairs, describe_stories, group, labels_of,
                             rare)
from checker.scope import equivalents, exchange_rates, names_age_group
from checker.values.reader import describe, extract_values
from checker.names.variants import name_variants
from checker.wording import gloss

# progress(stage) as each stage starts (STAGES, in order); progress(stage, done, total) as articles are embedded.
Progress = Callable[..., None]
STAGES = ("reading", "claims", "values", "model", "stories", "embedding sentences", "embedding values", "contexts",
          "matching", "facts", "variants", "report")


def extract_mentions(articles: Sequence[Article], claims: Sequence[Claim], limits: Limits = Limits(),
                     notes: dict[str, list[str]] | None = None) -> list[Mention]:
    """Values of every claim, with offsets shifted from the claim into the article's file.

    A claim's values beyond `limits.values_per_sentence` are dropped, and counted in `notes` by article source:
    the work on one sentence grows with its number of values.
    """
    by_id = {article.id: article for article in articles}
    mentions = []
    dropped: dict[str, int] = defaultdict(int)
    failed: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        article = by_id[claim.article_id]
        try:
            values = extract_values(claim.text, article.lang, article.published)
        except Exception as exc:  # noqa: BLE001 - readers must not raise; if one does, that sentence is lost, not the run
            failed[article.source].append(f"values of claim {claim.id} not read: {type(exc).__name__}")
            continue
        if len(values) > limits.values_per_sentence:
            dropped[article.source] += len(values) - limits.values_per_sentence
            values = values[:limits.values_per_sentence]
        for index, value in enumerate(values):
            shifted = value.model_copy(update={"start": value.start + claim.start, "end": value.end + claim.start})
            mentions.append(Mention(id=f"{claim.id}/{index}", article_id=article.id, claim_id=claim.id,
                                    source=article.source, value=shifted))
    if notes is not None:
        for source, lost in failed.items():
            notes.setdefault(source, []).extend(lost)
        for source, count in dropped.items():
            notes.setdefault(source, []).append(f"{count} value(s) beyond {limits.values_per_sentence} in one "
                                                "sentence not read (values_per_sentence)")
    return mentions


def with_notes(inputs: Sequence[Input], notes: dict[str, list[str]]) -> list[Input]:
    """Inputs with what was cut from their articles added to `reason` (a .jsonl's lines are "path:LINE")."""
    noted = []
    for item in inputs:
        own = [note for source, found in notes.items() if source == item.source
               or (item.status == "checked" and source.startswith(item.source + ":")) for note in found]
        if own and item.status == "checked":
            reason = "; ".join([*([item.reason] if item.reason else []), *own])
            item = item.model_copy(update={"reason": reason})
        noted.append(item)
    return noted


HEADLINE_WORDS = 25
_SENTENCE_END = (".", "!", "?", "؟", "…", ":", "؛")


def headline_claims(articles: Sequence[Article], claims: Sequence[Claim]) -> set[str]:
    """Claims that are an article's headline: its front matter's title, else its first line, short and without
    closing punctuation.

    A wire's first paragraph can be one sentence on one line too ("RABAT, Dec 3 - A strong earthquake ... said on
    Wednesday."), but it ends like a sentence; a headline does not.
    """
    first: dict[str, Claim] = {}
    by_id = {article.id: article for article in articles}
    headlines = set()
    for claim in claims:
        if by_id[claim.article_id].in_title(claim.start):
            headlines.add(claim.id)  # the front matter's title: a headline by what the file says it is
        else:
            first.setdefault(claim.article_id, claim)
    # A body may open with a headline of its own under a working title ("title: Draft - storm on the coast").
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


def _encode(embedder: Embedder, texts: list[str], article_rows: list[int], total: int, say: Progress,
            stage: str) -> np.ndarray:
    """`embedder.encode(texts)`, saying after each batch how many articles are done (texts come in article order).

    Slices fall where the encoder's own batches do (multiples of BATCH), so the vectors are those of one call.
    """
    say(stage, 0, total)
    if not texts:
        return embedder.encode(texts)
    chunks = []
    for start in range(0, len(texts), BATCH):
        end = min(start + BATCH, len(texts))
        chunks.append(embedder.encode(texts[start:end]))
        say(stage, total if end == len(texts) else article_rows[end], total)
    return np.concatenate(chunks, axis=0)


def locate(articles: Sequence[Article], claims: Sequence[Claim], mentions: Sequence[Mention],
           embedder: Embedder, progress: Progress | None = None, labels: Sequence[int] | None = None) -> Located:
    """Embed what is compared and read each value's context once: story, years, qualifier, forecast, names.

    `labels` (the story of each article, checker.stories.group) are computed here unless given.
    """
    say = progress or (lambda *_: None)
    article_index = {article.id: i for i, article in enumerate(articles)}
    say("stories")
    leads, names = article_vectors(articles, embedder), article_names(articles, mentions)
    if labels is None:
        labels = group(articles, leads, names=names)
    stories = comparable_pairs(articles, labels, leads, rare(names))

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
    # Only the sentences of compared values are embedded: the matcher's claim_cosine is all a sentence vector is
    # for (the story groups use one lead vector per article), and they were under half of a news run's sentences.
    valued = list(dict.fromkeys(m.claim_id for m in compared))
    claim_vectors = _encode(embedder, [claims_by_id[claim_id].text for claim_id in valued],
                            [article_index[claims_by_id[claim_id].article_id] for claim_id in valued], len(articles),
                            say, "embedding sentences")
    vectors = _encode(embedder, masked, [article_index[m.article_id] for m in compared], len(articles), say,
                      "embedding values")
    say("contexts")
    contexts = mention_contexts(compared, claims_by_id, articles, headline_claims(articles, claims),
                                {claim_id: row for row, claim_id in enumerate(valued)}, masked)
    return Located(compared, vectors, contexts, list(articles), stories, claim_vectors, exchange_rates(pairs),
                   list(labels))


def read_articles(paths: Sequence[str | Path], against: Sequence[str | Path], limits: Limits
                  ) -> tuple[list[Article], list[Input]]:
    """Drafts (or articles) under `paths`, then the references under `against`, and what became of every path.
    A file among the drafts is not read again as a reference (`--against wire/` holding the draft): it is one
    article, not a draft checked against its own copy."""
    seen: dict[tuple[int, int], str] = {}
    articles, inputs = read_inputs(paths, role="draft" if against else "article", limits=limits, seen=seen)
    if against:
        references, reference_inputs = read_inputs(against, role="article", limits=limits, seen=seen)
        articles, inputs = [*articles, *references], [*inputs, *reference_inputs]
    return articles, inputs


def prepare(paths: Sequence[str | Path], against: Sequence[str | Path] = (), embedder: Embedder | None = None,
            model: str | None = None, progress: Progress | None = None,
            ) -> tuple[list, list[Article], list[Claim], Located, Embedder]:
    """Every stage up to matching: inputs, articles, claims and the located values (for check and calibration)."""
    say = progress or (lambda *_: None)
    say("reading")
    limits = limits_from_env()
    articles, inputs = read_articles(paths, against, limits)
    say("claims")
    claims, notes = split_claims_noted(articles, limits)
    say("values")
    mentions = extract_mentions(articles, claims, limits, notes)
    inputs = with_notes(inputs, notes)
    say("model")
    embedder = embedder or load_embedder(model)
    return inputs, articles, claims, locate(articles, claims, mentions, embedder, say), embedder


def conclude(articles: Sequence[Article], claims: Sequence[Claim], located: Located, scorer: Scorer,
             against: bool = False, progress: Progress | None = None) -> tuple[list, list[Finding]]:
    """Facts and findings of located values: matched values that differ, and names spelled two ways."""
    say = progress or (lambda *_: None)
    say("matching")
    edges = match(located, scorer)
    say("facts")
    claims_by_id = {claim.id: claim for claim in claims}
    articles_by_id = {article.id: article for article in articles}
    facts, findings = facts_and_findings(located.mentions, edges, articles_by_id, claims_by_id, located.rates)
    claims_by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        claims_by_article[claim.article_id].append(claim)
    say("variants")
    # A name spelled two ways is a finding anywhere in its story, not only between articles of one fact; in a group
    # too large to be one story, only between articles whose values are compared (checker.stories.comparable_pairs).
    findings.extend(name_variants(articles, located.stories, claims_by_article))
    if against:
        drafts = {article.id for article in articles if article.role == "draft"}
        findings = [f for f in findings if any(side.article_id in drafts for side in f.sides)]
    return facts, findings


def _labels(articles: Sequence[Article], located: Located) -> list[int]:
    """Each article's story: as grouped, or (a Located made without labels) the components of its pairs."""
    return list(located.labels) if located.labels is not None else labels_of(len(articles), located.stories)


def for_people(findings: Sequence[Finding], mentions: Sequence[Mention], articles: Sequence[Article]
               ) -> list[Finding]:
    """Each side with its line and column in the file and its value in plain English (checker.wording)."""
    values = {(m.article_id, m.value.start, m.value.end): m.value for m in mentions}
    texts = {article.id: article.text for article in articles}
    people = []
    for finding in findings:
        sides = []
        for side in finding.sides:
            text = texts.get(side.article_id, "")
            line_start = text.rfind("\n", 0, side.start) + 1
            value = values.get((side.article_id, side.start, side.end))
            sides.append(side.model_copy(update={
                "line": text.count("\n", 0, side.start) + 1, "column": side.start - line_start + 1,
                "gloss": gloss(value) if value is not None else f"the name {side.text}"}))
        people.append(finding.model_copy(update={"sides": tuple(sides)}))
    return people


def facts_for_people(facts: Sequence[Fact], mentions: Sequence[Mention], articles: Sequence[Article]) -> list[Fact]:
    """Each fact's corroboration lines with its values in plain English: "66 countries: 2 sources (...)"."""
    by_id = {mention.id: mention for mention in mentions}
    outlets = {article.id: article.outlet or Path(article.source).name for article in articles}
    people = []
    for fact in facts:
        by_value: dict[str, tuple[str, set[str]]] = {}
        for mention_id in fact.mentions:
            mention = by_id[mention_id]
            key = describe(mention.value)  # values that read alike are one line, as the comparer grouped them
            by_value.setdefault(key, (gloss(mention.value), set()))[1].add(outlets[mention.article_id])
        lines = tuple(f"{words}: {len(sources)} source{'s' * (len(sources) != 1)} ({', '.join(sorted(sources))})"
                      for _, (words, sources) in sorted(by_value.items()))
        people.append(fact.model_copy(update={"corroborations": lines}))
    return people


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
    say = progress or (lambda *_: None)
    scorer = scorer or load_scorer()
    inputs, articles, claims, located, embedder = prepare(paths, against, embedder, model, say)
    return report_of(inputs, articles, claims, located, embedder, scorer, [str(p) for p in [*paths, *against]],
                     bool(against), say)


def report_of(inputs: Sequence[Input], articles: Sequence[Article], claims: Sequence[Claim], located: Located,
              embedder: Embedder, scorer: Scorer, given: Sequence[str], against: bool = False,
              progress: Progress | None = None) -> Report:
    """The report of located values: findings, facts and stories, with ids independent of the paths' order (the
    stages that see every article)."""
    say = progress or (lambda *_: None)
    facts, findings = conclude(articles, claims, located, scorer, against=against, progress=say)
    say("report")
    findings, facts = stable_ids(findings, facts, located.mentions, list(given))
    findings = for_people(findings, located.mentions, articles)
    facts = facts_for_people(facts, located.mentions, articles)
    stories, story_of = describe_stories(articles, _labels(articles, located))
    findings = [f.model_copy(update={"story": story_of.get(f.sides[0].article_id)}) for f in findings]
    return Report(
        version=__version__,
        settings=Settings(model=embedder.name, dimension=embedder.dimension, similarity_threshold=scorer.threshold,
                          neighbours=match_settings()["neighbours"],
                          # how the scorer was fitted is in `scorer` (its data record), not a threshold
                          thresholds={**{key: value for key, value in match_settings().items() if key != "fitting"},
                                      "decision": scorer.threshold,
                                      **{f"story_{key}": value for key, value in story_settings().items()}},
                          scorer=scorer.data),
        inputs=tuple(inputs),
        articles=tuple(articles),
        findings=tuple(_sorted_findings(findings)),
        facts=tuple(sorted(facts, key=lambda f: f.id)),
        stories=tuple(stories),
    )
