"""Links in HTML sources: anchors, declared originals, JSON-LD, hints, positions, resolution."""

from __future__ import annotations

from provcheck.extract.links_html import extract_html_links
from provcheck.models import LinkRole, RawLink

PAGE = """<!doctype html>
<html><head>
<title>Harbour fire spreads</title>
<link rel="canonical" href="https://news.example.com/2022/05/04/harbour-fire-spreads">
<meta property="og:url" content="https://news.example.com/2022/05/04/og-form">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"url": "https:\\/\\/news.example.com\\/2022\\/05\\/04\\/ld-form",
"mainEntityOfPage": {"@id": "https://news.example.com/2022/05/04/ld-entity"}}</script>
<script type="application/ld+json">{"@type": "Organization", "url": "https://news.example.com/"}</script>
<script type="application/ld+json">{this is not json</script>
</head><body>
<p class="byline">By <a href="/authors/jane-roe">Jane Roe</a> and
<a rel="author" href="/p/sam">Sam</a></p>
<p>The port authority <a href="https://port.example.org/statement?id=4&amp;lang=en">said</a>
on Tuesday that the fire was contained.</p>
<p>Officials <a href="#">confirmed</a> it. <a href="javascript:void(0)">More</a>
<a href="">x</a></p>
<p>Links: <a href="#comments">Comments</a> <a href="mailto:desk@news.example.com">Mail</a></p>
<p><a href="https://tides.example.org/"><img src="t.png" alt="Tide   tables"></a></p>
<p>Plain mention https://plain.example.org/a-page here.</p>
</body></html>
"""


def line_of(needle: str) -> int:
    return next(n for n, line in enumerate(PAGE.split("\n"), 1) if needle in line)


def links() -> list[RawLink]:
    return list(extract_html_links(PAGE))


def find(url_part: str) -> RawLink:
    return next(link for link in links() if url_part in link.url)


def test_declared_originals_get_original_hint_and_syntax() -> None:
    declared = [
        (link.syntax, link.text, link.url) for link in links() if link.hint is LinkRole.ORIGINAL
    ]
    assert declared == [
        ("canonical", "rel=canonical", "https://news.example.com/2022/05/04/harbour-fire-spreads"),
        ("og", "og:url", "https://news.example.com/2022/05/04/og-form"),
        ("jsonld", "JSON-LD url", "https://news.example.com/2022/05/04/ld-form"),
        ("jsonld", "JSON-LD mainEntityOfPage", "https://news.example.com/2022/05/04/ld-entity"),
    ]


def test_lines_and_columns_of_the_html_source() -> None:
    canonical = find("harbour-fire-spreads")
    assert (canonical.line, canonical.column) == (4, 29)
    ld_form = find("ld-form")
    assert ld_form.line == 7
    said = find("port.example.org")
    assert said.line == line_of("port.example.org") == 14
    source_line = PAGE.split("\n")[said.line - 1]
    assert source_line[said.column - 1 :].startswith("https://port.example.org/statement")


def test_anchor_text_entities_and_context() -> None:
    said = find("port.example.org")
    assert said.url == "https://port.example.org/statement?id=4&lang=en"
    assert said.text == "said"
    assert said.syntax == "anchor"
    assert said.context.endswith("The port authority said on Tuesday that the fire was contained.")
    assert said.context.split("\n")[0] == "By Jane Roe and Sam"


def test_relative_links_resolved_against_canonical() -> None:
    assert find("jane-roe").url == "https://news.example.com/authors/jane-roe"


def test_author_hints() -> None:
    assert find("jane-roe").hint is LinkRole.AUTHOR
    assert find("/p/sam").hint is LinkRole.AUTHOR
    assert find("port.example.org").hint is None


def test_placeholders_keep_literal_href_and_text() -> None:
    stripped = [(link.line, link.url, link.text) for link in links() if link.line in (16, 17)]
    assert stripped == [
        (line_of("Officials"), "#", "confirmed"),
        (line_of("Officials"), "javascript:void(0)", "More"),
        (line_of('href="">x'), "", "x"),
    ]


def test_in_page_anchors_and_mail_skipped() -> None:
    assert not any("comments" in link.url or "mailto" in link.url for link in links())


def test_image_alt_as_text() -> None:
    assert find("tides.example.org").text == "Tide tables"


def test_bare_url_in_text() -> None:
    bare = find("plain.example.org")
    assert bare.syntax == "bare"
    assert bare.line == line_of("Plain mention") == 20
    assert bare.column == len("<p>Plain mention ") + 1


def test_base_href_wins_over_canonical() -> None:
    page = (
        '<html><head><base href="https://mirror.example.net/sub/">'
        '<link rel="canonical" href="https://news.example.com/a"></head>'
        '<body><p><a href="b/c">x</a></p></body></html>'
    )
    anchor = next(link for link in extract_html_links(page) if link.syntax == "anchor")
    assert anchor.url == "https://mirror.example.net/sub/b/c"


def test_relative_link_without_base_stays_relative() -> None:
    page = '<html><body><p><a href="/world/story">x</a> <a href="//cdn.example.net/y">y</a>'
    found = [link.url for link in extract_html_links(page)]
    assert found == ["/world/story", "https://cdn.example.net/y"]


def test_line_breaks_inside_href_dropped() -> None:
    page = '<html><body><a href="https://a.example.org/long-\npath">x</a></body></html>'
    assert [link.url for link in extract_html_links(page)] == ["https://a.example.org/long-path"]


def test_relative_canonical_is_not_a_base() -> None:
    page = '<html><head><link rel="canonical" href="/a"></head><body><a href="b">x</a></body>'
    assert [link.url for link in extract_html_links(page)] == ["/a", "b"]


def test_empty_and_broken_sources() -> None:
    assert extract_html_links("") == ()
    assert extract_html_links("   \n ") == ()
    assert isinstance(extract_html_links("<p><a href='https://a.example.org/'>x"), tuple)


def test_xml_declaration_does_not_break_parsing() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?><html><body><a href="https://a.example.org/x">x</a>'
    )
    assert [link.url for link in extract_html_links(page)] == ["https://a.example.org/x"]


def test_previous_blocks_in_context() -> None:
    page = "<html><body><p>Original URL:</p>\n<p><a href='https://a.example.org/x'>link</a></p>"
    (link,) = extract_html_links(page)
    assert link.context == "Original URL:\nlink"
    assert link.line == 2
