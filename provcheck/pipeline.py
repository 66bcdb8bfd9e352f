"""The only place that wires the stages together: read -> extract -> crawl -> analyze -> score.

Failures of one document or link are values (a SkippedInput, a LinkStatus, a
Finding); only run failures (a missing recording, an unreadable cache) raise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
import logging
from dataclasses import dataclass

from provcheck.config import Config
from provcheck.errors import InputError
from provcheck.extract import extract_document
from provcheck.models import Document, ExtractedDocument, SkippedInput
from provcheck.readers import discover, read_path

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Extraction:
    documents: tuple[ExtractedDocument, ...]
    skipped: tuple[SkippedInput, ...]


def extract_paths(
    arguments: Sequence[str],
    config: Config,
    *,
    stdin_lines: Iterable[str] = (),
    today: dt.date | None = None,
    on_document: Callable[[str], None] | None = None,
) -> Extraction:
    """Read and extract every input; unreadable ones are skipped with a reason."""
    found = discover(
        arguments, include=config.include, exclude=config.exclude, stdin_lines=stdin_lines
    )
    if not found.files and not found.skipped:
        raise InputError(
            "no input documents found",
            "pass files or directories holding .txt, .md or .html documents",
        )
    documents: list[ExtractedDocument] = []
    skipped = list(found.skipped)
    for path in found.files:
        read = read_path(path)
        if isinstance(read, Document):
            try:
                documents.append(extract_document(read, today=today))
            except Exception as exc:  # one bad document never stops the batch
                log.exception("extraction failed for %s", path)
                skipped.append(SkippedInput(path, f"extraction failed ({type(exc).__name__}: {exc})"))
        else:
            skipped.append(read)
        if on_document is not None:
            on_document(path)
    return Extraction(documents=tuple(documents), skipped=tuple(skipped))
