#!/usr/bin/env python3
"""Real labelled events: articles materialised from ../shared, gold kept in the repo, figures per split.

The licences of the corpora (ANT: Apache-2.0 with a citation request; SaudiNewsNet: CC BY-NC-SA 4.0, research only;
NTREX: CC BY-SA 4.0) do not let the project ship their texts, so `fixtures/events/<split>/<event>/` keeps only
`event.json` (which articles, by corpus id) and `gold.json` (bench format, ../shared/bench/README.md). This script
writes each event's articles as Markdown with front matter, byte for byte the same on every machine, so the gold's
quotes and the scorer's offsets hold:

    python benchmarks/events.py materialise [--out build/events]     # every split
    python benchmarks/events.py find ant 20180408 دوما                # candidate articles of a day, by keyword
    python benchmarks/events.py day 20180314 سكريبال [--out build/day] # one story's ANT day as a bundle, checked
    python benchmarks/events.py score [--split test] [-v]             # run checker and score.py on each split
    python benchmarks/events.py score --by-type [--split dev] [-v]    # figures per type (variant, attribute, ...)
    python benchmarks/events.py split                                 # move audited unsplit events to a split
    python benchmarks/events.py table                                 # the events table of fixtures/events/README.md
    python benchmarks/events.py translations [--limit N]             # NTREX: each article beside its translation

Events listed in ../shared/data/reserved.md are refused: `reserved-ids.txt` is read and an event that names one
of its ids fails loudly.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVENTS = ROOT / "fixtures" / "events"
SPLITS = ("test", "dev", "train", "unsplit")
EXTERNAL = SHARED / "data" / "external"
ANT_FILE = EXTERNAL / "ant_multisource_arabic_news" / "ant_v2.1_multisource.jsonl.gz"
SNN_DIR = EXTERNAL / "saudinewsnet" / "dataset"
NTREX_FILE = EXTERNAL / "ntrex_wmt19_ar_en_fr" / "ntrex_docs_ar_en_fr.jsonl"
RESERVED = SHARED / "data" / "reserved-ids.txt"

ANT_OUTLETS = {"alarabia": "Al Arabiya", "BBC": "BBC Arabic", "CNN": "CNN Arabic", "france24": "France 24 Arabic",
               "skynews": "Sky News Arabia"}
SNN_OUTLETS = {"aawsat": "Asharq Al-Awsat", "aleqtisadiya": "Al Eqtisadiah", "aljazirah": "Al Jazirah",
               "almadina": "Al Madina", "alriyadh": "Al Riyadh", "alwatan": "Al Watan", "alweeam": "Al Weeam",
               "alyaum": "Al Yaum", "arreyadi": "Arreyadi", "arriyadiyah": "Arriyadiyah", "okaz": "Okaz",
               "sabq": "Sabq", "was": "Saudi Press Agency", "3alyoum": "3alyoum"}
MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                      "Dec"), 1)}


class EventError(Exception):
    pass


# ------------------------------------------------------------------------------------------------------ corpora

def reserved_ids() -> set[tuple[str, str]]:
    if not RESERVED.exists():
        return set()
    rows = (line.split("\t", 1) for line in RESERVED.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {(corpus.strip(), ident.strip()) for corpus, ident in rows}


def ant_records() -> Iterator[dict]:
    with gzip.open(ANT_FILE, "rt", encoding="utf-8") as corpus:
        for line in corpus:
            yield json.loads(line)


def snn_records() -> Iterator[dict]:
    for archive in sorted(SNN_DIR.glob("*.zip")):
        with zipfile.ZipFile(archive) as bundle:
            yield from json.load(bundle.open(archive.stem + ".json"))


def ntrex_records() -> Iterator[dict]:
    with NTREX_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def _ant_date(record: dict) -> str:
    # RSS pubDate ("Sun, 08 Apr 2018 10:29:11 GMT"); the docno's date is the crawl's and can be a day late.
    parts = record.get("time", "").split()
    if len(parts) >= 4 and parts[2] in MONTHS:
        return f"{int(parts[3]):04d}-{MONTHS[parts[2]]:02d}-{int(parts[1]):02d}"
    day = record["docno"][-8:]
    return f"{day[:4]}-{day[4:6]}-{day[6:]}"


def _front_matter(**fields: str | None) -> str:
    # json.dumps quotes are valid YAML flow scalars: titles with colons or quotes stay one string.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _body(lines: list[str]) -> str:
    return "\n".join(line.strip() for line in lines if line.strip()) + "\n"


def ant_article(record: dict) -> str:
    return _front_matter(source=ANT_OUTLETS.get(record["src"], record["src"]), published=_ant_date(record),
                         lang="ar", title=record.get("title"), url=record.get("url")) + \
        _body(record["text"].splitlines())


def snn_article(record: dict) -> str:
    return _front_matter(source=SNN_OUTLETS.get(record["source"], record["source"]),
                         published=record["date_extracted"][:10], lang="ar",
                         title=html.unescape(record.get("title") or ""), url=record.get("url")) + \
        _body(html.unescape(record.get("content") or "").splitlines())


def ntrex_article(record: dict, lang: str, source: str | None = None) -> str:
    return _front_matter(source=source or record["outlet"], lang=lang, title=record["title"][lang]) + \
        _body([" ".join(record[lang])])


# ------------------------------------------------------------------------------------------------------ events

def event_folders(splits: tuple[str, ...] = SPLITS) -> list[Path]:
    return sorted(p.parent for split in splits for p in (EVENTS / split).glob("*/event.json"))


def _needed(folders: list[Path]) -> dict[str, set[str]]:
    needed: dict[str, set[str]] = {"ant": set(), "saudinewsnet": set(), "ntrex": set()}
    reserved = reserved_ids()
    for folder in folders:
        event = json.loads((folder / "event.json").read_text(encoding="utf-8"))
        for article in event["articles"]:
            corpus, ident = article["corpus"], article["id"]
            if corpus not in needed:
                raise EventError(f"{folder / 'event.json'}: unknown corpus {corpus!r} (ant, saudinewsnet, ntrex)")
            if (corpus, ident) in reserved:
                raise EventError(f"{folder / 'event.json'}: {ident} is reserved for evaluation (reserved.md)")
            needed[corpus].add(ident)
    return needed


def materialise(out: Path, folders: list[Path]) -> list[Path]:
    """Write every event's articles (and its gold) under out/<split>/<event>/; returns the bundle folders."""
    needed = _needed(folders)
    found: dict[tuple[str, str], dict] = {}
    if needed["ant"]:
        found.update((("ant", r["docno"]), r) for r in ant_records() if r["docno"] in needed["ant"])
    if needed["saudinewsnet"]:
        found.update((("saudinewsnet", r["url"]), r) for r in snn_records() if r["url"] in needed["saudinewsnet"])
    if needed["ntrex"]:
        found.update((("ntrex", r["doc_id"]), r) for r in ntrex_records() if r["doc_id"] in needed["ntrex"])
    bundles = []
    for folder in folders:
        event = json.loads((folder / "event.json").read_text(encoding="utf-8"))
        bundle = out / folder.parent.name / folder.name
        bundle.mkdir(parents=True, exist_ok=True)
        for stale in bundle.iterdir():
            stale.unlink()
        for article in event["articles"]:
            record = found.get((article["corpus"], article["id"]))
            if record is None:
                raise EventError(f"{folder / 'event.json'}: {article['corpus']} has no article {article['id']!r}")
            if article["corpus"] == "ant":
                text = ant_article(record)
            elif article["corpus"] == "saudinewsnet":
                text = snn_article(record)
            else:
                text = ntrex_article(record, article["lang"])
            (bundle / article["file"]).write_text(text, encoding="utf-8")
        gold = folder / "gold.json"
        if gold.exists():
            (bundle / "gold.json").write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
        bundles.append(bundle)
    return bundles


