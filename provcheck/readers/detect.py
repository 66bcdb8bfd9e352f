"""Choose a reader by extension, then confirm or override by sniffing the content."""

from __future__ import annotations

import re

from provcheck.models import DocFormat

EXTENSIONS: dict[str, DocFormat] = {
    ".txt": DocFormat.TEXT,
    ".text": DocFormat.TEXT,
    ".md": DocFormat.MARKDOWN,
    ".markdown": DocFormat.MARKDOWN,
    ".mdown": DocFormat.MARKDOWN,
    ".html": DocFormat.HTML,
    ".htm": DocFormat.HTML,
    ".xhtml": DocFormat.HTML,
}

_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.I | re.S
)
_HTML_TAGS = re.compile(r"<(?:body|div|p|article|a\s+href)[\s>]", re.I)
_MD_CUES = re.compile(
    r"^(?:#{1,6}\s+\S|\s*[-*+]\s+\[|\s*>\s)|\[[^\]\n]+\]\([^)\s]*\)|^\[[^\]\n]+\]:\s*\S",
    re.M,
)
#: Every match of ``_MD_CUES`` holds one of these: without them the (slow, line-anchored)
#: pattern need not scan the text.
_MD_CUE_CHARS = "#[>"


def _has_markdown_cue(head: str) -> bool:
    """``_MD_CUES.search(head)``, skipped when ``head`` has none of :data:`_MD_CUE_CHARS`."""
    return any(char in head for char in _MD_CUE_CHARS) and _MD_CUES.search(head) is not None


def sniff(text: str) -> DocFormat:
    """Guess the format from content alone."""
    head = text[:4096]
    if _HTML_START.search(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return DocFormat.HTML
    if _has_markdown_cue(head):
        return DocFormat.MARKDOWN
    return DocFormat.TEXT


def detect(suffix: str, text: str) -> DocFormat:
    """Format from the file extension, refined by the content.

    HTML content always wins. A ``.txt`` file is whatever its content looks like
    (a saved web page is HTML, a Markdown conversion is Markdown); a ``.md`` file
    is never demoted to text because its first 4 KB lack Markdown syntax.
    """
    by_ext = EXTENSIONS.get(suffix.lower())
    sniffed = sniff(text)
    if by_ext is None or by_ext is DocFormat.TEXT:
        # ``.txt`` says little: archives save Markdown conversions and web pages as .txt.
        return sniffed
    if sniffed is DocFormat.HTML:
        return DocFormat.HTML
    return by_ext
