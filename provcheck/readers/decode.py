"""Bytes to text: encoding, binary and empty-file detection.

A document that cannot be decoded cleanly is still read (undecodable bytes are
replaced, with a warning); only binary or empty files are skipped.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Bytes sniffed to decide whether a file is binary.
SNIFF_BYTES = 8192
#: Share of control characters (other than whitespace) above which a file is binary.
CONTROL_RATIO = 0.10


#: Control bytes that count towards :data:`CONTROL_RATIO` (all but tab, LF, FF, CR, ESC).
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


class NotText(ValueError):
    """The bytes are not a text document (binary or empty); the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    if not head:
        return False
    # Deleting the control bytes and comparing lengths counts them in C, not byte by byte.
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return controls / len(head) > CONTROL_RATIO


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes, raising :class:`NotText` for binary or empty content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return _finish(text, encoding, bad=text.count("\ufffd"))
    if not data.strip():
        raise NotText("empty file")
    if _looks_binary(data[:SNIFF_BYTES]):
        raise NotText("binary file (not text, Markdown or HTML)")
    try:
        return _finish(data.decode("utf-8"), "utf-8", bad=0)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    return _finish(text, "utf-8", bad=text.count("\ufffd"))


def _finish(text: str, encoding: str, bad: int) -> Decoded:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NotText("empty file")
    warnings: tuple[str, ...] = ()
    if bad:
        warnings = (
            f"{bad} undecodable byte sequence(s) replaced with U+FFFD "
            f"(the file is not valid {encoding}; re-save it as UTF-8)",
        )
    return Decoded(text=text, encoding=encoding, warnings=warnings)
