"""Links in Markdown: inline, reference and autolinks from markdown-it-py, plus bare URLs.

markdown-it-py (CommonMark, no linkify) decides what is a link, so reference definitions and
code are handled the way a renderer would. Its tokens only know block line ranges and give
hrefs normalised (percent-encoded), so each link is then located in the source, in order of
occurrence (repeated links get distinct positions), and the href as written is kept when its
normalised form agrees with the parser's. Choices:

* ``column`` points at the destination as written (the ``#`` of ``[said](#)``, the ``h`` of
  ``<https://...>``); for reference links, at the ``[`` of the link text.
* Images are skipped: an image source is not a source the article cites. An image inside a
  link contributes its alt text to the link text.
* Every href is accepted, including ``javascript:`` (CommonMark would drop it), so stripped
  links show up as placeholders. ``mailto:`` and other non-web schemes and in-page anchors
  (``#notes``) are not links to sources and are skipped; ``#`` itself is a placeholder.
* Bare URLs come from the plain-text finder (with its line de-wrapping) run on the whole
  source, minus code, reference definitions, image sources and URLs already found as links.
* A text using only the plainest link syntax skips the parser: its links are read by
  :mod:`provcheck.extract.markdown_simple`, which gives exactly what the parser would.
"""

from __future__ import annotations

import functools
import re
import types
from typing import TYPE_CHECKING

from provcheck.extract.links_text import find_bare_urls
from provcheck.extract.markdown_simple import Locator, normalize_href, raw_link, simple_links
from provcheck.extract.urls import NON_WEB_SCHEMES, is_placeholder_target
from provcheck.models import RawLink

if TYPE_CHECKING:  # markdown-it is imported only when a text needs the parser
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

__all__ = ["extract_markdown_links", "parsed_links", "skip_target"]

_DEST_RE = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*))")
_AUTOLINK_RE = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\x00-\x20]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+)>"
)
_REFDEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s")
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
#: Without any of these, a Markdown text has no links, definitions or code: skip the parser.
_NEEDS_PARSER_RE = re.compile(r"\]\(|\]:|[<`]|~~~|^(?: {4}|\t)", re.MULTILINE)


@functools.cache
def _parser() -> MarkdownIt:
    """CommonMark accepting every href, and leaving hrefs as written (unescaped).

    markdown-it would percent-encode every href (``normalizeLink``, a URL parse and
    re-encode); the hrefs are mostly compared with the source as written and only some are
    output, so they are normalised on demand with ``normalize_href`` (shared with the
    parser-free path), which gives exactly the href markdown-it would have given.
    """
    from markdown_it import MarkdownIt, helpers

    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.helpers = types.SimpleNamespace(  # type: ignore[assignment]
        parseLinkDestination=_parse_link_destination,
        parseLinkLabel=helpers.parseLinkLabel,
        parseLinkTitle=helpers.parseLinkTitle,
    )
    md.core.ruler.at("inline", _inline_with_links)
    return md


