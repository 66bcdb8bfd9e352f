"""The reader table: one entry per input format. Add a format by adding a row."""

from __future__ import annotations

from collections.abc import Callable

from provcheck.models import DocFormat, Document
from provcheck.readers.html import read_html
from provcheck.readers.plain import read_markdown, read_text

#: A reader turns a decoded file into a Document: (path, text, warnings) -> Document.
Reader = Callable[[str, str, tuple[str, ...]], Document]

READERS: dict[DocFormat, Reader] = {
    DocFormat.TEXT: read_text,
    DocFormat.MARKDOWN: read_markdown,
    DocFormat.HTML: read_html,
}
