"""The seam every rule plugs into: :class:`Rule`, its docs, and what it may look at.

A rule is data plus one pure function. The function receives a :class:`RuleContext`
(the extracted document, the crawler's verdict for each of its links, the corpus facts
and the run settings) and yields :class:`~provcheck.models.Finding` values built with
:meth:`Rule.finding`, so that id, name, path and default severity are filled in one place.
Rules never do I/O and never raise on odd input: odd input is simply not evidence.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from provcheck.models import (
    Certainty,
    CorpusFacts,
    DateCandidate,
    ExtractedDocument,
    Finding,
    Link,
    LinkStatus,
    Severity,
)

#: How many items a finding lists in its evidence before it says "and N more".
EVIDENCE_LIMIT = 10


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


@dataclass(frozen=True, slots=True)
class RuleDocs:
    """The four sections `provcheck rules PVxxx` prints."""

    what: str
    why: str
    example: str
    fix: str


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """Run-wide knobs the rules read.

    ``today`` defaults to the current UTC date; pass it explicitly for replayable runs.
    ``drift_threshold`` is the overlap coefficient of word 3-shingles under which PV310
    reports content drift (see :mod:`provcheck.rules.integrity_original`).
    ``history`` maps a URL (as written or normalised) to ISO timestamps of earlier runs
    in which it failed; PV301 uses it to tell confirmed from suspected breakage.
    """

    today: dt.date = field(default_factory=_today)
    anachronism_tolerance_days: int = 1
    drift_threshold: float = 0.5
    ignored_rules: frozenset[str] = frozenset()
    ignored_urls: frozenset[str] = frozenset()
    history: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleContext:
    """Everything one rule may look at for one document.

    ``statuses`` is parallel to ``doc.links``; ``None`` means the link was not checked
    (extract-only run, or offline with nothing cached) and is treated as unverified.
    A shorter tuple is padded with ``None`` by :meth:`pairs`.
    """

    doc: ExtractedDocument
    statuses: tuple[LinkStatus | None, ...] = ()
    corpus: CorpusFacts = field(default_factory=CorpusFacts)
    settings: RuleSettings = field(default_factory=RuleSettings)
    #: :meth:`unique_pairs`' answer, worked out once for all the rules that ask.
    _unique: tuple[tuple[Link, LinkStatus | None, tuple[int, ...]], ...] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def pairs(self) -> Iterator[tuple[Link, LinkStatus | None]]:
        """Each link with its verdict (``None`` when unchecked), in document order."""
        for index, link in enumerate(self.doc.links):
            status = self.statuses[index] if index < len(self.statuses) else None
            yield link, status

    def unique_pairs(self) -> Iterator[tuple[Link, LinkStatus | None, tuple[int, ...]]]:
        """Each distinct URL once (first occurrence), with the original lines of all its uses.

        Rules about a URL's target (dates, breakage) report it once; PV311 reports the
        repetition itself.
        """
        if self._unique is None:
            lines: dict[str, list[int]] = {}
            first: dict[str, tuple[Link, LinkStatus | None]] = {}
            for link, status in self.pairs():
                key = link_key(link)
                lines.setdefault(key, []).append(link.line)
                first.setdefault(key, (link, status))
            unique = tuple(
                (link, status, tuple(lines[key])) for key, (link, status) in first.items()
            )
            object.__setattr__(self, "_unique", unique)  # frozen: a cache, not a change
        assert self._unique is not None
        return iter(self._unique)

    def date_candidate(self) -> tuple[DateCandidate | None, bool]:
        """The document's own date, or the one inherited from a near-duplicate.

        Returns the candidate and whether it is inherited (an inherited date always
        counts as inferred).
        """
        chosen = self.doc.date.chosen
        if chosen is not None:
            return chosen, False
        return self.corpus.inherited_date, self.corpus.inherited_date is not None


CheckFn = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One documented check: stable id, kebab-case name, default severity, docs, check."""

    id: str
    name: str
    severity: Severity
    summary: str
    docs: RuleDocs
    check: CheckFn

    def run(self, ctx: RuleContext) -> tuple[Finding, ...]:
        """Apply the check to one document."""
        return tuple(self.check(ctx))

    def finding(
        self,
        ctx: RuleContext,
        message: str,
        *,
        severity: Severity | None = None,
        confidence: Certainty = Certainty.HIGH,
        line: int | None = None,
        url: str | None = None,
        evidence: Iterable[tuple[str, str]] = (),
    ) -> Finding:
        """Build a finding of this rule on ``ctx``'s document.

        ``line`` is a line of the original file: extraction already maps every line it
        reports (links, dates, signals, blocks) back from the analysed text.
        """
        return Finding(
            rule=self.id,
            name=self.name,
            severity=severity or self.severity,
            confidence=confidence,
            message=message,
            path=ctx.doc.path,
            line=line,
            url=url,
            evidence=tuple(evidence),
        )


@functools.lru_cache(maxsize=1 << 16)
def url_key(url: str) -> str:
    """A comparison key for URLs: scheme-, ``www.``-, case-, fragment- and slash-insensitive.

    Extraction normalises URLs properly (tracking parameters, IDNA ...); rules only need
    to know whether two URLs *name the same page*, so this key is deliberately lenient:
    ``http://www.Example.com/a/`` and ``https://example.com/a#x`` are the same page.
    Memoised: several rules key every link of a document, and a URL costs a parse each time.
    """
    text = url.strip()
    try:
        parts = urlsplit(text if "//" in text else "//" + text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return text.lower()
    host = host.removeprefix("www.")
    port = ""
    try:
        if parts.port and parts.port not in (80, 443):
            port = f":{parts.port}"
    except ValueError:
        port = ""
    path = parts.path.rstrip("/") or ""
    query = "&".join(sorted(q for q in parts.query.split("&") if q))
    return f"{host}{port}{path}" + (f"?{query}" if query else "")


def link_key(link: Link) -> str:
    """The comparison key of a link, preferring extraction's normalised form."""
    return url_key(link.facts.normalized if link.facts else link.url)


def quote(text: str, limit: int = 60) -> str:
    """Quote a piece of document text for a one-line message, shortened to ``limit``."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'


def listing(items: list[str], limit: int = EVIDENCE_LIMIT) -> list[tuple[str, str]]:
    """Numbered evidence pairs for up to ``limit`` items, with a count of the rest."""
    pairs = [(str(i + 1), item) for i, item in enumerate(items[:limit])]
    if len(items) > limit:
        pairs.append(("more", str(len(items) - limit)))
    return pairs


def describe_source(candidate: DateCandidate, inherited_from: str | None = None) -> str:
    """Where a date came from, in words, for messages: ``dateline, line 3``."""
    if inherited_from:
        return f"inherited from {inherited_from}"
    where = candidate.source.value
    if candidate.line is not None:
        where += f", line {candidate.line}"
    return where
