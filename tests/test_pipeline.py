"""The pipeline streams documents through disk, and plans the crawl as they pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from provcheck.config import Config
from provcheck.crawl.session import fetchable_key, original_keys, reference_dates
from provcheck.pipeline import _CrawlPlan, audit, extract_paths
from provcheck.spool import Spool

ARTICLE = """Quay Repairs Finish Early
By Ada Lund
12 March 2021

The harbour board said the quay reopens next week. See https://board.example/quay-news
and the earlier notice at https://board.example/notices/2020/quay-closure-{n}.

Original: https://port-news.example/2021/03/12/quay-repairs-finish-early-{n}
"""


def _archive(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for n in range(count):
        (folder / f"story-{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"\x00\x01binary")
    return folder


def test_crawl_plan_gathered_document_by_document_equals_the_whole(tmp_path: Path) -> None:
    docs = extract_paths([str(_archive(tmp_path, 4))], Config()).documents
    plan = _CrawlPlan()
    for doc in docs:
        plan.add(doc)
    assert plan.keys == {k for d in docs for k in map(fetchable_key, d.links) if k}
    assert len(plan.keys) == 9  # one shared URL, two of each document's own
    assert plan.dates == reference_dates(docs)
    assert plan.originals == original_keys(docs)


def test_audit_hands_the_documents_over_on_disk(tmp_path: Path) -> None:
    folder = _archive(tmp_path, 3)
    config = Config(offline=True, no_cache=True)
    report = audit([str(folder)], config, today=dt.date(2024, 1, 1))
    assert isinstance(report.documents, Spool)
    assert [d.extracted.path for d in report.documents] == [
        str(folder / f"story-{n}.txt") for n in range(3)
    ]
    assert [s.path for s in report.skipped] == [str(folder / "empty.txt")]
    expected = extract_paths([str(folder)], config, today=dt.date(2024, 1, 1)).documents
    assert [d.extracted for d in report.documents] == list(expected)
    assert all(len(d.statuses) == len(d.extracted.links) for d in report.documents)