def _inline_with_links(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, skipping inline content that cannot hold a link.

    Every link needs a ``[`` (inline and reference links) or a ``<`` (autolinks) in the
    content; any other paragraph or heading would only give text and code tokens, which
    extraction does not use (code blocks and fences are block tokens, parsed as before).
    """
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if "[" in token.content or "<" in token.content:
                state.md.inline.parse(token.content, state.md, state.env, token.children)


#: A destination without ``<`` first, ``(``, ``)``, ``\``, blanks or control characters.
_PLAIN_DEST_RE = re.compile(r"(?!<)[^\x00-\x20\x7f()\\]+")


class _Destination:
    """The result markdown-it's ``parseLinkDestination`` gives (``ok``, ``pos``, ``str``)."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self, pos: int, value: str) -> None:
        self.ok = True
        self.pos = pos
        self.str = value


def _parse_link_destination(string: str, pos: int, maximum: int) -> object:
    """markdown-it's ``parseLinkDestination``, with a fast path for plain destinations.

    The library walks the destination a character at a time in Python. A run of plain
    characters ended by a blank, a control character, ``)`` or the end is a destination
    in that walk too (no escape, no parenthesis to balance), with the same end and value;
    anything else goes to the library function.
    """
    from markdown_it import helpers
    from markdown_it.common.utils import unescapeAll

    match = _PLAIN_DEST_RE.match(string, pos, maximum)
    if match:
        end = match.end()
        if end >= min(maximum, len(string)) or string[end] in ")\x7f" or string[end] <= " ":
            return _Destination(end, unescapeAll(string[pos:end]))
    return helpers.parseLinkDestination(string, pos, maximum)


def skip_target(href: str) -> bool:
    """True for targets that are not links to sources: ``mailto:`` ..., in-page ``#anchors``."""
    target = href.strip()
    if is_placeholder_target(target):
        return False
    if target.startswith("#"):
        return True
    scheme = _SCHEME_RE.match(target)
    return bool(scheme and scheme.group(1).lower() in NON_WEB_SCHEMES)


def extract_markdown_links(text: str) -> tuple[RawLink, ...]:
    """Links of a Markdown source, each located at its line and column in ``text``."""
    if not _NEEDS_PARSER_RE.search(text):  # no link syntax and no code: bare URLs only
        return tuple(find_bare_urls(text))
    locator = Locator(text)
    simple = simple_links(locator)  # the parser's links, when the text is simple enough
    if simple is None:
        links, code_lines = parsed_links(locator)
    else:
        links, code_lines = [link for link in simple if not skip_target(link.url)], set()
    links.extend(_bare_links(text, locator, links, code_lines))
    return tuple(links)


def parsed_links(locator: Locator) -> tuple[list[RawLink], set[int]]:
    """The links markdown-it finds (skipped targets left out), and the lines of code."""
    links: list[RawLink] = []
    code_lines: set[int] = set()
    for token in _parser().parse(locator.text):
        if not token.map:
            continue
        if token.type in ("fence", "code_block"):
            code_lines.update(range(token.map[0] + 1, token.map[1] + 1))
        elif token.type == "inline" and token.children:
            links.extend(_inline_links(token.children, locator, token.map))
    return links, code_lines


def _inline_links(children: list[Token], locator: Locator, line_range: list[int]) -> list[RawLink]:
    """The links of one inline token (a paragraph, heading ...), located in source order."""
    cursor, block_end = locator.block(line_range)
    found: list[RawLink] = []
    index = 0
    while index < len(children):
        token = children[index]
        index += 1
        if token.type != "link_open":
            continue
        words: list[str] = []
        while index < len(children) and children[index].type != "link_close":
            child = children[index]
            if child.type in ("text", "code_inline", "image"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
            index += 1
        label = " ".join("".join(words).split())
        dest = str(token.attrs.get("href", ""))  # not normalised: see _parser
        if token.markup == "autolink":  # its text is the URL itself: no anchor text
            link, cursor = _locate_autolink(locator, cursor, block_end, dest, "")
        else:
            link, cursor = _locate_link(locator, cursor, block_end, dest, label, words)
        if not skip_target(link.url):
            found.append(link)
    return found


def _locate_autolink(
    locator: Locator, cursor: int, end: int, dest: str, label: str
) -> tuple[RawLink, int]:
    match = _AUTOLINK_RE.search(locator.text, cursor, end)
    if match:
        written = match.group(1)
        url = written if _SCHEME_RE.match(written) else "mailto:" + written
        return raw_link(locator, match.start(1), url, written, label, "autolink"), match.end()
    href = normalize_href(dest)
    return raw_link(locator, cursor, href, href, label, "autolink"), cursor


def _locate_link(
    locator: Locator, cursor: int, end: int, dest: str, label: str, words: list[str]
) -> tuple[RawLink, int]:
    """``dest``: the destination as markdown-it read it, unescaped but not normalised."""
    from markdown_it.common.utils import unescapeAll

    for match in _DEST_RE.finditer(locator.text, cursor, end):
        angled = match.group(1) is not None
        written = match.group(1) if angled else match.group(2)
        plain = unescapeAll(written)
        if plain == dest or normalize_href(plain) == normalize_href(dest):
            start = match.start(1) if angled else match.start(2)
            url = plain.replace(" ", "%20") if angled else plain
            return raw_link(locator, start, url, written, label, "inline"), match.end()
    href = normalize_href(dest)
    first = next((word for word in words if word.strip()), "")
    offset = locator.text.find(first, cursor, end) if first else -1
    if offset < 0:
        return raw_link(locator, cursor, href, href, label, "reference"), cursor
    start = offset - 1 if offset and locator.text[offset - 1] == "[" else offset
    return raw_link(locator, start, href, href, label, "reference"), offset + len(first)


def _bare_links(
    text: str, locator: Locator, links: list[RawLink], code_lines: set[int]
) -> list[RawLink]:
    """Bare URLs outside code, definitions, image sources and links already found."""
    taken = {(link.line, link.column) for link in links}
    same_line = {(link.line, value) for link in links for value in (link.url, link.text)}
    kept: list[RawLink] = []
    for link in find_bare_urls(text):
        line = locator.lines[link.line - 1]
        before = line[: link.column - 1]
        if (
            link.line in code_lines
            or (link.line, link.column) in taken
            or (link.line, link.url) in same_line
            or (link.line, link.raw) in same_line
            or _REFDEF_RE.match(line)
            or before.count("`") % 2
            or before.endswith(("](", "](<", "src=", 'src="', "src='"))
        ):
            continue
        kept.append(link)
    return kept
