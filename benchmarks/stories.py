#!/usr/bin/env python3
"""How well checker.stories groups a mixed feed into stories, on real articles whose stories are known.

Collections (read from ../shared, written under build/stories, never into the repo):

    events-<split>   every labelled event of fixtures/events/<split> (each event one story) mixed into one feed,
                     with every other ANT article of the same days as unlabelled distractors (they can pull
                     events together, so they count against precision, but are not scored themselves)
    ntrex            the NTREX documents (each in one of ar/en/fr, by turn), gold: event_clusters.json; a
                     document in no cluster is its own story; no dates, so only vectors and names group them

Scores are B-cubed precision / recall / F1 and pairwise precision / recall over the labelled articles.

    python benchmarks/stories.py                       # score the settings in checker/stories.yaml
    python benchmarks/stories.py --grid                # fit: try settings on events-train + events-dev
    python benchmarks/stories.py --compare             # lead vector vs mean of claim vectors, components vs Louvain
                                                       # (on the events alone and NTREX: claim vectors are slow)
    python benchmarks/stories.py --ant 1000            # stories found in 1,000 mixed ANT articles of June 2018
    python benchmarks/stories.py --findings 1000       # findings on them, every pair of a story vs stories.yaml
    python benchmarks/stories.py --compare-link 0.45,0.5,0.55
                                                       # the train and dev events in their days' mixed feed:
                                                       # their gold findings found with each compare_link

Events listed in ../shared/data/reserved.md are never read: their ids are refused and the days around them give
no distractors.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

import events as corpora  # noqa: E402  (benchmarks/events.py: the corpora readers and the reserved ids)

OUT = ROOT / "build" / "stories"
# Days of the reserved ANT events (../shared/data/reserved.md): no distractor is taken within two days of them.
RESERVED_DAYS = [dt.date(2018, 4, 11), dt.date(2018, 3, 11), dt.date(2018, 2, 18), dt.date(2018, 5, 18)]


def _near_reserved(day: dt.date) -> bool:
    return any(abs((day - reserved).days) <= 2 for reserved in RESERVED_DAYS)


def _ant_day(record: dict) -> dt.date:
    return dt.date.fromisoformat(corpora._ant_date(record))


def write_events(splits: Sequence[str], distractors: bool = True) -> tuple[Path, dict[str, str]]:
    """One folder holding every article of the events of `splits` (and the other ANT articles of their days);
    gold maps each labelled file name to its event."""
    folder = OUT / f"events-{'-'.join(splits)}{'' if distractors else '-alone'}"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    built = ROOT / "build" / "events"
    for split in splits:  # only the splits asked for are read (the test split only when it is scored)
        if not (built / split).is_dir():
            corpora.materialise(built, corpora.event_folders((split,)))
    gold, days, taken = {}, set(), set()
    for split in splits:
        for event in sorted((built / split).iterdir()):
            meta = json.loads((ROOT / "fixtures/events" / split / event.name / "event.json").read_text())
            for article in meta["articles"]:
                name = f"{event.name}--{Path(article['file']).name}"
                (folder / name).write_bytes((event / Path(article["file"]).name).read_bytes())
                gold[name] = event.name
                taken.add(article["id"])
                if article["corpus"] == "ant":
                    day = article["id"][-8:]
                    days.add(dt.date(int(day[:4]), int(day[4:6]), int(day[6:])))
    if distractors and days:
        reserved = corpora.reserved_ids()
        for record in corpora.ant_records():
            if record["docno"] in taken or ("ant", record["docno"]) in reserved:
                continue
            day = _ant_day(record)
            if day in days and not _near_reserved(day):
                (folder / f"ant--{record['docno']}.md").write_text(corpora.ant_article(record), encoding="utf-8")
    return folder, gold


def write_ntrex() -> tuple[Path, dict[str, str]]:
    folder = OUT / "ntrex"
    folder.mkdir(parents=True, exist_ok=True)
    clusters = json.loads((corpora.NTREX_FILE.parent / "event_clusters.json").read_text())["clusters"]
    # A document in two clusters (a rally and an arrest announced at it) joins them: gold stories are disjoint.
    from checker.cluster import components

    docs = [r for r in corpora.ntrex_records() if ("ntrex", r["doc_id"]) not in corpora.reserved_ids()]
    index = {doc["doc_id"]: i for i, doc in enumerate(docs)}
    edges = [(index[a], index[b]) for members in clusters.values() for a, b in zip(members, members[1:])
             if a in index and b in index]
    labels = components(len(docs), edges)
    gold = {}
    for i, doc in enumerate(docs):
        lang = ("ar", "en", "fr")[i % 3]
        name = f"{doc['doc_id']}-{lang}.md"
        (folder / name).write_text(corpora.ntrex_article(doc, lang), encoding="utf-8")
        gold[name] = f"story-{labels[i]}"
    return folder, gold


def write_ant(count: int, month: str = "201806") -> Path:
    """The first `count` ANT articles of a month by publication day, every outlet and section: a few days of a
    real multi-outlet wire. Reserved events and the events of the test split (never read) are left out."""
    out = OUT / f"ant-{month}-{count}.jsonl"
    reserved = corpora.reserved_ids()
    held_out = {article["id"] for path in (ROOT / "fixtures/events/test").glob("*/event.json")
                for article in json.loads(path.read_text())["articles"]}
    records = [r for r in corpora.ant_records() if r["docno"][-8:].startswith(month)
               and ("ant", r["docno"]) not in reserved and r["docno"] not in held_out
               and not _near_reserved(_ant_day(r))]
    records.sort(key=lambda r: (_ant_day(r), r["docno"]))
    with out.open("w", encoding="utf-8") as sink:
        for record in records[:count]:
            sink.write(json.dumps({"text": record["text"], "title": record["title"], "lang": "ar",
                                   "source": corpora.ANT_OUTLETS.get(record["src"], record["src"]),
                                   "published": _ant_day(record).isoformat(), "url": record.get("url")},
                                  ensure_ascii=False) + "\n")
    return out


# ------------------------------------------------------------------------------------------------------ scores

def scores(labels: Sequence[int], gold: Sequence[str | None]) -> dict[str, float]:
    """B-cubed and pairwise precision / recall over the articles with a gold story (None: unlabelled)."""
    scored = [i for i, g in enumerate(gold) if g is not None]
    by_label: dict[int, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i in scored:
        by_label[labels[i]].append(i)
        by_gold[gold[i]].append(i)
    members: dict[int, int] = Counter(labels)
    precision = recall = strict = 0.0
    for i in scored:
        same = by_label[labels[i]]
        correct = sum(1 for j in same if gold[j] == gold[i])
        precision += correct / len(same)
        strict += correct / members[labels[i]]
        recall += correct / len(by_gold[gold[i]])
    p, r = precision / len(scored), recall / len(scored)
    # strict: an unlabelled article grouped with an event counts against it (most are other news of the day; a
    # few may be unlabelled reports of the same event, so this is a lower bound on precision)
    ps = strict / len(scored)
    pairs_found = sum(len(m) * (len(m) - 1) // 2 for m in by_label.values())
    pairs_gold = sum(len(m) * (len(m) - 1) // 2 for m in by_gold.values())
    pairs_right = sum(n * (n - 1) // 2 for m in by_label.values() for n in Counter(gold[i] for i in m).values())
    return {"b3_p": round(p, 3), "b3_r": round(r, 3), "b3_f": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "strict_p": round(ps, 3), "strict_f": round(2 * ps * r / (ps + r), 3) if ps + r else 0.0,
            "largest": max(members.values()),
            "pair_p": round(pairs_right / pairs_found, 3) if pairs_found else 1.0,
            "pair_r": round(pairs_right / pairs_gold, 3) if pairs_gold else 1.0,
            "articles": len(labels), "labelled": len(scored), "stories_found": len(set(labels)),
            "gold_stories": len(by_gold), "split_gold": sum(1 for m in by_gold.values()
                                                            if len({labels[i] for i in m}) > 1)}


# ------------------------------------------------------------------------------------------------------ runs

def _cache(folder: Path, what: str) -> Path:
    """Where a collection's cached vectors or keys go: under build/stories, never beside the input (the seeds are
    in the repository, the bench fixtures in ../shared)."""
    place = OUT / "cache"
    place.mkdir(parents=True, exist_ok=True)
    name = "--".join(folder.resolve().parts[-2:])
    return place / f"{name}.{what}"


def prepared(folder: Path, gold: dict[str, str], centroid: bool = False):
    """Articles, their names, their lead vectors (and the mean of their claim vectors when asked), gold labels."""
    from checker.claims import split_claims
    from checker.cluster import centroids
    from checker.embed import load_embedder
    from checker.ingest import read_inputs
    from checker.pipeline import extract_mentions
    from checker.stories import article_vectors

    articles, _ = read_inputs([folder])
    claims = split_claims(articles)
    mentions = extract_mentions(articles, claims)
    embedder = load_embedder()
    began = time.perf_counter()
    cache = _cache(folder, "lead.npy")  # the lead vectors of this very set (ids listed beside)
    ids = "\n".join(a.id for a in articles)
    if cache.is_file() and cache.with_suffix(".ids").read_text(encoding="utf-8") == ids:
        lead = np.load(cache)
    else:
        lead = article_vectors(articles, embedder)
        np.save(cache, lead)
        cache.with_suffix(".ids").write_text(ids, encoding="utf-8")
    lead_s = time.perf_counter() - began
    mean, mean_s = None, 0.0
    if centroid:
        began = time.perf_counter()
        index = {a.id: i for i, a in enumerate(articles)}
        mean = centroids(embedder.encode([c.text for c in claims]), [index[c.article_id] for c in claims],
                         len(articles))
        mean_s = time.perf_counter() - began
    labels = [gold.get(Path(a.source.split(":")[0]).name) for a in articles]
    return articles, mentions, lead, mean, labels, {"lead_s": round(lead_s, 1), "mean_s": round(mean_s, 1)}


def run_grouping(articles, mentions, vectors, overrides: dict | None = None, louvain: bool = True) -> list[int]:
    from checker import stories
    from checker.cluster import components

    saved = dict(stories.settings())
    try:
        stories.settings().update(overrides or {})
        if louvain:
            return stories.group(articles, vectors, mentions)
        names = stories.article_names(articles, mentions)
        return components(len(articles), [(i, j) for i, j, _ in stories.story_edges(articles, vectors, names)])
    finally:
        stories.settings().clear()
        stories.settings().update(saved)


# Event evidence (stories.yaml): what was tried, on events-train-dev (strict B-cubed) with every one-story input
# (seeds, the bench fixtures, each train and dev event alone) required to stay one story.
EVIDENCE_GRID = {"evidence_min": [0, 1, 2], "alone": [0.7, 0.8, 1.01], "day_cost": [0.0, 0.02],
                 "numbers": [False, True], "dates": [False, True], "rare_min": [2, 5]}


# stories.yaml before the event evidence: what the shipped numbers are compared with
BEFORE_EVIDENCE = {"numbers": False, "dates": False, "evidence_min": 0, "alone": 1.01, "day_cost": 0.0,
                   "rare_min": 2}


def keyed(folder: Path, gold: dict[str, str]):
    """Articles, every kind of event key (names, figures, days), lead vectors and gold labels of a collection; the
    keys are cached beside the lead vectors (reading values is the slow part)."""
    import pickle

    from checker import stories

    from checker.ingest import read_inputs

    cache = _cache(folder, "keys.pkl")
    articles, _ = read_inputs([folder])
    ids = [a.id for a in articles]
    leads = _cache(folder, "lead.npy")
    if cache.is_file() and leads.is_file() and leads.with_suffix(".ids").read_text(encoding="utf-8") == "\n".join(ids):
        saved = pickle.loads(cache.read_bytes())
        if saved["ids"] == ids and saved["number_min"] == stories.settings()["number_min"] and saved.get("leads"):
            labels = [gold.get(Path(a.source.split(":")[0]).name) for a in articles]
            return articles, saved["keys"], np.load(leads), labels
    articles, mentions, lead, _, labels, _ = prepared(folder, gold)
    saved_conf = dict(stories.settings())
    try:
        stories.settings().update(numbers=True, dates=True, lead_names=False)
        keys = stories.article_names(articles, mentions)
        # lead names kept apart ("~" before the key), so that a grid can count them or not
        keys = [found | {f"~{key}" for key in stories.lead_names(article)} for found, article in zip(keys, articles)]
    finally:
        stories.settings().clear()
        stories.settings().update(saved_conf)
    cache.write_bytes(pickle.dumps({"ids": ids, "keys": keys, "number_min": saved_conf["number_min"], "leads": True}))
    return articles, keys, lead, labels


def _kinds(keys, overrides: dict):
    from checker import stories

    numbers = overrides.get("numbers", stories.settings()["numbers"])
    dates = overrides.get("dates", stories.settings()["dates"])
    leads = overrides.get("lead_names", stories.settings()["lead_names"])
    kept = [frozenset(k for k in found if (k[0] != "#" or numbers) and (k[0] != "@" or dates) and k[0] != "~")
            for found in keys]
    return [found | {k[1:] for k in all_keys if k[0] == "~"} if leads else found
            for found, all_keys in zip(kept, keys)]


def group_keyed(articles, keys, vectors, overrides: dict | None = None) -> list[int]:
    from checker import stories

    saved = dict(stories.settings())
    try:
        stories.settings().update(overrides or {})
        return stories.group(articles, vectors, names=_kinds(keys, overrides or {}))
    finally:
        stories.settings().clear()
        stories.settings().update(saved)


def one_story_inputs() -> list[tuple[str, Path]]:
    """Inputs that are one story each and must stay one: the seeds, the bench fixtures, each train or dev event."""
    found = [("seeds", ROOT / "seeds")]
    bench = ROOT.parent / "shared" / "bench" / "fixtures"
    found += [(p.name, p) for p in sorted(bench.iterdir()) if (p / "gold.json").is_file()] if bench.is_dir() else []
    built = ROOT / "build" / "events"
    for split in ("train", "dev"):
        if not (built / split).is_dir():
            corpora.materialise(built, corpora.event_folders((split,)))
        found += [(f"{split}/{p.name}", p) for p in sorted((built / split).iterdir()) if p.is_dir()]
    return found


def evidence(grid: dict | None = None) -> int:
    """Grid over the event evidence on events-train-dev, one-story inputs kept whole; prints the best by strict
    F1 and the settings in stories.yaml, with NTREX scored alongside (never used to choose)."""
    import itertools as it

    grid = grid or EVIDENCE_GRID
    (_, folder, gold), = collections(["events-train-dev"])
    events = keyed(folder, gold)
    (_, nfolder, ngold), = collections(["ntrex"])
    ntrex = keyed(nfolder, ngold)
    singles = []
    for name, path in one_story_inputs():
        articles, keys, lead, _ = keyed(path, {})
        given = [n for n, a in enumerate(articles) if a.role != "appended"]
        singles.append((name, articles, keys, lead, given))
    print(f"events-train-dev: {len(events[0])} articles; {len(singles)} one-story inputs; ntrex {len(ntrex[0])}")

    def run(overrides: dict) -> tuple[dict, dict, list[str]]:
        split = [name for name, articles, keys, lead, given in singles
                 if len({group_keyed(articles, keys, lead, overrides)[n] for n in given}) > 1]
        ev = scores(group_keyed(events[0], events[1], events[2], overrides), events[3])
        nt = scores(group_keyed(ntrex[0], ntrex[1], ntrex[2], overrides), ntrex[3])
        return ev, nt, split

    shipped = run({})
    print(f"  stories.yaml: {shipped[0]}\n    ntrex {shipped[1]}\n    one-story inputs split: {shipped[2]}")
    rows = []
    for values in it.product(*grid.values()):
        overrides = dict(zip(grid, values))
        if overrides.get("evidence_min") == 0 and overrides.get("alone", 1.01) != 1.01 and \
                "evidence_min" in grid and len(grid.get("alone", [])) > 1:
            continue  # `alone` only matters where evidence is asked for
        rows.append((*run(overrides), overrides))
    # the seeds and the bench fixtures must stay whole; events alone may split no more than they do now
    hard = {"seeds"} | {name for name, *_ in singles if "/" not in name}
    whole = [row for row in rows if not hard & set(row[2]) and len(row[2]) <= len(shipped[2])]
    print(f"{len(rows)} settings tried, {len(whole)} keep the seeds and bench fixtures whole and split no more "
          f"events alone than stories.yaml; best by strict F1:")
    for ev, nt, split, overrides in sorted(whole, key=lambda r: (-r[0]["strict_f"], -r[0]["b3_r"]))[:12]:
        print(f"  {overrides}\n    events {ev}\n    ntrex  {nt}\n    split alone: {split}")
    print("best by strict F1 regardless of one-story inputs:")
    for ev, nt, split, overrides in sorted(rows, key=lambda r: -r[0]["strict_f"])[:5]:
        print(f"  {overrides} events {ev} split {split}")
    return 0


def collections(names: Sequence[str]):
    """(name, folder, gold) of each collection: "ntrex", "events-<split>[-<split>]", "...-alone" (no distractors)."""
    for name in names:
        if name == "ntrex":
            yield name, *write_ntrex()
        else:
            parts = name.split("-")[1:]
            alone = parts[-1] == "alone"
            yield name, *write_events([p for p in parts if p != "alone"], distractors=not alone)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true")
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--ant", type=int, default=0)
    parser.add_argument("--findings", type=int, default=0, help="findings on this many mixed ANT articles")
    parser.add_argument("--no-before", action="store_true", help="with --findings: only the shipped grouping")
    parser.add_argument("--evidence", action="store_true", help="grid over the event evidence (stories.yaml)")
    parser.add_argument("--grid-json", default=None, help='with --evidence: the grid, e.g. \'{"link": [0.5, 0.55]}\'')
    parser.add_argument("--sets", default="events-train-dev,events-test,ntrex")
    parser.add_argument("--compare-link", default=None,
                        help="comma-separated compare_link values ('all': every pair of a story) scored on the train "
                             "and dev events' gold findings inside their days' mixed feed")
    args = parser.parse_args(argv)
    if not corpora.ANT_FILE.is_file():
        print(f"skipped: {corpora.ANT_FILE} is absent (../shared beside the checkout)")
        return 0
    if args.ant:
        return ant_stories(args.ant)
    if args.evidence:
        return evidence(json.loads(args.grid_json) if args.grid_json else None)
    if args.findings:
        return ant_findings(args.findings, before=not args.no_before)
    if args.compare_link:
        return mixed_events_findings([None if v == "all" else float(v) for v in args.compare_link.split(",")])
    names = ["events-train-dev"] if args.grid else \
        ["events-train-dev-alone", "ntrex"] if args.compare and args.sets == parser.get_default("sets") else \
        args.sets.split(",")
    for name, folder, gold in collections(names):
        articles, mentions, lead, mean, labels, took = prepared(folder, gold, centroid=args.compare)
        print(f"{name}: {len(articles)} articles, {sum(g is not None for g in labels)} labelled, "
              f"lead vectors {took['lead_s']} s" + (f", claim vectors {took['mean_s']} s" if args.compare else ""))
        if args.grid:
            # (a first grid over link 0.5-0.65, name_bonus 0.05-0.1, neighbours 10-20, resolution 0.5-2 chose link
            # 0.6; the seeds and bench fixtures, one story each, have leads as far apart as 0.56 and were split:
            # link stays at 0.5 and Louvain's resolution cuts the topic blobs instead)
            grid = {"link": [0.5, 0.55], "resolution": [1.0, 2.0, 3.0, 5.0], "window_days": [7],
                    "neighbours": [10], "name_bonus": [0.05]}
            rows = []
            for values in itertools.product(*grid.values()):
                overrides = dict(zip(grid, values))
                rows.append((scores(run_grouping(articles, mentions, lead, overrides), labels), overrides))
            for result, overrides in sorted(rows, key=lambda r: -r[0]["strict_f"])[:12]:
                print(f"  {overrides} {result}")
        elif args.compare:
            for vector_name, vectors in (("lead", lead), ("claims mean", mean)):
                for louvain in (False, True):
                    result = scores(run_grouping(articles, mentions, vectors, louvain=louvain), labels)
                    print(f"  {vector_name:11} {'louvain' if louvain else 'components':10} {result}")
        else:
            print(f"  stories.yaml: {scores(run_grouping(articles, mentions, lead), labels)}")
            print(f"  before event evidence (no day cost): "
                  f"{scores(run_grouping(articles, mentions, lead, BEFORE_EVIDENCE), labels)}")
    return 0


def _compared(articles, located, lead, compare_link: float | None | str = "shipped"):
    """`located` with its story labels and the pairs whose values are compared: every pair of a story (None), or
    checker.stories.comparable_pairs with `compare_link` (stories.yaml's when "shipped")."""
    import dataclasses

    from checker import stories

    names = stories.article_names(articles, located.mentions)
    labels = stories.group(articles, lead, names=names)
    if compare_link is None:
        pairs = stories.story_pairs(labels)
    else:
        saved = dict(stories.settings())
        try:
            if compare_link != "shipped":
                stories.settings()["compare_link"] = compare_link
            pairs = stories.comparable_pairs(articles, labels, lead, stories.rare(names))
        finally:
            stories.settings().clear()
            stories.settings().update(saved)
    return dataclasses.replace(located, stories=pairs, labels=labels)


def _prepared_feed(paths, cache: Path, embedder):
    """The run's inputs, articles, claims and located values, computed once and cached (reading values and
    embedding are the slow part; grouping and matching are what the settings change)."""
    import pickle

    from checker.pipeline import prepare

    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    began = time.perf_counter()
    inputs, articles, claims, located, _ = prepare(paths, embedder=embedder)
    cache.write_bytes(pickle.dumps((inputs, articles, claims, located)))
    print(f"prepared {len(articles)} articles in {time.perf_counter() - began:.0f} s", flush=True)
    return inputs, articles, claims, located


def ant_findings(count: int, sample: int = 30, before: bool = True) -> int:
    """`check` on `count` mixed ANT articles, with values compared between every pair of a story (before) and as
    stories.yaml says (`compare_link`): stories, findings per story, and every k-th finding by id (`sample` of
    them) written out to read.

    The run's values and vectors are computed once and cached (build/stories/ant-...located.pkl): grouping and
    the compared pairs are the only things that differ between the reports, so each is matching, comparison and
    wording alone.
    """
    from checker.embed import load_embedder
    from checker.match.scorer import load_scorer
    from checker.pipeline import report_of
    from checker.stories import article_vectors

    OUT.mkdir(parents=True, exist_ok=True)
    feed = write_ant(count)
    embedder, scorer = load_embedder(), load_scorer()
    inputs, articles, claims, located = _prepared_feed([feed], OUT / f"{feed.stem}.located.pkl", embedder)
    lead = article_vectors(articles, embedder)
    for name, compare_link in [*([("every pair of a story (before)", None)] if before else []),
                               ("stories.yaml", "shipped")]:
        began = time.perf_counter()
        report = report_of(inputs, articles, claims, _compared(articles, located, lead, compare_link), embedder,
                           scorer, [str(feed)])
        took = time.perf_counter() - began
        sizes = Counter(len(s.articles) for s in report.stories)
        per_story = Counter(f.story for f in report.findings)
        kinds = Counter(f.kind for f in report.findings)
        print(f"{name}: {len(articles)} articles, {len(report.stories)} stories (sizes {dict(sorted(sizes.items()))}"
              f", largest {max(sizes)}); {len(report.findings)} findings {dict(sorted(kinds.items()))} in "
              f"{len(per_story)} stories; per story {sorted(per_story.values(), reverse=True)}; report {took:.0f} s",
              flush=True)
        findings = sorted(report.findings, key=lambda f: f.id)
        step = max(1, len(findings) // sample)
        titles = {s.id: s.title for s in report.stories}
        headline = {a.id: a.title for a in articles}
        out = OUT / f"{feed.stem}-sample{'' if compare_link == 'shipped' else '-before'}.txt"
        with out.open("w", encoding="utf-8") as sink:
            for n, finding in enumerate(findings[::step][:sample], 1):
                sink.write(f"## {n} {finding.id} {finding.kind} {finding.type} story {finding.story}: "
                           f"{titles.get(finding.story)}\n")
                for side in finding.sides:
                    sink.write(f"  {side.outlet} {side.published} [{headline.get(side.article_id)}] "
                               f"{side.text!r}\n    {side.sentence}\n")
        print(f"  {min(sample, len(findings))} findings (every {step}th by id) written to {out}")
        # every finding, to compare the two runs (which were dropped, which kept)
        out.with_suffix(".json").write_text(json.dumps([{
            "id": f.id, "kind": f.kind, "type": f.type, "story": f.story, "title": titles.get(f.story),
            "sides": [{"outlet": s.outlet, "published": str(s.published), "headline": headline.get(s.article_id),
                       "text": s.text, "sentence": s.sentence} for s in f.sides]} for f in findings],
            ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def mixed_events_findings(values: Sequence[float | None]) -> int:
    """The 28 train and dev events inside their days' mixed ANT feed (3,972 articles, as `--grid` groups them),
    checked as one run with each `compare_link` (None: every pair of a story): each event's gold findings found
    (the bench scorer on the findings between two of its articles), the findings between an event article and
    other news, and every finding of the run. The test split is never read here."""
    from checker.embed import load_embedder
    from checker.match.scorer import load_scorer
    from checker.pipeline import report_of
    from checker.stories import article_vectors

    bench = corpora._scorer()
    folder, gold = write_events(["train", "dev"])
    embedder, scorer = load_embedder(), load_scorer()
    inputs, articles, claims, located = _prepared_feed([folder], OUT / f"{folder.name}.located.pkl", embedder)
    lead = article_vectors(articles, embedder)
    bundles = {event: ROOT / "build" / "events" / split / event for split in ("train", "dev")
               for event in set(gold.values()) if (ROOT / "build" / "events" / split / event).is_dir()}
    for value in values:
        began = time.perf_counter()
        report = json.loads(report_of(inputs, articles, claims, _compared(articles, located, lead, value), embedder,
                                      scorer, [str(folder)]).to_json())
        per_event: dict[str, list] = defaultdict(list)
        mixed = 0
        for finding in report["findings"]:
            events = {gold.get(Path(side["source"]).name) for side in finding["sides"]}
            if len(events) == 1 and None not in events:
                event = events.pop()
                per_event[event].append({**finding, "sides": [
                    {**side, "source": Path(side["source"]).name.split("--", 1)[1]} for side in finding["sides"]]})
            elif events != {None}:
                mixed += 1
        tp = fp = fn = 0
        for event, bundle in sorted(bundles.items()):
            result = bench.score_bundle(bundle, {"findings": per_event.get(event, [])})
            tp, fp, fn = tp + result["tp"], fp + result["fp"], fn + result["fn"]
        kinds = Counter(f["kind"] for f in report["findings"])
        print(f"compare_link {value if value is not None else 'all (every pair of a story)'}: events tp {tp} fp {fp} "
              f"fn {fn} (P {tp / max(tp + fp, 1):.3f} R {tp / max(tp + fn, 1):.3f}); {mixed} findings between an "
              f"event article and other news; {len(report['findings'])} findings in the run "
              f"{dict(sorted(kinds.items()))}; {time.perf_counter() - began:.0f} s", flush=True)
    return 0


def ant_stories(count: int) -> int:
    """Stories found in `count` mixed ANT articles: how many, their sizes, the largest ones' titles."""
    from checker.claims import split_claims
    from checker.embed import load_embedder
    from checker.ingest import read_inputs
    from checker.pipeline import extract_mentions
    from checker.stories import article_vectors, group

    OUT.mkdir(parents=True, exist_ok=True)
    feed = write_ant(count)
    articles, _ = read_inputs([feed])
    mentions = extract_mentions(articles, split_claims(articles))
    began = time.perf_counter()
    labels = group(articles, article_vectors(articles, load_embedder()), mentions)
    took = time.perf_counter() - began
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        members[label].append(i)
    sizes = Counter(len(m) for m in members.values())
    print(f"{feed.name}: {len(articles)} articles, {len(members)} stories in {took:.1f} s (vectors + grouping); "
          f"sizes {dict(sorted(sizes.items()))}")
    for nodes in sorted(members.values(), key=len, reverse=True)[:15]:
        print(f"  [{len(nodes)}] " + " | ".join((articles[i].title or "")[:60] for i in nodes[:6]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
