"""The real labelled events: gold that holds on the articles, splits nobody chose, audits by a second reader, and
silence between an article and its own translation. The articles live in ../shared (licences keep them out of the
repo): these tests skip without it."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import events  # noqa: E402

FOLDERS = events.event_folders(("test", "dev", "train"))


def test_there_are_enough_events_in_each_split() -> None:
    counts = {split: len(events.event_folders((split,))) for split in ("test", "dev", "train")}
    assert counts["test"] >= 10 and counts["dev"] >= 5 and counts["train"] >= 10, counts
    assert not events.event_folders(("unsplit",)), "an event waits for its audit in fixtures/events/unsplit"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_each_event_sits_in_the_split_its_slug_hashes_to(folder: Path) -> None:
    assert folder.parent.name == events.split_of(folder.name)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_each_event_was_audited_by_a_second_reader(folder: Path) -> None:
    event = json.loads((folder / "event.json").read_text(encoding="utf-8"))
    audit = event["audit"]
    assert audit["by"] != event["labelled_by"]
    assert audit["expected_after"] == len(json.loads((folder / "gold.json").read_text(encoding="utf-8"))["expected"])


def test_gold_quotes_hold_on_the_materialised_articles(shared, tmp_path: Path) -> None:
    bundles = events.materialise(tmp_path, FOLDERS)
    assert events.check_quotes(bundles) == []


def test_no_event_reads_a_reserved_article(shared) -> None:
    reserved = events.reserved_ids()
    named = {(a["corpus"], a["id"]) for f in FOLDERS
             for a in json.loads((f / "event.json").read_text(encoding="utf-8"))["articles"]}
    assert reserved and not (named & reserved)


@pytest.mark.slow
def test_an_article_beside_its_own_translation_gives_at_most_one_finding_per_ten_pairs(
        shared, tmp_path: Path, real_embedder) -> None:
    result = events.check_translations(tmp_path, limit=45, embedder=real_embedder)
    assert result["pairs"] == 45
    assert result["per_10_pairs"] <= 1.0, result["examples"]
    # Typos within one article: the original's own (kept by its translators), in at most one document in ten.
    assert 10 * len(result["typo_documents"]) <= result["documents"], result["typos"]


def test_the_threshold_is_chosen_among_those_the_bench_floor_allows() -> None:
    import calibrate

    def figures(tp: int, fp: int) -> dict:
        return calibrate.figures_of(tp, fp, 100 - tp)

    sweep = [(0.6, figures(50, 20)), (0.7, figures(45, 10)), (0.8, figures(30, 5))]
    assert calibrate.choose_threshold(sweep)[0] == 0.7  # the best F0.5 where no threshold reaches precision 0.95
    assert calibrate.choose_threshold(sweep, keeps=lambda t: t < 0.65)[0] == 0.6
    assert calibrate.choose_threshold(sweep, keeps=lambda t: False)[0] == 0.7  # a floor nothing meets is no floor
