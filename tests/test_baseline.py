"""Baselines: fingerprints that survive line shifts, atomic files, rescored documents."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from provcheck.baseline import (
    BASELINE_SCHEMA,
    Baseline,
    apply_baseline,
    fingerprint,
    load_baseline,
    write_baseline,
)
from provcheck.errors import ConfigError
from provcheck.models import AuditedDocument, Finding, Report
from provcheck.scoring import score_document
from tests.report.fixture_report import DOC_B, build_report
from tests.store_builders import finding, tiny_doc, tiny_report


def _shift_lines(report: Report, by: int) -> Report:
    """The same findings on other lines, with reworded messages and a new check time."""

    def moved(f: Finding) -> Finding:
        evidence = tuple((k, "2030-01-01") if k == "checked_at" else (k, v) for k, v in f.evidence)
        return dataclasses.replace(
            f,
            line=None if f.line is None else f.line + by,
            message=f.message + " (reworded)",
            evidence=(*evidence, ("attempts", "5")),
        )

    docs = tuple(
        dataclasses.replace(d, findings=tuple(moved(f) for f in d.findings))
        for d in report.documents
    )
    return dataclasses.replace(report, documents=docs)


def _all(report: Report) -> list[Finding]:
    return [f for d in report.documents for f in d.findings]


def test_baselined_report_has_no_findings_even_after_lines_shift(tmp_path: Path) -> None:
    report = build_report()
    target = tmp_path / "provcheck-baseline.json"
    assert write_baseline(report, target) == len(_all(report))
    baseline = load_baseline(target)
    assert len(baseline) == len(_all(report))
    assert _all(apply_baseline(report, baseline)) == []
    assert _all(apply_baseline(_shift_lines(report, 12), baseline)) == []


def test_new_finding_survives_the_baseline(tmp_path: Path) -> None:
    report = build_report()
    target = tmp_path / "baseline.json"
    write_baseline(report, target)
    doc_b = report.documents[1]
    extra = dataclasses.replace(doc_b.findings[3], url="https://slow.example/agenda", line=16)
    grown = dataclasses.replace(doc_b, findings=(*doc_b.findings, extra))
    report2 = dataclasses.replace(
        report, documents=(report.documents[0], grown, report.documents[2])
    )
    assert _all(apply_baseline(report2, load_baseline(target))) == [extra]


def test_a_second_identical_finding_is_new() -> None:
    first = finding("a.md", "PV311", "https://news.example/x", line=3)
    again = finding("a.md", "PV311", "https://news.example/x", line=30)
    assert fingerprint(first) == fingerprint(again)
    from provcheck.baseline import Baseline

    baseline = Baseline("mem", {fingerprint(first): 1})
    after = apply_baseline(tiny_report(tiny_doc("a.md", [], {}, [first, again])), baseline)
    assert len(_all(after)) == 1


def test_identity_evidence_tells_findings_apart() -> None:
    slug = finding("a.md", "PV307", "https://news.example/x", aspect="slug", overlap="0.10")
    date = finding("a.md", "PV307", "https://news.example/x", aspect="path-date")
    other_overlap = finding("a.md", "PV307", "https://news.example/x", aspect="slug", overlap="0.2")
    assert fingerprint(slug) != fingerprint(date)
    assert fingerprint(slug) == fingerprint(other_overlap)
    assert fingerprint(finding("./a.md", "PV201")) == fingerprint(finding("a.md", "PV201"))
    assert fingerprint(finding("b.md", "PV201")) != fingerprint(finding("a.md", "PV201"))


def test_scores_are_recomputed_for_documents_that_lose_findings(tmp_path: Path) -> None:
    report = build_report()
    doc_b = report.documents[1]
    partial = dataclasses.replace(
        report, documents=(dataclasses.replace(doc_b, findings=doc_b.findings[:2]),)
    )
    target = tmp_path / "baseline.json"
    write_baseline(partial, target)
    after = apply_baseline(report, load_baseline(target))
    rescored: AuditedDocument = after.documents[1]
    assert rescored.extracted.path == DOC_B
    assert rescored.findings == doc_b.findings[2:]
    expected = score_document(doc_b.findings[2:], doc_b.extracted.links, doc_b.statuses)
    assert rescored.confidence == expected
    # untouched documents keep their confidence object as it was
    assert after.documents[0] is report.documents[0]


def test_baseline_file_is_sorted_readable_json(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    write_baseline(build_report(), target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == BASELINE_SCHEMA
    keys = [(e["path"], e["rule"], e["url"] or "") for e in data["findings"]]
    assert keys == sorted(keys)
    assert all("line" not in e for e in data["findings"])
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]  # no temp file left


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, "cannot read"),
        ("{not json", "not valid JSON"),
        ('{"schema": "other/1", "findings": []}', "not a provcheck baseline"),
        (f'{{"schema": "{BASELINE_SCHEMA}", "findings": {{}}}}', "no findings list"),
        (f'{{"schema": "{BASELINE_SCHEMA}", "findings": [{{"count": 2}}]}}', "entry 1"),
        (
            f'{{"schema": "{BASELINE_SCHEMA}", "findings": [{{"fingerprint": "ab", "count": 0}}]}}',
            "entry 1",
        ),
    ],
)
def test_bad_baseline_file_is_a_config_error_naming_it(
    tmp_path: Path, content: str | None, match: str
) -> None:
    target = tmp_path / "bad-baseline.json"
    if content is not None:
        target.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=match) as caught:
        load_baseline(target)
    assert "bad-baseline.json" in caught.value.message


def test_a_spooled_batch_stays_spooled_through_the_baseline() -> None:
    from provcheck.spool import Spool

    report = build_report()
    on_disk = dataclasses.replace(report, documents=Spool(report.documents))
    gated = apply_baseline(on_disk, Baseline(source="b.json", counts={}))
    assert isinstance(gated.documents, Spool)
    assert not gated.documents.in_memory
    assert list(gated.documents) == list(report.documents)
    in_memory = apply_baseline(report, Baseline(source="b.json", counts={}))
    assert isinstance(in_memory.documents, Spool)
    assert in_memory.documents.in_memory
