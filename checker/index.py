"""An index of the wire: the feed read, split, valued and embedded once, so a draft is checked against it in seconds.

    DIR/index.json     what the index was built with: model, dimension, the story and matching numbers, version
    DIR/articles.faiss one lead vector per article (checker.stories), a flat inner-product index, memory-mapped
    DIR/wire.sqlite    articles (text, metadata, story, rare-name keys), claims and values (stdlib sqlite3)

`checker index build` creates it, `checker index add` appends articles (and regroups the stories: the neighbour
graph over one vector per article is cheap next to reading values), `checker check DRAFT --against-index DIR`
finds the draft's stories among the indexed articles and checks the draft against them, reusing their stored
claims and values. An index built with another model, dimension or grouping numbers is refused with one line.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import faiss
import numpy as np

from checker import __version__
from checker.claims import split_claims_noted
from checker.embed import Embedder, load_embedder
from checker.errors import CheckerError
from checker.ingest import read_inputs
from checker.limits import limits_from_env
from checker.match.features import settings as match_settings
from checker.model import Article, Claim, Input, Mention, Report
from checker.stories import article_names, article_vectors, group, settings as story_settings

META, VECTORS, DATABASE = "index.json", "articles.faiss", "wire.sqlite"
FORMAT = 1
# Articles read, valued and embedded together: memory holds one batch of Python objects, not the whole feed.
BATCH = 500

Progress = Callable[[str], None]


class IndexError_(CheckerError):
    """An index that cannot be used: missing, built differently, or asked to be built twice."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, meta TEXT NOT NULL, text TEXT NOT NULL,
    story INTEGER NOT NULL DEFAULT 0, names TEXT NOT NULL DEFAULT '[]', published TEXT);
