"""The on-disk sequence the pipeline keeps documents in: it must read back what was written."""

from __future__ import annotations

import pickle

import pytest

from provcheck.models import DocFormat, Document, SkippedInput
from provcheck.spool import Spool


def _doc(number: int) -> Document:
    text = f"Ferry timetable number {number}\n\nThe quay reopens at dawn.\n"
    return Document(path=f"archive/{number:03d}.md", format=DocFormat.MARKDOWN, text=text, raw=text)


def test_reads_back_every_record_in_order() -> None:
    docs = [_doc(n) for n in range(25)]
    spool = Spool(docs)
    assert len(spool) == 25
    assert list(spool) == docs
    assert list(spool) == docs  # a second pass reads the same records


def test_indexing_and_slicing_work_like_a_tuple() -> None:
    docs = tuple(_doc(n) for n in range(6))
    spool = Spool(docs)
    assert spool[0] == docs[0]
    assert spool[-1] == docs[-1]
    assert spool[1:5:2] == docs[1:5:2]
    assert spool[::-1] == docs[::-1]
    with pytest.raises(IndexError):
        spool[6]
    with pytest.raises(IndexError):
        spool[-7]


def test_interleaved_iterations_do_not_disturb_each_other() -> None:
    spool = Spool(_doc(n) for n in range(4))
    outer = iter(spool)
    first = next(outer)
    inner = [d.path for d in spool]
    assert inner == [f"archive/{n:03d}.md" for n in range(4)]
    assert first.path == "archive/000.md"
    assert next(outer).path == "archive/001.md"


def test_appending_after_reading_extends_the_sequence() -> None:
    spool: Spool[SkippedInput] = Spool()
    assert not spool
    spool.append(SkippedInput("a.txt", "unreadable"))
    assert spool[0].path == "a.txt"
    spool.append(SkippedInput("b.txt", "binary"))
    assert [s.reason for s in spool] == ["unreadable", "binary"]
    assert SkippedInput("b.txt", "binary") in spool


def test_close_empties_it_and_pickling_gives_a_tuple() -> None:
    spool = Spool(_doc(n) for n in range(3))
    restored = pickle.loads(pickle.dumps(spool))
    assert restored == tuple(spool)
    spool.close()
    assert len(spool) == 0
    assert list(spool) == []
    assert "0 records" in repr(spool)
