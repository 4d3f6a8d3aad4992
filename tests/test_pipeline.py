"""`check` end to end: the seeds' exact findings, determinism, bad input never loses the run, traps stay silent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker.pipeline
from checker.cli import cli
from checker.model import KINDS, Report
from checker.pipeline import check
from conftest import Recording

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TRAPS = ROOT / "fixtures" / "traps"
BENCH = ROOT / "fixtures" / "bench"

Spans = dict[str, list[tuple[int, int]]]  # file name -> spans of a quote in it


def file_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def quote_spans(bundle: Path, side: dict) -> tuple[str, list[tuple[int, int]]]:
    """Every occurrence of a gold side's quote in its file (or the one `occurrence` names), as code-point spans."""
    text, quote = file_text(bundle / side["file"]), side["quote"]
    spans, at = [], text.find(quote)
    while at >= 0:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    assert spans, f"gold quote {quote!r} is not in {side['file']}"
    if "occurrence" in side:
        spans = [spans[side["occurrence"]]]
    return side["file"], spans


def matches(finding, bundle: Path, item: dict) -> bool:
    """The bench's rule: the two sides lie in the item's two files and overlap its quotes, in either order."""
    wanted = [quote_spans(bundle, item["a"]), quote_spans(bundle, item["b"])]

    def hits(side, want) -> bool:
        name, spans = want
        return Path(side.source).name == name and any(side.start < end and start < side.end for start, end in spans)

    first, second = finding.sides
    return (hits(first, wanted[0]) and hits(second, wanted[1])) or (hits(first, wanted[1]) and hits(second, wanted[0]))


def gold(bundle: Path) -> dict:
    return json.loads((bundle / "gold.json").read_text(encoding="utf-8"))


def describe(finding) -> str:
    a, b = finding.sides
    return f"{finding.kind} {a.text!r} ({Path(a.source).name}:{a.start}) vs {b.text!r} ({Path(b.source).name}:{b.start})"


def assert_valid(report: Report) -> None:
    """What any report must hold: sides quote their files, kinds are known, ids are unique, inputs are accounted."""
    texts: dict[str, str] = {}
    for finding in report.findings:
        assert finding.kind in KINDS, f"{finding.id}: unknown kind {finding.kind!r}"
        assert len(finding.sides) == 2
        for side in finding.sides:
            text = texts.setdefault(side.source, file_text(Path(side.source)))
            assert 0 <= side.start < side.end <= len(text), f"{finding.id}: span {side.start}-{side.end} out of file"
            assert text[side.start:side.end] == side.text, (
                f"{finding.id}: {side.source}[{side.start}:{side.end}] is {text[side.start:side.end]!r}, "
                f"the side says {side.text!r}")
    ids = [finding.id for finding in report.findings]
    assert len(ids) == len(set(ids)), f"duplicate finding ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    for item in report.inputs:
        assert (item.status == "skipped") == (item.reason is not None), item
        assert item.reason is None or (item.reason.strip() and "\n" not in item.reason), item


@pytest.fixture(scope="module")
def seeds_report(real_embedder) -> Report:
    return check([SEEDS], embedder=real_embedder)


# --- the seeds: exactly the gold findings ----------------------------------------------------------------------------


def test_seeds_give_exactly_the_gold_findings(seeds_report: Report) -> None:
    expected = gold(SEEDS)["expected"]
    assert len(expected) == 2
    unmatched = list(seeds_report.findings)
    for item in expected:
        found = [f for f in unmatched if matches(f, SEEDS, item)]
        assert len(found) == 1, (f"{item['a']['quote']!r} vs {item['b']['quote']!r}: expected one finding, got "
                                 f"{[describe(f) for f in found]}; all: {[describe(f) for f in seeds_report.findings]}")
        assert found[0].kind == item["kind"] and found[0].type == item["type"], describe(found[0])
        unmatched.remove(found[0])
    assert not unmatched, f"findings beyond the gold: {[describe(f) for f in unmatched]}"


def test_seeds_report_is_valid(seeds_report: Report) -> None:
    assert_valid(seeds_report)


