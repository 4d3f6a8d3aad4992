"""Paths in, articles out: every file given is either read into `Article`s or listed as skipped with a reason.

An article is a span of its file's decoded text, so a report can quote the file itself (docs/ingest.md). Reading
one file never stops a run: a bad file becomes an `Input` with status "skipped" and a one-line reason.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checker.errors import InputError
from checker.lang import detect_lang
from checker.model import Article, Input, Lang

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
# `-` reads standard input, read as Markdown: front matter when it opens with '---', plain text otherwise.
STDIN = "-"
STDIN_SOURCE = "<stdin>"
_STDIN_SUFFIX = ".md"
ROLES = ("article", "draft")
LANGS: tuple[Lang, ...] = ("ar", "en", "fr")

Line = tuple[int, int]  # (start, end) of a line's text, surrounding whitespace excluded

# Harakat and tanwin: "أيضاً" and "أيضًا" place the tanwin on either side of the alif.
_MARKS = "[\u064b-\u0652]*"
# A "read also" line; what follows its colon on the same line is the appended item's headline.
_READ_ALSO = re.compile(
    r"[\s#>*_-]*"
    rf"(?:[اأإآ]{_MARKS}ق{_MARKS}ر{_MARKS}[أاء]{_MARKS}\s+[أاإ]{_MARKS}ي{_MARKS}ض{_MARKS}ا{_MARKS}"
    r"|read\s+(?:also|more)|(?:[àa]\s+)?lire\s+aussi)"
    r"[\s*_]*(?:$|[:：|–—-][\s*_]*(?P<title>.*?)[\s*_]*$)",
    re.IGNORECASE,
)
# "المصدر: هسبريس", "Source : AFP", or a bare "المصدر:" whose name is on the next line.
_SOURCE_LINE = re.compile(r"[\s*_]*(?:المصدر|source)[\s*_]*[:：][\s*_]*(?P<name>.*?)[\s*_.]*$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"[\s*_]*(?:تاريخ النشر|نشر بتاريخ|published(?: on)?|date de publication|publié le)"
    r"[\s*_]*[:：]\s*(?P<value>.+?)\s*$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# An outlet name is a few words; a longer "source:" line is a sentence about a source, not a credit line.
_MAX_OUTLET_CHARS = 80
_MAX_OUTLET_WORDS = 8
# Control characters other than whitespace are rare in text and common in binary formats (C1 ones in decoded text
# mean bytes decoded with the wrong codec).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01


class _Unreadable(InputError):
    """Why a file (or a .jsonl line) cannot be read; caught per file, so it never stops a run."""


@dataclass(frozen=True)
class _Meta:
    """What front matter, a JSON record or an HTML page says about its article."""

    outlet: str | None = None
    published: dt.date | None = None
    lang: Lang | None = None
    title: str | None = None
    url: str | None = None


def read_inputs(paths: Sequence[str | Path], role: str = "article") -> tuple[list[Article], list[Input]]:
    """Articles read from files and folders (recursively, in name order), and what became of every path.

    `role` is "article" or "draft"; an item appended after a "read also" line gets the role "appended". The path
    `-` reads standard input (once). Raises InputError only when no path is given or `role` is unknown: a bad file
    is an `Input` skipped with a reason.
    """
    if not paths:
        raise InputError("no input given: pass at least one file or folder of articles")
    if role not in ROLES:
        raise InputError(f"role {role!r} is not one of {', '.join(ROLES)}")
    articles: list[Article] = []
    inputs: list[Input] = []
    seen: dict[Path, str] = {}
    for given in paths:
        if not str(given).strip():
            # Path("") would silently read the working folder.
            inputs.append(_skipped(str(given), "empty path"))
            continue
        if str(given) == STDIN:
            if STDIN_SOURCE in seen.values():
                inputs.append(_skipped(STDIN_SOURCE, "already read: standard input can be read once"))
                continue
            seen[Path(STDIN)] = STDIN_SOURCE
            read, statuses = _read_stdin(role)
            articles.extend(read)
            inputs.extend(statuses)
            continue
        for source, path in _expand(Path(given)):
            if isinstance(path, Input):
                inputs.append(path)
                continue
            key = path.resolve()
            if key in seen:
                inputs.append(_skipped(source, f"already read as {seen[key]}"))
                continue
            seen[key] = source
            read, statuses = _read_file(source, path, role)
            articles.extend(read)
            inputs.extend(statuses)
    if role != "article":
        inputs = [status.model_copy(update={"role": role}) for status in inputs]
    return articles, inputs


# --- paths -----------------------------------------------------------------------------------------------------


def _skipped(source: str, reason: str) -> Input:
    return Input(source=source, status="skipped", reason=reason)


def _expand(path: Path) -> Iterator[tuple[str, Path | Input]]:
    """(source, file) for every file under `path`, or (source, skipped Input) for what cannot be walked."""
    source = path.as_posix()
    if path.is_symlink() and not path.exists():
        yield source, _skipped(source, f"dangling symlink: its target {os.readlink(path)} does not exist")
    elif not path.exists():
        yield source, _skipped(source, "no such file or folder")
    elif path.is_dir():
        found = False
        for found, entry in enumerate(_walk(path), start=1):
            yield entry
        if not found:
            yield source, _skipped(source, "empty folder: no files in it")
    else:
        yield source, path


def _walk(folder: Path) -> Iterator[tuple[str, Path | Input]]:
    """Files under `folder` in name order; hidden entries and symlinked folders are listed, not entered."""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        source = entry.as_posix()
        if entry.name.startswith("."):
            yield source, _skipped(source, "hidden file or folder")
        elif entry.is_symlink() and entry.is_dir():
            # Following folder links could walk in circles or far outside the folder given.
            yield source, _skipped(source, "symlinked folder: not followed")
        elif entry.is_dir():
            yield from _walk(entry)
        else:
            yield from _expand(entry)


# --- files -----------------------------------------------------------------------------------------------------


def _read_stdin(role: str) -> tuple[list[Article], list[Input]]:
    try:
        data = sys.stdin.buffer.read()
    except (OSError, AttributeError, ValueError) as exc:
        return [], [_skipped(STDIN_SOURCE, f"cannot read standard input: {exc}")]
    return _read_data(STDIN_SOURCE, lambda: data, _STDIN_SUFFIX, role)


def _read_file(source: str, path: Path, role: str) -> tuple[list[Article], list[Input]]:
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        return [], [_skipped(source, f"not an article format: {suffix or 'no extension'}")]
    return _read_data(source, path.read_bytes, suffix, role)


def _read_data(source: str, data, suffix: str, role: str) -> tuple[list[Article], list[Input]]:
    """The articles in the bytes `data()` returns, read as a file with `suffix`; never raises for bad content."""
    try:
        text = _decode(data())
        if suffix == ".jsonl":
            return _read_jsonl(source, text, role)
        articles = _read_document(source, text, suffix, role)
    except _Unreadable as exc:
        return [], [_skipped(source, str(exc))]
    except OSError as exc:
        return [], [_skipped(source, f"cannot read: {exc.strerror or exc}")]
    return articles, [Input(source=source, status="checked", articles=len(articles))]


def _read_document(source: str, text: str, suffix: str, role: str) -> list[Article]:
    """The articles of one .txt, .md or .html file."""
    if suffix in (".html", ".htm"):
        text, meta = _extract_html(text)
        start = 0
    elif suffix in (".md", ".markdown"):
        meta, start = _front_matter(text)
    else:
        meta, start = _Meta(), 0
    articles = _articles(source, text, start, meta, role)
    if not articles:
        raise _Unreadable("empty file: no text after the front matter" if start else "empty file")
    return articles


def _decode(data: bytes) -> str:
    """The file's text: UTF-8 (BOM or not), UTF-16/32 with a BOM, else what charset-normalizer recognises."""
    if not data.strip():
        raise _Unreadable("empty file" if not data else "empty file: whitespace only")
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _checked_text(_decode_as(data, codec))
    if b"\x00" in data or _control_share(data.decode("ascii", errors="ignore")) > _MAX_CONTROL_SHARE:
        raise _Unreadable("not text: binary content")
    try:
        return _checked_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _Unreadable("undecodable bytes: not UTF-8, and no other encoding fits")
    return _checked_text(str(best))


