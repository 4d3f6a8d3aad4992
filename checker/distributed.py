"""`checker check --engine ray`: the per-article stages mapped by Ray Data over partitions of the feed by time window.

What each article needs on its own (sentences, values, the vectors of its sentences and of its values' masked
contexts: nine tenths of a run's time) is computed where the partition lands; what compares articles with each
other (stories, candidates, the scorer, facts, variants) runs once, on the driver, over the gathered partitions,
through the very functions a local run calls. The findings are a local run's (tests/test_distributed.py): a
vector differs from a local run's only in the 7th decimal, where the encoder's batches fall differently.

A partition is the articles of one time window of their publication dates (undated articles form their own): a
newsroom archive grows by days, so a new window is new work and an old window's results can be kept.
docs/scale.md has the measured costs and how an archive of millions would run on a cluster.
"""
from __future__ import annotations

import datetime as dt
import logging
import pickle
from collections import defaultdict
from pathlib import Path
from typing import Sequence

import numpy as np

from checker.claims import split_claims_noted
from checker.embed import Embedder, load_embedder
from checker.errors import InputError
from checker.limits import Limits, limits_from_env
from checker.match.context import matched_texts
from checker.match.scorer import Scorer, load_scorer
from checker.model import Article, Report
from checker.pipeline import Progress, extract_mentions, locate, read_articles, report_of, with_notes
from checker.stories import lead_text

WINDOW_DAYS = 7  # a week of news per partition: the stories a check compares rarely run longer than that


def window_of(published: dt.date | None, days: int = WINDOW_DAYS) -> int:
    """The time window of a publication date (days since 1970 // days); -1 for an undated article."""
    if published is None:
        return -1
    return (published - dt.date(1970, 1, 1)).days // days


def partitions(articles: Sequence[Article], days: int = WINDOW_DAYS) -> list[list[int]]:
    """Article indices by time window, windows in date order, each window's articles in input order."""
    by_window: dict[int, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        by_window[window_of(article.published, days)].append(index)
    return [by_window[window] for window in sorted(by_window)]


def analyse_partition(articles: Sequence[Article], embedder: Embedder, limits: Limits) -> dict:
    """The per-article stages of one partition: claims, values, and the vector of every text matching embeds."""
    claims, notes = split_claims_noted(articles, limits)
    mentions = extract_mentions(articles, claims, limits, notes)
    claim_texts, masked = matched_texts(claims, mentions)
    # what the driver's locate embeds: each article's lead (its story), and every value's sentence and masked
    # context (it keeps those it compares: a few more are embedded)
    texts = list(dict.fromkeys([*(lead_text(article) for article in articles), *claim_texts.values(),
                                *masked.values()]))
    return {"claims": claims, "mentions": mentions, "notes": notes, "texts": texts,
            "vectors": embedder.encode(texts), "model": (embedder.name, embedder.dimension)}


class _PartitionStage:
    """A Ray Data actor: loads the encoder once, then analyses whole partitions (pickled: models keep their text)."""

    def __init__(self, model: str | None, limits: Limits) -> None:
        self.embedder = load_embedder(model)
        self.limits = limits

    def __call__(self, row: dict) -> dict:
        articles = pickle.loads(row["articles"])
        return {"window": row["window"],
                "result": pickle.dumps(analyse_partition(articles, self.embedder, self.limits))}


class StoredVectors:
    """An embedder that answers from the vectors the partitions computed (the driver embeds nothing itself)."""

    def __init__(self, name: str, dimension: int, table: dict[str, np.ndarray], model: str | None) -> None:
        self.name, self.dimension, self._table, self._model = name, dimension, table, model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [text for text in texts if text not in self._table]
        if missing:  # a text no partition embedded: only when a stage's code and this module drift apart
            self._table.update(zip(missing, load_embedder(self._model).encode(missing)))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._table[text] for text in texts]).astype(np.float32, copy=False)


def check_on_ray(paths: Sequence[str | Path], against: Sequence[str | Path] = (), model: str | None = None,
                 scorer: Scorer | None = None, embedder: Embedder | None = None, progress: Progress | None = None,
                 window_days: int = WINDOW_DAYS, cpus: int | None = None) -> Report:
    """`pipeline.check` with the per-article stages mapped by Ray Data over time-window partitions.

    Joins a running Ray cluster when RAY_ADDRESS says where one is, else starts a local one with `cpus` CPUs.
    `embedder` is accepted for `check`'s signature and unused: each worker loads `model` itself.
    """
    try:
        import ray
    except ImportError as err:
        raise InputError("--engine ray needs Ray: pip install 'checker[ray]'") from err
    say, scorer, limits, articles, inputs = _driver_start(paths, against, scorer, progress)
    groups = partitions(articles, window_days)
    say("ray", 0, len(groups))
    if not ray.is_initialized():
        ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # the report is the output, not Ray's plan
    rows = [{"window": number, "articles": pickle.dumps([articles[i] for i in group])}
            for number, group in enumerate(groups)]
    dataset = ray.data.from_items(rows, override_num_blocks=max(1, len(rows)))
    workers = max(1, min(len(rows), int(ray.cluster_resources().get("CPU", 1))))
    analysed = dataset.map(_PartitionStage, fn_constructor_kwargs={"model": model, "limits": limits},
                           compute=ray.data.ActorPoolStrategy(min_size=1, max_size=workers))
    results: list[dict | None] = [None] * len(rows)
    for done, row in enumerate(analysed.iter_rows(), start=1):
        results[row["window"]] = pickle.loads(row["result"])
        say("ray", done, len(groups))
    return _report_of_partitions(paths, against, articles, inputs, results, model, scorer, say)


