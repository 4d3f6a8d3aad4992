"""The one data model that flows through the pipeline.

Article -> Claim (offsets into the article's file) -> Value (quantity, date, entity) -> Fact -> Finding -> Report.
Every span is a pair of code-point offsets into the whole decoded file (front matter included), so a report can
always quote the file itself instead of carrying copies of text around.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["ar", "en", "fr"]
Kind = Literal["contradiction", "imprecision", "variant"]
KINDS: tuple[Kind, ...] = ("contradiction", "imprecision", "variant")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Input(Frozen):
    """One path the run was given, and what became of it: nothing is silently lost."""

    source: str
    status: Literal["checked", "skipped"]
    reason: str | None = None
    articles: int = 0
    role: Literal["article", "draft"] = "article"  # a skipped draft fails the editor's gate; a reference does not


class Article(Frozen):
    """A news article: a span of a file (an appended 'read also' item is an article of its own)."""

    id: str  # "<source>#<index>": stable across runs
    source: str
    text: str = Field(repr=False, exclude=True)  # the whole decoded file; spans index into it
    start: int
    end: int
    outlet: str | None = None
    published: dt.date | None = None
    lang: Lang = "ar"
    title: str | None = None
    # where the front matter's title sits in the file: the headline is read like a sentence of the article
    title_span: tuple[int, int] | None = None
    url: str | None = None
    role: Literal["article", "draft", "appended"] = "article"

    @property
    def body(self) -> str:
        return self.text[self.start:self.end]

    def in_title(self, offset: int) -> bool:
        """Whether a character offset lies in the front matter's title."""
        return self.title_span is not None and self.title_span[0] <= offset < self.title_span[1]


class Claim(Frozen):
    """A sentence-level statement inside one article."""

    id: str  # "<article id>:<index>"
    article_id: str
    start: int
    end: int
    text: str


class Span(Frozen):
    start: int
    end: int
    text: str


class Quantity(Span):
    """A number as a reader means it: the stated value and the interval a reader would accept.

    `low`/`high` are None where unbounded; the inclusive flags say whether the bound itself is accepted
    ("more than 60" excludes 60, "at least 60" includes it).
    """

    type: Literal["quantity"] = "quantity"
    value: float
    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    unit: str | None = None  # concept of what is counted or measured: "country", "percent", "money:USD", ...
    noun: str | None = None  # the counted noun as written
    modifier: str | None = None  # canonical: more_than, at_least, less_than, at_most, about, between, vague
    ordinal: bool = False


class DateValue(Span):
    """A date as the interval of days it can mean; a relative date without an anchor is unresolved."""

    type: Literal["date"] = "date"
    low: dt.date | None
    high: dt.date | None
    granularity: Literal["day", "month", "year", "range", "part"] = "day"
    relative: bool = False


class Entity(Span):
    """A proper name; `key` is a transliteration-aware spelling key (equal keys: same name)."""

    type: Literal["entity"] = "entity"
    key: str
    script: Literal["arabic", "latin"]
    role: str | None = None  # the role the context gives it, when one is recognised ("secretary general")


class Attribute(Span):
    """A role filled by a name: who chaired, which country proposed, where a meeting was held or a boat left from.

    `role` is a concept id from the roles lexicon; `filler_key` says which filler it is across scripts and
    languages (equal keys: the same filler), so different fillers of one role are a contradiction.
    """

    type: Literal["attribute"] = "attribute"
    role: str
    filler: str  # the filler as written ("العراق", "Thailand", "وزير المياه والري الأردني")
    filler_key: str


Value = Annotated[Union[Quantity, DateValue, Entity, Attribute], Field(discriminator="type")]


class Mention(Frozen):
    """A value located in a claim of an article: what the comparer works on."""

    id: str  # "<claim id>/<index>"
    article_id: str
    claim_id: str
    source: str
    value: Value


class Side(Frozen):
    """One side of a finding, in the report contract's shape (../shared/bench/README.md)."""

    source: str
    start: int
    end: int
    text: str
    article_id: str
    outlet: str | None = None
    published: dt.date | None = None
    sentence: str
    normalized: str  # the value as read (compact, what matching and fingerprints use)
    gloss: str | None = None  # the value in plain English, for a reviewer ("more than 60 countries")
    line: int | None = None  # 1-based line of `start` in the file, front matter included
    column: int | None = None  # 1-based column of `start` on that line, in characters


class Finding(Frozen):
    id: str
    kind: Kind
    type: Literal["quantity", "date", "entity", "attribute"]
    sides: tuple[Side, Side]
    fact_id: str | None = None
    similarity: float | None = None  # cosine of the two values' masked contexts
    score: float | None = None  # the matcher's probability that the two values state one fact
    weighed: tuple[str, ...] = ()  # the features that moved that probability most
    explanation: str
    fingerprint: str | None = None  # stable across runs and input order: checker.review.fingerprint
    review: dict | None = None  # a reviewer's recorded verdict, attached by checker.review.apply_reviews
    story: str | None = None  # id of the story (Report.stories) both sides belong to


class Fact(Frozen):
    """Statements of one fact across sources, with which sources state which value."""

    id: str
    type: Literal["quantity", "date", "entity", "attribute"]
    concept: str | None
    mentions: tuple[str, ...]  # mention ids
    corroborations: tuple[str, ...]  # "66 countries: 2 sources" lines


class Story(Frozen):
    """Articles of one story, as checker.stories grouped the run: findings are only looked for inside one."""

    id: str  # "story-N", numbered in the order of the run's articles
    title: str | None = None  # the title of its earliest article (first in the run's order on a tie)
    outlets: tuple[str, ...] = ()
    first: dt.date | None = None  # earliest and latest publication dates of its articles
    last: dt.date | None = None
    articles: tuple[str, ...] = ()  # article ids


class Settings(Frozen):
    model: str
    dimension: int
    similarity_threshold: float
    neighbours: int
    thresholds: dict[str, float] = {}  # checker/match/thresholds.yaml and the scorer's decision threshold
    scorer: dict = {}  # what the scorer's weights were fitted on (hash, counts)


class Report(Frozen):
    version: str
    settings: Settings
    inputs: tuple[Input, ...]
    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]
    facts: tuple[Fact, ...] = ()
    stories: tuple[Story, ...] = ()

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"
