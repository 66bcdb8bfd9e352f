"""Rule documentation as text, for ``provcheck rules`` and ``provcheck rules PV101``."""

from __future__ import annotations

from provcheck.rules.base import Rule
from provcheck.rules.registry import RULES


def render_rule_doc(rule: Rule) -> str:
    """One rule's documentation as Markdown (also readable as plain text)."""
    return (
        f"# {rule.id} {rule.name}\n\n"
        f"Default severity: {rule.severity.value}\n\n"
        f"{rule.summary}\n\n"
        f"## What it does\n\n{rule.docs.what}\n\n"
        f"## Why it matters\n\n{rule.docs.why}\n\n"
        f"## Example\n\n{rule.docs.example}\n\n"
        f"## How to fix\n\n{rule.docs.fix}\n"
    )


def rule_table() -> list[tuple[str, str, str, str]]:
    """``(id, name, severity, summary)`` for every rule, in table order."""
    return [(rule.id, rule.name, rule.severity.value, rule.summary) for rule in RULES]
