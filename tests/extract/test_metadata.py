"""extract_metadata end to end on fictional text, Markdown and HTML documents."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from provcheck.extract.metadata import DocumentMetadata, extract_metadata, suppressions
from provcheck.models import (
    BlockKind,
    DateSource,
    DocFormat,
    Document,
    Link,
    LinkRole,
    PartialDate,
    PathDate,
    Precision,
    UrlFacts,
)

TODAY = dt.date(2024, 1, 1)

TEXT_ARTICLE = """Subscribe now
Harbour Board Counts the Cost
of the Winter Storm
 May 3, 2022

The harbour board met on Monday to discuss the storm damage along the eastern quay, the
chair said. "We are "very worried' about the moorings," the chair added.

A crane lifts a buoy on the quay on May 2, 2022. Photo: Sam Lee/Example Wire

Ferry operator fined over late sailings in winter season

Repairs are expected to take several weeks, according to the Milltown Port Authority,
and the ferry will run on a reduced timetable until the work is finished.

Ferry operator fined over late sailings in winter season

The works will be paid for by the town, the treasurer told Example Wire on Saturday.

Leave a Reply
You are commenting using your account. Log Out
"""


def day(y: int, m: int, d: int) -> PartialDate:
    return PartialDate(dt.date(y, m, d), Precision.DAY)


def test_plain_text_document() -> None:
    doc = Document("a.txt", DocFormat.TEXT, TEXT_ARTICLE, TEXT_ARTICLE)
    meta = extract_metadata(doc, (), today=TODAY)
    assert isinstance(meta, DocumentMetadata)
    assert meta.title is not None
    assert meta.title.value == "Harbour Board Counts the Cost of the Winter Storm"
    assert meta.date.chosen is not None
    assert (meta.date.chosen.date, meta.date.chosen.source) == (
        day(2022, 5, 3),
        DateSource.DATELINE,
    )
    assert {c.source for c in meta.date.candidates} == {DateSource.DATELINE, DateSource.CAPTION}
    assert sum(c.chosen for c in meta.date.candidates) == 1
    assert meta.authors == ()
    assert meta.publisher is None
    assert [(w.word, w.line) for w in meta.weekdays] == [("Monday", 6), ("Saturday", 18)]
    assert ("the Milltown Port Authority", "according-to") in [
        (a.source, a.pattern) for a in meta.attributions
    ]
    assert ("Example Wire", "told") in [(a.source, a.pattern) for a in meta.attributions]
    assert [(b.start_line, b.end_line) for b in meta.boilerplate] == [(1, 1), (20, 21)]
    assert [o.line for o in meta.orphan_headlines] == [11, 16]
    assert all(o.repeated for o in meta.orphan_headlines)
    assert "mismatched-quotes" in {a.kind for a in meta.artifacts}
    assert meta.suppressions == ()


MARKDOWN_ARTICLE = """<!-- provcheck: ignore PV304, PV401 -->

# Ferry Timetable Cut After Storm

