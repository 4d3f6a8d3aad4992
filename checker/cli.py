"""The `checker` command: a thin skin over `checker.check`, `checker.review` and `checker.values.extract_values`."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click
from rich.console import Console

from checker.errors import CheckerError
from checker.model import KINDS
from checker.output import emit, stdout_guard, write_atomic
from checker.render import FORMATS, ReviewContext, printable, render
from checker.render.terminal import gate_lines, print_report, stage_progress, verdict_lines
from checker.report import blocking, unchecked
from checker.review import DEFAULT_STORE, REVIEWER_ENV, STORE_ENV, VERDICTS, ReviewStore, default_reviewer, \
    default_store, export_verdicts, load_report, read_verdicts, record_verdict, resolve_fingerprint, reviewed


class RunFailed(click.ClickException):
    """The run could not do what was asked (an unreadable draft, nothing checked, a broken store, a failed write).

    Exit 2, as for a usage error: exit 1 is kept for "findings at or above --fail-on", so a CI script can tell a
    draft that fails the gate from a gate that never ran.
    """

    exit_code = 2


# `-o report.html` means HTML: the output's extension picks the format unless --format says otherwise.
FORMAT_BY_SUFFIX = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                    ".txt": "text", ".text": "text"}
STDOUT = "-"


def output_format(fmt: str | None, output: Path | None) -> str:
    if fmt:
        return fmt
    if output is None or str(output) == STDOUT:
        return "text"
    return FORMAT_BY_SUFFIX.get(output.suffix.lower(), "text")


def check_writable(output: Path) -> None:
    """Fail before the run, not after it: the folder must exist and be writable, and the path not be a folder."""
    if str(output) == STDOUT:
        return
    folder = output.parent
    if output.is_dir():
        raise RunFailed(f"cannot write report to {output}: it is a folder")
    if output.exists() and not output.is_file():
        # a report replaces its file whole; a device or a pipe is not a report file (-o - writes standard output)
        raise RunFailed(f"cannot write report to {output}: not a regular file; use -o - for standard output")
    if not folder.is_dir():
        raise RunFailed(f"cannot write report to {output}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise RunFailed(f"cannot write report to {output}: permission denied")


def _write(output: Path, content: str) -> None:
    if str(output) == STDOUT:
        with stdout_guard():
            emit(content)
        return
    write_atomic(output, content)  # a failed write leaves the old report whole: one-line error, exit 2


def _store_option(help_text: str):
    return click.option("--store", type=click.Path(dir_okay=False, path_type=Path), envvar=STORE_ENV,
                        default=None, show_envvar=True, help=help_text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="checker")
def cli() -> None:
    """Find where news sources disagree: quantities, dates and names compared across articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--against", multiple=True, type=click.Path(path_type=Path),
              help="Reference articles: PATHS are then drafts, and every finding involves a draft.")
@click.option("--against-index", "against_index", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="An index of the wire (`checker index build`): PATHS are drafts, checked against the indexed "
                   "articles of their stories.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="text: a summary (coloured on a terminal); json: the full report; md: Markdown for a ticket; "
                   "html: one self-contained page.  [default: from the --output extension, else text]")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
              help="Write the report here ('-': standard output); checked before the run starts.")
@click.option("--model", default=None, metavar="NAME_OR_PATH",
              help="A sentence-transformers model name (in the local cache) or folder; default: USE multilingual v3.")
@click.option("--fail-on", type=click.Choice([*KINDS, "never"]), default="never", show_default=True,
              help="Exit 1, listing them on stderr, when findings of this kind or a more severe one are found "
                   "(contradiction > imprecision > variant); dismissed findings never fail. Exit 2 when the run "
                   "could not check what was asked (a draft unreadable, nothing read, a failed write).")
@click.option("--quiet", "-q", is_flag=True,
              help="Print nothing but errors (the exit code tells); --output is still written.")
