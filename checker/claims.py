"""Articles into sentence-level claims, each a span of the article's file.

Lines first (a headline, a dateline or a list item is a claim of its own), then sentences inside a line with NLTK's
Punkt. Punkt needs no downloaded model when used untrained; we give it the Arabic question mark and the
abbreviations news text uses, and keep it from breaking inside a quotation. Measured against blingfire on the seeds
and the bench fixtures (docs/ingest.md): blingfire breaks Arabic headlines at "..", and misses "réalisations. Élu".
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from checker.ingest import published_line
from checker.limits import Limits
from checker.model import Article, Claim

Span = tuple[int, int]

# Lowercased, without the final period, as Punkt stores them. "د." is the Arabic "Dr.".
ABBREVIATIONS = frozenset({
    "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "e.g", "i.e", "etc", "vs", "no", "mr", "mrs", "ms", "dr", "prof",
    "st", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "inc", "ltd", "co", "corp", "jr", "sr", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "m", "mm", "mme", "mlle", "av", "env", "cf", "p", "n°", "د",
})
# Markdown that frames a line (heading, quote, list bullet) and is not part of what the line says.
_MARKDOWN_LEAD = re.compile(r"(?:#{1,6}\s+|>\s*|[-*+]\s+)+")
_RULE = re.compile(r"(?:[-*_=]\s*){3,}")
_WORD = re.compile(r"\w")
_OPENING = "«“‘(["
# Quotation pairs inside which a sentence end does not end the claim: the quote is one statement.
_QUOTES = {"«": "»", "“": "”", '"': '"'}


class _NewsLanguageVars(PunktLanguageVars):
    sent_end_chars = (".", "?", "!", "؟")


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    parameters = PunktParameters()
    parameters.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(parameters, lang_vars=_NewsLanguageVars())


def split_claims(articles: Sequence[Article], limits: Limits = Limits()) -> list[Claim]:
    """Sentence claims of every article, in article order; offsets index the article's file text."""
    return split_claims_noted(articles, limits)[0]


def split_claims_noted(articles: Sequence[Article],
                       limits: Limits = Limits()) -> tuple[list[Claim], dict[str, list[str]]]:
    """`split_claims`, and for each article source whose lines or sentences were cut at `limits`, what was cut."""
    claims: list[Claim] = []
    notes: dict[str, list[str]] = {}
    for article in articles:
        cuts: Counter[str] = Counter()
        try:
            # The title comes first, as a reader meets it: it is checked against its own body (a headline that says
            # 19 dead over a body that says 14), and its spellings are names like the body's.
            spans = claim_spans(article.text, *article.title_span, limits, cuts) if article.title_span else []
            spans += claim_spans(article.text, article.start, article.end, limits, cuts)
        except Exception as exc:  # noqa: BLE001 - one article's text never ends the run
            notes.setdefault(article.source, []).append(f"article {article.id} not split into sentences: "
                                                        f"{type(exc).__name__}")
            continue
        for index, (start, end) in enumerate(spans):
            claims.append(Claim(id=f"{article.id}:{index}", article_id=article.id, start=start, end=end,
                                text=article.text[start:end]))
        if cuts:
            notes.setdefault(article.source, []).extend(_cut_notes(cuts, limits))
    return claims, notes


def _cut_notes(cuts: Counter[str], limits: Limits) -> list[str]:
    notes = []
    if cuts["line"]:
        notes.append(f"{cuts['line']} line(s) cut at {limits.line_chars:,} characters (line_chars)")
    if cuts["sentence"]:
        notes.append(f"{cuts['sentence']} sentence(s) cut at {limits.sentence_chars:,} characters (sentence_chars)")
    return notes


def claim_spans(text: str, start: int, end: int, limits: Limits = Limits(),
                cuts: Counter[str] | None = None) -> list[Span]:
    """Spans of the claims in `text[start:end]`: per line, then per sentence, trimmed, empty ones dropped.

    A line longer than `limits.line_chars` is read up to it, a sentence longer than `limits.sentence_chars` up to
    it (at the last space before the limit, when there is one), and each cut is counted in `cuts`: the work a
    sentence costs grows with its length, so a megabyte without punctuation must not become one sentence.
    """
    cuts = Counter() if cuts is None else cuts
    spans: list[Span] = []
    for line_start, line_end in _content_lines(text, start, end):
        if line_end - line_start > limits.line_chars:
            line_end = line_start + limits.line_chars
            cuts["line"] += 1
        line = text[line_start:line_end]
        for sentence_start, sentence_end in _sentences(line):
            if sentence_end - sentence_start > limits.sentence_chars:
                cut = line.rfind(" ", sentence_start + 1, sentence_start + limits.sentence_chars + 1)
                sentence_end = cut if cut > sentence_start else sentence_start + limits.sentence_chars
                cuts["sentence"] += 1
            span = _trim(text, line_start + sentence_start, line_start + sentence_end)
            if span is not None:
                spans.append(span)
    return spans


def _content_lines(text: str, start: int, end: int) -> Iterator[Span]:
    """Lines of the span that say something: markdown markers, rules and publication-date lines left out."""
    offset = start
    for raw in text[start:end].splitlines(keepends=True):
        line_start, offset = offset, offset + len(raw)
        line = raw.rstrip("\r\n")
        if not line.strip() or _RULE.fullmatch(line.strip()) or published_line(line) is not None:
            continue
        lead = len(line) - len(line.lstrip())
        marker = _MARKDOWN_LEAD.match(line, lead)
        if marker is not None:
            lead = marker.end()
        yield line_start + lead, line_start + len(line)


def _sentences(line: str) -> list[Span]:
    """Punkt's sentence spans in one line, rejoined where Punkt broke inside a quotation or before an opening quote."""
    spans = list(_tokenizer().span_tokenize(line))
    spans = _move_opening_quotes(line, spans)
    return _join_quoted(line, spans)


def _move_opening_quotes(line: str, spans: list[Span]) -> list[Span]:
    """Punkt attaches "«" after a period to the sentence before it; the quote opens the next one."""
    moved = list(spans)
    for i in range(len(moved) - 1):
        start, end = moved[i]
        cut = end
        while cut > start and line[cut - 1] in _OPENING and line[cut - 2: cut - 1].isspace():
            cut -= 1
        if cut != end:
            moved[i] = (start, cut)
            moved[i + 1] = (cut, moved[i + 1][1])
    return moved


def _join_quoted(line: str, spans: list[Span]) -> list[Span]:
    """Merge sentences whose boundary lies inside a quotation that closes within the line."""
    inside = _quoted_regions(line)
    joined: list[Span] = []
    for start, end in spans:
        if joined and any(q_start < start < q_end for q_start, q_end in inside):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _quoted_regions(line: str) -> list[Span]:
    """(open, close) offsets of balanced quotations; an unclosed quote marks nothing, so it cannot swallow a line."""
    regions: list[Span] = []
    opened: tuple[str, int] | None = None
    for index, char in enumerate(line):
        if opened is None:
            if char in _QUOTES:
                opened = (char, index)
        elif char == _QUOTES[opened[0]]:
            regions.append((opened[1], index))
            opened = None
    return regions


def _trim(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding whitespace; None when nothing in it is a letter or a digit."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if _WORD.search(text, start, end) else None
