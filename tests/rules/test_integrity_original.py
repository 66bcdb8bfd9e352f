"""PV306, PV307, PV310: the declared original URL."""

from __future__ import annotations

from typing import Any

from provcheck.models import (
    ArchivedCopy,
    Certainty,
    DateSource,
    Link,
    LinkRole,
    LinkState,
    Severity,
    TargetMeta,
)
from provcheck.rules.integrity_original import content_similarity, slug_overlap
from tests.rules.builders import cand, ctx, dates, doc, link, run, status

ORIG = "https://gazette.example/2021/03/26/harbour-strike-ends-after-nine-days-b7731"
SLUG = ("harbour", "strike", "ends", "after", "nine", "days", "b7731")

STORY = (
    "Harbour workers in Port Velling voted on Tuesday to end a strike that had closed the"
    " container terminal for nine days. The union said members accepted a pay offer of four"
    " percent and a review of night shift rules, and that the first ships would be unloaded"
    " on Wednesday morning after inspections of the cranes."
)
OTHER = (
    "The city library will extend its opening hours over the summer holidays, the council"
    " announced, adding evening sessions for students and a reading programme for children"
    " aged six to twelve, funded by a grant from a regional foundation for two years."
)


def original(**kw: Any) -> Link:
    return link(ORIG, line=20, text="Original url", role=LinkRole.ORIGINAL, **kw)


def test_pv306_broken_original_without_archive() -> None:
    d = doc(links=(original(path_date="2021-03-26", slug=SLUG),))
    found = run("PV306", ctx(d, (status(ORIG, LinkState.BROKEN, http_status=410),)))
    assert len(found) == 1
    assert found[0].severity is Severity.ERROR
    assert "HTTP 410" in found[0].message


def test_pv306_silent_with_archive_or_not_broken_or_other_role() -> None:
    d = doc(links=(original(),))
    snap = ArchivedCopy("https://web.archive.test/web/2021/x", "20210327000000")
    assert run("PV306", ctx(d, (status(ORIG, LinkState.BROKEN, archived=snap),))) == []
    assert run("PV306", ctx(d, (status(ORIG, LinkState.UNVERIFIED),))) == []
    assert run("PV306", ctx(d)) == []
    other = doc(links=(link(ORIG, role=LinkRole.CITATION),))
    assert run("PV306", ctx(other, (status(ORIG, LinkState.BROKEN),))) == []


def test_pv307_silent_when_date_and_slug_agree() -> None:
    d = doc(links=(original(path_date="2021-03-26", slug=SLUG),))
    assert run("PV307", ctx(d)) == []


def test_pv307_path_date_mismatch() -> None:
    d = doc(date=dates(cand("2021-04-09")), links=(original(path_date="2021-03-26", slug=SLUG),))
    found = run("PV307", ctx(d))
    assert len(found) == 1
    assert "2021-03-26" in found[0].message
    assert "2021-04-09" in found[0].message
    assert found[0].confidence is Certainty.HIGH


def test_pv307_does_not_compare_the_url_with_its_own_date() -> None:
    d = doc(
        date=dates(cand("2021-03-26", DateSource.URL)),
        links=(original(path_date="2021-03-26", slug=SLUG),),
    )
    assert run("PV307", ctx(d)) == []


def test_pv307_slug_does_not_match_title() -> None:
    slug = ("school", "budget", "cut", "approved", "council")
    d = doc(links=(original(slug=slug),))
    found = run("PV307", ctx(d))
    assert len(found) == 1
    assert "school-budget-cut" in found[0].message


def test_slug_overlap() -> None:
    assert slug_overlap(SLUG, "Harbour strike ends after nine days") == 1.0
    assert slug_overlap(("strikes", "end"), "x") is None  # too few words to tell
    assert slug_overlap(("harbours", "strikes", "vote"), "Harbour strike: a vote") == 1.0


def test_pv307_canonical_differs() -> None:
    d = doc(links=(original(slug=SLUG),))
    meta = TargetMeta(canonical="https://gazette.example/news/other-story")
    found = run("PV307", ctx(d, (status(ORIG, target=meta),)))
    assert len(found) == 1
    assert "other-story" in found[0].message
    same = TargetMeta(canonical="http://www.gazette.example/2021/03/26/" + ORIG.rsplit("/", 1)[1])
    assert run("PV307", ctx(d, (status(ORIG, target=same),))) == []


def test_pv307_several_declared_originals() -> None:
    second = link("https://mirror.example/story", line=2, role=LinkRole.ORIGINAL, syntax="og")
    d = doc(links=(original(slug=SLUG), second))
    found = run("PV307", ctx(d))
    assert len(found) == 1
    assert "more than one original URL" in found[0].message


def test_content_similarity() -> None:
    assert content_similarity(STORY, STORY) == 1.0
    assert content_similarity("too short", STORY) is None
    edited = STORY.replace("four percent", "five percent")
    similarity = content_similarity(STORY, edited)
    assert similarity is not None
    assert similarity > 0.8
    different = content_similarity(STORY, OTHER)
    assert different is not None
    assert different < 0.1
    # a capped or excerpted side does not count as drift
    half = content_similarity(STORY, STORY[: len(STORY) // 2])
    assert half is not None
    assert half > 0.9


def test_pv310_content_drift() -> None:
    d = doc(text=STORY, links=(original(slug=SLUG),))
    found = run("PV310", ctx(d, (status(ORIG, target=TargetMeta(text=OTHER)),)))
    assert len(found) == 1
    assert found[0].confidence is Certainty.HIGH
    assert "0.50" in found[0].message


def test_pv310_silent_when_text_matches_or_page_broken() -> None:
    d = doc(text=STORY, links=(original(slug=SLUG),))
    assert run("PV310", ctx(d, (status(ORIG, target=TargetMeta(text=STORY)),))) == []
    broken = status(ORIG, LinkState.BROKEN, target=TargetMeta(text=OTHER))
    assert run("PV310", ctx(d, (broken,))) == []
    assert run("PV310", ctx(d, (status(ORIG),))) == []


def test_pv310_threshold_is_a_setting() -> None:
    d = doc(text=STORY, links=(original(slug=SLUG),))
    statuses = (status(ORIG, target=TargetMeta(text=OTHER)),)
    assert run("PV310", ctx(d, statuses, drift_threshold=0.0)) == []
