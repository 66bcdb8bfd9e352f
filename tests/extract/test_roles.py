"""Link roles (and the extract_links entry point that applies them)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.extract import linetext
from provcheck.extract.links import extract_links
from provcheck.extract.roles import (
    AUTHOR_SEGMENTS,
    _author_path,
    _label_before,
    _match_label,
    assign_roles,
    find_labels,
    lines_with_anywhere_hints,
)
from provcheck.models import DocFormat, Document, Link, LinkRole, Precision, RawLink


def text_doc(text: str, fmt: DocFormat = DocFormat.TEXT) -> Document:
    return Document(path="fixture", format=fmt, text=text, raw=text)


def roles(text: str, fmt: DocFormat = DocFormat.TEXT) -> list[tuple[LinkRole, str]]:
    return [(link.role, link.text) for link in extract_links(text_doc(text, fmt))]


def only(text: str, fmt: DocFormat = DocFormat.TEXT) -> Link:
    (link,) = extract_links(text_doc(text, fmt))
    return link


PDF_TEXT = """Harbour fire spreads
to the eastern docks
May 4, 2022

Firefighters worked through the night, the port authority said.

Related article: Harbour Authority Orders Closure of Eastern Docks After
Second Warehouse Blaze

The blaze started in a warehouse on Tuesday evening.

https://news.example.com/staff/jane-roe
https://news.example.com/2022/05/03/harbour-authority-orders-closure-of-eastern-docks-after-second-warehouse-blaze
https://news.example.com/2022/05/03/harbour-authority-orders-closure-of-eastern-docks-after-second-warehouse-blaze
https://tides.example.org/tables

