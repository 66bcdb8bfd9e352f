"""Near-duplicate captures: word shingles, MinHash + LSH for candidates, exact check to confirm.

An archive often holds the same article several times (a PDF print, a scrape with the page
wrapper, a Markdown conversion). Comparing every pair is quadratic, so each document's set of
5-word shingles is summarised by a 128-permutation MinHash and bucketed with MinHashLSH; only
documents sharing a bucket are compared, and then exactly, on the full shingle sets.

Similarity of a confirmed pair is ``max(Jaccard, containment)``, where containment is the share
of the smaller document's shingles found in the larger one. Containment is what lets a capture
with extra wrapper text (donation appeals, comment forms) still match the clean copy; it only
counts when the smaller document is at least :data:`CONTAINMENT_MIN_RATIO` of the larger, so a
short article quoted inside a long round-up is not called a duplicate of it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from provcheck.models import ExtractedDocument, LinkRole, NearDuplicate

if TYPE_CHECKING:  # numpy and datasketch cost a large part of start-up: imported when used
    import numpy as np
    import numpy.typing as npt

#: Words per shingle: long enough that shared phrasing, not shared vocabulary, makes a match.
SHINGLE_SIZE = 5
#: MinHash permutations; 128 gives a Jaccard estimate within about +-0.09 (one sigma 0.044).
NUM_PERM = 128
#: LSH banding (bands, rows per band): 42 x 3 of the 128 permutations; two documents are
#: candidates when all the rows of one band agree. A pair with Jaccard J
#: becomes a candidate with probability ``1 - (1 - J**3)**42``: 0.68 at 0.3, 0.94 at 0.4, 0.996
#: at 0.5, 4e-5 at 0.01. That is what ``MinHashLSH(threshold=0.3)`` would pick, written out so
#: the recall is visible: lower than :data:`MATCH_THRESHOLD` because a wrapper-heavy capture
#: has a Jaccard well below its containment (a scraped page with a donation appeal: 0.4 vs 0.8).
LSH_BANDS = (42, 3)
#: A pair is a near-duplicate when ``max(Jaccard, containment) >= MATCH_THRESHOLD``.
MATCH_THRESHOLD = 0.6
#: Documents with fewer shingles (about 14 words) are too short to call duplicates.
MIN_SHINGLES = 10
#: Containment counts only when the smaller shingle set is at least this share of the larger.
CONTAINMENT_MIN_RATIO = 1 / 3

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032"
_UNIFY = str.maketrans(
    {
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_DOUBLE_QUOTES, '"'),
        **dict.fromkeys(_SINGLE_QUOTES, "'"),
        "\u00a0": " ",
    }
)
_SPACE_RE = re.compile(r"\s+")

#: Function words that say nothing about which article or statement a text is about; shared by
#: the related-link and quote matchers when they compare "significant" words.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their theirs them then there these they this those through
    to too under until up very was we were what when where which while who whom why will with
    would you your yours says said say
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())
_WORD_RE = re.compile(r"\w+")

# 64-bit multiplier for the rolling shingle hash (odd, from splitmix64).
_ROLL = 0x9E3779B97F4A7C15
_MIX1 = 0xBF58476D1CE4E5B9
_MIX2 = 0x94D049BB133111EB
_LOW32 = 0xFFFFFFFF


def normalize_text(text: str) -> str:
    """Lowercase, one form of quotes and dashes, single spaces: what captures disagree on."""
    return _SPACE_RE.sub(" ", text.translate(_UNIFY).lower()).strip()


def words(text: str) -> list[str]:
    """Word tokens of normalised text; punctuation (and so mangled quotes) drops out."""
    return _WORD_RE.findall(text.translate(_UNIFY).lower())


def content_text(doc: ExtractedDocument) -> str:
    """The document text with the boilerplate lines blanked (line numbers stay valid).

    ``Block`` line ranges are 1-based, inclusive lines of ``doc.document.text``.
    """
    text = doc.document.text
    if not doc.boilerplate:
        return text
    dropped: set[int] = set()
    for block in doc.boilerplate:
        dropped.update(range(block.start_line, block.end_line + 1))
    lines = text.split("\n")
    return "\n".join("" if number in dropped else line for number, line in enumerate(lines, 1))


def _splitmix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    import numpy as np

    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(_MIX1)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(_MIX2)
    return values ^ (values >> np.uint64(31))


def shingle_hashes(
    tokens: Sequence[str], cache: dict[str, int] | None = None
) -> npt.NDArray[np.uint64]:
    """Sorted unique 64-bit hashes of the document's word shingles (empty if too short).

    Word hashes are CRC-32 (deterministic across runs, unlike ``hash()``) and shingles are
    combined with a vectorised rolling hash, so hashing 10,000 documents stays fast.
    """
    import numpy as np

    if len(tokens) < SHINGLE_SIZE:
        return np.empty(0, dtype=np.uint64)
    known = {} if cache is None else cache
    ids = []
    for token in tokens:
        value = known.get(token)
        if value is None:
            value = known[token] = zlib.crc32(token.encode("utf-8"))
        ids.append(value)
    word_hashes = np.array(ids, dtype=np.uint64)
    count = len(tokens) - SHINGLE_SIZE + 1
    rolled = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE_SIZE):
        rolled = rolled * np.uint64(_ROLL) + word_hashes[offset : offset + count]
    return np.unique(_splitmix(rolled))


def similarity(left: npt.NDArray[np.uint64], right: npt.NDArray[np.uint64]) -> float:
    """``max(Jaccard, containment)`` of two sorted unique shingle-hash arrays (see module doc)."""
    import numpy as np

    if not len(left) or not len(right):
        return 0.0
    shared = len(np.intersect1d(left, right, assume_unique=True))
    jaccard = shared / (len(left) + len(right) - shared)
    small, large = sorted((len(left), len(right)))
    containment = shared / small if small >= CONTAINMENT_MIN_RATIO * large else 0.0
    return max(jaccard, containment)


def provenance_score(doc: ExtractedDocument) -> int:
    """How well a capture states where it came from; decides which copy is better sourced.

    Stated (non-inferred) date 3, declared original URL 3, byline 2, title 1, plus 1 per link
    with a parseable URL (not a placeholder), at most 3.
    """
    score = 0
    chosen = doc.date.chosen
    if chosen is not None and not chosen.inferred:
        score += 3
    if any(link.role is LinkRole.ORIGINAL and link.facts is not None for link in doc.links):
        score += 3
    if doc.authors:
        score += 2
    if doc.title is not None:
        score += 1
    real = sum(
        1 for link in doc.links if link.facts is not None and link.role is not LinkRole.PLACEHOLDER
    )
    return score + min(real, 3)


def better_sourced(left: ExtractedDocument, right: ExtractedDocument) -> str:
    """Path of the better-sourced document: higher :func:`provenance_score`, ties to path order."""
    best = min((left, right), key=lambda doc: (-provenance_score(doc), doc.path))
    return best.path


@dataclass(frozen=True, slots=True)
class Capture:
    """What near-duplicate detection keeps of one document: a few kilobytes, not the text."""

    path: str
    shingles: npt.NDArray[np.uint64]  # sorted unique shingle hashes (see shingle_hashes)
    provenance: int  # provenance_score of the document


def capture_of(doc: ExtractedDocument, cache: dict[str, int] | None = None) -> Capture:
    """The document's :class:`Capture`; ``cache`` keeps word hashes across documents."""
    shingles = shingle_hashes(words(content_text(doc)), cache)
    return Capture(doc.path, shingles, provenance_score(doc))


