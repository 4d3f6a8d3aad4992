"""Renderers for people: plain or coloured text, Markdown for a ticket, one self-contained HTML page.

Every renderer shows the same things in the same order: inputs checked and skipped, findings by kind, then each
finding (most severe first) with its two sides, its fingerprint and any reviewer's verdict, then the facts.
The helpers here are what they share; JSON (the benchmark contract) stays in `checker.report`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from checker.model import Article, Fact, Finding, Report, Side, Story
from checker.report import SEVERITY

FORMATS = ("text", "json", "md", "html")


@dataclass(frozen=True)
class ReviewContext:
    """What the review step did, for renderers to say: which store was read, how many findings it hid; and, for
    `checker serve`, that the HTML page takes verdicts (with the run's token and a default reviewer name)."""

    store: str | None = None
    hidden: int = 0
    interactive: bool = False
    token: str | None = None
    reviewer: str | None = None


# Control characters an article or a file name may carry: C0 but tab and newline, DEL, C1 (0x9b alone opens a CSI
# sequence on some terminals). ESC[2J clears a screen, OSC 0 retitles the window, OSC 8 makes a hidden hyperlink.
_CONTROL = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n"}
_CONTROL.update({0x7f: 0x2421, **{code: 0xfffd for code in range(0x80, 0xa0)}})


def printable(text: str) -> str:
    """`text` with every control character shown as its Unicode picture (ESC as ␛, BEL as ␇; C1 as U+FFFD).

    One character for one, so offsets and styled spans over the text still hold; with its ESC made visible, an
    escape sequence is inert text that shows what the article held.
    """
    return text.translate(_CONTROL)


def file_name(source: str) -> str:
    return PurePath(source.replace("\\", "/")).name


def side_label(side: Side) -> str:
    return side.outlet or file_name(side.source)


def place(side: Side) -> str:
    """Where a side is, as an editor opens it: "file.txt:12:5" (line and column, 1-based); offsets only for a
    report from before lines were recorded."""
    if side.line is not None and side.column is not None:
        return f"{file_name(side.source)}:{side.line}:{side.column}"
    return f"{file_name(side.source)}:{side.start}-{side.end}"


def value_gloss(side: Side) -> str:
    """The value in plain English when the report has it (reports since glosses), else the compact reading."""
    return side.gloss or side.normalized


def by_severity(findings: tuple[Finding, ...] | list[Finding]) -> list[Finding]:
    """Most severe first; the pipeline's order (by source and offset) within a kind."""
    return sorted(findings, key=lambda f: -SEVERITY[f.kind])


def text_direction(text: str) -> Literal["rtl", "ltr"]:
    """The direction of the script most of the text's letters are in (a quote in Arabic naming 'Interpol' in
    Latin letters is still right-to-left)."""
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    return "rtl" if rtl > ltr else "ltr"


def quote_parts(side: Side, article: Article | None = None) -> tuple[str, str, str]:
    """The side's sentence split around its value: (before, value, after).

    Where the article's text is at hand, the sentence is located in the file so the value highlighted is the one
    at the side's offsets, not an earlier occurrence of the same words; otherwise the first occurrence is taken.
    When the value is not in the sentence at all, the whole sentence comes back in `before`.
    """
    sentence, value = side.sentence, side.text
    at = -1
    if article is not None and article.text[side.start:side.end] == value:
        begin = article.text.find(sentence, max(0, side.end - len(sentence)), side.start + len(sentence))
        if begin != -1 and begin <= side.start and side.end <= begin + len(sentence):
            at = side.start - begin
    if at == -1:
        at = sentence.find(value) if value else -1
    if at == -1:
        return sentence, "", ""
    return sentence[:at], value, sentence[at + len(value):]


def by_story(report: Report) -> list[tuple[Story | None, list[Finding]]]:
    """Findings in sections, one per story that has any, most severe story first (then most findings, then the
    run's order); each section's findings most severe first. A run of one story (appended "read also" items
    aside), or without findings, is one section without a story, so its report reads as before stories were
    grouped."""
    roles = {article.id: article.role for article in report.articles}
    given = [story for story in report.stories if any(roles.get(a) != "appended" for a in story.articles)]
    if len(given) <= 1 or not report.findings:
        return [(None, by_severity(report.findings))]
    sections: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        sections.setdefault(finding.story, []).append(finding)
    stories = {story.id: story for story in report.stories}
    order = {story.id: n for n, story in enumerate(report.stories)}
    keys = sorted(sections, key=lambda key: (-max(SEVERITY[f.kind] for f in sections[key]), -len(sections[key]),
                                             order.get(key, len(order))))
    return [(stories.get(key), by_severity(sections[key])) for key in keys]


def story_line(story: Story) -> str:
    """Outlets and dates of a story, on one line: "BBC Arabic, CNN Arabic · 2018-06-03 to 2018-06-04 · 5 articles"."""
    dates = ""
    if story.first and story.last:
        dates = story.first.isoformat() if story.first == story.last else \
            f"{story.first.isoformat()} to {story.last.isoformat()}"
    parts = [", ".join(story.outlets), dates, f"{len(story.articles)} article{'s' * (len(story.articles) != 1)}"]
    return " · ".join(part for part in parts if part)


def articles_by_id(report: Report) -> dict[str, Article]:
    return {article.id: article for article in report.articles}


def fact_sources(fact: Fact, articles: dict[str, Article]) -> list[str]:
    """Outlets (or file names) stating a fact, from its mention ids ('<source>#<n>:<claim>/<value>')."""
    names: list[str] = []
    for mention in fact.mentions:
        article_id = mention.rsplit("/", 1)[0].rsplit(":", 1)[0]
        article = articles.get(article_id)
        name = (article.outlet or file_name(article.source)) if article else file_name(article_id.split("#")[0])
        if name not in names:
            names.append(name)
    return names


def render(report: Report, fmt: str, context: ReviewContext = ReviewContext()) -> str:
    """The report in one of FORMATS, as a string."""
    if fmt == "json":
        from checker.report import render_json
        return render_json(report, context.store, context.hidden)
    if fmt == "text":
        from checker.render.terminal import render_text
        return render_text(report, context)
    if fmt == "md":
        from checker.render.markdown import render_markdown
        return render_markdown(report, context)
    if fmt == "html":
        from checker.render.html import render_html
        return render_html(report, context)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