Crews expect to finish by Friday.
"""


class TestPdfLikeText:
    def test_roles_of_an_annotation_block(self) -> None:
        title = "Harbour Authority Orders Closure of Eastern Docks After Second Warehouse Blaze"
        assert roles(PDF_TEXT) == [
            (LinkRole.AUTHOR, ""),
            (LinkRole.RELATED, title),
            (LinkRole.RELATED, title),
            (LinkRole.OTHER, ""),
        ]

    def test_facts_attached(self) -> None:
        related = extract_links(text_doc(PDF_TEXT))[1]
        assert related.facts is not None
        assert related.facts.path_date is not None
        assert related.facts.path_date.date.value == dt.date(2022, 5, 3)
        assert related.facts.path_date.date.precision is Precision.DAY
        assert related.facts.domain == "example.com"

    def test_slug_must_share_enough_words(self) -> None:
        text = (
            "Related: Harbour Authority Orders Closure of Eastern Docks\n\n"
            "Body text here.\n\nhttps://news.example.com/2022/05/03/harbour-weather-report\n"
        )
        assert roles(text) == [(LinkRole.OTHER, "")]


class TestOriginalLabels:
    def test_label_two_lines_above_autolink(self) -> None:
        text = (
            "Body text of the story.\n\nOriginal url:\n\n"
            "<https://news.example.com/2021/03/26/harbour-fire-a1234>\n"
        )
        link = only(text)
        assert (link.role, link.text, link.syntax) == (
            LinkRole.ORIGINAL,
            "Original url",
            "autolink",
        )
        assert link.facts is not None
        assert link.facts.path_date is not None
        assert link.facts.path_date.date.iso() == "2021-03-26"

    def test_same_line_labels(self) -> None:
        for label in ("Original URL:", "Source:", "Canonical:", "Originally published at"):
            link = only(f"{label} https://news.example.com/a-story")
            assert link.role is LinkRole.ORIGINAL, label

    def test_phrase_inside_a_sentence(self) -> None:
        text = "This story was first published on https://news.example.com/a-story today."
        assert only(text).role is LinkRole.ORIGINAL

    def test_archived_from(self) -> None:
        assert only("Archived from https://news.example.com/a").role is LinkRole.ORIGINAL

    def test_label_far_above_with_paragraph_between_does_not_count(self) -> None:
        text = (
            "Source:\nThe port authority said on Tuesday that the fire had been contained after "
            "crews worked through the night in difficult conditions.\n"
            "https://news.example.com/a-story\n"
        )
        assert only(text).role is LinkRole.OTHER

    def test_label_does_not_reach_a_link_inside_a_sentence(self) -> None:
        text = "Original url:\nThe council said https://council.example.org/minutes was wrong.\n"
        assert only(text).role is LinkRole.CITATION


class TestRelatedLabels:
    def test_label_line_directly_above(self) -> None:
        text = "See also: Tide tables for the harbour\nhttps://tides.example.org/tables\n"
        assert roles(text) == [(LinkRole.RELATED, "Tide tables for the harbour")]

    def test_title_on_the_line_after_the_label(self) -> None:
        text = "Read more:\nTide tables for the harbour\nhttps://tides.example.org/tables\n"
        assert roles(text) == [(LinkRole.RELATED, "Tide tables for the harbour")]

    def test_list_of_links_under_a_label(self) -> None:
        text = "Related:\nhttps://a.example.org/one\nhttps://a.example.org/two\n"
        assert [role for role, _ in roles(text)] == [LinkRole.RELATED, LinkRole.RELATED]

    def test_read_more_inside_a_sentence_is_not_a_label(self) -> None:
        text = "Read more about the docks at https://a.example.org/docks in the report."
        assert only(text).role is LinkRole.CITATION

    def test_markdown_label_with_link(self) -> None:
        text = "**Related article:** [Docks close](https://news.example.com/docks-close)\n"
        assert roles(text, DocFormat.MARKDOWN) == [(LinkRole.RELATED, "Docks close")]

    def test_markdown_placeholder_wins_over_label(self) -> None:
        text = "**Related article:** [Docks close](#)\n"
        link = only(text, DocFormat.MARKDOWN)
        assert (link.role, link.text, link.url, link.facts) == (
            LinkRole.PLACEHOLDER,
            "Docks close",
            "#",
            None,
        )


class TestFindLabels:
    def test_wrapped_title_joined(self) -> None:
        lines = ["Related article: Harbour Authority Orders", "Closure of Docks", "", "Body."]
        (label,) = find_labels(lines).values()
        assert label.title == "Harbour Authority Orders Closure of Docks"
        assert (label.line, label.last_line) == (1, 2)

    def test_paragraph_after_label_not_joined(self) -> None:
        lines = ["Related: Harbour Authority Orders", "Crews worked all night.", "More text."]
        (label,) = find_labels(lines).values()
        assert label.title == "Harbour Authority Orders"

    def test_title_with_final_punctuation_not_joined(self) -> None:
        lines = ["Related: Did the docks close?", "later", ""]
        (label,) = find_labels(lines).values()
        assert label.title == "Did the docks close?"


class TestAuthorCitationOther:
    def test_author_path_segments(self) -> None:
        for segment in ("author", "authors", "people", "profile", "staff", "contributors", "by"):
            link = only(f"https://news.example.com/{segment}/jane-roe")
            assert link.role is LinkRole.AUTHOR, segment

    def test_author_segment_needs_a_name(self) -> None:
        assert only("https://news.example.com/authors/").role is LinkRole.OTHER
        assert only("https://news.example.com/staff/1234").role is LinkRole.OTHER

    def test_dated_path_is_not_an_author_page(self) -> None:
        link = only("https://news.example.com/people/2021/03/26/harbour-party")
        assert link.role is LinkRole.OTHER

    def test_byline(self) -> None:
        text = (
            "By [Jane Roe](https://janeroe.example.net/) and [Sam Poe](https://sampoe.example.net/)"
        )
        assert [role for role, _ in roles(text, DocFormat.MARKDOWN)] == [LinkRole.AUTHOR] * 2

    def test_markdown_citation_in_sentence(self) -> None:
        text = "The port authority [said](https://port.example.org/s) on Tuesday it was over."
        assert roles(text, DocFormat.MARKDOWN) == [(LinkRole.CITATION, "said")]

    def test_bare_url_in_sentence_is_citation_and_alone_is_other(self) -> None:
        text = (
            "Figures from https://stats.example.org/t show a rise.\n\nhttps://stats.example.org/t\n"
        )
        assert [role for role, _ in roles(text)] == [LinkRole.CITATION, LinkRole.OTHER]


class TestFactsAndOrder:
    def test_malformed_url_keeps_reason_and_no_facts(self) -> None:
        link = only("Broken: https://newsroom/a-story")
        assert link.facts is None
        assert link.malformed is not None
        assert "newsroom" in link.malformed

    def test_joined_and_raw_carried_over(self) -> None:
        link = only("https://news.example.com/2022/05/harbour-fire-\nspreads-east\n")
        assert link.joined
        assert link.raw == "https://news.example.com/2022/05/harbour-fire-\nspreads-east"
        assert link.url.endswith("harbour-fire-spreads-east")

    def test_sorted_by_line_and_column(self) -> None:
        raw = (
            RawLink(url="https://b.example.org/", line=3, column=1),
            RawLink(url="https://a.example.org/", line=1, column=9),
            RawLink(url="https://c.example.org/", line=1, column=2),
        )
        doc = text_doc("x https://c.example.org/ https://a.example.org/\n\nhttps://b.example.org/")
        result = assign_roles(raw, doc)
        assert [(link.line, link.column) for link in result] == [(1, 2), (1, 9), (3, 1)]

    def test_line_map_applied_for_text(self) -> None:
        text = "first\nhttps://a.example.org/x\n"
        doc = Document(path="f", format=DocFormat.TEXT, text=text, raw="", line_map=(10, 12, 13))
        (link,) = extract_links(doc)
        assert link.line == 12

    def test_raw_defaults_to_url(self) -> None:
        (link,) = assign_roles(
            (RawLink(url="https://a.example.org/", line=1, column=1),), text_doc("")
        )
        assert link.raw == "https://a.example.org/"


class TestHtmlRoles:
    PAGE = """<html><head>
