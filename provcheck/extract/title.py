"""The document title: a Markdown heading, or the headline-like first lines of plain text.

Archived plain text (PDF prints, scrapes) has no markup, so the title is guessed from
shape: the first non-boilerplate line near the top that reads like a headline (a few
words, no sentence-ending period, not a caption, byline or date). PDF prints wrap long
headlines, so a short continuation line right below is joined to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from provcheck.extract.dates import CAPTION_RE, find_dates
from provcheck.models import Attributed

_ATX_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|`)")
_BYLINE_START_RE = re.compile(r"^\W*by\s+\S", re.IGNORECASE)
_LABEL_RE = re.compile(r"^[\w ]{1,25}:\s")
_URL_RE = re.compile(r"https?://|www\.", re.IGNORECASE)
_TERMINAL = (".", ";", ",", ":")

#: How many non-empty lines at the top are searched for a plain-text title.
TITLE_ZONE = 8
MAX_TITLE_WORDS = 30
MAX_CONTINUATION_WORDS = 10
#: A line this long ending like a sentence is body text: the title search stops there.
BODY_WORDS = 15


def plain_inline(text: str) -> str:
    """Markdown inline markup removed: links become their anchor text, emphasis goes."""
    text = _MD_LINK_RE.sub(r"\1", text)
    text = _MD_EMPHASIS_RE.sub("", text)
    return " ".join(text.split())


def _is_date_line(line: str) -> bool:
    found = find_dates(line)
    if not found:
        return False
    rest = line
    for f in found:
        rest = rest.replace(f.text, " ")
    return len(rest.split()) <= 3


def looks_like_headline(line: str) -> bool:
    """A line shaped like a headline: a few words, no trailing period, not furniture."""
    text = line.strip()
    words = text.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS:
        return False
    if text.endswith(_TERMINAL) or text.endswith(('."', ".”", ".'")):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "'\"‘“"):
        return False
    return not (
        CAPTION_RE.search(text)
        or _BYLINE_START_RE.match(text)
        or _URL_RE.search(text)
        or _LABEL_RE.match(text)
        or _is_date_line(text)
    )


def _continues(line: str) -> bool:
    text = line.strip()
    words = text.split()
    return (
        0 < len(words) <= MAX_CONTINUATION_WORDS
        and not text.endswith(_TERMINAL)
        and not CAPTION_RE.search(text)
        and not _BYLINE_START_RE.match(text)
        and not _URL_RE.search(text)
        and not _is_date_line(text)
    )


def markdown_title(lines: Sequence[str]) -> Attributed | None:
    """The first ATX (``# Title``) or Setext (``Title`` over ``===``) heading."""
    in_fence = False
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = _ATX_RE.match(line)
        if m:
            value = plain_inline(m.group("text"))
            if value:
                return Attributed(value, "heading", line.strip(), number)
        elif (
            line.strip()
            and number < len(lines)
            and _SETEXT_RE.match(lines[number])
            and not line.lstrip().startswith(("-", "*", ">", "|"))
        ):
            value = plain_inline(line)
            if value:
                return Attributed(value, "heading", line.strip(), number)
    return None


def text_title(lines: Sequence[str], skip: frozenset[int] = frozenset()) -> Attributed | None:
    """The headline-like first line(s) of plain text, skipping boilerplate lines."""
    seen = 0
    for number, line in enumerate(lines, 1):
        if number in skip or not line.strip():
            continue
        seen += 1
        if seen > TITLE_ZONE:
            break
        if not looks_like_headline(line):
            if len(line.split()) >= BODY_WORDS and line.rstrip().endswith(_TERMINAL):
                break  # the body has started: no title above it
            continue
        value = " ".join(line.split())
        evidence = line.strip()
        if number < len(lines) and (number + 1) not in skip:
            nxt = lines[number]
            joined_words = len(value.split()) + len(nxt.split())
            if _continues(nxt) and joined_words <= MAX_TITLE_WORDS:
                value = f"{value} {' '.join(nxt.split())}"
                evidence = f"{evidence} / {nxt.strip()}"
        return Attributed(plain_inline(value), "first-lines", evidence, number)
    return None
