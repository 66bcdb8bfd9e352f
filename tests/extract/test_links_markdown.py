"""Links in Markdown: inline, reference, autolinks, placeholders, bare URLs and positions."""

from __future__ import annotations

from provcheck.extract.links_markdown import extract_markdown_links, skip_target

ARTICLE = """# Harbour fire spreads

By [Jane Roe](https://news.example.com/authors/jane-roe) and [Sam Poe](#)

The port authority [said](https://port.example.org/statement?id=4) on Tuesday and
[repeated](https://port.example.org/statement?id=4) it later.
A reference to the [city council][cc] and a [collapsed] one.

See https://stats.example.org/harbour-report for the figures. `https://code.example.org/x`

```
https://fenced.example.org/a
```

    https://indented.example.org/code

![chart](https://img.example.org/chart.png)
Mail <desk@news.example.com> or read <https://auto.example.org/path>.

[cc]: https://council.example.org/minutes
[collapsed]: https://council.example.org/collapsed
"""


LINES = ARTICLE.split("\n")


def col(line: int, needle: str, nth: int = 0) -> int:
    """1-based column of the ``nth`` occurrence of ``needle`` on ``line`` of ARTICLE."""
    at = -1
    for _ in range(nth + 1):
        at = LINES[line - 1].index(needle, at + 1)
    return at + 1


def by_url() -> dict[str, list[tuple[int, int, str, str]]]:
    found: dict[str, list[tuple[int, int, str, str]]] = {}
    for link in extract_markdown_links(ARTICLE):
        found.setdefault(link.url, []).append((link.line, link.column, link.text, link.syntax))
    return found


def test_inline_link_position_and_text() -> None:
    assert by_url()["https://news.example.com/authors/jane-roe"] == [
        (3, col(3, "https"), "Jane Roe", "inline")
    ]


def test_placeholder_keeps_literal_href_and_anchor_text() -> None:
    assert by_url()["#"] == [(3, col(3, "#)"), "Sam Poe", "inline")]


def test_repeated_link_gets_distinct_positions() -> None:
    assert by_url()["https://port.example.org/statement?id=4"] == [
        (5, col(5, "https"), "said", "inline"),
        (6, col(6, "https"), "repeated", "inline"),
    ]


def test_reference_links_resolved_at_their_use() -> None:
    found = by_url()
    assert found["https://council.example.org/minutes"] == [
        (7, col(7, "[city"), "city council", "reference")
    ]
    assert found["https://council.example.org/collapsed"] == [
        (7, col(7, "[collapsed"), "collapsed", "reference")
    ]


def test_bare_url_found_but_not_in_code() -> None:
    found = by_url()
    assert found["https://stats.example.org/harbour-report"] == [(9, col(9, "https"), "", "bare")]
    assert not any("code.example" in url or "fenced" in url or "indented" in url for url in found)


def test_images_and_mailto_skipped_autolink_kept() -> None:
    found = by_url()
    assert not any("img.example" in url or url.startswith("mailto:") for url in found)
    assert found["https://auto.example.org/path"] == [(18, col(18, "https"), "", "autolink")]


def test_reference_definitions_are_not_extra_links() -> None:
    assert len(extract_markdown_links(ARTICLE)) == 8


def test_context_is_the_source_line() -> None:
    link = next(
        link for link in extract_markdown_links(ARTICLE) if link.url.endswith("harbour-report")
    )
    assert link.context.startswith("See https://stats.example.org/harbour-report")


def test_as_written_href_kept() -> None:
    text = "Read [the note](https://news.example.com/café?a=1&b=2) now."
    (link,) = extract_markdown_links(text)
    assert link.url == "https://news.example.com/café?a=1&b=2"
    assert link.raw == "https://news.example.com/café?a=1&b=2"
    assert link.column == 17


def test_angle_bracket_destination_with_space() -> None:
    (link,) = extract_markdown_links("[report](<https://news.example.com/a b>)")
    assert link.url == "https://news.example.com/a%20b"
    assert link.raw == "https://news.example.com/a b"


def test_javascript_and_empty_targets_are_placeholders() -> None:
    found = extract_markdown_links("[one](javascript:void(0)) and [two]() here")
    assert [(link.url, link.text) for link in found] == [
        ("javascript:void(0)", "one"),
        ("", "two"),
    ]


def test_in_page_anchor_skipped() -> None:
    (link,) = extract_markdown_links("See [note 1](#fn1) and [top](#).")
    assert (link.url, link.text) == ("#", "top")


def test_link_text_equal_to_url_not_doubled() -> None:
    text = "[https://a.example.org/x](https://a.example.org/x)"
    (link,) = extract_markdown_links(text)
    assert link.syntax == "inline"


def test_link_spanning_lines_and_emphasis_in_text() -> None:
    text = "Intro [the **harbour**\nreport](https://a.example.org/r) end"
    (link,) = extract_markdown_links(text)
    assert link.text == "the harbour report"
    assert (link.line, link.column) == (2, 9)


def test_links_in_lists_and_headings() -> None:
    text = "## [Heading link](https://a.example.org/h)\n\n- item [one](https://a.example.org/1)\n"
    found = extract_markdown_links(text)
    assert [(link.line, link.url) for link in found] == [
        (1, "https://a.example.org/h"),
        (3, "https://a.example.org/1"),
    ]


def test_wrapped_bare_url_joined() -> None:
    text = "Source list:\nhttps://a.example.org/2021/03/a-long-\nslug-here\n"
    (link,) = extract_markdown_links(text)
    assert link.joined
    assert link.url == "https://a.example.org/2021/03/a-long-slug-here"


def test_skip_target() -> None:
    assert skip_target("mailto:a@b.example")
    assert skip_target("tel:+100")
    assert skip_target("#section")
    assert not skip_target("#")
    assert not skip_target("https://a.example.org/")
    assert not skip_target("/relative")
