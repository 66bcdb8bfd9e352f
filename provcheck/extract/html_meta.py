"""What an HTML page's markup says about itself: title, dates, authors, site name.

Explicit markup is read first, because it names its own evidence: JSON-LD
(``datePublished``, ``dateModified``, ``headline``, ``author``, ``publisher``) and meta tags
(``article:published_time``, ``og:title``, ``og:site_name``, ``author``). Then htmldate
(markup only: ``extensive_search=False``) and trafilatura's metadata fill what is missing.
Both are always given the HTML string, never a URL: htmldate downloads URL-like strings
and prefers URL dates, and trafilatura turns ``#`` links into the site's home page.
Both are imported lazily to keep the CLI's start-up fast.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from provcheck.models import PartialDate, Precision

log = logging.getLogger(__name__)

_ISO_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "citation_publication_date",
    "date",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
_AUTHOR_META = ("author", "article:author", "dc.creator", "citation_author", "byl")
_SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
_TITLE_META = ("og:title", "twitter:title", "dc.title", "citation_title")


@dataclass(frozen=True, slots=True)
class HtmlMetadata:
    """Metadata read from HTML markup; each date keeps the markup it came from."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    published: tuple[tuple[PartialDate, str], ...] = ()
    modified: PartialDate | None = None
    warnings: tuple[str, ...] = ()


def parse_partial_date(value: str) -> PartialDate | None:
    """``2021-03-26T10:00:00Z`` -> day precision; ``2021-03`` -> month; else None."""
    m = _ISO_RE.match(value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return PartialDate(dt.date(int(year), int(month), int(day)), Precision.DAY)
        if month:
            return PartialDate(dt.date(int(year), int(month), 1), Precision.MONTH)
        return PartialDate(dt.date(int(year), 1, 1), Precision.YEAR)
    except ValueError:
        return None


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text or None


def _split_authors(value: str) -> list[str]:
    """trafilatura and many CMSs join several authors with ``;`` (or ``,`` / `` and ``)."""
    if value.lower().startswith(("http://", "https://", "/")):
        return []  # an author page URL, not a name
    return [p.strip() for p in re.split(r"\s*;\s*|\s*,\s*|\s+and\s+", value) if p.strip()]


def read_html_metadata(html: str, *, today: dt.date | None = None) -> HtmlMetadata:
    """Read title, authors, site name and dates from an HTML page's markup."""
    from lxml import etree
    from lxml import html as lxml_html  # lazy: only HTML documents need it

    warnings: list[str] = []
    try:
        try:
            tree = lxml_html.fromstring(html)
        except ValueError:  # a str with an XML encoding declaration: lxml wants bytes
            tree = lxml_html.fromstring(html.encode("utf-8"))
    except (ValueError, etree.LxmlError) as exc:
        return HtmlMetadata(warnings=(f"html metadata unreadable: {exc}",))

    title: str | None = None
    site: str | None = None
    authors: list[str] = []
    published: list[tuple[PartialDate, str]] = []
    modified: list[PartialDate] = []

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except json.JSONDecodeError:
            warnings.append("invalid JSON-LD block ignored")
            continue
        for node in _walk(data):
            if "datePublished" in node and isinstance(node["datePublished"], str):
                date = parse_partial_date(node["datePublished"])
                if date:
                    published.append((date, f"JSON-LD datePublished {node['datePublished']}"))
            if "dateModified" in node and isinstance(node["dateModified"], str):
                date = parse_partial_date(node["dateModified"])
                if date:
                    modified.append(date)
            if not title and isinstance(node.get("headline"), str):
                title = _clean(node["headline"])
            if "author" in node:
                authors.extend(n for n in _names(node["author"]) if n)
            if not site and "publisher" in node:
                site = next(iter(_names(node["publisher"])), None)

    metas: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key and key not in metas:
            metas[key] = meta.get("content") or ""
    for key in _PUBLISHED_META:
        date = parse_partial_date(metas.get(key, ""))
        if date:
            published.append((date, f"meta {key} {metas[key]}"))
    for key in _MODIFIED_META:
        date = parse_partial_date(metas.get(key, ""))
        if date:
            modified.append(date)
    if not authors:
        for key in _AUTHOR_META:
            if metas.get(key):
                authors.extend(_split_authors(metas[key]))
    site = site or next((metas[k] for k in _SITE_META if metas.get(k)), None)
    title = title or next((metas[k] for k in _TITLE_META if metas.get(k)), None)

    if not published:
        found = _htmldate(html, today)
        if found:
            published.append((found, "htmldate"))
    if not (title and authors and site):
        extra = _trafilatura(html, warnings)
        if extra:
            title = title or extra[0]
            authors = authors or _split_authors(extra[1] or "")
            site = site or extra[2]
    if not title:
        title = _clean(tree.findtext(".//title"))

    return HtmlMetadata(
        title=_clean(title),
        authors=tuple(dict.fromkeys(a for a in (_clean(x) for x in authors) if a)),
        site_name=_clean(site),
        published=tuple(published),
        modified=max(modified, key=lambda p: p.value, default=None),
        warnings=tuple(warnings),
    )


def _htmldate(html: str, today: dt.date | None) -> PartialDate | None:
    """htmldate on the markup only (never a URL, never the text: see PITFALLS.md)."""
    import htmldate

    max_date = (today or dt.date.today()).isoformat()
    try:
        value = htmldate.find_date(
            html, original_date=True, extensive_search=False, max_date=max_date
        )
    except (ValueError, TypeError) as exc:
        log.debug("htmldate failed: %s", exc)
        return None
    return parse_partial_date(value) if value else None


def _trafilatura(
    html: str, warnings: list[str]
) -> tuple[str | None, str | None, str | None] | None:
    """trafilatura's title, author string and site name (no URL given: see PITFALLS.md)."""
    try:
        from trafilatura.metadata import extract_metadata
    except ImportError as exc:
        warnings.append(f"trafilatura unavailable: {exc}")
        return None
    try:
        doc = extract_metadata(html, date_config={"extensive_search": False})
    except (ValueError, TypeError, AttributeError) as exc:
        log.debug("trafilatura metadata failed: %s", exc)
        return None
    return (doc.title, doc.author, doc.sitename)
