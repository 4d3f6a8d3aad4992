"""The report as one self-contained HTML page: inline CSS and JS, no network, readable right to left.

Article text is untrusted input: everything goes through Jinja2 with autoescape on, so markup inside an article
(a `<script>`, an `onerror` attribute) is shown as text and never runs. The view is prepared here as plain strings
and the template only places them; nothing is marked safe.
"""
from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from checker.model import KINDS, Article, Finding, Report, Side
from checker.render import ReviewContext, articles_by_id, by_story, fact_sources, file_name, place, \
    quote_parts, side_label, story_line, text_direction, value_gloss
from checker.report import counts

RTL_LANGS = {"ar"}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("checker.render", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _generated_at() -> dt.datetime:
    # SOURCE_DATE_EPOCH (reproducible-builds.org): the same inputs then give a byte-identical page
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def _article_dir(article: Article | None, fallback: str) -> str:
    if article is None:
        return text_direction(fallback)
    return "rtl" if article.lang in RTL_LANGS else "ltr"


def _side(side: Side, article: Article | None) -> dict:
    before, value, after = quote_parts(side, article)
    return {
        "label": side_label(side),
        "file": file_name(side.source),
        "place": place(side),
        "source": side.source,
        "date": side.published.isoformat() if side.published else None,
        "title": article.title if article else None,
        "url": article.url if article else None,
        "dir": _article_dir(article, side.sentence),
        "quote_dir": text_direction(side.sentence),
        "value_dir": text_direction(side.text),
        "before": before,
        "value": value,
        "after": after,
        "text": side.text,
        "normalized": value_gloss(side),
    }


def _finding(finding: Finding, articles: dict[str, Article]) -> dict:
    # outlets (file names where none is known) are what a fact-checker filters by; a .jsonl line's source is not:
    # its file name is (one entry for a feed, not one per line)
    sources = sorted({side.outlet or file_name(side.source.rsplit(":", 1)[0] if side.source.rsplit(":", 1)[-1]
                                               .isdigit() else side.source) for side in finding.sides})
    return {
        "id": finding.id,
        "kind": finding.kind,
        "type": finding.type,
        "fingerprint": finding.fingerprint,
        "explanation": finding.explanation,
        "explanation_dir": text_direction(finding.explanation),
        "review": finding.review,
        "sources": sources,
        "sides": [_side(side, articles.get(side.article_id)) for side in finding.sides],
        "story": finding.story or "",
        "story_head": None,
    }


def render_html(report: Report, context: ReviewContext = ReviewContext(), now: dt.datetime | None = None) -> str:
    articles = articles_by_id(report)
    findings, stories = [], []
    for story, members in by_story(report):
        for n, finding in enumerate(members):
            row = _finding(finding, articles)
            if story is not None and n == 0:
                row["story_head"] = {"id": story.id, "title": story.title or "", "line": story_line(story),
                                     "findings": len(members),
                                     "dir": text_direction(story.title or "")}
                stories.append({"id": story.id, "title": story.title or story.id})
            findings.append(row)
    sources = sorted({source for f in findings for source in f["sources"]})
    facts = [{"name": fact.concept or fact.type, "type": fact.type, "corroborations": list(fact.corroborations),
              "sources": fact_sources(fact, articles), "mentions": len(fact.mentions)} for fact in report.facts]
    article_rows = [{"file": file_name(a.source), "id": a.id, "outlet": a.outlet, "title": a.title,
                     "date": a.published.isoformat() if a.published else None, "lang": a.lang, "role": a.role,
                     "dir": "rtl" if a.lang in RTL_LANGS else "ltr"} for a in report.articles]
    stamp = (now or _generated_at()).isoformat(timespec="seconds")
    return _environment().get_template("report.html").render(
        report=report,
        kinds=KINDS,
        tally=counts(report),
        checked=[i for i in report.inputs if i.status == "checked"],
        skipped=[i for i in report.inputs if i.status == "skipped"],
        findings=findings,
        sources=sources,
        facts=facts,
        stories=stories,
        articles=article_rows,
        context=context,
        generated=stamp,
    )
