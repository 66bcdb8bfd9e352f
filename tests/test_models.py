"""Model records: the direct slot ``__init__`` builds the same frozen values."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from provcheck.models import Attribution, DocFormat, Document, _slot_init


def test_records_built_directly_behave_as_frozen_dataclasses() -> None:
    made = Attribution("Harbour Board", "said", "Harbour Board said", 4)
    assert made == Attribution(
        source="Harbour Board", pattern="said", phrase="Harbour Board said", line=4
    )
    assert hash(made) == hash(Attribution("Harbour Board", "said", "Harbour Board said", 4))
    assert dataclasses.replace(made, line=5).line == 5
    assert pickle.loads(pickle.dumps(made)) == made
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 9  # type: ignore[misc]
    with pytest.raises(TypeError):
        Attribution("Harbour Board")  # type: ignore[call-arg]


def test_defaults_are_kept() -> None:
    doc = Document(path="a.txt", format=DocFormat.TEXT, text="x", raw="x")
    assert (doc.line_map, doc.warnings) == ((), ())
    assert repr(doc).startswith("Document(path='a.txt'")


def test_only_plain_fields_can_be_set_directly() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list[str] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class WithPostInit:
        value: int

        def __post_init__(self) -> None:
            pass

    for cls in (WithFactory, WithPostInit):
        with pytest.raises(TypeError, match="only plain fields"):
            _slot_init(cls)
