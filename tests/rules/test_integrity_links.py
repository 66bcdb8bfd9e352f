"""PV301-PV303, PV308, PV309: link verdicts from the crawler."""

from __future__ import annotations

from typing import Any

import pytest

from provcheck.models import (
    ArchivedCopy,
    Certainty,
    ExtractedDocument,
    Hop,
    LinkRole,
    LinkState,
    LinkStatus,
    Severity,
)
from provcheck.rules.integrity_links import REDIRECT_REASON_PREFIX, lands_on_front
from tests.rules.builders import ctx, doc, link, run, status

URL = "https://data.example/reports/2020/port-traffic"


def one(
    state: LinkState, role: LinkRole = LinkRole.CITATION, **kw: Any
) -> tuple[ExtractedDocument, tuple[LinkStatus | None, ...]]:
    d = doc(links=(link(URL, line=3, text="port data", role=role),))
    return d, (status(URL, state, **kw),)


@pytest.mark.parametrize("state", [LinkState.BROKEN, LinkState.TIMEOUT])
def test_pv301_fires_on_broken_and_timeout(state: LinkState) -> None:
    d, statuses = one(state, http_status=404 if state is LinkState.BROKEN else None)
    found = run("PV301", ctx(d, statuses))
    assert len(found) == 1
    assert found[0].severity is Severity.ERROR
    assert found[0].url == URL
    assert found[0].line == 3
    assert "suspected" in found[0].message
    expected = Certainty.MEDIUM if state is LinkState.BROKEN else Certainty.LOW
    assert found[0].confidence is expected


@pytest.mark.parametrize(
    "state",
    [LinkState.RATE_LIMITED, LinkState.RESTRICTED, LinkState.UNVERIFIED, LinkState.ALIVE],
)
def test_pv301_never_for_unbroken_states(state: LinkState) -> None:
    d, statuses = one(state)
    assert run("PV301", ctx(d, statuses)) == []
    assert run("PV301", ctx(d)) == []  # not checked at all


def test_pv301_confirmed_by_history_three_days_apart() -> None:
    d, statuses = one(LinkState.BROKEN, http_status=410, checked_at="2024-05-10T08:00:00+00:00")
    history = {URL: ("2024-05-01T09:00:00Z",)}
    found = run("PV301", ctx(d, statuses, history=history))
    assert found[0].confidence is Certainty.HIGH
    assert "confirmed" in found[0].message
    close = {URL: ("2024-05-09T09:00:00Z",)}
    assert "suspected" in run("PV301", ctx(d, statuses, history=close))[0].message


def test_pv301_leaves_broken_original_without_archive_to_pv306() -> None:
    d, statuses = one(LinkState.BROKEN, role=LinkRole.ORIGINAL, http_status=404)
    assert run("PV301", ctx(d, statuses)) == []
    assert len(run("PV306", ctx(d, statuses))) == 1


def test_pv302_soft_404() -> None:
    d, statuses = one(LinkState.SOFT_404, http_status=200, reason="random sibling answers same")
    found = run("PV302", ctx(d, statuses))
    assert len(found) == 1
    assert "random sibling" in found[0].message
    assert run("PV302", ctx(*one(LinkState.ALIVE))) == []


def test_lands_on_front() -> None:
    assert lands_on_front(URL, "https://data.example/")
    assert lands_on_front(URL, "https://data.example/reports/")
    assert lands_on_front(URL, "https://data.example/errors/404.html")
    assert lands_on_front(URL, "https://data.example/x", reason="redirected to site root")
    assert not lands_on_front(URL, "https://data.example/reports/2020/port-traffic-2020")
    assert not lands_on_front(URL, "https://data.example/port-traffic")
    assert not lands_on_front("https://data.example/", "https://www.data.example/")
    assert not lands_on_front(URL, URL + "/")


def test_pv303_redirect_to_root() -> None:
    hops = (Hop(URL, 301, "https://data.example/"), Hop("https://data.example/", 200))
    d, statuses = one(LinkState.REDIRECTED, final_url="https://data.example/", hops=hops)
    found = run("PV303", ctx(d, statuses))
    assert len(found) == 1
    assert "https://data.example/" in found[0].message
    moved = "https://data.example/reports/2020/port-traffic-final"
    d, statuses = one(LinkState.REDIRECTED, final_url=moved)
    assert run("PV303", ctx(d, statuses)) == []


def test_pv308_reports_the_snapshot() -> None:
    snap = ArchivedCopy("https://web.archive.test/web/20200102000000/x", "20200102000000")
    d, statuses = one(LinkState.BROKEN, archived=snap)
    found = run("PV308", ctx(d, statuses))
    assert len(found) == 1
    assert snap.url in found[0].message
    assert "20200102" in found[0].message
    assert run("PV308", ctx(*one(LinkState.BROKEN))) == []


def test_pv309_restricted() -> None:
    d, statuses = one(LinkState.RESTRICTED, http_status=403)
    found = run("PV309", ctx(d, statuses))
    assert len(found) == 1
    assert "HTTP 403" in found[0].message
    assert found[0].severity is Severity.INFO
    assert run("PV309", ctx(*one(LinkState.BROKEN))) == []


def test_a_soft_404_found_by_its_redirect_is_pv303_not_pv302() -> None:
    """The catalog: PV302 is a 200 that is not the page (probe, thin page); a redirect chain
    ending at a root, section front or error page is PV303, even when the crawler calls
    the link a soft-404 for it."""
    from provcheck.crawl.soft404 import redirect_verdict

    final = "https://data.example/"
    verdict = redirect_verdict(URL, final)
    assert verdict is not None
    assert verdict.reason.startswith(REDIRECT_REASON_PREFIX)  # the crawler's wording
    hops = (Hop(URL, 301, final), Hop(final, 200))
    d, statuses = one(
        LinkState.SOFT_404, http_status=200, final_url=final, hops=hops, reason=verdict.reason
    )
    assert run("PV302", ctx(d, statuses)) == []
    found = run("PV303", ctx(d, statuses))
    assert len(found) == 1
    assert final in found[0].message
    d, statuses = one(LinkState.SOFT_404, http_status=200, reason="random sibling answers same")
    assert len(run("PV302", ctx(d, statuses))) == 1
    assert run("PV303", ctx(d, statuses)) == []
