"""Every exit path in docs/exit-codes.md, run as the table writes it: the documentation is the test's data."""
from __future__ import annotations

import re
import shlex
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker.pipeline
from checker.cli import cli
from checker.model import Finding, Report, Settings, Side
from checker.review import fingerprint

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "exit-codes.md"
GATE = ROOT / "fixtures" / "gate"
_ROW = re.compile(r"^\| `checker (?P<command>[^`]*)` \| (?P<code>\d) \| `(?P<expect>.*)` \|$")
ARABIC = "وقال الإنتربول إن الضحايا يتحدرون من 66 دولة ومن جميع القارات.\n"


def exit_paths() -> list[tuple[str, int, str]]:
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- exit-paths: begin -->")[1].split("<!-- exit-paths: end -->")[0]
    rows = [_ROW.match(line) for line in table.splitlines() if line.startswith("| `checker")]
    assert all(rows), "a row of the exit-path table does not read `| `checker ...` | code | `text` |`"
    return [(m["command"], int(m["code"]), m["expect"]) for m in rows]


def canned_finding() -> Finding:
    def side(source: str, text: str) -> Side:
        return Side(source=source, start=5, end=5 + len(text), text=text, article_id=f"{source}#0", outlet=source,
                    sentence=f"Toll {text}.", normalized=text)
    return Finding(id="f", kind="contradiction", type="quantity", explanation="the values cannot both be true",
                   sides=(side("a.md", "14 people"), side("b.md", "19 people")))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exit-paths")
    shutil.copy(GATE / "draft-consistent.md", folder / "draft.md")
    shutil.copy(GATE / "draft-contradicts-source.md", folder / "contradicting.md")
    shutil.copytree(GATE / "sources", folder / "wire")
    (folder / "binary.md").write_bytes(b"\x00\x01PK\x03\x04" * 200)
    (folder / "today.md").write_text("---\nsource: Desk\npublished: today\n---\nStorm kills 14 people.\n",
                                     encoding="utf-8")
    (folder / "empty").mkdir()
    (folder / "cp1256.txt").write_bytes(ARABIC.encode("cp1256"))
    (folder / "corrupt.checker-review.sqlite").write_bytes(b"this is not a database\n" * 100)
    other = sqlite3.connect(folder / "other.sqlite")
    other.execute("CREATE TABLE users (name TEXT)")
    other.commit()
    other.close()
    report = Report(version="t", settings=Settings(model="fake", dimension=2, similarity_threshold=0.5,
                                                   neighbours=2), inputs=(), articles=(), findings=(canned_finding(),))
    (folder / "report.json").write_text(report.to_json(), encoding="utf-8")
    return folder


@pytest.mark.parametrize("command, code, expect", exit_paths(), ids=[row[0] for row in exit_paths()])
def test_exit_path(workdir: Path, monkeypatch, command: str, code: int, expect: str) -> None:
    if "/dev/full" in command and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    monkeypatch.chdir(workdir)
    monkeypatch.delenv("CHECKER_REVIEW_STORE", raising=False)
    monkeypatch.setenv("CHECKER_REVIEWER", "tester")
    fp = fingerprint(canned_finding())
    words = shlex.split(command.replace("{fp}", fp))
    stdin = None
    if "<" in words:
        at = words.index("<")
        stdin, words = (workdir / words[at + 1]).read_bytes(), words[:at]
    result = CliRunner().invoke(cli, words, input=stdin)
    output = result.stdout + result.stderr
    assert result.exit_code == code, f"checker {command}: exit {result.exit_code}, expected {code}\n{output}"
    assert expect.replace("{fp}", fp) in output, f"checker {command}: {expect!r} not in\n{output}"
    if code == 2 and expect.startswith("Error:"):
        errors = [line for line in output.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1 and len(errors[0]) < 300, f"not one short error line: {errors}"


@pytest.mark.parametrize("args", [["-o", "absent/report.json"], ["--store", "junk.checker-review.sqlite"]])
def test_output_and_store_are_checked_before_the_run(tmp_path: Path, monkeypatch, args: list[str]) -> None:
    calls = []
    monkeypatch.setattr(checker.pipeline, "check", lambda *a, **k: calls.append(a))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "junk.checker-review.sqlite").write_bytes(b"junk" * 1000)
    result = CliRunner().invoke(cli, ["check", "draft.md", *args])
    assert result.exit_code == 2 and calls == [], f"the run started before {args[0]} was checked"


@pytest.mark.parametrize("name, start", [("report.html", "<!DOCTYPE html>"), ("report.json", "{"),
                                         ("report.md", "# Conflict report"), ("report.txt", "checked 2 input(s)")])
def test_format_follows_the_output_extension(tmp_path: Path, monkeypatch, name: str, start: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKER_REVIEW_STORE", raising=False)
    result = CliRunner().invoke(cli, ["check", str(GATE / "draft-consistent.md"), "--against",
                                      str(GATE / "sources"), "-o", name])
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    forced = CliRunner().invoke(cli, ["check", str(GATE / "draft-consistent.md"), "-o", name, "--format", "json"])
    assert forced.exit_code == 0 and (tmp_path / name).read_text(encoding="utf-8").startswith("{")


def test_a_failed_write_is_exit_2(tmp_path: Path, monkeypatch) -> None:
    """A disk that fills while the report is written (simulated: as root no folder is read-only)."""
    import errno
    import os

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKER_REVIEW_STORE", raising=False)
    monkeypatch.setattr(Path, "write_text", full)
    monkeypatch.setattr(os, "replace", full)
    result = CliRunner().invoke(cli, ["check", str(GATE / "draft-consistent.md"), "-o", "report.json"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: cannot write report to report.json: No space left on device")
