"""Where a report goes: atomic files, and a closed or full standard output as a one-line error (exit 2)."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker import output
from checker.output import OutputError, write_atomic

ROOT = Path(__file__).resolve().parent.parent

# Runs `checker check` in a fresh interpreter with the pipeline replaced by a canned report, so the test is about
# where the report goes, not about reading articles.
_CLI = """
import sys
import checker.pipeline
from checker.model import Input, Report, Settings
report = Report(version="t", settings=Settings(model="fake", dimension=2, similarity_threshold=0.5, neighbours=2),
                inputs=tuple(Input(source=f"a{n}.md", status="skipped", reason="not text") for n in range(20000)),
                articles=(), findings=())
checker.pipeline.check = lambda *args, **kwargs: report
from checker.cli import main
sys.argv = ["checker", "check", "x.md", *sys.argv[1:]]
main()
"""


def test_atomic_write_replaces_the_report_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "نص جديد")
    assert target.read_text(encoding="utf-8") == "نص جديد"
    assert target.stat().st_mode & 0o777 == 0o640, "a replaced report keeps its mode"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"], "a temporary file was left behind"


@pytest.mark.parametrize("failing", ["write", "replace"])
def test_a_failed_write_leaves_the_old_report_whole(tmp_path: Path, monkeypatch, failing: str) -> None:
    target = tmp_path / "report.json"
    target.write_text('{"old": "report"}', encoding="utf-8")
    full = OSError(errno.ENOSPC, "No space left on device")
    if failing == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, _data):
                raise full

        monkeypatch.setattr(output.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(output.os, "replace", lambda *_: (_ for _ in ()).throw(full))
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "new " * 1000)
    assert caught.value.exit_code == 2
    assert str(caught.value) == (f"cannot write report to {target}: No space left on device; "
                                 "the report there is unchanged")
    assert target.read_text(encoding="utf-8") == '{"old": "report"}'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_an_unwritable_folder_is_a_one_line_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _CLI, "--output", str(tmp_path / "missing" / "r.json")],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 2
    # found before the run starts (checker.cli.check_writable), not after it
    assert done.stderr.strip().splitlines() == [f"Error: cannot write report to {tmp_path / 'missing' / 'r.json'}: "
                                                f"folder {tmp_path / 'missing'} does not exist"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_full_stdout_is_a_one_line_error(fmt: str) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", _CLI, "--format", fmt], stdout=full, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: cannot write the report to standard output: No space left on device"]


@pytest.mark.parametrize("fmt", ["json", "text"])
@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_closed_pipe_is_a_one_line_error(fmt: str, unbuffered: str) -> None:
    # PYTHONUNBUFFERED=1 once made a short write to a closing pipe pass silently, the report cut and exit 0.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": unbuffered}
    process = subprocess.Popen([sys.executable, "-c", _CLI, "--format", fmt], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    process.stdout.read(10)  # like `| head -c 10`: read a little, then close
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 2, stderr
    assert stderr.strip().splitlines() == ["Error: cannot write the report to standard output: Broken pipe"]
