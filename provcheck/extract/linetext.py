"""What a line of text says once its links and Markdown markup are dropped.

The helpers the link-role rules (:mod:`provcheck.extract.roles`) read lines with: cleaned
text, words, whether a line has links or only links. Each skips work that cannot change
its result: a Markdown link needs ``](``, and URLs are found from their starts with
:mod:`provcheck.extract.needles` instead of a case-insensitive scan of the whole line.
"""

from __future__ import annotations

import re

from provcheck.extract import needles

__all__ = [
    "clean",
    "clean_keeps_letters",
    "drop_links",
    "drop_urls",
    "has_link",
    "has_words",
    "has_words_outside_links",
    "leading_word",
    "links_only",
    "word_count",
    "word_count_outside_urls",
    "words",
]

_DECOR_RE = re.compile(r"^[\s>#*_\-+•·|]*(?:\d+[.)]\s+)?")
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)\n]*\)")
_URLISH_RE = re.compile(r"<?(?:https?://|www\.)\S+|<[a-zA-Z][\w+.-]*:[^>\s]*>", re.IGNORECASE)
#: Where a match of ``_URLISH_RE`` can start: at a ``<`` or a URL start (see needles).
_URLISH_NEEDLES = (("<", (0,)), *needles.URL_NEEDLES)
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def _may_have_url(text: str) -> bool:
    """False when ``_URLISH_RE`` cannot match: every match has ``<``, ``://`` or ``www.``
    (``w.`` or ``W.``, the only characters matching ``w`` case-insensitively)."""
    return "<" in text or "://" in text or "w." in text or "W." in text


def drop_urls(text: str, repl: str) -> str:
    """``_URLISH_RE.sub(repl, text)``, its matches found faster by ``needles``."""
    if not _may_have_url(text):
        return text
    pieces: list[str] = []
    done = 0
    for match in needles.finditer(_URLISH_RE, _URLISH_NEEDLES, text):
        pieces += (text[done : match.start()], repl)
        done = match.end()
    return "".join((*pieces, text[done:])) if pieces else text


def drop_links(text: str) -> str:
    """Markdown links and URLs replaced by a space (a Markdown link needs ``](``)."""
    return drop_urls(_MD_LINK_RE.sub(" ", text) if "](" in text else text, " ")


def clean(text: str) -> str:
    """Text without Markdown decoration, links replaced by their text, URLs dropped."""
    text = text.replace("**", "").replace("__", "")
    if "](" in text:
        text = _MD_LINK_RE.sub(r"\1", text)
    return " ".join(drop_urls(_DECOR_RE.sub("", text), " ").replace("*", "").split())


def clean_keeps_letters(text: str) -> bool:
    """True when :func:`clean` joins no two pieces of ``text``: no ``*``, ``__`` or ``](``.

    ``clean`` then only drops a leading decoration, replaces URLs by spaces and collapses
    whitespace, so any run of letters in ``clean(text)`` (in any case) is also in ``text``.
    Callers use it to rule out a word in the cleaned text without cleaning.
    """
    return "*" not in text and "__" not in text and "](" not in text


_LEADING_WORD_RE = re.compile(r"[A-Za-z]+\b(?![:./])")


def leading_word(text: str) -> str | None:
    """The ASCII word ``clean(text)`` starts with, told without cleaning; None when unsure.

    The word after the leading decoration starts the cleaned text whole unless cleaning
    joins something to it or drops it: a ``*`` or ``[`` right after it (emphasis, a link's
    label) could join, a URL start inside it (``http://``, ``www.``) ends its letters with
    ``:`` or ``.``, and a line starting with ``[`` or ``<`` has no word there. Removing
    ``**`` or ``__`` from the decoration leaves decoration. The cleaned text then starts
    with this word followed by a character that is not a letter.
    """
    match = _LEADING_WORD_RE.match(text, _DECOR_RE.match(text).end())  # type: ignore[union-attr]
    if match is None or text[match.end() : match.end() + 1] in ("*", "["):
        return None
    return match.group()


def words(text: str) -> list[str]:
    """The words of ``text`` (a letter, then word characters, apostrophes, hyphens)."""
    return _WORD_RE.findall(text)


def word_count(text: str, limit: int) -> int:
    """``min(len(words(text)), limit)``, without finding the words past ``limit``."""
    count = 0
    for _ in _WORD_RE.finditer(text):
        count += 1
        if count >= limit:
            break
    return count


def has_words(text: str) -> bool:
    """True when ``text`` has at least one word."""
    return _WORD_RE.search(text) is not None


def has_link(line: str) -> bool:
    """True when ``line`` has a URL or a Markdown link."""
    return bool(
        (_may_have_url(line) and next(needles.finditer(_URLISH_RE, _URLISH_NEEDLES, line), None))
        or ("](" in line and _MD_LINK_RE.search(line))
    )


def links_only(line: str) -> bool:
    """True when ``line`` has links and no word outside them."""
    return has_link(line) and not has_words(drop_links(line))


def _untouched_end(text: str, links: bool) -> int:
    """An offset before which :func:`drop_urls` (and with ``links`` :func:`drop_links`)
    change nothing: no match can start earlier.

    A URL-ish match starts at ``<``, at most 5 characters before ``://`` or 2 before
    ``w.``/``W.`` (``www.``); a Markdown link at ``!`` or ``[``.
    """
    end = len(text)
    marks = (("<", 0), ("://", 5), ("w.", 2), ("W.", 2), ("!", 0), ("[", 0))
    for mark, back in marks if links else marks[:4]:
        at = text.find(mark, 0, end + back + len(mark) - 1)  # a mark may straddle ``end``
        if at >= 0:
            end = max(0, at - back)
    return end


#: Characters past a word's end within which a mark of ``_untouched_end`` may still
#: start a match before that end (``://`` is 5 after it, and 3 long).
_MARK_REACH = 8


def _untouched_through(text: str, end: int, links: bool) -> bool:
    """True when no match of :func:`_untouched_end` starts before ``end``: only the marks
    up to ``end + _MARK_REACH`` can tell, so only that much of the text is scanned."""
    return _untouched_end(text[: end + _MARK_REACH], links) >= end


def has_words_outside_links(text: str) -> bool:
    """``has_words(drop_links(text))``; a word before any link or URL settles it.

    Dropping links only blanks text, so a text without a word has none after; and its
    first word, when no link can start before that word ends, is a word after too.
    """
    first = _WORD_RE.search(text)
    if first is None:
        return False
    return _untouched_through(text, first.end(), True) or has_words(drop_links(text))


def word_count_outside_urls(text: str, limit: int) -> int:
    """``word_count(drop_urls(text, " "), limit)``; words before any URL may settle it.

    When the first ``limit`` words end before any URL can start, they are words of the
    text with its URLs dropped too.
    """
    for count, match in enumerate(_WORD_RE.finditer(text), 1):
        if count >= limit:
            if _untouched_through(text, match.end(), False):
                return limit
            break
    return word_count(drop_urls(text, " "), limit)
