"""Terminal text for a person reading the audit: scores first, then problems, then totals.

Rendered with rich into a string (never to the real terminal: the renderer stays pure). All
document text goes in as :class:`rich.text.Text`, never as markup, so a title holding
``[bold]`` prints as written. ``color=False`` gives plain text. Long lines wrap with a
hanging indent so that the score column stays readable; reasons are clipped to one line
unless ``verbose`` (the findings below carry the full messages).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from provcheck.models import AuditedDocument, LinkState, Report, Severity
from provcheck.report.base import RenderOptions
from provcheck.report.report_json import summarize
from provcheck.report.views import (
    BROKEN_STATES,
    SEVERITIES,
    STATE_ORDER,
    DocumentRow,
    chain_text,
    document_row,
    evidence_text,
    findings_by_severity,
    link_rows,
    location,
    one_line,
    score_text,
)

WIDTH = 100
TOP_REASONS = 3
#: Quiet mode still shows documents scoring under this (the "low" and "very low" bands).
QUIET_SCORE = 60
#: Indents of the hanging layout: a heading's entries, their details, a link's details.
HEAD, BODY, DEEP = 2, 7, 13

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
SEVERITY_TITLE = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}
BAND_STYLE = {
    "high": "bold green",
    "good": "green",
    "mixed": "yellow",
    "low": "red",
    "very low": "bold red",
}

Line = tuple[int, Text]

#: C0/C1 controls (ESC above all): untrusted text must not drive the terminal.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _state_style(state: LinkState) -> str:
    if state in BROKEN_STATES or state is LinkState.MALFORMED:
        return "red"
    if state in (LinkState.ALIVE, LinkState.REDIRECTED):
        return "green"
    return "yellow"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _document(row: DocumentRow, verbose: bool) -> list[Line]:
    style = BAND_STYLE.get(row.band, "")
    head = Text()
    head.append(f"{score_text(row.score):>3}", style=f"{style} bold".strip())
    head.append("  ")
    head.append(f"{row.band or 'unscored':<9}", style=style)
    head.append(" ")
    head.append(row.path, style="bold")
    if row.provisional:
        head.append(f"  (provisional: {row.checked:.0%} of links checked)", style="italic")
    lines: list[Line] = [(HEAD, head)]
    if row.title:
        lines.append((BODY, Text(one_line(row.title), style="italic")))
    for reason in row.reasons[:TOP_REASONS]:
        line = Text(f"-{abs(reason.points):<3} {reason.rule}  ", style="dim")
        message = one_line(reason.message)
        line.append(message if verbose else _clip(message, WIDTH - BODY - len(line.plain)))
        lines.append((BODY, line))
    if len(row.reasons) > TOP_REASONS:
        lines.append((BODY, Text(f"(+{len(row.reasons) - TOP_REASONS} more)", style="dim")))
    return lines


def _links(doc: AuditedDocument) -> list[Line]:
    """Every link with its verdict, redirect chain and archived copy (verbose mode)."""
    lines: list[Line] = []
    for link in link_rows(doc):
        entry = Text(f"L{link.line:<4} ")
        entry.append(f"{link.state.value:<12}", style=_state_style(link.state))
        entry.append(" " + link.url)
        lines.append((BODY, entry))
        if link.hops:
            lines.append((DEEP, Text(chain_text(link.hops), style="dim")))
        elif link.reason:
            lines.append((DEEP, Text(one_line(link.reason), style="dim")))
        if link.archived_url:
            lines.append((DEEP, Text("archived: " + link.archived_url, style="dim")))
    return lines


def _findings(report: Report, quiet: bool) -> list[Line]:
    lines: list[Line] = []
    for sev, group in findings_by_severity(report, quiet):
        title = Text(f"{SEVERITY_TITLE[sev]} ({len(group)})", style=SEVERITY_STYLE[sev])
        lines += [(0, Text()), (0, title)]
        for f in group:
            head = Text()
            head.append(location(f), style="bold")
            head.append(f"  {f.rule} ", style=SEVERITY_STYLE[sev])
            head.append(f"{f.name}  ")
            head.append(f"[{f.confidence.value} certainty]", style="dim")
            lines += [(HEAD, head), (HEAD + 2, Text(one_line(f.message)))]
            if f.url:
                lines.append((HEAD + 2, Text(f.url, style="blue")))
            if f.evidence:
                lines.append((HEAD + 2, Text(one_line(evidence_text(f)), style="dim")))
    return lines


def _totals(summary: dict[str, Any]) -> list[Line]:
    findings, verdicts = summary["findings"], summary["verdicts"]
    total = Text("Totals: ", style="bold")
    total.append(f"{summary['documents']} documents, {summary['skipped']} skipped; findings ")
    for i, sev in enumerate(SEVERITIES):
        total.append(", " if i else "")
        total.append(f"{findings.get(sev.value, 0)} {sev.value}", style=SEVERITY_STYLE[sev])
    mean = summary["mean_confidence"]
    total.append(f"; mean confidence {'-' if mean is None else mean}")
    links = Text(f"Links: {summary['links']}", style="bold")
    parts = [(st, verdicts[st.value]) for st in STATE_ORDER if st.value in verdicts]
    for i, (st, count) in enumerate(parts):
        links.append(", " if i else " — ")
        links.append(f"{count} {st.value}", style=_state_style(st))
    return [(0, total), (0, links)]


def report_lines(report: Report, options: RenderOptions) -> Iterator[Line]:
    """The report as indented lines of styled text (what :func:`render_terminal` prints),
    one document's lines at a time after a first read of the documents for the totals."""
    summary = summarize(report)
    title = Text("provcheck report", style="bold")
    title.append(
        f"  {summary['documents']} documents, {summary['skipped']} skipped, "
        f"{summary['links']} links" + (" (offline: links not checked)" if report.offline else ""),
    )
    yield from [(0, title), (0, Text()), (0, Text("Documents", style="bold underline"))]
    shown = 0
    for doc in report.documents:
        row = document_row(doc)
        if options.quiet and not (row.score is not None and row.score < QUIET_SCORE):
            continue
        shown += 1
        yield from _document(row, options.verbose)
        if options.verbose:
            yield from _links(doc)
    if not shown:
        yield (HEAD, Text(f"no document scores under {QUIET_SCORE}", style="dim"))
    yield from _findings(report, options.quiet)
    if report.skipped and not options.quiet:
        yield from [(0, Text()), (0, Text("Skipped", style="bold underline"))]
        yield from [(HEAD, Text(f"{s.path}: {one_line(s.reason)}")) for s in report.skipped]
    yield from [(0, Text()), *_totals(summary)]


def iter_terminal(report: Report, options: RenderOptions) -> Iterator[str]:
    """The report for a person (documents, findings by severity, totals), a line at a time."""
    out = io.StringIO()
    console = Console(
        file=out,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        width=WIDTH,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
        highlight=False,
        markup=False,
        emoji=False,
    )
    for indent, text in report_lines(report, options):
        if not text.plain:
            console.print()
        else:
            text.plain = _CONTROL.sub("?", text.plain)  # same length: styles stay in place
            text.overflow = "fold"
            console.print(Padding(text, (0, 0, 0, indent), expand=False))
        printed = out.getvalue()  # whole lines: each print ends with a newline
        out.seek(0)
        out.truncate()
        yield "".join(line.rstrip() + "\n" for line in printed.split("\n")[:-1])


def render_terminal(report: Report, options: RenderOptions) -> str:
    """The whole terminal report (:func:`iter_terminal` joined)."""
    return "".join(iter_terminal(report, options))
