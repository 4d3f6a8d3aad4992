#!/usr/bin/env python3
"""How the checker does on real data no one here wrote: ANS stance pairs, ANT multi-outlet events, XNLI dev.

Reads ../shared/data/external (beside the checkout; see its INDEX.md and each folder's PROVENANCE.md). Nothing is
copied into the project: pairs and articles are written to a temporary folder, checked there, and deleted.

    python benchmarks/external.py                 # full run (~3 min on 2 cores), writes docs/external*.md
    python benchmarks/external.py --quick         # smoke run (< 1 min), writes nothing
    python benchmarks/external.py --no-docs --json figures.json

(a) ANS (Khouja 2020, Apache-2.0): Arabic headline pairs. A pair counts as flagged when checking its two headlines
    as two articles gives at least one finding. The numeric subset: both headlines state numbers (quantities or
    dates, as `checker.values.reader.extract_values` reads them) and the two sets of numbers differ.
(b) ANT v2.1 (Chouigui et al. 2021): one day's articles on one event from several outlets, checked together; the
    report is printed and written to docs/external/<event>.md (the Markdown `checker check --format md` writes).
(c) XNLI dev (Conneau et al. 2018, CC BY-NC 4.0): premise and hypothesis as two articles, per language ar/en/fr;
    contradiction pairs with numbers on both sides (recall proxy) and entailment pairs with numbers (false alarms).

Licences: ANS Apache-2.0; ANT Apache-2.0 plus a citation request; XNLI CC BY-NC 4.0 (non-commercial). Figures and
short quotes are reported here for evaluation only.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXTERNAL = Path("data") / "external"
ANS_DIR = EXTERNAL / "ans" / "stance"
ANT_FILE = EXTERNAL / "ant_multisource_arabic_news" / "ant_v2.1_multisource.jsonl.gz"
XNLI_DIR = EXTERNAL / "xnli_dev_ar_en_fr"

BEGIN, END = "<!-- generated: begin (benchmarks/external.py) -->", "<!-- generated: end -->"

OUTLETS = {"alarabia": "Al Arabiya", "BBC": "BBC Arabic", "CNN": "CNN Arabic", "france24": "France 24 Arabic",
           "skynews": "Sky News Arabia"}


@dataclass(frozen=True)
class Event:
    slug: str
    day: str  # YYYYMMDD, as docnos end
    keyword: str
    in_text: bool  # the keyword may be in the text, not only in the title
    what: str


EVENTS = (
    Event("douma-2018-04-08", "20180408", "دوما", True, "the Douma chemical attack and its aftermath (8 April 2018)"),
    Event("hodeidah-2018-06-13", "20180613", "الحديدة", False,
          "the first day of the coalition offensive on Hodeidah (13 June 2018)"),
    Event("khashoggi-2018-10-19", "20181019", "خاشقجي", False,
          "the Khashoggi case on 19 October 2018 (Saudi statement on his death)"),
)


@dataclass(frozen=True)
class Pair:
    id: str
    a: str
    b: str
    label: str
    lang: str


@dataclass
class Tally:
    """How many pairs of a subset the checker flagged, with a few examples of each outcome."""

    n: int = 0
    flagged: int = 0
    contradiction: int = 0
    flagged_examples: list = field(default_factory=list)
    missed_examples: list = field(default_factory=list)

    def add(self, pair: Pair, findings: list, keep: int = 10) -> None:
        self.n += 1
        if findings:
            self.flagged += 1
            if len(self.flagged_examples) < keep:
                self.flagged_examples.append(_example(pair, findings))
        elif len(self.missed_examples) < keep:
            self.missed_examples.append(_example(pair, findings))
        if any(f.kind == "contradiction" for f in findings):
            self.contradiction += 1

    def figures(self) -> dict:
        share = self.flagged / self.n if self.n else None
        return {"n": self.n, "flagged": self.flagged, "share": share, "contradiction": self.contradiction,
                "flagged_examples": self.flagged_examples, "missed_examples": self.missed_examples}


def _example(pair: Pair, findings: list) -> dict:
    return {"id": pair.id, "a": pair.a, "b": pair.b,
            "findings": [f"{f.kind}/{f.type}: «{f.sides[0].text}» vs «{f.sides[1].text}»" for f in findings]}


# ------------------------------------------------------------------------------------------------------ readers

def ans_pairs(shared: Path, splits: Iterable[str] = ("test", "dev", "train")) -> list[Pair]:
    pairs = []
    for split in splits:
        with (shared / ANS_DIR / f"{split}.csv").open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                pairs.append(Pair(f"ans/{split}/{number}", row["s1"].strip(), row["s2"].strip(), row["stance"], "ar"))
    return pairs


def xnli_pairs(shared: Path, lang: str) -> list[Pair]:
    pairs = []
    with (shared / XNLI_DIR / f"dev-{lang}.tsv").open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                pairs.append(Pair(f"xnli/{lang}/{number}", parts[0].strip(), parts[1].strip(), parts[2], lang))
    return pairs


def ant_records(shared: Path, days: set[str]) -> Iterator[dict]:
    with gzip.open(shared / ANT_FILE, "rt", encoding="utf-8") as corpus:
        for line in corpus:
            if not any(day in line for day in days):  # cheap prefilter before parsing
                continue
            record = json.loads(line)
            if record["docno"][-8:] in days:
                yield record


# ------------------------------------------------------------------------------------------------------ numbers

def number_keys(text: str, lang: str) -> frozenset:
    """The numbers a text states, as the checker reads them: quantities by value, dates by the days they mean."""
    from checker.model import DateValue, Quantity
    from checker.values.reader import extract_values

    keys = set()
    for value in extract_values(text, lang):
        if isinstance(value, Quantity):
            keys.add(("q", round(value.value, 6)))
        elif isinstance(value, DateValue):
            keys.add(("d", value.low, value.high))
    return frozenset(keys)


def numeric_class(pair: Pair) -> str | None:
    """'differ' when both sides state numbers and the numbers differ, 'same' when both state the same, else None."""
    a, b = number_keys(pair.a, pair.lang), number_keys(pair.b, pair.lang)
    if not a or not b:
        return None
    return "same" if a == b else "differ"


# ------------------------------------------------------------------------------------------------------ running

def _article(path: Path, source: str, lang: str, body: str, published: str | None = None,
             url: str | None = None) -> None:
    meta = [f"source: {json.dumps(source, ensure_ascii=False)}", f"lang: {lang}"]
    if published:
        meta.append(f"published: {published}")
    if url:
        meta.append(f"url: {json.dumps(url, ensure_ascii=False)}")
    path.write_text("---\n" + "\n".join(meta) + "\n---\n" + body.strip() + "\n", encoding="utf-8")


class PairChecker:
    """Checks a pair of texts as two one-paragraph articles from two outlets (A and B), in-process."""

    def __init__(self, folder: Path) -> None:
        self.a, self.b = folder / "a.md", folder / "b.md"
        self.calls = 0
        self.seconds = 0.0

    def findings(self, pair: Pair) -> list:
        from checker.pipeline import check

        _article(self.a, "A", pair.lang, pair.a)
        _article(self.b, "B", pair.lang, pair.b)
        began = time.perf_counter()
        report = check([self.a, self.b])
        self.seconds += time.perf_counter() - began
        self.calls += 1
        return list(report.findings)


def evaluate_ans(shared: Path, checker: PairChecker, limit: int | None, overall: int | None, say) -> dict:
    """Numeric subsets (up to `limit` pairs each), and the first `overall` pairs of each stance (test split first)
    for the overall shares."""
    cap = min((c for c in (limit, overall) if c is not None), default=None)
    pairs = ans_pairs(shared)
    subsets = {name: Tally() for name in ("disagree_numbers_differ", "agree_numbers_both", "agree_numbers_same",
                                          "disagree_all", "agree_all")}
    cache: dict[str, list] = {}

    def run(pair: Pair) -> list:
        if pair.id not in cache:
            cache[pair.id] = checker.findings(pair)
        return cache[pair.id]

    for pair in pairs:
        if pair.label not in ("agree", "disagree"):
            continue
        numeric = numeric_class(pair)
        if pair.label == "disagree" and numeric == "differ" and _room(subsets["disagree_numbers_differ"], limit):
            subsets["disagree_numbers_differ"].add(pair, run(pair))
        if pair.label == "agree" and numeric is not None and _room(subsets["agree_numbers_both"], limit):
            subsets["agree_numbers_both"].add(pair, run(pair))
            if numeric == "same":
                subsets["agree_numbers_same"].add(pair, run(pair))
        everything = subsets[f"{pair.label}_all"]
        if _room(everything, cap):
            everything.add(pair, run(pair))
    say(f"ANS: {checker.calls} pairs checked")
    return {name: tally.figures() for name, tally in subsets.items()}


def evaluate_xnli(shared: Path, checker: PairChecker, limit: int | None, say) -> dict:
    figures = {}
    for lang in ("ar", "en", "fr"):
        subsets = {name: Tally() for name in ("contradiction_numbers_both", "contradiction_numbers_differ",
                                              "entailment_numbers_both")}
        for pair in xnli_pairs(shared, lang):
            if pair.label == "neutral":
                continue
            numeric = numeric_class(pair)
            if numeric is None:
                continue
            name = f"{pair.label}_numbers_both"
            if not _room(subsets[name], limit):
                continue
            found = checker.findings(pair)
            subsets[name].add(pair, found)
            if pair.label == "contradiction" and numeric == "differ":
                subsets["contradiction_numbers_differ"].add(pair, found)
        figures[lang] = {name: tally.figures() for name, tally in subsets.items()}
        say(f"XNLI {lang}: " + ", ".join(f"{k} {v['flagged']}/{v['n']}" for k, v in figures[lang].items()))
    return figures


def _room(tally: Tally, limit: int | None) -> bool:
    return limit is None or tally.n < limit


@contextlib.contextmanager
def _cwd(folder: Path):
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def event_articles(records: Iterable[dict], event: Event) -> list[dict]:
    """The day's articles on the event: keyword in the title (or the text), sport left out, one per outlet title
    (France 24 files one article under two categories)."""
    pattern = re.compile(rf"(?<![\w]){event.keyword}(?![\w\u064b-\u0652])")
    chosen, seen = [], set()
    for record in records:
        if not record["docno"].endswith(event.day) or record["cat"] == "sport":
            continue
        where = record["title"] + ("\n" + record["text"] if event.in_text else "")
        if not pattern.search(where) or (record["src"], record["title"]) in seen:
            continue
        seen.add((record["src"], record["title"]))
        chosen.append(record)
    return chosen


def evaluate_event(records: list[dict], event: Event, folder: Path, say) -> tuple[dict, str, str]:
    """Checks the event's articles together; returns figures, a text summary and the Markdown report."""
    from checker.pipeline import check
    from checker.render import render

    chosen = event_articles(records, event)
    day = dt.datetime.strptime(event.day, "%Y%m%d").date().isoformat()
    where = folder / event.slug
    where.mkdir()
    for record in chosen:
        _article(where / f"{record['docno']}.md", OUTLETS.get(record["src"], record["src"]), "ar",
                 record["title"] + "\n\n" + record["text"], published=day, url=record.get("url"))
    began = time.perf_counter()
    with _cwd(where):
        report = check(sorted(p.name for p in where.iterdir()))
    took = time.perf_counter() - began
    outlets = sorted({OUTLETS.get(r["src"], r["src"]) for r in chosen})
    kinds = {kind: sum(f.kind == kind for f in report.findings) for kind in ("contradiction", "imprecision", "variant")}
    lines = [f"{event.slug}: {len(chosen)} articles from {len(outlets)} outlets ({', '.join(outlets)}), "
             f"{len(report.findings)} findings {kinds}, {took:.1f} s"]
    for number, finding in enumerate(report.findings, 1):
        a, b = finding.sides
        lines.append(f"  {number:>2}. {finding.kind}/{finding.type}: {a.outlet} «{a.text}» ({a.source}) "
                     f"vs {b.outlet} «{b.text}» ({b.source})")
    say("\n".join(lines))
    figures = {"articles": len(chosen), "outlets": outlets, "findings": len(report.findings), "kinds": kinds,
               "seconds": round(took, 1)}
    return figures, "\n".join(lines), render(report, "md")


