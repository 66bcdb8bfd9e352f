"""The parser shortcut for simple Markdown: the parser's links, or no answer at all."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.extract.links_markdown import extract_markdown_links, parsed_links, skip_target
from provcheck.extract.markdown_simple import (
    _TOKEN_RE,
    Locator,
    has_control,
    is_simple,
    normalize_href,
    normalize_reference,
    simple_links,
)

SIMPLE = """# Ferry service [resumes](https://news.example/ferry)

By [Ann Vale](#) and [Bo Reyes](https://news.example/author/bo-reyes)

- item with [a link](https://a.example/x_y*z) and <https://auto.example/p?q=1>
1. [first](mailto:desk@news.example) then [anchor](#notes) then [empty]()

Plain https://bare.example/path and a > sign.
"""

#: Pieces of Markdown: mostly what the shortcut reads (links, autolinks, emphasis, list
#: markers, headings, line breaks), and a few things that rule it out.
PIECES = st.sampled_from(
    [
        "[a](https://x.example/a)", "[two words](#)", "[](y)", "[wow!](z)", "[x(y)](z)",
        "[a:b](c*d_e)", "[x](mailto:a@b)", "[x](#a)", "[x](y)[z](w)", "<https://x.example/>",
        "<HTTP://x.example/*_a>", "<mailto:a@b.example>", ">", "*", "_", "**", "*a*", "_a_",
        "\n", "\n\n", " ", "  ", "   ", "# ", "- ", "* ", "+ ", "1. ", "2) ", "---", "===",
        "word", "https://bare.example/p", "www.bare.example/x", "\u00a0", "\u2028", "!", "(",
        ")", "\n- ", "\n1) ", "\n   ", "\n#", "\n---\n", "\n- - ", "[x]", "[", "]", "](",
        "<b>", "<a@b.example>", "`", "&amp;", "![i](p.png)", "[r]: /u", "    ", "[a](b c)",
        "[a][r]", "[r]", "[a][R ]", "[r][]", "[b][s]", "[a][q]", "[][r]", "[a](/u)", "[a]",
        "\n\n[r]: https://r.example/1\n\n", "\n[r]: /u\n", "\n\n[s]: https://s.example/x_y\n",
        "\n\n[R]: /other\n", "\n\n[s]: /u \"title\"\n", "\n\n [r]: /u\n", "[r]:",
    ]
)  # fmt: skip


@settings(max_examples=4000, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join))
def test_the_shortcut_gives_the_parsers_links_or_nothing(text: str) -> None:
    locator = Locator(text)
    simple = simple_links(locator)
    if simple is None:
        return
    links, code_lines = parsed_links(locator)
    assert [link for link in simple if not skip_target(link.url)] == links
    assert code_lines == set()


def test_a_simple_article_takes_the_shortcut_and_matches_the_parser() -> None:
    locator = Locator(SIMPLE)
    simple = simple_links(locator)
    assert simple is not None
    kept = [link for link in simple if not skip_target(link.url)]
    assert kept == parsed_links(locator)[0]
    assert [(link.url, link.text, link.syntax) for link in kept] == [
        ("https://news.example/ferry", "resumes", "inline"),
        ("#", "Ann Vale", "inline"),
        ("https://news.example/author/bo-reyes", "Bo Reyes", "inline"),
        ("https://a.example/x_y*z", "a link", "inline"),
        ("https://auto.example/p?q=1", "", "autolink"),
        ("", "empty", "inline"),
    ]
    urls = [link.url for link in extract_markdown_links(SIMPLE)]
    assert "https://bare.example/path" in urls


def test_anything_the_shortcut_cannot_read_goes_to_the_parser() -> None:
    for text in (
        "A [link](https://x.example) and `code`",
        "    [indented](https://x.example) code",
        "> [quoted](https://x.example)",
        "A [two\nline](https://x.example) label",
        "A [*strong*](https://x.example) label",
        "A [ref] link\n\n[ref]: https://x.example",
        "A [full][ref] link\n\n[other]: https://x.example",
        "A [full][ref] link\n[ref]: https://x.example",
        "A [full][ref] link\n\n[ref]: https://x.example\nmore text",
        "A [full][ref] link\n\n[ref]: https://x.example 'title'",
        "full and [full][ref] link\n\n[ref]: https://x.example",
        "A [full][ref] link and [b](https://x.example)\n\n[ref]: https://x.example",
        "Mail <desk@news.example>",
        "A stray ] bracket and [a](https://x.example)",
        "An [a](https://x.example/(wiki)) with parentheses",
    ):
        assert simple_links(Locator(text)) is None, text


def test_is_simple_reads_line_starts_and_literals() -> None:
    assert is_simple("# Title\n\n- item\n1. item\nText > text.")
    assert not is_simple("Text\n    indented")
    assert not is_simple("    indented first line")
    assert not is_simple("Text\n  > quote")
    assert not is_simple("- - - deep list")
    assert not is_simple("a\ttab")
    assert not is_simple("an &amp; entity")


REFERENCES = """# Ferry [timetable][t]

- [Harbour notice][notice] and [the board](https://board.example/n)
- [second notice][NOTICE]: same name, another case

[t]: https://ferry.example/timetable
[notice]: https://board.example/2021/notice?a=1&b=%20
[notice]: https://board.example/ignored
"""


def test_full_references_take_the_shortcut_and_match_the_parser() -> None:
    locator = Locator(REFERENCES.replace("&", "%26"))
    simple = simple_links(locator)
    assert simple is not None
    assert simple == parsed_links(locator)[0]
    assert [(link.url, link.text, link.syntax, link.line, link.column) for link in simple] == [
        ("https://ferry.example/timetable", "timetable", "reference", 1, 9),
        ("https://board.example/2021/notice?a=1%26b=%20", "Harbour notice", "reference", 3, 3),
        ("https://board.example/n", "the board", "inline", 3, 44),
        ("https://board.example/2021/notice?a=1%26b=%20", "second notice", "reference", 4, 3),
    ]


NAMES = ["r", "R", "s", "ref 1", "Ref  1", "q"]
DESTS = ["https://a.example/1", "https://a.example/1#x", "/u", "https://b.example/x_y", "#"]
LABELS = ["a", "ref 1", "ref 10", "two words", " spaced ", "x", "Ref 1"]


@st.composite
def reference_documents(draw: st.DrawFn) -> str:
    """Paragraphs, list items and headings full of references, inline links with the same
    destinations and definitions, blank lines sometimes left out: the shapes the parser
    path reads differently from a naive reading (labels shown earlier, an inline link with
    the reference's destination in the same paragraph, definitions that are not ones)."""
    piece = st.one_of(
        st.builds("[{}][{}]".format, st.sampled_from(LABELS), st.sampled_from(NAMES)),
        st.builds("[{}]({})".format, st.sampled_from(LABELS), st.sampled_from(DESTS)),
        st.builds("<{}>".format, st.sampled_from(DESTS[:2])),
        st.sampled_from(["word", "ref 1", " ", " and ", "x"]),
    )
    line = st.builds(
        "{}{}".format,
        st.sampled_from(["", "- ", "* ", "1. ", "2. ", "# ", "  ", "   "]),
        st.lists(piece, min_size=1, max_size=4).map("".join),
    )
    definition = st.builds("[{}]: {}".format, st.sampled_from(NAMES), st.sampled_from(DESTS))
    parts = draw(st.lists(st.one_of(line, definition), min_size=1, max_size=10))
    glue = draw(st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(parts), max_size=len(parts)))
    body = "".join(part + sep for part, sep in zip(parts, glue, strict=True))
    names = draw(st.lists(st.sampled_from(NAMES), max_size=4))
    block = "".join(f"[{name}]: {draw(st.sampled_from(DESTS))}\n" for name in names)
    return body + draw(st.sampled_from(["\n", ""])) + block


@settings(max_examples=3000, deadline=None)
@given(reference_documents())
def test_references_through_the_shortcut_are_the_parsers(text: str) -> None:
    locator = Locator(text)
    simple = simple_links(locator)
    if simple is None:
        return
    assert [link for link in simple if not skip_target(link.url)] == parsed_links(locator)[0]


# --- normalize_href: plain web URLs skip markdown-it, with the same answer ------------------

_HOSTS = st.text(alphabet="abcXYZ019.-@:_", min_size=0, max_size=10)
_PORTS = st.sampled_from(["", ":80", ":8080", ":", ":x", ":123456"])
_PIECES = [*"aZ09;/?:@&=+$,-_.!~*'()#%AfFgx[] \"<>^`{|}\\é", "%41", "%e9", "%4"]
_TAILS = st.lists(st.sampled_from(_PIECES), max_size=20).map("".join)


@settings(max_examples=3000, deadline=None)
@given(
    st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "//", "mailto:", ""]),
    _HOSTS,
    _PORTS,
    st.sampled_from(["", "/", "?", "#"]),
    _TAILS,
)
def test_normalize_href_matches_markdown_it(
    scheme: str, host: str, port: str, sep: str, tail: str
) -> None:
    from markdown_it.common.normalize_url import normalizeLink

    url = scheme + host + port + sep + tail
    assert normalize_href(url) == normalizeLink(url)


def test_normalize_href_still_encodes_what_markdown_it_encodes() -> None:
    assert normalize_href("https://news.example/a b") == "https://news.example/a%20b"
    assert normalize_href("https://news.example/%zz") == "https://news.example/%25zz"
    assert normalize_href("https://bücher.example/") == "https://xn--bcher-kva.example/"
    assert normalize_href("https://news.example/2021/03/a-b?x=1#top") == (
        "https://news.example/2021/03/a-b?x=1#top"
    )


@settings(max_examples=2000, deadline=None)
@given(
    st.text(
        alphabet=[*"aZ09 -_.:[]", "\t", "\n", "\x0b", "\x1c", "\u00a0", "\u2003", "ß", "İ", "K"]
    )
)
def test_normalize_reference_matches_markdown_it(name: str) -> None:
    from markdown_it.common.utils import normalizeReference

    assert normalize_reference(name) == normalizeReference(name)


def test_normalize_reference_folds_case_and_blanks() -> None:
    assert normalize_reference("  Source   One ") == "SOURCE ONE"
    assert normalize_reference("straße") == "STRASSE"


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join))
def test_token_pattern_with_literal_brackets_is_the_character_class_pattern(text: str) -> None:
    with_class = re.compile(_TOKEN_RE.pattern.replace(r"|\[|\]|<", r"|[\[\]<]"))
    assert with_class.pattern != _TOKEN_RE.pattern
    assert [(m.span(), m.groupdict()) for m in _TOKEN_RE.finditer(text)] == [
        (m.span(), m.groupdict()) for m in with_class.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(["a", " ", "\n", "\t", "\r", "\x00", "\x1f", "\x7f", "é", "Σ"])
    )
)
def test_control_check_by_characters_is_the_character_class_search(text: str) -> None:
    assert has_control(text) == bool(re.search(r"[\x00-\x09\x0b-\x1f]", text))


def test_control_check_in_ascii_and_wider_text() -> None:
    assert has_control("a\tb")
    assert has_control("Σ\rb")
    assert not has_control("plain\nlines")
    assert not has_control("wider \u2028 text\n")
