"""PV101-PV103: links dated after the document."""

from __future__ import annotations

from dataclasses import replace

from provcheck.models import (
    Certainty,
    CorpusFacts,
    DateCandidate,
    DateSource,
    Link,
    LinkRole,
    LinkState,
    Severity,
    TargetMeta,
)
from tests.rules.builders import cand, ctx, dates, doc, link, pdate, run, status

RELATED = "https://news.example/2025/10/28/harbour-strike-ends"


def related(path_date: str | None = "2025-10-28", url: str = RELATED) -> tuple[Link, ...]:
    return (
        link(url, line=7, text="Harbour strike ends", role=LinkRole.RELATED, path_date=path_date),
    )


def test_pv101_fires_on_related_link_years_after_dateline() -> None:
    d = doc(date=dates(cand("2021-03-29")), links=related())
    found = run("PV101", ctx(d))
    assert len(found) == 1
    f = found[0]
    assert f.severity is Severity.ERROR
    assert f.line == 7
    assert f.url == RELATED
    assert "2025-10-28" in f.message
    assert "2021-03-29" in f.message
    assert "over 4 years" in f.message
    assert "URL path" in f.message
    assert "dateline" in f.message
    assert f.confidence is Certainty.MEDIUM  # a URL path date, not the page's own metadata


def test_pv101_uses_target_metadata_over_path_with_high_certainty() -> None:
    d = doc(date=dates(cand("2021-03-29")), links=related(path_date=None))
    meta = TargetMeta(date=pdate("2021-05-02"), date_source="metadata")
    found = run("PV101", ctx(d, (status(RELATED, target=meta),)))
    assert len(found) == 1
    assert found[0].confidence is Certainty.HIGH
    assert "34 days" in found[0].message
    assert "over" not in found[0].message


def test_pv101_silent_within_tolerance_and_before() -> None:
    for target in ("2021-03-30", "2021-03-01", "2019-12-31"):
        d = doc(date=dates(cand("2021-03-29")), links=related(path_date=target))
        assert run("PV101", ctx(d)) == []
        assert run("PV102", ctx(d)) == []


def test_pv101_respects_custom_tolerance() -> None:
    d = doc(date=dates(cand("2021-03-29")), links=related(path_date="2021-04-02"))
    assert len(run("PV101", ctx(d))) == 1
    assert run("PV101", ctx(d, anachronism_tolerance_days=7)) == []


def test_pv101_ignores_placeholder_author_and_original_links() -> None:
    links = (
        link("#", role=LinkRole.PLACEHOLDER, text="said"),
        link("https://news.example/2025/01/01/staff", role=LinkRole.AUTHOR, path_date="2025-01-01"),
        link("https://news.example/2025/01/01/x", role=LinkRole.ORIGINAL, path_date="2025-01-01"),
    )
    d = doc(date=dates(cand("2021-03-29")), links=links)
    assert run("PV101", ctx(d)) == []
    assert run("PV102", ctx(d)) == []


def test_pv102_when_target_has_month_precision() -> None:
    d = doc(date=dates(cand("2021-03-29")), links=related(path_date="2022-06"))
    assert run("PV101", ctx(d)) == []
    found = run("PV102", ctx(d))
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert "2022-06" in found[0].message


def test_pv102_when_document_date_is_inferred_from_caption() -> None:
    d = doc(date=dates(cand("2021-03-26", DateSource.CAPTION)), links=related())
    assert run("PV101", ctx(d)) == []
    found = run("PV102", ctx(d))
    assert len(found) == 1
    assert found[0].confidence is Certainty.LOW
    assert "inferred" in found[0].message


def test_pv102_when_document_date_is_inherited() -> None:
    inherited = DateCandidate(pdate("2021-03-29"), DateSource.INHERITED, "near-duplicate")
    corpus = CorpusFacts(inherited_date=inherited, inherited_from="archive/print.txt")
    d = doc(date=dates(None), links=related())
    assert run("PV101", ctx(d, corpus=corpus)) == []
    found = run("PV102", ctx(d, corpus=corpus))
    assert len(found) == 1
    assert "inherited from archive/print.txt" in found[0].message


def test_no_document_date_means_no_temporal_findings() -> None:
    d = doc(date=dates(None), links=related())
    assert run("PV101", ctx(d)) == []
    assert run("PV102", ctx(d)) == []
    assert run("PV103", ctx(d)) == []


def test_pv103_when_link_is_covered_by_stated_modification() -> None:
    d = doc(date=dates(cand("2021-03-29"), modified="2021-06-01"), links=related("2021-05-30"))
    assert run("PV101", ctx(d)) == []
    found = run("PV103", ctx(d))
    assert len(found) == 1
    assert found[0].severity is Severity.INFO
    assert "2021-06-01" in found[0].message


def test_pv101_not_pv103_when_link_is_after_modification_too() -> None:
    d = doc(date=dates(cand("2021-03-29"), modified="2021-06-01"), links=related())
    assert run("PV103", ctx(d)) == []
    assert len(run("PV101", ctx(d))) == 1


def test_implausible_path_dates_are_ignored() -> None:
    from provcheck.models import PathDate

    base = related()[0]
    assert base.facts is not None
    facts = replace(base.facts, path_date=PathDate(pdate("2091-01-01"), "2091/01/01", False))
    d = doc(date=dates(cand("2021-03-29")), links=(replace(base, facts=facts),))
    assert run("PV101", ctx(d)) == []


def test_pv101_once_per_url_listing_every_line() -> None:
    first = related()[0]
    d = doc(date=dates(cand("2021-03-29")), links=(first, replace(first, line=9)))
    found = run("PV101", ctx(d))
    assert len(found) == 1
    assert ("lines", "7,9") in found[0].evidence


def test_status_state_does_not_matter_for_dating() -> None:
    d = doc(date=dates(cand("2021-03-29")), links=related())
    assert len(run("PV101", ctx(d, (status(RELATED, LinkState.BROKEN),)))) == 1
