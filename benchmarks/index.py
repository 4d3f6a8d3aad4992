#!/usr/bin/env python3
"""Index of the wire at growing sizes, on real ANT news: build time, peak memory, size on disk, warm query latency.

One index is grown step by step (`checker.index.build`, then `add` up to each size) from the ANT articles of 2018 by
day, every outlet (reserved and test-split events left out, as benchmarks/stories.py writes them). After each step
the same drafts are checked against it: articles spread over the feed's first days, kept out of the index, so
every size holds their stories and a size's latency is comparable with the next one's. Latency is warm (model
loaded, each draft queried once untimed first, as in a long-running service): open the index, embed the draft, find its
stories, load their stored claims, values and vectors, check. Each step's figures are written to `--json` as soon
as they are measured, so a run stopped for time keeps what it measured.

    python benchmarks/index.py --sizes 1000 5000 10000 20000 30000 --drafts 10 --json build/index-bench.json
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import stories as feeds  # noqa: E402  (benchmarks/stories.py writes the ANT feed)


class Counting:
    """The encoder, counting the texts a query sends it (the drafts' own, when the index answers the rest)."""

    def __init__(self, embedder) -> None:
        self.name, self.dimension, self._embedder, self.count = embedder.name, embedder.dimension, embedder, 0

    def encode(self, texts):
        self.count += len(texts)
        return self._embedder.encode(texts)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def query(folder: Path, drafts: list[Path], embedder, scorer) -> dict:
    """Warm latency of checking each draft against the index: wall time and this process's CPU time (on a machine
    shared with other work the wall time is mostly the others' load; CPU time is what the query itself costs)."""
    from checker.index import check_against_index

    for draft in drafts:  # warm, as a service is: lexicons a draft's values first need, pages of the index
        check_against_index([draft], folder, embedder=embedder, scorer=scorer)
    latencies, cpu, checked, found, embedded = [], [], [], 0, []
    for draft in drafts:
        counting = Counting(embedder)
        began, began_cpu = time.perf_counter(), time.process_time()
        report = check_against_index([draft], folder, embedder=counting, scorer=scorer)
        latencies.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
        checked.append(report.inputs[-1].articles)
        embedded.append(counting.count)
        found += len(report.findings)
    return {"query_median_s": round(statistics.median(latencies), 3),
            "query_p90_s": round(_percentile(latencies, 0.9), 3), "query_max_s": round(max(latencies), 3),
            "cpu_median_s": round(statistics.median(cpu), 3), "cpu_p90_s": round(_percentile(cpu, 0.9), 3),
            "latencies": [round(x, 3) for x in latencies], "cpu": [round(x, 3) for x in cpu],
            "checked_median": statistics.median(checked), "checked": checked,
            "embedded_median": statistics.median(embedded), "findings": found, "drafts": len(drafts)}


def _said(row: dict) -> str:
    cpu = f", CPU median {row['cpu_median_s']:.2f} s, p90 {row['cpu_p90_s']:.2f} s" if "cpu_median_s" in row else ""
    return (f"{row['drafts'] if 'drafts' in row else len(row['latencies'])} drafts warm: median "
            f"{row['query_median_s']:.2f} s, p90 {row['query_p90_s']:.2f} s, max {row['query_max_s']:.2f} s wall"
            f"{cpu}; against {row['checked_median']:.0f} indexed articles (median), {row['embedded_median']:.0f} "
            f"texts embedded per query (median), {row['findings']} findings")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1500])
    parser.add_argument("--drafts", type=int, default=10)
    parser.add_argument("--json", type=Path, default=None, help="write each step's figures here as measured")
    parser.add_argument("--folder", type=Path, default=feeds.OUT / "index-bench")
    parser.add_argument("--resume", action="store_true",
                        help="grow the index already in --folder (same first size and drafts) to the larger sizes")
    parser.add_argument("--query", action="store_true",
                        help="only time the drafts of the last run against the index already in --folder")
    args = parser.parse_args(argv)
    if not feeds.corpora.ANT_FILE.is_file():
        print(f"skipped: {feeds.corpora.ANT_FILE} is absent (../shared beside the checkout)")
        return 0
    from checker.embed import load_embedder
    from checker.index import add, build
    from checker.match.scorer import load_scorer

    embedder, scorer = load_embedder(), load_scorer()
    embedder.encode(["تسخين"])
    if args.query:
        articles = json.loads((args.folder / "index.json").read_text(encoding="utf-8"))["articles"]
        drafts = sorted((feeds.OUT / "index-drafts").glob("*.md"))
        print(f"index of {articles} articles: {_said(query(args.folder, drafts, embedder, scorer))}")
        return 0
    feeds.OUT.mkdir(parents=True, exist_ok=True)
    sizes = sorted(args.sizes)
    feed = feeds.write_ant(sizes[-1] + args.drafts, month="2018")
    # one article a line, split at "\n" only: str.splitlines also splits at U+2028 and other separators that
    # an article's text may hold inside its JSON string
    lines = [line for line in feed.read_text(encoding="utf-8").split("\n") if line]
    if len(lines) < sizes[-1] + args.drafts:
        print(f"only {len(lines)} ANT articles of 2018 outside reserved and test events: the last size is "
              f"{len(lines) - args.drafts}, every one of them")
        sizes = [s for s in sizes if s + args.drafts < len(lines)] + [len(lines) - args.drafts]
    # drafts: spread over the smallest index's days, so each size holds their stories
    step = max(1, sizes[0] // args.drafts)
    held = set(range(step // 2, step // 2 + step * args.drafts, step))
    drafts_folder = feeds.OUT / "index-drafts"
    shutil.rmtree(drafts_folder, ignore_errors=True)
    drafts_folder.mkdir()
    for n in sorted(held):
        record = json.loads(lines[n])
        front = "---\n" + "".join(f"{key}: {json.dumps(record[key], ensure_ascii=False)}\n"
                                  for key in ("source", "published", "title", "lang")) + "---\n"
        (drafts_folder / f"draft-{n:05d}.md").write_text(front + record["text"] + "\n", encoding="utf-8")
    drafts = sorted(drafts_folder.glob("*.md"))
    kept = [line for n, line in enumerate(lines) if n not in held]
    folder = args.folder
    rows, built_s, done_lines = [], 0.0, 0
    if args.resume and (folder / "index.json").is_file():
        rows = json.loads(args.json.read_text(encoding="utf-8")) if args.json and args.json.is_file() else []
        built_s = rows[-1]["build_s"] if rows else 0.0
        # feed lines indexed so far: a line may hold more than one article (an item appended after "read also")
        done_lines = rows[-1]["lines"] if rows and "lines" in rows[-1] else \
            json.loads((folder / "index.json").read_text(encoding="utf-8"))["articles"]
        print(f"resuming the index of {done_lines} feed lines in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    for size in [size for size in sizes if size > done_lines]:
        chunk = feeds.OUT / f"index-chunk-{size}.jsonl"
        chunk.write_text("".join(line + "\n" for line in kept[done_lines:size]), encoding="utf-8")
        began = time.perf_counter()
        stamp = {"t": began}

        def progress(message: str) -> None:
            now = time.perf_counter()
            print(f"  {message} ({now - stamp['t']:.0f} s)", flush=True)
            stamp["t"] = now

        done = (add if done_lines else build)([chunk], folder, embedder, progress)
        step_s = time.perf_counter() - began
        built_s += step_s
        done_lines = size
        build_peak = _peak_mib()
        disk = sum(p.stat().st_size for p in folder.iterdir()) / 2 ** 20
        timed = query(folder, drafts, embedder, scorer)
        row = {"articles": done["articles"], "lines": size, "stories": done["stories"], "step_s": round(step_s, 1),
               "build_s": round(built_s, 1), "disk_mib": round(disk, 1), "peak_mib": round(build_peak),
               **timed}
        rows.append(row)
        print(f"index of {row['articles']} articles ({row['stories']} stories): +{step_s:.0f} s, built in "
              f"{built_s:.0f} s, {disk:.1f} MiB on disk, peak {build_peak:.0f} MiB; {_said(row)}", flush=True)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        print(f"latency growth {large['articles'] / small['articles']:.1f}x articles -> "
              f"{large['query_median_s'] / small['query_median_s']:.2f}x median latency, "
              f"{large['cpu_median_s'] / small['cpu_median_s']:.2f}x median CPU time")
    print(f"peak_rss_mib={_peak_mib():.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