<link rel="canonical" href="https://news.example.com/2022/05/04/harbour-fire">
</head><body>
<p class="byline">By <a href="https://news.example.com/p/jane">Jane Roe</a></p>
<p>The port authority <a href="https://port.example.org/s">said</a> on Tuesday it was over.</p>
<p>Related: <a href="https://news.example.com/docks-close">Docks close</a></p>
<p>Original URL:</p>
<p><a href="https://news.example.com/2022/05/04/harbour-fire">here</a></p>
<p><a href="#">Officials</a> agreed.</p>
<ul><li><a href="https://elsewhere.example.org/">Elsewhere</a></li></ul>
</body></html>"""

    def test_roles(self) -> None:
        doc = Document(path="p.html", format=DocFormat.HTML, text="", raw=self.PAGE)
        assert [(link.line, link.role, link.syntax) for link in extract_links(doc)] == [
            (2, LinkRole.ORIGINAL, "canonical"),
            (4, LinkRole.AUTHOR, "anchor"),
            (5, LinkRole.CITATION, "anchor"),
            (6, LinkRole.RELATED, "anchor"),
            (8, LinkRole.ORIGINAL, "anchor"),
            (9, LinkRole.PLACEHOLDER, "anchor"),
            (10, LinkRole.OTHER, "anchor"),
        ]


# fmt: off
LABEL_PIECES = st.sampled_from([
    " ", "\t", "\n", "> ", "- ", "Source", "source:", "Read", "more", "also", "Related", "the",
    "original", "Originally published", "first", "First ", "archived", "Jane", ":", "|",
    "http://a.example/x ", "www.", "<x:y>", "*", "**", "__", "[", "](", ")", "\u0130", "K",
])
# fmt: on


@settings(max_examples=500, deadline=None)
@given(st.lists(LABEL_PIECES, max_size=20).map("".join))
def test_label_before_a_link_is_the_label_of_the_cleaned_prefix(prefix: str) -> None:
    assert _label_before(prefix) == _match_label(linetext.clean(prefix))


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/author/jane-doe",
        "https://news.example/Staff/jane",
        "https://news.example/people/x/",
        "https://news.example/auth\tor/jane",
        "https://news.example/by/jane",
        "https://news.example/story/by-jane",
        "https://news.example/authors",
        "author/jane",
        "https://news.example/2021/03/04/author/jane",
    ],
)
def test_author_path_shortcut_agrees_with_the_path_segments(url: str) -> None:
    segments = [s.lower() for s in urlsplit(url).path.split("/")]
    expected = any(
        seg in AUTHOR_SEGMENTS
        and i + 1 < len(segments)
        and any(c.isalpha() for c in segments[i + 1])
        for i, seg in enumerate(segments)
    )
    assert _author_path(url, None) == expected


HINT_PIECES = st.sampled_from(
    [
        *("Original", "ORIGINAL", "first ", "First\n", "archived", "Archived", "\u0130"),
        *("\u03a3", "\n", " ", "x", "Related:", "the ", "firsts", "origin"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(HINT_PIECES, max_size=30).map("".join))
def test_anywhere_hints_found_for_all_lines_are_the_per_line_tests(text: str) -> None:
    lines = text.split("\n")
    expected = {
        index
        for index, line in enumerate(lines)
        if any(word in line.lower() for word in ("original", "first ", "archived"))
    }
    assert lines_with_anywhere_hints(lines) == expected


def test_label_phrase_past_the_start_of_the_line_is_still_found() -> None:
    lines = ["A longer line that says this story was Originally published at:", "", "x"]
    (label,) = find_labels(lines).values()
    assert label.role is LinkRole.ORIGINAL
    assert label.line == 1
    assert find_labels(["No label here at all, just words"]) == {}
