"""Provenance confidence: a deterministic 0-100 score per document, with its reasons.

The model, all in the tables below:

1. Start from 100.
2. Each finding costs its rule's ``points`` (:data:`WEIGHTS`), scaled by how sure the
   evidence is (:data:`CERTAINTY_FACTOR`) and by how far the finding's severity was lowered
   or raised from the rule's default (:data:`SEVERITY_FACTOR`, as a ratio to the default),
   so a PV202 raised to error costs more and a PV203 lowered to warning costs less.
3. A rule's findings together cost at most its ``rule_cap``: eight stripped links are
   worse than one, but not eight times worse.
4. Rules are grouped in categories, each capped (:data:`CATEGORY_CAPS`), so that one kind
   of problem cannot sink a document on its own; a capped category's reasons are scaled down
   proportionally.
5. Each rule's deduction is rounded to whole points; the score is 100 minus their sum
   (never below 0), and the reasons list each rule with the points it cost, largest first.

Unverified links (PV312) cost nothing; they only make the score *provisional*: when fewer
than 60% of the fetchable links (placeholders and malformed URLs excluded) were checked.
A document with no fetchable link is not provisional: there was nothing to check.
Restricted links (PV309) and available archived copies (PV308) cost nothing either.

Calibration: on five captures of one news event, the ordering an archivist gives
(a well-dated Markdown copy with stripped links and a dated PDF print with one anachronistic
related link above an undated scrape and a caption-dated page; an undated, unlinked blog
post lowest) is reproduced by ``tests/test_scoring.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from provcheck.models import (
    Certainty,
    Confidence,
    Finding,
    Link,
    LinkStatus,
    Reason,
    Severity,
)
from provcheck.rules.link_verdicts import UNCHECKED, is_fetchable
from provcheck.rules.registry import RULE_ORDER, get_rule


class Category(StrEnum):
    """Groups of rules whose deductions are capped together."""

    DATING = "dating"
    TEMPORAL = "temporal coherence"
    LINKS = "link integrity"
    CAPTURE = "attribution and capture"
    CORPUS = "corpus"


@dataclass(frozen=True, slots=True)
class Weight:
    """What one finding of a rule costs, and the most all its findings together cost."""

    category: Category
    points: float
    rule_cap: float


def _w(category: Category, points: float, cap: float | None = None) -> Weight:
    return Weight(category, points, points if cap is None else cap)


#: THE weights table: rule -> (category, points per finding at default severity and high
#: certainty, cap for all findings of the rule). Document-level rules fire once: cap = points.
WEIGHTS: dict[str, Weight] = {
    # temporal coherence: a link newer than the document undermines its link trail
    "PV101": _w(Category.TEMPORAL, 15, 25),
    "PV102": _w(Category.TEMPORAL, 8, 16),
    "PV103": _w(Category.TEMPORAL, 1, 3),
    # dating: an undated or wrongly dated document cannot be placed or cited
    "PV201": _w(Category.DATING, 20),
    "PV202": _w(Category.DATING, 10, 17),
    "PV203": _w(Category.DATING, 15, 20),
    "PV204": _w(Category.DATING, 8),
    "PV205": _w(Category.DATING, 5, 10),
    # link integrity: lost sources
    "PV301": _w(Category.LINKS, 8, 24),
    "PV302": _w(Category.LINKS, 6, 18),
    "PV303": _w(Category.LINKS, 5, 15),
    "PV304": _w(Category.LINKS, 2, 10),
    "PV305": _w(Category.LINKS, 4, 12),
    "PV306": _w(Category.LINKS, 15),
    "PV307": _w(Category.LINKS, 6, 12),
    "PV308": _w(Category.LINKS, 0),  # good news: a substitute exists
    "PV309": _w(Category.LINKS, 0),  # restricted is not broken
    "PV310": _w(Category.LINKS, 10),
    "PV311": _w(Category.LINKS, 1, 3),
    "PV312": _w(Category.LINKS, 0),  # unverified costs nothing; it makes the score provisional
    # attribution and capture quality
    "PV401": _w(Category.CAPTURE, 8),
    "PV402": _w(Category.CAPTURE, 4),
    "PV403": _w(Category.CAPTURE, 12),
    "PV404": _w(Category.CAPTURE, 4),
    "PV405": _w(Category.CAPTURE, 6),
    "PV406": _w(Category.CAPTURE, 5),
    "PV407": _w(Category.CAPTURE, 2, 6),
    # corpus cross-reference
    "PV501": _w(Category.CORPUS, 1, 2),
    "PV502": _w(Category.CORPUS, 5, 10),
    "PV503": _w(Category.CORPUS, 2, 6),
}

#: Most points a whole category can cost.
CATEGORY_CAPS: dict[Category, float] = {
    Category.DATING: 30,
    Category.TEMPORAL: 25,
    Category.LINKS: 30,
    Category.CAPTURE: 35,
    Category.CORPUS: 10,
}

#: Weaker evidence costs less.
CERTAINTY_FACTOR: dict[Certainty, float] = {
    Certainty.HIGH: 1.0,
    Certainty.MEDIUM: 0.75,
    Certainty.LOW: 0.5,
}

#: Relative weight of severities; a finding costs points * factor(its) / factor(default).
SEVERITY_FACTOR: dict[Severity, float] = {
    Severity.ERROR: 1.0,
    Severity.WARNING: 0.6,
    Severity.INFO: 0.3,
}

#: Lower bounds of the bands, best first.
BANDS: tuple[tuple[int, str], ...] = ((90, "high"), (75, "good"), (60, "mixed"), (40, "low"))
LOWEST_BAND = "very low"
#: Below this share of checked fetchable links the score is provisional.
PROVISIONAL_BELOW = 0.6


def band(score: int) -> str:
    """The band name for a score."""
    for floor, name in BANDS:
        if score >= floor:
            return name
    return LOWEST_BAND


def checked_ratio(links: Sequence[Link], statuses: Sequence[LinkStatus | None]) -> float:
    """Share of fetchable links that got a real verdict; 1.0 when there is none to check.

    Unverified and rate-limited links were not checked; placeholders and malformed URLs
    are not fetchable and do not count either way.
    """
    fetchable = checked = 0
    for index, link in enumerate(links):
        status = statuses[index] if index < len(statuses) else None
        if not is_fetchable(link, status):
            continue
        fetchable += 1
        if status is not None and status.state not in UNCHECKED:
            checked += 1
    return checked / fetchable if fetchable else 1.0


def finding_cost(finding: Finding) -> float:
    """Points one finding costs before the caps."""
    weight = WEIGHTS.get(finding.rule)
    if weight is None:
        return 0.0
    rule = get_rule(finding.rule)
    default = rule.severity if rule is not None else finding.severity
    ratio = SEVERITY_FACTOR[finding.severity] / SEVERITY_FACTOR[default]
    return weight.points * ratio * CERTAINTY_FACTOR[finding.confidence]


def _reason_message(findings: list[Finding]) -> str:
    first = findings[0]
    if len(findings) == 1:
        return f"{first.name}: {first.message}"
    return f"{first.name} ({len(findings)} findings), e.g.: {first.message}"


def score_document(
    findings: Iterable[Finding],
    links: Sequence[Link],
    statuses: Sequence[LinkStatus | None],
) -> Confidence:
    """The document's provenance confidence from its findings and link verdicts."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.rule in WEIGHTS:
            by_rule[finding.rule].append(finding)
    raw: dict[str, float] = {}
    for rule, group in by_rule.items():
        cost = min(sum(finding_cost(f) for f in group), WEIGHTS[rule].rule_cap)
        if cost > 0:
            raw[rule] = cost
    totals: dict[Category, float] = defaultdict(float)
    for rule, cost in raw.items():
        totals[WEIGHTS[rule].category] += cost
    reasons: list[Reason] = []
    for rule in sorted(raw, key=lambda r: RULE_ORDER.get(r, len(RULE_ORDER))):
        category = WEIGHTS[rule].category
        cap = CATEGORY_CAPS[category]
        scale = cap / totals[category] if totals[category] > cap else 1.0
        points = int(raw[rule] * scale + 0.5)  # half up, not banker's rounding
        if points > 0:
            reasons.append(Reason(rule, points, category.value, _reason_message(by_rule[rule])))
    reasons.sort(key=lambda r: (-r.points, RULE_ORDER.get(r.rule, len(RULE_ORDER))))
    score = max(0, 100 - sum(r.points for r in reasons))
    ratio = checked_ratio(links, statuses)
    return Confidence(
        score=score,
        band=band(score),
        provisional=ratio < PROVISIONAL_BELOW,
        checked_ratio=round(ratio, 3),
        reasons=tuple(reasons),
    )
