"""Review memory: a reviewer's verdict on a finding, kept in SQLite and shown again on later runs.

A finding is keyed by its fingerprint, made from what a reviewer judged: the kind, the type, and for each side the
file name, the quoted text and the value as read. It leaves out offsets, mention ids and run order, so the same
disagreement keeps its fingerprint when files are given in another order, from another folder, or when an edit
elsewhere in an article shifts every offset.

The store is one SQLite file with one transaction per verdict and an append-only table (the latest verdict wins):
a process killed mid-write leaves the earlier verdicts intact, and SQLite's journal rolls back the partial one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import unicodedata
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import Iterator, Literal

from checker.errors import CheckerError
from checker.model import Finding, Report, Side

Verdict = Literal["confirmed", "dismissed"]
VERDICTS: tuple[Verdict, ...] = ("confirmed", "dismissed")

# The name matches the `*.checker-review.sqlite` pattern in .gitignore; the environment variable lets a newsroom
# point every command at one shared store without repeating --store.
DEFAULT_STORE = "review.checker-review.sqlite"
STORE_ENV = "CHECKER_REVIEW_STORE"
FINGERPRINT_LENGTH = 12
_SCHEMA_VERSION = 1


class ReviewError(CheckerError):
    """The review store cannot be read or written, or a fingerprint or verdict is malformed."""


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _side_key(side: Side) -> str:
    # PurePath(...).name: `seeds/a.txt` and `/abs/seeds/a.txt` are the same file to a reviewer.
    return "\x1f".join((PurePath(side.source.replace("\\", "/")).name, _folded(side.text), _folded(side.normalized)))


def fingerprint(finding: Finding) -> str:
    """12 hex digits naming what a reviewer judged; equal for both orders of the sides."""
    sides = sorted(_side_key(side) for side in finding.sides)
    digest = hashlib.sha256("\x1e".join([finding.kind, finding.type, *sides]).encode("utf-8")).hexdigest()
    return digest[:FINGERPRINT_LENGTH]


def check_fingerprint(value: str) -> str:
    value = value.strip().lower()
    if len(value) != FINGERPRINT_LENGTH or any(c not in "0123456789abcdef" for c in value):
        raise ReviewError(f"{value!r} is not a finding fingerprint: expected {FINGERPRINT_LENGTH} hex digits, "
                          f"as shown beside each finding in a report")
    return value


def default_store(env: dict[str, str] | None = None) -> Path:
    """$CHECKER_REVIEW_STORE, else review.checker-review.sqlite in the current directory."""
    env = os.environ if env is None else env
    return Path(env.get(STORE_ENV) or DEFAULT_STORE)


class ReviewStore:
    """Verdicts by fingerprint in one SQLite file. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise ReviewError(f"no review store at {self.path}: record a verdict with `checker review` first")
        try:
            # isolation_level=None: transactions are explicit below, one per verdict.
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            self._db.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise ReviewError(f"cannot use {self.path} as a review store: {err}") from err

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > _SCHEMA_VERSION:
            raise ReviewError(f"{self.path} was written by a newer checker (store version {version})")
        if version == _SCHEMA_VERSION:
            return
        with self._transaction():
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS verdicts ("
                " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                " fingerprint TEXT NOT NULL,"
                " verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),"
                " note TEXT,"
                " reviewed_at TEXT NOT NULL)")
            self._db.execute("CREATE INDEX IF NOT EXISTS verdicts_by_fingerprint ON verdicts (fingerprint, seq)")
            self._db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def record(self, fp: str, verdict: Verdict, note: str | None = None,
               when: dt.datetime | None = None) -> dict:
        """Append a verdict (committed before returning) and return it as shown in reports."""
        fp = check_fingerprint(fp)
        if verdict not in VERDICTS:
            raise ReviewError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
        stamp = (when or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        try:
            with self._transaction():
                self._db.execute("INSERT INTO verdicts (fingerprint, verdict, note, reviewed_at) VALUES (?, ?, ?, ?)",
                                 (fp, verdict, note, stamp))
        except sqlite3.DatabaseError as err:
            raise ReviewError(f"cannot write to review store {self.path}: {err}") from err
        return {"verdict": verdict, "note": note, "reviewed_at": stamp}

    def latest(self) -> dict[str, dict]:
        """The latest verdict of every reviewed fingerprint."""
        rows = self._db.execute(
            "SELECT fingerprint, verdict, note, reviewed_at FROM verdicts"
            " WHERE seq IN (SELECT MAX(seq) FROM verdicts GROUP BY fingerprint)")
        return {fp: {"verdict": verdict, "note": note, "reviewed_at": at} for fp, verdict, note, at in rows}

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def apply_reviews(report: Report, verdicts: dict[str, dict] | None = None) -> Report:
    """Attach each finding's fingerprint and, where one was recorded, its latest verdict."""
    verdicts = verdicts or {}
    findings = []
    for finding in report.findings:
        fp = fingerprint(finding)
        findings.append(finding.model_copy(update={"fingerprint": fp, "review": verdicts.get(fp)}))
    return report.model_copy(update={"findings": tuple(findings)})


def is_dismissed(finding: Finding) -> bool:
    return bool(finding.review) and finding.review.get("verdict") == "dismissed"


def hide_dismissed(report: Report) -> tuple[Report, int]:
    """The report without dismissed findings, and how many were hidden (renderers say so: nothing silently lost)."""
    kept = tuple(f for f in report.findings if not is_dismissed(f))
    return report.model_copy(update={"findings": kept}), len(report.findings) - len(kept)


def reviewed(report: Report, store: str | Path | None = None, show_dismissed: bool = False
             ) -> tuple[Report, int]:
    """The report as a reviewer should see it: fingerprints, verdicts from `store` (when it exists), dismissed
    findings hidden unless `show_dismissed`. Returns the report and the number of findings hidden."""
    verdicts = {}
    if store is not None and Path(store).is_file():
        with ReviewStore(store, create=False) as opened:
            verdicts = opened.latest()
    annotated = apply_reviews(report, verdicts)
    return (annotated, 0) if show_dismissed else hide_dismissed(annotated)


def record_verdict(store: str | Path, fp: str, verdict: Verdict, note: str | None = None) -> dict:
    """Record one verdict in `store` (created if absent)."""
    with ReviewStore(store) as opened:
        return opened.record(fp, verdict, note)
