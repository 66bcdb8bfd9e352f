"""Quotations worded differently in two documents: a second translation or a misquote.

Quotes are found between double quote marks, straight or curly, and also between the mangled
pairs PDF conversion leaves (``""We ...``, ``'"military ...``, ``"very concerned'``). A mark
opens a quote when it follows a space or a bracket and touches a word, and closes one when it
follows a word and precedes a space or punctuation. A quote left open at the end of a paragraph
continues into the next paragraph when exactly one blank line separates them and the next one
starts with a lowercase letter (a sentence cut by a stray blank line); otherwise it may close
at a single quote mark, which is how PDFs often mangle the closing mark, or at the paragraph's
end when the next paragraph opens with a quote mark (the convention for a long quotation).

Two quotes from documents that are not near-duplicates of each other are variants when their
*content stems* (word tokens minus stopwords and numbers, cut to five letters so that
``strategy``/``strategic`` meet) overlap enough: at least :data:`MIN_SHARED` shared stems,
weighted Jaccard >= :data:`MIN_JACCARD`, and the shared stems carry at least
:data:`MIN_COVERAGE` of the smaller quote's weight; while their letters (punctuation and
spacing removed) differ and neither quote is a verbatim part of the other (a shorter excerpt
of the same words is not a variant), and at least :data:`MIN_ORDER` of the shared stems come
in the same order in both (longest common subsequence). Stems are weighted by smoothed
inverse quote frequency, ``ln((1 + N) / (1 + df)) + 1`` over the run's N quotes, so that the
words every quote of a topical corpus uses (the country, the army) count less than the ones
that make a statement.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from provcheck.corpus.near_dup import STOPWORDS, content_text, words
from provcheck.models import ExtractedDocument, QuoteVariant

#: Quotes shorter than this many words are phrases ("constructive"), not statements.
MIN_WORDS = 6
#: Shared content stems needed at least.
MIN_SHARED = 4
#: Weighted Jaccard of the content-stem sets needed at least. Two translations of one
#: statement score about 0.45; random quotes sharing common words reach about 0.34.
MIN_JACCARD = 0.35
#: Share of the smaller quote's stems that the other quote must contain.
MIN_COVERAGE = 0.5
#: Share of the shared stems that must come in the same order in both quotes (a translation
#: or misquote keeps the statement's order; two unrelated quotes on a topic do not).
MIN_ORDER = 0.7
#: Characters kept of each content word: a crude stem that joins inflections and derivations.
STEM_LENGTH = 5
#: Rarest stems of each quote used to find candidates (see ``find_quote_variants``).
PREFIX = 6
#: Longest candidate list kept for one stem.
MAX_POSTING = 2000
#: Paragraphs one quote may run over (a quote broken by stray blank lines).
MAX_PARAGRAPHS = 3

_DOUBLE = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
_SINGLE = "'\u2018\u2019\u201a\u201b"
_MARK_RE = re.compile(f"[{_DOUBLE}{_SINGLE}]+")
_OPEN_AFTER = "([{/:-\u2013\u2014"
_CLOSE_BEFORE = ".,;:!?)]}/-\u2013\u2014"
_TRIM = " \t,;:" + _DOUBLE + _SINGLE


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: its text as written (spaces collapsed), line and comparison keys."""

    text: str
    line: int
    letters: str  # normalised words joined without spaces, for identity checks
    sequence: tuple[str, ...]  # content stems in text order
    stems: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Paragraph:
    first_line: int
    lines: tuple[str, ...]
    blank_before: int  # blank lines between this paragraph and the previous one


def _paragraphs(text: str) -> list[_Paragraph]:
    found: list[_Paragraph] = []
    current: list[str] = []
    start = blank = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
            continue
        if current:
            found.append(_Paragraph(start, tuple(current), blank))
            current, blank = [], 0
        blank += 1
    if current:
        found.append(_Paragraph(start, tuple(current), blank))
    return found


def _flatten(paragraphs: Sequence[_Paragraph]) -> tuple[str, list[int], list[int]]:
    """One line of text for the paragraphs, with each line's start offset and line number."""
    parts: list[str] = []
    offsets: list[int] = []
    numbers: list[int] = []
    position = 0
    for paragraph in paragraphs:
        for index, line in enumerate(paragraph.lines):
            offsets.append(position)
            numbers.append(paragraph.first_line + index)
            parts.append(line)
            position += len(line) + 1
    return " ".join(parts), offsets, numbers


