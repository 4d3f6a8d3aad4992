"""The `checker` command: output, exit codes, the editor's gate."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker.pipeline
from checker.cli import cli
from checker.errors import InputError
from checker.model import Article, Finding, Input, Report, Settings, Side

GATE = Path(__file__).resolve().parent.parent / "fixtures" / "gate"
SOURCES = str(GATE / "sources")


@pytest.fixture
def runner(tmp_path: Path, monkeypatch) -> CliRunner:
    # A review store in the developer's working directory must not change what these tests see.
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKER_REVIEW_STORE", raising=False)
    return CliRunner()


def _side(source: str, text: str, start: int) -> Side:
    return Side(source=source, start=start, end=start + len(text), text=text, article_id=f"{source}#0",
                sentence=f"It said {text}.", normalized=text)


def canned(*kinds: str) -> Report:
    findings = tuple(Finding(id=f"f{n}", kind=kind, type="quantity", explanation=f"a {kind}",
                             sides=(_side("draft.md", f"{n} people", 8), _side("wire.md", f"{n + 5} people", 8)))
                     for n, kind in enumerate(kinds))
    return Report(version="t", settings=Settings(model="fake", dimension=2, similarity_threshold=0.5, neighbours=2),
                  inputs=(Input(source="draft.md", status="checked", articles=1),),
                  articles=(Article(id="draft.md#0", source="draft.md", text="It said 0 people.", start=0, end=17),),
                  findings=findings)


@pytest.fixture
def fake_check(monkeypatch):
    """Replace the pipeline with a report of the given kinds; records what it was called with."""
    calls = []

    def install(*kinds: str) -> list:
        def check(paths, against=(), model=None, progress=None, **_):
            calls.append({"paths": paths, "against": against, "progress": progress})
            return canned(*kinds)
        monkeypatch.setattr(checker.pipeline, "check", check)
        return calls
    return install


@pytest.mark.parametrize("command", [[], ["check"], ["extract"], ["review"], ["serve"]])
def test_every_command_has_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert len(result.output.splitlines()) > 4


def test_all_commands_are_covered_by_the_help_test() -> None:
    assert set(cli.commands) == {"check", "extract", "index", "review", "serve"}, "add new commands to test_every_command_has_help"


@pytest.mark.parametrize("kinds, fail_on, code", [
    ((), "contradiction", 0),
    (("variant",), "variant", 1),
    (("variant",), "imprecision", 0),
    (("imprecision",), "variant", 1),
    (("imprecision",), "imprecision", 1),
    (("imprecision", "variant"), "contradiction", 0),
    (("contradiction",), "contradiction", 1),
    (("contradiction",), "imprecision", 1),
    (("contradiction",), "never", 0),
])
def test_fail_on_each_level(runner, fake_check, kinds, fail_on: str, code: int) -> None:
    fake_check(*kinds)
    result = runner.invoke(cli, ["check", "draft.md", "--fail-on", fail_on])
    assert result.exit_code == code, result.output
    if code:
        assert f"at or above {fail_on}" in result.stderr
    else:
        assert "at or above" not in result.stderr


def test_gate_list_is_terse_and_on_stderr(runner, fake_check) -> None:
    fake_check("contradiction", "variant")
    result = runner.invoke(cli, ["check", "draft.md", "--fail-on", "contradiction", "--format", "json"])
    assert result.exit_code == 1
    json.loads(result.stdout)  # the report on stdout stays valid JSON
    lines = result.stderr.splitlines()
    assert lines[0] == "checker: 1 finding(s) at or above contradiction:"
    assert len(lines) == 2 and "draft.md:8-16 '0 people' vs wire.md:8-16 '5 people'" in lines[1]


def test_quiet_prints_nothing_but_still_writes_output(runner, fake_check, tmp_path: Path) -> None:
    fake_check("contradiction")
    result = runner.invoke(cli, ["check", "draft.md", "--fail-on", "contradiction", "--quiet"])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    out = tmp_path / "report.html"
    result = runner.invoke(cli, ["check", "draft.md", "-q", "--format", "html", "--output", str(out)])
    assert (result.exit_code, result.output) == (0, "")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("fmt, start", [("json", "{"), ("md", "# Conflict report"), ("html", "<!DOCTYPE html>"),
                                        ("text", "checked 1 input(s)")])
def test_formats(runner, fake_check, fmt: str, start: str) -> None:
    fake_check("imprecision")
    result = runner.invoke(cli, ["check", "draft.md", "--format", fmt])
    assert result.exit_code == 0 and result.stdout.startswith(start), result.output
    assert "\x1b[" not in result.stdout, "colour codes in output that is not a terminal"


def test_no_progress_off_a_terminal(runner, fake_check) -> None:
    calls = fake_check("variant")
    result = runner.invoke(cli, ["check", "draft.md", "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    assert calls[0]["progress"] is None


@pytest.mark.parametrize("args", [
    ["check"],
    ["check", "x.md", "--format", "pdf"],
    ["check", "x.md", "--fail-on", "typo"],
    ["nonsense"],
])
def test_usage_errors_exit_2(runner, fake_check, args: list[str]) -> None:
    fake_check()
    assert runner.invoke(cli, args).exit_code == 2


def test_checker_errors_are_one_line(runner, monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise InputError("no input: give at least one file or folder to check")
    monkeypatch.setattr(checker.pipeline, "check", broken)
    result = runner.invoke(cli, ["check", "x.md"])
    assert result.exit_code == 2
    assert result.output == "Error: no input: give at least one file or folder to check\n"


def test_missing_store_is_mentioned_not_fatal(runner, fake_check) -> None:
    fake_check("variant")
    result = runner.invoke(cli, ["check", "draft.md", "--store", "typo.sqlite", "--format", "json"])
    assert result.exit_code == 0 and "no review store at typo.sqlite" in result.stderr


# The gate end to end, on drafts under fixtures/gate/ and the real pipeline.

@pytest.mark.parametrize("draft, fail_on, code", [
    ("draft-contradicts-source.md", "contradiction", 1),
    ("draft-contradicts-itself.md", "contradiction", 1),
    ("draft-consistent.md", "contradiction", 0),
    ("draft-consistent.md", "variant", 0),
    ("draft-vaguer.md", "contradiction", 0),
    ("draft-vaguer.md", "imprecision", 1),
])
def test_gate_on_drafts(runner, draft: str, fail_on: str, code: int) -> None:
    result = runner.invoke(cli, ["check", str(GATE / draft), "--against", SOURCES, "--fail-on", fail_on])
    assert result.exit_code == code, f"{draft} --fail-on {fail_on}: exit {result.exit_code}\n{result.output}"


def test_gate_names_a_self_contradiction(runner) -> None:
    draft = GATE / "draft-contradicts-itself.md"
    result = runner.invoke(cli, ["check", str(draft), "--against", SOURCES, "--fail-on", "contradiction"])
    listed = result.stderr.splitlines()[1:]
    itself = [line for line in listed if line.count("draft-contradicts-itself.md") == 2]
    assert itself, f"the headline (19) against the body (14) of the draft is not listed:\n{result.stderr}"
    assert "'19 people'" in itself[0] and "'14 people'" in itself[0]


def test_gate_names_the_source(runner) -> None:
    draft = GATE / "draft-contradicts-source.md"
    result = runner.invoke(cli, ["check", str(draft), "--against", SOURCES, "--fail-on", "contradiction", "-q"])
    assert (result.exit_code, result.output) == (1, "")
    result = runner.invoke(cli, ["check", str(draft), "--against", SOURCES, "--fail-on", "contradiction"])
    assert "draft-contradicts-source.md" in result.stderr and "coast-wire.md" in result.stderr


def test_extract_still_prints_values(runner) -> None:
    result = runner.invoke(cli, ["extract", "-", "--lang", "en"], input="The storm killed 14 people.\n")
    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)["values"]
    assert any(v["type"] == "quantity" and v["text"].startswith("14") for v in values)
