"""The on-disk sequence the pipeline keeps documents in: it must read back what was written."""

from __future__ import annotations

import pickle

import pytest

from provcheck.models import DocFormat, Document, SkippedInput
from provcheck.spool import Spool

#: Every behaviour holds for both kinds of spool: on disk (batches) and in memory (small runs).
MODES = pytest.mark.parametrize("in_memory", [False, True], ids=["disk", "memory"])


def _doc(number: int) -> Document:
    text = f"Ferry timetable number {number}\n\nThe quay reopens at dawn.\n"
    return Document(path=f"archive/{number:03d}.md", format=DocFormat.MARKDOWN, text=text, raw=text)


@MODES
def test_reads_back_every_record_in_order(in_memory: bool) -> None:
    docs = [_doc(n) for n in range(25)]
    spool = Spool(docs, in_memory=in_memory)
    assert len(spool) == 25
    assert list(spool) == docs
    assert list(spool) == docs  # a second pass reads the same records


@MODES
def test_indexing_and_slicing_work_like_a_tuple(in_memory: bool) -> None:
    docs = tuple(_doc(n) for n in range(6))
    spool = Spool(docs, in_memory=in_memory)
    assert spool[0] == docs[0]
    assert spool[-1] == docs[-1]
    assert spool[1:5:2] == docs[1:5:2]
    assert spool[::-1] == docs[::-1]
    with pytest.raises(IndexError):
        spool[6]
    with pytest.raises(IndexError):
        spool[-7]


@MODES
def test_interleaved_iterations_do_not_disturb_each_other(in_memory: bool) -> None:
    spool = Spool((_doc(n) for n in range(4)), in_memory=in_memory)
    outer = iter(spool)
    first = next(outer)
    inner = [d.path for d in spool]
    assert inner == [f"archive/{n:03d}.md" for n in range(4)]
    assert first.path == "archive/000.md"
    assert next(outer).path == "archive/001.md"


@MODES
def test_appending_after_reading_extends_the_sequence(in_memory: bool) -> None:
    spool: Spool[SkippedInput] = Spool(in_memory=in_memory)
    assert not spool
    spool.append(SkippedInput("a.txt", "unreadable"))
    assert spool[0].path == "a.txt"
    spool.append(SkippedInput("b.txt", "binary"))
    assert [s.reason for s in spool] == ["unreadable", "binary"]
    assert SkippedInput("b.txt", "binary") in spool


@MODES
def test_close_empties_it_and_pickling_gives_a_tuple(in_memory: bool) -> None:
    spool = Spool((_doc(n) for n in range(3)), in_memory=in_memory)
    restored = pickle.loads(pickle.dumps(spool))
    assert restored == tuple(spool)
    spool.close()
    assert len(spool) == 0
    assert list(spool) == []
    assert "0 records" in repr(spool)


def test_a_memory_spool_keeps_the_objects_themselves() -> None:
    docs = [_doc(n) for n in range(3)]
    held = Spool(docs, in_memory=True)
    on_disk = Spool(docs)
    assert held.in_memory
    assert not on_disk.in_memory
    assert held[1] is docs[1]  # no pickling round trip
    assert on_disk[1] is not docs[1]
    assert on_disk[1] == docs[1]
