"""PV301-303, PV308, PV309: does each link still lead to the page it was meant to?

These rules read the crawler's verdict (:class:`~provcheck.models.LinkStatus`) for each link.
A link the crawler did not or could not check is *unverified* (PV312) and never broken:
offline runs must not accuse anyone. Rate-limited and restricted answers are not breakage
either. A broken declared original URL without an archived copy is PV306, not PV301.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from provcheck.models import Certainty, Finding, LinkRole, LinkState, LinkStatus, Severity
from provcheck.rules.base import Rule, RuleContext, RuleDocs, url_key
from provcheck.rules.link_verdicts import broken_certainty, failure, label, status_evidence

#: Words in a final URL that betray an error page behind a redirect.
_ERROR_PAGE_HINTS = ("404", "not-found", "notfound", "not_found", "page-not-found", "error")
#: A section front is a single short path segment without digits: /news/, /world.
_SECTION_MAX_LEN = 20


def _check_pv301(ctx: RuleContext) -> Iterator[Finding]:
    for link, status, _lines in ctx.unique_pairs():
        if status is None or status.state not in (LinkState.BROKEN, LinkState.TIMEOUT):
            continue
        if link.role is LinkRole.ORIGINAL and status.archived is None:
            continue  # PV306 reports it, with more weight
        certainty, note = broken_certainty(ctx, link, status)
        yield PV301.finding(
            ctx,
            f"link {label(link)} is broken ({failure(status)}); {note}",
            confidence=certainty,
            line=link.line,
            url=link.url,
            evidence=status_evidence(status),
        )


#: How the crawler's soft-404 reasons start when the redirect chain gave it away (see
#: ``provcheck.crawl.soft404.redirect_verdict``): those are PV303's, not PV302's.
REDIRECT_REASON_PREFIX = "redirected to "


def redirected_soft404(status: LinkStatus) -> bool:
    """A soft-404 the crawler found by where the redirects went (root, section, error page)."""
    return status.state is LinkState.SOFT_404 and status.reason.startswith(REDIRECT_REASON_PREFIX)


def _check_pv302(ctx: RuleContext) -> Iterator[Finding]:
    for link, status, _lines in ctx.unique_pairs():
        if status is None or status.state is not LinkState.SOFT_404:
            continue
        if redirected_soft404(status):
            continue  # the catalog gives a redirect to a root or error page to PV303
        why = status.reason or "the page looks like a not-found page"
        yield PV302.finding(
            ctx,
            f"link {label(link)} answers HTTP {status.http_status or 200} but is probably not"
            f" the page: {why}",
            confidence=Certainty.MEDIUM,
            line=link.line,
            url=link.url,
            evidence=status_evidence(status),
        )


def lands_on_front(original: str, final: str, reason: str = "") -> bool:
    """Whether a redirect from a deep ``original`` URL ends at a root, section or error page."""
    if "root" in reason.lower() or "section front" in reason.lower():
        return True
    orig_parts, final_parts = urlsplit(original), urlsplit(final)
    orig_segments = [s for s in orig_parts.path.split("/") if s]
    final_segments = [s for s in final_parts.path.split("/") if s]
    if not orig_segments or url_key(original) == url_key(final):
        return False
    if any(hint in final_parts.path.lower() for hint in _ERROR_PAGE_HINTS):
        return True
    if not final_segments:
        return not final_parts.query
    segment = final_segments[0]
    return (
        len(final_segments) == 1
        and len(orig_segments) >= 2
        and len(segment) <= _SECTION_MAX_LEN
        and not any(ch.isdigit() for ch in segment)
        and segment != orig_segments[-1]
    )


def _check_pv303(ctx: RuleContext) -> Iterator[Finding]:
    for link, status, _lines in ctx.unique_pairs():
        if status is None:
            continue
        final = status.final_url or (status.hops[-1].url if status.hops else None)
        if not final:
            continue
        if not redirected_soft404(status) and not (
            status.state in (LinkState.REDIRECTED, LinkState.ALIVE)
            and lands_on_front(link.url, final, status.reason)
        ):
            continue
        yield PV303.finding(
            ctx,
            f"link {label(link)} redirects to {final}, a site root, section front or error"
            " page: the linked page is probably gone",
            confidence=Certainty.MEDIUM,
            line=link.line,
            url=link.url,
            evidence=[*status_evidence(status), ("hops", str(len(status.hops)))],
        )


def _check_pv308(ctx: RuleContext) -> Iterator[Finding]:
    for link, status, _lines in ctx.unique_pairs():
        if status is None or status.archived is None:
            continue
        copy = status.archived
        when = "before" if copy.before_document else "after"
        yield PV308.finding(
            ctx,
            f"an archived copy of {label(link)} from {copy.timestamp[:8]} ({when} the document"
            f" date) is available: {copy.url}",
            line=link.line,
            url=link.url,
            evidence=[
                ("snapshot", copy.url),
                ("timestamp", copy.timestamp),
                ("state", status.state.value),
            ],
        )


def _check_pv309(ctx: RuleContext) -> Iterator[Finding]:
    for link, status, _lines in ctx.unique_pairs():
        if status is None or status.state is not LinkState.RESTRICTED:
            continue
        yield PV309.finding(
            ctx,
            f"link {label(link)} is restricted ({failure(status)}): it exists but could not be"
            " read; not counted as broken",
            line=link.line,
            url=link.url,
            evidence=status_evidence(status),
        )


PV301 = Rule(
    id="PV301",
    name="broken-link",
    severity=Severity.ERROR,
    summary="The link fails after retries (404/410/5xx, DNS, refused, TLS, timeout, loop).",
    docs=RuleDocs(
        what=(
            "Fires for each link the crawler judged broken (HTTP 404, 410 or 5xx, DNS failure,"
            " refused connection, TLS failure, redirect loop) or timed out, after its retries."
            " With run history, failures in runs at least 3 days apart make it confirmed (high"
            " confidence); a single failing run is reported as suspected (medium, low for a"
            " timeout). Rate-limited, restricted and unverified links are never broken."
        ),
        why=(
            "A broken link breaks the chain of evidence: the reader can no longer check what"
            " the document cites."
        ),
        example="https://news.example/2019/04/report answers HTTP 404 in two runs a week apart.",
        fix=(
            "Look for an archived copy (PV308), or the page's new address, and cite that;"
            " otherwise mark the source as lost."
        ),
    ),
    check=_check_pv301,
)

PV302 = Rule(
    id="PV302",
    name="soft-404",
    severity=Severity.WARNING,
    summary="HTTP 200, but the page is a not-found page or answers anything alike.",
    docs=RuleDocs(
        what=(
            "Fires when the crawler found that the link answers 200 but is not the page: a"
            " random sibling URL answers the same, or the page is a thin 'not found' page."
        ),
        why="Status codes lie: many sites answer 200 with a friendly error page.",
        example="https://site.example/story-123 returns 200 with the text 'Page not found'.",
        fix="Treat it as broken: look for an archived copy or the moved page.",
    ),
    check=_check_pv302,
)

PV303 = Rule(
    id="PV303",
    name="redirect-to-root",
    severity=Severity.WARNING,
    summary="A deep link redirects to the site root, a section front or an error page.",
    docs=RuleDocs(
        what=(
            "Fires when a link with a path redirects to '/', to a single short section"
            " segment ('/news/') while it pointed deeper, or to a URL that looks like an error"
            " page ('/404', '/not-found')."
        ),
        why=(
            "Sites often redirect removed articles to their home page: the link 'works' but"
            " the cited page is gone."
        ),
        example="https://paper.example/2018/06/01/budget-vote -> https://paper.example/",
        fix="Find an archived copy of the original URL and cite it instead.",
    ),
    check=_check_pv303,
)

PV308 = Rule(
    id="PV308",
    name="archived-copy-available",
    severity=Severity.INFO,
    summary="A web archive holds a snapshot of the link near the document date.",
    docs=RuleDocs(
        what=(
            "Reports the snapshot the crawler found for a link (normally a broken one), near"
            " and preferably before the document date, with its URL and timestamp."
        ),
        why="An archived copy from the right time is the best substitute for a lost page.",
        example=(
            "https://news.example/a/1 is broken; web.archive.org holds a capture from"
            " 20190402 (before the document date)."
        ),
        fix="Cite the snapshot URL alongside the original one.",
    ),
    check=_check_pv308,
)

PV309 = Rule(
    id="PV309",
    name="restricted-link",
    severity=Severity.INFO,
    summary="401/402/403/451 or a paywall: the page exists but could not be read.",
    docs=RuleDocs(
        what="Fires for each link answering 401, 402, 403 or 451, or detected as paywalled.",
        why=(
            "Restricted is not broken: the page is probably there, but provcheck could not"
            " confirm its content, and readers may not be able to either."
        ),
        example="https://journal.example/article/77 answers 403 to the checker.",
        fix="Check it by hand with access, or cite an open copy when one exists.",
    ),
    check=_check_pv309,
)
