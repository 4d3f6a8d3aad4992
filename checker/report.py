"""The report as data: JSON (the contract in ../shared/bench/README.md), tallies, severity and the editor's gate.

Renderers for people (text, Markdown, HTML) live in `checker.render`; `render_text` and `render_markdown` are
re-exported here for callers of the first version.
"""
from __future__ import annotations

import json
from collections import Counter

from checker.model import KINDS, Finding, Report

SEVERITY = {"variant": 1, "imprecision": 2, "contradiction": 3}


def render_json(report: Report, store: str | None = None, hidden: int = 0) -> str:
    """`Report.to_json()`; when a review store was read, plus a top-level `review` object naming it and counting
    the dismissed findings left out (each finding carries its own `fingerprint` and `review`)."""
    text = report.to_json()
    if store is None and not hidden:
        return text
    payload = json.loads(text)
    payload["review"] = {"store": store, "hidden_dismissed": hidden}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def counts(report: Report) -> dict[str, int]:
    found = Counter(f.kind for f in report.findings)
    return {kind: found.get(kind, 0) for kind in KINDS}


def worst(findings: tuple[Finding, ...]) -> int:
    return max((SEVERITY[f.kind] for f in findings), default=0)


def blocking(findings: tuple[Finding, ...] | list[Finding], fail_on: str) -> list[Finding]:
    """Findings at or above `fail_on` that no reviewer dismissed: what fails the gate ('never': none)."""
    if fail_on == "never":
        return []
    level = SEVERITY[fail_on]
    return [f for f in findings
            if SEVERITY[f.kind] >= level and not (f.review and f.review.get("verdict") == "dismissed")]


def unchecked(report: Report, drafts: bool = False) -> list[str]:
    """Why the run did not do what was asked, one line each: with drafts (`--against`), every draft input that was
    skipped (a mistyped path, a binary file, broken front matter, an empty folder: the gate must not pass on a
    draft it never read); else, a run that read no article at all. A skipped reference article is reported in
    the report, not here: the draft was still checked against the rest."""
    problems = []
    if drafts:
        problems += [f"draft {i.source} could not be checked: {i.reason}"
                     for i in report.inputs if i.role == "draft" and i.status == "skipped"]
        if not problems and not any(a.role == "draft" for a in report.articles):
            problems.append("nothing checked: no draft article was read")
    if not problems and not report.articles:
        given = ", ".join(i.source for i in report.inputs) or "no input"
        problems.append(f"nothing checked: no article was read from {given}")
    return problems


def render_text(report: Report) -> str:
    from checker.render.terminal import render_text as render

    return render(report)


def render_markdown(report: Report) -> str:
    from checker.render.markdown import render_markdown as render

    return render(report)
