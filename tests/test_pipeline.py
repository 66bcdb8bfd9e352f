"""The pipeline streams documents through disk, and plans the crawl as they pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from provcheck import pipeline
from provcheck.config import Config
from provcheck.crawl.session import fetchable_key, original_keys, reference_dates
from provcheck.pipeline import IN_MEMORY_INPUT_BYTES, _CrawlPlan, audit, extract_paths, small_input
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


@pytest.mark.parametrize("limit", [0, IN_MEMORY_INPUT_BYTES], ids=["on-disk", "in-memory"])
def test_audit_hands_the_documents_over_in_a_spool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """Past the input-size limit documents go through disk; below it they stay in memory."""
    monkeypatch.setattr(pipeline, "IN_MEMORY_INPUT_BYTES", limit)
    folder = _archive(tmp_path, 3)
    config = Config(offline=True, no_cache=True)
    report = audit([str(folder)], config, today=dt.date(2024, 1, 1))
    assert isinstance(report.documents, Spool)
    assert report.documents.in_memory is (limit > 0)
    assert [d.extracted.path for d in report.documents] == [
        str(folder / f"story-{n}.txt") for n in range(3)
    ]
    assert [s.path for s in report.skipped] == [str(folder / "empty.txt")]
    expected = extract_paths([str(folder)], config, today=dt.date(2024, 1, 1)).documents
    assert [d.extracted for d in report.documents] == list(expected)
    assert all(len(d.statuses) == len(d.extracted.links) for d in report.documents)


def test_small_input_adds_file_sizes_up_to_the_limit(tmp_path: Path) -> None:
    files = []
    for n in range(3):
        path = tmp_path / f"{n}.txt"
        path.write_bytes(b"x" * 100)
        files.append(str(path))
    missing = str(tmp_path / "gone.txt")
    assert small_input([*files, missing], 300)
    assert not small_input([*files, missing], 299)
    assert small_input([], 0)
