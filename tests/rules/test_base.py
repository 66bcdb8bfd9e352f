"""The rule seam: context helpers, finding construction, message helpers."""

from __future__ import annotations

from dataclasses import replace

from provcheck.models import (
    Certainty,
    CorpusFacts,
    DateCandidate,
    DateSource,
    DocFormat,
    LinkState,
    Severity,
    WeekdayMention,
)
from provcheck.rules.base import listing, quote
from provcheck.rules.registry import RULES
from tests.rules.builders import cand, ctx, dates, doc, link, pdate, run, status

A = "https://a.example/one"
B = "https://b.example/two"


def test_pairs_pads_missing_statuses_with_none() -> None:
    d = doc(links=(link(A), link(B)))
    pairs = list(ctx(d, (status(A, LinkState.BROKEN),)).pairs())
    assert [s.state if s else None for _, s in pairs] == [LinkState.BROKEN, None]


def test_unique_pairs_lists_lines_of_repeated_urls() -> None:
    d = doc(links=(link(A, line=2), link(B, line=3), link(A + "#top", line=8)))
    unique = list(ctx(d).unique_pairs())
    assert [(lnk.url, lines) for lnk, _, lines in unique] == [(A, (2, 8)), (B, (3,))]


def test_date_candidate_prefers_own_date_then_inherited() -> None:
    inherited = DateCandidate(pdate("2020-01-02"), DateSource.INHERITED, "dup")
    corpus = CorpusFacts(inherited_date=inherited, inherited_from="other.txt")
    own = ctx(doc(), corpus=corpus).date_candidate()
    assert own[0] is not None
    assert own[1] is False
    assert own[0].source is DateSource.DATELINE
    assert ctx(doc(date=dates(None)), corpus=corpus).date_candidate() == (inherited, True)
    assert ctx(doc(date=dates(None))).date_candidate() == (None, False)


def test_finding_fills_rule_fields_and_keeps_original_lines() -> None:
    rule = RULES[0]
    d = replace(doc(), document=replace(doc().document, line_map=(10, 20, 30)))
    f = rule.finding(ctx(d), "msg", line=2, url=A, evidence=[("k", "v")])
    assert (f.rule, f.name, f.severity, f.confidence) == (
        rule.id,
        rule.name,
        rule.severity,
        Certainty.HIGH,
    )
    assert f.line == 2  # extraction already reports original lines: no second mapping
    assert f.path == d.path
    assert f.evidence == (("k", "v"),)
    lowered = rule.finding(ctx(d), "msg", severity=Severity.INFO)
    assert lowered.severity is Severity.INFO


def test_quote_and_listing() -> None:
    assert quote("a  b\nc") == '"a b c"'
    assert quote("x" * 100, 10) == '"' + "x" * 9 + '…"'
    assert listing(["a", "b", "c"], limit=2) == [("1", "a"), ("2", "b"), ("more", "1")]


def test_pv205_on_html_reads_the_text_lines_behind_an_original_line() -> None:
    text = "Intro paragraph.\nProtests resumed on Sunday, March 27, after a pause.\n"
    base = doc(text=text, date=dates(cand("2021-03-29")))
    html = replace(
        base,
        document=replace(base.document, format=DocFormat.HTML, line_map=(40, 57, 58)),
        weekdays=(WeekdayMention(6, "Sunday", "on Sunday", 57, True),),
    )
    found = run("PV205", ctx(html))
    assert len(found) == 1
    assert found[0].line == 57
