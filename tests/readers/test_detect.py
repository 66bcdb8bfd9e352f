import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.models import DocFormat
from provcheck.readers.detect import _MD_CUES, _has_markdown_cue, detect, sniff

HTML = "<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</p></body></html>"
MARKDOWN = "# Ferry talks resume\n\nThe union [said](https://news.example.com/a) yes.\n"
TEXT = "Ferry talks resume\nJune 3, 2022\n\nThe union said yes.\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [(HTML, DocFormat.HTML), (MARKDOWN, DocFormat.MARKDOWN), (TEXT, DocFormat.TEXT)],
)
def test_sniff(content, expected):
    assert sniff(content) is expected


def test_txt_holding_markdown_is_markdown():
    assert detect(".txt", MARKDOWN) is DocFormat.MARKDOWN


def test_txt_holding_a_saved_page_is_html():
    assert detect(".txt", HTML) is DocFormat.HTML


def test_md_without_markdown_syntax_stays_markdown():
    assert detect(".md", TEXT) is DocFormat.MARKDOWN


def test_html_extension_is_html():
    assert detect(".HTM", "<p>short</p>") is DocFormat.HTML


def test_unknown_extension_is_sniffed():
    assert detect(".article", TEXT) is DocFormat.TEXT
    assert detect("", HTML) is DocFormat.HTML


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["#", "[", "]", "(", ")", ">", " ", "\n", "\t", "-", "*", "x", ":"]),
        max_size=30,
    ).map("".join)
)
def test_markdown_cue_precheck_agrees_with_the_pattern(text):
    assert _has_markdown_cue(text) == (_MD_CUES.search(text) is not None)


def test_text_without_cue_characters_is_text():
    assert sniff("Plain words only\n\nand a second paragraph.\n") is DocFormat.TEXT