def _driver_start(paths: Sequence[str | Path], against: Sequence[str | Path], scorer: Scorer | None,
                  progress: Progress | None) -> tuple[Progress, Scorer, Limits, list[Article], list]:
    """What a distributed check does before it hands articles out: the inputs read, the scorer and limits loaded."""
    if not paths:
        raise InputError("no input: give at least one file or folder to check")
    say = progress or (lambda *_: None)
    limits = limits_from_env()
    scorer = scorer or load_scorer()
    say("reading")
    articles, inputs = read_articles(paths, against, limits)
    return say, scorer, limits, articles, inputs


def _report_of_partitions(paths: Sequence[str | Path], against: Sequence[str | Path], articles: list[Article],
                          inputs: list, results: list[dict], model: str | None, scorer: Scorer, say: Progress
                          ) -> Report:
    """The driver's part: the partitions' claims, values and vectors gathered, then what compares articles."""
    # Partitions back into the input's article order, as a local run holds them.
    order = {article.id: index for index, article in enumerate(articles)}
    claims = _in_article_order([c for part in results for c in part["claims"]], order)
    mentions = _in_article_order([m for part in results for m in part["mentions"]], order)
    notes: dict[str, list[str]] = {}
    for part in results:
        for source, found in part["notes"].items():
            notes.setdefault(source, []).extend(found)
    table = {text: vector for part in results for text, vector in zip(part["texts"], part["vectors"])}
    name, dimension = results[0]["model"] if results else (load_embedder(model).name, load_embedder(model).dimension)
    embedder = StoredVectors(name, dimension, table, model)
    located = locate(articles, claims, mentions, embedder, say)
    return report_of(with_notes(inputs, notes), articles, claims, located, embedder, scorer,
                     [str(p) for p in [*paths, *against]], bool(against), say)


# The encoder and limits a forked worker of `check_in_processes` analyses with: set in the parent just before the
# pool forks, so a worker inherits the loaded model instead of loading (or pickling) its own.
_FORKED: dict = {}


def _analyse_forked(articles: list[Article]) -> dict:
    return analyse_partition(articles, _FORKED["embedder"], _FORKED["limits"])


def check_in_processes(paths: Sequence[str | Path], against: Sequence[str | Path] = (), model: str | None = None,
                       scorer: Scorer | None = None, embedder: Embedder | None = None,
                       progress: Progress | None = None, workers: int | None = None) -> Report:
    """`pipeline.check` with the per-article stages (sentences, values, every vector) spread over `workers` local
    processes (default: the machine's cores), and what compares articles run here, as `check_on_ray` does: the
    cores of one machine without a Ray installation. Workers are forked after the encoder is loaded, so they share
    its memory and never load it again; where the platform cannot fork, or one worker is asked for, this is
    `pipeline.check`."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from checker.pipeline import check

    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return check(paths, against, model=model, scorer=scorer, embedder=embedder, progress=progress)
    say, scorer, limits, articles, inputs = _driver_start(paths, against, scorer, progress)
    say("model")
    embedder = embedder or load_embedder(model)
    # Contiguous slices, a few per worker, so one slow slice does not leave the other cores idle at the end.
    size = max(1, -(-len(articles) // (workers * 4)))
    slices = [articles[start:start + size] for start in range(0, len(articles), size)]
    _FORKED.update(embedder=embedder, limits=limits)
    results: list[dict] = []
    done = 0
    say("processes", done, len(articles))
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for part, result in zip(slices, pool.map(_analyse_forked, slices)):
                results.append(result)
                done += len(part)
                say("processes", done, len(articles))
    finally:
        _FORKED.clear()
    return _report_of_partitions(paths, against, articles, inputs, results, model, scorer, say)


def _in_article_order(items: list, order: dict[str, int]) -> list:
    """Claims or mentions by article in input order; within an article, the order its partition gave (stable)."""
    return sorted(items, key=lambda item: order[item.article_id])
