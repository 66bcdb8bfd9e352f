"""Every link of a document, with its role and URL facts: the one entry point for links.

Dispatches on the document format to a syntax extractor (plain text, Markdown, HTML), then
:func:`provcheck.extract.roles.assign_roles` gives each link its role and facts. Text and
Markdown links are found in ``doc.text`` and their lines mapped back to the original file;
HTML links are found in ``doc.raw`` (the HTML source) and already carry its lines.
"""

from __future__ import annotations

import dataclasses

from provcheck.extract.links_html import extract_html_links
from provcheck.extract.links_markdown import extract_markdown_links
from provcheck.extract.links_text import extract_text_links
from provcheck.extract.roles import assign_roles
from provcheck.models import DocFormat, Document, Link, RawLink

__all__ = ["extract_links", "extract_raw_links"]


def extract_raw_links(doc: Document) -> tuple[RawLink, ...]:
    """The links as the format's syntax gives them, before roles and facts."""
    if doc.format is DocFormat.HTML:
        return extract_html_links(doc.raw)
    if doc.format is DocFormat.MARKDOWN:
        return extract_markdown_links(doc.text)
    return extract_text_links(doc.text)


def extract_links(doc: Document) -> tuple[Link, ...]:
    """Links of ``doc`` with role and facts, sorted by (line, column) in the original file."""
    links = assign_roles(extract_raw_links(doc), doc)
    if doc.format is DocFormat.HTML or not doc.line_map:
        return links
    mapped = (dataclasses.replace(link, line=doc.original_line(link.line)) for link in links)
    return tuple(sorted(mapped, key=lambda link: (link.line, link.column)))