# ------------------------------------------------------------------------------------------------------ output

def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.0f}%" if whole else "0/0"


def table_rows(figures: dict) -> list[tuple[str, str, str]]:
    """(set, subset, flagged) rows of the summary table."""
    rows = []
    labels = {"disagree_numbers_differ": "disagree, numbers on both sides differ (recall)",
              "agree_numbers_both": "agree, numbers on both sides (false alarms)",
              "agree_numbers_same": "agree, same numbers on both sides (false alarms)",
              "disagree_all": "disagree, all", "agree_all": "agree, all (false alarms)",
              "contradiction_numbers_both": "contradiction, numbers on both sides (recall)",
              "contradiction_numbers_differ": "contradiction, numbers differ (recall)",
              "entailment_numbers_both": "entailment, numbers on both sides (false alarms)"}
    for name, tally in figures.get("ans", {}).items():
        rows.append(("ANS ar", labels[name], _pct(tally["flagged"], tally["n"])))
    for lang, subsets in figures.get("xnli", {}).items():
        for name, tally in subsets.items():
            rows.append((f"XNLI {lang}", labels[name], _pct(tally["flagged"], tally["n"])))
    for slug, event in figures.get("events", {}).items():
        rows.append((f"ANT {slug}", f"{event['articles']} articles, {len(event['outlets'])} outlets",
                     f"{event['findings']} findings ({', '.join(f'{v} {k}' for k, v in event['kinds'].items())})"))
    return rows


