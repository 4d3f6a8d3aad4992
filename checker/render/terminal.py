"""The report for a terminal: the same lines coloured on a TTY (rich) and plain in a file or a pipe."""
from __future__ import annotations

from typing import Callable, Iterator

from rich.console import Console
from rich.text import Text

from checker.model import KINDS, Finding, Report, Side
from checker.render import ReviewContext, articles_by_id, by_story, place, printable, quote_parts, story_line, \
    value_gloss
from checker.report import counts

KIND_STYLE = {"contradiction": "bold red", "imprecision": "yellow", "variant": "cyan"}
VERDICT_STYLE = {"confirmed": "bold green", "dismissed": "dim"}
_CONTEXT = 90  # characters of sentence kept on each side of the value: a summary, not the article


def _clip(before: str, after: str) -> tuple[str, str]:
    if len(before) > _CONTEXT:
        before = "…" + before[-_CONTEXT:].lstrip()
    if len(after) > _CONTEXT:
        after = after[:_CONTEXT].rstrip() + "…"
    return before, after


def _where(side: Side) -> str:
    parts = [side.outlet] if side.outlet else []
    if side.published:
        parts.append(side.published.isoformat())
    parts.append(place(side))
    return " · ".join(parts)


def _finding_lines(finding: Finding, articles) -> Iterator[Text]:
    head = Text()
    head.append(finding.kind.upper(), KIND_STYLE[finding.kind])
    head.append(f" {finding.type}")
    if finding.fingerprint:
        head.append(f"  fingerprint {finding.fingerprint}", "dim")
    yield head
    for letter, side in zip("AB", finding.sides):
        yield Text.assemble(f"  {letter}  ", (_where(side), "bold"))
        yield Text.assemble("     ", (side.text, "reverse"), f"  = {value_gloss(side)}")
        before, value, after = quote_parts(side, articles.get(side.article_id))
        before, after = _clip(before, after)
        yield Text.assemble("     ", (before, "dim"), (value, "bold"), (after, "dim"))
    yield Text(f"  why: {finding.explanation}")
    if finding.review:
        review = finding.review
        line = Text("  review: ")
        line.append(review.get("verdict", "?"), VERDICT_STYLE.get(review.get("verdict"), ""))
        if review.get("reviewer"):
            line.append(f" by {review['reviewer']}")
        line.append(f" {review.get('reviewed_at', '')}")
        if review.get("note"):
            line.append(f" — {review['note']}")
        yield line


def report_lines(report: Report, context: ReviewContext = ReviewContext()) -> list[Text]:
    checked = [i for i in report.inputs if i.status == "checked"]
    skipped = [i for i in report.inputs if i.status == "skipped"]
    tally = counts(report)
    lines = [Text(f"checked {len(checked)} input(s), {len(report.articles)} article(s); skipped {len(skipped)}")]
    lines += [Text(f"  skipped {i.source}: {i.reason}", "dim") for i in skipped]
    # a checked input's reason is what was cut or replaced in it: said, never silent
    lines += [Text(f"  warning {i.source}: {i.reason}", "yellow") for i in checked if i.reason]
    summary = Text("findings: ")
    for n, kind in enumerate(KINDS):
        summary.append(", " if n else "")
        summary.append(f"{tally[kind]} {kind}", KIND_STYLE[kind] if tally[kind] else "")
    if context.hidden:
        summary.append(f"; {context.hidden} dismissed hidden (--show-dismissed shows them)", "dim")
    lines.append(summary)
    if context.store:
        lines.append(Text(f"review store: {context.store}", "dim"))
    articles = articles_by_id(report)
    sections = by_story(report)
    if sections[0][0] is not None:
        lines.append(Text(f"stories: {len(report.stories)}, {len(sections)} with findings"))
    for story, findings in sections:
        if story is not None:
            lines += [Text(""), Text.assemble((f"STORY {story.id}: {story.title or ''}", "bold"),
                                              f"  ({len(findings)} finding{'s' * (len(findings) != 1)})"),
                      Text(f"  {story_line(story)}", "dim")]
        for finding in findings:
            lines.append(Text(""))
            lines += _finding_lines(finding, articles)
    corroborated = [fact for fact in report.facts if fact.corroborations]
    if corroborated:
        lines += [Text(""), Text("facts", "bold")]
        for fact in corroborated:
            # corroboration lines already name their sources
            lines.append(Text(f"  {fact.concept or fact.type}: {'; '.join(fact.corroborations)}"))
    for line in lines:
        # Article text, outlets and file names are untrusted; one character for one keeps the styles in place.
        line.plain = printable(line.plain)
    return lines


def render_text(report: Report, context: ReviewContext = ReviewContext()) -> str:
    return "".join(line.plain + "\n" for line in report_lines(report, context))


def print_report(report: Report, console: Console, context: ReviewContext = ReviewContext()) -> None:
    """Print the summary; rich colours it only when the console is a terminal."""
    for line in report_lines(report, context):
        # soft_wrap: a long Arabic sentence is left to the terminal, not cut at rich's idea of its width
        console.print(line, soft_wrap=True, highlight=False)


def gate_lines(findings: list[Finding]) -> list[str]:
    """One line per finding that failed the gate: kind, both quotes with where they are, the fingerprint."""
    lines = []
    for finding in findings:
        a, b = finding.sides
        lines.append(printable(f"{finding.kind}: {place(a)} {a.text!r} vs {place(b)} {b.text!r}  "
                               f"[{finding.fingerprint or finding.id}]"))
    return lines


def verdict_lines(rows: list[dict]) -> list[str]:
    """`checker review --list`: one line per verdict (fingerprint, verdict, who, when, what), then its note."""
    lines = []
    for row in rows:
        summary = row.get("finding") or {}
        what = ""
        if summary:
            a, b = summary["sides"]
            what = (f"  {summary['kind']}: {a.get('outlet') or a.get('file')} {a['quote']!r} vs "
                    f"{b.get('outlet') or b.get('file')} {b['quote']!r}")
        lines.append(f"{row['fingerprint']}  {row['verdict']:<9}  {row.get('reviewer') or '-'}  "
                     f"{row['reviewed_at']}{what}")
        if row.get("note"):
            lines.append(f"    note: {row['note']}")
    return lines or ["no verdicts recorded"]


def stage_progress(console: Console) -> tuple[Callable[..., None], Callable[[], None]]:
    """A transient bar for `pipeline.check(progress=...)`; returns (say, stop).

    `say(stage)` names the stage that starts; `say(stage, done, total)` counts the articles a long stage has done,
    with their rate and the time left. rich draws it because rich already draws the report: a second library's bar
    (tqdm) would fight it for the same terminal line.
    """
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    class Rate(ProgressColumn):
        def render(self, task) -> Text:  # noqa: ANN001 - rich's Task
            return Text(f"{task.speed:.1f} articles/s" if task.total and task.speed else "")

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                   TimeRemainingColumn(), TimeElapsedColumn(), console=console, transient=True)
    task = bar.add_task("starting", total=None)
    current = {"stage": ""}
    bar.start()

    def say(stage: str, done: int | None = None, total: int | None = None) -> None:
        if stage != current["stage"]:
            current["stage"] = stage
            bar.reset(task, total=total, completed=done or 0, description=stage)
        elif done is not None:
            bar.update(task, completed=done, total=total)
        bar.refresh()  # stages and batches are seconds apart: draw now rather than at the next tick

    return say, bar.stop
