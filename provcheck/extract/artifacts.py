"""Signs of a lossy conversion: mangled quotes, repeated paragraphs, empty tag lists.

PDF-to-text and scrapers leave recognisable damage. A quotation that opens with a double
quote and closes with a single one (or opens with a doubled mark like ``""`` or ``'"``)
is a mangled curly quote. A paragraph printed twice is usually a caption repeated as
body text. ``Tags: , , ,`` is a tag list whose links were stripped. A word hyphenated at a
line end is reported (info) because the join cannot tell a real compound from a break.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from provcheck.extract import needles
from provcheck.extract.boilerplate import paragraphs
from provcheck.extract.dates import LineCounter
from provcheck.models import Artifact, DocFormat

MISMATCHED_QUOTES = "mismatched-quotes"
REPEATED_PARAGRAPH = "repeated-paragraph"
EMPTY_TAG_LIST = "empty-tag-list"
LINE_END_HYPHEN = "line-end-hyphen"

_DOUBLE = '"“”'
_SINGLE = "'‘’"
_QUOTES = _DOUBLE + _SINGLE
_QUOTE_MARKS = tuple(_QUOTES)  # found with str.find per mark (see needles.find_literals)
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
_DROP_PUNCT = str.maketrans("", "", "\"'“”‘’.,;:!?()[]{}*_-–— ")
_EMPTY_TAGS_RE = re.compile(
    r"^\W{0,3}(?:tags?|tagged(?: as| with)?|topics|keywords|filed under)\s*:[\s,;|·]*$",
    re.IGNORECASE,
)
_HYPHEN_END_RE = re.compile(r"-[ \t]*\n[ \t]*(?P<next>[a-z][\w-]*)")
_WORD_BEFORE_RE = re.compile(r"(?<![\w-])[A-Za-z][\w-]*[A-Za-z]$")
_NORMALISE_RE = re.compile(r"[^\w]+")

#: A paragraph needs this many words to count as repeated (short lines repeat legitimately).
MIN_REPEAT_WORDS = 8
_KEY_WORDS = 6


def _snippet(text: str, index: int, width: int = 30) -> str:
    """Up to ``width`` characters either side of ``index``, within its line."""
    line_start = text.rfind("\n", 0, index) + 1
    line_end = text.find("\n", index)
    line_end = len(text) if line_end < 0 else line_end
    return " ".join(text[max(line_start, index - width) : min(line_end, index + width)].split())


def _classify(text: str, index: int) -> str:
    """``open`` (before a word), ``close`` (after a word), ``double-open`` or ``""``."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isalnum() or before in ".,!?":
        return "" if after.isalnum() else "close"  # else an apostrophe: don't, Harbour's
    if before in _QUOTES:
        return ""
    if after.isalnum():
        return "open"
    if after in _QUOTES and text[index + 2 : index + 3].isalnum():
        return "double-open"
    return ""


def mismatched_quotes(lines: Sequence[str]) -> list[Artifact]:
    """Quote pairs that open with one kind of mark and close with another.

    One pass over the quote marks of the whole text: each is an opening mark (before a
    word), a closing mark (after a word) or an apostrophe; pairs are compared within a
    paragraph.
    """
    text = "\n".join(lines)
    if not any(mark in text for mark in _QUOTES):
        return []
    counter = LineCounter(text)
    breaks = [m.start() for m in _PARAGRAPH_BREAK_RE.finditer(text)]
    marks: list[tuple[int, str, str, int]] = []  # position, mark, role, paragraph
    for position, mark in needles.find_literals(text, _QUOTE_MARKS):
        role = _classify(text, position)
        if role:
            marks.append((position, mark, role, bisect.bisect_right(breaks, position)))

    def artifact(position: int) -> Artifact:
        return Artifact(MISMATCHED_QUOTES, counter.line(position), _snippet(text, position))

    out: list[Artifact] = []
    for index, (position, mark, role, paragraph) in enumerate(marks):
        if role == "double-open":
            out.append(artifact(position))
            continue
        if role != "open":
            continue
        nested = False
        for following in range(index + 1, len(marks)):  # not a slice: no copy per mark
            later, close, later_role, later_paragraph = marks[following]
            if later_paragraph != paragraph:
                break
            if later_role == "open":
                nested = nested or (close in _SINGLE) != (mark in _SINGLE)
                continue
            if later_role != "close":
                continue
            if mark in _DOUBLE and close in _SINGLE and not nested:
                if text[later - 1] in "sS" and text[later + 1 : later + 2].isspace():
                    break  # plural possessive: "the protesters' demands"
                out.append(artifact(later))
            elif mark in _SINGLE and close in _DOUBLE and not nested:
                out.append(artifact(later))
            break
    return out


