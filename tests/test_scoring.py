"""Confidence scoring: calibration order, caps, provisional, bands, explanations."""

from __future__ import annotations

import pytest

from provcheck.models import Certainty, Finding, LinkRole, LinkState, Severity
from provcheck.rules.registry import get_rule
from provcheck.scoring import (
    CATEGORY_CAPS,
    WEIGHTS,
    Category,
    band,
    checked_ratio,
    finding_cost,
    score_document,
)
from tests.rules.builders import link, status

H, M, L = Certainty.HIGH, Certainty.MEDIUM, Certainty.LOW


def f(rule_id: str, confidence: Certainty = H, severity: Severity | None = None) -> Finding:
    rule = get_rule(rule_id)
    assert rule is not None
    return Finding(
        rule=rule_id,
        name=rule.name,
        severity=severity or rule.severity,
        confidence=confidence,
        message=f"{rule.summary}",
        path="archive/doc.txt",
    )


# Finding sets an audit gives five captures of one event (fictional stand-ins):
PRINT = [  # dated PDF print: one anachronistic related link, artifacts, corpus matches
    f("PV101", M),
    f("PV311"),
    f("PV407"),
    f("PV407"),
    f("PV501"),
    f("PV502"),
    f("PV312"),
    f("PV312"),
    f("PV312"),
]
SCRAPE = [  # undated web scrape of the same article: date inherited, boilerplate
    f("PV204"),
    f("PV405", M),
    f("PV501"),
    f("PV401", M),
    f("PV402", M),
    f("PV403"),
]
BLOG = [  # undated, unlinked blog post
    f("PV201"),
    f("PV401", M),
    f("PV403"),
    f("PV404", M),
    f("PV405", M),
    f("PV402", M),
    f("PV503", M),
    f("PV407"),
]
WIDGETS = [  # page with flattened widgets, caption date only
    f("PV204"),
    f("PV401", M),
    f("PV402", M),
    f("PV403"),
    f("PV404", M),
    f("PV405", M),
    f("PV406"),
]
MARKDOWN = [f("PV304")] * 8 + [f("PV312")]  # well dated, eight stripped links


def score(findings: list[Finding]) -> int:
    return score_document(findings, (), ()).score


def test_calibration_order_on_the_five_captures() -> None:
    s = {
        name: score(x)
        for name, x in [
            ("print", PRINT),
            ("scrape", SCRAPE),
            ("blog", BLOG),
            ("widgets", WIDGETS),
            ("markdown", MARKDOWN),
        ]
    }
    assert min(s["markdown"], s["print"]) > max(s["scrape"], s["widgets"])
    assert min(s["scrape"], s["widgets"]) > s["blog"]
    assert band(s["markdown"]) in ("high", "good")
    assert band(s["blog"]) in ("low", "very low")


def test_no_findings_is_full_score() -> None:
    c = score_document([], (), ())
    assert (c.score, c.band, c.reasons, c.provisional) == (100, "high", (), False)


def test_unverified_links_cost_nothing_but_make_it_provisional() -> None:
    links = (link("https://a.example/1"), link("https://a.example/2"))
    c = score_document([f("PV312"), f("PV312")], links, (None, None))
    assert c.score == 100
    assert c.reasons == ()
    assert c.provisional
    assert c.checked_ratio == 0.0


def test_provisional_threshold_ignores_placeholders() -> None:
    links = (
        link("https://a.example/1"),
        link("https://a.example/2"),
        link("https://a.example/3"),
        link("#", role=LinkRole.PLACEHOLDER),
        link("#", role=LinkRole.PLACEHOLDER),
    )
    two_of_three = (status("1"), status("2", LinkState.BROKEN), None, None, None)
    assert checked_ratio(links, two_of_three) == pytest.approx(2 / 3)
    assert not score_document([], links, two_of_three).provisional
    one_of_three = (status("1"), status("2", LinkState.UNVERIFIED), None, None, None)
    assert score_document([], links, one_of_three).provisional
    only_placeholders = links[3:]
    assert checked_ratio(only_placeholders, ()) == 1.0
    assert not score_document([], only_placeholders, ()).provisional


def test_rule_cap_limits_repeated_findings() -> None:
    c = score_document([f("PV304")] * 20, (), ())
    assert c.reasons[0].points == WEIGHTS["PV304"].rule_cap
    assert "20 findings" in c.reasons[0].message


def test_category_cap() -> None:
    many = [f("PV301")] * 3 + [f("PV306"), f("PV310"), f("PV302")] * 1 + [f("PV303")] * 3
    c = score_document(many, (), ())
    lost = sum(r.points for r in c.reasons if r.category == Category.LINKS.value)
    assert lost <= CATEGORY_CAPS[Category.LINKS] + 1  # +1: per-reason rounding
    assert c.score >= 100 - CATEGORY_CAPS[Category.LINKS] - 1


def test_certainty_and_severity_scale_the_cost() -> None:
    assert finding_cost(f("PV301", H)) > finding_cost(f("PV301", M)) > finding_cost(f("PV301", L))
    raised = f("PV202", H, Severity.ERROR)
    assert finding_cost(raised) > finding_cost(f("PV202", H))
    lowered = f("PV203", L, Severity.WARNING)
    assert finding_cost(lowered) < finding_cost(f("PV203", H))


def test_reasons_sorted_by_points_and_name_the_rule() -> None:
    c = score_document(BLOG, (), ())
    points = [r.points for r in c.reasons]
    assert points == sorted(points, reverse=True)
    assert c.reasons[0].rule == "PV201"
    assert c.reasons[0].message.startswith("missing-date")
    assert c.score == 100 - sum(points)
    assert score_document(BLOG, (), ()) == c  # deterministic


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (100, "high"),
        (90, "high"),
        (89, "good"),
        (75, "good"),
        (74, "mixed"),
        (60, "mixed"),
        (59, "low"),
        (40, "low"),
        (39, "very low"),
        (0, "very low"),
    ],
)
def test_bands(value: int, name: str) -> None:
    assert band(value) == name


def test_score_never_negative() -> None:
    everything = [f(rule) for rule in WEIGHTS for _ in range(5)]
    c = score_document(everything, (), ())
    assert c.score >= 0
    assert c.band == "very low"


def test_mailto_links_do_not_make_the_score_provisional() -> None:
    links = (link("mailto:desk@gazette.example"),)
    assert checked_ratio(links, (None,)) == 1.0
    assert not score_document([], links, (None,)).provisional
