"""GitHub-flavoured Markdown for a CI job summary or a pull-request comment.

Headline totals, a table of documents, findings grouped by severity, and a collapsed
``<details>`` block per document with its reasons and links. Document text is untrusted:
every piece of it goes through :func:`md_text` (no raw HTML, no accidental emphasis, no
table-breaking pipes) or :func:`md_code`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from provcheck.models import Report, Severity
from provcheck.report.base import RenderOptions
from provcheck.report.report_json import sorted_findings, summarize
from provcheck.report.views import (
    SEVERITIES,
    STATE_ORDER,
    band_label,
    chain_text,
    document_row,
    evidence_text,
    findings_by_severity,
    link_rows,
    location,
    one_line,
    reason_text,
    score_text,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#!|~])")
_HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
_ICONS = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}


def md_text(text: str) -> str:
    """Untrusted text as inert Markdown on one line (safe inside a table cell)."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_code(text: str) -> str:
    """Untrusted text as an inline code span (URLs, paths), safe inside a table cell."""
    text = one_line(text).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def _totals(report: Report) -> list[str]:
    """The headline (a pass over the documents for the totals)."""
    s = summarize(report)
    findings = s["findings"]
    parts = [f"{findings.get(sev.value, 0)} {sev.value}" for sev in SEVERITIES]
    mean = s["mean_confidence"]
    verdicts = s["verdicts"]
    states = [f"{verdicts[st.value]} {st.value}" for st in STATE_ORDER if st.value in verdicts]
    lines = [
        "## provcheck report",
        "",
        f"**{s['documents']}** documents audited, **{s['skipped']}** skipped · "
        f"findings: {', '.join(parts)} · mean confidence: **{'-' if mean is None else mean}**",
        "",
        f"Links: {s['links']} ({', '.join(states) or 'none'})",
    ]
    if report.offline:
        lines += ["", "> Offline run: links were not checked; scores are provisional."]
    return lines


def _documents_table(report: Report) -> Iterator[str]:
    yield from (
        "",
        "### Documents",
        "",
        "| Score | Band | Document | Links | Broken | Errors | Warnings | Top reason |",
        "|---:|---|---|---:|---:|---:|---:|---|",
    )
    for doc in report.documents:
        row = document_row(doc)
        title = f"<br>{md_text(row.title)}" if row.title else ""
        yield (
            f"| {score_text(row.score)} | {band_label(row)} | {md_code(row.path)}{title} "
            f"| {row.links} | {row.broken} | {row.findings[Severity.ERROR]} "
            f"| {row.findings[Severity.WARNING]} | {md_text(row.top_reason)} |"
        )


def _findings(report: Report, quiet: bool) -> list[str]:
    lines: list[str] = []
    for sev, group in findings_by_severity(report, quiet):
        lines += ["", f"### {_ICONS[sev]} {_HEADINGS[sev]} ({len(group)})", ""]
        for f in group:
            url = f" {md_code(f.url)}" if f.url else ""
            lines.append(
                f"- {md_code(location(f))} **{f.rule}** {f.name}: {md_text(f.message)}{url}"
                f" _({f.confidence.value} certainty)_"
            )
    return lines


def _details(report: Report) -> Iterator[list[str]]:
    """The collapsed block of each document, one document's lines at a time."""
    yield ["", "### Details"]
    for doc in report.documents:
        row = document_row(doc)
        lines = [
            "",
            "<details>",
            f"<summary>{html.escape(one_line(row.path))}: "
            f"{score_text(row.score)} {band_label(row)}</summary>",
            "",
            f"**Title:** {md_text(row.title) or '_none_'}  ",
            f"**Date:** {row.date or '_none_'}"
            + (f" ({row.date_source})" if row.date_source else ""),
            "",
        ]
        if row.reasons:
            lines += ["**Reasons:**", ""]
            lines += [f"- {md_text(reason_text(r))}" for r in row.reasons]
            lines.append("")
        if doc.findings:
            lines += ["**Findings:**", ""]
        for f in sorted_findings(doc.findings):
            evidence = f" ({md_text(evidence_text(f))})" if f.evidence else ""
            lines.append(f"- {f.severity.value} {f.rule} line {f.line or '-'}{evidence}")
        if doc.findings:
            lines.append("")
        lines += ["| Line | Verdict | URL | Detail |", "|---:|---|---|---|"]
        for link in link_rows(doc):
            detail = chain_text(link.hops, " → ") if link.hops else link.reason
            if link.archived_url:
                detail += f" · archived: {link.archived_url}"
            lines.append(
                f"| {link.line} | {link.state.value} | {md_code(link.url)} | {md_text(detail)} |"
            )
        lines += ["", "</details>"]
        yield lines


def iter_markdown(report: Report, options: RenderOptions) -> Iterator[str]:
    """The Markdown report in pieces: no more than one document's text at a time.

    The documents are read once for the totals, once for the table, once for the findings
    and once for the details (a spooled batch is read from disk each time).
    """
    yield "".join(f"{line}\n" for line in _totals(report))
    yield from (f"{line}\n" for line in _documents_table(report))
    yield "".join(f"{line}\n" for line in _findings(report, options.quiet))
    if report.skipped:
        skipped = [f"- {md_code(s.path)}: {md_text(s.reason)}" for s in report.skipped]
        yield "".join(f"{line}\n" for line in ["", "### Skipped", "", *skipped])
    if not options.quiet:
        yield from ("".join(f"{line}\n" for line in lines) for lines in _details(report))


def render_markdown(report: Report, options: RenderOptions) -> str:
    """The whole Markdown report (:func:`iter_markdown` joined)."""
    return "".join(iter_markdown(report, options))