def check_quotes(bundles: list[Path]) -> list[str]:
    """Every gold quote must be an exact substring of its file (the scorer finds nothing otherwise)."""
    problems = []
    for bundle in bundles:
        gold_path = bundle / "gold.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for section in ("expected", "optional", "traps"):
            for n, item in enumerate(gold.get(section, [])):
                for side in ("a", "b"):
                    where = item[side]
                    path = bundle / where["file"]
                    if not path.exists():
                        problems.append(f"{bundle.name} {section}[{n}].{side}: no file {where['file']}")
                    elif where["quote"] not in path.read_text(encoding="utf-8-sig"):
                        problems.append(f"{bundle.name} {section}[{n}].{side}: quote not in {where['file']}: "
                                        f"{where['quote']!r}")
    return problems


def find(corpus: str, day: str, keyword: str) -> None:
    """Print the articles of one day whose title (or text) holds the keyword: a start for choosing an event."""
    reserved = reserved_ids()
    if corpus == "ant":
        rows = ((r["docno"], r["src"], _ant_date(r), r["title"], r["text"]) for r in ant_records()
                if day.replace("-", "") in (r["docno"][-8:], _ant_date(r).replace("-", "")))
    elif corpus == "saudinewsnet":
        rows = ((r["url"], r["source"], r["date_extracted"][:10], html.unescape(r.get("title") or ""),
                 html.unescape(r.get("content") or "")) for r in snn_records()
                if r["date_extracted"][:10].replace("-", "") == day.replace("-", ""))
    else:
        raise EventError("find reads ant or saudinewsnet")
    for ident, outlet, date, title, text in rows:
        if keyword in title or keyword in text:
            flag = " RESERVED" if (corpus, ident) in reserved else ""
            print(f"{ident}\t{outlet}\t{date}\t{len(text)}\t{title}{flag}")


