#!/usr/bin/env python3
"""Speed and memory of `checker.check` on real multi-outlet Arabic news (ANT corpus, read from ../shared).

For each size N, a fresh process writes the first N ANT articles from April 2018 on (in date order; ids listed in
../shared/data/reserved-ids.txt left out) as one .jsonl input, loads the encoder, and times one `check` stage by
stage. In the same process the same sentences then go through the encoder alone: the encoder floor, the rate
the pipeline cannot beat while it embeds every sentence. Peak resident memory is the child's own. The corpus is
never copied into the project; findings are counted, not read.

    python benchmarks/speed.py 1000 2000 4000 8000            # table, floor ratio, growth per doubling
    python benchmarks/speed.py 300 --engine ray               # the same through Ray Data (checker.distributed)
    python benchmarks/speed.py 1000 --engine processes        # per-article stages in one forked process per core
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ANT = SHARED / "data/external/ant_multisource_arabic_news/ant_v2.1_multisource.jsonl.gz"
RESERVED = SHARED / "data/reserved-ids.txt"
FIRST_DAY = "20180401"
FILE_ARTICLES = 5000  # articles per .jsonl file of a sample larger than this


def _reserved() -> set[str]:
    if not RESERVED.is_file():
        return set()
    return {line.split("\t", 1)[1].strip() for line in RESERVED.read_text(encoding="utf-8").splitlines()
            if line.startswith("ant\t")}


def write_sample(count: int, folder: Path) -> Path:
    """The first `count` ANT articles from FIRST_DAY on, in date order (earlier days after the last one), as jsonl."""
    reserved = _reserved()
    records = []
    with gzip.open(ANT, "rt", encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            if record["docno"] not in reserved:
                day = record["docno"][-8:]
                records.append((day < FIRST_DAY, day, record["docno"], record))
    records.sort(key=lambda row: row[:3])
    chosen = records[:count]
    if len(chosen) <= FILE_ARTICLES:
        out = folder / f"ant-{count}.jsonl"
        _write_jsonl(out, chosen)
        return out
    # A wire of many files, as a feed arrives: one file of 30,000 articles is over the reader's file_bytes limit
    # (64 MiB) and would be skipped whole, by design.
    out = folder / f"ant-{count}"
    out.mkdir()
    for part, start in enumerate(range(0, len(chosen), FILE_ARTICLES)):
        _write_jsonl(out / f"ant-{part:03d}.jsonl", chosen[start:start + FILE_ARTICLES])
    return out


def _write_jsonl(out: Path, rows: list) -> None:
    with out.open("w", encoding="utf-8") as sink:
        for _, day, _, record in rows:
            sink.write(json.dumps({"text": record["title"] + "\n" + record["text"], "source": record["src"],
                                   "title": record["title"], "lang": "ar",
                                   "published": f"{day[:4]}-{day[4:6]}-{day[6:]}"}, ensure_ascii=False) + "\n")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(count: int, engine: str, floor_sample: int | None = None) -> dict:
    """One size, in this process: stage times, sentences, findings, encoder floor, peak memory."""
    from checker.embed import load_embedder
    from checker.pipeline import check

    embedder = load_embedder()
    embedder.encode(["تسخين"])  # first call builds the weights; a warm encoder is what a service has
    stages: dict[str, float] = defaultdict(float)
    state = {"stage": "start", "since": time.perf_counter()}

    def progress(stage: str, *_counts: int) -> None:
        now = time.perf_counter()
        if stage != state["stage"]:
            stages[state["stage"]] += now - state["since"]
            state.update(stage=stage, since=now)

    with tempfile.TemporaryDirectory() as tmp:
        sample = write_sample(count, Path(tmp))
        began = time.perf_counter()
        if engine == "ray":
            from checker.distributed import check_on_ray

            report = check_on_ray([sample], progress=progress)
        elif engine == "processes":
            from checker.distributed import check_in_processes

            report = check_in_processes([sample], embedder=embedder, progress=progress)
        else:
            report = check([sample], embedder=embedder, progress=progress)
        wall = time.perf_counter() - began
        progress("done")
        stages.pop("start", None)
        peak_check = _peak_mib()
        from checker.claims import split_claims

        sentences = [claim.text for claim in split_claims(report.articles)]
    # The floor on a sample of the sentences where asked (30,000 articles hold ~300,000: 11 more minutes), its rate
    # carried to all of them.
    sample_sentences = sentences[:floor_sample] if floor_sample else sentences
    began = time.perf_counter()
    embedder.encode(sample_sentences)
    floor = (time.perf_counter() - began) * len(sentences) / max(1, len(sample_sentences))
    return {"articles": len(report.articles), "sentences": len(sentences), "findings": len(report.findings),
            "wall_s": round(wall, 2), "stages": {k: round(v, 2) for k, v in stages.items()},
            "floor_s": round(floor, 2), "floor_sentences": len(sample_sentences), "peak_mib": round(peak_check), "engine": engine,
            # forked workers share the parent's pages until they write them: the largest worker's own peak
            "worker_peak_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
            "load": os.getloadavg()[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[300], help="article counts, one run each")
    parser.add_argument("--engine", choices=("local", "processes", "ray"), default="local")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child: one size, JSON on stdout
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    parser.add_argument("--floor-sample", type=int, default=None,
                        help="measure the encoder floor on this many of the run's sentences (default: all)")
    parser.add_argument("--table", type=Path, help="print the table of measurements saved with --json, and stop")
    args = parser.parse_args()
    if not ANT.is_file():
        print(f"skipped: {ANT} is absent (../shared beside the checkout)")
        return 0
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))))
        return 0
    if args.one:
        print(json.dumps(measure(args.one, args.engine, args.floor_sample)))
        return 0
    rows = []
    for size in args.sizes:
        # a process per size: its peak memory is its own, and no cache of a smaller run helps a larger one
        floor = ["--floor-sample", str(args.floor_sample)] if args.floor_sample else []
        done = subprocess.run([sys.executable, __file__, "--one", str(size), "--engine", args.engine, *floor],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"size {size} failed:\n{done.stderr[-3000:]}", file=sys.stderr)
            return 1
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        if not rows[-1]["sentences"]:
            print(f"size {size}: the check read no article (its input was skipped: see `check`'s inputs)",
                  file=sys.stderr)
            return 1
        print(_row_line(rows[-1]), flush=True)
        if args.json:  # after each size: a long run stopped early keeps what it measured
            args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print()
    print(table(rows))
    return 0


def _row_line(row: dict) -> str:
    rate = row["sentences"] / row["wall_s"]
    floor = row["sentences"] / row["floor_s"]
    return (f"articles={row['articles']} sentences={row['sentences']} findings={row['findings']} "
            f"wall_s={row['wall_s']} sentences_per_s={rate:.0f} encoder_floor_per_s={floor:.0f} "
            f"ratio={rate / floor:.2f} peak_mib={row['peak_mib']} load={row['load']:.1f}")


def table(rows: list[dict]) -> str:
    """Markdown: one column per size; stage seconds, rates, floor ratio, growth from the previous size, memory."""
    stages = list(dict.fromkeys(stage for row in rows for stage in row["stages"]))
    head = "| | " + " | ".join(f"{row['articles']} articles" for row in rows) + " |"
    lines = [head, "|---" * (len(rows) + 1) + "|"]
    for stage in stages:
        lines.append(f"| {stage} (s) | " + " | ".join(f"{row['stages'].get(stage, 0):.1f}" for row in rows) + " |")
    lines.append("| **total (s)** | " + " | ".join(f"**{row['wall_s']:.1f}**" for row in rows) + " |")
    lines.append("| sentences | " + " | ".join(str(row["sentences"]) for row in rows) + " |")
    lines.append("| sentences/s | " + " | ".join(f"{row['sentences'] / row['wall_s']:.0f}" for row in rows) + " |")
    lines.append("| encoder alone, same sentences (/s) | "
                 + " | ".join(f"{row['sentences'] / row['floor_s']:.0f}" for row in rows) + " |")
    lines.append("| pipeline / encoder floor | "
                 + " | ".join(f"{row['floor_s'] / row['wall_s']:.2f}" for row in rows) + " |")
    growth = ["–"] + [f"{b['wall_s'] / a['wall_s']:.2f}× for {b['articles'] / a['articles']:.1f}× input"
                      for a, b in zip(rows, rows[1:])]
    lines.append("| time growth | " + " | ".join(growth) + " |")
    lines.append("| peak memory (MiB) | " + " | ".join(str(row["peak_mib"]) for row in rows) + " |")
    lines.append("| load average at the end | " + " | ".join(f"{row['load']:.1f}" for row in rows) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
