"""What a linked HTML page says about itself: title, date, canonical URL and main text.

The analyzer uses these to date a link's target (anachronistic links) and to compare the
original's text with the captured document (content drift). htmldate and trafilatura are
imported lazily (slow to import) and always get the HTML itself, never a URL string: htmldate
would download a string that looks like a URL (see PITFALLS.md). ``extensive_search`` is off
so the date comes from the page's metadata and markup, not from any date in its text; when the
page has none, the date in the final URL's path (``/2021/03/26/``) is used instead.
trafilatura runs with ``fast=True``: its fallback extractors cost about 25 ms on a thin page
(2 ms without) and add nothing a drift comparison needs.
"""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urljoin

from provcheck.crawl.body import HtmlView, html_view
from provcheck.models import PartialDate, Precision, TargetMeta

log = logging.getLogger(__name__)

#: Main text kept for content-drift comparison.
MAX_TEXT_CHARS = 20_000


def _metadata_date(html: str) -> PartialDate | None:
    try:
        from htmldate import find_date

        found = find_date(html, extensive_search=False, original_date=True)
    except Exception as exc:  # a third-party parser failing on odd HTML is not our failure
        log.debug("htmldate failed: %r", exc)
        return None
    if not found:
        return None
    try:
        return PartialDate(dt.date.fromisoformat(found), Precision.DAY)
    except ValueError:
        return None


def _url_date(url: str) -> PartialDate | None:
    try:
        from provcheck.extract.urls import url_facts
    except ImportError:
        return None
    try:
        facts = url_facts(url)
    except Exception as exc:  # a URL the extractor rejects simply has no path date
        log.debug("url_facts(%s) failed: %r", url, exc)
        return None
    path_date = getattr(facts, "path_date", None)
    if path_date is None or not path_date.plausible:
        return None
    date: PartialDate = path_date.date
    return date


def _main_text(html: str) -> str | None:
    try:
        import trafilatura

        text = trafilatura.extract(html, fast=True, include_comments=False)
    except Exception as exc:  # see _metadata_date
        log.debug("trafilatura failed: %r", exc)
        return None
    return text[:MAX_TEXT_CHARS] if text else None


def target_meta(
    html: str, final_url: str, view: HtmlView | None = None, *, with_text: bool = True
) -> TargetMeta:
    """Metadata of an HTML page fetched from ``final_url`` (CPU-bound: run it in a thread)."""
    page = view if view is not None else html_view(html)
    date = _metadata_date(html)
    source = "metadata" if date is not None else None
    if date is None:
        date = _url_date(final_url)
        source = "url" if date is not None else None
    declared = page.canonical or page.og_url
    canonical = urljoin(final_url, declared) if declared else None
    return TargetMeta(
        title=page.title,
        date=date,
        date_source=source,
        canonical=canonical,
        text=_main_text(html) if with_text else None,
    )
