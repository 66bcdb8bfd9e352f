"""Bare URLs in plain text, including URLs that PDF extraction wrapped across lines.

A careful pattern, not a linkify library (PITFALLS.md: they merge neighbours, keep trailing
punctuation and never re-join wrapped URLs). What it does:

* ``http://``/``https://`` URLs and ``www.`` hosts; ``<...>`` autolinks; URLs in brackets or
  quotes. Square brackets end a URL (they are not allowed unencoded in a path, and this keeps
  ``[url](url)`` apart; IPv6 literal hosts are not recognised in plain text). Trailing
  ``.,;:!?'*`` and an unbalanced closing parenthesis are not part of the URL; balanced
  parentheses inside it are (``/wiki/Mercury_(planet)``).
* ``www.example.com/x`` keeps its written form in ``raw``; ``url`` gets ``http://`` in front,
  the scheme every site still answers on (https would be a guess about the site).
* Lines are split on ``\\n`` only; ``line`` and ``column`` are 1-based, ``column`` points at the
  URL's first character.
* Wrapped URLs: when a URL runs to the end of its line, the next line may continue it. This is
  a guess, so it is conservative and marked (``joined=True``, ``raw`` keeps the text with its
  line breaks). The next line must start at column 1 with URL characters and not with a new
  URL; then either the URL ends in a character no URL ends with (``- _ = & % + ~ #``) and the
  piece is the whole line (or is followed only by closing punctuation), carries path
  punctuation (``/ = & ? %``) or is a lower-case hyphenated word; or the URL ends in ``/`` and
  the piece is a whole-line path-like piece or carries path punctuation. Without such an
  ending, only a whole-line, lower-case, hyphenated or slashed piece is joined, or a slug
  cut mid-word (the URL's last segment is hyphenated and the piece is a lower-case chain of
  three or more hyphenated parts, like ``sure-order-june-12``). A piece that
  starts with a host name (``example.com/...``) is never joined. At most three lines.
"""

from __future__ import annotations

import bisect
import re
from urllib.parse import urlsplit

from provcheck.extract import needles
from provcheck.extract.urls import tld_extractor
from provcheck.models import RawLink

__all__ = ["extract_text_links", "find_bare_urls", "splits", "trim_url"]

_URL_RE = re.compile(
    r"(?<![^\W_])(?<![.@/\\-])(?:https?://|www\.)[^\s<>\"`“”‘’«»\[\]\x00-\x1f\x7f]*",
    re.IGNORECASE,
)
_HOST_RE = re.compile(r"^(?:https?://[^/?#\s]*[^\W_]|www\.[\w-]+\.[^\W\d_])", re.IGNORECASE)
_CONT_RE = re.compile(r"[A-Za-z0-9%~][A-Za-z0-9\-._~/?#&=%+]*")
_URL_START_RE = re.compile(r"https?:|www\.", re.IGNORECASE)
_CLOSERS_RE = re.compile(r"^[>)\]\"'’”.,;:!?]*\s*$")
_TRAILING = frozenset(".,;:!?'*’”»")
_OPENERS = {")": "(", "]": "[", "}": "{"}
_BREAK_ENDS = frozenset("-_=&%+~#")
_STRONG_PATH = frozenset("/=&?%")
_PATHISH = frozenset("-_/.=&?%+~#")
_MAX_JOINS = 3
_RESERVED_TLDS = frozenset({"test", "example", "invalid", "localhost", "local"})


def trim_url(run: str) -> str:
    """Strip trailing punctuation and unbalanced closing brackets from a URL-like run."""
    end = len(run)
    while end:
        char = run[end - 1]
        if char in _TRAILING:
            end -= 1
        elif char in _OPENERS:
            body = run[:end]
            if body.count(char) > body.count(_OPENERS[char]):
                end -= 1
            else:
                break
        else:
            break
    return run[:end]


def extract_text_links(text: str) -> tuple[RawLink, ...]:
    """Every bare URL in plain ``text``, in order (repeats kept)."""
    return tuple(find_bare_urls(text))


