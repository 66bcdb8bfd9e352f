"""The pipeline streams documents through disk, and plans the crawl as they pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from provcheck import pipeline
from provcheck.config import Config
from provcheck.crawl.session import fetchable_key, original_keys, reference_dates
from provcheck.pipeline import (
    IN_MEMORY_INPUT_BYTES,
    _CrawlPlan,
    audit,
    small_input,
    stream_extraction,
)
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
    docs = list(stream_extraction([str(_archive(tmp_path, 4))], Config()).documents)
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
    expected = list(stream_extraction([str(folder)], config, today=dt.date(2024, 1, 1)).documents)
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


def test_stream_extraction_reads_a_document_only_when_asked(tmp_path: Path) -> None:
    """``provcheck extract`` writes each document as it comes: nothing is read ahead."""
    read: list[str] = []
    stream = stream_extraction([str(_archive(tmp_path, 3))], Config(), on_document=read.append)
    assert read == []
    first = next(stream.documents)
    assert Path(first.path).name == "story-0.txt"
    # the binary file sorts first and is skipped on the way; story-0 is counted as read
    # once it has been handed over, and nothing after it is read yet
    assert [Path(path).name for path in read] == ["empty.txt"]
    rest = list(stream.documents)
    assert len(rest) == 2
    assert [Path(s.path).name for s in stream.skipped] == ["empty.txt"]
    assert len(read) == 4


def test_extract_json_streamed_equals_the_whole_payload(tmp_path: Path) -> None:
    from provcheck.report.json_stream import dumps
    from provcheck.report.model_json import extract_payload, iter_extract_json

    folder = str(_archive(tmp_path, 3))
    whole = stream_extraction([folder], Config(), today=dt.date(2024, 1, 1))
    documents = tuple(whole.documents)
    stream = stream_extraction([folder], Config(), today=dt.date(2024, 1, 1))
    pieces = list(iter_extract_json(stream.documents, stream.skipped))
    assert len(pieces) > 3
    assert "".join(pieces) == dumps(extract_payload(documents, tuple(whole.skipped)))
