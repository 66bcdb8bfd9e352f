"""A sequence kept on disk: pickled records in an anonymous temporary file.

Why: a batch of ten thousand documents held as Python objects costs about a gigabyte and a
half, most of it extracted documents and their findings that are only needed one at a time.
The pipeline appends each document to a :class:`Spool` as soon as it is made and reads it
back when its turn comes, so memory holds one document (plus the offsets of the others, eight
bytes each) whatever the size of the batch.

A spool is an ordinary read-only :class:`~collections.abc.Sequence` once written: it can be
iterated any number of times, indexed and sliced, and several iterations may run at once
(every read seeks to its record first). Records are compressed (zlib level 1: fast, and the
file stays small where the temporary directory is a RAM disk). The file is unlinked as soon
as it is created (POSIX; on Windows when closed), and closed when the spool is closed or
garbage collected. A spool pickles as the plain tuple of its records.

A spool made with ``in_memory=True`` keeps its records as they are, in a list: for a small
run the pickling and unpickling cost more than the memory they save (the caller decides
what is small; the pipeline goes by the size of the input files).
"""

from __future__ import annotations

import pickle
import tempfile
import weakref
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

T = TypeVar("T")

#: Records totalling at most this many bytes of input are cheaper kept as objects
#: (``in_memory=True``) than pickled to disk; what counts as input is the caller's measure
#: (the files read, or a stored run's JSON).
IN_MEMORY_BYTES = 1 << 20

#: zlib level for records: level 1 is several times faster than the default and compresses
#: document pickles about as well.
_LEVEL = 1


class Spool(Sequence[T]):
    """Append-only records on disk; reads unpickle one record at a time."""

    def __init__(
        self, items: Iterable[T] = (), *, directory: str | None = None, in_memory: bool = False
    ) -> None:
        self._held: list[T] | None = [] if in_memory else None
        self._file = None if in_memory else tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        self._finalizer = weakref.finalize(self, self._file.close) if self._file else None
        self._offsets = array("q", [0])  # record i is [offsets[i], offsets[i + 1])
        for item in items:
            self.append(item)

    @property
    def in_memory(self) -> bool:
        """True when the records are kept as objects, not on disk."""
        return self._held is not None

    def append(self, item: T) -> None:
        """Write one record at the end of the file (or keep it, in memory)."""
        if self._held is not None:
            self._held.append(item)
            return
        assert self._file is not None
        data = zlib.compress(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL)
        end = self._offsets[-1]
        self._file.seek(end)
        self._file.write(data)
        self._offsets.append(end + len(data))

    def close(self) -> None:
        """Remove the file now (or drop the records); the spool is empty afterwards."""
        if self._finalizer is not None:
            self._finalizer()
        if self._held is not None:
            self._held = []
        self._offsets = array("q", [0])

    def __len__(self) -> int:
        if self._held is not None:
            return len(self._held)
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self._load(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("spool index out of range")
        return self._load(index)

    def __iter__(self) -> Iterator[T]:
        if self._held is not None:
            yield from list(self._held)
            return
        for index in range(len(self)):
            yield self._load(index)

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))

    def __repr__(self) -> str:
        return f"Spool({len(self)} records)"

    def _load(self, index: int) -> T:
        if self._held is not None:
            return self._held[index]
        assert self._file is not None
        start, end = self._offsets[index], self._offsets[index + 1]
        self._file.seek(start)
        record: T = pickle.loads(zlib.decompress(self._file.read(end - start)))
        return record
