"""How much of one input checker reads: every size limit in one place (docs/hostile.md says why each is set so).

A news article is a few kilobytes, a paragraph a few hundred characters, a sentence a few dozen words with a handful
of numbers. The limits sit one or two orders of magnitude above that, so real text never meets them, and low
enough that the work one input can cause stays bounded: per-sentence work grows with the sentence's length times
its number of values, so both are capped. A part over a limit is cut or skipped with a reason in the report's
`inputs`, never silently. Override them with `CHECKER_LIMITS="line_chars=50000,values_per_sentence=80"`.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from checker.errors import InputError

ENV = "CHECKER_LIMITS"


@dataclass(frozen=True)
class Limits:
    # A file (or a .jsonl of many articles) larger than this is skipped unread.
    file_bytes: int = 64 * 1024 * 1024
    # A line (a paragraph) longer than this is cut at this many characters; a .jsonl line longer is skipped.
    line_chars: int = 20_000
    # A sentence longer than this is cut (a run of digits or punctuation with no sentence end is one "sentence").
    sentence_chars: int = 4_000
    # Values read in one sentence beyond this many are dropped: a sentence of 40 numbers is a table, not prose.
    values_per_sentence: int = 40
    # Front matter is a flat mapping of a few known keys.
    front_matter_chars: int = 16 * 1024
    front_matter_depth: int = 3
    # A .jsonl record is one object of strings and a few scalars.
    json_depth: int = 16
    # Digits in one JSON number: a date or a count, never thousands of digits.
    number_chars: int = 40


def limits_from_env(environ: dict[str, str] | None = None) -> Limits:
    """The default limits, with any `name=value` pairs of CHECKER_LIMITS applied; a bad pair is an InputError."""
    spec = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not spec:
        return Limits()
    names = {field.name for field in dataclasses.fields(Limits)}
    changes: dict[str, int] = {}
    for pair in spec.split(","):
        name, _, value = (part.strip() for part in pair.partition("="))
        if name not in names:
            raise InputError(f"{ENV}: unknown limit {name!r}; known: {', '.join(sorted(names))}")
        if not value.isdigit() or int(value) < 1:
            raise InputError(f"{ENV}: {name}={value!r} is not a positive whole number")
        changes[name] = int(value)
    return dataclasses.replace(Limits(), **changes)
