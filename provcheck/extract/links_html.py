"""Links in an HTML source: anchors, canonical, og:url, JSON-LD article URLs, bare URLs in text.

Lines are those of the HTML file (lxml ``sourceline``, where the start tag ends); columns come
from finding the attribute value as written (raw or ``&amp;``-escaped) near that line, 1 when it
cannot be found. Relative hrefs are resolved against ``<base href>``, else the canonical or
og:url when absolute; with none of them they stay relative (and url facts call them
malformed: they cannot be checked). Scheme-relative ``//host/x`` gets ``https:``.

``context`` is the text of the link's block (``p``, ``li``, ``td``, heading ...), preceded by the
texts of up to two non-empty previous sibling blocks, one per line, so that roles can see a
label such as "Original URL:" in the paragraph before the link. Anchors get an author hint
for ``rel=author``, an href with ``/author/`` or ``/authors/``, or a class naming author/byline;
canonical, og:url and JSON-LD (``url``, ``mainEntityOfPage`` of ``*Article``/``BlogPosting``
objects; invalid JSON is skipped) get an original hint. Placeholders keep their literal href.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from provcheck.extract.links_markdown import skip_target
from provcheck.extract.links_text import find_bare_urls
from provcheck.extract.urls import is_placeholder_target
from provcheck.models import LinkRole, RawLink

__all__ = ["extract_html_links"]

_BLOCKS = frozenset(
    {"p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    | {"figcaption", "caption", "pre", "address", "div", "section", "article", "header"}
    | {"footer", "nav", "aside", "main", "body"}
)
_NO_TEXT = frozenset({"a", "script", "style", "noscript", "template", "textarea", "title", "head"})
_ARTICLE_TYPES = frozenset({"BlogPosting", "LiveBlogPosting", "Report", "NewsArticle", "Article"})
_AUTHOR_MARKS = ("/author/", "/authors/")
_CONTEXT_CAP = 400
_URL_BREAKS_RE = re.compile(r"[\t\n\r]")


class _Source:
    """The HTML text with line starts, and a forward cursor for locating values."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.starts = [0]
        found = raw.find("\n")
        while found >= 0:
            self.starts.append(found + 1)
            found = raw.find("\n", found + 1)
        self.cursor = 0

    def locate(self, sourceline: int | None, value: str) -> tuple[int, int]:
        """(line, column) of ``value`` written at or just before ``sourceline``."""
        line = min(max(sourceline or 1, 1), len(self.starts))
        begin = max(self.cursor, self.starts[max(line - 3, 0)])
        escaped = value.replace("&", "&amp;")
        spots = [
            self.raw.find(candidate, begin, begin + 20_000)
            for candidate in {value, escaped, value.replace("/", "\\/")}
            if candidate
        ]
        found = min((spot for spot in spots if spot >= 0), default=-1)
        if found < 0:
            return line, 1
        self.cursor = found + 1
        index = bisect.bisect_right(self.starts, found) - 1
        return index + 1, found - self.starts[index] + 1


