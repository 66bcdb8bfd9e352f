"""PV501-PV503: findings from the corpus facts."""

from __future__ import annotations

from provcheck.models import (
    CorpusFacts,
    DateCandidate,
    DateSource,
    NearDuplicate,
    QuoteVariant,
    RelatedMatch,
    Severity,
)
from tests.rules.builders import ctx, doc, pdate, run

PATH = "archive/story.txt"


def test_pv501_names_the_better_sourced_capture() -> None:
    corpus = CorpusFacts(
        near_duplicates=(NearDuplicate("archive/print.txt", 0.93, "archive/print.txt"),),
        inherited_date=DateCandidate(pdate("2021-03-29"), DateSource.INHERITED, "dup"),
        inherited_from="archive/print.txt",
    )
    found = run("PV501", ctx(doc(path=PATH), corpus=corpus))
    assert len(found) == 1
    assert "archive/print.txt is the better-sourced" in found[0].message
    assert "2021-03-29 is inherited" in found[0].message


def test_pv501_when_this_document_is_better() -> None:
    corpus = CorpusFacts(near_duplicates=(NearDuplicate("archive/scrape.txt", 0.9, PATH),))
    found = run("PV501", ctx(doc(path=PATH), corpus=corpus))
    assert "this document is the better-sourced" in found[0].message
    assert run("PV501", ctx(doc(path=PATH))) == []


def test_pv502_suggests_the_corpus_url() -> None:
    match = RelatedMatch(
        link_url="https://gazette.example/2024/01/02/harbour-strike-ends",
        line=12,
        other_path="archive/md-copy.md",
        suggested_url="https://gazette.example/2021/03/26/harbour-strike-ends-b7731",
        score=0.92,
        matched_on="slug",
    )
    found = run("PV502", ctx(doc(), corpus=CorpusFacts(related_matches=(match,))))
    assert len(found) == 1
    f = found[0]
    assert f.severity is Severity.WARNING
    assert f.line == 12
    assert f.url == match.link_url
    assert match.suggested_url in f.message
    assert run("PV502", ctx(doc())) == []


def test_pv502_one_finding_per_url_linked_twice() -> None:
    url = "https://gazette.example/2024/01/02/harbour-strike-ends"
    suggested = "https://gazette.example/2021/03/26/harbour-strike-ends-b7731"
    matches = tuple(
        RelatedMatch(url, line, "archive/md-copy.md", suggested, 0.9, "slug") for line in (4, 6)
    )
    found = run("PV502", ctx(doc(), corpus=CorpusFacts(related_matches=matches)))
    assert len(found) == 1
    assert "lines 4, 6" in found[0].message


def test_pv503_quote_variant() -> None:
    variant = QuoteVariant(
        "We will not give up", 7, "archive/blog.txt", "We shall never yield", 4, 0.6
    )
    found = run("PV503", ctx(doc(), corpus=CorpusFacts(quote_variants=(variant,))))
    assert len(found) == 1
    assert "archive/blog.txt (line 4)" in found[0].message
    assert found[0].line == 7
    assert run("PV503", ctx(doc())) == []