def _scan(text: str) -> tuple[list[tuple[int, int]], int | None, int | None]:
    """Quote spans in ``text``, plus the start of a quote still open and its fallback close."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    fallback: int | None = None
    for mark in _MARK_RE.finditer(text):
        before = text[mark.start() - 1] if mark.start() else " "
        after = text[mark.end()] if mark.end() < len(text) else " "
        can_open = (before.isspace() or before in _OPEN_AFTER) and not after.isspace()
        can_close = (after.isspace() or after in _CLOSE_BEFORE) and not before.isspace()
        if not any(char in _DOUBLE for char in mark.group()):
            if opened is not None and fallback is None and can_close and not can_open:
                fallback = mark.start()
            continue
        if opened is not None and can_close:
            spans.append((opened, mark.start()))
            opened, fallback = None, None
        elif can_open:
            if opened is not None and fallback is not None:
                spans.append((opened, fallback))
            opened, fallback = mark.end(), None
    return spans, opened, fallback


def _make_quote(
    doc: ExtractedDocument,
    text: str,
    span: tuple[int, int],
    offsets: list[int],
    numbers: list[int],
) -> Quote:
    line = numbers[bisect.bisect_right(offsets, span[0]) - 1]
    return quote_of(text[span[0] : span[1]], doc.document.original_line(line))


def quote_of(written: str, line: int) -> Quote:
    """The :class:`Quote` of a quotation's text as written (blanks collapsed, marks trimmed)."""
    body = " ".join(written.split()).strip(_TRIM)
    tokens = words(body)
    sequence = tuple(
        token[:STEM_LENGTH]
        for token in tokens
        if token not in STOPWORDS and not token.isdigit() and len(token) > 1
    )
    return Quote(body, line, "".join(tokens), sequence, frozenset(sequence))


def _reopens(paragraphs: Sequence[_Paragraph], index: int) -> bool:
    """Whether paragraph ``index`` opens with a double mark (one quote over paragraphs)."""
    return index < len(paragraphs) and paragraphs[index].lines[0][:1] in _DOUBLE


def extract_quotes(doc: ExtractedDocument) -> list[Quote]:
    """Quotations of at least :data:`MIN_WORDS` words, outside boilerplate, in text order."""
    paragraphs = _paragraphs(content_text(doc))
    quotes: list[Quote] = []
    index = 0
    while index < len(paragraphs):
        end = index + 1
        while True:
            text, offsets, numbers = _flatten(paragraphs[index:end])
            spans, opened, fallback = _scan(text)
            if opened is None or end >= len(paragraphs) or end - index >= MAX_PARAGRAPHS:
                break
            following = paragraphs[end]
            if following.blank_before != 1 or not following.lines[0][:1].islower():
                break
            end += 1
        if opened is not None and fallback is None and _reopens(paragraphs, end):
            fallback = len(text)  # a quote running on: the next paragraph reopens it
        if opened is not None and fallback is not None:
            spans.append((opened, fallback))
        for span in spans:
            quote = _make_quote(doc, text, span, offsets, numbers)
            if len(words(quote.text)) >= MIN_WORDS:
                quotes.append(quote)
        index = end
    return quotes


def _is_variant(left: Quote, right: Quote, weight: Mapping[str, float]) -> float | None:
    """The weighted stem Jaccard if the two quotes are variants of each other, else None."""
    shared = left.stems & right.stems
    if len(shared) < MIN_SHARED:
        return None
    if left.letters in right.letters or right.letters in left.letters:
        return None
    common = sum(weight[stem] for stem in shared)
    union = sum(weight[stem] for stem in left.stems | right.stems)
    smaller = min(sum(weight[stem] for stem in quote.stems) for quote in (left, right))
    jaccard = common / union
    if jaccard < MIN_JACCARD or common / smaller < MIN_COVERAGE:
        return None
    in_order = _common_subsequence(
        [stem for stem in left.sequence if stem in shared],
        [stem for stem in right.sequence if stem in shared],
    )
    if in_order < MIN_ORDER * len(shared):
        return None
    return jaccard


def _common_subsequence(left: Sequence[str], right: Sequence[str]) -> int:
    """Length of the longest common subsequence (quotes are short: plain dynamic programming)."""
    previous = [0] * (len(right) + 1)
    for item in left:
        current = [0]
        for index, other in enumerate(right):
            if item == other:
                current.append(previous[index] + 1)
            else:
                current.append(max(previous[index + 1], current[index]))
        previous = current
    return previous[-1]


def _record(
    found: dict[str, list[QuoteVariant]],
    first: tuple[str, Quote],
    second: tuple[str, Quote],
    score: float,
) -> None:
    """Give each side of a variant pair its QuoteVariant."""
    for (path, quote), (other_path, other) in ((first, second), (second, first)):
        variant = QuoteVariant(quote.text, quote.line, other_path, other.text, other.line, score)
        found.setdefault(path, []).append(variant)


