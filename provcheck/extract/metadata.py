"""Everything but links that extraction learns about one document.

:func:`extract_metadata` runs the small extractors in order: boilerplate first (its
lines are then ignored by the others, so a donation appeal's dates, names and quotes do
not count as the article's), then title, byline, dates, publisher, weekday mentions,
attributions, orphan headlines and conversion artifacts. Internally every module works on
1-based lines of ``doc.text``; lines are mapped to the original file here, once. Lines of
links (URL dates, author links) are already original lines and are left as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from provcheck.extract import artifacts as artifacts_mod
from provcheck.extract import boilerplate, byline, dates, signals, title
from provcheck.extract.html_meta import HtmlMetadata, read_html_metadata
from provcheck.models import (
    Artifact,
    Attributed,
    Attribution,
    Block,
    DateCandidate,
    DateSource,
    DocFormat,
    Document,
    DocumentDate,
    Link,
    OrphanHeadline,
    PartialDate,
    WeekdayMention,
)

_SUPPRESS_RE = re.compile(r"provcheck\s*:\s*ignore[\s:=]+((?:PV\d{3}\b[\s,;]*)+)", re.IGNORECASE)
_RULE_ID_RE = re.compile(r"PV\d{3}", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """Title, date, authors, publisher and text signals of one document."""

    title: Attributed | None
    date: DocumentDate
    authors: tuple[Attributed, ...]
    publisher: Attributed | None
    weekdays: tuple[WeekdayMention, ...]
    attributions: tuple[Attribution, ...]
    boilerplate: tuple[Block, ...]
    orphan_headlines: tuple[OrphanHeadline, ...]
    artifacts: tuple[Artifact, ...]
    suppressions: tuple[str, ...]
    warnings: tuple[str, ...]


def suppressions(text: str) -> tuple[str, ...]:
    """Rule ids named by inline ``provcheck: ignore PV304, PV401`` markers, in order."""
    # Every marker holds "provcheck" in some case; lower() finds it (none of its letters has
    # a special case-insensitive fold), far faster than the case-insensitive pattern.
    if "provcheck" not in text.lower():
        return ()
    ids: dict[str, None] = {}
    for m in _SUPPRESS_RE.finditer(text):
        for rule_id in _RULE_ID_RE.findall(m.group(1)):
            ids[rule_id.upper()] = None
    return tuple(ids)


def _same_line(line: int) -> int:
    return line


def _attributed(value: Attributed | None, origin: Callable[[int], int]) -> Attributed | None:
    """``value`` with its line mapped by ``origin``; unchanged (not copied) when lines map to
    themselves (text and Markdown): ``dataclasses.replace`` is slow."""
    if value is None or value.line is None or origin is _same_line:
        return value
    return replace(value, line=origin(value.line))


def _metadata_candidates(html: HtmlMetadata | None) -> list[DateCandidate]:
    if html is None:
        return []
    return [DateCandidate(date, DateSource.METADATA, evidence) for date, evidence in html.published]


def extract_metadata(
    doc: Document, links: tuple[Link, ...], *, today: dt.date | None = None
) -> DocumentMetadata:
    """Extract the document's metadata; ``links`` are its already extracted links."""
    origin = doc.original_line if doc.line_map else _same_line
    lines = doc.text.split("\n")
    blocks = boilerplate.find_blocks(lines)
    skip = boilerplate.block_lines(blocks)
    html = (
        read_html_metadata(doc.raw, today=today)
        if doc.format is DocFormat.HTML and doc.raw.strip()
        else None
    )

    found_title = title.markdown_title(lines) if doc.format is DocFormat.MARKDOWN else None
    found_title = found_title or title.text_title(lines, skip)
    title_lines = frozenset({found_title.line} if found_title and found_title.line else ())

    bylines = byline.byline_authors(lines, skip)
    anchors = [*title_lines, *(a.line for a in bylines if a.line)]
    text_dates, modified = dates.text_candidates(doc.text, skip=skip, anchors=anchors)
    candidates = [
        *_metadata_candidates(html),
        *(replace(c, line=origin(c.line)) if c.line and doc.line_map else c for c in text_dates),
        *dates.url_candidates(links),
    ]
    stated_modified: list[PartialDate] = list(modified)
    if html and html.modified:
        stated_modified.append(html.modified)
    document_date = dates.choose(candidates, stated_modified)

    authors = byline.dedupe(
        [
            *(Attributed(name, "html-metadata") for name in (html.authors if html else ())),
            *(_attributed(a, origin) or a for a in bylines),
            *byline.link_authors(links),
        ]
    )

    publisher: Attributed | None = None
    if html and html.site_name:
        publisher = Attributed(html.site_name, "html-metadata")
    publisher = (
        publisher
        or _attributed(byline.text_publisher(lines, skip), origin)
        or byline.domain_publisher(links)
    )

    if html and html.title:
        doc_title: Attributed | None = Attributed(html.title, "html-metadata")
    else:
        doc_title = _attributed(found_title, origin)

    paras = boilerplate.paragraphs(lines)  # shared by orphan headlines and artifacts
    orphans = boilerplate.orphan_headlines(lines, skip=skip, title_lines=title_lines, paras=paras)
    found_artifacts = artifacts_mod.find_artifacts(lines, doc.format, skip, paras)
    weekdays = signals.weekday_mentions(doc.text, skip)
    found_attributions = signals.attributions(doc.text, skip)
    if doc.line_map:  # HTML main text: report lines of the original file
        weekdays = tuple(replace(w, line=origin(w.line)) for w in weekdays)
        found_attributions = tuple(replace(a, line=origin(a.line)) for a in found_attributions)
        blocks = tuple(
            replace(b, start_line=origin(b.start_line), end_line=origin(b.end_line)) for b in blocks
        )
        orphans = tuple(replace(o, line=origin(o.line)) for o in orphans)
        found_artifacts = tuple(replace(a, line=origin(a.line)) for a in found_artifacts)

    return DocumentMetadata(
        title=doc_title,
        date=document_date,
        authors=authors,
        publisher=publisher,
        weekdays=weekdays,
        attributions=found_attributions,
        boilerplate=blocks,
        orphan_headlines=orphans,
        artifacts=found_artifacts,
        suppressions=suppressions(doc.raw or doc.text),
        warnings=html.warnings if html else (),
    )
