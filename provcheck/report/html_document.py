"""The per-document part of the HTML report: score, reasons, findings, corpus facts, links.

Split from :mod:`provcheck.report.html` (the page around it). Every value from a document or
a fetched page is untrusted and goes through :func:`html.escape`; only http(s) URLs become
links, with ``rel="noopener noreferrer nofollow"``.
"""

from __future__ import annotations

from html import escape

from provcheck.models import AuditedDocument, CorpusFacts, Finding, Severity
from provcheck.report.html_charts import css_token
from provcheck.report.report_json import sorted_findings
from provcheck.report.views import (
    LinkRow,
    band_label,
    document_row,
    link_rows,
    location,
    score_text,
)


def safe_link(url: str, text: str | None = None) -> str:
    """An ``<a>`` for well-formed http(s) URLs; anything else (``javascript:``) is inert text."""
    label = escape(text if text is not None else url)
    if url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url):
        return f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{label}</a>'
    return f"<span class=url>{label}</span>"


def doc_id(index: int) -> str:
    return f"doc-{index + 1}"


def _finding_item(f: Finding) -> str:
    url = f'<div class="furl">{safe_link(f.url)}</div>' if f.url else ""
    evidence = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in f.evidence)
    return (
        f'<li class="finding sev-{f.severity.value}"><span class="badge sev-{f.severity.value}">'
        f"{f.severity.value}</span> <b>{escape(f.rule)}</b> {escape(f.name)} "
        f'<code>{escape(location(f))}</code> <span class="cert">{f.confidence.value} certainty'
        f"</span><p>{escape(f.message)}</p>{url}"
        + (f'<dl class="evidence">{evidence}</dl>' if evidence else "")
        + "</li>"
    )


def _link_detail(link: LinkRow) -> str:
    parts = []
    if link.hops:
        hops = "".join(
            f'<li>{safe_link(h.url)} <span class="status">{h.status}</span></li>' for h in link.hops
        )
        parts.append(f'<ol class="chain" aria-label="redirect chain">{hops}</ol>')
    elif link.final_url and link.final_url != link.url:
        parts.append(f"final: {safe_link(link.final_url)}")
    if link.reason:
        parts.append(f'<span class="reason">{escape(link.reason)}</span>')
    if link.archived_url:
        parts.append(f'<div class="archived">archived copy: {safe_link(link.archived_url)}</div>')
    if link.target_date:
        parts.append(f"<div>target dated {escape(link.target_date)}</div>")
    return " ".join(parts)


def _links_table(doc: AuditedDocument) -> str:
    rows = "".join(
        f'<tr><td>{link.line}</td><td><span class="badge state-{css_token(link.state.value)}">'
        f"{link.state.value}</span>{'' if link.http_status is None else f' {link.http_status}'}"
        f"</td><td>{safe_link(link.url)}"
        + (f'<div class="anchor">{escape(link.text)}</div>' if link.text else "")
        + f"</td><td>{escape(link.role)}</td><td>{_link_detail(link)}</td></tr>"
        for link in link_rows(doc)
    )
    return (
        f'<details class="links"><summary>All {len(doc.statuses)} links</summary>'
        '<div class="scroll"><table><thead><tr><th scope="col">Line</th><th scope="col">Verdict'
        '</th><th scope="col">URL</th><th scope="col">Role</th><th scope="col">Detail</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></div></details>"
    )


def _corpus(facts: CorpusFacts | None) -> str:
    """What the rest of the corpus says about this document (duplicates, matches, quotes)."""
    if facts is None:
        return ""
    items = [
        f"near-duplicate of <code>{escape(n.other_path)}</code> ({n.similarity:.0%} similar; "
        f"better sourced: <code>{escape(n.better_sourced)}</code>)"
        for n in facts.near_duplicates
    ]
    if facts.inherited_date is not None:
        source = escape(facts.inherited_from or "a near-duplicate")
        items.append(f"date {escape(facts.inherited_date.date.iso())} inherited from {source}")
    items += [
        f"line {m.line}: {safe_link(m.link_url)} matches <code>{escape(m.other_path)}</code> "
        f"by {escape(m.matched_on)}; its URL is {safe_link(m.suggested_url)}"
        for m in facts.related_matches
    ]
    items += [
        f"line {q.line}: &ldquo;{escape(q.quote)}&rdquo; reads &ldquo;{escape(q.other_quote)}"
        f"&rdquo; in <code>{escape(q.other_path)}</code> line {q.other_line}"
        for q in facts.quote_variants
    ]
    if not items:
        return ""
    return (
        '<h4>In the corpus</h4><ul class="corpus">'
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul>"
    )


def document_section(index: int, doc: AuditedDocument) -> str:
    row = document_row(doc)
    anchor = doc_id(index)
    reasons = "".join(
        f"<li><b>-{abs(r.points)}</b> {escape(r.rule)} <span class=cat>{escape(r.category)}</span> "
        f"{escape(r.message)}</li>"
        for r in row.reasons
    )
    ordered = sorted_findings(doc.findings)
    findings = "".join(_finding_item(f) for f in ordered if f.severity is not Severity.INFO)
    notes = [_finding_item(f) for f in ordered if f.severity is Severity.INFO]
    if notes:  # often many, and the least urgent: folded away (expanded when printed)
        findings += (
            f'<li class="notes"><details><summary>{len(notes)} info finding'
            f'{"s" if len(notes) > 1 else ""}</summary><ul class="findings">{"".join(notes)}'
            "</ul></details></li>"
        )
    date = f"{escape(row.date)} ({escape(row.date_source)})" if row.date else "none found"
    return (
        f'<section class="doc" id="{anchor}" aria-labelledby="{anchor}-h">'
        f'<h3 id="{anchor}-h"><span class="score band-{css_token(row.band or "none")}">'
        f"{score_text(row.score)}</span> {escape(row.title or row.path)}</h3>"
        f'<p class="meta"><code>{escape(row.path)}</code> · band {escape(band_label(row))}'
        f" · date {date}</p>"
        + (f'<h4>Why this score</h4><ul class="reasons">{reasons}</ul>' if reasons else "")
        + (f'<h4>Findings</h4><ul class="findings">{findings}</ul>' if findings else "")
        + _corpus(doc.corpus)
        + _links_table(doc)
        + "</section>"
    )
