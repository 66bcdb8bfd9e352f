"""Baselines: adopt provcheck on an existing archive and fail only on new findings.

``--write-baseline`` records a fingerprint for every finding of a run; ``--baseline FILE``
then drops findings whose fingerprint is on record, so the gate sees only what is new.

A fingerprint is the rule, the document path (POSIX form, no leading ``./``), the URL and
the few evidence values that tell two findings of one rule apart in one document
(:data:`IDENTITY_EVIDENCE`: which aspect of the original URL, which kind of boilerplate,
which other document, which anchor, which weekday phrase). It leaves out the line, the
message and volatile evidence (HTTP status, check time, attempts, similarity scores), so an
edit that shifts lines or a re-check at another time does not resurrect a finding. Each
fingerprint carries a count: a second identical finding (a link cited twice more) is new.

Scores are recomputed after baselined findings are removed (with
:func:`provcheck.scoring.score_document`), so ``--min-confidence`` and ``--fail-on`` judge
the same findings the report shows.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provcheck.errors import ConfigError
from provcheck.models import AuditedDocument, Finding, Report
from provcheck.report.atomic import write_atomic
from provcheck.scoring import score_document
from provcheck.spool import Spool

BASELINE_SCHEMA = "provcheck.baseline/1"

#: Evidence keys that identify *which* finding of a rule a document has (stable across runs).
IDENTITY_EVIDENCE: tuple[str, ...] = ("aspect", "kind", "other", "anchor", "phrase")


@dataclass(frozen=True, slots=True)
class Baseline:
    """Accepted findings: fingerprint -> how many findings it stands for."""

    source: str
    counts: Mapping[str, int]

    def __len__(self) -> int:
        return sum(self.counts.values())


def normalize_path(path: str) -> str:
    """``./archive\\a.md`` -> ``archive/a.md``: one spelling per file across platforms."""
    text = path.replace("\\", "/")
    while text.startswith("./"):
        text = text[2:]
    return text


def fingerprint(finding: Finding) -> str:
    """The finding's identity across runs (see the module notes for what it leaves out)."""
    evidence = dict(finding.evidence)
    identity = [[key, evidence[key]] for key in IDENTITY_EVIDENCE if key in evidence]
    key = [finding.rule, normalize_path(finding.path), finding.url or "", identity]
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:24]


def baseline_payload(report: Report) -> dict[str, Any]:
    """The baseline file's content for ``report``: sorted, so rewriting it diffs cleanly."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for doc in report.documents:
        for finding in doc.findings:
            mark = fingerprint(finding)
            counts[mark] += 1
            first.setdefault(mark, finding)
    entries = [
        {
            "fingerprint": mark,
            "rule": first[mark].rule,
            "path": normalize_path(first[mark].path),
            "url": first[mark].url,
            "count": counts[mark],
            "message": first[mark].message,  # for people reading the file; not matched
        }
        for mark in counts
    ]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["url"] or "", e["fingerprint"]))
    return {"schema": BASELINE_SCHEMA, "tool_version": report.tool_version, "findings": entries}


def write_baseline(report: Report, path: str | os.PathLike[str]) -> int:
    """Write the baseline of ``report`` atomically; returns the number of findings recorded."""
    payload = baseline_payload(report)
    write_atomic(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return sum(int(e["count"]) for e in payload["findings"])


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; a missing, unreadable or malformed one is a :class:`ConfigError`."""
    name = os.fspath(path)
    hint = "write a new one with --write-baseline"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"{name}: cannot read the baseline ({exc.strerror or exc})", hint
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{name}: baseline is not valid JSON ({exc})", hint) from exc
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise ConfigError(f"{name}: not a provcheck baseline (expected {BASELINE_SCHEMA})", hint)
    counts: Counter[str] = Counter()
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise ConfigError(f"{name}: baseline has no findings list", hint)
    for number, entry in enumerate(entries, 1):
        mark = entry.get("fingerprint") if isinstance(entry, dict) else None
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if not isinstance(mark, str) or not isinstance(count, int) or count < 1:
            raise ConfigError(f"{name}: baseline entry {number} is malformed", hint)
        counts[mark] += count
    return Baseline(source=name, counts=dict(counts))


def apply_baseline(report: Report, baseline: Baseline) -> Report:
    """``report`` without the findings the baseline accepts, with scores recomputed.

    Documents that lose no finding are returned unchanged (their score stays as computed).
    """
    budget = Counter(baseline.counts)
    on_disk = isinstance(report.documents, Spool) and not report.documents.in_memory
    documents: Spool[AuditedDocument] = Spool(in_memory=not on_disk)  # as many as before
    for doc in report.documents:
        kept = []
        for finding in doc.findings:
            mark = fingerprint(finding)
            if budget[mark] > 0:
                budget[mark] -= 1
            else:
                kept.append(finding)
        documents.append(doc if len(kept) == len(doc.findings) else _rescored(doc, kept))
    return dataclasses.replace(report, documents=documents)


def _rescored(doc: AuditedDocument, findings: list[Finding]) -> AuditedDocument:
    confidence = doc.confidence
    if confidence is not None:
        confidence = score_document(findings, doc.extracted.links, doc.statuses)
    return dataclasses.replace(doc, findings=tuple(findings), confidence=confidence)
