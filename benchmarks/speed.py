#!/usr/bin/env python3
"""Speed and memory of `checker.check` on real multi-outlet Arabic news (ANT corpus, read from ../shared).

Writes N articles of the ANT corpus as a .jsonl input, runs the whole pipeline once to warm the model, then times a
second run and reports articles/s, and peak resident memory. The corpus is never copied into the project.

    python benchmarks/speed.py --articles 500
"""
from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ANT = Path(__file__).resolve().parents[2] / "shared/data/external/ant_multisource_arabic_news/ant_v2.1_multisource.jsonl.gz"


def write_sample(count: int, folder: Path) -> Path:
    """The first `count` articles of one month, several outlets, as a jsonl input."""
    out = folder / "ant-sample.jsonl"
    written = 0
    with gzip.open(ANT, "rt", encoding="utf-8") as corpus, out.open("w", encoding="utf-8") as sink:
        for line in corpus:
            record = json.loads(line)
            if not record["docno"].endswith(tuple(f"201804{d:02d}" for d in range(1, 31))):
                continue
            sink.write(json.dumps({"text": record["title"] + "\n" + record["text"], "source": record["src"],
                                   "title": record["title"], "lang": "ar"}, ensure_ascii=False) + "\n")
            written += 1
            if written == count:
                break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    if not ANT.is_file():
        print(f"skipped: {ANT} is absent (../shared beside the checkout)")
        return 0
    from checker.pipeline import check

    with tempfile.TemporaryDirectory() as tmp:
        sample = write_sample(args.articles, Path(tmp))
        began = time.perf_counter()
        check([sample])
        first = time.perf_counter() - began
        began = time.perf_counter()
        report = check([sample])
        took = time.perf_counter() - began
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles={len(report.articles)} findings={len(report.findings)} first_run_s={first:.1f} "
          f"warm_run_s={took:.1f} articles_per_s={len(report.articles) / took:.1f} peak_rss_mib={peak_mib:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
