import io
import sys

from provcheck.progress import RunProgress


def test_phases_are_counted_even_when_silent():
    with RunProgress(enabled=False) as progress:
        progress.phase("reading documents", 3)
        for _ in range(3):
            progress.advance()
        progress.phase("checking links", 2)
        progress.advance("any status object")
    assert progress.counts == {"reading documents": 3, "checking links": 1}


def test_bar_is_drawn_on_a_terminal(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    with RunProgress(force=True) as progress:
        progress.phase("checking links", 4)
        for _ in range(4):
            progress.advance()
    assert "checking links" in stream.getvalue()


def test_not_a_terminal_means_no_output(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    with RunProgress() as progress:
        progress.phase("checking links", 1)
        progress.advance()
    assert stream.getvalue() == ""
