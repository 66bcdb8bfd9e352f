"""Rebuild a :class:`Report` from its `provcheck.report/1` JSON form.

The inverse of :func:`provcheck.report.report_json.report_payload`, so a stored run (or a
saved ``--format json`` file) can be rendered again, diffed or baselined without re-auditing.

What the contract does not carry comes back empty, and nothing downstream reads it:

- the document text and raw source (``Document.text`` / ``raw`` are ``""``, no line map);
- a URL's host (re-derived from the normalised URL), a path date's matched fragment, the
  tracking parameters set aside, a link's syntax, a block's text;
- document and extraction warnings, which the contract merges (all land in
  ``ExtractedDocument.warnings``);
- a chosen date's evidence and line when the chosen candidate is not among the candidates.

``report_payload(report_from_payload(p)) == p`` for every payload ``report_payload`` writes.
Malformed input raises :class:`ValueError` (also for missing keys and wrong types), so a
caller holding untrusted data can report it in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from provcheck.crawl.serialize import partial_date_from_dict, status_from_dict
from provcheck.models import (
    Artifact,
    Attributed,
    Attribution,
    AuditedDocument,
    Block,
    BlockKind,
    Certainty,
    Confidence,
    CorpusFacts,
    DateCandidate,
    DateSource,
    DocFormat,
    Document,
    DocumentDate,
    ExtractedDocument,
    Finding,
    Link,
    LinkRole,
    LinkStatus,
    NearDuplicate,
    OrphanHeadline,
    PartialDate,
    PathDate,
    QuoteVariant,
    Reason,
    RelatedMatch,
    Report,
    Severity,
    SkippedInput,
    UrlFacts,
    WeekdayMention,
)
from provcheck.report.report_json import REPORT_SCHEMA

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Json = Mapping[str, Any]


def report_from_payload(payload: Json) -> Report:
    """The report a `provcheck.report/1` payload describes (see the module notes on losses)."""
    try:
        schema = payload.get("schema")
        if schema != REPORT_SCHEMA:
            raise ValueError(f"expected schema {REPORT_SCHEMA!r}, found {schema!r}")
        tool = payload.get("tool") or {}
        return Report(
            documents=tuple(audited_from_dict(d) for d in payload["documents"]),
            skipped=tuple(
                SkippedInput(str(s["path"]), str(s["reason"])) for s in payload.get("skipped", ())
            ),
            generated_at=str(payload.get("generated_at") or ""),
            tool_version=str(tool.get("version") or ""),
            offline=bool(payload.get("offline", False)),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a provcheck report: {type(exc).__name__}: {exc}") from exc


def audited_from_dict(d: Json) -> AuditedDocument:
    """One document of the report contract (the inverse of ``audited_to_dict``)."""
    try:
        links = tuple(_link(x) for x in d["links"])
        statuses: tuple[LinkStatus | None, ...] = tuple(
            None if x.get("status") is None else status_from_dict(x["status"]) for x in d["links"]
        )
        return AuditedDocument(
            extracted=extracted_from_dict(d, links),
            statuses=statuses,
            findings=tuple(finding_from_dict(f) for f in d.get("findings", ())),
            confidence=_confidence(d.get("confidence")),
            corpus=_corpus(d.get("corpus")),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a provcheck document: {type(exc).__name__}: {exc}") from exc


def extracted_from_dict(d: Json, links: tuple[Link, ...] | None = None) -> ExtractedDocument:
    """The extraction part of a document (the inverse of ``document_to_dict``)."""
    document = Document(path=str(d["path"]), format=DocFormat(d["format"]), text="", raw="")
    return ExtractedDocument(
        document=document,
        title=_attributed(d.get("title")),
        date=_document_date(d["date"]),
        authors=tuple(a for a in map(_attributed, d.get("authors", ())) if a is not None),
        publisher=_attributed(d.get("publisher")),
        links=links if links is not None else tuple(_link(x) for x in d["links"]),
        weekdays=tuple(_weekday(w) for w in d.get("weekdays", ())),
        attributions=tuple(
            Attribution(str(a["source"]), str(a["pattern"]), str(a["phrase"]), int(a["line"]))
            for a in d.get("attributions", ())
        ),
        boilerplate=tuple(
            Block(BlockKind(b["kind"]), int(b["start_line"]), int(b["end_line"]), str(b["cue"]))
            for b in d.get("boilerplate", ())
        ),
        orphan_headlines=tuple(
            OrphanHeadline(int(o["line"]), str(o["text"]), bool(o["repeated"]))
            for o in d.get("orphan_headlines", ())
        ),
        artifacts=tuple(
            Artifact(str(a["kind"]), int(a["line"]), str(a["evidence"]))
            for a in d.get("artifacts", ())
        ),
        suppressions=tuple(str(s) for s in d.get("suppressions", ())),
        warnings=tuple(str(w) for w in d.get("warnings", ())),
    )


def finding_from_dict(f: Json) -> Finding:
    """The inverse of ``finding_to_dict`` (evidence keeps its order)."""
    return Finding(
        rule=str(f["rule"]),
        name=str(f["name"]),
        severity=Severity(f["severity"]),
        confidence=Certainty(f["confidence"]),
        message=str(f["message"]),
        path=str(f["path"]),
        line=_opt_int(f.get("line")),
        url=_opt_str(f.get("url")),
        evidence=tuple((str(k), str(v)) for k, v in (f.get("evidence") or {}).items()),
    )


def _date(value: Any, precision: Any) -> PartialDate:
    return partial_date_from_dict({"value": value, "precision": precision})


def _opt_str(v: Any) -> str | None:
    return None if v is None else str(v)


def _opt_int(v: Any) -> int | None:
    return None if v is None else int(v)


def _attributed(d: Json | None) -> Attributed | None:
    if d is None:
        return None
    return Attributed(
        value=str(d["value"]),
        source=str(d["source"]),
        evidence=str(d.get("evidence") or ""),
        line=_opt_int(d.get("line")),
    )


def _candidate(c: Json) -> DateCandidate:
    return DateCandidate(
        date=_date(c["value"], c["precision"]),
        source=DateSource(c["source"]),
        evidence=str(c.get("evidence") or ""),
        line=_opt_int(c.get("line")),
        chosen=bool(c.get("chosen", False)),
    )


def _document_date(d: Json) -> DocumentDate:
    candidates = tuple(_candidate(c) for c in d.get("candidates", ()))
    chosen: DateCandidate | None = None
    if d.get("value") is not None:
        date = _date(d["value"], d["precision"])
        source = DateSource(d["source"])
        chosen = next(
            (c for c in candidates if c.chosen and c.date == date and c.source is source),
            DateCandidate(date, source, "", None, True),
        )
    modified = d.get("modified")
    return DocumentDate(
        chosen=chosen,
        candidates=candidates,
        modified=None if modified is None else partial_date_from_dict(modified),
    )


def _link(d: Json) -> Link:
    facts: UrlFacts | None = None
    normalized = d.get("normalized")
    if normalized is not None:
        url_date = d.get("url_date")
        path_date = (
            None
            if url_date is None
            else PathDate(
                _date(url_date["value"], url_date["precision"]), "", bool(url_date["plausible"])
            )
        )
        facts = UrlFacts(
            normalized=str(normalized),
            domain=_opt_str(d.get("domain")),
            host=urlsplit(str(normalized)).hostname,
            path_date=path_date,
            slug_words=tuple(str(w) for w in d.get("slug_words", ())),
        )
    joined = bool(d.get("joined", False))
    return Link(
        url=str(d["url"]),
        line=int(d["line"]),
        column=int(d["column"]),
        text=str(d.get("text") or ""),
        role=LinkRole(d["role"]),
        joined=joined,
        raw=str(d.get("raw") or "") if joined else "",
        facts=facts,
        malformed=_opt_str(d.get("malformed")),
    )


def _weekday(w: Json) -> WeekdayMention:
    word = str(w["weekday"])
    prefix = word[:3].lower()
    if prefix not in _WEEKDAYS:
        raise ValueError(f"not a weekday: {word!r}")
    return WeekdayMention(
        weekday=_WEEKDAYS.index(prefix),
        word=word,
        phrase=str(w["phrase"]),
        line=int(w["line"]),
        relative=bool(w["relative"]),
    )


def _confidence(c: Json | None) -> Confidence | None:
    if c is None:
        return None
    return Confidence(
        score=int(c["score"]),
        band=str(c["band"]),
        provisional=bool(c["provisional"]),
        checked_ratio=float(c["checked_ratio"]),
        reasons=tuple(
            Reason(str(r["rule"]), int(r["points"]), str(r["category"]), str(r["message"]))
            for r in c.get("reasons", ())
        ),
    )


def _corpus(c: Json | None) -> CorpusFacts | None:
    if c is None:
        return None
    inherited = c.get("inherited_date")
    return CorpusFacts(
        near_duplicates=tuple(
            NearDuplicate(str(n["path"]), float(n["similarity"]), str(n["better"]))
            for n in c.get("near_duplicates", ())
        ),
        inherited_date=(
            None
            if inherited is None
            else DateCandidate(
                _date(inherited["value"], inherited["precision"]), DateSource.INHERITED, ""
            )
        ),
        inherited_from=None if inherited is None else _opt_str(inherited.get("from")),
        related_matches=tuple(
            RelatedMatch(
                link_url=str(m["url"]),
                line=int(m["line"]),
                other_path=str(m["path"]),
                suggested_url=str(m["suggested_url"]),
                score=float(m["score"]),
                matched_on=str(m["matched_on"]),
            )
            for m in c.get("related_matches", ())
        ),
        quote_variants=tuple(
            QuoteVariant(
                quote=str(q["quote"]),
                line=int(q["line"]),
                other_path=str(q["path"]),
                other_quote=str(q["other_quote"]),
                other_line=int(q["other_line"]),
                similarity=float(q["similarity"]),
            )
            for q in c.get("quote_variants", ())
        ),
    )
