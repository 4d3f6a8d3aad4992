"""Ingest: formats, encodings, skipped inputs, appended items, credit lines and offsets into the file text."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from checker import lang as lang_module
from checker.errors import InputError
from checker.ingest import read_inputs
from checker.lang import detect_lang
from checker.model import Article, Input

ROOT = Path(__file__).resolve().parent.parent
INGEST = ROOT / "fixtures" / "ingest"
BENCH = ROOT / "fixtures" / "bench"
SEEDS = ROOT / "seeds"

ARABIC_BODY = (
    "الإنتربول يحذر من تزايد الاتجار بالبشر\n"
    "قال الإنتربول يوم الاثنين إن الضحايا يتحدرون من 66 دولة. وتقع مراكز الاحتيال في جنوب شرقي آسيا."
)
ENGLISH_BODY = "Interpol warns of trafficking\nVictims came from 66 countries, Interpol said on Monday."


def read_one(path: Path, role: str = "article") -> tuple[list[Article], Input]:
    articles, inputs = read_inputs([path], role=role)
    assert len(inputs) == 1, f"one input expected for {path}, got {inputs}"
    return articles, inputs[0]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- arguments -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("paths", [[], ()])
def test_no_path_at_all_is_an_input_error(paths):
    with pytest.raises(InputError, match="no input given"):
        read_inputs(paths)


@pytest.mark.parametrize("role", ["appended", "reference", ""])
def test_unknown_role_is_an_input_error(role):
    with pytest.raises(InputError, match="role"):
        read_inputs([INGEST / "utf8-bom.txt"], role=role)


# --- files that cannot be read ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "reason"), [
    ("binary.txt", "not text: binary content"),
    ("empty.txt", "empty file"),
    ("blank.md", "empty file: whitespace only"),
    ("front-matter-only.md", "empty file: no text after the front matter"),
    ("unterminated.md", "broken front matter: no closing '---' line"),
    ("bad-yaml.md", "broken front matter: invalid YAML at line 3"),
    ("bad-published.md", "broken front matter: published 'tomorrow' is not an ISO date (YYYY-MM-DD)"),
    ("bad-lang.md", "broken front matter: lang 'de' is not one of ar, en, fr"),
    ("notes.json", "not an article format: .json"),
    ("make_fixtures.py", "not an article format: .py"),
])
def test_unreadable_file_is_skipped_with_its_reason(name, reason):
    articles, status = read_one(INGEST / name)
    assert articles == [], f"{name} should give no article"
    assert status.status == "skipped", f"{name} should be skipped, got {status}"
    assert status.reason is not None and status.reason.startswith(reason), (
        f"{name}: reason {status.reason!r} should start with {reason!r}")
    assert "\n" not in status.reason, "a reason is one line"


def test_empty_path_is_skipped_not_read_as_the_working_folder():
    articles, inputs = read_inputs([""])
    assert (articles, inputs) == ([], [Input(source="", status="skipped", reason="empty path")])


def test_missing_path_is_skipped():
    articles, status = read_one(INGEST / "no-such-file.txt")
    assert (articles, status.status, status.reason) == ([], "skipped", "no such file or folder")


def test_dangling_symlink_is_skipped(tmp_path):
    link = tmp_path / "gone.txt"
    os.symlink(tmp_path / "target-that-does-not-exist.txt", link)
    articles, status = read_one(link)
    assert articles == [] and status.status == "skipped"
    assert status.reason.startswith("dangling symlink"), status.reason


def test_undecodable_bytes_are_skipped(tmp_path):
    path = tmp_path / "bad-utf16.txt"
    path.write_bytes(b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate
    articles, status = read_one(path)
    assert articles == [] and status.status == "skipped"
    assert status.reason.startswith("undecodable bytes"), status.reason


def test_a_bad_file_does_not_stop_the_run():
    articles, inputs = read_inputs([INGEST / "binary.txt", INGEST / "utf8-bom.txt", INGEST / "bad-yaml.md"])
    assert [i.status for i in inputs] == ["skipped", "checked", "skipped"]
    assert [a.source for a in articles] == [(INGEST / "utf8-bom.txt").as_posix()]


# --- encodings -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "body", "lang"), [
    ("utf8-bom.txt", ARABIC_BODY, "ar"),
    ("utf16.txt", ARABIC_BODY, "ar"),
    ("utf16-en.txt", ENGLISH_BODY, "en"),
    ("cp1256.txt", ARABIC_BODY, "ar"),
    ("crlf.txt", ENGLISH_BODY.replace("\n", "\r\n"), "en"),
])
def test_encodings_decode_to_the_same_text(name, body, lang):
    articles, status = read_one(INGEST / name)
    assert status.status == "checked" and status.articles == 1, status
    (article,) = articles
    assert article.body == body, f"{name}: body decoded as {article.body!r}"
    assert article.lang == lang


def test_utf8_bom_offsets_index_the_text_decoded_with_utf8_sig():
    (article,), _ = read_one(INGEST / "utf8-bom.txt")
    assert article.text == (INGEST / "utf8-bom.txt").read_text(encoding="utf-8-sig")
    assert article.start == 0, "the BOM is not a character of the decoded text"


# --- offsets ---------------------------------------------------------------------------------------------------


def all_articles() -> list[Article]:
    articles, _ = read_inputs([INGEST, SEEDS, BENCH])
    return articles


@pytest.mark.parametrize("article", all_articles(), ids=lambda a: a.id)
def test_article_span_is_a_trimmed_nonempty_slice_of_its_text(article):
    assert 0 <= article.start < article.end <= len(article.text), (article.start, article.end)
    assert article.body == article.body.strip(), f"{article.id}: span has surrounding whitespace"


@pytest.mark.parametrize("path", sorted(p for p in [*SEEDS.glob("*.txt"), *BENCH.glob("*/*.md")]),
                         ids=lambda p: p.name)
def test_article_text_is_the_whole_utf8_sig_file(path):
    articles, _ = read_one(path)
    expected = path.read_text(encoding="utf-8-sig")
    for article in articles:
        assert article.text == expected, f"{article.id}: text is not the whole decoded file"


def test_article_ids_sources_and_order_are_stable():
    first, inputs = read_inputs([INGEST])
    again, _ = read_inputs([INGEST])
    assert [a.id for a in first] == [a.id for a in again]
    sources = [i.source for i in inputs]
    assert sources == sorted(sources), "a folder is read in name order"
    for article in first:
        source, index = article.id.rsplit("#", 1)
        assert source == article.source and index.isdigit(), article.id


def test_the_same_file_twice_is_read_once(tmp_path):
    path = write(tmp_path, "a.txt", "One line of text.\n")
    articles, inputs = read_inputs([path, tmp_path])
    assert len(articles) == 1
    assert [i.status for i in inputs] == ["checked", "skipped"]
    assert inputs[1].reason == f"already read as {path.as_posix()}"


def test_hidden_files_are_listed_not_read(tmp_path):
    write(tmp_path, ".draft.txt", "Hidden text.\n")
    write(tmp_path, "a.txt", "Visible text.\n")
    articles, inputs = read_inputs([tmp_path])
    assert [a.body for a in articles] == ["Visible text."]
    assert inputs[0].status == "skipped" and inputs[0].reason == "hidden file or folder"


@pytest.mark.parametrize("role", ["article", "draft"])
def test_role_is_given_to_articles_and_appended_items_keep_theirs(role):
    articles, _ = read_one(INGEST / "read-also.txt", role=role)
    assert [a.role for a in articles] == [role, "appended"]


# --- appended items and credit lines ---------------------------------------------------------------------------


def test_seed_003_appended_postal_article_and_aljazeera_credit():
    articles, status = read_one(SEEDS / "003_75178927ccebb326.txt")
    assert status.articles == 2
    main, appended = articles
    assert main.outlet == "الجزيرة", "'المصدر: الجزيرة' names the outlet"
    assert main.published == dt.date(2025, 7, 2), "'تاريخ النشر: 2nd, July 2025 GMT' dates the article"
    assert main.body.endswith("وينسق التعاون الشرطي الدولي."), main.body[-40:]
    assert "المصدر" not in main.body and "إقرأ" not in main.body
    assert appended.role == "appended" and appended.lang == "ar"
    assert appended.body.startswith("بمشاركة 14 دولة عربية.. داليا الباز"), appended.body[:40]
    assert appended.body.endswith("والمغرب، واليمن."), appended.body[-40:]
    assert appended.outlet is None and appended.published is None, "an appended item inherits nothing"
    assert main.end < main.text.index("إقرأ أيضاً:") < appended.start, "the marker line belongs to neither"


def test_seed_001_source_label_with_name_on_next_line():
    (article,), _ = read_one(SEEDS / "001_61dee77d9e5cb597.txt")
    assert article.outlet == "هسبريس"
    assert article.body.endswith("للسلامة والأمن العامين."), article.body[-40:]
    assert "المصدر" not in article.body and "هسبريس" not in article.body


def test_seed_000_has_no_credit_and_no_appended_item():
    articles, _ = read_one(SEEDS / "000_20b3c2a91ad547f9.txt")
    assert [(a.outlet, a.role) for a in articles] == [(None, "article")]


@pytest.mark.parametrize("marker", [
    "إقرأ أيضاً", "إقرأ أيضاً:", "اقرأ أيضا", "إقرأ أيضا:", "اقرأ ايضا", "اقرأ أيضًا:", "**إقرأ أيضاً:**",
    "Read also", "Read also:", "Read more:", "READ MORE", "À lire aussi", "À lire aussi :", "A lire aussi",
    "Lire aussi :",
])
def test_read_also_marker_variants_split_off_an_appended_item(tmp_path, marker):
    text = f"First story line one.\nFirst story line two.\n{marker}\nSecond story.\n"
    path = write(tmp_path, "a.txt", text)
    articles, _ = read_one(path)
    assert [a.body for a in articles] == ["First story line one.\nFirst story line two.", "Second story."], (
        f"marker {marker!r} not recognised")


@pytest.mark.parametrize("line", [
    "Read more than 50 books a year, he said.",
    "Lire aussi les conclusions du rapport est utile.",
    "اقرأ أيضا ما كتبه المحلل في تقريره.",
])
def test_sentences_that_start_like_a_marker_are_not_markers(tmp_path, line):
    articles, _ = read_one(write(tmp_path, "a.txt", f"Headline.\n{line}\nLast line.\n"))
    assert len(articles) == 1, f"{line!r} was taken for a 'read also' marker"


@pytest.mark.parametrize(("marker_line", "title"), [
    ("Read also: Greek coast guard searches for 30 people", "Greek coast guard searches for 30 people"),
    ("À lire aussi : Koweït : 51,2 °C relevés à Jahra", "Koweït : 51,2 °C relevés à Jahra"),
    ("إقرأ أيضاً: الكويت.. عجز متوقع", "الكويت.. عجز متوقع"),
])
def test_headline_on_the_marker_line_opens_the_appended_item(tmp_path, marker_line, title):
    articles, _ = read_one(write(tmp_path, "a.txt", f"Main story.\n{marker_line}\nBody of it.\n"))
    assert articles[1].body == f"{title}\nBody of it.", articles[1].body


def test_appended_item_gets_its_own_language(tmp_path):
    text = ("The central bank cut its key rate by 200 basis points on Thursday, officials said.\n"
            "À lire aussi : La banque centrale tunisienne baisse son taux directeur\n"
            "La Banque centrale de Tunisie a abaissé son taux directeur de 50 points de base mercredi.\n")
    articles, _ = read_one(write(tmp_path, "a.txt", text))
    assert [a.lang for a in articles] == ["en", "fr"]


@pytest.mark.parametrize(("closing", "outlet"), [
    ("المصدر: هسبريس", "هسبريس"),
    ("المصدر : الجزيرة نت", "الجزيرة نت"),
    ("المصدر:\nهسبريس", "هسبريس"),
    ("Source: Reuters", "Reuters"),
    ("Source : AFP", "AFP"),
])
def test_closing_credit_line_names_the_outlet_and_leaves_the_span(tmp_path, closing, outlet):
    articles, _ = read_one(write(tmp_path, "a.txt", f"Headline here\nBody sentence.\n{closing}\n"))
    assert (articles[0].outlet, articles[0].body) == (outlet, "Headline here\nBody sentence.")


def test_front_matter_outlet_wins_over_the_credit_line(tmp_path):
    text = "---\nsource: Hespress\n---\nBody sentence.\nالمصدر: وكالات\n"
    (article,), _ = read_one(write(tmp_path, "a.md", text))
    assert (article.outlet, article.body) == ("Hespress", "Body sentence.")


def test_a_long_source_sentence_is_not_a_credit_line(tmp_path):
    line = "Source: a senior official who asked not to be named because the talks are private said so."
    (article,), _ = read_one(write(tmp_path, "a.txt", f"Headline\n{line}\n"))
    assert article.outlet is None and article.body.endswith(line)


@pytest.mark.parametrize(("date_line", "published"), [
    ("تاريخ النشر: 2nd, July 2025 GMT", dt.date(2025, 7, 2)),
    ("Published: 3 December 2025", dt.date(2025, 12, 3)),
    ("تاريخ النشر: غير معروف", None),
])
def test_publication_date_line_dates_an_article_without_front_matter(tmp_path, date_line, published):
    (article,), _ = read_one(write(tmp_path, "a.txt", f"Headline\n{date_line}\nBody sentence.\n"))
    assert article.published == published
    assert date_line in article.body, "the date line stays in the span; claims skip it"


def test_front_matter_date_wins_over_a_date_line(tmp_path):
    text = "---\npublished: 2025-01-05\n---\nHeadline\nPublished: 3 December 2025\nBody.\n"
    (article,), _ = read_one(write(tmp_path, "a.md", text))
    assert article.published == dt.date(2025, 1, 5)


# --- front matter ----------------------------------------------------------------------------------------------


def test_markdown_front_matter_fills_metadata_and_the_span_starts_after_it():
    articles, status = read_one(INGEST / "french-read-also.md")
    main, appended = articles
    assert (main.outlet, main.published, main.lang, main.title, main.url) == (
        "Atlas Matin", dt.date(2025, 12, 3), "fr", "Séisme dans le Haut Atlas", "https://example.org/seisme")
    assert main.body.startswith("# Séisme dans le Haut Atlas"), main.body[:30]
    assert main.start == main.text.index("# Séisme")
    assert appended.body.startswith("Azilal : 74 douars"), appended.body[:30]
    assert appended.outlet == "AMP", "the closing 'Source : AMP' credits the last item"


@pytest.mark.parametrize(("bundle", "name", "outlet", "published", "lang", "count"), [
    ("01-atlas-earthquake", "alatlas24.md", "الأطلس 24", dt.date(2025, 12, 3), "ar", 1),
    ("01-atlas-earthquake", "atlas-matin.md", "Atlas Matin", dt.date(2025, 12, 3), "fr", 2),
    ("01-atlas-earthquake", "meridian-wire.md", "Meridian Wire", dt.date(2025, 12, 3), "en", 1),
    ("01-atlas-earthquake", "sada-aljihat.md", "صدى الجهات", dt.date(2025, 12, 4), "ar", 1),
    ("08-iraq-heatwave-draft", "amp-depeche.md", "Agence Méditerranée Presse", dt.date(2026, 8, 4), "fr", 2),
    ("08-iraq-heatwave-draft", "draft-heatwave.md", "صوت الرافدين (مسودة المحرر)", dt.date(2026, 8, 4), "ar", 1),
    ("08-iraq-heatwave-draft", "wakalat-alrafidain.md", "وكالة أنباء الرافدين", dt.date(2026, 8, 4), "ar", 1),
])
def test_bench_front_matter_is_read(bundle, name, outlet, published, lang, count):
    articles, status = read_one(BENCH / bundle / name)
    assert status.articles == count, f"{name}: {status.articles} articles, expected {count}"
    main = articles[0]
    assert (main.outlet, main.published, main.lang) == (outlet, published, lang)
    assert main.body.startswith(main.text.split("---\n", 2)[2].strip()[:20]), "span starts after front matter"


def test_bench_bundle_lists_gold_json_as_skipped():
    _, inputs = read_inputs([BENCH / "08-iraq-heatwave-draft"])
    gold = [i for i in inputs if i.source.endswith("gold.json")]
    assert [(i.status, i.reason) for i in gold] == [("skipped", "not an article format: .json")]


def test_bench_french_appended_item_is_french_and_about_kuwait():
    articles, _ = read_one(BENCH / "08-iraq-heatwave-draft" / "amp-depeche.md")
    appended = articles[1]
    assert appended.role == "appended" and appended.lang == "fr"
    assert appended.body.startswith("Koweït : 51,2 °C relevés à Jahra")
    assert "Koweït" not in articles[0].body


# --- HTML and JSON Lines ---------------------------------------------------------------------------------------


def test_html_article_text_is_the_extracted_main_text():
    articles, status = read_one(INGEST / "page.html")
    main, appended = articles
    assert main.text == appended.text and main.text.startswith("Earthquake in Morocco's Atlas mountains kills 38")
    for boilerplate in ("Subscribe", "Home", "World news", "Copyright", "<p>"):
        assert boilerplate not in main.text, f"{boilerplate!r} is navigation or markup, not the article"
    assert (main.outlet, main.published) == ("Meridian Wire", dt.date(2025, 12, 3))
    assert main.body.endswith("put its magnitude at 5.8.")
    assert appended.body == ("Floods cut roads in the Rif\n"
                             "Heavy rain cut 12 roads in the Rif mountains on Monday, officials said.")


def test_jsonl_reads_good_lines_and_skips_bad_ones_by_number():
    articles, inputs = read_inputs([INGEST / "articles.jsonl"])
    source = (INGEST / "articles.jsonl").as_posix()
    assert inputs[0] == Input(source=source, status="checked", articles=3)
    skipped = {i.source: i.reason for i in inputs[1:]}
    assert list(skipped) == [f"{source}:2", f"{source}:4", f"{source}:6"], skipped
    assert skipped[f"{source}:2"].startswith("line 2: invalid JSON")
    assert skipped[f"{source}:4"] == "line 4: published 'tomorrow' is not an ISO date (YYYY-MM-DD)"
    assert [a.id for a in articles] == [f"{source}:1#0", f"{source}:3#0", f"{source}:7#0"]
    assert [(a.outlet, a.published, a.lang) for a in articles] == [
        ("Meridian Wire", dt.date(2025, 7, 1), "en"), ("الجزيرة", None, "ar"), (None, None, "fr")]
    assert articles[1].text.strip() == ARABIC_BODY and articles[1].start == 0


# --- language --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("الإنتربول يحذر من تزايد الاتجار بالبشر", "ar"),
    ("Interpol warns of a growing trafficking crisis", "en"),
    ("Le Koweït a enregistré dimanche 51,2 °C dans la région de Jahra", "fr"),
    ("", "en"),
    ("   \n", "en"),
])
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


@pytest.mark.parametrize(("text", "lang"), [("مرحبا بكم", "ar"), ("hello there", "en")])
def test_detect_lang_falls_back_on_script_when_lingua_fails(monkeypatch, text, lang):
    def broken():
        raise RuntimeError("no models")

    monkeypatch.setattr(lang_module, "_detector", broken)
    assert detect_lang(text) == lang
