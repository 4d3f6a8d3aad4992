#!/usr/bin/env python3
"""Hostile inputs: every case checker was once taken down by, generated small, and a benchmark of each.

`write_corpus(folder)` writes every case into one folder with two good articles (the test in
tests/test_hostile.py checks that folder in one run); `python benchmarks/hostile.py` runs each case on its own next
to the two good articles in a fresh process and prints, per case, the wall time, the peak resident memory and what
checker said of it (the table in docs/hostile.md).

    python benchmarks/hostile.py [--scale 1.0] [--case NAME]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
GOOD = ("000_20b3c2a91ad547f9.txt", "001_61dee77d9e5cb597.txt")

ARTICLE = ("أعلنت الشرطة الدولية أن ضحايا من أكثر من 60 دولة تم نقلهم إلى مراكز الاحتيال، "
           "وقال المتحدث إن 116 دولة شاركت في الاجتماع.\n")


def _billion_laughs(levels: int, width: int) -> str:
    """A YAML alias bomb: each anchor a list of `width` aliases of the one before, `source` the last."""
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    lines.append(f"source: *a{levels - 1}")
    return "---\n" + "\n".join(lines) + "\n---\n" + ARTICLE


def _write(name: str, content: str | bytes) -> Callable[[Path, float], list[str]]:
    def write(folder: Path, _scale: float) -> list[str]:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return [name]
    return write


def _scaled(name: str, unit: str, count: int, prefix: str = "", suffix: str = "") -> Callable[[Path, float], list[str]]:
    def write(folder: Path, scale: float) -> list[str]:
        (folder / name).write_text(prefix + unit * max(1, int(count * scale)) + suffix, encoding="utf-8")
        return [name]
    return write


def _fifo(folder: Path, _scale: float) -> list[str]:
    os.mkfifo(folder / "pipe.txt")
    return ["pipe.txt"]


def _dev_zero(folder: Path, _scale: float) -> list[str]:
    (folder / "zero.txt").symlink_to("/dev/zero")
    return ["zero.txt"]


def _link_loop(folder: Path, _scale: float) -> list[str]:
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    return ["loop-a.txt", "loop-b.txt"]


def _locked_folder(folder: Path, _scale: float) -> list[str]:
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)  # unreadable, except to root
    return ["locked"]


def _bad_name(folder: Path, _scale: float) -> list[str]:
    name = os.fsdecode(b"bad-\xff\xfe-name.txt")
    (folder / name).write_text(ARTICLE, encoding="utf-8")
    return [name]


def _escape_name(folder: Path, _scale: float) -> list[str]:
    name = "\x1b]0;owned\x07\x1b[2Jname.txt"
    (folder / name).write_text(ARTICLE, encoding="utf-8")
    return [name]


def _damaged(folder: Path, _scale: float) -> list[str]:
    data = (ARTICLE * 20).encode("utf-8")
    for at in range(100, 800, 100):  # seven single bytes that are no UTF-8
        data = data[:at] + b"\xff" + data[at:]
    (folder / "damaged.txt").write_bytes(data)
    return ["damaged.txt"]


def _jsonl(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _good_line(day: int) -> str:
    return json.dumps({"text": ARTICLE, "source": "Wire", "published": f"2025-07-{day:02d}"}, ensure_ascii=False)


# name: (writer, what the case is). The writer returns the names it created in the folder.
CASES: dict[str, tuple[Callable[[Path, float], list[str]], str]] = {
    "front-matter-huge-int": (_write("huge-int.md", f"---\npublished: {'1' * 5000}\n---\n{ARTICLE}"),
                              "front matter `published:` of 5,000 digits"),
    "jsonl-huge-int": (_write("huge-int.jsonl", _jsonl([_good_line(1), '{"text": "' + ARTICLE.strip()
                                                         + '", "published": ' + "1" * 5000 + "}"])),
                       "a .jsonl line whose `published` is a number of 5,000 digits"),
    "yaml-deep": (_write("deep.md", "---\nsource: " + "[" * 20000 + "]" * 20000 + "\n---\n" + ARTICLE),
                  "front matter nested 20,000 deep"),
    "yaml-deep-small": (_write("deep-small.md", "---\nsource: " + "[" * 50 + "]" * 50 + "\n---\n" + ARTICLE),
                        "front matter nested 50 deep (under the size limit)"),
    "json-deep": (_write("deep.jsonl", _jsonl([_good_line(2), '{"text": "x", "a": ' + "[" * 100000 + "]" * 100000
                                               + "}"])),
                  "a .jsonl line nested 100,000 deep"),
    "yaml-alias-bomb": (_write("bomb.md", _billion_laughs(9, 9)), "a 1.2 KB YAML alias bomb in `source`"),
    "yaml-alias-bomb-wide": (_write("bomb-wide.md", _billion_laughs(10, 10)), "a 1.7 KB YAML alias bomb"),
    "yaml-mapping-source": (_write("mapping-source.md", "---\nsource: {a: 1}\n---\n" + ARTICLE),
                            "front matter `source` a mapping"),
    "jsonl-long-line": (lambda folder, scale: _scaled(
        "long-line.jsonl", "ا", int(10_000_000 * scale), '{"text": "', '"}\n')(folder, 1.0),
                        "a .jsonl line of 10 MB without punctuation"),
    "values-per-sentence": (_scaled("values.txt", "أكثر من 60 دولة و", 100_000),
                            "100,000 × `أكثر من 60 دولة و` in one sentence"),
    "values-17k": (_scaled("values-17k.txt", "أكثر من 60 دولة و", 1_000),
                   "17 KB sentence of values (1,000 repeats)"),
    "digit-run": (_scaled("digits.txt", "1234567890", 55_000), "550 KB of digits"),
    "punctuation-run": (_scaled("punct.txt", ".,;:!?-", 30_000), "200 KB of punctuation"),
    "mixed-digit-run": (_scaled("mixed.txt", "1٢3۴5٦7.8,9 ", 22_000), "260 KB of mixed Western, Arabic and Persian "
                                                                      "digits and separators"),
    "fifo": (_fifo, "a FIFO named pipe.txt in the folder"),
    "dev-zero": (_dev_zero, "`zero.txt` → /dev/zero"),
    "symlink-loop": (_link_loop, "two links pointing at each other"),
    "unreadable-folder": (_locked_folder, "a subfolder without read permission"),
    "bad-file-name": (_bad_name, "a file name that is not valid UTF-8"),
    "escape-file-name": (_escape_name, "a file name with OSC 0 and ESC[2J"),
    "escape-text": (_write("escapes.txt", "\x1b[2J\x1b]0;owned\x07 " + ARTICLE.strip()
                           + " \x1b]8;;http://evil.example\x1b\\اضغط هنا\x1b]8;;\x1b\\ <http://evil.example> "
                             "www.evil.example\n"),
                    "article text with ESC[2J, OSC 0, an OSC 8 hyperlink and autolinks"),
    "invalid-bytes": (_damaged, "seven invalid bytes in a UTF-8 article"),
    "jsonl-nul": (_write("nul.jsonl", _jsonl([_good_line(3), '{"text": "bad\x00line"}', _good_line(4)])),
                  "one NUL byte in one .jsonl line"),
}


def write_corpus(folder: Path, scale: float = 1.0, cases: list[str] | None = None,
                 good: bool = True) -> dict[str, list[str]]:
    """Write the cases (all by default) and the two good seed articles into `folder`; names created per case."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    if good:
        for name in GOOD:
            (folder / name).write_bytes((ROOT / "seeds" / name).read_bytes())
        written["good"] = list(GOOD)
    for name in cases or CASES:
        written[name] = CASES[name][0](folder, scale)
    return written


