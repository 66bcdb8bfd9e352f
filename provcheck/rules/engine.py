"""Run every registered rule on one document and apply the suppressions.

Three ways to silence a finding, all applied here so that rules stay unaware of them:
``settings.ignored_rules`` (ids or names, from config or CLI), inline markers in the
document (``provcheck: ignore PV304``, collected by extraction into ``doc.suppressions``;
``*`` or ``all`` silences every rule), and ``settings.ignored_urls`` (exact URLs or
fnmatch globs, matched against the URL as written and its normalised form).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

from provcheck.models import Finding
from provcheck.rules.base import Rule, RuleContext, url_key
from provcheck.rules.registry import RULE_ORDER, RULES, get_rule

logger = logging.getLogger(__name__)

_ALL = frozenset({"*", "ALL"})


def _rule_ids(keys: Iterable[str]) -> frozenset[str]:
    """Upper-case ids for ids or names; unknown keys are kept as given (they match nothing)."""
    ids: set[str] = set()
    for key in keys:
        rule = get_rule(key)
        ids.add(rule.id if rule is not None else key.strip().upper())
    return frozenset(ids)


def url_forms(ctx: RuleContext, url: str) -> frozenset[str]:
    """The forms of a URL an ignore pattern may name: as written, normalised, keyed."""
    forms = {url, url_key(url)}
    for link in ctx.doc.links:
        if link.url == url and link.facts is not None:
            forms.add(link.facts.normalized)
    return frozenset(forms)


def url_ignored(ctx: RuleContext, url: str | None) -> bool:
    """Whether ``url`` matches one of ``settings.ignored_urls`` (exact, keyed or glob)."""
    patterns = ctx.settings.ignored_urls
    if url is None or not patterns:
        return False
    forms = url_forms(ctx, url)
    for pattern in patterns:
        if pattern in forms or url_key(pattern) in forms:
            return True
        if any(fnmatchcase(form, pattern) for form in forms):
            return True
    return False


def run_rules(ctx: RuleContext, rules: Sequence[Rule] = RULES) -> tuple[Finding, ...]:
    """All findings for one document, suppressions applied, in rule-table then line order.

    A rule that raises on odd input is logged and skipped, so that one document cannot
    stop an audit of thousands; the other rules still run.
    """
    suppressed = _rule_ids(ctx.settings.ignored_rules) | _rule_ids(ctx.doc.suppressions)
    if suppressed & _ALL:
        return ()
    findings: list[Finding] = []
    for rule in rules:
        if rule.id in suppressed:
            continue
        try:
            found = rule.run(ctx)
        except Exception:
            logger.exception("rule %s failed on %s; skipped", rule.id, ctx.doc.path)
            continue
        findings.extend(f for f in found if not url_ignored(ctx, f.url))
    findings.sort(
        key=lambda f: (
            RULE_ORDER.get(f.rule, len(RULE_ORDER)),
            f.line if f.line is not None else 0,
            f.url or "",
            f.message,
        )
    )
    return tuple(findings)
