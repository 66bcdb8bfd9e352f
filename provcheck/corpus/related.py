"""Related links that name another document of the corpus but point to another URL.

A related-article link is often rewritten by a site (new date in the path, id dropped) or
copied wrong, while the archive itself holds the article it names, with that article's own
declared original URL. When a link's slug words or anchor text match another document's title
or original-URL slug strongly, and the URLs differ, the corpus URL is the better guess.

Matching works on *significant words*: lowercased word tokens with apostrophes dropped, minus
stopwords, minus tokens containing digits (dates, numeric or ``a73387``-style ids), minus a
plural/third-person ``s``. Strength is the Dice coefficient ``2|S&T| / (|S| + |T|)`` between
the link's word set and the target's, which needs both sides to be mostly covered; a match
needs Dice >= :data:`MATCH_THRESHOLD` and at least :data:`MIN_SHARED` shared words. Candidate
documents come from an inverted index (word -> documents) probed with the link's rarest words
(prefix filtering, exact for these thresholds), so no pair is compared blindly.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from provcheck.corpus.near_dup import STOPWORDS, normalize_text
from provcheck.models import ExtractedDocument, Link, LinkRole, RelatedMatch

#: Dice coefficient a link must reach against a title or original slug.
MATCH_THRESHOLD = 0.75
#: Shared significant words needed at least; stops two-word slugs matching by chance.
MIN_SHARED = 3
#: Rarest words of a link a candidate target must share (see ``_candidates``): 3 measured
#: faster than 2 on the generated corpus, with the same matches (BENCHMARKS.md, Batch).
PROBE_SHARED = 3
#: Roles whose links are compared (CITATION and OTHER only when their URL has a slug).
_SLUG_ROLES = frozenset({LinkRole.CITATION, LinkRole.OTHER})
_WORD_RE = re.compile(r"\w+")


def significant_words(parts: Iterable[str]) -> frozenset[str]:
    """The words of ``parts`` that identify an article (see the module docstring)."""
    found: set[str] = set()
    text = normalize_text(" ".join(parts)).replace("'", "")
    for token in _WORD_RE.findall(text):
        if token in STOPWORDS or any(char.isdigit() for char in token) or "_" in token:
            continue
        word = token[:-1] if len(token) > 3 and token.endswith("s") else token
        if len(word) > 1 and word not in STOPWORDS:
            found.add(word)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class RelatedTarget:
    """A corpus document that declares its original URL, with the words that name it."""

    path: str
    original_url: str
    normalized: str
    title_words: frozenset[str]
    slug_words: frozenset[str]


def _original_link(doc: ExtractedDocument) -> Link | None:
    originals = [link for link in doc.links if link.role is LinkRole.ORIGINAL and link.facts]
    return min(originals, key=lambda link: (link.line, link.column), default=None)


def target_of(doc: ExtractedDocument) -> RelatedTarget | None:
    """The document as a target of related links: only one with a declared original URL."""
    original = _original_link(doc)
    if original is None or original.facts is None:
        return None
    title = significant_words([doc.title.value]) if doc.title else frozenset()
    return RelatedTarget(
        path=doc.path,
        original_url=original.url,
        normalized=original.facts.normalized,
        title_words=title,
        slug_words=significant_words(original.facts.slug_words),
    )


def _candidate_links(doc: ExtractedDocument) -> list[Link]:
    """Links that may name another article: related ones, and slugged citations or others."""
    chosen = []
    for link in doc.links:
        if link.facts is None:
            continue
        if link.role is LinkRole.RELATED or (link.role in _SLUG_ROLES and link.facts.slug_words):
            chosen.append(link)
    return chosen


def _score(link_words: frozenset[str], target: RelatedTarget) -> float:
    """The better Dice coefficient (``2 * shared / (|A| + |B|)``) of ``link_words`` with the
    target's title or slug words, counting only a side sharing at least :data:`MIN_SHARED`
    words (0.0 when none does)."""
    best = 0.0
    size = len(link_words)
    for words in (target.title_words, target.slug_words):
        shared = len(link_words & words)
        if shared >= MIN_SHARED:
            best = max(best, 2 * shared / (size + len(words)))
    return best


@dataclass(frozen=True, slots=True)
class RelatedIndex:
    """The corpus documents that declare an original URL, indexed by their words.

    Built once from every document's :func:`target_of`; then :meth:`matches` takes the
    documents one at a time, so the corpus never has to be in memory at once.
    """

    targets: tuple[RelatedTarget, ...]
    known_urls: frozenset[str]
    index: Mapping[str, list[int]]

    @classmethod
    def build(cls, targets: Iterable[RelatedTarget]) -> RelatedIndex:
        listed = tuple(targets)
        index: dict[str, list[int]] = {}
        for number, target in enumerate(listed):
            for word in target.title_words | target.slug_words:
                index.setdefault(word, []).append(number)
        return cls(listed, frozenset(target.normalized for target in listed), index)

    def matches(self, doc: ExtractedDocument) -> tuple[RelatedMatch, ...]:
        """The document's links that match another document with a different original URL.

        Each link gets at most one match: the best-scoring document, ties to path order. A
        link equal (normalised) to any corpus document's original URL is already right.
        """
        found = []
        for link in _candidate_links(doc):
            assert link.facts is not None
            if link.facts.normalized in self.known_urls:
                continue
            match = _best_match(doc.path, link, self.targets, self.index)
            if match is not None:
                found.append(match)
        return tuple(found)


def find_related_matches(
    docs: Sequence[ExtractedDocument],
) -> dict[str, tuple[RelatedMatch, ...]]:
    """For each document, its links that match another document (see :class:`RelatedIndex`)."""
    related = RelatedIndex.build(t for t in map(target_of, docs) if t is not None)
    found: dict[str, tuple[RelatedMatch, ...]] = {}
    for doc in docs:
        matches = related.matches(doc)
        if matches:
            found[doc.path] = matches
    return found


def _candidates(words: frozenset[str], index: Mapping[str, list[int]]) -> list[int]:
    """Targets that could match ``words`` strongly, found through their rarest words only.

    Dice >= t with ``k`` shared words needs ``k >= t / (2 - t) * |S|`` (since ``k <= |T|``):
    at least 60% of the link's words at t = 0.75, so a match misses at most
    ``|S| - needed`` of them. Among the rarest ``|S| - needed + r`` words it must then share
    at least ``r`` (prefix filtering: exact for this threshold, for any ``r`` up to
    ``needed``), which keeps common title words from pulling in half the corpus as
    candidates. ``r`` is :data:`PROBE_SHARED`: each more probed word costs its posting list
    and rules out the targets that share one word fewer.
    """
    needed = max(math.ceil(MATCH_THRESHOLD / (2 - MATCH_THRESHOLD) * len(words) - 1e-9), MIN_SHARED)
    if needed > len(words):
        return []
    ranked = sorted(words, key=lambda word: (len(index.get(word, ())), word))
    probe = ranked[: len(words) - needed + PROBE_SHARED]
    required = len(probe) - (len(words) - needed)
    hits = Counter(chain.from_iterable(index.get(word, ()) for word in probe))
    return [number for number, count in hits.items() if count >= required]


def _best_match(
    path: str, link: Link, targets: Sequence[RelatedTarget], index: Mapping[str, list[int]]
) -> RelatedMatch | None:
    """The best-scoring other target of ``link`` by its slug or its anchor text, if any.

    Each side is scored only against its own candidates: :func:`_candidates` misses no
    target that side could match, so a target that is not a candidate of one side scores
    below the threshold on it and cannot change the result there. On a tie the slug wins.
    """
    assert link.facts is not None
    scored: dict[int, tuple[float, str]] = {}
    for words, basis in (
        (significant_words(link.facts.slug_words), "slug"),
        (significant_words([link.text]), "anchor"),
    ):
        for number in _candidates(words, index):
            score = _score(words, targets[number])
            if score >= MATCH_THRESHOLD and score > scored.get(number, (0.0, ""))[0]:
                scored[number] = (score, basis)
    best: tuple[float, str, str] | None = None  # (score, basis, target path)
    chosen: RelatedTarget | None = None
    for number, (score, basis) in scored.items():
        target = targets[number]
        if target.path == path:
            continue
        if best is None or (-score, target.path) < (-best[0], best[2]):
            best, chosen = (score, basis, target.path), target
    if best is None or chosen is None:
        return None
    return RelatedMatch(
        link_url=link.url,
        line=link.line,
        other_path=chosen.path,
        suggested_url=chosen.original_url,
        score=round(best[0], 4),
        matched_on=best[1],
    )
