"""Finding and fact ids: the same files give the same ids in any argument order and from any folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.ids import relative_source
from checker.pipeline import check


@pytest.mark.parametrize("source, given, expected", [
    ("seeds/a.txt", ["seeds/"], "a.txt"),
    ("seeds/a.txt", ["seeds"], "a.txt"),
    ("/abs/x/seeds/sub/a.txt", ["/abs/x/seeds"], "sub/a.txt"),
    ("draft.md", ["draft.md", "wire/"], "draft.md"),
    ("wire/b.jsonl:3", ["draft.md", "wire"], "b.jsonl:3"),
    ("seeds2/a.txt", ["seeds"], "a.txt"),
])
def test_relative_source(source: str, given: list[str], expected: str) -> None:
    assert relative_source(source, given) == expected


def _ids(report) -> tuple[list[str], list[str], list[str]]:
    return (sorted(f.id for f in report.findings), sorted(f.id for f in report.facts),
            sorted(str(f.fact_id) for f in report.findings))


@pytest.mark.slow
def test_ids_ignore_argument_order_and_folder(tmp_path: Path, seeds_dir: Path, real_embedder) -> None:
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    first = check(files, embedder=real_embedder)
    assert first.findings and first.facts, "the seeds give findings and facts"
    elsewhere = tmp_path / "some" / "other" / "place"
    elsewhere.mkdir(parents=True)
    for name in files:
        shutil.copy(name, elsewhere)
    moved = check([str(elsewhere / Path(name).name) for name in reversed(files)], embedder=real_embedder)
    folder = check([str(elsewhere)], embedder=real_embedder)
    assert _ids(moved) == _ids(first), "ids changed with the folder and the argument order"
    assert _ids(folder) == _ids(first), "ids changed when the folder was given instead of its files"
    assert len(set(_ids(first)[0])) == len(first.findings), "two findings share an id"
    assert set(_ids(first)[2]) <= {*_ids(first)[1], "None"}, "a finding names a fact that is not in the report"


def test_a_located_source_is_where_the_file_is_however_it_was_typed(tmp_path: Path, monkeypatch) -> None:
    from checker.ids import located_source

    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "feed.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "wire" / "feed.jsonl")
    monkeypatch.chdir(tmp_path)
    where = str((tmp_path / "wire" / "feed.jsonl").resolve())
    assert {located_source(typed) for typed in ("wire/feed.jsonl", where, "link.jsonl", "./wire/../wire/feed.jsonl")
            } == {where}
    assert located_source("link.jsonl:3") == where + ":3"  # a line of a feed keeps its line
    assert located_source("<stdin>", "one text") == located_source("<stdin>", "one text") != \
        located_source("<stdin>", "another")
