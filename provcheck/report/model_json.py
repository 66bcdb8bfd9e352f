"""Plain-dict forms of the extraction model: the `provcheck.extract/1` JSON contract.

Every renderer that needs the document model as data (JSON, JSONL, the run store)
goes through these functions, so the field names live in one place. The output is
deterministic: lists keep document order, dicts keep insertion order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from provcheck.crawl.serialize import partial_date_to_dict
from provcheck.models import (
    Attributed,
    Block,
    DateCandidate,
    DocumentDate,
    ExtractedDocument,
    Link,
    PartialDate,
    SkippedInput,
)
from provcheck.report.json_stream import iter_dumps, placeholder

EXTRACT_SCHEMA = "provcheck.extract/1"


def optional_date_to_dict(value: PartialDate | None) -> dict[str, str] | None:
    return None if value is None else partial_date_to_dict(value)


def _candidate(c: DateCandidate) -> dict[str, Any]:
    return {
        "value": c.date.iso(),
        "precision": c.date.precision.value,
        "source": c.source.value,
        "inferred": c.inferred,
        "evidence": c.evidence,
        "line": c.line,
        "chosen": c.chosen,
    }


def date_to_dict(date: DocumentDate) -> dict[str, Any]:
    chosen = date.chosen
    return {
        "value": chosen.date.iso() if chosen else None,
        "precision": chosen.date.precision.value if chosen else None,
        "source": chosen.source.value if chosen else None,
        "inferred": chosen.inferred if chosen else None,
        "modified": optional_date_to_dict(date.modified),
        "candidates": [_candidate(c) for c in date.candidates],
    }


def attributed_to_dict(value: Attributed | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "value": value.value,
        "source": value.source,
        "evidence": value.evidence,
        "line": value.line,
    }


def link_to_dict(link: Link) -> dict[str, Any]:
    facts = link.facts
    path_date = facts.path_date if facts else None
    return {
        "url": link.url,
        "normalized": facts.normalized if facts else None,
        "line": link.line,
        "column": link.column,
        "text": link.text,
        "role": link.role.value,
        "domain": facts.domain if facts else None,
        "url_date": (
            {
                "value": path_date.date.iso(),
                "precision": path_date.date.precision.value,
                "plausible": path_date.plausible,
            }
            if path_date
            else None
        ),
        "slug_words": list(facts.slug_words) if facts else [],
        "joined": link.joined,
        "raw": link.raw if link.joined else None,
        "malformed": link.malformed,
    }


def _block(b: Block) -> dict[str, Any]:
    return {
        "kind": b.kind.value,
        "start_line": b.start_line,
        "end_line": b.end_line,
        "cue": b.cue,
    }


def document_to_dict(doc: ExtractedDocument) -> dict[str, Any]:
    """The per-document object of the extract contract (links without verdicts)."""
    return {
        "path": doc.path,
        "format": doc.document.format.value,
        "title": attributed_to_dict(doc.title),
        "date": date_to_dict(doc.date),
        "authors": [attributed_to_dict(a) for a in doc.authors],
        "publisher": attributed_to_dict(doc.publisher),
        "links": [link_to_dict(link) for link in doc.links],
        "weekdays": [
            {
                "weekday": w.word,
                "phrase": w.phrase,
                "line": w.line,
                "relative": w.relative,
            }
            for w in doc.weekdays
        ],
        "attributions": [
            {"source": a.source, "pattern": a.pattern, "phrase": a.phrase, "line": a.line}
            for a in doc.attributions
        ],
        "boilerplate": [_block(b) for b in doc.boilerplate],
        "orphan_headlines": [
            {"line": o.line, "text": o.text, "repeated": o.repeated} for o in doc.orphan_headlines
        ],
        "artifacts": [
            {"kind": a.kind, "line": a.line, "evidence": a.evidence} for a in doc.artifacts
        ],
        "suppressions": list(doc.suppressions),
        "warnings": list(doc.document.warnings) + list(doc.warnings),
    }


def skipped_to_dict(skipped: SkippedInput) -> dict[str, str]:
    return {"path": skipped.path, "reason": skipped.reason}


def iter_extract_json(
    docs: Iterable[ExtractedDocument], skipped: Sequence[SkippedInput]
) -> Iterator[str]:
    """``dumps(extract_payload(docs, skipped))`` in pieces, a document at a time.

    ``skipped`` is read when the text reaches it, after the documents: it may be a list that
    fills while ``docs`` is consumed (see :class:`provcheck.pipeline.ExtractionStream`).
    """
    documents, later = placeholder(), placeholder()
    head = {"schema": EXTRACT_SCHEMA, "documents": documents, "skipped": later}
    yield from iter_dumps(
        head,
        {documents: (document_to_dict(doc) for doc in docs)},
        {later: lambda: [skipped_to_dict(s) for s in skipped]},
    )


def extract_payload(
    docs: list[ExtractedDocument] | tuple[ExtractedDocument, ...],
    skipped: tuple[SkippedInput, ...] = (),
) -> dict[str, Any]:
    """The whole `provcheck extract --format json` document."""
    return {
        "schema": EXTRACT_SCHEMA,
        "documents": [document_to_dict(d) for d in docs],
        "skipped": [skipped_to_dict(s) for s in skipped],
    }
