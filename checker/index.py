"""An index of the wire: the feed read, split, valued and embedded once, so a draft is checked against it in seconds.

    DIR/index.json     what the index was built with: model, dimension, the story and matching numbers, version
    DIR/articles.faiss one lead vector per article (checker.stories), a flat inner-product index, memory-mapped
    DIR/texts.f32      the vectors matching reads: each value-bearing claim's and each value's masked context,
                       raw float32 rows of `dimension` (numpy memmap; a row per distinct text of an indexed batch)
    DIR/wire.sqlite    articles (text, metadata, story, rare-name keys), claims and values, each claim and value
                       with the row of its vector in texts.f32 and the exact text that vector embeds (stdlib sqlite3)

`checker index build` creates it, `checker index add` appends articles and regroups only the stories they can
touch (their neighbours' stories: the rest of the index keeps its stories), `checker check DRAFT --against-index DIR`
finds the draft's stories among the indexed articles and checks the draft against them, reusing their stored
claims, values and vectors: a query embeds only the draft. An index built with another model, dimension or
grouping numbers is refused with one line.

An indexed article is named by where its file is (`checker.ids.located_article`: absolute, symlinks resolved), not by the
path as typed, so the same file added as `wire/a.txt`, `/abs/wire/a.txt` or through a link is one article, and a
draft that is itself indexed is not checked against its own copy.
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
from checker.ids import located_article
from checker.ingest import read_inputs
from checker.limits import limits_from_env
from checker.match.features import settings as match_settings
from checker.match.context import matched_texts
from checker.model import Article, Claim, Input, Mention, Report
from checker.stories import (article_names, article_vectors, group_pairs, lead_text, link_floor, rare,
                             settings as story_settings)

META, VECTORS, TEXTS, DATABASE = "index.json", "articles.faiss", "texts.f32", "wire.sqlite"
# 2: claim and masked-context vectors stored (texts.f32); an index of format 1 is refused, to be rebuilt
# 3: articles keyed by where their file is, not the path as typed; articles per name key kept (`keys`) so that an
#    add regroups only what it touches; an index of format 2 is refused, to be rebuilt
FORMAT = 3
# Articles read, valued and embedded together: memory holds one batch of Python objects, not the whole feed.
BATCH = 500

Progress = Callable[[str], None]


class IndexError_(CheckerError):
    """An index that cannot be used: missing, built differently, or asked to be built twice."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, meta TEXT NOT NULL, text TEXT NOT NULL,
    story INTEGER NOT NULL DEFAULT 0, names TEXT NOT NULL DEFAULT '[]', published TEXT);
CREATE TABLE IF NOT EXISTS claims (id TEXT PRIMARY KEY, article_row INTEGER NOT NULL, data TEXT NOT NULL,
    vector INTEGER);
CREATE TABLE IF NOT EXISTS mentions (id TEXT PRIMARY KEY, article_row INTEGER NOT NULL, data TEXT NOT NULL,
    vector INTEGER, masked TEXT);
