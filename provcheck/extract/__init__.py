"""Extraction: links with roles and document metadata, from a Document, with no network.

``extract_document`` is pure: the same Document always gives the same result
(``today`` is only used to judge implausible future dates).
"""

from __future__ import annotations

import datetime as dt

from provcheck.extract.links import extract_links
from provcheck.extract.metadata import extract_metadata
from provcheck.models import Document, ExtractedDocument

__all__ = ["extract_document"]


def extract_document(doc: Document, *, today: dt.date | None = None) -> ExtractedDocument:
    """Links, dates, byline, signals and boilerplate of one document."""
    links = extract_links(doc)
    meta = extract_metadata(doc, links, today=today)
    return ExtractedDocument(
        document=doc,
        title=meta.title,
        date=meta.date,
        authors=meta.authors,
        publisher=meta.publisher,
        links=links,
        weekdays=meta.weekdays,
        attributions=meta.attributions,
        boilerplate=meta.boilerplate,
        orphan_headlines=meta.orphan_headlines,
        artifacts=meta.artifacts,
        suppressions=meta.suppressions,
        warnings=meta.warnings,
    )