def day_bundle(day: str, keyword: str, out: Path) -> list[Path]:
    """Every ANT article of one day holding the keyword, written as a bundle (no gold): a day of real coverage of one
    story, for reading what the checker reports on it. Reserved articles are refused."""
    reserved = reserved_ids()
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.md"):
        stale.unlink()
    written = []
    for record in ant_records():
        if day.replace("-", "") not in (record["docno"][-8:], _ant_date(record).replace("-", "")):
            continue
        if keyword not in record.get("title", "") and keyword not in record["text"]:
            continue
        if ("ant", record["docno"]) in reserved:
            raise EventError(f"{record['docno']} is reserved for evaluation (reserved.md)")
        path = out / f"{record['docno']}.md"
        path.write_text(ant_article(record), encoding="utf-8")
        written.append(path)
    return sorted(written)


# The split is a function of the event's slug alone (its hash), so nobody chooses which events test the checker
# and adding events never moves an old one: 30 % test, 20 % dev, 50 % train.
SPLIT_BOUNDS = (("test", 0.30), ("dev", 0.50), ("train", 1.0))


def split_of(slug: str) -> str:
    position = int(hashlib.sha256(slug.encode("utf-8")).hexdigest()[:8], 16) / 2 ** 32
    return next(name for name, bound in SPLIT_BOUNDS if position < bound)


def split_unsplit() -> list[tuple[str, str]]:
    """Move every audited event of fixtures/events/unsplit into its split; unaudited ones stay."""
    moved = []
    for folder in event_folders(("unsplit",)):
        event = json.loads((folder / "event.json").read_text(encoding="utf-8"))
        if not event.get("audit"):
            continue
        target = EVENTS / split_of(folder.name) / folder.name
        target.parent.mkdir(parents=True, exist_ok=True)
        folder.rename(target)
        moved.append((folder.name, target.parent.name))
    return moved


def table_rows() -> list[str]:
    """One Markdown row per split event (test first), from its event.json audit record and gold.json."""
    rows = []
    for split in ("test", "dev", "train"):
        for folder in event_folders((split,)):
            event = json.loads((folder / "event.json").read_text(encoding="utf-8"))
            gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
            audit = event.get("audit") or {}
            rows.append(f"| {split} | `{folder.name}` | {len(event['articles'])} | {audit.get('expected_before', '?')} "
                        f"→ {len(gold.get('expected', []))} | {audit.get('kept', '?')} | "
                        f"{audit.get('changed_kind', '?')} | {audit.get('added', '?')} | "
                        f"{len(gold.get('optional', []))} | {len(gold.get('traps', []))} |")
    return rows


LANGUAGE_PAIRS = (("en", "ar"), ("en", "fr"), ("ar", "fr"))


def translation_pairs(limit: int | None = None) -> list[tuple[dict, str, str]]:
    """(NTREX document, language, language): an article and its professional translation state the same facts."""
    reserved = reserved_ids()
    documents = [r for r in ntrex_records() if ("ntrex", r["doc_id"]) not in reserved]
    pairs = [(doc, a, b) for doc in documents for a, b in LANGUAGE_PAIRS]
    return pairs[:limit] if limit else pairs


