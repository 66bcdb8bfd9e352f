"""PV201-PV204: the document's own date."""

from __future__ import annotations

import datetime as dt

from provcheck.models import Certainty, CorpusFacts, DateCandidate, DateSource, Severity
from provcheck.rules.dating import gap_days
from tests.rules.builders import cand, ctx, dates, doc, pdate, run

INHERITED = DateCandidate(pdate("2021-03-29"), DateSource.INHERITED, "near-duplicate")
CORPUS = CorpusFacts(inherited_date=INHERITED, inherited_from="archive/print.txt")


def test_gap_days_handles_precision() -> None:
    assert gap_days(pdate("2021-03-26"), pdate("2021-03")) == 0
    assert gap_days(pdate("2021-03-26"), pdate("2021-03-29")) == 3
    assert gap_days(pdate("2021-05-02"), pdate("2021-03")) == 32
    assert gap_days(pdate("2020"), pdate("2021-01-02")) == 2


def test_pv201_fires_without_any_date() -> None:
    found = run("PV201", ctx(doc(date=dates(None))))
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert found[0].confidence is Certainty.HIGH


def test_pv201_silent_with_a_date() -> None:
    assert run("PV201", ctx(doc())) == []


def test_pv201_silent_when_date_is_inherited_and_pv204_fires_instead() -> None:
    d = doc(date=dates(None))
    assert run("PV201", ctx(d, corpus=CORPUS)) == []
    found = run("PV204", ctx(d, corpus=CORPUS))
    assert len(found) == 1
    assert "inherited from archive/print.txt" in found[0].message
    assert "2021-03-29" in found[0].message


def test_pv202_dateline_vs_metadata_warning_then_error() -> None:
    near = doc(date=dates(cand("2021-03-26"), cand("2021-03-29", DateSource.METADATA, None)))
    found = run("PV202", ctx(near))
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert "3 days" in found[0].message
    assert "2021-03-26 (dateline, line 1)" in found[0].message
    far = doc(date=dates(cand("2021-03-26"), cand("2021-06-01", DateSource.METADATA, None)))
    assert run("PV202", ctx(far))[0].severity is Severity.ERROR


def test_pv202_ignores_one_day_and_body_text_dates() -> None:
    d = doc(
        date=dates(
            cand("2021-03-26"),
            cand("2021-03-27", DateSource.URL),
            cand("2019-01-05", DateSource.TEXT, 9),
            cand("2020-07-01", DateSource.CAPTION, 4),
        )
    )
    assert run("PV202", ctx(d)) == []


def test_pv202_inherited_disagreement_stays_warning() -> None:
    d = doc(date=dates(cand("2021-01-02")))
    found = run("PV202", ctx(d, corpus=CORPUS))
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert "inherited from archive/print.txt" in found[0].message


def test_pv203_future_date_error_and_weak_source_warning() -> None:
    future = doc(date=dates(cand("2031-01-01", DateSource.METADATA)))
    found = run("PV203", ctx(future, today=dt.date(2024, 1, 1)))
    assert len(found) == 1
    assert found[0].severity is Severity.ERROR
    assert "future" in found[0].message
    weak = doc(date=dates(cand("2031-01-01", DateSource.CAPTION)))
    found = run("PV203", ctx(weak, today=dt.date(2024, 1, 1)))
    assert found[0].severity is Severity.WARNING
    assert found[0].confidence is Certainty.LOW


def test_pv203_before_1995_and_modified_before_published() -> None:
    old = doc(date=dates(cand("1970-01-01", DateSource.METADATA)))
    assert "before 1995-01-01" in run("PV203", ctx(old))[0].message
    backwards = doc(date=dates(cand("2021-03-26"), modified="2021-02-01"))
    found = run("PV203", ctx(backwards))
    assert len(found) == 1
    assert "modification date 2021-02-01 is before" in found[0].message


def test_pv203_ignores_old_dates_in_body_text() -> None:
    d = doc(date=dates(cand("2021-03-26"), cand("1988-08-08", DateSource.TEXT, 12)))
    assert run("PV203", ctx(d)) == []


def test_pv203_silent_on_plausible_dates() -> None:
    d = doc(date=dates(cand("2021-03-26"), modified="2021-03-27"))
    assert run("PV203", ctx(d)) == []
    assert run("PV203", ctx(doc(date=dates(None)))) == []


def test_pv204_caption_date_names_the_line() -> None:
    d = doc(date=dates(cand("2021-03-26", DateSource.CAPTION, 5)))
    found = run("PV204", ctx(d))
    assert len(found) == 1
    assert found[0].severity is Severity.INFO
    assert "photo caption (line 5)" in found[0].message


def test_pv204_silent_on_stated_date_and_no_date() -> None:
    assert run("PV204", ctx(doc())) == []
    assert run("PV204", ctx(doc(date=dates(None)))) == []