@_store_option(f"Review store to read verdicts from  [default: ./{DEFAULT_STORE} when it exists].")
@click.option("--show-dismissed", is_flag=True, help="Also show findings a reviewer dismissed.")
@click.option("--engine", type=click.Choice(["local", "processes", "ray"]), default="local", show_default=True,
              help="processes: sentences, values and vectors computed by one forked process per core (worth its "
                   "start-up from a few hundred articles on); ray: the same by Ray Data over time-window "
                   "partitions of the input (a cluster at RAY_ADDRESS, else a local one); compared on this machine, "
                   "same findings.")
def check(paths: tuple[Path, ...], against: tuple[Path, ...], against_index: Path | None, fmt: str | None,
          output: Path | None, model: str | None, fail_on: str, quiet: bool, store: Path | None,
          show_dismissed: bool, engine: str) -> None:
    """Check the articles under PATHS (files or folders; '-' reads standard input) against each other.

    With --against, PATHS are drafts checked against the reference articles, and against themselves.
    Exit 0: checked, nothing at or above --fail-on; 1: findings at or above it; 2: the run could not do what
    was asked.
    """
    if engine == "ray":
        from checker.distributed import check_on_ray as run_check
    elif engine == "processes":
        from checker.distributed import check_in_processes as run_check
    else:
        from checker.pipeline import check as run_check

    if against and against_index is not None:
        raise click.UsageError("give --against or --against-index, not both")
    fmt = output_format(fmt, output)
    if output is not None:
        check_writable(output)
    stderr = Console(stderr=True)
    say, stop = stage_progress(stderr) if stderr.is_terminal and not quiet else (None, lambda: None)
    if store is not None and not store.is_file() and not quiet:
        # not an error: the first gate run of a project has no verdicts yet; but a mistyped path should show
        click.echo(f"checker: no review store at {store} yet: no verdicts applied", err=True)
    store = store or default_store()
    try:
        verdicts = read_verdicts(store)  # a broken store fails now, not after the run
        if against_index is not None:
            from checker.index import check_against_index

            report = check_against_index(list(paths), against_index, model=model, progress=say)
        else:
            report = run_check(list(paths), against=list(against), model=model, progress=say)
        report, hidden = reviewed(report, store, show_dismissed, verdicts)
    except CheckerError as err:
        raise RunFailed(str(err)) from err
    finally:
        stop()
    context = ReviewContext(store=str(store) if store.is_file() else None, hidden=hidden)
    to_stdout = output is None or str(output) == STDOUT
    if output is not None:
        _write(output, render(report, fmt, context))
    elif not quiet:
        with stdout_guard():
            console = Console(highlight=False)
            if fmt == "text" and console.is_terminal:
                print_report(report, console, context)
            else:
                emit(render(report, fmt, context))
    if not quiet and not (to_stdout and fmt == "text"):
        # the text report lists skipped inputs itself; any other output says so here, where a person looks
        for item in report.inputs:
            if item.status == "skipped" and item.role != "draft":
                click.echo(printable(f"checker: skipped {item.source}: {item.reason}"), err=True)
    problems = unchecked(report, drafts=bool(against) or against_index is not None)
    if problems:
        for problem in problems[:-1]:
            click.echo(f"Error: {printable(problem)}", err=True)
        raise RunFailed(printable(problems[-1]))
    failed = blocking(report.findings, fail_on)
    if failed:
        if not quiet:
            click.echo(f"checker: {len(failed)} finding(s) at or above {fail_on}:", err=True)
            for line in gate_lines(failed):
                click.echo(f"  {line}", err=True)
        sys.exit(1)


@cli.group()
def index() -> None:
    """An index of the wire: read, value and embed a feed once, then check drafts against it in seconds
    (`checker check DRAFT --against-index DIR`)."""


def _index_run(action: str, paths: tuple[Path, ...], folder: Path, model: str | None) -> None:
    from checker.embed import load_embedder
    from checker.index import add as index_add, build as index_build

    try:
        embedder = load_embedder(model)
        run = index_build if action == "build" else index_add
        done = run(list(paths), folder, embedder, progress=lambda line: click.echo(f"checker: {line}", err=True))
    except CheckerError as err:
        raise RunFailed(str(err)) from err
    for source, reason in done["skipped"]:
        click.echo(printable(f"checker: skipped {source}: {reason}"), err=True)
    click.echo(f"{folder}: {done['added']} article(s) added ({done['already']} already indexed), "
               f"{done['articles']} in all, {done['stories']} stories ({done['regrouped']} article(s) regrouped)")