def _decode_as(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _Unreadable(f"undecodable bytes: {codec.upper()} byte order mark, but {exc.reason} at byte "
                          f"{exc.start}") from None


def _control_share(text: str) -> float:
    """Share of control characters that no text format uses; on raw bytes, pass their ASCII part."""
    return len(_CONTROLS.findall(text)) / max(len(text), 1)


def _checked_text(text: str) -> str:
    if not text.strip():
        raise _Unreadable("empty file: whitespace only")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise _Unreadable("not text: binary content")
    return text


# --- metadata --------------------------------------------------------------------------------------------------


def _front_matter(text: str) -> tuple[_Meta, int]:
    """The front matter's metadata and the offset where the body starts (0 when there is none)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return _Meta(), 0
    offset = len(lines[0])
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            block = text[len(lines[0]):offset]
            return _meta_from(_load_yaml(block), "broken front matter"), offset + len(line)
        offset += len(line)
    raise _Unreadable("broken front matter: no closing '---' line")


def _load_yaml(block: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # The block starts on the file's second line; YAML counts lines from 0.
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _Unreadable(f"broken front matter: invalid YAML{where}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _Unreadable(f"broken front matter: expected 'key: value' lines, got a {type(data).__name__}")
    return data


def _meta_from(record: dict[str, Any], where: str) -> _Meta:
    """Validated metadata from front matter or a JSON record; `where` opens the reason of a bad value."""
    lang = record.get("lang")
    if lang is not None and str(lang).lower() not in LANGS:
        raise _Unreadable(f"{where}: lang {lang!r} is not one of {', '.join(LANGS)}")
    return _Meta(
        outlet=_string(record.get("source")),
        published=_iso_date(record.get("published"), where),
        lang=str(lang).lower() if lang is not None else None,  # type: ignore[arg-type]
        title=_string(record.get("title")),
        url=_string(record.get("url")),
    )


def _string(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _iso_date(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        # YAML reads an unquoted ISO date as a date, and a timestamp as a datetime (a date subclass).
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise _Unreadable(f"{where}: published {value!r} is not an ISO date (YYYY-MM-DD)") from None


def published_line(line: str) -> str | None:
    """The date written on a "تاريخ النشر: ..." / "Published: ..." line, or None for any other line.

    Claims skip such lines: a publication date is metadata, not a statement to compare.
    """
    match = _DATE_LINE.match(line)
    if match is None or not _YEAR.search(match["value"]):
        return None
    return match["value"]


def _parse_date(value: str) -> dt.date | None:
    import dateparser  # slow to import; only files with a date line need it

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": False, "REQUIRE_PARTS": ["year"]})
    return parsed.date() if parsed else None


# --- HTML and JSON Lines ---------------------------------------------------------------------------------------


def _extract_html(html: str) -> tuple[str, _Meta]:
    """The page's main text (navigation, header and footer left out) and its metadata."""
    import trafilatura  # heavy; a run without HTML does not need it

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = (document.text or "") if document is not None else ""
    if not text.strip():
        raise _Unreadable("no article text found in the HTML")
    published = None
    if document.date:
        try:
            published = dt.date.fromisoformat(document.date[:10])
        except ValueError:
            published = None  # a page's own date markup is often sloppy: no date beats a wrong one
    return text, _Meta(outlet=_string(document.sitename), published=published, title=_string(document.title),
                       url=_string(document.url))


def _read_jsonl(source: str, text: str, role: str) -> tuple[list[Article], list[Input]]:
    """One article per line, its source "path.jsonl:LINE"; a bad line is skipped on its own, not the file."""
    articles: list[Article] = []
    skipped: list[Input] = []
    # JSON strings may hold a raw U+2028, which str.splitlines() would take for a line break.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            body, meta = _json_record(line, number)
        except _Unreadable as exc:
            skipped.append(_skipped(line_source, str(exc)))
            continue
        articles.extend(_articles(line_source, body, 0, meta, role))
    if not articles:
        status = _skipped(source, "no article: every line was empty or skipped")
    else:
        status = Input(source=source, status="checked", articles=len(articles))
    return articles, [status, *skipped]


def _json_record(line: str, number: int) -> tuple[str, _Meta]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Unreadable(f"line {number}: invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(record, dict):
        raise _Unreadable(f"line {number}: expected a JSON object, got {type(record).__name__}")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise _Unreadable(f"line {number}: no 'text' string, or an empty one")
    return body, _meta_from(record, f"line {number}")


# --- articles inside a text ------------------------------------------------------------------------------------


def _articles(source: str, text: str, start: int, meta: _Meta, role: str) -> list[Article]:
    """The article of `text[start:]` and the items appended after its "read also" lines."""
    articles: list[Article] = []
    for number, segment in enumerate(_segments(text, _lines(text, start))):
        segment, credited = _closing_source(text, segment)
        if not segment:
            continue
        # An appended item is another outlet's or another day's story: it inherits none of the file's metadata.
        own = meta if number == 0 else _Meta()
        body_start, body_end = segment[0][0], segment[-1][1]
        body = text[body_start:body_end]
        articles.append(Article(
            id=f"{source}#{len(articles)}",
            source=source,
            text=text,
            start=body_start,
            end=body_end,
            outlet=own.outlet or credited,
            published=own.published or _date_in(text, segment),
            lang=own.lang or detect_lang(body),
            title=own.title,
            url=own.url,
            role=role if number == 0 else "appended",  # type: ignore[arg-type]
        ))
    return articles


def _lines(text: str, start: int) -> list[Line]:
    """Spans of the non-blank lines of `text[start:]`, without their surrounding whitespace."""
    lines: list[Line] = []
    offset = start
    for raw in text[start:].splitlines(keepends=True):
        content = raw.strip()
        if content:
            first = offset + raw.index(content[0])
            lines.append((first, first + len(content)))
        offset += len(raw)
    return lines


def _segments(text: str, lines: list[Line]) -> list[list[Line]]:
    """Lines split at "read also" lines: the article first, then one list per appended item."""
    segments: list[list[Line]] = [[]]
    for start, end in lines:
        match = _READ_ALSO.match(text, start, end)
        if match is None:
            segments[-1].append((start, end))
            continue
        segments.append([])
        if match["title"]:
            segments[-1].append((match.start("title"), match.end("title")))
    return segments


def _closing_source(text: str, segment: list[Line]) -> tuple[list[Line], str | None]:
    """The segment without its closing "المصدر: ..." credit, and the outlet it names."""
    if not segment:
        return segment, None
    last = _SOURCE_LINE.match(text, *segment[-1])
    if last is not None and _is_outlet(last["name"]):
        return segment[:-1], last["name"]
    if len(segment) >= 2:
        label = _SOURCE_LINE.match(text, *segment[-2])
        name = text[slice(*segment[-1])]
        if label is not None and not label["name"] and _is_outlet(name):
            return segment[:-2], name
    return segment, None


def _is_outlet(name: str) -> bool:
    return 0 < len(name) <= _MAX_OUTLET_CHARS and len(name.split()) <= _MAX_OUTLET_WORDS


def _date_in(text: str, segment: list[Line]) -> dt.date | None:
    """The publication date of the first "تاريخ النشر: ..." line that parses; the line stays in the span."""
    for start, end in segment:
        value = published_line(text[start:end])
        if value is not None:
            parsed = _parse_date(value)
            if parsed is not None:
                return parsed
    return None

