"""Page-wrapper text leaked into a capture, and headlines left over from stripped widgets.

Boilerplate is found by general cues, never by site names: whole short lines that are
widget labels ("Subscribe", "Share this", "Leave a Reply", "Once" / "Monthly"), and
phrases that address the reader ("we need your help", "your support", "ad-free") on lines
that speak to them (you/your/we/us/our). Cue lines close together (at most
``MAX_GAP`` other non-empty lines between them) form one block, so the appeal paragraphs
between an appeal's first and last cues are included. A block needs two cue lines, or
one whole-line widget label.

Orphan headlines are single-line paragraphs shaped like a headline standing between body
paragraphs: what a related-stories widget leaves when its links are stripped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from provcheck.extract import needles
from provcheck.extract.dates import CAPTION_RE, find_dates
from provcheck.models import Block, BlockKind, OrphanHeadline

_K = BlockKind
#: Whole-line widget labels (matched on the lower-cased line without trailing punctuation).
_LINE_CUES: tuple[tuple[BlockKind, str], ...] = (
    (_K.TAG_LIST, r"(?:tags?|tagged(?: as| with)?|topics|keywords|filed under)\s*:?[\s,;|·]*"),
    (
        _K.DONATION,
        r"once|monthly|annual(?:ly)?|yearly|one[- ]time|remind me later|maybe later|"
        r"support (?:us|the [\w' ]{1,40}|our [\w' ]{1,40})(?: today| now)?|"
        r"donate(?: now| today)?|give (?:now|today)|"
        r"make a (?:donation|contribution)|become a (?:member|supporter|patron)|"
        r"not ready to (?:support|donate|give|contribute)(?: us)?(?: today| now| yet)?|"
        r"dear (?:readers?|friends|subscribers)\W*|a (?:message|note) from .{1,60}|"
        r"pa\w{0,3}ment methods",
    ),
    (
        _K.SUBSCRIPTION,
        r"subscribe(?: now| today| here)?|sign (?:up|in)(?: now| today| here)?|log ?in|register|"
        r"learn more|get more with .{1,40}|already (?:a subscriber|have an account)|"
        r"(?:sign up for|subscribe to) .{1,60}|(?:our )?newsletters?|(?:go )?ad-free.{0,30}|"
        r"(?:\w+ )?without (?:ads|adverts|advertising)",
    ),
    (
        _K.COMMENT_FORM,
        r"leave a (?:reply|comment)|post a comment|add a comment|\d* ?comments?|cancel reply|"
        r"fill in your details below.*|connecting to %s|log out.*|"
        r"you are commenting using your.*|(?:twitter|facebook|google|wordpress(?:\.com)?) "
        r"(?:picture|photo|account)|notify me of .*|(?:name|email|website)(?: \(required\))?",
    ),
    (
        _K.SHARE_WIDGET,
        r"share(?: this(?: article| story| post| page)?)?|share (?:on|via) \w+|tweet|facebook|"
        r"twitter|whatsapp|linkedin|telegram|reddit|pinterest|e-?mail|print|copy link|"
        r"like this|like loading.*|click to share.*",
    ),
    (
        _K.NAVIGATION,
        r"read more|continue(?: reading)?|(?:next|previous) (?:article|story|post)|back to top|"
        r"more stories|related (?:articles|stories|posts)|you may also like|recommended"
        r"(?: for you)?|categor(?:y|ies)\s*:.{0,80}|(?:tags?|filed under)\s*:.{0,80}|most "
        r"(?:read|popular|viewed)|skip to (?:main )?content|menu|×|✕|close",
    ),
    (_K.WIDGET, r"advertisement|sponsored(?: content)?|ad"),
    (
        _K.COOKIE,
        r"accept(?: all)?(?: cookies)?|reject all|manage (?:cookies|preferences|consent)|"
        r"cookie (?:policy|settings|preferences)",
    ),
)
# One alternation with a named group per kind: one regex call per line.
_LINE_RE = re.compile("|".join(f"(?P<k{i}>{cue})" for i, (_, cue) in enumerate(_LINE_CUES)))
_LINE_KINDS = {f"k{i}": kind for i, (kind, _) in enumerate(_LINE_CUES)}

#: Phrases that count on lines addressing the reader (see ``_ADDRESS_RE``).
_PHRASE_CUES: tuple[tuple[BlockKind, str], ...] = (
    (
        _K.DONATION,
        r"we need your (?:help|support)|your support|support (?:us|our (?:work|journalism|"
        r"newsroom|reporting))|supporting us|by supporting|please (?:consider )?(?:support|"
        r"donat|give|contribut)|donat(?:e|ion|ing)|every contribution|make a contribution|"
        r"\$\s?\d[\d,.]* (?:a|per) (?:month|year)|reader[- ]funded|"
        r"thank you for (?:standing with|supporting)|depends on (?:you|your support|readers)|"
        r"readers like you",
    ),
    (
        _K.SUBSCRIPTION,
        r"ad-free|disabled (?:all )?ads|subscribe (?:to|now|today)|sign up (?:for|to)|"
        r"our newsletter|personali[sz]ed (?:news )?feed|stories that matter to you|"
        r"unlimited access|already a subscriber|get more with",
    ),
    (
        _K.COMMENT_FORM,
        r"you are commenting using|fill in your details|connecting to %s|"
        r"notify me of (?:new|follow-up)",
    ),
    (_K.COOKIE, r"we use cookies|uses cookies|cookie (?:policy|settings|preferences)"),
)
_PHRASE_RE = re.compile(
    "|".join(f"(?P<k{i}>{cue})" for i, (_, cue) in enumerate(_PHRASE_CUES)), re.IGNORECASE
)
#: The same pattern, case-sensitive (the cues are lower case), for lower-cased ASCII text:
#: there it finds exactly the matches of ``_PHRASE_RE`` at the same offsets, several times
#: faster (a case-insensitive alternation of many literals is slow to scan).
_PHRASE_LOWER_RE = re.compile(_PHRASE_RE.pattern)
_PHRASE_KINDS = {f"k{i}": kind for i, (kind, _) in enumerate(_PHRASE_CUES)}
# Stems every phrase cue contains: a cheap first test (on the lower-cased line) before the
# full patterns. Plain substring tests: faster here than one regex alternation.
_PHRASE_STEMS = (
    "support|donat|contribut|help|$|ad-free|ads|subscri|sign up|newsletter|personali|"
    "matter to you|unlimited|get more|commenting|fill in|connecting|notify|cookie|funded|"
    "standing with|depends on|readers like"
)
_PHRASE_HINTS = tuple(_PHRASE_STEMS.split("|"))
#: Where a match of ``_PHRASE_LOWER_RE`` can start: every phrase cue holds a stem (or
#: "please", as in "please give") at most 14 characters after its start ("thank you for
#: supporting"), so the pattern is tried only there (see needles), not at every offset.
_PHRASE_NEEDLES = tuple((stem, tuple(range(15))) for stem in (*_PHRASE_HINTS, "please"))
_ADDRESS_RE = re.compile(r"\b(?:you|your|we|us|our)\b", re.IGNORECASE)
#: ``_ADDRESS_RE`` without its leading ``\b``, for lower-cased ASCII text: a pattern that
#: starts with a letter is scanned much faster; the boundary before is checked by hand.
_ADDRESS_END_RE = re.compile(r"(?:you|your|we|us|our)\b")
_LEAD_CHARS = " \t*_#>•·-–—"
_TRAIL_CHARS = " \t*_.!?:…>»›→"

#: Most non-cue non-empty lines allowed between two cue lines of one block.
MAX_GAP = 2
#: Longest line (words) counted as a whole-line widget label.
MAX_LABEL_WORDS = 8
#: Longest line (words) on which a phrase cue counts.
MAX_PHRASE_LINE_WORDS = 80


@dataclass(frozen=True, slots=True)
class Cue:
    """Why one line looks like page-wrapper text."""

    kind: BlockKind
    text: str
    label: bool  # the whole line is a widget label


def _has_phrase_hint(lower: str) -> bool:
    for hint in _PHRASE_HINTS:  # noqa: SIM110 (a loop: faster than any() over a generator)
        if hint in lower:
            return True
    return False


def _addresses_reader(text: str, lower: str) -> bool:
    """``_ADDRESS_RE.search(text)``: the line says you, your, we, us or our."""
    if not text.isascii():
        return _ADDRESS_RE.search(text) is not None
    for match in _ADDRESS_END_RE.finditer(lower):  # no match spans a word boundary
        start = match.start()
        if not start or not (lower[start - 1].isalnum() or lower[start - 1] == "_"):
            return True
    return False


def classify_line(line: str) -> Cue | None:
    """The boilerplate cue of one line, or None."""
    text = line.strip().lstrip(_LEAD_CHARS).rstrip(_TRAIL_CHARS)
    if not text:
        return None
    words = text.count(" ") + 1
    lower = text.lower()
    if words <= MAX_LABEL_WORDS:
        m = _LINE_RE.fullmatch(lower)
        if m and m.lastgroup:
            return Cue(_LINE_KINDS[m.lastgroup], text, True)
    if (
        words <= MAX_PHRASE_LINE_WORDS
        and _addresses_reader(text, lower)  # the cheaper test first
        and _has_phrase_hint(lower)
    ):
        if text.isascii():
            found = needles.finditer(_PHRASE_LOWER_RE, _PHRASE_NEEDLES, lower, fold_case=False)
            m = next(found, None)  # the leftmost match: that of ``_PHRASE_LOWER_RE.search``
        else:
            m = _PHRASE_RE.search(text)
        if m and m.lastgroup:  # offsets of ``lower`` are those of ``text`` when it is ASCII
            return Cue(_PHRASE_KINDS[m.lastgroup], text[m.start() : m.end()], False)
    return None


def find_blocks(lines: Sequence[str]) -> tuple[Block, ...]:
    """Runs of boilerplate lines (1-based, inclusive ranges)."""
    cues: list[tuple[int, Cue]] = []
    for number, line in enumerate(lines, 1):
        cue = classify_line(line) if line else None  # most gaps are empty lines
        if cue:
            cues.append((number, cue))
    groups: list[list[tuple[int, Cue]]] = []
    for number, cue in cues:
        if groups:
            last = groups[-1][-1][0]
            between = sum(1 for n in range(last + 1, number) if lines[n - 1].strip())
            if between <= MAX_GAP:
                groups[-1].append((number, cue))
                continue
        groups.append([(number, cue)])
    blocks: list[Block] = []
    for group in groups:
        if len(group) < 2 and not group[0][1].label:
            continue
        kinds = Counter(cue.kind for _, cue in group)
        top = max(kinds.values())
        kind = next(cue.kind for _, cue in group if kinds[cue.kind] == top)
        start, end = group[0][0], group[-1][0]
        text = "\n".join(line.strip() for line in lines[start - 1 : end] if line.strip())
        blocks.append(Block(kind, start, end, group[0][1].text, text))
    return tuple(blocks)


def block_lines(blocks: Sequence[Block]) -> frozenset[int]:
    """Every line number inside a block."""
    return frozenset(n for b in blocks for n in range(b.start_line, b.end_line + 1))


def paragraphs(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(first, last) 1-based line numbers of each run of non-blank lines."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for number, line in enumerate(lines, 1):
        if line.strip():
            if start is None:
                start = number
        elif start is not None:
            out.append((start, number - 1))
            start = None
    if start is not None:
        out.append((start, len(lines)))
    return out


# --- orphan headlines ----------------------------------------------------------------------

_MIN_WORDS, _MAX_WORDS = 4, 20
_BODY_WORDS = 15
_NOT_HEADLINE_START = tuple("\"'“”‘’([{<#>*-+|•·–—=!`~")
_END_PUNCT = (".", ",", ";", ":", "!", "?", '"', "”", "'", "’", ")", "…")
_LABEL_RE = re.compile(r"^[^:]{1,25}:\s")
_LINK_RE = re.compile(r"https?://|www\.|\]\(", re.IGNORECASE)
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"'”’]?\s+[A-Z\"“]")
_BYLINE_RE = re.compile(r"^by\s", re.IGNORECASE)
_LIST_RE = re.compile(r"^\s*(?:\d+[.)]|[*+-])\s")


def _is_body(lines: Sequence[str], para: tuple[int, int]) -> bool:
    first, last = para
    if first == last:
        text = lines[first - 1].strip()
    else:
        text = " ".join(lines[n - 1].strip() for n in range(first, last + 1))
    # At most _BODY_WORDS splits: enough to tell whether there are that many words.
    return len(text.split(None, _BODY_WORDS)) >= _BODY_WORDS or (
        last > first and text.rstrip().endswith(_END_PUNCT)
    )


def _headline_shaped(line: str) -> bool:
    text = line.strip()
    words = text.split(None, _MAX_WORDS)  # one part more than allowed tells "too long"
    return (
        _MIN_WORDS <= len(words) <= _MAX_WORDS
        and text[0].isupper()
        and not text.startswith(_NOT_HEADLINE_START)
        and not text.endswith(_END_PUNCT)
        and not _LIST_RE.match(line)
        and not _LABEL_RE.match(text)
        and not _LINK_RE.search(text)
        and not _SENTENCE_BREAK_RE.search(text)
        and not _BYLINE_RE.match(text)
        and not CAPTION_RE.search(text)
        and not find_dates(text)
    )


def orphan_headlines(
    lines: Sequence[str],
    *,
    skip: frozenset[int] = frozenset(),
    title_lines: frozenset[int] = frozenset(),
    paras: Sequence[tuple[int, int]] | None = None,
) -> tuple[OrphanHeadline, ...]:
    """Single-line headline-shaped paragraphs between body paragraphs.

    ``paras``: ``paragraphs(lines)`` when the caller has them already.
    """
    paras = [p for p in (paragraphs(lines) if paras is None else paras) if p[0] not in skip]
    body = [_is_body(lines, p) for p in paras]
    found: list[tuple[int, str]] = []
    for index, (first, last) in enumerate(paras):
        if first != last or first in title_lines or index == 0 or index == len(paras) - 1:
            continue
        if not any(body[:index]):  # nothing but the title area above
            continue
        if not (body[index - 1] or body[index + 1]):
            continue
        line = lines[first - 1]
        if _headline_shaped(line):
            found.append((first, " ".join(line.split())))
    counts = Counter(text.casefold() for _, text in found)
    return tuple(
        OrphanHeadline(number, text, repeated=counts[text.casefold()] > 1) for number, text in found
    )
