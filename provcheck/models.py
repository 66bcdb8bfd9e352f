"""Frozen value types shared by the pipeline stages.

One type per stage: readers produce :class:`Document`, extraction produces
:class:`ExtractedDocument` (links, dates, byline ...), the crawler produces a
:class:`LinkStatus` per unique URL. Nothing here does I/O.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar


class DocFormat(StrEnum):
    """Input formats a reader can turn into a :class:`Document`."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class LinkRole(StrEnum):
    """What a link is for in the document; rules treat roles differently."""

    RELATED = "related"
    ORIGINAL = "original"
    AUTHOR = "author"
    PLACEHOLDER = "placeholder"
    CITATION = "citation"
    OTHER = "other"


class Precision(StrEnum):
    """How much of a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class DateSource(StrEnum):
    """Where a date candidate came from, strongest first (see ``DATE_SOURCE_STRENGTH``)."""

    METADATA = "metadata"  # HTML JSON-LD / meta tags
    DATELINE = "dateline"  # a date on its own line near the top of the text
    URL = "url"  # the date in the declared original URL's path
    CAPTION = "caption"  # a full date inside a photo caption (inferred)
    TEXT = "text"  # a full date elsewhere in the body (inferred)
    INHERITED = "inherited"  # taken from a near-duplicate in the corpus


#: Relative strength of each date source; higher wins when choosing the document date.
DATE_SOURCE_STRENGTH: dict[DateSource, int] = {
    DateSource.METADATA: 50,
    DateSource.DATELINE: 45,
    DateSource.URL: 30,
    DateSource.CAPTION: 15,
    DateSource.TEXT: 10,
    DateSource.INHERITED: 5,
}

#: Sources whose dates are only inferred, never stated for the document itself.
INFERRED_SOURCES: frozenset[DateSource] = frozenset(
    {DateSource.CAPTION, DateSource.TEXT, DateSource.INHERITED}
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to ``precision``; unknown parts are set to 1."""

    value: dt.date
    precision: Precision

    def iso(self) -> str:
        """ISO text up to the known precision: ``2021-03-26``, ``2021-03`` or ``2021``."""
        if self.precision is Precision.DAY:
            return self.value.isoformat()
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"

    def latest(self) -> dt.date:
        """The last calendar day this partial date could stand for."""
        if self.precision is Precision.DAY:
            return self.value
        if self.precision is Precision.MONTH:
            nxt = dt.date(self.value.year + (self.value.month == 12), self.value.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.value.year, 12, 31)


@dataclass(frozen=True, slots=True)
class SourceLine:
    """Where a piece of text came from in the original file (1-based)."""

    line: int
    column: int = 1


@dataclass(frozen=True, slots=True)
class Document:
    """A read input file: its analysable text and a map back to the original file.

    ``text`` is what extraction works on. For plain text and Markdown it is the
    file's content; for HTML it is the main text. ``line_map[i]`` gives the
    original line of ``text``'s line ``i + 1`` (identity for text and Markdown).
    ``raw`` keeps the decoded original (HTML source for HTML documents).
    """

    path: str
    format: DocFormat
    text: str
    raw: str
    line_map: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()

    def original_line(self, text_line: int) -> int:
        """Map a 1-based line of ``text`` to a 1-based line of the original file."""
        if not self.line_map:
            return text_line
        index = min(max(text_line, 1), len(self.line_map)) - 1
        return self.line_map[index]


