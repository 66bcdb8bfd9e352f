"""Line helpers: what cleaning keeps, and the first word of a line told without cleaning."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.extract import linetext

# fmt: off
PIECES = st.sampled_from([
    " ", "\n", "\t", "> ", "# ", "- ", "1. ", "By", "by", "Written", "Jane", "Doe", ",", "'s",
    "http://", "HTTPS://", "www.", "WwW.", "<", ">", "a.example/p", ":", ".", "/",
    "*", "**", "_", "__", "[x](", "](", ")", "[", "]", "(", "![", "é", "\u0130", "\u212a", "1",
])
# fmt: on
LINE = st.lists(PIECES, max_size=25).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINE)
def test_leading_word_is_how_the_cleaned_line_starts(line: str) -> None:
    word = linetext.leading_word(line)
    if word is not None:
        cleaned = linetext.clean(line)
        assert cleaned.startswith(word)
        assert not cleaned[len(word) : len(word) + 1].isalpha()


@settings(max_examples=500, deadline=None)
@given(LINE, st.sampled_from(["by", "written", "source", "read", "http"]))
def test_a_word_missing_from_a_line_that_keeps_letters_is_missing_once_cleaned(
    line: str, word: str
) -> None:
    if linetext.clean_keeps_letters(line) and word not in line.lower():
        assert word not in linetext.clean(line).lower()


def test_leading_word_examples() -> None:
    assert linetext.leading_word("> 1. By Jane Doe") == "By"
    assert linetext.leading_word("Written by Jane") == "Written"
    assert linetext.leading_word("http://a.example by x") is None  # a URL is dropped
    assert linetext.leading_word("www.a.example") is None
    assert linetext.leading_word("**By** Jane") is None  # cleaning joins pieces
    assert linetext.leading_word("[By Jane](http://a.example)") is None
    assert linetext.leading_word("\u00c9lise said") is None  # not ASCII: unsure


def test_clean_keeps_letters() -> None:
    assert linetext.clean_keeps_letters("Sou rce: a_b http://x.example")
    assert not linetext.clean_keeps_letters("Sou**rce**")
    assert not linetext.clean_keeps_letters("sou__rce")
    assert not linetext.clean_keeps_letters("[Sou](http://x.example)rce")


def test_a_url_start_straddling_the_first_link_mark_is_seen() -> None:
    # "w." of "www." ends past the "://" that follows: the URL starts at 0, no word is outside.
    assert not linetext.has_words_outside_links("www.http://")
    assert linetext.word_count_outside_urls("www.http://", 3) == 0
