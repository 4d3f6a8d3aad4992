"""`checker extract` reads a file exactly as `check` does: decoding, front matter, publication date, sentences."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.claims import split_claims
from checker.ingest import read_inputs
from checker.pipeline import extract_mentions

FRONT = "---\nsource: Desk\npublished: 2025-11-25\nlang: ar\n---\n"
BODY = "قتل 12 شخصا يوم الاثنين في الفيضانات، وشارك ممثلون من أكثر من 60 دولة.\n"


def _extract(path: Path, *args: str) -> dict:
    result = CliRunner().invoke(cli, ["extract", str(path), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("encoding, name", [("utf-8", "a.md"), ("utf-8-sig", "a.md"), ("utf-16", "a.md"),
                                            ("cp1256", "a.txt")])
def test_extract_matches_check(tmp_path: Path, encoding: str, name: str) -> None:
    path = tmp_path / name
    text = (FRONT if name.endswith(".md") else "") + BODY
    path.write_bytes(text.encode(encoding))
    payload = _extract(path)
    articles, _ = read_inputs([path])
    expected = extract_mentions(articles, split_claims(articles))
    assert [(v["type"], v["text"], v["start"], v["end"]) for v in payload["values"]] == \
        [(m.value.type, m.value.text, m.value.start, m.value.end) for m in expected]
    assert any(v["text"] == "أكثر من 60 دولة" for v in payload["values"])


def test_front_matter_date_anchors_and_is_not_a_value(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(FRONT + BODY, encoding="utf-8")
    payload = _extract(path)
    assert payload["articles"][0]["published"] == "2025-11-25"
    body_start = len(FRONT)
    assert all(v["start"] >= body_start for v in payload["values"]), "the front matter's own date was read"
    monday = [v for v in payload["values"] if v["type"] == "date"]
    assert monday and monday[0]["low"] == "2025-11-24", "'يوم الاثنين' not resolved against the front matter date"
    overridden = _extract(path, "--published", "2025-12-03")
    assert [v for v in overridden["values"] if v["type"] == "date"][0]["low"] == "2025-12-01"


def test_extract_stdin_reads_front_matter() -> None:
    result = CliRunner().invoke(cli, ["extract", "-"], input=(FRONT + BODY).encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"][0]["published"] == "2025-11-25"
