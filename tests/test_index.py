"""An index of the wire: build, add, check a draft against it as against the same articles' files, refuse a
mismatched index with one line."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker.index import IndexError_, add, build, check_against_index, open_index
from checker.pipeline import check
from conftest import Recording

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DRAFT = "001_61dee77d9e5cb597.txt"


def _key(report) -> list[tuple]:
    return sorted((f.kind, f.type, *sorted((Path(s.source).name, s.start, s.end, s.text) for s in f.sides))
                  for f in report.findings)


@pytest.fixture(scope="module")
def wire(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The seeds split into a draft and a folder of reference articles, and an index folder to build into."""
    base = tmp_path_factory.mktemp("wire")
    draft, refs = base / "draft", base / "refs"
    draft.mkdir()
    refs.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, (draft if path.name == DRAFT else refs) / path.name)
    return draft / DRAFT, refs, base / "index"


def test_build_add_and_check_against_the_index_as_against_the_files(wire, real_embedder) -> None:
    draft, refs, folder = wire
    first, *rest = sorted(refs.glob("*.txt"))
    built = build([first], folder, real_embedder)
    assert (built["added"], built["articles"]) == (1, 1)
    added = add(rest, folder, real_embedder)
    assert added["added"] >= len(rest) and added["articles"] == 1 + added["added"]  # a file may hold two
    again = add([first], folder, real_embedder)
    assert (again["added"], again["already"]) == (0, 1)

    direct = check([draft], against=[first, *rest], embedder=real_embedder)
    indexed = check_against_index([draft], folder, embedder=real_embedder)
    assert direct.findings, "the seeds' draft disagrees with its references"
    assert _key(indexed) == _key(direct)
    assert {f.id for f in indexed.findings} == {f.id for f in direct.findings}
    assert any(i.source == str(folder) and i.status == "checked" for i in indexed.inputs)


def test_an_index_is_built_once(wire, real_embedder) -> None:
    draft, refs, folder = wire
    if not (folder / "index.json").exists():
        build([refs], folder, real_embedder)
    with pytest.raises(IndexError_, match="already there"):
        build([refs], folder, real_embedder)


def test_another_model_is_refused_in_one_line(wire, real_embedder, fake_embedder) -> None:
    draft, refs, folder = wire
    if not (folder / "index.json").exists():
        build([refs], folder, real_embedder)
    with pytest.raises(IndexError_) as refused:
        open_index(folder, fake_embedder)
    message = str(refused.value)
    assert "\n" not in message and "model" in message and "rebuild" in message


def test_other_story_numbers_are_refused(tmp_path: Path, fake_embedder) -> None:
    (tmp_path / "a.md").write_text("---\nsource: A\n---\nOne article about a flood.\n", encoding="utf-8")
    folder = tmp_path / "index"
    build([tmp_path / "a.md"], folder, fake_embedder)
    meta = json.loads((folder / "index.json").read_text())
    meta["stories"]["link"] = 0.99
    (folder / "index.json").write_text(json.dumps(meta))
    with pytest.raises(IndexError_, match="stories"):
        open_index(folder, fake_embedder)


def test_a_folder_without_an_index_is_refused(tmp_path: Path, fake_embedder) -> None:
    with pytest.raises(IndexError_, match="not a checker index"):
        check_against_index([SEEDS / DRAFT], tmp_path, embedder=fake_embedder)


