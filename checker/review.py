"""Review memory: a reviewer's verdict on a finding, kept in SQLite and shown again on later runs.

A finding is keyed by its fingerprint, made from what a reviewer judged: the kind, the type, and for each side the
outlet, the quoted text and the value as read. It leaves out file names and folders, offsets, mention ids and run
order, so a verdict survives renaming every file, re-running on new copies of the same articles, giving the files
in another order, and an edit elsewhere in an article that shifts every offset.

The store is one SQLite file with one transaction per verdict and an append-only table (the latest verdict wins):
a process killed mid-write leaves the earlier verdicts intact, and SQLite's journal rolls back the partial one.
Reading (`checker check`, `review --list`) opens it read-only and never creates it; a file that is not a checker
store, or a corrupt one, is a one-line error naming it. Every verdict keeps a summary of the finding it was given
on (kind, both quotes and outlets), so a list or an export of verdicts says what each was about.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import getpass
import hashlib
import io
import json
import os
import sqlite3
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Literal

from pydantic import ValidationError

from checker.errors import CheckerError
from checker.model import Finding, Report, Side

Verdict = Literal["confirmed", "dismissed", "unsure"]
VERDICTS: tuple[Verdict, ...] = ("confirmed", "dismissed", "unsure")

# The name matches the `*.checker-review.sqlite` pattern in .gitignore; the environment variable lets a newsroom
# point every command at one shared store without repeating --store.
DEFAULT_STORE = "review.checker-review.sqlite"
STORE_ENV = "CHECKER_REVIEW_STORE"
REVIEWER_ENV = "CHECKER_REVIEWER"
FINGERPRINT_LENGTH = 12
# SQLite's application_id marks the file as checker's, so a store option pointed at another program's database
# is refused before anything is read from or written to it ("CHKR").
_APPLICATION_ID = 0x43484B52
_SCHEMA_VERSION = 2
_COLUMNS = "fingerprint, verdict, note, reviewer, reviewed_at, finding"
EXPORT_FIELDS = ("fingerprint", "verdict", "reviewer", "reviewed_at", "note", "kind", "type",
                 "a_outlet", "a_quote", "a_value", "b_outlet", "b_quote", "b_value")
# How many known fingerprints an unknown one is compared with in its error message.
SUGGESTIONS = 3


class ReviewError(CheckerError):
    """The review store cannot be read or written, or a fingerprint or verdict is malformed or unknown."""


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _side_key(side: Side) -> str:
    # The outlet, not the file: a renamed file, or a new copy of the article, is the same statement to a reviewer.
    return "\x1f".join((_folded(side.outlet or ""), _folded(side.text), _folded(side.normalized)))


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


def nearest(value: str, known: Iterable[str], n: int = SUGGESTIONS) -> list[str]:
    """The known fingerprints closest to a mistyped one: those it is a prefix of first, then by likeness."""
    known = sorted(set(known))
    prefixed = [fp for fp in known if fp.startswith(value[:4])] if len(value) >= 4 else []
    alike = difflib.get_close_matches(value, known, n=n, cutoff=0)
    return list(dict.fromkeys([*prefixed, *alike]))[:n]


def unknown_fingerprint(value: str, known: Iterable[str], where: str) -> ReviewError:
    suggestions = nearest(value, known)
    hint = f"; nearest: {', '.join(suggestions)}" if suggestions else ""
    return ReviewError(f"unknown fingerprint {value}: no finding in {where} has it{hint}")


def default_store(env: dict[str, str] | None = None) -> Path:
    """$CHECKER_REVIEW_STORE, else review.checker-review.sqlite in the current directory."""
    env = os.environ if env is None else env
    return Path(env.get(STORE_ENV) or DEFAULT_STORE)


def default_reviewer(env: dict[str, str] | None = None) -> str | None:
    """$CHECKER_REVIEWER, else the login name: a verdict says who gave it."""
    env = os.environ if env is None else env
    if env.get(REVIEWER_ENV):
        return env[REVIEWER_ENV]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def finding_summary(finding: Finding) -> dict:
    """What a verdict was given on, kept beside it: kind, type, and each side's outlet, file, quote and value."""
    return {"kind": finding.kind, "type": finding.type,
            "sides": [{"outlet": s.outlet, "file": Path(s.source).name, "quote": s.text, "value": s.normalized}
                      for s in finding.sides]}