def print_table(rows: list[tuple[str, str, str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(3)] if rows else [0, 0, 0]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def _git_commit() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "checker"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
        return commit + (" (with uncommitted changes under checker/)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _replace_generated(path: Path, generated: str, preamble: str) -> None:
    """Rewrites the generated block of `path`, keeping what people wrote around it."""
    block = f"{BEGIN}\n{generated.rstrip()}\n{END}"
    if path.is_file():
        old = path.read_text(encoding="utf-8")
        if BEGIN in old and END in old:
            head, rest = old.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            path.write_text(head + block + tail, encoding="utf-8")
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(preamble.rstrip() + "\n\n" + block + "\n", encoding="utf-8")


def _quote(example: dict) -> str:
    found = "; ".join(example["findings"]) or "no finding"
    return f"- `{example['id']}`: «{example['a']}» / «{example['b']}» → {found}"


def external_markdown(figures: dict) -> str:
    meta = figures["meta"]
    lines = [f"Run on {meta['date']} at commit `{meta['commit']}`; {meta['pairs_checked']} pairs checked in "
             f"{meta['seconds']:.0f} s on {os.cpu_count()} cores (`python benchmarks/external.py`: numeric subsets in "
             f"full, ANS overall shares on the first {meta['overall']} pairs per stance, test split first).", "",
             "| set | subset | flagged |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in table_rows(figures)]
    ans = figures.get("ans", {})
    if ans:
        lines += ["", "### ANS: missed disagree pairs whose numbers differ", ""]
        lines += [_quote(e) for e in ans["disagree_numbers_differ"]["missed_examples"]]
        lines += ["", "### ANS: agree pairs flagged (false alarms)", ""]
        lines += [_quote(e) for e in ans["agree_numbers_both"]["flagged_examples"]]
        extra = [e for e in ans["agree_all"]["flagged_examples"]
                 if e["id"] not in {x["id"] for x in ans["agree_numbers_both"]["flagged_examples"]}]
        lines += [_quote(e) for e in extra[:5]]
    for lang, subsets in figures.get("xnli", {}).items():
        lines += ["", f"### XNLI {lang}: missed contradictions whose numbers differ, and false alarms", ""]
        lines += [_quote(e) for e in subsets["contradiction_numbers_differ"]["missed_examples"][:5]]
        lines += [_quote(e) for e in subsets["entailment_numbers_both"]["flagged_examples"][:5]]
    return "\n".join(lines) + "\n"


PREAMBLE_EXTERNAL = """# External evaluation

How the checker does on data no one on this project wrote (issue 4). The data sit in `../shared/data/external`
(not in this repository; see its INDEX.md and each folder's PROVENANCE.md); `benchmarks/external.py` reads them,
writes each pair or event to a temporary folder, runs `checker.pipeline.check` and counts findings.

- **ANS** (Khouja 2020, "Stance Prediction and Claim Verification: An Arabic Perspective", FEVER@ACL 2020;
  github.com/latynt/ans, Apache-2.0): Arabic headline pairs labelled agree/disagree. A pair is *flagged* when the two
  headlines, checked as two articles, give at least one finding. *Numbers differ*: both headlines state numbers
  (quantities or dates as `checker.values.reader.extract_values` reads them) and the sets differ. All splits.
- **XNLI dev** (Conneau et al. 2018, CC BY-NC 4.0, non-commercial): premise and hypothesis as two articles.
- **ANT v2.1** (Chouigui, Ben Khiroun, Elayeb 2021, doi:10.1007/s13369-020-05258-z; Apache-2.0 plus a citation
  request): one day's articles on one event from several outlets; reports in `docs/external/`.

Figures move while the comparison stage is tuned: rerun the script (it rewrites only the generated block below).
"""


def event_markdown(event: Event, figures: dict, report_md: str, meta: dict) -> tuple[str, str]:
    preamble = f"""# External check: {event.what}

Data: ANT Corpus v2.1, multi-source Arabic news (github.com/antcorpus/antcorpus.multisource.data, commit f117ce4;
licence Apache-2.0 plus a citation licence). Cite: A. Chouigui, O. Ben Khiroun, B. Elayeb, "An Arabic Multi-source
News Corpus: Experimenting on Single-document Extractive Summarization", Arabian Journal for Science and Engineering
46(8), 2021, doi:10.1007/s13369-020-05258-z. Read from `../shared/{ANT_FILE}` (not copied here).

Selection: articles whose docno ends {event.day} and whose title{' or text' if event.in_text else ''} contains
`{event.keyword}`, sport left out, one article per outlet and title (France 24 files the same article under two
categories). Each was written as a Markdown file (`source`: outlet, `published`: {event.day[:4]}-{event.day[4:6]}-{event.day[6:]},
`lang: ar`; body: title line, blank line, text) and checked together; below is the report as `checker check
--format md` renders it. Regenerate with `python benchmarks/external.py` (only the generated block is rewritten).
"""
    generated = (f"Generated {meta['date']} at commit `{meta['commit']}`: {figures['articles']} articles from "
                 f"{', '.join(figures['outlets'])}; {figures['findings']} findings.\n\n"
                 + report_md.replace("# Conflict report", "## Conflict report", 1))
    return preamble, generated


# ------------------------------------------------------------------------------------------------------ main

def run(shared: Path, quick: bool = False, limit: int | None = None, overall: int | None = 250,
        sets: tuple[str, ...] = ("ans", "xnli", "events"), say=print) -> dict:
    """All figures as one dict: {'ans': ..., 'xnli': ..., 'events': ..., 'meta': ...}, with each event's report as
    Markdown under 'reports' and as a text summary under 'summaries' (keyed by slug). `sets` picks what runs."""
    began = time.perf_counter()
    if quick and limit is None:
        limit = 5
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="checker-external-") as tmp:
        folder = Path(tmp)
        checker = PairChecker(folder)
        if "ans" in sets:
            figures["ans"] = evaluate_ans(shared, checker, limit, overall, say)
        if "xnli" in sets:
            figures["xnli"] = evaluate_xnli(shared, checker, limit, say)
        figures["events"], figures["reports"], figures["summaries"] = {}, {}, {}
        if "events" in sets:
            chosen = EVENTS[:1] if quick else EVENTS
            records = list(ant_records(shared, {e.day for e in chosen}))
            for event in chosen:
                result, summary, report_md = evaluate_event(records, event, folder, say)
                figures["events"][event.slug] = result
                figures["summaries"][event.slug] = summary
                figures["reports"][event.slug] = report_md
    figures["meta"] = {"date": dt.date.today().isoformat(), "commit": _git_commit(), "limit": limit,
                       "overall": overall if "ans" in sets else None, "quick": quick, "pairs_checked": checker.calls, "pair_seconds": round(checker.seconds, 1),
                       "seconds": round(time.perf_counter() - began, 1)}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default: ../shared)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 5 pairs per subset, one event, no docs")
    parser.add_argument("--limit", type=int, default=None,
                        help="at most this many pairs per subset (default: all)")
    parser.add_argument("--overall", type=int, default=250,
                        help="ANS pairs per stance for the overall shares, test split first (default 250)")
    parser.add_argument("--sets", default="ans,xnli,events", help="comma-separated: ans, xnli, events (default: all)")
    parser.add_argument("--no-docs", action="store_true",
                        help="do not write docs/external.md and docs/external/ (a run with --limit or --sets never does)")
    parser.add_argument("--json", type=Path, help="also write all figures here as JSON")
    args = parser.parse_args(argv)
    if not (args.shared / EXTERNAL).is_dir():
        print(f"skipped: {args.shared / EXTERNAL} absent (external data live in ../shared beside the checkout)")
        return 0
    sets = tuple(name.strip() for name in args.sets.split(",") if name.strip())
    unknown = set(sets) - {"ans", "xnli", "events"}
    if unknown:
        parser.error(f"--sets: unknown {', '.join(sorted(unknown))}")
    figures = run(args.shared, quick=args.quick, limit=args.limit, overall=args.overall, sets=sets,
                  say=lambda line: print(line, flush=True))
    print()
    print_table(table_rows(figures))
    meta = figures["meta"]
    print(f"\n{meta['pairs_checked']} pairs checked in {meta['pair_seconds']} s; total {meta['seconds']} s; "
          f"commit {meta['commit']}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    if not args.quick and not args.no_docs and set(sets) == {"ans", "xnli", "events"} and args.limit is None:
        _replace_generated(ROOT / "docs" / "external.md", external_markdown(figures), PREAMBLE_EXTERNAL)
        for event in EVENTS:
            if event.slug in figures["reports"]:
                preamble, generated = event_markdown(event, figures["events"][event.slug],
                                                     figures["reports"][event.slug], meta)
                _replace_generated(ROOT / "docs" / "external" / f"{event.slug}.md", generated, preamble)
        print("wrote docs/external.md and docs/external/*.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