@pytest.mark.parametrize("trap", gold(SEEDS)["traps"], ids=lambda t: t["note"].split(":")[0][:40])
def test_seeds_traps_are_silent(seeds_report: Report, trap: dict) -> None:
    flagged = [describe(f) for f in seeds_report.findings if matches(f, SEEDS, trap)]
    assert not flagged, f"trap flagged ({trap['note']}): {flagged}"


def test_seeds_inputs_list_every_file(seeds_report: Report) -> None:
    statuses = {Path(i.source).name: i for i in seeds_report.inputs}
    assert set(statuses) == {p.name for p in SEEDS.iterdir()}, "every file in seeds/ is listed once"
    assert len(seeds_report.inputs) == len(statuses)
    assert statuses["gold.json"].status == "skipped" and statuses["gold.json"].reason, statuses["gold.json"]
    for name, status in statuses.items():
        if name != "gold.json":
            assert status.status == "checked" and status.articles >= 1, status


# --- determinism ---------------------------------------------------------------------------------------------------


def test_two_runs_give_byte_identical_json(seeds_report: Report, real_embedder) -> None:
    again = check([SEEDS], embedder=real_embedder)
    assert again.to_json() == seeds_report.to_json()


def finding_keys(report: Report) -> set:
    return {(f.kind, f.type, frozenset((s.source, s.start, s.end, s.text) for s in f.sides)) for f in report.findings}


def test_input_order_does_not_change_the_findings(seeds_report: Report, real_embedder) -> None:
    files = sorted(SEEDS.glob("*.txt"), reverse=True)
    reordered = check([files[1], *files[2:], files[0]], embedder=real_embedder)
    forward = check(sorted(SEEDS.glob("*.txt")), embedder=real_embedder)
    assert finding_keys(reordered) == finding_keys(forward)
    # Given as a folder or as files, the same files give the same findings (sources are the same paths).
    assert finding_keys(forward) == finding_keys(seeds_report)


# --- bad input never loses the run ---------------------------------------------------------------------------------

GOOD_ARTICLE = ("---\nsource: الوكالة\npublished: 2025-03-09\n---\n"
                "لقي 12 شخصا مصرعهم في انقلاب حافلة قرب أزيلال يوم الأحد.\n")


