"""Every rule of the catalog (design/RULES.md) is registered, named, documented and tested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from provcheck.models import Severity
from provcheck.rules.registry import RULES, get_rule
from provcheck.scoring import WEIGHTS

CATALOG = {
    "PV101": ("anachronistic-link", Severity.ERROR),
    "PV102": ("possible-anachronism", Severity.WARNING),
    "PV103": ("link-dated-after-publication-explained", Severity.INFO),
    "PV201": ("missing-date", Severity.WARNING),
    "PV202": ("conflicting-dates", Severity.WARNING),
    "PV203": ("impossible-date", Severity.ERROR),
    "PV204": ("inferred-date", Severity.INFO),
    "PV205": ("weekday-mismatch", Severity.WARNING),
    "PV301": ("broken-link", Severity.ERROR),
    "PV302": ("soft-404", Severity.WARNING),
    "PV303": ("redirect-to-root", Severity.WARNING),
    "PV304": ("placeholder-link", Severity.WARNING),
    "PV305": ("malformed-url", Severity.ERROR),
    "PV306": ("broken-original-url", Severity.ERROR),
    "PV307": ("original-url-mismatch", Severity.WARNING),
    "PV308": ("archived-copy-available", Severity.INFO),
    "PV309": ("restricted-link", Severity.INFO),
    "PV310": ("content-drift", Severity.WARNING),
    "PV311": ("duplicate-link", Severity.INFO),
    "PV312": ("unverified-link", Severity.INFO),
    "PV401": ("missing-byline", Severity.WARNING),
    "PV402": ("missing-publisher", Severity.INFO),
    "PV403": ("no-sources", Severity.WARNING),
    "PV404": ("unlinked-attribution", Severity.INFO),
    "PV405": ("boilerplate-contamination", Severity.WARNING),
    "PV406": ("stripped-related-headlines", Severity.WARNING),
    "PV407": ("extraction-artifacts", Severity.INFO),
    "PV501": ("near-duplicate", Severity.INFO),
    "PV502": ("related-link-corpus-mismatch", Severity.WARNING),
    "PV503": ("quote-variant", Severity.INFO),
}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TESTS = Path(__file__).parent


def test_registry_matches_the_catalog_in_order() -> None:
    assert len(CATALOG) == 30
    assert [rule.id for rule in RULES] == list(CATALOG)


@pytest.mark.parametrize("rule_id", list(CATALOG))
def test_rule_metadata(rule_id: str) -> None:
    rule = get_rule(rule_id)
    assert rule is not None
    name, severity = CATALOG[rule_id]
    assert rule.name == name
    assert KEBAB.match(rule.name)
    assert rule.severity is severity
    assert rule.summary.strip()
    assert "\n" not in rule.summary
    for section in (rule.docs.what, rule.docs.why, rule.docs.example, rule.docs.fix):
        assert section.strip()
    assert get_rule(rule.name) is rule
    assert get_rule(rule_id.lower()) is rule
    assert rule_id in WEIGHTS


@pytest.mark.parametrize("rule_id", list(CATALOG))
def test_each_rule_has_a_test(rule_id: str) -> None:
    own = Path(__file__).name
    pattern = re.compile(rf'run\("{rule_id}"|_{rule_id.lower()}_')
    files = [p for p in TESTS.glob("test_*.py") if p.name != own]
    assert any(pattern.search(p.read_text(encoding="utf-8")) for p in files), rule_id


def test_unknown_rule() -> None:
    assert get_rule("PV999") is None
    assert get_rule("no-such-rule") is None
