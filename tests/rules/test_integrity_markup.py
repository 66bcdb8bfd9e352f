"""PV304, PV305, PV311, PV312: links as written."""

from __future__ import annotations

from provcheck.models import LinkRole, LinkState, Severity
from tests.rules.builders import ctx, doc, link, run, status

A = "https://council.example/minutes/2021-03"
B = "https://stats.example/harbour"


def test_pv304_one_finding_per_placeholder() -> None:
    links = (
        link("#", line=4, text="reported", role=LinkRole.PLACEHOLDER),
        link("javascript:void(0)", line=6, text="data", role=LinkRole.PLACEHOLDER),
        link(A, line=8, text="minutes"),
    )
    found = run("PV304", ctx(doc(links=links)))
    assert [f.line for f in found] == [4, 6]
    assert all(f.severity is Severity.WARNING for f in found)
    assert '"reported"' in found[0].message


def test_pv304_silent_on_real_links() -> None:
    assert run("PV304", ctx(doc(links=(link(A),)))) == []


def test_pv305_malformed_url() -> None:
    bad = link("http://exa mple.example/x", line=2, malformed="invalid host")
    found = run("PV305", ctx(doc(links=(bad, link(A)))))
    assert len(found) == 1
    assert "invalid host" in found[0].message
    assert found[0].severity is Severity.ERROR
    assert run("PV305", ctx(doc(links=(link(A),)))) == []


def test_pv311_duplicate_listing_lines() -> None:
    links = (link(A, line=3), link(B, line=5), link(A + "/", line=9), link(A, line=12))
    found = run("PV311", ctx(doc(links=links)))
    assert len(found) == 1
    assert "3 times" in found[0].message
    assert "3, 9, 12" in found[0].message


def test_pv311_ignores_metadata_restatements_and_placeholders() -> None:
    links = (
        link(A, role=LinkRole.ORIGINAL, syntax="canonical"),
        link(A, role=LinkRole.ORIGINAL, syntax="og"),
        link("#", role=LinkRole.PLACEHOLDER),
        link("#", role=LinkRole.PLACEHOLDER),
        link(B),
    )
    assert run("PV311", ctx(doc(links=links))) == []


def test_pv312_unchecked_links_only() -> None:
    links = (
        link(A, line=1),
        link(B, line=2),
        link("#", line=3, role=LinkRole.PLACEHOLDER),
        link("https://x.example/a", line=4),
    )
    statuses = (None, status(B, LinkState.UNVERIFIED, reason="offline"), None, status("x"))
    found = run("PV312", ctx(doc(links=links), statuses))
    assert [f.line for f in found] == [1, 2]
    assert "offline" in found[1].message
    assert all("not counted as broken" in f.message for f in found)


def test_pv312_rate_limited_is_unverified_not_broken() -> None:
    statuses = (status(A, LinkState.RATE_LIMITED, http_status=429),)
    d = doc(links=(link(A),))
    assert len(run("PV312", ctx(d, statuses))) == 1
    assert run("PV301", ctx(d, statuses)) == []


def test_pv312_skips_non_web_schemes() -> None:
    links = (link("mailto:desk@gazette.example", line=1), link("tel:+10000000", line=2))
    assert run("PV312", ctx(doc(links=links))) == []