CREATE TABLE IF NOT EXISTS keys (key TEXT PRIMARY KEY, articles INTEGER NOT NULL);
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
    (folder / META).write_text(json.dumps({**expected_meta(embedder), "version": __version__, "articles": 0,
                                           "texts": 0}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    faiss.write_index(faiss.IndexFlatIP(embedder.dimension), str(folder / VECTORS))
    (folder / TEXTS).write_bytes(b"")
    return add(paths, folder, embedder, progress)


def add(paths: Sequence[str | Path], folder: str | Path, embedder: Embedder | None = None,
        progress: Progress | None = None) -> dict:
    """Append the articles under `paths` to the index in `folder` (an article already there, by whatever path it
    is given now, is kept, not doubled), then regroup the stories the new articles can touch. Returns counts for
    the user, `regrouped` the number of articles whose story was looked at again."""
    from checker.pipeline import extract_mentions

    folder = Path(folder)
    say = progress or (lambda _message: None)
    embedder = embedder or load_embedder()
    meta = _check_meta(folder, embedder)
    index = faiss.read_index(str(folder / VECTORS))
    limits = limits_from_env()
    articles, inputs = read_inputs(paths, role="article", limits=limits)
    articles = [located_article(article) for article in articles]
    skipped = [item for item in inputs if item.status == "skipped"]
    texts_done = _stored_rows(folder)
    with _connect(folder) as connection, (folder / TEXTS).open("r+b") as store:
        store.truncate(texts_done * 4 * int(embedder.dimension))  # rows a failed add wrote past its last commit
        store.seek(0, 2)
        ids = [article.id for article in articles]
        known = {found for chunk in _chunks(ids) for (found,) in connection.execute(
            f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
        fresh = [article for article in articles if article.id not in known]
        first = row = index.ntotal
        for start in range(0, len(fresh), BATCH):
            batch = fresh[start:start + BATCH]
            claims, _ = split_claims_noted(batch, limits)
            mentions = extract_mentions(batch, claims, limits)
            vectors = article_vectors(batch, embedder)
            names = article_names(batch, mentions)
            claim_texts, masked = matched_texts(claims, mentions)
            # one vector per distinct text of the batch, embedded in one call as a run embeds its texts
            distinct = list(dict.fromkeys([*claim_texts.values(), *masked.values()]))
            at = {text: texts_done + n for n, text in enumerate(distinct)}
            store.write(np.ascontiguousarray(embedder.encode(distinct), dtype=np.float32).tobytes())
            rows = {article.id: row + n for n, article in enumerate(batch)}
            # each new article its own story until it is regrouped below
            connection.executemany(
                "INSERT INTO articles (row, id, meta, text, story, names, published) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(rows[a.id], a.id, *_article_row(a)[:2], rows[a.id], json.dumps(sorted(names[n])),
                  _article_row(a)[2]) for n, a in enumerate(batch)])
            connection.executemany(
                "INSERT INTO keys VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET articles = articles + 1",
                [(key,) for found in names for key in sorted(found)])
            connection.executemany("INSERT INTO claims VALUES (?, ?, ?, ?)",
                                   [(c.id, rows[c.article_id], c.model_dump_json(),
                                     at[claim_texts[c.id]] if c.id in claim_texts else None) for c in claims])
            connection.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?)",
                                   [(m.id, rows[m.article_id], m.model_dump_json(),
                                     at[masked[m.id]] if m.id in masked else None, masked.get(m.id))
                                    for m in mentions])
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
            row += len(batch)
            texts_done += len(distinct)
            say(f"indexed {start + len(batch)} of {len(fresh)} new articles")
        store.flush()
        regrouped = _regroup(connection, index, range(first, row))
        stories = connection.execute("SELECT COUNT(DISTINCT story) FROM articles").fetchone()[0]
    faiss.write_index(index, str(folder / VECTORS))
    meta.update({"version": __version__, "articles": int(index.ntotal), "texts": texts_done})
    (folder / META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return {"added": len(fresh), "already": len(articles) - len(fresh), "skipped": [(i.source, i.reason)
                                                                                   for i in skipped],
            "articles": int(index.ntotal), "stories": stories, "regrouped": regrouped}


def _chunks(items: Sequence, size: int = 900) -> list[list]:
    """`items` in lists short enough to be one SQL statement's parameters (SQLite caps them)."""
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def _stored_rows(folder: Path) -> int:
    """Vector rows the index's database refers to (those of committed batches)."""
    if not (folder / DATABASE).is_file():
        return 0
    connection = sqlite3.connect(folder / DATABASE)
    try:
        connection.executescript(_SCHEMA)
        top = connection.execute("SELECT MAX(m) FROM (SELECT MAX(vector) AS m FROM claims "
                                 "UNION ALL SELECT MAX(vector) FROM mentions)").fetchone()[0]
    finally:
        connection.close()
    return 0 if top is None else int(top) + 1


def _neighbours(index: faiss.Index, rows: Sequence[int]) -> list[tuple[int, int, float]]:
    """(row, other row, cosine) for each of `rows`' `neighbours` nearest indexed articles that could be linked to
    it (`link_floor`), searched over the whole index as `checker check` searches a feed."""
    if not len(rows) or index.ntotal < 2:
        return []
    wanted = np.asarray(rows, dtype=np.int64)
    vectors = np.stack([index.reconstruct(int(row)) for row in wanted])
    similarities, found = index.search(vectors, min(story_settings()["neighbours"] + 1, index.ntotal))
    floor = link_floor()
    return [(int(row), int(other), float(similarity))
            for row, sims, others in zip(wanted, similarities, found)
            for similarity, other in zip(sims, others) if other >= 0 and other != row and similarity >= floor]


def _regroup(connection: sqlite3.Connection, index: faiss.Index, new: Sequence[int]) -> int:
    """Regroup what the `new` rows can touch, as `checker check` groups a feed, and return how many articles that
    was: the new articles, their linkable neighbours (within the time window) and every article of those
    neighbours' stories. The rest of the index keeps its stories: the new articles' neighbours are the only
    articles whose edges they add, so nothing else can join them (a new article that merely enters an old
    article's neighbour list without the old one in its own is left out, as is a name turning common as the index
    grows: the stories those change are regrouped when an article next lands beside them).

    Labels are the smallest row of each story, as over the whole index: a regrouped story's smallest row is one
    of its own, so it never takes the label of a story left as it was."""
    new = list(new)
    if not new:
        return 0
    near = _neighbours(index, new)
    dated = dict(_fetch(connection, "SELECT row, published FROM articles WHERE row IN ({})",
                        sorted({other for _, other, _ in near} | set(new))))
    touched = {other for row, other, _ in near
               if _apart(dated.get(row), dated.get(other)) <= story_settings()["window_days"]} - set(new)
    stories = sorted({story for _, story in _fetch(connection, "SELECT row, story FROM articles WHERE row IN ({})",
                                                   sorted(touched))})
    region = sorted(set(new) | {row for row, _ in _fetch(connection,
                                                       "SELECT row, story FROM articles WHERE story IN ({})",
                                                       stories)})
    rows = _fetch(connection, "SELECT row, published, names, meta FROM articles WHERE row IN ({})", region)
    rows.sort()
    place = {row: n for n, (row, *_) in enumerate(rows)}
    stubs = [Article(id=str(row), source="", text="", start=0, end=0,
                     published=_date(published) if published else None,
                     role=json.loads(meta).get("role", "article")) for row, published, _, meta in rows]
    keys = [frozenset(json.loads(found)) for _, _, found, _ in rows]
    frequency = dict(_fetch(connection, "SELECT key, articles FROM keys WHERE key IN ({})",
                            sorted({key for found in keys for key in found})))
    best: dict[tuple[int, int], float] = {}
    for a, b, cosine in _neighbours(index, [row for row, *_ in rows]):
        if a in place and b in place:  # each pair once, at its best cosine, as checker.cluster.neighbour_pairs
            pair = (min(place[a], place[b]), max(place[a], place[b]))
            best[pair] = max(best.get(pair, -1.0), round(cosine, 6))
    labels = group_pairs(stubs, [(i, j, c) for (i, j), c in sorted(best.items())],
                         rare(keys, frequency=frequency, total=int(index.ntotal)))
    connection.executemany("UPDATE articles SET story = ? WHERE row = ?",
                           [(rows[label][0], row) for (row, *_), label in zip(rows, labels)])
    return len(rows)


def _fetch(connection: sqlite3.Connection, query: str, values: Sequence) -> list[tuple]:
    """`query` (its IN list written `({})`) over `values`, a statement per chunk SQLite takes."""
    return [found for chunk in _chunks(list(values))
            for found in connection.execute(query.format(",".join("?" * len(chunk))), chunk)]


def _apart(a: str | None, b: str | None) -> int:
    return abs((_date(a) - _date(b)).days) if a and b else 0


@dataclass
class Wire:
    """An opened index: its vectors memory-mapped, its database open read-only."""

    folder: Path
    meta: dict
    vectors: faiss.Index
    connection: sqlite3.Connection
    texts: np.ndarray  # (rows, dimension) float32, memory-mapped: only the rows a query reads are paged in

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
    rows, dimension = int(meta.get("texts", 0)), int(meta["dimension"])
    path = folder / TEXTS
    size = path.stat().st_size if path.is_file() else -1
    if size < rows * dimension * 4:
        raise IndexError_(f"{path}: {max(size, 0)} bytes where the index needs {rows} vectors of {dimension} "
                          f"float32: rebuild it with `checker index build`")
    texts = (np.memmap(path, dtype=np.float32, mode="r", shape=(rows, dimension)) if rows
             else np.zeros((0, dimension), dtype=np.float32))
    connection = sqlite3.connect(f"file:{folder / DATABASE}?mode=ro", uri=True)
    return Wire(folder, meta, vectors, connection, texts)


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
        closest = dict(zip(members, (mates @ np.asarray(vectors, dtype=np.float32).T).max(axis=1)))
        keep = sorted(members, key=lambda row: (-closest[row], row))[:conf["index_articles"]]
        members = sorted(set(keep) | set(best))
    return members


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass
class Stored:
    """What `load_rows` read: the articles, claims and values of some indexed rows, and the vector of each text
    matching embeds for them (claims that hold a value, values' masked contexts, articles' leads)."""

    articles: list[Article]
    claims: list[Claim]
    mentions: list[Mention]
    vectors: dict[str, np.ndarray]


def load_rows(wire: Wire, rows: Sequence[int]) -> Stored:
    """The stored articles, claims, values and vectors of `rows`, in row order (the order they were indexed in)."""
    if not rows:
        return Stored([], [], [], {})
    marks = ",".join("?" * len(rows))
    articles = [_article(meta, text) for meta, text in wire.connection.execute(
        f"SELECT meta, text FROM articles WHERE row IN ({marks}) ORDER BY row", list(rows))]
    claim_rows = wire.connection.execute(
        f"SELECT data, vector FROM claims WHERE article_row IN ({marks}) ORDER BY article_row, rowid",
        list(rows)).fetchall()
    mention_rows = wire.connection.execute(
        f"SELECT data, vector, masked FROM mentions WHERE article_row IN ({marks}) ORDER BY article_row, rowid",
        list(rows)).fetchall()
    claims = [Claim.model_validate_json(data) for data, _ in claim_rows]
    mentions = [Mention.model_validate_json(data) for data, _, _ in mention_rows]
    # keyed by the very text each vector embeds: should a later version mask a context differently, its text
    # misses here and is embedded afresh instead of taking a stale vector
    keyed = [(claim.text, vector) for claim, (_, vector) in zip(claims, claim_rows) if vector is not None]
    keyed += [(masked, vector) for _, vector, masked in mention_rows if vector is not None]
    wanted = sorted({vector for _, vector in keyed})
    block = np.asarray(wire.texts[wanted]) if wanted else np.zeros((0, wire.texts.shape[1]), dtype=np.float32)
    place = {vector: n for n, vector in enumerate(wanted)}
    vectors = {text: block[place[vector]] for text, vector in keyed}
    leads = np.stack([wire.vectors.reconstruct(int(row)) for row in sorted(rows)])
    vectors.update((lead_text(article), lead) for article, lead in zip(articles, leads))
    return Stored(articles, claims, mentions, vectors)


class StoredEmbedder:
    """The run's encoder behind a table of stored vectors: a text the index holds is answered from it, and only the
    rest (the drafts) is embedded, in one call per request as the encoder would be called. A run embeds only the
    claims of compared values, and the index stores a vector for each of them (`matched_texts`)."""

    def __init__(self, embedder: Embedder, stored: Stored) -> None:
        self.name, self.dimension = embedder.name, embedder.dimension
        self._embedder, self._table = embedder, dict(stored.vectors)
        self.embedded: list[str] = []  # what this query sent to the encoder

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Vectors this query already embedded (the drafts' leads, to find their stories)."""
        self._table.update(zip(texts, vectors))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._table))
        if missing:
            self.embedded.extend(missing)
            self._table.update(zip(missing, self._embedder.encode(missing)))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        zero = np.zeros(self.dimension, dtype=np.float32)
        return np.stack([self._table.get(text, zero) for text in texts]).astype(np.float32, copy=False)


