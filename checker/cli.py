"""The `checker` command: a thin skin over `checker.check`, `checker.review` and `checker.values.extract_values`."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
from rich.console import Console

from checker.errors import CheckerError
from checker.model import KINDS
from checker.output import emit, stdout_guard, write_atomic
from checker.render import FORMATS, ReviewContext, render
from checker.render.terminal import gate_lines, print_report, stage_progress
from checker.report import blocking
from checker.review import DEFAULT_STORE, STORE_ENV, VERDICTS, ReviewError, check_fingerprint, default_store, \
    record_verdict, reviewed


def _write(output: Path, content: str) -> None:
    write_atomic(output, content)  # a failed write leaves the old report whole: one-line error, exit 2


def _store_option(help_text: str):
    return click.option("--store", type=click.Path(dir_okay=False, path_type=Path), envvar=STORE_ENV,
                        default=None, show_envvar=True, help=help_text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="checker")
def cli() -> None:
    """Find where news sources disagree: quantities, dates and names compared across articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--against", multiple=True, type=click.Path(path_type=Path),
              help="Reference articles: PATHS are then drafts, and every finding involves a draft.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: a summary (coloured on a terminal); json: the full report; md: Markdown for a ticket; "
                   "html: one self-contained page.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--model", default=None, metavar="NAME_OR_PATH",
              help="A sentence-transformers model name (in the local cache) or folder; default: USE multilingual v3.")
@click.option("--fail-on", type=click.Choice([*KINDS, "never"]), default="never", show_default=True,
              help="Exit 1, listing them on stderr, when findings of this kind or a more severe one are found "
                   "(contradiction > imprecision > variant); dismissed findings never fail.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing (the exit code tells); --output is still written.")
@_store_option(f"Review store to read verdicts from  [default: ./{DEFAULT_STORE} when it exists].")
@click.option("--show-dismissed", is_flag=True, help="Also show findings a reviewer dismissed.")
def check(paths: tuple[Path, ...], against: tuple[Path, ...], fmt: str, output: Path | None, model: str | None,
          fail_on: str, quiet: bool, store: Path | None, show_dismissed: bool) -> None:
    """Check the articles under PATHS (files or folders) against each other.

    With --against, PATHS are drafts checked against the reference articles, and against themselves.
    """
    from checker.pipeline import check as run_check

    stderr = Console(stderr=True)
    say, stop = stage_progress(stderr) if stderr.is_terminal and not quiet else (None, lambda: None)
    if store is not None and not store.is_file() and not quiet:
        # not an error: the first gate run of a project has no verdicts yet; but a mistyped path should show
        click.echo(f"checker: no review store at {store} yet: no verdicts applied", err=True)
    store = store or default_store()
    try:
        report = run_check(list(paths), against=list(against), model=model, progress=say)
        report, hidden = reviewed(report, store, show_dismissed)
    except CheckerError as err:
        raise click.ClickException(str(err)) from err
    finally:
        stop()
    context = ReviewContext(store=str(store) if store.is_file() else None, hidden=hidden)
    if output is not None:
        _write(output, render(report, fmt, context))
    elif not quiet:
        with stdout_guard():
            console = Console(highlight=False)
            if fmt == "text" and console.is_terminal:
                print_report(report, console, context)
            else:
                emit(render(report, fmt, context))
    failed = blocking(report.findings, fail_on)
    if failed:
        if not quiet:
            click.echo(f"checker: {len(failed)} finding(s) at or above {fail_on}:", err=True)
            for line in gate_lines(failed):
                click.echo(f"  {line}", err=True)
        sys.exit(1)


def _fingerprint(_ctx, _param, value: str) -> str:
    try:
        return check_fingerprint(value)
    except ReviewError as err:
        raise click.BadParameter(str(err)) from err


@cli.command()
@click.argument("fingerprint", callback=_fingerprint)
@click.option("--verdict", type=click.Choice(VERDICTS), required=True,
              help="confirmed: a real disagreement; dismissed: not one (hidden from later reports).")
@click.option("--note", default=None, metavar="TEXT", help="Why, for the next reviewer.")
@_store_option(f"Review store to write to (created if absent)  [default: ./{DEFAULT_STORE}].")
def review(fingerprint: str, verdict: str, note: str | None, store: Path | None) -> None:
    """Record a reviewer's verdict on the finding with FINGERPRINT (shown beside each finding in every report).

    Later `checker check` runs reading the same store mark the finding, and hide it when dismissed.
    """
    store = store or default_store()
    try:
        recorded = record_verdict(store, fingerprint, verdict, note)
    except CheckerError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{fingerprint}: {recorded['verdict']} ({store})")


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--lang", type=click.Choice(["ar", "en", "fr"]), default=None, help="Default: detected.")
@click.option("--published", default=None, metavar="YYYY-MM-DD", help="Anchor for relative dates.")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def extract(file, lang: str | None, published: str | None, fmt: str) -> None:
    """Print the values checker reads in FILE ('-' for standard input)."""
    from checker.lang import detect_lang
    from checker.values.reader import extract_values

    anchor = None
    if published:
        try:
            anchor = dt.date.fromisoformat(published)
        except ValueError as err:
            raise click.BadParameter(f"{published!r} is not an ISO date (YYYY-MM-DD)", param_hint="--published") from err
    text = file.read()
    values = extract_values(text, lang or detect_lang(text), anchor)
    payload = {"values": [value.model_dump(mode="json", exclude_none=False) for value in values]}
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def main() -> None:
    cli(prog_name="checker")


if __name__ == "__main__":  # python -m checker.cli, as the benchmark scorer runs it
    main()
