"""Headline detection: a short first line without closing punctuation, not a one-sentence lead paragraph."""
from __future__ import annotations

from pathlib import Path

import pytest

from checker.claims import split_claims
from checker.ingest import read_inputs
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
