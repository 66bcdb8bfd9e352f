"""The one ordered table of rules.

Adding a rule means writing it in the module of its family and listing it here; nothing
else discovers rules. The order is the id order, and it is the order findings are
reported in for each document.
"""

from __future__ import annotations

from provcheck.rules.base import Rule
from provcheck.rules.capture import PV401, PV402, PV403, PV404, PV405, PV406, PV407
from provcheck.rules.corpus_rules import PV501, PV502, PV503
from provcheck.rules.dating import PV201, PV202, PV203, PV204
from provcheck.rules.integrity_links import PV301, PV302, PV303, PV308, PV309
from provcheck.rules.integrity_markup import PV304, PV305, PV311, PV312
from provcheck.rules.integrity_original import PV306, PV307, PV310
from provcheck.rules.temporal import PV101, PV102, PV103
from provcheck.rules.weekdays import PV205

RULES: tuple[Rule, ...] = (
    # PV1xx temporal coherence of links
    PV101,
    PV102,
    PV103,
    # PV2xx the document's own date
    PV201,
    PV202,
    PV203,
    PV204,
    PV205,
    # PV3xx link integrity
    PV301,
    PV302,
    PV303,
    PV304,
    PV305,
    PV306,
    PV307,
    PV308,
    PV309,
    PV310,
    PV311,
    PV312,
    # PV4xx attribution and capture quality
    PV401,
    PV402,
    PV403,
    PV404,
    PV405,
    PV406,
    PV407,
    # PV5xx corpus cross-reference
    PV501,
    PV502,
    PV503,
)

_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
#: Position of each rule in the table, for ordering findings.
RULE_ORDER: dict[str, int] = {rule.id: index for index, rule in enumerate(RULES)}


def get_rule(key: str) -> Rule | None:
    """The rule with this id (``PV101``, case-insensitive) or name (``anachronistic-link``).

    ``None`` for an unknown key: the CLI turns that into a usage error.
    """
    return _BY_ID.get(key.strip().upper()) or _BY_NAME.get(key.strip().lower())