@pytest.fixture
def mixed_folder(tmp_path: Path, monkeypatch) -> str:
    """A good article beside a binary file, an empty file and a .md with broken front matter; cwd is its parent."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKER_REVIEW_STORE", raising=False)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.md").write_text("---\nsource: [Hespress\npublished: 2025-11-25\n---\nBody.\n", encoding="utf-8")
    return "inbox"


def test_bad_inputs_are_listed_not_lost(mixed_folder: str, fake_embedder) -> None:
    report = check([mixed_folder], embedder=fake_embedder)
    assert_valid(report)
    statuses = {Path(i.source).name: i for i in report.inputs}
    assert sorted(statuses) == ["binary.txt", "broken.md", "empty.txt", "good.md"]
    assert statuses["good.md"].status == "checked" and statuses["good.md"].articles == 1
    for name in ("binary.txt", "broken.md", "empty.txt"):
        status = statuses[name]
        assert status.status == "skipped", status
        assert status.reason and "\n" not in status.reason, f"{name}: not a one-line reason: {status.reason!r}"
    assert "binary" in statuses["binary.txt"].reason
    assert "empty" in statuses["empty.txt"].reason
    assert "front matter" in statuses["broken.md"].reason
    assert [a.source for a in report.articles] == [f"{mixed_folder}/good.md"]


def test_cli_prints_bad_inputs_and_exits_0(mixed_folder: str, fake_embedder, monkeypatch) -> None:
    monkeypatch.setattr(checker.pipeline, "load_embedder", lambda name=None: fake_embedder)
    result = CliRunner().invoke(cli, ["check", mixed_folder])
    assert result.exit_code == 0, result.output
    assert "checked 1 input(s), 1 article(s); skipped 3" in result.stdout, result.stdout
    for name in ("binary.txt", "broken.md", "empty.txt"):
        assert f"skipped {mixed_folder}/{name}: " in result.stdout, f"{name} not listed: {result.stdout}"


def test_cli_json_lists_every_input(mixed_folder: str, fake_embedder, monkeypatch) -> None:
    monkeypatch.setattr(checker.pipeline, "load_embedder", lambda name=None: fake_embedder)
    result = CliRunner().invoke(cli, ["check", mixed_folder, "--format", "json"])
    assert result.exit_code == 0, result.output
    inputs = json.loads(result.stdout)["inputs"]
    assert sorted((Path(i["source"]).name, i["status"]) for i in inputs) == [
        ("binary.txt", "skipped"), ("broken.md", "skipped"), ("empty.txt", "skipped"), ("good.md", "checked")]


# --- traps: silence where values agree or facts differ --------------------------------------------------------------
# Each fixtures/traps/<name>/ holds two small hand-written articles and a gold.json in the bench format: its `traps`
# must stay silent; its `expected` controls show that the two articles are really compared.

TRAP_BUNDLES = sorted(p for p in TRAPS.iterdir() if (p / "gold.json").is_file())
KNOWN_TRAP_FAILURES: dict[str, str] = {}  # bundle name -> why the pipeline still flags its trap (xfail, strict)
KNOWN_EXTRA_FINDINGS: dict[str, str] = {}
# Controls the fitted scorer leaves under its threshold (bundle name -> why; xfail strict: a scorer that finds
# them again fails this list).
KNOWN_MISSED_CONTROLS: dict[str, str] = {
    # The trees fitted on 74 real train and dev events (2026-12-03) score this written control under the threshold
    # (0.60), and so do those fitted on 106 (still 0.28): real coverage holds many different events a week apart, so
    # the model is cautious about a weekday resolved to two dates. The trap stays silent; the control is what is lost. (The read-also control, 9 vs 11
    # billion dollars, scored 0.64 under 0.70 with 57 events; it scores 0.76 with 74 and is found.)
    "relative-date": "Friday 11 vs Friday 18 July scores 0.28",
}


def trap_params(known: dict[str, str]) -> list:
    return [pytest.param(bundle, id=bundle.name,
                         marks=[pytest.mark.xfail(strict=True, reason=known[bundle.name])] if bundle.name in known else [])
            for bundle in TRAP_BUNDLES]


@pytest.fixture(scope="module")
def trap_reports(real_embedder) -> dict[str, Report]:
    return {bundle.name: check([bundle], embedder=real_embedder) for bundle in TRAP_BUNDLES}


def test_there_is_a_trap_of_each_kind() -> None:
    assert {b.name for b in TRAP_BUNDLES} >= {"digits-words", "synonym-nouns", "different-fact", "read-also",
                                              "relative-date", "name-spelling", "currency-equivalent",
                                              "change-of-count", "session-phase"}


@pytest.mark.parametrize("bundle", trap_params(KNOWN_TRAP_FAILURES))
def test_trap_is_silent(trap_reports: dict[str, Report], bundle: Path) -> None:
    report = trap_reports[bundle.name]
    for trap in gold(bundle)["traps"]:
        flagged = [describe(f) for f in report.findings if matches(f, bundle, trap)]
        assert not flagged, f"trap flagged ({trap['note']}): {flagged}"


@pytest.mark.parametrize("bundle", trap_params(KNOWN_MISSED_CONTROLS))
def test_trap_controls_are_found(trap_reports: dict[str, Report], bundle: Path) -> None:
    """The controls prove the two articles are read as one story: a trap's silence is then a decision."""
    report = trap_reports[bundle.name]
    for item in gold(bundle)["expected"]:
        found = [f for f in report.findings if matches(f, bundle, item)]
        assert found, (f"control {item['a']['quote']!r} vs {item['b']['quote']!r} not found; "
                       f"findings: {[describe(f) for f in report.findings]}")
        assert {f.kind for f in found} == {item["kind"]}, [describe(f) for f in found]


@pytest.mark.parametrize("bundle", trap_params(KNOWN_EXTRA_FINDINGS))
def test_trap_bundle_reports_nothing_beyond_its_controls(trap_reports: dict[str, Report], bundle: Path) -> None:
    report = trap_reports[bundle.name]
    expected = gold(bundle)["expected"]
    extra = [describe(f) for f in report.findings if not any(matches(f, bundle, item) for item in expected)]
    assert not extra, f"findings beyond the controls: {extra}"


