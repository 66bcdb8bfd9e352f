"""What each link is for: placeholder, original, related, author, citation or other.

General cues only, checked in this order (the first that applies wins):

1. placeholder: the target was stripped (``#``, empty, ``javascript:`` ...), whatever the label.
2. a hint from the syntax: canonical/og:url/JSON-LD are original, ``rel=author`` is author.
3. a label before the link on its line, or on the nearest non-empty line above when the link
   stands alone on its line (blank lines and lines holding only links skipped; a label whose
   title sits on the following line reaches down past that title; at most
   :data:`_MAX_LOOKBACK` lines): "Original url:", "Source:", "Canonical:", "Originally
   published at/on", "First published", "Archived from" -> original; "Related article:",
   "Related:", "Read also/more:", "See also:", "Also read:", "More on this:" -> related.
   A label's title may wrap onto the next line: it is joined when the label line has no
   closing punctuation and the next line is a short line standing alone.
4. author: a path segment such as ``/author/<name>`` (see :data:`AUTHOR_SEGMENTS`), the
   name having letters, in a path with no date.
5. author: the link sits in a short "By ..." byline.
6. related by slug: a bare URL whose slug words contain at least 60% of the significant words
   of a related label's title, the title covering at least 40% of the slug's, and at least
   three in common. PDFs put their link annotations in a block away from the label; the
   slug is what ties them together. The link's text becomes the label's title.
7. citation: the link sits in a sentence (at least three other words on its line or block).
8. other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from provcheck.extract import linetext
from provcheck.extract.dates import LineCounter
from provcheck.extract.urls import MalformedUrl, is_placeholder_target, url_facts
from provcheck.models import DocFormat, Document, Link, LinkRole, RawLink, UrlFacts

__all__ = ["AUTHOR_SEGMENTS", "assign_roles", "find_labels"]

#: Path segments that introduce an author page (``/author/jane-doe``).
AUTHOR_SEGMENTS: frozenset[str] = frozenset(
    {"author", "authors", "by", "people", "profile", "profiles", "staff", "contributor"}
    | {"contributors", "writer", "writers", "journalist", "journalists", "reporter", "reporters"}
)

_AUTHOR_SEGMENT_RE = re.compile(f"(?:{'|'.join(sorted(AUTHOR_SEGMENTS))})/")  # _author_path
_END = r"(?=\s*(?:[:|\-–—]|$))"
_ORIGINAL_START_RE = re.compile(
    r"^(?:the\s+)?(?:original(?:ly)?\s+(?:url|link|article|source|story|address|version)"
    r"|source(?:\s+(?:url|link|article))?|canonical(?:\s+(?:url|link))?)" + _END,
    re.IGNORECASE,
)
_ORIGINAL_PHRASE_RE = re.compile(
    r"\b(?:(?:originally|first)\s+(?:published|appeared|posted)(?:\s+(?:at|on|in|by))?"
    r"|archived\s+from|read\s+the\s+original|view\s+(?:the\s+)?original)\b",
    re.IGNORECASE,
)
_RELATED_RE = re.compile(
    r"^(?:related(?:\s+(?:articles?|stor(?:y|ies)|content|reading|coverage|links?|news|posts?))?"
    r"|(?:read|see)\s+(?:also|more|next)|also\s+read|more\s+on\s+this(?:\s+(?:story|topic))?"
    r"|recommended(?:\s+reading)?|further\s+reading)" + _END,
    re.IGNORECASE,
)
#: Cheap pre-check on the lower-cased text: a label starts its line with one of these words
#: (looked for in its first 40 characters), or the line has a phrase with "original",
#: "first " or "archived" anywhere (see ``_may_be_label``).
_START_HINT_RE = re.compile(
    "original|source|canonical|related|read|see|more|also|recommended|further|archived|first"
)
_TITLE_SPLIT_RE = re.compile(r"[^\w'’]+")
_BYLINE_RE = re.compile(r"^(?:(?:written|words|reporting|story|text)\s+)?by\s+\S", re.IGNORECASE)
_BYLINE_STARTS = frozenset({"by", "written", "words", "reporting", "story", "text"})
_MAX_LOOKBACK = 30
_TERMINAL = tuple('.!?:;"”')
_STOPWORDS = frozenset(
    {"a", "an", "the", "to", "of", "in", "on", "at", "for", "with", "and", "or", "by", "from"}
    | {"as", "is", "are", "was", "were", "be", "its", "it", "this", "that", "after", "before"}
    | {"over", "into", "than", "about"}
)


@dataclass(frozen=True, slots=True)
class Label:
    """A label line: its role, the label as written, the (joined) title, the lines it spans."""

    role: LinkRole
    label: str
    title: str
    line: int  # 1-based
    last_line: int  # the title's continuation line, or ``line``


#: Words that make any line a possible label, wherever they stand (see ``_may_be_label``).
_ANYWHERE_HINTS = ("original", "first ", "archived")


def _may_be_label(text: str) -> bool:
    if _START_HINT_RE.search(text[:40].lower()):
        return True
    lower = text.lower()
    return "original" in lower or "first " in lower or "archived" in lower


def lines_with_anywhere_hints(lines: Sequence[str]) -> frozenset[int]:
    """0-based indices of the lines whose lower-cased text holds an ``_ANYWHERE_HINTS`` word.

    One scan of the joined text per word instead of one per line. Lower-casing the joined
    text gives the lines lower-cased and joined (case mapping only looks across cased
    letters, never across ``\\n``), and no word holds a line break, so a word found
    there lies within one line.
    """
    lower = "\n".join(lines).lower()
    offsets: list[int] = []
    for word in _ANYWHERE_HINTS:
        index = lower.find(word)
        while index >= 0:
            offsets.append(index)
            index = lower.find(word, index + 1)
    counter = LineCounter(lower)
    return frozenset(counter.line(offset) - 1 for offset in sorted(offsets))


def _match_label(text: str) -> tuple[LinkRole, str, str] | None:
    """(role, label, rest) when cleaned ``text`` carries a label."""
    if not _may_be_label(text):
        return None
    for role, pattern in ((LinkRole.ORIGINAL, _ORIGINAL_START_RE), (LinkRole.RELATED, _RELATED_RE)):
        match = pattern.match(text)
        if match:
            return role, match.group(0), text[match.end() :].lstrip(" :|-–—")
    match = _ORIGINAL_PHRASE_RE.search(text)
    if match:
        return LinkRole.ORIGINAL, match.group(0), text[match.end() :].lstrip(" :|-–—")
    return None


def _label_before(prefix: str) -> tuple[LinkRole, str, str] | None:
    """``_match_label(linetext.clean(prefix))``, not cleaning a prefix with no hint word.

    Every label holds a word of ``_START_HINT_RE``; when cleaning joins nothing, that word
    would already be in ``prefix`` (most text before a link in a sentence has none).
    """
    if linetext.clean_keeps_letters(prefix) and not _START_HINT_RE.search(prefix.lower()):
        return None
    return _match_label(linetext.clean(prefix))


def _continuation(lines: Sequence[str], index: int, first: bool) -> int | None:
    """Index of the short stand-alone line continuing the title on ``lines[index]``, if any.

    ``first``: the label line has no title of its own, so the next short line is the title.
    """
    nxt = index + 1
    gap = 0
    while nxt < len(lines) and not lines[nxt].strip():
        nxt, gap = nxt + 1, gap + 1
    if nxt >= len(lines) or gap > 1:
        return None
    text = linetext.clean(lines[nxt])
    after = lines[nxt + 1] if nxt + 1 < len(lines) else ""
    if (
        not text
        or linetext.word_count(text, 21) > (20 if first else 10)
        or linetext.has_link(lines[nxt])
        or _match_label(text)
        or (after.strip() and not linetext.links_only(after) and not first)
        or (gap and not first and not text[0].islower())
    ):
        return None
    return nxt


def find_labels(lines: Sequence[str]) -> dict[int, Label]:
    """Label lines of a text, keyed by 1-based line, with wrapped titles joined."""
    labels: dict[int, Label] = {}
    anywhere = lines_with_anywhere_hints(lines)
    for index, line in enumerate(lines):
        # ``_may_be_label(line)``, its second test answered for all lines at once above.
        if not line or not (index in anywhere or _START_HINT_RE.search(line[:40].lower())):
            continue  # a blank line (most gaps) is no label
        hit = _match_label(linetext.clean(line))
        if not hit:
            continue
        role, label, title = hit
        last = index
        if not title.endswith(_TERMINAL) or not title:
            cont = _continuation(lines, index, not title)
            if cont is not None:
                title, last = " ".join(filter(None, (title, linetext.clean(lines[cont])))), cont
        labels[index + 1] = Label(role, label, title, index + 1, last + 1)
    return labels


def _significant(words: Sequence[str]) -> set[str]:
    return {
        w for w in (x.lower().strip("'’-") for x in words) if len(w) > 1 and w not in _STOPWORDS
    }


def _slug_match(facts: UrlFacts | None, labels: Sequence[tuple[Label, set[str]]]) -> Label | None:
    """The related label whose title words the URL's slug carries (see module doc)."""
    if facts is None or not facts.slug_words or not labels:
        return None
    slug = _significant(facts.slug_words)
    best: tuple[float, Label] | None = None
    for label, title in labels:
        common = len(title & slug)
        if len(title) < 3 or common < 3 or common / len(slug) < 0.4:
            continue
        score = common / len(title)
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, label)
    return best[1] if best else None