def find_bare_urls(text: str) -> list[RawLink]:
    """Bare URLs of ``text`` as :class:`RawLink` (syntax ``bare`` or ``autolink``)."""
    # _URL_RE starts with look-behinds: its starts are found with str.find (see needles).
    matches = needles.finditer(_URL_RE, needles.URL_NEEDLES, text)
    head = next(matches, None)
    if head is None:
        return []
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    found: list[RawLink] = []
    consumed = 0
    for match in (head, *matches):
        begin = match.start()
        if begin < consumed:
            continue
        first = trim_url(match.group())
        if not _HOST_RE.match(first):
            continue
        index = bisect.bisect_right(starts, begin) - 1
        line = lines[index]
        column = begin - starts[index] + 1
        pieces = [first]
        end = begin + len(first)
        if first == match.group() and not line[column - 1 + len(first) :].strip():
            end = _join_wrapped(lines, starts, index, pieces, end)
        written = "".join(pieces)
        url = "http://" + written if written[:4].lower() == "www." else written
        if not splits(url):
            continue
        consumed = end
        is_auto = begin > 0 and text[begin - 1] == "<" and text[end : end + 1] == ">"
        found.append(
            RawLink(
                url=url,
                line=index + 1,
                column=column,
                raw=text[begin:end],
                joined=len(pieces) > 1,
                context=line,
                syntax="autolink" if is_auto else "bare",
            )
        )
    return found


def _join_wrapped(
    lines: list[str], starts: list[int], index: int, pieces: list[str], end: int
) -> int:
    """Append continuation pieces from the following lines; return the new end offset."""
    current = pieces[0]
    for row in range(index + 1, min(index + 1 + _MAX_JOINS, len(lines))):
        piece = _continuation(current, lines[row])
        if piece is None:
            break
        pieces.append(piece)
        current += piece
        end = starts[row] + len(piece)
        if len(piece) < len(lines[row].rstrip()):
            break  # the URL ended inside this line
    return end


def _continuation(current: str, nxt: str) -> str | None:
    """The start of ``nxt`` that continues the URL ``current``, or None (see module doc)."""
    match = _CONT_RE.match(nxt)
    if not match or _URL_START_RE.match(nxt):
        return None
    piece = trim_url(match.group())
    if not any(ch.isalnum() for ch in piece):
        return None
    whole = bool(_CLOSERS_RE.match(nxt[len(piece) :]))
    strong = any(ch in _STRONG_PATH for ch in piece)
    last = current[-1]
    if last in _BREAK_ENDS:
        ok = whole or strong or (piece == piece.lower() and any(ch in "-_" for ch in piece))
    elif last == "/":
        ok = (whole and any(ch in _PATHISH or ch.isdigit() for ch in piece)) or strong
    else:
        ok = (
            whole
            and piece == piece.lower()
            and any(ch in "-/_" for ch in piece)
            and "/" in current.split("://", 1)[-1]
        ) or _slug_continues(current, piece)
    if not ok or _looks_like_host(piece):
        return None
    return piece if splits(current + piece) else None


def splits(url: str) -> bool:
    """True when ``urlsplit(url)`` does not raise.

    It raises only for a bracketed (IPv6) host or a non-ASCII host that NFKC-normalises
    to URL delimiters, so an ASCII URL without brackets is not even parsed.
    """
    if url.isascii() and "[" not in url and "]" not in url:
        return True
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


_SLUG_PIECE_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}")


def _slug_continues(current: str, piece: str) -> bool:
    """A slug cut mid-word: ``.../inner-harbour-clo`` + ``sure-order-june-12 and runs``.

    Both sides must look like slugs: the URL's last path segment is hyphenated and the
    piece is a lower-case word chain of at least three parts, which ordinary prose rarely
    starts a line with.
    """
    path = current.split("://", 1)[-1]
    if "/" not in path:
        return False
    last_segment = path.rsplit("/", 1)[-1]
    return "-" in last_segment and bool(_SLUG_PIECE_RE.fullmatch(piece))


def _looks_like_host(piece: str) -> bool:
    """True when ``piece`` starts with a name under a public suffix (``example.com/...``)."""
    head = piece.split("/", 1)[0]
    if "." not in head:
        return False
    if head.rsplit(".", 1)[-1].lower() in _RESERVED_TLDS:
        return True
    parts = tld_extractor()(head)
    return bool(parts.suffix and parts.domain)