def check_against_index(paths: Sequence[str | Path], folder: str | Path, model: str | None = None,
                        embedder: Embedder | None = None, scorer=None,
                        progress: Progress | None = None) -> Report:
    """Check the drafts under `paths` against the indexed articles of their stories, as `check(paths,
    against=...)` would against those articles' files; of the indexed articles nothing is read, valued or
    embedded again."""
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
        leads = article_vectors(drafts, embedder)
        # a draft that is itself indexed (by whatever path) finds its story through its copy, but is not checked
        # against that copy: it is one article
        itself = {row for row, _ in _fetch(wire.connection, "SELECT row, id FROM articles WHERE id IN ({})",
                                           sorted({located_article(draft).id for draft in drafts}))}
        stored = load_rows(wire, [row for row in nearest_stories(wire, drafts, leads) if row not in itself])
    finally:
        wire.close()
    references = stored.articles
    inputs = [*inputs, Input(source=str(folder), status="checked", articles=len(references),
                             reason=f"{len(references)} of {wire.meta.get('articles', '?')} indexed articles in "
                                    f"the drafts' stories")]
    articles = [*drafts, *references]
    all_claims, all_mentions = [*draft_claims, *stored.claims], [*draft_mentions, *stored.mentions]
    answering = StoredEmbedder(embedder, stored)
    answering.remember([lead_text(draft) for draft in drafts], leads)
    say("embedding")
    located = locate(articles, all_claims, all_mentions, answering)
    say("comparing")
    given = [str(p) for p in paths] + sorted({a.source.rsplit(":", 1)[0] if a.source.rsplit(":", 1)[-1].isdigit()
                                              else a.source for a in references})
    return report_of(inputs, articles, all_claims, located, answering, scorer, given, against=True)