def _author_path(url: str, facts: UrlFacts | None) -> bool:
    """``/author/<name>``-like path; a dated path is an article, not an author page."""
    if facts is not None and facts.path_date is not None:
        return False
    if not _AUTHOR_SEGMENT_RE.search(url.lower()) and not any(c in url for c in "\t\r\n"):
        return False  # no "<segment>/" (urlsplit drops tabs and line breaks: they could join)
    try:
        segments = [s.lower() for s in urlsplit(url).path.split("/")]
    except ValueError:
        return False
    return any(
        seg in AUTHOR_SEGMENTS and i + 1 < len(segments) and _has_letter(segments[i + 1])
        for i, seg in enumerate(segments)
    )


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


@dataclass(frozen=True, slots=True)
class _View:
    """What the role rules look at: the text before the link and the label above it."""

    prefix: str
    own: str
    alone: bool
    label_above: Label | None


def _text_view(raw: RawLink, lines: Sequence[str], labels: dict[int, Label]) -> _View:
    """``labels`` is keyed by both the label line and its title's continuation line."""
    own = lines[raw.line - 1] if 0 < raw.line <= len(lines) else raw.context
    alone = not linetext.has_words_outside_links(own)
    above: Label | None = None
    if alone:
        row = raw.line - 1
        while row > max(raw.line - 1 - _MAX_LOOKBACK, 0):
            line = lines[row - 1]
            if line.strip() and not linetext.links_only(line):
                above = labels.get(row)  # the label line or its title's last line
                break
            row -= 1
    return _View(own[: max(raw.column - 1, 0)], own, alone, above)


