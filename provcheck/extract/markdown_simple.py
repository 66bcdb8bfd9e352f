"""Links of *simple* Markdown, found without running the CommonMark parser.

markdown-it-py costs most of the extraction of a Markdown document, yet most articles use
only the plainest syntax: ``[text](https://...)`` and ``<https://...>`` in paragraphs,
headings and list items. For such a text the parser's answer is known in advance, so
:func:`simple_links` reads the links with one regex pass and returns exactly the links
(same URL, position, text, raw form and syntax) that
:func:`provcheck.extract.links_markdown.extract_markdown_links` would take from the parser.

A text is simple when nothing in it can make CommonMark read a link differently:

* no code (no backtick, no ``~~~`` fence, no line indented by four spaces or a tab, no
  five spaces in a row, which a list marker needs before indented code), no block quote
  (a line starting with ``>``), no run of three list markers on one line (deep nesting);
* no escape ``\\``, entity ``&``, image ``![``, reference definition ``]:`` or NUL;
* every ``[`` opens, and every ``]`` closes, a link ``[label](destination)`` on one line
  whose label has no ``[ ] * _ < >`` (so no emphasis or nested link) and whose
  destination has no blank, ``( ) < > [ ]``; every ``<`` opens an autolink
  ``<scheme:...>`` with no bracket inside (so there is no HTML).

Otherwise :func:`simple_links` returns None and the parser decides, as before.
"""

from __future__ import annotations

import bisect
import re

from provcheck.models import RawLink

__all__ = ["Locator", "is_simple", "raw_link", "simple_links"]

#: Literals that rule the shortcut out (see the module doc); plain ``in`` tests are fast.
_NOT_SIMPLE_LITERALS = ("`", "\\", "&", "~~~", "![", "]:", "     ")
#: Control characters other than ``\n`` (tabs, NUL, ``\r`` ...) rule it out too.
_CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f]")
#: Line starts that rule it out: four-space indent, block quote, three list markers. Run
#: on the text behind a ``\n`` (a pattern starting with a literal scans fast; ``^`` does not).
_LINE_START_RE = re.compile(r"\n(?: {4}| {0,3}>| {0,3}(?:(?:[-+*]|\d{1,9}[.)]) +){3})")
#: A simple link, a URL autolink, or any other bracket (which rules the shortcut out).
_TOKEN_RE = re.compile(
    r"\[(?P<label>[^\[\]\n*_<>]*)\]\((?P<dest>[^\s\x00-\x20\x7f()<>\[\]]*)\)"
    r"|<(?P<auto>[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\x00-\x20\[\]]*)>"
    r"|[\[\]<]"
)


def is_simple(text: str) -> bool:
    """False when something outside the links rules the shortcut out (see the module doc)."""
    return not (
        any(literal in text for literal in _NOT_SIMPLE_LITERALS)
        or _CONTROL_RE.search(text)
        or _LINE_START_RE.search("\n" + text)
    )


class Locator:
    """Turns offsets of the source into 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def block(self, line_range: list[int]) -> tuple[int, int]:
        start = self.starts[min(line_range[0], len(self.starts) - 1)]
        end = self.starts[line_range[1]] if line_range[1] < len(self.starts) else len(self.text)
        return start, end


def raw_link(
    locator: Locator, offset: int, url: str, written: str, label: str, syntax: str
) -> RawLink:
    """A link whose destination (as written) starts at ``offset`` of the source."""
    line, column = locator.position(offset)
    return RawLink(
        url=url,
        line=line,
        column=column,
        text=label,
        raw=written,
        context=locator.lines[line - 1],
        syntax=syntax,
    )


def simple_links(locator: Locator) -> list[RawLink] | None:
    """Every inline link and autolink of a simple text in order, or None if it is not simple.

    Links to skip (``mailto:``, in-page anchors) are still returned: the caller filters
    them as it filters the parser's links.
    """
    text = locator.text
    if not is_simple(text):
        return None
    found: list[RawLink] = []
    for match in _TOKEN_RE.finditer(text):
        dest = match.group("dest")
        if dest is not None:
            label = " ".join(match.group("label").split())
            found.append(raw_link(locator, match.start("dest"), dest, dest, label, "inline"))
            continue
        auto = match.group("auto")
        if auto is None:
            return None  # a bracket that is not part of a simple link
        found.append(raw_link(locator, match.start("auto"), auto, auto, "", "autolink"))
    return found
