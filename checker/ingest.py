"""Paths in, articles out: every file given is either read into `Article`s or listed as skipped with a reason.

An article is a span of its file's decoded text, so a report can quote the file itself (docs/ingest.md). Reading
one file never stops a run: a bad file becomes an `Input` with status "skipped" and a one-line reason.
"""
from __future__ import annotations


import datetime as dt
import errno
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from checker.errors import InputError
from checker.lang import detect_lang
from checker.limits import Limits, limits_from_env
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
# Terminal escape sequences (CSI such as ESC[2J, OSC such as a window title or a hyperlink) are text someone put in
# an article, not signs of binary: they are read, not counted, and renderers neutralise them.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
_MAX_CONTROL_SHARE = 0.01
# Damaged UTF-8 is read with its invalid bytes replaced when at least this many valid non-ASCII letters stand for each
# invalid sequence (an Arabic article with 7 bad bytes has thousands), or when no other encoding fits and at most
# this share of characters is invalid.
_VALID_PER_INVALID = 10
_MAX_INVALID_SHARE = 0.01


class _Unreadable(InputError):
    """Why a file (or a .jsonl line) cannot be read; caught per file, so it never stops a run."""


@dataclass(frozen=True)
class _Meta:
    """What front matter, a JSON record or an HTML page says about its article."""

    outlet: str | None = None
    published: dt.date | None = None
    lang: Lang | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None  # the title's characters in the file, when it is written there
    url: str | None = None


def read_inputs(paths: Sequence[str | Path], role: str = "article", limits: Limits | None = None,
                seen: dict[tuple[int, int], str] | None = None) -> tuple[list[Article], list[Input]]:
    """Articles read from files and folders (recursively, in name order), and what became of every path.

    `role` is "article" or "draft"; an item appended after a "read also" line gets the role "appended". The path
    `-` reads standard input (once). Raises InputError only when no path is given or `role` is unknown: whatever
    one file does (bad bytes, a parser's RecursionError, a FIFO, a size over `limits`) makes it an `Input` skipped
    with a reason, and the run goes on. A checked input's `reason`, when set, is a warning (bytes replaced).

    A file is read once however it is reached (a relative or absolute path, a symlink: one device and inode);
    `seen` carries the files already read across calls (a run's drafts, then its references).
    """
    if not paths:
        raise InputError("no input given: pass at least one file or folder of articles")
    if role not in ROLES:
        raise InputError(f"role {role!r} is not one of {', '.join(ROLES)}")
    limits = limits or limits_from_env()
    articles: list[Article] = []
    inputs: list[Input] = []
    seen = {} if seen is None else seen
    stdin_read = False
    for given in paths:
        if not str(given).strip():
            # Path("") would silently read the working folder.
            inputs.append(_skipped(str(given), "empty path"))
            continue
        if str(given) == STDIN:
            if stdin_read:
                inputs.append(_skipped(STDIN_SOURCE, "already read: standard input can be read once"))
                continue
            stdin_read = True
            read, statuses = _guarded(STDIN_SOURCE, lambda: _read_stdin(role, limits))
            articles.extend(read)
            inputs.extend(statuses)
            continue
        for source, path in _expand(Path(given)):
            if isinstance(path, Input):
                inputs.append(path)
                continue
            read, statuses = _guarded(source, lambda: _read_file(source, path, role, limits, seen))
            articles.extend(read)
            inputs.extend(statuses)
    if role != "article":
        inputs = [status.model_copy(update={"role": role}) for status in inputs]
    return articles, inputs


def _guarded(source: str, read) -> tuple[list[Article], list[Input]]:
    """`read()`, or the input skipped with a one-line reason whatever it raised: one input never ends a run."""
    try:
        return read()
    except _Unreadable as exc:
        return [], [_skipped(source, str(exc))]
    except OSError as exc:
        return [], [_skipped(source, f"cannot read: {exc.strerror or exc}")]
    except Exception as exc:  # noqa: BLE001 - any parser's failure on one input is that input's problem
        detail = (str(exc).splitlines() or [""])[0][:200]
        return [], [_skipped(source, f"cannot read: {type(exc).__name__}{': ' + detail if detail else ''}")]