def _html_view(raw: RawLink) -> _View:
    parts = raw.context.split("\n")
    own = parts[-1]
    mark = raw.text or raw.raw
    at = own.find(mark) if mark else -1
    prefix = own[:at] if at >= 0 else ""
    rest = own.replace(mark, " ", 1) if mark else own
    alone = not linetext.has_words(rest)
    above = None
    if alone:
        for number, text in enumerate(reversed(parts[:-1])):
            hit = _match_label(linetext.clean(text))
            if hit:
                above = Label(hit[0], hit[1], hit[2], number, number)
                break
    return _View(prefix, own, alone, above)


def _role(
    raw: RawLink, facts: UrlFacts | None, view: _View, related: Sequence[tuple[Label, set[str]]]
) -> tuple[LinkRole, str]:
    """The role and the text to show for one non-placeholder link."""
    if raw.hint is not None:
        return raw.hint, raw.text
    same_line = _label_before(view.prefix)
    if same_line:
        role, label, title = same_line
        return role, raw.text or (title if role is LinkRole.RELATED and title else label)
    if view.label_above is not None and not (
        view.label_above.role is LinkRole.RELATED and _author_path(raw.url, facts)
    ):
        # A related label followed by a block of URLs: an author page in the block is
        # still an author page.
        above = view.label_above
        text = above.title if above.role is LinkRole.RELATED and above.title else above.label
        return above.role, raw.text or text
    if _author_path(raw.url, facts):
        return LinkRole.AUTHOR, raw.text
    first = linetext.leading_word(view.own)
    if first is None or first.lower() in _BYLINE_STARTS:  # else ``_BYLINE_RE`` cannot match
        cleaned = linetext.clean(view.own)
        if _BYLINE_RE.match(cleaned) and linetext.word_count(cleaned, 16) <= 15:
            return LinkRole.AUTHOR, raw.text
    match = _slug_match(facts, related)
    if match is not None:
        return LinkRole.RELATED, raw.text or match.title
    if not view.alone:
        mark = raw.text or raw.raw
        other = view.own.replace(mark, " ", 1) if mark else view.own
        if linetext.word_count_outside_urls(other, 3) >= 3:
            return LinkRole.CITATION, raw.text
    return LinkRole.OTHER, raw.text


def assign_roles(raw_links: Sequence[RawLink], doc: Document) -> tuple[Link, ...]:
    """Links with role, URL facts (or the malformed reason), sorted by (line, column)."""
    html = doc.format is DocFormat.HTML
    lines: list[str] = [] if html else doc.text.split("\n")
    labels = find_labels(lines) if raw_links and not html else {}
    related = [
        (label, _significant(_TITLE_SPLIT_RE.split(label.title)))
        for label in labels.values()
        if label.role is LinkRole.RELATED and label.title
    ]
    labels = {**{label.last_line: label for label in labels.values()}, **labels}
    result: list[Link] = []
    for raw in raw_links:
        facts: UrlFacts | None = None
        malformed: str | None = None
        if is_placeholder_target(raw.url):
            role, text = LinkRole.PLACEHOLDER, raw.text
        else:
            try:
                facts = url_facts(raw.url)
            except MalformedUrl as exc:
                malformed = str(exc)
            view = _html_view(raw) if html else _text_view(raw, lines, labels)
            role, text = _role(raw, facts, view, related)
        result.append(
            Link(
                url=raw.url,
                line=raw.line,
                column=raw.column,
                text=text,
                role=role,
                joined=raw.joined,
                raw=raw.raw or raw.url,
                facts=facts,
                malformed=malformed,
                syntax=raw.syntax,
            )
        )
    return tuple(sorted(result, key=lambda link: (link.line, link.column)))
