"""PV304, PV305, PV311, PV312: what the links in the text are, before any fetch.

Placeholders (``#``, ``javascript:``), malformed URLs and duplicates are visible in the
document itself. PV312 lists links the crawler could not check, so that an offline run
says "unverified" instead of "broken" and the reader knows what was not looked at.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from provcheck.models import Certainty, Finding, Link, Severity
from provcheck.rules.base import Rule, RuleContext, RuleDocs, link_key, quote
from provcheck.rules.link_verdicts import (
    UNCHECKED,
    is_fetchable,
    is_malformed,
    is_placeholder,
    label,
)

#: Syntaxes that restate the page's own URL in metadata; they are not duplicate links.
_METADATA_SYNTAX = frozenset({"canonical", "og", "jsonld"})


def _check_pv304(ctx: RuleContext) -> Iterator[Finding]:
    for link, status in ctx.pairs():
        if not is_placeholder(link, status):
            continue
        target = link.url.strip() or "(empty)"
        anchor = quote(link.text) if link.text.strip() else "with no anchor text"
        yield PV304.finding(
            ctx,
            f"link {anchor} has a stripped target {quote(target, 30)}: the source it cited is lost",
            line=link.line,
            url=link.url,
            evidence=[("anchor", link.text), ("target", target), ("syntax", link.syntax)],
        )


def _check_pv305(ctx: RuleContext) -> Iterator[Finding]:
    for link, status in ctx.pairs():
        if is_placeholder(link, status) or not is_malformed(link, status):
            continue
        why = link.malformed or (status.reason if status else "") or "cannot be parsed"
        yield PV305.finding(
            ctx,
            f"URL {quote(link.url, 80)} is malformed: {why}",
            line=link.line,
            url=link.url,
            evidence=[("reason", why)],
        )


def _check_pv311(ctx: RuleContext) -> Iterator[Finding]:
    groups: dict[str, list[Link]] = defaultdict(list)
    for link, status in ctx.pairs():
        if is_fetchable(link, status) and link.syntax not in _METADATA_SYNTAX:
            groups[link_key(link)].append(link)
    for links in groups.values():
        if len(links) < 2:
            continue
        lines = [link.line for link in links]
        yield PV311.finding(
            ctx,
            f"{label(links[0])} is linked {len(links)} times (lines {', '.join(map(str, lines))})",
            line=links[0].line,
            url=links[0].url,
            evidence=[("lines", ",".join(map(str, lines))), ("count", str(len(links)))],
        )


def _check_pv312(ctx: RuleContext) -> Iterator[Finding]:
    for link, status in ctx.pairs():
        if not is_fetchable(link, status):
            continue
        if status is None:
            why = "not checked (offline or extract-only run)"
        elif status.state in UNCHECKED:
            why = status.reason or status.state.value
        else:
            continue
        yield PV312.finding(
            ctx,
            f"link {label(link)} could not be verified: {why}; it is not counted as broken",
            confidence=Certainty.HIGH,
            line=link.line,
            url=link.url,
            evidence=[("reason", why), ("role", link.role.value)],
        )


PV304 = Rule(
    id="PV304",
    name="placeholder-link",
    severity=Severity.WARNING,
    summary="The link target was stripped (#, empty, javascript:, about:blank).",
    docs=RuleDocs(
        what=(
            "Fires for each link whose target is a placeholder: '#', empty, 'javascript:' or"
            " 'about:blank'. The anchor text survives; the cited source does not."
        ),
        why=(
            "Converters and scrapers often drop link targets. The text still says 'reported'"
            " or 'data' where the author cited something, but the reader cannot follow it."
        ),
        example="[reported](#) in a Markdown conversion of a news article.",
        fix="Recover the targets from the original page or an archived copy of it.",
    ),
    check=_check_pv304,
)

PV305 = Rule(
    id="PV305",
    name="malformed-url",
    severity=Severity.ERROR,
    summary="The URL cannot be parsed or has an invalid host.",
    docs=RuleDocs(
        what="Fires for each link whose URL cannot be parsed or whose host is invalid.",
        why="A malformed URL cannot be followed; it is often a copy or wrapping error.",
        example="http://exa mple.com/page or https://-bad-.example/",
        fix="Repair the URL from the original document (look for line-wrap damage).",
    ),
    check=_check_pv305,
)

PV311 = Rule(
    id="PV311",
    name="duplicate-link",
    severity=Severity.INFO,
    summary="The same URL appears more than once in the document.",
    docs=RuleDocs(
        what=(
            "Fires once per URL linked more than once (compared after normalisation), listing"
            " the lines. Metadata restating the page's own URL (canonical, og:url, JSON-LD) is"
            " not counted."
        ),
        why=(
            "Repeated links are usually harmless but in converted documents they often mark"
            " a duplicated block (a PDF annotation list, a repeated widget)."
        ),
        example="https://news.example/a/1 linked on lines 12 and 40.",
        fix="Nothing to fix unless the repetition shows a duplicated block.",
    ),
    check=_check_pv311,
)

PV312 = Rule(
    id="PV312",
    name="unverified-link",
    severity=Severity.INFO,
    summary="The link could not be checked (offline, excluded, refused, rate-limited).",
    docs=RuleDocs(
        what=(
            "Fires for each link that was not checked: offline or extract-only runs, excluded"
            " URLs, private addresses refused, rate limiting."
        ),
        why=(
            "Unverified is not broken. Listing these links says exactly what the report did"
            " not look at; they also make the confidence score provisional."
        ),
        example="Running with --offline and an empty cache: every link is unverified.",
        fix="Run online (or with a cache) to check them.",
    ),
    check=_check_pv312,
)