# --- paths -----------------------------------------------------------------------------------------------------


def _skipped(source: str, reason: str) -> Input:
    return Input(source=source, status="skipped", reason=reason)


def _shown(path: Path) -> str:
    """The path as text that can be printed: bytes of a name that is not UTF-8 become U+FFFD (reading uses the
    Path itself)."""
    return os.fsencode(path.as_posix()).decode("utf-8", errors="replace")


def _expand(path: Path) -> Iterator[tuple[str, Path | Input]]:
    """(source, file) for every file under `path`, or (source, skipped Input) for what cannot be walked."""
    source = _shown(path)
    try:
        if path.is_symlink() and _link_loop(path):
            yield source, _skipped(source, "symlink loop: the link leads back to itself")
        elif path.is_symlink() and not path.exists():
            yield source, _skipped(source, f"dangling symlink: its target {_shown(Path(os.readlink(path)))} "
                                           "does not exist")
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
    except OSError as exc:
        yield source, _skipped(source, f"cannot read: {exc.strerror or exc}")


def _link_loop(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _walk(folder: Path) -> Iterator[tuple[str, Path | Input]]:
    """Files under `folder` in name order; hidden entries and symlinked folders are listed, not entered."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: os.fsencode(p.name))
    except OSError as exc:
        yield _shown(folder), _skipped(_shown(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        source = _shown(entry)
        try:
            if entry.name.startswith("."):
                yield source, _skipped(source, "hidden file or folder")
            elif entry.is_symlink() and entry.is_dir():
                # Following folder links could walk in circles or far outside the folder given.
                yield source, _skipped(source, "symlinked folder: not followed")
            elif entry.is_dir():
                yield from _walk(entry)
            else:
                yield from _expand(entry)
        except OSError as exc:
            yield source, _skipped(source, f"cannot read: {exc.strerror or exc}")


# --- files -----------------------------------------------------------------------------------------------------


def _read_stdin(role: str, limits: Limits) -> tuple[list[Article], list[Input]]:
    """Standard input read as a Markdown file (front matter when it opens with '---'), up to `limits.file_bytes`."""
    data = sys.stdin.buffer.read(limits.file_bytes + 1)
    if len(data) > limits.file_bytes:
        raise _Unreadable(f"too large: over the limit of {limits.file_bytes:,} bytes (file_bytes)")
    text, warning = _decode(data)
    articles = _read_document(STDIN_SOURCE, text, _STDIN_SUFFIX, role, limits)
    return articles, [Input(source=STDIN_SOURCE, status="checked", articles=len(articles), reason=warning)]


def _read_file(source: str, path: Path, role: str, limits: Limits,
               seen: dict[tuple[int, int], str]) -> tuple[list[Article], list[Input]]:
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        return [], [_skipped(source, f"not an article format: {suffix or 'no extension'}")]
    data, key = _read_regular(path, limits)
    if key in seen:
        return [], [_skipped(source, f"already read as {seen[key]}")]
    seen[key] = source
    text, warning = _decode(data, jsonl=suffix == ".jsonl")
    if suffix == ".jsonl":
        return _read_jsonl(source, text, role, limits, warning)
    articles = _read_document(source, text, suffix, role, limits)
    return articles, [Input(source=source, status="checked", articles=len(articles), reason=warning)]


def _read_regular(path: Path, limits: Limits) -> tuple[bytes, tuple[int, int]]:
    """The bytes of a regular file (a link followed to one), and its (device, inode) to read it once.

    A FIFO would block forever, a device (a link to /dev/zero) never ends, a socket is no file: all are skipped
    before they are opened, and the file is opened non-blocking in case it changed kind in between.
    """
    info = os.stat(path)  # follows links; a link loop is OSError ELOOP
    if not stat.S_ISREG(info.st_mode):
        raise _Unreadable(f"not a regular file: {_file_kind(info.st_mode)}")
    if info.st_size > limits.file_bytes:
        raise _Unreadable(f"too large: {info.st_size:,} bytes, over the limit of {limits.file_bytes:,} "
                          "(file_bytes)")
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable(f"not a regular file: {_file_kind(info.st_mode)}")
        # A file that grew after stat is read up to the limit and one byte more, never without end.
        data = handle.read(limits.file_bytes + 1)
    if len(data) > limits.file_bytes:
        raise _Unreadable(f"too large: over the limit of {limits.file_bytes:,} bytes (file_bytes)")
    return data, (info.st_dev, info.st_ino)


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return kind
    return "a special file"


def _read_document(source: str, text: str, suffix: str, role: str, limits: Limits) -> list[Article]:
    """The articles of one .txt, .md or .html file."""
    if suffix in (".html", ".htm"):
        text, meta = _extract_html(text)
        start = 0
    elif suffix in (".md", ".markdown"):
        meta, start = _front_matter(text, limits)
    else:
        meta, start = _Meta(), 0
    articles = _articles(source, text, start, meta, role)
    if not articles:
        raise _Unreadable("empty file: no text after the front matter" if start else "empty file")
    return articles


def _decode(data: bytes, jsonl: bool = False) -> tuple[str, str | None]:
    """The file's text and a warning when bytes were replaced: UTF-8 (BOM or not), UTF-16/32 with a BOM, damaged
    UTF-8 with its invalid bytes replaced, else what charset-normalizer recognises."""
    if not data.strip():
        raise _Unreadable("empty file" if not data else "empty file: whitespace only")
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _checked_text(_decode_as(data, codec)), None
    # Binary bytes in a .jsonl line are that line's problem (it is skipped alone); in any other file they mean the
    # file is not text.
    if not jsonl and (b"\x00" in data or _control_share(data.decode("ascii", errors="ignore")) > _MAX_CONTROL_SHARE):
        raise _Unreadable("not text: binary content")
    try:
        return _checked_text(data.decode("utf-8-sig"), jsonl), None
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8-sig", errors="replace")
    invalid = replaced.count("\ufffd") - data.decode("utf-8-sig", errors="ignore").count("\ufffd")
    # UTF-8 damaged in a few places still has many valid multi-byte letters for each invalid byte; a legacy
    # encoding (Windows-1256, Latin-1) has almost none, and is left to charset-normalizer.
    if _damaged_utf8(replaced, invalid):
        return _checked_text(replaced, jsonl), _replaced_warning(invalid)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        if invalid <= len(replaced) * _MAX_INVALID_SHARE:
            return _checked_text(replaced, jsonl), _replaced_warning(invalid)
        raise _Unreadable("undecodable bytes: not UTF-8, and no other encoding fits")
    return _checked_text(str(best), jsonl), None


def _damaged_utf8(text: str, invalid: int) -> bool:
    multibyte = sum(1 for char in text if char > "\x7f") - invalid
    return invalid * _VALID_PER_INVALID <= multibyte


def _replaced_warning(invalid: int) -> str:
    return f"damaged text: {invalid} invalid UTF-8 byte sequence(s) replaced with U+FFFD, the rest read"


def _decode_as(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _Unreadable(f"undecodable bytes: {codec.upper()} byte order mark, but {exc.reason} at byte "
                          f"{exc.start}") from None


def _control_share(text: str) -> float:
    """Share of control characters that no text format uses; on raw bytes, pass their ASCII part."""
    return len(_CONTROLS.findall(_ESCAPES.sub("", text))) / max(len(text), 1)


def _checked_text(text: str, jsonl: bool = False) -> str:
    if not text.strip():
        raise _Unreadable("empty file: whitespace only")
    if not jsonl and _control_share(text) > _MAX_CONTROL_SHARE:
        raise _Unreadable("not text: binary content")
    return text


# --- metadata --------------------------------------------------------------------------------------------------


def _front_matter(text: str, limits: Limits) -> tuple[_Meta, int]:
    """The front matter's metadata and the offset where the body starts (0 when there is none)."""
    first_end = text.find("\n") + 1 or len(text)
    if text[:first_end].rstrip() != "---":
        return _Meta(), 0
    offset = first_end
    while offset < len(text):
        line_end = text.find("\n", offset) + 1 or len(text)
        if text[offset:line_end].rstrip() in ("---", "..."):
            meta = _meta_from(_load_yaml(text[first_end:offset], limits), "broken front matter")
            span = _title_span(text, first_end, offset, meta.title)
            return (replace(meta, title_span=span) if span else meta), line_end
        if line_end - first_end > limits.front_matter_chars:
            raise _Unreadable(f"broken front matter: no closing '---' line within {limits.front_matter_chars:,} "
                              "characters (front_matter_chars)")
        offset = line_end
    raise _Unreadable("broken front matter: no closing '---' line")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML for a flat mapping of a few keys: no aliases (a kilobyte of nested aliases expands to gigabytes) and
    no nesting deeper than `max_depth` (the composer recurses once per level)."""

    max_depth = 3
    number_chars = 40
    _depth = 0

    def construct_yaml_int(self, node):  # type: ignore[override]
        # int() of thousands of digits is slow, then raises; no front matter value is such a number.
        if len(node.value) > self.number_chars:
            raise yaml.constructor.ConstructorError(None, None, f"a number of {len(node.value):,} characters, over "
                                                    f"{self.number_chars} (number_chars)", node.start_mark)
        return super().construct_yaml_int(node)

    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                              event.start_mark)
        if self._depth >= self.max_depth:
            raise yaml.composer.ComposerError(None, None, f"nested deeper than {self.max_depth} levels "
                                              "(front_matter_depth)", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", _FrontMatterLoader.construct_yaml_int)


def _load_yaml(block: str, limits: Limits) -> dict[str, Any]:
    loader = _FrontMatterLoader(block)
    loader.max_depth = limits.front_matter_depth
    loader.number_chars = limits.number_chars
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # The block starts on the file's second line; YAML counts lines from 0.
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _Unreadable(f"broken front matter: invalid YAML{where}: {problem}") from None
    finally:
        loader.dispose()
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _Unreadable(f"broken front matter: expected 'key: value' lines, got a {type(data).__name__}")
    return data


def _meta_from(record: dict[str, Any], where: str) -> _Meta:
    """Validated metadata from front matter or a JSON record; `where` opens the reason of a bad value.

    Each known key holds one scalar: text, a date, a number of sane length. A list or a mapping where a name is
    expected is refused, and a value is never printed whole in a reason (a 5,000-digit number cannot even be).
    """
    lang = _scalar(record, "lang", where)
    if lang is not None and lang.lower() not in LANGS:
        raise _Unreadable(f"{where}: lang {_clip(lang)!r} is not one of {', '.join(LANGS)}")
    return _Meta(
        outlet=_scalar(record, "source", where),
        published=_iso_date(record.get("published"), where),
        lang=lang.lower() if lang is not None else None,  # type: ignore[arg-type]
        title=_scalar(record, "title", where),
        url=_scalar(record, "url", where),
    )


_MAX_SCALAR_BITS = 128  # an int of more bits is no date, count or name (and str() of 4,300+ digits raises)
_SHOWN_CHARS = 40


def _clip(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"


def _scalar(record: dict[str, Any], key: str, where: str) -> str | None:
    """The key's value as stripped text (None when absent or blank); a list, a mapping or a huge number is refused."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, int) and value.bit_length() > _MAX_SCALAR_BITS:
        raise _Unreadable(f"{where}: {key} is a number of {value.bit_length():,} bits, not a name")
    if isinstance(value, (dict, list, tuple, set)):
        raise _Unreadable(f"{where}: {key} must be text, got a {type(value).__name__}")
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text.strip() or None


def _iso_date(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        # YAML reads an unquoted ISO date as a date, and a timestamp as a datetime (a date subclass).
        return value.date() if isinstance(value, dt.datetime) else value
    if not isinstance(value, str):
        shown = (f"a number of {value.bit_length():,} bits" if isinstance(value, int)
                 and value.bit_length() > _MAX_SCALAR_BITS else
                 f"a {type(value).__name__}" if isinstance(value, (dict, list, tuple, set)) else repr(value))
        raise _Unreadable(f"{where}: published {shown} is not an ISO date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise _Unreadable(f"{where}: published {_clip(value)!r} is not an ISO date (YYYY-MM-DD)") from None


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


def _string(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


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


def _read_jsonl(source: str, text: str, role: str, limits: Limits,
                warning: str | None = None) -> tuple[list[Article], list[Input]]:
    """One article per line, its source "path.jsonl:LINE"; a bad line is skipped on its own, not the file."""
    articles: list[Article] = []
    skipped: list[Input] = []
    # JSON strings may hold a raw U+2028, which str.splitlines() would take for a line break.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            body, meta = _json_record(line, number, limits)
            articles.extend(_articles(line_source, body, 0, meta, role))
        except _Unreadable as exc:
            skipped.append(_skipped(line_source, str(exc)))
        except Exception as exc:  # noqa: BLE001 - one line's failure is that line's problem
            skipped.append(_skipped(line_source, f"line {number}: cannot read: {type(exc).__name__}"))
    if len(skipped) > _MAX_LINE_REASONS:
        # A binary file named .jsonl has thousands of "lines": the first reasons say what is wrong, a count the rest.
        rest = len(skipped) - _MAX_LINE_REASONS
        skipped = [*skipped[:_MAX_LINE_REASONS],
                   _skipped(f"{source}:*", f"{rest:,} more line(s) skipped for reasons like the ones above")]
    if not articles:
        status = _skipped(source, "no article: every line was empty or skipped")
    else:
        status = Input(source=source, status="checked", articles=len(articles), reason=warning)
    return articles, [status, *skipped]


_MAX_LINE_REASONS = 100
# A JSON string, escapes included (unrolled, so a long string is one linear scan).
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


_TITLE_LINE = re.compile(r"^title[ \t]*:[ \t]*(?P<raw>.*?)[ \t]*$", re.MULTILINE)


def _title_span(text: str, start: int, end: int, title: str | None) -> tuple[int, int] | None:
    """Where the parsed title is written verbatim in the front matter (`text[start:end]`), quotes excluded: a
    headline states the story's main figure, and a finding on it must quote the file. None where YAML escapes or
    folding make the written title differ from its value (it is then read for grouping only)."""
    if not title or not title.strip():
        return None
    for line in _TITLE_LINE.finditer(text, start, end):
        raw_start, raw_end = line.span("raw")
        raw = text[raw_start:raw_end]
        if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
            raw_start, raw_end = raw_start + 1, raw_end - 1
        if text[raw_start:raw_end] == title:
            return raw_start, raw_end
    return None


def _json_depth(line: str) -> int:
    """How deep the line's arrays and objects nest, counted outside strings (json.loads would recurse that deep)."""
    depth = deepest = 0
    for char in _NOT_BRACKET.sub("", _JSON_STRING.sub("", line)):
        depth += 1 if char in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _json_record(line: str, number: int, limits: Limits) -> tuple[str, _Meta]:
    if "\x00" in line:
        raise _Unreadable(f"line {number}: not text: a NUL byte")
    if _control_share(line) > _MAX_CONTROL_SHARE:
        raise _Unreadable(f"line {number}: not text: binary content")
    if _json_depth(line) > limits.json_depth:
        raise _Unreadable(f"line {number}: invalid JSON: nested deeper than {limits.json_depth} levels (json_depth)")

    def number_of(kind):
        def parse(digits: str):
            if len(digits) > limits.number_chars:
                raise _Unreadable(f"line {number}: invalid JSON: a number of {len(digits):,} characters, over "
                                  f"{limits.number_chars} (number_chars)")
            return kind(digits)
        return parse

    try:
        record = json.loads(line, parse_int=number_of(int), parse_float=number_of(float))
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
            title_span=own.title_span,
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

