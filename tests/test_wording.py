"""What reports say to people: plain-English glosses per language, line:column, no internal keys or raw scores."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.lexicon import LANGS, load
from checker.values.reader import extract_values
from checker.wording import gloss, noun

PUBLISHED = dt.date(2025, 11, 25)


@pytest.mark.parametrize("lang, text, expected", [
    ("ar", "أكثر من 60 دولة", "more than 60 countries"),
    ("ar", "66 دولة", "66 countries"),
    ("ar", "نحو 1200 أسرة", "about 1,200 families (1,100 to 1,300)"),
    ("ar", "الثالثة والتسعين", "the 93rd"),
    ("ar", "بين 24 و27 نونبر 2025", "24 to 27 November 2025"),
    ("ar", "222.7 مليار درهم", "222.7 billion dirhams"),
    ("ar", "35%", "35 percent"),
    ("en", "more than 60 countries", "more than 60 countries"),
    ("en", "at least 3 injured", "at least 3 injured"),
    ("en", "12 people", "12 people"),
    ("en", "24 November 2025", "24 November 2025"),
    ("fr", "plus de 60 pays", "more than 60 countries"),
    ("fr", "1,5 million d'euros", "1.5 million euros"),
])
def test_glosses_read_as_plain_english(lang: str, text: str, expected: str) -> None:
    values = extract_values(text, lang, PUBLISHED)
    assert values, f"nothing read in {text!r}"
    assert gloss(values[0]) == expected


def _concepts() -> set[str]:
    return {concept for lang in LANGS for concept in (load(lang, "units").get("nouns") or {})}


def test_every_concept_has_an_english_gloss() -> None:
    words = load("en", "glosses")
    plain = {concept for concept in _concepts() if not concept.startswith("money:")}
    assert not plain - set(words["plural"]) - set(words["plural_by_hand"]), "each would make a report import inflect"
    assert {concept.split(":", 1)[1] for concept in _concepts() - plain} <= set(words["money"]), "a currency without a name"
    for concept in sorted(_concepts()):
        for count in (1, 2):
            words = noun(concept, count)
            assert words and not re.search(r"[_:]", words), f"{concept!r} x{count} glosses as {words!r}"
            # a participle made plural ("injureds", "missings") is inflect guessing at a word that does not change
            assert not re.search(r"(?:ed|ing)s$", words) or concept in ("bed", "building"), \
                f"{concept!r} x{count} glosses as {words!r}"


@pytest.fixture(scope="module")
def seeds_text(tmp_path_factory) -> str:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("CHECKER_REVIEW_STORE", str(tmp_path_factory.mktemp("s") / "none.sqlite"))
        result = CliRunner().invoke(cli, ["check", "seeds/"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_report_speaks_to_people(seeds_text: str) -> None:
    assert "more than 60 countries" in seeds_text and "66 countries" in seeds_text
    assert "more than 60 country " not in seeds_text and "transliteration key" not in seeds_text
    assert not re.search(r"\.txt:\d+-\d+", seeds_text), "code-point offsets shown instead of line:column"
    assert re.search(r"001_61dee77d9e5cb597\.txt:\d+:\d+", seeds_text)


def test_line_and_column_point_at_the_quote(seeds_dir, real_embedder) -> None:
    from checker.pipeline import check

    report = check([seeds_dir], embedder=real_embedder)
    assert report.findings
    for finding in report.findings:
        for side in finding.sides:
            lines = (seeds_dir / side.source.split("/")[-1]).read_text(encoding="utf-8-sig").split("\n")
            line = lines[side.line - 1]
            assert line[side.column - 1:side.column - 1 + len(side.text)] == side.text, side


def test_html_shows_no_raw_similarity(seeds_dir, tmp_path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["check", str(seeds_dir), "-o", str(out), "--store", str(tmp_path / "n.sqlite")])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "similarity" not in page and "more than 60 countries" in page


@pytest.mark.parametrize("n, expected", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                         (13, "13th"), (21, "21st"), (93, "93rd"), (111, "111th"), (112, "112th")])
def test_ordinals_agree_with_inflect(n: int, expected: str) -> None:
    import inflect

    from checker.wording import _ordinal

    assert _ordinal(n) == expected == inflect.engine().ordinal(n)


def test_shipped_plurals_agree_with_inflect() -> None:
    """The plural table spares a report inflect's import; it must say what inflect would, but for invariant words."""
    import inflect

    engine = inflect.engine()
    for concept, plural in load("en", "glosses")["plural"].items():
        assert plural == engine.plural_noun(concept.replace("_", " ")), concept


def test_a_report_does_not_import_inflect(tmp_path) -> None:
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("قتل 25 شخصا في الهجوم الثالث والتسعين على أكثر من 60 دولة.", encoding="utf-8")
    code = ("import sys; from checker.values.reader import extract_values; from checker.wording import gloss; "
            "import datetime as dt; "
            f"[gloss(v) for v in extract_values(open({str(article)!r}).read(), 'ar', dt.date(2025, 1, 1))]; "
            "print('inflect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