def check_translations(folder: Path, limit: int | None = None, embedder=None) -> dict:
    """Check each article beside its own translation: every finding between the two is a false alarm. A finding
    within one article is counted apart (`typo_documents`): a typo the original itself has ("Ecinitas" beside
    "Encinitas" in an English NTREX document) is kept by its translations and is a right finding in each."""
    from checker.embed import load_embedder
    from checker.pipeline import check

    embedder = embedder or load_embedder(None)
    findings, examples, pairs = 0, [], translation_pairs(limit)
    typo_documents: set[str] = set()
    typos: list[str] = []
    for doc, first, second in pairs:
        for stale in folder.glob("*.md"):
            stale.unlink()
        for lang in (first, second):
            # Two outlets in the report's eyes (the original and its translation), one per language.
            (folder / f"{lang}.md").write_text(ntrex_article(doc, lang, f"{doc['outlet']} ({lang})"),
                                               encoding="utf-8")
        report = check([folder], embedder=embedder)
        for f in report.findings:
            line = f"{doc['doc_id']} {first}/{second}: {f.kind} {f.sides[0].text!r} vs {f.sides[1].text!r}"
            if f.sides[0].source == f.sides[1].source:
                typo_documents.add(doc["doc_id"])
                typos.append(line)
            else:
                findings += 1
                examples.append(line)
    return {"pairs": len(pairs), "findings": findings, "per_10_pairs": 10 * findings / max(1, len(pairs)),
            "examples": examples, "typo_documents": sorted(typo_documents), "typos": typos,
            "documents": len({doc["doc_id"] for doc, _, _ in pairs})}


def score(out: Path, splits: tuple[str, ...], verbose: bool) -> int:
    python = sys.executable
    status = 0
    for split in splits:
        folders = event_folders((split,))
        if not folders:
            continue
        materialise(out, folders)
        checker = Path(python).parent / "checker"  # the console script of the environment running this
        command = [python, str(SHARED / "bench" / "score.py"), str(out / split),
                   "--cmd", f"{checker} check {{bundle}} --format json --output {{out}}"]
        print(f"== {split}: {len(folders)} events", flush=True)
        status |= subprocess.call(command + (["-v"] if verbose else []))
    return status


# A gold item's or a finding's type for per-type figures: a name spelled two ways is a variant whatever its type; a
# conflict about who or where (an entity contradiction) is scored with the attributes, since both are roles filled.
TYPE_GROUPS = ("variant", "attribute", "quantity", "date")


def type_group(kind: str | None, value_type: str | None) -> str:
    if kind == "variant":
        return "variant"
    return "attribute" if value_type in ("attribute", "entity") else str(value_type)


def _scorer():
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_score", SHARED / "bench" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_by_type(bundle: Path, report: dict, group: str, bench) -> dict:
    """The bench scorer on one type only: the gold and the report each filtered to the group, in a bundle folder
    that holds the same articles, so matching is the scorer's own."""
    import tempfile
    gold = json.loads((bundle / "gold.json").read_text(encoding="utf-8-sig"))
    kept = {section: [item for item in gold.get(section, []) if type_group(item.get("kind"), item.get("type")) == group]
            for section in ("expected", "optional")}
    findings = [f for f in report.get("findings", []) if type_group(f.get("kind"), f.get("type")) == group]
    with tempfile.TemporaryDirectory() as tmp:
        view = Path(tmp) / bundle.name
        view.mkdir()
        for article in bundle.iterdir():
            if article.name != "gold.json":
                (view / article.name).symlink_to(article.resolve())
        (view / "gold.json").write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
        return bench.score_bundle(view, {"findings": findings})


