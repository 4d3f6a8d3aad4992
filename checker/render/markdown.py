"""The report as Markdown, for pasting into a ticket: the sides of each finding side by side in a table.

Article text is untrusted: HTML is escaped so a `<script>` or `<img onerror=...>` in an article shows as text in
a ticket tracker that renders inline HTML, Markdown's own markup characters are escaped so an article cannot
turn into links or headings, GitHub's autolinks (`https://…`, `www.…`, `name@host`) are broken, and control
characters (terminal escape sequences) are shown as their pictures.
"""
from __future__ import annotations

import re

from checker.model import KINDS, Finding, Report
from checker.render import ReviewContext, articles_by_id, by_story, fact_sources, place, printable, quote_parts, \
    story_line, value_gloss
from checker.report import counts

_MARKUP = "\\`*_[]~"  # with [ escaped, ( ) and ! cannot make a link or an image
_WWW = re.compile(r"(?i)(www)\.")
# GitHub links `user@host.tld` whatever is escaped; a word joiner (invisible, U+2060) after "@" stops it.
_AT = "@\u2060"


def md_escape(text: str) -> str:
    """Text safe in a table cell: HTML inert, Markdown markup literal, no autolink, no control character, one line.

    Checked against GitHub's own renderer (cmark-gfm with its autolink extension) in tests/test_render.py.
    """
    text = printable(text.replace("\r", " ").replace("\n", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = "".join("\\" + c if c in _MARKUP else c for c in text)
    # "https\://" and "www\." render as typed but are no longer autolinks.
    text = _WWW.sub(r"\1\\.", text.replace(":", "\\:")).replace("@", _AT)
    return text.replace("|", "\\|")


def _where(side) -> str:
    where = md_escape(place(side))
    return f"{md_escape(side.outlet)} ({where})" if side.outlet else where


def _finding(number: int, finding: Finding, articles, level: str = "###") -> list[str]:
    title = f"{level} {number}. {finding.kind} · {finding.type}"
    if finding.fingerprint:
        title += f" · `{finding.fingerprint}`"
    a, b = finding.sides
    rows = [("source", [_where(s) for s in (a, b)]),
            ("date", [s.published.isoformat() if s.published else "—" for s in (a, b)])]
    quotes = []
    for side in (a, b):
        before, value, after = quote_parts(side, articles.get(side.article_id))
        quotes.append(md_escape(before) + (f"**{md_escape(value)}**" if value else "") + md_escape(after))
    rows += [("sentence", quotes), ("value", [md_escape(value_gloss(s)) for s in (a, b)])]
    lines = [title, "", "| | A | B |", "|---|---|---|"]
    lines += [f"| {label} | {left} | {right} |" for label, (left, right) in rows]
    lines += ["", f"**Why:** {md_escape(finding.explanation)}"]
    if finding.review:
        review = finding.review
        who = f" by {md_escape(review['reviewer'])}" if review.get("reviewer") else ""
        line = f"**Review:** {review.get('verdict')}{who} ({review.get('reviewed_at', '')})"
        if review.get("note"):
            line += f" — {md_escape(review['note'])}"
        lines += ["", line]
    return lines + [""]


def render_markdown(report: Report, context: ReviewContext = ReviewContext()) -> str:
    checked = [i for i in report.inputs if i.status == "checked"]
    skipped = [i for i in report.inputs if i.status == "skipped"]
    tally = counts(report)
    lines = ["# Conflict report", "",
             f"Checked {len(checked)} input(s), {len(report.articles)} article(s); skipped {len(skipped)}.", ""]
    lines += ["| kind | findings |", "|---|---|"]
    lines += [f"| {kind} | {tally[kind]} |" for kind in KINDS]
    if context.hidden:
        lines += ["", f"{context.hidden} finding(s) dismissed by a reviewer are hidden "
                      f"(`--show-dismissed` shows them)."]
    if context.store:
        lines += ["", f"Review store: {md_escape(context.store)}"]
    lines += ["", "## Findings", ""]
    if not report.findings:
        lines += ["No disagreement found.", ""]
    articles = articles_by_id(report)
    sections = by_story(report)
    if sections[0][0] is not None:
        lines += [f"{len(report.stories)} stories, {len(sections)} with findings.", ""]
    number = 0
    for story, findings in sections:
        if story is not None:
            lines += [f"### Story {story.id[len('story-'):]}: {md_escape(story.title or '')}", "",
                      f"{md_escape(story_line(story))} · {len(findings)} finding{'s' * (len(findings) != 1)}", ""]
        for finding in findings:
            number += 1
            lines += _finding(number, finding, articles, "####" if story is not None else "###")
    corroborated = [fact for fact in report.facts if fact.corroborations]
    if corroborated:
        lines += ["## Facts", "", "| fact | corroborations | sources |", "|---|---|---|"]
        lines += [f"| {md_escape(fact.concept or fact.type)} | {md_escape('; '.join(fact.corroborations))} | "
                  f"{md_escape(', '.join(fact_sources(fact, articles)))} |" for fact in corroborated]
        lines.append("")
    lines += ["## Inputs", "", "| input | status | articles | reason |", "|---|---|---|---|"]
    lines += [f"| {md_escape(i.source)} | {i.status} | {i.articles} | {md_escape(i.reason or '')} |"
              for i in report.inputs]
    return "\n".join(lines) + "\n"