def test_cli_index_and_against_index(wire, real_embedder, tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    import checker.embed
    from checker.cli import cli

    monkeypatch.setattr(checker.embed, "load_embedder", lambda name=None: real_embedder)
    draft, refs, _ = wire
    folder = tmp_path / "cli-index"
    runner = CliRunner()
    built = runner.invoke(cli, ["index", "build", str(refs), "--index", str(folder)])
    assert built.exit_code == 0, built.output
    assert "article(s) added" in built.output
    report = tmp_path / "report.json"
    checked = runner.invoke(cli, ["check", str(draft), "--against-index", str(folder), "-o", str(report)])
    assert checked.exit_code == 0, checked.output
    assert json.loads(report.read_text())["findings"]
    wrong = runner.invoke(cli, ["check", str(draft), "--against-index", str(tmp_path)])
    assert wrong.exit_code == 2 and "not a checker index" in wrong.output


def test_a_query_embeds_only_the_draft_and_finds_what_the_files_give(tmp_path: Path, real_embedder,
                                                                      fixtures_dir: Path) -> None:
    """A small mixed feed (two bench stories) indexed; a draft of one checked against the index gives the findings
    `check --against` the feed's files gives, and the encoder sees none of the indexed articles' texts."""
    from checker.claims import split_claims
    from checker.ingest import read_inputs
    from checker.pipeline import extract_mentions
    from checker.match.context import matched_texts
    from checker.stories import lead_text

    quake, shipwreck = fixtures_dir / "bench/01-atlas-earthquake", fixtures_dir / "bench/03-mediterranean-shipwreck"
    draft = quake / "alatlas24.md"
    feed = [p for bundle in (quake, shipwreck) for p in sorted(bundle.glob("*.md")) if p != draft]
    folder = tmp_path / "index"
    build(feed[:3], folder, real_embedder)
    add(feed[3:], folder, real_embedder)
    assert (folder / "texts.f32").stat().st_size > 0

    recording = Recording(real_embedder)
    indexed = check_against_index([draft], folder, embedder=recording)
    direct = check([draft], against=feed, embedder=real_embedder)
    assert direct.findings, "the draft disagrees with the other reports of its earthquake"
    assert _key(indexed) == _key(direct)
    assert {f.id for f in indexed.findings} == {f.id for f in direct.findings}

    references, _ = read_inputs(feed)
    claims = split_claims(references)
    claim_texts, masked = matched_texts(claims, extract_mentions(references, claims))
    leads = {lead_text(article) for article in references}
    mine, _ = read_inputs([draft])
    mine_claims = split_claims(mine)
    own = {c.text for c in mine_claims} | set(matched_texts(mine_claims, extract_mentions(mine, mine_claims))[1].values())
    reread = (set(claim_texts.values()) | set(masked.values()) | leads) & set(recording.texts) - own
    assert recording.texts and not reread, f"indexed texts embedded again: {sorted(reread)[:3]}"


def test_a_truncated_vector_store_is_refused_in_one_line(tmp_path: Path, fake_embedder) -> None:
    (tmp_path / "a.md").write_text("---\nsource: A\n---\nThe flood killed 12 people on Monday.\n", encoding="utf-8")
    folder = tmp_path / "index"
    build([tmp_path / "a.md"], folder, fake_embedder)
    (folder / "texts.f32").write_bytes(b"")
    with pytest.raises(IndexError_) as refused:
        open_index(folder, fake_embedder)
    assert "\n" not in str(refused.value) and "texts.f32" in str(refused.value)


# --- article identity: a file is one article however its path is typed ------------------------------------------


def _story_file(folder: Path, name: str, text: str, day: str = "2018-06-04") -> Path:
    path = folder / name
    path.write_text(f"---\nsource: {name.split('.')[0]}\npublished: {day}\n---\n{text}\n", encoding="utf-8")
    return path


def test_a_file_added_by_another_path_or_a_symlink_is_one_article(tmp_path: Path, fake_embedder,
                                                                   monkeypatch) -> None:
    wire = tmp_path / "wire"
    wire.mkdir()
    _story_file(wire, "a.md", "The flood killed 12 people on Monday in the valley.")
    (tmp_path / "link.md").symlink_to(wire / "a.md")
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "index"
    assert build(["wire/a.md"], folder, fake_embedder)["added"] == 1
    for again in (str(wire / "a.md"), "wire/../wire/a.md", "link.md", "wire"):
        done = add([again], folder, fake_embedder)
        assert (done["added"], done["already"], done["articles"]) == (0, 1, 1), again


def test_two_files_typed_alike_from_two_folders_are_two_articles(tmp_path: Path, fake_embedder,
                                                                 monkeypatch) -> None:
    """The converse: `a.md` typed in two working folders is two files, so two articles (the path as typed
    would have called the second one already indexed)."""
    first, second = tmp_path / "monday", tmp_path / "tuesday"
    for day, place in ((first, "valley"), (second, "coast")):
        day.mkdir()
        _story_file(day, "a.md", f"The flood killed 12 people in the {place}.")
    folder = tmp_path / "index"
    monkeypatch.chdir(first)
    build(["a.md"], folder, fake_embedder)
    monkeypatch.chdir(second)
    done = add(["a.md"], folder, fake_embedder)
    assert (done["added"], done["articles"]) == (1, 2)


def test_a_draft_that_is_indexed_is_not_checked_against_its_own_copy(tmp_path: Path, fake_embedder,
                                                                    monkeypatch) -> None:
    wire = tmp_path / "wire"
    wire.mkdir()
    _story_file(wire, "a.md", "The flood killed 12 people on Monday in the valley.")
    _story_file(wire, "b.md", "The flood killed 14 people on Monday in the valley.")
    folder = tmp_path / "index"
    build([wire], folder, fake_embedder)
    monkeypatch.chdir(wire)
    report = check_against_index(["a.md"], folder, embedder=fake_embedder)
    assert sorted(Path(a.source).name for a in report.articles) == ["a.md", "b.md"]
    assert [a.role for a in report.articles if Path(a.source).name == "a.md"] == ["draft"]


def test_a_draft_inside_its_references_folder_is_read_once(tmp_path: Path, fake_embedder, monkeypatch) -> None:
    wire = tmp_path / "wire"
    wire.mkdir()
    _story_file(wire, "a.md", "The flood killed 12 people on Monday in the valley.")
    _story_file(wire, "b.md", "The flood killed 14 people on Monday in the valley.")
    monkeypatch.chdir(tmp_path)
    report = check([str(wire / "a.md")], against=["wire"], embedder=fake_embedder)
    assert sorted((Path(a.source).name, a.role) for a in report.articles) == [("a.md", "draft"), ("b.md", "article")]
    assert any(i.status == "skipped" and "already read as" in (i.reason or "") for i in report.inputs)


# --- a bounded add: only the stories new articles can touch are regrouped ----------------------------------------


class _Tagged:
    """One unit vector per story tag ("storyN" in the text): articles of one tag read alike, of two tags not at
    all, so which stories an add can touch is known in advance."""

    name, dimension = "tagged", 32

    def encode(self, texts):
        import re

        import numpy as np

        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            found = re.search(r"story(\d+)", text)
            vectors[row, int(found.group(1)) if found else self.dimension - 1] = 1.0
        return vectors


def _stories(folder: Path, tags: range, each: int, prefix: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [_story_file(folder, f"{prefix}s{tag}-{n}.md", f"story{tag} report {n} of the event.")
            for tag in tags for n in range(each)]


def _labels(folder: Path) -> dict[str, int]:
    import sqlite3

    connection = sqlite3.connect(folder / "wire.sqlite")
    try:
        rows = connection.execute("SELECT id, story FROM articles").fetchall()
    finally:
        connection.close()
    return {Path(id_.split("#")[0]).name: story for id_, story in rows}


def test_an_add_regroups_what_it_touches_whatever_the_size_of_the_index(tmp_path: Path) -> None:
    """The same new articles added to an index of 2 stories and to one of 12 regroup as many articles: the new
    ones and the one story they join, never the whole index; and the stories come out as one build of all."""
    tagged = _Tagged()
    new = _stories(tmp_path / "new", range(20, 21), 2, "new-") + _stories(tmp_path / "new", range(1, 2), 1, "new-")
    regrouped = {}
    for size in (2, 12):
        folder = tmp_path / f"index-{size}"
        built = build(_stories(tmp_path / f"feed-{size}", range(size), 3), folder, tagged)
        assert built["regrouped"] == built["articles"] == 3 * size  # a build groups everything, once
        done = add(new, folder, tagged)
        regrouped[size] = done["regrouped"]
        assert done["added"] == 3 and done["stories"] == size + 1
        labels = _labels(folder)
        assert labels["new-s20-0.md"] == labels["new-s20-1.md"] != labels["s1-0.md"]
        assert labels["new-s1-0.md"] == labels["s1-0.md"] == labels["s1-2.md"]
        once = tmp_path / f"once-{size}"
        build([*_stories(tmp_path / f"feed-{size}", range(size), 3), *new], once, tagged)
        by_story = lambda found: sorted(sorted(n for n in found if found[n] == s) for s in set(found.values()))  # noqa: E731
        assert by_story(_labels(once)) == by_story(labels)
    assert regrouped[2] == regrouped[12] == 3 + 3  # the three new articles and story 1's three


def test_an_add_far_from_every_story_regroups_only_itself(tmp_path: Path) -> None:
    tagged = _Tagged()
    folder = tmp_path / "index"
    build(_stories(tmp_path / "feed", range(5), 3), folder, tagged)
    late = _story_file(tmp_path, "late.md", "story1 report weeks later.", day="2018-08-01")
    done = add([late], folder, tagged)
    assert done["regrouped"] == 1  # its one neighbour story is outside the time window
    assert _labels(folder)["late.md"] != _labels(folder)["s1-0.md"]


def test_an_index_of_the_path_keyed_format_is_refused(tmp_path: Path, fake_embedder) -> None:
    """Format 2 keyed articles by the path as typed: adding to it would double its files, so it is rebuilt."""
    (tmp_path / "a.md").write_text("---\nsource: A\n---\nOne article about a flood.\n", encoding="utf-8")
    folder = tmp_path / "index"
    build([tmp_path / "a.md"], folder, fake_embedder)
    meta = json.loads((folder / "index.json").read_text())
    meta["format"] = 2
    (folder / "index.json").write_text(json.dumps(meta))
    with pytest.raises(IndexError_, match="format .*rebuild"):
        add([tmp_path / "a.md"], folder, fake_embedder)
