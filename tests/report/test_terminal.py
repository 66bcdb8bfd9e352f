"""Terminal text: plain without colour, coloured with it, and never driven by document text."""

from __future__ import annotations

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.terminal import render_terminal
from tests.report.fixture_report import DOC_A, DOC_B, DOC_C, with_title

ESC = "\x1b"


def test_plain_without_color(report: Report) -> None:
    text = render_terminal(report, RenderOptions(color=False))
    assert ESC not in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_color_adds_ansi_styles(report: Report) -> None:
    text = render_terminal(report, RenderOptions(color=True))
    assert f"{ESC}[" in text
    plain = render_terminal(report, RenderOptions(color=False))
    assert "very low" in plain
    assert "very low" in text


def test_scores_bands_and_top_three_reasons(report: Report) -> None:
    text = render_terminal(report, RenderOptions())
    assert "92  high      archive/2021/harbour-bridge-reopens.md" in text
    assert "68  mixed     archive/undated/market-fire.txt  (provisional: 25% of links checked)" in (
        text
    )
    assert "-25  PV101  link dated after publication" in text
    assert "-5   PV303" not in text  # fourth and fifth reasons are summarised
    assert "(+2 more)" in text
    assert "\nTotals: 3 documents, 1 skipped; findings 4 error, 5 warning, 3 info" in text
    assert "\nLinks: 14 — 3 alive, 2 redirected" in text


def test_quiet_shows_only_problems(report: Report) -> None:
    text = render_terminal(report, RenderOptions(quiet=True))
    assert DOC_B in text
    assert f"  {DOC_A}\n" not in text
    assert "high      " not in text
    assert "Info (" not in text
    assert "Warnings (5)" in text
    assert "Skipped" not in text


def test_verbose_lists_every_link_with_chain(report: Report) -> None:
    text = render_terminal(report, RenderOptions(verbose=True))
    assert "http://transport.example/bridge-works [301] -> https://transport.example/" in text
    assert "archived:" in text
    assert "L16   unverified" in text  # the link that was never checked
    assert text.count(" L") >= sum(len(d.extracted.links) for d in report.documents)
    assert DOC_C in text


def test_escape_sequences_and_markup_in_titles_are_inert(report: Report) -> None:
    changed = with_title(report, "[bold red]Fake[/] \x1b[2J\x1b]0;pwned\x07 title")
    for color in (False, True):
        text = render_terminal(changed, RenderOptions(color=color))
        assert "[bold red]Fake[/]" in text
        assert "\x1b[2J" not in text
        assert "\x1b]0;" not in text
