"""Review memory: fingerprints that survive re-runs, verdicts that survive a killed process."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.model import Finding, Report, Settings, Side
from checker.review import ReviewError, ReviewStore, apply_reviews, fingerprint, record_verdict, reviewed


def side(source: str, text: str, normalized: str, start: int = 10) -> Side:
    return Side(source=source, start=start, end=start + len(text), text=text, article_id=f"{source}#0",
                sentence=f"they said {text} today", normalized=normalized)


def finding(a: Side, b: Side, kind="contradiction", id="f") -> Finding:
    return Finding(id=id, kind=kind, type="quantity", sides=(a, b), explanation="the values cannot both be true")


A = side("bundle/wire.md", "14 people", "14 person")
B = side("bundle/draft.md", "19 people", "19 person")


def report_of(*findings: Finding) -> Report:
    return Report(version="t", settings=Settings(model="fake", dimension=2, similarity_threshold=0.5, neighbours=2),
                  inputs=(), articles=(), findings=findings)


@pytest.mark.parametrize("other, why", [
    (finding(B, A), "the sides in the other order"),
    (finding(A.model_copy(update={"source": "/elsewhere/wire.md"}), B), "the same file from another folder"),
    (finding(A.model_copy(update={"start": 900, "end": 909}), B, id="g"), "offsets and id shifted by an edit"),
    (finding(A.model_copy(update={"text": "14  people"}), B), "whitespace inside the quote"),
    (finding(A.model_copy(update={"source": "bundle/renamed-wire.txt"}), B), "a renamed file"),
])
def test_fingerprint_is_stable(other: Finding, why: str) -> None:
    assert fingerprint(other) == fingerprint(finding(A, B)), f"fingerprint changed with {why}"


@pytest.mark.parametrize("other, why", [
    (finding(A, B, kind="imprecision"), "another kind"),
    (finding(A.model_copy(update={"normalized": "15 person", "text": "15 people"}), B), "another value"),
    (finding(A.model_copy(update={"outlet": "Reuters"}), B), "another outlet"),
    (finding(A, B.model_copy(update={"normalized": "19 house"})), "another value as read"),
])
def test_fingerprint_tells_findings_apart(other: Finding, why: str) -> None:
    assert fingerprint(other) != fingerprint(finding(A, B)), f"same fingerprint for {why}"


def test_latest_verdict_wins_and_dismissed_are_hidden(tmp_path: Path) -> None:
    store = tmp_path / "r.checker-review.sqlite"
    keep, drop = finding(A, B), finding(A, side("bundle/x.md", "20 people", "20 person"), id="g")
    record_verdict(store, fingerprint(keep), "dismissed")
    record_verdict(store, fingerprint(keep), "confirmed", note="wire corrected its toll")
    record_verdict(store, fingerprint(drop), "dismissed", note="different event")
    shown, hidden = reviewed(report_of(keep, drop), store)
    assert hidden == 1 and [f.id for f in shown.findings] == ["f"]
    assert shown.findings[0].review["verdict"] == "confirmed"
    assert shown.findings[0].review["note"] == "wire corrected its toll"
    everything, hidden = reviewed(report_of(keep, drop), store, show_dismissed=True)
    assert hidden == 0 and [f.review["verdict"] for f in everything.findings] == ["confirmed", "dismissed"]


def test_no_store_means_fingerprints_only(tmp_path: Path) -> None:
    shown, hidden = reviewed(report_of(finding(A, B)), tmp_path / "absent.sqlite")
    assert hidden == 0 and shown.findings[0].fingerprint and shown.findings[0].review is None
    assert not (tmp_path / "absent.sqlite").exists(), "reading must not create a store"


@pytest.mark.parametrize("bad", ["xyz", "351809ad797", "351809ad7970ff", "zz1809ad7970"])
def test_malformed_fingerprints_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ReviewError, match="12 hex digits"):
        record_verdict(tmp_path / "s.sqlite", bad, "dismissed")


def test_a_file_that_is_not_a_store_is_an_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.checker-review.sqlite"
    junk.write_text("not a database " * 100)
    with pytest.raises(ReviewError, match="junk.checker-review.sqlite is not a usable review store"):
        reviewed(report_of(finding(A, B)), junk)


WRITER = textwrap.dedent("""
    import sys
    from checker.review import ReviewStore
    with ReviewStore(sys.argv[1]) as store:
        for n in range(100000):
            store.record(f"{n:012x}", "dismissed" if n % 2 else "confirmed", note="n" * 2000)
            print(n, flush=True)  # printed only after the commit returned
