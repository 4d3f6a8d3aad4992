"""--engine ray: the per-article stages mapped by Ray Data over time windows give a local run's findings."""
from __future__ import annotations

import datetime as dt

import pytest

from checker.distributed import partitions, window_of
from conftest import Recording
from checker.model import Article


def _article(index: int, published: dt.date | None) -> Article:
    return Article(id=f"a.txt#{index}", source="a.txt", text="x", start=0, end=1, published=published)


def test_partitions_are_time_windows_in_date_order_with_undated_apart() -> None:
    days = [dt.date(2018, 4, 9), None, dt.date(2018, 4, 2), dt.date(2018, 4, 10), dt.date(2018, 4, 3)]
    groups = partitions([_article(i, day) for i, day in enumerate(days)], days=7)
    assert groups == [[1], [2, 4], [0, 3]]  # undated first, then each week, input order inside a week
    assert window_of(dt.date(1970, 1, 8), 7) == 1 and window_of(None) == -1


def test_a_partition_embeds_every_text_the_driver_asks_for(seeds_dir, fake_embedder) -> None:
    """The driver embeds nothing itself: each partition's texts hold every lead, sentence and masked context the
    driver's `locate` asks its stored vectors for."""
    from checker.distributed import analyse_partition
    from checker.ingest import read_inputs
    from checker.limits import limits_from_env
    from checker.pipeline import check

    recording = Recording(fake_embedder)
    check([seeds_dir], embedder=recording)
    asked = recording.texts
    articles, _ = read_inputs([seeds_dir])
    embedded = {text for part in partitions(articles)
                for text in analyse_partition([articles[i] for i in part], fake_embedder, limits_from_env())["texts"]}
    assert asked and not set(asked) - embedded, sorted(set(asked) - embedded)[:3]


def test_ray_run_gives_the_local_findings(seeds_dir, real_embedder) -> None:
    ray = pytest.importorskip("ray", reason="--engine ray needs the ray extra: pip install 'checker[ray]'")
    from checker.distributed import check_on_ray
    from checker.ingest import read_inputs
    from checker.pipeline import check

    articles, _ = read_inputs([seeds_dir])
    assert len(partitions(articles)) >= 2, "the seeds no longer span two windows: the test would map one partition"
    local = check([seeds_dir], embedder=real_embedder)
    try:
        distributed = check_on_ray([seeds_dir], cpus=2)
    finally:
        ray.shutdown()

    def seen(report):
        return [(f.kind, f.fingerprint, [(s.source, s.start, s.end, s.text) for s in f.sides], round(f.score or 0, 3))
                for f in report.findings]

    assert local.findings, "the seeds give findings: an empty comparison would prove nothing"
    assert seen(distributed) == seen(local)
    assert [f.id for f in distributed.facts] == [f.id for f in local.facts]
    assert distributed.inputs == local.inputs and distributed.settings == local.settings


@pytest.mark.parametrize("bundle", ["seeds", "bench/03-mediterranean-shipwreck"])
def test_local_processes_give_the_local_report(bundle: str, seeds_dir, fixtures_dir, real_embedder) -> None:
    """--engine processes: two forked workers read and embed, this process compares; the JSON is the local run's,
    byte for byte (each worker embeds its slice in the encoder's own batches)."""
    from checker.distributed import check_in_processes
    from checker.pipeline import check

    folder = seeds_dir if bundle == "seeds" else fixtures_dir / bundle
    local = check([folder], embedder=real_embedder)
    assert local.findings, "an empty comparison would prove nothing"
    assert check_in_processes([folder], embedder=real_embedder, workers=2).to_json() == local.to_json()


@pytest.mark.parametrize("engine,function", [("ray", "check_on_ray"), ("processes", "check_in_processes")])
def test_the_cli_hands_the_engine_to_its_check(engine: str, function: str, monkeypatch) -> None:
    import checker.distributed
    from click.testing import CliRunner

    from checker.cli import cli
    from checker.model import Article, Input, Report, Settings

    called = []

    def on_ray(paths, against=(), model=None, progress=None, **_):
        called.append(paths)
        return Report(version="t", settings=Settings(model="fake", dimension=2, similarity_threshold=0.5,
                                                     neighbours=2),
                      inputs=(Input(source="feed.jsonl", status="checked", articles=1),), findings=(),
                      articles=(Article(id="feed.jsonl:1#0", source="feed.jsonl:1", text="x", start=0, end=1),))

    monkeypatch.setattr(checker.distributed, function, on_ray)
    result = CliRunner().invoke(cli, ["check", "feed.jsonl", "--engine", engine, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [[str(p) for p in paths] for paths in called] == [["feed.jsonl"]]