@index.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--index", "folder", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder the index is written to (it must not hold one yet).")
@click.option("--model", default=None, metavar="NAME_OR_PATH", help="As for `check`; saved with the index.")
def index_build(paths: tuple[Path, ...], folder: Path, model: str | None) -> None:
    """Index the articles under PATHS (files, folders, .jsonl feeds) in a new index."""
    _index_run("build", paths, folder, model)


@index.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--index", "folder", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The index to add to.")
@click.option("--model", default=None, metavar="NAME_OR_PATH", help="Must be the model the index was built with.")
def index_add(paths: tuple[Path, ...], folder: Path, model: str | None) -> None:
    """Add the articles under PATHS to an index (articles already in it, by any path, are kept once), regrouping
    the stories they touch."""
    _index_run("add", paths, folder, model)


EXPORT_FORMATS = {".csv": "csv", ".json": "json"}


@cli.command()
@click.argument("fingerprint", required=False)
@click.option("--verdict", type=click.Choice(VERDICTS), default=None,
              help="confirmed: a real disagreement; dismissed: not one (hidden from later reports); unsure: for "
                   "another reviewer to look at.")
@click.option("--note", default=None, metavar="TEXT", help="Why, for the next reviewer.")
@click.option("--reviewer", default=None, metavar="NAME", envvar=REVIEWER_ENV, show_envvar=True,
              help="Who gives the verdict  [default: the login name].")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The JSON report the fingerprint is from (`check --format json`): checks the fingerprint "
                   "and keeps what the finding said beside the verdict. Needed for a finding not yet reviewed.")
@click.option("--list", "listing", is_flag=True, help="List the latest verdict of every reviewed finding.")
@click.option("--history", is_flag=True, help="With --list or --export: every verdict, not only the latest.")
@click.option("--export", "export", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True), default=None,
              help="Write the verdicts to this .csv or .json file ('-': standard output, CSV).")
@_store_option(f"Review store  [default: ./{DEFAULT_STORE}; created by the first verdict].")
def review(fingerprint: str | None, verdict: str | None, note: str | None, reviewer: str | None,
           report_path: Path | None, listing: bool, history: bool, export: Path | None, store: Path | None) -> None:
    """Record a reviewer's verdict on the finding with FINGERPRINT (shown beside each finding in every report),
    or list and export the verdicts recorded.

    Later `checker check` runs reading the same store mark the finding, and hide it when dismissed.
    `checker serve` records the same verdicts from the report in a browser.
    """
    store = store or default_store()
    try:
        if listing or export is not None:
            if fingerprint or verdict:
                raise click.UsageError("--list and --export take no FINGERPRINT or --verdict")
            rows = _stored_verdicts(store, history)
            if listing:
                for line in verdict_lines(rows):
                    click.echo(printable(line))  # quotes and notes are text from outside
            if export is not None:
                fmt = EXPORT_FORMATS.get(export.suffix.lower(), "csv")
                _write(export, export_verdicts(rows, fmt))  # type: ignore[arg-type]
            return
        if not fingerprint or not verdict:
            raise click.UsageError("give a FINGERPRINT and --verdict, or --list, or --export FILE")
        report = load_report(report_path) if report_path else None
        fp, finding = resolve_fingerprint(fingerprint, store, report)
        recorded = record_verdict(store, fp, verdict, note, reviewer or default_reviewer(), finding)  # type: ignore
    except CheckerError as err:
        raise RunFailed(str(err)) from err
    click.echo(f"{fp}: {recorded['verdict']} ({store})")


def _stored_verdicts(store: Path, history: bool) -> list[dict]:
    if not store.is_file():
        raise RunFailed(f"no review store at {store}: record a verdict with `checker review` or `checker serve`")
    with ReviewStore(store, readonly=True) as opened:
        return opened.verdicts(history=history)


