"""HTML reader: the main text via trafilatura, with a map back to source lines."""

from __future__ import annotations

import html as html_lib
import re

from provcheck.models import DocFormat, Document

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_SKIP_BLOCKS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
#: Characters of a text line used to find it again in the source.
_PROBE = 32


def _visible_lines(raw: str) -> list[str]:
    """Each source line's visible text (tags stripped, entities decoded)."""
    blanked = _SKIP_BLOCKS.sub(lambda m: "\n" * m.group(0).count("\n"), raw)
    return [
        _SPACE.sub(" ", html_lib.unescape(_TAG.sub(" ", line))).strip()
        for line in blanked.split("\n")
    ]


def _main_text(raw: str) -> str:
    import trafilatura  # lazy: costly import, only needed for HTML

    text = trafilatura.extract(
        raw,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    if text:
        return str(text)
    # trafilatura found no article body: fall back to every visible line.
    return "\n".join(line for line in _visible_lines(raw) if line)


def line_map(text: str, raw: str) -> tuple[int, ...]:
    """Map each line of the extracted text to the source line it most likely came from.

    The search moves forward through the source, so repeated lines map to
    successive occurrences; a line that cannot be found keeps the previous
    position (the map is monotonic and never points past the file).
    """
    visible = _visible_lines(raw)
    mapping: list[int] = []
    cursor = 0
    for line in text.split("\n"):
        probe = _SPACE.sub(" ", line).strip()[:_PROBE]
        found = None
        if probe:
            for index in range(cursor, len(visible)):
                if probe in visible[index]:
                    found = index
                    break
        if found is not None:
            cursor = found
        mapping.append(cursor + 1)
    return tuple(mapping)


def read_html(path: str, raw: str, warnings: tuple[str, ...] = ()) -> Document:
    text = _main_text(raw)
    return Document(
        path=path,
        format=DocFormat.HTML,
        text=text,
        raw=raw,
        line_map=line_map(text, raw),
        warnings=warnings,
    )