@dataclass(frozen=True, slots=True)
class SkippedInput:
    """An input that could not be read, with a one-line reason."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class PathDate:
    """A date found in a URL path, e.g. ``/2021/03/26/``."""

    date: PartialDate
    text: str  # the matched path fragment
    plausible: bool  # False for dates before 1990 or in the future


@dataclass(frozen=True, slots=True)
class UrlFacts:
    """What can be learnt from a URL without fetching it."""

    normalized: str
    domain: str | None  # registrable domain (example.co.uk)
    host: str | None
    path_date: PathDate | None
    slug_words: tuple[str, ...]
    removed_params: tuple[str, ...] = ()  # tracking parameters set aside
    fragment: str = ""


@dataclass(frozen=True, slots=True)
class RawLink:
    """A link as a syntax extractor found it, before roles and URL facts.

    ``url`` is the URL with any line-wrap joins applied; ``raw`` keeps the form
    as written (with the line breaks) when ``joined`` is true. ``context`` is the
    line (or paragraph) the link sits in, used to decide its role. ``hint`` is a
    role the syntax itself makes certain (``rel=canonical`` -> original).
    """

    url: str
    line: int
    column: int
    text: str = ""
    raw: str = ""
    joined: bool = False
    context: str = ""
    hint: LinkRole | None = None
    syntax: str = "bare"  # bare, autolink, inline, reference, anchor, canonical, og, jsonld


@dataclass(frozen=True, slots=True)
class Link:
    """A link with its role and what its URL says."""

    url: str
    line: int
    column: int
    text: str
    role: LinkRole
    joined: bool = False
    raw: str = ""
    facts: UrlFacts | None = None  # None for placeholders and malformed URLs
    malformed: str | None = None  # reason the URL cannot be parsed
    syntax: str = "bare"


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """One possible publication date with its source and evidence."""

    date: PartialDate
    source: DateSource
    evidence: str
    line: int | None = None
    chosen: bool = False

    @property
    def inferred(self) -> bool:
        return self.source in INFERRED_SOURCES


@dataclass(frozen=True, slots=True)
class DocumentDate:
    """The chosen publication date (or none) and every candidate considered."""

    chosen: DateCandidate | None
    candidates: tuple[DateCandidate, ...] = ()
    modified: PartialDate | None = None  # a stated modification date, if any


@dataclass(frozen=True, slots=True)
class Attributed:
    """A value (title, author, publisher) with where it came from."""

    value: str
    source: str
    evidence: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class WeekdayMention:
    """A weekday word in the text: ``on Saturday``, ``said Friday``."""

    weekday: int  # Monday == 0, as datetime.date.weekday()
    word: str
    phrase: str
    line: int
    relative: bool  # "on Saturday", "last Friday": a day in the week before the date


@dataclass(frozen=True, slots=True)
class Attribution:
    """A claim attributed to a source in the text."""

    source: str
    pattern: str  # according-to, said, told, reported, quoted, stated
    phrase: str
    line: int


class BlockKind(StrEnum):
    """Kinds of page-wrapper text that leak into captured articles."""

    DONATION = "donation-appeal"
    SUBSCRIPTION = "subscription-appeal"
    COMMENT_FORM = "comment-form"
    SHARE_WIDGET = "share-widget"
    WIDGET = "widget"
    TAG_LIST = "empty-tag-list"
    NAVIGATION = "navigation"
    COOKIE = "cookie-banner"


@dataclass(frozen=True, slots=True)
class Block:
    """A line range of boilerplate, with its kind and the cue that gave it away."""

    kind: BlockKind
    start_line: int
    end_line: int
    cue: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class OrphanHeadline:
    """A headline-like line between paragraphs, probably a stripped widget link."""

    line: int
    text: str
    repeated: bool = False


@dataclass(frozen=True, slots=True)
class Artifact:
    """A sign of lossy conversion (mismatched quotes, repeated paragraph ...)."""

    kind: str
    line: int
    evidence: str


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """Everything extraction learnt from one document, without any network."""

    document: Document
    title: Attributed | None
    date: DocumentDate
    authors: tuple[Attributed, ...]
    publisher: Attributed | None
    links: tuple[Link, ...]
    weekdays: tuple[WeekdayMention, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    boilerplate: tuple[Block, ...] = ()
    orphan_headlines: tuple[OrphanHeadline, ...] = ()
    artifacts: tuple[Artifact, ...] = ()
    suppressions: tuple[str, ...] = ()  # rule ids from inline "provcheck: ignore PVxxx"
    warnings: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return self.document.path


_Record = TypeVar("_Record")


def _slot_init(cls: type[_Record]) -> type[_Record]:
    """Give a frozen, slotted dataclass an ``__init__`` that fills its slots directly.

    Why: the ``__init__`` that ``dataclass`` writes for a frozen class calls
    ``object.__setattr__(self, name, value)`` per field (plain assignment is what
    ``frozen`` forbids), which looks the attribute up by name each time. Extraction builds
    tens of these records per document; setting each slot through its descriptor is
    about 40% cheaper. The new ``__init__`` has the same parameters and defaults, and
    equality, hashing, ``repr`` and immutability stay the dataclass's own. Classes with a
    ``__post_init__``, a default factory or a field outside ``__init__`` are refused.
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__") or any(
        not f.init or f.default_factory is not dataclasses.MISSING for f in fields
    ):
        raise TypeError(f"{cls.__name__}: only plain fields can be set directly")
    scope: dict[str, Any] = {}
    params, body = [], []
    for f in fields:
        scope[f"set_{f.name}"] = cls.__dict__[f.name].__set__  # the slot's descriptor
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            scope[f"default_{f.name}"] = f.default
            params.append(f"{f.name}=default_{f.name}")
        body.append(f"    set_{f.name}(self, {f.name})\n")
    exec(f"def __init__(self, {', '.join(params)}):\n{''.join(body)}", scope)
    scope["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", scope["__init__"])  # noqa: B010 (mypy forbids assigning a method)
    return cls


#: The records extraction builds per document (and the ones holding them).
for _record in (
    *(Document, PartialDate, PathDate, UrlFacts, RawLink, Link, DateCandidate, DocumentDate),
    *(Attributed, WeekdayMention, Attribution, Block, OrphanHeadline, Artifact),
    ExtractedDocument,
):
    _slot_init(_record)


