"""Titles: Markdown headings and headline-like first lines of plain text."""

from __future__ import annotations

from provcheck.extract.title import looks_like_headline, markdown_title, plain_inline, text_title


def test_atx_heading_with_inline_markup() -> None:
    lines = ["", "Intro text.", "", "## Council Approves [New Park](https://city.test/park) ##"]
    title = markdown_title(lines)
    assert title is not None
    assert (title.value, title.source, title.line) == ("Council Approves New Park", "heading", 4)


def test_setext_heading() -> None:
    title = markdown_title(["Council Approves New Park", "=========", "", "Body."])
    assert title is not None
    assert title.value == "Council Approves New Park"


def test_heading_inside_a_code_fence_is_ignored() -> None:
    assert markdown_title(["```", "# not a title", "```", "plain text"]) is None


def test_wrapped_plain_text_title_is_joined() -> None:
    lines = [" Council Votes to Close", "Riverside Library", " June 2, 2021", "", "Body text."]
    title = text_title(lines)
    assert title is not None
    assert title.value == "Council Votes to Close Riverside Library"
    assert title.source == "first-lines"
    assert title.line == 1


def test_title_does_not_swallow_a_dateline_or_byline() -> None:
    for second in ("June 2, 2021", "By Jane Roe"):
        title = text_title(["Council Votes to Close the Library", second, "", "Body."])
        assert title is not None
        assert title.value == "Council Votes to Close the Library"


def test_boilerplate_and_captions_are_skipped() -> None:
    lines = [
        "Subscribe now",
        "A crowd outside the hall. Photo: Example Wire",
        "",
        "Council Votes to Close the Library",
        "",
        "The council voted on Tuesday to close the library after a long debate in the chamber.",
    ]
    title = text_title(lines, skip=frozenset({1}))
    assert title is not None
    assert (title.value, title.line) == ("Council Votes to Close the Library", 4)


def test_no_title_when_the_body_starts_first() -> None:
    lines = [
        "The council voted on Tuesday to close the library after a long debate in the chamber.",
        "",
        "Residents Were Not Consulted About Any Of It",
    ]
    assert text_title(lines) is None


def test_headline_shape() -> None:
    assert looks_like_headline("Council Votes to Close the Library")
    assert not looks_like_headline("The council voted to close it.")
    assert not looks_like_headline("Source: https://city.test/")
    assert not looks_like_headline("x")


def test_plain_inline() -> None:
    assert plain_inline("**By** [Jane Roe](#)  and *Sam*") == "By Jane Roe and Sam"
