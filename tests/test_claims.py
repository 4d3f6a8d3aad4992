"""Claim splitting: lines, then sentences, with offsets into the article's file text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.claims import split_claims
from checker.ingest import published_line, read_inputs
from checker.model import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BENCH = ROOT / "fixtures" / "bench"
INGEST = ROOT / "fixtures" / "ingest"


def article_of(text: str, start: int = 0, end: int | None = None) -> Article:
    return Article(id="t.txt#0", source="t.txt", text=text, start=start, end=len(text) if end is None else end)


def claim_texts(text: str) -> list[str]:
    return [claim.text for claim in split_claims([article_of(text)])]


@pytest.mark.parametrize(("text", "expected"), [
    # Arabic sentence ends: '.', '!', '؟', '?'
    ("قال الإنتربول إن الضحايا من 66 دولة. وتقع المراكز في آسيا.",
     ["قال الإنتربول إن الضحايا من 66 دولة.", "وتقع المراكز في آسيا."]),
    ("هل انتهت الأزمة؟ لا أحد يعرف! وسيجتمع المجلس غدا?  ثم يقرر.",
     ["هل انتهت الأزمة؟", "لا أحد يعرف!", "وسيجتمع المجلس غدا?", "ثم يقرر."]),
    # decimal points and thousands dots are not sentence ends
    ("سجلت البصرة 51.4 درجة مئوية. وتضرر 1.460 منزلا في 74 دوارا.",
     ["سجلت البصرة 51.4 درجة مئوية.", "وتضرر 1.460 منزلا في 74 دوارا."]),
    ("Reserves stood at $52.4 billion. Inflation eased to 11.7%.",
     ["Reserves stood at $52.4 billion.", "Inflation eased to 11.7%."]),
    # a headline's ".." is a pause, not an end
    ("مراكش.. الجمعية العامة الـ 93 للأنتربول تحذر", ["مراكش.. الجمعية العامة الـ 93 للأنتربول تحذر"]),
    # abbreviations
    ("The U.S. Geological Survey put its magnitude at 5.8. Aftershocks followed.",
     ["The U.S. Geological Survey put its magnitude at 5.8.", "Aftershocks followed."]),
    ("The quake hit at 11:52 p.m. local time near Tabant. Dr. Smith said so.",
     ["The quake hit at 11:52 p.m. local time near Tabant.", "Dr. Smith said so."]),
    ("وقال د. محمد إن الوضع مستقر.", ["وقال د. محمد إن الوضع مستقر."]),
    # quotations: one statement, and an opening « belongs to the sentence it opens
    ('وقال الوزير: "انتهى الأمر. سنعيد البناء" مضيفا أن الدعم مستمر.',
     ['وقال الوزير: "انتهى الأمر. سنعيد البناء" مضيفا أن الدعم مستمر.']),
    ("Il a manqué le dernier geste. « Nous avons manqué de lucidité », a-t-il dit.",
     ["Il a manqué le dernier geste.", "« Nous avons manqué de lucidité », a-t-il dit."]),
    ("Il a dit « Fin. Nous partons » puis il est parti.", ["Il a dit « Fin. Nous partons » puis il est parti."]),
    # an unclosed quote does not swallow the rest of the line
    ('He said "we stay. Then we left. It rained.', ['He said "we stay.', "Then we left.", "It rained."]),
    # French capitals with accents start a sentence
    ("Ben Gharbia termine avec cinq réalisations. Élu meilleur espoir, il part.",
     ["Ben Gharbia termine avec cinq réalisations.", "Élu meilleur espoir, il part."]),
])
def test_sentences(text, expected):
    assert claim_texts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # each line is a claim: a headline has no period
    ("موجة حر قاتلة تودي بحياة 16 شخصا\n\nسجلت البصرة 51.4 درجة.\n",
     ["موجة حر قاتلة تودي بحياة 16 شخصا", "سجلت البصرة 51.4 درجة."]),
    # markdown markers are not part of the claim; rules and blank lines make none
    ("# Headline\n\n> A quoted line.\n- a bullet\n* another\n---\n",
     ["Headline", "A quoted line.", "a bullet", "another"]),
    ("## عنوان فرعي\n", ["عنوان فرعي"]),
    # a publication-date line is metadata
    ("Headline\nتاريخ النشر: 2nd, July 2025 GMT\nBody.\n", ["Headline", "Body."]),
    # no letters or digits: no claim
    ("—\n* * *\n...\n", []),
    # CRLF and surrounding whitespace
    ("  First line.  \r\n\tSecond line.\r\n", ["First line.", "Second line."]),
    # a number with a minus sign is not a markdown bullet
    ("-5 degrees at night.\n", ["-5 degrees at night."]),
])
def test_lines(text, expected):
    assert claim_texts(text) == expected


def test_claims_stay_inside_the_article_span():
    text = "before. \nInside one. Inside two.\n after."
    start = text.index("Inside")
    end = text.index("two.") + 4
    claims = split_claims([article_of(text, start, end)])
    assert [(c.start, c.end, c.text) for c in claims] == [
        (start, start + 11, "Inside one."), (start + 12, end, "Inside two.")]


def test_claim_ids_number_claims_within_their_article():
    articles = [Article(id="a.txt#0", source="a.txt", text="One. Two.", start=0, end=9),
                Article(id="a.txt#1", source="a.txt", text="One. Two.", start=5, end=9)]
    claims = split_claims(articles)
    assert [(c.id, c.article_id, c.text) for c in claims] == [
        ("a.txt#0:0", "a.txt#0", "One."), ("a.txt#0:1", "a.txt#0", "Two."), ("a.txt#1:0", "a.txt#1", "Two.")]


def real_articles() -> list[Article]:
    articles, _ = read_inputs([SEEDS, BENCH, INGEST])
    return articles


@pytest.mark.parametrize("article", real_articles(), ids=lambda a: a.id)
def test_real_claims_are_ordered_trimmed_slices_that_cover_every_word(article):
    claims = split_claims([article])
    assert claims, f"{article.id} has no claim"
    # the front matter's title is read first, where it is written, then the body
    title_start, title_end = article.title_span or (article.start, article.start)
    titled = [c for c in claims if c.end <= title_end and title_end <= article.start]
    previous_end = title_start
    for claim in claims:
        end = title_end if claim in titled else article.end
        previous_end = previous_end if claim in titled else max(previous_end, article.start)
        assert article.text[claim.start:claim.end] == claim.text, f"{claim.id}: offsets do not give its text"
        assert previous_end <= claim.start < claim.end <= end, f"{claim.id} overlaps or leaves the span"
        assert claim.text == claim.text.strip() and "\n" not in claim.text, f"{claim.id}: {claim.text!r}"
        previous_end = claim.end
    covered = "\n".join(article.text[c.start:c.end] for c in claims)
    body = "\n".join(line for line in article.body.splitlines() if published_line(line) is None)
    title = article.text[title_start:title_end]
    assert re.findall(r"\w+", covered) == re.findall(r"\w+", title + "\n" + body), \
        f"{article.id}: claims lose or add words"


def test_seed_003_claims():
    articles, _ = read_inputs([SEEDS / "003_75178927ccebb326.txt"])
    claims = split_claims(articles)
    texts = [c.text for c in claims]
    assert texts[0] == "الإنتربول يحذر من تزايد الاتجار بالبشر المرتبط بالاحتيال الإلكتروني", "headline"
    assert not any(t.startswith(("تاريخ النشر", "المصدر", "إقرأ")) for t in texts), "metadata lines are no claims"
    assert "وقال الإنتربول -يوم الاثنين- إن الضحايا يتحدرون من 66 دولة ومن جميع القارات." in texts
    postal = [c for c in claims if c.article_id.endswith("#1")]
    assert postal[0].text == "بمشاركة 14 دولة عربية.. داليا الباز تترأس اجتماع اللجنة العربية الدائمة للبريد"
