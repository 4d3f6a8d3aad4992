"""The `checker` command: a thin skin over `checker.check` and `checker.values.extract_values`."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from checker.errors import CheckerError
from checker.model import KINDS
from checker.report import SEVERITY, render_json, render_markdown, render_text, worst

RENDERERS = {"text": render_text, "json": render_json, "md": render_markdown}


def _write(output: Path | None, content: str) -> None:
    if output is None:
        click.echo(content, nl=False)
        return
    try:
        output.write_text(content, encoding="utf-8")
    except OSError as err:
        raise click.ClickException(f"cannot write report to {output}: {err.strerror}") from err


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="checker")
def cli() -> None:
    """Find where news sources disagree: quantities, dates and names compared across articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--against", multiple=True, type=click.Path(path_type=Path),
              help="Reference articles: PATHS are then drafts, and every finding involves a draft.")
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--model", default=None, metavar="NAME_OR_PATH",
              help="A sentence-transformers model name (in the local cache) or folder; default: USE multilingual v3.")
@click.option("--fail-on", type=click.Choice([*KINDS, "never"]), default="never", show_default=True,
              help="Exit 1 when a finding of this kind or a more severe one is found "
                   "(contradiction > imprecision > variant).")
def check(paths: tuple[Path, ...], against: tuple[Path, ...], fmt: str, output: Path | None, model: str | None,
          fail_on: str) -> None:
    """Check the articles under PATHS (files or folders) against each other."""
    from checker.pipeline import check as run_check

    try:
        report = run_check(list(paths), against=list(against), model=model)
    except CheckerError as err:
        raise click.ClickException(str(err)) from err
    _write(output, RENDERERS[fmt](report))
    if fail_on != "never" and worst(report.findings) >= SEVERITY[fail_on]:
        sys.exit(1)


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