@dataclass(frozen=True, slots=True)
class _Pair:
    left: int
    right: int
    similarity: float


def _signatures(shingles: Sequence[npt.NDArray[np.uint64]]) -> npt.NDArray[np.uint64]:
    """One MinHash signature (NUM_PERM values) per row, from datasketch's permutations."""
    import numpy as np
    from datasketch import MinHash  # type: ignore[import-untyped]

    rows = np.empty((len(shingles), NUM_PERM), dtype=np.uint64)
    batches = ((values & np.uint64(_LOW32)).tolist() for values in shingles)
    for row, minhash in enumerate(MinHash.generator(batches, num_perm=NUM_PERM, hashfunc=int)):
        rows[row] = minhash.hashvalues
    return rows


def _bucket_groups(signatures: npt.NDArray[np.uint64]) -> Iterator[list[int]]:
    """Row numbers sharing one LSH bucket: equal values in all the rows of a band.

    The same buckets as ``datasketch.MinHashLSH(params=LSH_BANDS)``, kept as one small
    array per band instead of a hash table of byte keys (a tenth of the memory).
    """
    import numpy as np

    bands, rows = LSH_BANDS
    for band in range(bands):
        block = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        _, labels = np.unique(block, axis=0, return_inverse=True)
        labels = labels.reshape(-1)
        order = np.argsort(labels, kind="stable")
        for group in np.split(order, np.flatnonzero(np.diff(labels[order])) + 1):
            if len(group) > 1:
                yield group.tolist()


def _candidate_pairs(shingles: Sequence[npt.NDArray[np.uint64]]) -> set[tuple[int, int]]:
    """Index pairs that share an LSH bucket (documents with too few shingles are left out)."""
    usable = [index for index, values in enumerate(shingles) if len(values) >= MIN_SHINGLES]
    if len(usable) < 2:
        return set()
    signatures = _signatures([shingles[index] for index in usable])
    pairs: set[tuple[int, int]] = set()
    for group in _bucket_groups(signatures):
        pairs.update(combinations(sorted(usable[row] for row in group), 2))
    return pairs


def find_near_duplicates(
    docs: Sequence[ExtractedDocument],
) -> dict[str, tuple[NearDuplicate, ...]]:
    """Each document's near-duplicates, keyed by path; documents without any are left out.

    ``docs`` must be sorted by path (``analyze_corpus`` does it) so results do not depend on
    input order. Partners are sorted by falling similarity, then path.
    """
    cache: dict[str, int] = {}
    return pair_captures([capture_of(doc, cache) for doc in docs])


def pair_captures(captures: Sequence[Capture]) -> dict[str, tuple[NearDuplicate, ...]]:
    """:func:`find_near_duplicates` on the documents' captures (same order rule)."""
    signatures = [capture.shingles for capture in captures]
    confirmed: list[_Pair] = []
    for left, right in sorted(_candidate_pairs(signatures)):
        score = similarity(signatures[left], signatures[right])
        if score >= MATCH_THRESHOLD:
            confirmed.append(_Pair(left, right, round(score, 4)))
    partners: dict[str, list[NearDuplicate]] = {}
    for pair in confirmed:
        first, second = captures[pair.left], captures[pair.right]
        best = min((first, second), key=lambda c: (-c.provenance, c.path)).path
        partners.setdefault(first.path, []).append(
            NearDuplicate(second.path, pair.similarity, best)
        )
        partners.setdefault(second.path, []).append(
            NearDuplicate(first.path, pair.similarity, best)
        )
    return {
        path: tuple(sorted(found, key=lambda dup: (-dup.similarity, dup.other_path)))
        for path, found in sorted(partners.items())
    }
