"""Weekday mentions and attributions in running text.

Both are found in the whole text (not line by line) because PDF text wraps sentences
anywhere; a match's line is the line where it starts. Markdown link markup is blanked
with spaces first, so ``[said](#)`` reads as ``said`` and offsets still give lines.

Weekdays that are part of a name are skipped: holidays and events (Good Friday, Black
Friday, Cyber Monday, Super Tuesday, Ash Wednesday, Maundy Thursday, Holy Saturday,
Palm Sunday, Easter Sunday, Bloody Sunday, Giving Tuesday), Friday prayers/sermons, and
newspapers or shows (Sunday Times, Mail on Sunday, Saturday Night Live ...). Habitual or
forward-looking mentions ("every Friday", "next Monday", "until Sunday") are skipped too:
they cannot be checked against the publication date.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from operator import itemgetter

from provcheck.extract import needles
from provcheck.extract.dates import LineCounter, words_set
from provcheck.models import Attribution, WeekdayMention

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_NUMBERS = {day: number for number, day in enumerate(_DAYS)}
# No leading \b: a pattern starting with a literal scans much faster; edges are checked by hand.
_WEEKDAY_RE = re.compile(r"(?P<day>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?P<poss>['’]s)?")
_POSSESSIVE = ("'s", "’s")
_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_EXPLICIT_RE = re.compile(
    rf"^,?\s+(?:{_MON}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\.?(?:,?\s+\d{{4}})?)"
)
_NAME_BEFORE = words_set("good black cyber super ash maundy holy shrove palm easter bloody giving")
_SKIP_BEFORE = words_set("next every each coming until till")
_NAME_AFTER_RE = re.compile(
    r"^\s+(?:prayers?|sermons?|Times|Telegraph|Express|Mirror|Post|Mail|Herald|Night\s+Live"
    r"|Night\s+Football|Morning|School|Service)\b"
)
_MAIL_ON_RE = re.compile(r"\bMail\s+on\s*$")
_WORD_RE = re.compile(r"[\w'’-]+")

_MD_LINK_RE = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK_NEEDLES = (("[", (0, 1)),)
_MD_EMPH_RE = re.compile(r"\*\*|__")


@functools.lru_cache(maxsize=2)
def blank_markup(text: str) -> str:
    """Markdown links and strong emphasis replaced by spaces, keeping every offset.

    Cached for the last texts: weekday mentions and attributions blank the same text.
    """
    if "](" not in text and "**" not in text and "__" not in text:  # a link needs ``](``
        return text

    pieces: list[str] = []
    done = 0
    # ``_MD_LINK_RE.sub``, with matches looked for at each ``[`` (or a ``!`` before it) only.
    for m in needles.finditer(_MD_LINK_RE, _MD_LINK_NEEDLES, text, fold_case=False):
        blank_before, blank_after = " " * (m.start(1) - m.start()), " " * (m.end() - m.end(1))
        pieces += (text[done : m.start()], blank_before, m.group(1), blank_after)
        done = m.end()
    if pieces:
        text = "".join((*pieces, text[done:]))
    if "**" not in text and "__" not in text:  # two ``in`` scans cost less than the regex's
        return text
    return _MD_EMPH_RE.sub(lambda m: " " * len(m.group()), text)


def _edges_clear(text: str, start: int, end: int) -> bool:
    """No word character right before ``start`` or right after ``end``."""
    return not (start and (text[start - 1].isalnum() or text[start - 1] == "_")) and not (
        end < len(text) and (text[end].isalnum() or text[end] == "_")
    )


def _words_before(text: str, position: int, limit: int) -> list[str]:
    """Up to ``limit`` words before ``position`` within the same sentence and paragraph."""
    window = text[max(0, position - 60) : position]
    cut = max(window.rfind(". "), window.rfind("\n\n"), window.rfind("? "), window.rfind("! "))
    if cut >= 0:
        window = window[cut + 2 :]
    return _WORD_RE.findall(window)[-limit:]


#: What stands before ``day`` in each day name, by length (no stem ends another, so at
#: most one stem fits before a given ``day``).
_DAY_STEMS: tuple[tuple[int, frozenset[str]], ...] = (
    (3, frozenset({"Mon", "Fri", "Sun"})),
    (4, frozenset({"Tues"})),
    (5, frozenset({"Thurs", "Satur"})),
    (6, frozenset({"Wednes"})),
)


def weekday_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, day) of each match of ``_WEEKDAY_RE``, without running it.

    Every day name ends in ``day``: one ``str.find`` scan for ``day`` (instead of one per
    day name), then the stem before it is looked up. Two day names cannot overlap (each
    starts with its only capital), so these are exactly the regex's matches. The optional
    possessive is checked by hand; it cannot hold the start of another day name.
    """
    spans: list[tuple[int, int, str]] = []
    index = text.find("day")
    while index >= 0:
        for length, stems in _DAY_STEMS:
            if length <= index and text[index - length : index] in stems:
                start, end = index - length, index + 3
                day = text[start:end]
                spans.append((start, end + 2 if text.startswith(_POSSESSIVE, end) else end, day))
                break
        index = text.find("day", index + 3)
    return spans