@pytest.mark.parametrize("bundle", TRAP_BUNDLES, ids=lambda b: b.name)
def test_trap_report_is_valid(trap_reports: dict[str, Report], bundle: Path) -> None:
    assert_valid(trap_reports[bundle.name])


# --- the bench bundles copied here: valid reports (their scores are the benchmark's business) ----------------------


@pytest.mark.parametrize("bundle", sorted(p for p in BENCH.iterdir() if p.is_dir()), ids=lambda b: b.name)
def test_bench_bundle_report_is_valid(real_embedder, bundle: Path) -> None:
    report = check([bundle], embedder=real_embedder)
    assert_valid(report)
    names = {Path(i.source).name for i in report.inputs}
    assert names == {p.name for p in bundle.iterdir()}, "every file of the bundle is listed in inputs"


def test_variant_quotes_the_name_not_the_word_before_it(tmp_path: Path, real_embedder) -> None:
    (tmp_path / "a.txt").write_text("استقبل الوزير المبعوث الأوروبي جوزيب بوريل في بيروت.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("التقى الوزير المبعوث الأوروبي جوسيب بوريل في بيروت.\n", encoding="utf-8")
    report = check([tmp_path], embedder=real_embedder)
    assert [[side.text for side in f.sides] for f in report.findings] == [["جوزيب بوريل", "جوسيب بوريل"]]


def test_attribute_conflict_end_to_end(tmp_path: Path, real_embedder) -> None:
    """Two reports of one summit name different proposers of the fund: an attribute contradiction."""
    (tmp_path / "a.md").write_text(
        "---\nsource: A\npublished: 2026-04-23\nlang: ar\n---\n"
        "اختتمت القمة الإقليمية للمياه أعمالها اليوم في عمّان.\n\n"
        "وأقر المشاركون إنشاء صندوق إقليمي لتمويل مشروعات تحلية المياه، اقترحها العراق خلال الاجتماع.\n",
        encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\nsource: B\npublished: 2026-04-23\nlang: ar\n---\n"
        "اختتمت القمة الإقليمية للمياه أعمالها اليوم في عمّان.\n\n"
        "ووافق المشاركون على إنشاء صندوق إقليمي لتمويل مشروعات تحلية المياه، وهي المبادرة التي اقترحتها مصر.\n",
        encoding="utf-8")
    report = check([tmp_path], embedder=real_embedder)
    attribute = [f for f in report.findings if f.type == "attribute"]
    assert [(f.kind, sorted(s.text for s in f.sides)) for f in attribute] == [("contradiction", ["العراق", "مصر"])]


def test_report_records_every_threshold(seeds_report: Report) -> None:
    from checker.match.features import settings
    from checker.match.scorer import load_scorer
    from checker.stories import settings as story_settings

    scorer = load_scorer()
    fitted = {key: value for key, value in settings().items() if key != "fitting"}  # recorded in `scorer`
    assert seeds_report.settings.thresholds == {**fitted, "decision": scorer.threshold,
                                                **{f"story_{k}": v for k, v in story_settings().items()}}
    assert seeds_report.settings.scorer["sha256"] == scorer.data["sha256"]
    assert seeds_report.settings.scorer["model"] == settings()["fitting"]["model"]


def test_only_the_sentences_of_compared_values_are_embedded(tmp_path: Path, fake_embedder) -> None:
    """A sentence vector serves only the matcher's claim_cosine, so a sentence without a compared value (none, or
    only a name) is never sent to the encoder, while the sentence of a figure is, with the figure's masked context."""
    silent, named, counted = ("The ministry spoke after the meeting ended.", "Omar Hassan led the talks in Cairo.",
                              "The flood killed 12 people on Monday.")
    for outlet in ("a", "b"):
        (tmp_path / f"{outlet}.md").write_text(f"---\nsource: {outlet}\n---\nStorm report from the coast today\n\n"
                                               f"{counted} {silent} {named}\n", encoding="utf-8")
    recording = Recording(fake_embedder)
    check([tmp_path], embedder=recording)
    assert counted in recording.texts
    assert silent not in recording.texts and named not in recording.texts
