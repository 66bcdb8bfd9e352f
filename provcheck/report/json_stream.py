"""Indented JSON written a piece at a time, for documents whose long arrays are streamed.

Why: the JSON and SARIF reports of a batch of ten thousand documents are hundreds of
megabytes of text, several times that as Python dicts. :func:`iter_dumps` takes the small
part of the payload as it is, and each long array as an iterable, and yields exactly the
text of ``json.dumps(payload, indent=2, ensure_ascii=False)`` with the arrays filled in,
holding one array item at a time.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import orjson

INDENT = 2


def dumps(value: Any) -> str:
    """The one JSON spelling every report uses: indented, non-ASCII kept as written.

    The text is ``json.dumps(value, indent=2, ensure_ascii=False)``'s, written by orjson:
    with ``indent`` the standard library falls back to its pure-Python encoder, which took
    about a quarter of ``provcheck extract``'s time on a large batch. The two spell every
    value alike except floats in exponent form (``1e-05`` against ``1e-5``), which reports
    never hold (times are rounded to 0.1 ms). What orjson refuses (integers beyond 64 bits,
    unpaired surrogates) goes through the standard library.
    """
    try:
        return orjson.dumps(value, option=_ORJSON_OPTIONS).decode("utf-8")
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(value, indent=INDENT, ensure_ascii=False)


_ORJSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS


def compact_dumps(value: Any) -> str:
    """JSON on one line, non-ASCII kept as written (``json.dumps`` with ``(",", ":")``)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def iter_dumps(
    payload: Any,
    arrays: Mapping[str, Iterable[Any]],
    late: Mapping[str, Callable[[], Any]] | None = None,
    *,
    compact: bool = False,
) -> Iterator[str]:
    """:func:`dumps` of ``payload`` in pieces, each string in it named in ``arrays`` replaced.

    ``payload`` holds a placeholder string where an array goes (make one with
    :func:`placeholder`); ``arrays`` maps each placeholder to the array's items, which are
    consumed once, in order, as the text reaches them. ``late`` maps placeholders to
    functions called when the text reaches them, for a value (a summary) that is only known
    once the arrays before it have been written. ``compact`` gives :func:`compact_dumps`'s
    text instead.
    """
    dump = compact_dumps if compact else dumps
    later = late or {}
    text = dump(payload)
    position = 0
    while True:
        found = [
            (at, key) for key in (*arrays, *later) if (at := text.find(dump(key), position)) >= 0
        ]
        if not found:
            break
        at, key = min(found)
        yield text[position:at]
        line_start = text.rfind("\n", 0, at) + 1
        indent = " " * (len(text[line_start:]) - len(text[line_start:].lstrip(" ")))
        if key not in arrays:
            yield dump(later[key]()).replace("\n", "\n" + indent)
        elif compact:
            yield from _compact_array(arrays[key])
        else:
            yield from _array(arrays[key], indent)
        position = at + len(dump(key))
    yield text[position:]


def placeholder() -> str:
    """A string no report text contains, to stand for a streamed array in a payload."""
    return f"provcheck-stream-{uuid.uuid4().hex}"


def _array(items: Iterable[Any], indent: str) -> Iterator[str]:
    inner = indent + " " * INDENT
    opened = False
    for item in items:
        yield (",\n" if opened else "[\n") + inner + dumps(item).replace("\n", "\n" + inner)
        opened = True
    yield f"\n{indent}]" if opened else "[]"


def _compact_array(items: Iterable[Any]) -> Iterator[str]:
    opened = False
    for item in items:
        yield ("," if opened else "[") + compact_dumps(item)
        opened = True
    yield "]" if opened else "[]"