""")


def test_store_survives_a_process_killed_mid_write(tmp_path: Path) -> None:
    store = tmp_path / "killed.checker-review.sqlite"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store)], stdout=subprocess.PIPE, text=True)
    committed = -1
    deadline = time.monotonic() + 60
    try:
        while committed < 150 and time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line:
                break
            committed = int(line)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert committed >= 150, f"the writer committed only {committed + 1} verdicts before the deadline"
    assert writer.returncode == -signal.SIGKILL, "the writer finished before it was killed: nothing was tested"

    db = sqlite3.connect(store)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    with ReviewStore(store, create=False) as reopened:
        verdicts = reopened.latest()
        missing = [n for n in range(committed + 1) if f"{n:012x}" not in verdicts]
        assert missing == [], f"committed verdicts lost after the kill: {missing[:10]}"
        assert verdicts[f"{1:012x}"]["verdict"] == "dismissed"
        reopened.record("abcdefabcdef", "confirmed")  # the store still takes writes
        assert reopened.latest()["abcdefabcdef"]["verdict"] == "confirmed"


GATE = Path(__file__).resolve().parent.parent / "fixtures" / "gate"


def _check(runner: CliRunner, store: Path, *args: str) -> dict:
    result = runner.invoke(cli, ["check", *args, "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_dismissed_stays_dismissed_across_runs_and_input_order(tmp_path: Path) -> None:
    """End to end with the real pipeline: dismiss a finding, then check the same files in the other order."""
    runner = CliRunner()
    store = tmp_path / "review.checker-review.sqlite"
    draft, wire = str(GATE / "draft-contradicts-source.md"), str(GATE / "sources" / "coast-wire.md")
    first = _check(runner, store, draft, wire)
    assert first["findings"], "the gate fixture should give a finding (19 vs 14 deaths)"
    target = first["findings"][0]
    saved = tmp_path / "first.json"
    saved.write_text(json.dumps(first), encoding="utf-8")
    result = runner.invoke(cli, ["review", target["fingerprint"], "--verdict", "dismissed", "--note", "typo fixed",
                                 "--store", str(store), "--report", str(saved)])
    assert result.exit_code == 0, result.output
    assert target["fingerprint"] in result.stdout

    again = _check(runner, store, wire, draft)
    assert target["fingerprint"] not in [f["fingerprint"] for f in again["findings"]], "dismissed finding shown"
    assert again["review"]["hidden_dismissed"] >= 1

    shown = _check(runner, store, wire, draft, "--show-dismissed")
    match = [f for f in shown["findings"] if f["fingerprint"] == target["fingerprint"]]
    assert match and match[0]["review"]["verdict"] == "dismissed" and match[0]["review"]["note"] == "typo fixed"

    gate = runner.invoke(cli, ["check", wire, draft, "--fail-on", "contradiction", "--store", str(store)])
    remaining = [f for f in again["findings"] if f["kind"] == "contradiction"]
    assert gate.exit_code == (1 if remaining else 0), "a dismissed finding must not fail the gate"


def test_review_command_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(cli, ["review", "nothex", "--verdict", "dismissed", "--store", str(tmp_path / "s")])
    assert bad.exit_code == 2 and "12 hex digits" in bad.output
    no_verdict = runner.invoke(cli, ["review", "abcdefabcdef", "--store", str(tmp_path / "s")])
    assert no_verdict.exit_code == 2
    junk = tmp_path / "junk"
    junk.write_text("junk " * 500)
    record_verdict(junk.with_name("ok.sqlite"), "abcdefabcdef", "confirmed")
    broken = runner.invoke(cli, ["review", "abcdefabcdef", "--verdict", "confirmed", "--store", str(junk)])
    assert broken.exit_code == 2 and broken.output.startswith(f"Error: {junk} is not a usable review store")


def test_review_store_defaults_to_the_current_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKER_REVIEW_STORE", raising=False)
    saved = tmp_path / "report.json"
    saved.write_text(report_of(finding(A, B)).to_json(), encoding="utf-8")
    fp = fingerprint(finding(A, B))
    result = CliRunner().invoke(cli, ["review", fp.upper(), "--verdict", "confirmed", "--report", str(saved)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "review.checker-review.sqlite").is_file()
    with ReviewStore(tmp_path / "review.checker-review.sqlite") as store:
        assert store.latest()[fp]["verdict"] == "confirmed"


def test_apply_reviews_attaches_without_touching_sides() -> None:
    plain = report_of(finding(A, B))
    annotated = apply_reviews(plain, {fingerprint(plain.findings[0]): {"verdict": "confirmed"}})
    assert annotated.findings[0].sides == plain.findings[0].sides
    assert annotated.findings[0].review == {"verdict": "confirmed"}
