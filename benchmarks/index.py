#!/usr/bin/env python3
"""Index of the wire: build time, size on disk and a draft's query latency at two index sizes, on real ANT news.

Builds an index of the first N ANT articles of 2018 (by day, every outlet; reserved and test-split events left
out, as benchmarks/stories.py writes them), then checks drafts against it: a draft is an article of the same days
kept out of the index. Latency is warm (model loaded, as in a long-running service): open the index, find the
draft's stories, load their articles' claims and values, check. Growth is compared between the two sizes.

    python benchmarks/index.py --sizes 300 1500 --drafts 5
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1500])
    parser.add_argument("--drafts", type=int, default=5)
    args = parser.parse_args(argv)
    if not feeds.corpora.ANT_FILE.is_file():
        print(f"skipped: {feeds.corpora.ANT_FILE} is absent (../shared beside the checkout)")
        return 0
    from checker.embed import load_embedder
    from checker.index import build, check_against_index
    from checker.match.scorer import load_scorer

    embedder, scorer = load_embedder(), load_scorer()
    feeds.OUT.mkdir(parents=True, exist_ok=True)
    biggest = max(args.sizes)
    feed = feeds.write_ant(biggest + 50 * args.drafts, month="2018")
    lines = feed.read_text(encoding="utf-8").splitlines()
    # drafts: every 50th of the last lines, so they fall on the index's last days, among its stories
    drafts_folder = feeds.OUT / "index-drafts"
    shutil.rmtree(drafts_folder, ignore_errors=True)
    drafts_folder.mkdir()
    held = set(range(biggest - 50 * args.drafts, biggest, 50))
    for n in sorted(held):
        record = json.loads(lines[n])
        front = "---\n" + "".join(f"{key}: {json.dumps(record[key], ensure_ascii=False)}\n"
                                  for key in ("source", "published", "title", "lang")) + "---\n"
        (drafts_folder / f"draft-{n}.md").write_text(front + record["text"] + "\n", encoding="utf-8")
    rows = []
    for size in sorted(args.sizes):
        part = feeds.OUT / f"index-feed-{size}.jsonl"
        part.write_text("".join(line + "\n" for n, line in enumerate(lines[:size]) if n not in held),
                        encoding="utf-8")
        folder = feeds.OUT / f"index-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        began = time.perf_counter()
        done = build([part], folder, embedder)
        build_s = time.perf_counter() - began
        disk = sum(p.stat().st_size for p in folder.iterdir()) / 2 ** 20
        latencies, checked, found = [], [], 0
        check_against_index([sorted(drafts_folder.glob("*.md"))[0]], folder, embedder=embedder, scorer=scorer)
        for draft in sorted(drafts_folder.glob("*.md")):
            began = time.perf_counter()
            report = check_against_index([draft], folder, embedder=embedder, scorer=scorer)
            latencies.append(time.perf_counter() - began)
            checked.append(report.inputs[-1].articles)
            found += len(report.findings)
        rows.append((size, done["articles"], done["stories"], build_s, disk, latencies, checked, found))
        print(f"index of {done['articles']} articles ({done['stories']} stories): built in {build_s:.0f} s, "
              f"{disk:.1f} MiB on disk; {len(latencies)} drafts: median {statistics.median(latencies):.2f} s, "
              f"max {max(latencies):.2f} s warm, against {statistics.median(checked):.0f} indexed articles "
              f"(median), {found} findings", flush=True)
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        print(f"latency growth {large[1] / small[1]:.1f}x articles -> "
              f"{statistics.median(large[5]) / statistics.median(small[5]):.2f}x median latency")
    print(f"peak_rss_mib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