def weekday_mentions(text: str, skip: frozenset[int] = frozenset()) -> tuple[WeekdayMention, ...]:
    """Weekday words with their phrase; ``relative`` unless paired with an explicit date."""
    if "day" not in text:
        return ()
    text = blank_markup(text)
    counter = LineCounter(text)
    out: list[WeekdayMention] = []
    for start, end, day in weekday_spans(text):
        if not _edges_clear(text, start, end):
            continue
        line = counter.line(start)
        if line in skip:
            continue
        before = _words_before(text, start, 3)
        previous = before[-1].lower() if before else ""
        if previous in _NAME_BEFORE or previous in _SKIP_BEFORE:
            continue
        after = text[end : end + 40]
        if _NAME_AFTER_RE.match(after) or _MAIL_ON_RE.search(text[max(0, start - 12) : start]):
            continue
        explicit = _EXPLICIT_RE.match(after)
        if explicit:
            phrase = text[start:end] + explicit.group(0)
            relative = False
        else:
            phrase = " ".join([*before, text[start:end]])
            relative = True
        out.append(
            WeekdayMention(
                weekday=_DAY_NUMBERS[day],
                word=day,
                phrase=" ".join(phrase.split()),
                line=line,
                relative=relative,
            )
        )
    return tuple(out)


# --- attributions ---------------------------------------------------------------------------

_SP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
_CAP = r"(?:[A-Z](?:[\w'’&-]|\.(?=\w))*)"
_CONN = r"(?:of|the|for|de|du|la|and|&)"
_NAME = rf"{_CAP}(?:{_SP}(?:{_CONN}{_SP})*{_CAP}){{0,7}}"
_PREFIX = r"(?:(?:[Tt]he|[a-z]+-(?:run|owned|backed|based|controlled|affiliated)){_SP})*"
_VERBS = {
    "said": "said", "says": "said", "told": "told", "tells": "told",
    "reported": "reported", "reports": "reported", "quoted": "quoted",
    "stated": "stated", "states": "stated", "added": "added", "posted": "posted",
    "tweeted": "posted", "wrote": "wrote", "announced": "announced",
}  # fmt: skip
_VERB_RE = re.compile(r"(?P<verb>" + "|".join(_VERBS) + r")")
#: The verbs are found with :func:`needles.find_literals` (no verb is a prefix of another):
#: 14 ``str.find`` scans cost less than the regex trying its alternatives at every other
#: letter.
_VERB_LITERALS = tuple(_VERBS)
_BEFORE_VERB_RE = re.compile(
    _PREFIX.format(_SP=_SP) + rf"{_NAME}(?:[ \t]*\([A-Z]{{2,}}\))?(?:,[^,\n]{{1,80}},)?{_SP}$"
)
#: What may follow the source of "said X" ("said the minister." but not "said the bridge was").
_AFTER_SOURCE_ENDS = frozenset({"", ",", ".", ";", ":", "\n"})
#: Verbs whose source may follow them ("said the minister", "told Reuters"), and the
#: characters the whitespace before that source (``_SP``) can start with.
_SOURCE_AFTER = frozenset({"said", "told"})
_BLANKS = frozenset(" \t\n")
_AFTER_VERB_RE = re.compile(rf"{_SP}(?P<src>{_PREFIX.format(_SP=_SP)}{_NAME})")
_ACCORDING_RE = re.compile(r"ccording" + _SP + "to" + _SP)  # [Aa] checked by hand: faster
_LEAD_NAME_RE = re.compile(
    rf"(?P<src>(?:(?:[a-z][\w-]*|\d{{4}}){_SP}){{0,5}}?{_NAME}(?:[ \t]*\([A-Z]{{2,}}\))?)"
)
#: Capitalised words that start a sentence or name a time, never a source.
_NOT_SOURCE = words_set(
    "a an in on at as but and or so yet also then after before when while however "
    "meanwhile earlier later last this that these those there here he she they it we i you "
    "who which what his her their its our my your one some many officials sources witnesses "
    "residents analysts experts reports monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "today yesterday"
)


_TRAILING_CLAUSE_RE = re.compile(r",[^,]*,$")
_ADJECTIVE_END_RE = re.compile(r"-(?:verified|based|backed|run|owned|led|linked|funded)$")


@functools.lru_cache(maxsize=4096)
def _clean_source(source: str) -> str:
    """Drop leading sentence and time words ("On Friday Halvorsen" -> "Halvorsen").

    Cached: the same sources (agencies, officials) come back across a corpus.
    """
    source = source.strip()
    if "," in source:
        source = _TRAILING_CLAUSE_RE.sub("", source).strip()
    words = source.split()
    while words and words[0].lower() in _NOT_SOURCE and not words[0][0].islower():
        words.pop(0)
    if len(words) == 1 and (words[0].lower() in _NOT_SOURCE or words[0] == "The"):
        return ""
    if words and "-" in words[-1] and _ADJECTIVE_END_RE.search(words[-1]):
        return ""  # "AFP-verified footage": an adjective, not a source
    if words and not words[0][0].isupper() and not any(w[0].isupper() for w in words):
        return ""
    return " ".join(words)


