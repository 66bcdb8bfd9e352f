"""run_rules: all rules, suppressions, deterministic order."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace

import pytest

from provcheck.models import ExtractedDocument, Finding, LinkRole
from provcheck.rules.base import RuleContext, url_key
from provcheck.rules.engine import run_rules
from provcheck.rules.registry import RULES
from tests.rules.builders import cand, ctx, dates, doc, link

REL = "https://gazette.example/2025/10/28/harbour-strike-ends"


def sample(suppressions: tuple[str, ...] = ()) -> ExtractedDocument:
    return doc(
        authors=(),
        date=dates(cand("2021-03-29")),
        links=(
            link("#", line=2, text="said", role=LinkRole.PLACEHOLDER),
            link(REL, line=9, text="related", role=LinkRole.RELATED, path_date="2025-10-28"),
            link(REL, line=11, text="related", role=LinkRole.RELATED, path_date="2025-10-28"),
        ),
        suppressions=suppressions,
    )


def rules_of(findings: Iterable[Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_run_rules_orders_by_rule_then_line() -> None:
    findings = run_rules(ctx(sample()))
    ids = rules_of(findings)
    assert ids == sorted(ids)
    assert ids == ["PV101", "PV304", "PV311", "PV312", "PV312", "PV401"]
    assert [f.line for f in findings if f.rule == "PV312"] == [9, 11]
    assert run_rules(ctx(sample())) == findings  # deterministic


def test_ignored_rules_by_id_or_name() -> None:
    ids = rules_of(run_rules(ctx(sample(), ignored_rules=frozenset({"pv304", "missing-byline"}))))
    assert "PV304" not in ids
    assert "PV401" not in ids
    assert "PV101" in ids


def test_inline_suppressions() -> None:
    ids = rules_of(run_rules(ctx(sample(suppressions=("PV311", "PV312")))))
    assert "PV311" not in ids
    assert "PV312" not in ids
    assert "PV304" in ids
    assert run_rules(ctx(sample(suppressions=("*",)))) == ()


def test_ignored_urls_exact_and_glob() -> None:
    exact = run_rules(ctx(sample(), ignored_urls=frozenset({REL})))
    assert all(f.url != REL for f in exact)
    assert "PV304" in rules_of(exact)
    glob = run_rules(ctx(sample(), ignored_urls=frozenset({"https://gazette.example/*"})))
    assert all(f.url != REL for f in glob)
    keyed = run_rules(
        ctx(
            sample(),
            ignored_urls=frozenset({"http://www.gazette.example/2025/10/28/harbour-strike-ends/"}),
        )
    )
    assert all(f.url != REL for f in keyed)
    other = run_rules(ctx(sample(), ignored_urls=frozenset({"https://elsewhere.example/*"})))
    assert REL in {f.url for f in other}


def test_url_key_is_lenient() -> None:
    assert url_key("http://www.Example.com/a/#x") == url_key("https://example.com/a")
    assert url_key("https://example.com/a?b=2&a=1") == url_key("https://example.com/a?a=1&b=2")
    assert url_key("https://example.com/a") != url_key("https://example.com/b")
    assert url_key("https://example.com:8080/a") != url_key("https://example.com/a")


def test_a_failing_rule_is_logged_and_skipped(caplog: pytest.LogCaptureFixture) -> None:
    def explode(_: RuleContext) -> list[Finding]:
        raise ValueError("odd input")

    broken = replace(RULES[0], check=explode)
    with caplog.at_level(logging.ERROR, logger="provcheck.rules.engine"):
        findings = run_rules(ctx(sample()), (broken, *RULES[1:]))
    assert "PV101" not in rules_of(findings)
    assert "PV304" in rules_of(findings)
    assert "PV101 failed" in caplog.text
