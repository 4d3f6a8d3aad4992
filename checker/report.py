"""Render a Report: JSON (the contract in ../shared/bench/README.md), plain text and Markdown."""
from __future__ import annotations

from collections import Counter

from checker.model import KINDS, Finding, Report

SEVERITY = {"variant": 1, "imprecision": 2, "contradiction": 3}


def render_json(report: Report) -> str:
    return report.to_json()


def counts(report: Report) -> dict[str, int]:
    found = Counter(f.kind for f in report.findings)
    return {kind: found.get(kind, 0) for kind in KINDS}


def _side_line(side) -> str:
    where = side.outlet or side.source
    return f"{where} [{side.source}:{side.start}-{side.end}] {side.text!r}"


def render_text(report: Report) -> str:
    checked = [i for i in report.inputs if i.status == "checked"]
    skipped = [i for i in report.inputs if i.status == "skipped"]
    tally = counts(report)
    lines = [
        f"checked {len(checked)} input(s), {len(report.articles)} article(s); skipped {len(skipped)}",
        "findings: " + ", ".join(f"{tally[k]} {k}" for k in KINDS),
    ]
    lines += [f"  skipped {i.source}: {i.reason}" for i in skipped]
    for finding in report.findings:
        lines += ["", f"[{finding.kind}] {finding.type}  ({finding.id})"]
        lines += [f"  {_side_line(side)}" for side in finding.sides]
        lines.append(f"  why: {finding.explanation}")
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(report: Report) -> str:
    tally = counts(report)
    lines = ["# Conflict report", "", "| kind | findings |", "|---|---|"]
    lines += [f"| {kind} | {tally[kind]} |" for kind in KINDS]
    lines += ["", "## Findings", ""]
    if not report.findings:
        lines.append("No disagreement found.")
    for finding in report.findings:
        lines += [f"### {finding.kind}: {finding.type} (`{finding.id}`)", "", "| source | quote | value | sentence |",
                  "|---|---|---|---|"]
        for side in finding.sides:
            lines.append(f"| {_md_cell(side.outlet or side.source)} | {_md_cell(side.text)} | "
                         f"{_md_cell(side.normalized)} | {_md_cell(side.sentence)} |")
        lines += ["", f"Why: {_md_cell(finding.explanation)}", ""]
    lines += ["## Inputs", "", "| input | status | reason |", "|---|---|---|"]
    lines += [f"| {_md_cell(i.source)} | {i.status} | {_md_cell(i.reason or '')} |" for i in report.inputs]
    return "\n".join(lines) + "\n"


def worst(findings: tuple[Finding, ...]) -> int:
    return max((SEVERITY[f.kind] for f in findings), default=0)
