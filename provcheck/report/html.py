"""One self-contained HTML file for archivists: overview charts, a sortable table, details.

Works offline (no CDN, fonts, images or remote scripts: a Content-Security-Policy with
hashes of the page's own style and script enforces it) and stays readable without
JavaScript: everything is rendered server-side, the script only sorts and filters. Document
text is untrusted, so every value goes through :func:`html.escape`, links become clickable
only for http(s) URLs, and the embedded JSON escapes ``<`` so that it cannot close its
``<script>`` element.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterator
from functools import cache
from html import escape
from importlib import resources
from string import Template

from provcheck.models import SEVERITY_RANK, AuditedDocument, Report, Severity
from provcheck.report.base import RenderOptions
from provcheck.report.html_charts import band_histogram, css_token, verdict_bars
from provcheck.report.html_document import doc_id, document_section
from provcheck.report.json_renderer import iter_payload
from provcheck.report.json_stream import compact_dumps
from provcheck.report.report_json import summarize
from provcheck.report.views import (
    BAND_ORDER,
    SEVERITIES,
    STATE_ORDER,
    DocumentRow,
    document_row,
    score_text,
)

ASSETS = "assets"
#: Stand for the body and the data in the page template until the page is cut there.
_BODY, _DATA = "\x00provcheck-body\x00", "\x00provcheck-data\x00"
_PLURAL = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}


@cache
def asset(name: str) -> str:
    """A file shipped in ``provcheck/report/assets`` (package data)."""
    return resources.files("provcheck.report").joinpath(ASSETS, name).read_text("utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_safe(json_text: str) -> str:
    """JSON text made safe inside ``<script type="application/json">``: no ``<``, ``>`` or
    ``&`` (each escaped as JSON allows; character by character, so pieces can be made safe
    one at a time)."""
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script_json(data: object) -> str:
    """``data`` as JSON safe inside ``<script type="application/json">``."""
    return script_safe(compact_dumps(data))


def _worst_rank(doc: AuditedDocument) -> int:
    return max((SEVERITY_RANK[f.severity] for f in doc.findings), default=0)


def _overview(report: Report) -> str:
    """The cards and charts (two reads of the documents: totals, then bands)."""
    summary = summarize(report)
    counted = Counter(document_row(d).band for d in report.documents)
    bands = [(band, counted[band]) for band in BAND_ORDER]
    verdicts = summary["verdicts"]
    states = [(s.value, verdicts[s.value]) for s in STATE_ORDER if s.value in verdicts]
    findings = summary["findings"]
    mean = summary["mean_confidence"]
    cards = [
        ("Documents", str(summary["documents"]), ""),
        ("Mean confidence", "-" if mean is None else str(mean), ""),
        ("Links", str(summary["links"]), ""),
        *((_PLURAL[sev], str(findings.get(sev.value, 0)), sev.value) for sev in SEVERITIES),
        ("Skipped inputs", str(summary["skipped"]), ""),
    ]
    card_html = "".join(
        f'<div class="card {cls}"><dt>{label}</dt><dd>{value}</dd></div>'
        for label, value, cls in cards
    )
    return (
        '<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>'
        f'<dl class="cards">{card_html}</dl><div class="charts">'
        f"<figure><figcaption>Confidence bands</figcaption>{band_histogram(bands, 'chart-bands')}"
        f"</figure><figure><figcaption>Link verdicts</figcaption>"
        f"{verdict_bars(states, 'chart-verdicts')}</figure></div></section>"
    )


COLUMNS = (  # header, sort type
    ("Score", "number"),
    ("Band", "band"),
    ("Document", "text"),
    ("Date", "text"),
    ("Links", "number"),
    ("Broken", "number"),
    ("Errors", "number"),
    ("Warnings", "number"),
    ("Info", "number"),
)


def _table_row(index: int, doc: AuditedDocument, row: DocumentRow) -> str:
    search = " ".join(
        [row.path, row.title, row.band, *(f"{f.rule} {f.name}" for f in doc.findings)]
    )
    band_rank = BAND_ORDER.index(row.band) if row.band in BAND_ORDER else len(BAND_ORDER)
    prov = ' <span class="prov" title="fewer than 60% of links checked">provisional</span>'
    title = f'<span class="title">{escape(row.title)}</span>' if row.title else ""
    cells = [
        (str(row.score if row.score is not None else -1), f"<b>{score_text(row.score)}</b>"),
        (
            str(band_rank),
            f'<span class="badge band-{css_token(row.band or "none")}">'
            f"{escape(row.band or 'unscored')}</span>" + (prov if row.provisional else ""),
        ),
        (
            row.path,
            f'<a href="#{doc_id(index)}">{title or escape(row.path)}</a>'
            + (f"<code>{escape(row.path)}</code>" if title else ""),
        ),
        (row.date, escape(row.date) or '<span class="none">none</span>'),
        (str(row.links), str(row.links)),
        (str(row.broken), str(row.broken)),
        *((str(row.findings[s]), str(row.findings[s])) for s in SEVERITIES),
    ]
    tds = "".join(f'<td data-value="{escape(v)}">{h}</td>' for v, h in cells)
    return (
        f'<tr data-index="{index}" data-doc="{doc_id(index)}" '
        f'data-band="{escape(row.band)}" data-worst="{_worst_rank(doc)}" '
        f'data-search="{escape(search.lower())}">{tds}</tr>'
    )


def _documents_table(report: Report) -> Iterator[str]:
    """The sortable table, a row at a time."""
    heads = "".join(
        f'<th scope="col" data-type="{kind}"><button type="button" class="sort">'
        f'{name}<span class="arrow" aria-hidden="true"></span></button></th>'
        for name, kind in COLUMNS
    )
    band_opts = "".join(f'<option value="{b}">{b}</option>' for b in BAND_ORDER)
    n = len(report.documents)
    yield (
        '<section id="documents-section" aria-labelledby="documents-h">'
        '<h2 id="documents-h">Documents</h2>'
        '<form class="controls" role="search" aria-label="Filter documents">'
        '<label for="filter-text">Search</label>'
        '<input id="filter-text" type="search" placeholder="path, title or rule" '
        'autocomplete="off">'
        '<label for="filter-band">Band</label><select id="filter-band">'
        f'<option value="">All bands</option>{band_opts}</select>'
        '<label for="filter-severity">Findings</label><select id="filter-severity">'
        '<option value="0">All documents</option><option value="3">With errors</option>'
        '<option value="2">With warnings or errors</option>'
        '<option value="1">With any finding</option></select></form>'
        f'<p id="doc-count" role="status" aria-live="polite">{n} documents</p>'
        '<div class="scroll"><table id="documents">'
        "<caption>Documents, one row each (activate a column header to sort)</caption>"
        f"<thead><tr>{heads}</tr></thead><tbody>"
    )
    yield from (_table_row(i, d, document_row(d)) for i, d in enumerate(report.documents))
    yield "</tbody></table></div></section>"


def iter_html(report: Report, options: RenderOptions) -> Iterator[str]:
    """The page in pieces: the table rows, the details and the embedded JSON are written a
    document at a time (the documents are read five times: totals, bands, table, details,
    data)."""
    css, js = asset("report.css"), asset("report.js")
    meta = [f"provcheck {escape(report.tool_version)}" if report.tool_version else "provcheck"]
    if report.generated_at:
        meta.append(f"generated {escape(report.generated_at)}")
    if report.offline:
        meta.append("offline run: links not checked")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    page = Template(asset("report.html.tmpl")).substitute(
        csp=escape(csp), css=css, meta=" · ".join(meta), body=_BODY, data=_DATA, js=js
    )
    before_body, rest = page.split(_BODY)
    before_data, after_data = rest.split(_DATA)
    yield before_body
    yield _overview(report)
    yield from _documents_table(report)
    yield '<section id="details" aria-labelledby="details-h"><h2 id="details-h">Details</h2>'
    yield from (document_section(i, d) for i, d in enumerate(report.documents))
    yield "</section>"
    if report.skipped:
        skipped = "".join(
            f"<li><code>{escape(s.path)}</code>: {escape(s.reason)}</li>" for s in report.skipped
        )
        yield (
            '<section id="skipped" aria-labelledby="skipped-h"><h2 id="skipped-h">Skipped inputs'
            f"</h2><ul>{skipped}</ul></section>"
        )
    yield before_data
    yield from (script_safe(piece) for piece in iter_payload(report, compact=True))
    yield after_data


def render_html(report: Report, options: RenderOptions) -> str:
    """The whole page (:func:`iter_html` joined)."""
    return "".join(iter_html(report, options))
