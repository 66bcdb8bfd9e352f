"""Authors (byline lines, author links) and the publisher of a document.

A byline is recognised by shape, never by name lists: a short line near the top starting
with ``By``, whose parts (split on commas, ``and``, ``&``) all look like personal or
organisation names. One part that does not ("By Friday, the army had ...") rejects the
line: a wrong author is worse than none.

Author links' anchor texts count when they look like names. Names are *not* derived from
an author-page URL slug (``/author/jane-doe``): slugs lose capitalisation and often name a
desk or agency rather than a person, so the slug is left to the link's own report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from provcheck.extract import needles
from provcheck.extract.dates import LineCounter, find_dates, words_set
from provcheck.extract.title import plain_inline
from provcheck.models import Attributed, Link, LinkRole

_BYLINE_RE = re.compile(r"^\W{0,3}by[:\s]\s*(?P<names>\S.*)$", re.IGNORECASE)
_CUT_RE = re.compile(r"\s(?:\||[-–—]{1,2}|·|•)\s|\|")
_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_PLACE_RE = re.compile(r"\s+in\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*$")
_ROLE_RE = re.compile(
    r"^(?:(?:staff|senior|chief|special|foreign|political|contributing|associate|deputy|"
    r"managing|news|guest)\s+)*(?:writer|reporter|correspondent|editor|columnist|contributor|"
    r"journalist|photographer|staff)s?$",
    re.IGNORECASE,
)
_PARTICLES = words_set(
    "de da di del della der den van von la le du dos das bin ibn al el ter ten y"
)
_NOT_NAMES = words_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "september october november december today yesterday"
)
_NAME_WORD_RE = re.compile(r"^(?:[A-Z]\.|[A-Z][\w'’.-]*|[A-Z]{2,})$")
_URL_RE = re.compile(r"https?://|www\.|/", re.IGNORECASE)

#: How many non-empty lines at the top may hold a byline.
BYLINE_ZONE = 20
MAX_BYLINE_WORDS = 16
MAX_NAME_WORDS = 5


def looks_like_name(text: str) -> bool:
    """A personal or organisation name: 1-5 capitalised words, no digits or URL."""
    words = text.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or _URL_RE.search(text):
        return False
    if any(ch.isdigit() for ch in text) or (len(words) == 1 and words[0] == "The"):
        return False
    for index, word in enumerate(words):
        if index and word.lower() in _PARTICLES:
            continue
        if index == 0 and word == "The" and len(words) > 1:
            continue
        if not _NAME_WORD_RE.match(word) or word.lower() in _NOT_NAMES:
            return False
    return True


def parse_byline(line: str) -> tuple[str, ...]:
    """The names of a byline line (``By A, B and C | Agency``), or () if it is not one."""
    if "by" not in line[:12].lower():
        return ()
    text = plain_inline(line)
    m = _BYLINE_RE.match(text)
    if not m or len(text.split()) > MAX_BYLINE_WORDS:
        return ()
    names = _CUT_RE.split(m.group("names"), maxsplit=1)[0]
    for found in find_dates(names):
        names = names.replace(found.text, " ")
    names = names.strip(" ,;.:")
    out: list[str] = []
    for part in _SPLIT_RE.split(names):
        part = _PLACE_RE.sub("", part.strip(" .,"))
        if not part or _ROLE_RE.match(part):
            continue
        if not looks_like_name(part):
            return ()
        out.append(" ".join(part.split()))
    return tuple(out)


def byline_authors(lines: Sequence[str], skip: frozenset[int] = frozenset()) -> list[Attributed]:
    """Authors named in byline lines near the top (line numbers are text lines)."""
    out: list[Attributed] = []
    seen = 0
    for number, line in enumerate(lines, 1):
        if number in skip or not line.strip():
            continue
        seen += 1
        if seen > BYLINE_ZONE:
            break
        for name in parse_byline(line):
            out.append(Attributed(name, "byline", line.strip(), number))
    return out


def link_authors(links: Iterable[Link]) -> list[Attributed]:
    """Authors from author links whose anchor text reads as a name."""
    out: list[Attributed] = []
    for link in links:
        if link.role is not LinkRole.AUTHOR:
            continue
        name = plain_inline(link.text)
        if name and looks_like_name(name):
            out.append(Attributed(name, "author-link", link.raw or link.url, link.line))
    return out


def dedupe(values: Iterable[Attributed]) -> tuple[Attributed, ...]:
    """First occurrence of each value, compared case- and space-insensitively."""
    seen: set[str] = set()
    out: list[Attributed] = []
    for value in values:
        key = " ".join(value.value.casefold().split())
        if key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out)


_PUBLISHER_RE = re.compile(
    r"^\W{0,3}(?:source\s*:|published\s+by\b:?|publisher\s*:)\s*(?P<name>.+)$", re.IGNORECASE
)
_COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<name>[^|]+)",
    re.IGNORECASE,
)
# Literal stems only: a pattern starting with a character class scans several times slower,
# and str.find finds the stems faster still (see needles).
_PUBLISHER_HINTS = (
    "©",
    "(c)",
    "(C)",
    "opyright",
    "OPYRIGHT",
    "ource",
    "OURCE",
    "ublishe",
    "UBLISHE",
)
_PUBLISHER_HINT_RE = re.compile("|".join(map(re.escape, _PUBLISHER_HINTS)))
#: The hints lower-cased, each once, looked for in the lower-cased text: five scans instead
#: of nine; the case-sensitive pattern is then tried where one is found (see needles).
_PUBLISHER_NEEDLES = tuple((hint, (0,)) for hint in dict.fromkeys(map(str.lower, _PUBLISHER_HINTS)))
_RESERVED_RE = re.compile(r"\.?\s*all rights reserved.*$", re.IGNORECASE)
MAX_PUBLISHER_LINE_WORDS = 15


def text_publisher(lines: Sequence[str], skip: frozenset[int] = frozenset()) -> Attributed | None:
    """A publisher stated in a short ``Source:`` / ``Published by`` / ``© Name`` line."""
    joined = "\n".join(lines)
    counter = LineCounter(joined)
    checked: set[int] = set()
    for hint in needles.finditer(_PUBLISHER_HINT_RE, _PUBLISHER_NEEDLES, joined):
        number = counter.line(hint.start())
        if number in skip or number in checked:
            continue
        checked.add(number)
        line = lines[number - 1]
        text = plain_inline(line)
        if len(text.split()) > MAX_PUBLISHER_LINE_WORDS:
            continue
        m = _PUBLISHER_RE.match(text) or _COPYRIGHT_RE.search(text)
        if not m:
            continue
        name = _RESERVED_RE.sub("", m.group("name")).strip(" .,;:")
        if name and len(name.split()) <= 8 and name[0].isupper() and not _URL_RE.search(name):
            return Attributed(name, "text", line.strip(), number)
    return None


def domain_publisher(links: Sequence[Link]) -> Attributed | None:
    """The registrable domain of the original link, else of an author link."""
    for role, source in (
        (LinkRole.ORIGINAL, "original-link-domain"),
        (LinkRole.AUTHOR, "author-link-domain"),
    ):
        for link in links:
            if link.role is role and link.facts and link.facts.domain:
                return Attributed(link.facts.domain, source, link.url, link.line)
    return None