class ReviewStore:
    """Verdicts by fingerprint in one SQLite file. Use as a context manager, or call close().

    `readonly=True` opens an existing store without ever writing to it (the file must exist); otherwise the file
    is created when absent and an older checker store is upgraded in place.
    """

    def __init__(self, path: str | Path, create: bool = True, readonly: bool = False) -> None:
        self.path = Path(path)
        if (readonly or not create) and not self.path.is_file():
            raise ReviewError(f"no review store at {self.path}: record a verdict with `checker review` first")
        try:
            if readonly:
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
            else:
                # isolation_level=None: transactions are explicit below, one per verdict.
                self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            self.version = self._identify()
            if not readonly:
                self._db.execute("PRAGMA synchronous = FULL")
                self._migrate()
        except sqlite3.DatabaseError as err:
            raise ReviewError(f"{self.path} is not a usable review store: {err} "
                              f"(a corrupt file, or not an SQLite database)") from err

    def _identify(self) -> int:
        """The store's schema version (0: an empty file); raises when the file is someone else's database."""
        app = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = {name for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app == _APPLICATION_ID:
            if version > _SCHEMA_VERSION:
                raise ReviewError(f"{self.path} was written by a newer checker (store version {version})")
            return version
        if app == 0 and version == 1 and "verdicts" in tables:
            return 1  # written by the first checker, before stores were marked
        if app == 0 and version == 0 and not tables:
            return 0
        raise ReviewError(f"{self.path} is not a checker review store (another program's SQLite database); "
                          f"give --store a new file or an existing *.checker-review.sqlite")

    def _migrate(self) -> None:
        if self.version == _SCHEMA_VERSION:
            return
        with self._transaction():
            if self.version == 1:
                self._db.execute("ALTER TABLE verdicts RENAME TO verdicts_v1")
            self._db.execute(
                "CREATE TABLE verdicts ("
                " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                " fingerprint TEXT NOT NULL,"
                " verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed', 'unsure')),"
                " note TEXT,"
                " reviewer TEXT,"
                " reviewed_at TEXT NOT NULL,"
                " finding TEXT)")
            if self.version == 1:
                self._db.execute("INSERT INTO verdicts (seq, fingerprint, verdict, note, reviewed_at)"
                                 " SELECT seq, fingerprint, verdict, note, reviewed_at FROM verdicts_v1")
                self._db.execute("DROP TABLE verdicts_v1")
            self._db.execute("CREATE INDEX IF NOT EXISTS verdicts_by_fingerprint ON verdicts (fingerprint, seq)")
            self._db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
            self._db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        self.version = _SCHEMA_VERSION

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def record(self, fp: str, verdict: Verdict, note: str | None = None, reviewer: str | None = None,
               finding: Finding | None = None, when: dt.datetime | None = None) -> dict:
        """Append a verdict (committed before returning) and return it as shown in reports."""
        fp = check_fingerprint(fp)
        if verdict not in VERDICTS:
            raise ReviewError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
        stamp = (when or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        summary = json.dumps(finding_summary(finding), ensure_ascii=False, sort_keys=True) if finding else None
        try:
            with self._transaction():
                self._db.execute("INSERT INTO verdicts (fingerprint, verdict, note, reviewer, reviewed_at, finding)"
                                 " VALUES (?, ?, ?, ?, ?, ?)", (fp, verdict, note, reviewer, stamp, summary))
        except sqlite3.DatabaseError as err:
            raise ReviewError(f"cannot write to review store {self.path}: {err}") from err
        return {"verdict": verdict, "note": note, "reviewer": reviewer, "reviewed_at": stamp}

    def _rows(self, latest_only: bool) -> list[dict]:
        columns = _COLUMNS if self.version >= 2 else "fingerprint, verdict, note, NULL, reviewed_at, NULL"
        where = " WHERE seq IN (SELECT MAX(seq) FROM verdicts GROUP BY fingerprint)" if latest_only else ""
        if self.version == 0:
            return []
        try:
            rows = self._db.execute(f"SELECT {columns} FROM verdicts{where} ORDER BY seq").fetchall()
        except sqlite3.DatabaseError as err:
            raise ReviewError(f"cannot read review store {self.path}: {err}") from err
        return [{"fingerprint": fp, "verdict": verdict, "note": note, "reviewer": reviewer, "reviewed_at": at,
                 "finding": json.loads(summary) if summary else None}
                for fp, verdict, note, reviewer, at, summary in rows]

    def latest(self) -> dict[str, dict]:
        """The latest verdict of every reviewed fingerprint."""
        return {row["fingerprint"]: {key: row[key] for key in ("verdict", "note", "reviewer", "reviewed_at")}
                for row in self._rows(latest_only=True)}

    def verdicts(self, history: bool = False) -> list[dict]:
        """Verdicts in the order given, each with the summary of its finding: the latest per fingerprint, or all."""
        return self._rows(latest_only=not history)

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


def read_verdicts(store: str | Path | None) -> dict[str, dict]:
    """The latest verdicts in `store`, opened read-only; {} when there is no such file."""
    if store is None or not Path(store).is_file():
        return {}
    with ReviewStore(store, readonly=True) as opened:
        return opened.latest()


def reviewed(report: Report, store: str | Path | None = None, show_dismissed: bool = False,
             verdicts: dict[str, dict] | None = None) -> tuple[Report, int]:
    """The report as a reviewer should see it: fingerprints, verdicts from `store` (when it exists; or `verdicts`
    read from it already), dismissed findings hidden unless `show_dismissed`. Returns the report and the number of
    findings hidden."""
    annotated = apply_reviews(report, read_verdicts(store) if verdicts is None else verdicts)
    return (annotated, 0) if show_dismissed else hide_dismissed(annotated)


def record_verdict(store: str | Path, fp: str, verdict: Verdict, note: str | None = None,
                   reviewer: str | None = None, finding: Finding | None = None) -> dict:
    """Record one verdict in `store` (created if absent)."""
    with ReviewStore(store) as opened:
        return opened.record(fp, verdict, note, reviewer, finding)


def resolve_fingerprint(value: str, store: str | Path, report: Report | None = None) -> tuple[str, Finding | None]:
    """The fingerprint `value` names and its finding, refusing one that no known finding has.

    Known: the findings of `report` (a JSON report read back), else the fingerprints already in `store`. A
    finding's `id` is refused with its fingerprint named (ids change with file names; fingerprints do not).
    """
    fp = check_fingerprint(value)
    if report is not None:
        annotated = apply_reviews(report)
        by_fp = {f.fingerprint: f for f in annotated.findings}
        if fp in by_fp:
            return fp, by_fp[fp]
        for f in annotated.findings:
            if f.id == fp:
                raise ReviewError(f"{fp} is the id of a finding, not its fingerprint: use {f.fingerprint}")
        raise unknown_fingerprint(fp, by_fp, "the report")
    known = read_verdicts(store)
    if fp in known:
        return fp, None
    raise unknown_fingerprint(fp, known, f"review store {store} (give --report REPORT.json to review a new one)")


def load_report(path: str | Path) -> Report:
    """A JSON report written by `checker check --format json`, read back (its `review` block is left out)."""
    path = Path(path)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ReviewError(f"cannot read report {path}: {err.strerror}") from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ReviewError(f"{path} is not a JSON report of checker: {err}") from err
    if not isinstance(payload, dict):
        raise ReviewError(f"{path} is not a JSON report of checker: expected an object")
    payload.pop("review", None)
    for article in payload.get("articles") or ():
        if isinstance(article, dict):
            article.setdefault("text", "")  # a report leaves the files' text out; quotes come from the sentences
    try:
        return Report.model_validate(payload)
    except ValidationError as err:
        problem = err.errors()[0]
        where = ".".join(map(str, problem["loc"]))
        raise ReviewError(f"{path} is not a JSON report of checker: {where}: {problem['msg']}") from None


def _flat(row: dict) -> dict:
    summary = row.get("finding") or {}
    sides = summary.get("sides") or [{}, {}]
    flat = {key: row.get(key) for key in ("fingerprint", "verdict", "reviewer", "reviewed_at", "note")}
    flat.update(kind=summary.get("kind"), type=summary.get("type"))
    for letter, side in zip("ab", sides):
        flat.update({f"{letter}_outlet": side.get("outlet") or side.get("file"), f"{letter}_quote": side.get("quote"),
                     f"{letter}_value": side.get("value")})
    return flat


# A cell opening with one of these is a formula to a spreadsheet; quoted text from an article must stay text
# (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def export_verdicts(rows: list[dict], fmt: Literal["csv", "json"]) -> str:
    """Verdicts as CSV (one row each, EXPORT_FIELDS) or JSON (a list of the same objects)."""
    flat = [_flat(row) for row in rows]
    if fmt == "json":
        return json.dumps(flat, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in flat)
    return buffer.getvalue()