#: On the *reversed* text before a verb: the characters a before-verb match may hold outside
#: its ``, clause,`` (word characters, blanks, ``' ’ & - ( )``, a ``.`` followed by a word
#: character, a line break that is not part of a blank line). The plain characters are
#: taken a run at a time (``+``): the same end, far fewer turns of the outer loop.
_NAME_RUN_RE = re.compile(r"(?:[\w \t'’&()-]+|(?<=\w)\.|\n(?![ \t]*\n))*")


def _name_search_start(text: str, start: int, end: int) -> int:
    """Where ``_BEFORE_VERB_RE`` can first match in ``text[start:end]``: skip what cannot.

    The pattern is anchored at ``end``, so a regex search tries every start in the window
    (most of the cost of attributions). A match's text, outside the optional ``, clause,``
    that must end it, only holds the characters of :data:`_NAME_RUN_RE` (see
    ``_BEFORE_VERB_RE``); any other character (a quote, a comma, a sentence end, a blank
    line) before the verb is a barrier no match can cross. When the text before the verb
    ends with a comma, every match ends with the clause, which then starts at the comma
    before it, and the barrier is looked for before that comma. Starting the search just
    after the last barrier therefore finds the same leftmost match, only faster.
    """
    if end <= start:
        return start
    limit = end - 1 if text[end - 1] == "\n" else end  # ``$`` also matches before a final \n
    comma = text.rfind(",", start, end)
    if comma >= 0 and not text[comma + 1 : end].strip():
        limit = text.rfind(",", start, comma)
        if limit < 0:
            return start
    run = _NAME_RUN_RE.match(text[start:limit][::-1])
    return limit - run.end() if run else start


def _may_follow_name(text: str, position: int) -> bool:
    """Cheap test before the name search: a capitalised word, ``,`` or ``)`` precedes."""
    words = text[max(0, position - 40) : position].rsplit(None, 1)
    if not words:
        return False
    last = words[-1]
    return last[0].isupper() or last[-1] in ",)"


def attributions(text: str, skip: frozenset[int] = frozenset()) -> tuple[Attribution, ...]:
    """Claims attributed to a named source: "according to X", "X said", "told X" ...

    The candidates are collected first, as (position, raw source, pattern, phrase span),
    and only then sorted, cleaned, numbered and deduplicated in one pass: lines are then
    counted forwards once, and the phrase of a duplicate or dropped candidate is never built.
    """
    text = blank_markup(text)
    found: list[tuple[int, str, str, int, int]] = []
    for m in _ACCORDING_RE.finditer(text):
        if not m.start() or text[m.start() - 1] not in "Aa":
            continue
        if m.start() > 1 and text[m.start() - 2].isalnum():
            continue
        lead = _LEAD_NAME_RE.match(text, m.end(), m.end() + 160)
        if lead:
            start = m.start() - 1
            found.append((start, lead.group("src"), "according-to", start, lead.end()))
    for start, verb in needles.find_literals(text, _VERB_LITERALS):
        end = start + len(verb)
        if not _edges_clear(text, start, end):
            continue
        pattern = _VERBS[verb]
        if _may_follow_name(text, start):
            window_start = max(0, start - 120)
            while 0 < window_start < start and text[window_start - 1].isalnum():
                window_start += 1  # never start inside a word ("TASS" -> "ASS")
            window_start = _name_search_start(text, window_start, start)
            before = _BEFORE_VERB_RE.search(text, window_start, start)
            if before:
                found.append((before.start(), before.group(), pattern, before.start(), end))
        if pattern in _SOURCE_AFTER and text[end : end + 1] in _BLANKS:  # ``_SP`` comes first
            after = _AFTER_VERB_RE.match(text, end, end + 120)
            if after:
                src_end = after.end("src")
                if pattern == "told" or text[src_end : src_end + 1] in _AFTER_SOURCE_ENDS:
                    found.append((start, after.group("src"), pattern, start, src_end))
    found.sort(key=itemgetter(0))  # stable: candidates at one position keep their order
    return _numbered(text, found, skip)


def _numbered(
    text: str, found: Sequence[tuple[int, str, str, int, int]], skip: frozenset[int]
) -> tuple[Attribution, ...]:
    """Attributions of the sorted candidates: cleaned source, line, the first of duplicates.

    A candidate is dropped when its cleaned source is empty or its line is in ``skip``;
    of those left, the first with a given (source, pattern, line) is kept.
    """
    line, counted = 1, 0  # newlines counted forwards: the candidates are sorted
    seen: set[tuple[str, str, int]] = set()
    out: list[Attribution] = []
    for position, raw_source, pattern, start, end in found:
        source = _clean_source(raw_source)
        if not source:
            continue
        line += text.count("\n", counted, position)
        counted = position
        key = (source, pattern, line)
        if line in skip or key in seen:
            continue
        seen.add(key)
        out.append(Attribution(source, pattern, " ".join(text[start:end].split()), line))
    return tuple(out)
