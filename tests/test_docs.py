"""Docs stay true: every command has help, and CI installs and tests exactly as README.md tells a newcomer."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from checker.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CI = ROOT / ".ci" / "run"


def command_paths(group: click.Command, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The top-level command and every (sub)command under it, as argument prefixes."""
    paths = [prefix]
    if isinstance(group, click.Group):
        for name, command in sorted(group.commands.items()):
            paths.extend(command_paths(command, (*prefix, name)))
    return paths


@pytest.mark.parametrize("path", command_paths(cli), ids=lambda p: " ".join(("checker", *p)))
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, f"checker {' '.join(path)} --help exited {result.exit_code}: {result.output}"
    assert result.output.startswith("Usage: "), result.output
    assert result.output.count("\n") > 3, f"help too short: {result.output!r}"


def setup_commands() -> list[str]:
    """The command lines of the first ```sh block under README's "Quick start" (or "Set-up") heading."""
    text = README.read_text(encoding="utf-8")
    heading = re.search(r"^#+ .*(?:quick start|set-?up).*$", text, re.IGNORECASE | re.MULTILINE)
    assert heading, "README.md has no 'Quick start' or 'Set-up' heading"
    section = text[heading.end():]
    next_heading = re.search(r"^#+ ", section, re.MULTILINE)
    section = section[:next_heading.start()] if next_heading else section
    block = re.search(r"^```(?:sh|bash|console|shell)\s*\n(.*?)^```", section, re.DOTALL | re.MULTILINE)
    assert block, "README.md's Quick start section has no ```sh block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.strip().startswith("#")]


@pytest.fixture(scope="module")
def readme_commands() -> list[str]:
    if not README.is_file():
        pytest.fail("README.md is missing: it must give the two set-up commands in a ```sh block under 'Quick start'")
    return setup_commands()


def test_readme_gives_the_two_setup_commands(readme_commands: list[str]) -> None:
    assert len(readme_commands) == 2, f"expected two commands (install and check, then test): {readme_commands}"
    install, test = readme_commands
    assert install.startswith("python3 -m venv .venv"), install
    assert "checker check seeds/" in install, f"the first command should end by checking the seeds: {install}"
    assert "pytest" in test, f"the second command should run the tests: {test}"


def test_ci_runs_the_readme_commands_verbatim(readme_commands: list[str]) -> None:
    ci_lines = [line.strip() for line in CI.read_text(encoding="utf-8").splitlines()]
    for command in readme_commands:
        assert command in ci_lines, f".ci/run does not run the README command verbatim:\n  {command}"
