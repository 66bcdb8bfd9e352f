"""Plain text and Markdown readers: the text is the file, lines map to themselves."""

from __future__ import annotations

from provcheck.models import DocFormat, Document


def read_text(path: str, raw: str, warnings: tuple[str, ...] = ()) -> Document:
    """Plain text, including text extracted from PDFs (kept as written: joins are guesses)."""
    return Document(path=path, format=DocFormat.TEXT, text=raw, raw=raw, warnings=warnings)


def read_markdown(path: str, raw: str, warnings: tuple[str, ...] = ()) -> Document:
    return Document(path=path, format=DocFormat.MARKDOWN, text=raw, raw=raw, warnings=warnings)