CREATE TABLE IF NOT EXISTS claims (id TEXT PRIMARY KEY, article_row INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (id TEXT PRIMARY KEY, article_row INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_article ON claims (article_row);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_row);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story);
"""


def expected_meta(embedder: Embedder) -> dict:
    """What an index must have been built with for its vectors, stories and values to mean what they mean now."""
    return {"format": FORMAT, "model": embedder.name, "dimension": int(embedder.dimension),
            "stories": dict(story_settings()), "same_values": {"neighbours": match_settings()["neighbours"]}}


def _check_meta(folder: Path, embedder: Embedder) -> dict:
    path = folder / META
    if not path.is_file():
        raise IndexError_(f"{folder}: not a checker index (no {META}); build one with `checker index build`")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise IndexError_(f"{path}: unreadable index description ({err})") from err
    want = expected_meta(embedder)
    for key in ("format", "model", "dimension", "stories"):
        if meta.get(key) != want[key]:
            shown = lambda value: json.dumps(value, sort_keys=True)[:120]  # noqa: E731
            raise IndexError_(f"{folder}: index built with {key} {shown(meta.get(key))}, this run uses "
                              f"{shown(want[key])}: rebuild it with `checker index build`")
    return meta


def _connect(folder: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(folder / DATABASE)
    connection.executescript(_SCHEMA)
    return connection


def _article_row(article: Article) -> tuple[str, str, str | None]:
    return article.model_dump_json(), article.text, article.published.isoformat() if article.published else None


def _article(meta: str, text: str) -> Article:
    return Article(**json.loads(meta), text=text)


def build(paths: Sequence[str | Path], folder: str | Path, embedder: Embedder | None = None,
          progress: Progress | None = None) -> dict:
    """A new index of the articles under `paths` in `folder` (which must not hold one yet)."""
    folder = Path(folder)
    if (folder / META).exists():
        raise IndexError_(f"{folder}: an index is already there; add articles with `checker index add`")
    folder.mkdir(parents=True, exist_ok=True)
    embedder = embedder or load_embedder()
    (folder / META).write_text(json.dumps({**expected_meta(embedder), "version": __version__, "articles": 0},
                                          indent=2, sort_keys=True) + "\n", encoding="utf-8")
    faiss.write_index(faiss.IndexFlatIP(embedder.dimension), str(folder / VECTORS))
    return add(paths, folder, embedder, progress)


def add(paths: Sequence[str | Path], folder: str | Path, embedder: Embedder | None = None,
        progress: Progress | None = None) -> dict:
    """Append the articles under `paths` to the index in `folder` (an article id already there is kept, not
    doubled), then regroup every indexed article into stories. Returns counts for the user."""
    from checker.pipeline import extract_mentions

    folder = Path(folder)
    say = progress or (lambda _message: None)
    embedder = embedder or load_embedder()
    meta = _check_meta(folder, embedder)
    index = faiss.read_index(str(folder / VECTORS))
    limits = limits_from_env()
    articles, inputs = read_inputs(paths, role="article", limits=limits)
    skipped = [item for item in inputs if item.status == "skipped"]
    with _connect(folder) as connection:
        known = {row[0] for row in connection.execute("SELECT id FROM articles")}
        fresh = [article for article in articles if article.id not in known]
        row = index.ntotal
        for start in range(0, len(fresh), BATCH):
            batch = fresh[start:start + BATCH]
            claims, _ = split_claims_noted(batch, limits)
            mentions = extract_mentions(batch, claims, limits)
            vectors = article_vectors(batch, embedder)
            names = article_names(batch, mentions)
            rows = {article.id: row + n for n, article in enumerate(batch)}
            connection.executemany(
                "INSERT INTO articles (row, id, meta, text, names, published) VALUES (?, ?, ?, ?, ?, ?)",
                [(rows[a.id], a.id, *_article_row(a)[:2], json.dumps(sorted(names[n])), _article_row(a)[2])
                 for n, a in enumerate(batch)])
            connection.executemany("INSERT INTO claims VALUES (?, ?, ?)",
                                   [(c.id, rows[c.article_id], c.model_dump_json()) for c in claims])
            connection.executemany("INSERT INTO mentions VALUES (?, ?, ?)",
                                   [(m.id, rows[m.article_id], m.model_dump_json()) for m in mentions])
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
            row += len(batch)
            say(f"indexed {start + len(batch)} of {len(fresh)} new articles")
        stories = _regroup(connection, index)
    faiss.write_index(index, str(folder / VECTORS))
    meta.update({"version": __version__, "articles": int(index.ntotal)})
    (folder / META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return {"added": len(fresh), "already": len(articles) - len(fresh), "skipped": [(i.source, i.reason)
                                                                                   for i in skipped],
            "articles": int(index.ntotal), "stories": stories}


def _regroup(connection: sqlite3.Connection, index: faiss.Index) -> int:
    """Every indexed article's story, from the same graph `checker check` groups a feed with."""
    rows = connection.execute("SELECT row, published, names, meta FROM articles ORDER BY row").fetchall()
    if not rows:
        return 0
    stubs = [Article(id=str(row), source="", text="", start=0, end=0,
                     published=dt.date.fromisoformat(published) if published else None,
                     role=json.loads(meta).get("role", "article")) for row, published, _, meta in rows]
    names = [frozenset(json.loads(found)) for _, _, found, _ in rows]
    labels = group(stubs, index.reconstruct_n(0, index.ntotal), names=names)
    connection.executemany("UPDATE articles SET story = ? WHERE row = ?",
                           [(label, row) for (row, *_), label in zip(rows, labels)])
    return len(set(labels))


@dataclass
class Wire:
    """An opened index: its vectors memory-mapped, its database open read-only."""

    folder: Path
    meta: dict
    vectors: faiss.Index
    connection: sqlite3.Connection

    def close(self) -> None:
        self.connection.close()


def open_index(folder: str | Path, embedder: Embedder) -> Wire:
    folder = Path(folder)
    meta = _check_meta(folder, embedder)
    flag = getattr(faiss, "IO_FLAG_MMAP_IFC", faiss.IO_FLAG_MMAP)
    try:
        vectors = faiss.read_index(str(folder / VECTORS), flag)
    except RuntimeError as err:
        raise IndexError_(f"{folder / VECTORS}: unreadable vector index ({str(err).splitlines()[0][:120]})") from err
    connection = sqlite3.connect(f"file:{folder / DATABASE}?mode=ro", uri=True)
    return Wire(folder, meta, vectors, connection)