class LinkState(StrEnum):
    """The one verdict each checked link ends in."""

    ALIVE = "alive"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    TIMEOUT = "timeout"
    SOFT_404 = "soft-404"
    RESTRICTED = "restricted"
    RATE_LIMITED = "rate-limited"
    UNVERIFIED = "unverified"
    PLACEHOLDER = "placeholder"
    MALFORMED = "malformed"


class AnswerSource(StrEnum):
    """Where a verdict's evidence came from."""

    NETWORK = "network"
    CACHE = "cache"
    CASSETTE = "cassette"
    NONE = "none"  # nothing was fetched (placeholder, malformed, refused, offline)


@dataclass(frozen=True, slots=True)
class Hop:
    """One request of a redirect chain."""

    url: str
    status: int
    location: str | None = None


@dataclass(frozen=True, slots=True)
class TargetMeta:
    """What the target page says about itself (HTML targets only)."""

    title: str | None = None
    date: PartialDate | None = None
    date_source: str | None = None  # e.g. "metadata", "url"
    canonical: str | None = None
    text: str | None = None  # main text, for content-drift comparison (capped)


@dataclass(frozen=True, slots=True)
class ArchivedCopy:
    """A snapshot of a URL in a web archive."""

    url: str
    timestamp: str  # 14-digit Wayback timestamp
    status: int | None = None
    before_document: bool = True


@dataclass(frozen=True, slots=True)
class LinkStatus:
    """The crawler's verdict for one unique normalised URL, with its evidence."""

    url: str
    state: LinkState
    http_status: int | None = None
    final_url: str | None = None
    hops: tuple[Hop, ...] = ()
    content_type: str | None = None
    elapsed_ms: float | None = None
    checked_at: str | None = None  # ISO 8601 UTC
    source: AnswerSource = AnswerSource.NONE
    reason: str = ""
    archived: ArchivedCopy | None = None
    target: TargetMeta | None = None
    attempts: int = 0


# --- analysis: findings, corpus facts, confidence -------------------------------------------


class Severity(StrEnum):
    """How bad a finding is for the document's trustworthiness."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: Order for sorting and gating: higher is more severe.
SEVERITY_RANK: dict[Severity, int] = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class Certainty(StrEnum):
    """How sure the evidence behind a finding is (a separate axis from severity)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on one document (and possibly one link)."""

    rule: str  # stable id, e.g. "PV101"
    name: str  # kebab-case rule name
    severity: Severity
    confidence: Certainty
    message: str  # one hedged line naming the evidence
    path: str
    line: int | None = None
    url: str | None = None
    evidence: tuple[tuple[str, str], ...] = ()  # ordered key/value pairs


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """Another document of the corpus that captures the same article."""

    other_path: str
    similarity: float  # estimated Jaccard similarity of word shingles
    better_sourced: str  # path of the better-sourced of the two


@dataclass(frozen=True, slots=True)
class RelatedMatch:
    """A link whose slug or anchor text matches another corpus document with another URL."""

    link_url: str
    line: int
    other_path: str
    suggested_url: str  # the other document's declared original URL
    score: float
    matched_on: str  # "slug" or "anchor"


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """The same quotation worded differently in another document."""

    quote: str
    line: int
    other_path: str
    other_quote: str
    other_line: int
    similarity: float


@dataclass(frozen=True, slots=True)
class CorpusFacts:
    """Cross-document facts for one document, computed over the whole run."""

    near_duplicates: tuple[NearDuplicate, ...] = ()
    inherited_date: DateCandidate | None = None  # source INHERITED, from a near-duplicate
    inherited_from: str | None = None
    related_matches: tuple[RelatedMatch, ...] = ()
    quote_variants: tuple[QuoteVariant, ...] = ()


@dataclass(frozen=True, slots=True)
class Reason:
    """One deduction from the confidence score."""

    rule: str
    points: int
    category: str
    message: str


@dataclass(frozen=True, slots=True)
class Confidence:
    """A document's provenance confidence: 0-100 with its band and reasons."""

    score: int
    band: str  # high, good, mixed, low, very low
    provisional: bool
    checked_ratio: float
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class AuditedDocument:
    """A document with its link verdicts, findings and score: one row of the report."""

    extracted: ExtractedDocument
    statuses: tuple[LinkStatus | None, ...]  # parallel to extracted.links
    findings: tuple[Finding, ...] = ()
    confidence: Confidence | None = None
    corpus: CorpusFacts | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one audit run.

    ``documents`` is a tuple, or for an audit run a :class:`provcheck.spool.Spool` that reads
    each document from disk as it is needed (so a large batch does not sit in memory).
    """

    documents: Sequence[AuditedDocument]
    skipped: tuple[SkippedInput, ...] = ()
    generated_at: str = ""  # ISO 8601 UTC; empty in deterministic (replay) mode
    tool_version: str = ""
    offline: bool = False
