"""Renderers for people: untrusted article text stays inert, right-to-left text is marked, pages are self-contained."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from html.parser import HTMLParser

import pytest
from rich.console import Console

from checker.model import Article, Fact, Finding, Input, Report, Settings, Side
from checker.render import FORMATS, ReviewContext, quote_parts, render, text_direction
from checker.render.html import render_html
from checker.render.markdown import md_escape, render_markdown
from checker.render.terminal import print_report, render_text
from checker.report import render_json
from checker.review import apply_reviews

SCRIPT = "<script>alert('pwned')</script>"
IMG = '<img src=x onerror="alert(2)">'

AR_TEXT = f"قال الأمين العام إن 66 دولة {SCRIPT} شاركت في الاجتماع.\n"
EN_TEXT = f"Officials said more than 60 countries {IMG} took part | in all.\nJohn Smyth spoke.\n"


def _side(article: Article, value: str, normalized: str, sentence: str | None = None) -> Side:
    start = article.text.index(value)
    line_end = article.text.index("\n", start)
    line_start = article.text.rfind("\n", 0, start) + 1
    return Side(source=article.source, start=start, end=start + len(value), text=value, article_id=article.id,
                outlet=article.outlet, published=article.published,
                sentence=sentence or article.text[line_start:line_end], normalized=normalized)


def make_report(**finding_updates) -> Report:
    ar = Article(id="bundle/ar.txt#0", source="bundle/ar.txt", text=AR_TEXT, start=0, end=len(AR_TEXT), lang="ar",
                 outlet="هسبريس", title=f"عنوان {SCRIPT}")
    en = Article(id="bundle/en.md#0", source="bundle/en.md", text=EN_TEXT, start=0, end=len(EN_TEXT), lang="en",
                 outlet=f"<b>Wire</b>{IMG}", published=dt.date(2025, 11, 25), url="https://example.org/story",
                 title="Storm <i>title</i>")
    imprecision = Finding(id="f1", kind="imprecision", type="quantity",
                          sides=(_side(ar, "66 دولة", "66 country"), _side(en, "more than 60 countries",
                                                                          "more than 60 country")),
                          similarity=0.71, explanation=f"'66 دولة' vs 'more than 60 countries' {SCRIPT}",
                          **finding_updates)
    variant = Finding(id="f2", kind="variant", type="entity",
                      sides=(_side(en, "John Smyth", "JN SMTH"), _side(ar, "الأمين العام", "JN SMTH")),
                      explanation="read alike")
    contradiction = Finding(id="f3", kind="contradiction", type="quantity",
                            sides=(_side(ar, "66 دولة", "66 country"), _side(en, "60 countries", "60 country")),
                            explanation="the values cannot both be true")
    return Report(
        version="0.0.test",
        settings=Settings(model="fake", dimension=8, similarity_threshold=0.5, neighbours=4),
        inputs=(Input(source="bundle/ar.txt", status="checked", articles=1),
                Input(source="bundle/en.md", status="checked", articles=1),
                Input(source=f"bundle/{SCRIPT}.bin", status="skipped", reason=f"not text {IMG}")),
        articles=(ar, en),
        findings=(imprecision, variant, contradiction),
        facts=(Fact(id="x1", type="quantity", concept="country",
                    mentions=("bundle/ar.txt#0:0/0", "bundle/en.md#0:0/1"),
                    corroborations=(f"66 country: 1 source {SCRIPT}", "more than 60 country: 1 source")),),
    )


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture
def page() -> str:
    return render_html(apply_reviews(make_report()))


def test_html_article_markup_never_becomes_elements(page: str) -> None:
    parsed = parse(page)
    assert len(parsed.scripts) == 1, f"expected only the page's own filter script, found {len(parsed.scripts)}"
    assert "alert" not in parsed.scripts[0], "article text leaked into the page's script"
    handlers = [(tag, name) for tag, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert handlers == [], f"event-handler attributes in the page: {handlers}"
    assert not [tag for tag, _ in parsed.tags if tag in ("img", "b", "i")], "article markup became elements"
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page, "the planted script is not shown as text"
    assert "onerror=&#34;alert(2)&#34;" in page or "onerror=&quot;alert(2)&quot;" in page


def test_html_is_self_contained(page: str) -> None:
    parsed = parse(page)
    remote = [(tag, attrs) for tag, attrs in parsed.tags
              for name in ("src", "href") if re.match(r"\s*(https?:)?//", attrs.get(name) or "")]
    assert remote == [], f"elements loading from the network: {remote}"
    assert not [tag for tag, _ in parsed.tags if tag in ("link", "iframe", "object", "embed")]
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page), "CSS loads something from the network"
    assert "https://example.org/story" in page, "the article's url should still be shown, as text"


def test_html_marks_direction_per_side_and_quote(page: str) -> None:
    sides = [attrs for tag, attrs in parse(page).tags if tag == "section" and "side" in (attrs.get("class") or "")]
    assert [s["dir"] for s in sides][:2] == ["rtl", "ltr"], "the Arabic side should be rtl, the English ltr"
    quotes = [attrs["dir"] for tag, attrs in parse(page).tags if tag == "blockquote"]
    assert "rtl" in quotes and "ltr" in quotes
    assert '<mark dir="rtl">66 دولة</mark>' in page, "the value is not highlighted inside its sentence"


def test_html_shows_summary_findings_and_filters(page: str) -> None:
    parsed = parse(page)
    findings = [attrs for tag, attrs in parsed.tags if tag == "article"]
    assert [f["data-kind"] for f in findings] == ["contradiction", "imprecision", "variant"], \
        "findings should be listed most severe first"
    assert all("hidden" not in f for f in findings), "every finding must be visible without JavaScript"
    form = next(attrs for tag, attrs in parsed.tags if tag == "form")
    assert "hidden" in form, "the filter form is for JavaScript only and starts hidden"
    assert json.loads(findings[0]["data-sources"]) == [f"<b>Wire</b>{IMG}", "هسبريس"], \
        "the source filter lists outlets"
    options = [attrs["value"] for tag, attrs in parsed.tags if tag == "option"]
    assert options == ["", f"<b>Wire</b>{IMG}", "هسبريس"]
    for text in ("input(s) checked", "input(s) skipped", "not text", "Facts", "66 country: 1 source",
                 "fingerprint", "more than 60 country", "@media print"):
        assert text in page, f"{text!r} missing from the page"


def test_html_shows_review_and_hidden_count() -> None:
    report = apply_reviews(make_report(), {})
    fp = report.findings[0].fingerprint
    reviewed = apply_reviews(report, {fp: {"verdict": "confirmed", "note": f"checked with {SCRIPT}",
                                           "reviewed_at": "2026-01-01T00:00:00+00:00"}})
    page = render_html(reviewed, ReviewContext(store="x.checker-review.sqlite", hidden=2))
    assert "confirmed" in page and "checked with &lt;script&gt;" in page
    assert "2 finding(s) dismissed by a reviewer are hidden" in page


@pytest.mark.parametrize("text, expected", [
    ("66 دولة", "rtl"),
    ("more than 60 countries", "ltr"),
    ("قال الأمين العام لـ Interpol إن", "rtl"),
    ("Interpol's chief فالديسي said", "ltr"),
    ("2025", "ltr"),
])
def test_text_direction_follows_the_majority_script(text: str, expected: str) -> None:
    assert text_direction(text) == expected


def test_quote_parts_highlights_the_occurrence_at_the_offsets() -> None:
    text = "12 people came, then 12 people left.\n"
    article = Article(id="a#0", source="a.txt", text=text, start=0, end=len(text), lang="en")
    second = text.index("12 people", 5)
    side = Side(source="a.txt", start=second, end=second + 9, text="12 people", article_id="a#0",
                sentence=text.strip(), normalized="12 person")
    assert quote_parts(side, article) == ("12 people came, then ", "12 people", " left.")
    assert quote_parts(side) == ("", "12 people", " came, then 12 people left."), "without the file: first match"
    missing = side.model_copy(update={"text": "twelve"})
    assert quote_parts(missing) == (text.strip(), "", "")


def test_markdown_escapes_html_and_markup() -> None:
    md = render_markdown(apply_reviews(make_report()))
    assert "<script" not in md and "<img" not in md and "<b>" not in md, "raw HTML from an article in Markdown"
    assert "&lt;script&gt;" in md and "&lt;img src=x onerror=" in md
    assert "took part \\| in all" in md, "a pipe in an article would break the table"
    assert "**66 دولة**" in md, "the value is not highlighted"
    assert md.index("contradiction · quantity") < md.index("imprecision · quantity") < md.index("variant · entity")
    for text in ("| contradiction | 1 |", "## Facts", "## Inputs", "skipped"):
        assert text in md


@pytest.mark.parametrize("text, expected", [
    ("[click](javascript:alert(1))", "\\[click\\](javascript\\:alert(1))"),
    ("\x1b[2J\x1b]0;title\x07", "␛\\[2J␛\\]0;title␇"),
    ("a*b_c`d", "a\\*b\\_c\\`d"),
    ("x\ny", "x y"),
    ("<b>&</b>", "&lt;b&gt;&amp;&lt;/b&gt;"),
])
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


def test_text_is_plain_off_a_terminal_and_coloured_on_one() -> None:
    report = apply_reviews(make_report())
    plain = render_text(report)
    assert "\x1b[" not in plain
    assert "CONTRADICTION quantity" in plain and report.findings[0].fingerprint in plain
    assert plain.index("CONTRADICTION") < plain.index("IMPRECISION") < plain.index("VARIANT")
    tty = io.StringIO()
    print_report(report, Console(file=tty, force_terminal=True, color_system="standard"))
    assert "\x1b[" in tty.getvalue(), "no colour on a terminal"
    piped = io.StringIO()
    print_report(report, Console(file=piped, force_terminal=False))
    assert piped.getvalue() == plain, "the terminal summary and the text format should say the same"


def test_json_is_the_contract_plus_review_fields() -> None:
    report = apply_reviews(make_report())
    assert render_json(report) == report.to_json()
    payload = json.loads(render_json(report, store="r.checker-review.sqlite", hidden=1))
    assert payload["review"] == {"store": "r.checker-review.sqlite", "hidden_dismissed": 1}
    plain = json.loads(report.to_json())
    assert payload["findings"] == plain["findings"] and payload["inputs"] == plain["inputs"]
    assert set(payload["findings"][0]["sides"][0]) >= {"source", "start", "end", "text"}
    assert payload["findings"][0]["fingerprint"] == report.findings[0].fingerprint


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_report(fmt: str) -> None:
    empty = make_report().model_copy(update={"findings": (), "facts": ()})
    out = render(empty, fmt)
    assert out.endswith("\n") and len(out) > 20


def test_stage_progress_draws_on_its_console_only(capsys) -> None:
    from checker.render.terminal import stage_progress

    err = io.StringIO()
    say, stop = stage_progress(Console(file=err, force_terminal=True, width=100))
    say("reading")
    for done in (0, 40, 120):
        say("embedding sentences", done, 120)
    say("report")
    stop()
    drawn = err.getvalue()
    assert "embedding sentences" in drawn and "40/120" in drawn and "report" in drawn
    assert capsys.readouterr().out == "", "progress leaked onto stdout"


HOSTILE_TEXTS = [
    "see https://evil.example/x, www.evil.example and mail@evil.example",
    "<https://evil.example> [a](http://evil.example) ![i](http://evil.example/i.png)",
    "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ xmpp:a@evil.example WWW.EVIL.EXAMPLE",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_md_escape_makes_no_link_in_githubs_renderer(text: str) -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    html = cmarkgfm.github_flavored_markdown_to_html(md_escape(text), options=Options.CMARK_OPT_UNSAFE)
    assert "<a " not in html and "<img" not in html and "\x1b" not in html, html
    # what a reader sees is still the text (the word joiner after "@" is invisible)
    assert "evil.example" in html.replace("\u2060", "")


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_control_characters_never_reach_a_terminal_or_markdown(fmt: str) -> None:
    report = make_report()
    hostile = "\x1b[2J\x1b]0;owned\x07\x9b31m"
    sides = []
    for side in report.findings[0].sides:
        sides.append(side.model_copy(update={"outlet": hostile, "source": f"dir/{hostile}.txt",
                                             "sentence": hostile + side.sentence}))
    finding = report.findings[0].model_copy(update={"sides": tuple(sides)})
    report = report.model_copy(update={"findings": (finding, *report.findings[1:])})
    out = render(report, fmt)
    assert not any(c in out for c in "\x1b\x07\x9b"), [c for c in out if ord(c) < 32 and c not in "\n\t"]
    assert "␛" in out, "the escape should show as its picture, not vanish"


# --- stories ---------------------------------------------------------------------------------------------------


def _two_stories() -> Report:
    from checker.model import Story

    report = make_report()
    ar, en = report.articles
    stories = (Story(id="story-1", title="Storm in the north", outlets=("هسبريس",), articles=(ar.id,)),
               Story(id="story-2", title="Election results", outlets=("Wire",), first=dt.date(2025, 11, 25),
                     last=dt.date(2025, 11, 26), articles=(en.id,)))
    findings = tuple(f.model_copy(update={"story": "story-2" if f.kind == "variant" else "story-1"})
                     for f in report.findings)
    return report.model_copy(update={"stories": stories, "findings": findings})


def test_a_report_of_several_stories_is_organised_by_story() -> None:
    report = _two_stories()
    text = render_text(report)
    assert "stories: 2, 2 with findings" in text
    # the story with the most severe finding first, then its findings; the other story after it
    assert text.index("STORY story-1: Storm in the north") < text.index("CONTRADICTION") \
        < text.index("STORY story-2: Election results") < text.index("VARIANT")
    assert "Wire · 2025-11-25 to 2025-11-26 · 1 article" in text
    markdown = render_markdown(report)
    assert "### Story 1: Storm in the north" in markdown and "#### 3. variant" in markdown
    page = render_html(report, now=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    assert page.count('<h3 class="story"') == 2 and '<select name="story">' in page
    assert 'data-story="story-2"' in page


def test_a_one_story_report_reads_as_before() -> None:
    from checker.model import Story

    report = make_report()
    one = report.model_copy(update={"stories": (Story(id="story-1", title="t", articles=tuple(
        a.id for a in report.articles)),)})
    assert render_text(one) == render_text(report) and render_markdown(one) == render_markdown(report)
    assert "STORY" not in render_text(one)


def test_the_html_source_filter_names_a_feed_once() -> None:
    report = make_report()
    ar, en = report.articles
    line = lambda side, n: side.model_copy(update={"source": f"feed.jsonl:{n}", "outlet": None})  # noqa: E731
    findings = tuple(f.model_copy(update={"sides": (line(f.sides[0], 3), line(f.sides[1], 40))})
                     for f in report.findings)
    page = render_html(report.model_copy(update={"findings": findings}),
                       now=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    assert '<option value="feed.jsonl">' in page and "feed.jsonl:40</option>" not in page


def test_several_stories_without_findings_render() -> None:
    report = _two_stories().model_copy(update={"findings": ()})
    for fmt in FORMATS:
        assert render(report, fmt)
    assert "No disagreement found." in render_markdown(report)
