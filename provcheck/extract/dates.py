"""Publication-date candidates found in a document's text, and the choice among them.

Dates are found with one compiled pattern (month names or ISO ``YYYY-MM-DD``) and
validated by building a :class:`datetime.date` from the matched parts. A date without a
year is never returned: "March 27" or "Feb. 1 coup" say nothing about the year, and
``dateutil``'s fuzzy mode would invent one (see design/PITFALLS.md). Numeric dates other
than ISO (``4/12/2022``) are ambiguous between day-first and month-first and are skipped.

Each date is classified by where it sits:

* a *dateline* is a date alone on its line (allowing a place, ``Published``, a weekday
  or a time) near the top of the text or just after the title or byline;
* a *caption* date sits in a photo caption line (``Photo:``, ``(AP Photo/...)``, ...);
* any other full date is a *text* date, the weakest evidence.

A date on a line (or after a word) saying ``Updated`` / ``Last modified`` is a stated
modification date: it goes to :attr:`DocumentDate.modified`, not to the candidates, since
it bounds the publication date from above rather than stating it.

Month-precision dates (``March 2021``) are kept only as a dateline standing alone on its
line; in running text they are too often about something else than the document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from provcheck.extract import needles
from provcheck.models import (
    DATE_SOURCE_STRENGTH,
    DateCandidate,
    DateSource,
    DocumentDate,
    Link,
    LinkRole,
    PartialDate,
    Precision,
)

_MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MON = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# Whitespace that may hold one line break (PDF text wraps anywhere).
_SP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"

_DATE_RE = re.compile(
    rf"""
    (?<![\w/=.-])
    (?:
        (?P<m1>{_MON})\.?{_SP}(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?{_SP}(?P<y1>\d{{4}})
      | (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?{_SP}(?:of{_SP})?(?P<m2>{_MON})\.?,?{_SP}(?P<y2>\d{{4}})
      | (?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})
    )
    (?:(?=T\d\d:)|(?![\w/-]))  # an ISO time may follow: 2021-03-29T10:00
    """,
    re.VERBOSE | re.IGNORECASE,
)
_WINDOW_BEFORE, _WINDOW_AFTER = 40, 12
_MONTH_YEAR_LINE_RE = re.compile(rf"^\W*(?P<m>{_MON})\.?\s+(?P<y>\d{{4}})\W*$", re.IGNORECASE)

_MODIFIED_RE = re.compile(
    r"\b(?:updated|modified|revised|edited|last\s+(?:updated|modified|revised|edited))\b",
    re.IGNORECASE,
)
#: Words a photo caption carries; a date on such a line dates the photo, not the article.
#: Every alternative starts with a literal character, so a search skips straight to the
#: next ``P``, ``I``, ``C``, ``(``, ``G``, ``S`` or ``F`` instead of trying every offset.
_CAPTION_LABELS = "Photo(?:graph)?s? PHOTOS? Image IMAGE Picture Credits? CREDITS? Illustration"
CAPTION_RE = re.compile(
    "|".join(rf"{label}[ \t]*:" for label in _CAPTION_LABELS.split())
    + r"|\((?:[A-Z][\w.]*[ \t])?Photos?/|Photo(?:graph)? by |Getty Images|Shutterstock"
    r"|File [Pp]hoto"
)
_WEEKDAY_RE = re.compile(
    r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?", re.IGNORECASE
)
_TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2})?))?"
    r"|\b\d{1,2}\s*[ap]\.?m\.?",
    re.IGNORECASE,
)
_DATELINE_WORDS_RE = re.compile(
    r"\b(?:first\s+)?(?:published|posted|issued|date[d]?|on|at|from)\b", re.IGNORECASE
)
_MARKUP_RE = re.compile(r"[*_#>`|•·()\[\]{}]+")
_LEFTOVER_RE = re.compile(r"[,;:\-–—/]+")

#: How many non-empty lines at the top may hold a dateline.
DATELINE_ZONE = 15
#: How many non-empty lines after the title or byline may hold a dateline.
AFTER_ANCHOR = 3


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A full date matched in text: ``text`` is the exact matched substring."""

    date: PartialDate
    text: str
    line: int  # 1-based line of the match start
    start: int
    end: int


def _month(token: str) -> int | None:
    if token.islower():  # "may", "mar" as ordinary words
        return None
    return _MONTHS.get(token[:3].lower())


def _build(year: str, month: int | None, day: str) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def words_set(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``text`` (for readable word tables)."""
    return frozenset(text.split())


class LineCounter:
    """1-based line numbers of offsets in ``text``, counted incrementally.

    Matches arrive in increasing order, so counting newlines from the previous offset
    costs one pass over the text in total, and nothing when there are no matches.
    """

    __slots__ = ("_line", "_position", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._position = 0
        self._line = 1

    def line(self, position: int) -> int:
        if position >= self._position:
            self._line += self._text.count("\n", self._position, position)
        else:
            self._line = self._text.count("\n", 0, position) + 1
        self._position = position
        return self._line


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged spans around every four-digit run: only there can a full date stand."""
    spans: list[tuple[int, int]] = []
    for year in needles.four_digit_starts(text):
        start, end = max(0, year - _WINDOW_BEFORE), year + 4 + _WINDOW_AFTER
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def find_dates(text: str) -> tuple[FoundDate, ...]:
    """Every valid full (day-precision) date in ``text``, in order of appearance.

    The date pattern is only run near four-digit runs (a year is required), which keeps
    this fast on long text.
    """
    counter = LineCounter(text)
    found: list[FoundDate] = []
    for window_start, window_end in _windows(text):
        for m in _DATE_RE.finditer(text, window_start, window_end):
            if found and m.start() < found[-1].end:
                continue
            if m.group("y1"):
                value = _build(m.group("y1"), _month(m.group("m1")), m.group("d1"))
            elif m.group("y2"):
                value = _build(m.group("y2"), _month(m.group("m2")), m.group("d2"))
            else:
                value = _build(m.group("y3"), int(m.group("m3")), m.group("d3"))
            if value is None:
                continue
            line = counter.line(m.start())
            found.append(
                FoundDate(PartialDate(value, Precision.DAY), m.group(0), line, m.start(), m.end())
            )
    return tuple(found)


def _is_dateline(line: str, spans: Sequence[tuple[int, int]]) -> bool:
    """True when, apart from its date(s), the line holds only dateline furniture."""
    rest = line
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    rest = _TIME_RE.sub(" ", rest)
    rest = _WEEKDAY_RE.sub(" ", rest)
    rest = _DATELINE_WORDS_RE.sub(" ", rest)
    rest = _MARKUP_RE.sub(" ", rest)
    rest = _LEFTOVER_RE.sub(" ", rest)
    words = rest.split()
    # A place name ("OSLO", "New York") may stand before the date.
    return len(words) <= 3 and all(w[:1].isupper() for w in words)


def dateline_zone(
    lines: Sequence[str], skip: frozenset[int], anchors: Iterable[int] = ()
) -> frozenset[int]:
    """Line numbers (1-based) where a dateline may stand."""
    zone: set[int] = set()
    count = 0
    for number, line in enumerate(lines, 1):
        if number in skip or not line.strip():
            continue
        zone.add(number)
        count += 1
        if count >= DATELINE_ZONE:
            break
    for anchor in anchors:
        count = 0
        for number in range(anchor + 1, len(lines) + 1):
            if number in skip or not lines[number - 1].strip():
                continue
            zone.add(number)
            count += 1
            if count >= AFTER_ANCHOR:
                break
    return frozenset(zone)


def text_candidates(
    text: str,
    *,
    skip: frozenset[int] = frozenset(),
    anchors: Iterable[int] = (),
) -> tuple[list[DateCandidate], list[PartialDate]]:
    """Date candidates from ``text`` (text lines, 1-based) and stated modification dates.

    ``skip`` holds lines to ignore (boilerplate); ``anchors`` are the title and byline
    lines, after which a dateline may also stand.
    """
    lines = text.split("\n")
    zone = dateline_zone(lines, skip, anchors)
    found = [f for f in find_dates(text) if f.line not in skip]
    by_line: dict[int, list[FoundDate]] = {}
    for f in found:
        by_line.setdefault(f.line, []).append(f)
    candidates: list[DateCandidate] = []
    modified: list[PartialDate] = []
    for number, items in by_line.items():
        line = lines[number - 1]
        base = text.rfind("\n", 0, items[0].start) + 1
        spans = [(f.start - base, min(f.end - base, len(line))) for f in items]
        dateline = number in zone and _is_dateline(line, spans)
        caption = CAPTION_RE.search(line) is not None
        previous_end = 0
        for f, (start, end) in zip(items, spans, strict=True):
            before = line[previous_end:start]
            previous_end = end
            evidence = " ".join(f.text.split())
            if _MODIFIED_RE.search(before):
                modified.append(f.date)
                continue
            if caption:
                source = DateSource.CAPTION
            elif dateline:
                source = DateSource.DATELINE
            else:
                source = DateSource.TEXT
            evidence = " ".join(line.split()) if source is not DateSource.TEXT else evidence
            candidates.append(DateCandidate(f.date, source, evidence, number))
    for number in sorted(zone):
        m = _MONTH_YEAR_LINE_RE.match(lines[number - 1])
        month = _month(m.group("m")) if m else None
        if m and month:
            value = dt.date(int(m.group("y")), month, 1)
            candidates.append(
                DateCandidate(
                    PartialDate(value, Precision.MONTH),
                    DateSource.DATELINE,
                    lines[number - 1].strip(),
                    number,
                )
            )
    candidates.sort(key=lambda c: c.line or 0)
    return candidates, modified


def url_candidates(links: Iterable[Link]) -> list[DateCandidate]:
    """The path dates of the document's declared original URL(s)."""
    out: list[DateCandidate] = []
    for link in links:
        if link.role is LinkRole.ORIGINAL and link.facts and link.facts.path_date:
            path_date = link.facts.path_date
            out.append(DateCandidate(path_date.date, DateSource.URL, link.url, link.line))
    return out


_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


def choose(
    candidates: Iterable[DateCandidate], modified: Iterable[PartialDate] = ()
) -> DocumentDate:
    """Dedupe candidates and mark the strongest (ties: finer precision, earliest line)."""
    unique: list[DateCandidate] = []
    seen: set[tuple[dt.date, Precision, DateSource]] = set()
    for c in candidates:
        key = (c.date.value, c.date.precision, c.source)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    latest_modified = max(modified, key=lambda p: p.value, default=None)
    if not unique:
        return DocumentDate(None, (), latest_modified)
    best = min(
        range(len(unique)),
        key=lambda i: (
            -DATE_SOURCE_STRENGTH[unique[i].source],
            _PRECISION_RANK[unique[i].date.precision],
            unique[i].line if unique[i].line is not None else 0,
            i,
        ),
    )
    chosen = DateCandidate(
        unique[best].date, unique[best].source, unique[best].evidence, unique[best].line, True
    )
    unique[best] = chosen
    return DocumentDate(chosen, tuple(unique), latest_modified)
