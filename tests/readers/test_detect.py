import pytest

from provcheck.models import DocFormat
from provcheck.readers.detect import detect, sniff

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
