"""Atomic writes: a report file is complete or absent, never half-written."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from provcheck.models import Report
from provcheck.report.atomic import render_to_file, write_atomic, write_stream
from provcheck.report.base import RenderOptions
from provcheck.report.registry import get_renderer


class Boom(Exception):
    pass


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomic(target, "first\n")
    write_atomic(target, "second — é\n")
    assert target.read_text(encoding="utf-8") == "second — é\n"
    assert os.listdir(tmp_path) == ["report.md"]


def test_keeps_newlines_as_written(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    write_atomic(target, "a\r\nb\n")
    assert target.read_bytes() == b"a\r\nb\n"


def test_failing_renderer_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"

    def broken() -> str:
        raise Boom

    with pytest.raises(Boom):
        render_to_file(target, broken)
    assert os.listdir(tmp_path) == []


def test_failure_midway_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def fail_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["report.json"]  # the temp file is gone too


def test_unencodable_text_leaves_old_file(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "half written, then \udc80", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["r.txt"]


def test_renders_a_real_report(tmp_path: Path, report: Report) -> None:
    target = tmp_path / "out.sarif"
    renderer = get_renderer("sarif")
    render_to_file(target, lambda: renderer.render(report, RenderOptions()))
    assert target.read_text(encoding="utf-8").startswith("{")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600


def test_writes_pieces_as_they_come(tmp_path: Path) -> None:
    target = tmp_path / "report.jsonl"
    write_atomic(target, (f'{{"n": {n}}}\n' for n in range(3)))
    assert target.read_text(encoding="utf-8") == '{"n": 0}\n{"n": 1}\n{"n": 2}\n'


def test_a_stream_failing_half_way_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def pieces() -> Iterator[str]:
        yield "[\n"
        raise Boom

    with pytest.raises(Boom):
        write_atomic(target, pieces())
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["report.json"]


def test_write_stream_ends_with_one_newline() -> None:
    out = io.StringIO()
    write_stream(out, iter(["a", "b", ""]))
    assert out.getvalue() == "ab\n"
    out = io.StringIO()
    write_stream(out, "done\n")
    assert out.getvalue() == "done\n"
    out = io.StringIO()
    write_stream(out, iter([]))
    assert out.getvalue() == ""
