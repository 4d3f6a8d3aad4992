"""Ingest under hostile input: limits, guards, damaged text; properties of front matter and .jsonl lines."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.claims import claim_spans, split_claims_noted
from checker.errors import InputError
from checker.ingest import read_inputs
from checker.limits import Limits, limits_from_env
from checker.pipeline import extract_mentions, with_notes

BODY = "قال المتحدث إن 116 دولة شاركت في الاجتماع.\n"


def _one(tmp_path: Path, name: str, content: str | bytes, limits: Limits = Limits()):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return read_inputs([path], limits=limits)


# --- limits ----------------------------------------------------------------------------------------------------

def test_limits_from_the_environment() -> None:
    assert limits_from_env({}) == Limits()
    assert limits_from_env({"CHECKER_LIMITS": "line_chars=50, values_per_sentence=3"}) == \
        Limits(line_chars=50, values_per_sentence=3)


@pytest.mark.parametrize("spec, words", [("nonsense=3", "unknown limit 'nonsense'"),
                                         ("line_chars=-1", "is not a positive whole number"),
                                         ("line_chars=0", "is not a positive whole number")])
def test_a_bad_limit_is_a_one_line_error(spec: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        limits_from_env({"CHECKER_LIMITS": spec})


def test_a_file_over_the_size_limit_is_skipped_unread(tmp_path: Path) -> None:
    articles, [status] = _one(tmp_path, "big.txt", BODY * 10, Limits(file_bytes=100))
    assert not articles and status.status == "skipped"
    assert status.reason.startswith("too large: ") and "(file_bytes)" in status.reason


def test_long_lines_and_sentences_are_cut_and_counted() -> None:
    text = "word " * 50 + "\n" + "short line.\n"
    cuts: Counter[str] = Counter()
    first, last = claim_spans(text, 0, len(text), Limits(line_chars=100, sentence_chars=32), cuts)
    assert cuts == {"line": 1, "sentence": 1}
    # the sentence is read up to the last space before the limit, so no word is split
    assert text[slice(*first)] == "word word word word word word"
    assert text[slice(*last)] == "short line."


def test_values_beyond_the_cap_are_dropped_and_noted(tmp_path: Path) -> None:
    articles, inputs = _one(tmp_path, "many.txt", "أكثر من 60 دولة و" * 10 + "\n")
    claims, notes = split_claims_noted(articles)
    mentions = extract_mentions(articles, claims, Limits(values_per_sentence=4), notes)
    assert len(mentions) == 4
    [noted] = with_notes(inputs, notes)
    assert noted.status == "checked" and "value(s) beyond 4 in one sentence not read" in noted.reason


# --- guards ----------------------------------------------------------------------------------------------------

def test_an_unreadable_folder_is_skipped_and_the_rest_read(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real = Path.iterdir

    def iterdir(self):
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    articles, inputs = read_inputs([tmp_path])
    assert [a.source for a in articles] == [(tmp_path / "good.txt").as_posix()]
    assert (locked.as_posix(), "skipped", "cannot list folder: Permission denied") in \
        [(i.source, i.status, i.reason) for i in inputs]


def test_any_failure_of_a_reader_skips_that_file_only(tmp_path: Path, monkeypatch) -> None:
    import checker.ingest as ingest

    def explode(*_args, **_kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    (tmp_path / "a.md").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    monkeypatch.setattr(ingest, "_front_matter", explode)
    articles, inputs = read_inputs([tmp_path])
    assert [a.source.rsplit("/", 1)[1] for a in articles] == ["b.txt"]
    assert inputs[0].reason == "cannot read: RecursionError: maximum recursion depth exceeded"


def test_a_file_name_that_is_not_utf8_is_read_and_printable(tmp_path: Path) -> None:
    import os

    path = Path(os.fsdecode(str(tmp_path).encode() + b"/bad-\xff.txt"))
    path.write_text(BODY, encoding="utf-8")
    [article], [status] = read_inputs([tmp_path])
    assert status.source.endswith("bad-\ufffd.txt") and status.status == "checked"
    status.source.encode("utf-8")  # no lone surrogate left


# --- damaged text ----------------------------------------------------------------------------------------------

def test_invalid_bytes_are_replaced_counted_and_the_article_read(tmp_path: Path) -> None:
    data = (BODY * 30).encode("utf-8")
    data = data[:40] + b"\xff\xfe" + data[40:]
    [article], [status] = _one(tmp_path, "damaged.txt", data)
    assert status.status == "checked"
    assert status.reason == ("damaged text: 2 invalid UTF-8 byte sequence(s) replaced with U+FFFD, the rest read")
    assert article.text.count("\ufffd") == 2 and "116 دولة" in article.text


def test_a_windows_1256_file_is_still_decoded_as_such(tmp_path: Path) -> None:
    [article], [status] = _one(tmp_path, "legacy.txt", (BODY * 5).encode("cp1256"))
    assert status.reason is None and "116 دولة" in article.text


def test_a_nul_byte_skips_only_its_jsonl_line(tmp_path: Path) -> None:
    lines = [json.dumps({"text": BODY}), '{"text": "a\x00b"}', json.dumps({"text": BODY})]
    articles, inputs = _one(tmp_path, "a.jsonl", "\n".join(lines))
    assert len(articles) == 2
    assert [(i.source.rsplit("/", 1)[1], i.status) for i in inputs] == \
        [("a.jsonl", "checked"), ("a.jsonl:2", "skipped")]
    assert inputs[1].reason == "line 2: not text: a NUL byte"


# --- properties ------------------------------------------------------------------------------------------------

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=60))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                       max_leaves=12)
_KEYS = st.sampled_from(["source", "published", "lang", "title", "url", "other"])


def _accounted(articles, inputs, source: str) -> None:
    """The property: the run returned, the input is listed, and a skip has a one-line reason."""
    assert inputs and inputs[0].source == source
    for status in inputs:
        assert status.status in ("checked", "skipped")
        if status.status == "skipped":
            assert status.reason and "\n" not in status.reason and len(status.reason) < 400
    assert (inputs[0].status == "checked") == bool(articles)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=st.dictionaries(_KEYS, _VALUES, max_size=5), raw=st.text(max_size=200),
       use_raw=st.booleans())
def test_any_front_matter_is_read_or_skipped_with_a_reason(tmp_path: Path, record, raw: str, use_raw: bool) -> None:
    import yaml

    block = raw if use_raw else yaml.safe_dump(record, allow_unicode=True)
    path = tmp_path / "a.md"
    path.write_text(f"---\n{block}\n---\n{BODY}", encoding="utf-8")
    articles, inputs = read_inputs([path])
    _accounted(articles, inputs, path.as_posix())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=st.dictionaries(_KEYS | st.just("text"), _VALUES, max_size=6), text=st.text(max_size=200),
       raw=st.text(max_size=200), use_raw=st.booleans())
def test_any_jsonl_line_is_read_or_skipped_alone(tmp_path: Path, record, text: str, raw: str, use_raw: bool) -> None:
    line = raw.replace("\n", " ") if use_raw else json.dumps({**record, "text": text}
                                                              if "text" not in record else record)
    path = tmp_path / "a.jsonl"
    good = json.dumps({"text": BODY})
    path.write_text(f"{good}\n{line}\n{good}\n", encoding="utf-8")
    articles, inputs = read_inputs([path])
    _accounted(articles, inputs, path.as_posix())
    assert len([a for a in articles if a.source.endswith((":1", ":3"))]) == 2, "a bad line cost its neighbours"


def test_a_reader_that_raises_loses_one_sentence_not_the_run(tmp_path: Path, monkeypatch) -> None:
    import checker.pipeline as pipeline

    real = pipeline.extract_values

    def flaky(text, lang, published):
        if "116" in text:
            raise IndexError("a reader's bug")
        return real(text, lang, published)

    articles, inputs = _one(tmp_path, "a.txt", "وصل 30 شخصا.\n" + BODY)
    claims, notes = split_claims_noted(articles)
    monkeypatch.setattr(pipeline, "extract_values", flaky)
    mentions = extract_mentions(articles, claims, Limits(), notes)
    assert [m.value.text for m in mentions] == ["30 شخصا"]
    [noted] = with_notes(inputs, notes)
    assert noted.reason == f"values of claim {claims[1].id} not read: IndexError"


def test_the_text_report_says_what_was_cut(tmp_path: Path, fake_embedder) -> None:
    from checker.pipeline import check
    from checker.render import render

    (tmp_path / "values.txt").write_text("أكثر من 60 دولة و" * 100 + "\n", encoding="utf-8")
    text = render(check([tmp_path], embedder=fake_embedder), "text")
    assert f"  warning {(tmp_path / 'values.txt').as_posix()}: " in text and "(values_per_sentence)" in text
