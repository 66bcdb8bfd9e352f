import os
from pathlib import Path

import pytest

from provcheck.models import DocFormat, Document, SkippedInput
from provcheck.readers import read_bytes, read_path, suffix

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Tide gauge fails | Coast Wire</title>
</head>
<body>
  <nav><a href="/">Home</a></nav>
  <article>
    <h1>Tide gauge fails during spring storm</h1>
    <p>The harbour's only tide gauge stopped reporting on Tuesday night, the port office said,
    leaving pilots to rely on printed tables for the first time in a decade.</p>
    <p>Engineers from the regional authority expect to replace the sensor within a week,
    according to a notice posted at the harbour office on Wednesday morning.</p>
    <p>Fishermen told the council that the outage had already delayed two departures.</p>
  </article>
</body>
</html>
"""


def test_text_document_keeps_its_lines(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Headline\nJune 1, 2022\n\nBody text.\n")
    doc = read_path(str(path))
    assert isinstance(doc, Document)
    assert doc.format is DocFormat.TEXT
    assert doc.text == doc.raw
    assert doc.original_line(4) == 4


def test_markdown_document(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("# Headline\n\nBody with [a link](https://news.example.com/x).\n")
    doc = read_path(str(path))
    assert isinstance(doc, Document)
    assert doc.format is DocFormat.MARKDOWN


def test_html_document_main_text_maps_back_to_source_lines(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML)
    doc = read_path(str(path))
    assert isinstance(doc, Document)
    assert doc.format is DocFormat.HTML
    assert "tide gauge stopped reporting" in doc.text
    assert "Home" not in doc.text.split("\n")
    lines = doc.text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("Fishermen told"))
    source_line = doc.original_line(index + 1)
    assert "Fishermen told" in ARTICLE_HTML.split("\n")[source_line - 1]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"\x00\x01\x02binary", "binary file")],
)
def test_bad_bytes_are_skipped_with_a_reason(data, reason):
    result = read_bytes("x.txt", data)
    assert isinstance(result, SkippedInput)
    assert result.reason.startswith(reason)


def test_unreadable_file_is_skipped(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("hidden")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # running as root: permissions are not enforced
            pytest.skip("file permissions are not enforced for this user")
        result = read_path(str(path))
        assert isinstance(result, SkippedInput)
        assert "permission denied" in result.reason
    finally:
        path.chmod(0o644)


def test_missing_file_is_skipped():
    result = read_path("/nonexistent/provcheck/file.txt")
    assert isinstance(result, SkippedInput)
    assert result.reason == "no such file"


def test_forced_format_wins():
    doc = read_bytes("x.txt", b"# not a heading in plain text\n", DocFormat.TEXT)
    assert isinstance(doc, Document)
    assert doc.format is DocFormat.TEXT


def test_directory_given_as_a_file_is_skipped(tmp_path):
    result = read_path(str(tmp_path))
    assert isinstance(result, SkippedInput)
    assert result.reason == "is a directory"


@pytest.mark.parametrize(
    "path",
    [
        "a/story.md",
        "story.TXT",
        "a.b/story",
        "a/.hidden",
        "a/file.",
        "a/b.tar.gz",
        "..",
        "a/..",
        "a/b.md/",
        "a/b.md/.",
        "",
        ".",
        "a/..md",
        "/",
    ],
)
def test_suffix_is_the_pathlib_suffix(path):
    assert suffix(path) == Path(path).suffix


def test_the_empty_path_reads_as_the_current_directory():
    assert read_path("") == SkippedInput("", "is a directory")
