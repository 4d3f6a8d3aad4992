"""Where a report goes: a file written atomically, or standard output, and a one-line error when either fails.

A report is written to a temporary file beside the target and renamed over it only once whole, so a full disk or a
killed run leaves the previous report intact, never a truncated one. Standard output that is closed (`| head`) or
full (`> /dev/full`) is the run's own failure: one line on stderr and exit 2, never a traceback.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import click

# Exit status of a run that could not deliver its report (1 is the gate's: findings at or above --fail-on).
EXIT_RUN_FAILED = 2


class OutputError(click.ClickException):
    """The report could not be written; `checker` prints `Error: ...` and exits 2."""

    exit_code = EXIT_RUN_FAILED


def write_atomic(path: Path, content: str) -> None:
    """Write `content` (UTF-8) to `path` through a temporary file in the same folder and a rename."""
    folder = path.parent if str(path.parent) else Path(".")
    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
        temporary = None
    except OSError as err:
        raise OutputError(f"cannot write report to {path}: {err.strerror or err}; "
                          f"{'the report there is unchanged' if path.exists() else 'nothing was written'}") from err
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _mode_for(path: Path) -> int:
    """The mode the report keeps (a replaced file's own, else what the umask gives a new file: mkstemp's is 0600)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def emit(text: str) -> None:
    """Write `text` (UTF-8) to standard output whole: each short write resumed until every byte is out.

    With PYTHONUNBUFFERED set, `sys.stdout.write` hands a long text to one write(2) and ignores a short count, so a
    report cut by a closed pipe would be lost without an error; writing to the descriptor directly sees it.
    """
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):
        sys.stdout.write(text)  # not a file (a test's capture): nothing to resume
        return
    sys.stdout.flush()
    data = memoryview(text.encode("utf-8"))
    while data:
        data = data[os.write(descriptor, data):]


@contextlib.contextmanager
def stdout_guard() -> Iterator[None]:
    """Turn a closed or full standard output inside the block into an OutputError (flushing before leaving)."""
    try:
        yield
        sys.stdout.flush()
    except OSError as err:
        _silence_stdout()
        raise OutputError(f"cannot write the report to standard output: {err.strerror or err}") from err


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again with a traceback."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
