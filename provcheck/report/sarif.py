"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, VS Code's SARIF viewer).

One run, one ``rules[]`` entry per rule the report used, documented from the rule registry
(:mod:`provcheck.rules.registry`) when it is importable and from the findings themselves
otherwise, so a report can always be rendered. Locations are relative to the scan root
(``%SRCROOT%``) so that dashboards can join them with the repository.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from provcheck.models import Finding, Report, Severity
from provcheck.report.base import RenderOptions
from provcheck.report.json_stream import iter_dumps, placeholder
from provcheck.report.report_json import sorted_findings

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What SARIF needs to document one rule."""

    id: str
    name: str
    severity: Severity
    summary: str
    what: str = ""
    why: str = ""
    example: str = ""
    fix: str = ""


def registered_rules() -> dict[str, RuleMeta]:
    """Rule docs from the registry, or nothing when the registry is not available.

    Imported lazily and read defensively: the report must render even from a build whose rule
    registry is missing or older than the findings it holds.
    """
    try:
        module = importlib.import_module("provcheck.rules.registry")
    except ImportError:
        return {}
    metas: dict[str, RuleMeta] = {}
    for rule in getattr(module, "RULES", ()):
        docs = getattr(rule, "docs", None)
        metas[str(rule.id)] = RuleMeta(
            id=str(rule.id),
            name=str(rule.name),
            severity=Severity(rule.severity),
            summary=str(getattr(rule, "summary", "") or ""),
            what=str(getattr(docs, "what", "") or ""),
            why=str(getattr(docs, "why", "") or ""),
            example=str(getattr(docs, "example", "") or ""),
            fix=str(getattr(docs, "fix", "") or ""),
        )
    return metas


def _rule_from_finding(f: Finding) -> RuleMeta:
    return RuleMeta(id=f.rule, name=f.name, severity=f.severity, summary=f.name.replace("-", " "))


def _rule_descriptor(meta: RuleMeta) -> dict[str, Any]:
    sections = [("What it does", meta.what), ("Why it matters", meta.why)]
    sections += [("Example", meta.example), ("How to fix", meta.fix)]
    present = [(title, body.strip()) for title, body in sections if body.strip()]
    text = "\n\n".join(f"{title}: {body}" for title, body in present) or meta.summary
    markdown = "\n\n".join(f"## {title}\n\n{body}" for title, body in present) or meta.summary
    return {
        "id": meta.id,
        "name": meta.name,
        "shortDescription": {"text": meta.summary or meta.name},
        "fullDescription": {"text": meta.what.strip() or meta.summary or meta.name},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"tags": ["provenance"]},
    }


def artifact_uri(path: str) -> tuple[str, str | None]:
    """A path as a SARIF URI and its base id: relative paths hang off ``%SRCROOT%``."""
    if PureWindowsPath(path).drive:
        return PureWindowsPath(path).as_uri(), None
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return posix.as_uri(), None
    return quote(str(posix), safe="/-._~"), SRCROOT


def _artifact_location(path: str) -> dict[str, Any]:
    uri, base = artifact_uri(path)
    return {"uri": uri, "uriBaseId": base} if base else {"uri": uri}


def _location(path: str, line: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(path)}
    if line and line > 0:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _fingerprint(f: Finding) -> str:
    """Stable across runs (no line: editing above a finding must not make it 'new')."""
    key = "\x1f".join((f.rule, f.path, f.url or "", f.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _rule_metas(report: Report) -> list[RuleMeta]:
    """The rules the report's findings use, sorted by id (one pass over the documents)."""
    registry = registered_rules()
    first_seen: dict[str, Finding] = {}
    for doc in report.documents:
        for f in sorted_findings(doc.findings):
            first_seen.setdefault(f.rule, f)
    return [registry.get(rid) or _rule_from_finding(first_seen[rid]) for rid in sorted(first_seen)]


def _results(report: Report, index: dict[str, int]) -> Iterator[dict[str, Any]]:
    for doc in report.documents:
        for f in sorted_findings(doc.findings):
            properties: dict[str, Any] = {
                "confidence": f.confidence.value,
                "evidence": dict(f.evidence),
                "url": f.url,
                "provenanceScore": doc.confidence.score if doc.confidence else None,
            }
            yield {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [_location(f.path, f.line)],
                "partialFingerprints": {"provcheckFinding/v1": _fingerprint(f)},
                "properties": properties,
            }


def _artifacts(report: Report) -> Iterator[dict[str, Any]]:
    for doc in report.documents:
        yield {"location": _artifact_location(doc.extracted.path), "roles": ["analysisTarget"]}


def _sarif_parts(
    report: Report, artifacts: object, results: object
) -> tuple[dict[str, Any], list[RuleMeta]]:
    """The SARIF log with ``artifacts`` and ``results`` as given (lists or placeholders)."""
    metas = _rule_metas(report)
    invocation: dict[str, Any] = {
        "executionSuccessful": True,
        "toolExecutionNotifications": [
            {
                "level": "warning",
                "message": {"text": f"skipped {s.path}: {s.reason}"},
                "locations": [_location(s.path)],
            }
            for s in report.skipped
        ],
    }
    if report.generated_at:
        invocation["endTimeUtc"] = report.generated_at

    driver: dict[str, Any] = {"name": "provcheck", "rules": [_rule_descriptor(m) for m in metas]}
    if report.tool_version:
        driver["version"] = report.tool_version
        driver["semanticVersion"] = report.tool_version
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The audited archive root."}}},
        "invocations": [invocation],
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}, metas


def _rule_index(metas: list[RuleMeta]) -> dict[str, int]:
    return {meta.id: i for i, meta in enumerate(metas)}


def sarif_payload(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data (validated against the OASIS schema in the tests)."""
    payload, metas = _sarif_parts(report, list(_artifacts(report)), [])
    payload["runs"][0]["results"] = list(_results(report, _rule_index(metas)))
    return payload


def iter_sarif(report: Report, options: RenderOptions | None = None) -> Iterator[str]:
    """:func:`render_sarif` in pieces: artifacts and results one document at a time."""
    artifacts, results = placeholder(), placeholder()
    payload, metas = _sarif_parts(report, artifacts, results)
    streams = {
        artifacts: _artifacts(report),
        results: _results(report, _rule_index(metas)),
    }
    yield from iter_dumps(payload, streams)
    yield "\n"


def render_sarif(report: Report, options: RenderOptions) -> str:
    return "".join(iter_sarif(report))