def nearest_stories(wire: Wire, drafts: Sequence[Article], vectors: np.ndarray) -> list[int]:
    """Rows of the indexed articles in the drafts' stories: each draft's faiss neighbours close enough to be
    linked to it (a cosine that shared names could lift to the link, within the time window), and the rest of
    their stories, nearest first, at most `index_articles` in all."""
    conf = story_settings()
    if wire.vectors.ntotal == 0 or not len(drafts):
        return []
    floor = conf["link"] - conf["name_bonus"] * conf["names_counted"]
    k = min(conf["neighbours"], wire.vectors.ntotal)
    similarities, neighbours = wire.vectors.search(np.ascontiguousarray(vectors, dtype=np.float32), k)
    best: dict[int, float] = {}
    for draft, row_sims, row_ids in zip(drafts, similarities, neighbours):
        for similarity, row in zip(row_sims, row_ids):
            if row < 0 or similarity < floor:
                continue
            published = wire.connection.execute("SELECT published FROM articles WHERE row = ?",
                                                (int(row),)).fetchone()[0]
            if published and draft.published and abs((draft.published - _date(published)).days) > \
                    conf["window_days"]:
                continue
            best[int(row)] = max(best.get(int(row), -1.0), float(similarity))
    if not best:
        return []
    marks = ",".join("?" * len(best))
    stories = [story for (story,) in wire.connection.execute(
        f"SELECT DISTINCT story FROM articles WHERE row IN ({marks})", list(best))]
    marks = ",".join("?" * len(stories))
    members = [row for (row,) in wire.connection.execute(
        f"SELECT row FROM articles WHERE story IN ({marks}) ORDER BY row", stories)]
    if len(members) > conf["index_articles"]:
        # the nearest to any draft first: their vectors are in the map, read only for these rows
        mates = np.stack([wire.vectors.reconstruct(row) for row in members])
        closest = (mates @ np.asarray(vectors, dtype=np.float32).T).max(axis=1)
        keep = sorted(members, key=lambda row: (-closest[members.index(row)], row))[:conf["index_articles"]]
        members = sorted(set(keep) | set(best))
    return members


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def load_rows(wire: Wire, rows: Sequence[int]) -> tuple[list[Article], list[Claim], list[Mention]]:
    """The stored articles, claims and values of `rows`, in row order (the order they were indexed in)."""
    if not rows:
        return [], [], []
    marks = ",".join("?" * len(rows))
    articles = [_article(meta, text) for meta, text in wire.connection.execute(
        f"SELECT meta, text FROM articles WHERE row IN ({marks}) ORDER BY row", list(rows))]
    claims = [Claim.model_validate_json(data) for (data,) in wire.connection.execute(
        f"SELECT data FROM claims WHERE article_row IN ({marks}) ORDER BY article_row, rowid", list(rows))]
    mentions = [Mention.model_validate_json(data) for (data,) in wire.connection.execute(
        f"SELECT data FROM mentions WHERE article_row IN ({marks}) ORDER BY article_row, rowid", list(rows))]
    return articles, claims, mentions


def check_against_index(paths: Sequence[str | Path], folder: str | Path, model: str | None = None,
                        embedder: Embedder | None = None, scorer=None,
                        progress: Progress | None = None) -> Report:
    """Check the drafts under `paths` against the indexed articles of their stories, as `check(paths,
    against=...)` would against those articles' files."""
    from checker.errors import InputError
    from checker.match.scorer import load_scorer
    from checker.pipeline import extract_mentions, locate, report_of, with_notes

    if not paths:
        raise InputError("no input: give at least one draft to check")
    say = progress or (lambda _stage: None)
    embedder = embedder or load_embedder(model)
    scorer = scorer or load_scorer()
    wire = open_index(folder, embedder)
    try:
        say("reading")
        limits = limits_from_env()
        drafts, inputs = read_inputs(paths, role="draft", limits=limits)
        draft_claims, notes = split_claims_noted(drafts, limits)
        say("extracting")
        draft_mentions = extract_mentions(drafts, draft_claims, limits, notes)
        inputs = with_notes(inputs, notes)
        rows = nearest_stories(wire, drafts, article_vectors(drafts, embedder))
        references, claims, mentions = load_rows(wire, rows)
    finally:
        wire.close()
    inputs = [*inputs, Input(source=str(folder), status="checked", articles=len(references),
                             reason=f"{len(references)} of {wire.meta.get('articles', '?')} indexed articles in "
                                    f"the drafts' stories")]
    articles = [*drafts, *references]
    all_claims, all_mentions = [*draft_claims, *claims], [*draft_mentions, *mentions]
    say("embedding")
    located = locate(articles, all_claims, all_mentions, embedder)
    say("comparing")
    given = [str(p) for p in paths] + sorted({a.source.rsplit(":", 1)[0] if a.source.rsplit(":", 1)[-1].isdigit()
                                              else a.source for a in references})
    return report_of(inputs, articles, all_claims, located, embedder, scorer, given, against=True)
