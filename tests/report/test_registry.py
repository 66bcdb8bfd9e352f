"""The renderer table: names, lookup, and every format renders the fixture deterministically."""

from __future__ import annotations

import dataclasses

import pytest

from provcheck.errors import ExitCode, UsageError
from provcheck.models import Report
from provcheck.report.base import Renderer, RenderOptions
from provcheck.report.registry import RENDERERS, describe, get_renderer
from provcheck.spool import Spool


def test_table_order_and_names() -> None:
    assert list(RENDERERS) == [
        "table",
        "json",
        "jsonl",
        "sarif",
        "junit",
        "csv",
        "csv-links",
        "markdown",
        "html",
    ]
    assert all(name == r.name for name, r in RENDERERS.items())
    assert [d[0] for d in describe()] == list(RENDERERS)
    assert all(d[2] for d in describe())


def test_get_renderer_is_case_insensitive() -> None:
    assert get_renderer(" SARIF ").extension == "sarif"


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as info:
        get_renderer("pdf")
    assert info.value.exit_code is ExitCode.USAGE
    assert "csv-links" in info.value.hint


@pytest.mark.parametrize("name", list(RENDERERS))
def test_every_renderer_is_pure_and_deterministic(report: Report, name: str) -> None:
    renderer: Renderer = get_renderer(name)
    options = RenderOptions(verbose=True)
    first = renderer.render(report, options)
    assert first.endswith("\n")
    assert first == renderer.render(report, options)
    assert report.documents[0].extracted.path in first


@pytest.mark.parametrize("name", list(RENDERERS))
def test_every_renderer_handles_an_empty_report(name: str) -> None:
    text = get_renderer(name).render(Report(documents=()), RenderOptions())
    assert isinstance(text, str)


@pytest.mark.parametrize("name", list(RENDERERS))
def test_pieces_join_to_the_rendered_text(report: Report, name: str) -> None:
    renderer = get_renderer(name)
    for options in (RenderOptions(), RenderOptions(verbose=True, quiet=True)):
        pieces = list(renderer.chunks(report, options))
        assert all(isinstance(piece, str) for piece in pieces)
        assert "".join(pieces) == renderer.render(report, options)


@pytest.mark.parametrize(
    "name", ["json", "jsonl", "sarif", "csv", "csv-links", "table", "markdown", "junit", "html"]
)
def test_batch_formats_stream_a_document_at_a_time(report: Report, name: str) -> None:
    pieces = list(get_renderer(name).chunks(report, RenderOptions()))
    assert len(pieces) > len(report.documents) or name.startswith("csv")
    spooled = dataclasses.replace(report, documents=Spool(report.documents))
    assert "".join(get_renderer(name).chunks(spooled, RenderOptions())) == "".join(pieces)


def test_the_table_imports_a_format_only_when_it_is_used() -> None:
    """Choosing JSON must not import the terminal renderer (and rich) or the HTML report."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from provcheck.models import Report\n"
        "from provcheck.report.base import RenderOptions\n"
        "from provcheck.report.registry import get_renderer\n"
        "loaded = set(sys.modules)\n"
        "get_renderer('json').render(Report(documents=()), RenderOptions())\n"
        "after = set(sys.modules)\n"
        "print(sorted(m for m in after if m.startswith('provcheck.report.')))\n"
        "print('provcheck.report.json_renderer' in loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    modules = out[0]
    assert "provcheck.report.json_renderer" in modules
    assert "provcheck.report.terminal" not in modules
    assert "provcheck.report.html" not in modules
    assert out[1] == "False"  # imported by render(), not by the table