# Run in a fresh interpreter: the report's inputs, wall time and peak memory of one check of FOLDER.
_PROBE = """
import json, resource, sys, time
from checker.pipeline import check

def peak_mib():
    # VmHWM is this process's own peak; ru_maxrss also counts the parent's memory at fork, before exec
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
try:
    report = check([sys.argv[1]], model=None if sys.argv[2] == "default" else sys.argv[2])
    result = {"inputs": [i.model_dump() for i in report.inputs], "findings": len(report.findings)}
except BaseException as exc:  # the benchmark reports what would have been a traceback
    result = {"error": f"{type(exc).__name__}: {exc}"[:300]}
result["seconds"] = time.perf_counter() - start
result["peak_mib"] = peak_mib()
print(json.dumps(result))
"""


def run_case(name: str, scale: float, model: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        created = write_corpus(folder, scale, [name])[name]
        try:
            done = subprocess.run([sys.executable, "-c", _PROBE, str(folder), model], capture_output=True,
                                  text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
            result = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else \
                {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
        finally:
            locked = folder / "locked"
            if locked.exists():
                locked.chmod(0o755)
    result["case"] = name
    result["created"] = created
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="size factor of the generated cases")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only these (repeatable)")
    parser.add_argument("--model", default="default", help="embedding model (default: checker's default)")
    args = parser.parse_args()
    print("| case | input | seconds | peak MiB | what checker did |")
    print("|---|---|---|---|---|")
    for name in args.case or CASES:
        result = run_case(name, args.scale, args.model)
        if "error" in result:
            outcome = f"ERROR {result['error']}"
        else:
            ours = [i for i in result["inputs"] if any(c in i["source"] for c in result["created"])
                    or not any(g in i["source"] for g in GOOD)]
            outcome = "; ".join(f"{i['status']}{': ' + i['reason'] if i['reason'] else ''}" for i in ours)
        print(f"| {name} | {CASES[name][1]} | {result['seconds']:.1f} | {result['peak_mib']:.0f} | "
              f"{outcome.replace('|', '/')} |", flush=True)


if __name__ == "__main__":
    main()