By [Jane Roe](#) and [Sam Lee](#)

June 2, 2021

The ferry company [said](#) Friday that sailings will be halved.

Original url: <https://paper.test/2021/06/02/ferry-timetable-cut>
"""


def _facts(url: str, domain: str, date: PartialDate | None = None) -> UrlFacts:
    path_date = PathDate(date, "/2021/06/02/", True) if date else None
    return UrlFacts(url, domain, domain, path_date, ())


def test_markdown_document_with_links() -> None:
    original = "https://paper.test/2021/06/02/ferry-timetable-cut"
    links = (
        Link("#", 5, 4, "Jane Roe", LinkRole.AUTHOR),
        Link("#", 5, 20, "Sam Lee", LinkRole.AUTHOR),
        Link(
            original,
            11,
            16,
            "",
            LinkRole.ORIGINAL,
            facts=_facts(original, "paper.test", day(2021, 6, 2)),
        ),
    )
    doc = Document("b.md", DocFormat.MARKDOWN, MARKDOWN_ARTICLE, MARKDOWN_ARTICLE)
    meta = extract_metadata(doc, links, today=TODAY)
    assert meta.title is not None
    assert (meta.title.value, meta.title.source, meta.title.line) == (
        "Ferry Timetable Cut After Storm",
        "heading",
        3,
    )
    assert [(a.value, a.source) for a in meta.authors] == [
        ("Jane Roe", "byline"),
        ("Sam Lee", "byline"),
    ]
    assert meta.date.chosen is not None
    assert meta.date.chosen.source is DateSource.DATELINE
    assert [(c.source, c.date) for c in meta.date.candidates] == [
        (DateSource.DATELINE, day(2021, 6, 2)),
        (DateSource.URL, day(2021, 6, 2)),
    ]
    assert meta.publisher is not None
    assert (meta.publisher.value, meta.publisher.source) == ("paper.test", "original-link-domain")
    assert [(w.word, w.phrase) for w in meta.weekdays] == [("Friday", "ferry company said Friday")]
    assert meta.suppressions == ("PV304", "PV401")
    assert meta.boilerplate == ()
    assert meta.orphan_headlines == ()


HTML_PAGE = """<!doctype html>
<html><head>
<title>Quay Repairs Begin | Milltown Courier</title>
<meta property="og:site_name" content="Milltown Courier">
<meta property="article:published_time" content="2023-03-10T09:00:00Z">
<script type="application/ld+json">
{"@type": "NewsArticle", "headline": "Quay Repairs Begin", "datePublished": "2023-03-10",
 "dateModified": "2023-03-12", "author": {"@type": "Person", "name": "Ana Cruz"}}
</script>
<!-- provcheck: ignore PV406 -->
</head><body><article>
<h1>Quay Repairs Begin</h1>
<p>Work on the quay started on Thursday, the harbour board said.</p>
<p>The Milltown Port Authority said the ferry will keep running.</p>
</article></body></html>
"""
HTML_TEXT = (
    "Work on the quay started on Thursday, the harbour board said.\n"
    "The Milltown Port Authority said the ferry will keep running."
)


def test_html_document() -> None:
    doc = Document("c.html", DocFormat.HTML, HTML_TEXT, HTML_PAGE, line_map=(16, 17))
    meta = extract_metadata(doc, (), today=TODAY)
    assert meta.title is not None
    assert (meta.title.value, meta.title.source) == ("Quay Repairs Begin", "html-metadata")
    assert meta.date.chosen is not None
    assert (meta.date.chosen.date, meta.date.chosen.source) == (
        day(2023, 3, 10),
        DateSource.METADATA,
    )
    assert meta.date.modified == day(2023, 3, 12)
    assert [(a.value, a.source) for a in meta.authors] == [("Ana Cruz", "html-metadata")]
    assert meta.publisher is not None
    assert (meta.publisher.value, meta.publisher.source) == ("Milltown Courier", "html-metadata")
    assert [(w.word, w.line) for w in meta.weekdays] == [("Thursday", 16)]
    assert [(a.source, a.line) for a in meta.attributions] == [("The Milltown Port Authority", 17)]
    assert meta.suppressions == ("PV406",)


def test_html_document_without_markup_metadata_falls_back_to_text() -> None:
    text = "Quay Repairs Begin\nMarch 10, 2023\n\nWork on the quay started on Thursday."
    doc = Document("d.html", DocFormat.HTML, text, "<html><body><p>x</p></body></html>")
    meta = extract_metadata(doc, (), today=TODAY)
    assert meta.title is not None
    assert meta.title.source == "first-lines"
    assert meta.date.chosen is not None
    assert meta.date.chosen.source is DateSource.DATELINE


def test_empty_document() -> None:
    meta = extract_metadata(Document("e.txt", DocFormat.TEXT, "", ""), ())
    assert meta.title is None
    assert meta.date.chosen is None
    assert meta.boilerplate == ()


def test_block_kinds_are_enums() -> None:
    doc = Document("a.txt", DocFormat.TEXT, TEXT_ARTICLE, TEXT_ARTICLE)
    meta = extract_metadata(doc, (), today=TODAY)
    assert all(isinstance(b.kind, BlockKind) for b in meta.boilerplate)
    with pytest.raises(dataclasses.FrozenInstanceError):
        meta.title = None  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("provcheck: ignore PV304", ("PV304",)),
        ("<!-- provcheck: ignore PV304 PV101, pv205 -->", ("PV304", "PV101", "PV205")),
        ("# provcheck:ignore=PV401\nand provcheck: ignore PV304", ("PV401", "PV304")),
        ("provcheck: ignore everything", ()),
        ("PV304 is mentioned here", ()),
    ],
)
def test_suppressions(text: str, ids: tuple[str, ...]) -> None:
    assert suppressions(text) == ids