def variant_order(variant: QuoteVariant) -> tuple[int, str, int, str, str]:
    """How a document's variants are listed: by line, then the other side, then the texts
    (two quotes on one line paired with two on one line of another document differ only
    there, so the order never depends on the order the pairs were found in)."""
    return (
        variant.line,
        variant.other_path,
        variant.other_line,
        variant.quote,
        variant.other_quote,
    )


def find_quote_variants(
    docs: Sequence[ExtractedDocument], near_pairs: Iterable[tuple[str, str]] = ()
) -> dict[str, tuple[QuoteVariant, ...]]:
    """Quote variants per document path, skipping pairs of documents in ``near_pairs``."""
    return pair_quotes([(doc.path, extract_quotes(doc)) for doc in docs], near_pairs)


def pair_quotes(
    quoted: Sequence[tuple[str, Sequence[Quote]]], near_pairs: Iterable[tuple[str, str]] = ()
) -> dict[str, tuple[QuoteVariant, ...]]:
    """Quote variants from each document's path and :func:`extract_quotes`, in corpus order.

    Quotes with the same words (the same letters and stems) are compared once: they are never
    variants of each other, and each is a variant of exactly the quotes its twins are. A
    wire story or a template repeats a statement across hundreds of documents, and comparing
    its copies one by one made a batch's analysis quadratic in the copies.

    Candidates come from an inverted index built as the distinct quotes are visited (so each
    pair is seen once) under each quote's :data:`PREFIX` rarest stems only, by document
    frequency over the run's quotes (prefix filtering); a candidate shares at least two of
    them. A variant shares most of its distinctive words, so it shares some of those; common
    words never make a long candidate list. This is a heuristic bound, not a guarantee: a
    variant whose shared words are all among the most common of the run can be missed. A
    posting list stops growing at :data:`MAX_POSTING` to bound the worst case (a run where
    thousands of distinct quotes consist of the same few words).
    """
    instances: list[tuple[int, Quote]] = []
    for number, (_, found_in_doc) in enumerate(quoted):
        instances.extend((number, quote) for quote in found_in_doc)
    frequency: Counter[str] = Counter()
    for _, quote in instances:
        frequency.update(quote.stems)
    total = len(instances)
    weight = {stem: math.log((1 + total) / (1 + df)) + 1 for stem, df in frequency.items()}
    twins: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for position, (_, quote) in enumerate(instances):
        twins.setdefault((quote.letters, quote.sequence), []).append(position)
    groups = list(twins.values())  # in order of first appearance
    pairing = _Pairing(instances, [path for path, _ in quoted], near_pairs)
    postings: dict[str, list[int]] = {}
    for group_index, group in enumerate(groups):
        quote = instances[group[0]][1]
        prefix = sorted(quote.stems, key=lambda stem: (frequency[stem], stem))[:PREFIX]
        hits = Counter(chain.from_iterable(postings.get(stem, ()) for stem in prefix))
        for stem in prefix:
            posting = postings.setdefault(stem, [])
            if len(posting) < MAX_POSTING:
                posting.append(group_index)
        for other in sorted(other for other, count in hits.items() if count >= 2):
            score = _is_variant(instances[groups[other][0]][1], quote, weight)
            if score is not None:
                pairing.record(groups[other], group, round(score, 4))
    return pairing.result()


class _Pairing:
    """The variants found so far, recorded for every document pair of two twin groups."""

    def __init__(
        self,
        instances: Sequence[tuple[int, Quote]],
        paths: Sequence[str],
        near_pairs: Iterable[tuple[str, str]],
    ) -> None:
        self.instances = instances
        self.paths = paths
        self.skip = {frozenset(pair) for pair in near_pairs}
        self.found: dict[str, list[QuoteVariant]] = {}

    def record(self, earlier: Sequence[int], later: Sequence[int], score: float) -> None:
        """Pair each quote of ``earlier`` with each of ``later`` in another document that is
        not its near-duplicate."""
        for first in earlier:
            first_number, first_quote = self.instances[first]
            left = self.paths[first_number]
            for second in later:
                number, quote = self.instances[second]
                if number == first_number:
                    continue
                right = self.paths[number]
                if self.skip and frozenset((left, right)) in self.skip:
                    continue
                _record(self.found, (left, first_quote), (right, quote), score)

    def result(self) -> dict[str, tuple[QuoteVariant, ...]]:
        return {
            path: tuple(sorted(items, key=variant_order))
            for path, items in sorted(self.found.items())
        }