def _normalise(raw: str) -> str:
    return _NORMALISE_RE.sub(" ", raw.casefold()).strip()


def repeated_paragraphs(
    lines: Sequence[str],
    skip: frozenset[int] = frozenset(),
    paras: Sequence[tuple[int, int]] | None = None,
) -> list[Artifact]:
    """Paragraphs repeated (after whitespace/punctuation normalisation, or contained).

    Paragraphs are bucketed by their first words; only paragraphs sharing a bucket are
    normalised and compared, so the usual document costs one split per paragraph.
    ``paras``: ``paragraphs(lines)`` when the caller has them already.
    """
    seen: dict[str, list[tuple[int, str]]] = {}
    normalised: dict[int, str] = {}  # by first line: each paragraph normalised once at most
    out: list[Artifact] = []
    for first, last in paragraphs(lines) if paras is None else paras:
        if first in skip:
            continue
        text = lines[first - 1] if first == last else " ".join(lines[first - 1 : last])
        head = text.split(None, MIN_REPEAT_WORDS)  # enough words for the test and the key
        if len(head) < MIN_REPEAT_WORDS:
            continue
        key = " ".join(head[:_KEY_WORDS]).translate(_DROP_PUNCT).casefold()
        earlier = seen.setdefault(key, [])
        if earlier:  # only paragraphs sharing a key are normalised (``raw``: words joined)
            raw = " ".join(text.split())
            norm = normalised[first] = _normalise(raw)
            for line, other_text in earlier:
                other = normalised.get(line)
                if other is None:
                    other = normalised[line] = _normalise(" ".join(other_text.split()))
                if norm == other or norm in other or other in norm:
                    evidence = f"repeats line {line}: {raw[:80]}"
                    out.append(Artifact(REPEATED_PARAGRAPH, first, evidence))
                    break
        earlier.append((first, text))
    return out


def empty_tag_lists(lines: Sequence[str]) -> list[Artifact]:
    """``Tags:`` / ``Tagged as: , , ,`` lines with no tag left."""
    return [
        Artifact(EMPTY_TAG_LIST, number, line.strip())
        for number, line in enumerate(lines, 1)
        if ":" in line and _EMPTY_TAGS_RE.match(line)  # the label ends with a colon
    ]


def line_end_hyphens(lines: Sequence[str]) -> list[Artifact]:
    """Words hyphenated across a line end (``military-`` / ``technical``)."""
    text = "\n".join(lines)
    if "-\n" not in text:
        return []
    counter = LineCounter(text)
    out: list[Artifact] = []
    for m in _HYPHEN_END_RE.finditer(text):
        word = _WORD_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
        if word:
            evidence = f"{word.group()}- / {m.group('next')}"
            out.append(Artifact(LINE_END_HYPHEN, counter.line(m.start()), evidence))
    return out


def find_artifacts(
    lines: Sequence[str],
    fmt: DocFormat,
    skip: frozenset[int] = frozenset(),
    paras: Sequence[tuple[int, int]] | None = None,
) -> tuple[Artifact, ...]:
    """Every conversion artifact, in line order (``paras``: as for ``repeated_paragraphs``)."""
    found = [
        *mismatched_quotes(lines),
        *repeated_paragraphs(lines, skip, paras),
        *empty_tag_lists(lines),
    ]
    if fmt is DocFormat.TEXT:
        found.extend(line_end_hyphens(lines))
    return tuple(sorted(found, key=lambda a: (a.line, a.kind)))
