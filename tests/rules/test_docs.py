"""Rule documentation rendering."""

from __future__ import annotations

from provcheck.rules.docs import render_rule_doc, rule_table
from provcheck.rules.registry import RULES, get_rule


def test_render_rule_doc_has_all_sections() -> None:
    rule = get_rule("PV101")
    assert rule is not None
    text = render_rule_doc(rule)
    assert text.startswith("# PV101 anachronistic-link\n")
    assert "Default severity: error" in text
    for heading in ("## What it does", "## Why it matters", "## Example", "## How to fix"):
        assert heading in text


def test_rule_table_lists_every_rule_in_order() -> None:
    table = rule_table()
    assert [row[0] for row in table] == [rule.id for rule in RULES]
    assert table[0][:3] == ("PV101", "anachronistic-link", "error")
    assert table[0][3] == RULES[0].summary