def score_types(out: Path, splits: tuple[str, ...], verbose: bool) -> int:
    """Check every event in this process (one model load), keep each report under out/reports/, and print the
    bench figures overall and per type (TYPE_GROUPS)."""
    from checker.embed import load_embedder
    from checker.pipeline import check

    bench, embedder = _scorer(), load_embedder(None)
    for split in splits:
        folders = event_folders((split,))
        if not folders:
            continue
        bundles = materialise(out, folders)
        reports = out / "reports" / split
        reports.mkdir(parents=True, exist_ok=True)
        totals = {group: [0, 0, 0] for group in ("all", *TYPE_GROUPS)}
        print(f"== {split}: {len(bundles)} events", flush=True)
        for bundle in bundles:
            report = json.loads(check([bundle], embedder=embedder).to_json())
            (reports / f"{bundle.name}.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
            results = {"all": bench.score_bundle(bundle, report)}
            results.update((group, score_by_type(bundle, report, group, bench)) for group in TYPE_GROUPS)
            for group, result in results.items():
                for n, field in enumerate(("tp", "fp", "fn")):
                    totals[group][n] += result[field]
            print(f"{bundle.name}: " + " ".join(f"{g}={r['tp']}/{r['fp']}/{r['fn']}" for g, r in results.items()),
                  flush=True)
            if verbose:
                for group in TYPE_GROUPS:
                    for miss in results[group]["misses"]:
                        print(f"  MISS {group}: {miss['a']!r} <> {miss['b']!r}  {miss['files']}  {miss['note']}")
                    for fp in results[group]["false_positives"]:
                        print(f"  FALSE {group}: {fp['a']!r} <> {fp['b']!r}  {fp['files']}")
        for group, (tp, fp, fn) in totals.items():
            precision, recall = bench.ratio(tp, tp + fp), bench.ratio(tp, tp + fn)
            f1 = bench.ratio(2 * precision * recall, precision + recall) if tp else 0.0
            print(f"{split} {group}: tp={tp} fp={fp} fn={fn} precision={precision:.3f} recall={recall:.3f} "
                  f"f1={f1:.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("materialise", help="write the events' articles from ../shared")
    make.add_argument("--out", type=Path, default=ROOT / "build" / "events")
    make.add_argument("--split", action="append", choices=SPLITS)
    look = commands.add_parser("find", help="articles of one day holding a keyword")
    look.add_argument("corpus", choices=("ant", "saudinewsnet"))
    look.add_argument("day", help="YYYYMMDD or YYYY-MM-DD")
    look.add_argument("keyword")
    run = commands.add_parser("score", help="check and score each split")
    run.add_argument("--out", type=Path, default=ROOT / "build" / "events")
    run.add_argument("--split", action="append", choices=SPLITS)
    run.add_argument("-v", "--verbose", action="store_true")
    run.add_argument("--by-type", action="store_true", help="figures per type, in this process (reports kept)")
    one_day = commands.add_parser("day", help="one story's ANT articles of a day, checked; variants listed")
    one_day.add_argument("day", help="YYYYMMDD or YYYY-MM-DD")
    one_day.add_argument("keyword")
    one_day.add_argument("--out", type=Path, default=ROOT / "build" / "day")
    commands.add_parser("split", help="move audited events from unsplit/ to their split")
    commands.add_parser("table", help="print the events table of fixtures/events/README.md")
    translations = commands.add_parser("translations", help="NTREX articles beside their own translations")
    translations.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"no {SHARED}: the events' articles live there", file=sys.stderr)
        return 2
    try:
        if args.command == "materialise":
            bundles = materialise(args.out, event_folders(tuple(args.split or SPLITS)))
            problems = check_quotes(bundles)
            print(f"{len(bundles)} events written under {args.out}")
            for problem in problems:
                print("  " + problem)
            return 1 if problems else 0
        if args.command == "translations":
            import tempfile
            with tempfile.TemporaryDirectory() as folder:
                result = check_translations(Path(folder), args.limit)
            for example in result["examples"]:
                print("  " + example)
            for typo in result["typos"]:
                print("  within one article: " + typo)
            print(f"{result['pairs']} article pairs, {result['findings']} findings between an article and its "
                  f"translation ({result['per_10_pairs']:.2f} per 10 pairs); typos within one article in "
                  f"{len(result['typo_documents'])} of {result['documents']} documents")
            return 0
        if args.command == "table":
            print("\n".join(table_rows()))
            return 0
        if args.command == "split":
            for slug, split in split_unsplit():
                print(f"{split}\t{slug}")
            return 0
        if args.command == "day":
            from checker.pipeline import check
            paths = day_bundle(args.day, args.keyword, args.out)
            report = check([args.out])
            variants = [f for f in report.findings if f.kind == "variant"]
            print(f"{len(paths)} articles, {len(report.findings)} findings, {len(variants)} variants")
            for n, finding in enumerate(variants, 1):
                a, b = finding.sides
                print(f"{n}\t{Path(a.source).name}\t{a.text}\t{Path(b.source).name}\t{b.text}")
            return 0
        if args.command == "find":
            find(args.corpus, args.day, args.keyword)
            return 0
        splits = tuple(args.split or ("test", "dev", "train"))
        if args.by_type:
            return score_types(args.out, splits, args.verbose)
        return score(args.out, splits, args.verbose)
    except EventError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
