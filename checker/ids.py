"""Ids of findings and facts that name what they are about, not how the run was invoked.

The comparer numbers things by mention ids, which hold each source path as it was given (`seeds/a.txt`,
`/abs/seeds/a.txt`). Here every finding and fact gets an id built from the file names relative to the inputs
given, the outlets and the quoted values with their offsets: the same files give the same ids in any argument
order and from any folder. (The review fingerprint goes further and leaves file names out: see checker.review.)

What outlives one run, an index of the wire, names an article by where its file is (`located`), not by how its
path was typed: `wire/a.txt`, `/abs/wire/a.txt` and a symlink to it are one article there.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import PurePosixPath
from typing import Sequence

from checker.ingest import STDIN_SOURCE
from checker.model import Article, Fact, Finding, Mention

ID_LENGTH = 12


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:ID_LENGTH]


def relative_source(source: str, given: Sequence[str]) -> str:
    """`source` relative to the input it was found under: `seeds/a.txt` under `seeds/` is `a.txt`; a file given
    directly is its name; a line of a .jsonl keeps its `:LINE`."""
    for root in sorted(given, key=len, reverse=True):
        root = root.rstrip("/")
        if root and source.startswith(root + "/"):
            return source[len(root) + 1:]
    return PurePosixPath(source).name or source


def located_source(source: str, text: str = "") -> str:
    """Where `source` is, whatever way it was typed: the file's absolute path with every symlink resolved (a
    line of a .jsonl keeps its `:LINE`). Standard input has no place: it is named by a digest of its `text`, so
    the same text given twice is one article and two different ones are two."""
    if source == STDIN_SOURCE:
        return f"{STDIN_SOURCE}@{_digest(text)}"
    head, colon, line = source.rpartition(":")
    if colon and line.isdigit() and head.lower().endswith(".jsonl"):
        return f"{os.path.realpath(head)}:{line}"
    return os.path.realpath(source)


def located_article(article: Article) -> Article:
    """`article` with its source, and the id built on it, made `located_source`'s: what an index stores, so that
    adding the same file by another path finds it already there (ids stay "<source>#<n>", as ingest makes them)."""
    where = located_source(article.source, article.text)
    if where == article.source:
        return article
    suffix = article.id[len(article.source):] if article.id.startswith(article.source) else f"#{article.id}"
    return article.model_copy(update={"source": where, "id": where + suffix})


def _unique(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for value in ids:
        seen[value] = seen.get(value, 0) + 1
        unique.append(value if seen[value] == 1 else f"{value}-{seen[value]}")
    return unique


def stable_ids(findings: Sequence[Finding], facts: Sequence[Fact], mentions: Sequence[Mention],
               given: Sequence[str]) -> tuple[list[Finding], list[Fact]]:
    """Findings and facts with ids independent of argument order and folder; fact references follow."""
    given = [str(path).replace("\\", "/") for path in given]
    by_id = {mention.id: mention for mention in mentions}

    def where(mention_id: str) -> tuple[str, int, int]:
        mention = by_id[mention_id]
        return relative_source(mention.source, given), mention.value.start, mention.value.end

    fact_ids = {fact.id: "fact-" + _digest(*sorted(where(m) for m in fact.mentions)) for fact in facts}
    facts = [fact.model_copy(update={"id": fact_ids[fact.id]}) for fact in facts]
    keys = []
    for finding in findings:
        sides = sorted((relative_source(s.source, given), s.outlet or "", s.start, s.end, s.text)
                       for s in finding.sides)
        keys.append(_digest(finding.kind, finding.type, *sides))
    findings = [finding.model_copy(update={"id": new, "fact_id": fact_ids.get(finding.fact_id, finding.fact_id)})
                for finding, new in zip(findings, _unique(keys))]
    return findings, facts