def extract_html_links(raw: str) -> tuple[RawLink, ...]:
    """Links of an HTML source, at lines and columns of that source."""
    if not raw.strip():
        return ()
    import lxml.etree  # here, not at import: text and Markdown runs never load lxml
    import lxml.html

    try:
        parser = lxml.html.HTMLParser(encoding="utf-8")
        root = lxml.html.document_fromstring(raw.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return ()
    source = _Source(raw)
    base = _base_url(root)
    blocks: dict[Any, str] = {}
    found: list[RawLink] = []
    for event, element in _walk(root):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "end":
            parent = element.getparent()
            if element.tail and parent is not None and parent.tag not in _NO_TEXT:
                found.extend(_bare(element.tail, element, parent, source, blocks))
            continue
        if tag == "a" and element.get("href") is not None:
            found.extend(_anchor(element, source, base, blocks))
        elif tag == "link" and "canonical" in (element.get("rel") or "").lower().split():
            href = element.get("href")
            found.extend(_declared(element, href, "canonical", source, base, "rel=canonical"))
        elif tag == "meta" and "og:url" in (element.get("property"), element.get("name")):
            content = element.get("content")
            found.extend(_declared(element, content, "og", source, base, "og:url"))
        elif tag == "script" and (element.get("type") or "").lower() == "application/ld+json":
            for key, url in _jsonld_urls(element.text or ""):
                found.extend(_declared(element, url, "jsonld", source, base, f"JSON-LD {key}"))
        if tag and tag not in _NO_TEXT and element.text:
            found.extend(_bare(element.text, element, element, source, blocks))
    return tuple(found)


def _walk(root: Any) -> Iterator[tuple[str, Any]]:
    """("start", node) and ("end", node) in document order, comments included."""
    stack: list[tuple[Any, Iterator[Any]]] = [(root, root.iterchildren())]
    yield "start", root
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield "end", node
        else:
            yield "start", child
            stack.append((child, child.iterchildren()))


def _base_url(root: Any) -> str:
    """``<base href>``, else an absolute canonical or og:url, else ''."""
    candidates = (
        root.xpath("//base/@href")
        + root.xpath(
            "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
        )
        + root.xpath("//meta[@property='og:url' or @name='og:url']/@content")
    )
    for value in candidates:
        value = str(value).strip()
        if value.lower().startswith(("http://", "https://")):
            return value
    return ""


def _resolve(href: str, base: str) -> str:
    """Absolute form of ``href``; tabs and line breaks inside it are dropped, as browsers do."""
    href = _URL_BREAKS_RE.sub("", href).strip()
    if href.startswith("//") and not base:
        return "https:" + href
    return urljoin(base, href) if base else href


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _text_of(element: Any, cache: dict[Any, str]) -> str:
    """Collapsed, capped text of ``element``; cached by element (keeps its proxy alive)."""
    if element not in cache:
        cache[element] = _collapse(element.text_content())[:_CONTEXT_CAP]
    return cache[element]


def _context(element: Any, cache: dict[Any, str]) -> str:
    """The block's text, after up to two previous non-empty sibling blocks (one per line)."""
    block = element
    while block is not None and block.tag not in _BLOCKS:
        block = block.getparent()
    if block is None:
        return ""
    before: list[str] = []
    sibling = block.getprevious()
    for _ in range(6):  # bounded: a long run of empty siblings must not make this quadratic
        if sibling is None or len(before) == 2:
            break
        if isinstance(sibling.tag, str) and sibling.tag not in _NO_TEXT:
            text = _text_of(sibling, cache)
            if text:
                before.append(text)
        sibling = sibling.getprevious()
    return "\n".join([*reversed(before), _text_of(block, cache)])


def _anchor(element: Any, source: _Source, base: str, blocks: dict[Any, str]) -> list[RawLink]:
    href = element.get("href") or ""
    if skip_target(href):
        return []
    line, column = source.locate(element.sourceline, href)
    text = _collapse(element.text_content())
    if not text:
        images = element.xpath(".//img/@alt")
        text = _collapse(element.get("aria-label") or element.get("title") or " ".join(images))
    placeholder = is_placeholder_target(href)
    rel = (element.get("rel") or "").lower().split()
    classes = (element.get("class") or "").lower()
    author = (
        "author" in rel
        or any(mark in href.lower() for mark in _AUTHOR_MARKS)
        or any(mark in classes for mark in ("author", "byline"))
    )
    return [
        RawLink(
            url=href.strip() if placeholder else _resolve(href, base),
            line=line,
            column=column,
            text=text,
            raw=href,
            context=_context(element, blocks),
            hint=LinkRole.AUTHOR if author and not placeholder else None,
            syntax="anchor",
        )
    ]


def _declared(
    element: Any, value: str | None, syntax: str, source: _Source, base: str, label: str
) -> list[RawLink]:
    """A canonical, og:url or JSON-LD URL: the page's own declared original address."""
    if not value or not value.strip():
        return []
    line, column = source.locate(element.sourceline, value)
    return [
        RawLink(
            url=_resolve(value, base),
            line=line,
            column=column,
            text=label,
            raw=value,
            context="",
            hint=LinkRole.ORIGINAL,
            syntax=syntax,
        )
    ]


def _jsonld_urls(text: str) -> Iterator[tuple[str, str]]:
    """``url`` and ``mainEntityOfPage`` of article objects; invalid JSON gives nothing."""
    try:
        data = json.loads(text, strict=False)
    except ValueError:
        return
    stack: list[Any] = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        if isinstance(graph, list):
            stack.extend(graph)
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(
            isinstance(k, str) and (k in _ARTICLE_TYPES or k.endswith("Article")) for k in kinds
        ):
            continue
        seen: list[str] = []
        for key in ("url", "mainEntityOfPage"):
            value = item.get(key)
            if isinstance(value, dict):
                value = value.get("@id") or value.get("url")
            if isinstance(value, str) and value.strip() and value not in seen:
                seen.append(value)
                yield key, value


def _bare(
    text: str, anchor: Any, holder: Any, source: _Source, blocks: dict[Any, str]
) -> list[RawLink]:
    """Bare URLs written in a text node (not hyperlinked)."""
    found: list[RawLink] = []
    for link in find_bare_urls(text):
        line, column = source.locate(anchor.sourceline, link.raw)
        found.append(
            RawLink(
                url=link.url,
                line=line,
                column=column,
                raw=link.raw,
                joined=link.joined,
                context=_context(holder, blocks),
                syntax="bare",
            )
        )
    return found
