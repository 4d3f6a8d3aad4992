"""Review memory: fingerprints that survive re-runs, verdicts that survive a killed process."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
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
    try:
        # no time limit: however slow the disk, the writer is killed after its 151st commit, mid-way through more
        while committed < 150:
            line = writer.stdout.readline()
            if not line:
                break
            committed = int(line)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert committed >= 150, f"the writer stopped after {committed + 1} verdicts"
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


# Verdicts a fact-checker can work with: who, unsure, listed, exported; the store read-only for `check`.

def test_unsure_and_reviewer_are_kept(tmp_path: Path) -> None:
    store = tmp_path / "r.checker-review.sqlite"
    record_verdict(store, fingerprint(finding(A, B)), "unsure", note="ask the desk", reviewer="Salma",
                   finding=finding(A, B))
    shown, hidden = reviewed(report_of(finding(A, B)), store)
    assert hidden == 0, "an unsure finding must stay visible"
    assert shown.findings[0].review["verdict"] == "unsure" and shown.findings[0].review["reviewer"] == "Salma"


def _saved_report(tmp_path: Path, *findings: Finding) -> Path:
    saved = tmp_path / "report.json"
    saved.write_text(report_of(*findings).to_json(), encoding="utf-8")
    return saved


def test_list_and_export_say_what_each_verdict_was_about(tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "r.checker-review.sqlite"
    formula = side("bundle/x.md", "=HYPERLINK(1)", "1 person")
    saved = _saved_report(tmp_path, finding(A, B), finding(A, formula, id="g"))
    fp, other = fingerprint(finding(A, B)), fingerprint(finding(A, formula))
    for args in ([fp, "--verdict", "dismissed", "--reviewer", "Salma", "--note", "two events"],
                 [fp, "--verdict", "confirmed", "--reviewer", "Omar"],
                 [other, "--verdict", "unsure", "--reviewer", "Omar"]):
        result = runner.invoke(cli, ["review", *args, "--report", str(saved), "--store", str(store)])
        assert result.exit_code == 0, result.output

    listed = runner.invoke(cli, ["review", "--list", "--store", str(store)])
    assert listed.exit_code == 0, listed.output
    lines = [line for line in listed.stdout.splitlines() if not line.startswith("    ")]
    assert len(lines) == 2, listed.stdout
    assert lines[0].startswith(f"{fp}  confirmed  Omar") and "'14 people' vs" in lines[0] and "'19 people'" in lines[0]
    history = runner.invoke(cli, ["review", "--list", "--history", "--store", str(store)])
    assert "note: two events" in history.stdout and "Salma" in history.stdout

    out = tmp_path / "verdicts.csv"
    assert runner.invoke(cli, ["review", "--export", str(out), "--store", str(store)]).exit_code == 0
    import csv
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["fingerprint"], r["verdict"], r["reviewer"]) for r in rows] == [(fp, "confirmed", "Omar"),
                                                                               (other, "unsure", "Omar")]
    assert {rows[0]["a_quote"], rows[0]["b_quote"]} == {"14 people", "19 people"}
    assert "'=HYPERLINK(1)" in {rows[1]["a_quote"], rows[1]["b_quote"]}, "a formula in a quote must stay text"
    out_json = tmp_path / "verdicts.json"
    assert runner.invoke(cli, ["review", "--export", str(out_json), "--history", "--store", str(store)]).exit_code == 0
    assert [r["verdict"] for r in json.loads(out_json.read_text(encoding="utf-8"))] == ["dismissed", "confirmed",
                                                                                        "unsure"]


def test_unknown_fingerprint_suggests_the_nearest(tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "r.checker-review.sqlite"
    saved = _saved_report(tmp_path, finding(A, B))
    fp = fingerprint(finding(A, B))
    typo = fp[:-1] + ("0" if fp[-1] != "0" else "1")
    result = runner.invoke(cli, ["review", typo, "--verdict", "confirmed", "--report", str(saved),
                                 "--store", str(store)])
    assert result.exit_code == 2 and f"unknown fingerprint {typo}" in result.output and f"nearest: {fp}" in result.output
    assert not store.exists(), "a refused verdict must not create a store"
    the_id = "0123456789ab"
    saved.write_text(report_of(finding(A, B, id=the_id)).to_json(), encoding="utf-8")
    result = runner.invoke(cli, ["review", the_id, "--verdict", "confirmed", "--report", str(saved),
                                 "--store", str(store)])
    assert result.exit_code == 2 and f"the id of a finding, not its fingerprint: use {fp}" in result.output
    without_report = runner.invoke(cli, ["review", fp, "--verdict", "confirmed", "--store", str(store)])
    assert without_report.exit_code == 2 and "--report" in without_report.output


def test_check_never_writes_the_store(tmp_path: Path) -> None:
    store = tmp_path / "r.checker-review.sqlite"
    record_verdict(store, fingerprint(finding(A, B)), "dismissed")
    before = store.read_bytes()
    store.chmod(0o444)
    reviewed(report_of(finding(A, B)), store)
    assert store.read_bytes() == before


def test_an_old_store_is_read_and_upgraded(tmp_path: Path) -> None:
    store = tmp_path / "old.checker-review.sqlite"
    db = sqlite3.connect(store)
    db.execute("CREATE TABLE verdicts (seq INTEGER PRIMARY KEY AUTOINCREMENT, fingerprint TEXT NOT NULL, "
               "verdict TEXT NOT NULL, note TEXT, reviewed_at TEXT NOT NULL)")
    db.execute("INSERT INTO verdicts (fingerprint, verdict, note, reviewed_at) VALUES ('abcdefabcdef', 'dismissed',"
               " 'old', '2026-01-01T00:00:00+00:00')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    before = store.read_bytes()
    with ReviewStore(store, readonly=True) as opened:
        assert opened.latest()["abcdefabcdef"]["note"] == "old"
    assert store.read_bytes() == before, "reading upgraded the store"
    record_verdict(store, "abcdefabcdef", "unsure", reviewer="Omar")
    with ReviewStore(store, readonly=True) as opened:
        assert [r["verdict"] for r in opened.verdicts(history=True)] == ["dismissed", "unsure"]


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "app.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE users (name TEXT)")
    db.commit()
    db.close()
    before = other.read_bytes()
    with pytest.raises(ReviewError, match="app.sqlite is not a checker review store"):
        reviewed(report_of(finding(A, B)), other)
    with pytest.raises(ReviewError, match="app.sqlite is not a checker review store"):
        record_verdict(other, "abcdefabcdef", "confirmed")
    assert other.read_bytes() == before


def test_verdicts_survive_renaming_every_article(tmp_path: Path) -> None:
    """End to end: review the seeds' findings, copy the articles under new names elsewhere, check again."""
    import shutil

    runner = CliRunner()
    store = tmp_path / "r.checker-review.sqlite"
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    first = _check(runner, store, str(seeds))
    assert first["findings"], "the seeds give findings"
    saved = tmp_path / "first.json"
    saved.write_text(json.dumps(first), encoding="utf-8")
    verdicts = dict(zip((f["fingerprint"] for f in first["findings"]), VERDICTS_CYCLE))
    for fp, verdict in verdicts.items():
        result = runner.invoke(cli, ["review", fp, "--verdict", verdict, "--report", str(saved), "--store", str(store)])
        assert result.exit_code == 0, result.output

    copies = tmp_path / "renamed" / "deeper"
    copies.mkdir(parents=True)
    for n, article in enumerate(sorted(seeds.glob("*.txt"))):
        shutil.copy(article, copies / f"article-{n}-renamed{article.suffix}")
    again = _check(runner, store, str(copies), "--show-dismissed")
    assert {f["fingerprint"]: f["review"]["verdict"] for f in again["findings"]} == verdicts
    assert all("renamed" in side["source"] for f in again["findings"] for side in f["sides"])


VERDICTS_CYCLE = ("dismissed", "unsure", "confirmed")
