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
* no escape ``\\``, entity ``&``, image ``![`` or NUL;
* every ``[`` opens, and every ``]`` closes, either a link ``[label](destination)`` or a
  full reference ``[label][name]`` on one line, or a reference definition. A label has no
  ``[ ] * _ < >`` (so no emphasis or nested link); a destination has no blank,
  ``( ) < > [ ]``. A definition is a whole line ``[name]: destination`` (no indent, no
  title) between blank lines, other definitions or the ends of the text, and every
  reference names one; a reference's label shows first where the link is (the parser
  path finds a reference link by its label's first occurrence), and no inline link after
  it in its paragraph has its destination (the parser path would place it there);
* every ``<`` opens an autolink ``<scheme:...>`` with no bracket inside (so no HTML).

Otherwise :func:`simple_links` returns None and the parser decides, as before.
"""

from __future__ import annotations

import bisect
import functools
import re

from provcheck.models import RawLink

__all__ = [
    "Locator",
    "has_control",
    "is_simple",
    "normalize_href",
    "normalize_reference",
    "raw_link",
    "simple_links",
]

#: Literals that rule the shortcut out (see the module doc); plain ``in`` tests are fast.
_NOT_SIMPLE_LITERALS = ("`", "\\", "&", "~~~", "![", "     ")
#: Control characters other than ``\n`` (tabs, NUL, ``\r`` ...) rule it out too.
_CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f]")
#: The same characters one by one: in ASCII text ``in`` finds each with ``memchr``, far
#: fewer instructions than the regex testing every character against its class.
_CONTROLS = tuple(chr(code) for code in range(32) if code != 10)
#: Line starts that rule it out: four-space indent, block quote, three list markers. Run
#: on the text behind a ``\n`` (a pattern starting with a literal scans fast; ``^`` does not).
_LINE_START_RE = re.compile(r"\n(?: {4}| {0,3}>| {0,3}(?:(?:[-+*]|\d{1,9}[.)]) +){3})")
#: A simple link, a full reference, a URL autolink, or any other bracket (which rules the
#: shortcut out, unless it is part of a definition line).
_TOKEN_RE = re.compile(
    r"\[(?P<label>[^\[\]\n*_<>]*)\]"
    r"(?:\((?P<dest>[^\s\x00-\x20\x7f()<>\[\]]*)\)|\[(?P<ref>[^\[\]\n]{1,999})\])"
    r"|<(?P<auto>[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\x00-\x20\[\]]*)>"
    r"|\[|\]|<"  # single characters as literals: the scan then skips to the next one
)
#: A line that ends any paragraph before it: blank, or starting a list item or a heading
#: (lines the shortcut accepts cannot lazily continue a paragraph past such a line).
_BLOCK_START_RE = re.compile(
    r"^(?: *$| {0,3}(?:[-+*]|1[.)]) +\S| {0,3}#{1,6}(?: |$))", re.MULTILINE
)
#: A line that may be a reference definition the shortcut reads (see the module doc).
_DEFINITION_RE = re.compile(
    r"^\[(?P<name>[^\[\]\n]{1,999})\]:[ ]*(?P<dest>[^\s\x00-\x20\x7f()<>\[\]]+)[ ]*$", re.MULTILINE
)


def has_control(text: str) -> bool:
    """``_CONTROL_RE.search(text)``: a control character other than ``\n``."""
    if text.isascii():
        return any(char in text for char in _CONTROLS)
    return _CONTROL_RE.search(text) is not None  # ``in`` scans wider text a character a time


def is_simple(text: str) -> bool:
    """False when something outside the links rules the shortcut out (see the module doc)."""
    return not (
        any(literal in text for literal in _NOT_SIMPLE_LITERALS)
        or has_control(text)
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

    def line_index(self, offset: int) -> int:
        """The 0-based index of the line holding ``offset``."""
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        index = self.line_index(offset)
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


#: A web URL that markdown-it's ``normalizeLink`` returns unchanged: http(s), a host of
#: letters, digits, dots and hyphens, an optional port, then only characters its encoder
#: keeps and well-formed ``%XX`` escapes (a property test holds the two to the same answer).
_KEPT_AS_IS_RE = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?"
    r"(?:[/?#](?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]|%[0-9A-Fa-f]{2})*)?\Z"
)


@functools.lru_cache(maxsize=4096)
def normalize_href(url: str) -> str:
    """markdown-it's normal form of an href (percent-encoded).

    Most hrefs are plain web URLs that the library (a URL parse, a punycode pass and a
    re-encode) would give back unchanged; those skip it, and so does importing it.
    """
    if _KEPT_AS_IS_RE.match(url):
        return url
    from markdown_it.common.normalize_url import normalizeLink

    return normalizeLink(url)


def normalize_reference(name: str) -> str:
    """markdown-it's key for a reference name (``normalizeReference``).

    For a name of printable ASCII, the only blank is the space, and case folding is
    upper-casing: that common case is computed here, without importing markdown-it.
    """
    if name.isascii() and name.isprintable():
        return " ".join(name.split()).upper()
    from markdown_it.common.utils import normalizeReference

    return normalizeReference(name)


def _definitions(locator: Locator) -> tuple[dict[str, str], list[int]] | None:
    """The reference definitions (normalised name -> destination, first one wins) and the
    offsets where their lines start; None when a definition-like line is not one the
    shortcut can read."""
    names: dict[str, str] = {}
    starts: list[int] = []
    if "]:" not in locator.text:
        return names, starts
    lines = locator.lines
    for match in _DEFINITION_RE.finditer(locator.text):
        if not match.group("name").strip():
            return None
        index = locator.line_index(match.start())
        # Blank for CommonMark is spaces only (tabs and other controls are ruled out already).
        before = lines[index - 1] if index else ""
        before_ok = not before.strip(" ") or starts[-1:] == [locator.starts[index - 1]]
        after = lines[index + 1] if index + 1 < len(lines) else ""
        if not before_ok or (after.strip(" ") and not _DEFINITION_RE.match(after)):
            return None
        names.setdefault(normalize_reference(match.group("name")), match.group("dest"))
        starts.append(match.start())
    return names, starts


def simple_links(locator: Locator) -> list[RawLink] | None:
    """Every link and autolink of a simple text in order, or None if it is not simple.

    Links to skip (``mailto:``, in-page anchors) are still returned: the caller filters
    them as it filters the parser's links.
    """
    text = locator.text
    if not is_simple(text):
        return None
    definitions = _definitions(locator)
    if definitions is None:
        return None
    names, definition_starts = definitions
    found: list[RawLink] = []
    paragraph_ends: list[int] | None = None  # where paragraphs may end, once needed
    references: dict[str, int] = {}  # a reference's destination -> the end of its paragraph
    previous = 0  # where the previous link starts: the parser path looks from there on
    for match in _TOKEN_RE.finditer(text):
        if definition_starts and _in_definition(locator, definition_starts, match.start()):
            continue
        dest, ref, auto = match.group("dest", "ref", "auto")
        if dest is not None:
            if references and references.get(normalize_href(dest), -1) > match.start():
                return None
            label = " ".join(match.group("label").split())
            found.append(raw_link(locator, match.start("dest"), dest, dest, label, "inline"))
        elif ref is not None:
            link = _reference(locator, match, names.get(normalize_reference(ref)), previous)
            if link is None:
                return None
            if paragraph_ends is None:
                paragraph_ends = [m.start() for m in _BLOCK_START_RE.finditer(text)]
            end = bisect.bisect_right(paragraph_ends, match.end())
            bound = paragraph_ends[end] if end < len(paragraph_ends) else len(text)
            references[link.url] = max(bound, references.get(link.url, -1))
            found.append(link)
        elif auto is not None:
            found.append(raw_link(locator, match.start("auto"), auto, auto, "", "autolink"))
        else:
            return None  # a bracket that is not part of a simple link
        previous = match.start()
    return found


def _in_definition(locator: Locator, definition_starts: list[int], offset: int) -> bool:
    """True when ``offset`` lies on one of the definition lines."""
    line_start = locator.starts[locator.line_index(offset)]
    index = bisect.bisect_left(definition_starts, line_start)
    return index < len(definition_starts) and definition_starts[index] == line_start


def _reference(
    locator: Locator, match: re.Match[str], dest: str | None, previous: int
) -> RawLink | None:
    """The full reference ``match`` as the parser path gives it, or None if it cannot."""
    written = match.group("label")
    if dest is None or not written.strip():
        return None  # an undefined name (CommonMark reads brackets otherwise) or no label
    bracket = match.start()
    if locator.text.find(written, previous, bracket + 1 + len(written)) != bracket + 1:
        return None  # the label shows earlier: the parser path would place the link there
    href = normalize_href(dest)
    label = " ".join(written.split())
    return raw_link(locator, bracket, href, href, label, "reference")
