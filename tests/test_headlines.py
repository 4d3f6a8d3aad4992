"""Headline detection: a short first line without closing punctuation, not a one-sentence lead paragraph."""
from __future__ import annotations

from pathlib import Path

import pytest

from checker.claims import split_claims
from checker.ingest import read_inputs
from checker.pipeline import extract_mentions
from checker.pipeline import headline_claims


@pytest.mark.parametrize("body, is_headline", [
    ("موجة حر قاتلة تودي بحياة 16 شخصا في جنوب العراق\n\nوأعلنت الوزارة وفاة ستة أشخاص.\n", True),
    ("RABAT, Dec 3 - A strong earthquake struck late on Tuesday, killing 38 people, the ministry said.\n\nMore.\n",
     False),
])
def test_headline(tmp_path: Path, body: str, is_headline: bool) -> None:
    path = tmp_path / "a.txt"
    path.write_text(body, encoding="utf-8")
    articles, _ = read_inputs([path])
    claims = split_claims(articles)
    assert (claims[0].id in headline_claims(articles, claims)) is is_headline


def test_the_front_matter_title_is_the_headline_and_is_read_where_it_is_written(tmp_path: Path) -> None:
    title = "مقتل 100 شخص في عواصف ترابية في الهند"
    text = f'---\nsource: Desk\ntitle: "{title}"\npublished: 2018-05-03\n---\nقتلى العواصف\n\nلقي 98 شخصا حتفهم.\n'
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    articles, _ = read_inputs([path])
    claims = split_claims(articles)
    assert claims[0].text == title and text[claims[0].start:claims[0].end] == title
    # the title is a headline, and so is the body's short first line under it (a draft's working title over the
    # headline it is written under)
    assert headline_claims(articles, claims) == {claims[0].id, claims[1].id}
    values = [m.value.text for m in extract_mentions(articles, claims)]
    assert values[0] == "100 شخص"


def test_a_title_written_otherwise_than_its_value_is_not_quoted(tmp_path: Path) -> None:
    # YAML unescapes \" : the value is not the file's characters, so no claim could quote it
    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "قال \\"100 قتيل\\""\n---\nلقي 98 شخصا حتفهم.\n', encoding="utf-8")
    articles, _ = read_inputs([path])
    assert articles[0].title == 'قال "100 قتيل"' and articles[0].title_span is None
    assert split_claims(articles)[0].text == "لقي 98 شخصا حتفهم."


def test_a_title_value_the_body_restates_is_quoted_in_the_body(tmp_path: Path) -> None:
    from checker.compare import facts_and_findings
    from checker.match import Edge

    (tmp_path / "a.md").write_text('---\ntitle: "مقتل 37 شخصا في حريق مركز تجاري"\n---\n'
                                   "قال الدفاع المدني إن 37 شخصا قتلوا في الحريق.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("وارتفعت حصيلة قتلى الحريق إلى 53 شخصا.\n", encoding="utf-8")
    articles, _ = read_inputs([tmp_path / "a.md", tmp_path / "b.md"])
    claims = split_claims(articles)
    mentions = [m for m in extract_mentions(articles, claims) if m.value.type == "quantity"]
    title_37 = next(i for i, m in enumerate(mentions) if m.article_id == articles[0].id
                    and m.value.start < articles[0].start)
    other_53 = next(i for i, m in enumerate(mentions) if m.article_id == articles[1].id)
    _, findings = facts_and_findings(mentions, [Edge(title_37, other_53, 0.9, "contradiction", 0.9)],
                                     {a.id: a for a in articles}, {c.id: c for c in claims})
    side = next(s for s in findings[0].sides if s.article_id == articles[0].id)
    assert side.start >= articles[0].start and "37" in side.text  # the body's "37 شخصا", not the title's