@cli.command()
@click.argument("report_or_paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--against", multiple=True, type=click.Path(path_type=Path),
              help="Reference articles, as for `check`: REPORT_OR_PATHS are then drafts.")
@click.option("--model", default=None, metavar="NAME_OR_PATH", help="As for `check`.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0: any free one).")
@click.option("--reviewer", default=None, metavar="NAME", envvar=REVIEWER_ENV, show_envvar=True,
              help="The name the page starts with  [default: the login name].")
@_store_option(f"Review store the verdicts go to  [default: ./{DEFAULT_STORE}; created by the first verdict].")
def serve(report_or_paths: tuple[Path, ...], against: tuple[Path, ...], model: str | None, port: int,
          reviewer: str | None, store: Path | None) -> None:
    """Review a report in the browser: the HTML report with confirm / dismiss / unsure buttons, a reviewer name
    and a note on each finding, served on 127.0.0.1 and saved to the review store as you click.

    REPORT_OR_PATHS: a JSON report (`check --format json`), or the files and folders to check.
    """
    from checker.report import unchecked
    from checker.serve import create_app, run

    store = store or default_store()
    try:
        if len(report_or_paths) == 1 and report_or_paths[0].suffix.lower() == ".json" \
                and report_or_paths[0].is_file() and not against:
            report = load_report(report_or_paths[0])
        else:
            from checker.pipeline import check as run_check

            report = run_check(list(report_or_paths), against=list(against), model=model)
            problems = unchecked(report, drafts=bool(against))
            if problems:
                raise RunFailed(problems[-1])
        app = create_app(report, store)
    except CheckerError as err:
        raise RunFailed(str(err)) from err
    app.config["CHECKER_REVIEWER"] = reviewer or default_reviewer()
    try:
        run(app, port, ready=lambda url: click.echo(f"checker: reviewing {len(report.findings)} finding(s) at "
                                                    f"{url} (verdicts to {store}); Ctrl-C stops", err=True))
    except OSError as err:
        raise RunFailed(f"cannot listen on 127.0.0.1:{port}: {err.strerror or err}") from err
    except KeyboardInterrupt:
        pass


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@click.option("--lang", type=click.Choice(["ar", "en", "fr"]), default=None,
              help="Default: the front matter's, else detected, as `check` reads it.")
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Anchor for relative dates.  [default: the file's own publication date, as `check` reads it]")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def extract(file: Path, lang: str | None, published: str | None, fmt: str) -> None:
    """Print the values checker reads in FILE ('-' for standard input), read exactly as `check` reads it.

    Decoding, front matter, HTML text, publication date, articles appended after "read also" and sentences are
    those of `check`; offsets are into the whole decoded file (front matter included), as in a report.
    """
    from checker.claims import split_claims
    from checker.ingest import read_inputs
    from checker.pipeline import extract_mentions

    anchor = None
    if published:
        try:
            anchor = dt.date.fromisoformat(published)
        except ValueError as err:
            raise click.BadParameter(f"{published!r} is not an ISO date (YYYY-MM-DD)", param_hint="--published") from err
    articles, inputs = read_inputs([file])
    skipped = [i for i in inputs if i.status == "skipped"]
    if not articles:
        reason = skipped[0].reason if skipped else "no article"
        raise RunFailed(f"{skipped[0].source if skipped else file}: {reason}")
    overrides = {key: value for key, value in (("lang", lang), ("published", anchor)) if value is not None}
    articles = [article.model_copy(update=overrides) for article in articles]
    mentions = extract_mentions(articles, split_claims(articles))
    payload = {
        "articles": [{"id": a.id, "start": a.start, "end": a.end, "lang": a.lang,
                      "published": a.published.isoformat() if a.published else None, "outlet": a.outlet}
                     for a in articles],
        "values": [{**m.value.model_dump(mode="json", exclude_none=False), "article": m.article_id}
                   for m in mentions],
    }
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def main() -> None:
    cli(prog_name="checker")


if __name__ == "__main__":  # python -m checker.cli, as the benchmark scorer runs it
    main()
